/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/report.h>: the one report path. Every rule undis checks,
 * wherever it is checked -- the verifier on the data path, the kernel
 * runtime (bug checks, assertions, fast fails, breakpoints, functions that
 * cannot work in user mode), the driver host -- has a stable id in
 * one enum (undis_rule) and one row in one table: its name, its domain, its
 * severity and a one-line rationale (docs/verifier.md lists them). Each
 * violation becomes one record (undis_report) handed to one hook.
 *
 * With no hook installed (or when the hook returns UNDIS_REPORT_ABORT) the
 * default, undis_report_default(), prints the report to stderr and, unless
 * the rule is a notice, aborts. What happens when a hook returns
 * UNDIS_REPORT_CONTINUE depends on the rule's severity:
 *   UNDIS_SEVERITY_NOTICE  the caller goes on (the hook's answer is not
 *                          needed: the default only prints);
 *   UNDIS_SEVERITY_ERROR   the caller recovers: a verifier rule makes the
 *                          offending call do nothing and fail (see
 *                          docs/verifier.md), an assertion or a breakpoint
 *                          continues after the statement;
 *   UNDIS_SEVERITY_FATAL   undis cannot go on (a bug check, a fast fail, a
 *                          corrupted heap): the default prints and aborts
 *                          after the hook returns, whatever it answered. A
 *                          test hook that must survive leaves with longjmp.
 *
 * The older setters undis_verifier_set_report_fn (<undis/verifier.h>) and
 * undis_rt_set_report_hook (<undis/rt.h>) remain as wrappers: each receives
 * the reports of its own domain while no hook is set here. A hook set here
 * receives every report, of every domain, and takes precedence over both.
 *
 * Threads: the hook is process-wide; setting it is atomic with respect to
 * reports (a report sees the old or the new hook with its own context), but
 * a hook being replaced may still be running on another thread. Reports may
 * come from any thread, at any IRQL.
 */
#ifndef UNDIS_REPORT_H
#define UNDIS_REPORT_H

#include <stdio.h>

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a rule is checked. */
typedef enum undis_domain {
    UNDIS_DOMAIN_NONE = 0,     /* UNDIS_RULE_NONE only */
    UNDIS_DOMAIN_DATAPATH = 1, /* NET_BUFFER data path: the verifier, the default handlers */
    UNDIS_DOMAIN_KERNEL = 2,   /* kernel runtime: bug checks, asserts, unsupported calls */
    UNDIS_DOMAIN_HOST = 3,     /* the driver host: NDIS's hand-off rules */
    UNDIS_DOMAIN_COUNT
} undis_domain;

/* What a report means for the caller (see the header comment). */
typedef enum undis_severity {
    UNDIS_SEVERITY_NOTICE = 0,
    UNDIS_SEVERITY_ERROR = 1,
    UNDIS_SEVERITY_FATAL = 2
} undis_severity;

/*
 * The rules. Values are stable: new rules are added at the end (before
 * UNDIS_RULE_COUNT), never renumbered. The stable name of UNDIS_RULE_X is
 * "X" (undis_rule_name).
 */
typedef enum undis_rule {
    UNDIS_RULE_NONE = 0,
    /* ---- data path, checked by the verifier (levels 1-3) ---------------- */
    UNDIS_RULE_ADVANCE_PAST_DATA,              /* advance by more than DataLength */
    UNDIS_RULE_RETREAT_WRAP,                   /* DataLength + delta passes 32 bits */
    UNDIS_RULE_RETREAT_SIZE_WRAP,              /* DataBackFill + shortfall passes 32 bits */
    UNDIS_RULE_ADVANCE_WRAP,                   /* DataOffset + delta passes 32 bits */
    UNDIS_RULE_HANDLER_SIZE_TOO_SMALL,         /* NetAllocateMdl lowered *BufferSize */
    UNDIS_RULE_HANDLER_BYTECOUNT_MISMATCH,     /* returned MDL's ByteCount != *BufferSize */
    UNDIS_RULE_FREE_MDL_NOT_RETREAT_ALLOCATED, /* FreeMdl would free a driver's MDL */
    UNDIS_RULE_FREE_MDL_WRONG_HANDLER,         /* freed by another handler than its pair */
    UNDIS_RULE_NBL_RETREAT_ONE_NULL_HANDLER,   /* NBL retreat with one NULL handler */
    UNDIS_RULE_NB_FREED_WITH_RETREAT_MDLS,     /* NB freed holding retreat MDLs */
    UNDIS_RULE_NBL_FREED_WITH_CONTEXT,         /* contexts still pushed at free */
    UNDIS_RULE_NBL_FREED_WITH_CHILDREN,        /* ChildRefCount != 0 at free */
    UNDIS_RULE_NBL_FREED_WITH_FOREIGN_NB,      /* NBs attached it did not allocate */
    UNDIS_RULE_DOUBLE_FREE,                    /* object freed twice */
    UNDIS_RULE_USE_AFTER_FREE,                 /* freed object used or written */
    UNDIS_RULE_WRONG_POOL,                     /* object freed with the wrong function/pool */
    UNDIS_RULE_POOL_FREED_WITH_OBJECTS,        /* pool freed with objects outstanding */
    UNDIS_RULE_BAD_POOL_PARAMETERS,            /* pool parameters/header invalid */
    UNDIS_RULE_CONTEXT_SIZE,                   /* context size or backfill not a multiple of 8 */
    UNDIS_RULE_CONTEXT_UNDERFLOW,              /* more context freed than allocated */
    UNDIS_RULE_GET_DATA_BEYOND_LENGTH,         /* NdisGetDataBuffer past DataLength */
    UNDIS_RULE_IRQL_TOO_HIGH,                  /* called above DISPATCH_LEVEL */
    UNDIS_RULE_NB_STRUCTURE,                   /* the NET_BUFFER breaks a checker rule */
    UNDIS_RULE_NULL_ARGUMENT,                  /* a required pointer is NULL */
    UNDIS_RULE_NBL_NOT_RESTORED,               /* handed-off NBL came back changed */
    UNDIS_RULE_GET_DATA_BAD_ALIGNMENT,   /* AlignMultiple not a power of two, or offset >= it */
    UNDIS_RULE_PARENT_FREED_WITH_CLONES, /* clones/fragments made from it still live */
    /* ---- data path, checked always (fatal) ------------------------------ */
    UNDIS_RULE_DEFAULT_FREE_FOREIGN_MDL, /* default NetFreeMdl given an MDL it did not make */
    UNDIS_RULE_DEFAULT_FREE_NOT_LIVE,    /* default NetFreeMdl given a freed MDL */
    /* ---- kernel runtime: assertions and breakpoints (DBG builds) ------- */
    UNDIS_RULE_ASSERT,                      /* ASSERT, ASSERTMSG */
    UNDIS_RULE_NT_ASSERT,                   /* NT_ASSERT and its forms, NT_VERIFY */
    UNDIS_RULE_NT_FRE_ASSERT,               /* NT_FRE_ASSERT (free builds too) */
    UNDIS_RULE_RTL_SOFT_ASSERT,             /* RTL_SOFT_ASSERT(MSG) */
    UNDIS_RULE_RTL_ASSERT,                  /* RtlAssert called */
    UNDIS_RULE_DBG_RAISE_ASSERTION_FAILURE, /* DbgRaiseAssertionFailure */
    UNDIS_RULE_PAGED_CODE,                  /* PAGED_CODE above APC_LEVEL */
    UNDIS_RULE_DBG_BREAKPOINT,              /* DbgBreakPoint(WithStatus), KdBreakPoint */
    /* ---- kernel runtime: bug checks (KeBugCheck(Ex) and the runtime's checks) */
    UNDIS_RULE_IRQL_NOT_GREATER_OR_EQUAL,          /* 0x09 */
    UNDIS_RULE_IRQL_NOT_LESS_OR_EQUAL,             /* 0x0A */
    UNDIS_RULE_SPIN_LOCK_ALREADY_OWNED,            /* 0x0F */
    UNDIS_RULE_SPIN_LOCK_NOT_OWNED,                /* 0x10 */
    UNDIS_RULE_BUGCODE_NDIS_DRIVER,                /* 0x7C */
    UNDIS_RULE_BAD_POOL_CALLER,                    /* 0xC2 */
    UNDIS_RULE_DRIVER_VERIFIER_DETECTED_VIOLATION, /* 0xC4 */
    UNDIS_RULE_DRIVER_IRQL_NOT_LESS_OR_EQUAL,      /* 0xD1 */
    UNDIS_RULE_MANUALLY_INITIATED_CRASH,           /* 0xE2 */
    UNDIS_RULE_KERNEL_SECURITY_CHECK_FAILURE,      /* 0x139 */
    UNDIS_RULE_KE_BUGCHECK,                        /* any other bug check code */
    /* ---- kernel runtime: fast fails ------------------------------------- */
    UNDIS_RULE_FAST_FAIL_CORRUPT_LIST_ENTRY, /* LIST_ENTRY links do not point back */
    UNDIS_RULE_FAST_FAIL,                    /* RtlFailFast with another code */
    /* ---- kernel runtime: user mode -------------------------------------- */
    UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE, /* a function that cannot work here was called */
    /* ---- driver host: NDIS's hand-off rules (src/host) ------------------ */
    UNDIS_RULE_HOST_BAD_CHARACTERISTICS, /* registration header type/revision/size wrong */
    UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, /* NBL completed/returned twice, or never handed over */
    UNDIS_RULE_HOST_NBL_WRONG_CALL,      /* send NBL returned, or receive NBL send-completed */
    UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE, /* pause completed with NBLs still out */
    UNDIS_RULE_HOST_KEPT_PAST_RESOURCES,      /* an NBL indicated with RESOURCES kept or returned */
    UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING,   /* send or indication while paused/pausing/detached */
    UNDIS_RULE_HOST_BAD_SOURCE_HANDLE,        /* filter-originated send with a wrong SourceHandle */
    UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH,   /* DISPATCH_LEVEL flag set below DISPATCH_LEVEL */
    UNDIS_RULE_HOST_OID_COMPLETED_TWICE,      /* OID request completed twice, or never pending */
    UNDIS_RULE_HOST_PROTOCOL_SEND_NOT_RUNNING,    /* protocol sends on a binding not running */
    UNDIS_RULE_HOST_PROTOCOL_SOURCE_HANDLE,       /* protocol send's SourceHandle not its binding */
    UNDIS_RULE_HOST_PROTOCOL_HELD_AT_PAUSE,       /* pause or close with receives still held */
    UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE,          /* open/close not paired with bind/unbind */
    UNDIS_RULE_HOST_PROTOCOL_COMPLETED_TWICE,     /* bind/unbind/PnP completed twice or unpended */
    UNDIS_RULE_HOST_PROTOCOL_BAD_OPEN_PARAMETERS, /* NDIS_OPEN_PARAMETERS malformed */
    UNDIS_RULE_HOST_PROTOCOL_OID_REISSUED,        /* OID request issued again while pending */
    /* ---- driver host: control devices and IRPs (host_device.c, host_irp.c) */
    UNDIS_RULE_HOST_DEVICE_BAD_ATTRIBUTES,      /* NdisRegisterDeviceEx header or fields wrong */
    UNDIS_RULE_HOST_DEVICE_IRP_COMPLETED_TWICE, /* IoCompleteRequest twice on one IRP */
    UNDIS_RULE_HOST_DEVICE_PENDING_NOT_MARKED,  /* STATUS_PENDING vs IoMarkIrpPending mismatch */
    UNDIS_RULE_HOST_DEVICE_IRP_NOT_COMPLETED,   /* final status returned, IRP not completed */
    UNDIS_RULE_HOST_DEVICE_CANCEL_ROUTINE_AT_COMPLETION, /* completed with a cancel routine set */
    UNDIS_RULE_HOST_DEVICE_PENDING_AT_CLOSE,     /* IRPs still pending after cancel and cleanup */
    UNDIS_RULE_HOST_DEVICE_REGISTERED_AT_UNLOAD, /* device or symbolic link left at unload */
    /* ---- driver host: kernel services (host_kserv.c) */
    UNDIS_RULE_HOST_LEAK_AT_UNLOAD, /* timer, work item, DPC, config handle, memory kept at unload
                                     */
    UNDIS_RULE_HOST_MINIPORT_BAD_ATTRIBUTES, /* miniport attributes missing, bad or out of time */
    UNDIS_RULE_HOST_MINIPORT_RECEIVE_COUNT,  /* NumberOfNetBufferLists disagrees with the chain */
    UNDIS_RULE_COUNT
} undis_rule;

/* Prints a picture of the objects involved (indented, several lines) to out. */
struct undis_report;
typedef void undis_report_picture_fn(const struct undis_report *report, FILE *out);

/*
 * What the hook receives. Strings and pointers are valid during the call
 * only. `call` and `reason` are the names <undis/verifier.h> has always
 * used for `function` and `message` (the same fields).
 */
typedef struct undis_report {
    undis_domain domain;
    undis_rule rule;
    undis_severity severity; /* the rule's (undis_rule_severity) */
    const char *rule_name;   /* "ADVANCE_PAST_DATA" */
    union {
        /* The entry point called ("NdisAdvanceNetBufferDataStart"); for an
         * assertion, the function that failed it. NULL when unknown. */
        const char *function;
        const char *call;
    };
    union {
        const char *message; /* one line, with the values involved; never NULL */
        const char *reason;
    };
    const void *object;                     /* the object involved, or NULL */
    const NET_BUFFER *net_buffer;           /* when one is involved, else NULL */
    const NET_BUFFER_LIST *net_buffer_list; /* when one is involved, else NULL */
    const char *history;                    /* verifier level 3: recent events, else "" */
    const char *file;                       /* source call site, NULL when unknown */
    int line;                               /* 0 when unknown */
    ULONG code;                             /* bug check or FAST_FAIL_* code, else 0 */
    ULONG_PTR params[4];                    /* bug check parameters, else 0 */
    undis_report_picture_fn *picture;       /* the picture, or NULL when there is none */
} undis_report;

typedef enum undis_report_action {
    UNDIS_REPORT_ABORT = 0,   /* run the default: print, and abort unless a notice */
    UNDIS_REPORT_CONTINUE = 1 /* let the caller go on (not for FATAL reports) */
} undis_report_action;

typedef undis_report_action undis_report_hook(const undis_report *report, void *context);

/**
 * Install the report hook (NULL: none, so reports go to the wrappers' hooks
 * of their domain, else to the default).
 * Pre: none. Post: later reports go to hook with context. Ownership: context
 * is the caller's and must outlive its use. Threads/IRQL: any thread; see
 * the header comment.
 */
void undis_report_set_hook(undis_report_hook *hook, void *context);

/** The hook installed with undis_report_set_hook (NULL if none) and, when
 * context is not NULL, its context. Any thread. */
undis_report_hook *undis_report_get_hook(void **context);

/**
 * The default: prints the report to stderr, then aborts unless its severity
 * is UNDIS_SEVERITY_NOTICE (then it returns). A verifier report (data path,
 * severity error) prints
 *     undis verifier: RULE in Function: message
 *       rule: rationale
 *       object: 0x...
 *       history: ...               (when there is one)
 *       the NET_BUFFER: ...        (the picture, when there is one)
 * every other report one line, "undis: RULE: message (details) at
 * file:line in function()", then its rationale line.
 * Threads: any; the output of concurrent reports may interleave.
 */
void undis_report_default(const undis_report *report);

/** The stable name of a rule ("ADVANCE_PAST_DATA"), or "UNKNOWN". */
const char *undis_rule_name(undis_rule rule);

/** The one-line rationale of a rule (what Windows does, why it matters);
 * "" for a value outside the enum. */
const char *undis_rule_rationale(undis_rule rule);

/** The domain of a rule (UNDIS_DOMAIN_NONE outside the enum). */
undis_domain undis_rule_domain(undis_rule rule);

/** The severity of a rule (UNDIS_SEVERITY_FATAL outside the enum). */
undis_severity undis_rule_severity(undis_rule rule);

/** The rule of that stable name, or UNDIS_RULE_NONE if there is none. */
undis_rule undis_rule_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_REPORT_H */
