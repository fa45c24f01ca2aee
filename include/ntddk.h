/* SPDX-License-Identifier: MIT */
/*
 * undis <ntddk.h>: shadow of the WDK header of that name. It brings in the
 * kernel environment undis provides for data-path code (<ndis/rt.h>), the
 * bug-check codes and the I/O manager's types (<ndis/wdmio.h>: DRIVER_OBJECT,
 * IRP, KDPC, DRIVER_INITIALIZE, ...), whose functions the driver host
 * provides. Driver code may include <ntifs.h>, <ntddk.h>, <wdm.h> and
 * <ndis.h> in any order.
 */
#ifndef UNDIS_SHADOW_NTDDK_H
#define UNDIS_SHADOW_NTDDK_H

#include "ndis/rt.h"
#include "ndis/bugcodes.h"
#include "ndis/wdmio.h"
#include "ndis/csq.h"
#include "ndis/registry.h"
/* compat-a (issue 12) */
#include "ndis/hwres.h"
#include "ndis/kobject.h"

#endif /* UNDIS_SHADOW_NTDDK_H */
