/* SPDX-License-Identifier: MIT */
/*
 * rt_irql.c: per-thread IRQL, spin locks and the processor model.
 * A thread is a processor; its IRQL lives in thread-local storage
 * (undis__t_irql, defined on the floor below: base/gate.c). A spin
 * lock holds 0 when free and the owning thread's identity when held.
 */
#include "kernel/rt_internal.h"
#include "base/verify.h"

static UNDIS_THREAD_LOCAL ULONG t_processor; /* index + 1; 0: not assigned yet */
static UNDIS_THREAD_LOCAL char t_identity;   /* its address names the thread */

static volatile ULONG g_next_processor;
static volatile ULONG g_processor_count;

/* ---- IRQL ----------------------------------------------------------------- */

KIRQL
undis__rt_irql(void)
{
    return undis__t_irql;
}

KIRQL NTAPI
KeGetCurrentIrql(VOID)
{
    return undis__t_irql;
}

KIRQL NTAPI
KfRaiseIrql(KIRQL NewIrql)
{
    KIRQL old = undis__t_irql;
    if (NewIrql < old) {
        undis__rt_bugcheck(IRQL_NOT_GREATER_OR_EQUAL, (ULONG_PTR)NewIrql,
                           "KeRaiseIrql to a level below the current IRQL");
    }
    if (UNDIS_UNLIKELY(NewIrql > DISPATCH_LEVEL) && old <= DISPATCH_LEVEL) {
        undis__nb_gate_irql(1); /* the data path's inline checks go out of line */
    }
    undis__t_irql = NewIrql;
    return old;
}

VOID NTAPI
KeLowerIrql(KIRQL NewIrql)
{
    if (NewIrql > undis__t_irql) {
        undis__rt_bugcheck(IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)NewIrql,
                           "KeLowerIrql to a level above the current IRQL");
    }
    if (UNDIS_UNLIKELY(undis__t_irql > DISPATCH_LEVEL) && NewIrql <= DISPATCH_LEVEL) {
        undis__nb_gate_irql(0);
    }
    undis__t_irql = NewIrql;
}

KIRQL NTAPI
KeRaiseIrqlToDpcLevel(VOID)
{
    return KfRaiseIrql(DISPATCH_LEVEL);
}

KIRQL NTAPI
KeRaiseIrqlToSynchLevel(VOID)
{
    return KfRaiseIrql(SYNCH_LEVEL);
}

/* ---- spin locks ----------------------------------------------------------- */

static KSPIN_LOCK
self(void)
{
    return (KSPIN_LOCK)(ULONG_PTR)&t_identity;
}

static void
require_dispatch(const char *what)
{
    if (undis__t_irql < DISPATCH_LEVEL) {
        undis__rt_bugcheck(IRQL_NOT_GREATER_OR_EQUAL, (ULONG_PTR)undis__t_irql, what);
    }
}

static BOOLEAN
try_take(PKSPIN_LOCK lock)
{
    KSPIN_LOCK expected = 0;
    return (BOOLEAN)UNDIS_ATOMIC_CAS_ACQUIRE(lock, &expected, self());
}

static void
take(PKSPIN_LOCK lock)
{
    unsigned spins = 0;
    if (UNDIS_ATOMIC_LOAD_RELAXED(lock) == self()) {
        undis__rt_bugcheck(SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)lock,
                           "spin lock acquired by the thread that holds it");
    }
    while (!try_take(lock)) {
        if (++spins % 64 == 0) {
            undis__thread_yield();
        }
    }
}

static void
give(PKSPIN_LOCK lock)
{
    if (UNDIS_ATOMIC_LOAD_RELAXED(lock) != self()) {
        undis__rt_bugcheck(SPIN_LOCK_NOT_OWNED, (ULONG_PTR)lock,
                           "spin lock released by a thread that does not hold it");
    }
    UNDIS_ATOMIC_STORE_RELEASE(lock, (KSPIN_LOCK)0);
}

KIRQL NTAPI
KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    take(SpinLock);
    return old;
}

VOID NTAPI
KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    give(SpinLock);
    KeLowerIrql(NewIrql);
}

VOID NTAPI
KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    require_dispatch("KeAcquireSpinLockAtDpcLevel below DISPATCH_LEVEL");
    take(SpinLock);
}

VOID NTAPI
KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    require_dispatch("KeReleaseSpinLockFromDpcLevel below DISPATCH_LEVEL");
    give(SpinLock);
}

BOOLEAN FASTCALL
KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    require_dispatch("KeTryToAcquireSpinLockAtDpcLevel below DISPATCH_LEVEL");
    if (UNDIS_ATOMIC_LOAD_RELAXED(SpinLock) == self()) {
        undis__rt_bugcheck(SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)SpinLock,
                           "spin lock acquired by the thread that holds it");
    }
    return try_take(SpinLock);
}

BOOLEAN FASTCALL
KeTestSpinLock(PKSPIN_LOCK SpinLock)
{
    return (BOOLEAN)(UNDIS_ATOMIC_LOAD_RELAXED(SpinLock) == 0);
}

VOID FASTCALL
KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    LockHandle->OldIrql = KeAcquireSpinLockRaiseToDpc(SpinLock);
}

VOID FASTCALL
KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
    KeReleaseSpinLock(LockHandle->LockQueue.Lock, LockHandle->OldIrql);
}

VOID FASTCALL
KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    LockHandle->OldIrql = DISPATCH_LEVEL;
    KeAcquireSpinLockAtDpcLevel(SpinLock);
}

VOID FASTCALL
KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
    KeReleaseSpinLockFromDpcLevel(LockHandle->LockQueue.Lock);
}

VOID
NdisAllocateSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    SpinLock->SpinLock = 0;
    SpinLock->OldIrql = PASSIVE_LEVEL;
}

VOID
NdisFreeSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    if (SpinLock->SpinLock != 0) {
        undis__rt_bugcheck(SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)SpinLock,
                           "NdisFreeSpinLock on a spin lock that is held");
    }
}

VOID
NdisAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KIRQL old = KeAcquireSpinLockRaiseToDpc(&SpinLock->SpinLock);
    SpinLock->OldIrql = old;
}

VOID
NdisReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KeReleaseSpinLock(&SpinLock->SpinLock, SpinLock->OldIrql);
}

VOID
NdisDprAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KeAcquireSpinLockAtDpcLevel(&SpinLock->SpinLock);
}

VOID
NdisDprReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KeReleaseSpinLockFromDpcLevel(&SpinLock->SpinLock);
}

/* ---- processors ----------------------------------------------------------- */

void
undis_rt_set_processor_count(ULONG count)
{
    UNDIS_ATOMIC_STORE_RELAXED(&g_processor_count, count == 0 ? 1 : (count > 64 ? 64 : count));
}

static ULONG
processor_count(void)
{
    ULONG count = UNDIS_ATOMIC_LOAD_RELAXED(&g_processor_count);
    if (count == 0) {
        unsigned n = undis__online_cpus();
        count = n > 64 ? 64 : (ULONG)n;
        UNDIS_ATOMIC_STORE_RELAXED(&g_processor_count, count);
    }
    return count;
}

ULONG
undis__rt_processor_count(void)
{
    return processor_count();
}

PKTHREAD
undis__rt_thread(void)
{
    return (PKTHREAD)(void *)&t_identity;
}

void
undis__rt_processor_bind(ULONG index)
{
    t_processor = index + 1;
}

ULONG
undis__rt_processor(void)
{
    if (t_processor == 0) {
        ULONG n = UNDIS_ATOMIC_FETCH_ADD_RELAXED(&g_next_processor, 1U);
        t_processor = n % processor_count() + 1;
    }
    return t_processor - 1;
}

ULONG NTAPI
KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors)
{
    ULONG n = processor_count();
    if (ActiveProcessors != NULL) {
        *ActiveProcessors = n >= 64 ? ~(KAFFINITY)0 : (((KAFFINITY)1 << n) - 1);
    }
    return n;
}

ULONG NTAPI
KeQueryActiveProcessorCountEx(USHORT GroupNumber)
{
    return GroupNumber == 0 || GroupNumber == ALL_PROCESSOR_GROUPS ? processor_count() : 0;
}

ULONG NTAPI
KeQueryMaximumProcessorCount(VOID)
{
    return processor_count();
}

ULONG NTAPI
KeQueryMaximumProcessorCountEx(USHORT GroupNumber)
{
    return KeQueryActiveProcessorCountEx(GroupNumber);
}

USHORT NTAPI
KeQueryActiveGroupCount(VOID)
{
    return 1;
}

USHORT NTAPI
KeQueryMaximumGroupCount(VOID)
{
    return 1;
}

ULONG NTAPI
KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber)
{
    ULONG index = undis__rt_processor();
    if (ProcNumber != NULL) {
        ProcNumber->Group = 0;
        ProcNumber->Number = (UCHAR)index;
        ProcNumber->Reserved = 0;
    }
    return index;
}

ULONG NTAPI
KeGetProcessorIndexFromNumber(PPROCESSOR_NUMBER ProcNumber)
{
    if (ProcNumber->Group != 0 || ProcNumber->Number >= processor_count()) {
        return (ULONG)-1; /* INVALID_PROCESSOR_INDEX */
    }
    return ProcNumber->Number;
}

NTSTATUS NTAPI
KeGetProcessorNumberFromIndex(ULONG ProcIndex, PPROCESSOR_NUMBER ProcNumber)
{
    if (ProcIndex >= processor_count()) {
        return STATUS_INVALID_PARAMETER;
    }
    ProcNumber->Group = 0;
    ProcNumber->Number = (UCHAR)ProcIndex;
    ProcNumber->Reserved = 0;
    return STATUS_SUCCESS;
}

CCHAR
NdisSystemProcessorCount(VOID)
{
    return (CCHAR)processor_count();
}
