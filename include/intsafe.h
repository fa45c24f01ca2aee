/* SPDX-License-Identifier: MIT */
/*
 * undis <intsafe.h>: shadow of the SDK/WDK header of that name: the HRESULT
 * integer-safe helpers (<ndis/hrintsafe.h>). On Windows the system's own
 * <intsafe.h> is used instead.
 */
#ifndef UNDIS_SHADOW_INTSAFE_H
#define UNDIS_SHADOW_INTSAFE_H

#ifdef _WIN32
#    include "ndis/types.h"
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <intsafe.h>
#    else
#        error "undis <intsafe.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/hrintsafe.h"
#endif

#endif /* UNDIS_SHADOW_INTSAFE_H */
