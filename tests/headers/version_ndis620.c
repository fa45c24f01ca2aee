/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS620: an NDIS 6.20 protocol or filter driver. */
#ifndef NDIS620
#    error "build with -DNDIS620"
#endif
#include "version_expect.h"

#if !NDIS_SUPPORT_NDIS620 || NDIS_SUPPORT_NDIS630
#    error "NDIS620: NDIS_SUPPORT_NDIS620 must be 1 and NDIS_SUPPORT_NDIS630 0"
#endif
#if defined(NDIS_MINIPORT_MAJOR_VERSION) || defined(NDIS_MINIPORT_MINOR_VERSION)
#    error "a protocol-only build defines no miniport version"
#endif

EXPECT_SUPPORT_LEVEL(620);
EXPECT_PROTOCOL(6, 20, 6, 20);
EXPECT_FILTER(6, 20, 6, 20);
/* 6.20 adds CorrelationId .. TcpReceiveBytesTransferred (13 .. 17). */
C_ASSERT(NetBufferListCorrelationId == 13);
C_ASSERT(NetBufferListFilteringInfo == 14);
C_ASSERT(MediaSpecificInformationEx == 15);
C_ASSERT(NblOriginalInterfaceIfIndex == 16);
C_ASSERT(NblReAuthWfpFlowContext == 16);
C_ASSERT(TcpReceiveBytesTransferred == 17);
C_ASSERT(NrtNameResolutionId == 17);
EXPECT_MAX_NBL_INFO(18, 18);
C_ASSERT(NBL_FLAGS_PROTOCOL_RESERVED == 0xFFF00000U);
