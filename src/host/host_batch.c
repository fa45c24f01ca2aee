/* SPDX-License-Identifier: MIT */
/*
 * host_batch.c: chains of NBLs with several NET_BUFFERs on a chosen MDL
 * geometry (<undis/host_batch.h>). Each NBL of a batch has a record, kept
 * in a list beside it (no field of the NBL is used, so whichever module
 * sits above or below may use its reserved fields): its extra NET_BUFFERs,
 * every MDL the host made with its buffer, and the snapshot to compare with
 * when it comes back. undis__host_nbl_free hands such an NBL here.
 */
#include "host/host_internal.h"

#include <string.h>

#include <undis/host_batch.h>
#include <undis/verifier.h>

#define BATCH_TAG   0x68746142u /* 'Bath' */
#define BATCH_MAGIC 0x48427452u

struct batch_mdl {
    PMDL mdl;
    PVOID buffer;
    ULONG guarded; /* bytes of a guarded buffer (undis__guard_alloc); 0: pool memory */
};

struct batch_rec {
    ULONG magic;
    struct batch_rec *next;
    PNET_BUFFER_LIST nbl;
    undis_nbl_geometry *snapshot; /* NULL: not checked */
    ULONG nb_count;
    ULONG mdl_count;
    BOOLEAN guard;
    PNET_BUFFER nbs[UNDIS_HOST_BATCH_MAX_NBS];
    struct batch_mdl mdls[UNDIS_HOST_BATCH_MAX_NBS * UNDIS_HOST_BATCH_MAX_MDLS];
};

static undis__spinlock g_lock;
static struct batch_rec *g_recs;
static volatile int g_count;
static undis__once g_pool_once;
static NDIS_HANDLE g_nb_pool;

static void
make_nb_pool(void)
{
    NET_BUFFER_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.PoolTag = BATCH_TAG;
    g_nb_pool = NdisAllocateNetBufferPool(NULL, &p);
}

static void
rec_link(struct batch_rec *rec)
{
    undis__spin_lock(&g_lock);
    rec->next = g_recs;
    g_recs = rec;
    undis__atomic_store_relaxed_int(&g_count, g_count + 1);
    undis__spin_unlock(&g_lock);
}

/* Takes nbl's record out of the list; NULL when nbl is not a batch's. */
static struct batch_rec *
rec_unlink(PNET_BUFFER_LIST nbl)
{
    struct batch_rec *found = NULL;
    if (undis__atomic_load_acquire_int(&g_count) == 0) {
        return NULL;
    }
    undis__spin_lock(&g_lock);
    for (struct batch_rec **p = &g_recs; *p != NULL; p = &(*p)->next) {
        if ((*p)->nbl == nbl) {
            found = *p;
            *p = found->next;
            undis__atomic_store_relaxed_int(&g_count, g_count - 1);
            break;
        }
    }
    undis__spin_unlock(&g_lock);
    return found;
}

static PVOID
alloc_buffer(struct batch_mdl *m, ULONG size, BOOLEAN guard)
{
    m->guarded = guard ? size : 0;
    return guard ? undis__guard_alloc(size)
                 : NdisAllocateMemoryWithTagPriority(NULL, size, BATCH_TAG, NormalPoolPriority);
}

static void
free_buffer(struct batch_mdl *m)
{
    if (m->guarded != 0) {
        undis__guard_free(m->buffer, m->guarded);
    } else {
        NdisFreeMemoryWithTagPriority(NULL, m->buffer, BATCH_TAG);
    }
}

/* Frees what a record holds: extra NBs, the NBL, the MDLs and buffers. */
static void
rec_free(struct batch_rec *rec)
{
    if (rec->nbl != NULL) {
        NET_BUFFER_LIST_NEXT_NBL(rec->nbl) = NULL;
        NET_BUFFER_NEXT_NB(rec->nbs[0]) = NULL;
        for (ULONG i = 1; i < rec->nb_count; i++) {
            NET_BUFFER_NEXT_NB(rec->nbs[i]) = NULL;
            NdisFreeNetBuffer(rec->nbs[i]);
        }
        NdisFreeNetBufferList(rec->nbl);
    }
    for (ULONG i = 0; i < rec->mdl_count; i++) {
        NdisFreeMdl(rec->mdls[i].mdl);
        free_buffer(&rec->mdls[i]);
    }
    NdisFreeMemoryWithTagPriority(NULL, rec, BATCH_TAG);
}

BOOLEAN
undis__host_batch_free(PNET_BUFFER_LIST nbl)
{
    struct batch_rec *rec = rec_unlink(nbl);
    if (rec == NULL) {
        return FALSE;
    }
    if (rec->snapshot != NULL) {
        (void)undis_nbl_expect_restored(rec->snapshot, nbl);
    }
    rec_free(rec);
    return TRUE;
}

/* One MDL of size bytes, front bytes of them unused, data copied after. */
static BOOLEAN
add_mdl(struct batch_rec *rec, PMDL **tail, const UCHAR *data, ULONG front, ULONG size)
{
    ULONG alloc = front + size != 0 ? front + size : 1;
    struct batch_mdl *m = &rec->mdls[rec->mdl_count];
    m->buffer = alloc_buffer(m, alloc, rec->guard);
    if (m->buffer == NULL) {
        return FALSE;
    }
    memset(m->buffer, 0, front);
    if (size != 0) {
        memcpy((PUCHAR)m->buffer + front, data, size);
    }
    m->mdl = NdisAllocateMdl(NULL, m->buffer, front + size);
    if (m->mdl == NULL) {
        free_buffer(m);
        return FALSE;
    }
    rec->mdl_count++;
    **tail = m->mdl;
    *tail = &m->mdl->Next;
    return TRUE;
}

/* The MDL chain of one frame, as its geometry says. */
static PMDL
make_chain(struct batch_rec *rec, const undis_host_frame *f)
{
    PMDL head = NULL;
    PMDL *tail = &head;
    ULONG done = 0;
    ULONG count = f->mdl_bytes != NULL && f->mdl_count != 0 ? f->mdl_count : 1;
    for (ULONG i = 0; i < count; i++) {
        ULONG size = f->length - done;
        if (i + 1 < count && f->mdl_bytes[i] < size) {
            size = f->mdl_bytes[i];
        }
        if (!add_mdl(rec, &tail, f->data + done, i == 0 ? f->data_offset : 0, size)) {
            return NULL;
        }
        done += size;
    }
    return head;
}

static BOOLEAN
batch_valid(const undis_host_batch *b)
{
    ULONG sum = 0;
    if (b == NULL || b->frames == NULL || b->nbs_per_nbl == NULL || b->nbl_count == 0) {
        return FALSE;
    }
    for (ULONG i = 0; i < b->nbl_count; i++) {
        if (b->nbs_per_nbl[i] == 0 || b->nbs_per_nbl[i] > UNDIS_HOST_BATCH_MAX_NBS) {
            return FALSE;
        }
        sum += b->nbs_per_nbl[i];
    }
    for (ULONG i = 0; i < b->frame_count && sum == b->frame_count; i++) {
        const undis_host_frame *f = &b->frames[i];
        if ((f->data == NULL && f->length != 0) || f->mdl_count > UNDIS_HOST_BATCH_MAX_MDLS ||
            f->data_offset > 0x10000u || f->length > 0x1000000u) {
            return FALSE;
        }
    }
    return sum == b->frame_count;
}

/* One NBL of nbs frames; NULL (nothing left allocated) when memory runs out. */
static PNET_BUFFER_LIST
make_nbl(struct undis_host *host, const undis_host_frame *frames, ULONG nbs, ULONG flags)
{
    struct batch_rec *rec = (struct batch_rec *)NdisAllocateMemoryWithTagPriority(
        NULL, sizeof(*rec), BATCH_TAG, NormalPoolPriority);
    if (rec == NULL) {
        return NULL;
    }
    memset(rec, 0, sizeof(*rec));
    rec->magic = BATCH_MAGIC;
    rec->guard = (flags & UNDIS_HOST_BATCH_GUARD) != 0;
    for (ULONG i = 0; i < nbs; i++) {
        PMDL chain = make_chain(rec, &frames[i]);
        if (chain == NULL) {
            rec_free(rec);
            return NULL;
        }
        if (i == 0) {
            rec->nbl = NdisAllocateNetBufferAndNetBufferList(
                host->nbl_pool, 0, 0, chain, frames[i].data_offset, frames[i].length);
            rec->nbs[0] = rec->nbl != NULL ? NET_BUFFER_LIST_FIRST_NB(rec->nbl) : NULL;
        } else {
            rec->nbs[i] =
                NdisAllocateNetBuffer(g_nb_pool, chain, frames[i].data_offset, frames[i].length);
            if (rec->nbs[i] != NULL) {
                NET_BUFFER_NEXT_NB(rec->nbs[i - 1]) = rec->nbs[i];
            }
        }
        if (rec->nbs[i] == NULL) {
            rec_free(rec);
            return NULL;
        }
        rec->nb_count = i + 1;
    }
    rec->nbl->SourceHandle = (NDIS_HANDLE)host;
    rec->snapshot = (flags & UNDIS_HOST_BATCH_RESTORED) != 0 ? undis_nbl_snapshot(rec->nbl) : NULL;
    rec_link(rec);
    return rec->nbl;
}

/* The whole chain, or NULL with nothing left allocated. */
static PNET_BUFFER_LIST
make_chain_of_nbls(struct undis_host *host, const undis_host_batch *b, ULONG64 *bytes)
{
    PNET_BUFFER_LIST head = NULL;
    PNET_BUFFER_LIST *tail = &head;
    ULONG first = 0;
    undis__once_run(&g_pool_once, make_nb_pool);
    *bytes = 0;
    for (ULONG i = 0; i < b->nbl_count; i++) {
        PNET_BUFFER_LIST nbl = g_nb_pool == NULL
                                   ? NULL
                                   : make_nbl(host, &b->frames[first], b->nbs_per_nbl[i], b->flags);
        if (nbl == NULL) {
            while (head != NULL) {
                PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(head);
                (void)undis__host_batch_free(head);
                head = next;
            }
            return NULL;
        }
        *tail = nbl;
        tail = &NET_BUFFER_LIST_NEXT_NBL(nbl);
        *bytes += undis__host_nbl_bytes(nbl);
        first += b->nbs_per_nbl[i];
    }
    return head;
}

/* Builds the chain; NULL with *status set on failure. */
static PNET_BUFFER_LIST
prepare(struct undis_host *host, const undis_host_batch *b, ULONG64 *bytes, NDIS_STATUS *status)
{
    PNET_BUFFER_LIST nbls;
    *status = NDIS_STATUS_SUCCESS;
    if (!batch_valid(b)) {
        *status = NDIS_STATUS_INVALID_PARAMETER;
        return NULL;
    }
    if (undis__atomic_load_acquire_int(&host->state) != UNDIS_HOST_RUNNING) {
        *status = NDIS_STATUS_PAUSED;
        return NULL;
    }
    nbls = make_chain_of_nbls(host, b, bytes);
    if (nbls == NULL) {
        *status = NDIS_STATUS_RESOURCES;
    }
    return nbls;
}

NDIS_STATUS
undis_host_send_batch(undis_host *host, const undis_host_batch *batch)
{
    ULONG64 bytes;
    NDIS_STATUS status;
    PNET_BUFFER_LIST nbls = host == NULL ? NULL : prepare(host, batch, &bytes, &status);
    if (nbls == NULL) {
        return host == NULL ? NDIS_STATUS_INVALID_PARAMETER : status;
    }
    return undis__host_send_chain(host, nbls, batch->nbl_count, bytes);
}

/* The chain goes up as undis's miniport indicates any chain
 * (undis__host_receive_nbls): to the filter, or past a filter without a
 * receive handler to the protocol (undis's, or a hosted protocol's), with
 * the ledger and RESOURCES handled there. */
NDIS_STATUS
undis_host_receive_batch(undis_host *host, const undis_host_batch *batch)
{
    PNET_BUFFER_LIST array[UNDIS_HOST_BATCH_MAX_NBLS];
    ULONG64 bytes;
    NDIS_STATUS status;
    BOOLEAN resources = batch != NULL && (batch->flags & UNDIS_HOST_BATCH_RESOURCES) != 0;
    ULONG n = 0;
    PNET_BUFFER_LIST nbls;
    if (batch != NULL && batch->nbl_count > UNDIS_HOST_BATCH_MAX_NBLS) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    nbls = host == NULL ? NULL : prepare(host, batch, &bytes, &status);
    if (nbls == NULL) {
        return host == NULL ? NDIS_STATUS_INVALID_PARAMETER : status;
    }
    for (PNET_BUFFER_LIST x = nbls; x != NULL; x = NET_BUFFER_LIST_NEXT_NBL(x)) {
        array[n++] = x;
    }
    return undis__host_receive_nbls(host, array, n, bytes,
                                    resources ? UNDIS_HOST_RECEIVE_RESOURCES : 0);
}
