/* SPDX-License-Identifier: MIT */
/*
 * bench_main.c: the harness (timing, statistics, pinned threads) and the
 * command line of undis-bench.
 *
 *   undis-bench                    the whole table (rounds x repetitions)
 *   undis-bench --smoke            every variant briefly (CTest "bench-smoke")
 *   undis-bench --only B1,B3       some rows only
 *   undis-bench --systems undis,malloc --malloc-name jemalloc
 *   undis-bench --icount undis.B1 --iters 200000
 *                                  fixed count for callgrind --toggle-collect=bench_icount_region
 *   undis-bench --only B11         the verifier's cost: B1 and B5 at levels 0, 1, 2
 *   undis-bench --memory           per-packet memory of the pools
 *   undis-bench --list             variant keys
 *
 * Method: each variant is calibrated so that one repetition lasts about
 * --target-ms (default 2 ms) and warmed up once; then, for each of --rounds
 * rounds (default 5), every variant of every row runs --reps repetitions
 * (default 11) in turn, so that the systems compared in a row are measured
 * interleaved, under the same machine noise. A row reports, per system, the
 * median over rounds of the per-round median (ns per operation) and the
 * 10th and 90th percentiles of all repetitions; ratios are undis / peer.
 * B11 (undis only) runs B1 and B5 at verifier levels 0, 1 and 2, interleaved
 * the same way; its ratios are level N / level 0.
 */
#include "bench.h"
#include "bench_os.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Platform (the OS calls are in bench_os.c)                            */
/* ------------------------------------------------------------------ */

uint64_t
bench_now_ns(void)
{
    return bench_os_now_ns();
}

void
bench_die(const char *what)
{
    fprintf(stderr, "undis-bench: %s\n", what);
    exit(1);
}

static int g_ncpu = 1;
static int g_cpu_main = 0;
static int g_cpu_other = 1;

int
bench_cpu_main(void)
{
    return g_cpu_main;
}

int
bench_cpu_other(void)
{
    return g_cpu_other;
}

int
bench_pin_self(int cpu)
{
    return bench_os_pin_self(cpu % g_ncpu);
}

/* The helper thread: sleeps on a condition variable between jobs. */
static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    void (*fn)(void *);
    void *arg;
    int busy;
    int started;
    pthread_t thread;
} g_helper = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, 0, 0 };

static void *
helper_main(void *unused)
{
    (void)unused;
    bench_pin_self(g_cpu_other);
    pthread_mutex_lock(&g_helper.mu);
    for (;;) {
        while (g_helper.fn == NULL) {
            pthread_cond_wait(&g_helper.cv, &g_helper.mu);
        }
        void (*fn)(void *) = g_helper.fn;
        void *arg = g_helper.arg;
        pthread_mutex_unlock(&g_helper.mu);
        fn(arg);
        pthread_mutex_lock(&g_helper.mu);
        g_helper.fn = NULL;
        g_helper.busy = 0;
        pthread_cond_broadcast(&g_helper.cv);
    }
    return NULL;
}

void
bench_helper_start(void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&g_helper.mu);
    if (!g_helper.started) {
        if (pthread_create(&g_helper.thread, NULL, helper_main, NULL) != 0) {
            bench_die("cannot create the helper thread");
        }
        pthread_detach(g_helper.thread);
        g_helper.started = 1;
    }
    while (g_helper.busy) {
        pthread_cond_wait(&g_helper.cv, &g_helper.mu);
    }
    g_helper.fn = fn;
    g_helper.arg = arg;
    g_helper.busy = 1;
    pthread_cond_broadcast(&g_helper.cv);
    pthread_mutex_unlock(&g_helper.mu);
}

void
bench_helper_wait(void)
{
    pthread_mutex_lock(&g_helper.mu);
    while (g_helper.busy) {
        pthread_cond_wait(&g_helper.cv, &g_helper.mu);
    }
    pthread_mutex_unlock(&g_helper.mu);
}

__attribute__((noinline)) uint64_t
bench_icount_region(const struct bench_variant *v, void *state, uint64_t iters)
{
    uint64_t ns = v->run(state, iters);
    BENCH_CLOBBER();
    return ns;
}

/* ------------------------------------------------------------------ */
/* Rows and goals                                                       */
/* ------------------------------------------------------------------ */

enum goal_kind {
    GOAL_NONE,
    GOAL_DPDK,    /* undis / dpdk <= limit */
    GOAL_SCALING, /* undis B4 / undis B1 <= limit */
};

struct row {
    const char *bench;
    const char *what;
    enum goal_kind goal;
    double limit;
    double malloc_limit; /* undis / malloc <= this; 0: none */
};

static const struct row g_rows[] = {
    { "B1", "alloc+free NBL+NB+MDL+data (one call each)", GOAL_DPDK, 1.0, 0 },
    { "B2", "burst: 32 allocs then 32 frees, per buffer", GOAL_DPDK, 1.0, 0 },
    { "B2b", "burst of 32 vs DPDK alloc_bulk/free_bulk", GOAL_NONE, 0, 0 },
    { "B3", "alloc on CPU A, free on CPU B (SPSC), per buffer", GOAL_DPDK, 1.0, 0.3 },
    { "B3c", "the same, handed over in bursts of 32, per buffer", GOAL_DPDK, 1.0, 0.3 },
    { "B4", "2 threads alloc/free locally, per op per thread", GOAL_SCALING, 1.1, 0 },
    { "B5", "retreat 14 + advance 14 with headroom", GOAL_DPDK, 1.0, 0 },
    { "B6", "retreat 14 no headroom (default NetAllocateMdl) + advance FreeMdl", GOAL_DPDK, 1.0,
      0 },
    { "B6m", "the same with a malloc-based NetAllocateMdl/NetFreeMdl", GOAL_NONE, 0, 0 },
    { "B7c", "NdisGetDataBuffer 34 B, contiguous", GOAL_DPDK, 1.0, 0 },
    { "B7s", "NdisGetDataBuffer 34 B spanning two MDLs (copy)", GOAL_NONE, 0, 0 },
    { "B8", "clone + free (partial MDLs, flags 0)", GOAL_DPDK, 1.5, 0 },
    { "B8o", "clone + free, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS", GOAL_NONE, 0, 0 },
    { "B9", "lifecycle: alloc, fill 64, retreat 14 + write, read 34, advance, free", GOAL_DPDK, 1.0,
      0 },
};
#define ROW_COUNT (sizeof(g_rows) / sizeof(g_rows[0]))

static const char *const g_systems[] = { "undis", "dpdk", "malloc" };
#define SYS_COUNT 3

/* B11: B1 and B5 with the verifier at levels 0, 1 and 2 (undis variants
 * B1v0 ... B5v2). Goal: level 1 <= 1.15 x level 0 on both. */
#define B11_LEVELS 3
#define B11_LIMIT  1.15
static const struct {
    const char *bench;
    const char *what;
    const char *key[B11_LEVELS];
} g_b11[] = {
    { "B1", "alloc+free NBL+NB+MDL+data", { "B1v0", "B1v1", "B1v2" } },
    { "B5", "retreat 14 + advance 14 with headroom", { "B5v0", "B5v1", "B5v2" } },
};
#define B11_COUNT (sizeof(g_b11) / sizeof(g_b11[0]))

/* ------------------------------------------------------------------ */
/* Options                                                              */
/* ------------------------------------------------------------------ */

static struct {
    int smoke;
    int rounds;
    int reps;
    double target_ms;
    const char *only;
    const char *systems;
    const char *malloc_name;
    const char *icount;
    uint64_t iters;
    int no_dpdk;
    int memory;
    int list;
    int quiet_dpdk;
} g_opt = { 0, 5, 11, 2.0, NULL, NULL, "glibc", NULL, 0, 0, 0, 0, 1 };

static int
in_list(const char *list, const char *item)
{
    size_t n = strlen(item);
    const char *p = list;
    if (list == NULL) {
        return 1;
    }
    while ((p = strstr(p, item)) != NULL) {
        if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ',')) {
            return 1;
        }
        p += n;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Measurement                                                          */
/* ------------------------------------------------------------------ */

struct result {
    const struct bench_variant *v;
    void *state;
    uint64_t iters;
    double *samples; /* ns per op, rounds x reps */
    double *round_median;
    int nsamples;
    int nrounds;
    double median, p10, p90;
    int have;
};

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile(double *v, int n, double q)
{
    double pos;
    int i;
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    if (n == 1) {
        return v[0];
    }
    pos = q * (n - 1);
    i = (int)pos;
    if (i + 1 >= n) {
        return v[n - 1];
    }
    return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

static double
ns_per_op(const struct bench_variant *v, uint64_t ns, uint64_t iters)
{
    return (double)ns / ((double)iters * v->ops_per_iter);
}

static void
calibrate(struct result *r)
{
    const struct bench_variant *v = r->v;
    uint64_t iters = v->threads > 1 ? 2000 : 1000;
    uint64_t target = (uint64_t)(g_opt.target_ms * 1e6);
    if (g_opt.smoke) {
        r->iters = v->threads > 1 ? 5000 : 2000;
        (void)v->run(r->state, r->iters); /* warm-up */
        return;
    }
    for (;;) {
        uint64_t ns = v->run(r->state, iters);
        if (ns >= target / 4 || iters >= (1ull << 34)) {
            double scale = (double)target / (double)(ns ? ns : 1);
            iters = (uint64_t)((double)iters * scale) + 1;
            break;
        }
        iters *= 4;
    }
    r->iters = iters;
    (void)v->run(r->state, iters); /* warm-up at the measured size */
}

static void
measure_round(struct result *r, int round)
{
    double *rs = r->samples + r->nsamples;
    int reps = g_opt.smoke ? 1 : g_opt.reps;
    double tmp[256];
    for (int i = 0; i < reps; i++) {
        uint64_t ns = r->v->run(r->state, r->iters);
        rs[i] = ns_per_op(r->v, ns, r->iters);
        tmp[i] = rs[i];
    }
    r->nsamples += reps;
    r->round_median[round] = percentile(tmp, reps, 0.5);
    r->nrounds = round + 1;
}

static void
finish(struct result *r)
{
    double *all = malloc((size_t)r->nsamples * sizeof(double));
    double *rm = malloc((size_t)r->nrounds * sizeof(double));
    if (all == NULL || rm == NULL) {
        bench_die("out of memory");
    }
    memcpy(all, r->samples, (size_t)r->nsamples * sizeof(double));
    memcpy(rm, r->round_median, (size_t)r->nrounds * sizeof(double));
    r->median = percentile(rm, r->nrounds, 0.5);
    r->p10 = percentile(all, r->nsamples, 0.1);
    r->p90 = percentile(all, r->nsamples, 0.9);
    r->have = 1;
    free(all);
    free(rm);
}

/* ------------------------------------------------------------------ */
/* Variant lookup                                                       */
/* ------------------------------------------------------------------ */

static const struct bench_variant *const *
table_of(int sys)
{
    switch (sys) {
    case 0:
        return bench_undis_variants;
    case 1:
        return bench_dpdk_variants;
    default:
        return bench_plain_variants;
    }
}

static const struct bench_variant *
find_variant(int sys, const char *bench)
{
    for (const struct bench_variant *const *p = table_of(sys); *p != NULL; p++) {
        if (strcmp((*p)->bench, bench) == 0) {
            return *p;
        }
    }
    return NULL;
}

static int
sys_index(const char *name, size_t len)
{
    for (int s = 0; s < SYS_COUNT; s++) {
        if (strlen(g_systems[s]) == len && strncmp(g_systems[s], name, len) == 0) {
            return s;
        }
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

static void
print_machine(void)
{
    char model[256];
    time_t now = time(NULL);
    char date[64];
    bench_os_cpu_model(model, sizeof(model));
    strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S %Z", localtime(&now));
    printf("# undis-bench  date: %s  nproc: %d  cpu: %s\n", date, g_ncpu, model);
    printf(
        "# threads pinned: main CPU %d, second CPU %d; rounds %d x reps %d, ~%.1f ms per rep%s\n",
        g_cpu_main % g_ncpu, g_cpu_other % g_ncpu, g_opt.smoke ? 1 : g_opt.rounds,
        g_opt.smoke ? 1 : g_opt.reps, g_opt.target_ms, g_opt.smoke ? " (SMOKE: not figures)" : "");
    printf("# pinning: %s\n", bench_os_pin_method());
}

static void
fmt_cell(char *buf, size_t n, const struct result *r)
{
    if (r == NULL || !r->have) {
        snprintf(buf, n, "%s", "-");
    } else {
        snprintf(buf, n, "%.2f [%.2f-%.2f]", r->median, r->p10, r->p90);
    }
}

static void
fmt_ratio(char *buf, size_t n, const struct result *a, const struct result *b)
{
    if (a == NULL || b == NULL || !a->have || !b->have || b->median <= 0) {
        snprintf(buf, n, "%s", "-");
    } else {
        snprintf(buf, n, "%.2f", a->median / b->median);
    }
}

static struct result g_res[ROW_COUNT][SYS_COUNT];
static struct result g_b11_res[B11_COUNT][B11_LEVELS];

static const struct result *
res_of(const char *bench, int sys)
{
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (strcmp(g_rows[i].bench, bench) == 0) {
            return g_res[i][sys].have ? &g_res[i][sys] : NULL;
        }
    }
    return NULL;
}

static void
print_table(void)
{
    char u[64], d[64], m[64], rd[16], rm[16];
    printf("\n%-4s %-68s %-24s %-24s %-6s %-24s %-6s %s\n", "id", "operation (ns per op)",
           "undis med [p10-p90]", "DPDK", "u/DPDK", "malloc", "u/mal", "goal");
    for (size_t i = 0; i < ROW_COUNT; i++) {
        const struct row *row = &g_rows[i];
        const struct result *ru = g_res[i][0].have ? &g_res[i][0] : NULL;
        const struct result *rdp = g_res[i][1].have ? &g_res[i][1] : NULL;
        const struct result *rml = g_res[i][2].have ? &g_res[i][2] : NULL;
        char goal[160] = "";
        if (ru == NULL && rdp == NULL && rml == NULL) {
            continue;
        }
        fmt_cell(u, sizeof(u), ru);
        fmt_cell(d, sizeof(d), rdp);
        fmt_cell(m, sizeof(m), rml);
        fmt_ratio(rd, sizeof(rd), ru, rdp);
        fmt_ratio(rm, sizeof(rm), ru, rml);
        if (row->goal == GOAL_DPDK) {
            if (ru != NULL && rdp != NULL) {
                double x = ru->median / rdp->median;
                snprintf(goal, sizeof(goal), "u/DPDK <= %.1f: %s (%.2f)", row->limit,
                         x <= row->limit ? "MET" : "MISSED", x);
            } else {
                snprintf(goal, sizeof(goal), "u/DPDK <= %.1f: not measured (no DPDK)", row->limit);
            }
        } else if (row->goal == GOAL_SCALING) {
            const struct result *b1 = res_of("B1", 0);
            size_t k = 0;
            if (ru != NULL && b1 != NULL) {
                double x = ru->median / b1->median;
                k += (size_t)snprintf(goal, sizeof(goal), "undis 2T/1T <= %.1f: %s (%.2f)",
                                      row->limit, x <= row->limit ? "MET" : "MISSED", x);
            }
            for (int s = 1; s < SYS_COUNT && k < sizeof(goal); s++) {
                const struct result *b = res_of("B1", s);
                const struct result *t = g_res[i][s].have ? &g_res[i][s] : NULL;
                if (b != NULL && t != NULL) {
                    k += (size_t)snprintf(goal + k, sizeof(goal) - k, "; %s 2T/1T %.2f",
                                          g_systems[s], t->median / b->median);
                }
            }
        }
        if (row->malloc_limit > 0 && ru != NULL && rml != NULL) {
            double x = ru->median / rml->median;
            size_t k = strlen(goal);
            snprintf(goal + k, sizeof(goal) - k, "; u/%s <= %.1f: %s (%.2f)", g_opt.malloc_name,
                     row->malloc_limit, x <= row->malloc_limit ? "MET" : "MISSED", x);
        }
        printf("%-4s %-68s %-24s %-24s %-6s %-24s %-6s %s\n", row->bench, row->what, u, d, rd, m,
               rm, goal);
    }
    printf("# malloc column: %s (plain C packet struct over malloc/free; B5/B7 are pointer "
           "arithmetic and memcpy, no allocation)\n",
           g_opt.malloc_name);
    /* Machine-readable lines for run-table.sh. */
    for (size_t i = 0; i < ROW_COUNT; i++) {
        for (int s = 0; s < SYS_COUNT; s++) {
            const struct result *r = &g_res[i][s];
            if (r->have) {
                printf("RESULT %s %s %s %.3f %.3f %.3f\n", g_rows[i].bench, g_systems[s],
                       s == 2 ? g_opt.malloc_name : g_systems[s], r->median, r->p10, r->p90);
            }
        }
    }
}

static void
print_b11(void)
{
    int any = 0;
    for (size_t i = 0; i < B11_COUNT; i++) {
        any |= g_b11_res[i][0].have;
    }
    if (!any) {
        return;
    }
    printf("\n%-7s %-40s %-24s %-24s %-24s %-6s %-6s %s\n", "id", "B11: verifier (ns per op)",
           "level 0 med [p10-p90]", "level 1", "level 2", "L1/L0", "L2/L0", "goal");
    for (size_t i = 0; i < B11_COUNT; i++) {
        const struct result *r = g_b11_res[i];
        char c[B11_LEVELS][64], r1[16], r2[16], goal[96] = "";
        char id[16];
        if (!r[0].have) {
            continue;
        }
        for (int l = 0; l < B11_LEVELS; l++) {
            fmt_cell(c[l], sizeof(c[l]), &r[l]);
        }
        fmt_ratio(r1, sizeof(r1), &r[1], &r[0]);
        fmt_ratio(r2, sizeof(r2), &r[2], &r[0]);
        if (r[1].have && r[0].median > 0) {
            double x = r[1].median / r[0].median;
            snprintf(goal, sizeof(goal), "L1/L0 <= %.2f: %s (%.3f)", B11_LIMIT,
                     x <= B11_LIMIT ? "MET" : "MISSED", x);
        }
        snprintf(id, sizeof(id), "B11/%s", g_b11[i].bench);
        printf("%-7s %-40s %-24s %-24s %-24s %-6s %-6s %s\n", id, g_b11[i].what, c[0], c[1], c[2],
               r1, r2, goal);
    }
    for (size_t i = 0; i < B11_COUNT; i++) {
        for (int l = 0; l < B11_LEVELS; l++) {
            const struct result *r = &g_b11_res[i][l];
            if (r->have) {
                printf("RESULT B11.%s undis level%d %.3f %.3f %.3f\n", g_b11[i].bench, l, r->median,
                       r->p10, r->p90);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Modes                                                                */
/* ------------------------------------------------------------------ */

static int
run_icount(void)
{
    const char *dot = strchr(g_opt.icount, '.');
    int sys;
    const struct bench_variant *v;
    void *st;
    uint64_t iters = g_opt.iters ? g_opt.iters : 100000;
    if (dot == NULL || (sys = sys_index(g_opt.icount, (size_t)(dot - g_opt.icount))) < 0) {
        fprintf(stderr, "undis-bench: --icount wants SYSTEM.BENCH, e.g. undis.B1\n");
        return 2;
    }
    if (sys == 1 && bench_dpdk_init(g_opt.quiet_dpdk) != 0) {
        fprintf(stderr, "undis-bench: DPDK not available\n");
        return 3;
    }
    v = find_variant(sys, dot + 1);
    if (v == NULL) {
        fprintf(stderr, "undis-bench: no variant %s\n", g_opt.icount);
        return 2;
    }
    if (v->threads > 1) {
        fprintf(stderr,
                "undis-bench: %s uses two threads; instruction counts are for "
                "single-thread variants\n",
                g_opt.icount);
        return 2;
    }
    st = v->setup();
    (void)v->run(st, iters / 10 + 1000); /* warm-up: magazines, slabs, first-touch */
    (void)bench_icount_region(v, st, iters);
    v->teardown(st);
    printf("ICOUNT %s iters %llu ops %llu\n", g_opt.icount, (unsigned long long)iters,
           (unsigned long long)(iters * v->ops_per_iter));
    return 0;
}

static void
usage(void)
{
    puts("usage: undis-bench [--smoke] [--rounds N] [--reps N] [--target-ms MS] [--only B1,B3]\n"
         "                   [--systems undis,dpdk,malloc] [--malloc-name NAME] [--no-dpdk]\n"
         "                   [--icount SYSTEM.BENCH [--iters N]] [--memory] [--list]");
}

int
main(int argc, char **argv)
{
    int use_dpdk;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--smoke") == 0) {
            g_opt.smoke = 1;
            g_opt.target_ms = 0;
        } else if (strcmp(a, "--no-dpdk") == 0) {
            g_opt.no_dpdk = 1;
        } else if (strcmp(a, "--memory") == 0) {
            g_opt.memory = 1;
        } else if (strcmp(a, "--list") == 0) {
            g_opt.list = 1;
        } else if (strcmp(a, "--verbose-dpdk") == 0) {
            g_opt.quiet_dpdk = 0;
        } else if (val != NULL && strcmp(a, "--rounds") == 0) {
            g_opt.rounds = atoi(val), i++;
        } else if (val != NULL && strcmp(a, "--reps") == 0) {
            g_opt.reps = atoi(val), i++;
        } else if (val != NULL && strcmp(a, "--target-ms") == 0) {
            g_opt.target_ms = atof(val), i++;
        } else if (val != NULL && strcmp(a, "--only") == 0) {
            g_opt.only = val, i++;
        } else if (val != NULL && strcmp(a, "--systems") == 0) {
            g_opt.systems = val, i++;
        } else if (val != NULL && strcmp(a, "--malloc-name") == 0) {
            g_opt.malloc_name = val, i++;
        } else if (val != NULL && strcmp(a, "--icount") == 0) {
            g_opt.icount = val, i++;
        } else if (val != NULL && strcmp(a, "--iters") == 0) {
            g_opt.iters = strtoull(val, NULL, 10), i++;
        } else {
            usage();
            return strcmp(a, "--help") == 0 ? 0 : 2;
        }
    }
    if (g_opt.rounds < 1 || g_opt.rounds > 64 || g_opt.reps < 1 || g_opt.reps > 256) {
        bench_die("--rounds must be 1..64 and --reps 1..256");
    }
    g_ncpu = bench_os_cpu_count();
    g_cpu_main = 0;
    g_cpu_other = g_ncpu > 1 ? 1 : 0;

    if (g_opt.list) {
        for (int s = 0; s < SYS_COUNT; s++) {
            for (const struct bench_variant *const *p = table_of(s); *p != NULL; p++) {
                printf("%s.%s\t%d thread(s)\t%s\n", g_systems[s], (*p)->bench, (*p)->threads,
                       (*p)->label);
            }
        }
        return 0;
    }
    if (g_opt.memory) {
        bench_undis_memory_report();
        if (!g_opt.no_dpdk && bench_dpdk_compiled() && bench_dpdk_init(g_opt.quiet_dpdk) == 0) {
            printf("%s mbuf pool object beyond the data room: %zu bytes per packet "
                   "(mempool header + rte_mbuf + trailer + ring slot)\n",
                   bench_dpdk_version(), bench_dpdk_overhead());
        }
        return 0;
    }
    if (g_opt.icount != NULL) {
        bench_pin_self(g_cpu_main);
        return run_icount();
    }

    use_dpdk = !g_opt.no_dpdk && in_list(g_opt.systems, "dpdk") && bench_dpdk_compiled();
    if (use_dpdk && bench_dpdk_init(g_opt.quiet_dpdk) != 0) {
        printf("# DPDK: EAL initialisation failed; DPDK column skipped\n");
        if (g_opt.systems != NULL && strcmp(g_opt.systems, "dpdk") == 0) {
            return 77; /* CTest: skipped */
        }
        use_dpdk = 0;
    }
    /* After EAL init (which pins the main thread to its lcore). */
    if (bench_pin_self(g_cpu_main) != 0) {
        printf("# warning: could not pin the main thread\n");
    }
    print_machine();
    if (!bench_dpdk_compiled()) {
        printf("# DPDK: not compiled in (libdpdk-dev / pkg-config libdpdk not found at build "
               "time); DPDK column empty\n");
    } else if (use_dpdk) {
        printf("# %s: EAL --no-huge --no-pci --no-shconf -l %d,%d, mempool cache 256\n",
               bench_dpdk_version(), g_cpu_main, g_cpu_other);
    }
    if (g_ncpu < 2) {
        printf("# warning: one CPU only; two-thread rows share it\n");
    }

    /* Set up and calibrate every selected variant. */
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (!in_list(g_opt.only, g_rows[i].bench)) {
            continue;
        }
        for (int s = 0; s < SYS_COUNT; s++) {
            struct result *r = &g_res[i][s];
            int rounds = g_opt.smoke ? 1 : g_opt.rounds;
            int reps = g_opt.smoke ? 1 : g_opt.reps;
            if (!in_list(g_opt.systems, g_systems[s]) || (s == 1 && !use_dpdk)) {
                continue;
            }
            r->v = find_variant(s, g_rows[i].bench);
            if (r->v == NULL) {
                continue;
            }
            r->samples = calloc((size_t)(rounds * reps), sizeof(double));
            r->round_median = calloc((size_t)rounds, sizeof(double));
            if (r->samples == NULL || r->round_median == NULL) {
                bench_die("out of memory");
            }
            r->state = r->v->setup();
            calibrate(r);
        }
    }
    if (in_list(g_opt.only, "B11") && in_list(g_opt.systems, "undis")) {
        int rounds = g_opt.smoke ? 1 : g_opt.rounds;
        int reps = g_opt.smoke ? 1 : g_opt.reps;
        for (size_t i = 0; i < B11_COUNT; i++) {
            for (int l = 0; l < B11_LEVELS; l++) {
                struct result *r = &g_b11_res[i][l];
                r->v = find_variant(0, g_b11[i].key[l]);
                if (r->v == NULL) {
                    bench_die("B11 variant missing");
                }
                r->samples = calloc((size_t)(rounds * reps), sizeof(double));
                r->round_median = calloc((size_t)rounds, sizeof(double));
                if (r->samples == NULL || r->round_median == NULL) {
                    bench_die("out of memory");
                }
                r->state = r->v->setup();
                calibrate(r);
            }
        }
    }
    for (int round = 0; round < (g_opt.smoke ? 1 : g_opt.rounds); round++) {
        for (size_t i = 0; i < ROW_COUNT; i++) {
            for (int s = 0; s < SYS_COUNT; s++) {
                if (g_res[i][s].v != NULL) {
                    measure_round(&g_res[i][s], round);
                }
            }
        }
        for (size_t i = 0; i < B11_COUNT; i++) {
            for (int l = 0; l < B11_LEVELS; l++) {
                if (g_b11_res[i][l].v != NULL) {
                    measure_round(&g_b11_res[i][l], round);
                }
            }
        }
    }
    for (size_t i = 0; i < ROW_COUNT; i++) {
        for (int s = 0; s < SYS_COUNT; s++) {
            struct result *r = &g_res[i][s];
            if (r->v != NULL) {
                finish(r);
                r->v->teardown(r->state);
                free(r->samples);
                free(r->round_median);
            }
        }
    }
    for (size_t i = 0; i < B11_COUNT; i++) {
        for (int l = 0; l < B11_LEVELS; l++) {
            struct result *r = &g_b11_res[i][l];
            if (r->v != NULL) {
                finish(r);
                r->v->teardown(r->state);
                free(r->samples);
                free(r->round_median);
            }
        }
    }
    print_table();
    print_b11();
    if (g_opt.smoke) {
        printf("bench-smoke: every selected variant ran\n");
    }
    return 0;
}
