/* SPDX-License-Identifier: MIT */
/*
 * run_driver_report.c: the report of `undis run --driver`, per hosted
 * driver: NBLs and bytes each way, completions and returns balanced against
 * what went out, OIDs, status indications, the events and what they did,
 * the protocol role's counts, frames written, host rule findings and the allocations left after unload.
 */
#include "run_driver.h"

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

int
driver_report_print(const struct driver_summary *r, FILE *out)
{
    const undis_host_stats *s = &r->stats;
    int ok = balanced(s);
    fprintf(out, "undis run --driver %s (%s): %lu frames of %s\n", r->path, r->name, r->frames,
            r->in);
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
