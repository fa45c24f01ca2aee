/* SPDX-License-Identifier: MIT */
/*
 * tests/support/threads.h: the threads tests start, and the locks they
 * share, on POSIX threads or Win32 threads (MSVC, MinGW), so that no test
 * calls pthreads directly. Only what tests need; every call returns 0 on
 * success (non-zero: the OS refused; the caller CHECKs it).
 */
#ifndef UNDIS_TEST_SUPPORT_THREADS_H
#define UNDIS_TEST_SUPPORT_THREADS_H

#ifdef _WIN32
#    ifndef WIN32_LEAN_AND_MEAN
#        define WIN32_LEAN_AND_MEAN
#    endif
#    include <windows.h>
struct test_thread_start;
typedef struct test_thread {
    HANDLE handle;
    struct test_thread_start *start; /* owned until test_thread_join */
} test_thread;
typedef SRWLOCK test_mutex;
typedef CONDITION_VARIABLE test_cond;
#else
#    include <pthread.h>
typedef struct test_thread {
    pthread_t id;
} test_thread;
typedef pthread_mutex_t test_mutex;
typedef pthread_cond_t test_cond;
#endif

/* A thread running fn(arg); its return value comes back from the join. */
typedef void *test_thread_fn(void *arg);

/* Starts a thread. Post (0): *t must be joined exactly once. */
int test_thread_create(test_thread *t, test_thread_fn *fn, void *arg);
/* Waits for the thread; *result (if not NULL) gets fn's return value. */
int test_thread_join(test_thread *t, void **result);

int test_mutex_init(test_mutex *m);
void test_mutex_lock(test_mutex *m);
void test_mutex_unlock(test_mutex *m);
void test_mutex_destroy(test_mutex *m);

int test_cond_init(test_cond *c);
/* Pre: m locked by the caller; spurious wake-ups are possible (loop). */
void test_cond_wait(test_cond *c, test_mutex *m);
void test_cond_broadcast(test_cond *c);
void test_cond_destroy(test_cond *c);

/* A reusable barrier for `count` threads (pthread_barrier_t is optional in
 * POSIX and absent on macOS and Windows). */
typedef struct test_barrier {
    test_mutex mu;
    test_cond cv;
    unsigned count;
    unsigned waiting;
    unsigned long generation;
} test_barrier;

int test_barrier_init(test_barrier *b, unsigned count);
/* Returns when `count` threads have called it (for this generation). */
void test_barrier_wait(test_barrier *b);
void test_barrier_destroy(test_barrier *b);

#endif /* UNDIS_TEST_SUPPORT_THREADS_H */
