/* SPDX-License-Identifier: MIT */
/*
 * wpp_gen.c: writes the .tmh a WPP-traced source file includes.
 *
 * The trace configuration is read where the WDK's tracewpp reads it: the
 * WPP_CONTROL_GUIDS macro (WPP_DEFINE_CONTROL_GUID(Name, (guid), WPP_DEFINE_BIT
 * (Bit)...)...) and the `begin_wpp config` ... `end_wpp` comment blocks
 * (FUNC Name{Key=Value}(PARAMS); USEPREFIX(Name, "format", args);) in the
 * source and the files it includes with quotes, the -func: specs of the
 * project, and the scan-configuration files.
 *
 * What it writes (undis's own scheme, see docs/compat.md): each bit is a
 * number control * 32 + bit; WPP_CONTROL(bit) is the control block of undis's
 * runtime (<undis/wpp.h>: a level and a flags mask per control, set with
 * undis_wpp_set() or UNDIS_WPP_LEVEL / UNDIS_WPP_FLAGS at WPP_INIT_TRACING).
 * Each trace function becomes a macro that, when WPP_<PARAMS>_ENABLED(...)
 * holds (the driver's definition, or the built-in one for a single LEVEL),
 * formats its prefix and message and prints the line through DbgPrint, the
 * WPP extended formats (%!STATUS!, ...) reduced to printf conversions at run
 * time.
 */
#include "compat.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FUNCS  64
#define MAX_PARAMS 12
#define MAX_BITS   256
#define MAX_DEPTH  4

typedef struct wpp_func {
    char name[64];
    char keys[MAX_PARAMS][32];   /* {Key=Value}: names */
    char values[MAX_PARAMS][64]; /* and values */
    size_t nkeys;
    char params[MAX_PARAMS][32]; /* without MSG and ... */
    size_t nparams;
    int has_msg;
    int has_dots;
    char *prefix; /* "\"format\", args" from USEPREFIX, or NULL */
} wpp_func;

typedef struct wpp_config {
    char bits[MAX_BITS][64];
    unsigned bit_number[MAX_BITS];
    size_t nbits;
    unsigned controls;
    wpp_func funcs[MAX_FUNCS];
    size_t nfuncs;
    compat_strv seen; /* files read */
    int oom;
} wpp_config;

static const char *
skip_ws(const char *p)
{
    while (isspace((unsigned char)*p) || (*p == '\\' && isspace((unsigned char)p[1]))) {
        p++;
    }
    return p;
}

static size_t
ident_len(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_') {
        n++;
    }
    return n;
}

/* The end of the parenthesized group opening at p ('('), or NULL. */
static const char *
group_end(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                p += *p == '\\' && p[1];
            }
            if (*p == '\0') {
                return NULL;
            }
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p;
        }
    }
    return NULL;
}

/* ---- WPP_CONTROL_GUIDS --------------------------------------------------- */

static void
read_controls(wpp_config *c, const char *text)
{
    static const char ctl[] = "WPP_DEFINE_CONTROL_GUID";
    for (const char *p = strstr(text, ctl); p != NULL; p = strstr(p + 1, ctl)) {
        const char *open = skip_ws(p + sizeof(ctl) - 1), *end;
        unsigned bit = 0;
        if (*open != '(' || (end = group_end(open)) == NULL) {
            continue; /* a mention, or the macro's own #define */
        }
        for (const char *b = strstr(open, "WPP_DEFINE_BIT"); b != NULL && b < end;
             b = strstr(b + 1, "WPP_DEFINE_BIT")) {
            const char *name = skip_ws(skip_ws(b + 14) + 1);
            size_t n = ident_len(name);
            if (n == 0 || n >= 64 || c->nbits == MAX_BITS) {
                continue;
            }
            memcpy(c->bits[c->nbits], name, n);
            c->bits[c->nbits][n] = '\0';
            c->bit_number[c->nbits++] = c->controls * 32u + bit++;
        }
        c->controls++;
        p = end;
    }
}

/* ---- FUNC and USEPREFIX -------------------------------------------------- */

static wpp_func *
find_func(wpp_config *c, const char *name, size_t n)
{
    for (size_t i = 0; i < c->nfuncs; i++) {
        if (strlen(c->funcs[i].name) == n && strncmp(c->funcs[i].name, name, n) == 0) {
            return &c->funcs[i];
        }
    }
    return NULL;
}

/* Parses "Name{K=V,...}(A, B, MSG, ...)"; 0, or -1 when it is not one. */
static int
parse_func(wpp_config *c, const char *spec)
{
    const char *p = skip_ws(spec);
    size_t n = ident_len(p);
    wpp_func f;
    memset(&f, 0, sizeof(f));
    if (n == 0 || n >= sizeof(f.name)) {
        return -1;
    }
    memcpy(f.name, p, n);
    p = skip_ws(p + n);
    if (*p == '{') {
        while (*p && *p != '}' && f.nkeys < MAX_PARAMS) {
            size_t k, v;
            const char *key = skip_ws(p + 1);
            k = ident_len(key);
            p = skip_ws(key + k);
            if (*p != '=' || k == 0 || k >= 32) {
                break;
            }
            snprintf(f.keys[f.nkeys], 32, "%.*s", (int)k, key);
            p = skip_ws(p + 1);
            v = strcspn(p, ",}");
            snprintf(f.values[f.nkeys++], 64, "%.*s", (int)(v < 63 ? v : 63), p);
            p += v;
        }
        p = skip_ws(*p == '}' ? p + 1 : p);
    }
    if (*p != '(') {
        return -1;
    }
    while (*p && *p != ')') {
        p = skip_ws(p + 1);
        if (strncmp(p, "...", 3) == 0) {
            f.has_dots = 1;
            p += 3;
        } else if ((n = ident_len(p)) > 0 && n < 32) {
            if (n == 3 && strncmp(p, "MSG", 3) == 0) {
                f.has_msg = 1;
            } else if (f.nparams < MAX_PARAMS) {
                snprintf(f.params[f.nparams++], 32, "%.*s", (int)n, p);
            }
            p += n;
        }
        p = skip_ws(p);
        if (*p != ',' && *p != ')') {
            return -1;
        }
    }
    if (find_func(c, f.name, strlen(f.name)) != NULL || c->nfuncs == MAX_FUNCS) {
        return 0; /* the first definition wins */
    }
    c->funcs[c->nfuncs++] = f;
    return 0;
}

/* USEPREFIX(Name, "format", args...): the text after "Name," */
static void
parse_prefix(wpp_config *c, const char *spec)
{
    const char *open = skip_ws(spec), *end, *name, *comma;
    wpp_func *f;
    if (*open != '(' || (end = group_end(open)) == NULL) {
        return;
    }
    name = skip_ws(open + 1);
    f = find_func(c, name, ident_len(name));
    comma = strchr(name, ',');
    if (f == NULL || comma == NULL || comma > end || f->prefix != NULL) {
        return;
    }
    comma = skip_ws(comma + 1);
    f->prefix = compat_strndup(comma, (size_t)(end - comma));
    c->oom |= f->prefix == NULL;
}

/* The config blocks: comment markers removed, statements parsed. */
static void
read_config_blocks(wpp_config *c, const char *text, int prefixes)
{
    for (const char *p = strstr(text, "begin_wpp config"); p != NULL;
         p = strstr(p, "begin_wpp config")) {
        const char *end = strstr(p, "end_wpp");
        char *block;
        if (end == NULL) {
            return;
        }
        block = compat_strndup(p + 16, (size_t)(end - p - 16));
        if (block == NULL) {
            c->oom = 1;
            return;
        }
        for (char *s = block; *s; s++) {
            if ((s[0] == '/' && (s[1] == '/' || s[1] == '*')) || (s[0] == '*' && s[1] == '/')) {
                s[0] = s[1] = ' ';
            }
        }
        for (char *s = block; (s = strpbrk(s, "FU")) != NULL; s++) {
            if ((s == block || !isalnum((unsigned char)s[-1])) && !prefixes &&
                strncmp(s, "FUNC", 4) == 0 && isspace((unsigned char)s[4])) {
                (void)parse_func(c, s + 5);
            } else if ((s == block || !isalnum((unsigned char)s[-1])) && prefixes &&
                       strncmp(s, "USEPREFIX", 9) == 0) {
                parse_prefix(c, s + 9);
            }
        }
        free(block);
        p = end;
    }
}

/* ---- reading the files --------------------------------------------------- */

static char *
find_include(const char *from_dir, const compat_strv *includes, const char *name)
{
    char *path = compat_path_join(from_dir, name);
    FILE *f = path ? fopen(path, "rb") : NULL;
    for (size_t i = 0; f == NULL && includes != NULL && i < includes->n; i++) {
        free(path);
        path = compat_path_join(includes->v[i], name);
        f = path ? fopen(path, "rb") : NULL;
    }
    if (f == NULL) {
        free(path);
        return NULL;
    }
    fclose(f);
    return path;
}

static void
read_source(wpp_config *c, const char *path, const compat_strv *includes, int depth, int pass);

static void
read_includes(wpp_config *c,
              const char *path,
              const char *text,
              const compat_strv *includes,
              int depth,
              int pass)
{
    char *dir = compat_dirname(path);
    for (const char *p = strstr(text, "#"); dir != NULL && p != NULL; p = strstr(p + 1, "#")) {
        const char *q = skip_ws(p + 1), *close;
        char name[512];
        if (strncmp(q, "include", 7) != 0 || *(q = skip_ws(q + 7)) != '"' ||
            (close = strchr(q + 1, '"')) == NULL || (size_t)(close - q) >= sizeof(name) ||
            memchr(q, '\n', (size_t)(close - q)) != NULL) {
            continue;
        }
        snprintf(name, sizeof(name), "%.*s", (int)(close - q - 1), q + 1);
        compat_path_normalize(name);
        if (!compat_has_ext(name, ".tmh")) {
            char *found = find_include(dir, includes, name);
            if (found != NULL) {
                read_source(c, found, includes, depth + 1, pass);
            }
            free(found);
        }
    }
    free(dir);
}

/* pass 0: controls and FUNCs; pass 1: USEPREFIX (after every FUNC is known). */
static void
read_source(wpp_config *c, const char *path, const compat_strv *includes, int depth, int pass)
{
    char *text;
    if (depth > MAX_DEPTH || compat_strv_has(&c->seen, path)) {
        return;
    }
    if (compat_strv_add(&c->seen, path, (size_t)-1) != 0) {
        c->oom = 1;
        return;
    }
    text = compat_read_file(path, NULL);
    if (text == NULL) {
        return;
    }
    if (pass == 0) {
        read_controls(c, text);
    }
    read_config_blocks(c, text, pass);
    read_includes(c, path, text, includes, depth, pass);
    free(text);
}

/* ---- writing the .tmh ---------------------------------------------------- */

/* "KEY1_KEY2_PARAM1": the name part of WPP_<...>_ENABLED. */
static void
names_of(const wpp_func *f, char *out, size_t cap)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->nkeys + f->nparams; i++) {
        const char *s = i < f->nkeys ? f->keys[i] : f->params[i - f->nkeys];
        int n = snprintf(out + w, cap - w, "%s%s", i ? "_" : "", s);
        w += n > 0 && (size_t)n < cap - w ? (size_t)n : 0;
    }
}

/* "V1, V2, P1": the arguments of WPP_<...>_ENABLED. */
static void
args_of(const wpp_func *f, char *out, size_t cap)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->nkeys + f->nparams; i++) {
        const char *s = i < f->nkeys ? f->values[i] : f->params[i - f->nkeys];
        int n = snprintf(out + w, cap - w, "%s%s", i ? ", " : "", s);
        w += n > 0 && (size_t)n < cap - w ? (size_t)n : 0;
    }
}

static void
write_func(FILE *out, const wpp_func *f)
{
    char names[512], args[512];
    names_of(f, names, sizeof(names));
    args_of(f, args, sizeof(args));
    if (names[0] != '\0' && strcmp(names, "LEVEL") != 0) {
        fprintf(out, "#ifndef WPP_%s_ENABLED\n#    define WPP_%s_ENABLED(...) 1\n#endif\n", names,
                names);
    }
    fprintf(out, "#define %s(", f->name);
    for (size_t i = 0; i < f->nparams; i++) {
        fprintf(out, "%s%s", i ? ", " : "", f->params[i]);
    }
    if (f->has_msg || f->has_dots) {
        fprintf(out, "%s%s", f->nparams ? ", " : "", f->has_dots ? "..." : "MSG");
    }
    fprintf(out, ") \\\n    ((");
    if (names[0] != '\0') {
        fprintf(out, "WPP_%s_ENABLED(%s)", names, args);
    } else {
        fprintf(out, "1");
    }
    fprintf(out,
            ") ? undis_wpp_trace(undis_wpp_prefix(__FILE__, __LINE__, __func__, %s), %s) : "
            "(void)0)\n",
            f->prefix ? f->prefix : "\"\"",
            f->has_dots ? (f->has_msg ? "__VA_ARGS__" : "\"\" __VA_ARGS__")
                        : (f->has_msg ? "MSG" : "\"\""));
}

static void
write_tmh(FILE *out, const wpp_config *c, const char *source)
{
    fprintf(out,
            "/* %.*s.tmh: written by `undis wpp` from %s; do not edit. */\n"
            "#include <undis/wpp.h>\n\n",
            (int)strcspn(source, "."), source, source);
    fprintf(out, "#ifndef UNDIS_WPP_TMH_INCLUDED\n#define UNDIS_WPP_TMH_INCLUDED\n");
    fprintf(out, "enum {\n");
    for (size_t i = 0; i < c->nbits; i++) {
        fprintf(out, "    WPP_BIT_%s = %u,\n", c->bits[i], c->bit_number[i]);
    }
    fprintf(out, "    UNDIS_WPP_BITS_END\n};\n\n");
    for (size_t i = 0; i < c->nfuncs; i++) {
        write_func(out, &c->funcs[i]);
    }
    fprintf(out, "#endif /* UNDIS_WPP_TMH_INCLUDED */\n");
}

int
compat_wpp_generate(const char *source,
                    const compat_strv *includes,
                    const compat_strv *scan,
                    const compat_strv *funcs,
                    const char *out_dir,
                    char *err,
                    size_t errcap)
{
    wpp_config *c = calloc(1, sizeof(*c));
    const char *base = compat_basename(source);
    size_t stem = strcspn(base, ".");
    char path[4096];
    FILE *out;
    int rc = 0;
    if (c == NULL) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    (void)parse_func(c, "DoTraceMessage(LEVEL, MSG, ...)");
    for (size_t i = 0; funcs != NULL && i < funcs->n; i++) {
        const char *spec = strncmp(funcs->v[i], "-func:", 6) == 0 ? funcs->v[i] + 6 : funcs->v[i];
        if (parse_func(c, spec) != 0) {
            snprintf(err, errcap, "-func:%s: not NAME(PARAM, ...)", spec);
            rc = -1;
        }
    }
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        compat_strv_free(&c->seen);
        for (size_t i = 0; scan != NULL && i < scan->n; i++) {
            read_source(c, scan->v[i], includes, 0, pass);
        }
        read_source(c, source, includes, 0, pass);
    }
    snprintf(path, sizeof(path), "%s/%.*s.tmh", out_dir, (int)stem, base);
    if (rc == 0 && c->oom) {
        snprintf(err, errcap, "out of memory");
        rc = -1;
    } else if (rc == 0 && (out = fopen(path, "w")) == NULL) {
        snprintf(err, errcap, "%s: cannot be written", path);
        rc = -1;
    } else if (rc == 0) {
        write_tmh(out, c, base);
        if (fclose(out) != 0) {
            snprintf(err, errcap, "%s: write error", path);
            rc = -1;
        }
    }
    for (size_t i = 0; i < c->nfuncs; i++) {
        free(c->funcs[i].prefix);
    }
    compat_strv_free(&c->seen);
    free(c);
    return rc;
}
