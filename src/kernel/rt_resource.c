/* SPDX-License-Identifier: MIT */
/*
 * rt_resource.c: the working kernel objects of <ndis/kobject.h>.
 *
 * ERESOURCE: ActiveEntries holds the lock word (0 free, n > 0 shared
 * holders, EXCLUSIVE held exclusively); the exclusive owner and its
 * recursion depth are in OwnerEntry, ResourceOwnedExclusive in Flag. The
 * exclusive owner may also take it shared (counted as recursion). Waiting
 * spins and yields: the kernel would block, user mode has the CPU.
 *
 * EX_SPIN_LOCK: the LONG is the lock word (0 free, n > 0 shared, -1
 * exclusive); acquisition raises to DISPATCH_LEVEL as Windows does.
 *
 * KeGetCurrentThread is the thread object on a system thread (rt_thread.c),
 * else the address of a thread-local byte; the rest
 * (PsGetCurrentProcessId, IoGetFileObjectGenericMapping,
 * MmIsVerifierEnabled, ExInitializeDriverRuntime) answer what is true in
 * user mode. None of them reports.
 */
#include "kernel/rt_services.h"

#include <ndis.h>

#include <string.h>

#define EXCLUSIVE 0xFFFFFFFFU

static UNDIS_THREAD_LOCAL unsigned char t_thread_tag;

PKTHREAD NTAPI
KeGetCurrentThread(VOID)
{
    PKTHREAD system_thread = undis__rt_kthread_self();
    return system_thread != NULL ? system_thread : (PKTHREAD)(void *)&t_thread_tag;
}

/* ---- ERESOURCE ------------------------------------------------------------- */

NTSTATUS NTAPI
ExInitializeResourceLite(PERESOURCE Resource)
{
    memset(Resource, 0, sizeof(*Resource));
    InitializeListHead(&Resource->SystemResourcesList);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
ExDeleteResourceLite(PERESOURCE Resource)
{
    if (UNDIS_ATOMIC_LOAD_ACQUIRE(&Resource->ActiveEntries) != 0) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Resource,
                           "ExDeleteResourceLite on a resource that is held");
    }
    return STATUS_SUCCESS;
}

static BOOLEAN
owned_by_caller(PERESOURCE r)
{
    return (BOOLEAN)(UNDIS_ATOMIC_LOAD_ACQUIRE(&r->ActiveEntries) == EXCLUSIVE &&
                     r->OwnerEntry.OwnerThread == ExGetCurrentResourceThread());
}

/* One attempt: take it exclusively (exclusive) or shared. */
static BOOLEAN
try_take(PERESOURCE r, int exclusive)
{
    ULONG s = UNDIS_ATOMIC_LOAD_RELAXED(&r->ActiveEntries);
    if (exclusive) {
        s = 0;
        return (BOOLEAN)UNDIS_ATOMIC_CAS_ACQUIRE(&r->ActiveEntries, &s, EXCLUSIVE);
    }
    return (BOOLEAN)(s != EXCLUSIVE && UNDIS_ATOMIC_CAS_ACQUIRE(&r->ActiveEntries, &s, s + 1U));
}

static BOOLEAN
acquire(PERESOURCE r, BOOLEAN wait, int exclusive)
{
    unsigned spins = 0;
    if (owned_by_caller(r)) {
        r->OwnerEntry.OwnerCount++;
        return TRUE;
    }
    while (!try_take(r, exclusive)) {
        if (!wait) {
            return FALSE;
        }
        if (++spins % 64 == 0) {
            undis__thread_yield();
        }
    }
    if (exclusive) {
        r->OwnerEntry.OwnerThread = ExGetCurrentResourceThread();
        r->OwnerEntry.OwnerCount = 1;
        r->Flag = (USHORT)(r->Flag | ResourceOwnedExclusive);
    }
    return TRUE;
}

BOOLEAN NTAPI
ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
    return acquire(Resource, Wait, 1);
}

BOOLEAN NTAPI
ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
    return acquire(Resource, Wait, 0);
}

BOOLEAN NTAPI
ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    return acquire(Resource, Wait, 0);
}

BOOLEAN NTAPI
ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    return acquire(Resource, Wait, 0);
}

VOID NTAPI
ExReleaseResourceForThreadLite(PERESOURCE Resource, ERESOURCE_THREAD ResourceThreadId)
{
    ULONG s = UNDIS_ATOMIC_LOAD_RELAXED(&Resource->ActiveEntries);
    if (s == EXCLUSIVE && Resource->OwnerEntry.OwnerThread == ResourceThreadId) {
        if (--Resource->OwnerEntry.OwnerCount == 0) {
            Resource->OwnerEntry.OwnerThread = 0;
            Resource->Flag = (USHORT)(Resource->Flag & ~ResourceOwnedExclusive);
            UNDIS_ATOMIC_STORE_RELEASE(&Resource->ActiveEntries, 0U);
        }
    } else if (s != EXCLUSIVE && s != 0) {
        (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(&Resource->ActiveEntries, 1U);
    } else {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)Resource,
                           "ExReleaseResourceLite on a resource the caller does not hold");
    }
}

VOID FASTCALL
ExReleaseResourceLite(PERESOURCE Resource)
{
    ExReleaseResourceForThreadLite(Resource, ExGetCurrentResourceThread());
}

BOOLEAN NTAPI
ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource)
{
    return owned_by_caller(Resource);
}

ULONG NTAPI
ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
    ULONG s = UNDIS_ATOMIC_LOAD_ACQUIRE(&Resource->ActiveEntries);
    if (owned_by_caller(Resource)) {
        return (ULONG)Resource->OwnerEntry.OwnerCount;
    }
    return (s != 0 && s != EXCLUSIVE) ? 1U : 0U;
}

/* ---- EX_SPIN_LOCK ------------------------------------------------------------ */

static void
ex_take(PEX_SPIN_LOCK lock, int exclusive)
{
    unsigned spins = 0;
    for (;;) {
        LONG s = UNDIS_ATOMIC_LOAD_RELAXED(lock);
        if (exclusive && s == 0 && UNDIS_ATOMIC_CAS_ACQUIRE(lock, &s, -1)) {
            return;
        }
        if (!exclusive && s >= 0 && UNDIS_ATOMIC_CAS_ACQUIRE(lock, &s, s + 1)) {
            return;
        }
        if (++spins % 64 == 0) {
            undis__thread_yield();
        }
    }
}

static void
ex_give(PEX_SPIN_LOCK lock, int exclusive)
{
    LONG s = UNDIS_ATOMIC_LOAD_RELAXED(lock);
    if (exclusive ? s != -1 : s <= 0) {
        undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)lock,
                           "EX_SPIN_LOCK released in a mode it is not held in");
    }
    if (exclusive) {
        UNDIS_ATOMIC_STORE_RELEASE(lock, 0);
    } else {
        (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(lock, 1);
    }
}

KIRQL NTAPI
ExAcquireSpinLockExclusive(PEX_SPIN_LOCK SpinLock)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    ex_take(SpinLock, 1);
    return old;
}

KIRQL NTAPI
ExAcquireSpinLockShared(PEX_SPIN_LOCK SpinLock)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    ex_take(SpinLock, 0);
    return old;
}

VOID NTAPI
ExReleaseSpinLockExclusive(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql)
{
    ex_give(SpinLock, 1);
    KeLowerIrql(OldIrql);
}

VOID NTAPI
ExReleaseSpinLockShared(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql)
{
    ex_give(SpinLock, 0);
    KeLowerIrql(OldIrql);
}

VOID NTAPI
ExAcquireSpinLockExclusiveAtDpcLevel(PEX_SPIN_LOCK SpinLock)
{
    ex_take(SpinLock, 1);
}

VOID NTAPI
ExAcquireSpinLockSharedAtDpcLevel(PEX_SPIN_LOCK SpinLock)
{
    ex_take(SpinLock, 0);
}

VOID NTAPI
ExReleaseSpinLockExclusiveFromDpcLevel(PEX_SPIN_LOCK SpinLock)
{
    ex_give(SpinLock, 1);
}

VOID NTAPI
ExReleaseSpinLockSharedFromDpcLevel(PEX_SPIN_LOCK SpinLock)
{
    ex_give(SpinLock, 0);
}

LOGICAL NTAPI
ExTryConvertSharedSpinLockExclusive(PEX_SPIN_LOCK SpinLock)
{
    LONG s = 1;
    return UNDIS_ATOMIC_CAS_ACQUIRE(SpinLock, &s, -1) ? TRUE : FALSE;
}

/* ---- the rest ------------------------------------------------------------------ */

HANDLE NTAPI
PsGetCurrentProcessId(VOID)
{
    return (HANDLE)(ULONG_PTR)undis__process_id();
}

static GENERIC_MAPPING g_file_mapping = { FILE_GENERIC_READ, FILE_GENERIC_WRITE,
                                          FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS };

PGENERIC_MAPPING NTAPI
IoGetFileObjectGenericMapping(VOID)
{
    return &g_file_mapping;
}

NTSTATUS NTAPI
MmIsVerifierEnabled(PULONG VerifierFlags)
{
    *VerifierFlags = 0;
    return STATUS_NOT_SUPPORTED;
}

VOID NTAPI
ExInitializeDriverRuntime(ULONG RuntimeFlags)
{
    UNREFERENCED_PARAMETER(RuntimeFlags);
}
