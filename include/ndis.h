/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis.h>: the NDIS 6 NET_BUFFER data path for user mode.
 *
 * This is undis's header, not the Windows Driver Kit's: the names, fields,
 * layouts and semantics are the WDK's, the implementation is undis's own
 * (https://github.com/undis). Driver data-path code includes it unchanged.
 *
 * Define the NDIS version the code is written for as in a WDK project
 * (NDIS620_MINIPORT, NDIS630, ...); with none, the newest is assumed.
 */
#ifndef UNDIS_NDIS_H
#define UNDIS_NDIS_H

#ifndef _NDIS_
#    define _NDIS_
#endif

/* As in the WDK, <ndis.h> gives the legacy names of the NET_BUFFER headers
 * (NET_BUFFER_DATA, NET_BUFFER_HEADER, NbDataLength, NetBufferHeader, ...);
 * define NDIS_INCLUDE_LEGACY_NAMES to 0 before it to go without them. */
#ifndef NDIS_INCLUDE_LEGACY_NAMES
#    define NDIS_INCLUDE_LEGACY_NAMES 1
#endif

#include "ndis/version.h"
#include "ndis/types.h"
#include "ndis/status.h"
#include "ndis/rt.h"
#include "ndis/objectheader.h"
#include "ndis/bugcodes.h"
#include "ndis/wdmio.h"
#include "ndis/csq.h"
#include "ndis/registry.h"
#include "ndis/ntddndis.h"
#include "ndis/generic.h"
#include "ndis/mdl.h"
#include "ndis/nblinfo.h"
#include "ndis/nbl.h"
#include "ndis/nblaccessors.h"
#include "ndis/nblapi.h"
#include "ndis/datapath.h"
#include "ndis/nbloob.h"
#include "ndis/oidrequest.h"
#include "ndis/miniport.h"
#include "ndis/filter.h"
#include "ndis/protocol.h"
#include "ndis/config.h"
#include "ndis/rxfilter.h"
#include "ndis/rxqueue.h"
#include "ndis/vswitch.h"
/* issue 12, compat-b: NetKVM, xdp-for-windows, npcap */
#include "ndis/ntddndis2.h"
#include "ndis/exsync.h"
#include "ndis/nbltimestamp.h"
#include "ndis/poll.h"
#include "ndis/pci.h"
#include "ndis/fwpstatus.h"
#include "ndis/rtlbitmap.h"
#include "ndis/interrupt.h"
/* compat-a (issue 12): hardware resources, hardware assist, RSSv2, kernel objects */
#include "ndis/hwres.h"
#include "ndis/kobject.h"
#include "ndis/hwassist.h"
#include "ndis/dot11.h"
#include "ndis/kmisc.h"
#include "ndis/ministats.h"
/* compat-d (issue 12): NetKVM's device access, PnP and resource names */
#include "ndis/hwio.h"
#include "ndis/pnpres.h"

#endif /* UNDIS_NDIS_H */
