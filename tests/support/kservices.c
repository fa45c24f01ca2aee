/* SPDX-License-Identifier: MIT */
/* tests/support/kservices.c: see kservices.h. */
#include "support/kservices.h"

#include <setjmp.h>
#include <string.h>

#include <undis/rt.h>

#if defined(_MSC_VER) && !defined(__clang__)
#    define KS_THREAD_LOCAL __declspec(thread)
#else
#    define KS_THREAD_LOCAL _Thread_local
#endif

static KS_THREAD_LOCAL int g_on_test_thread;

void
ks_counter_init(ks_counter *c)
{
    memset(c, 0, sizeof(*c));
    KeInitializeEvent(&c->changed, SynchronizationEvent, FALSE);
    g_on_test_thread = 1;
}

void
ks_counter_bump(ks_counter *c, PVOID context)
{
    c->irql = KeGetCurrentIrql();
    c->processor = KeGetCurrentProcessorNumberEx(NULL);
    c->context = context;
    c->thread = g_on_test_thread;
    (void)InterlockedIncrement(&c->count);
    (void)KeSetEvent(&c->changed, 0, FALSE);
}

LONG
ks_counter_get(ks_counter *c)
{
    return InterlockedCompareExchange(&c->count, 0, 0);
}

BOOLEAN
ks_counter_wait(ks_counter *c, LONG n, ULONG ms)
{
    LARGE_INTEGER until;
    KeQuerySystemTime(&until);
    until.QuadPart += (LONGLONG)ms * 10000;
    while (ks_counter_get(c) < n) {
        if (KeWaitForSingleObject(&c->changed, Executive, KernelMode, FALSE, &until) ==
            STATUS_TIMEOUT) {
            return (BOOLEAN)(ks_counter_get(c) >= n);
        }
    }
    return TRUE;
}

static KDPC g_block_dpc[64];
static KEVENT g_block_release;
static KEVENT g_block_running[64];

static VOID
block_routine(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    (void)dpc;
    (void)a1;
    (void)a2;
    (void)KeSetEvent((PRKEVENT)context, 0, FALSE);
    while (KeReadStateEvent(&g_block_release) == 0) {
        KeStallExecutionProcessor(50);
    }
}

static void
block(ULONG count)
{
    ULONG i;
    KeInitializeEvent(&g_block_release, NotificationEvent, FALSE);
    for (i = 0; i < count; i++) {
        KeInitializeEvent(&g_block_running[i], NotificationEvent, FALSE);
        KeInitializeDpc(&g_block_dpc[i], block_routine, &g_block_running[i]);
        KeSetTargetProcessorDpc(&g_block_dpc[i], (CCHAR)i);
        (void)KeInsertQueueDpc(&g_block_dpc[i], NULL, NULL);
    }
    for (i = 0; i < count; i++) {
        (void)KeWaitForSingleObject(&g_block_running[i], Executive, KernelMode, FALSE, NULL);
    }
}

void
ks_block_cpu0(void)
{
    block(1);
}

void
ks_block_all(void)
{
    block(KeQueryActiveProcessorCount(NULL));
}

void
ks_block_release(void)
{
    (void)KeSetEvent(&g_block_release, 0, FALSE);
    KeFlushQueuedDpcs();
}

static jmp_buf g_jump;
static ULONG g_code;

static int
catch_hook(const undis_rt_event *ev, void *ctx)
{
    (void)ctx;
    g_code = ev->code != 0 ? ev->code : 0xFFFFFFFFu;
    longjmp(g_jump, 1);
}

ULONG
ks_catch_bugcheck(void (*fn)(void *arg), void *arg)
{
    g_code = 0;
    undis_rt_set_report_hook(catch_hook, NULL);
    if (setjmp(g_jump) == 0) {
        fn(arg);
    }
    undis_rt_set_report_hook(NULL, NULL);
    return g_code;
}
