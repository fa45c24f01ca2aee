/*
 * test_derived.c - NET_BUFFER_LISTs derived from another one without copying
 * its data (spec 6.7): clones (with and without
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS). Fragments and reassemblies:
 * test_derived_fragments.c; the out-of-band info copies of spec 6.8:
 * test_derived_info.c; the original NBL: tests/support/derived_orig.h.
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

#include "support/derived_orig.h"

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

TEST_MAIN_BEGIN
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
TEST_MAIN_END
