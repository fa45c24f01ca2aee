/* SPDX-License-Identifier: MIT */
/*
 * internal.h: the one internal header of the library: internal asserts,
 * the allocation interface every part of undis allocates through, the
 * default NetAllocateMdl / NetFreeMdl pair, and the fatal-report path.
 */
#ifndef UNDIS_INTERNAL_H
#define UNDIS_INTERNAL_H

#include <ndis.h>

#include "platform/platform.h"

/*
 * UNDIS_DEBUG, the build's debug level (CMake option UNDIS_DEBUG; the
 * "Debug levels" section of docs/design.md):
 *   0  release: no internal checks at all.
 *   1  internal asserts (UNDIS_ASSERT): undis's own invariants, cheap.
 *   2  level 1, and the structure checker after every mutating entry point
 *      (UNDIS_CHECK_AFTER_*, src/verifier/check_after.h); the inline fast
 *      paths stay closed so that every call reaches a checked entry point.
 */
#ifndef UNDIS_DEBUG
#    define UNDIS_DEBUG 0
#endif
#if UNDIS_DEBUG < 0 || UNDIS_DEBUG > 2
#    error "UNDIS_DEBUG must be 0, 1 or 2"
#endif

/*
 * Internal asserts catch undis's own bugs (never a caller's mistake: that is
 * the verifier's job). When off, the expression is still type-checked.
 */
UNDIS_NORETURN UNDIS_COLD void
undis__assert_fail(const char *expr, const char *file, int line, const char *func);
#define UNDIS_ASSERT_ON(x)  ((x) ? (void)0 : undis__assert_fail(#x, __FILE__, __LINE__, __func__))
#define UNDIS_ASSERT_OFF(x) ((void)sizeof((x) ? 1 : 0))
#if UNDIS_DEBUG >= 1
#    define UNDIS_ASSERT(x) UNDIS_ASSERT_ON(x)
#else
#    define UNDIS_ASSERT(x) UNDIS_ASSERT_OFF(x)
#endif

/*
 * A caller's contract violation that undis cannot survive (for example the
 * default free handed a foreign MDL, which would corrupt the heap). Prints
 * "undis: RULE: message" and aborts. The verifier will take these over.
 */
UNDIS_NORETURN UNDIS_COLD void undis__fatal(const char *rule, const char *fmt, ...)
    UNDIS_PRINTF(2, 3);

/*
 * undis__mem_alloc / undis__mem_free: every allocation undis makes goes
 * through here, so tests can inject failures (<undis/fault.h>) and count
 * what is outstanding. Returns 16-aligned memory or NULL.
 */
void *undis__mem_alloc(size_t size);
void undis__mem_free(void *p);

/*
 * Fault injection: every allocation event (an object from a cache, or a
 * block from undis__mem_alloc) first asks undis__fault_refuse(), which costs
 * one load of a global while no fault is set up.
 */
extern volatile int undis__fault_armed;
int undis__fault_refuse_slow(void);
static inline int
undis__fault_refuse(void)
{
    return UNDIS_UNLIKELY(undis__fault_armed != 0) && undis__fault_refuse_slow();
}

/* Reads UNDIS_FAULTS once (fault_env.c); called at start-up. */
void undis__fault_env_init(void);

/* Objects taken from caches: this thread's count plus exited threads'. */
unsigned long long undis__caches_gets(void);

/*
 * The backing store of caches (slabs, depots, magazines, pool structures):
 * neither counted as outstanding objects nor subject to fault injection; the
 * objects carved from it are both (see pool.h). A failed backing allocation
 * makes the object get fail.
 */
void *undis__mem_alloc_backing(size_t size);
void undis__mem_free_backing(void *p);

/* Objects handed out by every live cache (for undis_alloc_outstanding). */
size_t undis__caches_outstanding(void);

/* Objects still handed out when their pool was freed: they stay counted as
 * outstanding, so a leak never disappears with its pool. */
void undis__note_leaked(size_t count);

/* One "mapping" attempt; false when a test injected a mapping failure. */
int undis__map_allowed(void);

/*
 * The default NetAllocateMdl / NetFreeMdl (used for NULL handlers): the MDL
 * and its buffer in one block. The default free frees only what the default
 * allocate made.
 */
NET_BUFFER_ALLOCATE_MDL undis__default_allocate_mdl;
NET_BUFFER_FREE_MDL undis__default_free_mdl;

/* Position (CurrentMdl, offset) of chain byte DataOffset, by the NDIS rule:
 * stay in an MDL only while the remaining offset is below its ByteCount. */
static inline void
undis__nb_locate(NET_BUFFER *nb)
{
    PMDL m = nb->MdlChain;
    ULONG pos = nb->DataOffset;
    while (m != NULL && pos >= m->ByteCount) {
        pos -= m->ByteCount;
        m = m->Next;
    }
    nb->CurrentMdl = m;
    nb->CurrentMdlOffset = pos;
}

#endif /* UNDIS_INTERNAL_H */
