/* SPDX-License-Identifier: MIT */
/*
 * run_io.c: the capture going into `undis run` and the frames coming out.
 * Frames of every link type linktype.h takes become Ethernet frames on the
 * way in and get their own link header back on the way out; each keeps its
 * timestamp (to the nanosecond), wire length, interface, comment and
 * direction flags. The output goes to a temporary file renamed at the end
 * (outfile.h). The capture is scanned once first (when it is a file) for
 * its largest frame, which sizes the receive buffers, and for a TCP MSS
 * option, which large sends carry.
 */
#include "run.h"

#include <stdlib.h>
#include <string.h>

#include <ndis.h>

static int
grow_packet(struct packet *pkt, size_t n)
{
    UCHAR *bigger;
    if (n <= pkt->cap) {
        return 0;
    }
    bigger = (UCHAR *)realloc(pkt->bytes, n);
    if (bigger == NULL) {
        return -1;
    }
    pkt->bytes = bigger;
    pkt->cap = n;
    return 0;
}

/* Offset of the TCP header in an Ethernet frame (through one 802.1Q tag),
 * its IP version (4 or 6), or 0 when the frame is not TCP. */
static ULONG
tcp_offset(const UCHAR *f, ULONG len, int *version)
{
    ULONG l3 = 14;
    unsigned type;
    if (len < 14) {
        return 0;
    }
    type = (unsigned)(f[12] << 8 | f[13]);
    if (type == 0x8100 && len >= 18) {
        type = (unsigned)(f[16] << 8 | f[17]);
        l3 = 18;
    }
    if (type == 0x0800 && len >= l3 + 20 && (f[l3] >> 4) == 4 && f[l3 + 9] == 6) {
        *version = 4;
        return l3 + (ULONG)(f[l3] & 0x0Fu) * 4u;
    }
    if (type == 0x86DD && len >= l3 + 40 && f[l3 + 6] == 6) {
        *version = 6;
        return l3 + 40;
    }
    return 0;
}

/* The MSS option of a SYN, or 0. */
static unsigned
syn_mss(const UCHAR *f, ULONG len)
{
    int version = 0;
    ULONG tcp = tcp_offset(f, len, &version);
    ULONG end, at;
    if (tcp == 0 || len < tcp + 20 || (f[tcp + 13] & 0x02u) == 0) {
        return 0;
    }
    end = tcp + (ULONG)(f[tcp + 12] >> 4) * 4u;
    end = end < len ? end : len;
    for (at = tcp + 20; at < end;) {
        if (f[at] == 0) {
            break;
        }
        if (f[at] == 1) {
            at++;
            continue;
        }
        if (at + 1 >= end || f[at + 1] < 2) {
            break;
        }
        if (f[at] == 2 && f[at + 1] == 4 && at + 4 <= end) {
            return (unsigned)(f[at + 2] << 8 | f[at + 3]);
        }
        at += f[at + 1];
    }
    return 0;
}

/* One pass over the file: the largest frame as Ethernet, and an MSS. */
static void
scan_capture(struct run *r)
{
    struct cap_reader s;
    struct cap_rec rec;
    struct packet tmp;
    memset(&tmp, 0, sizeof(tmp));
    if (strcmp(r->o.in, "-") == 0 || cap_open(&s, r->o.in) != 0) {
        return;
    }
    while (cap_read(&s, &rec) == 1) {
        enum link_kind k = link_kind_of(s.iface[rec.iface].linktype);
        uint32_t len = 0, trailer = 0;
        unsigned mss;
        if (k == 0 || grow_packet(&tmp, (size_t)rec.caplen + 14) != 0 ||
            link_to_ethernet(k, rec.data, rec.caplen, tmp.bytes, &len, &trailer, &tmp.link) !=
                LINK_OK) {
            continue;
        }
        r->largest = len > r->largest ? len : r->largest;
        mss = syn_mss(tmp.bytes, len);
        if (mss != 0 && (r->mss == 0 || mss < r->mss)) {
            r->mss = mss;
        }
    }
    cap_close(&s);
    free(tmp.bytes);
}

static const char *
kinds_taken(void)
{
    return "Ethernet, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, NULL, LOOP, IEEE802_11 and "
           "IEEE802_11_RADIOTAP";
}

/* Checks the link type of interface i; 0 fine, -1 error set. */
static int
check_link(struct run *r, uint32_t i, uint64_t packet)
{
    uint32_t lt = r->in.iface[i].linktype;
    if (link_kind_of(lt) != 0) {
        return 0;
    }
    run_error(r, "input", packet,
              "cannot read %s: link type %u (%s) is not one undis run takes (it takes %s)", r->o.in,
              (unsigned)lt, link_name(lt), kinds_taken());
    return -1;
}

int
io_open_input(struct run *r)
{
    uint32_t snap;
    if (cap_open(&r->in, r->o.in) != 0) {
        run_error(r, "input", 0, "cannot read %s: %s", r->o.in, r->in.error);
        return -1;
    }
    if (!r->in.pcapng && check_link(r, 0, 0) != 0) {
        return -1;
    }
    r->linktype = r->in.pcapng ? 1u : r->in.iface[0].linktype;
    snap = cap_snaplen(&r->in);
    if (r->o.buffer != 0) {
        r->buffer = r->o.buffer;
    } else {
        scan_capture(r);
        r->buffer = r->largest != 0 ? r->largest : snap != 0 ? snap + 14u : 65536u + 14u;
    }
    r->buffer = r->buffer < RUN_BUFFER_MIN ? RUN_BUFFER_MIN : r->buffer;
    if (r->buffer + r->o.backfill > RUN_BUFFER_MAX) {
        r->buffer = RUN_BUFFER_MAX - r->o.backfill;
    }
    return 0;
}

int
io_open_output(struct run *r)
{
    const char *out = r->o.out;
    char err[300];
    size_t n;
    if (out == NULL) {
        return 0;
    }
    if (strcmp(out, r->o.in) == 0 || out_same_file(r->o.in, out)) {
        run_error(r, "output", 0,
                  "cannot write %s: it is the input capture (%s), which would be lost; write "
                  "to another file",
                  out, r->o.in);
        return -1;
    }
    n = strlen(out);
    if (r->o.out_pcapng < 0) {
        r->o.out_pcapng = (n > 7 && strcmp(out + n - 7, ".pcapng") == 0) ||
                          (n > 5 && strcmp(out + n - 5, ".ntar") == 0);
    }
    if (out_open(&r->outf, out, err, sizeof(err)) != 0) {
        run_error(r, "output", 0, "cannot write %s: %s", out, err);
        return -1;
    }
    r->writing = 1;
    return 0;
}

/* Frees what the previous frame in this slot kept. */
static void
packet_reset(struct packet *pkt)
{
    free(pkt->comment);
    pkt->comment = NULL;
}

static void
packet_fill(struct run *r, struct packet *pkt, const struct cap_rec *rec)
{
    pkt->number = r->in.number;
    pkt->ts_ns = rec->ts_ns;
    pkt->caplen = rec->caplen;
    pkt->wirelen = rec->wirelen;
    pkt->iface = rec->iface;
    pkt->flags = rec->flags;
    pkt->has_flags = rec->has_flags;
    pkt->comment = NULL;
    if (rec->comment != NULL) {
        size_t n = strlen(rec->comment) + 1;
        pkt->comment = (char *)malloc(n);
        if (pkt->comment != NULL) {
            memcpy(pkt->comment, rec->comment, n);
        }
    }
    pkt->dropped_by = -1;
    pkt->status = NDIS_STATUS_SUCCESS;
    pkt->reshaped = 0;
    pkt->large = 0;
    pkt->nb = NULL;
    pkt->runt = pkt->len < RUN_RUNT;
}

int
io_read(struct run *r, struct packet *pkt)
{
    struct cap_rec rec;
    enum link_kind k;
    enum link_skip why;
    uint32_t len = 0, trailer = 0;
    int rc = cap_read(&r->in, &rec);
    packet_reset(pkt);
    if (rc <= 0) {
        if (rc < 0) {
            run_error(r, "input", r->in.number + 1, "cannot read %s: %s", r->o.in, r->in.error);
        }
        return rc;
    }
    r->st.pkts_in++;
    r->st.bytes_in += rec.caplen;
    if (r->in.pcapng && check_link(r, rec.iface, r->in.number) != 0) {
        return -1;
    }
    k = link_kind_of(r->in.iface[rec.iface].linktype);
    if (grow_packet(pkt, (size_t)rec.caplen + 14) != 0) {
        run_error(r, "setup", r->in.number, "out of memory");
        return -1;
    }
    why = link_to_ethernet(k, rec.data, rec.caplen, pkt->bytes, &len, &trailer, &pkt->link);
    pkt->len = len;
    packet_fill(r, pkt, &rec);
    if (why != LINK_OK) {
        r->st.link_skipped[why]++;
        if (why == LINK_SKIP_SHORT || why == LINK_SKIP_PROTOCOL) {
            run_message(r, MSG_SKIPPED, "packet %llu (%u bytes): not indicated: %s",
                        (unsigned long long)pkt->number, rec.caplen, link_skip_name(why));
        }
        return 2;
    }
    if (rec.caplen < rec.wirelen) {
        r->st.truncated++;
        run_message(r, MSG_TRUNCATED,
                    "packet %llu: only %u of its %u bytes were captured; using those",
                    (unsigned long long)pkt->number, rec.caplen, rec.wirelen);
    }
    return 1;
}

static int
begin_output(struct run *r, const struct packet *pkt)
{
    uint32_t lt = r->in.iface[pkt != NULL ? pkt->iface : 0].linktype;
    uint32_t snap = pkt != NULL ? r->in.iface[pkt->iface].snaplen : cap_snaplen(&r->in);
    if (r->in.nifaces == 0) {
        lt = 1;
        snap = 262144;
    }
    r->linktype = lt;
    if (cap_write_begin(&r->w, r->outf.f, r->o.out_pcapng, r->in.nano, lt,
                        snap != 0 ? snap : 262144) != 0) {
        run_error(r, "output", 0, "cannot write %s: %s", r->o.out, strerror(r->w.err));
        return -1;
    }
    r->writing = 2;
    return 0;
}

void
io_write(struct run *r, const struct packet *pkt, const UCHAR *eth, ULONG len)
{
    struct cap_rec rec;
    const char *why = "";
    uint32_t out_len = 0;
    if (r->writing == 0 || (r->writing == 1 && begin_output(r, pkt) != 0)) {
        r->writing = 0;
        return;
    }
    if (!r->w.pcapng && r->in.iface[pkt->iface].linktype != r->linktype) {
        r->st.out_unwritable++;
        run_message(r, MSG_OUTPUT,
                    "packet %llu: not written: a pcap file has one link type and its "
                    "interface has another (write pcapng: --out FILE.pcapng)",
                    (unsigned long long)pkt->number);
        return;
    }
    if (link_from_ethernet(link_kind_of(r->in.iface[pkt->iface].linktype), &pkt->link, eth, len,
                           r->outbuf, &out_len, &why) != 0) {
        r->st.out_unwritable++;
        run_message(r, MSG_OUTPUT, "packet %llu: not written in link type %s: %s",
                    (unsigned long long)pkt->number, link_name(r->in.iface[pkt->iface].linktype),
                    why);
        return;
    }
    memset(&rec, 0, sizeof(rec));
    rec.ts_ns = pkt->ts_ns;
    rec.caplen = out_len;
    rec.wirelen = out_len + (pkt->wirelen > pkt->caplen ? pkt->wirelen - pkt->caplen : 0u);
    rec.iface = r->w.pcapng ? pkt->iface : 0;
    rec.flags = pkt->flags;
    rec.has_flags = pkt->has_flags;
    rec.comment = pkt->comment;
    rec.data = r->outbuf;
    if (cap_write(&r->w, r->in.iface, &rec) != 0) {
        run_error(r, "output", pkt->number, "cannot write %s: %s", r->o.out, strerror(r->w.err));
        r->writing = 0;
    }
}

int
io_finish_output(struct run *r, int keep)
{
    char err[300];
    if (r->outf.f == NULL) {
        return 0;
    }
    if (keep && r->writing == 1 && begin_output(r, NULL) != 0) {
        keep = 0;
    }
    if (keep && cap_write_end(&r->w) != 0) {
        run_error(r, "output", 0, "cannot write %s: %s", r->o.out, strerror(r->w.err));
        keep = 0;
    }
    if (!keep || r->error.kind != NULL) {
        out_abandon(&r->outf);
        return -1;
    }
    if (out_commit(&r->outf, err, sizeof(err)) != 0) {
        run_error(r, "output", 0, "cannot write %s: %s", r->o.out, err);
        return -1;
    }
    return 0;
}

void
io_close(struct run *r)
{
    out_abandon(&r->outf);
    cap_close(&r->in);
}

/* A frame over the MTU: one NBL with the large-send info the TCP/IP stack
 * sets (LSO V2: MSS, TCP header offset, IP version); other frames over the
 * MTU go as they are (jumbo frames). */
void
io_set_large_send(struct run *r, PNET_BUFFER_LIST nbl, struct packet *pkt)
{
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO lso;
    int version = 0;
    ULONG tcp = tcp_offset(pkt->bytes, pkt->len, &version);
    ULONG l3 = pkt->len >= 14 && pkt->bytes[12] == 0x81 && pkt->bytes[13] == 0 ? 18u : 14u;
    unsigned mss;
    if (pkt->len <= r->o.mtu + l3) {
        return;
    }
    if (tcp == 0 || tcp >= 1024 || pkt->len < tcp + 20) {
        r->st.large_other++;
        return;
    }
    mss = r->mss != 0 ? r->mss : r->o.mtu - (tcp - l3) - (ULONG)(pkt->bytes[tcp + 12] >> 4) * 4u;
    memset(&lso, 0, sizeof(lso));
    lso.LsoV2Transmit.Type = NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE;
    lso.LsoV2Transmit.MSS = mss & 0xFFFFFu;
    lso.LsoV2Transmit.TcpHeaderOffset = tcp & 0x3FFu;
    lso.LsoV2Transmit.IPVersion =
        version == 4 ? NDIS_TCP_LARGE_SEND_OFFLOAD_IPv4 : NDIS_TCP_LARGE_SEND_OFFLOAD_IPv6;
    NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo) = lso.Value;
    pkt->large = 1;
    pkt->tcp_at = tcp;
    r->st.large_sends++;
}

/* At the miniport: a large send's TcpHeaderOffset must still name the TCP
 * header (the ports the frame had there when it was indicated), however
 * the stages moved it. A miniport segmenting from a wrong offset would
 * send garbage. */
void
io_check_large_send(
    struct run *r, PNET_BUFFER_LIST nbl, const struct packet *pkt, const UCHAR *frame, ULONG len)
{
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO lso;
    ULONG at;
    lso.Value = NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo);
    if (lso.Value == NULL || !pkt->large || nbl->ParentNetBufferList != NULL) {
        return;
    }
    at = lso.LsoV2Transmit.TcpHeaderOffset;
    if (at + 4 <= len && memcmp(frame + at, pkt->bytes + pkt->tcp_at, 4) == 0) {
        return;
    }
    r->st.lso_bad++;
    run_message(r, MSG_CHANGED,
                "packet %llu: its large-send TcpHeaderOffset %lu does not point at its TCP "
                "header (a stage moved the header without moving the offset)",
                (unsigned long long)pkt->number, (unsigned long)at);
}
