/* SPDX-License-Identifier: MIT */
/*
 * run.c: `undis run`. It plays NDIS around the stages:
 *
 *   capture --libpcap--> receive pool NBLs (backfill, batches chained as a
 *   receive indication) [--reshape] --> stage 0 --> ... --> stage n-1 -->
 *   "miniport": frames written to --out, then completed --> stage n-1's
 *   completion --> ... --> stage 0's --> undis: checked and freed.
 *
 * Completions are queued and delivered from a loop (as a miniport completes
 * from its DPC), never from inside a stage's call, highest level first.
 */
#include "run.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcap/pcap.h>

#include <undis/check.h>
#include <undis/dump.h>
#include <undis/fault.h>
#include <undis/version.h>

#include "undis_tool.h"
#include "verifier.h"

#if defined(_WIN32)
#    include <io.h>
#    define isatty _isatty
#else
#    include <unistd.h>
#endif

#ifndef UNDIS_SAMPLE_CAPTURE
#    define UNDIS_SAMPLE_CAPTURE "data/sample.pcap"
#endif

#define MAX_MESSAGES 20

static const char *const g_main_job_stages[] = { "vlan-tag:100", "vxlan-encap", "vxlan-decap",
                                                 "vlan-untag" };

/* ------------------------------------------------------------------ */
/* Per-packet messages (bounded, so a bad capture cannot flood stderr)  */
/* ------------------------------------------------------------------ */

static void run_message(struct run *r, const char *fmt, ...) UNDIS_TOOL_PRINTF(2, 3);

static void
run_message(struct run *r, const char *fmt, ...)
{
    va_list ap;
    if (r->messages++ >= MAX_MESSAGES) {
        if (r->messages == MAX_MESSAGES + 1) {
            fprintf(stderr, "undis: (further messages of this kind are not shown)\n");
        }
        return;
    }
    fprintf(stderr, "undis: %s: ", r->o.in);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* The packet record of a tool NBL, or of a clone's original. */
static struct packet *
packet_of(PNET_BUFFER_LIST nbl)
{
    while (nbl->ParentNetBufferList != NULL) {
        nbl = nbl->ParentNetBufferList;
    }
    return (struct packet *)nbl->ProtocolReserved[0];
}

static const char *
stage_name(const struct run *r, int level)
{
    if (level < 0) {
        return "the receive indication";
    }
    return level < r->nstages ? r->stage[level].spec : "the miniport";
}

/* ------------------------------------------------------------------ */
/* Trace pictures and structure checks                                 */
/* ------------------------------------------------------------------ */

struct mark_ctx {
    struct packet *pkt;
};

static int
mark_mdl(void *ctx, const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    struct mark_ctx *m = (struct mark_ctx *)ctx;
    if (tool_verifier_mark(nb, mdl, tag, tag_len)) {
        return 1;
    }
    if (m->pkt != NULL && m->pkt->reshaped && undis_reshape_owns(&m->pkt->shape, mdl)) {
        snprintf(tag, tag_len, "reshaped");
        return 1;
    }
    if (mdl == (const MDL *)(nb + 1)) {
        snprintf(tag, tag_len, "receive buffer");
        return 1;
    }
    return 0;
}

static void
trace_nbls(struct run *r, PNET_BUFFER_LIST nbls, const char *where)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        struct packet *pkt = packet_of(nbl);
        struct mark_ctx m = { pkt };
        undis_dump_opts o = { 0, 0, "    ", mark_mdl, &m };
        if (pkt == NULL || pkt->number > r->o.trace) {
            continue;
        }
        if (r->o.json) {
            continue;
        }
        printf("packet %llu%s %s:\n", (unsigned long long)pkt->number,
               nbl->ParentNetBufferList != NULL ? " (clone)" : "", where);
        (void)undis_nbl_dump_file(nbl, &o, stdout);
    }
}

static void
check_nbls(struct run *r, PNET_BUFFER_LIST nbls, int level)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        char why[256];
        r->st.checks++;
        if (undis_nbl_check(nbl, why, sizeof(why)) != UNDIS_CHECK_OK) {
            struct packet *pkt = packet_of(nbl);
            r->st.check_failures++;
            run_message(r, "packet %llu after %s: structure check failed: %s",
                        pkt ? (unsigned long long)pkt->number : 0ULL, stage_name(r, level), why);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The host calls the stages make, and the miniport at the bottom      */
/* ------------------------------------------------------------------ */

static void
enqueue(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    PNET_BUFFER_LIST last = nbls;
    while (last->Next != NULL) {
        last = last->Next;
    }
    if (r->pending[level] == NULL) {
        r->pending[level] = nbls;
    } else {
        r->pending_tail[level]->Next = nbls;
    }
    r->pending_tail[level] = last;
}

static void
miniport_write(struct run *r, PNET_BUFFER nb, struct packet *pkt)
{
    ULONG len = nb->DataLength;
    const UCHAR *bytes = r->frame;
    if (len > 65535 ||
        (len != 0 && (bytes = (const UCHAR *)NdisGetDataBuffer(nb, len, r->frame, 1, 0)) == NULL)) {
        run_message(r, "packet %llu: the frame that came out (%lu bytes) could not be read",
                    (unsigned long long)pkt->number, (unsigned long)len);
        return;
    }
    r->st.pkts_out++;
    r->st.bytes_out += len;
    if (r->pcap_out != NULL) {
        struct pcap_pkthdr h;
        memset(&h, 0, sizeof(h));
        h.ts.tv_sec = pkt->ts_sec;
        h.ts.tv_usec = pkt->ts_usec;
        h.caplen = h.len = len;
        pcap_dump((u_char *)r->pcap_out, &h, bytes);
    }
    if (r->o.compare) {
        r->st.compared++;
        if (len != pkt->len || memcmp(bytes, pkt->bytes, len) != 0) {
            ULONG at = 0;
            while (at < len && at < pkt->len && bytes[at] == pkt->bytes[at]) {
                at++;
            }
            r->st.mismatches++;
            run_message(r,
                        "packet %llu: the frame out (%lu bytes) differs from the frame in (%lu "
                        "bytes) from byte %lu",
                        (unsigned long long)pkt->number, (unsigned long)len,
                        (unsigned long)pkt->len, (unsigned long)at);
        }
    }
}

static void
miniport_send(struct run *r, PNET_BUFFER_LIST nbls)
{
    check_nbls(r, nbls, r->nstages);
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        struct packet *pkt = packet_of(nbl);
        for (PNET_BUFFER nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
            miniport_write(r, nb, pkt);
        }
        nbl->Status = NDIS_STATUS_SUCCESS;
    }
    enqueue(r, r->nstages, nbls);
}

static VOID
host_send(NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    struct tool_stage *st = (struct tool_stage *)handle;
    struct run *r = st->run;
    char where[300];
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        st->sent_on++;
    }
    if (r->o.trace != 0) {
        snprintf(where, sizeof(where), "after %s", st->spec);
        trace_nbls(r, nbls, where);
    }
    if (st->index + 1 < r->nstages) {
        struct tool_stage *next = &r->stage[st->index + 1];
        check_nbls(r, nbls, st->index);
        next->chars->SendNetBufferLists(next->ctx, nbls);
    } else {
        miniport_send(r, nbls);
    }
}

static VOID
host_complete(NDIS_HANDLE handle, PNET_BUFFER_LIST nbls)
{
    struct tool_stage *st = (struct tool_stage *)handle;
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        struct packet *pkt = (struct packet *)nbl->ProtocolReserved[0];
        st->completed++;
        if (nbl->Status != NDIS_STATUS_SUCCESS && nbl->ParentNetBufferList == NULL && pkt != NULL &&
            pkt->dropped_by < 0) {
            pkt->dropped_by = st->index;
            pkt->status = nbl->Status;
            st->rejected++;
        }
    }
    enqueue(st->run, st->index, nbls);
}

/* ------------------------------------------------------------------ */
/* Receive side: capture -> NBLs, and NBLs coming back                 */
/* ------------------------------------------------------------------ */

static void
packet_return(struct run *r, PNET_BUFFER_LIST nbl)
{
    struct packet *pkt = (struct packet *)nbl->ProtocolReserved[0];
    PNET_BUFFER nb = nbl->FirstNetBuffer;
    char why[256];
    if (pkt->dropped_by >= 0) {
        if (pkt->status == NDIS_STATUS_RESOURCES) {
            r->st.dropped_resources++;
        } else {
            r->st.dropped_other++;
            run_message(r, "packet %llu (%lu bytes): %s completed it with %s (0x%08lx)%s",
                        (unsigned long long)pkt->number, (unsigned long)pkt->len,
                        stage_name(r, pkt->dropped_by), report_status_name(pkt->status),
                        (unsigned long)(ULONG)pkt->status,
                        pkt->status == NDIS_STATUS_INVALID_LENGTH
                            ? ": the frame is too short for the stage's headers"
                            : "");
        }
    }
    if (undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        r->st.check_failures++;
        run_message(r, "packet %llu came back broken: %s", (unsigned long long)pkt->number, why);
    } else {
        const UCHAR *bytes = r->frame;
        if (nb->DataLength != pkt->len ||
            (pkt->len != 0 &&
             ((bytes = (const UCHAR *)NdisGetDataBuffer(nb, pkt->len, r->frame, 1, 0)) == NULL ||
              memcmp(bytes, pkt->bytes, pkt->len) != 0))) {
            r->st.returned_changed++;
            run_message(r, "packet %llu came back changed (the stages did not undo everything)",
                        (unsigned long long)pkt->number);
        }
    }
    if (r->o.trace != 0) {
        trace_nbls(r, nbl, "back at undis");
    }
    if (pkt->reshaped) {
        undis_nb_reshape_restore(nb, &pkt->shape);
        pkt->reshaped = 0;
    }
    NdisFreeNetBufferList(nbl);
}

static void
tool_return(struct run *r, PNET_BUFFER_LIST nbls)
{
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = nbls->Next;
        nbls->Next = NULL;
        packet_return(r, nbls);
        nbls = next;
    }
}

static void
drain(struct run *r)
{
    for (;;) {
        int level = -1;
        PNET_BUFFER_LIST nbls;
        for (int l = r->nstages; l >= 0; l--) {
            if (r->pending[l] != NULL) {
                level = l;
                break;
            }
        }
        if (level < 0) {
            return;
        }
        nbls = r->pending[level];
        r->pending[level] = NULL;
        if (level == 0) {
            tool_return(r, nbls);
        } else {
            struct tool_stage *st = &r->stage[level - 1];
            st->chars->SendNetBufferListsComplete(st->ctx, nbls);
        }
    }
}

/* An NBL from the receive pool holding the frame, as a miniport fills its
 * receive buffers: the frame at `backfill` bytes into the buffer, the rest
 * slack. NULL when the packet is dropped (counted). */
static PNET_BUFFER_LIST
packet_indicate(struct run *r, struct packet *pkt)
{
    PNET_BUFFER_LIST nbl;
    PNET_BUFFER nb;
    if (pkt->len > RUN_FRAME_MAX) {
        r->st.too_large++;
        run_message(r, "packet %llu: %lu bytes is more than the %u-byte receive buffers; skipped",
                    (unsigned long long)pkt->number, (unsigned long)pkt->len, RUN_FRAME_MAX);
        return NULL;
    }
    nbl = NdisAllocateNetBufferList(r->pool, 0, 0);
    if (nbl == NULL) {
        r->st.nbl_alloc_failed++;
        return NULL;
    }
    nb = nbl->FirstNetBuffer;
    if (NdisRetreatNetBufferDataStart(nb, RUN_FRAME_MAX, 0, NULL) != NDIS_STATUS_SUCCESS) {
        NdisFreeNetBufferList(nbl);
        r->st.nbl_alloc_failed++;
        return NULL;
    }
    if (pkt->len != 0) {
        PUCHAR dst = (PUCHAR)NdisGetDataBuffer(nb, pkt->len, NULL, 1, 0);
        memcpy(dst, pkt->bytes, pkt->len);
    }
    nb->DataLength = pkt->len;
    if (r->o.reshape) {
        unsigned long long seed = r->o.reshape_seed * 0x9E3779B97F4A7C15ULL + pkt->number;
        if (undis_nb_reshape(nb, seed, NULL, &pkt->shape) != NDIS_STATUS_SUCCESS) {
            NdisFreeNetBufferList(nbl);
            r->st.reshape_failed++;
            return NULL;
        }
        pkt->reshaped = 1;
        r->st.reshape_mdls += pkt->shape.mdl_count;
    }
    nbl->ProtocolReserved[0] = pkt;
    nbl->Status = NDIS_STATUS_SUCCESS;
    r->st.indicated++;
    return nbl;
}

/* Reads one packet into *pkt: 1 read, 0 end, -1 error (r->input_error). */
static int
packet_read(struct run *r, pcap_t *in, struct packet *pkt)
{
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc = pcap_next_ex(in, &h, &data);
    if (rc == PCAP_ERROR_BREAK) {
        return 0;
    }
    if (rc != 1) {
        snprintf(r->input_error, sizeof(r->input_error), "packet %llu: %s",
                 (unsigned long long)(r->st.pkts_in + 1), pcap_geterr(in));
        return -1;
    }
    if (h->caplen > pkt->cap) {
        UCHAR *bigger = (UCHAR *)realloc(pkt->bytes, h->caplen);
        if (bigger == NULL) {
            snprintf(r->input_error, sizeof(r->input_error), "out of memory");
            return -1;
        }
        pkt->bytes = bigger;
        pkt->cap = h->caplen;
    }
    if (h->caplen != 0) {
        memcpy(pkt->bytes, data, h->caplen);
    }
    pkt->len = h->caplen;
    pkt->ts_sec = (long)h->ts.tv_sec;
    pkt->ts_usec = (long)h->ts.tv_usec;
    pkt->number = ++r->st.pkts_in;
    pkt->dropped_by = -1;
    pkt->status = NDIS_STATUS_SUCCESS;
    pkt->reshaped = 0;
    r->st.bytes_in += h->caplen;
    if (h->caplen < h->len) {
        run_message(r, "packet %llu: only %u of its %u bytes were captured; using those",
                    (unsigned long long)pkt->number, h->caplen, h->len);
    }
    return 1;
}

static void
progress(struct run *r, pcap_t *in, long size, int done)
{
    long at = done ? size : ftell(pcap_file(in));
    int pct = size > 0 ? (int)((double)at * 100.0 / (double)size) : 100;
    char bar[41];
    int fill = pct * 40 / 100;
    for (int i = 0; i < 40; i++) {
        bar[i] = i < fill ? '#' : '.';
    }
    bar[40] = '\0';
    fprintf(stderr, "\r[%s] %3d%% %llu packets%s", bar, pct, (unsigned long long)r->st.pkts_in,
            done ? "\n" : "");
}

/* The receive loop: batches read, indicated as one chain, drained. */
static void
run_packets(struct run *r, pcap_t *in, long size)
{
    int more = 1;
    int show = r->o.progress;
    while (more) {
        PNET_BUFFER_LIST head = NULL, tail = NULL;
        for (unsigned i = 0; i < r->o.batch; i++) {
            PNET_BUFFER_LIST nbl;
            int rc = packet_read(r, in, &r->packets[i]);
            if (rc <= 0) {
                more = 0;
                break;
            }
            nbl = packet_indicate(r, &r->packets[i]);
            if (nbl == NULL) {
                continue;
            }
            if (head == NULL) {
                head = nbl;
            } else {
                tail->Next = nbl;
            }
            tail = nbl;
        }
        if (head != NULL) {
            if (r->o.trace != 0) {
                trace_nbls(r, head, "as indicated");
            }
            check_nbls(r, head, -1);
            if (r->nstages > 0) {
                r->stage[0].chars->SendNetBufferLists(r->stage[0].ctx, head);
            } else {
                miniport_send(r, head);
            }
            drain(r);
        }
        if (show && (r->st.pkts_in & 1023) < r->o.batch) {
            progress(r, in, size, 0);
        }
    }
    if (show) {
        progress(r, in, size, 1);
    }
}

/* ------------------------------------------------------------------ */
/* Setup and teardown                                                  */
/* ------------------------------------------------------------------ */

static NDIS_HANDLE
receive_pool(unsigned backfill)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.PoolTag = 0x53494455; /* 'UDIS' */
    p.DataSize = backfill + RUN_FRAME_MAX;
    return NdisAllocateNetBufferListPool(NULL, &p);
}

static int
stages_attach(struct run *r)
{
    for (int i = 0; i < r->nstages; i++) {
        struct tool_stage *st = &r->stage[i];
        char err[200];
        err[0] = '\0';
        st->run = r;
        st->index = i;
        st->host.HostHandle = st;
        st->host.SendNetBufferLists = host_send;
        st->host.SendNetBufferListsComplete = host_complete;
        if (st->chars->Attach(&st->host, st->args, &st->ctx, err, sizeof(err)) !=
            NDIS_STATUS_SUCCESS) {
            snprintf(r->setup_error, sizeof(r->setup_error), "stage '%.200s': %s", st->spec,
                     err[0] ? err : "attach failed");
            return -1;
        }
        st->attached = 1;
    }
    return 0;
}

static void
stages_detach(struct run *r)
{
    for (int i = r->nstages - 1; i >= 0; i--) {
        struct tool_stage *st = &r->stage[i];
        stage_collect_counters(st);
        if (st->attached) {
            st->chars->Detach(st->ctx);
            st->attached = 0;
        }
    }
}

static void
faults_apply(const struct run_opts *o)
{
    if (o->fault_rate != 0) {
        undis_fault_alloc_fail_random(o->fault_rate, o->fault_seed);
    }
    if (o->fault_nth != 0) {
        undis_fault_alloc_fail_nth(o->fault_nth);
    }
    if (o->fault_map_nth != 0) {
        undis_fault_map_fail_nth(o->fault_map_nth);
    }
}

static double
now_seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
open_output(struct run *r)
{
    pcap_t *dead;
    if (r->o.out == NULL) {
        return 0;
    }
    dead = pcap_open_dead(DLT_EN10MB, 262144);
    if (dead == NULL) {
        snprintf(r->setup_error, sizeof(r->setup_error), "%s: cannot make a pcap writer", r->o.out);
        return -1;
    }
    r->pcap_out = pcap_dump_open(dead, r->o.out);
    if (r->pcap_out == NULL) {
        snprintf(r->setup_error, sizeof(r->setup_error), "%s: %s", r->o.out, pcap_geterr(dead));
        pcap_close(dead);
        return -1;
    }
    r->pcap_dead = dead;
    return 0;
}

static int
open_input(struct run *r, pcap_t **in, long *size)
{
    char err[PCAP_ERRBUF_SIZE];
    FILE *f;
    err[0] = '\0';
    *in = pcap_open_offline(r->o.in, err);
    if (*in == NULL) {
        snprintf(r->setup_error, sizeof(r->setup_error), "%s: cannot read this capture: %s",
                 r->o.in, err);
        return -1;
    }
    if (pcap_datalink(*in) != DLT_EN10MB) {
        snprintf(r->setup_error, sizeof(r->setup_error),
                 "%s: link type %s is not Ethernet (DLT_EN10MB); undis run needs Ethernet frames",
                 r->o.in, pcap_datalink_val_to_name(pcap_datalink(*in)));
        pcap_close(*in);
        *in = NULL;
        return -1;
    }
    *size = -1;
    f = fopen(r->o.in, "rb");
    if (f != NULL) {
        if (fseek(f, 0, SEEK_END) == 0) {
            *size = ftell(f);
        }
        fclose(f);
    }
    return 0;
}

static void
run_teardown(struct run *r)
{
    stages_detach(r);
    if (r->pool != NULL) {
        NdisFreeNetBufferListPool(r->pool);
        r->pool = NULL;
    }
    for (int i = 0; i < r->nstages; i++) {
        stage_unload(&r->stage[i]);
    }
    if (r->pcap_out != NULL) {
        pcap_dump_close((pcap_dumper_t *)r->pcap_out);
    }
    if (r->pcap_dead != NULL) {
        pcap_close((pcap_t *)r->pcap_dead);
    }
    if (r->packets != NULL) {
        for (unsigned i = 0; i < r->o.batch; i++) {
            free(r->packets[i].bytes);
        }
    }
    free(r->packets);
    free(r->frame);
}

/* Everything after option parsing; returns the exit status. */
static int
run_execute(struct run *r)
{
    pcap_t *in = NULL;
    long size = -1;
    unsigned long long allocs0, failed0;
    double t0;
    int status;
    for (int i = 0; i < r->o.nstages; i++) {
        if (stage_resolve(&r->stage[i], r->o.stage_spec[i], r->setup_error,
                          sizeof(r->setup_error)) != 0) {
            r->nstages = i;
            goto fail;
        }
        r->nstages = i + 1;
    }
    r->packets = (struct packet *)calloc(r->o.batch, sizeof(struct packet));
    r->frame = (UCHAR *)malloc(65536);
    if (r->packets == NULL || r->frame == NULL) {
        snprintf(r->setup_error, sizeof(r->setup_error), "out of memory");
        goto fail;
    }
    if (open_input(r, &in, &size) != 0 || open_output(r) != 0) {
        goto fail;
    }
    r->pool = receive_pool(r->o.backfill);
    if (r->pool == NULL) {
        snprintf(r->setup_error, sizeof(r->setup_error), "cannot allocate the receive pool");
        goto fail;
    }
    if (stages_attach(r) != 0) {
        goto fail;
    }
    if (r->o.progress < 0) {
        r->o.progress = !r->o.quiet && !r->o.json && isatty(2) && size > (8L << 20);
    }
    (void)tool_verifier_start(r->o.verify_level);
    allocs0 = undis_alloc_count();
    failed0 = undis_alloc_failed_count();
    faults_apply(&r->o);
    t0 = now_seconds();
    run_packets(r, in, size);
    r->st.seconds = now_seconds() - t0;
    undis_fault_clear();
    r->st.alloc_count = undis_alloc_count() - allocs0;
    r->st.alloc_failed = undis_alloc_failed_count() - failed0;
    pcap_close(in);
    in = NULL;
    run_teardown(r);
    r->st.verifier_findings = tool_verifier_findings(NULL, NULL);
    tool_verifier_stop();
    r->st.outstanding = undis_alloc_outstanding();
    if (r->input_error[0] != '\0') {
        fprintf(stderr, "undis: %s: %s\n", r->o.in, r->input_error);
    }
    if (r->o.json) {
        report_json(r, stdout);
    } else if (!r->o.quiet) {
        report_text(r, stdout);
    }
    status = report_exit_status(r);
    return r->input_error[0] != '\0' ? 2 : status;
fail:
    undis_fault_clear();
    if (in != NULL) {
        pcap_close(in);
    }
    run_teardown(r);
    fprintf(stderr, "undis: %s\n", r->setup_error);
    return 2;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

void
undis_tool_run_usage(FILE *out)
{
    fprintf(out, "usage: undis run [options]\n"
                 "       undis run               (no options: the main job, see below)\n"
                 "       undis trace [options]   (the same as undis run --trace 4)\n"
                 "\n"
                 "Runs the frames of a capture through driver-style data-path stages: each frame\n"
                 "becomes a NET_BUFFER_LIST from a receive pool with backfill, indicated in\n"
                 "batches chained as a miniport's receive indication chains them; every stage\n"
                 "sees them as a filter's send path does; the frames that come out are written\n"
                 "to a pcap file; every buffer is completed back and freed; a report follows.\n"
                 "\n"
                 "options:\n"
                 "  --in FILE           capture to read (pcap or pcapng, Ethernet), via libpcap\n"
                 "  --out FILE          write the frames that come out here (pcap)\n"
                 "  --stage NAME[:ARGS] add a stage (repeatable, in order); NAME is a built-in\n"
                 "                      stage or the path of a shared object (./x.so) exporting\n"
                 "                      UndisStageEntry (docs/undis-command.md)\n"
                 "  --batch N           NBLs per receive indication (default 32, 1-4096)\n"
                 "  --backfill N        bytes of receive-buffer backfill before each frame\n"
                 "                      (default 32: vlan-tag fits, vxlan-encap's retreat has to\n"
                 "                      allocate; 0-65536)\n"
                 "  --reshape SEED      give every NET_BUFFER an adversarial MDL chain (random\n"
                 "                      splits, zero-length MDLs, data in a later MDL, slack),\n"
                 "                      deterministic for SEED\n"
                 "  --faults SPEC       inject allocation failures while packets flow; SPEC is a\n"
                 "                      comma list of rate=PPM (each allocation fails with\n"
                 "                      probability PPM/1e6), seed=S, nth=N (the Nth allocation\n"
                 "                      fails), map=N (the Nth MDL mapping fails). A packet a\n"
                 "                      fault drops is counted; nothing may leak.\n"
                 "  --verify LEVEL      verifier level 0-3 (default 2; reported as unavailable\n"
                 "                      in builds without the verifier)\n"
                 "  --trace N           print the picture of each NET_BUFFER of the first N\n"
                 "                      packets after every stage (MDLs, unused space, data,\n"
                 "                      slack, CurrentMdl)\n"
                 "  --expect-identical  check every frame out equals its frame in (failing\n"
                 "                      the run otherwise); on in the main job\n"
                 "  --json              print the report as JSON (machine-readable)\n"
                 "  -q, --quiet         print no report (errors still go to stderr)\n"
                 "  --progress, --no-progress  progress bar on stderr (default: when stderr\n"
                 "                      is a terminal and the input is over 8 MiB)\n"
                 "  -h, --help          this text\n"
                 "\n"
                 "built-in stages:\n");
    stages_list(out);
    fprintf(out,
            "\n"
            "main job: `undis run` with no options runs the bundled sample capture\n"
            "(%s, made by `undis gen`) through\n"
            "  vlan-tag:100 vxlan-encap vxlan-decap vlan-untag\n"
            "checks that every frame comes out identical to the one that went in, and prints\n"
            "the report. Options given after `--main-job` change it (e.g. --reshape 7).\n"
            "\n"
            "exit status: 0 success; 1 the run finished but something is wrong (a\n"
            "mismatch, a frame rejected or changed, a broken structure, a verifier finding,\n"
            "objects outstanding at the end); 2 bad options, stage or input.\n",
            UNDIS_SAMPLE_CAPTURE);
}

static int
parse_u64(const char *s, unsigned long long max, unsigned long long *v)
{
    char *end;
    unsigned long long x;
    if (s == NULL || *s < '0' || *s > '9') {
        return -1;
    }
    errno = 0;
    x = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0' || x > max) {
        return -1;
    }
    *v = x;
    return 0;
}

static int
parse_fault_item(struct run_opts *o, const char *item, size_t len)
{
    char name[16];
    const char *eq = memchr(item, '=', len);
    unsigned long long v;
    char value[32];
    size_t nlen = eq != NULL ? (size_t)(eq - item) : 0;
    size_t vlen = eq != NULL ? len - nlen - 1 : 0;
    if (eq == NULL || nlen >= sizeof(name) || vlen >= sizeof(value)) {
        return -1;
    }
    memcpy(name, item, nlen);
    name[nlen] = '\0';
    memcpy(value, eq + 1, vlen);
    value[vlen] = '\0';
    if (parse_u64(value, ~0ULL, &v) != 0) {
        return -1;
    }
    if (strcmp(name, "rate") == 0 && v <= 1000000) {
        o->fault_rate = (unsigned)v;
    } else if (strcmp(name, "seed") == 0) {
        o->fault_seed = v;
    } else if (strcmp(name, "nth") == 0) {
        o->fault_nth = v;
    } else if (strcmp(name, "map") == 0) {
        o->fault_map_nth = v;
    } else {
        return -1;
    }
    return 0;
}

static int
parse_faults(struct run_opts *o, const char *spec)
{
    const char *p = spec;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (parse_fault_item(o, p, len) != 0) {
            return -1;
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    o->faults = 1;
    return 0;
}

static int bad_option(const char *fmt, ...) UNDIS_TOOL_PRINTF(1, 2);

static int
bad_option(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "undis run: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see `undis run --help`)\n");
    return 2;
}

/* One option with its value at argv[*i + 1]. 0 ok, else an exit status. */
static int
parse_valued(struct run_opts *o, const char *opt, const char *val)
{
    unsigned long long v;
    if (val == NULL) {
        return bad_option("option %s needs a value", opt);
    }
    if (strcmp(opt, "--in") == 0) {
        o->in = val;
    } else if (strcmp(opt, "--out") == 0) {
        o->out = val;
    } else if (strcmp(opt, "--stage") == 0) {
        if (o->nstages >= RUN_MAX_STAGES) {
            return bad_option("at most 32 stages (%s)", val);
        }
        o->stage_spec[o->nstages++] = val;
    } else if (strcmp(opt, "--batch") == 0) {
        if (parse_u64(val, 4096, &v) != 0 || v == 0) {
            return bad_option("--batch must be 1 to 4096, not '%s'", val);
        }
        o->batch = (unsigned)v;
    } else if (strcmp(opt, "--backfill") == 0) {
        if (parse_u64(val, 65536, &v) != 0) {
            return bad_option("--backfill must be 0 to 65536, not '%s'", val);
        }
        o->backfill = (unsigned)v;
    } else if (strcmp(opt, "--reshape") == 0) {
        if (parse_u64(val, ~0ULL, &v) != 0) {
            return bad_option("--reshape needs a numeric SEED, not '%s'", val);
        }
        o->reshape = 1;
        o->reshape_seed = v;
    } else if (strcmp(opt, "--faults") == 0) {
        if (parse_faults(o, val) != 0) {
            return bad_option("--faults '%s': expected rate=PPM,seed=S,nth=N,map=N", val);
        }
    } else if (strcmp(opt, "--verify") == 0) {
        if (parse_u64(val, 3, &v) != 0) {
            return bad_option("--verify must be 0 to 3, not '%s'", val);
        }
        o->verify_level = (int)v;
    } else if (strcmp(opt, "--trace") == 0) {
        if (parse_u64(val, ~0ULL, &v) != 0) {
            return bad_option("--trace needs a packet count, not '%s'", val);
        }
        o->trace = v;
    } else {
        return bad_option("unknown option '%s'", opt);
    }
    return 0;
}

static int
is_valued(const char *opt)
{
    static const char *const valued[] = { "--in",     "--out",      "--stage",
                                          "--batch",  "--backfill", "--reshape",
                                          "--faults", "--verify",   "--trace" };
    for (size_t i = 0; i < sizeof(valued) / sizeof(valued[0]); i++) {
        if (strcmp(opt, valued[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
parse_args(struct run_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            undis_tool_run_usage(stdout);
            return -1;
        } else if (strcmp(a, "--json") == 0) {
            o->json = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--expect-identical") == 0) {
            o->compare = 1;
        } else if (strcmp(a, "--main-job") == 0) {
            o->main_job = 1;
        } else if (strcmp(a, "--progress") == 0) {
            o->progress = 1;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else if (is_valued(a)) {
            rc = parse_valued(o, a, i + 1 < argc ? argv[i + 1] : NULL);
            if (rc != 0) {
                return rc;
            }
            i++;
        } else {
            return bad_option("unknown option '%s'", a);
        }
    }
    return 0;
}

static int
file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        fclose(f);
        return 1;
    }
    return 0;
}

int
undis_tool_run(int argc, char **argv, int main_job, int trace)
{
    static struct run r; /* large; one run per process */
    char tmp[64];
    int rc;
    memset(&r, 0, sizeof(r));
    r.o.batch = 32;
    r.o.backfill = 32;
    r.o.verify_level = 2;
    r.o.progress = -1;
    r.o.trace = trace ? 4 : 0;
    rc = parse_args(&r.o, argc, argv);
    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    tmp[0] = '\0';
    if (main_job || r.o.main_job) {
        r.o.main_job = 1;
        r.o.compare = 1;
        if (r.o.in == NULL) {
            r.o.in = UNDIS_SAMPLE_CAPTURE;
        }
        if (r.o.nstages == 0) {
            for (size_t i = 0; i < sizeof(g_main_job_stages) / sizeof(g_main_job_stages[0]); i++) {
                r.o.stage_spec[r.o.nstages++] = g_main_job_stages[i];
            }
        }
        if (!file_exists(r.o.in)) {
            snprintf(tmp, sizeof(tmp), "undis-sample-%ld.pcap", (long)time(NULL));
            fprintf(stderr,
                    "undis: bundled sample %s not found; generating the same capture "
                    "(undis gen --seed %llu --count %lu) as %s\n",
                    r.o.in, UNDIS_GEN_DEFAULT_SEED, UNDIS_GEN_DEFAULT_COUNT, tmp);
            if (undis_tool_gen_write(tmp, UNDIS_GEN_DEFAULT_SEED, UNDIS_GEN_DEFAULT_COUNT) != 0) {
                return 2;
            }
            r.o.in = tmp;
        }
    }
    if (r.o.in == NULL) {
        return bad_option("%s", "--in FILE is needed (or no options at all for the main job)");
    }
    rc = run_execute(&r);
    if (tmp[0] != '\0') {
        remove(tmp);
    }
    return rc;
}
