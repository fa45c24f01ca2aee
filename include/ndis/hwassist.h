/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/hwassist.h>: the hardware-assist surface of ndis.h and
 * ntddndis.h that a VMQ/RSS/QoS miniport (Windows-driver-samples netvmini
 * 6x) uses (issue 12, helper compat-a): the hardware-assist attributes
 * (NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES), NIC switch
 * capabilities, the receive-filter and QoS flag values, RSS version 2
 * (NDIS_RECEIVE_SCALE_PARAMETERS_V2, the indirection-entry moves), shared
 * memory for receive queues, the receive-queue state indication, the power
 * profile and the physical-address accessors. Names, values and layouts are
 * the WDK's, versioned by NDIS_SUPPORT_NDISxxx.
 *
 * The functions are in src/kernel/unsupported_hwassist.c: undis has no
 * device memory to share and no RSS processor set to report, so
 * NdisAllocateSharedMemory and NdisGetRssProcessorInformation fail as their
 * documentation allows and name themselves once; NdisGetSharedDataAlignment
 * answers the cache-line size.
 */
#ifndef UNDIS_NDIS_HWASSIST_H
#define UNDIS_NDIS_HWASSIST_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "ntddndis.h"
#include "hwres.h"
#include "oidrequest.h"
#include "rxfilter.h"
#include "rxqueue.h"
#include "undis_assert.h"
#include "version.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- physical addresses and the power profile ----------------------------- */

#define NdisGetPhysicalAddressHigh(_PhysicalAddress) ((_PhysicalAddress).HighPart)
#define NdisGetPhysicalAddressLow(_PhysicalAddress)  ((_PhysicalAddress).LowPart)
#define NdisSetPhysicalAddressHigh(_PhysicalAddress, _Value) \
    ((_PhysicalAddress).HighPart = (_Value))
#define NdisSetPhysicalAddressLow(_PhysicalAddress, _Value) ((_PhysicalAddress).LowPart = (_Value))

typedef enum _NDIS_POWER_PROFILE {
    NdisPowerProfileBattery,
    NdisPowerProfileAcOnLine
} NDIS_POWER_PROFILE,
    *PNDIS_POWER_PROFILE;

#if NDIS_SUPPORT_NDIS620

/* ---- receive filters and VMQ: the flag values of ntddndis.h ---------------- */

#    define NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED  0x00000001
#    define NDIS_RECEIVE_FILTER_IPV4_HEADER_SUPPORTED 0x00000002
#    define NDIS_RECEIVE_FILTER_IPV6_HEADER_SUPPORTED 0x00000004
#    define NDIS_RECEIVE_FILTER_ARP_HEADER_SUPPORTED  0x00000008
#    define NDIS_RECEIVE_FILTER_UDP_HEADER_SUPPORTED  0x00000010

#    define NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED   0x00000001
#    define NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED 0x00000002
#    define NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED    0x00000004
#    define NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED     0x00000008
#    define NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED    0x00000010
#    define NDIS_RECEIVE_FILTER_MAC_HEADER_PACKET_TYPE_SUPPORTED 0x00000020

#    define NDIS_RECEIVE_FILTER_ARP_HEADER_OPERATION_SUPPORTED 0x00000001
#    define NDIS_RECEIVE_FILTER_ARP_HEADER_SPA_SUPPORTED       0x00000002
#    define NDIS_RECEIVE_FILTER_ARP_HEADER_TPA_SUPPORTED       0x00000004
#    define NDIS_RECEIVE_FILTER_IPV4_HEADER_PROTOCOL_SUPPORTED 0x00000001
#    define NDIS_RECEIVE_FILTER_IPV6_HEADER_PROTOCOL_SUPPORTED 0x00000001
#    define NDIS_RECEIVE_FILTER_UDP_HEADER_DEST_PORT_SUPPORTED 0x00000001

#    define NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED      0x00000001
#    define NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED 0x00000002
#    define NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED  0x00000004

#    define NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED           0x00000001
#    define NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED        0x00000002
#    define NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED 0x00000004
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED  0x00000008
#        define NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED        0x00000010
#        define NDIS_RECEIVE_FILTER_ANY_VLAN_SUPPORTED                           0x00000020
#        define NDIS_RECEIVE_FILTER_IMPLAT_MIN_OF_QUEUES_MODE                    0x00000040
#        define NDIS_RECEIVE_FILTER_IMPLAT_SUM_OF_QUEUES_MODE                    0x00000080
#        define NDIS_RECEIVE_FILTER_PACKET_COALESCING_SUPPORTED_ON_DEFAULT_QUEUE 0x00000100
#    endif

#    define NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED               0x00000001
#    define NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED 0x00000002
#    define NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED                 0x00000001

#    define NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO 0x00000001
#    define NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE               0x00000002

#    define NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION          0x00000001
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED              0x00000002
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED                         0x00010000
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED            0x00020000
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED 0x00040000
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED                          0x00080000
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED 0x00100000
#    endif
#    define NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK 0xffff0000

/* The NDIS_STATUS_RECEIVE_QUEUE_STATE indication's buffer. */
#    define NDIS_RECEIVE_QUEUE_STATE_REVISION_1 1
typedef struct _NDIS_RECEIVE_QUEUE_STATE {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE QueueState;
} NDIS_RECEIVE_QUEUE_STATE, *PNDIS_RECEIVE_QUEUE_STATE;
#    define NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_STATE, QueueState)

/* ---- NIC switch capabilities ---------------------------------------------- */

typedef ULONG NDIS_NIC_SWITCH_ID, *PNDIS_NIC_SWITCH_ID;

#    define NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1 1
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2                       2
#        define NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED                           0x00000001
#        define NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED 0x00000002
#        define NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED \
            0x00000004
#        define NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED  0x00000008
#        define NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL 0x00000010
#    endif

struct _NDIS_NIC_SWITCH_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG NdisReserved1;
    ULONG NumTotalMacAddresses;
    ULONG NumMacAddressesPerPort;
    ULONG NumVlansPerPort;
    ULONG NdisReserved2;
    ULONG NdisReserved3;
#    if NDIS_SUPPORT_NDIS630
    ULONG NicSwitchCapabilities;
    ULONG MaxNumSwitches;
    ULONG MaxNumVPorts;
    ULONG NdisReserved4;
    ULONG MaxNumVFs;
    ULONG MaxNumQueuePairs;
    ULONG NdisReserved5;
    ULONG NdisReserved6;
    ULONG NdisReserved7;
    ULONG MaxNumQueuePairsPerNonDefaultVPort;
    ULONG NdisReserved8;
    ULONG NdisReserved9;
    ULONG NdisReserved10;
    ULONG NdisReserved11;
    ULONG NdisReserved12;
    ULONG MaxNumMacAddresses;
    ULONG NdisReserved13;
    ULONG NdisReserved14;
    ULONG NdisReserved15;
    ULONG NdisReserved16;
    ULONG NdisReserved17;
#    endif
};
typedef struct _NDIS_NIC_SWITCH_CAPABILITIES NDIS_NIC_SWITCH_CAPABILITIES;
#    define NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved3)
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2 \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved17)
#    endif

/* ---- shared memory for receive queues --------------------------------------- */

#    ifndef MM_ANY_NODE_OK
typedef ULONG NODE_REQUIREMENT;
#        define MM_ANY_NODE_OK 0x80000000
#    endif

typedef enum _NDIS_SHARED_MEMORY_USAGE {
    NdisSharedMemoryUsageUndefined,
    NdisSharedMemoryUsageXmit,
    NdisSharedMemoryUsageXmitHeader,
    NdisSharedMemoryUsageXmitData,
    NdisSharedMemoryUsageReceive,
    NdisSharedMemoryUsageReceiveLookahead,
    NdisSharedMemoryUsageReceivePostLookahead,
    NdisSharedMemoryUsageReceiveHeader,
    NdisSharedMemoryUsageReceiveData,
    NdisSharedMemoryUsageOther,
    NdisSharedMemoryUsageMax
} NDIS_SHARED_MEMORY_USAGE,
    *PNDIS_SHARED_MEMORY_USAGE;

#    define NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS     0x00000001
#    define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1 1
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2 2
#    endif

typedef struct _NDIS_SHARED_MEMORY_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_HANDLE SharedMemoryHandle;
    NODE_REQUIREMENT PreferredNode;
    NDIS_SHARED_MEMORY_USAGE Usage;
    ULONG Length;
    PVOID VirtualAddress;
    ULONG SGListBufferLength;
    PSCATTER_GATHER_LIST SGListBuffer;
#    if NDIS_SUPPORT_NDIS630
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
#    endif
} NDIS_SHARED_MEMORY_PARAMETERS, *PNDIS_SHARED_MEMORY_PARAMETERS;
#    define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_SHARED_MEMORY_PARAMETERS, SGListBuffer)
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2 \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_SHARED_MEMORY_PARAMETERS, VPortId)
#    endif

/* Allocates shared memory for a receive queue (VMQ). undis has no device
 * memory: NDIS_STATUS_RESOURCES, *pAllocationHandle NULL, reported once.
 * PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisAllocateSharedMemory(_In_ NDIS_HANDLE NdisHandle,
                             _Inout_ PNDIS_SHARED_MEMORY_PARAMETERS SharedMemoryParameters,
                             _Out_ PNDIS_HANDLE pAllocationHandle);
/* Frees what NdisAllocateSharedMemory gave; it never gives anything, so
 * this only reports itself once. PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisFreeSharedMemory(_In_ NDIS_HANDLE NdisHandle, _In_ NDIS_HANDLE AllocationHandle);

/* ---- RSS processors --------------------------------------------------------- */

/* Describes the processor set RSS may use. undis has none to give:
 * NDIS_STATUS_NOT_SUPPORTED, *Size 0, reported once. PASSIVE_LEVEL. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisGetRssProcessorInformation(_In_ NDIS_HANDLE NdisHandle,
                                   _Out_writes_bytes_to_opt_(*Size, *Size)
                                       PNDIS_RSS_PROCESSOR_INFO RssProcessorInfo,
                                   _Inout_ PSIZE_T Size);

#endif /* NDIS_SUPPORT_NDIS620 */

/* The alignment shared data should have to avoid false sharing: the
 * processor's cache-line size (SYSTEM_CACHE_ALIGNMENT_SIZE, 64). Any IRQL. */
ULONG NdisGetSharedDataAlignment(VOID);

/* ---- hardware-assist attributes (NdisMSetMiniportAttributes) --------------- */

typedef struct _NDIS_HD_SPLIT_ATTRIBUTES *PNDIS_HD_SPLIT_ATTRIBUTES;
typedef struct _NDIS_QOS_CAPABILITIES *PNDIS_QOS_CAPABILITIES;
typedef struct _NDIS_GFT_OFFLOAD_CAPABILITIES *PNDIS_GFT_OFFLOAD_CAPABILITIES;

#if NDIS_SUPPORT_NDIS61
#    define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1 1
#    if NDIS_SUPPORT_NDIS620
#        define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2 2
#    endif
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 3
#    endif
#    if NDIS_SUPPORT_NDIS660
#        define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4 4
#    endif

typedef struct _NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_HD_SPLIT_ATTRIBUTES HDSplitAttributes;
#    if NDIS_SUPPORT_NDIS620
    PNDIS_RECEIVE_FILTER_CAPABILITIES HardwareReceiveFilterCapabilities;
    PNDIS_RECEIVE_FILTER_CAPABILITIES CurrentReceiveFilterCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES HardwareNicSwitchCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES CurrentNicSwitchCapabilities;
#    endif
#    if NDIS_SUPPORT_NDIS630
    PNDIS_SRIOV_CAPABILITIES HardwareSriovCapabilities;
    PNDIS_SRIOV_CAPABILITIES CurrentSriovCapabilities;
    PNDIS_QOS_CAPABILITIES HardwareQosCapabilities;
    PNDIS_QOS_CAPABILITIES CurrentQosCapabilities;
#    endif
#    if NDIS_SUPPORT_NDIS660
    PNDIS_GFT_OFFLOAD_CAPABILITIES HardwareGftOffloadCapabilities;
    PNDIS_GFT_OFFLOAD_CAPABILITIES CurrentGftOffloadCapabilities;
#    endif
} NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
    *PNDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;

#    define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1     \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, \
                                 HDSplitAttributes)
#    if NDIS_SUPPORT_NDIS620
#        define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2     \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, \
                                     CurrentNicSwitchCapabilities)
#    endif
#    if NDIS_SUPPORT_NDIS630
#        define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3     \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, \
                                     CurrentQosCapabilities)
#    endif
#    if NDIS_SUPPORT_NDIS660
#        define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4     \
            RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, \
                                     CurrentGftOffloadCapabilities)
#    endif
#endif /* NDIS_SUPPORT_NDIS61 */

/* ---- QoS: the flag and selector values ------------------------------------- */

#if NDIS_SUPPORT_NDIS630
#    define NDIS_QOS_CAPABILITIES_STRICT_TSA_SUPPORTED    0x00000001
#    define NDIS_QOS_CAPABILITIES_MACSEC_BYPASS_SUPPORTED 0x00000002
#    define NDIS_QOS_CAPABILITIES_CEE_DCBX_SUPPORTED      0x00000004
#    define NDIS_QOS_CAPABILITIES_IEEE_DCBX_SUPPORTED     0x00000008

#    define NDIS_QOS_CLASSIFICATION_SET_BY_MINIPORT_MASK 0xff000000
#    define NDIS_QOS_CLASSIFICATION_ENFORCED_BY_MINIPORT 0x01000000

#    define NDIS_QOS_CONDITION_RESERVED        0x0
#    define NDIS_QOS_CONDITION_DEFAULT         0x1
#    define NDIS_QOS_CONDITION_TCP_PORT        0x2
#    define NDIS_QOS_CONDITION_UDP_PORT        0x3
#    define NDIS_QOS_CONDITION_TCP_OR_UDP_PORT 0x4
#    define NDIS_QOS_CONDITION_ETHERTYPE       0x5
#    define NDIS_QOS_CONDITION_NETDIRECT_PORT  0x6
#    define NDIS_QOS_CONDITION_MAXIMUM         0x7
#    define NDIS_QOS_ACTION_PRIORITY           0x0
#    define NDIS_QOS_ACTION_MAXIMUM            0x1

#    define NDIS_QOS_PARAMETERS_ETS_CHANGED               0x00000001
#    define NDIS_QOS_PARAMETERS_ETS_CONFIGURED            0x00000002
#    define NDIS_QOS_PARAMETERS_PFC_CHANGED               0x00000100
#    define NDIS_QOS_PARAMETERS_PFC_CONFIGURED            0x00000200
#    define NDIS_QOS_PARAMETERS_CLASSIFICATION_CHANGED    0x00010000
#    define NDIS_QOS_PARAMETERS_CLASSIFICATION_CONFIGURED 0x00020000
#    define NDIS_QOS_PARAMETERS_WILLING                   0x80000000

#    define NDIS_QOS_TSA_STRICT  0x0
#    define NDIS_QOS_TSA_CBS     0x1
#    define NDIS_QOS_TSA_ETS     0x2
#    define NDIS_QOS_TSA_MAXIMUM 0x3

#    define NDIS_SIZEOF_QOS_CLASSIFICATION_ELEMENT_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_QOS_CLASSIFICATION_ELEMENT, ActionField)

#    define NDIS_STATUS_QOS_OPERATIONAL_PARAMETERS_CHANGE ((NDIS_STATUS)0x400200A0L)
#    define NDIS_STATUS_QOS_REMOTE_PARAMETERS_CHANGE      ((NDIS_STATUS)0x400200A1L)

#    define NDIS_INVALID_VPORT_ID  ((ULONG)-1)
#    define NDIS_DEFAULT_VPORT_ID  0
#    define NDIS_DEFAULT_SWITCH_ID 0
#    define NDIS_INVALID_SWITCH_ID ((ULONG)-1)
#endif /* NDIS_SUPPORT_NDIS630 */

/* ---- RSS version 2 (NDIS 6.60 table size, NDIS 6.80 parameters) ------------- */

#if NDIS_SUPPORT_NDIS660
#    define NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_3 (128 * sizeof(PROCESSOR_NUMBER))
#    define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_3   40
#endif

#if NDIS_SUPPORT_NDIS680
#    define NDIS_OBJECT_TYPE_RSS_PARAMETERS_V2           0xC8
#    define NDIS_OBJECT_TYPE_RSS_SET_INDIRECTION_ENTRIES 0xC9
#    define OID_GEN_RECEIVE_SCALE_PARAMETERS_V2          0x00010214
#    define OID_GEN_RSS_SET_INDIRECTION_TABLE_ENTRIES    0x000102C0

#    define NDIS_RECEIVE_SCALE_PARAM_ENABLE_RSS                0x00000001
#    define NDIS_RECEIVE_SCALE_PARAM_HASH_INFO_CHANGED         0x00000002
#    define NDIS_RECEIVE_SCALE_PARAM_HASH_KEY_CHANGED          0x00000004
#    define NDIS_RECEIVE_SCALE_PARAM_NUMBER_OF_QUEUES_CHANGED  0x00000008
#    define NDIS_RECEIVE_SCALE_PARAM_NUMBER_OF_ENTRIES_CHANGED 0x00000010

#    define NDIS_RECEIVE_SCALE_PARAMETERS_V2_REVISION_1 1
typedef struct _NDIS_RECEIVE_SCALE_PARAMETERS_V2 {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG HashInformation;
    ULONG HashSecretKeySize;
    ULONG HashSecretKeyOffset;
    ULONG NumberOfQueues;
    ULONG NumberOfIndirectionTableEntries;
} NDIS_RECEIVE_SCALE_PARAMETERS_V2, *PNDIS_RECEIVE_SCALE_PARAMETERS_V2;
#    define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_V2_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS_V2, NumberOfIndirectionTableEntries)

#    define NDIS_RSS_SET_INDIRECTION_ENTRY_FLAG_PRIMARY_PROCESSOR 0x00000001
#    define NDIS_RSS_SET_INDIRECTION_ENTRY_FLAG_DEFAULT_PROCESSOR 0x00000002

typedef struct _NDIS_RSS_SET_INDIRECTION_ENTRY {
    NDIS_NIC_SWITCH_ID SwitchId;
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
    ULONG Flags;
    USHORT IndirectionTableIndex;
    PROCESSOR_NUMBER TargetProcessorNumber;
    NDIS_STATUS EntryStatus;
} NDIS_RSS_SET_INDIRECTION_ENTRY, *PNDIS_RSS_SET_INDIRECTION_ENTRY;

#    define NDIS_RSS_SET_INDIRECTION_ENTRIES_REVISION_1 1
typedef struct _NDIS_RSS_SET_INDIRECTION_ENTRIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG RssEntrySize;
    ULONG RssEntryTableOffset;
    ULONG NumberOfRssEntries;
} NDIS_RSS_SET_INDIRECTION_ENTRIES, *PNDIS_RSS_SET_INDIRECTION_ENTRIES;
#    define NDIS_SIZEOF_RSS_SET_INDIRECTION_ENTRIES_REVISION_1 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_RSS_SET_INDIRECTION_ENTRIES, NumberOfRssEntries)

UNDIS_C_ASSERT(sizeof(NDIS_RECEIVE_SCALE_PARAMETERS_V2) == 28);
UNDIS_C_ASSERT(sizeof(NDIS_RSS_SET_INDIRECTION_ENTRY) == 24);
UNDIS_C_ASSERT(sizeof(NDIS_RSS_SET_INDIRECTION_ENTRIES) == 20);
#endif /* NDIS_SUPPORT_NDIS680 */

#if NDIS_SUPPORT_NDIS630
UNDIS_C_ASSERT(NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 == 32);
UNDIS_C_ASSERT(sizeof(NDIS_NIC_SWITCH_CAPABILITIES) == 116);
#    if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(NDIS_SHARED_MEMORY_PARAMETERS) == 72);
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 == 80);
#    else
UNDIS_C_ASSERT(sizeof(NDIS_SHARED_MEMORY_PARAMETERS) == 44);
UNDIS_C_ASSERT(NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 == 40);
#    endif
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_HWASSIST_H */
