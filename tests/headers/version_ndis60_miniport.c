/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS60_MINIPORT: an NDIS 6.0 miniport. */
#ifndef NDIS60_MINIPORT
#    error "build with -DNDIS60_MINIPORT"
#endif
#include "version_expect.h"

#if !NDIS_SUPPORT_NDIS6 || NDIS_SUPPORT_NDIS61
#    error "NDIS60_MINIPORT: NDIS_SUPPORT_NDIS6 must be 1 and NDIS_SUPPORT_NDIS61 0"
#endif
#if defined(NDIS_PROTOCOL_MAJOR_VERSION) || defined(NDIS_FILTER_MAJOR_VERSION)
#    error "a miniport-only build defines no protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(600);
EXPECT_MINIPORT(6, 0, 6, 0);
C_ASSERT(UNDIS_NDIS_VERSION_DEFAULTED == 0);
/* 0 .. 10: TcpIpChecksum .. WfpNetBufferListInfo. */
C_ASSERT(WfpNetBufferListInfo == 10);
EXPECT_MAX_NBL_INFO(11, 11);
/* Before 6.30 the low two bits of NBL Flags still belong to NDIS. */
C_ASSERT(NBL_FLAGS_PROTOCOL_RESERVED == 0xFFF00000U);
C_ASSERT(NBL_FLAGS_NDIS_RESERVED == 0x00000FFFU);
C_ASSERT(sizeof(NET_BUFFER_LIST_POOL_PARAMETERS) == 16);
