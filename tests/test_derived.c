/*
 * test_derived.c - NET_BUFFER_LISTs derived from another one without copying
 * its data (spec 6.7): clones (with and without
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS), fragments and reassemblies, and the
 * out-of-band info copies of spec 6.8.
 *
 * The original NBL describes slices of one test-owned arena through MDLs
 * in test storage, so every library allocation shows in
 * undis_alloc_outstanding(). A derived NB is compared with its source byte
 * by byte *by address*: the address of each used byte, found by walking the
 * chain from its head past DataOffset, must be the address of the matching
 * source byte. That proves at once that the bytes are identical, that they
 * are shared and not copied, and that the new MDLs cover exactly the used
 * range. The structure checker runs on every derived NBL.
 */
#include "test.h"

#include <ndis.h>
#include <undis/verifier.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/pools.h"

/* ---- helpers ------------------------------------------------------------ */

#define ARENA_SIZE 4096
#define MAX_MDLS   16
#define MAX_NBS    6
#define MAX_BYTES  1024
#define TEST_TAG   0x74736554u

/* An MDL in test storage with room for four PFNs. */
struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* The original NBL and everything it stands on. */
struct orig {
    PUCHAR arena;
    ULONG arena_used;
    struct tmdl m[MAX_MDLS];
    int nm;
    NDIS_HANDLE nbl_pool; /* fAllocateNetBuffer, ProtocolId 0 */
    NDIS_HANDLE nb_pool;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb[MAX_NBS];
    int nnb;
};

static NDIS_HANDLE
nbl_pool_make(BOOLEAN alloc_nb, USHORT ctx, ULONG data, UCHAR protocol_id)
{
    NDIS_HANDLE h = test_nbl_pool(alloc_nb, ctx, data, protocol_id, TEST_TAG);
    CHECK_NOT_NULL(h);
    return h;
}

static NDIS_HANDLE
nb_pool_make(ULONG data)
{
    NDIS_HANDLE h = test_nb_pool(data, TEST_TAG);
    CHECK_NOT_NULL(h);
    return h;
}

static void
orig_init(struct orig *o)
{
    ULONG i;
    memset(o, 0, sizeof(*o));
    o->arena = (PUCHAR)malloc(ARENA_SIZE);
    CHECK_NOT_NULL(o->arena);
    for (i = 0; i < ARENA_SIZE; i++) {
        o->arena[i] = (UCHAR)(3u + 7u * i + i / 251u);
    }
    o->nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    o->nb_pool = nb_pool_make(0);
}

/* A chain of mapped MDLs over fresh arena slices (8 guard bytes apart). */
static PMDL
orig_chain(struct orig *o, const ULONG *sizes, int count)
{
    PMDL head = NULL;
    PMDL *link = &head;
    int i;
    for (i = 0; i < count; i++) {
        struct tmdl *t;
        PUCHAR va;
        CHECK(o->nm < MAX_MDLS);
        CHECK(o->arena_used + 8 + sizes[i] <= ARENA_SIZE);
        t = &o->m[o->nm++];
        va = o->arena + o->arena_used + 8;
        o->arena_used += 8 + sizes[i];
        memset(t, 0, sizeof(*t));
        MmInitializeMdl(&t->mdl, va, sizes[i]);
        if (sizes[i] != 0) {
            MmBuildMdlForNonPagedPool(&t->mdl);
        } else {
            t->mdl.Process = NULL;
            t->mdl.MappedSystemVa = va;
            t->mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
        }
        *link = &t->mdl;
        link = &t->mdl.Next;
    }
    return head;
}

/* Appends an NB over chain (the NBL's own NB first). */
static NET_BUFFER *
orig_add_nb(struct orig *o, PMDL chain, ULONG offset, ULONG length)
{
    NET_BUFFER *nb;
    CHECK(o->nnb < MAX_NBS);
    if (o->nbl == NULL) {
        o->nbl = NdisAllocateNetBufferAndNetBufferList(o->nbl_pool, 0, 0, chain, offset, length);
        CHECK_NOT_NULL(o->nbl);
        nb = o->nbl->FirstNetBuffer;
    } else {
        nb = NdisAllocateNetBuffer(o->nb_pool, chain, offset, length);
        CHECK_NOT_NULL(nb);
        o->nb[o->nnb - 1]->Next = nb;
    }
    CHECK_NOT_NULL(nb);
    o->nb[o->nnb++] = nb;
    return nb;
}

/*
 * The standard original: three NBs.
 *   NB0: [10][0][50][30], DataOffset 25 (CurrentMdl = the third MDL at 15),
 *        DataLength 60, 5 unused bytes after the data.
 *   NB1: [100], DataOffset 0, DataLength 100.
 *   NB2: [7][33][64], DataOffset 7 (on a boundary: the second MDL at 0),
 *        DataLength 90, 7 unused bytes after the data.
 */
static void
orig_standard(struct orig *o)
{
    static const ULONG c0[] = { 10, 0, 50, 30 };
    static const ULONG c1[] = { 100 };
    static const ULONG c2[] = { 7, 33, 64 };
    NET_BUFFER *nb;
    orig_init(o);
    nb = orig_add_nb(o, orig_chain(o, c0, 4), 25, 60);
    CHECK_PTR_EQ(nb->CurrentMdl, &o->m[2].mdl);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 15);
    orig_add_nb(o, orig_chain(o, c1, 1), 0, 100);
    nb = orig_add_nb(o, orig_chain(o, c2, 3), 7, 90);
    CHECK_PTR_EQ(nb->CurrentMdl, &o->m[6].mdl);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
    CHECK_EQ_INT(undis_nbl_check(o->nbl, NULL, 0), UNDIS_CHECK_OK);
}

static void
orig_free(struct orig *o)
{
    int i;
    for (i = 1; i < o->nnb; i++) {
        NdisFreeNetBuffer(o->nb[i]);
    }
    if (o->nbl != NULL) {
        o->nbl->FirstNetBuffer->Next = NULL;
        NdisFreeNetBufferList(o->nbl);
    }
    NdisFreeNetBufferPool(o->nb_pool);
    NdisFreeNetBufferListPool(o->nbl_pool);
    free(o->arena);
    memset(o, 0, sizeof(*o));
}

/* The address of every used byte of nb, walking from the chain head past
 * DataOffset; returns DataLength (and checks the chain holds that much). */
static ULONG
nb_addrs(const NET_BUFFER *nb, PUCHAR *out, ULONG cap)
{
    ULONG skip = nb->DataOffset;
    ULONG n = 0;
    PMDL m;
    CHECK(nb->DataLength <= cap);
    for (m = nb->MdlChain; m != NULL && n < nb->DataLength; m = m->Next) {
        PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(m);
        ULONG i;
        for (i = 0; i < m->ByteCount && n < nb->DataLength; i++) {
            if (skip != 0) {
                skip--;
            } else {
                out[n++] = va + i;
            }
        }
    }
    CHECK_EQ_U32(n, nb->DataLength);
    return n;
}

/* Every used byte of d from d_pos on (len bytes) is the very byte of src at
 * src_pos on: same address, so same contents, shared. */
static void
check_shares(const NET_BUFFER *d, ULONG d_pos, const NET_BUFFER *src, ULONG src_pos, ULONG len)
{
    static PUCHAR da[MAX_BYTES];
    static PUCHAR sa[MAX_BYTES];
    ULONG i;
    nb_addrs(d, da, MAX_BYTES);
    nb_addrs(src, sa, MAX_BYTES);
    CHECK(d_pos + len <= d->DataLength);
    CHECK(src_pos + len <= src->DataLength);
    for (i = 0; i < len; i++) {
        if (da[d_pos + i] != sa[src_pos + i]) {
            CHECK_EQ_U64((uint64_t)(uintptr_t)da[d_pos + i], (uint64_t)(uintptr_t)sa[src_pos + i]);
        }
    }
}

/* Whether m is one of the original's MDLs. */
static int
is_orig_mdl(const struct orig *o, const MDL *m)
{
    int i;
    for (i = 0; i < o->nm; i++) {
        if (m == &o->m[i].mdl) {
            return 1;
        }
    }
    return 0;
}

/* The chain from `from` on: new partial MDLs (none of the original's), no
 * zero-length ones; returns the bytes they describe. */
static ULONG
check_partial_mdls(const struct orig *o, PMDL from)
{
    ULONG total = 0;
    PMDL m;
    for (m = from; m != NULL; m = m->Next) {
        CHECK(!is_orig_mdl(o, m));
        CHECK((m->MdlFlags & MDL_PARTIAL) != 0);
        CHECK(m->ByteCount != 0);
        total += m->ByteCount;
    }
    return total;
}

static void
check_nbl_ok(const NET_BUFFER_LIST *nbl)
{
    char why[256];
    undis_check_rule rule = undis_nbl_check(nbl, why, sizeof(why));
    if (rule != UNDIS_CHECK_OK) {
        fprintf(stderr, "undis_nbl_check: %s: %s\n", undis_check_rule_name(rule), why);
    }
    CHECK_EQ_INT(rule, UNDIS_CHECK_OK);
}

static ULONG
nb_count(const NET_BUFFER_LIST *nbl)
{
    ULONG n = 0;
    const NET_BUFFER *nb;
    for (nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        n++;
    }
    return n;
}

/* A snapshot of the original's NBs and MDLs, to prove they are untouched. */
struct snapshot {
    NET_BUFFER nb[MAX_NBS];
    MDL mdl[MAX_MDLS];
};

static void
snap_take(const struct orig *o, struct snapshot *s)
{
    int i;
    for (i = 0; i < o->nnb; i++) {
        memcpy(&s->nb[i], o->nb[i], sizeof(NET_BUFFER));
    }
    for (i = 0; i < o->nm; i++) {
        memcpy(&s->mdl[i], &o->m[i].mdl, sizeof(MDL));
    }
}

static void
snap_check(const struct orig *o, const struct snapshot *s)
{
    int i;
    for (i = 0; i < o->nnb; i++) {
        CHECK_MEM_EQ(&s->nb[i], o->nb[i], sizeof(NET_BUFFER));
    }
    for (i = 0; i < o->nm; i++) {
        CHECK_MEM_EQ(&s->mdl[i], &o->m[i].mdl, sizeof(MDL));
    }
}

/* Fills every info slot with a distinct value (low nibble of slot 7 too). */
static void
info_fill(NET_BUFFER_LIST *nbl, ULONG_PTR base)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        nbl->NetBufferListInfo[i] = (PVOID)(base + 0x101u * (ULONG_PTR)(i + 1));
    }
}

static int
in_list(int slot, const int *list, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        if (list[i] == slot) {
            return 1;
        }
    }
    return 0;
}

/* Info slots of a derived NBL: exactly `copied` come from src, every other
 * one is as allocation leaves it (0, the protocol-id slot's low byte being
 * the pool's ProtocolId). */
static void
check_info_copied(const NET_BUFFER_LIST *d,
                  const NET_BUFFER_LIST *src,
                  const int *copied,
                  size_t count,
                  UCHAR pool_protocol_id)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        if (in_list(i, copied, count)) {
            CHECK_PTR_EQ(d->NetBufferListInfo[i], src->NetBufferListInfo[i]);
        } else if (i == NetBufferListProtocolId) {
            CHECK_EQ_U64((uint64_t)(ULONG_PTR)d->NetBufferListInfo[i], pool_protocol_id);
        } else {
            CHECK_NULL(d->NetBufferListInfo[i]);
        }
    }
}

/* ---- clone without flags ---------------------------------------------- */

TEST(clone_builds_partial_mdls_over_used_bytes)
{
    struct orig o;
    struct snapshot snap;
    NET_BUFFER_LIST *clone;
    NET_BUFFER *c, *s;
    unsigned long long base;
    orig_standard(&o);
    snap_take(&o, &snap);
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_EQ_U32(nb_count(clone), 3);
    for (c = clone->FirstNetBuffer, s = o.nbl->FirstNetBuffer; c != NULL;
         c = c->Next, s = s->Next) {
        CHECK_EQ_U32(c->DataOffset, 0);
        CHECK_EQ_U32(c->CurrentMdlOffset, 0);
        CHECK_EQ_U32(c->DataLength, s->DataLength);
        CHECK_NOT_NULL(c->MdlChain);
        CHECK_PTR_EQ(c->CurrentMdl, c->MdlChain);
        /* Exactly the used bytes: the partial MDLs add up to DataLength. */
        CHECK_EQ_U32(check_partial_mdls(&o, c->MdlChain), s->DataLength);
        /* The first new MDL starts at the original's data start. */
        CHECK_PTR_EQ(MmGetMdlVirtualAddress(c->MdlChain),
                     (PUCHAR)MmGetMdlVirtualAddress(s->CurrentMdl) + s->CurrentMdlOffset);
        check_shares(c, 0, s, 0, s->DataLength);
    }
    /* NB0's data spans two original MDLs, so its clone has two partials. */
    CHECK_EQ_U32(clone->FirstNetBuffer->MdlChain->ByteCount, 35);
    CHECK_EQ_U32(clone->FirstNetBuffer->MdlChain->Next->ByteCount, 25);
    CHECK_NULL(clone->FirstNetBuffer->MdlChain->Next->Next);
    snap_check(&o, &snap);

    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    snap_check(&o, &snap);
    orig_free(&o);
}

TEST(clone_shares_data_with_original)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    PUCHAR through_orig, through_clone;
    NET_BUFFER *s;
    PMDL last;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);

    /* Write the last used byte of NB2 through the original's mapping, read
     * it through the clone's. */
    s = o.nb[2];
    through_orig = (PUCHAR)MmGetSystemAddressForMdlSafe(&o.m[7].mdl, NormalPagePriority);
    CHECK_NOT_NULL(through_orig);
    through_orig[56] = 0x5A;
    for (last = clone->FirstNetBuffer->Next->Next->MdlChain; last->Next != NULL;
         last = last->Next) {
    }
    through_clone = (PUCHAR)MmGetSystemAddressForMdlSafe(last, NormalPagePriority);
    CHECK_NOT_NULL(through_clone);
    CHECK_EQ_U32(last->ByteCount, 57);
    CHECK_EQ_U32(through_clone[56], 0x5A);
    /* And the other way round. */
    through_clone[0] = 0xA5;
    CHECK_EQ_U32(through_orig[0], 0xA5);
    CHECK_EQ_U32(s->DataLength, 90);

    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(clone_of_nb_without_chain_has_no_chain)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NET_BUFFER *c;
    unsigned long long base;
    static const ULONG c1[] = { 40 };
    orig_init(&o);
    orig_add_nb(&o, NULL, 0, 0);
    orig_add_nb(&o, orig_chain(&o, c1, 1), 4, 30);
    /* An NB with no chain but a (meaningless) length: Windows gives 0. */
    orig_add_nb(&o, NULL, 0, 0)->DataLength = 20;
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    c = clone->FirstNetBuffer;
    CHECK_NULL(c->MdlChain);
    CHECK_NULL(c->CurrentMdl);
    CHECK_EQ_U32(c->DataLength, 0);
    CHECK_EQ_U32(c->DataOffset, 0);
    c = c->Next;
    CHECK_EQ_U32(c->DataLength, 30);
    check_shares(c, 0, o.nb[1], 0, 30);
    c = c->Next;
    CHECK_NULL(c->MdlChain);
    CHECK_NULL(c->CurrentMdl);
    CHECK_EQ_U32(c->DataLength, 0);
    CHECK_NULL(c->Next);

    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(clone_of_empty_nb_has_null_chain)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NET_BUFFER *c;
    unsigned long long base;
    static const ULONG c0[] = { 16, 16 };
    orig_init(&o);
    /* A chain with no used data: the whole chain is unused space. */
    orig_add_nb(&o, orig_chain(&o, c0, 2), 20, 0);
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    c = clone->FirstNetBuffer;
    CHECK_NULL(c->MdlChain);
    CHECK_NULL(c->CurrentMdl);
    CHECK_EQ_U32(c->DataLength, 0);
    CHECK_EQ_U32(c->DataOffset, 0);
    CHECK_EQ_U32(c->CurrentMdlOffset, 0);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

/* ---- clone with NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS ---------------------- */

TEST(clone_use_original_mdls_copies_nb_fields)
{
    struct orig o;
    struct snapshot snap;
    NET_BUFFER_LIST *clone;
    NET_BUFFER *c, *s;
    unsigned long long base;
    orig_standard(&o);
    snap_take(&o, &snap);
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_EQ_U32(nb_count(clone), 3);
    for (c = clone->FirstNetBuffer, s = o.nbl->FirstNetBuffer; c != NULL;
         c = c->Next, s = s->Next) {
        CHECK(c != s);
        CHECK_PTR_EQ(c->MdlChain, s->MdlChain);
        CHECK_PTR_EQ(c->CurrentMdl, s->CurrentMdl);
        CHECK_EQ_U32(c->CurrentMdlOffset, s->CurrentMdlOffset);
        CHECK_EQ_U32(c->DataOffset, s->DataOffset);
        CHECK_EQ_U32(c->DataLength, s->DataLength);
        check_shares(c, 0, s, 0, s->DataLength);
    }
    CHECK_NULL(s);

    /* Freed with the same flag: the original MDLs stay as they were. */
    NdisFreeCloneNetBufferList(clone, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    snap_check(&o, &snap);
    CHECK_EQ_INT(undis_nbl_check(o.nbl, NULL, 0), UNDIS_CHECK_OK);
    orig_free(&o);
}

/* ---- what a clone copies from the original NBL -------------------------- */

TEST(clone_copies_source_handle_and_three_info_slots)
{
    static const int copied[] = { WfpNetBufferListInfo, NetBufferListCorrelationId,
                                  NblOriginalInterfaceIfIndex };
    struct orig o;
    NET_BUFFER_LIST *clone, parent;
    NDIS_HANDLE pool;
    ULONG flags;
    orig_standard(&o);
    memset(&parent, 0, sizeof(parent));
    info_fill(o.nbl, 0x10000);
    o.nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x5150;
    o.nbl->ParentNetBufferList = &parent;
    o.nbl->ChildRefCount = 3;
    o.nbl->Scratch = (PVOID)(ULONG_PTR)0x77;
    o.nbl->NblFlags = NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET;
    o.nbl->Status = NDIS_STATUS_FAILURE;
    o.nbl->ProtocolReserved[0] = (PVOID)(ULONG_PTR)0x99;
    flags = o.nbl->Flags;

    pool = nbl_pool_make(TRUE, 0, 0, NDIS_PROTOCOL_ID_TCP_IP);
    clone = NdisAllocateCloneNetBufferList(o.nbl, pool, o.nb_pool, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_PTR_EQ(clone->SourceHandle, o.nbl->SourceHandle);
    check_info_copied(clone, o.nbl, copied, sizeof(copied) / sizeof(copied[0]),
                      NDIS_PROTOCOL_ID_TCP_IP);
    /* Parent/child bookkeeping is the caller's: neither NBL is touched. */
    CHECK_NULL(clone->ParentNetBufferList);
    CHECK_EQ_INT(clone->ChildRefCount, 0);
    CHECK_PTR_EQ(o.nbl->ParentNetBufferList, &parent);
    CHECK_EQ_INT(o.nbl->ChildRefCount, 3);
    /* Nothing else comes along. */
    CHECK_NULL(clone->Next);
    CHECK_NULL(clone->Scratch);
    CHECK_NULL(clone->ProtocolReserved[0]);
    CHECK_EQ_U32(clone->NblFlags, 0);
    CHECK_STATUS(clone->Status, NDIS_STATUS_SUCCESS);
    CHECK_NULL(clone->Context);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(clone), pool);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(clone), NDIS_PROTOCOL_ID_TCP_IP);
    CHECK_EQ_U32(o.nbl->Flags, flags);

    NdisFreeCloneNetBufferList(clone, 0);
    NdisFreeNetBufferListPool(pool);
    orig_free(&o);
}

/* ---- clone: which pool each object comes from ------------------------- */

TEST(clone_nbl_pool_with_nb_uses_embedded_nb_first)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NDIS_HANDLE nbl_pool, nb_pool;
    NET_BUFFER *c;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    nb_pool = nb_pool_make(0);
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, nb_pool, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(clone), nbl_pool);
    c = clone->FirstNetBuffer;
    /* The NB that came with the NBL: it names the NBL pool. */
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(c), nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(c->Next), nb_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(c->Next->Next), nb_pool);
    check_shares(c->Next->Next, 0, o.nb[2], 0, 90);
    /* The NBL, two NBs and five partial MDLs (NB0 and NB2 span two
     * original MDLs each). */
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1 + 2 + 5);

    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(clone_nbl_pool_without_nb_takes_all_nbs_from_nb_pool)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NDIS_HANDLE nbl_pool, nb_pool;
    NET_BUFFER *c;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(FALSE, 0, 0, 0);
    nb_pool = nb_pool_make(0);
    base = undis_alloc_outstanding();

    clone = NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, nb_pool, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(clone), nbl_pool);
    CHECK_EQ_U32(nb_count(clone), 3);
    for (c = clone->FirstNetBuffer; c != NULL; c = c->Next) {
        CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(c), nb_pool);
    }
    check_shares(clone->FirstNetBuffer, 0, o.nb[0], 0, 60);

    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(clone_nbl_pool_with_data_fails)
{
    struct orig o;
    NDIS_HANDLE nbl_pool;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(TRUE, 0, 256, 0);
    base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, o.nb_pool, 0));
    CHECK_NULL(
        NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, NULL, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(clone_nb_pool_with_data_fails_for_second_nb)
{
    struct orig o;
    NDIS_HANDLE nbl_pool, data_nb_pool;
    NET_BUFFER_LIST *clone;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    data_nb_pool = nb_pool_make(128);
    base = undis_alloc_outstanding();
    /* Three NBs: the second must come from the data pool, which fails, and
     * everything made so far is freed again. */
    CHECK_NULL(NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, data_nb_pool, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* One NB: the embedded NB suffices, the NB pool is never asked. */
    o.nb[0]->Next = NULL;
    clone = NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, data_nb_pool, 0);
    o.nb[0]->Next = o.nb[1];
    CHECK_NOT_NULL(clone);
    CHECK_EQ_U32(nb_count(clone), 1);
    check_nbl_ok(clone);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(data_nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(clone_null_pools_use_internal_pools)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NET_BUFFER *c;
    NDIS_HANDLE pool;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    pool = NdisGetPoolFromNetBufferList(clone);
    CHECK_NOT_NULL(pool);
    CHECK(pool != o.nbl_pool && pool != o.nb_pool);
    for (c = clone->FirstNetBuffer; c != NULL; c = c->Next) {
        CHECK_NOT_NULL(NdisGetPoolFromNetBuffer(c));
        CHECK(NdisGetPoolFromNetBuffer(c) != o.nbl_pool);
        CHECK(NdisGetPoolFromNetBuffer(c) != o.nb_pool);
    }
    CHECK_NULL(clone->Context);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(clone), NDIS_PROTOCOL_ID_DEFAULT);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(clone_pool_context_is_inline_block_unused)
{
    struct orig o;
    NET_BUFFER_LIST *clone;
    NDIS_HANDLE nbl_pool;
    unsigned long long base;
    orig_standard(&o);
    /* The original has used context; the clone gets none of it. */
    CHECK_STATUS(NdisAllocateNetBufferListContext(o.nbl, 16, 0, TEST_TAG), NDIS_STATUS_SUCCESS);
    nbl_pool = nbl_pool_make(TRUE, 32, 0, 0);
    base = undis_alloc_outstanding();
    clone = NdisAllocateCloneNetBufferList(o.nbl, nbl_pool, o.nb_pool, 0);
    CHECK_NOT_NULL(clone);
    check_nbl_ok(clone);
    CHECK_NOT_NULL(clone->Context);
    CHECK(clone->Context != o.nbl->Context);
    CHECK_EQ_U32(clone->Context->Size, 32);
    CHECK_EQ_U32(clone->Context->Offset, 32);
    CHECK_NULL(clone->Context->Next);
    CHECK_EQ_U32(clone->Flags & 0x400u, 0);
    NdisFreeCloneNetBufferList(clone, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListContext(o.nbl, 16);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

/* ---- fragments ---------------------------------------------------------- */

TEST(fragment_maximum_length_zero_fails)
{
    struct orig o;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 0, 0, 0, 0));
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 0, 14, 32, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

/* Checks a fragment NBL of the standard original cut at (start, max) with
 * (delta, backfill): the pieces, in order, never across source NBs. */
static void
check_fragments(const struct orig *o,
                const NET_BUFFER_LIST *frag,
                ULONG start,
                ULONG max,
                ULONG delta,
                ULONG backfill)
{
    const NET_BUFFER *f = frag->FirstNetBuffer;
    int i;
    check_nbl_ok(frag);
    for (i = 0; i < o->nnb; i++) {
        const NET_BUFFER *s = o->nb[i];
        ULONG at;
        for (at = start; at < s->DataLength; at += max) {
            ULONG piece = s->DataLength - at < max ? s->DataLength - at : max;
            CHECK_NOT_NULL(f);
            CHECK_EQ_U32(f->DataLength, piece + delta);
            if (delta == 0) {
                CHECK_EQ_U32(f->DataOffset, 0);
                CHECK_EQ_U32(f->CurrentMdlOffset, 0);
                CHECK_PTR_EQ(f->CurrentMdl, f->MdlChain);
                CHECK_EQ_U32(check_partial_mdls(o, f->MdlChain), piece);
            } else {
                /* Retreated: a new head MDL holds backfill + delta bytes,
                 * then the partial MDLs hold exactly the piece. */
                CHECK_EQ_U32(f->DataOffset, backfill);
                CHECK_PTR_EQ(f->CurrentMdl, f->MdlChain);
                CHECK_EQ_U32(f->CurrentMdlOffset, backfill);
                CHECK(!is_orig_mdl(o, f->MdlChain));
                CHECK_EQ_U32(f->MdlChain->ByteCount, backfill + delta);
                CHECK_EQ_U32(check_partial_mdls(o, f->MdlChain->Next), piece);
            }
            check_shares(f, delta, s, at, piece);
            f = f->Next;
        }
    }
    CHECK_NULL(f);
}

TEST(fragment_cuts_each_nb_without_merging)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* 60 / 100 / 90 bytes, past 10: 50 -> 32+18, 90 -> 32+32+26,
     * 80 -> 32+32+16. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 10, 32, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 8);
    CHECK_EQ_U32(frag->FirstNetBuffer->Next->DataLength, 18);
    check_fragments(&o, frag, 10, 32, 0, 0);
    CHECK_NULL(frag->ParentNetBufferList);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_start_offset_skips_short_nbs)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* StartOffset 60: NB0 (60 bytes) has nothing past it; NB1 gives 40 and
     * NB2 30, each a single fragment. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 60, 1000, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 2);
    CHECK_EQ_U32(frag->FirstNetBuffer->DataLength, 40);
    check_shares(frag->FirstNetBuffer, 0, o.nb[1], 60, 40);
    check_shares(frag->FirstNetBuffer->Next, 0, o.nb[2], 60, 30);
    check_nbl_ok(frag);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    /* StartOffset 99: only NB1 has one byte past it. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 99, 1000, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    CHECK_EQ_U32(nb_count(frag), 1);
    CHECK_EQ_U32(frag->FirstNetBuffer->DataLength, 1);
    check_shares(frag->FirstNetBuffer, 0, o.nb[1], 99, 1);
    check_nbl_ok(frag);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_all_sources_too_short_fails)
{
    struct orig o;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* DataLength <= StartOffset for every NB (100 == 100 included). */
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 100, 16, 0, 0, 0));
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 500, 16, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_retreats_by_delta_with_backfill)
{
    struct orig o;
    NET_BUFFER_LIST *frag;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 0, 40, 14, 40, 0);
    CHECK_NOT_NULL(frag);
    /* 60 -> 40+20, 100 -> 40+40+20, 90 -> 40+40+10. */
    CHECK_EQ_U32(nb_count(frag), 8);
    check_fragments(&o, frag, 0, 40, 14, 40);
    NdisFreeFragmentNetBufferList(frag, 14, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* Delta without backfill. */
    frag = NdisAllocateFragmentNetBufferList(o.nbl, NULL, NULL, 5, 64, 8, 0, 0);
    CHECK_NOT_NULL(frag);
    check_fragments(&o, frag, 5, 64, 8, 0);
    NdisFreeFragmentNetBufferList(frag, 8, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(fragment_with_explicit_pools_and_info)
{
    static const int copied[] = { WfpNetBufferListInfo, NblOriginalInterfaceIfIndex };
    struct orig o;
    NET_BUFFER_LIST *frag;
    NDIS_HANDLE nbl_pool, nb_pool;
    NET_BUFFER *f;
    unsigned long long base;
    orig_standard(&o);
    info_fill(o.nbl, 0x20000);
    o.nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x5150;
    nbl_pool = nbl_pool_make(TRUE, 0, 0, 0);
    nb_pool = nb_pool_make(0);
    base = undis_alloc_outstanding();
    frag = NdisAllocateFragmentNetBufferList(o.nbl, nbl_pool, nb_pool, 0, 64, 0, 0, 0);
    CHECK_NOT_NULL(frag);
    check_fragments(&o, frag, 0, 64, 0, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(frag), nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(frag->FirstNetBuffer), nbl_pool);
    for (f = frag->FirstNetBuffer->Next; f != NULL; f = f->Next) {
        CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(f), nb_pool);
    }
    check_info_copied(frag, o.nbl, copied, sizeof(copied) / sizeof(copied[0]), 0);
    CHECK_NULL(frag->ParentNetBufferList);
    CHECK_EQ_INT(frag->ChildRefCount, 0);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

TEST(fragment_nbl_pool_with_data_fails)
{
    struct orig o;
    NDIS_HANDLE nbl_pool;
    unsigned long long base;
    orig_standard(&o);
    nbl_pool = nbl_pool_make(TRUE, 0, 512, 0);
    base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateFragmentNetBufferList(o.nbl, nbl_pool, NULL, 0, 64, 0, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(nbl_pool);
    orig_free(&o);
}

/* ---- reassembly ------------------------------------------------------- */

/* Checks a reassembly of the standard original past `start`. */
static void
check_reassembled(
    const struct orig *o, const NET_BUFFER_LIST *r, ULONG start, ULONG delta, ULONG backfill)
{
    const NET_BUFFER *nb = r->FirstNetBuffer;
    ULONG total = 0, pos = delta;
    int i;
    check_nbl_ok(r);
    CHECK_NOT_NULL(nb);
    CHECK_NULL(nb->Next);
    for (i = 0; i < o->nnb; i++) {
        if (o->nb[i]->DataLength > start) {
            total += o->nb[i]->DataLength - start;
        }
    }
    CHECK_EQ_U32(nb->DataLength, total + delta);
    if (delta == 0) {
        CHECK_EQ_U32(nb->DataOffset, 0);
        CHECK_EQ_U32(check_partial_mdls(o, nb->MdlChain), total);
    } else {
        CHECK_EQ_U32(nb->DataOffset, backfill);
        CHECK_EQ_U32(nb->MdlChain->ByteCount, backfill + delta);
        CHECK(!is_orig_mdl(o, nb->MdlChain));
        CHECK_EQ_U32(check_partial_mdls(o, nb->MdlChain->Next), total);
    }
    for (i = 0; i < o->nnb; i++) {
        const NET_BUFFER *s = o->nb[i];
        if (s->DataLength > start) {
            check_shares(nb, pos, s, start, s->DataLength - start);
            pos += s->DataLength - start;
        }
    }
}

TEST(reassembled_joins_data_past_start_offset)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 10, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 50 + 90 + 80);
    check_reassembled(&o, r, 10, 0, 0);
    CHECK_NULL(r->ParentNetBufferList);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* StartOffset 0: everything. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 0, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 250);
    check_reassembled(&o, r, 0, 0, 0);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_skips_nbs_not_past_start_offset)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    /* NB0 has exactly 60 bytes: skipped. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 60, 0, 0, 0);
    CHECK_NOT_NULL(r);
    CHECK_EQ_U32(r->FirstNetBuffer->DataLength, 40 + 30);
    check_reassembled(&o, r, 60, 0, 0);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    /* None qualifies. */
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, NULL, 100, 0, 0, 0));
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, NULL, 4096, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_retreats_by_delta_with_backfill)
{
    struct orig o;
    NET_BUFFER_LIST *r;
    unsigned long long base;
    orig_standard(&o);
    base = undis_alloc_outstanding();
    r = NdisAllocateReassembledNetBufferList(o.nbl, NULL, 10, 14, 40, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 10, 14, 40);
    NdisFreeReassembledNetBufferList(r, 14, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    orig_free(&o);
}

TEST(reassembled_pool_choice)
{
    static const int copied[] = { WfpNetBufferListInfo, NetBufferListCorrelationId };
    struct orig o;
    NET_BUFFER_LIST *r;
    NDIS_HANDLE with_nb, without_nb, with_data;
    unsigned long long base;
    orig_standard(&o);
    info_fill(o.nbl, 0x30000);
    with_nb = nbl_pool_make(TRUE, 0, 0, NDIS_PROTOCOL_ID_IPX);
    without_nb = nbl_pool_make(FALSE, 0, 0, 0);
    with_data = nbl_pool_make(TRUE, 0, 64, 0);
    base = undis_alloc_outstanding();

    /* A pool with fAllocateNetBuffer is used, NBL and NB. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, with_nb, 0, 0, 0, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 0, 0, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(r), with_nb);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(r->FirstNetBuffer), with_nb);
    check_info_copied(r, o.nbl, copied, sizeof(copied) / sizeof(copied[0]), NDIS_PROTOCOL_ID_IPX);
    NdisFreeReassembledNetBufferList(r, 0, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* One without is replaced by the internal pool. */
    r = NdisAllocateReassembledNetBufferList(o.nbl, without_nb, 0, 6, 10, 0);
    CHECK_NOT_NULL(r);
    check_reassembled(&o, r, 0, 6, 10);
    CHECK_NOT_NULL(NdisGetPoolFromNetBufferList(r));
    CHECK(NdisGetPoolFromNetBufferList(r) != without_nb);
    NdisFreeReassembledNetBufferList(r, 6, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* One with data fails, leaking nothing. */
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, with_data, 0, 0, 0, 0));
    CHECK_NULL(NdisAllocateReassembledNetBufferList(o.nbl, with_data, 0, 8, 8, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    NdisFreeNetBufferListPool(with_data);
    NdisFreeNetBufferListPool(without_nb);
    NdisFreeNetBufferListPool(with_nb);
    orig_free(&o);
}

/* ---- NdisCopySend/ReceiveNetBufferListInfo (spec 6.8, x64 lists) ------- */

#if UNDIS_PTR64
/* The slot numbers the spec gives for x64. */
C_ASSERT(TcpIpChecksumNetBufferListInfo == 0 && IPsecOffloadV1NetBufferListInfo == 1);
C_ASSERT(TcpLargeSendNetBufferListInfo == 2 && ClassificationHandleNetBufferListInfo == 3);
C_ASSERT(Ieee8021QNetBufferListInfo == 4 && NetBufferListCancelId == 5);
C_ASSERT(MediaSpecificInformation == 6 && NetBufferListProtocolId == 7);
C_ASSERT(NetBufferListHashValue == 8 && NetBufferListHashInfo == 9);
C_ASSERT(WfpNetBufferListInfo == 10 && IPsecOffloadV2TunnelNetBufferListInfo == 11);
C_ASSERT(IPsecOffloadV2HeaderNetBufferListInfo == 12 && NetBufferListCorrelationId == 13);
C_ASSERT(NetBufferListFilteringInfo == 14 && NblOriginalInterfaceIfIndex == 16);
C_ASSERT(VirtualSubnetInfo == 20 && TcpRecvSegCoalesceInfo == 22);
C_ASSERT(RscTcpTimestampDelta == 23 && GftOffloadInformation == 24 && GftFlowEntryId == 25);
C_ASSERT(NetBufferListInfoReserved3 == 26 && MaxNetBufferListInfo == 27);

/* Send: 0-6, 8, 11, 12, 14, 20, 22-25, plus WFP (10) and correlation (13). */
static const int send_slots[] = {
    TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListHashValue,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    VirtualSubnetInfo,
    TcpRecvSegCoalesceInfo,
    RscTcpTimestampDelta,
    GftOffloadInformation,
    GftFlowEntryId,
};

/* Receive: 0, 1, 2, 4, 6-9, 11, 12, 14, 16, 20, 22-26, plus 10 and 13
 * (slot 5 only for a loopback source). */
static const int receive_slots[] = {
    TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    TcpReceiveNoPush,
    Ieee8021QNetBufferListInfo,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    NblOriginalInterfaceIfIndex,
    VirtualSubnetInfo,
    TcpRecvSegCoalesceInfo,
    RscTcpTimestampDelta,
    GftOffloadInformation,
    GftFlowEntryId,
    NetBufferListInfoReserved3,
};

/* Two NBLs from pools with the given protocol ids, every slot filled with
 * distinct values (the destination's differ from the source's). */
struct info_pair {
    NDIS_HANDLE src_pool, dst_pool;
    NET_BUFFER_LIST *src, *dst;
    NET_BUFFER_LIST before; /* dst before the copy */
};

static void
pair_make(struct info_pair *p, UCHAR src_protocol_id, ULONG_PTR src_slot7)
{
    p->src_pool = nbl_pool_make(FALSE, 0, 0, src_protocol_id);
    p->dst_pool = nbl_pool_make(FALSE, 0, 0, NDIS_PROTOCOL_ID_NBF);
    p->src = NdisAllocateNetBufferList(p->src_pool, 0, 0);
    p->dst = NdisAllocateNetBufferList(p->dst_pool, 0, 0);
    CHECK_NOT_NULL(p->src);
    CHECK_NOT_NULL(p->dst);
    info_fill(p->src, 0x40000);
    info_fill(p->dst, 0xD0000);
    p->src->NetBufferListInfo[NetBufferListProtocolId] = (PVOID)src_slot7;
    p->src->NblFlags = NDIS_NBL_FLAGS_IS_IPV6 | NDIS_NBL_FLAGS_IS_TCP;
    p->dst->NblFlags = NDIS_NBL_FLAGS_IS_UDP | NDIS_NBL_FLAGS_RECV_READ_ONLY;
    memcpy(&p->before, p->dst, sizeof(p->before));
}

static void
pair_free(struct info_pair *p)
{
    NdisFreeNetBufferList(p->src);
    NdisFreeNetBufferList(p->dst);
    NdisFreeNetBufferListPool(p->src_pool);
    NdisFreeNetBufferListPool(p->dst_pool);
}

/* Every slot of dst: copied ones equal src's, the protocol-id slot (when
 * not copied whole) has its low byte set to `protocol_id` and the rest as
 * before, every other slot as before. */
static void
check_slots(const struct info_pair *p, const int *copied, size_t count, int protocol_id)
{
    int i;
    for (i = 0; i < MaxNetBufferListInfo; i++) {
        if (in_list(i, copied, count)) {
            CHECK_PTR_EQ(p->dst->NetBufferListInfo[i], p->src->NetBufferListInfo[i]);
        } else if (i == NetBufferListProtocolId && protocol_id >= 0) {
            ULONG_PTR was = (ULONG_PTR)p->before.NetBufferListInfo[i];
            ULONG_PTR want = (was & ~(ULONG_PTR)0xFF) | (ULONG_PTR)protocol_id;
            CHECK_EQ_U64((uint64_t)(ULONG_PTR)p->dst->NetBufferListInfo[i], (uint64_t)want);
        } else {
            CHECK_PTR_EQ(p->dst->NetBufferListInfo[i], p->before.NetBufferListInfo[i]);
        }
    }
}

/* The rest of dst is left alone. */
static void
check_rest_untouched(const struct info_pair *p)
{
    CHECK_MEM_EQ(p->dst, &p->before, offsetof(NET_BUFFER_LIST, NblFlags));
    CHECK_EQ_INT(p->dst->ChildRefCount, p->before.ChildRefCount);
    CHECK_EQ_U32(p->dst->Flags, p->before.Flags);
    CHECK_STATUS(p->dst->Status, p->before.Status);
}

#endif /* UNDIS_PTR64 */

TEST(copy_send_info_copies_exactly_the_send_slots)
{
#if UNDIS_PTR64
    struct info_pair p;
    /* Slot 7 of the source: low nibble 5, other bits set too. */
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0xABCDE1F5u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT;
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), 0x05);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags | NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

TEST(copy_send_info_protocol_id_from_pool_when_slot_is_zero)
{
#if UNDIS_PTR64
    struct info_pair p;
    /* Low nibble 0 (other bits set): the source pool's ProtocolId. */
    pair_make(&p, NDIS_PROTOCOL_ID_IPX, (ULONG_PTR)0x12340F30u);
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), NDIS_PROTOCOL_ID_IPX);
    /* The source has no CAPTURE_TIMESTAMP flag: dst's flags stay. */
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags);
    check_rest_untouched(&p);
    pair_free(&p);
    /* Slot 0 and pool 0: the id is 0. */
    pair_make(&p, NDIS_PROTOCOL_ID_DEFAULT, 0);
    NdisCopySendNetBufferListInfo(p.dst, p.src);
    check_slots(&p, send_slots, sizeof(send_slots) / sizeof(send_slots[0]), 0);
    pair_free(&p);
#endif
}

TEST(copy_receive_info_copies_exactly_the_receive_slots)
{
#if UNDIS_PTR64
    struct info_pair p;
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0xABCDE1F5u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT;
    NdisCopyReceiveNetBufferListInfo(p.dst, p.src);
    /* The frame-type slot is copied whole; no cancel id, no flags. */
    check_slots(&p, receive_slots, sizeof(receive_slots) / sizeof(receive_slots[0]), -1);
    CHECK_PTR_EQ(p.dst->NetBufferListInfo[NetBufferListCancelId],
                 p.before.NetBufferListInfo[NetBufferListCancelId]);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

TEST(copy_receive_info_loopback_copies_flag_and_cancel_id)
{
#if UNDIS_PTR64
    static int with_cancel[sizeof(receive_slots) / sizeof(receive_slots[0]) + 1];
    struct info_pair p;
    size_t n = sizeof(receive_slots) / sizeof(receive_slots[0]);
    memcpy(with_cancel, receive_slots, sizeof(receive_slots));
    with_cancel[n] = NetBufferListCancelId;
    pair_make(&p, NDIS_PROTOCOL_ID_TCP_IP, (ULONG_PTR)0x77u);
    p.src->NblFlags |= NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET;
    NdisCopyReceiveNetBufferListInfo(p.dst, p.src);
    check_slots(&p, with_cancel, n + 1, -1);
    CHECK_EQ_U32(p.dst->NblFlags, p.before.NblFlags | NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET);
    check_rest_untouched(&p);
    pair_free(&p);
#endif
}

/* Regression: freeing a derived NBL with several NBs used to leave the freed
 * NBs attached to the NBL, which the verifier (level >= 1) then reported as
 * NBL_FREED_WITH_FOREIGN_NB (and level 2 walked into freed memory). */
TEST(derived_multi_nb_free_is_clean_under_verifier)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NET_BUFFER_POOL_PARAMETERS q;
    static UCHAR buf[200];
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool, nbp;
    NET_BUFFER_LIST *nbl, *clone, *frag;
    NET_BUFFER *nb2;
    PMDL mdl;
    undis_verifier_set_level(2);
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    memset(&q, 0, sizeof(q));
    q.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    nbp = NdisAllocateNetBufferPool(NULL, &q);
    mdl = NdisAllocateMdl(NULL, buf, sizeof(buf));
    CHECK_NOT_NULL(pool);
    CHECK_NOT_NULL(nbp);
    CHECK_NOT_NULL(mdl);
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl, 0, 100);
    nb2 = NdisAllocateNetBuffer(nbp, mdl, 100, 100);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(nb2);
    nbl->FirstNetBuffer->Next = nb2;
    clone = NdisAllocateCloneNetBufferList(nbl, NULL, NULL, 0);
    CHECK_NOT_NULL(clone);
    NdisFreeCloneNetBufferList(clone, 0);
    frag = NdisAllocateFragmentNetBufferList(nbl, NULL, NULL, 0, 40, 14, 0, 0);
    CHECK_NOT_NULL(frag);
    NdisFreeFragmentNetBufferList(frag, 14, 0);
    nbl->FirstNetBuffer->Next = NULL;
    NdisFreeNetBuffer(nb2);
    NdisFreeNetBufferList(nbl);
    NdisFreeMdl(mdl);
    NdisFreeNetBufferListPool(pool);
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_verifier_report_count(), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    undis_verifier_set_level(0);
}

TEST_MAIN_BEGIN
TEST_CASE(derived_multi_nb_free_is_clean_under_verifier)
TEST_CASE(clone_builds_partial_mdls_over_used_bytes)
TEST_CASE(clone_shares_data_with_original)
TEST_CASE(clone_of_nb_without_chain_has_no_chain)
TEST_CASE(clone_of_empty_nb_has_null_chain)
TEST_CASE(clone_use_original_mdls_copies_nb_fields)
TEST_CASE(clone_copies_source_handle_and_three_info_slots)
TEST_CASE(clone_nbl_pool_with_nb_uses_embedded_nb_first)
TEST_CASE(clone_nbl_pool_without_nb_takes_all_nbs_from_nb_pool)
TEST_CASE(clone_nbl_pool_with_data_fails)
TEST_CASE(clone_nb_pool_with_data_fails_for_second_nb)
TEST_CASE(clone_null_pools_use_internal_pools)
TEST_CASE(clone_pool_context_is_inline_block_unused)
TEST_CASE(fragment_maximum_length_zero_fails)
TEST_CASE(fragment_cuts_each_nb_without_merging)
TEST_CASE(fragment_start_offset_skips_short_nbs)
TEST_CASE(fragment_all_sources_too_short_fails)
TEST_CASE(fragment_retreats_by_delta_with_backfill)
TEST_CASE(fragment_with_explicit_pools_and_info)
TEST_CASE(fragment_nbl_pool_with_data_fails)
TEST_CASE(reassembled_joins_data_past_start_offset)
TEST_CASE(reassembled_skips_nbs_not_past_start_offset)
TEST_CASE(reassembled_retreats_by_delta_with_backfill)
TEST_CASE(reassembled_pool_choice)
TEST_CASE(copy_send_info_copies_exactly_the_send_slots)
TEST_CASE(copy_send_info_protocol_id_from_pool_when_slot_is_zero)
TEST_CASE(copy_receive_info_copies_exactly_the_receive_slots)
TEST_CASE(copy_receive_info_loopback_copies_flag_and_cancel_id)
TEST_MAIN_END
