/* SPDX-License-Identifier: MIT */
/*
 * vxlan.c: the vxlan-encap and vxlan-decap stages, the send path of a
 * filter acting as a VXLAN tunnel end point (RFC 7348) over IPv4.
 *
 *   vxlan-encap[:VNI]   retreats 50 bytes (NDIS's default NetAllocateMdl when
 *                       the backfill is short) and writes outer Ethernet,
 *                       IPv4 (total length, header checksum), UDP (length,
 *                       source port from a hash of the inner addresses,
 *                       destination 4789, checksum 0 as IPv4 allows) and
 *                       VXLAN (I flag, VNI; default 100) headers.
 *                       Completion advances them away again.
 *   vxlan-decap[:VNI]   on frames that are VXLAN over IPv4 (for VNI, when
 *                       given) with a good outer header checksum: keeps the
 *                       50 outer bytes in NBL context, advances past them
 *                       (FreeMdl FALSE) and trims any trailing Ethernet
 *                       padding. Completion retreats (the fast path) and
 *                       writes the outer headers back. Other frames pass.
 *
 * Headers are read with NdisGetDataBuffer, which copies them into the
 * caller's storage when they are split over MDLs. Driver code: <ndis.h>
 * names only.
 */
#include "stage_util.h"

#include <string.h>

#define VXLAN_POOL_TAG     0x6E6C7876 /* 'vxln' */
#define VXLAN_PORT         4789
#define VXLAN_HEADER       8
#define VXLAN_OUTER_LENGTH (STAGE_ETH_HEADER_LENGTH + 20 + 8 + VXLAN_HEADER)
#define VXLAN_DEFAULT_VNI  100
#define VXLAN_MAX_INNER    (65535 - 20 - 8 - VXLAN_HEADER)

typedef struct _VXLAN_STAGE {
    const UNDIS_STAGE_HOST *Host;
    BOOLEAN Decap;
    BOOLEAN AnyVni;
    ULONG Vni;
    USHORT NextIpId;
    ULONG64 Encapsulated;
    ULONG64 Decapsulated;
    ULONG64 PassedOther;
    ULONG64 BadChecksum;
    ULONG64 Rejected;
    ULONG64 RetreatFast;
    ULONG64 RetreatSlow;
    ULONG64 RetreatFailed;
    ULONG64 MdlsFreed;
    ULONG64 ContextFailed;
} VXLAN_STAGE, *PVXLAN_STAGE;

typedef struct _VXLAN_NB_CONTEXT {
    STAGE_RETREAT_RECORD Record; /* encap */
    ULONG Decapsulated;          /* decap: the rest is valid */
    ULONG OriginalLength;
    UCHAR Outer[VXLAN_OUTER_LENGTH];
} VXLAN_NB_CONTEXT, *PVXLAN_NB_CONTEXT;

static const UCHAR VxlanOuterDestination[6] = { 0x02, 0x00, 0x5E, 0x10, 0x00, 0x02 };
static const UCHAR VxlanOuterSource[6] = { 0x02, 0x00, 0x5E, 0x10, 0x00, 0x01 };
static const UCHAR VxlanLocalAddress[4] = { 192, 0, 2, 1 }; /* TEST-NET-1 */
static const UCHAR VxlanRemoteAddress[4] = { 192, 0, 2, 2 };

static ULONG
VxlanEntrySize(VOID)
{
    return (sizeof(VXLAN_NB_CONTEXT) + MEMORY_ALLOCATION_ALIGNMENT - 1) &
           ~(ULONG)(MEMORY_ALLOCATION_ALIGNMENT - 1);
}

static NDIS_STATUS
VxlanAttach(const UNDIS_STAGE_HOST *Host,
            PCSTR Args,
            BOOLEAN Decap,
            PVOID *StageContext,
            PCHAR Error,
            ULONG ErrorLength)
{
    PNDIS_GENERIC_OBJECT Object;
    PVXLAN_STAGE Stage;
    ULONG Vni = VXLAN_DEFAULT_VNI;
    PCSTR Cursor = Args;

    if (Cursor != NULL && (!StageParseUlong(&Cursor, 0xFFFFFF, &Vni) || *Cursor != '\0')) {
        StageSetError(Error, ErrorLength,
                      Decap ? "vxlan-decap argument is a VNI from 0 to 16777215"
                            : "vxlan-encap argument is a VNI from 0 to 16777215");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Object = NdisAllocateGenericObject(NULL, VXLAN_POOL_TAG, sizeof(VXLAN_STAGE));
    if (Object == NULL) {
        StageSetError(Error, ErrorLength, "out of memory");
        return NDIS_STATUS_RESOURCES;
    }
    Stage = (PVXLAN_STAGE)(Object + 1);
    Stage->Host = Host;
    Stage->Decap = Decap;
    Stage->AnyVni = Decap && Args == NULL;
    Stage->Vni = Vni;
    *StageContext = Stage;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
VxlanEncapAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    return VxlanAttach(Host, Args, FALSE, StageContext, Error, ErrorLength);
}

static NDIS_STATUS
VxlanDecapAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    return VxlanAttach(Host, Args, TRUE, StageContext, Error, ErrorLength);
}

static VOID
VxlanDetach(PVOID StageContext)
{
    NdisFreeGenericObject((PNDIS_GENERIC_OBJECT)StageContext - 1);
}

/* The 50 outer bytes for an inner frame of InnerLength bytes. */
static VOID
VxlanBuildOuter(PVXLAN_STAGE Stage, const UCHAR *InnerEthernet, ULONG InnerLength, PUCHAR Outer)
{
    PUCHAR Ip = Outer + STAGE_ETH_HEADER_LENGTH;
    PUCHAR Udp = Ip + 20;
    PUCHAR Vxlan = Udp + 8;
    ULONG Hash = 0;
    ULONG Index;

    for (Index = 0; Index < STAGE_ETH_HEADER_LENGTH; Index++) {
        Hash = Hash * 31 + InnerEthernet[Index];
    }
    memcpy(Outer, VxlanOuterDestination, 6);
    memcpy(Outer + 6, VxlanOuterSource, 6);
    STAGE_PUT_BE16(Outer + 12, STAGE_ETH_TYPE_IPV4);
    Ip[0] = 0x45;
    Ip[1] = 0;
    STAGE_PUT_BE16(Ip + 2, 20 + 8 + VXLAN_HEADER + InnerLength);
    STAGE_PUT_BE16(Ip + 4, Stage->NextIpId++);
    STAGE_PUT_BE16(Ip + 6, 0x4000); /* don't fragment */
    Ip[8] = 64;
    Ip[9] = 17;
    STAGE_PUT_BE16(Ip + 10, 0);
    memcpy(Ip + 12, VxlanLocalAddress, 4);
    memcpy(Ip + 16, VxlanRemoteAddress, 4);
    STAGE_PUT_BE16(Ip + 10, StageIpChecksum(Ip, 20));
    STAGE_PUT_BE16(Udp, 49152 + (Hash & 0x3FFF));
    STAGE_PUT_BE16(Udp + 2, VXLAN_PORT);
    STAGE_PUT_BE16(Udp + 4, 8 + VXLAN_HEADER + InnerLength);
    STAGE_PUT_BE16(Udp + 6, 0);
    memset(Vxlan, 0, VXLAN_HEADER);
    Vxlan[0] = 0x08; /* I: the VNI is valid */
    Vxlan[4] = (UCHAR)(Stage->Vni >> 16);
    Vxlan[5] = (UCHAR)(Stage->Vni >> 8);
    Vxlan[6] = (UCHAR)Stage->Vni;
}

static BOOLEAN
VxlanEncapNetBuffer(PVXLAN_STAGE Stage, PNET_BUFFER Nb, PVXLAN_NB_CONTEXT Context)
{
    UCHAR Storage[STAGE_ETH_HEADER_LENGTH];
    UCHAR Outer[VXLAN_OUTER_LENGTH];
    PUCHAR Inner = (PUCHAR)NdisGetDataBuffer(Nb, STAGE_ETH_HEADER_LENGTH, Storage, 1, 0);
    ULONG InnerLength = NET_BUFFER_DATA_LENGTH(Nb);

    if (Inner == NULL) {
        return FALSE;
    }
    VxlanBuildOuter(Stage, Inner, InnerLength, Outer);
    /* NULL handler: NDIS's default NetAllocateMdl when the backfill is short. */
    if (StageRetreat(Nb, VXLAN_OUTER_LENGTH, 0, NULL, &Context->Record, &Stage->RetreatFast,
                     &Stage->RetreatSlow) != NDIS_STATUS_SUCCESS) {
        Stage->RetreatFailed++;
        return FALSE;
    }
    if (!StageCopyToNetBuffer(Nb, 0, VXLAN_OUTER_LENGTH, Outer)) {
        StageUndoRetreat(Nb, VXLAN_OUTER_LENGTH, NULL, &Context->Record);
        Stage->RetreatFailed++;
        return FALSE;
    }
    return TRUE;
}

static VOID
VxlanUndoEncap(PVXLAN_STAGE Stage, PNET_BUFFER Nb, PVXLAN_NB_CONTEXT Context)
{
    if (Context->Record.AllocatedMdl != NULL) {
        Stage->MdlsFreed++;
    }
    StageUndoRetreat(Nb, VXLAN_OUTER_LENGTH, NULL, &Context->Record);
}

/* Whether the NB is VXLAN over IPv4 (option-less header) that this stage
 * takes; *Outer then holds the outer bytes and *InnerLength the inner
 * frame's length by the UDP length. */
static BOOLEAN
VxlanIsOurs(PVXLAN_STAGE Stage, PNET_BUFFER Nb, PUCHAR Outer, PULONG InnerLength)
{
    PUCHAR Header;
    PUCHAR Ip;
    PUCHAR Udp;
    ULONG Vni;
    ULONG UdpLength;

    Header = (PUCHAR)NdisGetDataBuffer(Nb, VXLAN_OUTER_LENGTH, Outer, 1, 0);
    if (Header == NULL) {
        return FALSE;
    }
    if (Header != Outer) {
        memcpy(Outer, Header, VXLAN_OUTER_LENGTH);
    }
    Ip = Outer + STAGE_ETH_HEADER_LENGTH;
    Udp = Ip + 20;
    if (STAGE_GET_BE16(Outer + 12) != STAGE_ETH_TYPE_IPV4 || Ip[0] != 0x45 || Ip[9] != 17 ||
        (STAGE_GET_BE16(Ip + 6) & 0x3FFF) != 0 || STAGE_GET_BE16(Udp + 2) != VXLAN_PORT ||
        (Udp[8] & 0x08) == 0) {
        return FALSE;
    }
    if (StageIpChecksum(Ip, 20) != 0) {
        Stage->BadChecksum++;
        return FALSE;
    }
    Vni = ((ULONG)Udp[12] << 16) | ((ULONG)Udp[13] << 8) | Udp[14];
    UdpLength = STAGE_GET_BE16(Udp + 4);
    if ((!Stage->AnyVni && Vni != Stage->Vni) ||
        UdpLength < 8 + VXLAN_HEADER + STAGE_ETH_HEADER_LENGTH ||
        UdpLength > NET_BUFFER_DATA_LENGTH(Nb) - STAGE_ETH_HEADER_LENGTH - 20) {
        return FALSE;
    }
    *InnerLength = UdpLength - 8 - VXLAN_HEADER;
    return TRUE;
}

static VOID
VxlanDecapNetBuffer(PVXLAN_STAGE Stage, PNET_BUFFER Nb, PVXLAN_NB_CONTEXT Context)
{
    ULONG InnerLength;

    if (NET_BUFFER_DATA_LENGTH(Nb) < VXLAN_OUTER_LENGTH + STAGE_ETH_HEADER_LENGTH ||
        !VxlanIsOurs(Stage, Nb, Context->Outer, &InnerLength)) {
        Stage->PassedOther++;
        return;
    }
    Context->OriginalLength = NET_BUFFER_DATA_LENGTH(Nb);
    NdisAdvanceNetBufferDataStart(Nb, VXLAN_OUTER_LENGTH, FALSE, NULL);
    NET_BUFFER_DATA_LENGTH(Nb) = InnerLength; /* drop outer padding, if any */
    Context->Decapsulated = TRUE;
    Stage->Decapsulated++;
}

static VOID
VxlanUndoDecap(PNET_BUFFER Nb, PVXLAN_NB_CONTEXT Context)
{
    /* The outer bytes are still in the unused space: the fast path. A stage
     * below may have written there, so the saved copy is written back. */
    if (NdisRetreatNetBufferDataStart(Nb, VXLAN_OUTER_LENGTH, 0, NULL) != NDIS_STATUS_SUCCESS) {
        return;
    }
    NET_BUFFER_DATA_LENGTH(Nb) = Context->OriginalLength;
    (VOID) StageCopyToNetBuffer(Nb, 0, VXLAN_OUTER_LENGTH, Context->Outer);
}

static NDIS_STATUS
VxlanSendOne(PVXLAN_STAGE Stage, PNET_BUFFER_LIST Nbl)
{
    ULONG Count = StageCountNetBuffers(Nbl);
    USHORT ContextSize;
    PVXLAN_NB_CONTEXT Context;
    PNET_BUFFER Nb;
    ULONG Index = 0;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        if (NET_BUFFER_DATA_LENGTH(Nb) < STAGE_ETH_HEADER_LENGTH ||
            (!Stage->Decap && NET_BUFFER_DATA_LENGTH(Nb) > VXLAN_MAX_INNER)) {
            Stage->Rejected++;
            return NDIS_STATUS_INVALID_LENGTH;
        }
    }
    Context = (PVXLAN_NB_CONTEXT)StageAllocateContext(Nbl, sizeof(VXLAN_NB_CONTEXT), Count,
                                                      VXLAN_POOL_TAG, &ContextSize);
    if (Context == NULL) {
        Stage->ContextFailed++;
        return NDIS_STATUS_RESOURCES;
    }
    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb), Index++) {
        if (Stage->Decap) {
            VxlanDecapNetBuffer(Stage, Nb, &Context[Index]);
        } else if (VxlanEncapNetBuffer(Stage, Nb, &Context[Index])) {
            Stage->Encapsulated++;
        } else {
            ULONG Undo = 0;
            PNET_BUFFER Done;
            for (Done = NET_BUFFER_LIST_FIRST_NB(Nbl); Undo < Index;
                 Done = NET_BUFFER_NEXT_NB(Done), Undo++) {
                VxlanUndoEncap(Stage, Done, &Context[Undo]);
            }
            NdisFreeNetBufferListContext(Nbl, ContextSize);
            return NDIS_STATUS_RESOURCES;
        }
    }
    /* A large send's TCP header moved with the outer headers (LSO NBLs
     * have one NB); the inner TCP header is the one the offset names. */
    if (!Stage->Decap) {
        StageShiftLargeSend(Nbl, (LONG)VXLAN_OUTER_LENGTH);
    } else if (Context[0].Decapsulated) {
        StageShiftLargeSend(Nbl, -(LONG)VXLAN_OUTER_LENGTH);
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
VxlanSendOneThunk(PVOID StageContext, PNET_BUFFER_LIST Nbl)
{
    return VxlanSendOne((PVXLAN_STAGE)StageContext, Nbl);
}

static VOID
VxlanSendNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PVXLAN_STAGE Stage = (PVXLAN_STAGE)StageContext;
    StageSendEach(Stage->Host, Stage, NetBufferLists, VxlanSendOneThunk);
}

static VOID
VxlanSendNetBufferListsComplete(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PVXLAN_STAGE Stage = (PVXLAN_STAGE)StageContext;
    PNET_BUFFER_LIST Nbl;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        PVXLAN_NB_CONTEXT Context = (PVXLAN_NB_CONTEXT)NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
        ULONG Count = StageCountNetBuffers(Nbl);
        PNET_BUFFER Nb;
        ULONG Index = 0;

        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb), Index++) {
            if (!Stage->Decap) {
                VxlanUndoEncap(Stage, Nb, &Context[Index]);
            } else if (Context[Index].Decapsulated) {
                VxlanUndoDecap(Nb, &Context[Index]);
            }
        }
        NdisFreeNetBufferListContext(Nbl, (USHORT)(VxlanEntrySize() * Count));
    }
    Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
VxlanQueryCounters(PVOID StageContext, UNDIS_STAGE_COUNTER *Counter, PVOID ReportContext)
{
    PVXLAN_STAGE Stage = (PVXLAN_STAGE)StageContext;

    if (!Stage->Decap) {
        Counter(ReportContext, "encapsulated", Stage->Encapsulated);
        Counter(ReportContext, "retreat-fast", Stage->RetreatFast);
        Counter(ReportContext, "retreat-slow", Stage->RetreatSlow);
        Counter(ReportContext, "retreat-failed", Stage->RetreatFailed);
        Counter(ReportContext, "mdl-allocated", Stage->RetreatSlow);
        Counter(ReportContext, "mdl-freed", Stage->MdlsFreed);
    } else {
        Counter(ReportContext, "decapsulated", Stage->Decapsulated);
        Counter(ReportContext, "passed-other", Stage->PassedOther);
        Counter(ReportContext, "bad-checksum", Stage->BadChecksum);
    }
    Counter(ReportContext, "rejected-short", Stage->Rejected);
    Counter(ReportContext, "context-failed", Stage->ContextFailed);
}

const UNDIS_STAGE_CHARACTERISTICS VxlanEncapStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "vxlan-encap",
    "vxlan-encap[:VNI]",
    "add outer Ethernet+IPv4+UDP+VXLAN headers (VNI default 100; NDIS's default NetAllocateMdl)",
    VxlanEncapAttach,
    VxlanDetach,
    VxlanSendNetBufferLists,
    VxlanSendNetBufferListsComplete,
    VxlanQueryCounters,
};

const UNDIS_STAGE_CHARACTERISTICS VxlanDecapStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "vxlan-decap",
    "vxlan-decap[:VNI]",
    "remove outer headers of VXLAN-over-IPv4 frames (any VNI unless given); others pass",
    VxlanDecapAttach,
    VxlanDetach,
    VxlanSendNetBufferLists,
    VxlanSendNetBufferListsComplete,
    VxlanQueryCounters,
};
