/*
 * test_context.c - the NET_BUFFER_LIST context stack (spec 6.6, and the
 * context part of NdisAllocateNetBufferList in 6.3): conformance vector 17,
 * the status codes (SUCCESS for size 0, INVALID_DATA, RESOURCES) and that a
 * failure changes nothing, backfill reuse without allocating, frees that
 * spill over from one block into the next, the block an allocation pushes
 * (Flags 0x400) and its free with the NBL, NET_BUFFER_LIST_CONTEXT_DATA_SIZE
 * and the 16-byte alignment of context data.
 *
 * Every case checks that undis_alloc_outstanding() ends where it started.
 */
#include "test.h"

#include <ndis.h>
#include <undis/fault.h>

#define TAG 0x78747843u /* "Cctx" */

/* The x64/x86 header of a context block (16 / 8 bytes). */
#define CTX_HEADER ((ULONG)sizeof(NET_BUFFER_LIST_CONTEXT))

static NDIS_HANDLE
pool_new(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = alloc_nb;
    p.ContextSize = context_size;
    p.PoolTag = TAG;
    p.DataSize = data_size;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

/* A context block's header: Next, Size, Offset. */
struct ctx_state {
    PNET_BUFFER_LIST_CONTEXT top;
    PNET_BUFFER_LIST_CONTEXT next;
    USHORT size;
    USHORT offset;
};

static struct ctx_state
ctx_state(const NET_BUFFER_LIST *nbl)
{
    struct ctx_state s;
    memset(&s, 0, sizeof(s));
    s.top = nbl->Context;
    if (s.top != NULL) {
        s.next = s.top->Next;
        s.size = s.top->Size;
        s.offset = s.top->Offset;
    }
    return s;
}

#define CHECK_CTX_UNCHANGED(nbl, before)            \
    do {                                            \
        struct ctx_state now_ = ctx_state(nbl);     \
        CHECK_PTR_EQ(now_.top, (before).top);       \
        CHECK_PTR_EQ(now_.next, (before).next);     \
        CHECK_EQ_U32(now_.size, (before).size);     \
        CHECK_EQ_U32(now_.offset, (before).offset); \
    } while (0)

/* The top block is {Size; Offset; Next} and DATA_START / DATA_SIZE agree. */
#define CHECK_TOP(nbl, sz, off, nxt)                                \
    do {                                                            \
        CHECK_NOT_NULL((nbl)->Context);                             \
        CHECK_EQ_U32((nbl)->Context->Size, (sz));                   \
        CHECK_EQ_U32((nbl)->Context->Offset, (off));                \
        CHECK_PTR_EQ((nbl)->Context->Next, (nxt));                  \
        CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), (sz)); \
        CHECK_PTR_EQ(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl),       \
                     (PUCHAR)(nbl)->Context + CTX_HEADER + (off));  \
    } while (0)

/* ---- conformance vector 17 ----------------------------------------------- */

TEST(vector17_context_stack)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(FALSE, 32, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 16, 0);
    PNET_BUFFER_LIST_CONTEXT ctx, pushed;
    struct ctx_state before;
    unsigned long long count;
    CHECK_NOT_NULL(nbl);
    ctx = nbl->Context;

    /* After the call: Size 32, Offset 16, DATA_SIZE 32, DATA_START ctx+16+16. */
    CHECK_TOP(nbl, 32, 16, NULL);
    CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 32);
#if UNDIS_PTR64
    CHECK_PTR_EQ(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), (PUCHAR)ctx + 16 + 16);
#endif
    CHECK_EQ_U32(nbl->Flags & 0x400, 0);
    memset(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 0x17, 16);

    /* AllocateContext(16, 0): SUCCESS, Offset 0, no allocation. */
    count = undis_alloc_count();
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U64(undis_alloc_count(), count);
    CHECK_PTR_EQ(nbl->Context, ctx);
    CHECK_TOP(nbl, 32, 0, NULL);

    /* AllocateContext(16, 16): a new block, Size >= 32, Offset = Size - 16. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 16, TAG), NDIS_STATUS_SUCCESS);
    pushed = nbl->Context;
    CHECK(pushed != ctx);
    CHECK(pushed->Size >= 32);
    CHECK_TOP(nbl, pushed->Size, pushed->Size - 16u, ctx);
    CHECK_EQ_U32(ctx->Offset, 0);
    CHECK_EQ_U32(ctx->Size, 32);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    memset(pushed->ContextData, 0x71, pushed->Size);

    /* FreeContext(16) pops it... */
    NdisFreeNetBufferListContext(nbl, 16);
    CHECK_PTR_EQ(nbl->Context, ctx);
    CHECK_TOP(nbl, 32, 0, NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);

    /* ...and the next FreeContext(16) brings the inline Offset back to 16. */
    NdisFreeNetBufferListContext(nbl, 16);
    CHECK_PTR_EQ(nbl->Context, ctx);
    CHECK_TOP(nbl, 32, 16, NULL);

    /* AllocateContext(12, 0): NDIS_STATUS_INVALID_DATA, no change. */
    before = ctx_state(nbl);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 12, 0, TAG), NDIS_STATUS_INVALID_DATA);
    CHECK_STATUS(NDIS_STATUS_INVALID_DATA, 0xC0010015u);
    CHECK_CTX_UNCHANGED(nbl, before);

    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- status codes ---------------------------------------------------------- */

TEST(context_size_zero_is_noop_success)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE ctx_pool = pool_new(TRUE, 16, 0);
    NDIS_HANDLE plain_pool = pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *with = NdisAllocateNetBufferList(ctx_pool, 8, 0);
    NET_BUFFER_LIST *without = NdisAllocateNetBufferList(plain_pool, 0, 0);
    struct ctx_state before;
    unsigned long long count;
    CHECK_NOT_NULL(with);
    CHECK_NOT_NULL(without);
    CHECK_NULL(without->Context);

    before = ctx_state(with);
    count = undis_alloc_count();
    CHECK_STATUS(NdisAllocateNetBufferListContext(with, 0, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_CTX_UNCHANGED(with, before);
    /* Size 0 wins over a backfill that is not a multiple of 8. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(with, 0, 12, TAG), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(NdisAllocateNetBufferListContext(with, 0, 64, TAG), NDIS_STATUS_SUCCESS);
    CHECK_CTX_UNCHANGED(with, before);

    CHECK_STATUS(NdisAllocateNetBufferListContext(without, 0, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(NdisAllocateNetBufferListContext(without, 0, 64, TAG), NDIS_STATUS_SUCCESS);
    CHECK_NULL(without->Context);
    CHECK_EQ_U64(undis_alloc_count(), count);

    /* Freeing 0 changes nothing either. */
    NdisFreeNetBufferListContext(with, 0);
    CHECK_CTX_UNCHANGED(with, before);
    NdisFreeNetBufferListContext(without, 0);
    CHECK_NULL(without->Context);

    NdisFreeNetBufferList(without);
    NdisFreeNetBufferList(with);
    NdisFreeNetBufferListPool(plain_pool);
    NdisFreeNetBufferListPool(ctx_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(context_sizes_not_multiple_of_8_give_invalid_data)
{
    static const USHORT bad_size[] = { 1, 4, 12, 20, 65535 };
    static const USHORT bad_backfill[] = { 1, 4, 12, 36 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE ctx_pool = pool_new(FALSE, 64, 0);
    NDIS_HANDLE plain_pool = pool_new(FALSE, 0, 0);
    NET_BUFFER_LIST *nbls[2];
    size_t i, j;
    nbls[0] = NdisAllocateNetBufferList(ctx_pool, 0, 0);
    nbls[1] = NdisAllocateNetBufferList(plain_pool, 0, 0);
    CHECK_NOT_NULL(nbls[0]);
    CHECK_NOT_NULL(nbls[1]);
    for (j = 0; j < 2; j++) {
        NET_BUFFER_LIST *nbl = nbls[j];
        struct ctx_state before = ctx_state(nbl);
        unsigned long long count = undis_alloc_count();
        for (i = 0; i < sizeof(bad_size) / sizeof(bad_size[0]); i++) {
            CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, bad_size[i], 0, TAG),
                         NDIS_STATUS_INVALID_DATA);
            CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, bad_size[i], 16, TAG),
                         NDIS_STATUS_INVALID_DATA);
            CHECK_CTX_UNCHANGED(nbl, before);
        }
        for (i = 0; i < sizeof(bad_backfill) / sizeof(bad_backfill[0]); i++) {
            /* Even when the size alone would fit the inline block. */
            CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 8, bad_backfill[i], TAG),
                         NDIS_STATUS_INVALID_DATA);
            CHECK_CTX_UNCHANGED(nbl, before);
        }
        CHECK_EQ_U64(undis_alloc_count(), count);
    }
    NdisFreeNetBufferList(nbls[1]);
    NdisFreeNetBufferList(nbls[0]);
    NdisFreeNetBufferListPool(plain_pool);
    NdisFreeNetBufferListPool(ctx_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(context_allocation_failure_gives_resources_and_no_change)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE ctx_pool = pool_new(TRUE, 16, 0);
    NDIS_HANDLE plain_pool = pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *full = NdisAllocateNetBufferList(ctx_pool, 16, 0); /* inline used up */
    NET_BUFFER_LIST *none = NdisAllocateNetBufferList(plain_pool, 0, 0);
    NET_BUFFER_LIST *stacked = NdisAllocateNetBufferList(plain_pool, 8, 0); /* pushed, full */
    struct ctx_state before;
    CHECK_NOT_NULL(full);
    CHECK_NOT_NULL(none);
    CHECK_NOT_NULL(stacked);
    CHECK_TOP(full, 16, 0, NULL);
    CHECK_TOP(stacked, 8, 0, NULL);

    before = ctx_state(full);
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(NdisAllocateNetBufferListContext(full, 8, 0, TAG), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK_CTX_UNCHANGED(full, before);

    before = ctx_state(none);
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(NdisAllocateNetBufferListContext(none, 16, 16, TAG), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK_CTX_UNCHANGED(none, before);
    CHECK_NULL(none->Context);

    before = ctx_state(stacked);
    undis_fault_alloc_fail_random(1000000, 5);
    CHECK_STATUS(NdisAllocateNetBufferListContext(stacked, 32, 0, TAG), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK_CTX_UNCHANGED(stacked, before);

    /* A fit in the top block allocates nothing, so it cannot fail. */
    NdisFreeNetBufferListContext(full, 8);
    before = ctx_state(full);
    undis_fault_alloc_fail_random(1000000, 6);
    CHECK_STATUS(NdisAllocateNetBufferListContext(full, 8, 0, TAG), NDIS_STATUS_SUCCESS);
    undis_fault_clear();
    CHECK_EQ_U32(full->Context->Offset, 0);
    CHECK_PTR_EQ(full->Context, before.top);

    CHECK_EQ_U64(undis_alloc_outstanding(), base + 4);
    NdisFreeNetBufferList(stacked);
    NdisFreeNetBufferList(none);
    NdisFreeNetBufferList(full);
    NdisFreeNetBufferListPool(plain_pool);
    NdisFreeNetBufferListPool(ctx_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(context_block_above_65535_bytes_gives_resources)
{
    /* Size is a USHORT: ContextSize + ContextBackFill must fit it. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(FALSE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 65528, 16, TAG), NDIS_STATUS_RESOURCES);
    CHECK_NULL(nbl->Context);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 65528, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_TOP(nbl, 65528, 0, NULL);
    memset(nbl->Context->ContextData, 0xFE, 65528);
    NdisFreeNetBufferListContext(nbl, 65528);
    CHECK_NULL(nbl->Context);
    NdisFreeNetBufferList(nbl);
    /* The same through NdisAllocateNetBufferList: NULL, nothing leaks. */
    CHECK_NULL(NdisAllocateNetBufferList(pool, 65528, 16));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- backfill reuse, spill-over frees -------------------------------------- */

TEST(context_backfill_serves_next_allocations_without_allocating)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(FALSE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    PNET_BUFFER_LIST_CONTEXT blk;
    unsigned long long count;
    CHECK_NOT_NULL(nbl);

    count = undis_alloc_count();
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 48, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U64(undis_alloc_count(), count + 1);
    blk = nbl->Context;
    CHECK_TOP(nbl, 64, 48, NULL);

    /* The backfill serves three more 16-byte requests without allocating. */
    count = undis_alloc_count();
    for (USHORT off = 32;; off = (USHORT)(off - 16)) {
        CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, TAG), NDIS_STATUS_SUCCESS);
        CHECK_PTR_EQ(nbl->Context, blk);
        CHECK_TOP(nbl, 64, off, NULL);
        if (off == 0) {
            break;
        }
    }
    CHECK_EQ_U64(undis_alloc_count(), count);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);

    /* Full: the next request pushes a new block on top. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 8, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U64(undis_alloc_count(), count + 1);
    CHECK_TOP(nbl, 8, 0, blk);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 3);

    /* Give everything back in the same steps. */
    NdisFreeNetBufferListContext(nbl, 8);
    CHECK_PTR_EQ(nbl->Context, blk);
    CHECK_TOP(nbl, 64, 0, NULL);
    for (USHORT off = 16; off <= 48; off = (USHORT)(off + 16)) {
        NdisFreeNetBufferListContext(nbl, 16);
        CHECK_TOP(nbl, 64, off, NULL);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBufferListContext(nbl, 16);
    CHECK_NULL(nbl->Context);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);

    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(context_free_spills_into_next_block)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE ctx_pool = pool_new(TRUE, 32, 0);
    NDIS_HANDLE plain_pool = pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(ctx_pool, 0, 0);
    NET_BUFFER_LIST *two = NdisAllocateNetBufferList(plain_pool, 0, 0);
    PNET_BUFFER_LIST_CONTEXT inline_ctx, a;
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(two);
    inline_ctx = nbl->Context;
    CHECK_TOP(nbl, 32, 32, NULL);

    /* Inline: 16 used. Pushed B: Size 40, Offset 8 (32 used). */
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 32, 8, TAG), NDIS_STATUS_SUCCESS);
    CHECK_TOP(nbl, 40, 8, inline_ctx);
    /* Free 48: B's 32 used bytes, then 16 more from the inline block. */
    NdisFreeNetBufferListContext(nbl, 48);
    CHECK_PTR_EQ(nbl->Context, inline_ctx);
    CHECK_TOP(nbl, 32, 32, NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);

    /* Two pushed blocks A (16) and B (16): free 24 pops B and frees 8 of A. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(two, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    a = two->Context;
    CHECK_STATUS(NdisAllocateNetBufferListContext(two, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_TOP(two, 16, 0, a);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 4);
    NdisFreeNetBufferListContext(two, 24);
    CHECK_PTR_EQ(two->Context, a);
    CHECK_TOP(two, 16, 8, NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 3);
    /* Free 8 more pops A: the stack is empty. */
    NdisFreeNetBufferListContext(two, 8);
    CHECK_NULL(two->Context);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);

    /* Push A and B again and free both at once. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(two, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(NdisAllocateNetBufferListContext(two, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    NdisFreeNetBufferListContext(two, 32);
    CHECK_NULL(two->Context);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);

    NdisFreeNetBufferList(two);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(plain_pool);
    NdisFreeNetBufferListPool(ctx_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- the block NdisAllocateNetBufferList pushes ---------------------------- */

TEST(nbl_allocation_pushes_block_when_inline_too_small)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(TRUE, 16, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 32, 8);
    PNET_BUFFER_LIST_CONTEXT pushed, inline_ctx;
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100 | 0x400);
    pushed = nbl->Context;
    inline_ctx = pushed->Next;
    CHECK_NOT_NULL(inline_ctx);
    CHECK_TOP(nbl, 40, 8, inline_ctx);
    /* The pool's block is left alone: all unused. */
    CHECK_EQ_U32(inline_ctx->Size, 16);
    CHECK_EQ_U32(inline_ctx->Offset, 16);
    CHECK_NULL(inline_ctx->Next);
    memset(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 0x40, 32);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    /* NdisFreeNetBufferList frees the pushed block: nothing leaks. */
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocation_pushes_block_when_pool_has_no_context)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(FALSE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 16, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100 | 0x400);
    CHECK_TOP(nbl, 16, 0, NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* With backfill, the driver then uses and gives back more context in
     * the same block before the NBL is freed. */
    nbl = NdisAllocateNetBufferList(pool, 8, 24);
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100 | 0x400);
    CHECK_TOP(nbl, 32, 24, NULL);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_TOP(nbl, 32, 8, NULL);
    NdisFreeNetBufferListContext(nbl, 16);
    CHECK_TOP(nbl, 32, 24, NULL);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* A driver push on top of the allocation's block, given back first. */
    nbl = NdisAllocateNetBufferList(pool, 16, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 64, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 3);
    NdisFreeNetBufferListContext(nbl, 64);
    CHECK_TOP(nbl, 16, 0, NULL);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocation_fitting_inline_pushes_nothing)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(TRUE, 48, 256);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 48, 64); /* backfill ignored */
    PNET_BUFFER_LIST_CONTEXT inline_ctx;
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100);
    inline_ctx = nbl->Context;
    CHECK_TOP(nbl, 48, 0, NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    /* A driver that then allocates context gets a block of its own, which
     * it must give back itself (NdisFreeNetBufferList frees only a block
     * the allocation pushed). */
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 8, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_TOP(nbl, 8, 0, inline_ctx);
    NdisFreeNetBufferListContext(nbl, 8);
    CHECK_PTR_EQ(nbl->Context, inline_ctx);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- DATA_SIZE and alignment ---------------------------------------------- */

TEST(context_data_size_is_block_size)
{
    /* DATA_SIZE is the whole block (used + unused), not the used part. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(FALSE, 64, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 8, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 64);
    CHECK_EQ_U32(nbl->Context->Offset, 56);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 40, 0, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 64);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 24, 8, TAG), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 32);
    CHECK_PTR_EQ(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), (PUCHAR)nbl->Context + CTX_HEADER + 8);
    NdisFreeNetBufferListContext(nbl, 24);
    CHECK_EQ_U32(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 64);
    NdisFreeNetBufferListContext(nbl, 40);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ContextData is DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT): 16 on 64-bit,
 * 8 on 32-bit (spec: NET_BUFFER_LIST_CONTEXT). */
TEST(context_data_is_allocation_aligned)
{
    const ULONG_PTR a = MEMORY_ALLOCATION_ALIGNMENT;
    static const USHORT sizes[] = { 8, 16, 24, 32, 40, 56, 136 };
    static const ULONG data[] = { 0, 100, 1514 };
    unsigned long long base = undis_alloc_outstanding();
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (int nb = 0; nb < 2; nb++) {
            for (size_t d = 0; d < sizeof(data) / sizeof(data[0]); d++) {
                NDIS_HANDLE pool;
                NET_BUFFER_LIST *nbls[3];
                if (data[d] != 0 && !nb) {
                    continue;
                }
                pool = pool_new(nb ? TRUE : FALSE, sizes[i], data[d]);
                for (int k = 0; k < 3; k++) {
                    nbls[k] = NdisAllocateNetBufferList(pool, 0, 0);
                    CHECK_NOT_NULL(nbls[k]);
                    CHECK_EQ_U64((ULONG_PTR)nbls[k]->Context->ContextData % a, 0);
                    CHECK_EQ_U64((ULONG_PTR)NET_BUFFER_LIST_CONTEXT_DATA_START(nbls[k]) % a,
                                 sizes[i] % a);
                    /* A pushed block (always: it asks for more than the
                     * inline block holds) is aligned the same way. */
                    CHECK_STATUS(
                        NdisAllocateNetBufferListContext(nbls[k], (USHORT)(sizes[i] + 8), 8, TAG),
                        NDIS_STATUS_SUCCESS);
                    CHECK(nbls[k]->Context->Next != NULL);
                    CHECK_EQ_U64((ULONG_PTR)nbls[k]->Context->ContextData % a, 0);
                    CHECK_EQ_U64((ULONG_PTR)NET_BUFFER_LIST_CONTEXT_DATA_START(nbls[k]) % a, 8 % a);
                }
                for (int k = 0; k < 3; k++) {
                    NdisFreeNetBufferListContext(nbls[k], (USHORT)(sizes[i] + 8));
                    CHECK_NULL(nbls[k]->Context->Next);
                    CHECK_EQ_U32(nbls[k]->Context->Offset, sizes[i]);
                    NdisFreeNetBufferList(nbls[k]);
                }
                NdisFreeNetBufferListPool(pool);
            }
        }
    }
    /* Pushed blocks on an NBL without a pool context. */
    {
        NDIS_HANDLE pool = pool_new(FALSE, 0, 0);
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        CHECK_NOT_NULL(nbl);
        for (USHORT s = 8; s <= 64; s = (USHORT)(s + 8)) {
            CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, s, 0, TAG), NDIS_STATUS_SUCCESS);
            CHECK_EQ_U64((ULONG_PTR)nbl->Context->ContextData % a, 0);
        }
        for (USHORT s = 64; s >= 8; s = (USHORT)(s - 8)) {
            NdisFreeNetBufferListContext(nbl, s);
        }
        CHECK_NULL(nbl->Context);
        NdisFreeNetBufferList(nbl);
        NdisFreeNetBufferListPool(pool);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(context_writes_stay_inside_the_block)
{
    /* Filling the whole inline block leaves the NB, MDL and data intact. */
    enum { C = 40, S = 128 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = pool_new(TRUE, C, S);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb;
    PUCHAR data;
    static UCHAR pattern[S];
    CHECK_NOT_NULL(nbl);
    nb = nbl->FirstNetBuffer;
    CHECK_NOT_NULL(nb);
    data = (PUCHAR)MmGetMdlVirtualAddress(nb->MdlChain);
    memset(pattern, 0x3C, sizeof(pattern));
    memset(data, 0x3C, S);
    memset(nbl->Context->ContextData, 0xC3, C);
    CHECK_EQ_U32(nbl->Context->Size, C);
    CHECK_EQ_U32(nb->DataOffset, S);
    CHECK_EQ_U32(nb->MdlChain->ByteCount, S);
    CHECK_NULL(nb->MdlChain->Next);
    CHECK_PTR_EQ(nb->NdisPoolHandle, pool);
    CHECK_MEM_EQ(data, pattern, S);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST_MAIN_BEGIN
TEST_CASE(vector17_context_stack)
TEST_CASE(context_size_zero_is_noop_success)
TEST_CASE(context_sizes_not_multiple_of_8_give_invalid_data)
TEST_CASE(context_allocation_failure_gives_resources_and_no_change)
TEST_CASE(context_block_above_65535_bytes_gives_resources)
TEST_CASE(context_backfill_serves_next_allocations_without_allocating)
TEST_CASE(context_free_spills_into_next_block)
TEST_CASE(nbl_allocation_pushes_block_when_inline_too_small)
TEST_CASE(nbl_allocation_pushes_block_when_pool_has_no_context)
TEST_CASE(nbl_allocation_fitting_inline_pushes_nothing)
TEST_CASE(context_data_size_is_block_size)
TEST_CASE(context_data_is_allocation_aligned)
TEST_CASE(context_writes_stay_inside_the_block)
TEST_MAIN_END
