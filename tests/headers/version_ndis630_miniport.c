/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS630_MINIPORT: an NDIS 6.30 miniport. */
#ifndef NDIS630_MINIPORT
#    error "build with -DNDIS630_MINIPORT"
#endif
#include "version_expect.h"

#if !NDIS_SUPPORT_NDIS630 || NDIS_SUPPORT_NDIS640
#    error "NDIS630_MINIPORT: NDIS_SUPPORT_NDIS630 must be 1 and NDIS_SUPPORT_NDIS640 0"
#endif
#if defined(NDIS_PROTOCOL_MAJOR_VERSION) || defined(NDIS_FILTER_MAJOR_VERSION)
#    error "a miniport-only build defines no protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(630);
EXPECT_MINIPORT(6, 30, 6, 30);
/* 6.30 on x64: the three switch slots (18 .. 20), then IMReserved,
 * TcpRecvSegCoalesceInfo, RscTcpTimestampDelta; on x86 the switch slots
 * are not there. */
C_ASSERT(IMReserved == (EXPECT_PTR64 ? 21 : 18));
C_ASSERT(TcpRecvSegCoalesceInfo == (EXPECT_PTR64 ? 22 : 19));
C_ASSERT(RscTcpTimestampDelta == (EXPECT_PTR64 ? 23 : 20));
C_ASSERT(TcpSendOffloadsSupplementalNetBufferListInfo == RscTcpTimestampDelta);
EXPECT_MAX_NBL_INFO(24, 21);
/* From 6.30 the low two bits of NBL Flags are the protocol's. */
C_ASSERT(NBL_FLAGS_PROTOCOL_RESERVED == 0xFFF00003U);
C_ASSERT(NBL_FLAGS_NDIS_RESERVED == 0x00000FFCU);
