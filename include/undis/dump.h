/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/dump.h>: a compact text picture of a NET_BUFFER_LIST, its
 * NET_BUFFERs and their MDL chains, for traces, test failures and bug
 * reports. It reads only, never changes anything, never maps an MDL and
 * survives broken structures (cycles, a CurrentMdl outside the chain, data
 * past the chain): what it cannot show it names.
 *
 * One NET_BUFFER looks like this (unused space '.', data '#', slack '~'):
 *
 *   NB 0x55d0c0a0 DataOffset 32 DataLength 1064 CurrentMdl #1+2 MDLs 3 (1100 bytes)
 *     #0 MDL 0x55d0c2f0   30 bytes [..............] unused 30               {retreat}
 *     #1 MDL 0x55d0c400  100 bytes [##############] unused 2, data 98   <- CurrentMdl+2
 *     #2 MDL 0x55d0c800  970 bytes [############~~] data 966, slack 4
 *
 * "unused" is the space before DataOffset (backfill), "data" the
 * DataLength bytes, "slack" what the chain holds after them. The text in
 * braces comes from the caller's mark hook (see undis_dump_mark_fn): the
 * verifier will use it to say which MDLs a retreat allocated, and with
 * which handler; `undis run` uses it to label the MDLs it reshaped.
 *
 * Threads: any; the objects must not change during the call.
 */
#ifndef UNDIS_DUMP_H
#define UNDIS_DUMP_H

#include <stddef.h>
#include <stdio.h>

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * undis_dump_mark_fn - the caller's say about one MDL of a dump.
 * @param ctx    the mark_ctx of the options.
 * @param nb     the NET_BUFFER being dumped.
 * @param mdl    one MDL of its chain.
 * @param tag    where to write a short label (e.g. "retreat:default"),
 *               NUL-terminated; tag_len bytes (at least 1) are available.
 * @return non-zero when a label was written (it is shown in braces), 0 to
 *         leave the MDL unlabelled.
 * The hook must not change the NET_BUFFER or the MDL.
 */
typedef int
undis_dump_mark_fn(void *ctx, const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len);

/* Flags of undis_dump_opts. */
#define UNDIS_DUMP_NO_ADDRESSES 0x1u /* leave pointers out (stable text for tests) */
#define UNDIS_DUMP_NO_BARS      0x2u /* leave the [..##~~] pictures out */
#define UNDIS_DUMP_DATA_PREVIEW 0x4u /* hex of the first data bytes, from mapped MDLs only */

/** Options of a dump; a NULL options pointer means all zero. */
typedef struct undis_dump_opts {
    unsigned flags;           /* UNDIS_DUMP_* */
    unsigned max_mdls;        /* MDLs shown per NB before "..."; 0 means 64 */
    const char *indent;       /* prefix of every line; NULL means "" */
    undis_dump_mark_fn *mark; /* optional MDL labels */
    void *mark_ctx;
} undis_dump_opts;

/**
 * undis_nb_dump - write the picture of one NET_BUFFER into buf.
 * @param buf, len  the caller's buffer; the text is always NUL-terminated
 *                  when len > 0 and cut short when it does not fit.
 * @return the length the whole picture has (as snprintf does: a result >=
 *         len means it was cut). buf may be NULL when len is 0.
 * pre: nb is non-NULL. Any MDL it reaches is readable as an MDL.
 */
size_t undis_nb_dump(const NET_BUFFER *nb, const undis_dump_opts *opts, char *buf, size_t len);

/**
 * undis_nbl_dump - the same for a NET_BUFFER_LIST: one header line (its
 * address, NB count, Status, Flags) then each NET_BUFFER's picture,
 * indented. NET_BUFFERs after the 1024th, or past a loop in the Next links,
 * are not shown ("..." says so).
 */
size_t
undis_nbl_dump(const NET_BUFFER_LIST *nbl, const undis_dump_opts *opts, char *buf, size_t len);

/**
 * undis_nb_dump_file / undis_nbl_dump_file - the same pictures written to a
 * stdio stream (whole, never cut).
 * Nothing is allocated.
 * @return 0, or -1 when a write failed (see ferror(out)).
 */
int undis_nb_dump_file(const NET_BUFFER *nb, const undis_dump_opts *opts, FILE *out);
int undis_nbl_dump_file(const NET_BUFFER_LIST *nbl, const undis_dump_opts *opts, FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_DUMP_H */
