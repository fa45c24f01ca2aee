/* SPDX-License-Identifier: MIT */
/*
 * test_verifier.c: the verifier (<undis/verifier.h>, issue 5). For every
 * rule a test named verifier_rule_<rule> fires it through a capturing
 * report function and checks the rule id, the call named, that the
 * offending call changed nothing (the NET_BUFFER / NBL bytes and the
 * outstanding objects are as before) and that it returned the documented
 * verifier-only failure. Then one test per level (what the level adds; at
 * level 0 the results are exactly Windows'), the UNDIS_VERIFIER variable,
 * the snapshot API, the quarantine, and the UNDIS_FAULTS schedule
 * (src/verifier/fault_env.c).
 *
 * Here the data-path rules; the rules on objects and arguments are in
 * test_verifier_rules_objects.c, the snapshots, levels and quarantine in
 * test_verifier_levels.c, UNDIS_FAULTS in test_verifier_faults_env.c.
 *
 * The level and the report function are process-wide: every test sets them
 * with verify_begin() and puts level 0 and the default back with
 * verify_end() (tests/support/verifier_fixture.h).
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

/* ------------------------------------------------------------------ */
/* One test per rule                                                  */
/* ------------------------------------------------------------------ */

TEST(verifier_rule_advance_past_data)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 100, 20, 80);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    NdisAdvanceNetBufferDataStart(&nb, 81, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_PAST_DATA, "NdisAdvanceNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.nb, &nb);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK(strstr(g_cap.reason, "81") != NULL && strstr(g_cap.reason, "80") != NULL);
    verify_end();
    nb_free_mdls(&nb);
}

/* The NBL form checks every NB before it changes any: the second NB's
 * violation leaves the first untouched. */
TEST(verifier_rule_advance_past_data_nbl_checks_every_nb_first)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *second;
    NET_BUFFER b0, b1;
    unsigned long long out;
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 0, 100);
    second = NdisAllocateNetBuffer(nbp, mdl_over(g_arena, 10), 0, 10);
    CHECK(nbl != NULL && second != NULL);
    nbl->FirstNetBuffer->Next = second;
    memcpy(&b0, nbl->FirstNetBuffer, sizeof(b0));
    memcpy(&b1, second, sizeof(b1));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisAdvanceNetBufferListDataStart(nbl, 20, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_PAST_DATA, "NdisAdvanceNetBufferListDataStart");
    CHECK_PTR_EQ(g_cap.nb, second);
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl->FirstNetBuffer, &b0, sizeof(b0));
    CHECK_MEM_EQ(second, &b1, sizeof(b1));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    verify_end();
    nbl->FirstNetBuffer->Next = NULL;
    IoFreeMdl(second->MdlChain);
    NdisFreeNetBuffer(second);
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferPool(nbp);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 does not walk the chain, so a NET_BUFFER whose numbers claim
 * almost 4 GiB can be used to show the arithmetic rules. */
TEST(verifier_rule_retreat_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl_over(g_arena, 16);
    nb.CurrentMdl = nb.MdlChain;
    nb.DataOffset = 16;
    nb.CurrentMdlOffset = 16;
    nb.DataLength = 0xFFFFFFF8u;
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 0, drv_alloc);
    CHECK_STATUS(st, NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(RETREAT_WRAP, "NdisRetreatNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_allocs, 0);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_retreat_size_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 0xFFFFFFF8u, drv_alloc);
    CHECK_STATUS(st, NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(RETREAT_SIZE_WRAP, "NdisRetreatNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_allocs, 0); /* the handler was never asked */
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_advance_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl_over(g_arena, 16);
    nb.DataOffset = 0xFFFFFFF0u;
    nb.DataLength = 0x100;
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    NdisAdvanceNetBufferDataStart(&nb, 0x20, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_WRAP, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_handler_size_too_small)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 8, drv_alloc_small);
    CHECK_STATUS(st, NDIS_STATUS_FAILURE);
    EXPECT_REPORT(HANDLER_SIZE_TOO_SMALL, "NdisRetreatNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, g_last);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    drv_free(g_last); /* the MDL is the handler's: undis cannot know its free */
    nb_free_mdls(&nb);
}

TEST(verifier_rule_handler_bytecount_mismatch)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 8, drv_alloc_mismatch);
    CHECK_STATUS(st, NDIS_STATUS_FAILURE);
    EXPECT_REPORT(HANDLER_BYTECOUNT_MISMATCH, "NdisRetreatNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, g_last);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    drv_free(g_last);
    nb_free_mdls(&nb);
}

TEST(verifier_rule_free_mdl_not_retreat_allocated)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_two(&nb);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(2);
    /* The classic bug: FreeMdl TRUE over the driver's own header MDL. */
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    EXPECT_REPORT(FREE_MDL_NOT_RETREAT_ALLOCATED, "NdisAdvanceNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, before.MdlChain);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_frees, 0);
    verify_end();
    nb_free_mdls(&nb);
}

/* The default allocated it; a driver's NetFreeMdl would free it. */
TEST(verifier_rule_free_mdl_wrong_handler)
{
    begin_case();
    NET_BUFFER nb, before;
    unsigned long long out;
    nb_one(&nb, 64, 0, 64);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, NULL), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    out = undis_alloc_outstanding();
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK(strstr(g_cap.reason, "the default NetAllocateMdl") != NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    CHECK_EQ_U32(g_frees, 0);
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, NULL); /* the right way */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_OK);
    nb_free_mdls(&nb);
}

/* A driver's handler allocated it; the default free (NULL) would get it.
 * Without the verifier this aborts with DEFAULT_FREE_FOREIGN_MDL. */
TEST(verifier_rule_free_mdl_wrong_handler_driver_mdl_to_default)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 64, 0, 64);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, drv_alloc), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, NULL);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    verify_end();
    nb_free_mdls(&nb);
}

/* Handler A's MDL freed by handler B, once the pair A/free-A is known. */
TEST(verifier_rule_free_mdl_wrong_handler_other_driver)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 64, 0, 64);
    NET_BUFFER_LIST nbl;
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &nb;
    verify_begin(2);
    /* An NBL-level retreat names both handlers: the verifier learns the pair. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 32, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferListDataStart(&nbl, 32, TRUE, drv_free);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, drv_alloc), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, other_free);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 2);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nbl_retreat_one_null_handler)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    CHECK(nbl != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    memcpy(&nbb, nbl->FirstNetBuffer, sizeof(nbb));
    verify_begin(1);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 80, 0, drv_alloc, NULL),
                 NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(NBL_RETREAT_ONE_NULL_HANDLER, "NdisRetreatNetBufferListDataStart");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_MEM_EQ(nbl->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U32(g_allocs, 0);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_nb_freed_with_retreat_mdls)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER before;
    PMDL mdl;
    unsigned long long out;
    CHECK(nb != NULL);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 16, 0, NULL), NDIS_STATUS_SUCCESS);
    memcpy(&before, nb, sizeof(before));
    out = undis_alloc_outstanding();
    NdisFreeNetBuffer(nb);
    EXPECT_REPORT(NB_FREED_WITH_RETREAT_MDLS, "NdisFreeNetBuffer");
    CHECK_MEM_EQ(nb, &before, sizeof(before));
    CHECK_EQ_U64(undis_alloc_outstanding(), out); /* not freed */
    /* Still live: advance with FreeMdl, then the free goes through. */
    NdisAdvanceNetBufferDataStart(nb, 16, TRUE, NULL);
    mdl = nb->MdlChain;
    NdisFreeNetBuffer(nb);
    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* The same through NdisFreeNetBufferList (the NBL's own NB). */
TEST(verifier_rule_nb_freed_with_retreat_mdls_via_nbl)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST lb;
    PMDL mdl;
    CHECK(nbl != NULL);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 16, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    memcpy(&lb, nbl, sizeof(lb));
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NB_FREED_WITH_RETREAT_MDLS, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nb, nbl->FirstNetBuffer);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    NdisAdvanceNetBufferListDataStart(nbl, 16, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    mdl = nbl->FirstNetBuffer->MdlChain;
    NdisFreeNetBufferList(nbl);
    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_nbl_freed_with_context)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST lb;
    unsigned long long out;
    CHECK(nbl != NULL);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, 0x54534554), NDIS_STATUS_SUCCESS);
    memcpy(&lb, nbl, sizeof(lb));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NBL_FREED_WITH_CONTEXT, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    NdisFreeNetBufferListContext(nbl, 16);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_nbl_freed_with_children)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *parent =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST *clone;
    NET_BUFFER_LIST lb;
    CHECK(parent != NULL);
    clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
    CHECK(clone != NULL);
    clone->ParentNetBufferList = parent; /* the driver's bookkeeping */
    parent->ChildRefCount++;
    memcpy(&lb, parent, sizeof(lb));
    verify_begin(1);
    NdisFreeNetBufferList(parent);
    EXPECT_REPORT(NBL_FREED_WITH_CHILDREN, "NdisFreeNetBufferList");
    CHECK_MEM_EQ(parent, &lb, sizeof(lb));
    NdisFreeCloneNetBufferList(clone, 0);
    parent->ChildRefCount--;
    IoFreeMdl(parent->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(parent);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* Level 2 keeps its own record of the clones and fragments made from each
 * NBL, so a parent freed before them is named even when the driver keeps
 * no ChildRefCount. The free does nothing; the report counts them. */
TEST(verifier_rule_parent_freed_with_clones)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *parent, *clone, *frag;
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    unsigned long long out;
    verify_begin(2);
    parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    CHECK(parent != NULL);
    clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
    frag = NdisAllocateFragmentNetBufferList(parent, NULL, NULL, 0, 16, 0, 0, 0);
    CHECK(clone != NULL && frag != NULL);
    memcpy(&lb, parent, sizeof(lb));
    memcpy(&nbb, parent->FirstNetBuffer, sizeof(nbb));
    out = undis_alloc_outstanding();
    NdisFreeNetBufferList(parent);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, parent);
    CHECK_PTR_EQ(g_cap.object, parent);
    CHECK(strstr(g_cap.reason, "2 NBL(s) made from it still live (1 clone(s), 1 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(parent, &lb, sizeof(lb));
    CHECK_MEM_EQ(parent->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* Freed in the right order: no further report. */
    NdisFreeCloneNetBufferList(clone, 0);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    IoFreeMdl(parent->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(parent);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* A parent that is itself a clone or a fragment: its own free
 * (NdisFreeCloneNetBufferList, NdisFreeFragmentNetBufferList) is refused
 * while NBLs made from it live. */
TEST(verifier_rule_parent_freed_with_clones_derived_parent)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *root, *c1, *c2, *f1, *f2, *c3;
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    unsigned long long out;
    verify_begin(2);
    root = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 200), 0, 200);
    CHECK(root != NULL);
    c1 = NdisAllocateCloneNetBufferList(root, NULL, NULL, 0);
    CHECK(c1 != NULL);
    c2 = NdisAllocateCloneNetBufferList(c1, NULL, NULL, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    f1 = NdisAllocateFragmentNetBufferList(root, NULL, NULL, 0, 100, 14, 0, 0);
    CHECK(c2 != NULL && f1 != NULL);
    f2 = NdisAllocateFragmentNetBufferList(f1, NULL, NULL, 14, 30, 0, 0, 0);
    c3 = NdisAllocateCloneNetBufferList(f1, NULL, NULL, 0);
    CHECK(f2 != NULL && c3 != NULL);

    memcpy(&lb, c1, sizeof(lb));
    memcpy(&nbb, c1->FirstNetBuffer, sizeof(nbb));
    out = undis_alloc_outstanding();
    NdisFreeCloneNetBufferList(c1, 0);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeCloneNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, c1);
    CHECK(strstr(g_cap.reason, "1 NBL(s) made from it still live (1 clone(s), 0 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(c1, &lb, sizeof(lb));
    CHECK_MEM_EQ(c1->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);

    verify_begin(2);
    memcpy(&lb, f1, sizeof(lb));
    memcpy(&nbb, f1->FirstNetBuffer, sizeof(nbb));
    NdisFreeFragmentNetBufferList(f1, 14, 0);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeFragmentNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, f1);
    CHECK(strstr(g_cap.reason, "2 NBL(s) made from it still live (1 clone(s), 1 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(f1, &lb, sizeof(lb));
    CHECK_MEM_EQ(f1->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);

    verify_begin(2);
    NdisFreeNetBufferList(root);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeNetBufferList");
    CHECK(strstr(g_cap.reason, "(1 clone(s), 1 fragment(s))") != NULL);

    verify_begin(2);
    NdisFreeCloneNetBufferList(c2, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    NdisFreeCloneNetBufferList(c1, 0);
    NdisFreeFragmentNetBufferList(f2, 0, 0);
    NdisFreeCloneNetBufferList(c3, 0);
    NdisFreeFragmentNetBufferList(f1, 14, 0);
    IoFreeMdl(root->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(root);
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Every rule id has a test above (and a name and a rationale). */
TEST(verifier_every_rule_is_named)
{
    begin_case();
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        const char *name = undis_rule_name((undis_rule)i);
        const char *why = undis_rule_rationale((undis_rule)i);
        if (name == NULL || why == NULL) {
            printf("rule %d has no entry in the name table (src/base/rules.c g_rules)\n", i);
        }
        CHECK(name != NULL && why != NULL);
        CHECK(strcmp(name, "UNKNOWN") != 0);
        CHECK(why[0] != '\0');
    }
    CHECK_STR_EQ(undis_rule_name(UNDIS_RULE_COUNT), "UNKNOWN");
    /* The verifier's rules (the data path's recoverable ones; the table has
     * the kernel's too, pinned by test_report): a new one needs a test that
     * fires it (test_verifier*.c) and a line in docs/verifier.md. */
    int verifier_rules = 0;
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        verifier_rules += undis_rule_domain((undis_rule)i) == UNDIS_DOMAIN_DATAPATH &&
                          undis_rule_severity((undis_rule)i) == UNDIS_SEVERITY_ERROR;
    }
    CHECK_EQ_INT(verifier_rules, 27);
}

TEST_MAIN_BEGIN
TEST_CASE(verifier_rule_advance_past_data)
TEST_CASE(verifier_rule_advance_past_data_nbl_checks_every_nb_first)
TEST_CASE(verifier_rule_retreat_wrap)
TEST_CASE(verifier_rule_retreat_size_wrap)
TEST_CASE(verifier_rule_advance_wrap)
TEST_CASE(verifier_rule_handler_size_too_small)
TEST_CASE(verifier_rule_handler_bytecount_mismatch)
TEST_CASE(verifier_rule_free_mdl_not_retreat_allocated)
TEST_CASE(verifier_rule_free_mdl_wrong_handler)
TEST_CASE(verifier_rule_free_mdl_wrong_handler_driver_mdl_to_default)
TEST_CASE(verifier_rule_free_mdl_wrong_handler_other_driver)
TEST_CASE(verifier_rule_nbl_retreat_one_null_handler)
TEST_CASE(verifier_rule_nb_freed_with_retreat_mdls)
TEST_CASE(verifier_rule_nb_freed_with_retreat_mdls_via_nbl)
TEST_CASE(verifier_rule_nbl_freed_with_context)
TEST_CASE(verifier_rule_nbl_freed_with_children)
TEST_CASE(verifier_rule_parent_freed_with_clones)
TEST_CASE(verifier_rule_parent_freed_with_clones_derived_parent)
TEST_CASE(verifier_every_rule_is_named)
TEST_MAIN_END
