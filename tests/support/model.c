/*
 * model.c - the flat-buffer NET_BUFFER model (see model.h).
 */
#include "support/model.h"

#include "support/layouts.h"
#include "test.h"

#include <undis/check.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void
model_init(struct model *m)
{
    memset(m, 0, sizeof(*m));
}

void
model_free(struct model *m)
{
    free(m->bytes);
    free(m->mdls);
    memset(m, 0, sizeof(*m));
}

static void
reserve_bytes(struct model *m, size_t need)
{
    if (need > m->bytes_cap) {
        size_t cap = m->bytes_cap == 0 ? 256 : m->bytes_cap;
        unsigned char *bytes;
        while (cap < need) {
            cap *= 2;
        }
        bytes = (unsigned char *)realloc(m->bytes, cap);
        CHECK_NOT_NULL(bytes);
        m->bytes = bytes;
        m->bytes_cap = cap;
    }
}

static void
reserve_mdls(struct model *m, unsigned need)
{
    if (need > m->mdls_cap) {
        unsigned cap = m->mdls_cap == 0 ? 16 : m->mdls_cap;
        struct model_mdl *mdls;
        while (cap < need) {
            cap *= 2;
        }
        mdls = (struct model_mdl *)realloc(m->mdls, cap * sizeof(*mdls));
        CHECK_NOT_NULL(mdls);
        m->mdls = mdls;
        m->mdls_cap = cap;
    }
}

void
model_append_mdl(
    struct model *m, const MDL *mdl, const void *va, ULONG size, const void *bytes, int origin)
{
    reserve_bytes(m, (size_t)m->length + size);
    reserve_mdls(m, m->mdl_count + 1);
    if (size != 0) {
        memcpy(m->bytes + m->length, bytes, size);
    }
    m->length += size;
    m->mdls[m->mdl_count].mdl = mdl;
    m->mdls[m->mdl_count].va = (const unsigned char *)va;
    m->mdls[m->mdl_count].size = size;
    m->mdls[m->mdl_count].origin = origin;
    m->mdl_count++;
}

ULONG
model_mdl_start(const struct model *m, unsigned i)
{
    ULONG at = 0;
    unsigned k;
    for (k = 0; k < i && k < m->mdl_count; k++) {
        at += m->mdls[k].size;
    }
    return at;
}

/* The (index, offset) of chain offset pos by the rule of spec 2.3: stay in
 * an MDL only while the remaining offset is below its size. */
static void
find_position(const struct model *m, ULONG pos, unsigned *index, ULONG *off)
{
    unsigned i = 0;
    while (i < m->mdl_count && pos >= m->mdls[i].size) {
        pos -= m->mdls[i].size;
        i++;
    }
    *index = i;
    *off = pos;
}

void
model_locate(struct model *m)
{
    find_position(m, m->data_offset, &m->cur, &m->cur_off);
}

void
model_set_data(struct model *m, ULONG data_offset, ULONG data_length)
{
    m->data_offset = data_offset;
    m->data_length = data_length;
    model_locate(m);
}

void
model_from_layout(struct model *m, const struct layout_nb *ln)
{
    const struct layout *layout = ln->layout;
    ULONG total = layout_chain_length(layout);
    unsigned char *pattern = (unsigned char *)malloc(total != 0 ? total : 1);
    ULONG at = 0;
    ULONG i;
    unsigned k;
    unsigned r;
    CHECK_NOT_NULL(pattern);
    for (i = 0; i < total; i++) {
        pattern[i] = layout_byte(i);
    }
    model_init(m);
    k = 0;
    for (r = 0; r < LAYOUT_MAX_RUNS && layout->runs[r].count != 0; r++) {
        unsigned c;
        for (c = 0; c < layout->runs[r].count; c++, k++) {
            ULONG size = layout->runs[r].size; /* from the table, not the MDL */
            const MDL *mdl;
            CHECK(k < ln->mdl_count);
            mdl = ln->mdls[k];
            model_append_mdl(m, mdl, MmGetMdlVirtualAddress(mdl), size, pattern + at,
                             LAYOUT_ORIGIN_LAYOUT);
            at += size;
        }
    }
    free(pattern);
    CHECK_EQ_U32(k, ln->mdl_count);
    CHECK_EQ_U32(at, total);
    model_set_data(m, layout->data_offset, layout->data_length);
    if (layout->current_not_normalised) {
        /* The stored position is the end of the last non-empty MDL before
         * the data (layout_nb_build does the same to the real NB). */
        unsigned j = m->cur;
        while (j > 0 && m->mdls[j - 1].size == 0) {
            j--;
        }
        CHECK(j > 0 && m->cur_off == 0);
        m->cur = j - 1;
        m->cur_off = m->mdls[j - 1].size;
    }
}

/* ---- Retreat ------------------------------------------------------------ */

int
model_retreat_is_fast(const struct model *m, ULONG delta)
{
    return m->data_offset >= delta;
}

ULONG
model_retreat_request(const struct model *m, ULONG delta, ULONG backfill)
{
    return backfill + (delta - m->data_offset);
}

void
model_retreat_fast(struct model *m, ULONG delta)
{
    CHECK(model_retreat_is_fast(m, delta));
    m->data_offset -= delta;
    m->data_length += delta;
    model_locate(m);
}

void
model_retreat_slow(struct model *m,
                   ULONG delta,
                   ULONG size_out,
                   const MDL *mdl,
                   const void *va,
                   const void *bytes,
                   int origin)
{
    ULONG shortfall = delta - m->data_offset;
    CHECK(!model_retreat_is_fast(m, delta));
    CHECK(size_out >= shortfall);
    reserve_bytes(m, (size_t)m->length + size_out);
    reserve_mdls(m, m->mdl_count + 1);
    if (size_out != 0) {
        memmove(m->bytes + size_out, m->bytes, m->length);
        memcpy(m->bytes, bytes, size_out);
    }
    m->length += size_out;
    memmove(m->mdls + 1, m->mdls, m->mdl_count * sizeof(*m->mdls));
    m->mdls[0].mdl = mdl;
    m->mdls[0].va = (const unsigned char *)va;
    m->mdls[0].size = size_out;
    m->mdls[0].origin = origin;
    m->mdl_count++;
    /* The new MDL's last `shortfall` bytes and all of the old unused space
     * become data; the new MDL's first bytes are the new backfill. */
    m->data_offset = size_out - shortfall;
    m->data_length += delta;
    m->cur = 0;
    m->cur_off = m->data_offset;
}

/* ---- Advance ------------------------------------------------------------ */

unsigned
model_advance_free_count(const struct model *m, ULONG delta, int origin, int *all_origin)
{
    ULONG off = m->data_offset + delta;
    unsigned i = 0;
    if (all_origin != NULL) {
        *all_origin = 1;
    }
    while (i < m->mdl_count && m->mdls[i].size <= off) {
        if (all_origin != NULL && m->mdls[i].origin != origin) {
            *all_origin = 0;
        }
        off -= m->mdls[i].size;
        i++;
    }
    return i;
}

unsigned
model_advance(
    struct model *m, ULONG delta, int free_mdl, struct model_mdl *freed, unsigned freed_cap)
{
    unsigned n = 0;
    ULONG drop = 0;
    m->data_offset += delta;
    m->data_length -= delta;
    if (!free_mdl) {
        /* Walk on from the stored position; the chain stays. */
        ULONG pos = m->cur_off + delta;
        unsigned i = m->cur;
        while (i < m->mdl_count && m->mdls[i].size <= pos) {
            pos -= m->mdls[i].size;
            i++;
        }
        m->cur = i;
        m->cur_off = pos;
        return 0;
    }
    while (n < m->mdl_count && m->mdls[n].size <= m->data_offset) {
        if (n < freed_cap) {
            freed[n] = m->mdls[n];
        }
        m->data_offset -= m->mdls[n].size;
        drop += m->mdls[n].size;
        n++;
    }
    if (drop != 0) {
        memmove(m->bytes, m->bytes + drop, m->length - drop);
        m->length -= drop;
    }
    if (n != 0) {
        memmove(m->mdls, m->mdls + n, (m->mdl_count - n) * sizeof(*m->mdls));
    }
    m->mdl_count -= n;
    m->cur = 0;
    m->cur_off = m->data_offset;
    return n;
}

/* ---- Data --------------------------------------------------------------- */

/* Chain offset of the stored CurrentMdl position (beyond the chain when
 * CurrentMdl is NULL). */
ULONGLONG
model_position(const struct model *m)
{
    ULONGLONG start = m->cur < m->mdl_count ? model_mdl_start(m, m->cur) : m->length;
    return start + m->cur_off;
}

enum model_get
model_get_data(const struct model *m,
               ULONG n,
               int with_storage,
               ULONG align_multiple,
               ULONG align_offset,
               unsigned char *expected,
               const unsigned char **direct)
{
    ULONGLONG pos = model_position(m);
    if (direct != NULL) {
        *direct = NULL;
    }
    if (expected != NULL && n != 0 && pos + n <= m->length) {
        memcpy(expected, m->bytes + pos, n);
    }
    if (n == 0 || m->cur >= m->mdl_count || m->data_length < n) {
        return MODEL_GET_NULL;
    }
    if ((ULONGLONG)m->cur_off + n <= m->mdls[m->cur].size) {
        const unsigned char *p = m->mdls[m->cur].va + m->cur_off;
        CHECK_NOT_NULL(m->mdls[m->cur].va);
        if (((ULONG)(uintptr_t)p & (align_multiple - 1)) == align_offset) {
            if (direct != NULL) {
                *direct = p;
            }
            return MODEL_GET_DIRECT;
        }
    }
    if (!with_storage || pos + n > m->length) {
        return MODEL_GET_NULL;
    }
    return MODEL_GET_STORAGE;
}

const unsigned char *
model_data(const struct model *m, ULONG pos)
{
    CHECK((ULONGLONG)m->data_offset + pos <= m->length);
    return m->bytes != NULL ? m->bytes + m->data_offset + pos : NULL;
}

void
model_write_data(struct model *m, ULONG pos, const void *src, ULONG n)
{
    CHECK((ULONGLONG)m->data_offset + pos + n <= m->length);
    if (n != 0) {
        memcpy(m->bytes + m->data_offset + pos, src, n);
    }
}

ULONG
model_copy(struct model *dst, ULONG dst_offset, ULONG n, const struct model *src, ULONG src_offset)
{
    ULONGLONG d = model_position(dst) + dst_offset;
    ULONGLONG s = model_position(src) + src_offset;
    ULONGLONG count = n;
    CHECK(dst != src);
    if (d >= dst->length || s >= src->length) {
        return 0;
    }
    if (count > dst->length - d) {
        count = dst->length - d;
    }
    if (count > src->length - s) {
        count = src->length - s;
    }
    if (count != 0) {
        memcpy(dst->bytes + d, src->bytes + s, (size_t)count);
    }
    return (ULONG)count;
}

/* ---- Comparison --------------------------------------------------------- */

/* Compare one MDL of the chain (index i, chain offset at) with the model. */
static void
check_mdl(const struct model *m, const MDL *p, unsigned i, ULONG at, const char *file, int line)
{
    const struct model_mdl *mm = &m->mdls[i];
    const unsigned char *va = (const unsigned char *)MmGetMdlVirtualAddress(p);
    ULONG j;
    if (mm->mdl != NULL && p != mm->mdl) {
        ut_fail_(file, line, "model: MDL %u of the chain is %p, expected %p", i, (const void *)p,
                 (const void *)mm->mdl);
    }
    if (p->ByteCount != mm->size) {
        ut_fail_(file, line, "model: MDL %u (%p) has ByteCount %lu, expected %lu", i,
                 (const void *)p, (unsigned long)p->ByteCount, (unsigned long)mm->size);
    }
    if (mm->va != NULL && va != mm->va) {
        ut_fail_(file, line, "model: MDL %u (%p) describes %p, expected %p", i, (const void *)p,
                 (const void *)va, (const void *)mm->va);
    }
    for (j = 0; j < mm->size; j++) {
        if (va[j] != m->bytes[at + j]) {
            ut_fail_(file, line,
                     "model: chain byte %lu (MDL %u, byte %lu) is 0x%02x, expected 0x%02x "
                     "(DataOffset %lu, DataLength %lu)",
                     (unsigned long)(at + j), i, (unsigned long)j, (unsigned)va[j],
                     (unsigned)m->bytes[at + j], (unsigned long)m->data_offset,
                     (unsigned long)m->data_length);
        }
    }
}

/* Read the used data through the NB's own CurrentMdl position and compare. */
static void
check_window(const struct model *m, const NET_BUFFER *nb, const char *file, int line)
{
    const MDL *p = nb->CurrentMdl;
    ULONG off = nb->CurrentMdlOffset;
    ULONG k = 0;
    while (k < nb->DataLength) {
        const unsigned char *va;
        while (p != NULL && off >= p->ByteCount) {
            off -= p->ByteCount;
            p = p->Next;
        }
        if (p == NULL) {
            ut_fail_(file, line, "model: the chain ends %lu bytes into the data (DataLength %lu)",
                     (unsigned long)k, (unsigned long)nb->DataLength);
        }
        va = (const unsigned char *)MmGetMdlVirtualAddress(p);
        for (; off < p->ByteCount && k < nb->DataLength; off++, k++) {
            if (va[off] != m->bytes[m->data_offset + k]) {
                ut_fail_(file, line,
                         "model: data byte %lu read via CurrentMdl is 0x%02x, expected 0x%02x",
                         (unsigned long)k, (unsigned)va[off],
                         (unsigned)m->bytes[m->data_offset + k]);
            }
        }
    }
}

static void
check_fields(const struct model *m, const NET_BUFFER *nb, const char *file, int line)
{
    const MDL *want_cur = m->cur < m->mdl_count ? m->mdls[m->cur].mdl : NULL;
    if (nb->DataOffset != m->data_offset || nb->DataLength != m->data_length) {
        ut_fail_(file, line, "model: DataOffset/DataLength %lu/%lu, expected %lu/%lu",
                 (unsigned long)nb->DataOffset, (unsigned long)nb->DataLength,
                 (unsigned long)m->data_offset, (unsigned long)m->data_length);
    }
    if (m->cur < m->mdl_count && want_cur == NULL) {
        /* Identity unknown: find the stored MDL by index. */
        const MDL *p = nb->MdlChain;
        unsigned i;
        for (i = 0; i < m->cur && p != NULL; i++) {
            p = p->Next;
        }
        want_cur = p;
    }
    if (nb->CurrentMdl != want_cur || nb->CurrentMdlOffset != m->cur_off) {
        ut_fail_(file, line, "model: CurrentMdl %p @%lu, expected %p @%lu (MDL %u of %u)",
                 (const void *)nb->CurrentMdl, (unsigned long)nb->CurrentMdlOffset,
                 (const void *)want_cur, (unsigned long)m->cur_off, m->cur, m->mdl_count);
    }
}

void
model_check_nb_at(const struct model *m, const NET_BUFFER *nb, const char *file, int line)
{
    const MDL *p;
    unsigned i = 0;
    ULONG at = 0;
    for (p = nb->MdlChain; p != NULL; p = p->Next, i++) {
        if (i >= m->mdl_count) {
            ut_fail_(file, line, "model: the chain has more than the %u MDLs expected",
                     m->mdl_count);
        }
        check_mdl(m, p, i, at, file, line);
        at += p->ByteCount;
    }
    if (i != m->mdl_count) {
        ut_fail_(file, line, "model: the chain has %u MDLs, expected %u", i, m->mdl_count);
    }
    check_fields(m, nb, file, line); /* first: the window walk trusts DataLength */
    check_window(m, nb, file, line);
    model_check_fields_at(m, nb, file, line);
}

void
model_check_fields_at(const struct model *m, const NET_BUFFER *nb, const char *file, int line)
{
    char why[256];
    undis_check_rule rule;
    check_fields(m, nb, file, line);
    rule = undis_nb_check(nb, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        ut_fail_(file, line, "model: undis_nb_check: %s: %s", undis_check_rule_name(rule), why);
    }
}
