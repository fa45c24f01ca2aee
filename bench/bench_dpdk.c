/* SPDX-License-Identifier: MIT */
/*
 * bench_dpdk.c: the DPDK analogue of every benchmark, in the same process
 * (compiled when pkg-config finds libdpdk; otherwise only the stubs at the
 * end, and the table says the DPDK column is empty and why).
 *
 * EAL: --no-huge --no-pci --no-shconf --no-telemetry -m 512, two lcores
 * mapped on the harness's two CPUs (--in-memory is rejected together with
 * --no-huge in 22.11; --no-shconf gives the same "no files" behaviour).
 * Pool: 16383 mbufs, data room 2048 + RTE_PKTMBUF_HEADROOM, per-lcore cache
 * 256; the second thread of B3/B4 is an EAL worker lcore launched with
 * rte_eal_remote_launch, so that it has its own cache too.
 */
#define _GNU_SOURCE
#include "bench.h"

#ifdef UNDIS_BENCH_DPDK

#    include <rte_eal.h>
#    include <rte_errno.h>
#    include <rte_launch.h>
#    include <rte_lcore.h>
#    include <rte_mbuf.h>
#    include <rte_mempool.h>
#    include <rte_ring.h>
#    include <rte_version.h>

#    include <stdatomic.h>
#    include <stdio.h>
#    include <stdlib.h>
#    include <string.h>

#    define NB_MBUF  16383u
#    define CACHE    256u
#    define ROOM     (2048u + RTE_PKTMBUF_HEADROOM)
#    define PKT_LEN  64u
#    define HDR_LEN  14u
#    define READ_LEN 34u
#    define BURST    32u

static struct {
    int state; /* 0 not tried, 1 up, -1 failed */
    struct rte_mempool *mp;
    struct rte_mempool *clone_mp;
    struct rte_ring *ring;
    unsigned worker;
} g_d;

int
bench_dpdk_compiled(void)
{
    return 1;
}

const char *
bench_dpdk_version(void)
{
    return rte_version();
}

int
bench_dpdk_init(int quiet)
{
    char lcores[64];
    char *argv[16];
    int argc = 0;
    if (g_d.state != 0) {
        return g_d.state == 1 ? 0 : -1;
    }
    g_d.state = -1;
    snprintf(lcores, sizeof(lcores), "0@%d,1@%d", bench_cpu_main(), bench_cpu_other());
    argv[argc++] = (char *)"undis-bench";
    argv[argc++] = (char *)"--no-huge";
    argv[argc++] = (char *)"--no-pci";
    argv[argc++] = (char *)"--no-shconf";
    argv[argc++] = (char *)"--no-telemetry";
    argv[argc++] = (char *)"-m";
    argv[argc++] = (char *)"512";
    argv[argc++] = (char *)"--iova-mode=va";
    argv[argc++] = (char *)"--lcores";
    argv[argc++] = lcores;
    argv[argc++] = (char *)"--main-lcore";
    argv[argc++] = (char *)"0";
    argv[argc++] = (char *)(quiet ? "--log-level=error" : "--log-level=info");
    argv[argc] = NULL;
    if (rte_eal_init(argc, argv) < 0) {
        fprintf(stderr, "undis-bench: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
        return -1;
    }
    g_d.mp = rte_pktmbuf_pool_create("bench_mbuf", NB_MBUF, CACHE, 0, (uint16_t)ROOM,
                                     (int)rte_socket_id());
    g_d.clone_mp = rte_pktmbuf_pool_create("bench_clone", 4095, CACHE, 0, 0, (int)rte_socket_id());
    g_d.ring =
        rte_ring_create("bench_ring", 1024, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
    g_d.worker = rte_get_next_lcore((unsigned)-1, 1, 0);
    if (g_d.mp == NULL || g_d.clone_mp == NULL || g_d.ring == NULL || g_d.worker >= RTE_MAX_LCORE) {
        fprintf(stderr, "undis-bench: DPDK pool/ring/worker setup failed\n");
        return -1;
    }
    g_d.state = 1;
    return 0;
}

size_t
bench_dpdk_overhead(void)
{
    struct rte_mempool *mp = g_d.mp;
    return mp->header_size + mp->elt_size + mp->trailer_size - ROOM + sizeof(void *);
}

static struct rte_mbuf *
must_alloc(void)
{
    struct rte_mbuf *m = rte_pktmbuf_alloc(g_d.mp);
    if (m == NULL) {
        bench_die("rte_pktmbuf_alloc failed");
    }
    return m;
}

struct st {
    struct rte_mbuf *m;
    uint64_t n;
    _Atomic int ready;
    _Atomic int go;
    _Atomic int done;
};

static void *
setup_empty(void)
{
    struct st *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        bench_die("out of memory");
    }
    return s;
}

/* A 64-byte packet at the end of the data room (the whole headroom ahead). */
static void *
setup_packet(void)
{
    struct st *s = setup_empty();
    s->m = must_alloc();
    s->m->data_off = (uint16_t)(ROOM - PKT_LEN);
    s->m->data_len = PKT_LEN;
    s->m->pkt_len = PKT_LEN;
    return s;
}

static void
teardown(void *state)
{
    struct st *s = state;
    if (s->m != NULL) {
        rte_pktmbuf_free(s->m);
    }
    free(s);
}

static uint64_t
run_b1(void *state, uint64_t iters)
{
    struct rte_mempool *mp = g_d.mp;
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
        BENCH_KEEP(m);
        rte_pktmbuf_free(m);
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b2(void *state, uint64_t iters)
{
    struct rte_mempool *mp = g_d.mp;
    struct rte_mbuf *v[BURST];
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        for (unsigned k = 0; k < BURST; k++) {
            v[k] = rte_pktmbuf_alloc(mp);
        }
        BENCH_KEEP(v);
        for (unsigned k = 0; k < BURST; k++) {
            rte_pktmbuf_free(v[k]);
        }
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b2b(void *state, uint64_t iters)
{
    struct rte_mempool *mp = g_d.mp;
    struct rte_mbuf *v[BURST];
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        if (rte_pktmbuf_alloc_bulk(mp, v, BURST) != 0) {
            bench_die("rte_pktmbuf_alloc_bulk failed");
        }
        BENCH_KEEP(v);
        rte_pktmbuf_free_bulk(v, BURST);
    }
    return bench_now_ns() - t0;
}

static int
b3_consumer(void *arg)
{
    struct st *s = arg;
    uint64_t n = s->n;
    atomic_store(&s->ready, 1);
    while (!atomic_load_explicit(&s->go, memory_order_acquire)) {
    }
    for (uint64_t i = 0; i < n; i++) {
        void *p;
        while (rte_ring_sc_dequeue(g_d.ring, &p) != 0) {
        }
        rte_pktmbuf_free((struct rte_mbuf *)p);
    }
    atomic_store_explicit(&s->done, 1, memory_order_release);
    return 0;
}

static int
b3c_consumer(void *arg)
{
    struct st *s = arg;
    uint64_t n = s->n;
    void *v[BURST];
    atomic_store(&s->ready, 1);
    while (!atomic_load_explicit(&s->go, memory_order_acquire)) {
    }
    for (uint64_t i = 0; i < n; i++) {
        while (rte_ring_sc_dequeue_bulk(g_d.ring, v, BURST, NULL) == 0) {
        }
        for (unsigned k = 0; k < BURST; k++) {
            rte_pktmbuf_free((struct rte_mbuf *)v[k]);
        }
    }
    atomic_store_explicit(&s->done, 1, memory_order_release);
    return 0;
}

static int
b4_other(void *arg)
{
    struct st *s = arg;
    atomic_store(&s->ready, 1);
    while (!atomic_load_explicit(&s->go, memory_order_acquire)) {
    }
    (void)run_b1(s, s->n);
    atomic_store_explicit(&s->done, 1, memory_order_release);
    return 0;
}

static uint64_t
run_pair(struct st *s, uint64_t iters, int (*other)(void *), int cross)
{
    uint64_t t0;
    s->n = iters;
    atomic_store(&s->ready, 0);
    atomic_store(&s->go, 0);
    atomic_store(&s->done, 0);
    if (rte_eal_remote_launch(other, s, g_d.worker) != 0) {
        bench_die("rte_eal_remote_launch failed");
    }
    while (!atomic_load(&s->ready)) {
    }
    t0 = bench_now_ns();
    atomic_store_explicit(&s->go, 1, memory_order_release);
    if (cross == 2) {
        void *v[BURST];
        for (uint64_t i = 0; i < iters; i++) {
            for (unsigned k = 0; k < BURST; k++) {
                v[k] = must_alloc();
            }
            while (rte_ring_sp_enqueue_bulk(g_d.ring, v, BURST, NULL) == 0) {
            }
        }
    } else if (cross) {
        for (uint64_t i = 0; i < iters; i++) {
            struct rte_mbuf *m = must_alloc();
            while (rte_ring_sp_enqueue(g_d.ring, m) != 0) {
            }
        }
    } else {
        (void)run_b1(s, iters);
    }
    while (!atomic_load_explicit(&s->done, memory_order_acquire)) {
    }
    t0 = bench_now_ns() - t0;
    rte_eal_wait_lcore(g_d.worker);
    return t0;
}

static uint64_t
run_b3(void *state, uint64_t iters)
{
    return run_pair(state, iters, b3_consumer, 1);
}

static uint64_t
run_b3c(void *state, uint64_t iters)
{
    return run_pair(state, iters, b3c_consumer, 2);
}

static uint64_t
run_b4(void *state, uint64_t iters)
{
    return run_pair(state, iters, b4_other, 0);
}

static uint64_t
run_b5(void *state, uint64_t iters)
{
    struct st *s = state;
    struct rte_mbuf *m = s->m;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        char *h = rte_pktmbuf_prepend(m, HDR_LEN);
        BENCH_KEEP(h);
        char *d = rte_pktmbuf_adj(m, HDR_LEN);
        BENCH_KEEP(d);
    }
    return bench_now_ns() - t0;
}

/* No headroom, built by hand as M_PREPEND does: a new mbuf whose data is
 * its last 14 bytes, chained in front; then stripped and freed. */
static uint64_t
run_b6(void *state, uint64_t iters)
{
    struct st *s = state;
    struct rte_mempool *mp = g_d.mp;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        struct rte_mbuf *m = s->m;
        struct rte_mbuf *h = rte_pktmbuf_alloc(mp);
        if (h == NULL) {
            bench_die("rte_pktmbuf_alloc failed");
        }
        h->data_off = (uint16_t)(h->buf_len - HDR_LEN);
        h->data_len = HDR_LEN;
        h->pkt_len = m->pkt_len + HDR_LEN;
        h->nb_segs = (uint16_t)(m->nb_segs + 1);
        h->next = m;
        BENCH_KEEP(h);
        /* strip: the original becomes the head again */
        m = h->next;
        h->next = NULL;
        h->nb_segs = 1;
        rte_pktmbuf_free_seg(h);
        s->m = m;
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b7(void *state, uint64_t iters)
{
    struct st *s = state;
    struct rte_mbuf *m = s->m;
    char out[64];
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        const void *r = rte_pktmbuf_read(m, 0, READ_LEN, out);
        BENCH_KEEP(r);
    }
    return bench_now_ns() - t0;
}

static void *
setup_b7s(void)
{
    struct st *s = setup_empty();
    struct rte_mbuf *a = must_alloc(), *b = must_alloc();
    a->data_off = (uint16_t)(ROOM - 20);
    a->data_len = 20;
    b->data_off = 0;
    b->data_len = 2000;
    if (rte_pktmbuf_chain(a, b) != 0) {
        bench_die("rte_pktmbuf_chain failed");
    }
    a->pkt_len = 2020;
    s->m = a;
    return s;
}

static uint64_t
run_b8(void *state, uint64_t iters)
{
    struct st *s = state;
    struct rte_mempool *cmp = g_d.clone_mp;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        struct rte_mbuf *c = rte_pktmbuf_clone(s->m, cmp);
        if (c == NULL) {
            bench_die("rte_pktmbuf_clone failed");
        }
        rte_pktmbuf_free(c);
    }
    return bench_now_ns() - t0;
}

static const char g_payload[PKT_LEN] = { 0x45, 0x00, 0x00, 0x40 };
static const char g_eth[HDR_LEN] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0 };

static uint64_t
run_b9(void *state, uint64_t iters)
{
    struct rte_mempool *mp = g_d.mp;
    char out[64];
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
        char *p = rte_pktmbuf_append(m, PKT_LEN);
        const char *r;
        memcpy(p, g_payload, PKT_LEN);
        p = rte_pktmbuf_prepend(m, HDR_LEN);
        memcpy(p, g_eth, HDR_LEN);
        r = rte_pktmbuf_read(m, 0, READ_LEN, out);
        BENCH_KEEP(r[READ_LEN - 1]);
        rte_pktmbuf_adj(m, HDR_LEN);
        rte_pktmbuf_free(m);
    }
    return bench_now_ns() - t0;
}

#    define V(id, label, threads, ops, setup, run)                                \
        static const struct bench_variant v_##id = { #id, "dpdk", label, threads, \
                                                     ops, setup,  run,   teardown };

V(B1, "rte_pktmbuf_alloc + free", 1, 1, setup_empty, run_b1)
V(B2, "32 x rte_pktmbuf_alloc, 32 x free", 1, BURST, setup_empty, run_b2)
V(B2b, "rte_pktmbuf_alloc_bulk 32 + free_bulk", 1, BURST, setup_empty, run_b2b)
V(B3, "alloc on lcore 0, rte_ring SP/SC, free on lcore 1", 2, 1, setup_empty, run_b3)
V(B3c, "the same, enqueue/dequeue_bulk of 32", 2, BURST, setup_empty, run_b3c)
V(B4, "B1 on two lcores at once", 2, 1, setup_empty, run_b4)
V(B5, "rte_pktmbuf_prepend 14 + adj 14", 1, 1, setup_packet, run_b5)
V(B6, "alloc mbuf, chain in front, unchain, free_seg", 1, 1, setup_packet, run_b6)
V(B7c, "rte_pktmbuf_read 34, contiguous", 1, 1, setup_packet, run_b7)
V(B7s, "rte_pktmbuf_read 34, spanning (copy)", 1, 1, setup_b7s, run_b7)
V(B8, "rte_pktmbuf_clone + free", 1, 1, setup_packet, run_b8)
V(B9, "alloc, append 64, prepend 14, read 34, adj, free", 1, 1, setup_empty, run_b9)

const struct bench_variant *const bench_dpdk_variants[] = { &v_B1, &v_B2, &v_B2b, &v_B3,  &v_B3c,
                                                            &v_B4, &v_B5, &v_B6,  &v_B7c, &v_B7s,
                                                            &v_B8, &v_B9, NULL };

#else /* !UNDIS_BENCH_DPDK */

int
bench_dpdk_compiled(void)
{
    return 0;
}

int
bench_dpdk_init(int quiet)
{
    (void)quiet;
    return -1;
}

const char *
bench_dpdk_version(void)
{
    return "not compiled in";
}

size_t
bench_dpdk_overhead(void)
{
    return 0;
}

const struct bench_variant *const bench_dpdk_variants[] = { NULL };

#endif
