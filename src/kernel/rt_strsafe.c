/* SPDX-License-Identifier: MIT */
/*
 * rt_strsafe.c: the ntstrsafe.h functions. The A and W forms share one body
 * per operation, written once over the character type by a macro.
 */
#include "kernel/rt_internal.h"

#include <stdio.h>

/* Copy at most `max` characters of src (stopping at NUL) into dst[0..cch). */
#define DEFINE_COPY(NAME, T)                                           \
    static NTSTATUS NAME(T *dst, size_t cch, const T *src, size_t max) \
    {                                                                  \
        size_t i = 0;                                                  \
        if (cch == 0 || cch > NTSTRSAFE_MAX_CCH) {                     \
            return STATUS_INVALID_PARAMETER;                           \
        }                                                              \
        while (i < max && src[i] != 0) {                               \
            if (i + 1 == cch) {                                        \
                dst[i] = 0;                                            \
                return STATUS_BUFFER_OVERFLOW;                         \
            }                                                          \
            dst[i] = src[i];                                           \
            i++;                                                       \
        }                                                              \
        dst[i] = 0;                                                    \
        return STATUS_SUCCESS;                                         \
    }

#define DEFINE_LENGTH(NAME, T)                                      \
    static NTSTATUS NAME(const T *s, size_t max, size_t *out)       \
    {                                                               \
        size_t i = 0;                                               \
        if (s == NULL || max > NTSTRSAFE_MAX_CCH) {                 \
            if (out != NULL) {                                      \
                *out = 0;                                           \
            }                                                       \
            return STATUS_INVALID_PARAMETER;                        \
        }                                                           \
        while (i < max && s[i] != 0) {                              \
            i++;                                                    \
        }                                                           \
        if (out != NULL) {                                          \
            *out = i < max ? i : 0;                                 \
        }                                                           \
        return i < max ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER; \
    }

DEFINE_COPY(copy_a, CHAR)
DEFINE_COPY(copy_w, WCHAR)
DEFINE_LENGTH(length_a, CHAR)
DEFINE_LENGTH(length_w, WCHAR)

static NTSTATUS
cat_a(CHAR *dst, size_t cch, const CHAR *src, size_t max)
{
    size_t used;
    if (length_a(dst, cch, &used) != STATUS_SUCCESS) {
        return STATUS_INVALID_PARAMETER;
    }
    return copy_a(dst + used, cch - used, src, max);
}

static NTSTATUS
cat_w(WCHAR *dst, size_t cch, const WCHAR *src, size_t max)
{
    size_t used;
    if (length_w(dst, cch, &used) != STATUS_SUCCESS) {
        return STATUS_INVALID_PARAMETER;
    }
    return copy_w(dst + used, cch - used, src, max);
}

NTSTATUS
RtlStringCchCopyA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    return copy_a(pszDest, cchDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCchCopyW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return copy_w(pszDest, cchDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCbCopyA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return copy_a(pszDest, cbDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCbCopyW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return copy_w(pszDest, cbDest / sizeof(WCHAR), pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCchCopyNA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc, size_t cchToCopy)
{
    return copy_a(pszDest, cchDest, pszSrc, cchToCopy);
}

NTSTATUS
RtlStringCchCopyNW(NTSTRSAFE_PWSTR pszDest,
                   size_t cchDest,
                   NTSTRSAFE_PCWSTR pszSrc,
                   size_t cchToCopy)
{
    return copy_w(pszDest, cchDest, pszSrc, cchToCopy);
}

NTSTATUS
RtlStringCbCopyNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc, size_t cbToCopy)
{
    return copy_a(pszDest, cbDest, pszSrc, cbToCopy);
}

NTSTATUS
RtlStringCbCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc, size_t cbToCopy)
{
    return copy_w(pszDest, cbDest / sizeof(WCHAR), pszSrc, cbToCopy / sizeof(WCHAR));
}

NTSTATUS
RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    return cat_a(pszDest, cchDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return cat_w(pszDest, cchDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return cat_a(pszDest, cbDest, pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return cat_w(pszDest, cbDest / sizeof(WCHAR), pszSrc, (size_t)-1);
}

NTSTATUS
RtlStringCchCatNA(NTSTRSAFE_PSTR pszDest,
                  size_t cchDest,
                  NTSTRSAFE_PCSTR pszSrc,
                  size_t cchToAppend)
{
    return cat_a(pszDest, cchDest, pszSrc, cchToAppend);
}

NTSTATUS
RtlStringCchCatNW(NTSTRSAFE_PWSTR pszDest,
                  size_t cchDest,
                  NTSTRSAFE_PCWSTR pszSrc,
                  size_t cchToAppend)
{
    return cat_w(pszDest, cchDest, pszSrc, cchToAppend);
}

NTSTATUS
RtlStringCbCatNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc, size_t cbToAppend)
{
    return cat_a(pszDest, cbDest, pszSrc, cbToAppend);
}

NTSTATUS
RtlStringCbCatNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc, size_t cbToAppend)
{
    return cat_w(pszDest, cbDest / sizeof(WCHAR), pszSrc, cbToAppend / sizeof(WCHAR));
}

NTSTATUS
RtlStringCchLengthA(NTSTRSAFE_PCSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_a(psz, cchMax, pcchLength);
}

NTSTATUS
RtlStringCchLengthW(NTSTRSAFE_PCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_w(psz, cchMax, pcchLength);
}

NTSTATUS
RtlStringCbLengthA(NTSTRSAFE_PCSTR psz, size_t cbMax, size_t *pcbLength)
{
    return length_a(psz, cbMax, pcbLength);
}

NTSTATUS
RtlStringCbLengthW(NTSTRSAFE_PCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t n = 0;
    NTSTATUS st = length_w(psz, cbMax / sizeof(WCHAR), &n);
    if (pcbLength != NULL) {
        *pcbLength = n * sizeof(WCHAR);
    }
    return st;
}

/* ---- printf ------------------------------------------------------------------ */

static NTSTATUS
vprintf_a(CHAR *dst, size_t cch, const CHAR *fmt, va_list ap)
{
    long n;
    if (cch == 0 || cch > NTSTRSAFE_MAX_CCH) {
        return STATUS_INVALID_PARAMETER;
    }
    n = undis__rt_vformat(dst, cch, fmt, ap, 0);
    if (n < 0) {
        return STATUS_INVALID_PARAMETER;
    }
    return (size_t)n < cch ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

/* The W forms format narrow, then widen (the format itself must be ASCII). */
static NTSTATUS
vprintf_w(WCHAR *dst, size_t cch, const WCHAR *fmt, va_list ap)
{
    char nfmt[512];
    char *out;
    size_t i;
    long n;
    if (cch == 0 || cch > NTSTRSAFE_MAX_CCH) {
        return STATUS_INVALID_PARAMETER;
    }
    for (i = 0; fmt[i] != 0; i++) {
        if (i + 1 >= sizeof(nfmt) || (ULONG)fmt[i] >= 0x80U) {
            dst[0] = 0;
            return STATUS_INVALID_PARAMETER;
        }
        nfmt[i] = (char)fmt[i];
    }
    nfmt[i] = '\0';
    out = (char *)undis__mem_alloc(cch);
    if (out == NULL) {
        dst[0] = 0;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    n = undis__rt_vformat(out, cch, nfmt, ap, 1);
    for (i = 0; out[i] != '\0'; i++) {
        dst[i] = (WCHAR)(UCHAR)out[i];
    }
    dst[i] = 0;
    undis__mem_free(out);
    if (n < 0) {
        return STATUS_INVALID_PARAMETER;
    }
    return (size_t)n < cch ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS
RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest,
                     size_t cchDest,
                     NTSTRSAFE_PCSTR pszFormat,
                     va_list argList)
{
    return vprintf_a(pszDest, cchDest, pszFormat, argList);
}

NTSTATUS
RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest,
                     size_t cchDest,
                     NTSTRSAFE_PCWSTR pszFormat,
                     va_list argList)
{
    return vprintf_w(pszDest, cchDest, pszFormat, argList);
}

NTSTATUS
RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest,
                    size_t cbDest,
                    NTSTRSAFE_PCSTR pszFormat,
                    va_list argList)
{
    return vprintf_a(pszDest, cbDest, pszFormat, argList);
}

NTSTATUS
RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest,
                    size_t cbDest,
                    NTSTRSAFE_PCWSTR pszFormat,
                    va_list argList)
{
    return vprintf_w(pszDest, cbDest / sizeof(WCHAR), pszFormat, argList);
}

NTSTATUS
RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, ...)
{
    NTSTATUS st;
    va_list ap;
    va_start(ap, pszFormat);
    st = vprintf_a(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return st;
}

NTSTATUS
RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    NTSTATUS st;
    va_list ap;
    va_start(ap, pszFormat);
    st = vprintf_w(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return st;
}

NTSTATUS
RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, ...)
{
    NTSTATUS st;
    va_list ap;
    va_start(ap, pszFormat);
    st = vprintf_a(pszDest, cbDest, pszFormat, ap);
    va_end(ap);
    return st;
}

NTSTATUS
RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    NTSTATUS st;
    va_list ap;
    va_start(ap, pszFormat);
    st = vprintf_w(pszDest, cbDest / sizeof(WCHAR), pszFormat, ap);
    va_end(ap);
    return st;
}

/* ---- UNICODE_STRING forms ------------------------------------------------------ */

NTSTATUS
RtlUnicodeStringInit(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    size_t n = 0;
    DestinationString->Length = 0;
    DestinationString->MaximumLength = 0;
    DestinationString->Buffer = (PWSTR)(ULONG_PTR)pszSrc;
    if (pszSrc == NULL) {
        return STATUS_SUCCESS;
    }
    if (length_w(pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH, &n) != STATUS_SUCCESS) {
        DestinationString->Buffer = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    DestinationString->Length = (USHORT)(n * sizeof(WCHAR));
    DestinationString->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

static NTSTATUS
ustr_put(PUNICODE_STRING d, size_t at, const WCHAR *src, size_t units)
{
    size_t room = d->MaximumLength / sizeof(WCHAR);
    size_t n = at + units <= room ? units : (room > at ? room - at : 0);
    memmove(d->Buffer + at, src, n * sizeof(WCHAR));
    d->Length = (USHORT)((at + n) * sizeof(WCHAR));
    return n == units ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS
RtlUnicodeStringCopy(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    return ustr_put(DestinationString, 0, SourceString->Buffer,
                    SourceString->Length / sizeof(WCHAR));
}

NTSTATUS
RtlUnicodeStringCat(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    return ustr_put(DestinationString, DestinationString->Length / sizeof(WCHAR),
                    SourceString->Buffer, SourceString->Length / sizeof(WCHAR));
}

NTSTATUS
RtlUnicodeStringCopyString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    size_t n = 0;
    while (pszSrc[n] != 0) {
        n++;
    }
    return ustr_put(DestinationString, 0, pszSrc, n);
}

NTSTATUS
RtlUnicodeStringCatString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    size_t n = 0;
    while (pszSrc[n] != 0) {
        n++;
    }
    return ustr_put(DestinationString, DestinationString->Length / sizeof(WCHAR), pszSrc, n);
}
