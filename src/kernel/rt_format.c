/* SPDX-License-Identifier: MIT */
/*
 * rt_format.c: printf with the Windows kernel's conversions, for DbgPrint and
 * the ntstrsafe.h Printf functions. Each conversion is parsed, its argument
 * fetched with the Windows width (%ld is 32-bit, %I64d 64-bit, %Id pointer
 * sized), and printed by the C library one conversion at a time.
 */
#include "kernel/rt_internal.h"

#include <stdio.h>

/* The C library formats one conversion at a time from a spec built here. */
UNDIS_FORMAT_NONLITERAL_OK

struct sink {
    char *out;
    size_t cap;
    size_t len; /* what the full output needs */
};

static void
sink_put(struct sink *s, const char *p, size_t n)
{
    if (s->len + 1 < s->cap) {
        size_t room = s->cap - 1 - s->len;
        memcpy(s->out + s->len, p, n < room ? n : room);
    }
    s->len += n;
}

static void sink_printf(struct sink *s, const char *spec, ...) UNDIS_PRINTF(2, 3);

static void
sink_printf(struct sink *s, const char *spec, ...)
{
    char tmp[512];
    int n;
    va_list ap;
    va_start(ap, spec);
    n = vsnprintf(tmp, sizeof(tmp), spec, ap);
    va_end(ap);
    if (n > 0) {
        sink_put(s, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
    }
}

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_PTR, LEN_LD, LEN_WIDE };

struct spec {
    char flags[8];
    int width;     /* -1: none */
    int precision; /* -1: none */
    enum len_mod len;
    char conv;
};

/* Narrow `count` wide characters (or up to NUL when count < 0): non-ASCII
 * characters become '?'. */
static void
narrow_wide(char *dst, size_t cap, const WCHAR *src, long count)
{
    size_t i = 0;
    if (src != NULL) {
        while (i + 1 < cap && (count < 0 ? src[i] != 0 : (long)i < count)) {
            dst[i] = ((ULONG)src[i] < 0x80U) ? (char)src[i] : '?';
            i++;
        }
    }
    dst[i < cap ? i : cap - 1] = '\0';
}

static void
put_string(struct sink *s, const struct spec *sp, const char *str)
{
    char spec[32];
    snprintf(spec, sizeof(spec), "%%%s*.*s", sp->flags);
    if (str == NULL) {
        str = "(null)";
    }
    sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, sp->precision < 0 ? 1 << 30 : sp->precision,
                str);
}

static const char *
parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    size_t nf = 0;
    memset(sp, 0, sizeof(*sp));
    sp->width = sp->precision = -1;
    while (*f != '\0' && strchr("-+ #0", *f) != NULL) {
        if (nf + 1 < sizeof(sp->flags)) {
            sp->flags[nf++] = *f;
        }
        f++;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        f++;
    } else {
        while (*f >= '0' && *f <= '9') {
            sp->width = (sp->width < 0 ? 0 : sp->width * 10) + (*f++ - '0');
        }
    }
    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            f++;
        } else {
            while (*f >= '0' && *f <= '9') {
                sp->precision = sp->precision * 10 + (*f++ - '0');
            }
        }
    }
    if (f[0] == 'h' && f[1] == 'h') {
        sp->len = LEN_HH, f += 2;
    } else if (f[0] == 'h') {
        sp->len = LEN_H, f++;
    } else if (f[0] == 'l' && f[1] == 'l') {
        sp->len = LEN_LL, f += 2;
    } else if (f[0] == 'l' || f[0] == 'w') {
        sp->len = f[0] == 'w' ? LEN_WIDE : LEN_L, f++;
    } else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') {
        sp->len = LEN_LL, f += 3;
    } else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') {
        sp->len = LEN_L, f += 3;
    } else if (f[0] == 'I' || f[0] == 'z' || f[0] == 't' || f[0] == 'j') {
        sp->len = f[0] == 'j' ? LEN_LL : LEN_PTR, f++;
    } else if (f[0] == 'L') {
        sp->len = LEN_LD, f++;
    }
    sp->conv = *f;
    return *f != '\0' ? f + 1 : NULL;
}

static void
put_integer(struct sink *s, const struct spec *sp, va_list *ap)
{
    char spec[40];
    int is_signed = sp->conv == 'd' || sp->conv == 'i';
    unsigned long long u;
    long long v;
    switch (sp->len) {
    case LEN_LL:
        v = va_arg(*ap, long long);
        break;
    case LEN_PTR:
        v = is_signed ? (long long)va_arg(*ap, ptrdiff_t) : (long long)va_arg(*ap, size_t);
        break;
    default: /* h, hh, l (32-bit on Windows) and none all arrive as int */
        v = is_signed ? (long long)va_arg(*ap, int) : (long long)va_arg(*ap, unsigned int);
        if (sp->len == LEN_H) {
            v = is_signed ? (long long)(short)v : (long long)(unsigned short)v;
        } else if (sp->len == LEN_HH) {
            v = is_signed ? (long long)(signed char)v : (long long)(unsigned char)v;
        }
        break;
    }
    snprintf(spec, sizeof(spec), "%%%s*.*ll%c", sp->flags, sp->conv);
    u = (unsigned long long)v;
    if (sp->precision < 0) {
        /* "%.*" with a negative precision means none. */
        if (is_signed) {
            sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, -1, v);
        } else {
            sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, -1, u);
        }
    } else if (is_signed) {
        sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, sp->precision, v);
    } else {
        sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, sp->precision, u);
    }
}

static void
put_counted(struct sink *s, const struct spec *sp, va_list *ap, int wide)
{
    char tmp[512];
    if (wide) {
        const UNICODE_STRING *us = va_arg(*ap, const UNICODE_STRING *);
        if (us == NULL) {
            put_string(s, sp, (const char *)NULL);
            return;
        }
        narrow_wide(tmp, sizeof(tmp), us->Buffer, (long)(us->Length / sizeof(WCHAR)));
    } else {
        const ANSI_STRING *as = va_arg(*ap, const ANSI_STRING *);
        size_t n;
        if (as == NULL) {
            put_string(s, sp, (const char *)NULL);
            return;
        }
        n = as->Buffer == NULL ? 0 : as->Length;
        n = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;
        memcpy(tmp, as->Buffer == NULL ? "" : as->Buffer, n);
        tmp[n] = '\0';
    }
    put_string(s, sp, tmp);
}

static void
put_one(struct sink *s, const struct spec *sp, va_list *ap, int wide_default)
{
    char tmp[512];
    char spec[40];
    int wide = sp->len == LEN_WIDE || sp->len == LEN_L || (wide_default ? sp->len != LEN_H : 0);
    switch (sp->conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        put_integer(s, sp, ap);
        break;
    case 'c':
    case 'C': {
        int c = va_arg(*ap, int);
        int w = sp->conv == 'C' ? !wide_default : wide;
        tmp[0] = (char)(w && (c < 0 || c >= 0x80) ? '?' : c);
        tmp[1] = '\0';
        put_string(s, sp, tmp);
        break;
    }
    case 's':
    case 'S': {
        int w = sp->conv == 'S' ? (sp->len == LEN_H ? 0 : !wide_default) : wide;
        if (w) {
            narrow_wide(tmp, sizeof(tmp), va_arg(*ap, const WCHAR *), -1);
            put_string(s, sp, tmp);
        } else {
            put_string(s, sp, va_arg(*ap, const char *));
        }
        break;
    }
    case 'Z':
        put_counted(s, sp, ap, sp->len == LEN_WIDE || sp->len == LEN_L);
        break;
    case 'p':
        snprintf(spec, sizeof(spec), "%%%s*p", sp->flags);
        sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, va_arg(*ap, void *));
        break;
    case 'n':
        (void)va_arg(*ap, void *); /* not supported: nothing is stored */
        break;
    default: /* e E f F g G a A */
        snprintf(spec, sizeof(spec), "%%%s*.*%s%c", sp->flags, sp->len == LEN_LD ? "L" : "",
                 sp->conv);
        if (sp->len == LEN_LD) {
            sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, sp->precision,
                        va_arg(*ap, long double));
        } else {
            sink_printf(s, spec, sp->width < 0 ? 0 : sp->width, sp->precision, va_arg(*ap, double));
        }
        break;
    }
}

long
undis__rt_vformat(char *out, size_t cap, const char *fmt, va_list ap, int wide_default)
{
    struct sink s;
    va_list args;
    s.out = out;
    s.cap = cap;
    s.len = 0;
    va_copy(args, ap);
    while (fmt != NULL && *fmt != '\0') {
        const char *pct = strchr(fmt, '%');
        struct spec sp;
        if (pct == NULL) {
            sink_put(&s, fmt, strlen(fmt));
            break;
        }
        sink_put(&s, fmt, (size_t)(pct - fmt));
        if (pct[1] == '%') {
            sink_put(&s, "%", 1);
            fmt = pct + 2;
            continue;
        }
        fmt = parse_spec(pct + 1, &sp, &args);
        if (fmt == NULL || strchr("diouxXcCsSZpneEfFgGaA", sp.conv) == NULL) {
            va_end(args);
            if (cap > 0) {
                out[s.len < cap ? s.len : cap - 1] = '\0';
            }
            return -1;
        }
        put_one(&s, &sp, &args, wide_default);
    }
    va_end(args);
    if (cap > 0) {
        out[s.len < cap ? s.len : cap - 1] = '\0';
    }
    return (long)s.len;
}

/* ---- DbgPrint -------------------------------------------------------------- */

static struct {
    undis_rt_dbgprint_fn fn;
    void *context;
    ULONG mask;
} g_dbg;

void
undis_rt_set_dbgprint_sink(undis_rt_dbgprint_fn fn, void *context)
{
    g_dbg.fn = fn;
    g_dbg.context = context;
}

ULONG
undis_rt_set_dbgprint_mask(ULONG mask)
{
    ULONG old = g_dbg.mask;
    g_dbg.mask = mask;
    return old;
}

static int
level_enabled(ULONG level)
{
    ULONG bits = level > 31 ? level : (1U << level);
    return level == DPFLTR_ERROR_LEVEL || (g_dbg.mask & bits) != 0;
}

static void
dbg_emit(ULONG component, ULONG level, const char *format, va_list ap)
{
    char text[1024];
    (void)undis__rt_vformat(text, sizeof(text), format, ap, 0);
    if (g_dbg.fn != NULL) {
        g_dbg.fn(component, level, text, g_dbg.context);
    } else {
        fputs(text, stderr);
        fflush(stderr);
    }
}

ULONG
DbgPrint(PCSTR Format, ...)
{
    va_list ap;
    va_start(ap, Format);
    dbg_emit(DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL, Format, ap);
    va_end(ap);
    return (ULONG)STATUS_SUCCESS;
}

ULONG
DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
    va_list ap;
    if (!level_enabled(Level)) {
        return (ULONG)STATUS_SUCCESS;
    }
    va_start(ap, Format);
    dbg_emit(ComponentId, Level, Format, ap);
    va_end(ap);
    return (ULONG)STATUS_SUCCESS;
}
