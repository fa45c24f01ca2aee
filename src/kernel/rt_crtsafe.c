/* SPDX-License-Identifier: MIT */
/*
 * rt_crtsafe.c: _vsnprintf_s and _snprintf_s, the "secure" CRT formatters
 * the kernel's C runtime gives drivers, for the C libraries that lack them
 * (Linux, macOS); on Windows the C runtime's own are used. MSVC's rules:
 * count _TRUNCATE writes what fits and returns -1 if that cut the output;
 * another count writes at most count characters (-1 if cut there) and
 * output that needs more than the buffer is the invalid-parameter case.
 * Formats with the Windows conversions (undis__rt_vformat).
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#if !defined(_WIN32)

/* The invalid-parameter case: an empty buffer (when there is one) and -1. */
static int
invalid(char *buffer, size_t size)
{
    if (buffer != NULL && size > 0) {
        buffer[0] = '\0';
    }
    return -1;
}

int
_vsnprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format, va_list argptr)
{
    size_t cap;
    long need;
    if (buffer == NULL || sizeOfBuffer == 0 || format == NULL) {
        return invalid(buffer, sizeOfBuffer);
    }
    /* The buffer is cut at count characters (plus the NUL) when that is less. */
    cap = (count != _TRUNCATE && count < sizeOfBuffer) ? count + 1 : sizeOfBuffer;
    need = undis__rt_vformat(buffer, cap, format, argptr, 0);
    if (need < 0) {
        return invalid(buffer, sizeOfBuffer);
    }
    if ((size_t)need < cap) {
        return (int)need;
    }
    if (count == _TRUNCATE || count < sizeOfBuffer) {
        return -1; /* cut where the caller allowed it; the NUL is in place */
    }
    return invalid(buffer, sizeOfBuffer);
}

int
_snprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format, ...)
{
    int n;
    va_list ap;
    va_start(ap, format);
    n = _vsnprintf_s(buffer, sizeOfBuffer, count, format, ap);
    va_end(ap);
    return n;
}

#else

typedef int undis_rt_crtsafe_uses_the_c_runtime;

#endif
