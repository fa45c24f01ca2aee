/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/dot11.h>: the native 802.11 names a filter or protocol driver
 * reads from a Wi-Fi miniport (windot11.h and the native 802.11 part of
 * ndis.h in the WDK; issue 12, helper compat-c, for npcap's monitor mode):
 * operation modes, PHY types, the raw 802.11 packet filters, the receive
 * context of an extensible station, the data rate mapping table, the OIDs
 * npcap queries and NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, with
 * the WDK's values and layouts (x64, x86). The attribute structure's
 * capability tables are reached through pointers whose targets undis
 * declares incomplete: a filter reads OpModeCapability, not the tables.
 */
#ifndef UNDIS_NDIS_DOT11_H
#define UNDIS_NDIS_DOT11_H

#include "types.h"
#include "oidrequest.h"

UNDIS_EXTERN_C_BEGIN

#define DOT11_RATE_SET_MAX_LENGTH 126

#define DOT11_OPERATION_MODE_UNKNOWN            0x00000000U
#define DOT11_OPERATION_MODE_STATION            0x00000001U
#define DOT11_OPERATION_MODE_AP                 0x00000002U
#define DOT11_OPERATION_MODE_EXTENSIBLE_STATION 0x00000004U
#define DOT11_OPERATION_MODE_EXTENSIBLE_AP      0x00000008U
#define DOT11_OPERATION_MODE_WFD_DEVICE         0x00000010U
#define DOT11_OPERATION_MODE_WFD_GROUP_OWNER    0x00000020U
#define DOT11_OPERATION_MODE_WFD_CLIENT         0x00000040U
#define DOT11_OPERATION_MODE_MANUFACTURING      0x40000000U
#define DOT11_OPERATION_MODE_NETWORK_MONITOR    0x80000000U

/* dot11_phy_type_IHV_start/_end (0x80000000, 0xffffffff) are left out: an
 * enumerator above INT_MAX is not portable C. */
typedef enum _DOT11_PHY_TYPE {
    dot11_phy_type_unknown = 0,
    dot11_phy_type_any = dot11_phy_type_unknown,
    dot11_phy_type_fhss = 1,
    dot11_phy_type_dsss = 2,
    dot11_phy_type_irbaseband = 3,
    dot11_phy_type_ofdm = 4,
    dot11_phy_type_hrdsss = 5,
    dot11_phy_type_erp = 6,
    dot11_phy_type_ht = 7,
    dot11_phy_type_vht = 8
} DOT11_PHY_TYPE,
    *PDOT11_PHY_TYPE;

#define NDIS_PACKET_TYPE_802_11_RAW_DATA 0x00010000U
#define NDIS_PACKET_TYPE_802_11_RAW_MGMT 0x00400000U

#define DOT11_RECV_FLAG_RAW_PACKET             0x00000001U
#define DOT11_RECV_FLAG_RAW_PACKET_FCS_FAILURE 0x00000002U
#define DOT11_RECV_FLAG_RAW_PACKET_TIMESTAMP   0x00000004U

#define OID_DOT11_NDIS_START             0x0D010300U
#define OID_DOT11_CURRENT_OPERATION_MODE (OID_DOT11_NDIS_START + 8)
#define OID_DOT11_CURRENT_CHANNEL        (OID_DOT11_NDIS_START + 53)
#define OID_DOT11_CURRENT_FREQUENCY      (OID_DOT11_NDIS_START + 66)
#define NWF_MANDATORY_OID                0x01U
#define NWF_OPTIONAL_OID                 0x02U
#define NWF_OPERATIONAL_OID              0x01U
#define NWF_STATISTICS_OID               0x02U
#define NWF_DEFINE_OID(Seq, o, m)        (0x0E000000U | ((o) << 16) | ((m) << 8) | (Seq))
#define OID_DOT11_DATA_RATE_MAPPING_TABLE \
    NWF_DEFINE_OID(151U, NWF_OPERATIONAL_OID, NWF_MANDATORY_OID)

typedef struct _DOT11_CURRENT_OPERATION_MODE {
    ULONG uReserved;
    ULONG uCurrentOpMode;
} DOT11_CURRENT_OPERATION_MODE, *PDOT11_CURRENT_OPERATION_MODE;

typedef struct DOT11_DATA_RATE_MAPPING_ENTRY {
    UCHAR ucDataRateIndex;
    UCHAR ucDataRateFlag;
    USHORT usDataRateValue;
} DOT11_DATA_RATE_MAPPING_ENTRY, *PDOT11_DATA_RATE_MAPPING_ENTRY;

#define DOT11_DATA_RATE_MAPPING_TABLE_REVISION_1 1
typedef struct _DOT11_DATA_RATE_MAPPING_TABLE {
    NDIS_OBJECT_HEADER Header;
    ULONG uDataRateMappingLength;
    DOT11_DATA_RATE_MAPPING_ENTRY DataRateMappingEntries[DOT11_RATE_SET_MAX_LENGTH];
} DOT11_DATA_RATE_MAPPING_TABLE, *PDOT11_DATA_RATE_MAPPING_TABLE;

#define DOT11_EXTSTA_RECV_CONTEXT_REVISION_1 1
typedef struct DOT11_EXTSTA_RECV_CONTEXT {
    NDIS_OBJECT_HEADER Header;
    ULONG uReceiveFlags;
    ULONG uPhyId;
    ULONG uChCenterFrequency;
    USHORT usNumberOfMPDUsReceived;
    LONG lRSSI;
    UCHAR ucDataRate;
    ULONG uSizeMediaSpecificInfo;
    PVOID pvMediaSpecificInfo;
    ULONGLONG ullTimestamp;
} DOT11_EXTSTA_RECV_CONTEXT, *PDOT11_EXTSTA_RECV_CONTEXT;

/* The capability tables: reached through the attributes' pointers only. */
typedef struct _DOT11_PHY_ATTRIBUTES *PDOT11_PHY_ATTRIBUTES;
typedef struct _DOT11_EXTSTA_ATTRIBUTES *PDOT11_EXTSTA_ATTRIBUTES;
typedef struct _DOT11_VWIFI_ATTRIBUTES *PDOT11_VWIFI_ATTRIBUTES;
typedef struct _DOT11_EXTAP_ATTRIBUTES *PDOT11_EXTAP_ATTRIBUTES;
typedef struct _DOT11_WFD_ATTRIBUTES *PDOT11_WFD_ATTRIBUTES;

#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_2 2
#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_3 3
typedef struct _NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG OpModeCapability;
    ULONG NumOfTXBuffers;
    ULONG NumOfRXBuffers;
    BOOLEAN MultiDomainCapabilityImplemented;
    ULONG NumSupportedPhys;
    PDOT11_PHY_ATTRIBUTES SupportedPhyAttributes;
    PDOT11_EXTSTA_ATTRIBUTES ExtSTAAttributes;
#if NDIS_SUPPORT_NDIS620
    PDOT11_VWIFI_ATTRIBUTES VWiFiAttributes;
    PDOT11_EXTAP_ATTRIBUTES ExtAPAttributes;
#endif
#if NDIS_SUPPORT_NDIS630
    PDOT11_WFD_ATTRIBUTES WFDAttributes;
#endif
} NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES;

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_DOT11_H */
