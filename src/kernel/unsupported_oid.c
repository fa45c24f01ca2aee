/* SPDX-License-Identifier: MIT */
/*
 * unsupported_oid.c: OID requests and status indications while no driver
 * host routes them (NdisOidRequest is the host's: host_protocol_data.c;
 * NdisMOidRequestComplete and NdisMIndicateStatusEx too: host_miniport.c).
 * NdisDirectOidRequest returns NDIS_STATUS_NOT_SUPPORTED (documented: the
 * request is not supported); NdisCancelOidRequest has no request to
 * reach (NdisMDirectOidRequestComplete is the host's: host_direct_oid.c): a
 * request the driver sent was already failed
 * synchronously, so no completion is awaited. Report and do nothing.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisDirectOidRequest(NDIS_HANDLE NdisBindingHandle, PNDIS_OID_REQUEST OidRequest)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    UNREFERENCED_PARAMETER(OidRequest);
    undis__report_unsupported("NdisDirectOidRequest");
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
NdisCancelOidRequest(NDIS_HANDLE NdisBindingHandle, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(NdisBindingHandle);
    UNREFERENCED_PARAMETER(RequestId);
    undis__report_unsupported("NdisCancelOidRequest");
}
