/* SPDX-License-Identifier: MIT */
/*
 * undis <windot11.h>: the native 802.11 names (see <ndis/dot11.h>), which
 * <ndis.h> also includes, as the WDK's does.
 */
#ifndef UNDIS_SHADOW_WINDOT11_H
#define UNDIS_SHADOW_WINDOT11_H

#include "ndis.h"
#include "ndis/dot11.h"

#endif /* UNDIS_SHADOW_WINDOT11_H */
