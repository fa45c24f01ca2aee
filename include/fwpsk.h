/* SPDX-License-Identifier: MIT */
/*
 * undis <fwpsk.h>: the Windows Filtering Platform's callout API for kernel
 * drivers (issue 12, helper compat-c, for npcap's loopback capture):
 * incoming values and metadata, run-time filters and classify output,
 * callout registration, injection handles, the built-in layer and field
 * identifiers of the IP packet layers, and the net buffer and injection
 * calls a callout makes, with the WDK's layouts (x64, x86), values and
 * prototypes. The version-independent names (FWPS_CALLOUT, FWPS_FILTER,
 * FwpsCalloutRegister, ...) select the Windows 8 versions, as the WDK does
 * for NTDDI_WIN8 and later. The functions are defined in
 * src/kernel/unsupported_wfp.c: undis has no filter engine, so they fail as
 * documented (docs/compat-functions.txt).
 */
#ifndef UNDIS_SHADOW_FWPSK_H
#define UNDIS_SHADOW_FWPSK_H

#include "ndis.h"
#if UNDIS_HAVE_WINNT /* the SDK's: SOCKADDR_INET, WSACMSGHDR, IP_ADDRESS_PREFIX */
#    include <winsock2.h>
#    include <ws2ipdef.h>
#    include <netioapi.h>
#    include <mswsock.h>
#    define UNDIS_IP_ADDRESS_PREFIX_DECLARED 1
#    define UNDIS_COMPARTMENT_ID_DECLARED    1
#    define UNDIS_WSACMSGHDR_DECLARED        1
#else
#    include "ndis/inet.h"
#endif
#include "ndis/wfptypes.h"

UNDIS_EXTERN_C_BEGIN

#ifndef UNDIS_IP_ADDRESS_PREFIX_DECLARED
#    define UNDIS_IP_ADDRESS_PREFIX_DECLARED 1
typedef struct _IP_ADDRESS_PREFIX {
    SOCKADDR_INET Prefix;
    UINT8 PrefixLength;
} IP_ADDRESS_PREFIX, *PIP_ADDRESS_PREFIX;
#endif

#ifndef UNDIS_COMPARTMENT_ID_DECLARED
#    define UNDIS_COMPARTMENT_ID_DECLARED 1
typedef enum {
    UNSPECIFIED_COMPARTMENT_ID = 0,
    DEFAULT_COMPARTMENT_ID
} COMPARTMENT_ID,
    *PCOMPARTMENT_ID;
#endif

#ifndef UNDIS_WSACMSGHDR_DECLARED
#    define UNDIS_WSACMSGHDR_DECLARED 1
typedef struct _WSACMSGHDR {
    SIZE_T cmsg_len;
    INT cmsg_level;
    INT cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;
#endif

/* Run-time layer identifiers (FWPS_BUILTIN_LAYERS, the IP packet layers). */
#define FWPS_LAYER_INBOUND_IPPACKET_V4          0
#define FWPS_LAYER_INBOUND_IPPACKET_V4_DISCARD  1
#define FWPS_LAYER_INBOUND_IPPACKET_V6          2
#define FWPS_LAYER_INBOUND_IPPACKET_V6_DISCARD  3
#define FWPS_LAYER_OUTBOUND_IPPACKET_V4         4
#define FWPS_LAYER_OUTBOUND_IPPACKET_V4_DISCARD 5
#define FWPS_LAYER_OUTBOUND_IPPACKET_V6         6
#define FWPS_LAYER_OUTBOUND_IPPACKET_V6_DISCARD 7

typedef enum FWPS_FIELDS_INBOUND_IPPACKET_V4_ {
    FWPS_FIELD_INBOUND_IPPACKET_V4_IP_LOCAL_ADDRESS,
    FWPS_FIELD_INBOUND_IPPACKET_V4_IP_REMOTE_ADDRESS,
    FWPS_FIELD_INBOUND_IPPACKET_V4_IP_LOCAL_ADDRESS_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V4_IP_LOCAL_INTERFACE,
    FWPS_FIELD_INBOUND_IPPACKET_V4_INTERFACE_INDEX,
    FWPS_FIELD_INBOUND_IPPACKET_V4_SUB_INTERFACE_INDEX,
    FWPS_FIELD_INBOUND_IPPACKET_V4_FLAGS,
    FWPS_FIELD_INBOUND_IPPACKET_V4_INTERFACE_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V4_TUNNEL_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V4_COMPARTMENT_ID,
    FWPS_FIELD_INBOUND_IPPACKET_V4_MAX
} FWPS_FIELDS_INBOUND_IPPACKET_V4;

typedef enum FWPS_FIELDS_INBOUND_IPPACKET_V6_ {
    FWPS_FIELD_INBOUND_IPPACKET_V6_IP_LOCAL_ADDRESS,
    FWPS_FIELD_INBOUND_IPPACKET_V6_IP_REMOTE_ADDRESS,
    FWPS_FIELD_INBOUND_IPPACKET_V6_IP_LOCAL_ADDRESS_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V6_IP_LOCAL_INTERFACE,
    FWPS_FIELD_INBOUND_IPPACKET_V6_INTERFACE_INDEX,
    FWPS_FIELD_INBOUND_IPPACKET_V6_SUB_INTERFACE_INDEX,
    FWPS_FIELD_INBOUND_IPPACKET_V6_FLAGS,
    FWPS_FIELD_INBOUND_IPPACKET_V6_INTERFACE_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V6_TUNNEL_TYPE,
    FWPS_FIELD_INBOUND_IPPACKET_V6_COMPARTMENT_ID,
    FWPS_FIELD_INBOUND_IPPACKET_V6_MAX
} FWPS_FIELDS_INBOUND_IPPACKET_V6;

/* Metadata field identifiers (currentMetadataValues). */
#define FWPS_METADATA_FIELD_DISCARD_REASON              0x00000001U
#define FWPS_METADATA_FIELD_FLOW_HANDLE                 0x00000002U
#define FWPS_METADATA_FIELD_IP_HEADER_SIZE              0x00000004U
#define FWPS_METADATA_FIELD_PROCESS_PATH                0x00000008U
#define FWPS_METADATA_FIELD_TOKEN                       0x00000010U
#define FWPS_METADATA_FIELD_PROCESS_ID                  0x00000020U
#define FWPS_METADATA_FIELD_SYSTEM_FLAGS                0x00000040U
#define FWPS_METADATA_FIELD_RESERVED                    0x00000080U
#define FWPS_METADATA_FIELD_SOURCE_INTERFACE_INDEX      0x00000100U
#define FWPS_METADATA_FIELD_DESTINATION_INTERFACE_INDEX 0x00000200U
#define FWPS_METADATA_FIELD_TRANSPORT_HEADER_SIZE       0x00000400U
#define FWPS_METADATA_FIELD_COMPARTMENT_ID              0x00000800U

#define FWPS_RIGHT_ACTION_WRITE 0x00000001U

#define FWPS_INJECTION_TYPE_STREAM    0x00000001U
#define FWPS_INJECTION_TYPE_TRANSPORT 0x00000002U
#define FWPS_INJECTION_TYPE_NETWORK   0x00000004U
#define FWPS_INJECTION_TYPE_FORWARD   0x00000008U
#define FWPS_INJECTION_TYPE_L2        0x00000010U

typedef struct FWPS_INCOMING_VALUE0_ {
    FWP_VALUE0 value;
} FWPS_INCOMING_VALUE0;

typedef struct FWPS_INCOMING_VALUES0_ {
    UINT16 layerId;
    UINT32 valueCount;
    FWPS_INCOMING_VALUE0 *incomingValue;
} FWPS_INCOMING_VALUES0;

typedef enum FWPS_DISCARD_MODULE0_ {
    FWPS_DISCARD_MODULE_NETWORK = 0,
    FWPS_DISCARD_MODULE_TRANSPORT = 1,
    FWPS_DISCARD_MODULE_GENERAL = 2,
    FWPS_DISCARD_MODULE_MAX = 3
} FWPS_DISCARD_MODULE0;

typedef struct FWPS_DISCARD_METADATA0_ {
    FWPS_DISCARD_MODULE0 discardModule;
    UINT32 discardReason;
    UINT64 filterId;
} FWPS_DISCARD_METADATA0;

typedef struct FWPS_INBOUND_FRAGMENT_METADATA0_ {
    UINT32 fragmentIdentification;
    UINT16 fragmentOffset;
    ULONG fragmentLength;
} FWPS_INBOUND_FRAGMENT_METADATA0;

typedef struct FWPS_INCOMING_METADATA_VALUES0_ {
    UINT32 currentMetadataValues;
    UINT32 flags;
    UINT64 reserved;
    FWPS_DISCARD_METADATA0 discardMetadata;
    UINT64 flowHandle;
    UINT32 ipHeaderSize;
    UINT32 transportHeaderSize;
    FWP_BYTE_BLOB *processPath;
    UINT64 token;
    UINT64 processId;
    UINT32 sourceInterfaceIndex;
    UINT32 destinationInterfaceIndex;
    ULONG compartmentId;
    FWPS_INBOUND_FRAGMENT_METADATA0 fragmentMetadata;
    ULONG pathMtu;
    HANDLE completionHandle;
    UINT64 transportEndpointHandle;
    SCOPE_ID remoteScopeId;
    WSACMSGHDR *controlData;
    ULONG controlDataLength;
    FWP_DIRECTION packetDirection;
    PVOID headerIncludeHeader;
    ULONG headerIncludeHeaderLength;
    IP_ADDRESS_PREFIX destinationPrefix;
    UINT16 frameLength;
    UINT64 parentEndpointHandle;
    UINT32 icmpIdAndSequence;
    DWORD localRedirectTargetPID;
    SOCKADDR *originalDestination;
    HANDLE redirectRecords;
    UINT32 currentL2MetadataValues;
    UINT32 l2Flags;
    UINT32 ethernetMacHeaderSize;
    UINT32 wiFiOperationMode;
    NDIS_SWITCH_PORT_ID vSwitchSourcePortId;
    NDIS_SWITCH_NIC_INDEX vSwitchSourceNicIndex;
    NDIS_SWITCH_PORT_ID vSwitchDestinationPortId;
    UINT32 padding0;
    USHORT padding1;
    UINT32 padding2;
    HANDLE vSwitchPacketContext;
    PVOID subProcessTag;
    UINT64 reserved1;
} FWPS_INCOMING_METADATA_VALUES0;

typedef struct FWPS_ACTION0_ {
    FWP_ACTION_TYPE type;
    UINT32 calloutId;
} FWPS_ACTION0;

typedef struct FWPS_FILTER_CONDITION0_ {
    UINT16 fieldId;
    UINT16 reserved;
    FWP_MATCH_TYPE matchType;
    FWP_CONDITION_VALUE0 conditionValue;
} FWPS_FILTER_CONDITION0;

typedef struct FWPS_FILTER0_ {
    UINT64 filterId;
    FWP_VALUE0 weight;
    UINT16 subLayerWeight;
    UINT16 flags;
    UINT32 numFilterConditions;
    FWPS_FILTER_CONDITION0 *filterCondition;
    FWPS_ACTION0 action;
    UINT64 context;
    FWPM_PROVIDER_CONTEXT0 *providerContext;
} FWPS_FILTER0;

typedef struct FWPS_FILTER1_ {
    UINT64 filterId;
    FWP_VALUE0 weight;
    UINT16 subLayerWeight;
    UINT16 flags;
    UINT32 numFilterConditions;
    FWPS_FILTER_CONDITION0 *filterCondition;
    FWPS_ACTION0 action;
    UINT64 context;
    FWPM_PROVIDER_CONTEXT1 *providerContext;
} FWPS_FILTER1;

typedef struct FWPS_FILTER2_ {
    UINT64 filterId;
    FWP_VALUE0 weight;
    UINT16 subLayerWeight;
    UINT16 flags;
    UINT32 numFilterConditions;
    FWPS_FILTER_CONDITION0 *filterCondition;
    FWPS_ACTION0 action;
    UINT64 context;
    FWPM_PROVIDER_CONTEXT2 *providerContext;
} FWPS_FILTER2;

typedef struct FWPS_CLASSIFY_OUT0_ {
    FWP_ACTION_TYPE actionType;
    UINT64 outContext;
    UINT64 filterId;
    UINT32 rights;
    UINT32 flags;
    UINT32 reserved;
} FWPS_CLASSIFY_OUT0;

typedef enum FWPS_CALLOUT_NOTIFY_TYPE_ {
    FWPS_CALLOUT_NOTIFY_ADD_FILTER,
    FWPS_CALLOUT_NOTIFY_DELETE_FILTER,
    FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT,
    FWPS_CALLOUT_NOTIFY_TYPE_MAX
} FWPS_CALLOUT_NOTIFY_TYPE;

typedef enum FWPS_PACKET_INJECTION_STATE_ {
    FWPS_PACKET_NOT_INJECTED,
    FWPS_PACKET_INJECTED_BY_SELF,
    FWPS_PACKET_INJECTED_BY_OTHER,
    FWPS_PACKET_PREVIOUSLY_INJECTED_BY_SELF,
    FWPS_PACKET_INJECTION_STATE_MAX
} FWPS_PACKET_INJECTION_STATE;

typedef void(NTAPI FWPS_CALLOUT_CLASSIFY_FN0)(const FWPS_INCOMING_VALUES0 *inFixedValues,
                                              const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
                                              void *layerData,
                                              const FWPS_FILTER0 *filter,
                                              UINT64 flowContext,
                                              FWPS_CLASSIFY_OUT0 *classifyOut);
typedef void(NTAPI FWPS_CALLOUT_CLASSIFY_FN1)(const FWPS_INCOMING_VALUES0 *inFixedValues,
                                              const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
                                              void *layerData,
                                              const void *classifyContext,
                                              const FWPS_FILTER1 *filter,
                                              UINT64 flowContext,
                                              FWPS_CLASSIFY_OUT0 *classifyOut);
typedef void(NTAPI FWPS_CALLOUT_CLASSIFY_FN2)(const FWPS_INCOMING_VALUES0 *inFixedValues,
                                              const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues,
                                              void *layerData,
                                              const void *classifyContext,
                                              const FWPS_FILTER2 *filter,
                                              UINT64 flowContext,
                                              FWPS_CLASSIFY_OUT0 *classifyOut);
typedef NTSTATUS(NTAPI FWPS_CALLOUT_NOTIFY_FN0)(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
                                                const GUID *filterKey,
                                                const FWPS_FILTER0 *filter);
typedef NTSTATUS(NTAPI FWPS_CALLOUT_NOTIFY_FN1)(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
                                                const GUID *filterKey,
                                                FWPS_FILTER1 *filter);
typedef NTSTATUS(NTAPI FWPS_CALLOUT_NOTIFY_FN2)(FWPS_CALLOUT_NOTIFY_TYPE notifyType,
                                                const GUID *filterKey,
                                                FWPS_FILTER2 *filter);
typedef void(NTAPI FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0)(UINT16 layerId,
                                                        UINT32 calloutId,
                                                        UINT64 flowContext);
typedef void(NTAPI FWPS_INJECT_COMPLETE0)(void *context,
                                          NET_BUFFER_LIST *netBufferList,
                                          BOOLEAN dispatchLevel);

typedef struct FWPS_CALLOUT0_ {
    GUID calloutKey;
    UINT32 flags;
    FWPS_CALLOUT_CLASSIFY_FN0 *classifyFn;
    FWPS_CALLOUT_NOTIFY_FN0 *notifyFn;
    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 *flowDeleteFn;
} FWPS_CALLOUT0;

typedef struct FWPS_CALLOUT1_ {
    GUID calloutKey;
    UINT32 flags;
    FWPS_CALLOUT_CLASSIFY_FN1 *classifyFn;
    FWPS_CALLOUT_NOTIFY_FN1 *notifyFn;
    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 *flowDeleteFn;
} FWPS_CALLOUT1;

typedef struct FWPS_CALLOUT2_ {
    GUID calloutKey;
    UINT32 flags;
    FWPS_CALLOUT_CLASSIFY_FN2 *classifyFn;
    FWPS_CALLOUT_NOTIFY_FN2 *notifyFn;
    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 *flowDeleteFn;
} FWPS_CALLOUT2;

/*
 * Callout registration. Pre: deviceObject is the driver's device, callout
 * filled. Post/failure: no engine in user mode: STATUS_NOT_SUPPORTED,
 * *calloutId 0 (when given), reported once. IRQL: PASSIVE_LEVEL.
 */
NTSTATUS NTAPI FwpsCalloutRegister0(void *deviceObject,
                                    const FWPS_CALLOUT0 *callout,
                                    UINT32 *calloutId);
NTSTATUS NTAPI FwpsCalloutRegister1(void *deviceObject,
                                    const FWPS_CALLOUT1 *callout,
                                    UINT32 *calloutId);
NTSTATUS NTAPI FwpsCalloutRegister2(void *deviceObject,
                                    const FWPS_CALLOUT2 *callout,
                                    UINT32 *calloutId);
/* No callout can be registered: STATUS_FWP_CALLOUT_NOT_FOUND, reported. */
NTSTATUS NTAPI FwpsCalloutUnregisterById0(const UINT32 calloutId);
NTSTATUS NTAPI FwpsCalloutUnregisterByKey0(const GUID *calloutKey);

/*
 * Injection handles: creation fails with STATUS_NOT_SUPPORTED and a NULL
 * *injectionHandle; destruction of a handle (which can only be NULL)
 * reports and returns STATUS_INVALID_PARAMETER. IRQL: PASSIVE_LEVEL.
 */
NTSTATUS NTAPI FwpsInjectionHandleCreate0(ADDRESS_FAMILY addressFamily,
                                          UINT32 flags,
                                          HANDLE *injectionHandle);
NTSTATUS NTAPI FwpsInjectionHandleDestroy0(HANDLE injectionHandle);
/* Nothing is injected in user mode: FWPS_PACKET_NOT_INJECTED, reported. */
FWPS_PACKET_INJECTION_STATE NTAPI FwpsQueryPacketInjectionState0(
    HANDLE injectionHandle, const NET_BUFFER_LIST *netBufferList, HANDLE *injectionContext);
/* Fails: STATUS_NOT_SUPPORTED, *netBufferList NULL; the free reports only. */
NTSTATUS NTAPI FwpsAllocateNetBufferAndNetBufferList0(NDIS_HANDLE poolHandle,
                                                      USHORT contextSize,
                                                      USHORT contextBackFill,
                                                      MDL *mdlChain,
                                                      ULONG dataOffset,
                                                      SIZE_T dataLength,
                                                      NET_BUFFER_LIST **netBufferList);
void NTAPI FwpsFreeNetBufferList0(NET_BUFFER_LIST *netBufferList);
/* Fails: STATUS_NOT_SUPPORTED; the caller keeps netBufferList. */
NTSTATUS NTAPI FwpsInjectNetworkSendAsync0(HANDLE injectionHandle,
                                           HANDLE injectionContext,
                                           UINT32 flags,
                                           COMPARTMENT_ID compartmentId,
                                           NET_BUFFER_LIST *netBufferList,
                                           FWPS_INJECT_COMPLETE0 *completionFn,
                                           HANDLE completionContext);
NTSTATUS NTAPI FwpsInjectNetworkReceiveAsync0(HANDLE injectionHandle,
                                              HANDLE injectionContext,
                                              UINT32 flags,
                                              COMPARTMENT_ID compartmentId,
                                              IF_INDEX interfaceIndex,
                                              IF_INDEX subInterfaceIndex,
                                              NET_BUFFER_LIST *netBufferList,
                                              FWPS_INJECT_COMPLETE0 *completionFn,
                                              HANDLE completionContext);

/* Version-independent names, as the WDK selects them for NTDDI_WIN8+. */
#define FWPS_INCOMING_VALUE                   FWPS_INCOMING_VALUE0
#define FWPS_INCOMING_VALUES                  FWPS_INCOMING_VALUES0
#define FWPS_INCOMING_METADATA_VALUES         FWPS_INCOMING_METADATA_VALUES0
#define FWPS_DISCARD_METADATA                 FWPS_DISCARD_METADATA0
#define FWPS_ACTION                           FWPS_ACTION0
#define FWPS_FILTER_CONDITION                 FWPS_FILTER_CONDITION0
#define FWPS_CLASSIFY_OUT                     FWPS_CLASSIFY_OUT0
#define FWPS_FILTER                           FWPS_FILTER2
#define FWPS_CALLOUT                          FWPS_CALLOUT2
#define FWPS_CALLOUT_CLASSIFY_FN              FWPS_CALLOUT_CLASSIFY_FN2
#define FWPS_CALLOUT_NOTIFY_FN                FWPS_CALLOUT_NOTIFY_FN2
#define FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0
#define FWPS_INJECT_COMPLETE                  FWPS_INJECT_COMPLETE0
#define FwpsCalloutRegister                   FwpsCalloutRegister2
#define FwpsCalloutUnregisterById             FwpsCalloutUnregisterById0
#define FwpsCalloutUnregisterByKey            FwpsCalloutUnregisterByKey0
#define FwpsInjectionHandleCreate             FwpsInjectionHandleCreate0
#define FwpsInjectionHandleDestroy            FwpsInjectionHandleDestroy0
#define FwpsQueryPacketInjectionState         FwpsQueryPacketInjectionState0
#define FwpsAllocateNetBufferAndNetBufferList FwpsAllocateNetBufferAndNetBufferList0
#define FwpsFreeNetBufferList                 FwpsFreeNetBufferList0
#define FwpsInjectNetworkSendAsync            FwpsInjectNetworkSendAsync0
#define FwpsInjectNetworkReceiveAsync         FwpsInjectNetworkReceiveAsync0

UNDIS_EXTERN_C_END

#endif /* UNDIS_SHADOW_FWPSK_H */
