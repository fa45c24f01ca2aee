/* SPDX-License-Identifier: MIT */
/*
 * run_driver.c: `undis run --driver PATH[:filter|:miniport] --in FILE`. Loads
 * a filter or miniport driver built as a shared object (its DriverEntry found with dlsym; the
 * NDIS functions it calls resolve to this executable, which exports them),
 * hosts it (<undis/host.h>), issues the OIDs a protocol issues at bind
 * (packet filter, current address, statistics), runs every frame of the
 * capture down its send path and up its receive path (receives at
 * DISPATCH_LEVEL), pauses, detaches, unloads, and prints the counts and
 * the host rules it broke. Exit status: 0 clean, 1 findings or unbalanced
 * counts, 2 bad input (no such file, no DriverEntry, a failed load).
 */
#include "undis_tool.h"

#include "capfile.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

#define DRIVER_MAX_FINDINGS_SHOWN 20

struct driver_run {
    const char *path;
    const char *in;
    int quiet;
    int miniport; /* the role asked for: 1 miniport, 0 filter */
    unsigned long findings;
    unsigned long frames;
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
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            run->quiet = 1;
        } else {
            fprintf(stderr, "undis run --driver: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (run->path == NULL || run->in == NULL) {
        fprintf(stderr, "usage: undis run --driver PATH[:filter|:miniport] --in FILE [-q]\n");
        return 2;
    }
    snprintf(path, size, "%s", run->path);
    char *role = strrchr(path, ':');
    if (role != NULL && strchr(role, '/') == NULL) {
        if (strcmp(role + 1, "filter") != 0 && strcmp(role + 1, "miniport") != 0) {
            fprintf(stderr,
                    "undis run --driver: role '%s' is not hosted yet (only 'filter' and "
                    "'miniport')\n",
                    role + 1);
            return 2;
        }
        run->miniport = strcmp(role + 1, "miniport") == 0;
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
               (unsigned long)s1, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], (unsigned long)s2,
               (unsigned long)s3);
    }
}

/* Every frame down the send path and up the receive path. */
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
    while ((got = cap_read(&reader, &rec)) == 1) {
        KIRQL old;
        if (rec.caplen == 0) {
            continue;
        }
        run->frames++;
        (void)undis_host_send(host, rec.data, rec.caplen);
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        (void)undis_host_receive(host, rec.data, rec.caplen, 0);
        KeLowerIrql(old);
    }
    if (got < 0) {
        fprintf(stderr, "undis: %s: %s\n", run->in, reader.error);
    }
    cap_close(&reader);
    return got < 0 ? 2 : 0;
}

static int
print_report(undis_host *host, const struct driver_run *run)
{
    undis_host_stats s;
    int balanced;
    undis_host_get_stats(host, &s);
    balanced = s.send_nbls == s.send_completed && s.recv_nbls == s.recv_returned &&
               s.oids == s.oids_completed;
    printf("undis run --driver %s (%s): %lu frames of %s\n", run->path,
           undis_host_driver_name(host), run->frames, run->in);
    printf("  send:    %llu NBLs, %llu bytes down; %llu on the wire (%llu bytes); "
           "%llu completed\n",
           (unsigned long long)s.send_nbls, (unsigned long long)s.send_bytes,
           (unsigned long long)s.wire_out_nbls, (unsigned long long)s.wire_out_bytes,
           (unsigned long long)s.send_completed);
    printf("  receive: %llu NBLs, %llu bytes indicated; %llu reached the protocol "
           "(%llu bytes); %llu returned\n",
           (unsigned long long)s.recv_nbls, (unsigned long long)s.recv_bytes,
           (unsigned long long)s.up_nbls, (unsigned long long)s.up_bytes,
           (unsigned long long)s.recv_returned);
    printf("  OIDs:    %llu issued, %llu completed, %llu reached the miniport; "
           "%llu status indication(s)\n",
           (unsigned long long)s.oids, (unsigned long long)s.oids_completed,
           (unsigned long long)s.miniport_oids, (unsigned long long)s.status_indications);
    printf("  %s; %lu finding(s)\n", balanced ? "balanced" : "NOT balanced", run->findings);
    return balanced && run->findings == 0 ? 0 : 1;
}

static int
host_life(undis_host *host, undis_host_driver_entry_fn *entry, struct driver_run *run)
{
    NTSTATUS status = undis_host_load(host, entry, "driver");
    int rc;
    if (!NT_SUCCESS(status)) {
        fprintf(stderr, "undis: %s: DriverEntry failed (0x%08lx)\n", run->path,
                (unsigned long)status);
        return 2;
    }
    if ((undis_host_filter_count(host) == 0) != (run->miniport != 0)) {
        fprintf(stderr, "undis: %s: the driver registered as a %s, not as a %s\n", run->path,
                run->miniport ? "filter" : "miniport", run->miniport ? "miniport" : "filter");
        undis_host_unload(host);
        return 2;
    }
    status = undis_host_attach(host);
    if (status != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: attach failed (0x%08lx)\n", run->path, (unsigned long)status);
        undis_host_unload(host);
        return 2;
    }
    bind_oids(host, run->quiet);
    undis_host_indicate_link(host, TRUE);
    rc = traffic(host, run);
    if (undis_host_pause(host, 1000) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: %s: the pause did not complete\n", run->path);
        rc = rc != 0 ? rc : 1;
    }
    undis_host_unload(host);
    return rc;
}

int
undis_tool_run_driver(int argc, char **argv)
{
    struct driver_run run;
    char path[4096];
    void *so;
    undis_host_driver_entry_fn *entry;
    undis_host *host = NULL;
    int rc = parse(argc, argv, &run, path, sizeof(path));
    if (rc != 0) {
        return rc;
    }
    so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (so == NULL) {
        fprintf(stderr, "undis: cannot load %s: %s\n", path, dlerror());
        return 2;
    }
    *(void **)(&entry) = dlsym(so, "DriverEntry");
    if (entry == NULL) {
        fprintf(stderr, "undis: %s has no DriverEntry\n", path);
        dlclose(so);
        return 2;
    }
    if (undis_host_create(&host) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis: out of memory\n");
        dlclose(so);
        return 2;
    }
    undis_report_set_hook(finding, &run);
    rc = host_life(host, entry, &run);
    if (rc != 2) {
        rc = print_report(host, &run) != 0 ? 1 : rc;
    }
    undis_report_set_hook(NULL, NULL);
    undis_host_destroy(host);
    dlclose(so);
    return rc;
}
