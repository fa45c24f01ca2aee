/*
 * test_stress.c - the pools under several threads at once (issue 3, "What
 * it must show"): four threads allocate from SHARED pools and hand what they
 * allocated to the next thread through a small queue; the receiving thread
 * checks it, works on it and frees it. A processor is a thread in undis, so
 * this is the DISPATCH_LEVEL pattern of NDIS: allocate on one processor,
 * complete and free on another.
 *
 * Every run is bounded (a fixed number of operations per thread, a few
 * milliseconds natively, well under 2 s under ThreadSanitizer) and every
 * case ends by joining the threads, freeing the pools and checking that
 * undis_alloc_outstanding() is back where it started: nothing leaked, and
 * nothing stayed stranded in a thread's cache.
 *
 * The per-thread randomness is seeded, so the operation sequence of each
 * thread is fixed; only the interleaving varies. Worker threads cannot use
 * CHECK (it longjmps into the main thread), so they use WCHECK (the ring,
 * the queues and the shared pools: tests/support/stress_ring.h), which
 * prints the failed condition and aborts the process.
 *
 * Needs POSIX threads.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include <pthread.h>
#include <sched.h>

#include "support/pools.h"
#include "support/stress_ring.h"

/* ---- a custom NetAllocateMdl / NetFreeMdl pair -------------------------- */

static volatile uint64_t g_custom_live;

/* MDL (with its PFNs) and buffer in one malloc block; sometimes rounds the
 * size up, as a handler may. */
static PMDL
custom_alloc(PULONG BufferSize)
{
    ULONG size = *BufferSize;
    SIZE_T head;
    PMDL mdl;
    if ((size & 1) != 0) {
        size = (size + 7) & ~7u; /* hand back a larger buffer */
    }
    head = (MmSizeOfMdl((PVOID)(ULONG_PTR)0xFFF, size) + 15) & ~(SIZE_T)15;
    mdl = (PMDL)malloc(head + size + 1);
    if (mdl == NULL) {
        return NULL;
    }
    MmInitializeMdl(mdl, (PUCHAR)mdl + head, size);
    if (size != 0) {
        MmBuildMdlForNonPagedPool(mdl);
    } else {
        mdl->MappedSystemVa = (PUCHAR)mdl + head;
        mdl->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;
    }
    *BufferSize = size;
    __atomic_add_fetch(&g_custom_live, 1, __ATOMIC_RELAXED);
    return mdl;
}

static VOID
custom_free(PMDL Mdl)
{
    __atomic_sub_fetch(&g_custom_live, 1, __ATOMIC_RELAXED);
    free(Mdl);
}

/* ---- reading and writing an NB's data --------------------------------- */

static UCHAR
pat(uint32_t seq, ULONG pos)
{
    return (UCHAR)(seq * 131u + pos * 7u + pos / 251u);
}

/* Writes (write != 0) or checks the pattern at data positions [pos, pos+len),
 * walking from CurrentMdl. */
static void
nb_pattern(const NET_BUFFER *nb, ULONG pos, ULONG len, uint32_t seq, ULONG pat_pos, int write)
{
    PMDL m = nb->CurrentMdl;
    ULONG off = nb->CurrentMdlOffset + pos;
    WCHECK(pos + len <= nb->DataLength);
    while (len != 0) {
        PUCHAR va;
        ULONG n, i;
        WCHECK(m != NULL);
        if (off >= m->ByteCount) {
            off -= m->ByteCount;
            m = m->Next;
            continue;
        }
        va = (PUCHAR)MmGetSystemAddressForMdlSafe(m, NormalPagePriority);
        WCHECK(va != NULL);
        n = m->ByteCount - off < len ? m->ByteCount - off : len;
        for (i = 0; i < n; i++) {
            if (write) {
                va[off + i] = pat(seq, pat_pos + i);
            } else {
                WCHECK(va[off + i] == pat(seq, pat_pos + i));
            }
        }
        pat_pos += n;
        len -= n;
        off = 0;
        m = m->Next;
    }
}

/* The two NBs hold the same bytes (a clone and its original). */
static void
nb_same_bytes(NET_BUFFER *a, NET_BUFFER *b)
{
    UCHAR sa[1024], sb[1024];
    PUCHAR pa, pb;
    WCHECK(a->DataLength == b->DataLength);
    if (a->DataLength == 0) {
        return;
    }
    WCHECK(a->DataLength <= sizeof(sa));
    pa = (PUCHAR)NdisGetDataBuffer(a, a->DataLength, sa, 1, 0);
    pb = (PUCHAR)NdisGetDataBuffer(b, b->DataLength, sb, 1, 0);
    WCHECK(pa != NULL && pb != NULL);
    WCHECK(memcmp(pa, pb, a->DataLength) == 0);
}

/* ---- what travels with an NBL ------------------------------------------ */

enum slow_kind { SLOW_NONE, SLOW_DEFAULT, SLOW_CUSTOM };

#define MAX_NBS 3

struct ticket {
    uint32_t seq;
    /* kind A: the pool-data NB */
    ULONG fast, slow;
    enum slow_kind slow_kind;
    /* kind B: caller MDLs, NBL-level retreat */
    ULONG delta;
    enum slow_kind delta_kind;
    int nnb;
    NET_BUFFER *nb[MAX_NBS];
    PMDL mdl[MAX_NBS];
    PUCHAR buf[MAX_NBS];
    ULONG off[MAX_NBS], len[MAX_NBS];
    /* both */
    USHORT pushed; /* context pushed after allocation (0: none) */
    NET_BUFFER_LIST *clone;
    ULONG clone_flags;
    NET_BUFFER_LIST *frag;
    ULONG frag_delta;
};

static struct ticket *
ticket_of(NET_BUFFER_LIST *nbl)
{
    return (struct ticket *)nbl->ProtocolReserved[0];
}

/* Pushes some context and marks it; the receiver checks and pops it. */
static void
context_push(NET_BUFFER_LIST *nbl, struct ticket *t, uint64_t *rng)
{
    static const USHORT sizes[] = { 8, 16, 24, 64 };
    USHORT size = sizes[rnd(rng, 4)];
    USHORT backfill = (USHORT)(rnd(rng, 3) * 8);
    WCHECK(NdisAllocateNetBufferListContext(nbl, size, backfill, TEST_TAG) == NDIS_STATUS_SUCCESS);
    memcpy(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), &t->seq, sizeof(t->seq));
    t->pushed = size;
}

static void
context_pop(NET_BUFFER_LIST *nbl, struct ticket *t)
{
    if (t->pushed != 0) {
        WCHECK(memcmp(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), &t->seq, sizeof(t->seq)) == 0);
        NdisFreeNetBufferListContext(nbl, t->pushed);
        t->pushed = 0;
    }
}

/* Clones the NBL (the parent), the caller's bookkeeping included. */
static void
clone_make(NET_BUFFER_LIST *nbl, struct ticket *t, const struct pools *p, uint64_t *rng)
{
    NET_BUFFER *c, *o;
    int own_pools = rnd(rng, 2) != 0;
    t->clone_flags = rnd(rng, 2) != 0 ? NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS : 0;
    t->clone = NdisAllocateCloneNetBufferList(nbl, own_pools ? p->p2 : NULL,
                                              own_pools ? p->p3 : NULL, t->clone_flags);
    WCHECK(t->clone != NULL);
    WCHECK_NBL(t->clone);
    t->clone->ParentNetBufferList = nbl;
    nbl->ChildRefCount++;
    for (c = t->clone->FirstNetBuffer, o = nbl->FirstNetBuffer; o != NULL;
         c = c->Next, o = o->Next) {
        WCHECK(c != NULL);
        nb_same_bytes(c, o);
    }
}

/* The owner of the parent frees the clone, before the parent. */
static void
clone_free(NET_BUFFER_LIST *nbl, struct ticket *t)
{
    NET_BUFFER *c, *o;
    if (t->clone == NULL) {
        return;
    }
    WCHECK(t->clone->ParentNetBufferList == nbl);
    for (c = t->clone->FirstNetBuffer, o = nbl->FirstNetBuffer; o != NULL;
         c = c->Next, o = o->Next) {
        nb_same_bytes(c, o);
    }
    NdisFreeCloneNetBufferList(t->clone, t->clone_flags);
    nbl->ChildRefCount--;
    WCHECK(nbl->ChildRefCount == 0);
    t->clone = NULL;
}

static ULONG
nbl_data_total(const NET_BUFFER_LIST *nbl, ULONG start)
{
    ULONG total = 0;
    const NET_BUFFER *nb;
    for (nb = nbl->FirstNetBuffer; nb != NULL; nb = nb->Next) {
        total += nb->DataLength > start ? nb->DataLength - start : 0;
    }
    return total;
}

/* Kind A: an NBL of the data pool. Claims `fast` bytes of the pool buffer
 * (fast path), maybe retreats past it (slow path, default or custom
 * handler), writes the pattern, maybe pushes context, maybe clones. */
static NET_BUFFER_LIST *
make_a(const struct pools *p, uint32_t seq, uint64_t *rng)
{
    static const USHORT ctx_sizes[] = { 0, 8, P1_CTX, P1_CTX + 16 };
    struct ticket *t = (struct ticket *)calloc(1, sizeof(*t));
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *nb;
    WCHECK(t != NULL);
    t->seq = seq;
    nbl = NdisAllocateNetBufferList(p->p1, ctx_sizes[rnd(rng, 4)], (USHORT)(rnd(rng, 2) * 16));
    WCHECK(nbl != NULL);
    nbl->ProtocolReserved[0] = t;
    nb = nbl->FirstNetBuffer;
    WCHECK(nb != NULL && nb->DataOffset == P1_DATA && nb->DataLength == 0);

    t->fast = 1 + rnd(rng, P1_DATA);
    t->slow_kind = (enum slow_kind)rnd(rng, 3);
    t->slow = t->slow_kind == SLOW_NONE ? 0 : P1_DATA - t->fast + 1 + rnd(rng, 200);
    WCHECK(NdisRetreatNetBufferDataStart(nb, t->fast, 0, NULL) == NDIS_STATUS_SUCCESS);
    WCHECK(nb->DataOffset == P1_DATA - t->fast && nb->MdlChain->Next == NULL);
    nb_pattern(nb, 0, t->fast, seq, t->slow, 1);
    if (t->slow != 0) {
        PMDL embedded = nb->MdlChain;
        WCHECK(NdisRetreatNetBufferDataStart(nb, t->slow, rnd(rng, 64),
                                             t->slow_kind == SLOW_CUSTOM ? custom_alloc : NULL) ==
               NDIS_STATUS_SUCCESS);
        WCHECK(nb->MdlChain->Next == embedded); /* slow path: a new head MDL */
        nb_pattern(nb, 0, t->slow, seq, 0, 1);
    }
    WCHECK_NBL(nbl);
    if (rnd(rng, 2) != 0) {
        context_push(nbl, t, rng);
    }
    if (rnd(rng, 3) == 0) {
        clone_make(nbl, t, p, rng);
    }
    return nbl;
}

static void
consume_a(NET_BUFFER_LIST *nbl, const struct pools *p, uint64_t *rng)
{
    struct ticket *t = ticket_of(nbl);
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    ULONG extra = 1 + rnd(rng, 300);
    WCHECK(NdisGetPoolFromNetBufferList(nbl) == p->p1);
    WCHECK(nb->DataLength == t->fast + t->slow);
    nb_pattern(nb, 0, t->fast + t->slow, t->seq, 0, 0);
    context_pop(nbl, t);
    clone_free(nbl, t);

    /* The receiver's own header: default handler both ways (fast or slow
     * path, whichever the remaining backfill gives). */
    WCHECK(NdisRetreatNetBufferDataStart(nb, extra, 0, NULL) == NDIS_STATUS_SUCCESS);
    WCHECK_NBL(nbl);
    NdisAdvanceNetBufferDataStart(nb, extra, TRUE, NULL);
    nb_pattern(nb, 0, t->fast + t->slow, t->seq, 0, 0);

    /* Undo the sender's retreats with the matching handlers. */
    if (t->slow != 0) {
        NdisAdvanceNetBufferDataStart(nb, t->slow, TRUE,
                                      t->slow_kind == SLOW_CUSTOM ? custom_free : NULL);
    }
    WCHECK(nb->MdlChain->Next == NULL);
    /* FreeMdl FALSE: in a pool with context the data MDL is not right after
     * the NB (NB, context, MDL, as in Windows), so FreeMdl TRUE would hand
     * it to the free handler once it is wholly unused. */
    NdisAdvanceNetBufferDataStart(nb, t->fast, FALSE, NULL);
    WCHECK(nb->DataOffset == P1_DATA && nb->DataLength == 0);
    WCHECK(nb->MdlChain != NULL);
    WCHECK_NBL(nbl);
    free(t);
    NdisFreeNetBufferList(nbl);
}

/* Kind B: an NBL of the no-data pool over 1-3 caller MDLs (more NBs from
 * the NB pool), retreated as a list, maybe with context, a clone and a
 * fragment list. */
static NET_BUFFER_LIST *
make_b(const struct pools *p, uint32_t seq, uint64_t *rng)
{
    struct ticket *t = (struct ticket *)calloc(1, sizeof(*t));
    NET_BUFFER_LIST *nbl = NULL;
    NET_BUFFER_ALLOCATE_MDL *alloc;
    NET_BUFFER_FREE_MDL *freer;
    int i;
    WCHECK(t != NULL);
    t->seq = seq;
    t->nnb = 1 + (int)rnd(rng, MAX_NBS);
    for (i = 0; i < t->nnb; i++) {
        ULONG size = 32 + rnd(rng, 300);
        t->off[i] = rnd(rng, size / 2);
        t->len[i] = size - t->off[i];
        t->buf[i] = (PUCHAR)malloc(size);
        WCHECK(t->buf[i] != NULL);
        t->mdl[i] = NdisAllocateMdl(NULL, t->buf[i], size);
        WCHECK(t->mdl[i] != NULL);
        if (i == 0) {
            nbl = NdisAllocateNetBufferAndNetBufferList(p->p2, (USHORT)(rnd(rng, 2) * 16), 0,
                                                        t->mdl[0], t->off[0], t->len[0]);
            WCHECK(nbl != NULL);
            t->nb[0] = nbl->FirstNetBuffer;
        } else {
            t->nb[i] = NdisAllocateNetBuffer(p->p3, t->mdl[i], t->off[i], t->len[i]);
            WCHECK(t->nb[i] != NULL);
            t->nb[i - 1]->Next = t->nb[i];
        }
        nb_pattern(t->nb[i], 0, t->len[i], seq + (uint32_t)i, 0, 1);
    }
    nbl->ProtocolReserved[0] = t;

    /* Some NBs have enough backfill (fast path), others not (slow path). */
    t->delta = 1 + rnd(rng, 48);
    t->delta_kind = rnd(rng, 2) != 0 ? SLOW_CUSTOM : SLOW_DEFAULT;
    alloc = t->delta_kind == SLOW_CUSTOM ? custom_alloc : NULL;
    freer = t->delta_kind == SLOW_CUSTOM ? custom_free : NULL;
    WCHECK(NdisRetreatNetBufferListDataStart(nbl, t->delta, rnd(rng, 32), alloc, freer) ==
           NDIS_STATUS_SUCCESS);
    for (i = 0; i < t->nnb; i++) {
        WCHECK(t->nb[i]->DataLength == t->len[i] + t->delta);
        nb_pattern(t->nb[i], 0, t->delta, ~seq, 0, 1);
    }
    WCHECK_NBL(nbl);
    if (rnd(rng, 2) != 0) {
        context_push(nbl, t, rng);
    }
    if (rnd(rng, 3) == 0) {
        clone_make(nbl, t, p, rng);
    }
    if (rnd(rng, 4) == 0) {
        ULONG start = rnd(rng, 16);
        int own_pools = rnd(rng, 2) != 0;
        t->frag_delta = rnd(rng, 2) * 8;
        t->frag = NdisAllocateFragmentNetBufferList(nbl, own_pools ? p->p2 : NULL,
                                                    own_pools ? p->p3 : NULL, start, 48,
                                                    t->frag_delta, 16, 0);
        WCHECK(t->frag != NULL);
        WCHECK_NBL(t->frag);
        WCHECK(nbl_data_total(t->frag, t->frag_delta) == nbl_data_total(nbl, start));
    }
    return nbl;
}

static void
consume_b(NET_BUFFER_LIST *nbl, const struct pools *p, uint64_t *rng)
{
    struct ticket *t = ticket_of(nbl);
    int i;
    WCHECK(NdisGetPoolFromNetBufferList(nbl) == p->p2);
    for (i = 0; i < t->nnb; i++) {
        nb_pattern(t->nb[i], 0, t->delta, ~t->seq, 0, 0);
        nb_pattern(t->nb[i], t->delta, t->len[i], t->seq + (uint32_t)i, 0, 0);
    }
    if (t->frag != NULL) {
        NdisFreeFragmentNetBufferList(t->frag, t->frag_delta, 0);
        t->frag = NULL;
    }
    clone_free(nbl, t);
    context_pop(nbl, t);
    /* A reassembly of our own, freed at once. */
    if (rnd(rng, 4) == 0) {
        NET_BUFFER_LIST *r = NdisAllocateReassembledNetBufferList(nbl, NULL, 0, 8, 8, 0);
        WCHECK(r != NULL);
        WCHECK_NBL(r);
        WCHECK(r->FirstNetBuffer->DataLength == nbl_data_total(nbl, 0) + 8);
        NdisFreeReassembledNetBufferList(r, 8, 0);
    }
    NdisAdvanceNetBufferListDataStart(nbl, t->delta, TRUE,
                                      t->delta_kind == SLOW_CUSTOM ? custom_free : NULL);
    for (i = 0; i < t->nnb; i++) {
        WCHECK(t->nb[i]->MdlChain == t->mdl[i]);
        WCHECK(t->nb[i]->DataOffset == t->off[i] && t->nb[i]->DataLength == t->len[i]);
    }
    WCHECK_NBL(nbl);
    nbl->FirstNetBuffer->Next = NULL;
    for (i = 1; i < t->nnb; i++) {
        NdisFreeNetBuffer(t->nb[i]);
    }
    NdisFreeNetBufferList(nbl);
    for (i = 0; i < t->nnb; i++) {
        NdisFreeMdl(t->mdl[i]);
        free(t->buf[i]);
    }
    free(t);
}

/* ---- stress_cross_thread_free ------------------------------------------ */

static struct msg
produce_plain(struct worker *w, uint32_t seq)
{
    struct msg m;
    switch (rnd(&w->rng, 3)) {
    case 0: {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(w->pools->p1, 0, 0);
        WCHECK(nbl != NULL);
        WCHECK(nbl->FirstNetBuffer->DataOffset == P1_DATA);
        WCHECK(nbl->Context != NULL && nbl->Context->Offset == P1_CTX);
        WCHECK(nbl->Scratch == NULL); /* reset, whoever used it last */
        nbl->Scratch = (PVOID)(ULONG_PTR)(seq + 1);
        m.type = MSG_PLAIN_NBL;
        m.p = nbl;
        break;
    }
    case 1: {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(w->pools->p2, 0, 0);
        WCHECK(nbl != NULL);
        WCHECK(nbl->FirstNetBuffer != NULL && nbl->FirstNetBuffer->MdlChain == NULL);
        WCHECK(nbl->Scratch == NULL);
        nbl->Scratch = (PVOID)(ULONG_PTR)(seq + 1);
        m.type = MSG_PLAIN_NBL;
        m.p = nbl;
        break;
    }
    default: {
        NET_BUFFER *nb = NdisAllocateNetBuffer(w->pools->p3, NULL, 0, 0);
        WCHECK(nb != NULL);
        WCHECK(nb->Next == NULL && nb->MdlChain == NULL && nb->DataLength == 0);
        WCHECK(nb->MiniportReserved[0] == NULL);
        nb->MiniportReserved[0] = (PVOID)(ULONG_PTR)(seq + 1);
        m.type = MSG_PLAIN_NB;
        m.p = nb;
        break;
    }
    }
    return m;
}

static void
consume_plain(struct worker *w, struct msg m)
{
    if (m.type == MSG_PLAIN_NB) {
        NET_BUFFER *nb = (NET_BUFFER *)m.p;
        WCHECK(NdisGetPoolFromNetBuffer(nb) == w->pools->p3);
        NdisFreeNetBuffer(nb);
    } else {
        NET_BUFFER_LIST *nbl = (NET_BUFFER_LIST *)m.p;
        NDIS_HANDLE pool = NdisGetPoolFromNetBufferList(nbl);
        WCHECK(pool == w->pools->p1 || pool == w->pools->p2);
        WCHECK(NdisGetPoolFromNetBuffer(nbl->FirstNetBuffer) == pool);
        NdisFreeNetBufferList(nbl);
    }
}

TEST(stress_cross_thread_free)
{
    struct pools pools;
    unsigned long long base = undis_alloc_outstanding();
    pools_make(&pools);
    run_ring(&pools, 30000, produce_plain, consume_plain);
    pools_free(&pools);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- stress_mixed_ops --------------------------------------------------- */

static struct msg
produce_mixed(struct worker *w, uint32_t seq)
{
    struct msg m;
    if (rnd(&w->rng, 2) == 0) {
        m.type = MSG_NBL_A;
        m.p = make_a(w->pools, seq, &w->rng);
    } else {
        m.type = MSG_NBL_B;
        m.p = make_b(w->pools, seq, &w->rng);
    }
    return m;
}

static void
consume_mixed(struct worker *w, struct msg m)
{
    if (m.type == MSG_NBL_A) {
        consume_a((NET_BUFFER_LIST *)m.p, w->pools, &w->rng);
    } else {
        WCHECK(m.type == MSG_NBL_B);
        consume_b((NET_BUFFER_LIST *)m.p, w->pools, &w->rng);
    }
}

TEST(stress_mixed_ops)
{
    struct pools pools;
    unsigned long long base = undis_alloc_outstanding();
    pools_make(&pools);
    run_ring(&pools, 2000, produce_mixed, consume_mixed);
    pools_free(&pools);
    CHECK_EQ_U64(__atomic_load_n(&g_custom_live, __ATOMIC_RELAXED), 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- stress_thread_exit_returns_cache ----------------------------------- */

#define HOLD 256 /* objects of each pool a thread holds at once */

/* A one-shot barrier (pthread_barrier_t is optional in POSIX). */
struct barrier {
    pthread_mutex_t mu;
    pthread_cond_t all_in;
    int waiting;
};

static void
barrier_wait(struct barrier *b)
{
    pthread_mutex_lock(&b->mu);
    if (--b->waiting == 0) {
        pthread_cond_broadcast(&b->all_in);
    }
    while (b->waiting != 0) {
        pthread_cond_wait(&b->all_in, &b->mu);
    }
    pthread_mutex_unlock(&b->mu);
}

struct hold_arg {
    const struct pools *pools;
    struct barrier *all_hold; /* NULL: no waiting */
    unsigned count;
    /* What the thread got, by pool: compared by address only, after free. */
    void *got[3][THREADS * HOLD];
};

/* Allocates `count` objects of each pool (and default-handler MDLs), waits
 * until every thread holds its objects, frees everything on this thread and
 * returns: the thread exits with objects in its caches. */
static void *
hold_main(void *arg)
{
    struct hold_arg *a = (struct hold_arg *)arg;
    NET_BUFFER_LIST **l1 = (NET_BUFFER_LIST **)a->got[0];
    NET_BUFFER_LIST **l2 = (NET_BUFFER_LIST **)a->got[1];
    NET_BUFFER **n3 = (NET_BUFFER **)a->got[2];
    unsigned i;
    WCHECK(a->count <= THREADS * HOLD);
    for (i = 0; i < a->count; i++) {
        l1[i] = NdisAllocateNetBufferList(a->pools->p1, 0, 0);
        l2[i] = NdisAllocateNetBufferList(a->pools->p2, 0, 0);
        n3[i] = NdisAllocateNetBuffer(a->pools->p3, NULL, 0, 0);
        WCHECK(l1[i] != NULL && l2[i] != NULL && n3[i] != NULL);
        /* A retreat on the empty NB allocates a default MDL, which comes
         * from a per-thread cache too. */
        WCHECK(NdisRetreatNetBufferDataStart(l2[i]->FirstNetBuffer, 1 + i % 300, 0, NULL) ==
               NDIS_STATUS_SUCCESS);
    }
    if (a->all_hold != NULL) {
        barrier_wait(a->all_hold);
    }
    for (i = 0; i < a->count; i++) {
        NdisAdvanceNetBufferDataStart(l2[i]->FirstNetBuffer, 1 + i % 300, TRUE, NULL);
        WCHECK(l2[i]->FirstNetBuffer->MdlChain == NULL);
        NdisFreeNetBufferList(l1[i]);
        NdisFreeNetBufferList(l2[i]);
        NdisFreeNetBuffer(n3[i]);
    }
    return NULL;
}

static int
cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (void *const *)a;
    uintptr_t y = (uintptr_t) * (void *const *)b;
    return x < y ? -1 : x > y;
}

TEST(stress_thread_exit_returns_cache)
{
    static struct hold_arg held[THREADS], again;
    static void *had[THREADS * HOLD];
    struct pools pools;
    struct barrier all_hold;
    pthread_t t[THREADS], t_again;
    unsigned long long base = undis_alloc_outstanding();
    int i, k;
    unsigned j;
    pools_make(&pools);
    CHECK_EQ_INT(pthread_mutex_init(&all_hold.mu, NULL), 0);
    CHECK_EQ_INT(pthread_cond_init(&all_hold.all_in, NULL), 0);
    all_hold.waiting = THREADS;

    /* THREADS * HOLD objects of each pool out at once, then each thread
     * frees its own into its caches and exits. */
    for (i = 0; i < THREADS; i++) {
        memset(&held[i], 0, sizeof(held[i]));
        held[i].pools = &pools;
        held[i].all_hold = &all_hold;
        held[i].count = HOLD;
        CHECK_EQ_INT(pthread_create(&t[i], NULL, hold_main, &held[i]), 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    pthread_cond_destroy(&all_hold.all_in);
    pthread_mutex_destroy(&all_hold.mu);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* A new thread takes as many objects of each pool as were out at once.
     * The pools only have those (plus, at most, never-used ones below them),
     * so it gets exactly the objects the exited threads held, if their
     * caches went back to the pools; objects stranded in a dead thread's
     * cache would force fresh ones. */
    memset(&again, 0, sizeof(again));
    again.pools = &pools;
    again.count = THREADS * HOLD;
    CHECK_EQ_INT(pthread_create(&t_again, NULL, hold_main, &again), 0);
    CHECK_EQ_INT(pthread_join(t_again, NULL), 0);
    for (k = 0; k < 3; k++) {
        for (i = 0; i < THREADS; i++) {
            memcpy(&had[i * HOLD], held[i].got[k], HOLD * sizeof(void *));
        }
        qsort(had, THREADS * HOLD, sizeof(void *), cmp_ptr);
        for (j = 1; j < THREADS * HOLD; j++) {
            CHECK(had[j - 1] != had[j]); /* all were out at once */
        }
        for (j = 0; j < THREADS * HOLD; j++) {
            CHECK_NOT_NULL(bsearch(&again.got[k][j], had, THREADS * HOLD, sizeof(void *), cmp_ptr));
        }
    }

    pools_free(&pools);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- stress_pool_create_free_concurrently ------------------------------- */

static void *
churn_main(void *arg)
{
    const struct pools *shared = (const struct pools *)arg;
    NET_BUFFER_LIST *l[40];
    int round, i;
    for (round = 0; round < 40; round++) {
        NDIS_HANDLE own =
            test_nbl_pool(TRUE, (USHORT)(round % 3 * 16), (ULONG)(round % 2 * 128), 0, TEST_TAG);
        WCHECK(own != NULL);
        for (i = 0; i < 40; i++) {
            l[i] = NdisAllocateNetBufferList(i % 2 ? own : shared->p2, 0, 0);
            WCHECK(l[i] != NULL);
            WCHECK(NdisGetPoolFromNetBufferList(l[i]) == (i % 2 ? own : shared->p2));
        }
        for (i = 0; i < 40; i++) {
            NdisFreeNetBufferList(l[i]);
        }
        NdisFreeNetBufferListPool(own);
    }
    return NULL;
}

TEST(stress_pool_create_free_concurrently)
{
    struct pools pools;
    pthread_t t[THREADS];
    unsigned long long base = undis_alloc_outstanding();
    int i;
    pools_make(&pools);
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, churn_main, &pools), 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    pools_free(&pools);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- stress_pools_beyond_thread_cache_slots ----------------------------- */

/* More pools than undis has per-thread cache slots: the last ones work
 * without per-thread caches (straight from the shared depot). */
#define MANY_POOLS 300
#define LAST_POOLS 8

static NDIS_HANDLE g_many[MANY_POOLS];

static struct msg
produce_last(struct worker *w, uint32_t seq)
{
    struct msg m;
    NDIS_HANDLE pool = g_many[MANY_POOLS - 1 - rnd(&w->rng, LAST_POOLS)];
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    WCHECK(nb != NULL && NdisGetPoolFromNetBuffer(nb) == pool);
    nb->ProtocolReserved[0] = (PVOID)(ULONG_PTR)seq;
    m.type = MSG_PLAIN_NB;
    m.p = nb;
    return m;
}

static void
consume_last(struct worker *w, struct msg m)
{
    UNREFERENCED_PARAMETER(w);
    WCHECK(m.type == MSG_PLAIN_NB);
    NdisFreeNetBuffer((NET_BUFFER *)m.p);
}

TEST(stress_pools_beyond_thread_cache_slots)
{
    unsigned long long base = undis_alloc_outstanding();
    int i;
    for (i = 0; i < MANY_POOLS; i++) {
        g_many[i] = test_nb_pool(0, TEST_TAG);
        CHECK_NOT_NULL(g_many[i]);
    }
    run_ring(NULL, 1000, produce_last, consume_last);
    for (i = 0; i < MANY_POOLS; i++) {
        NdisFreeNetBufferPool(g_many[i]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST_MAIN_BEGIN
TEST_CASE(stress_cross_thread_free)
TEST_CASE(stress_mixed_ops)
TEST_CASE(stress_thread_exit_returns_cache)
TEST_CASE(stress_pool_create_free_concurrently)
TEST_CASE(stress_pools_beyond_thread_cache_slots)
TEST_MAIN_END
