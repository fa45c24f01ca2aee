/*
 * test_names.c - the functions issue 12 added for public drivers (branch
 * issue12-names): the cancel-safe queue's initialisers and partial cancel IDs
 * work; the others report NOT_SUPPORTED_IN_USER_MODE once and fail as
 * documented.
 */
#include "test.h"

#include <string.h>

#include <ndis.h>
#include <undis/report.h>

static int g_reports;
static char g_function[64];

static undis_report_action
count_hook(const undis_report *report, void *context)
{
    (void)context;
    if (report->rule == UNDIS_RULE_NOT_SUPPORTED_IN_USER_MODE) {
        g_reports++;
        strncpy(g_function, report->function != NULL ? report->function : "",
                sizeof(g_function) - 1);
    }
    return UNDIS_REPORT_CONTINUE;
}

static VOID NTAPI
insert_irp(PIO_CSQ Csq, PIRP Irp)
{
    (void)Csq;
    (void)Irp;
}

static NTSTATUS NTAPI
insert_irp_ex(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext)
{
    (void)Csq;
    (void)Irp;
    (void)InsertContext;
    return STATUS_SUCCESS;
}

static VOID NTAPI
remove_irp(PIO_CSQ Csq, PIRP Irp)
{
    (void)Csq;
    (void)Irp;
}

static PIRP NTAPI
peek_next_irp(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
    (void)Csq;
    (void)Irp;
    (void)PeekContext;
    return NULL;
}

static VOID NTAPI
acquire_lock(PIO_CSQ Csq, PKIRQL Irql)
{
    (void)Csq;
    *Irql = PASSIVE_LEVEL;
}

static VOID NTAPI
release_lock(PIO_CSQ Csq, KIRQL Irql)
{
    (void)Csq;
    (void)Irql;
}

static VOID NTAPI
complete_canceled_irp(PIO_CSQ Csq, PIRP Irp)
{
    (void)Csq;
    (void)Irp;
}

TEST(csq_initialize_fills_the_queue)
{
    IO_CSQ csq;
    memset(&csq, 0xA5, sizeof(csq));
    CHECK_STATUS(IoCsqInitialize(&csq, insert_irp, remove_irp, peek_next_irp, acquire_lock,
                                 release_lock, complete_canceled_irp),
                 STATUS_SUCCESS);
    CHECK_EQ_U32(csq.Type, IO_TYPE_CSQ);
    CHECK(csq.CsqInsertIrp == insert_irp);
    CHECK(csq.CsqRemoveIrp == remove_irp);
    CHECK(csq.CsqPeekNextIrp == peek_next_irp);
    CHECK(csq.CsqAcquireLock == acquire_lock);
    CHECK(csq.CsqReleaseLock == release_lock);
    CHECK(csq.CsqCompleteCanceledIrp == complete_canceled_irp);
    CHECK_NULL(csq.ReservePointer);
}

TEST(csq_initialize_ex_marks_the_ex_type)
{
    IO_CSQ csq;
    memset(&csq, 0xA5, sizeof(csq));
    CHECK_STATUS(IoCsqInitializeEx(&csq, insert_irp_ex, remove_irp, peek_next_irp, acquire_lock,
                                   release_lock, complete_canceled_irp),
                 STATUS_SUCCESS);
    CHECK_EQ_U32(csq.Type, IO_TYPE_CSQ_EX);
    CHECK_NOT_NULL((PVOID)(ULONG_PTR)csq.CsqInsertIrp);
    CHECK(csq.CsqRemoveIrp == remove_irp);
    CHECK_NULL(csq.ReservePointer);
}

TEST(partial_cancel_ids_differ_until_the_byte_wraps)
{
    UCHAR first = NdisGeneratePartialCancelId();
    UCHAR previous = first;
    for (int i = 1; i < 256; i++) {
        UCHAR next = NdisGeneratePartialCancelId();
        CHECK(next != first);
        CHECK_EQ_U32(next, (UCHAR)(previous + 1U));
        previous = next;
    }
    CHECK_EQ_U32(NdisGeneratePartialCancelId(), first);
}

TEST(unsupported_names_fail_as_documented_and_report_once)
{
    IO_CSQ csq;
    IO_CSQ_IRP_CONTEXT context;
    NDIS_DRIVER_OPTIONAL_HANDLERS handlers;
    NDIS_STRING name;
    memset(&csq, 0, sizeof(csq));
    memset(&context, 0, sizeof(context));
    memset(&handlers, 0, sizeof(handlers));
    memset(&name, 0x5A, sizeof(name));
    g_reports = 0;
    undis_report_set_hook(count_hook, NULL);

    CHECK_STATUS(NdisSetOptionalHandlers((NDIS_HANDLE)&csq, &handlers), NDIS_STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT(g_reports, 1);
    CHECK_STR_EQ(g_function, "NdisSetOptionalHandlers");
    CHECK_STATUS(NdisSetOptionalHandlers((NDIS_HANDLE)&csq, &handlers), NDIS_STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT(g_reports, 1);

    /* The driver host's (host_protocol.c): a handle it never gave out fails,
     * the string cleared, without a report. */
    CHECK_STATUS(NdisQueryAdapterInstanceName(&name, (NDIS_HANDLE)&csq), NDIS_STATUS_FAILURE);
    CHECK_EQ_U32(name.Length, 0);
    CHECK_NULL(name.Buffer);
    CHECK_EQ_INT(g_reports, 1);

    IoCsqInsertIrp(&csq, NULL, &context);
    CHECK_STR_EQ(g_function, "IoCsqInsertIrp");
    CHECK_STATUS(IoCsqInsertIrpEx(&csq, NULL, &context, NULL), STATUS_NOT_SUPPORTED);
    CHECK_NULL(IoCsqRemoveNextIrp(&csq, NULL));
    CHECK_STR_EQ(g_function, "IoCsqRemoveNextIrp");
    CHECK_NULL(IoCsqRemoveIrp(&csq, &context));
    CHECK_EQ_INT(g_reports, 5);
    undis_report_set_hook(NULL, NULL);
}

TEST(ver_set_condition_mask_packs_three_bits_per_field)
{
#if UNDIS_HAVE_WINNT
    printf("skipped on Windows: the function is the system's (kernel32), not undis's\n");
#else
    ULONGLONG mask = 0;
    VER_SET_CONDITION(mask, VER_MAJORVERSION, VER_GREATER_EQUAL);
    CHECK_EQ_U64(mask, 3ULL << 3);
    VER_SET_CONDITION(mask, VER_MINORVERSION, VER_EQUAL);
    CHECK_EQ_U64(mask, (3ULL << 3) | 1ULL);
    mask = VerSetConditionMask(mask, VER_MAJORVERSION, VER_LESS);
    CHECK_EQ_U64(mask, (4ULL << 3) | 1ULL);
    CHECK_EQ_U64(VerSetConditionMask(0, VER_PRODUCT_TYPE, 0xFF), 7ULL << 21);
    CHECK_EQ_U64(VerSetConditionMask(5, 0, VER_AND), 5);
#endif
}

TEST(registry_and_version_check_fail_as_documented)
{
    OBJECT_ATTRIBUTES attributes;
    HANDLE key = (HANDLE)&attributes;
    ULONG length = 99;
    UCHAR buffer[32];
    RTL_OSVERSIONINFOEXW version;
    memset(&version, 0, sizeof(version));
    g_reports = 0;
    undis_report_set_hook(count_hook, NULL);

    InitializeObjectAttributes(&attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
    CHECK_EQ_U32(attributes.Length, sizeof(OBJECT_ATTRIBUTES));
    CHECK_EQ_U32(attributes.Attributes, OBJ_KERNEL_HANDLE);
    CHECK_NULL(attributes.SecurityQualityOfService);
    CHECK_STATUS(ZwOpenKey(&key, KEY_READ, &attributes), STATUS_NOT_SUPPORTED);
    CHECK_NULL(key);
    CHECK_STATUS(ZwQueryValueKey(key, NULL, KeyValuePartialInformation, buffer,
                                 (ULONG)sizeof(buffer), &length),
                 STATUS_NOT_SUPPORTED);
    CHECK_EQ_U32(length, 0);
    CHECK_STATUS(ZwClose(key), STATUS_INVALID_HANDLE); /* real (rt_thread.c): no report */
    CHECK_STR_EQ(g_function, "ZwQueryValueKey");
    CHECK_STATUS(RtlVerifyVersionInfo(&version, VER_MAJORVERSION, 3ULL << 3),
                 STATUS_REVISION_MISMATCH);
    CHECK_STR_EQ(g_function, "RtlVerifyVersionInfo");
    CHECK_EQ_INT(g_reports, 3);
    undis_report_set_hook(NULL, NULL);
}

TEST(string_printf_ex_reports_end_and_fills)
{
    char buffer[8];
    NTSTRSAFE_PSTR end = NULL;
    size_t remaining = 0;
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), &end, &remaining,
                                       STRSAFE_FILL_BYTE('x'), "a%d", 42),
                 STATUS_SUCCESS);
    CHECK_STR_EQ(buffer, "a42");
    CHECK(end == buffer + 3);
    CHECK_EQ_SIZE(remaining, 5);
    CHECK_MEM_EQ(buffer + 4, "xxxx", 4);
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), &end, &remaining,
                                       STRSAFE_FILL_BEHIND_NULL | STRSAFE_IGNORE_NULLS, NULL),
                 STATUS_SUCCESS);
    CHECK_STR_EQ(buffer, "");
    CHECK_EQ_SIZE(remaining, 8);
    CHECK_MEM_EQ(buffer + 1, "\0\0\0\0\0\0\0", 7);
}

TEST(string_printf_ex_failure_flags)
{
    char buffer[4];
    NTSTRSAFE_PSTR end = NULL;
    size_t remaining = 0;
    CHECK_STATUS(
        RtlStringCchPrintfExA(buffer, sizeof(buffer), &end, &remaining, 0, "%s", "toolong"),
        STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(buffer, "too");
    CHECK_EQ_SIZE(remaining, 1);
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), &end, &remaining,
                                       STRSAFE_NO_TRUNCATION, "%s", "toolong"),
                 STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(buffer, "");
    CHECK(end == buffer);
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), NULL, NULL,
                                       STRSAFE_FAILURE_BYTE('z'), "%s", "toolong"),
                 STATUS_BUFFER_OVERFLOW);
    CHECK_MEM_EQ(buffer, "zzz", 4);
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), NULL, NULL, 0x10000U, "a"),
                 STATUS_INVALID_PARAMETER);
    CHECK_STATUS(RtlStringCchPrintfExA(buffer, sizeof(buffer), NULL, NULL, 0, NULL),
                 STATUS_INVALID_PARAMETER);
}

TEST_MAIN_BEGIN
TEST_CASE(string_printf_ex_reports_end_and_fills)
TEST_CASE(string_printf_ex_failure_flags)
TEST_CASE(ver_set_condition_mask_packs_three_bits_per_field)
TEST_CASE(registry_and_version_check_fail_as_documented)
TEST_CASE(csq_initialize_fills_the_queue)
TEST_CASE(csq_initialize_ex_marks_the_ex_type)
TEST_CASE(partial_cancel_ids_differ_until_the_byte_wraps)
TEST_CASE(unsupported_names_fail_as_documented_and_report_once)
TEST_MAIN_END
