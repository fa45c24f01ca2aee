/* SPDX-License-Identifier: MIT */
/*
 * host_recv.c: the receive path. undis's miniport indicates an NBL of the
 * host's (undis_host_receive) up the stack (host_stack.c): each filter with
 * a receive handler gets it in FilterReceiveNetBufferLists and passes it
 * (or its own NBLs) on with NdisFIndicateReceiveNetBufferLists; undis's
 * protocol returns what reaches it at once (unless it came with
 * NDIS_RECEIVE_FLAGS_RESOURCES), down through FilterReturnNetBufferLists
 * and NdisFReturnNetBufferLists to its owner. A filter without a receive
 * handler (or a return handler) is bypassed as NDIS bypasses it.
 */
#include "host/host_internal.h"

void
undis__host_miniport_returned(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    undis__host_count(&host->recv_returned, 1);
    undis__host_nbl_free(host, nbl);
}

void
undis__host_miniport_returned_chain(struct undis_host *host, PNET_BUFFER_LIST nbls)
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

/*
 * undis's protocol takes a chain from position from: counts it, and
 * returns what it may return (nothing with RESOURCES). An NBL a lower
 * owner indicated with RESOURCES and a filter passes up without the flag
 * is not returned (it is not the filter's to lend).
 */
void
undis__host_own_protocol_receive(struct undis_host *host,
                                 int from,
                                 PNET_BUFFER_LIST nbls,
                                 ULONG flags)
{
    PNET_BUFFER_LIST back = NULL;
    PNET_BUFFER_LIST *tail = &back;
    uint64_t count = 0, bytes = 0;
    BOOLEAN keep_all = (flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0;
    BOOLEAN look =
        from != undis__host_bottom(host) && !keep_all && undis__host_ledger_resources_out(host);
    if (host->edge_receive != NULL) {
        host->edge_receive(host->edge_context, nbls, flags);
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
    if (back != NULL) {
        undis__host_return_to(host, from, back,
                              undis__host_dispatch_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
    }
}

NDIS_STATUS
undis__host_receive_nbls(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, ULONG count, ULONG64 bytes, ULONG flags)
{
    BOOLEAN resources = (flags & UNDIS_HOST_RECEIVE_RESOURCES) != 0;
    ULONG rflags = undis__host_dispatch_flag(NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL) |
                   (resources ? NDIS_RECEIVE_FLAGS_RESOURCES : 0);
    for (ULONG i = 0; i + 1 < count; i++) {
        NET_BUFFER_LIST_NEXT_NBL(nbls[i]) = nbls[i + 1];
    }
    NET_BUFFER_LIST_NEXT_NBL(nbls[count - 1]) = NULL;
    NDIS_STATUS status = NDIS_STATUS_PAUSED;
    if (undis__host_edge_enter(host, &host->bottom_busy)) {
        status = undis__host_indicate_fresh(host, nbls[0], count, rflags) ? NDIS_STATUS_SUCCESS
                                                                          : NDIS_STATUS_RESOURCES;
        undis__host_edge_leave(&host->bottom_busy);
    }
    if (status != NDIS_STATUS_SUCCESS) { /* nothing went up: the NBLs go back */
        for (ULONG i = 0; i < count; i++) {
            NET_BUFFER_LIST_NEXT_NBL(nbls[i]) = NULL;
            undis__host_nbl_free(host, nbls[i]);
        }
        return status;
    }
    undis__host_count(&host->recv_nbls, count);
    undis__host_count(&host->recv_bytes, bytes);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_receive(undis_host *host, const UCHAR *frame, ULONG length, ULONG flags)
{
    PNET_BUFFER_LIST nbl;
    if (host->miniport_driver != NULL) {
        return NDIS_STATUS_NOT_SUPPORTED; /* the driver's miniport receives */
    }
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
check_resources(struct host_module *m, PNET_BUFFER_LIST nbls, ULONG flags)
{
    if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0 ||
        !undis__host_ledger_resources_out(m->handle.host)) {
        return;
    }
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        if (undis__host_ledger_kind(m->handle.host, nbl) == HOST_NBL_RESOURCES) {
            undis__host_report(m->handle.host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES,
                               "NdisFIndicateReceiveNetBufferLists", nbl,
                               "%s: NBL %p came with NDIS_RECEIVE_FLAGS_RESOURCES and is "
                               "indicated up without it (the protocol may keep it)",
                               m->friendly, (void *)nbl);
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
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    struct undis_host *host;
    (void)PortNumber;
    if (m == NULL || NetBufferLists == NULL) {
        return;
    }
    host = m->handle.host;
    undis__host_check_dispatch(host, __func__, ReceiveFlags, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    if (!undis__host_running(host, &m->state, m->pos, m->friendly, __func__, NetBufferLists)) {
        if ((ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
            undis__host_return_to(host, m->pos, NetBufferLists,
                                  undis__host_dispatch_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
        }
        return;
    }
    check_resources(m, NetBufferLists, ReceiveFlags);
    undis__host_indicate_from(host, m->pos, NetBufferLists, NumberOfNetBufferLists, ReceiveFlags);
}

VOID
NdisFReturnNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                          PNET_BUFFER_LIST NetBufferLists,
                          ULONG ReturnFlags)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    undis__host_check_dispatch(m->handle.host, __func__, ReturnFlags,
                               NDIS_RETURN_FLAGS_DISPATCH_LEVEL);
    undis__host_return_from(m->handle.host, m->pos, NetBufferLists, ReturnFlags, __func__);
}
