/* SPDX-License-Identifier: MIT */
/*
 * stages.c: finding a stage by name (the built-in examples) or loading one
 * from a shared object (`--stage ./file.so[:ARGS]`), and reading its
 * counters for the report.
 */
#include "run.h"

#include <string.h>

#if defined(_WIN32)
#    include <windows.h>
#else
#    include <dlfcn.h>
#endif

#include "stage_util.h"

static const UNDIS_STAGE_CHARACTERISTICS *const g_builtin[] = {
    &VlanTagStage,    &VlanUntagStage, &VxlanEncapStage,
    &VxlanDecapStage, &MirrorStage,    &CountReceiveStage.Stage,
};

#define BUILTIN_COUNT (sizeof(g_builtin) / sizeof(g_builtin[0]))

void
stages_list(FILE *out)
{
    for (size_t i = 0; i < BUILTIN_COUNT; i++) {
        fprintf(out, "    %-20s %s\n", g_builtin[i]->Usage, g_builtin[i]->Summary);
    }
}

/* A path, not a name: it has a '/' (or '\\') or ends in .so/.dll/.dylib. */
static int
is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') != NULL || strchr(name, '\\') != NULL ||
           (n > 3 && strcmp(name + n - 3, ".so") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".dll") == 0) ||
           (n > 6 && strcmp(name + n - 6, ".dylib") == 0);
}

static int
load_object(struct tool_stage *st, const char *path, char *err, size_t err_len)
{
    UNDIS_STAGE_ENTRY *entry;
#if defined(_WIN32)
    HMODULE h = LoadLibraryA(path);
    if (h == NULL) {
        snprintf(err, err_len, "cannot load stage '%s' (error %lu)", path,
                 (unsigned long)GetLastError());
        return -1;
    }
    entry = (UNDIS_STAGE_ENTRY *)(void *)GetProcAddress(h, UNDIS_STAGE_ENTRY_NAME);
    st->dl = (void *)h;
#else
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *sym;
    if (h == NULL) {
        snprintf(err, err_len, "cannot load stage '%s': %s", path, dlerror());
        return -1;
    }
    sym = dlsym(h, UNDIS_STAGE_ENTRY_NAME);
    memcpy(&entry, &sym, sizeof(entry));
    st->dl = h;
#endif
    if (entry == NULL) {
        snprintf(err, err_len, "stage '%s' does not export %s", path, UNDIS_STAGE_ENTRY_NAME);
        stage_unload(st);
        return -1;
    }
    st->chars = entry();
    if (st->chars == NULL ||
        (st->chars->Version != UNDIS_STAGE_INTERFACE_VERSION &&
         st->chars->Version != UNDIS_STAGE_INTERFACE_VERSION_RECEIVE) ||
        st->chars->Attach == NULL || st->chars->Detach == NULL ||
        st->chars->SendNetBufferLists == NULL || st->chars->SendNetBufferListsComplete == NULL ||
        (stage_receive(st) != NULL && (stage_receive(st)->ReceiveNetBufferLists == NULL ||
                                       stage_receive(st)->ReturnNetBufferLists == NULL))) {
        snprintf(err, err_len,
                 "stage '%s': %s returned no valid UNDIS_STAGE_CHARACTERISTICS (interface version "
                 "%d, or %d with both receive handlers, expected)",
                 path, UNDIS_STAGE_ENTRY_NAME, UNDIS_STAGE_INTERFACE_VERSION,
                 UNDIS_STAGE_INTERFACE_VERSION_RECEIVE);
        stage_unload(st);
        return -1;
    }
    return 0;
}

int
stage_resolve(struct tool_stage *st, const char *spec, char *err, size_t err_len)
{
    char *colon;
    if (strlen(spec) >= sizeof(st->spec)) {
        snprintf(err, err_len, "stage '%.40s...' is too long", spec);
        return -1;
    }
    strcpy(st->spec, spec);
    colon = strchr(st->spec, ':');
#if defined(_WIN32)
    if (colon == st->spec + 1 && strlen(st->spec) > 2 &&
        (st->spec[2] == '\\' || st->spec[2] == '/')) {
        colon = strchr(st->spec + 2, ':'); /* a drive letter is not the argument separator */
    }
#endif
    st->args = NULL;
    if (colon != NULL) {
        *colon = '\0';
        st->args = colon + 1;
    }
    if (is_path(st->spec)) {
        int rc = load_object(st, st->spec, err, err_len);
        if (colon != NULL) {
            *colon = ':';
        }
        return rc;
    }
    for (size_t i = 0; i < BUILTIN_COUNT; i++) {
        if (strcmp(g_builtin[i]->Name, st->spec) == 0) {
            st->chars = g_builtin[i];
            if (colon != NULL) {
                *colon = ':';
            }
            return 0;
        }
    }
    snprintf(err, err_len, "unknown stage '%s' (see `undis run --help` for the list)", st->spec);
    return -1;
}

const UNDIS_STAGE_RECEIVE_CHARACTERISTICS *
stage_receive(const struct tool_stage *st)
{
    return st->chars->Version >= UNDIS_STAGE_INTERFACE_VERSION_RECEIVE
               ? (const UNDIS_STAGE_RECEIVE_CHARACTERISTICS *)(const void *)st->chars
               : NULL;
}

int
stage_has_receive(const struct tool_stage *st)
{
    return stage_receive(st) != NULL;
}

void
stage_unload(struct tool_stage *st)
{
    if (st->dl != NULL) {
#if defined(_WIN32)
        FreeLibrary((HMODULE)st->dl);
#else
        dlclose(st->dl);
#endif
        st->dl = NULL;
    }
}

static VOID
collect_one(PVOID ctx, PCSTR name, ULONG64 value)
{
    struct tool_stage *st = (struct tool_stage *)ctx;
    if (st->ncounters < RUN_MAX_COUNTERS) {
        struct stage_counter *c = &st->counter[st->ncounters++];
        snprintf(c->name, sizeof(c->name), "%s", name);
        c->value = value;
    }
}

void
stage_collect_counters(struct tool_stage *st)
{
    st->ncounters = 0;
    if (st->attached && st->chars->QueryCounters != NULL) {
        st->chars->QueryCounters(st->ctx, collect_one, st);
    }
}
