/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/irql.h>: IRQL and spin locks (wdm.h and ndis.h in the WDK).
 *
 * User-mode model: each thread is a processor and has its own IRQL, which
 * starts at PASSIVE_LEVEL. Raising to DISPATCH_LEVEL does not stop the
 * scheduler; it records the level so that the runtime can check the IRQL
 * rules a driver must follow. A spin lock is a real lock (threads spin, then
 * yield) that raises the acquiring thread to DISPATCH_LEVEL.
 *
 * Checked always, reported through <undis/report.h> with the bug check
 * Windows raises:
 *   raising to a lower IRQL            IRQL_NOT_GREATER_OR_EQUAL (0x09)
 *   lowering to a higher IRQL          IRQL_NOT_LESS_OR_EQUAL (0x0A)
 *   an ...AtDpcLevel call below DISPATCH_LEVEL   IRQL_NOT_GREATER_OR_EQUAL
 *   acquiring a spin lock this thread holds      SPIN_LOCK_ALREADY_OWNED (0x0F)
 *   releasing one it does not hold               SPIN_LOCK_NOT_OWNED (0x10)
 * (the last two deadlock or corrupt on Windows; here they are named).
 */
#ifndef UNDIS_NDIS_IRQL_H
#define UNDIS_NDIS_IRQL_H

#include "types.h"

UNDIS_EXTERN_C_BEGIN

#ifndef CLOCK_LEVEL
#    define CLOCK_LEVEL   13
#    define IPI_LEVEL     14
#    define DRS_LEVEL     14
#    define POWER_LEVEL   14
#    define PROFILE_LEVEL 15
#endif
#define DPC_LEVEL DISPATCH_LEVEL
/* The dispatcher's level: x64's value, as the levels above are x64's. */
#ifndef SYNCH_LEVEL
#    define SYNCH_LEVEL 12
#endif

/* ---- IRQL ---------------------------------------------------------------- */

/** The calling thread's IRQL. Any IRQL. */
KIRQL NTAPI KeGetCurrentIrql(VOID);
/** Raise to NewIrql (>= current) and return the previous IRQL. */
KIRQL NTAPI KfRaiseIrql(_In_ KIRQL NewIrql);
/** Lower to NewIrql (<= current). */
VOID NTAPI KeLowerIrql(_In_ KIRQL NewIrql);
/** Raise to DISPATCH_LEVEL and return the previous IRQL. */
KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID);
/** Raise to SYNCH_LEVEL (the level of the dispatcher's own locks) and return
 * the previous IRQL; the current IRQL must not be above it. */
KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID);

#define KeRaiseIrql(a, b) (*(b) = KfRaiseIrql(a))

/* Critical regions and APC state do not exist in user mode: no-ops. */
#define KeEnterCriticalRegion() ((void)0)
#define KeLeaveCriticalRegion() ((void)0)
#define KeEnterGuardedRegion()  ((void)0)
#define KeLeaveGuardedRegion()  ((void)0)
#define KeAreApcsDisabled()     ((BOOLEAN)(KeGetCurrentIrql() >= APC_LEVEL))
#define KeAreAllApcsDisabled()  ((BOOLEAN)(KeGetCurrentIrql() >= APC_LEVEL))

/* ---- KSPIN_LOCK ---------------------------------------------------------- */

/* A KSPIN_LOCK is 0 when free; when held it names the holding thread. */
#define KeInitializeSpinLock(SpinLock) ((void)(*(SpinLock) = 0))

_IRQL_requires_max_(DISPATCH_LEVEL) KIRQL NTAPI
    KeAcquireSpinLockRaiseToDpc(_Inout_ PKSPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL) VOID NTAPI
    KeReleaseSpinLock(_Inout_ PKSPIN_LOCK SpinLock, _In_ KIRQL NewIrql);
_IRQL_requires_min_(DISPATCH_LEVEL) VOID NTAPI
    KeAcquireSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
_IRQL_requires_min_(DISPATCH_LEVEL) VOID NTAPI
    KeReleaseSpinLockFromDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
/** TRUE and the lock held, or FALSE at once if another thread holds it. */
_IRQL_requires_min_(DISPATCH_LEVEL) BOOLEAN FASTCALL
    KeTryToAcquireSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
/** TRUE when the lock is free (a snapshot). */
BOOLEAN FASTCALL KeTestSpinLock(_In_ PKSPIN_LOCK SpinLock);

#define KeAcquireSpinLock(SpinLock, OldIrql) (*(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock))

/* In-stack queued spin locks: the same lock, the old IRQL kept in the handle. */
typedef struct _KSPIN_LOCK_QUEUE {
    struct _KSPIN_LOCK_QUEUE *volatile Next;
    PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;

typedef struct _KLOCK_QUEUE_HANDLE {
    KSPIN_LOCK_QUEUE LockQueue;
    KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

VOID FASTCALL KeAcquireInStackQueuedSpinLock(_Inout_ PKSPIN_LOCK SpinLock,
                                             _Out_ PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeReleaseInStackQueuedSpinLock(_In_ PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeAcquireInStackQueuedSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock,
                                                       _Out_ PKLOCK_QUEUE_HANDLE LockHandle);
VOID FASTCALL KeReleaseInStackQueuedSpinLockFromDpcLevel(_In_ PKLOCK_QUEUE_HANDLE LockHandle);

/* ---- NDIS_SPIN_LOCK ------------------------------------------------------ */

typedef struct _NDIS_SPIN_LOCK {
    KSPIN_LOCK SpinLock;
    KIRQL OldIrql;
} NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;

/** NdisAllocateSpinLock - initialise (nothing is allocated; cannot fail). */
VOID NdisAllocateSpinLock(_Out_ PNDIS_SPIN_LOCK SpinLock);
/** NdisFreeSpinLock - the lock must not be held (SPIN_LOCK_ALREADY_OWNED otherwise). */
VOID NdisFreeSpinLock(_In_ PNDIS_SPIN_LOCK SpinLock);
/** Acquire, raising to DISPATCH_LEVEL; the old IRQL is kept in the lock. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisAcquireSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
VOID NdisReleaseSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
/** The Dpr forms: the caller is at DISPATCH_LEVEL already. */
_IRQL_requires_(DISPATCH_LEVEL) VOID NdisDprAcquireSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL) VOID NdisDprReleaseSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);

/* NDIS 6.50 forms that take the lock and the IRQL. */
#define NDIS_ACQUIRE_LOCK(_SpinLock, _Dispatch) \
    do {                                        \
        if (_Dispatch) {                        \
            NdisDprAcquireSpinLock(_SpinLock);  \
        } else {                                \
            NdisAcquireSpinLock(_SpinLock);     \
        }                                       \
    } while (0)
#define NDIS_RELEASE_LOCK(_SpinLock, _Dispatch) \
    do {                                        \
        if (_Dispatch) {                        \
            NdisDprReleaseSpinLock(_SpinLock);  \
        } else {                                \
            NdisReleaseSpinLock(_SpinLock);     \
        }                                       \
    } while (0)

#define NDIS_CURRENT_IRQL()                  KeGetCurrentIrql()
#define NDIS_RAISE_IRQL_TO_DISPATCH(_pIrql_) KeRaiseIrql(DISPATCH_LEVEL, _pIrql_)
#define NDIS_LOWER_IRQL(_OldIrql_, _CurIrql_) \
    do {                                      \
        if ((_OldIrql_) != (_CurIrql_)) {     \
            KeLowerIrql(_OldIrql_);           \
        }                                     \
    } while (0)

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_IRQL_H */
