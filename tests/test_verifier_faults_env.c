/* SPDX-License-Identifier: MIT */
/*
 * test_verifier_faults_env.c: the UNDIS_FAULTS schedule
 * (src/verifier/fault_env.c): each keyword, a rate with a seed, what the
 * parser rejects, and the environment variable itself.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

#include "support/verifier_fixture.h"

/* src/verifier/fault_env.c: parse and apply an UNDIS_FAULTS specification (the
 * library's start-up does this with the environment variable). */
int undis__fault_env_parse(const char *spec, char *err, size_t err_len);

/* ------------------------------------------------------------------ */
/* UNDIS_FAULTS (src/verifier/fault_env.c)                                     */
/* ------------------------------------------------------------------ */

static NDIS_HANDLE
try_pool(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    return NdisAllocateNetBufferListPool(NULL, &p);
}

TEST(fault_env_alloc_nth)
{
    begin_case();
    char err[128];
    NDIS_HANDLE a, b;
    CHECK_EQ_INT(undis__fault_env_parse("alloc_nth=2", err, sizeof(err)), 0);
    a = try_pool();
    b = try_pool();
    CHECK(a != NULL);
    CHECK_NULL(b);
    CHECK_EQ_U64(undis_alloc_failed_count() - g_failed0, 1);
    NdisFreeNetBufferListPool(a);
    undis_fault_clear();
}

TEST(fault_env_map_nth)
{
    begin_case();
    char err[128];
    static UCHAR buf[64];
    PMDL m = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK(m != NULL);
    CHECK_EQ_INT(undis__fault_env_parse(" map_nth = 1 ", err, sizeof(err)), 0);
    CHECK_NULL(MmGetSystemAddressForMdlSafe(m, NormalPagePriority));
    CHECK(MmGetSystemAddressForMdlSafe(m, NormalPagePriority) != NULL);
    MmUnmapLockedPages(m->MappedSystemVa, m);
    IoFreeMdl(m);
    undis_fault_clear();
}

/* A rate refuses some allocations, not all, and each refusal is counted. */
TEST(fault_env_rate_and_seed)
{
    begin_case();
    char err[128];
    unsigned long long refused = 0;
    CHECK_EQ_INT(undis__fault_env_parse("alloc_rate=500000,seed=42", err, sizeof(err)), 0);
    for (int i = 0; i < 40; i++) {
        NDIS_HANDLE p = try_pool();
        if (p == NULL) {
            refused++;
        } else {
            NdisFreeNetBufferListPool(p);
        }
    }
    undis_fault_clear();
    CHECK(refused != 0 && refused != 40);
    CHECK_EQ_U64(undis_alloc_failed_count() - g_failed0, refused);
}

TEST(fault_env_rejects_bad_syntax)
{
    begin_case();
    static const char *const bad[] = {
        "alloc_nth",     "alloc_nth=",      "alloc_nth=x",
        "alloc_nth=-1",  "bogus=1",         "alloc_rate=1000001",
        "alloc_nth=1,,", "alloc_nth=1;x=2", "seed=99999999999999999999",
        "map_nth=1 2"
    };
    char err[128];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        CHECK_EQ_INT(undis__fault_env_parse(bad[i], err, sizeof(err)), -1);
        CHECK(err[0] != '\0');
    }
    /* Nothing was applied: allocations go through. */
    {
        NDIS_HANDLE p = try_pool();
        CHECK(p != NULL);
        NdisFreeNetBufferListPool(p);
    }
    CHECK_EQ_U64(undis_alloc_failed_count() - g_failed0, 0);
    CHECK_EQ_INT(undis__fault_env_parse("", err, sizeof(err)), 0);
}

/* Start-up: UNDIS_FAULTS as CTest sets it (tests/verifier_death/
 * CMakeLists.txt runs this case with UNDIS_FAULTS=alloc_nth=2 and with a
 * bad value); without the variable nothing is armed. */
TEST(fault_env_from_environment)
{
    const char *env = getenv("UNDIS_FAULTS");
    NDIS_HANDLE a = try_pool();
    NDIS_HANDLE b = try_pool();
    CHECK(a != NULL);
    if (env != NULL && strcmp(env, "alloc_nth=2") == 0) {
        CHECK_NULL(b);
        CHECK_EQ_U64(undis_alloc_failed_count() - g_failed0, 1);
    } else {
        CHECK(b != NULL);
        CHECK_EQ_U64(undis_alloc_failed_count() - g_failed0, 0);
        NdisFreeNetBufferListPool(b);
    }
    NdisFreeNetBufferListPool(a);
    undis_fault_clear();
}

/* Every entry point checks IRQL, not only the data path: a pool, an MDL and
 * a clone asked for above DISPATCH_LEVEL are refused (NULL) with a report. */

TEST_MAIN_BEGIN
TEST_CASE(fault_env_alloc_nth)
TEST_CASE(fault_env_map_nth)
TEST_CASE(fault_env_rate_and_seed)
TEST_CASE(fault_env_rejects_bad_syntax)
TEST_CASE(fault_env_from_environment)
TEST_MAIN_END
