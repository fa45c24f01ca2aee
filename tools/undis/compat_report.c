/* SPDX-License-Identifier: MIT */
/* compat_report.c: the per-file report of `undis compat`, as text or JSON. */
#include "compat_report.h"

#include <stdlib.h>
#include <string.h>

/* ---- the missing names, counted over files ------------------------------- */

static int
tally_add(compat_tally *t, const char *name, const char *header, const char *file)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->items[i].name, name) == 0) {
            t->items[i].uses++;
            if (strcmp(t->items[i].last_file, file) != 0) {
                t->items[i].files++;
                t->items[i].last_file = file;
            }
            return 0;
        }
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        compat_tally_item *grown = realloc(t->items, cap * sizeof(*grown));
        if (grown == NULL) {
            return -1;
        }
        t->items = grown;
        t->cap = cap;
    }
    t->items[t->n].name = name;
    t->items[t->n].header = header;
    t->items[t->n].last_file = file;
    t->items[t->n].files = 1;
    t->items[t->n].uses = 1;
    t->n++;
    return 0;
}

static int
by_files(const void *a, const void *b)
{
    const compat_tally_item *x = a, *y = b;
    if (x->files != y->files) {
        return x->files < y->files ? 1 : -1;
    }
    if (x->uses != y->uses) {
        return x->uses < y->uses ? 1 : -1;
    }
    return strcmp(x->name, y->name);
}

int
compat_tally_build(compat_tally *t, const compat_result *results, size_t n)
{
    memset(t, 0, sizeof(*t));
    for (size_t f = 0; f < n; f++) {
        for (size_t c = 0; c < results[f].ncauses; c++) {
            const compat_cause *cause = &results[f].causes[c];
            t->kinds[cause->kind]++;
            if (cause->kind == COMPAT_UNDIS_LACKS &&
                tally_add(t, cause->name, cause->header, results[f].path) != 0) {
                return -1;
            }
        }
    }
    if (t->n > 0) {
        qsort(t->items, t->n, sizeof(t->items[0]), by_files);
    }
    return 0;
}

void
compat_tally_free(compat_tally *t)
{
    free(t->items);
    memset(t, 0, sizeof(*t));
}

/* ---- text ---------------------------------------------------------------- */

/* Prints the causes of kind in r, each distinct name once. */
static void
print_kind(FILE *out, const compat_result *r, compat_kind kind)
{
    int first = 1;
    for (size_t i = 0; i < r->ncauses; i++) {
        const compat_cause *c = &r->causes[i];
        int repeat = 0;
        if (c->kind != kind) {
            continue;
        }
        for (size_t j = 0; j < i && !repeat; j++) {
            repeat = r->causes[j].kind == kind && c->name[0] != '\0' &&
                     strcmp(r->causes[j].name, c->name) == 0;
        }
        if (repeat) {
            continue;
        }
        if (first) {
            fprintf(out, "    %s:\n", compat_kind_text(kind));
            first = 0;
        }
        if (kind == COMPAT_UNDIS_LACKS) {
            fprintf(out, "      %s (%s)  %s\n", c->name, c->header, c->where);
        } else {
            fprintf(out, "      %s: %s\n", c->where, c->message);
        }
    }
}

void
compat_print_text(FILE *out, const compat_result *results, size_t n, const compat_tally *t)
{
    size_t ok = 0, gcc_ok = 0, gcc_run = 0;
    for (size_t f = 0; f < n; f++) {
        const compat_result *r = &results[f];
        ok += (size_t)r->compiles;
        fprintf(out, "%s %s (%s)%s\n", r->compiles ? "ok  " : "FAIL", r->path,
                r->cplusplus ? "C++" : "C",
                r->gcc == 1   ? " [gcc: ok]"
                : r->gcc == 0 ? " [gcc: FAIL]"
                              : "");
        if (r->gcc == 0 && r->gcc_error != NULL && r->gcc_error[0] != '\0') {
            fprintf(out, "    gcc: %s\n", r->gcc_error);
        }
        gcc_ok += (size_t)(r->gcc == 1);
        gcc_run += (size_t)(r->gcc >= 0);
        for (int k = 0; k < COMPAT_KIND_COUNT; k++) {
            print_kind(out, r, (compat_kind)k);
        }
    }
    fprintf(out, "\nundis compat: %zu files, %zu compile unchanged, %zu do not\n", n, ok, n - ok);
    if (gcc_run > 0) {
        fprintf(out, "  with gcc: %zu of %zu compile\n", gcc_ok, gcc_run);
    }
    for (int k = 0; k < COMPAT_KIND_COUNT; k++) {
        if (t->kinds[k] > 0) {
            fprintf(out, "  %-26s %zu errors\n", compat_kind_text((compat_kind)k), t->kinds[k]);
        }
    }
    if (t->n > 0) {
        fprintf(out, "missing names (files, uses):\n");
    }
    for (size_t i = 0; i < t->n && i < 60; i++) {
        fprintf(out, "  %-48s %-22s %zu %zu\n", t->items[i].name, t->items[i].header,
                t->items[i].files, t->items[i].uses);
    }
}

/* ---- JSON ---------------------------------------------------------------- */

static void
json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

static void
json_result(FILE *out, const compat_result *r)
{
    fprintf(out, "    {\"path\": ");
    json_string(out, r->path);
    fprintf(out, ", \"language\": \"%s\", \"compiles\": %s, \"errors\": %u, ",
            r->cplusplus ? "C++" : "C", r->compiles ? "true" : "false", r->errors);
    if (r->gcc >= 0) {
        fprintf(out, "\"gcc_compiles\": %s, \"gcc_error\": ", r->gcc == 1 ? "true" : "false");
        json_string(out, r->gcc_error != NULL ? r->gcc_error : "");
        fprintf(out, ", ");
    }
    fprintf(out, "\"causes\": [");
    for (size_t i = 0; i < r->ncauses; i++) {
        const compat_cause *c = &r->causes[i];
        fprintf(out, "%s\n      {\"kind\": \"%s\", \"name\": ", i ? "," : "",
                compat_kind_key(c->kind));
        json_string(out, c->name);
        fprintf(out, ", \"header\": ");
        json_string(out, c->header);
        fprintf(out, ", \"where\": ");
        json_string(out, c->where);
        fprintf(out, ", \"message\": ");
        json_string(out, c->message);
        fputc('}', out);
    }
    fprintf(out, "]}");
}

void
compat_print_json(FILE *out, const compat_result *results, size_t n, const compat_tally *t)
{
    size_t ok = 0, gcc_ok = 0, gcc_run = 0;
    fprintf(out, "{\n  \"files\": [\n");
    for (size_t f = 0; f < n; f++) {
        ok += (size_t)results[f].compiles;
        json_result(out, &results[f]);
        fprintf(out, "%s\n", f + 1 < n ? "," : "");
    }
    fprintf(out, "  ],\n  \"summary\": {\"files\": %zu, \"compile\": %zu, \"fail\": %zu", n, ok,
            n - ok);
    for (size_t f = 0; f < n; f++) {
        gcc_ok += (size_t)(results[f].gcc == 1);
        gcc_run += (size_t)(results[f].gcc >= 0);
    }
    if (gcc_run > 0) {
        fprintf(out, ", \"gcc_compile\": %zu, \"gcc_fail\": %zu", gcc_ok, gcc_run - gcc_ok);
    }
    for (int k = 0; k < COMPAT_KIND_COUNT; k++) {
        fprintf(out, ", \"%s\": %zu", compat_kind_key((compat_kind)k), t->kinds[k]);
    }
    fprintf(out, "},\n  \"missing\": [");
    for (size_t i = 0; i < t->n; i++) {
        fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
        json_string(out, t->items[i].name);
        fprintf(out, ", \"header\": ");
        json_string(out, t->items[i].header);
        fprintf(out, ", \"files\": %zu, \"uses\": %zu}", t->items[i].files, t->items[i].uses);
    }
    fprintf(out, "]\n}\n");
}
