/* SPDX-License-Identifier: MIT */
/*
 * test_tool_capture.c: the undis tool's own capture reader and link-type
 * conversions (tools/undis/capfile.c and linktype.c, compiled in), where
 * fuzz_capture found them wrong; each case failed before its fix. The
 * fuzzer's inputs replay too (fuzz/corpus/capture/regress-*).
 *
 * The property fuzz_capture checks: a frame the tool takes (LINK_OK)
 * comes back, through link_from_ethernet, byte for byte as it was captured.
 */
#include "test.h"

#include "capfile.h"
#include "linktype.h"

#include <stdio.h>
#include <string.h>

#define ROOM 4096u

static uint8_t g_frame[ROOM];
static uint8_t g_eth[ROOM + 14];
static uint8_t g_out[ROOM + 14 + LINK_PREFIX_MAX];

/* Into g_frame at `at`: n bytes of a counting pattern. */
static void
pattern(uint32_t at, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        g_frame[at + i] = (uint8_t)(i * 7u + 1u);
    }
}

/* An 802.11 data frame from the DS (24-byte header) at g_frame; returns 24. */
static uint32_t
wlan_header(void)
{
    static const uint8_t h[24] = { 0x08, 0x02, 0, 0, 2, 0, 0, 0, 0, 1, 2, 0,
                                   0,    0,    0, 2, 2, 0, 0, 0, 0, 3, 0, 0 };
    memcpy(g_frame, h, sizeof(h));
    return 24;
}

/* A cooked (LINUX_SLL) header with protocol proto at g_frame; returns 16. */
static uint32_t
sll_header(unsigned proto)
{
    static const uint8_t h[14] = { 0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0 };
    memcpy(g_frame, h, sizeof(h));
    g_frame[14] = (uint8_t)(proto >> 8);
    g_frame[15] = (uint8_t)proto;
    return 16;
}

/* g_frame[0..n) to Ethernet; when taken, back, and checked equal. */
static enum link_skip
round_trip(enum link_kind k, uint32_t n)
{
    struct link_saved saved;
    uint32_t len = 0, trailer = 0, out_len = 0;
    const char *why = NULL;
    enum link_skip skip = link_to_ethernet(k, g_frame, n, g_eth, &len, &trailer, &saved);
    if (skip == LINK_OK) {
        CHECK_EQ_INT(link_from_ethernet(k, &saved, g_eth, len, g_out, &out_len, &why), 0);
        CHECK_EQ_U32(trailer, 0);
        CHECK_EQ_U32(out_len, n);
        CHECK_MEM_EQ(g_out, g_frame, n);
    }
    return skip;
}

/* A SNAP header naming an EtherType below 0x0600 would make an Ethernet
 * frame whose type field reads as a length: not taken (it was, and could
 * not be written back: fuzz_capture, regress-80211-snap-small-ethertype). */
TEST(tool_link_wlan_snap_ethertype_below_0600_not_taken)
{
    static const uint8_t snap[8] = { 0xAA, 0xAA, 0x03, 0, 0, 0, 0x00, 0x88 };
    uint32_t at = wlan_header();
    memcpy(g_frame + at, snap, sizeof(snap));
    pattern(at + 8, 40);
    CHECK_EQ_INT(round_trip(LINK_80211, at + 48), LINK_SKIP_PROTOCOL);
    g_frame[at + 6] = 0x08; /* 0x0888: an EtherType, taken */
    CHECK_EQ_INT(round_trip(LINK_80211, at + 48), LINK_OK);
}

/* An 802.11 LLC frame (no SNAP) becomes an 802.3 frame with a length field;
 * longer than 1500 bytes the field would read as an EtherType. */
TEST(tool_link_wlan_llc_longer_than_1500_not_taken)
{
    uint32_t at = wlan_header();
    pattern(at, 1536);
    g_frame[at] = 0xF0; /* an LLC header, not SNAP */
    CHECK_EQ_INT(round_trip(LINK_80211, at + 1536), LINK_SKIP_PROTOCOL);
    CHECK_EQ_INT(round_trip(LINK_80211, at + 1501), LINK_SKIP_PROTOCOL);
    CHECK_EQ_INT(round_trip(LINK_80211, at + 1500), LINK_OK);
}

/* A cooked 802.2 frame (protocol 0x0004) longer than 1500 bytes: the length
 * field read as an EtherType on the way back overwrote the protocol. */
TEST(tool_link_sll_llc_longer_than_1500_not_taken)
{
    uint32_t at = sll_header(0x0004);
    pattern(at, 1600);
    CHECK_EQ_INT(round_trip(LINK_SLL, at + 1600), LINK_SKIP_PROTOCOL);
    CHECK_EQ_INT(round_trip(LINK_SLL, at + 1500), LINK_OK);
    at = sll_header(0x0800);
    pattern(at, 1600);
    CHECK_EQ_INT(round_trip(LINK_SLL, at + 1600), LINK_OK);
}

/* cap_open_stream reads a capture from a stream the caller opened, and
 * leaves it open (fuzz_capture reads from memory this way). */
TEST(tool_capture_open_stream_leaves_stream_open)
{
    static const uint8_t pcap[] = {
        0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0,    0,    0,    0,    0,
        0,    0xFF, 0xFF, 0,    0, 1, 0, 0, 0, 1, 0,    0,    0,    10,   0,
        0,    0,    4,    0,    0, 0, 6, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF,
    };
    struct cap_reader r;
    struct cap_rec rec;
    FILE *f = tmpfile();
    CHECK_NOT_NULL(f);
    CHECK_EQ_SIZE(fwrite(pcap, 1, sizeof(pcap), f), sizeof(pcap));
    rewind(f);
    CHECK_EQ_INT(cap_open_stream(&r, f), 0);
    CHECK_EQ_U32(r.iface[0].linktype, 1);
    CHECK_EQ_INT(cap_read(&r, &rec), 1);
    CHECK_EQ_U32(rec.caplen, 4);
    CHECK_EQ_U32(rec.wirelen, 6);
    CHECK_EQ_U64(rec.ts_ns, 1000000000ull + 10000ull);
    CHECK_MEM_EQ(rec.data, pcap + sizeof(pcap) - 4, 4);
    CHECK_EQ_INT(cap_read(&r, &rec), 0);
    cap_close(&r);
    CHECK_EQ_INT(fseek(f, 0, SEEK_SET), 0); /* still open: ours to close */
    CHECK_EQ_INT(fgetc(f), 0xD4);
    fclose(f);
}

TEST_MAIN_BEGIN
TEST_CASE(tool_link_wlan_snap_ethertype_below_0600_not_taken)
TEST_CASE(tool_link_wlan_llc_longer_than_1500_not_taken)
TEST_CASE(tool_link_sll_llc_longer_than_1500_not_taken)
TEST_CASE(tool_capture_open_stream_leaves_stream_open)
TEST_MAIN_END
