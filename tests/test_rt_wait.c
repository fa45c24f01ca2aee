/*
 * test_rt_wait.c - KeWaitForMultipleObjects (src/kernel/rt_wait.c): WaitAny
 * answers the lowest signalled index and takes only that object, WaitAll
 * takes all or nothing, timeouts (poll, relative, absolute), wakes from
 * other threads, events with mutexes, timers and thread objects, the rules
 * Windows bug-checks (too many objects, a nonzero timeout above APC_LEVEL,
 * an object or wait type it does not know), and many threads waiting on
 * each other.
 */
#include "test.h"

#include "support/kservices.h"

#include <ndis.h>
#include <undis/rt.h>

#include <string.h>

/* Room for MAXIMUM_WAIT_OBJECTS + 1 wait blocks of the WDK's x64 size
 * (undis never writes them; the array only has to be there). */
static ULONG_PTR g_blocks[(MAXIMUM_WAIT_OBJECTS + 1) * 6];
#define BLOCKS ((PKWAIT_BLOCK)(void *)g_blocks)

static NTSTATUS
poll(ULONG count, PVOID *objects, WAIT_TYPE type)
{
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    return KeWaitForMultipleObjects(count, objects, type, Executive, KernelMode, FALSE, &zero,
                                    count > THREAD_WAIT_OBJECTS ? BLOCKS : NULL);
}

TEST(wait_any_answers_the_lowest_signalled_index)
{
    KEVENT e[3];
    PVOID objects[3];
    int i;
    for (i = 0; i < 3; i++) {
        KeInitializeEvent(&e[i], i == 1 ? SynchronizationEvent : NotificationEvent, FALSE);
        objects[i] = &e[i];
    }
    CHECK_EQ_INT((int)poll(3, objects, WaitAny), (int)STATUS_TIMEOUT);
    (void)KeSetEvent(&e[2], IO_NO_INCREMENT, FALSE);
    (void)KeSetEvent(&e[1], IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)poll(3, objects, WaitAny), (int)(STATUS_WAIT_0 + 1));
    CHECK_EQ_INT((int)KeReadStateEvent(&e[1]), 0); /* the synchronization event was taken */
    CHECK_EQ_INT((int)KeReadStateEvent(&e[2]), 1);
    CHECK_EQ_INT((int)poll(3, objects, WaitAny), (int)(STATUS_WAIT_0 + 2));
    CHECK_EQ_INT((int)KeReadStateEvent(&e[2]), 1); /* a notification event stays */
    (void)KeSetEvent(&e[0], IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)poll(3, objects, WaitAny), (int)STATUS_WAIT_0);
}

TEST(wait_all_takes_all_or_nothing)
{
    KEVENT sync;
    KEVENT note;
    PVOID objects[2];
    KeInitializeEvent(&sync, SynchronizationEvent, FALSE);
    KeInitializeEvent(&note, NotificationEvent, FALSE);
    objects[0] = &sync;
    objects[1] = &note;
    (void)KeSetEvent(&sync, IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)poll(2, objects, WaitAll), (int)STATUS_TIMEOUT);
    CHECK_EQ_INT((int)KeReadStateEvent(&sync), 1); /* not taken: the wait was not satisfied */
    (void)KeSetEvent(&note, IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)poll(2, objects, WaitAll), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)KeReadStateEvent(&sync), 0);
    CHECK_EQ_INT((int)KeReadStateEvent(&note), 1);
    CHECK_EQ_INT((int)poll(2, objects, WaitAll), (int)STATUS_TIMEOUT);
}

TEST(timeouts_relative_absolute_and_poll)
{
    KEVENT e;
    PVOID objects[1];
    LARGE_INTEGER t;
    ULONGLONG before;
    ULONGLONG elapsed;
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    objects[0] = &e;
    t.QuadPart = -30 * 10000; /* 30 ms, relative */
    before = KeQueryInterruptTime();
    CHECK_EQ_INT(
        (int)KeWaitForMultipleObjects(1, objects, WaitAny, Executive, KernelMode, FALSE, &t, NULL),
        (int)STATUS_TIMEOUT);
    elapsed = KeQueryInterruptTime() - before;
    CHECK(elapsed >= 29 * 10000);
    KeQuerySystemTime(&t); /* absolute, 20 ms from now */
    t.QuadPart += 20 * 10000;
    before = KeQueryInterruptTime();
    CHECK_EQ_INT(
        (int)KeWaitForMultipleObjects(1, objects, WaitAll, Executive, KernelMode, FALSE, &t, NULL),
        (int)STATUS_TIMEOUT);
    CHECK(KeQueryInterruptTime() - before >= 15 * 10000);
    t.QuadPart = 1; /* absolute, long past */
    CHECK_EQ_INT(
        (int)KeWaitForMultipleObjects(1, objects, WaitAny, Executive, KernelMode, FALSE, &t, NULL),
        (int)STATUS_TIMEOUT);
    (void)KeSetEvent(&e, IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)poll(1, objects, WaitAny), (int)STATUS_WAIT_0);
}

/* A system thread that sets an event after a delay. */
typedef struct setter {
    PKEVENT event;
    LONG delay_ms;
} setter;

static KSTART_ROUTINE set_later;

static VOID
set_later(PVOID context)
{
    setter *s = (setter *)context;
    LARGE_INTEGER delay;
    delay.QuadPart = -(LONGLONG)s->delay_ms * 10000;
    (void)KeDelayExecutionThread(KernelMode, FALSE, &delay);
    (void)KeSetEvent(s->event, IO_NO_INCREMENT, FALSE);
}

static PVOID
start_thread(PKSTART_ROUTINE routine, PVOID context)
{
    HANDLE handle = NULL;
    PVOID object = NULL;
    CHECK_EQ_INT(
        (int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, context),
        (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, SYNCHRONIZE, *PsThreadType, KernelMode,
                                                &object, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    return object;
}

TEST(wait_any_wakes_on_a_signal_from_another_thread)
{
    KEVENT e[3];
    PVOID objects[3];
    setter s;
    PVOID thread;
    int i;
    for (i = 0; i < 3; i++) {
        KeInitializeEvent(&e[i], SynchronizationEvent, FALSE);
        objects[i] = &e[i];
    }
    s.event = &e[2];
    s.delay_ms = 20;
    thread = start_thread(set_later, &s);
    CHECK_EQ_INT((int)KeWaitForMultipleObjects(3, objects, WaitAny, Executive, KernelMode, FALSE,
                                               NULL, NULL),
                 (int)(STATUS_WAIT_0 + 2));
    CHECK_EQ_INT((int)KeReadStateEvent(&e[2]), 0);
    CHECK_EQ_INT((int)KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    ObDereferenceObject(thread);
}

TEST(wait_all_over_an_event_and_a_thread)
{
    KEVENT e;
    PVOID objects[2];
    setter s;
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    s.event = &e;
    s.delay_ms = 10;
    objects[0] = &e;
    objects[1] = start_thread(set_later, &s);
    CHECK_EQ_INT((int)KeWaitForMultipleObjects(2, objects, WaitAll, Executive, KernelMode, FALSE,
                                               NULL, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)poll(2, objects, WaitAll), (int)STATUS_SUCCESS); /* both stay signalled */
    ObDereferenceObject(objects[1]);
}

TEST(mutexes_and_timers_are_waitable)
{
    KMUTEX mutex;
    KTIMER timer;
    PVOID objects[2];
    LARGE_INTEGER due;
    KeInitializeMutex(&mutex, 0);
    KeInitializeTimerEx(&timer, SynchronizationTimer);
    objects[0] = &timer;
    objects[1] = &mutex;
    CHECK_EQ_INT((int)poll(2, objects, WaitAll), (int)STATUS_TIMEOUT);
    CHECK_EQ_INT((int)KeReadStateMutex(&mutex), 1); /* not taken */
    due.QuadPart = -10 * 10000;
    (void)KeSetTimer(&timer, due, NULL);
    CHECK_EQ_INT((int)KeWaitForMultipleObjects(2, objects, WaitAll, Executive, KernelMode, FALSE,
                                               NULL, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)KeReadStateMutex(&mutex), 0); /* owned once */
    CHECK(!KeReadStateTimer(&timer));               /* a synchronization timer resets */
    CHECK_EQ_INT((int)poll(2, objects, WaitAny), (int)(STATUS_WAIT_0 + 1)); /* owner again */
    CHECK_EQ_INT((int)KeReleaseMutex(&mutex, FALSE), -1);
    CHECK_EQ_INT((int)KeReleaseMutex(&mutex, FALSE), 0);
}

TEST(up_to_maximum_wait_objects_with_a_wait_block_array)
{
    static KEVENT e[MAXIMUM_WAIT_OBJECTS];
    PVOID objects[MAXIMUM_WAIT_OBJECTS];
    int i;
    for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
        KeInitializeEvent(&e[i], NotificationEvent, TRUE);
        objects[i] = &e[i];
    }
    CHECK_EQ_INT((int)poll(MAXIMUM_WAIT_OBJECTS, objects, WaitAll), (int)STATUS_SUCCESS);
    for (i = 0; i < MAXIMUM_WAIT_OBJECTS - 1; i++) {
        (void)KeResetEvent(&e[i]);
    }
    CHECK_EQ_INT((int)poll(MAXIMUM_WAIT_OBJECTS, objects, WaitAny),
                 (int)(STATUS_WAIT_0 + MAXIMUM_WAIT_OBJECTS - 1));
}

static PVOID g_many[MAXIMUM_WAIT_OBJECTS + 1];

static void
wait_four_without_blocks(void *arg)
{
    (void)arg;
    (void)KeWaitForMultipleObjects(4, g_many, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
}

static void
wait_too_many(void *arg)
{
    (void)arg;
    (void)KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, g_many, WaitAny, Executive, KernelMode,
                                   FALSE, NULL, BLOCKS);
}

TEST(too_many_objects_bugchecks)
{
    static KEVENT e;
    int i;
    KeInitializeEvent(&e, NotificationEvent, TRUE);
    for (i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++) {
        g_many[i] = &e;
    }
    CHECK_EQ_U32(ks_catch_bugcheck(wait_four_without_blocks, NULL), MAXIMUM_WAIT_OBJECTS_EXCEEDED);
    CHECK_EQ_U32(ks_catch_bugcheck(wait_too_many, NULL), MAXIMUM_WAIT_OBJECTS_EXCEEDED);
}

static void
wait_forever(void *arg)
{
    PVOID objects[1];
    objects[0] = arg;
    (void)KeWaitForMultipleObjects(1, objects, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
}

TEST(nonzero_timeout_above_apc_level_bugchecks)
{
    KEVENT e;
    PVOID objects[1];
    KIRQL old;
    ULONG code;
    KeInitializeEvent(&e, NotificationEvent, TRUE);
    objects[0] = &e;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_EQ_INT((int)poll(1, objects, WaitAny), (int)STATUS_WAIT_0); /* a poll is allowed */
    code = ks_catch_bugcheck(wait_forever, &e);
    KeLowerIrql(old);
    CHECK_EQ_U32(code, IRQL_NOT_LESS_OR_EQUAL);
    KeRaiseIrql(APC_LEVEL, &old);
    code = ks_catch_bugcheck(wait_forever, &e); /* APC_LEVEL may wait */
    KeLowerIrql(old);
    CHECK_EQ_U32(code, 0);
}

static void
wait_on_junk(void *arg)
{
    PVOID objects[2];
    objects[0] = arg;
    objects[1] = NULL;
    (void)KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
}

static void
wait_notification_type(void *arg)
{
    PVOID objects[1];
    objects[0] = arg;
    (void)KeWaitForMultipleObjects(1, objects, WaitNotification, Executive, KernelMode, FALSE, NULL,
                                   NULL);
}

TEST(unknown_objects_and_wait_types_bugcheck)
{
    KEVENT e;
    UCHAR junk[sizeof(KEVENT)];
    memset(junk, 0x77, sizeof(junk));
    KeInitializeEvent(&e, NotificationEvent, TRUE);
    CHECK_EQ_U32(ks_catch_bugcheck(wait_on_junk, &e), DRIVER_VERIFIER_DETECTED_VIOLATION);
    CHECK_EQ_U32(ks_catch_bugcheck(wait_on_junk, junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
    CHECK_EQ_U32(ks_catch_bugcheck(wait_notification_type, &e), DRIVER_VERIFIER_DETECTED_VIOLATION);
}

/* Workers wait for their own go event or the common stop event, count, and
 * answer with their ack event; the test waits for all acks with WaitAll,
 * then for all threads. */
#define WORKERS 8
#define ROUNDS  200

typedef struct worker {
    KEVENT go;
    KEVENT ack;
    PKEVENT stop;
    volatile LONG rounds;
} worker;

static KSTART_ROUTINE worker_routine;

static VOID
worker_routine(PVOID context)
{
    worker *w = (worker *)context;
    PVOID objects[2];
    objects[0] = w->stop;
    objects[1] = &w->go;
    while (KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode, FALSE, NULL,
                                    NULL) == STATUS_WAIT_0 + 1) {
        InterlockedIncrement(&w->rounds);
        (void)KeSetEvent(&w->ack, IO_NO_INCREMENT, FALSE);
    }
}

TEST(many_threads_wait_on_each_other)
{
    static worker workers[WORKERS];
    PVOID acks[WORKERS];
    PVOID threads[WORKERS];
    KEVENT stop;
    int i;
    int round;
    KeInitializeEvent(&stop, NotificationEvent, FALSE);
    for (i = 0; i < WORKERS; i++) {
        KeInitializeEvent(&workers[i].go, SynchronizationEvent, FALSE);
        KeInitializeEvent(&workers[i].ack, SynchronizationEvent, FALSE);
        workers[i].stop = &stop;
        workers[i].rounds = 0;
        acks[i] = &workers[i].ack;
        threads[i] = start_thread(worker_routine, &workers[i]);
    }
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < WORKERS; i++) {
            (void)KeSetEvent(&workers[i].go, IO_NO_INCREMENT, FALSE);
        }
        CHECK_EQ_INT((int)KeWaitForMultipleObjects(WORKERS, acks, WaitAll, Executive, KernelMode,
                                                   FALSE, NULL, BLOCKS),
                     (int)STATUS_SUCCESS);
    }
    (void)KeSetEvent(&stop, IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)KeWaitForMultipleObjects(WORKERS, threads, WaitAll, Executive, KernelMode,
                                               FALSE, NULL, BLOCKS),
                 (int)STATUS_SUCCESS);
    for (i = 0; i < WORKERS; i++) {
        CHECK_EQ_INT((int)workers[i].rounds, ROUNDS);
        ObDereferenceObject(threads[i]);
    }
}

/* A driver's own array of KWAIT_BLOCK (a complete type of the WDK's size). */
TEST(a_driver_declared_wait_block_array)
{
    KWAIT_BLOCK blocks[THREAD_WAIT_OBJECTS + 1];
    KEVENT e[THREAD_WAIT_OBJECTS + 1];
    PVOID objects[THREAD_WAIT_OBJECTS + 1];
    LARGE_INTEGER zero;
    ULONG i;
    CHECK_EQ_INT((int)sizeof(KWAIT_BLOCK), (int)(sizeof(void *) == 8 ? 48 : 24));
    for (i = 0; i <= THREAD_WAIT_OBJECTS; i++) {
        KeInitializeEvent(&e[i], NotificationEvent, FALSE);
        objects[i] = &e[i];
    }
    zero.QuadPart = 0;
    (void)KeSetEvent(&e[THREAD_WAIT_OBJECTS], IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)KeWaitForMultipleObjects(THREAD_WAIT_OBJECTS + 1, objects, WaitAny, Executive,
                                               KernelMode, FALSE, &zero, blocks),
                 (int)(STATUS_WAIT_0 + THREAD_WAIT_OBJECTS));
}

TEST_MAIN_BEGIN
TEST_CASE(wait_any_answers_the_lowest_signalled_index)
TEST_CASE(wait_all_takes_all_or_nothing)
TEST_CASE(timeouts_relative_absolute_and_poll)
TEST_CASE(wait_any_wakes_on_a_signal_from_another_thread)
TEST_CASE(wait_all_over_an_event_and_a_thread)
TEST_CASE(mutexes_and_timers_are_waitable)
TEST_CASE(up_to_maximum_wait_objects_with_a_wait_block_array)
TEST_CASE(too_many_objects_bugchecks)
TEST_CASE(nonzero_timeout_above_apc_level_bugchecks)
TEST_CASE(unknown_objects_and_wait_types_bugcheck)
TEST_CASE(many_threads_wait_on_each_other)
TEST_CASE(a_driver_declared_wait_block_array)
TEST_MAIN_END
