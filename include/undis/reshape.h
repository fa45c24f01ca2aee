/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/reshape.h>: adversarial MDL geometry. undis_nb_reshape gives
 * a NET_BUFFER a new MDL chain that holds the same bytes split differently,
 * so that driver code meets the layouts NDIS allows but tests rarely make:
 * random splits (down to one-byte MDLs), zero-length MDLs, data starting in
 * a later MDL than the first, the backfill spread over several MDLs, slack
 * after the data, and CurrentMdl left at the end of the MDL before the data
 * ("not normalised", which Windows itself produces).
 *
 * What stays the same: DataOffset, DataLength, the DataOffset bytes of unused
 * space before the data (their contents too) and the data bytes. The slack
 * after the data is a random amount (at most what the old chain had, and at
 * most max_slack), copied from the old chain.
 *
 * The new MDLs are undis's: each MDL and its buffer are one block allocated
 * through the library's allocator, so fault injection (<undis/fault.h>) can
 * make a reshape fail and undis_alloc_outstanding() counts the blocks until
 * they are freed. The old chain is not freed or changed: the saved state
 * keeps it so that undis_nb_reshape_restore can put it back.
 *
 * Deterministic: the same NET_BUFFER state, seed and options give the same
 * geometry on every platform.
 *
 * Threads: any, one caller per NET_BUFFER (the NDIS ownership rule).
 */
#ifndef UNDIS_RESHAPE_H
#define UNDIS_RESHAPE_H

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of undis_reshape_opts. */
#define UNDIS_RESHAPE_NO_ZERO_LENGTH 0x1u /* never insert zero-length MDLs */
#define UNDIS_RESHAPE_NO_DENORMALISE 0x2u /* always normalise CurrentMdl */

/** Options; a NULL pointer means the defaults (all fields 0). */
typedef struct undis_reshape_opts {
    unsigned flags;     /* UNDIS_RESHAPE_* */
    unsigned max_mdls;  /* most MDLs in the new chain; 0 means 16; at most 256 */
    unsigned max_slack; /* most slack bytes after the data; 0 means 64 */
} undis_reshape_opts;

/**
 * What a reshape replaced, and the blocks it allocated: caller storage,
 * filled by undis_nb_reshape and read by the two functions below. Treat it
 * as opaque apart from mdl_count (MDLs in the new chain, for reports).
 */
typedef struct undis_reshape_saved {
    MDL *mdl_chain;
    MDL *current_mdl;
    ULONG current_mdl_offset;
    ULONG data_offset;
    ULONG data_length;
    unsigned mdl_count;
    void *blocks; /* the new MDLs' blocks, linked through their hidden headers */
} undis_reshape_saved;

/**
 * undis_nb_reshape - give nb a new, equivalent MDL chain (see above).
 * pre: nb passes undis_nb_check; its MDLs up to the end of the data (and
 *      the slack copied) are mapped or mappable.
 * post: nb->MdlChain is the new chain, DataOffset and DataLength are
 *       unchanged, CurrentMdl/CurrentMdlOffset describe DataOffset in the new
 *       chain; *saved holds the old fields and the new blocks.
 * @return NDIS_STATUS_SUCCESS; NDIS_STATUS_INVALID_PARAMETER when nb fails
 *         undis_nb_check; NDIS_STATUS_RESOURCES when an allocation (or a
 *         mapping of the old chain) failed. On failure nb is unchanged, bit
 *         for bit, nothing stays allocated and *saved is zeroed.
 * ownership: the new MDLs belong to *saved: give them back with
 *            undis_nb_reshape_restore or undis_reshape_free, never with
 *            IoFreeMdl, NdisFreeMdl or a NetFreeMdl handler.
 */
NDIS_STATUS undis_nb_reshape(NET_BUFFER *nb,
                             unsigned long long seed,
                             const undis_reshape_opts *opts,
                             undis_reshape_saved *saved);

/**
 * undis_nb_reshape_restore - put the saved chain and fields (MdlChain,
 * CurrentMdl, CurrentMdlOffset, DataOffset, DataLength) back into nb and
 * free the reshaped MDLs. The bytes are not copied back: changes made
 * through the reshaped chain are lost. *saved is zeroed.
 * pre: *saved comes from a successful undis_nb_reshape of nb, and no MDL
 *      that a retreat prepended since is still in nb's chain.
 */
void undis_nb_reshape_restore(NET_BUFFER *nb, undis_reshape_saved *saved);

/**
 * undis_reshape_free - free the reshaped MDLs only (the NET_BUFFER is not
 * touched: the caller no longer uses that chain). *saved is zeroed. A zeroed
 * *saved is accepted (nothing happens).
 */
void undis_reshape_free(undis_reshape_saved *saved);

/** undis_reshape_owns - non-zero when mdl is one of the MDLs in *saved. */
int undis_reshape_owns(const undis_reshape_saved *saved, const MDL *mdl);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_RESHAPE_H */
