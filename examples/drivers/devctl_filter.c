/* SPDX-License-Identifier: MIT */
/*
 * devctl_filter.c: an NDIS 6.30 lightweight filter with a control device,
 * written for the WDK. Each module passes traffic through and counts it;
 * the driver registers a device (NdisRegisterDeviceEx, DO_DIRECT_IO) that a
 * user-mode program opens as \\.\UndisDevctl to read the counters
 * (IOCTL_DEVCTL_QUERY_COUNTERS), store and fetch a message through direct
 * I/O IOCTLs, invert bytes through METHOD_NEITHER, and pass a message from
 * a WriteFile to a ReadFile that waits for it (a pending read, with a cancel
 * routine, completed by the next write or cancelled when its handle
 * closes). Driver code: it includes only <ndis.h> and its own header.
 *
 * Built with DEVCTL_BREAKS defined, the global DevctlBreak makes it break
 * one of the I/O manager's rules on purpose (DEVCTL_BREAK_*), so that the
 * host's tests see each device rule reported.
 */
#include <ndis.h>

#include "devctl_filter.h"

#define DEVCTL_TAG 'lCvD'

#ifdef DEVCTL_BREAKS
enum {
    DEVCTL_BREAK_NONE = 0,
    DEVCTL_BREAK_BAD_ATTRIBUTES = 1,     /* NdisRegisterDeviceEx: Header.Size too small */
    DEVCTL_BREAK_COMPLETE_TWICE = 2,     /* QUERY_COUNTERS completed twice */
    DEVCTL_BREAK_PENDING_UNMARKED = 3,   /* a read pends without IoMarkIrpPending */
    DEVCTL_BREAK_NOT_COMPLETED = 4,      /* RESET_COUNTERS returns without completing */
    DEVCTL_BREAK_CANCEL_ROUTINE_SET = 5, /* a read completed with its cancel routine set */
    DEVCTL_BREAK_NO_CANCEL_ROUTINE = 6, /* reads queued without a cancel routine, kept at cleanup */
    DEVCTL_BREAK_KEEP_DEVICE = 7        /* unload leaves the device registered */
};
#    ifndef DEVCTL_BREAK_DEFAULT
#        define DEVCTL_BREAK_DEFAULT DEVCTL_BREAK_NONE
#    endif
ULONG DevctlBreak = DEVCTL_BREAK_DEFAULT;
#    define BREAKS(_Which) (DevctlBreak == (_Which))
#else
#    define BREAKS(_Which) FALSE
#endif

typedef struct _DEVCTL_MODULE {
    NDIS_HANDLE FilterHandle;
    NDIS_SPIN_LOCK Lock;
    BOOLEAN PausePending;
    LONG Out; /* sends and receives passed on, not yet back */
} DEVCTL_MODULE, *PDEVCTL_MODULE;

/* The driver's globals: one device, its counters, the reads that wait. */
static struct {
    NDIS_HANDLE DriverHandle;
    NDIS_HANDLE DeviceHandle;
    PDEVICE_OBJECT Device;
    LONG Modules;
    LONG64 SendNbls, SendBytes, ReceiveNbls, ReceiveBytes;
    LONG64 Opens, Ioctls, Reads, Writes;
    NDIS_SPIN_LOCK QueueLock; /* PendedReads, Message */
    LIST_ENTRY PendedReads;
    UCHAR Message[DEVCTL_MESSAGE_MAX];
    ULONG MessageLength;
} Devctl;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD DevctlUnload;
static FILTER_ATTACH DevctlAttach;
static FILTER_DETACH DevctlDetach;
static FILTER_RESTART DevctlRestart;
static FILTER_PAUSE DevctlPause;
static FILTER_SEND_NET_BUFFER_LISTS DevctlSend;
static FILTER_SEND_NET_BUFFER_LISTS_COMPLETE DevctlSendComplete;
static FILTER_RECEIVE_NET_BUFFER_LISTS DevctlReceive;
static FILTER_RETURN_NET_BUFFER_LISTS DevctlReturn;
static DRIVER_DISPATCH DevctlOpenClose;
static DRIVER_DISPATCH DevctlCleanup;
static DRIVER_DISPATCH DevctlRead;
static DRIVER_DISPATCH DevctlWrite;
static DRIVER_DISPATCH DevctlIoControl;
static DRIVER_CANCEL DevctlCancelRead;

/* ---- the filter: pass through, count, pause when everything is back ------------- */

static VOID
DevctlCount(PNET_BUFFER_LIST Nbls, LONG64 *NblCount, LONG64 *ByteCount, PLONG Out)
{
    LONG n = 0;
    for (; Nbls != NULL; Nbls = NET_BUFFER_LIST_NEXT_NBL(Nbls)) {
        PNET_BUFFER Nb;
        n++;
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbls); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            InterlockedAdd64(ByteCount, NET_BUFFER_DATA_LENGTH(Nb));
        }
    }
    InterlockedAdd64(NblCount, n);
    if (Out != NULL) {
        InterlockedAdd(Out, n);
    }
}

/* The NBLs of a chain, counted before it is handed back (after that the
 * chain is no longer the filter's to read). */
static LONG
DevctlLength(PNET_BUFFER_LIST Nbls)
{
    LONG n = 0;
    for (; Nbls != NULL; Nbls = NET_BUFFER_LIST_NEXT_NBL(Nbls)) {
        n++;
    }
    return n;
}

/* n NBLs came back: a pause that waits completes when none is out. */
static VOID
DevctlBack(PDEVCTL_MODULE Module, LONG n)
{
    BOOLEAN Complete = FALSE;
    NdisAcquireSpinLock(&Module->Lock);
    Module->Out -= n;
    if (Module->PausePending && Module->Out == 0) {
        Module->PausePending = FALSE;
        Complete = TRUE;
    }
    NdisReleaseSpinLock(&Module->Lock);
    if (Complete) {
        NdisFPauseComplete(Module->FilterHandle);
    }
}

static NDIS_STATUS
DevctlAttach(NDIS_HANDLE NdisFilterHandle,
             NDIS_HANDLE FilterDriverContext,
             PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    PDEVCTL_MODULE Module;
    NDIS_FILTER_ATTRIBUTES Attributes;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(FilterDriverContext);
    UNREFERENCED_PARAMETER(AttachParameters);
    Module = (PDEVCTL_MODULE)NdisAllocateMemoryWithTagPriority(NdisFilterHandle, sizeof(*Module),
                                                               DEVCTL_TAG, NormalPoolPriority);
    if (Module == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Module, sizeof(*Module));
    Module->FilterHandle = NdisFilterHandle;
    NdisAllocateSpinLock(&Module->Lock);
    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    Status = NdisFSetAttributes(NdisFilterHandle, Module, &Attributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Module->Lock);
        NdisFreeMemoryWithTagPriority(NdisFilterHandle, Module, DEVCTL_TAG);
        return Status;
    }
    InterlockedIncrement(&Devctl.Modules);
    return NDIS_STATUS_SUCCESS;
}

static VOID
DevctlDetach(NDIS_HANDLE FilterModuleContext)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    InterlockedDecrement(&Devctl.Modules);
    NdisFreeSpinLock(&Module->Lock);
    NdisFreeMemoryWithTagPriority(Module->FilterHandle, Module, DEVCTL_TAG);
}

static NDIS_STATUS
DevctlRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
DevctlPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Module->Lock);
    if (Module->Out != 0) {
        Module->PausePending = TRUE;
        Status = NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Module->Lock);
    return Status;
}

static VOID
DevctlSend(NDIS_HANDLE FilterModuleContext,
           PNET_BUFFER_LIST NetBufferLists,
           NDIS_PORT_NUMBER PortNumber,
           ULONG SendFlags)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    DevctlCount(NetBufferLists, &Devctl.SendNbls, &Devctl.SendBytes, &Module->Out);
    NdisFSendNetBufferLists(Module->FilterHandle, NetBufferLists, PortNumber, SendFlags);
}

static VOID
DevctlSendComplete(NDIS_HANDLE FilterModuleContext,
                   PNET_BUFFER_LIST NetBufferLists,
                   ULONG SendCompleteFlags)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    LONG n = DevctlLength(NetBufferLists);
    NdisFSendNetBufferListsComplete(Module->FilterHandle, NetBufferLists, SendCompleteFlags);
    DevctlBack(Module, n);
}

static VOID
DevctlReceive(NDIS_HANDLE FilterModuleContext,
              PNET_BUFFER_LIST NetBufferLists,
              NDIS_PORT_NUMBER PortNumber,
              ULONG NumberOfNetBufferLists,
              ULONG ReceiveFlags)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    BOOLEAN Resources = NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags);
    DevctlCount(NetBufferLists, &Devctl.ReceiveNbls, &Devctl.ReceiveBytes,
                Resources ? NULL : &Module->Out);
    NdisFIndicateReceiveNetBufferLists(Module->FilterHandle, NetBufferLists, PortNumber,
                                       NumberOfNetBufferLists, ReceiveFlags);
}

static VOID
DevctlReturn(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PDEVCTL_MODULE Module = (PDEVCTL_MODULE)FilterModuleContext;
    LONG n = DevctlLength(NetBufferLists);
    NdisFReturnNetBufferLists(Module->FilterHandle, NetBufferLists, ReturnFlags);
    DevctlBack(Module, n);
}

/* ---- the device: create, close, cleanup ------------------------------------------ */

static NTSTATUS
DevctlComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS
DevctlOpenClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->MajorFunction == IRP_MJ_CREATE) {
        InterlockedIncrement64(&Devctl.Opens);
        IrpSp->FileObject->FsContext = &Devctl; /* every open shares the driver's state */
    } else {
        IrpSp->FileObject->FsContext = NULL;
    }
    return DevctlComplete(Irp, STATUS_SUCCESS, 0);
}

/* Takes the first pended read of FileObject (any file when NULL) off the
 * queue, if it can still be completed (its cancel routine not running). */
static PIRP
DevctlTakeRead(PFILE_OBJECT FileObject)
{
    PLIST_ENTRY Link;
    PIRP Found = NULL;
    NdisAcquireSpinLock(&Devctl.QueueLock);
    for (Link = Devctl.PendedReads.Flink; Link != &Devctl.PendedReads; Link = Link->Flink) {
        PIRP Irp = CONTAINING_RECORD(Link, IRP, Tail.Overlay.ListEntry);
        if (FileObject != NULL && IoGetCurrentIrpStackLocation(Irp)->FileObject != FileObject) {
            continue;
        }
        if (BREAKS(DEVCTL_BREAK_CANCEL_ROUTINE_SET) || IoSetCancelRoutine(Irp, NULL) != NULL) {
            RemoveEntryList(Link);
            Found = Irp;
            break;
        }
    }
    NdisReleaseSpinLock(&Devctl.QueueLock);
    return Found;
}

static NTSTATUS
DevctlCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PFILE_OBJECT FileObject = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    PIRP Read;
    UNREFERENCED_PARAMETER(DeviceObject);
    while (!BREAKS(DEVCTL_BREAK_NO_CANCEL_ROUTINE) && (Read = DevctlTakeRead(FileObject)) != NULL) {
        DevctlComplete(Read, STATUS_CANCELLED, 0);
    }
    return DevctlComplete(Irp, STATUS_SUCCESS, 0);
}

/* ---- reads wait for a message ------------------------------------------------------ */

static VOID
DevctlCancelRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    NdisAcquireSpinLock(&Devctl.QueueLock);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    NdisReleaseSpinLock(&Devctl.QueueLock);
    DevctlComplete(Irp, STATUS_CANCELLED, 0);
}

/* Copies the message into a read's buffer and completes the read. */
static NTSTATUS
DevctlFinishRead(PIRP Irp, const UCHAR *Data, ULONG Length)
{
    PUCHAR Buffer = (PUCHAR)MmGetSystemAddressForMdlSafe(Irp->MdlAddress,
                                                         NormalPagePriority | MdlMappingNoExecute);
    ULONG Room = MmGetMdlByteCount(Irp->MdlAddress);
    ULONG n = Length < Room ? Length : Room;
    if (Buffer == NULL) {
        return DevctlComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    }
    NdisMoveMemory(Buffer, Data, n);
    return DevctlComplete(Irp, STATUS_SUCCESS, n);
}

/* Queues a read until a message comes (the caller holds QueueLock): FALSE
 * when it was cancelled before it could be queued. */
static BOOLEAN
DevctlPendRead(PIRP Irp)
{
    if (!BREAKS(DEVCTL_BREAK_NO_CANCEL_ROUTINE)) {
        IoSetCancelRoutine(Irp, DevctlCancelRead);
        if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
            return FALSE;
        }
    }
    InsertTailList(&Devctl.PendedReads, &Irp->Tail.Overlay.ListEntry);
    if (!BREAKS(DEVCTL_BREAK_PENDING_UNMARKED)) {
        IoMarkIrpPending(Irp);
    }
    return TRUE;
}

static NTSTATUS
DevctlRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UCHAR Message[DEVCTL_MESSAGE_MAX];
    ULONG Length = 0;
    BOOLEAN Pended = FALSE;
    UNREFERENCED_PARAMETER(DeviceObject);
    InterlockedIncrement64(&Devctl.Reads);
    if (Irp->MdlAddress == NULL) {
        return DevctlComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }
    NdisAcquireSpinLock(&Devctl.QueueLock);
    if (Devctl.MessageLength != 0) {
        Length = Devctl.MessageLength;
        NdisMoveMemory(Message, Devctl.Message, Length);
        Devctl.MessageLength = 0;
    } else {
        Pended = DevctlPendRead(Irp);
    }
    NdisReleaseSpinLock(&Devctl.QueueLock);
    if (Pended) {
        return STATUS_PENDING;
    }
    if (Length == 0) {
        return DevctlComplete(Irp, STATUS_CANCELLED, 0);
    }
    return DevctlFinishRead(Irp, Message, Length);
}

/* A message arrived: to the first read waiting, or stored for the next. */
static VOID
DevctlDeliver(const UCHAR *Data, ULONG Length)
{
    PIRP Read = DevctlTakeRead(NULL);
    if (Read != NULL) {
        (VOID) DevctlFinishRead(Read, Data, Length);
        return;
    }
    NdisAcquireSpinLock(&Devctl.QueueLock);
    NdisMoveMemory(Devctl.Message, Data, Length);
    Devctl.MessageLength = Length;
    NdisReleaseSpinLock(&Devctl.QueueLock);
}

/* The bytes an MDL of a direct-I/O request describes, at most the message
 * size; NULL when it cannot be mapped. */
static PUCHAR
DevctlMdlBytes(PMDL Mdl, PULONG Length)
{
    ULONG Count = MmGetMdlByteCount(Mdl);
    *Length = Count < DEVCTL_MESSAGE_MAX ? Count : DEVCTL_MESSAGE_MAX;
    return (PUCHAR)MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority | MdlMappingNoExecute);
}

static NTSTATUS
DevctlWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PUCHAR Data;
    ULONG Length;
    UNREFERENCED_PARAMETER(DeviceObject);
    InterlockedIncrement64(&Devctl.Writes);
    if (Irp->MdlAddress == NULL) {
        return DevctlComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }
    Data = DevctlMdlBytes(Irp->MdlAddress, &Length);
    if (Data == NULL) {
        return DevctlComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    }
    DevctlDeliver(Data, Length);
    return DevctlComplete(Irp, STATUS_SUCCESS, Length);
}

/* ---- DeviceIoControl ------------------------------------------------------------------ */

static NTSTATUS
DevctlQueryCounters(PIRP Irp, ULONG OutputLength)
{
    PDEVCTL_COUNTERS Out = (PDEVCTL_COUNTERS)Irp->AssociatedIrp.SystemBuffer;
    if (OutputLength < sizeof(DEVCTL_COUNTERS)) {
        return DevctlComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    }
    Out->Version = 1;
    Out->Modules = (ULONG)ReadNoFence(&Devctl.Modules);
    Out->SendNbls = (ULONG64)ReadNoFence64(&Devctl.SendNbls);
    Out->SendBytes = (ULONG64)ReadNoFence64(&Devctl.SendBytes);
    Out->ReceiveNbls = (ULONG64)ReadNoFence64(&Devctl.ReceiveNbls);
    Out->ReceiveBytes = (ULONG64)ReadNoFence64(&Devctl.ReceiveBytes);
    Out->Opens = (ULONG64)ReadNoFence64(&Devctl.Opens);
    Out->Ioctls = (ULONG64)ReadNoFence64(&Devctl.Ioctls);
    Out->Reads = (ULONG64)ReadNoFence64(&Devctl.Reads);
    Out->Writes = (ULONG64)ReadNoFence64(&Devctl.Writes);
    if (BREAKS(DEVCTL_BREAK_COMPLETE_TWICE)) {
        DevctlComplete(Irp, STATUS_SUCCESS, sizeof(DEVCTL_COUNTERS));
    }
    return DevctlComplete(Irp, STATUS_SUCCESS, sizeof(DEVCTL_COUNTERS));
}

static NTSTATUS
DevctlMessageIoctl(PIRP Irp, BOOLEAN Set)
{
    PUCHAR Data;
    ULONG Length;
    if (Irp->MdlAddress == NULL) {
        return DevctlComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }
    Data = DevctlMdlBytes(Irp->MdlAddress, &Length);
    if (Data == NULL) {
        return DevctlComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    }
    if (Set) {
        DevctlDeliver(Data, Length);
        return DevctlComplete(Irp, STATUS_SUCCESS, 0);
    }
    NdisAcquireSpinLock(&Devctl.QueueLock);
    Length = Length < Devctl.MessageLength ? Length : Devctl.MessageLength;
    NdisMoveMemory(Data, Devctl.Message, Length);
    NdisReleaseSpinLock(&Devctl.QueueLock);
    return DevctlComplete(Irp, STATUS_SUCCESS, Length);
}

/* METHOD_NEITHER: the caller's own addresses. A driver on Windows reads
 * them inside __try after ProbeForRead / ProbeForWrite, in the caller's
 * context; the host hands it buffers that are always valid. */
static NTSTATUS
DevctlInvert(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    const UCHAR *In = (const UCHAR *)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    PUCHAR Out = (PUCHAR)Irp->UserBuffer;
    ULONG InLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG OutLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = InLength < OutLength ? InLength : OutLength;
    ULONG i;
    if (n != 0 && (In == NULL || Out == NULL)) {
        return DevctlComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }
    for (i = 0; i < n; i++) {
        Out[i] = (UCHAR)(In[i] ^ 0xFF);
    }
    return DevctlComplete(Irp, STATUS_SUCCESS, n);
}

static NTSTATUS
DevctlIoControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    InterlockedIncrement64(&Devctl.Ioctls);
    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_DEVCTL_QUERY_COUNTERS:
        return DevctlQueryCounters(Irp, IrpSp->Parameters.DeviceIoControl.OutputBufferLength);
    case IOCTL_DEVCTL_RESET_COUNTERS:
        InterlockedExchange64(&Devctl.SendNbls, 0);
        InterlockedExchange64(&Devctl.SendBytes, 0);
        InterlockedExchange64(&Devctl.ReceiveNbls, 0);
        InterlockedExchange64(&Devctl.ReceiveBytes, 0);
        if (BREAKS(DEVCTL_BREAK_NOT_COMPLETED)) {
            return STATUS_SUCCESS;
        }
        return DevctlComplete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_DEVCTL_SET_MESSAGE:
        return DevctlMessageIoctl(Irp, TRUE);
    case IOCTL_DEVCTL_GET_MESSAGE:
        return DevctlMessageIoctl(Irp, FALSE);
    case IOCTL_DEVCTL_INVERT:
        return DevctlInvert(Irp, IrpSp);
    default:
        return DevctlComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* ---- registration ------------------------------------------------------------------ */

static NDIS_STATUS
DevctlRegisterDevice(VOID)
{
    PDRIVER_DISPATCH Dispatch[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    UNICODE_STRING DeviceName = RTL_CONSTANT_STRING(DEVCTL_NT_DEVICE_NAME);
    UNICODE_STRING LinkName = RTL_CONSTANT_STRING(DEVCTL_DOS_DEVICE_NAME);
    NDIS_STATUS Status;

    NdisZeroMemory(Dispatch, sizeof(Dispatch));
    Dispatch[IRP_MJ_CREATE] = DevctlOpenClose;
    Dispatch[IRP_MJ_CLOSE] = DevctlOpenClose;
    Dispatch[IRP_MJ_CLEANUP] = DevctlCleanup;
    Dispatch[IRP_MJ_READ] = DevctlRead;
    Dispatch[IRP_MJ_WRITE] = DevctlWrite;
    Dispatch[IRP_MJ_DEVICE_CONTROL] = DevctlIoControl;
    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    if (BREAKS(DEVCTL_BREAK_BAD_ATTRIBUTES)) {
        Attributes.Header.Size = sizeof(NDIS_OBJECT_HEADER);
    }
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &LinkName;
    Attributes.MajorFunctions = Dispatch;
    Status = NdisRegisterDeviceEx(Devctl.DriverHandle, &Attributes, &Devctl.Device,
                                  &Devctl.DeviceHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Devctl.Device->Flags |= DO_DIRECT_IO;
    }
    return Status;
}

static VOID
DevctlUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (!BREAKS(DEVCTL_BREAK_KEEP_DEVICE)) {
        NdisDeregisterDeviceEx(Devctl.DeviceHandle);
    }
    NdisFDeregisterFilterDriver(Devctl.DriverHandle);
    NdisFreeSpinLock(&Devctl.QueueLock);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS Chars;
    NDIS_STRING FriendlyName = RTL_CONSTANT_STRING(L"undis devctl filter");
    NDIS_STRING UniqueName = RTL_CONSTANT_STRING(L"{7d0c6a52-19e4-4b7f-9a3d-646576637466}");
    NDIS_STRING ServiceName = RTL_CONSTANT_STRING(L"devctl");
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);
    NdisZeroMemory(&Devctl, sizeof(Devctl));
    NdisAllocateSpinLock(&Devctl.QueueLock);
    InitializeListHead(&Devctl.PendedReads);
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 30;
    Chars.MajorDriverVersion = 1;
    Chars.FriendlyName = FriendlyName;
    Chars.UniqueName = UniqueName;
    Chars.ServiceName = ServiceName;
    Chars.AttachHandler = DevctlAttach;
    Chars.DetachHandler = DevctlDetach;
    Chars.RestartHandler = DevctlRestart;
    Chars.PauseHandler = DevctlPause;
    Chars.SendNetBufferListsHandler = DevctlSend;
    Chars.SendNetBufferListsCompleteHandler = DevctlSendComplete;
    Chars.ReceiveNetBufferListsHandler = DevctlReceive;
    Chars.ReturnNetBufferListsHandler = DevctlReturn;
    DriverObject->DriverUnload = DevctlUnload;
    Status = NdisFRegisterFilterDriver(DriverObject, DriverObject, &Chars, &Devctl.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Devctl.QueueLock);
        return Status;
    }
    Status = DevctlRegisterDevice();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFDeregisterFilterDriver(Devctl.DriverHandle);
        NdisFreeSpinLock(&Devctl.QueueLock);
    }
    return Status;
}
