/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/rtlstring.h>: counted strings (UNICODE_STRING, ANSI_STRING,
 * NDIS_STRING), RTL_CONSTANT_STRING and NDIS_STRING_CONST, and the Rtl
 * string routines drivers call (wdm.h / ndis.h in the WDK).
 *
 * WCHAR is wchar_t (<ndis/types.h>): 4 bytes on Linux and macOS. Lengths are
 * in bytes, always a multiple of sizeof(WCHAR), and exclude the terminator:
 * RTL_CONSTANT_STRING(L"abc") has Length 3 * sizeof(WCHAR) and
 * MaximumLength 4 * sizeof(WCHAR) on every platform. Where the WDK writes
 * "sizeof(L"x") - 2", undis writes "- sizeof(WCHAR)".
 */
#ifndef UNDIS_NDIS_RTLSTRING_H
#define UNDIS_NDIS_RTLSTRING_H

#include "types.h"

UNDIS_EXTERN_C_BEGIN

#ifndef __UNICODE_STRING_DEFINED
#    define __UNICODE_STRING_DEFINED
typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
#endif
typedef const UNICODE_STRING *PCUNICODE_STRING;

#ifndef __STRING_DEFINED
#    define __STRING_DEFINED
typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
#endif
typedef const STRING *PCSTRING;
typedef const ANSI_STRING *PCANSI_STRING;

typedef UNICODE_STRING NDIS_STRING, *PNDIS_STRING;
typedef ANSI_STRING NDIS_ANSI_STRING, *PNDIS_ANSI_STRING;

#define UNICODE_NULL ((WCHAR)0)
#define ANSI_NULL    ((CHAR)0)
#ifndef UNICODE_STRING_MAX_BYTES
#    define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#endif
#ifndef UNICODE_STRING_MAX_CHARS
#    define UNICODE_STRING_MAX_CHARS (32767)
#endif

/* A string literal is const in C++ (and in C under -Wwrite-strings); the
 * WDK's constant strings drop that. */
#ifdef __cplusplus
extern "C++" {
template <class T>
inline T *
undis_rt_unconst(const T *p)
{
    return const_cast<T *>(p);
}
}
#    define UNDIS_RT_UNCONST_(s) undis_rt_unconst(s)
#else
/* Through an integer, so -Wwrite-strings / -Wcast-qual stay quiet; void *
 * converts to PWSTR or PCHAR as the initialised member needs. */
#    define UNDIS_RT_UNCONST_(s) ((void *)(ULONG_PTR)(s))
#endif

/* Initialiser for a UNICODE_STRING or ANSI_STRING from a literal. */
#define RTL_CONSTANT_STRING(s)                                                        \
    {                                                                                 \
        (USHORT)(sizeof(s) - sizeof((s)[0])), (USHORT)sizeof(s), UNDIS_RT_UNCONST_(s) \
    }
#define DECLARE_CONST_UNICODE_STRING(_var, _str) \
    const UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str) \
    extern const UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)
#define DECLARE_UNICODE_STRING_SIZE(_var, _size) \
    WCHAR _var##_buffer[_size];                  \
    UNICODE_STRING _var = { 0, (USHORT)((_size) * sizeof(WCHAR)), _var##_buffer }

/* NDIS_STRING_CONST("abc"): x is a narrow literal, made wide here. */
#define NDIS_STRING_CONST(x)                                                                  \
    {                                                                                         \
        (USHORT)(sizeof(L##x) - sizeof(WCHAR)), (USHORT)sizeof(L##x), UNDIS_RT_UNCONST_(L##x) \
    }

/** Length/MaximumLength from a NUL-terminated string (NULL: empty). */
VOID NTAPI RtlInitUnicodeString(_Out_ PUNICODE_STRING DestinationString,
                                _In_opt_z_ PCWSTR SourceString);
VOID NTAPI RtlInitAnsiString(_Out_ PANSI_STRING DestinationString,
                             _In_opt_z_ const CHAR *SourceString);
VOID NTAPI RtlInitString(_Out_ PSTRING DestinationString, _In_opt_z_ const CHAR *SourceString);
/** Copy as much as fits in Destination's MaximumLength (NULL Source: empty). */
VOID NTAPI RtlCopyUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
                                _In_opt_ PCUNICODE_STRING SourceString);
/** Case-insensitive compares fold ASCII letters only. */
BOOLEAN NTAPI RtlEqualUnicodeString(_In_ PCUNICODE_STRING String1,
                                    _In_ PCUNICODE_STRING String2,
                                    _In_ BOOLEAN CaseInSensitive);
LONG NTAPI RtlCompareUnicodeString(_In_ PCUNICODE_STRING String1,
                                   _In_ PCUNICODE_STRING String2,
                                   _In_ BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlEqualString(_In_ const STRING *String1,
                             _In_ const STRING *String2,
                             _In_ BOOLEAN CaseInSensitive);
/** STATUS_SUCCESS, or STATUS_BUFFER_TOO_SMALL with Destination unchanged. */
NTSTATUS NTAPI RtlAppendUnicodeStringToString(_Inout_ PUNICODE_STRING Destination,
                                              _In_ PCUNICODE_STRING Source);
NTSTATUS NTAPI RtlAppendUnicodeToString(_Inout_ PUNICODE_STRING Destination,
                                        _In_opt_z_ PCWSTR Source);
/** Allocate (AllocateDestinationString TRUE) or fill; characters above 0x7F
 *  become '?'. STATUS_NO_MEMORY, STATUS_BUFFER_OVERFLOW or STATUS_SUCCESS. */
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(_Inout_ PANSI_STRING DestinationString,
                                            _In_ PCUNICODE_STRING SourceString,
                                            _In_ BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlAnsiStringToUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
                                            _In_ PCANSI_STRING SourceString,
                                            _In_ BOOLEAN AllocateDestinationString);
VOID NTAPI RtlFreeUnicodeString(_Inout_ PUNICODE_STRING UnicodeString);
VOID NTAPI RtlFreeAnsiString(_Inout_ PANSI_STRING AnsiString);
/** Decimal/hex/octal/binary text to ULONG (Base 0: by prefix). */
NTSTATUS NTAPI RtlUnicodeStringToInteger(_In_ PCUNICODE_STRING String,
                                         _In_opt_ ULONG Base,
                                         _Out_ PULONG Value);

#define NdisInitUnicodeString(_us, _s)        RtlInitUnicodeString(_us, _s)
#define NdisEqualString(_s1, _s2, _ci)        RtlEqualUnicodeString(_s1, _s2, _ci)
#define NdisEqualUnicodeString(_s1, _s2, _ci) RtlEqualUnicodeString(_s1, _s2, _ci)
#define NdisFreeString(_s)                    RtlFreeUnicodeString(&(_s))

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_RTLSTRING_H */
