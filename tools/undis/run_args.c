/* SPDX-License-Identifier: MIT */
/* run_args.c: the options of `undis run`, its help, and where the main job finds its sample. */
#include "run.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "undis_tool.h"

#if defined(_WIN32)
#    include <windows.h>
#elif defined(__APPLE__)
#    include <mach-o/dyld.h>
#else
#    include <unistd.h>
#endif

static const char *const g_main_job_stages[] = { "vlan-tag:100", "vxlan-encap", "vxlan-decap",
                                                 "vlan-untag" };

void
undis_tool_run_usage(FILE *out)
{
    fprintf(out,
            "usage: undis run [options]\n"
            "       undis run               (no options: the main job, see below)\n"
            "       undis trace [options]   (the same as undis run --trace 4)\n"
            "       undis run --driver SO[:ROLE] --in FILE [--events SPEC] [--out FILE]\n"
            "                               host a whole driver (ROLE: filter or protocol)\n"
            "                               built as a shared object (docs/host.md):\n"
            "                               both paths, events\n"
            "                               such as 50:pause,60:restart,70:link-down,\n"
            "                               80:link-up,90:oid-stats mid-stream, the frames\n"
            "                               that reach the wire written to --out\n"
            "         [--ioctl [after-attach:|after-traffic:|after-pause:]CODE[:HEX]]...\n"
            "         [--device NAME]       send I/O controls to the driver's control device\n");
    fprintf(out, "       undis run --replay FILE --driver SO[:filter] [-q]\n"
                 "                               replay a scenario (an `undis fuzz` finding)\n"
                 "       undis run --fail-each-site --driver SO[:filter] [--scenario FILE]\n"
                 "                               fail each allocation site once (docs/fuzzing.md)\n"
                 "\n"
                 "Runs the frames of a capture through driver-style data-path stages: each frame\n"
                 "becomes a NET_BUFFER_LIST from a receive pool with backfill, indicated in\n"
                 "batches chained as a miniport's receive indication chains them; every stage\n"
                 "sees them as a filter's send path does; the frames that come out are written\n"
                 "to --out; every buffer is completed back and freed; a report follows.\n"
                 "Without --stage the frames go straight to the miniport: a check that the\n"
                 "capture reads and every frame comes back intact (and a copy, with --out).\n"
                 "\n");
    fprintf(out, "options:\n"
                 "  --in FILE           capture to read: pcap (us or ns) or pcapng; - is stdin.\n"
                 "                      Link types: Ethernet; Linux SLL and SLL2, raw IPv4/IPv6,\n"
                 "                      NULL/LOOP (an Ethernet header is made and the original\n"
                 "                      restored on the way out); 802.11 and radiotap (data\n"
                 "                      frames as a native Wi-Fi miniport indicates them, other\n"
                 "                      frames counted and skipped)\n"
                 "  --out FILE          write the frames that come out here, each with its\n"
                 "                      timestamp, lengths and (pcapng) interface, comment and\n"
                 "                      direction flags; pcapng when FILE ends in .pcapng, else\n"
                 "                      pcap; - is stdout (the report then goes to stderr). The\n"
                 "                      file is written beside FILE and renamed at the end; the\n"
                 "                      input itself is refused\n"
                 "  --out-format F      pcap or pcapng, whatever the name\n"
                 "  --stage NAME[:ARGS] add a stage (repeatable, in order); NAME is a built-in\n"
                 "                      stage or the path of a shared object (./x.so) exporting\n"
                 "                      UndisStageEntry (docs/undis-command.md)\n"
                 "  --batch N           NBLs per receive indication (default 32, 1-4096)\n"
                 "  --direction D       send (default): down the stages' send path; receive:\n"
                 "                      up their receive path, bottom stage first (stages\n"
                 "                      without receive handlers are bypassed)\n"
                 "  --backfill N        bytes of receive-buffer backfill before each frame\n"
                 "                      (default 32: vlan-tag fits, vxlan-encap's retreat has to\n"
                 "                      allocate; 0-65536)\n"
                 "  --buffer N          bytes of frame per receive buffer (default: the largest\n"
                 "                      frame of the capture, at least 1514)\n"
                 "  --mtu N             frames longer (TCP ones) go as one large send with the\n"
                 "                      LSO V2 info, MSS from the capture (default 1500)\n"
                 "  --runts P           frames under 60 bytes: pass (default; a stage may\n"
                 "                      reject them for being short, counted), drop, or fail\n"
                 "  --reshape SEED      give every NET_BUFFER an adversarial MDL chain (random\n"
                 "                      splits, zero-length MDLs, data in a later MDL, slack),\n"
                 "                      deterministic for SEED\n"
                 "  --faults SPEC       inject allocation failures while packets flow; SPEC is a\n"
                 "                      comma list of rate=PPM (each allocation fails with\n"
                 "                      probability PPM/1e6), seed=S, nth=N (the Nth allocation\n"
                 "                      fails), map=N (the Nth MDL mapping fails). A packet a\n"
                 "                      fault drops is counted; nothing may leak.\n"
                 "  --verify LEVEL      verifier level 0-3 (default 2; reported as unavailable\n"
                 "                      in builds without the verifier)\n"
                 "  --trace N           print the picture of each NET_BUFFER of the first N\n"
                 "                      packets after every stage (MDLs, unused space, data,\n"
                 "                      slack, CurrentMdl) and its first 32 bytes in hex\n"
                 "  --expect-identical  check every frame out equals its frame in (failing\n"
                 "                      the run otherwise); on in the main job\n"
                 "  --json              print the report as JSON (machine-readable)\n"
                 "  -q, --quiet         print no report (errors still go to stderr)\n"
                 "  --progress, --no-progress  progress bar on stderr (default: when stderr\n"
                 "                      is a terminal and the input is over 8 MiB)\n"
                 "  -h, --help          this text\n"
                 "\n"
                 "built-in stages:\n");
    stages_list(out);
    fprintf(out, "\n"
                 "main job: `undis run` with no options runs the bundled sample capture\n"
                 "(share/undis/sample.pcap beside the executable, made by `undis gen`) through\n"
                 "  vlan-tag:100 vxlan-encap vxlan-decap vlan-untag\n"
                 "checks that every frame comes out identical to the one that went in, and prints\n"
                 "the report. Options given after `--main-job` change it (e.g. --reshape 7).\n"
                 "\n"
                 "exit status: 0 success; 1 the run finished but something is wrong (a\n"
                 "mismatch, a frame rejected or changed, a broken structure, a verifier finding,\n"
                 "objects outstanding at the end); 2 the run could not be done: bad options,\n"
                 "stage, input or output (with --json, an \"error\" object says which).\n");
}

static int
parse_u64(const char *s, unsigned long long max, unsigned long long *v)
{
    char *end;
    unsigned long long x;
    if (s == NULL || *s < '0' || *s > '9') {
        return -1;
    }
    errno = 0;
    x = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0' || x > max) {
        return -1;
    }
    *v = x;
    return 0;
}

static int
parse_fault_item(struct run_opts *o, const char *item, size_t len)
{
    char name[16];
    const char *eq = memchr(item, '=', len);
    unsigned long long v;
    char value[32];
    size_t nlen = eq != NULL ? (size_t)(eq - item) : 0;
    size_t vlen = eq != NULL ? len - nlen - 1 : 0;
    if (eq == NULL || nlen >= sizeof(name) || vlen >= sizeof(value)) {
        return -1;
    }
    memcpy(name, item, nlen);
    name[nlen] = '\0';
    memcpy(value, eq + 1, vlen);
    value[vlen] = '\0';
    if (parse_u64(value, ~0ULL, &v) != 0) {
        return -1;
    }
    if (strcmp(name, "rate") == 0 && v <= 1000000) {
        o->fault_rate = (unsigned)v;
    } else if (strcmp(name, "seed") == 0) {
        o->fault_seed = v;
    } else if (strcmp(name, "nth") == 0) {
        o->fault_nth = v;
    } else if (strcmp(name, "map") == 0) {
        o->fault_map_nth = v;
    } else {
        return -1;
    }
    return 0;
}

static int
parse_faults(struct run_opts *o, const char *spec)
{
    const char *p = spec;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (parse_fault_item(o, p, len) != 0) {
            return -1;
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    o->faults = 1;
    return 0;
}

static struct run g_run; /* large; one run per process */

static int bad_option(const char *fmt, ...) UNDIS_TOOL_PRINTF(1, 2);

static int
bad_option(const char *fmt, ...)
{
    va_list ap;
    char text[400];
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    fprintf(stderr, "undis run: %s\n(see `undis run --help`)\n", text);
    run_error(&g_run, "usage", 0, "%s", text);
    if (g_run.o.json) {
        report_error_json(&g_run, stdout);
    }
    return 2;
}

static int
parse_more(struct run_opts *o, const char *opt, const char *val)
{
    unsigned long long v;
    if (strcmp(opt, "--out-format") == 0) {
        if (strcmp(val, "pcap") != 0 && strcmp(val, "pcapng") != 0) {
            return bad_option("--out-format must be pcap or pcapng, not '%s'", val);
        }
        o->out_pcapng = strcmp(val, "pcapng") == 0;
    } else if (strcmp(opt, "--buffer") == 0) {
        if (parse_u64(val, RUN_BUFFER_MAX, &v) != 0 || v < 64) {
            return bad_option("--buffer must be 64 to %u, not '%s'", (unsigned)RUN_BUFFER_MAX, val);
        }
        o->buffer = (unsigned)v;
    } else if (strcmp(opt, "--mtu") == 0) {
        if (parse_u64(val, 65535, &v) != 0 || v < 576) {
            return bad_option("--mtu must be 576 to 65535, not '%s'", val);
        }
        o->mtu = (unsigned)v;
    } else if (strcmp(opt, "--runts") == 0) {
        if (strcmp(val, "pass") == 0) {
            o->runts = RUNTS_PASS;
        } else if (strcmp(val, "drop") == 0) {
            o->runts = RUNTS_DROP;
        } else if (strcmp(val, "fail") == 0) {
            o->runts = RUNTS_FAIL;
        } else {
            return bad_option("--runts must be pass, drop or fail, not '%s'", val);
        }
    } else {
        return bad_option("unknown option '%s'", opt);
    }
    return 0;
}

/* One option with its value at argv[*i + 1]. 0 ok, else an exit status. */
static int
parse_valued(struct run_opts *o, const char *opt, const char *val)
{
    unsigned long long v;
    if (val == NULL) {
        return bad_option("option %s needs a value", opt);
    }
    if (strcmp(opt, "--in") == 0) {
        o->in = val;
    } else if (strcmp(opt, "--out") == 0) {
        o->out = val;
    } else if (strcmp(opt, "--stage") == 0) {
        if (o->nstages >= RUN_MAX_STAGES) {
            return bad_option("at most 32 stages (%s)", val);
        }
        o->stage_spec[o->nstages++] = val;
    } else if (strcmp(opt, "--direction") == 0) {
        if (strcmp(val, "send") != 0 && strcmp(val, "receive") != 0) {
            return bad_option("--direction must be send or receive, not '%s'", val);
        }
        o->receive = strcmp(val, "receive") == 0;
    } else if (strcmp(opt, "--batch") == 0) {
        if (parse_u64(val, 4096, &v) != 0 || v == 0) {
            return bad_option("--batch must be 1 to 4096, not '%s'", val);
        }
        o->batch = (unsigned)v;
    } else if (strcmp(opt, "--backfill") == 0) {
        if (parse_u64(val, 65536, &v) != 0) {
            return bad_option("--backfill must be 0 to 65536, not '%s'", val);
        }
        o->backfill = (unsigned)v;
    } else if (strcmp(opt, "--reshape") == 0) {
        if (parse_u64(val, ~0ULL, &v) != 0) {
            return bad_option("--reshape needs a numeric SEED, not '%s'", val);
        }
        o->reshape = 1;
        o->reshape_seed = v;
    } else if (strcmp(opt, "--faults") == 0) {
        if (parse_faults(o, val) != 0) {
            return bad_option("--faults '%s': expected rate=PPM,seed=S,nth=N,map=N", val);
        }
    } else if (strcmp(opt, "--verify") == 0) {
        if (parse_u64(val, 3, &v) != 0) {
            return bad_option("--verify must be 0 to 3, not '%s'", val);
        }
        o->verify_level = (int)v;
    } else if (strcmp(opt, "--trace") == 0) {
        if (parse_u64(val, ~0ULL, &v) != 0) {
            return bad_option("--trace needs a packet count, not '%s'", val);
        }
        o->trace = v;
    } else {
        return parse_more(o, opt, val);
    }
    return 0;
}

static int
is_valued(const char *opt)
{
    static const char *const valued[] = { "--in",        "--out",      "--stage",      "--batch",
                                          "--direction", "--backfill", "--reshape",    "--faults",
                                          "--verify",    "--trace",    "--out-format", "--buffer",
                                          "--mtu",       "--runts" };
    for (size_t i = 0; i < sizeof(valued) / sizeof(valued[0]); i++) {
        if (strcmp(opt, valued[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
parse_args(struct run_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            undis_tool_run_usage(stdout);
            return -1;
        } else if (strcmp(a, "--json") == 0) {
            o->json = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--expect-identical") == 0) {
            o->compare = 1;
        } else if (strcmp(a, "--main-job") == 0) {
            o->main_job = 1;
        } else if (strcmp(a, "--progress") == 0) {
            o->progress = 1;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else if (is_valued(a)) {
            rc = parse_valued(o, a, i + 1 < argc ? argv[i + 1] : NULL);
            if (rc != 0) {
                return rc;
            }
            i++;
        } else {
            return bad_option("unknown option '%s'", a);
        }
    }
    return 0;
}

static int
file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        fclose(f);
        return 1;
    }
    return 0;
}

/* The directory of the running executable into dir (with its trailing
 * separator); 0, or -1 when the system does not say. */
static int
exe_dir(char *dir, size_t len)
{
    char *cut;
#if defined(_WIN32)
    DWORD n = GetModuleFileNameA(NULL, dir, (DWORD)len);
    if (n == 0 || n >= len) {
        return -1;
    }
    cut = strrchr(dir, '\\');
#elif defined(__APPLE__)
    uint32_t n = (uint32_t)len;
    if (_NSGetExecutablePath(dir, &n) != 0) {
        return -1;
    }
    cut = strrchr(dir, '/');
#else
    ssize_t n = readlink("/proc/self/exe", dir, len - 1);
    if (n <= 0) {
        return -1;
    }
    dir[n] = '\0';
    cut = strrchr(dir, '/');
#endif
    if (cut == NULL) {
        return -1;
    }
    cut[1] = '\0';
    return 0;
}

/* The bundled sample: share/undis/sample.pcap beside the executable (the
 * build tree) or in ../share/undis (installed). 0 with path set, else -1. */
static int
find_sample(char *path, size_t len)
{
    static const char *const rel[] = { "share/undis/sample.pcap", "../share/undis/sample.pcap" };
    char dir[2048];
    if (exe_dir(dir, sizeof(dir)) != 0) {
        return -1;
    }
    for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
        snprintf(path, len, "%s%s", dir, rel[i]);
        if (file_exists(path)) {
            return 0;
        }
    }
    return -1;
}

/* The main job's input and stages. 0, or 2 when no sample can be had. */
static int
main_job_setup(struct run *r, char *sample, size_t sample_len, char *tmp, size_t tmp_len)
{
    r->o.main_job = 1;
    r->o.compare = 1;
    if (r->o.nstages == 0) {
        for (size_t i = 0; i < sizeof(g_main_job_stages) / sizeof(g_main_job_stages[0]); i++) {
            r->o.stage_spec[r->o.nstages++] = g_main_job_stages[i];
        }
    }
    if (r->o.in != NULL) {
        return 0;
    }
    if (find_sample(sample, sample_len) == 0) {
        r->o.in = sample;
        return 0;
    }
    snprintf(tmp, tmp_len, "undis-sample-%ld.pcap", (long)time(NULL));
    fprintf(stderr,
            "undis: the bundled sample (share/undis/sample.pcap beside undis) is not there; "
            "generating the same capture (undis gen --seed %llu --count %lu) as %s\n",
            UNDIS_GEN_DEFAULT_SEED, UNDIS_GEN_DEFAULT_COUNT, tmp);
    if (undis_tool_gen_write(tmp, UNDIS_GEN_DEFAULT_SEED, UNDIS_GEN_DEFAULT_COUNT, 1) != 0) {
        tmp[0] = '\0';
        return 2;
    }
    r->o.in = tmp;
    return 0;
}

int
undis_tool_run(int argc, char **argv, int main_job, int trace)
{
    struct run *r = &g_run;
    char tmp[64], sample[2100];
    int rc;
    memset(r, 0, sizeof(*r));
    r->o.batch = 32;
    r->o.backfill = 32;
    r->o.verify_level = 2;
    r->o.progress = -1;
    r->o.out_pcapng = -1;
    r->o.mtu = 1500;
    r->o.trace = trace ? 4 : 0;
    for (int i = 1; i < argc; i++) {
        r->o.json |= strcmp(argv[i], "--json") == 0;
    }
    rc = parse_args(&r->o, argc, argv);
    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    tmp[0] = '\0';
    if ((main_job || r->o.main_job) &&
        main_job_setup(r, sample, sizeof(sample), tmp, sizeof(tmp)) != 0) {
        return 2;
    }
    if (r->o.in == NULL) {
        return bad_option("%s", "--in FILE is needed (or no options at all for the main job)");
    }
    rc = run_execute(r);
    if (tmp[0] != '\0') {
        remove(tmp);
    }
    return rc;
}
