/* SPDX-License-Identifier: MIT */
/*
 * tests/support/arena_chain.h: MDL chains for the NET_BUFFER data tests
 * (tests/test_nb_data*.c). The MDL buffers live in one page-aligned arena,
 * separated by guard bytes so that a copy running past an MDL's end shows
 * up, and page counts are exact. Every check fails the current case.
 */
#ifndef UNDIS_TEST_SUPPORT_ARENA_CHAIN_H
#define UNDIS_TEST_SUPPORT_ARENA_CHAIN_H

#include <ndis.h>

#include "support/mdl_pages.h"
#include "test.h"

#define GUARD     0xCC
#define GAP       16
#define MAX_MDLS  8
#define ARENA_PGS 6

/* An MDL in caller storage, room for four PFNs (buffers up to 3 pages). */
struct test_mdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* An MDL chain over slices of one arena, GAP guard bytes before each slice;
 * slice bytes are a pattern that depends on seed and position. */
struct chain {
    struct page_buf pb;
    struct test_mdl m[MAX_MDLS];
    ULONG size[MAX_MDLS];
    int count;
    ULONG total;
};

/* An MDL in t over [va, va + len). mapped: nonpaged as
 * MmBuildMdlForNonPagedPool leaves it; otherwise flags
 * 0 and no MappedSystemVa, so every use has to map it. */
PMDL mdl_init(struct test_mdl *t, PVOID va, ULONG len, int mapped);

/* Builds the chain over a fresh arena: MDL i of sizes[i] bytes, each
 * slice a pattern of seed and position, mapped or not (see mdl_init). */
PMDL chain_build(struct chain *c, const ULONG *sizes, int count, int mapped, UCHAR seed);

/* Frees the arena. */
void chain_free(struct chain *c);

/* The chain's bytes, concatenated. */
void chain_flat(const struct chain *c, PUCHAR out);

/* Overwrite the chain's bytes from a flat image. */
void chain_load(struct chain *c, const UCHAR *in);

/* The guard bytes in front of every slice and after the last one. */
void chain_check_guards(const struct chain *c);

/* Every MDL of the chain unmapped: flags 0, no MappedSystemVa. */
void chain_set_unmapped(struct chain *c);

/* nb over chain with a data range; CurrentMdl by the NDIS rule. */
void nb_init(NET_BUFFER *nb, PMDL chain, ULONG data_offset, ULONG data_length);

/* The structure checker accepts the NB (its reason printed if not). */
void check_nb_ok(const NET_BUFFER *nb);

/* The buffer of MDL i of the chain. */
PUCHAR va_of(struct chain *c, int i);

#endif /* UNDIS_TEST_SUPPORT_ARENA_CHAIN_H */
