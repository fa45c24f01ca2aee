/* SPDX-License-Identifier: MIT */
/*
 * linktype.h: the link types `undis run` takes, turned into the Ethernet
 * frames an NDIS 802.3 miniport indicates, and back.
 *
 *   Ethernet (1)                 as it is
 *   Linux SLL (113), SLL2 (276)  the cooked header becomes an Ethernet header
 *                                (source address from it, destination zero)
 *   raw IP (101, 228, 229)       an Ethernet header is put in front
 *   NULL (0), LOOP (108)         the address family becomes an EtherType
 *   802.11 (105), radiotap (127) data frames become 802.3 frames as a native
 *                                Wi-Fi miniport indicates them (DA, SA, the
 *                                LLC/SNAP EtherType); management, control,
 *                                null-data and protected frames are skipped
 *
 * The bytes in front of the payload are kept per frame and put back on the
 * way out with the EtherType of the frame that came out. User mode; pure
 * functions, any thread.
 */
#ifndef UNDIS_TOOL_LINKTYPE_H
#define UNDIS_TOOL_LINKTYPE_H

#include <stddef.h>
#include <stdint.h>

#define LINK_PREFIX_MAX 256

enum link_kind {
    LINK_ETHERNET = 1,
    LINK_SLL,
    LINK_SLL2,
    LINK_RAW,
    LINK_RAW4,
    LINK_RAW6,
    LINK_NULL,
    LINK_LOOP,
    LINK_80211,
    LINK_RADIOTAP,
};

/* Why a frame is not indicated (counted per reason). */
enum link_skip {
    LINK_OK = 0,
    LINK_SKIP_MANAGEMENT, /* 802.11 management frame */
    LINK_SKIP_CONTROL,    /* 802.11 control frame */
    LINK_SKIP_NO_DATA,    /* 802.11 null data / QoS null */
    LINK_SKIP_PROTECTED,  /* 802.11 frame still encrypted */
    LINK_SKIP_SHORT,      /* shorter than its link header */
    LINK_SKIP_PROTOCOL,   /* a protocol Ethernet cannot carry (e.g. AF 7) */
    LINK_SKIP_COUNT
};

/* What is kept of one frame's link header. */
struct link_saved {
    uint16_t len;       /* prefix bytes */
    uint16_t proto_at;  /* offset of the protocol field in prefix */
    uint8_t proto_form; /* 0 none, 1 BE16, 2 host-order 32 (NULL), 3 BE32 (LOOP) */
    uint8_t eth_802_3;  /* the Ethernet frame had a length field, not a type */
    uint8_t prefix[LINK_PREFIX_MAX];
};

/* The kind for a LINKTYPE value, or 0 when undis run does not take it. */
enum link_kind link_kind_of(uint32_t linktype);

/* A printable name of any LINKTYPE value ("LINUX_SLL", or "unknown"). */
const char *link_name(uint32_t linktype);

/* A printable reason for a skip. */
const char *link_skip_name(enum link_skip why);

/* Converts one frame (in[0..caplen)) to Ethernet into eth (room for
 * caplen + 14 bytes). Returns LINK_OK with *eth_len and *saved set, or why
 * it is skipped. *trailer: bytes removed from the end (an 802.11 FCS). */
enum link_skip link_to_ethernet(enum link_kind k,
                                const uint8_t *in,
                                uint32_t caplen,
                                uint8_t *eth,
                                uint32_t *eth_len,
                                uint32_t *trailer,
                                struct link_saved *saved);

/* The frame that came out (Ethernet, eth[0..len)) in the original link
 * type into out (room for len + LINK_PREFIX_MAX). 0 with *out_len set, or
 * -1 when the link type cannot carry it (*why set). */
int link_from_ethernet(enum link_kind k,
                       const struct link_saved *saved,
                       const uint8_t *eth,
                       uint32_t len,
                       uint8_t *out,
                       uint32_t *out_len,
                       const char **why);

#endif /* UNDIS_TOOL_LINKTYPE_H */
