/* SPDX-License-Identifier: MIT */
/*
 * nbl_reset.h: the resets an allocation applies to a reused pool object
 * (nbl_reset.c), and the instruction-set cap that chooses among them
 * (cpu_cap.c, <undis/cpu.h>).
 *
 * A reset leaves, in an NBL pool object, exactly what a fresh object holds:
 * the NET_BUFFER_LIST (and the embedded NET_BUFFER when the pool has one)
 * zeroed, then NdisPoolHandle, Flags (allocated), the protocol id, the
 * inline context header (Next NULL, Size and Offset the pool's ContextSize)
 * and Context, and for a data pool the NB's position at the end of its MDL
 * (DataOffset = CurrentMdlOffset = DataSize) with the MDL's ByteCount back
 * to DataSize and its Next NULL; in an NB pool object, the NET_BUFFER
 * zeroed, NdisPoolHandle, and the same MDL fields for a data pool. Nothing
 * else is touched (the MDL's other fields are built once, when the object
 * is carved; the context data and the packet data are left as they are).
 *
 * The reference reset says that in plain C. The other variants must leave
 * the same bytes (tests/test_nbl_reset.c compares them, byte for byte, over
 * every pool shape).
 */
#ifndef UNDIS_NBL_RESET_H
#define UNDIS_NBL_RESET_H

#include "datapath/nbl_pool.h"

#include <undis/cpu.h>

/* The reference resets (plain C), also the only variant off x86-64. */
NET_BUFFER_LIST *undis__nbl_reset_reference(struct undis__nbl_pool *pool, NET_BUFFER_LIST *nbl);
NET_BUFFER *undis__nb_reset_reference(const struct undis__nbl_pool *pool, NET_BUFFER *nb, PMDL mdl);

/*
 * undis__nbl_reset_pick - set pool->reset_nbl and pool->reset_nb to the
 * resets of variant `isa` for this pool's shape (alloc_nb, context_size,
 * data_size and off_mdl must be final). pre: undis_cpu_cap_supported(isa).
 * An AVX-512 data pool with an embedded NB and no context gets the image
 * compare, or the plain AVX-512 reset when its image cannot be built.
 */
void undis__nbl_reset_pick(struct undis__nbl_pool *pool, undis_cpu_cap isa);

/* (undis__cpu_cap_from_env, which reads UNDIS_CPU_CAP, is declared in
 * base/internal.h: the process initialisation calls it.) */

#endif /* UNDIS_NBL_RESET_H */
