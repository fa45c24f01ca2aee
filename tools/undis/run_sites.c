/* SPDX-License-Identifier: MIT */
/*
 * run_sites.c: `undis run --fail-each-site --driver PATH[:ROLE]
 * [--scenario FILE] [--max-runs N]`. Every allocation and mapping site the
 * hosted driver reaches (<undis/fault_site.h>: told apart by the call
 * stack, 4 frames from the driver's own) fails once, run after run: a first
 * run learns the sites of the driver's whole life (DriverEntry, attach,
 * OIDs, link changes, sends and receives, pause and restart, detach and
 * reattach, unload: the built-in scenario of run_sites_life.h, or FILE in
 * the <undis/fuzz.h> format), then one run per site with that site failing,
 * each in a child process, until every site reached (including sites only
 * an error path reaches) has failed once. Each site is listed with what the
 * driver did: recovered cleanly, leaked (how many objects), crashed (the
 * signal and the driver entry the host was calling), broke a rule (which).
 * Exit status: 0 every site recovered cleanly, 1 otherwise, 2 bad input.
 */
#ifndef _GNU_SOURCE
#    define _GNU_SOURCE /* dladdr */
#endif
#include "undis_tool.h"

#include "driver_role.h"
#include "driver_so.h"
#include "run_sites_life.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <undis/fault.h>
#include <undis/fault_site.h>
#include <undis/report.h>
#include <undis/verifier.h>

#define SITES_MAX_RUNS_DEFAULT 400
#define SITES_RULES_LEN        160
#define SITES_PHASE_LEN        120

/* What one run with one site failing came to (written by the child). */
struct site_outcome {
    int reached;                 /* the chosen site failed */
    unsigned long findings;      /* reports */
    char rules[SITES_RULES_LEN]; /* their rule names */
    unsigned long long leaked;   /* objects left after unload */
    int signal;                  /* the child died of it (0: no crash) */
    int exit_status;             /* the child stopped early with it (a sanitizer report) */
    int done;                    /* the child reached the end of its run */
    char phase[SITES_PHASE_LEN]; /* the driver entry being called */
};

struct sites_run {
    struct driver_so so;
    const unsigned char *life;
    size_t life_size;
    int max_runs;
    undis_fault_site sites[UNDIS_FAULT_SITE_MAX];
    struct site_outcome outcomes[UNDIS_FAULT_SITE_MAX];
    int done[UNDIS_FAULT_SITE_MAX];
    size_t count;
};

/* The child's shared result block (mmap'ed before fork). */
static struct site_outcome *g_out;

static undis_report_action
site_finding(const undis_report *r, void *context)
{
    size_t len = strlen(g_out->rules);
    (void)context;
    g_out->findings++;
    if (strstr(g_out->rules, r->rule_name) == NULL &&
        len + strlen(r->rule_name) + 2 < SITES_RULES_LEN) {
        snprintf(g_out->rules + len, SITES_RULES_LEN - len, "%s%s", len != 0 ? "," : "",
                 r->rule_name);
    }
    return UNDIS_REPORT_CONTINUE; /* the host recovers; the run goes on */
}

/* The child: the driver's whole life with site key failing. */
static int
child_life(struct sites_run *run, unsigned long long key, undis_fault_site *learned, size_t *count)
{
    unsigned long long before = undis_alloc_outstanding();
    undis_fuzz_options opt;
    undis_host *host;
    memset(&opt, 0, sizeof(opt));
    opt.role = driver_role_named(run->so.role);
    undis_verifier_set_level(2);
    undis_report_set_hook(site_finding, NULL);
    undis_fault_sites_begin(run->so.entry_address, key);
    host = driver_so_host(&run->so, "undis run --fail-each-site");
    if (host != NULL) {
        (void)undis_fuzz_run(host, &opt, run->life, run->life_size);
        driver_so_phase("DriverUnload (unload)");
        undis_host_destroy(host);
    }
    undis_fault_sites_end();
    g_out->reached = undis_fault_sites_failed();
    g_out->leaked = undis_alloc_outstanding() - before;
    *count = undis_fault_sites_count();
    for (size_t i = 0; i < *count; i++) {
        (void)undis_fault_sites_get(i, &learned[i]);
    }
    g_out->done = 1;
    return 0;
}

/* What the child leaves for the parent (shared memory). */
struct sites_shared {
    struct site_outcome out;
    const char *volatile phase;
    size_t count;
    undis_fault_site learned[UNDIS_FAULT_SITE_MAX];
};

static void
merge(struct sites_run *run, const struct sites_shared *sh)
{
    for (size_t i = 0; i < sh->count; i++) {
        size_t j = 0;
        while (j < run->count && run->sites[j].key != sh->learned[i].key) {
            j++;
        }
        if (j == run->count && run->count < UNDIS_FAULT_SITE_MAX) {
            run->sites[run->count++] = sh->learned[i];
        }
    }
}

/* One child run with site key failing; FALSE when it could not run. */
static BOOLEAN
one_run(struct sites_run *run, struct sites_shared *sh, unsigned long long key, int verbose)
{
    int status = 0;
    pid_t pid;
    memset(sh, 0, sizeof(*sh));
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        g_out = &sh->out;
        if (!verbose && freopen("/dev/null", "w", stderr) == NULL) {
            _exit(3);
        }
        driver_so_phase_mirror(&sh->phase);
        driver_so_catch_crashes();
        _exit(child_life(run, key, sh->learned, &sh->count));
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        return FALSE;
    }
    if (WIFSIGNALED(status) || !sh->out.done) {
        /* a signal, or a sanitizer that reported and exited */
        sh->out.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        sh->out.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
        sh->out.done = 0;
        snprintf(sh->out.phase, SITES_PHASE_LEN, "%s",
                 sh->phase != NULL ? sh->phase : "no call of the driver");
    }
    return TRUE;
}

/* The driver's own frames by function and line when addr2line is there. */
static void
print_frame(const struct sites_run *run, void *pc)
{
    char where[512];
    char cmd[4600];
    char line[256];
    Dl_info info;
    FILE *p;
    (void)undis_describe_address(pc, where, sizeof(where));
    if (dladdr(pc, &info) == 0 || info.dli_fname == NULL ||
        strcmp(info.dli_fname, run->so.path) != 0 || strchr(run->so.path, '\'') != NULL) {
        printf("      %s\n", where);
        return;
    }
    snprintf(cmd, sizeof(cmd), "addr2line -f -s -e '%s' 0x%lx 2>/dev/null", run->so.path,
             (unsigned long)((const char *)pc - (const char *)info.dli_fbase - 1));
    p = popen(cmd, "r");
    if (p != NULL && fgets(line, sizeof(line), p) != NULL && line[0] != '?') {
        char file[256] = "";
        line[strcspn(line, "\n")] = '\0';
        if (fgets(file, sizeof(file), p) != NULL) {
            file[strcspn(file, "\n")] = '\0';
        }
        printf("      %s (%s)  %s+0x%lx\n", line, file, info.dli_fname,
               (unsigned long)((const char *)pc - (const char *)info.dli_fbase));
    } else {
        printf("      %s\n", where);
    }
    if (p != NULL) {
        pclose(p);
    }
}

/* "recovered cleanly", or everything else that happened; 1 when clean. */
static int
print_outcome(const struct site_outcome *o, int learning)
{
    int clean = 1;
    printf("    -> ");
    if (o->signal != 0) {
        printf("CRASHED: %s in the driver's %s", strsignal(o->signal), o->phase);
        clean = 0;
    } else if (!o->done) {
        printf("CRASHED: stopped with exit status %d (a sanitizer's report: -v shows it) in the "
               "driver's %s",
               o->exit_status, o->phase);
        clean = 0;
    } else {
        if (o->findings != 0) {
            printf("BROKE A RULE: %s (%lu report(s)) ", o->rules, o->findings);
            clean = 0;
        }
        if (o->leaked != 0) {
            printf("LEAKED %llu object(s) (left allocated after the unload) ", o->leaked);
            clean = 0;
        }
        if (clean) {
            printf(learning     ? "ran cleanly"
                   : o->reached ? "recovered cleanly"
                                : "not reached again (another path)");
        }
    }
    printf("\n");
    return clean;
}

static void
print_site(const struct sites_run *run, size_t i)
{
    const undis_fault_site *s = &run->sites[i];
    printf("  site %zu: %s, reached %llu time(s) in the first run it was seen in; stack:\n", i + 1,
           s->kind == UNDIS_FAULT_SITE_MAP ? "mapping" : "allocation", s->reached);
    for (int f = 0; f < s->depth; f++) {
        print_frame(run, s->stack[f]);
    }
}

static int
parse(
    int argc, char **argv, const char **driver, const char **scenario, int *max_runs, int *verbose)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fail-each-site") == 0) {
            continue;
        }
        if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            if (*driver != NULL) {
                fprintf(stderr,
                        "undis run --fail-each-site takes one --driver (a stack of several is "
                        "`undis run --driver ... --in FILE`)\n");
                return 2;
            }
            *driver = argv[++i];
        } else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc) {
            *scenario = argv[++i];
        } else if (strcmp(argv[i], "--max-runs") == 0 && i + 1 < argc) {
            *max_runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
            *verbose = 1;
        } else {
            fprintf(stderr, "undis run --fail-each-site: unknown or incomplete option '%s'\n",
                    argv[i]);
            return 2;
        }
    }
    if (*driver == NULL || *max_runs <= 0) {
        fprintf(stderr, "usage: undis run --fail-each-site --driver PATH[:filter] "
                        "[--scenario FILE] [--max-runs N] [-v]\n");
        return 2;
    }
    return 0;
}

static unsigned char *
read_scenario(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = (unsigned char *)malloc(1u << 20);
    *size = f != NULL && data != NULL ? fread(data, 1, 1u << 20, f) : 0;
    if (f != NULL) {
        fclose(f);
    }
    if (f == NULL) {
        free(data);
        return NULL;
    }
    return data;
}

/* The sweep: the learning run, then one run per site not failed yet. */
static int
sweep(struct sites_run *run, struct sites_shared *sh, int verbose)
{
    int runs = 1, clean = 1;
    if (!one_run(run, sh, 0, verbose)) {
        return 2;
    }
    merge(run, sh);
    printf("learning run (no site failing): %zu site(s) reached\n", run->count);
    clean = print_outcome(&sh->out, 1);
    for (size_t i = 0; i < run->count && runs < run->max_runs; i++) {
        if (!one_run(run, sh, run->sites[i].key, verbose)) {
            return 2;
        }
        runs++;
        run->outcomes[i] = sh->out;
        run->done[i] = 1;
        merge(run, sh); /* the sites only this error path reaches */
    }
    printf("%d run(s); %zu site(s), each failed once:\n", runs, run->count);
    for (size_t i = 0; i < run->count; i++) {
        print_site(run, i);
        if (!run->done[i]) {
            printf("    -> not run (--max-runs %d reached)\n", run->max_runs);
            clean = 0;
        } else if (!print_outcome(&run->outcomes[i], 0)) {
            clean = 0;
        }
    }
    return clean ? 0 : 1;
}

int
undis_tool_run_sites(int argc, char **argv)
{
    const char *driver = NULL, *scenario = NULL;
    int max_runs = SITES_MAX_RUNS_DEFAULT, verbose = 0, rc;
    unsigned char *data = NULL;
    struct sites_run *run;
    struct sites_shared *sh;
    if (parse(argc, argv, &driver, &scenario, &max_runs, &verbose) != 0) {
        return 2;
    }
    run = (struct sites_run *)calloc(1, sizeof(*run));
    sh = (struct sites_shared *)mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (run == NULL || sh == MAP_FAILED) {
        fprintf(stderr, "undis run --fail-each-site: out of memory\n");
        free(run);
        return 2;
    }
    run->life = sites_life;
    run->life_size = sizeof(sites_life);
    run->max_runs = max_runs;
    if (scenario != NULL && (data = read_scenario(scenario, &run->life_size)) == NULL) {
        fprintf(stderr, "undis run --fail-each-site: cannot read %s\n", scenario);
        rc = 2;
    } else if ((rc = driver_so_open(&run->so, driver, "undis run --fail-each-site")) == 0) {
        run->life = data != NULL ? data : run->life;
        printf("undis run --fail-each-site --driver %s: %s scenario (%zu bytes)\n", run->so.path,
               scenario != NULL ? scenario : "the built-in", run->life_size);
        rc = sweep(run, sh, verbose);
        printf("undis run --fail-each-site: %s\n",
               rc == 0 ? "every site recovered cleanly" : "FOUND what is marked above");
        driver_so_close(&run->so);
    }
    free(data);
    munmap(sh, sizeof(*sh));
    free(run);
    return rc;
}
