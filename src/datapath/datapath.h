/* SPDX-License-Identifier: MIT */
/*
 * datapath.h: what the data-path sources share beyond their own headers
 * (pool.h, nbl_pool.h): the caches' counts, the default NetAllocateMdl /
 * NetFreeMdl pair and the NDIS positioning rule.
 */
#ifndef UNDIS_DATAPATH_H
#define UNDIS_DATAPATH_H

#include "base/internal.h"

/* Objects taken from caches: this thread's count plus exited threads'. */
unsigned long long undis__caches_gets(void);

/* Objects handed out by every live cache (for undis_alloc_outstanding). */
size_t undis__caches_outstanding(void);

/*
 * The default NetAllocateMdl / NetFreeMdl (used for NULL handlers): the MDL
 * and its buffer in one block. The default free frees only what the default
 * allocate made.
 */
NET_BUFFER_ALLOCATE_MDL undis__default_allocate_mdl;
NET_BUFFER_FREE_MDL undis__default_free_mdl;

/* Position (CurrentMdl, offset) of chain byte DataOffset, by the NDIS rule:
 * stay in an MDL only while the remaining offset is below its ByteCount. */
static inline void
undis__nb_locate(NET_BUFFER *nb)
{
    PMDL m = nb->MdlChain;
    ULONG pos = nb->DataOffset;
    while (m != NULL && pos >= m->ByteCount) {
        pos -= m->ByteCount;
        m = m->Next;
    }
    nb->CurrentMdl = m;
    nb->CurrentMdlOffset = pos;
}

#endif /* UNDIS_DATAPATH_H */
