/* SPDX-License-Identifier: MIT */
/* undis <ip2string.h>: shadow of the WDK header of that name (see <ndis/ip2string.h>). */
#ifndef UNDIS_SHADOW_IP2STRING_H
#define UNDIS_SHADOW_IP2STRING_H

#include "ndis/ip2string.h"

#endif /* UNDIS_SHADOW_IP2STRING_H */
