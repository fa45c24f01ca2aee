/* SPDX-License-Identifier: MIT */
/*
 * tests/support/derived_orig.h: the original NBL of the derived-NBL tests
 * (tests/test_derived*.c) and the checks of what is derived from it.
 *
 * The original NBL describes slices of one test-owned arena through MDLs
 * in test storage, so every library allocation shows in
 * undis_alloc_outstanding(). A derived NB is compared with its source byte
 * by byte *by address* (check_shares). Every check fails the current case.
 */
#ifndef UNDIS_TEST_SUPPORT_DERIVED_ORIG_H
#define UNDIS_TEST_SUPPORT_DERIVED_ORIG_H

#include <stddef.h>

#include <ndis.h>

#include "support/checks.h"
#include "test.h"

#define ARENA_SIZE 4096
#define MAX_MDLS   16
#define MAX_NBS    6
#define MAX_BYTES  1024
#define TEST_TAG   0x74736554u

/* The original NBL and everything it stands on. */
struct orig {
    PUCHAR arena;
    ULONG arena_used;
    struct tmdl m[MAX_MDLS];
    int nm;
    NDIS_HANDLE nbl_pool; /* fAllocateNetBuffer, ProtocolId 0 */
    NDIS_HANDLE nb_pool;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb[MAX_NBS];
    int nnb;
};

/* Pools with tag TEST_TAG; fail the case if refused. */
NDIS_HANDLE nbl_pool_make(BOOLEAN alloc_nb, USHORT ctx, ULONG data, UCHAR protocol_id);
NDIS_HANDLE nb_pool_make(ULONG data);

/* An empty original: the arena filled with a pattern, its two pools. */
void orig_init(struct orig *o);

/* A chain of mapped MDLs over fresh arena slices (8 guard bytes apart). */
PMDL orig_chain(struct orig *o, const ULONG *sizes, int count);

/* Appends an NB over chain (the NBL's own NB first). */
NET_BUFFER *orig_add_nb(struct orig *o, PMDL chain, ULONG offset, ULONG length);

/*
 * The standard original: three NBs.
 *   NB0: [10][0][50][30], DataOffset 25 (CurrentMdl = the third MDL at 15),
 *        DataLength 60, 5 unused bytes after the data.
 *   NB1: [100], DataOffset 0, DataLength 100.
 *   NB2: [7][33][64], DataOffset 7 (on a boundary: the second MDL at 0),
 *        DataLength 90, 7 unused bytes after the data.
 */
void orig_standard(struct orig *o);

/* Frees the original's NBs, NBL, pools and arena. */
void orig_free(struct orig *o);

/* Every used byte of d from d_pos on (len bytes) is the very byte of src at
 * src_pos on: same address, so same contents, shared. */
void
check_shares(const NET_BUFFER *d, ULONG d_pos, const NET_BUFFER *src, ULONG src_pos, ULONG len);

/* Whether m is one of the original's MDLs. */
int is_orig_mdl(const struct orig *o, const MDL *m);

/* The chain from `from` on: new partial MDLs (none of the original's), no
 * zero-length ones; returns the bytes they describe. */
ULONG check_partial_mdls(const struct orig *o, PMDL from);

/* The structure checker accepts the NBL (its rule and reason printed if not). */
void check_nbl_ok(const NET_BUFFER_LIST *nbl);

/* The number of NBs in the NBL. */
ULONG nb_count(const NET_BUFFER_LIST *nbl);

/* Fills every info slot with a distinct value (low nibble of slot 7 too). */
void info_fill(NET_BUFFER_LIST *nbl, ULONG_PTR base);

/* Whether slot is one of list[0 .. count). */
int in_list(int slot, const int *list, size_t count);

/* Info slots of a derived NBL: exactly `copied` come from src, every other
 * one is as allocation leaves it (0, the protocol-id slot's low byte being
 * the pool's ProtocolId). */
void check_info_copied(const NET_BUFFER_LIST *d,
                       const NET_BUFFER_LIST *src,
                       const int *copied,
                       size_t count,
                       UCHAR pool_protocol_id);

#endif /* UNDIS_TEST_SUPPORT_DERIVED_ORIG_H */
