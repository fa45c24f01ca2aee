/* SPDX-License-Identifier: MIT */
/*
 * undis <wdmsec.h>: the default security descriptors (SDDL strings) that
 * drivers pass to IoCreateDeviceSecure or NdisRegisterDeviceEx's
 * DefaultSDDLString. undis enforces no device security; the strings are
 * there so that the driver's code compiles and links unchanged.
 */
#ifndef UNDIS_SHADOW_WDMSEC_H
#define UNDIS_SHADOW_WDMSEC_H

#include "ndis/rt.h"

UNDIS_EXTERN_C_BEGIN

/* "D:P(A;;GA;;;SY)(A;;GA;;;BA)": system and administrators, all access. */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL;
/* "D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)":
 * system all; administrators, everyone and restricted code read/write/execute. */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX;

UNDIS_EXTERN_C_END

#endif /* UNDIS_SHADOW_WDMSEC_H */
