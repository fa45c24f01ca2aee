/*
 * test_layouts.c - table-driven state tests over the shared MDL-chain
 * layouts (tests/support/layouts.c), each step compared byte for byte with
 * the flat-buffer model (tests/support/model.c) and checked with
 * undis_nb_check (DESIGN.md house rule 6).
 *
 * For every layout there are three cases:
 *
 *   layout_<name>_random_ops_test_handler
 *   layout_<name>_random_ops_default_handler
 *       a deterministic pseudo-random sequence (xorshift, seed from the
 *       layout name) of retreats (fast and slow path; the allocation
 *       sometimes fails, and the test handler sometimes enlarges
 *       *BufferSize), advances (FreeMdl FALSE and TRUE, never past
 *       DataLength), NdisGetDataBuffer (with and without Storage, alignments
 *       1/2/4/8 and offsets; writes through direct pointers) and
 *       NdisAdjustNetBufferCurrentMdl. After every step the NB is compared
 *       with the model (every MDL, every chain byte, the fields) and
 *       undis_nb_check must pass; at the end nothing may be left allocated.
 *   layout_<name>_get_data_exhaustive
 *       NdisGetDataBuffer at every data offset (reached by an advance with
 *       FreeMdl FALSE, undone by a fast retreat) for every BytesNeeded up to
 *       64 (and one more).
 *
 * Handlers are never mixed within a case: an MDL is only ever freed by the
 * free routine that matches its allocator.
 *
 * - test_handler cases pass layout_allocate_mdl / layout_free_mdl. The
 *   layout's own MDLs are registered with the same handler pair, so
 *   layout_free_mdl can free them, and FreeMdl=TRUE is used without
 *   restriction: Windows frees EVERY leading MDL that lies wholly in the
 *   unused space, the layout's own included (spec 4.2), and the test checks
 *   exactly that (which MDLs, in which order).
 * - default_handler cases pass NULL handlers (undis's default
 *   NetAllocateMdl / NetFreeMdl). Handing a layout MDL to the default free
 *   is a driver bug (it aborts with DEFAULT_FREE_FOREIGN_MDL), so these
 *   cases use FreeMdl=TRUE only when the model says every MDL it would free
 *   came from the default allocator, and FreeMdl=FALSE otherwise.
 *
 * Plus NdisCopyFromNetBufferToNetBuffer between pairs of layouts, and a
 * check that the table itself is sound and fully covered here.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/layouts.h"
#include "support/model.h"

/* Every layout of the table, in table order (checked by layout_table_sound). */
#define LAYOUT_NAMES(X)            \
    X(single_mdl)                  \
    X(many_one_byte_mdls)          \
    X(zero_length_mdls_middle)     \
    X(zero_length_mdls_head)       \
    X(data_ends_on_mdl_boundary)   \
    X(current_mdl_not_head)        \
    X(slack_after_data)            \
    X(no_backfill)                 \
    X(data_starts_on_mdl_boundary) \
    X(page_spanning_odd_mdls)      \
    X(non_normalised_current_mdl)  \
    X(empty_chain)

#define RANDOM_STEPS 300
#define GET_MAX      96 /* largest BytesNeeded the random sequence asks for */
#define EXHAUST_MAX  64
#define SENTINEL     0xE7

/* ---- Deterministic generator -------------------------------------------- */

struct rng {
    uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

/* 0 .. n-1 (0 when n is 0). */
static ULONG
rng_below(struct rng *r, ULONG n)
{
    return n == 0 ? 0 : (ULONG)(rng_next(r) % n);
}

/* A fixed seed per layout name and case kind (FNV-1a). */
static uint64_t
seed_for(const char *name, unsigned kind)
{
    uint64_t h = 0xcbf29ce484222325ull ^ kind;
    for (; *name != '\0'; name++) {
        h = (h ^ (unsigned char)*name) * 0x100000001b3ull;
    }
    return h != 0 ? h : 1;
}

static ULONG
min_ulong(ULONG a, ULONG b)
{
    return a < b ? a : b;
}

/* ---- One case's state --------------------------------------------------- */

enum handler_kind { KIND_TEST = 1, KIND_DEFAULT = 2 };

struct run {
    struct layout_nb ln;
    struct model m;
    enum handler_kind kind;
    struct rng rng;
    unsigned long long outstanding0;
    unsigned default_serial; /* pattern serial for default-allocated buffers */
};

/* Build the layout's NB and its model. The first run of a case starts from
 * a clean slate (no fault injection, handler counters zero, no test-owned
 * MDL alive: what an earlier failed case in this process left is dropped);
 * a second one (the copy cases) joins it. */
static void
run_begin(struct run *r, const char *name, enum handler_kind kind, int first)
{
    memset(r, 0, sizeof(*r));
    if (first) {
        undis_fault_clear();
        layout_handler_reset();
        (void)layout_mdls_release_all();
    }
    r->outstanding0 = undis_alloc_outstanding();
    r->kind = kind;
    r->rng.s = seed_for(name, (unsigned)kind);
    layout_nb_build(&r->ln, layout_find(name));
    model_from_layout(&r->m, &r->ln);
    MODEL_CHECK_NB(&r->m, r->ln.nb);
}

/* Free everything and prove that nothing leaked. */
static void
run_end(struct run *r)
{
    layout_nb_destroy(&r->ln);
    model_free(&r->m);
    CHECK_EQ_U64(layout_mdls_live(), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), r->outstanding0);
}

/* ---- Retreat ------------------------------------------------------------ */

static NET_BUFFER_ALLOCATE_MDL *
alloc_handler(const struct run *r)
{
    return r->kind == KIND_TEST ? layout_allocate_mdl : NULL;
}

static NET_BUFFER_FREE_MDL *
free_handler(const struct run *r)
{
    return r->kind == KIND_TEST ? layout_free_mdl : NULL;
}

/* Slow path through the test handler: sometimes it fails (RESOURCES, the NB
 * unchanged), sometimes it enlarges *BufferSize (spec 3.2, 4.1). */
static void
retreat_slow_test(struct run *r, ULONG delta, ULONG backfill)
{
    NET_BUFFER *nb = r->ln.nb;
    ULONG request = model_retreat_request(&r->m, delta, backfill);
    int fail = rng_below(&r->rng, 8) == 0;
    ULONG enlarge = rng_below(&r->rng, 3) == 0 ? 1 + rng_below(&r->rng, 40) : 0;
    unsigned serial = layout_handler.serial;
    unsigned char before[sizeof(NET_BUFFER)];
    unsigned long calls = layout_handler.allocate_calls;
    unsigned char *bytes;
    ULONG size_out = request + enlarge;
    ULONG j;
    NDIS_STATUS st;

    layout_handler.fail_next = fail;
    layout_handler.enlarge_next = enlarge;
    memcpy(before, nb, sizeof(before));
    st = NdisRetreatNetBufferDataStart(nb, delta, backfill, layout_allocate_mdl);
    CHECK_EQ_U64(layout_handler.allocate_calls, calls + 1);
    CHECK_EQ_U32(layout_handler.last_request, request);
    if (fail) {
        CHECK_STATUS(st, NDIS_STATUS_RESOURCES);
        CHECK_MEM_EQ(before, (const unsigned char *)nb, sizeof(before));
        return;
    }
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    bytes = (unsigned char *)malloc(size_out);
    CHECK_NOT_NULL(bytes);
    for (j = 0; j < size_out; j++) {
        bytes[j] = layout_handler_byte(serial, j);
    }
    model_retreat_slow(&r->m, delta, size_out, layout_handler.last_mdl,
                       MmGetMdlVirtualAddress(layout_handler.last_mdl), bytes,
                       LAYOUT_ORIGIN_HANDLER);
    free(bytes);
}

/* Slow path through the default allocator; sometimes its allocation is
 * made to fail (RESOURCES, the NB unchanged). Its buffer is uninitialised
 * (as in Windows), so the test fills the whole new MDL the way a driver
 * writes a header, and the model gets the same bytes. */
static void
retreat_slow_default(struct run *r, ULONG delta, ULONG backfill)
{
    NET_BUFFER *nb = r->ln.nb;
    ULONG request = model_retreat_request(&r->m, delta, backfill);
    unsigned long long out0 = undis_alloc_outstanding();
    PMDL old_head = nb->MdlChain;
    unsigned char before[sizeof(NET_BUFFER)];
    unsigned char *va;
    PMDL mdl;
    ULONG j;
    NDIS_STATUS st;
    if (rng_below(&r->rng, 8) == 0) {
        memcpy(before, nb, sizeof(before));
        undis_fault_alloc_fail_nth(1);
        st = NdisRetreatNetBufferDataStart(nb, delta, backfill, NULL);
        undis_fault_clear();
        CHECK_STATUS(st, NDIS_STATUS_RESOURCES);
        CHECK_MEM_EQ(before, (const unsigned char *)nb, sizeof(before));
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
        return;
    }
    st = NdisRetreatNetBufferDataStart(nb, delta, backfill, NULL);
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0 + 1);
    mdl = nb->MdlChain;
    CHECK(mdl != NULL && mdl != old_head);
    CHECK_EQ_U32(mdl->ByteCount, request); /* the default never enlarges */
    CHECK_EQ_INT(layout_mdl_origin(mdl), 0);
    va = (unsigned char *)MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
    CHECK_NOT_NULL(va);
    for (j = 0; j < request; j++) {
        va[j] = layout_handler_byte(0x4000u + r->default_serial, j);
    }
    r->default_serial++;
    model_retreat_slow(&r->m, delta, request, mdl, va, va, LAYOUT_ORIGIN_DEFAULT);
}

static void
op_retreat(struct run *r)
{
    NET_BUFFER *nb = r->ln.nb;
    ULONG off = r->m.data_offset;
    ULONG delta;
    ULONG backfill = rng_below(&r->rng, 3) == 0 ? 0 : rng_below(&r->rng, 48);
    switch (rng_below(&r->rng, 4)) {
    case 0:
        delta = rng_below(&r->rng, off + 1);
        break;
    case 1:
        delta = off; /* equality: uses the backfill up, no allocation */
        break;
    case 2:
        delta = off + 1 + rng_below(&r->rng, 64);
        break;
    default:
        delta = rng_below(&r->rng, 96);
        break;
    }
    if (model_retreat_is_fast(&r->m, delta)) {
        unsigned long calls = layout_handler.allocate_calls;
        unsigned long long out0 = undis_alloc_outstanding();
        NDIS_STATUS st = NdisRetreatNetBufferDataStart(nb, delta, backfill, alloc_handler(r));
        CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
        CHECK_EQ_U64(layout_handler.allocate_calls, calls);
        CHECK_EQ_U64(undis_alloc_outstanding(), out0);
        model_retreat_fast(&r->m, delta);
    } else if (r->kind == KIND_TEST) {
        retreat_slow_test(r, delta, backfill);
    } else {
        retreat_slow_default(r, delta, backfill);
    }
}

/* ---- Advance ------------------------------------------------------------ */

#define FREED_MAX 64

static void
advance_and_check(struct run *r, ULONG delta, int free_mdl)
{
    struct model_mdl freed[FREED_MAX];
    unsigned long long out0 = undis_alloc_outstanding();
    unsigned n;
    unsigned i;
    layout_handler.free_log_count = 0;
    NdisAdvanceNetBufferDataStart(r->ln.nb, delta, free_mdl ? TRUE : FALSE, free_handler(r));
    n = model_advance(&r->m, delta, free_mdl, freed, FREED_MAX);
    CHECK(n <= FREED_MAX);
    if (r->kind == KIND_TEST) {
        /* Exactly the predicted MDLs, head first. */
        CHECK_EQ_U32(layout_handler.free_log_count, n);
        for (i = 0; i < n; i++) {
            CHECK_PTR_EQ(layout_handler.free_log[i], freed[i].mdl);
        }
    } else {
        CHECK_EQ_U64(undis_alloc_outstanding(), out0 - n);
    }
}

static void
op_advance(struct run *r)
{
    ULONG len = r->m.data_length;
    ULONG delta;
    int free_mdl = rng_below(&r->rng, 5) < 2;
    switch (rng_below(&r->rng, 4)) {
    case 0:
        delta = rng_below(&r->rng, len + 1);
        break;
    case 1:
        delta = len;
        break;
    case 2:
        /* To the end of the stored CurrentMdl: an MDL boundary. */
        delta = r->m.cur < r->m.mdl_count ? r->m.mdls[r->m.cur].size - r->m.cur_off : 0;
        delta = min_ulong(delta, len);
        break;
    default:
        delta = min_ulong(len, 1 + rng_below(&r->rng, 8));
        break;
    }
    if (free_mdl && r->kind == KIND_DEFAULT) {
        int all_default;
        (void)model_advance_free_count(&r->m, delta, LAYOUT_ORIGIN_DEFAULT, &all_default);
        free_mdl = all_default;
    }
    advance_and_check(r, delta, free_mdl);
}

/* ---- NdisGetDataBuffer -------------------------------------------------- */

/* One call, checked against the model: the pointer (direct, Storage or
 * NULL), the bytes, and that Storage is not written past BytesNeeded. If
 * write is set and a direct pointer came back, write through it. */
static void
get_data_and_check(
    struct run *r, ULONG n, int with_storage, ULONG align, ULONG align_off, int write)
{
    unsigned char storage[GET_MAX + 2 + 16];
    unsigned char expected[GET_MAX + 2];
    const unsigned char *direct;
    enum model_get want;
    PVOID p;
    ULONG j;
    CHECK(n <= GET_MAX + 2);
    memset(storage, SENTINEL, sizeof(storage));
    p = NdisGetDataBuffer(r->ln.nb, n, with_storage ? storage : NULL, align, align_off);
    want = model_get_data(&r->m, n, with_storage, align, align_off, expected, &direct);
    switch (want) {
    case MODEL_GET_NULL:
        CHECK_NULL(p);
        break;
    case MODEL_GET_DIRECT:
        CHECK_PTR_EQ(p, direct);
        CHECK_MEM_EQ((const unsigned char *)p, expected, n);
        CHECK_EQ_U32((ULONG)((uintptr_t)p & (align - 1)), align_off);
        break;
    case MODEL_GET_STORAGE:
        CHECK_PTR_EQ(p, storage);
        CHECK_MEM_EQ(storage, expected, n);
        break;
    }
    for (j = n; j < n + 16; j++) {
        CHECK_EQ_U32(storage[j], SENTINEL);
    }
    if (write && want == MODEL_GET_DIRECT) {
        unsigned char *w = (unsigned char *)p;
        for (j = 0; j < n; j++) {
            w[j] = (unsigned char)rng_next(&r->rng);
        }
        model_write_data(&r->m, 0, w, n);
    } else if (write && want == MODEL_GET_STORAGE) {
        memset(storage, 0x5A, n); /* a copy: the NB must not change */
    }
}

/* The address the direct path would return, or NULL. */
static const unsigned char *
direct_address(const struct model *m)
{
    if (m->cur >= m->mdl_count || m->mdls[m->cur].va == NULL) {
        return NULL;
    }
    return m->mdls[m->cur].va + m->cur_off;
}

static void
op_get_data(struct run *r)
{
    ULONG len = r->m.data_length;
    ULONG n;
    int with_storage = (int)rng_below(&r->rng, 2);
    ULONG align = 1u << rng_below(&r->rng, 4);
    ULONG align_off = rng_below(&r->rng, align);
    const unsigned char *at = direct_address(&r->m);
    switch (rng_below(&r->rng, 8)) {
    case 0:
        n = min_ulong(len + 1, GET_MAX + 1); /* more than DataLength when small */
        break;
    case 1:
        n = 0;
        break;
    default:
        n = 1 + rng_below(&r->rng, min_ulong(len, GET_MAX));
        break;
    }
    if (at != NULL && rng_below(&r->rng, 2) == 0) {
        align_off = (ULONG)((uintptr_t)at & (align - 1)); /* so the direct path can match */
    }
    get_data_and_check(r, n, with_storage, align, align_off, 1);
}

/* ---- The random sequence ------------------------------------------------ */

static void
random_ops(const char *name, enum handler_kind kind)
{
    struct run r;
    unsigned step;
    run_begin(&r, name, kind, 1);
    for (step = 0; step < RANDOM_STEPS; step++) {
        ULONG what = rng_below(&r.rng, 20);
        if (what < 6) {
            op_retreat(&r);
        } else if (what < 12) {
            op_advance(&r);
        } else if (what < 19) {
            op_get_data(&r);
        } else {
            NdisAdjustNetBufferCurrentMdl(r.ln.nb);
            model_locate(&r.m);
        }
        MODEL_CHECK_NB(&r.m, r.ln.nb);
    }
    /* Give everything back through the handlers where they may free it. */
    advance_and_check(&r, r.m.data_length, kind == KIND_TEST);
    MODEL_CHECK_NB(&r.m, r.ln.nb);
    run_end(&r);
}

/* ---- Exhaustive NdisGetDataBuffer --------------------------------------- */

static void
get_data_all_sizes(struct run *r, ULONG k)
{
    ULONG left = r->m.data_length;
    ULONG top = min_ulong(left, EXHAUST_MAX) + 1;
    ULONG n;
    const unsigned char *at = direct_address(&r->m);
    for (n = 1; n <= top; n++) {
        ULONG align = 2u << ((k + n) % 3);
        ULONG match = at != NULL ? (ULONG)((uintptr_t)at & (align - 1)) : 0;
        get_data_and_check(r, n, 1, 1, 0, 0);
        get_data_and_check(r, n, 0, 1, 0, 0);
        get_data_and_check(r, n, (int)(n & 1), align, (k * 7 + n) % align, 0);
        get_data_and_check(r, n, (int)(k & 1), align, match, 0);
    }
    get_data_and_check(r, left + 1 <= GET_MAX ? left + 1 : 0, 1, 1, 0, 0);
}

static void
get_data_exhaustive(const char *name)
{
    struct run r;
    ULONG len;
    ULONG k;
    PMDL cur0;
    ULONG cur_off0;
    unsigned mcur0;
    ULONG mcur_off0;
    run_begin(&r, name, KIND_TEST, 1);
    len = r.m.data_length;
    cur0 = r.ln.nb->CurrentMdl;
    cur_off0 = r.ln.nb->CurrentMdlOffset;
    mcur0 = r.m.cur;
    mcur_off0 = r.m.cur_off;
    /* First at the stored position as built (for non_normalised_current_mdl
     * that is appendix A 16: no direct pointer, the copy starts in the next
     * MDL); an advance, even by 0, walks it on. */
    get_data_and_check(&r, 0, 1, 1, 0, 0);
    get_data_all_sizes(&r, 0);
    for (k = 0; k <= len; k++) {
        NDIS_STATUS st;
        advance_and_check(&r, k, 0);
        MODEL_CHECK_FIELDS(&r.m, r.ln.nb);
        get_data_all_sizes(&r, k);
        /* Back by a fast retreat (CurrentMdl recomputed from the head) ... */
        st = NdisRetreatNetBufferDataStart(r.ln.nb, k, 0, layout_allocate_mdl);
        CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
        model_retreat_fast(&r.m, k);
        MODEL_CHECK_FIELDS(&r.m, r.ln.nb);
        /* ... then the layout's own stored position, as a driver re-points
         * its NB (keeps a non-normalised start). */
        r.ln.nb->CurrentMdl = cur0;
        r.ln.nb->CurrentMdlOffset = cur_off0;
        r.m.cur = mcur0;
        r.m.cur_off = mcur_off0;
    }
    CHECK_EQ_U64(layout_handler.allocate_calls, 0);
    MODEL_CHECK_NB(&r.m, r.ln.nb);
    /* Retreat(0) from the layout's stored position renormalises it (spec
     * 4.1: the fast path recomputes CurrentMdl from the head, even for 0). */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(r.ln.nb, 0, 0, layout_allocate_mdl),
                 NDIS_STATUS_SUCCESS);
    model_retreat_fast(&r.m, 0);
    MODEL_CHECK_NB(&r.m, r.ln.nb);
    run_end(&r);
}

/* ---- NdisCopyFromNetBufferToNetBuffer ----------------------------------- */

/* Move an NB's data start without allocating or freeing: a fast retreat or
 * an advance with FreeMdl FALSE. */
static void
move_start(struct rng *g, NET_BUFFER *nb, struct model *m)
{
    if (rng_below(g, 2) == 0) {
        ULONG d = rng_below(g, m->data_offset + 1);
        NDIS_STATUS st = NdisRetreatNetBufferDataStart(nb, d, 0, layout_allocate_mdl);
        CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
        model_retreat_fast(m, d);
    } else {
        ULONG d = rng_below(g, m->data_length + 1);
        NdisAdvanceNetBufferDataStart(nb, d, FALSE, layout_free_mdl);
        (void)model_advance(m, d, 0, NULL, 0);
    }
    MODEL_CHECK_NB(m, nb);
}

/* Bytes from the stored position to the chain end (0 if beyond). */
static ULONG
chain_left(const struct model *m)
{
    ULONGLONG pos = model_position(m);
    return pos < m->length ? (ULONG)(m->length - pos) : 0;
}

static void
copy_once(struct rng *g, struct run *dst, struct run *src)
{
    ULONG dleft = chain_left(&dst->m);
    ULONG sleft = chain_left(&src->m);
    ULONG doff = rng_below(g, 4) == 0 ? dleft + rng_below(g, 3) : rng_below(g, dleft + 1);
    ULONG soff = rng_below(g, 4) == 0 ? sleft + rng_below(g, 3) : rng_below(g, sleft + 1);
    ULONG most = (dleft > sleft ? dleft : sleft) + 4;
    ULONG n = rng_below(g, 3) == 0 ? rng_below(g, most + 1) : rng_below(g, 40);
    ULONG copied = 0xDEADBEEFu;
    ULONG want;
    NDIS_STATUS st =
        NdisCopyFromNetBufferToNetBuffer(dst->ln.nb, doff, n, src->ln.nb, soff, &copied);
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    want = model_copy(&dst->m, doff, n, &src->m, soff);
    CHECK_EQ_U32(copied, want);
    MODEL_CHECK_NB(&dst->m, dst->ln.nb);
    MODEL_CHECK_NB(&src->m, src->ln.nb);
}

static void
copy_between(const char *dst_name, const char *src_name)
{
    struct run dst;
    struct run src;
    struct rng g;
    unsigned step;
    run_begin(&dst, dst_name, KIND_TEST, 1);
    run_begin(&src, src_name, KIND_TEST, 0);
    g.s = seed_for(dst_name, 7) ^ seed_for(src_name, 11);
    for (step = 0; step < 200; step++) {
        ULONG what = rng_below(&g, 10);
        if (what == 0) {
            move_start(&g, dst.ln.nb, &dst.m);
        } else if (what == 1) {
            move_start(&g, src.ln.nb, &src.m);
        } else {
            copy_once(&g, &dst, &src);
        }
    }
    CHECK_EQ_U64(layout_handler.allocate_calls + layout_handler.free_calls, 0);
    layout_nb_destroy(&src.ln);
    model_free(&src.m);
    run_end(&dst);
}

/* ---- Cases -------------------------------------------------------------- */

#define NAME_STRING(name) #name,

static const char *const covered_layouts[] = { LAYOUT_NAMES(NAME_STRING) };

/* The table builds, matches the model, passes undis_nb_check, has unique
 * names and a reason each, and every layout has its cases in this file. */
TEST(layout_table_sound)
{
    size_t i;
    size_t j;
    CHECK_EQ_U64(layout_table_count, sizeof(covered_layouts) / sizeof(covered_layouts[0]));
    for (i = 0; i < layout_table_count; i++) {
        const struct layout *l = &layout_table[i];
        struct run r;
        CHECK_STR_EQ(l->name, covered_layouts[i]);
        CHECK(l->why != NULL && strlen(l->why) > 20);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(l->name, layout_table[j].name) != 0);
        }
        run_begin(&r, l->name, KIND_TEST, 1);
        CHECK_EQ_U32(r.m.length, layout_chain_length(l));
        run_end(&r);
    }
}

#define LAYOUT_CASES(name)                           \
    TEST(layout_##name##_random_ops_test_handler)    \
    {                                                \
        random_ops(#name, KIND_TEST);                \
    }                                                \
    TEST(layout_##name##_random_ops_default_handler) \
    {                                                \
        random_ops(#name, KIND_DEFAULT);             \
    }                                                \
    TEST(layout_##name##_get_data_exhaustive)        \
    {                                                \
        get_data_exhaustive(#name);                  \
    }

LAYOUT_NAMES(LAYOUT_CASES)

TEST(copy_many_one_byte_mdls_to_page_spanning_odd_mdls)
{
    copy_between("page_spanning_odd_mdls", "many_one_byte_mdls");
}

TEST(copy_page_spanning_odd_mdls_to_zero_length_mdls_middle)
{
    copy_between("zero_length_mdls_middle", "page_spanning_odd_mdls");
}

TEST(copy_zero_length_mdls_head_to_slack_after_data)
{
    copy_between("slack_after_data", "zero_length_mdls_head");
}

TEST(copy_non_normalised_current_mdl_to_current_mdl_not_head)
{
    copy_between("current_mdl_not_head", "non_normalised_current_mdl");
}

TEST(copy_single_mdl_to_empty_chain)
{
    copy_between("empty_chain", "single_mdl");
}

TEST_MAIN_BEGIN
TEST_CASE(layout_table_sound)
TEST_CASE(layout_single_mdl_random_ops_test_handler)
TEST_CASE(layout_single_mdl_random_ops_default_handler)
TEST_CASE(layout_single_mdl_get_data_exhaustive)
TEST_CASE(layout_many_one_byte_mdls_random_ops_test_handler)
TEST_CASE(layout_many_one_byte_mdls_random_ops_default_handler)
TEST_CASE(layout_many_one_byte_mdls_get_data_exhaustive)
TEST_CASE(layout_zero_length_mdls_middle_random_ops_test_handler)
TEST_CASE(layout_zero_length_mdls_middle_random_ops_default_handler)
TEST_CASE(layout_zero_length_mdls_middle_get_data_exhaustive)
TEST_CASE(layout_zero_length_mdls_head_random_ops_test_handler)
TEST_CASE(layout_zero_length_mdls_head_random_ops_default_handler)
TEST_CASE(layout_zero_length_mdls_head_get_data_exhaustive)
TEST_CASE(layout_data_ends_on_mdl_boundary_random_ops_test_handler)
TEST_CASE(layout_data_ends_on_mdl_boundary_random_ops_default_handler)
TEST_CASE(layout_data_ends_on_mdl_boundary_get_data_exhaustive)
TEST_CASE(layout_current_mdl_not_head_random_ops_test_handler)
TEST_CASE(layout_current_mdl_not_head_random_ops_default_handler)
TEST_CASE(layout_current_mdl_not_head_get_data_exhaustive)
TEST_CASE(layout_slack_after_data_random_ops_test_handler)
TEST_CASE(layout_slack_after_data_random_ops_default_handler)
TEST_CASE(layout_slack_after_data_get_data_exhaustive)
TEST_CASE(layout_no_backfill_random_ops_test_handler)
TEST_CASE(layout_no_backfill_random_ops_default_handler)
TEST_CASE(layout_no_backfill_get_data_exhaustive)
TEST_CASE(layout_data_starts_on_mdl_boundary_random_ops_test_handler)
TEST_CASE(layout_data_starts_on_mdl_boundary_random_ops_default_handler)
TEST_CASE(layout_data_starts_on_mdl_boundary_get_data_exhaustive)
TEST_CASE(layout_page_spanning_odd_mdls_random_ops_test_handler)
TEST_CASE(layout_page_spanning_odd_mdls_random_ops_default_handler)
TEST_CASE(layout_page_spanning_odd_mdls_get_data_exhaustive)
TEST_CASE(layout_non_normalised_current_mdl_random_ops_test_handler)
TEST_CASE(layout_non_normalised_current_mdl_random_ops_default_handler)
TEST_CASE(layout_non_normalised_current_mdl_get_data_exhaustive)
TEST_CASE(layout_empty_chain_random_ops_test_handler)
TEST_CASE(layout_empty_chain_random_ops_default_handler)
TEST_CASE(layout_empty_chain_get_data_exhaustive)
TEST_CASE(copy_many_one_byte_mdls_to_page_spanning_odd_mdls)
TEST_CASE(copy_page_spanning_odd_mdls_to_zero_length_mdls_middle)
TEST_CASE(copy_zero_length_mdls_head_to_slack_after_data)
TEST_CASE(copy_non_normalised_current_mdl_to_current_mdl_not_head)
TEST_CASE(copy_single_mdl_to_empty_chain)
TEST_MAIN_END
