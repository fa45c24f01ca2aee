/*
 * test_rt_sync.c - IRQL (per thread), spin locks and their misuse checks,
 * NDIS reader/writer locks, events, processors and clocks.
 */
#include "test.h"

#include <pthread.h>

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>
#include <undis/fault.h>

static jmp_buf g_jump;
static undis_rt_event g_event;

static int
catching_hook(const undis_rt_event *ev, void *ctx)
{
    (void)ctx;
    g_event = *ev;
    longjmp(g_jump, 1);
}

TEST(raise_and_lower_irql)
{
    KIRQL old;
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_EQ_U32(old, PASSIVE_LEVEL);
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeLowerIrql(old);
    old = KeRaiseIrqlToDpcLevel();
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeLowerIrql(old);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
}

TEST(raising_to_a_lower_irql_bugchecks)
{
    KIRQL old;
    KIRQL bad;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        KeRaiseIrql(APC_LEVEL, &bad);
    }
    undis_rt_set_report_hook(NULL, NULL);
    KeLowerIrql(old);
    CHECK_EQ_U32(g_event.code, IRQL_NOT_GREATER_OR_EQUAL);
    CHECK_STR_EQ(g_event.rule, "IRQL_NOT_GREATER_OR_EQUAL");
}

static void *
irql_in_thread(void *arg)
{
    *(KIRQL *)arg = KeGetCurrentIrql();
    return NULL;
}

TEST(irql_is_per_thread)
{
    KIRQL old;
    KIRQL seen = 99;
    pthread_t t;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_EQ_INT(pthread_create(&t, NULL, irql_in_thread, &seen), 0);
    CHECK_EQ_INT(pthread_join(t, NULL), 0);
    KeLowerIrql(old);
    CHECK_EQ_U32(seen, PASSIVE_LEVEL);
}

TEST(ndis_spin_lock_raises_and_restores)
{
    NDIS_SPIN_LOCK lock;
    NdisAllocateSpinLock(&lock);
    NdisAcquireSpinLock(&lock);
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    CHECK(!KeTestSpinLock(&lock.SpinLock));
    NdisReleaseSpinLock(&lock);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    CHECK(KeTestSpinLock(&lock.SpinLock));
    NDIS_ACQUIRE_LOCK(&lock, FALSE);
    NdisDprReleaseSpinLock(&lock);
    NdisDprAcquireSpinLock(&lock);
    NDIS_RELEASE_LOCK(&lock, FALSE);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    NdisFreeSpinLock(&lock);
}

TEST(recursive_acquire_is_reported)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        KeAcquireSpinLockAtDpcLevel(&lock);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_U32(g_event.code, SPIN_LOCK_ALREADY_OWNED);
    KeReleaseSpinLock(&lock, old);
}

TEST(dpr_acquire_at_passive_is_reported)
{
    NDIS_SPIN_LOCK lock;
    NdisAllocateSpinLock(&lock);
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        NdisDprAcquireSpinLock(&lock);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_U32(g_event.code, IRQL_NOT_GREATER_OR_EQUAL);
}

TEST(release_of_unheld_lock_is_reported)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        KeReleaseSpinLockFromDpcLevel(&lock);
    }
    undis_rt_set_report_hook(NULL, NULL);
    KeLowerIrql(old);
    CHECK_EQ_U32(g_event.code, SPIN_LOCK_NOT_OWNED);
}

struct counter_arg {
    NDIS_SPIN_LOCK *lock;
    ULONG *value;
};

static void *
count_under_lock(void *p)
{
    struct counter_arg *a = (struct counter_arg *)p;
    int i;
    for (i = 0; i < 20000; i++) {
        NdisAcquireSpinLock(a->lock);
        (*a->value)++;
        NdisReleaseSpinLock(a->lock);
    }
    return NULL;
}

TEST(spin_lock_excludes_other_threads)
{
    NDIS_SPIN_LOCK lock;
    ULONG value = 0;
    struct counter_arg a;
    pthread_t t[4];
    int i;
    NdisAllocateSpinLock(&lock);
    a.lock = &lock;
    a.value = &value;
    for (i = 0; i < 4; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, count_under_lock, &a), 0);
    }
    for (i = 0; i < 4; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    CHECK_EQ_U32(value, 80000);
}

TEST(legacy_rw_lock_shares_readers)
{
    NDIS_RW_LOCK lock;
    LOCK_STATE s1;
    LOCK_STATE s2;
    LOCK_STATE w;
    NdisInitializeReadWriteLock(&lock);
    NdisAcquireReadWriteLock(&lock, FALSE, &s1);
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    NdisAcquireReadWriteLock(&lock, FALSE, &s2); /* recursive read */
    NdisReleaseReadWriteLock(&lock, &s2);
    NdisReleaseReadWriteLock(&lock, &s1);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    NdisAcquireReadWriteLock(&lock, TRUE, &w);
    CHECK_EQ_INT(lock.State, -1);
    NdisReleaseReadWriteLock(&lock, &w);
    CHECK_EQ_INT(lock.State, 0);
}

TEST(rw_lock_ex_raises_unless_at_dispatch)
{
    PNDIS_RW_LOCK_EX lock = NdisAllocateRWLock(NULL);
    LOCK_STATE_EX st;
    KIRQL old;
    CHECK_NOT_NULL(lock);
    NdisAcquireRWLockRead(lock, &st, 0);
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    NdisReleaseRWLock(lock, &st);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    NdisAcquireRWLockWrite(lock, &st, NDIS_RWL_AT_DISPATCH_LEVEL);
    NdisReleaseRWLock(lock, &st);
    CHECK_EQ_U32(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeLowerIrql(old);
    undis_rt_set_report_hook(catching_hook, NULL);
    memset(&g_event, 0, sizeof(g_event));
    if (setjmp(g_jump) == 0) {
        NdisAcquireRWLockRead(lock, &st, NDIS_RWL_AT_DISPATCH_LEVEL); /* at PASSIVE: wrong */
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_U32(g_event.code, IRQL_NOT_GREATER_OR_EQUAL);
    NdisFreeRWLock(lock);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

static void *
set_event_later(void *p)
{
    NdisSetEvent((PNDIS_EVENT)p);
    return NULL;
}

TEST(events_signal_reset_and_wait)
{
    NDIS_EVENT ev;
    KEVENT sync;
    LARGE_INTEGER zero;
    pthread_t t;
    zero.QuadPart = 0;
    NdisInitializeEvent(&ev);
    CHECK(!NdisWaitEvent(&ev, 1)); /* times out */
    CHECK_EQ_INT(pthread_create(&t, NULL, set_event_later, &ev), 0);
    CHECK(NdisWaitEvent(&ev, 0)); /* 0: wait forever */
    CHECK_EQ_INT(pthread_join(t, NULL), 0);
    CHECK(NdisWaitEvent(&ev, 1)); /* notification: stays signalled */
    NdisResetEvent(&ev);
    CHECK(!NdisWaitEvent(&ev, 1));
    KeInitializeEvent(&sync, SynchronizationEvent, TRUE);
    CHECK_STATUS(KeWaitForSingleObject(&sync, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    CHECK_STATUS(KeWaitForSingleObject(&sync, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    CHECK_EQ_INT(KeSetEvent(&sync, IO_NO_INCREMENT, FALSE), 0);
    CHECK_EQ_INT(KeReadStateEvent(&sync), 1);
    CHECK_EQ_INT(KeResetEvent(&sync), 1);
}

TEST(processors_and_clocks)
{
    PROCESSOR_NUMBER pn;
    KAFFINITY aff;
    LARGE_INTEGER a;
    LARGE_INTEGER b;
    LARGE_INTEGER f;
    ULONG n = KeQueryActiveProcessorCount(&aff);
    CHECK(n >= 1);
    CHECK_EQ_U32((ULONG)NdisSystemProcessorCount(), n);
    CHECK(KeGetCurrentProcessorNumberEx(&pn) < n);
    CHECK_EQ_U32(pn.Group, 0);
    KeQuerySystemTime(&a);
    CHECK(a.QuadPart > 116444736000000000LL); /* after 1970 */
    a = KeQueryPerformanceCounter(&f);
    CHECK_EQ_INT(f.QuadPart, 10000000);
    NdisMSleep(100);
    b = KeQueryPerformanceCounter(NULL);
    CHECK(b.QuadPart >= a.QuadPart);
    KeQueryTickCount(&a);
    CHECK(a.QuadPart >= 0);
    CHECK_EQ_U32(KeQueryTimeIncrement(), 156250);
}

TEST_MAIN_BEGIN
TEST_CASE(raise_and_lower_irql)
TEST_CASE(raising_to_a_lower_irql_bugchecks)
TEST_CASE(irql_is_per_thread)
TEST_CASE(ndis_spin_lock_raises_and_restores)
TEST_CASE(recursive_acquire_is_reported)
TEST_CASE(dpr_acquire_at_passive_is_reported)
TEST_CASE(release_of_unheld_lock_is_reported)
TEST_CASE(spin_lock_excludes_other_threads)
TEST_CASE(legacy_rw_lock_shares_readers)
TEST_CASE(rw_lock_ex_raises_unless_at_dispatch)
TEST_CASE(events_signal_reset_and_wait)
TEST_CASE(processors_and_clocks)
TEST_MAIN_END
