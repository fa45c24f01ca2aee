/* SPDX-License-Identifier: MIT */
/*
 * capfile.h: undis's own reader and writer of capture files, pcap (microsecond
 * and nanosecond) and pcapng, so that every frame keeps what it had: wire
 * length and capture length, the timestamp to the nanosecond, the snapshot
 * length, and for pcapng the interface, the comment and the direction flags.
 *
 * Why our own: libpcap 1.10 reads pcapng but hands over neither comments nor
 * EPB flags, always writes pcap, and rounds to microseconds unless asked;
 * Wireshark's libwiretap writes pcapng but is GPL, which would make the
 * distributed `undis` GPL. The formats are small (docs/undis-command.md).
 *
 * Threading: a reader or writer belongs to one thread. IRQL: user mode only.
 */
#ifndef UNDIS_TOOL_CAPFILE_H
#define UNDIS_TOOL_CAPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CAP_MAX_IFACES  64
#define CAP_MAX_CAPLEN  (1u << 20) /* larger records are taken as damage */
#define CAP_COMMENT_MAX 256

/* The EPB flags word: bits 0-1 direction (1 inbound, 2 outbound). */
#define CAP_FLAG_DIR_MASK 0x3u

struct cap_iface {
    uint32_t linktype; /* LINKTYPE_* value as stored in the file */
    uint32_t snaplen;  /* 0: none given */
    uint64_t units;    /* timestamp units per second (1e6 for pcap us) */
    char name[64];
};

struct cap_rec {
    uint64_t ts_ns; /* nanoseconds since 1970 */
    uint32_t caplen;
    uint32_t wirelen;
    uint32_t iface; /* index into the reader's ifaces (0 for pcap) */
    uint32_t flags; /* EPB flags, when has_flags */
    int has_flags;
    const char *comment; /* NUL-terminated, or NULL; valid until the next read */
    const uint8_t *data; /* caplen bytes; valid until the next read */
};

struct cap_reader {
    FILE *f;
    int own_file;
    int pcapng;
    int swap;
    int shb_pending; /* pcapng: the first block's type word is already read */
    int nano;        /* timestamps finer than microseconds */
    struct cap_iface iface[CAP_MAX_IFACES];
    uint32_t nifaces;
    uint32_t section_base; /* first interface of the current pcapng section */
    uint64_t number;       /* records read so far */
    long size;             /* bytes in the file, -1 unknown (a pipe) */
    uint8_t *buf;
    size_t bufcap;
    char comment[CAP_COMMENT_MAX];
    char error[256];
};

/* Opens path ("-" for stdin) and reads the file header (and pcapng's first
 * interfaces). 0 on success; -1 with r->error set (no path in it) and
 * nothing left open. */
int cap_open(struct cap_reader *r, const char *path);

/* Next record: 1 with *rec filled, 0 at a clean end, -1 damage with
 * r->error set ("packet N: ..."). */
int cap_read(struct cap_reader *r, struct cap_rec *rec);

/* Offset reached in the file, for progress; -1 when unknown. */
long cap_tell(const struct cap_reader *r);

/* Frees the reader's buffers and closes its file. Safe after a failed open. */
void cap_close(struct cap_reader *r);

/* Largest snapshot length over the interfaces (0: none given). */
uint32_t cap_snaplen(const struct cap_reader *r);

struct cap_writer {
    FILE *f;
    int pcapng;
    int nano;
    uint32_t linktype; /* pcap: the one link type */
    uint32_t snaplen;
    uint32_t written_ifaces;       /* pcapng: IDBs written so far */
    uint32_t snap[CAP_MAX_IFACES]; /* snapshot length written (pcap: [0]) */
    uint32_t max_caplen[CAP_MAX_IFACES];
    long snap_at[CAP_MAX_IFACES]; /* where that snapshot length is, -1 unknown */
    uint64_t records;
    int failed; /* a write failed (errno in err) */
    int err;
};

/* Starts a capture on an open stream: pcap when !pcapng (nanosecond magic
 * when nano), else a pcapng section header. 0 on success, -1 on a write
 * error (w->err). The stream stays the caller's. */
int cap_write_begin(
    struct cap_writer *w, FILE *f, int pcapng, int nano, uint32_t linktype, uint32_t snaplen);

/* Writes one record. ifaces: the interfaces it may refer to (pcapng writes
 * each one's IDB before its first use). 0 on success, -1 when the write
 * failed (w->failed, w->err). */
int cap_write(struct cap_writer *w, const struct cap_iface *ifaces, const struct cap_rec *rec);

/* Flushes; on a seekable stream first raises every snapshot length that a
 * record written exceeded (a stage made a frame longer), so readers never
 * cut a frame. 0 when every write succeeded. */
int cap_write_end(struct cap_writer *w);

#endif /* UNDIS_TOOL_CAPFILE_H */
