/* SPDX-License-Identifier: MIT */
/*
 * compat.h: `undis compat` (does a driver tree compile against undis?) and
 * `undis wpp` (write the .tmh files WPP tracing needs).
 *
 * The pieces: a string list (compat_util.c), the .vcxproj reader
 * (compat_vcxproj.c, libxml2), the WPP generator (wpp_gen.c, no
 * dependency), the per-file compile and classification (compat_clang.c,
 * libclang) and the command lines (compat_main.c, wpp_main.c).
 */
#ifndef UNDIS_COMPAT_H
#define UNDIS_COMPAT_H

#include <stddef.h>
#include <stdio.h>

/* `undis compat ARGS...` / `undis wpp ARGS...` (argv[0] is the command).
 * Return the exit status. */
int undis_tool_compat(int argc, char **argv);
int undis_tool_wpp(int argc, char **argv);

/* ---- a growable list of owned strings ------------------------------------ */

typedef struct compat_strv {
    char **v;
    size_t n;
    size_t cap;
} compat_strv;

/* Appends a copy of s (n bytes, or the whole string when n is (size_t)-1).
 * Returns 0, or -1 when out of memory (the list is unchanged). */
int compat_strv_add(compat_strv *list, const char *s, size_t n);
/* Appends a formatted string; 0 or -1 (out of memory). */
int compat_strv_addf(compat_strv *list, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* 1 when list holds a string equal to s. */
int compat_strv_has(const compat_strv *list, const char *s);
void compat_strv_free(compat_strv *list);

/* malloc'd copy of s[0..n), or NULL. */
char *compat_strndup(const char *s, size_t n);
/* The whole file, NUL-terminated, malloc'd; NULL (errno set) on failure. */
char *compat_read_file(const char *path, size_t *len);
/* malloc'd "dir/name" (name returned as-is when absolute), NULL when out of memory. */
char *compat_path_join(const char *dir, const char *name);
/* Rewrites backslashes to slashes and drops "x/.." pairs and "./" in place. */
void compat_path_normalize(char *path);
/* The directory part of path, malloc'd ("." when none). */
char *compat_dirname(const char *path);
/* The last component of path (points into path). */
const char *compat_basename(const char *path);
/* 1 when the name ends (case-insensitively) with ext (".c"). */
int compat_has_ext(const char *name, const char *ext);

/* ---- the .vcxproj reader -------------------------------------------------- */

/* What a project file says about its C/C++ compiles, for one configuration. */
typedef struct compat_project {
    char *path;            /* the .vcxproj */
    char *dir;             /* its folder */
    compat_strv sources;   /* ClCompile items, absolute, normalized */
    compat_strv defines;   /* NAME or NAME=VALUE, from PreprocessorDefinitions */
    compat_strv includes;  /* AdditionalIncludeDirectories, absolute */
    compat_strv wpp_funcs; /* WppTraceFunction / -func: specs */
    compat_strv wpp_scan;  /* WppScanConfigurationData files, absolute */
    int wpp_enabled;       /* WppEnabled true for some ClCompile */
    char driver_type[16];  /* DriverType: KMDF, WDM, ... ("" when none) */
    char c_std[16];        /* LanguageStandard_C (stdc11, stdc17, ...) */
    char cxx_std[16];      /* LanguageStandard (stdcpp17, ...) */
    char configuration[64];
} compat_project;

/*
 * Reads path for configuration ("Release|x64" and so on). Imports of .props
 * files that exist are followed. Returns 0, or -1 after writing why to err
 * (size errcap) on a file that cannot be read or is not XML. On failure
 * *project holds nothing to free; on success free it with compat_project_free.
 */
int compat_project_read(
    const char *path, const char *configuration, compat_project *project, char *err, size_t errcap);
void compat_project_free(compat_project *project);

/* 1 when libxml2 support is compiled in. */
int compat_have_xml(void);

/* ---- the WPP generator ---------------------------------------------------- */

/*
 * Writes OUT_DIR/<base>.tmh for source (base: the name of source without its
 * extension, as `#include "<base>.tmh"` expects). The trace configuration is
 * read from source and the files it includes with quotes (found next to it or
 * in includes), plus scan (WppScanConfigurationData files): WPP_CONTROL_GUIDS
 * and the `begin_wpp config` blocks (FUNC, USEPREFIX). funcs are -func: specs
 * ("TraceEvents(LEVEL,FLAGS,MSG,...)", with or without the "-func:").
 * DoTraceMessage(FLAG, MSG, ...) is always defined.
 * Returns 0, or -1 after writing why to err.
 */
int compat_wpp_generate(const char *source,
                        const compat_strv *includes,
                        const compat_strv *scan,
                        const compat_strv *funcs,
                        const char *out_dir,
                        char *err,
                        size_t errcap);

#endif /* UNDIS_COMPAT_H */
