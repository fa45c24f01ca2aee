/* SPDX-License-Identifier: MIT */
/*
 * platform.c: the out-of-line part of platform.h: yielding, the spinning
 * lock's slow path and thread-exit callbacks.
 */
#include "platform/platform.h"

#if defined(_WIN32)
#    define WIN32_LEAN_AND_MEAN
#    include <windows.h>

void
undis__thread_yield(void)
{
    SwitchToThread();
}

static VOID NTAPI
fls_callback(PVOID arg)
{
    if (arg != NULL) {
        undis__thread_exit(arg);
    }
}

static INIT_ONCE g_exit_once = INIT_ONCE_STATIC_INIT;
static DWORD g_exit_index = FLS_OUT_OF_INDEXES;

static BOOL CALLBACK
exit_index_create(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once;
    (void)param;
    (void)context;
    g_exit_index = FlsAlloc(fls_callback);
    return TRUE;
}

int
undis__thread_exit_register(void *arg)
{
    InitOnceExecuteOnce(&g_exit_once, exit_index_create, NULL, NULL);
    return g_exit_index != FLS_OUT_OF_INDEXES && FlsSetValue(g_exit_index, arg) != 0;
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
static int g_exit_ok;

static void
exit_key_create(void)
{
    g_exit_ok = pthread_key_create(&g_exit_key, undis__thread_exit) == 0;
}

int
undis__thread_exit_register(void *arg)
{
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
