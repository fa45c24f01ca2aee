/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/filter.h>: the NDIS 6 filter role (ndis.h): the FILTER_*
 * handler types, NDIS_FILTER_DRIVER_CHARACTERISTICS and the partial
 * characteristics, the attach / pause / restart parameters, the filter
 * attributes and the NdisF* control functions, with the WDK's names,
 * layouts and prototypes, versioned by NDIS_SUPPORT_NDISxxx. The data-path
 * handler types and NdisFSendNetBufferLists & co. are in <ndis/datapath.h>.
 * The functions are provided by the driver host; without it they are
 * unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_FILTER_H
#define UNDIS_NDIS_FILTER_H

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

typedef struct _NDIS_FILTER_ATTACH_PARAMETERS NDIS_FILTER_ATTACH_PARAMETERS,
    *PNDIS_FILTER_ATTACH_PARAMETERS;
typedef struct _NDIS_FILTER_PAUSE_PARAMETERS NDIS_FILTER_PAUSE_PARAMETERS,
    *PNDIS_FILTER_PAUSE_PARAMETERS;
typedef struct _NDIS_FILTER_RESTART_PARAMETERS NDIS_FILTER_RESTART_PARAMETERS,
    *PNDIS_FILTER_RESTART_PARAMETERS;

/* ---- handlers -------------------------------------------------------------- */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_ATTACH) NDIS_STATUS
    FILTER_ATTACH(_In_ NDIS_HANDLE NdisFilterHandle,
                  _In_ NDIS_HANDLE FilterDriverContext,
                  _In_ PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters);
typedef FILTER_ATTACH(*FILTER_ATTACH_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_DETACH) VOID
    FILTER_DETACH(_In_ NDIS_HANDLE FilterModuleContext);
typedef FILTER_DETACH(*FILTER_DETACH_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_SET_MODULE_OPTIONS) NDIS_STATUS
    FILTER_SET_MODULE_OPTIONS(_In_ NDIS_HANDLE FilterModuleContext);
typedef FILTER_SET_MODULE_OPTIONS(*FILTER_SET_FILTER_MODULE_OPTIONS_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_RESTART) NDIS_STATUS
    FILTER_RESTART(_In_ NDIS_HANDLE FilterModuleContext,
                   _In_ PNDIS_FILTER_RESTART_PARAMETERS RestartParameters);
typedef FILTER_RESTART(*FILTER_RESTART_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_PAUSE) NDIS_STATUS
    FILTER_PAUSE(_In_ NDIS_HANDLE FilterModuleContext,
                 _In_ PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters);
typedef FILTER_PAUSE(*FILTER_PAUSE_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_OID_REQUEST) NDIS_STATUS
    FILTER_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext, _In_ PNDIS_OID_REQUEST OidRequest);
typedef FILTER_OID_REQUEST(*FILTER_OID_REQUEST_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_CANCEL_OID_REQUEST) VOID
    FILTER_CANCEL_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext, _In_ PVOID RequestId);
typedef FILTER_CANCEL_OID_REQUEST(*FILTER_CANCEL_OID_REQUEST_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_OID_REQUEST_COMPLETE) VOID
    FILTER_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                _In_ PNDIS_OID_REQUEST OidRequest,
                                _In_ NDIS_STATUS Status);
typedef FILTER_OID_REQUEST_COMPLETE(*FILTER_OID_REQUEST_COMPLETE_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_STATUS) VOID
    FILTER_STATUS(_In_ NDIS_HANDLE FilterModuleContext,
                  _In_ PNDIS_STATUS_INDICATION StatusIndication);
typedef FILTER_STATUS(*FILTER_STATUS_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_NET_PNP_EVENT) NDIS_STATUS
    FILTER_NET_PNP_EVENT(_In_ NDIS_HANDLE FilterModuleContext,
                         _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
typedef FILTER_NET_PNP_EVENT(*FILTER_NET_PNP_EVENT_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(FILTER_DEVICE_PNP_EVENT_NOTIFY) VOID
    FILTER_DEVICE_PNP_EVENT_NOTIFY(_In_ NDIS_HANDLE FilterModuleContext,
                                   _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef FILTER_DEVICE_PNP_EVENT_NOTIFY(*FILTER_DEVICE_PNP_EVENT_NOTIFY_HANDLER);

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_DIRECT_OID_REQUEST) NDIS_STATUS
    FILTER_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext,
                              _In_ PNDIS_OID_REQUEST OidRequest);
typedef FILTER_DIRECT_OID_REQUEST(*FILTER_DIRECT_OID_REQUEST_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(FILTER_DIRECT_OID_REQUEST_COMPLETE) VOID
    FILTER_DIRECT_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                       _In_ PNDIS_OID_REQUEST OidRequest,
                                       _In_ NDIS_STATUS Status);
typedef FILTER_DIRECT_OID_REQUEST_COMPLETE(*FILTER_DIRECT_OID_REQUEST_COMPLETE_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(FILTER_CANCEL_DIRECT_OID_REQUEST) VOID
    FILTER_CANCEL_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext, _In_ PVOID RequestId);
typedef FILTER_CANCEL_DIRECT_OID_REQUEST(*FILTER_CANCEL_DIRECT_OID_REQUEST_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS680
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(FILTER_SYNCHRONOUS_OID_REQUEST) NDIS_STATUS
    FILTER_SYNCHRONOUS_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext,
                                   _Inout_ PNDIS_OID_REQUEST OidRequest,
                                   _Outptr_result_maybenull_ PVOID *CallContext);
typedef FILTER_SYNCHRONOUS_OID_REQUEST(*FILTER_SYNCHRONOUS_OID_REQUEST_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS680
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(FILTER_SYNCHRONOUS_OID_REQUEST_COMPLETE) VOID
    FILTER_SYNCHRONOUS_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                            _Inout_ PNDIS_OID_REQUEST OidRequest,
                                            _Inout_ NDIS_STATUS *Status,
                                            _In_ PVOID CallContext);
typedef FILTER_SYNCHRONOUS_OID_REQUEST_COMPLETE(*FILTER_SYNCHRONOUS_OID_REQUEST_COMPLETE_HANDLER);
#endif

/* ---- driver characteristics ------------------------------------------------ */

#define NDIS_FILTER_CHARACTERISTICS_REVISION_1 1
#if NDIS_SUPPORT_NDIS61
#    define NDIS_FILTER_CHARACTERISTICS_REVISION_2 2
#endif
#if NDIS_SUPPORT_NDIS680
#    define NDIS_FILTER_CHARACTERISTICS_REVISION_3 3
#endif

#define NDIS_FILTER_DRIVER_MANDATORY                           0x00000001
#define NDIS_FILTER_DRIVER_SUPPORTS_CURRENT_MAC_ADDRESS_CHANGE 0x00000002
#define NDIS_FILTER_DRIVER_SUPPORTS_L2_MTU_SIZE_CHANGE         0x00000004

typedef struct _NDIS_FILTER_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    NDIS_STRING FriendlyName;
    NDIS_STRING UniqueName;
    NDIS_STRING ServiceName;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    FILTER_SET_FILTER_MODULE_OPTIONS_HANDLER SetFilterModuleOptionsHandler;
    FILTER_ATTACH_HANDLER AttachHandler;
    FILTER_DETACH_HANDLER DetachHandler;
    FILTER_RESTART_HANDLER RestartHandler;
    FILTER_PAUSE_HANDLER PauseHandler;
    FILTER_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    FILTER_CANCEL_SEND_HANDLER CancelSendNetBufferListsHandler;
    FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    FILTER_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    FILTER_OID_REQUEST_HANDLER OidRequestHandler;
    FILTER_OID_REQUEST_COMPLETE_HANDLER OidRequestCompleteHandler;
    FILTER_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
    FILTER_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    FILTER_NET_PNP_EVENT_HANDLER NetPnPEventHandler;
    FILTER_STATUS_HANDLER StatusHandler;
#if NDIS_SUPPORT_NDIS61
    FILTER_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    FILTER_DIRECT_OID_REQUEST_COMPLETE_HANDLER DirectOidRequestCompleteHandler;
    FILTER_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
#endif
#if NDIS_SUPPORT_NDIS680
    FILTER_SYNCHRONOUS_OID_REQUEST_HANDLER SynchronousOidRequestHandler;
    FILTER_SYNCHRONOUS_OID_REQUEST_COMPLETE_HANDLER SynchronousOidRequestHandlerComplete;
#endif
} NDIS_FILTER_DRIVER_CHARACTERISTICS, *PNDIS_FILTER_DRIVER_CHARACTERISTICS;

#define NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_DRIVER_CHARACTERISTICS, StatusHandler)
#if NDIS_SUPPORT_NDIS61
#    define NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler)
#endif
#if NDIS_SUPPORT_NDIS680
#    define NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_3     \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_DRIVER_CHARACTERISTICS, \
                                 SynchronousOidRequestHandlerComplete)
#endif

#define NDIS_FILTER_PARTIAL_CHARACTERISTICS_REVISION_1 1

typedef struct _NDIS_FILTER_PARTIAL_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    FILTER_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    FILTER_CANCEL_SEND_HANDLER CancelSendNetBufferListsHandler;
    FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    FILTER_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
} NDIS_FILTER_PARTIAL_CHARACTERISTICS, *PNDIS_FILTER_PARTIAL_CHARACTERISTICS;

#define NDIS_SIZEOF_FILTER_PARTIAL_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_PARTIAL_CHARACTERISTICS, ReturnNetBufferListsHandler)

/* ---- attach, pause, restart ---------------------------------------------------- */

#define NDIS_FILTER_ATTACH_PARAMETERS_REVISION_1 1
#if NDIS_SUPPORT_NDIS620
#    define NDIS_FILTER_ATTACH_PARAMETERS_REVISION_2 2
#endif
#if NDIS_SUPPORT_NDIS630
#    define NDIS_FILTER_ATTACH_PARAMETERS_REVISION_3 3
#endif

struct _NDIS_FILTER_ATTACH_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PNDIS_STRING FilterModuleGuidName;
    NET_IFINDEX BaseMiniportIfIndex;
    PNDIS_STRING BaseMiniportInstanceName;
    PNDIS_STRING BaseMiniportName;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NET_IF_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIUM MiniportMediaType;
    NDIS_PHYSICAL_MEDIUM MiniportPhysicalMediaType;
    NDIS_HANDLE MiniportMediaSpecificAttributes;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    USHORT MacAddressLength;
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    NET_LUID BaseMiniportNetLuid;
    NET_IFINDEX LowerIfIndex;
    NET_LUID LowerIfNetLuid;
    ULONG Flags;
#if NDIS_SUPPORT_NDIS620
    PNDIS_HD_SPLIT_CURRENT_CONFIG HDSplitCurrentConfig;
    PNDIS_RECEIVE_FILTER_CAPABILITIES ReceiveFilterCapabilities;
    PDEVICE_OBJECT MiniportPhysicalDeviceObject;
    PNDIS_NIC_SWITCH_CAPABILITIES NicSwitchCapabilities;
#endif
#if NDIS_SUPPORT_NDIS630
    BOOLEAN LowestFilter;
    PNDIS_SRIOV_CAPABILITIES SriovCapabilities;
    PNDIS_NIC_SWITCH_INFO_ARRAY NicSwitchArray;
#endif
};

#define NDIS_FILTER_PAUSE_PARAMETERS_REVISION_1 1
struct _NDIS_FILTER_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
};

#define NDIS_FILTER_RESTART_PARAMETERS_REVISION_1 1
struct _NDIS_FILTER_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIUM MiniportMediaType;
    NDIS_PHYSICAL_MEDIUM MiniportPhysicalMediaType;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX LowerIfIndex;
    NET_LUID LowerIfNetLuid;
    ULONG Flags;
};

#define NDIS_FILTER_ATTRIBUTES_REVISION_1 1

typedef struct _NDIS_FILTER_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
} NDIS_FILTER_ATTRIBUTES, *PNDIS_FILTER_ATTRIBUTES;

#define NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_ATTRIBUTES, Flags)

/* ---- NDIS functions for filters (driver host) -------------------------------- */

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisFRegisterFilterDriver(_In_ PDRIVER_OBJECT DriverObject,
                              _In_opt_ NDIS_HANDLE FilterDriverContext,
                              _In_ PNDIS_FILTER_DRIVER_CHARACTERISTICS FilterDriverCharacteristics,
                              _Out_ PNDIS_HANDLE NdisFilterDriverHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisFDeregisterFilterDriver(_In_ NDIS_HANDLE NdisFilterDriverHandle);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisFSetAttributes(_In_ NDIS_HANDLE NdisFilterHandle,
                       _In_ NDIS_HANDLE FilterModuleContext,
                       _In_ PNDIS_FILTER_ATTRIBUTES FilterAttributes);
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisFRestartFilter(_In_ NDIS_HANDLE NdisFilterHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisFPauseComplete(_In_ NDIS_HANDLE NdisFilterHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFRestartComplete(_In_ NDIS_HANDLE NdisFilterHandle, _In_ NDIS_STATUS Status);
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisFOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PNDIS_OID_REQUEST OidRequest);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisFOidRequestComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                                                 _In_ PNDIS_OID_REQUEST OidRequest,
                                                                 _In_ NDIS_STATUS Status);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFCancelOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID RequestId);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFIndicateStatus(_In_ NDIS_HANDLE NdisFilterHandle,
                        _In_ PNDIS_STATUS_INDICATION StatusIndication);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisFNetPnPEvent(_In_ NDIS_HANDLE NdisFilterHandle,
                     _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisFDevicePnPEventNotify(_In_ NDIS_HANDLE NdisFilterHandle,
                              _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
#if NDIS_SUPPORT_NDIS61
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisFDirectOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PNDIS_OID_REQUEST OidRequest);
#endif
#if NDIS_SUPPORT_NDIS61
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFDirectOidRequestComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                  _In_ PNDIS_OID_REQUEST OidRequest,
                                  _In_ NDIS_STATUS Status);
#endif
#if NDIS_SUPPORT_NDIS61
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFCancelDirectOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID RequestId);
#endif

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_FILTER_H */
