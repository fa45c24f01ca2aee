/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/kernel.h>: time, processors, events, NDIS reader/writer locks,
 * sleeping and PAGED_CODE (wdm.h and ndis.h in the WDK).
 *
 * Processors: each thread is a processor (<ndis/irql.h>). The count is the
 * machine's online CPUs unless undis_rt_set_processor_count() says
 * otherwise; a thread's processor number is fixed the first time it asks.
 * Times use the Windows units: system time in 100 ns since 1601-01-01 UTC,
 * interrupt time and the performance counter (10 MHz) from a monotonic clock.
 */
#ifndef UNDIS_NDIS_KERNEL_H
#define UNDIS_NDIS_KERNEL_H

#include "types.h"
#include "irql.h"
#include "debug.h"

UNDIS_EXTERN_C_BEGIN

/* ---- time ----------------------------------------------------------------- */

VOID NTAPI KeQuerySystemTime(_Out_ PLARGE_INTEGER CurrentTime);
VOID NTAPI KeQuerySystemTimePrecise(_Out_ PLARGE_INTEGER CurrentTime);
/** Ticks since start (one tick = KeQueryTimeIncrement() x 100 ns). */
VOID NTAPI KeQueryTickCount(_Out_ PLARGE_INTEGER CurrentCount);
ULONG NTAPI KeQueryTimeIncrement(VOID);
ULONGLONG NTAPI KeQueryInterruptTime(VOID);
ULONGLONG NTAPI KeQueryInterruptTimePrecise(_Out_ PULONG64 QpcTimeStamp);
/** Monotonic counter; *PerformanceFrequency (if given) is 10,000,000. */
LARGE_INTEGER NTAPI KeQueryPerformanceCounter(_Out_opt_ PLARGE_INTEGER PerformanceFrequency);
VOID NTAPI KeStallExecutionProcessor(_In_ ULONG MicroSeconds);

/** KeQuerySystemTime: *pSystemTime = system time (100 ns since 1601-01-01 UTC). Any IRQL. */
VOID NdisGetCurrentSystemTime(_Out_ PLARGE_INTEGER pSystemTime);
/** Milliseconds since start. */
VOID NdisGetSystemUpTimeEx(_Out_ PLARGE_INTEGER pSystemUpTime);
#define NdisStallExecution(_MicroSecondsToStall) KeStallExecutionProcessor(_MicroSecondsToStall)
/** Sleep at PASSIVE_LEVEL (checked: a call above it is reported). */
_IRQL_requires_(PASSIVE_LEVEL) VOID NdisMSleep(_In_ ULONG MicrosecondsToSleep);

typedef enum _KWAIT_REASON { Executive = 0, UserRequest = 6, WrQueue = 15 } KWAIT_REASON;

/** Relative (negative, 100 ns) or absolute (positive) interval; STATUS_SUCCESS. */
_IRQL_requires_max_(APC_LEVEL) NTSTATUS NTAPI KeDelayExecutionThread(_In_ KPROCESSOR_MODE WaitMode,
                                                                     _In_ BOOLEAN Alertable,
                                                                     _In_ PLARGE_INTEGER Interval);

/* ---- processors ----------------------------------------------------------- */

#ifndef ALL_PROCESSOR_GROUPS
#    define ALL_PROCESSOR_GROUPS 0xffff
#endif
#ifndef MAXIMUM_PROC_PER_GROUP
#    define MAXIMUM_PROC_PER_GROUP 64
#endif

ULONG NTAPI KeQueryActiveProcessorCount(_Out_opt_ PKAFFINITY ActiveProcessors);
ULONG NTAPI KeQueryActiveProcessorCountEx(_In_ USHORT GroupNumber);
ULONG NTAPI KeQueryMaximumProcessorCount(VOID);
ULONG NTAPI KeQueryMaximumProcessorCountEx(_In_ USHORT GroupNumber);
USHORT NTAPI KeQueryActiveGroupCount(VOID);
USHORT NTAPI KeQueryMaximumGroupCount(VOID);
/** The calling thread's processor index; ProcNumber (if given) gets group 0. */
ULONG NTAPI KeGetCurrentProcessorNumberEx(_Out_opt_ PPROCESSOR_NUMBER ProcNumber);
#define KeGetCurrentProcessorNumber() KeGetCurrentProcessorNumberEx((PPROCESSOR_NUMBER)NULL)
#define KeGetCurrentProcessorIndex()  KeGetCurrentProcessorNumberEx((PPROCESSOR_NUMBER)NULL)
ULONG NTAPI KeGetProcessorIndexFromNumber(_In_ PPROCESSOR_NUMBER ProcNumber);
NTSTATUS NTAPI KeGetProcessorNumberFromIndex(_In_ ULONG ProcIndex,
                                             _Out_ PPROCESSOR_NUMBER ProcNumber);

CCHAR NdisSystemProcessorCount(VOID);
#define NdisGroupMaxProcessorCount(Group)     KeQueryMaximumProcessorCountEx(Group)
#define NdisGroupActiveProcessorCount(Group)  KeQueryActiveProcessorCountEx(Group)
#define NdisCurrentProcessorIndex()           KeGetCurrentProcessorNumberEx((PPROCESSOR_NUMBER)NULL)
#define NdisCurrentGroupAndProcessor(ProcNum) KeGetCurrentProcessorNumberEx(ProcNum)
#define NdisMaxProcessorCount()               KeQueryMaximumProcessorCountEx(ALL_PROCESSOR_GROUPS)

/* ---- PAGED_CODE ----------------------------------------------------------- */

/* As in the WDK, checked only when DBG is non-zero: pageable code called
 * above APC_LEVEL is reported (rule PAGED_CODE). */
#if defined(DBG) && DBG
#    define PAGED_CODE()                                                                           \
        do {                                                                                       \
            if (KeGetCurrentIrql() > APC_LEVEL) {                                                  \
                undis_rt_assert_failed("PAGED_CODE", "KeGetCurrentIrql() <= APC_LEVEL",            \
                                       "pageable code called above APC_LEVEL", __FILE__, __LINE__, \
                                       __func__);                                                  \
            }                                                                                      \
        } while (0)
#else
#    define PAGED_CODE() ((void)0)
#endif
#define PAGED_CODE_LOCKED() ((void)0)
#define NON_PAGED_CODE()    ((void)0)

/* ---- events ------------------------------------------------------------- */

typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;

typedef struct _DISPATCHER_HEADER {
    UCHAR Type;
    UCHAR Signalling;
    UCHAR Size;
    UCHAR Reserved1;
    volatile LONG SignalState;
    LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER;

/* KEVENT: a notification event stays signalled until reset; a
 * synchronization event releases one waiter and resets itself. */
typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

#define EVENT_INCREMENT      1
#define IO_NO_INCREMENT      0
#define IO_NETWORK_INCREMENT 2

VOID NTAPI KeInitializeEvent(_Out_ PRKEVENT Event, _In_ EVENT_TYPE Type, _In_ BOOLEAN State);
/** Signal; returns the previous state. Wait must be FALSE. */
LONG NTAPI KeSetEvent(_Inout_ PRKEVENT Event, _In_ KPRIORITY Increment, _In_ BOOLEAN Wait);
/** Reset; returns the previous state. */
LONG NTAPI KeResetEvent(_Inout_ PRKEVENT Event);
VOID NTAPI KeClearEvent(_Inout_ PRKEVENT Event);
LONG NTAPI KeReadStateEvent(_In_ PRKEVENT Event);
/**
 * Wait for a KEVENT (the only dispatcher object here). Timeout NULL: forever;
 * negative: relative, 100 ns units; 0: poll; positive: absolute system time.
 * @return STATUS_SUCCESS when signalled, STATUS_TIMEOUT otherwise.
 * IRQL: <= APC_LEVEL, or DISPATCH_LEVEL with a zero timeout (checked).
 */
NTSTATUS NTAPI KeWaitForSingleObject(_In_ PVOID Object,
                                     _In_ KWAIT_REASON WaitReason,
                                     _In_ KPROCESSOR_MODE WaitMode,
                                     _In_ BOOLEAN Alertable,
                                     _In_opt_ PLARGE_INTEGER Timeout);

typedef struct _NDIS_EVENT {
    KEVENT Event;
} NDIS_EVENT, *PNDIS_EVENT;

/** A notification event, not signalled. */
VOID NdisInitializeEvent(_Out_ PNDIS_EVENT Event);
VOID NdisSetEvent(_Inout_ PNDIS_EVENT Event);
VOID NdisResetEvent(_Inout_ PNDIS_EVENT Event);
/** Wait up to MsToWait ms (0: forever); TRUE when signalled. PASSIVE_LEVEL. */
BOOLEAN NdisWaitEvent(_In_ PNDIS_EVENT Event, _In_ UINT MsToWait);

/* ---- NDIS reader/writer locks --------------------------------------------- */

/* Legacy NDIS_RW_LOCK: readers share, a writer excludes all; acquiring raises
 * to DISPATCH_LEVEL and the old IRQL is kept in the LOCK_STATE. A thread may
 * take a read lock it already holds for reading. */
typedef struct _LOCK_STATE {
    USHORT LockState;
    KIRQL OldIrql;
} LOCK_STATE, *PLOCK_STATE;

typedef struct _NDIS_RW_LOCK {
    volatile LONG State; /* -1: a writer; n > 0: n readers */
    ULONG Reserved0;
    KSPIN_LOCK Reserved1;
    PVOID Reserved[14];
} NDIS_RW_LOCK, *PNDIS_RW_LOCK;

VOID NdisInitializeReadWriteLock(_Out_ PNDIS_RW_LOCK Lock);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisAcquireReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock,
                                                                  _In_ BOOLEAN fWrite,
                                                                  _Out_ PLOCK_STATE LockState);
VOID NdisReleaseReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ PLOCK_STATE LockState);
#define NdisDprAcquireReadWriteLock(_Lock, _fWrite, _pLockState) \
    NdisAcquireReadWriteLock(_Lock, _fWrite, _pLockState)
#define NdisDprReleaseReadWriteLock(_Lock, _pLockState) NdisReleaseReadWriteLock(_Lock, _pLockState)

/* NDIS_RW_LOCK_EX (NDIS 6.20): allocated by NdisAllocateRWLock. */
typedef struct _NDIS_RW_LOCK_EX NDIS_RW_LOCK_EX, *PNDIS_RW_LOCK_EX;

typedef struct _LOCK_STATE_EX {
    KIRQL OldIrql;
    UCHAR LockState;
    UCHAR Flags;
} LOCK_STATE_EX, *PLOCK_STATE_EX;

#define NDIS_RWL_AT_DISPATCH_LEVEL 1

/** NULL when memory runs out. NdisHandle is not used. */
_IRQL_requires_max_(DISPATCH_LEVEL) PNDIS_RW_LOCK_EX
    NdisAllocateRWLock(_In_ NDIS_HANDLE NdisHandle);
/** The lock must not be held. */
VOID NdisFreeRWLock(_In_ PNDIS_RW_LOCK_EX Lock);
/** Flags NDIS_RWL_AT_DISPATCH_LEVEL: the caller is at DISPATCH_LEVEL (checked)
 *  and the IRQL is not changed; otherwise raise to DISPATCH_LEVEL. */
VOID NdisAcquireRWLockRead(_Inout_ PNDIS_RW_LOCK_EX Lock,
                           _Out_ PLOCK_STATE_EX LockState,
                           _In_ UCHAR Flags);
VOID NdisAcquireRWLockWrite(_Inout_ PNDIS_RW_LOCK_EX Lock,
                            _Out_ PLOCK_STATE_EX LockState,
                            _In_ UCHAR Flags);
VOID NdisReleaseRWLock(_Inout_ PNDIS_RW_LOCK_EX Lock, _In_ PLOCK_STATE_EX LockState);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_KERNEL_H */
