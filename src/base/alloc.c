/* SPDX-License-Identifier: MIT */
/*
 * alloc.c: the single allocation path of the library, with fault injection
 * and accounting (<undis/fault.h>), plus the internal assert and fatal
 * report functions.
 */
#include "base/internal.h"
#include "base/verify.h"

#include <stdio.h>

#include <undis/fault.h>
#include <undis/version.h>

static struct {
    volatile uint64_t allocs;
    volatile uint64_t frees;
    volatile uint64_t refused;
    volatile uint64_t leaked;   /* objects outstanding when their pool was freed */
    volatile uint64_t fail_nth; /* countdown; 0 = off */
    volatile uint64_t map_nth;  /* countdown; 0 = off */
    uint32_t per_million;       /* random failure rate; 0 = off */
    uint64_t rng;               /* seed of the random failures */
    uint64_t rng_epoch;         /* bumped by each undis_fault_alloc_fail_random */
} g_mem;

/* One step of a "fail the Nth" countdown: true exactly once, for the call
 * that takes it from 1 to 0, whatever the number of threads. */
static int
countdown_hits(volatile uint64_t *nth)
{
    uint64_t seen = undis__atomic_load_u64(nth);
    while (seen != 0) {
        if (undis__atomic_cas_u64(nth, &seen, seen - 1)) {
            return seen == 1;
        }
    }
    return 0;
}

/* Random failures: each thread draws from its own xorshift64 stream, seeded
 * from the configured seed and the order in which threads first draw. */
static UNDIS_THREAD_LOCAL uint64_t t_rng;
static UNDIS_THREAD_LOCAL uint64_t t_rng_epoch;
static volatile uint64_t g_rng_threads;

static int
random_hits(void)
{
    uint64_t x = t_rng;
    if (t_rng_epoch != g_mem.rng_epoch || x == 0) {
        x = g_mem.rng ^ (undis__atomic_add_u64(&g_rng_threads, 1) * 0x9E3779B97F4A7C15u);
        x = x != 0 ? x : 1;
        t_rng_epoch = g_mem.rng_epoch;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    t_rng = x;
    return (x % 1000000u) < g_mem.per_million;
}

/* Non-zero while any allocation fault is set up; read on every object get.
 * 1 until the first allocation has run the process initialisation. */
volatile int undis__fault_armed = 1;

static void
rearm(void)
{
    undis__atomic_store_relaxed_int(&undis__fault_armed, g_mem.fail_nth != 0 ||
                                                             g_mem.per_million != 0 ||
                                                             undis__fault_sites_on);
}

int
undis__fault_refuse_slow(void)
{
    int refuse;
    undis__process_init();
    refuse = countdown_hits(&g_mem.fail_nth);
    if (!refuse && g_mem.per_million != 0) {
        refuse = random_hits();
    }
    if (!refuse && undis__fault_sites_on) {
        refuse = undis__fault_site_hit(0);
    }
    if (refuse) {
        undis__atomic_add_u64(&g_mem.refused, 1);
    }
    if (g_mem.fail_nth == 0 && g_mem.per_million == 0 && !undis__fault_sites_on) {
        undis__atomic_store_relaxed_int(&undis__fault_armed, 0);
    }
    return refuse;
}

void *
undis__mem_alloc(size_t size)
{
    void *p;
    if (undis__fault_refuse()) {
        return NULL;
    }
    p = undis__sys_alloc(size);
    if (p != NULL) {
        undis__atomic_add_u64(&g_mem.allocs, 1);
    }
    return p;
}

void
undis__mem_free(void *p)
{
    if (p != NULL) {
        undis__atomic_add_u64(&g_mem.frees, 1);
        undis__sys_free(p);
    }
}

void
undis__note_leaked(size_t count)
{
    undis__atomic_add_u64(&g_mem.leaked, count);
}

void *
undis__mem_alloc_backing(size_t size)
{
    return undis__sys_alloc(size);
}

void
undis__mem_free_backing(void *p)
{
    undis__sys_free(p);
}

int
undis__map_allowed(void)
{
    undis__process_init(); /* map_nth may come from UNDIS_FAULTS */
    if (countdown_hits(&g_mem.map_nth)) {
        return 0;
    }
    return !(undis__fault_sites_on && undis__fault_site_hit(1));
}

void
undis_fault_alloc_fail_nth(unsigned long long n)
{
    undis__process_init();
    g_mem.fail_nth = n;
    rearm();
}

void
undis_fault_alloc_fail_random(unsigned int per_million, unsigned long long seed)
{
    undis__process_init();
    g_mem.rng = seed != 0 ? seed : 0x9E3779B97F4A7C15u;
    g_mem.rng_epoch++;
    g_rng_threads = 0; /* the same seed gives the same sequence again */
    g_mem.per_million = per_million;
    rearm();
}

void
undis_fault_map_fail_nth(unsigned long long n)
{
    undis__process_init();
    g_mem.map_nth = n;
}

void
undis_fault_clear(void)
{
    undis__process_init();
    g_mem.fail_nth = 0;
    g_mem.map_nth = 0;
    g_mem.per_million = 0;
    rearm();
}

unsigned long long
undis__mem_allocs(void)
{
    return undis__atomic_load_u64(&g_mem.allocs);
}

unsigned long long
undis_alloc_failed_count(void)
{
    return undis__atomic_load_u64(&g_mem.refused);
}

unsigned long long
undis__mem_outstanding(void)
{
    return undis__atomic_load_u64(&g_mem.allocs) - undis__atomic_load_u64(&g_mem.frees) +
           undis__atomic_load_u64(&g_mem.leaked);
}

const char *
undis_version(void)
{
    return UNDIS_VERSION_STRING;
}

void
undis__assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "undis: internal assertion failed: %s (%s:%d, %s)\n", expr, file, line, func);
    abort();
}
