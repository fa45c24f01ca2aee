/*
 * fuzz_pools.c - libFuzzer target: pool parameters, NBL and NB allocation,
 * NBL contexts and frees, with injected allocation failures.
 *
 * The input decodes into the parameters of one NBL pool and one NB pool
 * (every header field, revision, size, flag, context and data size, valid
 * or not), then a sequence of operations on up to MAX_LIVE NBLs and NBs:
 * allocate (NdisAllocateNetBufferList with a context, or
 * NdisAllocateNetBufferAndNetBufferList over an MDL), push and pop contexts
 * (NdisAllocateNetBufferListContext / NdisFreeNetBufferListContext), claim
 * pool data with a retreat and write it, allocate NBs
 * (NdisAllocateNetBuffer / NdisAllocateNetBufferMdlAndData), and free,
 * any of them with the Nth allocation made to fail (<undis/fault.h>).
 *
 * The oracles: an independent statement of docs/api.md sections 7-9 (which
 * parameters are refused, the fields of a new NBL and NB, the context
 * stack after every push and pop, which calls fail under injection),
 * AddressSanitizer on every byte of data and context written, the
 * verifier at level 2 (a report other than the one a refused parameter is
 * expected to give aborts), and undis_alloc_outstanding() back to its
 * value at the start when everything is freed.
 */
#include "fuzz_input.h"
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ut_state_ ut_state_; /* no test case: a failed CHECK aborts */

#define MAX_OPS     64
#define MAX_LIVE    6
#define MAX_PUSHES  8
#define NBL_FLAG_OK 0x100u /* NDIS's "allocated" bit */
#define NBL_FLAG_CX 0x400u /* allocation pushed a context block */
#define MIB         0x100000u

/* ---- The report function: one expected rule, anything else aborts ------ */

static undis_rule g_expect;
static unsigned long g_expected_seen;

static void
fuzz_report(const undis_report *report, void *ctx)
{
    if (g_expect != UNDIS_RULE_NONE && report->rule == g_expect) {
        g_expected_seen++;
        return; /* the call fails with its verifier-only result */
    }
    undis_verifier_default_report(report, ctx); /* prints and aborts */
}

/* ---- Pool parameters ----------------------------------------------------- */

static ULONG
decode_data_size(struct fz_input *in)
{
    static const ULONG picks[] = { 0, 0, 64, 1514, 2048, 65536, MIB, MIB + 1u };
    uint32_t sel = fz_u8(in);
    return sel < 32u ? fz_range(in, 0, 4096) : picks[sel & 7u];
}

/* Header type, revision and size: usually right, sometimes anything. */
static void
decode_header(struct fz_input *in, NDIS_OBJECT_HEADER *h, USHORT size1, USHORT size2)
{
    uint32_t sel = fz_u8(in);
    h->Type = (sel & 0x0Fu) == 0x0Fu ? (UCHAR)fz_u8(in) : NDIS_OBJECT_TYPE_DEFAULT;
    h->Revision = (sel & 0x30u) == 0x30u ? (UCHAR)fz_u8(in) : (UCHAR)(1u + ((sel >> 6) & 1u));
    h->Size = h->Revision == 2 ? size2 : size1;
    if ((sel & 0x80u) && (fz_u8(in) & 1u)) {
        h->Size = (USHORT)fz_u16(in);
    }
}

/* docs/api.md 7.1: which NBL pool parameters are refused. */
static int
nbl_params_ok(const NET_BUFFER_LIST_POOL_PARAMETERS *p)
{
    const NDIS_OBJECT_HEADER *h = &p->Header;
    if (h->Type != NDIS_OBJECT_TYPE_DEFAULT || (h->Revision != 1 && h->Revision != 2)) {
        return 0;
    }
    if (h->Size < (h->Revision == 1 ? 16u : 20u)) {
        return 0;
    }
    if (h->Revision == 2 && (p->Flags & ~(ULONG)NET_BUFFER_LIST_POOL_FLAG_VERIFY) != 0) {
        return 0;
    }
    return p->ContextSize % 8u == 0 && (p->DataSize == 0 || p->fAllocateNetBuffer) &&
           p->DataSize <= MIB;
}

/* docs/api.md 7.2: which NB pool parameters are refused. */
static int
nb_params_ok(const NET_BUFFER_POOL_PARAMETERS *p)
{
    const NDIS_OBJECT_HEADER *h = &p->Header;
    if (h->Type != NDIS_OBJECT_TYPE_DEFAULT || (h->Revision != 1 && h->Revision != 2)) {
        return 0;
    }
    if (h->Size < (h->Revision == 1 ? 12u : 16u)) {
        return 0;
    }
    if (h->Revision == 2 && (p->Flags & ~(ULONG)NET_BUFFER_POOL_FLAG_VERIFY) != 0) {
        return 0;
    }
    return p->DataSize <= MIB;
}

/* Calls make(params); a refused parameter set must give NULL and exactly
 * one BAD_POOL_PARAMETERS report; an injected failure NULL and no report. */
static NDIS_HANDLE
pool_create(struct fz_input *in, int ok, NDIS_HANDLE (*make)(const void *), const void *params)
{
    int inject = ok && (fz_u8(in) & 7u) == 7u;
    unsigned long seen = g_expected_seen;
    NDIS_HANDLE h;
    g_expect = UNDIS_RULE_BAD_POOL_PARAMETERS;
    if (inject) {
        undis_fault_alloc_fail_nth(1);
    }
    h = make(params);
    undis_fault_clear();
    g_expect = UNDIS_RULE_NONE;
    if (!ok || inject) {
        CHECK_NULL(h);
        CHECK_EQ_U64(g_expected_seen - seen, ok ? 0u : 1u);
    } else {
        CHECK_NOT_NULL(h);
        CHECK_EQ_U64(g_expected_seen, seen);
    }
    return h;
}

static NDIS_HANDLE
make_nbl_pool(const void *p)
{
    return NdisAllocateNetBufferListPool(NULL, (const NET_BUFFER_LIST_POOL_PARAMETERS *)p);
}

static NDIS_HANDLE
make_nb_pool(const void *p)
{
    return NdisAllocateNetBufferPool(NULL, (const NET_BUFFER_POOL_PARAMETERS *)p);
}

/* ---- The world ----------------------------------------------------------- */

struct live_nbl {
    NET_BUFFER_LIST *nbl;
    USHORT pushes[MAX_PUSHES]; /* context sizes the harness pushed, in order */
    unsigned push_count;
    ULONG claimed; /* pool data claimed by a retreat (advanced back at free) */
};

struct world {
    NET_BUFFER_LIST_POOL_PARAMETERS lp;
    NET_BUFFER_POOL_PARAMETERS bp;
    NDIS_HANDLE nbl_pool;
    NDIS_HANDLE nb_pool;
    struct live_nbl nbls[MAX_LIVE];
    NET_BUFFER *nbs[MAX_LIVE];
    unsigned char frame[256]; /* the bytes an external MDL describes */
    MDL *mdl;                 /* over frame */
};

static void
decode_pools(struct fz_input *in, struct world *w)
{
    NET_BUFFER_LIST_POOL_PARAMETERS *lp = &w->lp;
    NET_BUFFER_POOL_PARAMETERS *bp = &w->bp;
    decode_header(in, &lp->Header, NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
                  NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2);
    lp->ProtocolId = (UCHAR)fz_u8(in);
    lp->fAllocateNetBuffer = (BOOLEAN)(fz_u8(in) & 1u);
    lp->ContextSize = (USHORT)((fz_u8(in) & 3u) == 3u ? fz_u16(in) : 8u * fz_range(in, 0, 8));
    lp->PoolTag = fz_u32(in);
    lp->DataSize = decode_data_size(in);
    lp->Flags = (fz_u8(in) & 7u) == 7u ? fz_u32(in) : (ULONG)(fz_u8(in) & 1u);
    decode_header(in, &bp->Header, NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1,
                  NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2);
    bp->PoolTag = fz_u32(in);
    bp->DataSize = decode_data_size(in);
    bp->Flags = (fz_u8(in) & 7u) == 7u ? fz_u32(in) : (ULONG)(fz_u8(in) & 1u);
    w->nbl_pool = pool_create(in, nbl_params_ok(lp), make_nbl_pool, lp);
    w->nb_pool = pool_create(in, nb_params_ok(bp), make_nb_pool, bp);
}

/* ---- The context stack model (docs/api.md 9) ----------------------------- */

/* Context bytes in use on the NBL: the sum over blocks of Size - Offset. */
static ULONG
context_in_use(const NET_BUFFER_LIST *nbl)
{
    ULONG used = 0;
    for (const NET_BUFFER_LIST_CONTEXT *c = nbl->Context; c != NULL; c = c->Next) {
        CHECK(c->Offset <= c->Size);
        used += (ULONG)(c->Size - c->Offset);
    }
    return used;
}

/* Write a pattern over the context bytes in use at the top (ASan checks
 * the block is as big as it says). */
static void
touch_context(NET_BUFFER_LIST *nbl, USHORT size)
{
    if (size != 0) {
        memset(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 0xC5, size);
    }
}

static void
op_push_context(struct fz_input *in, struct live_nbl *l)
{
    USHORT size = (USHORT)((fz_u8(in) & 3u) == 3u ? fz_u16(in) : 8u * fz_range(in, 0, 40));
    USHORT backfill = (USHORT)((fz_u8(in) & 3u) == 3u ? fz_u16(in) : 8u * fz_range(in, 0, 16));
    NET_BUFFER_LIST_CONTEXT *top = l->nbl->Context;
    ULONG before = context_in_use(l->nbl);
    int bad = size != 0 && (size % 8u != 0 || backfill % 8u != 0); /* size 0: no-op first */
    int fits = top != NULL && top->Offset >= size;
    int too_big = !fits && (ULONG)size + backfill > 65535u;
    int inject = !bad && !fits && !too_big && size != 0 && (fz_u8(in) & 3u) == 3u;
    unsigned long seen = g_expected_seen;
    NDIS_STATUS st;
    if (l->push_count == MAX_PUSHES) {
        return;
    }
    g_expect = UNDIS_RULE_CONTEXT_SIZE;
    if (inject) {
        undis_fault_alloc_fail_nth(1);
    }
    st = NdisAllocateNetBufferListContext(l->nbl, size, backfill, 0x78746378u);
    undis_fault_clear();
    g_expect = UNDIS_RULE_NONE;
    CHECK_EQ_U64(g_expected_seen - seen, bad ? 1u : 0u);
    if (bad || too_big || inject) {
        CHECK_STATUS(st, bad ? NDIS_STATUS_INVALID_DATA : NDIS_STATUS_RESOURCES);
        CHECK_PTR_EQ(l->nbl->Context, top);
        CHECK_EQ_U32(context_in_use(l->nbl), before);
        return;
    }
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(context_in_use(l->nbl), before + size);
    if (size != 0 && !fits) {
        CHECK(l->nbl->Context != top && l->nbl->Context->Next == top);
        CHECK(l->nbl->Context->Size == size + backfill && l->nbl->Context->Offset == backfill);
    }
    touch_context(l->nbl, size);
    l->pushes[l->push_count++] = size;
}

static void
op_pop_context(struct live_nbl *l)
{
    ULONG before;
    USHORT size;
    if (l->push_count <= 1) {
        return;
    }
    before = context_in_use(l->nbl);
    size = l->pushes[--l->push_count];
    NdisFreeNetBufferListContext(l->nbl, size);
    CHECK_EQ_U32(context_in_use(l->nbl), before - size);
}

/* ---- NBLs ---------------------------------------------------------------- */

/* The fields docs/api.md 8.1 promises for a new NBL (of w's NBL pool). */
static void
check_new_nbl(const struct world *w, const NET_BUFFER_LIST *nbl, USHORT ctx, USHORT backfill)
{
    const NET_BUFFER_LIST_POOL_PARAMETERS *lp = &w->lp;
    CHECK_PTR_EQ(nbl->NdisPoolHandle, w->nbl_pool);
    CHECK(nbl->Next == NULL && nbl->ChildRefCount == 0 && nbl->ParentNetBufferList == NULL);
    CHECK_EQ_U32(nbl->Flags & NBL_FLAG_OK, NBL_FLAG_OK);
    if ((lp->ProtocolId & 0x0Fu) != 0) {
        CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), lp->ProtocolId & 0x0Fu);
    }
    if (ctx != 0 && ctx > lp->ContextSize) {
        CHECK_EQ_U32(nbl->Flags & NBL_FLAG_CX, NBL_FLAG_CX);
        CHECK(nbl->Context->Size == ctx + backfill && nbl->Context->Offset == backfill);
    } else if (lp->ContextSize != 0) {
        CHECK(nbl->Context->Size == lp->ContextSize &&
              nbl->Context->Offset == lp->ContextSize - ctx);
    }
    CHECK_EQ_U32(context_in_use(nbl), ctx);
    touch_context((NET_BUFFER_LIST *)(uintptr_t)nbl, ctx);
    if (!lp->fAllocateNetBuffer) {
        CHECK_NULL(nbl->FirstNetBuffer);
    } else {
        const NET_BUFFER *nb = nbl->FirstNetBuffer;
        char why[160];
        CHECK_NOT_NULL(nb);
        CHECK_NULL(nb->Next);
        CHECK_EQ_U32(undis_nb_check(nb, why, sizeof(why)), UNDIS_CHECK_OK);
    }
}

static struct live_nbl *
free_slot(struct world *w)
{
    for (unsigned i = 0; i < MAX_LIVE; i++) {
        if (w->nbls[i].nbl == NULL) {
            return &w->nbls[i];
        }
    }
    return NULL;
}

/* Claim n bytes of the pool data with a retreat (fast path: no
 * allocation) and fill them; they are given back before the free. */
static void
claim_data(struct live_nbl *l, ULONG n, unsigned char fill)
{
    NET_BUFFER *nb = l->nbl->FirstNetBuffer;
    unsigned char *p;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, n, 0, NULL), NDIS_STATUS_SUCCESS);
    p = (unsigned char *)NdisGetDataBuffer(nb, n, NULL, 1, 0);
    CHECK_NOT_NULL(p);
    memset(p, fill, n);
    l->claimed = n;
}

static void
op_alloc_nbl(struct fz_input *in, struct world *w)
{
    struct live_nbl *l = free_slot(w);
    const NET_BUFFER_LIST_POOL_PARAMETERS *lp = &w->lp;
    USHORT ctx = (USHORT)(8u * fz_range(in, 0, 24));
    USHORT backfill = (USHORT)(8u * fz_range(in, 0, 8));
    int over_mdl = lp->fAllocateNetBuffer && lp->DataSize == 0 && (fz_u8(in) & 1u);
    unsigned nth = (fz_u8(in) & 3u) == 3u ? fz_range(in, 1, 2) : 0;
    unsigned long long before = undis_alloc_outstanding();
    NET_BUFFER_LIST *nbl;
    if (l == NULL || w->nbl_pool == NULL) {
        return;
    }
    if (nth != 0) {
        undis_fault_alloc_fail_nth(nth);
    }
    nbl = over_mdl
              ? NdisAllocateNetBufferAndNetBufferList(w->nbl_pool, ctx, backfill, w->mdl, 10, 200)
              : NdisAllocateNetBufferList(w->nbl_pool, ctx, backfill);
    undis_fault_clear();
    if (nbl == NULL) {
        /* Only an injection can fail: the object, or (second) a pushed block. */
        CHECK(nth == 1 || (nth == 2 && ctx > lp->ContextSize));
        CHECK_EQ_U64(undis_alloc_outstanding(), before);
        return;
    }
    CHECK(nth == 0 || (nth == 2 && !(ctx > lp->ContextSize)));
    check_new_nbl(w, nbl, ctx, backfill);
    memset(l, 0, sizeof(*l));
    l->nbl = nbl;
    l->pushes[0] = ctx; /* the allocation's own context: never popped by the harness */
    l->push_count = 1;
    if (over_mdl) {
        const unsigned char *p =
            (const unsigned char *)NdisGetDataBuffer(nbl->FirstNetBuffer, 200, NULL, 1, 0);
        CHECK_PTR_EQ(p, w->frame + 10);
    } else if (lp->fAllocateNetBuffer && lp->DataSize != 0) {
        const NET_BUFFER *nb = nbl->FirstNetBuffer;
        CHECK(nb->DataOffset == lp->DataSize && nb->DataLength == 0);
        CHECK_EQ_U32(nb->MdlChain->ByteCount, lp->DataSize);
        ULONG n = fz_range(in, 0, lp->DataSize);
        if (n != 0) {
            claim_data(l, n, (unsigned char)fz_u8(in));
        }
    }
}

static void
free_nbl(struct live_nbl *l)
{
    while (l->push_count > 1) {
        op_pop_context(l);
    }
    if (l->claimed != 0) {
        NdisAdvanceNetBufferDataStart(l->nbl->FirstNetBuffer, l->claimed, FALSE, NULL);
    }
    NdisFreeNetBufferList(l->nbl);
    memset(l, 0, sizeof(*l));
}

/* ---- NBs ----------------------------------------------------------------- */

static void
op_alloc_nb(struct fz_input *in, struct world *w)
{
    unsigned slot = fz_range(in, 0, MAX_LIVE - 1u);
    int inject = (fz_u8(in) & 3u) == 3u;
    unsigned long long before = undis_alloc_outstanding();
    NET_BUFFER *nb;
    char why[160];
    if (w->nbs[slot] != NULL || w->nb_pool == NULL) {
        return;
    }
    if (inject) {
        undis_fault_alloc_fail_nth(1);
    }
    nb = w->bp.DataSize != 0 ? NdisAllocateNetBufferMdlAndData(w->nb_pool)
                             : NdisAllocateNetBuffer(w->nb_pool, w->mdl, 0, 256);
    undis_fault_clear();
    if (inject) {
        CHECK_NULL(nb);
        CHECK_EQ_U64(undis_alloc_outstanding(), before);
        return;
    }
    CHECK_NOT_NULL(nb);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), w->nb_pool);
    CHECK_EQ_U32(undis_nb_check(nb, why, sizeof(why)), UNDIS_CHECK_OK);
    if (w->bp.DataSize != 0) {
        ULONG n = fz_range(in, 0, w->bp.DataSize);
        CHECK(nb->DataOffset == w->bp.DataSize && nb->DataLength == 0);
        CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, n, 0, NULL), NDIS_STATUS_SUCCESS);
        if (n != 0) {
            memset(NdisGetDataBuffer(nb, n, NULL, 1, 0), 0x5A, n);
        }
        NdisAdvanceNetBufferDataStart(nb, n, FALSE, NULL);
    }
    w->nbs[slot] = nb;
}

/* ---- The run ------------------------------------------------------------- */

static void
run_op(struct fz_input *in, struct world *w)
{
    uint32_t op = fz_u8(in);
    struct live_nbl *l = &w->nbls[(op >> 3) % MAX_LIVE];
    switch (op & 7u) {
    case 0:
    case 1:
        op_alloc_nbl(in, w);
        break;
    case 2:
        if (l->nbl != NULL) {
            op_push_context(in, l);
        }
        break;
    case 3:
        if (l->nbl != NULL) {
            op_pop_context(l);
        }
        break;
    case 4:
        if (l->nbl != NULL) {
            free_nbl(l);
        }
        break;
    case 5:
        op_alloc_nb(in, w);
        break;
    default: {
        unsigned slot = (op >> 3) % MAX_LIVE;
        if (w->nbs[slot] != NULL) {
            NdisFreeNetBuffer(w->nbs[slot]);
            w->nbs[slot] = NULL;
        }
        break;
    }
    }
}

static void
world_end(struct world *w)
{
    for (unsigned i = 0; i < MAX_LIVE; i++) {
        if (w->nbls[i].nbl != NULL) {
            free_nbl(&w->nbls[i]);
        }
        if (w->nbs[i] != NULL) {
            NdisFreeNetBuffer(w->nbs[i]);
        }
    }
    NdisFreeNetBufferListPool(w->nbl_pool);
    NdisFreeNetBufferPool(w->nb_pool);
    IoFreeMdl(w->mdl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct world w;
    struct fz_input in;
    unsigned long long before;
    (void)undis_verifier_set_level(2);
    undis_verifier_set_report_fn(fuzz_report, NULL);
    fz_input_init(&in, data, size);
    memset(&w, 0, sizeof(w));
    before = undis_alloc_outstanding();
    w.mdl = IoAllocateMdl(w.frame, sizeof(w.frame), FALSE, FALSE, NULL);
    CHECK_NOT_NULL(w.mdl);
    MmBuildMdlForNonPagedPool(w.mdl);
    decode_pools(&in, &w);
    for (unsigned i = 0; i < MAX_OPS && !fz_done(&in); i++) {
        run_op(&in, &w);
    }
    world_end(&w);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    return 0;
}
