/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS60_MINIPORT -DNDIS620_MINIPORT: a miniport that supports
 * 6.0 through 6.20. The version is the highest named, the minimum the
 * lowest. */
#if !defined(NDIS60_MINIPORT) || !defined(NDIS620_MINIPORT)
#    error "build with -DNDIS60_MINIPORT -DNDIS620_MINIPORT"
#endif
#include "version_expect.h"

EXPECT_SUPPORT_LEVEL(620);
EXPECT_MINIPORT(6, 20, 6, 0);
EXPECT_MAX_NBL_INFO(18, 18);
