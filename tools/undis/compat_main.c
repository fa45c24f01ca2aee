/* SPDX-License-Identifier: MIT */
/*
 * compat_main.c: `undis compat PATH...`: does a driver's source tree compile
 * against undis's headers, and if not, why.
 *
 * A PATH is a folder, a .vcxproj or a C/C++ file. In a folder, the driver
 * projects (.vcxproj with a DriverType, a kernel-mode toolset or
 * ConfigurationType Driver; other projects only when there is no driver one)
 * up to three levels down give the files and how they are built; each file is
 * compiled once, with the first project listing it in reverse name order (so
 * with the newest of netvmini60/620/630/680). A folder with no project: every
 * .c/.cpp/.cc/.cxx under it, with the -D/-I of the command line. A
 * .vcxproj.in (a project a configure step writes) stands for a .vcxproj when
 * there is none.
 */
#include "compat_check.h"
#include "compat_report.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef UNDIS_COMPAT_INCLUDE
#    define UNDIS_COMPAT_INCLUDE ""
#endif

typedef struct job {
    char *file;
    size_t project; /* index into projects, or (size_t)-1 */
} job;

typedef struct run {
    compat_options options;
    const char *configuration;
    int json;
    compat_project *projects;
    size_t nprojects;
    job *jobs;
    size_t njobs;
    compat_result *results;
    char wpp_dir[64];
    char overlay[96];
    char lower_dir[96]; /* --cc: lower-case links to the tree's headers */
} run;

static void
usage(FILE *out)
{
    fprintf(out,
            "usage: undis compat [options] PATH...\n"
            "\n"
            "Compiles each C/C++ file of a driver (a folder, a .vcxproj, or files) against\n"
            "undis's headers as its project builds it, and names why a file does not compile:\n"
            "undis lacks NAME (header), undis differs, the driver's own defect, an MSVC-only\n"
            "construct, or a missing generated header (.tmh files are generated, as by WPP).\n"
            "\n"
            "  -I DIR              add an include folder (after undis's)\n"
            "  -D NAME[=VALUE]     define a macro\n"
            "  --undis-include DIR undis's headers, before those of this build (%s)\n"
            "  --config CFG|PLAT   the project configuration (default Release|x64)\n"
            "  --wpp-func SPEC     a WPP trace function, as -func: takes it\n"
            "  --ms-compat         also -fms-compatibility\n"
            "  --cc gcc            also compile each file with gcc (g++ for C++), -fsyntax-only\n"
            "  --json              the report as JSON\n"
            "  -v                  print every diagnostic\n"
            "Exit status: 0 when every file compiles, 1 when some do not, 2 on bad usage.\n",
            UNDIS_COMPAT_INCLUDE[0] ? UNDIS_COMPAT_INCLUDE : "(none built in)");
}

/* ---- finding the work ---------------------------------------------------- */

static int
is_source(const char *name)
{
    return compat_has_ext(name, ".c") || compat_has_ext(name, ".cpp") ||
           compat_has_ext(name, ".cc") || compat_has_ext(name, ".cxx");
}

static int
add_job(run *r, const char *file, size_t project)
{
    job *grown;
    for (size_t i = 0; i < r->njobs; i++) {
        if (strcmp(r->jobs[i].file, file) == 0) {
            return 0;
        }
    }
    grown = realloc(r->jobs, (r->njobs + 1) * sizeof(*grown));
    if (grown == NULL) {
        return -1;
    }
    r->jobs = grown;
    r->jobs[r->njobs].file = compat_strndup(file, strlen(file));
    r->jobs[r->njobs].project = project;
    return r->jobs[r->njobs++].file == NULL ? -1 : 0;
}

static int
cmp_desc(const void *a, const void *b)
{
    return -strcmp(*(char *const *)a, *(char *const *)b);
}

static void
find_files(const char *dir, int depth, int maxdepth, const char *ext, compat_strv *out)
{
    DIR *d = depth <= maxdepth ? opendir(dir) : NULL;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char *full;
        struct stat st;
        if (e->d_name[0] == '.') {
            continue;
        }
        full = compat_path_join(dir, e->d_name);
        if (full != NULL && stat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                find_files(full, depth + 1, maxdepth, ext, out);
            } else if (ext ? compat_has_ext(e->d_name, ext) : is_source(e->d_name)) {
                (void)compat_strv_add(out, full, (size_t)-1);
            }
        }
        free(full);
    }
    if (d != NULL) {
        closedir(d);
    }
}

static int
is_driver_project(const char *path)
{
    char *text = compat_read_file(path, NULL);
    int driver = text != NULL &&
                 (strstr(text, "<DriverType>") != NULL || strstr(text, "KernelMode") != NULL ||
                  strstr(text, "<ConfigurationType>Driver<") != NULL);
    free(text);
    return driver;
}

static int
add_project(run *r, const char *path)
{
    char err[512];
    compat_project *grown = realloc(r->projects, (r->nprojects + 1) * sizeof(*grown));
    if (grown == NULL) {
        return -1;
    }
    r->projects = grown;
    if (compat_project_read(path, r->configuration, &r->projects[r->nprojects], err, sizeof(err)) !=
        0) {
        fprintf(stderr, "undis compat: %s\n", err);
        return -1;
    }
    r->nprojects++;
    for (size_t i = 0; i < r->projects[r->nprojects - 1].sources.n; i++) {
        const char *src = r->projects[r->nprojects - 1].sources.v[i];
        if (is_source(src) && add_job(r, src, r->nprojects - 1) != 0) {
            return -1;
        }
    }
    return 0;
}

static int
add_folder(run *r, const char *dir)
{
    compat_strv projects = { 0 }, sources = { 0 };
    size_t drivers = 0;
    int rc = 0;
    find_files(dir, 0, 3, ".vcxproj", &projects);
    if (projects.n == 0) {
        find_files(dir, 0, 3, ".vcxproj.in", &projects); /* a configure-time template */
    }
    for (size_t i = 0; i < projects.n; i++) {
        drivers += (size_t)is_driver_project(projects.v[i]);
    }
    if (projects.n > 0) {
        qsort(projects.v, projects.n, sizeof(char *), cmp_desc);
    }
    for (size_t i = 0; i < projects.n && rc == 0; i++) {
        if (drivers == 0 || is_driver_project(projects.v[i])) {
            rc = add_project(r, projects.v[i]);
        }
    }
    if (projects.n == 0) {
        find_files(dir, 0, 12, NULL, &sources);
        if (sources.n > 0) {
            qsort(sources.v, sources.n, sizeof(char *), cmp_desc);
        }
        for (size_t i = sources.n; i-- > 0 && rc == 0;) {
            rc = add_job(r, sources.v[i], (size_t)-1);
        }
    }
    compat_strv_free(&projects);
    compat_strv_free(&sources);
    return rc;
}

static int
add_path(run *r, const char *arg)
{
    struct stat st;
    char *path = realpath(arg, NULL);
    int rc;
    if (path == NULL || stat(path, &st) != 0) {
        fprintf(stderr, "undis compat: %s: no such file or folder\n", arg);
        free(path);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = add_folder(r, path);
    } else if (compat_has_ext(path, ".vcxproj") || compat_has_ext(path, ".vcxproj.in")) {
        rc = add_project(r, path);
    } else if (is_source(path)) {
        rc = add_job(r, path, (size_t)-1);
    } else {
        fprintf(stderr, "undis compat: %s: not a folder, .vcxproj or C/C++ file\n", arg);
        rc = -1;
    }
    free(path);
    return rc;
}

/* ---- options ------------------------------------------------------------- */

/* The value of option argv[*i] ("-IDIR" or "-I DIR"), or NULL (usage error). */
static const char *
value(int argc, char **argv, int *i, const char *opt)
{
    size_t n = strlen(opt);
    if (argv[*i][n] != '\0') {
        return argv[*i][n] == '=' ? argv[*i] + n + 1 : argv[*i] + n;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "undis compat: %s needs a value\n", opt);
        return NULL;
    }
    return argv[++*i];
}

static int
add_abs(compat_strv *list, const char *dir)
{
    char *abs = realpath(dir, NULL);
    int rc = compat_strv_add(list, abs ? abs : dir, (size_t)-1);
    free(abs);
    return rc;
}

/* 0, 1 (help printed), or 2 (usage error). Paths go to *paths. */
static int
parse(run *r, int argc, char **argv, compat_strv *paths)
{
    compat_options *o = &r->options;
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (strcmp(a, "--json") == 0) {
            r->json = 1;
        } else if (strcmp(a, "-v") == 0) {
            o->verbose = 1;
        } else if (strcmp(a, "--ms-compat") == 0) {
            o->ms_compat = 1;
        } else if (strcmp(a, "--cc") == 0) {
            rc = (o->cc = value(argc, argv, &i, "--cc")) == NULL;
        } else if (strncmp(a, "-I", 2) == 0) {
            rc = (v = value(argc, argv, &i, "-I")) == NULL || add_abs(&o->includes, v);
        } else if (strncmp(a, "-D", 2) == 0) {
            rc = (v = value(argc, argv, &i, "-D")) == NULL ||
                 compat_strv_add(&o->defines, v, (size_t)-1);
        } else if (strncmp(a, "--undis-include", 15) == 0) {
            rc = (v = value(argc, argv, &i, "--undis-include")) == NULL ||
                 add_abs(&o->undis_includes, v);
        } else if (strncmp(a, "--wpp-func", 10) == 0) {
            rc = (v = value(argc, argv, &i, "--wpp-func")) == NULL ||
                 compat_strv_add(&o->wpp_funcs, v, (size_t)-1);
        } else if (strncmp(a, "--config", 8) == 0) {
            rc = (r->configuration = value(argc, argv, &i, "--config")) == NULL;
        } else if (a[0] == '-') {
            fprintf(stderr, "undis compat: unknown option '%s'\n", a);
            rc = 1;
        } else {
            rc = compat_strv_add(paths, a, (size_t)-1) != 0;
        }
    }
    if (rc == 0 && paths->n == 0) {
        fprintf(stderr, "undis compat: no PATH given\n");
        rc = 1;
    }
    if (rc == 0 && o->undis_includes.n == 0 && UNDIS_COMPAT_INCLUDE[0] == '\0') {
        fprintf(stderr, "undis compat: give undis's headers with --undis-include\n");
        rc = 1;
    } else if (rc == 0 && UNDIS_COMPAT_INCLUDE[0] != '\0') {
        /* Last: the headers of this build (<undis/wpp.h> of the .tmh files). */
        rc = add_abs(&o->undis_includes, UNDIS_COMPAT_INCLUDE);
    }
    if (rc != 0) {
        usage(stderr);
    }
    return rc ? 2 : 0;
}

/* ---- the run ------------------------------------------------------------- */

/* Removes the generated .tmh files and their folder. */
static void
remove_wpp_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            char *full = compat_path_join(dir, e->d_name);
            if (full != NULL) {
                (void)unlink(full);
            }
            free(full);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    (void)rmdir(dir);
}

static void
run_free(run *r)
{
    for (size_t i = 0; i < r->njobs; i++) {
        if (r->results != NULL) {
            compat_result_free(&r->results[i]);
        }
        free(r->jobs[i].file);
    }
    for (size_t i = 0; i < r->nprojects; i++) {
        compat_project_free(&r->projects[i]);
    }
    free(r->results);
    free(r->jobs);
    free(r->projects);
    compat_strv_free(&r->options.undis_includes);
    compat_strv_free(&r->options.includes);
    compat_strv_free(&r->options.defines);
    compat_strv_free(&r->options.wpp_funcs);
}

/* --cc (compat-a): gcc has no overlay, so a folder of lower-case links to
 * the headers of the tree and of undis gives it the Windows spellings that
 * differ only in letter case. Links that clash keep the first. */
static int
write_lower_links(run *r, const compat_tree *all)
{
    snprintf(r->lower_dir, sizeof(r->lower_dir), "%s/lower", r->wpp_dir);
    if (mkdir(r->lower_dir, 0700) != 0) {
        return -1;
    }
    for (size_t k = 0; k < all->paths.n; k++) {
        const char *name = all->lower.v[k];
        if (compat_has_ext(name, ".h") || compat_has_ext(name, ".hpp")) {
            char *link = compat_path_join(r->lower_dir, name);
            if (link == NULL) {
                return -1;
            }
            (void)symlink(all->paths.v[k], link);
            free(link);
        }
    }
    r->options.lower_dir = r->lower_dir;
    return 0;
}

/* The overlay that gives the tree Windows' file names (see compat_check.h). */
static int
write_overlay(run *r, const compat_tree *tree)
{
    compat_tree all;
    int rc = compat_tree_scan(&all, r->options.tree_root);
    /* undis's headers too: a driver may include <Ntstrsafe.h> */
    for (size_t i = 0; rc == 0 && i < r->options.undis_includes.n; i++) {
        compat_tree more;
        rc = compat_tree_scan(&more, r->options.undis_includes.v[i]);
        for (size_t k = 0; rc == 0 && k < more.paths.n; k++) {
            rc = compat_strv_add(&all.paths, more.paths.v[k], (size_t)-1) ||
                 compat_strv_add(&all.lower, more.lower.v[k], (size_t)-1);
        }
        compat_tree_free(&more);
    }
    (void)tree;
    snprintf(r->overlay, sizeof(r->overlay), "%s/overlay.yaml", r->wpp_dir);
    rc = rc == 0 ? compat_overlay_write(&all, r->overlay) : -1;
    if (rc == 0 && r->options.cc != NULL) {
        rc = write_lower_links(r, &all);
    }
    compat_tree_free(&all);
    if (rc != 0) {
        fprintf(stderr, "undis compat: %s: cannot be written\n", r->overlay);
        return -1;
    }
    r->options.overlay = r->overlay;
    return 0;
}

/* Compiles every job; 0, or -1 when one could not be run at all. */
static int
check_all(run *r, const compat_tree *tree)
{
    r->results = calloc(r->njobs ? r->njobs : 1, sizeof(*r->results));
    if (r->results == NULL) {
        return -1;
    }
    for (size_t i = 0; i < r->njobs; i++) {
        const compat_project *p =
            r->jobs[i].project == (size_t)-1 ? NULL : &r->projects[r->jobs[i].project];
        if (r->options.verbose) {
            fprintf(stderr, "%s\n", r->jobs[i].file);
        }
        if (compat_check_file(r->jobs[i].file, p, &r->options, tree, r->wpp_dir, &r->results[i]) !=
            0) {
            return -1;
        }
    }
    return 0;
}

int
undis_tool_compat(int argc, char **argv)
{
    run r;
    compat_strv paths = { 0 };
    compat_tree tree = { 0 };
    compat_tally tally;
    int status = 2;
    memset(&r, 0, sizeof(r));
    r.configuration = "Release|x64";
    status = parse(&r, argc, argv, &paths);
    if (status != 0) {
        compat_strv_free(&paths);
        run_free(&r);
        return status == 1 ? 0 : 2;
    }
    status = 2;
    for (size_t i = 0; i < paths.n; i++) {
        if (add_path(&r, paths.v[i]) != 0) {
            goto out;
        }
    }
    snprintf(r.wpp_dir, sizeof(r.wpp_dir), "/tmp/undis-compat-XXXXXX");
    if (mkdtemp(r.wpp_dir) == NULL) {
        perror("undis compat: mkdtemp");
        goto out;
    }
    {
        char *root = realpath(paths.v[0], NULL);
        struct stat st;
        char *dir =
            root && stat(root, &st) == 0 && !S_ISDIR(st.st_mode) ? compat_dirname(root) : NULL;
        r.options.tree_root = dir ? dir : root;
        if (r.options.tree_root != NULL && compat_tree_scan(&tree, r.options.tree_root) != 0) {
            fprintf(stderr, "undis compat: out of memory\n");
        } else if (write_overlay(&r, &tree) == 0 && check_all(&r, &tree) == 0 &&
                   compat_tally_build(&tally, r.results, r.njobs) == 0) {
            (r.json ? compat_print_json : compat_print_text)(stdout, r.results, r.njobs, &tally);
            status = 0;
            for (size_t i = 0; i < r.njobs; i++) {
                status = r.results[i].compiles ? status : 1;
            }
            compat_tally_free(&tally);
        }
        free(dir);
        free(root);
    }
    if (r.lower_dir[0] != '\0') {
        remove_wpp_dir(r.lower_dir);
    }
    remove_wpp_dir(r.wpp_dir);
out:
    compat_tree_free(&tree);
    compat_strv_free(&paths);
    run_free(&r);
    return status;
}
