/* SPDX-License-Identifier: MIT */
/*
 * undis <ntdef.h>: shadow of the WDK header: the Windows base types and
 * macros (<ndis/types.h>), NTSTATUS codes and counted strings.
 */
#ifndef UNDIS_SHADOW_NTDEF_H
#define UNDIS_SHADOW_NTDEF_H

#include "ndis/types.h"
#include "ndis/ntstatus.h"
#include "ndis/rtlstring.h"

#endif /* UNDIS_SHADOW_NTDEF_H */
