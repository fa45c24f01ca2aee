/* SPDX-License-Identifier: MIT */
/* undis <netiodef.h>: shadow of the WDK header of that name (protocol headers; see
 * <ndis/netiodef.h>). */
#ifndef UNDIS_SHADOW_NETIODEF_H
#define UNDIS_SHADOW_NETIODEF_H

#include "ndis/netiodef.h"

#endif /* UNDIS_SHADOW_NETIODEF_H */
