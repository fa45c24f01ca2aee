/*
 * test_pools_reuse.c - a NET_BUFFER_LIST or NET_BUFFER that a pool hands out
 * again comes back exactly as a fresh one (spec 6.3), whatever the driver
 * wrote into it before freeing it.
 *
 * Every case records undis_alloc_outstanding() first and checks, after
 * freeing everything including its pools, that it is back to that value.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/checks.h"
#include "support/pool_objects.h"

#define TAG POOL_OBJECTS_TAG

/* ---- reuse: a recycled object comes back exactly as a fresh one ------------ */

struct nbl_snapshot {
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb;
    struct {
        PNET_BUFFER_LIST_CONTEXT Next;
        USHORT Size;
        USHORT Offset;
    } ctx;           /* the context block's header */
    struct tmdl mdl; /* the MDL header and its PFNs */
};

static void
snapshot(struct nbl_snapshot *s, const NET_BUFFER_LIST *nbl)
{
    memset(s, 0, sizeof(*s));
    memcpy(&s->nbl, nbl, sizeof(s->nbl));
    if (nbl->FirstNetBuffer != NULL) {
        memcpy(&s->nb, nbl->FirstNetBuffer, sizeof(s->nb));
        if (nbl->FirstNetBuffer->MdlChain != NULL) {
            const MDL *m = nbl->FirstNetBuffer->MdlChain;
            CHECK((size_t)m->Size <= sizeof(s->mdl));
            memcpy(&s->mdl, m, (size_t)m->Size);
        }
    }
    if (nbl->Context != NULL) {
        s->ctx.Next = nbl->Context->Next;
        s->ctx.Size = nbl->Context->Size;
        s->ctx.Offset = nbl->Context->Offset;
    }
}

static void
check_same_as(const struct nbl_snapshot *s, const NET_BUFFER_LIST *nbl)
{
    struct nbl_snapshot now;
    snapshot(&now, nbl);
    CHECK_MEM_EQ(&now.nbl, &s->nbl, sizeof(now.nbl));
    CHECK_MEM_EQ(&now.nb, &s->nb, sizeof(now.nb));
    CHECK_PTR_EQ(now.ctx.Next, s->ctx.Next);
    CHECK_EQ_U32(now.ctx.Size, s->ctx.Size);
    CHECK_EQ_U32(now.ctx.Offset, s->ctx.Offset);
    if (s->nb.MdlChain != NULL) {
        check_mdl_same(&now.mdl.mdl, &s->mdl.mdl);
    }
}

/* Allocate from pool until `want` comes back (LIFO: at once), free the
 * others, and return it. */
static NET_BUFFER_LIST *
nbl_allocate_until(NDIS_HANDLE pool, const NET_BUFFER_LIST *want, USHORT ctx, USHORT backfill)
{
    enum { MAX_TRIES = 1024 };
    static NET_BUFFER_LIST *held[MAX_TRIES];
    NET_BUFFER_LIST *got = NULL;
    int n = 0;
    while (n < MAX_TRIES) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, ctx, backfill);
        CHECK_NOT_NULL(nbl);
        if (nbl == want) {
            got = nbl;
            break;
        }
        held[n++] = nbl;
    }
    while (n > 0) {
        NdisFreeNetBufferList(held[--n]);
    }
    CHECK_PTR_EQ(got, want);
    return got;
}

static void
nbl_reuse_case(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    struct nbl_snapshot fresh;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl, *again;
    p.ProtocolId = NDIS_PROTOCOL_ID_IPX;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    snapshot(&fresh, nbl);
    /* Use it the way a driver does, then dirty every field. */
    if (nbl->FirstNetBuffer != NULL && data_size != 0) {
        NET_BUFFER *nb = nbl->FirstNetBuffer;
        CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 100, 0, NULL), NDIS_STATUS_SUCCESS);
        CHECK_NB_STATE(nb, nb->MdlChain, data_size - 100, 100, nb->MdlChain, data_size - 100);
        memset((PUCHAR)MmGetMdlVirtualAddress(nb->MdlChain) + nb->DataOffset, 0xEE, 100);
    }
    if (context_size != 0) {
        CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 8, 0, TAG), NDIS_STATUS_SUCCESS);
        memset(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 0xDD, 8);
    }
    NdisSetNetBufferListProtocolId(nbl, NDIS_PROTOCOL_ID_NBF);
    dirty_nbl(nbl);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    again = nbl_allocate_until(pool, nbl, 0, 0);
    check_same_as(&fresh, again);
    check_nbl_header(again, pool, NDIS_PROTOCOL_ID_IPX, 0x100);
    if (again->FirstNetBuffer != NULL) {
        CHECK_NB_OK(again->FirstNetBuffer);
    }
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* One byte changed anywhere in a freed NBL and its NB -- every offset in
 * turn -- and the next allocation of that NBL is again exactly the fresh one (the
 * allocation may compare lines with the fresh image and store only those
 * that differ: no byte may slip through). */
static void
nbl_reuse_single_byte_case(BOOLEAN alloc_nb, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, 0, data_size);
    size_t span = sizeof(NET_BUFFER_LIST) + (alloc_nb ? sizeof(NET_BUFFER) : 0);
    struct nbl_snapshot fresh, now;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_IPX;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    snapshot(&fresh, nbl);
    for (size_t at = 0; at < span; at++) {
        /* Changed after the free (the block waits in this thread's cache):
         * the free itself reads Context and NdisPoolHandle. */
        NdisFreeNetBufferList(nbl);
        ((PUCHAR)nbl)[at] ^= 0x5A;
        nbl = nbl_allocate_until(pool, nbl, 0, 0);
        snapshot(&now, nbl);
        if (memcmp(&now.nbl, &fresh.nbl, sizeof(now.nbl)) != 0 ||
            memcmp(&now.nb, &fresh.nb, sizeof(now.nb)) != 0) {
            printf("  byte %zu of the NBL block was not reset\n", at);
        }
        check_same_as(&fresh, nbl);
    }
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST(nbl_reuse_after_any_single_byte_with_data_is_fresh)
{
    nbl_reuse_single_byte_case(TRUE, 1514);
}

TEST(nbl_reuse_after_any_single_byte_with_net_buffer_is_fresh)
{
    nbl_reuse_single_byte_case(TRUE, 0);
}

TEST(nbl_reuse_after_any_single_byte_plain_is_fresh)
{
    nbl_reuse_single_byte_case(FALSE, 0);
}

TEST(nbl_reuse_plain_returns_initial_state)
{
    nbl_reuse_case(FALSE, 0, 0);
}

TEST(nbl_reuse_with_net_buffer_returns_initial_state)
{
    nbl_reuse_case(TRUE, 0, 0);
}

TEST(nbl_reuse_with_data_returns_initial_state)
{
    nbl_reuse_case(TRUE, 0, 1514);
}

TEST(nbl_reuse_with_context_returns_initial_state)
{
    nbl_reuse_case(FALSE, 48, 0);
}

TEST(nbl_reuse_with_context_and_data_returns_initial_state)
{
    nbl_reuse_case(TRUE, 32, 2048);
}

TEST(nbl_reuse_after_pushed_context_returns_initial_state)
{
    /* Allocated with a pushed context (Flags 0x400), freed, handed out
     * again without one: Flags 0x100 and the pool's own block only. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 16, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 64, 16);
    PNET_BUFFER_LIST_CONTEXT inline_ctx;
    NET_BUFFER_LIST *again;
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100 | 0x400);
    inline_ctx = nbl->Context->Next;
    CHECK_NOT_NULL(inline_ctx);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    again = nbl_allocate_until(pool, nbl, 0, 0);
    check_nbl_header(again, pool, 0, 0x100);
    CHECK_PTR_EQ(again->Context, inline_ctx);
    CHECK_NULL(inline_ctx->Next);
    CHECK_EQ_U32(inline_ctx->Size, 16);
    CHECK_EQ_U32(inline_ctx->Offset, 16);
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_reuse_mdl_and_data_returns_initial_state)
{
    enum { S = 700 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(S);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    NET_BUFFER fresh_nb;
    struct tmdl fresh_mdl;
    PMDL mdl;
    NET_BUFFER *held[64];
    NET_BUFFER *again = NULL;
    int n = 0;
    CHECK_NOT_NULL(nb);
    mdl = nb->MdlChain;
    memcpy(&fresh_nb, nb, sizeof(fresh_nb));
    memset(&fresh_mdl, 0, sizeof(fresh_mdl));
    CHECK((size_t)mdl->Size <= sizeof(fresh_mdl));
    memcpy(&fresh_mdl, mdl, (size_t)mdl->Size);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, S, 0, NULL), NDIS_STATUS_SUCCESS);
    nb->ChecksumBias = 9;
    nb->ProtocolReserved[5] = nb;
    nb->MiniportReserved[3] = nb;
    nb->Next = nb;
    mdl->ByteCount = 1;
    mdl->Next = &g_foreign_mdl;
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    while (n < 64) {
        NET_BUFFER *x = NdisAllocateNetBufferMdlAndData(pool);
        CHECK_NOT_NULL(x);
        if (x == nb) {
            again = x;
            break;
        }
        held[n++] = x;
    }
    while (n > 0) {
        NdisFreeNetBuffer(held[--n]);
    }
    CHECK_PTR_EQ(again, nb);
    CHECK_MEM_EQ(again, &fresh_nb, sizeof(fresh_nb));
    check_mdl_same(again->MdlChain, &fresh_mdl.mdl);
    CHECK_NB_OK(again);
    NdisFreeNetBuffer(again);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_reuse_allocate_net_buffer_returns_initial_state)
{
    static UCHAR buf[300];
    struct tmdl a;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    PMDL mdl = tmdl_make(&a, buf, sizeof(buf));
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, mdl, 10, 20);
    NET_BUFFER *again;
    CHECK_NOT_NULL(nb);
    nb->ChecksumBias = 1;
    nb->Reserved = 2;
    nb->NdisReserved[1] = nb;
    nb->ProtocolReserved[0] = nb;
    nb->MiniportReserved[0] = nb;
    nb->MiniportReserved[3] = nb;
    nb->DataPhysicalAddress.QuadPart = 77;
    nb->SharedMemoryInfo = (PNET_BUFFER_SHARED_MEMORY)(ULONG_PTR)0x100;
    nb->Next = nb;
    NdisFreeNetBuffer(nb);
    again = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK_PTR_EQ(again, nb); /* LIFO */
    check_nb_zero_but(again, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBuffer(again);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST_MAIN_BEGIN
TEST_CASE(nbl_reuse_after_any_single_byte_with_data_is_fresh)
TEST_CASE(nbl_reuse_after_any_single_byte_with_net_buffer_is_fresh)
TEST_CASE(nbl_reuse_after_any_single_byte_plain_is_fresh)
TEST_CASE(nbl_reuse_plain_returns_initial_state)
TEST_CASE(nbl_reuse_with_net_buffer_returns_initial_state)
TEST_CASE(nbl_reuse_with_data_returns_initial_state)
TEST_CASE(nbl_reuse_with_context_returns_initial_state)
TEST_CASE(nbl_reuse_with_context_and_data_returns_initial_state)
TEST_CASE(nbl_reuse_after_pushed_context_returns_initial_state)
TEST_CASE(nb_reuse_mdl_and_data_returns_initial_state)
TEST_CASE(nb_reuse_allocate_net_buffer_returns_initial_state)
TEST_MAIN_END
