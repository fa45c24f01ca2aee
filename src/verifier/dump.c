/* SPDX-License-Identifier: MIT */
/*
 * dump.c: the text pictures of <undis/dump.h>. Every line goes through a
 * small sink that writes either into the caller's buffer (counting what did
 * not fit, as snprintf does) or to a stdio stream; nothing is allocated.
 */
#include "base/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <undis/check.h>
#include <undis/dump.h>

#define BAR_WIDTH       14
#define DEFAULT_MAX     64
#define MAX_NBS         1024
#define PREVIEW_BYTES   16
#define LINE_MAX_LENGTH 512

struct sink {
    char *buf;
    size_t len;
    size_t total; /* characters the whole text has */
    FILE *out;
    int failed;
};

static void sink_printf(struct sink *s, const char *fmt, ...) UNDIS_PRINTF(2, 3);

static void
sink_put(struct sink *s, const char *text, size_t n)
{
    if (s->out != NULL) {
        if (n != 0 && fwrite(text, 1, n, s->out) != n) {
            s->failed = 1;
        }
    } else if (s->len != 0 && s->total < s->len - 1) {
        size_t room = s->len - 1 - s->total;
        memcpy(s->buf + s->total, text, n < room ? n : room);
        s->buf[s->total + (n < room ? n : room)] = '\0';
    }
    s->total += n;
}

static void
sink_printf(struct sink *s, const char *fmt, ...)
{
    char line[LINE_MAX_LENGTH];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n > 0) {
        sink_put(s, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
    }
}

static void
sink_init(struct sink *s, char *buf, size_t len, FILE *out)
{
    memset(s, 0, sizeof(*s));
    s->buf = buf;
    s->len = len;
    s->out = out;
    if (buf != NULL && len != 0) {
        buf[0] = '\0';
    }
}

static const char *
indent_of(const undis_dump_opts *o)
{
    return o->indent != NULL ? o->indent : "";
}

/* Overlap of [a, b) with [lo, hi), in bytes. */
static ULONG
overlap(ULONG64 a, ULONG64 b, ULONG64 lo, ULONG64 hi)
{
    ULONG64 s = a > lo ? a : lo;
    ULONG64 e = b < hi ? b : hi;
    return e > s ? (ULONG)(e - s) : 0;
}

/* The [..##~~] picture: each region non-empty gets at least one character. */
static void
bar(char out[BAR_WIDTH + 3], ULONG unused, ULONG data, ULONG slack)
{
    ULONG total = unused + data + slack;
    ULONG part[3] = { unused, data, slack };
    unsigned width[3] = { 0, 0, 0 };
    const char glyph[3] = { '.', '#', '~' };
    unsigned used = 0;
    unsigned k = 0;
    for (int i = 0; i < 3 && total != 0; i++) {
        if (part[i] != 0) {
            width[i] = (unsigned)(((ULONG64)part[i] * BAR_WIDTH) / total);
            width[i] = width[i] == 0 ? 1 : width[i];
            used += width[i];
        }
    }
    while (used > BAR_WIDTH) { /* minimum widths overshot: trim the widest */
        int w = width[0] >= width[1] && width[0] >= width[2] ? 0 : width[1] >= width[2] ? 1 : 2;
        width[w]--;
        used--;
    }
    if (used < BAR_WIDTH && total != 0) { /* rounding: give the rest to data, or any part */
        int w = data != 0 ? 1 : unused != 0 ? 0 : 2;
        width[w] += BAR_WIDTH - used;
    }
    out[k++] = '[';
    for (int i = 0; i < 3; i++) {
        for (unsigned j = 0; j < width[i]; j++) {
            out[k++] = glyph[i];
        }
    }
    while (k < BAR_WIDTH + 1) {
        out[k++] = ' ';
    }
    out[k++] = ']';
    out[k] = '\0';
}

/* "unused 30, data 98" */
static void
regions(char *out, size_t len, ULONG count, ULONG unused, ULONG data, ULONG slack)
{
    size_t n = 0;
    const char *name[3] = { "unused", "data", "slack" };
    ULONG part[3] = { unused, data, slack };
    out[0] = '\0';
    if (count == 0) {
        snprintf(out, len, "zero-length");
        return;
    }
    for (int i = 0; i < 3; i++) {
        if (part[i] != 0 && n < len) {
            int w = snprintf(out + n, len - n, "%s%s %lu", n ? ", " : "", name[i],
                             (unsigned long)part[i]);
            n += w > 0 ? (size_t)w : 0;
        }
    }
}

static void
dump_mdl(struct sink *s,
         const NET_BUFFER *nb,
         const undis_dump_opts *o,
         const MDL *m,
         unsigned index,
         ULONG64 start)
{
    char what[96];
    char pic[BAR_WIDTH + 3];
    char tag[64];
    char addr[32];
    ULONG64 d = nb->DataOffset;
    ULONG64 e = d + nb->DataLength;
    ULONG64 end = start + m->ByteCount;
    ULONG unused = overlap(start, end, 0, d);
    ULONG data = overlap(start, end, d, e);
    ULONG slack = overlap(start, end, e, ~(ULONG64)0);
    regions(what, sizeof(what), m->ByteCount, unused, data, slack);
    bar(pic, unused, data, slack);
    addr[0] = '\0';
    if ((o->flags & UNDIS_DUMP_NO_ADDRESSES) == 0) {
        snprintf(addr, sizeof(addr), " %p", (const void *)m);
    }
    sink_printf(s, "%s  #%u MDL%s %5lu bytes %s%s", indent_of(o), index, addr,
                (unsigned long)m->ByteCount, (o->flags & UNDIS_DUMP_NO_BARS) ? "" : pic,
                (o->flags & UNDIS_DUMP_NO_BARS) ? "" : " ");
    sink_printf(s, "%s", what);
    if (m == nb->CurrentMdl) {
        sink_printf(s, "  <- CurrentMdl+%lu", (unsigned long)nb->CurrentMdlOffset);
    }
    tag[0] = '\0';
    if (o->mark != NULL && o->mark(o->mark_ctx, nb, m, tag, sizeof(tag)) != 0) {
        tag[sizeof(tag) - 1] = '\0';
        sink_printf(s, "  {%s}", tag);
    }
    sink_printf(s, "\n");
}

/* Hex of the first data bytes, read through MappedSystemVa of mapped MDLs. */
static void
dump_preview(struct sink *s, const NET_BUFFER *nb, const undis_dump_opts *o)
{
    ULONG skip = nb->DataOffset;
    ULONG want = nb->DataLength < PREVIEW_BYTES ? nb->DataLength : PREVIEW_BYTES;
    ULONG got = 0;
    unsigned walked = 0;
    sink_printf(s, "%s  data:", indent_of(o));
    for (const MDL *m = nb->MdlChain; m != NULL && got < want && walked < UNDIS_CHECK_MAX_CHAIN;
         m = m->Next, walked++) {
        const UCHAR *va = (const UCHAR *)m->MappedSystemVa;
        ULONG i;
        if (skip >= m->ByteCount) {
            skip -= m->ByteCount;
            continue;
        }
        if ((m->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) == 0 ||
            va == NULL) {
            sink_printf(s, " (unmapped MDL)");
            break;
        }
        for (i = skip; i < m->ByteCount && got < want; i++, got++) {
            sink_printf(s, " %02x", va[i]);
        }
        skip = 0;
    }
    sink_printf(s, "%s\n", want < nb->DataLength ? " ..." : "");
}

static void
dump_nb(struct sink *s, const NET_BUFFER *nb, const undis_dump_opts *o)
{
    char why[160];
    char addr[32];
    unsigned max = o->max_mdls != 0 ? o->max_mdls : DEFAULT_MAX;
    undis_check_rule chain_rule = undis_mdl_chain_check(nb->MdlChain, why, sizeof(why));
    unsigned count = 0;
    unsigned cur_index = UINT32_MAX;
    ULONG64 bytes = 0;
    ULONG64 start = 0;
    unsigned i = 0;
    const MDL *m;
    if (chain_rule == UNDIS_CHECK_OK) {
        for (m = nb->MdlChain; m != NULL; m = m->Next, count++) {
            if (m == nb->CurrentMdl) {
                cur_index = count;
            }
            bytes += m->ByteCount;
        }
    }
    addr[0] = '\0';
    if ((o->flags & UNDIS_DUMP_NO_ADDRESSES) == 0) {
        snprintf(addr, sizeof(addr), " %p", (const void *)nb);
    }
    sink_printf(s, "%sNB%s DataOffset %lu DataLength %lu CurrentMdl ", indent_of(o), addr,
                (unsigned long)nb->DataOffset, (unsigned long)nb->DataLength);
    if (nb->CurrentMdl == NULL) {
        sink_printf(s, "NULL+%lu", (unsigned long)nb->CurrentMdlOffset);
    } else if (cur_index != UINT32_MAX) {
        sink_printf(s, "#%u+%lu", cur_index, (unsigned long)nb->CurrentMdlOffset);
    } else {
        char cur[32] = "?";
        if ((o->flags & UNDIS_DUMP_NO_ADDRESSES) == 0) {
            snprintf(cur, sizeof(cur), "%p", (const void *)nb->CurrentMdl);
        }
        sink_printf(s, "%s+%lu (not in the chain)", cur, (unsigned long)nb->CurrentMdlOffset);
    }
    if (chain_rule == UNDIS_CHECK_OK) {
        sink_printf(s, " MDLs %u (%llu bytes)\n", count, (unsigned long long)bytes);
    } else {
        sink_printf(s, "\n%s  broken chain: %s\n", indent_of(o), why);
    }
    for (m = nb->MdlChain; m != NULL && i < max; m = m->Next, i++) {
        dump_mdl(s, nb, o, m, i, start);
        start += m->ByteCount;
    }
    if (m != NULL) {
        sink_printf(s, "%s  ... (more MDLs not shown)\n", indent_of(o));
    } else if (chain_rule == UNDIS_CHECK_OK && start < (ULONG64)nb->DataOffset + nb->DataLength) {
        sink_printf(s, "%s  (data runs %llu bytes past the end of the chain)\n", indent_of(o),
                    (unsigned long long)((ULONG64)nb->DataOffset + nb->DataLength - start));
    }
    if ((o->flags & UNDIS_DUMP_DATA_PREVIEW) != 0 && chain_rule == UNDIS_CHECK_OK) {
        dump_preview(s, nb, o);
    }
}

static void
dump_nbl(struct sink *s, const NET_BUFFER_LIST *nbl, const undis_dump_opts *o)
{
    char inner_indent[64];
    undis_dump_opts inner = *o;
    unsigned count = 0;
    const NET_BUFFER *nb;
    char addr[32];
    for (nb = nbl->FirstNetBuffer; nb != NULL && count < MAX_NBS; nb = nb->Next) {
        count++;
    }
    addr[0] = '\0';
    if ((o->flags & UNDIS_DUMP_NO_ADDRESSES) == 0) {
        snprintf(addr, sizeof(addr), " %p", (const void *)nbl);
    }
    sink_printf(s, "%sNBL%s NBs %u%s Status 0x%08lx Flags 0x%08lx\n", indent_of(o), addr, count,
                nb != NULL ? "+" : "", (unsigned long)(ULONG)nbl->Status,
                (unsigned long)nbl->Flags);
    snprintf(inner_indent, sizeof(inner_indent), "%s  ", indent_of(o));
    inner.indent = inner_indent;
    count = 0;
    for (nb = nbl->FirstNetBuffer; nb != NULL && count < MAX_NBS; nb = nb->Next, count++) {
        dump_nb(s, nb, &inner);
    }
    if (nb != NULL) {
        sink_printf(s, "%s... (more NET_BUFFERs, or a loop, not shown)\n", inner_indent);
    }
}

static const undis_dump_opts *
opts_or_default(const undis_dump_opts *opts)
{
    static const undis_dump_opts none = { 0, 0, NULL, NULL, NULL };
    return opts != NULL ? opts : &none;
}

size_t
undis_nb_dump(const NET_BUFFER *nb, const undis_dump_opts *opts, char *buf, size_t len)
{
    struct sink s;
    sink_init(&s, buf, len, NULL);
    dump_nb(&s, nb, opts_or_default(opts));
    return s.total;
}

size_t
undis_nbl_dump(const NET_BUFFER_LIST *nbl, const undis_dump_opts *opts, char *buf, size_t len)
{
    struct sink s;
    sink_init(&s, buf, len, NULL);
    dump_nbl(&s, nbl, opts_or_default(opts));
    return s.total;
}

int
undis_nb_dump_file(const NET_BUFFER *nb, const undis_dump_opts *opts, FILE *out)
{
    struct sink s;
    sink_init(&s, NULL, 0, out);
    dump_nb(&s, nb, opts_or_default(opts));
    return s.failed ? -1 : 0;
}

int
undis_nbl_dump_file(const NET_BUFFER_LIST *nbl, const undis_dump_opts *opts, FILE *out)
{
    struct sink s;
    sink_init(&s, NULL, 0, out);
    dump_nbl(&s, nbl, opts_or_default(opts));
    return s.failed ? -1 : 0;
}
