/* SPDX-License-Identifier: MIT */
/*
 * verifier.h: how `undis run` talks to the NDIS verifier (issue 5). The
 * verifier is not part of this build yet; verifier_none.c is the stand-in
 * that says so. When the verifier lands, a verifier_undis.c implements the
 * same functions over <undis/verifier.h>, CMake compiles it instead, and the
 * report's "verifier findings" section fills in with no other change.
 */
#ifndef UNDIS_TOOL_VERIFIER_H
#define UNDIS_TOOL_VERIFIER_H

#include <stddef.h>

#include <ndis.h>

/* Called once per finding by tool_verifier_findings. */
typedef void tool_verifier_finding_fn(void *ctx, const char *rule, const char *message);

/* Non-zero when a verifier is compiled in. */
int tool_verifier_available(void);

/* A short text saying what is there ("not available in this build"). */
const char *tool_verifier_describe(void);

/* Turn the verifier on at level 0-3 before the data path starts; 0 on
 * success, -1 when not available. */
int tool_verifier_start(int level);

/* Findings so far; calls fn for each when fn is non-NULL. */
unsigned long long tool_verifier_findings(tool_verifier_finding_fn *fn, void *ctx);

/* Turn it off (after every buffer came back). */
void tool_verifier_stop(void);

/* For dumps: a label for an MDL the verifier knows (e.g. which retreat
 * allocated it and with which handler); 0 when it has nothing to say. */
int tool_verifier_mark(const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len);

#endif /* UNDIS_TOOL_VERIFIER_H */
