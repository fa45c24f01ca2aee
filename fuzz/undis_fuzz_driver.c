/* SPDX-License-Identifier: MIT */
/*
 * undis_fuzz_driver.c: the libFuzzer runner of `undis fuzz` (built as
 * undis-fuzz-driver, with clang and -fsanitize=fuzzer). It loads the driver
 * named by --driver=PATH[:ROLE] (or $UNDIS_FUZZ_DRIVER) with dlopen, hosts
 * it (DriverEntry once), sets the verifier to level 2, and plays each input
 * as a scenario (<undis/fuzz.h>): a module attached, the steps, the module
 * detached, its allocations checked. Every report of the verifier or the
 * host goes to the default report function, which prints it (with the
 * picture) and aborts: libFuzzer saves the input as crash-<sha1>, which
 * `undis run --replay FILE --driver PATH` replays. A leak aborts the same
 * way. The driver's own coverage guides the search when it is built with
 * -fsanitize=fuzzer-no-link (docs/fuzzing.md); this executable exports
 * libundis's symbols, which the driver's NDIS calls resolve to.
 */
#include "driver_so.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <undis/fuzz.h>
#include <undis/verifier.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct driver_so g_so;
static undis_host *g_host;

/* Takes --driver=SPEC out of argv (libFuzzer would warn about it). */
static const char *
take_driver(int *argc, char **argv)
{
    const char *spec = getenv("UNDIS_FUZZ_DRIVER");
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strncmp(argv[i], "--driver=", 9) == 0) {
            spec = argv[i] + 9;
        } else {
            argv[out++] = argv[i];
        }
    }
    *argc = out;
    argv[out] = NULL;
    return spec;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *spec = take_driver(argc, *argv);
    if (spec == NULL) {
        fprintf(stderr, "undis-fuzz-driver: which driver? --driver=PATH[:filter] "
                        "(or UNDIS_FUZZ_DRIVER=PATH)\n");
        exit(2);
    }
    /* -jobs and -fork start this program again with libFuzzer's own flags:
     * they find the driver in the environment. */
    if (setenv("UNDIS_FUZZ_DRIVER", spec, 1) != 0 ||
        driver_so_open(&g_so, spec, "undis-fuzz-driver") != 0) {
        exit(2);
    }
    undis_verifier_set_level(2);
    g_host = driver_so_host(&g_so, "undis-fuzz-driver");
    if (g_host == NULL) {
        exit(2);
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    undis_fuzz_options opt;
    memset(&opt, 0, sizeof(opt));
    opt.role = g_so.role;
    if (undis_fuzz_run(g_host, &opt, data, size) == UNDIS_FUZZ_LEAK) {
        abort(); /* the count was printed: a finding */
    }
    return 0;
}
