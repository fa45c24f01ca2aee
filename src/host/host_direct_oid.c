/* SPDX-License-Identifier: MIT */
/*
 * host_direct_oid.c: direct OID requests (NDIS 6.1), routed through the
 * stack as ordinary OIDs are (host_stack.c, undis__host_oid_from) but by
 * the direct handlers: undis_host_direct_oid (undis's protocol) and a
 * filter's NdisFDirectOidRequest go down to the nearest filter below with a
 * FilterDirectOidRequest (a filter without one is bypassed, as NDIS does:
 * its characteristics before revision 2 have none), else to the driver's
 * MiniportDirectOidRequest (NDIS_STATUS_NOT_SUPPORTED when the miniport
 * registered none) or undis's miniport, which answers them as ordinary
 * OIDs. The module that took a request completes it once
 * (NdisFDirectOidRequestComplete, NdisMDirectOidRequestComplete) to the
 * position that issued it: FilterDirectOidRequestComplete, or undis's
 * protocol. A second completion, or a completion followed by a status
 * other than NDIS_STATUS_PENDING from the handler, is
 * HOST_OID_COMPLETED_TWICE. Each module has one direct slot: a module is
 * given one direct request at a time.
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

#define HOST_DIRECT_WAIT_MS 1000u

/* The handler the request reaches at position to (a filter's, the
 * miniport driver's); NULL for undis's miniport. */
static NDIS_STATUS
call_direct(struct undis_host *host,
            int to,
            struct host_oid_slot *slot,
            int from,
            PNDIS_OID_REQUEST request)
{
    struct host_module *m = undis__host_module_at(host, to);
    NDIS_STATUS status;
    BOOLEAN twice;
    undis__spin_lock(&slot->lock);
    slot->pending = request;
    slot->from = from;
    slot->done = 0;
    undis__spin_unlock(&slot->lock);
    status = m != NULL
                 ? m->chars->DirectOidRequestHandler(m->context, request)
                 : host->adapter.chars->DirectOidRequestHandler(host->adapter.context, request);
    if (status == NDIS_STATUS_PENDING) {
        return status;
    }
    undis__spin_lock(&slot->lock);
    twice = slot->done != 0;
    slot->pending = NULL;
    undis__spin_unlock(&slot->lock);
    if (twice) {
        undis__host_report(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE,
                           m != NULL ? "FilterDirectOidRequest" : "MiniportDirectOidRequest", NULL,
                           "%s: the direct OID handler returned 0x%08lx after completing the "
                           "request with %s",
                           undis__host_name_at(host, to), (unsigned long)status,
                           m != NULL ? "NdisFDirectOidRequestComplete"
                                     : "NdisMDirectOidRequestComplete");
    }
    return status;
}

NDIS_STATUS
undis__host_direct_oid_from(struct undis_host *host, int from, PNDIS_OID_REQUEST request)
{
    int bottom = undis__host_bottom(host);
    int to = from + 1;
    struct host_counts *c;
    while (to < bottom && host->modules[to - 1].chars->DirectOidRequestHandler == NULL) {
        to++;
    }
    c = undis__host_counts_at(host, to);
    if (c != NULL) {
        undis__host_count(&c->direct_oids, 1);
    }
    if (to < bottom) {
        return call_direct(host, to, &host->modules[to - 1].direct, from, request);
    }
    if (host->miniport_driver == NULL) {
        return undis__host_miniport_oid(host, request); /* counts miniport_oids */
    }
    undis__host_count(&host->miniport_oids, 1);
    if (host->adapter.chars->DirectOidRequestHandler == NULL) {
        return NDIS_STATUS_NOT_SUPPORTED; /* a miniport before NDIS 6.1, or without them */
    }
    return call_direct(host, to, &host->adapter.direct, from, request);
}

/* A module (pos) completes the direct request it pended: to the position
 * that issued it, once. */
static void
direct_complete(struct undis_host *host,
                int pos,
                struct host_oid_slot *slot,
                PNDIS_OID_REQUEST request,
                NDIS_STATUS status,
                const char *function)
{
    BOOLEAN pending;
    int from = UNDIS_HOST_TOP;
    struct host_module *up;
    undis__spin_lock(&slot->lock);
    pending = slot->pending == request && request != NULL && !slot->done;
    if (pending) {
        slot->done = 1;
        from = slot->from;
    }
    undis__spin_unlock(&slot->lock);
    if (!pending) {
        undis__host_report(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE, function, NULL,
                           "%s: direct OID request %p is not pending in the %s (completed "
                           "twice, or never given to it)",
                           undis__host_name_at(host, pos), (void *)request,
                           pos == undis__host_bottom(host) ? "miniport" : "filter");
        return;
    }
    up = undis__host_module_at(host, from);
    if (up == NULL) {
        host->direct_status = status;
        undis__atomic_store_release_int(&host->direct_done, 1);
    } else if (up->chars->DirectOidRequestCompleteHandler != NULL) {
        up->chars->DirectOidRequestCompleteHandler(up->context, request, status);
    }
}

NDIS_STATUS
NdisFDirectOidRequest(NDIS_HANDLE NdisFilterHandle, PNDIS_OID_REQUEST OidRequest)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL || OidRequest == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    return undis__host_direct_oid_from(m->handle.host, m->pos, OidRequest);
}

VOID
NdisFDirectOidRequestComplete(NDIS_HANDLE NdisFilterHandle,
                              PNDIS_OID_REQUEST OidRequest,
                              NDIS_STATUS Status)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    direct_complete(m->handle.host, m->pos, &m->direct, OidRequest, Status, __func__);
}

VOID
NdisMDirectOidRequestComplete(NDIS_HANDLE MiniportAdapterHandle,
                              PNDIS_OID_REQUEST OidRequest,
                              NDIS_STATUS Status)
{
    struct undis_host *host =
        undis__host_of(MiniportAdapterHandle, UNDIS_HOST_MAGIC_ADAPTER, __func__);
    if (host == NULL) {
        return;
    }
    direct_complete(host, undis__host_bottom(host), &host->adapter.direct, OidRequest, Status,
                    __func__);
}

NDIS_STATUS
undis_host_direct_oid(undis_host *host,
                      NDIS_REQUEST_TYPE type,
                      NDIS_OID oid,
                      PVOID buffer,
                      ULONG length,
                      ULONG *bytes)
{
    NDIS_OID_REQUEST r;
    NDIS_STATUS status;
    int state;
    if (host == NULL || (type != NdisRequestQueryInformation && type != NdisRequestSetInformation &&
                         type != NdisRequestQueryStatistics)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    state = undis__atomic_load_acquire_int(&host->state);
    if (state == UNDIS_HOST_DETACHED || state == UNDIS_HOST_ATTACHING ||
        undis__host_protocol_registered(host)) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    undis__host_oid_init(&r, type, oid, buffer, length);
    undis__host_count(&host->direct_oids, 1);
    host->direct_done = 0;
    status = undis__host_direct_oid_from(host, UNDIS_HOST_TOP, &r);
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&host->direct_done, HOST_DIRECT_WAIT_MS)) {
            fprintf(stderr,
                    "undis host: direct OID 0x%08lx pended and was not completed within %u ms\n",
                    (unsigned long)oid, HOST_DIRECT_WAIT_MS);
            status = NDIS_STATUS_FAILURE;
        } else {
            status = host->direct_status;
        }
    }
    undis__host_count(&host->direct_oids_completed, 1);
    if (bytes != NULL) {
        *bytes = type == NdisRequestSetInformation ? r.DATA.SET_INFORMATION.BytesRead
                                                   : r.DATA.QUERY_INFORMATION.BytesWritten;
    }
    return status;
}
