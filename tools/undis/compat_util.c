/* SPDX-License-Identifier: MIT */
/* compat_util.c: string lists and path helpers of `undis compat` / `undis wpp`. */
#include "compat.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

char *
compat_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

int
compat_strv_add(compat_strv *list, const char *s, size_t n)
{
    char *copy;
    if (n == (size_t)-1) {
        n = strlen(s);
    }
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        char **v = realloc(list->v, cap * sizeof(*v));
        if (v == NULL) {
            return -1;
        }
        list->v = v;
        list->cap = cap;
    }
    copy = compat_strndup(s, n);
    if (copy == NULL) {
        return -1;
    }
    list->v[list->n++] = copy;
    return 0;
}

int
compat_strv_addf(compat_strv *list, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        return -1;
    }
    return compat_strv_add(list, buf, (size_t)n);
}

int
compat_strv_has(const compat_strv *list, const char *s)
{
    for (size_t i = 0; i < list->n; i++) {
        if (strcmp(list->v[i], s) == 0) {
            return 1;
        }
    }
    return 0;
}

void
compat_strv_free(compat_strv *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i]);
    }
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}

char *
compat_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t used = 0, cap = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        size_t got;
        if (cap - used < 4096) {
            char *grown = realloc(buf, cap + 65536);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
            cap += 65536;
        }
        got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    buf[used] = '\0';
    if (len != NULL) {
        *len = used;
    }
    return buf;
}

char *
compat_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p;
    if (name[0] == '/' || a == 0) {
        p = compat_strndup(name, b);
        if (p != NULL) {
            compat_path_normalize(p); /* "$(SolutionDir)src\\x.props" is absolute too */
        }
        return p;
    }
    p = malloc(a + b + 2);
    if (p == NULL) {
        return NULL;
    }
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    compat_path_normalize(p);
    return p;
}

void
compat_path_normalize(char *path)
{
    /* Component by component: w is the write end, comps the number of kept
     * components that a ".." may remove. */
    size_t r = 0, w = 0, comps = 0;
    int absolute;
    for (char *c = path; *c; c++) {
        if (*c == '\\') {
            *c = '/';
        }
    }
    absolute = path[0] == '/';
    if (absolute) {
        r = w = 1;
    }
    while (path[r] != '\0') {
        size_t n = strcspn(path + r, "/");
        if (n == 0 || (n == 1 && path[r] == '.')) {
            /* empty or "." */
        } else if (n == 2 && path[r] == '.' && path[r + 1] == '.' && comps > 0) {
            w = w > (absolute ? 1u : 0u) ? w - 1 : w; /* the '/' before it */
            while (w > (absolute ? 1u : 0u) && path[w - 1] != '/') {
                w--;
            }
            comps--;
        } else {
            int dotdot = n == 2 && path[r] == '.' && path[r + 1] == '.';
            int last = path[r + n] == '\0';
            memmove(path + w, path + r, n);
            w += n;
            if (last) {
                break;
            }
            path[w++] = '/';
            comps += dotdot ? 0u : 1u;
        }
        r += n;
        if (path[r] == '/') {
            r++;
        }
    }
    if (w > (absolute ? 1u : 0u) && path[w - 1] == '/') {
        w--;
    }
    if (w == 0) {
        path[w++] = '.';
    }
    path[w] = '\0';
}

char *
compat_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return compat_strndup(".", 1);
    }
    if (slash == path) {
        return compat_strndup("/", 1);
    }
    return compat_strndup(path, (size_t)(slash - path));
}

const char *
compat_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

int
compat_has_ext(const char *name, const char *ext)
{
    size_t a = strlen(name), b = strlen(ext);
    if (a < b) {
        return 0;
    }
    for (size_t i = 0; i < b; i++) {
        if (tolower((unsigned char)name[a - b + i]) != tolower((unsigned char)ext[i])) {
            return 0;
        }
    }
    return 1;
}
