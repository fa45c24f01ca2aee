/* SPDX-License-Identifier: MIT */
/*
 * rt_wpp.c: the WPP control blocks and the trace-line formatting behind the
 * .tmh files of `undis wpp` (see <undis/wpp.h> for the format reductions).
 */
#include "kernel/rt_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include <undis/wpp.h>

static undis_wpp_control_block g_controls[UNDIS_WPP_MAX_CONTROLS];
static int g_env_read; /* the environment is read at the first WPP_INIT_TRACING */

undis_wpp_control_block *
undis_wpp_control(unsigned index)
{
    return &g_controls[index < UNDIS_WPP_MAX_CONTROLS ? index : UNDIS_WPP_MAX_CONTROLS - 1];
}

void
undis_wpp_set(UCHAR level, ULONG flags)
{
    for (unsigned i = 0; i < UNDIS_WPP_MAX_CONTROLS; i++) {
        g_controls[i].Level = level;
        g_controls[i].Flags[0] = flags;
        g_controls[i].Logger = level != 0 || flags != 0;
    }
}

void
undis_wpp_cleanup(int reserved, ...)
{
    (void)reserved;
}

void
undis_wpp_init(int reserved, ...)
{
    const char *level = getenv("UNDIS_WPP_LEVEL");
    const char *flags = getenv("UNDIS_WPP_FLAGS");
    (void)reserved;
    if (!g_env_read && (level != NULL || flags != NULL)) {
        undis_wpp_set((UCHAR)(level ? strtoul(level, NULL, 0) : 0),
                      (ULONG)(flags ? strtoul(flags, NULL, 0) : 0));
    }
    g_env_read = 1;
}

/* What a WPP extended format %!name! becomes. */
static const char *
reduce(const char *name, size_t n)
{
    static const struct {
        const char *name;
        const char *printf;
    } table[] = {
        { "STATUS", "0x%08x" },   { "NTSTATUS", "0x%08x" }, { "HRESULT", "0x%08x" },
        { "WINERROR", "0x%08x" }, { "IPADDR", "0x%08x" },   { "ipaddr", "0x%08x" },
        { "bool", "%d" },         { "BOOLEAN", "%d" },      { "BOOL", "%d" },
        { "irql", "%u" },         { "IRQL", "%u" },         { "PORT", "%u" },
        { "TIME", "%I64d" },      { "TIMESTAMP", "%I64d" }, { "datetime", "%I64d" },
        { "delta", "%I64d" },     { "WAITTIME", "%I64d" },  { "ustr", "%wZ" },
        { "wZ", "%wZ" },          { "ANSTR", "%Z" },        { "aZ", "%Z" },
        { "STDPREFIX", "" },      { "COMPNAME", "" },       { "LEVEL", "" },
        { "FLAGS", "" },          { "SUBCOMP", "" },
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (strlen(table[i].name) == n && memcmp(table[i].name, name, n) == 0) {
            return table[i].printf;
        }
    }
    return "%p";
}

static void
put(char *out, size_t cap, size_t *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n && *w + 1 < cap; i++) {
        out[(*w)++] = s[i];
    }
}

/* fmt with every %!name! replaced, into out[0..cap). */
static void
rewrite(const undis_wpp_line *line, const char *fmt, char *out, size_t cap)
{
    size_t w = 0;
    while (*fmt != '\0') {
        const char *close = fmt[0] == '%' && fmt[1] == '!' ? strchr(fmt + 2, '!') : NULL;
        if (fmt[0] == '%' && fmt[1] == '%') {
            put(out, cap, &w, fmt, 2);
            fmt += 2;
        } else if (close != NULL) {
            size_t n = (size_t)(close - fmt - 2);
            char num[16];
            const char *with = reduce(fmt + 2, n);
            if (n == 4 && memcmp(fmt + 2, "FUNC", 4) == 0) {
                with = line->function ? line->function : "";
            } else if (n == 4 && memcmp(fmt + 2, "FILE", 4) == 0) {
                const char *slash = line->file ? strrchr(line->file, '/') : NULL;
                with = slash ? slash + 1 : line->file ? line->file : "";
            } else if (n == 4 && memcmp(fmt + 2, "LINE", 4) == 0) {
                (void)snprintf(num, sizeof(num), "%d", line->line);
                with = num;
            }
            put(out, cap, &w, with, strlen(with));
            fmt = close + 1;
        } else {
            put(out, cap, &w, fmt, 1);
            fmt++;
        }
    }
    out[w] = '\0';
}

undis_wpp_line
undis_wpp_prefix(const char *file, int line, const char *function, const char *fmt, ...)
{
    undis_wpp_line result;
    char spec[512];
    va_list ap;
    result.file = file;
    result.function = function;
    result.line = line;
    rewrite(&result, fmt, spec, sizeof(spec));
    va_start(ap, fmt);
    (void)undis__rt_vformat(result.text, sizeof(result.text), spec, ap, 0);
    va_end(ap);
    return result;
}

void
undis_wpp_trace(undis_wpp_line line, const char *fmt, ...)
{
    char spec[512], text[768];
    va_list ap;
    rewrite(&line, fmt, spec, sizeof(spec));
    va_start(ap, fmt);
    (void)undis__rt_vformat(text, sizeof(text), spec, ap, 0);
    va_end(ap);
    (void)DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "%s%s\n", line.text, text);
}
