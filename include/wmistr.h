/* SPDX-License-Identifier: MIT */
/* undis <wmistr.h>: empty-but-valid (WMI is not part of undis). */
#ifndef UNDIS_SHADOW_WMISTR_H
#define UNDIS_SHADOW_WMISTR_H

#include "ndis/types.h"

#endif /* UNDIS_SHADOW_WMISTR_H */
