/*
 * test_nb_data.c - reading and copying a NET_BUFFER's bytes (spec 6.4, 6.5)
 * beyond the appendix-A vectors: NdisGetDataBuffer,
 * NdisCopyFromNetBufferToNetBuffer and NdisQueryNetBufferPhysicalCount.
 *
 * MDL buffers live in a page-aligned arena, separated by guard bytes so
 * that a copy running past an MDL's end shows up, and page counts are
 * exact. Byte results are compared with a flat model of the chain.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

/* ---- helpers ------------------------------------------------------------ */

#define GUARD     0xCC
#define GAP       16
#define MAX_MDLS  8
#define ARENA_PGS 6

/* A page-aligned region carved from a malloc block. */
struct page_buf {
    void *raw;
    PUCHAR base;
};

static PUCHAR
page_buf_alloc(struct page_buf *pb, size_t pages)
{
    size_t misalign;
    pb->raw = malloc((pages + 1) * PAGE_SIZE);
    CHECK_NOT_NULL(pb->raw);
    misalign = (size_t)((ULONG_PTR)pb->raw & (PAGE_SIZE - 1));
    pb->base = (PUCHAR)pb->raw + (misalign == 0 ? 0 : PAGE_SIZE - misalign);
    return pb->base;
}

/* An MDL in caller storage, room for four PFNs (buffers up to 3 pages). */
struct test_mdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* mapped: nonpaged as MmBuildMdlForNonPagedPool leaves it; otherwise flags
 * 0 and no MappedSystemVa, so every use has to map it. */
static PMDL
mdl_init(struct test_mdl *t, PVOID va, ULONG len, int mapped)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, va, len);
    t->mdl.Process = NULL;
    t->mdl.MappedSystemVa = NULL;
    if (mapped && len != 0) {
        MmBuildMdlForNonPagedPool(&t->mdl);
    } else if (mapped) {
        t->mdl.MappedSystemVa = va;
        t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return &t->mdl;
}

/* An MDL chain over slices of one arena, GAP guard bytes before each slice;
 * slice bytes are a pattern that depends on seed and position. */
struct chain {
    struct page_buf pb;
    struct test_mdl m[MAX_MDLS];
    ULONG size[MAX_MDLS];
    int count;
    ULONG total;
};

static PMDL
chain_build(struct chain *c, const ULONG *sizes, int count, int mapped, UCHAR seed)
{
    PUCHAR at;
    int i;
    CHECK(count >= 1 && count <= MAX_MDLS);
    at = page_buf_alloc(&c->pb, ARENA_PGS);
    memset(at, GUARD, ARENA_PGS * PAGE_SIZE);
    c->count = count;
    c->total = 0;
    for (i = 0; i < count; i++) {
        ULONG j;
        at += GAP;
        for (j = 0; j < sizes[i]; j++) {
            at[j] = (UCHAR)(seed + 37 * (c->total + j) + (c->total + j) / 251);
        }
        mdl_init(&c->m[i], at, sizes[i], mapped);
        if (i > 0) {
            c->m[i - 1].mdl.Next = &c->m[i].mdl;
        }
        c->size[i] = sizes[i];
        c->total += sizes[i];
        at += sizes[i];
    }
    CHECK((size_t)(at - c->pb.base) + GAP <= ARENA_PGS * PAGE_SIZE);
    return &c->m[0].mdl;
}

static void
chain_free(struct chain *c)
{
    free(c->pb.raw);
    c->pb.raw = NULL;
}

/* The chain's bytes, concatenated. */
static void
chain_flat(const struct chain *c, PUCHAR out)
{
    int i;
    for (i = 0; i < c->count; i++) {
        memcpy(out, MmGetMdlVirtualAddress(&c->m[i].mdl), c->size[i]);
        out += c->size[i];
    }
}

/* Overwrite the chain's bytes from a flat image. */
static void
chain_load(struct chain *c, const UCHAR *in)
{
    int i;
    for (i = 0; i < c->count; i++) {
        memcpy(MmGetMdlVirtualAddress(&c->m[i].mdl), in, c->size[i]);
        in += c->size[i];
    }
}

/* The guard bytes in front of every slice and after the last one. */
static void
chain_check_guards(const struct chain *c)
{
    int i;
    for (i = 0; i <= c->count; i++) {
        const UCHAR *end = i < c->count ? (const UCHAR *)MmGetMdlVirtualAddress(&c->m[i].mdl)
                                        : (const UCHAR *)MmGetMdlVirtualAddress(&c->m[i - 1].mdl) +
                                              c->size[i - 1] + GAP;
        int k;
        for (k = 1; k <= GAP; k++) {
            CHECK_EQ_INT(end[-k], GUARD);
        }
    }
}

static void
chain_set_unmapped(struct chain *c)
{
    int i;
    for (i = 0; i < c->count; i++) {
        c->m[i].mdl.MdlFlags = 0;
        c->m[i].mdl.MappedSystemVa = NULL;
    }
}

/* nb over chain with a data range; CurrentMdl by the NDIS rule. */
static void
nb_init(NET_BUFFER *nb, PMDL chain, ULONG data_offset, ULONG data_length)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = chain;
    nb->DataOffset = data_offset;
    nb->DataLength = data_length;
    NdisAdjustNetBufferCurrentMdl(nb);
}

static void
check_nb_ok(const NET_BUFFER *nb)
{
    char why[256];
    undis_check_rule rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "checker: %s\n", why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
}

static PUCHAR
va_of(struct chain *c, int i)
{
    return (PUCHAR)MmGetMdlVirtualAddress(&c->m[i].mdl);
}

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
TEST_CASE(copy_offsets_from_each_data_start)
TEST_CASE(copy_across_mdl_boundaries_matches_flat_model)
TEST_CASE(copy_bounded_by_chains_not_data_length)
TEST_CASE(copy_zero_bytes_succeeds_with_zero_copied)
TEST_CASE(copy_start_beyond_chain_copies_nothing)
TEST_CASE(copy_map_failure_returns_resources_and_keeps_bytes_copied)
TEST_CASE(copy_leaves_both_nbs_unchanged)
TEST_CASE(physical_count_single_mdl_within_a_page)
TEST_CASE(physical_count_data_spanning_pages)
TEST_CASE(physical_count_several_mdls)
TEST_CASE(physical_count_zero_length_mdl_counts_one)
TEST_CASE(physical_count_rewrites_current_mdl)
TEST_CASE(physical_count_data_length_zero_is_zero)
TEST_MAIN_END
