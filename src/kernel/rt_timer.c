/* SPDX-License-Identifier: MIT */
/*
 * rt_timer.c: kernel timers (KTIMER) and NDIS timer objects. One timer
 * thread keeps the set KTIMERs in a list sorted by due time (their own
 * TimerListEntry, so a KTIMER needs no allocation, as in Windows), sleeps
 * until the first is due, then signals it (a timer is a dispatcher object
 * waiters may wait on) and queues its DPC, which a DPC worker runs at
 * DISPATCH_LEVEL (rt_dpc.c). A periodic timer goes back in the list, due
 * one period after its last due time.
 *
 * Cancel races the expiry as in Windows: KeCancelTimer (and
 * NdisCancelTimerObject) returns TRUE only when the timer was still in the
 * list; once it expired, its DPC may be queued or running and still runs.
 *
 * An NDIS timer object is a KTIMER, a KDPC whose routine calls the driver's
 * NDIS_TIMER_FUNCTION, and a record in the leak list (rt_leak.c).
 */
#include "kernel/rt_services.h"

#define NDIS_TIMER_MAGIC      0x724D5449U /* "ITMr" */
#define NDIS_TIMER_MAGIC_DEAD 0x64616544U

static struct {
    undis__mutex lock;
    undis__cond wake;
    undis__once once;
    LIST_ENTRY list; /* set timers, sorted by DueTime */
} g_timers = {
    UNDIS__MUTEX_INIT, UNDIS__COND_INIT, UNDIS__ONCE_INIT, { &g_timers.list, &g_timers.list }
};

/* Interrupt time: 100 ns units since the runtime's clocks started. */
static ULONGLONG
now_100ns(void)
{
    return KeQueryInterruptTime();
}

/* Lock held. */
static BOOLEAN
is_set(const KTIMER *timer)
{
    return (BOOLEAN)(timer->TimerListEntry.Flink != NULL);
}

/* Lock held. */
static void
unlink_timer(PKTIMER timer)
{
    timer->TimerListEntry.Blink->Flink = timer->TimerListEntry.Flink;
    timer->TimerListEntry.Flink->Blink = timer->TimerListEntry.Blink;
    timer->TimerListEntry.Flink = NULL;
    timer->TimerListEntry.Blink = NULL;
}

/* Lock held: insert by DueTime (after timers due at the same time). */
static void
insert_sorted(PKTIMER timer)
{
    PLIST_ENTRY e = g_timers.list.Flink;
    while (e != &g_timers.list && CONTAINING_RECORD(e, KTIMER, TimerListEntry)->DueTime.QuadPart <=
                                      timer->DueTime.QuadPart) {
        e = e->Flink;
    }
    timer->TimerListEntry.Flink = e;
    timer->TimerListEntry.Blink = e->Blink;
    e->Blink->Flink = &timer->TimerListEntry;
    e->Blink = &timer->TimerListEntry;
}

/* Lock held: the first timer expired at `now`. */
static void
expire(PKTIMER timer, ULONGLONG now)
{
    PKDPC dpc = timer->Dpc;
    ULONGLONG due = timer->DueTime.QuadPart;
    LARGE_INTEGER system;
    unlink_timer(timer);
    if (timer->Period != 0) {
        ULONGLONG period = (ULONGLONG)timer->Period * 10000u;
        timer->DueTime.QuadPart = due + period > now ? due + period : now + period;
        insert_sorted(timer);
    }
    undis__rt_object_signal(&timer->Header);
    if (dpc != NULL) {
        KeQuerySystemTime(&system);
        (void)KeInsertQueueDpc(dpc, (PVOID)(ULONG_PTR)system.LowPart,
                               (PVOID)(ULONG_PTR)(ULONG)system.HighPart);
    }
}

static void
timer_thread(void *arg)
{
    (void)arg;
    undis__mutex_lock(&g_timers.lock);
    for (;;) {
        PKTIMER first;
        ULONGLONG now;
        if (IsListEmpty(&g_timers.list)) {
            undis__cond_wait(&g_timers.wake, &g_timers.lock, UINT64_MAX);
            continue;
        }
        first = CONTAINING_RECORD(g_timers.list.Flink, KTIMER, TimerListEntry);
        now = now_100ns();
        if (first->DueTime.QuadPart > now) {
            undis__cond_wait(&g_timers.wake, &g_timers.lock,
                             (uint64_t)(first->DueTime.QuadPart - now) * 100u);
            continue;
        }
        expire(first, now);
    }
}

static void
start_timer_thread(void)
{
    if (!undis__thread_start(timer_thread, NULL)) {
        undis__rt_bugcheck(BUGCODE_NDIS_DRIVER, 0, "the timer thread could not be started");
    }
}

static void
check_timer(const KTIMER *timer, const char *function)
{
    if (timer->Header.Type != TimerNotificationObject &&
        timer->Header.Type != TimerSynchronizationObject) {
        char message[160];
        (void)snprintf(message, sizeof(message),
                       "%s on a KTIMER not initialised by KeInitializeTimer", function);
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)timer, message);
    }
}

/* Due time in interrupt time from a Windows due time (negative: relative,
 * 100 ns; positive: absolute system time). */
static ULONGLONG
due_of(LARGE_INTEGER due)
{
    ULONGLONG now = now_100ns();
    if (due.QuadPart < 0) {
        return now + (ULONGLONG)(-(due.QuadPart + 1)) + 1;
    } else {
        LARGE_INTEGER sys;
        KeQuerySystemTime(&sys);
        return due.QuadPart > sys.QuadPart ? now + (ULONGLONG)(due.QuadPart - sys.QuadPart) : now;
    }
}

/* Pre: Timer points to caller memory. Post: a notification timer, not set,
 * not signalled. Any IRQL <= DISPATCH_LEVEL. */
VOID NTAPI
KeInitializeTimer(PKTIMER Timer)
{
    KeInitializeTimerEx(Timer, NotificationTimer);
}

/* As KeInitializeTimer, of the given type (a synchronization timer releases
 * one waiter and resets itself). */
VOID NTAPI
KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
    memset(Timer, 0, sizeof(*Timer));
    Timer->Header.Type = (UCHAR)(Type == SynchronizationTimer ? TimerSynchronizationObject
                                                              : TimerNotificationObject);
    Timer->Header.Size = (UCHAR)(sizeof(KTIMER) / sizeof(LONG));
    InitializeListHead(&Timer->Header.WaitListHead);
}

/*
 * Pre: an initialised KTIMER (checked), Period >= 0 in milliseconds, Dpc an
 * initialised KDPC or NULL. Post: the timer is set to expire at DueTime
 * (negative: relative, 100 ns units; positive: absolute system time; a time
 * past expires at once), then every Period ms when Period > 0; it is not
 * signalled until then. Returns TRUE when it was already set (that setting
 * is replaced), FALSE otherwise. Ownership: the KTIMER and KDPC stay the
 * caller's and must stay valid until the timer is cancelled or expired and
 * its DPC has run. IRQL <= DISPATCH_LEVEL.
 */
BOOLEAN NTAPI
KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc)
{
    BOOLEAN was;
    check_timer(Timer, "KeSetTimerEx");
    if (Period < 0) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Period,
                           "KeSetTimerEx with a negative period");
    }
    undis__once_run(&g_timers.once, start_timer_thread);
    undis__mutex_lock(&g_timers.lock);
    was = is_set(Timer);
    if (was) {
        unlink_timer(Timer);
    }
    undis__rt_object_reset(&Timer->Header);
    Timer->Dpc = Dpc;
    Timer->Period = (ULONG)Period;
    Timer->DueTime.QuadPart = due_of(DueTime);
    insert_sorted(Timer);
    undis__cond_broadcast(&g_timers.wake);
    undis__mutex_unlock(&g_timers.lock);
    return was;
}

/* KeSetTimerEx with no period. */
BOOLEAN NTAPI
KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
    return KeSetTimerEx(Timer, DueTime, 0, Dpc);
}

/*
 * Post: the timer is not set. Returns TRUE when it was set (it will not
 * expire), FALSE when it was not: it never was, or it already expired and
 * its DPC is queued, running or done (the DPC still runs; KeRemoveQueueDpc
 * or KeFlushQueuedDpcs deal with it). IRQL <= DISPATCH_LEVEL.
 */
BOOLEAN NTAPI
KeCancelTimer(PKTIMER Timer)
{
    BOOLEAN was;
    check_timer(Timer, "KeCancelTimer");
    undis__mutex_lock(&g_timers.lock);
    was = is_set(Timer);
    if (was) {
        unlink_timer(Timer);
    }
    undis__mutex_unlock(&g_timers.lock);
    return was;
}

/* TRUE when the timer has expired since it was last set (signalled). Any
 * IRQL <= DISPATCH_LEVEL. */
BOOLEAN NTAPI
KeReadStateTimer(PKTIMER Timer)
{
    check_timer(Timer, "KeReadStateTimer");
    return (BOOLEAN)(KeReadStateEvent((PRKEVENT)(void *)Timer) != 0);
}

/* ---- NDIS timer objects ----------------------------------------------------- */

struct ndis_timer {
    ULONG magic;
    KTIMER timer;
    KDPC dpc;
    PNDIS_TIMER_FUNCTION function;
    PVOID context;              /* from the characteristics */
    PVOID volatile set_context; /* from NdisSetTimerObject, or NULL */
    struct undis__rt_track track;
};

static KDEFERRED_ROUTINE ndis_timer_dpc;

static VOID
ndis_timer_dpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    struct ndis_timer *t = (struct ndis_timer *)DeferredContext;
    PVOID context = undis__atomic_load_acquire_ptr((void *const volatile *)&t->set_context);
    (void)Dpc;
    (void)SystemArgument1;
    (void)SystemArgument2;
    t->function(t, context != NULL ? context : t->context, NULL, NULL);
}

static struct ndis_timer *
ndis_timer_of(NDIS_HANDLE handle, const char *function)
{
    struct ndis_timer *t = (struct ndis_timer *)handle;
    if (t == NULL || t->magic != NDIS_TIMER_MAGIC) {
        char message[160];
        (void)snprintf(message, sizeof(message),
                       "%s: %p is not a timer object of "
                       "NdisAllocateTimerObject (freed, or never allocated)",
                       function, handle);
        undis__rt_bugcheck(BUGCODE_NDIS_DRIVER, (ULONG_PTR)handle, message);
    }
    return t;
}

static void
ndis_timer_free(struct ndis_timer *t)
{
    (void)KeCancelTimer(&t->timer);
    (void)KeRemoveQueueDpc(&t->dpc);
    undis__rt_dpc_wait_idle(&t->dpc);
    undis__rt_track_remove(&t->track);
    t->magic = NDIS_TIMER_MAGIC_DEAD;
    undis__mem_free(t);
}

static void
ndis_timer_reclaim(struct undis__rt_track *track)
{
    ndis_timer_free(CONTAINING_RECORD(track, struct ndis_timer, track));
}

static BOOLEAN
characteristics_ok(const NDIS_TIMER_CHARACTERISTICS *c)
{
    return (BOOLEAN)(c != NULL && c->Header.Type == NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS &&
                     c->Header.Revision >= NDIS_TIMER_CHARACTERISTICS_REVISION_1 &&
                     c->Header.Size >= NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 &&
                     c->TimerFunction != NULL);
}

static NDIS_STATUS
allocate_timer(NDIS_HANDLE owner, PNDIS_TIMER_CHARACTERISTICS c, PNDIS_HANDLE out, const void *site)
{
    struct ndis_timer *t;
    *out = NULL;
    if (!characteristics_ok(c)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    t = (struct ndis_timer *)undis__mem_alloc(sizeof(*t));
    if (t == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    memset(t, 0, sizeof(*t));
    t->magic = NDIS_TIMER_MAGIC;
    KeInitializeTimer(&t->timer);
    KeInitializeDpc(&t->dpc, ndis_timer_dpc, t);
    t->function = c->TimerFunction;
    t->context = c->FunctionContext;
    t->track.kind = UNDIS__RT_TIMER;
    t->track.site = site;
    t->track.object = t;
    t->track.tag = c->AllocationTag;
    t->track.reclaim = ndis_timer_reclaim;
    (void)owner;
    undis__rt_track_add(&t->track);
    *out = t;
    return NDIS_STATUS_SUCCESS;
}

/*
 * Pre: TimerCharacteristics with Header {NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS,
 * revision 1, size >= NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1} and a
 * TimerFunction; pTimerObject not NULL. NdisHandle is the driver's handle
 * (kept for the leak report only). Post: NDIS_STATUS_SUCCESS and
 * *pTimerObject a timer object, not set. Failure: NDIS_STATUS_INVALID_PARAMETER
 * (bad characteristics), NDIS_STATUS_RESOURCES (memory); *pTimerObject NULL.
 * Ownership: the caller frees it with NdisFreeTimerObject; one still held
 * when its driver unloads is listed (HOST_LEAK_AT_UNLOAD) and freed.
 * IRQL <= DISPATCH_LEVEL (Windows: PASSIVE_LEVEL).
 */
NDIS_STATUS
NdisAllocateTimerObject(NDIS_HANDLE NdisHandle,
                        PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                        PNDIS_HANDLE pTimerObject)
{
    return allocate_timer(NdisHandle, TimerCharacteristics, pTimerObject, UNDIS_RETURN_ADDRESS());
}

/*
 * Pre: a timer object (checked: BUGCODE_NDIS_DRIVER), MillisecondsPeriod >=
 * 0. Post: set to fire after DueTime (negative: relative, 100 ns units;
 * positive: absolute system time), then every MillisecondsPeriod ms when
 * non-zero; the TimerFunction runs at DISPATCH_LEVEL on a DPC worker with
 * FunctionContext, or the characteristics' context when it is NULL.
 * Returns TRUE when the timer was already set (that setting is replaced).
 * IRQL <= DISPATCH_LEVEL.
 */
BOOLEAN
NdisSetTimerObject(NDIS_HANDLE TimerObject,
                   LARGE_INTEGER DueTime,
                   LONG MillisecondsPeriod,
                   PVOID FunctionContext)
{
    struct ndis_timer *t = ndis_timer_of(TimerObject, "NdisSetTimerObject");
    undis__atomic_store_release_ptr((void *volatile *)&t->set_context, FunctionContext);
    return KeSetTimerEx(&t->timer, DueTime, MillisecondsPeriod, &t->dpc);
}

/*
 * Post: the timer is not set. TRUE when it was set (the callback will not
 * run for it); FALSE when it was not set, or already fired: a callback
 * queued or running still runs, as in Windows. IRQL <= DISPATCH_LEVEL.
 */
BOOLEAN
NdisCancelTimerObject(NDIS_HANDLE TimerObject)
{
    return KeCancelTimer(&ndis_timer_of(TimerObject, "NdisCancelTimerObject")->timer);
}

/*
 * Pre: a timer object, PASSIVE_LEVEL (checked), not called from its own
 * callback. Post: cancelled, a queued callback removed, a running one
 * waited for, then freed: the handle is dead. No failure.
 */
VOID
NdisFreeTimerObject(NDIS_HANDLE TimerObject)
{
    struct ndis_timer *t = ndis_timer_of(TimerObject, "NdisFreeTimerObject");
    if (undis__rt_irql() != PASSIVE_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "NdisFreeTimerObject called above PASSIVE_LEVEL");
    }
    ndis_timer_free(t);
}

/* ---- for the leak list --------------------------------------------------------- */

/* Every KTIMER set that is not an NDIS timer object's (those are listed as
 * timer objects). */
ULONG
undis__rt_timer_each_set(void (*fn)(void *context, PKTIMER timer), void *context)
{
    ULONG count = 0;
    PLIST_ENTRY e;
    undis__mutex_lock(&g_timers.lock);
    for (e = g_timers.list.Flink; e != &g_timers.list; e = e->Flink) {
        PKTIMER timer = CONTAINING_RECORD(e, KTIMER, TimerListEntry);
        if (timer->Dpc != NULL && timer->Dpc->DeferredRoutine == ndis_timer_dpc) {
            continue;
        }
        fn(context, timer);
        count++;
    }
    undis__mutex_unlock(&g_timers.lock);
    return count;
}

/* Is dpc an NDIS timer object's (listed with its timer, not alone)? */
BOOLEAN
undis__rt_timer_owns_dpc(const KDPC *dpc)
{
    return (BOOLEAN)(dpc->DeferredRoutine == ndis_timer_dpc);
}
