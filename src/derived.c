/* SPDX-License-Identifier: MIT */
/*
 * derived.c: NET_BUFFER_LISTs made over another NBL's data without copying
 * it: clones, fragments and reassemblies (spec 6.7).
 *
 * A derived NB describes the source bytes through partial MDLs
 * (IoAllocateMdl + IoBuildPartialMdl) that cover exactly the bytes it uses,
 * from its data start, so its DataOffset starts at 0; a clone with
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS shares the original chain instead.
 * Fragments and reassemblies are then retreated by DataOffsetDelta with the
 * default NetAllocateMdl. NULL pool handles mean undis's internal pools.
 * ParentNetBufferList and ChildRefCount are the caller's business, as in
 * Windows: nothing here touches them.
 */
#include "nbl_pool.h"
#include "verify.h"

#include <string.h>

static struct {
    undis__spinlock lock;
    NDIS_HANDLE nbl_pool;
    NDIS_HANDLE nb_pool;
} g_internal;

/* The internal pools (an NBL pool with an NB each, and a plain NB pool),
 * created on first use; they live as long as the process. */
static int
internal_pools(NDIS_HANDLE *nbl_pool, NDIS_HANDLE *nb_pool)
{
    if (*nbl_pool != NULL && (nb_pool == NULL || *nb_pool != NULL)) {
        return 1; /* the caller's pools: no need for ours (nor the lock) */
    }
    undis__spin_lock(&g_internal.lock);
    if (g_internal.nbl_pool == NULL) {
        NET_BUFFER_LIST_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.fAllocateNetBuffer = TRUE;
        g_internal.nbl_pool = undis__nbl_pool_create(NULL, &p, 0);
    }
    if (g_internal.nb_pool == NULL) {
        NET_BUFFER_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        g_internal.nb_pool = undis__nb_pool_create(NULL, &p, 0);
    }
    if (*nbl_pool == NULL) {
        *nbl_pool = g_internal.nbl_pool;
    }
    if (nb_pool != NULL && *nb_pool == NULL) {
        *nb_pool = g_internal.nb_pool;
    }
    undis__spin_unlock(&g_internal.lock);
    return *nbl_pool != NULL && (nb_pool == NULL || *nb_pool != NULL);
}

/* The NB that came with the NBL (pool with fAllocateNetBuffer), or NULL. */
static NET_BUFFER *
embedded_nb(NET_BUFFER_LIST *nbl)
{
    const struct undis__nbl_pool *pool = undis__pool_of(nbl);
    return pool->alloc_nb ? (NET_BUFFER *)(void *)((char *)nbl + pool->off_nb) : NULL;
}

/* Free every MDL of a chain with IoFreeMdl. */
static void
free_chain(PMDL mdl)
{
    while (mdl != NULL) {
        PMDL next = mdl->Next;
        IoFreeMdl(mdl);
        mdl = next;
    }
}

/*
 * Append to *tail partial MDLs covering `len` bytes of the chain from
 * (mdl, off). Returns the bytes covered (less than len when the source chain
 * ends), or (ULONG)-1 when memory runs out (what was appended stays linked).
 */
static ULONG
partial_chain(PMDL mdl, ULONG off, ULONG len, PMDL **tail)
{
    ULONG done = 0;
    while (mdl != NULL && off >= mdl->ByteCount) {
        off -= mdl->ByteCount;
        mdl = mdl->Next;
    }
    for (; mdl != NULL && done < len; mdl = mdl->Next, off = 0) {
        PCHAR va = (PCHAR)MmGetMdlVirtualAddress(mdl) + off;
        ULONG piece = mdl->ByteCount - off;
        PMDL part;
        if (piece == 0) {
            continue;
        }
        if (piece > len - done) {
            piece = len - done;
        }
        part = IoAllocateMdl(va, piece, FALSE, FALSE, NULL);
        if (part == NULL) {
            return (ULONG)-1;
        }
        IoBuildPartialMdl(mdl, part, va, piece);
        **tail = part;
        *tail = &part->Next;
        done += piece;
    }
    return done;
}

/* Make nb describe `len` bytes of src's chain from src's data start + skip,
 * through new partial MDLs, with DataOffset 0. 0 when memory runs out. */
static int
nb_over(NET_BUFFER *nb, const NET_BUFFER *src, ULONG skip, ULONG len)
{
    PMDL *tail = &nb->MdlChain;
    ULONG got;
    nb->MdlChain = NULL;
    got = partial_chain(src->CurrentMdl, src->CurrentMdlOffset + skip, len, &tail);
    if (got == (ULONG)-1) {
        return 0;
    }
    nb->DataOffset = 0;
    nb->DataLength = nb->MdlChain != NULL ? len : 0;
    nb->CurrentMdl = nb->MdlChain;
    nb->CurrentMdlOffset = 0;
    return 1;
}

/* The next NB of a derived NBL: the embedded one first, then from nb_pool,
 * linked at *link. NULL when memory runs out. */
static NET_BUFFER *
next_nb(NET_BUFFER_LIST *nbl, NDIS_HANDLE nb_pool, NET_BUFFER ***link)
{
    NET_BUFFER *nb = NULL;
    if (*link == &nbl->FirstNetBuffer && nbl->FirstNetBuffer != NULL) {
        nb = nbl->FirstNetBuffer; /* the embedded NB */
    } else {
        nb = NdisAllocateNetBuffer(nb_pool, NULL, 0, 0);
        if (nb == NULL) {
            return NULL;
        }
        **link = nb;
    }
    *link = &nb->Next;
    return nb;
}

/* Free a derived NBL's NBs (not the embedded one), their MDLs (unless
 * shared) and the NBL. */
static void
free_derived(NET_BUFFER_LIST *nbl, int free_mdls)
{
    NET_BUFFER *embedded = embedded_nb(nbl);
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    nbl->Next = NULL;
    while (nb != NULL) {
        NET_BUFFER *next = nb->Next;
        if (free_mdls) {
            free_chain(nb->MdlChain);
            nb->MdlChain = NULL;
        }
        if (nb != embedded) {
            NdisFreeNetBuffer(nb);
        }
        nb = next;
    }
    /* Only the NB that came with the NBL is left attached. */
    nbl->FirstNetBuffer = embedded;
    if (embedded != NULL) {
        embedded->Next = NULL;
    }
    NdisFreeNetBufferList(nbl);
}

static void
copy_slots(NET_BUFFER_LIST *dst, const NET_BUFFER_LIST *src, const int *slots, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        dst->NetBufferListInfo[slots[i]] = src->NetBufferListInfo[slots[i]];
    }
}

NET_BUFFER_LIST *
NdisAllocateCloneNetBufferList(NET_BUFFER_LIST *OriginalNetBufferList,
                               NDIS_HANDLE NetBufferListPoolHandle,
                               NDIS_HANDLE NetBufferPoolHandle,
                               ULONG AllocateCloneFlags)
{
    static const int slots[] = { WfpNetBufferListInfo, NetBufferListCorrelationId,
                                 NblOriginalInterfaceIfIndex };
    const int share = (AllocateCloneFlags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) != 0;
    NDIS_HANDLE nbl_pool = NetBufferListPoolHandle;
    NDIS_HANDLE nb_pool = NetBufferPoolHandle;
    NET_BUFFER_LIST *clone;
    NET_BUFFER **link;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisAllocateCloneNetBufferList",
                                (const void *)(uintptr_t)OriginalNetBufferList)) {
        return NULL;
    }
    if (!internal_pools(&nbl_pool, &nb_pool) ||
        ((struct undis__nbl_pool *)nbl_pool)->data_size != 0) {
        return NULL;
    }
    clone = NdisAllocateNetBufferList(nbl_pool, 0, 0);
    if (clone == NULL) {
        return NULL;
    }
    link = &clone->FirstNetBuffer;
    for (NET_BUFFER *src = OriginalNetBufferList->FirstNetBuffer; src != NULL; src = src->Next) {
        NET_BUFFER *nb = next_nb(clone, nb_pool, &link);
        if (nb == NULL || (!share && !nb_over(nb, src, 0, src->DataLength))) {
            free_derived(clone, !share);
            return NULL;
        }
        if (share) {
            nb->MdlChain = src->MdlChain;
            nb->CurrentMdl = src->CurrentMdl;
            nb->CurrentMdlOffset = src->CurrentMdlOffset;
            nb->DataOffset = src->DataOffset;
            nb->DataLength = src->DataLength;
        }
    }
    clone->SourceHandle = OriginalNetBufferList->SourceHandle;
    copy_slots(clone, OriginalNetBufferList, slots, sizeof(slots) / sizeof(slots[0]));
    return clone;
}

VOID
NdisFreeCloneNetBufferList(NET_BUFFER_LIST *CloneNetBufferList, ULONG FreeCloneFlags)
{
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisFreeCloneNetBufferList",
                                (const void *)(uintptr_t)CloneNetBufferList)) {
        return;
    }
    free_derived(CloneNetBufferList, (FreeCloneFlags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) == 0);
}

/* The last steps of a fragment or reassembly: retreat every NB by delta
 * (default NetAllocateMdl) and copy the info slots; on failure everything
 * is freed and NULL returned. */
static NET_BUFFER_LIST *
retreat_and_copy(NET_BUFFER_LIST *nbl,
                 const NET_BUFFER_LIST *src,
                 ULONG delta,
                 ULONG backfill,
                 const int *slots,
                 size_t count)
{
    if (delta != 0 && NdisRetreatNetBufferListDataStart(nbl, delta, backfill, NULL, NULL) !=
                          NDIS_STATUS_SUCCESS) {
        free_derived(nbl, 1);
        return NULL;
    }
    copy_slots(nbl, src, slots, count);
    return nbl;
}

/* The inverse: drop the retreat MDLs, then free the partial MDLs, the NBs
 * and the NBL. */
static void
advance_and_free(NET_BUFFER_LIST *nbl, ULONG delta)
{
    NdisAdvanceNetBufferListDataStart(nbl, delta, TRUE, NULL);
    free_derived(nbl, 1);
}

/* Cut each source NB (past StartOffset) into NBs of at most max_len. */
static int
cut_fragments(NET_BUFFER_LIST *frag,
              const NET_BUFFER_LIST *orig,
              NDIS_HANDLE nb_pool,
              ULONG start,
              ULONG max_len)
{
    NET_BUFFER **link = &frag->FirstNetBuffer;
    int made = 0;
    for (const NET_BUFFER *src = orig->FirstNetBuffer; src != NULL; src = src->Next) {
        for (ULONG at = start; src->DataLength > at;) {
            ULONG len = src->DataLength - at < max_len ? src->DataLength - at : max_len;
            NET_BUFFER *nb = next_nb(frag, nb_pool, &link);
            if (nb == NULL || !nb_over(nb, src, at, len)) {
                return -1;
            }
            at += len;
            made++;
        }
    }
    /* No source NB reached past StartOffset: the embedded NB stays unused. */
    return made;
}

NET_BUFFER_LIST *
NdisAllocateFragmentNetBufferList(NET_BUFFER_LIST *OriginalNetBufferList,
                                  NDIS_HANDLE NetBufferListPool,
                                  NDIS_HANDLE NetBufferPool,
                                  ULONG StartOffset,
                                  ULONG MaximumLength,
                                  ULONG DataOffsetDelta,
                                  ULONG DataBackFill,
                                  ULONG AllocateFragmentFlags)
{
    static const int slots[] = { WfpNetBufferListInfo, NblOriginalInterfaceIfIndex };
    NDIS_HANDLE nbl_pool = NetBufferListPool;
    NDIS_HANDLE nb_pool = NetBufferPool;
    NET_BUFFER_LIST *frag;
    int made;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisAllocateFragmentNetBufferList",
                                (const void *)(uintptr_t)OriginalNetBufferList)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(AllocateFragmentFlags);
    if (MaximumLength == 0 || !internal_pools(&nbl_pool, &nb_pool) ||
        ((struct undis__nbl_pool *)nbl_pool)->data_size != 0) {
        return NULL;
    }
    frag = NdisAllocateNetBufferList(nbl_pool, 0, 0);
    if (frag == NULL) {
        return NULL;
    }
    made = cut_fragments(frag, OriginalNetBufferList, nb_pool, StartOffset, MaximumLength);
    if (made <= 0) {
        free_derived(frag, 1);
        return NULL;
    }
    return retreat_and_copy(frag, OriginalNetBufferList, DataOffsetDelta, DataBackFill, slots,
                            sizeof(slots) / sizeof(slots[0]));
}

VOID
NdisFreeFragmentNetBufferList(NET_BUFFER_LIST *FragmentNetBufferList,
                              ULONG DataOffsetDelta,
                              ULONG FreeFragmentFlags)
{
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisFreeFragmentNetBufferList",
                                (const void *)(uintptr_t)FragmentNetBufferList)) {
        return;
    }
    UNREFERENCED_PARAMETER(FreeFragmentFlags);
    advance_and_free(FragmentNetBufferList, DataOffsetDelta);
}

NET_BUFFER_LIST *
NdisAllocateReassembledNetBufferList(NET_BUFFER_LIST *FragmentNetBufferListList,
                                     NDIS_HANDLE NetBufferAndNetBufferListPoolHandle,
                                     ULONG StartOffset,
                                     ULONG DataOffsetDelta,
                                     ULONG DataBackFill,
                                     ULONG AllocateReassembleFlags)
{
    static const int slots[] = { WfpNetBufferListInfo, NetBufferListCorrelationId };
    NDIS_HANDLE pool = NetBufferAndNetBufferListPoolHandle;
    PMDL chain = NULL, *tail = &chain;
    ULONGLONG total = 0;
    NET_BUFFER_LIST *nbl;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisAllocateReassembledNetBufferList",
                                (const void *)(uintptr_t)FragmentNetBufferListList)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(AllocateReassembleFlags);
    if (pool != NULL && !((struct undis__nbl_pool *)pool)->alloc_nb) {
        pool = NULL; /* Windows substitutes its internal pool */
    }
    if (!internal_pools(&pool, NULL)) {
        return NULL;
    }
    for (const NET_BUFFER *src = FragmentNetBufferListList->FirstNetBuffer; src != NULL;
         src = src->Next) {
        ULONG got;
        if (src->DataLength <= StartOffset) {
            continue;
        }
        got = partial_chain(src->CurrentMdl, src->CurrentMdlOffset + StartOffset,
                            src->DataLength - StartOffset, &tail);
        total += got;
        if (got == (ULONG)-1 || total > MAXULONG) {
            free_chain(chain);
            return NULL;
        }
    }
    if (chain == NULL) {
        return NULL;
    }
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, chain, 0, (SIZE_T)total);
    if (nbl == NULL) {
        free_chain(chain);
        return NULL;
    }
    return retreat_and_copy(nbl, FragmentNetBufferListList, DataOffsetDelta, DataBackFill, slots,
                            sizeof(slots) / sizeof(slots[0]));
}

VOID
NdisFreeReassembledNetBufferList(NET_BUFFER_LIST *ReassembledNetBufferList,
                                 ULONG DataOffsetDelta,
                                 ULONG FreeReassembleFlags)
{
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisFreeReassembledNetBufferList",
                                (const void *)(uintptr_t)ReassembledNetBufferList)) {
        return;
    }
    UNREFERENCED_PARAMETER(FreeReassembleFlags);
    advance_and_free(ReassembledNetBufferList, DataOffsetDelta);
}

/* ------------------------------------------------------------------ */
/* Out-of-band information (spec 6.8, Windows 11 24H2 lists)           */
/* ------------------------------------------------------------------ */

#define CAPTURE_TIMESTAMP_ON_TRANSMIT 0x00010000u

static void
copy_common(NET_BUFFER_LIST *dst, const NET_BUFFER_LIST *src)
{
    static const int slots[] = { WfpNetBufferListInfo, NetBufferListCorrelationId };
    copy_slots(dst, src, slots, sizeof(slots) / sizeof(slots[0]));
}

VOID
NdisCopySendNetBufferListInfo(NET_BUFFER_LIST *DestNetBufferList,
                              NET_BUFFER_LIST const *SrcNetBufferList)
{
    static const int slots[] = {
        TcpIpChecksumNetBufferListInfo,
        IPsecOffloadV1NetBufferListInfo,
        TcpLargeSendNetBufferListInfo,
        ClassificationHandleNetBufferListInfo,
        Ieee8021QNetBufferListInfo,
        NetBufferListCancelId,
        MediaSpecificInformation,
        NetBufferListHashValue,
        IPsecOffloadV2TunnelNetBufferListInfo,
        IPsecOffloadV2HeaderNetBufferListInfo,
        NetBufferListFilteringInfo,
        VirtualSubnetInfo,
        TcpRecvSegCoalesceInfo,
        RscTcpTimestampDelta,
#if UNDIS_PTR64
        GftOffloadInformation,
        GftFlowEntryId,
#endif
    };
    NET_BUFFER_LIST *dst = DestNetBufferList;
    copy_slots(dst, SrcNetBufferList, slots, sizeof(slots) / sizeof(slots[0]));
    NdisSetNetBufferListProtocolId(dst, NdisGetNetBufferListProtocolId(SrcNetBufferList));
    dst->NblFlags = (dst->NblFlags & ~CAPTURE_TIMESTAMP_ON_TRANSMIT) |
                    (SrcNetBufferList->NblFlags & CAPTURE_TIMESTAMP_ON_TRANSMIT);
    copy_common(dst, SrcNetBufferList);
}

VOID
NdisCopyReceiveNetBufferListInfo(NET_BUFFER_LIST *DestNetBufferList,
                                 NET_BUFFER_LIST const *SrcNetBufferList)
{
    static const int slots[] = {
        TcpIpChecksumNetBufferListInfo,
        IPsecOffloadV1NetBufferListInfo,
        TcpLargeSendNetBufferListInfo,
        Ieee8021QNetBufferListInfo,
        MediaSpecificInformation,
        NetBufferListFrameType,
        NetBufferListHashValue,
        NetBufferListHashInfo,
        IPsecOffloadV2TunnelNetBufferListInfo,
        IPsecOffloadV2HeaderNetBufferListInfo,
        NetBufferListFilteringInfo,
        NblOriginalInterfaceIfIndex,
        VirtualSubnetInfo,
        TcpRecvSegCoalesceInfo,
        RscTcpTimestampDelta,
#if UNDIS_PTR64
        GftOffloadInformation,
        GftFlowEntryId,
#endif
        NetBufferListInfoReserved3,
    };
    NET_BUFFER_LIST *dst = DestNetBufferList;
    copy_slots(dst, SrcNetBufferList, slots, sizeof(slots) / sizeof(slots[0]));
    if ((SrcNetBufferList->NblFlags & NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET) != 0) {
        dst->NblFlags |= NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET;
        dst->NetBufferListInfo[NetBufferListCancelId] =
            SrcNetBufferList->NetBufferListInfo[NetBufferListCancelId];
    }
    copy_common(dst, SrcNetBufferList);
}
