/* SPDX-License-Identifier: MIT */
/*
 * tunnel_send.h: the send path of a filter that tunnels every IPv4 / IPv6
 * frame in VXLAN over IPv4 (WDK style; driver code).
 *
 * The protocol's NET_BUFFER_LIST is never written: the filter clones it
 * (NdisAllocateCloneNetBufferList), retreats the clone's NET_BUFFERs by the
 * outer header with its own NetAllocateMdl (a header buffer from a
 * lookaside list behind an MDL from NdisAllocateMdl), writes the outer
 * Ethernet / IPv4 / UDP / VXLAN header, counts with interlocked operations,
 * and sends the clone down in the original's place. On completion it
 * advances the clone with its NetFreeMdl, frees the clone and completes the
 * original. ARP frames pass through untouched.
 *
 * The driver's life (DriverEntry, NdisFRegisterFilterDriver, FilterAttach,
 * FilterRestart, FilterPause pending until every send it passed down is
 * back, FilterDetach, unload) is at the end of tunnel_send.c; the receive
 * path has no handlers, so NDIS bypasses the filter there. Built with
 * TUNNEL_SEND_BREAKS, it breaks one NDIS rule on purpose: its clones keep
 * the protocol's SourceHandle (the host reports HOST_BAD_SOURCE_HANDLE).
 */
#ifndef TUNNEL_SEND_H
#define TUNNEL_SEND_H

#include <ndis.h>

#define TUN_POOL_TAG 'lnuT' /* "Tunl"; needs -Wno-multichar */

#define TUN_ETH_HEADER_LENGTH   14
#define TUN_IPV4_HEADER_LENGTH  20
#define TUN_UDP_HEADER_LENGTH   8
#define TUN_VXLAN_HEADER_LENGTH 8
#define TUN_OUTER_HEADER_LENGTH                                               \
    (TUN_ETH_HEADER_LENGTH + TUN_IPV4_HEADER_LENGTH + TUN_UDP_HEADER_LENGTH + \
     TUN_VXLAN_HEADER_LENGTH)
#define TUN_VXLAN_UDP_PORT     4789
#define TUN_HEADER_BUFFER_SIZE 128      /* what TunAllocateMdl hands out */
#define TUN_DEFAULT_VNI        0x123456 /* the VNI FilterAttach gives a module */

typedef struct _TUN_STATISTICS {
    volatile LONG64 PacketsEncapsulated;
    volatile LONG64 BytesEncapsulated;
    volatile LONG SendsFailed;
    volatile LONG PassedThrough;
} TUN_STATISTICS, *PTUN_STATISTICS;

typedef struct _TUN_FILTER {
    NDIS_HANDLE FilterHandle;
    NDIS_HANDLE CloneNblPool;
    NDIS_HANDLE CloneNbPool;
    volatile LONG OutstandingClones;
    volatile LONG SendsOut;     /* passed down (clones and pass-through), not completed */
    volatile LONG PausePending; /* 1 while FilterPause waits for SendsOut to reach 0 */
    volatile LONG NextIpId;
    UCHAR OuterDestination[ETH_LENGTH_OF_ADDRESS];
    UCHAR OuterSource[ETH_LENGTH_OF_ADDRESS];
    ULONG OuterSourceAddress;      /* IPv4, host order */
    ULONG OuterDestinationAddress; /* IPv4, host order */
    USHORT UdpSourcePort;
    ULONG Vni;
    TUN_STATISTICS Statistics;
} TUN_FILTER, *PTUN_FILTER;

/* Driver-wide state behind the NetAllocateMdl / NetFreeMdl pair. */
typedef struct _TUN_GLOBALS {
    NPAGED_LOOKASIDE_LIST HeaderBufferLookaside;
    volatile LONG HeaderMdlsOutstanding;
    volatile LONG HeaderMdlsAllocated;
} TUN_GLOBALS;
extern TUN_GLOBALS TunGlobals;

/* DriverEntry / DriverUnload for the data path. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS TunDriverInitialize(VOID);
_IRQL_requires_(PASSIVE_LEVEL) VOID TunDriverUnload(VOID);

/* FilterAttach / FilterDetach for the data path. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    TunInitializeDataPath(_Out_ PTUN_FILTER Filter, _In_ NDIS_HANDLE FilterHandle, _In_ ULONG Vni);
_IRQL_requires_(PASSIVE_LEVEL) VOID TunUninitializeDataPath(_Inout_ PTUN_FILTER Filter);

DRIVER_INITIALIZE DriverEntry;

FILTER_SEND_NET_BUFFER_LISTS TunSendNetBufferLists;
FILTER_SEND_NET_BUFFER_LISTS_COMPLETE TunSendNetBufferListsComplete;

NET_BUFFER_ALLOCATE_MDL TunAllocateMdl;
NET_BUFFER_FREE_MDL TunFreeMdl;

#endif /* TUNNEL_SEND_H */
