/* SPDX-License-Identifier: MIT */
/*
 * undis <ifdef.h>: shadow of the WDK/SDK header (see <ndis/ifdef.h>). On
 * Windows it forwards to the system's own <ifdef.h>.
 */
#ifndef UNDIS_SHADOW_IFDEF_H
#define UNDIS_SHADOW_IFDEF_H

#ifdef _WIN32
#    include "ndis/types.h" /* the SDK header needs the base types first */
/* #include_next is an extension: -Wpedantic is quiet about it in a system
 * header, which this forwarding file declares itself to be. */
#    if UNDIS_GNU_ATTRIBUTES
#        pragma GCC system_header
#        include_next <ifdef.h>
#    else
#        error "undis <ifdef.h>: on Windows, put the SDK's include folder before undis's"
#    endif
#else
#    include "ndis/ifdef.h"
#endif

#endif /* UNDIS_SHADOW_IFDEF_H */
