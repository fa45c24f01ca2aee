/* SPDX-License-Identifier: MIT */
/* Built with -DUM_NDIS687: user-mode code; raises the support level only. */
#ifndef UM_NDIS687
#    error "build with -DUM_NDIS687"
#endif
#include "version_expect.h"

#if defined(NDIS_MINIPORT_MAJOR_VERSION) || defined(NDIS_PROTOCOL_MAJOR_VERSION) || \
    defined(NDIS_FILTER_MAJOR_VERSION)
#    error "UM_NDISxxx defines no miniport, protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(687);
C_ASSERT(UNDIS_NDIS_VERSION_DEFAULTED == 0);
EXPECT_MAX_NBL_INFO(27, 27);
/* 6.87 brings revision 2 of the pool parameters, with Flags. */
C_ASSERT(NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 == 2);
C_ASSERT(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 == 20);
C_ASSERT(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 == 16);
C_ASSERT(NET_BUFFER_LIST_POOL_FLAG_VERIFY == 1);
