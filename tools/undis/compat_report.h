/* SPDX-License-Identifier: MIT */
/* compat_report.h: printing the results of `undis compat`. */
#ifndef UNDIS_COMPAT_REPORT_H
#define UNDIS_COMPAT_REPORT_H

#include "compat_check.h"

/* A missing name over all files (pointers into the results). */
typedef struct compat_tally_item {
    const char *name;
    const char *header;
    const char *last_file;
    size_t files; /* files it is missing in */
    size_t uses;  /* errors naming it */
} compat_tally_item;

typedef struct compat_tally {
    compat_tally_item *items; /* most files first */
    size_t n;
    size_t cap;
    size_t kinds[COMPAT_KIND_COUNT]; /* errors of each kind */
} compat_tally;

/* Counts the causes of results[0..n); 0, or -1 when out of memory. The
 * tally points into results: free it first. */
int compat_tally_build(compat_tally *tally, const compat_result *results, size_t n);
void compat_tally_free(compat_tally *tally);

void
compat_print_text(FILE *out, const compat_result *results, size_t n, const compat_tally *tally);
void
compat_print_json(FILE *out, const compat_result *results, size_t n, const compat_tally *tally);

#endif /* UNDIS_COMPAT_REPORT_H */
