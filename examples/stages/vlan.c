/* SPDX-License-Identifier: MIT */
/*
 * vlan.c: the vlan-tag and vlan-untag stages, the send path of a filter
 * that tags frames with IEEE 802.1Q in software (for a miniport without
 * tagging offload), and of one that strips the outermost tag.
 *
 *   vlan-tag:VID[:PCP]  NdisRetreatNetBufferDataStart by 4 bytes, the MAC
 *                       addresses moved 4 bytes forward, TPID 0x8100 and
 *                       the TCI written after them. When the backfill is
 *                       too small the retreat calls the filter's own
 *                       NetAllocateMdl (VlanAllocateMdl), which counts what
 *                       it allocates; completion moves the addresses back
 *                       and advances, giving that MDL to VlanFreeMdl.
 *   vlan-untag          the reverse on tagged frames: the addresses moved
 *                       4 bytes back over the tag, NdisAdvanceNetBufferDataStart
 *                       by 4 (FreeMdl FALSE: the stage allocated nothing);
 *                       completion retreats (always the fast path) and
 *                       writes the tag back. Untagged frames pass as they are.
 *
 * Per-NET_BUFFER state lives in NBL context (NdisAllocateNetBufferListContext),
 * as a filter keeps it. Frames shorter than an Ethernet header are completed
 * with NDIS_STATUS_INVALID_LENGTH. Driver code: <ndis.h> names only.
 */
#include "stage_util.h"

#include <string.h>

#define VLAN_POOL_TAG      0x566C7467 /* 'gtlV' */
#define VLAN_PUSH_BACKFILL 32         /* asked for when a retreat must allocate */

/* The filter's NetAllocateMdl / NetFreeMdl and what they count. These are
 * driver globals: a NetAllocateMdl has no context argument. */
static struct {
    ULONG64 MdlsAllocated;
    ULONG64 MdlsFreed;
    ULONG64 AllocateFailed;
    ULONG64 BytesAllocated;
} VlanMdlGlobals;

NET_BUFFER_ALLOCATE_MDL VlanAllocateMdl;
NET_BUFFER_FREE_MDL VlanFreeMdl;

/*
 * VlanAllocateMdl - a buffer of *BufferSize bytes after a generic object
 * (NDIS memory the filter owns), described by an MDL from NdisAllocateMdl.
 */
_Use_decl_annotations_ PMDL
VlanAllocateMdl(PULONG BufferSize)
{
    PNDIS_GENERIC_OBJECT Block;
    PMDL Mdl;

    if (*BufferSize == 0 || *BufferSize > 0xFFFF) {
        VlanMdlGlobals.AllocateFailed++;
        return NULL;
    }
    Block = NdisAllocateGenericObject(NULL, VLAN_POOL_TAG, (USHORT)*BufferSize);
    if (Block == NULL) {
        VlanMdlGlobals.AllocateFailed++;
        return NULL;
    }
    Mdl = NdisAllocateMdl(NULL, Block + 1, *BufferSize);
    if (Mdl == NULL) {
        NdisFreeGenericObject(Block);
        VlanMdlGlobals.AllocateFailed++;
        return NULL;
    }
    VlanMdlGlobals.MdlsAllocated++;
    VlanMdlGlobals.BytesAllocated += *BufferSize;
    return Mdl;
}

/* VlanFreeMdl - only ever given MDLs VlanAllocateMdl made (see StageUndoRetreat). */
_Use_decl_annotations_ VOID
VlanFreeMdl(PMDL Mdl)
{
    PNDIS_GENERIC_OBJECT Block = (PNDIS_GENERIC_OBJECT)MmGetMdlVirtualAddress(Mdl) - 1;

    NdisFreeMdl(Mdl);
    NdisFreeGenericObject(Block);
    VlanMdlGlobals.MdlsFreed++;
}

typedef struct _VLAN_STAGE {
    const UNDIS_STAGE_HOST *Host;
    BOOLEAN Untag;
    USHORT Tci;
    ULONG64 Tagged;
    ULONG64 Untagged;
    ULONG64 PassedUntagged;
    ULONG64 Rejected;
    ULONG64 RetreatFast;
    ULONG64 RetreatSlow;
    ULONG64 RetreatFailed;
    ULONG64 ContextFailed;
} VLAN_STAGE, *PVLAN_STAGE;

/* vlan-tag: one per NB; vlan-untag uses Record.Reserved as "stripped" and
 * keeps the TCI in Tci. */
typedef struct _VLAN_NB_CONTEXT {
    STAGE_RETREAT_RECORD Record;
    USHORT Tci;
    USHORT Stripped;
} VLAN_NB_CONTEXT, *PVLAN_NB_CONTEXT;

static NDIS_STATUS
VlanAttachCommon(const UNDIS_STAGE_HOST *Host,
                 BOOLEAN Untag,
                 USHORT Tci,
                 PVOID *StageContext,
                 PCHAR Error,
                 ULONG ErrorLength)
{
    PNDIS_GENERIC_OBJECT Object =
        NdisAllocateGenericObject(NULL, VLAN_POOL_TAG, sizeof(VLAN_STAGE));
    PVLAN_STAGE Stage;

    if (Object == NULL) {
        StageSetError(Error, ErrorLength, "out of memory");
        return NDIS_STATUS_RESOURCES;
    }
    Stage = (PVLAN_STAGE)(Object + 1);
    Stage->Host = Host;
    Stage->Untag = Untag;
    Stage->Tci = Tci;
    *StageContext = Stage;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
VlanTagAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    PCSTR Cursor = Args;
    ULONG VlanId;
    ULONG Priority = 0;

    if (Cursor == NULL || !StageParseUlong(&Cursor, 4095, &VlanId) || VlanId == 0 ||
        VlanId == 4095) {
        StageSetError(Error, ErrorLength,
                      "vlan-tag needs a VLAN id from 1 to 4094: vlan-tag:VID[:PCP]");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (*Cursor == ':') {
        Cursor++;
        if (!StageParseUlong(&Cursor, 7, &Priority) || *Cursor != '\0') {
            StageSetError(Error, ErrorLength,
                          "vlan-tag priority (PCP) must be 0 to 7: vlan-tag:VID[:PCP]");
            return NDIS_STATUS_INVALID_PARAMETER;
        }
    } else if (*Cursor != '\0') {
        StageSetError(Error, ErrorLength, "vlan-tag arguments are VID[:PCP]");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    return VlanAttachCommon(Host, FALSE, (USHORT)((Priority << 13) | VlanId), StageContext, Error,
                            ErrorLength);
}

static NDIS_STATUS
VlanUntagAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    if (Args != NULL) {
        StageSetError(Error, ErrorLength, "vlan-untag takes no arguments");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    return VlanAttachCommon(Host, TRUE, 0, StageContext, Error, ErrorLength);
}

static VOID
VlanDetach(PVOID StageContext)
{
    NdisFreeGenericObject((PNDIS_GENERIC_OBJECT)StageContext - 1);
}

/* Insert the tag into one NB; FALSE (NB unchanged) when the retreat failed. */
static BOOLEAN
VlanTagNetBuffer(PVLAN_STAGE Stage, PNET_BUFFER Nb, PVLAN_NB_CONTEXT Context)
{
    UCHAR Storage[STAGE_ETH_ADDRESSES];
    UCHAR Header[STAGE_ETH_HEADER_LENGTH + STAGE_VLAN_TAG_LENGTH];
    PUCHAR Addresses;

    /* The addresses, contiguous or not: NdisGetDataBuffer copies split ones. */
    Addresses = (PUCHAR)NdisGetDataBuffer(Nb, STAGE_ETH_ADDRESSES, Storage, 1, 0);
    if (Addresses == NULL) {
        return FALSE;
    }
    memcpy(Header, Addresses, STAGE_ETH_ADDRESSES);
    if (StageRetreat(Nb, STAGE_VLAN_TAG_LENGTH, VLAN_PUSH_BACKFILL, VlanAllocateMdl,
                     &Context->Record, &Stage->RetreatFast,
                     &Stage->RetreatSlow) != NDIS_STATUS_SUCCESS) {
        Stage->RetreatFailed++;
        return FALSE;
    }
    STAGE_PUT_BE16(Header + 12, STAGE_ETH_TYPE_8021Q);
    STAGE_PUT_BE16(Header + 14, Stage->Tci);
    if (!StageCopyToNetBuffer(Nb, 0, STAGE_ETH_ADDRESSES + STAGE_VLAN_TAG_LENGTH, Header)) {
        StageUndoRetreat(Nb, STAGE_VLAN_TAG_LENGTH, VlanFreeMdl, &Context->Record);
        Stage->RetreatFailed++;
        return FALSE;
    }
    return TRUE;
}

/* Take the tag out again (completion). */
static VOID
VlanUndoTag(PNET_BUFFER Nb, PVLAN_NB_CONTEXT Context)
{
    UCHAR Addresses[STAGE_ETH_ADDRESSES];

    if (StageCopyFromNetBuffer(Nb, 0, STAGE_ETH_ADDRESSES, Addresses)) {
        (VOID) StageCopyToNetBuffer(Nb, STAGE_VLAN_TAG_LENGTH, STAGE_ETH_ADDRESSES, Addresses);
    }
    StageUndoRetreat(Nb, STAGE_VLAN_TAG_LENGTH, VlanFreeMdl, &Context->Record);
}

/* Strip the outermost tag of one NB, if it has one. */
static VOID
VlanUntagNetBuffer(PVLAN_STAGE Stage, PNET_BUFFER Nb, PVLAN_NB_CONTEXT Context)
{
    UCHAR Storage[STAGE_ETH_HEADER_LENGTH + STAGE_VLAN_TAG_LENGTH];
    UCHAR Addresses[STAGE_ETH_ADDRESSES];
    PUCHAR Header = NULL;

    /* A frame too short to hold a tag has none to strip: asking
     * NdisGetDataBuffer for more than DataLength is a caller error. */
    if (NET_BUFFER_DATA_LENGTH(Nb) >= sizeof(Storage)) {
        Header = (PUCHAR)NdisGetDataBuffer(Nb, sizeof(Storage), Storage, 1, 0);
    }
    if (Header == NULL || STAGE_GET_BE16(Header + 12) != STAGE_ETH_TYPE_8021Q) {
        Stage->PassedUntagged++;
        return;
    }
    memcpy(Addresses, Header, STAGE_ETH_ADDRESSES);
    Context->Tci = STAGE_GET_BE16(Header + 14);
    if (!StageCopyToNetBuffer(Nb, STAGE_VLAN_TAG_LENGTH, STAGE_ETH_ADDRESSES, Addresses)) {
        Stage->PassedUntagged++;
        return;
    }
    NdisAdvanceNetBufferDataStart(Nb, STAGE_VLAN_TAG_LENGTH, FALSE, NULL);
    Context->Stripped = TRUE;
    Stage->Untagged++;
}

static VOID
VlanUndoUntag(PNET_BUFFER Nb, PVLAN_NB_CONTEXT Context)
{
    UCHAR Header[STAGE_ETH_ADDRESSES + STAGE_VLAN_TAG_LENGTH];

    /* The 4 bytes are still in the unused space: the fast path, no allocation. */
    if (NdisRetreatNetBufferDataStart(Nb, STAGE_VLAN_TAG_LENGTH, 0, NULL) != NDIS_STATUS_SUCCESS) {
        return;
    }
    (VOID) StageCopyFromNetBuffer(Nb, STAGE_VLAN_TAG_LENGTH, STAGE_ETH_ADDRESSES, Header);
    STAGE_PUT_BE16(Header + 12, STAGE_ETH_TYPE_8021Q);
    STAGE_PUT_BE16(Header + 14, Context->Tci);
    (VOID) StageCopyToNetBuffer(Nb, 0, sizeof(Header), Header);
}

/* Every NB long enough for the stage's headers? */
static BOOLEAN
VlanLongEnough(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        if (NET_BUFFER_DATA_LENGTH(Nb) < STAGE_ETH_HEADER_LENGTH) {
            return FALSE;
        }
    }
    return TRUE;
}

/* Process one NBL; returns the status to complete it with when it is not
 * sent on (NDIS_STATUS_SUCCESS: send it on). */
static NDIS_STATUS
VlanSendOne(PVLAN_STAGE Stage, PNET_BUFFER_LIST Nbl)
{
    ULONG Count = StageCountNetBuffers(Nbl);
    USHORT ContextSize;
    PVLAN_NB_CONTEXT Context;
    PNET_BUFFER Nb;
    ULONG Index = 0;

    if (!VlanLongEnough(Nbl)) {
        Stage->Rejected++;
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Context = (PVLAN_NB_CONTEXT)StageAllocateContext(Nbl, sizeof(VLAN_NB_CONTEXT), Count,
                                                     VLAN_POOL_TAG, &ContextSize);
    if (Context == NULL) {
        Stage->ContextFailed++;
        return NDIS_STATUS_RESOURCES;
    }
    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb), Index++) {
        if (Stage->Untag) {
            VlanUntagNetBuffer(Stage, Nb, &Context[Index]);
        } else if (!VlanTagNetBuffer(Stage, Nb, &Context[Index])) {
            ULONG Undo = 0;
            PNET_BUFFER Done;
            for (Done = NET_BUFFER_LIST_FIRST_NB(Nbl); Undo < Index;
                 Done = NET_BUFFER_NEXT_NB(Done), Undo++) {
                VlanUndoTag(Done, &Context[Undo]);
            }
            NdisFreeNetBufferListContext(Nbl, ContextSize);
            return NDIS_STATUS_RESOURCES;
        } else {
            Stage->Tagged++;
        }
    }
    /* A large send's TCP header moved with the tag (LSO NBLs have one NB). */
    if (!Stage->Untag) {
        StageShiftLargeSend(Nbl, (LONG)STAGE_VLAN_TAG_LENGTH);
    } else if (Context[0].Stripped) {
        StageShiftLargeSend(Nbl, -(LONG)STAGE_VLAN_TAG_LENGTH);
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
VlanSendOneThunk(PVOID StageContext, PNET_BUFFER_LIST Nbl)
{
    return VlanSendOne((PVLAN_STAGE)StageContext, Nbl);
}

static VOID
VlanSendNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PVLAN_STAGE Stage = (PVLAN_STAGE)StageContext;
    StageSendEach(Stage->Host, Stage, NetBufferLists, VlanSendOneThunk);
}

static VOID
VlanSendNetBufferListsComplete(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PVLAN_STAGE Stage = (PVLAN_STAGE)StageContext;
    PNET_BUFFER_LIST Nbl;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        ULONG Count = StageCountNetBuffers(Nbl);
        ULONG Entry = (sizeof(VLAN_NB_CONTEXT) + MEMORY_ALLOCATION_ALIGNMENT - 1) &
                      ~(ULONG)(MEMORY_ALLOCATION_ALIGNMENT - 1);
        PVLAN_NB_CONTEXT Context = (PVLAN_NB_CONTEXT)NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
        PNET_BUFFER Nb;
        ULONG Index = 0;

        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb), Index++) {
            if (!Stage->Untag) {
                VlanUndoTag(Nb, &Context[Index]);
            } else if (Context[Index].Stripped) {
                VlanUndoUntag(Nb, &Context[Index]);
            }
        }
        NdisFreeNetBufferListContext(Nbl, (USHORT)(Entry * Count));
    }
    Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
VlanQueryCounters(PVOID StageContext, UNDIS_STAGE_COUNTER *Counter, PVOID ReportContext)
{
    PVLAN_STAGE Stage = (PVLAN_STAGE)StageContext;

    if (!Stage->Untag) {
        Counter(ReportContext, "tagged", Stage->Tagged);
        Counter(ReportContext, "retreat-fast", Stage->RetreatFast);
        Counter(ReportContext, "retreat-slow", Stage->RetreatSlow);
        Counter(ReportContext, "retreat-failed", Stage->RetreatFailed);
        /* The NetAllocateMdl pair is driver-global: shared by every vlan-tag. */
        Counter(ReportContext, "mdl-allocated", VlanMdlGlobals.MdlsAllocated);
        Counter(ReportContext, "mdl-freed", VlanMdlGlobals.MdlsFreed);
        Counter(ReportContext, "mdl-bytes", VlanMdlGlobals.BytesAllocated);
    } else {
        Counter(ReportContext, "untagged", Stage->Untagged);
        Counter(ReportContext, "passed-untagged", Stage->PassedUntagged);
    }
    Counter(ReportContext, "rejected-short", Stage->Rejected);
    Counter(ReportContext, "context-failed", Stage->ContextFailed);
}

const UNDIS_STAGE_CHARACTERISTICS VlanTagStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "vlan-tag",
    "vlan-tag:VID[:PCP]",
    "insert an 802.1Q tag (retreat 4, own NetAllocateMdl/NetFreeMdl when the backfill is short)",
    VlanTagAttach,
    VlanDetach,
    VlanSendNetBufferLists,
    VlanSendNetBufferListsComplete,
    VlanQueryCounters,
};

const UNDIS_STAGE_CHARACTERISTICS VlanUntagStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "vlan-untag",
    "vlan-untag",
    "remove the outermost 802.1Q tag (advance 4); untagged frames pass unchanged",
    VlanUntagAttach,
    VlanDetach,
    VlanSendNetBufferLists,
    VlanSendNetBufferListsComplete,
    VlanQueryCounters,
};
