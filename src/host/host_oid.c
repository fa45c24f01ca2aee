/* SPDX-License-Identifier: MIT */
/*
 * host_oid.c: OID requests and status indications. undis's protocol issues
 * a request (undis_host_oid) to FilterOidRequest; the filter passes it (or a
 * clone, NdisAllocateCloneOidRequest) down with NdisFOidRequest to undis's
 * miniport, which answers as a real Ethernet miniport does; the filter
 * completes the protocol's request by its handler's status or, after
 * NDIS_STATUS_PENDING, by NdisFOidRequestComplete -- exactly once. Link
 * state goes up with NdisFIndicateStatus.
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

#define HOST_OID_WAIT_MS 1000u

static NDIS_STATUS
answer(PNDIS_OID_REQUEST r, const void *data, ULONG size)
{
    if (r->DATA.QUERY_INFORMATION.InformationBufferLength < size) {
        r->DATA.QUERY_INFORMATION.BytesNeeded = size;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    memcpy(r->DATA.QUERY_INFORMATION.InformationBuffer, data, size);
    r->DATA.QUERY_INFORMATION.BytesWritten = size;
    return NDIS_STATUS_SUCCESS;
}

static void
fill_link(const struct undis_host *host, NDIS_LINK_STATE *s)
{
    memset(s, 0, sizeof(*s));
    s->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    s->Header.Revision = NDIS_LINK_STATE_REVISION_1;
    s->Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    s->MediaConnectState =
        host->link_up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    s->MediaDuplexState = MediaDuplexStateFull;
    s->XmitLinkSpeed = host->link_up ? 1000000000ull : 0;
    s->RcvLinkSpeed = s->XmitLinkSpeed;
    s->PauseFunctions = NdisPauseFunctionsUnsupported;
}

static void
fill_statistics(struct undis_host *host, NDIS_STATISTICS_INFO *s)
{
    memset(s, 0, sizeof(*s));
    s->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    s->Header.Revision = NDIS_STATISTICS_INFO_REVISION_1;
    s->Header.Size = NDIS_SIZEOF_STATISTICS_INFO_REVISION_1;
    s->SupportedStatistics = NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV |
                             NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT |
                             NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV |
                             NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT;
    s->ifHCInOctets = undis__atomic_load_u64(&host->recv_bytes);
    s->ifHCInUcastPkts = undis__atomic_load_u64(&host->recv_nbls);
    s->ifHCOutOctets = undis__atomic_load_u64(&host->wire_out_bytes);
    s->ifHCOutUcastPkts = undis__atomic_load_u64(&host->wire_out_nbls);
}

static NDIS_STATUS
query(struct undis_host *host, PNDIS_OID_REQUEST r)
{
    NDIS_LINK_STATE link;
    NDIS_STATISTICS_INFO stats;
    ULONG frame = host->mtu;
    switch (r->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        return answer(r, &host->packet_filter, sizeof(ULONG));
    case OID_802_3_CURRENT_ADDRESS:
    case OID_802_3_PERMANENT_ADDRESS:
        return answer(r, host->mac, sizeof(host->mac));
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        return answer(r, &frame, sizeof(frame));
    case OID_GEN_LINK_STATE:
        fill_link(host, &link);
        return answer(r, &link, sizeof(link));
    case OID_GEN_STATISTICS:
        fill_statistics(host, &stats);
        return answer(r, &stats, sizeof(stats));
    default:
        return NDIS_STATUS_INVALID_OID;
    }
}

static NDIS_STATUS
set(struct undis_host *host, PNDIS_OID_REQUEST r)
{
    if (r->DATA.SET_INFORMATION.Oid != OID_GEN_CURRENT_PACKET_FILTER) {
        return NDIS_STATUS_INVALID_OID;
    }
    if (r->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        r->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_INVALID_LENGTH;
    }
    memcpy(&host->packet_filter, r->DATA.SET_INFORMATION.InformationBuffer, sizeof(ULONG));
    r->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis__host_miniport_oid(struct undis_host *host, PNDIS_OID_REQUEST request)
{
    undis__host_count(&host->miniport_oids, 1);
    switch (request->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return query(host, request);
    case NdisRequestSetInformation:
        return set(host, request);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
NdisFOidRequest(NDIS_HANDLE NdisFilterHandle, PNDIS_OID_REQUEST OidRequest)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL || OidRequest == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    return undis__host_oid_from(m->handle.host, m->pos, OidRequest);
}

VOID
NdisFOidRequestComplete(NDIS_HANDLE NdisFilterHandle,
                        PNDIS_OID_REQUEST OidRequest,
                        NDIS_STATUS Status)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    undis__host_oid_complete(m->handle.host, m->pos, &m->oid, OidRequest, Status, __func__);
}

void
undis__host_oid_init(
    NDIS_OID_REQUEST *r, NDIS_REQUEST_TYPE type, NDIS_OID oid, PVOID buffer, ULONG length)
{
    memset(r, 0, sizeof(*r));
    r->Header.Type = NDIS_OBJECT_TYPE_OID_REQUEST;
    r->Header.Revision = NDIS_OID_REQUEST_REVISION_1;
    r->Header.Size = NDIS_SIZEOF_OID_REQUEST_REVISION_1;
    r->RequestType = type;
    r->PortNumber = NDIS_DEFAULT_PORT_NUMBER;
    r->RequestId = (PVOID)(uintptr_t)oid;
    r->DATA.QUERY_INFORMATION.Oid = oid;
    r->DATA.QUERY_INFORMATION.InformationBuffer = buffer;
    r->DATA.QUERY_INFORMATION.InformationBufferLength = length;
}

NDIS_STATUS
undis_host_oid(undis_host *host,
               NDIS_REQUEST_TYPE type,
               NDIS_OID oid,
               PVOID buffer,
               ULONG length,
               ULONG *bytes)
{
    NDIS_OID_REQUEST r;
    NDIS_STATUS status;
    int state = undis__atomic_load_acquire_int(&host->state);
    if (state == UNDIS_HOST_DETACHED || state == UNDIS_HOST_ATTACHING) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    undis__host_oid_init(&r, type, oid, buffer, length);
    undis__host_count(&host->oids, 1);
    host->oid_done = 0;
    host->oid_request = &r;
    status = undis__host_oid_from(host, UNDIS_HOST_TOP, &r);
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&host->oid_done, HOST_OID_WAIT_MS)) {
            fprintf(stderr,
                    "undis host: %s: OID 0x%08lx pended and was not completed within "
                    "%u ms\n",
                    undis__host_name_at(host, 1), (unsigned long)oid, HOST_OID_WAIT_MS);
            status = NDIS_STATUS_FAILURE;
        } else {
            status = host->oid_status;
        }
    }
    host->oid_request = NULL;
    undis__host_count(&host->oids_completed, 1);
    if (bytes != NULL) {
        *bytes = type == NdisRequestSetInformation ? r.DATA.SET_INFORMATION.BytesRead
                                                   : r.DATA.QUERY_INFORMATION.BytesWritten;
    }
    return status;
}

NDIS_STATUS
NdisAllocateCloneOidRequest(NDIS_HANDLE SourceHandle,
                            PNDIS_OID_REQUEST OidRequest,
                            UINT PoolTag,
                            PNDIS_OID_REQUEST *CloneOidRequest)
{
    PNDIS_OID_REQUEST clone;
    (void)SourceHandle;
    if (OidRequest == NULL || CloneOidRequest == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    *CloneOidRequest = NULL;
    clone = (PNDIS_OID_REQUEST)NdisAllocateMemoryWithTagPriority(NULL, sizeof(*clone), PoolTag,
                                                                 NormalPoolPriority);
    if (clone == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    memcpy(clone, OidRequest, sizeof(*clone));
    memset(clone->NdisReserved, 0, sizeof(clone->NdisReserved));
    memset(clone->SourceReserved, 0, sizeof(clone->SourceReserved));
    memset(clone->MiniportReserved, 0, sizeof(clone->MiniportReserved));
    *CloneOidRequest = clone;
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisFreeCloneOidRequest(NDIS_HANDLE SourceHandle, PNDIS_OID_REQUEST Request)
{
    (void)SourceHandle;
    if (Request != NULL) {
        NdisFreeMemory(Request, sizeof(*Request), 0);
    }
}

/* ---- status ---------------------------------------------------------------- */

void
undis__host_own_protocol_status(struct undis_host *host, PNDIS_STATUS_INDICATION s)
{
    undis__host_count(&host->status_indications, 1);
    if (host->status_fn != NULL && s != NULL) {
        host->status_fn(host->status_context, s->StatusCode, s->StatusBuffer, s->StatusBufferSize);
    }
}

void
undis_host_set_status(undis_host *host, undis_host_status_fn *fn, void *context)
{
    host->status_fn = fn;
    host->status_context = context;
}

void
undis_host_indicate_link(undis_host *host, BOOLEAN connected)
{
    NDIS_STATUS_INDICATION s;
    NDIS_LINK_STATE link;
    if (host->miniport_driver != NULL) {
        return; /* the driver's miniport says its link state itself */
    }
    undis__atomic_store_release_int(&host->link_up, connected ? 1 : 0);
    fill_link(host, &link);
    memset(&s, 0, sizeof(s));
    s.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    s.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    s.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    s.SourceHandle = (NDIS_HANDLE)host;
    s.StatusCode = NDIS_STATUS_LINK_STATE;
    s.StatusBuffer = &link;
    s.StatusBufferSize = (ULONG)sizeof(link);
    if (host->state == UNDIS_HOST_DETACHED) {
        undis__host_top_status(host, &s);
    } else {
        undis__host_status_from(host, undis__host_bottom(host), &s);
    }
}

VOID
NdisFIndicateStatus(NDIS_HANDLE NdisFilterHandle, PNDIS_STATUS_INDICATION StatusIndication)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL || StatusIndication == NULL) {
        return;
    }
    undis__host_status_from(m->handle.host, m->pos, StatusIndication);
}
