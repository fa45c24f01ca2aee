/* SPDX-License-Identifier: MIT */
/*
 * driver_so.h: a driver built as a shared object, loaded and hosted, for
 * `undis run --replay`, `undis run --fail-each-site` and the libFuzzer
 * runner undis-fuzz-driver (POSIX: dlopen). Also the crash report: a signal
 * handler that names the driver entry the host was calling and prints the
 * stack.
 */
#ifndef UNDIS_TOOL_DRIVER_SO_H
#define UNDIS_TOOL_DRIVER_SO_H

#include <undis/fuzz.h>

struct driver_so {
    void *handle;
    undis_host_driver_entry_fn *entry;
    const void *entry_address; /* the same, as dlsym gave it: an address in the driver */
    const undis_fuzz_role *role;
    char path[4096];
};

/* Splits "PATH[:ROLE]", loads PATH and finds DriverEntry. 0, or 2 after a
 * message on stderr (prefix names the command). */
int driver_so_open(struct driver_so *so, const char *spec, const char *prefix);
void driver_so_close(struct driver_so *so);

/* A host with the driver loaded (DriverEntry called): NULL after a message. */
undis_host *driver_so_host(const struct driver_so *so, const char *prefix);

/* What the host is calling now, for the crash report ("FilterAttach ..."). */
void driver_so_phase(const char *what);
/* Also write each phase to *slot (shared memory a parent reads after a crash). */
void driver_so_phase_mirror(const char *volatile *slot);
/* Installs the handler of SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT: it
 * prints the phase and the stack (symbolised with dladdr), then dies of the
 * signal. */
void driver_so_catch_crashes(void);

#endif /* UNDIS_TOOL_DRIVER_SO_H */
