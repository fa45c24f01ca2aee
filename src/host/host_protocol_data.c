/* SPDX-License-Identifier: MIT */
/*
 * host_protocol_data.c: the protocol role's data and control paths. The
 * driver's NdisSendNetBufferLists goes down to undis's miniport (which
 * completes at once) and comes back by its ProtocolSendNetBufferListsComplete;
 * receives reaching the top go to its ProtocolReceiveNetBufferLists and come
 * back by NdisReturnNetBufferLists (never those indicated with
 * NDIS_RECEIVE_FLAGS_RESOURCES); NdisOidRequest is answered by undis's
 * miniport, at once or (UNDIS_HOST_PROTOCOL_PEND_OID) by
 * ProtocolOidRequestComplete from another thread; status indications reach
 * ProtocolStatusEx. The ledger here holds the receives the protocol has.
 */
#include "host/host_protocol.h"

#include <stdio.h>
#include <string.h>

#define PROTO_BATCH 64u /* receives indicated in one call at most */

static ULONG
irql_flag(ULONG flag)
{
    return KeGetCurrentIrql() == DISPATCH_LEVEL ? flag : 0;
}

/* ---- the ledger of receives the protocol holds ------------------------------ */

static size_t
slot_of(PNET_BUFFER_LIST nbl)
{
    uintptr_t v = (uintptr_t)nbl;
    v ^= v >> 17;
    v *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 7) & (PROTO_LEDGER_SIZE - 1);
}

static BOOLEAN
ledger_add(struct host_protocol *p, PNET_BUFFER_LIST nbl, int kind, int from)
{
    size_t i = slot_of(nbl);
    BOOLEAN added = FALSE;
    undis__spin_lock(&p->ledger_lock);
    for (size_t n = 0; n < PROTO_LEDGER_SIZE && !added; n++) {
        struct proto_slot *s = &p->ledger[(i + n) & (PROTO_LEDGER_SIZE - 1)];
        if (s->kind == HOST_NBL_FREE || s->kind == HOST_NBL_GONE) {
            s->nbl = nbl;
            s->kind = kind;
            s->from = from;
            added = TRUE;
        }
    }
    undis__spin_unlock(&p->ledger_lock);
    return added;
}

/* Take nbl out: its kind (HOST_NBL_FREE when the protocol does not hold it). */
static int
ledger_take(struct host_protocol *p, PNET_BUFFER_LIST nbl, int *from)
{
    size_t i = slot_of(nbl);
    int kind = HOST_NBL_FREE;
    undis__spin_lock(&p->ledger_lock);
    for (size_t n = 0; n < PROTO_LEDGER_SIZE; n++) {
        struct proto_slot *s = &p->ledger[(i + n) & (PROTO_LEDGER_SIZE - 1)];
        if (s->kind == HOST_NBL_FREE) {
            break;
        }
        if (s->nbl == nbl && s->kind != HOST_NBL_GONE) {
            kind = s->kind;
            *from = s->from;
            s->kind = HOST_NBL_GONE;
            s->nbl = NULL;
            break;
        }
    }
    undis__spin_unlock(&p->ledger_lock);
    return kind;
}

ULONG
undis__proto_held(struct host_protocol *p, const char *function, const char *what)
{
    char text[400];
    size_t used = 0;
    ULONG count = 0;
    text[0] = '\0';
    undis__spin_lock(&p->ledger_lock);
    for (size_t i = 0; i < PROTO_LEDGER_SIZE; i++) {
        const struct proto_slot *s = &p->ledger[i];
        if (s->kind != HOST_NBL_RECEIVE) {
            continue;
        }
        if (count++ < 4 && used + 40 < sizeof(text)) {
            int n = snprintf(text + used, sizeof(text) - used, " NBL %p;", (void *)s->nbl);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    undis__spin_unlock(&p->ledger_lock);
    if (count > 0 && what != NULL) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_HELD_AT_PAUSE, function, NULL,
                           "%s: %s with %lu receive(s) of undis's miniport still held by the "
                           "protocol (indicated to ProtocolReceiveNetBufferLists, not returned "
                           "with NdisReturnNetBufferLists):%s%s",
                           undis__host_friendly(p->host), what, (unsigned long)count, text,
                           count > 4 ? " ..." : "");
    }
    return count;
}

void
undis__proto_release_held(struct host_protocol *p)
{
    for (size_t i = 0; i < PROTO_LEDGER_SIZE; i++) {
        struct proto_slot *s = &p->ledger[i];
        if (s->kind == HOST_NBL_RECEIVE) {
            PNET_BUFFER_LIST nbl = s->nbl;
            int from = s->from;
            s->kind = HOST_NBL_GONE;
            NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
            undis__host_return_to(p->host, from, nbl, irql_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
        }
    }
    memset(p->ledger, 0, sizeof(p->ledger));
}

/* ---- sends --------------------------------------------------------------------- */

/* One send completion reaching the top: the driver's protocol's, or one of
 * undis's protocol's (undis_host_send in a protocol's host). */
static void
take_completion(struct host_protocol *p, PNET_BUFFER_LIST nbl, ULONG flags)
{
    NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
    if (nbl->SourceHandle == (NDIS_HANDLE)p->host) {
        undis__host_own_protocol_send_complete(p->host, nbl);
        return;
    }
    undis__host_count(&p->host->send_completed, 1);
    undis__host_count(&p->send_completions, 1);
    p->chars.SendNetBufferListsCompleteHandler(p->binding_context, nbl, flags);
}

static void
top_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        take_completion(host->protocol, nbls, flags);
        nbls = next;
    }
}

/* Complete a chain the host refused straight back to the protocol. */
static void
refuse(struct host_protocol *p, PNET_BUFFER_LIST nbls, NDIS_STATUS status)
{
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        NET_BUFFER_LIST_STATUS(nbls) = status;
        take_completion(p, nbls, irql_flag(NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL));
        nbls = next;
    }
}

static BOOLEAN
binding_running(struct host_protocol *p, PNET_BUFFER_LIST nbls)
{
    int state = undis__atomic_load_acquire_int(&p->host->state);
    if (state == UNDIS_HOST_RUNNING && undis__atomic_load_acquire_int(&p->open) == PROTO_OPEN) {
        return TRUE;
    }
    undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_SEND_NOT_RUNNING, "NdisSendNetBufferLists",
                       nbls, "%s: NBL %p sent while the binding is %s",
                       undis__host_friendly(p->host), (void *)nbls,
                       state == UNDIS_HOST_PAUSING      ? "pausing"
                       : state == UNDIS_HOST_PAUSED     ? "paused"
                       : state == UNDIS_HOST_RESTARTING ? "restarting"
                       : state == UNDIS_HOST_RUNNING    ? "closing"
                                                        : "not bound");
    return FALSE;
}

static void
count_sends(struct host_protocol *p, NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        undis__host_count(&p->sends, 1);
        undis__host_count(&p->host->send_nbls, 1);
        undis__host_count(&p->host->send_bytes, undis__host_nbl_bytes(nbl));
        if (nbl->SourceHandle != handle) {
            undis__host_report(
                p->host, UNDIS_RULE_HOST_PROTOCOL_SOURCE_HANDLE, "NdisSendNetBufferLists", nbl,
                "%s: NBL %p has SourceHandle %p, not its NdisBindingHandle %p",
                undis__host_friendly(p->host), (void *)nbl, nbl->SourceHandle, handle);
        }
    }
}

VOID
NdisSendNetBufferLists(NDIS_HANDLE NdisBindingHandle,
                       PNET_BUFFER_LIST NetBufferLists,
                       NDIS_PORT_NUMBER PortNumber,
                       ULONG SendFlags)
{
    struct host_protocol *p =
        undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    (void)PortNumber;
    if (p == NULL || NetBufferLists == NULL) {
        return;
    }
    undis__host_check_dispatch(p->host, __func__, SendFlags, NDIS_SEND_FLAGS_DISPATCH_LEVEL);
    count_sends(p, NdisBindingHandle, NetBufferLists);
    if (!binding_running(p, NetBufferLists)) {
        refuse(p, NetBufferLists, NDIS_STATUS_PAUSED);
        return;
    }
    undis__host_send_from(p->host, UNDIS_HOST_TOP, NetBufferLists, SendFlags);
}

VOID
NdisCancelSendNetBufferLists(NDIS_HANDLE NdisBindingHandle, PVOID CancelId)
{
    struct host_protocol *p =
        undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    (void)CancelId; /* undis's miniport completes every send at once: nothing is queued */
    if (p != NULL) {
        undis__host_count(&p->cancels, 1);
    }
}

/* ---- receives ------------------------------------------------------------------ */

/* Indicate up to PROTO_BATCH NBLs of a chain; returns the rest. */
static PNET_BUFFER_LIST
indicate_batch(struct host_protocol *p, PNET_BUFFER_LIST nbls, ULONG flags, int from)
{
    PNET_BUFFER_LIST batch[PROTO_BATCH];
    int kind = (flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0 ? HOST_NBL_RESOURCES : HOST_NBL_RECEIVE;
    ULONG n = 1;
    PNET_BUFFER_LIST rest;
    if (nbls == NULL) {
        return NULL;
    }
    batch[0] = nbls;
    for (PNET_BUFFER_LIST nbl = NET_BUFFER_LIST_NEXT_NBL(nbls); nbl != NULL && n < PROTO_BATCH;
         nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        batch[n++] = nbl;
    }
    rest = NET_BUFFER_LIST_NEXT_NBL(batch[n - 1]);
    NET_BUFFER_LIST_NEXT_NBL(batch[n - 1]) = NULL;
    for (ULONG i = 0; i < n; i++) {
        undis__host_count(&p->host->up_nbls, 1);
        undis__host_count(&p->host->up_bytes, undis__host_nbl_bytes(batch[i]));
        (void)ledger_add(p, batch[i], kind, from);
    }
    undis__host_count(&p->receives, n);
    undis__host_count(&p->resources, kind == HOST_NBL_RESOURCES ? n : 0);
    p->chars.ReceiveNetBufferListsHandler(p->binding_context, batch[0], NDIS_DEFAULT_PORT_NUMBER, n,
                                          flags);
    for (ULONG i = 0; i < n && kind == HOST_NBL_RESOURCES; i++) {
        int ignored;
        (void)ledger_take(p, batch[i], &ignored); /* the owner's again */
    }
    return rest;
}

static void
top_receive(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    struct host_protocol *p = host->protocol;
    (void)count;
    if (undis__atomic_load_acquire_int(&p->open) != PROTO_OPEN) {
        if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) { /* nobody above */
            undis__host_return_to(host, from, nbls, irql_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
        }
        return;
    }
    while (nbls != NULL) {
        nbls = indicate_batch(p, nbls, flags, from);
    }
}

static void
returned(struct host_protocol *p, PNET_BUFFER_LIST nbl)
{
    int from = 0;
    int kind = ledger_take(p, nbl, &from);
    if (kind == HOST_NBL_RECEIVE) {
        undis__host_count(&p->returns, 1);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        undis__host_return_to(p->host, from, nbl, irql_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
    } else if (kind == HOST_NBL_RESOURCES) {
        undis__host_report(p->host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES, "NdisReturnNetBufferLists",
                           nbl,
                           "%s: NBL %p came with NDIS_RECEIVE_FLAGS_RESOURCES; it is not the "
                           "protocol's to return",
                           undis__host_friendly(p->host), (void *)nbl);
        (void)ledger_add(p, nbl, kind, from);
    } else {
        undis__host_report(p->host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, "NdisReturnNetBufferLists",
                           nbl,
                           "%s: NBL %p is not a receive the protocol holds (returned twice, or "
                           "never indicated to it)",
                           undis__host_friendly(p->host), (void *)nbl);
    }
}

VOID
NdisReturnNetBufferLists(NDIS_HANDLE NdisBindingHandle,
                         PNET_BUFFER_LIST NetBufferLists,
                         ULONG ReturnFlags)
{
    struct host_protocol *p =
        undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    if (p == NULL) {
        return;
    }
    undis__host_check_dispatch(p->host, __func__, ReturnFlags, NDIS_RETURN_FLAGS_DISPATCH_LEVEL);
    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        returned(p, NetBufferLists);
        NetBufferLists = next;
    }
}

/* ---- status -------------------------------------------------------------------- */

static void
top_status(struct undis_host *host, PNDIS_STATUS_INDICATION s)
{
    struct host_protocol *p = host->protocol;
    undis__host_own_protocol_status(host, s); /* counted, and the caller's hook */
    if (undis__atomic_load_acquire_int(&p->open) != PROTO_OPEN) {
        return;
    }
    undis__host_count(&p->status_delivered, 1);
    p->chars.StatusHandlerEx(p->binding_context, s);
}

/* A request the protocol issued, pended below (by a filter), completes. */
static void
top_oid_complete(struct undis_host *host, PNDIS_OID_REQUEST request, NDIS_STATUS status)
{
    struct host_protocol *p = host->protocol;
    undis__host_count(&host->oids_completed, 1);
    p->chars.OidRequestCompleteHandler(p->binding_context, request, status);
}

const struct host_top_ops undis__host_protocol_top = { top_send_complete, top_receive, top_status,
                                                       top_oid_complete };

/* ---- OID requests ------------------------------------------------------------- */

/* Track r as pended below; FALSE when it already is (reported). */
static BOOLEAN
oid_track(struct host_protocol *p, PNDIS_OID_REQUEST r, BOOLEAN add)
{
    BOOLEAN found = FALSE;
    undis__spin_lock(&p->oid_lock);
    for (unsigned i = 0; i < PROTO_WORKERS; i++) {
        if (p->oids[i] == r) {
            found = TRUE;
            p->oids[i] = add ? r : NULL;
            break;
        }
    }
    for (unsigned i = 0; i < PROTO_WORKERS && add && !found; i++) {
        if (p->oids[i] == NULL) {
            p->oids[i] = r;
            break;
        }
    }
    undis__spin_unlock(&p->oid_lock);
    return !found || !add;
}

static void
oid_done(void *arg)
{
    PNDIS_OID_REQUEST r = (PNDIS_OID_REQUEST)arg;
    struct host_protocol *p;
    memcpy(&p, r->NdisReserved, sizeof(p));
    NDIS_STATUS status = undis__host_miniport_oid(p->host, r);
    (void)oid_track(p, r, FALSE);
    undis__host_count(&p->host->oids_completed, 1);
    p->chars.OidRequestCompleteHandler(p->binding_context, r, status);
}

NDIS_STATUS
NdisOidRequest(NDIS_HANDLE NdisBindingHandle, PNDIS_OID_REQUEST OidRequest)
{
    struct host_protocol *p =
        undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    NDIS_STATUS status;
    if (p == NULL || OidRequest == NULL ||
        OidRequest->Header.Type != NDIS_OBJECT_TYPE_OID_REQUEST) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (undis__atomic_load_acquire_int(&p->open) != PROTO_OPEN) {
        return NDIS_STATUS_CLOSING;
    }
    if ((p->pending & UNDIS_HOST_PROTOCOL_PEND_OID) != 0 && !oid_track(p, OidRequest, TRUE)) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_OID_REISSUED, __func__, OidRequest,
                           "%s: OID request %p (OID 0x%08lx) issued again while NDIS still "
                           "holds it (before ProtocolOidRequestComplete)",
                           undis__host_friendly(p->host), (void *)OidRequest,
                           (unsigned long)OidRequest->DATA.QUERY_INFORMATION.Oid);
        return NDIS_STATUS_FAILURE;
    }
    undis__host_count(&p->oids_issued, 1);
    undis__host_count(&p->host->oids, 1);
    if ((p->pending & UNDIS_HOST_PROTOCOL_PEND_OID) != 0) {
        memcpy(OidRequest->NdisReserved, &p, sizeof(p)); /* NDIS's own field of the request */
        if (undis__proto_defer_after(p, oid_done, OidRequest, PROTO_OID_DEFER_NS)) {
            undis__host_count(&p->oids_pended, 1);
            return NDIS_STATUS_PENDING;
        }
        (void)oid_track(p, OidRequest, FALSE);
    }
    status = undis__host_miniport_oid(p->host, OidRequest);
    undis__host_count(&p->host->oids_completed, 1);
    return status;
}

/* ---- counts ------------------------------------------------------------------- */

void
undis_host_get_protocol_stats(undis_host *host, undis_host_protocol_stats *out)
{
    struct host_protocol *p = host->protocol;
    memset(out, 0, sizeof(*out));
    if (p == NULL) {
        return;
    }
    out->binds = undis__atomic_load_u64(&p->binds);
    out->unbinds = undis__atomic_load_u64(&p->unbinds);
    out->opens = undis__atomic_load_u64(&p->opens);
    out->closes = undis__atomic_load_u64(&p->closes);
    out->pnp_events = undis__atomic_load_u64(&p->pnp_events);
    out->sends = undis__atomic_load_u64(&p->sends);
    out->send_completions = undis__atomic_load_u64(&p->send_completions);
    out->receives = undis__atomic_load_u64(&p->receives);
    out->returns = undis__atomic_load_u64(&p->returns);
    out->resources = undis__atomic_load_u64(&p->resources);
    out->oids = undis__atomic_load_u64(&p->oids_issued);
    out->oids_pended = undis__atomic_load_u64(&p->oids_pended);
    out->status_indications = undis__atomic_load_u64(&p->status_delivered);
    out->cancels = undis__atomic_load_u64(&p->cancels);
}
