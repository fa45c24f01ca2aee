/* SPDX-License-Identifier: MIT */
/*
 * loopback_miniport.c: a whole NDIS 6 miniport driver, written for the WDK,
 * whose hardware is a loopback ring (loopback_miniport.h): DriverEntry
 * registers it; MiniportInitializeEx sets its registration and general
 * attributes and allocates its receive NBLs; a send is copied into the
 * ring and completed, and the ring is drained at once as receives; the
 * pause completes held sends and waits (pending) until every receive is
 * back; OIDs are answered as an Ethernet adapter answers them; link state
 * is indicated at restart. Driver code: it includes only <ndis.h> (and its
 * own header).
 *
 * Built with LOOPBACK_BREAKS defined, the global LoopbackBreak makes the
 * driver break one of NDIS's rules on purpose (LOOPBACK_BREAK_*);
 * LOOPBACK_BREAK_DEFAULT chooses its value at build time.
 */
#include "loopback_miniport.h"

#define LB_TAG       'bpLU'
#define LB_RING      64   /* frames the ring holds */
#define LB_RX        32   /* receive NBLs */
#define LB_RX_LOW    4    /* fewer free than this: indicate with RESOURCES */
#define LB_FRAME_MAX 1514 /* bytes of one frame */
#define LB_MTU       1500

#ifdef LOOPBACK_BREAKS
#    ifndef LOOPBACK_BREAK_DEFAULT
#        define LOOPBACK_BREAK_DEFAULT LOOPBACK_BREAK_NONE
#    endif
ULONG LoopbackBreak = LOOPBACK_BREAK_DEFAULT;
#    define BREAKS(_Which) (LoopbackBreak == (_Which))
#else
#    define BREAKS(_Which) FALSE
#endif

LOOPBACK_COUNTERS LoopbackCounters;
ULONG LoopbackHoldSends;
ULONG LoopbackPendLife;
ULONG LoopbackPendOids;
ULONG LoopbackFailInitialize;

typedef struct _LB_RX_BUFFER {
    PNET_BUFFER_LIST Nbl;
    PMDL Mdl;
    UCHAR Data[LB_FRAME_MAX];
} LB_RX_BUFFER, *PLB_RX_BUFFER;

typedef struct _LB_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    NDIS_SPIN_LOCK Lock;
    NDIS_HANDLE RxPool;
    PLB_RX_BUFFER Rx;        /* LB_RX of them */
    PNET_BUFFER_LIST RxFree; /* free receive NBLs, linked by Next */
    ULONG RxFreeCount;
    ULONG RingHead, RingCount;
    ULONG RingLength[LB_RING];
    UCHAR Ring[LB_RING][LB_FRAME_MAX];
    PNET_BUFFER_LIST Held; /* sends held (LoopbackHoldSends) */
    BOOLEAN Running;
    BOOLEAN PausePending;
    ULONG PacketFilter;
    UCHAR Mac[6];
} LB_ADAPTER, *PLB_ADAPTER;

static NDIS_HANDLE LbDriverHandle;
static const UCHAR LbMac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
static NDIS_OID LbSupportedOids[] = {
    OID_GEN_SUPPORTED_LIST,    OID_GEN_CURRENT_PACKET_FILTER, OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_802_3_CURRENT_ADDRESS, OID_802_3_PERMANENT_ADDRESS,   OID_GEN_STATISTICS,
    OID_802_3_MULTICAST_LIST,  OID_GEN_CURRENT_LOOKAHEAD,
};

/* ---- the ring ------------------------------------------------------------------ */

/* Copy each NET_BUFFER of a send into the ring (dropped when full). */
static VOID
LbRingPut(PLB_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    for (PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
        ULONG Slot;
        PUCHAR Data;
        if (Length == 0 || Length > LB_FRAME_MAX || Adapter->RingCount == LB_RING) {
            continue;
        }
        Slot = (Adapter->RingHead + Adapter->RingCount) % LB_RING;
        Data = (PUCHAR)NdisGetDataBuffer(Nb, Length, Adapter->Ring[Slot], 1, 0);
        if (Data == NULL) {
            continue;
        }
        if (Data != Adapter->Ring[Slot]) {
            NdisMoveMemory(Adapter->Ring[Slot], Data, Length);
        }
        Adapter->RingLength[Slot] = Length;
        Adapter->RingCount++;
    }
}

/* Under the lock: a chain of receive NBLs for the frames in the ring. */
static PNET_BUFFER_LIST
LbRingTake(PLB_ADAPTER Adapter, PULONG Count, PBOOLEAN Low)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    *Count = 0;
    while (Adapter->RingCount > 0 && Adapter->RxFree != NULL) {
        PNET_BUFFER_LIST Nbl = Adapter->RxFree;
        PLB_RX_BUFFER Rx = (PLB_RX_BUFFER)Nbl->MiniportReserved[0];
        PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
        ULONG Length = Adapter->RingLength[Adapter->RingHead];
        Adapter->RxFree = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        Adapter->RxFreeCount--;
        NdisMoveMemory(Rx->Data, Adapter->Ring[Adapter->RingHead], Length);
        Adapter->RingHead = (Adapter->RingHead + 1) % LB_RING;
        Adapter->RingCount--;
        NET_BUFFER_DATA_LENGTH(Nb) = Length;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        *Tail = Nbl;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
        (*Count)++;
    }
    *Low = Adapter->RxFreeCount < LB_RX_LOW;
    return Head;
}

static VOID
LbRxFree(PLB_ADAPTER Adapter, PNET_BUFFER_LIST Nbls)
{
    while (Nbls != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Nbls);
        NET_BUFFER_LIST_NEXT_NBL(Nbls) = Adapter->RxFree;
        Adapter->RxFree = Nbls;
        Adapter->RxFreeCount++;
        Nbls = Next;
    }
}

/* The ring's "interrupt": indicate one batch of what it holds (running
 * only); FALSE when there was nothing to indicate. */
static BOOLEAN
LbDrainOnce(PLB_ADAPTER Adapter, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Nbls;
    ULONG Count, Flags;
    BOOLEAN Low;
    NdisAcquireSpinLock(&Adapter->Lock);
    if (!Adapter->Running && !BREAKS(LOOPBACK_BREAK_INDICATE_PAUSED)) {
        NdisReleaseSpinLock(&Adapter->Lock);
        return FALSE;
    }
    Nbls = LbRingTake(Adapter, &Count, &Low);
    NdisReleaseSpinLock(&Adapter->Lock);
    if (Nbls == NULL) {
        return FALSE;
    }
    Flags = (DispatchLevel || BREAKS(LOOPBACK_BREAK_DISPATCH_FLAG))
                ? NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
                : 0;
    Flags |= Low ? NDIS_RECEIVE_FLAGS_RESOURCES : 0;
    InterlockedAdd64(&LoopbackCounters.Indicated, Count);
    NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Nbls, NDIS_DEFAULT_PORT_NUMBER,
                                       BREAKS(LOOPBACK_BREAK_WRONG_COUNT) ? Count + 1 : Count,
                                       Flags);
    if (Low) { /* RESOURCES: the NBLs are ours again now */
        InterlockedAdd64(&LoopbackCounters.IndicatedResources, Count);
        NdisAcquireSpinLock(&Adapter->Lock);
        LbRxFree(Adapter, Nbls);
        NdisReleaseSpinLock(&Adapter->Lock);
    }
    return TRUE;
}

static VOID
LbDrain(PLB_ADAPTER Adapter, BOOLEAN DispatchLevel)
{
    while (LbDrainOnce(Adapter, DispatchLevel)) {
    }
}

/* ---- sends ---------------------------------------------------------------------- */

static VOID
LbComplete(PLB_ADAPTER Adapter, PNET_BUFFER_LIST Nbls, NDIS_STATUS Status, BOOLEAN DispatchLevel)
{
    LONG64 Count = 0;
    for (PNET_BUFFER_LIST Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
        Count++;
    }
    InterlockedAdd64(&LoopbackCounters.SendsCompleted, Count);
    if (Status == NDIS_STATUS_SEND_ABORTED) {
        InterlockedAdd64(&LoopbackCounters.SendsAborted, Count);
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbls,
                                    DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

static VOID
LbSend(NDIS_HANDLE MiniportAdapterContext,
       PNET_BUFFER_LIST NetBufferLists,
       NDIS_PORT_NUMBER PortNumber,
       ULONG SendFlags)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    BOOLEAN Dispatch = (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;
    UNREFERENCED_PARAMETER(PortNumber);
    NdisAcquireSpinLock(&Adapter->Lock);
    for (PNET_BUFFER_LIST Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        InterlockedIncrement64(&LoopbackCounters.SendNbls);
        for (PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL;
             Nb = NET_BUFFER_NEXT_NB(Nb)) {
            InterlockedAdd64(&LoopbackCounters.SendBytes, NET_BUFFER_DATA_LENGTH(Nb));
        }
        if (!LoopbackHoldSends) {
            LbRingPut(Adapter, Nbl);
        }
    }
    if (LoopbackHoldSends) {
        PNET_BUFFER_LIST Last = NetBufferLists;
        while (NET_BUFFER_LIST_NEXT_NBL(Last) != NULL) {
            Last = NET_BUFFER_LIST_NEXT_NBL(Last);
        }
        NET_BUFFER_LIST_NEXT_NBL(Last) = Adapter->Held;
        Adapter->Held = NetBufferLists;
        NdisReleaseSpinLock(&Adapter->Lock);
        return;
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    LbComplete(Adapter, NetBufferLists, NDIS_STATUS_SUCCESS, Dispatch);
    if (BREAKS(LOOPBACK_BREAK_COMPLETE_TWICE)) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                        Dispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
    LbDrain(Adapter, Dispatch);
}

/* Take the held sends whose cancel id matches (all when CancelId is NULL). */
static PNET_BUFFER_LIST
LbTakeHeld(PLB_ADAPTER Adapter, PVOID CancelId)
{
    PNET_BUFFER_LIST Taken = NULL;
    PNET_BUFFER_LIST *Link = &Adapter->Held;
    NdisAcquireSpinLock(&Adapter->Lock);
    while (*Link != NULL) {
        PNET_BUFFER_LIST Nbl = *Link;
        if (CancelId == NULL || NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(Nbl) == CancelId) {
            *Link = NET_BUFFER_LIST_NEXT_NBL(Nbl);
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Taken;
            Taken = Nbl;
        } else {
            Link = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
        }
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    return Taken;
}

static VOID
LbCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Taken = CancelId != NULL ? LbTakeHeld(Adapter, CancelId) : NULL;
    if (Taken != NULL) {
        LbComplete(Adapter, Taken, NDIS_STATUS_SEND_ABORTED, FALSE);
    }
}

/* ---- receives come back ------------------------------------------------------ */

static VOID
LbReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    BOOLEAN PauseNow;
    LONG64 Count = 0;
    UNREFERENCED_PARAMETER(ReturnFlags);
    for (PNET_BUFFER_LIST Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        Count++;
    }
    InterlockedAdd64(&LoopbackCounters.Returned, Count);
    NdisAcquireSpinLock(&Adapter->Lock);
    LbRxFree(Adapter, NetBufferLists);
    PauseNow = Adapter->PausePending && Adapter->RxFreeCount == LB_RX;
    if (PauseNow) {
        Adapter->PausePending = FALSE;
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    if (PauseNow) {
        NdisMPauseComplete(Adapter->AdapterHandle);
    }
}

/* ---- initialize and halt ------------------------------------------------------ */

static NDIS_STATUS
LbSetAttributes(PLB_ADAPTER Adapter, NDIS_HANDLE MiniportAdapterHandle)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    NDIS_STATUS Status;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM;
    Reg.InterfaceType = NdisInterfaceInternal;
    Status =
        NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS || BREAKS(LOOPBACK_BREAK_NO_GENERAL)) {
        return Status;
    }
    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = LB_MTU;
    Gen.MaxXmitLinkSpeed = Gen.XmitLinkSpeed = 10000000000ull;
    Gen.MaxRcvLinkSpeed = Gen.RcvLinkSpeed = 10000000000ull;
    Gen.MediaConnectState = MediaConnectStateConnected;
    Gen.MediaDuplexState = MediaDuplexStateFull;
    Gen.LookaheadSize = LB_MTU;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST |
                                 NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_PROMISCUOUS;
    Gen.MaxMulticastListSize = 32;
    Gen.MacAddressLength = sizeof(LbMac);
    NdisMoveMemory(Gen.PermanentMacAddress, LbMac, sizeof(LbMac));
    NdisMoveMemory(Gen.CurrentMacAddress, LbMac, sizeof(LbMac));
    Gen.AccessType = NET_IF_ACCESS_BROADCAST;
    Gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    Gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = FALSE;
    Gen.SupportedOidList = LbSupportedOids;
    Gen.SupportedOidListLength = sizeof(LbSupportedOids);
    return NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

static VOID
LbFreeRx(PLB_ADAPTER Adapter)
{
    if (Adapter->Rx != NULL) {
        for (ULONG i = 0; i < LB_RX; i++) {
            if (Adapter->Rx[i].Nbl != NULL) {
                NdisFreeNetBufferList(Adapter->Rx[i].Nbl);
            }
            if (Adapter->Rx[i].Mdl != NULL) {
                NdisFreeMdl(Adapter->Rx[i].Mdl);
            }
        }
        NdisFreeMemory(Adapter->Rx, 0, 0);
    }
    if (Adapter->RxPool != NULL) {
        NdisFreeNetBufferListPool(Adapter->RxPool);
    }
}

static NDIS_STATUS
LbAllocateRx(PLB_ADAPTER Adapter)
{
    NET_BUFFER_LIST_POOL_PARAMETERS Pool;
    NdisZeroMemory(&Pool, sizeof(Pool));
    Pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.fAllocateNetBuffer = TRUE;
    Pool.PoolTag = LB_TAG;
    Adapter->RxPool = NdisAllocateNetBufferListPool(Adapter->AdapterHandle, &Pool);
    Adapter->Rx = (PLB_RX_BUFFER)NdisAllocateMemoryWithTagPriority(
        Adapter->AdapterHandle, sizeof(LB_RX_BUFFER) * LB_RX, LB_TAG, NormalPoolPriority);
    if (Adapter->Rx != NULL) {
        NdisZeroMemory(Adapter->Rx, sizeof(LB_RX_BUFFER) * LB_RX);
    }
    if (Adapter->RxPool == NULL || Adapter->Rx == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (ULONG i = 0; i < LB_RX; i++) {
        PLB_RX_BUFFER Rx = &Adapter->Rx[i];
        Rx->Mdl = NdisAllocateMdl(Adapter->AdapterHandle, Rx->Data, LB_FRAME_MAX);
        Rx->Nbl = Rx->Mdl != NULL ? NdisAllocateNetBufferAndNetBufferList(Adapter->RxPool, 0, 0,
                                                                          Rx->Mdl, 0, LB_FRAME_MAX)
                                  : NULL;
        if (Rx->Nbl == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        Rx->Nbl->MiniportReserved[0] = Rx;
        Rx->Nbl->SourceHandle = Adapter->AdapterHandle;
        LbRxFree(Adapter, Rx->Nbl);
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
LbInitialize(NDIS_HANDLE MiniportAdapterHandle,
             NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PLB_ADAPTER Adapter;
    NDIS_STATUS Status;
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    if (MiniportInitParameters == NULL ||
        MiniportInitParameters->Header.Type != NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (LoopbackFailInitialize) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter = (PLB_ADAPTER)NdisAllocateMemoryWithTagPriority(
        MiniportAdapterHandle, sizeof(*Adapter), LB_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisMoveMemory(Adapter->Mac, LbMac, sizeof(LbMac));
    NdisAllocateSpinLock(&Adapter->Lock);
    Status = LbSetAttributes(Adapter, MiniportAdapterHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = LbAllocateRx(Adapter);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        LbFreeRx(Adapter);
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
    }
    return Status;
}

static VOID
LbHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(HaltAction);
    InterlockedIncrement64(&LoopbackCounters.Halts);
    LbFreeRx(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

/* ---- restart, pause ------------------------------------------------------------- */

static VOID
LbIndicateLink(PLB_ADAPTER Adapter)
{
    NDIS_STATUS_INDICATION Status;
    NDIS_LINK_STATE Link;
    NdisZeroMemory(&Link, sizeof(Link));
    Link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    Link.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    Link.MediaConnectState = MediaConnectStateConnected;
    Link.MediaDuplexState = MediaDuplexStateFull;
    Link.XmitLinkSpeed = Link.RcvLinkSpeed = 10000000000ull;
    NdisZeroMemory(&Status, sizeof(Status));
    Status.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Status.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Status.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Status.SourceHandle = Adapter->AdapterHandle;
    Status.StatusCode = NDIS_STATUS_LINK_STATE;
    Status.StatusBuffer = &Link;
    Status.StatusBufferSize = sizeof(Link);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &Status);
}

static NDIS_STATUS
LbRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = TRUE;
    NdisReleaseSpinLock(&Adapter->Lock);
    LbIndicateLink(Adapter);
    if (LoopbackPendLife) {
        NdisMRestartComplete(Adapter->AdapterHandle, NDIS_STATUS_SUCCESS);
        return NDIS_STATUS_PENDING;
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
LbPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Held = NULL;
    BOOLEAN Wait;
    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = FALSE;
    NdisReleaseSpinLock(&Adapter->Lock);
    if (!BREAKS(LOOPBACK_BREAK_PAUSE_WITH_SENDS)) {
        Held = LbTakeHeld(Adapter, NULL); /* the hardware finishes what it holds */
    }
    if (Held != NULL) {
        NdisAcquireSpinLock(&Adapter->Lock);
        for (PNET_BUFFER_LIST Nbl = Held; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            LbRingPut(Adapter, Nbl);
        }
        NdisReleaseSpinLock(&Adapter->Lock);
        LbComplete(Adapter, Held, NDIS_STATUS_SUCCESS, FALSE);
    }
    if (BREAKS(LOOPBACK_BREAK_INDICATE_PAUSED)) {
        NdisAcquireSpinLock(&Adapter->Lock);
        Adapter->RingHead = 0;
        Adapter->RingLength[0] = 60;
        Adapter->RingCount = 1;
        NdisReleaseSpinLock(&Adapter->Lock);
        LbDrain(Adapter, FALSE);
    }
    NdisAcquireSpinLock(&Adapter->Lock);
    Wait = Adapter->RxFreeCount != LB_RX;
    Adapter->PausePending = Wait;
    NdisReleaseSpinLock(&Adapter->Lock);
    if (Wait) {
        return NDIS_STATUS_PENDING; /* LbReturn completes it */
    }
    if (LoopbackPendLife) {
        NdisMPauseComplete(Adapter->AdapterHandle);
        return NDIS_STATUS_PENDING;
    }
    return NDIS_STATUS_SUCCESS;
}

/* ---- OID requests ----------------------------------------------------------------- */

static NDIS_STATUS
LbAnswer(PNDIS_OID_REQUEST Request, const VOID *Data, ULONG Size)
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
LbQuery(PLB_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_STATISTICS_INFO Stats;
    ULONG Frame = LB_MTU;
    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_SUPPORTED_LIST:
        return LbAnswer(Request, LbSupportedOids, sizeof(LbSupportedOids));
    case OID_GEN_CURRENT_PACKET_FILTER:
        return LbAnswer(Request, &Adapter->PacketFilter, sizeof(ULONG));
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        return LbAnswer(Request, &Frame, sizeof(Frame));
    case OID_802_3_CURRENT_ADDRESS:
    case OID_802_3_PERMANENT_ADDRESS:
        return LbAnswer(Request, Adapter->Mac, sizeof(Adapter->Mac));
    case OID_GEN_STATISTICS:
        NdisZeroMemory(&Stats, sizeof(Stats));
        Stats.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        Stats.Header.Revision = NDIS_STATISTICS_INFO_REVISION_1;
        Stats.Header.Size = NDIS_SIZEOF_STATISTICS_INFO_REVISION_1;
        Stats.SupportedStatistics = NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV |
                                    NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT;
        Stats.ifHCInUcastPkts = (ULONG64)LoopbackCounters.Indicated;
        Stats.ifHCOutUcastPkts = (ULONG64)LoopbackCounters.SendNbls;
        return LbAnswer(Request, &Stats, sizeof(Stats));
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
LbSet(PLB_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Request->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&Adapter->PacketFilter, Request->DATA.SET_INFORMATION.InformationBuffer,
                       sizeof(ULONG));
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_802_3_MULTICAST_LIST:
    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead =
            Request->DATA.SET_INFORMATION.InformationBufferLength;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
LbOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;
    InterlockedIncrement64(&LoopbackCounters.Oids);
    switch (Request->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = LbQuery(Adapter, Request);
        break;
    case NdisRequestSetInformation:
        Status = LbSet(Adapter, Request);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    if (LoopbackPendOids || BREAKS(LOOPBACK_BREAK_OID_TWICE)) {
        NdisMOidRequestComplete(Adapter->AdapterHandle, Request, Status);
        return BREAKS(LOOPBACK_BREAK_OID_TWICE) ? Status : NDIS_STATUS_PENDING;
    }
    return Status;
}

static VOID
LbCancelOid(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId); /* every request completes at once */
}

/* ---- PnP, shutdown, unload, DriverEntry ------------------------------------------- */

static VOID
LbPnP(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
    InterlockedIncrement64(&LoopbackCounters.PnPEvents);
}

static VOID
LbShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
    InterlockedIncrement64(&LoopbackCounters.Shutdowns);
}

static VOID
LbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    InterlockedIncrement64(&LoopbackCounters.Unloads);
    NdisMDeregisterMiniportDriver(LbDriverHandle);
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
    if (BREAKS(LOOPBACK_BREAK_BAD_CHARACTERISTICS)) {
        Chars.Header.Size -= 8;
    }
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 0;
    Chars.MajorDriverVersion = 1;
    Chars.InitializeHandlerEx = LbInitialize;
    Chars.HaltHandlerEx = LbHalt;
    Chars.UnloadHandler = LbUnload;
    Chars.PauseHandler = LbPause;
    Chars.RestartHandler = LbRestart;
    Chars.OidRequestHandler = LbOidRequest;
    Chars.SendNetBufferListsHandler = LbSend;
    Chars.ReturnNetBufferListsHandler = LbReturn;
    Chars.CancelSendHandler = LbCancelSend;
    Chars.DevicePnPEventNotifyHandler = LbPnP;
    Chars.ShutdownHandlerEx = LbShutdown;
    Chars.CancelOidRequestHandler = LbCancelOid;
    NdisZeroMemory(&LoopbackCounters, sizeof(LoopbackCounters));
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &LbDriverHandle);
}
