/* SPDX-License-Identifier: MIT */
/*
 * bench_host.c: undis-bench-host, packets per second per processor through
 * the driver host (<undis/host.h>, issue 14).
 *
 *   undis-bench-host                        the table (H1, H2), figures to publish
 *   undis-bench-host --quick                3 rounds x 5 repetitions (a check)
 *   undis-bench-host --icount KEY --iters N a fixed count of batches inside
 *                                           bench_host_icount_region, for
 *                                           callgrind --toggle-collect
 *   undis-bench-host --smoke                every variant briefly (CTest)
 *
 * Each variant runs on one thread pinned to one CPU ("per processor"): it
 * sends (H1) or indicates (H2) batches of --batch (32) frames of --frame
 * (64) bytes as one chained NBL (undis_host_send_frames /
 * undis_host_receive_frames, receives at DISPATCH_LEVEL), through the
 * example pass-through filter (examples/drivers/passthru_filter.c, its
 * spin lock, counters and pause bookkeeping on every chain) and, beside it,
 * through a filter with no data handlers, which the host bypasses as NDIS
 * does: the host's own cost with no driver on the data path. H1s/H2s: the
 * same frames one per call (undis_host_send / undis_host_receive, the path
 * `undis run --driver` takes: an NBL, MDL and buffer made and freed per
 * frame), for comparison. Each chain
 * reaches undis's miniport (send) or protocol (receive) and comes all the
 * way back (send completion, return) before the next one goes.
 *
 * Method: each variant is calibrated so that a repetition lasts ~20 ms;
 * then, for each of --rounds rounds (7), every variant runs --reps
 * repetitions (11) in turn (interleaved: the rows share the machine's
 * noise). Reported: Mpps (million packets per second) of wall time as the
 * median of the round medians, the 10th-90th percentile of all repetitions,
 * and ns per packet; and the same per second of the thread's own CPU time
 * (CLOCK_THREAD_CPUTIME_ID, the median of all repetitions), which leaves out
 * the time the thread waited for its CPU when the machine is loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

#include "bench_os.h"

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#define MAX_REPS    64
#define MAX_ROUNDS  32
#define TARGET_NS   20000000ull
#define GOAL_MPPS   20.0
#define VARIANTS    6
#define FRAME_BYTES 64u

struct variant {
    const char *key;    /* for --icount */
    const char *row;    /* H1, H2 */
    const char *driver; /* what is on the data path */
    int receive;
    int bypass;
    int single; /* one frame per call (undis_host_send / _receive), no batch */
};

static const struct variant g_variants[VARIANTS] = {
    { "send", "H1", "pass-through filter", 0, 0, 0 }, /* [0], [1]: see measure() */
    { "send-bypass", "H1", "none (host bypass)", 0, 1, 0 },
    { "receive", "H2", "pass-through filter", 1, 0, 0 },
    { "receive-bypass", "H2", "none (host bypass)", 1, 1, 0 },
    { "send-single", "H1s", "pass-through filter", 0, 0, 1 },
    { "receive-single", "H2s", "pass-through filter", 1, 0, 1 },
};

static struct {
    unsigned batch;
    unsigned frame;
    int rounds;
    int reps;
    const char *icount;
    unsigned long long iters;
    int smoke;
} g_opt = { 32, FRAME_BYTES, 7, 11, NULL, 0, 0 };

static UCHAR g_frame[UNDIS_HOST_FRAMES_FRAME_MAX];
static const UCHAR *g_frames[UNDIS_HOST_FRAMES_MAX];
static ULONG g_lengths[UNDIS_HOST_FRAMES_MAX];
static unsigned long g_findings;
static uint64_t g_region_cpu_ns; /* thread CPU time of the last measured region */

/* ---- a filter with the life handlers only: bypassed on every data path ---- */

static NDIS_HANDLE g_bypass_driver;
static NDIS_HANDLE g_bypass_module;

static NDIS_STATUS
bypass_attach(NDIS_HANDLE filter, NDIS_HANDLE context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)context;
    (void)params;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    g_bypass_module = filter;
    return NdisFSetAttributes(filter, &g_bypass_module, &a);
}

static VOID
bypass_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
bypass_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
bypass_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static VOID
bypass_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g_bypass_driver);
}

static NTSTATUS
bypass_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    c.MajorNdisVersion = 6;
    c.AttachHandler = bypass_attach;
    c.DetachHandler = bypass_detach;
    c.RestartHandler = bypass_restart;
    c.PauseHandler = bypass_pause;
    driver->DriverUnload = bypass_unload;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g_bypass_driver);
}

/* ---- running ------------------------------------------------------------- */

static undis_report_action
finding(const undis_report *r, void *context)
{
    (void)context;
    if (g_findings++ == 0) {
        fprintf(stderr, "undis-bench-host: finding %s: %s\n", r->rule_name, r->message);
    }
    return UNDIS_REPORT_CONTINUE;
}

static void
die(const char *what)
{
    fprintf(stderr, "undis-bench-host: %s\n", what);
    exit(1);
}

static undis_host *
host_up(const struct variant *v)
{
    undis_host *host = NULL;
    if (undis_host_create(&host) != NDIS_STATUS_SUCCESS ||
        undis_host_load(host, v->bypass ? bypass_entry : DriverEntry, v->key) != STATUS_SUCCESS ||
        undis_host_attach(host) != NDIS_STATUS_SUCCESS) {
        die("cannot start the host");
    }
    return host;
}

uint64_t bench_host_icount_region(const struct variant *v, undis_host *host, uint64_t iters);

/* One batch's worth of frames, one call each (the per-frame path of
 * undis_host_send / undis_host_receive: an NBL, MDL and buffer made and
 * freed per frame). */
static NDIS_STATUS
single_frames(undis_host *host, int receive)
{
    NDIS_STATUS s = NDIS_STATUS_SUCCESS;
    for (unsigned i = 0; i < g_opt.batch && s == NDIS_STATUS_SUCCESS; i++) {
        s = receive ? undis_host_receive(host, g_frames[i], g_lengths[i], 0)
                    : undis_host_send(host, g_frames[i], g_lengths[i]);
    }
    return s;
}

/* The measured loop: iters batches, at DISPATCH_LEVEL (as a receive DPC, or
 * a protocol sending at DISPATCH_LEVEL). */
__attribute__((noinline)) uint64_t
bench_host_icount_region(const struct variant *v, undis_host *host, uint64_t iters)
{
    int receive = v->receive;
    uint64_t cpu0 = bench_os_thread_cpu_ns();
    uint64_t t0 = bench_os_now_ns();
    uint64_t t1;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    for (uint64_t i = 0; i < iters; i++) {
        NDIS_STATUS s = v->single ? single_frames(host, receive)
                        : receive
                            ? undis_host_receive_frames(host, g_frames, g_lengths, g_opt.batch, 0)
                            : undis_host_send_frames(host, g_frames, g_lengths, g_opt.batch);
        if (s != NDIS_STATUS_SUCCESS) {
            die("a batch failed");
        }
    }
    KeLowerIrql(old);
    t1 = bench_os_now_ns();
    g_region_cpu_ns = bench_os_thread_cpu_ns() - cpu0;
    return t1 - t0;
}

/* Iterations for one repetition of ~TARGET_NS. */
static uint64_t
calibrate(const struct variant *v, undis_host *host)
{
    uint64_t iters = 64;
    for (;;) {
        uint64_t ns = bench_host_icount_region(v, host, iters);
        if (ns >= TARGET_NS / 4 || iters > (1ull << 30)) {
            return ns == 0 ? iters : iters * TARGET_NS / ns;
        }
        iters *= 4;
    }
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double
percentile(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return v[(int)(p * (n - 1) + 0.5)];
}

struct result {
    double all[MAX_ROUNDS * MAX_REPS];
    double round_median[MAX_ROUNDS];
    double cpu[MAX_ROUNDS * MAX_REPS]; /* Mpps per second of the thread's CPU time */
    int nall;
};

static void
measure(void)
{
    static struct result res[VARIANTS];
    undis_host *hosts[VARIANTS];
    uint64_t iters[VARIANTS];
    /* one host per driver (a driver's globals are its own: one registration) */
    undis_host *with_filter = host_up(&g_variants[0]);
    undis_host *bypassed = host_up(&g_variants[1]);
    for (int v = 0; v < VARIANTS; v++) {
        hosts[v] = g_variants[v].bypass ? bypassed : with_filter;
        iters[v] = g_opt.smoke ? 16 : calibrate(&g_variants[v], hosts[v]);
        (void)bench_host_icount_region(&g_variants[v], hosts[v], iters[v]); /* warm */
    }
    for (int r = 0; r < g_opt.rounds; r++) {
        for (int v = 0; v < VARIANTS; v++) {
            double round[MAX_REPS];
            for (int k = 0; k < g_opt.reps; k++) {
                uint64_t ns = bench_host_icount_region(&g_variants[v], hosts[v], iters[v]);
                double pkts = (double)(iters[v] * g_opt.batch);
                double mpps = pkts * 1e3 / (double)(ns ? ns : 1);
                round[k] = mpps;
                res[v].cpu[res[v].nall] =
                    g_region_cpu_ns ? pkts * 1e3 / (double)g_region_cpu_ns : 0.0;
                res[v].all[res[v].nall++] = mpps;
            }
            res[v].round_median[r] = percentile(round, g_opt.reps, 0.5);
        }
    }
    printf("%-4s %-8s %-20s %9s %17s %8s %9s %8s  %s\n", "id", "dir", "driver on the data path",
           "wall Mpps", "p10-p90", "ns/pkt", "CPU Mpps", "ns/pkt", "goal (wall, CPU time)");
    for (int v = 0; v < VARIANTS; v++) {
        const struct variant *va = &g_variants[v];
        double med = percentile(res[v].round_median, g_opt.rounds, 0.5);
        double p10 = percentile(res[v].all, res[v].nall, 0.1);
        double p90 = percentile(res[v].all, res[v].nall, 0.9);
        double cpu = percentile(res[v].cpu, res[v].nall, 0.5);
        char goal[64] = "";
        undis_host_stats s;
        if (!va->bypass && !va->single) {
            snprintf(goal, sizeof(goal), ">= %.0f Mpps: %s, %s", GOAL_MPPS,
                     med >= GOAL_MPPS ? "MET" : "MISSED",
                     cpu == 0.0         ? "-"
                     : cpu >= GOAL_MPPS ? "MET"
                                        : "MISSED");
        }
        printf("%-4s %-8s %-20s %9.2f %8.2f-%-8.2f %8.2f %9.2f %8.2f  %s\n", va->row,
               va->receive ? "receive" : "send", va->driver, med, p10, p90, 1e3 / med, cpu,
               cpu > 0.0 ? 1e3 / cpu : 0.0, goal);
        printf("RESULT %s %s %.3f %.3f %.3f cpu %.3f\n", va->row, va->key, med, p10, p90, cpu);
        undis_host_get_stats(hosts[v], &s);
        if (s.send_nbls != s.send_completed || s.recv_nbls != s.recv_returned) {
            die("the counts are not balanced");
        }
    }
    undis_host_destroy(with_filter);
    undis_host_destroy(bypassed);
}

static int
icount(void)
{
    for (int v = 0; v < VARIANTS; v++) {
        if (strcmp(g_variants[v].key, g_opt.icount) == 0) {
            undis_host *host = host_up(&g_variants[v]);
            (void)bench_host_icount_region(&g_variants[v], host, g_opt.iters);
            printf("ICOUNT %s batches %llu packets %llu\n", g_opt.icount, g_opt.iters,
                   g_opt.iters * g_opt.batch);
            undis_host_destroy(host);
            return 0;
        }
    }
    fprintf(stderr,
            "undis-bench-host: no variant '%s' (send, send-bypass, receive, "
            "receive-bypass, send-single, receive-single)\n",
            g_opt.icount);
    return 2;
}

static void
usage(void)
{
    fprintf(stderr, "usage: undis-bench-host [--quick] [--rounds N] [--reps N] [--batch N] "
                    "[--frame BYTES] [--smoke]\n"
                    "       undis-bench-host --icount send|send-bypass|receive|receive-bypass|\n"
                    "                                 send-single|receive-single "
                    "--iters N\n");
}

static int
parse_uint(const char *s, unsigned long long lo, unsigned long long hi, unsigned long long *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

static int
parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long long n = 0;
        int ok = 1;
        if (strcmp(a, "--quick") == 0) {
            g_opt.rounds = 3, g_opt.reps = 5;
        } else if (strcmp(a, "--smoke") == 0) {
            g_opt.smoke = 1, g_opt.rounds = 1, g_opt.reps = 2;
        } else if (val != NULL && strcmp(a, "--icount") == 0) {
            g_opt.icount = val, i++;
        } else if (val != NULL && strcmp(a, "--iters") == 0) {
            ok = parse_uint(val, 1, 1ull << 32, &g_opt.iters) == 0, i++;
        } else if (val != NULL && strcmp(a, "--rounds") == 0) {
            ok = parse_uint(val, 1, MAX_ROUNDS, &n) == 0, g_opt.rounds = (int)n, i++;
        } else if (val != NULL && strcmp(a, "--reps") == 0) {
            ok = parse_uint(val, 1, MAX_REPS, &n) == 0, g_opt.reps = (int)n, i++;
        } else if (val != NULL && strcmp(a, "--batch") == 0) {
            ok = parse_uint(val, 1, UNDIS_HOST_FRAMES_MAX, &n) == 0, g_opt.batch = (unsigned)n, i++;
        } else if (val != NULL && strcmp(a, "--frame") == 0) {
            ok = parse_uint(val, 14, UNDIS_HOST_FRAMES_FRAME_MAX, &n) == 0,
            g_opt.frame = (unsigned)n, i++;
        } else {
            ok = 0;
        }
        if (!ok) {
            fprintf(stderr, "undis-bench-host: bad or incomplete option '%s'\n", a);
            usage();
            return 2;
        }
    }
    if (g_opt.icount != NULL && g_opt.iters == 0) {
        g_opt.iters = 10000;
    }
    return 0;
}

static void
header(void)
{
    char model[128];
    double load[3] = { -1, -1, -1 };
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) {
            load[0] = -1;
        }
        fclose(f);
    }
    bench_os_cpu_model(model, sizeof(model));
    printf("# undis-bench-host  nproc: %d  cpu: %s  load average: %.2f %.2f %.2f\n",
           bench_os_cpu_count(), model, load[0], load[1], load[2]);
    printf("# one thread pinned to CPU 0 (%s); batches of %u chained NBLs of %u-byte frames; "
           "%d rounds x %d repetitions of ~%llu ms\n",
           bench_os_pin_method(), g_opt.batch, g_opt.frame, g_opt.rounds, g_opt.reps,
           TARGET_NS / 1000000ull);
}

int
main(int argc, char **argv)
{
    int rc = parse(argc, argv);
    if (rc != 0) {
        return rc;
    }
    for (unsigned i = 0; i < g_opt.frame; i++) {
        g_frame[i] = (UCHAR)(i * 7u + 1u);
    }
    for (unsigned i = 0; i < g_opt.batch; i++) {
        g_frames[i] = g_frame;
        g_lengths[i] = g_opt.frame;
    }
    (void)bench_os_pin_self(0);
    undis_report_set_hook(finding, NULL);
    if (g_opt.icount != NULL) {
        rc = icount();
    } else {
        header();
        measure();
        if (g_opt.smoke) {
            printf("bench-host-smoke: every variant ran\n");
        }
    }
    undis_report_set_hook(NULL, NULL);
    if (g_findings != 0) {
        fprintf(stderr, "undis-bench-host: %lu host rule finding(s)\n", g_findings);
        return 1;
    }
    return rc;
}
