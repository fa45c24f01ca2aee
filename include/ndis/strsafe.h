/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/strsafe.h>: the common ntstrsafe.h set: RtlStringCb* (sizes in
 * bytes) and RtlStringCch* (sizes in characters) Copy, CopyN, Cat, CatN,
 * Length, Printf and VPrintf, narrow (A) and wide (W), and
 * RtlUnicodeStringInit / Copy / Cat.
 *
 * Results follow ntstrsafe.h: STATUS_SUCCESS; STATUS_BUFFER_OVERFLOW when the
 * result was truncated (the destination then holds the truncated,
 * NUL-terminated string); STATUS_INVALID_PARAMETER for a zero or oversized
 * destination (NTSTRSAFE_MAX_CCH characters at most; the destination is left
 * unchanged, or emptied when it has room). Length functions give
 * STATUS_INVALID_PARAMETER when no NUL is found within the limit.
 *
 * Printf formats take the Windows conversions (see DbgPrint in
 * <ndis/debug.h>): in the W forms %s is a wide string and %hs / %S a narrow
 * one; %wZ takes a PUNICODE_STRING. Wide output is produced through the
 * narrow formatter, so non-ASCII characters in W printf go through the C
 * library's current locale.
 * Any IRQL (the WDK restricts the Printf forms to PASSIVE_LEVEL for Unicode).
 */
#ifndef UNDIS_NDIS_STRSAFE_H
#define UNDIS_NDIS_STRSAFE_H

#include <stdarg.h>

#include "types.h"
#include "ntstatus.h"
#include "rtlstring.h"

UNDIS_EXTERN_C_BEGIN

#define NTSTRSAFE_MAX_CCH                2147483647
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(WCHAR))
typedef CHAR *NTSTRSAFE_PSTR;
typedef const CHAR *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;

NTSTATUS RtlStringCchCopyA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest,
                           _In_ size_t cchDest,
                           _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCchCopyW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
                           _In_ size_t cchDest,
                           _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCbCopyA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest,
                          _In_ size_t cbDest,
                          _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCbCopyW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
                          _In_ size_t cbDest,
                          _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCchCopyNA(NTSTRSAFE_PSTR pszDest,
                            size_t cchDest,
                            NTSTRSAFE_PCSTR pszSrc,
                            size_t cchToCopy);
NTSTATUS RtlStringCchCopyNW(NTSTRSAFE_PWSTR pszDest,
                            size_t cchDest,
                            NTSTRSAFE_PCWSTR pszSrc,
                            size_t cchToCopy);
NTSTATUS
RtlStringCbCopyNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc, size_t cbToCopy);
NTSTATUS
RtlStringCbCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc, size_t cbToCopy);
NTSTATUS RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCchCatNA(NTSTRSAFE_PSTR pszDest,
                           size_t cchDest,
                           NTSTRSAFE_PCSTR pszSrc,
                           size_t cchToAppend);
NTSTATUS RtlStringCchCatNW(NTSTRSAFE_PWSTR pszDest,
                           size_t cchDest,
                           NTSTRSAFE_PCWSTR pszSrc,
                           size_t cchToAppend);
NTSTATUS
RtlStringCbCatNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc, size_t cbToAppend);
NTSTATUS RtlStringCbCatNW(NTSTRSAFE_PWSTR pszDest,
                          size_t cbDest,
                          NTSTRSAFE_PCWSTR pszSrc,
                          size_t cbToAppend);
NTSTATUS RtlStringCchLengthA(_In_reads_or_z_(cchMax) NTSTRSAFE_PCSTR psz,
                             _In_ size_t cchMax,
                             _Out_opt_ size_t *pcchLength);
NTSTATUS RtlStringCchLengthW(_In_reads_or_z_(cchMax) NTSTRSAFE_PCWSTR psz,
                             _In_ size_t cchMax,
                             _Out_opt_ size_t *pcchLength);
NTSTATUS RtlStringCbLengthA(_In_reads_or_z_(cbMax) NTSTRSAFE_PCSTR psz,
                            _In_ size_t cbMax,
                            _Out_opt_ size_t *pcbLength);
NTSTATUS RtlStringCbLengthW(_In_reads_or_z_(cbMax) NTSTRSAFE_PCWSTR psz,
                            _In_ size_t cbMax,
                            _Out_opt_ size_t *pcbLength);
NTSTATUS RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest,
                              size_t cchDest,
                              NTSTRSAFE_PCSTR pszFormat,
                              va_list argList);
NTSTATUS RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest,
                              size_t cchDest,
                              NTSTRSAFE_PCWSTR pszFormat,
                              va_list argList);
NTSTATUS RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest,
                             size_t cbDest,
                             NTSTRSAFE_PCSTR pszFormat,
                             va_list argList);
NTSTATUS RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest,
                             size_t cbDest,
                             NTSTRSAFE_PCWSTR pszFormat,
                             va_list argList);
NTSTATUS
RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS
RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS
RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, ...);

/* The Ex forms' dwFlags: the low byte is the fill character. */
#define STRSAFE_IGNORE_NULLS     0x00000100U
#define STRSAFE_FILL_BEHIND_NULL 0x00000200U
#define STRSAFE_FILL_ON_FAILURE  0x00000400U
#define STRSAFE_NULL_ON_FAILURE  0x00000800U
#define STRSAFE_NO_TRUNCATION    0x00001000U
#define STRSAFE_FILL_BYTE(x)     ((ULONG)(((x)&0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x)  ((ULONG)(((x)&0x000000FF) | STRSAFE_FILL_ON_FAILURE))

/** As RtlStringCchVPrintfA, then: *ppszDestEnd (if non-NULL) the final NUL,
 * *pcchRemaining (if non-NULL) the characters left including it.
 * STRSAFE_IGNORE_NULLS: a NULL pszFormat is "". STRSAFE_FILL_BEHIND_NULL: on
 * success the rest of the buffer is set to the fill byte. On failure
 * (STATUS_BUFFER_OVERFLOW, STATUS_INVALID_PARAMETER) FILL_ON_FAILURE fills the
 * buffer and ends it with NUL, NULL_ON_FAILURE and NO_TRUNCATION leave it
 * "". Other flag bits: STATUS_INVALID_PARAMETER. */
NTSTATUS RtlStringCchVPrintfExA(NTSTRSAFE_PSTR pszDest,
                                size_t cchDest,
                                NTSTRSAFE_PSTR *ppszDestEnd,
                                size_t *pcchRemaining,
                                ULONG dwFlags,
                                NTSTRSAFE_PCSTR pszFormat,
                                va_list argList);
NTSTATUS RtlStringCchPrintfExA(NTSTRSAFE_PSTR pszDest,
                               size_t cchDest,
                               NTSTRSAFE_PSTR *ppszDestEnd,
                               size_t *pcchRemaining,
                               ULONG dwFlags,
                               NTSTRSAFE_PCSTR pszFormat,
                               ...);
/** The byte-counted forms (compat-d): as the Cch forms with cchDest =
 * cbDest, *pcbRemaining in bytes; cbDest over NTSTRSAFE_MAX_CCH is
 * STATUS_INVALID_PARAMETER, as a cchDest over it is. */
NTSTATUS RtlStringCbVPrintfExA(NTSTRSAFE_PSTR pszDest,
                               size_t cbDest,
                               NTSTRSAFE_PSTR *ppszDestEnd,
                               size_t *pcbRemaining,
                               ULONG dwFlags,
                               NTSTRSAFE_PCSTR pszFormat,
                               va_list argList);
NTSTATUS RtlStringCbPrintfExA(NTSTRSAFE_PSTR pszDest,
                              size_t cbDest,
                              NTSTRSAFE_PSTR *ppszDestEnd,
                              size_t *pcbRemaining,
                              ULONG dwFlags,
                              NTSTRSAFE_PCSTR pszFormat,
                              ...);

/*
 * The "secure" CRT formatter drivers call next to strsafe (compat-d): the
 * kernel's C runtime has it; a Linux or macOS C library does not, so undis
 * gives it there (on Windows the C runtime's own is used). _TRUNCATE as
 * count writes what fits; otherwise at most count characters. The result is
 * always NUL-terminated (sizeOfBuffer > 0); the return is the length
 * written, or -1 when the output was cut (at count or by the buffer with
 * _TRUNCATE). Output that does not fit a count of _TRUNCATE's absence, a
 * NULL buffer or format, or sizeOfBuffer 0 is MSVC's invalid-parameter
 * case: -1, with buffer[0] = '\0' when there is a buffer. Windows printf
 * conversions (%ws, %I64d, %Z, ...). Any IRQL (no allocation).
 */
#ifndef _TRUNCATE
#    define _TRUNCATE ((size_t)-1)
#endif
#if !defined(_WIN32)
int
_vsnprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format, va_list argptr);
int _snprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format, ...);
#endif

/** Init from a NUL-terminated string (NULL: empty); STATUS_INVALID_PARAMETER if too long. */
NTSTATUS RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString,
                              _In_opt_ NTSTRSAFE_PCWSTR pszSrc);
/** Copy / append; STATUS_BUFFER_OVERFLOW (truncated) when it does not fit. */
NTSTATUS RtlUnicodeStringCopy(_Inout_ PUNICODE_STRING DestinationString,
                              _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString,
                             _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringCopyString(_Inout_ PUNICODE_STRING DestinationString,
                                    _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString,
                                   _In_ NTSTRSAFE_PCWSTR pszSrc);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_STRSAFE_H */
