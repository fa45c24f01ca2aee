/* SPDX-License-Identifier: MIT */
/*
 * tests/support/conformance_fixture.h: the fixture of the conformance
 * tests (tests/test_conformance*.c): the starting NBs of vectors 3-8 and
 * 15-16, and the recording handlers: H (rec_alloc) hands out MDLs over
 * static slots, F (rec_free) only records, so nothing is released twice.
 * Each call records *BufferSize on entry, the MDL and the watched NB's
 * state at that moment. Process globals; not thread-safe.
 */
#ifndef UNDIS_TEST_SUPPORT_CONFORMANCE_FIXTURE_H
#define UNDIS_TEST_SUPPORT_CONFORMANCE_FIXTURE_H

#include <ndis.h>

#include "support/nb_bytes.h"

#define MAX_CALLS  8
#define SLOT_BYTES 512

/* H hands out these (static, never freed); F only records. */
struct slot {
    struct tmdl t;
    UCHAR buf[SLOT_BYTES];
};

struct rec_state {
    const NET_BUFFER *watch; /* NB whose state each call snapshots */
    ULONG enlarge_to;        /* H raises *BufferSize to this; 0: exact */
    int fail;                /* H returns NULL */
    int allocs;
    ULONG asked[MAX_CALLS]; /* *BufferSize on entry to H */
    PMDL given[MAX_CALLS];
    NET_BUFFER seen_at_alloc[MAX_CALLS];
    int frees;
    PMDL freed[MAX_CALLS];
    NET_BUFFER seen_at_free[MAX_CALLS];
    struct slot slots[MAX_CALLS];
};

/* What H and F did since the last rec_reset. */
extern struct rec_state g;

/* Forgets every call, watches `watch` (may be NULL), clears the fault
 * schedule. */
void rec_reset(const NET_BUFFER *watch);

NET_BUFFER_ALLOCATE_MDL rec_alloc;
NET_BUFFER_FREE_MDL rec_free;

/* The A(100) -> B(1000) start of vectors 3-8. */
struct v3 {
    UCHAR a_buf[100];
    UCHAR b_buf[1000];
    struct tmdl ta, tb;
    PMDL a, b;
    NET_BUFFER nb;
};

/* {A(100)->B(1000); 120; 900; B@20}: the data are B[20 .. 920); watched. */
void v3_setup(struct v3 *s);

/* The start of vectors 15 and 16: {A(100)->B(100); 90; 110; A@90} with
 * va(A) % 16 == 0, so that va(A) + 90 == 2 (mod 4). */
struct v15 {
    _Alignas(16) UCHAR a_buf[100];
    _Alignas(16) UCHAR b_buf[100];
    UCHAR storage[128];
    struct tmdl ta, tb;
    PMDL a, b;
    NET_BUFFER nb;
    NET_BUFFER nb_before;
};

/* {A(100)->B(100); off; len; A@cur_off} (checked), nb_before a copy of it,
 * storage filled with 0xEE. */
void v15_setup(struct v15 *s, ULONG off, ULONG len, ULONG cur_off);

#endif /* UNDIS_TEST_SUPPORT_CONFORMANCE_FIXTURE_H */
