/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/wdmio.h>: the I/O manager's objects as wdm.h declares them,
 * for the driver code around the data path: DRIVER_OBJECT, DEVICE_OBJECT,
 * FILE_OBJECT, IRP, IO_STACK_LOCATION, KDPC and the driver entry-point
 * types (DRIVER_INITIALIZE, DRIVER_DISPATCH, ...), IRP_MJ_* codes,
 * CTL_CODE and the IRP stack-location helpers.
 *
 * Layouts are the WDK's on x64 and x86 (sizes static-asserted below) so
 * that a driver's own structures that embed them keep their size. The
 * inline helpers (IoGetCurrentIrpStackLocation, IoMarkIrpPending, ...) only
 * touch the IRP as the WDK's do. The functions declared here are provided
 * by the driver host; without it they are unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_WDMIO_H
#define UNDIS_NDIS_WDMIO_H

#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "kernel.h"
#include "mdl.h"
#include "rtlstring.h"
#include "interlocked.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* Members the WDK aligns to a pointer on 64-bit only. */
#if UNDIS_PTR64
#    define UNDIS_POINTER_ALIGNMENT DECLSPEC_ALIGN(8)
#else
#    define UNDIS_POINTER_ALIGNMENT
#endif
#ifndef POINTER_ALIGNMENT
#    define POINTER_ALIGNMENT UNDIS_POINTER_ALIGNMENT
#endif

typedef ULONG DEVICE_TYPE;
typedef struct _KDPC KDPC, *PKDPC, *PRKDPC;
typedef struct _IO_STACK_LOCATION IO_STACK_LOCATION, *PIO_STACK_LOCATION;
typedef struct _DRIVER_EXTENSION DRIVER_EXTENSION, *PDRIVER_EXTENSION;
typedef struct _VPB *PVPB;
typedef struct _IO_TIMER *PIO_TIMER;
typedef struct _FAST_IO_DISPATCH *PFAST_IO_DISPATCH;
typedef struct _SECTION_OBJECT_POINTERS *PSECTION_OBJECT_POINTERS;
typedef struct _IO_COMPLETION_CONTEXT *PIO_COMPLETION_CONTEXT;
typedef struct _IO_SECURITY_CONTEXT *PIO_SECURITY_CONTEXT;
typedef struct _DEVOBJ_EXTENSION *PDEVOBJ_EXTENSION;
typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef struct _IRP IRP;

/* ---- DPCs ----------------------------------------------------------------- */

typedef _Function_class_(KDEFERRED_ROUTINE) _IRQL_requires_(DISPATCH_LEVEL) VOID
    KDEFERRED_ROUTINE(_In_ struct _KDPC *Dpc,
                      _In_opt_ PVOID DeferredContext,
                      _In_opt_ PVOID SystemArgument1,
                      _In_opt_ PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef enum _KDPC_IMPORTANCE {
    LowImportance,
    MediumImportance,
    HighImportance,
    MediumHighImportance /* compat-a: the WDK's fourth value */
} KDPC_IMPORTANCE;

struct _KDPC {
    union {
        ULONG TargetInfoAsUlong;
        struct {
            UCHAR Type;
            UCHAR Importance;
            volatile USHORT Number;
        };
    };
    SINGLE_LIST_ENTRY DpcListEntry;
    KAFFINITY ProcessorHistory;
    PKDEFERRED_ROUTINE DeferredRoutine;
    PVOID DeferredContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    volatile PVOID DpcData;
};

VOID NTAPI KeInitializeDpc(_Out_ PRKDPC Dpc,
                           _In_ PKDEFERRED_ROUTINE DeferredRoutine,
                           _In_opt_ PVOID DeferredContext);
VOID NTAPI KeInitializeThreadedDpc(_Out_ PRKDPC Dpc,
                                   _In_ PKDEFERRED_ROUTINE DeferredRoutine,
                                   _In_opt_ PVOID DeferredContext);
BOOLEAN NTAPI KeInsertQueueDpc(_Inout_ PRKDPC Dpc,
                               _In_opt_ PVOID SystemArgument1,
                               _In_opt_ PVOID SystemArgument2);
BOOLEAN NTAPI KeRemoveQueueDpc(_Inout_ PRKDPC Dpc);
VOID NTAPI KeFlushQueuedDpcs(VOID);
VOID NTAPI KeSetImportanceDpc(_Inout_ PRKDPC Dpc, _In_ KDPC_IMPORTANCE Importance);
VOID NTAPI KeSetTargetProcessorDpc(_Inout_ PRKDPC Dpc, _In_ CCHAR Number);
NTSTATUS NTAPI KeSetTargetProcessorDpcEx(_Inout_ PKDPC Dpc, _In_ PPROCESSOR_NUMBER ProcNumber);

/* KDPC.Type: an ordinary DPC (DISPATCH_LEVEL) or a threaded one. */
#define DpcObject         0x13
#define ThreadedDpcObject 0x18

/* ---- kernel timers (KTIMER) ----------------------------------------------- */

/* A notification timer stays signalled until set again; a synchronization
 * timer releases one waiter and resets itself. */
typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;

/* DISPATCHER_HEADER.Type of a timer. */
#define TimerNotificationObject    8
#define TimerSynchronizationObject 9

typedef struct _KTIMER {
    DISPATCHER_HEADER Header;
    ULARGE_INTEGER DueTime;
    LIST_ENTRY TimerListEntry;
    struct _KDPC *Dpc;
#if UNDIS_PTR64
    ULONG Processor;
#endif
    ULONG Period;
} KTIMER, *PKTIMER, *PRKTIMER;

VOID NTAPI KeInitializeTimer(_Out_ PKTIMER Timer);
VOID NTAPI KeInitializeTimerEx(_Out_ PKTIMER Timer, _In_ TIMER_TYPE Type);
BOOLEAN NTAPI KeSetTimer(_Inout_ PKTIMER Timer, _In_ LARGE_INTEGER DueTime, _In_opt_ PKDPC Dpc);
BOOLEAN NTAPI KeSetTimerEx(_Inout_ PKTIMER Timer,
                           _In_ LARGE_INTEGER DueTime,
                           _In_ LONG Period,
                           _In_opt_ PKDPC Dpc);
BOOLEAN NTAPI KeCancelTimer(_Inout_ PKTIMER Timer);
BOOLEAN NTAPI KeReadStateTimer(_In_ PKTIMER Timer);

/* ---- I/O status, APCs, device queues -------------------------------------- */

typedef struct _IO_STATUS_BLOCK {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef VOID(NTAPI *PIO_APC_ROUTINE)(_In_ PVOID ApcContext,
                                     _In_ PIO_STATUS_BLOCK IoStatusBlock,
                                     _In_ ULONG Reserved);

/* KAPC: kept opaque beyond its size; drivers only embed it (in IRP.Tail). */
typedef struct _KAPC {
    UCHAR Type;
    UCHAR AllFlags;
    UCHAR Size;
    UCHAR SpareByte1;
    ULONG SpareLong0;
    PKTHREAD Thread;
    LIST_ENTRY ApcListEntry;
    PVOID Reserved[3];
    PVOID NormalContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    CCHAR ApcStateIndex;
    KPROCESSOR_MODE ApcMode;
    BOOLEAN Inserted;
} KAPC, *PKAPC, *PRKAPC;

typedef struct _KDEVICE_QUEUE_ENTRY {
    LIST_ENTRY DeviceListEntry;
    ULONG SortKey;
    BOOLEAN Inserted;
} KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY;

typedef struct _KDEVICE_QUEUE {
    CSHORT Type;
    CSHORT Size;
    LIST_ENTRY DeviceListHead;
    KSPIN_LOCK Lock;
#if UNDIS_PTR64
    union {
        BOOLEAN Busy;
        struct {
            LONG64 Reserved : 8;
            LONG64 Hint : 56;
        };
    };
#else
    BOOLEAN Busy;
#endif
} KDEVICE_QUEUE, *PKDEVICE_QUEUE;

typedef enum _IO_ALLOCATION_ACTION {
    KeepObject = 1,
    DeallocateObject,
    DeallocateObjectKeepRegisters
} IO_ALLOCATION_ACTION;

typedef IO_ALLOCATION_ACTION(NTAPI *PDRIVER_CONTROL)(_In_ struct _DEVICE_OBJECT *DeviceObject,
                                                     _Inout_ struct _IRP *Irp,
                                                     _In_ PVOID MapRegisterBase,
                                                     _In_ PVOID Context);

typedef struct _WAIT_CONTEXT_BLOCK {
    union {
        KDEVICE_QUEUE_ENTRY WaitQueueEntry;
        struct {
            LIST_ENTRY DmaWaitEntry;
            ULONG NumberOfChannels;
            ULONG SyncCallback : 1;
            ULONG DmaContext : 1;
            ULONG ZeroMapRegisters : 1;
            ULONG Reserved : 9;
            ULONG NumberOfRemapPages : 20;
        };
    };
    PDRIVER_CONTROL DeviceRoutine;
    PVOID DeviceContext;
    ULONG NumberOfMapRegisters;
    PVOID DeviceObject;
    PVOID CurrentIrp;
    PKDPC BufferChainingDpc;
} WAIT_CONTEXT_BLOCK, *PWAIT_CONTEXT_BLOCK;

/* ---- driver entry points ---------------------------------------------------- */

typedef _Function_class_(DRIVER_INITIALIZE) _IRQL_requires_same_ NTSTATUS
    DRIVER_INITIALIZE(_In_ struct _DRIVER_OBJECT *DriverObject, _In_ PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;

typedef _Function_class_(DRIVER_UNLOAD) _IRQL_requires_(PASSIVE_LEVEL) VOID
    DRIVER_UNLOAD(_In_ struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;

typedef _Function_class_(DRIVER_DISPATCH) _IRQL_requires_max_(DISPATCH_LEVEL) NTSTATUS
    DRIVER_DISPATCH(_In_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_RAISED;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_PAGED;

typedef _Function_class_(DRIVER_STARTIO) VOID
    DRIVER_STARTIO(_Inout_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;

typedef _Function_class_(DRIVER_ADD_DEVICE) _IRQL_requires_(PASSIVE_LEVEL) NTSTATUS
    DRIVER_ADD_DEVICE(_In_ struct _DRIVER_OBJECT *DriverObject,
                      _In_ struct _DEVICE_OBJECT *PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;

typedef _Function_class_(DRIVER_CANCEL) _IRQL_requires_(DISPATCH_LEVEL) VOID
    DRIVER_CANCEL(_Inout_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_CANCEL *PDRIVER_CANCEL;

typedef _Function_class_(IO_COMPLETION_ROUTINE) NTSTATUS
    IO_COMPLETION_ROUTINE(_In_ struct _DEVICE_OBJECT *DeviceObject,
                          _In_ struct _IRP *Irp,
                          _In_reads_opt_(_Inexpressible_("varies")) PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;

typedef _Function_class_(IO_WORKITEM_ROUTINE) _IRQL_requires_(PASSIVE_LEVEL) VOID
    IO_WORKITEM_ROUTINE(_In_ struct _DEVICE_OBJECT *DeviceObject, _In_opt_ PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;

typedef _Function_class_(KSTART_ROUTINE) _IRQL_requires_same_ VOID
    KSTART_ROUTINE(_In_ PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

/* ---- DRIVER_OBJECT, DEVICE_OBJECT, FILE_OBJECT ----------------------------- */

#define IRP_MJ_CREATE                   0x00
#define IRP_MJ_CREATE_NAMED_PIPE        0x01
#define IRP_MJ_CLOSE                    0x02
#define IRP_MJ_READ                     0x03
#define IRP_MJ_WRITE                    0x04
#define IRP_MJ_QUERY_INFORMATION        0x05
#define IRP_MJ_SET_INFORMATION          0x06
#define IRP_MJ_QUERY_EA                 0x07
#define IRP_MJ_SET_EA                   0x08
#define IRP_MJ_FLUSH_BUFFERS            0x09
#define IRP_MJ_QUERY_VOLUME_INFORMATION 0x0a
#define IRP_MJ_SET_VOLUME_INFORMATION   0x0b
#define IRP_MJ_DIRECTORY_CONTROL        0x0c
#define IRP_MJ_FILE_SYSTEM_CONTROL      0x0d
#define IRP_MJ_DEVICE_CONTROL           0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL  0x0f
#define IRP_MJ_SHUTDOWN                 0x10
#define IRP_MJ_LOCK_CONTROL             0x11
#define IRP_MJ_CLEANUP                  0x12
#define IRP_MJ_CREATE_MAILSLOT          0x13
#define IRP_MJ_QUERY_SECURITY           0x14
#define IRP_MJ_SET_SECURITY             0x15
#define IRP_MJ_POWER                    0x16
#define IRP_MJ_SYSTEM_CONTROL           0x17
#define IRP_MJ_DEVICE_CHANGE            0x18
#define IRP_MJ_QUERY_QUOTA              0x19
#define IRP_MJ_SET_QUOTA                0x1a
#define IRP_MJ_PNP                      0x1b
#define IRP_MJ_PNP_POWER                IRP_MJ_PNP
#define IRP_MJ_MAXIMUM_FUNCTION         0x1b

struct _DRIVER_EXTENSION {
    struct _DRIVER_OBJECT *DriverObject;
    PDRIVER_ADD_DEVICE AddDevice;
    ULONG Count;
    UNICODE_STRING ServiceKeyName;
};

typedef struct _DRIVER_OBJECT {
    CSHORT Type;
    CSHORT Size;
    struct _DEVICE_OBJECT *DeviceObject;
    ULONG Flags;
    PVOID DriverStart;
    ULONG DriverSize;
    PVOID DriverSection;
    PDRIVER_EXTENSION DriverExtension;
    UNICODE_STRING DriverName;
    PUNICODE_STRING HardwareDatabase;
    PFAST_IO_DISPATCH FastIoDispatch;
    PDRIVER_INITIALIZE DriverInit;
    PDRIVER_STARTIO DriverStartIo;
    PDRIVER_UNLOAD DriverUnload;
    PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
} DRIVER_OBJECT;

typedef struct DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) _DEVICE_OBJECT {
    CSHORT Type;
    USHORT Size;
    LONG ReferenceCount;
    struct _DRIVER_OBJECT *DriverObject;
    struct _DEVICE_OBJECT *NextDevice;
    struct _DEVICE_OBJECT *AttachedDevice;
    struct _IRP *CurrentIrp;
    PIO_TIMER Timer;
    ULONG Flags;
    ULONG Characteristics;
    volatile PVPB Vpb;
    PVOID DeviceExtension;
    DEVICE_TYPE DeviceType;
    CCHAR StackSize;
    union {
        LIST_ENTRY ListEntry;
        WAIT_CONTEXT_BLOCK Wcb;
    } Queue;
    ULONG AlignmentRequirement;
    KDEVICE_QUEUE DeviceQueue;
    KDPC Dpc;
    ULONG ActiveThreadCount;
    PSECURITY_DESCRIPTOR SecurityDescriptor;
    KEVENT DeviceLock;
    USHORT SectorSize;
    USHORT Spare1;
    PDEVOBJ_EXTENSION DeviceObjectExtension;
    PVOID Reserved;
} DEVICE_OBJECT;

typedef struct _FILE_OBJECT {
    CSHORT Type;
    CSHORT Size;
    PDEVICE_OBJECT DeviceObject;
    PVPB Vpb;
    PVOID FsContext;
    PVOID FsContext2;
    PSECTION_OBJECT_POINTERS SectionObjectPointer;
    PVOID PrivateCacheMap;
    NTSTATUS FinalStatus;
    struct _FILE_OBJECT *RelatedFileObject;
    BOOLEAN LockOperation;
    BOOLEAN DeletePending;
    BOOLEAN ReadAccess;
    BOOLEAN WriteAccess;
    BOOLEAN DeleteAccess;
    BOOLEAN SharedRead;
    BOOLEAN SharedWrite;
    BOOLEAN SharedDelete;
    ULONG Flags;
    UNICODE_STRING FileName;
    LARGE_INTEGER CurrentByteOffset;
    volatile ULONG Waiters;
    volatile ULONG Busy;
    PVOID LastLock;
    KEVENT Lock;
    KEVENT Event;
    volatile PIO_COMPLETION_CONTEXT CompletionContext;
    KSPIN_LOCK IrpListLock;
    LIST_ENTRY IrpList;
    volatile PVOID FileObjectExtension;
} FILE_OBJECT;

/* DEVICE_OBJECT.Flags */
#define DO_VERIFY_VOLUME         0x00000002
#define DO_BUFFERED_IO           0x00000004
#define DO_EXCLUSIVE             0x00000008
#define DO_DIRECT_IO             0x00000010
#define DO_MAP_IO_BUFFER         0x00000020
#define DO_DEVICE_INITIALIZING   0x00000080
#define DO_SHUTDOWN_REGISTERED   0x00000800
#define DO_BUS_ENUMERATED_DEVICE 0x00001000
#define DO_POWER_PAGABLE         0x00002000
#define DO_POWER_INRUSH          0x00004000

/* ---- IRP -------------------------------------------------------------------- */

struct _IRP {
    CSHORT Type;
    USHORT Size;
    PMDL MdlAddress;
    ULONG Flags;
    union {
        struct _IRP *MasterIrp;
        volatile LONG IrpCount;
        PVOID SystemBuffer;
    } AssociatedIrp;
    LIST_ENTRY ThreadListEntry;
    IO_STATUS_BLOCK IoStatus;
    KPROCESSOR_MODE RequestorMode;
    BOOLEAN PendingReturned;
    CHAR StackCount;
    CHAR CurrentLocation;
    BOOLEAN Cancel;
    KIRQL CancelIrql;
    CCHAR ApcEnvironment;
    UCHAR AllocationFlags;
    union {
        PIO_STATUS_BLOCK UserIosb;
        PVOID IoRingContext;
    };
    PKEVENT UserEvent;
    union {
        struct {
            union {
                PIO_APC_ROUTINE UserApcRoutine;
                PVOID IssuingProcess;
            };
            union {
                PVOID UserApcContext;
                PVOID IoRing;
            };
        } AsynchronousParameters;
        LARGE_INTEGER AllocationSize;
    } Overlay;
    volatile PDRIVER_CANCEL CancelRoutine;
    PVOID UserBuffer;
    union {
        struct {
            union {
                KDEVICE_QUEUE_ENTRY DeviceQueueEntry;
                struct {
                    PVOID DriverContext[4];
                };
            };
            PETHREAD Thread;
            PCHAR AuxiliaryBuffer;
            struct {
                LIST_ENTRY ListEntry;
                union {
                    struct _IO_STACK_LOCATION *CurrentStackLocation;
                    ULONG PacketType;
                };
            };
            PFILE_OBJECT OriginalFileObject;
        } Overlay;
        KAPC Apc;
        PVOID CompletionKey;
    } Tail;
};

/* ---- IO_STACK_LOCATION ------------------------------------------------------- */

/* <windows.h> (winnt.h) declares the two power-state enums and POWER_ACTION. */
#if !UNDIS_HAVE_WINNT
typedef enum _SYSTEM_POWER_STATE {
    PowerSystemUnspecified = 0,
    PowerSystemWorking = 1,
    PowerSystemSleeping1 = 2,
    PowerSystemSleeping2 = 3,
    PowerSystemSleeping3 = 4,
    PowerSystemHibernate = 5,
    PowerSystemShutdown = 6,
    PowerSystemMaximum = 7
} SYSTEM_POWER_STATE,
    *PSYSTEM_POWER_STATE;

typedef enum _DEVICE_POWER_STATE {
    PowerDeviceUnspecified = 0,
    PowerDeviceD0,
    PowerDeviceD1,
    PowerDeviceD2,
    PowerDeviceD3,
    PowerDeviceMaximum
} DEVICE_POWER_STATE,
    *PDEVICE_POWER_STATE;
#endif

typedef union _POWER_STATE {
    SYSTEM_POWER_STATE SystemState;
    DEVICE_POWER_STATE DeviceState;
} POWER_STATE, *PPOWER_STATE;

typedef enum _POWER_STATE_TYPE { SystemPowerState = 0, DevicePowerState } POWER_STATE_TYPE;

#if !UNDIS_HAVE_WINNT
typedef enum _POWER_ACTION {
    PowerActionNone = 0,
    PowerActionReserved,
    PowerActionSleep,
    PowerActionHibernate,
    PowerActionShutdown,
    PowerActionShutdownReset,
    PowerActionShutdownOff,
    PowerActionWarmEject,
    PowerActionDisplayOff
} POWER_ACTION,
    *PPOWER_ACTION;
#endif

/* On x86 the WDK packs IO_STACK_LOCATION to 4 bytes: Parameters starts at 4
 * although it holds LARGE_INTEGERs (which MSVC aligns to 8). */
#if !UNDIS_PTR64
#    pragma pack(push, 4)
#endif
struct _IO_STACK_LOCATION {
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    UCHAR Flags;
    UCHAR Control;
    union {
        struct {
            PIO_SECURITY_CONTEXT SecurityContext;
            ULONG Options;
            USHORT POINTER_ALIGNMENT FileAttributes;
            USHORT ShareAccess;
            ULONG POINTER_ALIGNMENT EaLength;
        } Create;
        struct {
            ULONG Length;
            ULONG POINTER_ALIGNMENT Key;
#if UNDIS_PTR64
            ULONG Flags;
#endif
            LARGE_INTEGER ByteOffset;
        } Read;
        struct {
            ULONG Length;
            ULONG POINTER_ALIGNMENT Key;
#if UNDIS_PTR64
            ULONG Flags;
#endif
            LARGE_INTEGER ByteOffset;
        } Write;
        struct {
            ULONG OutputBufferLength;
            ULONG POINTER_ALIGNMENT InputBufferLength;
            ULONG POINTER_ALIGNMENT IoControlCode;
            PVOID Type3InputBuffer;
        } DeviceIoControl;
        struct {
            ULONG SystemContext;
            POWER_STATE_TYPE POINTER_ALIGNMENT Type;
            POWER_STATE POINTER_ALIGNMENT State;
            POWER_ACTION POINTER_ALIGNMENT ShutdownType;
        } Power;
        struct {
            PVOID Argument1;
            PVOID Argument2;
            PVOID Argument3;
            PVOID Argument4;
        } Others;
    } Parameters;
    PDEVICE_OBJECT DeviceObject;
    PFILE_OBJECT FileObject;
    PIO_COMPLETION_ROUTINE CompletionRoutine;
    PVOID Context;
};
#if !UNDIS_PTR64
#    pragma pack(pop)
#endif

#define SL_PENDING_RETURNED  0x01
#define SL_ERROR_RETURNED    0x02
#define SL_INVOKE_ON_CANCEL  0x20
#define SL_INVOKE_ON_SUCCESS 0x40
#define SL_INVOKE_ON_ERROR   0x80

/* ---- I/O control codes -------------------------------------------------------- */

#ifndef CTL_CODE
#    define CTL_CODE(DeviceType, Function, Method, Access) \
        (((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#endif
#ifndef DEVICE_TYPE_FROM_CTL_CODE
#    define DEVICE_TYPE_FROM_CTL_CODE(ctrlCode) (((ULONG)(ctrlCode & 0xffff0000)) >> 16)
#endif
#ifndef METHOD_FROM_CTL_CODE
#    define METHOD_FROM_CTL_CODE(ctrlCode) ((ULONG)(ctrlCode & 3))
#endif
#ifndef METHOD_BUFFERED
#    define METHOD_BUFFERED   0
#    define METHOD_IN_DIRECT  1
#    define METHOD_OUT_DIRECT 2
#    define METHOD_NEITHER    3
#endif
#ifndef FILE_ANY_ACCESS
#    define FILE_ANY_ACCESS     0
#    define FILE_SPECIAL_ACCESS (FILE_ANY_ACCESS)
#    define FILE_READ_ACCESS    0x0001
#    define FILE_WRITE_ACCESS   0x0002
#endif
#ifndef FILE_DEVICE_NETWORK
#    define FILE_DEVICE_NETWORK 0x00000012
#endif
#ifndef FILE_DEVICE_PHYSICAL_NETCARD
#    define FILE_DEVICE_PHYSICAL_NETCARD 0x00000017
#endif
#ifndef FILE_DEVICE_TRANSPORT
#    define FILE_DEVICE_TRANSPORT 0x00000021
#endif
#ifndef FILE_DEVICE_UNKNOWN
#    define FILE_DEVICE_UNKNOWN 0x00000022
#endif
#ifndef FILE_DEVICE_SECURE_OPEN
#    define FILE_DEVICE_SECURE_OPEN 0x00000100
#endif

/* ---- I/O manager functions (driver host) -------------------------------------- */

NTSTATUS NTAPI IoCreateDevice(_In_ PDRIVER_OBJECT DriverObject,
                              _In_ ULONG DeviceExtensionSize,
                              _In_opt_ PUNICODE_STRING DeviceName,
                              _In_ DEVICE_TYPE DeviceType,
                              _In_ ULONG DeviceCharacteristics,
                              _In_ BOOLEAN Exclusive,
                              _Out_ PDEVICE_OBJECT *DeviceObject);
VOID NTAPI IoDeleteDevice(_In_ PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI IoCreateSymbolicLink(_In_ PUNICODE_STRING SymbolicLinkName,
                                    _In_ PUNICODE_STRING DeviceName);
NTSTATUS NTAPI IoDeleteSymbolicLink(_In_ PUNICODE_STRING SymbolicLinkName);
VOID FASTCALL IofCompleteRequest(_In_ PIRP Irp, _In_ CCHAR PriorityBoost);
NTSTATUS FASTCALL IofCallDriver(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp);
#define IoCompleteRequest(a, b) IofCompleteRequest(a, b)
#define IoCallDriver(a, b)      IofCallDriver(a, b)
PIRP NTAPI IoAllocateIrp(_In_ CCHAR StackSize, _In_ BOOLEAN ChargeQuota);
VOID NTAPI IoFreeIrp(_In_ PIRP Irp);
VOID NTAPI IoAcquireCancelSpinLock(_Out_ PKIRQL Irql);
VOID NTAPI IoReleaseCancelSpinLock(_In_ KIRQL Irql);
BOOLEAN NTAPI IoCancelIrp(_In_ PIRP Irp);
BOOLEAN NTAPI IoIs32bitProcess(_In_opt_ PIRP Irp);
PIO_WORKITEM NTAPI IoAllocateWorkItem(_In_ PDEVICE_OBJECT DeviceObject);
VOID NTAPI IoFreeWorkItem(_In_ PIO_WORKITEM IoWorkItem);
VOID NTAPI IoQueueWorkItem(_Inout_ PIO_WORKITEM IoWorkItem,
                           _In_ PIO_WORKITEM_ROUTINE WorkerRoutine,
                           _In_ int QueueType,
                           _In_opt_ PVOID Context);
/* The address of a kernel routine by name, NULL when there is none. */
PVOID NTAPI MmGetSystemRoutineAddress(_In_ PUNICODE_STRING SystemRoutineName);
/* References of system thread objects are counted (ObReferenceObjectByHandle
 * gives one); on any other object these report once and count nothing. */
VOID FASTCALL ObfReferenceObject(_In_ PVOID Object);
LONG_PTR FASTCALL ObfDereferenceObject(_In_ PVOID Object);
#define ObReferenceObject(Object)   ObfReferenceObject(Object)
#define ObDereferenceObject(Object) ObfDereferenceObject(Object)

/* ---- IRP stack helpers (inline, as in wdm.h) ---------------------------------- */

UNDIS_INLINE PIO_STACK_LOCATION
IoGetCurrentIrpStackLocation(_In_ PIRP Irp)
{
    return Irp->Tail.Overlay.CurrentStackLocation;
}

UNDIS_INLINE PIO_STACK_LOCATION
IoGetNextIrpStackLocation(_In_ PIRP Irp)
{
    return Irp->Tail.Overlay.CurrentStackLocation - 1;
}

UNDIS_INLINE VOID
IoSkipCurrentIrpStackLocation(_Inout_ PIRP Irp)
{
    Irp->CurrentLocation++;
    Irp->Tail.Overlay.CurrentStackLocation++;
}

UNDIS_INLINE VOID
IoSetNextIrpStackLocation(_Inout_ PIRP Irp)
{
    Irp->CurrentLocation--;
    Irp->Tail.Overlay.CurrentStackLocation--;
}

UNDIS_INLINE VOID
IoCopyCurrentIrpStackLocationToNext(_Inout_ PIRP Irp)
{
    PIO_STACK_LOCATION Current = IoGetCurrentIrpStackLocation(Irp);
    PIO_STACK_LOCATION Next = IoGetNextIrpStackLocation(Irp);

    *Next = *Current;
    Next->CompletionRoutine = NULL;
    Next->Context = NULL;
    Next->Control = 0;
}

UNDIS_INLINE VOID
IoMarkIrpPending(_Inout_ PIRP Irp)
{
    IoGetCurrentIrpStackLocation(Irp)->Control |= SL_PENDING_RETURNED;
}

UNDIS_INLINE PDRIVER_CANCEL
IoSetCancelRoutine(_Inout_ PIRP Irp, _In_opt_ PDRIVER_CANCEL CancelRoutine)
{
    PVOID Old = InterlockedExchangePointer((PVOID volatile *)(volatile void *)&Irp->CancelRoutine,
                                           (PVOID)(ULONG_PTR)CancelRoutine);
    return (PDRIVER_CANCEL)(ULONG_PTR)Old;
}

UNDIS_INLINE VOID
IoSetCompletionRoutine(_In_ PIRP Irp,
                       _In_opt_ PIO_COMPLETION_ROUTINE CompletionRoutine,
                       _In_opt_ PVOID Context,
                       _In_ BOOLEAN InvokeOnSuccess,
                       _In_ BOOLEAN InvokeOnError,
                       _In_ BOOLEAN InvokeOnCancel)
{
    PIO_STACK_LOCATION Next = IoGetNextIrpStackLocation(Irp);

    Next->CompletionRoutine = CompletionRoutine;
    Next->Context = Context;
    Next->Control = 0;
    if (InvokeOnSuccess) {
        Next->Control |= SL_INVOKE_ON_SUCCESS;
    }
    if (InvokeOnError) {
        Next->Control |= SL_INVOKE_ON_ERROR;
    }
    if (InvokeOnCancel) {
        Next->Control |= SL_INVOKE_ON_CANCEL;
    }
}

#define IoGetFunctionCodeFromCtlCode(ControlCode) (((ULONG)((ControlCode)&0x00003FFC)) >> 2)

/* ---- layout checks (WDK sizes, x64 : x86) -------------------------------------- */

#define UNDIS_WDMIO_X64_X86(x64, x86) (UNDIS_PTR64 ? (x64) : (x86))
UNDIS_C_ASSERT(sizeof(KDPC) == UNDIS_WDMIO_X64_X86(0x40, 0x20));
UNDIS_C_ASSERT(sizeof(KTIMER) == UNDIS_WDMIO_X64_X86(0x40, 0x28));
UNDIS_C_ASSERT(FIELD_OFFSET(KTIMER, Dpc) == UNDIS_WDMIO_X64_X86(0x30, 0x20));
UNDIS_C_ASSERT(sizeof(IO_STATUS_BLOCK) == UNDIS_WDMIO_X64_X86(0x10, 0x08));
UNDIS_C_ASSERT(sizeof(KAPC) == UNDIS_WDMIO_X64_X86(0x58, 0x30));
UNDIS_C_ASSERT(sizeof(KDEVICE_QUEUE) == UNDIS_WDMIO_X64_X86(0x28, 0x14));
UNDIS_C_ASSERT(sizeof(WAIT_CONTEXT_BLOCK) == UNDIS_WDMIO_X64_X86(0x48, 0x28));
UNDIS_C_ASSERT(sizeof(DRIVER_OBJECT) == UNDIS_WDMIO_X64_X86(0x150, 0xA8));
UNDIS_C_ASSERT(FIELD_OFFSET(DRIVER_OBJECT, MajorFunction) == UNDIS_WDMIO_X64_X86(0x70, 0x38));
UNDIS_C_ASSERT(sizeof(DEVICE_OBJECT) == UNDIS_WDMIO_X64_X86(0x150, 0xB8));
UNDIS_C_ASSERT(FIELD_OFFSET(DEVICE_OBJECT, DeviceExtension) == UNDIS_WDMIO_X64_X86(0x40, 0x28));
UNDIS_C_ASSERT(sizeof(FILE_OBJECT) == UNDIS_WDMIO_X64_X86(0xD8, 0x80));
UNDIS_C_ASSERT(FIELD_OFFSET(FILE_OBJECT, FsContext) == UNDIS_WDMIO_X64_X86(0x18, 0x0C));
UNDIS_C_ASSERT(sizeof(IRP) == UNDIS_WDMIO_X64_X86(0xD0, 0x70));
UNDIS_C_ASSERT(FIELD_OFFSET(IRP, IoStatus) == UNDIS_WDMIO_X64_X86(0x30, 0x18));
UNDIS_C_ASSERT(FIELD_OFFSET(IRP, Tail.Overlay.CurrentStackLocation) ==
               UNDIS_WDMIO_X64_X86(0xB8, 0x60));
UNDIS_C_ASSERT(sizeof(IO_STACK_LOCATION) == UNDIS_WDMIO_X64_X86(0x48, 0x24));
UNDIS_C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.IoControlCode) ==
               UNDIS_WDMIO_X64_X86(0x18, 0x0C));
UNDIS_C_ASSERT(FIELD_OFFSET(IO_STACK_LOCATION, FileObject) == UNDIS_WDMIO_X64_X86(0x30, 0x18));

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_WDMIO_H */
