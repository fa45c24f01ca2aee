/* SPDX-License-Identifier: MIT */
/*
 * compat_gcc.c: the second compile of `undis compat --cc NAME` (issue 12,
 * helper compat-a). After the libclang pass, each file is compiled again by
 * the named compiler driver (gcc, or g++ for C++; NAME++ for a clang),
 * -fsyntax-only, with the flags of the libclang pass that gcc understands:
 * the language and standard, -fms-extensions,
 * -Werror=implicit-function-declaration, the .tmh folder, the file's folder,
 * undis's and the project's -I, the -D. gcc has no file-system overlay: the
 * case-insensitive, backslash-tolerant include mapping is replaced by a
 * folder of lower-case symbolic links to the tree's headers (compat_main.c
 * writes it; it goes last on the path). The result is the exit status and
 * the first error line, for the report.
 */
#include "compat_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(_WIN32)
#    include <sys/wait.h>
#    include <unistd.h>
#endif

/* The driver for C++ that goes with cc: g++ for gcc, clang++ for clang. */
static char *
cxx_driver(const char *cc)
{
    size_t n = strlen(cc);
    char *out = (char *)malloc(n + 3);
    if (out == NULL) {
        return NULL;
    }
    if (n >= 3 && strcmp(cc + n - 3, "gcc") == 0) {
        memcpy(out, cc, n - 2);
        memcpy(out + n - 2, "++", 3);
    } else {
        memcpy(out, cc, n);
        memcpy(out + n, "++", 3);
    }
    return out;
}

/* 1 when the libclang flag a also means the same to gcc. */
static int
gcc_takes(const char *a)
{
    return strncmp(a, "-ivfsoverlay", 12) != 0 && strcmp(a, "-ferror-limit=0") != 0 &&
           strcmp(a, "-fms-compatibility") != 0;
}

#if !defined(_WIN32)
/* Reads the child's stderr; keeps its first line holding "error". */
static void
first_error(FILE *in, char *out, size_t cap)
{
    char line[1024];
    out[0] = '\0';
    while (fgets(line, sizeof(line), in) != NULL) {
        if (out[0] == '\0' && strstr(line, "error") != NULL) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, cap, "%s", line);
        }
    }
}

static int
spawn(char *const *argv, char *err, size_t cap)
{
    int fd[2], status = 0;
    pid_t pid;
    FILE *in;
    if (pipe(fd) != 0) {
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        (void)dup2(fd[1], 2);
        (void)close(fd[0]);
        (void)close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    (void)close(fd[1]);
    if (pid < 0 || (in = fdopen(fd[0], "r")) == NULL) {
        (void)close(fd[0]);
        return -1;
    }
    first_error(in, err, cap);
    (void)fclose(in);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}
#endif

int
compat_gcc_check(const char *path,
                 const compat_strv *clang_args,
                 const compat_options *o,
                 int cplusplus,
                 compat_result *result)
{
    compat_strv argv = { 0 };
    char *cxx = cplusplus ? cxx_driver(o->cc) : NULL;
    char err[1024] = "";
    char **vec;
    int rc = (cplusplus && cxx == NULL) ||
             compat_strv_add(&argv, cplusplus ? cxx : o->cc, (size_t)-1) ||
             compat_strv_add(&argv, "-fsyntax-only", (size_t)-1);
    for (size_t i = 0; rc == 0 && i < clang_args->n; i++) {
        if (gcc_takes(clang_args->v[i])) {
            rc = compat_strv_add(&argv, clang_args->v[i], (size_t)-1);
        }
    }
    if (rc == 0 && o->lower_dir != NULL) {
        rc = compat_strv_addf(&argv, "-I%s", o->lower_dir);
    }
    rc = rc || compat_strv_add(&argv, path, (size_t)-1);
    free(cxx);
    vec = rc == 0 ? (char **)calloc(argv.n + 1, sizeof(*vec)) : NULL;
    if (vec == NULL) {
        compat_strv_free(&argv);
        return -1;
    }
    memcpy(vec, argv.v, argv.n * sizeof(*vec));
#if defined(_WIN32)
    result->gcc = -1;
#else
    rc = spawn(vec, err, sizeof(err));
    result->gcc = rc < 0 ? -1 : rc == 0 ? 1 : 0;
#endif
    free(vec);
    result->gcc_error = result->gcc == 0 ? compat_strndup(err, strlen(err)) : NULL;
    compat_strv_free(&argv);
    return 0;
}
