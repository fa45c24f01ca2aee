/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/fault.h>: fault injection and allocation accounting.
 *
 * Every object undis hands out (an NBL or NB from a pool, an MDL, a default
 * NetAllocateMdl block, a context block, a generic object) is one
 * "allocation", taken through one internal path. Tests use this header to
 * make the Nth allocation from now fail, or each with a probability, and to
 * check that nothing is left outstanding. (The memory behind pools, such as
 * slabs and per-thread caches, is bookkeeping: not counted, not failed.)
 * MmMapLockedPagesSpecifyCache (and so MmGetSystemAddressForMdlSafe on an unmapped MDL) can be made
 * to fail the same way.
 *
 * Threads: the settings are process-wide; set them while no other thread is
 * allocating. Counters are updated atomically.
 *
 * Without code: UNDIS_FAULTS="alloc_nth=N,alloc_rate=PER_MILLION,seed=S,map_nth=N" in the
 * environment, read once at start-up (bad syntax: one stderr line, ignored); see
 * docs/verifier.md.
 */
#ifndef UNDIS_FAULT_H
#define UNDIS_FAULT_H

#ifdef __cplusplus
extern "C" {
#endif

/** Make the Nth allocation from now fail (1 = the next one); 0 disables. */
void undis_fault_alloc_fail_nth(unsigned long long n);

/**
 * Make each allocation fail with probability per_million / 1000000, drawn
 * from a generator seeded with seed (deterministic). 0 disables.
 */
void undis_fault_alloc_fail_random(unsigned int per_million, unsigned long long seed);

/** Make the Nth mapping attempt from now fail (1 = the next one); 0 disables. */
void undis_fault_map_fail_nth(unsigned long long n);

/** Turn every injected fault off. */
void undis_fault_clear(void);

/** Allocations made (successful) since the process started: by every
 * thread for plain allocations, by the calling thread and by threads that
 * have exited for objects taken from pools. */
unsigned long long undis_alloc_count(void);

/** Allocations refused by fault injection since the process started. */
unsigned long long undis_alloc_failed_count(void);

/**
 * Objects handed out and not yet given back (0 when nothing leaked): MDLs,
 * NBLs, NBs, context blocks, generic objects, default NetAllocateMdl blocks.
 * Objects still out when their pool was freed stay counted. Pools themselves
 * and undis's internal bookkeeping are not counted. Exact while no other
 * thread is allocating.
 */
unsigned long long undis_alloc_outstanding(void);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_FAULT_H */
