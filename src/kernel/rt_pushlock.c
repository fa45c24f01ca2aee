/* SPDX-License-Identifier: MIT */
/*
 * rt_pushlock.c: push locks and run-down protection (<ndis/exsync.h>), each
 * in its own pointer-sized word as in Windows, so no allocation is needed.
 *
 * A push lock's word holds the number of shared holders times two, plus 1
 * while an exclusive holder has it. Acquire spins a little on a compare and
 * exchange, then yields the thread between tries: user mode has no
 * dispatcher to block on, and push-lock hold times are short.
 *
 * A run-down reference's word holds the number of acquisitions times two,
 * plus 1 once a wait for run-down has begun (acquisitions then fail). The
 * wait yields until only that bit is left; the reference stays run down
 * until it is re-initialized. The cache-aware form is one such word in
 * pool memory (no per-processor counters: user mode has no processors to
 * spread them over).
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#define SPINS_BEFORE_YIELD 64

static void
backoff(unsigned *spins)
{
    if (++*spins >= SPINS_BEFORE_YIELD) {
        undis__thread_yield();
        *spins = 0;
    }
}

/* ---- push locks ------------------------------------------------------------ */

VOID
ExInitializePushLock(PEX_PUSH_LOCK PushLock)
{
    UNDIS_ATOMIC_STORE_RELEASE(PushLock, (ULONG_PTR)0);
}

VOID FASTCALL
ExAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    unsigned spins = 0;
    ULONG_PTR expected = 0;
    UNREFERENCED_PARAMETER(Flags);
    while (!UNDIS_ATOMIC_CAS_ACQUIRE(PushLock, &expected, (ULONG_PTR)1)) {
        expected = 0;
        backoff(&spins);
    }
}

VOID FASTCALL
ExAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    unsigned spins = 0;
    UNREFERENCED_PARAMETER(Flags);
    for (;;) {
        ULONG_PTR seen = UNDIS_ATOMIC_LOAD_RELAXED(PushLock);
        if ((seen & 1u) == 0 && UNDIS_ATOMIC_CAS_ACQUIRE(PushLock, &seen, seen + 2u)) {
            return;
        }
        backoff(&spins);
    }
}

VOID FASTCALL
ExReleasePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Flags);
    UNDIS_ATOMIC_STORE_RELEASE(PushLock, (ULONG_PTR)0);
}

VOID FASTCALL
ExReleasePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Flags);
    (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(PushLock, (ULONG_PTR)2);
}

/* ---- run-down protection ---------------------------------------------------- */

#define RUNDOWN_ACTIVE ((ULONG_PTR)1)

VOID NTAPI
ExInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    UNDIS_ATOMIC_STORE_RELEASE(&RunRef->Count, (ULONG_PTR)0);
}

VOID NTAPI
ExReInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    UNDIS_ATOMIC_STORE_RELEASE(&RunRef->Count, (ULONG_PTR)0);
}

BOOLEAN FASTCALL
ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
    ULONG_PTR seen = UNDIS_ATOMIC_LOAD_RELAXED(&RunRef->Count);
    for (;;) {
        if ((seen & RUNDOWN_ACTIVE) != 0) {
            return FALSE;
        }
        if (UNDIS_ATOMIC_CAS_ACQUIRE(&RunRef->Count, &seen, seen + 2u * (ULONG_PTR)Count)) {
            return TRUE;
        }
    }
}

BOOLEAN FASTCALL
ExAcquireRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    return ExAcquireRundownProtectionEx(RunRef, 1);
}

VOID FASTCALL
ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
    (void)UNDIS_ATOMIC_FETCH_SUB_RELEASE(&RunRef->Count, 2u * (ULONG_PTR)Count);
}

VOID FASTCALL
ExReleaseRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    ExReleaseRundownProtectionEx(RunRef, 1);
}

VOID FASTCALL
ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF RunRef)
{
    unsigned spins = 0;
    ULONG_PTR seen = UNDIS_ATOMIC_LOAD_RELAXED(&RunRef->Count);
    while ((seen & RUNDOWN_ACTIVE) == 0 &&
           !UNDIS_ATOMIC_CAS_ACQUIRE(&RunRef->Count, &seen, seen | RUNDOWN_ACTIVE)) {
    }
    while (UNDIS_ATOMIC_LOAD_ACQUIRE(&RunRef->Count) != RUNDOWN_ACTIVE) {
        backoff(&spins);
    }
}

VOID FASTCALL
ExRundownCompleted(PEX_RUNDOWN_REF RunRef)
{
    UNDIS_ATOMIC_STORE_RELEASE(&RunRef->Count, RUNDOWN_ACTIVE);
}

/* ---- the cache-aware form: one reference in pool memory --------------------- */

struct _EX_RUNDOWN_REF_CACHE_AWARE {
    EX_RUNDOWN_REF ref;
};

PEX_RUNDOWN_REF_CACHE_AWARE NTAPI
ExAllocateCacheAwareRundownProtection(POOL_TYPE PoolType, ULONG PoolTag)
{
    PEX_RUNDOWN_REF_CACHE_AWARE r = (PEX_RUNDOWN_REF_CACHE_AWARE)ExAllocatePoolZero(
        PoolType, sizeof(struct _EX_RUNDOWN_REF_CACHE_AWARE), PoolTag);
    if (r != NULL) {
        ExInitializeRundownProtection(&r->ref);
    }
    return r;
}

SIZE_T NTAPI
ExSizeOfRundownProtectionCacheAware(VOID)
{
    return sizeof(struct _EX_RUNDOWN_REF_CACHE_AWARE);
}

VOID NTAPI
ExInitializeRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware,
                                        SIZE_T RunRefSize)
{
    UNREFERENCED_PARAMETER(RunRefSize);
    ExInitializeRundownProtection(&RunRefCacheAware->ref);
}

VOID NTAPI
ExFreeCacheAwareRundownProtection(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExFreePool(RunRefCacheAware);
}

BOOLEAN FASTCALL
ExAcquireRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    return ExAcquireRundownProtectionEx(&RunRefCacheAware->ref, 1);
}

VOID FASTCALL
ExReleaseRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExReleaseRundownProtectionEx(&RunRefCacheAware->ref, 1);
}

BOOLEAN FASTCALL
ExAcquireRundownProtectionCacheAwareEx(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, ULONG Count)
{
    return ExAcquireRundownProtectionEx(&RunRefCacheAware->ref, Count);
}

VOID FASTCALL
ExReleaseRundownProtectionCacheAwareEx(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, ULONG Count)
{
    ExReleaseRundownProtectionEx(&RunRefCacheAware->ref, Count);
}

VOID FASTCALL
ExWaitForRundownProtectionReleaseCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRef)
{
    ExWaitForRundownProtectionRelease(&RunRef->ref);
}

VOID FASTCALL
ExReInitializeRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExReInitializeRundownProtection(&RunRefCacheAware->ref);
}

VOID FASTCALL
ExRundownCompletedCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExRundownCompleted(&RunRefCacheAware->ref);
}

/* ---- small real ones -------------------------------------------------------- */

LOGICAL NTAPI
KeShouldYieldProcessor(VOID)
{
    return FALSE;
}

PVOID NTAPI
ExAllocatePoolPriorityZero(POOL_TYPE PoolType,
                           SIZE_T NumberOfBytes,
                           ULONG Tag,
                           EX_POOL_PRIORITY Priority)
{
    UNREFERENCED_PARAMETER(Priority);
    return ExAllocatePoolZero(PoolType, NumberOfBytes, Tag);
}
