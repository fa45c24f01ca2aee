/* SPDX-License-Identifier: MIT */
/*
 * platform.c: the out-of-line part of platform.h: yielding, the spinning
 * lock's slow path and thread-exit callbacks.
 */
#include "platform.h"

#if defined(_WIN32)
#    define WIN32_LEAN_AND_MEAN
#    include <windows.h>

void
undis__thread_yield(void)
{
    SwitchToThread();
}

static void(NTAPI *g_exit_fn)(void *);

static VOID NTAPI
fls_callback(PVOID arg)
{
    if (arg != NULL && g_exit_fn != NULL) {
        g_exit_fn(arg);
    }
}

int
undis__thread_exit_register(void (*fn)(void *), void *arg)
{
    static DWORD index = FLS_OUT_OF_INDEXES;
    if (index == FLS_OUT_OF_INDEXES) {
        g_exit_fn = fn;
        index = FlsAlloc(fls_callback);
        if (index == FLS_OUT_OF_INDEXES) {
            return 0;
        }
    }
    return FlsSetValue(index, arg) != 0;
}
#else
#    include <pthread.h>
#    include <sched.h>

void
undis__thread_yield(void)
{
    sched_yield();
}

static pthread_key_t g_exit_key;
static pthread_once_t g_exit_once = PTHREAD_ONCE_INIT;
static void (*g_exit_fn)(void *);
static int g_exit_ok;

static void
exit_key_create(void)
{
    g_exit_ok = pthread_key_create(&g_exit_key, g_exit_fn) == 0;
}

int
undis__thread_exit_register(void (*fn)(void *), void *arg)
{
    g_exit_fn = fn;
    pthread_once(&g_exit_once, exit_key_create);
    return g_exit_ok && pthread_setspecific(g_exit_key, arg) == 0;
}
#endif

void
undis__spin_lock_slow(undis__spinlock *lock)
{
    unsigned spins = 0;
    while (!undis__spin_try(lock)) {
        if (++spins >= 64) {
            undis__thread_yield();
            spins = 0;
        }
    }
}
