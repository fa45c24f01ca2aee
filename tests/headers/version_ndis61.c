/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS61: an NDIS 6.1 protocol driver (minor version 1, not 10). */
#ifndef NDIS61
#    error "build with -DNDIS61"
#endif
#include "version_expect.h"

#if defined(NDIS_MINIPORT_MAJOR_VERSION)
#    error "a protocol-only build defines no miniport version"
#endif

EXPECT_SUPPORT_LEVEL(601);
EXPECT_PROTOCOL(6, 1, 6, 1);
EXPECT_FILTER(6, 1, 6, 1);
/* 6.1 adds IPsecOffloadV2Tunnel/Header (11, 12). */
C_ASSERT(IPsecOffloadV2NetBufferListInfo == IPsecOffloadV1NetBufferListInfo);
C_ASSERT(IPsecOffloadV2TunnelNetBufferListInfo == 11);
C_ASSERT(IPsecOffloadV2HeaderNetBufferListInfo == 12);
EXPECT_MAX_NBL_INFO(13, 13);
