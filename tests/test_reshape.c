/* SPDX-License-Identifier: MIT */
/*
 * test_reshape.c: undis_nb_reshape keeps the bytes and the NET_BUFFER's
 * numbers, makes every geometry it promises over many seeds, is
 * deterministic, fails cleanly under injected faults and gives everything
 * back.
 */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/reshape.h>

#define SEEDS 3000

/* A NET_BUFFER over one pattern-filled arena, split by `sizes`. */
struct layout {
    NET_BUFFER nb;
    PMDL mdl[8];
    int count;
    UCHAR *arena;
    ULONG bytes;
};

static void
layout_make(struct layout *l, const ULONG *sizes, int count, ULONG offset, ULONG length)
{
    ULONG at = 0;
    memset(l, 0, sizeof(*l));
    for (int i = 0; i < count; i++) {
        l->bytes += sizes[i];
    }
    l->arena = (UCHAR *)malloc(l->bytes + 1);
    CHECK(l->arena != NULL);
    for (ULONG i = 0; i < l->bytes; i++) {
        l->arena[i] = (UCHAR)(i * 7 + 3);
    }
    for (int i = 0; i < count; i++) {
        l->mdl[i] = IoAllocateMdl(l->arena + at, sizes[i], FALSE, FALSE, NULL);
        CHECK(l->mdl[i] != NULL);
        if (sizes[i] != 0) {
            MmBuildMdlForNonPagedPool(l->mdl[i]);
        } else {
            l->mdl[i]->MappedSystemVa = l->arena + at;
            l->mdl[i]->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
        }
        if (i > 0) {
            l->mdl[i - 1]->Next = l->mdl[i];
        }
        at += sizes[i];
    }
    l->count = count;
    l->nb.MdlChain = count ? l->mdl[0] : NULL;
    l->nb.DataOffset = offset;
    l->nb.DataLength = length;
    NdisAdjustNetBufferCurrentMdl(&l->nb);
    CHECK_EQ_INT(undis_nb_check(&l->nb, NULL, 0), UNDIS_CHECK_OK);
}

static void
layout_free(struct layout *l)
{
    for (int i = 0; i < l->count; i++) {
        IoFreeMdl(l->mdl[i]);
    }
    free(l->arena);
}

/* Chain bytes [from, from + len) into out; 0 if the chain is too short. */
static int
chain_read(const MDL *m, ULONG from, ULONG len, UCHAR *out)
{
    ULONG pos = 0;
    for (; m != NULL && len != 0; m = m->Next) {
        const UCHAR *va = (const UCHAR *)m->MappedSystemVa;
        for (ULONG i = 0; i < m->ByteCount && len != 0; i++, pos++) {
            if (pos >= from) {
                *out++ = va[i];
                len--;
            }
        }
    }
    return len == 0;
}

/* The reshaped NB holds the same unused and data bytes, with the same
 * numbers, and passes the checker. */
static void
check_equivalent(const struct layout *l, const NET_BUFFER *nb)
{
    ULONG keep = l->nb.DataOffset + l->nb.DataLength;
    UCHAR *got = (UCHAR *)malloc(keep + 1);
    char why[200];
    CHECK(got != NULL);
    CHECK_EQ_U32(nb->DataOffset, l->nb.DataOffset);
    CHECK_EQ_U32(nb->DataLength, l->nb.DataLength);
    if (undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        ut_fail_(__FILE__, __LINE__, "reshaped NB broken: %s", why);
    }
    CHECK(chain_read(nb->MdlChain, 0, keep, got));
    CHECK_MEM_EQ(got, l->arena, keep);
    free(got);
}

static const ULONG one_mdl[] = { 200 };
static const ULONG three_mdls[] = { 30, 0, 170 };
static const ULONG five_mdls[] = { 10, 10, 10, 100, 40 };

TEST(same_bytes_and_numbers_over_many_seeds)
{
    struct layout l[3];
    unsigned long long base = undis_alloc_outstanding();
    layout_make(&l[0], one_mdl, 1, 32, 120);
    layout_make(&l[1], three_mdls, 3, 30, 150);
    layout_make(&l[2], five_mdls, 5, 25, 145);
    for (int k = 0; k < 3; k++) {
        for (unsigned long long seed = 0; seed < SEEDS; seed++) {
            NET_BUFFER before = l[k].nb;
            undis_reshape_saved saved;
            CHECK_STATUS(undis_nb_reshape(&l[k].nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
            CHECK(saved.mdl_count >= 1);
            check_equivalent(&l[k], &l[k].nb);
            undis_nb_reshape_restore(&l[k].nb, &saved);
            CHECK_MEM_EQ(&l[k].nb, &before, sizeof(before));
            CHECK_EQ_U64(undis_alloc_outstanding(), base + (unsigned long long)(1 + 3 + 5));
        }
    }
    for (int k = 0; k < 3; k++) {
        layout_free(&l[k]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* Over the seeds, every promised geometry shows up. */
TEST(every_geometry_appears)
{
    struct layout l;
    int zero_length = 0, later_mdl = 0, denormalised = 0, slack = 0, one_byte = 0, many = 0;
    layout_make(&l, three_mdls, 3, 30, 150);
    for (unsigned long long seed = 0; seed < SEEDS; seed++) {
        undis_reshape_saved saved;
        ULONG total = 0;
        int ones = 0;
        CHECK_STATUS(undis_nb_reshape(&l.nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
        for (PMDL m = l.nb.MdlChain; m != NULL; m = m->Next) {
            zero_length += m->ByteCount == 0;
            ones += m->ByteCount == 1;
            total += m->ByteCount;
        }
        one_byte += ones >= 4;
        many += saved.mdl_count >= 10;
        slack += total > l.nb.DataOffset + l.nb.DataLength;
        later_mdl += l.nb.CurrentMdl != l.nb.MdlChain;
        denormalised +=
            l.nb.CurrentMdl != NULL && l.nb.CurrentMdlOffset == MmGetMdlByteCount(l.nb.CurrentMdl);
        undis_nb_reshape_restore(&l.nb, &saved);
    }
    CHECK(zero_length > 0);
    CHECK(later_mdl > 0);
    CHECK(denormalised > 0);
    CHECK(slack > 0);
    CHECK(one_byte > 0);
    CHECK(many > 0);
    layout_free(&l);
}

static void
geometry_of(NET_BUFFER *nb, ULONG *out, int max)
{
    int i = 0;
    for (PMDL m = nb->MdlChain; m != NULL && i < max - 1; m = m->Next) {
        out[i++] = m->ByteCount;
    }
    out[i++] = 0xFFFFFFFFu;
    out[max - 1] = nb->CurrentMdlOffset;
}

TEST(same_seed_same_geometry)
{
    struct layout l;
    layout_make(&l, five_mdls, 5, 25, 145);
    for (unsigned long long seed = 0; seed < 200; seed++) {
        ULONG a[300], b[300];
        undis_reshape_saved saved;
        memset(a, 0, sizeof(a));
        memset(b, 0, sizeof(b));
        CHECK_STATUS(undis_nb_reshape(&l.nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
        geometry_of(&l.nb, a, 300);
        undis_nb_reshape_restore(&l.nb, &saved);
        CHECK_STATUS(undis_nb_reshape(&l.nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
        geometry_of(&l.nb, b, 300);
        undis_nb_reshape_restore(&l.nb, &saved);
        CHECK_MEM_EQ(a, b, sizeof(a));
    }
    layout_free(&l);
}

TEST(options_are_honoured)
{
    struct layout l;
    undis_reshape_opts o = { UNDIS_RESHAPE_NO_ZERO_LENGTH | UNDIS_RESHAPE_NO_DENORMALISE, 3, 8 };
    layout_make(&l, one_mdl, 1, 32, 120);
    for (unsigned long long seed = 0; seed < SEEDS; seed++) {
        undis_reshape_saved saved;
        ULONG total = 0;
        CHECK_STATUS(undis_nb_reshape(&l.nb, seed, &o, &saved), NDIS_STATUS_SUCCESS);
        CHECK(saved.mdl_count <= 3);
        for (PMDL m = l.nb.MdlChain; m != NULL; m = m->Next) {
            CHECK(m->ByteCount != 0);
            total += m->ByteCount;
        }
        CHECK(total <= 32 + 120 + 8);
        CHECK(l.nb.CurrentMdlOffset < MmGetMdlByteCount(l.nb.CurrentMdl));
        check_equivalent(&l, &l.nb);
        undis_nb_reshape_restore(&l.nb, &saved);
    }
    layout_free(&l);
}

/* Every allocation of a reshape, failed in turn: RESOURCES, the NB bit for
 * bit as it was, nothing left allocated. */
TEST(allocation_failure_leaves_nb_unchanged)
{
    struct layout l;
    unsigned long long base;
    int failures = 0;
    layout_make(&l, three_mdls, 3, 30, 150);
    base = undis_alloc_outstanding();
    for (unsigned long long seed = 0; seed < 64; seed++) {
        for (unsigned long long nth = 1; nth < 300; nth++) {
            NET_BUFFER before = l.nb;
            undis_reshape_saved saved;
            NDIS_STATUS st;
            undis_fault_alloc_fail_nth(nth);
            st = undis_nb_reshape(&l.nb, seed, NULL, &saved);
            undis_fault_clear();
            if (st == NDIS_STATUS_SUCCESS) {
                undis_nb_reshape_restore(&l.nb, &saved);
                break;
            }
            failures++;
            CHECK_STATUS(st, NDIS_STATUS_RESOURCES);
            CHECK_MEM_EQ(&l.nb, &before, sizeof(before));
            CHECK(saved.blocks == NULL);
            CHECK_EQ_U64(undis_alloc_outstanding(), base);
        }
    }
    CHECK(failures > 64);
    layout_free(&l);
}

/* An old chain that cannot be mapped: RESOURCES, nothing changed. */
TEST(mapping_failure_leaves_nb_unchanged)
{
    static UCHAR buf[100];
    PMDL mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    NET_BUFFER nb, before;
    undis_reshape_saved saved;
    unsigned long long base = undis_alloc_outstanding();
    CHECK(mdl != NULL);
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl;
    nb.DataOffset = 10;
    nb.DataLength = 80;
    NdisAdjustNetBufferCurrentMdl(&nb);
    before = nb;
    undis_fault_map_fail_nth(1);
    CHECK_STATUS(undis_nb_reshape(&nb, 1, NULL, &saved), NDIS_STATUS_RESOURCES);
    undis_fault_clear();
    CHECK_MEM_EQ(&nb, &before, sizeof(before));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    IoFreeMdl(mdl);
}

TEST(broken_nb_is_refused)
{
    struct layout l;
    undis_reshape_saved saved;
    layout_make(&l, one_mdl, 1, 32, 120);
    l.nb.DataLength = 500; /* past the chain */
    CHECK_STATUS(undis_nb_reshape(&l.nb, 1, NULL, &saved), NDIS_STATUS_INVALID_PARAMETER);
    CHECK(l.nb.MdlChain == l.mdl[0]);
    layout_free(&l);
}

TEST(owns_and_free_without_restore)
{
    struct layout l;
    undis_reshape_saved saved;
    unsigned long long base;
    layout_make(&l, one_mdl, 1, 32, 120);
    base = undis_alloc_outstanding();
    CHECK_STATUS(undis_nb_reshape(&l.nb, 99, NULL, &saved), NDIS_STATUS_SUCCESS);
    CHECK(undis_reshape_owns(&saved, l.nb.MdlChain));
    CHECK(!undis_reshape_owns(&saved, l.mdl[0]));
    CHECK(saved.mdl_chain == l.mdl[0]);
    l.nb.MdlChain = saved.mdl_chain;
    undis_reshape_free(&saved);
    CHECK(saved.blocks == NULL);
    undis_reshape_free(&saved); /* a zeroed record: nothing happens */
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    layout_free(&l);
}

/* A pool NB (embedded MDL, all backfill) claimed by a retreat reshapes too. */
TEST(pool_nb_round_trip)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    undis_reshape_saved saved;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.DataSize = 256;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK(pool != NULL);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL);
    nb = NET_BUFFER_LIST_FIRST_NB(nbl);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 200, 0, NULL), NDIS_STATUS_SUCCESS);
    NET_BUFFER_DATA_LENGTH(nb) = 150;
    for (unsigned long long seed = 0; seed < 500; seed++) {
        CHECK_STATUS(undis_nb_reshape(nb, seed, NULL, &saved), NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), UNDIS_CHECK_OK);
        CHECK_EQ_U32(NET_BUFFER_DATA_OFFSET(nb), 56);
        undis_nb_reshape_restore(nb, &saved);
        CHECK(NET_BUFFER_FIRST_MDL(nb) == (PMDL)(nb + 1));
    }
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST_MAIN_BEGIN
TEST_CASE(same_bytes_and_numbers_over_many_seeds)
TEST_CASE(every_geometry_appears)
TEST_CASE(same_seed_same_geometry)
TEST_CASE(options_are_honoured)
TEST_CASE(allocation_failure_leaves_nb_unchanged)
TEST_CASE(mapping_failure_leaves_nb_unchanged)
TEST_CASE(broken_nb_is_refused)
TEST_CASE(owns_and_free_without_restore)
TEST_CASE(pool_nb_round_trip)
TEST_MAIN_END
