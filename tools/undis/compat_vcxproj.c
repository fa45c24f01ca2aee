/* SPDX-License-Identifier: MIT */
/*
 * compat_vcxproj.c: what an MSBuild C/C++ project (.vcxproj and the .props it
 * imports) says about its compiles, read with libxml2.
 *
 * Evaluated as MSBuild does, in two passes over the document in order:
 * properties and item definitions first (PropertyGroup, ItemDefinitionGroup,
 * Import), items second (ItemGroup/ClCompile). Conditions understand
 * '...'=='...', '...'!='...', and, or, !, parentheses and exists('...').
 * $(Name) expands a property (unknown ones to nothing, as MSBuild does for
 * undefined properties; the WDK's own, such as $(DDK_INC_PATH), are unknown
 * here); %(Name) in item metadata expands to the value inherited so far.
 * Built-in properties: Configuration, Platform, ProjectDir,
 * MSBuildProjectDirectory, MSBuildThisFileDirectory (with its trailing '/'), SolutionDir (the
 * nearest folder up with a .sln, else the project's).
 */
#include "compat.h"

#include <ctype.h>
#include <dirent.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define MAX_IMPORT_DEPTH 8
#define EXPAND_CAP       8192

/* The ClCompile metadata followed. */
enum meta {
    META_DEFINES,
    META_INCLUDES,
    META_WPP_FUNC,
    META_WPP_SCAN,
    META_WPP_ENABLED,
    META_WPP_OPTIONS,
    META_STD_C,
    META_STD_CXX,
    META_EXCLUDED,
    META_COUNT
};
static const char *const meta_names[META_COUNT] = {
    "PreprocessorDefinitions",
    "AdditionalIncludeDirectories",
    "WppTraceFunction",
    "WppScanConfigurationData",
    "WppEnabled",
    "WppAdditionalOptions",
    "LanguageStandard_C",
    "LanguageStandard",
    "ExcludedFromBuild",
};

typedef struct eval {
    compat_strv names;  /* property names */
    compat_strv values; /* their values */
    char *meta[META_COUNT];
    const char *file_dir; /* folder of the file being read */
    compat_project *project;
    int oom;
} eval;

int
compat_have_xml(void)
{
    return 1;
}

static const char *
prop_get(const eval *ev, const char *name, size_t n)
{
    for (size_t i = ev->names.n; i-- > 0;) {
        if (strlen(ev->names.v[i]) == n && strncasecmp(ev->names.v[i], name, n) == 0) {
            return ev->values.v[i];
        }
    }
    return "";
}

static void
prop_set(eval *ev, const char *name, const char *value)
{
    if (compat_strv_add(&ev->names, name, (size_t)-1) != 0) {
        ev->oom = 1;
    } else if (compat_strv_add(&ev->values, value, (size_t)-1) != 0) {
        free(ev->names.v[--ev->names.n]);
        ev->oom = 1;
    }
}

/* Index just past the ')' closing the '(' at s[i] (or strlen when unbalanced). */
static size_t
skip_parens(const char *s, size_t i)
{
    int depth = 0;
    for (; s[i] != '\0'; i++) {
        depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
        if (depth == 0) {
            return i + 1;
        }
    }
    return i;
}

static void
put(char *out, size_t *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n && *w + 1 < EXPAND_CAP; i++) {
        out[(*w)++] = s[i];
    }
}

/* Expands $(...) and, when inherited is not NULL, %(...) into out[EXPAND_CAP]. */
static void
expand(const eval *ev, const char *s, const char *inherited, char *out)
{
    size_t w = 0;
    for (size_t i = 0; s[i] != '\0';) {
        if ((s[i] == '$' || s[i] == '%') && s[i + 1] == '(') {
            size_t end = skip_parens(s, i + 1);
            const char *name = s + i + 2;
            size_t n = end > i + 3 ? end - i - 3 : 0;
            if (s[i] == '%') {
                put(out, &w, inherited ? inherited : "", inherited ? strlen(inherited) : 0);
            } else if (strcspn(name, ".:[)") >= n) {
                const char *v = prop_get(ev, name, n);
                put(out, &w, v, strlen(v));
            } /* property functions and [MSBuild]:: calls: nothing */
            i = end;
        } else {
            put(out, &w, s + i, 1);
            i++;
        }
    }
    out[w] = '\0';
}

/* ---- conditions ---------------------------------------------------------- */

typedef struct cond {
    const char *p;
    const eval *ev;
} cond;

static void
cond_ws(cond *c)
{
    while (isspace((unsigned char)*c->p)) {
        c->p++;
    }
}

static int cond_or(cond *c);

/* A quoted or bare operand, copied to out[EXPAND_CAP]. */
static void
cond_operand(cond *c, char *out)
{
    size_t n = 0;
    cond_ws(c);
    if (*c->p == '\'') {
        const char *end = strchr(c->p + 1, '\'');
        n = end ? (size_t)(end - c->p - 1) : strlen(c->p + 1);
        n = n < EXPAND_CAP - 1 ? n : EXPAND_CAP - 1;
        memcpy(out, c->p + 1, n);
        c->p += n + 1 + (end != NULL);
    } else {
        while (isalnum((unsigned char)c->p[n]) || c->p[n] == '_' || c->p[n] == '.') {
            n++;
        }
        n = n < EXPAND_CAP - 1 ? n : EXPAND_CAP - 1;
        memcpy(out, c->p, n);
        c->p += n;
    }
    out[n] = '\0';
}

static int
path_exists(const eval *ev, const char *path)
{
    struct stat st;
    char *full;
    int ok;
    if (path[0] == '\0') {
        return 0;
    }
    full = compat_path_join(ev->project->dir, path);
    if (full == NULL) {
        return 0;
    }
    compat_path_normalize(full);
    ok = stat(full, &st) == 0;
    free(full);
    return ok;
}

static int
cond_primary(cond *c)
{
    char *a = malloc(EXPAND_CAP), *b = malloc(EXPAND_CAP);
    int result = 0;
    cond_ws(c);
    if (a == NULL || b == NULL) {
        /* no memory: the condition is false */
    } else if (*c->p == '!') {
        c->p++;
        result = !cond_primary(c);
    } else if (*c->p == '(') {
        c->p++;
        result = cond_or(c);
        cond_ws(c);
        c->p += *c->p == ')';
    } else if (strncasecmp(c->p, "exists", 6) == 0) {
        c->p += 6;
        cond_ws(c);
        c->p += *c->p == '(';
        cond_operand(c, a);
        cond_ws(c);
        c->p += *c->p == ')';
        result = path_exists(c->ev, a);
    } else {
        cond_operand(c, a);
        cond_ws(c);
        if ((c->p[0] == '=' || c->p[0] == '!') && c->p[1] == '=') {
            int equal = c->p[0] == '=';
            c->p += 2;
            cond_operand(c, b);
            result = (strcasecmp(a, b) == 0) == equal;
        } else {
            result = strcasecmp(a, "true") == 0;
        }
    }
    free(a);
    free(b);
    return result;
}

static int
cond_and(cond *c)
{
    int v = cond_primary(c);
    for (;;) {
        cond_ws(c);
        if (strncasecmp(c->p, "and", 3) != 0 || isalnum((unsigned char)c->p[3])) {
            return v;
        }
        c->p += 3;
        v = cond_primary(c) && v;
    }
}

static int
cond_or(cond *c)
{
    int v = cond_and(c);
    for (;;) {
        cond_ws(c);
        if (strncasecmp(c->p, "or", 2) != 0 || isalnum((unsigned char)c->p[2])) {
            return v;
        }
        c->p += 2;
        v = cond_and(c) || v;
    }
}

/* 1 when node has no Condition or its condition holds. */
static int
node_enabled(eval *ev, xmlNode *node)
{
    xmlChar *text = xmlGetProp(node, (const xmlChar *)"Condition");
    char *expanded;
    int result = 1;
    if (text == NULL) {
        return 1;
    }
    expanded = malloc(EXPAND_CAP);
    if (expanded == NULL) {
        ev->oom = 1;
        result = 0;
    } else {
        cond c;
        expand(ev, (const char *)text, NULL, expanded);
        c.p = expanded;
        c.ev = ev;
        result = cond_or(&c);
    }
    free(expanded);
    xmlFree(text);
    return result;
}

static int
is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           (name == NULL || strcmp((const char *)node->name, name) == 0);
}

/* ---- pass 1: properties, item definitions, imports ------------------------ */

static void read_file(eval *ev, const char *path, int depth);
static char *expand_node(eval *ev, xmlNode *node, const char *inherited);

static void
set_meta(eval *ev, int which, xmlNode *node)
{
    char *value = expand_node(ev, node, ev->meta[which]);
    if (value != NULL) {
        free(ev->meta[which]);
        ev->meta[which] = value;
    }
}

static int
meta_index(const xmlNode *node)
{
    for (int i = 0; i < META_COUNT; i++) {
        if (strcmp((const char *)node->name, meta_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static void
read_property_group(eval *ev, xmlNode *group)
{
    for (xmlNode *p = group->children; p != NULL; p = p->next) {
        xmlChar *text;
        char *out;
        if (!is_element(p, NULL) || !node_enabled(ev, p)) {
            continue;
        }
        text = xmlNodeGetContent(p);
        out = malloc(EXPAND_CAP);
        if (text != NULL && out != NULL) {
            expand(ev, (const char *)text,
                   prop_get(ev, (const char *)p->name, strlen((const char *)p->name)), out);
            prop_set(ev, (const char *)p->name, out);
        } else {
            ev->oom = 1;
        }
        free(out);
        xmlFree(text);
    }
}

static void
read_item_definitions(eval *ev, xmlNode *group)
{
    for (xmlNode *item = group->children; item != NULL; item = item->next) {
        if (!is_element(item, "ClCompile") || !node_enabled(ev, item)) {
            continue;
        }
        for (xmlNode *m = item->children; m != NULL; m = m->next) {
            int which = is_element(m, NULL) ? meta_index(m) : -1;
            if (which >= 0 && node_enabled(ev, m)) {
                set_meta(ev, which, m);
            }
        }
    }
}

static void match_case(char *path);

static void
read_import(eval *ev, xmlNode *node, int depth)
{
    xmlChar *project = xmlGetProp(node, (const xmlChar *)"Project");
    char *out = malloc(EXPAND_CAP);
    if (project != NULL && out != NULL && node_enabled(ev, node)) {
        expand(ev, (const char *)project, NULL, out);
        if (out[0] != '\0' && !compat_has_ext(out, ".targets")) {
            char *full = compat_path_join(ev->file_dir, out);
            struct stat st;
            if (full != NULL) {
                match_case(full);
            }
            if (full != NULL && stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
                read_file(ev, full, depth + 1);
            }
            free(full);
        }
    }
    free(out);
    xmlFree(project);
}

static void
pass_definitions(eval *ev, xmlNode *root, int depth)
{
    for (xmlNode *n = root->children; n != NULL; n = n->next) {
        if (!is_element(n, NULL) || !node_enabled(ev, n)) {
            continue;
        }
        if (is_element(n, "PropertyGroup")) {
            read_property_group(ev, n);
        } else if (is_element(n, "ItemDefinitionGroup")) {
            read_item_definitions(ev, n);
        } else if (is_element(n, "Import")) {
            read_import(ev, n, depth);
        } else if (is_element(n, "ImportGroup")) {
            for (xmlNode *i = n->children; i != NULL; i = i->next) {
                if (is_element(i, "Import")) {
                    read_import(ev, i, depth);
                }
            }
        }
    }
}

/* The folder of the file being read: ev->file_dir and $(MSBuildThisFileDirectory)
 * (which ends with a separator, as MSBuild's does). */
static void
set_this_dir(eval *ev, const char *dir)
{
    char buf[EXPAND_CAP];
    ev->file_dir = dir;
    snprintf(buf, sizeof(buf), "%s/", dir);
    prop_set(ev, "MSBuildThisFileDirectory", buf);
}

static void
read_file(eval *ev, const char *path, int depth)
{
    xmlDoc *doc;
    char *dir;
    const char *saved = ev->file_dir;
    if (depth > MAX_IMPORT_DEPTH) {
        return;
    }
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    dir = compat_dirname(path);
    if (doc != NULL && dir != NULL) {
        set_this_dir(ev, dir);
        pass_definitions(ev, xmlDocGetRootElement(doc), depth);
        set_this_dir(ev, saved);
    }
    free(dir);
    xmlFreeDoc(doc);
}

/* ---- pass 2: ClCompile items --------------------------------------------- */

/* Splits list at ';' and adds each trimmed, non-empty entry through add. */
static void
split_list(eval *ev, const char *list, void (*add)(eval *, const char *, size_t))
{
    while (*list != '\0') {
        size_t n = strcspn(list, ";");
        const char *s = list;
        size_t len = n;
        while (len > 0 && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len > 0 && isspace((unsigned char)s[len - 1])) {
            len--;
        }
        if (len > 0) {
            add(ev, s, len);
        }
        list += n + (list[n] == ';');
    }
}

/* The component of path that starts at c (up to the next '/' or the end), when it
 * does not exist, spelled as its folder spells it, letter case aside, as Windows
 * finds it (netkvm's "..\\Virtio" is the folder VirtIO). 0 when it exists. */
static int
match_component(char *path, char *c)
{
    size_t n = strcspn(c, "/");
    char saved = c[n];
    struct stat st;
    DIR *d;
    int found = 0;
    c[n] = '\0';
    if (stat(path, &st) == 0) {
        c[n] = saved;
        return 0;
    }
    c[-1] = '\0';
    d = opendir(c - 1 == path ? "/" : path);
    c[-1] = '/';
    for (struct dirent *e; d != NULL && !found && (e = readdir(d)) != NULL;) {
        if (strlen(e->d_name) == n && strcasecmp(e->d_name, c) == 0) {
            memcpy(c, e->d_name, n);
            found = 1;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    c[n] = saved;
    return found ? 0 : -1;
}

/* An absolute, normalized path with each component in the letter case on disk. */
static void
match_case(char *path)
{
    struct stat st;
    if (path[0] != '/' || stat(path, &st) == 0) {
        return;
    }
    for (char *c = path + 1; *c != '\0';) {
        if (match_component(path, c) != 0) {
            return;
        }
        c += strcspn(c, "/");
        c += *c == '/';
    }
}

static void
add_path_to(eval *ev, compat_strv *list, const char *s, size_t n)
{
    char *rel = compat_strndup(s, n), *full;
    if (rel == NULL) {
        ev->oom = 1;
        return;
    }
    compat_path_normalize(rel);
    full = compat_path_join(ev->project->dir, rel);
    if (full != NULL) {
        match_case(full);
    }
    if (full == NULL || (!compat_strv_has(list, full) && compat_strv_add(list, full, (size_t)-1))) {
        ev->oom = 1;
    }
    free(full);
    free(rel);
}

static void
add_source(eval *ev, const char *s, size_t n)
{
    char *rel = compat_strndup(s, n), *full;
    glob_t g;
    if (rel == NULL) {
        ev->oom = 1;
        return;
    }
    compat_path_normalize(rel);
    full = compat_path_join(ev->project->dir, rel);
    if (full != NULL && strchr(full, '*') != NULL && glob(full, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            add_path_to(ev, &ev->project->sources, g.gl_pathv[i], strlen(g.gl_pathv[i]));
        }
        globfree(&g);
    } else if (full != NULL) {
        add_path_to(ev, &ev->project->sources, full, strlen(full));
    }
    free(full);
    free(rel);
}

static void
add_func(eval *ev, const char *s, size_t n)
{
    if (compat_strv_add(&ev->project->wpp_funcs, s, n) != 0) {
        ev->oom = 1;
    }
}

static void
add_scan(eval *ev, const char *s, size_t n)
{
    add_path_to(ev, &ev->project->wpp_scan, s, n);
}

/* "-func:A(...) -func:B(...)" options: each spec through add_func. */
static void
add_options(eval *ev, const char *opts)
{
    for (const char *p = strstr(opts, "-func:"); p != NULL; p = strstr(p, "-func:")) {
        size_t n;
        p += 6;
        n = strcspn(p, " \t;");
        add_func(ev, p, n);
        p += n;
    }
}

/* node's text with $(...) and %(...) (inherited) expanded, malloc'd; NULL when out of memory. */
static char *
expand_node(eval *ev, xmlNode *node, const char *inherited)
{
    xmlChar *text = xmlNodeGetContent(node);
    char *out = malloc(EXPAND_CAP);
    if (text == NULL || out == NULL) {
        ev->oom = 1;
        free(out);
        out = NULL;
    } else {
        expand(ev, (const char *)text, inherited, out);
    }
    xmlFree(text);
    return out;
}

static int
is_true(const char *s)
{
    return s != NULL && strcasecmp(s, "true") == 0;
}

/* The WPP metadata of one item (its own over the item definitions). */
static void
read_item_wpp(eval *ev, xmlNode *item)
{
    char *own[META_COUNT] = { 0 };
    for (xmlNode *m = item->children; m != NULL; m = m->next) {
        int which = is_element(m, NULL) ? meta_index(m) : -1;
        if (which >= 0 && node_enabled(ev, m)) {
            char *value = expand_node(ev, m, own[which] ? own[which] : ev->meta[which]);
            free(own[which]);
            own[which] = value;
        }
    }
    for (int i = 0; i < META_COUNT; i++) {
        const char *v = own[i] ? own[i] : ev->meta[i] ? ev->meta[i] : "";
        if (i == META_WPP_ENABLED && is_true(v)) {
            ev->project->wpp_enabled = 1;
        } else if (i == META_WPP_FUNC) {
            split_list(ev, v, add_func);
        } else if (i == META_WPP_SCAN) {
            split_list(ev, v, add_scan);
        } else if (i == META_WPP_OPTIONS) {
            add_options(ev, v);
        }
        free(own[i]);
    }
}

static void
pass_items(eval *ev, xmlNode *root)
{
    for (xmlNode *g = root->children; g != NULL; g = g->next) {
        if (!is_element(g, "ItemGroup") || !node_enabled(ev, g)) {
            continue;
        }
        for (xmlNode *item = g->children; item != NULL; item = item->next) {
            xmlChar *include;
            char *out;
            if (!is_element(item, "ClCompile") || !node_enabled(ev, item)) {
                continue;
            }
            include = xmlGetProp(item, (const xmlChar *)"Include");
            out = malloc(EXPAND_CAP);
            if (include != NULL && out != NULL) {
                expand(ev, (const char *)include, NULL, out);
                split_list(ev, out, add_source);
                read_item_wpp(ev, item);
            }
            free(out);
            xmlFree(include);
        }
    }
}

/* ---- the whole project --------------------------------------------------- */

static void
add_define(eval *ev, const char *s, size_t n)
{
    if (memchr(s, '%', n) == NULL && memchr(s, '$', n) == NULL &&
        compat_strv_add(&ev->project->defines, s, n) != 0) {
        ev->oom = 1;
    }
}

static void
add_include(eval *ev, const char *s, size_t n)
{
    add_path_to(ev, &ev->project->includes, s, n);
}

/* The nearest folder from dir up holding a .sln, with a trailing '/'. */
static char *
solution_dir(const char *dir)
{
    char *cur = compat_strndup(dir, strlen(dir));
    while (cur != NULL) {
        DIR *d = opendir(cur);
        struct dirent *e;
        int found = 0;
        while (d != NULL && (e = readdir(d)) != NULL && !found) {
            found = compat_has_ext(e->d_name, ".sln");
        }
        if (d != NULL) {
            closedir(d);
        }
        if (found || strcmp(cur, "/") == 0 || strcmp(cur, ".") == 0) {
            break;
        } else {
            char *up = compat_dirname(cur);
            free(cur);
            cur = up;
        }
    }
    if (cur == NULL || (strcmp(cur, "/") == 0 || strcmp(cur, ".") == 0)) {
        free(cur);
        cur = compat_strndup(dir, strlen(dir));
    }
    return cur;
}

static void
set_builtins(eval *ev, const char *configuration)
{
    char buf[EXPAND_CAP];
    size_t bar = strcspn(configuration, "|");
    char *sln = solution_dir(ev->project->dir);
    snprintf(buf, sizeof(buf), "%.*s", (int)bar, configuration);
    prop_set(ev, "Configuration", buf);
    prop_set(ev, "Platform", configuration[bar] ? configuration + bar + 1 : "x64");
    snprintf(buf, sizeof(buf), "%s/", ev->project->dir);
    prop_set(ev, "ProjectDir", buf);
    prop_set(ev, "MSBuildProjectDirectory", ev->project->dir);
    snprintf(buf, sizeof(buf), "%s/", sln ? sln : ev->project->dir);
    prop_set(ev, "SolutionDir", buf);
    free(sln);
}

static void
finish(eval *ev)
{
    compat_project *p = ev->project;
    const char *driver_type = prop_get(ev, "DriverType", 10);
    split_list(ev, ev->meta[META_DEFINES] ? ev->meta[META_DEFINES] : "", add_define);
    split_list(ev, ev->meta[META_INCLUDES] ? ev->meta[META_INCLUDES] : "", add_include);
    snprintf(p->driver_type, sizeof(p->driver_type), "%s", driver_type);
    snprintf(p->c_std, sizeof(p->c_std), "%s", ev->meta[META_STD_C] ? ev->meta[META_STD_C] : "");
    snprintf(p->cxx_std, sizeof(p->cxx_std), "%s",
             ev->meta[META_STD_CXX] ? ev->meta[META_STD_CXX] : "");
}

int
compat_project_read(
    const char *path, const char *configuration, compat_project *project, char *err, size_t errcap)
{
    eval ev;
    xmlDoc *doc;
    memset(project, 0, sizeof(*project));
    memset(&ev, 0, sizeof(ev));
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        snprintf(err, errcap, "%s: cannot be read as XML", path);
        xmlFreeDoc(doc);
        return -1;
    }
    project->path = compat_strndup(path, strlen(path));
    project->dir = compat_dirname(path);
    snprintf(project->configuration, sizeof(project->configuration), "%s", configuration);
    ev.project = project;
    if (project->path != NULL && project->dir != NULL) {
        set_this_dir(&ev, project->dir);
        set_builtins(&ev, configuration);
        pass_definitions(&ev, xmlDocGetRootElement(doc), 0);
        pass_items(&ev, xmlDocGetRootElement(doc));
        finish(&ev);
    } else {
        ev.oom = 1;
    }
    xmlFreeDoc(doc);
    compat_strv_free(&ev.names);
    compat_strv_free(&ev.values);
    for (int i = 0; i < META_COUNT; i++) {
        free(ev.meta[i]);
    }
    if (ev.oom) {
        compat_project_free(project);
        snprintf(err, errcap, "%s: out of memory", path);
        return -1;
    }
    return 0;
}

void
compat_project_free(compat_project *project)
{
    free(project->path);
    free(project->dir);
    compat_strv_free(&project->sources);
    compat_strv_free(&project->defines);
    compat_strv_free(&project->includes);
    compat_strv_free(&project->wpp_funcs);
    compat_strv_free(&project->wpp_scan);
    memset(project, 0, sizeof(*project));
}
