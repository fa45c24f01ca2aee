/* SPDX-License-Identifier: MIT */
/* run.h: the state of one `undis run`, shared by run.c, stages.c and report.c. */
#ifndef UNDIS_TOOL_RUN_H
#define UNDIS_TOOL_RUN_H

#include <stdint.h>
#include <stdio.h>

#include <ndis.h>
#include <undis/reshape.h>

#include "undis_stage.h"

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#    define UNDIS_TOOL_PRINTF(f, a)
#endif

#define RUN_MAX_STAGES   32
#define RUN_MAX_COUNTERS 32
#define RUN_FRAME_MAX    9216 /* bytes of frame each receive buffer holds */

struct run_opts {
    const char *in;
    const char *out;
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
    struct stage_counter counter[RUN_MAX_COUNTERS];
    int ncounters;
};

struct packet {
    uint64_t number; /* 1-based, in the capture */
    long ts_sec;
    long ts_usec;
    UCHAR *bytes;
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
    uint64_t dropped_resources; /* completed with NDIS_STATUS_RESOURCES */
    uint64_t dropped_other;     /* completed with another failure */
    uint64_t compared, mismatches;
    uint64_t returned_changed;
    uint64_t checks, check_failures;
    uint64_t alloc_count, alloc_failed; /* library allocator, during the run */
    uint64_t outstanding;
    unsigned long long verifier_findings;
    double seconds;
};

struct run {
    struct run_opts o;
    struct tool_stage stage[RUN_MAX_STAGES];
    int nstages;
    NDIS_HANDLE pool;
    PNET_BUFFER_LIST pending[RUN_MAX_STAGES + 1];
    PNET_BUFFER_LIST pending_tail[RUN_MAX_STAGES + 1];
    struct packet *packets; /* one batch */
    void *pcap_out;         /* pcap_dumper_t */
    void *pcap_dead;        /* pcap_t */
    UCHAR *frame;           /* scratch for frames going out */
    struct run_stats st;
    char input_error[512]; /* why the input stopped early */
    char setup_error[512];
    int messages; /* per-packet messages printed so far */
};

/* stages.c */
void stages_list(FILE *out);
int stage_resolve(struct tool_stage *st, const char *spec, char *err, size_t err_len);
void stage_unload(struct tool_stage *st);
void stage_collect_counters(struct tool_stage *st);

/* report.c */
void report_text(const struct run *r, FILE *out);
void report_json(const struct run *r, FILE *out);
uint64_t report_counter_sum(const struct run *r, const char *name);
const char *report_status_name(NDIS_STATUS status);
int report_exit_status(const struct run *r);

#endif /* UNDIS_TOOL_RUN_H */
