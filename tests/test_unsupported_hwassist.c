/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_hwassist: the hardware-assist family of
 * src/kernel/unsupported_hwassist.c (each call fails as documented and
 * names itself once through the report hook) and the working calls of
 * src/kernel/rt_hwres.c (which report nothing).
 */
#include <ndis.h>
#include <undis/report.h>

#include "test.h"

static struct {
    int count;
    undis_rule rule;
    char function[96];
} g_seen;

static undis_report_action
record(const undis_report *r, void *context)
{
    (void)context;
    g_seen.count++;
    g_seen.rule = r->rule;
    snprintf(g_seen.function, sizeof(g_seen.function), "%s",
             r->function != NULL ? r->function : "");
    return UNDIS_REPORT_CONTINUE;
}

static void
watch(void)
{
    memset(&g_seen, 0, sizeof(g_seen));
    undis_report_set_hook(record, NULL);
}

static void
check_reported_once(const char *name)
{
    CHECK_EQ_INT(g_seen.count, 1);
    CHECK_EQ_INT((int)g_seen.rule, (int)UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE);
    CHECK_STR_EQ(g_seen.function, name);
}

static NDIS_HANDLE const k_junk = (NDIS_HANDLE)(ULONG_PTR)0x5a5a;

TEST(shared_memory_allocation_fails)
{
    NDIS_SHARED_MEMORY_PARAMETERS params;
    NDIS_HANDLE handle = k_junk;
    memset(&params, 0, sizeof(params));
    params.Usage = NdisSharedMemoryUsageReceive;
    params.Length = 4096;
    watch();
    CHECK_EQ_INT((int)NdisAllocateSharedMemory(k_junk, &params, &handle),
                 (int)NDIS_STATUS_RESOURCES);
    CHECK(handle == NULL);
    check_reported_once("NdisAllocateSharedMemory");
    handle = k_junk;
    CHECK_EQ_INT((int)NdisAllocateSharedMemory(k_junk, &params, &handle),
                 (int)NDIS_STATUS_RESOURCES);
    CHECK(handle == NULL);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    NdisFreeSharedMemory(k_junk, k_junk);
    check_reported_once("NdisFreeSharedMemory");
    undis_report_set_hook(NULL, NULL);
}

TEST(rss_processor_information_not_supported)
{
    SIZE_T size = 1234;
    watch();
    CHECK_EQ_INT((int)NdisGetRssProcessorInformation(k_junk, NULL, &size),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK(size == 0);
    check_reported_once("NdisGetRssProcessorInformation");
    undis_report_set_hook(NULL, NULL);
}

TEST(working_calls_are_real_and_silent)
{
    KDPC_WATCHDOG_INFORMATION info;
    memset(&info, 0xa5, sizeof(info));
    watch();
    CHECK_EQ_INT((int)KeQueryDpcWatchdogInformation(&info), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)info.DpcWatchdogLimit, 0);
    CHECK_EQ_INT((int)info.DpcTimeLimit, 0);
    CHECK_EQ_INT((int)info.Reserved, 0);
    CHECK_EQ_INT((int)RtlNumberOfSetBitsUlongPtr(0), 0);
    CHECK_EQ_INT((int)RtlNumberOfSetBitsUlongPtr(0x80000001UL), 2);
    CHECK_EQ_INT((int)RtlNumberOfSetBitsUlongPtr((ULONG_PTR)-1), (int)(8 * sizeof(ULONG_PTR)));
    CHECK_EQ_INT((int)NdisGetSharedDataAlignment(), 64);
    CHECK_EQ_INT(g_seen.count, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(layouts_match_the_wdk)
{
    CHECK_EQ_INT((int)NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_V2_REVISION_1, 28);
    CHECK_EQ_INT((int)NDIS_SIZEOF_RSS_SET_INDIRECTION_ENTRIES_REVISION_1, 20);
    CHECK_EQ_INT((int)offsetof(NDIS_RSS_SET_INDIRECTION_ENTRY, TargetProcessorNumber), 14);
    CHECK_EQ_INT((int)offsetof(NDIS_RSS_SET_INDIRECTION_ENTRY, EntryStatus), 20);
    CHECK_EQ_INT((int)NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1, 16);
    CHECK_EQ_INT((int)offsetof(CM_PARTIAL_RESOURCE_DESCRIPTOR, u), 4);
    CHECK_EQ_INT((int)offsetof(CM_PARTIAL_RESOURCE_LIST, PartialDescriptors), 8);
    CHECK_EQ_INT((int)MediumHighImportance, 3);
    CHECK_EQ_INT((int)CmResourceTypeMemory, 3);
    CHECK_EQ_INT((int)OID_GEN_RSS_SET_INDIRECTION_TABLE_ENTRIES, 0x000102C0);
}

TEST_MAIN_BEGIN
TEST_CASE(shared_memory_allocation_fails)
TEST_CASE(rss_processor_information_not_supported)
TEST_CASE(working_calls_are_real_and_silent)
TEST_CASE(layouts_match_the_wdk)
TEST_MAIN_END
