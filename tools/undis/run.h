/* SPDX-License-Identifier: MIT */
/* run.h: the state of one `undis run`, shared by run.c, stages.c and report.c. */
#ifndef UNDIS_TOOL_RUN_H
#define UNDIS_TOOL_RUN_H

#include <stdint.h>
#include <stdio.h>

#include <ndis.h>
#include <undis/reshape.h>

#include "capfile.h"
#include "linktype.h"
#include "outfile.h"
#include "undis_stage.h"

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#    define UNDIS_TOOL_PRINTF(f, a)
#endif

#define RUN_MAX_STAGES   32
#define RUN_MAX_COUNTERS 32
#define RUN_BUFFER_MIN   1514              /* smallest receive buffer (bytes of frame) */
#define RUN_BUFFER_MAX   (1048576 - 65536) /* pool DataSize is at most 1 MiB */
#define RUN_RUNT         60                /* frames shorter than this (no FCS) are runts */

enum runt_policy { RUNTS_PASS, RUNTS_DROP, RUNTS_FAIL };

/* Kinds of per-packet message, each capped on its own. */
enum msg_kind {
    MSG_TRUNCATED, /* caplen < wire length */
    MSG_SKIPPED,   /* not indicated: link type, too large */
    MSG_RUNT,      /* a runt under --runts fail */
    MSG_REJECTED,  /* a stage completed it with a failure */
    MSG_BROKEN,    /* structure check */
    MSG_CHANGED,   /* came back changed, or out differs from in */
    MSG_OUTPUT,    /* could not be written in the output's link type */
    MSG_KINDS
};

struct run_opts {
    const char *in;
    const char *out;
    int out_pcapng;  /* -1: by the name (.pcapng / .ntar), else 0 or 1 */
    unsigned buffer; /* --buffer, 0: from the capture */
    unsigned mtu;
    int runts;
    const char *stage_spec[RUN_MAX_STAGES];
    int nstages;
    unsigned batch;
    unsigned backfill;
    int reshape;
    unsigned long long reshape_seed;
    int faults;
    unsigned fault_rate; /* per million */
    unsigned long long fault_seed;
    unsigned long long fault_nth;
    unsigned long long fault_map_nth;
    int verify_level;
    unsigned long long trace;
    int compare; /* every frame out must equal its frame in */
    int receive; /* --direction receive: up the stages' receive path */
    int json;
    int quiet;
    int progress; /* -1 auto */
    int main_job;
};

struct stage_counter {
    char name[32];
    uint64_t value;
};

struct tool_stage {
    const UNDIS_STAGE_CHARACTERISTICS *chars;
    char spec[256];
    const char *args; /* into spec, or NULL */
    void *dl;         /* dlopen handle of a loadable stage */
    PVOID ctx;
    int attached;
    UNDIS_STAGE_HOST host;
    struct run *run;
    int index;
    uint64_t sent_on;   /* NBLs it passed down */
    uint64_t completed; /* NBLs it completed up */
    uint64_t rejected;  /* NBLs it completed with a failure status itself */
    uint64_t ns;        /* time spent in its own calls */
    struct stage_counter counter[RUN_MAX_COUNTERS];
    int ncounters;
};

struct packet {
    uint64_t number; /* 1-based, in the capture */
    uint64_t ts_ns;
    uint32_t caplen;  /* as captured, in the capture's link type */
    uint32_t wirelen; /* as on the wire */
    uint32_t iface;
    uint32_t flags;
    int has_flags;
    char *comment; /* malloc'ed, or NULL */
    struct link_saved link;
    int runt;
    int large;            /* sent with large-send-offload info */
    const NET_BUFFER *nb; /* the receive NB it was indicated in */
    ULONG tcp_at;         /* a large send's TCP header offset as indicated */
    UCHAR *bytes;         /* the frame as Ethernet */
    ULONG len;
    size_t cap;
    undis_reshape_saved shape;
    int reshaped;
    int dropped_by; /* stage index that failed it, or -1 */
    NDIS_STATUS status;
};

struct run_stats {
    uint64_t pkts_in, bytes_in;
    uint64_t pkts_out, bytes_out;
    uint64_t indicated;        /* NBLs indicated */
    uint64_t nbl_alloc_failed; /* dropped at the receive pool */
    uint64_t reshape_failed;   /* dropped: a reshape could not allocate */
    uint64_t reshape_mdls;
    uint64_t too_large;
    uint64_t link_skipped[LINK_SKIP_COUNT];
    uint64_t truncated; /* frames captured shorter than on the wire */
    uint64_t runts, runts_dropped, runts_rejected;
    uint64_t large_sends, large_other; /* > MTU: with LSO info / not TCP */
    uint64_t lso_bad;                  /* at the miniport: the LSO offset misses the TCP header */
    uint64_t out_unwritable;           /* frames the output's link type cannot carry */
    uint64_t dropped_resources;        /* completed with NDIS_STATUS_RESOURCES */
    uint64_t dropped_other;            /* completed with another failure */
    uint64_t compared, mismatches;
    uint64_t returned_changed;
    uint64_t checks, check_failures;
    uint64_t alloc_count, alloc_failed; /* library allocator, during the run */
    uint64_t outstanding;
    unsigned long long verifier_findings;
    double seconds;
};

struct run_error {
    const char *kind; /* "usage", "input", "output", "stage", "setup"; NULL: none */
    uint64_t packet;  /* 0: not about a packet */
    char message[600];
};

struct run {
    struct run_opts o;
    struct run_error error;
    struct tool_stage stage[RUN_MAX_STAGES];
    int nstages;
    NDIS_HANDLE pool;
    PNET_BUFFER_LIST pending[RUN_MAX_STAGES + 1];
    PNET_BUFFER_LIST pending_tail[RUN_MAX_STAGES + 1];
    /* receive direction: returns waiting for stage i (nstages: undis) */
    PNET_BUFFER_LIST rx_pending[RUN_MAX_STAGES + 1];
    PNET_BUFFER_LIST rx_pending_tail[RUN_MAX_STAGES + 1];
    struct packet *packets; /* one batch */
    struct cap_reader in;
    enum link_kind link;
    uint32_t linktype;
    struct out_file outf;
    struct cap_writer w;
    int writing;
    unsigned buffer;  /* bytes of frame per receive buffer */
    unsigned mss;     /* from a TCP MSS option in the capture, else 0 */
    uint32_t largest; /* largest frame found by the scan (as Ethernet) */
    UCHAR *frame;     /* scratch for frames going out */
    size_t frame_cap;
    UCHAR *outbuf; /* the frame in the output's link type */
    struct run_stats st;
    uint64_t messages[MSG_KINDS];
    int clock_stage; /* stage whose time runs now, -1 undis */
    uint64_t clock_last;
};

/* run.c */
void run_message(struct run *r, enum msg_kind kind, const char *fmt, ...) UNDIS_TOOL_PRINTF(3, 4);
void run_error(struct run *r, const char *kind, uint64_t packet, const char *fmt, ...)
    UNDIS_TOOL_PRINTF(4, 5);
int run_execute(struct run *r);

/* run.c, for run_receive.c: the structure check after a stage (level -1:
 * as indicated), frames out to the output, and NBLs back at undis */
void run_check_nbls(struct run *r, PNET_BUFFER_LIST nbls, int level);
void run_write_out(struct run *r, PNET_BUFFER_LIST nbls);
void run_tool_return(struct run *r, PNET_BUFFER_LIST nbls);
void run_clock_switch(struct run *r, int to);

/* run_receive.c: the receive direction (--direction receive) */
void run_receive_batch(struct run *r, PNET_BUFFER_LIST nbls);
UNDIS_STAGE_HOST_INDICATE run_host_indicate;
UNDIS_STAGE_HOST_RETURN run_host_return;

/* run_trace.c: --trace pictures; the packet record of a tool NBL (or a
 * clone's original) */
void run_trace(struct run *r, PNET_BUFFER_LIST nbls, const char *where);
struct packet *run_packet_of(PNET_BUFFER_LIST nbl);

/* run_io.c: the capture in and the frames out */
int io_open_input(struct run *r);
int io_open_output(struct run *r);
int io_read(struct run *r, struct packet *pkt);
void io_write(struct run *r, const struct packet *pkt, const UCHAR *eth, ULONG len);
int io_finish_output(struct run *r, int keep);
void io_close(struct run *r);
void io_set_large_send(struct run *r, PNET_BUFFER_LIST nbl, struct packet *pkt);
void io_check_large_send(
    struct run *r, PNET_BUFFER_LIST nbl, const struct packet *pkt, const UCHAR *frame, ULONG len);

/* stages.c */
void stages_list(FILE *out);
int stage_resolve(struct tool_stage *st, const char *spec, char *err, size_t err_len);
void stage_unload(struct tool_stage *st);
/* The stage's receive handlers (version 2), or NULL: bypassed there. */
const UNDIS_STAGE_RECEIVE_CHARACTERISTICS *stage_receive(const struct tool_stage *st);
int stage_has_receive(const struct tool_stage *st);
void stage_collect_counters(struct tool_stage *st);

/* report.c */
void report_text(const struct run *r, FILE *out);
void report_json(const struct run *r, FILE *out);
void report_error_json(const struct run *r, FILE *out);
uint64_t report_counter_sum(const struct run *r, const char *name);
const char *report_status_name(NDIS_STATUS status);
int report_exit_status(const struct run *r);

#endif /* UNDIS_TOOL_RUN_H */
