/*
 * layouts.c - the shared MDL-chain layout table, the NET_BUFFER builder and
 * the test's NetAllocateMdl / NetFreeMdl pair (see layouts.h).
 */
#include "support/layouts.h"

#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* clang-format off */
const struct layout layout_table[] = {
    { "single_mdl",
      "DESIGN rule 6; the common one-buffer packet (appendix A 1, 2, 10): "
      "fast retreat inside one MDL, advance to the chain end gives NULL@0",
      { { 1500, 1, LAYOUT_MALLOC } }, 64, 1436, 0 },
    { "many_one_byte_mdls",
      "DESIGN rule 6; every byte is an MDL boundary: the skip rule "
      "'stay only while offset < ByteCount' (spec 2.3) and copy chunking (6.4, 6.5)",
      { { 1, 48, LAYOUT_MALLOC } }, 8, 36, 0 },
    { "zero_length_mdls_middle",
      "DESIGN rule 6; zero-length MDLs are always skipped (spec 2.3), by the "
      "copy path too (6.4 step 3); DataOffset sits on the boundary before them",
      { { 40, 1, LAYOUT_MALLOC }, { 0, 2, LAYOUT_MALLOC }, { 30, 1, LAYOUT_MALLOC },
        { 0, 1, LAYOUT_MALLOC }, { 50, 1, LAYOUT_MALLOC } }, 40, 70, 0 },
    { "zero_length_mdls_head",
      "DESIGN rule 6; appendix A 11 (Z(0)->A gives A@0); FreeMdl=TRUE frees "
      "zero-length head MDLs even with DataOffset 0 (spec 4.2)",
      { { 0, 2, LAYOUT_MALLOC }, { 64, 1, LAYOUT_MALLOC }, { 0, 1, LAYOUT_MALLOC },
        { 100, 1, LAYOUT_MALLOC } }, 0, 150, 0 },
    { "data_ends_on_mdl_boundary",
      "DESIGN rule 6; the last data byte is the last byte of an MDL and the "
      "next MDL is all slack: advance by DataLength stops at that MDL @0",
      { { 100, 1, LAYOUT_MALLOC }, { 200, 1, LAYOUT_MALLOC }, { 60, 1, LAYOUT_MALLOC } },
      30, 270, 0 },
    { "current_mdl_not_head",
      "DESIGN rule 6; appendix A 3: DataOffset beyond the first MDLs, so a "
      "fast retreat must recompute CurrentMdl from the chain head (spec 4.1)",
      { { 60, 1, LAYOUT_MALLOC }, { 70, 1, LAYOUT_MALLOC }, { 80, 1, LAYOUT_MALLOC },
        { 500, 1, LAYOUT_MALLOC } }, 230, 400, 0 },
    { "slack_after_data",
      "DESIGN rule 6; the chain is longer than DataOffset+DataLength (spec 2.3): "
      "NdisGetDataBuffer is bounded by DataLength, the NB copy only by the chain (6.5)",
      { { 128, 1, LAYOUT_MALLOC }, { 256, 1, LAYOUT_MALLOC }, { 512, 1, LAYOUT_MALLOC } },
      16, 300, 0 },
    { "no_backfill",
      "DataOffset 0: every non-zero retreat takes the slow path and keeps no "
      "old unused space (spec 4.1 step 2, the 'shortfall + backfill' size)",
      { { 200, 1, LAYOUT_MALLOC }, { 300, 1, LAYOUT_MALLOC } }, 0, 500, 0 },
    { "data_starts_on_mdl_boundary",
      "spec 2.3: an offset on a boundary resolves to the next MDL at 0, not "
      "the previous one at its end; retreat(0) renormalises",
      { { 100, 3, LAYOUT_MALLOC } }, 100, 150, 0 },
    { "page_spanning_odd_mdls",
      "odd sizes and buffers that cross page boundaries: MDL Size/PFN "
      "arithmetic (spec 1.3) and misaligned direct pointers for NdisGetDataBuffer",
      { { 333, 3, 3900 }, { 1500, 1, 3001 }, { 1, 1, 4095 }, { 77, 1, 4050 } },
      101, 2450, 0 },
    { "non_normalised_current_mdl",
      "spec 8.9 and appendix A 16: CurrentMdl at the end of the MDL before the "
      "data; the direct path of NdisGetDataBuffer must not be taken, advance walks on",
      { { 100, 1, LAYOUT_MALLOC }, { 0, 1, LAYOUT_MALLOC }, { 100, 1, LAYOUT_MALLOC } },
      100, 50, 1 },
    { "empty_chain",
      "appendix A 9, the XDP allocator pattern: MdlChain NULL, DataOffset and "
      "DataLength 0; the first retreat allocates the whole chain",
      { { 0, 0, LAYOUT_MALLOC } }, 0, 0, 0 },
};
/* clang-format on */

const size_t layout_table_count = sizeof(layout_table) / sizeof(layout_table[0]);

const struct layout *
layout_find(const char *name)
{
    size_t i;
    for (i = 0; i < layout_table_count; i++) {
        if (strcmp(layout_table[i].name, name) == 0) {
            return &layout_table[i];
        }
    }
    ut_fail_(__FILE__, __LINE__, "layout_find: no layout named \"%s\"", name);
}

unsigned
layout_mdl_count(const struct layout *layout)
{
    unsigned n = 0;
    unsigned r;
    for (r = 0; r < LAYOUT_MAX_RUNS && layout->runs[r].count != 0; r++) {
        n += layout->runs[r].count;
    }
    return n;
}

ULONG
layout_chain_length(const struct layout *layout)
{
    ULONG n = 0;
    unsigned r;
    for (r = 0; r < LAYOUT_MAX_RUNS && layout->runs[r].count != 0; r++) {
        n += layout->runs[r].size * layout->runs[r].count;
    }
    return n;
}

unsigned char
layout_byte(ULONG i)
{
    /* Not periodic in 256, so a chain read at the wrong offset shows. */
    return (unsigned char)((i * 37u + (i >> 8) * 11u + 5u) % 127u);
}

unsigned char
layout_handler_byte(unsigned serial, ULONG j)
{
    return (unsigned char)(0x80u | ((serial * 29u + j * 3u + (j >> 7)) & 0x7Fu));
}

/* ---- Registry of test-owned MDLs ---------------------------------------- */

struct mdl_rec {
    PMDL mdl;
    void *block; /* the buffer's allocation (buffer may start inside it) */
    int origin;
};

static struct {
    struct mdl_rec *recs;
    size_t count;
    size_t cap;
} g_reg;

static void
reg_add(PMDL mdl, void *block, int origin)
{
    if (g_reg.count == g_reg.cap) {
        size_t cap = g_reg.cap == 0 ? 64 : g_reg.cap * 2;
        struct mdl_rec *recs = (struct mdl_rec *)realloc(g_reg.recs, cap * sizeof(*recs));
        CHECK_NOT_NULL(recs);
        g_reg.recs = recs;
        g_reg.cap = cap;
    }
    g_reg.recs[g_reg.count].mdl = mdl;
    g_reg.recs[g_reg.count].block = block;
    g_reg.recs[g_reg.count].origin = origin;
    g_reg.count++;
}

static struct mdl_rec *
reg_find(const MDL *mdl)
{
    size_t i;
    for (i = 0; i < g_reg.count; i++) {
        if (g_reg.recs[i].mdl == mdl) {
            return &g_reg.recs[i];
        }
    }
    return NULL;
}

/* Free the MDL and its buffer and forget the record. */
static void
reg_release(struct mdl_rec *rec)
{
    free(rec->mdl);
    free(rec->block);
    *rec = g_reg.recs[--g_reg.count];
    if (g_reg.count == 0) {
        free(g_reg.recs);
        g_reg.recs = NULL;
        g_reg.cap = 0;
    }
}

size_t
layout_mdls_live(void)
{
    return g_reg.count;
}

size_t
layout_mdls_release_all(void)
{
    size_t n = g_reg.count;
    while (g_reg.count != 0) {
        reg_release(&g_reg.recs[g_reg.count - 1]);
    }
    return n;
}

int
layout_mdl_origin(const MDL *mdl)
{
    const struct mdl_rec *rec = reg_find(mdl);
    return rec != NULL ? rec->origin : 0;
}

/* A buffer of `size` bytes: exactly `size` from malloc (at least 1 so a
 * zero-length MDL still has an address), or carved from a page-aligned
 * block at page_offset. *block receives what to free. */
static unsigned char *
buffer_alloc(ULONG size, int page_offset, void **block)
{
    size_t need;
    uintptr_t base;
    if (page_offset == LAYOUT_MALLOC) {
        *block = malloc(size != 0 ? size : 1);
        CHECK_NOT_NULL(*block);
        return (unsigned char *)*block;
    }
    CHECK(page_offset >= 0 && page_offset < (int)PAGE_SIZE);
    need = (size_t)page_offset + size + 2 * PAGE_SIZE;
    *block = malloc(need);
    CHECK_NOT_NULL(*block);
    base = ((uintptr_t)*block + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
    return (unsigned char *)base + page_offset;
}

/* An MDL in its own malloc'd block, built as MmBuildMdlForNonPagedPool
 * leaves it (a zero-length one by hand: that routine requires ByteCount != 0). */
static PMDL
mdl_alloc(unsigned char *va, ULONG size)
{
    PMDL mdl = (PMDL)malloc(MmSizeOfMdl(va, size));
    CHECK_NOT_NULL(mdl);
    MmInitializeMdl(mdl, va, size);
    mdl->Process = NULL;
    mdl->MappedSystemVa = NULL;
    if (size != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        mdl->MappedSystemVa = va;
        mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    return mdl;
}

/* ---- The test handler pair ---------------------------------------------- */

struct layout_handler_state layout_handler;

/* What a new MDL's Next points at until retreat links it (never freed). */
static MDL g_stray_mdl;

void
layout_handler_reset(void)
{
    memset(&layout_handler, 0, sizeof(layout_handler));
}

PMDL
layout_allocate_mdl(PULONG BufferSize)
{
    void *block;
    unsigned char *va;
    PMDL mdl;
    ULONG size;
    ULONG j;
    layout_handler.allocate_calls++;
    layout_handler.last_request = *BufferSize;
    if (layout_handler.fail_next) {
        layout_handler.fail_next = 0;
        layout_handler.enlarge_next = 0;
        *BufferSize += 1000; /* a failed call's size must be ignored (spec 3.2) */
        return NULL;
    }
    size = *BufferSize + layout_handler.enlarge_next;
    layout_handler.enlarge_next = 0;
    va = buffer_alloc(size, LAYOUT_MALLOC, &block);
    for (j = 0; j < size; j++) {
        va[j] = layout_handler_byte(layout_handler.serial, j);
    }
    mdl = mdl_alloc(va, size);
    /* NDIS overwrites Next (spec 3.2); if it did not, the chain would grow
     * this extra MDL and the model comparison would report it. */
    mdl->Next = &g_stray_mdl;
    reg_add(mdl, block, LAYOUT_ORIGIN_HANDLER);
    layout_handler.serial++;
    layout_handler.last_mdl = mdl;
    *BufferSize = size;
    return mdl;
}

VOID
layout_free_mdl(PMDL Mdl)
{
    struct mdl_rec *rec = reg_find(Mdl);
    layout_handler.free_calls++;
    if (rec == NULL) {
        ut_fail_(__FILE__, __LINE__,
                 "layout_free_mdl: MDL %p is not a live test-owned MDL (double free, "
                 "or an MDL from another allocator)",
                 (void *)Mdl);
    }
    if (layout_handler.free_log_count < LAYOUT_FREE_LOG_MAX) {
        layout_handler.free_log[layout_handler.free_log_count] = Mdl;
    }
    layout_handler.free_log_count++;
    reg_release(rec);
}

/* ---- Builder ------------------------------------------------------------ */

/* Leave CurrentMdl at the end of the non-empty MDL that ends at DataOffset. */
static void
make_not_normalised(NET_BUFFER *nb)
{
    PMDL m;
    PMDL last = NULL;
    ULONG pos = 0;
    for (m = nb->MdlChain; m != NULL && pos < nb->DataOffset; m = m->Next) {
        pos += m->ByteCount;
        if (m->ByteCount != 0) {
            last = m;
        }
    }
    CHECK(last != NULL && pos == nb->DataOffset);
    nb->CurrentMdl = last;
    nb->CurrentMdlOffset = last->ByteCount;
}

void
layout_nb_build(struct layout_nb *ln, const struct layout *layout)
{
    unsigned r;
    unsigned k = 0;
    ULONG at = 0;
    PMDL *link;

    CHECK((ULONGLONG)layout->data_offset + layout->data_length <= layout_chain_length(layout));
    memset(ln, 0, sizeof(*ln));
    ln->layout = layout;
    ln->mdl_count = layout_mdl_count(layout);
    ln->mdls = (PMDL *)calloc(ln->mdl_count + 1u, sizeof(PMDL));
    CHECK_NOT_NULL(ln->mdls);
    /* Padding after the NET_BUFFER: (PMDL)(nb + 1) is inside this block and
     * never an MDL, so FreeMdl=TRUE has no embedded MDL to stop at. */
    ln->nb = (NET_BUFFER *)calloc(1, sizeof(NET_BUFFER) + 64);
    CHECK_NOT_NULL(ln->nb);
    link = &ln->nb->MdlChain;
    for (r = 0; r < LAYOUT_MAX_RUNS && layout->runs[r].count != 0; r++) {
        unsigned c;
        for (c = 0; c < layout->runs[r].count; c++) {
            ULONG size = layout->runs[r].size;
            void *block;
            unsigned char *va = buffer_alloc(size, layout->runs[r].page_offset, &block);
            ULONG j;
            for (j = 0; j < size; j++) {
                va[j] = layout_byte(at + j);
            }
            at += size;
            ln->mdls[k] = mdl_alloc(va, size);
            reg_add(ln->mdls[k], block, LAYOUT_ORIGIN_LAYOUT);
            *link = ln->mdls[k];
            link = &ln->mdls[k]->Next;
            k++;
        }
    }
    ln->nb->DataOffset = layout->data_offset;
    ln->nb->DataLength = layout->data_length;
    NdisAdjustNetBufferCurrentMdl(ln->nb);
    if (layout->current_not_normalised) {
        make_not_normalised(ln->nb);
    }
}

/* Free the leading MDLs that undis's default allocator made, through the
 * default free (the only way to give them back). */
static void
free_default_head(NET_BUFFER *nb)
{
    PMDL m = nb->MdlChain;
    PMDL last = NULL;
    PMDL rest;
    ULONG bytes = 0;
    while (m != NULL && reg_find(m) == NULL) {
        bytes += m->ByteCount;
        last = m;
        m = m->Next;
    }
    if (last == NULL) {
        return;
    }
    rest = last->Next;
    last->Next = NULL; /* so the default free never sees a test-owned MDL */
    nb->DataOffset = bytes;
    nb->DataLength = 0;
    NdisAdvanceNetBufferDataStart(nb, 0, TRUE, NULL);
    CHECK_NULL(nb->MdlChain);
    nb->MdlChain = rest;
}

void
layout_nb_destroy(struct layout_nb *ln)
{
    PMDL m;
    if (ln->nb == NULL) {
        return;
    }
    free_default_head(ln->nb);
    m = ln->nb->MdlChain;
    while (m != NULL) {
        PMDL next = m->Next;
        struct mdl_rec *rec = reg_find(m);
        if (rec == NULL) {
            ut_fail_(__FILE__, __LINE__,
                     "layout_nb_destroy: MDL %p in the chain is neither test-owned nor at "
                     "the head (a default MDL after a test-owned one?)",
                     (void *)m);
        }
        reg_release(rec);
        m = next;
    }
    free(ln->nb);
    free(ln->mdls);
    memset(ln, 0, sizeof(*ln));
}
