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
    "Windows data model (LLP64)",
    "unclassified",
};
static const char *const kind_key[COMPAT_KIND_COUNT] = {
    "undis_lacks", "undis_differs", "driver_defect", "msvc_only",
    "generated",   "follow_on",     "data_model",    "unclassified",
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

/* ---- one diagnostic ------------------------------------------------------ */

typedef struct diag_ctx {
    const compat_options *options;
    const compat_tree *tree;
    const char *file; /* the file compiled */
    compat_result *result;
    int oom;
    int seen_cause;   /* a classified cause came before */
    int lost_header;  /* a header of the driver's (or generated) was not found */
    int lost_unknown; /* ... one outside the tree: what it declares is unknown */
    char *text;       /* the text of the file compiled */
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

/* A header not found: generated, lacking in undis, the tree's own, or spelled for Windows. */
static void
classify_missing_file(diag_ctx *ctx, const char *name, char *where, const char *msg)
{
    const char *found = compat_tree_find(ctx->tree, name);
    const char *tool = NULL;
    char generator[300];
    size_t base = strcspn(name, ".");
    ctx->lost_header = 1;
    if (compat_has_ext(name, ".tmh")) {
        add_cause(ctx, COMPAT_GENERATED, name, "WPP", where, msg);
        return;
    }
    snprintf(generator, sizeof(generator), "%.*s.mc", (int)base, name);
    if (compat_tree_find(ctx->tree, generator) != NULL) {
        add_cause(ctx, COMPAT_GENERATED, name, "mc", where, msg);
        return;
    }
    /* mofcomp's header of WMI classes, mc's or ctrpp's of a manifest (compat-d):
     * what they declare is not read from the source, so the names after
     * them are the header's, not undis's */
    if (compat_tree_find_source(ctx->tree, name, ".mof") != NULL) {
        ctx->lost_unknown = 1;
        add_cause(ctx, COMPAT_GENERATED, name, "mofcomp", where, msg);
        return;
    }
    if (compat_tree_find_source(ctx->tree, name, ".man") != NULL) {
        ctx->lost_unknown = 1;
        add_cause(ctx, COMPAT_GENERATED, name, "mc or ctrpp, from a manifest", where, msg);
        return;
    }
    snprintf(generator, sizeof(generator), "%s.in", name);
    if (compat_tree_find(ctx->tree, generator) != NULL) {
        add_cause(ctx, COMPAT_GENERATED, name, "configure", where, msg);
    } else if (found != NULL && (strchr(name, '\\') != NULL ||
                                 strcmp(compat_basename(found), compat_basename(name)) != 0)) {
        add_cause(ctx, COMPAT_MSVC, name, "Windows path spelling (backslash or letter case)", where,
                  msg);
    } else if (found != NULL) {
        add_cause(ctx, COMPAT_DRIVER, name, "in the tree but not on the project's include path",
                  where, msg);
    } else if (!compat_wdk_header(name) && ctx->file != NULL &&
               compat_repo_find_generator(ctx->file, name, &tool) != NULL) {
        /* made by another project of the repository or solution (compat-e) */
        ctx->lost_unknown = 1;
        add_cause(ctx, COMPAT_GENERATED, name, tool, where, msg);
    } else if (!compat_wdk_header(name)) {
        ctx->lost_unknown = 1; /* what it declares cannot be told from undis's lacks */
        add_cause(ctx, COMPAT_DRIVER, name, "a header of the project's, not in the tree given",
                  where, msg);
    } else {
        ctx->lost_header = 0; /* names after it: what undis lacks */
        add_cause(ctx, COMPAT_UNDIS_LACKS, name, name, where, msg);
    }
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
        line = file ? compat_source_line(file, strtoul(colon + 1, NULL, 10)) : NULL;
        found = line != NULL && compat_has_word(line, name);
        free(line);
        free(file);
        if (found) {
            return 1;
        }
    }
    return 0;
}

/* 1 when line `back` lines before `where` ("file:line") contains text. */
static int
line_has(const char *where, unsigned long back, const char *text)
{
    const char *colon = strrchr(where, ':');
    unsigned long n;
    char *file, *line;
    int found;
    if (colon == NULL) {
        return 0;
    }
    n = strtoul(colon + 1, NULL, 10);
    if (n <= back) {
        return 0;
    }
    file = compat_strndup(where, (size_t)(colon - where));
    line = file ? compat_source_line(file, n - back) : NULL;
    found = line != NULL && strstr(line, text) != NULL;
    free(line);
    free(file);
    return found;
}

/* MSVC-only forms told by the source line (compat-a): a __declspec inside a
 * type name (clang: "expected expression"), and an assignment through a
 * conditional between incompatible pointer types, which MSVC types as the
 * first operand's and clang as void *. */
static int
msvc_by_line(const char *msg, const char *where)
{
    if (strcmp(msg, "expected expression") == 0) {
        return line_has(where, 0, "__declspec(");
    }
    if (strcmp(msg, "incomplete type 'void' is not assignable") == 0) {
        return line_has(where, 0, "?") || line_has(where, 1, "?");
    }
    return 0;
}

static int
is_cplusplus(const char *file)
{
    return file != NULL && (compat_has_ext(file, ".cpp") || compat_has_ext(file, ".cxx") ||
                            compat_has_ext(file, ".cc"));
}

/* A name the file uses and nobody declared. */
static void
classify_missing_name(diag_ctx *ctx, const char *name, char *where, const char *msg)
{
    int undeclared = strncmp(msg, "use of undeclared", 17) == 0;
    if ((ctx->lost_unknown && compat_wdk_prefix(name) == NULL) ||
        (ctx->lost_header && compat_tree_defines(ctx->tree, name)) ||
        (undeclared && (compat_declares_variable(ctx->text, name) ||
                        compat_declares_variable(ctx->tree ? ctx->tree->headers : NULL, name))) ||
        (strncmp(msg, "use of undeclared", 17) == 0 && declared_by_failed_line(ctx, name))) {
        add_cause(ctx, COMPAT_FOLLOW_ON, name, "", where, msg);
    } else if (compat_msvc_name(name)) {
        add_cause(ctx, COMPAT_MSVC, name, "", where, msg);
    } else if (compat_tree_defines_for_msvc(ctx->tree, name)) {
        add_cause(ctx, COMPAT_MSVC, name, "defined by the tree under _WIN32/_MSC_VER", where, msg);
    } else if (undeclared && is_cplusplus(ctx->file) &&
               compat_tree_declares_function(ctx->tree, name)) {
        /* MSVC parses a template's body when it is instantiated: a member of
         * a dependent base called without this->, or a function declared
         * after the template, resolves there; clang looks it up at once. */
        add_cause(ctx, COMPAT_MSVC, name, "MSVC's late template parsing", where, msg);
    } else {
        add_cause(ctx, COMPAT_UNDIS_LACKS, name, compat_guess_header(name), where, msg);
    }
}

/* type with Windows' widths spelled as this host's: long (not long long) as
 * int, wchar_t as unsigned short. 0, or -1 when it does not fit. */
static int
windows_width(const char *type, char *out, size_t size)
{
    const char *longlong = strstr(type, "long long");
    size_t used = 0;
    for (const char *p = type; *p != '\0';) {
        char w[64];
        size_t n = strcspn(p, " ");
        const char *word = w;
        snprintf(w, sizeof(w), "%.*s", (int)n, p);
        p += n + (p[n] == ' ');
        if (strcmp(w, "long") == 0 && longlong == NULL) {
            word = "int";
        } else if (strcmp(w, "wchar_t") == 0) {
            word = "unsigned short";
        } else if (strcmp(w, "int") == 0 && strstr(type, "long int") != NULL && longlong == NULL) {
            continue; /* "long int": the long became int */
        }
        used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "", word);
        if (used >= size) {
            return -1;
        }
    }
    return 0;
}

/* 1 when msg is a typedef redefinition whose two types differ here and are the
 * same type with Windows' widths (npcap's `typedef unsigned long ULONG`
 * against undis's 32-bit ULONG on an LP64 host). */
static int
llp64_redefinition(const char *msg)
{
    static const char head[] = "typedef redefinition with different types (";
    char *theirs, *ours;
    char a[256], b[256];
    int same;
    if (strncmp(msg, head, sizeof(head) - 1) != 0) {
        return 0;
    }
    theirs = compat_quoted(msg, 0);
    ours = compat_quoted(msg, 1);
    same = theirs != NULL && ours != NULL && strcmp(theirs, ours) != 0 &&
           windows_width(theirs, a, sizeof(a)) == 0 && windows_width(ours, b, sizeof(b)) == 0 &&
           strcmp(a, b) == 0;
    free(theirs);
    free(ours);
    return same;
}

static void
classify(diag_ctx *ctx, CXDiagnostic diag, const char *msg, char *where, const char *file)
{
    char *name = compat_quoted(msg, 0);
    if (name == NULL) {
        ctx->oom = 1;
        free(where);
        return;
    }
    if (compat_form(msg, "", " file not found")) {
        classify_missing_file(ctx, name, where, msg);
    } else if (compat_msvc_message(msg) || compat_msvc_name(name) || msvc_by_line(msg, where)) {
        add_cause(ctx, COMPAT_MSVC, name, "", where, msg);
    } else if (in_undis(ctx, file)) {
        add_cause(ctx, COMPAT_UNDIS_DIFFERS, name, compat_basename(file), where, msg);
    } else if (compat_form(msg, "use of undeclared identifier ", "") ||
               compat_form(msg, "unknown type name ", "") ||
               compat_form(msg, "implicit declaration of function ", "") ||
               compat_form(msg, "call to undeclared function ", "")) {
        classify_missing_name(ctx, name, where, msg);
    } else if (compat_form(msg, "no member named ", " in ")) {
        char *type = compat_quoted(msg, 1);
        const char *bare = type ? compat_tag_name(type) : "";
        char full[512];
        snprintf(full, sizeof(full), "%s.%s", bare, name);
        add_cause(ctx,
                  compat_wdk_prefix(bare) != NULL ? COMPAT_UNDIS_LACKS
                  : ctx->seen_cause               ? COMPAT_FOLLOW_ON
                                                  : COMPAT_UNCLASSIFIED,
                  full, compat_guess_header(bare), where, msg);
        free(type);
    } else if (compat_form(msg, "incomplete definition of type ", "") ||
               compat_form(msg, "variable has incomplete type ", "")) {
        const char *bare = compat_tag_name(name);
        add_cause(ctx, compat_wdk_prefix(bare) != NULL ? COMPAT_UNDIS_LACKS : COMPAT_FOLLOW_ON,
                  bare, compat_guess_header(bare), where, msg);
    } else if (llp64_redefinition(msg)) {
        add_cause(ctx, COMPAT_DATA_MODEL, name, "", where, msg);
    } else if (compat_form(msg, "conflicting types for ", "") ||
               compat_form(msg, "redefinition of ", "") ||
               compat_form(msg, "typedef redefinition with different types", "") ||
               compat_form(msg, "redefinition of ", " as different kind of symbol") ||
               compat_form(msg, "static declaration of ", " follows non-static declaration")) {
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
    /* MSVC's /kernel, with which the WDK builds drivers, defines _KERNEL_MODE */
    rc |= compat_strv_add(args, "-D_KERNEL_MODE=1", (size_t)-1);
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
    result->gcc = -1;
    result->path = compat_strndup(path, strlen(path));
    result->cplusplus = cplusplus;
    if (result->path == NULL || build_args(&args, path, project, options, wpp_dir, cplusplus)) {
        compat_strv_free(&args);
        fprintf(stderr, "undis compat: out of memory\n");
        return -1;
    }
    if (stat(path, &st) != 0) {
        const char *found = compat_tree_find_in(tree, path);
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
    result->gcc = -1;
    if (options->cc != NULL && compat_gcc_check(path, &args, options, cplusplus, result) != 0) {
        fprintf(stderr, "undis compat: out of memory\n");
    }
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
    free(result->gcc_error);
    memset(result, 0, sizeof(*result));
}
