/* SPDX-License-Identifier: MIT */
/*
 * rt_report.c: the kernel runtime's side of the one report path
 * (base/report.h). Assertion failures, bug checks (KeBugCheck(Ex) and the
 * runtime's own checks), fast fails and breakpoints each become a record of
 * their rule in the kernel domain; and the undis_rt_set_report_hook wrapper
 * (<undis/rt.h>), which hands those records to an old-style hook as an
 * undis_rt_event.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <stdio.h>

#include <undis/rt.h>

/* ------------------------------------------------------------------ */
/* The undis_rt_set_report_hook wrapper                                */
/* ------------------------------------------------------------------ */

static struct {
    undis_rt_report_fn fn;
    void *context;
} g_legacy;

static undis_rt_event_kind
kind_of(undis_rule rule)
{
    if (rule == UNDIS_RULE_DBG_BREAKPOINT) {
        return UNDIS_RT_BREAKPOINT;
    }
    if (rule == UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY || rule == UNDIS_RULE_FAST_FAIL) {
        return UNDIS_RT_FAST_FAIL;
    }
    if (rule == UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE) {
        return UNDIS_RT_NOT_SUPPORTED;
    }
    if (rule >= UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL && rule <= UNDIS_RULE_KE_BUGCHECK) {
        return UNDIS_RT_BUGCHECK;
    }
    return UNDIS_RT_ASSERT;
}

static void
event_of(const undis_report *r, undis_rt_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->kind = kind_of(r->rule);
    ev->rule = r->rule_name;
    ev->message = r->message;
    ev->file = r->file;
    ev->line = r->line;
    ev->function = r->function;
    ev->code = r->code;
    memcpy(ev->params, r->params, sizeof(ev->params));
}

static undis_report_action
legacy_adapter(const undis_report *report, void *unused)
{
    undis_rt_report_fn fn = g_legacy.fn;
    undis_rt_event ev;
    (void)unused;
    if (fn == NULL) { /* cleared since the hook was read */
        return UNDIS_REPORT_ABORT;
    }
    event_of(report, &ev);
    return fn(&ev, g_legacy.context) == UNDIS_RT_CONTINUE ? UNDIS_REPORT_CONTINUE
                                                          : UNDIS_REPORT_ABORT;
}

void
undis_rt_set_report_hook(undis_rt_report_fn fn, void *context)
{
    undis__report_set_domain_hook(UNDIS_DOMAIN_KERNEL, NULL, NULL);
    g_legacy.fn = fn;
    g_legacy.context = fn != NULL ? context : NULL;
    if (fn != NULL) {
        undis__report_set_domain_hook(UNDIS_DOMAIN_KERNEL, legacy_adapter, NULL);
    }
}

undis_rt_report_fn
undis_rt_get_report_hook(void **context)
{
    if (context != NULL) {
        *context = g_legacy.context;
    }
    return g_legacy.fn;
}

/* The rule an event names: by its rule string, else by its kind. */
static undis_rule
rule_of_event(const undis_rt_event *event)
{
    undis_rule rule = undis_rule_from_name(event->rule);
    if (rule != UNDIS_RULE_NONE) {
        return rule;
    }
    switch (event->kind) {
    case UNDIS_RT_BUGCHECK:
        return UNDIS_RULE_KE_BUGCHECK;
    case UNDIS_RT_FAST_FAIL:
        return UNDIS_RULE_FAST_FAIL;
    case UNDIS_RT_BREAKPOINT:
        return UNDIS_RULE_DBG_BREAKPOINT;
    case UNDIS_RT_NOT_SUPPORTED:
        return UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE;
    default:
        return UNDIS_RULE_ASSERT;
    }
}

void
undis_rt_report_default(const undis_rt_event *event)
{
    undis_report r;
    undis__report_init(&r, rule_of_event(event));
    r.severity = UNDIS_SEVERITY_FATAL; /* as it always has: print, then abort */
    if (event->rule != NULL) {
        r.rule_name = event->rule;
    }
    r.message = event->message != NULL ? event->message : "";
    r.file = event->file;
    r.line = event->line;
    r.function = event->function;
    r.code = event->code;
    memcpy(r.params, event->params, sizeof(r.params));
    undis_report_default(&r);
    abort(); /* not reached */
}

/* ------------------------------------------------------------------ */
/* Reports of the runtime                                              */
/* ------------------------------------------------------------------ */

static undis_rule
bugcheck_rule(ULONG code)
{
    switch (code) {
    case IRQL_NOT_GREATER_OR_EQUAL:
        return UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL;
    case IRQL_NOT_LESS_OR_EQUAL:
        return UNDIS_RULE_IRQL_NOT_LESS_OR_EQUAL;
    case SPIN_LOCK_ALREADY_OWNED:
        return UNDIS_RULE_SPIN_LOCK_ALREADY_OWNED;
    case SPIN_LOCK_NOT_OWNED:
        return UNDIS_RULE_SPIN_LOCK_NOT_OWNED;
    case BUGCODE_NDIS_DRIVER:
        return UNDIS_RULE_BUGCODE_NDIS_DRIVER;
    case BAD_POOL_CALLER:
        return UNDIS_RULE_BAD_POOL_CALLER;
    case DRIVER_VERIFIER_DETECTED_VIOLATION:
        return UNDIS_RULE_DRIVER_VERIFIER_DETECTED_VIOLATION;
    case DRIVER_IRQL_NOT_LESS_OR_EQUAL:
        return UNDIS_RULE_DRIVER_IRQL_NOT_LESS_OR_EQUAL;
    case MANUALLY_INITIATED_CRASH:
        return UNDIS_RULE_MANUALLY_INITIATED_CRASH;
    case KERNEL_SECURITY_CHECK_FAILURE:
        return UNDIS_RULE_KERNEL_SECURITY_CHECK_FAILURE;
    default:
        return UNDIS_RULE_KE_BUGCHECK;
    }
}

/* The assertion rules the face's macros name; anything else is ASSERT. */
static undis_rule
assert_rule(const char *name)
{
    undis_rule rule = undis_rule_from_name(name);
    return rule >= UNDIS_RULE_ASSERT && rule <= UNDIS_RULE_PAGED_CODE ? rule : UNDIS_RULE_ASSERT;
}

void
undis_rt_assert_failed(const char *rule,
                       const char *expression,
                       const char *message,
                       const char *file,
                       int line,
                       const char *function)
{
    char text[512];
    undis_report r;
    if (expression == NULL || expression[0] == '\0') {
        expression = "an assertion failure was raised";
    }
    if (message != NULL) {
        snprintf(text, sizeof(text), "%s (%s)", message, expression);
    } else {
        snprintf(text, sizeof(text), "%s", expression);
    }
    undis__report_init(&r, assert_rule(rule));
    r.message = text;
    r.file = file;
    r.line = line;
    r.function = function;
    undis__report_dispatch(&r);
}

VOID NTAPI
RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage)
{
    undis_rt_assert_failed("RTL_ASSERT", (const char *)VoidFailedAssertion, MutableMessage,
                           (const char *)VoidFileName, (int)LineNumber, "RtlAssert");
}

static UNDIS_NORETURN void
bugcheck(ULONG code,
         const ULONG_PTR params[4],
         const char *message,
         const char *file,
         int line,
         const char *function)
{
    undis_report r;
    undis__report_init(&r, bugcheck_rule(code));
    r.message = message;
    r.file = file;
    r.line = line;
    r.function = function;
    r.code = code;
    memcpy(r.params, params, sizeof(r.params));
    undis__report_dispatch(&r);
    abort(); /* not reached: a bug check is fatal */
}

void
undis_rt_bugcheck_at(ULONG BugCheckCode,
                     ULONG_PTR P1,
                     ULONG_PTR P2,
                     ULONG_PTR P3,
                     ULONG_PTR P4,
                     const char *file,
                     int line,
                     const char *function)
{
    const ULONG_PTR params[4] = { P1, P2, P3, P4 };
    bugcheck(BugCheckCode, params, "bug check", file, line, function);
}

/* Runtime checks report with a message of their own. */
void
undis__rt_bugcheck(ULONG code, ULONG_PTR p1, const char *message)
{
    const ULONG_PTR params[4] = { p1, 0, 0, 0 };
    bugcheck(code, params, message, (const char *)NULL, 0, (const char *)NULL);
}

void
undis_rt_fast_fail_at(ULONG Code, const char *file, int line, const char *function)
{
    undis_report r;
    int list = Code == FAST_FAIL_CORRUPT_LIST_ENTRY;
    undis__report_init(&r, list ? UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY : UNDIS_RULE_FAST_FAIL);
    r.message = list ? "list entry links do not point back (double remove or corrupted list)"
                     : "RtlFailFast";
    r.file = file;
    r.line = line;
    r.function = function;
    r.code = Code;
    undis__report_dispatch(&r);
    abort(); /* not reached: a fast fail is fatal */
}

void
undis_rt_breakpoint_at(ULONG Status, const char *file, int line, const char *function)
{
    undis_report r;
    undis__report_init(&r, UNDIS_RULE_DBG_BREAKPOINT);
    r.message = "breakpoint with no debugger attached";
    r.file = file;
    r.line = line;
    r.function = function;
    r.code = Status;
    undis__report_dispatch(&r);
}

/* The out-of-line forms, for code that takes their address or #undefs them. */
#undef KeBugCheck
#undef KeBugCheckEx
#undef DbgBreakPoint
#undef DbgBreakPointWithStatus

VOID NTAPI
KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4)
{
    undis_rt_bugcheck_at(BugCheckCode, P1, P2, P3, P4, (const char *)NULL, 0, "KeBugCheckEx");
}

VOID NTAPI
KeBugCheck(ULONG BugCheckCode)
{
    undis_rt_bugcheck_at(BugCheckCode, 0, 0, 0, 0, (const char *)NULL, 0, "KeBugCheck");
}

VOID NTAPI
DbgBreakPoint(VOID)
{
    undis_rt_breakpoint_at(0, (const char *)NULL, 0, "DbgBreakPoint");
}

VOID NTAPI
DbgBreakPointWithStatus(ULONG Status)
{
    undis_rt_breakpoint_at(Status, (const char *)NULL, 0, "DbgBreakPointWithStatus");
}
