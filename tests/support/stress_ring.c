/* SPDX-License-Identifier: MIT */
/* tests/support/stress_ring.c: see stress_ring.h. */
#include "support/stress_ring.h"

#include <sched.h>
#include <string.h>

#include "support/pools.h"

ULONG
rnd(uint64_t *s, ULONG n)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return (ULONG)(x % n);
}

static void
q_init(struct queue *q)
{
    memset(q, 0, sizeof(*q));
    CHECK_EQ_INT(pthread_mutex_init(&q->mu, NULL), 0);
    CHECK_EQ_INT(pthread_cond_init(&q->nonempty, NULL), 0);
}

static void
q_destroy(struct queue *q)
{
    CHECK_EQ_INT(q->count, 0);
    pthread_cond_destroy(&q->nonempty);
    pthread_mutex_destroy(&q->mu);
}

static int
q_try_push(struct queue *q, struct msg m)
{
    int ok = 0;
    pthread_mutex_lock(&q->mu);
    if (q->count < QCAP) {
        q->slot[(q->head + q->count) % QCAP] = m;
        q->count++;
        ok = 1;
        pthread_cond_signal(&q->nonempty);
    }
    pthread_mutex_unlock(&q->mu);
    return ok;
}

static int
q_try_pop(struct queue *q, struct msg *m)
{
    int ok = 0;
    pthread_mutex_lock(&q->mu);
    if (q->count != 0) {
        *m = q->slot[q->head];
        q->head = (q->head + 1) % QCAP;
        q->count--;
        ok = 1;
    }
    pthread_mutex_unlock(&q->mu);
    return ok;
}

static void
q_wait_nonempty(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0) {
        pthread_cond_wait(&q->nonempty, &q->mu);
    }
    pthread_mutex_unlock(&q->mu);
}

void
pools_make(struct pools *p)
{
    p->p1 = test_nbl_pool(TRUE, P1_CTX, P1_DATA, 0, TEST_TAG);
    p->p2 = test_nbl_pool(TRUE, 0, 0, 0, TEST_TAG);
    p->p3 = test_nb_pool(0, TEST_TAG);
    CHECK_NOT_NULL(p->p1);
    CHECK_NOT_NULL(p->p2);
    CHECK_NOT_NULL(p->p3);
}

void
pools_free(struct pools *p)
{
    NdisFreeNetBufferPool(p->p3);
    NdisFreeNetBufferListPool(p->p2);
    NdisFreeNetBufferListPool(p->p1);
}

/* Sends `count` items to the next thread and receives `count` from the
 * previous one. A full outgoing queue never blocks: the thread drains its
 * own queue meanwhile, so the ring cannot deadlock. */
static void *
worker_main(void *arg)
{
    struct worker *w = (struct worker *)arg;
    unsigned sent = 0, received = 0;
    struct msg pending;
    int have_pending = 0;
    while (sent < w->count || received < w->count) {
        int progress = 0;
        struct msg m;
        while (q_try_pop(w->in, &m)) {
            w->consume(w, m);
            received++;
            progress = 1;
        }
        if (sent < w->count) {
            if (!have_pending) {
                pending = w->produce(w, (uint32_t)w->id * 1000003u + sent);
                have_pending = 1;
            }
            if (q_try_push(w->out, pending)) {
                have_pending = 0;
                sent++;
                progress = 1;
            }
        }
        if (!progress) {
            if (sent == w->count) {
                q_wait_nonempty(w->in);
            } else {
                sched_yield();
            }
        }
    }
    return NULL;
}

void
run_ring(const struct pools *pools, unsigned count, produce_fn *produce, consume_fn *consume)
{
    static struct queue q[THREADS];
    static struct worker w[THREADS];
    int i;
    for (i = 0; i < THREADS; i++) {
        q_init(&q[i]);
    }
    for (i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof(w[i]));
        w[i].id = i;
        w[i].count = count;
        w[i].in = &q[i];
        w[i].out = &q[(i + 1) % THREADS];
        w[i].pools = pools;
        w[i].rng = 0x9E3779B97F4A7C15u * (uint64_t)(i + 1);
        w[i].produce = produce;
        w[i].consume = consume;
    }
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&w[i].thread, NULL, worker_main, &w[i]), 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(w[i].thread, NULL), 0);
    }
    for (i = 0; i < THREADS; i++) {
        q_destroy(&q[i]);
    }
}
