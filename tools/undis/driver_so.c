/* SPDX-License-Identifier: MIT */
/*
 * driver_so.c: a driver shared object loaded and hosted (see driver_so.h).
 */
#ifndef _GNU_SOURCE
#    define _GNU_SOURCE /* dladdr */
#endif
#include "driver_so.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <undis/fault_site.h>

#define CRASH_FRAMES 24

static const char *volatile g_phase = "no call of the driver";
static const char *volatile *g_mirror;

int
driver_so_open(struct driver_so *so, const char *spec, const char *prefix)
{
    char *role;
    memset(so, 0, sizeof(*so));
    snprintf(so->path, sizeof(so->path), "%s", spec);
    so->role = &undis_fuzz_role_filter;
    role = strrchr(so->path, ':');
    if (role != NULL && strchr(role, '/') == NULL) {
        so->role = undis_fuzz_role_find(role + 1);
        if (so->role == NULL) {
            fprintf(stderr, "%s: role '%s' is not hosted yet (only 'filter' and 'protocol')\n",
                    prefix, role + 1);
            return 2;
        }
        *role = '\0';
    }
    so->handle = dlopen(so->path, RTLD_NOW | RTLD_LOCAL);
    if (so->handle == NULL) {
        fprintf(stderr, "%s: cannot load %s: %s\n", prefix, so->path, dlerror());
        return 2;
    }
    so->entry_address = dlsym(so->handle, "DriverEntry");
    *(void **)(&so->entry) = dlsym(so->handle, "DriverEntry");
    if (so->entry == NULL) {
        fprintf(stderr, "%s: %s has no DriverEntry\n", prefix, so->path);
        driver_so_close(so);
        return 2;
    }
    return 0;
}

void
driver_so_close(struct driver_so *so)
{
    if (so->handle != NULL) {
        dlclose(so->handle);
        so->handle = NULL;
    }
}

undis_host *
driver_so_host(const struct driver_so *so, const char *prefix)
{
    undis_host *host = NULL;
    NTSTATUS status;
    if (undis_host_create(&host) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "%s: out of memory\n", prefix);
        return NULL;
    }
    driver_so_phase("DriverEntry (load)");
    status = undis_host_load(host, so->entry, "driver");
    if (!NT_SUCCESS(status)) {
        fprintf(stderr, "%s: %s: DriverEntry failed (0x%08lx)\n", prefix, so->path,
                (unsigned long)status);
        undis_host_destroy(host);
        return NULL;
    }
    if (so->role != NULL &&
        (so->role == &undis_fuzz_role_protocol) != (undis_host_is_protocol(host) != FALSE)) {
        fprintf(stderr, "%s: %s: its DriverEntry registered a %s, not a %s\n", prefix, so->path,
                undis_host_is_protocol(host) ? "protocol" : "filter", so->role->name);
        undis_host_destroy(host);
        return NULL;
    }
    return host;
}

void
driver_so_phase(const char *what)
{
    g_phase = what;
    if (g_mirror != NULL) {
        *g_mirror = what;
    }
}

void
driver_so_phase_mirror(const char *volatile *slot)
{
    g_mirror = slot;
}

/* One frame: object+offset and the nearest exported symbol. */
static void
print_frame(int i, void *pc)
{
    Dl_info info;
    char line[512];
    int n;
    if (dladdr(pc, &info) != 0 && info.dli_fname != NULL) {
        n = snprintf(line, sizeof(line), "    #%d %p %s+0x%lx (%s)\n", i, pc, info.dli_fname,
                     (unsigned long)((const char *)pc - (const char *)info.dli_fbase),
                     info.dli_sname != NULL ? info.dli_sname : "?");
    } else {
        n = snprintf(line, sizeof(line), "    #%d %p\n", i, pc);
    }
    if (n > 0) {
        ssize_t w = write(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
        (void)w;
    }
}

static void
on_crash(int sig)
{
    void *frames[CRASH_FRAMES];
    char line[256];
    int n = snprintf(line, sizeof(line),
                     "undis: CRASH: signal %d (%s) in the driver's %s; the stack:\n", sig,
                     strsignal(sig), g_phase);
    ssize_t w = write(2, line, n > 0 ? (size_t)n : 0);
    int count = undis_backtrace(frames, CRASH_FRAMES);
    (void)w;
    for (int i = 0; i < count; i++) {
        print_frame(i, frames[i]);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void
driver_so_catch_crashes(void)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        signal(sigs[i], on_crash);
    }
}
