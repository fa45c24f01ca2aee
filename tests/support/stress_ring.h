/* SPDX-License-Identifier: MIT */
/*
 * tests/support/stress_ring.h: the machinery of tests/test_stress.c:
 * worker-side checks, a seeded random sequence, the shared pools, and a
 * ring of THREADS worker threads that pass items through bounded queues
 * (a full outgoing queue never blocks: the thread drains its own queue
 * meanwhile, so the ring cannot deadlock). Needs POSIX threads.
 */
#ifndef UNDIS_TEST_SUPPORT_STRESS_RING_H
#define UNDIS_TEST_SUPPORT_STRESS_RING_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <pthread.h>

#include <ndis.h>
#include <undis/check.h>

#include "test.h"

/* ---- worker-side checks ------------------------------------------------- */

/* Worker threads cannot use CHECK (it longjmps into the main thread): WCHECK
 * prints the failed condition and aborts the process. */
#define WCHECK(cond)                                                                        \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: worker FAIL: WCHECK(%s)\n", __FILE__, __LINE__, #cond); \
            fflush(stderr);                                                                 \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

#define WCHECK_NBL(nbl) WCHECK(undis_nbl_check((nbl), NULL, 0) == UNDIS_CHECK_OK)

/* Threads in a ring; the tag of the shared pools. */
#define THREADS  4
#define TEST_TAG 0x73727453u

/* ---- a bounded queue between two threads ------------------------------- */

#define QCAP 16

enum msg_type { MSG_NBL_A, MSG_NBL_B, MSG_PLAIN_NBL, MSG_PLAIN_NB };

struct msg {
    enum msg_type type;
    void *p;
};

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    struct msg slot[QCAP];
    unsigned head;
    unsigned count;
};

/* ---- shared pools ------------------------------------------------------- */

#define P1_DATA 256
#define P1_CTX  32

struct pools {
    NDIS_HANDLE p1; /* NBL + NB + context + data */
    NDIS_HANDLE p2; /* NBL + NB, no data */
    NDIS_HANDLE p3; /* NB */
};

/* Creates the three pools (fails the case if one is refused); frees them. */
void pools_make(struct pools *p);
void pools_free(struct pools *p);

/* ---- the worker loop --------------------------------------------------- */

struct worker;
typedef struct msg produce_fn(struct worker *w, uint32_t seq);
typedef void consume_fn(struct worker *w, struct msg m);

struct worker {
    pthread_t thread;
    int id;
    unsigned count; /* items to send, and to receive */
    struct queue *in, *out;
    const struct pools *pools;
    uint64_t rng;
    produce_fn *produce;
    consume_fn *consume;
};

/* Runs THREADS workers in a ring and joins them: each sends `count` items
 * made by `produce` to the next thread and hands the `count` it receives to
 * `consume`. */
void run_ring(const struct pools *pools, unsigned count, produce_fn *produce, consume_fn *consume);

/* xorshift64: a fixed sequence per seed; a value below n. */
ULONG rnd(uint64_t *s, ULONG n);

#endif /* UNDIS_TEST_SUPPORT_STRESS_RING_H */
