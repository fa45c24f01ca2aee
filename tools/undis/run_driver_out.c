/* SPDX-License-Identifier: MIT */
/*
 * run_driver_out.c: `undis run --driver ... --out FILE`: every frame that
 * reaches undis's miniport (the wire) written as a capture, through the
 * tool's own writer (capfile.c) and safe output (outfile.c: a temporary file
 * beside the target, renamed when the run ends; the input is never the
 * output). The frames are Ethernet; each has the timestamp of the input
 * frame whose send brought it to the wire.
 */
#include "run_driver.h"

#include <string.h>

#define OUT_LINKTYPE_ETHERNET 1u
#define OUT_SNAPLEN           65535u

static int
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

int
driver_out_open(struct driver_out *o, const char *path, const char *in, char *err, size_t n)
{
    int pcapng = ends_with(path, ".pcapng") || ends_with(path, ".ntar");
    memset(o, 0, sizeof(*o));
    if (out_same_file(path, in)) {
        snprintf(err, n, "--out %s is the input capture; it is never overwritten", path);
        return -1;
    }
    if (out_open(&o->file, path, err, n) != 0) {
        return -1;
    }
    if (cap_write_begin(&o->w, o->file.f, pcapng, 1, OUT_LINKTYPE_ETHERNET, OUT_SNAPLEN) != 0) {
        snprintf(err, n, "cannot write %s: %s", path, strerror(o->w.err));
        out_abandon(&o->file);
        return -1;
    }
    o->open = 1;
    return 0;
}

void
driver_out_wire(void *context, const UCHAR *frame, ULONG length)
{
    struct driver_out *o = (struct driver_out *)context;
    struct cap_iface iface;
    struct cap_rec rec;
    if (!o->open) {
        return;
    }
    memset(&iface, 0, sizeof(iface));
    iface.linktype = OUT_LINKTYPE_ETHERNET;
    iface.snaplen = OUT_SNAPLEN;
    iface.units = 1000000000u;
    memset(&rec, 0, sizeof(rec));
    rec.ts_ns = o->ts_ns;
    rec.caplen = length;
    rec.wirelen = length;
    rec.data = frame;
    (void)cap_write(&o->w, &iface, &rec); /* a failure is kept in w and reported at close */
    o->frames++;
}

int
driver_out_close(struct driver_out *o, int keep, char *err, size_t n)
{
    int rc = 0;
    if (!o->open) {
        return 0;
    }
    o->open = 0;
    if (cap_write_end(&o->w) != 0) {
        snprintf(err, n, "writing the output failed: %s", strerror(o->w.err));
        keep = 0;
        rc = -1;
    }
    if (!keep) {
        out_abandon(&o->file);
        return rc;
    }
    return out_commit(&o->file, err, n);
}
