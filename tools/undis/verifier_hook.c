/* SPDX-License-Identifier: MIT */
/*
 * verifier_hook.c: `undis run`'s side of the verifier (verifier.h). The
 * report function counts every finding per rule (the library's own
 * counters) and keeps the first TOOL_VERIFIER_KEEP reports as text; it
 * returns, so the run goes on.
 */
#include "verifier.h"

#include <stdio.h>
#include <string.h>

#include <undis/verifier.h>

struct kept {
    char rule[40];
    char function[64];
    const char *object;
    char message[320];
    unsigned long long packet;
};

static struct {
    struct kept kept[TOOL_VERIFIER_KEEP];
    volatile unsigned long long next; /* slots claimed (atomically) */
    tool_verifier_packet_fn *packet_of;
    int started;
} g_tool;

static const char *
object_kind(const undis_report *r)
{
    if (r->object == NULL) {
        return "none";
    }
    if (r->object == (const void *)r->net_buffer) {
        return "NET_BUFFER";
    }
    if (r->object == (const void *)r->net_buffer_list) {
        return "NET_BUFFER_LIST";
    }
    return r->net_buffer != NULL ? "MDL" : "pool";
}

static void
tool_report(const undis_report *r, void *ctx)
{
    unsigned long long slot = __atomic_fetch_add(&g_tool.next, 1, __ATOMIC_RELAXED);
    (void)ctx;
    if (slot < TOOL_VERIFIER_KEEP) {
        struct kept *k = &g_tool.kept[slot];
        snprintf(k->rule, sizeof(k->rule), "%s", r->rule_name);
        snprintf(k->function, sizeof(k->function), "%s", r->call);
        snprintf(k->message, sizeof(k->message), "%s", r->reason);
        k->object = object_kind(r);
        k->packet =
            g_tool.packet_of != NULL && (r->net_buffer_list != NULL || r->net_buffer != NULL)
                ? g_tool.packet_of(r->net_buffer_list, r->net_buffer)
                : 0;
    }
}

int
tool_verifier_available(void)
{
    return 1;
}

const char *
tool_verifier_describe(void)
{
    return "undis verifier (<undis/verifier.h>)";
}

int
tool_verifier_start(int level, tool_verifier_packet_fn *packet_of)
{
    g_tool.packet_of = packet_of;
    memset(g_tool.kept, 0, sizeof(g_tool.kept));
    g_tool.next = 0;
    g_tool.started = 1;
    undis_verifier_reset_counts();
    undis_verifier_set_report_fn(tool_report, NULL);
    (void)undis_verifier_set_level(level);
    return 0;
}

unsigned long long
tool_verifier_findings(tool_verifier_finding_fn *fn, void *ctx)
{
    unsigned long long kept;
    if (!g_tool.started) {
        return 0;
    }
    kept = __atomic_load_n(&g_tool.next, __ATOMIC_ACQUIRE);
    kept = kept < TOOL_VERIFIER_KEEP ? kept : TOOL_VERIFIER_KEEP;
    for (unsigned long long i = 0; fn != NULL && i < kept; i++) {
        const struct kept *k = &g_tool.kept[i];
        struct tool_finding f = { k->rule, k->function, k->object, k->message, k->packet };
        fn(ctx, &f);
    }
    return undis_verifier_report_count();
}

unsigned long long
tool_verifier_rule_findings(const char *rule)
{
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        if (strcmp(undis_rule_name((undis_rule)i), rule) == 0) {
            return undis_verifier_rule_count((undis_rule)i);
        }
    }
    return 0;
}

void
tool_verifier_stop(void)
{
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
}

int
tool_verifier_mark(const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    /* The retreat ledger is internal to the library (no public lookup):
     * nothing to add to the run's own labels. */
    (void)nb;
    (void)mdl;
    (void)tag;
    (void)tag_len;
    return 0;
}
