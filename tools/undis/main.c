/* SPDX-License-Identifier: MIT */
/*
 * main.c: the `undis` command.
 *
 *   undis                     the main job (for now: the conformance vectors)
 *   undis conformance [-q]    replay the data-path conformance vectors
 *   undis version             print the library version
 */
#include "undis_tool.h"

#include <stdio.h>
#include <string.h>

#include <undis/version.h>

static int
usage(FILE *out)
{
    fprintf(out, "usage: undis [conformance [-q|--quiet] | version | help]\n"
                 "\n"
                 "  conformance  replay the NET_BUFFER conformance vectors (expected Windows\n"
                 "               results) against this build of undis; the default\n"
                 "  version      print the undis version\n");
    return out == stderr ? 2 : 0;
}

int
main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "conformance";
    if (strcmp(cmd, "conformance") == 0) {
        int quiet = argc > 2 && (strcmp(argv[2], "-q") == 0 || strcmp(argv[2], "--quiet") == 0);
        if (argc > 2 && !quiet) {
            return usage(stderr);
        }
        printf("undis %s: NET_BUFFER retreat/advance conformance vectors (spec appendix A)\n",
               undis_version());
        return undis_tool_conformance(quiet);
    }
    if (strcmp(cmd, "version") == 0) {
        printf("undis %s\n", undis_version());
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        return usage(stdout);
    }
    fprintf(stderr, "undis: unknown command '%s'\n", cmd);
    return usage(stderr);
}
