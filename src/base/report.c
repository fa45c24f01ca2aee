/* SPDX-License-Identifier: MIT */
/*
 * report.c: the one report path (<undis/report.h>, base/report.h). The hook
 * and the wrappers' per-domain hooks, the dispatch, the default handler (the
 * verifier's block or the runtime's line, then abort unless a notice), fatal
 * reports, and the once-per-function NOT_SUPPORTED_IN_USER_MODE notice.
 * The rule table is in rules.c.
 */
#include "base/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct hook_slot {
    undis_report_hook *hook;
    void *context;
};

/* The hook pair is read and written under one lock, so a report never sees
 * one hook with another's context. */
static struct {
    undis__spinlock lock;
    struct hook_slot main;
    struct hook_slot domain[UNDIS_DOMAIN_COUNT];
} g_hooks;

void
undis_report_set_hook(undis_report_hook *hook, void *context)
{
    undis__spin_lock(&g_hooks.lock);
    g_hooks.main.hook = hook;
    g_hooks.main.context = hook != NULL ? context : NULL;
    undis__spin_unlock(&g_hooks.lock);
}

undis_report_hook *
undis_report_get_hook(void **context)
{
    struct hook_slot s;
    undis__spin_lock(&g_hooks.lock);
    s = g_hooks.main;
    undis__spin_unlock(&g_hooks.lock);
    if (context != NULL) {
        *context = s.context;
    }
    return s.hook;
}

void
undis__report_set_domain_hook(undis_domain domain, undis_report_hook *hook, void *context)
{
    UNDIS_ASSERT((unsigned)domain < UNDIS_DOMAIN_COUNT);
    undis__spin_lock(&g_hooks.lock);
    g_hooks.domain[domain].hook = hook;
    g_hooks.domain[domain].context = hook != NULL ? context : NULL;
    undis__spin_unlock(&g_hooks.lock);
}

void
undis__report_init(undis_report *report, undis_rule rule)
{
    memset(report, 0, sizeof(*report));
    report->rule = rule;
    report->domain = undis_rule_domain(rule);
    report->severity = undis_rule_severity(rule);
    report->rule_name = undis_rule_name(rule);
    report->message = "";
    report->history = "";
}

/* ------------------------------------------------------------------ */
/* The default                                                         */
/* ------------------------------------------------------------------ */

static int
is_bugcheck(undis_rule rule)
{
    return rule >= UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL && rule <= UNDIS_RULE_KE_BUGCHECK;
}

static int
is_fast_fail(undis_rule rule)
{
    return rule == UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY || rule == UNDIS_RULE_FAST_FAIL;
}

static const char *
text_or(const char *s, const char *fallback)
{
    return s != NULL ? s : fallback;
}

/* The verifier's block (its format is checked by tests/verifier_death). */
static void
print_verifier(const undis_report *r, const char *name, FILE *out)
{
    fprintf(out, "undis verifier: %s in %s: %s\n", name, text_or(r->function, "?"),
            text_or(r->message, ""));
    fprintf(out, "  rule: %s\n", undis_rule_rationale(r->rule));
    fprintf(out, "  object: %p\n", r->object);
    if (r->history != NULL && r->history[0] != '\0') {
        fprintf(out, "  history: %s\n", r->history);
    }
}

/* One line, as the runtime has always printed, then the rationale. */
static void
print_line(const undis_report *r, const char *name, FILE *out)
{
    fprintf(out, "undis: %s: %s", name, text_or(r->message, ""));
    if (is_bugcheck(r->rule)) {
        fprintf(out, " (bug check 0x%08X: 0x%llX, 0x%llX, 0x%llX, 0x%llX)", (unsigned)r->code,
                (unsigned long long)r->params[0], (unsigned long long)r->params[1],
                (unsigned long long)r->params[2], (unsigned long long)r->params[3]);
    } else if (is_fast_fail(r->rule)) {
        fprintf(out, " (code %u)", (unsigned)r->code);
    }
    if (r->file != NULL) {
        fprintf(out, " at %s:%d", r->file, r->line);
    }
    if (r->function != NULL) {
        fprintf(out, " in %s()", r->function);
    }
    fputc('\n', out);
    fprintf(out, "  rule: %s\n", undis_rule_rationale(r->rule));
    if (r->object != NULL) {
        fprintf(out, "  object: %p\n", r->object);
    }
}

void
undis_report_default(const undis_report *report)
{
    /* Domain and severity come from the table (a record a caller built by
     * hand is treated as its rule says); a record may only raise severity. */
    undis_severity severity = undis_rule_severity(report->rule);
    if (report->severity > severity) {
        severity = report->severity;
    }
    const char *name = text_or(report->rule_name, undis_rule_name(report->rule));
    fflush(stdout);
    if (undis_rule_domain(report->rule) == UNDIS_DOMAIN_DATAPATH &&
        severity == UNDIS_SEVERITY_ERROR) {
        print_verifier(report, name, stderr);
    } else {
        print_line(report, name, stderr);
    }
    if (report->picture != NULL) {
        report->picture(report, stderr);
    }
    fflush(stderr);
    if (severity != UNDIS_SEVERITY_NOTICE) {
        abort();
    }
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

void
undis__report_dispatch(const undis_report *report)
{
    struct hook_slot s;
    undis_report_action action = UNDIS_REPORT_ABORT;
    undis__spin_lock(&g_hooks.lock);
    s = g_hooks.main;
    if (s.hook == NULL && (unsigned)report->domain < UNDIS_DOMAIN_COUNT) {
        s = g_hooks.domain[report->domain];
    }
    undis__spin_unlock(&g_hooks.lock);
    if (s.hook != NULL) {
        action = s.hook(report, s.context);
    }
    if (action == UNDIS_REPORT_CONTINUE && report->severity != UNDIS_SEVERITY_FATAL) {
        return;
    }
    undis_report_default(report); /* returns only for a notice */
}

void
undis__report_fatal(undis_rule rule, const char *function, const void *object, const char *fmt, ...)
{
    char message[512];
    undis_report r;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    undis__report_init(&r, rule);
    r.severity = UNDIS_SEVERITY_FATAL;
    r.function = function;
    r.object = object;
    r.message = message;
    undis__report_dispatch(&r);
    abort(); /* not reached: a fatal report ends in the default */
}

/* ------------------------------------------------------------------ */
/* NOT_SUPPORTED_IN_USER_MODE, once per function                       */
/* ------------------------------------------------------------------ */

#define SEEN_BUCKETS 64u

struct seen {
    struct seen *next;
    const char *function;
};

static struct {
    undis__spinlock lock;
    struct seen *bucket[SEEN_BUCKETS];
} g_unsupported;

static unsigned
name_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h % SEEN_BUCKETS;
}

/* 1 the first time function is seen (then it is remembered, if memory
 * allows), 0 after. */
static int
first_time(const char *function)
{
    struct seen **head = &g_unsupported.bucket[name_hash(function)];
    struct seen *e;
    int first = 1;
    undis__spin_lock(&g_unsupported.lock);
    for (e = *head; e != NULL && first; e = e->next) {
        first = strcmp(e->function, function) != 0;
    }
    if (first) {
        e = (struct seen *)undis__mem_alloc_backing(sizeof(*e));
        if (e != NULL) {
            e->function = function;
            e->next = *head;
            *head = e;
        }
    }
    undis__spin_unlock(&g_unsupported.lock);
    return first;
}

void
undis__report_unsupported(const char *function)
{
    char message[256];
    undis_report r;
    if (function == NULL) {
        function = "(unnamed function)";
    }
    if (!first_time(function)) {
        return;
    }
    snprintf(message, sizeof(message),
             "%s cannot work in user mode (the call fails, as Windows documents it may)", function);
    undis__report_init(&r, UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE);
    r.function = function;
    r.message = message;
    undis__report_dispatch(&r);
}
