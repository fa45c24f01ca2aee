/* SPDX-License-Identifier: MIT */
/*
 * run_driver.h: the parts of `undis run --driver` beside the role dispatch
 * of run_driver.c: events mid-stream (run_events.c, --events), the frames
 * that reach the wire written out (run_driver_out.c, --out), and the report
 * per driver (run_driver_report.c). One thread: the thread that drives the
 * host's life.
 */
#ifndef UNDIS_TOOL_RUN_DRIVER_H
#define UNDIS_TOOL_RUN_DRIVER_H

#include <stdio.h>

#include <undis/host.h>

#include "capfile.h"
#include "outfile.h"

#define DRIVER_EVENTS_MAX 64

/* What an event does to the running host. */
enum driver_action {
    DRIVER_PAUSE,
    DRIVER_RESTART,
    DRIVER_LINK_DOWN,
    DRIVER_LINK_UP,
    DRIVER_OID_STATS,
    DRIVER_OID_FILTER,
    DRIVER_OID_ADDRESS,
    DRIVER_ACTIONS
};

struct driver_event {
    unsigned long frame; /* after this many frames (0: before the first) */
    enum driver_action action;
    int fired;
    char result[96]; /* what happened, for the report */
};

struct driver_events {
    struct driver_event ev[DRIVER_EVENTS_MAX];
    int count;
    int failed; /* an event did not do what it asks (a pause that never completed, ...) */
};

/* Adds the events of spec ("50:pause,50:restart,70:link-down"), kept in
 * frame order (events at one frame in the order given). 0, or -1 with a
 * message naming the bad token in err. */
int driver_events_parse(struct driver_events *ev, const char *spec, char *err, size_t err_len);

/* Fires every event due after `frames` frames. */
void driver_events_at(struct driver_events *ev, undis_host *host, unsigned long frames);

/* Prints the events and what each did (nothing when there are none). */
void driver_events_print(const struct driver_events *ev, FILE *out);

/* The frames that reach undis's miniport, written as a capture (--out). */
struct driver_out {
    struct out_file file;
    struct cap_writer w;
    int open;
    uint64_t ts_ns; /* timestamp of the frame being run (the input's) */
    unsigned long frames;
};

/* Opens path for writing (pcapng when it ends in .pcapng or .ntar, else
 * pcap; Ethernet), refusing the input itself. 0, or -1 with err set. */
int driver_out_open(struct driver_out *o, const char *path, const char *in, char *err, size_t n);

/* undis_host_wire_fn: writes one frame (context: the driver_out). */
void driver_out_wire(void *context, const UCHAR *frame, ULONG length);

/* Finishes the file: renamed onto its target when keep, else removed.
 * 0, or -1 with err set. */
int driver_out_close(struct driver_out *o, int keep, char *err, size_t n);

/* At most this many --driver options: 8 filters and a miniport. */
#define DRIVER_STACK_MAX 9

/* What one driver of the stack did, for its section of the report. */
struct driver_line {
    const char *arg; /* its --driver option */
    char name[64];   /* the friendly name it registered */
    char role[12];   /* "filter", "miniport", "protocol" */
    undis_host_driver_stats stats;
};

/* What one run did, for its report. */
struct driver_summary {
    undis_host_stats stats;             /* taken before the host goes */
    undis_host_protocol_stats protocol; /* binds 0: not a protocol */
    char name[64];                      /* the friendly name the driver registered */
    const char *path;                   /* the first --driver */
    const struct driver_line *lines;    /* each driver, in load order */
    int nlines;
    const char *in;
    const char *out;
    unsigned long frames;
    unsigned long refused_sends, refused_receives; /* NDIS_STATUS_PAUSED while paused */
    unsigned long findings;
    long long leaks; /* undis allocations still out after unload (0: none) */
    const struct driver_events *events;
    unsigned long wire_frames;
};

/* Prints the report of one hosted driver; 0 when balanced and clean. */
int driver_report_print(const struct driver_summary *s, FILE *out);

#endif /* UNDIS_TOOL_RUN_DRIVER_H */
