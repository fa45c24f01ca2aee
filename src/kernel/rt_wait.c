/* SPDX-License-Identifier: MIT */
/*
 * rt_wait.c: KeWaitForMultipleObjects, a wait over several dispatcher
 * objects (events, mutexes, timers, system threads).
 *
 * Each object keeps its state under the lock of its stripe (rt_sync.c). A
 * wait takes the stripes of all its objects, in increasing order, so that it
 * sees them at one instant and takes what it needs (all of them for WaitAll,
 * the first signalled for WaitAny) atomically. When it cannot, it sleeps on
 * one condition variable shared by every such wait, with a generation
 * number: each signal (undis__rt_wait_wake, after the signaller released its
 * object's lock) bumps the generation and wakes them all to look again. A
 * wait reads the generation before it looks, and sleeps only while the
 * generation is unchanged, so no signal between its look and its sleep is
 * lost. Signals pay for this only while such a wait is in progress (one
 * counter load otherwise); the wake-everyone is a herd, acceptable for the
 * few threads a driver waits in.
 */
#include "kernel/rt_services.h"

#define STRIPES 16u

static struct {
    undis__mutex lock;
    undis__cond changed;
    uint64_t generation;   /* under lock */
    volatile LONG waiters; /* waits in progress */
} g_wait = { UNDIS__MUTEX_INIT, UNDIS__COND_INIT, 0, 0 };

void
undis__rt_wait_wake(void)
{
    /* A wait increments waiters before it takes the stripe the signaller
     * just released, so the signaller sees it here (that lock orders them). */
    if (UNDIS_ATOMIC_LOAD_RELAXED(&g_wait.waiters) == 0) {
        return;
    }
    undis__mutex_lock(&g_wait.lock);
    g_wait.generation++;
    undis__cond_broadcast(&g_wait.changed);
    undis__mutex_unlock(&g_wait.lock);
}

static uint64_t
generation(void)
{
    uint64_t g;
    undis__mutex_lock(&g_wait.lock);
    g = g_wait.generation;
    undis__mutex_unlock(&g_wait.lock);
    return g;
}

/* Sleeps until the generation moves past seen or the deadline passes. */
static void
sleep_past(uint64_t seen, uint64_t deadline)
{
    undis__mutex_lock(&g_wait.lock);
    while (g_wait.generation == seen) {
        uint64_t now = deadline == UINT64_MAX ? 0 : undis__clock_monotonic_ns();
        if (deadline != UINT64_MAX && now >= deadline) {
            break;
        }
        undis__cond_wait(&g_wait.changed, &g_wait.lock,
                         deadline == UINT64_MAX ? UINT64_MAX : deadline - now);
    }
    undis__mutex_unlock(&g_wait.lock);
}

/* Nanoseconds to wait for a Windows timeout (NULL: forever; negative:
 * relative, 100 ns units; positive: absolute system time). */
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

static uint32_t
stripes_of(ULONG count, PVOID const objects[])
{
    uint32_t mask = 0;
    ULONG i;
    for (i = 0; i < count; i++) {
        mask |= 1u << undis__rt_wait_stripe(objects[i]);
    }
    return mask;
}

static void
lock_stripes(uint32_t mask)
{
    unsigned s;
    for (s = 0; s < STRIPES; s++) {
        if ((mask & (1u << s)) != 0) {
            undis__rt_wait_lock(s);
        }
    }
}

static void
unlock_stripes(uint32_t mask)
{
    unsigned s = STRIPES;
    while (s-- > 0) {
        if ((mask & (1u << s)) != 0) {
            undis__rt_wait_unlock(s);
        }
    }
}

/* Stripes locked: satisfy the wait if it can be. Returns the status, or
 * STATUS_TIMEOUT when it cannot (yet). */
static NTSTATUS
try_satisfy(ULONG count, PVOID const objects[], WAIT_TYPE type)
{
    ULONG i;
    if (type == WaitAny) {
        for (i = 0; i < count; i++) {
            DISPATCHER_HEADER *h = (DISPATCHER_HEADER *)objects[i];
            if (undis__rt_wait_ready(h)) {
                undis__rt_wait_take(h);
                return (NTSTATUS)(STATUS_WAIT_0 + i);
            }
        }
        return STATUS_TIMEOUT;
    }
    for (i = 0; i < count; i++) {
        if (!undis__rt_wait_ready((const DISPATCHER_HEADER *)objects[i])) {
            return STATUS_TIMEOUT;
        }
    }
    for (i = 0; i < count; i++) {
        undis__rt_wait_take((DISPATCHER_HEADER *)objects[i]);
    }
    return STATUS_SUCCESS;
}

/* The rules Windows enforces with a bug check, before anything is locked. */
static void
check_call(ULONG count, PVOID const objects[], WAIT_TYPE type, PKWAIT_BLOCK blocks, uint64_t wait)
{
    ULONG i;
    if (count > MAXIMUM_WAIT_OBJECTS || (count > THREAD_WAIT_OBJECTS && blocks == NULL)) {
        undis__rt_bugcheck(MAXIMUM_WAIT_OBJECTS_EXCEEDED, (ULONG_PTR)count,
                           count > MAXIMUM_WAIT_OBJECTS
                               ? "KeWaitForMultipleObjects over more than MAXIMUM_WAIT_OBJECTS (64)"
                               : "KeWaitForMultipleObjects over more than THREAD_WAIT_OBJECTS (3) "
                                 "without a WaitBlockArray");
    }
    if (type != WaitAll && type != WaitAny) {
        undis__rt_bugcheck(
            DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)type,
            "KeWaitForMultipleObjects with a WaitType other than WaitAll or WaitAny");
    }
    if (undis__rt_irql() > APC_LEVEL && wait != 0) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)undis__rt_irql(),
                           "KeWaitForMultipleObjects with a nonzero timeout above APC_LEVEL");
    }
    for (i = 0; i < count; i++) {
        if (objects[i] == NULL || !undis__rt_wait_known((const DISPATCHER_HEADER *)objects[i])) {
            undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)objects[i],
                               "KeWaitForMultipleObjects on an object that is not an initialised "
                               "KEVENT, KMUTEX, KTIMER or system thread");
        }
    }
}

/*
 * Pre: Object[0..Count) initialised KEVENTs, KMUTEXes, KTIMERs or system
 * threads (ObReferenceObjectByHandle); Count <= THREAD_WAIT_OBJECTS (3), or
 * <= MAXIMUM_WAIT_OBJECTS (64) with a WaitBlockArray of Count KWAIT_BLOCKs
 * (checked: MAXIMUM_WAIT_OBJECTS_EXCEEDED; undis keeps its own wait state and
 * leaves the array untouched); WaitType WaitAll or WaitAny; IRQL <=
 * APC_LEVEL, or DISPATCH_LEVEL with a zero timeout (checked:
 * IRQL_NOT_LESS_OR_EQUAL; the other checks DRIVER_VERIFIER_DETECTED_VIOLATION).
 * Post: WaitAll: STATUS_SUCCESS once every object was signalled at the same
 * instant, all taken together (synchronization events and timers reset,
 * mutexes owned); WaitAny: STATUS_WAIT_0 + i for the lowest index i
 * signalled, only that object taken. STATUS_TIMEOUT when Timeout passed
 * first (NULL: forever; negative: relative, 100 ns; 0: a poll; positive:
 * absolute system time), nothing taken. WaitReason, WaitMode and Alertable
 * are accepted and change nothing (no APCs are delivered in user mode).
 */
NTSTATUS NTAPI
KeWaitForMultipleObjects(ULONG Count,
                         PVOID Object[],
                         WAIT_TYPE WaitType,
                         KWAIT_REASON WaitReason,
                         KPROCESSOR_MODE WaitMode,
                         BOOLEAN Alertable,
                         PLARGE_INTEGER Timeout,
                         PKWAIT_BLOCK WaitBlockArray)
{
    uint64_t wait = timeout_ns(Timeout);
    uint64_t deadline;
    uint32_t mask;
    NTSTATUS status;
    (void)WaitReason;
    (void)WaitMode;
    (void)Alertable;
    check_call(Count, Object, WaitType, WaitBlockArray, wait);
    mask = stripes_of(Count, Object);
    deadline = wait == UINT64_MAX ? UINT64_MAX : undis__clock_monotonic_ns() + wait;
    (void)UNDIS_ATOMIC_FETCH_ADD_RELAXED(&g_wait.waiters, 1);
    for (;;) {
        uint64_t seen = generation();
        lock_stripes(mask);
        status = try_satisfy(Count, Object, WaitType);
        unlock_stripes(mask);
        if (status != STATUS_TIMEOUT ||
            (deadline != UINT64_MAX && undis__clock_monotonic_ns() >= deadline)) {
            break;
        }
        sleep_past(seen, deadline);
    }
    (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(&g_wait.waiters, 1);
    return status;
}
