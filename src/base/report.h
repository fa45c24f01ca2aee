/* SPDX-License-Identifier: MIT */
/*
 * report.h: the report core at the base floor (the public face is
 * <undis/report.h>). Every wing reports through here: the verifier
 * (verifier/verifier.c), the kernel runtime (kernel/rt_report.c), the data
 * path's always-on checks. The core holds the hook, the wrappers' per-domain
 * hooks, the rule table (rules.c) and the default handler; it calls nothing
 * above the base: a picture comes as a function pointer in the record.
 * Reports are cold: nothing here is on a hot path.
 */
#ifndef UNDIS_BASE_REPORT_H
#define UNDIS_BASE_REPORT_H

#include "base/internal.h"

#include <undis/report.h>

/* A record for rule: zeroed, then domain, severity and rule_name from the
 * table, message and history "". The caller fills the rest. */
void undis__report_init(undis_report *report, undis_rule rule);

/*
 * Hand a filled record to the hook (undis_report_set_hook's, else the
 * wrapper's hook of its domain, else the default). Returns only when the
 * caller may go on: a notice, or an error the hook answered with
 * UNDIS_REPORT_CONTINUE. A fatal report always ends in the default (print
 * and abort) once the hook returns.
 */
void undis__report_dispatch(const undis_report *report);

/* The hooks the old setters install (undis_verifier_set_report_fn for the
 * data path, undis_rt_set_report_hook for the kernel runtime): used only
 * while no undis_report_set_hook hook is set. NULL removes one. */
void undis__report_set_domain_hook(undis_domain domain, undis_report_hook *hook, void *context);

/* A fatal report: rule (of severity fatal), the function, the object and a
 * printf-style message; never returns. */
UNDIS_NORETURN UNDIS_COLD void
undis__report_fatal(undis_rule rule, const char *function, const void *object, const char *fmt, ...)
    UNDIS_PRINTF(4, 5);

/*
 * function (a WDK routine's name, a string that lives as long as the
 * process, such as a literal) cannot work in user mode: report
 * NOT_SUPPORTED_IN_USER_MODE (a notice) the first time it is called in this
 * process, and return, so that the caller fails as Windows documents it
 * may. Later calls of the same function (by name) report nothing. Thread-safe:
 * of concurrent first calls exactly one reports. If memory to remember the
 * name runs out, the function is reported again next time.
 */
void undis__report_unsupported(const char *function);

#endif /* UNDIS_BASE_REPORT_H */
