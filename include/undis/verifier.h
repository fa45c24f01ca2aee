/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/verifier.h>: the verifier, which names each NDIS contract
 * violation at the call that makes it, before anything changes.
 *
 * Levels (cumulative), set with undis_verifier_set_level() or the
 * environment variable UNDIS_VERIFIER (read once, on the library's first use):
 *   0  off: Windows behaviour exactly, including what Windows does not check;
 *   1  contract checks on every entry point, before anything changes;
 *   2  adds the structure checker (<undis/check.h>) on every NET_BUFFER an
 *      entry point receives, and tracking: which MDLs a retreat allocated
 *      and with which handler
 *      (the retreat ledger), double frees and use after free of pooled
 *      objects (freed objects are poisoned and held in a quarantine), and
 *      objects still outstanding when their pool is freed;
 *   3  adds a short per-object event history shown with each report.
 *
 * Each violation has a stable rule id (UNDIS_RULE_*, named in upper case,
 * listed with their rationale in docs/verifier.md) and goes to the report
 * function. The default prints the rule, the call, the object and a picture
 * of the NET_BUFFER to stderr and aborts. A report function that returns
 * makes the offending call do nothing and fail: NDIS_STATUS_INVALID_PARAMETER
 * (or NDIS_STATUS_FAILURE where noted), NULL, or simply return for VOID
 * calls. That failure status is verifier-only behaviour: Windows has none.
 *
 * Threads: the level and the report function are process-wide; set them
 * before the data path runs. Reports may come from any thread.
 */
#ifndef UNDIS_VERIFIER_H
#define UNDIS_VERIFIER_H

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum undis_rule {
    UNDIS_RULE_NONE = 0,
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
    UNDIS_RULE_COUNT
} undis_rule;

/** What the report function receives. Strings are valid during the call. */
typedef struct undis_report {
    undis_rule rule;
    const char *rule_name;                  /* "ADVANCE_PAST_DATA" */
    const char *call;                       /* "NdisAdvanceNetBufferDataStart" */
    const char *reason;                     /* one line, with the values involved */
    const void *object;                     /* the NET_BUFFER, NET_BUFFER_LIST, MDL or pool */
    const NET_BUFFER *net_buffer;           /* when one is involved, else NULL */
    const NET_BUFFER_LIST *net_buffer_list; /* when one is involved, else NULL */
    const char *history;                    /* level 3: the object's recent events, else "" */
} undis_report;

typedef void undis_report_fn(const undis_report *report, void *ctx);

/** Set the level (0-3; higher values mean 3). Returns the previous level. */
int undis_verifier_set_level(int level);

/** The current level. */
int undis_verifier_level(void);

/** Set the report function (NULL: the default, which prints and aborts). */
void undis_verifier_set_report_fn(undis_report_fn *fn, void *ctx);

/** Reports made since start-up (or since undis_verifier_reset_counts). */
unsigned long long undis_verifier_report_count(void);

/** How many reports of one rule were made. */
unsigned long long undis_verifier_rule_count(undis_rule rule);

/** Zero the report counters. */
void undis_verifier_reset_counts(void);

/** The stable name of a rule ("ADVANCE_PAST_DATA"), or "UNKNOWN". */
const char *undis_rule_name(undis_rule rule);

/** The one-line rationale of a rule (what Windows does, why it matters). */
const char *undis_rule_rationale(undis_rule rule);

/** The default report function: prints the report and a picture of the
 * NET_BUFFER (or NBL) to stderr, then aborts. */
void undis_verifier_default_report(const undis_report *report, void *ctx);

/**
 * Ownership hand-off checks. undis_nbl_snapshot records an NBL's geometry
 * (for every NB: its MDL chain with each MDL's address, buffer and byte
 * count, DataOffset, DataLength, CurrentMdl and CurrentMdlOffset) when it is
 * handed to code under test; undis_nbl_expect_restored compares the NBL with
 * it when the code gives the NBL back (completes or returns it), reports
 * UNDIS_RULE_NBL_NOT_RESTORED with the first difference, and frees the
 * snapshot. Both work at every level (they are explicit calls).
 * @return the snapshot, or NULL when memory runs out.
 */
typedef struct undis_nbl_geometry undis_nbl_geometry;
undis_nbl_geometry *undis_nbl_snapshot(const NET_BUFFER_LIST *NetBufferList);

/** @return 1 when the NBL is as recorded, 0 after reporting a difference. */
int undis_nbl_expect_restored(undis_nbl_geometry *snapshot, const NET_BUFFER_LIST *NetBufferList);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_VERIFIER_H */
