/*
 * test_fault_sweep.c - allocation failure is input (issue 3, item 7).
 *
 * For each public function that allocates, one case runs the sweep:
 *
 *     for k = 1, 2, ...:
 *         build the inputs afresh (new pools, new NBLs, new MDLs)
 *         undis_fault_alloc_fail_nth(k); call; undis_fault_clear()
 *         if an allocation was refused (undis_alloc_failed_count moved):
 *             the call failed with its documented result (NULL or
 *             NDIS_STATUS_RESOURCES) and left its inputs as documented
 *             (the source NBL, NB, MDLs or context bit for bit unchanged)
 *         else:
 *             the call succeeded and its result is right: k passed the
 *             number of allocations the call makes, and the sweep ends
 *         free everything; undis_alloc_outstanding() is back where it was
 *
 * and then checks that the number of allocations the call made is the one
 * the spec implies (so that the sweep really failed each of them in turn).
 * In undis an "allocation" is each object handed out (an NBL or NB from a
 * pool, even from a warm cache, an MDL, a default NetAllocateMdl block, a
 * context block, a generic object); the memory behind pools is bookkeeping
 * and is not failed (<undis/fault.h>), so creating a pool makes none.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#define TAG   0x70657753u /* "Swep" */
#define MAX_K 200

/* ---- the sweep ------------------------------------------------------------- */

struct sweep {
    void (*setup)(void);      /* build the inputs; no fault is armed */
    int (*call)(void);        /* the call under test: nonzero when it succeeded */
    void (*on_failure)(void); /* check the documented result and inputs */
    void (*on_success)(void); /* check the result */
    void (*cleanup)(void);    /* free the result (if any), the inputs, the pools */
};

/* Runs the sweep; checks that the call makes exactly `allocs` allocations. */
static void
run_sweep(const struct sweep *s, unsigned long long allocs)
{
    unsigned long long base = undis_alloc_outstanding();
    unsigned long long failures = 0;
    unsigned long long k;
    for (k = 1; k <= MAX_K; k++) {
        unsigned long long refused;
        int ok, hit;
        undis_fault_clear();
        s->setup();
        refused = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(k);
        ok = s->call();
        undis_fault_clear();
        hit = undis_alloc_failed_count() != refused;
        if (hit) {
            /* The k-th allocation was refused: the call must report it. */
            CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
            if (ok) {
                ut_fail_(__FILE__, __LINE__, "allocation %llu was refused but the call succeeded",
                         k);
            }
            failures++;
            s->on_failure();
        } else {
            if (!ok) {
                ut_fail_(__FILE__, __LINE__, "the call failed at k=%llu with no refusal", k);
            }
            s->on_success();
        }
        s->cleanup();
        CHECK_EQ_U64(undis_alloc_outstanding(), base);
        if (!hit) {
            break;
        }
    }
    CHECK(k <= MAX_K);
    /* k - 1 allocations were made; each of them was failed once. */
    CHECK_EQ_U64(k - 1, allocs);
    CHECK_EQ_U64(failures, allocs);
}

/* ---- helpers ------------------------------------------------------------------ */

#define CHECK_NB_OK(nb)                                                        \
    do {                                                                       \
        char why_[256];                                                        \
        if (undis_nb_check((nb), why_, sizeof(why_)) != UNDIS_CHECK_OK) {      \
            ut_fail_(__FILE__, __LINE__, "undis_nb_check(%s): %s", #nb, why_); \
        }                                                                      \
    } while (0)

#define CHECK_NBL_OK(nbl)                                                        \
    do {                                                                         \
        char why_[256];                                                          \
        if (undis_nbl_check((nbl), why_, sizeof(why_)) != UNDIS_CHECK_OK) {      \
            ut_fail_(__FILE__, __LINE__, "undis_nbl_check(%s): %s", #nbl, why_); \
        }                                                                        \
    } while (0)

static NDIS_HANDLE
nbl_pool_new(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    p.fAllocateNetBuffer = alloc_nb;
    p.ContextSize = context_size;
    p.PoolTag = TAG;
    p.DataSize = data_size;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

static NDIS_HANDLE
nb_pool_new(ULONG data_size)
{
    NET_BUFFER_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.PoolTag = TAG;
    p.DataSize = data_size;
    pool = NdisAllocateNetBufferPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

/* The used bytes of an NB, read from the chain head past DataOffset. */
static ULONG
nb_read(const NET_BUFFER *nb, PUCHAR out, ULONG max)
{
    const MDL *m = nb->MdlChain;
    ULONG skip = nb->DataOffset;
    ULONG left = nb->DataLength;
    ULONG n = 0;
    for (; m != NULL && left != 0; m = m->Next) {
        ULONG take;
        if (skip >= m->ByteCount) {
            skip -= m->ByteCount;
            continue;
        }
        take = m->ByteCount - skip;
        if (take > left) {
            take = left;
        }
        CHECK(n + take <= max);
        memcpy(out + n, (const UCHAR *)MmGetMdlVirtualAddress(m) + skip, take);
        n += take;
        left -= take;
        skip = 0;
    }
    return n;
}

static ULONG
chain_length(const MDL *m)
{
    ULONG n = 0;
    for (; m != NULL; m = m->Next) {
        n++;
    }
    return n;
}

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

static PMDL
mdl_new(PUCHAR va, ULONG len)
{
    PMDL m;
    if (len != 0) {
        m = NdisAllocateMdl(NULL, va, len);
        CHECK_NOT_NULL(m);
    } else {
        m = IoAllocateMdl(va, 0, FALSE, FALSE, NULL);
        CHECK_NOT_NULL(m);
        memset(m + 1, 0, (size_t)m->Size - sizeof(MDL)); /* no PFN to build */
        m->Process = NULL;
        m->MappedSystemVa = va;
        m->MdlFlags = (CSHORT)(m->MdlFlags | MDL_SOURCE_IS_NONPAGED_POOL);
    }
    CHECK((size_t)m->Size <= sizeof(struct mdl_snap));
    return m;
}

/* An MDL's fields and PFNs (not its padding, which nobody initialises). */
static void
check_mdl_same(const MDL *now, const MDL *was)
{
    CHECK_PTR_EQ(now->Next, was->Next);
    CHECK_EQ_INT(now->Size, was->Size);
    CHECK_EQ_INT(now->MdlFlags, was->MdlFlags);
    CHECK_PTR_EQ(now->Process, was->Process);
    CHECK_PTR_EQ(now->MappedSystemVa, was->MappedSystemVa);
    CHECK_PTR_EQ(now->StartVa, was->StartVa);
    CHECK_EQ_U32(now->ByteCount, was->ByteCount);
    CHECK_EQ_U32(now->ByteOffset, was->ByteOffset);
    CHECK_MEM_EQ((const UCHAR *)(now + 1), (const UCHAR *)(was + 1),
                 (size_t)now->Size - sizeof(MDL));
}

static void
source_snapshot(struct source *s)
{
    memcpy(&s->snap_nbl, s->nbl, sizeof(NET_BUFFER_LIST));
    for (int i = 0; i < s->nnb; i++) {
        memcpy(&s->snap_nb[i], s->nb[i], sizeof(NET_BUFFER));
    }
    for (int i = 0; i < s->nmdl; i++) {
        memcpy(&s->snap_mdl[i], s->mdl[i], (size_t)s->mdl[i]->Size);
    }
}

/* Bit for bit as built: the NBL, each NB, each MDL. */
static void
source_check_unchanged(const struct source *s)
{
    CHECK_MEM_EQ(s->nbl, &s->snap_nbl, sizeof(NET_BUFFER_LIST));
    for (int i = 0; i < s->nnb; i++) {
        CHECK_MEM_EQ(s->nb[i], &s->snap_nb[i], sizeof(NET_BUFFER));
        CHECK_NB_OK(s->nb[i]);
    }
    for (int i = 0; i < s->nmdl; i++) {
        check_mdl_same(s->mdl[i], &s->snap_mdl[i].mdl);
    }
}

static void
source_build(struct source *s, const struct nb_spec *spec, int nnb)
{
    ULONG total = 0, at = 0;
    NET_BUFFER **link;
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < nnb; i++) {
        for (int j = 0; j < spec[i].nmdl; j++) {
            total += spec[i].mdl_len[j];
        }
    }
    s->buf = (PUCHAR)malloc(total + 1);
    CHECK_NOT_NULL(s->buf);
    for (ULONG i = 0; i <= total; i++) {
        s->buf[i] = (UCHAR)(i * 7u + i / 251u);
    }
    s->nbl_pool = nbl_pool_new(FALSE, 0, 0);
    s->nb_pool = nb_pool_new(0);
    s->nbl = NdisAllocateNetBufferList(s->nbl_pool, 0, 0);
    CHECK_NOT_NULL(s->nbl);
    s->nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x5151;
    link = &s->nbl->FirstNetBuffer;
    for (int i = 0; i < nnb; i++) {
        PMDL head = NULL, *tail = &head;
        for (int j = 0; j < spec[i].nmdl; j++) {
            PMDL m = mdl_new(s->buf + at, spec[i].mdl_len[j]);
            at += spec[i].mdl_len[j];
            CHECK(s->nmdl < MAX_MDL);
            s->mdl[s->nmdl++] = m;
            *tail = m;
            tail = &m->Next;
        }
        CHECK(s->nnb < MAX_NB);
        s->nb[s->nnb] = NdisAllocateNetBuffer(s->nb_pool, head, spec[i].off, spec[i].len);
        CHECK_NOT_NULL(s->nb[s->nnb]);
        *link = s->nb[s->nnb];
        link = &s->nb[s->nnb]->Next;
        s->nnb++;
    }
    CHECK_NBL_OK(s->nbl);
    source_snapshot(s);
}

static void
source_free(struct source *s)
{
    for (int i = 0; i < s->nnb; i++) {
        NdisFreeNetBuffer(s->nb[i]);
    }
    for (int i = 0; i < s->nmdl; i++) {
        NdisFreeMdl(s->mdl[i]);
    }
    NdisFreeNetBufferList(s->nbl);
    NdisFreeNetBufferPool(s->nb_pool);
    NdisFreeNetBufferListPool(s->nbl_pool);
    free(s->buf);
    memset(s, 0, sizeof(*s));
}

/* MDLs in the source chain that hold bytes [skip, skip+len) of the NB's data. */
static ULONG
mdls_spanned(const NET_BUFFER *nb, ULONG skip, ULONG len)
{
    const MDL *m = nb->MdlChain;
    ULONG pos = nb->DataOffset + skip;
    ULONG n = 0;
    while (m != NULL && pos >= m->ByteCount) {
        pos -= m->ByteCount;
        m = m->Next;
    }
    for (; m != NULL && len != 0; m = m->Next, pos = 0) {
        ULONG piece = m->ByteCount - pos;
        if (piece == 0) {
            continue;
        }
        if (piece > len) {
            piece = len;
        }
        len -= piece;
        n++;
    }
    return n;
}

/* A source of three NBs with multi-MDL chains, a zero-length MDL among them:
 *   NB1 {A(100)->B(200)->C(300); 50; 500; A@50}
 *   NB2 {D(1000); 0; 1000; D@0}
 *   NB3 {E(0)->F(64)->G(64); 0; 100; F@0}                                  */
static const struct nb_spec k_multi[] = {
    { { 100, 200, 300 }, 3, 50, 500 },
    { { 1000 }, 1, 0, 1000 },
    { { 0, 64, 64 }, 3, 0, 100 },
};
#define K_MULTI_NBS 3

/* The shared state of the case that runs. */
static struct {
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
} g;

static void
g_reset(void)
{
    memset(&g, 0, sizeof(g));
}

/* ---- pools ------------------------------------------------------------------- */

static void
setup_nothing(void)
{
    g.result_pool = NULL;
}

static int
call_nbl_pool(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.ContextSize = 32;
    p.DataSize = 1514;
    g.result_pool = NdisAllocateNetBufferListPool(NULL, &p);
    return g.result_pool != NULL;
}

static int
call_nb_pool(void)
{
    NET_BUFFER_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.DataSize = 2048;
    g.result_pool = NdisAllocateNetBufferPool(NULL, &p);
    return g.result_pool != NULL;
}

static void
pool_failed(void)
{
    CHECK_NULL(g.result_pool);
}

static void
nbl_pool_ok(void)
{
    /* The pool works. */
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(g.result_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->FirstNetBuffer->DataOffset, 1514);
    NdisFreeNetBufferList(nbl);
}

static void
nb_pool_ok(void)
{
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(g.result_pool);
    CHECK_NOT_NULL(nb);
    CHECK_EQ_U32(nb->DataOffset, 2048);
    NdisFreeNetBuffer(nb);
}

static void
cleanup_nbl_pool(void)
{
    NdisFreeNetBufferListPool(g.result_pool);
    g.result_pool = NULL;
}

static void
cleanup_nb_pool(void)
{
    NdisFreeNetBufferPool(g.result_pool);
    g.result_pool = NULL;
}

TEST(sweep_allocate_net_buffer_list_pool)
{
    /* Creating a pool is one allocation: the pool (<undis/fault.h>). */
    static const struct sweep s = { setup_nothing, call_nbl_pool, pool_failed, nbl_pool_ok,
                                    cleanup_nbl_pool };
    g_reset();
    run_sweep(&s, 1);
}

TEST(sweep_allocate_net_buffer_pool)
{
    static const struct sweep s = { setup_nothing, call_nb_pool, pool_failed, nb_pool_ok,
                                    cleanup_nb_pool };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferList ---------------------------------------------- */

static void
setup_fresh_nbl_pool(void)
{
    /* A fresh pool with an NB, 16 bytes of context and 256 bytes of data. */
    g.nbl_pool = nbl_pool_new(TRUE, 16, 256);
    g.result_nbl = NULL;
}

static int
call_allocate_nbl(void)
{
    g.result_nbl = NdisAllocateNetBufferList(g.nbl_pool, g.ctx_size, g.ctx_backfill);
    return g.result_nbl != NULL;
}

static void
nbl_failed(void)
{
    CHECK_NULL(g.result_nbl);
}

static void
allocate_nbl_ok(void)
{
    NET_BUFFER_LIST *nbl = g.result_nbl;
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    CHECK_PTR_EQ(nbl->NdisPoolHandle, g.nbl_pool);
    CHECK_EQ_U32(nbl->Flags, g.ctx_size > 16 ? 0x500u : 0x100u);
    CHECK_NOT_NULL(nb);
    CHECK_EQ_U32(nb->DataOffset, 256);
    CHECK_EQ_U32(nb->DataLength, 0);
    CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
    CHECK_NB_OK(nb);
    CHECK_NOT_NULL(nbl->Context);
    if (g.ctx_size > 16) {
        CHECK_EQ_U32(nbl->Context->Size, (ULONG)g.ctx_size + g.ctx_backfill);
        CHECK_EQ_U32(nbl->Context->Offset, g.ctx_backfill);
        CHECK_NOT_NULL(nbl->Context->Next);
    } else {
        CHECK_EQ_U32(nbl->Context->Offset, 16u - g.ctx_size);
    }
}

static void
cleanup_nbl_and_pool(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeNetBufferList(g.result_nbl);
        g.result_nbl = NULL;
    }
    NdisFreeNetBufferListPool(g.nbl_pool);
    g.nbl_pool = NULL;
}

TEST(sweep_allocate_net_buffer_list)
{
    static const struct sweep s = { setup_fresh_nbl_pool, call_allocate_nbl, nbl_failed,
                                    allocate_nbl_ok, cleanup_nbl_and_pool };
    g_reset();
    g.ctx_size = 8;
    run_sweep(&s, 1); /* the NBL */
}

TEST(sweep_allocate_net_buffer_list_with_pushed_context)
{
    static const struct sweep s = { setup_fresh_nbl_pool, call_allocate_nbl, nbl_failed,
                                    allocate_nbl_ok, cleanup_nbl_and_pool };
    g_reset();
    g.ctx_size = 64;
    g.ctx_backfill = 16;
    run_sweep(&s, 2); /* the NBL, the context block */
}

/* ---- NdisAllocateNetBufferAndNetBufferList, NdisAllocateNetBuffer ------------ */

static void
setup_chain_and_pools(void)
{
    source_build(&g.src, k_multi, 1); /* NB1's chain A->B->C is the input */
    g.nbl_pool = nbl_pool_new(TRUE, 0, 0);
    g.nb_pool = nb_pool_new(0);
    g.result_nbl = NULL;
    g.result_nb = NULL;
}

static int
call_nb_and_nbl(void)
{
    g.result_nbl = NdisAllocateNetBufferAndNetBufferList(g.nbl_pool, 16, 8, g.src.mdl[0], 150, 300);
    return g.result_nbl != NULL;
}

static void
nb_and_nbl_failed(void)
{
    CHECK_NULL(g.result_nbl);
    source_check_unchanged(&g.src);
}

static void
nb_and_nbl_ok(void)
{
    NET_BUFFER_LIST *nbl = g.result_nbl;
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    CHECK_EQ_U32(nbl->Flags, 0x500);
    CHECK_EQ_U32(nbl->Context->Size, 24);
    CHECK_EQ_U32(nbl->Context->Offset, 8);
    CHECK_PTR_EQ(nb->MdlChain, g.src.mdl[0]);
    CHECK_EQ_U32(nb->DataOffset, 150);
    CHECK_EQ_U32(nb->DataLength, 300);
    CHECK_PTR_EQ(nb->CurrentMdl, g.src.mdl[1]);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 50);
    CHECK_NB_OK(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_chain_and_pools(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeNetBufferList(g.result_nbl);
        g.result_nbl = NULL;
    }
    if (g.result_nb != NULL) {
        NdisFreeNetBuffer(g.result_nb);
        g.result_nb = NULL;
    }
    NdisFreeNetBufferPool(g.nb_pool);
    NdisFreeNetBufferListPool(g.nbl_pool);
    source_free(&g.src);
}

TEST(sweep_allocate_net_buffer_and_net_buffer_list)
{
    static const struct sweep s = { setup_chain_and_pools, call_nb_and_nbl, nb_and_nbl_failed,
                                    nb_and_nbl_ok, cleanup_chain_and_pools };
    g_reset();
    run_sweep(&s, 2); /* the NBL, the context block */
}

static int
call_allocate_nb(void)
{
    g.result_nb = NdisAllocateNetBuffer(g.nb_pool, g.src.mdl[0], 300, 200);
    return g.result_nb != NULL;
}

static void
allocate_nb_failed(void)
{
    CHECK_NULL(g.result_nb);
    source_check_unchanged(&g.src);
}

static void
allocate_nb_ok(void)
{
    NET_BUFFER *nb = g.result_nb;
    CHECK_PTR_EQ(nb->MdlChain, g.src.mdl[0]);
    CHECK_EQ_U32(nb->DataOffset, 300);
    CHECK_EQ_U32(nb->DataLength, 200);
    CHECK_PTR_EQ(nb->CurrentMdl, g.src.mdl[2]);
    CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
    CHECK_PTR_EQ(nb->NdisPoolHandle, g.nb_pool);
    CHECK_NB_OK(nb);
    source_check_unchanged(&g.src);
}

TEST(sweep_allocate_net_buffer)
{
    static const struct sweep s = { setup_chain_and_pools, call_allocate_nb, allocate_nb_failed,
                                    allocate_nb_ok, cleanup_chain_and_pools };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferMdlAndData --------------------------------------- */

static void
setup_data_nb_pool(void)
{
    g.nb_pool = nb_pool_new(1514);
    g.result_nb = NULL;
}

static int
call_mdl_and_data(void)
{
    g.result_nb = NdisAllocateNetBufferMdlAndData(g.nb_pool);
    return g.result_nb != NULL;
}

static void
mdl_and_data_failed(void)
{
    CHECK_NULL(g.result_nb);
}

static void
mdl_and_data_ok(void)
{
    NET_BUFFER *nb = g.result_nb;
    CHECK_PTR_EQ(nb->MdlChain, (PMDL)(nb + 1));
    CHECK_EQ_U32(nb->DataOffset, 1514);
    CHECK_EQ_U32(nb->DataLength, 0);
    CHECK_EQ_U32(nb->MdlChain->ByteCount, 1514);
    CHECK_NB_OK(nb);
}

static void
cleanup_data_nb_pool(void)
{
    if (g.result_nb != NULL) {
        NdisFreeNetBuffer(g.result_nb);
        g.result_nb = NULL;
    }
    NdisFreeNetBufferPool(g.nb_pool);
}

TEST(sweep_allocate_net_buffer_mdl_and_data)
{
    static const struct sweep s = { setup_data_nb_pool, call_mdl_and_data, mdl_and_data_failed,
                                    mdl_and_data_ok, cleanup_data_nb_pool };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateNetBufferListContext --------------------------------------- */

static void
snap_context(void)
{
    g.snap_top = g.nbl->Context;
    g.snap_next = g.snap_top->Next;
    g.snap_size = g.snap_top->Size;
    g.snap_offset = g.snap_top->Offset;
}

static void
setup_context(void)
{
    /* The pool's 16-byte block is all in use: the call must push a block. */
    g.nbl_pool = nbl_pool_new(TRUE, 16, 0);
    g.nbl = NdisAllocateNetBufferList(g.nbl_pool, 16, 0);
    CHECK_NOT_NULL(g.nbl);
    snap_context();
}

static int
call_context(void)
{
    g.status = NdisAllocateNetBufferListContext(g.nbl, 32, 16, TAG);
    return g.status == NDIS_STATUS_SUCCESS;
}

/* The block that was on top is as it was. */
static void
check_old_top_same(void)
{
    CHECK_PTR_EQ(g.snap_top->Next, g.snap_next);
    CHECK_EQ_U32(g.snap_top->Size, g.snap_size);
    CHECK_EQ_U32(g.snap_top->Offset, g.snap_offset);
}

static void
context_failed(void)
{
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    CHECK_PTR_EQ(g.nbl->Context, g.snap_top);
    check_old_top_same();
}

static void
context_ok(void)
{
    CHECK_PTR_EQ(g.nbl->Context->Next, g.snap_top);
    CHECK_EQ_U32(g.nbl->Context->Size, 48);
    CHECK_EQ_U32(g.nbl->Context->Offset, 16);
    check_old_top_same();
    memset(NET_BUFFER_LIST_CONTEXT_DATA_START(g.nbl), 0x77, 32);
}

static void
cleanup_context(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        NdisFreeNetBufferListContext(g.nbl, 32);
    }
    CHECK_PTR_EQ(g.nbl->Context, g.snap_top);
    NdisFreeNetBufferList(g.nbl);
    NdisFreeNetBufferListPool(g.nbl_pool);
}

TEST(sweep_allocate_net_buffer_list_context)
{
    static const struct sweep s = { setup_context, call_context, context_failed, context_ok,
                                    cleanup_context };
    g_reset();
    run_sweep(&s, 1);
}

/* ---- NdisAllocateCloneNetBufferList ----------------------------------------- */

static void
setup_derived(void)
{
    source_build(&g.src, k_multi, K_MULTI_NBS);
    if (g.use_internal_pools) {
        g.nbl_pool = NULL;
        g.nb_pool = NULL;
    } else {
        g.nbl_pool = nbl_pool_new(TRUE, 0, 0);
        g.nb_pool = nb_pool_new(0);
    }
    g.result_nbl = NULL;
}

static void
cleanup_derived_pools(void)
{
    if (!g.use_internal_pools) {
        NdisFreeNetBufferPool(g.nb_pool);
        NdisFreeNetBufferListPool(g.nbl_pool);
    }
    source_free(&g.src);
}

static int
call_clone(void)
{
    g.result_nbl = NdisAllocateCloneNetBufferList(g.src.nbl, g.nbl_pool, g.nb_pool, g.flags);
    return g.result_nbl != NULL;
}

static void
derived_failed(void)
{
    CHECK_NULL(g.result_nbl);
    source_check_unchanged(&g.src);
}

static void
clone_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    CHECK_NBL_OK(g.result_nbl);
    CHECK_PTR_EQ(g.result_nbl->SourceHandle, g.src.nbl->SourceHandle);
    for (int i = 0; i < g.src.nnb; i++, nb = nb->Next) {
        const NET_BUFFER *src = g.src.nb[i];
        ULONG n;
        CHECK_NOT_NULL(nb);
        CHECK_EQ_U32(nb->DataLength, src->DataLength);
        if (g.flags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) {
            CHECK_PTR_EQ(nb->MdlChain, src->MdlChain);
            CHECK_PTR_EQ(nb->CurrentMdl, src->CurrentMdl);
            CHECK_EQ_U32(nb->CurrentMdlOffset, src->CurrentMdlOffset);
            CHECK_EQ_U32(nb->DataOffset, src->DataOffset);
        } else {
            CHECK_EQ_U32(nb->DataOffset, 0);
            CHECK_EQ_U32(nb->CurrentMdlOffset, 0);
            CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
            CHECK_EQ_U32(chain_length(nb->MdlChain), mdls_spanned(src, 0, src->DataLength));
        }
        n = nb_read(nb, g.got, sizeof(g.got));
        CHECK_EQ_U32(n, src->DataLength);
        CHECK_EQ_U32(nb_read(src, g.expect, sizeof(g.expect)), n);
        CHECK_MEM_EQ(g.got, g.expect, n);
    }
    CHECK_NULL(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_clone(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeCloneNetBufferList(g.result_nbl, g.flags);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

/* Allocations of a clone: the NBL, an NB for each source NB after the first
 * (the first is the pool's embedded one), and without
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS a partial MDL for each source MDL that
 * holds used data. */
static unsigned long long
clone_allocs(ULONG flags)
{
    struct source s;
    unsigned long long n = 1 + (K_MULTI_NBS - 1);
    if ((flags & NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS) == 0) {
        source_build(&s, k_multi, K_MULTI_NBS);
        for (int i = 0; i < s.nnb; i++) {
            n += mdls_spanned(s.nb[i], 0, s.nb[i]->DataLength);
        }
        source_free(&s);
    }
    return n;
}

TEST(sweep_allocate_clone_net_buffer_list_new_mdls)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.flags = 0;
    CHECK_EQ_U64(clone_allocs(0), 9);
    run_sweep(&s, clone_allocs(0));
}

TEST(sweep_allocate_clone_net_buffer_list_original_mdls)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.flags = NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS;
    run_sweep(&s, clone_allocs(g.flags));
}

TEST(sweep_allocate_clone_net_buffer_list_internal_pools)
{
    static const struct sweep s = { setup_derived, call_clone, derived_failed, clone_ok,
                                    cleanup_clone };
    g_reset();
    g.use_internal_pools = 1;
    run_sweep(&s, clone_allocs(0));
}

/* ---- NdisAllocateFragmentNetBufferList -------------------------------------- */

static int
call_fragment(void)
{
    g.result_nbl = NdisAllocateFragmentNetBufferList(g.src.nbl, g.nbl_pool, g.nb_pool, g.start,
                                                     g.max_len, g.delta, g.backfill, 0);
    return g.result_nbl != NULL;
}

static void
fragment_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    CHECK_NBL_OK(g.result_nbl);
    for (int i = 0; i < g.src.nnb; i++) {
        const NET_BUFFER *src = g.src.nb[i];
        ULONG have = nb_read(src, g.expect, sizeof(g.expect));
        for (ULONG at = g.start; at < have; at += g.max_len) {
            ULONG len = have - at < g.max_len ? have - at : g.max_len;
            CHECK_NOT_NULL(nb);
            CHECK_EQ_U32(nb->DataLength, len + g.delta);
            CHECK_EQ_U32(nb->DataOffset, g.backfill);
            CHECK_EQ_U32(nb->MdlChain->ByteCount, g.backfill + g.delta);
            CHECK_EQ_U32(chain_length(nb->MdlChain), 1 + mdls_spanned(src, at, len));
            CHECK_EQ_U32(nb_read(nb, g.got, sizeof(g.got)), len + g.delta);
            CHECK_MEM_EQ(g.got + g.delta, g.expect + at, len);
            nb = nb->Next;
        }
    }
    CHECK_NULL(nb);
    source_check_unchanged(&g.src);
}

static void
cleanup_fragment(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeFragmentNetBufferList(g.result_nbl, g.delta, 0);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

/* The NBL, an NB per fragment but the first (embedded), the partial MDLs of
 * each fragment, and one default NetAllocateMdl block per fragment (the
 * retreat by DataOffsetDelta). */
static unsigned long long
fragment_allocs(void)
{
    struct source s;
    unsigned long long n = 1, frags = 0;
    source_build(&s, k_multi, K_MULTI_NBS);
    for (int i = 0; i < s.nnb; i++) {
        for (ULONG at = g.start; at < s.nb[i]->DataLength; at += g.max_len) {
            ULONG left = s.nb[i]->DataLength - at;
            n += mdls_spanned(s.nb[i], at, left < g.max_len ? left : g.max_len);
            frags++;
        }
    }
    source_free(&s);
    return n + (frags - 1) + (g.delta != 0 ? frags : 0);
}

TEST(sweep_allocate_fragment_net_buffer_list)
{
    static const struct sweep s = { setup_derived, call_fragment, derived_failed, fragment_ok,
                                    cleanup_fragment };
    g_reset();
    g.start = 20;
    g.max_len = 200;
    g.delta = 14;
    g.backfill = 16;
    CHECK_EQ_U64(fragment_allocs(), 30);
    run_sweep(&s, fragment_allocs());
}

TEST(sweep_allocate_fragment_net_buffer_list_large_backfill)
{
    /* A retreat block above the default allocator's size classes. */
    static const struct sweep s = { setup_derived, call_fragment, derived_failed, fragment_ok,
                                    cleanup_fragment };
    g_reset();
    g.start = 0;
    g.max_len = 400;
    g.delta = 54;
    g.backfill = 20000;
    run_sweep(&s, fragment_allocs());
}

/* ---- NdisAllocateReassembledNetBufferList ----------------------------------- */

static int
call_reassemble(void)
{
    g.result_nbl = NdisAllocateReassembledNetBufferList(g.src.nbl, g.nbl_pool, g.start, g.delta,
                                                        g.backfill, 0);
    return g.result_nbl != NULL;
}

static void
reassemble_ok(void)
{
    const NET_BUFFER *nb = g.result_nbl->FirstNetBuffer;
    ULONG total = 0;
    CHECK_NBL_OK(g.result_nbl);
    CHECK_NOT_NULL(nb);
    CHECK_NULL(nb->Next);
    for (int i = 0; i < g.src.nnb; i++) {
        UCHAR part[2048];
        ULONG have = nb_read(g.src.nb[i], part, sizeof(part));
        if (have > g.start) {
            memcpy(g.expect + total, part + g.start, have - g.start);
            total += have - g.start;
        }
    }
    CHECK_EQ_U32(nb->DataLength, total + g.delta);
    CHECK_EQ_U32(nb->DataOffset, g.backfill);
    CHECK_EQ_U32(nb_read(nb, g.got, sizeof(g.got)), total + g.delta);
    CHECK_MEM_EQ(g.got + g.delta, g.expect, total);
    source_check_unchanged(&g.src);
}

static void
cleanup_reassemble(void)
{
    if (g.result_nbl != NULL) {
        NdisFreeReassembledNetBufferList(g.result_nbl, g.delta, 0);
        g.result_nbl = NULL;
    }
    cleanup_derived_pools();
}

TEST(sweep_allocate_reassembled_net_buffer_list)
{
    static const struct sweep s = { setup_derived, call_reassemble, derived_failed, reassemble_ok,
                                    cleanup_reassemble };
    unsigned long long mdls = 0;
    struct source src;
    g_reset();
    g.start = 20;
    g.delta = 14;
    g.backfill = 16;
    source_build(&src, k_multi, K_MULTI_NBS);
    for (int i = 0; i < src.nnb; i++) {
        if (src.nb[i]->DataLength > g.start) {
            mdls += mdls_spanned(src.nb[i], g.start, src.nb[i]->DataLength - g.start);
        }
    }
    source_free(&src);
    CHECK_EQ_U64(mdls, 6);
    /* The partial MDLs, the NBL, the retreat's default block. */
    run_sweep(&s, mdls + 1 + 1);
}

/* ---- NdisRetreatNetBufferDataStart with the default allocator --------------- */

static const struct nb_spec k_single[] = { { { 100, 50 }, 2, 10, 120 } };

static void
setup_retreat(void)
{
    source_build(&g.src, k_single, 1);
    g.nb = g.src.nb[0];
}

static int
call_retreat(void)
{
    g.status = NdisRetreatNetBufferDataStart(g.nb, g.delta, g.backfill, NULL);
    return g.status == NDIS_STATUS_SUCCESS;
}

static void
retreat_failed(void)
{
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    source_check_unchanged(&g.src); /* the NB bit for bit */
}

static void
retreat_ok(void)
{
    NET_BUFFER *nb = g.nb;
    PMDL d = nb->MdlChain;
    ULONG n;
    CHECK(d != g.src.mdl[0]);
    CHECK_PTR_EQ(d->Next, g.src.mdl[0]);
    CHECK_EQ_U32(d->ByteCount, g.backfill + g.delta - 10);
    CHECK_EQ_U32(nb->DataOffset, g.backfill);
    CHECK_EQ_U32(nb->DataLength, 120 + g.delta);
    CHECK_PTR_EQ(nb->CurrentMdl, d);
    CHECK_EQ_U32(nb->CurrentMdlOffset, g.backfill);
    CHECK_NB_OK(nb);
    n = nb_read(nb, g.got, sizeof(g.got));
    CHECK_EQ_U32(n, 120 + g.delta);
    CHECK_MEM_EQ(g.got + g.delta - 10, g.src.buf, 120 + 10); /* old unused space is data */
}

static void
cleanup_retreat(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        /* Give the block back: the NB is as built again. */
        NdisAdvanceNetBufferDataStart(g.nb, g.delta, TRUE, NULL);
        source_check_unchanged(&g.src);
    }
    source_free(&g.src);
}

TEST(sweep_retreat_net_buffer_default_allocator)
{
    static const struct sweep s = { setup_retreat, call_retreat, retreat_failed, retreat_ok,
                                    cleanup_retreat };
    g_reset();
    g.delta = 40;
    g.backfill = 16;
    run_sweep(&s, 1);
}

TEST(sweep_retreat_net_buffer_default_allocator_large)
{
    static const struct sweep s = { setup_retreat, call_retreat, retreat_failed, retreat_ok,
                                    cleanup_retreat };
    g_reset();
    g.delta = 1500;
    g.backfill = 20000;
    run_sweep(&s, 1);
}

/* ---- NdisRetreatNetBufferListDataStart with the default allocator ----------- */

/* Three NBs whose unused space is shorter than the delta (each retreat
 * allocates) and whose head MDL holds data (so a rollback frees only the
 * default block):
 *   {M1a(200)->M1b(300); 64; 400}, {M2(1500); 0; 1500}, {M3a(100)->M3b(100); 10; 150} */
static const struct nb_spec k_three[] = {
    { { 200, 300 }, 2, 64, 400 },
    { { 1500 }, 1, 0, 1500 },
    { { 100, 100 }, 2, 10, 150 },
};

static void
setup_retreat_nbl(void)
{
    source_build(&g.src, k_three, 3);
    g.nbl = g.src.nbl;
}

static int
call_retreat_nbl(void)
{
    g.status = NdisRetreatNetBufferListDataStart(g.nbl, g.delta, g.backfill, NULL, NULL);
    return g.status == NDIS_STATUS_SUCCESS;
}

static void
retreat_nbl_failed(void)
{
    /* NBs before the failing one were rolled back, the others untouched. */
    CHECK_STATUS(g.status, NDIS_STATUS_RESOURCES);
    source_check_unchanged(&g.src);
}

static void
retreat_nbl_ok(void)
{
    for (int i = 0; i < g.src.nnb; i++) {
        const NET_BUFFER *nb = g.src.nb[i];
        const NET_BUFFER *was = &g.src.snap_nb[i];
        CHECK_PTR_EQ(nb->MdlChain->Next, was->MdlChain);
        CHECK_EQ_U32(nb->MdlChain->ByteCount, g.backfill + g.delta - was->DataOffset);
        CHECK_EQ_U32(nb->DataOffset, g.backfill);
        CHECK_EQ_U32(nb->DataLength, was->DataLength + g.delta);
        CHECK_PTR_EQ(nb->CurrentMdl, nb->MdlChain);
        CHECK_NB_OK(nb);
    }
}

static void
cleanup_retreat_nbl(void)
{
    if (g.status == NDIS_STATUS_SUCCESS) {
        NdisAdvanceNetBufferListDataStart(g.nbl, g.delta, TRUE, NULL);
        source_check_unchanged(&g.src);
    }
    source_free(&g.src);
}

TEST(sweep_retreat_net_buffer_list_default_allocator)
{
    static const struct sweep s = { setup_retreat_nbl, call_retreat_nbl, retreat_nbl_failed,
                                    retreat_nbl_ok, cleanup_retreat_nbl };
    g_reset();
    g.delta = 100;
    g.backfill = 32;
    run_sweep(&s, 3);
}

TEST(sweep_retreat_net_buffer_list_default_allocator_large)
{
    static const struct sweep s = { setup_retreat_nbl, call_retreat_nbl, retreat_nbl_failed,
                                    retreat_nbl_ok, cleanup_retreat_nbl };
    g_reset();
    g.delta = 100;
    g.backfill = 20000;
    run_sweep(&s, 3);
}

/* ---- IoAllocateMdl, NdisAllocateMdl, NdisAllocateGenericObject -------------- */

static UCHAR g_mdl_buf[5000];

static void
setup_mdl(void)
{
    g.result_mdl = NULL;
}

static int
call_io_allocate_mdl(void)
{
    g.result_mdl = IoAllocateMdl(g_mdl_buf + 100, 4000, FALSE, FALSE, NULL);
    return g.result_mdl != NULL;
}

static int
call_ndis_allocate_mdl(void)
{
    g.result_mdl = NdisAllocateMdl(NULL, g_mdl_buf + 100, 4000);
    return g.result_mdl != NULL;
}

static void
mdl_failed(void)
{
    CHECK_NULL(g.result_mdl);
}

static void
mdl_ok(void)
{
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(g.result_mdl), g_mdl_buf + 100);
    CHECK_EQ_U32(MmGetMdlByteCount(g.result_mdl), 4000);
    CHECK_NULL(g.result_mdl->Next);
    CHECK_EQ_INT(undis_mdl_chain_check(g.result_mdl, NULL, 0), UNDIS_CHECK_OK);
}

static void
ndis_mdl_ok(void)
{
    mdl_ok();
    CHECK_PTR_EQ(g.result_mdl->MappedSystemVa, g_mdl_buf + 100);
}

static void
cleanup_mdl(void)
{
    if (g.result_mdl != NULL) {
        IoFreeMdl(g.result_mdl);
        g.result_mdl = NULL;
    }
}

TEST(sweep_io_allocate_mdl)
{
    static const struct sweep s = { setup_mdl, call_io_allocate_mdl, mdl_failed, mdl_ok,
                                    cleanup_mdl };
    g_reset();
    run_sweep(&s, 1);
}

TEST(sweep_ndis_allocate_mdl)
{
    static const struct sweep s = { setup_mdl, call_ndis_allocate_mdl, mdl_failed, ndis_mdl_ok,
                                    cleanup_mdl };
    g_reset();
    run_sweep(&s, 1);
}

static void
setup_generic(void)
{
    g.result_obj = NULL;
}

static int
call_generic(void)
{
    g.result_obj = NdisAllocateGenericObject(NULL, TAG, 48);
    return g.result_obj != NULL;
}

static void
generic_failed(void)
{
    CHECK_NULL(g.result_obj);
}

static void
generic_ok(void)
{
    static const UCHAR zeros[48];
    CHECK_EQ_U32(g.result_obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    CHECK_MEM_EQ((const UCHAR *)(g.result_obj + 1), zeros, sizeof(zeros));
}

static void
cleanup_generic(void)
{
    if (g.result_obj != NULL) {
        NdisFreeGenericObject(g.result_obj);
        g.result_obj = NULL;
    }
}

TEST(sweep_allocate_generic_object)
{
    static const struct sweep s = { setup_generic, call_generic, generic_failed, generic_ok,
                                    cleanup_generic };
    g_reset();
    run_sweep(&s, 1);
}

TEST_MAIN_BEGIN
TEST_CASE(sweep_allocate_net_buffer_list_pool)
TEST_CASE(sweep_allocate_net_buffer_pool)
TEST_CASE(sweep_allocate_net_buffer_list)
TEST_CASE(sweep_allocate_net_buffer_list_with_pushed_context)
TEST_CASE(sweep_allocate_net_buffer_and_net_buffer_list)
TEST_CASE(sweep_allocate_net_buffer)
TEST_CASE(sweep_allocate_net_buffer_mdl_and_data)
TEST_CASE(sweep_allocate_net_buffer_list_context)
TEST_CASE(sweep_allocate_clone_net_buffer_list_new_mdls)
TEST_CASE(sweep_allocate_clone_net_buffer_list_original_mdls)
TEST_CASE(sweep_allocate_clone_net_buffer_list_internal_pools)
TEST_CASE(sweep_allocate_fragment_net_buffer_list)
TEST_CASE(sweep_allocate_fragment_net_buffer_list_large_backfill)
TEST_CASE(sweep_allocate_reassembled_net_buffer_list)
TEST_CASE(sweep_retreat_net_buffer_default_allocator)
TEST_CASE(sweep_retreat_net_buffer_default_allocator_large)
TEST_CASE(sweep_retreat_net_buffer_list_default_allocator)
TEST_CASE(sweep_retreat_net_buffer_list_default_allocator_large)
TEST_CASE(sweep_io_allocate_mdl)
TEST_CASE(sweep_ndis_allocate_mdl)
TEST_CASE(sweep_allocate_generic_object)
TEST_MAIN_END
