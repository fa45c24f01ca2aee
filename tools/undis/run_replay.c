/* SPDX-License-Identifier: MIT */
/*
 * run_replay.c: `undis run --replay FILE --driver PATH[:ROLE] [-q]`. Plays
 * FILE (a reproducer `undis fuzz` saved, or any input) as the scenario of
 * <undis/fuzz.h> on the hosted driver, with the verifier at level 2, in a
 * child process: each step is printed, a report is printed with its picture
 * and stops the run, a crash names the driver entry the host was calling.
 * Exit status: 0 no finding, 1 a finding, 2 bad input.
 */
#include "undis_tool.h"

#include "driver_role.h"
#include "driver_so.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <undis/report.h>
#include <undis/verifier.h>

#define REPLAY_MAX_INPUT (16u << 20)
#define REPLAY_LEAK      3 /* the child's exit status after a leak */

static undis_report_action
replay_finding(const undis_report *r, void *context)
{
    (void)context;
    (void)r;
    fflush(stdout);
    fprintf(stderr, "undis run --replay: FINDING (the report follows; the run stops here)\n");
    /* the abort that follows is the report's, not a crash: not through the
     * crash handler (its stack walk is not async-signal-safe; ThreadSanitizer
     * stops the child on it) */
    signal(SIGABRT, SIG_DFL);
    return UNDIS_REPORT_ABORT; /* the default prints it with its picture and aborts */
}

static unsigned char *
read_input(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    if (f == NULL) {
        return NULL;
    }
    data = (unsigned char *)malloc(REPLAY_MAX_INPUT);
    *size = data != NULL ? fread(data, 1, REPLAY_MAX_INPUT, f) : 0;
    fclose(f);
    return data;
}

/* The child: host, play, unload; exit 0 clean, 1 a leak. */
static int
replay_child(const struct driver_so *so, const unsigned char *data, size_t size, int quiet)
{
    undis_fuzz_options opt;
    undis_host *host;
    int rc;
    setvbuf(stdout, NULL, _IOLBF, 0); /* the steps before a crash are seen */
    driver_so_catch_crashes();
    undis_verifier_set_level(2);
    undis_report_set_hook(replay_finding, NULL);
    host = driver_so_host(so, "undis run --replay");
    if (host == NULL) {
        return 2;
    }
    memset(&opt, 0, sizeof(opt));
    opt.role = driver_role_named(so->role);
    opt.trace = quiet ? NULL : stdout;
    opt.guard_pages = 1; /* a read past an MDL faults here, where no ASan runs */
    rc = undis_fuzz_run(host, &opt, data, size);
    fflush(stdout);
    driver_so_phase("DriverUnload (unload)");
    undis_host_destroy(host);
    return rc == UNDIS_FUZZ_LEAK ? REPLAY_LEAK : 0;
}

static int
parse(int argc, char **argv, const char **file, const char **driver, int *quiet)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--replay") == 0 && i + 1 < argc) {
            *file = argv[++i];
        } else if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            if (*driver != NULL) {
                fprintf(stderr, "undis run --replay takes one --driver (a stack of several is "
                                "`undis run --driver ... --in FILE`)\n");
                return 2;
            }
            *driver = argv[++i];
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            *quiet = 1;
        } else {
            fprintf(stderr, "undis run --replay: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (*file == NULL || *driver == NULL) {
        fprintf(stderr, "usage: undis run --replay FILE --driver PATH[:filter] [-q]\n");
        return 2;
    }
    return 0;
}

int
undis_tool_run_replay(int argc, char **argv)
{
    const char *file = NULL, *driver = NULL;
    int quiet = 0, status = 0;
    size_t size = 0;
    struct driver_so so;
    unsigned char *data;
    pid_t pid;
    if (parse(argc, argv, &file, &driver, &quiet) != 0) {
        return 2;
    }
    data = read_input(file, &size);
    if (data == NULL) {
        fprintf(stderr, "undis run --replay: cannot read %s\n", file);
        return 2;
    }
    if (driver_so_open(&so, driver, "undis run --replay") != 0) {
        free(data);
        return 2;
    }
    printf("undis run --replay %s (%zu bytes) --driver %s\n", file, size, so.path);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        _exit(replay_child(&so, data, size, quiet));
    }
    free(data);
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        fprintf(stderr, "undis run --replay: cannot run the child process\n");
        return 2;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("undis run --replay: no finding\n");
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
        return 2;
    }
    printf("undis run --replay: FOUND: %s\n",
           WIFSIGNALED(status) ? (WTERMSIG(status) == SIGABRT ? "a report (above); the run stopped"
                                                              : "a crash (above)")
                               : "a leak (above)");
    return 1;
}
