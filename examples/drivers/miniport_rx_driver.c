/* SPDX-License-Identifier: MIT */
/*
 * miniport_rx_driver.c: miniport_rx.c's receive path made a whole NDIS 6
 * miniport driver (WDK style; driver code, it includes only <ndis.h> and
 * miniport_rx.h). DriverEntry registers it; MiniportInitializeEx sets its
 * attributes and initializes the receive ring (MpInitializeReceive). Its
 * NIC's wire is looped back: a frame sent is written into the next receive
 * descriptor the NIC owns, the send completes, and the "receive interrupt"
 * is a DPC (KeInsertQueueDpc) that runs MpHandleReceiveInterrupt at
 * DISPATCH_LEVEL, 8 frames at a time, queueing itself again while done
 * descriptors are left. The pause stops the DPC and pends until every
 * indicated NBL is back (MpReturnNetBufferLists); the halt frees the ring
 * (MpHaltReceive).
 */
#include "miniport_rx.h"

#define MPX_TAG      'dRpM'
#define MPX_PER_DPC  8
#define MPX_MTU      1500
#define MPX_MIN_SEND 14

typedef struct _MPX_ADAPTER {
    MP_ADAPTER Rx; /* miniport_rx.c's receive state: first, so the context is both */
    NDIS_SPIN_LOCK Lock;
    KDPC Dpc;     /* the receive interrupt's DPC */
    ULONG HwNext; /* next descriptor the NIC writes */
    BOOLEAN Running;
    BOOLEAN PausePending;
    ULONG PacketFilter;
    LONG64 Sent, Missed;
} MPX_ADAPTER, *PMPX_ADAPTER;

static NDIS_HANDLE MpxDriverHandle;
static const UCHAR MpxMac[6] = { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x01 };

static KDEFERRED_ROUTINE MpxReceiveDpc;

/* The NIC: a frame from the wire into the next descriptor it owns. */
static BOOLEAN
MpxNicReceive(PMPX_ADAPTER Adapter, PNET_BUFFER Nb)
{
    PMP_RX_DESCRIPTOR Descriptor = &Adapter->Rx.RxDescriptors[Adapter->HwNext];
    PUCHAR Buffer = Adapter->Rx.RxSlots[Adapter->HwNext].Buffer;
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    PUCHAR Data;
    if ((ReadUShortAcquire(&Descriptor->Status) & MP_RXD_OWNED_BY_HW) == 0 ||
        Length < MPX_MIN_SEND || Length > MP_RX_BUFFER_SIZE) {
        return FALSE;
    }
    Data = (PUCHAR)NdisGetDataBuffer(Nb, Length, Buffer, 1, 0);
    if (Data == NULL) {
        return FALSE;
    }
    if (Data != Buffer) {
        NdisMoveMemory(Buffer, Data, Length);
    }
    Descriptor->Length = (USHORT)Length;
    Descriptor->VlanTci = 0;
    WriteUShortRelease(&Descriptor->Status, MP_RXD_DONE); /* the descriptor last, as DMA */
    Adapter->HwNext = (Adapter->HwNext + 1) % MP_RX_RING_SIZE;
    return TRUE;
}

static VOID
MpxSend(NDIS_HANDLE MiniportAdapterContext,
        PNET_BUFFER_LIST NetBufferLists,
        NDIS_PORT_NUMBER PortNumber,
        ULONG SendFlags)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    BOOLEAN Queue = FALSE;
    UNREFERENCED_PARAMETER(PortNumber);
    NdisAcquireSpinLock(&Adapter->Lock);
    for (PNET_BUFFER_LIST Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        for (PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL;
             Nb = NET_BUFFER_NEXT_NB(Nb)) {
            if (MpxNicReceive(Adapter, Nb)) {
                Queue = TRUE;
            } else {
                Adapter->Missed++;
            }
        }
        Adapter->Sent++;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
    }
    Queue = Queue && Adapter->Running;
    NdisReleaseSpinLock(&Adapter->Lock);
    NdisMSendNetBufferListsComplete(Adapter->Rx.AdapterHandle, NetBufferLists,
                                    (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                        : 0);
    if (Queue) {
        KeInsertQueueDpc(&Adapter->Dpc, NULL, NULL);
    }
}

static VOID
MpxReceiveDpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)DeferredContext;
    BOOLEAN More = FALSE;
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (!Adapter->Running) {
        NdisDprReleaseSpinLock(&Adapter->Lock);
        return; /* the frames wait in the ring for the restart */
    }
    NdisDprReleaseSpinLock(&Adapter->Lock);
    MpHandleReceiveInterrupt(&Adapter->Rx, MPX_PER_DPC, &More);
    if (More) {
        KeInsertQueueDpc(Dpc, NULL, NULL);
    }
}

static VOID
MpxReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    BOOLEAN PauseNow;
    MpReturnNetBufferLists(MiniportAdapterContext, NetBufferLists, ReturnFlags);
    NdisAcquireSpinLock(&Adapter->Lock);
    PauseNow = Adapter->PausePending && Adapter->Rx.RxOutstanding == 0;
    if (PauseNow) {
        Adapter->PausePending = FALSE;
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    if (PauseNow) {
        NdisMPauseComplete(Adapter->Rx.AdapterHandle);
    }
}

/* ---- initialize, halt, restart, pause ----------------------------------------- */

static NDIS_STATUS
MpxSetAttributes(PMPX_ADAPTER Adapter, NDIS_HANDLE Handle)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    NDIS_STATUS Status;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(Handle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = MPX_MTU;
    Gen.MaxXmitLinkSpeed = Gen.XmitLinkSpeed = 1000000000ull;
    Gen.MaxRcvLinkSpeed = Gen.RcvLinkSpeed = 1000000000ull;
    Gen.MediaConnectState = MediaConnectStateConnected;
    Gen.MediaDuplexState = MediaDuplexStateFull;
    Gen.LookaheadSize = MPX_MTU;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    Gen.MacAddressLength = sizeof(MpxMac);
    NdisMoveMemory(Gen.PermanentMacAddress, MpxMac, sizeof(MpxMac));
    NdisMoveMemory(Gen.CurrentMacAddress, MpxMac, sizeof(MpxMac));
    Gen.AccessType = NET_IF_ACCESS_BROADCAST;
    Gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    Gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = TRUE;
    return NdisMSetMiniportAttributes(Handle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

static NDIS_STATUS
MpxInitialize(NDIS_HANDLE MiniportAdapterHandle,
              NDIS_HANDLE MiniportDriverContext,
              PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMPX_ADAPTER Adapter;
    NDIS_STATUS Status;
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    Adapter = (PMPX_ADAPTER)NdisAllocateMemoryWithTagPriority(
        MiniportAdapterHandle, sizeof(*Adapter), MPX_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Status = MpxSetAttributes(Adapter, MiniportAdapterHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpInitializeReceive(&Adapter->Rx, MiniportAdapterHandle);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    NdisAllocateSpinLock(&Adapter->Lock);
    KeInitializeDpc(&Adapter->Dpc, MpxReceiveDpc, Adapter);
    return NDIS_STATUS_SUCCESS;
}

static VOID
MpxHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(HaltAction);
    KeRemoveQueueDpc(&Adapter->Dpc);
    KeFlushQueuedDpcs();
    MpHaltReceive(&Adapter->Rx);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

static NDIS_STATUS
MpxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = TRUE;
    NdisReleaseSpinLock(&Adapter->Lock);
    KeInsertQueueDpc(&Adapter->Dpc, NULL, NULL); /* frames that came while paused */
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    BOOLEAN Wait;
    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = FALSE;
    NdisReleaseSpinLock(&Adapter->Lock);
    KeRemoveQueueDpc(&Adapter->Dpc);
    KeFlushQueuedDpcs(); /* a DPC already running finishes its indication */
    NdisAcquireSpinLock(&Adapter->Lock);
    Wait = Adapter->Rx.RxOutstanding != 0;
    Adapter->PausePending = Wait;
    NdisReleaseSpinLock(&Adapter->Lock);
    return Wait ? NDIS_STATUS_PENDING : NDIS_STATUS_SUCCESS;
}

/* ---- OID requests and the rest -------------------------------------------------- */

static NDIS_STATUS
MpxAnswer(PNDIS_OID_REQUEST Request, const VOID *Data, ULONG Size)
{
    if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < Size) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = Size;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, Data, Size);
    Request->DATA.QUERY_INFORMATION.BytesWritten = Size;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)
{
    PMPX_ADAPTER Adapter = (PMPX_ADAPTER)MiniportAdapterContext;
    ULONG Mtu = MPX_MTU;
    if (Request->RequestType == NdisRequestSetInformation &&
        Request->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (Request->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&Adapter->PacketFilter, Request->DATA.SET_INFORMATION.InformationBuffer,
                       sizeof(ULONG));
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    if (Request->RequestType != NdisRequestQueryInformation) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        return MpxAnswer(Request, &Adapter->PacketFilter, sizeof(ULONG));
    case OID_802_3_CURRENT_ADDRESS:
    case OID_802_3_PERMANENT_ADDRESS:
        return MpxAnswer(Request, MpxMac, sizeof(MpxMac));
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        return MpxAnswer(Request, &Mtu, sizeof(Mtu));
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static VOID
MpxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId); /* every send completes at once */
}

static VOID
MpxCancelOid(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

static VOID
MpxPnP(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

static VOID
MpxShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

static VOID
MpxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpxDriverHandle);
}

DRIVER_INITIALIZE DriverEntry;

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 0;
    Chars.InitializeHandlerEx = MpxInitialize;
    Chars.HaltHandlerEx = MpxHalt;
    Chars.UnloadHandler = MpxUnload;
    Chars.PauseHandler = MpxPause;
    Chars.RestartHandler = MpxRestart;
    Chars.OidRequestHandler = MpxOidRequest;
    Chars.SendNetBufferListsHandler = MpxSend;
    Chars.ReturnNetBufferListsHandler = MpxReturn;
    Chars.CancelSendHandler = MpxCancelSend;
    Chars.DevicePnPEventNotifyHandler = MpxPnP;
    Chars.ShutdownHandlerEx = MpxShutdown;
    Chars.CancelOidRequestHandler = MpxCancelOid;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpxDriverHandle);
}
