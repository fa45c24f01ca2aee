/* SPDX-License-Identifier: MIT */
/*
 * Built with no NDIS version macro at all. The WDK would leave the
 * NET_BUFFER data path out; undis assumes the newest contract (6.89) and
 * says so with UNDIS_NDIS_VERSION_DEFAULTED. Also checks every
 * NDIS_NET_BUFFER_LIST_INFO value against spec 2.6, for x64 and for x86.
 */
#include "version_expect.h"

#if defined(NDIS_MINIPORT_MAJOR_VERSION) || defined(NDIS_PROTOCOL_MAJOR_VERSION) || \
    defined(NDIS_FILTER_MAJOR_VERSION)
#    error "with no version macro, no miniport, protocol or filter version is defined"
#endif
#if !NDIS_SUPPORT_NDIS689
#    error "with no version macro, NDIS 6.89 is assumed"
#endif

EXPECT_SUPPORT_LEVEL(689);
C_ASSERT(UNDIS_NDIS_VERSION_DEFAULTED == 1);
EXPECT_MAX_NBL_INFO(27, 27);
C_ASSERT(sizeof(NET_BUFFER_LIST) == (EXPECT_PTR64 ? 368 : 192));

/* Slots shared by x64 and x86, with their aliases. */
C_ASSERT(TcpIpChecksumNetBufferListInfo == 0);
C_ASSERT(TcpOffloadBytesTransferred == 0);
C_ASSERT(IPsecOffloadV1NetBufferListInfo == 1);
C_ASSERT(IPsecOffloadV2NetBufferListInfo == 1);
C_ASSERT(TcpLargeSendNetBufferListInfo == 2);
C_ASSERT(TcpReceiveNoPush == 2);
C_ASSERT(ClassificationHandleNetBufferListInfo == 3);
C_ASSERT(Ieee8021QNetBufferListInfo == 4);
C_ASSERT(NetBufferListCancelId == 5);
C_ASSERT(MediaSpecificInformation == 6);
C_ASSERT(NetBufferListFrameType == 7);
C_ASSERT(NetBufferListProtocolId == 7);
C_ASSERT(NetBufferListHashValue == 8);
C_ASSERT(NetBufferListHashInfo == 9);
C_ASSERT(WfpNetBufferListInfo == 10);
C_ASSERT(IPsecOffloadV2TunnelNetBufferListInfo == 11);
C_ASSERT(IPsecOffloadV2HeaderNetBufferListInfo == 12);
C_ASSERT(NetBufferListCorrelationId == 13);
C_ASSERT(NetBufferListFilteringInfo == 14);
C_ASSERT(MediaSpecificInformationEx == 15);
C_ASSERT(NblOriginalInterfaceIfIndex == 16);
C_ASSERT(NblReAuthWfpFlowContext == 16);
C_ASSERT(TcpReceiveBytesTransferred == 17);
C_ASSERT(NrtNameResolutionId == 17);
C_ASSERT(UdpRecvSegCoalesceOffloadInfo == 17);
C_ASSERT(MaxNetBufferListInfo == 27);

/* The x64-only and x86-only names are spelled only where they exist. */
#if (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8) || defined(_WIN64)
C_ASSERT(EXPECT_PTR64);
C_ASSERT(SwitchForwardingReserved == 18);
C_ASSERT(SwitchForwardingDetail == 19);
C_ASSERT(VirtualSubnetInfo == 20);
C_ASSERT(IMReserved == 21);
C_ASSERT(TcpRecvSegCoalesceInfo == 22);
C_ASSERT(UdpSegmentationOffloadInfo == 22);
C_ASSERT(RscTcpTimestampDelta == 23);
C_ASSERT(TcpSendOffloadsSupplementalNetBufferListInfo == 23);
C_ASSERT(GftOffloadInformation == 24);
C_ASSERT(GftFlowEntryId == 25);
C_ASSERT(NetBufferListInfoReserved3 == 26);
#else
C_ASSERT(!EXPECT_PTR64);
C_ASSERT(IMReserved == 18);
C_ASSERT(TcpRecvSegCoalesceInfo == 19);
C_ASSERT(UdpSegmentationOffloadInfo == 19);
C_ASSERT(RscTcpTimestampDelta == 20);
C_ASSERT(TcpSendOffloadsSupplementalNetBufferListInfo == 20);
C_ASSERT(NetBufferListInfoReserved3 == 21);
C_ASSERT(NetBufferListInfoReserved4 == 22);
C_ASSERT(SwitchForwardingReserved == 23);
C_ASSERT(SwitchForwardingDetail_b0_to_b31 == 24);
C_ASSERT(SwitchForwardingDetail_b32_to_b63 == 25);
C_ASSERT(VirtualSubnetInfo == 26);
#endif
