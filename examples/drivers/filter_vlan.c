/* SPDX-License-Identifier: MIT */
/*
 * filter_vlan.c: the send and receive path of a lightweight filter that
 * tags and untags IEEE 802.1Q frames in software. Driver code, written as
 * for the WDK; see filter_vlan.h.
 */
#include <ndis.h>

#include "filter_vlan.h"

#define FILTER_CONTEXT_SIGNATURE 'xtCF'
#define FILTER_RECORD_SIGNATURE  'ceRF'

#define ETH_HEADER_LENGTH      14
#define ETH_ADDRESSES_LENGTH   (2 * ETH_LENGTH_OF_ADDRESS)
#define VLAN_TAG_LENGTH        4
#define VLAN_ETH_HEADER_PREFIX (ETH_ADDRESSES_LENGTH + VLAN_TAG_LENGTH)

/* Backfill asked for when a retreat must allocate: room for one more tag
 * (or an outer header) further down the stack. */
#define FILTER_TAG_BACKFILL 32

#ifdef FILTER_VLAN_BREAKS
#    define FILTER_COMPLETE_FLAGS(_Flags) ((_Flags) | NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL)
#else
#    define FILTER_COMPLETE_FLAGS(_Flags) (_Flags)
#endif

static VOID FilterPauseIfIdle(_In_ PMS_FILTER Filter, _In_ BOOLEAN DispatchLevel);

/* One record per NET_BUFFER_LIST sent down and not yet completed. */
typedef struct _FILTER_SEND_RECORD {
    LIST_ENTRY Link; /* MS_FILTER.PendingSends */
    ULONG Signature;
    ULONG Sequence;
    PNET_BUFFER_LIST NetBufferList;
    PVOID SavedIeee8021QInfo; /* the OOB slot as the protocol set it */
    BOOLEAN TagInserted;
} FILTER_SEND_RECORD, *PFILTER_SEND_RECORD;

#define FILTER_CONTEXT_FLAG_SEND_RECORD      0x0001
#define FILTER_CONTEXT_FLAG_RECEIVE_STRIPPED 0x0002

/* The filter's per-NET_BUFFER_LIST context. */
typedef struct _FILTER_NBL_CONTEXT {
    ULONG Signature;
    USHORT Flags;
    USHORT Tci; /* receive: the tag control information taken out */
    PNET_BUFFER_LIST NetBufferList;
    PFILTER_SEND_RECORD Record;
} FILTER_NBL_CONTEXT, *PFILTER_NBL_CONTEXT;

#define FILTER_CONTEXT_SIZE \
    ((USHORT)ALIGN_UP_BY(sizeof(FILTER_NBL_CONTEXT), MEMORY_ALLOCATION_ALIGNMENT))
#define FILTER_GET_NBL_CONTEXT(_Nbl) ((PFILTER_NBL_CONTEXT)NET_BUFFER_LIST_CONTEXT_DATA_START(_Nbl))

C_ASSERT(FILTER_CONTEXT_SIZE % MEMORY_ALLOCATION_ALIGNMENT == 0);

static FORCEINLINE USHORT
FilterReadUshortBe(_In_reads_bytes_(2) const UCHAR *Bytes)
{
    return (USHORT)((Bytes[0] << 8) | Bytes[1]);
}

static FORCEINLINE VOID
FilterWriteUshortBe(_Out_writes_bytes_(2) PUCHAR Bytes, _In_ USHORT Value)
{
    Bytes[0] = (UCHAR)(Value >> 8);
    Bytes[1] = (UCHAR)(Value & 0xFF);
}

/*
 * Copies Length bytes between Buffer and the NET_BUFFER's data starting
 * Offset bytes in, walking the MDL chain from the current MDL. FALSE when
 * the data is too short or an MDL cannot be mapped.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) static BOOLEAN
    FilterCopyNetBufferBytes(_In_ PNET_BUFFER NetBuffer,
                             _In_ ULONG Offset,
                             _Inout_updates_bytes_(Length) PUCHAR Buffer,
                             _In_ ULONG Length,
                             _In_ BOOLEAN ToNetBuffer)
{
    PMDL Mdl = NET_BUFFER_CURRENT_MDL(NetBuffer);
    ULONG Skip = NET_BUFFER_CURRENT_MDL_OFFSET(NetBuffer) + Offset;
    ULONG DataLength = NET_BUFFER_DATA_LENGTH(NetBuffer);

    if (Offset > DataLength || Length > DataLength - Offset) {
        return FALSE;
    }
    while (Mdl != NULL && Length > 0) {
        PVOID MdlVa;
        ULONG MdlLength;
        ULONG Chunk;

        NdisQueryMdl(Mdl, &MdlVa, &MdlLength, NormalPagePriority);
        if (MdlVa == NULL) {
            return FALSE;
        }
        if (Skip >= MdlLength) {
            Skip -= MdlLength;
            Mdl = NDIS_MDL_LINKAGE(Mdl);
            continue;
        }
        /* Not min(): C++ on MinGW gets NOMINMAX from libstdc++, so the
         * windef.h-style macro is not there in every build of this file. */
        Chunk = (MdlLength - Skip < Length) ? MdlLength - Skip : Length;
        if (ToNetBuffer) {
            NdisMoveMemory((PUCHAR)MdlVa + Skip, Buffer, Chunk);
        } else {
            NdisMoveMemory(Buffer, (PUCHAR)MdlVa + Skip, Chunk);
        }
        Buffer += Chunk;
        Length -= Chunk;
        Skip = 0;
        Mdl = NDIS_MDL_LINKAGE(Mdl);
    }
    return Length == 0 ? TRUE : FALSE;
}

/* TRUE when the top of the NBL's context stack is this filter's context. */
static BOOLEAN
FilterNblHasContext(_In_ PNET_BUFFER_LIST NetBufferList)
{
    PFILTER_NBL_CONTEXT Context;

    if (NetBufferList->Context == NULL ||
        (ULONG)(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(NetBufferList) - NetBufferList->Context->Offset) <
            FILTER_CONTEXT_SIZE) {
        return FALSE;
    }
    Context = FILTER_GET_NBL_CONTEXT(NetBufferList);
    return (Context->Signature == FILTER_CONTEXT_SIGNATURE &&
            Context->NetBufferList == NetBufferList)
               ? TRUE
               : FALSE;
}

_IRQL_requires_max_(DISPATCH_LEVEL) static PFILTER_NBL_CONTEXT
    FilterAllocateNblContext(_In_ PNET_BUFFER_LIST NetBufferList)
{
    PFILTER_NBL_CONTEXT Context;
    NDIS_STATUS Status;

    Status =
        NdisAllocateNetBufferListContext(NetBufferList, FILTER_CONTEXT_SIZE, 0, FILTER_POOL_TAG);
    if (Status != NDIS_STATUS_SUCCESS) {
        return NULL;
    }
    Context = FILTER_GET_NBL_CONTEXT(NetBufferList);
    NdisZeroMemory(Context, FILTER_CONTEXT_SIZE);
    Context->Signature = FILTER_CONTEXT_SIGNATURE;
    Context->NetBufferList = NetBufferList;
    return Context;
}

_IRQL_requires_max_(DISPATCH_LEVEL) static VOID
    FilterFreeNblContext(_In_ PNET_BUFFER_LIST NetBufferList)
{
    PFILTER_NBL_CONTEXT Context = FILTER_GET_NBL_CONTEXT(NetBufferList);

    NT_ASSERT(Context->Signature == FILTER_CONTEXT_SIGNATURE);
    Context->Signature = 0;
    Context->NetBufferList = NULL;
    NdisFreeNetBufferListContext(NetBufferList, FILTER_CONTEXT_SIZE);
}

/* ---- control path helpers -------------------------------------------------- */

_Use_decl_annotations_ NDIS_STATUS
FilterInitializeDataPath(PMS_FILTER Filter, NDIS_HANDLE FilterHandle)
{
    PAGED_CODE();

    NdisZeroMemory(Filter, sizeof(*Filter));
    Filter->FilterHandle = FilterHandle;
    NdisAllocateSpinLock(&Filter->Lock);
    InitializeListHead(&Filter->PendingSends);
    NdisInitializeNPagedLookasideList(&Filter->SendRecordLookaside, NULL, NULL, 0,
                                      sizeof(FILTER_SEND_RECORD), FILTER_POOL_TAG, 0);
    Filter->LookasideInitialized = TRUE;
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_ VOID
FilterUninitializeDataPath(PMS_FILTER Filter)
{
    PAGED_CODE();

    NT_ASSERT(IsListEmpty(&Filter->PendingSends));
    NT_ASSERT(Filter->PendingSendCount == 0);
    if (Filter->LookasideInitialized) {
        NdisDeleteNPagedLookasideList(&Filter->SendRecordLookaside);
        Filter->LookasideInitialized = FALSE;
    }
    NdisFreeSpinLock(&Filter->Lock);
}

/* ---- send ------------------------------------------------------------------- */

/*
 * Writes the tag in front of the EtherType of every frame of the NBL:
 * each NET_BUFFER grows by 4 bytes at the front and the addresses move
 * forward over the new bytes. All or nothing.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) static NDIS_STATUS
    FilterInsertTag(_In_ PNET_BUFFER_LIST NetBufferList,
                    _In_ NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q)
{
    PNET_BUFFER NetBuffer;
    UCHAR Header[VLAN_ETH_HEADER_PREFIX];
    USHORT Tci;
    NDIS_STATUS Status;

    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        if (!FilterCopyNetBufferBytes(NetBuffer, 0, Header, ETH_HEADER_LENGTH, FALSE)) {
            return NDIS_STATUS_INVALID_PACKET;
        }
        if (FilterReadUshortBe(&Header[ETH_ADDRESSES_LENGTH]) == NDIS_ETH_TYPE_802_1Q) {
            return NDIS_STATUS_INVALID_PACKET; /* tagged twice: the protocol's bug */
        }
    }

    Status = NdisRetreatNetBufferListDataStart(NetBufferList, VLAN_TAG_LENGTH, FILTER_TAG_BACKFILL,
                                               NULL, NULL);
    if (Status != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_RESOURCES;
    }

    Tci = (USHORT)((Ieee8021Q.TagHeader.UserPriority << 13) |
                   (Ieee8021Q.TagHeader.CanonicalFormatId << 12) | Ieee8021Q.TagHeader.VlanId);
    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        BOOLEAN Copied;

        Copied = FilterCopyNetBufferBytes(NetBuffer, VLAN_TAG_LENGTH, Header, ETH_ADDRESSES_LENGTH,
                                          FALSE);
        NT_ASSERT(Copied);
        FilterWriteUshortBe(&Header[ETH_ADDRESSES_LENGTH], NDIS_ETH_TYPE_802_1Q);
        FilterWriteUshortBe(&Header[ETH_ADDRESSES_LENGTH + 2], Tci);
        Copied =
            Copied && FilterCopyNetBufferBytes(NetBuffer, 0, Header, VLAN_ETH_HEADER_PREFIX, TRUE);
        if (!Copied) {
            /* Only an unmappable MDL gets here; the frames before this one
             * are already tagged, so the whole NBL fails. */
            return NDIS_STATUS_FAILURE;
        }
    }
    return NDIS_STATUS_SUCCESS;
}

/* Puts every frame of the NBL back as the protocol sent it. */
_IRQL_requires_max_(DISPATCH_LEVEL) static VOID
    FilterRemoveSendTag(_In_ PNET_BUFFER_LIST NetBufferList)
{
    PNET_BUFFER NetBuffer;
    UCHAR Addresses[ETH_ADDRESSES_LENGTH];

    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        BOOLEAN Copied;

        Copied = FilterCopyNetBufferBytes(NetBuffer, 0, Addresses, sizeof(Addresses), FALSE);
        Copied = Copied && FilterCopyNetBufferBytes(NetBuffer, VLAN_TAG_LENGTH, Addresses,
                                                    sizeof(Addresses), TRUE);
        NT_ASSERT(Copied);
        UNREFERENCED_PARAMETER(Copied);
        /* Gives back the MDL the retreat may have allocated (default free). */
        NdisAdvanceNetBufferDataStart(NetBuffer, VLAN_TAG_LENGTH, TRUE, NULL);
    }
}

_IRQL_requires_max_(DISPATCH_LEVEL) static NDIS_STATUS
    FilterPrepareSend(_In_ PMS_FILTER Filter,
                      _In_ PNET_BUFFER_LIST NetBufferList,
                      _In_ BOOLEAN DispatchLevel)
{
    NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q;
    PFILTER_NBL_CONTEXT Context;
    PFILTER_SEND_RECORD Record;
    NDIS_STATUS Status;

    Ieee8021Q.Value = NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo);

    Context = FilterAllocateNblContext(NetBufferList);
    if (Context == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Record = (PFILTER_SEND_RECORD)NdisAllocateFromNPagedLookasideList(&Filter->SendRecordLookaside);
    if (Record == NULL) {
        FilterFreeNblContext(NetBufferList);
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Record, sizeof(*Record));
    Record->Signature = FILTER_RECORD_SIGNATURE;
    Record->NetBufferList = NetBufferList;
    Record->SavedIeee8021QInfo = Ieee8021Q.Value;

    if (Ieee8021Q.TagHeader.VlanId != 0 || Ieee8021Q.TagHeader.UserPriority != 0) {
        Status = FilterInsertTag(NetBufferList, Ieee8021Q);
        if (Status != NDIS_STATUS_SUCCESS) {
            DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL,
                       "VlanFilter: cannot tag NBL %p with VLAN %u: 0x%08x\n", (PVOID)NetBufferList,
                       (unsigned)Ieee8021Q.TagHeader.VlanId, (ULONG)Status);
            Record->Signature = 0;
            NdisFreeToNPagedLookasideList(&Filter->SendRecordLookaside, Record);
            FilterFreeNblContext(NetBufferList);
            return Status;
        }
        Record->TagInserted = TRUE;
        /* The tag is in the frame now: the miniport must not add another. */
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) = NULL;
    }
    Context->Flags = FILTER_CONTEXT_FLAG_SEND_RECORD;
    Context->Record = Record;

    NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
    Record->Sequence = Filter->NextSequence++;
    InsertTailList(&Filter->PendingSends, &Record->Link);
    Filter->PendingSendCount++;
    if (Record->TagInserted) {
        Filter->Statistics.TagsInserted++;
    } else {
        Filter->Statistics.FramesPassedUntagged++;
    }
    NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_ VOID
FilterSendNetBufferLists(NDIS_HANDLE FilterModuleContext,
                         PNET_BUFFER_LIST NetBufferLists,
                         NDIS_PORT_NUMBER PortNumber,
                         ULONG SendFlags)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    BOOLEAN DispatchLevel = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags);
    PNET_BUFFER_LIST NetBufferList;
    PNET_BUFFER_LIST NextNetBufferList;
    PNET_BUFFER_LIST SendHead = NULL;
    PNET_BUFFER_LIST *SendTail = &SendHead;
    PNET_BUFFER_LIST FailHead = NULL;
    PNET_BUFFER_LIST *FailTail = &FailHead;
    ULONG FailCount = 0;

    NT_ASSERT(NetBufferLists != NULL);
    NT_ASSERT(DispatchLevel == (KeGetCurrentIrql() == DISPATCH_LEVEL));

    for (NetBufferList = NetBufferLists; NetBufferList != NULL; NetBufferList = NextNetBufferList) {
        NDIS_STATUS Status;

        NextNetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;

        Status = FilterPrepareSend(Filter, NetBufferList, DispatchLevel);
        if (Status == NDIS_STATUS_SUCCESS) {
            *SendTail = NetBufferList;
            SendTail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        } else {
            NET_BUFFER_LIST_STATUS(NetBufferList) = Status;
            *FailTail = NetBufferList;
            FailTail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
            FailCount++;
        }
    }

    if (FailCount != 0) {
        NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
        Filter->Statistics.SendsFailed += FailCount;
        NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
    }
    if (SendHead != NULL) {
        NdisFSendNetBufferLists(Filter->FilterHandle, SendHead, PortNumber, SendFlags);
    }
    if (FailHead != NULL) {
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, FailHead,
                                        DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                                      : 0);
    }
}

_Use_decl_annotations_ VOID
FilterSendNetBufferListsComplete(NDIS_HANDLE FilterModuleContext,
                                 PNET_BUFFER_LIST NetBufferLists,
                                 ULONG SendCompleteFlags)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    BOOLEAN DispatchLevel = NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(SendCompleteFlags);
    PNET_BUFFER_LIST NetBufferList;

    for (NetBufferList = NetBufferLists; NetBufferList != NULL;
         NetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList)) {
        PFILTER_NBL_CONTEXT Context;
        PFILTER_SEND_RECORD Record;

        NT_ASSERT(FilterNblHasContext(NetBufferList));
        Context = FILTER_GET_NBL_CONTEXT(NetBufferList);
        NT_ASSERT(Context->Flags == FILTER_CONTEXT_FLAG_SEND_RECORD);
        Record = Context->Record;
        NT_ASSERT(Record->Signature == FILTER_RECORD_SIGNATURE);
        NT_ASSERT(Record->NetBufferList == NetBufferList);

        NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
        RemoveEntryList(&Record->Link);
        Filter->PendingSendCount--;
        NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);

        if (Record->TagInserted) {
            FilterRemoveSendTag(NetBufferList);
        }
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) =
            Record->SavedIeee8021QInfo;

        Record->Signature = 0;
        NdisFreeToNPagedLookasideList(&Filter->SendRecordLookaside, Record);
        FilterFreeNblContext(NetBufferList);
    }
    NdisFSendNetBufferListsComplete(Filter->FilterHandle, NetBufferLists,
                                    FILTER_COMPLETE_FLAGS(SendCompleteFlags));
    FilterPauseIfIdle(Filter, DispatchLevel);
}

/* ---- receive ------------------------------------------------------------------ */

/* The tag control information when every frame of the NBL carries the same
 * 802.1Q tag, or FALSE. */
_IRQL_requires_max_(DISPATCH_LEVEL) static BOOLEAN
    FilterGetReceiveTag(_In_ PNET_BUFFER_LIST NetBufferList, _Out_ PUSHORT Tci)
{
    PNET_BUFFER NetBuffer;
    UCHAR Header[VLAN_ETH_HEADER_PREFIX + 2];
    BOOLEAN First = TRUE;

    *Tci = 0;
    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        USHORT ThisTci;

        if (!FilterCopyNetBufferBytes(NetBuffer, 0, Header, sizeof(Header), FALSE) ||
            FilterReadUshortBe(&Header[ETH_ADDRESSES_LENGTH]) != NDIS_ETH_TYPE_802_1Q) {
            return FALSE;
        }
        ThisTci = FilterReadUshortBe(&Header[ETH_ADDRESSES_LENGTH + 2]);
        if (!First && ThisTci != *Tci) {
            return FALSE;
        }
        *Tci = ThisTci;
        First = FALSE;
    }
    return First ? FALSE : TRUE;
}

_IRQL_requires_max_(DISPATCH_LEVEL) static VOID
    FilterStripReceiveTag(_In_ PMS_FILTER Filter,
                          _In_ PNET_BUFFER_LIST NetBufferList,
                          _In_ BOOLEAN DispatchLevel)
{
    PFILTER_NBL_CONTEXT Context;
    PNET_BUFFER NetBuffer;
    NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q;
    USHORT Tci;
    BOOLEAN Stripped = FALSE;

    Context = FilterAllocateNblContext(NetBufferList);
    if (Context != NULL &&
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) == NULL &&
        FilterGetReceiveTag(NetBufferList, &Tci)) {
        for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
             NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
            UCHAR Addresses[ETH_ADDRESSES_LENGTH];
            BOOLEAN Copied;

            Copied = FilterCopyNetBufferBytes(NetBuffer, 0, Addresses, sizeof(Addresses), FALSE);
            Copied = Copied && FilterCopyNetBufferBytes(NetBuffer, VLAN_TAG_LENGTH, Addresses,
                                                        sizeof(Addresses), TRUE);
            NT_ASSERT(Copied);
            UNREFERENCED_PARAMETER(Copied);
            /* The miniport's MDLs stay where they are. */
            NdisAdvanceNetBufferDataStart(NetBuffer, VLAN_TAG_LENGTH, FALSE, NULL);
        }
        Ieee8021Q.Value = NULL;
        Ieee8021Q.TagHeader.UserPriority = (UINT32)(Tci >> 13);
        Ieee8021Q.TagHeader.CanonicalFormatId = (UINT32)((Tci >> 12) & 1);
        Ieee8021Q.TagHeader.VlanId = (UINT32)(Tci & 0x0FFF);
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) = Ieee8021Q.Value;
        Context->Flags = FILTER_CONTEXT_FLAG_RECEIVE_STRIPPED;
        Context->Tci = Tci;
        Stripped = TRUE;
    }

    NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
    if (Stripped) {
        Filter->Statistics.TagsStripped++;
    } else if (Context == NULL) {
        Filter->Statistics.ReceivesNotStripped++;
    } else {
        Filter->Statistics.FramesPassedUntagged++;
    }
    NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
}

/* Gives the miniport its frames back as it indicated them. */
_IRQL_requires_max_(DISPATCH_LEVEL) static VOID
    FilterRestoreReceived(_In_ PNET_BUFFER_LIST NetBufferList)
{
    PFILTER_NBL_CONTEXT Context;
    PNET_BUFFER NetBuffer;

    if (!FilterNblHasContext(NetBufferList)) {
        return; /* no context could be allocated: nothing was changed */
    }
    Context = FILTER_GET_NBL_CONTEXT(NetBufferList);
    if (Context->Flags & FILTER_CONTEXT_FLAG_RECEIVE_STRIPPED) {
        for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
             NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
            UCHAR Header[VLAN_ETH_HEADER_PREFIX];
            NDIS_STATUS Status;
            BOOLEAN Copied;

            /* The bytes are still there: this retreat never allocates. */
            Status = NdisRetreatNetBufferDataStart(NetBuffer, VLAN_TAG_LENGTH, 0, NULL);
            NT_ASSERT(Status == NDIS_STATUS_SUCCESS);
            UNREFERENCED_PARAMETER(Status);
            Copied = FilterCopyNetBufferBytes(NetBuffer, VLAN_TAG_LENGTH, Header,
                                              ETH_ADDRESSES_LENGTH, FALSE);
            FilterWriteUshortBe(&Header[ETH_ADDRESSES_LENGTH], NDIS_ETH_TYPE_802_1Q);
            FilterWriteUshortBe(&Header[ETH_ADDRESSES_LENGTH + 2], Context->Tci);
            Copied = Copied && FilterCopyNetBufferBytes(NetBuffer, 0, Header, sizeof(Header), TRUE);
            NT_ASSERT(Copied);
            UNREFERENCED_PARAMETER(Copied);
        }
        NET_BUFFER_LIST_INFO(NetBufferList, Ieee8021QNetBufferListInfo) = NULL;
    }
    FilterFreeNblContext(NetBufferList);
}

_Use_decl_annotations_ VOID
FilterReceiveNetBufferLists(NDIS_HANDLE FilterModuleContext,
                            PNET_BUFFER_LIST NetBufferLists,
                            NDIS_PORT_NUMBER PortNumber,
                            ULONG NumberOfNetBufferLists,
                            ULONG ReceiveFlags)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    BOOLEAN DispatchLevel = NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags);
    PNET_BUFFER_LIST NetBufferList;

    NT_ASSERT(DispatchLevel == (KeGetCurrentIrql() == DISPATCH_LEVEL));

    for (NetBufferList = NetBufferLists; NetBufferList != NULL;
         NetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList)) {
        FilterStripReceiveTag(Filter, NetBufferList, DispatchLevel);
    }
    if (!NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags)) {
        NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
        Filter->PendingReceiveCount += NumberOfNetBufferLists;
        NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
    }

    NdisFIndicateReceiveNetBufferLists(Filter->FilterHandle, NetBufferLists, PortNumber,
                                       NumberOfNetBufferLists, ReceiveFlags);

    if (NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags)) {
        /* The NBLs are back as soon as the indication returns. */
        for (NetBufferList = NetBufferLists; NetBufferList != NULL;
             NetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList)) {
            FilterRestoreReceived(NetBufferList);
        }
    }
}

_Use_decl_annotations_ VOID
FilterReturnNetBufferLists(NDIS_HANDLE FilterModuleContext,
                           PNET_BUFFER_LIST NetBufferLists,
                           ULONG ReturnFlags)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    PNET_BUFFER_LIST NetBufferList;

    BOOLEAN DispatchLevel = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags);
    ULONG Count = 0;

    for (NetBufferList = NetBufferLists; NetBufferList != NULL;
         NetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList)) {
        FilterRestoreReceived(NetBufferList);
        Count++;
    }
    NdisFReturnNetBufferLists(Filter->FilterHandle, NetBufferLists, ReturnFlags);
    NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
    Filter->PendingReceiveCount -= Count;
    NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
    FilterPauseIfIdle(Filter, DispatchLevel);
}

/* ---- the driver's life -------------------------------------------------------- */

static NDIS_HANDLE FilterDriverHandle;

static DRIVER_UNLOAD FilterUnload;
static FILTER_ATTACH FilterAttach;
static FILTER_DETACH FilterDetach;
static FILTER_RESTART FilterRestart;
static FILTER_PAUSE FilterPause;

/* A pending pause completes when the last send and receive are back. */
static VOID
FilterPauseIfIdle(_In_ PMS_FILTER Filter, _In_ BOOLEAN DispatchLevel)
{
    BOOLEAN Complete = FALSE;

    NDIS_ACQUIRE_LOCK(&Filter->Lock, DispatchLevel);
    if (Filter->PausePending && Filter->PendingSendCount == 0 && Filter->PendingReceiveCount == 0) {
        Filter->PausePending = FALSE;
        Complete = TRUE;
    }
    NDIS_RELEASE_LOCK(&Filter->Lock, DispatchLevel);
    if (Complete) {
        NdisFPauseComplete(Filter->FilterHandle);
    }
}

static NDIS_STATUS
FilterAttach(NDIS_HANDLE NdisFilterHandle,
             NDIS_HANDLE FilterDriverContext,
             PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    PMS_FILTER Filter;
    NDIS_FILTER_ATTRIBUTES Attributes;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(FilterDriverContext);
    if (AttachParameters->MiniportMediaType != NdisMedium802_3) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Filter = (PMS_FILTER)NdisAllocateMemoryWithTagPriority(NdisFilterHandle, sizeof(*Filter),
                                                           FILTER_POOL_TAG, NormalPoolPriority);
    if (Filter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Status = FilterInitializeDataPath(Filter, NdisFilterHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        NdisZeroMemory(&Attributes, sizeof(Attributes));
        Attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
        Attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
        Attributes.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
        Status = NdisFSetAttributes(NdisFilterHandle, Filter, &Attributes);
        if (Status != NDIS_STATUS_SUCCESS) {
            FilterUninitializeDataPath(Filter);
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemoryWithTagPriority(NdisFilterHandle, Filter, FILTER_POOL_TAG);
    }
    return Status;
}

static VOID
FilterDetach(NDIS_HANDLE FilterModuleContext)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    NDIS_HANDLE FilterHandle = Filter->FilterHandle;

    FilterUninitializeDataPath(Filter);
    NdisFreeMemoryWithTagPriority(FilterHandle, Filter, FILTER_POOL_TAG);
}

static NDIS_STATUS
FilterRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
FilterPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    PMS_FILTER Filter = (PMS_FILTER)FilterModuleContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Filter->Lock);
    if (Filter->PendingSendCount != 0 || Filter->PendingReceiveCount != 0) {
        Filter->PausePending = TRUE;
        Status = NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Filter->Lock);
    return Status;
}

static VOID
FilterUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(FilterDriverHandle);
}

_Use_decl_annotations_ NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS Chars;
    NDIS_STRING FriendlyName = RTL_CONSTANT_STRING(L"undis 802.1Q tagging filter");
    NDIS_STRING UniqueName = RTL_CONSTANT_STRING(L"{6d0a1c52-93e4-4b8f-a1d7-766c616e7467}");
    NDIS_STRING ServiceName = RTL_CONSTANT_STRING(L"filtervlan");

    UNREFERENCED_PARAMETER(RegistryPath);
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
    Chars.AttachHandler = FilterAttach;
    Chars.DetachHandler = FilterDetach;
    Chars.RestartHandler = FilterRestart;
    Chars.PauseHandler = FilterPause;
    Chars.SendNetBufferListsHandler = FilterSendNetBufferLists;
    Chars.SendNetBufferListsCompleteHandler = FilterSendNetBufferListsComplete;
    Chars.ReceiveNetBufferListsHandler = FilterReceiveNetBufferLists;
    Chars.ReturnNetBufferListsHandler = FilterReturnNetBufferLists;
    DriverObject->DriverUnload = FilterUnload;
    return NdisFRegisterFilterDriver(DriverObject, DriverObject, &Chars, &FilterDriverHandle);
}
