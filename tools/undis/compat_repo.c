/* SPDX-License-Identifier: MIT */
/*
 * compat_repo.c: the generator sources of a header elsewhere in the driver's
 * repository or solution (issue12-compat-e). A project may include a header
 * another project of its solution generates (xdp-for-windows' xdplwf
 * includes xdpetw.h, which mc makes from src/xdpetw/xdpetw.man). From the
 * folder of the file compiled, the search goes up at most REPO_UP_LEVELS
 * folders to the nearest one holding a .sln file or a .git entry (the
 * repository's or solution's root); none: no search. Under that root it
 * lists the generator sources (.mc, .mof, .man, .in) at most REPO_MAX_DEPTH
 * folders deep, skipping hidden folders and stopping after REPO_MAX_ENTRIES
 * directory entries, so a huge tree costs a bounded walk. The listing is
 * made once per root and kept for the run.
 */
#include "compat_check.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define REPO_UP_LEVELS   8
#define REPO_MAX_DEPTH   10
#define REPO_MAX_ENTRIES 200000

static struct {
    char *root;        /* the root listed, or NULL */
    compat_tree files; /* its generator sources */
    size_t entries;    /* directory entries seen */
} g_repo;

/* 1 when dir holds a .sln file or a .git entry (folder, or file of a worktree). */
static int
is_root(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d != NULL && !found && (e = readdir(d)) != NULL) {
        found = strcmp(e->d_name, ".git") == 0 || compat_has_ext(e->d_name, ".sln");
    }
    if (d != NULL) {
        closedir(d);
    }
    return found;
}

/* The nearest folder from dir up (dir included) that is a root, or NULL. */
static char *
find_root(const char *dir)
{
    char *cur = compat_strndup(dir, strlen(dir));
    for (int level = 0; cur != NULL && level <= REPO_UP_LEVELS; level++) {
        char *up;
        if (is_root(cur)) {
            return cur;
        }
        up = compat_dirname(cur);
        if (up == NULL || strcmp(up, cur) == 0) {
            free(up);
            break;
        }
        free(cur);
        cur = up;
    }
    free(cur);
    return NULL;
}

static int
is_generator_source(const char *name)
{
    return compat_has_ext(name, ".mc") || compat_has_ext(name, ".mof") ||
           compat_has_ext(name, ".man") || compat_has_ext(name, ".in");
}

/* Adds path (base name name) to the listing. 0, or -1 when out of memory. */
static int
add_file(const char *path, const char *name)
{
    compat_tree *t = &g_repo.files;
    if (compat_strv_add(&t->paths, path, (size_t)-1) != 0 ||
        compat_strv_add(&t->lower, name, (size_t)-1) != 0) {
        return -1;
    }
    for (char *c = t->lower.v[t->lower.n - 1]; *c; c++) {
        *c = (char)tolower((unsigned char)*c);
    }
    return 0;
}

static int
list_dir(const char *dir, int depth)
{
    DIR *d = depth > REPO_MAX_DEPTH ? NULL : opendir(dir);
    struct dirent *e;
    int rc = 0;
    while (d != NULL && rc == 0 && (e = readdir(d)) != NULL &&
           ++g_repo.entries <= REPO_MAX_ENTRIES) {
        char *full;
        struct stat st;
        if (e->d_name[0] == '.') {
            continue;
        }
        full = compat_path_join(dir, e->d_name);
        if (full == NULL) {
            rc = -1;
        } else if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = list_dir(full, depth + 1);
        } else if (is_generator_source(e->d_name)) {
            rc = add_file(full, e->d_name);
        }
        free(full);
    }
    if (d != NULL) {
        closedir(d);
    }
    return rc;
}

/* The listing of the root above dir, or NULL (no root, or out of memory). */
static const compat_tree *
repo_of(const char *dir)
{
    char *root = find_root(dir);
    if (root == NULL) {
        return NULL;
    }
    if (g_repo.root != NULL && strcmp(g_repo.root, root) == 0) {
        free(root);
        return &g_repo.files;
    }
    compat_tree_free(&g_repo.files);
    free(g_repo.root);
    memset(&g_repo, 0, sizeof(g_repo));
    g_repo.root = root;
    if (list_dir(root, 0) != 0) {
        compat_tree_free(&g_repo.files);
        return NULL;
    }
    return &g_repo.files;
}

const char *
compat_repo_find_generator(const char *file, const char *header, const char **tool)
{
    char *dir = compat_dirname(file);
    const compat_tree *repo = dir != NULL ? repo_of(dir) : NULL;
    char source[300];
    size_t base = strcspn(header, ".");
    const char *found;
    free(dir);
    if (repo == NULL) {
        return NULL;
    }
    snprintf(source, sizeof(source), "%.*s.mc", (int)base, header);
    if ((found = compat_tree_find(repo, source)) != NULL) {
        *tool = "mc";
    } else if ((found = compat_tree_find_source(repo, header, ".mof")) != NULL) {
        *tool = "mofcomp";
    } else if ((found = compat_tree_find_source(repo, header, ".man")) != NULL) {
        *tool = "mc or ctrpp, from a manifest";
    } else {
        snprintf(source, sizeof(source), "%s.in", header);
        found = compat_tree_find(repo, source);
        *tool = "configure";
    }
    return found;
}
