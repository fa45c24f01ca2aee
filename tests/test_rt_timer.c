/*
 * test_rt_timer.c - DPCs (rt_dpc.c) and timers (rt_timer.c): a DPC runs at
 * DISPATCH_LEVEL on a processor's worker, queueing twice and removing,
 * flush, threaded DPCs, target processors and importance; KTIMERs one-shot,
 * absolute and periodic, waited on, cancelled before and after they fire;
 * NDIS timer objects the same way, with bad characteristics, allocation
 * failure and misuse.
 */
#include "test.h"

#include "support/kservices.h"

#include <ndis.h>
#include <undis/fault.h>
#include <undis/rt.h>

static ks_counter g_count;

static VOID
count_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    (void)dpc;
    (void)a2;
    ks_counter_bump(&g_count, a1 != NULL ? a1 : context);
}

TEST(dpc_runs_at_dispatch_on_a_worker_thread)
{
    KDPC dpc;
    int arg = 0;
    ks_counter_init(&g_count);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    CHECK(KeInsertQueueDpc(&dpc, &arg, NULL));
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_U32(g_count.irql, DISPATCH_LEVEL);
    CHECK_EQ_INT(g_count.thread, 0);
    CHECK(g_count.context == &arg);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    KeFlushQueuedDpcs();
}

TEST(dpc_queued_twice_is_queued_once_and_removable)
{
    KDPC dpc;
    ks_counter_init(&g_count);
    ks_block_cpu0();
    KeInitializeDpc(&dpc, count_dpc, NULL);
    KeSetTargetProcessorDpc(&dpc, 0);
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL));
    CHECK(!KeInsertQueueDpc(&dpc, NULL, NULL));
    CHECK(KeRemoveQueueDpc(&dpc));
    CHECK(!KeRemoveQueueDpc(&dpc));
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL));
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL) == FALSE);
    ks_block_release();
    CHECK_EQ_INT(ks_counter_get(&g_count), 1);
    CHECK_EQ_U32(g_count.processor, 0);
}

TEST(high_importance_dpc_runs_first)
{
    KDPC low, high;
    int a = 1, b = 2;
    ks_counter_init(&g_count);
    ks_block_cpu0();
    KeInitializeDpc(&low, count_dpc, &a);
    KeInitializeDpc(&high, count_dpc, &b);
    KeSetTargetProcessorDpc(&low, 0);
    KeSetTargetProcessorDpc(&high, 0);
    KeSetImportanceDpc(&high, HighImportance);
    CHECK(KeInsertQueueDpc(&low, NULL, NULL));
    CHECK(KeInsertQueueDpc(&high, NULL, NULL));
    ks_block_release();
    CHECK_EQ_INT(ks_counter_get(&g_count), 2);
    CHECK(g_count.context == &a); /* the low one ran last */
}

static VOID
slow_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    (void)dpc;
    (void)context;
    (void)a1;
    (void)a2;
    KeStallExecutionProcessor(30000);
    ks_counter_bump(&g_count, NULL);
}

TEST(flush_waits_for_queued_and_running_dpcs)
{
    KDPC dpc;
    ks_counter_init(&g_count);
    KeInitializeDpc(&dpc, slow_dpc, NULL);
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL));
    KeFlushQueuedDpcs();
    CHECK_EQ_INT(ks_counter_get(&g_count), 1);
}

TEST(threaded_dpc_runs_at_passive_level)
{
    KDPC dpc;
    ks_counter_init(&g_count);
    KeInitializeThreadedDpc(&dpc, count_dpc, NULL);
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL));
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_U32(g_count.irql, PASSIVE_LEVEL);
    KeFlushQueuedDpcs();
}

TEST(target_processor_ex_checks_the_number)
{
    KDPC dpc;
    PROCESSOR_NUMBER n;
    ULONG last = KeQueryActiveProcessorCount(NULL) - 1;
    ks_counter_init(&g_count);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    memset(&n, 0, sizeof(n));
    n.Number = (UCHAR)(last + 1);
    CHECK_STATUS(KeSetTargetProcessorDpcEx(&dpc, &n), STATUS_INVALID_PARAMETER);
    n.Group = 1;
    n.Number = 0;
    CHECK_STATUS(KeSetTargetProcessorDpcEx(&dpc, &n), STATUS_INVALID_PARAMETER);
    n.Group = 0;
    n.Number = (UCHAR)last;
    CHECK_STATUS(KeSetTargetProcessorDpcEx(&dpc, &n), STATUS_SUCCESS);
    CHECK(KeInsertQueueDpc(&dpc, NULL, NULL));
    KeFlushQueuedDpcs();
    CHECK_EQ_INT(ks_counter_get(&g_count), 1);
    CHECK_EQ_U32(g_count.processor, last);
}

static void
insert_junk_dpc(void *arg)
{
    (void)KeInsertQueueDpc((PKDPC)arg, NULL, NULL);
}

static void
flush_at_dispatch(void *arg)
{
    KIRQL old;
    (void)arg;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeFlushQueuedDpcs();
}

TEST(dpc_misuse_bugchecks)
{
    KDPC junk;
    memset(&junk, 0x5A, sizeof(junk));
    CHECK_EQ_U32(ks_catch_bugcheck(insert_junk_dpc, &junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
    CHECK_EQ_U32(ks_catch_bugcheck(flush_at_dispatch, NULL), IRQL_NOT_LESS_OR_EQUAL);
    KeLowerIrql(PASSIVE_LEVEL);
}

/* ---- KTIMER ------------------------------------------------------------- */

static LARGE_INTEGER
relative_ms(LONGLONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = -ms * 10000;
    return t;
}

TEST(ktimer_one_shot_signals_and_runs_its_dpc)
{
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER wait = relative_ms(2000);
    ULONGLONG start = KeQueryInterruptTime();
    ks_counter_init(&g_count);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    CHECK(!KeReadStateTimer(&timer));
    CHECK(!KeSetTimer(&timer, relative_ms(20), &dpc));
    CHECK_STATUS(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, &wait),
                 STATUS_SUCCESS);
    CHECK(KeQueryInterruptTime() - start >= 20 * 10000);
    CHECK(KeReadStateTimer(&timer));
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_U32(g_count.irql, DISPATCH_LEVEL);
    CHECK(g_count.context != NULL); /* SystemArgument1: the expiry time's low part */
    CHECK(!KeCancelTimer(&timer));
    KeFlushQueuedDpcs();
}

TEST(ktimer_absolute_due_time)
{
    KTIMER timer;
    LARGE_INTEGER due;
    LARGE_INTEGER wait = relative_ms(2000);
    LARGE_INTEGER now;
    KeInitializeTimerEx(&timer, SynchronizationTimer);
    KeQuerySystemTime(&due);
    due.QuadPart += 15 * 10000;
    CHECK(!KeSetTimer(&timer, due, NULL));
    CHECK_STATUS(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, &wait),
                 STATUS_SUCCESS);
    KeQuerySystemTime(&now);
    CHECK(now.QuadPart >= due.QuadPart - 20000); /* clocks differ by a tick at most */
    /* A synchronization timer resets when a wait is satisfied. */
    CHECK(!KeReadStateTimer(&timer));
}

TEST(ktimer_periodic_fires_n_times_until_cancelled)
{
    KTIMER timer;
    KDPC dpc;
    LONG seen;
    ks_counter_init(&g_count);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    CHECK(!KeSetTimerEx(&timer, relative_ms(5), 5, &dpc));
    CHECK(ks_counter_wait(&g_count, 5, 3000));
    CHECK(KeCancelTimer(&timer));
    KeFlushQueuedDpcs();
    seen = ks_counter_get(&g_count);
    NdisMSleep(30000);
    CHECK_EQ_INT(ks_counter_get(&g_count), seen);
}

TEST(ktimer_cancel_before_expiry_returns_true)
{
    KTIMER timer;
    KDPC dpc;
    ks_counter_init(&g_count);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    CHECK(!KeSetTimer(&timer, relative_ms(1000), &dpc));
    CHECK(KeSetTimer(&timer, relative_ms(1000), &dpc)); /* was set */
    CHECK(KeCancelTimer(&timer));
    CHECK(!KeCancelTimer(&timer));
    NdisMSleep(20000);
    KeFlushQueuedDpcs();
    CHECK_EQ_INT(ks_counter_get(&g_count), 0);
    CHECK(!KeReadStateTimer(&timer));
}

TEST(ktimer_cancel_after_expiry_returns_false_and_the_dpc_runs)
{
    KTIMER timer;
    KDPC dpc;
    ks_counter_init(&g_count);
    ks_block_cpu0();
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, count_dpc, NULL);
    KeSetTargetProcessorDpc(&dpc, 0);
    CHECK(!KeSetTimer(&timer, relative_ms(1), &dpc));
    CHECK_STATUS(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    CHECK(!KeCancelTimer(&timer)); /* fired: its DPC is queued behind the blocker */
    CHECK_EQ_INT(ks_counter_get(&g_count), 0);
    ks_block_release();
    CHECK_EQ_INT(ks_counter_get(&g_count), 1);
}

static void
set_junk_timer(void *arg)
{
    (void)KeSetTimer((PKTIMER)arg, relative_ms(1), NULL);
}

TEST(ktimer_not_initialised_bugchecks)
{
    KTIMER junk;
    memset(&junk, 0x33, sizeof(junk));
    CHECK_EQ_U32(ks_catch_bugcheck(set_junk_timer, &junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
}

/* ---- NDIS timer objects ---------------------------------------------------- */

static NDIS_TIMER_FUNCTION count_timer;

static VOID
count_timer(PVOID s1, PVOID context, PVOID s2, PVOID s3)
{
    (void)s1;
    (void)s2;
    (void)s3;
    ks_counter_bump(&g_count, context);
}

static int g_default_context;

static void
timer_chars(NDIS_TIMER_CHARACTERISTICS *c)
{
    memset(c, 0, sizeof(*c));
    c->Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    c->Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    c->Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    c->AllocationTag = 0x74736554; /* "Test" */
    c->TimerFunction = count_timer;
    c->FunctionContext = &g_default_context;
}

TEST(ndis_timer_one_shot_runs_at_dispatch_with_its_context)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = NULL;
    int mine = 0;
    ks_counter_init(&g_count);
    timer_chars(&c);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_SUCCESS);
    CHECK(timer != NULL);
    CHECK(!NdisSetTimerObject(timer, relative_ms(5), 0, &mine));
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_U32(g_count.irql, DISPATCH_LEVEL);
    CHECK_EQ_INT(g_count.thread, 0);
    CHECK(g_count.context == &mine);
    CHECK(!NdisSetTimerObject(timer, relative_ms(5), 0, NULL));
    CHECK(ks_counter_wait(&g_count, 2, 2000));
    CHECK(g_count.context == &g_default_context);
    NdisFreeTimerObject(timer);
}

TEST(ndis_timer_periodic_fires_n_times)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = NULL;
    LONG seen;
    ks_counter_init(&g_count);
    timer_chars(&c);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_SUCCESS);
    CHECK(!NdisSetTimerObject(timer, relative_ms(2), 4, NULL));
    CHECK(ks_counter_wait(&g_count, 10, 3000));
    CHECK(NdisCancelTimerObject(timer));
    KeFlushQueuedDpcs();
    seen = ks_counter_get(&g_count);
    NdisMSleep(20000);
    CHECK_EQ_INT(ks_counter_get(&g_count), seen);
    CHECK(!NdisCancelTimerObject(timer));
    NdisFreeTimerObject(timer);
}

TEST(ndis_timer_cancel_races_as_windows)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = NULL;
    ks_counter_init(&g_count);
    timer_chars(&c);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_SUCCESS);
    /* Not set: FALSE. Set and cancelled in time: TRUE, no callback. */
    CHECK(!NdisCancelTimerObject(timer));
    CHECK(!NdisSetTimerObject(timer, relative_ms(500), 0, NULL));
    CHECK(NdisSetTimerObject(timer, relative_ms(500), 0, NULL));
    CHECK(NdisCancelTimerObject(timer));
    /* Fired with its callback queued (every DPC worker is held): FALSE, and
     * the callback still runs. */
    ks_block_all();
    CHECK(!NdisSetTimerObject(timer, relative_ms(1), 0, NULL));
    NdisMSleep(30000);
    CHECK(!NdisCancelTimerObject(timer));
    CHECK_EQ_INT(ks_counter_get(&g_count), 0);
    ks_block_release();
    CHECK_EQ_INT(ks_counter_get(&g_count), 1);
    NdisFreeTimerObject(timer);
}

TEST(ndis_timer_free_cancels_a_pending_timer)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = NULL;
    ks_counter_init(&g_count);
    timer_chars(&c);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_SUCCESS);
    CHECK(!NdisSetTimerObject(timer, relative_ms(10), 10, NULL));
    NdisFreeTimerObject(timer);
    NdisMSleep(40000);
    KeFlushQueuedDpcs();
    CHECK_EQ_INT(ks_counter_get(&g_count), 0);
}

TEST(ndis_timer_bad_characteristics_are_refused)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = (NDIS_HANDLE)&c;
    timer_chars(&c);
    c.Header.Type = 0;
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_INVALID_PARAMETER);
    CHECK(timer == NULL);
    timer_chars(&c);
    c.Header.Size = 8;
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_INVALID_PARAMETER);
    timer_chars(&c);
    c.TimerFunction = NULL;
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, NULL, &timer), NDIS_STATUS_INVALID_PARAMETER);
}

TEST(ndis_timer_allocation_failure)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = (NDIS_HANDLE)&c;
    timer_chars(&c);
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK(timer == NULL);
}

static void
set_junk_handle(void *arg)
{
    (void)NdisSetTimerObject((NDIS_HANDLE)arg, relative_ms(1), 0, NULL);
}

static void
free_at_dispatch(void *arg)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    NdisFreeTimerObject((NDIS_HANDLE)arg);
}

TEST(ndis_timer_misuse_bugchecks)
{
    NDIS_TIMER_CHARACTERISTICS c;
    NDIS_HANDLE timer = NULL;
    ULONG junk[32];
    memset(junk, 0, sizeof(junk));
    CHECK_EQ_U32(ks_catch_bugcheck(set_junk_handle, junk), BUGCODE_NDIS_DRIVER);
    timer_chars(&c);
    CHECK_STATUS(NdisAllocateTimerObject(NULL, &c, &timer), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(ks_catch_bugcheck(free_at_dispatch, timer), IRQL_NOT_LESS_OR_EQUAL);
    KeLowerIrql(PASSIVE_LEVEL);
    NdisFreeTimerObject(timer);
}

TEST_MAIN_BEGIN
TEST_CASE(dpc_runs_at_dispatch_on_a_worker_thread)
TEST_CASE(dpc_queued_twice_is_queued_once_and_removable)
TEST_CASE(high_importance_dpc_runs_first)
TEST_CASE(flush_waits_for_queued_and_running_dpcs)
TEST_CASE(threaded_dpc_runs_at_passive_level)
TEST_CASE(target_processor_ex_checks_the_number)
TEST_CASE(dpc_misuse_bugchecks)
TEST_CASE(ktimer_one_shot_signals_and_runs_its_dpc)
TEST_CASE(ktimer_absolute_due_time)
TEST_CASE(ktimer_periodic_fires_n_times_until_cancelled)
TEST_CASE(ktimer_cancel_before_expiry_returns_true)
TEST_CASE(ktimer_cancel_after_expiry_returns_false_and_the_dpc_runs)
TEST_CASE(ktimer_not_initialised_bugchecks)
TEST_CASE(ndis_timer_one_shot_runs_at_dispatch_with_its_context)
TEST_CASE(ndis_timer_periodic_fires_n_times)
TEST_CASE(ndis_timer_cancel_races_as_windows)
TEST_CASE(ndis_timer_free_cancels_a_pending_timer)
TEST_CASE(ndis_timer_bad_characteristics_are_refused)
TEST_CASE(ndis_timer_allocation_failure)
TEST_CASE(ndis_timer_misuse_bugchecks)
TEST_MAIN_END
