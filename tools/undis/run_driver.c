/* SPDX-License-Identifier: MIT */
/*
 * run_driver.c: `undis run --driver PATH[:filter|:miniport|:protocol]...
 * --in FILE`. Loads filter, miniport or protocol drivers built as shared
 * objects (each dlopen'ed on its own, its DriverEntry found with dlsym; the
 * NDIS functions it calls resolve to this executable, which exports them)
 * into one host, in command-line order (<undis/host.h>: filters stack in
 * load order, the first on top; a miniport is the bottom wherever it comes;
 * a protocol stands alone; each role is what DriverEntry registers, checked
 * against the one named), issues the
 * OIDs a protocol issues at bind (packet filter, current address,
 * statistics), runs every frame of the capture down its send path (a
 * filter's; a protocol sends on its own) and up its receive path (receives
 * at DISPATCH_LEVEL), with the life events of --events mid-stream
 * (run_events.c) and the frames that reach the wire written with --out
 * (run_driver_out.c), pauses, detaches, unloads, and prints the report
 * (run_driver_report.c). --ioctl sends I/O controls to the driver's
 * control device after the attach, after the traffic or after the pause
 * (run_ioctl.c). Exit status: 0 clean, 1 findings, unbalanced
 * counts, a leak or an event that failed, 2 bad input (no such file, no
 * DriverEntry, a failed load, a role DriverEntry did not register, a
 * protocol with other drivers, two miniports, one shared object twice, a
 * bad --events token, an unwritable --out).
 */
#include "undis_tool.h"

#include "capfile.h"
#include "driver_so.h"
#include "run_driver.h"
#include "run_ioctl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

#define DRIVER_MAX_FINDINGS_SHOWN 20

/* One --driver option. */
struct driver_spec {
    const char *arg;  /* as given */
    char path[4096];  /* without the role */
    const char *role; /* "filter", "miniport", "protocol" or NULL: what DriverEntry registers */
    char name[64];    /* the load name: "driver" alone, else the file's name without .so */
    void *so;
    undis_host_driver_entry_fn *entry;
};

struct driver_run {
    struct driver_spec specs[DRIVER_STACK_MAX];
    int nspecs;
    const char *path; /* the first --driver as given */
    const char *in;
    const char *out;
    int quiet;
    unsigned long findings;
    unsigned long frames;
    unsigned long refused_sends, refused_receives;
    struct driver_events events;
    struct driver_out outf;
    struct run_ioctls ioctls;                   /* --ioctl, --device (run_ioctl.c) */
    struct driver_line lines[DRIVER_STACK_MAX]; /* what each did (the report) */
    int nlines;
};

static undis_report_action
finding(const undis_report *r, void *context)
{
    struct driver_run *run = (struct driver_run *)context;
    run->findings++;
    if (run->findings <= DRIVER_MAX_FINDINGS_SHOWN) {
        fprintf(stderr, "undis: finding %s in %s: %s\n  rule: %s\n", r->rule_name,
                r->function != NULL ? r->function : "?", r->message, undis_rule_rationale(r->rule));
    }
    return UNDIS_REPORT_CONTINUE; /* the host recovers; a fatal rule still aborts */
}

/* PATH[:ROLE] into spec; 2 for a role that is not NDIS's. */
static int
parse_spec(struct driver_spec *spec, const char *arg)
{
    char *role;
    spec->arg = arg;
    snprintf(spec->path, sizeof(spec->path), "%s", arg);
    role = strrchr(spec->path, ':');
    if (role != NULL && strchr(role, '/') == NULL) {
        if (strcmp(role + 1, "filter") != 0 && strcmp(role + 1, "protocol") != 0 &&
            strcmp(role + 1, "miniport") != 0) {
            fprintf(stderr,
                    "undis run --driver: role '%s' is not an NDIS role (one of 'filter', "
                    "'miniport' and 'protocol')\n",
                    role + 1);
            return 2;
        }
        spec->role = strcmp(role + 1, "filter") == 0     ? "filter"
                     : strcmp(role + 1, "protocol") == 0 ? "protocol"
                                                         : "miniport";
        *role = '\0';
    }
    return 0;
}

/* The stack's shape: a protocol alone, at most one miniport. */
static int
check_stack(struct driver_run *run)
{
    int miniports = 0;
    for (int i = 0; i < run->nspecs; i++) {
        const struct driver_spec *s = &run->specs[i];
        if (s->role != NULL && strcmp(s->role, "protocol") == 0 && run->nspecs > 1) {
            fprintf(stderr,
                    "undis run --driver: %s is a protocol, which stands alone in its host: it "
                    "cannot be stacked with the %d other driver(s) given\n",
                    s->arg, run->nspecs - 1);
            return 2;
        }
        miniports += s->role != NULL && strcmp(s->role, "miniport") == 0;
    }
    if (miniports > 1) {
        fprintf(stderr,
                "undis run --driver: %d miniports given; a stack has one miniport, its "
                "bottom\n",
                miniports);
        return 2;
    }
    return 0;
}

static int
parse(int argc, char **argv, struct driver_run *run)
{
    memset(run, 0, sizeof(*run));
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            if (run->nspecs == DRIVER_STACK_MAX) {
                fprintf(stderr,
                        "undis run --driver: at most %d --driver options (8 filters and a "
                        "miniport)\n",
                        DRIVER_STACK_MAX);
                return 2;
            }
            if (parse_spec(&run->specs[run->nspecs++], argv[++i]) != 0) {
                return 2;
            }
        } else if (strcmp(argv[i], "--in") == 0 && i + 1 < argc) {
            run->in = argv[++i];
        } else if (strcmp(argv[i], "--ioctl") == 0 && i + 1 < argc) {
            if (run_ioctl_parse(&run->ioctls, argv[++i]) != 0) {
                return 2;
            }
        } else if (strcmp(argv[i], "--device") == 0 && i + 1 < argc) {
            run->ioctls.device = argv[++i];
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            run->out = argv[++i];
        } else if (strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
            char err[300];
            if (driver_events_parse(&run->events, argv[++i], err, sizeof(err)) != 0) {
                fprintf(stderr, "undis run --driver: %s\n", err);
                return 2;
            }
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            run->quiet = 1;
        } else {
            fprintf(stderr, "undis run --driver: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (run->nspecs == 0 || run->in == NULL) {
        fprintf(stderr,
                "usage: undis run --driver PATH[:filter|:miniport|:protocol]... --in FILE "
                "[--events SPEC] [--out FILE] [-q]\n"
                "         [--ioctl [after-attach:|after-traffic:|after-pause:]CODE[:HEX]]... "
                "[--device NAME]\n");
        return 2;
    }
    run->path = run->specs[0].arg;
    return check_stack(run);
}

static void
bind_oids(undis_host *host, int quiet)
{
    ULONG filter =
        NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_BROADCAST;
    UCHAR mac[6] = { 0 };
    NDIS_STATISTICS_INFO stats;
    NDIS_STATUS s1 = undis_host_oid(host, NdisRequestSetInformation, OID_GEN_CURRENT_PACKET_FILTER,
                                    &filter, sizeof(filter), NULL);
    NDIS_STATUS s2 = undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                    mac, sizeof(mac), NULL);
    NDIS_STATUS s3 = undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_STATISTICS, &stats,
                                    sizeof(stats), NULL);
    if (!quiet) {
        printf("  OIDs at bind: packet filter 0x%08lx, current address "
               "%02x:%02x:%02x:%02x:%02x:%02x 0x%08lx, statistics 0x%08lx\n",
               (unsigned long)(ULONG)s1, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5],
               (unsigned long)(ULONG)s2, (unsigned long)(ULONG)s3);
    }
}

/* One frame down the send path and up the receive path (at DISPATCH_LEVEL);
 * what the host refuses while the module is paused is counted. */
static void
one_frame(undis_host *host, struct driver_run *run, const struct cap_rec *rec)
{
    KIRQL old;
    run->outf.ts_ns = rec->ts_ns;
    if (undis_host_is_protocol(host)) {
        /* a protocol sends on its own */
    } else if (undis_host_send(host, rec->data, rec->caplen) == NDIS_STATUS_PAUSED) {
        run->refused_sends++;
    }
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    if (undis_host_receive(host, rec->data, rec->caplen, 0) == NDIS_STATUS_PAUSED) {
        run->refused_receives++;
    }
    KeLowerIrql(old);
}

/* Every frame down the send path and up the receive path, with the events
 * due after each. */
static int
traffic(undis_host *host, struct driver_run *run)
{
    struct cap_reader reader;
    struct cap_rec rec;
    int got;
    if (cap_open(&reader, run->in) != 0) {
        fprintf(stderr, "undis: %s: %s\n", run->in, reader.error);
        return 2;
    }
    driver_events_at(&run->events, host, 0);
    while ((got = cap_read(&reader, &rec)) == 1) {
        if (rec.caplen == 0) {
            continue;
        }
        run->frames++;
        one_frame(host, run, &rec);
        driver_events_at(&run->events, host, run->frames);
    }
    if (got < 0) {
        fprintf(stderr, "undis: %s: %s\n", run->in, reader.error);
    }
    cap_close(&reader);
    return got < 0 ? 2 : 0;
}

/* Loads every driver in command-line order, each role checked against the
 * one named. 0, or 2 after a message. */
static int
load_all(undis_host *host, struct driver_run *run)
{
    for (int i = 0; i < run->nspecs; i++) {
        struct driver_spec *s = &run->specs[i];
        NTSTATUS status;
        const char *role;
        if (i > 0 && undis_host_is_protocol(host)) {
            fprintf(stderr,
                    "undis: %s registered a protocol, which stands alone in its host: %s "
                    "cannot be stacked with it\n",
                    run->specs[0].path, s->path);
            return 2;
        }
        driver_so_phase("DriverEntry (load)");
        status = undis_host_load(host, s->entry, s->name);
        if (!NT_SUCCESS(status)) {
            fprintf(stderr, "undis: %s: DriverEntry failed (0x%08lx)\n", s->path,
                    (unsigned long)(ULONG)status);
            return 2;
        }
        role = undis_host_driver_role_at(host, i);
        if (s->role != NULL && strcmp(s->role, role) != 0) {
            fprintf(stderr, "undis: %s: the driver registered as a %s, not as a %s\n", s->path,
                    role, s->role);
            return 2;
        }
    }
    return 0;
}

/* What each driver did, taken before the unload (which forgets them). */
static void
snapshot(undis_host *host, struct driver_run *run)
{
    for (int i = 0; i < run->nspecs; i++) {
        struct driver_line *l = &run->lines[i];
        l->arg = run->specs[i].arg;
        snprintf(l->name, sizeof(l->name), "%s", undis_host_driver_name_at(host, i));
        snprintf(l->role, sizeof(l->role), "%s", undis_host_driver_role_at(host, i));
        (void)undis_host_get_driver_stats(host, i, &l->stats);
    }
    run->nlines = run->nspecs;
}

static int
host_life(undis_host *host, struct driver_run *run)
{
    NDIS_STATUS status;
    int rc = load_all(host, run);
    if (rc != 0) {
        undis_host_unload(host);
        return rc;
    }
    driver_so_phase("attach: FilterAttach, MiniportInitializeEx or ProtocolBindAdapterEx, "
                    "then the restart handlers");
    status = undis_host_attach(host);
    if (status != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: attach failed (0x%08lx)\n", run->path,
                (unsigned long)(ULONG)status);
        undis_host_unload(host);
        return 2;
    }
    driver_so_phase("OID request handlers (the OIDs at bind)");
    bind_oids(host, run->quiet);
    driver_so_phase("status handlers (the link indicated up)");
    undis_host_indicate_link(host, TRUE);
    driver_so_phase("device dispatch routines (--ioctl after-attach)");
    rc = run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_ATTACH);
    driver_so_phase("send, receive, completion and return handlers, or the --events (the "
                    "capture's frames)");
    rc = rc != 0 ? rc : traffic(host, run);
    driver_so_phase("device dispatch routines (--ioctl after-traffic)");
    rc = rc != 0 ? rc : run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_TRAFFIC);
    driver_so_phase("pause and restart handlers (a restart a filter asked for)");
    if (undis_host_wait_filter_restarts(host, 2000) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: a restart a filter asked for (NdisFRestartFilter) did not end\n");
        rc = rc != 0 ? rc : 1;
    }
    driver_so_phase("pause handlers (the last pause)");
    if (undis_host_get_state(host) == UNDIS_HOST_RUNNING &&
        undis_host_pause(host, 1000) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: the pause did not complete\n", run->path);
        rc = rc != 0 ? rc : 1;
    } else {
        driver_so_phase("device dispatch routines (--ioctl after-pause)");
        rc = rc != 0 ? rc : run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_PAUSE);
    }
    snapshot(host, run);
    driver_so_phase("detach, halt and unload handlers (FilterDetach, MiniportHaltEx, "
                    "ProtocolUnbindAdapterEx, DriverUnload)");
    undis_host_unload(host);
    return rc;
}

/* Hosts the drivers and prints the report. */
static int
host_and_report(struct driver_run *run)
{
    struct driver_summary sum;
    undis_host *host = NULL;
    unsigned long long base = undis_alloc_outstanding();
    char err[600];
    int rc;
    memset(&sum, 0, sizeof(sum));
    if (undis_host_create(&host) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: out of memory\n");
        return 2;
    }
    if (run->out != NULL) {
        undis_host_set_wire(host, driver_out_wire, &run->outf);
    }
    undis_report_set_hook(finding, run);
    rc = host_life(host, run);
    undis_host_get_stats(host, &sum.stats);
    undis_host_get_protocol_stats(host, &sum.protocol);
    snprintf(sum.name, sizeof(sum.name), "%s", undis_host_driver_name(host));
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
    if (driver_out_close(&run->outf, rc != 2, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis: %s: %s\n", run->out, err);
        rc = 2;
    }
    if (rc == 2) {
        return rc;
    }
    sum.path = run->path;
    sum.lines = run->lines;
    sum.nlines = run->nlines;
    sum.in = run->in;
    sum.out = run->out;
    sum.frames = run->frames;
    sum.refused_sends = run->refused_sends;
    sum.refused_receives = run->refused_receives;
    sum.findings = run->findings;
    sum.leaks = (long long)(undis_alloc_outstanding() - base);
    sum.events = &run->events;
    sum.wire_frames = run->outf.frames;
    rc = driver_report_print(&sum, stdout) != 0 ? 1 : rc;
    return run->events.failed ? 1 : rc;
}

/* The load name: "driver" for a driver alone (as before stacks), else the
 * file's name without its directory and extension. */
static void
load_name(struct driver_spec *s, int alone)
{
    const char *base = strrchr(s->path, '/');
    size_t n;
    char *dot;
    base = alone ? "driver" : base != NULL ? base + 1 : s->path;
    n = strlen(base) < sizeof(s->name) - 1 ? strlen(base) : sizeof(s->name) - 1;
    memcpy(s->name, base, n);
    s->name[n] = '\0';
    dot = strchr(s->name, '.');
    if (dot != NULL && dot != s->name) {
        *dot = '\0';
    }
}

/* dlopen and dlsym each driver; 0, or 2 after a message. */
static int
open_all(struct driver_run *run)
{
    for (int i = 0; i < run->nspecs; i++) {
        struct driver_spec *s = &run->specs[i];
        s->so = dlopen(s->path, RTLD_NOW | RTLD_LOCAL);
        if (s->so == NULL) {
            fprintf(stderr, "undis: cannot load %s: %s\n", s->path, dlerror());
            return 2;
        }
        for (int j = 0; j < i; j++) {
            if (run->specs[j].so == s->so) {
                fprintf(stderr,
                        "undis: %s is loaded already (--driver %s): one shared object holds "
                        "one driver's globals; stack a second copy of it instead\n",
                        s->path, run->specs[j].arg);
                dlclose(s->so);
                s->so = NULL;
                return 2;
            }
        }
        *(void **)(&s->entry) = dlsym(s->so, "DriverEntry");
        if (s->entry == NULL) {
            fprintf(stderr, "undis: %s has no DriverEntry\n", s->path);
            return 2;
        }
        load_name(s, run->nspecs == 1);
    }
    return 0;
}

static void
close_all(struct driver_run *run)
{
    for (int i = run->nspecs - 1; i >= 0; i--) {
        if (run->specs[i].so != NULL) {
            dlclose(run->specs[i].so);
            run->specs[i].so = NULL;
        }
    }
}

int
undis_tool_run_driver(int argc, char **argv)
{
    static struct driver_run run;
    char err[600];
    int rc = parse(argc, argv, &run);
    if (rc != 0) {
        return rc;
    }
    if (run.out != NULL && driver_out_open(&run.outf, run.out, run.in, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis run --driver: %s\n", err);
        return 2;
    }
    rc = open_all(&run);
    driver_so_catch_crashes(); /* a crash names what the host was calling */
    if (rc != 0) {
        (void)driver_out_close(&run.outf, 0, err, sizeof(err));
        close_all(&run);
        return rc;
    }
    rc = host_and_report(&run);
    close_all(&run);
    return rc;
}
