/* SPDX-License-Identifier: MIT */
/* Built with -DNDIS_MINIPORT_DRIVER alone, as virtio-win's NetKVM project is:
 * the WDK then derives the miniport version from the target OS, so
 * NDIS_MINIPORT_MAJOR/MINOR_VERSION exist; undis takes the newest (6.89). */
#if !defined(NDIS_MINIPORT_DRIVER)
#    error "build with -DNDIS_MINIPORT_DRIVER"
#endif
#include "version_expect.h"

#if defined(NDIS_PROTOCOL_MAJOR_VERSION) || defined(NDIS_FILTER_MAJOR_VERSION)
#    error "a miniport-only build defines no protocol or filter version"
#endif

EXPECT_SUPPORT_LEVEL(689);
EXPECT_MINIPORT(6, 89, 6, 89);
C_ASSERT(UNDIS_NDIS_VERSION_DEFAULTED == 0);
