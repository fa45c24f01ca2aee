/* SPDX-License-Identifier: MIT */
/*
 * count.c: the count stage, a monitoring filter that counts packets per
 * protocol (Ethernet type through one 802.1Q tag, then the IPv4 protocol
 * or IPv6 next header) and passes every NBL on untouched. The headers are
 * read with NdisGetDataBuffer into the filter's storage, so headers split
 * over MDLs are read as easily as contiguous ones. NBLs carrying large-send
 * offload info (LSO V2) are counted, with the MSS of the last. On the
 * receive path (interface version 2) it counts the frames indicated up the
 * same way and passes them up untouched. Driver code:
 * <ndis.h> names only.
 */
#include "stage_util.h"

#define COUNT_POOL_TAG 0x746E6F43 /* 'Cont' */
#define COUNT_PEEK     (STAGE_ETH_HEADER_LENGTH + STAGE_VLAN_TAG_LENGTH + 40)

enum {
    CountFrames,
    CountBytes,
    CountVlan,
    CountIpv4,
    CountIpv6,
    CountArp,
    CountOtherEthernet,
    CountTcp,
    CountUdp,
    CountIcmp,
    CountIcmpv6,
    CountOtherIp,
    CountShort,
    CountLargeSend,
    CountLargeSendMss,
    CountMax
};

static const PCSTR CountNames[CountMax] = {
    "frames",
    "bytes",
    "vlan-tagged",
    "ipv4",
    "ipv6",
    "arp",
    "other-ethertype",
    "tcp",
    "udp",
    "icmp",
    "icmpv6",
    "other-ip",
    "shorter-than-ethernet",
    "large-sends",
    "lso-mss",
};

typedef struct _COUNT_STAGE {
    const UNDIS_STAGE_HOST *Host;
    ULONG64 Counts[CountMax];
} COUNT_STAGE, *PCOUNT_STAGE;

static NDIS_STATUS
CountAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    PNDIS_GENERIC_OBJECT Object;
    PCOUNT_STAGE Stage;

    if (Args != NULL) {
        StageSetError(Error, ErrorLength, "count takes no arguments");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Object = NdisAllocateGenericObject(NULL, COUNT_POOL_TAG, sizeof(COUNT_STAGE));
    if (Object == NULL) {
        StageSetError(Error, ErrorLength, "out of memory");
        return NDIS_STATUS_RESOURCES;
    }
    Stage = (PCOUNT_STAGE)(Object + 1);
    Stage->Host = Host;
    *StageContext = Stage;
    return NDIS_STATUS_SUCCESS;
}

static VOID
CountDetach(PVOID StageContext)
{
    NdisFreeGenericObject((PNDIS_GENERIC_OBJECT)StageContext - 1);
}

static VOID
CountIpProtocol(PCOUNT_STAGE Stage, UCHAR Protocol)
{
    switch (Protocol) {
    case 6:
        Stage->Counts[CountTcp]++;
        break;
    case 17:
        Stage->Counts[CountUdp]++;
        break;
    case 1:
        Stage->Counts[CountIcmp]++;
        break;
    case 58:
        Stage->Counts[CountIcmpv6]++;
        break;
    default:
        Stage->Counts[CountOtherIp]++;
        break;
    }
}

static VOID
CountNetBuffer(PCOUNT_STAGE Stage, PNET_BUFFER Nb)
{
    UCHAR Storage[COUNT_PEEK];
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    ULONG Peek = Length < COUNT_PEEK ? Length : COUNT_PEEK;
    PUCHAR Frame;
    ULONG Offset = 12;
    USHORT Type;

    Stage->Counts[CountFrames]++;
    Stage->Counts[CountBytes] += Length;
    if (Length < STAGE_ETH_HEADER_LENGTH) {
        Stage->Counts[CountShort]++;
        return;
    }
    Frame = (PUCHAR)NdisGetDataBuffer(Nb, Peek, Storage, 1, 0);
    if (Frame == NULL) {
        return;
    }
    Type = STAGE_GET_BE16(Frame + Offset);
    if (Type == STAGE_ETH_TYPE_8021Q && Peek >= Offset + 6) {
        Stage->Counts[CountVlan]++;
        Offset += STAGE_VLAN_TAG_LENGTH;
        Type = STAGE_GET_BE16(Frame + Offset);
    }
    Offset += 2;
    if (Type == STAGE_ETH_TYPE_IPV4) {
        Stage->Counts[CountIpv4]++;
        if (Peek >= Offset + 10) {
            CountIpProtocol(Stage, Frame[Offset + 9]);
        }
    } else if (Type == STAGE_ETH_TYPE_IPV6) {
        Stage->Counts[CountIpv6]++;
        if (Peek >= Offset + 7) {
            CountIpProtocol(Stage, Frame[Offset + 6]);
        }
    } else if (Type == STAGE_ETH_TYPE_ARP) {
        Stage->Counts[CountArp]++;
    } else {
        Stage->Counts[CountOtherEthernet]++;
    }
}

static VOID
CountSendNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PCOUNT_STAGE Stage = (PCOUNT_STAGE)StageContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER Nb;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO Lso;
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            CountNetBuffer(Stage, Nb);
        }
        /* A large send, as the TCP/IP stack marks one: LSO V2 with its MSS. */
        Lso.Value = NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo);
        if (Lso.Value != NULL && Lso.LsoV2Transmit.Type == NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE) {
            Stage->Counts[CountLargeSend]++;
            Stage->Counts[CountLargeSendMss] = Lso.LsoV2Transmit.MSS;
        }
    }
    Stage->Host->SendNetBufferLists(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
CountSendNetBufferListsComplete(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PCOUNT_STAGE Stage = (PCOUNT_STAGE)StageContext;

    Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, NetBufferLists);
}

/* Receive: counted the same way, passed up untouched. */
static VOID
CountReceiveNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PCOUNT_STAGE Stage = (PCOUNT_STAGE)StageContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER Nb;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            CountNetBuffer(Stage, Nb);
        }
    }
    Stage->Host->IndicateReceiveNetBufferLists(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
CountReturnNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PCOUNT_STAGE Stage = (PCOUNT_STAGE)StageContext;

    Stage->Host->ReturnNetBufferLists(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
CountQueryCounters(PVOID StageContext, UNDIS_STAGE_COUNTER *Counter, PVOID ReportContext)
{
    PCOUNT_STAGE Stage = (PCOUNT_STAGE)StageContext;
    ULONG Index;

    for (Index = 0; Index < CountMax; Index++) {
        Counter(ReportContext, CountNames[Index], Stage->Counts[Index]);
    }
}

const UNDIS_STAGE_RECEIVE_CHARACTERISTICS CountReceiveStage = {
    {
        UNDIS_STAGE_INTERFACE_VERSION_RECEIVE,
        "count",
        "count",
        "count packets per protocol (IPv4/IPv6/ARP, TCP/UDP/ICMP, VLAN-tagged) and large sends; "
        "changes nothing; both directions",
        CountAttach,
        CountDetach,
        CountSendNetBufferLists,
        CountSendNetBufferListsComplete,
        CountQueryCounters,
    },
    CountReceiveNetBufferLists,
    CountReturnNetBufferLists,
};
