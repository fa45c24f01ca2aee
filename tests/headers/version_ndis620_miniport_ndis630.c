/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS620_MINIPORT -DNDIS630: an intermediate driver whose
 * miniport edge is 6.20 and protocol edge 6.30. The support level is the
 * higher of the two. */
#if !defined(NDIS620_MINIPORT) || !defined(NDIS630)
#    error "build with -DNDIS620_MINIPORT -DNDIS630"
#endif
#include "version_expect.h"

EXPECT_SUPPORT_LEVEL(630);
EXPECT_MINIPORT(6, 20, 6, 20);
EXPECT_PROTOCOL(6, 30, 6, 30);
EXPECT_FILTER(6, 30, 6, 30);
EXPECT_MAX_NBL_INFO(24, 21);
