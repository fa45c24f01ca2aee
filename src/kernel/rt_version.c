/* SPDX-License-Identifier: MIT */
/*
 * rt_version.c: NdisGetVersion: the NDIS version undis implements
 * (NdisGetRoutineAddress is in rt_routines.c).
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

/* NDIS 6.89, the highest version the headers declare: major in the high
 * word, minor in the low word, as NdisGetVersion reports it. */
#define UNDIS_NDIS_VERSION_IMPLEMENTED 0x00060059U

/*
 * Pre: none. Post: returns the NDIS version undis implements (6.89),
 * whatever NDIS_SUPPORT_NDISxxx the driver was compiled with. Any IRQL.
 */
UINT
NdisGetVersion(VOID)
{
    return UNDIS_NDIS_VERSION_IMPLEMENTED;
}
