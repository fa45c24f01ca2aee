/* SPDX-License-Identifier: MIT */
/*
 * verifier.h: how `undis run` talks to the NDIS verifier (<undis/verifier.h>,
 * issue 5). verifier_hook.c implements it: the run turns the verifier on at
 * the level --verify asks for (2 by default) with a report function that
 * counts every finding per rule and keeps the first few (rule, call,
 * reason) for the report. A finding never stops the run: the report
 * function returns, so the offending call does nothing and fails with the
 * verifier-only status, and the run goes on and ends in FAIL.
 */
#ifndef UNDIS_TOOL_VERIFIER_H
#define UNDIS_TOOL_VERIFIER_H

#include <stddef.h>

#include <ndis.h>

/* How many findings are kept with their text (the rest are only counted). */
#define TOOL_VERIFIER_KEEP 8

/* One kept finding. */
struct tool_finding {
    const char *rule;          /* "ADVANCE_PAST_DATA" */
    const char *function;      /* "NdisAdvanceNetBufferDataStart" */
    const char *object;        /* "NET_BUFFER", "NET_BUFFER_LIST", "MDL", "pool" */
    const char *message;       /* the reason, with the values involved */
    unsigned long long packet; /* capture packet number, 0 when unknown */
};

/* Called once per kept finding by tool_verifier_findings. */
typedef void tool_verifier_finding_fn(void *ctx, const struct tool_finding *f);

/* Maps the NBL or (when nbl is NULL) the NB of a finding to its capture
 * packet number (0: unknown); called while a finding is reported. */
typedef unsigned long long tool_verifier_packet_fn(const NET_BUFFER_LIST *nbl,
                                                   const NET_BUFFER *nb);

/* Non-zero when a verifier is compiled in. */
int tool_verifier_available(void);

/* A short text saying what is there. */
const char *tool_verifier_describe(void);

/* Turn the verifier on at level 0-3 before the data path starts, with the
 * counting report function; 0 on success, -1 when not available. */
int tool_verifier_start(int level, tool_verifier_packet_fn *packet_of);

/* Findings since tool_verifier_start (all of them, counted); calls fn for
 * each of the first TOOL_VERIFIER_KEEP when fn is non-NULL. */
unsigned long long tool_verifier_findings(tool_verifier_finding_fn *fn, void *ctx);

/* Findings of one rule (by name) since tool_verifier_start. */
unsigned long long tool_verifier_rule_findings(const char *rule);

/* Turn it off (after every buffer came back): level 0, default report
 * function. The counts and kept findings stay readable. */
void tool_verifier_stop(void);

/* For dumps: a label for an MDL the verifier knows (e.g. which retreat
 * allocated it and with which handler); 0 when it has nothing to say. */
int tool_verifier_mark(const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len);

#endif /* UNDIS_TOOL_VERIFIER_H */
