/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nblinfo.h>: NDIS_NET_BUFFER_LIST_INFO, the indexes of
 * NET_BUFFER_LIST.NetBufferListInfo[].
 *
 * The set of slots, and so MaxNetBufferListInfo and sizeof(NET_BUFFER_LIST),
 * follows the NDIS version the code is compiled for (<ndis/version.h>) and
 * the pointer width, exactly as in the WDK: with NDIS 6.80 or later,
 * MaxNetBufferListInfo is 27 on 64-bit and on 32-bit (from 6.82). The slots
 * NDIS keeps for itself under NDIS_WRAPPER are never part of the public
 * layout here; undis keeps its own state outside the structure.
 */
#ifndef UNDIS_NDIS_NBLINFO_H
#define UNDIS_NDIS_NBLINFO_H

#include "version.h"
#include "types.h"
#include "undis_assert.h"

typedef enum _NDIS_NET_BUFFER_LIST_INFO {
    TcpIpChecksumNetBufferListInfo,
    TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
#if NDIS_SUPPORT_NDIS61
    IPsecOffloadV2NetBufferListInfo = IPsecOffloadV1NetBufferListInfo,
#endif
    TcpLargeSendNetBufferListInfo,
    TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListProtocolId = NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
#if NDIS_SUPPORT_NDIS61
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
#endif
#if NDIS_SUPPORT_NDIS620
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    MediaSpecificInformationEx,
    NblOriginalInterfaceIfIndex,
    NblReAuthWfpFlowContext = NblOriginalInterfaceIfIndex,
    TcpReceiveBytesTransferred,
    NrtNameResolutionId = TcpReceiveBytesTransferred,
#    if NDIS_SUPPORT_NDIS684
    UdpRecvSegCoalesceOffloadInfo = TcpReceiveBytesTransferred,
#    endif
#    if NDIS_SUPPORT_NDIS630
#        if UNDIS_PTR64
    SwitchForwardingReserved,
    SwitchForwardingDetail,
    VirtualSubnetInfo,
#        endif
    IMReserved,
    TcpRecvSegCoalesceInfo,
#        if NDIS_SUPPORT_NDIS683
    UdpSegmentationOffloadInfo = TcpRecvSegCoalesceInfo,
#        endif
    RscTcpTimestampDelta,
    TcpSendOffloadsSupplementalNetBufferListInfo = RscTcpTimestampDelta,
#        if NDIS_SUPPORT_NDIS650
#            if UNDIS_PTR64
    GftOffloadInformation,
    GftFlowEntryId,
#            endif
#            if NDIS_SUPPORT_NDIS680
    NetBufferListInfoReserved3,
#                if !UNDIS_PTR64
    NetBufferListInfoReserved4,
#                endif
#            endif
#        endif
#    endif
#endif
#if NDIS_SUPPORT_NDIS682 && !UNDIS_PTR64
    SwitchForwardingReserved,
    SwitchForwardingDetail_b0_to_b31,
    SwitchForwardingDetail_b32_to_b63,
    VirtualSubnetInfo,
#endif
    MaxNetBufferListInfo
} NDIS_NET_BUFFER_LIST_INFO,
    *PNDIS_NET_BUFFER_LIST_INFO;

#if NDIS_SUPPORT_NDIS680
UNDIS_C_ASSERT(NetBufferListProtocolId == 7);
#    if UNDIS_PTR64 || NDIS_SUPPORT_NDIS682
UNDIS_C_ASSERT(MaxNetBufferListInfo == 27);
#    endif
#endif

/* ------------------------------------------------------------------ */
/* Large send offload (slot TcpLargeSendNetBufferListInfo): what the   */
/* TCP/IP stack sets on a send NBL whose TCP segment is larger than    */
/* the MTU, for the miniport to cut into MSS-sized segments. The WDK's */
/* layout: bit fields over one pointer-sized slot.                     */
/* ------------------------------------------------------------------ */

#define NDIS_TCP_LARGE_SEND_OFFLOAD_V1_TYPE 0
#define NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE 1
#define NDIS_TCP_LARGE_SEND_OFFLOAD_IPv4    0
#define NDIS_TCP_LARGE_SEND_OFFLOAD_IPv6    1

/* Anonymous structs in a union: standard C11, an extension in C++. */
#if defined(__cplusplus) && defined(__GNUC__)
#    pragma GCC diagnostic push
#    pragma GCC diagnostic ignored "-Wpedantic"
#endif

typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO {
    union {
        struct {
            ULONG Unused : 30;
            ULONG Type : 1;
            ULONG Reserved2 : 1;
        } Transmit;
        struct {
            ULONG MSS : 20;
            ULONG TcpHeaderOffset : 10;
            ULONG Type : 1;
            ULONG Reserved2 : 1;
        } LsoV1Transmit;
        struct {
            ULONG TcpPayload : 30;
            ULONG Type : 1;
            ULONG Reserved2 : 1;
        } LsoV1TransmitComplete;
        struct {
            ULONG MSS : 20;
            ULONG TcpHeaderOffset : 10;
            ULONG Type : 1;
            ULONG Reserved2 : 1;
            ULONG IPVersion : 2;
            ULONG Reserved : 30;
        } LsoV2Transmit;
        struct {
            ULONG Reserved : 30;
            ULONG Type : 1;
            ULONG Reserved2 : 1;
        } LsoV2TransmitComplete;
        PVOID Value;
    };
} NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO,
    *PNDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO;

#if defined(__cplusplus) && defined(__GNUC__)
#    pragma GCC diagnostic pop
#endif

#if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO) == sizeof(PVOID));
#endif

#endif /* UNDIS_NDIS_NBLINFO_H */
