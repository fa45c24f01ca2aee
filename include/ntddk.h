/* SPDX-License-Identifier: MIT */
/*
 * undis <ntddk.h>: shadow of the WDK header of that name. It brings in the
 * kernel environment undis provides for data-path code (<ndis/rt.h>); there
 * is no I/O manager, driver object or IRP machinery behind it. Driver code
 * may include <ntifs.h>, <ntddk.h>, <wdm.h> and <ndis.h> in any order.
 */
#ifndef UNDIS_SHADOW_NTDDK_H
#define UNDIS_SHADOW_NTDDK_H

#include "ndis/rt.h"

#endif /* UNDIS_SHADOW_NTDDK_H */
