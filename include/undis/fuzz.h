/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/fuzz.h>: a fuzzer's input played as a scenario on a hosted
 * driver (<undis/host.h>). The bytes are read front to back as steps:
 *
 *   receive  a chain of 1-4 NBLs of 1-4 NET_BUFFERs each: every frame's
 *            length (runts of 1-13 bytes, 14-1514, jumbo up to 9018, LSO
 *            up to 65535), its first bytes (up to 128, taken from the input;
 *            the rest a fixed pattern), its MDL geometry (1-8 MDLs, the split
 *            points, the first MDL never empty, 0/4/14/64 bytes of backfill), the receive flags
 *            (NDIS_RECEIVE_FLAGS_RESOURCES, indicated at DISPATCH_LEVEL)
 *   send     the same chain down the send path (at DISPATCH_LEVEL or not)
 *   pause    pause, an OID and a link change while paused, restart
 *   oid      an OID request of undis's protocol (set or query, a buffer of
 *            the right size or too short, an OID nobody answers)
 *   link     a link-state indication (up or down)
 *   reattach detach, then attach again
 *   fail     the Nth allocation, or the Nth mapping, from now fails
 *            (<undis/fault.h>)
 *
 * When the input runs out every read gives 0, so each prefix of an input is
 * a shorter scenario. The format (docs/fuzzing.md) is stable within a
 * version of undis: a reproducer replays the same steps.
 *
 * The oracle is everything that reports through <undis/report.h> (the
 * verifier, at the level the caller set; the host's rules; each NBL checked
 * to come back as handed over) plus what the scenario checks at its end: the
 * module detached leaves nothing allocated that it allocated. The caller
 * chooses what a report does (a fuzz runner prints it and aborts).
 *
 * Roles: a scenario reaches the driver through a role's table of calls
 * (undis_fuzz_role). The filter and protocol roles are built in; a role the
 * host learns later is one more table.
 */
#ifndef UNDIS_FUZZ_H
#define UNDIS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "host_batch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a scenario's steps reach a hosted driver of one role. Each member has
 * the contract of the <undis/host.h> call the filter role maps it to. */
typedef struct undis_fuzz_role {
    const char *name; /* "filter" */
    NDIS_STATUS (*attach)(undis_host *host);
    void (*detach)(undis_host *host);
    NDIS_STATUS (*pause)(undis_host *host, ULONG timeout_ms);
    NDIS_STATUS (*restart)(undis_host *host);
    NDIS_STATUS (*send)(undis_host *host, const undis_host_batch *batch);
    NDIS_STATUS (*receive)(undis_host *host, const undis_host_batch *batch);
    NDIS_STATUS(*oid)
    (undis_host *host,
     NDIS_REQUEST_TYPE type,
     NDIS_OID oid,
     PVOID buffer,
     ULONG length,
     ULONG *bytes);
    void (*link)(undis_host *host, BOOLEAN connected);
    undis_host_state (*state)(undis_host *host);
} undis_fuzz_role;

/** The filter role (undis_host_attach, _send_batch, _receive_batch, ...). */
extern const undis_fuzz_role undis_fuzz_role_filter;

/** The protocol role: the same calls acting on the binding (attach binds,
 * receives reach ProtocolReceiveNetBufferLists); a send step is refused with
 * NDIS_STATUS_NOT_SUPPORTED, as a protocol originates its own sends. */
extern const undis_fuzz_role undis_fuzz_role_protocol;

/** The role of that name ("filter", "protocol"), or NULL when the host has none. */
const undis_fuzz_role *undis_fuzz_role_find(const char *name);

typedef struct undis_fuzz_options {
    const undis_fuzz_role *role; /* NULL: the filter role */
    FILE *trace;                 /* NULL: quiet; else one line per step */
    ULONG pause_timeout_ms;      /* 0: 200 */
    int guard_pages;             /* frames in guarded buffers (UNDIS_HOST_BATCH_GUARD) */
} undis_fuzz_options;

/* undis_fuzz_run results */
#define UNDIS_FUZZ_CLEAN 0 /* the scenario ran; nothing found by the scenario */
#define UNDIS_FUZZ_LEAK  1 /* the module left objects allocated (printed on stderr) */

/**
 * Plays data as a scenario: attaches a module, runs the steps, detaches
 * (pausing first), clears any injected fault, and checks that everything the
 * module allocated was freed (undis_alloc_outstanding back where it was).
 * Pre: host has a driver loaded (undis_host_load) and no module attached.
 * Post: no module attached, no fault armed; UNDIS_FUZZ_CLEAN, or
 * UNDIS_FUZZ_LEAK after printing the count of objects left. Findings of the
 * verifier and the host go through the report hook as they happen.
 * Ownership: data is read during the call only. One thread (the driver's
 * handlers may run on it at PASSIVE_LEVEL and DISPATCH_LEVEL), PASSIVE_LEVEL.
 */
int undis_fuzz_run(undis_host *host,
                   const undis_fuzz_options *options,
                   const uint8_t *data,
                   size_t size);

/** undis_fuzz_run with the filter role, no trace, the default timeout: the
 * call a driver's own LLVMFuzzerTestOneInput makes. */
int undis_fuzz_one(undis_host *host, const uint8_t *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_FUZZ_H */
