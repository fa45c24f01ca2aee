/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nbloob.h>: the out-of-band information a NET_BUFFER_LIST
 * carries in its NetBufferListInfo[] slots (ndis.h): the checksum, large
 * send, UDP segmentation, receive-coalescing, IPsec, media-specific and
 * receive-filtering views, and the RSS hash accessors. Each view is a union
 * the size of one slot (a PVOID), written and read through
 * NET_BUFFER_LIST_INFO(nbl, slot), as in the WDK.
 */
#ifndef UNDIS_NDIS_NBLOOB_H
#define UNDIS_NDIS_NBLOOB_H

#include "version.h"
#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "nbl.h"
#include "nblaccessors.h"
#include "ntddndis.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- checksum (TcpIpChecksumNetBufferListInfo) ----------------------------- */

typedef struct _NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO {
    union {
        struct {
            ULONG IsIPv4 : 1;
            ULONG IsIPv6 : 1;
            ULONG TcpChecksum : 1;
            ULONG UdpChecksum : 1;
            ULONG IpHeaderChecksum : 1;
            ULONG Reserved : 11;
            ULONG TcpHeaderOffset : 10;
        } Transmit;
        struct {
            ULONG TcpChecksumFailed : 1;
            ULONG UdpChecksumFailed : 1;
            ULONG IpChecksumFailed : 1;
            ULONG TcpChecksumSucceeded : 1;
            ULONG UdpChecksumSucceeded : 1;
            ULONG IpChecksumSucceeded : 1;
            ULONG Loopback : 1;
#if NDIS_SUPPORT_NDIS630
            ULONG TcpChecksumValueInvalid : 1;
            ULONG IpChecksumValueInvalid : 1;
#endif
        } Receive;
        PVOID Value;
    };
} NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO, *PNDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO;

/* Large send (TcpLargeSendNetBufferListInfo):
 * NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO is in <ndis/nblinfo.h>. */

/* ---- UDP segmentation (UdpSegmentationOffloadInfo, NDIS 6.83) --------------- */

#if NDIS_SUPPORT_NDIS683
#    define NDIS_UDP_SEGMENTATION_OFFLOAD_IPV4 0
#    define NDIS_UDP_SEGMENTATION_OFFLOAD_IPV6 1

typedef struct _NDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO {
    union {
        struct {
            ULONG MSS : 20;
            ULONG UdpHeaderOffset : 10;
            ULONG Reserved : 1;
            ULONG IPVersion : 1;
        } Transmit;
        PVOID Value;
    };
} NDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO,
    *PNDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO;
#endif

/* ---- receive segment coalescing (TcpRecvSegCoalesceInfo, NDIS 6.30) ---------- */

#if NDIS_SUPPORT_NDIS630
typedef union _NDIS_RSC_NBL_INFO {
    struct {
        USHORT CoalescedSegCount;
        USHORT DupAckCount;
    } Info;
    PVOID Value;
} NDIS_RSC_NBL_INFO, *PNDIS_RSC_NBL_INFO;

/* TcpSendOffloadsSupplementalNetBufferListInfo: where the inner frame of an
 * encapsulated packet starts. */
typedef struct _NDIS_TCP_SEND_OFFLOADS_SUPPLEMENTAL_NET_BUFFER_LIST_INFO {
    union {
        struct {
            ULONG IsEncapsulatedPacket : 1;
            ULONG EncapsulatedPacketOffsetsValid : 1;
            ULONG InnerFrameOffset : 8;
            ULONG InnerIpHeaderRelativeOffset : 6;
            ULONG InnerIsIPv6 : 1;
            ULONG InnerTcpOptionsPresent : 1;
        } EncapsulatedPacketOffsets;
        PVOID Value;
    };
} NDIS_TCP_SEND_OFFLOADS_SUPPLEMENTAL_NET_BUFFER_LIST_INFO,
    *PNDIS_TCP_SEND_OFFLOADS_SUPPLEMENTAL_NET_BUFFER_LIST_INFO;
#endif

/* ---- IPsec task offload v1 (IPsecOffloadV1NetBufferListInfo) ----------------- */

typedef struct _NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO {
    union {
        struct {
            NDIS_HANDLE OffloadHandle;
        } Transmit;
        struct {
            USHORT SaDeleteReq : 1;
            USHORT CryptoDone : 1;
            USHORT NextCryptoDone : 1;
            USHORT Pad : 13;
            USHORT CryptoStatus;
        } Receive;
    };
} NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO, *PNDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO;

/* ---- media-specific and receive-filtering information ------------------------ */

typedef struct _NDIS_NET_BUFFER_LIST_MEDIA_SPECIFIC_INFO {
    union {
        PVOID MediaSpecificInfo;
        PVOID NativeWifiSpecificInfo;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_MEDIA_SPECIFIC_INFO, *PNDIS_NET_BUFFER_LIST_MEDIA_SPECIFIC_INFO;

#if NDIS_SUPPORT_NDIS620
typedef struct _NDIS_NET_BUFFER_LIST_FILTERING_INFO {
    union {
        struct {
            USHORT FilterId;
            union {
                USHORT QueueId;
                USHORT VPortId;
            } QueueVPortInfo;
        } FilteringInfo;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_FILTERING_INFO, *PNDIS_NET_BUFFER_LIST_FILTERING_INFO;

#    define NET_BUFFER_LIST_RECEIVE_FILTER_ID(_NBL)                                                \
        (((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO(_NBL,                        \
                                                                      NetBufferListFilteringInfo)) \
             ->FilteringInfo.FilterId)
#    define NET_BUFFER_LIST_RECEIVE_QUEUE_ID(_NBL)                                                 \
        (((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO(_NBL,                        \
                                                                      NetBufferListFilteringInfo)) \
             ->FilteringInfo.QueueVPortInfo.QueueId)
#endif

/* ---- RSS hash (NetBufferListHashValue, NetBufferListHashInfo) ----------------- */

#define NET_BUFFER_LIST_GET_HASH_VALUE(_NBL) \
    (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashValue)))
#define NET_BUFFER_LIST_SET_HASH_VALUE(_NBL, _HashValue) \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashValue) = UlongToPtr(_HashValue))
#define NET_BUFFER_LIST_GET_HASH_TYPE(_NBL) \
    (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (NDIS_HASH_TYPE_MASK))
#define NET_BUFFER_LIST_GET_HASH_FUNCTION(_NBL) \
    (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (NDIS_HASH_FUNCTION_MASK))
#define NET_BUFFER_LIST_SET_HASH_TYPE(_NBL, _HashType)                                \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo) =                              \
         UlongToPtr(((PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & \
                      (~(ULONG)NDIS_HASH_TYPE_MASK)) |                                \
                     ((ULONG)(_HashType) & (NDIS_HASH_TYPE_MASK)))))
#define NET_BUFFER_LIST_SET_HASH_FUNCTION(_NBL, _HashFunction)                        \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo) =                              \
         UlongToPtr(((PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & \
                      (~(ULONG)NDIS_HASH_FUNCTION_MASK)) |                            \
                     ((ULONG)(_HashFunction) & (NDIS_HASH_FUNCTION_MASK)))))

UNDIS_C_ASSERT(sizeof(NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO) == sizeof(PVOID));
UNDIS_C_ASSERT(sizeof(NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO) == sizeof(PVOID));
UNDIS_C_ASSERT(sizeof(NDIS_NET_BUFFER_LIST_MEDIA_SPECIFIC_INFO) == sizeof(PVOID));
#if NDIS_SUPPORT_NDIS620
UNDIS_C_ASSERT(sizeof(NDIS_NET_BUFFER_LIST_FILTERING_INFO) == sizeof(PVOID));
#endif
#if NDIS_SUPPORT_NDIS630
UNDIS_C_ASSERT(sizeof(NDIS_RSC_NBL_INFO) == sizeof(PVOID));
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NBLOOB_H */
