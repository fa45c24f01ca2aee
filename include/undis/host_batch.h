/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/host_batch.h>: chains of NBLs, several NET_BUFFERs each, on a
 * chosen MDL geometry, sent down or indicated up a hosted driver
 * (<undis/host.h>). undis_host_send and undis_host_receive hand over one NBL
 * holding one NET_BUFFER on one MDL; these calls give the test (or a fuzz
 * scenario, <undis/fuzz.h>) the rest of the space: where each NET_BUFFER's
 * bytes are split into MDLs (including zero-length MDLs), how much unused
 * room (backfill) sits in front of the data, how many NET_BUFFERs each NBL
 * holds and how many NBLs are chained in one call.
 *
 * Each MDL's buffer is its own allocation of exactly the bytes it describes,
 * so a read past the end of an MDL (or past DataLength on the last one) is a
 * read past an allocation, which AddressSanitizer reports.
 *
 * Threads and IRQL as undis_host_send / undis_host_receive.
 */
#ifndef UNDIS_HOST_BATCH_H
#define UNDIS_HOST_BATCH_H

#include "host.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One NET_BUFFER: its bytes and how they are laid out in MDLs. */
typedef struct undis_host_frame {
    const UCHAR *data; /* length bytes, copied */
    ULONG length;      /* DataLength; 0 is allowed (an empty NET_BUFFER) */
    /* byte counts of the MDLs in chain order; the last MDL takes what is
     * left of length, and counts past it are cut. NULL or 0: one MDL. */
    const ULONG *mdl_bytes;
    ULONG mdl_count;
    ULONG data_offset; /* unused bytes in front of the data in the first MDL */
} undis_host_frame;

/* batch flags */
#define UNDIS_HOST_BATCH_RESOURCES 0x1 /* receive: NDIS_RECEIVE_FLAGS_RESOURCES */
#define UNDIS_HOST_BATCH_RESTORED  0x2 /* check each NBL comes back as handed over */
/* each MDL's bytes end where an inaccessible page begins: a read past an
 * MDL faults at once (where no AddressSanitizer runs); these buffers are not
 * counted as allocations and are never failed */
#define UNDIS_HOST_BATCH_GUARD     0x4

/* One call's chain: frame_count NET_BUFFERs spread over nbl_count NBLs. */
typedef struct undis_host_batch {
    const undis_host_frame *frames;
    ULONG frame_count;
    const ULONG *nbs_per_nbl; /* nbl_count entries, each >= 1, summing to frame_count */
    ULONG nbl_count;
    ULONG flags; /* UNDIS_HOST_BATCH_* */
} undis_host_batch;

#define UNDIS_HOST_BATCH_MAX_MDLS 64u /* MDLs per NET_BUFFER at most */
#define UNDIS_HOST_BATCH_MAX_NBS  8u  /* NET_BUFFERs per NBL at most */
#define UNDIS_HOST_BATCH_MAX_NBLS 16u /* NBLs per batch at most */

/**
 * undis's protocol sends the batch down as one chain of NBLs (one call of
 * FilterSendNetBufferLists). With UNDIS_HOST_BATCH_RESTORED, each NBL that
 * comes back is compared with a snapshot taken before the hand-off
 * (UNDIS_RULE_NBL_NOT_RESTORED: a retreat not undone, an MDL left behind).
 * Pre: a well-formed batch (frame_count >= 1, counts as documented).
 * Post: NDIS_STATUS_SUCCESS, the chain went down. Failure:
 * NDIS_STATUS_INVALID_PARAMETER (a malformed batch), NDIS_STATUS_PAUSED (the
 * module is not RUNNING), NDIS_STATUS_RESOURCES (memory: nothing was sent,
 * nothing is left allocated). Ownership: the bytes are copied; the NBLs are
 * the host's and freed when they come back (or at detach).
 */
NDIS_STATUS undis_host_send_batch(undis_host *host, const undis_host_batch *batch);

/**
 * undis's miniport indicates the batch as one chain (one call of
 * FilterReceiveNetBufferLists), with NDIS_RECEIVE_FLAGS_RESOURCES when the
 * batch says so (the NBLs are the miniport's again when the call returns)
 * and NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL when the caller runs at
 * DISPATCH_LEVEL. Pre, post, failure and ownership as undis_host_send_batch.
 */
NDIS_STATUS undis_host_receive_batch(undis_host *host, const undis_host_batch *batch);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_HOST_BATCH_H */
