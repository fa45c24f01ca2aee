/* SPDX-License-Identifier: MIT */
/*
 * fault_env.c: the fault schedule from the environment (issue 5 item 6).
 *
 *   UNDIS_FAULTS="alloc_nth=N,alloc_rate=PER_MILLION,seed=S,map_nth=N"
 *
 * read once, by the process initialisation (base/process.c): alloc_nth
 * makes the Nth allocation fail (undis_fault_alloc_fail_nth), alloc_rate
 * with seed makes each fail with probability PER_MILLION / 1000000
 * (undis_fault_alloc_fail_random), map_nth makes the Nth MDL mapping fail
 * (undis_fault_map_fail_nth). Keys may come in any order, each at most once;
 * spaces around keys and values are allowed. A value that does not parse
 * leaves the whole variable ignored, with one line on stderr saying why: a
 * half-applied schedule would mislead.
 */
#include "base/internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/fault.h>

enum { KEY_ALLOC_NTH, KEY_ALLOC_RATE, KEY_SEED, KEY_MAP_NTH, KEY_COUNT };

static const char *const g_keys[KEY_COUNT] = { "alloc_nth", "alloc_rate", "seed", "map_nth" };

static const char *
skip_spaces(const char *s, const char *end)
{
    while (s < end && isspace((unsigned char)*s)) {
        s++;
    }
    return s;
}

static const char *
trim_end(const char *s, const char *end)
{
    while (end > s && isspace((unsigned char)end[-1])) {
        end--;
    }
    return end;
}

/* A decimal number filling [s, end) exactly. */
static int
parse_number(const char *s, const char *end, unsigned long long *v)
{
    char buf[32];
    char *stop;
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof(buf)) {
        return -1;
    }
    for (const char *p = s; p < end; p++) {
        if (*p < '0' || *p > '9') {
            return -1;
        }
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *v = strtoull(buf, &stop, 10);
    return errno == 0 && *stop == '\0' ? 0 : -1;
}

/* Declared in base/internal.h. */
int
undis__fault_env_parse(const char *spec, char *err, size_t err_len)
{
    unsigned long long value[KEY_COUNT] = { 0, 0, 0, 0 };
    int given[KEY_COUNT] = { 0, 0, 0, 0 };
    const char *s = spec;
    if (err_len != 0) {
        err[0] = '\0';
    }
    if (*skip_spaces(s, s + strlen(s)) == '\0') {
        return 0;
    }
    for (;;) {
        const char *item_end = strchr(s, ',');
        const char *eq, *k, *k_end, *v, *v_end;
        int key = -1;
        if (item_end == NULL) {
            item_end = s + strlen(s);
        }
        eq = (const char *)memchr(s, '=', (size_t)(item_end - s));
        k = skip_spaces(s, item_end);
        if (eq == NULL) {
            snprintf(err, err_len, "'%.*s' is not KEY=VALUE", (int)(item_end - s), s);
            return -1;
        }
        k_end = trim_end(k, eq);
        for (int i = 0; i < KEY_COUNT; i++) {
            if ((size_t)(k_end - k) == strlen(g_keys[i]) &&
                memcmp(k, g_keys[i], (size_t)(k_end - k)) == 0) {
                key = i;
            }
        }
        if (key < 0) {
            snprintf(err, err_len,
                     "unknown key '%.*s' (alloc_nth, alloc_rate, seed and map_nth are known)",
                     (int)(k_end - k), k);
            return -1;
        }
        if (given[key]) {
            snprintf(err, err_len, "%s is given twice", g_keys[key]);
            return -1;
        }
        v = skip_spaces(eq + 1, item_end);
        v_end = trim_end(v, item_end);
        if (parse_number(v, v_end, &value[key]) != 0) {
            snprintf(err, err_len, "%s wants a decimal number, not '%.*s'", g_keys[key],
                     (int)(v_end - v), v);
            return -1;
        }
        if (key == KEY_ALLOC_RATE && value[key] > 1000000u) {
            snprintf(err, err_len, "alloc_rate is per million: 0 to 1000000, not %llu", value[key]);
            return -1;
        }
        given[key] = 1;
        if (*item_end == '\0') {
            break;
        }
        s = item_end + 1;
    }
    if (given[KEY_ALLOC_NTH]) {
        undis_fault_alloc_fail_nth(value[KEY_ALLOC_NTH]);
    }
    if (given[KEY_ALLOC_RATE]) {
        undis_fault_alloc_fail_random((unsigned int)value[KEY_ALLOC_RATE], value[KEY_SEED]);
    }
    if (given[KEY_MAP_NTH]) {
        undis_fault_map_fail_nth(value[KEY_MAP_NTH]);
    }
    return 0;
}
