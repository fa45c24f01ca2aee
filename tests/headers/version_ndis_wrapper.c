/* SPDX-License-Identifier: MIT */
/*
 * Built with -DNDIS_WRAPPER (NDIS's own build): every support level, no
 * driver version. The WDK adds NetBufferListInfoReserved1/2 under
 * NDIS_WRAPPER (29 slots); undis keeps the public 27-slot layout (spec 2.4).
 */
#ifndef NDIS_WRAPPER
#    error "build with -DNDIS_WRAPPER"
#endif
#include "version_expect.h"

#if defined(NDIS_MINIPORT_MAJOR_VERSION) || defined(NDIS_PROTOCOL_MAJOR_VERSION) || \
    defined(NDIS_FILTER_MAJOR_VERSION)
#    error "NDIS_WRAPPER defines no miniport, protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(689);
C_ASSERT(UNDIS_NDIS_VERSION_DEFAULTED == 0);
EXPECT_MAX_NBL_INFO(27, 27);
