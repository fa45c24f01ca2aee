/* SPDX-License-Identifier: MIT */
/*
 * undis <ws2ipdef.h>: shadow of the WDK/SDK header of that name (SOCKADDR_IN6, SOCKADDR_INET; see
 * <ndis/inet.h>). On Windows it forwards to the SDK's own <ws2ipdef.h>, which expects <winsock2.h>
 * first, as on Windows.
 */
#ifndef UNDIS_SHADOW_WS2IPDEF_H
#define UNDIS_SHADOW_WS2IPDEF_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <ws2ipdef.h>
#    else
#        error "undis <ws2ipdef.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/inet.h"
#endif

#endif /* UNDIS_SHADOW_WS2IPDEF_H */
