/* SPDX-License-Identifier: MIT */
/*
 * rt_report.c: the report path of the kernel runtime. Assertion failures,
 * bug checks, fast fails and breakpoints all become an undis_rt_event passed
 * to one hook (<undis/rt.h>): by default, a line on stderr and abort().
 * A verifier takes the path over with undis_rt_set_report_hook().
 */
#include "base/internal.h"

#include <stdio.h>

#include <ndis/rt.h>

static struct {
    undis_rt_report_fn fn;
    void *context;
} g_hook;

void
undis_rt_set_report_hook(undis_rt_report_fn fn, void *context)
{
    g_hook.fn = fn;
    g_hook.context = context;
}

undis_rt_report_fn
undis_rt_get_report_hook(void **context)
{
    if (context != NULL) {
        *context = g_hook.context;
    }
    return g_hook.fn;
}

static const char *
bugcheck_name(ULONG code)
{
    switch (code) {
    case IRQL_NOT_GREATER_OR_EQUAL:
        return "IRQL_NOT_GREATER_OR_EQUAL";
    case IRQL_NOT_LESS_OR_EQUAL:
        return "IRQL_NOT_LESS_OR_EQUAL";
    case SPIN_LOCK_ALREADY_OWNED:
        return "SPIN_LOCK_ALREADY_OWNED";
    case SPIN_LOCK_NOT_OWNED:
        return "SPIN_LOCK_NOT_OWNED";
    case BUGCODE_NDIS_DRIVER:
        return "BUGCODE_NDIS_DRIVER";
    case BAD_POOL_CALLER:
        return "BAD_POOL_CALLER";
    case DRIVER_VERIFIER_DETECTED_VIOLATION:
        return "DRIVER_VERIFIER_DETECTED_VIOLATION";
    case DRIVER_IRQL_NOT_LESS_OR_EQUAL:
        return "DRIVER_IRQL_NOT_LESS_OR_EQUAL";
    case MANUALLY_INITIATED_CRASH:
        return "MANUALLY_INITIATED_CRASH";
    case KERNEL_SECURITY_CHECK_FAILURE:
        return "KERNEL_SECURITY_CHECK_FAILURE";
    default:
        return "KE_BUGCHECK";
    }
}

void
undis_rt_report_default(const undis_rt_event *event)
{
    fflush(stdout);
    fprintf(stderr, "undis: %s: %s", event->rule, event->message != NULL ? event->message : "");
    if (event->kind == UNDIS_RT_BUGCHECK) {
        fprintf(stderr, " (bug check 0x%08X: 0x%llX, 0x%llX, 0x%llX, 0x%llX)",
                (unsigned)event->code, (unsigned long long)event->params[0],
                (unsigned long long)event->params[1], (unsigned long long)event->params[2],
                (unsigned long long)event->params[3]);
    } else if (event->kind == UNDIS_RT_FAST_FAIL) {
        fprintf(stderr, " (code %u)", (unsigned)event->code);
    }
    if (event->file != NULL) {
        fprintf(stderr, " at %s:%d", event->file, event->line);
    }
    if (event->function != NULL) {
        fprintf(stderr, " in %s()", event->function);
    }
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

/* Runs the hook; returns 1 if the event may continue. */
static int
report(const undis_rt_event *event)
{
    int action = UNDIS_RT_ABORT;
    if (g_hook.fn != NULL) {
        action = g_hook.fn(event, g_hook.context);
    }
    if (action == UNDIS_RT_CONTINUE &&
        (event->kind == UNDIS_RT_ASSERT || event->kind == UNDIS_RT_BREAKPOINT)) {
        return 1;
    }
    undis_rt_report_default(event);
    return 0;
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
    undis_rt_event ev;
    memset(&ev, 0, sizeof(ev));
    if (message != NULL) {
        snprintf(text, sizeof(text), "%s (%s)", message, expression);
    } else {
        snprintf(text, sizeof(text), "%s", expression);
    }
    ev.kind = UNDIS_RT_ASSERT;
    ev.rule = rule;
    ev.message = text;
    ev.file = file;
    ev.line = line;
    ev.function = function;
    (void)report(&ev);
}

VOID NTAPI
RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage)
{
    undis_rt_assert_failed("RtlAssert", (const char *)VoidFailedAssertion, MutableMessage,
                           (const char *)VoidFileName, (int)LineNumber, (const char *)NULL);
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
    undis_rt_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = UNDIS_RT_BUGCHECK;
    ev.rule = bugcheck_name(BugCheckCode);
    ev.message = "bug check";
    ev.file = file;
    ev.line = line;
    ev.function = function;
    ev.code = BugCheckCode;
    ev.params[0] = P1;
    ev.params[1] = P2;
    ev.params[2] = P3;
    ev.params[3] = P4;
    (void)report(&ev);
    abort(); /* not reached: report() aborts for bug checks */
}

/* Runtime checks report with a message of their own. */
UNDIS_NORETURN void undis__rt_bugcheck(ULONG code, ULONG_PTR p1, const char *message);
void
undis__rt_bugcheck(ULONG code, ULONG_PTR p1, const char *message)
{
    undis_rt_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = UNDIS_RT_BUGCHECK;
    ev.rule = bugcheck_name(code);
    ev.message = message;
    ev.code = code;
    ev.params[0] = p1;
    (void)report(&ev);
    abort();
}

void
undis_rt_fast_fail_at(ULONG Code, const char *file, int line, const char *function)
{
    undis_rt_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = UNDIS_RT_FAST_FAIL;
    ev.rule = Code == FAST_FAIL_CORRUPT_LIST_ENTRY ? "FAST_FAIL_CORRUPT_LIST_ENTRY" : "FAST_FAIL";
    ev.message = Code == FAST_FAIL_CORRUPT_LIST_ENTRY
                     ? "list entry links do not point back (double remove or corrupted list)"
                     : "RtlFailFast";
    ev.file = file;
    ev.line = line;
    ev.function = function;
    ev.code = Code;
    (void)report(&ev);
    abort();
}

void
undis_rt_breakpoint_at(ULONG Status, const char *file, int line, const char *function)
{
    undis_rt_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = UNDIS_RT_BREAKPOINT;
    ev.rule = "DbgBreakPoint";
    ev.message = "breakpoint with no debugger attached";
    ev.file = file;
    ev.line = line;
    ev.function = function;
    ev.code = Status;
    (void)report(&ev);
}

/* The out-of-line forms, for code that takes their address or #undefs them. */
#undef KeBugCheck
#undef KeBugCheckEx
#undef DbgBreakPoint
#undef DbgBreakPointWithStatus

VOID NTAPI
KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4)
{
    undis_rt_bugcheck_at(BugCheckCode, P1, P2, P3, P4, (const char *)NULL, 0, (const char *)NULL);
}

VOID NTAPI
KeBugCheck(ULONG BugCheckCode)
{
    undis_rt_bugcheck_at(BugCheckCode, 0, 0, 0, 0, (const char *)NULL, 0, (const char *)NULL);
}

VOID NTAPI
DbgBreakPoint(VOID)
{
    undis_rt_breakpoint_at(0, (const char *)NULL, 0, (const char *)NULL);
}

VOID NTAPI
DbgBreakPointWithStatus(ULONG Status)
{
    undis_rt_breakpoint_at(Status, (const char *)NULL, 0, (const char *)NULL);
}
