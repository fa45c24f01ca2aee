/* SPDX-License-Identifier: MIT */
/* report.c: the report of `undis run`, as text and as JSON, and its verdict. */
#include "run.h"

#include <string.h>

#include <undis/version.h>

#include "verifier.h"

const char *
report_status_name(NDIS_STATUS status)
{
    switch (status) {
    case NDIS_STATUS_SUCCESS:
        return "NDIS_STATUS_SUCCESS";
    case NDIS_STATUS_RESOURCES:
        return "NDIS_STATUS_RESOURCES";
    case NDIS_STATUS_INVALID_LENGTH:
        return "NDIS_STATUS_INVALID_LENGTH";
    case NDIS_STATUS_INVALID_PACKET:
        return "NDIS_STATUS_INVALID_PACKET";
    case NDIS_STATUS_INVALID_PARAMETER:
        return "NDIS_STATUS_INVALID_PARAMETER";
    case NDIS_STATUS_FAILURE:
        return "NDIS_STATUS_FAILURE";
    default:
        return "an NDIS status";
    }
}

uint64_t
report_counter_sum(const struct run *r, const char *name)
{
    uint64_t sum = 0;
    for (int i = 0; i < r->nstages; i++) {
        /* Driver-global counters (vlan-tag's NetAllocateMdl pair) are the
         * same in every instance of a stage: count them once. */
        int seen = 0;
        for (int j = 0; j < i; j++) {
            seen |= r->stage[j].chars == r->stage[i].chars;
        }
        for (int c = 0; c < r->stage[i].ncounters; c++) {
            const struct stage_counter *k = &r->stage[i].counter[c];
            if (strcmp(k->name, name) == 0 &&
                !(seen && strncmp(name, "mdl-", 4) == 0 && r->stage[i].chars->Name[0] == 'v' &&
                  strcmp(r->stage[i].chars->Name, "vlan-tag") == 0)) {
                sum += k->value;
            }
        }
    }
    return sum;
}

static uint64_t
not_indicated(const struct run *r)
{
    uint64_t n = 0;
    for (int i = 1; i < LINK_SKIP_COUNT; i++) {
        n += r->st.link_skipped[i];
    }
    return n;
}

static uint64_t
dropped(const struct run *r)
{
    return r->st.nbl_alloc_failed + r->st.reshape_failed + r->st.too_large +
           r->st.dropped_resources + r->st.dropped_other + r->st.runts_dropped +
           r->st.runts_rejected;
}

int
report_exit_status(const struct run *r)
{
    if (r->error.kind != NULL) {
        return 2;
    }
    if (r->st.mismatches != 0 || r->st.returned_changed != 0 || r->st.check_failures != 0 ||
        r->st.verifier_findings != 0 || r->st.outstanding != 0 || r->st.dropped_other != 0 ||
        r->st.too_large != 0 || r->st.out_unwritable != 0 || r->st.lso_bad != 0 ||
        (r->o.runts == RUNTS_FAIL && r->st.runts != 0)) {
        return 1;
    }
    if (r->o.compare && r->st.compared != r->st.pkts_out) {
        return 1;
    }
    return 0;
}

static const char *
result_word(const struct run *r)
{
    static const char *const words[] = { "PASS", "FAIL", "ERROR" };
    return words[report_exit_status(r)];
}

static double
ns_per_packet(const struct run *r, const struct tool_stage *st)
{
    return r->st.indicated != 0 ? (double)st->ns / (double)r->st.indicated : 0.0;
}

static double
rate(const struct run *r)
{
    return r->st.seconds > 0 ? (double)r->st.pkts_in / r->st.seconds : 0.0;
}

/* One kept verifier finding, under the count. */
static void
text_finding(void *ctx, const struct tool_finding *f)
{
    fprintf((FILE *)ctx, "  %s  %s on a %s", f->rule, f->function, f->object);
    if (f->packet != 0) {
        fprintf((FILE *)ctx, " (packet %llu)", f->packet);
    }
    fprintf((FILE *)ctx, ": %s\n", f->message);
}

static void
text_stages(const struct run *r, FILE *out)
{
    fprintf(out, "\nper stage (NBLs passed on / completed up / rejected, time in the stage's own "
                 "calls; its counters)\n");
    for (int i = 0; i < r->nstages; i++) {
        const struct tool_stage *st = &r->stage[i];
        int col = 0;
        fprintf(out, "  %-16s on %llu, up %llu, rejected %llu, %.0f ns/packet\n", st->spec,
                (unsigned long long)st->sent_on, (unsigned long long)st->completed,
                (unsigned long long)st->rejected, ns_per_packet(r, st));
        for (int c = 0; c < st->ncounters; c++) {
            if (st->counter[c].value == 0) {
                continue;
            }
            fprintf(out, "%s%s %llu", col == 0 ? "    " : ", ", st->counter[c].name,
                    (unsigned long long)st->counter[c].value);
            if (++col == 5) {
                fputc('\n', out);
                col = 0;
            }
        }
        if (col != 0) {
            fputc('\n', out);
        }
    }
}

/* The capture's format and link types, e.g. "pcapng (ns), LINUX_SLL (113)". */
static void
text_input(const struct run *r, FILE *out)
{
    fprintf(out, "input     %s%s", r->in.pcapng ? "pcapng" : "pcap",
            r->in.nano ? " (nanosecond timestamps)" : "");
    for (uint32_t i = 0; i < r->in.nifaces; i++) {
        fprintf(out, "%s%s (%u)", i == 0 ? ", link type " : ", ",
                link_name(r->in.iface[i].linktype), (unsigned)r->in.iface[i].linktype);
    }
    fprintf(out, "; snaplen %u; %s\n", cap_snaplen(&r->in),
            r->o.out == NULL  ? "not written"
            : r->o.out_pcapng ? "written as pcapng"
                              : "written as pcap");
}

static void
text_frames(const struct run *r, FILE *out)
{
    const struct run_stats *s = &r->st;
    if (not_indicated(r) != 0) {
        fprintf(out, "not indicated");
        for (int i = 1; i < LINK_SKIP_COUNT; i++) {
            if (s->link_skipped[i] != 0) {
                fprintf(out, "  %s %llu", link_skip_name((enum link_skip)i),
                        (unsigned long long)s->link_skipped[i]);
            }
        }
        fputc('\n', out);
    }
    if (s->truncated != 0) {
        fprintf(out, "truncated %llu frames captured shorter than on the wire (written so)\n",
                (unsigned long long)s->truncated);
    }
    fprintf(out,
            "runts     %llu under %u bytes (--runts %s): %llu rejected by a stage as too "
            "short, %llu dropped\n",
            (unsigned long long)s->runts, RUN_RUNT,
            r->o.runts == RUNTS_PASS   ? "pass"
            : r->o.runts == RUNTS_DROP ? "drop"
                                       : "fail",
            (unsigned long long)s->runts_rejected, (unsigned long long)s->runts_dropped);
    fprintf(out, "large     %llu TCP frames over the MTU %u sent as one NBL with LSO V2 info (MSS ",
            (unsigned long long)s->large_sends, r->o.mtu);
    if (r->mss != 0) {
        fprintf(out, "%u, the capture's MSS option", r->mss);
    } else {
        fprintf(out, "the MTU less the IP and TCP headers");
    }
    fprintf(out,
            "); %llu other frames over it sent as they are; %llu with a TcpHeaderOffset "
            "that missed the TCP header at the miniport\n",
            (unsigned long long)s->large_other, (unsigned long long)s->lso_bad);
    if (s->out_unwritable != 0) {
        fprintf(out, "unwritten %llu frames the output's link type cannot carry\n",
                (unsigned long long)s->out_unwritable);
    }
}

static void
text_result(const struct run *r, FILE *out)
{
    if (r->error.kind != NULL) {
        fprintf(out, "result             ERROR (%s", r->error.kind);
        if (r->error.packet != 0) {
            fprintf(out, ", packet %llu", (unsigned long long)r->error.packet);
        }
        fprintf(out, "): %s\n", r->error.message);
        return;
    }
    fprintf(out, "result             %s\n", result_word(r));
}

/* Comparisons, allocations, stages, checks, verifier, result. */
static void
report_text_tail(const struct run *r, FILE *out)
{
    const struct run_stats *s = &r->st;
    if (r->o.compare) {
        fprintf(out, "compare   %llu frames out compared with their frames in: %llu mismatches\n",
                (unsigned long long)s->compared, (unsigned long long)s->mismatches);
    }
    fprintf(out, "returned  %llu NBLs came back to undis, %llu with their data changed\n",
            (unsigned long long)s->indicated, (unsigned long long)s->returned_changed);

    fprintf(out, "\nallocations by kind\n");
    fprintf(out, "  receive NBLs (pool, NB + MDL + data in one)  %llu\n",
            (unsigned long long)s->indicated);
    fprintf(out, "  MDLs made by --reshape                       %llu\n",
            (unsigned long long)s->reshape_mdls);
    fprintf(out, "  MDLs from NetAllocateMdl (stages' retreats)  %llu, freed %llu\n",
            (unsigned long long)report_counter_sum(r, "mdl-allocated"),
            (unsigned long long)report_counter_sum(r, "mdl-freed"));
    fprintf(out, "  clone NBLs                                   %llu, freed %llu\n",
            (unsigned long long)report_counter_sum(r, "clone-allocated"),
            (unsigned long long)report_counter_sum(r, "clone-freed"));
    fprintf(out,
            "  library allocator calls                      %llu (%llu refused by fault "
            "injection)\n",
            (unsigned long long)s->alloc_count, (unsigned long long)s->alloc_failed);
    fprintf(out, "retreats  fast %llu, slow %llu (allocated an MDL), failed %llu\n",
            (unsigned long long)report_counter_sum(r, "retreat-fast"),
            (unsigned long long)report_counter_sum(r, "retreat-slow"),
            (unsigned long long)report_counter_sum(r, "retreat-failed"));
    text_stages(r, out);
    fprintf(out,
            "\nstructure checks   undis_nbl_check on every NBL between stages: %llu, %llu "
            "broken\n",
            (unsigned long long)s->checks, (unsigned long long)s->check_failures);
    if (tool_verifier_available()) {
        fprintf(out, "verifier findings  %llu (level %d)\n", s->verifier_findings,
                r->o.verify_level);
        (void)tool_verifier_findings(text_finding, out);
    } else {
        fprintf(out, "verifier findings  %s (level %d asked for)\n", tool_verifier_describe(),
                r->o.verify_level);
    }
    fprintf(out, "outstanding        %llu objects at the end (undis_alloc_outstanding)\n",
            (unsigned long long)s->outstanding);
    text_result(r, out);
}

void
report_text(const struct run *r, FILE *out)
{
    const struct run_stats *s = &r->st;
    fprintf(out, "undis %s run%s: %s -> %s\n", undis_version(), r->o.main_job ? " (main job)" : "",
            r->o.in, r->o.out ? r->o.out : "(frames not written; --out FILE keeps them)");
    fprintf(out, "stages: ");
    for (int i = 0; i < r->nstages; i++) {
        fprintf(out, "%s%s", i ? " -> " : "", r->stage[i].spec);
    }
    fprintf(out, "%s\n", r->nstages == 0 ? "(none: frames go straight to the miniport)" : "");
    text_input(r, out);
    fprintf(out,
            "receive: NBL pool with DataSize %u (backfill %u), batches of %u chained as a receive "
            "indication; reshape %s; faults %s\n",
            r->o.backfill + r->buffer, r->o.backfill, r->o.batch, r->o.reshape ? "on" : "off",
            r->o.faults ? "on" : "off");
    fprintf(out, "direction: %s\n",
            r->o.receive ? "receive (up the stages' receive path, the last stage first; stages "
                           "without receive handlers bypassed; passed on = indicated up, "
                           "completed = returned down)"
                         : "send (down the stages' send path)");
    if (r->o.reshape) {
        fprintf(out, "  reshape seed %llu\n", r->o.reshape_seed);
    }
    if (r->o.faults) {
        fprintf(out, "  faults: rate %u per million (seed %llu), nth %llu, map %llu\n",
                r->o.fault_rate, r->o.fault_seed, r->o.fault_nth, r->o.fault_map_nth);
    }
    fprintf(out, "\npackets   in %llu, out %llu, dropped %llu\n", (unsigned long long)s->pkts_in,
            (unsigned long long)s->pkts_out, (unsigned long long)dropped(r));
    fprintf(out, "bytes     in %llu, out %llu\n", (unsigned long long)s->bytes_in,
            (unsigned long long)s->bytes_out);
    fprintf(out, "rate      %.0f packets/s (%.6f s)\n", rate(r), s->seconds);
    text_frames(r, out);
    if (dropped(r) != 0) {
        fprintf(out,
                "drops     receive pool %llu, reshape %llu, too large %llu, runts %llu, by "
                "stages: resources %llu, rejected %llu, runts %llu\n",
                (unsigned long long)s->nbl_alloc_failed, (unsigned long long)s->reshape_failed,
                (unsigned long long)s->too_large, (unsigned long long)s->runts_dropped,
                (unsigned long long)s->dropped_resources, (unsigned long long)s->dropped_other,
                (unsigned long long)s->runts_rejected);
    }
    report_text_tail(r, out);
}

static void
json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

static void
json_u64(FILE *out, const char *name, uint64_t v, int comma)
{
    fprintf(out, "\"%s\": %llu%s", name, (unsigned long long)v, comma ? ", " : "");
}

/* The error object: {"kind", "message", "packet"}, or null. */
static void
json_error(const struct run *r, FILE *out)
{
    if (r->error.kind == NULL) {
        fprintf(out, "null");
        return;
    }
    fprintf(out, "{\"kind\": \"%s\", \"message\": ", r->error.kind);
    json_string(out, r->error.message);
    if (r->error.packet != 0) {
        fprintf(out, ", \"packet\": %llu}", (unsigned long long)r->error.packet);
    } else {
        fprintf(out, ", \"packet\": null}");
    }
}

struct json_list {
    FILE *out;
    int first;
};

static void
json_finding(void *ctx, const struct tool_finding *f)
{
    struct json_list *l = (struct json_list *)ctx;
    FILE *out = l->out;
    fprintf(out, "%s\n    {\"rule\": ", l->first ? "" : ",");
    l->first = 0;
    json_string(out, f->rule);
    fprintf(out, ", \"function\": ");
    json_string(out, f->function);
    fprintf(out, ", \"object\": ");
    json_string(out, f->object);
    fprintf(out, ", \"packet\": %llu, \"message\": ", f->packet);
    json_string(out, f->message);
    fputc('}', out);
}

/* Input, link types, frames not indicated, runts, large sends. */
static void
json_frames(const struct run *r, FILE *out)
{
    const struct run_stats *s = &r->st;
    fprintf(out, "  \"input\": {\"format\": \"%s\", \"nanosecond\": %s, \"linktypes\": [",
            r->in.pcapng ? "pcapng" : "pcap", r->in.nano ? "true" : "false");
    for (uint32_t i = 0; i < r->in.nifaces; i++) {
        fprintf(out, "%s%u", i ? ", " : "", (unsigned)r->in.iface[i].linktype);
    }
    fprintf(out, "], \"snaplen\": %u},\n  \"output_format\": ", cap_snaplen(&r->in));
    fprintf(out, "%s,\n  \"receive_buffer\": %u, \"mtu\": %u,\n",
            r->o.out == NULL  ? "null"
            : r->o.out_pcapng ? "\"pcapng\""
                              : "\"pcap\"",
            r->buffer, r->o.mtu);
    fprintf(out, "  \"not_indicated\": {");
    for (int i = 1; i < LINK_SKIP_COUNT; i++) {
        static const char *const keys[LINK_SKIP_COUNT] = { "",          "management", "control",
                                                           "null_data", "protected",  "short",
                                                           "protocol" };
        json_u64(out, keys[i], s->link_skipped[i], i + 1 < LINK_SKIP_COUNT);
    }
    fprintf(out, "},\n  ");
    json_u64(out, "truncated", s->truncated, 1);
    json_u64(out, "unwritten", s->out_unwritable, 0);
    fprintf(out, ",\n  \"runts\": {\"policy\": \"%s\", ",
            r->o.runts == RUNTS_PASS   ? "pass"
            : r->o.runts == RUNTS_DROP ? "drop"
                                       : "fail");
    json_u64(out, "seen", s->runts, 1);
    json_u64(out, "rejected_by_stages", s->runts_rejected, 1);
    json_u64(out, "dropped", s->runts_dropped, 0);
    fprintf(out, "},\n  \"large_sends\": {");
    json_u64(out, "lso", s->large_sends, 1);
    if (r->mss != 0) {
        json_u64(out, "mss", r->mss, 1);
    } else {
        fprintf(out, "\"mss\": null, ");
    }
    json_u64(out, "other", s->large_other, 1);
    json_u64(out, "offset_wrong", s->lso_bad, 0);
    fprintf(out, "},\n");
}

static void
json_stages(const struct run *r, FILE *out)
{
    fprintf(out, "  \"stages\": [");
    for (int i = 0; i < r->nstages; i++) {
        const struct tool_stage *st = &r->stage[i];
        fprintf(out, "%s\n    {\"spec\": ", i ? "," : "");
        json_string(out, st->spec);
        fprintf(out, ", ");
        json_u64(out, "passed_on", st->sent_on, 1);
        json_u64(out, "completed_up", st->completed, 1);
        json_u64(out, "rejected", st->rejected, 1);
        fprintf(out, "\"ns_per_packet\": %.1f, ", ns_per_packet(r, st));
        fprintf(out, "\"counters\": {");
        for (int c = 0; c < st->ncounters; c++) {
            fprintf(out, "%s", c ? ", " : "");
            json_string(out, st->counter[c].name);
            fprintf(out, ": %llu", (unsigned long long)st->counter[c].value);
        }
        fprintf(out, "}}");
    }
    fprintf(out, "\n  ],\n");
}

void
report_json(const struct run *r, FILE *out)
{
    const struct run_stats *s = &r->st;
    fprintf(out, "{\n  \"undis\": ");
    json_string(out, undis_version());
    fprintf(out, ",\n  \"main_job\": %s,\n  \"in\": ", r->o.main_job ? "true" : "false");
    json_string(out, r->o.in);
    fprintf(out, ",\n  \"out\": ");
    if (r->o.out) {
        json_string(out, r->o.out);
    } else {
        fprintf(out, "null");
    }
    fprintf(out,
            ",\n  \"batch\": %u, \"backfill\": %u, \"reshape\": %s, \"reshape_seed\": %llu, "
            "\"faults\": %s,\n",
            r->o.batch, r->o.backfill, r->o.reshape ? "true" : "false", r->o.reshape_seed,
            r->o.faults ? "true" : "false");
    fprintf(out, "  \"packets\": {");
    json_u64(out, "in", s->pkts_in, 1);
    json_u64(out, "out", s->pkts_out, 1);
    json_u64(out, "dropped", dropped(r), 0);
    fprintf(out, "},\n  \"bytes\": {");
    json_u64(out, "in", s->bytes_in, 1);
    json_u64(out, "out", s->bytes_out, 0);
    fprintf(out, "},\n  \"packets_per_second\": %.0f, \"seconds\": %.6f,\n", rate(r), s->seconds);
    fprintf(out, "  \"drops\": {");
    json_u64(out, "receive_pool", s->nbl_alloc_failed, 1);
    json_u64(out, "reshape", s->reshape_failed, 1);
    json_u64(out, "too_large", s->too_large, 1);
    json_u64(out, "stage_resources", s->dropped_resources, 1);
    json_u64(out, "stage_rejected", s->dropped_other, 1);
    json_u64(out, "runts", s->runts_dropped, 1);
    json_u64(out, "runts_rejected_by_stages", s->runts_rejected, 0);
    fprintf(out, "},\n");
    json_frames(r, out);
    fprintf(out, "  ");
    json_u64(out, "compared", s->compared, 1);
    json_u64(out, "mismatches", s->mismatches, 1);
    json_u64(out, "returned", s->indicated, 1);
    json_u64(out, "returned_changed", s->returned_changed, 0);
    fprintf(out, ",\n  \"allocations\": {");
    json_u64(out, "receive_nbls", s->indicated, 1);
    json_u64(out, "reshape_mdls", s->reshape_mdls, 1);
    json_u64(out, "mdl_allocated", report_counter_sum(r, "mdl-allocated"), 1);
    json_u64(out, "mdl_freed", report_counter_sum(r, "mdl-freed"), 1);
    json_u64(out, "clone_allocated", report_counter_sum(r, "clone-allocated"), 1);
    json_u64(out, "clone_freed", report_counter_sum(r, "clone-freed"), 1);
    json_u64(out, "library_calls", s->alloc_count, 1);
    json_u64(out, "library_refused", s->alloc_failed, 0);
    fprintf(out, "},\n  \"retreats\": {");
    json_u64(out, "fast", report_counter_sum(r, "retreat-fast"), 1);
    json_u64(out, "slow", report_counter_sum(r, "retreat-slow"), 1);
    json_u64(out, "failed", report_counter_sum(r, "retreat-failed"), 0);
    fprintf(out, "},\n");
    json_stages(r, out);
    fprintf(out, "  \"structure_checks\": {");
    json_u64(out, "checked", s->checks, 1);
    json_u64(out, "broken", s->check_failures, 0);
    fprintf(out, "},\n  \"verifier\": {\"available\": %s, \"level\": %d, \"findings\": ",
            tool_verifier_available() ? "true" : "false", r->o.verify_level);
    if (tool_verifier_available()) {
        struct json_list l = { out, 1 };
        fprintf(out, "%llu, \"kept\": [", s->verifier_findings);
        (void)tool_verifier_findings(json_finding, &l);
        fprintf(out, "%s]", l.first ? "" : "\n  ");
    } else {
        fprintf(out, "null, \"note\": ");
        json_string(out, tool_verifier_describe());
    }
    fprintf(out, "},\n  ");
    json_u64(out, "outstanding", s->outstanding, 1);
    fprintf(out, "\"exit_status\": %d,\n  \"error\": ", report_exit_status(r));
    json_error(r, out);
    fprintf(out, ",\n  \"result\": \"%s\"\n}\n", result_word(r));
}

void
report_error_json(const struct run *r, FILE *out)
{
    fprintf(out, "{\n  \"undis\": ");
    json_string(out, undis_version());
    fprintf(out, ",\n  \"exit_status\": 2,\n  \"error\": ");
    json_error(r, out);
    fprintf(out, ",\n  \"result\": \"ERROR\"\n}\n");
}
