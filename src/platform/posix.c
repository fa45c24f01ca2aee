/* SPDX-License-Identifier: MIT */
/*
 * posix.c: platform.h on POSIX systems (Linux, macOS, the BSDs): threads
 * through pthreads, clocks through clock_gettime. Built everywhere but
 * Windows (CMakeLists.txt).
 */
#ifndef _POSIX_C_SOURCE
#    define _POSIX_C_SOURCE 200809L
#endif
#ifndef _GNU_SOURCE
#    define _GNU_SOURCE /* dladdr (glibc) */
#endif
#ifndef _DARWIN_C_SOURCE
#    define _DARWIN_C_SOURCE /* dladdr (macOS) */
#endif
#include "platform/platform.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void
undis__thread_yield(void)
{
    (void)sched_yield();
}

/* ---- thread exit: one pthread key whose destructor is the callback ---------- */

static pthread_key_t g_exit_key;
static undis__once g_exit_once = UNDIS__ONCE_INIT;
static int g_exit_ok;

static void
exit_destructor(void *state)
{
    /* Thread-local variables live until the key destructors are done. */
    undis__thread_exit(state, 1);
}

static void
exit_key_create(void)
{
    g_exit_ok = pthread_key_create(&g_exit_key, exit_destructor) == 0;
}

int
undis__thread_exit_register(void *state)
{
    undis__once_run(&g_exit_once, exit_key_create);
    return g_exit_ok && pthread_setspecific(g_exit_key, state) == 0;
}

/* ---- worker threads ---------------------------------------------------------- */

struct thread_start {
    void (*fn)(void *);
    void *arg;
};

static void *
thread_main(void *p)
{
    struct thread_start start = *(struct thread_start *)p;
    free(p);
    start.fn(start.arg);
    return NULL;
}

int
undis__thread_start(void (*fn)(void *arg), void *arg)
{
    struct thread_start *start = (struct thread_start *)malloc(sizeof(*start));
    pthread_attr_t attr;
    pthread_t id;
    int rc;
    if (start == NULL) {
        return 0;
    }
    start->fn = fn;
    start->arg = arg;
    (void)pthread_attr_init(&attr);
    (void)pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&id, &attr, thread_main, start);
    (void)pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(start);
        return 0;
    }
    return 1;
}

void
undis__thread_end_self(void)
{
    pthread_exit(NULL);
}

/* ---- addresses ------------------------------------------------------------------ */

void
undis__plat_describe_address(const void *addr, char *out, size_t cap)
{
    Dl_info info;
    const char *module;
    if (cap == 0) {
        return;
    }
    out[0] = '\0';
    memset(&info, 0, sizeof(info));
    if (addr == NULL || dladdr(addr, &info) == 0 || info.dli_fname == NULL) {
        return;
    }
    module =
        strrchr(info.dli_fname, '/') != NULL ? strrchr(info.dli_fname, '/') + 1 : info.dli_fname;
    if (info.dli_sname != NULL && info.dli_saddr != NULL) {
        (void)snprintf(out, cap, "%s+0x%lx (%s+0x%lx)", module,
                       (unsigned long)((const char *)addr - (const char *)info.dli_fbase),
                       info.dli_sname,
                       (unsigned long)((const char *)addr - (const char *)info.dli_saddr));
    } else {
        (void)snprintf(out, cap, "%s+0x%lx", module,
                       (unsigned long)((const char *)addr - (const char *)info.dli_fbase));
    }
}

/* ---- sleeping, processors, clocks ------------------------------------------- */

void
undis__sleep_ns(uint64_t ns)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    while (nanosleep(&ts, &ts) != 0) {
    }
}

unsigned
undis__online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : (unsigned)n;
}

uint64_t
undis__clock_monotonic_ns(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t
undis__clock_system_100ns(void)
{
    /* Seconds from 1601-01-01 to 1970-01-01. */
    const uint64_t epoch_delta = 11644473600u;
    struct timespec ts;
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + epoch_delta) * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

/* ---- mutex and condition variable -------------------------------------------- */

void
undis__mutex_init(undis__mutex *m)
{
    (void)pthread_mutex_init(m, NULL);
}

void
undis__cond_init(undis__cond *c)
{
    (void)pthread_cond_init(c, NULL);
}

void
undis__mutex_lock(undis__mutex *m)
{
    (void)pthread_mutex_lock(m);
}

void
undis__mutex_unlock(undis__mutex *m)
{
    (void)pthread_mutex_unlock(m);
}

void
undis__cond_wait(undis__cond *c, undis__mutex *m, uint64_t timeout_ns)
{
    struct timespec ts;
    uint64_t ns;
    if (timeout_ns == UINT64_MAX) {
        (void)pthread_cond_wait(c, m);
        return;
    }
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    ns = (uint64_t)ts.tv_nsec + timeout_ns % 1000000000u;
    ts.tv_sec += (time_t)(timeout_ns / 1000000000u + ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    (void)pthread_cond_timedwait(c, m, &ts);
}

void
undis__cond_broadcast(undis__cond *c)
{
    (void)pthread_cond_broadcast(c);
}

unsigned long
undis__process_id(void)
{
    return (unsigned long)getpid();
}

/* ---- joinable threads of their own ------------------------------------------------------ */

struct undis__thread {
    pthread_t id;
    void (*fn)(void *);
    void *arg;
};

static void *
joinable_main(void *p)
{
    struct undis__thread *t = (struct undis__thread *)p;
    t->fn(t->arg);
    return NULL;
}

int
undis__thread_spawn(undis__thread **out, void (*fn)(void *), void *arg)
{
    struct undis__thread *t = (struct undis__thread *)malloc(sizeof(*t));
    *out = NULL;
    if (t == NULL) {
        return 0;
    }
    t->fn = fn;
    t->arg = arg;
    if (pthread_create(&t->id, NULL, joinable_main, t) != 0) {
        free(t);
        return 0;
    }
    *out = t;
    return 1;
}

void
undis__thread_join(undis__thread *thread)
{
    (void)pthread_join(thread->id, NULL);
    free(thread);
}
