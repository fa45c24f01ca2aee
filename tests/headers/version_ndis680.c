/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS680: an NDIS 6.80 protocol or filter driver. */
#ifndef NDIS680
#    error "build with -DNDIS680"
#endif
#include "version_expect.h"

#if !NDIS_SUPPORT_NDIS680 || NDIS_SUPPORT_NDIS681
#    error "NDIS680: NDIS_SUPPORT_NDIS680 must be 1 and NDIS_SUPPORT_NDIS681 0"
#endif

EXPECT_SUPPORT_LEVEL(680);
EXPECT_PROTOCOL(6, 80, 6, 80);
EXPECT_FILTER(6, 80, 6, 80);
/* 6.80 adds NetBufferListInfoReserved3 (x64: 26) and, on x86,
 * NetBufferListInfoReserved4 too (21, 22); the x86 switch slots come with
 * 6.82. */
C_ASSERT(NetBufferListInfoReserved3 == (EXPECT_PTR64 ? 26 : 21));
EXPECT_MAX_NBL_INFO(27, 23);
C_ASSERT(NetBufferListProtocolId == 7);
