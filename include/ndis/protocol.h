/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/protocol.h>: the NDIS 6 protocol role (ndis.h): the
 * PROTOCOL_* handler types, NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, the bind
 * and open parameters and the binding functions (NdisRegisterProtocolDriver,
 * NdisOpenAdapterEx, NdisOidRequest, ...), with the WDK's names, layouts and
 * prototypes, versioned by NDIS_SUPPORT_NDISxxx. The data-path handler
 * types are in <ndis/datapath.h>. The functions are provided by the driver
 * host; without it they are unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_PROTOCOL_H
#define UNDIS_NDIS_PROTOCOL_H

#include "version.h"
#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "rtlstring.h"
#include "wdmio.h"
#include "ntddndis.h"
#include "datapath.h"
#include "oidrequest.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

typedef struct _NDIS_BIND_PARAMETERS NDIS_BIND_PARAMETERS, *PNDIS_BIND_PARAMETERS;
typedef struct _NDIS_PORT *PNDIS_PORT;
typedef struct _NDIS_NDK_CAPABILITIES *PNDIS_NDK_CAPABILITIES;
typedef USHORT NET_FRAME_TYPE, *PNET_FRAME_TYPE;

/* ---- handlers -------------------------------------------------------------- */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_BIND_ADAPTER_EX) NDIS_STATUS
    PROTOCOL_BIND_ADAPTER_EX(_In_ NDIS_HANDLE ProtocolDriverContext,
                             _In_ NDIS_HANDLE BindContext,
                             _In_ PNDIS_BIND_PARAMETERS BindParameters);
typedef PROTOCOL_BIND_ADAPTER_EX(*BIND_HANDLER_EX);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_UNBIND_ADAPTER_EX) NDIS_STATUS
    PROTOCOL_UNBIND_ADAPTER_EX(_In_ NDIS_HANDLE UnbindContext,
                               _In_ NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_UNBIND_ADAPTER_EX(*UNBIND_HANDLER_EX);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_OPEN_ADAPTER_COMPLETE_EX) VOID
    PROTOCOL_OPEN_ADAPTER_COMPLETE_EX(_In_ NDIS_HANDLE ProtocolBindingContext,
                                      _In_ NDIS_STATUS Status);
typedef PROTOCOL_OPEN_ADAPTER_COMPLETE_EX(*OPEN_ADAPTER_COMPLETE_HANDLER_EX);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX) VOID
    PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX(_In_ NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX(*CLOSE_ADAPTER_COMPLETE_HANDLER_EX);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_NET_PNP_EVENT) NDIS_STATUS
    PROTOCOL_NET_PNP_EVENT(_In_ NDIS_HANDLE ProtocolBindingContext,
                           _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
typedef PROTOCOL_NET_PNP_EVENT(*NET_PNP_EVENT_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(PROTOCOL_UNINSTALL) VOID
    PROTOCOL_UNINSTALL(VOID);
typedef PROTOCOL_UNINSTALL(*UNINSTALL_PROTOCOL_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(PROTOCOL_OID_REQUEST_COMPLETE) VOID
    PROTOCOL_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                  _In_ PNDIS_OID_REQUEST OidRequest,
                                  _In_ NDIS_STATUS Status);
typedef PROTOCOL_OID_REQUEST_COMPLETE(*OID_REQUEST_COMPLETE_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(PROTOCOL_STATUS_EX) VOID
    PROTOCOL_STATUS_EX(_In_ NDIS_HANDLE ProtocolBindingContext,
                       _In_ PNDIS_STATUS_INDICATION StatusIndication);
typedef PROTOCOL_STATUS_EX(*STATUS_HANDLER_EX);

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(PROTOCOL_DIRECT_OID_REQUEST_COMPLETE) VOID
    PROTOCOL_DIRECT_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                         _In_ PNDIS_OID_REQUEST OidRequest,
                                         _In_ NDIS_STATUS Status);
typedef PROTOCOL_DIRECT_OID_REQUEST_COMPLETE(*DIRECT_OID_REQUEST_COMPLETE_HANDLER);
#endif

/* ---- driver characteristics ------------------------------------------------ */

#define NDIS_PROTOCOL_CHARACTERISTICS_REVISION_1        1
#define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 1
#if NDIS_SUPPORT_NDIS61
#    define NDIS_PROTOCOL_CHARACTERISTICS_REVISION_2        2
#    define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 2
#endif

typedef struct _NDIS_PROTOCOL_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    NDIS_STRING Name;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    BIND_HANDLER_EX BindAdapterHandlerEx;
    UNBIND_HANDLER_EX UnbindAdapterHandlerEx;
    OPEN_ADAPTER_COMPLETE_HANDLER_EX OpenAdapterCompleteHandlerEx;
    CLOSE_ADAPTER_COMPLETE_HANDLER_EX CloseAdapterCompleteHandlerEx;
    NET_PNP_EVENT_HANDLER NetPnPEventHandler;
    UNINSTALL_PROTOCOL_HANDLER UninstallHandler;
    OID_REQUEST_COMPLETE_HANDLER OidRequestCompleteHandler;
    STATUS_HANDLER_EX StatusHandlerEx;
    RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
#if NDIS_SUPPORT_NDIS61
    DIRECT_OID_REQUEST_COMPLETE_HANDLER DirectOidRequestCompleteHandler;
#endif
} NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, *PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS;

#define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1     \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, \
                             SendNetBufferListsCompleteHandler)
#if NDIS_SUPPORT_NDIS61
#    define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2     \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, \
                                 DirectOidRequestCompleteHandler)
#endif

/* ---- bind and open parameters --------------------------------------------------- */

#define NDIS_BIND_PARAMETERS_REVISION_1 1
#if NDIS_SUPPORT_NDIS620
#    define NDIS_BIND_PARAMETERS_REVISION_2 2
#endif
#if NDIS_SUPPORT_NDIS630
#    define NDIS_BIND_PARAMETERS_REVISION_3 3
#endif

struct _NDIS_BIND_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING ProtocolSection;
    PNDIS_STRING AdapterName;
    PDEVICE_OBJECT PhysicalDeviceObject;
    NDIS_MEDIUM MediaType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RcvScaleCapabilities;
    NET_LUID BoundIfNetluid;
    NET_IFINDEX BoundIfIndex;
    NET_LUID LowestIfNetluid;
    NET_IFINDEX LowestIfIndex;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    PNDIS_PORT ActivePorts;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    ULONG MacOptions;
    NET_IF_COMPARTMENT_ID CompartmentId;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    PNDIS_TCP_CONNECTION_OFFLOAD TcpConnectionOffloadCapabilities;
    PNDIS_STRING BoundAdapterName;
#if NDIS_SUPPORT_NDIS620
    PNDIS_HD_SPLIT_CURRENT_CONFIG HDSplitCurrentConfig;
    PNDIS_RECEIVE_FILTER_CAPABILITIES ReceiveFilterCapabilities;
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
    PNDIS_NIC_SWITCH_CAPABILITIES NicSwitchCapabilities;
#endif
#if NDIS_SUPPORT_NDIS630
    BOOLEAN NDKEnabled;
    PNDIS_NDK_CAPABILITIES NDKCapabilities;
    PNDIS_SRIOV_CAPABILITIES SriovCapabilities;
    PNDIS_NIC_SWITCH_INFO_ARRAY NicSwitchArray;
#endif
};

#define NDIS_OPEN_PARAMETERS_REVISION_1 1

typedef struct _NDIS_OPEN_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING AdapterName;
    PNDIS_MEDIUM MediumArray;
    UINT MediumArraySize;
    PUINT SelectedMediumIndex;
    PNET_FRAME_TYPE FrameTypeArray;
    UINT FrameTypeArraySize;
} NDIS_OPEN_PARAMETERS, *PNDIS_OPEN_PARAMETERS;

#define NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_OPEN_PARAMETERS, FrameTypeArraySize)

/* ---- restart parameters (NetEventRestart's buffer) ------------------------------ */

#define NDIS_PROTOCOL_RESTART_PARAMETERS_REVISION_1 1

typedef struct _NDIS_PROTOCOL_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PUCHAR FilterModuleNameBuffer;
    ULONG FilterModuleNameBufferLength;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX BoundIfIndex;
    NET_LUID BoundIfNetluid;
    ULONG Flags;
} NDIS_PROTOCOL_RESTART_PARAMETERS, *PNDIS_PROTOCOL_RESTART_PARAMETERS;

#define NDIS_SIZEOF_PROTOCOL_RESTART_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_RESTART_PARAMETERS, Flags)

/* ---- NDIS functions for protocols (driver host) -------------------------------- */

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisRegisterProtocolDriver(_In_opt_ NDIS_HANDLE ProtocolDriverContext,
                               _In_ PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS ProtocolCharacteristics,
                               _Out_ PNDIS_HANDLE NdisProtocolHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisDeregisterProtocolDriver(_In_ NDIS_HANDLE NdisProtocolHandle);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisOpenAdapterEx(_In_ NDIS_HANDLE NdisProtocolHandle,
                      _In_ NDIS_HANDLE ProtocolBindingContext,
                      _In_ PNDIS_OPEN_PARAMETERS OpenParameters,
                      _In_ NDIS_HANDLE BindContext,
                      _Out_ PNDIS_HANDLE NdisBindingHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisCompleteBindAdapterEx(_In_ NDIS_HANDLE BindAdapterContext, _In_ NDIS_STATUS Status);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS NdisCloseAdapterEx(_In_ NDIS_HANDLE NdisBindingHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID NdisCompleteUnbindAdapterEx(_In_ NDIS_HANDLE UnbindContext);
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisOidRequest(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PNDIS_OID_REQUEST OidRequest);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisCancelOidRequest(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PVOID RequestId);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisCompleteNetPnPEvent(_In_ NDIS_HANDLE NdisBindingHandle,
                            _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification,
                            _In_ NDIS_STATUS Status);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS NdisUnbindAdapter(_In_ NDIS_HANDLE NdisBindingHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisReEnumerateProtocolBindings(_In_ NDIS_HANDLE NdisProtocolHandle);
/* The name (friendly name of the adapter) of the binding's miniport,
 * allocated by NDIS into AdapterInstanceName (the caller frees its Buffer
 * with NdisFreeMemory). undis: the driver host's miniport, "undis miniport",
 * for a binding or filter module handle; NDIS_STATUS_FAILURE, the string
 * left empty, for any other handle. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisQueryAdapterInstanceName(_Out_ PNDIS_STRING AdapterInstanceName,
                                 _In_ NDIS_HANDLE NdisBindingHandle);
/* A new value for the high byte of cancel IDs (NdisCancelSendNetBufferLists):
 * distinct per call until the byte wraps. Any IRQL. */
UCHAR NdisGeneratePartialCancelId(VOID);
#if NDIS_SUPPORT_NDIS61
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisDirectOidRequest(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PNDIS_OID_REQUEST OidRequest);
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_PROTOCOL_H */
