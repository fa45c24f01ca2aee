/* SPDX-License-Identifier: MIT */
/*
 * driver_names_c.c: the names issue12-compat-c added for npcap's WFP
 * callouts (<fwpsk.h>, <fwpmk.h>, <guiddef.h>), with the WDK's values and
 * layouts on x64 and x86, through the headers npcap includes (C11 and
 * C++17, gcc and clang, -m32, MinGW).
 */
#include <ntifs.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>
#include <guiddef.h>
#include <windot11.h>
#include <wdmsec.h>
#include <minwindef.h>

#define PTR ((LONG)sizeof(void *))

/* values */
C_ASSERT(FWP_ACTION_CONTINUE == 0x2006u && FWP_ACTION_CALLOUT_INSPECTION == 0x6004u);
C_ASSERT(FWP_ACTION_BLOCK == 0x1001u && FWP_ACTION_PERMIT == 0x1002u);
C_ASSERT(FWP_CONDITION_FLAG_IS_LOOPBACK == 1u && FWP_CONDITION_FLAG_IS_FRAGMENT == 0x20u);
C_ASSERT(FWP_CONDITION_FLAG_IS_REASSEMBLED == 0x400u);
C_ASSERT(FWP_CALLOUT_FLAG_ALLOW_OFFLOAD == 2u && FWP_CALLOUT_FLAG_ALLOW_RSC == 0x40u);
C_ASSERT(FWP_CALLOUT_FLAG_ALLOW_USO == 0x100u && FWP_CALLOUT_FLAG_ALLOW_URO == 0x200u);
C_ASSERT(FWP_EMPTY == 0 && FWP_UINT32 == 3 && FWP_BYTE_ARRAY6_TYPE == 18 &&
         FWP_RANGE_TYPE == 0x102);
C_ASSERT(FWP_MATCH_FLAGS_ALL_SET == 6 && FWP_MATCH_NOT_EQUAL == 10);
C_ASSERT(FWPS_LAYER_INBOUND_IPPACKET_V4 == 0 && FWPS_LAYER_INBOUND_IPPACKET_V6 == 2);
C_ASSERT(FWPS_FIELD_INBOUND_IPPACKET_V4_FLAGS == 6 && FWPS_FIELD_INBOUND_IPPACKET_V6_FLAGS == 6);
C_ASSERT(FWPS_FIELD_INBOUND_IPPACKET_V4_MAX == 10);
C_ASSERT(FWPS_METADATA_FIELD_IP_HEADER_SIZE == 4u && FWPS_METADATA_FIELD_COMPARTMENT_ID == 0x800u);
C_ASSERT(FWPS_RIGHT_ACTION_WRITE == 1u && FWPS_INJECTION_TYPE_NETWORK == 4u);
C_ASSERT(FWPS_PACKET_INJECTED_BY_SELF == 1 && FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF == 3);
C_ASSERT(FWPS_CALLOUT_NOTIFY_DELETE_FILTER == 1 && UNSPECIFIED_COMPARTMENT_ID == 0);
C_ASSERT(RPC_C_AUTHN_WINNT == 10);

/* layouts (x64; x86 where pointers differ) */
C_ASSERT(sizeof(FWP_BYTE_BLOB) == 2 * (size_t)PTR);
/* the value unions hold pointers and 32-bit values only: 8 bytes on x86 */
C_ASSERT(sizeof(FWP_VALUE0) == 2 * (size_t)PTR && sizeof(FWP_CONDITION_VALUE0) == 2 * (size_t)PTR);
C_ASSERT(FIELD_OFFSET(FWP_VALUE0, uint32) == PTR);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_VALUES0, valueCount) == 4);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_VALUES0, incomingValue) == 8);
C_ASSERT(sizeof(FWPS_CLASSIFY_OUT0) == 40 && FIELD_OFFSET(FWPS_CLASSIFY_OUT0, rights) == 24);
C_ASSERT(sizeof(FWPS_DISCARD_METADATA0) == 16 && sizeof(FWPS_INBOUND_FRAGMENT_METADATA0) == 12);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_METADATA_VALUES0, discardMetadata) == 16);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_METADATA_VALUES0, ipHeaderSize) == 40);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_METADATA_VALUES0, processPath) == 48);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_METADATA_VALUES0, token) == 48 + 8);
C_ASSERT(FIELD_OFFSET(FWPS_INCOMING_METADATA_VALUES0, compartmentId) == 80);
C_ASSERT(FIELD_OFFSET(FWPS_FILTER2, weight) == 8);
C_ASSERT(FIELD_OFFSET(FWPS_FILTER2, subLayerWeight) == 8 + 2 * PTR);
C_ASSERT(FIELD_OFFSET(FWPS_FILTER2, filterCondition) == 16 + 2 * PTR);
C_ASSERT(FIELD_OFFSET(FWPS_FILTER2, action) == 16 + 3 * PTR);
C_ASSERT(FIELD_OFFSET(FWPS_FILTER2, context) == (sizeof(void *) == 8 ? 48 : 40));
C_ASSERT(sizeof(FWPS_FILTER2) == (sizeof(void *) == 8 ? 64 : 56));
C_ASSERT(FIELD_OFFSET(FWPS_CALLOUT2, classifyFn) == 20 + (PTR - 4));
C_ASSERT(sizeof(FWPS_CALLOUT2) == (sizeof(void *) == 8 ? 48 : 32));
C_ASSERT(FIELD_OFFSET(FWPM_FILTER0, displayData) == 16);
C_ASSERT(FIELD_OFFSET(FWPM_FILTER0, flags) == 16 + 2 * PTR);
C_ASSERT(sizeof(FWPM_SESSION0) == (sizeof(void *) == 8 ? 72 : 48));
C_ASSERT(FIELD_OFFSET(FWPM_SUBLAYER0, flags) == 16 + 2 * PTR);
C_ASSERT(sizeof(FWPM_ACTION0) == 20);
C_ASSERT(sizeof(FWPM_FILTER_CONDITION0) == (sizeof(void *) == 8 ? 40 : 28));

/* native 802.11 (windot11.h), npcap's kernel odds and ends */
C_ASSERT(DOT11_OPERATION_MODE_NETWORK_MONITOR == 0x80000000u);
C_ASSERT(DOT11_OPERATION_MODE_EXTENSIBLE_STATION == 4u && DOT11_OPERATION_MODE_EXTENSIBLE_AP == 8u);
C_ASSERT(dot11_phy_type_erp == 6 && dot11_phy_type_ht == 7 && dot11_phy_type_vht == 8);
C_ASSERT(NDIS_PACKET_TYPE_802_11_RAW_DATA == 0x10000u &&
         NDIS_PACKET_TYPE_802_11_RAW_MGMT == 0x400000u);
C_ASSERT(DOT11_RECV_FLAG_RAW_PACKET_TIMESTAMP == 4u);
C_ASSERT(OID_DOT11_CURRENT_OPERATION_MODE == 0x0D010308u &&
         OID_DOT11_CURRENT_CHANNEL == 0x0D010335u);
C_ASSERT(OID_DOT11_CURRENT_FREQUENCY == 0x0D010342u &&
         OID_DOT11_DATA_RATE_MAPPING_TABLE == 0x0E010197u);
C_ASSERT(sizeof(DOT11_DATA_RATE_MAPPING_TABLE) == 4 + 4 + 126 * 4);
C_ASSERT(FIELD_OFFSET(DOT11_EXTSTA_RECV_CONTEXT, lRSSI) == 20);
C_ASSERT(FIELD_OFFSET(DOT11_EXTSTA_RECV_CONTEXT, pvMediaSpecificInfo) == 32);
C_ASSERT(FIELD_OFFSET(DOT11_EXTSTA_RECV_CONTEXT, ullTimestamp) == 32 + 8);
C_ASSERT(FIELD_OFFSET(NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, OpModeCapability) == 4);
C_ASSERT(FIELD_OFFSET(NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, SupportedPhyAttributes) ==
         24);
C_ASSERT(sizeof(NDIS_SRIOV_CAPABILITIES) == 12 && NDIS_SRIOV_CAPS_VF_MINIPORT == 4u);
C_ASSERT(NDIS_FILTER_ATTACH_PARAMETERS_REVISION_4 == 4);
C_ASSERT(IRP_BUFFERED_IO == 0x10u && RTL_REGISTRY_ABSOLUTE == 0);
C_ASSERT(STATUS_DRIVER_INTERNAL_ERROR == (NTSTATUS)0xC0000183L);
C_ASSERT(STATUS_FAIL_CHECK == (NTSTATUS)0xC0000229L);
C_ASSERT(STATUS_PROTOCOL_NOT_SUPPORTED == (NTSTATUS)0xC000A013L);
C_ASSERT(RPC_NT_INVALID_TIMEOUT == (NTSTATUS)0xC002000AL);
C_ASSERT(MAKELONG(0x0006, 0x0050) == 0x00500006);

/* version-independent names select the Windows 8 versions */
static FWPS_CALLOUT_CLASSIFY_FN2 classify_fn;
static void NTAPI
classify_fn(const FWPS_INCOMING_VALUES *in,
            const FWPS_INCOMING_METADATA_VALUES *meta,
            void *layer,
            const void *ctx,
            const FWPS_FILTER *filter,
            UINT64 flow,
            FWPS_CLASSIFY_OUT *out)
{
    (void)meta;
    (void)layer;
    (void)ctx;
    (void)flow;
    if ((out->rights & FWPS_RIGHT_ACTION_WRITE) != 0 && filter->context != 0 &&
        in->incomingValue[FWPS_FIELD_INBOUND_IPPACKET_V4_FLAGS].value.uint32 != 0) {
        out->actionType = FWP_ACTION_CONTINUE;
    }
}

int
main(void)
{
    FWPS_CALLOUT callout;
    FWPM_FILTER filter;
    memset(&callout, 0, sizeof(callout));
    memset(&filter, 0, sizeof(filter));
    callout.classifyFn = classify_fn;
    filter.action.type = FWP_ACTION_CALLOUT_INSPECTION;
    filter.layerKey = FWPM_LAYER_INBOUND_IPPACKET_V4;
    filter.weight.type = FWP_EMPTY;
    filter.rawContext = 0;
#ifdef __cplusplus
    return IsEqualGUID(filter.layerKey, FWPM_LAYER_INBOUND_IPPACKET_V6) ? 1 : 0;
#else
    return IsEqualGUID(&filter.layerKey, &FWPM_LAYER_INBOUND_IPPACKET_V6) ? 1 : 0;
#endif
}
