/* SPDX-License-Identifier: MIT */
/* tests/support/handler_pairs.c: see handler_pairs.h. */
#include "support/handler_pairs.h"

#include <stdlib.h>
#include <string.h>

#include <undis/fault.h>

struct drv g_a, g_b;

void
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

PMDL
drv_alloc_a(PULONG BufferSize)
{
    return drv_alloc(&g_a, BufferSize);
}

PMDL
drv_alloc_b(PULONG BufferSize)
{
    return drv_alloc(&g_b, BufferSize);
}

VOID
drv_free_a(PMDL Mdl)
{
    drv_free(&g_a, &g_b, Mdl);
}

VOID
drv_free_b(PMDL Mdl)
{
    drv_free(&g_b, &g_a, Mdl);
}

void
drv_expect_all_freed(const struct drv *d)
{
    unsigned i;
    for (i = 0; i < d->n; i++) {
        CHECK_EQ_INT(d->rec[i].frees, 1);
    }
    CHECK_EQ_U32(d->freed, d->n);
}

const struct pair pair_a = { &g_a, drv_alloc_a, drv_free_a };
const struct pair pair_b = { &g_b, drv_alloc_b, drv_free_b };
const struct pair pair_default = { NULL, NULL, NULL };

struct pair_stats g_stats;

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

void
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

void
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

struct fixtures fx;

void
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

NET_BUFFER_LIST *
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

void
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

void
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

void
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
