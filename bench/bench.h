/* SPDX-License-Identifier: MIT */
/*
 * bench.h: the harness of undis's benchmark suite (issue 4, perf-anchors 6.1).
 *
 * A benchmark is a set of variants that do the same job on different systems
 * ("undis", "dpdk", "malloc"). Each variant owns its state (setup/teardown)
 * and a run function that performs `iters` iterations of `ops_per_iter`
 * operations and returns the elapsed nanoseconds it measured itself (two-thread
 * variants time from the start signal to the last thread's end).
 *
 * The harness calibrates the iteration count, warms up, repeats, pins threads
 * and reports median / p10 / p90 nanoseconds per operation. In instruction
 * count mode it runs one variant for a fixed number of iterations inside
 * bench_icount_region(), the function to give callgrind's --toggle-collect.
 *
 * This header is plain C (no undis, no DPDK types): the DPDK translation unit
 * includes it without <ndis.h>.
 */
#ifndef UNDIS_BENCH_H
#define UNDIS_BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bench_variant {
    const char *bench;  /* "B1" ... (rows are keyed by bench + label) */
    const char *system; /* "undis", "dpdk", "malloc" */
    const char *label;  /* what this variant does, for the table */
    int threads;        /* 1, or 2 for cross-thread and scaling variants */
    unsigned ops_per_iter;
    void *(*setup)(void);
    uint64_t (*run)(void *state, uint64_t iters); /* elapsed ns */
    void (*teardown)(void *state);
};

/* Monotonic nanoseconds. */
uint64_t bench_now_ns(void);

/* Pin the calling thread to logical CPU `cpu` (modulo the CPUs available);
 * 0 on success. */
int bench_pin_self(int cpu);

/* CPUs the harness uses: the main (timing) thread and the second thread. */
int bench_cpu_main(void);
int bench_cpu_other(void);

/* The harness's second thread, pinned to bench_cpu_other(): runs fn(arg)
 * once; bench_helper_wait() returns when it is done. Idle waits sleep. */
void bench_helper_start(void (*fn)(void *), void *arg);
void bench_helper_wait(void);

/* Keep a value or memory alive without emitting code. */
#define BENCH_KEEP(p)   __asm__ __volatile__("" : : "g"(p) : "memory")
#define BENCH_CLOBBER() __asm__ __volatile__("" : : : "memory")

/* Abort the benchmark program with a message (setup failures). */
void bench_die(const char *what) __attribute__((noreturn));

/* Variant tables, NULL-terminated arrays. */
extern const struct bench_variant *const bench_undis_variants[];
extern const struct bench_variant *const bench_plain_variants[];
extern const struct bench_variant *const bench_dpdk_variants[];

/* DPDK: 1 when compiled in; init returns 0 on success (EAL up). */
int bench_dpdk_compiled(void);
int bench_dpdk_init(int quiet);
const char *bench_dpdk_version(void);
/* Per-packet bytes of a DPDK mbuf pool object beyond the data room. */
size_t bench_dpdk_overhead(void);

/* Memory report of undis's pool objects (stdout). */
void bench_undis_memory_report(void);

/* The fixed-count region for callgrind --toggle-collect. */
uint64_t bench_icount_region(const struct bench_variant *v, void *state, uint64_t iters);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_BENCH_H */
