/*
 * test_handlers.c - the NetAllocateMdl / NetFreeMdl handlers a driver
 * passes to retreat and advance (spec 3, 4.1, 4.2, 5.1), and the library's
 * default pair used for NULL handlers.
 *
 * Two driver-style pairs keep a table of every MDL they hand out
 * (tests/support/handler_pairs.h): pair A's buffer from malloc and MDL from
 * IoAllocateMdl, pair B's MDL header and buffer in one malloc block. A free
 * handler fails the case when it is given an MDL it did not allocate (the
 * other pair's, or the test's own) or one it already freed. Long deterministic sequences of
 * retreats and advances then prove that every MDL a retreat allocated is freed exactly once, by the
 * matching free handler, at the matching advance; each NB's bytes are compared with a flat model
 * after every step and the structure checker runs every time.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/handler_pairs.h"
#include "support/nb_bytes.h"

/* ---- (a) a handler that enlarges *BufferSize ------------------------------- */

TEST(enlarging_handler_moves_data_offset_by_returned_size)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    UCHAR a_buf[300], b_buf[1000];
    struct tmdl ta, tb;
    struct bytes e = { { 0 }, 0 };
    struct bytes e2 = { { 0 }, 0 };
    NET_BUFFER nb, before;
    PMDL a, b, n;

    drv_reset();
    g_a.round_to = 256;
    a = mdl_make(&ta, a_buf, 300, 0x10);
    b = mdl_make(&tb, b_buf, 1000, 0x60);
    a->Next = b;
    nb_set(&nb, a, 120, 900, a, 120);
    memcpy(&before, &nb, sizeof(nb));
    EXPECT_NB(&nb, CHAIN(a, b), 120, 900, a, 120);

    /* Asked for 32 + 150 - 120 = 62, got 256: DataOffset 120 + 256 - 150. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 150, 32, drv_alloc_a), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g_a.n, 1);
    CHECK_EQ_U32(g_a.rec[0].requested, 62);
    CHECK_EQ_U32(g_a.rec[0].size, 256);
    n = g_a.rec[0].mdl;
    CHECK_EQ_U32(MmGetMdlByteCount(n), 256);
    EXPECT_NB(&nb, CHAIN(n, a, b), 226, 1050, n, 226);
    cat(&e, g_a.rec[0].buf + 226, 30);
    cat(&e, a_buf, 300);
    cat(&e, b_buf, 720);
    EXPECT_BYTES(&nb, e.b, e.n);
    NdisAdvanceNetBufferDataStart(&nb, 150, TRUE, drv_free_a);
    CHECK_EQ_INT(g_a.rec[0].frees, 1);
    EXPECT_NB(&nb, CHAIN(a, b), 120, 900, a, 120);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));

    /* A larger one: 0 + 1000 - 120 = 880 rounds to 1024. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 1000, 0, drv_alloc_a), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g_a.rec[1].requested, 880);
    n = g_a.rec[1].mdl;
    EXPECT_NB(&nb, CHAIN(n, a, b), 144, 1900, n, 144);
    cat(&e2, g_a.rec[1].buf + 144, 880);
    cat(&e2, a_buf, 300);
    cat(&e2, b_buf, 720);
    EXPECT_BYTES(&nb, e2.b, e2.n);
    NdisAdvanceNetBufferDataStart(&nb, 1000, TRUE, drv_free_a);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    drv_expect_all_freed(&g_a);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(enlarging_handler_on_empty_nb)
{
    NET_BUFFER nb;
    PMDL n;

    drv_reset();
    g_b.round_to = 256;
    nb_set(&nb, NULL, 0, 0, NULL, 0);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 1514, 64, drv_alloc_b), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g_b.rec[0].requested, 1578);
    CHECK_EQ_U32(g_b.rec[0].size, 1792);
    n = g_b.rec[0].mdl;
    EXPECT_NB(&nb, CHAIN(n), 278, 1514, n, 278);
    EXPECT_BYTES(&nb, g_b.rec[0].buf + 278, 1514);
    NdisAdvanceNetBufferDataStart(&nb, 1514, TRUE, drv_free_b);
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    drv_expect_all_freed(&g_b);
}

/* ---- (b) a handler that fails ------------------------------------------------ */

TEST(failing_handler_leaves_nb_unchanged_and_its_buffer_size_is_ignored)
{
    UCHAR a_buf[300], b_buf[1000];
    struct tmdl ta, tb, ta_before, tb_before;
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb, before, empty, empty_before;
    PMDL a, b, n;

    drv_reset();
    a = mdl_make(&ta, a_buf, 300, 0x10);
    b = mdl_make(&tb, b_buf, 1000, 0x60);
    a->Next = b;
    nb_set(&nb, a, 120, 900, a, 120);
    memcpy(&before, &nb, sizeof(nb));
    memcpy(&ta_before, &ta, sizeof(ta));
    memcpy(&tb_before, &tb, sizeof(tb));

    /* The handler writes 62 * 3 + 1000 to *BufferSize and returns NULL. */
    g_a.fail_on = 1;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 150, 32, drv_alloc_a), NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_a.calls, 1);
    CHECK_EQ_U32(g_a.n, 0);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_MEM_EQ(&ta, &ta_before, sizeof(ta));
    CHECK_MEM_EQ(&tb, &tb_before, sizeof(tb));
    EXPECT_NB(&nb, CHAIN(a, b), 120, 900, a, 120);
    cat(&e, a_buf + 120, 180);
    cat(&e, b_buf, 720);
    EXPECT_BYTES(&nb, e.b, e.n);
    e.n = 0;

    /* Nothing carried over: the next call asks for the same 62. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 150, 32, drv_alloc_a), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g_a.calls, 2);
    CHECK_EQ_U32(g_a.rec[0].requested, 62);
    n = g_a.rec[0].mdl;
    EXPECT_NB(&nb, CHAIN(n, a, b), 32, 1050, n, 32);
    cat(&e, g_a.rec[0].buf + 32, 30);
    cat(&e, a_buf, 300);
    cat(&e, b_buf, 720);
    EXPECT_BYTES(&nb, e.b, e.n);
    NdisAdvanceNetBufferDataStart(&nb, 150, TRUE, drv_free_a);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    drv_expect_all_freed(&g_a);

    /* On an empty NB too. */
    g_b.fail_on = 1;
    nb_set(&empty, NULL, 0, 0, NULL, 0);
    memcpy(&empty_before, &empty, sizeof(empty));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&empty, 60, 4, drv_alloc_b), NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_b.calls, 1);
    CHECK_MEM_EQ(&empty, &empty_before, sizeof(empty));
    EXPECT_NB(&empty, CHAIN(NULL), 0, 0, NULL, 0);
}

/* ---- (c) a counting pair over many retreats and advances ------------------ */

TEST(counting_pair_frees_every_retreat_mdl_once_on_nbs)
{
    unsigned long long outstanding = undis_alloc_outstanding();

    fixtures_setup();
    run_nb_sequence(&pair_a, 0x1234u, 600);
    drv_expect_all_freed(&g_a);
    CHECK_EQ_U32(g_b.calls, 0);
    CHECK(g_a.n >= 50);
    CHECK(g_stats.fast >= 20);
    CHECK(g_stats.peeks >= 10);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(counting_pair_with_enlarged_sizes_on_nbs)
{
    unsigned long long outstanding = undis_alloc_outstanding();

    fixtures_setup();
    g_b.round_to = 256;
    run_nb_sequence(&pair_b, 0xBEEFu, 600);
    drv_expect_all_freed(&g_b);
    CHECK_EQ_U32(g_a.calls, 0);
    CHECK(g_b.n >= 50);
    CHECK(g_stats.fast >= 20);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(counting_pair_frees_every_retreat_mdl_once_on_nbl)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    NET_BUFFER_LIST *nbl;
    static const int first[1] = { 0 };
    static const int count[1] = { MAX_NBS };
    const struct pair *pairs[1] = { &pair_a };

    fixtures_setup();
    nbl = fixtures_nbl(0, 0, MAX_NBS);
    g_a.round_to = 64;
    run_nbl_sequence(&nbl, first, count, pairs, 1, 0x5EEDu, 300);
    drv_expect_all_freed(&g_a);
    CHECK(g_a.n >= 100);
    CHECK(g_stats.fast >= 50);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

/* ---- (d) two pairs on NBs of distinct NBLs ---------------------------------- */

TEST(two_handler_pairs_on_distinct_nbls_do_not_mix)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    NET_BUFFER_LIST *nbls[2];
    static const int first[2] = { 0, 2 };
    static const int count[2] = { 2, 2 };
    const struct pair *pairs[2] = { &pair_a, &pair_b };
    unsigned i;

    fixtures_setup();
    nbls[0] = fixtures_nbl(0, 0, 2);
    nbls[1] = fixtures_nbl(1, 2, 2);
    run_nbl_sequence(nbls, first, count, pairs, 2, 0xD00Du, 400);
    drv_expect_all_freed(&g_a);
    drv_expect_all_freed(&g_b);
    CHECK(g_a.n >= 20);
    CHECK(g_b.n >= 20);
    /* Each pair's MDLs went only to the NBs of its own NBL. */
    for (i = 0; i < g_a.n; i++) {
        CHECK(g_a.rec[i].owner == &fx.nb[0] || g_a.rec[i].owner == &fx.nb[1]);
    }
    for (i = 0; i < g_b.n; i++) {
        CHECK(g_b.rec[i].owner == &fx.nb[2] || g_b.rec[i].owner == &fx.nb[3]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

/* Single NBs, interleaved: nb[1] with pair A, nb[2] with pair B. */
TEST(two_handler_pairs_interleaved_on_single_nbs)
{
    unsigned i;

    fixtures_setup();
    nb_push(&fx.t[1], &pair_a, 100, 16, 0x11);
    nb_push(&fx.t[2], &pair_b, 100, 16, 0x22);
    nb_push(&fx.t[1], &pair_a, 30, 0, 0x33); /* slow: 16 < 30 */
    nb_push(&fx.t[2], &pair_b, 10, 0, 0x44); /* fast: 16 >= 10 */
    nb_pop(&fx.t[1], &pair_a);
    nb_push(&fx.t[1], &pair_a, 200, 8, 0x55); /* slow */
    nb_pop(&fx.t[2], &pair_b);
    nb_pop(&fx.t[2], &pair_b);
    nb_pop(&fx.t[1], &pair_a);
    nb_pop(&fx.t[1], &pair_a);
    fixtures_expect_initial();
    drv_expect_all_freed(&g_a);
    drv_expect_all_freed(&g_b);
    CHECK_EQ_U32(g_a.n, 3);
    CHECK_EQ_U32(g_b.n, 1);
    for (i = 0; i < g_a.n; i++) {
        CHECK_PTR_EQ(g_a.rec[i].owner, &fx.nb[1]);
    }
    CHECK_PTR_EQ(g_b.rec[0].owner, &fx.nb[2]);
}

/* ---- (e) NBL rollback frees what earlier NBs allocated ------------------- */

struct two_nbs {
    UCHAR buf1[100], buf2[100];
    struct tmdl t1, t2;
    PMDL m1, m2;
    NET_BUFFER nb1, nb2, nb1_before, nb2_before;
    NET_BUFFER_LIST nbl;
};

/* NB1 {M1(100); 0; 100; M1@0}, NB2 {M2(100); 0; 100; M2@0}: both must
 * allocate to retreat. */
static void
two_nbs_setup(struct two_nbs *s)
{
    s->m1 = mdl_make(&s->t1, s->buf1, 100, 0x31);
    s->m2 = mdl_make(&s->t2, s->buf2, 100, 0x32);
    nb_set(&s->nb1, s->m1, 0, 100, s->m1, 0);
    nb_set(&s->nb2, s->m2, 0, 100, s->m2, 0);
    s->nb1.Next = &s->nb2;
    memset(&s->nbl, 0, sizeof(s->nbl));
    s->nbl.FirstNetBuffer = &s->nb1;
    memcpy(&s->nb1_before, &s->nb1, sizeof(NET_BUFFER));
    memcpy(&s->nb2_before, &s->nb2, sizeof(NET_BUFFER));
    NBL_OK(&s->nbl);
}

static void
two_nbs_expect_unchanged(struct two_nbs *s)
{
    CHECK_MEM_EQ(&s->nb1, &s->nb1_before, sizeof(NET_BUFFER));
    CHECK_MEM_EQ(&s->nb2, &s->nb2_before, sizeof(NET_BUFFER));
    EXPECT_NB(&s->nb1, CHAIN(s->m1), 0, 100, s->m1, 0);
    EXPECT_NB(&s->nb2, CHAIN(s->m2), 0, 100, s->m2, 0);
    EXPECT_BYTES(&s->nb1, s->buf1, 100);
    EXPECT_BYTES(&s->nb2, s->buf2, 100);
    NBL_OK(&s->nbl);
}

TEST(nbl_rollback_frees_mdl_earlier_nb_allocated)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    struct two_nbs s;

    drv_reset();
    two_nbs_setup(&s);
    g_a.fail_on = 2;
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 14, 0, drv_alloc_a, drv_free_a),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_a.calls, 2);
    CHECK_EQ_U32(g_a.n, 1);
    CHECK_EQ_U32(g_a.rec[0].requested, 14);
    drv_expect_all_freed(&g_a);
    two_nbs_expect_unchanged(&s);

    /* With backfill: NB1 got N(64) at DataOffset 50; the rollback's
     * Advance(14, TRUE) reaches 64 and frees it. */
    drv_reset();
    g_b.fail_on = 2;
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 14, 50, drv_alloc_b, drv_free_b),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_b.calls, 2);
    CHECK_EQ_U32(g_b.rec[0].requested, 64);
    drv_expect_all_freed(&g_b);
    CHECK_EQ_U32(g_a.calls, 0);
    two_nbs_expect_unchanged(&s);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);

    /* And the same NBL succeeds once the handler does. */
    drv_reset();
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 14, 50, drv_alloc_a, drv_free_a),
                 NDIS_STATUS_SUCCESS);
    EXPECT_NB(&s.nb1, CHAIN(g_a.rec[0].mdl, s.m1), 50, 114, g_a.rec[0].mdl, 50);
    EXPECT_NB(&s.nb2, CHAIN(g_a.rec[1].mdl, s.m2), 50, 114, g_a.rec[1].mdl, 50);
    NdisAdvanceNetBufferListDataStart(&s.nbl, 14, TRUE, drv_free_a);
    drv_expect_all_freed(&g_a);
    two_nbs_expect_unchanged(&s);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(nbl_rollback_over_mixed_fast_and_slow_nbs)
{
    UCHAR a_buf[100], b_buf[300], c_buf[100];
    struct tmdl ta, tb, tc;
    NET_BUFFER nb1, nb2, nb3, b1, b2, b3;
    NET_BUFFER_LIST nbl;
    PMDL a = mdl_make(&ta, a_buf, 100, 0x41);
    PMDL b = mdl_make(&tb, b_buf, 300, 0x42);
    PMDL c = mdl_make(&tc, c_buf, 100, 0x43);

    drv_reset();
    nb_set(&nb1, a, 0, 100, a, 0);     /* slow: allocates 16 + 60 */
    nb_set(&nb2, b, 100, 200, b, 100); /* fast */
    nb_set(&nb3, c, 0, 100, c, 0);     /* slow: the handler fails */
    nb1.Next = &nb2;
    nb2.Next = &nb3;
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &nb1;
    memcpy(&b1, &nb1, sizeof(nb1));
    memcpy(&b2, &nb2, sizeof(nb2));
    memcpy(&b3, &nb3, sizeof(nb3));
    g_a.fail_on = 2;
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 60, 16, drv_alloc_a, drv_free_a),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_a.calls, 2);
    CHECK_EQ_U32(g_a.rec[0].requested, 76);
    drv_expect_all_freed(&g_a);
    CHECK_MEM_EQ(&nb1, &b1, sizeof(nb1));
    CHECK_MEM_EQ(&nb2, &b2, sizeof(nb2));
    CHECK_MEM_EQ(&nb3, &b3, sizeof(nb3));
    EXPECT_NB(&nb1, CHAIN(a), 0, 100, a, 0);
    EXPECT_NB(&nb2, CHAIN(b), 100, 200, b, 100);
    EXPECT_NB(&nb3, CHAIN(c), 0, 100, c, 0);
    EXPECT_BYTES(&nb2, b_buf + 100, 200);
    NBL_OK(&nbl);
}

/* Windows' rollback advances with FreeMdl TRUE even for an NB that took the
 * fast path, so a driver MDL that lies wholly in the restored unused space
 * goes to the free handler (spec 5.1 step 3). */
static struct {
    int n;
    PMDL freed[4];
} g_noted;

static NET_BUFFER_FREE_MDL note_free;

static VOID
note_free(PMDL Mdl)
{
    CHECK(g_noted.n < 4);
    g_noted.freed[g_noted.n++] = Mdl;
}

TEST(nbl_rollback_frees_driver_head_mdl_wholly_in_unused_space)
{
    UCHAR a_buf[100], b_buf[1000], c_buf[100];
    struct tmdl ta, tb, tc;
    NET_BUFFER nb1, nb2, nb2_before;
    NET_BUFFER_LIST nbl;
    PMDL a = mdl_make(&ta, a_buf, 100, 0x51);
    PMDL b = mdl_make(&tb, b_buf, 1000, 0x52);
    PMDL c = mdl_make(&tc, c_buf, 100, 0x53);

    drv_reset();
    memset(&g_noted, 0, sizeof(g_noted));
    a->Next = b;
    nb_set(&nb1, a, 120, 900, b, 20); /* fast for delta 50 */
    nb_set(&nb2, c, 0, 100, c, 0);    /* slow; the handler fails */
    nb1.Next = &nb2;
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &nb1;
    memcpy(&nb2_before, &nb2, sizeof(nb2));
    g_a.fail_on = 1;
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 50, 0, drv_alloc_a, note_free),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(g_a.calls, 1);
    CHECK_EQ_INT(g_noted.n, 1);
    CHECK_PTR_EQ(g_noted.freed[0], a);
    EXPECT_NB(&nb1, CHAIN(b), 20, 900, b, 20);
    EXPECT_BYTES(&nb1, b_buf + 20, 900);
    CHECK_MEM_EQ(&nb2, &nb2_before, sizeof(nb2));
}

/* One default allocation of delta + backfill and its free, so that whatever
 * the default allocator keeps per size class exists before a fault is armed:
 * the Nth allocation must then mean the Nth NetAllocateMdl, not the Nth
 * backing block. */
static void
default_warm_up(ULONG delta, ULONG backfill)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    NET_BUFFER nb;
    nb_set(&nb, NULL, 0, 0, NULL, 0);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, delta, backfill, NULL), NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferDataStart(&nb, delta, TRUE, NULL);
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST(nbl_rollback_with_default_allocator_frees_default_mdl)
{
    unsigned long long outstanding;
    unsigned long long refused;
    struct two_nbs s;

    drv_reset();
    default_warm_up(14, 32);
    outstanding = undis_alloc_outstanding();
    refused = undis_alloc_failed_count();
    two_nbs_setup(&s);
    /* NB1's default allocation succeeds, NB2's (the 2nd) is refused. */
    undis_fault_alloc_fail_nth(2);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 14, 32, NULL, NULL),
                 NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
    two_nbs_expect_unchanged(&s);
}

/* ---- (f) the default pair ---------------------------------------------------- */

TEST(default_pair_balanced_on_several_nbs)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    PMDL d0, d1, d2;

    fixtures_setup();
    /* By hand first: Retreat(100, 16, NULL) allocates 16 + 100 - off. */
    nb_push(&fx.t[0], &pair_default, 100, 16, 0x61);
    nb_push(&fx.t[1], &pair_default, 100, 16, 0x62);
    nb_push(&fx.t[2], &pair_default, 100, 16, 0x63);
    d0 = fx.nb[0].MdlChain;
    d1 = fx.nb[1].MdlChain;
    d2 = fx.nb[2].MdlChain;
    CHECK_EQ_U32(d0->ByteCount, 116);
    CHECK_EQ_U32(d1->ByteCount, 76);
    CHECK_EQ_U32(d2->ByteCount, 106);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding + 3);
    EXPECT_NB(&fx.nb[0], CHAIN(d0), 16, 100, d0, 16);
    EXPECT_NB(&fx.nb[1], CHAIN(d1, &fx.ta1.mdl), 16, 300, d1, 16);
    EXPECT_NB(&fx.nb[2], CHAIN(d2, &fx.ta2.mdl, &fx.tb2.mdl), 16, 400, d2, 16);
    nb_pop(&fx.t[1], &pair_default);
    nb_pop(&fx.t[0], &pair_default);
    nb_pop(&fx.t[2], &pair_default);
    fixtures_expect_initial();
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);

    /* Then a long random sequence, per NB and per NBL. */
    run_nb_sequence(&pair_default, 0xF00Du, 400);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
    {
        NET_BUFFER_LIST *nbl = fixtures_nbl(0, 0, MAX_NBS);
        static const int first[1] = { 0 };
        static const int count[1] = { MAX_NBS };
        const struct pair *pairs[1] = { &pair_default };
        run_nbl_sequence(&nbl, first, count, pairs, 1, 0xCAFEu, 200);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
    CHECK_EQ_U32(g_a.calls + g_b.calls, 0);
}

TEST(default_allocation_failure_leaves_nb_unchanged)
{
    unsigned long long outstanding;
    unsigned long long refused;
    NET_BUFFER before;
    int i;

    fixtures_setup();
    default_warm_up(2000, 64);
    outstanding = undis_alloc_outstanding();
    refused = undis_alloc_failed_count();
    for (i = 0; i < MAX_NBS; i++) {
        /* A fast-path retreat does not allocate, so the armed fault stays
         * armed for the slow one. */
        undis_fault_alloc_fail_nth(1);
        if (fx.nb[i].DataOffset >= 10) {
            nb_push(&fx.t[i], &pair_default, 10, 0, 0x70);
            CHECK_EQ_U64(undis_alloc_failed_count(), refused);
        }
        memcpy(&before, &fx.nb[i], sizeof(before));
        CHECK_STATUS(NdisRetreatNetBufferDataStart(&fx.nb[i], 2000, 64, NULL),
                     NDIS_STATUS_RESOURCES);
        CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
        refused++;
        CHECK_MEM_EQ(&fx.nb[i], &before, sizeof(before));
        NB_OK(&fx.nb[i]);
        EXPECT_BYTES(&fx.nb[i], fx.t[i].model, fx.t[i].len);
        CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
        undis_fault_clear();
        /* The same call succeeds once allocation does. */
        nb_push(&fx.t[i], &pair_default, 2000, 64, 0x71);
        while (fx.t[i].depth > 0) {
            nb_pop(&fx.t[i], &pair_default);
        }
    }
    fixtures_expect_initial();
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

/* ---- (g) writing a header into the retreated space ------------------------- */

static const UCHAR eth_header[14] = { 0x02, 0x00, 0x5E, 0x10, 0x20, 0x30, 0x02,
                                      0x00, 0x5E, 0x40, 0x50, 0x60, 0x08, 0x00 };

TEST(header_written_through_get_data_buffer_precedes_old_data)
{
    UCHAR a_buf[1000];
    struct tmdl ta;
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb, before;
    PUCHAR p;
    PMDL a = mdl_make(&ta, a_buf, 1000, 0x71);
    PMDL n;

    drv_reset();
    nb_set(&nb, a, 0, 1000, a, 0);
    memcpy(&before, &nb, sizeof(nb));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 14, 50, drv_alloc_b), NDIS_STATUS_SUCCESS);
    n = g_b.rec[0].mdl;
    EXPECT_NB(&nb, CHAIN(n, a), 50, 1014, n, 50);
    /* The 14 new bytes are contiguous in N: a direct pointer. */
    p = (PUCHAR)NdisGetDataBuffer(&nb, 14, NULL, 1, 0);
    CHECK_PTR_EQ(p, (PUCHAR)MmGetMdlVirtualAddress(n) + 50);
    memcpy(p, eth_header, sizeof(eth_header));
    NB_OK(&nb);
    cat(&e, eth_header, 14);
    cat(&e, a_buf, 1000);
    EXPECT_BYTES(&nb, e.b, e.n);
    /* Across the MDL boundary NdisGetDataBuffer needs Storage. */
    CHECK_NULL(NdisGetDataBuffer(&nb, 15, NULL, 1, 0));
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free_b);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    EXPECT_BYTES(&nb, a_buf, 1000);
    drv_expect_all_freed(&g_b);
}

TEST(header_spanning_retreat_mdl_and_old_unused_space)
{
    UCHAR a_buf[300], b_buf[1000], old[900];
    UCHAR hdr[150];
    struct tmdl ta, tb;
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb, before;
    PMDL a = mdl_make(&ta, a_buf, 300, 0x10);
    PMDL b = mdl_make(&tb, b_buf, 1000, 0x60);
    PMDL n;

    drv_reset();
    a->Next = b;
    nb_set(&nb, a, 120, 900, a, 120);
    memcpy(&before, &nb, sizeof(nb));
    memcpy(old, a_buf + 120, 180);
    memcpy(old + 180, b_buf, 720);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 150, 32, drv_alloc_a), NDIS_STATUS_SUCCESS);
    n = g_a.rec[0].mdl;
    EXPECT_NB(&nb, CHAIN(n, a, b), 32, 1050, n, 32);
    /* The header covers N[32 .. 62) and the old unused A[0 .. 120). */
    pattern(hdr, sizeof(hdr), 0xE7);
    nb_write(&nb, hdr, sizeof(hdr));
    NB_OK(&nb);
    CHECK_MEM_EQ(g_a.rec[0].buf + 32, hdr, 30);
    CHECK_MEM_EQ(a_buf, hdr + 30, 120);
    cat(&e, hdr, 150);
    cat(&e, old, 900);
    EXPECT_BYTES(&nb, e.b, e.n);
    NdisAdvanceNetBufferDataStart(&nb, 150, TRUE, drv_free_a);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    EXPECT_BYTES(&nb, old, 900);
    drv_expect_all_freed(&g_a);
}

TEST(headers_on_default_allocator_mdls)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    UCHAR ip[60], outer[20];
    struct bytes e = { { 0 }, 0 };
    NET_BUFFER nb;
    PUCHAR p;
    PMDL d1, d2;

    undis_fault_clear();
    nb_set(&nb, NULL, 0, 0, NULL, 0);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 60, 0, NULL), NDIS_STATUS_SUCCESS);
    d1 = nb.MdlChain;
    EXPECT_NB(&nb, CHAIN(d1), 0, 60, d1, 0);
    p = (PUCHAR)NdisGetDataBuffer(&nb, 60, NULL, 1, 0);
    CHECK_PTR_EQ(p, MmGetMdlVirtualAddress(d1));
    pattern(ip, 60, 0x45);
    memcpy(p, ip, 60);
    EXPECT_BYTES(&nb, ip, 60);

    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 20, 0, NULL), NDIS_STATUS_SUCCESS);
    d2 = nb.MdlChain;
    EXPECT_NB(&nb, CHAIN(d2, d1), 0, 80, d2, 0);
    pattern(outer, 20, 0x99);
    p = (PUCHAR)NdisGetDataBuffer(&nb, 20, NULL, 1, 0);
    CHECK_PTR_EQ(p, MmGetMdlVirtualAddress(d2));
    memcpy(p, outer, 20);
    cat(&e, outer, 20);
    cat(&e, ip, 60);
    EXPECT_BYTES(&nb, e.b, e.n);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding + 2);

    NdisAdvanceNetBufferDataStart(&nb, 80, TRUE, NULL);
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);
}

TEST_MAIN_BEGIN
TEST_CASE(enlarging_handler_moves_data_offset_by_returned_size)
TEST_CASE(enlarging_handler_on_empty_nb)
TEST_CASE(failing_handler_leaves_nb_unchanged_and_its_buffer_size_is_ignored)
TEST_CASE(counting_pair_frees_every_retreat_mdl_once_on_nbs)
TEST_CASE(counting_pair_with_enlarged_sizes_on_nbs)
TEST_CASE(counting_pair_frees_every_retreat_mdl_once_on_nbl)
TEST_CASE(two_handler_pairs_on_distinct_nbls_do_not_mix)
TEST_CASE(two_handler_pairs_interleaved_on_single_nbs)
TEST_CASE(nbl_rollback_frees_mdl_earlier_nb_allocated)
TEST_CASE(nbl_rollback_over_mixed_fast_and_slow_nbs)
TEST_CASE(nbl_rollback_frees_driver_head_mdl_wholly_in_unused_space)
TEST_CASE(nbl_rollback_with_default_allocator_frees_default_mdl)
TEST_CASE(default_pair_balanced_on_several_nbs)
TEST_CASE(default_allocation_failure_leaves_nb_unchanged)
TEST_CASE(header_written_through_get_data_buffer_precedes_old_data)
TEST_CASE(header_spanning_retreat_mdl_and_old_unused_space)
TEST_CASE(headers_on_default_allocator_mdls)
TEST_MAIN_END
