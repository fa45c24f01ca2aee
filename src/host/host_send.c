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
undis__host_nbl_free(PNET_BUFFER_LIST nbl)
{
    PMDL mdl = NET_BUFFER_FIRST_MDL(NET_BUFFER_LIST_FIRST_NB(nbl));
    PVOID data = MmGetMdlVirtualAddress(mdl);
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

void
undis__host_protocol_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls)
{
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        undis__host_count(&host->send_completed, 1);
        if (!undis__host_protocol_take_completion(host, nbls)) {
            undis__host_nbl_free(nbls);
        }
        nbls = next;
    }
}

/* The completion of a chain goes to the filter when it sent it. */
static void
complete_up(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter)
{
    if (via_filter && host->chars.SendNetBufferListsCompleteHandler != NULL) {
        host->chars.SendNetBufferListsCompleteHandler(host->module_context, nbls, complete_flags());
        return;
    }
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
        (void)undis__host_ledger_take(host, nbls);
        undis__host_protocol_send_complete(host, nbls);
        nbls = next;
    }
}

static void
wire_out(struct undis_host *host, PNET_BUFFER nb)
{
    UCHAR stack[WIRE_STACK];
    ULONG length = NET_BUFFER_DATA_LENGTH(nb);
    PUCHAR storage = length <= WIRE_STACK ? stack : (PUCHAR)malloc(length);
    PUCHAR data;
    undis__host_count(&host->wire_out_bytes, length);
    if (host->wire == NULL || length == 0 || storage == NULL) {
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
miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        undis__host_count(&host->wire_out_nbls, 1);
        for (PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL;
             nb = NET_BUFFER_NEXT_NB(nb)) {
            wire_out(host, nb);
        }
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    }
    complete_up(host, nbls, via_filter);
}

void
undis__host_miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)flags;
    miniport_send(host, nbls, FALSE);
}

NDIS_STATUS
undis_host_send(undis_host *host, const UCHAR *frame, ULONG length)
{
    PNET_BUFFER_LIST nbl;
    ULONG flags = KeGetCurrentIrql() == DISPATCH_LEVEL ? NDIS_SEND_FLAGS_DISPATCH_LEVEL : 0;
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    nbl = undis__host_nbl_alloc(host, frame, length);
    if (nbl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    undis__host_count(&host->send_nbls, 1);
    undis__host_count(&host->send_bytes, length);
    if (host->chars.SendNetBufferListsHandler == NULL) {
        miniport_send(host, nbl, FALSE);
        return NDIS_STATUS_SUCCESS;
    }
    if (!undis__host_ledger_add(host, nbl, HOST_NBL_SEND)) {
        undis__host_nbl_free(nbl);
        return NDIS_STATUS_RESOURCES;
    }
    host->chars.SendNetBufferListsHandler(host->module_context, nbl, NDIS_DEFAULT_PORT_NUMBER,
                                          flags);
    return NDIS_STATUS_SUCCESS;
}

static void
check_source_handles(struct undis_host *host, NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        if (nbl->SourceHandle != handle && undis__host_ledger_kind(host, nbl) == HOST_NBL_FREE) {
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
    miniport_send(host, NetBufferList, TRUE);
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
        undis__host_nbl_free(nbl);
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
    while (NetBufferList != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        host_nbl_kind kind = undis__host_ledger_take(host, NetBufferList);
        if (kind != HOST_NBL_FREE) {
            NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;
        }
        if (kind == HOST_NBL_SEND) {
            undis__host_protocol_send_complete(host, NetBufferList);
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
