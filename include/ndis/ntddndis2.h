/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ntddndis2.h>: more of ntddndis.h (issue 12, helper compat-b),
 * names virtio-win's NetKVM and xdp-for-windows use: the receive hash
 * parameters (OID_GEN_RECEIVE_HASH), the UDP hash types and RSS
 * capabilities of NDIS 6.80, the RSS parameters' third revision, the
 * receive throttle of MiniportInterruptDPC, the operational state, the
 * NDIS_PROTOCOL_ID_* values, network address lists and power-management
 * patterns. Values and layouts are the WDK's.
 */
#ifndef UNDIS_NDIS_NTDDNDIS2_H
#define UNDIS_NDIS_NTDDNDIS2_H

#include "compiler.h"
#include "types.h"
#include "objectheader.h"
#include "ifdef.h"
#include "ntddndis.h"
#include "ntstatus.h"
#include "nblaccessors.h"
#include "nbloob.h"
#include "rtlstring.h"
#include "undis_assert.h"

UNDIS_EXTERN_C_BEGIN

/* ---- RSS hash functions and types ---------------------------------------- */

#define NdisHashFunctionToeplitz  0x00000001
#define NdisHashFunctionReserved1 0x00000002
#define NdisHashFunctionReserved2 0x00000004
#define NdisHashFunctionReserved3 0x00000008

#if NDIS_SUPPORT_NDIS680
#    define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV4    0x00000800
#    define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV6    0x00001000
#    define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV6_EX 0x00002000
#    define NDIS_HASH_UDP_IPV4                  0x00004000
#    define NDIS_HASH_UDP_IPV6                  0x00008000
#    define NDIS_HASH_UDP_IPV6_EX               0x00010000
#endif

typedef ULONG NDIS_RSS_CAPS_FLAGS;

#if NDIS_SUPPORT_NDIS660
/* Revision 3 of NDIS_RECEIVE_SCALE_PARAMETERS (DefaultProcessorNumber) and
 * its size are in <ndis/ntddndis.h> (compat-d). */
#    define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_3 40
#endif

/* ---- receive hash (OID_GEN_RECEIVE_HASH) --------------------------------- */

#define NDIS_RECEIVE_HASH_FLAG_ENABLE_HASH         0x00000001
#define NDIS_RECEIVE_HASH_FLAG_HASH_INFO_UNCHANGED 0x00000002
#define NDIS_RECEIVE_HASH_FLAG_HASH_KEY_UNCHANGED  0x00000004

#define NDIS_RECEIVE_HASH_PARAMETERS_REVISION_1 1
typedef struct _NDIS_RECEIVE_HASH_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG HashInformation;
    USHORT HashSecretKeySize;
    ULONG HashSecretKeyOffset; /* from the start of this structure */
} NDIS_RECEIVE_HASH_PARAMETERS, *PNDIS_RECEIVE_HASH_PARAMETERS;
#define NDIS_SIZEOF_RECEIVE_HASH_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_HASH_PARAMETERS, HashSecretKeyOffset)
UNDIS_C_ASSERT(NDIS_SIZEOF_RECEIVE_HASH_PARAMETERS_REVISION_1 == 20);

/* ---- receive throttle (MiniportInterruptDPC's ReceiveThrottleParameters) - */

typedef struct _NDIS_RECEIVE_THROTTLE_PARAMETERS {
    ULONG MaxNblsToIndicate;
    ULONG MoreNblsPending : 1;
} NDIS_RECEIVE_THROTTLE_PARAMETERS, *PNDIS_RECEIVE_THROTTLE_PARAMETERS;
#define NDIS_INDICATE_ALL_NBLS (~0ul)

/* ---- operational state (NDIS_STATUS_OPER_STATUS) -------------------------- */

#define NDIS_OPER_STATE_REVISION_1 1
typedef struct _NDIS_OPER_STATE {
    NDIS_OBJECT_HEADER Header;
    NET_IF_OPER_STATUS OperationalStatus;
    ULONG OperationalStatusFlags;
} NDIS_OPER_STATE, *PNDIS_OPER_STATE;
#define NDIS_SIZEOF_OPER_STATE_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_OPER_STATE, OperationalStatusFlags)

/* ---- protocol ids and network addresses (OID_GEN_NETWORK_LAYER_ADDRESSES);
 * the other NDIS_PROTOCOL_ID_* values are in <ndis/objectheader.h> */

#define NDIS_PROTOCOL_ID_IP6 0x03

typedef struct _NETWORK_ADDRESS {
    USHORT AddressLength; /* bytes of Address */
    USHORT AddressType;   /* NDIS_PROTOCOL_ID_* */
    UCHAR Address[1];
} NETWORK_ADDRESS, *PNETWORK_ADDRESS;

typedef struct _NETWORK_ADDRESS_LIST {
    LONG AddressCount;
    USHORT AddressType;
    NETWORK_ADDRESS Address[1];
} NETWORK_ADDRESS_LIST, *PNETWORK_ADDRESS_LIST;

typedef struct _NETWORK_ADDRESS_IP {
    USHORT sin_port;
    ULONG in_addr;
    UCHAR sin_zero[8];
} NETWORK_ADDRESS_IP, *PNETWORK_ADDRESS_IP;
#define NETWORK_ADDRESS_LENGTH_IP sizeof(NETWORK_ADDRESS_IP)

/* ---- power management patterns (OID_PNP_ADD_WAKE_UP_PATTERN) ------------- */

typedef struct _NDIS_PM_PACKET_PATTERN {
    ULONG Priority;
    ULONG Reserved;
    ULONG MaskSize;
    ULONG PatternOffset;
    ULONG PatternSize;
    ULONG PatternFlags;
} NDIS_PM_PACKET_PATTERN, *PNDIS_PM_PACKET_PATTERN;

/* ---- ndis.h: status, runtime versions, RSC accessors ------------------------ */
/* The runtime versions are defined whatever version the driver is built for:
 * a 6.84 driver compares NdisGetVersion() with NDIS_RUNTIME_VERSION_685
 * (xdp-for-windows). */

typedef const NDIS_STRING *PCNDIS_STRING;

#define NDIS_STATUS_INDICATION_REQUIRED ((NDIS_STATUS)STATUS_NDIS_INDICATION_REQUIRED)

#define NDIS_RUNTIME_VERSION_681 ((6U << 16) | 81U)
#define NDIS_RUNTIME_VERSION_682 ((6U << 16) | 82U)
#define NDIS_RUNTIME_VERSION_683 ((6U << 16) | 83U)
#define NDIS_RUNTIME_VERSION_684 ((6U << 16) | 84U)
#define NDIS_RUNTIME_VERSION_685 ((6U << 16) | 85U)
#define NDIS_RUNTIME_VERSION_686 ((6U << 16) | 86U)
#define NDIS_RUNTIME_VERSION_687 ((6U << 16) | 87U)
#define NDIS_RUNTIME_VERSION_688 ((6U << 16) | 88U)
#define NDIS_RUNTIME_VERSION_689 ((6U << 16) | 89U)

#if NDIS_SUPPORT_NDIS630
#    define NET_BUFFER_LIST_COALESCED_SEG_COUNT(_NBL)                              \
        (((PNDIS_RSC_NBL_INFO)&NET_BUFFER_LIST_INFO(_NBL, TcpRecvSegCoalesceInfo)) \
             ->Info.CoalescedSegCount)
#    define NET_BUFFER_LIST_DUP_ACK_COUNT(_NBL)                                    \
        (((PNDIS_RSC_NBL_INFO)&NET_BUFFER_LIST_INFO(_NBL, TcpRecvSegCoalesceInfo)) \
             ->Info.DupAckCount)
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NTDDNDIS2_H */
