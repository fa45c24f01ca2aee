/* SPDX-License-Identifier: MIT */
/*
 * tests/support/nb_bytes.h: NET_BUFFERs over test buffers filled with a
 * pattern, and checks of an NB's fields and bytes (the handler tests,
 * tests/test_handlers*.c). Every check fails the current case at the
 * caller's line.
 */
#ifndef UNDIS_TEST_SUPPORT_NB_BYTES_H
#define UNDIS_TEST_SUPPORT_NB_BYTES_H

#include <ndis.h>

#include "support/checks.h"
#include "test.h"

/* The most data bytes an NB of these tests holds. */
#define MAX_DATA 4096

/* Fills buf with a pattern that depends on seed and the position. */
void pattern(PUCHAR buf, ULONG len, UCHAR seed);

/* A mapped nonpaged MDL in t over buf, which is filled with pattern(seed)
 * (len may be 0). */
PMDL mdl_make(struct tmdl *t, PUCHAR buf, ULONG len, UCHAR seed);

/* Zeroes nb and sets {chain; off; len; cur@cur_off}. */
void nb_set(NET_BUFFER *nb, PMDL chain, ULONG off, ULONG len, PMDL cur, ULONG cur_off);

/* The structure checker accepts the NB / the NBL. */
#define NB_OK(nb)   nb_ok_(__FILE__, __LINE__, (nb))
#define NBL_OK(nbl) nbl_ok_(__FILE__, __LINE__, (nbl))
void nb_ok_(const char *file, int line, const NET_BUFFER *nb);
void nbl_ok_(const char *file, int line, const NET_BUFFER_LIST *nbl);

/* A NULL-terminated list of MDLs, for EXPECT_NB. */
#define CHAIN(...) ((const PMDL[]){ __VA_ARGS__, NULL })

/* The NB is exactly {chain; off; len; cur@cur_off} and passes the checker. */
#define EXPECT_NB(nb, chain, off, len, cur, cur_off) \
    expect_nb_(__FILE__, __LINE__, (nb), (chain), (off), (len), (cur), (cur_off))
void expect_nb_(const char *file,
                int line,
                const NET_BUFFER *nb,
                const PMDL *chain,
                ULONG off,
                ULONG len,
                const MDL *cur,
                ULONG cur_off);

/* Copy `left` bytes from (m, skip), stepping over MDLs the position does
 * not lie in; 0 if the chain ends first. */
int read_chain(const MDL *m, ULONG skip, ULONG left, PUCHAR out);

/* Write len bytes at the data start, through the MDLs' system addresses,
 * as a driver filling in a header does. */
void nb_write(NET_BUFFER *nb, const UCHAR *src, ULONG len);

/* The NB's data are exactly expected[0 .. len), read from the chain head,
 * from CurrentMdl and through NdisGetDataBuffer. */
#define EXPECT_BYTES(nb, expected, len) expect_bytes_(__FILE__, __LINE__, (nb), (expected), (len))
void expect_bytes_(const char *file, int line, NET_BUFFER *nb, const UCHAR *expected, ULONG len);

/* Bytes to expect, built piece by piece with cat(). */
struct bytes {
    UCHAR b[MAX_DATA];
    ULONG n;
};

/* Appends n bytes from p to e (fails the case past MAX_DATA). */
void cat(struct bytes *e, const void *p, ULONG n);

#endif /* UNDIS_TEST_SUPPORT_NB_BYTES_H */
