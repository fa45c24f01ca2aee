/*
 * test_nb_data_copy.c - NdisCopyFromNetBufferToNetBuffer (spec 6.5) beyond
 * the appendix-A vectors. The MDL buffers live in a page-aligned arena,
 * separated by guard bytes so that a copy running past an MDL's end shows
 * up (tests/support/arena_chain.h). Byte results are compared with a flat
 * model of the chain.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/arena_chain.h"

/* ---- NdisCopyFromNetBufferToNetBuffer ----------------------------------- */

TEST(copy_offsets_from_each_data_start)
{
    static const ULONG src_sizes[] = { 50, 50 };
    static const ULONG dst_sizes[] = { 100 };
    struct chain s, d;
    NET_BUFFER src, dst;
    UCHAR sflat[100], dflat[100], expect[100];
    ULONG copied = 0;

    chain_build(&s, src_sizes, 2, 1, 10);
    chain_build(&d, dst_sizes, 1, 1, 11);
    chain_flat(&s, sflat);
    chain_flat(&d, expect);
    /* src data starts at chain byte 60 (B@10), dst data at 20. */
    nb_init(&src, &s.m[0].mdl, 60, 40);
    nb_init(&dst, &d.m[0].mdl, 20, 80);
    CHECK_PTR_EQ(src.CurrentMdl, &s.m[1].mdl);

    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 5, 10, &src, 7, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 10u);
    memcpy(expect + 20 + 5, sflat + 60 + 7, 10);
    chain_flat(&d, dflat);
    CHECK_MEM_EQ(dflat, expect, sizeof(expect));
    chain_check_guards(&d);
    check_nb_ok(&src);
    check_nb_ok(&dst);
    chain_free(&s);
    chain_free(&d);
}

TEST(copy_across_mdl_boundaries_matches_flat_model)
{
    static const ULONG src_sizes[] = { 7, 0, 5, 13 };
    static const ULONG dst_sizes[] = { 4, 9, 0, 11 };
    const ULONG src_do = 3;
    const ULONG dst_do = 2;
    struct chain s, d;
    NET_BUFFER src, dst;
    UCHAR sflat[25], dinit[24], dflat[24], expect[24];
    ULONG so, doff, n;

    chain_build(&s, src_sizes, 4, 1, 12);
    chain_build(&d, dst_sizes, 4, 1, 13);
    CHECK_EQ_U32(s.total, 25u);
    CHECK_EQ_U32(d.total, 24u);
    chain_flat(&s, sflat);
    chain_flat(&d, dinit);
    nb_init(&src, &s.m[0].mdl, src_do, s.total - src_do);
    nb_init(&dst, &d.m[0].mdl, dst_do, d.total - dst_do);

    for (so = 0; so <= s.total - src_do + 1; so++) {
        for (doff = 0; doff <= d.total - dst_do + 1; doff++) {
            for (n = 0; n <= 26; n++) {
                ULONG s_at = src_do + so;
                ULONG d_at = dst_do + doff;
                ULONG avail_s = s_at < s.total ? s.total - s_at : 0;
                ULONG avail_d = d_at < d.total ? d.total - d_at : 0;
                ULONG want = n;
                ULONG copied = 0xFFFFu;
                if (want > avail_s) {
                    want = avail_s;
                }
                if (want > avail_d) {
                    want = avail_d;
                }
                chain_load(&d, dinit);
                memcpy(expect, dinit, sizeof(expect));
                memcpy(expect + d_at, sflat + s_at, want);
                CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, doff, n, &src, so, &copied),
                             NDIS_STATUS_SUCCESS);
                if (copied != want) {
                    fprintf(stderr, "so=%u doff=%u n=%u\n", (unsigned)so, (unsigned)doff,
                            (unsigned)n);
                }
                CHECK_EQ_U32(copied, want);
                chain_flat(&d, dflat);
                CHECK_MEM_EQ(dflat, expect, sizeof(expect));
            }
        }
    }
    chain_check_guards(&d);
    chain_check_guards(&s);
    check_nb_ok(&src);
    check_nb_ok(&dst);
    chain_free(&s);
    chain_free(&d);
}

TEST(copy_bounded_by_chains_not_data_length)
{
    static const ULONG src_sizes[] = { 10, 90 };
    static const ULONG dst_sizes[] = { 20, 180 };
    static const ULONG small_sizes[] = { 12, 18 };
    struct chain s, d, small;
    NET_BUFFER src, dst;
    UCHAR sflat[100], dinit[200], dflat[200];
    ULONG copied = 0;

    chain_build(&s, src_sizes, 2, 1, 14);
    chain_build(&d, dst_sizes, 2, 1, 15);
    chain_flat(&s, sflat);
    chain_flat(&d, dinit);
    /* src has 5 bytes of data, all in its first MDL, then slack; dst has
     * no data at all. */
    nb_init(&src, &s.m[0].mdl, 0, 5);
    nb_init(&dst, &d.m[0].mdl, 0, 0);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 50, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 50u);
    chain_flat(&d, dflat);
    CHECK_MEM_EQ(dflat, sflat, 50);
    CHECK_MEM_EQ(dflat + 50, dinit + 50, 150);
    /* More than the source chain holds: its end stops the copy. */
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 150, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 100u);
    chain_flat(&d, dflat);
    CHECK_MEM_EQ(dflat, sflat, 100);
    CHECK_MEM_EQ(dflat + 100, dinit + 100, 100);
    /* A short destination chain stops it too. */
    chain_build(&small, small_sizes, 2, 1, 16);
    nb_init(&dst, &small.m[0].mdl, 0, 0);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 80, &src, 5, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 30u);
    CHECK_MEM_EQ(va_of(&small, 0), sflat + 5, 12);
    CHECK_MEM_EQ(va_of(&small, 1), sflat + 17, 18);
    chain_check_guards(&small);
    chain_check_guards(&d);
    chain_free(&s);
    chain_free(&d);
    chain_free(&small);
}

TEST(copy_zero_bytes_succeeds_with_zero_copied)
{
    static const ULONG sizes[] = { 50 };
    struct chain s, d;
    NET_BUFFER src, dst;
    UCHAR before[50], after[50];
    ULONG copied = 0xDEADBEEFu;

    chain_build(&s, sizes, 1, 1, 17);
    chain_build(&d, sizes, 1, 1, 18);
    nb_init(&src, &s.m[0].mdl, 0, 50);
    nb_init(&dst, &d.m[0].mdl, 0, 50);
    chain_flat(&d, before);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 0, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    chain_flat(&d, after);
    CHECK_MEM_EQ(after, before, sizeof(before));
    chain_free(&s);
    chain_free(&d);
}

TEST(copy_start_beyond_chain_copies_nothing)
{
    static const ULONG sizes[] = { 30, 20 };
    struct chain s, d;
    NET_BUFFER src, dst;
    UCHAR before[50], after[50];
    ULONG copied;

    chain_build(&s, sizes, 2, 1, 19);
    chain_build(&d, sizes, 2, 1, 20);
    nb_init(&src, &s.m[0].mdl, 10, 40);
    nb_init(&dst, &d.m[0].mdl, 5, 45);
    chain_flat(&d, before);

    /* Source position exactly at its chain's end, then past it. */
    copied = 0xDEADBEEFu;
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 10, &src, 40, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    copied = 0xDEADBEEFu;
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 10, &src, 41, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    copied = 0xDEADBEEFu;
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 10, &src, 1000, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    /* Destination position at or past its end. */
    copied = 0xDEADBEEFu;
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 45, 10, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    copied = 0xDEADBEEFu;
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 46, 10, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 0u);
    chain_flat(&d, after);
    CHECK_MEM_EQ(after, before, sizeof(before));
    /* One byte short of the end copies one byte. */
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 44, 10, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 1u);
    chain_free(&s);
    chain_free(&d);
}

TEST(copy_map_failure_returns_resources_and_keeps_bytes_copied)
{
    static const ULONG src_sizes[] = { 50, 50 };
    static const ULONG dst_sizes[] = { 100 };
    struct chain s, d;
    NET_BUFFER src, dst;
    UCHAR sflat[100];
    ULONG copied;

    undis_fault_clear();
    chain_build(&s, src_sizes, 2, 0, 21);
    chain_build(&d, dst_sizes, 1, 1, 22);
    chain_flat(&s, sflat);
    nb_init(&src, &s.m[0].mdl, 0, 100);
    nb_init(&dst, &d.m[0].mdl, 0, 100);

    /* The first source MDL cannot be mapped. */
    copied = 0x1234u;
    undis_fault_map_fail_nth(1);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 80, &src, 0, &copied),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(copied, 0x1234u);

    /* The second one cannot: 50 bytes went, the count still is not written. */
    chain_set_unmapped(&s);
    copied = 0x5678u;
    undis_fault_map_fail_nth(2);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 80, &src, 0, &copied),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(copied, 0x5678u);
    CHECK_MEM_EQ(va_of(&d, 0), sflat, 50);

    /* An unmapped destination that cannot be mapped. */
    undis_fault_clear();
    chain_set_unmapped(&d);
    copied = 0x9ABCu;
    undis_fault_map_fail_nth(1);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 10, &src, 0, &copied),
                 NDIS_STATUS_RESOURCES);
    CHECK_EQ_U32(copied, 0x9ABCu);

    /* Without faults the same copy works and maps what it touches. */
    undis_fault_clear();
    chain_set_unmapped(&s);
    chain_set_unmapped(&d);
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 80, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 80u);
    CHECK_MEM_EQ(va_of(&d, 0), sflat, 80);
    CHECK_EQ_INT(d.m[0].mdl.MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);
    check_nb_ok(&src);
    check_nb_ok(&dst);
    chain_free(&s);
    chain_free(&d);
}

TEST(copy_leaves_both_nbs_unchanged)
{
    static const ULONG sizes[] = { 40, 0, 40 };
    struct chain s, d;
    NET_BUFFER src, dst, src_snap, dst_snap;
    ULONG copied = 0;

    chain_build(&s, sizes, 3, 1, 23);
    chain_build(&d, sizes, 3, 1, 24);
    nb_init(&src, &s.m[0].mdl, 30, 20);
    nb_init(&dst, &d.m[0].mdl, 40, 0);
    /* Non-normalised destination position D@40. */
    dst.CurrentMdl = &d.m[0].mdl;
    dst.CurrentMdlOffset = 40;
    memcpy(&src_snap, &src, sizeof(src));
    memcpy(&dst_snap, &dst, sizeof(dst));
    CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&dst, 0, 40, &src, 0, &copied),
                 NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, 40u);
    /* NDIS does not update the destination: DataLength stays 0. */
    CHECK_MEM_EQ(&src, &src_snap, sizeof(src));
    CHECK_MEM_EQ(&dst, &dst_snap, sizeof(dst));
    CHECK_MEM_EQ(va_of(&d, 2), va_of(&s, 0) + 30, 10);
    CHECK_MEM_EQ(va_of(&d, 2) + 10, va_of(&s, 2), 30);
    /* Same NB as source and destination, overlapping inside one MDL: the
     * bytes move as with memmove (the source is read before it is
     * overwritten). */
    {
        UCHAR before[40];
        memcpy(before, va_of(&s, 0), 40);
        CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&src, 0, 8, &src, 2, &copied),
                     NDIS_STATUS_SUCCESS);
        CHECK_EQ_U32(copied, 8u);
        CHECK_MEM_EQ(va_of(&s, 0) + 30, before + 32, 8);
        memcpy(before, va_of(&s, 0), 40);
        CHECK_STATUS(NdisCopyFromNetBufferToNetBuffer(&src, 3, 7, &src, 0, &copied),
                     NDIS_STATUS_SUCCESS);
        CHECK_EQ_U32(copied, 7u);
        CHECK_MEM_EQ(va_of(&s, 0) + 33, before + 30, 7);
    }
    CHECK_MEM_EQ(&src, &src_snap, sizeof(src));
    check_nb_ok(&src);
    check_nb_ok(&dst);
    chain_free(&s);
    chain_free(&d);
}

TEST_MAIN_BEGIN
TEST_CASE(copy_offsets_from_each_data_start)
TEST_CASE(copy_across_mdl_boundaries_matches_flat_model)
TEST_CASE(copy_bounded_by_chains_not_data_length)
TEST_CASE(copy_zero_bytes_succeeds_with_zero_copied)
TEST_CASE(copy_start_beyond_chain_copies_nothing)
TEST_CASE(copy_map_failure_returns_resources_and_keeps_bytes_copied)
TEST_CASE(copy_leaves_both_nbs_unchanged)
TEST_MAIN_END
