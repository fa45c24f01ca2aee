/* SPDX-License-Identifier: MIT */
/*
 * test_nb_inline.c: the inline fast paths of <ndis/nbinline.h>.
 *
 * NdisRetreatNetBufferDataStart, NdisAdvanceNetBufferDataStart and
 * NdisGetDataBuffer are macros that run the common case inline and call the
 * exported functions for the rest; `(Name)(...)` calls the exported one.
 * The inline form must give exactly the exported form's result in every
 * case, so these tests call both on the same starting state and compare
 * everything they can change, byte for byte: the NET_BUFFER, the headers of
 * every MDL of the chain, the return value, the bytes copied to Storage,
 * the handler calls, the verifier's reports and the mapping-fault schedule.
 *
 * The states come from every layout of the shared table
 * (tests/support/layouts.c) and from a pool NET_BUFFER with its embedded
 * MDL, walked by advances and retreats, and bent the ways a driver or a
 * bug can bend them (CurrentMdl not normalised or NULL, MdlChain NULL,
 * DataLength or DataOffset next to 2^32, an unmapped MDL, a mapped MDL
 * whose MappedSystemVa is NULL). The arguments cluster at the edges the
 * fast paths test: deltas up to and past DataOffset and DataLength and to
 * the exact end of an MDL, BytesNeeded around what CurrentMdl holds,
 * alignments valid and not. Every trial runs at verifier level 0 and at
 * level 1.
 *
 * The verifier through the macros, the exported symbols and the mapping
 * fault: test_nb_inline_verifier.c.
 */
#include "test.h"

#include <stddef.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include "support/inline_fixture.h"
#include "support/layouts.h"
#include "support/pools.h"

#define MAX_MDLS    64
#define STORAGE_MAX 8192
#define SPARE_MAX   4096

/* ---- Deterministic generator -------------------------------------------- */

static uint64_t g_rng;

static ULONG
rnd(ULONG n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return n == 0 ? 0 : (ULONG)(g_rng % n);
}

/* ---- Handlers that never allocate or free memory ------------------------ */

/* The allocator hands out one spare MDL over a static buffer (NULL above
 * SPARE_MAX bytes); the free routine only records. So a trial is undone by
 * putting the NET_BUFFER and the MDL headers back. */
static union {
    MDL mdl;
    unsigned char bytes[sizeof(MDL) + 4 * sizeof(PFN_NUMBER)];
} g_spare;
static unsigned char g_spare_buf[SPARE_MAX];

static struct {
    unsigned allocs;
    ULONG asked;
    unsigned frees;
    PMDL freed[8];
} g_log;

static PMDL
spare_allocate_mdl(PULONG BufferSize)
{
    g_log.allocs++;
    g_log.asked = *BufferSize;
    if (*BufferSize == 0 || *BufferSize > SPARE_MAX) {
        return NULL;
    }
    MmInitializeMdl(&g_spare.mdl, g_spare_buf, *BufferSize);
    MmBuildMdlForNonPagedPool(&g_spare.mdl);
    return &g_spare.mdl;
}

static VOID
log_free_mdl(PMDL Mdl)
{
    if (g_log.frees < 8) {
        g_log.freed[g_log.frees] = Mdl;
    }
    g_log.frees++;
}

/* ---- A state and its restoration ---------------------------------------- */

struct state {
    NET_BUFFER *nb;
    PMDL mdls[MAX_MDLS]; /* every MDL the state can reach, chain order */
    unsigned count;
    NET_BUFFER nb_image;
    MDL headers[MAX_MDLS];
};

static void
state_add(struct state *s, PMDL m)
{
    unsigned i;
    for (i = 0; i < s->count; i++) {
        if (s->mdls[i] == m) {
            return;
        }
    }
    CHECK(s->count < MAX_MDLS);
    s->mdls[s->count++] = m;
}

/* Remember the NB and the headers of the MDLs it reaches (from MdlChain and
 * from CurrentMdl); the spare is put back to all zeroes. */
static void
state_save(struct state *s)
{
    PMDL m;
    unsigned i;
    for (m = s->nb->MdlChain; m != NULL; m = m->Next) {
        state_add(s, m);
    }
    for (m = s->nb->CurrentMdl; m != NULL; m = m->Next) {
        state_add(s, m);
    }
    memcpy(&s->nb_image, s->nb, sizeof(NET_BUFFER));
    for (i = 0; i < s->count; i++) {
        s->headers[i] = *s->mdls[i];
    }
}

static void
state_restore(const struct state *s)
{
    unsigned i;
    memcpy(s->nb, &s->nb_image, sizeof(NET_BUFFER));
    for (i = 0; i < s->count; i++) {
        *s->mdls[i] = s->headers[i];
    }
    memset(&g_spare, 0, sizeof(g_spare));
}

/* ---- One call, in one form ------------------------------------------------ */

enum op_kind { OP_RETREAT, OP_ADVANCE, OP_GET };

struct op {
    enum op_kind kind;
    ULONG a;       /* delta, or BytesNeeded */
    ULONG b;       /* DataBackFill, or AlignMultiple */
    ULONG c;       /* AlignOffset */
    int flag;      /* FreeMdl, or with Storage */
    int handler;   /* pass the handler (else NULL) */
    int map_fault; /* arm "the next mapping fails" first */
};

/* Everything a call can change or return. */
struct outcome {
    unsigned char nb[sizeof(NET_BUFFER)];
    MDL headers[MAX_MDLS];
    MDL spare;
    NDIS_STATUS status;
    const void *ptr; /* NULL, or the direct pointer; storage: &g_storage_tag */
    unsigned allocs;
    ULONG asked;
    unsigned frees;
    PMDL freed[8];
    unsigned reports;
    undis_rule rule;
    int map_fault_left; /* the fault was still armed after the call */
    size_t copied_len;  /* Storage bytes kept below: BytesNeeded + 16 */
    unsigned char copied[STORAGE_MAX];
};

static unsigned char g_storage_tag;
static unsigned char g_storage[STORAGE_MAX];

static void
run_form(const struct state *s, const struct op *op, int exported, struct outcome *o)
{
    NET_BUFFER *nb = s->nb;
    unsigned i;
    state_restore(s);
    memset(&g_log, 0, sizeof(g_log));
    memset(&g_icap, 0, sizeof(g_icap));
    memset(o, 0, offsetof(struct outcome, copied));
    o->copied_len = 0;
    undis_fault_map_fail_nth(op->map_fault ? 1 : 0);
    switch (op->kind) {
    case OP_RETREAT: {
        NET_BUFFER_ALLOCATE_MDL *h = op->handler ? spare_allocate_mdl : NULL;
        o->status = exported ? (NdisRetreatNetBufferDataStart)(nb, op->a, op->b, h)
                             : NdisRetreatNetBufferDataStart(nb, op->a, op->b, h);
        break;
    }
    case OP_ADVANCE: {
        NET_BUFFER_FREE_MDL *h = op->handler ? log_free_mdl : NULL;
        BOOLEAN f = op->flag ? TRUE : FALSE;
        if (exported) {
            (NdisAdvanceNetBufferDataStart)(nb, op->a, f, h);
        } else {
            NdisAdvanceNetBufferDataStart(nb, op->a, f, h);
        }
        break;
    }
    case OP_GET: {
        PVOID st = op->flag ? g_storage : NULL;
        if (op->flag) {
            memset(g_storage, 0xA5, op->a < STORAGE_MAX - 16 ? op->a + 16 : STORAGE_MAX);
        }
        PVOID p = exported ? (NdisGetDataBuffer)(nb, op->a, st, op->b, op->c)
                           : NdisGetDataBuffer(nb, op->a, st, op->b, op->c);
        o->ptr = p != NULL && p == (PVOID)g_storage ? (const void *)&g_storage_tag : p;
        if (op->flag) {
            /* What was copied, and that nothing after it was written. */
            o->copied_len = op->a < STORAGE_MAX - 16 ? op->a + 16 : STORAGE_MAX;
            memcpy(o->copied, g_storage, o->copied_len);
        }
        break;
    }
    }
    o->map_fault_left = op->map_fault ? map_fault_armed() : 0;
    undis_fault_clear();
    memcpy(o->nb, nb, sizeof(NET_BUFFER));
    for (i = 0; i < s->count; i++) {
        o->headers[i] = *s->mdls[i];
    }
    o->spare = g_spare.mdl;
    o->allocs = g_log.allocs;
    o->asked = g_log.asked;
    o->frees = g_log.frees;
    memcpy(o->freed, g_log.freed, sizeof(o->freed));
    o->reports = g_icap.n;
    o->rule = g_icap.rule;
}

static struct outcome g_inline_out, g_exported_out;
static unsigned long g_trials;

static void
describe(const struct op *op)
{
    printf("  op kind %d a %u b %u c %u flag %d handler %d map_fault %d, level %d\n", (int)op->kind,
           op->a, op->b, op->c, op->flag, op->handler, op->map_fault, undis_verifier_level());
}

/* Field by field: a layout MDL's padding is never written. */
static void
check_same_mdl(const MDL *a, const MDL *b)
{
    CHECK_PTR_EQ(a->Next, b->Next);
    CHECK_EQ_INT(a->Size, b->Size);
    CHECK_EQ_INT(a->MdlFlags, b->MdlFlags);
    CHECK_PTR_EQ(a->Process, b->Process);
    CHECK_PTR_EQ(a->MappedSystemVa, b->MappedSystemVa);
    CHECK_PTR_EQ(a->StartVa, b->StartVa);
    CHECK_EQ_U32(a->ByteCount, b->ByteCount);
    CHECK_EQ_U32(a->ByteOffset, b->ByteOffset);
}

/* The same call in both forms from the same state: the same outcome. */
static void
compare(const struct state *s, const struct op *op)
{
    struct outcome *i = &g_inline_out;
    struct outcome *e = &g_exported_out;
    unsigned k;
    run_form(s, op, 0, i);
    run_form(s, op, 1, e);
    g_trials++;
    if (memcmp(i->nb, e->nb, sizeof(i->nb)) != 0 || i->status != e->status || i->ptr != e->ptr ||
        i->reports != e->reports || i->rule != e->rule) {
        describe(op);
    }
    CHECK_MEM_EQ(i->nb, e->nb, sizeof(i->nb));
    for (k = 0; k < s->count; k++) {
        check_same_mdl(&i->headers[k], &e->headers[k]);
    }
    check_same_mdl(&i->spare, &e->spare);
    CHECK_STATUS(i->status, e->status);
    CHECK_PTR_EQ(i->ptr, e->ptr);
    CHECK_EQ_SIZE(i->copied_len, e->copied_len);
    CHECK_MEM_EQ(i->copied, e->copied, i->copied_len);
    CHECK_EQ_U32(i->allocs, e->allocs);
    CHECK_EQ_U32(i->asked, e->asked);
    CHECK_EQ_U32(i->frees, e->frees);
    CHECK_MEM_EQ((const unsigned char *)i->freed, (const unsigned char *)e->freed,
                 sizeof(i->freed));
    CHECK_EQ_U32(i->reports, e->reports);
    CHECK_EQ_INT((int)i->rule, (int)e->rule);
    CHECK_EQ_INT(i->map_fault_left, e->map_fault_left);
}

/* ---- The battery of calls at one state ---------------------------------- */

/* Bytes from the stored position to the end of CurrentMdl (0 if none). */
static ULONG
left_in_current(const NET_BUFFER *nb)
{
    const MDL *m = nb->CurrentMdl;
    return m != NULL && m->ByteCount > nb->CurrentMdlOffset ? m->ByteCount - nb->CurrentMdlOffset
                                                            : 0;
}

static ULONG
head_left(const NET_BUFFER *nb)
{
    const MDL *m = nb->MdlChain;
    return m != NULL && m->ByteCount > nb->DataOffset ? m->ByteCount - nb->DataOffset : 0;
}

static void
deltas_of(const NET_BUFFER *nb, ULONG *d, unsigned *n)
{
    ULONG off = nb->DataOffset;
    ULONG len = nb->DataLength;
    ULONG cur = left_in_current(nb);
    ULONG head = head_left(nb);
    unsigned k = 0;
    d[k++] = 0;
    d[k++] = 1;
    d[k++] = 14;
    d[k++] = off;
    d[k++] = off - 1;
    d[k++] = off + 1;
    d[k++] = len;
    d[k++] = len + 1;
    d[k++] = cur;
    d[k++] = cur - 1;
    d[k++] = cur + 1;
    d[k++] = head;
    d[k++] = head - 1;
    d[k++] = 0xFFFFFFFFu;
    d[k++] = 0x80000000u;
    d[k++] = rnd(len + 1);
    d[k++] = rnd(off + 1);
    *n = k;
}

static void
battery(const struct state *s)
{
    static const ULONG backfills[] = { 0, 32, 0xFFFFFFFFu };
    static const ULONG aligns[][2] = { { 1, 0 },  { 2, 0 }, { 2, 1 }, { 4, 0 }, { 8, 0 },
                                       { 16, 3 }, { 3, 0 }, { 0, 0 }, { 4, 4 }, { 1, 1 } };
    ULONG d[32];
    unsigned nd;
    unsigned i;
    unsigned j;
    struct op op;
    state_restore(s);
    deltas_of(s->nb, d, &nd);
    for (i = 0; i < nd; i++) {
        memset(&op, 0, sizeof(op));
        op.a = d[i];
        op.kind = OP_RETREAT;
        for (j = 0; j < sizeof(backfills) / sizeof(backfills[0]); j++) {
            op.b = backfills[j];
            /* A NULL handler only where nothing is allocated: the default
             * allocator's MDLs cannot be put back by state_restore. */
            op.handler = op.a > s->nb_image.DataOffset || rnd(2) == 0;
            compare(s, &op);
        }
        op.kind = OP_ADVANCE;
        op.b = 0;
        op.flag = 0;
        op.handler = (int)rnd(2);
        compare(s, &op);
        op.flag = 1;
        op.handler = 1; /* the default free would free layout MDLs */
        compare(s, &op);
    }
    /* NdisGetDataBuffer: BytesNeeded around what CurrentMdl and DataLength
     * hold, every alignment request, with and without Storage, and with the
     * next mapping made to fail. */
    {
        const NET_BUFFER *nb = &s->nb_image;
        ULONG cur = left_in_current(nb);
        const ULONG needs[] = {
            0, 1, 14, 34, nb->DataLength, nb->DataLength + 1, cur, cur + 1, cur - 1, 0xFFFFFFFFu
        };
        const MDL *m = nb->CurrentMdl;
        ULONG addr = m != NULL && m->MappedSystemVa != NULL
                         ? (ULONG)(uintptr_t)m->MappedSystemVa + nb->CurrentMdlOffset
                         : 0;
        for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
            for (j = 0; j < sizeof(aligns) / sizeof(aligns[0]) + 2; j++) {
                memset(&op, 0, sizeof(op));
                op.kind = OP_GET;
                op.a = needs[i];
                if (j < sizeof(aligns) / sizeof(aligns[0])) {
                    op.b = aligns[j][0];
                    op.c = aligns[j][1];
                } else {
                    /* The alignment the direct pointer has, and one it lacks. */
                    op.b = 8;
                    op.c = (addr + (j - sizeof(aligns) / sizeof(aligns[0]))) & 7u;
                }
                op.flag = (int)((i + j) & 1u);
                op.map_fault = rnd(4) == 0;
                compare(s, &op);
                op.flag = !op.flag;
                compare(s, &op);
            }
        }
    }
}

/* ---- States -------------------------------------------------------------- */

/* Bend the saved state one way (0: leave it). */
static void
bend(NET_BUFFER *nb, unsigned how)
{
    PMDL cur = nb->CurrentMdl;
    switch (how) {
    case 1: /* CurrentMdl left at the end of its MDL (not normalised) */
        if (cur != NULL) {
            nb->CurrentMdlOffset = cur->ByteCount;
        }
        break;
    case 2: /* DataLength next to 2^32: retreats wrap it */
        nb->DataLength = 0xFFFFFFFFu - rnd(20);
        break;
    case 3: /* DataOffset next to 2^32: advances wrap it */
        nb->DataOffset = 0xFFFFFFFFu - rnd(20);
        break;
    case 4:
        nb->MdlChain = NULL;
        break;
    case 5:
        nb->CurrentMdl = NULL;
        break;
    case 6: /* CurrentMdl disagrees with DataOffset */
        nb->CurrentMdl = nb->MdlChain;
        nb->CurrentMdlOffset = nb->MdlChain != NULL ? rnd(nb->MdlChain->ByteCount + 2) : 7;
        break;
    case 7: /* CurrentMdl not mapped: NdisGetDataBuffer maps it */
        if (cur != NULL) {
            cur->MdlFlags =
                (CSHORT)(cur->MdlFlags & ~(MDL_SOURCE_IS_NONPAGED_POOL | MDL_MAPPED_TO_SYSTEM_VA));
        }
        break;
    case 8: /* mapped, but MappedSystemVa NULL */
        if (cur != NULL) {
            cur->MappedSystemVa = NULL;
        }
        break;
    case 9: /* the head MDL emptied */
        if (nb->MdlChain != NULL) {
            nb->MdlChain->ByteCount = 0;
        }
        break;
    default:
        break;
    }
}

#define BENDS 10

/* Every bend of the NB's present state, at levels 0 and 1; then move the
 * start by an exported call for the next round. */
static void
explore(NET_BUFFER *nb, unsigned rounds)
{
    unsigned r;
    for (r = 0; r < rounds; r++) {
        struct state base;
        unsigned how;
        memset(&base, 0, sizeof(base));
        base.nb = nb;
        state_save(&base);
        for (how = 0; how < BENDS; how++) {
            struct state s;
            int lvl;
            state_restore(&base);
            bend(nb, how);
            memset(&s, 0, sizeof(s));
            s.nb = nb;
            memcpy(s.mdls, base.mdls, sizeof(base.mdls));
            s.count = base.count;
            state_save(&s);
            for (lvl = 0; lvl <= 1; lvl++) {
                level(lvl);
                battery(&s);
            }
            level(0);
            state_restore(&s);
            memcpy(nb, &base.nb_image, sizeof(NET_BUFFER));
            state_restore(&base);
        }
        /* Next round: somewhere else in the data, without allocating. */
        if (rnd(2) == 0 && nb->DataLength != 0) {
            (NdisAdvanceNetBufferDataStart)(nb, 1 + rnd(nb->DataLength), FALSE, NULL);
        } else {
            CHECK_STATUS((NdisRetreatNetBufferDataStart)(nb, rnd(nb->DataOffset + 1), 0, NULL),
                         NDIS_STATUS_SUCCESS);
        }
    }
}

static void
layout_case(const char *name)
{
    struct layout_nb ln;
    unsigned char pristine[sizeof(NET_BUFFER)];
    unsigned long long out0;
    undis_fault_clear();
    layout_handler_reset();
    (void)layout_mdls_release_all();
    out0 = undis_alloc_outstanding();
    g_rng = 0x9E3779B97F4A7C15ull ^ (uint64_t)strlen(name) * 0x100000001B3ull ^
            (uint64_t)(unsigned char)name[0] << 32 ^ (uint64_t)(unsigned char)name[1];
    layout_nb_build(&ln, layout_find(name));
    memcpy(pristine, ln.nb, sizeof(pristine));
    g_trials = 0;
    explore(ln.nb, 4);
    CHECK(g_trials > 1000);
    memcpy(ln.nb, pristine, sizeof(pristine));
    layout_nb_destroy(&ln);
    CHECK_EQ_U64(layout_mdls_live(), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), out0);
    undis_verifier_set_report_fn(NULL, NULL);
}

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

#define LAYOUT_CASE(name)                       \
    TEST(inline_matches_exported_layout_##name) \
    {                                           \
        layout_case(#name);                     \
    }

LAYOUT_NAMES(LAYOUT_CASE)

#define NAME_STRING(name) #name,

/* Every layout of the shared table has its case here. */
TEST(inline_covers_every_layout)
{
    static const char *const names[] = { LAYOUT_NAMES(NAME_STRING) };
    size_t i;
    CHECK_EQ_U64(layout_table_count, sizeof(names) / sizeof(names[0]));
    for (i = 0; i < layout_table_count; i++) {
        CHECK_STR_EQ(layout_table[i].name, names[i]);
    }
}

/* ---- A pool NET_BUFFER: the embedded MDL -------------------------------- */

/* The benchmark's packet: 2176 bytes of pool data, a 64-byte packet at the
 * end; the MDL right after the NB is never freed (spec 4.2). */
TEST(inline_matches_exported_pool_nb)
{
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    unsigned char pristine[sizeof(NET_BUFFER)];
    undis_fault_clear();
    g_rng = 0x2545F4914F6CDD1Dull;
    pool = data_pool(2176);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    nb = NET_BUFFER_LIST_FIRST_NB(nbl);
    CHECK_PTR_EQ(nb->MdlChain, (PMDL)(void *)(nb + 1));
    define_nb_bytes(nb);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64, 0, NULL), NDIS_STATUS_SUCCESS);
    memcpy(pristine, nb, sizeof(pristine));
    explore(nb, 6);
    memcpy(nb, pristine, sizeof(pristine));
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    undis_verifier_set_report_fn(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(inline_matches_exported_layout_single_mdl)
TEST_CASE(inline_matches_exported_layout_many_one_byte_mdls)
TEST_CASE(inline_matches_exported_layout_zero_length_mdls_middle)
TEST_CASE(inline_matches_exported_layout_zero_length_mdls_head)
TEST_CASE(inline_matches_exported_layout_data_ends_on_mdl_boundary)
TEST_CASE(inline_matches_exported_layout_current_mdl_not_head)
TEST_CASE(inline_matches_exported_layout_slack_after_data)
TEST_CASE(inline_matches_exported_layout_no_backfill)
TEST_CASE(inline_matches_exported_layout_data_starts_on_mdl_boundary)
TEST_CASE(inline_matches_exported_layout_page_spanning_odd_mdls)
TEST_CASE(inline_matches_exported_layout_non_normalised_current_mdl)
TEST_CASE(inline_matches_exported_layout_empty_chain)
TEST_CASE(inline_covers_every_layout)
TEST_CASE(inline_matches_exported_pool_nb)
TEST_MAIN_END
