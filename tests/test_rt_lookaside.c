/*
 * test_rt_lookaside.c - lookaside lists with and without driver callbacks:
 * reuse of freed entries, the callbacks' arguments, the depth limit, Delete
 * freeing the cache, allocation failure, and the counters.
 */
#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>
#include <undis/fault.h>

#define TAG_L 0x4C4C4C4CU

static int g_allocs;
static int g_frees;
static SIZE_T g_size;
static ULONG g_tag;

static PVOID NTAPI
drv_allocate(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    g_allocs++;
    g_size = NumberOfBytes;
    g_tag = Tag;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI
drv_free(PVOID Buffer)
{
    g_frees++;
    ExFreePoolWithTag(Buffer, TAG_L);
}

TEST(default_routines_reuse_entries)
{
    NPAGED_LOOKASIDE_LIST l;
    PVOID a;
    PVOID b;
    NdisInitializeNPagedLookasideList(&l, NULL, NULL, 0, 40, TAG_L, 0);
    a = NdisAllocateFromNPagedLookasideList(&l);
    CHECK_NOT_NULL(a);
    memset(a, 1, 40);
    NdisFreeToNPagedLookasideList(&l, a);
    b = NdisAllocateFromNPagedLookasideList(&l);
    CHECK_PTR_EQ(a, b); /* the cached entry comes back */
    CHECK_EQ_U32(l.L.TotalAllocates, 2);
    CHECK_EQ_U32(l.L.AllocateMisses, 1);
    NdisFreeToNPagedLookasideList(&l, b);
    NdisDeleteNPagedLookasideList(&l);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(driver_callbacks_get_size_and_tag)
{
    NPAGED_LOOKASIDE_LIST l;
    PVOID e[4];
    int i;
    g_allocs = g_frees = 0;
    ExInitializeNPagedLookasideList(&l, drv_allocate, drv_free, 0, 100, TAG_L, 0);
    for (i = 0; i < 4; i++) {
        e[i] = ExAllocateFromNPagedLookasideList(&l);
        CHECK_NOT_NULL(e[i]);
    }
    CHECK_EQ_INT(g_allocs, 4);
    CHECK_EQ_SIZE(g_size, 100);
    CHECK_EQ_U32(g_tag, TAG_L);
    for (i = 0; i < 4; i++) {
        ExFreeToNPagedLookasideList(&l, e[i]);
    }
    CHECK_EQ_INT(g_frees, 0); /* cached */
    ExDeleteNPagedLookasideList(&l);
    CHECK_EQ_INT(g_frees, 4); /* Delete hands the cache to Free */
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(depth_zero_frees_every_entry)
{
    NPAGED_LOOKASIDE_LIST l;
    PVOID a;
    g_allocs = g_frees = 0;
    undis_rt_set_lookaside_depth(0);
    ExInitializeNPagedLookasideList(&l, drv_allocate, drv_free, 0, 16, TAG_L, 0);
    undis_rt_set_lookaside_depth(EX_MAXIMUM_LOOKASIDE_DEPTH_BASE);
    a = ExAllocateFromNPagedLookasideList(&l);
    ExFreeToNPagedLookasideList(&l, a);
    CHECK_EQ_INT(g_frees, 1);
    CHECK_EQ_U32(l.L.FreeMisses, 1);
    ExDeleteNPagedLookasideList(&l);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(allocation_failure_returns_null)
{
    NPAGED_LOOKASIDE_LIST l;
    ExInitializeNPagedLookasideList(&l, NULL, NULL, 0, 16, TAG_L, 0);
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(ExAllocateFromNPagedLookasideList(&l));
    undis_fault_clear();
    ExDeleteNPagedLookasideList(&l);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

static int g_ex_calls;

static PVOID NTAPI
drv_allocate_ex(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, PLOOKASIDE_LIST_EX Lookaside)
{
    CHECK_NOT_NULL(Lookaside);
    g_ex_calls++;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI
drv_free_ex(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    CHECK_NOT_NULL(Lookaside);
    g_ex_calls++;
    ExFreePool(Buffer);
}

TEST(lookaside_list_ex_passes_the_list)
{
    LOOKASIDE_LIST_EX l;
    PVOID a;
    g_ex_calls = 0;
    CHECK_STATUS(ExInitializeLookasideListEx(&l, drv_allocate_ex, drv_free_ex, NonPagedPoolNx, 0,
                                             24, TAG_L, 0),
                 STATUS_SUCCESS);
    a = ExAllocateFromLookasideListEx(&l);
    CHECK_NOT_NULL(a);
    ExFreeToLookasideListEx(&l, a);
    ExDeleteLookasideListEx(&l);
    CHECK_EQ_INT(g_ex_calls, 2);
    CHECK_STATUS(ExInitializeLookasideListEx(&l, NULL, NULL, NonPagedPoolNx, 0x80, 24, TAG_L, 0),
                 STATUS_INVALID_PARAMETER_5);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST_MAIN_BEGIN
TEST_CASE(default_routines_reuse_entries)
TEST_CASE(driver_callbacks_get_size_and_tag)
TEST_CASE(depth_zero_frees_every_entry)
TEST_CASE(allocation_failure_returns_null)
TEST_CASE(lookaside_list_ex_passes_the_list)
TEST_MAIN_END
