/* SPDX-License-Identifier: MIT */
/*
 * run_driver_report.c: the report of `undis run --driver`: a line per
 * driver of the stack (where it sits, the NBLs it passed, completed,
 * indicated and returned, its OIDs, pauses and restarts), then the stack's
 * totals: NBLs and bytes each way, completions and returns balanced against
 * what went out, OIDs, status indications, the events and what they did,
 * the protocol role's counts, frames written, host rule findings and the allocations left after
 * unload.
 */
#include "run_driver.h"

#include <string.h>

static int
balanced(const undis_host_stats *s)
{
    return s->send_nbls == s->send_completed && s->recv_nbls == s->recv_returned &&
           s->oids == s->oids_completed;
}

static void
print_paths(const struct driver_summary *r, FILE *out)
{
    const undis_host_stats *s = &r->stats;
    fprintf(out,
            "  send:    %llu NBLs, %llu bytes down; %llu on the wire (%llu bytes); "
            "%llu completed\n",
            (unsigned long long)s->send_nbls, (unsigned long long)s->send_bytes,
            (unsigned long long)s->wire_out_nbls, (unsigned long long)s->wire_out_bytes,
            (unsigned long long)s->send_completed);
    fprintf(out,
            "  receive: %llu NBLs, %llu bytes indicated; %llu reached the protocol "
            "(%llu bytes); %llu returned\n",
            (unsigned long long)s->recv_nbls, (unsigned long long)s->recv_bytes,
            (unsigned long long)s->up_nbls, (unsigned long long)s->up_bytes,
            (unsigned long long)s->recv_returned);
    if (r->refused_sends != 0 || r->refused_receives != 0) {
        fprintf(out,
                "  refused while not running (NDIS_STATUS_PAUSED): %lu send(s), "
                "%lu receive(s)\n",
                r->refused_sends, r->refused_receives);
    }
}

static void
print_protocol(const undis_host_protocol_stats *p, FILE *out)
{
    if (p->binds == 0) {
        return; /* not a protocol */
    }
    fprintf(out,
            "  protocol: %llu bind(s), %llu unbind(s), %llu PnP event(s); sent %llu, %llu "
            "completed to it; %llu received, %llu returned (%llu with RESOURCES); %llu OID(s)\n",
            (unsigned long long)p->binds, (unsigned long long)p->unbinds,
            (unsigned long long)p->pnp_events, (unsigned long long)p->sends,
            (unsigned long long)p->send_completions, (unsigned long long)p->receives,
            (unsigned long long)p->returns, (unsigned long long)p->resources,
            (unsigned long long)p->oids);
}

/* Where the driver sits: the top (a protocol), the bottom (a miniport) or
 * its position among the filters (1: the top-most). */
static void
print_driver(const struct driver_line *l, int index, int *filters, FILE *out)
{
    const undis_host_driver_stats *d = &l->stats;
    char where[32];
    if (strcmp(l->role, "filter") == 0) {
        snprintf(where, sizeof(where), "filter %d", ++*filters);
    } else {
        snprintf(where, sizeof(where), "%s",
                 strcmp(l->role, "miniport") == 0   ? "the bottom"
                 : strcmp(l->role, "protocol") == 0 ? "the top"
                                                    : "unregistered");
    }
    fprintf(out,
            "  driver %d: %s (%s), %s: sent %llu, completed %llu; indicated %llu, returned "
            "%llu; %llu OID(s), %llu direct; %llu pause(s), %llu restart(s), %llu restart "
            "request(s)\n",
            index + 1, l->arg, l->name, where, (unsigned long long)d->sent,
            (unsigned long long)d->completed, (unsigned long long)d->indicated,
            (unsigned long long)d->returned, (unsigned long long)d->oids,
            (unsigned long long)d->direct_oids, (unsigned long long)d->pauses,
            (unsigned long long)d->restarts, (unsigned long long)d->restart_requests);
}

static void
print_header(const struct driver_summary *r, FILE *out)
{
    int filters = 0;
    if (r->nlines <= 1) {
        fprintf(out, "undis run --driver %s (%s): %lu frames of %s\n", r->path, r->name, r->frames,
                r->in);
    } else {
        fprintf(out, "undis run");
        for (int i = 0; i < r->nlines; i++) {
            fprintf(out, " --driver %s", r->lines[i].arg);
        }
        fprintf(out, " (a stack of %d drivers): %lu frames of %s\n", r->nlines, r->frames, r->in);
    }
    for (int i = 0; i < r->nlines; i++) {
        print_driver(&r->lines[i], i, &filters, out);
    }
}

int
driver_report_print(const struct driver_summary *r, FILE *out)
{
    const undis_host_stats *s = &r->stats;
    int ok = balanced(s);
    print_header(r, out);
    print_paths(r, out);
    fprintf(out,
            "  OIDs:    %llu issued, %llu completed, %llu reached the miniport; "
            "%llu status indication(s)\n",
            (unsigned long long)s->oids, (unsigned long long)s->oids_completed,
            (unsigned long long)s->miniport_oids, (unsigned long long)s->status_indications);
    print_protocol(&r->protocol, out);
    if (r->events != NULL) {
        driver_events_print(r->events, out);
    }
    if (r->out != NULL) {
        fprintf(out, "  out:     %lu frame(s) written to %s\n", r->wire_frames, r->out);
    }
    if (r->leaks > 0) {
        fprintf(out, "  leaks:   %lld allocation(s) still out after unload\n", r->leaks);
    } else {
        fprintf(out, "  leaks:   none\n");
    }
    fprintf(out, "  %s; %lu finding(s)\n", ok ? "balanced" : "NOT balanced", r->findings);
    return ok && r->findings == 0 && r->leaks <= 0 ? 0 : 1;
}
