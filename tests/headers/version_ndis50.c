/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS50: an NDIS 5.0 protocol. No NDIS 6 support at all, and
 * no filter version (filters start with NDIS 6.0). */
#ifndef NDIS50
#    error "build with -DNDIS50"
#endif
#include "version_expect.h"

#if NDIS_SUPPORT_NDIS6
#    error "NDIS50: NDIS_SUPPORT_NDIS6 must be 0"
#endif
#if defined(NDIS_FILTER_MAJOR_VERSION)
#    error "NDIS 5 has no filter drivers"
#endif

EXPECT_SUPPORT_LEVEL(500);
EXPECT_PROTOCOL(5, 0, 5, 0);
EXPECT_MAX_NBL_INFO(11, 11);
