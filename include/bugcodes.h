/* SPDX-License-Identifier: MIT */
/* undis <bugcodes.h>: shadow of the WDK header (see <ndis/bugcodes.h>). */
#ifndef UNDIS_SHADOW_BUGCODES_H
#define UNDIS_SHADOW_BUGCODES_H

#include "ndis/bugcodes.h"

#endif /* UNDIS_SHADOW_BUGCODES_H */
