/*
 * test_conformance.c - the data-path conformance vectors of the spec's
 * appendix A (1-11 and 13-16; 12 needs a pool and is covered here by a
 * hand-built embedded MDL), one case per vector (15 one per bullet). The
 * edge cases of sections 4 and 5 that the vectors leave implicit are in
 * test_conformance_edges.c.
 *
 * Every case states the whole NET_BUFFER after each step, as the spec
 * writes it: {chain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset}.
 * It also checks which handler ran, with which *BufferSize, and the data
 * bytes, read three ways: from the chain head past DataOffset, from
 * CurrentMdl@CurrentMdlOffset, and through NdisGetDataBuffer. The
 * structure checker runs after every step.
 *
 * All memory here is the test's own (stack buffers, static handler slots),
 * so the recording free handler F only records; nothing is released twice
 * (tests/support/conformance_fixture.h).
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/nb_bytes.h"
#include "support/conformance_fixture.h"

/* Vector 4: Retreat(150, 32, H) -> H(62) -> {N->A->B; 32; 1050; N@32}. */
static PMDL
v4_reach(struct v3 *s)
{
    struct bytes e = { { 0 }, 0 };
    PMDL n;
    v3_setup(s);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s->nb, 150, 32, rec_alloc), NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 62); /* 32 + 150 - 120 */
    /* H ran before the NB changed. */
    CHECK_PTR_EQ(g.seen_at_alloc[0].MdlChain, s->a);
    CHECK_EQ_U32(g.seen_at_alloc[0].DataOffset, 120);
    n = g.given[0];
    CHECK_EQ_U32(n->ByteCount, 62);
    EXPECT_NB(&s->nb, CHAIN(n, s->a, s->b), 32, 1050, n, 32);
    cat(&e, g.slots[0].buf + 32, 30);
    cat(&e, s->a_buf, 100);
    cat(&e, s->b_buf, 920);
    EXPECT_BYTES(&s->nb, e.b, e.n);
    return n;
}

/* ---- vectors 1-11 ------------------------------------------------------- */

TEST(vector01_retreat_fast_path_within_mdl)
{
    UCHAR a_buf[200];
    struct tmdl ta;
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb;
    PMDL a = mdl_make(&ta, a_buf, 200, 0x10);

    nb_set(&nb, a, 100, 50, a, 100);
    rec_reset(&nb);
    EXPECT_NB(&nb, CHAIN(a), 100, 50, a, 100);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 40, 0, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&nb, CHAIN(a), 60, 90, a, 60);
    CHECK_EQ_INT(g.allocs, 0);
    cat(&e, a_buf + 60, 90);
    EXPECT_BYTES(&nb, e.b, e.n);
}

TEST(vector02_retreat_equality_uses_all_backfill)
{
    UCHAR a_buf[200];
    struct tmdl ta;
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb;
    PMDL a = mdl_make(&ta, a_buf, 200, 0x10);

    nb_set(&nb, a, 100, 50, a, 100);
    rec_reset(&nb);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 100, 0, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&nb, CHAIN(a), 0, 150, a, 0);
    CHECK_EQ_INT(g.allocs, 0);
    cat(&e, a_buf, 150);
    EXPECT_BYTES(&nb, e.b, e.n);
}

TEST(vector03_retreat_fast_path_reclaims_earlier_mdl)
{
    struct v3 s;
    struct bytes e = { { 0 }, 0 };

    v3_setup(&s);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s.nb, 50, 0, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&s.nb, CHAIN(s.a, s.b), 70, 950, s.a, 70);
    CHECK_EQ_INT(g.allocs, 0);
    cat(&e, s.a_buf + 70, 30);
    cat(&e, s.b_buf, 920);
    EXPECT_BYTES(&s.nb, e.b, e.n);
}

TEST(vector04_retreat_slow_path_prepends_handler_mdl)
{
    struct v3 s;
    v4_reach(&s);
    CHECK_EQ_INT(g.frees, 0);
}

TEST(vector05_retreat_slow_path_honours_enlarged_buffer_size)
{
    struct v3 s;
    struct bytes e = { { 0 }, 0 };
    PMDL n;

    v3_setup(&s);
    g.enlarge_to = 128;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s.nb, 150, 32, rec_alloc), NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 62);
    n = g.given[0];
    CHECK_EQ_U32(n->ByteCount, 128);
    /* DataOffset = 120 + 128 - 150; the length does not change. */
    EXPECT_NB(&s.nb, CHAIN(n, s.a, s.b), 98, 1050, n, 98);
    cat(&e, g.slots[0].buf + 98, 30);
    cat(&e, s.a_buf, 100);
    cat(&e, s.b_buf, 920);
    EXPECT_BYTES(&s.nb, e.b, e.n);
}

TEST(vector06_retreat_handler_failure_leaves_nb_unchanged)
{
    struct v3 s;
    NET_BUFFER before;
    struct tmdl a_before, b_before;
    struct bytes e = { { 0 }, 0 };

    v3_setup(&s);
    memcpy(&before, &s.nb, sizeof(before));
    memcpy(&a_before, &s.ta, sizeof(a_before));
    memcpy(&b_before, &s.tb, sizeof(b_before));
    g.fail = 1;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s.nb, 150, 32, rec_alloc), NDIS_STATUS_RESOURCES);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 62);
    CHECK_MEM_EQ(&s.nb, &before, sizeof(NET_BUFFER));
    CHECK_MEM_EQ(&s.ta, &a_before, sizeof(s.ta));
    CHECK_MEM_EQ(&s.tb, &b_before, sizeof(s.tb));
    EXPECT_NB(&s.nb, CHAIN(s.a, s.b), 120, 900, s.b, 20);
    cat(&e, s.b_buf + 20, 900);
    EXPECT_BYTES(&s.nb, e.b, e.n);
}

TEST(vector07_advance_without_free_keeps_mdls_for_reuse)
{
    struct v3 s;
    struct bytes e = { { 0 }, 0 };
    struct bytes e4 = { { 0 }, 0 };
    PMDL n = v4_reach(&s);

    NdisAdvanceNetBufferDataStart(&s.nb, 150, FALSE, rec_free);
    EXPECT_NB(&s.nb, CHAIN(n, s.a, s.b), 182, 900, s.b, 20);
    CHECK_EQ_INT(g.frees, 0);
    cat(&e, s.b_buf + 20, 900);
    EXPECT_BYTES(&s.nb, e.b, e.n);

    /* Retreating again reuses N: the fast path, H not called. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s.nb, 150, 32, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&s.nb, CHAIN(n, s.a, s.b), 32, 1050, n, 32);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_INT(g.frees, 0);
    cat(&e4, g.slots[0].buf + 32, 30);
    cat(&e4, s.a_buf, 100);
    cat(&e4, s.b_buf, 920);
    EXPECT_BYTES(&s.nb, e4.b, e4.n);
}

TEST(vector08_advance_with_free_frees_every_wholly_unused_head_mdl)
{
    struct v3 s;
    struct bytes e = { { 0 }, 0 };
    PMDL n = v4_reach(&s);

    NdisAdvanceNetBufferDataStart(&s.nb, 150, TRUE, rec_free);
    /* F(N) then F(A): A was the driver's, but lies wholly in the unused
     * space now. Each is unlinked before F runs. */
    CHECK_EQ_INT(g.frees, 2);
    CHECK_PTR_EQ(g.freed[0], n);
    CHECK_PTR_EQ(g.freed[1], s.a);
    CHECK_PTR_EQ(g.seen_at_free[0].MdlChain, s.a);
    CHECK_PTR_EQ(g.seen_at_free[1].MdlChain, s.b);
    CHECK_EQ_INT(g.allocs, 1);
    EXPECT_NB(&s.nb, CHAIN(s.b), 20, 900, s.b, 20);
    cat(&e, s.b_buf + 20, 900);
    EXPECT_BYTES(&s.nb, e.b, e.n);
}

TEST(vector09_default_allocator_round_trip)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    static UCHAR expected[1578];
    NET_BUFFER nb;
    PUCHAR va;
    PMDL d;

    undis_fault_clear();
    memset(&nb, 0, sizeof(nb));
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 1514, 64, NULL), NDIS_STATUS_SUCCESS);
    d = nb.MdlChain;
    CHECK_NOT_NULL(d);
    EXPECT_NB(&nb, CHAIN(d), 64, 1514, d, 64);
    CHECK_EQ_U32(MmGetMdlByteCount(d), 1578);
    CHECK((d->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) != 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding + 1);

    /* The default buffer is uninitialised: write it, then read it back. */
    va = (PUCHAR)MmGetSystemAddressForMdlSafe(d, NormalPagePriority);
    CHECK_NOT_NULL(va);
    CHECK_PTR_EQ(va, MmGetMdlVirtualAddress(d));
    pattern(va, 1578, 0x33);
    pattern(expected, 1578, 0x33);
    EXPECT_BYTES(&nb, expected + 64, 1514);

    NdisAdvanceNetBufferDataStart(&nb, 1514, TRUE, NULL);
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(vector10_advance_false_to_end_of_chain)
{
    UCHAR a_buf[100];
    struct tmdl ta;
    NET_BUFFER nb;
    PMDL a = mdl_make(&ta, a_buf, 100, 0x10);

    nb_set(&nb, a, 0, 100, a, 0);
    rec_reset(&nb);
    EXPECT_NB(&nb, CHAIN(a), 0, 100, a, 0);
    EXPECT_BYTES(&nb, a_buf, 100);
    NdisAdvanceNetBufferDataStart(&nb, 100, FALSE, NULL);
    EXPECT_NB(&nb, CHAIN(a), 100, 0, NULL, 0);
    EXPECT_BYTES(&nb, a_buf, 0);
}

TEST(vector11_adjust_current_mdl_skips_zero_length_mdl)
{
    UCHAR z_buf[1];
    UCHAR a_buf[100];
    struct tmdl tz, ta;
    NET_BUFFER nb, want;
    PMDL z = mdl_make(&tz, z_buf, 0, 0);
    PMDL a = mdl_make(&ta, a_buf, 100, 0x10);

    z->Next = a;
    /* CurrentMdl on the zero-length head (consistent but not normalised). */
    nb_set(&nb, z, 0, 100, z, 0);
    EXPECT_NB(&nb, CHAIN(z, a), 0, 100, z, 0);
    EXPECT_BYTES(&nb, a_buf, 100);
    memcpy(&want, &nb, sizeof(want));
    want.CurrentMdl = a;
    want.CurrentMdlOffset = 0;
    NdisAdjustNetBufferCurrentMdl(&nb);
    EXPECT_NB(&nb, CHAIN(z, a), 0, 100, a, 0);
    CHECK_MEM_EQ(&nb, &want, sizeof(nb));
    EXPECT_BYTES(&nb, a_buf, 100);

    /* A stale CurrentMdl is recomputed from MdlChain and DataOffset. */
    nb.CurrentMdl = NULL;
    nb.CurrentMdlOffset = 77;
    NdisAdjustNetBufferCurrentMdl(&nb);
    EXPECT_NB(&nb, CHAIN(z, a), 0, 100, a, 0);
    CHECK_MEM_EQ(&nb, &want, sizeof(nb));
}

/* ---- vectors 13, 14: the NBL-level retreat ------------------------------- */

TEST(vector13_nbl_retreat_rolls_back_on_failure)
{
    static UCHAR m1_buf[1600], m2_buf[1500];
    struct tmdl t1, t2;
    NET_BUFFER nb1, nb2, nb1_before, nb2_before;
    NET_BUFFER_LIST nbl, nbl_before;
    struct bytes e1 = { { 0 }, 0 };
    struct bytes e2 = { { 0 }, 0 };
    PMDL m1 = mdl_make(&t1, m1_buf, 1600, 0x21);
    PMDL m2 = mdl_make(&t2, m2_buf, 1500, 0x42);

    nb_set(&nb1, m1, 64, 1000, m1, 64);
    nb_set(&nb2, m2, 0, 1500, m2, 0);
    nb1.Next = &nb2;
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &nb1;
    rec_reset(&nb1);
    g.fail = 1;
    EXPECT_NB(&nb1, CHAIN(m1), 64, 1000, m1, 64);
    EXPECT_NB(&nb2, CHAIN(m2), 0, 1500, m2, 0);
    memcpy(&nb1_before, &nb1, sizeof(nb1));
    memcpy(&nb2_before, &nb2, sizeof(nb2));
    memcpy(&nbl_before, &nbl, sizeof(nbl));

    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 14, 0, rec_alloc, rec_free),
                 NDIS_STATUS_RESOURCES);
    /* NB1 took the fast path (it was retreated when H ran for NB2), H
     * failed for NB2, NB1 was rolled back without a call to F. */
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 14);
    CHECK_EQ_U32(g.seen_at_alloc[0].DataOffset, 50);
    CHECK_EQ_U32(g.seen_at_alloc[0].DataLength, 1014);
    CHECK_EQ_INT(g.frees, 0);
    EXPECT_NB(&nb1, CHAIN(m1), 64, 1000, m1, 64);
    EXPECT_NB(&nb2, CHAIN(m2), 0, 1500, m2, 0);
    CHECK_MEM_EQ(&nb1, &nb1_before, sizeof(NET_BUFFER));
    CHECK_MEM_EQ(&nb2, &nb2_before, sizeof(NET_BUFFER));
    CHECK_MEM_EQ(&nbl, &nbl_before, sizeof(NET_BUFFER_LIST));
    cat(&e1, m1_buf + 64, 1000);
    EXPECT_BYTES(&nb1, e1.b, e1.n);
    cat(&e2, m2_buf, 1500);
    EXPECT_BYTES(&nb2, e2.b, e2.n);
}

/* Two NBs with no unused space: any retreat would have to allocate. */
struct v14 {
    UCHAR buf1[100], buf2[100];
    struct tmdl t1, t2;
    NET_BUFFER nb1, nb2;
    NET_BUFFER_LIST nbl;
};

static void
v14_run(NET_BUFFER_ALLOCATE_MDL *alloc_mdl, NET_BUFFER_FREE_MDL *free_mdl)
{
    struct v14 s;
    struct v14 before;
    unsigned long long outstanding = undis_alloc_outstanding();
    PMDL m1;
    PMDL m2;
    memset(&s, 0, sizeof(s)); /* padding included: the struct is compared bytewise */
    m1 = mdl_make(&s.t1, s.buf1, 100, 0x11);
    m2 = mdl_make(&s.t2, s.buf2, 100, 0x22);

    nb_set(&s.nb1, m1, 0, 100, m1, 0);
    nb_set(&s.nb2, m2, 0, 100, m2, 0);
    s.nb1.Next = &s.nb2;
    memset(&s.nbl, 0, sizeof(s.nbl));
    s.nbl.FirstNetBuffer = &s.nb1;
    rec_reset(&s.nb1);
    memcpy(&before, &s, sizeof(before));

    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 14, 0, alloc_mdl, free_mdl),
                 0xC000000DU);
    CHECK_STATUS(NDIS_STATUS_INVALID_PARAMETER, 0xC000000DU);
    CHECK_EQ_INT(g.allocs, 0);
    CHECK_EQ_INT(g.frees, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
    CHECK_MEM_EQ(&s, &before, sizeof(s));
    EXPECT_NB(&s.nb1, CHAIN(m1), 0, 100, m1, 0);
    EXPECT_NB(&s.nb2, CHAIN(m2), 0, 100, m2, 0);
    EXPECT_BYTES(&s.nb1, s.buf1, 100);
    EXPECT_BYTES(&s.nb2, s.buf2, 100);
}

TEST(vector14a_nbl_retreat_rejects_allocate_without_free)
{
    v14_run(rec_alloc, NULL);
}

TEST(vector14b_nbl_retreat_rejects_free_without_allocate)
{
    v14_run(NULL, rec_free);
}

/* ---- vectors 15, 16: NdisGetDataBuffer ------------------------------------ */

/* NdisGetDataBuffer changed nothing in the NB. */
static void
v15_unchanged(struct v15 *s)
{
    CHECK_MEM_EQ(&s->nb, &s->nb_before, sizeof(NET_BUFFER));
    EXPECT_NB(&s->nb, CHAIN(s->a, s->b), s->nb_before.DataOffset, s->nb_before.DataLength, s->a,
              s->nb_before.CurrentMdlOffset);
}

TEST(vector15a_get_data_direct_pointer_inside_current_mdl)
{
    struct v15 s;
    PUCHAR p;

    v15_setup(&s, 90, 110, 90);
    p = (PUCHAR)NdisGetDataBuffer(&s.nb, 10, NULL, 1, 0);
    CHECK_PTR_EQ(p, (PUCHAR)MmGetMdlVirtualAddress(s.a) + 90);
    CHECK_PTR_EQ(p, s.a_buf + 90);
    v15_unchanged(&s);
}

TEST(vector15b_get_data_spanning_without_storage_is_null)
{
    struct v15 s;

    v15_setup(&s, 90, 110, 90);
    CHECK_NULL(NdisGetDataBuffer(&s.nb, 20, NULL, 1, 0));
    v15_unchanged(&s);
}

TEST(vector15c_get_data_spanning_copies_into_storage)
{
    struct v15 s;
    struct bytes e = { { 0 }, 0 };

    v15_setup(&s, 90, 110, 90);
    CHECK_PTR_EQ(NdisGetDataBuffer(&s.nb, 20, s.storage, 1, 0), s.storage);
    cat(&e, s.a_buf + 90, 10);
    cat(&e, s.b_buf, 10);
    CHECK_MEM_EQ(s.storage, e.b, 20);
    CHECK_EQ_INT(s.storage[20], 0xEE);
    v15_unchanged(&s);
}

TEST(vector15d_get_data_more_than_data_length_is_null)
{
    struct v15 s;
    struct bytes e = { { 0 }, 0 };
    UCHAR untouched[128];

    v15_setup(&s, 90, 110, 90);
    memset(untouched, 0xEE, sizeof(untouched));
    CHECK_NULL(NdisGetDataBuffer(&s.nb, 111, s.storage, 1, 0));
    CHECK_MEM_EQ(s.storage, untouched, sizeof(untouched));
    v15_unchanged(&s);

    /* Exactly DataLength still works (it spans, so it is a copy). */
    CHECK_PTR_EQ(NdisGetDataBuffer(&s.nb, 110, s.storage, 1, 0), s.storage);
    cat(&e, s.a_buf + 90, 10);
    cat(&e, s.b_buf, 100);
    CHECK_MEM_EQ(s.storage, e.b, 110);
    v15_unchanged(&s);
}

TEST(vector15e_get_data_alignment_of_direct_pointer)
{
    struct v15 s;
    PUCHAR direct;

    v15_setup(&s, 90, 110, 90);
    direct = (PUCHAR)MmGetMdlVirtualAddress(s.a) + 90;
    CHECK_EQ_U64((ULONG_PTR)direct % 4u, 2);

    CHECK_NULL(NdisGetDataBuffer(&s.nb, 10, NULL, 4, 0));
    v15_unchanged(&s);
    CHECK_PTR_EQ(NdisGetDataBuffer(&s.nb, 10, s.storage, 4, 0), s.storage);
    CHECK_MEM_EQ(s.storage, s.a_buf + 90, 10);
    CHECK_EQ_INT(s.storage[10], 0xEE);
    v15_unchanged(&s);
    CHECK_PTR_EQ(NdisGetDataBuffer(&s.nb, 10, NULL, 4, 2), direct);
    v15_unchanged(&s);
}

TEST(vector16_get_data_non_normalised_current_mdl)
{
    struct v15 s;

    /* {A(100)->B(100); 100; 50; A@100}: the checker accepts it. */
    v15_setup(&s, 100, 50, 100);
    CHECK_NULL(NdisGetDataBuffer(&s.nb, 10, NULL, 1, 0));
    v15_unchanged(&s);
    CHECK_PTR_EQ(NdisGetDataBuffer(&s.nb, 10, s.storage, 1, 0), s.storage);
    CHECK_MEM_EQ(s.storage, s.b_buf, 10);
    CHECK_EQ_INT(s.storage[10], 0xEE);
    v15_unchanged(&s);
}

TEST_MAIN_BEGIN
TEST_CASE(vector01_retreat_fast_path_within_mdl)
TEST_CASE(vector02_retreat_equality_uses_all_backfill)
TEST_CASE(vector03_retreat_fast_path_reclaims_earlier_mdl)
TEST_CASE(vector04_retreat_slow_path_prepends_handler_mdl)
TEST_CASE(vector05_retreat_slow_path_honours_enlarged_buffer_size)
TEST_CASE(vector06_retreat_handler_failure_leaves_nb_unchanged)
TEST_CASE(vector07_advance_without_free_keeps_mdls_for_reuse)
TEST_CASE(vector08_advance_with_free_frees_every_wholly_unused_head_mdl)
TEST_CASE(vector09_default_allocator_round_trip)
TEST_CASE(vector10_advance_false_to_end_of_chain)
TEST_CASE(vector11_adjust_current_mdl_skips_zero_length_mdl)
TEST_CASE(vector13_nbl_retreat_rolls_back_on_failure)
TEST_CASE(vector14a_nbl_retreat_rejects_allocate_without_free)
TEST_CASE(vector14b_nbl_retreat_rejects_free_without_allocate)
TEST_CASE(vector15a_get_data_direct_pointer_inside_current_mdl)
TEST_CASE(vector15b_get_data_spanning_without_storage_is_null)
TEST_CASE(vector15c_get_data_spanning_copies_into_storage)
TEST_CASE(vector15d_get_data_more_than_data_length_is_null)
TEST_CASE(vector15e_get_data_alignment_of_direct_pointer)
TEST_CASE(vector16_get_data_non_normalised_current_mdl)
TEST_MAIN_END
