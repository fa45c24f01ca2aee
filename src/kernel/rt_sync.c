/* SPDX-License-Identifier: MIT */
/*
 * rt_sync.c: events (KEVENT, NDIS_EVENT), NDIS reader/writer locks, sleeping
 * and the clocks. An event's state is its SignalState; waiters sleep on one
 * of 16 mutex/condition pairs chosen by the event's address, so KEVENT keeps
 * its Windows size and needs no allocation. Every signal also wakes the
 * waits over several objects (rt_wait.c: undis__rt_wait_wake).
 */
#include "kernel/rt_services.h"

#define MUTANT_OBJECT_TYPE 2 /* DISPATCHER_HEADER.Type of a KMUTEX (MutantObject) */

#define TIME_INCREMENT_100NS 156250U /* 15.625 ms, the Windows default tick */

/* ---- clocks ---------------------------------------------------------------- */

static uint64_t g_start_ns;

static uint64_t
since_start_ns(void)
{
    uint64_t now = undis__clock_monotonic_ns();
    uint64_t start = UNDIS_ATOMIC_LOAD_RELAXED(&g_start_ns);
    if (start == 0) {
        uint64_t expected = 0;
        (void)UNDIS_ATOMIC_CAS_RELAXED(&g_start_ns, &expected, now);
        start = UNDIS_ATOMIC_LOAD_RELAXED(&g_start_ns);
    }
    return now - start;
}

VOID NTAPI
KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = (LONGLONG)undis__clock_system_100ns();
}

/* The ndis.h name of KeQuerySystemTime. */
VOID
NdisGetCurrentSystemTime(PLARGE_INTEGER pSystemTime)
{
    KeQuerySystemTime(pSystemTime);
}

VOID NTAPI
KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = (LONGLONG)undis__clock_system_100ns();
}

VOID NTAPI
KeQueryTickCount(PLARGE_INTEGER CurrentCount)
{
    CurrentCount->QuadPart = (LONGLONG)(since_start_ns() / 100u / TIME_INCREMENT_100NS);
}

ULONG NTAPI
KeQueryTimeIncrement(VOID)
{
    return TIME_INCREMENT_100NS;
}

ULONGLONG NTAPI
KeQueryInterruptTime(VOID)
{
    return since_start_ns() / 100u;
}

ULONGLONG NTAPI
KeQueryInterruptTimePrecise(PULONG64 QpcTimeStamp)
{
    ULONGLONG t = since_start_ns() / 100u;
    *QpcTimeStamp = t;
    return t;
}

LARGE_INTEGER NTAPI
KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
    LARGE_INTEGER c;
    if (PerformanceFrequency != NULL) {
        PerformanceFrequency->QuadPart = 10000000;
    }
    c.QuadPart = (LONGLONG)(since_start_ns() / 100u);
    return c;
}

VOID NTAPI
KeStallExecutionProcessor(ULONG MicroSeconds)
{
    uint64_t end = undis__clock_monotonic_ns() + (uint64_t)MicroSeconds * 1000u;
    while (undis__clock_monotonic_ns() < end) {
        undis__thread_yield();
    }
}

VOID
NdisGetSystemUpTimeEx(PLARGE_INTEGER pSystemUpTime)
{
    pSystemUpTime->QuadPart = (LONGLONG)(since_start_ns() / 1000000u);
}

VOID
NdisMSleep(ULONG MicrosecondsToSleep)
{
    if (undis__rt_irql() != PASSIVE_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "NdisMSleep called above PASSIVE_LEVEL");
    }
    undis__sleep_ns((uint64_t)MicrosecondsToSleep * 1000u);
}

/* Nanoseconds to wait for a Windows timeout (NULL: forever). */
static uint64_t
timeout_ns(const LARGE_INTEGER *t)
{
    if (t == NULL) {
        return UINT64_MAX;
    }
    if (t->QuadPart < 0) {
        return (uint64_t)(-(t->QuadPart + 1) + 1) * 100u;
    }
    {
        uint64_t now = undis__clock_system_100ns();
        uint64_t when = (uint64_t)t->QuadPart;
        return when > now ? (when - now) * 100u : 0;
    }
}

NTSTATUS NTAPI
KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval)
{
    (void)WaitMode;
    (void)Alertable;
    if (undis__rt_irql() > APC_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "KeDelayExecutionThread called above APC_LEVEL");
    }
    undis__sleep_ns(timeout_ns(Interval));
    return STATUS_SUCCESS;
}

/* ---- events ----------------------------------------------------------------- */

static struct {
    undis__mutex mutex;
    undis__cond cond;
} g_stripes[16] = {
#define S_                                  \
    {                                       \
        UNDIS__MUTEX_INIT, UNDIS__COND_INIT \
    }
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_
#undef S_
};

static unsigned
stripe_of(const void *p)
{
    ULONG_PTR h = (ULONG_PTR)p;
    return (unsigned)((h >> 4 ^ h >> 9) & 15u);
}

VOID NTAPI
KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
    memset(Event, 0, sizeof(*Event));
    Event->Header.Type = (UCHAR)Type;
    Event->Header.Size = (UCHAR)(sizeof(KEVENT) / sizeof(LONG));
    Event->Header.SignalState = State ? 1 : 0;
    InitializeListHead(&Event->Header.WaitListHead);
}

LONG NTAPI
KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    unsigned s = stripe_of(Event);
    LONG old;
    (void)Increment;
    (void)Wait;
    undis__mutex_lock(&g_stripes[s].mutex);
    old = Event->Header.SignalState;
    Event->Header.SignalState = 1;
    undis__cond_broadcast(&g_stripes[s].cond);
    undis__mutex_unlock(&g_stripes[s].mutex);
    undis__rt_wait_wake();
    return old;
}

LONG NTAPI
KeResetEvent(PRKEVENT Event)
{
    unsigned s = stripe_of(Event);
    LONG old;
    undis__mutex_lock(&g_stripes[s].mutex);
    old = Event->Header.SignalState;
    Event->Header.SignalState = 0;
    undis__mutex_unlock(&g_stripes[s].mutex);
    return old;
}

VOID NTAPI
KeClearEvent(PRKEVENT Event)
{
    (void)KeResetEvent(Event);
}

LONG NTAPI
KeReadStateEvent(PRKEVENT Event)
{
    unsigned s = stripe_of(Event);
    LONG state;
    undis__mutex_lock(&g_stripes[s].mutex);
    state = Event->Header.SignalState;
    undis__mutex_unlock(&g_stripes[s].mutex);
    return state;
}

/* Lock of the object's stripe held: could the caller take the object now
 * (signalled; a mutex nobody else owns)? Objects of other types bug-check
 * (rt_wait.c checks them before it takes any lock). */
static BOOLEAN
ready(const DISPATCHER_HEADER *h)
{
    switch (h->Type) {
    case NotificationEvent:
    case SynchronizationEvent:
    case TimerNotificationObject:
    case TimerSynchronizationObject:
    case UNDIS__THREAD_OBJECT_TYPE:
        return (BOOLEAN)(h->SignalState != 0);
    case MUTANT_OBJECT_TYPE:
        return (
            BOOLEAN)(h->SignalState > 0 ||
                     ((const KMUTEX *)(const void *)((const char *)h - offsetof(KMUTEX, Header)))
                             ->OwnerThread == undis__rt_thread());
    default:
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)h,
                           "a wait on an object that is not an initialised KEVENT, KMUTEX, "
                           "KTIMER or system thread");
    }
}

/* Lock held, ready(h): take it (a synchronization event or timer resets; a
 * mutex is owned, recursively; a notification object or thread stays). */
static void
take(DISPATCHER_HEADER *h)
{
    if (h->Type == SynchronizationEvent || h->Type == TimerSynchronizationObject) {
        h->SignalState = 0;
    } else if (h->Type == MUTANT_OBJECT_TYPE) {
        h->SignalState--;
        CONTAINING_RECORD(h, KMUTEX, Header)->OwnerThread = undis__rt_thread();
    }
}

static BOOLEAN
try_take(DISPATCHER_HEADER *h)
{
    if (!ready(h)) {
        return FALSE;
    }
    take(h);
    return TRUE;
}

/* ---- what rt_wait.c's waits over several objects use ------------------------------ */

unsigned
undis__rt_wait_stripe(const void *object)
{
    return stripe_of(object);
}

void
undis__rt_wait_lock(unsigned stripe)
{
    undis__mutex_lock(&g_stripes[stripe].mutex);
}

void
undis__rt_wait_unlock(unsigned stripe)
{
    undis__mutex_unlock(&g_stripes[stripe].mutex);
}

BOOLEAN
undis__rt_wait_ready(const DISPATCHER_HEADER *header)
{
    return ready(header);
}

void
undis__rt_wait_take(DISPATCHER_HEADER *header)
{
    take(header);
}

BOOLEAN
undis__rt_wait_known(const DISPATCHER_HEADER *header)
{
    switch (header->Type) {
    case NotificationEvent:
    case SynchronizationEvent:
    case TimerNotificationObject:
    case TimerSynchronizationObject:
    case UNDIS__THREAD_OBJECT_TYPE:
    case MUTANT_OBJECT_TYPE:
        return TRUE;
    default:
        return FALSE;
    }
}

/*
 * Pre: Object an initialised KEVENT, KMUTEX or KTIMER, or a system thread
 * (rt_thread.c; signalled once it ended) (checked:
 * DRIVER_VERIFIER_DETECTED_VIOLATION). Post: STATUS_SUCCESS when the object
 * was signalled (a synchronization event or timer is reset, a mutex is now
 * the caller's, recursively); STATUS_TIMEOUT when Timeout passed first
 * (NULL: forever; negative: relative, 100 ns units; 0: poll; positive:
 * absolute system time). IRQL <= APC_LEVEL, or DISPATCH_LEVEL with a zero
 * timeout (checked).
 */
NTSTATUS NTAPI
KeWaitForSingleObject(PVOID Object,
                      KWAIT_REASON WaitReason,
                      KPROCESSOR_MODE WaitMode,
                      BOOLEAN Alertable,
                      PLARGE_INTEGER Timeout)
{
    DISPATCHER_HEADER *h = (DISPATCHER_HEADER *)Object;
    unsigned s = stripe_of(h);
    uint64_t wait = timeout_ns(Timeout);
    uint64_t deadline;
    NTSTATUS status = STATUS_TIMEOUT;
    (void)WaitReason;
    (void)WaitMode;
    (void)Alertable;
    if (undis__rt_irql() > APC_LEVEL && wait != 0) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "KeWaitForSingleObject with a nonzero timeout above APC_LEVEL");
    }
    if (!undis__rt_wait_known(h)) {
        (void)ready(h); /* bug-checks, naming the object */
    }
    deadline = wait == UINT64_MAX ? UINT64_MAX : undis__clock_monotonic_ns() + wait;
    undis__mutex_lock(&g_stripes[s].mutex);
    for (;;) {
        uint64_t now;
        if (try_take(h)) {
            status = STATUS_SUCCESS;
            break;
        }
        now = deadline == UINT64_MAX ? 0 : undis__clock_monotonic_ns();
        if (deadline != UINT64_MAX && now >= deadline) {
            break;
        }
        undis__cond_wait(&g_stripes[s].cond, &g_stripes[s].mutex,
                         deadline == UINT64_MAX ? UINT64_MAX : deadline - now);
    }
    undis__mutex_unlock(&g_stripes[s].mutex);
    return status;
}

void
undis__rt_object_signal(DISPATCHER_HEADER *header)
{
    unsigned s = stripe_of(header);
    undis__mutex_lock(&g_stripes[s].mutex);
    header->SignalState = 1;
    undis__cond_broadcast(&g_stripes[s].cond);
    undis__mutex_unlock(&g_stripes[s].mutex);
    undis__rt_wait_wake();
}

void
undis__rt_object_reset(DISPATCHER_HEADER *header)
{
    unsigned s = stripe_of(header);
    undis__mutex_lock(&g_stripes[s].mutex);
    header->SignalState = 0;
    undis__mutex_unlock(&g_stripes[s].mutex);
}

/* ---- kernel mutexes (KMUTEX, NDIS_MUTEX) ---------------------------------------- */

/*
 * Pre: Mutex points to caller memory. Post: a mutex nobody owns
 * (SignalState 1); Level is kept for nothing (Windows ignores it too).
 * Acquire it with KeWaitForSingleObject (NDIS_WAIT_FOR_MUTEX); the owner may
 * acquire it again and releases it as many times. PASSIVE_LEVEL.
 */
VOID
KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    (void)Level;
    memset(Mutex, 0, sizeof(*Mutex));
    Mutex->Header.Type = MUTANT_OBJECT_TYPE;
    Mutex->Header.Size = (UCHAR)(sizeof(KMUTEX) / sizeof(LONG));
    Mutex->Header.SignalState = 1;
    InitializeListHead(&Mutex->Header.WaitListHead);
    InitializeListHead(&Mutex->MutantListEntry);
}

/*
 * Pre: the calling thread owns the mutex (checked: THREAD_NOT_MUTEX_OWNER).
 * Post: one acquisition undone; when it was the last, nobody owns it and a
 * waiter may take it. Returns the previous SignalState (0 when it was owned
 * once). Wait must be FALSE here (no KeWait call follows atomically).
 * IRQL <= DISPATCH_LEVEL.
 */
LONG
KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    unsigned s = stripe_of(&Mutex->Header);
    LONG old;
    (void)Wait;
    undis__mutex_lock(&g_stripes[s].mutex);
    old = Mutex->Header.SignalState;
    if (Mutex->Header.Type != MUTANT_OBJECT_TYPE || old > 0 ||
        Mutex->OwnerThread != undis__rt_thread()) {
        undis__mutex_unlock(&g_stripes[s].mutex);
        undis__rt_bugcheck(THREAD_NOT_MUTEX_OWNER, (ULONG_PTR)Mutex,
                           "KeReleaseMutex by a thread that does not own the mutex");
    }
    Mutex->Header.SignalState = old + 1;
    if (old + 1 == 1) {
        Mutex->OwnerThread = NULL;
        undis__cond_broadcast(&g_stripes[s].cond);
    }
    undis__mutex_unlock(&g_stripes[s].mutex);
    if (old + 1 == 1) {
        undis__rt_wait_wake();
    }
    return old;
}

/* The mutex's SignalState: 1 when nobody owns it, 1 - n when owned n times.
 * IRQL <= DISPATCH_LEVEL. */
LONG
KeReadStateMutex(PRKMUTEX Mutex)
{
    unsigned s = stripe_of(&Mutex->Header);
    LONG state;
    undis__mutex_lock(&g_stripes[s].mutex);
    state = Mutex->Header.SignalState;
    undis__mutex_unlock(&g_stripes[s].mutex);
    return state;
}

VOID
NdisInitializeEvent(PNDIS_EVENT Event)
{
    KeInitializeEvent(&Event->Event, NotificationEvent, FALSE);
}

VOID
NdisSetEvent(PNDIS_EVENT Event)
{
    (void)KeSetEvent(&Event->Event, 0, FALSE);
}

VOID
NdisResetEvent(PNDIS_EVENT Event)
{
    (void)KeResetEvent(&Event->Event);
}

BOOLEAN
NdisWaitEvent(PNDIS_EVENT Event, UINT MsToWait)
{
    LARGE_INTEGER t;
    t.QuadPart = -(LONGLONG)MsToWait * 10000;
    return (BOOLEAN)(KeWaitForSingleObject(&Event->Event, Executive, KernelMode, FALSE,
                                           MsToWait == 0 ? NULL : &t) == STATUS_SUCCESS);
}

/* ---- reader/writer locks ----------------------------------------------------- */

static void
rw_read(volatile LONG *state)
{
    unsigned spins = 0;
    for (;;) {
        LONG s = UNDIS_ATOMIC_LOAD_RELAXED(state);
        if (s >= 0 && UNDIS_ATOMIC_CAS_ACQUIRE(state, &s, s + 1)) {
            return;
        }
        if (++spins % 64 == 0) {
            undis__thread_yield();
        }
    }
}

static void
rw_write(volatile LONG *state)
{
    unsigned spins = 0;
    for (;;) {
        LONG s = 0;
        if (UNDIS_ATOMIC_CAS_ACQUIRE(state, &s, -1)) {
            return;
        }
        if (++spins % 64 == 0) {
            undis__thread_yield();
        }
    }
}

static void
rw_release(volatile LONG *state)
{
    LONG s = UNDIS_ATOMIC_LOAD_RELAXED(state);
    if (s == -1) {
        UNDIS_ATOMIC_STORE_RELEASE(state, 0);
    } else if (s > 0) {
        (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(state, 1);
    } else {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)state,
                           "reader/writer lock released while not held");
    }
}

VOID
NdisInitializeReadWriteLock(PNDIS_RW_LOCK Lock)
{
    memset(Lock, 0, sizeof(*Lock));
}

VOID
NdisAcquireReadWriteLock(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    if (fWrite) {
        rw_write(&Lock->State);
    } else {
        rw_read(&Lock->State);
    }
    LockState->LockState = fWrite ? 2 : 1;
    LockState->OldIrql = old;
}

VOID
NdisReleaseReadWriteLock(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState)
{
    rw_release(&Lock->State);
    LockState->LockState = 0;
    KeLowerIrql(LockState->OldIrql);
}

struct _NDIS_RW_LOCK_EX {
    volatile LONG State;
};

PNDIS_RW_LOCK_EX
NdisAllocateRWLock(NDIS_HANDLE NdisHandle)
{
    PNDIS_RW_LOCK_EX lock = (PNDIS_RW_LOCK_EX)undis__mem_alloc(sizeof(*lock));
    (void)NdisHandle;
    if (lock != NULL) {
        lock->State = 0;
    }
    return lock;
}

VOID
NdisFreeRWLock(PNDIS_RW_LOCK_EX Lock)
{
    if (Lock->State != 0) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Lock,
                           "NdisFreeRWLock on a lock that is held");
    }
    undis__mem_free(Lock);
}

static KIRQL
rwx_enter(PLOCK_STATE_EX LockState, UCHAR Flags)
{
    if ((Flags & NDIS_RWL_AT_DISPATCH_LEVEL) != 0) {
        if (undis__rt_irql() != DISPATCH_LEVEL) {
            undis__rt_bugcheck(IRQL_NOT_GREATER_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                               "NDIS_RWL_AT_DISPATCH_LEVEL passed below DISPATCH_LEVEL");
        }
        LockState->Flags = Flags;
        return DISPATCH_LEVEL;
    }
    LockState->Flags = Flags;
    return KfRaiseIrql(DISPATCH_LEVEL);
}

VOID
NdisAcquireRWLockRead(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState, UCHAR Flags)
{
    LockState->OldIrql = rwx_enter(LockState, Flags);
    rw_read(&Lock->State);
    LockState->LockState = 1;
}

VOID
NdisAcquireRWLockWrite(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState, UCHAR Flags)
{
    LockState->OldIrql = rwx_enter(LockState, Flags);
    rw_write(&Lock->State);
    LockState->LockState = 2;
}

VOID
NdisReleaseRWLock(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState)
{
    rw_release(&Lock->State);
    LockState->LockState = 0;
    if ((LockState->Flags & NDIS_RWL_AT_DISPATCH_LEVEL) == 0) {
        KeLowerIrql(LockState->OldIrql);
    }
}
