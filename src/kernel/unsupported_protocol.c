/* SPDX-License-Identifier: MIT */
/*
 * unsupported_protocol.c: protocol and intermediate drivers (<ndis/protocol.h>,
 * NdisIM*) while no driver host gives them real behaviour. Registration,
 * opens and device instances fail with NDIS_STATUS_FAILURE and clear their
 * out-parameters; NdisIMGetBindingContext returns NULL. The VOID completions
 * (NdisCompleteBindAdapterEx, NdisCompleteUnbindAdapterEx,
 * NdisCompleteNetPnPEvent) answer a call only a host makes, and
 * NdisDeregisterProtocolDriver, NdisReEnumerateProtocolBindings and
 * NdisIMAssociateMiniport have nothing to act on: report and do nothing.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisRegisterProtocolDriver(NDIS_HANDLE ProtocolDriverContext,
                           PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS ProtocolCharacteristics,
                           PNDIS_HANDLE NdisProtocolHandle)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(ProtocolCharacteristics);
    undis__report_unsupported("NdisRegisterProtocolDriver");
    *NdisProtocolHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisDeregisterProtocolDriver(NDIS_HANDLE NdisProtocolHandle)
{
    UNREFERENCED_PARAMETER(NdisProtocolHandle);
    undis__report_unsupported("NdisDeregisterProtocolDriver");
}

NDIS_STATUS
NdisOpenAdapterEx(NDIS_HANDLE NdisProtocolHandle,
                  NDIS_HANDLE ProtocolBindingContext,
                  PNDIS_OPEN_PARAMETERS OpenParameters,
                  NDIS_HANDLE BindContext,
                  PNDIS_HANDLE NdisBindingHandle)
{
    UNREFERENCED_PARAMETER(NdisProtocolHandle);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(OpenParameters);
    UNREFERENCED_PARAMETER(BindContext);
    undis__report_unsupported("NdisOpenAdapterEx");
    *NdisBindingHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisCompleteBindAdapterEx(NDIS_HANDLE BindAdapterContext, NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(BindAdapterContext);
    UNREFERENCED_PARAMETER(Status);
    undis__report_unsupported("NdisCompleteBindAdapterEx");
}

NDIS_STATUS
NdisCloseAdapterEx(NDIS_HANDLE NdisBindingHandle)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    undis__report_unsupported("NdisCloseAdapterEx");
    return NDIS_STATUS_FAILURE;
}

VOID
NdisCompleteUnbindAdapterEx(NDIS_HANDLE UnbindContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    undis__report_unsupported("NdisCompleteUnbindAdapterEx");
}

VOID
NdisCompleteNetPnPEvent(NDIS_HANDLE NdisBindingHandle,
                        PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification,
                        NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    UNREFERENCED_PARAMETER(NetPnPEventNotification);
    UNREFERENCED_PARAMETER(Status);
    undis__report_unsupported("NdisCompleteNetPnPEvent");
}

NDIS_STATUS
NdisUnbindAdapter(NDIS_HANDLE NdisBindingHandle)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    undis__report_unsupported("NdisUnbindAdapter");
    return NDIS_STATUS_FAILURE;
}

VOID
NdisReEnumerateProtocolBindings(NDIS_HANDLE NdisProtocolHandle)
{
    UNREFERENCED_PARAMETER(NdisProtocolHandle);
    undis__report_unsupported("NdisReEnumerateProtocolBindings");
}

NDIS_STATUS
NdisIMInitializeDeviceInstanceEx(NDIS_HANDLE DriverHandle,
                                 PNDIS_STRING DriverInstance,
                                 NDIS_HANDLE DeviceContext)
{
    UNREFERENCED_PARAMETER(DriverHandle);
    UNREFERENCED_PARAMETER(DriverInstance);
    UNREFERENCED_PARAMETER(DeviceContext);
    undis__report_unsupported("NdisIMInitializeDeviceInstanceEx");
    return NDIS_STATUS_FAILURE;
}

NDIS_STATUS
NdisIMCancelInitializeDeviceInstance(NDIS_HANDLE DriverHandle, PNDIS_STRING DeviceInstance)
{
    UNREFERENCED_PARAMETER(DriverHandle);
    UNREFERENCED_PARAMETER(DeviceInstance);
    undis__report_unsupported("NdisIMCancelInitializeDeviceInstance");
    return NDIS_STATUS_FAILURE;
}

NDIS_STATUS
NdisIMDeInitializeDeviceInstance(NDIS_HANDLE NdisMiniportHandle)
{
    UNREFERENCED_PARAMETER(NdisMiniportHandle);
    undis__report_unsupported("NdisIMDeInitializeDeviceInstance");
    return NDIS_STATUS_FAILURE;
}

NDIS_HANDLE
NdisIMGetBindingContext(NDIS_HANDLE NdisBindingHandle)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    undis__report_unsupported("NdisIMGetBindingContext");
    return NULL;
}

VOID
NdisIMAssociateMiniport(NDIS_HANDLE DriverHandle, NDIS_HANDLE ProtocolHandle)
{
    UNREFERENCED_PARAMETER(DriverHandle);
    UNREFERENCED_PARAMETER(ProtocolHandle);
    undis__report_unsupported("NdisIMAssociateMiniport");
}
