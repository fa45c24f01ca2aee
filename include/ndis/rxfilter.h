/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/rxfilter.h>: receive filtering, VMQ receive queues, header-data
 * split and data-center QoS as ntddndis.h declares them: the capabilities a
 * miniport reports and the parameters of OID_RECEIVE_FILTER_* and
 * OID_QOS_*, with the WDK's names, values and layouts, versioned by
 * NDIS_SUPPORT_NDISxxx. (RSS is in <ndis/ntddndis.h>.)
 */
#ifndef UNDIS_NDIS_RXFILTER_H
#define UNDIS_NDIS_RXFILTER_H

#include "compiler.h"
#include "ifdef.h"
#include "ntddndis.h"
#include "objectheader.h"
#include "types.h"
#include "undis_assert.h"
#include "version.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

#if !UNDIS_HAVE_WINNT
typedef struct _GROUP_AFFINITY {
    KAFFINITY Mask;
    USHORT Group;
    USHORT Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;
#endif

typedef IF_COUNTED_STRING NDIS_IF_COUNTED_STRING, *PNDIS_IF_COUNTED_STRING;
typedef IF_PHYSICAL_ADDRESS NDIS_IF_PHYSICAL_ADDRESS, *PNDIS_IF_PHYSICAL_ADDRESS;
typedef NDIS_IF_COUNTED_STRING NDIS_QUEUE_NAME, *PNDIS_QUEUE_NAME;
typedef NDIS_IF_COUNTED_STRING NDIS_VM_NAME, *PNDIS_VM_NAME;
typedef NDIS_IF_COUNTED_STRING NDIS_VM_FRIENDLYNAME, *PNDIS_VM_FRIENDLYNAME;

#if NDIS_SUPPORT_NDIS620

typedef ULONG NDIS_RECEIVE_QUEUE_ID, *PNDIS_RECEIVE_QUEUE_ID;
typedef ULONG NDIS_RECEIVE_QUEUE_GROUP_ID, *PNDIS_RECEIVE_QUEUE_GROUP_ID;
typedef ULONG NDIS_RECEIVE_FILTER_ID, *PNDIS_RECEIVE_FILTER_ID;
typedef ULONG NDIS_NIC_SWITCH_VPORT_ID, *PNDIS_NIC_SWITCH_VPORT_ID;

#    define NDIS_DEFAULT_RECEIVE_QUEUE_ID       0
#    define NDIS_DEFAULT_RECEIVE_QUEUE_GROUP_ID 0
#    define NDIS_DEFAULT_RECEIVE_FILTER_ID      0

/* ---- header-data split ------------------------------------------------------
 */

#    define NDIS_HD_SPLIT_CURRENT_CONFIG_REVISION_1 1

typedef struct _NDIS_HD_SPLIT_CURRENT_CONFIG {
    NDIS_OBJECT_HEADER Header;
    ULONG HardwareCapabilities;
    ULONG CurrentCapabilities;
    ULONG HDSplitFlags;
    ULONG HDSplitCombineFlags;
    ULONG BackfillSize;
    ULONG MaxHeaderSize;
} NDIS_HD_SPLIT_CURRENT_CONFIG, *PNDIS_HD_SPLIT_CURRENT_CONFIG;

/* ---- receive filters ------------------------------------------------------
 */

#    define NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1     1
#    define NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1 1
#    define NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1       1
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1        1
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2     2
#        define NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2 2
#        define NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2       2
#        define NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2        2
#    endif

typedef struct _NDIS_RECEIVE_FILTER_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG EnabledFilterTypes;
    ULONG EnabledQueueTypes;
    ULONG NumQueues;
    ULONG SupportedQueueProperties;
    ULONG SupportedFilterTests;
    ULONG SupportedHeaders;
    ULONG SupportedMacHeaderFields;
    ULONG MaxMacHeaderFilters;
    ULONG MaxQueueGroups;
    ULONG MaxQueuesPerQueueGroup;
    ULONG MinLookaheadSplitSize;
    ULONG MaxLookaheadSplitSize;
#    if NDIS_SUPPORT_NDIS630
    ULONG SupportedARPHeaderFields;
    ULONG SupportedIPv4HeaderFields;
    ULONG SupportedIPv6HeaderFields;
    ULONG SupportedUdpHeaderFields;
    ULONG MaxFieldTestsPerPacketCoalescingFilter;
    ULONG MaxPacketCoalescingFilters;
    ULONG NdisReserved;
#    endif
} NDIS_RECEIVE_FILTER_CAPABILITIES, *PNDIS_RECEIVE_FILTER_CAPABILITIES;

#    define NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_CAPABILITIES, MaxLookaheadSplitSize)
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2 \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_CAPABILITIES, NdisReserved)
#    endif

typedef enum _NDIS_RECEIVE_FILTER_TYPE {
    NdisReceiveFilterTypeUndefined,
    NdisReceiveFilterTypeVMQueue,
    NdisReceiveFilterTypePacketCoalescing,
    NdisReceiveFilterTypeMaximum
} NDIS_RECEIVE_FILTER_TYPE,
    *PNDIS_RECEIVE_FILTER_TYPE;

typedef enum _NDIS_FRAME_HEADER {
    NdisFrameHeaderUndefined,
    NdisFrameHeaderMac,
    NdisFrameHeaderArp,
    NdisFrameHeaderIPv4,
    NdisFrameHeaderIPv6,
    NdisFrameHeaderUdp,
    NdisFrameHeaderMaximum
} NDIS_FRAME_HEADER,
    *PNDIS_FRAME_HEADER;

typedef enum _NDIS_MAC_HEADER_FIELD {
    NdisMacHeaderFieldUndefined,
    NdisMacHeaderFieldDestinationAddress,
    NdisMacHeaderFieldSourceAddress,
    NdisMacHeaderFieldProtocol,
    NdisMacHeaderFieldVlanId,
    NdisMacHeaderFieldPriority,
    NdisMacHeaderFieldPacketType,
    NdisMacHeaderFieldMaximum
} NDIS_MAC_HEADER_FIELD,
    *PNDIS_MAC_HEADER_FIELD;

typedef enum _NDIS_ARP_HEADER_FIELD {
    NdisARPHeaderFieldUndefined,
    NdisARPHeaderFieldOperation,
    NdisARPHeaderFieldSPA,
    NdisARPHeaderFieldTPA,
    NdisARPHeaderFieldMaximum
} NDIS_ARP_HEADER_FIELD,
    *PNDIS_ARP_HEADER_FIELD;

typedef enum _NDIS_IPV4_HEADER_FIELD {
    NdisIPv4HeaderFieldUndefined,
    NdisIPv4HeaderFieldProtocol,
    NdisIPv4HeaderFieldMaximum
} NDIS_IPV4_HEADER_FIELD,
    *PNDIS_IPV4_HEADER_FIELD;

typedef enum _NDIS_IPV6_HEADER_FIELD {
    NdisIPv6HeaderFieldUndefined,
    NdisIPv6HeaderFieldProtocol,
    NdisIPv6HeaderFieldMaximum
} NDIS_IPV6_HEADER_FIELD,
    *PNDIS_IPV6_HEADER_FIELD;

typedef enum _NDIS_UDP_HEADER_FIELD {
    NdisUdpHeaderFieldUndefined,
    NdisUdpHeaderFieldDestinationPort,
    NdisUdpHeaderFieldMaximum
} NDIS_UDP_HEADER_FIELD,
    *PNDIS_UDP_HEADER_FIELD;

typedef enum _NDIS_RECEIVE_FILTER_TEST {
    NdisReceiveFilterTestUndefined,
    NdisReceiveFilterTestEqual,
    NdisReceiveFilterTestMaskEqual,
    NdisReceiveFilterTestNotEqual,
    NdisReceiveFilterTestMaximum
} NDIS_RECEIVE_FILTER_TEST,
    *PNDIS_RECEIVE_FILTER_TEST;

typedef struct _NDIS_RECEIVE_FILTER_FIELD_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_FRAME_HEADER FrameHeader;
    NDIS_RECEIVE_FILTER_TEST ReceiveFilterTest;
    union _HEADER_FIELD {
        NDIS_MAC_HEADER_FIELD MacHeaderField;
        NDIS_ARP_HEADER_FIELD ArpHeaderField;
        NDIS_IPV4_HEADER_FIELD IPv4HeaderField;
        NDIS_IPV6_HEADER_FIELD IPv6HeaderField;
        NDIS_UDP_HEADER_FIELD UdpHeaderField;
    } HeaderField;
    union _FIELD_VALUE {
        UCHAR FieldByteValue;
        USHORT FieldShortValue;
        ULONG FieldLongValue;
        ULONG64 FieldLong64Value;
        UCHAR FieldByteArrayValue[16];
    } FieldValue;
    union _RESULT_VALUE {
        UCHAR ResultByteValue;
        USHORT ResultShortValue;
        ULONG ResultLongValue;
        ULONG64 ResultLong64Value;
        UCHAR ResultByteArrayValue[16];
    } ResultValue;
} NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, *PNDIS_RECEIVE_FILTER_FIELD_PARAMETERS;

typedef struct _NDIS_RECEIVE_FILTER_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_FILTER_TYPE FilterType;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_RECEIVE_FILTER_ID FilterId;
    ULONG FieldParametersArrayOffset;
    ULONG FieldParametersArrayNumElements;
    ULONG FieldParametersArrayElementSize;
    ULONG RequestedFilterIdBitCount;
#    if NDIS_SUPPORT_NDIS630
    ULONG MaxCoalescingDelay;
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
#    endif
} NDIS_RECEIVE_FILTER_PARAMETERS, *PNDIS_RECEIVE_FILTER_PARAMETERS;

/* ---- VMQ receive queues -----------------------------------------------------
 */

typedef enum _NDIS_RECEIVE_QUEUE_TYPE {
    NdisReceiveQueueTypeUnspecified,
    NdisReceiveQueueTypeVMQueue,
    NdisReceiveQueueTypeMaximum
} NDIS_RECEIVE_QUEUE_TYPE,
    *PNDIS_RECEIVE_QUEUE_TYPE;

typedef struct _NDIS_RECEIVE_QUEUE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_TYPE QueueType;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_RECEIVE_QUEUE_GROUP_ID QueueGroupId;
    GROUP_AFFINITY ProcessorAffinity;
    ULONG NumSuggestedReceiveBuffers;
    ULONG MSIXTableEntry;
    ULONG LookaheadSize;
    NDIS_VM_NAME VmName;
    NDIS_QUEUE_NAME QueueName;
#    if NDIS_SUPPORT_NDIS630
    ULONG PortId;
    ULONG InterruptCoalescingDomainId;
#    endif
} NDIS_RECEIVE_QUEUE_PARAMETERS, *PNDIS_RECEIVE_QUEUE_PARAMETERS;

#endif /* NDIS_SUPPORT_NDIS620 */

/* ---- data-center QoS (NDIS 6.30)
 * ---------------------------------------------- */

#if NDIS_SUPPORT_NDIS630
#    define NDIS_QOS_MAXIMUM_PRIORITIES                8
#    define NDIS_QOS_MAXIMUM_TRAFFIC_CLASSES           8
#    define NDIS_QOS_CAPABILITIES_REVISION_1           1
#    define NDIS_QOS_CLASSIFICATION_ELEMENT_REVISION_1 1
#    define NDIS_QOS_PARAMETERS_REVISION_1             1

typedef struct _NDIS_QOS_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG MaxNumTrafficClasses;
    ULONG MaxNumEtsCapableTrafficClasses;
    ULONG MaxNumPfcEnabledTrafficClasses;
} NDIS_QOS_CAPABILITIES, *PNDIS_QOS_CAPABILITIES;

#    define NDIS_SIZEOF_QOS_CAPABILITIES_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_QOS_CAPABILITIES, MaxNumPfcEnabledTrafficClasses)

typedef struct _NDIS_QOS_CLASSIFICATION_ELEMENT {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    USHORT ConditionSelector;
    USHORT ConditionField;
    USHORT ActionSelector;
    USHORT ActionField;
} NDIS_QOS_CLASSIFICATION_ELEMENT, *PNDIS_QOS_CLASSIFICATION_ELEMENT;

typedef struct _NDIS_QOS_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG NumTrafficClasses;
    UCHAR PriorityAssignmentTable[NDIS_QOS_MAXIMUM_PRIORITIES];
    UCHAR TcBandwidthAssignmentTable[NDIS_QOS_MAXIMUM_TRAFFIC_CLASSES];
    UCHAR TsaAssignmentTable[NDIS_QOS_MAXIMUM_TRAFFIC_CLASSES];
    ULONG PfcEnable;
    ULONG NumClassificationElements;
    ULONG ClassificationElementSize;
    ULONG FirstClassificationElementOffset;
} NDIS_QOS_PARAMETERS, *PNDIS_QOS_PARAMETERS;

#    define NDIS_SIZEOF_QOS_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_QOS_PARAMETERS, FirstClassificationElementOffset)

UNDIS_C_ASSERT(NDIS_SIZEOF_QOS_PARAMETERS_REVISION_1 == 52);
#endif

#if NDIS_SUPPORT_NDIS620
UNDIS_C_ASSERT(NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1 == 56);
UNDIS_C_ASSERT(sizeof(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS) == 56);
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_RXFILTER_H */
