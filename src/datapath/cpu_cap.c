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

static const char *const g_names[UNDIS_CPU_CAP_COUNT] = { "reference", "sse2", "avx2", "avx512" };

/*
 * The widest set this processor and build can run, from the platform's
 * answer (undis__plat_cpu_features: the processor has the set and the OS
 * saves its registers; found once, then cached; 0 off x86-64).
 */
static undis_cpu_cap
cpu_best(void)
{
    unsigned f = undis__plat_cpu_features();
    return (f & UNDIS_CPU_AVX512F) != 0 ? UNDIS_CPU_CAP_AVX512
           : (f & UNDIS_CPU_AVX2) != 0  ? UNDIS_CPU_CAP_AVX2
           : (f & UNDIS_CPU_SSE2) != 0  ? UNDIS_CPU_CAP_SSE2
                                        : UNDIS_CPU_CAP_REFERENCE;
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

/* Called once, by the process initialisation (base/process.c). */
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

int
undis_cpu_cap_set(int cap)
{
    if (cap < 0 || cap >= (int)UNDIS_CPU_CAP_COUNT) {
        return -1;
    }
    undis__process_init(); /* UNDIS_CPU_CAP first, so that a call wins over it */
    return (int)cap_exchange((uint64_t)cap);
}

undis_cpu_cap
undis_cpu_cap_get(void)
{
    undis__process_init(); /* UNDIS_CPU_CAP */
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
