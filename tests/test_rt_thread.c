/*
 * test_rt_thread.c - system threads (src/kernel/rt_thread.c): they run at
 * PASSIVE_LEVEL, their objects are signalled when the routine returns or
 * calls PsTerminateSystemThread, handles and references keep the objects
 * (bad handles, wrong types, one dereference too many), priorities are
 * kept, allocation failure leaves nothing behind, threads and handles still
 * held show in the leak list, and many threads at once.
 */
#include "test.h"

#include "support/kservices.h"

#include "kernel/rt_services.h" /* the leak list the driver host reads at unload */

#include <ndis.h>
#include <undis/fault.h>
#include <undis/report.h>
#include <undis/rt.h>

#include <string.h>

/* What a routine saw, set before it ends. */
typedef struct seen {
    volatile KIRQL irql;
    volatile PKTHREAD self;
    volatile KPRIORITY old_priority;
    volatile LONG after_terminate; /* must stay 0 */
    volatile LONG ran;
} seen;

static KSTART_ROUTINE record_and_return;

static VOID
record_and_return(PVOID context)
{
    seen *s = (seen *)context;
    s->irql = KeGetCurrentIrql();
    s->self = KeGetCurrentThread();
    s->old_priority = KeSetPriorityThread(KeGetCurrentThread(), 12);
    InterlockedIncrement(&s->ran);
}

/* Starts routine(context); *object the referenced thread object. */
static HANDLE
start(PKSTART_ROUTINE routine, PVOID context, PVOID *object)
{
    HANDLE handle = NULL;
    OBJECT_ATTRIBUTES attributes;
    InitializeObjectAttributes(&attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
    CHECK_EQ_INT((int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, &attributes, NULL, NULL,
                                           routine, context),
                 (int)STATUS_SUCCESS);
    CHECK(handle != NULL);
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, THREAD_ALL_ACCESS, *PsThreadType,
                                                KernelMode, object, NULL),
                 (int)STATUS_SUCCESS);
    CHECK(*object != NULL);
    return handle;
}

TEST(thread_runs_at_passive_and_is_signalled_when_it_returns)
{
    seen s;
    PVOID object = NULL;
    HANDLE handle;
    unsigned long long outstanding = undis_alloc_outstanding();
    memset(&s, 0, sizeof(s));
    handle = start(record_and_return, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)s.ran, 1);
    CHECK_EQ_U32(s.irql, PASSIVE_LEVEL);
    CHECK(s.self == (PKTHREAD)object); /* KeGetCurrentThread there is the object */
    CHECK(KeGetCurrentThread() != (PKTHREAD)object);
    CHECK_EQ_INT((int)s.old_priority, 8);
    /* Signalled for good: a second wait and a poll succeed at once. */
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObDereferenceObject(object), 1); /* the handle keeps it */
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_INVALID_HANDLE);
    CHECK(undis_alloc_outstanding() == outstanding);
}

static VOID
terminate_deep(seen *s, int depth)
{
    if (depth > 0) {
        terminate_deep(s, depth - 1);
        return;
    }
    (void)PsTerminateSystemThread(STATUS_SUCCESS);
    InterlockedIncrement(&s->after_terminate); /* not reached */
}

static KSTART_ROUTINE terminate_routine;

static VOID
terminate_routine(PVOID context)
{
    seen *s = (seen *)context;
    InterlockedIncrement(&s->ran);
    terminate_deep(s, 3);
    InterlockedIncrement(&s->after_terminate); /* not reached */
}

TEST(terminate_ends_the_thread_and_signals_it)
{
    seen s;
    PVOID object = NULL;
    HANDLE handle;
    LARGE_INTEGER settle;
    memset(&s, 0, sizeof(s));
    handle = start(terminate_routine, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    settle.QuadPart = -20 * 10000; /* 20 ms: time for anything after the call */
    (void)KeDelayExecutionThread(KernelMode, FALSE, &settle);
    CHECK_EQ_INT((int)s.ran, 1);
    CHECK_EQ_INT((int)s.after_terminate, 0);
    ObDereferenceObject(object);
    CHECK_EQ_INT((int)ObCloseHandle(handle, KernelMode), (int)STATUS_SUCCESS);
}

TEST(terminate_outside_a_system_thread_fails)
{
    CHECK_EQ_INT((int)PsTerminateSystemThread(STATUS_SUCCESS), (int)STATUS_INVALID_PARAMETER);
}

/* A report hook that counts: the real calls report nothing. */
static volatile LONG g_reports;

static undis_report_action
count_reports(const undis_report *r, void *context)
{
    (void)r;
    (void)context;
    InterlockedIncrement(&g_reports);
    return UNDIS_REPORT_CONTINUE;
}

TEST(bad_handles_are_invalid)
{
    static HANDLE const junk[] = { NULL, (HANDLE)(ULONG_PTR)0x5a5a, (HANDLE)(ULONG_PTR)4,
                                   (HANDLE)(~(ULONG_PTR)0) };
    seen s;
    PVOID object = NULL;
    PVOID other = NULL;
    HANDLE handle;
    size_t i;
    memset(&s, 0, sizeof(s));
    g_reports = 0;
    undis_report_set_hook(count_reports, NULL);
    for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        PVOID got = &object;
        CHECK_EQ_INT((int)ObReferenceObjectByHandle(junk[i], 0, NULL, KernelMode, &got, NULL),
                     (int)STATUS_INVALID_HANDLE);
        CHECK(got == NULL);
        CHECK_EQ_INT((int)ObCloseHandle(junk[i], KernelMode), (int)STATUS_INVALID_HANDLE);
        CHECK_EQ_INT((int)ZwClose(junk[i]), (int)STATUS_INVALID_HANDLE);
    }
    handle = start(record_and_return, &s, &object);
    /* A kernel handle means nothing to a user-mode caller. */
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, 0, NULL, UserMode, &other, NULL),
                 (int)STATUS_INVALID_HANDLE);
    CHECK(other == NULL);
    CHECK_EQ_INT((int)ObCloseHandle(handle, UserMode), (int)STATUS_INVALID_HANDLE);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, 0, NULL, KernelMode, &other, NULL),
                 (int)STATUS_INVALID_HANDLE); /* closed */
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS); /* s stays in scope until the thread is done */
    CHECK_EQ_INT((int)ObDereferenceObject(object), 0);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT((int)g_reports, 0);
}

TEST(another_object_type_is_a_mismatch)
{
    seen s;
    PVOID object = NULL;
    PVOID other = NULL;
    HANDLE handle;
    OBJECT_HANDLE_INFORMATION info;
    memset(&s, 0, sizeof(s));
    handle = start(record_and_return, &s, &object);
    CHECK(*PsThreadType != *ExEventObjectType && *PsThreadType != *PsProcessType &&
          *PsThreadType != *IoFileObjectType);
    other = &s;
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, EVENT_MODIFY_STATE, *ExEventObjectType,
                                                KernelMode, &other, NULL),
                 (int)STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(other == NULL);
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, SYNCHRONIZE, *PsProcessType, KernelMode,
                                                &other, NULL),
                 (int)STATUS_OBJECT_TYPE_MISMATCH);
    memset(&info, 0xA5, sizeof(info));
    CHECK_EQ_INT(
        (int)ObReferenceObjectByHandle(handle, SYNCHRONIZE, NULL, KernelMode, &other, &info),
        (int)STATUS_SUCCESS);
    CHECK(other == object);
    CHECK_EQ_U32(info.GrantedAccess, THREAD_ALL_ACCESS);
    CHECK_EQ_U32(info.HandleAttributes, 0);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObDereferenceObject(other), 2); /* a reference and the handle left */
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObDereferenceObject(object), 0); /* the last: freed */
}

/* The driver pattern: a worker waits for work or a stop event; unload sets
 * stop and waits for the thread object. */
typedef struct worker_ctx {
    KEVENT stop;
    KEVENT work;
    volatile LONG done;
} worker_ctx;

static KSTART_ROUTINE worker_routine;

static VOID
worker_routine(PVOID context)
{
    worker_ctx *w = (worker_ctx *)context;
    PVOID events[2];
    events[0] = &w->stop;
    events[1] = &w->work;
    for (;;) {
        NTSTATUS status =
            KeWaitForMultipleObjects(2, events, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
        if (status == STATUS_WAIT_0) {
            break;
        }
        InterlockedIncrement(&w->done);
    }
    (void)PsTerminateSystemThread(STATUS_SUCCESS);
}

TEST(stop_event_then_wait_for_the_thread)
{
    worker_ctx w;
    PVOID object = NULL;
    HANDLE handle;
    LARGE_INTEGER short_wait;
    LONG i;
    unsigned long long outstanding = undis_alloc_outstanding();
    KeInitializeEvent(&w.stop, NotificationEvent, FALSE);
    KeInitializeEvent(&w.work, SynchronizationEvent, FALSE);
    w.done = 0;
    handle = start(worker_routine, &w, &object);
    short_wait.QuadPart = -10 * 10000;
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, &short_wait),
                 (int)STATUS_TIMEOUT); /* still running */
    for (i = 1; i <= 5; i++) {
        (void)KeSetEvent(&w.work, IO_NO_INCREMENT, FALSE);
        while (ReadAcquire(&w.done) < i) {
            (void)KeDelayExecutionThread(KernelMode, FALSE, &short_wait);
        }
    }
    (void)KeSetEvent(&w.stop, IO_NO_INCREMENT, FALSE);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)w.done, 5);
    ObDereferenceObject(object);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    CHECK(undis_alloc_outstanding() == outstanding);
}

TEST(allocation_failure_leaves_nothing)
{
    HANDLE handle = (HANDLE)(ULONG_PTR)0x5a5a;
    seen s;
    unsigned long long outstanding = undis_alloc_outstanding();
    memset(&s, 0, sizeof(s));
    undis_fault_alloc_fail_nth(1);
    CHECK_EQ_INT((int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                           record_and_return, &s),
                 (int)STATUS_INSUFFICIENT_RESOURCES);
    undis_fault_clear();
    CHECK(handle == NULL);
    CHECK(undis_alloc_outstanding() == outstanding);
    CHECK_EQ_INT((int)s.ran, 0);
}

static KSTART_ROUTINE return_at_once;

static VOID
return_at_once(PVOID context)
{
    (void)context;
}

TEST(a_full_handle_table_fails_cleanly)
{
    static HANDLE handles[2048];
    ULONG opened = 0;
    ULONG i;
    NTSTATUS status = STATUS_SUCCESS;
    HANDLE handle = NULL;
    unsigned long long outstanding = undis_alloc_outstanding();
    while (opened < 2048) {
        status = PsCreateSystemThread(&handles[opened], THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                      return_at_once, NULL);
        if (status != STATUS_SUCCESS) {
            break;
        }
        opened++;
    }
    CHECK_EQ_INT((int)status, (int)STATUS_INSUFFICIENT_RESOURCES);
    CHECK(handles[opened] == NULL);
    CHECK(opened > 0 && opened <= 1024); /* the table's size */
    for (i = 0; i < opened; i++) {
        CHECK_EQ_INT((int)ZwClose(handles[i]), (int)STATUS_SUCCESS);
    }
    CHECK_EQ_INT((int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                           return_at_once, NULL),
                 (int)STATUS_SUCCESS); /* room again */
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    for (i = 0; i < 2000 && undis_alloc_outstanding() != outstanding; i++) {
        LARGE_INTEGER ms;
        ms.QuadPart = -10000;
        (void)KeDelayExecutionThread(KernelMode, FALSE, &ms); /* the last threads end */
    }
    CHECK(undis_alloc_outstanding() == outstanding);
}

TEST(null_routine_is_invalid)
{
    HANDLE handle = (HANDLE)(ULONG_PTR)0x5a5a;
    CHECK_EQ_INT(
        (int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, NULL, NULL),
        (int)STATUS_INVALID_PARAMETER);
    CHECK(handle == NULL);
}

TEST(priority_is_kept_and_returned)
{
    seen s;
    PVOID object = NULL;
    HANDLE handle;
    CLIENT_ID id;
    memset(&s, 0, sizeof(s));
    handle = start(record_and_return, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)KeSetPriorityThread((PKTHREAD)object, LOW_REALTIME_PRIORITY), 12);
    CHECK_EQ_INT((int)KeSetPriorityThread((PKTHREAD)object, LOW_PRIORITY), LOW_REALTIME_PRIORITY);
    /* The test's own thread keeps one too. */
    CHECK_EQ_INT((int)KeSetPriorityThread(KeGetCurrentThread(), 9), 8);
    CHECK_EQ_INT((int)KeSetPriorityThread(KeGetCurrentThread(), 8), 9);
    ObDereferenceObject(object);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    /* ClientId: this process, a thread id. */
    memset(&s, 0, sizeof(s));
    memset(&id, 0, sizeof(id));
    CHECK_EQ_INT((int)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, &id,
                                           record_and_return, &s),
                 (int)STATUS_SUCCESS);
    CHECK(id.UniqueProcess == PsGetCurrentProcessId());
    CHECK(id.UniqueThread != NULL);
    CHECK_EQ_INT(
        (int)ObReferenceObjectByHandle(handle, SYNCHRONIZE, NULL, KernelMode, &object, NULL),
        (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS); /* the reference keeps it */
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObDereferenceObject(object), 0);
}

static void
bad_priority(void *arg)
{
    (void)KeSetPriorityThread(KeGetCurrentThread(), *(KPRIORITY *)arg);
}

static void
priority_on_junk(void *arg)
{
    (void)KeSetPriorityThread((PKTHREAD)arg, 8);
}

TEST(query_priority_returns_the_recorded_one)
{
    seen s;
    HANDLE handle;
    PVOID object = NULL;
    memset(&s, 0, sizeof(s));
    handle = start(record_and_return, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)KeQueryPriorityThread((PKTHREAD)object), 12); /* set by the thread */
    (void)KeSetPriorityThread((PKTHREAD)object, HIGH_PRIORITY);
    CHECK_EQ_INT((int)KeQueryPriorityThread((PKTHREAD)object), HIGH_PRIORITY);
    ObDereferenceObject(object);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    /* The calling thread: 8 until it sets one (this case runs in its own process). */
    CHECK_EQ_INT((int)KeQueryPriorityThread(KeGetCurrentThread()), 8);
    (void)KeSetPriorityThread(KeGetCurrentThread(), 5);
    CHECK_EQ_INT((int)KeQueryPriorityThread(KeGetCurrentThread()), 5);
}

static void
query_on_junk(void *arg)
{
    (void)KeQueryPriorityThread((PKTHREAD)arg);
}

TEST(priority_misuse_bugchecks)
{
    KPRIORITY p = 32;
    int junk = 0;
    CHECK_EQ_U32(ks_catch_bugcheck(bad_priority, &p), DRIVER_VERIFIER_DETECTED_VIOLATION);
    p = -1;
    CHECK_EQ_U32(ks_catch_bugcheck(bad_priority, &p), DRIVER_VERIFIER_DETECTED_VIOLATION);
    CHECK_EQ_U32(ks_catch_bugcheck(priority_on_junk, &junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
    CHECK_EQ_U32(ks_catch_bugcheck(query_on_junk, &junk), DRIVER_VERIFIER_DETECTED_VIOLATION);
}

static void
dereference(void *arg)
{
    ObDereferenceObject(arg);
}

TEST(one_dereference_too_many_bugchecks)
{
    seen s;
    PVOID object = NULL;
    HANDLE handle;
    memset(&s, 0, sizeof(s));
    handle = start(record_and_return, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    ObDereferenceObject(object);
    CHECK_EQ_U32(ks_catch_bugcheck(dereference, object), REFERENCE_BY_POINTER);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
}

static void
terminate_now(void *arg)
{
    (void)arg;
    (void)PsTerminateSystemThread(STATUS_SUCCESS);
}

static KSTART_ROUTINE terminate_raised;

static VOID
terminate_raised(PVOID context)
{
    ULONG *code = (ULONG *)context;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    *code = ks_catch_bugcheck(terminate_now, NULL);
    KeLowerIrql(old);
}

static void
create_now(void *arg)
{
    HANDLE handle;
    (void)PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, record_and_return,
                               arg);
}

TEST(raised_irql_bugchecks)
{
    ULONG code = 0;
    PVOID object = NULL;
    HANDLE handle;
    seen s;
    KIRQL old;
    memset(&s, 0, sizeof(s));
    handle = start(terminate_raised, &code, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_U32(code, IRQL_NOT_LESS_OR_EQUAL);
    ObDereferenceObject(object);
    CHECK_EQ_INT((int)ZwClose(handle), (int)STATUS_SUCCESS);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    code = ks_catch_bugcheck(create_now, &s);
    KeLowerIrql(old);
    CHECK_EQ_U32(code, IRQL_NOT_LESS_OR_EQUAL);
    CHECK_EQ_INT((int)s.ran, 0);
}

/* The leak list: what is listed after mark, and the last thread object. */
typedef struct leak_seen {
    ULONG threads;
    const void *object;
    const void *site;
} leak_seen;

static void
on_leak(void *context, const undis__rt_leak *leak)
{
    leak_seen *l = (leak_seen *)context;
    if (leak->kind == UNDIS__RT_THREAD) {
        l->threads++;
        l->object = leak->object;
        l->site = leak->site;
    }
}

typedef struct held_ctx {
    KEVENT release;
    KEVENT leaving;
} held_ctx;

static KSTART_ROUTINE wait_for_release;

static VOID
wait_for_release(PVOID context)
{
    held_ctx *h = (held_ctx *)context;
    (void)KeWaitForSingleObject(&h->release, Executive, KernelMode, FALSE, NULL);
    (void)KeSetEvent(&h->leaving, IO_NO_INCREMENT, FALSE);
}

TEST(held_threads_and_handles_are_listed_as_leaks)
{
    static held_ctx h; /* outlives the test's frame: the thread may still read it */
    leak_seen l;
    PVOID object = NULL;
    PVOID again = NULL;
    HANDLE handle;
    uint64_t mark = undis__rt_leak_mark();
    unsigned long long outstanding = undis_alloc_outstanding();
    int tries;
    KeInitializeEvent(&h.release, NotificationEvent, FALSE);
    KeInitializeEvent(&h.leaving, NotificationEvent, FALSE);
    handle = start(wait_for_release, &h, &object);
    memset(&l, 0, sizeof(l));
    CHECK_EQ_U32(undis__rt_leaks(mark, on_leak, &l), 1); /* running, a handle, a reference */
    CHECK_EQ_U32(l.threads, 1);
    CHECK(l.object == object);
    CHECK(l.site != NULL);
    CHECK_STR_EQ(undis__rt_kind_name(UNDIS__RT_THREAD), "system thread");
    /* Unload: the handle and the reference go; the running thread keeps its
     * object until it ends, then frees it. */
    undis__rt_leaks_reclaim(mark);
    memset(&l, 0, sizeof(l));
    CHECK_EQ_U32(undis__rt_leaks(mark, on_leak, &l), 0);
    CHECK_EQ_INT((int)ObReferenceObjectByHandle(handle, 0, NULL, KernelMode, &again, NULL),
                 (int)STATUS_INVALID_HANDLE);
    (void)KeSetEvent(&h.release, IO_NO_INCREMENT, FALSE);
    (void)KeWaitForSingleObject(&h.leaving, Executive, KernelMode, FALSE, NULL);
    for (tries = 0; tries < 2000 && undis_alloc_outstanding() != outstanding; tries++) {
        LARGE_INTEGER ms;
        ms.QuadPart = -10000;
        (void)KeDelayExecutionThread(KernelMode, FALSE, &ms);
    }
    CHECK(undis_alloc_outstanding() == outstanding);
}

TEST(an_ended_thread_with_its_handle_open_is_listed)
{
    seen s;
    leak_seen l;
    PVOID object = NULL;
    uint64_t mark = undis__rt_leak_mark();
    unsigned long long outstanding = undis_alloc_outstanding();
    memset(&s, 0, sizeof(s));
    (void)start(record_and_return, &s, &object);
    CHECK_EQ_INT((int)KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)ObDereferenceObject(object), 1); /* the handle, never closed */
    memset(&l, 0, sizeof(l));
    CHECK_EQ_U32(undis__rt_leaks(mark, on_leak, &l), 1);
    CHECK(l.object == object);
    undis__rt_leaks_reclaim(mark); /* ended: freed at once */
    CHECK(undis_alloc_outstanding() == outstanding);
}

#define STRESS_THREADS 8
#define STRESS_ROUNDS  20

typedef struct stress_ctx {
    KEVENT go;
    volatile LONG total;
} stress_ctx;

static KSTART_ROUTINE stress_routine;

static VOID
stress_routine(PVOID context)
{
    stress_ctx *c = (stress_ctx *)context;
    LONG i;
    (void)KeWaitForSingleObject(&c->go, Executive, KernelMode, FALSE, NULL);
    for (i = 0; i < 100; i++) {
        InterlockedIncrement(&c->total);
    }
    if ((ReadAcquire(&c->total) & 1) != 0) {
        (void)PsTerminateSystemThread(STATUS_SUCCESS);
    }
}

TEST(many_threads_start_end_and_are_waited_for)
{
    stress_ctx c;
    int round;
    unsigned long long outstanding = undis_alloc_outstanding();
    c.total = 0;
    for (round = 0; round < STRESS_ROUNDS; round++) {
        HANDLE handles[STRESS_THREADS];
        PVOID objects[STRESS_THREADS];
        int i;
        KeInitializeEvent(&c.go, NotificationEvent, FALSE);
        for (i = 0; i < STRESS_THREADS; i++) {
            handles[i] = start(stress_routine, &c, &objects[i]);
        }
        (void)KeSetEvent(&c.go, IO_NO_INCREMENT, FALSE);
        for (i = 0; i < STRESS_THREADS; i++) {
            CHECK_EQ_INT((int)KeWaitForSingleObject(objects[i], Executive, KernelMode, FALSE, NULL),
                         (int)STATUS_SUCCESS);
            /* Half the handles go first, half the references. */
            if ((i & 1) != 0) {
                CHECK_EQ_INT((int)ZwClose(handles[i]), (int)STATUS_SUCCESS);
                ObDereferenceObject(objects[i]);
            } else {
                ObDereferenceObject(objects[i]);
                CHECK_EQ_INT((int)ZwClose(handles[i]), (int)STATUS_SUCCESS);
            }
        }
    }
    CHECK_EQ_INT((int)c.total, STRESS_ROUNDS * STRESS_THREADS * 100);
    CHECK(undis_alloc_outstanding() == outstanding);
}

TEST_MAIN_BEGIN
TEST_CASE(thread_runs_at_passive_and_is_signalled_when_it_returns)
TEST_CASE(terminate_ends_the_thread_and_signals_it)
TEST_CASE(terminate_outside_a_system_thread_fails)
TEST_CASE(bad_handles_are_invalid)
TEST_CASE(another_object_type_is_a_mismatch)
TEST_CASE(stop_event_then_wait_for_the_thread)
TEST_CASE(allocation_failure_leaves_nothing)
TEST_CASE(a_full_handle_table_fails_cleanly)
TEST_CASE(null_routine_is_invalid)
TEST_CASE(priority_is_kept_and_returned)
TEST_CASE(query_priority_returns_the_recorded_one)
TEST_CASE(priority_misuse_bugchecks)
TEST_CASE(one_dereference_too_many_bugchecks)
TEST_CASE(raised_irql_bugchecks)
TEST_CASE(held_threads_and_handles_are_listed_as_leaks)
TEST_CASE(an_ended_thread_with_its_handle_open_is_listed)
TEST_CASE(many_threads_start_end_and_are_waited_for)
TEST_MAIN_END
