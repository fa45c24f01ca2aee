/* SPDX-License-Identifier: MIT */
/*
 * bench_spsc.h: the single-producer / single-consumer ring that hands
 * buffers from one thread to the other in B3 (undis and malloc variants; the
 * DPDK variant uses an SP/SC rte_ring). Head and tail live on their own
 * cache lines; each side keeps a private copy of the other's index.
 */
#ifndef UNDIS_BENCH_SPSC_H
#define UNDIS_BENCH_SPSC_H

#include <stdatomic.h>
#include <stdint.h>

#define BENCH_SPSC_SIZE 1024u /* power of two */

struct bench_spsc {
    _Alignas(64) _Atomic uint64_t head; /* written by the producer */
    uint64_t tail_cache;                /* producer's view of tail */
    _Alignas(64) _Atomic uint64_t tail; /* written by the consumer */
    uint64_t head_cache;                /* consumer's view of head */
    _Alignas(64) void *slot[BENCH_SPSC_SIZE];
};

static inline void
bench_spsc_init(struct bench_spsc *q)
{
    atomic_init(&q->head, 0);
    atomic_init(&q->tail, 0);
    q->tail_cache = 0;
    q->head_cache = 0;
}

/* Producer: spins while the ring is full. */
static inline void
bench_spsc_push(struct bench_spsc *q, void *p)
{
    uint64_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
    while (h - q->tail_cache >= BENCH_SPSC_SIZE) {
        q->tail_cache = atomic_load_explicit(&q->tail, memory_order_acquire);
    }
    q->slot[h & (BENCH_SPSC_SIZE - 1)] = p;
    atomic_store_explicit(&q->head, h + 1, memory_order_release);
}

/* Consumer: spins while the ring is empty. */
static inline void *
bench_spsc_pop(struct bench_spsc *q)
{
    uint64_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
    void *p;
    while (t == q->head_cache) {
        q->head_cache = atomic_load_explicit(&q->head, memory_order_acquire);
    }
    p = q->slot[t & (BENCH_SPSC_SIZE - 1)];
    atomic_store_explicit(&q->tail, t + 1, memory_order_release);
    return p;
}

/* Producer, B3c: n pointers (n <= BENCH_SPSC_SIZE) published with one
 * store of head, as a driver hands a chain of NBLs over in one call. */
static inline void
bench_spsc_push_burst(struct bench_spsc *q, void *const *p, unsigned n)
{
    uint64_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
    while (h + n - q->tail_cache > BENCH_SPSC_SIZE) {
        q->tail_cache = atomic_load_explicit(&q->tail, memory_order_acquire);
    }
    for (unsigned i = 0; i < n; i++) {
        q->slot[(h + i) & (BENCH_SPSC_SIZE - 1)] = p[i];
    }
    atomic_store_explicit(&q->head, h + n, memory_order_release);
}

/* Consumer, B3c: exactly n pointers, the tail published once. */
static inline void
bench_spsc_pop_burst(struct bench_spsc *q, void **p, unsigned n)
{
    uint64_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
    while (q->head_cache - t < n) {
        q->head_cache = atomic_load_explicit(&q->head, memory_order_acquire);
    }
    for (unsigned i = 0; i < n; i++) {
        p[i] = q->slot[(t + i) & (BENCH_SPSC_SIZE - 1)];
    }
    atomic_store_explicit(&q->tail, t + n, memory_order_release);
}

/*
 * BENCH_CROSS_FUNCS(name, STATE, ALLOC, FREE): B3 and B3c for a system that
 * hands over through this ring. Defines name_consumer (the second thread:
 * pops and frees) and name_run(STATE *s, iters, burst) (the timing thread:
 * allocates `burst` objects per iteration and publishes them at once; burst
 * 1 is B3, BURST is B3c). STATE has the fields q, n, burst, ready, go and
 * done; ALLOC(s) makes an object, FREE(p) frees one. Expanded in each
 * system's file so that the calls stay direct.
 */
#define BENCH_CROSS_MAX_BURST 32u
#define BENCH_CROSS_FUNCS(name, STATE, ALLOC, FREE)                      \
    static void name##_consumer(void *arg)                               \
    {                                                                    \
        STATE *s = arg;                                                  \
        void *v[BENCH_CROSS_MAX_BURST];                                  \
        atomic_store(&s->ready, 1);                                      \
        while (!atomic_load_explicit(&s->go, memory_order_acquire)) {    \
        }                                                                \
        for (uint64_t i = 0; i < s->n; i++) {                            \
            bench_spsc_pop_burst(s->q, v, s->burst);                     \
            for (unsigned k = 0; k < s->burst; k++) {                    \
                FREE(v[k]);                                              \
            }                                                            \
        }                                                                \
        atomic_store_explicit(&s->done, 1, memory_order_release);        \
    }                                                                    \
    static uint64_t name##_run(STATE *s, uint64_t iters, unsigned burst) \
    {                                                                    \
        void *v[BENCH_CROSS_MAX_BURST];                                  \
        uint64_t t0;                                                     \
        bench_spsc_init(s->q);                                           \
        s->n = iters;                                                    \
        s->burst = burst;                                                \
        atomic_store(&s->ready, 0);                                      \
        atomic_store(&s->go, 0);                                         \
        atomic_store(&s->done, 0);                                       \
        bench_helper_start(name##_consumer, s);                          \
        while (!atomic_load(&s->ready)) {                                \
        }                                                                \
        t0 = bench_now_ns();                                             \
        atomic_store_explicit(&s->go, 1, memory_order_release);          \
        for (uint64_t i = 0; i < iters; i++) {                           \
            for (unsigned k = 0; k < burst; k++) {                       \
                v[k] = ALLOC(s);                                         \
            }                                                            \
            bench_spsc_push_burst(s->q, v, burst);                       \
        }                                                                \
        while (!atomic_load_explicit(&s->done, memory_order_acquire)) {  \
        }                                                                \
        t0 = bench_now_ns() - t0;                                        \
        bench_helper_wait();                                             \
        return t0;                                                       \
    }

#endif /* UNDIS_BENCH_SPSC_H */
