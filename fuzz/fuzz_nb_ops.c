/*
 * fuzz_nb_ops.c - libFuzzer target: sequences of NET_BUFFER operations on
 * random MDL geometries, checked against the flat-buffer model.
 *
 * The input decodes into two NET_BUFFERs over random layouts (MDL sizes,
 * page offsets, zero-length MDLs, DataOffset, DataLength, a non-normalised
 * CurrentMdl) and then up to MAX_OPS operations: retreat (fast and slow
 * path, the default NetAllocateMdl or the test handler, enlarged sizes,
 * injected failures), advance (FreeMdl FALSE, or TRUE with the handler that
 * pairs), NdisGetDataBuffer (alignment, Storage, writes through the direct
 * pointer), NdisCopyFromNetBufferToNetBuffer, NdisAdjustNetBufferCurrentMdl,
 * NdisQueryNetBufferPhysicalCount, the NBL retreat and advance (including a
 * failure on the second NB and its rollback), and clones, fragments and
 * reassemblies of an NBL holding the two NBs (with injected allocation
 * failures).
 *
 * The oracles, after every step: the model (tests/support/model.[ch]) for
 * every MDL, byte and field of both NBs, the structure checker
 * (<undis/check.h>) on every NB including derived ones, and the verifier
 * at level 2 with its default report function, which aborts. The
 * operations the harness makes are all legal, so any report is a finding.
 * At the end every allocation is given back: test-owned MDLs and undis's
 * outstanding-allocation count must return to where they started.
 */
#include "fuzz_input.h"
#include "support/layouts.h"
#include "support/model.h"
#include "support/pools.h"
#include "test.h"

#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* No test case runs here: a failed CHECK (in the model too) aborts. */
struct ut_state_ ut_state_;

#define MAX_OPS       48
#define MAX_MDL_SIZE  1500u
#define MAX_CHAIN     24000u
#define MAX_DELTA     2100u
#define MAX_BACKFILL  600u
#define MAX_ENLARGE   80u
#define MAX_COPY      5000u
#define FUZZ_POOL_TAG 0x7A7A6675u /* 'ufzz' */

struct slot {
    struct layout layout;
    struct layout_nb ln;
    struct model m;
};

static struct slot g_slot[2];
static NDIS_HANDLE g_wrap_pool;   /* NBLs without an NB: wrap the two slots */
static NDIS_HANDLE g_nbl_pool;    /* fAllocateNetBuffer, a 16-byte context */
static NDIS_HANDLE g_nb_pool;     /* plain NBs */
static unsigned g_fail_countdown; /* fail the handler's Nth call from now */

/* The test handler, with a countdown so the Nth call of a retreat fails. */
static PMDL
fz_allocate_mdl(PULONG BufferSize)
{
    if (g_fail_countdown != 0 && --g_fail_countdown == 0) {
        layout_handler.fail_next = 1;
    }
    return layout_allocate_mdl(BufferSize);
}

static void
setup_once(void)
{
    static int done;
    if (done) {
        return;
    }
    done = 1;
    (void)undis_verifier_set_level(2);
    undis_verifier_set_report_fn(NULL, NULL); /* print the report and abort */
    g_wrap_pool = test_nbl_pool(FALSE, 0, 0, 0, FUZZ_POOL_TAG);
    g_nbl_pool = test_nbl_pool(TRUE, 16, 0, 0, FUZZ_POOL_TAG);
    g_nb_pool = test_nb_pool(0, FUZZ_POOL_TAG);
    CHECK(g_wrap_pool != NULL && g_nbl_pool != NULL && g_nb_pool != NULL);
}

/* ---- Geometry ------------------------------------------------------------ */

/* 1 when DataOffset lies on an MDL boundary after some data. */
static int
offset_on_boundary(const struct layout *l)
{
    ULONG at = 0;
    for (unsigned r = 0; r < LAYOUT_MAX_RUNS && l->runs[r].count != 0; r++) {
        for (unsigned c = 0; c < l->runs[r].count; c++) {
            at += l->runs[r].size;
            if (at == l->data_offset) {
                return l->data_offset != 0;
            }
        }
    }
    return 0;
}

static void
geometry_decode(struct fz_input *in, struct layout *l)
{
    unsigned runs = fz_range(in, 1, LAYOUT_MAX_RUNS);
    ULONG total = 0;
    memset(l, 0, sizeof(*l));
    l->name = "fuzz";
    l->why = "decoded from the fuzzer's input";
    for (unsigned r = 0; r < runs; r++) {
        struct layout_run *run = &l->runs[r];
        run->size = fz_size(in, MAX_MDL_SIZE);
        run->count = fz_range(in, 1, 4);
        run->page_offset = (fz_u8(in) & 1u) ? (int)fz_range(in, 0, PAGE_SIZE - 1) : LAYOUT_MALLOC;
        while (run->count > 1 && total + run->size * run->count > MAX_CHAIN) {
            run->count--;
        }
        if (total + run->size * run->count > MAX_CHAIN) {
            run->size = 0;
        }
        total += run->size * run->count;
    }
    l->data_offset = fz_size(in, total);
    l->data_length = fz_size(in, total - l->data_offset);
    l->current_not_normalised = (fz_u8(in) & 1u) && offset_on_boundary(l);
}

static void
slot_build(struct slot *s, struct fz_input *in)
{
    geometry_decode(in, &s->layout);
    layout_nb_build(&s->ln, &s->layout);
    model_from_layout(&s->m, &s->ln);
    MODEL_CHECK_NB(&s->m, s->ln.nb);
}

static void
check_both(void)
{
    MODEL_CHECK_NB(&g_slot[0].m, g_slot[0].ln.nb);
    MODEL_CHECK_NB(&g_slot[1].m, g_slot[1].ln.nb);
}

/* ---- Retreat and advance on one NB --------------------------------------- */

/* After a successful retreat: the model follows, from what the handler
 * (origin) was asked and gave. enlarged: what the handler added. */
static void
model_after_retreat(struct slot *s, ULONG delta, ULONG backfill, int origin, ULONG enlarged)
{
    NET_BUFFER *nb = s->ln.nb;
    ULONG request;
    PMDL mdl;
    const void *va;
    if (model_retreat_is_fast(&s->m, delta)) {
        model_retreat_fast(&s->m, delta);
        return;
    }
    request = model_retreat_request(&s->m, delta, backfill);
    mdl = nb->MdlChain;
    CHECK_NOT_NULL(mdl);
    if (origin == LAYOUT_ORIGIN_HANDLER) {
        CHECK_EQ_INT(layout_mdl_origin(mdl), LAYOUT_ORIGIN_HANDLER);
    } else {
        CHECK_EQ_INT(layout_mdl_origin(mdl), 0);
    }
    CHECK_EQ_U32(mdl->ByteCount, request + enlarged);
    va = MmGetMdlVirtualAddress(mdl);
    model_retreat_slow(&s->m, delta, request + enlarged, mdl, va, va, origin);
}

static void
op_retreat(struct fz_input *in, struct slot *s)
{
    ULONG delta = fz_size(in, MAX_DELTA);
    ULONG backfill = fz_size(in, MAX_BACKFILL);
    uint32_t how = fz_u8(in);
    int handler = (how & 1u) != 0;
    int fail = (how & 6u) == 6u;
    int slow = !model_retreat_is_fast(&s->m, delta);
    ULONG enlarge = handler && (how & 8u) ? fz_size(in, MAX_ENLARGE) : 0;
    NDIS_STATUS st;
    layout_handler.enlarge_next = enlarge;
    if (fail && handler) {
        layout_handler.fail_next = 1;
    } else if (fail) {
        undis_fault_alloc_fail_nth(1);
    }
    st = NdisRetreatNetBufferDataStart(s->ln.nb, delta, backfill, handler ? fz_allocate_mdl : NULL);
    undis_fault_clear();
    layout_handler.fail_next = 0;
    layout_handler.enlarge_next = 0;
    if (fail && slow) {
        CHECK_STATUS(st, NDIS_STATUS_RESOURCES);
        return;
    }
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    model_after_retreat(s, delta, backfill, handler ? LAYOUT_ORIGIN_HANDLER : LAYOUT_ORIGIN_DEFAULT,
                        slow ? enlarge : 0);
}

/*
 * The free handler an advance of delta with FreeMdl TRUE may use on s: the
 * MDLs it would free must all come from one allocator. Returns 1 and sets
 * *fn (NULL: the default) when there is one; 0 when FreeMdl must be FALSE.
 */
static int
free_handler_for(const struct model *m, ULONG delta, NET_BUFFER_FREE_MDL **fn)
{
    int all_handler;
    int all_default;
    unsigned n = model_advance_free_count(m, delta, LAYOUT_ORIGIN_HANDLER, &all_handler);
    (void)model_advance_free_count(m, delta, LAYOUT_ORIGIN_DEFAULT, &all_default);
    if (n == 0 || all_handler) {
        *fn = layout_free_mdl;
        return 1;
    }
    if (all_default) {
        *fn = NULL;
        return 1;
    }
    return 0;
}

static void
op_advance(struct fz_input *in, struct slot *s)
{
    ULONG delta = fz_size(in, s->m.data_length);
    int want_free = (fz_u8(in) & 1u) != 0;
    NET_BUFFER_FREE_MDL *fn = NULL;
    int free_mdl = want_free && free_handler_for(&s->m, delta, &fn);
    NdisAdvanceNetBufferDataStart(s->ln.nb, delta, free_mdl ? TRUE : FALSE, fn);
    (void)model_advance(&s->m, delta, free_mdl, NULL, 0);
}

/* ---- Reading, writing, copying ------------------------------------------ */

static void
op_get_data(struct fz_input *in, struct slot *s)
{
    ULONG n = fz_size(in, s->m.data_length);
    ULONG multiple = 1u << fz_range(in, 0, 6);
    ULONG offset = fz_range(in, 0, multiple - 1u);
    int with_storage = (fz_u8(in) & 1u) != 0;
    unsigned char *storage = (unsigned char *)malloc(n != 0 ? n : 1);
    unsigned char *expected = (unsigned char *)malloc(n != 0 ? n : 1);
    const unsigned char *direct = NULL;
    enum model_get want;
    const unsigned char *got;
    CHECK(storage != NULL && expected != NULL);
    want = model_get_data(&s->m, n, with_storage, multiple, offset, expected, &direct);
    got = (const unsigned char *)NdisGetDataBuffer(s->ln.nb, n, with_storage ? storage : NULL,
                                                   multiple, offset);
    if (want == MODEL_GET_NULL) {
        CHECK_NULL(got);
    } else if (want == MODEL_GET_DIRECT) {
        CHECK_PTR_EQ(got, direct);
        CHECK_MEM_EQ(got, expected, n);
    } else {
        CHECK_PTR_EQ(got, storage);
        CHECK_MEM_EQ(got, expected, n);
    }
    if (want == MODEL_GET_DIRECT && (fz_u8(in) & 1u)) {
        /* A header rewritten in place: the write lands in the chain. */
        unsigned char fill = (unsigned char)fz_u8(in);
        ULONGLONG pos = model_position(&s->m);
        memset((unsigned char *)(uintptr_t)got, fill, n);
        memset(s->m.bytes + pos, fill, n);
    }
    free(storage);
    free(expected);
}

static void
op_copy(struct fz_input *in, int dst_index)
{
    struct slot *dst = &g_slot[dst_index];
    struct slot *src = &g_slot[1 - dst_index];
    ULONG dst_offset = fz_size(in, dst->m.length + 8u);
    ULONG n = fz_size(in, MAX_COPY);
    ULONG src_offset = fz_size(in, src->m.length + 8u);
    ULONG copied = 0xC0FFEEu;
    ULONG want;
    NDIS_STATUS st;
    st = NdisCopyFromNetBufferToNetBuffer(dst->ln.nb, dst_offset, n, src->ln.nb, src_offset,
                                          &copied);
    want = model_copy(&dst->m, dst_offset, n, &src->m, src_offset);
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(copied, want);
}

/* Pages spanned by the data, as docs/api.md 6.3 counts them (from each
 * MDL's start; a zero-length MDL inside the data counts 1), from the model. */
static ULONG
model_physical_count(const struct model *m)
{
    ULONG left = m->data_length;
    ULONG count = 0;
    ULONG off = m->cur_off;
    for (unsigned i = m->cur; i < m->mdl_count && left != 0; i++, off = 0) {
        ULONG room = m->mdls[i].size - off;
        ULONG used = room < left ? room : left;
        if (m->mdls[i].size == 0) {
            count++;
            continue;
        }
        count += ADDRESS_AND_SIZE_TO_SPAN_PAGES(m->mdls[i].va, off + used);
        left -= used;
    }
    return count;
}

static void
op_position(struct fz_input *in, struct slot *s)
{
    if (fz_u8(in) & 1u) {
        NdisAdjustNetBufferCurrentMdl(s->ln.nb);
        model_locate(&s->m);
    } else {
        ULONG pages = NdisQueryNetBufferPhysicalCount(s->ln.nb);
        model_locate(&s->m);
        CHECK_EQ_U32(pages, model_physical_count(&s->m));
    }
}

/* ---- The NBL over the two NBs ------------------------------------------- */

/* An NBL holding slot 0 (and slot 1 when two is set); unwrap before free. */
static NET_BUFFER_LIST *
wrap(int two)
{
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(g_wrap_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    nbl->FirstNetBuffer = g_slot[0].ln.nb;
    g_slot[0].ln.nb->Next = two ? g_slot[1].ln.nb : NULL;
    g_slot[1].ln.nb->Next = NULL;
    return nbl;
}

static void
unwrap(NET_BUFFER_LIST *nbl)
{
    g_slot[0].ln.nb->Next = NULL;
    nbl->FirstNetBuffer = NULL;
    NdisFreeNetBufferList(nbl);
}

/*
 * The NBL retreat. With the handler, the Nth allocation may fail (N picked
 * among the NBs that take the slow path); the NBs before it are rolled back
 * with FreeMdl TRUE, which is only legal when what that frees came from the
 * same handler, so the failure is injected only then.
 */
static void
op_nbl_retreat(struct fz_input *in)
{
    int two = (fz_u8(in) & 1u) != 0;
    unsigned count = two ? 2u : 1u;
    ULONG delta = fz_size(in, MAX_DELTA);
    ULONG backfill = fz_size(in, MAX_BACKFILL);
    int handler = (fz_u8(in) & 1u) != 0;
    int origin = handler ? LAYOUT_ORIGIN_HANDLER : LAYOUT_ORIGIN_DEFAULT;
    unsigned fail_at = handler ? fz_range(in, 0, count) : 0; /* 1-based NB; 0 none */
    unsigned slow_calls = 0;
    NET_BUFFER_LIST *nbl;
    NDIS_STATUS st;
    for (unsigned i = 0; i < count && fail_at != 0; i++) {
        int all = 1;
        if (i + 1u == fail_at) {
            fail_at = model_retreat_is_fast(&g_slot[i].m, delta) ? 0 : fail_at;
            break;
        }
        slow_calls += model_retreat_is_fast(&g_slot[i].m, delta) ? 0u : 1u;
        (void)model_advance_free_count(&g_slot[i].m, 0, origin, &all);
        fail_at = all ? fail_at : 0;
    }
    g_fail_countdown = fail_at != 0 ? slow_calls + 1u : 0;
    nbl = wrap(two);
    st = NdisRetreatNetBufferListDataStart(nbl, delta, backfill, handler ? fz_allocate_mdl : NULL,
                                           handler ? layout_free_mdl : NULL);
    unwrap(nbl);
    g_fail_countdown = 0;
    layout_handler.fail_next = 0;
    if (fail_at != 0) {
        CHECK_STATUS(st, NDIS_STATUS_RESOURCES);
        for (unsigned i = 0; i + 1u < fail_at; i++) {
            (void)model_advance(&g_slot[i].m, 0, 1, NULL, 0); /* the rollback */
        }
        return;
    }
    CHECK_STATUS(st, NDIS_STATUS_SUCCESS);
    for (unsigned i = 0; i < count; i++) {
        model_after_retreat(&g_slot[i], delta, backfill, origin, 0);
    }
}

static void
op_nbl_advance(struct fz_input *in)
{
    int two = (fz_u8(in) & 1u) != 0;
    ULONG most = g_slot[0].m.data_length;
    ULONG delta;
    NET_BUFFER_FREE_MDL *fn0 = NULL;
    NET_BUFFER_FREE_MDL *fn1 = NULL;
    int free_mdl = (fz_u8(in) & 1u) != 0;
    NET_BUFFER_LIST *nbl;
    if (two && g_slot[1].m.data_length < most) {
        most = g_slot[1].m.data_length;
    }
    delta = fz_size(in, most);
    free_mdl = free_mdl && free_handler_for(&g_slot[0].m, delta, &fn0);
    if (two && free_mdl) {
        free_mdl = free_handler_for(&g_slot[1].m, delta, &fn1) &&
                   (fn0 == fn1 || model_advance_free_count(&g_slot[1].m, delta, 0, NULL) == 0);
    }
    if (two && free_mdl && model_advance_free_count(&g_slot[0].m, delta, 0, NULL) == 0) {
        fn0 = fn1;
    }
    nbl = wrap(two);
    NdisAdvanceNetBufferListDataStart(nbl, delta, free_mdl ? TRUE : FALSE, fn0);
    unwrap(nbl);
    for (unsigned i = 0; i < (two ? 2u : 1u); i++) {
        (void)model_advance(&g_slot[i].m, delta, free_mdl, NULL, 0);
    }
}

/* ---- Clones, fragments, reassemblies ------------------------------------ */

/* The data of a derived NB read through its CurrentMdl (malloc'd), after
 * the structure check. */
static unsigned char *
derived_data(const NET_BUFFER *nb)
{
    char why[256];
    unsigned char *got = (unsigned char *)malloc((size_t)nb->DataLength + 1u);
    undis_check_rule rule = undis_nb_check(nb, why, sizeof(why));
    const MDL *p = nb->CurrentMdl;
    ULONG off = nb->CurrentMdlOffset;
    ULONG k = 0;
    CHECK_NOT_NULL(got);
    if (rule != UNDIS_CHECK_OK) {
        ut_fail_(__FILE__, __LINE__, "derived NB: %s: %s", undis_check_rule_name(rule), why);
    }
    while (k < nb->DataLength) {
        while (p != NULL && off >= p->ByteCount) {
            off -= p->ByteCount;
            p = p->Next;
        }
        CHECK_NOT_NULL(p);
        got[k++] = ((const unsigned char *)MmGetMdlVirtualAddress(p))[off++];
    }
    return got;
}

/* A derived NB holds `len` bytes after `skip`, equal to the model's bytes
 * of s from its stored position plus `from`. */
static void
check_derived_nb(const NET_BUFFER *nb, ULONG skip, const struct slot *s, ULONG from, ULONG len)
{
    unsigned char *got = derived_data(nb);
    CHECK_EQ_U32(nb->DataLength, skip + len);
    if (len != 0) { /* an empty model has no byte array at all */
        CHECK_MEM_EQ(got + skip, s->m.bytes + model_position(&s->m) + from, len);
    }
    free(got);
}

/* Arm an allocation failure from the input (0: none); returns it. */
static unsigned
arm_fault(struct fz_input *in)
{
    unsigned nth = (fz_u8(in) & 3u) == 3u ? fz_range(in, 1, 8) : 0;
    if (nth != 0) {
        undis_fault_alloc_fail_nth(nth);
    }
    return nth;
}

/* 1 when slot 0 (or either slot, two) has retreat MDLs at its head. */
static int
has_retreat_mdls(int two)
{
    for (unsigned i = 0; i < (two ? 2u : 1u); i++) {
        const struct model *m = &g_slot[i].m;
        if (m->mdl_count != 0 && m->mdls[0].origin != LAYOUT_ORIGIN_LAYOUT) {
            return 1;
        }
    }
    return 0;
}

/*
 * Known finding, fuzz/findings/nb_ops-clone-original-mdls-retreat-false-report:
 * NdisFreeCloneNetBufferList(clone, USE_ORIGINAL_MDLS) of a clone in an NBL
 * with an embedded NB frees it with NdisFreeNetBufferList, whose level-2
 * check reports NB_FREED_WITH_RETREAT_MDLS for the original's retreat MDLs
 * the clone only shares. Until that is fixed the harness does not ask for
 * USE_ORIGINAL_MDLS over retreat MDLs; set this to 0 to reproduce.
 */
#ifndef FUZZ_AVOID_CLONE_ORIGINAL_MDLS_FINDING
#    define FUZZ_AVOID_CLONE_ORIGINAL_MDLS_FINDING 1
#endif

static void
op_clone(struct fz_input *in)
{
    int two = (fz_u8(in) & 1u) != 0;
    int original_mdls =
        (fz_u8(in) & 1u) != 0 && !(FUZZ_AVOID_CLONE_ORIGINAL_MDLS_FINDING && has_retreat_mdls(two));
    int own_pools = (fz_u8(in) & 1u) != 0;
    ULONG flags = original_mdls ? NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS : 0;
    NET_BUFFER_LIST *nbl = wrap(two);
    unsigned long long before = undis_alloc_outstanding();
    unsigned nth = arm_fault(in);
    NET_BUFFER_LIST *clone = NdisAllocateCloneNetBufferList(nbl, own_pools ? g_nbl_pool : NULL,
                                                            own_pools ? g_nb_pool : NULL, flags);
    const NET_BUFFER *c;
    undis_fault_clear();
    if (clone == NULL) {
        CHECK(nth != 0);
        CHECK_EQ_U64(undis_alloc_outstanding(), before);
        unwrap(nbl);
        return;
    }
    c = clone->FirstNetBuffer;
    for (unsigned i = 0; i < (two ? 2u : 1u); i++, c = c->Next) {
        const NET_BUFFER *o = g_slot[i].ln.nb;
        CHECK_NOT_NULL(c);
        if (original_mdls) {
            CHECK(c->MdlChain == o->MdlChain && c->CurrentMdl == o->CurrentMdl);
            CHECK(c->CurrentMdlOffset == o->CurrentMdlOffset && c->DataOffset == o->DataOffset);
        } else if (o->DataLength == 0) {
            CHECK_NULL(c->MdlChain);
        } else {
            CHECK_EQ_U32(c->DataOffset, 0);
        }
        check_derived_nb(c, 0, &g_slot[i], 0, g_slot[i].m.data_length);
    }
    CHECK_NULL(c);
    NdisFreeCloneNetBufferList(clone, flags);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    unwrap(nbl);
}

/* One expected piece of derived data: slot, from (past the stored
 * position), length. */
struct piece {
    unsigned slot;
    ULONG from;
    ULONG len;
};

#define MAX_PIECES 64

static void
check_fragments(const NET_BUFFER_LIST *frag,
                const struct piece *pieces,
                unsigned count,
                ULONG delta,
                ULONG backfill)
{
    const NET_BUFFER *f = frag->FirstNetBuffer;
    for (unsigned i = 0; i < count; i++, f = f->Next) {
        CHECK_NOT_NULL(f);
        CHECK_EQ_U32(f->DataOffset, delta != 0 ? backfill : 0);
        check_derived_nb(f, delta, &g_slot[pieces[i].slot], pieces[i].from, pieces[i].len);
    }
    CHECK_NULL(f);
}

static void
op_fragment(struct fz_input *in)
{
    int two = (fz_u8(in) & 1u) != 0;
    ULONG start = fz_size(in, 1600);
    ULONG most = fz_size(in, 1600);
    ULONG delta = fz_size(in, 96);
    ULONG backfill = fz_size(in, 96);
    int own_pools = (fz_u8(in) & 1u) != 0;
    struct piece pieces[MAX_PIECES];
    unsigned count = 0;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER_LIST *frag;
    unsigned long long before;
    unsigned nth;
    for (unsigned i = 0; i < (two ? 2u : 1u) && most != 0; i++) {
        for (ULONG at = start; at < g_slot[i].m.data_length; at += most) {
            ULONG left = g_slot[i].m.data_length - at;
            if (count == MAX_PIECES) {
                return; /* too many to follow: skip the operation */
            }
            pieces[count].slot = i;
            pieces[count].from = at;
            pieces[count++].len = left < most ? left : most;
        }
    }
    nbl = wrap(two);
    before = undis_alloc_outstanding();
    nth = arm_fault(in);
    frag = NdisAllocateFragmentNetBufferList(nbl, own_pools ? g_nbl_pool : NULL,
                                             own_pools ? g_nb_pool : NULL, start, most, delta,
                                             backfill, 0);
    undis_fault_clear();
    if (frag == NULL) {
        CHECK(count == 0 || nth != 0);
    } else {
        CHECK(count != 0);
        check_fragments(frag, pieces, count, delta, backfill);
        NdisFreeFragmentNetBufferList(frag, delta, 0);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    unwrap(nbl);
}

static void
check_reassembled(const NET_BUFFER_LIST *re, int two, ULONG start, ULONG delta, ULONG total)
{
    const NET_BUFFER *nb = re->FirstNetBuffer;
    unsigned char *got;
    ULONG at = delta;
    CHECK(total != 0);
    CHECK_NOT_NULL(nb);
    CHECK_NULL(nb->Next);
    CHECK_EQ_U32(nb->DataLength, total + delta);
    got = derived_data(nb);
    for (unsigned i = 0; i < (two ? 2u : 1u); i++) {
        const struct model *m = &g_slot[i].m;
        ULONG len = m->data_length > start ? m->data_length - start : 0;
        if (len != 0) {
            CHECK_MEM_EQ(got + at, m->bytes + model_position(m) + start, len);
        }
        at += len;
    }
    free(got);
}

static void
op_reassemble(struct fz_input *in)
{
    int two = (fz_u8(in) & 1u) != 0;
    ULONG start = fz_size(in, 1600);
    ULONG delta = fz_size(in, 96);
    ULONG backfill = fz_size(in, 96);
    int own_pool = (fz_u8(in) & 1u) != 0;
    ULONG total = 0;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER_LIST *re;
    unsigned long long before;
    unsigned nth;
    for (unsigned i = 0; i < (two ? 2u : 1u); i++) {
        total += g_slot[i].m.data_length > start ? g_slot[i].m.data_length - start : 0;
    }
    nbl = wrap(two);
    before = undis_alloc_outstanding();
    nth = arm_fault(in);
    re = NdisAllocateReassembledNetBufferList(nbl, own_pool ? g_nbl_pool : NULL, start, delta,
                                              backfill, 0);
    undis_fault_clear();
    if (re == NULL) {
        CHECK(total == 0 || nth != 0);
    } else {
        check_reassembled(re, two, start, delta, total);
        NdisFreeReassembledNetBufferList(re, delta, 0);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    unwrap(nbl);
}

/* ---- The run -------------------------------------------------------------- */

static void
run_op(struct fz_input *in)
{
    uint32_t op = fz_u8(in);
    unsigned which = (op / 11u) & 1u;
    switch (op % 11u) {
    case 0:
    case 1:
        op_retreat(in, &g_slot[which]);
        break;
    case 2:
    case 3:
        op_advance(in, &g_slot[which]);
        break;
    case 4:
        op_get_data(in, &g_slot[which]);
        break;
    case 5:
        op_copy(in, (int)which);
        break;
    case 6:
        op_position(in, &g_slot[which]);
        break;
    case 7:
        if (which) {
            op_nbl_retreat(in);
        } else {
            op_nbl_advance(in);
        }
        break;
    case 8:
        op_clone(in);
        break;
    case 9:
        op_fragment(in);
        break;
    default:
        op_reassemble(in);
        break;
    }
}

/*
 * Give back the MDLs retreats put at the head of the chain, the legal way:
 * each run of MDLs from one allocator is cut off and advanced away with
 * FreeMdl TRUE and the matching handler (so the verifier's ledger forgets
 * them too). What stays is the layout's own chain.
 */
static void
slot_release_retreat_mdls(struct slot *s)
{
    NET_BUFFER *nb = s->ln.nb;
    unsigned i = 0;
    while (i < s->m.mdl_count && s->m.mdls[i].origin != LAYOUT_ORIGIN_LAYOUT) {
        int origin = s->m.mdls[i].origin;
        PMDL last = NULL;
        PMDL rest = nb->MdlChain;
        ULONG bytes = 0;
        while (i < s->m.mdl_count && s->m.mdls[i].origin == origin) {
            bytes += rest->ByteCount;
            last = rest;
            rest = rest->Next;
            i++;
        }
        last->Next = NULL;
        nb->DataOffset = bytes;
        nb->DataLength = 0;
        NdisAdjustNetBufferCurrentMdl(nb);
        NdisAdvanceNetBufferDataStart(nb, 0, TRUE,
                                      origin == LAYOUT_ORIGIN_HANDLER ? layout_free_mdl : NULL);
        CHECK_NULL(nb->MdlChain);
        nb->MdlChain = rest;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_input in;
    unsigned long long before;
    setup_once();
    fz_input_init(&in, data, size);
    before = undis_alloc_outstanding();
    layout_handler_reset();
    slot_build(&g_slot[0], &in);
    slot_build(&g_slot[1], &in);
    for (unsigned i = 0; i < MAX_OPS && !fz_done(&in); i++) {
        run_op(&in);
        check_both();
    }
    for (unsigned i = 0; i < 2; i++) {
        slot_release_retreat_mdls(&g_slot[i]);
        layout_nb_destroy(&g_slot[i].ln);
        model_free(&g_slot[i].m);
    }
    CHECK_EQ_SIZE(layout_mdls_live(), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    return 0;
}
