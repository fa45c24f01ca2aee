/* SPDX-License-Identifier: MIT */
/*
 * internal.h: the one internal header of the library: internal asserts,
 * the allocation interface every part of undis allocates through, the
 * default NetAllocateMdl / NetFreeMdl pair. Reports (the fatal ones too) go
 * through base/report.h.
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
 *      (UNDIS_CHECK_AFTER_*, src/base/check_after.h); the inline fast
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
 * undis__mem_alloc / undis__mem_free: every allocation undis makes goes
 * through here, so tests can inject failures (<undis/fault.h>) and count
 * what is outstanding. Returns 16-aligned memory or NULL.
 */
void *undis__mem_alloc(size_t size);
void undis__mem_free(void *p);

/*
 * Process state (process.c): undis__process_init() sets it up exactly once,
 * whichever threads race to it -- the vector width of the resets,
 * UNDIS_FAULTS, UNDIS_VERIFIER -- and costs one load once done. Entry points
 * that need the state call it (pool creation, the first allocation, the
 * verifier's and the fault schedule's getters and setters). Any thread.
 */
extern undis__once undis__process_once;
void undis__process_init_slow(void);
static inline void
undis__process_init(void)
{
    if (UNDIS_UNLIKELY(undis__atomic_load_acquire_int(&undis__process_once.state) != 2)) {
        undis__process_init_slow();
    }
}

/*
 * Fault injection: every allocation event (an object from a cache, or a
 * block from undis__mem_alloc) first asks undis__fault_refuse(), which costs
 * one (relaxed atomic) load of a global while no fault is set up. The word
 * starts at 1, so the process's first allocation goes to the slow path,
 * which runs undis__process_init() before it decides.
 */
extern volatile int undis__fault_armed;
int undis__fault_refuse_slow(void);
/* Fault injection by call site (verifier/fault_site.c, <undis/fault_site.h>):
 * non-zero while a recording runs; undis__fault_site_hit(kind: 0 an
 * allocation, 1 a mapping) records the caller's site and says whether it
 * must fail. */
extern volatile int undis__fault_sites_on;
int undis__fault_site_hit(int kind);
static inline int
undis__fault_is_armed(void)
{
    return undis__atomic_load_relaxed_int(&undis__fault_armed);
}
static inline int
undis__fault_refuse(void)
{
    return UNDIS_UNLIKELY(undis__fault_is_armed() != 0) && undis__fault_refuse_slow();
}

/*
 * What the process initialisation calls in the wings above this floor
 * (declared here, implemented there, as base/verify.h's checks are):
 *
 * undis__fault_env_parse (verifier/fault_env.c) - parse a fault schedule in
 * UNDIS_FAULTS's syntax and, when all of it is valid, apply it. Returns 0,
 * or -1 with a one-line reason in err (nothing applied).
 *
 * undis__cpu_cap_from_env (datapath/cpu_cap.c) - read UNDIS_CPU_CAP, the
 * cap on the instruction set of the NBL resets (<undis/cpu.h>), and apply
 * it (an unknown value: one stderr line, ignored), before any pool picks
 * its reset and before the cap is first read or set.
 */
int undis__fault_env_parse(const char *spec, char *err, size_t err_len);
void undis__cpu_cap_from_env(void);

/*
 * The backing store of caches (slabs, depots, magazines, pool structures):
 * neither counted as outstanding objects nor subject to fault injection; the
 * objects carved from it are both (see pool.h). A failed backing allocation
 * makes the object get fail.
 */
void *undis__mem_alloc_backing(size_t size);
void undis__mem_free_backing(void *p);

/* Objects still handed out when their pool was freed: they stay counted as
 * outstanding, so a leak never disappears with its pool. */
void undis__note_leaked(size_t count);

/* One "mapping" attempt; false when a test injected a mapping failure. */
int undis__map_allowed(void);

/* The memory base's own counts (the public totals, which add the caches'
 * objects, are in datapath/accounting.c): blocks handed out by
 * undis__mem_alloc, and those still out plus the leaked objects noted. */
unsigned long long undis__mem_allocs(void);
unsigned long long undis__mem_outstanding(void);

#endif /* UNDIS_INTERNAL_H */
