/* SPDX-License-Identifier: MIT */
/*
 * run_ioctl.h: `undis run --driver ... --ioctl [WHEN:]CODE[:HEX]` (repeatable)
 * and `--device NAME`: I/O controls sent to the hosted driver's control
 * device at chosen points of the run, each printed with its status and the
 * bytes that came back (run_ioctl.c).
 */
#ifndef UNDIS_TOOL_RUN_IOCTL_H
#define UNDIS_TOOL_RUN_IOCTL_H

#include <undis/host.h>

#define RUN_IOCTL_MAX    16
#define RUN_IOCTL_IN_MAX 1024

/* When an I/O control is sent. */
typedef enum run_ioctl_when {
    RUN_IOCTL_AFTER_ATTACH = 0, /* after the attach and the bind OIDs, before any frame */
    RUN_IOCTL_AFTER_TRAFFIC,    /* after the last frame, before the pause (the default) */
    RUN_IOCTL_AFTER_PAUSE       /* paused, before the unload */
} run_ioctl_when;

struct run_ioctl {
    run_ioctl_when when;
    ULONG code;
    ULONG in_length;
    unsigned char in[RUN_IOCTL_IN_MAX];
};

struct run_ioctls {
    unsigned count;
    const char *device; /* --device, or NULL: the first device the driver created */
    struct run_ioctl list[RUN_IOCTL_MAX];
};

/* Parses one --ioctl argument into ioctls. Returns 0, or 2 after printing
 * what is wrong with it. */
int run_ioctl_parse(struct run_ioctls *ioctls, const char *spec);

/* Sends the I/O controls of point `when`, in order, on one handle to the
 * device, and prints each. Returns 0, or 2 after printing why (no device,
 * the open failed). Nothing happens when there is none for `when`. */
int run_ioctl_send(undis_host *host, const struct run_ioctls *ioctls, run_ioctl_when when);

#endif /* UNDIS_TOOL_RUN_IOCTL_H */
