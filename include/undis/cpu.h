/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/cpu.h>: a cap on the instruction set undis's own vector code
 * may use.
 *
 * The largest part of NdisAllocateNetBufferList is the reset that brings a
 * reused NET_BUFFER_LIST (and its NET_BUFFER, MDL and context header) back
 * to the state the spec gives. undis has one reset per instruction set --
 * a plain C reference, SSE2, AVX2 and AVX-512 -- and each pool takes, when
 * it is created, the widest one the processor supports (and the operating
 * system saves the state of), unless a cap says otherwise. All of them
 * leave the same bytes; the cap exists to run and measure a narrower one
 * (an AVX-512 machine never runs the AVX2 code otherwise) and to rule out
 * vector code when looking for a bug.
 *
 * The cap applies to pools created after it is set: a pool keeps the reset
 * it was created with until it is freed. Pools of every shape follow it
 * (NET_BUFFER_LIST pools and NET_BUFFER pools).
 *
 * Without code: UNDIS_CPU_CAP=reference|sse2|avx2|avx512 in the environment,
 * read once, before the first pool is created or the cap is first read or
 * set (an unknown value: one line on stderr, ignored). A later
 * undis_cpu_cap_set() overrides it.
 *
 * Threads: any thread, any time; the cap is one word, read and written
 * atomically. A pool created while another thread sets the cap gets the
 * old cap or the new one. IRQL: any (no locks held long, nothing blocks).
 */
#ifndef UNDIS_CPU_H
#define UNDIS_CPU_H

#ifdef __cplusplus
extern "C" {
#endif

/** Instruction sets, narrowest first. Each includes the ones before it. */
typedef enum undis_cpu_cap {
    UNDIS_CPU_CAP_REFERENCE = 0, /**< plain C, no vector code of undis's own */
    UNDIS_CPU_CAP_SSE2 = 1,      /**< x86-64 baseline: 16-byte stores */
    UNDIS_CPU_CAP_AVX2 = 2,      /**< 32-byte loads and stores */
    UNDIS_CPU_CAP_AVX512 = 3,    /**< AVX-512F: 64-byte lines, the image compare */
    UNDIS_CPU_CAP_COUNT
} undis_cpu_cap;

/**
 * undis_cpu_cap_set - cap the instruction set of the resets of pools
 * created from now on.
 * @param cap  one of undis_cpu_cap; UNDIS_CPU_CAP_AVX512 is "no cap" (the
 *             default). A value outside the enumeration is refused.
 * @return the previous cap, or -1 (and nothing changes) for a bad value.
 * Pre: none. Post: pools created afterwards use the widest reset that is at
 * most cap and that the processor supports (see undis_cpu_cap_effective).
 * Existing pools are unchanged.
 */
int undis_cpu_cap_set(int cap);

/** The cap in force (after UNDIS_CPU_CAP and any undis_cpu_cap_set). */
undis_cpu_cap undis_cpu_cap_get(void);

/**
 * The reset a pool created now would use: the cap, lowered to the widest
 * set this processor and build support (the reference alone off x86-64).
 */
undis_cpu_cap undis_cpu_cap_effective(void);

/** Whether this processor and build can run the given set (REFERENCE: always). */
int undis_cpu_cap_supported(undis_cpu_cap cap);

/** "reference", "sse2", "avx2", "avx512", or "unknown". */
const char *undis_cpu_cap_name(undis_cpu_cap cap);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_CPU_H */
