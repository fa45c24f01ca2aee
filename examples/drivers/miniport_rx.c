/* SPDX-License-Identifier: MIT */
/*
 * miniport_rx.c: the receive path of an Ethernet miniport. Driver code,
 * written as for the WDK; see miniport_rx.h.
 */
#include <ndis.h>

#include "miniport_rx.h"

#define MP_RCB_SIGNATURE  'bcRM'
#define ETH_HEADER_LENGTH 14

/* Receive control block: one per frame the stack holds. */
typedef struct _MP_RCB {
    LIST_ENTRY Link; /* MP_ADAPTER.RxPendingList */
    ULONG Signature;
    ULONG SlotIndex;
    PNET_BUFFER_LIST NetBufferList;
} MP_RCB, *PMP_RCB;

#define MP_RCB_FROM_NBL(_Nbl) ((PMP_RCB)NET_BUFFER_LIST_MINIPORT_RESERVED(_Nbl)[0])

MP_GLOBALS MpGlobals;

static ALLOCATE_FUNCTION MpAllocateRcb;
static FREE_FUNCTION MpFreeRcb;

/* The lookaside list's allocate routine: a stamped, zeroed block. */
_Use_decl_annotations_ static PVOID NTAPI
MpAllocateRcb(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    PMP_RCB Rcb;

    UNREFERENCED_PARAMETER(PoolType);
    NT_ASSERT(NumberOfBytes >= sizeof(MP_RCB));
    Rcb = (PMP_RCB)ExAllocatePool2(POOL_FLAG_NON_PAGED, NumberOfBytes, Tag);
    if (Rcb != NULL) {
        Rcb->Signature = MP_RCB_SIGNATURE;
        InterlockedIncrement(&MpGlobals.RcbAllocations);
    }
    return Rcb;
}

/* The lookaside list's free routine. */
_Use_decl_annotations_ static VOID NTAPI
MpFreeRcb(PVOID Buffer)
{
    PMP_RCB Rcb = (PMP_RCB)Buffer;

    NT_ASSERT(Rcb->Signature == MP_RCB_SIGNATURE);
    Rcb->Signature = 0;
    ExFreePoolWithTag(Rcb, MP_POOL_TAG);
    InterlockedIncrement(&MpGlobals.RcbFrees);
}

/* Gives a ring slot back to the hardware. */
static FORCEINLINE VOID
MpPostRxSlot(_In_ PMP_ADAPTER Adapter, _In_ ULONG SlotIndex)
{
    PMP_RX_DESCRIPTOR Descriptor = &Adapter->RxDescriptors[SlotIndex];

    Descriptor->Length = 0;
    Descriptor->VlanTci = 0;
    WriteUShortRelease(&Descriptor->Status, MP_RXD_OWNED_BY_HW);
}

/* ---- initialisation and halt ------------------------------------------------ */

static VOID
MpFreeReceiveResources(_Inout_ PMP_ADAPTER Adapter)
{
    ULONG Index;

    for (Index = 0; Index < MP_RX_RING_SIZE; Index++) {
        if (Adapter->RxSlots[Index].Mdl != NULL) {
            NdisFreeMdl(Adapter->RxSlots[Index].Mdl);
            Adapter->RxSlots[Index].Mdl = NULL;
        }
    }
    if (Adapter->RxRing != NULL) {
        ExFreePoolWithTag(Adapter->RxRing, MP_POOL_TAG);
        Adapter->RxRing = NULL;
    }
    if (Adapter->NblPool != NULL) {
        NdisFreeNetBufferListPool(Adapter->NblPool);
        Adapter->NblPool = NULL;
    }
}

_Use_decl_annotations_ NDIS_STATUS
MpInitializeReceive(PMP_ADAPTER Adapter, NDIS_HANDLE AdapterHandle)
{
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParameters;
    ULONG Index;

    PAGED_CODE();

    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->AdapterHandle = AdapterHandle;
    Adapter->LowResourcesThreshold = MP_RX_RING_SIZE - 2;
    NdisAllocateSpinLock(&Adapter->RxLock);
    InitializeListHead(&Adapter->RxPendingList);

    NdisZeroMemory(&PoolParameters, sizeof(PoolParameters));
    PoolParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PoolParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParameters.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    PoolParameters.fAllocateNetBuffer = TRUE;
    PoolParameters.PoolTag = MP_POOL_TAG;
    Adapter->NblPool = NdisAllocateNetBufferListPool(AdapterHandle, &PoolParameters);
    if (Adapter->NblPool == NULL) {
        goto Failure;
    }

    Adapter->RxRing = (PUCHAR)ExAllocatePool2(
        POOL_FLAG_NON_PAGED, (SIZE_T)MP_RX_RING_SIZE * MP_RX_BUFFER_SIZE, MP_POOL_TAG);
    if (Adapter->RxRing == NULL) {
        goto Failure;
    }
    for (Index = 0; Index < MP_RX_RING_SIZE; Index++) {
        PMP_RX_SLOT Slot = &Adapter->RxSlots[Index];

        Slot->Buffer = Adapter->RxRing + (SIZE_T)Index * MP_RX_BUFFER_SIZE;
        Slot->Mdl = NdisAllocateMdl(AdapterHandle, Slot->Buffer, MP_RX_BUFFER_SIZE);
        if (Slot->Mdl == NULL) {
            goto Failure;
        }
    }

    NdisInitializeNPagedLookasideList(&Adapter->RcbLookaside, MpAllocateRcb, MpFreeRcb, 0,
                                      sizeof(MP_RCB), MP_POOL_TAG, 0);
    for (Index = 0; Index < MP_RX_RING_SIZE; Index++) {
        MpPostRxSlot(Adapter, Index);
    }
    return NDIS_STATUS_SUCCESS;

Failure:
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL,
               "MpRx: out of resources initialising the receive ring\n");
    MpFreeReceiveResources(Adapter);
    NdisFreeSpinLock(&Adapter->RxLock);
    return NDIS_STATUS_RESOURCES;
}

_Use_decl_annotations_ VOID
MpHaltReceive(PMP_ADAPTER Adapter)
{
    PAGED_CODE();

    NT_ASSERT(ReadNoFence(&Adapter->RxOutstanding) == 0);
    NT_ASSERT(IsListEmpty(&Adapter->RxPendingList));
    NdisDeleteNPagedLookasideList(&Adapter->RcbLookaside);
    MpFreeReceiveResources(Adapter);
    NdisFreeSpinLock(&Adapter->RxLock);
}

/* ---- receive ------------------------------------------------------------------- */

/* One NBL over the frame in the slot, or NULL (the slot is then reposted). */
_IRQL_requires_(DISPATCH_LEVEL) static PNET_BUFFER_LIST MpBuildReceiveNbl(_In_ PMP_ADAPTER Adapter,
                                                                          _In_ ULONG SlotIndex,
                                                                          _In_ USHORT Status,
                                                                          _In_ ULONG FrameLength,
                                                                          _In_ USHORT VlanTci)
{
    PMP_RX_SLOT Slot = &Adapter->RxSlots[SlotIndex];
    PNET_BUFFER_LIST NetBufferList;
    PMP_RCB Rcb;
    USHORT EtherType;

    Rcb = (PMP_RCB)NdisAllocateFromNPagedLookasideList(&Adapter->RcbLookaside);
    if (Rcb == NULL) {
        return NULL;
    }
    NT_ASSERT(Rcb->Signature == MP_RCB_SIGNATURE);

    /* The MDL describes exactly the frame while the stack holds it. */
    NdisAdjustMdlLength(Slot->Mdl, FrameLength);
    NetBufferList =
        NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, Slot->Mdl, 0, FrameLength);
    if (NetBufferList == NULL) {
        NdisAdjustMdlLength(Slot->Mdl, MP_RX_BUFFER_SIZE);
        NdisFreeToNPagedLookasideList(&Adapter->RcbLookaside, Rcb);
        return NULL;
    }

    Rcb->SlotIndex = SlotIndex;
    Rcb->NetBufferList = NetBufferList;
    NET_BUFFER_LIST_MINIPORT_RESERVED(NetBufferList)[0] = Rcb;
    NetBufferList->SourceHandle = Adapter->AdapterHandle;
    NET_BUFFER_LIST_STATUS(NetBufferList) = NDIS_STATUS_SUCCESS;

    if (Status & MP_RXD_VLAN_PRESENT) {
        NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q;

        Ieee8021Q.Value = NULL;
        Ieee8021Q.TagHeader.UserPriority = (UINT32)(VlanTci >> 13);
        Ieee8021Q.TagHeader.CanonicalFormatId = (UINT32)((VlanTci >> 12) & 1);
        Ieee8021Q.TagHeader.VlanId = (UINT32)(VlanTci & 0x0FFF);
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) = Ieee8021Q.Value;
    }
    EtherType = RtlUshortByteSwap(*(USHORT UNALIGNED *)(Slot->Buffer + 2 * ETH_LENGTH_OF_ADDRESS));
    if (EtherType == NDIS_ETH_TYPE_IPV4) {
        NdisSetNblFlag(NetBufferList, NDIS_NBL_FLAGS_IS_IPV4);
    } else if (EtherType == NDIS_ETH_TYPE_IPV6) {
        NdisSetNblFlag(NetBufferList, NDIS_NBL_FLAGS_IS_IPV6);
    }

    NdisDprAcquireSpinLock(&Adapter->RxLock);
    InsertTailList(&Adapter->RxPendingList, &Rcb->Link);
    NdisDprReleaseSpinLock(&Adapter->RxLock);
    return NetBufferList;
}

_Use_decl_annotations_ VOID
MpHandleReceiveInterrupt(PMP_ADAPTER Adapter, ULONG MaxNblsToIndicate, PBOOLEAN MoreNblsPending)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    ULONG Count = 0;

    NT_ASSERT(KeGetCurrentIrql() == DISPATCH_LEVEL);

    while (Count < MaxNblsToIndicate) {
        PMP_RX_DESCRIPTOR Descriptor = &Adapter->RxDescriptors[Adapter->RxNext];
        USHORT Status = ReadUShortAcquire(&Descriptor->Status);
        ULONG SlotIndex = Adapter->RxNext;
        ULONG FrameLength;
        PNET_BUFFER_LIST NetBufferList;

        if ((Status & MP_RXD_DONE) == 0) {
            break;
        }
        Adapter->RxNext = (Adapter->RxNext + 1) % MP_RX_RING_SIZE;
        FrameLength = Descriptor->Length;

        if ((Status & MP_RXD_ERROR_CRC) != 0 || FrameLength < ETH_HEADER_LENGTH ||
            FrameLength > MP_RX_BUFFER_SIZE) {
            InterlockedIncrement(&Adapter->RxErrors);
            DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL,
                       "MpRx: slot %u: bad frame (status 0x%04x, length %u)\n", SlotIndex,
                       (unsigned)Status, FrameLength);
            MpPostRxSlot(Adapter, SlotIndex);
            continue;
        }

        NetBufferList =
            MpBuildReceiveNbl(Adapter, SlotIndex, Status, FrameLength, Descriptor->VlanTci);
        if (NetBufferList == NULL) {
            InterlockedIncrement(&Adapter->RxDropped);
            MpPostRxSlot(Adapter, SlotIndex);
            continue;
        }
        WriteUShortRelease(&Descriptor->Status, 0); /* the stack has it now */

        InterlockedIncrement(&Adapter->RxOutstanding);
        InterlockedIncrement64(&Adapter->RxFrames);
        InterlockedAdd64(&Adapter->RxBytes, (LONG64)FrameLength);
        *Tail = NetBufferList;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        Count++;
    }

    *MoreNblsPending =
        (ReadUShortAcquire(&Adapter->RxDescriptors[Adapter->RxNext].Status) & MP_RXD_DONE) != 0
            ? TRUE
            : FALSE;

    if (Head != NULL) {
        ULONG ReceiveFlags = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL;
        BOOLEAN LowResources =
            (ULONG)ReadNoFence(&Adapter->RxOutstanding) >= Adapter->LowResourcesThreshold;

        if (LowResources) {
            /* The stack must copy what it keeps: the NBLs come back at once. */
            NDIS_SET_RECEIVE_FLAG(ReceiveFlags, NDIS_RECEIVE_FLAGS_RESOURCES);
        }
        NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Head, NDIS_DEFAULT_PORT_NUMBER,
                                           Count, ReceiveFlags);
        if (LowResources) {
            MpReturnNetBufferLists(Adapter, Head, NDIS_RETURN_FLAGS_DISPATCH_LEVEL);
        }
    }
}

_Use_decl_annotations_ VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext,
                       PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags);
    PNET_BUFFER_LIST NetBufferList;
    PNET_BUFFER_LIST NextNetBufferList;

    for (NetBufferList = NetBufferLists; NetBufferList != NULL; NetBufferList = NextNetBufferList) {
        PMP_RCB Rcb = MP_RCB_FROM_NBL(NetBufferList);
        PMP_RX_SLOT Slot;
        ULONG SlotIndex;

        NextNetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;

        NT_ASSERT(Rcb->Signature == MP_RCB_SIGNATURE);
        NT_ASSERT(Rcb->NetBufferList == NetBufferList);
        SlotIndex = Rcb->SlotIndex;
        Slot = &Adapter->RxSlots[SlotIndex];
        /* Whoever held the NBL must have put the data start back. */
        NT_ASSERT(NET_BUFFER_FIRST_MDL(NET_BUFFER_LIST_FIRST_NB(NetBufferList)) == Slot->Mdl);
        NT_ASSERT(NET_BUFFER_DATA_OFFSET(NET_BUFFER_LIST_FIRST_NB(NetBufferList)) == 0);

        NDIS_ACQUIRE_LOCK(&Adapter->RxLock, DispatchLevel);
        RemoveEntryList(&Rcb->Link);
        NDIS_RELEASE_LOCK(&Adapter->RxLock, DispatchLevel);

        NdisAdjustMdlLength(Slot->Mdl, MP_RX_BUFFER_SIZE);
        NdisFreeNetBufferList(NetBufferList);
        Rcb->NetBufferList = NULL;
        NdisFreeToNPagedLookasideList(&Adapter->RcbLookaside, Rcb);
        MpPostRxSlot(Adapter, SlotIndex);
        InterlockedDecrement(&Adapter->RxOutstanding);
    }
}
