/* SPDX-License-Identifier: MIT */
/*
 * nbl.c: the NET_BUFFER_LIST / NET_BUFFER lifecycle (spec 6.3):
 * NdisAllocateNetBufferList, NdisAllocateNetBuffer,
 * NdisAllocateNetBufferAndNetBufferList, NdisAllocateNetBufferMdlAndData,
 * the frees, the pool and protocol-id getters, and the generic object. The
 * pools themselves are in nbl_pool.c.
 *
 * Each allocation is one pop from the calling thread's magazine (pool.h)
 * followed by the pool's reset (nbl_reset.h), so that the object comes out
 * in exactly the state the spec gives.
 */
#include "datapath/nbl_free.h"
#include "datapath/nbl_pool.h"
#include "base/check_after.h"
#include "base/verify.h"

#include <string.h>

/* The context an allocation asks for: from the pool's inline block when it
 * fits, otherwise a pushed block (NBL Flags 0x400, freed with the NBL). */
static NDIS_STATUS
nbl_initial_context(NET_BUFFER_LIST *nbl, USHORT size, USHORT backfill, ULONG tag)
{
    NDIS_STATUS status;
    if (nbl->Context != NULL && size <= nbl->Context->Offset) {
        nbl->Context->Offset = (USHORT)(nbl->Context->Offset - size);
        return NDIS_STATUS_SUCCESS;
    }
    status = NdisAllocateNetBufferListContext(nbl, size, backfill, tag);
    if (status == NDIS_STATUS_SUCCESS) {
        nbl->Flags |= UNDIS__NBL_FLAG_CTX_PUSHED;
    }
    return status;
}

/* Every allocation the fast path of NdisAllocateNetBufferList leaves out:
 * bad arguments, contexts, verifier level 2 and up, IRQL above DISPATCH. */
UNDIS_NOINLINE static NET_BUFFER_LIST *
nbl_alloc_general(struct undis__nbl_pool *pool, USHORT ContextSize, USHORT ContextBackFill)
{
    struct undis__obj *obj;
    NET_BUFFER_LIST *nbl;
    if (undis__verify_on() &&
        !undis__verify_nbl_alloc(pool, ContextSize, ContextBackFill, "NdisAllocateNetBufferList")) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NBL_POOL_MAGIC ||
        ((ContextSize | ContextBackFill) & 7) != 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nbl = pool->reset_nbl(pool, (NET_BUFFER_LIST *)(void *)(obj + 1));
    if (undis__verify_level(3)) {
        undis__history_note(nbl, "NdisAllocateNetBufferList");
    }
    if (ContextSize != 0 &&
        nbl_initial_context(nbl, ContextSize, ContextBackFill, pool->tag) != NDIS_STATUS_SUCCESS) {
        undis__cache_put(&pool->cache, obj);
        return NULL;
    }
    UNDIS_CHECK_AFTER_NBL("NdisAllocateNetBufferList", nbl);
    return nbl;
}

/* The usual call -- a valid pool, no context asked, the verifier below
 * level 2 and IRQL at most DISPATCH_LEVEL, where no level-1 rule can fire --
 * is a magazine pop and the reset; the same code at levels 0 and 1. */
NET_BUFFER_LIST *
NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    /* (pool - 1 < limit): pool is not NULL and the gate of <ndis/nbinline.h>
     * is open (verifier below level 2, no thread above DISPATCH_LEVEL). */
    if (UNDIS_UNLIKELY((uintptr_t)pool - 1 >= undis__nb_inline_limit ||
                       pool->magic != UNDIS__NBL_POOL_MAGIC ||
                       (ContextSize | ContextBackFill) != 0)) {
        return nbl_alloc_general(pool, ContextSize, ContextBackFill);
    }
    obj = undis__cache_try_get(&pool->cache);
    if (UNDIS_UNLIKELY(obj == NULL)) {
        return nbl_alloc_general(pool, 0, 0);
    }
    return pool->reset_nbl(pool, (NET_BUFFER_LIST *)(void *)(obj + 1));
}

NET_BUFFER_LIST *
NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle,
                                      USHORT ContextSize,
                                      USHORT ContextBackFill,
                                      MDL *MdlChain,
                                      ULONG DataOffset,
                                      SIZE_T DataLength)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    if (pool == NULL || pool->magic != UNDIS__NBL_POOL_MAGIC || !pool->alloc_nb ||
        pool->data_size != 0) {
        return NULL;
    }
    nbl = NdisAllocateNetBufferList(pool, ContextSize, ContextBackFill);
    if (nbl == NULL) {
        return NULL;
    }
    nb = nbl->FirstNetBuffer;
    nb->MdlChain = MdlChain;
    nb->DataOffset = DataOffset;
    nb->DataLength = (ULONG)DataLength;
    undis__nb_locate(nb);
    UNDIS_CHECK_AFTER_NBL("NdisAllocateNetBufferAndNetBufferList", nbl);
    return nbl;
}

UNDIS_NOINLINE static void
nbl_free_general(NET_BUFFER_LIST *nbl, struct undis__obj *obj)
{
    if (undis__verify_on() && !undis__verify_nbl_free(nbl)) {
        return;
    }
    if (nbl->Context != NULL && (nbl->Flags & UNDIS__NBL_FLAG_CTX_PUSHED) != 0) {
        NdisFreeNetBufferListContext(nbl, (USHORT)(nbl->Context->Size - nbl->Context->Offset));
    }
    if (undis__verify_level(3)) {
        undis__history_note(nbl, "NdisFreeNetBufferList");
    }
    if (undis__verify_level(2)) {
        undis__quarantine_put(obj);
        return;
    }
    undis__cache_put(obj->cache, obj);
}

/* The usual free. At level 0 (a pool without an inline context, no context
 * pushed) it reads the NBL's first line only -- Context and NdisPoolHandle,
 * which is how Windows finds the pool too --, so that an NBL freed on another CPU than the one that
 * allocated it moves as few cache lines as possible between the two; the object's state word is not
 * stamped (undis__cache_push). At level 1 every check runs inline first and the state is stamped,
 * so that a second free is seen. */
VOID
NdisFreeNetBufferList(NET_BUFFER_LIST *NetBufferList)
{
    NET_BUFFER_LIST *nbl = NetBufferList;
    struct undis__obj *obj = undis__obj_of(nbl);
    if (UNDIS_UNLIKELY(undis__verifier_level != 0)) {
        /* Level 1 (the gate open): the contract inline (nbl_free.h). */
        if (UNDIS_UNLIKELY(undis__nbl_free_ok(nbl, obj) != UNDIS__NBL_FREE_BARE ||
                           undis__nb_inline_limit == 0)) {
            nbl_free_general(nbl, obj);
            return;
        }
        undis__cache_put(obj->cache, obj);
        return;
    }
    if (UNDIS_UNLIKELY(nbl->Context != NULL)) {
        nbl_free_general(nbl, obj);
        return;
    }
    /* Windows clears the allocated bit (0x100) here; only a read after the
     * free could see it, and the next allocation sets it again. Left alone
     * (at every level): it is the one store that would pull the Flags line
     * into the freeing CPU's cache (B3). */
    undis__cache_push(&((struct undis__nbl_pool *)nbl->NdisPoolHandle)->cache, obj);
}

NET_BUFFER *
NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, MDL *MdlChain, ULONG DataOffset, SIZE_T DataLength)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    NET_BUFFER *nb;
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateNetBuffer", (const void *)(uintptr_t)PoolHandle)) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NB_POOL_MAGIC || pool->data_size != 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nb = pool->reset_nb(pool, (NET_BUFFER *)(void *)(obj + 1), NULL);
    nb->MdlChain = MdlChain;
    nb->DataOffset = DataOffset;
    nb->DataLength = (ULONG)DataLength;
    undis__nb_locate(nb);
    UNDIS_CHECK_AFTER_NB("NdisAllocateNetBuffer", nb);
    return nb;
}

NET_BUFFER *
NdisAllocateNetBufferMdlAndData(NDIS_HANDLE PoolHandle)
{
    struct undis__nbl_pool *pool = (struct undis__nbl_pool *)PoolHandle;
    struct undis__obj *obj;
    NET_BUFFER *nb;
    if (undis__verify_on() && !undis__verify_irql("NdisAllocateNetBufferMdlAndData",
                                                  (const void *)(uintptr_t)PoolHandle)) {
        return NULL;
    }
    if (pool == NULL || pool->magic != UNDIS__NB_POOL_MAGIC || pool->data_size == 0) {
        return NULL;
    }
    obj = undis__cache_get(&pool->cache);
    if (obj == NULL) {
        return NULL;
    }
    nb = pool->reset_nb(pool, (NET_BUFFER *)(void *)(obj + 1),
                        (PMDL)(void *)((char *)(obj + 1) + pool->off_mdl));
    UNDIS_CHECK_AFTER_NB("NdisAllocateNetBufferMdlAndData", nb);
    return nb;
}

VOID
NdisFreeNetBuffer(NET_BUFFER *NetBuffer)
{
    struct undis__obj *obj = undis__obj_of(NetBuffer);
    struct undis__nbl_pool *pool;
    PMDL head = NetBuffer->MdlChain;
    if (undis__verify_on() && !undis__verify_nb_free(NetBuffer)) {
        return;
    }
    pool = (struct undis__nbl_pool *)(void *)obj->cache;
    /* As Windows: a data pool's NB unmaps a mapped partial MDL at its head. */
    if (pool->data_size != 0 && head != NULL &&
        (head->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(head->MappedSystemVa, head);
    }
    if (undis__verify_level(2)) {
        undis__quarantine_put(obj);
        return;
    }
    undis__cache_put(obj->cache, obj);
}

NDIS_HANDLE
NdisGetPoolFromNetBufferList(NET_BUFFER_LIST const *NetBufferList)
{
    return NetBufferList->NdisPoolHandle;
}

NDIS_HANDLE
NdisGetPoolFromNetBuffer(NET_BUFFER const *NetBuffer)
{
    return NetBuffer->NdisPoolHandle;
}

UCHAR
NdisGetNetBufferListProtocolId(NET_BUFFER_LIST const *NetBufferList)
{
    UCHAR id = (UCHAR)((ULONG_PTR)NetBufferList->NetBufferListInfo[NetBufferListProtocolId] &
                       NDIS_PROTOCOL_ID_MASK);
    const struct undis__nbl_pool *pool =
        (const struct undis__nbl_pool *)NetBufferList->NdisPoolHandle;
    if (id == 0 && pool != NULL) {
        id = pool->protocol_id;
    }
    return id;
}

PNDIS_GENERIC_OBJECT
NdisAllocateGenericObject(PDRIVER_OBJECT DriverObject, ULONG Tag, USHORT Size)
{
    PNDIS_GENERIC_OBJECT obj =
        (PNDIS_GENERIC_OBJECT)undis__mem_alloc(sizeof(NDIS_GENERIC_OBJECT) + Size);
    if (undis__verify_on() &&
        !undis__verify_irql("NdisAllocateGenericObject", (const void *)(uintptr_t)DriverObject)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(Tag);
    if (obj != NULL) {
        memset(obj, 0, sizeof(NDIS_GENERIC_OBJECT) + Size);
        obj->Header.Revision = NDIS_GENERIC_OBJECT_REVISION_1;
        obj->Header.Size = (USHORT)sizeof(NDIS_GENERIC_OBJECT);
        obj->DriverObject = DriverObject;
    }
    return obj;
}

VOID
NdisFreeGenericObject(PNDIS_GENERIC_OBJECT NdisObject)
{
    if (undis__verify_on() &&
        !undis__verify_irql("NdisFreeGenericObject", (const void *)(uintptr_t)NdisObject)) {
        return;
    }
    undis__mem_free(NdisObject);
}
