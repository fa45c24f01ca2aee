/* SPDX-License-Identifier: MIT */
/*
 * fuzz_cmd.c: `undis fuzz --driver PATH[:ROLE] [options]`. The undis
 * command is not built with libFuzzer (gcc builds it too, and libFuzzer
 * links its own main), so it runs the libFuzzer runner `undis-fuzz-driver`
 * (fuzz/undis_fuzz_driver.c, built by the fuzz preset and fuzz/build.sh with
 * clang): it dlopens the driver, and plays each input as a scenario
 * (<undis/fuzz.h>). This file finds the runner, the corpus folder, the
 * findings folder and the protocol-header dictionary, runs it, and says how
 * to replay a finding. Exit status: 0 nothing found, 1 a finding, 2 bad
 * input or no runner.
 */
#include "undis_tool.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#define FUZZ_ARGS_MAX 32
#define FUZZ_PATH     4096

struct fuzz_cmd {
    const char *driver;
    const char *corpus;
    const char *findings;
    const char *dict;
    const char *runner;
    unsigned long seconds, jobs, seed, runs;
    char exe_dir[FUZZ_PATH];
};

static int
usage(void)
{
    fprintf(
        stderr,
        "usage: undis fuzz --driver PATH[:filter] [--seconds N] [--corpus DIR] [--jobs N]\n"
        "                  [--dict FILE] [--seed N] [--runs N] [--findings DIR] [--runner PATH]\n"
        "Runs undis-fuzz-driver (libFuzzer) on the driver: each input is a scenario of\n"
        "frames, MDL geometry, chains, receive flags, failing allocations and events.\n"
        "Defaults: 60 s, corpus ./undis-fuzz-corpus, findings ./undis-fuzz-findings,\n"
        "the protocol-header dictionary share/undis/driver.dict, 1 job.\n");
    return 2;
}

static int
number(const char *s, unsigned long *out)
{
    char *end;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

/* The option's slot: a string, or a number (*num set). NULL if unknown. */
static void *
option_slot(struct fuzz_cmd *c, const char *name, int *num)
{
    static const char *const strings[] = { "--driver", "--corpus", "--findings", "--dict",
                                           "--runner" };
    static const char *const numbers[] = { "--seconds", "--jobs", "--seed", "--runs" };
    const char **sslots[] = { &c->driver, &c->corpus, &c->findings, &c->dict, &c->runner };
    unsigned long *nslots[] = { &c->seconds, &c->jobs, &c->seed, &c->runs };
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        if (strcmp(name, strings[i]) == 0) {
            *num = 0;
            return (void *)sslots[i];
        }
    }
    for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        if (strcmp(name, numbers[i]) == 0) {
            *num = 1;
            return nslots[i];
        }
    }
    return NULL;
}

static int
parse(int argc, char **argv, struct fuzz_cmd *c)
{
    for (int i = 1; i < argc; i += 2) {
        int num = 0;
        void *slot = option_slot(c, argv[i], &num);
        if (slot == NULL || i + 1 >= argc) {
            fprintf(stderr, "undis fuzz: unknown or incomplete option '%s'\n", argv[i]);
            return usage();
        }
        if (!num) {
            *(const char **)slot = argv[i + 1];
        } else if (number(argv[i + 1], (unsigned long *)slot) != 0) {
            fprintf(stderr, "undis fuzz: %s wants a whole number, not '%s'\n", argv[i],
                    argv[i + 1]);
            return usage();
        }
    }
    if (c->driver == NULL || c->jobs == 0 || c->seconds == 0) {
        return usage();
    }
    return 0;
}

/* The folder of this executable (Linux: /proc/self/exe; else argv-less ""). */
static void
exe_dir(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(out, '/');
    if (slash != NULL) {
        *slash = '\0';
    } else {
        snprintf(out, size, ".");
    }
}

/* The first of dir/a, dir/b that exists, into out; NULL when none. */
static const char *
find_beside(const char *dir, const char *a, const char *b, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", dir, a);
    if (access(out, F_OK) == 0) {
        return out;
    }
    snprintf(out, size, "%s/%s", dir, b);
    return access(out, F_OK) == 0 ? out : NULL;
}

static int
resolve(struct fuzz_cmd *c, char *runner, char *dict)
{
    exe_dir(c->exe_dir, sizeof(c->exe_dir));
    if (c->runner == NULL) {
        c->runner = getenv("UNDIS_FUZZ_RUNNER");
    }
    if (c->runner == NULL) {
        c->runner = find_beside(c->exe_dir, "undis-fuzz-driver",
                                "../libexec/undis/undis-fuzz-driver", runner, FUZZ_PATH);
    }
    if (c->runner == NULL || access(c->runner, X_OK) != 0) {
        fprintf(stderr,
                "undis fuzz: no undis-fuzz-driver beside %s/undis (nor UNDIS_FUZZ_RUNNER, "
                "--runner). It is the libFuzzer runner, built with clang: "
                "`cmake --workflow --preset fuzz` (build/fuzz/undis-fuzz-driver) or "
                "fuzz/build.sh; see docs/fuzzing.md\n",
                c->exe_dir);
        return 2;
    }
    if (c->dict == NULL) {
        c->dict = find_beside(c->exe_dir, "share/undis/driver.dict", "../share/undis/driver.dict",
                              dict, FUZZ_PATH);
    }
    c->corpus = c->corpus != NULL ? c->corpus : "undis-fuzz-corpus";
    c->findings = c->findings != NULL ? c->findings : "undis-fuzz-findings";
    if ((mkdir(c->corpus, 0777) != 0 && errno != EEXIST) ||
        (mkdir(c->findings, 0777) != 0 && errno != EEXIST)) {
        fprintf(stderr, "undis fuzz: cannot create %s or %s\n", c->corpus, c->findings);
        return 2;
    }
    return 0;
}

/* libFuzzer's arguments, in args[] of strings held in store. */
static int
build_args(const struct fuzz_cmd *c, char **args, char store[][FUZZ_PATH])
{
    int n = 0;
    snprintf(store[8], FUZZ_PATH, "%s", c->runner);
    snprintf(store[9], FUZZ_PATH, "-print_final_stats=1");
    snprintf(store[10], FUZZ_PATH, "-timeout=25");
    snprintf(store[11], FUZZ_PATH, "%s", c->corpus);
    args[n++] = store[8];
    snprintf(store[0], FUZZ_PATH, "--driver=%s", c->driver);
    snprintf(store[1], FUZZ_PATH, "-max_total_time=%lu", c->seconds);
    snprintf(store[2], FUZZ_PATH, "-artifact_prefix=%s/", c->findings);
    snprintf(store[3], FUZZ_PATH, "-seed=%lu", c->seed);
    snprintf(store[4], FUZZ_PATH, "-jobs=%lu", c->jobs);
    snprintf(store[5], FUZZ_PATH, "-workers=%lu", c->jobs);
    snprintf(store[6], FUZZ_PATH, "-dict=%s", c->dict != NULL ? c->dict : "");
    snprintf(store[7], FUZZ_PATH, "-runs=%lu", c->runs);
    for (int i = 0; i < 4; i++) {
        args[n++] = store[i];
    }
    if (c->jobs > 1) {
        args[n++] = store[4];
        args[n++] = store[5];
    }
    if (c->dict != NULL) {
        args[n++] = store[6];
    }
    if (c->runs != 0) {
        args[n++] = store[7];
    }
    for (int i = 9; i < 12; i++) {
        args[n++] = store[i];
    }
    args[n] = NULL;
    return n;
}

/* Prints each reproducer written since start and how to replay it. */
static int
report_findings(const struct fuzz_cmd *c, time_t start)
{
    DIR *d = opendir(c->findings);
    struct dirent *e;
    int found = 0;
    char path[FUZZ_PATH];
    struct stat st;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "crash-", 6) != 0 && strncmp(e->d_name, "leak-", 5) != 0 &&
            strncmp(e->d_name, "timeout-", 8) != 0 && strncmp(e->d_name, "oom-", 4) != 0) {
            continue;
        }
        snprintf(path, sizeof(path), "%s/%s", c->findings, e->d_name);
        if (stat(path, &st) == 0 && st.st_mtime >= start) {
            printf("undis fuzz: FINDING saved as %s\n  replay: %s/undis run --replay %s "
                   "--driver %s\n",
                   path, c->exe_dir, path, c->driver);
            found = 1;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return found;
}

int
undis_tool_fuzz(int argc, char **argv)
{
    struct fuzz_cmd c;
    char runner[FUZZ_PATH], dict[FUZZ_PATH];
    static char store[12][FUZZ_PATH];
    char *args[FUZZ_ARGS_MAX];
    struct timespec t0, t1;
    int status = 0;
    pid_t pid;
    memset(&c, 0, sizeof(c));
    c.seconds = 60;
    c.jobs = 1;
    if (parse(argc, argv, &c) != 0 || resolve(&c, runner, dict) != 0) {
        return 2;
    }
    (void)build_args(&c, args, store);
    printf("undis fuzz --driver %s: %s for %lu s, corpus %s, findings %s, dictionary %s\n",
           c.driver, c.runner, c.seconds, c.corpus, c.findings, c.dict != NULL ? c.dict : "none");
    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    time_t start = time(NULL);
    pid = fork();
    if (pid == 0) {
        execv(c.runner, args);
        fprintf(stderr, "undis fuzz: cannot run %s: %s\n", c.runner, strerror(errno));
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (report_findings(&c, start)) {
        printf("undis fuzz: first finding after %.1f s\n",
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        return 1;
    }
    printf("undis fuzz: no finding in %.1f s (exit status %d)\n",
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
