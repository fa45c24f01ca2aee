/* SPDX-License-Identifier: MIT */
/*
 * derived.c: NET_BUFFER_LISTs made over another NBL's data without copying
 * it: clones, fragments and reassemblies (spec 6.7).
 *
 * A derived NB describes the source bytes through partial MDLs that cover
 * exactly the bytes it uses, from its data start, so its DataOffset starts
 * at 0; a clone with NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS shares the original
 * chain instead. Fragments and reassemblies are then retreated by
 * DataOffsetDelta with the default NetAllocateMdl. NULL pool handles mean
 * undis's internal pools. ParentNetBufferList and ChildRefCount are the
 * caller's business, as in Windows: nothing here touches them (at level 2
 * the verifier keeps its own record of who was made from whom).
 *
 * The partial MDLs are what IoAllocateMdl + IoBuildPartialMdl make. Those
 * spanning at most PART_PAGES pages (any frame up to a 9000-byte jumbo)
 * come from an object cache of this file (pool.h: a magazine pop, no
 * atomics) and carry MDL_ALLOCATED_FIXED_SIZE, like Windows' MDLs from its
 * fixed-size lookaside list; longer ones come from IoAllocateMdl. The frees
 * give each MDL back where it came from; any other MDL still on the chain
 * (one a retreat prepended) goes to IoFreeMdl, as in Windows.
 */
#include "datapath/nbl_pool.h"
#include "base/check_after.h"
#include "base/verify.h"
#include "base/verify_derived.h"

#include <string.h>

#define PART_PAGES       4
#define KIND_PARTIAL_MDL 0x4D444C50u /* "PLDM" */

static struct {
    undis__spinlock lock;
    void *volatile nbl_pool;
    void *volatile nb_pool;
} g_internal;

static struct {
    undis__spinlock lock;
    volatile int ready;
    struct undis__cache cache;
} g_part;

/* The internal NBL pool (an NB with each NBL) or NB pool, created on first
 * use; they live as long as the process. NULL when memory runs out. */
static UNDIS_COLD NDIS_HANDLE
internal_pool_create(int nb)
{
    void *volatile *slot = nb ? &g_internal.nb_pool : &g_internal.nbl_pool;
    NDIS_HANDLE pool;
    undis__spin_lock(&g_internal.lock);
    pool = *slot;
    if (pool == NULL && nb) {
        NET_BUFFER_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
        pool = undis__nb_pool_create(NULL, &p, 0);
    } else if (pool == NULL) {
        NET_BUFFER_LIST_POOL_PARAMETERS p;
        memset(&p, 0, sizeof(p));
        p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        p.fAllocateNetBuffer = TRUE;
        pool = undis__nbl_pool_create(NULL, &p, 0);
    }
    undis__atomic_store_release_ptr(slot, pool);
    undis__spin_unlock(&g_internal.lock);
    return pool;
}

static NDIS_HANDLE
internal_pool(int nb)
{
    void *pool = undis__atomic_load_acquire_ptr(nb ? &g_internal.nb_pool : &g_internal.nbl_pool);
    return pool != NULL ? pool : internal_pool_create(nb);
}

/* The NB that came with the NBL (pool with fAllocateNetBuffer), or NULL. */
static NET_BUFFER *
embedded_nb(NET_BUFFER_LIST *nbl)
{
    const struct undis__nbl_pool *pool = undis__pool_of(nbl);
    return pool->alloc_nb ? (NET_BUFFER *)(void *)((char *)nbl + pool->off_nb) : NULL;
}

/* ------------------------------------------------------------------ */
/* Partial MDLs                                                        */
/* ------------------------------------------------------------------ */

/* Build the cache object's MDL for the len (> 0) bytes at va inside src,
 * spanning `pages` pages, as IoAllocateMdl + IoBuildPartialMdl would, plus
 * MDL_ALLOCATED_FIXED_SIZE; straight from what src says. */
static inline PMDL
part_build(struct undis__obj *obj, PMDL src, PCHAR va, ULONG len, ULONG pages)
{
    const CSHORT inherit =
        MDL_IO_PAGE_READ | MDL_SOURCE_IS_NONPAGED_POOL | MDL_MAPPED_TO_SYSTEM_VA | MDL_IO_SPACE;
    const CSHORT flags = src->MdlFlags;
    const ULONG_PTR page = (ULONG_PTR)va >> PAGE_SHIFT;
    PMDL mdl = (PMDL)(void *)(obj + 1);
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    mdl->Next = NULL;
    mdl->Size = (CSHORT)(sizeof(MDL) + sizeof(PFN_NUMBER) * pages);
    mdl->MdlFlags = (CSHORT)((flags & inherit) | MDL_PARTIAL | MDL_ALLOCATED_FIXED_SIZE);
    mdl->Process = src->Process;
    mdl->MappedSystemVa =
        (flags & MDL_SOURCE_IS_NONPAGED_POOL) != 0 ? (PVOID)va
        : (flags & MDL_MAPPED_TO_SYSTEM_VA) != 0
            ? (PVOID)((PCHAR)src->MappedSystemVa + (va - (PCHAR)MmGetMdlVirtualAddress(src)))
            : NULL;
    mdl->StartVa = PAGE_ALIGN(va);
    mdl->ByteCount = len;
    mdl->ByteOffset = BYTE_OFFSET(va);
    pfn[0] = page;
    for (ULONG i = 1; i < pages; i++) {
        pfn[i] = page + i;
    }
    return mdl;
}

static UNDIS_COLD void
part_cache_create(void)
{
    undis__spin_lock(&g_part.lock);
    if (!g_part.ready) {
        undis__cache_init(&g_part.cache,
                          sizeof(struct undis__obj) + sizeof(MDL) + PART_PAGES * sizeof(PFN_NUMBER),
                          KIND_PARTIAL_MDL, NULL);
        undis__atomic_store_release_int(&g_part.ready, 1);
    }
    undis__spin_unlock(&g_part.lock);
}

/* An MDL for the len (> 0) bytes at va inside src: from the cache when it
 * spans at most PART_PAGES pages, otherwise IoAllocateMdl +
 * IoBuildPartialMdl. NULL when memory runs out. */
static PMDL
partial_mdl(PMDL src, PCHAR va, ULONG len)
{
    const ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, len);
    struct undis__obj *obj;
    PMDL mdl;
    if (pages <= PART_PAGES) {
        if (UNDIS_UNLIKELY(!undis__atomic_load_acquire_int(&g_part.ready))) {
            part_cache_create();
        }
        obj = undis__cache_get(&g_part.cache);
        return obj != NULL ? part_build(obj, src, va, len, pages) : NULL;
    }
    mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
    if (mdl != NULL) {
        IoBuildPartialMdl(src, mdl, va, len);
    }
    return mdl;
}

/* Free every MDL of a derived NB's chain: back to the cache those that came
 * from it, the others with IoFreeMdl (long partial MDLs, and whatever else
 * the chain holds, as Windows does). Only the cache's own bookkeeping is
 * read to tell, never memory around a foreign MDL. */
static void
free_chain(PMDL mdl)
{
    while (mdl != NULL) {
        PMDL next = mdl->Next;
        struct undis__obj *obj = (struct undis__obj *)(void *)mdl - 1;
        if ((mdl->MdlFlags & MDL_ALLOCATED_FIXED_SIZE) != 0 &&
            undis__atomic_load_acquire_int(&g_part.ready) &&
            undis__cache_owns(&g_part.cache, obj)) {
            UNDIS_ASSERT(obj->state == UNDIS__OBJ_LIVE);
            undis__cache_put(&g_part.cache, obj);
        } else {
            IoFreeMdl(mdl);
        }
        mdl = next;
    }
}

/* A position in a source chain: byte `off` from the start of `mdl`. */
struct cursor {
    PMDL mdl;
    ULONG off;
};

/*
 * Append to *tail partial MDLs covering `len` bytes of the chain from the
 * cursor, and move the cursor past them (so that the next piece of the same
 * source starts there instead of walking the chain again). Returns the bytes
 * covered (less than len when the source chain ends), or (ULONG)-1 when
 * memory runs out (what was appended stays linked).
 */
static ULONG
partial_chain(struct cursor *at, ULONG len, PMDL **tail)
{
    PMDL mdl = at->mdl;
    ULONG off = at->off;
    ULONG done = 0;
    while (mdl != NULL && off >= mdl->ByteCount) {
        off -= mdl->ByteCount;
        mdl = mdl->Next;
    }
    while (mdl != NULL && done < len) {
        ULONG piece = mdl->ByteCount - off;
        if (piece > len - done) {
            piece = len - done;
        }
        if (piece != 0) { /* zero-length MDLs get no partial MDL */
            PMDL part = partial_mdl(mdl, (PCHAR)MmGetMdlVirtualAddress(mdl) + off, piece);
            if (part == NULL) {
                return (ULONG)-1;
            }
            **tail = part;
            *tail = &part->Next;
            done += piece;
            off += piece;
        }
        if (off < mdl->ByteCount) {
            break; /* len ended inside this MDL */
        }
        mdl = mdl->Next;
        off = 0;
    }
    at->mdl = mdl;
    at->off = off;
    return done;
}

/* Make nb describe `len` bytes of a source chain from the cursor, through
 * new partial MDLs, with DataOffset 0, and move the cursor past them. 0 when
 * memory runs out. */
static int
nb_over(NET_BUFFER *nb, struct cursor *at, ULONG len)
{
    PMDL *tail = &nb->MdlChain;
    nb->MdlChain = NULL;
    if (partial_chain(at, len, &tail) == (ULONG)-1) {
        return 0;
    }
    nb->DataOffset = 0;
    nb->DataLength = nb->MdlChain != NULL ? len : 0;
    nb->CurrentMdl = nb->MdlChain;
    nb->CurrentMdlOffset = 0;
    return 1;
}

/* A clone NB over src's used bytes. The usual case (bytes inside one source
 * MDL, a few pages, this thread's magazine not empty, no fault injection
 * armed) takes its partial MDL from the cache right here; the rest goes
 * through nb_over. 0 when memory runs out. */
static int
clone_nb(NET_BUFFER *nb, const NET_BUFFER *src)
{
    PMDL mdl = src->CurrentMdl;
    ULONG off = src->CurrentMdlOffset;
    ULONG len = src->DataLength;
    struct cursor at;
    if (UNDIS_LIKELY(mdl != NULL && off < mdl->ByteCount && len != 0 &&
                     len <= mdl->ByteCount - off &&
                     undis__atomic_load_acquire_int(&g_part.ready))) {
        PCHAR va = (PCHAR)MmGetMdlVirtualAddress(mdl) + off;
        ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, len);
        struct undis__obj *obj;
        if (UNDIS_LIKELY(pages <= PART_PAGES &&
                         (obj = undis__cache_try_get(&g_part.cache)) != NULL)) {
            PMDL part = part_build(obj, mdl, va, len, pages);
            nb->MdlChain = part;
            nb->CurrentMdl = part;
            nb->CurrentMdlOffset = 0;
            nb->DataOffset = 0;
            nb->DataLength = len;
            return 1;
        }
    }
    at.mdl = mdl;
    at.off = off;
    return nb_over(nb, &at, len);
}

/* ------------------------------------------------------------------ */
/* Derived NBLs                                                        */
/* ------------------------------------------------------------------ */

/* An NB from *nb_pool (the internal one, fetched now, when it is NULL). */
static NET_BUFFER *
pool_nb(NDIS_HANDLE *nb_pool)
{
    if (*nb_pool == NULL && (*nb_pool = internal_pool(1)) == NULL) {
        return NULL;
    }
    return NdisAllocateNetBuffer(*nb_pool, NULL, 0, 0);
}

/* The next NB of a derived NBL, at *link: the embedded one first (a fresh
 * NBL's FirstNetBuffer, whose Next is NULL, as a fresh NB's is), then one
 * from the NB pool. NULL when memory runs out. */
static NET_BUFFER *
next_nb(NDIS_HANDLE *nb_pool, NET_BUFFER ***link)
{
    NET_BUFFER *nb = **link;
    if (nb == NULL) {
        nb = pool_nb(nb_pool);
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

/* The NBL pool a derived NBL comes from: the caller's, or the internal one;
 * NULL when that is a pool with data (or memory runs out). */
static NDIS_HANDLE
derived_nbl_pool(NDIS_HANDLE pool)
{
    if (pool == NULL && (pool = internal_pool(0)) == NULL) {
        return NULL;
    }
    return ((struct undis__nbl_pool *)pool)->data_size == 0 ? pool : NULL;
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
    NDIS_HANDLE nbl_pool, nb_pool = NetBufferPoolHandle;
    NET_BUFFER_LIST *clone;
    NET_BUFFER **link;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisAllocateCloneNetBufferList",
                                (const void *)(uintptr_t)OriginalNetBufferList)) {
        return NULL;
    }
    nbl_pool = derived_nbl_pool(NetBufferListPoolHandle);
    if (nbl_pool == NULL || (clone = NdisAllocateNetBufferList(nbl_pool, 0, 0)) == NULL) {
        return NULL;
    }
    link = &clone->FirstNetBuffer;
    for (NET_BUFFER *src = OriginalNetBufferList->FirstNetBuffer; src != NULL; src = src->Next) {
        NET_BUFFER *nb = next_nb(&nb_pool, &link);
        if (nb == NULL) {
            free_derived(clone, !share);
            return NULL;
        }
        if (share) {
            nb->MdlChain = src->MdlChain;
            nb->CurrentMdl = src->CurrentMdl;
            nb->CurrentMdlOffset = src->CurrentMdlOffset;
            nb->DataOffset = src->DataOffset;
            nb->DataLength = src->DataLength;
            continue;
        }
        if (!clone_nb(nb, src)) {
            free_derived(clone, 1);
            return NULL;
        }
    }
    clone->SourceHandle = OriginalNetBufferList->SourceHandle;
    copy_slots(clone, OriginalNetBufferList, slots, sizeof(slots) / sizeof(slots[0]));
    if (undis__verify_level(2)) {
        undis__derived_note(OriginalNetBufferList, clone, UNDIS__DERIVED_CLONE);
    }
    UNDIS_CHECK_AFTER_NBL("NdisAllocateCloneNetBufferList", clone);
    return clone;
}

VOID
NdisFreeCloneNetBufferList(NET_BUFFER_LIST *CloneNetBufferList, ULONG FreeCloneFlags)
{
    NET_BUFFER_LIST *clone = CloneNetBufferList;
    const int free_mdls = (FreeCloneFlags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) == 0;
    NET_BUFFER *nb;
    if (!undis__derived_free_ok("NdisFreeCloneNetBufferList", clone)) {
        return;
    }
    nb = clone->FirstNetBuffer;
    if (UNDIS_LIKELY(nb != NULL && nb->Next == NULL && nb == embedded_nb(clone))) {
        /* The usual clone: the NBL's own NB only. */
        if (free_mdls) {
            free_chain(nb->MdlChain);
            nb->MdlChain = NULL;
        }
        clone->Next = NULL;
        NdisFreeNetBufferList(clone);
        return;
    }
    free_derived(clone, free_mdls);
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

/* Cut each source NB (past StartOffset) into NBs of at most max_len; the
 * pieces of one source NB follow each other along its chain. */
static int
cut_fragments(NET_BUFFER_LIST *frag,
              const NET_BUFFER_LIST *orig,
              NDIS_HANDLE *nb_pool,
              ULONG start,
              ULONG max_len)
{
    NET_BUFFER **link = &frag->FirstNetBuffer;
    int made = 0;
    for (const NET_BUFFER *src = orig->FirstNetBuffer; src != NULL; src = src->Next) {
        struct cursor at;
        at.mdl = src->CurrentMdl;
        at.off = src->CurrentMdlOffset + start;
        for (ULONG done = start; src->DataLength > done;) {
            ULONG len = src->DataLength - done < max_len ? src->DataLength - done : max_len;
            NET_BUFFER *nb = next_nb(nb_pool, &link);
            if (nb == NULL || !nb_over(nb, &at, len)) {
                return -1;
            }
            done += len;
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
    NDIS_HANDLE nbl_pool, nb_pool = NetBufferPool;
    NET_BUFFER_LIST *frag;
    int made;
    if (undis__verify_on() &&
        !undis__verify_nbl_live("NdisAllocateFragmentNetBufferList",
                                (const void *)(uintptr_t)OriginalNetBufferList)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(AllocateFragmentFlags);
    if (MaximumLength == 0 || (nbl_pool = derived_nbl_pool(NetBufferListPool)) == NULL) {
        return NULL;
    }
    frag = NdisAllocateNetBufferList(nbl_pool, 0, 0);
    if (frag == NULL) {
        return NULL;
    }
    made = cut_fragments(frag, OriginalNetBufferList, &nb_pool, StartOffset, MaximumLength);
    if (made <= 0) {
        free_derived(frag, 1);
        return NULL;
    }
    frag = retreat_and_copy(frag, OriginalNetBufferList, DataOffsetDelta, DataBackFill, slots,
                            sizeof(slots) / sizeof(slots[0]));
    if (frag != NULL && undis__verify_level(2)) {
        undis__derived_note(OriginalNetBufferList, frag, UNDIS__DERIVED_FRAGMENT);
    }
    if (frag != NULL) {
        UNDIS_CHECK_AFTER_NBL("NdisAllocateFragmentNetBufferList", frag);
    }
    return frag;
}

VOID
NdisFreeFragmentNetBufferList(NET_BUFFER_LIST *FragmentNetBufferList,
                              ULONG DataOffsetDelta,
                              ULONG FreeFragmentFlags)
{
    if (!undis__derived_free_ok("NdisFreeFragmentNetBufferList", FragmentNetBufferList)) {
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
    if (pool == NULL || !((struct undis__nbl_pool *)pool)->alloc_nb) {
        pool = internal_pool(0); /* Windows substitutes its internal pool */
        if (pool == NULL) {
            return NULL;
        }
    }
    for (const NET_BUFFER *src = FragmentNetBufferListList->FirstNetBuffer; src != NULL;
         src = src->Next) {
        struct cursor at;
        ULONG got;
        if (src->DataLength <= StartOffset) {
            continue;
        }
        at.mdl = src->CurrentMdl;
        at.off = src->CurrentMdlOffset + StartOffset;
        got = partial_chain(&at, src->DataLength - StartOffset, &tail);
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
    nbl = retreat_and_copy(nbl, FragmentNetBufferListList, DataOffsetDelta, DataBackFill, slots,
                           sizeof(slots) / sizeof(slots[0]));
    if (nbl != NULL) {
        UNDIS_CHECK_AFTER_NBL("NdisAllocateReassembledNetBufferList", nbl);
    }
    return nbl;
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
