/* SPDX-License-Identifier: MIT */
/*
 * context.c: the NET_BUFFER_LIST context stack (spec 6.6).
 *
 *   nbl->Context -> [ block: Size, Offset | unused (Offset) | used ] -> Next ...
 *
 * Allocation takes from the top block's unused space when it fits; otherwise
 * it pushes a new block of ContextSize + ContextBackFill bytes whose last
 * ContextSize bytes are in use. Freeing gives space back to the top block;
 * a pushed block whose space is all unused is popped and freed, and what was
 * freed beyond it carries on into the next block. The pool's own (inline)
 * block is never popped.
 */
#include "datapath/nbl_pool.h"
#include "base/verify.h"

NDIS_STATUS
NdisAllocateNetBufferListContext(NET_BUFFER_LIST *NetBufferList,
                                 USHORT ContextSize,
                                 USHORT ContextBackFill,
                                 ULONG PoolTag)
{
    NET_BUFFER_LIST *nbl = NetBufferList;
    PNET_BUFFER_LIST_CONTEXT top = nbl->Context;
    PNET_BUFFER_LIST_CONTEXT blk;
    ULONG size = (ULONG)ContextSize + ContextBackFill;
    if (undis__verify_on() && !undis__verify_nbl_live("NdisAllocateNetBufferListContext",
                                                      (const void *)(uintptr_t)NetBufferList)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    UNREFERENCED_PARAMETER(PoolTag);
    if (ContextSize == 0) {
        return NDIS_STATUS_SUCCESS;
    }
    if (((ContextSize | ContextBackFill) & 7) != 0) {
        if (undis__verify_on()) {
            undis__report(UNDIS_RULE_CONTEXT_SIZE, "NdisAllocateNetBufferListContext", nbl, NULL,
                          nbl, "ContextSize %u / ContextBackFill %u: not multiples of 8",
                          ContextSize, ContextBackFill);
        }
        return NDIS_STATUS_INVALID_DATA;
    }
    if (top != NULL && top->Offset >= ContextSize) {
        top->Offset = (USHORT)(top->Offset - ContextSize);
        return NDIS_STATUS_SUCCESS;
    }
    if (size > MAXUSHORT) {
        return NDIS_STATUS_RESOURCES; /* Size would not fit the USHORT field */
    }
    blk = (PNET_BUFFER_LIST_CONTEXT)undis__mem_alloc(sizeof(NET_BUFFER_LIST_CONTEXT) + size);
    if (blk == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    blk->Next = top;
    blk->Size = (USHORT)size;
    blk->Offset = (USHORT)(size - ContextSize);
    nbl->Context = blk;
    return NDIS_STATUS_SUCCESS;
}

/* The context in use must cover what is freed (the inline block counts up
 * to its Offset only: below that it was never allocated). */
static int
verify_context_free(const NET_BUFFER_LIST *nbl,
                    const NET_BUFFER_LIST_CONTEXT *inline_ctx,
                    USHORT size)
{
    ULONG used = 0;
    for (const NET_BUFFER_LIST_CONTEXT *c = nbl->Context; c != NULL; c = c->Next) {
        used += (ULONG)(c->Size - c->Offset);
        if (c == inline_ctx) {
            break;
        }
    }
    if (size > used) {
        undis__report(UNDIS_RULE_CONTEXT_UNDERFLOW, "NdisFreeNetBufferListContext", nbl, NULL, nbl,
                      "ContextSize %u is more than the %u bytes of context in use", size, used);
        return 0;
    }
    return 1;
}

VOID
NdisFreeNetBufferListContext(NET_BUFFER_LIST *NetBufferList, USHORT ContextSize)
{
    NET_BUFFER_LIST *nbl = NetBufferList;
    const struct undis__nbl_pool *pool = undis__pool_of(nbl);
    PNET_BUFFER_LIST_CONTEXT inline_ctx = undis__inline_context(pool, nbl);
    PNET_BUFFER_LIST_CONTEXT blk = nbl->Context;
    ULONG give = ContextSize;
    if (undis__verify_on() && !undis__verify_nbl_live("NdisFreeNetBufferListContext",
                                                      (const void *)(uintptr_t)NetBufferList)) {
        return;
    }
    if (undis__verify_on() && !verify_context_free(nbl, inline_ctx, ContextSize)) {
        return;
    }
    while (blk != NULL) {
        ULONG offset = blk->Offset + give;
        if (blk == inline_ctx || offset < blk->Size) {
            blk->Offset = (USHORT)offset;
            return;
        }
        give = offset - blk->Size;
        nbl->Context = blk->Next;
        undis__mem_free(blk);
        blk = nbl->Context;
    }
}
