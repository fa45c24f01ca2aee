/* SPDX-License-Identifier: MIT */
/*
 * rt_config.h: the settings store (rt_config.c) shared with the NDIS
 * configuration calls (rt_config_ndis.c) and the driver host, which loads a
 * settings file and binds it to the handles a driver opens configuration
 * with (its NdisFilterHandle, MiniportAdapterHandle, driver handle).
 */
#ifndef UNDIS_RT_CONFIG_H
#define UNDIS_RT_CONFIG_H

#include "kernel/rt_services.h"

#define UNDIS_CONFIG_MAX_TEXT (1024u * 1024u) /* a settings file: at most 1 MiB - 1 */

/* One keyword. String data: NUL-terminated strings one after another
 * (length counts every byte, NULs included); binary: length bytes. */
struct undis__config_value {
    char *section; /* "" for the top key; "Sub", "Sub\\Inner" */
    char *keyword;
    NDIS_PARAMETER_TYPE type; /* Integer, String, MultiString or Binary */
    ULONG integer;
    char *data;
    size_t length;
    int line; /* in the settings text; 0 when written by a driver */
};

typedef struct undis__config {
    ULONG refs; /* the host's and each open handle's (undis__config_lock) */
    struct undis__config_value *values;
    size_t count, cap;
    char **sections; /* every [Section] named, in order */
    size_t section_count;
} undis__config;

/* Guards every store and binding. */
extern undis__mutex undis__config_lock;

/*
 * Parses the settings text into a new store (one reference, the caller's);
 * name is what errors call it (a path). Failure: NDIS_STATUS_INVALID_DATA
 * with "name:line: what" in error (cap bytes, always NUL-terminated when
 * cap > 0), or NDIS_STATUS_RESOURCES; *out NULL. Any thread, PASSIVE_LEVEL.
 */
NDIS_STATUS undis__config_parse(const char *text,
                                size_t length,
                                const char *name,
                                undis__config **out,
                                char *error,
                                size_t cap);
/* Reads the file at path and parses it; errors as undis__config_parse, and
 * NDIS_STATUS_FILE_NOT_FOUND ("path: cannot be opened"). */
NDIS_STATUS undis__config_load(const char *path, undis__config **out, char *error, size_t cap);
/* References: the last release frees the store. NULL is ignored. */
void undis__config_retain(undis__config *config);
void undis__config_release(undis__config *config);

/*
 * NdisOpenConfigurationEx with ConfigObject->NdisHandle == ndis_handle opens
 * config from now on (the binding holds a reference; NULL config removes the
 * binding). A handle with no binding opens an empty store, as a driver with
 * no keywords in its registry key. Failure: NDIS_STATUS_RESOURCES (nothing
 * changes). PASSIVE_LEVEL.
 */
NDIS_STATUS undis__config_bind(NDIS_HANDLE ndis_handle, undis__config *config);

/* Lock held. The value of keyword in section (case-insensitive), or NULL. */
struct undis__config_value *
undis__config_lookup(undis__config *config, const char *section, const char *keyword);
/* Lock held. A new zeroed value at the end; NULL: memory. */
struct undis__config_value *undis__config_append(undis__config *config);
/* Case-insensitive: a equals b[0..n) exactly. */
BOOLEAN undis__config_same(const char *a, const char *b, size_t n);
/* A whole number in s[0..n), base 10 or 16, "0x" forcing 16. */
BOOLEAN undis__config_number(const char *s, size_t n, ULONG base, ULONG *out);

/* ---- handles (rt_config_ndis.c) ------------------------------------------------ */

#define UNDIS_CONFIG_NAME_MAX 255 /* keyword and section path, characters */

struct undis__config_handle {
    ULONG magic;
    undis__config *config;
    char section[UNDIS_CONFIG_NAME_MAX + 1];
    struct block *blocks; /* what reads returned, freed at close */
    struct undis__rt_track track;
};

/* The open handle `handle` is, or a bug check naming function. */
struct undis__config_handle *undis__config_handle_of(NDIS_HANDLE handle, const char *function);
/* size zeroed bytes of the handle's, freed at close; NULL: memory. */
void *undis__config_handle_alloc(struct undis__config_handle *h, size_t size);
/* A handle on config (taking over the caller's reference) at section,
 * tracked with site; NULL: memory (the reference stays the caller's). */
struct undis__config_handle *
undis__config_handle_new(undis__config *config, const char *section, const void *site);
/* ASCII form of a counted wide string; FALSE when too long or not ASCII. */
BOOLEAN undis__config_narrow(const NDIS_STRING *s, char *out, size_t cap);

#endif /* UNDIS_RT_CONFIG_H */
