/* SPDX-License-Identifier: MIT */
/*
 * test_verifier_levels.c: the verifier's snapshot API, one test per level
 * (what the level adds; at level 0 the results are exactly Windows'), the
 * UNDIS_VERIFIER variable, and the quarantine of data-pool objects.
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
/* Snapshots                                                          */
/* ------------------------------------------------------------------ */

TEST(verifier_snapshot_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(2);
    snap = undis_nbl_snapshot(nbl);
    CHECK(snap != NULL);
    /* A filter pushes a tag with its own allocator and pops it again. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 64, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferListDataStart(nbl, 64, TRUE, drv_free);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 1);
    EXPECT_NO_REPORT();
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* A retreat that allocated an MDL and was undone without FreeMdl leaves
 * the chain longer: not restored. */
TEST(verifier_snapshot_extra_mdl_not_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(1);
    snap = undis_nbl_snapshot(nbl);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nbl->FirstNetBuffer, 64, 0, drv_alloc),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 64, FALSE, NULL);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 0);
    EXPECT_REPORT(NBL_NOT_RESTORED, "undis_nbl_expect_restored");
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 0, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

/* ------------------------------------------------------------------ */
/* Levels                                                             */
/* ------------------------------------------------------------------ */

/* Level 0: Windows exactly, including what Windows does not check. */
TEST(verifier_level0_is_windows)
{
    begin_case();
    NET_BUFFER nb;
    UCHAR storage[128];
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    PMDL payload;
    verify_begin(0);
    /* Advance past DataLength: DataLength wraps. */
    nb_one(&nb, 100, 0, 100);
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    CHECK_EQ_U32(nb.DataOffset, 101);
    CHECK_EQ_U32(nb.DataLength, 0xFFFFFFFFu);
#if UNDIS_DEBUG >= 2
    /* Debug level 2 (a build setting, not the verifier): the structure
     * checker after the call names the wrap. */
    EXPECT_REPORT(NB_STRUCTURE, "NdisAdvanceNetBufferDataStart");
    memset(&g_cap, 0, sizeof(g_cap));
    undis_verifier_reset_counts();
#endif
    nb_free_mdls(&nb);
    /* FreeMdl TRUE frees the driver's own header MDL, silently. */
    nb_two(&nb);
    payload = nb.MdlChain->Next;
    IoFreeMdl(nb.MdlChain);
    nb.MdlChain = drv_mdl(14); /* the same, allocated as drv_free expects */
    nb.MdlChain->Next = payload;
    NdisAdjustNetBufferCurrentMdl(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    CHECK_PTR_EQ(nb.MdlChain, payload);
    CHECK_EQ_U32(nb.DataOffset, 0);
    CHECK_EQ_U32(nb.DataLength, 100);
    /* NdisGetDataBuffer beyond DataLength: NULL. */
    CHECK_NULL(NdisGetDataBuffer(&nb, 101, storage, 1, 0));
    nb_free_mdls(&nb);
    /* Bad pool parameters: NULL. */
    memset(&p, 0, sizeof(p));
    CHECK_NULL(NdisAllocateNetBufferListPool(NULL, &p));
    /* NBL retreat with one NULL handler: Windows' own INVALID_PARAMETER. */
    {
        NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
        NET_BUFFER_LIST *nbl =
            NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 80, 0, NULL, drv_free),
                     NDIS_STATUS_INVALID_PARAMETER);
        IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
        NdisFreeNetBufferList(nbl);
        NdisFreeNetBufferListPool(pool);
    }
    EXPECT_NO_REPORT();
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 adds the contract checks; no tracking (the driver's MDL is still
 * freed by FreeMdl, a freed NBL is reused at once, no poison). */
TEST(verifier_level1_contract_checks)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *a, *b;
    PMDL payload;
    UCHAR storage[128];
    verify_begin(1);
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_ADVANCE_PAST_DATA), 1);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_NULL(NdisGetDataBuffer(&nb, 101, storage, 1, 0));
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BEYOND_LENGTH), 1);
    nb_free_mdls(&nb);
    /* No ledger at level 1: FreeMdl over the driver's MDL goes through. */
    nb_two(&nb);
    payload = nb.MdlChain->Next;
    IoFreeMdl(nb.MdlChain);
    nb.MdlChain = drv_mdl(14);
    nb.MdlChain->Next = payload;
    NdisAdjustNetBufferCurrentMdl(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    nb_free_mdls(&nb);
    /* No quarantine: the freed NBL is the next one handed out. */
    pool = nbl_pool(0, TRUE, 0);
    a = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(a);
    b = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_PTR_EQ(a, b);
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_verifier_report_count(), 2);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 2 adds the structure checker, the retreat ledger and the
 * quarantine; reports carry no history yet. */
TEST(verifier_level2_tracking)
{
    begin_case();
    NET_BUFFER nb;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *a, *b;
    verify_begin(2);
    nb_two(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_FREE_MDL_NOT_RETREAT_ALLOCATED), 1);
    CHECK_STR_EQ(g_cap.history, "");
    nb.CurrentMdlOffset = 3;
    NdisAdvanceNetBufferDataStart(&nb, 1, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_NB_STRUCTURE), 1);
    nb_free_mdls(&nb);
    pool = nbl_pool(0, TRUE, 0);
    a = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(a);
    CHECK_EQ_U32(a->Flags, 0xDFDFDFDFu); /* poisoned */
    b = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(a != b); /* held in the quarantine */
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferListPool(pool); /* purges the quarantine, no report */
    CHECK_EQ_U64(undis_verifier_report_count(), 2);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 3 adds the object's recent events to each report. */
TEST(verifier_level3_history)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl;
    verify_begin(3);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBufferList");
    CHECK_STR_EQ(g_cap.history, "NdisAllocateNetBufferList -> NdisFreeNetBufferList");
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* The level set from UNDIS_VERIFIER at start-up (CTest runs this case
 * once without the variable, where the level must be 0, and once with
 * UNDIS_VERIFIER=2: tests/verifier_death/CMakeLists.txt). */
TEST(verifier_level_from_environment)
{
    const char *env = getenv("UNDIS_VERIFIER");
    int expected = env != NULL && env[0] >= '0' && env[0] <= '9' ? env[0] - '0' : 0;
    expected = expected > 3 ? 3 : expected;
    CHECK_EQ_INT(undis_verifier_level(), expected);
    (void)undis_verifier_set_level(0);
}

TEST(verifier_set_level_clamps_and_returns_previous)
{
    begin_case();
    CHECK_EQ_INT(undis_verifier_set_level(7), 0);
    CHECK_EQ_INT(undis_verifier_level(), 3);
    CHECK_EQ_INT(undis_verifier_set_level(-1), 3);
    CHECK_EQ_INT(undis_verifier_level(), 0);
}

/* ------------------------------------------------------------------ */
/* The quarantine and data pools                                      */
/* ------------------------------------------------------------------ */

/* A data pool's NBL carries an MDL built once when the slab was carved.
 * After a trip through the quarantine (poisoned, then reused) it must still
 * describe the NBL's data. */
TEST(verifier_level2_data_pool_objects_survive_quarantine)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 256);
    char why[256];
    verify_begin(2);
    for (int i = 0; i < 300; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        CHECK(nbl != NULL);
        if (undis_nb_check(nbl->FirstNetBuffer, why, sizeof(why)) != UNDIS_CHECK_OK) {
            printf("allocation %d: %s\n", i, why);
            CHECK(0);
        }
        CHECK_STATUS(NdisRetreatNetBufferDataStart(nbl->FirstNetBuffer, 14, 0, NULL),
                     NDIS_STATUS_SUCCESS);
        NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 14, FALSE, NULL);
        NdisFreeNetBufferList(nbl);
    }
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* NDIS never reads the MDLs of an NB from a pool without data when it
 * frees the NB, so a driver may free its MDLs first. The level 2 check for
 * retreat-allocated MDLs must not walk them. (Under ASan a walk shows as a
 * heap-use-after-free; without it, as whatever the freed memory holds.) */
TEST(verifier_level2_nb_freed_after_its_mdls)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    PMDL second = drv_mdl(32);
    PMDL first = drv_mdl(32);
    NET_BUFFER *nb;
    first->Next = second;
    nb = NdisAllocateNetBuffer(pool, first, 0, 64);
    CHECK(nb != NULL);
    verify_begin(2);
    drv_free(first->Next);
    drv_free(first); /* the driver frees its chain, then the NB */
    NdisFreeNetBuffer(nb);
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST_MAIN_BEGIN
TEST_CASE(verifier_snapshot_restored)
TEST_CASE(verifier_snapshot_extra_mdl_not_restored)
TEST_CASE(verifier_level0_is_windows)
TEST_CASE(verifier_level1_contract_checks)
TEST_CASE(verifier_level2_tracking)
TEST_CASE(verifier_level3_history)
TEST_CASE(verifier_level_from_environment)
TEST_CASE(verifier_set_level_clamps_and_returns_previous)
TEST_CASE(verifier_level2_data_pool_objects_survive_quarantine)
TEST_CASE(verifier_level2_nb_freed_after_its_mdls)
TEST_MAIN_END
