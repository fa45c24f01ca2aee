/*
 * test_rt_dpc_order.c - DPCs of normal importance queued behind one another
 * on one processor run in order, each with its own routine and context
 * (rt_dpc.c linked a second DPC by its list entry's address, not the DPC's:
 * the worker then ran a routine read 8 bytes off; netvmini's timer DPC
 * queued behind its receive DPC crashed that way).
 */
#include "test.h"

#include "support/kservices.h"

#include <ndis.h>
#include <undis/rt.h>

static ks_counter g_count;
static int g_order[3];
static int g_ran;

static VOID
record_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    (void)dpc;
    (void)a1;
    (void)a2;
    g_order[g_ran++ % 3] = *(int *)context;
    ks_counter_bump(&g_count, context);
}

TEST(three_dpcs_on_one_processor_run_in_order)
{
    KDPC dpc[3];
    int id[3] = { 1, 2, 3 };
    ks_counter_init(&g_count);
    g_ran = 0;
    ks_block_cpu0();
    for (int i = 0; i < 3; i++) {
        KeInitializeDpc(&dpc[i], record_dpc, &id[i]);
        KeSetTargetProcessorDpc(&dpc[i], 0);
        CHECK(KeInsertQueueDpc(&dpc[i], NULL, NULL));
    }
    ks_block_release();
    CHECK(ks_counter_wait(&g_count, 3, 2000));
    KeFlushQueuedDpcs();
    CHECK_EQ_INT(g_order[0], 1);
    CHECK_EQ_INT(g_order[1], 2);
    CHECK_EQ_INT(g_order[2], 3);
}

TEST_MAIN_BEGIN
TEST_CASE(three_dpcs_on_one_processor_run_in_order)
TEST_MAIN_END
