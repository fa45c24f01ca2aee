/*
 * test_fault_sweep_retreat.c - allocation failure is input (issue 3, item
 * 7) for the retreats with the default allocator, NB and NBL, small and
 * large: the default NetAllocateMdl is refused in turn. The sweep and what
 * it checks: tests/support/fault_sweep.h and test_fault_sweep.c.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/fault_sweep.h"

/* The shared state of the case that runs. */
static struct sweep_state g;

static void
g_reset(void)
{
    memset(&g, 0, sizeof(g));
}

/* ---- NdisRetreatNetBufferDataStart with the default allocator --------------- */

static const struct nb_spec k_single[] = { { { 100, 50 }, 2, 10, 120 } };

static void
setup_retreat(void)
{
    source_build(&g.src, k_single, 1);
    g.nb = g.src.nb[0];
}

static int
call_retreat(void)
{
    g.status = NdisRetreatNetBufferDataStart(g.nb, g.delta, g.backfill, NULL);
    return g.status == NDIS_STATUS_SUCCESS;
}

static void
retreat_failed(void)
{
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    source_check_unchanged(&g.src); /* the NB bit for bit */
}

static void
retreat_ok(void)
{
    NET_BUFFER *nb = g.nb;
    PMDL d = nb->MdlChain;
    ULONG n;
    CHECK(d != g.src.mdl[0]);
    CHECK_PTR_EQ(d->Next, g.src.mdl[0]);
    CHECK_EQ_U32(d->ByteCount, g.backfill + g.delta - 10);
    CHECK_EQ_U32(nb->DataOffset, g.backfill);
    CHECK_EQ_U32(nb->DataLength, 120 + g.delta);
    CHECK_PTR_EQ(nb->CurrentMdl, d);
    CHECK_EQ_U32(nb->CurrentMdlOffset, g.backfill);
    CHECK_NB_OK(nb);
    n = nb_read(nb, g.got, sizeof(g.got));
    CHECK_EQ_U32(n, 120 + g.delta);
    CHECK_MEM_EQ(g.got + g.delta - 10, g.src.buf, 120 + 10); /* old unused space is data */
}

static void
cleanup_retreat(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        /* Give the block back: the NB is as built again. */
        NdisAdvanceNetBufferDataStart(g.nb, g.delta, TRUE, NULL);
        source_check_unchanged(&g.src);
    }
    source_free(&g.src);
}

TEST(sweep_retreat_net_buffer_default_allocator)
{
    static const struct sweep s = { setup_retreat, call_retreat, retreat_failed, retreat_ok,
                                    cleanup_retreat };
    g_reset();
    g.delta = 40;
    g.backfill = 16;
    run_sweep(&s, 1);
}

TEST(sweep_retreat_net_buffer_default_allocator_large)
{
    static const struct sweep s = { setup_retreat, call_retreat, retreat_failed, retreat_ok,
                                    cleanup_retreat };
    g_reset();
    g.delta = 1500;
    g.backfill = 20000;
    run_sweep(&s, 1);
}

/* ---- NdisRetreatNetBufferListDataStart with the default allocator ----------- */

/* Three NBs whose unused space is shorter than the delta (each retreat
 * allocates) and whose head MDL holds data (so a rollback frees only the
 * default block):
 *   {M1a(200)->M1b(300); 64; 400}, {M2(1500); 0; 1500}, {M3a(100)->M3b(100); 10; 150} */
static const struct nb_spec k_three[] = {
    { { 200, 300 }, 2, 64, 400 },
    { { 1500 }, 1, 0, 1500 },
    { { 100, 100 }, 2, 10, 150 },
};

static void
setup_retreat_nbl(void)
{
    source_build(&g.src, k_three, 3);
    g.nbl = g.src.nbl;
}

static int
call_retreat_nbl(void)
{
    g.status = NdisRetreatNetBufferListDataStart(g.nbl, g.delta, g.backfill, NULL, NULL);
    return g.status == NDIS_STATUS_SUCCESS;
}

static void
retreat_nbl_failed(void)
{
    /* NBs before the failing one were rolled back, the others untouched. */
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    source_check_unchanged(&g.src);
}

static void
retreat_nbl_ok(void)
{
    for (int i = 0; i < g.src.nnb; i++) {
        const NET_BUFFER *nb = g.src.nb[i];
        const NET_BUFFER *was = &g.src.snap_nb[i];
        CHECK_PTR_EQ(nb->MdlChain->Next, was->MdlChain);
        CHECK_EQ_U32(nb->MdlChain->ByteCount, g.backfill + g.delta - was->DataOffset);
        CHECK_EQ_U32(nb->DataOffset, g.backfill);
        CHECK_EQ_U32(nb->DataLength, was->DataLength + g.delta);
        CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
        CHECK_NB_OK(nb);
    }
}

static void
cleanup_retreat_nbl(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        NdisAdvanceNetBufferListDataStart(g.nbl, g.delta, TRUE, NULL);
        source_check_unchanged(&g.src);
    }
    source_free(&g.src);
}

TEST(sweep_retreat_net_buffer_list_default_allocator)
{
    static const struct sweep s = { setup_retreat_nbl, call_retreat_nbl, retreat_nbl_failed,
                                    retreat_nbl_ok, cleanup_retreat_nbl };
    g_reset();
    g.delta = 100;
    g.backfill = 32;
    run_sweep(&s, 3);
}

TEST(sweep_retreat_net_buffer_list_default_allocator_large)
{
    static const struct sweep s = { setup_retreat_nbl, call_retreat_nbl, retreat_nbl_failed,
                                    retreat_nbl_ok, cleanup_retreat_nbl };
    g_reset();
    g.delta = 100;
    g.backfill = 20000;
    run_sweep(&s, 3);
}

TEST_MAIN_BEGIN
TEST_CASE(sweep_retreat_net_buffer_default_allocator)
TEST_CASE(sweep_retreat_net_buffer_default_allocator_large)
TEST_CASE(sweep_retreat_net_buffer_list_default_allocator)
TEST_CASE(sweep_retreat_net_buffer_list_default_allocator_large)
TEST_MAIN_END
