/* SPDX-License-Identifier: MIT */
/*
 * process.c: the library's process-wide state, set up once, on first use:
 *
 *   - the processor's vector extensions (undis__plat_cpu_features) and
 *     UNDIS_CPU_CAP (datapath/cpu_cap.c), which choose the NBL resets,
 *     before the first pool picks its reset;
 *   - UNDIS_FAULTS, the fault schedule (verifier/fault_env.c parses it);
 *   - UNDIS_VERIFIER, the verifier level ("0" to "3").
 *
 * Nothing runs it at load time: undis__process_init() is called by the entry
 * points that need the state -- pool and cache creation, the first
 * allocation (undis__fault_armed starts non-zero, so the first allocation
 * takes the fault slow path, which calls it), the verifier's level getter
 * and setter, the fault setters and the getters and setters of the cap
 * (<undis/cpu.h>) -- so a build by any compiler reads the
 * environment, and the hot paths test no "initialised yet" flag.
 */
#include "base/internal.h"

#include <stdio.h>

#include <undis/verifier.h>

undis__once undis__process_once = UNDIS__ONCE_INIT;

/* Set on the thread running the initialisation: the setters it calls (the
 * verifier level, the fault schedule) call undis__process_init() too, and
 * must not wait for the initialisation they are part of. */
static UNDIS_THREAD_LOCAL int t_initialising;

static void
verifier_from_environment(void)
{
    const char *env = getenv("UNDIS_VERIFIER");
    if (env != NULL && env[0] >= '0' && env[0] <= '9') {
        (void)undis_verifier_set_level(env[0] - '0');
    }
}

static void
faults_from_environment(void)
{
    char err[200];
    const char *env = getenv("UNDIS_FAULTS");
    if (env != NULL && undis__fault_env_parse(env, err, sizeof(err)) != 0) {
        fprintf(stderr, "undis: UNDIS_FAULTS=\"%s\": %s; ignored\n", env, err);
    }
}

static void
process_init_once(void)
{
    t_initialising = 1;
    (void)undis__plat_cpu_features();
    undis__cpu_cap_from_env();
    faults_from_environment();
    verifier_from_environment();
    t_initialising = 0;
}

void
undis__process_init_slow(void)
{
    if (!t_initialising) {
        undis__once_run(&undis__process_once, process_init_once);
    }
}
