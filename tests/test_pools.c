/*
 * test_pools.c - NET_BUFFER_LIST and NET_BUFFER pools and the objects they
 * hand out (spec 6.1-6.3): parameter validation (every rule that gives
 * NULL), the initial state of every allocation, reuse (a recycled object
 * comes back exactly as a fresh one), the frees, the pool and protocol-id
 * getters, the generic object, and conformance vector 12.
 *
 * Every case records undis_alloc_outstanding() first and checks, after
 * freeing everything including its pools, that it is back to that value.
 * The structure checker runs after each change to a NET_BUFFER.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#define TAG 0x6C6F6F50u /* "Pool" */

/* ---- helpers -------------------------------------------------------------- */

static NET_BUFFER_LIST_POOL_PARAMETERS
nbl_params(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    p.fAllocateNetBuffer = alloc_nb;
    p.ContextSize = context_size;
    p.PoolTag = TAG;
    p.DataSize = data_size;
    return p;
}

static NET_BUFFER_LIST_POOL_PARAMETERS
nbl_params_rev2(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size, ULONG flags)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
    p.Flags = flags;
    return p;
}

static NET_BUFFER_POOL_PARAMETERS
nb_params(ULONG data_size)
{
    NET_BUFFER_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.PoolTag = TAG;
    p.DataSize = data_size;
    return p;
}

static NET_BUFFER_POOL_PARAMETERS
nb_params_rev2(ULONG data_size, ULONG flags)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(data_size);
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_2;
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2;
    p.Flags = flags;
    return p;
}

static NDIS_HANDLE
nbl_pool_new(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    NDIS_HANDLE pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

static NDIS_HANDLE
nb_pool_new(ULONG data_size)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(data_size);
    NDIS_HANDLE pool = NdisAllocateNetBufferPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    return pool;
}

/* The checker accepts the NB (reported at the caller's line). */
#define CHECK_NB_OK(nb)                                                        \
    do {                                                                       \
        char why_[256];                                                        \
        if (undis_nb_check((nb), why_, sizeof(why_)) != UNDIS_CHECK_OK) {      \
            ut_fail_(__FILE__, __LINE__, "undis_nb_check(%s): %s", #nb, why_); \
        }                                                                      \
    } while (0)

/* {MdlChain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset}. */
#define CHECK_NB_STATE(nb, chain, off, len, cur, cur_off) \
    do {                                                  \
        CHECK_PTR_EQ((nb)->MdlChain, (chain));            \
        CHECK_EQ_U32((nb)->DataOffset, (off));            \
        CHECK_EQ_U32((nb)->DataLength, (len));            \
        CHECK_PTR_EQ((nb)->CurrentMdl, (cur));            \
        CHECK_EQ_U32((nb)->CurrentMdlOffset, (cur_off));  \
        CHECK_NB_OK(nb);                                  \
    } while (0)

/* An MDL in test storage with room for four PFNs. */
struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

static PMDL
tmdl_make(struct tmdl *t, PUCHAR buf, ULONG len)
{
    memset(t, 0, sizeof(*t));
    MmInitializeMdl(&t->mdl, buf, len);
    MmBuildMdlForNonPagedPool(&t->mdl);
    return &t->mdl;
}

/* The NBL a pool hands out, as spec 6.3 states it: all zero but the pool
 * handle, Flags 0x100 and the protocol id's low byte; Context and
 * FirstNetBuffer as the object has them (checked separately). */
static void
check_nbl_header(const NET_BUFFER_LIST *nbl, NDIS_HANDLE pool, UCHAR protocol_id, ULONG flags)
{
    NET_BUFFER_LIST expect;
    memset(&expect, 0, sizeof(expect));
    expect.FirstNetBuffer = nbl->FirstNetBuffer;
    expect.Context = nbl->Context;
    expect.NdisPoolHandle = pool;
    expect.Flags = flags;
    *(PUCHAR)&expect.NetBufferListInfo[NetBufferListProtocolId] = protocol_id;
    CHECK_MEM_EQ(nbl, &expect, sizeof(expect));
}

/* An NB that is all zero but its pool handle and the five data fields. */
static void
check_nb_zero_but(const NET_BUFFER *nb,
                  NDIS_HANDLE pool,
                  PMDL chain,
                  ULONG off,
                  ULONG len,
                  PMDL cur,
                  ULONG cur_off)
{
    NET_BUFFER expect;
    memset(&expect, 0, sizeof(expect));
    expect.NdisPoolHandle = pool;
    expect.MdlChain = chain;
    expect.DataOffset = off;
    expect.DataLength = len;
    expect.CurrentMdl = cur;
    expect.CurrentMdlOffset = cur_off;
    CHECK_MEM_EQ(nb, &expect, sizeof(expect));
    CHECK_NB_OK(nb);
}

/* A pool data MDL: describes `size` mapped bytes that lie after the MDL. */
static void
check_pool_data_mdl(PMDL mdl, ULONG size)
{
    PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U32(mdl->ByteCount, size);
    CHECK_NULL(mdl->Next);
    CHECK((mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) != 0);
    CHECK_PTR_EQ(mdl->MappedSystemVa, va);
    CHECK(va >= (PUCHAR)mdl + mdl->Size);
    CHECK_EQ_INT(undis_mdl_chain_check(mdl, NULL, 0), UNDIS_CHECK_OK);
}

/* ---- NdisAllocateNetBufferListPool: success --------------------------------- */

static void
nbl_pool_roundtrip(const NET_BUFFER_LIST_POOL_PARAMETERS *p)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = NdisAllocateNetBufferListPool(NULL, p);
    NET_BUFFER_LIST *nbl;
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, p->ProtocolId, 0x100);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(nbl), pool);
    if (p->fAllocateNetBuffer) {
        NET_BUFFER *nb = nbl->FirstNetBuffer;
        CHECK_NOT_NULL(nb);
        if (p->DataSize != 0) {
            check_nb_zero_but(nb, pool, nb->MdlChain, p->DataSize, 0, nb->MdlChain, p->DataSize);
            check_pool_data_mdl(nb->MdlChain, p->DataSize);
        } else {
            check_nb_zero_but(nb, pool, NULL, 0, 0, NULL, 0);
        }
    } else {
        CHECK_NULL(nbl->FirstNetBuffer);
    }
    if (p->ContextSize != 0) {
        CHECK_NOT_NULL(nbl->Context);
        CHECK_NULL(nbl->Context->Next);
        CHECK_EQ_U32(nbl->Context->Size, p->ContextSize);
        CHECK_EQ_U32(nbl->Context->Offset, p->ContextSize);
    } else {
        CHECK_NULL(nbl->Context);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_pool_plain_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 0);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_with_net_buffer_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_with_net_buffer_and_data_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 1514);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_with_context_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 24, 0);
    nbl_pool_roundtrip(&p);
    p = nbl_params(TRUE, 64, 2048);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_with_protocol_id_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 16, 0);
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_revision2_flags_zero_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params_rev2(TRUE, 16, 512, 0);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_revision2_flag_verify_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p =
        nbl_params_rev2(TRUE, 16, 512, NET_BUFFER_LIST_POOL_FLAG_VERIFY);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_revision1_ignores_flags_field)
{
    /* Revision 1 has no Flags: whatever lies there is not read. */
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    p.Flags = 0xFFFFFFFFu;
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_revision1_reads_only_its_own_size)
{
    /* A revision-1 structure of exactly its size (16 bytes, no Flags): the
     * sanitizers catch a read past it. */
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 8, 128);
    size_t n = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    NET_BUFFER_LIST_POOL_PARAMETERS *q = (NET_BUFFER_LIST_POOL_PARAMETERS *)malloc(n);
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool;
    CHECK_NOT_NULL(q);
    memcpy(q, &p, n);
    pool = NdisAllocateNetBufferListPool(NULL, q);
    free(q);
    CHECK_NOT_NULL(pool);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_pool_revision1_with_larger_size_succeeds)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    p.Header.Size = (USHORT)sizeof(p);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_data_size_one_mib_accepted)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0x100000);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_with_generic_object_handle_succeeds)
{
    unsigned long long base = undis_alloc_outstanding();
    PNDIS_GENERIC_OBJECT owner = NdisAllocateGenericObject(NULL, TAG, 0);
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    NET_BUFFER_POOL_PARAMETERS q = nb_params(0);
    NDIS_HANDLE nbl_pool, nb_pool;
    CHECK_NOT_NULL(owner);
    nbl_pool = NdisAllocateNetBufferListPool(owner, &p);
    nb_pool = NdisAllocateNetBufferPool(owner, &q);
    CHECK_NOT_NULL(nbl_pool);
    CHECK_NOT_NULL(nb_pool);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    NdisFreeGenericObject(owner);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferListPool: every rule that gives NULL ------------- */

static void
expect_nbl_pool_null(const NET_BUFFER_LIST_POOL_PARAMETERS *p)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = NdisAllocateNetBufferListPool(NULL, p);
    CHECK_NULL(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_pool_null_parameters_gives_null)
{
    expect_nbl_pool_null(NULL);
}

TEST(nbl_pool_type_not_default_gives_null)
{
    static const UCHAR types[] = { 0x00, 0x7F, 0x81, 0x82, 0xFF };
    for (size_t i = 0; i < sizeof(types); i++) {
        NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
        p.Header.Type = types[i];
        expect_nbl_pool_null(&p);
    }
}

TEST(nbl_pool_revision_0_gives_null)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    p.Header.Revision = 0;
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_revision_3_gives_null)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params_rev2(TRUE, 0, 0, 0);
    p.Header.Revision = 3;
    expect_nbl_pool_null(&p);
    p.Header.Revision = 0xFF;
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_revision1_size_too_small_gives_null)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    p.Header.Size = (USHORT)(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 - 1);
    expect_nbl_pool_null(&p);
    p.Header.Size = 0;
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_revision2_size_too_small_gives_null)
{
    /* Revision 2 with the revision-1 size: Flags would lie outside it. */
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params_rev2(TRUE, 0, 0, 0);
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    expect_nbl_pool_null(&p);
    p.Header.Size = (USHORT)(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 - 1);
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_revision2_unknown_flag_gives_null)
{
    static const ULONG flags[] = { 0x2, 0x3, 0x80000000u, 0xFFFFFFFFu };
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params_rev2(TRUE, 0, 0, flags[i]);
        expect_nbl_pool_null(&p);
    }
}

TEST(nbl_pool_context_size_not_multiple_of_8_gives_null)
{
    static const USHORT sizes[] = { 1, 4, 12, 20, 65535 };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, sizes[i], 0);
        expect_nbl_pool_null(&p);
    }
}

TEST(nbl_pool_context_size_multiple_of_8_not_16_accepted)
{
    /* Windows checks % 8 (the documentation says MEMORY_ALLOCATION_ALIGNMENT). */
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 8, 0);
    nbl_pool_roundtrip(&p);
    p = nbl_params(TRUE, 40, 100);
    nbl_pool_roundtrip(&p);
}

TEST(nbl_pool_data_size_without_net_buffer_gives_null)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 1);
    expect_nbl_pool_null(&p);
    p = nbl_params(FALSE, 16, 2048);
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_data_size_above_one_mib_gives_null)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0x100001);
    expect_nbl_pool_null(&p);
    p = nbl_params(TRUE, 0, 0xFFFFFFFFu);
    expect_nbl_pool_null(&p);
}

TEST(nbl_pool_creation_fails_when_memory_runs_out)
{
    /* <undis/fault.h>: creating a pool is one allocation (the pool itself);
     * when it fails the call returns NULL and nothing is left behind. */
    unsigned long long base = undis_alloc_outstanding();
    unsigned long long refused = undis_alloc_failed_count();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 16, 64);
    NDIS_HANDLE pool;
    undis_fault_alloc_fail_nth(1);
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    undis_fault_clear();
    CHECK_NULL(pool);
    CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* A thread remembers the caches it last freed to (two of them). Freeing a
 * pool must leave no way for a later free to reach its magazines, even
 * when a new pool is then created at the same address: frees and
 * allocations of the new pool stay exact, and nothing leaks. */
TEST(pool_freed_then_recreated_keeps_frees_exact)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 256);
    NDIS_HANDLE a = NdisAllocateNetBufferListPool(NULL, &p);
    NDIS_HANDLE b = NdisAllocateNetBufferListPool(NULL, &p);
    NDIS_HANDLE c;
    NET_BUFFER_LIST *v[300];
    CHECK_NOT_NULL(a);
    CHECK_NOT_NULL(b);
    for (int round = 0; round < 3; round++) {
        NET_BUFFER_LIST *x = NdisAllocateNetBufferList(a, 0, 0);
        NET_BUFFER_LIST *y = NdisAllocateNetBufferList(b, 0, 0);
        CHECK_NOT_NULL(x);
        CHECK_NOT_NULL(y);
        NdisFreeNetBufferList(x); /* both pools are now this thread's hot caches */
        NdisFreeNetBufferList(y);
    }
    NdisFreeNetBufferListPool(a);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    c = NdisAllocateNetBufferListPool(NULL, &p); /* often at a's address */
    CHECK_NOT_NULL(c);
    /* More than a magazine's worth, so frees also go through the depot. */
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        v[i] = NdisAllocateNetBufferList(c, 0, 0);
        CHECK_NOT_NULL(v[i]);
        CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(v[i]), c);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base + sizeof(v) / sizeof(v[0]));
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        NdisFreeNetBufferList(v[i]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        v[i] = NdisAllocateNetBufferList(c, 0, 0);
        CHECK_NOT_NULL(v[i]);
    }
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        NdisFreeNetBufferList(v[i]);
    }
    NdisFreeNetBufferListPool(c);
    NdisFreeNetBufferListPool(b);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_pool_free_null_does_nothing)
{
    unsigned long long base = undis_alloc_outstanding();
    NdisFreeNetBufferListPool(NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferPool --------------------------------------------- */

static void
nb_pool_roundtrip(const NET_BUFFER_POOL_PARAMETERS *p)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = NdisAllocateNetBufferPool(NULL, p);
    NET_BUFFER *nb;
    CHECK_NOT_NULL(pool);
    if (p->DataSize != 0) {
        nb = NdisAllocateNetBufferMdlAndData(pool);
        CHECK_NOT_NULL(nb);
        CHECK_PTR_EQ(nb->MdlChain, (PMDL)(nb + 1));
        check_nb_zero_but(nb, pool, nb->MdlChain, p->DataSize, 0, nb->MdlChain, p->DataSize);
        check_pool_data_mdl(nb->MdlChain, p->DataSize);
        CHECK_NULL(NdisAllocateNetBuffer(pool, NULL, 0, 0));
    } else {
        nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
        CHECK_NOT_NULL(nb);
        check_nb_zero_but(nb, pool, NULL, 0, 0, NULL, 0);
        CHECK_NULL(NdisAllocateNetBufferMdlAndData(pool));
    }
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_pool_plain_succeeds)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0);
    nb_pool_roundtrip(&p);
}

TEST(nb_pool_with_data_succeeds)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(1514);
    nb_pool_roundtrip(&p);
}

TEST(nb_pool_revision2_flags_zero_succeeds)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params_rev2(0, 0);
    nb_pool_roundtrip(&p);
    p = nb_params_rev2(256, 0);
    nb_pool_roundtrip(&p);
}

TEST(nb_pool_revision2_flag_verify_succeeds)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params_rev2(0, NET_BUFFER_POOL_FLAG_VERIFY);
    nb_pool_roundtrip(&p);
    p = nb_params_rev2(256, NET_BUFFER_POOL_FLAG_VERIFY);
    nb_pool_roundtrip(&p);
}

TEST(nb_pool_revision1_ignores_flags_field)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0);
    p.Flags = 0xFFFFFFFFu;
    nb_pool_roundtrip(&p);
}

TEST(nb_pool_revision1_reads_only_its_own_size)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(64);
    size_t n = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    NET_BUFFER_POOL_PARAMETERS *q = (NET_BUFFER_POOL_PARAMETERS *)malloc(n);
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool;
    CHECK_NOT_NULL(q);
    memcpy(q, &p, n);
    pool = NdisAllocateNetBufferPool(NULL, q);
    free(q);
    CHECK_NOT_NULL(pool);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_pool_data_size_one_mib_accepted)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0x100000);
    nb_pool_roundtrip(&p);
}

static void
expect_nb_pool_null(const NET_BUFFER_POOL_PARAMETERS *p)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = NdisAllocateNetBufferPool(NULL, p);
    CHECK_NULL(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_pool_null_parameters_gives_null)
{
    expect_nb_pool_null(NULL);
}

TEST(nb_pool_type_not_default_gives_null)
{
    static const UCHAR types[] = { 0x00, 0x7F, 0x81, 0xFF };
    for (size_t i = 0; i < sizeof(types); i++) {
        NET_BUFFER_POOL_PARAMETERS p = nb_params(0);
        p.Header.Type = types[i];
        expect_nb_pool_null(&p);
    }
}

TEST(nb_pool_revision_0_gives_null)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0);
    p.Header.Revision = 0;
    expect_nb_pool_null(&p);
}

TEST(nb_pool_revision_3_gives_null)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params_rev2(0, 0);
    p.Header.Revision = 3;
    expect_nb_pool_null(&p);
}

TEST(nb_pool_revision1_size_too_small_gives_null)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0);
    p.Header.Size = (USHORT)(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 - 1);
    expect_nb_pool_null(&p);
}

TEST(nb_pool_revision2_size_too_small_gives_null)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params_rev2(0, 0);
    p.Header.Size = (USHORT)NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    expect_nb_pool_null(&p);
}

TEST(nb_pool_revision2_unknown_flag_gives_null)
{
    static const ULONG flags[] = { 0x2, 0x3, 0x80000000u, 0xFFFFFFFFu };
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        NET_BUFFER_POOL_PARAMETERS p = nb_params_rev2(0, flags[i]);
        expect_nb_pool_null(&p);
    }
}

TEST(nb_pool_data_size_above_one_mib_gives_null)
{
    NET_BUFFER_POOL_PARAMETERS p = nb_params(0x100001);
    expect_nb_pool_null(&p);
}

TEST(nb_pool_creation_fails_when_memory_runs_out)
{
    /* <undis/fault.h>: creating a pool is one allocation (the pool itself);
     * when it fails the call returns NULL and nothing is left behind. */
    unsigned long long base = undis_alloc_outstanding();
    unsigned long long refused = undis_alloc_failed_count();
    NET_BUFFER_POOL_PARAMETERS p = nb_params(64);
    NDIS_HANDLE pool;
    undis_fault_alloc_fail_nth(1);
    pool = NdisAllocateNetBufferPool(NULL, &p);
    undis_fault_clear();
    CHECK_NULL(pool);
    CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    pool = NdisAllocateNetBufferPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_pool_free_null_does_nothing)
{
    unsigned long long base = undis_alloc_outstanding();
    NdisFreeNetBufferPool(NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_pools_beyond_cache_registry_still_work)
{
    /* More pools than the per-thread cache registry has slots (256): the
     * pools past it work without magazines, and what they hand out is
     * counted as outstanding like any other object. */
    enum { N = 300 };
    static NDIS_HANDLE pools[N];
    static NET_BUFFER_LIST *nbls[N];
    unsigned long long base = undis_alloc_outstanding();
    unsigned long long while_out;
    for (int i = 0; i < N; i++) {
        pools[i] = nbl_pool_new(TRUE, 0, 0);
    }
    for (int i = 0; i < N; i++) {
        nbls[i] = NdisAllocateNetBufferList(pools[i], 0, 0);
        CHECK_NOT_NULL(nbls[i]);
        check_nbl_header(nbls[i], pools[i], 0, 0x100);
    }
    while_out = undis_alloc_outstanding();
    for (int i = 0; i < N; i++) {
        NdisFreeNetBufferList(nbls[i]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    for (int i = 0; i < N; i++) {
        NdisFreeNetBufferListPool(pools[i]);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* Checked last so that a failure leaves no pool behind. */
    CHECK_EQ_U64(while_out, base + N);
}

/* ---- NdisAllocateNetBufferList: initial state (spec 6.3) ------------------- */

TEST(nbl_initial_state_plain_pool)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 0);
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_NULL(nbl->FirstNetBuffer);
    CHECK_NULL(nbl->Context);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    CHECK_EQ_U32(nbl->Flags, 0x100);
    CHECK_EQ_U64((ULONG_PTR)nbl->NetBufferListInfo[NetBufferListProtocolId], 2);
    /* A backfill without a size reserves nothing. */
    NdisFreeNetBufferList(nbl);
    nbl = NdisAllocateNetBufferList(pool, 0, 64);
    CHECK_NOT_NULL(nbl);
    CHECK_NULL(nbl->Context);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_net_buffer)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    CHECK_NOT_NULL(nbl->FirstNetBuffer);
    /* The embedded NB: owned by the NBL pool, no chain, all zero. */
    check_nb_zero_but(nbl->FirstNetBuffer, pool, NULL, 0, 0, NULL, 0);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbl->FirstNetBuffer), pool);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_data)
{
    enum { S = 1600 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, S);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb;
    PMDL mdl;
    PUCHAR va;
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    nb = nbl->FirstNetBuffer;
    CHECK_NOT_NULL(nb);
    mdl = nb->MdlChain;
    /* No pool context: the MDL lies right after the NB. */
    CHECK_PTR_EQ(mdl, (PMDL)(nb + 1));
    /* The whole buffer starts as backfill. */
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    /* Claim it all and write it: the NB, MDL and NBL stay intact. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, S, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, mdl, 0, S, mdl, 0);
    va = (PUCHAR)MmGetMdlVirtualAddress(mdl);
    memset(va, 0xA5, S);
    CHECK_EQ_U32(mdl->ByteCount, S);
    CHECK_PTR_EQ(nb->MdlChain, mdl);
    CHECK_PTR_EQ(nbl->FirstNetBuffer, nb);
    CHECK_NB_OK(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_initial_state_with_context_and_data_layout)
{
    /* With a pool context the layout is NB, MDL, context, data: the MDL
     * stays right after the NB (undis departs from Windows' NB, context,
     * MDL so that an advance with FreeMdl never frees the pool's MDL). */
    enum { C = 32, S = 256 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, C, S);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 8, 0);
    NET_BUFFER *nb;
    PNET_BUFFER_LIST_CONTEXT ctx;
    PMDL mdl;
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    nb = nbl->FirstNetBuffer;
    ctx = nbl->Context;
    CHECK_NOT_NULL(nb);
    CHECK_NOT_NULL(ctx);
    mdl = nb->MdlChain;
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    CHECK_NULL(ctx->Next);
    CHECK_EQ_U32(ctx->Size, C);
    CHECK_EQ_U32(ctx->Offset, C - 8);
    CHECK_PTR_EQ(mdl, (PMDL)(nb + 1));
    CHECK((PUCHAR)ctx > (PUCHAR)mdl);
    CHECK((PUCHAR)MmGetMdlVirtualAddress(mdl) >= ctx->ContextData + ctx->Size);
    /* Writing the whole context and the whole buffer disturbs nothing. */
    memset(ctx->ContextData, 0xCC, ctx->Size);
    memset(MmGetMdlVirtualAddress(mdl), 0x5A, S);
    CHECK_EQ_U32(ctx->Size, C);
    check_nb_zero_but(nb, pool, mdl, S, 0, mdl, S);
    check_pool_data_mdl(mdl, S);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_null_pool_gives_null)
{
    unsigned long long base = undis_alloc_outstanding();
    CHECK_NULL(NdisAllocateNetBufferList(NULL, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_from_nb_pool_gives_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    NDIS_HANDLE data_pool = nb_pool_new(128);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 0));
    CHECK_NULL(NdisAllocateNetBufferList(data_pool, 0, 0));
    NdisFreeNetBufferPool(data_pool);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_context_sizes_not_multiple_of_8_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 32, 0);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 4, 0));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 12, 0));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 16, 4));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 12));
    CHECK_NULL(NdisAllocateNetBufferList(pool, 1, 1));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_fails_when_memory_runs_out)
{
    /* A fresh pool must get memory for its first NBL: fail each of those
     * allocations in turn; at least one of them makes the call fail, and a
     * failed call leaves nothing behind. */
    unsigned long long base = undis_alloc_outstanding();
    int nulls = 0;
    unsigned long long k;
    for (k = 1; k <= 16; k++) {
        NDIS_HANDLE pool = nbl_pool_new(TRUE, 16, 512);
        unsigned long long refused = undis_alloc_failed_count();
        NET_BUFFER_LIST *nbl;
        undis_fault_alloc_fail_nth(k);
        nbl = NdisAllocateNetBufferList(pool, 0, 0);
        undis_fault_clear();
        if (nbl == NULL) {
            nulls++;
            CHECK_EQ_U64(undis_alloc_outstanding(), base);
        } else {
            check_nbl_header(nbl, pool, 0, 0x100);
            NdisFreeNetBufferList(nbl);
        }
        NdisFreeNetBufferListPool(pool);
        CHECK_EQ_U64(undis_alloc_outstanding(), base);
        if (undis_alloc_failed_count() == refused) {
            CHECK_NOT_NULL(nbl);
            break;
        }
    }
    CHECK(k <= 16);
    CHECK(nulls >= 1);
    /* Every allocation refused: NULL. */
    {
        NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
        undis_fault_alloc_fail_random(1000000, 1);
        CHECK_NULL(NdisAllocateNetBufferList(pool, 0, 0));
        undis_fault_clear();
        NdisFreeNetBufferListPool(pool);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nbl_allocate_fails_when_pushed_context_cannot_be_had)
{
    /* A warm pool hands out an NBL without allocating; the context block
     * the request needs is then the first allocation. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferList(nbl);
    undis_fault_alloc_fail_nth(1);
    nbl = NdisAllocateNetBufferList(pool, 16, 0);
    undis_fault_clear();
    CHECK_NULL(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* The NBL went back to the pool in a reusable state. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100);
    CHECK_NULL(nbl->Context);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- reuse: a recycled object comes back exactly as a fresh one ------------ */

struct nbl_snapshot {
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb;
    struct {
        PNET_BUFFER_LIST_CONTEXT Next;
        USHORT Size;
        USHORT Offset;
    } ctx;           /* the context block's header */
    struct tmdl mdl; /* the MDL header and its PFNs */
};

static void
snapshot(struct nbl_snapshot *s, const NET_BUFFER_LIST *nbl)
{
    memset(s, 0, sizeof(*s));
    memcpy(&s->nbl, nbl, sizeof(s->nbl));
    if (nbl->FirstNetBuffer != NULL) {
        memcpy(&s->nb, nbl->FirstNetBuffer, sizeof(s->nb));
        if (nbl->FirstNetBuffer->MdlChain != NULL) {
            const MDL *m = nbl->FirstNetBuffer->MdlChain;
            CHECK((size_t)m->Size <= sizeof(s->mdl));
            memcpy(&s->mdl, m, (size_t)m->Size);
        }
    }
    if (nbl->Context != NULL) {
        s->ctx.Next = nbl->Context->Next;
        s->ctx.Size = nbl->Context->Size;
        s->ctx.Offset = nbl->Context->Offset;
    }
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
check_same_as(const struct nbl_snapshot *s, const NET_BUFFER_LIST *nbl)
{
    struct nbl_snapshot now;
    snapshot(&now, nbl);
    CHECK_MEM_EQ(&now.nbl, &s->nbl, sizeof(now.nbl));
    CHECK_MEM_EQ(&now.nb, &s->nb, sizeof(now.nb));
    CHECK_PTR_EQ(now.ctx.Next, s->ctx.Next);
    CHECK_EQ_U32(now.ctx.Size, s->ctx.Size);
    CHECK_EQ_U32(now.ctx.Offset, s->ctx.Offset);
    if (s->nb.MdlChain != NULL) {
        check_mdl_same(&now.mdl.mdl, &s->mdl.mdl);
    }
}

/* Allocate from pool until `want` comes back (LIFO: at once), free the
 * others, and return it. */
static NET_BUFFER_LIST *
nbl_allocate_until(NDIS_HANDLE pool, const NET_BUFFER_LIST *want, USHORT ctx, USHORT backfill)
{
    enum { MAX_TRIES = 1024 };
    static NET_BUFFER_LIST *held[MAX_TRIES];
    NET_BUFFER_LIST *got = NULL;
    int n = 0;
    while (n < MAX_TRIES) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, ctx, backfill);
        CHECK_NOT_NULL(nbl);
        if (nbl == want) {
            got = nbl;
            break;
        }
        held[n++] = nbl;
    }
    while (n > 0) {
        NdisFreeNetBufferList(held[--n]);
    }
    CHECK_PTR_EQ(got, want);
    return got;
}

static MDL g_foreign_mdl; /* only ever pointed at, never used */

static void
dirty_nbl(NET_BUFFER_LIST *nbl)
{
    NET_BUFFER *nb = nbl->FirstNetBuffer;
    for (int i = 0; i < MaxNetBufferListInfo; i++) {
        nbl->NetBufferListInfo[i] = (PVOID)(ULONG_PTR)(0xA000u + (unsigned)i);
    }
    nbl->Next = (PNET_BUFFER_LIST)(ULONG_PTR)0x10;
    nbl->ParentNetBufferList = (PNET_BUFFER_LIST)(ULONG_PTR)0x20;
    nbl->NdisReserved[0] = nbl->NdisReserved[1] = (PVOID)(ULONG_PTR)0x30;
    for (int i = 0; i < 4; i++) {
        nbl->ProtocolReserved[i] = (PVOID)(ULONG_PTR)0x40;
    }
    nbl->MiniportReserved[0] = nbl->MiniportReserved[1] = (PVOID)(ULONG_PTR)0x50;
    nbl->Scratch = (PVOID)(ULONG_PTR)0x60;
    nbl->SourceHandle = (NDIS_HANDLE)(ULONG_PTR)0x70;
    nbl->NblFlags = 0xFFFFFFFFu;
    nbl->ChildRefCount = 7;
    nbl->Flags |= NBL_FLAGS_PROTOCOL_RESERVED | NBL_FLAGS_MINIPORT_RESERVED | NBL_FLAGS_SCRATCH;
    nbl->Status = NDIS_STATUS_FAILURE;
    if (nbl->Context != NULL) {
        nbl->Context->Offset = 0;
        nbl->Context->Size = 8;
        nbl->Context->Next = (PNET_BUFFER_LIST_CONTEXT)(ULONG_PTR)0x80;
        nbl->Context = NULL;
    }
    if (nb != NULL) {
        nb->Next = (PNET_BUFFER)(ULONG_PTR)0x90;
        nb->ChecksumBias = 0x1234;
        nb->Reserved = 0x5678;
        nb->NdisReserved[0] = nb->NdisReserved[1] = (PVOID)(ULONG_PTR)0xA0;
        for (int i = 0; i < 6; i++) {
            nb->ProtocolReserved[i] = (PVOID)(ULONG_PTR)0xB0;
        }
        for (int i = 0; i < 4; i++) {
            nb->MiniportReserved[i] = (PVOID)(ULONG_PTR)0xC0;
        }
        nb->DataPhysicalAddress.QuadPart = 0x123456789LL;
        nb->SharedMemoryInfo = (PNET_BUFFER_SHARED_MEMORY)(ULONG_PTR)0xD0;
        if (nb->MdlChain != NULL) {
            PMDL mdl = nb->MdlChain;
            nb->DataOffset = 3;
            nb->DataLength = 5;
            nb->CurrentMdlOffset = 3;
            mdl->ByteCount = 7;
            mdl->Next = &g_foreign_mdl;
        }
        nb->MdlChain = NULL;
        nb->CurrentMdl = NULL;
    }
    nbl->FirstNetBuffer = NULL;
}

static void
nbl_reuse_case(BOOLEAN alloc_nb, USHORT context_size, ULONG data_size)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, context_size, data_size);
    struct nbl_snapshot fresh;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl, *again;
    p.ProtocolId = NDIS_PROTOCOL_ID_IPX;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    snapshot(&fresh, nbl);
    /* Use it the way a driver does, then dirty every field. */
    if (nbl->FirstNetBuffer != NULL && data_size != 0) {
        NET_BUFFER *nb = nbl->FirstNetBuffer;
        CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 100, 0, NULL), NDIS_STATUS_SUCCESS);
        CHECK_NB_STATE(nb, nb->MdlChain, data_size - 100, 100, nb->MdlChain, data_size - 100);
        memset((PUCHAR)MmGetMdlVirtualAddress(nb->MdlChain) + nb->DataOffset, 0xEE, 100);
    }
    if (context_size != 0) {
        CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 8, 0, TAG), NDIS_STATUS_SUCCESS);
        memset(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 0xDD, 8);
    }
    NdisSetNetBufferListProtocolId(nbl, NDIS_PROTOCOL_ID_NBF);
    dirty_nbl(nbl);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    again = nbl_allocate_until(pool, nbl, 0, 0);
    check_same_as(&fresh, again);
    check_nbl_header(again, pool, NDIS_PROTOCOL_ID_IPX, 0x100);
    if (again->FirstNetBuffer != NULL) {
        CHECK_NB_OK(again->FirstNetBuffer);
    }
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* One byte changed anywhere in a freed NBL and its NB -- every offset in
 * turn -- and the next allocation of that NBL is again exactly the fresh one (the
 * allocation may compare lines with the fresh image and store only those
 * that differ: no byte may slip through). */
static void
nbl_reuse_single_byte_case(BOOLEAN alloc_nb, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(alloc_nb, 0, data_size);
    size_t span = sizeof(NET_BUFFER_LIST) + (alloc_nb ? sizeof(NET_BUFFER) : 0);
    struct nbl_snapshot fresh, now;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_IPX;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    snapshot(&fresh, nbl);
    for (size_t at = 0; at < span; at++) {
        /* Changed after the free (the block waits in this thread's cache):
         * the free itself reads Context and NdisPoolHandle. */
        NdisFreeNetBufferList(nbl);
        ((PUCHAR)nbl)[at] ^= 0x5A;
        nbl = nbl_allocate_until(pool, nbl, 0, 0);
        snapshot(&now, nbl);
        if (memcmp(&now.nbl, &fresh.nbl, sizeof(now.nbl)) != 0 ||
            memcmp(&now.nb, &fresh.nb, sizeof(now.nb)) != 0) {
            printf("  byte %zu of the NBL block was not reset\n", at);
        }
        check_same_as(&fresh, nbl);
    }
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST(nbl_reuse_after_any_single_byte_with_data_is_fresh)
{
    nbl_reuse_single_byte_case(TRUE, 1514);
}

TEST(nbl_reuse_after_any_single_byte_with_net_buffer_is_fresh)
{
    nbl_reuse_single_byte_case(TRUE, 0);
}

TEST(nbl_reuse_after_any_single_byte_plain_is_fresh)
{
    nbl_reuse_single_byte_case(FALSE, 0);
}

TEST(nbl_reuse_plain_returns_initial_state)
{
    nbl_reuse_case(FALSE, 0, 0);
}

TEST(nbl_reuse_with_net_buffer_returns_initial_state)
{
    nbl_reuse_case(TRUE, 0, 0);
}

TEST(nbl_reuse_with_data_returns_initial_state)
{
    nbl_reuse_case(TRUE, 0, 1514);
}

TEST(nbl_reuse_with_context_returns_initial_state)
{
    nbl_reuse_case(FALSE, 48, 0);
}

TEST(nbl_reuse_with_context_and_data_returns_initial_state)
{
    nbl_reuse_case(TRUE, 32, 2048);
}

TEST(nbl_reuse_after_pushed_context_returns_initial_state)
{
    /* Allocated with a pushed context (Flags 0x400), freed, handed out
     * again without one: Flags 0x100 and the pool's own block only. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 16, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 64, 16);
    PNET_BUFFER_LIST_CONTEXT inline_ctx;
    NET_BUFFER_LIST *again;
    CHECK_NOT_NULL(nbl);
    CHECK_EQ_U32(nbl->Flags, 0x100 | 0x400);
    inline_ctx = nbl->Context->Next;
    CHECK_NOT_NULL(inline_ctx);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    again = nbl_allocate_until(pool, nbl, 0, 0);
    check_nbl_header(again, pool, 0, 0x100);
    CHECK_PTR_EQ(again->Context, inline_ctx);
    CHECK_NULL(inline_ctx->Next);
    CHECK_EQ_U32(inline_ctx->Size, 16);
    CHECK_EQ_U32(inline_ctx->Offset, 16);
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_reuse_mdl_and_data_returns_initial_state)
{
    enum { S = 700 };
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(S);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    NET_BUFFER fresh_nb;
    struct tmdl fresh_mdl;
    PMDL mdl;
    NET_BUFFER *held[64];
    NET_BUFFER *again = NULL;
    int n = 0;
    CHECK_NOT_NULL(nb);
    mdl = nb->MdlChain;
    memcpy(&fresh_nb, nb, sizeof(fresh_nb));
    memset(&fresh_mdl, 0, sizeof(fresh_mdl));
    CHECK((size_t)mdl->Size <= sizeof(fresh_mdl));
    memcpy(&fresh_mdl, mdl, (size_t)mdl->Size);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, S, 0, NULL), NDIS_STATUS_SUCCESS);
    nb->ChecksumBias = 9;
    nb->ProtocolReserved[5] = nb;
    nb->MiniportReserved[3] = nb;
    nb->Next = nb;
    mdl->ByteCount = 1;
    mdl->Next = &g_foreign_mdl;
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    while (n < 64) {
        NET_BUFFER *x = NdisAllocateNetBufferMdlAndData(pool);
        CHECK_NOT_NULL(x);
        if (x == nb) {
            again = x;
            break;
        }
        held[n++] = x;
    }
    while (n > 0) {
        NdisFreeNetBuffer(held[--n]);
    }
    CHECK_PTR_EQ(again, nb);
    CHECK_MEM_EQ(again, &fresh_nb, sizeof(fresh_nb));
    check_mdl_same(again->MdlChain, &fresh_mdl.mdl);
    CHECK_NB_OK(again);
    NdisFreeNetBuffer(again);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_reuse_allocate_net_buffer_returns_initial_state)
{
    static UCHAR buf[300];
    struct tmdl a;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    PMDL mdl = tmdl_make(&a, buf, sizeof(buf));
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, mdl, 10, 20);
    NET_BUFFER *again;
    CHECK_NOT_NULL(nb);
    nb->ChecksumBias = 1;
    nb->Reserved = 2;
    nb->NdisReserved[1] = nb;
    nb->ProtocolReserved[0] = nb;
    nb->MiniportReserved[0] = nb;
    nb->MiniportReserved[3] = nb;
    nb->DataPhysicalAddress.QuadPart = 77;
    nb->SharedMemoryInfo = (PNET_BUFFER_SHARED_MEMORY)(ULONG_PTR)0x100;
    nb->Next = nb;
    NdisFreeNetBuffer(nb);
    again = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK_PTR_EQ(again, nb); /* LIFO */
    check_nb_zero_but(again, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBuffer(again);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferAndNetBufferList --------------------------------- */

TEST(nb_and_nbl_fields_and_current_mdl)
{
    static UCHAR abuf[100], bbuf[200];
    struct tmdl ta, tb;
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(TRUE, 0, 0);
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    PMDL a = tmdl_make(&ta, abuf, sizeof(abuf));
    PMDL b = tmdl_make(&tb, bbuf, sizeof(bbuf));
    a->Next = b;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(pool);

    /* Inside B. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 150, 100);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, NDIS_PROTOCOL_ID_TCP_IP, 0x100);
    CHECK_NULL(nbl->Context);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 150, 100, b, 50);
    NdisFreeNetBufferList(nbl);

    /* Inside A. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 30, 200);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 30, 200, a, 30);
    NdisFreeNetBufferList(nbl);

    /* On the A/B boundary: the next MDL at offset 0. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 100, 200);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 100, 200, b, 0);
    NdisFreeNetBufferList(nbl);

    /* At the end of the chain: NULL@0. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 300, 0);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 300, 0, NULL, 0);
    NdisFreeNetBufferList(nbl);

    /* No chain. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, NULL, 0, 0);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBufferList(nbl);

#if UNDIS_PTR64
    /* DataLength is truncated to 32 bits. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, a, 0, (SIZE_T)0x100000032ull);
    CHECK_NOT_NULL(nbl);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, a, 0, 0x32, a, 0);
    NdisFreeNetBufferList(nbl);
#endif

    /* The MDLs stay the caller's and are not changed. */
    CHECK_PTR_EQ(a->Next, b);
    CHECK_NULL(b->Next);
    CHECK_EQ_U32(a->ByteCount, 100);
    CHECK_EQ_U32(b->ByteCount, 200);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_zeroes_the_whole_embedded_nb)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *again;
    CHECK_NOT_NULL(nbl);
    dirty_nbl(nbl);
    NdisFreeNetBufferList(nbl);
    again = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl, 4, 60);
    CHECK_PTR_EQ(again, nbl); /* LIFO */
    check_nbl_header(again, pool, 0, 0x100);
    check_nb_zero_but(again->FirstNetBuffer, pool, mdl, 4, 60, mdl, 4);
    NdisFreeNetBufferList(again);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_with_context)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nbl_pool_new(TRUE, 0, 0);
    NDIS_HANDLE ctx_pool = nbl_pool_new(TRUE, 32, 0);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    NET_BUFFER_LIST *nbl;

    /* Pool without context: a pushed block, Flags 0x400, freed with the NBL. */
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 16, 8, mdl, 0, 64);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, pool, 0, 0x100 | 0x400);
    CHECK_NOT_NULL(nbl->Context);
    CHECK_NULL(nbl->Context->Next);
    CHECK_EQ_U32(nbl->Context->Size, 24);
    CHECK_EQ_U32(nbl->Context->Offset, 8);
    check_nb_zero_but(nbl->FirstNetBuffer, pool, mdl, 0, 64, mdl, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* Pool context big enough: taken from it. */
    nbl = NdisAllocateNetBufferAndNetBufferList(ctx_pool, 16, 0, mdl, 0, 64);
    CHECK_NOT_NULL(nbl);
    check_nbl_header(nbl, ctx_pool, 0, 0x100);
    CHECK_EQ_U32(nbl->Context->Size, 32);
    CHECK_EQ_U32(nbl->Context->Offset, 16);
    NdisFreeNetBufferList(nbl);

    /* Bad context sizes. */
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(pool, 4, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(pool, 8, 12, mdl, 0, 64));
    NdisFreeNetBufferListPool(ctx_pool);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_and_nbl_wrong_pool_types_give_null)
{
    static UCHAR buf[64];
    struct tmdl t;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE plain = nbl_pool_new(FALSE, 0, 0);
    NDIS_HANDLE data = nbl_pool_new(TRUE, 0, 128);
    NDIS_HANDLE nb_pool = nb_pool_new(0);
    NDIS_HANDLE nb_data_pool = nb_pool_new(128);
    PMDL mdl = tmdl_make(&t, buf, sizeof(buf));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(NULL, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(plain, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(data, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(nb_pool, 0, 0, mdl, 0, 64));
    CHECK_NULL(NdisAllocateNetBufferAndNetBufferList(nb_data_pool, 0, 0, mdl, 0, 64));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferPool(nb_data_pool);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(data);
    NdisFreeNetBufferListPool(plain);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBuffer -------------------------------------------------- */

TEST(nb_allocate_fields_and_current_mdl)
{
    static UCHAR abuf[100], bbuf[200];
    struct tmdl ta, tb;
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    PMDL a = tmdl_make(&ta, abuf, sizeof(abuf));
    PMDL b = tmdl_make(&tb, bbuf, sizeof(bbuf));
    NET_BUFFER *nb;
    a->Next = b;

    nb = NdisAllocateNetBuffer(pool, a, 120, 150);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 120, 150, b, 20);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), pool);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, a, 0, 300);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 0, 300, a, 0);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, a, 100, 0);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 100, 0, b, 0);
    NdisFreeNetBuffer(nb);

    nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, NULL, 0, 0, NULL, 0);
    NdisFreeNetBuffer(nb);

#if UNDIS_PTR64
    nb = NdisAllocateNetBuffer(pool, a, 0, (SIZE_T)0x200000040ull);
    CHECK_NOT_NULL(nb);
    check_nb_zero_but(nb, pool, a, 0, 0x40, a, 0);
    NdisFreeNetBuffer(nb);
#endif

    /* The caller's MDLs are untouched. */
    CHECK_PTR_EQ(a->Next, b);
    CHECK_NULL(b->Next);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_allocate_wrong_pools_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE data_pool = nb_pool_new(256);
    NDIS_HANDLE nbl_pool = nbl_pool_new(TRUE, 0, 0);
    NDIS_HANDLE plain_nbl_pool = nbl_pool_new(FALSE, 0, 0);
    CHECK_NULL(NdisAllocateNetBuffer(NULL, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(data_pool, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(nbl_pool, NULL, 0, 0));
    CHECK_NULL(NdisAllocateNetBuffer(plain_nbl_pool, NULL, 0, 0));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(plain_nbl_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    NdisFreeNetBufferPool(data_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_allocate_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(0);
    undis_fault_alloc_fail_random(1000000, 7);
    CHECK_NULL(NdisAllocateNetBuffer(pool, NULL, 0, 0));
    undis_fault_clear();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateNetBufferMdlAndData and conformance vector 12 -------------- */

TEST(vector12_pool_data_embedded_mdl)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(2048);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    PMDL e;
    CHECK_NOT_NULL(nb);
    e = (PMDL)(nb + 1);
    /* {E(2048) at nb+1; 2048; 0; E@2048} */
    CHECK_NB_STATE(nb, e, 2048, 0, e, 2048);
    CHECK_EQ_U32(e->ByteCount, 2048);
    CHECK_NULL(e->Next);
    CHECK_PTR_EQ(nb->NdisPoolHandle, pool);
    check_pool_data_mdl(e, 2048);
    /* Retreat(1500): {E; 548; 1500; E@548}, nothing allocated. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 1500, 0, NULL), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, e, 548, 1500, e, 548);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    memset((PUCHAR)MmGetMdlVirtualAddress(e) + 548, 0x42, 1500);
    /* Advance(1500, TRUE, NULL): {E; 2048; 0; E@2048}: E is embedded, so it is
     * neither freed (the default free would abort on it) nor normalised. */
    NdisAdvanceNetBufferDataStart(nb, 1500, TRUE, NULL);
    CHECK_NB_STATE(nb, e, 2048, 0, e, 2048);
    CHECK_EQ_U32(e->ByteCount, 2048);
    CHECK_NULL(e->Next);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_mdl_and_data_wrong_pools_give_null)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE plain = nb_pool_new(0);
    NDIS_HANDLE nbl_data_pool = nbl_pool_new(TRUE, 0, 256);
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(NULL));
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(plain));
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(nbl_data_pool));
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    NdisFreeNetBufferListPool(nbl_data_pool);
    NdisFreeNetBufferPool(plain);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(nb_mdl_and_data_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(128);
    undis_fault_alloc_fail_random(1000000, 3);
    CHECK_NULL(NdisAllocateNetBufferMdlAndData(pool));
    undis_fault_clear();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisFreeNetBuffer leaves the chain to the caller ---------------------- */

static PMDL g_caller_mdl;
static UCHAR g_caller_buf[512];
static struct tmdl g_caller_tmdl;

static PMDL
caller_alloc(PULONG BufferSize)
{
    CHECK(*BufferSize <= sizeof(g_caller_buf));
    g_caller_mdl = tmdl_make(&g_caller_tmdl, g_caller_buf, *BufferSize);
    return g_caller_mdl;
}

TEST(nb_free_keeps_retreat_prepended_mdl)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE data_pool = nb_pool_new(64);
    NDIS_HANDLE plain_pool = nb_pool_new(0);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(data_pool);
    NET_BUFFER holder;
    PMDL e, d;
    CHECK_NOT_NULL(nb);
    e = nb->MdlChain;

    /* Caller's allocator: the MDL is the caller's after the NB is freed. */
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64 + 100, 16, caller_alloc),
                 NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, g_caller_mdl, 16, 164, g_caller_mdl, 16);
    CHECK_PTR_EQ(g_caller_mdl->Next, e);
    memset(g_caller_buf, 0x11, sizeof(g_caller_buf));
    NdisFreeNetBuffer(nb);
    CHECK_PTR_EQ(g_caller_tmdl.mdl.Next, e); /* untouched */
    CHECK_EQ_U32(g_caller_tmdl.mdl.ByteCount, 116);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    /* Default allocator: the MDL stays outstanding after NdisFreeNetBuffer
     * until the caller advances it away. */
    nb = NdisAllocateNetBuffer(plain_pool, NULL, 0, 0);
    CHECK_NOT_NULL(nb);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 100, 28, NULL), NDIS_STATUS_SUCCESS);
    d = nb->MdlChain;
    CHECK_NB_STATE(nb, d, 28, 100, d, 28);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 2);
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    CHECK_EQ_U32(d->ByteCount, 128);
    memset(&holder, 0, sizeof(holder));
    holder.MdlChain = holder.CurrentMdl = d;
    holder.DataOffset = holder.CurrentMdlOffset = 28;
    holder.DataLength = 100;
    CHECK_NB_OK(&holder);
    NdisAdvanceNetBufferDataStart(&holder, 100, TRUE, NULL);
    CHECK_NB_STATE(&holder, NULL, 0, 0, NULL, 0);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);

    NdisFreeNetBufferPool(plain_pool);
    NdisFreeNetBufferPool(data_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* A mapped partial MDL (MDL_PARTIAL_HAS_BEEN_MAPPED set), handed to a
 * retreat as the new head of the chain. */
static UCHAR g_partial_buf[256];
static MDL *g_partial_source;
static PMDL g_partial;

static PMDL
partial_alloc(PULONG BufferSize)
{
    static struct tmdl src;
    PUCHAR va = g_partial_buf + 16;
    CHECK(*BufferSize <= sizeof(g_partial_buf) - 16);
    memset(&src, 0, sizeof(src));
    MmInitializeMdl(&src.mdl, g_partial_buf, sizeof(g_partial_buf)); /* not mapped */
    g_partial_source = &src.mdl;
    g_partial = IoAllocateMdl(va, *BufferSize, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(g_partial);
    IoBuildPartialMdl(g_partial_source, g_partial, va, *BufferSize);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(g_partial, NormalPagePriority), va);
    CHECK((g_partial->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0);
    return g_partial;
}

TEST(nb_free_data_pool_unmaps_mapped_head_mdl)
{
    /* Spec 6.3: for a data pool NdisFreeNetBuffer unmaps the head MDL when
     * MDL_PARTIAL_HAS_BEEN_MAPPED is set, then returns the block; the MDL
     * itself stays the caller's. */
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE pool = nb_pool_new(64);
    NET_BUFFER *nb = NdisAllocateNetBufferMdlAndData(pool);
    PMDL e;
    CSHORT flags;
    CHECK_NOT_NULL(nb);
    e = nb->MdlChain;
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 64 + 10, 0, partial_alloc), NDIS_STATUS_SUCCESS);
    CHECK_NB_STATE(nb, g_partial, 0, 74, g_partial, 0);
    CHECK_PTR_EQ(g_partial->Next, e);
    NdisFreeNetBuffer(nb);
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1); /* the partial MDL */
    CHECK_PTR_EQ(g_partial->Next, e);
    CHECK_EQ_U32(g_partial->ByteCount, 10);
    flags = g_partial->MdlFlags;
    IoFreeMdl(g_partial);
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    /* Checked last so that a failure leaves nothing behind. */
    CHECK_EQ_INT(flags & (MDL_PARTIAL_HAS_BEEN_MAPPED | MDL_MAPPED_TO_SYSTEM_VA), 0);
}

/* ---- pool and protocol-id getters ----------------------------------------- */

TEST(get_pool_from_nbl_and_nb)
{
    unsigned long long base = undis_alloc_outstanding();
    NDIS_HANDLE nbl_pool = nbl_pool_new(TRUE, 0, 64);
    NDIS_HANDLE plain_nbl_pool = nbl_pool_new(FALSE, 0, 0);
    NDIS_HANDLE nb_pool = nb_pool_new(0);
    NDIS_HANDLE nb_data_pool = nb_pool_new(64);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(nbl_pool, 0, 0);
    NET_BUFFER_LIST *plain = NdisAllocateNetBufferList(plain_nbl_pool, 0, 0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nb_pool, NULL, 0, 0);
    NET_BUFFER *nbd = NdisAllocateNetBufferMdlAndData(nb_data_pool);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(plain);
    CHECK_NOT_NULL(nb);
    CHECK_NOT_NULL(nbd);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(nbl), nbl_pool);
    /* The embedded NB belongs to the NBL pool. */
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbl->FirstNetBuffer), nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBufferList(plain), plain_nbl_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nb), nb_pool);
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(nbd), nb_data_pool);
    /* An NB the driver attaches keeps its own pool. */
    plain->FirstNetBuffer = nb;
    CHECK_PTR_EQ(NdisGetPoolFromNetBuffer(NET_BUFFER_LIST_FIRST_NB(plain)), nb_pool);
    plain->FirstNetBuffer = NULL;
    NdisFreeNetBuffer(nbd);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferList(plain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferPool(nb_data_pool);
    NdisFreeNetBufferPool(nb_pool);
    NdisFreeNetBufferListPool(plain_nbl_pool);
    NdisFreeNetBufferListPool(nbl_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(protocol_id_get_and_set)
{
    unsigned long long base = undis_alloc_outstanding();
    NET_BUFFER_LIST_POOL_PARAMETERS p = nbl_params(FALSE, 0, 0);
    NDIS_HANDLE tcp_pool, default_pool;
    NET_BUFFER_LIST *nbl, *dnbl;
    p.ProtocolId = NDIS_PROTOCOL_ID_TCP_IP;
    tcp_pool = NdisAllocateNetBufferListPool(NULL, &p);
    p.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    default_pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(tcp_pool);
    CHECK_NOT_NULL(default_pool);
    nbl = NdisAllocateNetBufferList(tcp_pool, 0, 0);
    dnbl = NdisAllocateNetBufferList(default_pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    CHECK_NOT_NULL(dnbl);

    /* The slot starts as the pool's id. */
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), NDIS_PROTOCOL_ID_DEFAULT);

    /* Set writes the low byte only; get reads the slot & 0x0F. */
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0xAB00u;
    NdisSetNetBufferListProtocolId(nbl, NDIS_PROTOCOL_ID_NBF);
    CHECK_EQ_U64((ULONG_PTR)NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId), 0xAB07u);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_NBF);
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0x36u;
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), 0x06);

    /* Slot value 0 (after the mask): the pool's id. */
    NdisSetNetBufferListProtocolId(nbl, 0);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId) = (PVOID)(ULONG_PTR)0x10u;
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(nbl), NDIS_PROTOCOL_ID_TCP_IP);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), 0);
    NdisSetNetBufferListProtocolId(dnbl, NDIS_PROTOCOL_ID_IPX);
    CHECK_EQ_U32(NdisGetNetBufferListProtocolId(dnbl), NDIS_PROTOCOL_ID_IPX);

    NdisFreeNetBufferList(dnbl);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(default_pool);
    NdisFreeNetBufferListPool(tcp_pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

/* ---- NdisAllocateGenericObject / NdisFreeGenericObject --------------------- */

TEST(generic_object_fields_and_extra_bytes)
{
    unsigned long long base = undis_alloc_outstanding();
    PDRIVER_OBJECT drv = (PDRIVER_OBJECT)(ULONG_PTR)0x1000;
    PNDIS_GENERIC_OBJECT obj = NdisAllocateGenericObject(drv, TAG, 100);
    static const UCHAR zeros[100];
    CHECK_NOT_NULL(obj);
    CHECK_EQ_U32(obj->Header.Type, 0);
    CHECK_EQ_U32(obj->Header.Revision, NDIS_GENERIC_OBJECT_REVISION_1);
    CHECK_EQ_U32(obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    CHECK_PTR_EQ(obj->DriverObject, drv);
    CHECK_NULL(obj->Caller);
    CHECK_NULL(obj->CallersCaller);
    CHECK_MEM_EQ((const UCHAR *)(obj + 1), zeros, sizeof(zeros));
    CHECK_EQ_U64(undis_alloc_outstanding(), base + 1);
    /* Dirty the extra bytes; the next object's are zero again. */
    memset(obj + 1, 0xFF, 100);
    NdisFreeGenericObject(obj);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
    obj = NdisAllocateGenericObject(NULL, TAG, 100);
    CHECK_NOT_NULL(obj);
    CHECK_NULL(obj->DriverObject);
    CHECK_MEM_EQ((const UCHAR *)(obj + 1), zeros, sizeof(zeros));
    NdisFreeGenericObject(obj);
    /* No extra bytes. */
    obj = NdisAllocateGenericObject(NULL, 0, 0);
    CHECK_NOT_NULL(obj);
    CHECK_EQ_U32(obj->Header.Size, sizeof(NDIS_GENERIC_OBJECT));
    NdisFreeGenericObject(obj);
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST(generic_object_fails_when_memory_runs_out)
{
    unsigned long long base = undis_alloc_outstanding();
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(NdisAllocateGenericObject(NULL, TAG, 16));
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_outstanding(), base);
}

TEST_MAIN_BEGIN
TEST_CASE(nbl_pool_plain_succeeds)
TEST_CASE(nbl_pool_with_net_buffer_succeeds)
TEST_CASE(nbl_pool_with_net_buffer_and_data_succeeds)
TEST_CASE(nbl_pool_with_context_succeeds)
TEST_CASE(nbl_pool_with_protocol_id_succeeds)
TEST_CASE(nbl_pool_revision2_flags_zero_succeeds)
TEST_CASE(nbl_pool_revision2_flag_verify_succeeds)
TEST_CASE(nbl_pool_revision1_ignores_flags_field)
TEST_CASE(nbl_pool_revision1_reads_only_its_own_size)
TEST_CASE(nbl_pool_revision1_with_larger_size_succeeds)
TEST_CASE(nbl_pool_data_size_one_mib_accepted)
TEST_CASE(nbl_pool_with_generic_object_handle_succeeds)
TEST_CASE(nbl_pool_null_parameters_gives_null)
TEST_CASE(nbl_pool_type_not_default_gives_null)
TEST_CASE(nbl_pool_revision_0_gives_null)
TEST_CASE(nbl_pool_revision_3_gives_null)
TEST_CASE(nbl_pool_revision1_size_too_small_gives_null)
TEST_CASE(nbl_pool_revision2_size_too_small_gives_null)
TEST_CASE(nbl_pool_revision2_unknown_flag_gives_null)
TEST_CASE(nbl_pool_context_size_not_multiple_of_8_gives_null)
TEST_CASE(nbl_pool_context_size_multiple_of_8_not_16_accepted)
TEST_CASE(nbl_pool_data_size_without_net_buffer_gives_null)
TEST_CASE(nbl_pool_data_size_above_one_mib_gives_null)
TEST_CASE(nbl_pool_creation_fails_when_memory_runs_out)
TEST_CASE(pool_freed_then_recreated_keeps_frees_exact)
TEST_CASE(nbl_pool_free_null_does_nothing)
TEST_CASE(nb_pool_plain_succeeds)
TEST_CASE(nb_pool_with_data_succeeds)
TEST_CASE(nb_pool_revision2_flags_zero_succeeds)
TEST_CASE(nb_pool_revision2_flag_verify_succeeds)
TEST_CASE(nb_pool_revision1_ignores_flags_field)
TEST_CASE(nb_pool_revision1_reads_only_its_own_size)
TEST_CASE(nb_pool_data_size_one_mib_accepted)
TEST_CASE(nb_pool_null_parameters_gives_null)
TEST_CASE(nb_pool_type_not_default_gives_null)
TEST_CASE(nb_pool_revision_0_gives_null)
TEST_CASE(nb_pool_revision_3_gives_null)
TEST_CASE(nb_pool_revision1_size_too_small_gives_null)
TEST_CASE(nb_pool_revision2_size_too_small_gives_null)
TEST_CASE(nb_pool_revision2_unknown_flag_gives_null)
TEST_CASE(nb_pool_data_size_above_one_mib_gives_null)
TEST_CASE(nb_pool_creation_fails_when_memory_runs_out)
TEST_CASE(nb_pool_free_null_does_nothing)
TEST_CASE(nbl_pools_beyond_cache_registry_still_work)
TEST_CASE(nbl_initial_state_plain_pool)
TEST_CASE(nbl_initial_state_with_net_buffer)
TEST_CASE(nbl_initial_state_with_data)
TEST_CASE(nbl_initial_state_with_context_and_data_layout)
TEST_CASE(nbl_allocate_null_pool_gives_null)
TEST_CASE(nbl_allocate_from_nb_pool_gives_null)
TEST_CASE(nbl_allocate_context_sizes_not_multiple_of_8_give_null)
TEST_CASE(nbl_allocate_fails_when_memory_runs_out)
TEST_CASE(nbl_allocate_fails_when_pushed_context_cannot_be_had)
TEST_CASE(nbl_reuse_after_any_single_byte_with_data_is_fresh)
TEST_CASE(nbl_reuse_after_any_single_byte_with_net_buffer_is_fresh)
TEST_CASE(nbl_reuse_after_any_single_byte_plain_is_fresh)
TEST_CASE(nbl_reuse_plain_returns_initial_state)
TEST_CASE(nbl_reuse_with_net_buffer_returns_initial_state)
TEST_CASE(nbl_reuse_with_data_returns_initial_state)
TEST_CASE(nbl_reuse_with_context_returns_initial_state)
TEST_CASE(nbl_reuse_with_context_and_data_returns_initial_state)
TEST_CASE(nbl_reuse_after_pushed_context_returns_initial_state)
TEST_CASE(nb_reuse_mdl_and_data_returns_initial_state)
TEST_CASE(nb_reuse_allocate_net_buffer_returns_initial_state)
TEST_CASE(nb_and_nbl_fields_and_current_mdl)
TEST_CASE(nb_and_nbl_zeroes_the_whole_embedded_nb)
TEST_CASE(nb_and_nbl_with_context)
TEST_CASE(nb_and_nbl_wrong_pool_types_give_null)
TEST_CASE(nb_allocate_fields_and_current_mdl)
TEST_CASE(nb_allocate_wrong_pools_give_null)
TEST_CASE(nb_allocate_fails_when_memory_runs_out)
TEST_CASE(vector12_pool_data_embedded_mdl)
TEST_CASE(nb_mdl_and_data_wrong_pools_give_null)
TEST_CASE(nb_mdl_and_data_fails_when_memory_runs_out)
TEST_CASE(nb_free_keeps_retreat_prepended_mdl)
TEST_CASE(nb_free_data_pool_unmaps_mapped_head_mdl)
TEST_CASE(get_pool_from_nbl_and_nb)
TEST_CASE(protocol_id_get_and_set)
TEST_CASE(generic_object_fields_and_extra_bytes)
TEST_CASE(generic_object_fails_when_memory_runs_out)
TEST_MAIN_END
