/* SPDX-License-Identifier: MIT */
/*
 * compat_clang.c: compiles one driver file with libclang and names the cause
 * of each error from the structured diagnostic: its severity, its location
 * (inside undis's headers or the driver's files), its notes (where the
 * previous declaration is), its warning option and category, and the name it
 * is about. libclang's C API gives no diagnostic id, so the kind of error is
 * told from clang's fixed message forms ("unknown type name '%0'", ...), each
 * matched as a whole form, never from the compiler's printed output.
 *
 * Flags, mirroring how MSVC builds the driver: -fms-extensions (MSVC accepts
 * anonymous struct members of a tagged type, __int64, __declspec, __forceinline,
 * #pragma warning(push/pop/disable)); -fms-compatibility only with --ms-compat
 * (it also accepts code MSVC accepts wrongly, such as a missing typename, and
 * would hide those from the report); -Werror=implicit-function-declaration (a
 * call to an undeclared function must be reported, as the WDK's /WX builds
 * do); C as gnu11 (or the project's LanguageStandard_C), C++ as gnu++17 (or
 * LanguageStandard). The host target: undis runs drivers in user mode.
 */
#include "compat_check.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <clang-c/Index.h>

#define MAX_ARGS 512

static const char *const kind_text[COMPAT_KIND_COUNT] = {
    "undis lacks",
    "undis differs",
    "the driver's own defect",
    "an MSVC-only construct",
    "missing generated header",
    "follow-on error",
    "unclassified",
};
static const char *const kind_key[COMPAT_KIND_COUNT] = {
    "undis_lacks", "undis_differs", "driver_defect", "msvc_only",
    "generated",   "follow_on",     "unclassified",
};

const char *
compat_kind_text(compat_kind kind)
{
    return kind_text[kind];
}

const char *
compat_kind_key(compat_kind kind)
{
    return kind_key[kind];
}

/* ---- the tree index ------------------------------------------------------ */

/* Appends the text of the header path to tree->headers. */
static int
add_header_text(compat_tree *tree, const char *path)
{
    size_t len = 0;
    char *text = compat_read_file(path, &len), *grown;
    if (text == NULL) {
        return 0;
    }
    grown = realloc(tree->headers, tree->headers_len + len + 2);
    if (grown == NULL) {
        free(text);
        return -1;
    }
    tree->headers = grown;
    memcpy(tree->headers + tree->headers_len, text, len);
    tree->headers_len += len;
    tree->headers[tree->headers_len++] = '\n';
    tree->headers[tree->headers_len] = '\0';
    free(text);
    return 0;
}

static int
scan_dir(compat_tree *tree, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (d == NULL || depth > 12) {
        if (d != NULL) {
            closedir(d);
        }
        return 0;
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char *full;
        struct stat st;
        if (e->d_name[0] == '.') {
            continue;
        }
        full = compat_path_join(dir, e->d_name);
        if (full == NULL) {
            rc = -1;
        } else if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = scan_dir(tree, full, depth + 1);
        } else if (compat_has_ext(e->d_name, ".h") || compat_has_ext(e->d_name, ".in") ||
                   compat_has_ext(e->d_name, ".hpp") || compat_has_ext(e->d_name, ".mc")) {
            rc = add_header_text(tree, full);
        }
        if (rc != 0 || full == NULL || (stat(full, &st) == 0 && S_ISDIR(st.st_mode))) {
            /* done with it */
        } else if (compat_strv_add(&tree->paths, full, (size_t)-1) == 0 &&
                   compat_strv_add(&tree->lower, e->d_name, (size_t)-1) == 0) {
            for (char *c = tree->lower.v[tree->lower.n - 1]; *c; c++) {
                *c = (char)tolower((unsigned char)*c);
            }
        } else {
            rc = -1;
        }
        free(full);
    }
    closedir(d);
    return rc;
}

int
compat_tree_scan(compat_tree *tree, const char *root)
{
    memset(tree, 0, sizeof(*tree));
    return scan_dir(tree, root, 0);
}

void
compat_tree_free(compat_tree *tree)
{
    compat_strv_free(&tree->lower);
    compat_strv_free(&tree->paths);
    free(tree->headers);
    tree->headers = NULL;
}

/* The tree's file whose base name is name's, case-insensitively, or NULL. */
static const char *
tree_find(const compat_tree *tree, const char *name)
{
    char lower[256];
    const char *base = strrchr(name, '/');
    const char *back = strrchr(name, '\\');
    size_t i = 0;
    base = back > base ? back : base;
    base = base ? base + 1 : name;
    for (; base[i] && i + 1 < sizeof(lower); i++) {
        lower[i] = (char)tolower((unsigned char)base[i]);
    }
    lower[i] = '\0';
    for (size_t k = 0; tree != NULL && k < tree->lower.n; k++) {
        if (strcmp(tree->lower.v[k], lower) == 0) {
            return tree->paths.v[k];
        }
    }
    return NULL;
}

/* The tree's file that is path but for letter case, or NULL. */
static const char *
tree_find_in(const compat_tree *tree, const char *path)
{
    for (size_t k = 0; tree != NULL && k < tree->paths.n; k++) {
        if (strcasecmp(tree->paths.v[k], path) == 0) {
            return tree->paths.v[k];
        }
    }
    return NULL;
}

/* 1 when a header-like file of the tree defines name (#define NAME, } NAME,
 * a typedef line ending in NAME, or an mc SymbolicName=NAME). */
static int
tree_defines(const compat_tree *tree, const char *name)
{
    size_t n = strlen(name);
    const char *text = tree != NULL ? tree->headers : NULL;
    for (const char *p = text ? strstr(text, name) : NULL; p != NULL; p = strstr(p + 1, name)) {
        const char *b = p;
        if (isalnum((unsigned char)p[n]) || p[n] == '_' ||
            (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            continue;
        }
        while (b > text && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '*')) {
            b--;
        }
        if ((b > text && b[-1] == '}') || (b - text >= 7 && strncmp(b - 7, "#define", 7) == 0) ||
            (b - text >= 13 && strncmp(b - 13, "SymbolicName=", 13) == 0)) {
            return 1;
        }
        while (b > text && b[-1] != '\n') {
            b--;
        }
        if (strncmp(b, "typedef", 7) == 0 && (p[n] == ';' || p[n] == ',')) {
            return 1;
        }
    }
    return 0;
}

/* ---- the Windows file system: case-insensitive, backslashes -------------- */

static int
is_source_or_header(const char *p)
{
    return compat_has_ext(p, ".c") || compat_has_ext(p, ".cpp") || compat_has_ext(p, ".h") ||
           compat_has_ext(p, ".hpp") || compat_has_ext(p, ".cxx") || compat_has_ext(p, ".cc");
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries "dir\tname\texternal" for the includes of file spelled with
 * backslashes ("..\x\y.h"), when the file they name exists in the tree. */
static void
backslash_entries(const compat_tree *tree, const char *file, compat_strv *entries)
{
    char *text = compat_read_file(file, NULL), *dir = compat_dirname(file);
    for (const char *p = text ? strstr(text, "#") : NULL; p != NULL && dir != NULL;
         p = strstr(p + 1, "#")) {
        const char *q = p + 1, *close;
        while (*q == ' ' || *q == '\t') {
            q++;
        }
        if (strncmp(q, "include", 7) != 0) {
            continue;
        }
        q += 7;
        while (*q == ' ' || *q == '\t') {
            q++;
        }
        if (*q == '"' && (close = strchr(q + 1, '"')) != NULL &&
            memchr(q, '\\', (size_t)(close - q)) != NULL && memchr(q, '\n', (size_t)(close - q)) == NULL &&
            memchr(q + 1, '\'', (size_t)(close - q - 1)) == NULL) {
            char *name = compat_strndup(q + 1, (size_t)(close - q - 1));
            char *target = name ? compat_path_join(dir, name) : NULL;
            const char *found = target ? tree_find_in(tree, target) : NULL;
            if (found != NULL) {
                (void)compat_strv_addf(entries, "%s\t%s\t%s", dir, name, found);
            }
            free(target);
            free(name);
        }
    }
    free(dir);
    free(text);
}

int
compat_overlay_write(const compat_tree *tree, const char *path)
{
    compat_strv entries = { 0 };
    FILE *out;
    const char *open_dir = NULL;
    size_t dir_len = 0;
    for (size_t i = 0; i < tree->paths.n; i++) {
        const char *p = tree->paths.v[i], *slash = strrchr(p, '/');
        if (slash != NULL && strchr(p, '\'') == NULL && strchr(p, '\\') == NULL) {
            (void)compat_strv_addf(&entries, "%.*s\t%s\t%s", (int)(slash - p), p, slash + 1, p);
        }
        if (is_source_or_header(p)) {
            backslash_entries(tree, p, &entries);
        }
    }
    if (entries.n > 0) {
        qsort(entries.v, entries.n, sizeof(char *), cmp_str);
    }
    out = fopen(path, "w");
    if (out == NULL) {
        compat_strv_free(&entries);
        return -1;
    }
    fprintf(out, "{ 'version': 0, 'case-sensitive': 'false', 'roots': [\n");
    for (size_t i = 0; i < entries.n; i++) {
        const char *e = entries.v[i], *t1 = strchr(e, '\t'), *t2 = strchr(t1 + 1, '\t');
        size_t n = (size_t)(t1 - e);
        if (open_dir == NULL || n != dir_len || strncmp(open_dir, e, n) != 0) {
            fprintf(out, "%s  { 'type': 'directory', 'name': '%.*s', 'contents': [\n",
                    open_dir ? "  ] },\n" : "", (int)n, e);
            open_dir = e;
            dir_len = n;
        } else {
            fprintf(out, ",\n");
        }
        fprintf(out, "    { 'type': 'file', 'name': '%.*s', 'external-contents': '%s' }",
                (int)(t2 - t1 - 1), t1 + 1, t2 + 1);
    }
    fprintf(out, "%s] }\n", open_dir ? "\n  ] }\n" : "");
    compat_strv_free(&entries);
    return fclose(out) == 0 ? 0 : -1;
}

/* ---- names and headers --------------------------------------------------- */

/* The WDK header a name comes from, told by its prefix (the census, where it
 * lists a name, is the authority; this is the report's hint). */
static const char *wdk_prefix(const char *name);

static const char *
guess_header(const char *name)
{
    const char *h = wdk_prefix(name);
    return h != NULL ? h : "wdm.h";
}

/* The header of a name with one of the WDK's prefixes (NDIS_, Ndis, OID_, Ke, ...),
 * or NULL. */
static const char *
wdk_prefix(const char *name)
{
    static const struct {
        const char *prefix;
        const char *header;
    } table[] = {
        { "OID_", "ntddndis.h" },
        { "NDIS_STATUS_", "ndis.h" },
        { "STATUS_", "ntstatus.h" },
        { "NET_BUFFER", "ndis.h" },
        { "NDIS", "ndis.h" },
        { "Ndis", "ndis.h" },
        { "MINIPORT_", "ndis.h" },
        { "FILTER_", "ndis.h" },
        { "PROTOCOL_", "ndis.h" },
        { "NET_", "ndis.h" },
        { "IF_", "ifdef.h" },
        { "NET_IF", "ifdef.h" },
        { "IN6_", "in6addr.h" },
        { "IN_ADDR", "inaddr.h" },
        { "SOCKADDR", "ws2def.h" },
        { "AF_", "ws2def.h" },
        { "IPPROTO", "ws2def.h" },
        { "MIB_", "netioapi.h" },
        { "Rtl", "wdm.h" },
        { "Ke", "wdm.h" },
        { "Ex", "wdm.h" },
        { "Io", "wdm.h" },
        { "Mm", "wdm.h" },
        { "Ob", "wdm.h" },
        { "Ps", "ntddk.h" },
        { "Zw", "wdm.h" },
        { "Wdf", "wdf.h" },
        { "WDF", "wdf.h" },
        { "Fwp", "fwpsk.h" },
        { "FWP", "fwpsk.h" },
        { "Wsk", "wsk.h" },
        { "WSK", "wsk.h" },
        { "_Interlocked", "intrin.h" },
        { "_BitScan", "intrin.h" },
        { "__", "intrin.h" },
        { "_", "sal.h / intrin.h" },
        { "KDPC", "wdm.h" },
        { "KSPIN", "wdm.h" },
        { "IRP", "wdm.h" },
        { "DEVICE_", "wdm.h" },
        { "DRIVER_", "wdm.h" },
        { "POOL_", "wdm.h" },
    };
    if (name[0] == 'P' && isupper((unsigned char)name[1]) && name[1] != 'P') {
        name++; /* PNDIS_X: the pointer type beside NDIS_X */
    }
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        size_t n = strlen(table[i].prefix);
        if (strncmp(name, table[i].prefix, n) == 0 &&
            (!islower((unsigned char)table[i].prefix[n - 1]) || isupper((unsigned char)name[n]))) {
            return table[i].header;
        }
    }
    return NULL;
}

/* The text between the first pair of single quotes in msg (malloc'd, "" when none). */
static char *
quoted(const char *msg, int which)
{
    const char *a = msg, *b = NULL;
    for (int i = 0; i <= which && a != NULL; i++) {
        a = strchr(b ? b + 1 : msg, '\'');
        b = a ? strchr(a + 1, '\'') : NULL;
        if (b == NULL) {
            a = NULL;
        }
    }
    if (a == NULL || b == NULL) {
        return compat_strndup("", 0);
    }
    return compat_strndup(a + 1, (size_t)(b - a - 1));
}

/* 1 when msg is clang's form `head'%0'tail` (tail may be empty). */
static int
form(const char *msg, const char *head, const char *tail)
{
    size_t h = strlen(head);
    const char *close;
    if (strncmp(msg, head, h) != 0 || msg[h] != '\'') {
        return 0;
    }
    close = strchr(msg + h + 1, '\'');
    return close != NULL && strncmp(close + 1, tail, strlen(tail)) == 0;
}

/* MSVC keywords and constructs clang (on a non-Windows target) rejects. */
static int
msvc_name(const char *name)
{
    static const char *const names[] = {
        "__try",
        "__except",
        "__finally",
        "__leave",
        "__asm",
        "_asm",
        "__int3",
        "__int64",
        "__int32",
        "__int16",
        "__int8",
        "__ptr64",
        "__ptr32",
        "__based",
        "__w64",
        "__identifier",
        "__super",
        "__uuidof",
        "__if_exists",
        "__if_not_exists",
        "__event",
        "__hook",
        "__unhook",
        "GetExceptionCode",
        "GetExceptionInformation",
        "AbnormalTermination",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Message forms that only MSVC accepts (matched from their start). */
static int
msvc_message(const char *msg)
{
    static const char *const heads[] = {
        "SEH '__try' is not supported",
        "SEH '__except'",
        "SEH '__finally'",
        "'__leave' statement not in __try block",
        "__declspec attribute",
        "'__declspec' attributes are not enabled",
        "MS-style inline assembly is not available",
        "cannot jump from this goto statement to its label",
        "cannot jump from switch statement to this case label",
        "missing 'typename' prior to dependent type name",
        "explicit specialization of",
        "non-const lvalue reference to type",
        "cannot initialize a parameter of type 'PWCHAR'",
        "ISO C++ does not allow",
        "ISO C++11 does not allow conversion from string literal",
        "pasting formed",
        "expected unqualified-id",
        "#pragma",
        "use of undeclared identifier 'L__FUNCTION__'",
    };
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        if (strncmp(msg, heads[i], strlen(heads[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---- one diagnostic ------------------------------------------------------ */

typedef struct diag_ctx {
    const compat_options *options;
    const compat_tree *tree;
    const char *file; /* the file compiled */
    compat_result *result;
    int oom;
    int seen_cause;  /* a classified cause came before */
    int lost_header; /* a header of the driver's (or generated) was not found */
    int lost_unknown; /* ... one outside the tree: what it declares is unknown */
    char *text;      /* the text of the file compiled */
} diag_ctx;

static int
in_undis(const diag_ctx *ctx, const char *path)
{
    for (size_t i = 0; path != NULL && i < ctx->options->undis_includes.n; i++) {
        const char *inc = ctx->options->undis_includes.v[i];
        size_t n = strlen(inc);
        if (strncmp(path, inc, n) == 0 && (path[n] == '/' || path[n] == '\0')) {
            return 1;
        }
    }
    return 0;
}

/* The expansion location of loc as "file:line" (malloc'd) and its file (malloc'd). */
static char *
location(CXSourceLocation loc, char **file_out)
{
    CXFile file;
    unsigned line = 0, column = 0, offset = 0;
    char buf[4096];
    const char *name;
    CXString s;
    clang_getExpansionLocation(loc, &file, &line, &column, &offset);
    s = clang_getFileName(file);
    name = clang_getCString(s);
    if (name != NULL) {
        snprintf(buf, sizeof(buf), "%s:%u", name, line);
    } else {
        snprintf(buf, sizeof(buf), "<command line>");
    }
    if (file_out != NULL) {
        *file_out = name != NULL ? compat_strndup(name, strlen(name)) : NULL;
    }
    clang_disposeString(s);
    return compat_strndup(buf, strlen(buf));
}

static void
add_cause(diag_ctx *ctx,
          compat_kind kind,
          const char *name,
          const char *header,
          char *where,
          const char *msg)
{
    compat_result *r = ctx->result;
    compat_cause *grown = realloc(r->causes, (r->ncauses + 1) * sizeof(*grown));
    compat_cause *c;
    if (grown == NULL) {
        ctx->oom = 1;
        free(where);
        return;
    }
    r->causes = grown;
    c = &r->causes[r->ncauses];
    c->kind = kind;
    c->name = compat_strndup(name, strlen(name));
    c->header = compat_strndup(header, strlen(header));
    c->where = where;
    c->message = compat_strndup(msg, strlen(msg));
    if (c->name == NULL || c->header == NULL || c->message == NULL) {
        free(c->name);
        free(c->header);
        free(c->message);
        free(where);
        ctx->oom = 1;
        return;
    }
    r->ncauses++;
    if (kind != COMPAT_FOLLOW_ON && kind != COMPAT_UNCLASSIFIED) {
        ctx->seen_cause = 1;
    }
}

/* Where the first note of diag (the previous declaration) is: 1 in undis. */
static int
note_in_undis(diag_ctx *ctx, CXDiagnostic diag)
{
    CXDiagnosticSet notes = clang_getChildDiagnostics(diag);
    int result = 0;
    if (clang_getNumDiagnosticsInSet(notes) > 0) {
        CXDiagnostic note = clang_getDiagnosticInSet(notes, 0);
        char *file = NULL;
        free(location(clang_getDiagnosticLocation(note), &file));
        result = in_undis(ctx, file);
        free(file);
        clang_disposeDiagnostic(note);
    }
    return result;
}

/* 1 when the previous declaration (the first note of diag) lies within 12
 * lines of an earlier error in the same file: its types may have been lost. */
static int
note_after_error(diag_ctx *ctx, CXDiagnostic diag)
{
    CXDiagnosticSet notes = clang_getChildDiagnostics(diag);
    int result = 0;
    if (clang_getNumDiagnosticsInSet(notes) > 0) {
        CXDiagnostic note = clang_getDiagnosticInSet(notes, 0);
        char *file = NULL;
        char *where = location(clang_getDiagnosticLocation(note), &file);
        const char *colon = where ? strrchr(where, ':') : NULL;
        unsigned long line = colon ? strtoul(colon + 1, NULL, 10) : 0;
        for (size_t i = 0; where != NULL && i < ctx->result->ncauses && !result; i++) {
            const char *w = ctx->result->causes[i].where, *c = strrchr(w, ':');
            unsigned long l = c ? strtoul(c + 1, NULL, 10) : 0;
            result = c != NULL && file != NULL && strlen(file) == (size_t)(c - w) &&
                     strncmp(w, file, (size_t)(c - w)) == 0 && l + 12 > line && line + 12 > l;
        }
        free(where);
        free(file);
        clang_disposeDiagnostic(note);
    }
    return result;
}

/* 1 when name (as included) is a header of the WDK or of the SDK parts kernel
 * drivers include: what undis would have to provide. */
static int
wdk_header(const char *name)
{
    static const char *const names[] = {
        "ndis.h", "wdm.h", "ntddk.h", "ntifs.h", "ntdef.h", "ntstatus.h", "wdf.h", "wdmguid.h",
        "guiddef.h", "initguid.h", "devguid.h", "ndisguid.h", "minwindef.h", "windef.h",
        "winerror.h", "basetsd.h", "fwpsk.h", "fwpmk.h", "fwpmu.h", "fwpvi.h", "wsk.h",
        "netioapi.h", "netiodef.h", "ws2def.h", "ws2ipdef.h", "in6addr.h", "inaddr.h", "mstcpip.h",
        "ip2string.h", "ntddndis.h", "ntstrsafe.h", "ntintsafe.h", "intsafe.h", "wmilib.h",
        "wmistr.h", "wmidata.h", "evntrace.h", "evntprov.h", "ntddser.h", "wdmsec.h", "ntimage.h",
        "aux_klib.h", "bcrypt.h", "wpprecorder.h", "TraceLoggingProvider.h", "specstrings.h",
        "sal.h", "driverspecs.h", "kernelspecs.h", "dontuse.h", "ntverp.h", "ndiswwan.h",
        "windot11.h", "wlantypes.h", "ipifcons.h", "ifdef.h", "nldef.h", "bugcodes.h",
        "winapifamily.h", "intrin.h", "ntddstor.h", "ntddk_ex.h", "procgrp.h", "wdfcore.h",
        "netadaptercx.h", "ndis/nbl.h", "ndis/nblapi.h", "ndis/oidrequest.h", "ndis/oidtypes.h",
        "ndis/objectheader.h", "ndis/types.h", "ndis/status.h", "ndis/version.h", "iphlpapi.h",
        "stdarg.h", "stddef.h", "stdio.h", "stdlib.h", "string.h", "ntddnlb.h", "netcx/shared/net/ring.h",
        "usbdi.h", "wdfusb.h", "ntpoapi.h", "pshpack1.h", "poppack.h",
    };
    const char *base = name;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcasecmp(base, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A header not found: generated, lacking in undis, the tree's own, or spelled for Windows. */
static void
classify_missing_file(diag_ctx *ctx, const char *name, char *where, const char *msg)
{
    const char *found = tree_find(ctx->tree, name);
    char generator[300];
    size_t base = strcspn(name, ".");
    ctx->lost_header = 1;
    if (compat_has_ext(name, ".tmh")) {
        add_cause(ctx, COMPAT_GENERATED, name, "WPP", where, msg);
        return;
    }
    snprintf(generator, sizeof(generator), "%.*s.mc", (int)base, name);
    if (tree_find(ctx->tree, generator) != NULL) {
        add_cause(ctx, COMPAT_GENERATED, name, "mc", where, msg);
        return;
    }
    snprintf(generator, sizeof(generator), "%s.in", name);
    if (tree_find(ctx->tree, generator) != NULL) {
        add_cause(ctx, COMPAT_GENERATED, name, "configure", where, msg);
    } else if (found != NULL && (strchr(name, '\\') != NULL ||
                                 strcmp(compat_basename(found), compat_basename(name)) != 0)) {
        add_cause(ctx, COMPAT_MSVC, name, "Windows path spelling (backslash or letter case)", where,
                  msg);
    } else if (found != NULL) {
        add_cause(ctx, COMPAT_DRIVER, name, "in the tree but not on the project's include path",
                  where, msg);
    } else if (!wdk_header(name)) {
        ctx->lost_unknown = 1; /* what it declares cannot be told from undis's lacks */
        add_cause(ctx, COMPAT_DRIVER, name, "a header of the project's, not in the tree given",
                  where, msg);
    } else {
        ctx->lost_header = 0; /* names after it: what undis lacks */
        add_cause(ctx, COMPAT_UNDIS_LACKS, name, name, where, msg);
    }
}

/* Line `line` of file (malloc'd, NULL when there is none). */
static char *
source_line(const char *file, unsigned long line)
{
    char *text = compat_read_file(file, NULL), *p = text, *result = NULL;
    for (unsigned long i = 1; p != NULL && i < line; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (p != NULL) {
        result = compat_strndup(p, strcspn(p, "\n"));
    }
    free(text);
    return result;
}

static int
has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
        int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = isalnum((unsigned char)p[n]) || p[n] == '_';
        if (!before && !after) {
            return 1;
        }
    }
    return 0;
}

/* 1 when name was declared on a line where an earlier error dropped the
 * declaration (an unknown type name): a consequence, not a missing name. */
static int
declared_by_failed_line(const diag_ctx *ctx, const char *name)
{
    const compat_result *r = ctx->result;
    for (size_t i = 0; i < r->ncauses; i++) {
        const char *colon = strrchr(r->causes[i].where, ':');
        char *file, *line;
        int found;
        if (r->causes[i].kind != COMPAT_UNDIS_LACKS || colon == NULL ||
            strcmp(r->causes[i].name, name) == 0 ||
            strncmp(r->causes[i].message, "unknown type name", 17) != 0) {
            continue;
        }
        file = compat_strndup(r->causes[i].where, (size_t)(colon - r->causes[i].where));
        line = file ? source_line(file, strtoul(colon + 1, NULL, 10)) : NULL;
        found = line != NULL && has_word(line, name);
        free(line);
        free(file);
        if (found) {
            return 1;
        }
    }
    return 0;
}

static int
is_keyword(const char *p, size_t n)
{
    static const char *const words[] = { "return", "case", "sizeof", "else", "goto", "do",
                                         "defined", "if", "while", "define", "ifdef", "ifndef",
                                         "undef", "elif", "throw", "delete", "new" };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* 1 when text declares name as a variable or parameter: "TYPE name" followed
 * by , ; ) = or [, TYPE an identifier (not a keyword) or a '*'. */
static int
declares_variable(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = text ? strstr(text, name) : NULL; p != NULL; p = strstr(p + 1, name)) {
        const char *b = p, *a = p + n, *end;
        if (isalnum((unsigned char)*a) || *a == '_' ||
            (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            continue;
        }
        while (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n') {
            a++;
        }
        if (strchr(",;)=[", *a) == NULL || *a == '\0' || (a[0] == '=' && a[1] == '=')) {
            continue;
        }
        while (b > text && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (b == p) {
            continue; /* nothing between the type and the name */
        }
        if (b > text && b[-1] == '*') {
            return 1;
        }
        end = b;
        while (b > text && (isalnum((unsigned char)b[-1]) || b[-1] == '_')) {
            b--;
        }
        if (b < end && !isdigit((unsigned char)*b) && !is_keyword(b, (size_t)(end - b))) {
            return 1;
        }
    }
    return 0;
}

/* "struct _X" / "union _X" / "X": the name without its tag and leading '_'. */
static const char *
tag_name(const char *type)
{
    if (strncmp(type, "struct ", 7) == 0) {
        type += 7;
    } else if (strncmp(type, "union ", 6) == 0) {
        type += 6;
    }
    while (*type == '_') {
        type++;
    }
    return type;
}

/* A name the file uses and nobody declared. */
static void
classify_missing_name(diag_ctx *ctx, const char *name, char *where, const char *msg)
{
    int undeclared = strncmp(msg, "use of undeclared", 17) == 0;
    if ((ctx->lost_unknown && wdk_prefix(name) == NULL) ||
        (ctx->lost_header && tree_defines(ctx->tree, name)) ||
        (undeclared && (declares_variable(ctx->text, name) ||
                        declares_variable(ctx->tree ? ctx->tree->headers : NULL, name))) ||
        (strncmp(msg, "use of undeclared", 17) == 0 && declared_by_failed_line(ctx, name))) {
        add_cause(ctx, COMPAT_FOLLOW_ON, name, "", where, msg);
    } else if (msvc_name(name)) {
        add_cause(ctx, COMPAT_MSVC, name, "", where, msg);
    } else {
        add_cause(ctx, COMPAT_UNDIS_LACKS, name, guess_header(name), where, msg);
    }
}

static void
classify(diag_ctx *ctx, CXDiagnostic diag, const char *msg, char *where, const char *file)
{
    char *name = quoted(msg, 0);
    if (name == NULL) {
        ctx->oom = 1;
        free(where);
        return;
    }
    if (form(msg, "", " file not found")) {
        classify_missing_file(ctx, name, where, msg);
    } else if (msvc_message(msg) || msvc_name(name)) {
        add_cause(ctx, COMPAT_MSVC, name, "", where, msg);
    } else if (in_undis(ctx, file)) {
        add_cause(ctx, COMPAT_UNDIS_DIFFERS, name, compat_basename(file), where, msg);
    } else if (form(msg, "use of undeclared identifier ", "") ||
               form(msg, "unknown type name ", "") ||
               form(msg, "implicit declaration of function ", "") ||
               form(msg, "call to undeclared function ", "")) {
        classify_missing_name(ctx, name, where, msg);
    } else if (form(msg, "no member named ", " in ")) {
        char *type = quoted(msg, 1);
        const char *bare = type ? tag_name(type) : "";
        char full[512];
        snprintf(full, sizeof(full), "%s.%s", bare, name);
        add_cause(ctx,
                  wdk_prefix(bare) != NULL ? COMPAT_UNDIS_LACKS
                  : ctx->seen_cause        ? COMPAT_FOLLOW_ON
                                           : COMPAT_UNCLASSIFIED,
                  full, guess_header(bare), where, msg);
        free(type);
    } else if (form(msg, "incomplete definition of type ", "") ||
               form(msg, "variable has incomplete type ", "")) {
        const char *bare = tag_name(name);
        add_cause(ctx, wdk_prefix(bare) != NULL ? COMPAT_UNDIS_LACKS : COMPAT_FOLLOW_ON, bare,
                  guess_header(bare), where, msg);
    } else if (form(msg, "conflicting types for ", "") || form(msg, "redefinition of ", "") ||
               form(msg, "typedef redefinition with different types", "") ||
               form(msg, "redefinition of ", " as different kind of symbol") ||
               form(msg, "static declaration of ", " follows non-static declaration")) {
        int theirs = note_in_undis(ctx, diag);
        compat_kind kind = theirs ? COMPAT_UNDIS_DIFFERS : COMPAT_DRIVER;
        if (!theirs && ctx->seen_cause && note_after_error(ctx, diag)) {
            kind = COMPAT_FOLLOW_ON; /* the earlier declaration was itself in error */
        }
        add_cause(ctx, kind, name, "", where, msg);
    } else {
        add_cause(ctx, ctx->seen_cause ? COMPAT_FOLLOW_ON : COMPAT_UNCLASSIFIED, name, "", where,
                  msg);
    }
    free(name);
}

static void
take_diagnostic(diag_ctx *ctx, CXDiagnostic diag)
{
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(diag);
    CXString text = clang_getDiagnosticSpelling(diag);
    const char *msg = clang_getCString(text);
    char *file = NULL;
    char *where = location(clang_getDiagnosticLocation(diag), &file);
    if (ctx->options->verbose) {
        CXString opt = clang_getDiagnosticOption(diag, NULL);
        CXString cat = clang_getDiagnosticCategoryText(diag);
        fprintf(stderr, "  [%s%s%s] %s: %s\n", clang_getCString(cat),
                clang_getCString(opt)[0] ? " " : "", clang_getCString(opt), where ? where : "?",
                msg);
        clang_disposeString(opt);
        clang_disposeString(cat);
    }
    if (sev >= CXDiagnostic_Error && where != NULL) {
        ctx->result->errors++;
        classify(ctx, diag, msg ? msg : "", where, file);
    } else {
        free(where);
    }
    free(file);
    clang_disposeString(text);
}

/* ---- the compile --------------------------------------------------------- */

static const char *
std_flag(const compat_project *p, int cplusplus)
{
    const char *s = p == NULL ? "" : cplusplus ? p->cxx_std : p->c_std;
    if (cplusplus) {
        return strstr(s, "20") ? "-std=gnu++20" : strstr(s, "14") ? "-std=gnu++14" : "-std=gnu++17";
    }
    return strstr(s, "17") ? "-std=gnu17" : "-std=gnu11";
}

/* The command line of the compile (without the file). */
static int
build_args(compat_strv *args,
           const char *path,
           const compat_project *project,
           const compat_options *o,
           const char *wpp_dir,
           int cplusplus)
{
    const compat_strv *lists[] = { &o->undis_includes, &o->includes,
                                   project ? &project->includes : NULL };
    char *dir = compat_dirname(path);
    int rc = dir == NULL;
    rc |= compat_strv_add(args, cplusplus ? "-xc++" : "-xc", (size_t)-1);
    rc |= compat_strv_add(args, std_flag(project, cplusplus), (size_t)-1);
    rc |= compat_strv_add(args, "-fms-extensions", (size_t)-1);
    rc |= compat_strv_add(args, "-Werror=implicit-function-declaration", (size_t)-1);
    rc |= compat_strv_add(args, "-ferror-limit=0", (size_t)-1);
    if (o->ms_compat) {
        rc |= compat_strv_add(args, "-fms-compatibility", (size_t)-1);
    }
    if (o->overlay != NULL) {
        rc |= compat_strv_addf(args, "-ivfsoverlay%s", o->overlay);
    }
    rc |= compat_strv_addf(args, "-I%s", wpp_dir);
    rc |= dir ? compat_strv_addf(args, "-I%s", dir) : -1;
    for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
        for (size_t i = 0; lists[l] != NULL && i < lists[l]->n; i++) {
            rc |= compat_strv_addf(args, "-I%s", lists[l]->v[i]);
        }
    }
    for (size_t i = 0; project != NULL && i < project->defines.n; i++) {
        rc |= compat_strv_addf(args, "-D%s", project->defines.v[i]);
    }
    for (size_t i = 0; i < o->defines.n; i++) {
        rc |= compat_strv_addf(args, "-D%s", o->defines.v[i]);
    }
    free(dir);
    return rc ? -1 : 0;
}

/* Writes the .tmh files path includes (when it includes any). */
static void
make_tmh(const char *path,
         const compat_project *project,
         const compat_options *o,
         const char *wpp_dir)
{
    char *text = compat_read_file(path, NULL);
    compat_strv funcs = { 0 }, includes = { 0 };
    char err[512];
    if (text == NULL || strstr(text, ".tmh\"") == NULL) {
        free(text);
        return;
    }
    for (size_t i = 0; project != NULL && i < project->wpp_funcs.n; i++) {
        (void)compat_strv_add(&funcs, project->wpp_funcs.v[i], (size_t)-1);
    }
    for (size_t i = 0; i < o->wpp_funcs.n; i++) {
        (void)compat_strv_add(&funcs, o->wpp_funcs.v[i], (size_t)-1);
    }
    for (size_t i = 0; i < o->includes.n; i++) {
        (void)compat_strv_add(&includes, o->includes.v[i], (size_t)-1);
    }
    for (size_t i = 0; project != NULL && i < project->includes.n; i++) {
        (void)compat_strv_add(&includes, project->includes.v[i], (size_t)-1);
    }
    if (compat_wpp_generate(path, &includes, project ? &project->wpp_scan : NULL, &funcs, wpp_dir,
                            err, sizeof(err)) != 0) {
        fprintf(stderr, "undis compat: wpp: %s\n", err);
    }
    compat_strv_free(&funcs);
    compat_strv_free(&includes);
    free(text);
}

int
compat_check_file(const char *path,
                  const compat_project *project,
                  const compat_options *options,
                  const compat_tree *tree,
                  const char *wpp_dir,
                  compat_result *result)
{
    compat_strv args = { 0 };
    CXIndex index;
    CXTranslationUnit tu = NULL;
    enum CXErrorCode rc;
    diag_ctx ctx;
    struct stat st;
    int cplusplus = !compat_has_ext(path, ".c");
    memset(result, 0, sizeof(*result));
    result->path = compat_strndup(path, strlen(path));
    result->cplusplus = cplusplus;
    if (result->path == NULL || build_args(&args, path, project, options, wpp_dir, cplusplus)) {
        compat_strv_free(&args);
        fprintf(stderr, "undis compat: out of memory\n");
        return -1;
    }
    if (stat(path, &st) != 0) {
        const char *found = tree_find_in(tree, path);
        if (found == NULL) {
            diag_ctx missing;
            memset(&missing, 0, sizeof(missing));
            missing.result = result;
            add_cause(&missing, COMPAT_DRIVER, compat_basename(path), "",
                      compat_strndup(path, strlen(path)), "listed in the project, not in the tree");
            result->errors = 1;
            compat_strv_free(&args);
            return missing.oom ? -1 : 0;
        }
        path = found; /* the project's spelling differs in letter case only */
    }
    make_tmh(path, project, options, wpp_dir);
    index = clang_createIndex(0, 0);
    rc = clang_parseTranslationUnit2(index, path, (const char *const *)args.v, (int)args.n, NULL, 0,
                                     CXTranslationUnit_KeepGoing, &tu);
    compat_strv_free(&args);
    if (rc != CXError_Success || tu == NULL) {
        fprintf(stderr, "undis compat: %s: libclang could not parse it (error %d)\n", path,
                (int)rc);
        clang_disposeIndex(index);
        return -1;
    }
    memset(&ctx, 0, sizeof(ctx));
    ctx.options = options;
    ctx.tree = tree;
    ctx.file = path;
    ctx.result = result;
    ctx.text = compat_read_file(path, NULL);
    for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
        CXDiagnostic diag = clang_getDiagnostic(tu, i);
        take_diagnostic(&ctx, diag);
        clang_disposeDiagnostic(diag);
    }
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    free(ctx.text);
    result->compiles = result->errors == 0;
    if (ctx.oom) {
        fprintf(stderr, "undis compat: out of memory\n");
        return -1;
    }
    return 0;
}

void
compat_result_free(compat_result *result)
{
    for (size_t i = 0; i < result->ncauses; i++) {
        free(result->causes[i].name);
        free(result->causes[i].header);
        free(result->causes[i].where);
        free(result->causes[i].message);
    }
    free(result->causes);
    free(result->path);
    memset(result, 0, sizeof(*result));
}
