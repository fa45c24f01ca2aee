/*
 * test_fault_sweep_derived.c - allocation failure is input (issue 3, item
 * 7) for the calls that derive NBLs from an NBL: clones (new MDLs, the
 * original's MDLs, the internal pools), fragments and reassembly. The
 * sweep and what it checks: tests/support/fault_sweep.h and
 * test_fault_sweep.c.
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

/* ---- NdisAllocateCloneNetBufferList ----------------------------------------- */

static void
setup_derived(void)
{
    source_build(&g.src, k_multi, K_MULTI_NBS);
    if (g.use_internal_pools) {
        g.nbl_pool = NULL;
        g.nb_pool = NULL;
    } else {
        g.nbl_pool = sweep_nbl_pool(TRUE, 0, 0);
        g.nb_pool = sweep_nb_pool(0);
    }
    g.result_nbl = NULL;
}

static void
cleanup_derived_pools(void)
{
    if (!g.use_internal_pools) {
        NdisFreeNetBufferPool(g.nb_pool);
        NdisFreeNetBufferListPool(g.nbl_pool);
    }
    source_free(&g.src);
}

static int
call_clone(void)
{
    g.result_nbl = NdisAllocateCloneNetBufferList(g.src.nbl, g.nbl_pool, g.nb_pool, g.flags);
    return g.result_nbl != NULL;
}

static void
derived_failed(void)
{
    CHECK_NULL(g.result_nbl);
    source_check_unchanged(&g.src);
}

static void
clone_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    CHECK_NBL_OK(g.result_nbl);
    CHECK_PTR_EQ(g.result_nbl->SourceHandle, g.src.nbl->SourceHandle);
    for (int i = 0; i < g.src.nnb; i++, nb = nb->Next) {
        const NET_BUFFER *src = g.src.nb[i];
        ULONG n;
        CHECK_NOT_NULL(nb);
        CHECK_EQ_U32(nb->DataLength, src->DataLength);
        if (g.flags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) {
            CHECK_PTR_EQ(nb->MdlChain, src->MdlChain);
            CHECK_PTR_EQ(nb->CurrentMdl, src->CurrentMdl);
            CHECK_EQ_U32(nb->CurrentMdlOffset, src->CurrentMdlOffset);
            CHECK_EQ_U32(nb->DataOffset, src->DataOffset);
        } else {
            CHECK_EQ_U32(nb->DataOffset, 0);
            CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
            CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
            CHECK_EQ_U32(chain_length(nb->MdlChain), mdls_spanned(src, 0, src->DataLength));
        }
        n = nb_read(nb, g.got, sizeof(g.got));
        CHECK_EQ_U32(n, src->DataLength);
        CHECK_EQ_U32(nb_read(src, g.expect, sizeof(g.expect)), n);
        CHECK_MEM_EQ(g.got, g.expect, n);
    }
    CHECK_NULL(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_clone(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeCloneNetBufferList(g.result_nbl, g.flags);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

/* Allocations of a clone: the NBL, an NB for each source NB after the first
 * (the first is the pool's embedded one), and without
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS a partial MDL for each source MDL that
 * holds used data. */
static unsigned long long
clone_allocs(ULONG flags)
{
    struct source s;
    unsigned long long n = 1 + (K_MULTI_NBS - 1);
    if ((flags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) == 0) {
        source_build(&s, k_multi, K_MULTI_NBS);
        for (int i = 0; i < s.nnb; i++) {
            n += mdls_spanned(s.nb[i], 0, s.nb[i]->DataLength);
        }
        source_free(&s);
    }
    return n;
}

TEST(sweep_allocate_clone_net_buffer_list_new_mdls)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.flags = 0;
    CHECK_EQ_U64(clone_allocs(0), 9);
    run_sweep(&s, clone_allocs(0));
}

TEST(sweep_allocate_clone_net_buffer_list_original_mdls)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.flags = NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS;
    run_sweep(&s, clone_allocs(g.flags));
}

TEST(sweep_allocate_clone_net_buffer_list_internal_pools)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.use_internal_pools = 1;
    run_sweep(&s, clone_allocs(0));
}

/* ---- NdisAllocateFragmentNetBufferList -------------------------------------- */

static int
call_fragment(void)
{
    g.result_nbl = NdisAllocateFragmentNetBufferList(g.src.nbl, g.nbl_pool, g.nb_pool, g.start,
                                                     g.max_len, g.delta, g.backfill, 0);
    return g.result_nbl != NULL;
}

static void
fragment_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    CHECK_NBL_OK(g.result_nbl);
    for (int i = 0; i < g.src.nnb; i++) {
        const NET_BUFFER *src = g.src.nb[i];
        ULONG have = nb_read(src, g.expect, sizeof(g.expect));
        for (ULONG at = g.start; at < have; at += g.max_len) {
            ULONG len = have - at < g.max_len ? have - at : g.max_len;
            CHECK_NOT_NULL(nb);
            CHECK_EQ_U32(nb->DataLength, len + g.delta);
            CHECK_EQ_U32(nb->DataOffset, g.backfill);
            CHECK_EQ_U32(nb->MdlChain->ByteCount, g.backfill + g.delta);
            CHECK_EQ_U32(chain_length(nb->MdlChain), 1 + mdls_spanned(src, at, len));
            CHECK_EQ_U32(nb_read(nb, g.got, sizeof(g.got)), len + g.delta);
            CHECK_MEM_EQ(g.got + g.delta, g.expect + at, len);
            nb = nb->Next;
        }
    }
    CHECK_NULL(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_fragment(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeFragmentNetBufferList(g.result_nbl, g.delta, 0);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

/* The NBL, an NB per fragment but the first (embedded), the partial MDLs of
 * each fragment, and one default NetAllocateMdl block per fragment (the
 * retreat by DataOffsetDelta). */
static unsigned long long
fragment_allocs(void)
{
    struct source s;
    unsigned long long n = 1, frags = 0;
    source_build(&s, k_multi, K_MULTI_NBS);
    for (int i = 0; i < s.nnb; i++) {
        for (ULONG at = g.start; at < s.nb[i]->DataLength; at += g.max_len) {
            ULONG left = s.nb[i]->DataLength - at;
            n += mdls_spanned(s.nb[i], at, left < g.max_len ? left : g.max_len);
            frags++;
        }
    }
    source_free(&s);
    return n + (frags - 1) + (g.delta != 0 ? frags : 0);
}

TEST(sweep_allocate_fragment_net_buffer_list)
{
    static const struct sweep s = { setup_derived, call_fragment, derived_failed, fragment_ok,
                                    cleanup_fragment };
    g_reset();
    g.start = 20;
    g.max_len = 200;
    g.delta = 14;
    g.backfill = 16;
    CHECK_EQ_U64(fragment_allocs(), 30);
    run_sweep(&s, fragment_allocs());
}

TEST(sweep_allocate_fragment_net_buffer_list_large_backfill)
{
    /* A retreat block above the default allocator's size classes. */
    static const struct sweep s = { setup_derived, call_fragment, derived_failed, fragment_ok,
                                    cleanup_fragment };
    g_reset();
    g.start = 0;
    g.max_len = 400;
    g.delta = 54;
    g.backfill = 20000;
    run_sweep(&s, fragment_allocs());
}

/* ---- NdisAllocateReassembledNetBufferList ----------------------------------- */

static int
call_reassemble(void)
{
    g.result_nbl = NdisAllocateReassembledNetBufferList(g.src.nbl, g.nbl_pool, g.start, g.delta,
                                                        g.backfill, 0);
    return g.result_nbl != NULL;
}

static void
reassemble_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    ULONG total = 0;
    CHECK_NBL_OK(g.result_nbl);
    CHECK_NOT_NULL(nb);
    CHECK_NULL(nb->Next);
    for (int i = 0; i < g.src.nnb; i++) {
        UCHAR part[2048];
        ULONG have = nb_read(g.src.nb[i], part, sizeof(part));
        if (have > g.start) {
            memcpy(g.expect + total, part + g.start, have - g.start);
            total += have - g.start;
        }
    }
    CHECK_EQ_U32(nb->DataLength, total + g.delta);
    CHECK_EQ_U32(nb->DataOffset, g.backfill);
    CHECK_EQ_U32(nb_read(nb, g.got, sizeof(g.got)), total + g.delta);
    CHECK_MEM_EQ(g.got + g.delta, g.expect, total);
    source_check_unchanged(&g.src);
}

static void
cleanup_reassemble(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeReassembledNetBufferList(g.result_nbl, g.delta, 0);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

TEST(sweep_allocate_reassembled_net_buffer_list)
{
    static const struct sweep s = { setup_derived, call_reassemble, derived_failed, reassemble_ok,
                                    cleanup_reassemble };
    unsigned long long mdls = 0;
    struct source src;
    g_reset();
    g.start = 20;
    g.delta = 14;
    g.backfill = 16;
    source_build(&src, k_multi, K_MULTI_NBS);
    for (int i = 0; i < src.nnb; i++) {
        if (src.nb[i]->DataLength > g.start) {
            mdls += mdls_spanned(src.nb[i], g.start, src.nb[i]->DataLength - g.start);
        }
    }
    source_free(&src);
    CHECK_EQ_U64(mdls, 6);
    /* The partial MDLs, the NBL, the retreat's default block. */
    run_sweep(&s, mdls + 1 + 1);
}

TEST_MAIN_BEGIN
TEST_CASE(sweep_allocate_clone_net_buffer_list_new_mdls)
TEST_CASE(sweep_allocate_clone_net_buffer_list_original_mdls)
TEST_CASE(sweep_allocate_clone_net_buffer_list_internal_pools)
TEST_CASE(sweep_allocate_fragment_net_buffer_list)
TEST_CASE(sweep_allocate_fragment_net_buffer_list_large_backfill)
TEST_CASE(sweep_allocate_reassembled_net_buffer_list)
TEST_MAIN_END
