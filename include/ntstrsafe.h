/* SPDX-License-Identifier: MIT */
/* undis <ntstrsafe.h>: shadow of the WDK header (see <ndis/strsafe.h>). */
#ifndef UNDIS_SHADOW_NTSTRSAFE_H
#define UNDIS_SHADOW_NTSTRSAFE_H

#include "ndis/strsafe.h"

#endif /* UNDIS_SHADOW_NTSTRSAFE_H */
