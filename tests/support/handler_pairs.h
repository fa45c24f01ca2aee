/* SPDX-License-Identifier: MIT */
/*
 * tests/support/handler_pairs.h: the fixture of tests/test_handlers.c.
 *
 * Two driver-style NetAllocateMdl / NetFreeMdl pairs keep a table of every
 * MDL they hand out:
 *   pair A: buffer from malloc, MDL from IoAllocateMdl (freed with IoFreeMdl);
 *   pair B: MDL header and buffer in one malloc block.
 * A free handler fails the case when it is given an MDL it did not
 * allocate (the other pair's, or the test's own) or one it already freed.
 *
 * Tracked NBs keep a flat model of their data and a stack of the retreats
 * made on them; nb_push / nb_pop retreat and undo a retreat and check the
 * NB, the handler calls and every byte after each step. Four fixture NBs of
 * different shapes (fx) run long deterministic sequences of them.
 *
 * Process globals; not thread-safe.
 */
#ifndef UNDIS_TEST_SUPPORT_HANDLER_PAIRS_H
#define UNDIS_TEST_SUPPORT_HANDLER_PAIRS_H

#include <ndis.h>

#include "support/nb_bytes.h"

#define DRV_MAX   1024
#define DEPTH_MAX 8
#define MAX_NBS   4

/* ---- the driver-style handler pairs ----------------------------------- */

struct drv_rec {
    PMDL mdl;
    void *block;             /* what free() releases */
    PUCHAR buf;              /* the MDL's buffer */
    ULONG requested;         /* *BufferSize on entry */
    ULONG size;              /* *BufferSize on return (== ByteCount) */
    const NET_BUFFER *owner; /* the NB it was prepended to */
    int frees;
};

struct drv {
    const char *name;
    int one_block;    /* pair B: MDL and buffer in one block */
    ULONG round_to;   /* raise *BufferSize to a multiple of this; 0: exact */
    unsigned fail_on; /* fail this call (1 = first); 0: never */
    unsigned calls;   /* allocate calls, failed ones included */
    unsigned n;       /* MDLs handed out */
    unsigned freed;   /* MDLs freed */
    struct drv_rec rec[DRV_MAX];
};

/* The state of pair A and pair B. */
extern struct drv g_a, g_b;

NET_BUFFER_ALLOCATE_MDL drv_alloc_a;
NET_BUFFER_ALLOCATE_MDL drv_alloc_b;
NET_BUFFER_FREE_MDL drv_free_a;
NET_BUFFER_FREE_MDL drv_free_b;

/* Both pairs back to empty (B one-block), and the fault schedule cleared. */
void drv_reset(void);

/* Every MDL the pair handed out was freed exactly once. */
void drv_expect_all_freed(const struct drv *d);

/* ---- tracked NBs: a flat model and a stack of retreats ------------------ */

struct frame {
    ULONG delta, backfill;
    int slow; /* the retreat allocated an MDL */
    int rec;  /* its index in the pair's table (-1: none or default) */
    NET_BUFFER before;
};

struct tracked {
    NET_BUFFER *nb;
    ULONG len;
    int depth;
    struct frame f[DEPTH_MAX];
    UCHAR model[MAX_DATA];
};

/* A handler pair; d NULL means the library's default pair (NULL handlers). */
struct pair {
    struct drv *d;
    NET_BUFFER_ALLOCATE_MDL *alloc_mdl;
    NET_BUFFER_FREE_MDL *free_mdl;
};

extern const struct pair pair_a, pair_b, pair_default;

/* What the sequences did: slow and fast retreats, peeks, undone retreats. */
struct pair_stats {
    unsigned slow, fast, peeks, pops;
};
extern struct pair_stats g_stats;

/* Retreat t's NB by delta with the pair and check it; the new bytes get a
 * header stamped with `stamp`. */
void nb_push(struct tracked *t, const struct pair *p, ULONG delta, ULONG backfill, UCHAR stamp);

/* Undo the last retreat (FreeMdl advance) and check the NB is as before it. */
void nb_pop(struct tracked *t, const struct pair *p);

/* ---- fixtures: four NBs of different shapes ------------------------------ */

/*
 * nb[0] empty {NULL; 0; 0; NULL@0}            (the XDP allocator pattern)
 * nb[1] {A(256); 40; 200; A@40}
 * nb[2] {A(64)->B(300); 10; 300; A@10}        (data span two MDLs)
 * nb[3] {A(1500); 128; 1000; A@128}
 * In each the first MDL holds the data start, so a FreeMdl advance that
 * undoes a retreat frees only what the retreat allocated.
 */
struct fixtures {
    UCHAR a1[256], a2[64], b2[300], a3[1500];
    struct tmdl ta1, ta2, tb2, ta3;
    NET_BUFFER nb[MAX_NBS];
    NET_BUFFER initial[MAX_NBS];
    struct tracked t[MAX_NBS];
    NET_BUFFER_LIST nbl[2];
};
extern struct fixtures fx;

/* Builds the four NBs, tracks them, resets the pairs and g_stats. */
void fixtures_setup(void);

/* Link nb[first .. first+count) into fx.nbl[which]. */
NET_BUFFER_LIST *fixtures_nbl(int which, int first, int count);

/* Every NB is back at its initial state, bit for bit. */
void fixtures_expect_initial(void);

/* Random nested retreats (push), undoing advances (pop) and non-freeing
 * advance+retreat pairs (peek) on separate NBs; then undo everything. */
void run_nb_sequence(const struct pair *p, ULONG seed, int steps);

/* The same with NBL-wide calls on one or more NBLs, one pair per NBL. */
void run_nbl_sequence(NET_BUFFER_LIST *const *nbls,
                      const int *first,
                      const int *count,
                      const struct pair *const *pairs,
                      int nbl_count,
                      ULONG seed,
                      int steps);
#endif /* UNDIS_TEST_SUPPORT_HANDLER_PAIRS_H */
