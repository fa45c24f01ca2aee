/*
 * test_derived_fragments.c - NET_BUFFER_LISTs derived from another one
 * without copying its data (spec 6.7): fragments
 * (NdisAllocateFragmentNetBufferList) and reassemblies
 * (NdisAllocateReassembledNetBufferList). Clones: test_derived.c.
 *
 * A derived NB is compared with its source byte by byte *by address*
 * (tests/support/derived_orig.h), which proves that the bytes are shared
 * and not copied and that the new MDLs cover exactly the used range. The
 * structure checker runs on every derived NBL.
 */
#include "test.h"

#include <ndis.h>
#include <undis/verifier.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/derived_orig.h"

/* ---- fragments ---------------------------------------------------------- */

TEST(fragment_maximum_length_zero_fails)
{
    struct orig o;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 0, 0, 0, 0));
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 0, 14, 32, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

/* Checks a fragment NBL of the standard original cut at (start, max) with
 * (delta, backfill): the pieces, in order, never across source NBs. */
static void
check_fragments(const struct orig *o,
                const NET_BUFFER_LIST *frag,
                ULONG start,
                ULONG max,
                ULONG delta,
                ULONG backfill)
{
    const NET_BUFFER *f = frag->FirstNetBuffer;
    int i;
    check_nbl_ok(frag);
    for (i = 0; i < o->nnb; i++) {
        const NET_BUFFER *s = o->nb[i];
        ULONG at;
        for (at = start; at < s->DataLength; at += max) {
            ULONG piece = s->DataLength - at < max ? s->DataLength - at : max;
            CHECK_NOT_NULL(f);
            CHECK_EQ_U32(f->DataLength, piece + delta);
            if (delta == 0) {
                CHECK_EQ_U32(f->DataOffset, 0);
                CHECK_EQ_U32(f->CurrentMdlOffset, 0);
                CHECK_PTR_EQ(f->CurrentMdl, f->MdlChain);
                CHECK_EQ_U32(check_partial_mdls(o, f->MdlChain), piece);
            } else {
                /* Retreated: a new head MDL holds backfill + delta bytes,
                 * then the partial MDLs hold exactly the piece. */
                CHECK_EQ_U32(f->DataOffset, backfill);
                CHECK_PTR_EQ(f->CurrentMdl, f->MdlChain);
                CHECK_EQ_U32(f->CurrentMdlOffset, backfill);
                CHECK(!is_orig_mdl(o, f->MdlChain));
                CHECK_EQ_U32(f->MdlChain->ByteCount, backfill + delta);
                CHECK_EQ_U32(check_partial_mdls(o, f->MdlChain->Next), piece);
            }
            check_shares(f, delta, s, at, piece);
            f = f->Next;
        }
    }
    CHECK_NULL(f);
}

TEST(fragment_cuts_each_nb_without_merging)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* 60 / 100 / 90 bytes, past 10: 50 -> 32+18, 90 -> 32+32+26,
     * 80 -> 32+32+16. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 10, 32, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 8);
    CHECK_EQ_U32(frag->FirstNetBuffer->Next->DataLength, 18);
    check_fragments(&o, frag, 10, 32, 0, 0);
    CHECK_NULL(frag->ParentNetBufferList);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_start_offset_skips_short_nbs)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* StartOffset 60: NB0 (60 bytes) has nothing past it; NB1 gives 40 and
     * NB2 30, each a single fragment. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 60, 1000, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 2);
    CHECK_EQ_U32(frag->FirstNetBuffer->DataLength, 40);
    check_shares(frag->FirstNetBuffer, 0, o.nb[1], 60, 40);
    check_shares(frag->FirstNetBuffer->Next, 0, o.nb[2], 60, 30);
    check_nbl_ok(frag);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    /* StartOffset 99: only NB1 has one byte past it. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 99, 1000, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 1);
    CHECK_EQ_U32(frag->FirstNetBuffer->DataLength, 1);
    check_shares(frag->FirstNetBuffer, 0, o.nb[1], 99, 1);
    check_nbl_ok(frag);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_all_sources_too_short_fails)
{
    struct orig o;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* DataLength <= StartOffset for every NB (100 == 100 included). */
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 100, 16, 0, 0, 0));
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 500, 16, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_retreats_by_delta_with_backfill)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 40, 14, 40, 0);
    CHECK_NOT_NULL(frag);
    /* 60 -> 40+20, 100 -> 40+40+20, 90 -> 40+40+10. */
    CHECK_EQ_U32(nb_count(frag), 8);
    check_fragments(&o, frag, 0, 40, 14, 40);
    NdisFreeFragmentNetBufferList(frag, 14, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* Delta without backfill. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 5, 64, 8, 0, 0);
    CHECK_NOT_NULL(frag);
    check_fragments(&o, frag, 5, 64, 8, 0);
    NdisFreeFragmentNetBufferList(frag, 8, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_with_explicit_pools_and_info)
{
    static const int copied[] = { WfpNetBufferListInfo, NblOriginalInterfaceIfIndex };
    struct orig o;
    NET_BUFFER_LIST *frag;
    NDIS_HANDLE nbl_pool, nb_pool;
    NET_BUFFER *f;
    unsigned long long base;
    orig_standard(&o);
    info_fill(o.nbl, 0x20000);
    o.nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x5150;
    nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    nb_pool = nb_pool_make(0);
    base = undis_alloc_outstanding();
    frag = NdisAllocateFragmentNetBufferList(o.nbl, nbl_pool, nb_pool, 0, 64, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    check_fragments(&o, frag, 0, 64, 0, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(frag), nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(frag->FirstNetBuffer), nbl_pool);
    for (f = frag->FirstNetBuffer->Next; f != NULL; f = f->Next) {
        CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(f), nb_pool);
    }
    check_info_copied(frag, o.nbl, copied, sizeof(copied) / sizeof(copied[0]), 0);
    CHECK_NULL(frag->ParentNetBufferList);
    CHECK_EQ_INT(frag->ChildRefCount, 0);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(fragment_nbl_pool_with_data_fails)
{
    struct orig o;
    NDIS_HANDLE nbl_pool;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(TRUE, 0, 512, 0);
    base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, nbl_pool, NULL, 0, 64, 0, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

/* ---- reassembly ------------------------------------------------------- */

/* Checks a reassembly of the standard original past `start`. */
static void
check_reassembled(
    const struct orig *o, const NET_BUFFER_LIST *r, ULONG start, ULONG delta, ULONG backfill)
{
    const NET_BUFFER *nb = r->FirstNetBuffer;
    ULONG total = 0, pos = delta;
    int i;
    check_nbl_ok(r);
    CHECK_NOT_NULL(nb);
    CHECK_NULL(nb->Next);
    for (i = 0; i < o->nnb; i++) {
        if (o->nb[i]->DataLength > start) {
            total += o->nb[i]->DataLength - start;
        }
    }
    CHECK_EQ_U32(nb->DataLength, total + delta);
    if (delta == 0) {
        CHECK_EQ_U32(nb->DataOffset, 0);
        CHECK_EQ_U32(check_partial_mdls(o, nb->MdlChain), total);
    } else {
        CHECK_EQ_U32(nb->DataOffset, backfill);
        CHECK_EQ_U32(nb->MdlChain->ByteCount, backfill + delta);
        CHECK(!is_orig_mdl(o, nb->MdlChain));
        CHECK_EQ_U32(check_partial_mdls(o, nb->MdlChain->Next), total);
    }
    for (i = 0; i < o->nnb; i++) {
        const NET_BUFFER *s = o->nb[i];
        if (s->DataLength > start) {
            check_shares(nb, pos, s, start, s->DataLength - start);
            pos += s->DataLength - start;
        }
    }
}

TEST(reassembled_joins_data_past_start_offset)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 10, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 50 + 90 + 80);
    check_reassembled(&o, r, 10, 0, 0);
    CHECK_NULL(r->ParentNetBufferList);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* StartOffset 0: everything. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 0, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 250);
    check_reassembled(&o, r, 0, 0, 0);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_skips_nbs_not_past_start_offset)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* NB0 has exactly 60 bytes: skipped. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 60, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 40 + 30);
    check_reassembled(&o, r, 60, 0, 0);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    /* None qualifies. */
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, NULL, 100, 0, 0, 0));
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, NULL, 4096, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_retreats_by_delta_with_backfill)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 10, 14, 40, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 10, 14, 40);
    NdisFreeReassembledNetBufferList(r, 14, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_pool_choice)
{
    static const int copied[] = { WfpNetBufferListInfo, NetBufferListCorrelationId };
    struct orig o;
    NET_BUFFER_LIST *r;
    NDIS_HANDLE with_nb, without_nb, with_data;
    unsigned long long base;
    orig_standard(&o);
    info_fill(o.nbl, 0x30000);
    with_nb = nbl_pool_make(TRUE, 0, 0, NDIS_PROTOCOL_ID_IPX);
    without_nb = nbl_pool_make(FALSE, 0, 0, 0);
    with_data = nbl_pool_make(TRUE, 0, 64, 0);
    base = undis_alloc_outstanding();

    /* A pool with fAllocateNetBuffer is used, NBL and NB. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, with_nb, 0, 0, 0, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 0, 0, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(r), with_nb);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(r->FirstNetBuffer), with_nb);
    check_info_copied(r, o.nbl, copied, sizeof(copied) / sizeof(copied[0]), NDIS_PROTOCOL_ID_IPX);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* One without is replaced by the internal pool. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, without_nb, 0, 6, 10, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 0, 6, 10);
    CHECK_NOT_NULL(NdisGetPoolFromNetBufferList(r));
    CHECK(NdisGetPoolFromNetBufferList(r) != without_nb);
    NdisFreeReassembledNetBufferList(r, 6, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* One with data fails, leaking nothing. */
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, with_data, 0, 0, 0, 0));
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, with_data, 0, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    NdisFreeNetBufferListPool(with_data);
    NdisFreeNetBufferListPool(without_nb);
    NdisFreeNetBufferListPool(with_nb);
    orig_free(&o);
}

TEST_MAIN_BEGIN
TEST_CASE(fragment_maximum_length_zero_fails)
TEST_CASE(fragment_cuts_each_nb_without_merging)
TEST_CASE(fragment_start_offset_skips_short_nbs)
TEST_CASE(fragment_all_sources_too_short_fails)
TEST_CASE(fragment_retreats_by_delta_with_backfill)
TEST_CASE(fragment_with_explicit_pools_and_info)
TEST_CASE(fragment_nbl_pool_with_data_fails)
TEST_CASE(reassembled_joins_data_past_start_offset)
TEST_CASE(reassembled_skips_nbs_not_past_start_offset)
TEST_CASE(reassembled_retreats_by_delta_with_backfill)
TEST_CASE(reassembled_pool_choice)
TEST_MAIN_END
