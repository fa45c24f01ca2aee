/* SPDX-License-Identifier: MIT */
/* compat_tree.c: the index of a driver tree, the Windows file-system overlay, and
 * the text searches `undis compat` makes in the tree's files. */
#include "compat_check.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int is_keyword(const char *p, size_t n);

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
const char *
compat_tree_find(const compat_tree *tree, const char *name)
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

const char *
compat_tree_find_source(const compat_tree *tree, const char *name, const char *ext)
{
    const char *base = strrchr(name, '/');
    const char *back = strrchr(name, '\\');
    size_t n = strlen(ext);
    base = back > base ? back : base;
    base = base ? base + 1 : name;
    for (size_t k = 0; tree != NULL && k < tree->lower.n; k++) {
        const char *file = tree->lower.v[k];
        size_t stem = strlen(file);
        if (stem >= n + 3 && strcasecmp(file + stem - n, ext) == 0 &&
            strncasecmp(base, file, stem - n) == 0) {
            return tree->paths.v[k];
        }
    }
    return NULL;
}

/* The tree's file that is path but for letter case, or NULL. */
const char *
compat_tree_find_in(const compat_tree *tree, const char *path)
{
    for (size_t k = 0; tree != NULL && k < tree->paths.n; k++) {
        if (strcasecmp(tree->paths.v[k], path) == 0) {
            return tree->paths.v[k];
        }
    }
    return NULL;
}

/* 1 when b follows "#define" ("#  define" as clang-format indents it). */
static int
after_define(const char *text, const char *b)
{
    if (b - text < 7 || strncmp(b - 6, "define", 6) != 0) {
        return 0;
    }
    b -= 6;
    while (b > text && (b[-1] == ' ' || b[-1] == '\t')) {
        b--;
    }
    return b > text && b[-1] == '#';
}

/* Where a header-like file of the tree defines name (#define NAME, } NAME,
 * a typedef line ending in NAME, or an mc SymbolicName=NAME), or NULL. */
static const char *
find_definition(const compat_tree *tree, const char *name)
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
        if ((b > text && b[-1] == '}') || after_define(text, b) ||
            (b - text >= 13 && strncmp(b - 13, "SymbolicName=", 13) == 0)) {
            return p;
        }
        while (b > text && b[-1] != '\n') {
            b--;
        }
        if (strncmp(b, "typedef", 7) == 0 && (p[n] == ';' || p[n] == ',')) {
            return p;
        }
    }
    return NULL;
}

int
compat_tree_defines(const compat_tree *tree, const char *name)
{
    return find_definition(tree, name) != NULL;
}

/* The start of the line before line, or NULL at the start of text. */
static const char *
previous_line(const char *text, const char *line)
{
    if (line <= text) {
        return NULL;
    }
    line--; /* the '\n' ending the line before */
    while (line > text && line[-1] != '\n') {
        line--;
    }
    return line;
}

/* 1 when the preprocessor line at p (after white space) starts with word. */
static int
directive_is(const char *p, const char *word)
{
    size_t n = strlen(word);
    p += strspn(p, " \t");
    if (*p != '#') {
        return 0;
    }
    p++;
    p += strspn(p, " \t");
    return strncmp(p, word, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/* 1 when the tree defines name only inside a conditional that tests a macro
 * MSVC predefines (_WIN32, _WIN64, _MSC_VER): a Windows-only definition. */
int
compat_tree_defines_for_msvc(const compat_tree *tree, const char *name)
{
    const char *text = tree != NULL ? tree->headers : NULL;
    const char *p = find_definition(tree, name);
    int depth = 0;
    if (p == NULL) {
        return 0;
    }
    while (p > text && p[-1] != '\n') {
        p--;
    }
    for (p = previous_line(text, p); p != NULL; p = previous_line(text, p)) {
        if (directive_is(p, "endif")) {
            depth++;
        } else if (directive_is(p, "if") || directive_is(p, "ifdef") || directive_is(p, "ifndef")) {
            size_t len = strcspn(p, "\n");
            char line[256];
            if (depth-- > 0) {
                continue;
            }
            snprintf(line, sizeof(line), "%.*s", (int)len, p);
            return !directive_is(p, "ifndef") &&
                   (compat_has_word(line, "_WIN32") || compat_has_word(line, "_WIN64") ||
                    compat_has_word(line, "_MSC_VER"));
        }
    }
    return 0;
}

/* 1 when the tree's headers declare a function or member function name:
 * "TYPE name(" with TYPE an identifier (not a keyword), '*' or '&'. */
int
compat_tree_declares_function(const compat_tree *tree, const char *name)
{
    size_t n = strlen(name);
    const char *text = tree != NULL ? tree->headers : NULL;
    for (const char *p = text ? strstr(text, name) : NULL; p != NULL; p = strstr(p + 1, name)) {
        const char *a = p + n, *b = p, *end;
        if (isalnum((unsigned char)*a) || *a == '_' ||
            (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            continue;
        }
        a += strspn(a, " \t");
        if (*a != '(') {
            continue;
        }
        while (b > text && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (b > text && (b[-1] == '*' || b[-1] == '&')) {
            return 1;
        }
        end = b;
        while (b > text && (isalnum((unsigned char)b[-1]) || b[-1] == '_')) {
            b--;
        }
        if (b < end && b < p && !isdigit((unsigned char)*b) && !is_keyword(b, (size_t)(end - b))) {
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
            memchr(q, '\\', (size_t)(close - q)) != NULL &&
            memchr(q, '\n', (size_t)(close - q)) == NULL &&
            memchr(q + 1, '\'', (size_t)(close - q - 1)) == NULL) {
            char *name = compat_strndup(q + 1, (size_t)(close - q - 1));
            char *target = name ? compat_path_join(dir, name) : NULL;
            const char *found = target ? compat_tree_find_in(tree, target) : NULL;
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

/* Line `line` of file (malloc'd, NULL when there is none). */
char *
compat_source_line(const char *file, unsigned long line)
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

int
compat_has_word(const char *text, const char *word)
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

static int
is_keyword(const char *p, size_t n)
{
    static const char *const words[] = { "return",  "case", "sizeof", "else",   "goto",  "do",
                                         "defined", "if",   "while",  "define", "ifdef", "ifndef",
                                         "undef",   "elif", "throw",  "delete", "new" };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* 1 when text declares name as a variable or parameter: "TYPE name" followed
 * by , ; ) = or [, TYPE an identifier (not a keyword) or a '*'. */
int
compat_declares_variable(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = text ? strstr(text, name) : NULL; p != NULL; p = strstr(p + 1, name)) {
        const char *b = p, *a = p + n, *end;
        if (isalnum((unsigned char)*a) || *a == '_' ||
            (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            continue;
        }
        for (;;) { /* white space and comments */
            if (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n') {
                a++;
            } else if (a[0] == '/' && a[1] == '/') {
                a += strcspn(a, "\n");
            } else if (a[0] == '/' && a[1] == '*' && strstr(a + 2, "*/") != NULL) {
                a = strstr(a + 2, "*/") + 2;
            } else {
                break;
            }
        }
        if (strchr(",;)=[", *a) == NULL || *a == '\0' || (a[0] == '=' && a[1] == '=')) {
            continue;
        }
        while (b > text && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (b > text && b[-1] == '*') {
            return 1;
        }
        if (b == p) {
            continue; /* nothing between the type and the name */
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
const char *
compat_tag_name(const char *type)
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
