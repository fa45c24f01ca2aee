/* SPDX-License-Identifier: MIT */
/*
 * undis <netioapi.h>: shadow of the WDK/SDK header of that name (MIB_IF_ROW2 and the interface
 * lookups; see <ndis/netioapi.h>). On Windows it forwards to the SDK's own <netioapi.h>, which
 * expects <winsock2.h> first, as on Windows.
 */
#ifndef UNDIS_SHADOW_NETIOAPI_H
#define UNDIS_SHADOW_NETIOAPI_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <netioapi.h>
#    else
#        error "undis <netioapi.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/netioapi.h"
#endif

#endif /* UNDIS_SHADOW_NETIOAPI_H */
