/* SPDX-License-Identifier: MIT */
/* undis <ntintsafe.h>: shadow of the WDK header (see <ndis/intsafe.h>). */
#ifndef UNDIS_SHADOW_NTINTSAFE_H
#define UNDIS_SHADOW_NTINTSAFE_H

#include "ndis/intsafe.h"

#endif /* UNDIS_SHADOW_NTINTSAFE_H */
