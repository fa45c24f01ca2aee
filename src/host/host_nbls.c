/* SPDX-License-Identifier: MIT */
/*
 * host_nbls.c: the caller's own NBLs through the stack (undis_host_send_nbls,
 * undis_host_indicate_nbls), as a test plays the protocol or the miniport
 * with NBLs of any geometry and out-of-band information; the callback that
 * gives them back (undis__host_nbl_free routes an NBL that is not from one
 * of the host's pools there); the observers at the edges of the stack.
 */
#include "host/host_internal.h"

void
undis_host_set_nbl_back(undis_host *host, undis_host_nbl_back_fn *fn, void *context)
{
    host->nbl_back = fn;
    host->nbl_back_context = context;
}

void
undis_host_set_edges(undis_host *host,
                     undis_host_chain_fn *miniport_send,
                     undis_host_chain_fn *protocol_receive,
                     void *context)
{
    host->edge_send = miniport_send;
    host->edge_receive = protocol_receive;
    host->edge_context = context;
}

NDIS_HANDLE
undis_host_module_context(undis_host *host)
{
    return undis_host_get_state(host) == UNDIS_HOST_DETACHED || host->nmodules == 0
               ? NULL
               : host->modules[0].context;
}

/* Counts the chain and its bytes; FALSE when it is not one the host takes
 * (an NBL without a NET_BUFFER, or one of the host's own). */
static BOOLEAN
measure(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG *count, ULONG64 *bytes)
{
    *count = 0;
    *bytes = 0;
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        if (NET_BUFFER_LIST_FIRST_NB(nbl) == NULL || undis__host_owns(host, nbl)) {
            return FALSE;
        }
        (*count)++;
        *bytes += undis__host_nbl_bytes(nbl);
    }
    return *count != 0;
}

NDIS_STATUS
undis_host_send_nbls(undis_host *host, PNET_BUFFER_LIST nbls)
{
    ULONG count;
    ULONG64 bytes;
    if (host == NULL || nbls == NULL || host->nbl_back == NULL ||
        !measure(host, nbls, &count, &bytes)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        nbl->SourceHandle = (NDIS_HANDLE)host; /* undis's protocol */
    }
    return undis__host_send_chain(host, nbls, count, bytes);
}

NDIS_STATUS
undis_host_indicate_nbls(undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    PNET_BUFFER_LIST array[UNDIS_HOST_FRAMES_MAX];
    ULONG count;
    ULONG64 bytes;
    ULONG i = 0;
    if (host == NULL || nbls == NULL || host->nbl_back == NULL ||
        !measure(host, nbls, &count, &bytes) || count > UNDIS_HOST_FRAMES_MAX) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        nbl->SourceHandle = (NDIS_HANDLE)host; /* undis's miniport */
        array[i++] = nbl;
    }
    return undis__host_receive_nbls(host, array, count, bytes, flags);
}
