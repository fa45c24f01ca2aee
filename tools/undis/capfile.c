/* SPDX-License-Identifier: MIT */
/*
 * capfile.c: pcap and pcapng, read and written (capfile.h). Record
 * layouts: pcap is a 24-byte file header then 16-byte record headers;
 * pcapng is a chain of blocks (type, total length, body, total length
 * again) of which this reads the section header (SHB), interface
 * descriptions (IDB), enhanced, simple and obsolete packet blocks and skips
 * the rest; it writes SHB, IDB and EPB.
 */
#include "capfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PCAP_MAGIC_US 0xA1B2C3D4u
#define PCAP_MAGIC_NS 0xA1B23C4Du
#define NG_SHB        0x0A0D0D0Au
#define NG_IDB        1u
#define NG_PB         2u
#define NG_SPB        3u
#define NG_EPB        6u
#define NG_BOM        0x1A2B3C4Du
#define NG_BLOCK_MAX  (CAP_MAX_CAPLEN + 4096u)

static uint32_t
bswap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

static uint32_t
get32(const struct cap_reader *r, const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return r->swap ? bswap32(v) : v;
}

static uint16_t
get16(const struct cap_reader *r, const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    if (r->swap) {
        v = (uint16_t)((unsigned)(v >> 8) | (unsigned)(v << 8));
    }
    return v;
}

static int
fail(struct cap_reader *r, const char *what)
{
    snprintf(r->error, sizeof(r->error), "packet %llu: %s", (unsigned long long)(r->number + 1),
             what);
    return -1;
}

/* Reads n bytes: 1 read, 0 nothing left at all, -1 the file ends inside. */
static int
read_exact(struct cap_reader *r, void *dst, size_t n)
{
    size_t got = fread(dst, 1, n, r->f);
    if (got == n) {
        return 1;
    }
    return got == 0 && feof(r->f) ? 0 : -1;
}

static int
grow(struct cap_reader *r, size_t n)
{
    uint8_t *bigger;
    if (n <= r->bufcap) {
        return 0;
    }
    bigger = (uint8_t *)realloc(r->buf, n);
    if (bigger == NULL) {
        return -1;
    }
    r->buf = bigger;
    r->bufcap = n;
    return 0;
}

/* ---------------------------------------------------------------- pcap */

static int
pcap_header(struct cap_reader *r, const uint8_t *magic4)
{
    uint8_t h[20];
    uint32_t m;
    memcpy(&m, magic4, 4);
    r->swap = m == bswap32(PCAP_MAGIC_US) || m == bswap32(PCAP_MAGIC_NS);
    r->nano = get32(r, magic4) == PCAP_MAGIC_NS;
    if (read_exact(r, h, sizeof(h)) != 1) {
        snprintf(r->error, sizeof(r->error), "the pcap file header is cut short");
        return -1;
    }
    r->nifaces = 1;
    r->iface[0].snaplen = get32(r, h + 12);
    r->iface[0].linktype = get32(r, h + 16) & 0xFFFFu;
    r->iface[0].units = r->nano ? 1000000000u : 1000000u;
    return 0;
}

static int
pcap_record(struct cap_reader *r, struct cap_rec *rec)
{
    uint8_t h[16];
    uint32_t frac;
    int rc = read_exact(r, h, sizeof(h));
    if (rc <= 0) {
        return rc == 0 ? 0 : fail(r, "the file ends inside a record header (truncated capture)");
    }
    rec->caplen = get32(r, h + 8);
    rec->wirelen = get32(r, h + 12);
    if (rec->caplen > CAP_MAX_CAPLEN) {
        return fail(r, "the record claims more than 1 MiB of captured data (damaged capture)");
    }
    frac = get32(r, h + 4);
    if (frac >= (r->nano ? 1000000000u : 1000000u)) {
        return fail(r, "the record's fraction of a second is out of range (damaged capture)");
    }
    rec->ts_ns = (uint64_t)get32(r, h) * 1000000000u + (r->nano ? frac : frac * 1000u);
    if (grow(r, rec->caplen + 1u) != 0) {
        return fail(r, "out of memory");
    }
    if (rec->caplen != 0 && read_exact(r, r->buf, rec->caplen) != 1) {
        return fail(r, "the file ends inside the frame (truncated capture)");
    }
    rec->iface = 0;
    rec->has_flags = 0;
    rec->flags = 0;
    rec->comment = NULL;
    rec->data = r->buf;
    return 1;
}

/* -------------------------------------------------------------- pcapng */

/* Walks the options at body[0..len); calls fn for each. */
typedef void opt_fn(struct cap_reader *r, void *ctx, uint16_t code, const uint8_t *v, uint16_t n);

static void
walk_options(struct cap_reader *r, const uint8_t *p, size_t len, opt_fn *fn, void *ctx)
{
    size_t at = 0;
    while (at + 4 <= len) {
        uint16_t code = get16(r, p + at);
        uint16_t n = get16(r, p + at + 2);
        if (code == 0 || at + 4 + n > len) {
            return;
        }
        fn(r, ctx, code, p + at + 4, n);
        at += 4 + (((size_t)n + 3u) & ~(size_t)3u);
    }
}

static void
idb_option(struct cap_reader *r, void *ctx, uint16_t code, const uint8_t *v, uint16_t n)
{
    struct cap_iface *i = (struct cap_iface *)ctx;
    if (code == 2 && n > 0) { /* if_name */
        size_t k = n < sizeof(i->name) - 1 ? n : sizeof(i->name) - 1;
        memcpy(i->name, v, k);
        i->name[k] = '\0';
    } else if (code == 9 && n >= 1) { /* if_tsresol */
        unsigned e = v[0] & 0x7Fu;
        uint64_t u = 1;
        for (unsigned k = 0; k < e && u < 1000000000000000000ull; k++) {
            u *= (v[0] & 0x80u) ? 2u : 10u;
        }
        i->units = u;
    }
    (void)r;
}

static void
epb_option(struct cap_reader *r, void *ctx, uint16_t code, const uint8_t *v, uint16_t n)
{
    struct cap_rec *rec = (struct cap_rec *)ctx;
    if (code == 1 && rec->comment == NULL) { /* opt_comment */
        size_t k = n < CAP_COMMENT_MAX - 1 ? n : CAP_COMMENT_MAX - 1;
        memcpy(r->comment, v, k);
        r->comment[k] = '\0';
        rec->comment = r->comment;
    } else if (code == 2 && n == 4) { /* epb_flags */
        rec->flags = get32(r, v);
        rec->has_flags = 1;
    }
}

static int
ng_idb(struct cap_reader *r, const uint8_t *b, size_t n)
{
    struct cap_iface *i;
    if (n < 8) {
        return fail(r, "an interface description block is too short (damaged capture)");
    }
    if (r->nifaces >= CAP_MAX_IFACES) {
        return fail(r, "more than 64 interfaces");
    }
    i = &r->iface[r->nifaces++];
    memset(i, 0, sizeof(*i));
    i->linktype = get16(r, b);
    i->snaplen = get32(r, b + 4);
    i->units = 1000000u;
    walk_options(r, b + 8, n - 8, idb_option, i);
    if (i->units > 1000000u) {
        r->nano = 1;
    }
    return 0;
}

static uint64_t
to_ns(uint64_t t, uint64_t units)
{
    if (units == 1000000000u) {
        return t;
    }
    return t / units * 1000000000u + (t % units) * 1000000000u / units;
}

static int
ng_packet(struct cap_reader *r, uint32_t type, const uint8_t *b, size_t n, struct cap_rec *rec)
{
    size_t hdr = type == NG_SPB ? 4 : 20;
    uint32_t ifid;
    uint64_t t = 0;
    if (n < hdr) {
        return fail(r, "a packet block is too short (damaged capture)");
    }
    memset(rec, 0, sizeof(*rec));
    if (type == NG_SPB) {
        ifid = 0;
        rec->wirelen = get32(r, b);
        rec->caplen = (uint32_t)(n - 4) < rec->wirelen ? (uint32_t)(n - 4) : rec->wirelen;
    } else {
        ifid = type == NG_PB ? get16(r, b) : get32(r, b);
        t = (uint64_t)get32(r, b + 4) << 32 | get32(r, b + 8);
        rec->caplen = get32(r, b + 12);
        rec->wirelen = get32(r, b + 16);
    }
    if (r->section_base + ifid >= r->nifaces) {
        return fail(r, "a packet names an interface the file never described (damaged capture)");
    }
    if (rec->caplen > n - hdr) {
        return fail(r, "a packet's length runs past its block (damaged capture)");
    }
    rec->iface = r->section_base + ifid;
    rec->ts_ns = to_ns(t, r->iface[rec->iface].units);
    rec->data = b + hdr;
    if (type == NG_EPB) {
        size_t used = hdr + ((rec->caplen + 3u) & ~3u);
        if (used < n) {
            walk_options(r, b + used, n - used, epb_option, rec);
        }
    }
    return 1;
}

static int
ng_shb(struct cap_reader *r, const uint8_t *body, size_t n)
{
    uint32_t bom;
    if (n < 4) {
        return fail(r, "a section header block is too short (damaged capture)");
    }
    memcpy(&bom, body, 4);
    if (bom != NG_BOM && bom != bswap32(NG_BOM)) {
        return fail(r, "a section header has no byte-order magic (damaged capture)");
    }
    r->section_base = r->nifaces;
    return 0;
}

/* One block: 1 a packet (rec filled), 2 another block, 0 end, -1 damage. */
static int
ng_block(struct cap_reader *r, struct cap_rec *rec)
{
    uint8_t h[8];
    uint32_t type, total;
    int rc;
    if (r->shb_pending) {
        uint32_t shb = NG_SHB;
        r->shb_pending = 0;
        memcpy(h, &shb, 4);
        rc = read_exact(r, h + 4, 4) == 1 ? 1 : -1;
    } else {
        rc = read_exact(r, h, 8);
    }
    if (rc <= 0) {
        return rc == 0 ? 0 : fail(r, "the file ends inside a block header (truncated capture)");
    }
    memcpy(&type, h, 4);
    if (type == NG_SHB) {
        uint32_t bom;
        if (read_exact(r, &bom, 4) != 1) {
            return fail(r, "the file ends inside a section header (truncated capture)");
        }
        r->swap = bom == bswap32(NG_BOM);
        total = get32(r, h + 4);
        if (total < 28 || total > NG_BLOCK_MAX || (total & 3u) != 0 || grow(r, total) != 0) {
            return fail(r, "a section header has a bad length (damaged capture)");
        }
        memcpy(r->buf, &bom, 4);
        if (read_exact(r, r->buf + 4, total - 12) != 1) {
            return fail(r, "the file ends inside a section header (truncated capture)");
        }
        return ng_shb(r, r->buf, total - 12) == 0 ? 2 : -1;
    }
    type = get32(r, h);
    total = get32(r, h + 4);
    if (total < 12 || total > NG_BLOCK_MAX || (total & 3u) != 0 || grow(r, total) != 0) {
        return fail(r, "a block has a bad length (damaged capture)");
    }
    if (read_exact(r, r->buf, total - 8) != 1) {
        return fail(r, "the file ends inside a block (truncated capture)");
    }
    if (type == NG_IDB) {
        return ng_idb(r, r->buf, total - 12) == 0 ? 2 : -1;
    }
    if (type == NG_EPB || type == NG_SPB || type == NG_PB) {
        return ng_packet(r, type, r->buf, total - 12, rec);
    }
    return 2;
}

/* ------------------------------------------------------------- reader */

int
cap_open(struct cap_reader *r, const char *path)
{
    uint8_t magic[4];
    uint32_t m;
    memset(r, 0, sizeof(*r));
    r->size = -1;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (r->f == NULL) {
            snprintf(r->error, sizeof(r->error), "%s", strerror(errno));
            return -1;
        }
        r->own_file = 1;
        if (fseek(r->f, 0, SEEK_END) == 0) {
            r->size = ftell(r->f);
        }
        rewind(r->f);
    }
    if (read_exact(r, magic, 4) != 1) {
        snprintf(r->error, sizeof(r->error), "the file is empty or too short to be a capture");
        cap_close(r);
        return -1;
    }
    memcpy(&m, magic, 4);
    if (m == PCAP_MAGIC_US || m == PCAP_MAGIC_NS || m == bswap32(PCAP_MAGIC_US) ||
        m == bswap32(PCAP_MAGIC_NS)) {
        if (pcap_header(r, magic) != 0) {
            cap_close(r);
            return -1;
        }
        return 0;
    }
    if (m == NG_SHB) {
        r->pcapng = 1;
        r->shb_pending = 1; /* its type word is read: works on a pipe too */
        return 0;
    }
    snprintf(r->error, sizeof(r->error), "unknown file format (neither pcap nor pcapng)");
    cap_close(r);
    return -1;
}

int
cap_read(struct cap_reader *r, struct cap_rec *rec)
{
    int rc;
    if (!r->pcapng) {
        rc = pcap_record(r, rec);
    } else {
        do {
            rc = ng_block(r, rec);
        } while (rc == 2);
    }
    if (rc == 1) {
        r->number++;
    }
    return rc;
}

long
cap_tell(const struct cap_reader *r)
{
    return r->own_file ? ftell(r->f) : -1;
}

void
cap_close(struct cap_reader *r)
{
    if (r->own_file && r->f != NULL) {
        fclose(r->f);
    }
    r->f = NULL;
    r->own_file = 0;
    free(r->buf);
    r->buf = NULL;
    r->bufcap = 0;
}

uint32_t
cap_snaplen(const struct cap_reader *r)
{
    uint32_t s = 0;
    for (uint32_t i = 0; i < r->nifaces; i++) {
        s = r->iface[i].snaplen > s ? r->iface[i].snaplen : s;
    }
    return s;
}

/* ------------------------------------------------------------- writer */

static void
put(struct cap_writer *w, const void *p, size_t n)
{
    if (!w->failed && n != 0 && fwrite(p, 1, n, w->f) != n) {
        w->failed = 1;
        w->err = errno != 0 ? errno : EIO;
    }
}

static void
put32(struct cap_writer *w, uint32_t v)
{
    put(w, &v, 4);
}

static void
put16w(struct cap_writer *w, uint16_t v)
{
    put(w, &v, 2);
}

static size_t
pad4(size_t n)
{
    return (n + 3u) & ~(size_t)3u;
}

/* One option (code, length, value, zero padding). */
static void
put_option(struct cap_writer *w, uint16_t code, const void *v, size_t n)
{
    static const uint8_t zeros[4] = { 0, 0, 0, 0 };
    put16w(w, code);
    put16w(w, (uint16_t)n);
    put(w, v, n);
    put(w, zeros, pad4(n) - n);
}

static size_t
option_size(size_t n)
{
    return 4 + pad4(n);
}

int
cap_write_begin(
    struct cap_writer *w, FILE *f, int pcapng, int nano, uint32_t linktype, uint32_t snaplen)
{
    memset(w, 0, sizeof(*w));
    for (int i = 0; i < CAP_MAX_IFACES; i++) {
        w->snap_at[i] = -1;
    }
    w->f = f;
    w->pcapng = pcapng;
    w->nano = nano;
    w->linktype = linktype;
    w->snaplen = snaplen;
    if (!pcapng) {
        put32(w, nano ? PCAP_MAGIC_NS : PCAP_MAGIC_US);
        put16w(w, 2);
        put16w(w, 4);
        put32(w, 0);
        put32(w, 0);
        w->snap_at[0] = ftell(f) >= 0 ? ftell(f) : -1;
        w->snap[0] = snaplen;
        put32(w, snaplen);
        put32(w, linktype);
    } else {
        static const char appl[] = "undis";
        uint32_t total = 28 + (uint32_t)(option_size(sizeof(appl) - 1) + 4);
        uint64_t section_length = ~(uint64_t)0;
        put32(w, NG_SHB);
        put32(w, total);
        put32(w, NG_BOM);
        put16w(w, 1);
        put16w(w, 0);
        put(w, &section_length, 8);
        put_option(w, 4, appl, sizeof(appl) - 1); /* shb_userappl */
        put32(w, 0);                              /* opt_endofopt */
        put32(w, total);
    }
    return w->failed ? -1 : 0;
}

static void
write_idb(struct cap_writer *w, const struct cap_iface *i)
{
    const uint8_t tsresol = 9; /* nanoseconds */
    size_t name = strlen(i->name);
    uint32_t total = (uint32_t)(20 + option_size(1) + (name != 0 ? option_size(name) : 0) + 4);
    put32(w, NG_IDB);
    put32(w, total);
    put16w(w, (uint16_t)i->linktype);
    put16w(w, 0);
    w->snap_at[w->written_ifaces] = ftell(w->f) >= 0 ? ftell(w->f) : -1;
    w->snap[w->written_ifaces] = i->snaplen;
    put32(w, i->snaplen);
    if (name != 0) {
        put_option(w, 2, i->name, name); /* if_name */
    }
    put_option(w, 9, &tsresol, 1); /* if_tsresol */
    put32(w, 0);
    put32(w, total);
}

static void
write_epb(struct cap_writer *w, const struct cap_rec *rec)
{
    static const uint8_t zeros[4] = { 0, 0, 0, 0 };
    size_t clen = rec->comment != NULL ? strlen(rec->comment) : 0;
    size_t opts = (clen != 0 ? option_size(clen) : 0) + (rec->has_flags ? option_size(4) : 0);
    uint32_t total = (uint32_t)(28 + pad4(rec->caplen) + (opts != 0 ? opts + 4 : 0) + 4);
    put32(w, NG_EPB);
    put32(w, total);
    put32(w, rec->iface);
    put32(w, (uint32_t)(rec->ts_ns >> 32));
    put32(w, (uint32_t)rec->ts_ns);
    put32(w, rec->caplen);
    put32(w, rec->wirelen);
    put(w, rec->data, rec->caplen);
    put(w, zeros, pad4(rec->caplen) - rec->caplen);
    if (opts != 0) {
        if (clen != 0) {
            put_option(w, 1, rec->comment, clen); /* opt_comment */
        }
        if (rec->has_flags) {
            put_option(w, 2, &rec->flags, 4); /* epb_flags */
        }
        put32(w, 0);
    }
    put32(w, total);
}

int
cap_write(struct cap_writer *w, const struct cap_iface *ifaces, const struct cap_rec *rec)
{
    if (!w->pcapng) {
        uint64_t sec = rec->ts_ns / 1000000000u;
        uint32_t ns = (uint32_t)(rec->ts_ns % 1000000000u);
        put32(w, (uint32_t)sec);
        put32(w, w->nano ? ns : ns / 1000u);
        put32(w, rec->caplen);
        put32(w, rec->wirelen);
        put(w, rec->data, rec->caplen);
    } else {
        while (w->written_ifaces <= rec->iface) {
            write_idb(w, &ifaces[w->written_ifaces]);
            w->written_ifaces++;
        }
        write_epb(w, rec);
    }
    {
        uint32_t at = w->pcapng ? rec->iface : 0;
        if (at < CAP_MAX_IFACES && rec->caplen > w->max_caplen[at]) {
            w->max_caplen[at] = rec->caplen;
        }
    }
    w->records++;
    return w->failed ? -1 : 0;
}

int
cap_write_end(struct cap_writer *w)
{
    for (int i = 0; i < CAP_MAX_IFACES && !w->failed; i++) {
        uint32_t snap = w->max_caplen[i];
        if (w->snap[i] != 0 && snap > w->snap[i] && w->snap_at[i] >= 0) {
            long end = ftell(w->f);
            if (end < 0 || fseek(w->f, w->snap_at[i], SEEK_SET) != 0) {
                continue; /* a pipe: the reader sees the frame cut, nothing better */
            }
            put32(w, snap);
            (void)fseek(w->f, end, SEEK_SET);
        }
    }
    if (!w->failed && fflush(w->f) != 0) {
        w->failed = 1;
        w->err = errno != 0 ? errno : EIO;
    }
    return w->failed ? -1 : 0;
}
