/* SPDX-License-Identifier: MIT */
/*
 * host_send.c: the send path. undis's protocol sends an NBL of the host's
 * (undis_host_send) through FilterSendNetBufferLists; the filter passes it
 * (or its own NBLs) on with NdisFSendNetBufferLists to undis's miniport,
 * which hands each frame to the wire and completes at once:
 * FilterSendNetBufferListsComplete, then NdisFSendNetBufferListsComplete
 * back to the protocol. A filter without a send handler (or without a
 * send-complete handler) is bypassed as NDIS bypasses it. The host's NBLs
 * are made and freed here too.
 */
#include "host/host_internal.h"

#include "base/internal.h"

#include <stdlib.h>
#include <string.h>

#define WIRE_STACK 2048u

PNET_BUFFER_LIST
undis__host_nbl_alloc(struct undis_host *host, const UCHAR *frame, ULONG length)
{
    /* the base allocator (fault injection, no pool header): the host's own
     * frames are not the driver's memory */
    PVOID data = undis__mem_alloc(length);
    PMDL mdl;
    PNET_BUFFER_LIST nbl;
    if (data == NULL) {
        return NULL;
    }
    memcpy(data, frame, length);
    mdl = NdisAllocateMdl(NULL, data, length);
    if (mdl == NULL) {
        undis__mem_free(data);
        return NULL;
    }
    nbl = NdisAllocateNetBufferAndNetBufferList(host->nbl_pool, 0, 0, mdl, 0, length);
    if (nbl == NULL) {
        NdisFreeMdl(mdl);
        undis__mem_free(data);
        return NULL;
    }
    nbl->SourceHandle = (NDIS_HANDLE)host; /* undis's protocol or miniport */
    return nbl;
}

void
undis__host_nbl_free(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    PMDL mdl;
    PVOID data;
    if (undis__host_frames_owns(host, nbl)) {
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        (void)undis__host_frames_put(host, nbl);
        return;
    }
    if (undis__host_batch_free(nbl)) { /* an NBL of host_batch.c */
        return;
    }
    if (nbl->NdisPoolHandle != host->nbl_pool) { /* the caller's (host_nbls.c) */
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        if (host->nbl_back != NULL) {
            host->nbl_back(host->nbl_back_context, nbl);
        }
        return;
    }
    mdl = NET_BUFFER_FIRST_MDL(NET_BUFFER_LIST_FIRST_NB(nbl));
    data = MmGetMdlVirtualAddress(mdl);
    NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
    NdisFreeNetBufferList(nbl);
    NdisFreeMdl(mdl);
    undis__mem_free(data);
}

ULONG
undis__host_nbl_bytes(PNET_BUFFER_LIST nbl)
{
    ULONG bytes = 0;
    for (PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {
        bytes += NET_BUFFER_DATA_LENGTH(nb);
    }
    return bytes;
}

ULONG
undis__host_dispatch_flag(ULONG flag)
{
    return KeGetCurrentIrql() == DISPATCH_LEVEL ? flag : 0;
}

/* The module state whose pause handler runs on this thread, if any. */
static UNDIS_THREAD_LOCAL volatile int *g_pausing;

volatile int *
undis__host_pausing_swap(volatile int *state)
{
    volatile int *before = g_pausing;
    g_pausing = state;
    return before;
}

/* While a module pauses, a call on another thread may pass on what the
 * module took before its pause began (every filter and miniport races its
 * own pause so; the pause waits for those NBLs): allowed for the NBLs the
 * module holds (pos >= 1: a filter) or for any (pos < 0: a miniport's).
 * What its pause handler itself sends or indicates, and what a filter
 * originates, is new data in the Pausing state. */
static BOOLEAN
passes_while_pausing(struct undis_host *host,
                     volatile int *state_of,
                     int pos,
                     PNET_BUFFER_LIST nbls)
{
    if (g_pausing == state_of) {
        return FALSE;
    }
    for (PNET_BUFFER_LIST n = nbls; pos >= 1 && n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        if (undis__host_ledger_holder(host, n) != pos) {
            return FALSE;
        }
    }
    return TRUE;
}

BOOLEAN
undis__host_running(struct undis_host *host,
                    volatile int *state_of,
                    int pos,
                    const char *who,
                    const char *function,
                    PNET_BUFFER_LIST nbl)
{
    int state = undis__atomic_load_acquire_int(state_of);
    if (state == UNDIS_HOST_RUNNING ||
        (state == UNDIS_HOST_PAUSING && passes_while_pausing(host, state_of, pos, nbl))) {
        return TRUE;
    }
    undis__host_report(host, UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING, function, nbl,
                       "%s: the module is %s", who,
                       state == UNDIS_HOST_PAUSING      ? "pausing (new data: its pause handler "
                                                          "sent it, or it originated it)"
                       : state == UNDIS_HOST_PAUSED     ? "paused"
                       : state == UNDIS_HOST_RESTARTING ? "restarting"
                       : state == UNDIS_HOST_ATTACHING  ? "initializing"
                                                        : "detached");
    return FALSE;
}

/* undis's protocol has a chain of its sends back: counted once, batch NBLs
 * back to the batch pool in one put, the others freed. */
void
undis__host_own_protocol_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls)
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
    undis__host_count(&host->send_completed, count);
}

static void
wire_out(struct undis_host *host, PNET_BUFFER nb)
{
    UCHAR stack[WIRE_STACK];
    ULONG length = NET_BUFFER_DATA_LENGTH(nb);
    PUCHAR storage = length <= WIRE_STACK ? stack : (PUCHAR)malloc(length);
    PUCHAR data;
    if (length == 0 || storage == NULL) {
        if (storage != stack) {
            free(storage);
        }
        return;
    }
    data = (PUCHAR)NdisGetDataBuffer(nb, length, storage, 1, 0);
    if (data != NULL) {
        host->wire(host->wire_context, data, length);
    }
    if (storage != stack) {
        free(storage);
    }
}

void
undis__host_miniport_send(struct undis_host *host, int from, PNET_BUFFER_LIST nbls)
{
    uint64_t count = 0, bytes = 0;
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        count++;
        for (PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL;
             nb = NET_BUFFER_NEXT_NB(nb)) {
            bytes += NET_BUFFER_DATA_LENGTH(nb);
            if (host->wire != NULL) {
                wire_out(host, nb);
            }
        }
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    }
    if (host->edge_send != NULL) {
        host->edge_send(host->edge_context, nbls,
                        undis__host_dispatch_flag(NDIS_SEND_FLAGS_DISPATCH_LEVEL));
    }
    undis__host_count(&host->wire_out_nbls, count);
    undis__host_count(&host->wire_out_bytes, bytes);
    undis__host_complete_to(host, from, nbls,
                            undis__host_dispatch_flag(NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL));
}

NDIS_STATUS
undis__host_send_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG count, ULONG64 bytes)
{
    if (host->cancel_id != NULL) {
        for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
            NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(n, host->cancel_id);
        }
    }
    NDIS_STATUS status = NDIS_STATUS_PAUSED;
    if (undis__host_edge_enter(host, &host->top_busy)) {
        status = undis__host_send_from_top(
                     host, nbls, undis__host_dispatch_flag(NDIS_SEND_FLAGS_DISPATCH_LEVEL))
                     ? NDIS_STATUS_SUCCESS
                     : NDIS_STATUS_RESOURCES;
        undis__host_edge_leave(&host->top_busy);
    }
    if (status != NDIS_STATUS_SUCCESS) { /* nothing went down: the NBLs come back */
        while (nbls != NULL) {
            PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
            NET_BUFFER_LIST_STATUS(nbls) = status;
            undis__host_nbl_free(host, nbls);
            nbls = next;
        }
        return status;
    }
    undis__host_count(&host->send_nbls, count);
    undis__host_count(&host->send_bytes, bytes);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_send(undis_host *host, const UCHAR *frame, ULONG length)
{
    PNET_BUFFER_LIST nbl;
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    nbl = undis__host_nbl_alloc(host, frame, length);
    if (nbl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    return undis__host_send_chain(host, nbl, 1, length);
}

static void
check_source_handles(struct undis_host *host, NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        /* the host's own NBLs (from its pools) need no lookup; a clone the
         * filter made carries the host's SourceHandle until the filter sets
         * its own, so the handle alone does not say whose an NBL is */
        if (nbl->SourceHandle != handle && !undis__host_owns(host, nbl) &&
            undis__host_ledger_kind(host, nbl) == HOST_NBL_FREE) {
            const struct host_module *m =
                (const struct host_module *)((const struct host_handle *)handle)->object;
            undis__host_report(host, UNDIS_RULE_HOST_BAD_SOURCE_HANDLE, "NdisFSendNetBufferLists",
                               nbl,
                               "%s: an NBL the filter originated has SourceHandle %p, "
                               "not its NdisFilterHandle %p",
                               m->friendly, nbl->SourceHandle, handle);
        }
    }
}

VOID
NdisFSendNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                        PNET_BUFFER_LIST NetBufferList,
                        NDIS_PORT_NUMBER PortNumber,
                        ULONG SendFlags)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    struct undis_host *host;
    (void)PortNumber;
    if (m == NULL || NetBufferList == NULL) {
        return;
    }
    host = m->handle.host;
    undis__host_check_dispatch(host, __func__, SendFlags, NDIS_SEND_FLAGS_DISPATCH_LEVEL);
    if (!undis__host_running(host, &m->state, m->pos, m->friendly, __func__, NetBufferList)) {
        for (PNET_BUFFER_LIST n = NetBufferList; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
            NET_BUFFER_LIST_STATUS(n) = NDIS_STATUS_PAUSED;
        }
        undis__host_complete_to(host, m->pos, NetBufferList,
                                undis__host_dispatch_flag(NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL));
        return;
    }
    check_source_handles(host, NdisFilterHandle, NetBufferList);
    undis__host_send_from(host, m->pos, NetBufferList, SendFlags);
}

VOID
NdisFSendNetBufferListsComplete(NDIS_HANDLE NdisFilterHandle,
                                PNET_BUFFER_LIST NetBufferList,
                                ULONG SendCompleteFlags)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    undis__host_check_dispatch(m->handle.host, __func__, SendCompleteFlags,
                               NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    undis__host_complete_from(m->handle.host, m->pos, NetBufferList, SendCompleteFlags, __func__);
}
