/* SPDX-License-Identifier: MIT */
/*
 * compat_check.h: compiling one driver file with libclang and naming the cause
 * of each error (compat_clang.c), for `undis compat` (compat_main.c).
 */
#ifndef UNDIS_COMPAT_CHECK_H
#define UNDIS_COMPAT_CHECK_H

#include "compat.h"

/* The causes an error is put under, in report order. */
typedef enum compat_kind {
    COMPAT_UNDIS_LACKS,   /* a name or header the WDK has and undis does not */
    COMPAT_UNDIS_DIFFERS, /* undis declares it differently, or its header errs */
    COMPAT_DRIVER,        /* the driver's own defect (or its tree lacks a file) */
    COMPAT_MSVC,          /* a construct only MSVC (or Windows) accepts */
    COMPAT_GENERATED,     /* a header the build generates (.tmh, mc, midl) */
    COMPAT_FOLLOW_ON,     /* an error after an earlier cause in the same file */
    COMPAT_DATA_MODEL,    /* a type of Windows' widths (LLP64) redefined on an LP64 host */
    COMPAT_UNCLASSIFIED,  /* none of the above: printed in full for review */
    COMPAT_KIND_COUNT
} compat_kind;

/* The report's words for kind ("undis lacks", ...), and the --json key. */
const char *compat_kind_text(compat_kind kind);
const char *compat_kind_key(compat_kind kind);

typedef struct compat_cause {
    compat_kind kind;
    char *name;    /* the missing or offending name ("" when none) */
    char *header;  /* where the WDK declares name ("" when unknown) */
    char *where;   /* file:line of the error */
    char *message; /* clang's message */
} compat_cause;

typedef struct compat_result {
    char *path;
    int compiles;
    int cplusplus;
    unsigned errors;
    compat_cause *causes;
    size_t ncauses;
    int gcc;         /* --cc: 1 compiles, 0 fails, -1 not run (compat-a) */
    char *gcc_error; /* --cc: its first error line, or NULL */
} compat_result;

/* How files are compiled. */
typedef struct compat_options {
    compat_strv undis_includes; /* undis's include folders (first on the path) */
    compat_strv includes;       /* -I from the command line */
    compat_strv defines;        /* -D from the command line */
    compat_strv wpp_funcs;      /* --wpp-func */
    const char *tree_root;      /* folder searched for headers not found */
    const char *overlay;        /* the file-system overlay (compat_overlay_write), or NULL */
    int ms_compat;              /* add -fms-compatibility */
    int verbose;                /* print every diagnostic */
    const char *cc;             /* --cc: a second compile by this driver, or NULL */
    const char *lower_dir;      /* --cc: the folder of lower-case header links, or NULL */
} compat_options;

/* An index of the files of a tree, by lower-case base name. */
typedef struct compat_tree {
    compat_strv lower; /* lower-case base names */
    compat_strv paths; /* the matching full paths */
    char *headers;     /* the text of its .h/.hpp/.in files, one after another */
    size_t headers_len;
} compat_tree;

/* Lists the files under root (depth 12). 0, or -1 when out of memory. */
int compat_tree_scan(compat_tree *tree, const char *root);
void compat_tree_free(compat_tree *tree);

/*
 * Writes to path a clang virtual-file-system overlay that makes the tree's
 * files found as on Windows: names matched without regard to letter case, and
 * the `#include "..\\x.h"` spellings with backslashes of its files mapped to
 * the files they name. 0, or -1 when path cannot be written.
 */
int compat_overlay_write(const compat_tree *tree, const char *path);

/*
 * Compiles path (C or C++ by its extension) with libclang as project (may be
 * NULL) builds it, after writing the .tmh files it includes into wpp_dir, and
 * fills *result (free with compat_result_free). Returns 0, or -1 after
 * printing why to stderr (the file could not be parsed at all, or no memory).
 */
int compat_check_file(const char *path,
                      const compat_project *project,
                      const compat_options *options,
                      const compat_tree *tree,
                      const char *wpp_dir,
                      compat_result *result);
void compat_result_free(compat_result *result);

/* compat-a: compiles path again with o->cc (-fsyntax-only, the flags of
 * clang_args gcc takes) and sets result->gcc / gcc_error. 0, or -1 when out
 * of memory. compat_gcc.c. */
int compat_gcc_check(const char *path,
                     const compat_strv *clang_args,
                     const compat_options *o,
                     int cplusplus,
                     compat_result *result);

/* ---- shared by compat_clang.c, compat_tree.c, compat_names.c --------------- */

/* The tree's file whose base name is name's (case-insensitively), or NULL. */
const char *compat_tree_find(const compat_tree *tree, const char *name);
/* The tree's file that is path but for letter case, or NULL. */
const char *compat_tree_find_in(const compat_tree *tree, const char *path);
/* The tree's file ending in ext (".mof") whose name before ext begins name's
 * base name, case-insensitively (netkvm.mof for netkvmmof.h), or NULL: the
 * source a generator (mofcomp, mc, ctrpp) makes that header from. */
const char *compat_tree_find_source(const compat_tree *tree, const char *name, const char *ext);
/* The generator source (.mc, .mof, .man, X.h.in, by compat_tree_find_source's
 * rules) of header elsewhere in the repository or solution of file: under
 * the nearest folder up with a .sln or .git (bounded walk; compat_repo.c).
 * *tool names the generator. NULL when none is found. */
const char *compat_repo_find_generator(const char *file, const char *header, const char **tool);
/* 1 when a header-like file of the tree defines name. */
int compat_tree_defines(const compat_tree *tree, const char *name);
/* 1 when that definition sits inside #if/#ifdef testing _WIN32, _WIN64 or
 * _MSC_VER, which MSVC predefines and a host compile does not. */
int compat_tree_defines_for_msvc(const compat_tree *tree, const char *name);
/* 1 when a header of the tree declares a function or member function name. */
int compat_tree_declares_function(const compat_tree *tree, const char *name);
/* Line `line` of file (malloc'd), or NULL. */
char *compat_source_line(const char *file, unsigned long line);
/* 1 when word occurs in text as a whole identifier. */
int compat_has_word(const char *text, const char *word);
/* 1 when text declares name as a variable or parameter. */
int compat_declares_variable(const char *text, const char *name);
/* "struct _X" -> "X" (points into type). */
const char *compat_tag_name(const char *type);
/* The WDK header of a name with a WDK prefix (NULL when none) / always a guess. */
const char *compat_wdk_prefix(const char *name);
const char *compat_guess_header(const char *name);
/* 1 when name is a header of the WDK (or SDK parts drivers include). */
int compat_wdk_header(const char *name);
/* The which-th quoted text of msg (malloc'd, "" when none). */
char *compat_quoted(const char *msg, int which);
/* 1 when msg is clang's form head'%0'tail. */
int compat_form(const char *msg, const char *head, const char *tail);
/* 1 for MSVC-only keywords / message forms. */
int compat_msvc_name(const char *name);
int compat_msvc_message(const char *msg);

#endif /* UNDIS_COMPAT_CHECK_H */
