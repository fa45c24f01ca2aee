/* SPDX-License-Identifier: MIT */
/* linktype.c: link types to Ethernet and back (linktype.h). */
#include "linktype.h"

#include <stddef.h>
#include <string.h>

#define ETH_HDR 14

static const struct {
    uint32_t value;
    const char *name;
} g_names[] = {
    { 0, "NULL" },
    { 1, "ETHERNET" },
    { 6, "IEEE802_5 (token ring)" },
    { 8, "SLIP" },
    { 9, "PPP" },
    { 10, "FDDI" },
    { 50, "PPP_HDLC" },
    { 51, "PPP_ETHER (PPPoE)" },
    { 100, "ATM_RFC1483" },
    { 101, "RAW" },
    { 104, "C_HDLC" },
    { 105, "IEEE802_11" },
    { 107, "FRELAY" },
    { 108, "LOOP" },
    { 113, "LINUX_SLL" },
    { 119, "PRISM_HEADER" },
    { 127, "IEEE802_11_RADIOTAP" },
    { 143, "DOCSIS" },
    { 163, "IEEE802_11_AVS" },
    { 189, "USB_LINUX" },
    { 192, "PPI" },
    { 195, "IEEE802_15_4_WITHFCS" },
    { 197, "ERF" },
    { 201, "BLUETOOTH_HCI_H4_WITH_PHDR" },
    { 220, "USB_LINUX_MMAPPED" },
    { 227, "CAN_SOCKETCAN" },
    { 228, "IPV4" },
    { 229, "IPV6" },
    { 239, "NFLOG" },
    { 249, "USBPCAP" },
    { 252, "WIRESHARK_UPPER_PDU" },
    { 276, "LINUX_SLL2" },
};

const char *
link_name(uint32_t linktype)
{
    for (size_t i = 0; i < sizeof(g_names) / sizeof(g_names[0]); i++) {
        if (g_names[i].value == linktype) {
            return g_names[i].name;
        }
    }
    return "unknown";
}

enum link_kind
link_kind_of(uint32_t linktype)
{
    switch (linktype) {
    case 1:
        return LINK_ETHERNET;
    case 113:
        return LINK_SLL;
    case 276:
        return LINK_SLL2;
    case 101:
        return LINK_RAW;
    case 228:
        return LINK_RAW4;
    case 229:
        return LINK_RAW6;
    case 0:
        return LINK_NULL;
    case 108:
        return LINK_LOOP;
    case 105:
        return LINK_80211;
    case 127:
        return LINK_RADIOTAP;
    default:
        return (enum link_kind)0;
    }
}

const char *
link_skip_name(enum link_skip why)
{
    static const char *const names[LINK_SKIP_COUNT] = {
        "taken",
        "802.11 management frames",
        "802.11 control frames",
        "802.11 null-data frames",
        "802.11 protected (encrypted) frames",
        "shorter than their link header",
        "a protocol Ethernet does not carry",
    };
    return why < LINK_SKIP_COUNT ? names[why] : "?";
}

static unsigned
be16(const uint8_t *p)
{
    return (unsigned)(p[0] << 8 | p[1]);
}

static void
put_be16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* eth = dst, src, type-or-length, payload. */
static uint32_t
make_eth(uint8_t *eth,
         const uint8_t *dst,
         const uint8_t *src,
         unsigned type,
         const uint8_t *pl,
         uint32_t n)
{
    static const uint8_t zero[6] = { 0, 0, 0, 0, 0, 0 };
    memcpy(eth, dst != NULL ? dst : zero, 6);
    memcpy(eth + 6, src != NULL ? src : zero, 6);
    put_be16(eth + 12, type);
    if (n != 0) {
        memmove(eth + ETH_HDR, pl, n);
    }
    return ETH_HDR + n;
}

static void
keep(struct link_saved *s, const uint8_t *in, uint32_t len, uint32_t proto_at, uint8_t form)
{
    s->len = (uint16_t)len;
    s->proto_at = (uint16_t)proto_at;
    s->proto_form = form;
    memcpy(s->prefix, in, len);
}

/* A cooked header (SLL: 16 bytes, SLL2: 20). */
static enum link_skip
from_sll(int v2,
         const uint8_t *in,
         uint32_t caplen,
         uint8_t *eth,
         uint32_t *eth_len,
         struct link_saved *s)
{
    static const uint8_t bcast[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    uint32_t hdr = v2 ? 20u : 16u;
    uint32_t proto_at = v2 ? 0u : 14u;
    unsigned proto, pkttype, halen;
    const uint8_t *addr;
    if (caplen < hdr) {
        return LINK_SKIP_SHORT;
    }
    proto = be16(in + proto_at);
    pkttype = v2 ? in[10] : be16(in);
    halen = v2 ? in[11] : be16(in + 4);
    addr = in + (v2 ? 12 : 6);
    if (proto < 0x0600 && proto != 0x0004 && proto != 0x0001) {
        return LINK_SKIP_PROTOCOL;
    }
    keep(s, in, hdr, proto_at, 1);
    s->eth_802_3 = proto < 0x0600;
    *eth_len = make_eth(eth, pkttype == 1 ? bcast : NULL, halen == 6 ? addr : NULL,
                        proto < 0x0600 ? caplen - hdr : proto, in + hdr, caplen - hdr);
    return LINK_OK;
}

static enum link_skip
from_raw(enum link_kind k,
         const uint8_t *in,
         uint32_t caplen,
         uint8_t *eth,
         uint32_t *eth_len,
         struct link_saved *s)
{
    unsigned type = k == LINK_RAW4 ? 0x0800u : k == LINK_RAW6 ? 0x86DDu : 0u;
    if (caplen < 1) {
        return LINK_SKIP_SHORT;
    }
    if (k == LINK_RAW) {
        type = (in[0] >> 4) == 4 ? 0x0800u : (in[0] >> 4) == 6 ? 0x86DDu : 0u;
        if (type == 0) {
            return LINK_SKIP_PROTOCOL;
        }
    }
    keep(s, in, 0, 0, 0);
    *eth_len = make_eth(eth, NULL, NULL, type, in, caplen);
    return LINK_OK;
}

/* NULL: the family in the capturing host's order; LOOP: big-endian. */
static enum link_skip
from_null(int loop,
          const uint8_t *in,
          uint32_t caplen,
          uint8_t *eth,
          uint32_t *eth_len,
          struct link_saved *s)
{
    uint32_t fam;
    int big;
    if (caplen < 4) {
        return LINK_SKIP_SHORT;
    }
    big = loop || (in[0] == 0 && in[1] == 0);
    fam = big ? (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 | (uint32_t)in[2] << 8 | in[3]
              : (uint32_t)in[3] << 24 | (uint32_t)in[2] << 16 | (uint32_t)in[1] << 8 | in[0];
    if (fam != 2 && fam != 10 && fam != 24 && fam != 28 && fam != 30) {
        return LINK_SKIP_PROTOCOL;
    }
    keep(s, in, 4, 0, (uint8_t)(big ? 3 : 2));
    *eth_len = make_eth(eth, NULL, NULL, fam == 2 ? 0x0800u : 0x86DDu, in + 4, caplen - 4);
    return LINK_OK;
}

/* The radiotap header's length, and its Flags field's offset (0: none). */
static int
radiotap(const uint8_t *in, uint32_t caplen, uint32_t *len, uint32_t *flags_at)
{
    uint32_t at = 8, present;
    if (caplen < 8 || in[0] != 0) {
        return -1;
    }
    *len = (uint32_t)in[2] | (uint32_t)in[3] << 8;
    if (*len < 8 || *len > caplen) {
        return -1;
    }
    present =
        (uint32_t)in[4] | (uint32_t)in[5] << 8 | (uint32_t)in[6] << 16 | (uint32_t)in[7] << 24;
    for (uint32_t word = present; (word & 0x80000000u) != 0 && at + 4 <= *len; at += 4) {
        word = (uint32_t)in[at] | (uint32_t)in[at + 1] << 8 | (uint32_t)in[at + 2] << 16 |
               (uint32_t)in[at + 3] << 24;
    }
    if (present & 1u) { /* TSFT: 8 bytes, 8-aligned */
        at = ((at + 7u) & ~7u) + 8u;
    }
    *flags_at = (present & 2u) != 0 && at < *len ? at : 0;
    return 0;
}

/* The 802.11 MAC header length and its DA and SA, or a skip reason. */
static enum link_skip
wlan_header(const uint8_t *h, uint32_t n, uint32_t *hdr, const uint8_t **da, const uint8_t **sa)
{
    unsigned type, subtype, ds;
    if (n < 2) {
        return LINK_SKIP_SHORT;
    }
    type = (h[0] >> 2) & 3u;
    subtype = h[0] >> 4;
    if (type == 0) {
        return LINK_SKIP_MANAGEMENT;
    }
    if (type != 2) {
        return LINK_SKIP_CONTROL;
    }
    if (subtype & 4u) {
        return LINK_SKIP_NO_DATA;
    }
    if (h[1] & 0x40u) {
        return LINK_SKIP_PROTECTED;
    }
    ds = h[1] & 3u;
    *hdr = 24u + (ds == 3 ? 6u : 0u) + ((subtype & 8u) ? 2u : 0u) +
           ((subtype & 8u) && (h[1] & 0x80u) ? 4u : 0u);
    if (n < *hdr) {
        return LINK_SKIP_SHORT;
    }
    if ((subtype & 8u) && (h[*hdr - ((h[1] & 0x80u) ? 6u : 2u)] & 0x80u)) {
        return LINK_SKIP_PROTOCOL; /* an A-MSDU: several frames in one */
    }
    *da = h + (ds == 0 || ds == 2 ? 4 : 16);
    *sa = h + (ds == 0 || ds == 1 ? 10 : ds == 2 ? 16 : 24);
    return LINK_OK;
}

static enum link_skip
from_wlan(int rtap,
          const uint8_t *in,
          uint32_t caplen,
          uint8_t *eth,
          uint32_t *eth_len,
          uint32_t *trailer,
          struct link_saved *s)
{
    static const uint8_t snap[6] = { 0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00 };
    uint32_t rt = 0, flags_at = 0, hdr = 0, body, end = caplen;
    const uint8_t *da = NULL, *sa = NULL;
    enum link_skip why;
    if (rtap && radiotap(in, caplen, &rt, &flags_at) != 0) {
        return LINK_SKIP_SHORT;
    }
    if (flags_at != 0 && (in[flags_at] & 0x10u) != 0) { /* FCS at the end */
        if (caplen < rt + 4) {
            return LINK_SKIP_SHORT;
        }
        end -= 4;
        *trailer = 4;
    }
    why = wlan_header(in + rt, end - rt, &hdr, &da, &sa);
    if (why != LINK_OK) {
        return why;
    }
    body = rt + hdr;
    if (end - body >= 8 && memcmp(in + body, snap, 3) == 0 &&
        (memcmp(in + body + 3, snap + 3, 3) == 0 ||
         (in[body + 3] == 0 && in[body + 4] == 0 && in[body + 5] == 0xF8))) {
        if (body + 8 > LINK_PREFIX_MAX) {
            return LINK_SKIP_PROTOCOL;
        }
        keep(s, in, body + 8, body + 6, 1);
        *eth_len = make_eth(eth, da, sa, be16(in + body + 6), in + body + 8, end - body - 8);
    } else {
        if (body > LINK_PREFIX_MAX) {
            return LINK_SKIP_PROTOCOL;
        }
        keep(s, in, body, 0, 0);
        s->eth_802_3 = 1;
        *eth_len = make_eth(eth, da, sa, end - body, in + body, end - body);
    }
    if (*trailer != 0) {
        s->prefix[flags_at] = (uint8_t)(s->prefix[flags_at] & ~0x10u); /* no FCS out */
    }
    return LINK_OK;
}

enum link_skip
link_to_ethernet(enum link_kind k,
                 const uint8_t *in,
                 uint32_t caplen,
                 uint8_t *eth,
                 uint32_t *eth_len,
                 uint32_t *trailer,
                 struct link_saved *saved)
{
    memset(saved, 0, offsetof(struct link_saved, prefix));
    *trailer = 0;
    switch (k) {
    case LINK_SLL:
    case LINK_SLL2:
        return from_sll(k == LINK_SLL2, in, caplen, eth, eth_len, saved);
    case LINK_RAW:
    case LINK_RAW4:
    case LINK_RAW6:
        return from_raw(k, in, caplen, eth, eth_len, saved);
    case LINK_NULL:
    case LINK_LOOP:
        return from_null(k == LINK_LOOP, in, caplen, eth, eth_len, saved);
    case LINK_80211:
    case LINK_RADIOTAP:
        return from_wlan(k == LINK_RADIOTAP, in, caplen, eth, eth_len, trailer, saved);
    default:
        if (caplen != 0) {
            memcpy(eth, in, caplen);
        }
        *eth_len = caplen;
        return LINK_OK;
    }
}

/* The protocol field of the kept prefix, set for EtherType `type`. */
static int
patch_proto(enum link_kind k, uint8_t *p, const struct link_saved *s, unsigned type)
{
    if (s->proto_form == 1) {
        if (type >= 0x0600) {
            put_be16(p + s->proto_at, type);
        }
        return type >= 0x0600 || s->eth_802_3 ? 0 : -1;
    }
    if (s->proto_form == 2 || s->proto_form == 3) {
        uint32_t fam = type == 0x0800 ? 2u : (k == LINK_LOOP ? 24u : 30u);
        if (type != 0x0800 && type != 0x86DD) {
            return -1;
        }
        if (type == (p[s->proto_form == 3 ? 3 : 0] == 2 ? 0x0800u : 0x86DDu)) {
            return 0; /* unchanged: the original value stays */
        }
        for (int i = 0; i < 4; i++) {
            p[s->proto_form == 3 ? 3 - i : i] = (uint8_t)(fam >> (8 * i));
        }
        return 0;
    }
    return s->eth_802_3 == (type < 0x0600) ? 0 : -1;
}

int
link_from_ethernet(enum link_kind k,
                   const struct link_saved *saved,
                   const uint8_t *eth,
                   uint32_t len,
                   uint8_t *out,
                   uint32_t *out_len,
                   const char **why)
{
    unsigned type;
    if (k == LINK_ETHERNET || k == 0) {
        memcpy(out, eth, len);
        *out_len = len;
        return 0;
    }
    if (len < ETH_HDR) {
        *why = "shorter than an Ethernet header";
        return -1;
    }
    type = be16(eth + 12);
    if ((k == LINK_RAW && type != 0x0800 && type != 0x86DD) || (k == LINK_RAW4 && type != 0x0800) ||
        (k == LINK_RAW6 && type != 0x86DD)) {
        *why = "raw IP carries only IP packets";
        return -1;
    }
    memcpy(out, saved->prefix, saved->len);
    if (patch_proto(k, out, saved, type) != 0) {
        *why = "the link type cannot carry its EtherType";
        return -1;
    }
    memcpy(out + saved->len, eth + ETH_HDR, len - ETH_HDR);
    *out_len = saved->len + len - ETH_HDR;
    return 0;
}
