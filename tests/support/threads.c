/* SPDX-License-Identifier: MIT */
/*
 * tests/support/threads.c: threads.h on Win32 threads (_WIN32) or POSIX
 * threads (everything else).
 */
#include "support/threads.h"

#include <stdlib.h>

#ifdef _WIN32

struct test_thread_start {
    test_thread_fn *fn;
    void *arg;
    void *result;
};

static DWORD WINAPI
thread_trampoline(LPVOID param)
{
    struct test_thread_start *s = (struct test_thread_start *)param;
    s->result = s->fn(s->arg);
    return 0;
}

int
test_thread_create(test_thread *t, test_thread_fn *fn, void *arg)
{
    struct test_thread_start *s = (struct test_thread_start *)malloc(sizeof(*s));
    if (s == NULL) {
        return -1;
    }
    s->fn = fn;
    s->arg = arg;
    s->result = NULL;
    t->start = s;
    t->handle = CreateThread(NULL, 0, thread_trampoline, s, 0, NULL);
    if (t->handle == NULL) {
        free(s);
        t->start = NULL;
        return -1;
    }
    return 0;
}

int
test_thread_join(test_thread *t, void **result)
{
    if (WaitForSingleObject(t->handle, INFINITE) != WAIT_OBJECT_0) {
        return -1;
    }
    CloseHandle(t->handle);
    if (result != NULL) {
        *result = t->start->result;
    }
    free(t->start);
    t->start = NULL;
    return 0;
}

int
test_mutex_init(test_mutex *m)
{
    InitializeSRWLock(m);
    return 0;
}

void
test_mutex_lock(test_mutex *m)
{
    AcquireSRWLockExclusive(m);
}

void
test_mutex_unlock(test_mutex *m)
{
    ReleaseSRWLockExclusive(m);
}

void
test_mutex_destroy(test_mutex *m)
{
    (void)m; /* SRW locks need no destruction */
}

int
test_cond_init(test_cond *c)
{
    InitializeConditionVariable(c);
    return 0;
}

void
test_cond_wait(test_cond *c, test_mutex *m)
{
    (void)SleepConditionVariableSRW(c, m, INFINITE, 0);
}

void
test_cond_broadcast(test_cond *c)
{
    WakeAllConditionVariable(c);
}

void
test_cond_destroy(test_cond *c)
{
    (void)c;
}

#else /* POSIX threads */

int
test_thread_create(test_thread *t, test_thread_fn *fn, void *arg)
{
    return pthread_create(&t->id, NULL, fn, arg);
}

int
test_thread_join(test_thread *t, void **result)
{
    return pthread_join(t->id, result);
}

int
test_mutex_init(test_mutex *m)
{
    return pthread_mutex_init(m, NULL);
}

void
test_mutex_lock(test_mutex *m)
{
    (void)pthread_mutex_lock(m);
}

void
test_mutex_unlock(test_mutex *m)
{
    (void)pthread_mutex_unlock(m);
}

void
test_mutex_destroy(test_mutex *m)
{
    (void)pthread_mutex_destroy(m);
}

int
test_cond_init(test_cond *c)
{
    return pthread_cond_init(c, NULL);
}

void
test_cond_wait(test_cond *c, test_mutex *m)
{
    (void)pthread_cond_wait(c, m);
}

void
test_cond_broadcast(test_cond *c)
{
    (void)pthread_cond_broadcast(c);
}

void
test_cond_destroy(test_cond *c)
{
    (void)pthread_cond_destroy(c);
}

#endif

int
test_barrier_init(test_barrier *b, unsigned count)
{
    if (count == 0) {
        return -1;
    }
    b->count = count;
    b->waiting = 0;
    b->generation = 0;
    if (test_mutex_init(&b->mu) != 0) {
        return -1;
    }
    if (test_cond_init(&b->cv) != 0) {
        test_mutex_destroy(&b->mu);
        return -1;
    }
    return 0;
}

void
test_barrier_wait(test_barrier *b)
{
    unsigned long gen;
    test_mutex_lock(&b->mu);
    gen = b->generation;
    if (++b->waiting == b->count) {
        b->waiting = 0;
        b->generation++;
        test_cond_broadcast(&b->cv);
    } else {
        while (gen == b->generation) {
            test_cond_wait(&b->cv, &b->mu);
        }
    }
    test_mutex_unlock(&b->mu);
}

void
test_barrier_destroy(test_barrier *b)
{
    test_cond_destroy(&b->cv);
    test_mutex_destroy(&b->mu);
}
