/* SPDX-License-Identifier: MIT */
/*
 * verify_derived.h: the verifier's record of derived NBLs (level 2,
 * verify_nbl.c): which clones and fragments were made from which NBL, so
 * that freeing an NBL while NBLs made from it still live is reported
 * (UNDIS_RULE_PARENT_FREED_WITH_CLONES) whatever the driver does with
 * ChildRefCount.
 *
 * Records are made only at level 2, by a successful
 * NdisAllocateCloneNetBufferList / NdisAllocateFragmentNetBufferList, and
 * dropped by the matching free at any level while any record exists (the
 * free tests a counter, 0 unless level 2 made records, with the level), so
 * that a level lowered with derived NBLs alive leaves nothing stale behind.
 */
#ifndef UNDIS_VERIFY_DERIVED_H
#define UNDIS_VERIFY_DERIVED_H

#include "base/verify.h"

#define UNDIS__DERIVED_CLONE    0u
#define UNDIS__DERIVED_FRAGMENT 1u

/* Derived NBLs on record (changed under the records' lock). */
extern volatile uint64_t undis__derived_live;

static inline int
undis__derived_tracked(void)
{
    return (int)UNDIS_UNLIKELY(undis__atomic_load_u64(&undis__derived_live) != 0);
}

/* Record that child (kind UNDIS__DERIVED_*) was made from parent. When
 * memory runs out nothing is recorded (the verifier checks less; the call
 * never fails for it). */
void
undis__derived_note(const NET_BUFFER_LIST *parent, const NET_BUFFER_LIST *child, unsigned kind);

/* child is being freed: drop its record (nothing when it has none). */
void undis__derived_forget(const NET_BUFFER_LIST *child);

/* What undis__derived_free_ok does once the verifier is on or records exist. */
int undis__derived_free_slow(const char *call, const NET_BUFFER_LIST *nbl);

/*
 * The gate of NdisFreeCloneNetBufferList / NdisFreeFragmentNetBufferList:
 * the NBL argument (undis__verify_nbl_live) at level >= 1, and at level 2
 * no clone or fragment made from it still live; nbl's own record dropped
 * whenever records exist. 0 after a report: the free must do nothing.
 * With no records, level 0 pays two loads and a branch, level 1 the NBL
 * argument's check only.
 */
static inline int
undis__derived_free_ok(const char *call, const NET_BUFFER_LIST *nbl)
{
    const int level = undis__verifier_level;
    const uint64_t live = undis__atomic_load_u64(&undis__derived_live);
    if (UNDIS_LIKELY(((uint64_t)(unsigned)level | live) == 0)) {
        return 1;
    }
    if (level < 2 && live == 0) {
        return undis__verify_nbl_live(call, nbl); /* level 1: as any NBL argument */
    }
    return undis__derived_free_slow(call, nbl);
}

#endif /* UNDIS_VERIFY_DERIVED_H */
