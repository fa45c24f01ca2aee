/* SPDX-License-Identifier: MIT */
/*
 * main.c: the `undis` command.
 *
 *   undis                       the main job (= undis run with no options)
 *   undis run [options]         captures through driver-style stages
 *   undis run --driver SO[:filter] --in FILE   host a filter driver (run_driver.c)
 *   undis run --replay FILE --driver SO         replay a fuzz finding (run_replay.c)
 *   undis run --fail-each-site --driver SO      fail every allocation site (run_sites.c)
 *   undis fuzz --driver SO [options]            fuzz a driver (fuzz_cmd.c)
 *   undis trace [options]       the same, with the NET_BUFFER pictures of 4 packets
 *   undis gen --out FILE ...    write a synthetic capture
 *   undis conformance [-q]      replay the data-path conformance vectors
 *   undis version               print the library version
 */
#include "undis_tool.h"
#include "compat.h"

#include <stdio.h>
#include <string.h>

#include <undis/version.h>

static int
usage(FILE *out)
{
    fprintf(out,
            "usage: undis [COMMAND [options]]\n"
            "\n"
            "  (none)       the main job: `undis run` with no options, which runs the bundled\n"
            "               sample capture through vlan-tag:100 vxlan-encap vxlan-decap\n"
            "               vlan-untag, checks every frame comes out identical, and reports\n"
            "  run          run a capture through driver-style data-path stages\n"
            "               (undis run --help lists every option and stage)\n"
            "  trace        undis run --trace 4: the picture of each NET_BUFFER after every\n"
            "               stage (undis trace --help)\n"
            "  gen          write a synthetic capture (undis gen --help)\n"
            "  fuzz         fuzz a driver built as a shared object with libFuzzer\n"
            "               (undis fuzz --driver PATH[:filter]; docs/fuzzing.md)\n"
            "  conformance  replay the NET_BUFFER conformance vectors (expected Windows\n"
            "               results) against this build of undis [-q|--quiet]\n"
            "  version      print the undis version\n"
            "  help         this text (also -h, --help)\n");
    return out == stderr ? 2 : 0;
}

static int
conformance(int argc, char **argv)
{
    int quiet = argc > 1 && (strcmp(argv[1], "-q") == 0 || strcmp(argv[1], "--quiet") == 0);
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("usage: undis conformance [-q|--quiet]\n\n"
               "Replays the data-path conformance vectors of the specification (appendix A)\n"
               "and prints each NET_BUFFER state next to the expected one.\n"
               "  -q, --quiet  print only the summary line\n");
        return 0;
    }
    if (argc > 2 || (argc > 1 && !quiet)) {
        fprintf(stderr, "usage: undis conformance [-q|--quiet]\n");
        return 2;
    }
    printf("undis %s: NET_BUFFER retreat/advance conformance vectors (spec appendix A)\n",
           undis_version());
    return undis_tool_conformance(quiet);
}

int
main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (cmd == NULL) {
        return undis_tool_run(1, argv, 1, 0);
    }
    if (strcmp(cmd, "run") == 0) {
#ifdef UNDIS_TOOL_HAVE_DRIVER
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--replay") == 0 || strcmp(argv[i], "--fail-each-site") == 0) {
                return (argv[i][2] == 'r' ? undis_tool_run_replay : undis_tool_run_sites)(argc - 1,
                                                                                          argv + 1);
            }
        }
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--driver") == 0) {
                return undis_tool_run_driver(argc - 1, argv + 1);
            }
        }
#endif
        return undis_tool_run(argc - 1, argv + 1, argc == 2, 0);
    }
#ifdef UNDIS_TOOL_HAVE_DRIVER
    if (strcmp(cmd, "fuzz") == 0) {
        return undis_tool_fuzz(argc - 1, argv + 1);
    }
#endif
    if (strcmp(cmd, "trace") == 0) {
        return undis_tool_run(argc - 1, argv + 1, argc == 2, 1);
    }
    if (strcmp(cmd, "gen") == 0) {
        return undis_tool_gen(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "compat") == 0 || strcmp(cmd, "wpp") == 0) {
        return (cmd[0] == 'c' ? undis_tool_compat : undis_tool_wpp)(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "conformance") == 0) {
        return conformance(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("undis %s\n", undis_version());
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        return usage(stdout);
    }
    fprintf(stderr, "undis: unknown command '%s'\n", cmd);
    return usage(stderr);
}
