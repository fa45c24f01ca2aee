/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/miniport.h>: the NDIS 6 miniport role (ndis.h): the
 * MINIPORT_* handler types, NDIS_MINIPORT_DRIVER_CHARACTERISTICS, the
 * initialize / pause / restart parameters, the adapter attributes and the
 * NdisM* and NdisIM* functions, with the WDK's names, layouts and
 * prototypes, versioned by NDIS_SUPPORT_NDISxxx. The data-path handler
 * types are in <ndis/datapath.h>. The functions are provided by the driver
 * host; without it they are unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_MINIPORT_H
#define UNDIS_NDIS_MINIPORT_H

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

typedef struct _NDIS_MINIPORT_INIT_PARAMETERS NDIS_MINIPORT_INIT_PARAMETERS,
    *PNDIS_MINIPORT_INIT_PARAMETERS;
typedef struct _NDIS_MINIPORT_PAUSE_PARAMETERS NDIS_MINIPORT_PAUSE_PARAMETERS,
    *PNDIS_MINIPORT_PAUSE_PARAMETERS;
typedef struct _NDIS_MINIPORT_RESTART_PARAMETERS NDIS_MINIPORT_RESTART_PARAMETERS,
    *PNDIS_MINIPORT_RESTART_PARAMETERS;
typedef struct _CM_RESOURCE_LIST *PCM_RESOURCE_LIST;
typedef struct _CM_PARTIAL_RESOURCE_LIST NDIS_RESOURCE_LIST, *PNDIS_RESOURCE_LIST;
typedef struct _NDIS_PORT_AUTHENTICATION_PARAMETERS *PNDIS_PORT_AUTHENTICATION_PARAMETERS;
typedef struct _NDIS_PCI_DEVICE_CUSTOM_PROPERTIES *PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES;

typedef enum _NDIS_HALT_ACTION {
    NdisHaltDeviceDisabled,
    NdisHaltDeviceInstanceDeInitialized,
    NdisHaltDevicePoweredDown,
    NdisHaltDeviceSurpriseRemoved,
    NdisHaltDeviceFailed,
    NdisHaltDeviceInitializationFailed,
    NdisHaltDeviceStopped
} NDIS_HALT_ACTION,
    *PNDIS_HALT_ACTION;

typedef enum _NDIS_SHUTDOWN_ACTION {
    NdisShutdownPowerOff,
    NdisShutdownBugCheck
} NDIS_SHUTDOWN_ACTION,
    *PNDIS_SHUTDOWN_ACTION;

typedef enum _NDIS_INTERFACE_TYPE {
    NdisInterfaceInternal = 0,
    NdisInterfaceIsa,
    NdisInterfaceEisa,
    NdisInterfaceMca,
    NdisInterfaceTurboChannel,
    NdisInterfacePci,
    NdisInterfacePcMcia,
    NdisInterfaceCBus,
    NdisInterfaceMPIBus,
    NdisInterfaceMPSABus,
    NdisInterfaceProcessorInternal,
    NdisInterfaceInternalPowerBus,
    NdisInterfacePNPISABus,
    NdisInterfacePNPBus,
    NdisInterfaceUSB,
    NdisInterfaceIrda,
    NdisInterface1394,
    NdisMaximumInterfaceType
} NDIS_INTERFACE_TYPE,
    *PNDIS_INTERFACE_TYPE;

/* ---- handlers -------------------------------------------------------------- */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_INITIALIZE) NDIS_STATUS
    MINIPORT_INITIALIZE(_In_ NDIS_HANDLE NdisMiniportHandle,
                        _In_ NDIS_HANDLE MiniportDriverContext,
                        _In_ PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
typedef MINIPORT_INITIALIZE(*MINIPORT_INITIALIZE_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_HALT) VOID
    MINIPORT_HALT(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ NDIS_HALT_ACTION HaltAction);
typedef MINIPORT_HALT(*MINIPORT_HALT_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_UNLOAD) VOID
    MINIPORT_UNLOAD(_In_ PDRIVER_OBJECT DriverObject);
typedef MINIPORT_UNLOAD(*MINIPORT_DRIVER_UNLOAD);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_PAUSE) NDIS_STATUS
    MINIPORT_PAUSE(_In_ NDIS_HANDLE MiniportAdapterContext,
                   _In_ PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
typedef MINIPORT_PAUSE(*MINIPORT_PAUSE_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_RESTART) NDIS_STATUS
    MINIPORT_RESTART(_In_ NDIS_HANDLE MiniportAdapterContext,
                     _In_ PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
typedef MINIPORT_RESTART(*MINIPORT_RESTART_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_OID_REQUEST) NDIS_STATUS
    MINIPORT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                         _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_OID_REQUEST(*MINIPORT_OID_REQUEST_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_CANCEL_OID_REQUEST) VOID
    MINIPORT_CANCEL_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_OID_REQUEST(*MINIPORT_CANCEL_OID_REQUEST_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_CHECK_FOR_HANG) BOOLEAN
    MINIPORT_CHECK_FOR_HANG(_In_ NDIS_HANDLE MiniportAdapterContext);
typedef MINIPORT_CHECK_FOR_HANG(*MINIPORT_CHECK_FOR_HANG_HANDLER);

typedef _IRQL_requires_max_(DISPATCH_LEVEL) _Function_class_(MINIPORT_RESET) NDIS_STATUS
    MINIPORT_RESET(_In_ NDIS_HANDLE MiniportAdapterContext, _Out_ PBOOLEAN AddressingReset);
typedef MINIPORT_RESET(*MINIPORT_RESET_HANDLER);

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(MINIPORT_DEVICE_PNP_EVENT_NOTIFY) VOID
    MINIPORT_DEVICE_PNP_EVENT_NOTIFY(_In_ NDIS_HANDLE MiniportAdapterContext,
                                     _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef MINIPORT_DEVICE_PNP_EVENT_NOTIFY(*MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER);

typedef _IRQL_requires_max_(HIGH_LEVEL) _Function_class_(MINIPORT_SHUTDOWN) VOID
    MINIPORT_SHUTDOWN(_In_ NDIS_HANDLE MiniportAdapterContext,
                      _In_ NDIS_SHUTDOWN_ACTION ShutdownAction);
typedef MINIPORT_SHUTDOWN(*MINIPORT_SHUTDOWN_HANDLER);

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(MINIPORT_DIRECT_OID_REQUEST) NDIS_STATUS
    MINIPORT_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_DIRECT_OID_REQUEST(*MINIPORT_DIRECT_OID_REQUEST_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS61
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(MINIPORT_CANCEL_DIRECT_OID_REQUEST) VOID
    MINIPORT_CANCEL_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                       _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_DIRECT_OID_REQUEST(*MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER);
#endif

#if NDIS_SUPPORT_NDIS680
typedef _IRQL_requires_max_(DISPATCH_LEVEL)
    _Function_class_(MINIPORT_SYNCHRONOUS_OID_REQUEST) NDIS_STATUS
    MINIPORT_SYNCHRONOUS_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                     _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_SYNCHRONOUS_OID_REQUEST(*MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER);
#endif

/* ---- driver characteristics ------------------------------------------------ */

#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 1
#if NDIS_SUPPORT_NDIS61
#    define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 2
#endif
#if NDIS_SUPPORT_NDIS680
#    define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 3
#endif

#define NDIS_INTERMEDIATE_DRIVER 0x00000001
#define NDIS_WDM_DRIVER          0x00000002

typedef struct _NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    MINIPORT_INITIALIZE_HANDLER InitializeHandlerEx;
    MINIPORT_HALT_HANDLER HaltHandlerEx;
    MINIPORT_DRIVER_UNLOAD UnloadHandler;
    MINIPORT_PAUSE_HANDLER PauseHandler;
    MINIPORT_RESTART_HANDLER RestartHandler;
    MINIPORT_OID_REQUEST_HANDLER OidRequestHandler;
    MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    MINIPORT_CANCEL_SEND_HANDLER CancelSendHandler;
    MINIPORT_CHECK_FOR_HANG_HANDLER CheckForHangHandlerEx;
    MINIPORT_RESET_HANDLER ResetHandlerEx;
    MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    MINIPORT_SHUTDOWN_HANDLER ShutdownHandlerEx;
    MINIPORT_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
#if NDIS_SUPPORT_NDIS61
    MINIPORT_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
#endif
#if NDIS_SUPPORT_NDIS680
    MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER SynchronousOidRequestHandler;
#endif
} NDIS_MINIPORT_DRIVER_CHARACTERISTICS, *PNDIS_MINIPORT_DRIVER_CHARACTERISTICS;

#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler)
#if NDIS_SUPPORT_NDIS61
#    define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2     \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, \
                                 CancelDirectOidRequestHandler)
#endif
#if NDIS_SUPPORT_NDIS680
#    define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SynchronousOidRequestHandler)
#endif

/* ---- initialize, pause, restart parameters ------------------------------------ */

#define NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1 1
#if NDIS_SUPPORT_NDIS630
#    define NDIS_MINIPORT_INIT_PARAMETERS_REVISION_2 2
#endif

struct _NDIS_MINIPORT_INIT_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    PNDIS_RESOURCE_LIST AllocatedResources;
    NDIS_HANDLE IMDeviceInstanceContext;
    NDIS_HANDLE MiniportAddDeviceContext;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PNDIS_PORT_AUTHENTICATION_PARAMETERS DefaultPortAuthStates;
    PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES PciDeviceCustomProperties;
};

#define NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1 1
struct _NDIS_MINIPORT_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
};

#define NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1 1
struct _NDIS_MINIPORT_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    ULONG Flags;
};

#define NDIS_PAUSE_NDIS_INTERNAL          0x00000001
#define NDIS_PAUSE_LOW_POWER              0x00000002
#define NDIS_PAUSE_BIND_PROTOCOL          0x00000004
#define NDIS_PAUSE_UNBIND_PROTOCOL        0x00000008
#define NDIS_PAUSE_ATTACH_FILTER          0x00000010
#define NDIS_PAUSE_DETACH_FILTER          0x00000020
#define NDIS_PAUSE_FILTER_RESTART_STACK   0x00000040
#define NDIS_PAUSE_MINIPORT_DEVICE_REMOVE 0x00000080

/* ---- adapter attributes ------------------------------------------------------- */

#define NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE       0x00000001
#define NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM              0x00000002
#define NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK    0x00000004
#define NDIS_MINIPORT_ATTRIBUTES_NOT_CO_NDIS           0x00000008
#define NDIS_MINIPORT_ATTRIBUTES_DO_NOT_BIND_TO_ALL_CO 0x00000010
#define NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND    0x00000020
#define NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER            0x00000040
#define NDIS_MINIPORT_ATTRIBUTES_CONTROLS_DEFAULT_PORT 0x00000080
#define NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND   0x00000100

#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 1
#if NDIS_SUPPORT_NDIS630
#    define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 2
#endif

typedef struct _NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAdapterContext;
    ULONG AttributeFlags;
    UINT CheckForHangTimeInSeconds;
    NDIS_INTERFACE_TYPE InterfaceType;
} NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;

#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#if NDIS_SUPPORT_NDIS630
#    define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#endif

#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 1
#if NDIS_SUPPORT_NDIS620
#    define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 2
#endif

typedef struct _NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_MEDIUM MediaType;
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR PermanentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    ULONG SupportedStatistics;
    ULONG SupportedPauseFunctions;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG AutoNegotiationFlags;
#if NDIS_SUPPORT_NDIS620
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
#endif
} NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;

#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags)
#if NDIS_SUPPORT_NDIS620
#    define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2     \
        RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, \
                                 PowerManagementCapabilitiesEx)
#endif

#define NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1 1

typedef struct _NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    PNDIS_OFFLOAD HardwareOffloadCapabilities;
    PNDIS_TCP_CONNECTION_OFFLOAD DefaultTcpConnectionOffloadConfiguration;
    PNDIS_TCP_CONNECTION_OFFLOAD TcpConnectionOffloadHardwareCapabilities;
} NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES;

#define NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1     \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, \
                             TcpConnectionOffloadHardwareCapabilities)

#define NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 1

typedef struct _NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAddDeviceContext;
    ULONG Flags;
} NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES,
    *PNDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES;

/* The attributes NdisMSetMiniportAttributes takes: Header.Type says which. */
typedef union _NDIS_MINIPORT_ADAPTER_ATTRIBUTES {
    NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES AddDeviceRegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;
    NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES OffloadAttributes;
} NDIS_MINIPORT_ADAPTER_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_ATTRIBUTES;

/* ---- NDIS functions for miniports (driver host) -------------------------------- */

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS NdisMRegisterMiniportDriver(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath,
    _In_opt_ NDIS_HANDLE MiniportDriverContext,
    _In_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics,
    _Out_ PNDIS_HANDLE NdisMiniportDriverHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMDeregisterMiniportDriver(_In_ NDIS_HANDLE NdisMiniportDriverHandle);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisMSetMiniportAttributes(_In_ NDIS_HANDLE NdisMiniportHandle,
                               _In_ PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMIndicateStatusEx(_In_ NDIS_HANDLE MiniportAdapterHandle,
                          _In_ PNDIS_STATUS_INDICATION StatusIndication);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMOidRequestComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                            _In_ PNDIS_OID_REQUEST OidRequest,
                            _In_ NDIS_STATUS Status);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisMResetComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                                            _In_ NDIS_STATUS Status,
                                                            _In_ BOOLEAN AddressingReset);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisMPauseComplete(_In_ NDIS_HANDLE MiniportAdapterHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMRestartComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ NDIS_STATUS Status);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisMRemoveMiniport(_In_ NDIS_HANDLE MiniportAdapterHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMGetDeviceProperty(_In_ NDIS_HANDLE MiniportAdapterHandle,
                           _Inout_opt_ PDEVICE_OBJECT *PhysicalDeviceObject,
                           _Inout_opt_ PDEVICE_OBJECT *FunctionalDeviceObject,
                           _Inout_opt_ PDEVICE_OBJECT *NextDeviceObject,
                           _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResources,
                           _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResourcesTranslated);
#if NDIS_SUPPORT_NDIS61
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMDirectOidRequestComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                  _In_ PNDIS_OID_REQUEST OidRequest,
                                  _In_ NDIS_STATUS Status);
#endif
#if NDIS_SUPPORT_NDIS630
/* The end of an idle notification (MiniportIdleNotification). The driver
 * host sends none, so a call names itself once through the report hook
 * (NOT_SUPPORTED_IN_USER_MODE) and does nothing. IRQL <= DISPATCH_LEVEL. */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisMIdleNotificationComplete(_In_ NDIS_HANDLE MiniportAdapterHandle);
#endif

/* Intermediate drivers (NdisIM*). */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisIMInitializeDeviceInstanceEx(_In_ NDIS_HANDLE DriverHandle,
                                     _In_ PNDIS_STRING DriverInstance,
                                     _In_opt_ NDIS_HANDLE DeviceContext);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisIMCancelInitializeDeviceInstance(_In_ NDIS_HANDLE DriverHandle,
                                         _In_ PNDIS_STRING DeviceInstance);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisIMDeInitializeDeviceInstance(_In_ NDIS_HANDLE NdisMiniportHandle);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_HANDLE
    NdisIMGetBindingContext(_In_ NDIS_HANDLE NdisBindingHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisIMAssociateMiniport(_In_ NDIS_HANDLE DriverHandle, _In_ NDIS_HANDLE ProtocolHandle);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_MINIPORT_H */
