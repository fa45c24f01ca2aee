/*
 * test_pools_create.c - creating NET_BUFFER_LIST and NET_BUFFER pools
 * (spec 6.1-6.2): the parameters every revision accepts, every rule that
 * gives NULL, allocation failure while creating, and the pools' frees.
 *
 * Every case records undis_alloc_outstanding() first and checks, after
 * freeing everything including its pools, that it is back to that value.
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/checks.h"
#include "support/pool_objects.h"

#define TAG POOL_OBJECTS_TAG

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
TEST_MAIN_END
