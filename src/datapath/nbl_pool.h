/* SPDX-License-Identifier: MIT */
/*
 * nbl_pool.h: what an NDIS pool handle points at. An NET_BUFFER_LIST pool
 * and a NET_BUFFER pool are the same structure with a different magic; each
 * wraps one object cache (pool.h) whose objects are pre-assembled:
 *
 *   NBL pool object:  [hidden][NET_BUFFER_LIST][NET_BUFFER]?[MDL]?[context]?[data]?
 *   NB pool object:   [hidden][NET_BUFFER][MDL + data]?
 *
 * ([NET_BUFFER] when fAllocateNetBuffer, [context] when ContextSize,
 * [MDL] and [data] when DataSize; the MDL is built once when the object is
 * carved and only its ByteCount and Next are reset on reuse, as in Windows.
 * The MDL always follows the NB directly, so that an advance with FreeMdl
 * recognises it as the pool's and never frees it; Windows puts the context
 * in between, which makes such an advance free the pool's MDL.)
 */
#ifndef UNDIS_NBL_POOL_H
#define UNDIS_NBL_POOL_H

#include "datapath/pool.h"
#include "datapath/zero.h"

#define UNDIS__NBL_POOL_MAGIC 0x4E424C50u /* "NBLP" */
#define UNDIS__NB_POOL_MAGIC  0x4E425050u /* "NBPP" */

/* Object kinds, in the hidden header. */
#define UNDIS__KIND_NBL 1u
#define UNDIS__KIND_NB  2u

/* NBL Flags bits NDIS owns (spec 2.4). */
#define UNDIS__NBL_FLAG_ALLOCATED  0x00000100u
#define UNDIS__NBL_FLAG_CTX_PUSHED 0x00000400u

struct undis__nbl_pool {
    struct undis__cache cache;
    uint32_t magic;
    NDIS_HANDLE ndis_handle;
    ULONG tag;
    ULONG data_size;
    ULONG flags;
    USHORT context_size;
    UCHAR protocol_id;
    BOOLEAN alloc_nb;
    BOOLEAN plain; /* alloc_nb and no context: the shape level 1 checks inline */
    /* Offsets from the object's body (the NBL, or the NB in an NB pool). */
    uint32_t off_nb;
    uint32_t off_ctx;
    uint32_t off_mdl;
    uint32_t off_data;
    /* The reset at allocation (zeroing and the fields the spec gives),
     * built for this pool's block size and vector width (nbl_reset.h):
     * reset_nbl in NBL pools, reset_nb in NB pools. */
    NET_BUFFER_LIST *(*reset_nbl)(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl);
    NET_BUFFER *(*reset_nb)(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl);
    /* Pools with an embedded NB and data and no context: the image of a
     * freshly reset NBL + NB, its pointer fields as offsets from the NBL
     * (see tmpl_reset_avx512 in nbl_reset.c). */
    unsigned char tmpl_bytes[sizeof(NET_BUFFER_LIST) + sizeof(NET_BUFFER)];
};

/* Pool creation behind NdisAllocateNetBuffer(List)Pool; fault_point 0 for
 * undis's internal pools, which no test should be able to fail. */
NDIS_HANDLE undis__nbl_pool_create(NDIS_HANDLE NdisHandle,
                                   NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters,
                                   int fault_point);
NDIS_HANDLE undis__nb_pool_create(NDIS_HANDLE NdisHandle,
                                  NET_BUFFER_POOL_PARAMETERS const *Parameters,
                                  int fault_point);

/* The hidden header of a pooled NBL or NB. */
static inline struct undis__obj *
undis__obj_of(const void *body)
{
    return (struct undis__obj *)(void *)((char *)(uintptr_t)body - sizeof(struct undis__obj));
}

static inline struct undis__nbl_pool *
undis__pool_of(const void *body)
{
    return (struct undis__nbl_pool *)(void *)undis__obj_of(body)->cache;
}

/* The pool's own context block inside a pooled NBL, or NULL. */
static inline PNET_BUFFER_LIST_CONTEXT
undis__inline_context(const struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl)
{
    return pool->context_size != 0 ? (PNET_BUFFER_LIST_CONTEXT)(void *)((char *)nbl + pool->off_ctx)
                                   : NULL;
}

#endif /* UNDIS_NBL_POOL_H */
