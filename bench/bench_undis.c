/* SPDX-License-Identifier: MIT */
/*
 * bench_undis.c: undis's side of the suite (perf-anchors 6.1), through the
 * public NDIS API only, as a driver would call it.
 *
 * The packet pool: an NBL pool with fAllocateNetBuffer and DataSize =
 * 2048 + 128 (the DPDK mbuf data room: 2048 + RTE_PKTMBUF_HEADROOM), so one
 * NdisAllocateNetBufferList returns NBL + NB + MDL + data.
 */
#define _GNU_SOURCE
#include "bench.h"
#include "bench_os.h"
#include "bench_spsc.h"

#include <ndis.h>
#include <undis/verifier.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_SIZE   2176u /* 2048 + 128 */
#define PKT_LEN     64u   /* the packet in B5-B9 */
#define HDR_LEN     14u   /* an Ethernet header */
#define READ_LEN    34u   /* Ethernet + IPv4 header */
#define B6_BACKFILL 32u   /* DataBackFill of the no-headroom retreat */
#define BURST       32u

static NDIS_HANDLE
nbl_pool(BOOLEAN alloc_nb, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE h;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    p.fAllocateNetBuffer = alloc_nb;
    p.PoolTag = 0x68636E42u; /* "Bnch" */
    p.DataSize = data_size;
    h = NdisAllocateNetBufferListPool(NULL, &p);
    if (h == NULL) {
        bench_die("NdisAllocateNetBufferListPool failed");
    }
    return h;
}

static NET_BUFFER_LIST *
alloc_nbl(NDIS_HANDLE pool)
{
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    if (nbl == NULL) {
        bench_die("NdisAllocateNetBufferList failed");
    }
    return nbl;
}

/* A fresh pool NB made to hold a PKT_LEN-byte packet at the end of its data
 * (DataSize - PKT_LEN bytes of headroom). */
static void
make_packet(NET_BUFFER *nb)
{
    if (NdisRetreatNetBufferDataStart(nb, PKT_LEN, 0, NULL) != NDIS_STATUS_SUCCESS) {
        bench_die("retreat failed");
    }
}

struct st {
    NDIS_HANDLE pool;
    int pool_shared; /* pool outlives this state (B11) */
    NDIS_HANDLE pool2;
    NET_BUFFER_LIST *nbl;
    NET_BUFFER_LIST *nbl2;
    PMDL mdl[2];
    void *mem[2];
    /* two-thread variants */
    struct bench_spsc *q;
    uint64_t n;
    unsigned burst;
    _Atomic int ready;
    _Atomic int go;
    _Atomic int done;
};

static void *
st_new(void)
{
    struct st *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        bench_die("out of memory");
    }
    return s;
}

static void *
setup_pool(void)
{
    struct st *s = st_new();
    s->pool = nbl_pool(TRUE, DATA_SIZE);
    return s;
}

static void
teardown(void *state)
{
    struct st *s = state;
    if (s->nbl2 != NULL) {
        NdisFreeNetBufferList(s->nbl2);
    }
    if (s->nbl != NULL) {
        NdisFreeNetBufferList(s->nbl);
    }
    for (int i = 0; i < 2; i++) {
        if (s->mdl[i] != NULL) {
            IoFreeMdl(s->mdl[i]);
        }
        free(s->mem[i]);
    }
    if (s->pool2 != NULL) {
        NdisFreeNetBufferListPool(s->pool2);
    }
    if (s->pool != NULL && !s->pool_shared) {
        NdisFreeNetBufferListPool(s->pool);
    }
    bench_os_aligned_free(s->q);
    free(s);
}

/* ---- B1 ---------------------------------------------------------------- */

static uint64_t
run_b1(void *state, uint64_t iters)
{
    struct st *s = state;
    NDIS_HANDLE pool = s->pool;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        BENCH_KEEP(nbl);
        NdisFreeNetBufferList(nbl);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b1 = { "B1",   "undis", "NdisAllocateNetBufferList + Free",
                                         1,      1,       setup_pool,
                                         run_b1, teardown };

/* ---- B2 ---------------------------------------------------------------- */

static uint64_t
run_b2(void *state, uint64_t iters)
{
    struct st *s = state;
    NDIS_HANDLE pool = s->pool;
    NET_BUFFER_LIST *v[BURST];
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        for (unsigned k = 0; k < BURST; k++) {
            v[k] = NdisAllocateNetBufferList(pool, 0, 0);
        }
        BENCH_KEEP(v);
        for (unsigned k = 0; k < BURST; k++) {
            NdisFreeNetBufferList(v[k]);
        }
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b2 = { "B2",   "undis", "32 x alloc, 32 x free",
                                         1,      BURST,   setup_pool,
                                         run_b2, teardown };
static const struct bench_variant b2b = { "B2b",  "undis", "32 x alloc, 32 x free (no bulk API)",
                                          1,      BURST,   setup_pool,
                                          run_b2, teardown };

/* ---- B3: alloc here, free on the helper thread ------------------------- */

static void *
setup_b3(void)
{
    struct st *s = setup_pool();
    s->q = bench_os_aligned_alloc(64, sizeof(*s->q));
    if (s->q == NULL) {
        bench_die("out of memory");
    }
    return s;
}

#define UNDIS_CROSS_ALLOC(s) ((void *)alloc_nbl((s)->pool))
#define UNDIS_CROSS_FREE(p)  NdisFreeNetBufferList((NET_BUFFER_LIST *)(p))
BENCH_CROSS_FUNCS(cross, struct st, UNDIS_CROSS_ALLOC, UNDIS_CROSS_FREE)

static uint64_t
run_b3(void *state, uint64_t iters)
{
    return cross_run(state, iters, 1);
}

static const struct bench_variant b3 = { "B3",   "undis", "alloc on A, SPSC, free on B",
                                         2,      1,       setup_b3,
                                         run_b3, teardown };

/* B3c: the same with the hand-off in bursts of 32 (one publish per burst,
 * as a chain of NBLs is handed over in one call): the ring's per-item
 * cache-line round trip leaves the figure, the objects' own remain. */
static uint64_t
run_b3c(void *state, uint64_t iters)
{
    return cross_run(state, iters, BURST);
}

static const struct bench_variant b3c = { "B3c",   "undis", "alloc on A, bursts of 32, free on B",
                                          2,       BURST,   setup_b3,
                                          run_b3c, teardown };

/* ---- B4: both threads alloc/free locally -------------------------------- */

static void
b4_other(void *arg)
{
    struct st *s = arg;
    atomic_store(&s->ready, 1);
    while (!atomic_load_explicit(&s->go, memory_order_acquire)) {
    }
    (void)run_b1(s, s->n);
    atomic_store_explicit(&s->done, 1, memory_order_release);
}

static uint64_t
run_b4(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0;
    s->n = iters;
    atomic_store(&s->ready, 0);
    atomic_store(&s->go, 0);
    atomic_store(&s->done, 0);
    bench_helper_start(b4_other, s);
    while (!atomic_load(&s->ready)) {
    }
    t0 = bench_now_ns();
    atomic_store_explicit(&s->go, 1, memory_order_release);
    (void)run_b1(s, iters);
    while (!atomic_load_explicit(&s->done, memory_order_acquire)) {
    }
    t0 = bench_now_ns() - t0;
    bench_helper_wait();
    return t0;
}

static const struct bench_variant b4 = { "B4",   "undis", "B1 on two threads at once",
                                         2,      1,       setup_pool,
                                         run_b4, teardown };

/* ---- B5: retreat + advance with headroom -------------------------------- */

static void *
setup_packet(void)
{
    struct st *s = setup_pool();
    s->nbl = alloc_nbl(s->pool);
    make_packet(NET_BUFFER_LIST_FIRST_NB(s->nbl));
    return s;
}

static uint64_t
run_b5(void *state, uint64_t iters)
{
    struct st *s = state;
    NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(s->nbl);
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NDIS_STATUS st = NdisRetreatNetBufferDataStart(nb, HDR_LEN, 0, NULL);
        BENCH_KEEP(st);
        NdisAdvanceNetBufferDataStart(nb, HDR_LEN, FALSE, NULL);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b5 = { "B5",   "undis", "NdisRetreat 14 + NdisAdvance 14",
                                         1,      1,       setup_packet,
                                         run_b5, teardown };

/* ---- B6: retreat without headroom + advance that frees the MDL ---------- */

static void *
setup_b6(void)
{
    struct st *s = setup_packet();
    NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(s->nbl);
    /* Use the whole headroom: DataOffset 0, the next retreat allocates. */
    if (NdisRetreatNetBufferDataStart(nb, NET_BUFFER_DATA_OFFSET(nb), 0, NULL) !=
        NDIS_STATUS_SUCCESS) {
        bench_die("retreat failed");
    }
    return s;
}

static uint64_t
run_b6(void *state, uint64_t iters)
{
    struct st *s = state;
    NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(s->nbl);
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NDIS_STATUS st = NdisRetreatNetBufferDataStart(nb, HDR_LEN, B6_BACKFILL, NULL);
        BENCH_KEEP(st);
        NdisAdvanceNetBufferDataStart(nb, HDR_LEN, TRUE, NULL);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b6 = {
    "B6",   "undis", "retreat 14 (default NetAllocateMdl) + advance FreeMdl", 1, 1, setup_b6,
    run_b6, teardown
};

static PMDL
malloc_allocate_mdl(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    SIZE_T header = (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 15) & ~(SIZE_T)15;
    char *p = malloc(header + size);
    PMDL mdl = (PMDL)(void *)p;
    if (p == NULL) {
        return NULL;
    }
    MmInitializeMdl(mdl, p + header, size);
    MmBuildMdlForNonPagedPool(mdl);
    return mdl;
}

static VOID
malloc_free_mdl(PMDL Mdl)
{
    free(Mdl);
}

static uint64_t
run_b6m(void *state, uint64_t iters)
{
    struct st *s = state;
    NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(s->nbl);
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NDIS_STATUS st =
            NdisRetreatNetBufferDataStart(nb, HDR_LEN, B6_BACKFILL, malloc_allocate_mdl);
        BENCH_KEEP(st);
        NdisAdvanceNetBufferDataStart(nb, HDR_LEN, TRUE, malloc_free_mdl);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b6m = {
    "B6m",   "undis", "retreat 14 + advance FreeMdl, malloc handlers", 1, 1, setup_b6,
    run_b6m, teardown
};

/* ---- B7: NdisGetDataBuffer ---------------------------------------------- */

static uint64_t
run_b7(void *state, uint64_t iters)
{
    struct st *s = state;
    NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(s->nbl);
    UCHAR storage[64];
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        PUCHAR p = NdisGetDataBuffer(nb, READ_LEN, storage, 1, 0);
        BENCH_KEEP(p);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b7c = { "B7c",  "undis", "NdisGetDataBuffer 34, contiguous",
                                          1,      1,       setup_packet,
                                          run_b7, teardown };

/* The packet in two MDLs: 20 bytes, then 2000. */
static void *
setup_b7s(void)
{
    struct st *s = st_new();
    static const ULONG len[2] = { 20, 2000 };
    s->pool = nbl_pool(TRUE, 0);
    for (int i = 0; i < 2; i++) {
        s->mem[i] = calloc(1, len[i]);
        if (s->mem[i] == NULL) {
            bench_die("out of memory");
        }
        s->mdl[i] = IoAllocateMdl(s->mem[i], len[i], FALSE, FALSE, NULL);
        if (s->mdl[i] == NULL) {
            bench_die("IoAllocateMdl failed");
        }
        MmBuildMdlForNonPagedPool(s->mdl[i]);
    }
    s->mdl[0]->Next = s->mdl[1];
    s->nbl = NdisAllocateNetBufferAndNetBufferList(s->pool, 0, 0, s->mdl[0], 0, 2020);
    if (s->nbl == NULL) {
        bench_die("NdisAllocateNetBufferAndNetBufferList failed");
    }
    return s;
}

static const struct bench_variant b7s = { "B7s",  "undis", "NdisGetDataBuffer 34, spanning",
                                          1,      1,       setup_b7s,
                                          run_b7, teardown };

/* ---- B8: clone ----------------------------------------------------------- */

static void *
setup_b8(void)
{
    struct st *s = setup_packet();
    s->pool2 = nbl_pool(TRUE, 0);
    return s;
}

static uint64_t
run_b8(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NET_BUFFER_LIST *c = NdisAllocateCloneNetBufferList(s->nbl, s->pool2, NULL, 0);
        if (c == NULL) {
            bench_die("NdisAllocateCloneNetBufferList failed");
        }
        NdisFreeCloneNetBufferList(c, 0);
    }
    return bench_now_ns() - t0;
}

static uint64_t
run_b8o(void *state, uint64_t iters)
{
    struct st *s = state;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NET_BUFFER_LIST *c = NdisAllocateCloneNetBufferList(s->nbl, s->pool2, NULL,
                                                            NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
        if (c == NULL) {
            bench_die("NdisAllocateCloneNetBufferList failed");
        }
        NdisFreeCloneNetBufferList(c, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b8 = { "B8",   "undis", "NdisAllocateClone (flags 0) + Free",
                                         1,      1,       setup_b8,
                                         run_b8, teardown };
static const struct bench_variant b8o = { "B8o",   "undis", "clone + free, USE_ORIGINAL_MDLS",
                                          1,       1,       setup_b8,
                                          run_b8o, teardown };

/* ---- B9: lifecycle --------------------------------------------------------- */

static const UCHAR g_payload[PKT_LEN] = { 0x45, 0x00, 0x00, 0x40 };
static const UCHAR g_eth[HDR_LEN] = { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00 };

static uint64_t
run_b9(void *state, uint64_t iters)
{
    struct st *s = state;
    NDIS_HANDLE pool = s->pool;
    UCHAR storage[64];
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        NET_BUFFER *nb = NET_BUFFER_LIST_FIRST_NB(nbl);
        PUCHAR p;
        /* Fill: a 64-byte packet after 128 bytes of headroom, as a receive
         * path sets the NB up after DMA (wireguard-nt does the same). */
        NET_BUFFER_DATA_OFFSET(nb) = 128;
        NET_BUFFER_CURRENT_MDL_OFFSET(nb) = 128;
        NET_BUFFER_DATA_LENGTH(nb) = PKT_LEN;
        p = NdisGetDataBuffer(nb, PKT_LEN, NULL, 1, 0);
        memcpy(p, g_payload, PKT_LEN);
        (void)NdisRetreatNetBufferDataStart(nb, HDR_LEN, 0, NULL);
        p = NdisGetDataBuffer(nb, HDR_LEN, NULL, 1, 0);
        memcpy(p, g_eth, HDR_LEN);
        p = NdisGetDataBuffer(nb, READ_LEN, storage, 1, 0);
        BENCH_KEEP(p[READ_LEN - 1]);
        NdisAdvanceNetBufferDataStart(nb, HDR_LEN, FALSE, NULL);
        NdisFreeNetBufferList(nbl);
    }
    return bench_now_ns() - t0;
}

static const struct bench_variant b9 = {
    "B9", "undis", "alloc, fill, retreat, read, advance, free", 1, 1, setup_pool, run_b9, teardown
};

/* ---- B11: B1 and B5 under the verifier ------------------------------------ */

/* Each variant sets its verifier level around its own setup, run and
 * teardown and puts the previous level back, so that the rows measured
 * interleaved with it run at level 0. The level change is outside the timed
 * loop. */
#define B11_VARIANT(name, base, lvl, setup_fn, label)                              \
    static void *setup_##name(void)                                                \
    {                                                                              \
        int prev = undis_verifier_set_level(lvl);                                  \
        void *st = setup_fn();                                                     \
        (void)undis_verifier_set_level(prev);                                      \
        return st;                                                                 \
    }                                                                              \
    static uint64_t run_##name(void *state, uint64_t iters)                        \
    {                                                                              \
        int prev = undis_verifier_set_level(lvl);                                  \
        uint64_t ns = run_##base(state, iters);                                    \
        (void)undis_verifier_set_level(prev);                                      \
        return ns;                                                                 \
    }                                                                              \
    static void teardown_##name(void *state)                                       \
    {                                                                              \
        int prev = undis_verifier_set_level(lvl);                                  \
        teardown(state);                                                           \
        (void)undis_verifier_set_level(prev);                                      \
    }                                                                              \
    static const struct bench_variant name = { #name, "undis",      label,      1, \
                                               1,     setup_##name, run_##name, teardown_##name }

/* Levels 0 and 1 of B1 allocate from one pool, kept for the whole process:
 * the same objects at the same addresses, so that the ratio shows the
 * verifier and not where two pools' objects happen to lie (which alone
 * moves B1 by ~1 ns between pools). Level 2 quarantines objects and keeps a
 * pool of its own. */
static void *
setup_b11_pool(void)
{
    static NDIS_HANDLE shared;
    struct st *s = st_new();
    if (shared == NULL) {
        shared = nbl_pool(TRUE, DATA_SIZE);
    }
    s->pool = shared;
    s->pool_shared = 1;
    return s;
}

B11_VARIANT(B1v0, b1, 0, setup_b11_pool, "B1, verifier level 0");
B11_VARIANT(B1v1, b1, 1, setup_b11_pool, "B1, verifier level 1");
B11_VARIANT(B1v2, b1, 2, setup_pool, "B1, verifier level 2");
B11_VARIANT(B5v0, b5, 0, setup_packet, "B5, verifier level 0");
B11_VARIANT(B5v1, b5, 1, setup_packet, "B5, verifier level 1");
B11_VARIANT(B5v2, b5, 2, setup_packet, "B5, verifier level 2");

const struct bench_variant *const bench_undis_variants[] = {
    &b1, &b2,  &b2b, &b3,   &b3c,  &b4,   &b5,   &b6,   &b6m,  &b7c, &b7s,
    &b8, &b8o, &b9,  &B1v0, &B1v1, &B1v2, &B5v0, &B5v1, &B5v2, NULL
};

/* ---- memory report --------------------------------------------------------- */

void
bench_undis_memory_report(void)
{
    NDIS_HANDLE pool = nbl_pool(TRUE, DATA_SIZE);
    NET_BUFFER_LIST *v[8];
    uintptr_t stride = 0;
    NET_BUFFER *nb;
    PUCHAR data;
    size_t pub, per_packet, overhead;
    for (int i = 0; i < 8; i++) {
        v[i] = alloc_nbl(pool);
    }
    /* Objects are carved back to back in a slab: the smallest positive
     * distance between two NBLs is the pool object's size. */
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
            uintptr_t a = (uintptr_t)v[i], b = (uintptr_t)v[j];
            if (b > a && (stride == 0 || b - a < stride)) {
                stride = b - a;
            }
        }
    }
    nb = NET_BUFFER_LIST_FIRST_NB(v[0]);
    data = MmGetSystemAddressForMdlSafe(nb->MdlChain, NormalPagePriority);
    pub = sizeof(NET_BUFFER_LIST) + sizeof(NET_BUFFER) + MmSizeOfMdl(data, DATA_SIZE);
    per_packet = stride + sizeof(void *); /* + the depot slot */
    overhead = per_packet - DATA_SIZE;
    printf("MEMORY pool NBL+NB+MDL+data, DataSize %u, ContextSize 0 (%zu-bit pointers)\n",
           DATA_SIZE, sizeof(void *) * 8);
    printf("MEMORY public layout: NET_BUFFER_LIST %zu + NET_BUFFER %zu + MDL %zu (+ PFN array for "
           "the data: MmSizeOfMdl %zu) = %zu bytes\n",
           sizeof(NET_BUFFER_LIST), sizeof(NET_BUFFER), sizeof(MDL),
           (size_t)MmSizeOfMdl(data, DATA_SIZE), pub);
    printf(
        "MEMORY pool object %zu bytes (measured stride) + depot slot %zu = %zu bytes per packet; "
        "minus data %u = %zu bytes of descriptors\n",
        (size_t)stride, sizeof(void *), per_packet, DATA_SIZE, overhead);
    printf("MEMORY overhead beyond the public layout: %zu bytes (hidden header 16, depot slot 8, "
           "worst-case PFN slot, alignment); goal <= 64: %s\n",
           overhead - pub, overhead - pub <= 64 ? "MET" : "MISSED");
    for (int i = 0; i < 8; i++) {
        NdisFreeNetBufferList(v[i]);
    }
    NdisFreeNetBufferListPool(pool);
}
