/* SPDX-License-Identifier: MIT */
/*
 * test_verifier_rules_objects.c: the verifier's rules on objects and
 * arguments (issue 5): double frees and use after free, wrong and busy
 * pools, pool parameters, contexts, NdisGetDataBuffer, IRQL, the structure
 * checker, NULL arguments and NBLs not restored. Each test fires its rule
 * through the capturing report function and checks the rule id, the call
 * named, that the offending call changed nothing and the documented
 * verifier-only failure. The data-path rules (advance, retreat, handlers,
 * frees with retreat MDLs, clones) are in test_verifier.c.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include "support/verifier_fixture.h"

/* An MDL freed at level 2 is recorded as freed; when its address comes back
 * from IoAllocateMdl while the verifier is below level 2, the record must
 * go, or freeing the new MDL at level 2 reads as a double free. (The
 * allocator hands the same block back at once; the case checks that it did.) */
TEST(verifier_mdl_reused_below_level2_is_not_a_double_free)
{
    static UCHAR buf[64];
    PMDL first, again = NULL;
    PMDL held[64];
    size_t n = 0;
    begin_case();
    verify_begin(2);
    first = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK(first != NULL);
    IoFreeMdl(first);
    EXPECT_NO_REPORT();
    verify_begin(0);
    while (n < sizeof(held) / sizeof(held[0])) {
        PMDL m = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
        CHECK(m != NULL);
        if (m == first) {
            again = m;
            break;
        }
        held[n++] = m;
    }
    for (size_t i = 0; i < n; i++) {
        IoFreeMdl(held[i]);
    }
    /* glibc hands the block just freed back first; ASan's and valgrind's
     * allocators hold freed blocks back, and there the case checks less. */
#if !defined(__SANITIZE_ADDRESS__)
    if (getenv("LD_PRELOAD") == NULL || strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL) {
        CHECK(again != NULL);
    }
#endif
    if (again != NULL) {
        verify_begin(2);
        IoFreeMdl(again);
        EXPECT_NO_REPORT();
        IoFreeMdl(again); /* and a real double free is still seen */
        CHECK_EQ_INT((int)g_cap.rule, (int)UNDIS_RULE_DOUBLE_FREE);
    }
    verify_end();
}

/* Only level 2 records derived NBLs: clones made at levels 0 and 1 are not
 * held against their parent later; a record made at level 2 goes with its
 * clone even when the clone is freed at level 0, or with
 * NdisFreeNetBufferList; nothing stale stays behind. */
TEST(verifier_parent_tracking_levels)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    /* (The parents' MDLs are allocated at level 2 too, as level 2 tracks
     * IoFreeMdl's double frees.) */
    for (int level = 0; level <= 1; level++) {
        NET_BUFFER_LIST *parent, *clone;
        PMDL mdl;
        verify_begin(2);
        parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK(parent != NULL);
        verify_begin(level);
        clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
        CHECK(clone != NULL);
        verify_begin(2);
        mdl = parent->FirstNetBuffer->MdlChain;
        NdisFreeNetBufferList(parent); /* not recorded: no report */
        EXPECT_NO_REPORT();
        NdisFreeCloneNetBufferList(clone, 0);
        IoFreeMdl(mdl);
        verify_end();
    }
    for (int way = 0; way < 2; way++) {
        NET_BUFFER_LIST *parent, *clone;
        verify_begin(2);
        parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK(parent != NULL);
        clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL,
                                               way == 0 ? 0 : NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
        CHECK(clone != NULL);
        if (way == 0) {
            verify_begin(0);
            NdisFreeCloneNetBufferList(clone, 0);
        } else {
            /* The wrong free, but it has nothing else to free here. */
            NdisFreeNetBufferList(clone);
        }
        verify_begin(2);
        IoFreeMdl(parent->FirstNetBuffer->MdlChain);
        NdisFreeNetBufferList(parent);
        EXPECT_NO_REPORT();
        verify_end();
    }
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_nbl_freed_with_foreign_nb)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nbp, NULL, 0, 0);
    NET_BUFFER_LIST lb;
    unsigned long long out;
    CHECK(nbl != NULL && nb != NULL);
    nbl->FirstNetBuffer = nb;
    memcpy(&lb, nbl, sizeof(lb));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NBL_FREED_WITH_FOREIGN_NB, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nb, nb);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    nbl->FirstNetBuffer = NULL;
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_double_free)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl, *other;
    unsigned long long out;
    verify_begin(2);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL);
    NdisFreeNetBufferList(nbl);
    out = undis_alloc_outstanding();
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.object, nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* Not put back twice: the next two allocations are different objects. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    other = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL && other != NULL && nbl != other);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferList(other);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 sees a double free too (the object's state word), and for NBs. */
TEST(verifier_rule_double_free_nb_level1)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK(nb != NULL);
    verify_begin(1);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBuffer(nb);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBuffer");
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_use_after_free)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *victim;
    verify_begin(2);
    victim = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(victim != NULL);
    NdisFreeNetBufferList(victim);
    CHECK_EQ_U32(victim->Flags, 0xDFDFDFDFu); /* poisoned */
    victim->Status = NDIS_STATUS_SUCCESS;     /* the bug: a write after free */
    EXPECT_NO_REPORT();
    /* The quarantine holds 256 objects: 256 more frees push the victim out. */
    for (int i = 0; i < 256; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        CHECK(nbl != NULL && nbl != victim);
        NdisFreeNetBufferList(nbl);
    }
    EXPECT_REPORT(USE_AFTER_FREE, "(quarantine)");
    CHECK_PTR_EQ(g_cap.object, victim);
    CHECK(strstr(g_cap.reason, "written after it was freed") != NULL);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* An NB from an NB pool given to NdisFreeNetBufferList, and an NB pool
 * handle given to NdisAllocateNetBufferList. */
TEST(verifier_rule_wrong_pool)
{
    begin_case();
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nbp, NULL, 0, 0);
    NET_BUFFER before;
    unsigned long long out;
    CHECK(nb != NULL);
    memcpy(&before, nb, sizeof(before));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList((NET_BUFFER_LIST *)(void *)nb);
    EXPECT_REPORT(WRONG_POOL, "NdisFreeNetBufferList");
    CHECK_MEM_EQ(nb, &before, sizeof(before));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    NdisFreeNetBuffer(nb); /* still live: the right free works */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_wrong_pool_alloc_from_nb_pool)
{
    begin_case();
    NDIS_HANDLE nbp = nb_pool(0);
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(nbp, 0, 0));
    EXPECT_REPORT(WRONG_POOL, "NdisAllocateNetBufferList");
    CHECK_PTR_EQ(g_cap.object, nbp);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_pool_freed_with_objects)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *a = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *b = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *c;
    char pa[32], pb[32];
    unsigned long long out;
    CHECK(a != NULL && b != NULL);
    snprintf(pa, sizeof(pa), "%p", (void *)a);
    snprintf(pb, sizeof(pb), "%p", (void *)b);
    out = undis_alloc_outstanding();
    verify_begin(2);
    NdisFreeNetBufferListPool(pool);
    EXPECT_REPORT(POOL_FREED_WITH_OBJECTS, "NdisFreeNetBufferListPool");
    CHECK_PTR_EQ(g_cap.object, pool);
    CHECK(strstr(g_cap.reason, "2 object(s) still out") != NULL);
    CHECK(strstr(g_cap.reason, pa) != NULL);
    CHECK(strstr(g_cap.reason, pb) != NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* The pool was not freed: it still hands out NBLs. */
    c = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(c != NULL);
    NdisFreeNetBufferList(a);
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferList(c);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_bad_pool_parameters)
{
    begin_case();
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NET_BUFFER_POOL_PARAMETERS q;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 - 1;
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferListPool(NULL, &p));
    EXPECT_REPORT(BAD_POOL_PARAMETERS, "NdisAllocateNetBufferListPool");
    CHECK_PTR_EQ(g_cap.object, &p);
    memset(&q, 0, sizeof(q));
    q.Header.Type = 0;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    CHECK_NULL(NdisAllocateNetBufferPool(NULL, &q));
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_BAD_POOL_PARAMETERS), 2);
    verify_end();
}

TEST(verifier_rule_context_size)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NET_BUFFER_LIST *nbl;
    NET_BUFFER_LIST lb;
    unsigned long long out = undis_alloc_outstanding();
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 12, 0));
    EXPECT_REPORT(CONTEXT_SIZE, "NdisAllocateNetBufferList");
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* NdisAllocateNetBufferListContext: Windows' own status, now named. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 4, 0), NDIS_STATUS_INVALID_DATA);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_CONTEXT_SIZE), 2);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    NdisFreeNetBufferList(nbl);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_context_underflow)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(16, FALSE, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 8, 0);
    NET_BUFFER_LIST lb;
    NET_BUFFER_LIST_CONTEXT cb;
    CHECK(nbl != NULL && nbl->Context != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    memcpy(&cb, nbl->Context, sizeof(cb));
    verify_begin(1);
    NdisFreeNetBufferListContext(nbl, 16); /* 8 in use */
    EXPECT_REPORT(CONTEXT_UNDERFLOW, "NdisFreeNetBufferListContext");
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_PTR_EQ(nbl->Context->Next, cb.Next);
    CHECK_EQ_U32(nbl->Context->Size, cb.Size);
    CHECK_EQ_U32(nbl->Context->Offset, cb.Offset);
    NdisFreeNetBufferListContext(nbl, 8);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_get_data_beyond_length)
{
    begin_case();
    NET_BUFFER nb, before;
    UCHAR storage[128];
    nb_one(&nb, 100, 10, 60);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 61, storage, 1, 0));
    EXPECT_REPORT(GET_DATA_BEYOND_LENGTH, "NdisGetDataBuffer");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK(NdisGetDataBuffer(&nb, 60, storage, 1, 0) != NULL); /* within: fine */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_irql_too_high)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_SPIN_LOCK lock;
    KIRQL old;
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    /* DISPATCH_LEVEL (a spin lock held) is allowed. */
    NdisAllocateSpinLock(&lock);
    NdisAcquireSpinLock(&lock);
    CHECK_EQ_INT(NDIS_CURRENT_IRQL(), DISPATCH_LEVEL);
    NdisAdvanceNetBufferDataStart(&nb, 10, FALSE, NULL);
    NdisReleaseSpinLock(&lock);
    NdisFreeSpinLock(&lock);
    EXPECT_NO_REPORT();
    NdisRetreatNetBufferDataStart(&nb, 10, 0, NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    /* Above it, not. */
    KeRaiseIrql(HIGH_LEVEL, &old);
    NdisAdvanceNetBufferDataStart(&nb, 10, FALSE, NULL);
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "NdisAdvanceNetBufferDataStart");
    CHECK(strstr(g_cap.reason, "IRQL 15") != NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nb_structure)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 100, 10, 60);
    nb.CurrentMdlOffset = 0; /* should be 10 */
    CHECK(undis_nb_check(&nb, NULL, 0) != UNDIS_CHECK_OK);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(2);
    NdisAdvanceNetBufferDataStart(&nb, 4, FALSE, NULL);
    EXPECT_REPORT(NB_STRUCTURE, "NdisAdvanceNetBufferDataStart");
    CHECK(g_cap.reason[0] != '\0');
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_null_argument)
{
    begin_case();
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(NULL, 0, 0));
    EXPECT_REPORT(NULL_ARGUMENT, "NdisAllocateNetBufferList");
    NdisAdvanceNetBufferDataStart(NULL, 4, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_NULL_ARGUMENT), 2);
    verify_end();
}

TEST(verifier_rule_get_data_bad_alignment)
{
    NET_BUFFER nb, before;
    UCHAR storage[16];
    begin_case();
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, storage, 3, 0)); /* AlignMultiple not 2^n */
    EXPECT_REPORT(GET_DATA_BAD_ALIGNMENT, "NdisGetDataBuffer");
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, storage, 4, 4)); /* AlignOffset not below it */
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BAD_ALIGNMENT), 2);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nbl_not_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(0); /* explicit calls: any level */
    snap = undis_nbl_snapshot(nbl);
    CHECK(snap != NULL);
    /* Code under test advances past the Ethernet header and hands it back. */
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 14, FALSE, NULL);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 0);
    EXPECT_REPORT(NBL_NOT_RESTORED, "undis_nbl_expect_restored");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK(strstr(g_cap.reason, "DataOffset/DataLength 34/66, recorded 20/80") != NULL);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0); /* the snapshot was freed */
}

TEST(verifier_irql_checked_on_allocating_entry_points)
{
    static UCHAR buf[64];
    NET_BUFFER_POOL_PARAMETERS q;
    KIRQL old;
    unsigned long long out;
    begin_case();
    memset(&q, 0, sizeof(q));
    q.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    out = undis_alloc_outstanding();
    verify_begin(1);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_NULL(NdisAllocateNetBufferPool(NULL, &q));
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "NdisAllocateNetBufferPool");
    verify_begin(1);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_NULL(IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL));
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "IoAllocateMdl");
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
}

/* Level 2 names a second IoFreeMdl of the same MDL (and does not free it
 * again); the address may be reused by a later IoAllocateMdl. */
TEST(verifier_rule_double_free_mdl)
{
    static UCHAR buf[64];
    PMDL mdl;
    begin_case();
    verify_begin(2);
    mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK_NOT_NULL(mdl);
    IoFreeMdl(mdl);
    EXPECT_NO_REPORT();
    IoFreeMdl(mdl);
    EXPECT_REPORT(DOUBLE_FREE, "IoFreeMdl");
    CHECK_PTR_EQ(g_cap.object, mdl);
    verify_end();
}

/* Level 2: an NBL used after its free is named at the entry point (here a
 * context allocation), from the poison the quarantine left in it. */
TEST(verifier_use_after_free_of_nbl_at_entry_point)
{
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    begin_case();
    pool = nbl_pool(0, TRUE, 0);
    verify_begin(2);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferList(nbl);
    EXPECT_NO_REPORT();
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, 0), NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(USE_AFTER_FREE, "NdisAllocateNetBufferListContext");
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* Level 3: a pool freed with an NBL still out lists it with its history. */
TEST(verifier_pool_freed_with_objects_lists_history)
{
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    begin_case();
    pool = nbl_pool(0, TRUE, 0);
    verify_begin(3);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferListPool(pool);
    EXPECT_REPORT(POOL_FREED_WITH_OBJECTS, "NdisFreeNetBufferListPool");
    CHECK(strstr(g_cap.reason, "NdisAllocateNetBufferList") != NULL);
    verify_end();
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST_MAIN_BEGIN
TEST_CASE(verifier_use_after_free_of_nbl_at_entry_point)
TEST_CASE(verifier_pool_freed_with_objects_lists_history)
TEST_CASE(verifier_irql_checked_on_allocating_entry_points)
TEST_CASE(verifier_rule_double_free_mdl)
TEST_CASE(verifier_parent_tracking_levels)
TEST_CASE(verifier_mdl_reused_below_level2_is_not_a_double_free)
TEST_CASE(verifier_rule_nbl_freed_with_foreign_nb)
TEST_CASE(verifier_rule_double_free)
TEST_CASE(verifier_rule_double_free_nb_level1)
TEST_CASE(verifier_rule_use_after_free)
TEST_CASE(verifier_rule_wrong_pool)
TEST_CASE(verifier_rule_wrong_pool_alloc_from_nb_pool)
TEST_CASE(verifier_rule_pool_freed_with_objects)
TEST_CASE(verifier_rule_bad_pool_parameters)
TEST_CASE(verifier_rule_context_size)
TEST_CASE(verifier_rule_context_underflow)
TEST_CASE(verifier_rule_get_data_beyond_length)
TEST_CASE(verifier_rule_irql_too_high)
TEST_CASE(verifier_rule_nb_structure)
TEST_CASE(verifier_rule_null_argument)
TEST_CASE(verifier_rule_get_data_bad_alignment)
TEST_CASE(verifier_rule_nbl_not_restored)
TEST_MAIN_END
