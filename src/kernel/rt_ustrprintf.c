/* SPDX-License-Identifier: MIT */
/*
 * rt_ustrprintf.c: RtlUnicodeStringPrintf (<ndis/exsync.h>). The wide
 * format (ASCII only) is narrowed, formatted by the kernel-conversion
 * printf of rt_format.c with wide strings as the default %s (as a wide
 * printf takes them), and the result widened into the UNICODE_STRING's
 * buffer, truncated to it with STATUS_BUFFER_OVERFLOW as ntstrsafe.h does.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#include <stdarg.h>
#include <stdlib.h>

#define USTR_MAX_CCH 32767u /* NTSTRSAFE_UNICODE_STRING_MAX_CCH */

/* The format narrowed into a malloc'd string, or NULL (non-ASCII, no memory). */
static char *
narrow_format(const WCHAR *format)
{
    size_t n = 0;
    char *out;
    while (format[n] != 0) {
        if (format[n] > 0x7f) {
            return NULL;
        }
        n++;
    }
    out = (char *)malloc(n + 1);
    for (size_t i = 0; out != NULL && i <= n; i++) {
        out[i] = (char)format[i];
    }
    return out;
}

NTSTATUS
RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString, const WCHAR *pszFormat, ...)
{
    size_t cch, copied;
    char *format, *text;
    long need;
    va_list ap;
    if (DestinationString == NULL || pszFormat == NULL ||
        (DestinationString->Buffer == NULL && DestinationString->MaximumLength != 0) ||
        DestinationString->MaximumLength / sizeof(WCHAR) > USTR_MAX_CCH) {
        return STATUS_INVALID_PARAMETER;
    }
    cch = DestinationString->MaximumLength / sizeof(WCHAR);
    format = narrow_format(pszFormat);
    text = (char *)malloc(cch + 1);
    if (format == NULL || text == NULL) {
        free(format);
        free(text);
        return STATUS_INVALID_PARAMETER;
    }
    va_start(ap, pszFormat);
    need = undis__rt_vformat(text, cch + 1, format, ap, 1);
    va_end(ap);
    copied = need < 0 ? 0 : ((size_t)need < cch ? (size_t)need : cch);
    for (size_t i = 0; i < copied; i++) {
        DestinationString->Buffer[i] = (WCHAR)(unsigned char)text[i];
    }
    DestinationString->Length = (USHORT)(copied * sizeof(WCHAR));
    free(format);
    free(text);
    if (need < 0) {
        return STATUS_INVALID_PARAMETER;
    }
    return (size_t)need > cch ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
