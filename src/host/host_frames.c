/* SPDX-License-Identifier: MIT */
/*
 * host_frames.c: many frames in one call (undis_host_send_frames,
 * undis_host_receive_frames), as a miniport indicates a chain and a protocol
 * sends one. The NBLs come from the host's batch pool: UNDIS_HOST_FRAMES_POOL
 * NBLs, each with NB, MDL and UNDIS_HOST_FRAMES_FRAME_MAX bytes of data (plus
 * backfill) in one block, made at the first attach and kept until
 * undis_host_destroy. A call takes the NBLs it needs from a stack of free
 * ones under one lock, copies the frames in, and hands the chain over;
 * completions and returns put them back under one lock per chain. Nothing
 * on this path allocates.
 */
#include "host/host_internal.h"

#include <stdlib.h>
#include <string.h>

#define FRAMES_TAG     0x62747348u /* 'bTsH' */
#define BATCH_BACKFILL 128u        /* room a filter may retreat into */

/* Copied over an NBL's out-of-band information on reuse (a fixed-size copy
 * the compiler inlines, where a memset becomes a slow `rep stos`). */
static const PVOID g_no_info[MaxNetBufferListInfo];

NDIS_STATUS
undis__host_frames_init(struct undis_host *host)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    if (host->frames_pool != NULL) {
        return NDIS_STATUS_SUCCESS;
    }
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.DataSize = UNDIS_HOST_FRAMES_FRAME_MAX + BATCH_BACKFILL;
    p.PoolTag = FRAMES_TAG;
    host->frames_free =
        (PNET_BUFFER_LIST *)calloc(UNDIS_HOST_FRAMES_POOL, sizeof(PNET_BUFFER_LIST));
    host->frames_pool = NdisAllocateNetBufferListPool(NULL, &p);
    if (host->frames_free == NULL || host->frames_pool == NULL) {
        undis__host_frames_fini(host);
        return NDIS_STATUS_RESOURCES;
    }
    for (ULONG i = 0; i < UNDIS_HOST_FRAMES_POOL; i++) {
        PNET_BUFFER_LIST nbl = NdisAllocateNetBufferList(host->frames_pool, 0, 0);
        if (nbl == NULL) {
            undis__host_frames_fini(host);
            return NDIS_STATUS_RESOURCES;
        }
        host->frames_free[host->frames_free_count++] = nbl;
    }
    host->frames_total = UNDIS_HOST_FRAMES_POOL;
    return NDIS_STATUS_SUCCESS;
}

void
undis__host_frames_fini(struct undis_host *host)
{
    for (ULONG i = 0; i < host->frames_free_count; i++) {
        NdisFreeNetBufferList(host->frames_free[i]);
    }
    if (host->frames_pool != NULL) {
        NdisFreeNetBufferListPool(host->frames_pool);
    }
    free(host->frames_free);
    host->frames_free = NULL;
    host->frames_free_count = 0;
    host->frames_total = 0;
    host->frames_pool = NULL;
}

ULONG
undis__host_frames_put(struct undis_host *host, PNET_BUFFER_LIST nbls)
{
    ULONG n = 0;
    undis__spin_lock(&host->frames_lock);
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
        host->frames_free[host->frames_free_count++] = nbls;
        n++;
        nbls = next;
    }
    undis__spin_unlock(&host->frames_lock);
    return n;
}

/* Takes count free NBLs into out; FALSE (none taken) when fewer are free. */
static BOOLEAN
frames_take(struct undis_host *host, PNET_BUFFER_LIST *out, ULONG count)
{
    BOOLEAN ok;
    undis__spin_lock(&host->frames_lock);
    ok = host->frames_free_count >= count;
    if (ok) {
        host->frames_free_count -= count;
        memcpy(out, &host->frames_free[host->frames_free_count], count * sizeof(*out));
    }
    undis__spin_unlock(&host->frames_lock);
    return ok;
}

/* Makes a recycled NBL fresh for a frame, as a miniport resets its own NBL
 * before reuse: no link, no status, no out-of-band information, its one NB
 * over the frame right after the backfill. */
static void
fill(struct undis_host *host, PNET_BUFFER_LIST nbl, const UCHAR *frame, ULONG length)
{
    PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(nbl);
    PMDL mdl = NET_BUFFER_FIRST_MDL(nb);
    NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
    NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    nbl->SourceHandle = (NDIS_HANDLE)host;
    memcpy(nbl->NetBufferListInfo, g_no_info, sizeof(nbl->NetBufferListInfo));
    NET_BUFFER_NEXT_NB(nb) = NULL;
    NET_BUFFER_CURRENT_MDL(nb) = mdl;
    NET_BUFFER_CURRENT_MDL_OFFSET(nb) = BATCH_BACKFILL;
    NET_BUFFER_DATA_OFFSET(nb) = BATCH_BACKFILL;
    NET_BUFFER_DATA_LENGTH(nb) = length;
    /* the pool built the MDL over its data block (nonpaged: mapped) */
    memcpy((PUCHAR)MmGetMdlVirtualAddress(mdl) + BATCH_BACKFILL, frame, length);
}

/* Checks a batch call's arguments and takes and fills its NBLs; the total
 * bytes in *bytes. */
static NDIS_STATUS
frames_make(struct undis_host *host,
            const UCHAR *const *frames,
            const ULONG *lengths,
            ULONG count,
            PNET_BUFFER_LIST *nbls,
            ULONG64 *bytes)
{
    if (host == NULL || frames == NULL || lengths == NULL || count == 0 ||
        count > UNDIS_HOST_FRAMES_MAX) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    for (ULONG i = 0; i < count; i++) {
        if (frames[i] == NULL || lengths[i] == 0 || lengths[i] > UNDIS_HOST_FRAMES_FRAME_MAX) {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
    }
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_PAUSED;
    }
    if (host->frames_pool == NULL || !frames_take(host, nbls, count)) {
        return NDIS_STATUS_RESOURCES;
    }
    *bytes = 0;
    for (ULONG i = 0; i < count; i++) {
        fill(host, nbls[i], frames[i], lengths[i]);
        *bytes += lengths[i];
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_send_frames(undis_host *host,
                       const UCHAR *const *frames,
                       const ULONG *lengths,
                       ULONG count)
{
    PNET_BUFFER_LIST nbls[UNDIS_HOST_FRAMES_MAX];
    ULONG64 bytes = 0;
    NDIS_STATUS status = frames_make(host, frames, lengths, count, nbls, &bytes);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    for (ULONG i = 0; i + 1 < count; i++) {
        NET_BUFFER_LIST_NEXT_NBL(nbls[i]) = nbls[i + 1];
    }
    return undis__host_send_chain(host, nbls[0], count, bytes);
}

NDIS_STATUS
undis_host_receive_frames(
    undis_host *host, const UCHAR *const *frames, const ULONG *lengths, ULONG count, ULONG flags)
{
    PNET_BUFFER_LIST nbls[UNDIS_HOST_FRAMES_MAX];
    ULONG64 bytes = 0;
    NDIS_STATUS status = frames_make(host, frames, lengths, count, nbls, &bytes);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    return undis__host_receive_nbls(host, nbls, count, bytes, flags);
}
