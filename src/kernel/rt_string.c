/* SPDX-License-Identifier: MIT */
/*
 * rt_string.c: counted strings (UNICODE_STRING, ANSI_STRING) and the
 * ntstrsafe.h set. Buffers the Rtl routines allocate come from pool
 * (ExAllocatePoolWithTag), so RtlFree*String, NdisFreeString and leak
 * accounting agree.
 */
#include "kernel/rt_internal.h"

#define STR_TAG 0x72745355U /* 'UStr' */

static size_t
wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    return n;
}

static WCHAR
wfold(WCHAR c)
{
    return (c >= 'a' && c <= 'z') ? (WCHAR)(c - 'a' + 'A') : c;
}

VOID NTAPI
RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    size_t n = SourceString != NULL ? wlen(SourceString) * sizeof(WCHAR) : 0;
    if (n > UNICODE_STRING_MAX_BYTES - sizeof(WCHAR)) {
        n = UNICODE_STRING_MAX_BYTES - sizeof(WCHAR);
    }
    DestinationString->Length = (USHORT)n;
    DestinationString->MaximumLength = (USHORT)(SourceString != NULL ? n + sizeof(WCHAR) : 0);
    DestinationString->Buffer = (PWSTR)(ULONG_PTR)SourceString;
}

VOID NTAPI
RtlInitAnsiString(PANSI_STRING DestinationString, const CHAR *SourceString)
{
    size_t n = SourceString != NULL ? strlen(SourceString) : 0;
    if (n > 0xFFFE) {
        n = 0xFFFE;
    }
    DestinationString->Length = (USHORT)n;
    DestinationString->MaximumLength = (USHORT)(SourceString != NULL ? n + 1 : 0);
    DestinationString->Buffer = (PCHAR)(ULONG_PTR)SourceString;
}

VOID NTAPI
RtlInitString(PSTRING DestinationString, const CHAR *SourceString)
{
    RtlInitAnsiString(DestinationString, SourceString);
}

VOID NTAPI
RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    USHORT n;
    if (SourceString == NULL) {
        DestinationString->Length = 0;
        return;
    }
    n = SourceString->Length < DestinationString->MaximumLength ? SourceString->Length
                                                                : DestinationString->MaximumLength;
    n = (USHORT)(n - n % sizeof(WCHAR));
    memmove(DestinationString->Buffer, SourceString->Buffer, n);
    DestinationString->Length = n;
    if (n + sizeof(WCHAR) <= DestinationString->MaximumLength) {
        DestinationString->Buffer[n / sizeof(WCHAR)] = 0;
    }
}

LONG NTAPI
RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    size_t n1 = String1->Length / sizeof(WCHAR);
    size_t n2 = String2->Length / sizeof(WCHAR);
    size_t i;
    for (i = 0; i < n1 && i < n2; i++) {
        WCHAR a = CaseInSensitive ? wfold(String1->Buffer[i]) : String1->Buffer[i];
        WCHAR b = CaseInSensitive ? wfold(String2->Buffer[i]) : String2->Buffer[i];
        if (a != b) {
            return (LONG)a - (LONG)b;
        }
    }
    return (LONG)n1 - (LONG)n2;
}

BOOLEAN NTAPI
RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    return (BOOLEAN)(String1->Length == String2->Length &&
                     RtlCompareUnicodeString(String1, String2, CaseInSensitive) == 0);
}

BOOLEAN NTAPI
RtlEqualString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive)
{
    USHORT i;
    if (String1->Length != String2->Length) {
        return FALSE;
    }
    for (i = 0; i < String1->Length; i++) {
        CHAR a = String1->Buffer[i];
        CHAR b = String2->Buffer[i];
        if (CaseInSensitive) {
            a = (a >= 'a' && a <= 'z') ? (CHAR)(a - 'a' + 'A') : a;
            b = (b >= 'a' && b <= 'z') ? (CHAR)(b - 'a' + 'A') : b;
        }
        if (a != b) {
            return FALSE;
        }
    }
    return TRUE;
}

static NTSTATUS
append_units(PUNICODE_STRING Destination, const WCHAR *src, size_t bytes)
{
    size_t total = (size_t)Destination->Length + bytes;
    if (total > Destination->MaximumLength) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memmove((PUCHAR)Destination->Buffer + Destination->Length, src, bytes);
    Destination->Length = (USHORT)total;
    if (total + sizeof(WCHAR) <= Destination->MaximumLength) {
        Destination->Buffer[total / sizeof(WCHAR)] = 0;
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI
RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source)
{
    return append_units(Destination, Source->Buffer, Source->Length);
}

NTSTATUS NTAPI
RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
    return Source == NULL ? STATUS_SUCCESS
                          : append_units(Destination, Source, wlen(Source) * sizeof(WCHAR));
}

NTSTATUS NTAPI
RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
                             PCUNICODE_STRING SourceString,
                             BOOLEAN AllocateDestinationString)
{
    size_t n = SourceString->Length / sizeof(WCHAR);
    size_t i;
    NTSTATUS status = STATUS_SUCCESS;
    if (AllocateDestinationString) {
        DestinationString->Buffer = (PCHAR)ExAllocatePoolWithTag(PagedPool, n + 1, STR_TAG);
        if (DestinationString->Buffer == NULL) {
            return STATUS_NO_MEMORY;
        }
        DestinationString->MaximumLength = (USHORT)(n + 1);
    } else if (n >= DestinationString->MaximumLength) {
        if (DestinationString->MaximumLength == 0) {
            return STATUS_BUFFER_OVERFLOW;
        }
        n = DestinationString->MaximumLength - 1U;
        status = STATUS_BUFFER_OVERFLOW;
    }
    for (i = 0; i < n; i++) {
        WCHAR c = SourceString->Buffer[i];
        DestinationString->Buffer[i] = ((ULONG)c < 0x80U) ? (CHAR)c : '?';
    }
    DestinationString->Buffer[n] = '\0';
    DestinationString->Length = (USHORT)n;
    return status;
}

NTSTATUS NTAPI
RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
                             PCANSI_STRING SourceString,
                             BOOLEAN AllocateDestinationString)
{
    size_t n = SourceString->Length;
    size_t i;
    if ((n + 1) * sizeof(WCHAR) > UNICODE_STRING_MAX_BYTES) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (AllocateDestinationString) {
        DestinationString->Buffer =
            (PWSTR)ExAllocatePoolWithTag(PagedPool, (n + 1) * sizeof(WCHAR), STR_TAG);
        if (DestinationString->Buffer == NULL) {
            return STATUS_NO_MEMORY;
        }
        DestinationString->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    } else if ((n + 1) * sizeof(WCHAR) > DestinationString->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (i = 0; i < n; i++) {
        DestinationString->Buffer[i] = (WCHAR)(UCHAR)SourceString->Buffer[i];
    }
    DestinationString->Buffer[n] = 0;
    DestinationString->Length = (USHORT)(n * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

VOID NTAPI
RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    if (UnicodeString->Buffer != NULL) {
        ExFreePool(UnicodeString->Buffer);
    }
    memset(UnicodeString, 0, sizeof(*UnicodeString));
}

VOID NTAPI
RtlFreeAnsiString(PANSI_STRING AnsiString)
{
    if (AnsiString->Buffer != NULL) {
        ExFreePool(AnsiString->Buffer);
    }
    memset(AnsiString, 0, sizeof(*AnsiString));
}

NTSTATUS NTAPI
RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value)
{
    size_t n = String->Length / sizeof(WCHAR);
    size_t i = 0;
    ULONG v = 0;
    BOOLEAN negative = FALSE;
    while (i < n && (String->Buffer[i] == ' ' || String->Buffer[i] == '\t')) {
        i++;
    }
    if (i < n && (String->Buffer[i] == '-' || String->Buffer[i] == '+')) {
        negative = (BOOLEAN)(String->Buffer[i] == '-');
        i++;
    }
    if (Base == 0) {
        Base = 10;
        if (i + 1 < n && String->Buffer[i] == '0') {
            WCHAR p = String->Buffer[i + 1];
            Base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            i += Base == 10 ? 0 : 2;
        }
    } else if (Base != 2 && Base != 8 && Base != 10 && Base != 16) {
        return STATUS_INVALID_PARAMETER;
    }
    for (; i < n; i++) {
        WCHAR c = String->Buffer[i];
        ULONG d = c >= '0' && c <= '9'   ? (ULONG)(c - '0')
                  : c >= 'a' && c <= 'f' ? (ULONG)(c - 'a' + 10)
                  : c >= 'A' && c <= 'F' ? (ULONG)(c - 'A' + 10)
                                         : 99U;
        if (d >= Base) {
            break;
        }
        v = v * Base + d;
    }
    *Value = negative ? (ULONG)(0U - v) : v;
    return STATUS_SUCCESS;
}
