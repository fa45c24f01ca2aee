/* SPDX-License-Identifier: MIT */
/*
 * undis <wdmguid.h>: the GUIDs of Plug and Play notifications and of the
 * standard bus interfaces, declared with DEFINE_GUID (defined where the
 * driver includes <initguid.h> or defines INITGUID first, as in the WDK).
 */
#ifndef UNDIS_SHADOW_WDMGUID_H
#define UNDIS_SHADOW_WDMGUID_H

#include "ndis/rt.h"

DEFINE_GUID(GUID_DEVICE_INTERFACE_ARRIVAL,
            0xcb3a4004,
            0x46f0,
            0x11d0,
            0xb0,
            0x8f,
            0x00,
            0x60,
            0x97,
            0x13,
            0x05,
            0x3f);
DEFINE_GUID(GUID_DEVICE_INTERFACE_REMOVAL,
            0xcb3a4005,
            0x46f0,
            0x11d0,
            0xb0,
            0x8f,
            0x00,
            0x60,
            0x97,
            0x13,
            0x05,
            0x3f);
DEFINE_GUID(GUID_TARGET_DEVICE_QUERY_REMOVE,
            0xcb3a4006,
            0x46f0,
            0x11d0,
            0xb0,
            0x8f,
            0x00,
            0x60,
            0x97,
            0x13,
            0x05,
            0x3f);
DEFINE_GUID(GUID_TARGET_DEVICE_REMOVE_CANCELLED,
            0xcb3a4007,
            0x46f0,
            0x11d0,
            0xb0,
            0x8f,
            0x00,
            0x60,
            0x97,
            0x13,
            0x05,
            0x3f);
DEFINE_GUID(GUID_TARGET_DEVICE_REMOVE_COMPLETE,
            0xcb3a4008,
            0x46f0,
            0x11d0,
            0xb0,
            0x8f,
            0x00,
            0x60,
            0x97,
            0x13,
            0x05,
            0x3f);
DEFINE_GUID(GUID_PNP_CUSTOM_NOTIFICATION,
            0xaca73f8e,
            0x8d23,
            0x11d1,
            0xac,
            0x7d,
            0x00,
            0x00,
            0xf8,
            0x75,
            0x71,
            0xd0);
DEFINE_GUID(GUID_BUS_INTERFACE_STANDARD,
            0x496b8280,
            0x6f25,
            0x11d0,
            0xbe,
            0xaf,
            0x08,
            0x00,
            0x2b,
            0xe2,
            0x09,
            0x2f);

#endif /* UNDIS_SHADOW_WDMGUID_H */
