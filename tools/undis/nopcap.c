/* SPDX-License-Identifier: MIT */
/*
 * nopcap.c: `undis run` and `undis gen` in a build without libpcap: they
 * say exactly what to install (CMake said so too when it configured).
 */
#include "undis_tool.h"

static int
no_pcap(const char *what)
{
    fprintf(stderr,
            "undis %s: this undis was built without libpcap, which reads and writes captures.\n"
            "Install its development package and build again, e.g. on Debian or Ubuntu:\n"
            "    apt-get install -y libpcap-dev\n"
            "(Fedora: dnf install libpcap-devel; macOS: it comes with the SDK.)\n",
            what);
    return 2;
}

int
undis_tool_run(int argc, char **argv, int main_job, int trace)
{
    (void)argc;
    (void)argv;
    (void)main_job;
    return no_pcap(trace ? "trace" : "run");
}

int
undis_tool_gen(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return no_pcap("gen");
}

int
undis_tool_gen_write(const char *path, unsigned long long seed, unsigned long count, int quiet)
{
    (void)path;
    (void)seed;
    (void)count;
    (void)quiet;
    return no_pcap("gen");
}

void
undis_tool_run_usage(FILE *out)
{
    fprintf(out, "undis run: not available (built without libpcap)\n");
}

void
undis_tool_gen_usage(FILE *out)
{
    fprintf(out, "undis gen: not available (built without libpcap)\n");
}
