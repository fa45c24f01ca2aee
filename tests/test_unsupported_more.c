/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_more: one case per family of unsupported functions that
 * issue 12's second header round added (helper compat-b): NDIS Poll Mode
 * (unsupported_poll.c), callback objects, Zw file/event calls, extended work
 * items and group affinity (unsupported_ex.c), NTSTATUS codes without a
 * Win32 mapping in undis (rt_doserror.c), interrupts (unsupported_interrupt.c).
 * Each calls the family's functions, checks the
 * failure their documentation allows (return value, out-parameters
 * cleared), that the report hook saw exactly one NOT_SUPPORTED_IN_USER_MODE
 * notice naming the function, and that a second call reports nothing more.
 */
#include <ndis.h>
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

static NDIS_HANDLE const k_junk = (NDIS_HANDLE)(ULONG_PTR)0x5a5a;

TEST(poll_registration_fails)
{
    NDIS_POLL_CHARACTERISTICS ch;
    NDIS_POLL_HANDLE poll = (NDIS_POLL_HANDLE)k_junk;
    PROCESSOR_NUMBER cpu;
    memset(&ch, 0, sizeof(ch));
    memset(&cpu, 0, sizeof(cpu));
    watch();
    CHECK_EQ_INT((int)NdisRegisterPoll(k_junk, NULL, &ch, &poll), (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK(poll == NULL);
    check_reported_once("NdisRegisterPoll");
    poll = (NDIS_POLL_HANDLE)k_junk;
    CHECK_EQ_INT((int)NdisRegisterPoll(k_junk, NULL, &ch, &poll), (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK(poll == NULL);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    CHECK_EQ_INT((int)NdisSetPollAffinity((NDIS_POLL_HANDLE)k_junk, &cpu),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    check_reported_once("NdisSetPollAffinity");
    watch();
    NdisRequestPoll((NDIS_POLL_HANDLE)k_junk, NULL);
    check_reported_once("NdisRequestPoll");
    watch();
    NdisDeregisterPoll((NDIS_POLL_HANDLE)k_junk);
    check_reported_once("NdisDeregisterPoll");
    undis_report_set_hook(NULL, NULL);
}

TEST(ex_callbacks_files_events_fail)
{
    PCALLBACK_OBJECT cb = (PCALLBACK_OBJECT)k_junk;
    HANDLE h = (HANDLE)k_junk;
    IO_STATUS_BLOCK iosb;
    OBJECT_ATTRIBUTES oa;
    GROUP_AFFINITY prev;
    memset(&oa, 0, sizeof(oa));
    memset(&prev, 0xff, sizeof(prev));
    watch();
    CHECK_EQ_INT((int)ExCreateCallback(&cb, &oa, TRUE, TRUE), (int)STATUS_NOT_SUPPORTED);
    CHECK(cb == NULL);
    check_reported_once("ExCreateCallback");
    CHECK_EQ_INT((int)ExCreateCallback(&cb, &oa, TRUE, TRUE), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    CHECK(ExRegisterCallback((PCALLBACK_OBJECT)k_junk, NULL, NULL) == NULL);
    check_reported_once("ExRegisterCallback");
    watch();
    ExUnregisterCallback(k_junk);
    check_reported_once("ExUnregisterCallback");
    watch();
    ExNotifyCallback(k_junk, NULL, NULL);
    check_reported_once("ExNotifyCallback");
    watch();
    CHECK_EQ_INT((int)ZwCreateFile(&h, GENERIC_READ, &oa, &iosb, NULL, FILE_ATTRIBUTE_NORMAL,
                                   FILE_SHARE_READ, FILE_OPEN, 0, NULL, 0),
                 (int)STATUS_NOT_SUPPORTED);
    CHECK(h == NULL);
    CHECK_EQ_INT((int)iosb.Status, (int)STATUS_NOT_SUPPORTED);
    check_reported_once("ZwCreateFile");
    watch();
    CHECK_EQ_INT((int)ZwDeviceIoControlFile(k_junk, NULL, NULL, NULL, &iosb, 0, NULL, 0, NULL, 0),
                 (int)STATUS_NOT_SUPPORTED);
    check_reported_once("ZwDeviceIoControlFile");
    watch();
    CHECK_EQ_INT(
        (int)ZwSetInformationFile(k_junk, &iosb, &prev, 4, FileIoCompletionNotificationInformation),
        (int)STATUS_NOT_SUPPORTED);
    check_reported_once("ZwSetInformationFile");
    watch();
    h = (HANDLE)k_junk;
    CHECK_EQ_INT((int)ZwCreateEvent(&h, EVENT_ALL_ACCESS, NULL, NotificationEvent, FALSE),
                 (int)STATUS_NOT_SUPPORTED);
    CHECK(h == NULL);
    check_reported_once("ZwCreateEvent");
    watch();
    CHECK_EQ_INT((int)ZwWaitForSingleObject(k_junk, FALSE, NULL), (int)STATUS_NOT_SUPPORTED);
    check_reported_once("ZwWaitForSingleObject");
    watch();
    IoQueueWorkItemEx((PIO_WORKITEM)k_junk, NULL, DelayedWorkQueue, NULL);
    check_reported_once("IoQueueWorkItemEx");
    watch();
    KeSetSystemGroupAffinityThread(&prev, &prev);
    CHECK(prev.Mask == 0 && prev.Group == 0);
    check_reported_once("KeSetSystemGroupAffinityThread");
    watch();
    KeRevertToUserGroupAffinityThread(&prev);
    check_reported_once("KeRevertToUserGroupAffinityThread");
    undis_report_set_hook(NULL, NULL);
}

TEST(status_to_dos_error_maps_common_codes_and_reports_others)
{
    watch();
    CHECK_EQ_INT((long long)RtlNtStatusToDosErrorNoTeb(STATUS_SUCCESS), 0);
    CHECK_EQ_INT((long long)RtlNtStatusToDosErrorNoTeb(STATUS_INVALID_PARAMETER), 87);
    CHECK_EQ_INT((long long)RtlNtStatusToDosErrorNoTeb(STATUS_INSUFFICIENT_RESOURCES), 1450);
    CHECK_EQ_INT((long long)RtlNtStatusToDosError(STATUS_PENDING), 997);
    CHECK_EQ_INT(g_seen.count, 0); /* mapped codes are real: no report */
    CHECK_EQ_INT((long long)RtlNtStatusToDosErrorNoTeb(STATUS_FWP_ALREADY_EXISTS), 317);
    check_reported_once("RtlNtStatusToDosErrorNoTeb");
    CHECK_EQ_INT((long long)RtlNtStatusToDosErrorNoTeb(STATUS_FWP_ALREADY_EXISTS), 317);
    CHECK_EQ_INT(g_seen.count, 1);
    undis_report_set_hook(NULL, NULL);
}

static BOOLEAN
fixture_sync(NDIS_HANDLE context)
{
    *(int *)context += 1;
    return TRUE;
}

TEST(interrupt_registration_fails_sync_runs)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ch;
    NDIS_HANDLE handle = k_junk;
    GROUP_AFFINITY affinity;
    int ran = 0;
    memset(&ch, 0, sizeof(ch));
    memset(&affinity, 0, sizeof(affinity));
    watch();
    CHECK_EQ_INT((int)NdisMRegisterInterruptEx(k_junk, NULL, &ch, &handle),
                 (int)NDIS_STATUS_FAILURE);
    CHECK(handle == NULL);
    check_reported_once("NdisMRegisterInterruptEx");
    watch();
    CHECK(NdisMQueueDpcEx(k_junk, 0, &affinity, NULL) == 0);
    check_reported_once("NdisMQueueDpcEx");
    watch();
    NdisMDeregisterInterruptEx(k_junk);
    check_reported_once("NdisMDeregisterInterruptEx");
    watch();
    CHECK(NdisMSynchronizeWithInterruptEx(k_junk, 0, fixture_sync, &ran));
    CHECK_EQ_INT(ran, 1);
    CHECK_EQ_INT(g_seen.count, 0); /* real: no report */
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(poll_registration_fails)
TEST_CASE(ex_callbacks_files_events_fail)
TEST_CASE(status_to_dos_error_maps_common_codes_and_reports_others)
TEST_CASE(interrupt_registration_fails_sync_runs)
TEST_MAIN_END
