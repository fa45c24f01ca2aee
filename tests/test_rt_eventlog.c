/* SPDX-License-Identifier: MIT */
/*
 * test_rt_eventlog: the last census names of ndis.h (issue12-compat-e).
 * NdisGetCurrentSystemTime is KeQuerySystemTime (100 ns since 1601);
 * NdisWriteEventLogEntry prints one DbgPrint line (event code, unique
 * value, strings, data size) and refuses a list or data pointer missing
 * for a non-zero count and entries over MAX_EVENT_LOG_DATA_SIZE;
 * NdisMIdleNotificationComplete reports itself once (the host sends no
 * idle notification).
 */
#include <ndis.h>
#include <undis/report.h>
#include <undis/rt.h>

#include "test.h"

#include "support/unsupported_watch.h"

#include <time.h>

static struct {
    int lines;
    char text[1024];
} g_out;

static void
sink(ULONG component, ULONG level, const char *text, void *context)
{
    (void)component;
    (void)level;
    (void)context;
    g_out.lines++;
    snprintf(g_out.text, sizeof(g_out.text), "%s", text);
}

static void
capture(void)
{
    memset(&g_out, 0, sizeof(g_out));
    undis_rt_set_dbgprint_sink(sink, NULL);
}

TEST(current_system_time_is_100ns_since_1601)
{
    /* Seconds from 1601-01-01 to 1970-01-01. */
    const LONGLONG epoch_1970 = 11644473600LL;
    LARGE_INTEGER t;
    LARGE_INTEGER k;
    LONGLONG now = (LONGLONG)time(NULL);
    NdisGetCurrentSystemTime(&t);
    KeQuerySystemTime(&k);
    CHECK(t.QuadPart / 10000000LL - epoch_1970 >= now - 2);
    CHECK(t.QuadPart / 10000000LL - epoch_1970 <= now + 2);
    CHECK(k.QuadPart >= t.QuadPart);
}

TEST(event_log_entry_prints_code_strings_and_data_size)
{
    /* Two strings, one after the other, each NUL-terminated. */
    static WCHAR strings[] = { 'n', 'i', 'c', '0', 0, 'l', 'i', 'n', 'k', 0 };
    UCHAR data[8] = { 0 };
    capture();
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_MEDIA_DISCONNECT, 42, 2, strings,
                                             sizeof(data), data),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g_out.lines, 1);
    CHECK_STR_EQ(g_out.text, "NdisWriteEventLogEntry: event 0x4001000c (unique 42) \"nic0\" "
                             "\"link\", 8 bytes of data\n");
    capture();
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 7, 0, NULL, 0, NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(g_out.text,
                 "NdisWriteEventLogEntry: event 0xc0000001 (unique 7), 0 bytes of data\n");
    undis_rt_set_dbgprint_sink(NULL, NULL);
}

TEST(event_log_entry_refuses_missing_buffers_and_oversize)
{
    static UCHAR big[MAX_EVENT_LOG_DATA_SIZE + 1];
    WCHAR endless[MAX_EVENT_LOG_DATA_SIZE]; /* no terminator within the limit */
    static WCHAR one[] = { 'x', 0 };
    size_t i;
    for (i = 0; i < sizeof(endless) / sizeof(endless[0]); i++) {
        endless[i] = 'a';
    }
    capture();
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 1, NULL, 0, NULL),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 0, NULL, 4, NULL),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT(
        (int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 0, NULL, sizeof(big), big),
        (int)NDIS_STATUS_BUFFER_TOO_SHORT);
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 1, endless, 0, NULL),
                 (int)NDIS_STATUS_BUFFER_TOO_SHORT);
    /* Strings and data together: sizeof(one) + (limit - sizeof(one) + 1) bytes
     * (WCHAR is the host's wchar_t). */
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 1, one,
                                             (ULONG)(MAX_EVENT_LOG_DATA_SIZE - sizeof(one) + 1),
                                             big),
                 (int)NDIS_STATUS_BUFFER_TOO_SHORT);
    CHECK_EQ_INT(g_out.lines, 0);
    /* Exactly the limit is logged. */
    CHECK_EQ_INT((int)NdisWriteEventLogEntry(NULL, NDIS_STATUS_FAILURE, 1, 1, one,
                                             (ULONG)(MAX_EVENT_LOG_DATA_SIZE - sizeof(one)), big),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g_out.lines, 1);
    CHECK_EQ_INT(MAX_EVENT_LOG_DATA_SIZE, sizeof(void *) == 8 ? 196 : 108);
    undis_rt_set_dbgprint_sink(NULL, NULL);
}

TEST(idle_notification_complete_reports_once)
{
    watch();
    NdisMIdleNotificationComplete((NDIS_HANDLE)(ULONG_PTR)0x1000);
    check_reported_once("NdisMIdleNotificationComplete");
    NdisMIdleNotificationComplete((NDIS_HANDLE)(ULONG_PTR)0x1000);
    CHECK_EQ_INT(g_seen.count, 1); /* once per process */
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(current_system_time_is_100ns_since_1601)
TEST_CASE(event_log_entry_prints_code_strings_and_data_size)
TEST_CASE(event_log_entry_refuses_missing_buffers_and_oversize)
TEST_CASE(idle_notification_complete_reports_once)
TEST_MAIN_END
