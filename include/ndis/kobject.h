/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/kobject.h>: the kernel objects of wdm.h/ntddk.h/ntifs.h that a
 * driver managing its own device interface uses (issue 12, helper compat-a;
 * WireGuard wintun): executive resources (ERESOURCE, Ex*ResourceLite),
 * executive spin locks (EX_SPIN_LOCK, ExAcquireSpinLock{Exclusive,Shared}),
 * threads and processes (KeGetCurrentThread, PsCreateSystemThread,
 * KeWaitForMultipleObjects, process attach), object handles
 * (ObReferenceObjectByHandle), security checks (SeAccessCheck), the access
 * rights, the PnP minor IRP codes and, in C, the try/except spellings of
 * <excpt.h>. Names, values and layouts are the WDK's.
 *
 * Real (src/kernel/rt_resource.c): ERESOURCE is a reader/writer lock with
 * recursive exclusive ownership, EX_SPIN_LOCK a reader/writer spin lock,
 * KeGetCurrentThread/PsGetCurrentProcessId identify the caller,
 * system threads, their handles and references and KeWaitForMultipleObjects
 * work (src/kernel/rt_thread.c, rt_wait.c),
 * IoGetFileObjectGenericMapping gives the file mapping, MmIsVerifierEnabled
 * answers that Driver Verifier is off, ExInitializeDriverRuntime has nothing
 * to change (user-mode pools are never executable). The rest need objects
 * undis has no manager for and fail as documented, naming themselves once
 * (src/kernel/unsupported_kobject.c, docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_KOBJECT_H
#define UNDIS_NDIS_KOBJECT_H

#include "compiler.h"
#include "types.h"
#include "ntstatus.h"
#include "irql.h"
#include "kernel.h"
#include "mdl.h"
#include "registry.h"
#include "wdmio.h"
#include "undis_assert.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- structured exception handling spellings (<excpt.h>, C only) ---------- */

#if !defined(__cplusplus) && !defined(try)
#    define try     __try
#    define except  __except
#    define finally __finally
#    define leave   __leave
#endif
#ifndef EXCEPTION_CONTINUE_SEARCH
#    define EXCEPTION_CONTINUE_SEARCH    0
#    define EXCEPTION_CONTINUE_EXECUTION (-1)
#endif

#ifndef STATUS_ALREADY_INITIALIZED
#    define STATUS_ALREADY_INITIALIZED ((NTSTATUS)0xC0000510L)
#endif

/* ---- access rights and security (winnt.h on Windows builds) ---------------- */

#if !UNDIS_HAVE_WINNT
/* Each only if nothing defined it before (another part may give the same
 * rights, spelled alike). */
#    ifndef WRITE_DAC
#        define WRITE_DAC 0x00040000U
#    endif
#    ifndef WRITE_OWNER
#        define WRITE_OWNER 0x00080000U
#    endif
#    ifndef STANDARD_RIGHTS_REQUIRED
#        define STANDARD_RIGHTS_REQUIRED 0x000F0000U
#    endif
#    ifndef STANDARD_RIGHTS_EXECUTE
#        define STANDARD_RIGHTS_EXECUTE READ_CONTROL
#    endif
#    ifndef GENERIC_READ
#        define GENERIC_READ 0x80000000U
#    endif
#    ifndef GENERIC_WRITE
#        define GENERIC_WRITE 0x40000000U
#    endif
#    ifndef GENERIC_EXECUTE
#        define GENERIC_EXECUTE 0x20000000U
#    endif
#    ifndef GENERIC_ALL
#        define GENERIC_ALL 0x10000000U
#    endif
#    ifndef MAXIMUM_ALLOWED
#        define MAXIMUM_ALLOWED 0x02000000U
#    endif
#    ifndef FILE_READ_DATA
#        define FILE_READ_DATA 0x0001
#    endif
#    ifndef FILE_LIST_DIRECTORY
#        define FILE_LIST_DIRECTORY 0x0001
#    endif
#    ifndef FILE_WRITE_DATA
#        define FILE_WRITE_DATA 0x0002
#    endif
#    ifndef FILE_ADD_FILE
#        define FILE_ADD_FILE 0x0002
#    endif
#    ifndef FILE_APPEND_DATA
#        define FILE_APPEND_DATA 0x0004
#    endif
#    ifndef FILE_READ_EA
#        define FILE_READ_EA 0x0008
#    endif
#    ifndef FILE_WRITE_EA
#        define FILE_WRITE_EA 0x0010
#    endif
#    ifndef FILE_EXECUTE
#        define FILE_EXECUTE 0x0020
#    endif
#    ifndef FILE_TRAVERSE
#        define FILE_TRAVERSE 0x0020
#    endif
#    ifndef FILE_READ_ATTRIBUTES
#        define FILE_READ_ATTRIBUTES 0x0080
#    endif
#    ifndef FILE_WRITE_ATTRIBUTES
#        define FILE_WRITE_ATTRIBUTES 0x0100
#    endif
#    ifndef FILE_ALL_ACCESS
#        define FILE_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)
#    endif
#    ifndef FILE_GENERIC_READ
#        define FILE_GENERIC_READ                                                          \
            (STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | \
             SYNCHRONIZE)
#    endif
#    ifndef FILE_GENERIC_WRITE
#        define FILE_GENERIC_WRITE                                                             \
            (STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | \
             FILE_APPEND_DATA | SYNCHRONIZE)
#    endif
#    ifndef FILE_GENERIC_EXECUTE
#        define FILE_GENERIC_EXECUTE \
            (STANDARD_RIGHTS_EXECUTE | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE)
#    endif
#    ifndef EVENT_QUERY_STATE
#        define EVENT_QUERY_STATE 0x0001
#    endif
#    ifndef EVENT_MODIFY_STATE
#        define EVENT_MODIFY_STATE 0x0002
#    endif
#    ifndef EVENT_ALL_ACCESS
#        define EVENT_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)
#    endif
#    ifndef THREAD_ALL_ACCESS
#        define THREAD_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)
#    endif
#    ifndef PROCESS_ALL_ACCESS
#        define PROCESS_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)
#    endif

typedef struct _GENERIC_MAPPING {
    ACCESS_MASK GenericRead;
    ACCESS_MASK GenericWrite;
    ACCESS_MASK GenericExecute;
    ACCESS_MASK GenericAll;
} GENERIC_MAPPING, *PGENERIC_MAPPING;

typedef PVOID PSID;
typedef struct _ACL {
    UCHAR AclRevision;
    UCHAR Sbz1;
    USHORT AclSize;
    USHORT AceCount;
    USHORT Sbz2;
} ACL, *PACL;
typedef USHORT SECURITY_DESCRIPTOR_CONTROL, *PSECURITY_DESCRIPTOR_CONTROL;
typedef struct _SECURITY_DESCRIPTOR {
    UCHAR Revision;
    UCHAR Sbz1;
    SECURITY_DESCRIPTOR_CONTROL Control;
    PSID Owner;
    PSID Group;
    PACL Sacl;
    PACL Dacl;
} SECURITY_DESCRIPTOR, *PISECURITY_DESCRIPTOR;

typedef enum _SECURITY_IMPERSONATION_LEVEL {
    SecurityAnonymous,
    SecurityIdentification,
    SecurityImpersonation,
    SecurityDelegation
} SECURITY_IMPERSONATION_LEVEL,
    *PSECURITY_IMPERSONATION_LEVEL;

typedef struct _PRIVILEGE_SET *PPRIVILEGE_SET;
#endif /* !UNDIS_HAVE_WINNT */

typedef PVOID PACCESS_TOKEN;

typedef struct _SECURITY_SUBJECT_CONTEXT {
    PACCESS_TOKEN ClientToken;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
    PACCESS_TOKEN PrimaryToken;
    PVOID ProcessAuditId;
} SECURITY_SUBJECT_CONTEXT, *PSECURITY_SUBJECT_CONTEXT;

/* Fills *SubjectContext with the caller's security context. undis has no
 * tokens: the context is zeroed and the call reports itself once. */
VOID NTAPI SeCaptureSubjectContext(_Out_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
/* Releases what SeCaptureSubjectContext captured (nothing): reports once. */
VOID NTAPI SeReleaseSubjectContext(_Inout_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
/* Checks DesiredAccess against SecurityDescriptor. undis cannot evaluate a
 * descriptor: access is denied (FALSE, *GrantedAccess 0, *AccessStatus
 * STATUS_ACCESS_DENIED, *Privileges NULL), reported once. */
BOOLEAN NTAPI SeAccessCheck(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
                            _In_ PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
                            _In_ BOOLEAN SubjectContextLocked,
                            _In_ ACCESS_MASK DesiredAccess,
                            _In_ ACCESS_MASK PreviouslyGrantedAccess,
                            _Outptr_opt_ PPRIVILEGE_SET *Privileges,
                            _In_ PGENERIC_MAPPING GenericMapping,
                            _In_ KPROCESSOR_MODE AccessMode,
                            _Out_ PACCESS_MASK GrantedAccess,
                            _Out_ PNTSTATUS AccessStatus);
/* The generic-to-specific mapping of file objects (FILE_GENERIC_*). Real. */
PGENERIC_MAPPING NTAPI IoGetFileObjectGenericMapping(VOID);

/* ---- object handles ----------------------------------------------------------- */

typedef struct _OBJECT_TYPE *POBJECT_TYPE;
extern POBJECT_TYPE *ExEventObjectType;
extern POBJECT_TYPE *IoFileObjectType;
extern POBJECT_TYPE *PsThreadType;
extern POBJECT_TYPE *PsProcessType;

typedef struct _OBJECT_HANDLE_INFORMATION {
    ULONG HandleAttributes;
    ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

/* Gives the object a handle names, with a reference (ObDereferenceObject
 * drops it). Handles are those of PsCreateSystemThread (ObjectType
 * *PsThreadType or NULL): any other handle, or AccessMode UserMode,
 * STATUS_INVALID_HANDLE; another ObjectType STATUS_OBJECT_TYPE_MISMATCH;
 * *Object NULL on failure. PASSIVE_LEVEL. */
NTSTATUS NTAPI ObReferenceObjectByHandle(_In_ HANDLE Handle,
                                         _In_ ACCESS_MASK DesiredAccess,
                                         _In_opt_ POBJECT_TYPE ObjectType,
                                         _In_ KPROCESSOR_MODE AccessMode,
                                         _Out_ PVOID *Object,
                                         _Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);
/* Closes a handle PsCreateSystemThread gave; anything else (or PreviousMode
 * UserMode) STATUS_INVALID_HANDLE. PASSIVE_LEVEL. */
NTSTATUS NTAPI ObCloseHandle(_In_ HANDLE Handle, _In_ KPROCESSOR_MODE PreviousMode);

/* ---- threads, processes and waits --------------------------------------------- */

typedef struct _KPROCESS *PKPROCESS, *PRKPROCESS;
typedef struct _ETHREAD *PETHREAD;

typedef struct _CLIENT_ID {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef enum _WAIT_TYPE { WaitAll, WaitAny, WaitNotification, WaitDequeue, WaitDpc } WAIT_TYPE;
/* The storage KeWaitForMultipleObjects may use for each object (a driver
 * declares KWAIT_BLOCK blocks[Count] and passes them as WaitBlockArray):
 * the field layout of the WDK's wdm.h, 48 bytes on 64-bit, 24 on 32-bit.
 * The members are the kernel's; drivers never read them, and undis's wait
 * does not use them either. */
typedef struct _KWAIT_BLOCK {
    LIST_ENTRY WaitListEntry;
    UCHAR WaitType;
    volatile UCHAR BlockState;
    USHORT WaitKey;
#if UNDIS_PTR64
    LONG SpareLong;
#endif
    union {
        struct _KTHREAD *Thread;
        struct _KQUEUE *NotificationQueue;
        struct _KDPC *Dpc;
    };
    PVOID Object;
    PVOID SparePtr;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;
UNDIS_C_ASSERT(sizeof(KWAIT_BLOCK) == (UNDIS_PTR64 ? 48 : 24));
#define THREAD_WAIT_OBJECTS  3
#define MAXIMUM_WAIT_OBJECTS 64

#define LOW_PRIORITY          0
#define LOW_REALTIME_PRIORITY 16
#define HIGH_PRIORITY         31
#define MAXIMUM_PRIORITY      32

/* A pointer that identifies the calling thread (the user-mode thread
 * standing in for a kernel thread), stable for the thread's life: on a
 * system thread, its thread object. Real. */
PKTHREAD NTAPI KeGetCurrentThread(VOID);
#define PsGetCurrentThread() ((PETHREAD)KeGetCurrentThread())
/* The id of the process undis runs in. Real. */
HANDLE NTAPI PsGetCurrentProcessId(VOID);

/* Records Thread's priority (a system thread, or the caller's own
 * KeGetCurrentThread()) and returns the previous one (8 at first); the
 * platform thread's scheduling is unchanged. Priority 0..31. */
KPRIORITY NTAPI KeSetPriorityThread(_Inout_ PKTHREAD Thread, _In_ KPRIORITY Priority);
/* The priority KeSetPriorityThread last recorded for Thread (a live system
 * thread, or the caller's own KeGetCurrentThread()), 8 if none; any other
 * pointer is a bug check (DRIVER_VERIFIER_DETECTED_VIOLATION). Real.
 * IRQL <= DISPATCH_LEVEL. */
KPRIORITY NTAPI KeQueryPriorityThread(_In_ PKTHREAD Thread);
/* Waits on several dispatcher objects (events, mutexes, timers, system
 * threads): WaitAll STATUS_SUCCESS, WaitAny STATUS_WAIT_0 + index, or
 * STATUS_TIMEOUT. Count <= THREAD_WAIT_OBJECTS, or <= MAXIMUM_WAIT_OBJECTS
 * with a WaitBlockArray (else bug check MAXIMUM_WAIT_OBJECTS_EXCEEDED).
 * IRQL <= APC_LEVEL (DISPATCH_LEVEL with a zero timeout). */
NTSTATUS NTAPI KeWaitForMultipleObjects(_In_ ULONG Count,
                                        _In_reads_(Count) PVOID Object[],
                                        _In_ WAIT_TYPE WaitType,
                                        _In_ KWAIT_REASON WaitReason,
                                        _In_ KPROCESSOR_MODE WaitMode,
                                        _In_ BOOLEAN Alertable,
                                        _In_opt_ PLARGE_INTEGER Timeout,
                                        _Out_opt_ PKWAIT_BLOCK WaitBlockArray);
/* Starts StartRoutine(StartContext) on a new thread at PASSIVE_LEVEL;
 * *ThreadHandle a kernel handle (ZwClose). STATUS_INSUFFICIENT_RESOURCES
 * (*ThreadHandle NULL) when no thread could be made. PASSIVE_LEVEL. */
NTSTATUS NTAPI PsCreateSystemThread(_Out_ PHANDLE ThreadHandle,
                                    _In_ ULONG DesiredAccess,
                                    _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
                                    _In_opt_ HANDLE ProcessHandle,
                                    _Out_opt_ PCLIENT_ID ClientId,
                                    _In_ PKSTART_ROUTINE StartRoutine,
                                    _In_opt_ PVOID StartContext);
/* Ends the calling system thread (its object is signalled; does not
 * return). On any other thread: STATUS_INVALID_PARAMETER. PASSIVE_LEVEL. */
NTSTATUS NTAPI PsTerminateSystemThread(_In_ NTSTATUS ExitStatus);

/* Finds a process by id: undis knows none, STATUS_INVALID_PARAMETER,
 * *Process NULL, reported once. */
NTSTATUS NTAPI PsLookupProcessByProcessId(_In_ HANDLE ProcessId, _Outptr_ PEPROCESS *Process);
typedef VOID (*PCREATE_PROCESS_NOTIFY_ROUTINE)(_In_ HANDLE ParentId,
                                               _In_ HANDLE ProcessId,
                                               _In_ BOOLEAN Create);
/* Registers a process-creation callback: undis sees no processes,
 * STATUS_INVALID_PARAMETER, reported once. PASSIVE_LEVEL. */
NTSTATUS NTAPI PsSetCreateProcessNotifyRoutine(_In_ PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine,
                                               _In_ BOOLEAN Remove);

typedef struct _KAPC_STATE {
    LIST_ENTRY ApcListHead[MaximumMode];
    PKPROCESS Process;
    BOOLEAN KernelApcInProgress;
    BOOLEAN KernelApcPending;
    BOOLEAN UserApcPending;
} KAPC_STATE, *PKAPC_STATE, *PRKAPC_STATE;
/* Attaches to another process's address space: undis has one; reported
 * once, nothing changes (ApcState zeroed). */
VOID NTAPI KeStackAttachProcess(_Inout_ PRKPROCESS Process, _Out_ PRKAPC_STATE ApcState);
/* Undoes KeStackAttachProcess (which changed nothing): reported once. */
VOID NTAPI KeUnstackDetachProcess(_In_ PRKAPC_STATE ApcState);

typedef enum _LOCK_OPERATION { IoReadAccess, IoWriteAccess, IoModifyAccess } LOCK_OPERATION;

/* Locks the pages an MDL describes / unlocks them. User-mode buffers need no
 * locking; both report once and leave the MDL as it is. */
VOID NTAPI MmProbeAndLockPages(_Inout_ PMDL MemoryDescriptorList,
                               _In_ KPROCESSOR_MODE AccessMode,
                               _In_ LOCK_OPERATION Operation);
VOID NTAPI MmUnlockPages(_Inout_ PMDL MemoryDescriptorList);

/* STATUS_SUCCESS when Driver Verifier checks the caller: it never does
 * under undis (its own verifier is another thing), so STATUS_NOT_SUPPORTED
 * and *VerifierFlags 0. Real. */
NTSTATUS NTAPI MmIsVerifierEnabled(_Out_ PULONG VerifierFlags);

#define DrvRtPoolNxOptIn 0x00000001U
/* Opts the driver into non-executable pools: user-mode pools never are
 * executable, so there is nothing to change. Real; any flags. */
VOID NTAPI ExInitializeDriverRuntime(_In_ ULONG RuntimeFlags);

/* ---- PnP and power minor IRP codes --------------------------------------------- */

#ifndef IRP_MN_START_DEVICE
#    define IRP_MN_START_DEVICE                 0x00
#    define IRP_MN_QUERY_REMOVE_DEVICE          0x01
#    define IRP_MN_REMOVE_DEVICE                0x02
#    define IRP_MN_CANCEL_REMOVE_DEVICE         0x03
#    define IRP_MN_STOP_DEVICE                  0x04
#    define IRP_MN_QUERY_STOP_DEVICE            0x05
#    define IRP_MN_CANCEL_STOP_DEVICE           0x06
#    define IRP_MN_QUERY_DEVICE_RELATIONS       0x07
#    define IRP_MN_QUERY_INTERFACE              0x08
#    define IRP_MN_QUERY_CAPABILITIES           0x09
#    define IRP_MN_QUERY_RESOURCES              0x0A
#    define IRP_MN_QUERY_RESOURCE_REQUIREMENTS  0x0B
#    define IRP_MN_QUERY_DEVICE_TEXT            0x0C
#    define IRP_MN_FILTER_RESOURCE_REQUIREMENTS 0x0D
#    define IRP_MN_READ_CONFIG                  0x0F
#    define IRP_MN_WRITE_CONFIG                 0x10
#    define IRP_MN_EJECT                        0x11
#    define IRP_MN_SET_LOCK                     0x12
#    define IRP_MN_QUERY_ID                     0x13
#    define IRP_MN_QUERY_PNP_DEVICE_STATE       0x14
#    define IRP_MN_QUERY_BUS_INFORMATION        0x15
#    define IRP_MN_DEVICE_USAGE_NOTIFICATION    0x16
#    define IRP_MN_SURPRISE_REMOVAL             0x17
#    define IRP_MN_DEVICE_ENUMERATED            0x19
#endif
#ifndef IRP_MN_WAIT_WAKE
#    define IRP_MN_WAIT_WAKE      0x00
#    define IRP_MN_POWER_SEQUENCE 0x01
#    define IRP_MN_SET_POWER      0x02
#    define IRP_MN_QUERY_POWER    0x03
#endif

/* A LIST_ENTRY named x, defined empty (pointing at itself). */
#ifndef RTL_STATIC_LIST_HEAD
#    define RTL_STATIC_LIST_HEAD(x) LIST_ENTRY x = { &x, &x }
#endif

/* ---- executive resources (ERESOURCE) --------------------------------------------- */

typedef ULONG_PTR ERESOURCE_THREAD, *PERESOURCE_THREAD;

typedef struct _OWNER_ENTRY {
    ERESOURCE_THREAD OwnerThread;
    union {
        LONG OwnerCount;
        ULONG TableSize;
    };
} OWNER_ENTRY, *POWNER_ENTRY;

#define ResourceNeverExclusive       0x0010
#define ResourceReleaseByOtherThread 0x0020
#define ResourceOwnedExclusive       0x0080

/* The WDK's layout; undis keeps the lock in ActiveEntries (holders:
 * > 0 shared, -1 exclusive), the exclusive owner and its recursion count in
 * OwnerEntry, and ResourceOwnedExclusive in Flag, as Windows does. */
typedef struct _ERESOURCE {
    LIST_ENTRY SystemResourcesList;
    POWNER_ENTRY OwnerTable;
    SHORT ActiveCount;
    union {
        USHORT Flag;
        struct {
            UCHAR ReservedLowFlags;
            UCHAR WaiterPriority;
        };
    };
    PVOID SharedWaiters;
    PVOID ExclusiveWaiters;
    OWNER_ENTRY OwnerEntry;
    ULONG ActiveEntries;
    ULONG ContentionCount;
    ULONG NumberOfSharedWaiters;
    ULONG NumberOfExclusiveWaiters;
#if UNDIS_PTR64
    PVOID Reserved2;
#endif
    union {
        PVOID Address;
        ULONG_PTR CreatorBackTraceIndex;
    };
    KSPIN_LOCK SpinLock;
} ERESOURCE, *PERESOURCE;

#define ExGetCurrentResourceThread() ((ERESOURCE_THREAD)KeGetCurrentThread())

/* Initializes Resource, unowned. STATUS_SUCCESS. Any IRQL <= DISPATCH. */
NTSTATUS NTAPI ExInitializeResourceLite(_Out_ PERESOURCE Resource);
/* Deletes Resource; bug check if it is still held. STATUS_SUCCESS. */
NTSTATUS NTAPI ExDeleteResourceLite(_Inout_ PERESOURCE Resource);
/* Exclusive ownership, recursive for its owner. With Wait FALSE and the
 * resource held by another thread: FALSE, nothing acquired. APC_LEVEL or
 * below (the caller is in a critical region). */
BOOLEAN NTAPI ExAcquireResourceExclusiveLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
/* Shared ownership (also granted to the exclusive owner, recursively). */
BOOLEAN NTAPI ExAcquireResourceSharedLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
/* Shared ownership even while exclusive waiters wait (undis has no waiter
 * queue, so this is ExAcquireResourceSharedLite). */
BOOLEAN NTAPI ExAcquireSharedStarveExclusive(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
/* Shared ownership after waiting exclusive owners (the same under undis). */
BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
/* Releases one level of the caller's ownership; bug check if not held. */
VOID FASTCALL ExReleaseResourceLite(_Inout_ PERESOURCE Resource);
/* The same, for ResourceThreadId (which must be the holder's). */
VOID NTAPI ExReleaseResourceForThreadLite(_Inout_ PERESOURCE Resource,
                                          _In_ ERESOURCE_THREAD ResourceThreadId);
/* TRUE when the calling thread holds Resource exclusively. */
BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(_In_ PERESOURCE Resource);
/* How many times the calling thread holds Resource (exclusive recursion
 * count for its owner, else 1 if shared owners exist, else 0). */
ULONG NTAPI ExIsResourceAcquiredSharedLite(_In_ PERESOURCE Resource);
#define ExIsResourceAcquiredLite   ExIsResourceAcquiredSharedLite
#define ExAcquireResourceExclusive ExAcquireResourceExclusiveLite
#define ExAcquireResourceShared    ExAcquireResourceSharedLite
#define ExReleaseResource          ExReleaseResourceLite

/* ---- executive spin locks (EX_SPIN_LOCK) --------------------------------------- */

typedef ULONG LOGICAL; /* ntdef.h; winnt.h has none */
typedef volatile LONG EX_SPIN_LOCK, *PEX_SPIN_LOCK;

/* Raise to DISPATCH_LEVEL and take SpinLock exclusively / shared; returns
 * the previous IRQL, which the release takes back. Spins while held. */
KIRQL NTAPI ExAcquireSpinLockExclusive(_Inout_ PEX_SPIN_LOCK SpinLock);
KIRQL NTAPI ExAcquireSpinLockShared(_Inout_ PEX_SPIN_LOCK SpinLock);
VOID NTAPI ExReleaseSpinLockExclusive(_Inout_ PEX_SPIN_LOCK SpinLock, _In_ KIRQL OldIrql);
VOID NTAPI ExReleaseSpinLockShared(_Inout_ PEX_SPIN_LOCK SpinLock, _In_ KIRQL OldIrql);
/* The same at DISPATCH_LEVEL already (no IRQL change). */
VOID NTAPI ExAcquireSpinLockExclusiveAtDpcLevel(_Inout_ PEX_SPIN_LOCK SpinLock);
VOID NTAPI ExAcquireSpinLockSharedAtDpcLevel(_Inout_ PEX_SPIN_LOCK SpinLock);
VOID NTAPI ExReleaseSpinLockExclusiveFromDpcLevel(_Inout_ PEX_SPIN_LOCK SpinLock);
VOID NTAPI ExReleaseSpinLockSharedFromDpcLevel(_Inout_ PEX_SPIN_LOCK SpinLock);
/* Turns the caller's shared hold into exclusive when it is the only
 * holder: TRUE; else FALSE and the shared hold is kept. */
LOGICAL NTAPI ExTryConvertSharedSpinLockExclusive(_Inout_ PEX_SPIN_LOCK SpinLock);

#if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(ERESOURCE) == 104);
UNDIS_C_ASSERT(sizeof(KAPC_STATE) == 48);
#else
UNDIS_C_ASSERT(sizeof(ERESOURCE) == 56);
UNDIS_C_ASSERT(sizeof(KAPC_STATE) == 24);
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_KOBJECT_H */
