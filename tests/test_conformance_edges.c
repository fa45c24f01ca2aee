/*
 * test_conformance_edges.c - the edge cases of spec sections 4 and 5 that
 * the appendix-A vectors (test_conformance.c) leave implicit.
 *
 * Every case states the whole NET_BUFFER after each step, as the spec
 * writes it: {chain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset},
 * which handler ran, with which *BufferSize, and the data bytes read three
 * ways (tests/support/nb_bytes.h). The structure checker runs after every
 * step. All memory here is the test's own, so the recording free handler F
 * only records (tests/support/conformance_fixture.h).
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/nb_bytes.h"
#include "support/conformance_fixture.h"

/* ---- sections 4 and 5 beyond the vectors --------------------------------- */

/* Spec 8 [REC] 1: the slow path asks for DataBackFill + (delta - DataOffset),
 * not delta + DataBackFill: the old unused space stays in use. */
TEST(slow_path_requests_backfill_plus_shortfall)
{
    static const struct {
        ULONG off, len, delta, backfill;
    } rows[] = {
        { 120, 900, 150, 32 }, /* vector 4: 62, not 182 */
        { 0, 1100, 14, 0 },    { 0, 1100, 14, 50 },    { 99, 1001, 100, 0 },
        { 100, 1000, 101, 7 }, { 120, 900, 121, 200 }, { 1, 0, 300, 64 },
    };
    size_t r;

    for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        struct v3 s;
        struct bytes e = { { 0 }, 0 };
        ULONG shortfall = rows[r].delta - rows[r].off;
        ULONG old_end = rows[r].off + rows[r].len;
        PMDL n;

        v3_setup(&s);
        nb_set(&s.nb, s.a, rows[r].off, rows[r].len, rows[r].off < 100 ? s.a : s.b,
               rows[r].off < 100 ? rows[r].off : rows[r].off - 100);
        EXPECT_NB(&s.nb, CHAIN(s.a, s.b), rows[r].off, rows[r].len, rows[r].off < 100 ? s.a : s.b,
                  rows[r].off < 100 ? rows[r].off : rows[r].off - 100);
        CHECK_STATUS(
            NdisRetreatNetBufferDataStart(&s.nb, rows[r].delta, rows[r].backfill, rec_alloc),
            NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT(g.allocs, 1);
        CHECK_EQ_U32(g.asked[0], rows[r].backfill + rows[r].delta - rows[r].off);
        if (rows[r].off != 0) {
            CHECK(g.asked[0] != rows[r].delta + rows[r].backfill);
        }
        n = g.given[0];
        EXPECT_NB(&s.nb, CHAIN(n, s.a, s.b), rows[r].backfill, rows[r].len + rows[r].delta, n,
                  rows[r].backfill);
        /* Data: the last `shortfall` bytes of N, then every old chain byte
         * from 0 (old unused space) to the old data end. */
        cat(&e, g.slots[0].buf + rows[r].backfill, shortfall);
        cat(&e, s.a_buf, old_end < 100 ? old_end : 100);
        if (old_end > 100) {
            cat(&e, s.b_buf, old_end - 100);
        }
        EXPECT_BYTES(&s.nb, e.b, e.n);
    }
}

TEST(retreat_delta_zero_only_renormalises_current_mdl)
{
    struct v15 s;
    UCHAR z_buf[1];
    UCHAR a_buf[100];
    struct tmdl tz, ta;
    NET_BUFFER nb, want;
    PMDL z, a;

    /* Non-normalised A@100 becomes B@0; DataBackFill is ignored. */
    v15_setup(&s, 100, 50, 100);
    rec_reset(&s.nb);
    memcpy(&want, &s.nb, sizeof(want));
    want.CurrentMdl = s.b;
    want.CurrentMdlOffset = 0;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&s.nb, 0, 64, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&s.nb, CHAIN(s.a, s.b), 100, 50, s.b, 0);
    CHECK_MEM_EQ(&s.nb, &want, sizeof(NET_BUFFER));
    CHECK_EQ_INT(g.allocs, 0);
    EXPECT_BYTES(&s.nb, s.b_buf, 50);

    /* A zero-length head MDL is stepped over. */
    z = mdl_make(&tz, z_buf, 0, 0);
    a = mdl_make(&ta, a_buf, 100, 0x10);
    z->Next = a;
    nb_set(&nb, z, 0, 100, z, 0);
    EXPECT_NB(&nb, CHAIN(z, a), 0, 100, z, 0);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 0, 8, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&nb, CHAIN(z, a), 0, 100, a, 0);
    CHECK_EQ_INT(g.allocs, 0);
    EXPECT_BYTES(&nb, a_buf, 100);

    /* Already normalised: bit for bit unchanged. */
    nb_set(&nb, z, 30, 70, a, 30);
    memcpy(&want, &nb, sizeof(want));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 0, 8, NULL), NDIS_STATUS_SUCCESS);
    CHECK_MEM_EQ(&nb, &want, sizeof(NET_BUFFER));
    EXPECT_NB(&nb, CHAIN(z, a), 30, 70, a, 30);
    CHECK_EQ_INT(g.allocs, 0);
}

TEST(advance_false_ending_at_chain_end_gives_null_current_mdl)
{
    UCHAR a_buf[100], b_buf[50], z_buf[1];
    struct tmdl ta, tb, tz;
    NET_BUFFER nb;
    struct bytes e = { { 0 }, 0 };
    PMDL a = mdl_make(&ta, a_buf, 100, 0x10);
    PMDL b = mdl_make(&tb, b_buf, 50, 0x60);
    PMDL z = mdl_make(&tz, z_buf, 0, 0);

    a->Next = b;
    nb_set(&nb, a, 30, 120, a, 30);
    rec_reset(&nb);
    cat(&e, a_buf + 30, 70);
    cat(&e, b_buf, 50);
    EXPECT_BYTES(&nb, e.b, e.n);
    NdisAdvanceNetBufferDataStart(&nb, 120, FALSE, rec_free);
    EXPECT_NB(&nb, CHAIN(a, b), 150, 0, NULL, 0);
    CHECK_EQ_INT(g.frees, 0);

    /* A trailing zero-length MDL is walked past as well. */
    b->Next = z;
    nb_set(&nb, a, 30, 120, a, 30);
    NdisAdvanceNetBufferDataStart(&nb, 120, FALSE, rec_free);
    EXPECT_NB(&nb, CHAIN(a, b, z), 150, 0, NULL, 0);
    CHECK_EQ_INT(g.frees, 0);
}

/* A NET_BUFFER with its MDL and buffer right behind it in one block, the
 * layout of NdisAllocateNetBufferMdlAndData (vector 12). */
struct embedded {
    void *block;
    NET_BUFFER *nb;
    PMDL e;
    PUCHAR data;
};

static void
embedded_make(struct embedded *x, ULONG size)
{
    SIZE_T mdl_bytes = (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 15) & ~(SIZE_T)15;
    x->block = malloc(sizeof(NET_BUFFER) + mdl_bytes + size);
    CHECK_NOT_NULL(x->block);
    x->nb = (NET_BUFFER *)x->block;
    x->e = (PMDL)(void *)(x->nb + 1);
    x->data = (PUCHAR)x->e + mdl_bytes;
    pattern(x->data, size, 0x5C);
    MmInitializeMdl(x->e, x->data, size);
    MmBuildMdlForNonPagedPool(x->e);
    /* As the pool leaves it: the whole buffer is unused space. */
    nb_set(x->nb, x->e, size, 0, x->e, size);
}

TEST(advance_free_stops_at_embedded_mdl)
{
    struct embedded x;
    struct bytes e = { { 0 }, 0 };
    struct bytes e2 = { { 0 }, 0 };
    PMDL n;

    embedded_make(&x, 2048);
    rec_reset(x.nb);
    EXPECT_NB(x.nb, CHAIN(x.e), 2048, 0, x.e, 2048);

    CHECK_STATUS(NdisRetreatNetBufferDataStart(x.nb, 1500, 0, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(x.nb, CHAIN(x.e), 548, 1500, x.e, 548);
    CHECK_EQ_INT(g.allocs, 0);
    cat(&e, x.data + 548, 1500);
    EXPECT_BYTES(x.nb, e.b, e.n);

    /* Past all the data: E is neither freed nor normalised to NULL@0. */
    NdisAdvanceNetBufferDataStart(x.nb, 1500, TRUE, rec_free);
    EXPECT_NB(x.nb, CHAIN(x.e), 2048, 0, x.e, 2048);
    CHECK_EQ_INT(g.frees, 0);
    CHECK_NULL(NdisGetDataBuffer(x.nb, 1, NULL, 1, 0));

    /* A retreat MDL in front of E is freed; the walk still stops at E. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(x.nb, 2100, 16, rec_alloc), NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 68); /* 16 + 2100 - 2048 */
    n = g.given[0];
    EXPECT_NB(x.nb, CHAIN(n, x.e), 16, 2100, n, 16);
    cat(&e2, g.slots[0].buf + 16, 52);
    cat(&e2, x.data, 2048);
    EXPECT_BYTES(x.nb, e2.b, e2.n);
    NdisAdvanceNetBufferDataStart(x.nb, 2100, TRUE, rec_free);
    CHECK_EQ_INT(g.frees, 1);
    CHECK_PTR_EQ(g.freed[0], n);
    EXPECT_NB(x.nb, CHAIN(x.e), 2048, 0, x.e, 2048);
    free(x.block);
}

/* Contrast: the same chain when the MDL is not right behind the NB. */
TEST(advance_free_releases_same_mdl_when_not_embedded)
{
    struct embedded x;
    NET_BUFFER nb;

    embedded_make(&x, 2048);
    nb = *x.nb;
    rec_reset(&nb);
    EXPECT_NB(&nb, CHAIN(x.e), 2048, 0, x.e, 2048);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 1500, 0, rec_alloc), NDIS_STATUS_SUCCESS);
    EXPECT_NB(&nb, CHAIN(x.e), 548, 1500, x.e, 548);
    NdisAdvanceNetBufferDataStart(&nb, 1500, TRUE, rec_free);
    CHECK_EQ_INT(g.frees, 1);
    CHECK_PTR_EQ(g.freed[0], x.e);
    EXPECT_NB(&nb, CHAIN(NULL), 0, 0, NULL, 0);
    free(x.block);
}

/* Three NBs of different shapes in one NBL. */
struct three {
    UCHAR a1[200], a2[100], b2[100], a3[40], b3[200];
    struct tmdl ta1, ta2, tb2, ta3, tb3;
    PMDL ma1, ma2, mb2, ma3, mb3;
    NET_BUFFER nb1, nb2, nb3;
    NET_BUFFER_LIST nbl;
};

static void
three_setup(struct three *s)
{
    s->ma1 = mdl_make(&s->ta1, s->a1, 200, 0x01);
    s->ma2 = mdl_make(&s->ta2, s->a2, 100, 0x02);
    s->mb2 = mdl_make(&s->tb2, s->b2, 100, 0x03);
    s->ma3 = mdl_make(&s->ta3, s->a3, 40, 0x04);
    s->mb3 = mdl_make(&s->tb3, s->b3, 200, 0x05);
    s->ma2->Next = s->mb2;
    s->ma3->Next = s->mb3;
    nb_set(&s->nb1, s->ma1, 50, 150, s->ma1, 50);
    nb_set(&s->nb2, s->ma2, 90, 110, s->ma2, 90);
    nb_set(&s->nb3, s->ma3, 40, 200, s->mb3, 0);
    s->nb1.Next = &s->nb2;
    s->nb2.Next = &s->nb3;
    memset(&s->nbl, 0, sizeof(s->nbl));
    s->nbl.FirstNetBuffer = &s->nb1;
    rec_reset(&s->nb2);
    EXPECT_NB(&s->nb1, CHAIN(s->ma1), 50, 150, s->ma1, 50);
    EXPECT_NB(&s->nb2, CHAIN(s->ma2, s->mb2), 90, 110, s->ma2, 90);
    EXPECT_NB(&s->nb3, CHAIN(s->ma3, s->mb3), 40, 200, s->mb3, 0);
}

TEST(nbl_advance_applies_to_every_nb)
{
    struct three s;
    struct bytes e2 = { { 0 }, 0 };

    three_setup(&s);
    NdisAdvanceNetBufferListDataStart(&s.nbl, 20, FALSE, NULL);
    EXPECT_NB(&s.nb1, CHAIN(s.ma1), 70, 130, s.ma1, 70);
    EXPECT_NB(&s.nb2, CHAIN(s.ma2, s.mb2), 110, 90, s.mb2, 10);
    EXPECT_NB(&s.nb3, CHAIN(s.ma3, s.mb3), 60, 180, s.mb3, 20);
    EXPECT_BYTES(&s.nb1, s.a1 + 70, 130);
    EXPECT_BYTES(&s.nb2, s.b2 + 10, 90);
    EXPECT_BYTES(&s.nb3, s.b3 + 20, 180);
    CHECK_EQ_INT(g.frees, 0);

    /* FreeMdl TRUE: each NB drops its own wholly unused head MDLs, in NB
     * order, and each MDL is unlinked before F runs. */
    NdisAdvanceNetBufferListDataStart(&s.nbl, 30, TRUE, rec_free);
    EXPECT_NB(&s.nb1, CHAIN(s.ma1), 100, 100, s.ma1, 100);
    EXPECT_NB(&s.nb2, CHAIN(s.mb2), 40, 60, s.mb2, 40);
    EXPECT_NB(&s.nb3, CHAIN(s.mb3), 50, 150, s.mb3, 50);
    CHECK_EQ_INT(g.frees, 2);
    CHECK_PTR_EQ(g.freed[0], s.ma2);
    CHECK_PTR_EQ(g.freed[1], s.ma3);
    CHECK_PTR_EQ(g.seen_at_free[0].MdlChain, s.mb2);
    EXPECT_BYTES(&s.nb1, s.a1 + 100, 100);
    cat(&e2, s.b2 + 40, 60);
    EXPECT_BYTES(&s.nb2, e2.b, e2.n);
    EXPECT_BYTES(&s.nb3, s.b3 + 50, 150);
}

TEST(nbl_retreat_applies_to_every_nb_in_order)
{
    struct three s;
    struct bytes e1 = { { 0 }, 0 };
    struct bytes e2 = { { 0 }, 0 };
    struct bytes e3 = { { 0 }, 0 };

    three_setup(&s);
    /* Delta 45: nb1 (50) and nb2 (90) take the fast path, nb3 (40) the
     * slow one. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 45, 8, rec_alloc, rec_free),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.allocs, 1);
    CHECK_EQ_U32(g.asked[0], 13); /* nb3: 8 + 45 - 40 */
    /* nb1 and nb2 were retreated before H ran for nb3. */
    CHECK_EQ_U32(g.seen_at_alloc[0].DataOffset, 45);
    EXPECT_NB(&s.nb1, CHAIN(s.ma1), 5, 195, s.ma1, 5);
    EXPECT_NB(&s.nb2, CHAIN(s.ma2, s.mb2), 45, 155, s.ma2, 45);
    EXPECT_NB(&s.nb3, CHAIN(g.given[0], s.ma3, s.mb3), 8, 245, g.given[0], 8);
    EXPECT_BYTES(&s.nb1, s.a1 + 5, 195);
    cat(&e2, s.a2 + 45, 55);
    cat(&e2, s.b2, 100);
    EXPECT_BYTES(&s.nb2, e2.b, e2.n);
    cat(&e3, g.slots[0].buf + 8, 5);
    cat(&e3, s.a3, 40);
    cat(&e3, s.b3, 200);
    EXPECT_BYTES(&s.nb3, e3.b, e3.n);

    /* A second retreat: nb1 (5 < 60) and nb2 (45 < 60) allocate, in NB
     * order; nb3 (8 < 60) too. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&s.nbl, 60, 0, rec_alloc, rec_free),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.allocs, 4);
    CHECK_EQ_U32(g.asked[1], 55);
    CHECK_EQ_U32(g.asked[2], 15);
    CHECK_EQ_U32(g.asked[3], 52);
    EXPECT_NB(&s.nb1, CHAIN(g.given[1], s.ma1), 0, 255, g.given[1], 0);
    EXPECT_NB(&s.nb2, CHAIN(g.given[2], s.ma2, s.mb2), 0, 215, g.given[2], 0);
    EXPECT_NB(&s.nb3, CHAIN(g.given[3], g.given[0], s.ma3, s.mb3), 0, 305, g.given[3], 0);
    cat(&e1, g.slots[1].buf, 55);
    cat(&e1, s.a1, 200);
    EXPECT_BYTES(&s.nb1, e1.b, e1.n);
    e3.n = 0;
    cat(&e3, g.slots[3].buf, 52);
    cat(&e3, g.slots[0].buf, 13);
    cat(&e3, s.a3, 40);
    cat(&e3, s.b3, 200);
    EXPECT_BYTES(&s.nb3, e3.b, e3.n);
    CHECK_EQ_INT(g.frees, 0);
}

TEST(nbl_retreat_without_nbs_returns_success)
{
    unsigned long long outstanding = undis_alloc_outstanding();
    NET_BUFFER_LIST nbl, before;

    memset(&nbl, 0, sizeof(nbl));
    rec_reset(NULL);
    memcpy(&before, &nbl, sizeof(before));
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 14, 0, rec_alloc, rec_free),
                 NDIS_STATUS_SUCCESS);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 14, 64, NULL, NULL), NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferListDataStart(&nbl, 14, TRUE, rec_free);
    NdisAdvanceNetBufferListDataStart(&nbl, 14, TRUE, NULL);
    CHECK_MEM_EQ(&nbl, &before, sizeof(nbl));
    CHECK_EQ_INT(g.allocs, 0);
    CHECK_EQ_INT(g.frees, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), outstanding);

    /* The handler pairing is checked before the (empty) list is walked. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 14, 0, rec_alloc, NULL),
                 NDIS_STATUS_INVALID_PARAMETER);
    CHECK_MEM_EQ(&nbl, &before, sizeof(nbl));
}

TEST_MAIN_BEGIN
TEST_CASE(slow_path_requests_backfill_plus_shortfall)
TEST_CASE(retreat_delta_zero_only_renormalises_current_mdl)
TEST_CASE(advance_false_ending_at_chain_end_gives_null_current_mdl)
TEST_CASE(advance_free_stops_at_embedded_mdl)
TEST_CASE(advance_free_releases_same_mdl_when_not_embedded)
TEST_CASE(nbl_advance_applies_to_every_nb)
TEST_CASE(nbl_retreat_applies_to_every_nb_in_order)
TEST_CASE(nbl_retreat_without_nbs_returns_success)
TEST_MAIN_END
