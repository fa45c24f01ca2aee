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
 * Each violation has a stable rule id (UNDIS_RULE_* of <undis/report.h>,
 * named in upper case, listed with their rationale in docs/verifier.md) and
 * goes through the one report path of <undis/report.h>: its hook, or the
 * report function set here, or the default, which prints the rule, the call,
 * the object and a picture of the NET_BUFFER to stderr and aborts. A report
 * function that returns (a hook that answers UNDIS_REPORT_CONTINUE) makes
 * the offending call do nothing and fail: NDIS_STATUS_INVALID_PARAMETER (or
 * NDIS_STATUS_FAILURE where noted), NULL, or simply return for VOID calls.
 * That failure status is verifier-only behaviour: Windows has none.
 *
 * Threads: the level and the report function are process-wide; set them
 * before the data path runs. Reports may come from any thread.
 */
#ifndef UNDIS_VERIFIER_H
#define UNDIS_VERIFIER_H

#include "../ndis.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The verifier's report function: the older form of the one hook of
 * <undis/report.h>, kept as a wrapper. It receives the same record
 * (undis_report), for the reports of the data-path domain only, and
 * returning from it is UNDIS_REPORT_CONTINUE (the offending call fails).
 */
typedef void undis_report_fn(const undis_report *report, void *ctx);

/** Set the level (0-3; higher values mean 3). Returns the previous level. */
int undis_verifier_set_level(int level);

/** The current level. */
int undis_verifier_level(void);

/**
 * Set the report function (NULL: the default, which prints and aborts).
 * A wrapper over the one report path: fn gets the data path's reports while
 * no hook of undis_report_set_hook() is set (that hook takes precedence).
 * Fatal data-path reports (DEFAULT_FREE_*) reach fn too and still end the
 * process when it returns. Any thread; see the header comment.
 */
void undis_verifier_set_report_fn(undis_report_fn *fn, void *ctx);

/** The verifier's reports made since start-up (or since
 * undis_verifier_reset_counts), whichever hook received them. */
unsigned long long undis_verifier_report_count(void);

/** How many reports of one rule were made. */
unsigned long long undis_verifier_rule_count(undis_rule rule);

/** Zero the report counters. */
void undis_verifier_reset_counts(void);

/** The default report function: undis_report_default() (<undis/report.h>)
 * with the picture of the NET_BUFFER (or NBL) when the record has none;
 * prints to stderr, then aborts. ctx is not used. */
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
