/* SPDX-License-Identifier: MIT */
/*
 * undis <ws2def.h>: shadow of the WDK/SDK header of that name (address families, SOCKADDR, IPPROTO;
 * see <ndis/inet.h>). On Windows it forwards to the SDK's own <ws2def.h>, which expects
 * <winsock2.h> first, as on Windows.
 */
#ifndef UNDIS_SHADOW_WS2DEF_H
#define UNDIS_SHADOW_WS2DEF_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <ws2def.h>
#    else
#        error "undis <ws2def.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/inet.h"
#endif

#endif /* UNDIS_SHADOW_WS2DEF_H */
