/* SPDX-License-Identifier: MIT */
/*
 * run_ioctl.c: the --ioctl option of `undis run --driver`. Each
 * `--ioctl [WHEN:]CODE[:HEX]` is an I/O control with code CODE (decimal or
 * 0x hex) and input bytes HEX (pairs of hex digits, may be empty), sent at
 * WHEN (after-attach, after-traffic, the default, or after-pause) to the
 * device `--device NAME` names, or else to the first device the hosted
 * driver created. The output buffer is 4096 bytes; the status and the
 * bytes returned are printed in hex, 32 a line.
 */
#include "run_ioctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUN_IOCTL_OUT_MAX    4096u
#define RUN_IOCTL_TIMEOUT_MS 1000u

static const char *const k_when[] = { "after-attach", "after-traffic", "after-pause" };

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* HEX into io->in; 0, or 2 after a message. */
static int
parse_hex(struct run_ioctl *io, const char *hex, const char *spec)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > RUN_IOCTL_IN_MAX) {
        fprintf(stderr,
                "undis run --ioctl '%s': the input must be pairs of hex digits, at most "
                "%u bytes\n",
                spec, RUN_IOCTL_IN_MAX);
        return 2;
    }
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_digit(hex[i]);
        int lo = hex_digit(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "undis run --ioctl '%s': '%c%c' is not a hex byte\n", spec, hex[i],
                    hex[i + 1]);
            return 2;
        }
        io->in[i / 2] = (unsigned char)(hi * 16 + lo);
    }
    io->in_length = (ULONG)(n / 2);
    return 0;
}

/* A WHEN: prefix, if the spec starts with one; returns what follows it. */
static const char *
parse_when(struct run_ioctl *io, const char *spec)
{
    io->when = RUN_IOCTL_AFTER_TRAFFIC;
    for (unsigned i = 0; i < sizeof(k_when) / sizeof(k_when[0]); i++) {
        size_t n = strlen(k_when[i]);
        if (strncmp(spec, k_when[i], n) == 0 && spec[n] == ':') {
            io->when = (run_ioctl_when)i;
            return spec + n + 1;
        }
    }
    return spec;
}

int
run_ioctl_parse(struct run_ioctls *ioctls, const char *spec)
{
    struct run_ioctl *io;
    const char *code;
    char *end = NULL;
    unsigned long value;
    if (ioctls->count == RUN_IOCTL_MAX) {
        fprintf(stderr, "undis run: at most %d --ioctl options\n", RUN_IOCTL_MAX);
        return 2;
    }
    io = &ioctls->list[ioctls->count];
    memset(io, 0, sizeof(*io));
    code = parse_when(io, spec);
    value = strtoul(code, &end, 0);
    if (end == code || (*end != '\0' && *end != ':') || value > 0xffffffffUL) {
        fprintf(stderr,
                "undis run --ioctl '%s': expected [after-attach:|after-traffic:|"
                "after-pause:]CODE[:HEX], CODE a number (0x... for hex)\n",
                spec);
        return 2;
    }
    io->code = (ULONG)value;
    if (*end == ':' && parse_hex(io, end + 1, spec) != 0) {
        return 2;
    }
    ioctls->count++;
    return 0;
}

static void
print_bytes(const unsigned char *bytes, ULONG length)
{
    for (ULONG i = 0; i < length; i++) {
        printf("%s%02x", i % 32 == 0 ? "\n    " : (i % 4 == 0 ? " " : ""), bytes[i]);
    }
    printf("\n");
}

static void
send_one(undis_host_file *file, const struct run_ioctl *io, const char *device)
{
    static unsigned char out[RUN_IOCTL_OUT_MAX];
    ULONG bytes = 0;
    NTSTATUS status = undis_host_device_ioctl(file, io->code, io->in, io->in_length, out,
                                              RUN_IOCTL_OUT_MAX, &bytes, RUN_IOCTL_TIMEOUT_MS);
    printf("  ioctl 0x%08lx %s on %s (%lu bytes in): status 0x%08lx, %lu bytes out",
           (unsigned long)io->code, k_when[io->when], device, (unsigned long)io->in_length,
           (unsigned long)status, (unsigned long)bytes);
    if (bytes != 0) {
        printf(":");
        print_bytes(out, bytes);
    } else {
        printf("\n");
    }
}

int
run_ioctl_send(undis_host *host, const struct run_ioctls *ioctls, run_ioctl_when when)
{
    const char *device = ioctls->device;
    undis_host_file *file = NULL;
    NTSTATUS status;
    unsigned i;
    for (i = 0; i < ioctls->count && ioctls->list[i].when != when; i++) {
    }
    if (i == ioctls->count) {
        return 0;
    }
    if (device == NULL && (device = undis_host_device_at(host, 0)) == NULL) {
        fprintf(stderr, "undis run --ioctl: the driver created no device\n");
        return 2;
    }
    status = undis_host_device_open(host, device, &file);
    if (status != STATUS_SUCCESS) {
        fprintf(stderr, "undis run --ioctl: cannot open %s (0x%08lx)\n", device,
                (unsigned long)status);
        return 2;
    }
    for (; i < ioctls->count; i++) {
        if (ioctls->list[i].when == when) {
            send_one(file, &ioctls->list[i], device);
        }
    }
    undis_host_device_close(file);
    return 0;
}
