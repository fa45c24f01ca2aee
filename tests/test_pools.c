/*
 * test_pools.c - the objects NET_BUFFER_LIST and NET_BUFFER pools hand out
 * (spec 6.3): the initial state of every allocation, the frees, the pool
 * and protocol-id getters, the generic object, and conformance vector 12.
 * Creating pools: test_pools_create.c; reuse: test_pools_reuse.c.
 *
 * Every case records undis_alloc_outstanding() first and checks, after
 * freeing everything including its pools, that it is back to that value.
 * The structure checker runs after each change to a NET_BUFFER.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/checks.h"
#include "support/pool_objects.h"

#define TAG POOL_OBJECTS_TAG

/* ---- NdisAllocateNetBufferList: initial state (spec 6.3) ------------------- */

TEST(nbl_initial_state_plain_pool)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 0);
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_NULL(nbl->FirstNetBuffer);
    CHECK_NULL(nbl->Context);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    CHECK_EQ_U32(nbl->Flags, 0x100);
    CHECK_EQ_U64((ULONG_PTR)nbl->NetBufferListInfo[NetBufferListProtocolId], 2);
    /* A backfill without a size reserves nothing. */
    NdisFreeNetBufferList(nbl);
    nbl = NdisAllocateNetBufferList(pool, 0, 64);
    CHECK_NOT_NULL(nbl);
    CHECK_NULL(nbl->Context);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_net_buffer)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    CHECK_NOT_NULL(nbl->FirstNetBuffer);
    /* The embedded NB: owned by the NBL pool, no chain, all zero. */
    check_nb_zero_but(nbl->FirstNetBuffer, pool, NULL, 0, 0, NULL, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbl->FirstNetBuffer), pool);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_data)
{
    enum { S = 1600 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, S);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb;
    PMDL mdl;
    PUCHAR va;
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    nb = nbl->FirstNetBuffer;
    CHECK_NOT_NULL(nb);
    mdl = nb->MdlChain;
    /* No pool context: the MDL lies right after the NB. */
    CHECK_PTR_EQ(mdl, (PMDL)(nb + 1));
    /* The whole buffer starts as backfill. */
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    /* Claim it all and write it: the NB, MDL and NBL stay intact. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, S, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, mdl, 0, S, mdl, 0);
    va = (PUCHAR)MmGetMdlVirtualAddress(mdl);
    memset(va, 0xA5, S);
    CHECK_EQ_U32(mdl->ByteCount, S);
    CHECK_PTR_EQ(nb->MdlChain, mdl);
    CHECK_PTR_EQ(nbl->FirstNetBuffer, nb);
    CHECK_NB_OK(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_context_and_data_layout)
{
    /* With a pool context the layout is NB, MDL, context, data: the MDL
     * stays right after the NB (undis departs from Windows' NB, context,
     * MDL so that an advance with FreeMdl never frees the pool's MDL). */
    enum { C = 32, S = 256 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, C, S);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 8, 0);
    NET_BUFFER *nb;
    PNET_BUFFER_LIST_CONTEXT ctx;
    PMDL mdl;
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    nb = nbl->FirstNetBuffer;
    ctx = nbl->Context;
    CHECK_NOT_NULL(nb);
    CHECK_NOT_NULL(ctx);
    mdl = nb->MdlChain;
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    CHECK_NULL(ctx->Next);
    CHECK_EQ_U32(ctx->Size, C);
    CHECK_EQ_U32(ctx->Offset, C - 8);
    CHECK_PTR_EQ(mdl, (PMDL)(nb + 1));
    CHECK((PUCHAR)ctx > (PUCHAR)mdl);
    CHECK((PUCHAR)MmGetMdlVirtualAddress(mdl) >= ctx->ContextData + ctx->Size);
    /* Writing the whole context and the whole buffer disturbs nothing. */
    memset(ctx->ContextData, 0xCC, ctx->Size);
    memset(MmGetMdlVirtualAddress(mdl), 0x5A, S);
    CHECK_EQ_U32(ctx->Size, C);
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_null_pool_gives_null)
{
    unsigned long long base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateNetBufferList(NULL, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_from_nb_pool_gives_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    NDIS_HANDLE data_pool = nb_pool_new(128);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 0));
    CHECK_NULL(NdisAllocateNetBufferList(data_pool, 0, 0));
    NdisFreeNetBufferPool(data_pool);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_context_sizes_not_multiple_of_8_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 32, 0);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 4, 0));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 12, 0));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 16, 4));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 12));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 1, 1));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_fails_when_memory_runs_out)
{
    /* A fresh pool must get memory for its first NBL: fail each of those
     * allocations in turn; at least one of them makes the call fail, and a
     * failed call leaves nothing behind. */
    unsigned long long base = undis_alloc_outstanding();
    int nulls = 0;
    unsigned long long k;
    for (k = 1; k <= 16; k++) {
        NDIS_HANDLE pool = nbl_pool_new(TRUE, 16, 512);
        unsigned long long refused = undis_alloc_failed_count();
        NET_BUFFER_LIST *nbl;
        undis_fault_alloc_fail_nth(k);
        nbl = NdisAllocateNetBufferList(pool, 0, 0);
        undis_fault_clear();
        if (nbl == NULL) {
            nulls++;
            CHECK_EQ_U64(undis_alloc_outstanding(), base);
        } else {
            check_nbl_header(nbl, pool, 0, 0x100);
            NdisFreeNetBufferList(nbl);
        }
        NdisFreeNetBufferListPool(pool);
        CHECK_EQ_U64(undis_alloc_outstanding(), base);
        if (undis_alloc_failed_count() == refused) {
            CHECK_NOT_NULL(nbl);
            break;
        }
    }
    CHECK(k <= 16);
    CHECK(nulls >= 1);
    /* Every allocation refused: NULL. */
    {
        NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
        undis_fault_alloc_fail_random(1000000, 1);
        CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 0));
        undis_fault_clear();
        NdisFreeNetBufferListPool(pool);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_fails_when_pushed_context_cannot_be_had)
{
    /* A warm pool hands out an NBL without allocating; the context block
     * the request needs is then the first allocation. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferList(nbl);
    undis_fault_alloc_fail_nth(1);
    nbl = NdisAllocateNetBufferList(pool, 16, 0);
    undis_fault_clear();
    CHECK_NULL(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* The NBL went back to the pool in a reusable state. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    CHECK_NULL(nbl->Context);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferAndNetBufferList --------------------------------- */

TEST(nb_and_nbl_fields_and_current_mdl)
{
    static UCHAR abuf[100], bbuf[200];
    struct tmdl ta, tb;
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    PMDL a = tmdl_make(&ta, abuf, sizeof(abuf));
    PMDL b = tmdl_make(&tb, bbuf, sizeof(bbuf));
    a->Next = b;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);

    /* Inside B. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 150, 100);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    CHECK_NULL(nbl->Context);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 150, 100, b, 50);
    NdisFreeNetBufferList(nbl);

    /* Inside A. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 30, 200);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 30, 200, a, 30);
    NdisFreeNetBufferList(nbl);

    /* On the A/B boundary: the next MDL at offset 0. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 100, 200);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 100, 200, b, 0);
    NdisFreeNetBufferList(nbl);

    /* At the end of the chain: NULL@0. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 300, 0);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 300, 0, NULL, 0);
    NdisFreeNetBufferList(nbl);

    /* No chain. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, NULL, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBufferList(nbl);

#if UNDIS_PTR64
    /* DataLength is truncated to 32 bits. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 0, (SIZE_T)0x100000032ull);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 0, 0x32, a, 0);
    NdisFreeNetBufferList(nbl);
#endif

    /* The MDLs stay the caller's and are not changed. */
    CHECK_PTR_EQ(a->Next, b);
    CHECK_NULL(b->Next);
    CHECK_EQ_U32(a->ByteCount, 100);
    CHECK_EQ_U32(b->ByteCount, 200);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_zeroes_the_whole_embedded_nb)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *again;
    CHECK_NOT_NULL(nbl);
    dirty_nbl(nbl);
    NdisFreeNetBufferList(nbl);
    again = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl, 4, 60);
    CHECK_PTR_EQ(again, nbl); /* LIFO */
    check_nbl_header(again, pool, 0, 0x100);
    check_nb_zero_but(again->FirstNetBuffer, pool, mdl, 4, 60, mdl, 4);
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_with_context)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NDIS_HANDLE ctx_pool = nbl_pool_new(TRUE, 32, 0);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    NET_BUFFER_LIST *nbl;

    /* Pool without context: a pushed block, Flags 0x400, freed with the NBL. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 16, 8, mdl, 0, 64);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100 | 0x400);
    CHECK_NOT_NULL(nbl->Context);
    CHECK_NULL(nbl->Context->Next);
    CHECK_EQ_U32(nbl->Context->Size, 24);
    CHECK_EQ_U32(nbl->Context->Offset, 8);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, mdl, 0, 64, mdl, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* Pool context big enough: taken from it. */
    nbl = NdisAllocateNetBufferAndNetBufferList(ctx_pool, 16, 0, mdl, 0, 64);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, ctx_pool, 0, 0x100);
    CHECK_EQ_U32(nbl->Context->Size, 32);
    CHECK_EQ_U32(nbl->Context->Offset, 16);
    NdisFreeNetBufferList(nbl);

    /* Bad context sizes. */
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(pool, 4, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(pool, 8, 12, mdl, 0, 64));
    NdisFreeNetBufferListPool(ctx_pool);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_wrong_pool_types_give_null)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE plain = nbl_pool_new(FALSE, 0, 0);
    NDIS_HANDLE data = nbl_pool_new(TRUE, 0, 128);
    NDIS_HANDLE nb_pool = nb_pool_new(0);
    NDIS_HANDLE nb_data_pool = nb_pool_new(128);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(NULL, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(plain, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(data, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(nb_pool, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(nb_data_pool, 0, 0, mdl, 0, 64));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_data_pool);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(data);
    NdisFreeNetBufferListPool(plain);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBuffer -------------------------------------------------- */

TEST(nb_allocate_fields_and_current_mdl)
{
    static UCHAR abuf[100], bbuf[200];
    struct tmdl ta, tb;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    PMDL a = tmdl_make(&ta, abuf, sizeof(abuf));
    PMDL b = tmdl_make(&tb, bbuf, sizeof(bbuf));
    NET_BUFFER *nb;
    a->Next = b;

    nb = NdisAllocateNetBuffer(pool, a, 120, 150);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 120, 150, b, 20);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), pool);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, a, 0, 300);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 0, 300, a, 0);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, a, 100, 0);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 100, 0, b, 0);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBuffer(nb);

#if UNDIS_PTR64
    nb = NdisAllocateNetBuffer(pool, a, 0, (SIZE_T)0x200000040ull);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 0, 0x40, a, 0);
    NdisFreeNetBuffer(nb);
#endif

    /* The caller's MDLs are untouched. */
    CHECK_PTR_EQ(a->Next, b);
    CHECK_NULL(b->Next);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_allocate_wrong_pools_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE data_pool = nb_pool_new(256);
    NDIS_HANDLE nbl_pool = nbl_pool_new(TRUE, 0, 0);
    NDIS_HANDLE plain_nbl_pool = nbl_pool_new(FALSE, 0, 0);
    CHECK_NULL(NdisAllocateNetBuffer(NULL, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(data_pool, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(nbl_pool, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(plain_nbl_pool, NULL, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(plain_nbl_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    NdisFreeNetBufferPool(data_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_allocate_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    undis_fault_alloc_fail_random(1000000, 7);
    CHECK_NULL(NdisAllocateNetBuffer(pool, NULL, 0, 0));
    undis_fault_clear();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferMdlAndData and conformance vector 12 -------------- */

TEST(vector12_pool_data_embedded_mdl)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(2048);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    PMDL e;
    CHECK_NOT_NULL(nb);
    e = (PMDL)(nb + 1);
    /* {E(2048) at nb+1; 2048; 0; E@2048} */
    CHECK_NB_STATE(nb, e, 2048, 0, e, 2048);
    CHECK_EQ_U32(e->ByteCount, 2048);
    CHECK_NULL(e->Next);
    CHECK_PTR_EQ(nb->NdisPoolHandle, pool);
    check_pool_data_mdl(e, 2048);
    /* Retreat(1500): {E; 548; 1500; E@548}, nothing allocated. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 1500, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, e, 548, 1500, e, 548);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    memset((PUCHAR)MmGetMdlVirtualAddress(e) + 548, 0x42, 1500);
    /* Advance(1500, TRUE, NULL): {E; 2048; 0; E@2048}: E is embedded, so it is
     * neither freed (the default free would abort on it) nor normalised. */
    NdisAdvanceNetBufferDataStart(nb, 1500, TRUE, NULL);
    CHECK_NB_STATE(nb, e, 2048, 0, e, 2048);
    CHECK_EQ_U32(e->ByteCount, 2048);
    CHECK_NULL(e->Next);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_mdl_and_data_wrong_pools_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE plain = nb_pool_new(0);
    NDIS_HANDLE nbl_data_pool = nbl_pool_new(TRUE, 0, 256);
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(NULL));
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(plain));
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(nbl_data_pool));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(nbl_data_pool);
    NdisFreeNetBufferPool(plain);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_mdl_and_data_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(128);
    undis_fault_alloc_fail_random(1000000, 3);
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(pool));
    undis_fault_clear();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisFreeNetBuffer leaves the chain to the caller ---------------------- */

static PMDL g_caller_mdl;
static UCHAR g_caller_buf[512];
static struct tmdl g_caller_tmdl;

static PMDL
caller_alloc(PULONG BufferSize)
{
    CHECK(*BufferSize <= sizeof(g_caller_buf));
    g_caller_mdl = tmdl_make(&g_caller_tmdl, g_caller_buf, *BufferSize);
    return g_caller_mdl;
}

TEST(nb_free_keeps_retreat_prepended_mdl)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE data_pool = nb_pool_new(64);
    NDIS_HANDLE plain_pool = nb_pool_new(0);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(data_pool);
    NET_BUFFER holder;
    PMDL e, d;
    CHECK_NOT_NULL(nb);
    e = nb->MdlChain;

    /* Caller's allocator: the MDL is the caller's after the NB is freed. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64 + 100, 16, caller_alloc),
                 NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, g_caller_mdl, 16, 164, g_caller_mdl, 16);
    CHECK_PTR_EQ(g_caller_mdl->Next, e);
    memset(g_caller_buf, 0x11, sizeof(g_caller_buf));
    NdisFreeNetBuffer(nb);
    CHECK_PTR_EQ(g_caller_tmdl.mdl.Next, e); /* untouched */
    CHECK_EQ_U32(g_caller_tmdl.mdl.ByteCount, 116);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* Default allocator: the MDL stays outstanding after NdisFreeNetBuffer
     * until the caller advances it away. */
    nb = NdisAllocateNetBuffer(plain_pool, NULL, 0, 0);
    CHECK_NOT_NULL(nb);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 100, 28, NULL), NDIS_STATUS_SUCCESS);
    d = nb->MdlChain;
    CHECK_NB_STATE(nb, d, 28, 100, d, 28);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    CHECK_EQ_U32(d->ByteCount, 128);
    memset(&holder, 0, sizeof(holder));
    holder.MdlChain = holder.CurrentMdl = d;
    holder.DataOffset = holder.CurrentMdlOffset = 28;
    holder.DataLength = 100;
    CHECK_NB_OK(&holder);
    NdisAdvanceNetBufferDataStart(&holder, 100, TRUE, NULL);
    CHECK_NB_STATE(&holder, NULL, 0, 0, NULL, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    NdisFreeNetBufferPool(plain_pool);
    NdisFreeNetBufferPool(data_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* A mapped partial MDL (MDL_PARTIAL_HAS_BEEN_MAPPED set), handed to a
 * retreat as the new head of the chain. */
static UCHAR g_partial_buf[256];
static MDL *g_partial_source;
static PMDL g_partial;

static PMDL
partial_alloc(PULONG BufferSize)
{
    static struct tmdl src;
    PUCHAR va = g_partial_buf + 16;
    CHECK(*BufferSize <= sizeof(g_partial_buf) - 16);
    memset(&src, 0, sizeof(src));
    MmInitializeMdl(&src.mdl, g_partial_buf, sizeof(g_partial_buf)); /* not mapped */
    g_partial_source = &src.mdl;
    g_partial = IoAllocateMdl(va, *BufferSize, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(g_partial);
    IoBuildPartialMdl(g_partial_source, g_partial, va, *BufferSize);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(g_partial, NormalPagePriority), va);
    CHECK((g_partial->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0);
    return g_partial;
}

TEST(nb_free_data_pool_unmaps_mapped_head_mdl)
{
    /* Spec 6.3: for a data pool NdisFreeNetBuffer unmaps the head MDL when
     * MDL_PARTIAL_HAS_BEEN_MAPPED is set, then returns the block; the MDL
     * itself stays the caller's. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(64);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    PMDL e;
    CSHORT flags;
    CHECK_NOT_NULL(nb);
    e = nb->MdlChain;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64 + 10, 0, partial_alloc), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, g_partial, 0, 74, g_partial, 0);
    CHECK_PTR_EQ(g_partial->Next, e);
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1); /* the partial MDL */
    CHECK_PTR_EQ(g_partial->Next, e);
    CHECK_EQ_U32(g_partial->ByteCount, 10);
    flags = g_partial->MdlFlags;
    IoFreeMdl(g_partial);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* Checked last so that a failure leaves nothing behind. */
    CHECK_EQ_INT(flags & (MDL_PARTIAL_HAS_BEEN_MAPPED | MDL_MAPPED_TO_SYSTEM_VA), 0);
}

/* ---- pool and protocol-id getters ----------------------------------------- */

TEST(get_pool_from_nbl_and_nb)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE nbl_pool = nbl_pool_new(TRUE, 0, 64);
    NDIS_HANDLE plain_nbl_pool = nbl_pool_new(FALSE, 0, 0);
    NDIS_HANDLE nb_pool = nb_pool_new(0);
    NDIS_HANDLE nb_data_pool = nb_pool_new(64);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(nbl_pool, 0, 0);
    NET_BUFFER_LIST *plain = NdisAllocateNetBufferList(plain_nbl_pool, 0, 0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nb_pool, NULL, 0, 0);
    NET_BUFFER *nbd = NdisAllocateNetBufferMdlAndData(nb_data_pool);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(plain);
    CHECK_NOT_NULL(nb);
    CHECK_NOT_NULL(nbd);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(nbl), nbl_pool);
    /* The embedded NB belongs to the NBL pool. */
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbl->FirstNetBuffer), nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(plain), plain_nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), nb_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbd), nb_data_pool);
    /* An NB the driver attaches keeps its own pool. */
    plain->FirstNetBuffer = nb;
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(NET_BUFFER_LIST_FIRST_NB(plain)), nb_pool);
    plain->FirstNetBuffer = NULL;
    NdisFreeNetBuffer(nbd);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferList(plain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferPool(nb_data_pool);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(plain_nbl_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(protocol_id_get_and_set)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 0);
    NDIS_HANDLE tcp_pool, default_pool;
    NET_BUFFER_LIST *nbl, *dnbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    tcp_pool = NdisAllocateNetBufferListPool(NULL, &p);
    p.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    default_pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(tcp_pool);
    CHECK_NOT_NULL(default_pool);
    nbl = NdisAllocateNetBufferList(tcp_pool, 0, 0);
    dnbl = NdisAllocateNetBufferList(default_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(dnbl);

    /* The slot starts as the pool's id. */
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), NDIS_PROTOCOL_ID_DEFAULT);

    /* Set writes the low byte only; get reads the slot & 0x0F. */
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0xAB00u;
    NdisSetNetBufferListProtocolId(nbl, NDIS_PROTOCOL_ID_NBF);
    CHECK_EQ_U64((ULONG_PTR)NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId), 0xAB07u);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_NBF);
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0x36u;
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), 0x06);

    /* Slot value 0 (after the mask): the pool's id. */
    NdisSetNetBufferListProtocolId(nbl, 0);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0x10u;
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), 0);
    NdisSetNetBufferListProtocolId(dnbl, NDIS_PROTOCOL_ID_IPX);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), NDIS_PROTOCOL_ID_IPX);

    NdisFreeNetBufferList(dnbl);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(default_pool);
    NdisFreeNetBufferListPool(tcp_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateGenericObject / NdisFreeGenericObject --------------------- */

TEST(generic_object_fields_and_extra_bytes)
{
    unsigned long long base = undis_alloc_outstanding();
    PDRIVER_OBJECT drv = (PDRIVER_OBJECT)(ULONG_PTR)0x1000;
    PNDIS_GENERIC_OBJECT obj = NdisAllocateGenericObject(drv, TAG, 100);
    static const UCHAR zeros[100];
    CHECK_NOT_NULL(obj);
    CHECK_EQ_U32(obj->Header.Type, 0);
    CHECK_EQ_U32(obj->Header.Revision, NDIS_GENERIC_OBJECT_REVISION_1);
    CHECK_EQ_U32(obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    CHECK_PTR_EQ(obj->DriverObject, drv);
    CHECK_NULL(obj->Caller);
    CHECK_NULL(obj->CallersCaller);
    CHECK_MEM_EQ((const UCHAR *)(obj + 1), zeros, sizeof(zeros));
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    /* Dirty the extra bytes; the next object's are zero again. */
    memset(obj + 1, 0xFF, 100);
    NdisFreeGenericObject(obj);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    obj = NdisAllocateGenericObject(NULL, TAG, 100);
    CHECK_NOT_NULL(obj);
    CHECK_NULL(obj->DriverObject);
    CHECK_MEM_EQ((const UCHAR *)(obj + 1), zeros, sizeof(zeros));
    NdisFreeGenericObject(obj);
    /* No extra bytes. */
    obj = NdisAllocateGenericObject(NULL, 0, 0);
    CHECK_NOT_NULL(obj);
    CHECK_EQ_U32(obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    NdisFreeGenericObject(obj);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(generic_object_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(NdisAllocateGenericObject(NULL, TAG, 16));
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST_MAIN_BEGIN
TEST_CASE(nbl_initial_state_plain_pool)
TEST_CASE(nbl_initial_state_with_net_buffer)
TEST_CASE(nbl_initial_state_with_data)
TEST_CASE(nbl_initial_state_with_context_and_data_layout)
TEST_CASE(nbl_allocate_null_pool_gives_null)
TEST_CASE(nbl_allocate_from_nb_pool_gives_null)
TEST_CASE(nbl_allocate_context_sizes_not_multiple_of_8_give_null)
TEST_CASE(nbl_allocate_fails_when_memory_runs_out)
TEST_CASE(nbl_allocate_fails_when_pushed_context_cannot_be_had)
TEST_CASE(nb_and_nbl_fields_and_current_mdl)
TEST_CASE(nb_and_nbl_zeroes_the_whole_embedded_nb)
TEST_CASE(nb_and_nbl_with_context)
TEST_CASE(nb_and_nbl_wrong_pool_types_give_null)
TEST_CASE(nb_allocate_fields_and_current_mdl)
TEST_CASE(nb_allocate_wrong_pools_give_null)
TEST_CASE(nb_allocate_fails_when_memory_runs_out)
TEST_CASE(vector12_pool_data_embedded_mdl)
TEST_CASE(nb_mdl_and_data_wrong_pools_give_null)
TEST_CASE(nb_mdl_and_data_fails_when_memory_runs_out)
TEST_CASE(nb_free_keeps_retreat_prepended_mdl)
TEST_CASE(nb_free_data_pool_unmaps_mapped_head_mdl)
TEST_CASE(get_pool_from_nbl_and_nb)
TEST_CASE(protocol_id_get_and_set)
TEST_CASE(generic_object_fields_and_extra_bytes)
TEST_CASE(generic_object_fails_when_memory_runs_out)
TEST_MAIN_END
