/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ifdef.h>: the interface identifiers and states of ifdef.h
 * (NET_IFINDEX, NET_LUID, NET_IF_MEDIA_CONNECT_STATE, IF_COUNTED_STRING,
 * ...) and the IF_TYPE_* interface types of ipifcons.h, which ntddndis.h
 * and the networking headers build on.
 *
 * On Windows the SDK's <ifdef.h> (through undis's forwarding <ifdef.h>)
 * gives these names; this header then adds only what it lacks.
 */
#ifndef UNDIS_NDIS_IFDEF_H
#define UNDIS_NDIS_IFDEF_H

#include "types.h"
#include "undis_assert.h"

#if UNDIS_HAVE_WINNT
#    include <ifdef.h>
#else

UNDIS_EXTERN_C_BEGIN

#    define IF_MAX_STRING_SIZE         256
#    define IF_MAX_PHYS_ADDRESS_LENGTH 32

typedef UINT32 NET_IF_COMPARTMENT_ID, *PNET_IF_COMPARTMENT_ID;

typedef GUID NET_IF_NETWORK_GUID, *PNET_IF_NETWORK_GUID;

typedef ULONG NET_IFINDEX, *PNET_IFINDEX;
typedef UINT16 NET_IFTYPE, *PNET_IFTYPE;
typedef NET_IFINDEX IF_INDEX, *PIF_INDEX;

typedef ULONG NET_IF_OBJECT_ID, *PNET_IF_OBJECT_ID;
typedef UINT32 NET_SITEID;
#    define NET_SITEID_UNSPECIFIED     (0)
#    define NET_SITEID_MAXUSER         (0x07ffffff)
#    define NET_SITEID_MAXSYSTEM       (0x0fffffff)

#    define NET_IF_OPER_STATUS_DOWN_NOT_AUTHENTICATED   0x00000001
#    define NET_IF_OPER_STATUS_DOWN_NOT_MEDIA_CONNECTED 0x00000002
#    define NET_IF_OPER_STATUS_DORMANT_PAUSED           0x00000004
#    define NET_IF_OPER_STATUS_DORMANT_LOW_POWER        0x00000008

typedef enum _NET_IF_OPER_STATUS {
    NET_IF_OPER_STATUS_UP = 1,
    NET_IF_OPER_STATUS_DOWN = 2,
    NET_IF_OPER_STATUS_TESTING = 3,
    NET_IF_OPER_STATUS_UNKNOWN = 4,
    NET_IF_OPER_STATUS_DORMANT = 5,
    NET_IF_OPER_STATUS_NOT_PRESENT = 6,
    NET_IF_OPER_STATUS_LOWER_LAYER_DOWN = 7
} NET_IF_OPER_STATUS,
    *PNET_IF_OPER_STATUS;

typedef enum _IF_OPER_STATUS {
    IfOperStatusUp = 1,
    IfOperStatusDown,
    IfOperStatusTesting,
    IfOperStatusUnknown,
    IfOperStatusDormant,
    IfOperStatusNotPresent,
    IfOperStatusLowerLayerDown
} IF_OPER_STATUS;

typedef enum _NET_IF_ADMIN_STATUS {
    NET_IF_ADMIN_STATUS_UP = 1,
    NET_IF_ADMIN_STATUS_DOWN = 2,
    NET_IF_ADMIN_STATUS_TESTING = 3
} NET_IF_ADMIN_STATUS,
    *PNET_IF_ADMIN_STATUS;

typedef enum _NET_IF_RCV_ADDRESS_TYPE {
    NET_IF_RCV_ADDRESS_TYPE_OTHER = 1,
    NET_IF_RCV_ADDRESS_TYPE_VOLATILE = 2,
    NET_IF_RCV_ADDRESS_TYPE_NON_VOLATILE = 3
} NET_IF_RCV_ADDRESS_TYPE,
    *PNET_IF_RCV_ADDRESS_TYPE;

typedef struct _NET_IF_RCV_ADDRESS_LH {
    NET_IF_RCV_ADDRESS_TYPE ifRcvAddressType;
    USHORT ifRcvAddressLength;
    USHORT ifRcvAddressOffset;
} NET_IF_RCV_ADDRESS_LH, *PNET_IF_RCV_ADDRESS_LH;
typedef NET_IF_RCV_ADDRESS_LH NET_IF_RCV_ADDRESS, *PNET_IF_RCV_ADDRESS;

typedef struct _NET_IF_ALIAS_LH {
    USHORT ifAliasLength;
    USHORT ifAliasOffset;
} NET_IF_ALIAS_LH, *PNET_IF_ALIAS_LH;
typedef NET_IF_ALIAS_LH NET_IF_ALIAS, *PNET_IF_ALIAS;

/* NET_LUID: NetLuidIndex in bits 24..47, IfType in bits 48..63. */
typedef union _NET_LUID_LH {
    ULONG64 Value;
    struct {
        ULONG64 Reserved : 24;
        ULONG64 NetLuidIndex : 24;
        ULONG64 IfType : 16;
    } Info;
} NET_LUID_LH, *PNET_LUID_LH;
typedef NET_LUID_LH NET_LUID, *PNET_LUID;
typedef NET_LUID IF_LUID, *PIF_LUID;

#    define NET_IF_LUID_INDEX_MAXIMUM 0x00FFFFFF

typedef enum _NET_IF_CONNECTION_TYPE {
    NET_IF_CONNECTION_DEDICATED = 1,
    NET_IF_CONNECTION_PASSIVE = 2,
    NET_IF_CONNECTION_DEMAND = 3,
    NET_IF_CONNECTION_MAXIMUM = 4
} NET_IF_CONNECTION_TYPE,
    *PNET_IF_CONNECTION_TYPE;

typedef enum _NET_IF_ACCESS_TYPE {
    NET_IF_ACCESS_LOOPBACK = 1,
    NET_IF_ACCESS_BROADCAST = 2,
    NET_IF_ACCESS_POINT_TO_POINT = 3,
    NET_IF_ACCESS_POINT_TO_MULTI_POINT = 4,
    NET_IF_ACCESS_MAXIMUM = 5
} NET_IF_ACCESS_TYPE,
    *PNET_IF_ACCESS_TYPE;

typedef enum _NET_IF_DIRECTION_TYPE {
    NET_IF_DIRECTION_SENDRECEIVE,
    NET_IF_DIRECTION_SENDONLY,
    NET_IF_DIRECTION_RECEIVEONLY,
    NET_IF_DIRECTION_MAXIMUM
} NET_IF_DIRECTION_TYPE,
    *PNET_IF_DIRECTION_TYPE;

typedef enum _NET_IF_MEDIA_CONNECT_STATE {
    MediaConnectStateUnknown,
    MediaConnectStateConnected,
    MediaConnectStateDisconnected
} NET_IF_MEDIA_CONNECT_STATE,
    *PNET_IF_MEDIA_CONNECT_STATE;

typedef enum _NET_IF_MEDIA_DUPLEX_STATE {
    MediaDuplexStateUnknown,
    MediaDuplexStateHalf,
    MediaDuplexStateFull
} NET_IF_MEDIA_DUPLEX_STATE,
    *PNET_IF_MEDIA_DUPLEX_STATE;

typedef enum {
    TUNNEL_TYPE_NONE = 0,
    TUNNEL_TYPE_OTHER = 1,
    TUNNEL_TYPE_DIRECT = 2,
    TUNNEL_TYPE_6TO4 = 11,
    TUNNEL_TYPE_ISATAP = 13,
    TUNNEL_TYPE_TEREDO = 14,
    TUNNEL_TYPE_IPHTTPS = 15
} TUNNEL_TYPE,
    *PTUNNEL_TYPE;

/* Counted strings of ifDescr/ifAlias: Length in bytes, not counting a NUL. */
typedef struct _IF_COUNTED_STRING_LH {
    USHORT Length;
    WCHAR String[IF_MAX_STRING_SIZE + 1];
} IF_COUNTED_STRING_LH, *PIF_COUNTED_STRING_LH;
typedef IF_COUNTED_STRING_LH IF_COUNTED_STRING, *PIF_COUNTED_STRING;

typedef struct _IF_PHYSICAL_ADDRESS_LH {
    USHORT Length;
    UCHAR Address[IF_MAX_PHYS_ADDRESS_LENGTH];
} IF_PHYSICAL_ADDRESS_LH, *PIF_PHYSICAL_ADDRESS_LH;
typedef IF_PHYSICAL_ADDRESS_LH IF_PHYSICAL_ADDRESS, *PIF_PHYSICAL_ADDRESS;

UNDIS_C_ASSERT(sizeof(NET_LUID) == 8);
UNDIS_C_ASSERT(sizeof(IF_PHYSICAL_ADDRESS) == 34);

UNDIS_EXTERN_C_END

#endif /* !UNDIS_HAVE_WINNT */

/* Also where the SDK's <ifdef.h> (MinGW-w64's) lacks them. */
#ifndef NET_IF_COMPARTMENT_ID_UNSPECIFIED
#    define NET_IF_COMPARTMENT_ID_UNSPECIFIED ((NET_IF_COMPARTMENT_ID)0)
#    define NET_IF_COMPARTMENT_ID_PRIMARY     ((NET_IF_COMPARTMENT_ID)1)
#endif
#ifndef NET_IF_COMPARTMENT_ID_ALL
#    define NET_IF_COMPARTMENT_ID_ALL ((NET_IF_COMPARTMENT_ID)-1)
#endif
#ifndef NET_IFINDEX_UNSPECIFIED
#    define NET_IFINDEX_UNSPECIFIED ((NET_IFINDEX)0)
#endif
#ifndef IFI_UNSPECIFIED
#    define IFI_UNSPECIFIED NET_IFINDEX_UNSPECIFIED
#endif
#ifndef NET_IF_LINK_SPEED_UNKNOWN
#    define NET_IF_LINK_SPEED_UNKNOWN ((ULONG64)(-1))
#endif
#ifndef NET_IF_CURRENT_SESSION
#    define NET_IF_CURRENT_SESSION ((ULONG)-1)
#endif

/* ipifcons.h: the IANA interface types NDIS drivers report (IfType). */
#ifndef IF_TYPE_OTHER
#    define IF_TYPE_OTHER              1
#    define IF_TYPE_REGULAR_1822       2
#    define IF_TYPE_HDH_1822           3
#    define IF_TYPE_DDN_X25            4
#    define IF_TYPE_RFC877_X25         5
#    define IF_TYPE_ETHERNET_CSMACD    6
#    define IF_TYPE_IS088023_CSMACD    7
#    define IF_TYPE_ISO88024_TOKENBUS  8
#    define IF_TYPE_ISO88025_TOKENRING 9
#    define IF_TYPE_PPP                23
#    define IF_TYPE_SOFTWARE_LOOPBACK  24
#    define IF_TYPE_ATM                37
#    define IF_TYPE_PROP_VIRTUAL       53
#    define IF_TYPE_IEEE80211          71
#    define IF_TYPE_TUNNEL             131
#    define IF_TYPE_IEEE1394           144
#    define IF_TYPE_IEEE80216_WMAN     237
#    define IF_TYPE_WWANPP             243
#    define IF_TYPE_WWANPP2            244
#    define MAX_IF_TYPE                259
#endif

#endif /* UNDIS_NDIS_IFDEF_H */
