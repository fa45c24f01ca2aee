/* SPDX-License-Identifier: MIT */
/*
 * undis <ntddndis.h>: shadow of the WDK/SDK header (see <ndis/ntddndis.h>).
 * Always undis's own, on Windows too: <ndis.h> includes it, and two
 * declarations of NDIS_OBJECT_HEADER cannot meet in one file.
 */
#ifndef UNDIS_SHADOW_NTDDNDIS_H
#define UNDIS_SHADOW_NTDDNDIS_H

#include "ndis/ntddndis.h"

#endif /* UNDIS_SHADOW_NTDDNDIS_H */
