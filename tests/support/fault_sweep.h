/* SPDX-License-Identifier: MIT */
/*
 * tests/support/fault_sweep.h: the allocation-failure sweep of
 * tests/test_fault_sweep*.c and the inputs its cases build.
 *
 * run_sweep, for k = 1, 2, ...: builds the inputs afresh (setup), refuses
 * the k-th allocation of the call (undis_fault_alloc_fail_nth), then checks
 * the documented failure (on_failure) when an allocation was refused or the
 * result (on_success) when none was, frees everything (cleanup) and checks
 * undis_alloc_outstanding() is back where it was. It ends at the first k
 * that passes the number of allocations the call makes, and checks that
 * number. Every check fails the current case.
 */
#ifndef UNDIS_TEST_SUPPORT_FAULT_SWEEP_H
#define UNDIS_TEST_SUPPORT_FAULT_SWEEP_H

#include <ndis.h>

#include "support/checks.h"
#include "test.h"

#define SWEEP_TAG 0x70657753u /* "Swep" */

/* ---- the sweep ------------------------------------------------------------- */

struct sweep {
    void (*setup)(void);      /* build the inputs; no fault is armed */
    int (*call)(void);        /* the call under test: nonzero when it succeeded */
    void (*on_failure)(void); /* check the documented result and inputs */
    void (*on_success)(void); /* check the result */
    void (*cleanup)(void);    /* free the result (if any), the inputs, the pools */
};

/* Runs the sweep; checks that the call makes exactly `allocs` allocations. */
void run_sweep(const struct sweep *s, unsigned long long allocs);

/* ---- helpers ------------------------------------------------------------------ */

/* Revision-1 pools with tag "Swep" (the NBL pool's protocol id TCP/IP);
 * fail the case if refused. */
NDIS_HANDLE sweep_nbl_pool(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size);
NDIS_HANDLE sweep_nb_pool(ULONG data_size);

/* The used bytes of an NB, read from the chain head past DataOffset. */
ULONG nb_read(const NET_BUFFER *nb, PUCHAR out, ULONG max);

/* The number of MDLs in the chain from m. */
ULONG chain_length(const MDL *m);

/* ---- a source NBL: NBs from an NB pool over MDLs over one buffer ----------- */

#define MAX_NB    4
#define MAX_MDL   12
#define SNAP_PFNS 8 /* PFNs of an MDL kept in a snapshot */

struct mdl_snap {
    MDL mdl;
    PFN_NUMBER pfn[SNAP_PFNS];
};

struct nb_spec {
    ULONG mdl_len[4]; /* a 0 ends the list unless it is the first */
    int nmdl;
    ULONG off;
    ULONG len;
};

struct source {
    NDIS_HANDLE nbl_pool;
    NDIS_HANDLE nb_pool;
    PUCHAR buf;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb[MAX_NB];
    int nnb;
    PMDL mdl[MAX_MDL];
    int nmdl;
    /* The snapshot taken after building. */
    NET_BUFFER_LIST snap_nbl;
    NET_BUFFER snap_nb[MAX_NB];
    struct mdl_snap snap_mdl[MAX_MDL];
};

/* Builds an NBL of nnb NBs as spec says, over MDLs over one patterned
 * buffer, with pools of its own, and takes its snapshot. */
void source_build(struct source *s, const struct nb_spec *spec, int nnb);

/* Bit for bit as built: the NBL, each NB, each MDL. */
void source_check_unchanged(const struct source *s);

/* Frees the NBs, MDLs, NBL, pools and buffer. */
void source_free(struct source *s);

/* MDLs in the source chain that hold bytes [skip, skip+len) of the NB's data. */
ULONG mdls_spanned(const NET_BUFFER *nb, ULONG skip, ULONG len);

/* A source of three NBs with multi-MDL chains, a zero-length MDL among them:
 *   NB1 {A(100)->B(200)->C(300); 50; 500; A@50}
 *   NB2 {D(1000); 0; 1000; D@0}
 *   NB3 {E(0)->F(64)->G(64); 0; 100; F@0}                                  */
extern const struct nb_spec k_multi[];
#define K_MULTI_NBS 3

/* The state a sweep case shares between its steps (each test program has
 * one, `g`). */
struct sweep_state {
    struct source src;
    NDIS_HANDLE nbl_pool;
    NDIS_HANDLE nb_pool;
    NET_BUFFER_LIST *nbl; /* the NBL under test (context, NBL retreat) */
    NET_BUFFER *nb;       /* the NB under test (retreat) */
    NET_BUFFER_LIST *result_nbl;
    NET_BUFFER *result_nb;
    PMDL result_mdl;
    PNDIS_GENERIC_OBJECT result_obj;
    NDIS_HANDLE result_pool;
    NDIS_STATUS status;
    ULONG flags;
    ULONG delta;
    ULONG backfill;
    ULONG start;
    ULONG max_len;
    USHORT ctx_size;
    USHORT ctx_backfill;
    int use_internal_pools;
    PNET_BUFFER_LIST_CONTEXT snap_top;
    PNET_BUFFER_LIST_CONTEXT snap_next;
    USHORT snap_size;
    USHORT snap_offset;
    UCHAR expect[4096];
    UCHAR got[4096];
};

#endif /* UNDIS_TEST_SUPPORT_FAULT_SWEEP_H */
