/* SPDX-License-Identifier: MIT */
/*
 * unsupported_protocol.c: the protocol and intermediate-driver calls
 * (<ndis/protocol.h>, NdisIM*) the driver host does not give behaviour (the
 * protocol role's registration, opens, closes and completions are the
 * host's: src/host/host_protocol.c). NdisUnbindAdapter and device instances
 * fail with NDIS_STATUS_FAILURE and clear their out-parameters;
 * NdisIMGetBindingContext returns NULL; NdisReEnumerateProtocolBindings and
 * NdisIMAssociateMiniport have nothing to act on: report and do nothing.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

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
