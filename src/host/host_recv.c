/* SPDX-License-Identifier: MIT */
/*
 * host_recv.c: the receive path. undis's miniport indicates an NBL of the
 * host's (undis_host_receive) to FilterReceiveNetBufferLists; the filter
 * indicates it (or its own NBLs) up with NdisFIndicateReceiveNetBufferLists
 * to undis's protocol, which returns them at once (unless they came with
 * NDIS_RECEIVE_FLAGS_RESOURCES): FilterReturnNetBufferLists, then
 * NdisFReturnNetBufferLists back to the miniport. A filter without a
 * receive handler (or a return handler) is bypassed as NDIS bypasses it.
 */
#include "host/host_internal.h"

static ULONG
dispatch_flag(ULONG flag)
{
    return KeGetCurrentIrql() == DISPATCH_LEVEL ? flag : 0;
}

/* undis's miniport has its NBL back. */
static void
miniport_returned(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    undis__host_count(&host->recv_returned, 1);
    undis__host_nbl_free(host, nbl);
}

/* undis's miniport has a chain back: counted once, batch NBLs put back in
 * one go. */
static void
miniport_returned_chain(struct undis_host *host, PNET_BUFFER_LIST nbls)
{
    PNET_BUFFER_LIST batch = NULL;
    PNET_BUFFER_LIST *tail = &batch;
    uint64_t count = 0;
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        count++;
        if (undis__host_frames_owns(host, nbls)) {
            *tail = nbls;
            tail = &NET_BUFFER_LIST_NEXT_NBL(nbls);
        } else {
            undis__host_nbl_free(host, nbls);
        }
        nbls = next;
    }
    *tail = NULL;
    if (batch != NULL) {
        (void)undis__host_frames_put(host, batch);
    }
    undis__host_count(&host->recv_returned, count);
}

/* Return a chain the protocol got from the filter (or, bypassed, from the
 * miniport). */
static void
return_down(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter)
{
    PNET_BUFFER_LIST taken;
    if (nbls == NULL) {
        return;
    }
    if (via_filter && host->chars.ReturnNetBufferListsHandler != NULL) {
        host->chars.ReturnNetBufferListsHandler(host->module_context, nbls,
                                                dispatch_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
        return;
    }
    taken = undis__host_ledger_take_chain(host, &nbls, HOST_NBL_RECEIVE);
    miniport_returned_chain(host, taken);
    miniport_returned_chain(host, nbls);
}

void
undis__host_return_down(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter)
{
    return_down(host, nbls, via_filter);
}

/*
 * undis's protocol takes a chain: counts it, and returns what it may return
 * (nothing with RESOURCES). An NBL the miniport indicated with RESOURCES and
 * the filter passes up without the flag is not returned (it is not the
 * filter's to lend).
 */
static void
protocol_receive(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags, BOOLEAN via_filter)
{
    PNET_BUFFER_LIST back = NULL;
    PNET_BUFFER_LIST *tail = &back;
    uint64_t count = 0, bytes = 0;
    BOOLEAN keep_all = (flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0;
    BOOLEAN look = via_filter && !keep_all && undis__host_ledger_resources_out(host);
    if (host->edge_receive != NULL) {
        host->edge_receive(host->edge_context, nbls, flags);
    }
    if (undis__host_protocol_receive(host, nbls, flags, via_filter)) {
        return;
    }
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        count++;
        bytes += undis__host_nbl_bytes(nbls);
        if (!keep_all && !(look && undis__host_ledger_kind(host, nbls) == HOST_NBL_RESOURCES)) {
            NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
            *tail = nbls;
            tail = &NET_BUFFER_LIST_NEXT_NBL(nbls);
        }
        nbls = next;
    }
    undis__host_count(&host->up_nbls, count);
    undis__host_count(&host->up_bytes, bytes);
    return_down(host, back, via_filter);
}

/* Chains nbls[0..count) in order; returns the head. */
static PNET_BUFFER_LIST
chain_of(PNET_BUFFER_LIST *nbls, ULONG count)
{
    for (ULONG i = 0; i + 1 < count; i++) {
        NET_BUFFER_LIST_NEXT_NBL(nbls[i]) = nbls[i + 1];
    }
    NET_BUFFER_LIST_NEXT_NBL(nbls[count - 1]) = NULL;
    return nbls[0];
}

/* With RESOURCES the NBLs are the miniport's again when the indication
 * returns: those still recorded as lent come back (all of them when the
 * filter was bypassed). */
static void
resources_back(struct undis_host *host, PNET_BUFFER_LIST *nbls, ULONG count, BOOLEAN bypassed)
{
    PNET_BUFFER_LIST chain = chain_of(nbls, count);
    PNET_BUFFER_LIST taken = undis__host_ledger_take_chain(host, &chain, HOST_NBL_RESOURCES);
    miniport_returned_chain(host, taken);
    if (bypassed) {
        miniport_returned_chain(host, chain);
    }
}

NDIS_STATUS
undis__host_receive_nbls(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, ULONG count, ULONG64 bytes, ULONG flags)
{
    BOOLEAN resources = (flags & UNDIS_HOST_RECEIVE_RESOURCES) != 0;
    BOOLEAN bypassed = host->chars.ReceiveNetBufferListsHandler == NULL;
    ULONG rflags = dispatch_flag(NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL) |
                   (resources ? NDIS_RECEIVE_FLAGS_RESOURCES : 0);
    PNET_BUFFER_LIST chain = chain_of(nbls, count);
    if (!bypassed && !undis__host_ledger_add_chain(
                         host, chain, resources ? HOST_NBL_RESOURCES : HOST_NBL_RECEIVE)) {
        for (ULONG i = 0; i < count; i++) {
            NET_BUFFER_LIST_NEXT_NBL(nbls[i]) = NULL;
            undis__host_nbl_free(host, nbls[i]);
        }
        return NDIS_STATUS_RESOURCES;
    }
    undis__host_count(&host->recv_nbls, count);
    undis__host_count(&host->recv_bytes, bytes);
    if (bypassed) {
        protocol_receive(host, chain, rflags, FALSE);
    } else {
        host->chars.ReceiveNetBufferListsHandler(host->module_context, chain,
                                                 NDIS_DEFAULT_PORT_NUMBER, count, rflags);
    }
    if (resources) {
        resources_back(host, nbls, count, bypassed);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_receive(undis_host *host, const UCHAR *frame, ULONG length, ULONG flags)
{
    PNET_BUFFER_LIST nbl;
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    nbl = undis__host_nbl_alloc(host, frame, length);
    if (nbl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    return undis__host_receive_nbls(host, &nbl, 1, length, flags);
}

static void
check_resources(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0 || !undis__host_ledger_resources_out(host)) {
        return;
    }
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        if (undis__host_ledger_kind(host, nbl) == HOST_NBL_RESOURCES) {
            undis__host_report(host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES,
                               "NdisFIndicateReceiveNetBufferLists", nbl,
                               "%s: NBL %p came with NDIS_RECEIVE_FLAGS_RESOURCES and is "
                               "indicated up without it (the protocol may keep it)",
                               host->friendly, (void *)nbl);
        }
    }
}

VOID
NdisFIndicateReceiveNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                                   PNET_BUFFER_LIST NetBufferLists,
                                   NDIS_PORT_NUMBER PortNumber,
                                   ULONG NumberOfNetBufferLists,
                                   ULONG ReceiveFlags)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    (void)PortNumber;
    (void)NumberOfNetBufferLists;
    if (host == NULL || NetBufferLists == NULL) {
        return;
    }
    undis__host_check_dispatch(host, __func__, ReceiveFlags, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    if (!undis__host_running(host, __func__, NetBufferLists)) {
        if ((ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
            return_down(host, NetBufferLists, TRUE);
        }
        return;
    }
    check_resources(host, NetBufferLists, ReceiveFlags);
    protocol_receive(host, NetBufferLists, ReceiveFlags, TRUE);
}

static void
returned(struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind)
{
    if (kind == HOST_NBL_RECEIVE) {
        miniport_returned(host, nbl);
    } else if (kind == HOST_NBL_RESOURCES) {
        undis__host_report(host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES, "NdisFReturnNetBufferLists",
                           nbl,
                           "%s: NBL %p came with NDIS_RECEIVE_FLAGS_RESOURCES; it is not "
                           "the filter's to return",
                           host->friendly, (void *)nbl);
        (void)undis__host_ledger_add(host, nbl, kind);
    } else if (kind == HOST_NBL_SEND) {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_WRONG_CALL, "NdisFReturnNetBufferLists", nbl,
                           "%s: NBL %p was sent by FilterSendNetBufferLists and comes back "
                           "returned as a receive",
                           host->friendly, (void *)nbl);
        undis__host_own_protocol_send_complete(host, nbl);
    } else {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, "NdisFReturnNetBufferLists",
                           nbl,
                           "%s: NBL %p is not a receive the filter holds (returned twice, "
                           "or never indicated to it)",
                           host->friendly, (void *)nbl);
    }
}

VOID
NdisFReturnNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                          PNET_BUFFER_LIST NetBufferLists,
                          ULONG ReturnFlags)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    if (host == NULL) {
        return;
    }
    undis__host_check_dispatch(host, __func__, ReturnFlags, NDIS_RETURN_FLAGS_DISPATCH_LEVEL);
    /* the receives the filter holds, in one go; what is left one by one */
    miniport_returned_chain(
        host, undis__host_ledger_take_prefix(host, &NetBufferLists, HOST_NBL_RECEIVE));
    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        host_nbl_kind kind = undis__host_ledger_take(host, NetBufferLists);
        if (kind != HOST_NBL_FREE) {
            NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) = NULL;
        }
        returned(host, NetBufferLists, kind);
        NetBufferLists = next;
    }
}
