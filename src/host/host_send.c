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

#include <stdlib.h>
#include <string.h>

#define HOST_DATA_TAG 0x64747348u /* 'dtsH' */
#define WIRE_STACK    2048u

PNET_BUFFER_LIST
undis__host_nbl_alloc(struct undis_host *host, const UCHAR *frame, ULONG length)
{
    PVOID data = NdisAllocateMemoryWithTagPriority(NULL, length, HOST_DATA_TAG, NormalPoolPriority);
    PMDL mdl;
    PNET_BUFFER_LIST nbl;
    if (data == NULL) {
        return NULL;
    }
    memcpy(data, frame, length);
    mdl = NdisAllocateMdl(NULL, data, length);
    if (mdl == NULL) {
        NdisFreeMemoryWithTagPriority(NULL, data, HOST_DATA_TAG);
        return NULL;
    }
    nbl = NdisAllocateNetBufferAndNetBufferList(host->nbl_pool, 0, 0, mdl, 0, length);
    if (nbl == NULL) {
        NdisFreeMdl(mdl);
        NdisFreeMemoryWithTagPriority(NULL, data, HOST_DATA_TAG);
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
    NdisFreeMemoryWithTagPriority(NULL, data, HOST_DATA_TAG);
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

BOOLEAN
undis__host_running(struct undis_host *host, const char *function, PNET_BUFFER_LIST nbl)
{
    int state = undis__atomic_load_acquire_int(&host->state);
    if (state == UNDIS_HOST_RUNNING) {
        return TRUE;
    }
    undis__host_report(host, UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING, function, nbl,
                       "%s: the module is %s", host->friendly,
                       state == UNDIS_HOST_PAUSING      ? "pausing"
                       : state == UNDIS_HOST_PAUSED     ? "paused"
                       : state == UNDIS_HOST_RESTARTING ? "restarting"
                                                        : "detached");
    return FALSE;
}

static ULONG
complete_flags(void)
{
    return KeGetCurrentIrql() == DISPATCH_LEVEL ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0;
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
        } else if (!undis__host_protocol_take_completion(host, nbls)) {
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

/* The completion of a chain goes to the filter when it sent it; without a
 * send-complete handler, straight to the protocol (NDIS bypasses it). */
static void
complete_up(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter)
{
    PNET_BUFFER_LIST taken;
    if (via_filter && host->chars.SendNetBufferListsCompleteHandler != NULL) {
        host->chars.SendNetBufferListsCompleteHandler(host->module_context, nbls, complete_flags());
        return;
    }
    taken = undis__host_ledger_take_chain(host, &nbls, HOST_NBL_SEND);
    undis__host_own_protocol_send_complete(host, taken);
    undis__host_own_protocol_send_complete(host, nbls);
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

static void
miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags, BOOLEAN via_filter)
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
        host->edge_send(host->edge_context, nbls, flags);
    }
    undis__host_count(&host->wire_out_nbls, count);
    undis__host_count(&host->wire_out_bytes, bytes);
    complete_up(host, nbls, via_filter);
}

void
undis__host_miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    miniport_send(host, nbls, flags, FALSE);
}

NDIS_STATUS
undis__host_send_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG count, ULONG64 bytes)
{
    ULONG flags = KeGetCurrentIrql() == DISPATCH_LEVEL ? NDIS_SEND_FLAGS_DISPATCH_LEVEL : 0;
    if (host->chars.SendNetBufferListsHandler == NULL) {
        undis__host_count(&host->send_nbls, count);
        undis__host_count(&host->send_bytes, bytes);
        miniport_send(host, nbls, flags, FALSE);
        return NDIS_STATUS_SUCCESS;
    }
    if (!undis__host_ledger_add_chain(host, nbls, HOST_NBL_SEND)) {
        while (nbls != NULL) {
            PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
            NET_BUFFER_LIST_STATUS(nbls) = NDIS_STATUS_RESOURCES;
            undis__host_nbl_free(host, nbls);
            nbls = next;
        }
        return NDIS_STATUS_RESOURCES;
    }
    undis__host_count(&host->send_nbls, count);
    undis__host_count(&host->send_bytes, bytes);
    host->chars.SendNetBufferListsHandler(host->module_context, nbls, NDIS_DEFAULT_PORT_NUMBER,
                                          flags);
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
            undis__host_report(host, UNDIS_RULE_HOST_BAD_SOURCE_HANDLE, "NdisFSendNetBufferLists",
                               nbl,
                               "%s: an NBL the filter originated has SourceHandle %p, "
                               "not its NdisFilterHandle %p",
                               host->friendly, nbl->SourceHandle, handle);
        }
    }
}

VOID
NdisFSendNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                        PNET_BUFFER_LIST NetBufferList,
                        NDIS_PORT_NUMBER PortNumber,
                        ULONG SendFlags)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    (void)PortNumber;
    if (host == NULL || NetBufferList == NULL) {
        return;
    }
    undis__host_check_dispatch(host, __func__, SendFlags, NDIS_SEND_FLAGS_DISPATCH_LEVEL);
    if (!undis__host_running(host, __func__, NetBufferList)) {
        for (PNET_BUFFER_LIST n = NetBufferList; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
            NET_BUFFER_LIST_STATUS(n) = NDIS_STATUS_PAUSED;
        }
        complete_up(host, NetBufferList, TRUE);
        return;
    }
    check_source_handles(host, NdisFilterHandle, NetBufferList);
    miniport_send(host, NetBufferList, SendFlags, TRUE);
}

/* A receive NBL that came back by the send-complete call goes to its owner. */
static void
wrong_call(struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind)
{
    undis__host_report(host, UNDIS_RULE_HOST_NBL_WRONG_CALL, "NdisFSendNetBufferListsComplete", nbl,
                       "%s: NBL %p was indicated by FilterReceiveNetBufferLists and comes "
                       "back as a send completion",
                       host->friendly, (void *)nbl);
    if (kind == HOST_NBL_RECEIVE) {
        undis__host_count(&host->recv_returned, 1);
        undis__host_nbl_free(host, nbl);
    } else {
        (void)undis__host_ledger_add(host, nbl, kind);
    }
}

VOID
NdisFSendNetBufferListsComplete(NDIS_HANDLE NdisFilterHandle,
                                PNET_BUFFER_LIST NetBufferList,
                                ULONG SendCompleteFlags)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    if (host == NULL) {
        return;
    }
    undis__host_check_dispatch(host, __func__, SendCompleteFlags,
                               NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    /* the sends the filter holds, in one go; what is left is looked at one by one */
    undis__host_own_protocol_send_complete(
        host, undis__host_ledger_take_prefix(host, &NetBufferList, HOST_NBL_SEND));
    while (NetBufferList != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        host_nbl_kind kind = undis__host_ledger_take(host, NetBufferList);
        if (kind != HOST_NBL_FREE) {
            NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;
        }
        if (kind == HOST_NBL_SEND) {
            undis__host_own_protocol_send_complete(host, NetBufferList);
        } else if (kind == HOST_NBL_FREE) {
            undis__host_report(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, __func__, NetBufferList,
                               "%s: NBL %p is not a send the filter holds (completed twice, "
                               "or never sent to it)",
                               host->friendly, (void *)NetBufferList);
        } else {
            wrong_call(host, NetBufferList, kind);
        }
        NetBufferList = next;
    }
}
