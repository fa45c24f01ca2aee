/* SPDX-License-Identifier: MIT */
/* outfile.c: outputs written beside their target and renamed (outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(_WIN32)
#    include <io.h>
#    include <process.h>
#else
#    include <fcntl.h>
#    include <unistd.h>
#endif

int
out_same_file(const char *a, const char *b)
{
#if defined(_WIN32)
    char fa[4096], fb[4096];
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0 || _fullpath(fa, a, sizeof(fa)) == NULL ||
        _fullpath(fb, b, sizeof(fb)) == NULL) {
        return 0;
    }
    return _stricmp(fa, fb) == 0;
#else
    struct stat sa, sb;
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0 || stat(a, &sa) != 0 || stat(b, &sb) != 0) {
        return 0;
    }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#endif
}

/* The file to replace: path itself, or what a symlink at path points to
 * (so the link stays a link). */
static int
resolve_target(struct out_file *o, const char *path)
{
#if !defined(_WIN32)
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (real != NULL && strlen(real) < sizeof(o->target)) {
            strcpy(o->target, real);
            free(real);
            return 0;
        }
        free(real);
    }
#endif
    if (strlen(path) >= sizeof(o->target)) {
        return -1;
    }
    strcpy(o->target, path);
    return 0;
}

#if defined(_WIN32)
static FILE *
open_tmp(struct out_file *o)
{
    snprintf(o->tmp, sizeof(o->tmp), "%s.undis-%d.tmp", o->target, _getpid());
    return fopen(o->tmp, "wb");
}
#else
static FILE *
open_tmp(struct out_file *o)
{
    const char *slash = strrchr(o->target, '/');
    int dir_len = slash != NULL ? (int)(slash - o->target + 1) : 0;
    mode_t mask = umask(0);
    int fd;
    FILE *f;
    umask(mask);
    snprintf(o->tmp, sizeof(o->tmp), "%.*s.%s.undis-XXXXXX", dir_len, o->target,
             o->target + dir_len);
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        o->tmp[0] = '\0';
        return NULL;
    }
    (void)fchmod(fd, (mode_t)(0666 & ~mask));
    f = fdopen(fd, "wb");
    if (f == NULL) {
        close(fd);
        remove(o->tmp);
        o->tmp[0] = '\0';
    }
    return f;
}
#endif

int
out_open(struct out_file *o, const char *path, char *err, size_t err_len)
{
    memset(o, 0, sizeof(*o));
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        o->is_stdout = 1;
        return 0;
    }
    if (resolve_target(o, path) != 0) {
        snprintf(err, err_len, "the path is too long");
        return -1;
    }
    o->f = open_tmp(o);
    if (o->f == NULL) {
        snprintf(err, err_len, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

int
out_commit(struct out_file *o, char *err, size_t err_len)
{
    int rc;
    if (o->is_stdout) {
        rc = fflush(stdout);
        o->f = NULL;
        if (rc != 0) {
            snprintf(err, err_len, "%s", strerror(errno));
        }
        return rc != 0 ? -1 : 0;
    }
    rc = fclose(o->f);
    o->f = NULL;
    if (rc != 0) {
        snprintf(err, err_len, "%s", strerror(errno));
        out_abandon(o);
        return -1;
    }
#if defined(_WIN32)
    (void)remove(o->target);
#endif
    if (rename(o->tmp, o->target) != 0) {
        snprintf(err, err_len, "%s", strerror(errno));
        out_abandon(o);
        return -1;
    }
    o->tmp[0] = '\0';
    return 0;
}

void
out_abandon(struct out_file *o)
{
    if (o->f != NULL && !o->is_stdout) {
        fclose(o->f);
    }
    o->f = NULL;
    if (o->tmp[0] != '\0') {
        remove(o->tmp);
        o->tmp[0] = '\0';
    }
}
