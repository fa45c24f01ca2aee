/* SPDX-License-Identifier: MIT */
/*
 * run_driver.c: `undis run --driver PATH[:filter|:miniport|:protocol] --in FILE`.
 * Loads a filter, miniport or protocol driver built as a shared object (its
 * DriverEntry found with dlsym; the NDIS functions it calls resolve to this
 * executable, which exports them), hosts it (<undis/host.h>; the role is
 * what DriverEntry registers, checked against the one named), issues the
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
 * DriverEntry, a failed load, a role DriverEntry did not register, a bad
 * --events token, an unwritable --out).
 */
#include "undis_tool.h"

#include "capfile.h"
#include "run_driver.h"
#include "run_ioctl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

#define DRIVER_MAX_FINDINGS_SHOWN 20

struct driver_run {
    const char *path;
    const char *role; /* "filter", "miniport", "protocol" or NULL: what DriverEntry registers */
    const char *in;
    const char *out;
    int quiet;
    unsigned long findings;
    unsigned long frames;
    unsigned long refused_sends, refused_receives;
    struct driver_events events;
    struct driver_out outf;
    struct run_ioctls ioctls; /* --ioctl, --device (run_ioctl.c) */
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

static int
parse(int argc, char **argv, struct driver_run *run, char *path, size_t size)
{
    memset(run, 0, sizeof(*run));
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            run->path = argv[++i];
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
    if (run->path == NULL || run->in == NULL) {
        fprintf(
            stderr,
            "usage: undis run --driver PATH[:filter|:miniport|:protocol] --in FILE [--events SPEC] "
            "[--out FILE] [-q]\n"
            "         [--ioctl [after-attach:|after-traffic:|after-pause:]CODE[:HEX]]... "
            "[--device NAME]\n");
        return 2;
    }
    snprintf(path, size, "%s", run->path);
    char *role = strrchr(path, ':');
    if (role != NULL && strchr(role, '/') == NULL) {
        if (strcmp(role + 1, "filter") != 0 && strcmp(role + 1, "protocol") != 0 &&
            strcmp(role + 1, "miniport") != 0) {
            fprintf(stderr,
                    "undis run --driver: role '%s' is not an NDIS role (one of 'filter', "
                    "'miniport' and 'protocol')\n",
                    role + 1);
            return 2;
        }
        run->role = strcmp(role + 1, "filter") == 0     ? "filter"
                    : strcmp(role + 1, "protocol") == 0 ? "protocol"
                                                        : "miniport";
        *role = '\0';
    }
    return 0;
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

/* The role DriverEntry registered. */
static const char *
registered_role(undis_host *host)
{
    return undis_host_is_protocol(host)         ? "protocol"
           : undis_host_filter_count(host) == 0 ? "miniport"
                                                : "filter";
}

static int
host_life(undis_host *host, undis_host_driver_entry_fn *entry, struct driver_run *run)
{
    NTSTATUS status = undis_host_load(host, entry, "driver");
    int rc;
    if (!NT_SUCCESS(status)) {
        fprintf(stderr, "undis: %s: DriverEntry failed (0x%08lx)\n", run->path,
                (unsigned long)(ULONG)status);
        return 2;
    }
    if (run->role != NULL && strcmp(run->role, registered_role(host)) != 0) {
        fprintf(stderr, "undis: %s: the driver registered as a %s, not as a %s\n", run->path,
                registered_role(host), run->role);
        undis_host_unload(host);
        return 2;
    }
    status = undis_host_attach(host);
    if (status != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: attach failed (0x%08lx)\n", run->path,
                (unsigned long)(ULONG)status);
        undis_host_unload(host);
        return 2;
    }
    bind_oids(host, run->quiet);
    undis_host_indicate_link(host, TRUE);
    rc = run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_ATTACH);
    rc = rc != 0 ? rc : traffic(host, run);
    rc = rc != 0 ? rc : run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_TRAFFIC);
    if (undis_host_get_state(host) == UNDIS_HOST_RUNNING &&
        undis_host_pause(host, 1000) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: the pause did not complete\n", run->path);
        rc = rc != 0 ? rc : 1;
    } else {
        rc = rc != 0 ? rc : run_ioctl_send(host, &run->ioctls, RUN_IOCTL_AFTER_PAUSE);
    }
    undis_host_unload(host);
    return rc;
}

/* Hosts the driver whose DriverEntry is entry and prints its report. */
static int
host_and_report(undis_host_driver_entry_fn *entry, struct driver_run *run)
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
    rc = host_life(host, entry, run);
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

int
undis_tool_run_driver(int argc, char **argv)
{
    static struct driver_run run;
    char path[4096];
    char err[600];
    void *so;
    undis_host_driver_entry_fn *entry;
    int rc = parse(argc, argv, &run, path, sizeof(path));
    if (rc != 0) {
        return rc;
    }
    if (run.out != NULL && driver_out_open(&run.outf, run.out, run.in, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis run --driver: %s\n", err);
        return 2;
    }
    so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (so == NULL) {
        fprintf(stderr, "undis: cannot load %s: %s\n", path, dlerror());
        (void)driver_out_close(&run.outf, 0, err, sizeof(err));
        return 2;
    }
    *(void **)(&entry) = dlsym(so, "DriverEntry");
    if (entry == NULL) {
        fprintf(stderr, "undis: %s has no DriverEntry\n", path);
        (void)driver_out_close(&run.outf, 0, err, sizeof(err));
        dlclose(so);
        return 2;
    }
    rc = host_and_report(entry, &run);
    dlclose(so);
    return rc;
}
