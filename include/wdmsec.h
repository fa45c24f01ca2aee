/* SPDX-License-Identifier: MIT */
/* undis <wdmsec.h>: empty-but-valid (device security is not part of undis). */
#ifndef UNDIS_SHADOW_WDMSEC_H
#define UNDIS_SHADOW_WDMSEC_H

#include "ndis/rt.h"

#endif /* UNDIS_SHADOW_WDMSEC_H */
