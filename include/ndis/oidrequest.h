/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/oidrequest.h>: what the three NDIS 6 roles share (ndis.h):
 * NDIS_OID_REQUEST, NDIS_STATUS_INDICATION, the PnP and power events
 * (NET_PNP_EVENT_NOTIFICATION, NET_DEVICE_PNP_EVENT), restart attributes,
 * SET_OPTIONS, OID-request cloning and NdisRegisterDeviceEx, with the WDK's
 * names, layouts and prototypes. The functions are provided by the driver
 * host; without it they are unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_OIDREQUEST_H
#define UNDIS_NDIS_OIDREQUEST_H

#include "version.h"
#include "undis_assert.h"
#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "rtlstring.h"
#include "wdmio.h"
#include "ntddndis.h"

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* Capability structures the role parameters point to; undis does not
 * describe them (yet), so they are incomplete types here. */
typedef struct _NDIS_TCP_CONNECTION_OFFLOAD *PNDIS_TCP_CONNECTION_OFFLOAD;
typedef struct _NDIS_HD_SPLIT_CURRENT_CONFIG *PNDIS_HD_SPLIT_CURRENT_CONFIG;
typedef struct _NDIS_RECEIVE_FILTER_CAPABILITIES *PNDIS_RECEIVE_FILTER_CAPABILITIES;
typedef struct _NDIS_NIC_SWITCH_CAPABILITIES *PNDIS_NIC_SWITCH_CAPABILITIES;
typedef struct _NDIS_SRIOV_CAPABILITIES *PNDIS_SRIOV_CAPABILITIES;
typedef struct _NDIS_NIC_SWITCH_INFO_ARRAY *PNDIS_NIC_SWITCH_INFO_ARRAY;

/* ---- OID requests -------------------------------------------------------- */

#define NDIS_OID_REQUEST_NDIS_RESERVED_SIZE 16
#define NDIS_OID_REQUEST_REVISION_1         1
#if NDIS_SUPPORT_NDIS650
#    define NDIS_OID_REQUEST_REVISION_2 2
#endif
#define NDIS_OID_REQUEST_TIMEOUT_INFINITE     0
#define NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID 0x0001

typedef ULONG NDIS_NIC_SWITCH_VPORT_ID, *PNDIS_NIC_SWITCH_VPORT_ID;

/* NDIS_OID_REQUEST: one query, set or method request on an OID. DATA holds
 * the view RequestType selects. */
typedef struct _NDIS_OID_REQUEST {
    NDIS_OBJECT_HEADER Header;
    NDIS_REQUEST_TYPE RequestType;
    NDIS_PORT_NUMBER PortNumber;
    UINT Timeout;
    PVOID RequestId;
    NDIS_HANDLE RequestHandle;
    union _REQUEST_DATA {
        struct _QUERY {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesWritten;
            UINT BytesNeeded;
        } QUERY_INFORMATION;
        struct _SET {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesRead;
            UINT BytesNeeded;
        } SET_INFORMATION;
        struct _METHOD {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            ULONG InputBufferLength;
            ULONG OutputBufferLength;
            ULONG MethodId;
            UINT BytesWritten;
            UINT BytesRead;
            UINT BytesNeeded;
        } METHOD_INFORMATION;
    } DATA;
    UCHAR NdisReserved[NDIS_OID_REQUEST_NDIS_RESERVED_SIZE * sizeof(PVOID)];
    UCHAR MiniportReserved[2 * sizeof(PVOID)];
    UCHAR SourceReserved[2 * sizeof(PVOID)];
    UCHAR SupportedRevision;
    UCHAR Reserved1;
    USHORT Reserved2;
#if NDIS_SUPPORT_NDIS650
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
#endif
#if NDIS_SUPPORT_NDIS660
    ULONG Flags;
#endif
} NDIS_OID_REQUEST, *PNDIS_OID_REQUEST;

#define NDIS_SIZEOF_OID_REQUEST_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Reserved2)
#if NDIS_SUPPORT_NDIS650
#    define NDIS_SIZEOF_OID_REQUEST_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, VPortId)
#endif

/* ---- status indications ------------------------------------------------------ */

#define NDIS_STATUS_INDICATION_REVISION_1                     1
#define NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT 0x1
#define NDIS_STATUS_INDICATION_FLAGS_NDIS_RESERVED            0xFFF

typedef struct _NDIS_STATUS_INDICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE SourceHandle;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_STATUS StatusCode;
    ULONG Flags;
    NDIS_HANDLE DestinationHandle;
    PVOID RequestId;
    PVOID StatusBuffer;
    ULONG StatusBufferSize;
    GUID Guid;
    PVOID NdisReserved[4];
} NDIS_STATUS_INDICATION, *PNDIS_STATUS_INDICATION;

#define NDIS_SIZEOF_STATUS_INDICATION_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_STATUS_INDICATION, NdisReserved)

/* ---- PnP and power events --------------------------------------------------- */

typedef enum _NET_DEVICE_POWER_STATE {
    NetDeviceStateUnspecified = 0,
    NetDeviceStateD0,
    NetDeviceStateD1,
    NetDeviceStateD2,
    NetDeviceStateD3,
    NetDeviceStateMaximum
} NET_DEVICE_POWER_STATE,
    *PNET_DEVICE_POWER_STATE;

typedef enum _NET_PNP_EVENT_CODE {
    NetEventSetPower,
    NetEventQueryPower,
    NetEventQueryRemoveDevice,
    NetEventCancelRemoveDevice,
    NetEventReconfigure,
    NetEventBindList,
    NetEventBindsComplete,
    NetEventPnPCapabilities,
    NetEventPause,
    NetEventRestart,
    NetEventPortActivation,
    NetEventPortDeactivation,
    NetEventIMReEnableDevice,
    NetEventNDKEnable,
    NetEventNDKDisable,
    NetEventFilterPreDetach,
    NetEventBindFailed,
    NetEventSwitchActivate,
    NetEventAllowBindsAbove,
    NetEventInhibitBindsAbove,
    NetEventAllowStart,
    NetEventRequirePause,
    NetEventUploadGftFlowEntries,
    NetEventMaximum
} NET_PNP_EVENT_CODE,
    *PNET_PNP_EVENT_CODE;

typedef struct _NET_PNP_EVENT {
    NET_PNP_EVENT_CODE NetEvent;
    PVOID Buffer;
    ULONG BufferLength;
    ULONG_PTR NdisReserved[4];
    ULONG_PTR TransportReserved[4];
    ULONG_PTR TdiReserved[4];
    ULONG_PTR TdiClientReserved[4];
} NET_PNP_EVENT, *PNET_PNP_EVENT;

#define NET_PNP_EVENT_NOTIFICATION_REVISION_1 1

typedef struct _NET_PNP_EVENT_NOTIFICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NET_PNP_EVENT NetPnPEvent;
} NET_PNP_EVENT_NOTIFICATION, *PNET_PNP_EVENT_NOTIFICATION;

#define NDIS_SIZEOF_NET_PNP_EVENT_NOTIFICATION_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NET_PNP_EVENT_NOTIFICATION, NetPnPEvent)

typedef enum _NDIS_DEVICE_PNP_EVENT {
    NdisDevicePnPEventQueryRemoved,
    NdisDevicePnPEventRemoved,
    NdisDevicePnPEventSurpriseRemoved,
    NdisDevicePnPEventQueryStopped,
    NdisDevicePnPEventStopped,
    NdisDevicePnPEventPowerProfileChanged,
    NdisDevicePnPEventFilterListChanged,
    NdisDevicePnPEventMaximum
} NDIS_DEVICE_PNP_EVENT,
    *PNDIS_DEVICE_PNP_EVENT;

#define NET_DEVICE_PNP_EVENT_REVISION_1 1

typedef struct _NET_DEVICE_PNP_EVENT {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_DEVICE_PNP_EVENT DevicePnPEvent;
    PVOID InformationBuffer;
    ULONG InformationBufferLength;
    UCHAR NdisReserved[2 * sizeof(PVOID)];
} NET_DEVICE_PNP_EVENT, *PNET_DEVICE_PNP_EVENT;

#define NDIS_POWER_PROFILE_BATTERY  0
#define NDIS_POWER_PROFILE_ACONLINE 1

/* ---- restart attributes, shared by miniports and filters ------------------ */

typedef struct _NDIS_RESTART_ATTRIBUTES NDIS_RESTART_ATTRIBUTES, *PNDIS_RESTART_ATTRIBUTES;
struct _NDIS_RESTART_ATTRIBUTES {
    PNDIS_RESTART_ATTRIBUTES Next;
    NDIS_OID Oid;
    ULONG DataLength;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR Data[1];
};

#define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_1 1
#if NDIS_SUPPORT_NDIS620
#    define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_2 2
#endif

typedef struct _NDIS_RESTART_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG LookaheadSize;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    ULONG Flags;
    NET_IF_CONNECTION_TYPE ConnectionType;
    ULONG SupportedStatistics;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
#if NDIS_SUPPORT_NDIS620
    ULONG MaxLookAhead;
#endif
} NDIS_RESTART_GENERAL_ATTRIBUTES, *PNDIS_RESTART_GENERAL_ATTRIBUTES;

/* ---- SetOptions, shared by the three roles ------------------------------------ */

typedef _IRQL_requires_(PASSIVE_LEVEL) _Function_class_(SET_OPTIONS) NDIS_STATUS
    SET_OPTIONS(_In_ NDIS_HANDLE NdisDriverHandle, _In_ NDIS_HANDLE DriverContext);
typedef SET_OPTIONS(*SET_OPTIONS_HANDLER);

typedef SET_OPTIONS MINIPORT_SET_OPTIONS;
typedef SET_OPTIONS PROTOCOL_SET_OPTIONS;
typedef SET_OPTIONS FILTER_SET_OPTIONS;

/* ---- OID request cloning, device objects ---------------------------------- */

_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisAllocateCloneOidRequest(_In_ NDIS_HANDLE SourceHandle,
                                _In_ PNDIS_OID_REQUEST OidRequest,
                                _In_ UINT PoolTag,
                                _Out_ PNDIS_OID_REQUEST *CloneOidRequest);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisFreeCloneOidRequest(_In_ NDIS_HANDLE SourceHandle, _In_ PNDIS_OID_REQUEST Request);

#define NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 1

typedef struct _NDIS_DEVICE_OBJECT_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING DeviceName;
    PNDIS_STRING SymbolicName;
    PDRIVER_DISPATCH *MajorFunctions;
    ULONG ExtensionSize;
    PCUNICODE_STRING DefaultSDDLString;
    LPCGUID DeviceClassGuid;
} NDIS_DEVICE_OBJECT_ATTRIBUTES, *PNDIS_DEVICE_OBJECT_ATTRIBUTES;

#define NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)

_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisRegisterDeviceEx(_In_ NDIS_HANDLE NdisObjectHandle,
                         _In_ PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes,
                         _Out_ PDEVICE_OBJECT *pDeviceObject,
                         _Out_ PNDIS_HANDLE NdisDeviceHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID NdisDeregisterDeviceEx(_In_ NDIS_HANDLE NdisDeviceHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) PVOID
    NdisGetDeviceReservedExtension(_In_ PDEVICE_OBJECT DeviceObject);

/* ---- error log, version, routine lookup ------------------------------------- */

typedef ULONG NDIS_ERROR_CODE, *PNDIS_ERROR_CODE;

#define NDIS_ERROR_CODE_RESOURCE_CONFLICT               ((NDIS_ERROR_CODE)0xC0001388L)
#define NDIS_ERROR_CODE_OUT_OF_RESOURCES                ((NDIS_ERROR_CODE)0xC0001389L)
#define NDIS_ERROR_CODE_HARDWARE_FAILURE                ((NDIS_ERROR_CODE)0xC000138AL)
#define NDIS_ERROR_CODE_ADAPTER_NOT_FOUND               ((NDIS_ERROR_CODE)0xC000138BL)
#define NDIS_ERROR_CODE_INTERRUPT_CONNECT               ((NDIS_ERROR_CODE)0xC000138CL)
#define NDIS_ERROR_CODE_DRIVER_FAILURE                  ((NDIS_ERROR_CODE)0xC000138DL)
#define NDIS_ERROR_CODE_BAD_VERSION                     ((NDIS_ERROR_CODE)0xC000138EL)
#define NDIS_ERROR_CODE_TIMEOUT                         ((NDIS_ERROR_CODE)0x8000138FL)
#define NDIS_ERROR_CODE_NETWORK_ADDRESS                 ((NDIS_ERROR_CODE)0xC0001390L)
#define NDIS_ERROR_CODE_UNSUPPORTED_CONFIGURATION       ((NDIS_ERROR_CODE)0xC0001391L)
#define NDIS_ERROR_CODE_INVALID_VALUE_FROM_ADAPTER      ((NDIS_ERROR_CODE)0xC0001392L)
#define NDIS_ERROR_CODE_MISSING_CONFIGURATION_PARAMETER ((NDIS_ERROR_CODE)0xC0001393L)
#define NDIS_ERROR_CODE_BAD_IO_BASE_ADDRESS             ((NDIS_ERROR_CODE)0xC0001394L)
#define NDIS_ERROR_CODE_RECEIVE_SPACE_SMALL             ((NDIS_ERROR_CODE)0x40001395L)
#define NDIS_ERROR_CODE_ADAPTER_DISABLED                ((NDIS_ERROR_CODE)0x80001396L)

/* Records an event-log entry for the adapter: ErrorCode and NumberOfErrorValues
 * ULONG values follow. */
VOID NdisWriteErrorLogEntry(_In_ NDIS_HANDLE NdisAdapterHandle,
                            _In_ NDIS_ERROR_CODE ErrorCode,
                            _In_ ULONG NumberOfErrorValues,
                            ...);
UINT NdisGetVersion(VOID);
PVOID NdisGetRoutineAddress(_In_ PNDIS_STRING NdisRoutineName);
VOID NdisGetCurrentProcessorCpuUsage(_Out_ PULONG pCpuUsage);

/* Context-type declarations for static analysis; here they only have to
 * stand where drivers put them (file scope, followed by a semicolon). */
#define NDIS_DECLARE_MINIPORT_DRIVER_CONTEXT(_Type_)  UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_MINIPORT_ADAPTER_CONTEXT(_Type_) UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_FILTER_DRIVER_CONTEXT(_Type_)    UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_FILTER_MODULE_CONTEXT(_Type_)    UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_PROTOCOL_DRIVER_CONTEXT(_Type_)  UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_PROTOCOL_BINDING_CONTEXT(_Type_) UNDIS_C_ASSERT(1)
#define NDIS_DECLARE_PROTOCOL_OPEN_CONTEXT(_Type_)    UNDIS_C_ASSERT(1)

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_OIDREQUEST_H */
