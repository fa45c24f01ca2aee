/* SPDX-License-Identifier: MIT */
/* undis_tool.h: the subcommands of the `undis` command. */
#ifndef UNDIS_TOOL_H
#define UNDIS_TOOL_H

#include <stdio.h>

/* Replays the spec's conformance vectors; 0 when all match. */
int undis_tool_conformance(int quiet);

/* `undis run ARGS...` (argv[0] is "run"); `main_job` set: the main job
 * (no arguments: the bundled sample through the round trip). `trace`: the
 * `undis trace` spelling (defaults to --trace 4). Returns the exit status. */
int undis_tool_run(int argc, char **argv, int main_job, int trace);

/* `undis run --driver PATH[:filter] --in FILE [-q]` (run_driver.c): host a
 * filter driver built as a shared object. Returns the exit status. */
int undis_tool_run_driver(int argc, char **argv);
/* undis run --replay FILE --driver PATH (run_replay.c) */
int undis_tool_run_replay(int argc, char **argv);
/* undis run --fail-each-site --driver PATH (run_sites.c) */
int undis_tool_run_sites(int argc, char **argv);
/* undis fuzz --driver PATH (fuzz_cmd.c) */
int undis_tool_fuzz(int argc, char **argv);

/* `undis gen ARGS...`: write a synthetic capture. */
int undis_tool_gen(int argc, char **argv);

/* Writes the synthetic capture (seed, count) to path ("-": stdout),
 * through a temporary file renamed at the end; unless quiet, says on
 * stderr what it wrote. 0 on success, else prints why to stderr and
 * returns 2 (an existing file at path is left as it was). */
int undis_tool_gen_write(const char *path, unsigned long long seed, unsigned long count, int quiet);

/* Default seed and count of `undis gen`, also those of the bundled sample. */
#define UNDIS_GEN_DEFAULT_SEED  1ULL
#define UNDIS_GEN_DEFAULT_COUNT 100UL

/* Help texts. */
void undis_tool_run_usage(FILE *out);
void undis_tool_gen_usage(FILE *out);

#endif /* UNDIS_TOOL_H */
