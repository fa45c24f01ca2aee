/* SPDX-License-Identifier: MIT */
/*
 * run.c: `undis run`. It plays NDIS around the stages:
 *
 *   capture (run_io.c: any link type as Ethernet) --> receive pool NBLs (backfill, batches chained
 * as a receive indication) [--reshape] --> stage 0 --> ... --> stage n-1 --> "miniport": frames
 * written to --out, then completed --> stage n-1's completion --> ... --> stage 0's --> undis:
 * checked and freed.
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

#include <undis/check.h>
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

#define MAX_MESSAGES 10 /* of each kind */

static const char *const g_kind_names[MSG_KINDS] = {
    "frames captured shorter than on the wire",
    "frames not indicated",
    "runts",
    "frames a stage rejected",
    "broken structures",
    "frames changed",
    "frames not written",
};

/* ------------------------------------------------------------------ */
/* Per-packet messages (bounded, so a bad capture cannot flood stderr)  */
/* ------------------------------------------------------------------ */

void
run_message(struct run *r, enum msg_kind kind, const char *fmt, ...)
{
    va_list ap;
    if (r->messages[kind]++ >= MAX_MESSAGES) {
        return;
    }
    fprintf(stderr, "undis: %s: ", r->o.in);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* How many of each kind went unshown. */
static void
messages_summary(const struct run *r)
{
    for (int k = 0; k < MSG_KINDS; k++) {
        if (r->messages[k] > MAX_MESSAGES) {
            fprintf(stderr, "undis: %s: %llu more messages about %s not shown (%llu in all)\n",
                    r->o.in, (unsigned long long)(r->messages[k] - MAX_MESSAGES), g_kind_names[k],
                    (unsigned long long)r->messages[k]);
        }
    }
}

/* The first error of the run (later ones are printed, not kept). */
void
run_error(struct run *r, const char *kind, uint64_t packet, const char *fmt, ...)
{
    va_list ap;
    char text[sizeof(r->error.message)];
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (r->error.kind != NULL) {
        fprintf(stderr, "undis: %s\n", text);
        return;
    }
    r->error.kind = kind;
    r->error.packet = packet;
    memcpy(r->error.message, text, sizeof(text));
}

static double
now_seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------ */
/* Time per stage: each call into a stage is charged to it, less the   */
/* time of the calls it makes into the stages below                    */
/* ------------------------------------------------------------------ */

static uint64_t
now_ns(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void
run_clock_switch(struct run *r, int to)
{
    uint64_t t = now_ns();
    if (r->clock_stage >= 0) {
        r->stage[r->clock_stage].ns += t - r->clock_last;
    }
    r->clock_last = t;
    r->clock_stage = to;
}

static void
call_send(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    int prev = r->clock_stage;
    run_clock_switch(r, level);
    r->stage[level].chars->SendNetBufferLists(r->stage[level].ctx, nbls);
    run_clock_switch(r, prev);
}

static void
call_complete(struct run *r, int level, PNET_BUFFER_LIST nbls)
{
    int prev = r->clock_stage;
    run_clock_switch(r, level);
    r->stage[level].chars->SendNetBufferListsComplete(r->stage[level].ctx, nbls);
    run_clock_switch(r, prev);
}

/* For verifier findings: the capture packet of an NBL (a clone's too). */
static NDIS_HANDLE g_receive_pool; /* for packet_number only */
static const struct run *g_current;

static unsigned long long
packet_number(const NET_BUFFER_LIST *nbl, const NET_BUFFER *nb)
{
    const struct packet *pkt;
    if (nbl == NULL) {
        for (unsigned i = 0; g_current != NULL && i < g_current->o.batch; i++) {
            if (g_current->packets[i].nb == nb) {
                return g_current->packets[i].number;
            }
        }
        return 0;
    }
    while (nbl->ParentNetBufferList != NULL) {
        nbl = nbl->ParentNetBufferList;
    }
    if (g_receive_pool == NULL || NdisGetPoolFromNetBufferList(nbl) != g_receive_pool) {
        return 0; /* a stage's own NBL */
    }
    pkt = (const struct packet *)nbl->ProtocolReserved[0];
    return pkt != NULL ? pkt->number : 0;
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
/* Structure checks                                                    */
/* ------------------------------------------------------------------ */

void
run_check_nbls(struct run *r, PNET_BUFFER_LIST nbls, int level)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        char why[256];
        r->st.checks++;
        if (undis_nbl_check(nbl, why, sizeof(why)) != UNDIS_CHECK_OK) {
            struct packet *pkt = run_packet_of(nbl);
            r->st.check_failures++;
            run_message(r, MSG_BROKEN, "packet %llu after %s: structure check failed: %s",
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

/* Room for a frame of n bytes in the scratch buffers. */
static int
frame_room(struct run *r, size_t n)
{
    UCHAR *a, *b;
    if (n <= r->frame_cap) {
        return 0;
    }
    n += 4096;
    a = (UCHAR *)realloc(r->frame, n);
    if (a != NULL) {
        r->frame = a;
    }
    b = (UCHAR *)realloc(r->outbuf, n + LINK_PREFIX_MAX);
    if (b != NULL) {
        r->outbuf = b;
    }
    if (a == NULL || b == NULL) {
        return -1;
    }
    r->frame_cap = n;
    return 0;
}

static void
miniport_write(struct run *r, PNET_BUFFER_LIST nbl, PNET_BUFFER nb, struct packet *pkt)
{
    ULONG len = nb->DataLength;
    const UCHAR *bytes = r->frame;
    if (frame_room(r, len) != 0 ||
        (len != 0 && (bytes = (const UCHAR *)NdisGetDataBuffer(nb, len, r->frame, 1, 0)) == NULL)) {
        run_message(r, MSG_OUTPUT,
                    "packet %llu: the frame that came out (%lu bytes) could not be read",
                    (unsigned long long)pkt->number, (unsigned long)len);
        return;
    }
    r->st.pkts_out++;
    r->st.bytes_out += len;
    io_check_large_send(r, nbl, pkt, bytes, len);
    io_write(r, pkt, bytes, len);
    if (r->o.compare) {
        r->st.compared++;
        if (len != pkt->len || memcmp(bytes, pkt->bytes, len) != 0) {
            ULONG at = 0;
            while (at < len && at < pkt->len && bytes[at] == pkt->bytes[at]) {
                at++;
            }
            r->st.mismatches++;
            run_message(r, MSG_CHANGED,
                        "packet %llu: the frame out (%lu bytes) differs from the frame in (%lu "
                        "bytes) from byte %lu",
                        (unsigned long long)pkt->number, (unsigned long)len,
                        (unsigned long)pkt->len, (unsigned long)at);
        }
    }
}

/* Every frame of a chain to the output. */
void
run_write_out(struct run *r, PNET_BUFFER_LIST nbls)
{
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        struct packet *pkt = run_packet_of(nbl);
        for (PNET_BUFFER nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
            miniport_write(r, nbl, nb, pkt);
        }
    }
}

static void
miniport_send(struct run *r, PNET_BUFFER_LIST nbls)
{
    run_check_nbls(r, nbls, r->nstages);
    run_write_out(r, nbls);
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = nbl->Next) {
        if (NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo) != NULL) {
            /* As a miniport completes an LSO V2 send: the type, nothing else. */
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO done;
            memset(&done, 0, sizeof(done));
            done.LsoV2TransmitComplete.Type = NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE;
            NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo) = done.Value;
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
        run_trace(r, nbls, where);
    }
    if (st->index + 1 < r->nstages) {
        struct tool_stage *next = &r->stage[st->index + 1];
        (void)next;
        run_check_nbls(r, nbls, st->index);
        call_send(r, st->index + 1, nbls);
    } else {
        int prev = r->clock_stage;
        run_clock_switch(r, -1);
        miniport_send(r, nbls);
        run_clock_switch(r, prev);
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
        } else if (pkt->runt && pkt->status == NDIS_STATUS_INVALID_LENGTH &&
                   r->o.runts == RUNTS_PASS) {
            r->st.runts_rejected++;
        } else {
            r->st.dropped_other++;
            run_message(r, MSG_REJECTED,
                        "packet %llu (%lu bytes): %s completed it with %s (0x%08lx)%s",
                        (unsigned long long)pkt->number, (unsigned long)pkt->len,
                        stage_name(r, pkt->dropped_by), report_status_name(pkt->status),
                        (unsigned long)(ULONG)pkt->status,
                        pkt->status != NDIS_STATUS_INVALID_LENGTH ? ""
                        : pkt->len < RUN_RUNT ? ": the frame is too short for the stage's headers"
                                              : ": a length the stage cannot take (too long to "
                                                "carry once its headers are added?)");
        }
    }
    if (undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        r->st.check_failures++;
        run_message(r, MSG_BROKEN, "packet %llu came back broken: %s",
                    (unsigned long long)pkt->number, why);
    } else {
        const UCHAR *bytes = r->frame;
        if (nb->DataLength != pkt->len ||
            (pkt->len != 0 &&
             ((bytes = (const UCHAR *)NdisGetDataBuffer(nb, pkt->len, r->frame, 1, 0)) == NULL ||
              memcmp(bytes, pkt->bytes, pkt->len) != 0))) {
            r->st.returned_changed++;
            run_message(r, MSG_CHANGED,
                        "packet %llu came back changed (the stages did not undo everything)",
                        (unsigned long long)pkt->number);
        }
    }
    if (r->o.trace != 0) {
        run_trace(r, nbl, "back at undis");
    }
    if (pkt->reshaped) {
        undis_nb_reshape_restore(nb, &pkt->shape);
        pkt->reshaped = 0;
    }
    NdisFreeNetBufferList(nbl);
}

void
run_tool_return(struct run *r, PNET_BUFFER_LIST nbls)
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
            run_tool_return(r, nbls);
        } else {
            call_complete(r, level - 1, nbls);
        }
    }
}

/* Whether a frame goes to the stages at all (too large, runt policy). */
static int
packet_admit(struct run *r, struct packet *pkt)
{
    if (pkt->len > r->buffer) {
        r->st.too_large++;
        run_message(r, MSG_SKIPPED,
                    "packet %llu: %lu bytes is more than the %u-byte receive buffers (--buffer); "
                    "skipped",
                    (unsigned long long)pkt->number, (unsigned long)pkt->len, r->buffer);
        return 0;
    }
    if (pkt->runt) {
        r->st.runts++;
        if (r->o.runts == RUNTS_DROP) {
            r->st.runts_dropped++;
            return 0;
        }
        if (r->o.runts == RUNTS_FAIL) {
            run_message(r, MSG_RUNT, "packet %llu: a runt (%lu bytes, under %u) and --runts fail",
                        (unsigned long long)pkt->number, (unsigned long)pkt->len, RUN_RUNT);
        }
    }
    return 1;
}

/* An NBL from the receive pool holding the frame, as a miniport fills its
 * receive buffers: the frame at `backfill` bytes into the buffer, the rest
 * slack. NULL when the packet is dropped (counted). */
static PNET_BUFFER_LIST
packet_indicate(struct run *r, struct packet *pkt)
{
    PNET_BUFFER_LIST nbl;
    PNET_BUFFER nb;
    if (!packet_admit(r, pkt)) {
        return NULL;
    }
    nbl = NdisAllocateNetBufferList(r->pool, 0, 0);
    if (nbl == NULL) {
        r->st.nbl_alloc_failed++;
        return NULL;
    }
    nb = nbl->FirstNetBuffer;
    if (NdisRetreatNetBufferDataStart(nb, r->buffer, 0, NULL) != NDIS_STATUS_SUCCESS) {
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
    io_set_large_send(r, nbl, pkt);
    pkt->nb = nb;
    nbl->ProtocolReserved[0] = pkt;
    nbl->Status = NDIS_STATUS_SUCCESS;
    r->st.indicated++;
    return nbl;
}

/* The bar, the percentage, the rate and the time left (stderr). */
static void
progress(struct run *r, double t0, int done)
{
    long at = done ? r->in.size : cap_tell(&r->in);
    double elapsed = now_seconds() - t0;
    double frac = r->in.size > 0 && at >= 0 ? (double)at / (double)r->in.size : 1.0;
    double rate = elapsed > 0 ? (double)r->st.pkts_in / elapsed : 0.0;
    double left = frac > 0 ? elapsed * (1.0 - frac) / frac : 0.0;
    char bar[41];
    int fill = (int)(frac * 40.0);
    for (int i = 0; i < 40; i++) {
        bar[i] = i < fill ? '#' : '.';
    }
    bar[40] = '\0';
    fprintf(stderr, "\r[%s] %3d%% %llu packets, %.0f/s, %s %.0f s ", bar, (int)(frac * 100.0),
            (unsigned long long)r->st.pkts_in, rate, done ? "took" : "ETA", done ? elapsed : left);
    if (done) {
        fputc('\n', stderr);
    }
}

/* Reads up to a batch and indicates it as one chain; 0 when the input ended. */
static int
run_batch(struct run *r)
{
    PNET_BUFFER_LIST head = NULL, tail = NULL;
    for (unsigned i = 0; i < r->o.batch; i++) {
        PNET_BUFFER_LIST nbl;
        int rc = io_read(r, &r->packets[i]);
        if (rc <= 0) {
            break;
        }
        nbl = rc == 1 ? packet_indicate(r, &r->packets[i]) : NULL;
        if (nbl == NULL) {
            i--; /* the slot is free again */
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
            run_trace(r, head, "as indicated");
        }
        run_check_nbls(r, head, -1);
        if (r->o.receive) {
            run_receive_batch(r, head);
        } else if (r->nstages > 0) {
            call_send(r, 0, head);
        } else {
            miniport_send(r, head);
        }
        drain(r);
    }
    return head != NULL && r->error.kind == NULL;
}

/* The receive loop: batches read, indicated as one chain, drained. */
static void
run_packets(struct run *r)
{
    double t0 = now_seconds();
    uint64_t shown = 0;
    while (run_batch(r)) {
        if (r->o.progress && r->st.pkts_in - shown >= 1024) {
            shown = r->st.pkts_in;
            progress(r, t0, 0);
        }
    }
    if (r->o.progress) {
        progress(r, t0, 1);
    }
}

/* ------------------------------------------------------------------ */
/* Setup and teardown                                                  */
/* ------------------------------------------------------------------ */

static NDIS_HANDLE
receive_pool(unsigned backfill, unsigned buffer)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.PoolTag = 0x53494455; /* 'UDIS' */
    p.DataSize = backfill + buffer;
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
        st->host.IndicateReceiveNetBufferLists = run_host_indicate;
        st->host.ReturnNetBufferLists = run_host_return;
        if (st->chars->Attach(&st->host, st->args, &st->ctx, err, sizeof(err)) !=
            NDIS_STATUS_SUCCESS) {
            run_error(r, "stage", 0, "stage '%.200s': %s", st->spec,
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

static void
run_teardown(struct run *r)
{
    stages_detach(r);
    if (r->pool != NULL) {
        NdisFreeNetBufferListPool(r->pool);
        r->pool = NULL;
        g_receive_pool = NULL;
        g_current = NULL;
    }
    for (int i = 0; i < r->nstages; i++) {
        stage_unload(&r->stage[i]);
    }
    if (r->packets != NULL) {
        for (unsigned i = 0; i < r->o.batch; i++) {
            free(r->packets[i].bytes);
            free(r->packets[i].comment);
        }
    }
    free(r->packets);
    free(r->frame);
    free(r->outbuf);
    r->packets = NULL;
    r->frame = r->outbuf = NULL;
}

/* Resolves the stages, opens the capture and the output, makes the pool
 * and attaches the stages; 0, or -1 with r->error set. */
static int
run_setup(struct run *r)
{
    char err[512];
    for (int i = 0; i < r->o.nstages; i++) {
        if (stage_resolve(&r->stage[i], r->o.stage_spec[i], err, sizeof(err)) != 0) {
            run_error(r, "stage", 0, "%s", err);
            return -1;
        }
        r->nstages = i + 1;
    }
    r->packets = (struct packet *)calloc(r->o.batch, sizeof(struct packet));
    if (r->packets == NULL || frame_room(r, 65536) != 0) {
        run_error(r, "setup", 0, "out of memory");
        return -1;
    }
    if (io_open_input(r) != 0 || io_open_output(r) != 0) {
        return -1;
    }
    r->pool = receive_pool(r->o.backfill, r->buffer);
    if (r->pool == NULL) {
        run_error(r, "setup", 0, "cannot allocate the receive pool (%u bytes a buffer)",
                  r->o.backfill + r->buffer);
        return -1;
    }
    g_receive_pool = r->pool;
    g_current = r;
    if (stages_attach(r) != 0) {
        return -1;
    }
    if (r->o.progress < 0) {
        r->o.progress = !r->o.quiet && !r->o.json && isatty(2) && r->in.size > (8L << 20);
    }
    return 0;
}

/* The report, to stdout (stderr when the frames go to stdout). */
static void
run_report(struct run *r)
{
    FILE *out = r->o.out != NULL && strcmp(r->o.out, "-") == 0 ? stderr : stdout;
    messages_summary(r);
    if (r->error.kind != NULL) {
        fprintf(stderr, "undis: %s\n", r->error.message);
    }
    if (r->o.json) {
        report_json(r, out);
    } else if (!r->o.quiet) {
        report_text(r, out);
    }
}

/* Everything after option parsing; returns the exit status. */
int
run_execute(struct run *r)
{
    unsigned long long allocs0, failed0;
    double t0;
    r->clock_stage = -1;
    if (run_setup(r) != 0) {
        undis_fault_clear();
        run_teardown(r);
        io_close(r);
        messages_summary(r);
        fprintf(stderr, "undis: %s\n", r->error.message);
        if (r->o.json) {
            report_error_json(r, stdout);
        }
        return 2;
    }
    (void)tool_verifier_start(r->o.verify_level, packet_number);
    allocs0 = undis_alloc_count();
    failed0 = undis_alloc_failed_count();
    faults_apply(&r->o);
    t0 = now_seconds();
    run_packets(r);
    r->st.seconds = now_seconds() - t0;
    undis_fault_clear();
    r->st.alloc_count = undis_alloc_count() - allocs0;
    r->st.alloc_failed = undis_alloc_failed_count() - failed0;
    run_teardown(r);
    r->st.verifier_findings = tool_verifier_findings(NULL, NULL);
    tool_verifier_stop();
    r->st.outstanding = undis_alloc_outstanding();
    (void)io_finish_output(r, r->error.kind == NULL);
    io_close(r);
    run_report(r);
    return report_exit_status(r);
}
