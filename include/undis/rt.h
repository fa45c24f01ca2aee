/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/rt.h>: undis's own controls over the kernel runtime it
 * provides around the data path (not a WDK header; every name is undis_*).
 *
 * The report hook (a wrapper over the one report path of <undis/report.h>,
 * kept for code written before it): every report of the kernel domain --
 * assertion failures (ASSERT, NT_ASSERT, RtlAssert, ...), bug checks
 * (KeBugCheck, KeBugCheckEx, and the checks the runtime makes itself, such
 * as IRQL and spin-lock misuse), fast fails (RtlFailFast, list corruption),
 * DbgBreakPoint and functions that cannot work in user mode -- reaches the
 * hook installed with undis_rt_set_report_hook() as an undis_rt_event whose
 * rule is the rule's stable name (undis_rule_name), while no hook of
 * undis_report_set_hook() is set (that one takes precedence). Without either
 * the default prints "undis: RULE: message (details) at file:line in
 * function()" and the rule's rationale to stderr and aborts. The hook may
 * return UNDIS_RT_CONTINUE only for UNDIS_RT_ASSERT and UNDIS_RT_BREAKPOINT
 * events (as when a debugger continues) and UNDIS_RT_NOT_SUPPORTED notices
 * (which go on whatever it returns); for a bug check or a fast fail the
 * runtime aborts after the hook returns, so a test hook that wants to
 * survive those must leave with longjmp.
 *
 * Threads: the hook is global; set it while no other thread reports.
 */
#ifndef UNDIS_RT_H
#define UNDIS_RT_H

#include "../ndis/types.h"
#include "report.h"

UNDIS_EXTERN_C_BEGIN

typedef enum undis_rt_event_kind {
    UNDIS_RT_ASSERT = 1,   /* ASSERT / NT_ASSERT / RtlAssert failed */
    UNDIS_RT_BUGCHECK = 2, /* KeBugCheck(Ex) or a runtime check */
    UNDIS_RT_FAST_FAIL = 3,
    UNDIS_RT_BREAKPOINT = 4,
    UNDIS_RT_NOT_SUPPORTED = 5 /* NOT_SUPPORTED_IN_USER_MODE (a notice) */
} undis_rt_event_kind;

typedef struct undis_rt_event {
    undis_rt_event_kind kind;
    const char *rule;     /* stable name, e.g. "NT_ASSERT", "IRQL_NOT_LESS_OR_EQUAL" */
    const char *message;  /* the failed expression or a description */
    const char *file;     /* call site; NULL when unknown */
    int line;             /* 0 when unknown */
    const char *function; /* NULL when unknown */
    ULONG code;           /* bug check code or FAST_FAIL_* code; 0 for asserts */
    ULONG_PTR params[4];  /* bug check parameters */
} undis_rt_event;

#define UNDIS_RT_ABORT    0
#define UNDIS_RT_CONTINUE 1

typedef int (*undis_rt_report_fn)(const undis_rt_event *event, void *context);

/** Install fn (NULL: none; reports of the kernel domain then go to the
 * default, print and abort) with its context. Set it while no other thread
 * reports. */
void undis_rt_set_report_hook(undis_rt_report_fn fn, void *context);
/** The hook installed with undis_rt_set_report_hook (NULL if none) and its
 * context. */
undis_rt_report_fn undis_rt_get_report_hook(void **context);
/** The default action for an event (undis_report_default of its rule): print
 * its line and the rule's rationale to stderr, then abort (for every kind). */
void undis_rt_report_default(const undis_rt_event *event);

/*
 * DbgPrint output. DbgPrint always prints; DbgPrintEx prints DPFLTR_ERROR_LEVEL
 * messages and those whose level is enabled in the mask (bit n for levels
 * 0..31, or the level itself when it is 32 or more), as the Windows default
 * filter does. The sink receives each formatted message; NULL restores the
 * default (stderr).
 */
typedef void (*undis_rt_dbgprint_fn)(ULONG component, ULONG level, const char *text, void *context);
void undis_rt_set_dbgprint_sink(undis_rt_dbgprint_fn fn, void *context);
ULONG undis_rt_set_dbgprint_mask(ULONG mask);

/*
 * The number of processors the runtime reports (KeQueryActiveProcessorCount,
 * NdisSystemProcessorCount, ...): by default the machine's online CPUs. Each
 * thread is given processor (n mod count), n counting threads in the order
 * they first ask. Set it before any thread asks (tests make it 1..64).
 */
void undis_rt_set_processor_count(ULONG count);

/*
 * Lookaside lists cache at most this many freed entries each (default 256, as
 * Windows' maximum depth). 0 disables caching so that every free reaches the
 * Free routine, which lets AddressSanitizer see use-after-free.
 */
void undis_rt_set_lookaside_depth(USHORT depth);

UNDIS_EXTERN_C_END

#endif /* UNDIS_RT_H */
