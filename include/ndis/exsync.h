/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/exsync.h>: executive services of wdm.h/ntifs.h that
 * xdp-for-windows and npcap call (issue 12, helper compat-b):
 *
 *   push locks      EX_PUSH_LOCK, ExInitializePushLock, ExAcquire/Release-
 *                   PushLockExclusive/Shared: real, a reader/writer lock in
 *                   the lock's own word (src/kernel/rt_pushlock.c);
 *   run-down        EX_RUNDOWN_REF and the cache-aware form: real, a count
 *                   and a "run down" bit in one word (rt_pushlock.c);
 *   callbacks       CALLBACK_OBJECT, ExCreateCallback, ExRegisterCallback:
 *                   unsupported (src/kernel/unsupported_ex.c);
 *   files, events   ZwCreateFile, ZwDeviceIoControlFile, ZwSetInformationFile,
 *                   ZwCreateEvent, ZwWaitForSingleObject and their access
 *                   masks and dispositions: unsupported (unsupported_ex.c);
 *   others          IoQueueWorkItemEx, KeSetSystemGroupAffinityThread,
 *                   KeRevertToUserGroupAffinityThread (unsupported),
 *                   ExAllocatePoolPriorityZero, KeShouldYieldProcessor,
 *                   RtlUnicodeStringPrintf (real), DEFINE_ENUM_FLAG_OPERATORS.
 *
 * Names, values and prototypes are the WDK's.
 */
#ifndef UNDIS_NDIS_EXSYNC_H
#define UNDIS_NDIS_EXSYNC_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "memory.h"
#include "rtlstring.h"
#include "registry.h"
#include "wdmio.h"
#include "rxfilter.h"
#include "kernel.h"

UNDIS_EXTERN_C_BEGIN

/* ---- ntdef.h: flag operators for enum types ------------------------------- */

#ifndef DEFINE_ENUM_FLAG_OPERATORS
#    ifdef __cplusplus
#        define DEFINE_ENUM_FLAG_OPERATORS(E)                                \
            extern "C++" {                                                   \
            inline constexpr E operator|(E a, E b) noexcept                  \
            {                                                                \
                return E(((unsigned long long)a) | ((unsigned long long)b)); \
            }                                                                \
            inline E &operator|=(E &a, E b) noexcept                         \
            {                                                                \
                return a = a | b;                                            \
            }                                                                \
            inline constexpr E operator&(E a, E b) noexcept                  \
            {                                                                \
                return E(((unsigned long long)a) & ((unsigned long long)b)); \
            }                                                                \
            inline E &operator&=(E &a, E b) noexcept                         \
            {                                                                \
                return a = a & b;                                            \
            }                                                                \
            inline constexpr E operator~(E a) noexcept                       \
            {                                                                \
                return E(~((unsigned long long)a));                          \
            }                                                                \
            inline constexpr E operator^(E a, E b) noexcept                  \
            {                                                                \
                return E(((unsigned long long)a) ^ ((unsigned long long)b)); \
            }                                                                \
            inline E &operator^=(E &a, E b) noexcept                         \
            {                                                                \
                return a = a ^ b;                                            \
            }                                                                \
            }
#    else
#        define DEFINE_ENUM_FLAG_OPERATORS(E) /* C: the enum's values combine as integers */
#    endif
#endif

/* ---- winnt.h/wdm.h odds: DECLSPEC_RESTRICT, INVALID_PROCESSOR_INDEX, ... ---- */

#ifndef DECLSPEC_RESTRICT /* MSVC's __declspec(restrict): returns unaliased memory */
#    if defined(_MSC_VER)
#        define DECLSPEC_RESTRICT __declspec(restrict)
#    elif UNDIS_GNU_ATTRIBUTES
#        define DECLSPEC_RESTRICT __attribute__((__malloc__))
#    else
#        define DECLSPEC_RESTRICT
#    endif
#endif

#define INVALID_PROCESSOR_INDEX 0xffffffff

/* A mutex is waited on as any dispatcher object. */
#define KeWaitForMutexObject KeWaitForSingleObject

/* ---- push locks ----------------------------------------------------------- */

typedef ULONG_PTR EX_PUSH_LOCK, *PEX_PUSH_LOCK;

#define EX_DEFAULT_PUSH_LOCK_FLAGS 0

/* Push locks. Pre: PushLock initialized (ExInitializePushLock, or zero);
 * APCs disabled (KeEnterCriticalRegion) as in the kernel. Acquire waits
 * (spinning, then yielding) until the lock is free of writers (shared) or
 * of everyone (exclusive); not recursive; writers do not starve readers'
 * later arrivals (no fairness is promised, as in Windows). Release by the
 * holder only. IRQL: <= APC_LEVEL. Real (src/kernel/rt_pushlock.c). */
_IRQL_requires_max_(APC_LEVEL) VOID ExInitializePushLock(_Out_ PEX_PUSH_LOCK PushLock);
_IRQL_requires_max_(APC_LEVEL) VOID FASTCALL
    ExAcquirePushLockExclusiveEx(_Inout_ PEX_PUSH_LOCK PushLock, _In_ ULONG Flags);
_IRQL_requires_max_(APC_LEVEL) VOID FASTCALL
    ExAcquirePushLockSharedEx(_Inout_ PEX_PUSH_LOCK PushLock, _In_ ULONG Flags);
_IRQL_requires_max_(APC_LEVEL) VOID FASTCALL
    ExReleasePushLockExclusiveEx(_Inout_ PEX_PUSH_LOCK PushLock, _In_ ULONG Flags);
_IRQL_requires_max_(APC_LEVEL) VOID FASTCALL
    ExReleasePushLockSharedEx(_Inout_ PEX_PUSH_LOCK PushLock, _In_ ULONG Flags);

#define ExAcquirePushLockExclusive(Lock) \
    ExAcquirePushLockExclusiveEx((Lock), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExAcquirePushLockShared(Lock) ExAcquirePushLockSharedEx((Lock), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExReleasePushLockExclusive(Lock) \
    ExReleasePushLockExclusiveEx((Lock), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExReleasePushLockShared(Lock) ExReleasePushLockSharedEx((Lock), EX_DEFAULT_PUSH_LOCK_FLAGS)

/* ---- run-down protection -------------------------------------------------- */

typedef struct _EX_RUNDOWN_REF {
    union {
        volatile ULONG_PTR Count;
        volatile PVOID Ptr;
    };
} EX_RUNDOWN_REF, *PEX_RUNDOWN_REF;

typedef struct _EX_RUNDOWN_REF_CACHE_AWARE *PEX_RUNDOWN_REF_CACHE_AWARE;

/* Run-down protection. Acquire succeeds (TRUE) until a wait for run-down
 * has begun, then fails (FALSE); the wait returns once every acquisition
 * has been released, and the reference stays run down until it is
 * re-initialized. Release only what was acquired. IRQL: acquire/release
 * <= DISPATCH_LEVEL, wait/initialize/allocate PASSIVE_LEVEL..APC_LEVEL.
 * Real (src/kernel/rt_pushlock.c); the cache-aware form is one reference
 * in pool memory (ExAllocateCacheAwareRundownProtection: NULL when the
 * pool has no memory). */
VOID NTAPI ExInitializeRundownProtection(_Out_ PEX_RUNDOWN_REF RunRef);
VOID NTAPI ExReInitializeRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
BOOLEAN FASTCALL ExAcquireRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
BOOLEAN FASTCALL ExAcquireRundownProtectionEx(_Inout_ PEX_RUNDOWN_REF RunRef, _In_ ULONG Count);
VOID FASTCALL ExReleaseRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
VOID FASTCALL ExReleaseRundownProtectionEx(_Inout_ PEX_RUNDOWN_REF RunRef, _In_ ULONG Count);
VOID FASTCALL ExWaitForRundownProtectionRelease(_Inout_ PEX_RUNDOWN_REF RunRef);
VOID FASTCALL ExRundownCompleted(_Out_ PEX_RUNDOWN_REF RunRef);

PEX_RUNDOWN_REF_CACHE_AWARE NTAPI ExAllocateCacheAwareRundownProtection(_In_ POOL_TYPE PoolType,
                                                                        _In_ ULONG PoolTag);
SIZE_T NTAPI ExSizeOfRundownProtectionCacheAware(VOID);
VOID NTAPI ExInitializeRundownProtectionCacheAware(
    _Out_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, _In_ SIZE_T RunRefSize);
VOID NTAPI ExFreeCacheAwareRundownProtection(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware);
BOOLEAN FASTCALL
ExAcquireRundownProtectionCacheAware(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware);
VOID FASTCALL
ExReleaseRundownProtectionCacheAware(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware);
BOOLEAN FASTCALL ExAcquireRundownProtectionCacheAwareEx(
    _Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, _In_ ULONG Count);
VOID FASTCALL ExReleaseRundownProtectionCacheAwareEx(
    _Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, _In_ ULONG Count);
VOID FASTCALL
ExWaitForRundownProtectionReleaseCacheAware(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRef);
VOID FASTCALL
ExReInitializeRundownProtectionCacheAware(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware);
VOID FASTCALL ExRundownCompletedCacheAware(_Inout_ PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware);

/* ---- callback objects ----------------------------------------------------- */

typedef struct _CALLBACK_OBJECT *PCALLBACK_OBJECT;

/* mmsystem.h (from <windows.h>) has a constant named CALLBACK_FUNCTION; the
 * function type is declared only where it does not. */
#ifndef CALLBACK_FUNCTION
typedef _Function_class_(CALLBACK_FUNCTION) _IRQL_requires_same_ VOID
    CALLBACK_FUNCTION(_In_opt_ PVOID CallbackContext,
                      _In_opt_ PVOID Argument1,
                      _In_opt_ PVOID Argument2);
#endif
typedef VOID (*PCALLBACK_FUNCTION)(_In_opt_ PVOID CallbackContext,
                                   _In_opt_ PVOID Argument1,
                                   _In_opt_ PVOID Argument2);

/* Callback objects. undis has none: ExCreateCallback fails with
 * STATUS_NOT_SUPPORTED (*CallbackObject NULL), ExRegisterCallback returns
 * NULL, ExUnregisterCallback and ExNotifyCallback report only. IRQL:
 * <= APC_LEVEL (ExNotifyCallback <= DISPATCH_LEVEL). */
_IRQL_requires_max_(APC_LEVEL) NTSTATUS NTAPI
    ExCreateCallback(_Outptr_ PCALLBACK_OBJECT *CallbackObject,
                     _In_ POBJECT_ATTRIBUTES ObjectAttributes,
                     _In_ BOOLEAN Create,
                     _In_ BOOLEAN AllowMultipleCallbacks);
_IRQL_requires_max_(APC_LEVEL) PVOID NTAPI
    ExRegisterCallback(_Inout_ PCALLBACK_OBJECT CallbackObject,
                       _In_ PCALLBACK_FUNCTION CallbackFunction,
                       _In_opt_ PVOID CallbackContext);
_IRQL_requires_max_(APC_LEVEL) VOID NTAPI ExUnregisterCallback(_Inout_ PVOID CbRegistration);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI
    ExNotifyCallback(_In_ PVOID CallbackObject, _In_opt_ PVOID Argument1, _In_opt_ PVOID Argument2);

/* ---- access masks, file creation ------------------------------------------ */

/* The Windows SDK's winnt.h has these (UNDIS_HAVE_WINNT). */
#if !UNDIS_HAVE_WINNT
#    define GENERIC_READ    0x80000000U
#    define GENERIC_WRITE   0x40000000U
#    define GENERIC_EXECUTE 0x20000000U
#    define GENERIC_ALL     0x10000000U

#    define STANDARD_RIGHTS_REQUIRED 0x000F0000U

#    define EVENT_QUERY_STATE  0x0001
#    define EVENT_MODIFY_STATE 0x0002
#    define EVENT_ALL_ACCESS   (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)

#    define FILE_READ_DATA        0x0001
#    define FILE_LIST_DIRECTORY   0x0001
#    define FILE_WRITE_DATA       0x0002
#    define FILE_ADD_FILE         0x0002
#    define FILE_APPEND_DATA      0x0004
#    define FILE_READ_EA          0x0008
#    define FILE_WRITE_EA         0x0010
#    define FILE_EXECUTE          0x0020
#    define FILE_TRAVERSE         0x0020
#    define FILE_READ_ATTRIBUTES  0x0080
#    define FILE_WRITE_ATTRIBUTES 0x0100
#    define FILE_ALL_ACCESS       (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)

#    define FILE_SHARE_READ   0x00000001
#    define FILE_SHARE_WRITE  0x00000002
#    define FILE_SHARE_DELETE 0x00000004

#    define FILE_ATTRIBUTE_READONLY 0x00000001
#    define FILE_ATTRIBUTE_HIDDEN   0x00000002
#    define FILE_ATTRIBUTE_SYSTEM   0x00000004
#    define FILE_ATTRIBUTE_NORMAL   0x00000080
#endif /* !UNDIS_HAVE_WINNT */

/* CreateDisposition of ZwCreateFile */
#define FILE_SUPERSEDE           0x00000000
#define FILE_OPEN                0x00000001
#define FILE_CREATE              0x00000002
#define FILE_OPEN_IF             0x00000003
#define FILE_OVERWRITE           0x00000004
#define FILE_OVERWRITE_IF        0x00000005
#define FILE_MAXIMUM_DISPOSITION 0x00000005

/* CreateOptions of ZwCreateFile */
#define FILE_DIRECTORY_FILE            0x00000001
#define FILE_WRITE_THROUGH             0x00000002
#define FILE_SEQUENTIAL_ONLY           0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING 0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT      0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT   0x00000020
#define FILE_NON_DIRECTORY_FILE        0x00000040

/* IoStatusBlock.Information after ZwCreateFile */
#define FILE_SUPERSEDED     0x00000000
#define FILE_OPENED         0x00000001
#define FILE_CREATED        0x00000002
#define FILE_OVERWRITTEN    0x00000003
#define FILE_EXISTS         0x00000004
#define FILE_DOES_NOT_EXIST 0x00000005

typedef enum _FILE_INFORMATION_CLASS {
    FileDirectoryInformation = 1,
    FileBasicInformation = 4,
    FileStandardInformation = 5,
    FilePositionInformation = 14,
    FileEndOfFileInformation = 20,
    FileIoCompletionNotificationInformation = 41,
    FileMaximumInformation = 80
} FILE_INFORMATION_CLASS,
    *PFILE_INFORMATION_CLASS;

typedef struct _FILE_FULL_EA_INFORMATION {
    ULONG NextEntryOffset;
    UCHAR Flags;
    UCHAR EaNameLength;
    USHORT EaValueLength;
    CHAR EaName[1];
} FILE_FULL_EA_INFORMATION, *PFILE_FULL_EA_INFORMATION;

#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE        0x2
#define FILE_SKIP_SET_USER_EVENT_ON_FAST_IO  0x4

typedef struct _FILE_IO_COMPLETION_NOTIFICATION_INFORMATION {
    ULONG Flags;
} FILE_IO_COMPLETION_NOTIFICATION_INFORMATION, *PFILE_IO_COMPLETION_NOTIFICATION_INFORMATION;

/* Files and events through handles. undis opens none: each fails with
 * STATUS_NOT_SUPPORTED, out-handles NULL. IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS NTAPI
    ZwCreateFile(_Out_ PHANDLE FileHandle,
                 _In_ ACCESS_MASK DesiredAccess,
                 _In_ POBJECT_ATTRIBUTES ObjectAttributes,
                 _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                 _In_opt_ PLARGE_INTEGER AllocationSize,
                 _In_ ULONG FileAttributes,
                 _In_ ULONG ShareAccess,
                 _In_ ULONG CreateDisposition,
                 _In_ ULONG CreateOptions,
                 _In_reads_bytes_opt_(EaLength) PVOID EaBuffer,
                 _In_ ULONG EaLength);
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS NTAPI
    ZwDeviceIoControlFile(_In_ HANDLE FileHandle,
                          _In_opt_ HANDLE Event,
                          _In_opt_ PIO_APC_ROUTINE ApcRoutine,
                          _In_opt_ PVOID ApcContext,
                          _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                          _In_ ULONG IoControlCode,
                          _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer,
                          _In_ ULONG InputBufferLength,
                          _Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer,
                          _In_ ULONG OutputBufferLength);
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS NTAPI
    ZwSetInformationFile(_In_ HANDLE FileHandle,
                         _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                         _In_reads_bytes_(Length) PVOID FileInformation,
                         _In_ ULONG Length,
                         _In_ FILE_INFORMATION_CLASS FileInformationClass);
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS NTAPI
    ZwCreateEvent(_Out_ PHANDLE EventHandle,
                  _In_ ACCESS_MASK DesiredAccess,
                  _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
                  _In_ EVENT_TYPE EventType,
                  _In_ BOOLEAN InitialState);
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS NTAPI
    ZwWaitForSingleObject(_In_ HANDLE Handle,
                          _In_ BOOLEAN Alertable,
                          _In_opt_ PLARGE_INTEGER Timeout);

/* ---- work items, affinity, yielding --------------------------------------- */

typedef enum _WORK_QUEUE_TYPE {
    CriticalWorkQueue,
    DelayedWorkQueue,
    HyperCriticalWorkQueue,
    NormalWorkQueue,
    BackgroundWorkQueue,
    RealTimeWorkQueue,
    SuperCriticalWorkQueue,
    MaximumWorkQueue,
    CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;

typedef _Function_class_(IO_WORKITEM_ROUTINE_EX) _IRQL_requires_(PASSIVE_LEVEL) VOID
    IO_WORKITEM_ROUTINE_EX(_In_ PVOID IoObject,
                           _In_opt_ PVOID Context,
                           _In_ PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;

/* Queues a work item with the extended routine. undis: reports only, the
 * routine never runs (IoAllocateWorkItem returned NULL, so a driver that
 * checked it never gets here). IRQL: <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI
    IoQueueWorkItemEx(_Inout_ PIO_WORKITEM IoWorkItem,
                      _In_ PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
                      _In_ WORK_QUEUE_TYPE QueueType,
                      _In_opt_ PVOID Context);

/* Group affinity of the current thread. undis does not pin threads: both
 * report and leave the thread as it was; *PreviousAffinity is zeroed.
 * IRQL: <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI
    KeSetSystemGroupAffinityThread(_In_ PGROUP_AFFINITY Affinity,
                                   _Out_opt_ PGROUP_AFFINITY PreviousAffinity);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NTAPI
    KeRevertToUserGroupAffinityThread(_In_ PGROUP_AFFINITY PreviousAffinity);

#if UNDIS_HAVE_WINNT /* the SDK's winnt.h has no LOGICAL; ntdef.h (kernel) does */
typedef ULONG LOGICAL;
#endif

/* Whether a DPC has run long enough to yield. undis has no DPC watchdog:
 * always FALSE. IRQL: DISPATCH_LEVEL. Real. */
_IRQL_requires_(DISPATCH_LEVEL) LOGICAL NTAPI KeShouldYieldProcessor(VOID);

/* ExAllocatePoolZero with a priority, which user mode ignores. Real. */
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID NTAPI
    ExAllocatePoolPriorityZero(_In_ POOL_TYPE PoolType,
                               _In_ SIZE_T NumberOfBytes,
                               _In_ ULONG Tag,
                               _In_ EX_POOL_PRIORITY Priority);

/* ---- NTSTATUS to Win32 error -------------------------------------------------- */

/* The Win32 error code of an NTSTATUS (what a driver returns to user mode as
 * an HRESULT). Real for the common codes (success, pending, the invalid-
 * parameter/handle/request, memory, resources, access, buffer-size, not-
 * found, not-supported and cancelled codes); any other code reports the
 * function once and gives ERROR_MR_MID_NOT_FOUND, Windows' answer for a code
 * without a Win32 equivalent, although Windows may know one. IRQL: any.
 * src/kernel/rt_doserror.c. */
ULONG NTAPI RtlNtStatusToDosError(_In_ NTSTATUS Status);
ULONG NTAPI RtlNtStatusToDosErrorNoTeb(_In_ NTSTATUS Status);

/* ---- ntstrsafe.h: formatting into a UNICODE_STRING ------------------------ */

/* Formats into DestinationString's buffer (up to MaximumLength bytes, no
 * terminator) and sets Length. Conversions are the kernel's (%ws/%s wide
 * strings, %wZ, %I64d, ...). Failure: STATUS_INVALID_PARAMETER (a NULL
 * argument, a buffer over NTSTRSAFE_UNICODE_STRING_MAX_CCH, or a format
 * with characters outside ASCII, which undis does not format), or
 * STATUS_BUFFER_OVERFLOW with the output truncated to the buffer. Real.
 * IRQL: PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NTSTATUS
    RtlUnicodeStringPrintf(_Inout_ PUNICODE_STRING DestinationString,
                           _In_ _Printf_format_string_ const WCHAR *pszFormat,
                           ...);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_EXSYNC_H */
