/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS650: an NDIS 6.50 protocol or filter driver. */
#ifndef NDIS650
#    error "build with -DNDIS650"
#endif
#include "version_expect.h"

EXPECT_SUPPORT_LEVEL(650);
EXPECT_PROTOCOL(6, 50, 6, 50);
EXPECT_FILTER(6, 50, 6, 50);
/* 6.50 adds the two GFT slots on x64 only. */
EXPECT_MAX_NBL_INFO(26, 21);
