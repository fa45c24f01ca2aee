/* SPDX-License-Identifier: MIT */
/* undis <ntstatus.h>: shadow of the WDK header (see <ndis/ntstatus.h>). */
#ifndef UNDIS_SHADOW_NTSTATUS_H
#define UNDIS_SHADOW_NTSTATUS_H

#include "ndis/ntstatus.h"
#include "ndis/fwpstatus.h" /* issue 12, compat-b */

#endif /* UNDIS_SHADOW_NTSTATUS_H */
