/*
 * test_handlers.c - the NetAllocateMdl / NetFreeMdl handlers a driver
 * passes to retreat and advance (spec 3, 4.1, 4.2, 5.1), and the library's
 * default pair used for NULL handlers.
 *
 * Two driver-style pairs keep a table of every MDL they hand out:
 *   pair A: buffer from malloc, MDL from IoAllocateMdl (freed with IoFreeMdl);
 *   pair B: MDL header and buffer in one malloc block.
 * A free handler fails the case when it is given an MDL it did not
 * allocate (the other pair's, or the test's own) or one it already freed.
 * Long deterministic sequences of retreats and advances then prove that
 * every MDL a retreat allocated is freed exactly once, by the matching free
 * handler, at the matching advance; each NB's bytes are compared with a
 * flat model after every step and the structure checker runs every time.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#define MAX_DATA  4096
#define DRV_MAX   1024
#define DEPTH_MAX 8
#define MAX_NBS   4

/* ---- MDLs and NBs over test buffers -------------------------------------- */

struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

static void
pattern(PUCHAR buf, ULONG len, UCHAR seed)
{
    ULONG i;
    for (i = 0; i < len; i++) {
        buf[i] = (UCHAR)(seed + 7u * i + i / 253u);
    }
}

static PMDL
mdl_make(struct tmdl *t, PUCHAR buf, ULONG len, UCHAR seed)
{
    pattern(buf, len, seed);
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, buf, len);
    MmBuildMdlForNonPagedPool(&t->mdl);
    return &t->mdl;
}

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

#define NB_OK(nb)   nb_ok_(__FILE__, __LINE__, (nb))
#define NBL_OK(nbl) nbl_ok_(__FILE__, __LINE__, (nbl))

static void
nb_ok_(const char *file, int line, const NET_BUFFER *nb)
{
    char why[256];
    if (undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nb_check: %s", why);
    }
}

static void
nbl_ok_(const char *file, int line, const NET_BUFFER_LIST *nbl)
{
    char why[256];
    if (undis_nbl_check(nbl, why, sizeof(why)) != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "undis_nbl_check: %s", why);
    }
}

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
    const MDL *m = nb->MdlChain;
    int i;

    for (i = 0; chain[i] != NULL; i++, m = m->Next) {
        if (m != chain[i]) {
            ut_fail_(file, line, "chain MDL #%d is %p, expected %p", i, (const void *)m,
                     (const void *)chain[i]);
        }
    }
    if (m != NULL) {
        ut_fail_(file, line, "chain has more than %d MDLs", i);
    }
    if (nb->DataOffset != off || nb->DataLength != len) {
        ut_fail_(file, line, "DataOffset %u DataLength %u, expected %u %u",
                 (unsigned)nb->DataOffset, (unsigned)nb->DataLength, (unsigned)off, (unsigned)len);
    }
    if (nb->CurrentMdl != cur || nb->CurrentMdlOffset != cur_off) {
        ut_fail_(file, line, "CurrentMdl %p@%u, expected %p@%u", (const void *)nb->CurrentMdl,
                 (unsigned)nb->CurrentMdlOffset, (const void *)cur, (unsigned)cur_off);
    }
    nb_ok_(file, line, nb);
}

/* Copy `left` bytes from (m, skip), stepping over MDLs the position does
 * not lie in; 0 if the chain ends first. */
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

/* Write len bytes at the data start, through the MDLs' system addresses,
 * as a driver filling in a header does. */
static void
nb_write(NET_BUFFER *nb, const UCHAR *src, ULONG len)
{
    PMDL m = nb->CurrentMdl;
    ULONG off = nb->CurrentMdlOffset;
    while (len > 0) {
        PUCHAR va;
        ULONG chunk;
        CHECK_NOT_NULL(m);
        if (off >= m->ByteCount) {
            off -= m->ByteCount;
            m = m->Next;
            continue;
        }
        va = (PUCHAR)MmGetSystemAddressForMdlSafe(m, NormalPagePriority);
        CHECK_NOT_NULL(va);
        chunk = m->ByteCount - off;
        if (chunk > len) {
            chunk = len;
        }
        memcpy(va + off, src, chunk);
        src += chunk;
        len -= chunk;
        off = 0;
        m = m->Next;
    }
}

/* The NB's data are exactly expected[0 .. len), read from the chain head,
 * from CurrentMdl and through NdisGetDataBuffer. */
#define EXPECT_BYTES(nb, expected, len) expect_bytes_(__FILE__, __LINE__, (nb), (expected), (len))

static void
expect_bytes_(const char *file, int line, NET_BUFFER *nb, const UCHAR *expected, ULONG len)
{
    static UCHAR got[MAX_DATA];
    static UCHAR storage[MAX_DATA];
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

/* ---- the driver-style handler pairs ------------------------------------------ */

struct drv_rec {
    PMDL mdl;
    void *block;             /* what free() releases */
    PUCHAR buf;              /* the MDL's buffer */
    ULONG requested;         /* *BufferSize on entry */
    ULONG size;              /* *BufferSize on return (== ByteCount) */
    const NET_BUFFER *owner; /* the NB it was prepended to */
    int frees;
};

struct drv {
    const char *name;
    int one_block;    /* pair B: MDL and buffer in one block */
    ULONG round_to;   /* raise *BufferSize to a multiple of this; 0: exact */
    unsigned fail_on; /* fail this call (1 = first); 0: never */
    unsigned calls;   /* allocate calls, failed ones included */
    unsigned n;       /* MDLs handed out */
    unsigned freed;   /* MDLs freed */
    struct drv_rec rec[DRV_MAX];
};

static struct drv g_a, g_b;

static NET_BUFFER_ALLOCATE_MDL drv_alloc_a;
static NET_BUFFER_ALLOCATE_MDL drv_alloc_b;
static NET_BUFFER_FREE_MDL drv_free_a;
static NET_BUFFER_FREE_MDL drv_free_b;

static void
drv_reset(void)
{
    memset(&g_a, 0, sizeof(g_a));
    memset(&g_b, 0, sizeof(g_b));
    g_a.name = "A";
    g_b.name = "B";
    g_b.one_block = 1;
    undis_fault_clear();
}

static PMDL
drv_alloc(struct drv *d, PULONG BufferSize)
{
    ULONG size = *BufferSize;
    struct drv_rec *r;

    d->calls++;
    if (d->fail_on != 0 && d->calls == d->fail_on) {
        *BufferSize = size * 3 + 1000; /* NDIS must ignore this */
        return NULL;
    }
    CHECK(d->n < DRV_MAX);
    CHECK(size != 0);
    r = &d->rec[d->n];
    if (d->round_to != 0) {
        size = (size + d->round_to - 1) / d->round_to * d->round_to;
    }
    r->requested = *BufferSize;
    r->size = size;
    if (d->one_block) {
        SIZE_T hdr = (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 15) & ~(SIZE_T)15;
        PUCHAR block = (PUCHAR)malloc(hdr + size);
        CHECK_NOT_NULL(block);
        r->block = block;
        r->buf = block + hdr;
        r->mdl = (PMDL)(void *)block;
        MmInitializeMdl(r->mdl, r->buf, size);
    } else {
        r->buf = (PUCHAR)malloc(size);
        CHECK_NOT_NULL(r->buf);
        r->block = r->buf;
        r->mdl = IoAllocateMdl(r->buf, size, FALSE, FALSE, NULL);
        CHECK_NOT_NULL(r->mdl);
    }
    MmBuildMdlForNonPagedPool(r->mdl);
    pattern(r->buf, size, (UCHAR)(0x80u + 29u * d->n + (d->one_block ? 0x40u : 0u)));
    d->n++;
    *BufferSize = size;
    return r->mdl;
}

/* The newest record of mdl: malloc reuses the address of a freed MDL. */
static struct drv_rec *
drv_find(struct drv *d, const MDL *mdl)
{
    unsigned i;
    for (i = d->n; i-- > 0;) {
        if (d->rec[i].mdl == mdl) {
            return &d->rec[i];
        }
    }
    return NULL;
}

static void
drv_free(struct drv *d, struct drv *other, PMDL Mdl)
{
    struct drv_rec *r = drv_find(d, Mdl);
    if (r == NULL) {
        ut_fail_(__FILE__, __LINE__, "free handler %s got MDL %p, which %s", d->name, (void *)Mdl,
                 drv_find(other, Mdl) != NULL ? "the other pair allocated"
                                              : "no handler allocated");
    }
    if (r->frees != 0) {
        ut_fail_(__FILE__, __LINE__, "free handler %s got MDL %p a second time", d->name,
                 (void *)Mdl);
    }
    r->frees++;
    d->freed++;
    if (!d->one_block) {
        IoFreeMdl(Mdl);
    }
    free(r->block);
}

static PMDL
drv_alloc_a(PULONG BufferSize)
{
    return drv_alloc(&g_a, BufferSize);
}

static PMDL
drv_alloc_b(PULONG BufferSize)
{
    return drv_alloc(&g_b, BufferSize);
}

static VOID
drv_free_a(PMDL Mdl)
{
    drv_free(&g_a, &g_b, Mdl);
}

static VOID
drv_free_b(PMDL Mdl)
{
    drv_free(&g_b, &g_a, Mdl);
}

/* Every MDL the pair handed out was freed exactly once. */
static void
drv_expect_all_freed(const struct drv *d)
{
    unsigned i;
    for (i = 0; i < d->n; i++) {
        CHECK_EQ_INT(d->rec[i].frees, 1);
    }
    CHECK_EQ_U32(d->freed, d->n);
}

/* ---- tracked NBs: a flat model and a stack of retreats --------------------- */

struct frame {
    ULONG delta, backfill;
    int slow; /* the retreat allocated an MDL */
    int rec;  /* its index in the pair's table (-1: none or default) */
    NET_BUFFER before;
};

struct tracked {
    NET_BUFFER *nb;
    ULONG len;
    int depth;
    struct frame f[DEPTH_MAX];
    UCHAR model[MAX_DATA];
};

/* A handler pair; d NULL means the library's default pair (NULL handlers). */
struct pair {
    struct drv *d;
    NET_BUFFER_ALLOCATE_MDL *alloc_mdl;
    NET_BUFFER_FREE_MDL *free_mdl;
};

static const struct pair pair_a = { &g_a, drv_alloc_a, drv_free_a };
static const struct pair pair_b = { &g_b, drv_alloc_b, drv_free_b };
static const struct pair pair_default = { NULL, NULL, NULL };

static struct {
    unsigned slow, fast, peeks, pops;
} g_stats;

static void
tracked_init(struct tracked *t, NET_BUFFER *nb)
{
    memset(t, 0, sizeof(*t));
    t->nb = nb;
    t->len = nb->DataLength;
    CHECK(t->len <= MAX_DATA);
    CHECK(read_chain(nb->MdlChain, nb->DataOffset, t->len, t->model));
    NB_OK(nb);
    EXPECT_BYTES(nb, t->model, t->len);
}

/* After a retreat of the top frame: check the state against the frame's
 * "before", write a header over the new bytes and extend the model. */
static void
retreat_check(struct tracked *t, const struct pair *p, int rec, UCHAR stamp)
{
    struct frame *f = &t->f[t->depth];
    NET_BUFFER *nb = t->nb;
    ULONG off = f->before.DataOffset;
    UCHAR hdr[MAX_DATA];

    f->slow = off < f->delta;
    f->rec = rec;
    if (!f->slow) {
        CHECK_PTR_EQ(nb->MdlChain, f->before.MdlChain);
        CHECK_EQ_U32(nb->DataOffset, off - f->delta);
    } else {
        PMDL m = nb->MdlChain;
        ULONG size = f->backfill + f->delta - off;
        CHECK(m != f->before.MdlChain);
        CHECK_PTR_EQ(m->Next, f->before.MdlChain);
        if (p->d != NULL) {
            struct drv_rec *r = &p->d->rec[rec];
            CHECK_PTR_EQ(m, r->mdl);
            CHECK_EQ_U32(r->requested, size);
            CHECK_EQ_INT(r->frees, 0);
            r->owner = nb;
            size = r->size;
        }
        CHECK_EQ_U32(MmGetMdlByteCount(m), size);
        CHECK_EQ_U32(nb->DataOffset, size - (f->delta - off));
    }
    CHECK_EQ_U32(nb->DataLength, f->before.DataLength + f->delta);
    CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
    CHECK_EQ_U32(nb->CurrentMdlOffset, nb->DataOffset);
    NB_OK(nb);

    CHECK(t->len + f->delta <= MAX_DATA);
    pattern(hdr, f->delta, stamp);
    nb_write(nb, hdr, f->delta);
    memmove(t->model + f->delta, t->model, t->len);
    memcpy(t->model, hdr, f->delta);
    t->len += f->delta;
    t->depth++;
    if (f->slow) {
        g_stats.slow++;
    } else {
        g_stats.fast++;
    }
    EXPECT_BYTES(nb, t->model, t->len);
}

/* Before the advance that undoes the top frame: its MDL is not freed yet. */
static void
advance_precheck(const struct tracked *t, const struct pair *p)
{
    const struct frame *f;
    CHECK(t->depth > 0);
    f = &t->f[t->depth - 1];
    if (f->slow && p->d != NULL) {
        CHECK_EQ_INT(p->d->rec[f->rec].frees, 0);
    }
}

/* After it: freed once, and the NB is back to the state before the
 * retreat, bit for bit. */
static void
advance_check(struct tracked *t, const struct pair *p)
{
    struct frame *f = &t->f[t->depth - 1];
    if (f->slow && p->d != NULL) {
        CHECK_EQ_INT(p->d->rec[f->rec].frees, 1);
    }
    CHECK_MEM_EQ(t->nb, &f->before, sizeof(NET_BUFFER));
    NB_OK(t->nb);
    memmove(t->model, t->model + f->delta, t->len - f->delta);
    t->len -= f->delta;
    t->depth--;
    g_stats.pops++;
    EXPECT_BYTES(t->nb, t->model, t->len);
}

static void
nb_push(struct tracked *t, const struct pair *p, ULONG delta, ULONG backfill, UCHAR stamp)
{
    unsigned n0 = p->d != NULL ? p->d->n : 0;
    unsigned long long out0 = undis_alloc_outstanding();
    struct frame *f;
    int slow;

    CHECK(t->depth < DEPTH_MAX);
    f = &t->f[t->depth];
    memcpy(&f->before, t->nb, sizeof(NET_BUFFER));
    f->delta = delta;
    f->backfill = backfill;
    slow = t->nb->DataOffset < delta;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(t->nb, delta, backfill, p->alloc_mdl),
                 NDIS_STATUS_SUCCESS);
    if (p->d != NULL) {
        CHECK_EQ_U32(p->d->n, n0 + (slow ? 1u : 0u));
    } else {
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + (slow ? 1u : 0u));
    }
    retreat_check(t, p, slow && p->d != NULL ? (int)n0 : -1, stamp);
}

static void
nb_pop(struct tracked *t, const struct pair *p)
{
    unsigned freed0 = p->d != NULL ? p->d->freed : 0;
    unsigned long long out0 = undis_alloc_outstanding();
    unsigned slow;

    advance_precheck(t, p);
    slow = t->f[t->depth - 1].slow ? 1u : 0u;
    NdisAdvanceNetBufferDataStart(t->nb, t->f[t->depth - 1].delta, TRUE, p->free_mdl);
    if (p->d != NULL) {
        CHECK_EQ_U32(p->d->freed, freed0 + slow);
    } else {
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 - slow);
    }
    advance_check(t, p);
}

/* Advance k without freeing, then retreat k: the fast path, no handler
 * call, the NB bit for bit as before. */
static void
nb_peek(struct tracked *t, const struct pair *p, ULONG k, ULONG backfill)
{
    NET_BUFFER before;
    unsigned n0 = p->d != NULL ? p->d->calls : 0;
    unsigned freed0 = p->d != NULL ? p->d->freed : 0;
    unsigned long long out0 = undis_alloc_outstanding();

    CHECK(k <= t->len);
    memcpy(&before, t->nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(t->nb, k, FALSE, p->free_mdl);
    CHECK_PTR_EQ(t->nb->MdlChain, before.MdlChain);
    CHECK_EQ_U32(t->nb->DataOffset, before.DataOffset + k);
    CHECK_EQ_U32(t->nb->DataLength, before.DataLength - k);
    NB_OK(t->nb);
    EXPECT_BYTES(t->nb, t->model + k, t->len - k);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(t->nb, k, backfill, p->alloc_mdl),
                 NDIS_STATUS_SUCCESS);
    CHECK_MEM_EQ(t->nb, &before, sizeof(before));
    NB_OK(t->nb);
    if (p->d != NULL) {
        CHECK_EQ_U32(p->d->calls, n0);
        CHECK_EQ_U32(p->d->freed, freed0);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
    g_stats.peeks++;
    EXPECT_BYTES(t->nb, t->model, t->len);
}

/* The same on an NBL whose NBs are ts[0 .. count) in order. */
static void
nbl_push(NET_BUFFER_LIST *nbl,
         struct tracked *ts,
         int count,
         const struct pair *p,
         ULONG delta,
         ULONG backfill,
         UCHAR stamp)
{
    unsigned n0 = p->d != NULL ? p->d->n : 0;
    unsigned long long out0 = undis_alloc_outstanding();
    unsigned slow = 0;
    unsigned idx = n0;
    int i;

    for (i = 0; i < count; i++) {
        struct frame *f;
        CHECK(ts[i].depth < DEPTH_MAX);
        f = &ts[i].f[ts[i].depth];
        memcpy(&f->before, ts[i].nb, sizeof(NET_BUFFER));
        f->delta = delta;
        f->backfill = backfill;
        slow += ts[i].nb->DataOffset < delta ? 1u : 0u;
    }
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, delta, backfill, p->alloc_mdl, p->free_mdl),
                 NDIS_STATUS_SUCCESS);
    if (p->d != NULL) {
        CHECK_EQ_U32(p->d->n, n0 + slow);
    } else {
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 + slow);
    }
    /* Allocations happen in NB order. */
    for (i = 0; i < count; i++) {
        int is_slow = ts[i].f[ts[i].depth].before.DataOffset < delta;
        retreat_check(&ts[i], p, is_slow && p->d != NULL ? (int)idx++ : -1,
                      (UCHAR)(stamp + 31 * i));
    }
    NBL_OK(nbl);
}

static void
nbl_pop(NET_BUFFER_LIST *nbl, struct tracked *ts, int count, const struct pair *p)
{
    unsigned freed0 = p->d != NULL ? p->d->freed : 0;
    unsigned long long out0 = undis_alloc_outstanding();
    unsigned slow = 0;
    ULONG delta;
    int i;

    CHECK(ts[0].depth > 0);
    delta = ts[0].f[ts[0].depth - 1].delta;
    for (i = 0; i < count; i++) {
        advance_precheck(&ts[i], p);
        CHECK_EQ_U32(ts[i].f[ts[i].depth - 1].delta, delta);
        slow += ts[i].f[ts[i].depth - 1].slow ? 1u : 0u;
    }
    NdisAdvanceNetBufferListDataStart(nbl, delta, TRUE, p->free_mdl);
    if (p->d != NULL) {
        CHECK_EQ_U32(p->d->freed, freed0 + slow);
    } else {
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 - slow);
    }
    for (i = 0; i < count; i++) {
        advance_check(&ts[i], p);
    }
    NBL_OK(nbl);
}

/* ---- fixtures: four NBs of different shapes ---------------------------------- */

/*
 * nb[0] empty {NULL; 0; 0; NULL@0}            (the XDP allocator pattern)
 * nb[1] {A(256); 40; 200; A@40}
 * nb[2] {A(64)->B(300); 10; 300; A@10}        (data span two MDLs)
 * nb[3] {A(1500); 128; 1000; A@128}
 * In each the first MDL holds the data start, so a FreeMdl advance that
 * undoes a retreat frees only what the retreat allocated.
 */
static struct fixtures {
    UCHAR a1[256], a2[64], b2[300], a3[1500];
    struct tmdl ta1, ta2, tb2, ta3;
    NET_BUFFER nb[MAX_NBS];
    NET_BUFFER initial[MAX_NBS];
    struct tracked t[MAX_NBS];
    NET_BUFFER_LIST nbl[2];
} fx;

static void
fixtures_setup(void)
{
    PMDL a1, a2, b2, a3;
    int i;

    memset(&fx, 0, sizeof(fx));
    memset(&g_stats, 0, sizeof(g_stats));
    drv_reset();
    a1 = mdl_make(&fx.ta1, fx.a1, 256, 0x01);
    a2 = mdl_make(&fx.ta2, fx.a2, 64, 0x02);
    b2 = mdl_make(&fx.tb2, fx.b2, 300, 0x03);
    a3 = mdl_make(&fx.ta3, fx.a3, 1500, 0x04);
    a2->Next = b2;
    nb_set(&fx.nb[0], NULL, 0, 0, NULL, 0);
    nb_set(&fx.nb[1], a1, 40, 200, a1, 40);
    nb_set(&fx.nb[2], a2, 10, 300, a2, 10);
    nb_set(&fx.nb[3], a3, 128, 1000, a3, 128);
    for (i = 0; i < MAX_NBS; i++) {
        memcpy(&fx.initial[i], &fx.nb[i], sizeof(NET_BUFFER));
        tracked_init(&fx.t[i], &fx.nb[i]);
    }
}

/* Link nb[first .. first+count) into fx.nbl[which]. */
static NET_BUFFER_LIST *
fixtures_nbl(int which, int first, int count)
{
    NET_BUFFER_LIST *nbl = &fx.nbl[which];
    int i;
    memset(nbl, 0, sizeof(*nbl));
    nbl->FirstNetBuffer = &fx.nb[first];
    for (i = first; i < first + count - 1; i++) {
        fx.nb[i].Next = &fx.nb[i + 1];
    }
    fx.nb[first + count - 1].Next = NULL;
    memcpy(&fx.initial[first], &fx.nb[first], sizeof(NET_BUFFER) * (size_t)count);
    for (i = first; i < first + count; i++) {
        fx.t[i].nb = &fx.nb[i];
    }
    NBL_OK(nbl);
    return nbl;
}

/* Every NB is back at its initial state, bit for bit. */
static void
fixtures_expect_initial(void)
{
    int i;
    for (i = 0; i < MAX_NBS; i++) {
        CHECK_EQ_INT(fx.t[i].depth, 0);
        CHECK_MEM_EQ(&fx.nb[i], &fx.initial[i], sizeof(NET_BUFFER));
        NB_OK(&fx.nb[i]);
    }
}

static ULONG
rnd(ULONG *seed, ULONG n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) % n;
}

/* Random nested retreats (push), undoing advances (pop) and non-freeing
 * advance+retreat pairs (peek) on separate NBs; then undo everything. */
static void
run_nb_sequence(const struct pair *p, ULONG seed, int steps)
{
    int s, i;
    for (s = 0; s < steps; s++) {
        struct tracked *t = &fx.t[rnd(&seed, MAX_NBS)];
        ULONG op = rnd(&seed, 100);
        if (t->depth < DEPTH_MAX && (t->depth == 0 || op < 45)) {
            ULONG delta = 1 + rnd(&seed, 300);
            ULONG backfill = rnd(&seed, 4) == 0 ? 0 : rnd(&seed, 65);
            nb_push(t, p, delta, backfill, (UCHAR)(s * 13 + 1));
        } else if (op < 85 || t->len == 0) {
            nb_pop(t, p);
        } else {
            ULONG k = 1 + rnd(&seed, t->len);
            nb_peek(t, p, k, rnd(&seed, 65));
        }
    }
    for (i = 0; i < MAX_NBS; i++) {
        while (fx.t[i].depth > 0) {
            nb_pop(&fx.t[i], p);
        }
    }
    fixtures_expect_initial();
}

/* The same with NBL-wide calls on one or more NBLs, one pair per NBL. */
static void
run_nbl_sequence(NET_BUFFER_LIST *const *nbls,
                 const int *first,
                 const int *count,
                 const struct pair *const *pairs,
                 int nbl_count,
                 ULONG seed,
                 int steps)
{
    int s, j;
    for (s = 0; s < steps; s++) {
        int w = (int)rnd(&seed, (ULONG)nbl_count);
        struct tracked *ts = &fx.t[first[w]];
        ULONG op = rnd(&seed, 100);
        if (ts[0].depth < DEPTH_MAX && (ts[0].depth == 0 || op < 50)) {
            ULONG delta = 1 + rnd(&seed, 250);
            ULONG backfill = rnd(&seed, 4) == 0 ? 0 : rnd(&seed, 65);
            nbl_push(nbls[w], ts, count[w], pairs[w], delta, backfill, (UCHAR)(s * 7 + 3));
        } else {
            nbl_pop(nbls[w], ts, count[w], pairs[w]);
        }
    }
    for (j = 0; j < nbl_count; j++) {
        while (fx.t[first[j]].depth > 0) {
            nbl_pop(nbls[j], &fx.t[first[j]], count[j], pairs[j]);
        }
    }
    fixtures_expect_initial();
}

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
