/*
 * test_fault_sweep.c - allocation failure is input (issue 3, item 7).
 *
 * For each public function that allocates, one case runs the sweep:
 *
 *     for k = 1, 2, ...:
 *         build the inputs afresh (new pools, new NBLs, new MDLs)
 *         undis_fault_alloc_fail_nth(k); call; undis_fault_clear()
 *         if an allocation was refused (undis_alloc_failed_count moved):
 *             the call failed with its documented result (NULL or
 *             NDIS_STATUS_RESOURCES) and left its inputs as documented
 *             (the source NBL, NB, MDLs or context bit for bit unchanged)
 *         else:
 *             the call succeeded and its result is right: k passed the
 *             number of allocations the call makes, and the sweep ends
 *         free everything; undis_alloc_outstanding() is back where it was
 *
 * and then checks that the number of allocations the call made is the one
 * the spec implies (so that the sweep really failed each of them in turn).
 * In undis an "allocation" is each object handed out (an NBL or NB from a
 * pool, even from a warm cache, an MDL, a default NetAllocateMdl block, a
 * context block, a generic object); the memory behind pools is bookkeeping
 * and is not failed (<undis/fault.h>), so creating a pool makes none.
 *
 * Here the calls that allocate objects from pools, contexts, MDLs and
 * generic objects; the derived NBLs (clone, fragment, reassembly) are in
 * test_fault_sweep_derived.c, the default allocator's retreats in
 * test_fault_sweep_retreat.c; the sweep itself in tests/support/fault_sweep.c.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/fault_sweep.h"

#define TAG SWEEP_TAG

/* The shared state of the case that runs. */
static struct sweep_state g;

static void
g_reset(void)
{
    memset(&g, 0, sizeof(g));
}

/* ---- pools ------------------------------------------------------------------- */

static void
setup_nothing(void)
{
    g.result_pool = NULL;
}

static int
call_nbl_pool(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.ContextSize = 32;
    p.DataSize = 1514;
    g.result_pool = NdisAllocateNetBufferListPool(NULL, &p);
    return g.result_pool != NULL;
}

static int
call_nb_pool(void)
{
    NET_BUFFER_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.DataSize = 2048;
    g.result_pool = NdisAllocateNetBufferPool(NULL, &p);
    return g.result_pool != NULL;
}

static void
pool_failed(void)
{
    CHECK_NULL(g.result_pool);
}

static void
nbl_pool_ok(void)
{
    /* The pool works. */
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(g.result_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->FirstNetBuffer->DataOffset, 1514);
    NdisFreeNetBufferList(nbl);
}

static void
nb_pool_ok(void)
{
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(g.result_pool);
    CHECK_NOT_NULL(nb);
    CHECK_EQ_U32(nb->DataOffset, 2048);
    NdisFreeNetBuffer(nb);
}

static void
cleanup_nbl_pool(void)
{
    NdisFreeNetBufferListPool(g.result_pool);
    g.result_pool = NULL;
}

static void
cleanup_nb_pool(void)
{
    NdisFreeNetBufferPool(g.result_pool);
    g.result_pool = NULL;
}

TEST(sweep_allocate_net_buffer_list_pool)
{
    /* Creating a pool is one allocation: the pool (<undis/fault.h>). */
    static const struct sweep s = { setup_nothing, call_nbl_pool, pool_failed, nbl_pool_ok,
                                    cleanup_nbl_pool };
    g_reset();
    run_sweep(&s, 1);
}

TEST(sweep_allocate_net_buffer_pool)
{
    static const struct sweep s = { setup_nothing, call_nb_pool, pool_failed, nb_pool_ok,
                                    cleanup_nb_pool };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferList ---------------------------------------------- */

static void
setup_fresh_nbl_pool(void)
{
    /* A fresh pool with an NB, 16 bytes of context and 256 bytes of data. */
    g.nbl_pool = sweep_nbl_pool(TRUE, 16, 256);
    g.result_nbl = NULL;
}

static int
call_allocate_nbl(void)
{
    g.result_nbl = NdisAllocateNetBufferList(g.nbl_pool, g.ctx_size, g.ctx_backfill);
    return g.result_nbl != NULL;
}

static void
nbl_failed(void)
{
    CHECK_NULL(g.result_nbl);
}

static void
allocate_nbl_ok(void)
{
    NET_BUFFER_LIST *nbl = g.result_nbl;
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    CHECK_PTR_EQ(nbl->NdisPoolHandle, g.nbl_pool);
    CHECK_EQ_U32(nbl->Flags, g.ctx_size > 16 ? 0x500u : 0x100u);
    CHECK_NOT_NULL(nb);
    CHECK_EQ_U32(nb->DataOffset, 256);
    CHECK_EQ_U32(nb->DataLength, 0);
    CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
    CHECK_NB_OK(nb);
    CHECK_NOT_NULL(nbl->Context);
    if (g.ctx_size > 16) {
        CHECK_EQ_U32(nbl->Context->Size, (ULONG)g.ctx_size + g.ctx_backfill);
        CHECK_EQ_U32(nbl->Context->Offset, g.ctx_backfill);
        CHECK_NOT_NULL(nbl->Context->Next);
    } else {
        CHECK_EQ_U32(nbl->Context->Offset, 16u - g.ctx_size);
    }
}

static void
cleanup_nbl_and_pool(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeNetBufferList(g.result_nbl);
        g.result_nbl = NULL;
    }
    NdisFreeNetBufferListPool(g.nbl_pool);
    g.nbl_pool = NULL;
}

TEST(sweep_allocate_net_buffer_list)
{
    static const struct sweep s = { setup_fresh_nbl_pool, call_allocate_nbl, nbl_failed,
                                    allocate_nbl_ok, cleanup_nbl_and_pool };
    g_reset();
    g.ctx_size = 8;
    run_sweep(&s, 1); /* the NBL */
}

TEST(sweep_allocate_net_buffer_list_with_pushed_context)
{
    static const struct sweep s = { setup_fresh_nbl_pool, call_allocate_nbl, nbl_failed,
                                    allocate_nbl_ok, cleanup_nbl_and_pool };
    g_reset();
    g.ctx_size = 64;
    g.ctx_backfill = 16;
    run_sweep(&s, 2); /* the NBL, the context block */
}

/* ---- NdisAllocateNetBufferAndNetBufferList, NdisAllocateNetBuffer ------------ */

static void
setup_chain_and_pools(void)
{
    source_build(&g.src, k_multi, 1); /* NB1's chain A->B->C is the input */
    g.nbl_pool = sweep_nbl_pool(TRUE, 0, 0);
    g.nb_pool = sweep_nb_pool(0);
    g.result_nbl = NULL;
    g.result_nb = NULL;
}

static int
call_nb_and_nbl(void)
{
    g.result_nbl = NdisAllocateNetBufferAndNetBufferList(g.nbl_pool, 16, 8, g.src.mdl[0], 150, 300);
    return g.result_nbl != NULL;
}

static void
nb_and_nbl_failed(void)
{
    CHECK_NULL(g.result_nbl);
    source_check_unchanged(&g.src);
}

static void
nb_and_nbl_ok(void)
{
    NET_BUFFER_LIST *nbl = g.result_nbl;
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    CHECK_EQ_U32(nbl->Flags, 0x500);
    CHECK_EQ_U32(nbl->Context->Size, 24);
    CHECK_EQ_U32(nbl->Context->Offset, 8);
    CHECK_PTR_EQ(nb->MdlChain, g.src.mdl[0]);
    CHECK_EQ_U32(nb->DataOffset, 150);
    CHECK_EQ_U32(nb->DataLength, 300);
    CHECK_PTR_EQ(nb->CurrentMdl, g.src.mdl[1]);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 50);
    CHECK_NB_OK(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_chain_and_pools(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeNetBufferList(g.result_nbl);
        g.result_nbl = NULL;
    }
    if (g.result_nb != NULL) {
        NdisFreeNetBuffer(g.result_nb);
        g.result_nb = NULL;
    }
    NdisFreeNetBufferPool(g.nb_pool);
    NdisFreeNetBufferListPool(g.nbl_pool);
    source_free(&g.src);
}

TEST(sweep_allocate_net_buffer_and_net_buffer_list)
{
    static const struct sweep s = { setup_chain_and_pools, call_nb_and_nbl, nb_and_nbl_failed,
                                    nb_and_nbl_ok, cleanup_chain_and_pools };
    g_reset();
    run_sweep(&s, 2); /* the NBL, the context block */
}

static int
call_allocate_nb(void)
{
    g.result_nb = NdisAllocateNetBuffer(g.nb_pool, g.src.mdl[0], 300, 200);
    return g.result_nb != NULL;
}

static void
allocate_nb_failed(void)
{
    CHECK_NULL(g.result_nb);
    source_check_unchanged(&g.src);
}

static void
allocate_nb_ok(void)
{
    NET_BUFFER *nb = g.result_nb;
    CHECK_PTR_EQ(nb->MdlChain, g.src.mdl[0]);
    CHECK_EQ_U32(nb->DataOffset, 300);
    CHECK_EQ_U32(nb->DataLength, 200);
    CHECK_PTR_EQ(nb->CurrentMdl, g.src.mdl[2]);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
    CHECK_PTR_EQ(nb->NdisPoolHandle, g.nb_pool);
    CHECK_NB_OK(nb);
    source_check_unchanged(&g.src);
}

TEST(sweep_allocate_net_buffer)
{
    static const struct sweep s = { setup_chain_and_pools, call_allocate_nb, allocate_nb_failed,
                                    allocate_nb_ok, cleanup_chain_and_pools };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferMdlAndData --------------------------------------- */

static void
setup_data_nb_pool(void)
{
    g.nb_pool = sweep_nb_pool(1514);
    g.result_nb = NULL;
}

static int
call_mdl_and_data(void)
{
    g.result_nb = NdisAllocateNetBufferMdlAndData(g.nb_pool);
    return g.result_nb != NULL;
}

static void
mdl_and_data_failed(void)
{
    CHECK_NULL(g.result_nb);
}

static void
mdl_and_data_ok(void)
{
    NET_BUFFER *nb = g.result_nb;
    CHECK_PTR_EQ(nb->MdlChain, (PMDL)(nb + 1));
    CHECK_EQ_U32(nb->DataOffset, 1514);
    CHECK_EQ_U32(nb->DataLength, 0);
    CHECK_EQ_U32(nb->MdlChain->ByteCount, 1514);
    CHECK_NB_OK(nb);
}

static void
cleanup_data_nb_pool(void)
{
    if (g.result_nb != NULL) {
        NdisFreeNetBuffer(g.result_nb);
        g.result_nb = NULL;
    }
    NdisFreeNetBufferPool(g.nb_pool);
}

TEST(sweep_allocate_net_buffer_mdl_and_data)
{
    static const struct sweep s = { setup_data_nb_pool, call_mdl_and_data, mdl_and_data_failed,
                                    mdl_and_data_ok, cleanup_data_nb_pool };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferListContext --------------------------------------- */

static void
snap_context(void)
{
    g.snap_top = g.nbl->Context;
    g.snap_next = g.snap_top->Next;
    g.snap_size = g.snap_top->Size;
    g.snap_offset = g.snap_top->Offset;
}

static void
setup_context(void)
{
    /* The pool's 16-byte block is all in use: the call must push a block. */
    g.nbl_pool = sweep_nbl_pool(TRUE, 16, 0);
    g.nbl = NdisAllocateNetBufferList(g.nbl_pool, 16, 0);
    CHECK_NOT_NULL(g.nbl);
    snap_context();
}

static int
call_context(void)
{
    g.status = NdisAllocateNetBufferListContext(g.nbl, 32, 16, TAG);
    return g.status == NDIS_STATUS_SUCCESS;
}

/* The block that was on top is as it was. */
static void
check_old_top_same(void)
{
    CHECK_PTR_EQ(g.snap_top->Next, g.snap_next);
    CHECK_EQ_U32(g.snap_top->Size, g.snap_size);
    CHECK_EQ_U32(g.snap_top->Offset, g.snap_offset);
}

static void
context_failed(void)
{
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    CHECK_PTR_EQ(g.nbl->Context, g.snap_top);
    check_old_top_same();
}

static void
context_ok(void)
{
    CHECK_PTR_EQ(g.nbl->Context->Next, g.snap_top);
    CHECK_EQ_U32(g.nbl->Context->Size, 48);
    CHECK_EQ_U32(g.nbl->Context->Offset, 16);
    check_old_top_same();
    memset(NET_BUFFER_LIST_CONTEXT_DATA_START(g.nbl), 0x77, 32);
}

static void
cleanup_context(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        NdisFreeNetBufferListContext(g.nbl, 32);
    }
    CHECK_PTR_EQ(g.nbl->Context, g.snap_top);
    NdisFreeNetBufferList(g.nbl);
    NdisFreeNetBufferListPool(g.nbl_pool);
}

TEST(sweep_allocate_net_buffer_list_context)
{
    static const struct sweep s = { setup_context, call_context, context_failed, context_ok,
                                    cleanup_context };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- IoAllocateMdl, NdisAllocateMdl, NdisAllocateGenericObject -------------- */

static UCHAR g_mdl_buf[5000];

static void
setup_mdl(void)
{
    g.result_mdl = NULL;
}

static int
call_io_allocate_mdl(void)
{
    g.result_mdl = IoAllocateMdl(g_mdl_buf + 100, 4000, FALSE, FALSE, NULL);
    return g.result_mdl != NULL;
}

static int
call_ndis_allocate_mdl(void)
{
    g.result_mdl = NdisAllocateMdl(NULL, g_mdl_buf + 100, 4000);
    return g.result_mdl != NULL;
}

static void
mdl_failed(void)
{
    CHECK_NULL(g.result_mdl);
}

static void
mdl_ok(void)
{
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(g.result_mdl), g_mdl_buf + 100);
    CHECK_EQ_U32(MmGetMdlByteCount(g.result_mdl), 4000);
    CHECK_NULL(g.result_mdl->Next);
    CHECK_EQ_INT(undis_mdl_chain_check(g.result_mdl, NULL, 0), UNDIS_CHECK_OK);
}

static void
ndis_mdl_ok(void)
{
    mdl_ok();
    CHECK_PTR_EQ(g.result_mdl->MappedSystemVa, g_mdl_buf + 100);
}

static void
cleanup_mdl(void)
{
    if (g.result_mdl != NULL) {
        IoFreeMdl(g.result_mdl);
        g.result_mdl = NULL;
    }
}

TEST(sweep_io_allocate_mdl)
{
    static const struct sweep s = { setup_mdl, call_io_allocate_mdl, mdl_failed, mdl_ok,
                                    cleanup_mdl };
    g_reset();
    run_sweep(&s, 1);
}

TEST(sweep_ndis_allocate_mdl)
{
    static const struct sweep s = { setup_mdl, call_ndis_allocate_mdl, mdl_failed, ndis_mdl_ok,
                                    cleanup_mdl };
    g_reset();
    run_sweep(&s, 1);
}

static void
setup_generic(void)
{
    g.result_obj = NULL;
}

static int
call_generic(void)
{
    g.result_obj = NdisAllocateGenericObject(NULL, TAG, 48);
    return g.result_obj != NULL;
}

static void
generic_failed(void)
{
    CHECK_NULL(g.result_obj);
}

static void
generic_ok(void)
{
    static const UCHAR zeros[48];
    CHECK_EQ_U32(g.result_obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    CHECK_MEM_EQ((const UCHAR *)(g.result_obj + 1), zeros, sizeof(zeros));
}

static void
cleanup_generic(void)
{
    if (g.result_obj != NULL) {
        NdisFreeGenericObject(g.result_obj);
        g.result_obj = NULL;
    }
}

TEST(sweep_allocate_generic_object)
{
    static const struct sweep s = { setup_generic, call_generic, generic_failed, generic_ok,
                                    cleanup_generic };
    g_reset();
    run_sweep(&s, 1);
}

TEST_MAIN_BEGIN
TEST_CASE(sweep_allocate_net_buffer_list_pool)
TEST_CASE(sweep_allocate_net_buffer_pool)
TEST_CASE(sweep_allocate_net_buffer_list)
TEST_CASE(sweep_allocate_net_buffer_list_with_pushed_context)
TEST_CASE(sweep_allocate_net_buffer_and_net_buffer_list)
TEST_CASE(sweep_allocate_net_buffer)
TEST_CASE(sweep_allocate_net_buffer_mdl_and_data)
TEST_CASE(sweep_allocate_net_buffer_list_context)
TEST_CASE(sweep_io_allocate_mdl)
TEST_CASE(sweep_ndis_allocate_mdl)
TEST_CASE(sweep_allocate_generic_object)
TEST_MAIN_END
