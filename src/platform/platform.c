/* SPDX-License-Identifier: MIT */
/*
 * platform.c: the portable out-of-line part of platform.h: the spin lock's
 * slow path, once-initialisation and the processor's vector extensions.
 * (posix.c and win32.c hold what differs by operating system.)
 */
#include "platform/platform.h"

void
undis__spin_lock_slow(undis__spinlock *lock)
{
    unsigned spins = 0;
    while (!undis__spin_try(lock)) {
        if (++spins >= 64) {
            undis__thread_yield();
            spins = 0;
        }
    }
}

void
undis__once_run_slow(undis__once *once, void (*fn)(void))
{
    int idle = 0;
    if (UNDIS_ATOMIC_CAS_ACQUIRE(&once->state, &idle, 1)) {
        fn();
        undis__atomic_store_release_int(&once->state, 2);
        return;
    }
    while (undis__atomic_load_acquire_int(&once->state) != 2) {
        undis__thread_yield();
    }
}

/* The detection proper; 0 off x86-64 and (for now) under MSVC, which then
 * runs the plain resets. GCC and Clang's test checks XGETBV as well as
 * CPUID, so an extension whose registers the OS does not save is not
 * reported. */
static unsigned
cpu_features_detect(void)
{
#if UNDIS_HAVE_X86_SIMD
    unsigned f = UNDIS_CPU_SSE2;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) {
        f |= UNDIS_CPU_AVX2;
    }
    if (__builtin_cpu_supports("avx512f")) {
        f |= UNDIS_CPU_AVX512F;
    }
    return f;
#else
    return 0;
#endif
}

static volatile int g_cpu_features; /* the UNDIS_CPU_* bits | 0x40000000 once known */

unsigned
undis__plat_cpu_features(void)
{
    int f = undis__atomic_load_relaxed_int(&g_cpu_features);
    if (UNDIS_UNLIKELY(f == 0)) {
        /* Racing threads compute the same value; each stores it. */
        f = (int)(cpu_features_detect() | 0x40000000u);
        undis__atomic_store_relaxed_int(&g_cpu_features, f);
    }
    return (unsigned)f & ~0x40000000u;
}
