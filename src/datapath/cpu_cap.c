/* SPDX-License-Identifier: MIT */
/*
 * cpu_cap.c: which instruction set the resets of new pools may use
 * (<undis/cpu.h>): what the processor has, the cap (undis_cpu_cap_set or
 * UNDIS_CPU_CAP), and the variant a pool created now gets.
 */
#include "datapath/nbl_reset.h"

#include <stdio.h>
#include <string.h>

/* The cap, one undis_cpu_cap (UNDIS_CPU_CAP_AVX512: no cap). */
static volatile uint64_t g_cap = UNDIS_CPU_CAP_AVX512;

/* What the processor supports, once asked (-1: not yet). */
static volatile int g_best = -1;

static struct {
    undis__spinlock lock;
    volatile int done;
} g_env;

static const char *const g_names[UNDIS_CPU_CAP_COUNT] = { "reference", "sse2", "avx2", "avx512" };

/*
 * The widest set this processor and build can run: the one place that asks
 * the processor. __builtin_cpu_supports tests the OS's saved state (XGETBV)
 * as well as CPUID, so a set whose registers the OS does not save is not used.
 */
static undis_cpu_cap
cpu_detect(void)
{
#if UNDIS__ZERO_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? UNDIS_CPU_CAP_AVX512
           : __builtin_cpu_supports("avx2")  ? UNDIS_CPU_CAP_AVX2
                                             : UNDIS_CPU_CAP_SSE2;
#else
    return UNDIS_CPU_CAP_REFERENCE;
#endif
}

/* Sets the cap; returns the one it replaces. */
static uint64_t
cap_exchange(uint64_t cap)
{
    uint64_t old = undis__atomic_load_u64(&g_cap);
    while (!undis__atomic_cas_u64(&g_cap, &old, cap)) {
    }
    return old;
}

static undis_cpu_cap
cpu_best(void)
{
    int best = undis__atomic_load_acquire_int(&g_best);
    if (best < 0) {
        /* Two threads may both ask; they get the same answer. */
        best = (int)cpu_detect();
        undis__atomic_store_release_int(&g_best, best);
    }
    return (undis_cpu_cap)best;
}

void
undis__cpu_cap_from_env(void)
{
    const char *env = getenv("UNDIS_CPU_CAP");
    if (env == NULL || env[0] == '\0') {
        return;
    }
    for (unsigned i = 0; i < UNDIS_CPU_CAP_COUNT; i++) {
        if (strcmp(env, g_names[i]) == 0) {
            (void)cap_exchange(i);
            return;
        }
    }
    fprintf(stderr, "undis: UNDIS_CPU_CAP=%s: not one of reference, sse2, avx2, avx512; ignored\n",
            env);
}

/* Until the process start-up reads the environment for everything, the
 * first use of the cap reads UNDIS_CPU_CAP, so that it comes before any
 * undis_cpu_cap_set. */
static void
env_once(void)
{
    if (undis__atomic_load_acquire_int(&g_env.done)) {
        return;
    }
    undis__spin_lock(&g_env.lock);
    if (!g_env.done) {
        undis__cpu_cap_from_env();
        undis__atomic_store_release_int(&g_env.done, 1);
    }
    undis__spin_unlock(&g_env.lock);
}

int
undis_cpu_cap_set(int cap)
{
    if (cap < 0 || cap >= (int)UNDIS_CPU_CAP_COUNT) {
        return -1;
    }
    env_once();
    return (int)cap_exchange((uint64_t)cap);
}

undis_cpu_cap
undis_cpu_cap_get(void)
{
    env_once();
    return (undis_cpu_cap)undis__atomic_load_u64(&g_cap);
}

int
undis_cpu_cap_supported(undis_cpu_cap cap)
{
    return (unsigned)cap < UNDIS_CPU_CAP_COUNT && (unsigned)cap <= (unsigned)cpu_best();
}

undis_cpu_cap
undis_cpu_cap_effective(void)
{
    undis_cpu_cap cap = undis_cpu_cap_get();
    undis_cpu_cap best = cpu_best();
    return cap < best ? cap : best;
}

const char *
undis_cpu_cap_name(undis_cpu_cap cap)
{
    return (unsigned)cap < UNDIS_CPU_CAP_COUNT ? g_names[cap] : "unknown";
}
