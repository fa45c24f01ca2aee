/* SPDX-License-Identifier: MIT */
/*
 * undis <inaddr.h>: shadow of the WDK/SDK header of that name (IN_ADDR; see <ndis/inet.h>). On
 * Windows it forwards to the SDK's own <inaddr.h>.
 */
#ifndef UNDIS_SHADOW_INADDR_H
#define UNDIS_SHADOW_INADDR_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <inaddr.h>
#    else
#        error "undis <inaddr.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/inet.h"
#endif

#endif /* UNDIS_SHADOW_INADDR_H */
