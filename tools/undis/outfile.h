/* SPDX-License-Identifier: MIT */
/*
 * outfile.h: writing an output file without ever losing one. The data goes
 * to a temporary file beside the target (same directory, so the rename is
 * atomic) and replaces the target only when the run finished; an output
 * that is the input (the same file by any path: hard link, symlink, "./")
 * is refused before anything is opened for writing. "-" is standard output.
 * User mode only; one thread.
 */
#ifndef UNDIS_TOOL_OUTFILE_H
#define UNDIS_TOOL_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct out_file {
    FILE *f;
    int is_stdout;
    char target[4096]; /* the path renamed onto (a symlink's target) */
    char tmp[4200];
};

/* 1 when both paths name one existing file (same device and inode), else 0.
 * "-" never matches. */
int out_same_file(const char *a, const char *b);

/* Opens the temporary file for path ("-": stdout). 0 on success; -1 with a
 * reason in err (no path in it). */
int out_open(struct out_file *o, const char *path, char *err, size_t err_len);

/* Closes and renames the temporary file onto the target. 0 on success; -1
 * with the reason in err (the temporary file is removed, the target is
 * untouched). */
int out_commit(struct out_file *o, char *err, size_t err_len);

/* Closes and removes the temporary file; the target is untouched. Safe to
 * call after out_commit or a failed out_open. */
void out_abandon(struct out_file *o);

#endif /* UNDIS_TOOL_OUTFILE_H */
