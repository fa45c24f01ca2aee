/* SPDX-License-Identifier: MIT */
/*
 * bench_plain.c: the malloc-based analogue of every benchmark: a plain C
 * packet (a small descriptor followed by 2048 + 128 bytes of data, one
 * malloc block; segments chained through `next`), allocated and freed with
 * the process's malloc. Run the program under LD_PRELOAD of another
 * allocator (mimalloc, jemalloc, tcmalloc) and name it with --malloc-name to
 * compare those. B5 and B7 do no allocation: they are the plain-C floor of
 * the operation (pointer arithmetic, memcpy).
 */
#define _GNU_SOURCE
#include "bench.h"
#include "bench_os.h"
#include "bench_spsc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define ROOM     2176u
#define HEADROOM 128u
#define PKT_LEN  64u
#define HDR_LEN  14u
#define READ_LEN 34u
#define BURST    32u

struct pkt {
    struct pkt *next; /* next segment */
    struct pkt *orig; /* a clone's original (data owner) */
    unsigned char *buf;
    uint32_t cap;
    uint32_t off; /* data start in buf */
    uint32_t len; /* bytes in this segment */
    uint32_t pkt_len;
    uint32_t refcnt;
    uint32_t flags;
    unsigned char room[]; /* the data */
};

static struct pkt *
pkt_alloc(uint32_t room)
{
    struct pkt *p = malloc(sizeof(struct pkt) + room);
    if (p == NULL) {
        bench_die("malloc failed");
    }
    p->next = NULL;
    p->orig = NULL;
    p->buf = p->room;
    p->cap = room;
    p->off = room < HEADROOM ? room : HEADROOM;
    p->len = 0;
    p->pkt_len = 0;
    p->refcnt = 1;
    p->flags = 0;
    return p;
}

static void
pkt_free(struct pkt *p)
{
    while (p != NULL) {
        struct pkt *next = p->next;
        if (p->orig != NULL && --p->orig->refcnt == 0) {
            free(p->orig);
        }
        if (--p->refcnt == 0) {
            free(p);
        }
        p = next;
    }
}

static inline unsigned char *
pkt_prepend(struct pkt *p, uint32_t n)
{
    if (p->off < n) {
        return NULL;
    }
    p->off -= n;
    p->len += n;
    p->pkt_len += n;
    return p->buf + p->off;
}

static inline void
pkt_adj(struct pkt *p, uint32_t n)
{
    p->off += n;
    p->len -= n;
    p->pkt_len -= n;
}

static inline const unsigned char *
pkt_read(const struct pkt *p, uint32_t off, uint32_t n, unsigned char *out)
{
    uint32_t done = 0;
    if (off + n <= p->len) {
        return p->buf + p->off + off;
    }
    for (; p != NULL && done < n; p = p->next) {
        uint32_t chunk;
        if (off >= p->len) {
            off -= p->len;
            continue;
        }
        chunk = p->len - off < n - done ? p->len - off : n - done;
        memcpy(out + done, p->buf + p->off + off, chunk);
        done += chunk;
        off = 0;
    }
    return done == n ? out : NULL;
}

struct st {
    struct pkt *p;
    struct bench_spsc *q;
    uint64_t n;
    unsigned burst;
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

static void *
setup_packet(void)
{
    struct st *s = setup_empty();
    s->p = pkt_alloc(ROOM);
    s->p->off = ROOM - PKT_LEN;
    s->p->len = s->p->pkt_len = PKT_LEN;
    return s;
}

static void
teardown(void *state)
{
    struct st *s = state;
    pkt_free(s->p);
    bench_os_aligned_free(s->q);
    free(s);
}

static uint64_t
run_b1(void *state, uint64_t iters)
{
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        struct pkt *p = pkt_alloc(ROOM);
        BENCH_KEEP(p);
        pkt_free(p);
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b2(void *state, uint64_t iters)
{
    struct pkt *v[BURST];
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        for (unsigned k = 0; k < BURST; k++) {
            v[k] = pkt_alloc(ROOM);
        }
        BENCH_KEEP(v);
        for (unsigned k = 0; k < BURST; k++) {
            pkt_free(v[k]);
        }
    }
    return bench_now_ns() - t0;
}

static void *
setup_b3(void)
{
    struct st *s = setup_empty();
    s->q = bench_os_aligned_alloc(64, sizeof(*s->q));
    if (s->q == NULL) {
        bench_die("out of memory");
    }
    return s;
}

#define PLAIN_CROSS_ALLOC(s) ((void *)pkt_alloc(ROOM))
#define PLAIN_CROSS_FREE(p)  pkt_free((struct pkt *)(p))
BENCH_CROSS_FUNCS(cross, struct st, PLAIN_CROSS_ALLOC, PLAIN_CROSS_FREE)

static uint64_t
run_b3(void *state, uint64_t iters)
{
    return cross_run(state, iters, 1);
}

static uint64_t
run_b3c(void *state, uint64_t iters)
{
    return cross_run(state, iters, BURST);
}

static void
b4_other(void *arg)
{
    struct st *s = arg;
    atomic_store(&s->ready, 1);
    while (!atomic_load_explicit(&s->go, memory_order_acquire)) {
    }
    (void)run_b1(s, s->n);
    atomic_store_explicit(&s->done, 1, memory_order_release);
}

static uint64_t
run_b4(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0;
    s->n = iters;
    atomic_store(&s->ready, 0);
    atomic_store(&s->go, 0);
    atomic_store(&s->done, 0);
    bench_helper_start(b4_other, s);
    while (!atomic_load(&s->ready)) {
    }
    t0 = bench_now_ns();
    atomic_store_explicit(&s->go, 1, memory_order_release);
    (void)run_b1(s, iters);
    while (!atomic_load_explicit(&s->done, memory_order_acquire)) {
    }
    t0 = bench_now_ns() - t0;
    bench_helper_wait();
    return t0;
}

static uint64_t
run_b5(void *state, uint64_t iters)
{
    struct st *s = state;
    struct pkt *p = s->p;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        unsigned char *h = pkt_prepend(p, HDR_LEN);
        BENCH_KEEP(h);
        pkt_adj(p, HDR_LEN);
        BENCH_CLOBBER();
    }
    return bench_now_ns() - t0;
}

/* No headroom: a new segment (malloc), header at its end, chained in front;
 * then stripped and freed. */
static uint64_t
run_b6(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        struct pkt *h = pkt_alloc(64);
        struct pkt *p = s->p;
        h->off = 64 - HDR_LEN;
        h->len = HDR_LEN;
        h->pkt_len = p->pkt_len + HDR_LEN;
        h->next = p;
        BENCH_KEEP(h);
        p = h->next;
        h->next = NULL;
        pkt_free(h);
        s->p = p;
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b7(void *state, uint64_t iters)
{
    struct st *s = state;
    unsigned char out[64];
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        const unsigned char *r = pkt_read(s->p, 0, READ_LEN, out);
        BENCH_KEEP(r);
    }
    return bench_now_ns() - t0;
}

static void *
setup_b7s(void)
{
    struct st *s = setup_empty();
    struct pkt *a = pkt_alloc(ROOM), *b = pkt_alloc(ROOM);
    a->off = ROOM - 20;
    a->len = 20;
    b->off = 0;
    b->len = 2000;
    a->pkt_len = 2020;
    a->next = b;
    s->p = a;
    return s;
}

static uint64_t
run_b8(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        struct pkt *c = pkt_alloc(0);
        c->orig = s->p;
        s->p->refcnt++;
        c->buf = s->p->buf;
        c->off = s->p->off;
        c->len = s->p->len;
        c->pkt_len = s->p->pkt_len;
        BENCH_KEEP(c);
        pkt_free(c);
    }
    return bench_now_ns() - t0;
}

static const unsigned char g_payload[PKT_LEN] = { 0x45, 0x00, 0x00, 0x40 };
static const unsigned char g_eth[HDR_LEN] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0 };

static uint64_t
run_b9(void *state, uint64_t iters)
{
    unsigned char out[64];
    uint64_t t0 = bench_now_ns();
    (void)state;
    for (uint64_t i = 0; i < iters; i++) {
        struct pkt *p = pkt_alloc(ROOM);
        const unsigned char *r;
        unsigned char *h;
        memcpy(p->buf + p->off, g_payload, PKT_LEN);
        p->len = p->pkt_len = PKT_LEN;
        h = pkt_prepend(p, HDR_LEN);
        memcpy(h, g_eth, HDR_LEN);
        r = pkt_read(p, 0, READ_LEN, out);
        BENCH_KEEP(r[READ_LEN - 1]);
        pkt_adj(p, HDR_LEN);
        pkt_free(p);
    }
    return bench_now_ns() - t0;
}

#define V(id, label, threads, ops, setup, run)                                  \
    static const struct bench_variant v_##id = { #id, "malloc", label, threads, \
                                                 ops, setup,    run,   teardown };

V(B1, "malloc 2 KiB packet + free", 1, 1, setup_empty, run_b1)
V(B2, "32 x malloc, 32 x free", 1, BURST, setup_empty, run_b2)
V(B3, "malloc on A, SPSC, free on B", 2, 1, setup_b3, run_b3)
V(B3c, "malloc on A, bursts of 32, free on B", 2, BURST, setup_b3, run_b3c)
V(B4, "B1 on two threads at once", 2, 1, setup_empty, run_b4)
V(B5, "prepend 14 + adj 14 (pointer arithmetic)", 1, 1, setup_packet, run_b5)
V(B6, "malloc a front segment, chain, unchain, free", 1, 1, setup_packet, run_b6)
V(B7c, "read 34, contiguous", 1, 1, setup_packet, run_b7)
V(B7s, "read 34, spanning (memcpy)", 1, 1, setup_b7s, run_b7)
V(B8, "clone (malloc descriptor + refcount) + free", 1, 1, setup_packet, run_b8)
V(B9, "lifecycle over malloc", 1, 1, setup_empty, run_b9)

const struct bench_variant *const bench_plain_variants[] = { &v_B1,  &v_B2, &v_B3, &v_B3c,
                                                             &v_B4,  &v_B5, &v_B6, &v_B7c,
                                                             &v_B7s, &v_B8, &v_B9, NULL };
