/* SPDX-License-Identifier: MIT */
/*
 * gen.c: `undis gen`, a synthetic capture of mixed Ethernet traffic,
 * deterministic for a seed: IPv4 and IPv6; TCP, UDP and ICMP/ICMPv6 with
 * correct checksums; ARP; about a quarter 802.1Q-tagged; frame sizes from 60
 * to 1514 bytes (mostly small, as on real links) and a few 9000-byte jumbo
 * frames. Written as pcap (capfile.h) through a temporary file renamed at
 * the end (outfile.h).
 */
#include "undis_tool.h"

#include "capfile.h"
#include "outfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GEN_JUMBO 9000
#define GEN_MAX   (GEN_JUMBO + 4)
#define GEN_T0    1700000000L

struct gen_rng {
    uint64_t s;
};

static uint64_t
gen_next(struct gen_rng *g)
{
    uint64_t z = (g->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static unsigned
gen_below(struct gen_rng *g, unsigned n)
{
    return (unsigned)(gen_next(g) % n);
}

static void
put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static uint32_t
sum16(const unsigned char *p, size_t n, uint32_t sum)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    }
    if (n & 1) {
        sum += (uint32_t)p[n - 1] << 8;
    }
    return sum;
}

static unsigned
fold(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return (unsigned)(~sum & 0xFFFF);
}

/* Transport checksum over the pseudo-header (IPv4 or IPv6) and segment. */
static unsigned
l4_checksum(int v6, const unsigned char *ip, unsigned proto, const unsigned char *seg, size_t n)
{
    uint32_t sum = 0;
    if (v6) {
        sum = sum16(ip + 8, 32, sum);
    } else {
        sum = sum16(ip + 12, 8, sum);
    }
    sum += proto + (uint32_t)n;
    sum = sum16(seg, n, sum);
    return fold(sum);
}

static void
random_bytes(struct gen_rng *g, unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)gen_next(g);
    }
}

/* Frame length for packet i: mostly small, some medium and full, a few jumbo. */
static unsigned
frame_length(struct gen_rng *g, unsigned long i, unsigned long count)
{
    unsigned r = gen_below(g, 100);
    if (count >= 20 && i % (count / 3 + 1) == count / 6) {
        return GEN_JUMBO;
    }
    if (r < 50) {
        return 60 + gen_below(g, 69);
    }
    if (r < 80) {
        return 129 + gen_below(g, 472);
    }
    if (r < 92) {
        return 601 + gen_below(g, 914);
    }
    return 1514;
}

static size_t
build_arp(struct gen_rng *g, unsigned char *l3)
{
    static const unsigned char head[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
    memcpy(l3, head, 8);
    random_bytes(g, l3 + 8, 20);
    memset(l3 + 18, 0, 6);
    return 28;
}

/* IP header + transport; returns the L3 length (room: bytes available). */
static size_t
build_ip(struct gen_rng *g, unsigned char *l3, size_t room, int v6, unsigned proto)
{
    size_t iph = v6 ? 40 : 20;
    size_t l4h = proto == 6 ? 20 : 8;
    size_t total = room;
    unsigned char *seg = l3 + iph;
    size_t seglen = total - iph;
    memset(l3, 0, iph + l4h);
    random_bytes(g, seg + l4h, seglen - l4h);
    if (v6) {
        l3[0] = 0x60;
        put16(l3 + 4, (unsigned)seglen);
        l3[6] = (unsigned char)proto;
        l3[7] = 64;
        l3[8] = 0xfd; /* fd00::/8 unique local */
        random_bytes(g, l3 + 9, 15);
        l3[24] = 0xfd;
        random_bytes(g, l3 + 25, 15);
    } else {
        l3[0] = 0x45;
        put16(l3 + 2, (unsigned)total);
        put16(l3 + 4, gen_below(g, 65536));
        put16(l3 + 6, 0x4000);
        l3[8] = (unsigned char)(32 + gen_below(g, 96));
        l3[9] = (unsigned char)proto;
        l3[12] = 10;
        random_bytes(g, l3 + 13, 3);
        l3[16] = 10;
        random_bytes(g, l3 + 17, 3);
        put16(l3 + 10, fold(sum16(l3, 20, 0)));
    }
    if (proto == 6) {
        put16(seg, 1024 + gen_below(g, 60000));
        put16(seg + 2, gen_below(g, 2) ? 443 : 80);
        random_bytes(g, seg + 4, 8);
        seg[12] = 0x50;
        seg[13] = 0x18; /* PSH ACK */
        put16(seg + 14, 65535);
        put16(seg + 16, l4_checksum(v6, l3, 6, seg, seglen));
    } else if (proto == 17) {
        put16(seg, 1024 + gen_below(g, 60000));
        put16(seg + 2, gen_below(g, 2) ? 53 : 123);
        put16(seg + 4, (unsigned)seglen);
        put16(seg + 6, l4_checksum(v6, l3, 17, seg, seglen));
        if (seg[6] == 0 && seg[7] == 0 && !v6) {
            put16(seg + 6, 0xFFFF);
        }
    } else {
        seg[0] = v6 ? 128 : 8; /* echo request */
        put16(seg + 4, gen_below(g, 65536));
        put16(seg + 6, gen_below(g, 65536));
        put16(seg + 2, v6 ? l4_checksum(1, l3, 58, seg, seglen) : fold(sum16(seg, seglen, 0)));
    }
    return total;
}

/* One frame into buf; returns its length. */
static size_t
build_frame(struct gen_rng *g, unsigned char *buf, unsigned long i, unsigned long count)
{
    unsigned len = frame_length(g, i, count);
    int tagged = gen_below(g, 4) == 0;
    unsigned kind = gen_below(g, 100);
    size_t l2 = tagged ? 18 : 14;
    int v6 = kind >= 55 && kind < 95;
    unsigned proto = gen_below(g, 10) < 5 ? 6 : gen_below(g, 3) != 0 ? 17 : (v6 ? 58 : 1);
    size_t min_l3 = (v6 ? 40u : 20u) + (proto == 6 ? 20u : 8u);
    random_bytes(g, buf, 12);
    buf[0] = (unsigned char)((buf[0] & 0xFC) | 0x02); /* unicast, locally administered */
    buf[6] = (unsigned char)((buf[6] & 0xFC) | 0x02);
    if (tagged) {
        put16(buf + 12, 0x8100);
        put16(buf + 14, (gen_below(g, 8) << 13) | (1 + gen_below(g, 4094)));
    }
    if (kind >= 95) {
        put16(buf + l2 - 2, 0x0806);
        len = len < 60 ? 60 : len > 128 ? 60 : len;
        memset(buf + l2, 0, len - l2);
        build_arp(g, buf + l2);
        return len;
    }
    put16(buf + l2 - 2, v6 ? 0x86DD : 0x0800);
    if (len < l2 + min_l3) {
        len = (unsigned)(l2 + min_l3);
    }
    if (tagged && len + 4 <= 1518 && len != GEN_JUMBO) {
        len += len == 1514 ? 4u : 0u;
    }
    return l2 + build_ip(g, buf + l2, len - l2, v6, proto);
}

static void
gen_records(struct cap_writer *w,
            unsigned char *buf,
            unsigned long long seed,
            unsigned long count,
            unsigned long long *bytes)
{
    struct gen_rng g;
    struct cap_iface iface;
    memset(&iface, 0, sizeof(iface));
    g.s = seed;
    for (unsigned long i = 0; i < count && !w->failed; i++) {
        struct cap_rec rec;
        size_t len = build_frame(&g, buf, i, count);
        memset(&rec, 0, sizeof(rec));
        rec.ts_ns = ((uint64_t)GEN_T0 + i / 1000) * 1000000000u + (uint64_t)(i % 1000) * 1000000u;
        rec.caplen = rec.wirelen = (uint32_t)len;
        rec.data = buf;
        (void)cap_write(w, &iface, &rec);
        *bytes += len;
    }
}

int
undis_tool_gen_write(const char *path, unsigned long long seed, unsigned long count, int quiet)
{
    unsigned char *buf = (unsigned char *)malloc(GEN_MAX + 64);
    struct out_file o;
    struct cap_writer w;
    unsigned long long bytes = 0;
    char err[300];
    if (buf == NULL) {
        fprintf(stderr, "undis gen: out of memory\n");
        return 2;
    }
    if (out_open(&o, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis gen: cannot write %s: %s\n", path, err);
        free(buf);
        return 2;
    }
    if (cap_write_begin(&w, o.f, 0, 0, 1, 65535) == 0) {
        gen_records(&w, buf, seed, count, &bytes);
    }
    free(buf);
    if (cap_write_end(&w) != 0) {
        fprintf(stderr, "undis gen: cannot write %s: %s\n", path, strerror(w.err));
        out_abandon(&o);
        return 2;
    }
    if (out_commit(&o, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis gen: cannot write %s: %s\n", path, err);
        return 2;
    }
    if (!quiet) {
        fprintf(stderr, "undis gen: wrote %lu frames (%llu bytes of frames; seed %llu) to %s\n",
                count, bytes, seed, path);
    }
    return 0;
}

void
undis_tool_gen_usage(FILE *out)
{
    fprintf(out,
            "usage: undis gen --out FILE [--seed S] [--count N]\n"
            "\n"
            "Writes a synthetic capture (pcap, Ethernet) of mixed traffic, the same for the\n"
            "same seed and count, and says what it wrote: about 55%% IPv4, 40%% IPv6, 5%%\n"
            "ARP; TCP, UDP, ICMP and ICMPv6 with correct checksums; about a quarter\n"
            "802.1Q-tagged; half the frames 60-128 bytes, the rest up to 1514 (1518\n"
            "tagged), and three 9000-byte jumbo frames in captures of 20 or more.\n"
            "\n"
            "  --out FILE   where to write it (required; - is stdout). It is written\n"
            "               beside FILE and renamed at the end\n"
            "  --seed S     generator seed (default %llu)\n"
            "  --count N    number of frames (default %lu, 1 to 10000000)\n"
            "  -h, --help   this text\n"
            "\n"
            "The bundled sample (data/sample.pcap, installed as share/undis/sample.pcap)\n"
            "is `undis gen --seed %llu --count %lu`.\n",
            UNDIS_GEN_DEFAULT_SEED, UNDIS_GEN_DEFAULT_COUNT, UNDIS_GEN_DEFAULT_SEED,
            UNDIS_GEN_DEFAULT_COUNT);
}

int
undis_tool_gen(int argc, char **argv)
{
    const char *path = NULL;
    unsigned long long seed = UNDIS_GEN_DEFAULT_SEED;
    unsigned long long count = UNDIS_GEN_DEFAULT_COUNT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            undis_tool_gen_usage(stdout);
            return 0;
        }
        if (v == NULL ||
            (strcmp(a, "--out") != 0 && strcmp(a, "--seed") != 0 && strcmp(a, "--count") != 0)) {
            fprintf(stderr, "undis gen: %s '%s'\n(see `undis gen --help`)\n",
                    v == NULL ? "missing value or unknown option" : "unknown option", a);
            return 2;
        }
        i++;
        if (strcmp(a, "--out") == 0) {
            path = v;
            continue;
        }
        errno = 0;
        if (strcmp(a, "--seed") == 0) {
            seed = strtoull(v, &end, 0);
        } else {
            count = strtoull(v, &end, 0);
        }
        if (errno != 0 || *v < '0' || *v > '9' || *end != '\0' || count > 10000000ULL ||
            count == 0) {
            fprintf(stderr, "undis gen: bad value '%s' for %s%s\n", v, a,
                    strcmp(a, "--count") == 0 ? " (1 to 10000000)" : " (a number)");
            return 2;
        }
    }
    if (path == NULL) {
        fprintf(stderr, "undis gen: --out FILE is needed\n(see `undis gen --help`)\n");
        return 2;
    }
    return undis_tool_gen_write(path, seed, (unsigned long)count, 0);
}
