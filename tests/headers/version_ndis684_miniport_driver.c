/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS684_MINIPORT -DNDIS_MINIPORT_DRIVER, as a 6.84 miniport
 * project is. NDIS_MINIPORT_DRIVER does not change the version. */
#if !defined(NDIS684_MINIPORT) || !defined(NDIS_MINIPORT_DRIVER)
#    error "build with -DNDIS684_MINIPORT -DNDIS_MINIPORT_DRIVER"
#endif
#include "version_expect.h"

#if defined(NDIS_PROTOCOL_MAJOR_VERSION) || defined(NDIS_FILTER_MAJOR_VERSION)
#    error "a miniport-only build defines no protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(684);
EXPECT_MINIPORT(6, 84, 6, 84);
/* 6.84: UdpRecvSegCoalesceOffloadInfo shares slot 17; 6.83:
 * UdpSegmentationOffloadInfo shares TcpRecvSegCoalesceInfo. */
C_ASSERT(UdpRecvSegCoalesceOffloadInfo == 17);
C_ASSERT(UdpSegmentationOffloadInfo == TcpRecvSegCoalesceInfo);
EXPECT_MAX_NBL_INFO(27, 27);
C_ASSERT(NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT == 0x00010000);
/* Before 6.87 the pool parameters have no Flags field (revision 1 only). */
C_ASSERT(sizeof(NET_BUFFER_LIST_POOL_PARAMETERS) == 16);
C_ASSERT(sizeof(NET_BUFFER_POOL_PARAMETERS) == 12);
/* compat-b: the runtime versions exist whatever the build version (xdp, a 6.84
 * driver, compares with NDIS_RUNTIME_VERSION_685). */
C_ASSERT(NDIS_RUNTIME_VERSION_685 == 0x00060055u);
