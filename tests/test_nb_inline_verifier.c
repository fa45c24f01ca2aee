/* SPDX-License-Identifier: MIT */
/*
 * test_nb_inline_verifier.c: the inline fast paths of <ndis/nbinline.h>
 * around the equivalence of test_nb_inline.c: the exported symbols stay
 * addressable functions; the mapping fault of <undis/fault.h> still fails
 * NdisGetDataBuffer's inline form; and the verifier through the macros: the
 * level-1 rules still fire (and change nothing), IRQL above DISPATCH_LEVEL
 * is reported, level 2 runs its checks, and the gate word follows the level
 * and the IRQL.
 */
#include "test.h"

#include <stddef.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include "support/inline_fixture.h"

/* ---- The exported symbols ------------------------------------------------ */

/* The names still denote functions: their addresses can be taken and
 * called through, and (Name)(...) reaches the same function. */
TEST(inline_exported_symbols_addressable)
{
    NDIS_STATUS(*retreat)
    (NET_BUFFER *, ULONG, ULONG, NET_BUFFER_ALLOCATE_MDL *) = NdisRetreatNetBufferDataStart;
    VOID(*advance)
    (NET_BUFFER *, ULONG, BOOLEAN, NET_BUFFER_FREE_MDL *) = &NdisAdvanceNetBufferDataStart;
    PVOID (*get)(NET_BUFFER *, ULONG, PVOID, ULONG, ULONG) = NdisGetDataBuffer;
    NDIS_HANDLE pool = data_pool(256);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb;
    PUCHAR p;
    CHECK_NOT_NULL(nbl);
    nb = NET_BUFFER_LIST_FIRST_NB(nbl);
    CHECK_STATUS(retreat(nb, 40, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(nb->DataOffset, 216);
    CHECK_EQ_U32(nb->DataLength, 40);
    p = (PUCHAR)get(nb, 20, NULL, 1, 0);
    CHECK_PTR_EQ(p, (PUCHAR)nb->MdlChain->MappedSystemVa + 216);
    CHECK_PTR_EQ(p, NdisGetDataBuffer(nb, 20, NULL, 1, 0));
    CHECK_PTR_EQ(p, (NdisGetDataBuffer)(nb, 20, NULL, 1, 0));
    advance(nb, 40, FALSE, NULL);
    CHECK_EQ_U32(nb->DataOffset, 256);
    CHECK_EQ_U32(nb->DataLength, 0);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

/* ---- Fault injection through the inline form ----------------------------- */

/* An unmapped CurrentMdl: the inline form leaves the call to the exported
 * function, whose mapping fails when the schedule says so. */
TEST(inline_get_data_mapping_fault_fails)
{
    static unsigned char buf[256];
    union {
        MDL mdl;
        unsigned char bytes[sizeof(MDL) + 2 * sizeof(PFN_NUMBER)];
    } m;
    NET_BUFFER nb;
    unsigned char storage[64];
    PVOID p;
    undis_fault_clear();
    memset(&nb, 0, sizeof(nb));
    MmInitializeMdl(&m.mdl, buf, sizeof(buf)); /* not mapped: MdlFlags 0 */
    nb.MdlChain = &m.mdl;
    nb.CurrentMdl = &m.mdl;
    nb.DataOffset = 10;
    nb.CurrentMdlOffset = 10;
    nb.DataLength = 100;

    /* The next mapping fails: NULL (no Storage), the MDL still unmapped. */
    undis_fault_map_fail_nth(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 34, NULL, 1, 0));
    CHECK_EQ_INT(m.mdl.MdlFlags & MDL_MAPPED_TO_SYSTEM_VA, 0);
    /* With Storage: the direct path's mapping fails, the copy path maps
     * again (the schedule is spent) and copies. */
    undis_fault_map_fail_nth(1);
    p = NdisGetDataBuffer(&nb, 34, storage, 1, 0);
    CHECK_PTR_EQ(p, storage);
    CHECK_MEM_EQ(storage, buf + 10, 34);
    CHECK(m.mdl.MdlFlags & MDL_MAPPED_TO_SYSTEM_VA);
    /* Mapped now: the inline form returns the pointer without a mapping
     * attempt, so a schedule stays armed, exactly as with the exported form. */
    undis_fault_map_fail_nth(1);
    CHECK_PTR_EQ(NdisGetDataBuffer(&nb, 34, NULL, 1, 0), buf + 10);
    CHECK(map_fault_armed());
    undis_fault_map_fail_nth(1);
    CHECK_PTR_EQ((NdisGetDataBuffer)(&nb, 34, NULL, 1, 0), buf + 10);
    CHECK(map_fault_armed());
    undis_fault_clear();
}

/* ---- The verifier through the macros ------------------------------------- */

static NDIS_HANDLE g_pool;
static NET_BUFFER_LIST *g_nbl;

/* A pool NB holding 64 bytes at the end of 256, for the rule tests. */
static NET_BUFFER *
rule_nb(int lvl)
{
    NET_BUFFER *nb;
    undis_fault_clear();
    (void)undis_verifier_set_level(0);
    g_pool = data_pool(256);
    g_nbl = NdisAllocateNetBufferList(g_pool, 0, 0);
    CHECK_NOT_NULL(g_nbl);
    nb = NET_BUFFER_LIST_FIRST_NB(g_nbl);
    define_nb_bytes(nb);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64, 0, NULL), NDIS_STATUS_SUCCESS);
    memset(&g_icap, 0, sizeof(g_icap));
    undis_verifier_reset_counts();
    level(lvl);
    return nb;
}

static void
rule_end(void)
{
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
    NdisFreeNetBufferList(g_nbl);
    NdisFreeNetBufferListPool(g_pool);
}

/* The gate's value when open: debug level 2 keeps it closed. */
#if UNDIS_DEBUG >= 2
#    define GATE_OPEN ((ULONG_PTR)0)
#else
#    define GATE_OPEN (~(ULONG_PTR)0)
#endif

#define EXPECT_ONE_REPORT(rule_)                                 \
    do {                                                         \
        CHECK_EQ_U32(g_icap.n, 1);                               \
        CHECK_EQ_INT((int)g_icap.rule, (int)UNDIS_RULE_##rule_); \
        memset(&g_icap, 0, sizeof(g_icap));                      \
    } while (0)

TEST(inline_level1_advance_past_data_reported)
{
    NET_BUFFER *nb = rule_nb(1);
    unsigned char before[sizeof(NET_BUFFER)];
    memcpy(before, nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(nb, 65, FALSE, NULL);
    EXPECT_ONE_REPORT(ADVANCE_PAST_DATA);
    CHECK_MEM_EQ((const unsigned char *)nb, before, sizeof(before));
    NdisAdvanceNetBufferDataStart(nb, 65, TRUE, NULL);
    EXPECT_ONE_REPORT(ADVANCE_PAST_DATA);
    CHECK_MEM_EQ((const unsigned char *)nb, before, sizeof(before));
    /* All of the data is allowed. */
    NdisAdvanceNetBufferDataStart(nb, 64, FALSE, NULL);
    CHECK_EQ_U32(g_icap.n, 0);
    CHECK_EQ_U32(nb->DataLength, 0);
    rule_end();
}

TEST(inline_level0_advance_past_data_wraps)
{
    NET_BUFFER *nb = rule_nb(0);
    NdisAdvanceNetBufferDataStart(nb, 65, FALSE, NULL);
#if UNDIS_DEBUG >= 2
    /* Debug level 2: the structure checker after the call names the wrap. */
    EXPECT_ONE_REPORT(NB_STRUCTURE);
#endif
    CHECK_EQ_U32(g_icap.n, 0);
    CHECK_EQ_U32(nb->DataLength, 0xFFFFFFFFu); /* as Windows */
    CHECK_EQ_U32(nb->DataOffset, 257);
    rule_end();
}

TEST(inline_level1_wraps_reported)
{
    NET_BUFFER *nb = rule_nb(1);
    unsigned char before[sizeof(NET_BUFFER)];
    nb->DataLength = 0xFFFFFFF0u;
    memcpy(before, nb, sizeof(before));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 16, 0, NULL), NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_ONE_REPORT(RETREAT_WRAP);
    CHECK_MEM_EQ((const unsigned char *)nb, before, sizeof(before));
    nb->DataLength = 64;
    nb->DataOffset = 0xFFFFFFF8u;
    memcpy(before, nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(nb, 8, FALSE, NULL);
    EXPECT_ONE_REPORT(ADVANCE_WRAP);
    CHECK_MEM_EQ((const unsigned char *)nb, before, sizeof(before));
    nb->DataOffset = 192;
    rule_end();
}

TEST(inline_level1_get_data_rules_reported)
{
    NET_BUFFER *nb = rule_nb(1);
    unsigned char storage[128];
    CHECK_NULL(NdisGetDataBuffer(nb, 65, storage, 1, 0));
    EXPECT_ONE_REPORT(GET_DATA_BEYOND_LENGTH);
    CHECK_NULL(NdisGetDataBuffer(nb, 14, storage, 3, 0));
    EXPECT_ONE_REPORT(GET_DATA_BAD_ALIGNMENT);
    CHECK_NULL(NdisGetDataBuffer(nb, 14, storage, 4, 4));
    EXPECT_ONE_REPORT(GET_DATA_BAD_ALIGNMENT);
    CHECK_NULL(NdisGetDataBuffer(nb, 14, storage, 0, 0));
    EXPECT_ONE_REPORT(GET_DATA_BAD_ALIGNMENT);
    CHECK_NOT_NULL(NdisGetDataBuffer(nb, 64, NULL, 1, 0));
    CHECK_EQ_U32(g_icap.n, 0);
    rule_end();
}

TEST(inline_level1_null_net_buffer_reported)
{
    (void)rule_nb(1);
    CHECK_STATUS(NdisRetreatNetBufferDataStart((NET_BUFFER *)NULL, 14, 0, NULL),
                 NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_ONE_REPORT(NULL_ARGUMENT);
    NdisAdvanceNetBufferDataStart((NET_BUFFER *)NULL, 14, FALSE, NULL);
    EXPECT_ONE_REPORT(NULL_ARGUMENT);
    CHECK_NULL(NdisGetDataBuffer((NET_BUFFER *)NULL, 14, NULL, 1, 0));
    EXPECT_ONE_REPORT(NULL_ARGUMENT);
    rule_end();
}

/* Above DISPATCH_LEVEL each of the three reports IRQL_TOO_HIGH (the gate
 * sends the call to the exported function, which checks this thread's
 * IRQL); at DISPATCH_LEVEL they run inline, and after lowering too. */
TEST(inline_level1_irql_above_dispatch_reported)
{
    NET_BUFFER *nb = rule_nb(1);
    unsigned char before[sizeof(NET_BUFFER)];
    KIRQL old;
    KIRQL dpc;
    CHECK_EQ_U64(undis__nb_inline_limit, GATE_OPEN);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_EQ_U64(undis__nb_inline_limit, GATE_OPEN);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 14, 0, NULL), NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferDataStart(nb, 14, FALSE, NULL);
    CHECK_NOT_NULL(NdisGetDataBuffer(nb, 14, NULL, 1, 0));
    CHECK_EQ_U32(g_icap.n, 0);
    KeRaiseIrql(HIGH_LEVEL, &dpc);
    CHECK_EQ_U64(undis__nb_inline_limit, 0);
    memcpy(before, nb, sizeof(before));
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 14, 0, NULL), NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_ONE_REPORT(IRQL_TOO_HIGH);
    NdisAdvanceNetBufferDataStart(nb, 14, FALSE, NULL);
    EXPECT_ONE_REPORT(IRQL_TOO_HIGH);
    CHECK_NULL(NdisGetDataBuffer(nb, 14, NULL, 1, 0));
    EXPECT_ONE_REPORT(IRQL_TOO_HIGH);
    CHECK_MEM_EQ((const unsigned char *)nb, before, sizeof(before));
    KeLowerIrql(dpc);
    CHECK_EQ_U64(undis__nb_inline_limit, GATE_OPEN);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 14, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(g_icap.n, 0);
    KeLowerIrql(old);
    rule_end();
}

/* Level 2 closes the gate: the structure checker runs on every call, so a
 * NET_BUFFER whose CurrentMdl disagrees with DataOffset is reported even
 * where the inline fast path would have run. Level 1 does not check that. */
TEST(inline_level2_runs_structure_check)
{
    NET_BUFFER *nb = rule_nb(1);
    CHECK_EQ_U64(undis__nb_inline_limit, GATE_OPEN);
    nb->CurrentMdlOffset += 8; /* disagrees with DataOffset */
    CHECK_NOT_NULL(NdisGetDataBuffer(nb, 14, NULL, 1, 0));
    CHECK_EQ_U32(g_icap.n, 0);
    (void)undis_verifier_set_level(2);
    CHECK_EQ_U64(undis__nb_inline_limit, 0);
    CHECK_NULL(NdisGetDataBuffer(nb, 14, NULL, 1, 0));
    EXPECT_ONE_REPORT(NB_STRUCTURE);
    NdisAdvanceNetBufferDataStart(nb, 14, FALSE, NULL);
    EXPECT_ONE_REPORT(NB_STRUCTURE);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 14, 0, NULL), NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_ONE_REPORT(NB_STRUCTURE);
    nb->CurrentMdlOffset -= 8;
    (void)undis_verifier_set_level(3);
    CHECK_EQ_U64(undis__nb_inline_limit, 0);
    (void)undis_verifier_set_level(1);
    CHECK_EQ_U64(undis__nb_inline_limit, GATE_OPEN);
    rule_end();
}

TEST_MAIN_BEGIN
TEST_CASE(inline_exported_symbols_addressable)
TEST_CASE(inline_get_data_mapping_fault_fails)
TEST_CASE(inline_level1_advance_past_data_reported)
TEST_CASE(inline_level0_advance_past_data_wraps)
TEST_CASE(inline_level1_wraps_reported)
TEST_CASE(inline_level1_get_data_rules_reported)
TEST_CASE(inline_level1_null_net_buffer_reported)
TEST_CASE(inline_level1_irql_above_dispatch_reported)
TEST_CASE(inline_level2_runs_structure_check)
TEST_MAIN_END
