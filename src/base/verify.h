/* SPDX-License-Identifier: MIT */
/*
 * verify.h: the verifier's internal interface (the public one is
 * <undis/verifier.h>). Entry points test undis__verify_on() -- one load and
 * a branch at level 0 -- and only then run their checks, before changing
 * anything. A check that reports returns 0; the entry point then fails
 * without side effects.
 */
#ifndef UNDIS_VERIFY_H
#define UNDIS_VERIFY_H

#include "base/internal.h"

#include <undis/verifier.h>

/*
 * The verifier level (0-3). Every read is a relaxed atomic load (a plain
 * load on x86), so the hot paths pay one load, and a level changed by
 * another thread is seen without a data race; only undis_verifier_set_level
 * writes the word. The process initialisation (base/process.c), which reads
 * UNDIS_VERIFIER, runs before the first pool or allocation exists.
 */
extern volatile int undis__verifier_level_word;
#define undis__verifier_level undis__atomic_load_relaxed_int(&undis__verifier_level_word)

/* A pointer-sized word of the poison freed objects are filled with. */
#define UNDIS__POISON_WORD ((uintptr_t)0xDFDFDFDFDFDFDFDFull)

static inline int
undis__verify_on(void)
{
    return (int)UNDIS_UNLIKELY(undis__verifier_level != 0);
}

static inline int
undis__verify_level(int level)
{
    return (int)UNDIS_UNLIKELY(undis__verifier_level >= level);
}

/* The gate of the inline fast paths (nb.c, <ndis/nbinline.h>): closed while
 * the level is 2 or more (called by undis_verifier_set_level) and while any
 * thread runs above DISPATCH_LEVEL (called by KfRaiseIrql / KeLowerIrql when
 * a thread crosses that line; above: 1 going up, 0 coming down). */
void undis__nb_gate_level(int level);
void undis__nb_gate_irql(int above);

/* Report a violation (the default report function does not return). */
void undis__report(undis_rule rule,
                   const char *call,
                   const void *object,
                   const NET_BUFFER *nb,
                   const NET_BUFFER_LIST *nbl,
                   const char *fmt,
                   ...) UNDIS_PRINTF(6, 7);

/*
 * Level 1 checks shared by many entry points: IRQL <= DISPATCH_LEVEL and,
 * for a NET_BUFFER, not NULL (level 2 adds the poison test and the
 * structure checker). 0 after a report. The common case is inline: a load
 * of the thread's IRQL and a compare; reports and level 2 are out of line.
 */
extern UNDIS_THREAD_LOCAL KIRQL undis__t_irql;
int undis__verify_irql_fail(const char *call, const void *object);
int undis__verify_nb_slow(const char *call, const NET_BUFFER *nb, const NET_BUFFER_LIST *nbl);

static inline int
undis__verify_irql(const char *call, const void *object)
{
    return UNDIS_LIKELY(undis__t_irql <= DISPATCH_LEVEL) || undis__verify_irql_fail(call, object);
}

static inline int
undis__verify_nb(const char *call, const NET_BUFFER *nb, const NET_BUFFER_LIST *nbl)
{
    if (UNDIS_UNLIKELY(nb == NULL || undis__verifier_level >= 2)) {
        return undis__verify_nb_slow(call, nb, nbl);
    }
    return undis__verify_irql(call, nb);
}
/* An NBL argument: not NULL, IRQL, and (level 2) not a freed, poisoned NBL. */
int undis__verify_nbl_live(const char *call, const NET_BUFFER_LIST *nbl);

/* Checks of the data-path entry points (verify_nb.c): inline when every
 * level-1 check passes, the full (reporting, level 2) check out of line. */
int undis__verify_retreat_slow(const NET_BUFFER *nb,
                               ULONG delta,
                               ULONG backfill,
                               const NET_BUFFER_LIST *nbl,
                               const char *call);

static inline int
undis__verify_retreat(
    const NET_BUFFER *nb, ULONG delta, ULONG backfill, const NET_BUFFER_LIST *nbl, const char *call)
{
    if (UNDIS_UNLIKELY(nb == NULL || undis__verifier_level >= 2 || undis__t_irql > DISPATCH_LEVEL ||
                       (ULONGLONG)nb->DataLength + delta > MAXULONG ||
                       (nb->DataOffset < delta &&
                        (ULONGLONG)backfill + (delta - nb->DataOffset) > MAXULONG))) {
        return undis__verify_retreat_slow(nb, delta, backfill, nbl, call);
    }
    return 1;
}
int undis__verify_retreat_mdl(
    const NET_BUFFER *nb, const MDL *mdl, ULONG asked, ULONG got, NET_BUFFER_ALLOCATE_MDL *alloc);
int undis__verify_advance_slow(const NET_BUFFER *nb,
                               ULONG delta,
                               BOOLEAN free_mdl,
                               NET_BUFFER_FREE_MDL *free_fn,
                               const NET_BUFFER_LIST *nbl,
                               const char *call);

static inline int
undis__verify_advance(const NET_BUFFER *nb,
                      ULONG delta,
                      BOOLEAN free_mdl,
                      NET_BUFFER_FREE_MDL *free_fn,
                      const NET_BUFFER_LIST *nbl,
                      const char *call)
{
    if (UNDIS_UNLIKELY(nb == NULL || undis__verifier_level >= 2 || undis__t_irql > DISPATCH_LEVEL ||
                       delta > nb->DataLength || (ULONGLONG)nb->DataOffset + delta > MAXULONG)) {
        return undis__verify_advance_slow(nb, delta, free_mdl, free_fn, nbl, call);
    }
    return 1;
}
int undis__verify_get_data(const NET_BUFFER *nb,
                           ULONG needed,
                           ULONG align_multiple,
                           ULONG align_offset);

/* Checks of pools and of NBL/NB allocation and free (verify_nbl.c). */
struct undis__nbl_pool;
struct undis__obj;
struct undis__cache;
int undis__verify_nbl_alloc(const struct undis__nbl_pool *pool,
                            USHORT context_size,
                            USHORT backfill,
                            const char *call);
int undis__verify_nbl_free(NET_BUFFER_LIST *nbl);
int undis__verify_nb_free(NET_BUFFER *nb);
int undis__verify_pool_free(struct undis__nbl_pool *pool);

/* The quarantine (level 2): freed NBLs and NBs, poisoned, reused later. */
void undis__quarantine_put(struct undis__obj *obj);
void undis__quarantine_purge(struct undis__cache *cache);
size_t undis__quarantine_count(void);

/* The retreat ledger (level 2): every MDL a retreat allocated, with the
 * NetAllocateMdl that made it (NULL: the default). */
void undis__ledger_add(const MDL *mdl, NET_BUFFER_ALLOCATE_MDL *alloc);
int undis__ledger_find(const MDL *mdl, NET_BUFFER_ALLOCATE_MDL **alloc);
void undis__ledger_remove(const MDL *mdl);
/* Whether free pairs with alloc: the defaults pair with each other; a
 * driver's pair is learnt from the first MDL freed (and from NBL-level
 * retreats, which name both). */
int undis__ledger_pair_ok(NET_BUFFER_ALLOCATE_MDL *alloc, NET_BUFFER_FREE_MDL *free_fn);
void undis__ledger_learn_pair(NET_BUFFER_ALLOCATE_MDL *alloc, NET_BUFFER_FREE_MDL *free_fn);
/* Number of retreat-allocated MDLs in a chain. */
size_t undis__ledger_count_chain(const MDL *chain);

/* Level 2: MDLs freed with IoFreeMdl, to name a second free. note_free
 * returns 1 when the MDL was already freed (and not allocated again). */
int undis__mdl_note_free(const MDL *mdl);
void undis__mdl_note_alloc(const MDL *mdl);
/* MDLs recorded as freed (level 2). While any are, every IoAllocateMdl,
 * whatever the level, takes its address off the record, so that an MDL
 * allocated while the verifier is below level 2 and freed at level 2 is not
 * taken for a double free. */
extern volatile size_t undis__mdl_freed_count;

/* Level 3: a short per-object event history ("" below level 3). */
void undis__history_note(const void *object, const char *event);
void undis__history_text(const void *object, char *out, size_t len);

#endif /* UNDIS_VERIFY_H */
