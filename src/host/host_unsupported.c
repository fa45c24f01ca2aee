/* SPDX-License-Identifier: MIT */
/*
 * host_unsupported.c: the filter calls the host does not give behaviour yet
 * (docs/host.md, "not done yet"): PnP events and cancellation (direct OID
 * requests are host_direct_oid.c's). Each reports
 * NOT_SUPPORTED_IN_USER_MODE once per process (base/report.h) naming
 * itself, then fails the way its documentation allows:
 * - NdisFNetPnPEvent: NDIS_STATUS_NOT_SUPPORTED, the
 *   status an underlying driver gives an event or request it does not take.
 * - NdisFCancelOidRequest, NdisFCancelDirectOidRequest: a cancel is only a
 *   hint; a request the host does not pend has nothing to cancel.
 *   (NdisFCancelSendNetBufferLists is the host's: host_miniport.c.)
 * - NdisFDevicePnPEventNotify: the notification is advisory; dropping it
 *   changes nothing in the host's stack.
 */
#include "host/host_internal.h"

#include "base/report.h"

VOID
NdisFCancelOidRequest(NDIS_HANDLE NdisFilterHandle, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(RequestId);
    undis__report_unsupported("NdisFCancelOidRequest");
}

NDIS_STATUS
NdisFNetPnPEvent(NDIS_HANDLE NdisFilterHandle, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(NetPnPEventNotification);
    undis__report_unsupported("NdisFNetPnPEvent");
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
NdisFDevicePnPEventNotify(NDIS_HANDLE NdisFilterHandle, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
    undis__report_unsupported("NdisFDevicePnPEventNotify");
}

VOID
NdisFCancelDirectOidRequest(NDIS_HANDLE NdisFilterHandle, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(RequestId);
    undis__report_unsupported("NdisFCancelDirectOidRequest");
}
