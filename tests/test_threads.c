/* SPDX-License-Identifier: MIT */
/*
 * test_threads.c: the portable thread layer of the tests
 * (tests/support/threads.h), on whichever implementation this build has:
 * POSIX threads, or Win32 threads on Windows.
 */
#include "test.h"

#include "support/threads.h"

#include <stdint.h>

static void *
return_arg_plus_one(void *arg)
{
    return (void *)((uintptr_t)arg + 1);
}

TEST(join_returns_the_thread_result)
{
    test_thread t[3];
    for (uintptr_t i = 0; i < 3; i++) {
        CHECK_EQ_INT(test_thread_create(&t[i], return_arg_plus_one, (void *)(i * 10)), 0);
    }
    for (uintptr_t i = 0; i < 3; i++) {
        void *result = NULL;
        CHECK_EQ_INT(test_thread_join(&t[i], &result), 0);
        CHECK_EQ_U64((uintptr_t)result, i * 10 + 1);
    }
}

struct shared_count {
    test_mutex mu;
    unsigned long value;
};

static void *
add_under_mutex(void *arg)
{
    struct shared_count *c = (struct shared_count *)arg;
    for (int i = 0; i < 20000; i++) {
        test_mutex_lock(&c->mu);
        c->value++;
        test_mutex_unlock(&c->mu);
    }
    return NULL;
}

TEST(mutex_excludes_other_threads)
{
    struct shared_count c;
    test_thread t[4];
    c.value = 0;
    CHECK_EQ_INT(test_mutex_init(&c.mu), 0);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(test_thread_create(&t[i], add_under_mutex, &c), 0);
    }
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(test_thread_join(&t[i], NULL), 0);
    }
    test_mutex_destroy(&c.mu);
    CHECK_EQ_U64(c.value, 80000);
}

struct handoff {
    test_mutex mu;
    test_cond cv;
    int posted;
    int seen;
};

static void *
wait_for_post(void *arg)
{
    struct handoff *h = (struct handoff *)arg;
    test_mutex_lock(&h->mu);
    while (!h->posted) {
        test_cond_wait(&h->cv, &h->mu);
    }
    h->seen = h->posted;
    test_mutex_unlock(&h->mu);
    return NULL;
}

TEST(cond_wakes_the_waiter)
{
    struct handoff h;
    test_thread t;
    h.posted = 0;
    h.seen = 0;
    CHECK_EQ_INT(test_mutex_init(&h.mu), 0);
    CHECK_EQ_INT(test_cond_init(&h.cv), 0);
    CHECK_EQ_INT(test_thread_create(&t, wait_for_post, &h), 0);
    test_mutex_lock(&h.mu);
    h.posted = 7;
    test_cond_broadcast(&h.cv);
    test_mutex_unlock(&h.mu);
    CHECK_EQ_INT(test_thread_join(&t, NULL), 0);
    CHECK_EQ_INT(h.seen, 7);
    test_cond_destroy(&h.cv);
    test_mutex_destroy(&h.mu);
}

#define BARRIER_THREADS 4
#define BARRIER_ROUNDS  50

struct rounds {
    test_barrier barrier;
    test_mutex mu;
    int arrived[BARRIER_ROUNDS];
    int early; /* a thread saw a round not yet complete after the barrier */
};

static void *
run_rounds(void *arg)
{
    struct rounds *r = (struct rounds *)arg;
    for (int k = 0; k < BARRIER_ROUNDS; k++) {
        test_mutex_lock(&r->mu);
        r->arrived[k]++;
        test_mutex_unlock(&r->mu);
        test_barrier_wait(&r->barrier);
        test_mutex_lock(&r->mu);
        if (r->arrived[k] != BARRIER_THREADS) {
            r->early = 1;
        }
        test_mutex_unlock(&r->mu);
    }
    return NULL;
}

TEST(barrier_releases_only_when_all_arrived)
{
    static struct rounds r;
    test_thread t[BARRIER_THREADS];
    CHECK_EQ_INT(test_barrier_init(&r.barrier, BARRIER_THREADS), 0);
    CHECK_EQ_INT(test_mutex_init(&r.mu), 0);
    for (int i = 0; i < BARRIER_THREADS; i++) {
        CHECK_EQ_INT(test_thread_create(&t[i], run_rounds, &r), 0);
    }
    for (int i = 0; i < BARRIER_THREADS; i++) {
        CHECK_EQ_INT(test_thread_join(&t[i], NULL), 0);
    }
    CHECK_EQ_INT(r.early, 0);
    for (int k = 0; k < BARRIER_ROUNDS; k++) {
        CHECK_EQ_INT(r.arrived[k], BARRIER_THREADS);
    }
    test_barrier_destroy(&r.barrier);
    test_mutex_destroy(&r.mu);
}

TEST(barrier_of_zero_is_refused)
{
    test_barrier b;
    CHECK(test_barrier_init(&b, 0) != 0);
}

TEST_MAIN_BEGIN
TEST_CASE(join_returns_the_thread_result)
TEST_CASE(mutex_excludes_other_threads)
TEST_CASE(cond_wakes_the_waiter)
TEST_CASE(barrier_releases_only_when_all_arrived)
TEST_CASE(barrier_of_zero_is_refused)
TEST_MAIN_END
