/*
 * test_rt_workitem.c - work items (rt_workitem.c) run at PASSIVE_LEVEL on a
 * worker, may queue and free themselves, fail to allocate under injection,
 * and bug-check when queued twice or freed while queued; waits
 * (rt_sync.c): timeouts relative and absolute, KMUTEX ownership.
 */
#include "test.h"

#include "support/kservices.h"
#include "support/threads.h"

#include <ndis.h>
#include <undis/fault.h>
#include <undis/rt.h>

static ks_counter g_count;
static NDIS_HANDLE g_self_item;
static volatile LONG g_runs;

static NDIS_IO_WORKITEM_FUNCTION count_item;

static VOID
count_item(PVOID context, NDIS_HANDLE item)
{
    (void)item;
    ks_counter_bump(&g_count, context);
}

TEST(ndis_work_item_runs_at_passive_on_a_worker)
{
    NDIS_HANDLE item;
    int ctx = 0;
    KIRQL old;
    ks_counter_init(&g_count);
    item = NdisAllocateIoWorkItem(NULL);
    CHECK(item != NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* queueing is allowed at DISPATCH_LEVEL */
    NdisQueueIoWorkItem(item, count_item, &ctx);
    KeLowerIrql(old);
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_U32(g_count.irql, PASSIVE_LEVEL);
    CHECK_EQ_INT(g_count.thread, 0);
    CHECK(g_count.context == &ctx);
    NdisQueueIoWorkItem(item, count_item, &ctx); /* idle again: queue once more */
    CHECK(ks_counter_wait(&g_count, 2, 2000));
    NdisFreeIoWorkItem(item); /* waits for a routine still running */
}

static VOID
requeue_then_free(PVOID context, NDIS_HANDLE item)
{
    LONG n = InterlockedIncrement(&g_runs);
    if (n < 3) {
        NdisQueueIoWorkItem(item, requeue_then_free, context);
    } else {
        NdisFreeIoWorkItem(item); /* freed when this routine returns */
        ks_counter_bump(&g_count, NULL);
    }
}

TEST(ndis_work_item_queues_and_frees_itself)
{
    g_runs = 0;
    ks_counter_init(&g_count);
    g_self_item = NdisAllocateIoWorkItem(NULL);
    CHECK(g_self_item != NULL);
    NdisQueueIoWorkItem(g_self_item, requeue_then_free, NULL);
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK_EQ_INT(InterlockedCompareExchange(&g_runs, 0, 0), 3);
}

static IO_WORKITEM_ROUTINE io_item;

static VOID
io_item(PDEVICE_OBJECT device, PVOID context)
{
    ks_counter_bump(&g_count, device != NULL ? (PVOID)device : context);
}

TEST(io_work_item_passes_its_device)
{
    DEVICE_OBJECT device;
    PIO_WORKITEM item;
    memset(&device, 0, sizeof(device));
    ks_counter_init(&g_count);
    item = IoAllocateWorkItem(&device);
    CHECK(item != NULL);
    IoQueueWorkItem(item, io_item, 1 /* DelayedWorkQueue */, NULL);
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK(g_count.context == &device);
    CHECK_EQ_U32(g_count.irql, PASSIVE_LEVEL);
    IoFreeWorkItem(item);
}

static VOID
ndis5_item(PNDIS_WORK_ITEM item, PVOID context)
{
    (void)item;
    ks_counter_bump(&g_count, context);
}

TEST(ndis5_work_item_runs)
{
    NDIS_WORK_ITEM item;
    int ctx;
    ks_counter_init(&g_count);
    NdisInitializeWorkItem(&item, ndis5_item, &ctx);
    CHECK_STATUS(NdisScheduleWorkItem(&item), NDIS_STATUS_SUCCESS);
    CHECK(ks_counter_wait(&g_count, 1, 2000));
    CHECK(g_count.context == &ctx);
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(NdisScheduleWorkItem(&item), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
}

TEST(work_item_allocation_failure)
{
    DEVICE_OBJECT device;
    undis_fault_alloc_fail_nth(1);
    CHECK(NdisAllocateIoWorkItem(NULL) == NULL);
    undis_fault_alloc_fail_nth(1);
    CHECK(IoAllocateWorkItem(&device) == NULL);
    undis_fault_clear();
}

static KEVENT g_hold;

static VOID
hold_item(PVOID context, NDIS_HANDLE item)
{
    (void)context;
    (void)item;
    (void)KeWaitForSingleObject(&g_hold, Executive, KernelMode, FALSE, NULL);
    ks_counter_bump(&g_count, NULL);
}

struct misuse {
    NDIS_HANDLE item;
    NDIS_HANDLE queued;
};

static void
queue_twice(void *arg)
{
    struct misuse *m = (struct misuse *)arg;
    NdisQueueIoWorkItem(m->queued, count_item, NULL);
}

static void
free_queued(void *arg)
{
    struct misuse *m = (struct misuse *)arg;
    NdisFreeIoWorkItem(m->queued);
}

static void
queue_junk(void *arg)
{
    NdisQueueIoWorkItem((NDIS_HANDLE)arg, count_item, NULL);
}

TEST(work_item_misuse_bugchecks)
{
    struct misuse m;
    ULONG junk[16];
    ULONG i;
    NDIS_HANDLE hold[8];
    memset(junk, 0, sizeof(junk));
    ks_counter_init(&g_count);
    KeInitializeEvent(&g_hold, NotificationEvent, FALSE);
    /* Every worker waits, so the next item stays queued. */
    for (i = 0; i < 8; i++) {
        hold[i] = NdisAllocateIoWorkItem(NULL);
        NdisQueueIoWorkItem(hold[i], hold_item, NULL);
    }
    m.queued = hold[7];
    CHECK_EQ_U32(ks_catch_bugcheck(queue_twice, &m), INVALID_WORK_QUEUE_ITEM);
    CHECK_EQ_U32(ks_catch_bugcheck(free_queued, &m), INVALID_WORK_QUEUE_ITEM);
    CHECK_EQ_U32(ks_catch_bugcheck(queue_junk, junk), INVALID_WORK_QUEUE_ITEM);
    (void)KeSetEvent(&g_hold, 0, FALSE);
    CHECK(ks_counter_wait(&g_count, 8, 5000));
    for (i = 0; i < 8; i++) {
        NdisFreeIoWorkItem(hold[i]);
    }
}

/* ---- waits ------------------------------------------------------------------ */

TEST(waits_time_out_relative_and_absolute)
{
    KEVENT ev;
    LARGE_INTEGER t;
    ULONGLONG start;
    KeInitializeEvent(&ev, NotificationEvent, FALSE);
    t.QuadPart = -20 * 10000; /* 20 ms, relative */
    start = KeQueryInterruptTime();
    CHECK_STATUS(KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE, &t), STATUS_TIMEOUT);
    CHECK(KeQueryInterruptTime() - start >= 20 * 10000);
    KeQuerySystemTime(&t);
    t.QuadPart += 20 * 10000; /* 20 ms from now, absolute */
    start = KeQueryInterruptTime();
    CHECK_STATUS(KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE, &t), STATUS_TIMEOUT);
    CHECK(KeQueryInterruptTime() - start >= 15 * 10000);
    t.QuadPart = 1; /* long past: a poll */
    CHECK_STATUS(KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE, &t), STATUS_TIMEOUT);
    (void)KeSetEvent(&ev, 0, FALSE);
    CHECK_STATUS(KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE, &t), STATUS_SUCCESS);
}

TEST(ndis_event_wait_times_out)
{
    NDIS_EVENT ev;
    NdisInitializeEvent(&ev);
    CHECK(!NdisWaitEvent(&ev, 10));
    NdisSetEvent(&ev);
    CHECK(NdisWaitEvent(&ev, 10));
    NdisResetEvent(&ev);
    CHECK(!NdisWaitEvent(&ev, 1));
}

static NDIS_MUTEX g_mutex;

static void *
try_mutex(void *arg)
{
    LARGE_INTEGER t;
    t.QuadPart = -5 * 10000;
    *(NTSTATUS *)arg = KeWaitForSingleObject(&g_mutex, Executive, KernelMode, FALSE, &t);
    if (*(NTSTATUS *)arg == STATUS_SUCCESS) {
        (void)KeReleaseMutex(&g_mutex, FALSE);
    }
    return NULL;
}

static void
release_unowned(void *arg)
{
    (void)arg;
    (void)KeReleaseMutex(&g_mutex, FALSE);
}

TEST(kmutex_is_owned_recursively_and_excludes_others)
{
    test_thread th;
    NTSTATUS other = STATUS_PENDING;
    NDIS_INIT_MUTEX(&g_mutex);
    CHECK_EQ_INT(KeReadStateMutex(&g_mutex), 1);
    CHECK_STATUS(NDIS_WAIT_FOR_MUTEX(&g_mutex), STATUS_SUCCESS);
    CHECK_STATUS(NDIS_WAIT_FOR_MUTEX(&g_mutex), STATUS_SUCCESS); /* recursive */
    CHECK_EQ_INT(KeReadStateMutex(&g_mutex), -1);
    CHECK_EQ_INT(test_thread_create(&th, try_mutex, &other), 0);
    CHECK_EQ_INT(test_thread_join(&th, NULL), 0);
    CHECK_STATUS(other, STATUS_TIMEOUT);
    CHECK_EQ_INT(NDIS_RELEASE_MUTEX(&g_mutex), -1);
    CHECK_EQ_INT(NDIS_RELEASE_MUTEX(&g_mutex), 0);
    CHECK_EQ_INT(KeReadStateMutex(&g_mutex), 1);
    CHECK_EQ_INT(test_thread_create(&th, try_mutex, &other), 0);
    CHECK_EQ_INT(test_thread_join(&th, NULL), 0);
    CHECK_STATUS(other, STATUS_SUCCESS);
    CHECK_EQ_U32(ks_catch_bugcheck(release_unowned, NULL), THREAD_NOT_MUTEX_OWNER);
}

static void
wait_on_junk(void *arg)
{
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    (void)KeWaitForSingleObject(arg, Executive, KernelMode, FALSE, &zero);
}

TEST(wait_on_an_unknown_object_bugchecks)
{
    ULONG junk[16];
    memset(junk, 0x7F, sizeof(junk));
    CHECK_EQ_U32(ks_catch_bugcheck(wait_on_junk, junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
}

TEST(sleeps_and_stalls_take_their_time)
{
    LARGE_INTEGER t;
    ULONGLONG start = KeQueryInterruptTime();
    NdisMSleep(10000);
    CHECK(KeQueryInterruptTime() - start >= 10 * 10000);
    start = KeQueryInterruptTime();
    t.QuadPart = -10 * 10000;
    CHECK_STATUS(KeDelayExecutionThread(KernelMode, FALSE, &t), STATUS_SUCCESS);
    CHECK(KeQueryInterruptTime() - start >= 10 * 10000);
    start = KeQueryInterruptTime();
    KeStallExecutionProcessor(2000);
    CHECK(KeQueryInterruptTime() - start >= 2 * 10000);
}

TEST_MAIN_BEGIN
TEST_CASE(ndis_work_item_runs_at_passive_on_a_worker)
TEST_CASE(ndis_work_item_queues_and_frees_itself)
TEST_CASE(io_work_item_passes_its_device)
TEST_CASE(ndis5_work_item_runs)
TEST_CASE(work_item_allocation_failure)
TEST_CASE(work_item_misuse_bugchecks)
TEST_CASE(waits_time_out_relative_and_absolute)
TEST_CASE(ndis_event_wait_times_out)
TEST_CASE(kmutex_is_owned_recursively_and_excludes_others)
TEST_CASE(wait_on_an_unknown_object_bugchecks)
TEST_CASE(sleeps_and_stalls_take_their_time)
TEST_MAIN_END
