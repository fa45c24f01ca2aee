/* SPDX-License-Identifier: MIT */
/*
 * undis <mstcpip.h>: shadow of the WDK/SDK header of that name (the IP string conversions; see
 * <ndis/ip2string.h>). On Windows it forwards to the SDK's own <mstcpip.h>, which expects
 * <winsock2.h> first, as on Windows.
 */
#ifndef UNDIS_SHADOW_MSTCPIP_H
#define UNDIS_SHADOW_MSTCPIP_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <mstcpip.h>
#    else
#        error "undis <mstcpip.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/inet.h"
#    include "ndis/ip2string.h"
#endif

#endif /* UNDIS_SHADOW_MSTCPIP_H */
