/*
 * test_conformance.c - the data-path conformance vectors of the spec's
 * appendix A (1-11 and 13-16; 12 needs a pool and is covered here by a
 * hand-built embedded MDL), one case per vector (15 one per bullet), plus
 * the edge cases of sections 4 and 5 that the vectors leave implicit.
 *
 * Every case states the whole NET_BUFFER after each step, as the spec
 * writes it: {chain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset}.
 * It also checks which handler ran, with which *BufferSize, and the data
 * bytes, read three ways: from the chain head past DataOffset, from
 * CurrentMdl@CurrentMdlOffset, and through NdisGetDataBuffer. The
 * structure checker runs after every step.
 *
 * All memory here is the test's own (stack buffers, static handler slots),
 * so the recording free handler F only records; nothing is released twice.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

/* ---- MDLs over test buffers ------------------------------------------- */

#define MAX_DATA 4096

/* An MDL in caller storage with room for four PFNs. */
struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* A byte pattern that differs per seed and does not repeat every 256. */
static void
pattern(PUCHAR buf, ULONG len, UCHAR seed)
{
    ULONG i;
    for (i = 0; i < len; i++) {
        buf[i] = (UCHAR)(seed + 7u * i + i / 253u);
    }
}

/* A mapped (nonpaged) MDL over buf, filled with pattern(seed). */
static PMDL
mdl_make(struct tmdl *t, PUCHAR buf, ULONG len, UCHAR seed)
{
    pattern(buf, len, seed);
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, buf, len);
    if (len != 0) {
        MmBuildMdlForNonPagedPool(&t->mdl);
    } else {
        t->mdl.MappedSystemVa = buf;
        t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return &t->mdl;
}

/* An NB with every field zero but the five that place the data. */
static void
nb_set(NET_BUFFER *nb, PMDL chain, ULONG off, ULONG len, PMDL cur, ULONG cur_off)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = chain;
    nb->DataOffset = off;
    nb->DataLength = len;
    nb->CurrentMdl = cur;
    nb->CurrentMdlOffset = cur_off;
}

/* ---- expected bytes ------------------------------------------------------- */

struct bytes {
    UCHAR b[MAX_DATA];
    ULONG n;
};

static void
cat(struct bytes *e, const void *p, ULONG n)
{
    CHECK(e->n + n <= MAX_DATA);
    memcpy(e->b + e->n, p, n);
    e->n += n;
}

/* ---- the recording handlers H (allocate) and F (free) ------------------- */

#define MAX_CALLS  8
#define SLOT_BYTES 512

/* H hands out these (static, never freed); F only records. */
struct slot {
    struct tmdl t;
    UCHAR buf[SLOT_BYTES];
};

static struct {
    const NET_BUFFER *watch; /* NB whose state each call snapshots */
    ULONG enlarge_to;        /* H raises *BufferSize to this; 0: exact */
    int fail;                /* H returns NULL */
    int allocs;
    ULONG asked[MAX_CALLS]; /* *BufferSize on entry to H */
    PMDL given[MAX_CALLS];
    NET_BUFFER seen_at_alloc[MAX_CALLS];
    int frees;
    PMDL freed[MAX_CALLS];
    NET_BUFFER seen_at_free[MAX_CALLS];
    struct slot slots[MAX_CALLS];
} g;

static NET_BUFFER_ALLOCATE_MDL rec_alloc;
static NET_BUFFER_FREE_MDL rec_free;

static void
rec_reset(const NET_BUFFER *watch)
{
    memset(&g, 0, sizeof(g));
    g.watch = watch;
    undis_fault_clear();
}

static PMDL
rec_alloc(PULONG BufferSize)
{
    int i = g.allocs;
    CHECK(i < MAX_CALLS);
    g.allocs++;
    g.asked[i] = *BufferSize;
    if (g.watch != NULL) {
        g.seen_at_alloc[i] = *g.watch;
    }
    if (g.fail) {
        *BufferSize = 0x7777; /* must be ignored */
        return NULL;
    }
    if (g.enlarge_to > *BufferSize) {
        *BufferSize = g.enlarge_to;
    }
    CHECK(*BufferSize <= SLOT_BYTES);
    g.given[i] = mdl_make(&g.slots[i].t, g.slots[i].buf, *BufferSize, (UCHAR)(0xB0 + i));
    return g.given[i];
}

static VOID
rec_free(PMDL Mdl)
{
    int i = g.frees;
    CHECK(i < MAX_CALLS);
    g.frees++;
    g.freed[i] = Mdl;
    if (g.watch != NULL) {
        g.seen_at_free[i] = *g.watch;
    }
}

/* ---- state and byte expectations (report the caller's line) ------------- */

#define CHAIN(...) ((const PMDL[]){ __VA_ARGS__, NULL })

/* The NB is exactly {chain; off; len; cur@cur_off} and passes the checker. */
#define EXPECT_NB(nb, chain, off, len, cur, cur_off) \
    expect_nb_(__FILE__, __LINE__, (nb), (chain), (off), (len), (cur), (cur_off))

static void
expect_nb_(const char *file,
           int line,
           const NET_BUFFER *nb,
           const PMDL *chain,
           ULONG off,
           ULONG len,
           const MDL *cur,
           ULONG cur_off)
{
    char why[256];
    undis_check_rule rule;
    const MDL *m = nb->MdlChain;
    int i;

    for (i = 0; chain[i] != NULL; i++, m = m->Next) {
        if (m != chain[i]) {
            ut_fail_(file, line, "chain MDL #%d is %p, expected %p", i, (const void *)m,
                     (const void *)chain[i]);
        }
    }
    if (m != NULL) {
        ut_fail_(file, line, "chain has more than %d MDLs (next %p)", i, (const void *)m);
    }
    if (nb->DataOffset != off) {
        ut_fail_(file, line, "DataOffset %u, expected %u", (unsigned)nb->DataOffset, (unsigned)off);
    }
    if (nb->DataLength != len) {
        ut_fail_(file, line, "DataLength %u, expected %u", (unsigned)nb->DataLength, (unsigned)len);
    }
    if (nb->CurrentMdl != cur || nb->CurrentMdlOffset != cur_off) {
        ut_fail_(file, line, "CurrentMdl %p@%u, expected %p@%u", (const void *)nb->CurrentMdl,
                 (unsigned)nb->CurrentMdlOffset, (const void *)cur, (unsigned)cur_off);
    }
    rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nb_check: %s", why);
    }
}

/* Copy DataLength bytes starting at (m, skip), stepping over MDLs the
 * position does not lie in. 0 if the chain ends first. */
static int
read_chain(const MDL *m, ULONG skip, ULONG left, PUCHAR out)
{
    while (left > 0) {
        ULONG chunk;
        if (m == NULL) {
            return 0;
        }
        if (skip >= m->ByteCount) {
            skip -= m->ByteCount;
            m = m->Next;
            continue;
        }
        chunk = m->ByteCount - skip;
        if (chunk > left) {
            chunk = left;
        }
        memcpy(out, (const UCHAR *)MmGetMdlVirtualAddress(m) + skip, chunk);
        out += chunk;
        left -= chunk;
        skip = 0;
        m = m->Next;
    }
    return 1;
}

/* The NB's data are exactly expected[0 .. len). */
#define EXPECT_BYTES(nb, expected, len) expect_bytes_(__FILE__, __LINE__, (nb), (expected), (len))

static void
expect_bytes_(const char *file, int line, NET_BUFFER *nb, const UCHAR *expected, ULONG len)
{
    UCHAR got[MAX_DATA];
    UCHAR storage[MAX_DATA];
    const UCHAR *p;

    if (nb->DataLength != len || len > MAX_DATA) {
        ut_fail_(file, line, "DataLength %u, expected %u", (unsigned)nb->DataLength, (unsigned)len);
    }
    if (!read_chain(nb->MdlChain, nb->DataOffset, len, got)) {
        ut_fail_(file, line, "chain ends before DataOffset + DataLength");
    }
    ut_check_mem_eq_(file, line, "data from MdlChain+DataOffset", "expected", got, expected, len);
    if (!read_chain(nb->CurrentMdl, nb->CurrentMdlOffset, len, got)) {
        ut_fail_(file, line, "chain ends before CurrentMdl@CurrentMdlOffset + DataLength");
    }
    ut_check_mem_eq_(file, line, "data from CurrentMdl", "expected", got, expected, len);
    if (len != 0) {
        p = (const UCHAR *)NdisGetDataBuffer(nb, len, storage, 1, 0);
        if (p == NULL) {
            ut_fail_(file, line, "NdisGetDataBuffer(DataLength, Storage) returned NULL");
        }
        ut_check_mem_eq_(file, line, "NdisGetDataBuffer", "expected", p, expected, len);
    }
}

/* ---- the A(100) -> B(1000) start of vectors 3-8 --------------------------- */

struct v3 {
    UCHAR a_buf[100];
    UCHAR b_buf[1000];
    struct tmdl ta, tb;
    PMDL a, b;
    NET_BUFFER nb;
};

/* {A(100)->B(1000); 120; 900; B@20}: the data are B[20 .. 920). */
static void
v3_setup(struct v3 *s)
{
    struct bytes e = { { 0 }, 0 };
    s->a = mdl_make(&s->ta, s->a_buf, 100, 0x10);
    s->b = mdl_make(&s->tb, s->b_buf, 1000, 0x60);
    s->a->Next = s->b;
    nb_set(&s->nb, s->a, 120, 900, s->b, 20);
    rec_reset(&s->nb);
    EXPECT_NB(&s->nb, CHAIN(s->a, s->b), 120, 900, s->b, 20);
    cat(&e, s->b_buf + 20, 900);
    EXPECT_BYTES(&s->nb, e.b, e.n);
}

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

/* {A(100)->B(100); 90; 110; A@90} with va(A) % 16 == 0, so that
 * va(A) + 90 == 2 (mod 4). */
struct v15 {
    _Alignas(16) UCHAR a_buf[100];
    _Alignas(16) UCHAR b_buf[100];
    UCHAR storage[128];
    struct tmdl ta, tb;
    PMDL a, b;
    NET_BUFFER nb;
    NET_BUFFER nb_before;
};

static void
v15_setup(struct v15 *s, ULONG off, ULONG len, ULONG cur_off)
{
    s->a = mdl_make(&s->ta, s->a_buf, 100, 0x10);
    s->b = mdl_make(&s->tb, s->b_buf, 100, 0x60);
    s->a->Next = s->b;
    nb_set(&s->nb, s->a, off, len, s->a, cur_off);
    EXPECT_NB(&s->nb, CHAIN(s->a, s->b), off, len, s->a, cur_off);
    memcpy(&s->nb_before, &s->nb, sizeof(NET_BUFFER));
    memset(s->storage, 0xEE, sizeof(s->storage));
}

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
TEST_CASE(slow_path_requests_backfill_plus_shortfall)
TEST_CASE(retreat_delta_zero_only_renormalises_current_mdl)
TEST_CASE(advance_false_ending_at_chain_end_gives_null_current_mdl)
TEST_CASE(advance_free_stops_at_embedded_mdl)
TEST_CASE(advance_free_releases_same_mdl_when_not_embedded)
TEST_CASE(nbl_advance_applies_to_every_nb)
TEST_CASE(nbl_retreat_applies_to_every_nb_in_order)
TEST_CASE(nbl_retreat_without_nbs_returns_success)
TEST_MAIN_END
