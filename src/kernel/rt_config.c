/* SPDX-License-Identifier: MIT */
/*
 * rt_config.c: the settings store behind NdisOpenConfigurationEx and
 * NdisReadConfiguration (rt_config_ndis.c): a driver's registry keys, read
 * from a small text file (docs/host.md, "The settings file"):
 *
 *     # a comment
 *     MTU = 1500                 an integer (decimal, or 0x hex): REG_DWORD
 *     *SpeedDuplex = "6"         a quoted string: REG_SZ (\" and \\ escapes)
 *     Name = hello world         a bare word that is not a number: REG_SZ
 *     Servers = "a", "b"         several quoted strings: REG_MULTI_SZ
 *     Blob = hex: 01 02 ff       bytes: REG_BINARY
 *     NetworkAddress = 02-11-22-33-44-55
 *     [Sub]                      the keywords below are in sub-key Sub
 *     [Sub\Inner]                ... in Inner under Sub
 *
 * Keywords and sections compare case-insensitively (as the registry does);
 * a keyword given twice in one section is an error. Text is ASCII.
 * Errors name the file and the line: "settings.conf:3: ...".
 *
 * A store is shared by the host and the configuration handles open on it
 * (a reference count); every access holds one mutex: configuration is read
 * at PASSIVE_LEVEL on control paths.
 */
#include "kernel/rt_config.h"

#include <stdio.h>

undis__mutex undis__config_lock = UNDIS__MUTEX_INIT;

static char *
dup_range(const char *s, size_t n)
{
    char *p = (char *)undis__mem_alloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void
value_clear(struct undis__config_value *v)
{
    undis__mem_free(v->section);
    undis__mem_free(v->keyword);
    undis__mem_free(v->data);
    memset(v, 0, sizeof(*v));
}

void
undis__config_release(undis__config *config)
{
    size_t i;
    BOOLEAN last;
    if (config == NULL) {
        return;
    }
    undis__mutex_lock(&undis__config_lock);
    last = (BOOLEAN)(--config->refs == 0);
    undis__mutex_unlock(&undis__config_lock);
    if (!last) {
        return;
    }
    for (i = 0; i < config->count; i++) {
        value_clear(&config->values[i]);
    }
    for (i = 0; i < config->section_count; i++) {
        undis__mem_free(config->sections[i]);
    }
    undis__mem_free(config->sections);
    undis__mem_free(config->values);
    undis__mem_free(config);
}

void
undis__config_retain(undis__config *config)
{
    undis__mutex_lock(&undis__config_lock);
    config->refs++;
    undis__mutex_unlock(&undis__config_lock);
}

/* Case-insensitive ASCII equality of a and b[0..n). */
BOOLEAN
undis__config_same(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = (char)(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = (char)(y - 'A' + 'a');
        }
        if (x != y || x == '\0') {
            return FALSE;
        }
    }
    return (BOOLEAN)(a[n] == '\0');
}

struct undis__config_value *
undis__config_lookup(undis__config *config, const char *section, const char *keyword)
{
    size_t i;
    if (config == NULL) {
        return NULL;
    }
    for (i = 0; i < config->count; i++) {
        struct undis__config_value *v = &config->values[i];
        if (undis__config_same(v->section, section, strlen(section)) &&
            undis__config_same(v->keyword, keyword, strlen(keyword))) {
            return v;
        }
    }
    return NULL;
}

/* A new empty slot at the end (its strings NULL). NULL: memory. */
struct undis__config_value *
undis__config_append(undis__config *config)
{
    if (config->count == config->cap) {
        size_t cap = config->cap == 0 ? 16 : config->cap * 2;
        struct undis__config_value *v =
            (struct undis__config_value *)undis__mem_alloc(cap * sizeof(*v));
        if (v == NULL) {
            return NULL;
        }
        if (config->count != 0) {
            memcpy(v, config->values, config->count * sizeof(*v));
        }
        undis__mem_free(config->values);
        config->values = v;
        config->cap = cap;
    }
    memset(&config->values[config->count], 0, sizeof(config->values[0]));
    return &config->values[config->count++];
}

static BOOLEAN
add_section(undis__config *config, const char *name, size_t n)
{
    char **s;
    size_t i;
    for (i = 0; i < config->section_count; i++) {
        if (undis__config_same(config->sections[i], name, n)) {
            return TRUE;
        }
    }
    s = (char **)undis__mem_alloc((config->section_count + 1) * sizeof(*s));
    if (s == NULL) {
        return FALSE;
    }
    if (config->section_count != 0) {
        memcpy(s, config->sections, config->section_count * sizeof(*s));
    }
    s[config->section_count] = dup_range(name, n);
    if (s[config->section_count] == NULL) {
        undis__mem_free(s);
        return FALSE;
    }
    undis__mem_free(config->sections);
    config->sections = s;
    config->section_count++;
    return TRUE;
}

/* ---- parsing ------------------------------------------------------------------- */

struct parser {
    const char *name;
    int line;
    char *error;
    size_t cap;
    NDIS_STATUS status;
};

static NDIS_STATUS
fail(struct parser *p, const char *what)
{
    if (p->cap != 0) {
        (void)snprintf(p->error, p->cap, "%s:%d: %s", p->name, p->line, what);
    }
    p->status = NDIS_STATUS_INVALID_DATA;
    return p->status;
}

static NDIS_STATUS
no_memory(struct parser *p)
{
    if (p->cap != 0) {
        (void)snprintf(p->error, p->cap, "%s:%d: out of memory", p->name, p->line);
    }
    p->status = NDIS_STATUS_RESOURCES;
    return p->status;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* A whole number (decimal, or 0x hex) in s[0..n): TRUE and *out. */
BOOLEAN
undis__config_number(const char *s, size_t n, ULONG base, ULONG *out)
{
    uint64_t v = 0;
    size_t i = 0;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    }
    if (i == n) {
        return FALSE;
    }
    for (; i < n; i++) {
        int d = hex_digit(s[i]);
        if (d < 0 || (ULONG)d >= base) {
            return FALSE;
        }
        v = v * base + (uint64_t)d;
        if (v > 0xFFFFFFFFu) {
            return FALSE;
        }
    }
    *out = (ULONG)v;
    return TRUE;
}

/* Trims s[0..*n) of spaces at both ends; returns the new start. */
static const char *
trim(const char *s, size_t *n)
{
    while (*n > 0 && is_space(s[0])) {
        s++;
        (*n)--;
    }
    while (*n > 0 && is_space(s[*n - 1])) {
        (*n)--;
    }
    return s;
}

/* One quoted string from s (at its opening quote) into out (unescaped, NUL
 * kept); returns the characters consumed, 0 when unterminated. */
static size_t
quoted(const char *s, size_t n, char *out, size_t *out_len)
{
    size_t i = 1;
    size_t o = 0;
    while (i < n && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\')) {
            i++;
        }
        out[o++] = s[i++];
    }
    if (i >= n) {
        return 0;
    }
    out[o++] = '\0';
    *out_len = o;
    return i + 1;
}

/* "a", "b", ...: strings each NUL-terminated, one after another. */
static NDIS_STATUS
parse_strings(struct parser *p, struct undis__config_value *v, const char *s, size_t n)
{
    char *buf = (char *)undis__mem_alloc(n + 1);
    size_t used = 0;
    ULONG count = 0;
    if (buf == NULL) {
        return no_memory(p);
    }
    for (;;) {
        size_t len = 0;
        size_t took;
        s = trim(s, &n);
        if (n == 0 || s[0] != '"') {
            undis__mem_free(buf);
            return fail(p, "expected a quoted string");
        }
        took = quoted(s, n, buf + used, &len);
        if (took == 0) {
            undis__mem_free(buf);
            return fail(p, "unterminated string (a \" is missing)");
        }
        used += len;
        count++;
        s += took;
        n -= took;
        s = trim(s, &n);
        if (n == 0) {
            break;
        }
        if (s[0] != ',') {
            undis__mem_free(buf);
            return fail(p, "expected ',' or the end of the line after a string");
        }
        s++;
        n--;
    }
    v->type = count == 1 ? NdisParameterString : NdisParameterMultiString;
    v->data = buf;
    v->length = used;
    return NDIS_STATUS_SUCCESS;
}

/* hex: 01 02 ff (spaces, commas or nothing between bytes). */
static NDIS_STATUS
parse_binary(struct parser *p, struct undis__config_value *v, const char *s, size_t n)
{
    UCHAR *buf = (UCHAR *)undis__mem_alloc(n / 2 + 1);
    size_t used = 0;
    size_t i = 0;
    if (buf == NULL) {
        return no_memory(p);
    }
    while (i < n) {
        int hi, lo;
        if (is_space(s[i]) || s[i] == ',') {
            i++;
            continue;
        }
        hi = hex_digit(s[i]);
        lo = i + 1 < n ? hex_digit(s[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            undis__mem_free(buf);
            return fail(p, "binary data: expected two hex digits per byte after 'hex:'");
        }
        buf[used++] = (UCHAR)(hi * 16 + lo);
        i += 2;
    }
    if (used > 0xFFFF) {
        undis__mem_free(buf);
        return fail(p, "binary data longer than 65535 bytes");
    }
    v->type = NdisParameterBinary;
    v->data = (char *)buf;
    v->length = used;
    return NDIS_STATUS_SUCCESS;
}

/* A bare value: a number, or else a string up to a '#' comment. */
static NDIS_STATUS
parse_bare(struct parser *p, struct undis__config_value *v, const char *s, size_t n)
{
    const char *hash = (const char *)memchr(s, '#', n);
    if (hash != NULL) {
        n = (size_t)(hash - s);
        s = trim(s, &n);
    }
    if (n == 0) {
        return fail(p, "a keyword with no value (write \"\" for an empty string)");
    }
    if (undis__config_number(s, n, 10, &v->integer)) {
        v->type = NdisParameterInteger;
        return NDIS_STATUS_SUCCESS;
    }
    v->data = dup_range(s, n);
    if (v->data == NULL) {
        return no_memory(p);
    }
    v->type = NdisParameterString;
    v->length = n + 1;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
parse_value(struct parser *p, struct undis__config_value *v, const char *s, size_t n)
{
    s = trim(s, &n);
    if (n >= 4 && (s[0] == 'h' || s[0] == 'H') && (s[1] == 'e' || s[1] == 'E') &&
        (s[2] == 'x' || s[2] == 'X') && s[3] == ':') {
        return parse_binary(p, v, s + 4, n - 4);
    }
    if (n > 0 && s[0] == '"') {
        return parse_strings(p, v, s, n);
    }
    return parse_bare(p, v, s, n);
}

static NDIS_STATUS
parse_line(struct parser *p, undis__config *config, const char **section, const char *s, size_t n)
{
    const char *eq;
    const char *key;
    size_t klen;
    struct undis__config_value *v;
    char *section_copy;
    s = trim(s, &n);
    if (n == 0 || s[0] == '#') {
        return NDIS_STATUS_SUCCESS;
    }
    if (s[0] == '[') {
        if (s[n - 1] != ']' || n < 3) {
            return fail(p, "a section is written [Name] (a sub-key name, '\\' between levels)");
        }
        if (!add_section(config, s + 1, n - 2)) {
            return no_memory(p);
        }
        *section = config->sections[config->section_count - 1];
        return NDIS_STATUS_SUCCESS;
    }
    eq = (const char *)memchr(s, '=', n);
    if (eq == NULL) {
        return fail(p, "expected 'Keyword = value'");
    }
    klen = (size_t)(eq - s);
    key = trim(s, &klen);
    if (klen == 0) {
        return fail(p, "a line with no keyword before '='");
    }
    {
        char tmp[256];
        struct undis__config_value *old;
        if (klen >= sizeof(tmp)) {
            return fail(p, "keyword longer than 255 characters");
        }
        memcpy(tmp, key, klen);
        tmp[klen] = '\0';
        old = undis__config_lookup(config, *section, tmp);
        if (old != NULL) {
            char what[96];
            (void)snprintf(what, sizeof(what), "keyword given twice (first on line %d)", old->line);
            return fail(p, what);
        }
    }
    section_copy = dup_range(*section, strlen(*section));
    v = section_copy != NULL ? undis__config_append(config) : NULL;
    if (v == NULL) {
        undis__mem_free(section_copy);
        return no_memory(p);
    }
    v->section = section_copy;
    v->line = p->line;
    v->keyword = dup_range(key, klen);
    if (v->keyword == NULL) {
        return no_memory(p);
    }
    return parse_value(p, v, eq + 1, n - (size_t)(eq + 1 - s));
}

static undis__config *
new_config(void)
{
    undis__config *c = (undis__config *)undis__mem_alloc(sizeof(*c));
    if (c != NULL) {
        memset(c, 0, sizeof(*c));
        c->refs = 1;
    }
    return c;
}

NDIS_STATUS
undis__config_parse(
    const char *text, size_t length, const char *name, undis__config **out, char *error, size_t cap)
{
    struct parser p;
    const char *section = "";
    undis__config *config = new_config();
    size_t at = 0;
    p.name = name;
    p.line = 0;
    p.error = error;
    p.cap = cap;
    p.status = NDIS_STATUS_SUCCESS;
    *out = NULL;
    if (cap != 0) {
        error[0] = '\0';
    }
    if (config == NULL) {
        return no_memory(&p);
    }
    while (at < length && p.status == NDIS_STATUS_SUCCESS) {
        const char *nl = (const char *)memchr(text + at, '\n', length - at);
        size_t n = nl != NULL ? (size_t)(nl - (text + at)) : length - at;
        p.line++;
        if (memchr(text + at, '\0', n) != NULL) {
            (void)fail(&p, "a NUL byte in the text");
            break;
        }
        (void)parse_line(&p, config, &section, text + at, n);
        at += n + 1;
    }
    if (p.status != NDIS_STATUS_SUCCESS) {
        undis__config_release(config);
        return p.status;
    }
    *out = config;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis__config_load(const char *path, undis__config **out, char *error, size_t cap)
{
    FILE *f = fopen(path, "rb");
    char *text;
    size_t n = 0;
    NDIS_STATUS status;
    *out = NULL;
    if (f == NULL) {
        if (cap != 0) {
            (void)snprintf(error, cap, "%s: cannot be opened", path);
        }
        return NDIS_STATUS_FILE_NOT_FOUND;
    }
    text = (char *)undis__mem_alloc(UNDIS_CONFIG_MAX_TEXT);
    if (text == NULL) {
        (void)fclose(f);
        if (cap != 0) {
            (void)snprintf(error, cap, "%s: out of memory", path);
        }
        return NDIS_STATUS_RESOURCES;
    }
    n = fread(text, 1, UNDIS_CONFIG_MAX_TEXT, f);
    (void)fclose(f);
    if (n == UNDIS_CONFIG_MAX_TEXT) {
        undis__mem_free(text);
        if (cap != 0) {
            (void)snprintf(error, cap, "%s: longer than %u bytes", path,
                           (unsigned)UNDIS_CONFIG_MAX_TEXT - 1);
        }
        return NDIS_STATUS_INVALID_DATA;
    }
    status = undis__config_parse(text, n, path, out, error, cap);
    undis__mem_free(text);
    return status;
}
