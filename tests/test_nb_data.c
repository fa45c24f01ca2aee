/*
 * test_nb_data.c - reading a NET_BUFFER's bytes (spec 6.4) beyond the
 * appendix-A vectors: NdisGetDataBuffer and
 * NdisQueryNetBufferPhysicalCount (copying: test_nb_data_copy.c).
 *
 * MDL buffers live in a page-aligned arena, separated by guard bytes so
 * that a copy running past an MDL's end shows up, and page counts are
 * exact. Byte results are compared with a flat model of the chain.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/arena_chain.h"

/* ---- NdisGetDataBuffer -------------------------------------------------- */

TEST(get_data_bytes_needed_zero_returns_null)
{
    unsigned long long before = undis_alloc_outstanding();
    static const ULONG sizes[] = { 100 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[16];

    nb_init(&nb, chain_build(&c, sizes, 1, 1, 1), 10, 90);
    check_nb_ok(&nb);
    memset(storage, 0xEE, sizeof(storage));
    CHECK_NULL(NdisGetDataBuffer(&nb, 0, NULL, 1, 0));
    CHECK_NULL(NdisGetDataBuffer(&nb, 0, storage, 1, 0));
    CHECK_EQ_INT(storage[0], 0xEE);
    /* Sanity: one byte is available directly. */
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 1, NULL, 1, 0), va_of(&c, 0) + 10);
    chain_free(&c);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(get_data_current_mdl_null_returns_null)
{
    static const ULONG sizes[] = { 100 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[16];

    /* Empty NB. */
    memset(&nb, 0, sizeof(nb));
    CHECK_NULL(NdisGetDataBuffer(&nb, 1, storage, 1, 0));

    /* CurrentMdl NULL is refused before anything else, even when the rest
     * of the NB claims data (a driver that forgot to set CurrentMdl). */
    nb_init(&nb, chain_build(&c, sizes, 1, 1, 2), 0, 100);
    nb.CurrentMdl = NULL;
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    memset(storage, 0xEE, sizeof(storage));
    CHECK_NULL(NdisGetDataBuffer(&nb, 10, storage, 1, 0));
    CHECK_NULL(NdisGetDataBuffer(&nb, 10, NULL, 1, 0));
    CHECK_EQ_INT(storage[0], 0xEE);

    /* Advanced to the end of the chain: CurrentMdl NULL, DataLength 0. */
    nb_init(&nb, &c.m[0].mdl, 100, 0);
    CHECK_NULL(nb.CurrentMdl);
    CHECK_NULL(NdisGetDataBuffer(&nb, 1, storage, 1, 0));
    chain_free(&c);
}

TEST(get_data_data_length_short_returns_null)
{
    static const ULONG sizes[] = { 100, 100 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[128];

    nb_init(&nb, chain_build(&c, sizes, 2, 1, 3), 0, 50);
    memset(storage, 0xEE, sizeof(storage));
    /* Bytes are there in the MDL, but not in the packet. */
    CHECK_NULL(NdisGetDataBuffer(&nb, 51, storage, 1, 0));
    CHECK_NULL(NdisGetDataBuffer(&nb, 51, NULL, 1, 0));
    CHECK_EQ_INT(storage[0], 0xEE);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 50, NULL, 1, 0), va_of(&c, 0));

    /* Spec vector 15: {A(100)->B(100); 90; 110}, 111 bytes -> NULL. */
    nb_init(&nb, &c.m[0].mdl, 90, 110);
    CHECK_NULL(NdisGetDataBuffer(&nb, 111, storage, 1, 0));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 110, storage, 1, 0), storage);
    chain_free(&c);
}

TEST(get_data_direct_path_maps_unmapped_mdl)
{
    static const ULONG sizes[] = { 100 };
    struct chain c;
    NET_BUFFER nb;
    NET_BUFFER snapshot;

    undis_fault_clear();
    nb_init(&nb, chain_build(&c, sizes, 1, 0, 4), 10, 90);
    CHECK_EQ_INT(c.m[0].mdl.MdlFlags, 0);
    memcpy(&snapshot, &nb, sizeof(nb));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, NULL, 1, 0), va_of(&c, 0) + 10);
    /* The MDL is mapped now; the NB itself did not change. */
    CHECK_EQ_INT(c.m[0].mdl.MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);
    CHECK_PTR_EQ(c.m[0].mdl.MappedSystemVa, va_of(&c, 0));
    CHECK_MEM_EQ(&nb, &snapshot, sizeof(nb));
    check_nb_ok(&nb);
    chain_free(&c);
}

TEST(get_data_direct_map_failure_falls_to_copy)
{
    static const ULONG sizes[] = { 100 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[32];

    undis_fault_clear();
    nb_init(&nb, chain_build(&c, sizes, 1, 0, 5), 10, 90);

    /* The direct path's mapping fails: the copy path serves the bytes
     * (its own mapping attempt succeeds). */
    undis_fault_map_fail_nth(1);
    memset(storage, 0xEE, sizeof(storage));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage, va_of(&c, 0) + 10, 20);
    CHECK_EQ_INT(storage[20], 0xEE);

    /* Without Storage the copy path has nowhere to go: NULL. */
    chain_set_unmapped(&c);
    undis_fault_map_fail_nth(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 20, NULL, 1, 0));
    CHECK_EQ_INT(c.m[0].mdl.MdlFlags, 0);
    undis_fault_clear();
    chain_free(&c);
}

TEST(get_data_copy_path_map_failure_returns_null)
{
    static const ULONG sizes[] = { 100, 100 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[32];

    undis_fault_clear();
    /* 20 bytes across A|B: always the copy path. */
    nb_init(&nb, chain_build(&c, sizes, 2, 0, 6), 90, 110);

    undis_fault_map_fail_nth(1); /* A fails */
    memset(storage, 0xEE, sizeof(storage));
    CHECK_NULL(NdisGetDataBuffer(&nb, 20, storage, 1, 0));

    chain_set_unmapped(&c);
    undis_fault_map_fail_nth(2); /* A maps, B fails */
    memset(storage, 0xEE, sizeof(storage));
    CHECK_NULL(NdisGetDataBuffer(&nb, 20, storage, 1, 0));
    /* Storage is partly written: A's 10 bytes. */
    CHECK_MEM_EQ(storage, va_of(&c, 0) + 90, 10);

    /* With no fault the same call succeeds. */
    chain_set_unmapped(&c);
    undis_fault_clear();
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage, va_of(&c, 0) + 90, 10);
    CHECK_MEM_EQ(storage + 10, va_of(&c, 1), 10);
    check_nb_ok(&nb);
    chain_free(&c);
}

TEST(get_data_chain_ending_early_returns_null)
{
    static const ULONG sizes[] = { 100, 10 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR storage[64];

    /* DataLength claims 40 bytes but the chain holds 20 after DataOffset.
     * Positioned by hand: NdisAdjustNetBufferCurrentMdl on such an NB is
     * stopped by the structure check of debug level 2. */
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = chain_build(&c, sizes, 2, 1, 7);
    nb.DataOffset = 90;
    nb.DataLength = 40;
    nb.CurrentMdl = nb.MdlChain;
    nb.CurrentMdlOffset = 90;
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_NB_DATA_BEYOND_CHAIN);
    CHECK_NULL(NdisGetDataBuffer(&nb, 30, storage, 1, 0));
    /* 20 is what is really there. */
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage + 10, va_of(&c, 1), 10);
    chain_free(&c);
}

TEST(get_data_never_modifies_nb)
{
    static const ULONG sizes[] = { 100, 0, 100 };
    struct chain c;
    NET_BUFFER nb;
    NET_BUFFER snapshot;
    UCHAR storage[256];
    int round;

    undis_fault_clear();
    chain_build(&c, sizes, 3, 0, 8);
    for (round = 0; round < 4; round++) {
        ULONG offset = round < 2 ? 90u : 100u;
        nb_init(&nb, &c.m[0].mdl, offset, 200 - offset);
        if (round == 3) {
            /* Non-normalised A@100. */
            nb.CurrentMdl = &c.m[0].mdl;
            nb.CurrentMdlOffset = 100;
        }
        chain_set_unmapped(&c);
        memcpy(&snapshot, &nb, sizeof(nb));
        (void)NdisGetDataBuffer(&nb, 5, NULL, 1, 0);      /* direct */
        (void)NdisGetDataBuffer(&nb, 20, storage, 1, 0);  /* copy */
        (void)NdisGetDataBuffer(&nb, 20, NULL, 1, 0);     /* NULL */
        (void)NdisGetDataBuffer(&nb, 4, storage, 8, 3);   /* misaligned */
        (void)NdisGetDataBuffer(&nb, 250, storage, 1, 0); /* too long */
        (void)NdisGetDataBuffer(&nb, 0, storage, 1, 0);
        chain_set_unmapped(&c);
        undis_fault_map_fail_nth(1);
        (void)NdisGetDataBuffer(&nb, 20, storage, 1, 0); /* map failure */
        undis_fault_clear();
        CHECK_MEM_EQ(&nb, &snapshot, sizeof(nb));
        check_nb_ok(&nb);
    }
    chain_free(&c);
}

TEST(get_data_zero_length_mdls_skipped_in_copy)
{
    static const ULONG sizes[] = { 10, 0, 0, 10, 0, 10 };
    struct chain c;
    NET_BUFFER nb;
    UCHAR flat[30];
    UCHAR storage[32];

    chain_build(&c, sizes, 6, 1, 9);
    chain_flat(&c, flat);

    nb_init(&nb, &c.m[0].mdl, 5, 25);
    memset(storage, 0xEE, sizeof(storage));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage, flat + 5, 20);
    CHECK_EQ_INT(storage[20], 0xEE);

    /* Non-normalised start A@10: the copy skips A's end and both empties. */
    nb_init(&nb, &c.m[0].mdl, 10, 20);
    nb.CurrentMdl = &c.m[0].mdl;
    nb.CurrentMdlOffset = 10;
    check_nb_ok(&nb);
    CHECK_NULL(NdisGetDataBuffer(&nb, 12, NULL, 1, 0));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 12, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage, flat + 10, 12);

    /* CurrentMdl on a zero-length MDL (a consistent position too). */
    nb.CurrentMdl = &c.m[1].mdl;
    nb.CurrentMdlOffset = 0;
    check_nb_ok(&nb);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 20, storage, 1, 0), storage);
    CHECK_MEM_EQ(storage, flat + 10, 20);
    chain_check_guards(&c);
    chain_free(&c);
}

TEST(get_data_alignment_with_align_offset)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 1);
    struct test_mdl a;
    NET_BUFFER nb;
    UCHAR storage[8];
    int i;

    for (i = 0; i < 64; i++) {
        buf[i] = (UCHAR)(i + 1);
    }
    mdl_init(&a, buf, 64, 1);
    /* Data at buf + 2: 2 mod 4, 2 mod 8, 0 mod 2. */
    nb_init(&nb, &a.mdl, 2, 62);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, NULL, 1, 0), buf + 2);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, NULL, 2, 0), buf + 2);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, NULL, 4, 2), buf + 2);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, NULL, 8, 2), buf + 2);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, NULL, PAGE_SIZE, 2), buf + 2);
    CHECK_NULL(NdisGetDataBuffer(&nb, 4, NULL, 4, 0));
    CHECK_NULL(NdisGetDataBuffer(&nb, 4, NULL, 8, 6));
    CHECK_NULL(NdisGetDataBuffer(&nb, 4, NULL, 2, 1));
    /* Misaligned with Storage: a copy; Storage's own alignment is not
     * checked. */
    memset(storage, 0, sizeof(storage));
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, storage, 4, 0), storage);
    CHECK_MEM_EQ(storage, buf + 2, 4);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 4, storage + 1, 8, 6), storage + 1);
    CHECK_MEM_EQ(storage + 1, buf + 2, 4);

    /* Data at buf + 6: 6 mod 8, 2 mod 4. */
    nb_init(&nb, &a.mdl, 6, 58);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 8, NULL, 8, 6), buf + 6);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 8, NULL, 4, 2), buf + 6);
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, NULL, 8, 2));
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, NULL, 16, 2));
    check_nb_ok(&nb);
    free(pb.raw);
}

/* ---- NdisQueryNetBufferPhysicalCount ------------------------------------ */

TEST(physical_count_single_mdl_within_a_page)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    struct test_mdl a;
    NET_BUFFER nb;

    mdl_init(&a, buf + 100, 200, 1);
    nb_init(&nb, &a.mdl, 0, 200);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    nb_init(&nb, &a.mdl, 50, 100);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    /* A whole page, page-aligned. */
    mdl_init(&a, buf, PAGE_SIZE, 1);
    nb_init(&nb, &a.mdl, 0, PAGE_SIZE);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    check_nb_ok(&nb);
    free(pb.raw);
}

TEST(physical_count_data_spanning_pages)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 4);
    struct test_mdl a;
    NET_BUFFER nb;

    mdl_init(&a, buf + 4000, 200, 1);
    nb_init(&nb, &a.mdl, 0, 200);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 2u);
    /* Data ending before the page boundary: one page. */
    nb_init(&nb, &a.mdl, 0, 96);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);

    mdl_init(&a, buf, 3 * PAGE_SIZE, 1);
    nb_init(&nb, &a.mdl, 0, 3 * PAGE_SIZE);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 3u);
    nb_init(&nb, &a.mdl, 0, PAGE_SIZE + 1);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 2u);
    /* Pages are counted from the MDL's start, not from the data start:
     * 10 bytes in the second page count 2 (as Windows does). */
    nb_init(&nb, &a.mdl, PAGE_SIZE, 10);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 2u);
    nb_init(&nb, &a.mdl, 2 * PAGE_SIZE + 5, 10);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 3u);
    check_nb_ok(&nb);
    free(pb.raw);
}

TEST(physical_count_several_mdls)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 4);
    struct test_mdl a, b, c;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100, 1);                    /* 1 page */
    mdl_init(&b, buf + PAGE_SIZE + 4000, 200, 1); /* 2 pages */
    mdl_init(&c, buf + 3 * PAGE_SIZE + 8, 50, 1); /* 1 page */
    a.mdl.Next = &b.mdl;
    b.mdl.Next = &c.mdl;
    nb_init(&nb, &a.mdl, 0, 350);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 4u);
    /* DataLength ends inside B before its page boundary: C not counted. */
    nb_init(&nb, &a.mdl, 0, 150);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 2u);
    /* Starting in B (at 50): B from its start to its end, then C. */
    nb_init(&nb, &a.mdl, 150, 200);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 3u);
    /* Slack after the data: C is not counted. */
    nb_init(&nb, &a.mdl, 0, 300);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 3u);
    check_nb_ok(&nb);
    free(pb.raw);
}

TEST(physical_count_zero_length_mdl_counts_one)
{
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    struct test_mdl a, z, b;
    NET_BUFFER nb;

    mdl_init(&a, buf, 100, 1);
    mdl_init(&z, buf + 100, 0, 1);
    mdl_init(&b, buf + PAGE_SIZE, 100, 1);
    a.mdl.Next = &z.mdl;
    z.mdl.Next = &b.mdl;
    nb_init(&nb, &a.mdl, 0, 200);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 3u);
    /* Data ending with A: the walk stops before Z. */
    nb_init(&nb, &a.mdl, 0, 100);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    /* Data starting after Z: Z is skipped with the unused space. */
    nb_init(&nb, &a.mdl, 100, 100);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    check_nb_ok(&nb);
    free(pb.raw);
}

TEST(physical_count_rewrites_current_mdl)
{
    static const ULONG sizes[] = { 100, 100 };
    struct chain c;
    NET_BUFFER nb;
    NET_BUFFER expect;

    chain_build(&c, sizes, 2, 1, 25);
    nb_init(&nb, &c.m[0].mdl, 150, 50);
    memcpy(&expect, &nb, sizeof(nb));
    /* A stale position that disagrees with DataOffset. */
    nb.CurrentMdl = &c.m[0].mdl;
    nb.CurrentMdlOffset = 0;
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_NB_CURRENT_POSITION_MISMATCH);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    CHECK_PTR_EQ(nb.CurrentMdl, &c.m[1].mdl);
    CHECK_EQ_U32(nb.CurrentMdlOffset, 50u);
    /* Nothing else changed. */
    CHECK_MEM_EQ(&nb, &expect, sizeof(nb));
    check_nb_ok(&nb);

    /* A non-normalised position (A@100) is normalised to B@0. */
    nb_init(&nb, &c.m[0].mdl, 100, 100);
    nb.CurrentMdl = &c.m[0].mdl;
    nb.CurrentMdlOffset = 100;
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 1u);
    CHECK_PTR_EQ(nb.CurrentMdl, &c.m[1].mdl);
    CHECK_EQ_U32(nb.CurrentMdlOffset, 0u);
    check_nb_ok(&nb);

    /* Even with no data the position is rewritten. */
    nb_init(&nb, &c.m[0].mdl, 200, 0);
    nb.CurrentMdl = &c.m[1].mdl;
    nb.CurrentMdlOffset = 100;
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 0u);
    CHECK_NULL(nb.CurrentMdl);
    CHECK_EQ_U32(nb.CurrentMdlOffset, 0u);
    chain_free(&c);
}

TEST(physical_count_data_length_zero_is_zero)
{
    static const ULONG sizes[] = { 100 };
    struct chain c;
    NET_BUFFER nb;

    memset(&nb, 0, sizeof(nb));
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 0u);
    chain_build(&c, sizes, 1, 1, 26);
    nb_init(&nb, &c.m[0].mdl, 100, 0);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 0u);
    nb_init(&nb, &c.m[0].mdl, 50, 0);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 0u);
    nb_init(&nb, &c.m[0].mdl, 0, 0);
    CHECK_EQ_U32(NdisQueryNetBufferPhysicalCount(&nb), 0u);
    check_nb_ok(&nb);
    chain_free(&c);
}

TEST_MAIN_BEGIN
TEST_CASE(get_data_bytes_needed_zero_returns_null)
TEST_CASE(get_data_current_mdl_null_returns_null)
TEST_CASE(get_data_data_length_short_returns_null)
TEST_CASE(get_data_direct_path_maps_unmapped_mdl)
TEST_CASE(get_data_direct_map_failure_falls_to_copy)
TEST_CASE(get_data_copy_path_map_failure_returns_null)
TEST_CASE(get_data_chain_ending_early_returns_null)
TEST_CASE(get_data_never_modifies_nb)
TEST_CASE(get_data_zero_length_mdls_skipped_in_copy)
TEST_CASE(get_data_alignment_with_align_offset)
TEST_CASE(physical_count_single_mdl_within_a_page)
TEST_CASE(physical_count_data_spanning_pages)
TEST_CASE(physical_count_several_mdls)
TEST_CASE(physical_count_zero_length_mdl_counts_one)
TEST_CASE(physical_count_rewrites_current_mdl)
TEST_CASE(physical_count_data_length_zero_is_zero)
TEST_MAIN_END
