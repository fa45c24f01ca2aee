/* SPDX-License-Identifier: MIT */
/*
 * wpp_main.c: `undis wpp SOURCE... [-func:SPEC]... [--scan FILE]... [-I DIR]...
 * [--out DIR]`: writes DIR/<name>.tmh for each SOURCE (see wpp_gen.c).
 */
#include "compat.h"

#include <string.h>

static int
wpp_usage(FILE *out)
{
    fprintf(out,
            "usage: undis wpp SOURCE... [-func:NAME(PARAMS)]... [--scan FILE]... [-I DIR]...\n"
            "                 [--out DIR]\n"
            "\n"
            "Writes DIR/<source name>.tmh (DIR: --out, default the current folder) for each\n"
            "WPP-traced SOURCE, from its WPP_CONTROL_GUIDS and `begin_wpp config` blocks (in it\n"
            "and the files it includes with quotes, found next to it or in -I folders), the\n"
            "-func: trace functions (as the WppTraceFunction of a .vcxproj) and the --scan\n"
            "files (WppScanConfigurationData). The traces print through DbgPrint, filtered by\n"
            "undis_wpp_set() or UNDIS_WPP_LEVEL / UNDIS_WPP_FLAGS (see <undis/wpp.h>).\n");
    return out == stderr ? 2 : 0;
}

int
undis_tool_wpp(int argc, char **argv)
{
    compat_strv sources = { 0 }, funcs = { 0 }, scan = { 0 }, includes = { 0 };
    const char *out_dir = ".";
    int status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            status = -1;
        } else if (strncmp(a, "-func:", 6) == 0) {
            status = compat_strv_add(&funcs, a + 6, (size_t)-1) ? 2 : 0;
        } else if ((strcmp(a, "--out") == 0 || strcmp(a, "--scan") == 0 || strcmp(a, "-I") == 0) &&
                   i + 1 < argc) {
            compat_strv *list = a[2] == 's' ? &scan : &includes;
            if (a[2] == 'o') {
                out_dir = argv[++i];
            } else {
                status = compat_strv_add(list, argv[++i], (size_t)-1) ? 2 : 0;
            }
        } else if (a[0] == '-') {
            fprintf(stderr, "undis wpp: unknown option or missing value: '%s'\n", a);
            status = wpp_usage(stderr);
        } else {
            status = compat_strv_add(&sources, a, (size_t)-1) ? 2 : 0;
        }
    }
    if (status == -1) {
        status = wpp_usage(stdout);
    } else if (status == 0 && sources.n == 0) {
        fprintf(stderr, "undis wpp: no SOURCE given\n");
        status = wpp_usage(stderr);
    }
    for (size_t i = 0; i < sources.n && status == 0; i++) {
        char err[512];
        if (compat_wpp_generate(sources.v[i], &includes, &scan, &funcs, out_dir, err,
                                sizeof(err)) != 0) {
            fprintf(stderr, "undis wpp: %s: %s\n", sources.v[i], err);
            status = 1;
        }
    }
    compat_strv_free(&sources);
    compat_strv_free(&funcs);
    compat_strv_free(&scan);
    compat_strv_free(&includes);
    return status;
}
