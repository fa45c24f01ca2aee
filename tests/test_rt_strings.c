/*
 * test_rt_strings.c - WCHAR and constant strings (lengths consistent with a
 * 4-byte wchar_t), the Rtl counted-string routines, the ntstrsafe.h set with
 * its truncation statuses, and the Windows printf conversions of DbgPrint.
 */
#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>
#include <undis/fault.h>

/* Compares a WCHAR string with an ASCII one. */
static int
wcscmp_ascii_(const WCHAR *w, const char *a)
{
    size_t i = 0;
    while (a[i] != '\0' && w[i] == (WCHAR)a[i]) {
        i++;
    }
    return a[i] == '\0' && w[i] == 0;
}

TEST(constant_strings_have_consistent_lengths)
{
    UNICODE_STRING a = RTL_CONSTANT_STRING(L"abc");
    NDIS_STRING b = NDIS_STRING_CONST("abc");
    ANSI_STRING c = RTL_CONSTANT_STRING("abc");
    UNICODE_STRING d;
    CHECK_EQ_SIZE(sizeof(WCHAR), sizeof(wchar_t));
    CHECK_EQ_U32(a.Length, 3 * sizeof(WCHAR));
    CHECK_EQ_U32(a.MaximumLength, 4 * sizeof(WCHAR));
    CHECK_EQ_U32(b.Length, a.Length);
    CHECK_EQ_U32(b.MaximumLength, a.MaximumLength);
    CHECK_EQ_U32(c.Length, 3);
    RtlInitUnicodeString(&d, L"abc");
    CHECK_EQ_U32(d.Length, a.Length);
    CHECK(RtlEqualUnicodeString(&a, &d, FALSE));
    CHECK(NdisEqualString(&a, &b, FALSE));
}

TEST(compare_copy_append)
{
    UNICODE_STRING x = RTL_CONSTANT_STRING(L"Hello");
    UNICODE_STRING y = RTL_CONSTANT_STRING(L"hello");
    WCHAR buf[8];
    UNICODE_STRING d;
    CHECK(!RtlEqualUnicodeString(&x, &y, FALSE));
    CHECK(RtlEqualUnicodeString(&x, &y, TRUE));
    CHECK(RtlCompareUnicodeString(&x, &y, FALSE) < 0);
    d.Buffer = buf;
    d.Length = 0;
    d.MaximumLength = sizeof(buf);
    RtlCopyUnicodeString(&d, &x);
    CHECK_EQ_U32(d.Length, 5 * sizeof(WCHAR));
    CHECK_STATUS(RtlAppendUnicodeToString(&d, L"!!"), STATUS_SUCCESS);
    CHECK_STATUS(RtlAppendUnicodeToString(&d, L"!!"), STATUS_BUFFER_TOO_SMALL);
    CHECK_EQ_U32(d.Length, 7 * sizeof(WCHAR));
}

TEST(ansi_unicode_conversion_allocates_from_pool)
{
    ANSI_STRING a;
    UNICODE_STRING u;
    ANSI_STRING back;
    ULONG v = 0;
    UNICODE_STRING num = RTL_CONSTANT_STRING(L"0x1F");
    RtlInitAnsiString(&a, "eth0");
    CHECK_STATUS(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_SUCCESS);
    CHECK_EQ_U32(u.Length, 4 * sizeof(WCHAR));
    CHECK_STATUS(RtlUnicodeStringToAnsiString(&back, &u, TRUE), STATUS_SUCCESS);
    CHECK_STR_EQ(back.Buffer, "eth0");
    RtlFreeAnsiString(&back);
    RtlFreeUnicodeString(&u);
    CHECK_STATUS(RtlUnicodeStringToInteger(&num, 0, &v), STATUS_SUCCESS);
    CHECK_EQ_U32(v, 31);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(strsafe_copy_cat_length)
{
    char a[6];
    WCHAR w[6];
    size_t n = 0;
    CHECK_STATUS(RtlStringCchCopyA(a, sizeof(a), "abc"), STATUS_SUCCESS);
    CHECK_STATUS(RtlStringCchCatA(a, sizeof(a), "de"), STATUS_SUCCESS);
    CHECK_STR_EQ(a, "abcde");
    CHECK_STATUS(RtlStringCbCatA(a, sizeof(a), "f"), STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(a, "abcde");
    CHECK_STATUS(RtlStringCchCopyA(a, sizeof(a), "toolong"), STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(a, "toolo");
    CHECK_STATUS(RtlStringCchCopyA(a, 0, "x"), STATUS_INVALID_PARAMETER);
    CHECK_STATUS(RtlStringCchCopyNA(a, sizeof(a), "xyz", 2), STATUS_SUCCESS);
    CHECK_STR_EQ(a, "xy");
    CHECK_STATUS(RtlStringCbCopyW(w, sizeof(w), L"hi"), STATUS_SUCCESS);
    CHECK_STATUS(RtlStringCchCatW(w, 6, L"!"), STATUS_SUCCESS);
    CHECK_STATUS(RtlStringCchLengthW(w, 6, &n), STATUS_SUCCESS);
    CHECK_EQ_SIZE(n, 3);
    CHECK_STATUS(RtlStringCbLengthW(w, sizeof(w), &n), STATUS_SUCCESS);
    CHECK_EQ_SIZE(n, 3 * sizeof(WCHAR));
    CHECK_STATUS(RtlStringCchLengthA("abcdef", 3, &n), STATUS_INVALID_PARAMETER);
}

TEST(strsafe_printf_windows_conversions)
{
    char a[64];
    WCHAR w[32];
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"eth1");
    LONG v = -5;
    ULONGLONG big = 0x123456789ULL;
    CHECK_STATUS(RtlStringCbPrintfA(a, sizeof(a), "%ld %I64x %ws %wZ %hs %Iu", v, big, L"wide",
                                    &name, "narrow", (SIZE_T)7),
                 STATUS_SUCCESS);
    CHECK_STR_EQ(a, "-5 123456789 wide eth1 narrow 7");
    CHECK_STATUS(RtlStringCchPrintfA(a, 4, "%d", 12345), STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(a, "123");
    CHECK_STATUS(RtlStringCchPrintfW(w, 32, L"%s-%hs-%04u", L"w", "n", 42U), STATUS_SUCCESS);
    CHECK(wcscmp_ascii_(w, "w-n-0042"));
}

static char g_captured[256];

static void
capture(ULONG component, ULONG level, const char *text, void *ctx)
{
    (void)component;
    (void)level;
    (void)ctx;
    strncat(g_captured, text, sizeof(g_captured) - strlen(g_captured) - 1);
}

TEST(dbgprint_filters_by_level)
{
    g_captured[0] = '\0';
    undis_rt_set_dbgprint_sink(capture, NULL);
    DbgPrint("a=%d;", 1);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "e;");
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "hidden;");
    (void)undis_rt_set_dbgprint_mask(1U << DPFLTR_INFO_LEVEL);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "shown;");
    (void)undis_rt_set_dbgprint_mask(0);
    undis_rt_set_dbgprint_sink(NULL, NULL);
    CHECK_STR_EQ(g_captured, "a=1;e;shown;");
}

TEST_MAIN_BEGIN
TEST_CASE(constant_strings_have_consistent_lengths)
TEST_CASE(compare_copy_append)
TEST_CASE(ansi_unicode_conversion_allocates_from_pool)
TEST_CASE(strsafe_copy_cat_length)
TEST_CASE(strsafe_printf_windows_conversions)
TEST_CASE(dbgprint_filters_by_level)
TEST_MAIN_END
