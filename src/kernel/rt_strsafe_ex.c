/* SPDX-License-Identifier: MIT */
/*
 * rt_strsafe_ex.c: the Ex forms of the narrow Printf (RtlStringCchPrintfExA,
 * RtlStringCchVPrintfExA, and the byte-counted RtlStringCb(V)PrintfExA): the
 * plain form, then the end pointer, the remaining count and the fill/failure
 * behaviour that dwFlags asks for.
 */
#include "kernel/rt_internal.h"

#include <string.h>

#include <ndis.h>

#define STRSAFE_VALID_FLAGS                                                              \
    (0xFFU | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL | STRSAFE_FILL_ON_FAILURE | \
     STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)

/* Apply the failure flags to a buffer of cch characters (cch > 0). */
static void
on_failure(NTSTRSAFE_PSTR dest, size_t cch, ULONG flags)
{
    if ((flags & STRSAFE_FILL_ON_FAILURE) != 0) {
        memset(dest, (int)(flags & 0xFFU), cch);
        dest[cch - 1] = '\0';
    }
    if ((flags & (STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)) != 0) {
        dest[0] = '\0';
    }
}

NTSTATUS
RtlStringCchVPrintfExA(NTSTRSAFE_PSTR pszDest,
                       size_t cchDest,
                       NTSTRSAFE_PSTR *ppszDestEnd,
                       size_t *pcchRemaining,
                       ULONG dwFlags,
                       NTSTRSAFE_PCSTR pszFormat,
                       va_list argList)
{
    NTSTATUS status;
    size_t length;
    if ((dwFlags & ~STRSAFE_VALID_FLAGS) != 0 || pszDest == NULL || cchDest == 0 ||
        cchDest > NTSTRSAFE_MAX_CCH) {
        return STATUS_INVALID_PARAMETER;
    }
    if (pszFormat == NULL && (dwFlags & STRSAFE_IGNORE_NULLS) != 0) {
        pszFormat = "";
    }
    status = pszFormat == NULL ? STATUS_INVALID_PARAMETER
                               : RtlStringCchVPrintfA(pszDest, cchDest, pszFormat, argList);
    if (!NT_SUCCESS(status)) {
        on_failure(pszDest, cchDest, dwFlags);
    }
    length = 0;
    while (length < cchDest - 1 && pszDest[length] != '\0') {
        length++;
    }
    pszDest[length] = '\0';
    if (NT_SUCCESS(status) && (dwFlags & STRSAFE_FILL_BEHIND_NULL) != 0 && length + 1 < cchDest) {
        memset(pszDest + length + 1, (int)(dwFlags & 0xFFU), cchDest - length - 1);
    }
    if (ppszDestEnd != NULL) {
        *ppszDestEnd = pszDest + length;
    }
    if (pcchRemaining != NULL) {
        *pcchRemaining = cchDest - length;
    }
    return status;
}

NTSTATUS
RtlStringCchPrintfExA(NTSTRSAFE_PSTR pszDest,
                      size_t cchDest,
                      NTSTRSAFE_PSTR *ppszDestEnd,
                      size_t *pcchRemaining,
                      ULONG dwFlags,
                      NTSTRSAFE_PCSTR pszFormat,
                      ...)
{
    NTSTATUS status;
    va_list ap;
    va_start(ap, pszFormat);
    status = RtlStringCchVPrintfExA(pszDest, cchDest, ppszDestEnd, pcchRemaining, dwFlags,
                                    pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTATUS
RtlStringCbVPrintfExA(NTSTRSAFE_PSTR pszDest,
                      size_t cbDest,
                      NTSTRSAFE_PSTR *ppszDestEnd,
                      size_t *pcbRemaining,
                      ULONG dwFlags,
                      NTSTRSAFE_PCSTR pszFormat,
                      va_list argList)
{
    /* A char is one byte: the byte count is the character count. */
    return RtlStringCchVPrintfExA(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat,
                                  argList);
}

NTSTATUS
RtlStringCbPrintfExA(NTSTRSAFE_PSTR pszDest,
                     size_t cbDest,
                     NTSTRSAFE_PSTR *ppszDestEnd,
                     size_t *pcbRemaining,
                     ULONG dwFlags,
                     NTSTRSAFE_PCSTR pszFormat,
                     ...)
{
    NTSTATUS status;
    va_list ap;
    va_start(ap, pszFormat);
    status =
        RtlStringCbVPrintfExA(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat, ap);
    va_end(ap);
    return status;
}
