/* SPDX-License-Identifier: MIT */
/*
 * mkcaps.c: writes the small capture files tests/tool runs `undis run` on,
 * one of each kind the tool takes or refuses, all made here (no third-party
 * captures in the repository):
 *
 *   runts.pcap        0..80-byte cuts of a VLAN frame, a VXLAN frame and a
 *                     TCP frame (every stage on every short length)
 *   sll.pcap sll2.pcap raw.pcap ipv4.pcap ipv6.pcap null.pcap loop.pcap
 *                     the same few IP/ARP/LLC packets in each link type
 *   wlan.pcap radiotap.pcap  802.11 data (every DS combination, QoS, LLC),
 *                     management, control, null-data and protected frames
 *   ppp.pcap          a link type undis run refuses
 *   nano.pcap         nanosecond pcap, odd timestamps, frames cut short
 *                     (caplen < wire length), snaplen 1600
 *   swapped.pcap      big-endian pcap
 *   multi.pcapng      two interfaces (Ethernet, SLL), comments, direction
 *                     flags, nanosecond timestamps
 *   tso.pcap          a SYN with MSS 1400 and 64 KB TCP segments (IPv4, IPv6)
 *   blocks.pcapng     written block by block: two sections, timestamps in
 *                     milliseconds and in 2^-10 s, a simple packet block, an
 *                     obsolete packet block, a name resolution block (skipped)
 *
 * usage: undis_mkcaps DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capfile.h"

static unsigned char g_buf[70000];

struct mk {
    FILE *f;
    struct cap_writer w;
    struct cap_iface iface[2];
    uint64_t t;
};

static int
mk_open(struct mk *m,
        const char *dir,
        const char *name,
        int pcapng,
        int nano,
        uint32_t lt,
        uint32_t snap)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    memset(m, 0, sizeof(*m));
    m->f = fopen(path, "wb");
    if (m->f == NULL) {
        perror(path);
        return -1;
    }
    m->iface[0].linktype = lt;
    m->iface[0].snaplen = snap;
    m->t = 1700000000ull * 1000000000u + 123456789u;
    return cap_write_begin(&m->w, m->f, pcapng, nano, lt, snap);
}

static void
mk_put(struct mk *m, const unsigned char *p, uint32_t caplen, uint32_t wirelen)
{
    struct cap_rec r;
    memset(&r, 0, sizeof(r));
    r.ts_ns = m->t;
    m->t += m->w.nano ? 1000001u : 1000000u;
    r.caplen = caplen;
    r.wirelen = wirelen;
    r.data = p;
    (void)cap_write(&m->w, m->iface, &r);
}

static int
mk_close(struct mk *m)
{
    int rc = cap_write_end(&m->w);
    return fclose(m->f) != 0 || rc != 0 ? -1 : 0;
}

static void
be16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static unsigned
csum(const unsigned char *p, size_t n)
{
    unsigned long s = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        s += (unsigned long)(p[i] << 8 | p[i + 1]);
    }
    while (s >> 16) {
        s = (s & 0xFFFF) + (s >> 16);
    }
    return (unsigned)(~s & 0xFFFF);
}

/* An IPv4 header + UDP/TCP of total length n at p; returns n. */
static size_t
ipv4(unsigned char *p, size_t n, unsigned proto)
{
    memset(p, 0, n);
    p[0] = 0x45;
    be16(p + 2, (unsigned)n);
    p[8] = 64;
    p[9] = (unsigned char)proto;
    p[12] = 10, p[15] = 1, p[16] = 10, p[19] = 2;
    be16(p + 10, csum(p, 20));
    be16(p + 20, 1234);
    be16(p + 22, proto == 17 ? 4789u : 80u);
    if (proto == 17) {
        be16(p + 24, (unsigned)n - 20);
    } else {
        p[32] = 0x50; /* data offset 5 */
        p[33] = 0x18;
    }
    for (size_t i = proto == 17 ? 28 : 40; i < n; i++) {
        p[i] = (unsigned char)i;
    }
    return n;
}

static size_t
ipv6(unsigned char *p, size_t n, unsigned proto)
{
    memset(p, 0, n);
    p[0] = 0x60;
    be16(p + 4, (unsigned)n - 40);
    p[6] = (unsigned char)proto;
    p[7] = 64;
    p[8] = 0x20, p[9] = 0x01, p[23] = 1, p[24] = 0x20, p[25] = 0x01, p[39] = 2;
    be16(p + 40, 1234);
    be16(p + 42, 80);
    if (proto == 6) {
        p[52] = 0x50;
        p[53] = 0x18;
    }
    for (size_t i = 60; i < n; i++) {
        p[i] = (unsigned char)(i * 7);
    }
    return n;
}

static size_t
eth(unsigned char *p, unsigned type)
{
    static const unsigned char a[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
    memcpy(p, a, 12);
    be16(p + 12, type);
    return 14;
}

static size_t
arp(unsigned char *p)
{
    static const unsigned char a[28] = { 0,  1, 8, 0, 6, 4, 0, 1, 2, 0, 0,  0, 0, 1,
                                         10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2 };
    memcpy(p, a, sizeof(a));
    return sizeof(a);
}

/* The three frames cut at every length from 0 to 80. */
static int
mk_runts(const char *dir)
{
    unsigned char f[3][200];
    size_t n;
    struct mk m;
    if (mk_open(&m, dir, "runts.pcap", 0, 0, 1, 65535) != 0) {
        return -1;
    }
    n = eth(f[0], 0x8100);
    be16(f[0] + 14, 100);
    be16(f[0] + 16, 0x0800);
    ipv4(f[0] + 18, 100, 17);
    n = eth(f[1], 0x0800);
    ipv4(f[1] + n, 150, 17); /* to port 4789: VXLAN */
    f[1][42] = 0x08;
    f[1][48] = 0x02; /* inner destination address */
    eth(f[2], 0x0800);
    ipv4(f[2] + 14, 100, 6);
    for (int k = 0; k < 3; k++) {
        for (uint32_t len = 0; len <= 80; len++) {
            mk_put(&m, f[k], len, len);
        }
    }
    return mk_close(&m);
}

/* The payloads every link-type fixture carries: IPv4 UDP, IPv6 TCP, IPv4 TCP. */
static size_t
payload(int i, unsigned char *p, unsigned *type)
{
    *type = i == 1 ? 0x86DDu : 0x0800u;
    return i == 0 ? ipv4(p, 120, 17) : i == 1 ? ipv6(p, 90, 6) : ipv4(p, 60, 6);
}

static size_t
llc(unsigned char *p)
{
    static const unsigned char stp[21] = { 0x42, 0x42, 0x03, 0, 0, 0, 0, 0x80, 0, 2, 0,
                                           0,    0,    0,    1, 0, 0, 0, 0,    0, 0 };
    memcpy(p, stp, sizeof(stp));
    return sizeof(stp);
}

/* Cooked headers: SLL (16 bytes) or SLL2 (20) in front of each payload. */
static int
mk_sll(const char *dir, int v2)
{
    struct mk m;
    if (mk_open(&m, dir, v2 ? "sll2.pcap" : "sll.pcap", 0, 0, v2 ? 276u : 113u, 262144) != 0) {
        return -1;
    }
    for (int i = 0; i < 5; i++) {
        unsigned char *h = g_buf, *p;
        unsigned type = 0x0806;
        size_t hl = v2 ? 20 : 16, n;
        memset(h, 0, hl);
        p = h + hl;
        n = i < 3 ? payload(i, p, &type) : i == 3 ? arp(p) : llc(p);
        type = i == 4 ? 0x0004u : type;
        be16(h + (v2 ? 0 : 14), type);
        h[v2 ? 10 : 1] = (unsigned char)(i == 1 ? 4 : 0); /* outgoing / to us */
        be16(h + (v2 ? 8 : 2), 1);                        /* ARPHRD_ETHER */
        h[v2 ? 11 : 5] = 6;
        memcpy(h + (v2 ? 12 : 6), "\x02\x00\x00\x00\x00\x07", 6);
        if (v2) {
            h[7] = 3; /* ifindex */
        }
        mk_put(&m, h, (uint32_t)(hl + n), (uint32_t)(hl + n));
    }
    return mk_close(&m);
}

/* Raw IP (101, 228, 229) and NULL (0) / LOOP (108). */
static int
mk_ip(const char *dir, const char *name, uint32_t lt)
{
    struct mk m;
    if (mk_open(&m, dir, name, 0, 0, lt, 65535) != 0) {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        unsigned type;
        size_t hl = lt == 0 || lt == 108 ? 4 : 0, n;
        n = payload(i, g_buf + hl, &type);
        if ((lt == 228 && type != 0x0800) || (lt == 229 && type != 0x86DD)) {
            continue;
        }
        memset(g_buf, 0, hl);
        if (lt == 0) {
            g_buf[0] = (unsigned char)(type == 0x0800 ? 2 : 30); /* little-endian host */
        } else if (lt == 108) {
            g_buf[3] = (unsigned char)(type == 0x0800 ? 2 : 24);
        }
        mk_put(&m, g_buf, (uint32_t)(hl + n), (uint32_t)(hl + n));
    }
    return mk_close(&m);
}

static unsigned long
crc32(const unsigned char *p, size_t n)
{
    unsigned long c = 0xFFFFFFFFul;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320ul & (0ul - (c & 1ul)));
        }
    }
    return c ^ 0xFFFFFFFFul;
}

/* One 802.11 frame at p: fc0, fc1, addresses, QoS when fc0 says, body. */
static size_t
wlan_frame(unsigned char *p, unsigned fc0, unsigned fc1, int kind)
{
    size_t n = 24;
    unsigned type;
    memset(p, 0, 64);
    p[0] = (unsigned char)fc0;
    p[1] = (unsigned char)fc1;
    for (int a = 0; a < 4; a++) {
        memcpy(p + (a < 3 ? 4 + 6 * a : 24), "\x02\x00\x00\x00\x00", 5);
        p[(a < 3 ? 4 + 6 * a : 24) + 5] = (unsigned char)(0x10 + a);
    }
    if ((fc0 & 0x0C) != 0x08) { /* management or control: a short body */
        return (fc0 & 0x0C) == 0x04 ? 10 : n + 12;
    }
    n += (fc1 & 3) == 3 ? 6 : 0;
    n += (fc0 & 0x80) ? 2 : 0;
    if (fc0 & 0x40) {
        return n; /* null data */
    }
    if (kind == 1) {
        return n + llc(p + n);
    }
    memcpy(p + n, "\xAA\xAA\x03\x00\x00\x00", 6);
    n += 6;
    n += payload(kind == 2 ? 1 : 0, p + n + 2, &type) + 2;
    be16(p + n - 2 - (kind == 2 ? 90 : 120), type);
    return n;
}

static int
mk_wlan(const char *dir, int rtap)
{
    static const unsigned fc[][3] = {
        { 0x08, 0x01, 0 }, { 0x08, 0x02, 2 }, { 0x08, 0x00, 0 }, { 0x88, 0x03, 0 },
        { 0x88, 0x01, 1 }, { 0x80, 0x00, 0 }, { 0xD4, 0x00, 0 }, { 0x48, 0x01, 0 },
        { 0xC8, 0x01, 0 }, { 0x08, 0x41, 0 },
    };
    struct mk m;
    if (mk_open(&m, dir, rtap ? "radiotap.pcap" : "wlan.pcap", 0, 0, rtap ? 127u : 105u, 65535) !=
        0) {
        return -1;
    }
    for (size_t i = 0; i < sizeof(fc) / sizeof(fc[0]); i++) {
        size_t hl = rtap ? 10 : 0, n;
        int fcs = rtap && (i & 1) != 0;
        memset(g_buf, 0, hl);
        if (rtap) {
            g_buf[2] = 10;                              /* it_len */
            g_buf[4] = 0x06;                            /* present: flags, rate */
            g_buf[8] = (unsigned char)(fcs ? 0x10 : 0); /* flags: FCS at end */
            g_buf[9] = 12;                              /* 6 Mb/s */
        }
        n = wlan_frame(g_buf + hl, fc[i][0], fc[i][1], (int)fc[i][2]);
        if (fcs) {
            unsigned long c = crc32(g_buf + hl, n);
            for (int k = 0; k < 4; k++) {
                g_buf[hl + n + (size_t)k] = (unsigned char)(c >> (8 * k));
            }
            n += 4;
        }
        mk_put(&m, g_buf, (uint32_t)(hl + n), (uint32_t)(hl + n));
    }
    return mk_close(&m);
}

static int
mk_ppp(const char *dir)
{
    struct mk m;
    unsigned type;
    size_t n;
    if (mk_open(&m, dir, "ppp.pcap", 0, 0, 9, 65535) != 0) {
        return -1;
    }
    g_buf[0] = 0xFF, g_buf[1] = 0x03, g_buf[2] = 0x00, g_buf[3] = 0x21;
    n = payload(0, g_buf + 4, &type);
    mk_put(&m, g_buf, (uint32_t)(n + 4), (uint32_t)(n + 4));
    return mk_close(&m);
}

/* Nanosecond pcap, snaplen 1600, some frames cut short. */
static int
mk_nano(const char *dir)
{
    static const uint32_t wire[] = { 60, 1514, 3000, 9014, 200 };
    struct mk m;
    if (mk_open(&m, dir, "nano.pcap", 0, 1, 1, 1600) != 0) {
        return -1;
    }
    for (size_t i = 0; i < sizeof(wire) / sizeof(wire[0]); i++) {
        size_t n = eth(g_buf, 0x0800);
        uint32_t cap = wire[i] < 1600 ? wire[i] : 1600;
        ipv4(g_buf + n, wire[i] - n, 17);
        be16(g_buf + n + 22, 53);
        mk_put(&m, g_buf, cap, wire[i]);
    }
    return mk_close(&m);
}

static void
put_be32(FILE *f, uint32_t v)
{
    unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 8), (unsigned char)v };
    fwrite(b, 1, 4, f);
}

/* A big-endian (byte-swapped) microsecond pcap, written by hand. */
static int
mk_swapped(const char *dir)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof(path), "%s/swapped.pcap", dir);
    f = fopen(path, "wb");
    if (f == NULL) {
        return -1;
    }
    put_be32(f, 0xA1B2C3D4u);
    put_be32(f, 0x00020004u);
    put_be32(f, 0);
    put_be32(f, 0);
    put_be32(f, 65535);
    put_be32(f, 1);
    for (uint32_t i = 0; i < 3; i++) {
        unsigned type;
        size_t n = eth(g_buf, 0);
        n += payload((int)i, g_buf + n, &type);
        be16(g_buf + 12, type);
        put_be32(f, 1700000000u + i);
        put_be32(f, 999999u - i);
        put_be32(f, (uint32_t)n);
        put_be32(f, (uint32_t)n);
        fwrite(g_buf, 1, n, f);
    }
    return fclose(f) != 0 ? -1 : 0;
}

/* Two interfaces (Ethernet "eth0", SLL "any"), comments, direction flags. */
static int
mk_multi(const char *dir)
{
    struct mk m;
    if (mk_open(&m, dir, "multi.pcapng", 1, 1, 1, 0) != 0) {
        return -1;
    }
    m.iface[0].snaplen = 262144;
    strcpy(m.iface[0].name, "eth0");
    m.iface[1].linktype = 113;
    m.iface[1].snaplen = 65535;
    strcpy(m.iface[1].name, "any");
    for (uint32_t i = 0; i < 6; i++) {
        struct cap_rec r;
        unsigned type;
        size_t hl = (i & 1) ? 16 : 14, n;
        memset(g_buf, 0, hl);
        n = payload((int)(i % 3), g_buf + hl, &type);
        if (i & 1) {
            be16(g_buf + 14, type);
            be16(g_buf + 2, 1);
            g_buf[1] = 4;
        } else {
            eth(g_buf, type);
        }
        memset(&r, 0, sizeof(r));
        r.ts_ns = m.t + i * 1000000007ull;
        r.caplen = r.wirelen = (uint32_t)(hl + n);
        r.iface = i & 1;
        r.has_flags = i != 4;
        r.flags = i % 3 == 0 ? 1u : 2u;
        r.comment = i % 2 == 0 ? "made by undis_mkcaps" : NULL;
        r.data = g_buf;
        (void)cap_write(&m.w, m.iface, &r);
    }
    return mk_close(&m);
}

/* A SYN announcing MSS 1400, then 64 KB TCP segments (IPv4, IPv6, VLAN). */
static int
mk_tso(const char *dir)
{
    struct mk m;
    size_t n;
    if (mk_open(&m, dir, "tso.pcap", 0, 0, 1, 262144) != 0) {
        return -1;
    }
    n = eth(g_buf, 0x0800);
    ipv4(g_buf + n, 44, 6);
    g_buf[n + 32] = 0x60;
    g_buf[n + 33] = 0x02; /* SYN */
    memcpy(g_buf + n + 40, "\x02\x04\x05\x78", 4);
    mk_put(&m, g_buf, (uint32_t)n + 44, (uint32_t)n + 44);
    for (int i = 0; i < 4; i++) {
        n = eth(g_buf, 0x0800);
        ipv4(g_buf + n, 64000 - (size_t)i, 6);
        mk_put(&m, g_buf, (uint32_t)n + 64000 - (uint32_t)i, (uint32_t)n + 64000 - (uint32_t)i);
    }
    n = eth(g_buf, 0x86DD);
    ipv6(g_buf + n, 65000, 6);
    mk_put(&m, g_buf, (uint32_t)n + 65000, (uint32_t)n + 65000);
    n = eth(g_buf, 0x8100);
    be16(g_buf + 14, 7);
    be16(g_buf + 16, 0x0800);
    ipv4(g_buf + 18, 30000, 6);
    mk_put(&m, g_buf, 18 + 30000, 18 + 30000);
    return mk_close(&m);
}

/* One pcapng block: type, body (padded), total length at both ends. */
static void
ng_block(FILE *f, uint32_t type, const unsigned char *body, size_t n)
{
    static const unsigned char zeros[4] = { 0, 0, 0, 0 };
    uint32_t total = (uint32_t)(12 + ((n + 3) & ~(size_t)3));
    fwrite(&type, 4, 1, f);
    fwrite(&total, 4, 1, f);
    fwrite(body, 1, n, f);
    fwrite(zeros, 1, ((n + 3) & ~(size_t)3) - n, f);
    fwrite(&total, 4, 1, f);
}

static size_t
put32le(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
    return 4;
}

/* SHB body: byte-order magic, version 1.0, section length unknown. */
static void
ng_shb(FILE *f)
{
    unsigned char b[16];
    memset(b, 0xFF, sizeof(b));
    put32le(b, 0x1A2B3C4Du);
    b[4] = 1, b[5] = 0, b[6] = 0, b[7] = 0;
    ng_block(f, 0x0A0D0D0Au, b, sizeof(b));
}

/* IDB body: Ethernet, snaplen, if_tsresol = resol. */
static void
ng_idb(FILE *f, unsigned char resol)
{
    unsigned char b[20];
    memset(b, 0, sizeof(b));
    b[0] = 1;
    put32le(b + 4, 65535);
    b[8] = 9, b[10] = 1, b[12] = resol; /* if_tsresol, then opt_endofopt */
    ng_block(f, 1, b, sizeof(b));
}

/* An EPB (or with obsolete set, a PB) of one frame at time t. */
static void
ng_packet(FILE *f, int obsolete, uint32_t ifid, uint64_t t, const unsigned char *d, size_t n)
{
    size_t at = 0;
    unsigned char *b = g_buf + 20000;
    if (obsolete) {
        b[0] = (unsigned char)ifid, b[1] = 0, b[2] = 0, b[3] = 0;
        at = 4;
    } else {
        at = put32le(b, ifid);
    }
    at += put32le(b + at, (uint32_t)(t >> 32));
    at += put32le(b + at, (uint32_t)t);
    at += put32le(b + at, (uint32_t)n);
    at += put32le(b + at, (uint32_t)n);
    memcpy(b + at, d, n);
    ng_block(f, obsolete ? 2u : 6u, b, at + n);
}

static int
mk_blocks(const char *dir)
{
    char path[1024];
    unsigned char nrb[12] = { 1, 0, 4, 0, 10, 0, 0, 1, 0, 0, 0, 0 }; /* 10.0.0.1, no name */
    unsigned char spb[200];
    unsigned type;
    size_t n = eth(g_buf, 0x0800);
    FILE *f;
    snprintf(path, sizeof(path), "%s/blocks.pcapng", dir);
    f = fopen(path, "wb");
    if (f == NULL) {
        return -1;
    }
    n += payload(0, g_buf + n, &type);
    ng_shb(f);
    ng_idb(f, 3);                     /* milliseconds */
    ng_block(f, 4, nrb, sizeof(nrb)); /* skipped */
    ng_packet(f, 0, 0, 1700000000123ull, g_buf, n);
    put32le(spb, (uint32_t)n);
    memcpy(spb + 4, g_buf, n);
    ng_block(f, 3, spb, 4 + n);                     /* simple packet block */
    ng_packet(f, 1, 0, 1700000000456ull, g_buf, n); /* obsolete packet block */
    ng_shb(f);                                      /* a second section */
    ng_idb(f, 0x8A);                                /* 2^-10 s */
    ng_packet(f, 0, 0, 1700000000ull * 1024 + 640, g_buf, n);
    return fclose(f) != 0 ? -1 : 0;
}

int
main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    int bad = 0;
    bad |= mk_runts(dir);
    bad |= mk_sll(dir, 0);
    bad |= mk_sll(dir, 1);
    bad |= mk_ip(dir, "raw.pcap", 101);
    bad |= mk_ip(dir, "ipv4.pcap", 228);
    bad |= mk_ip(dir, "ipv6.pcap", 229);
    bad |= mk_ip(dir, "null.pcap", 0);
    bad |= mk_ip(dir, "loop.pcap", 108);
    bad |= mk_wlan(dir, 0);
    bad |= mk_wlan(dir, 1);
    bad |= mk_ppp(dir);
    bad |= mk_nano(dir);
    bad |= mk_swapped(dir);
    bad |= mk_multi(dir);
    bad |= mk_tso(dir);
    bad |= mk_blocks(dir);
    if (bad) {
        fprintf(stderr, "undis_mkcaps: could not write every capture to %s\n", dir);
        return 1;
    }
    return 0;
}
