/* SPDX-License-Identifier: MIT */
/*
 * test_verifier.c: the verifier (<undis/verifier.h>, issue 5). For every
 * rule a test named verifier_rule_<rule> fires it through a capturing
 * report function and checks the rule id, the call named, that the
 * offending call changed nothing (the NET_BUFFER / NBL bytes and the
 * outstanding objects are as before) and that it returned the documented
 * verifier-only failure. Then one test per level (what the level adds; at
 * level 0 the results are exactly Windows'), the UNDIS_VERIFIER variable,
 * the snapshot API, the quarantine, and the UNDIS_FAULTS schedule
 * (src/verifier/fault_env.c).
 *
 * The level and the report function are process-wide: every test sets them
 * with verify_begin() and puts level 0 and the default back with
 * verify_end() (CTest runs each case in its own process anyway).
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>
#include <undis/verifier.h>

/* src/verifier/fault_env.c: parse and apply an UNDIS_FAULTS specification (the
 * library's start-up does this with the environment variable). */
int undis__fault_env_parse(const char *spec, char *err, size_t err_len);

/* Every case starts from here: counters of this file, the fault
 * schedule, and baselines (all cases also run in one process under
 * valgrind, tests/memcheck). */
static unsigned g_allocs, g_frees;
static PMDL g_last;
static unsigned long long g_out0, g_failed0;

static void
begin_case(void)
{
    g_allocs = 0;
    g_frees = 0;
    g_last = NULL;
    undis_fault_clear();
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
    g_out0 = undis_alloc_outstanding();
    g_failed0 = undis_alloc_failed_count();
}

/* ------------------------------------------------------------------ */
/* Capturing report function                                          */
/* ------------------------------------------------------------------ */

static struct {
    unsigned n;
    undis_rule rule;
    char call[80];
    char reason[512];
    char history[512];
    const void *object;
    const NET_BUFFER *nb;
    const NET_BUFFER_LIST *nbl;
} g_cap;

/* Keeps the first report of a test. */
static void
capture(const undis_report *r, void *ctx)
{
    (void)ctx;
    if (g_cap.n++ != 0) {
        return;
    }
    g_cap.rule = r->rule;
    snprintf(g_cap.call, sizeof(g_cap.call), "%s", r->call);
    snprintf(g_cap.reason, sizeof(g_cap.reason), "%s", r->reason);
    snprintf(g_cap.history, sizeof(g_cap.history), "%s", r->history);
    g_cap.object = r->object;
    g_cap.nb = r->net_buffer;
    g_cap.nbl = r->net_buffer_list;
}

static void
verify_begin(int level)
{
    memset(&g_cap, 0, sizeof(g_cap));
    undis_verifier_set_report_fn(capture, NULL);
    undis_verifier_reset_counts();
    (void)undis_verifier_set_level(level);
    CHECK_EQ_INT(undis_verifier_level(), level);
}

static void
verify_end(void)
{
    (void)undis_verifier_set_level(0);
    undis_verifier_set_report_fn(NULL, NULL);
}

/* Exactly one report, of this rule, from this call. */
#define EXPECT_REPORT(rule_, call_)                                                         \
    do {                                                                                    \
        CHECK_EQ_U32(g_cap.n, 1);                                                           \
        CHECK_STR_EQ(undis_rule_name(g_cap.rule), #rule_);                                  \
        CHECK_EQ_INT((int)g_cap.rule, (int)UNDIS_RULE_##rule_);                             \
        CHECK_STR_EQ(g_cap.call, call_);                                                    \
        CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_##rule_), (unsigned long long)1); \
        CHECK_EQ_U64(undis_verifier_report_count(), 1);                                     \
    } while (0)

#define EXPECT_NO_REPORT()                              \
    do {                                                \
        CHECK_EQ_U32(g_cap.n, 0);                       \
        CHECK_EQ_U64(undis_verifier_report_count(), 0); \
    } while (0)

/* ------------------------------------------------------------------ */
/* MDLs, NET_BUFFERs, pools, handlers                                 */
/* ------------------------------------------------------------------ */

static UCHAR g_arena[8192];

static PMDL
mdl_over(UCHAR *buf, ULONG len)
{
    PMDL m = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    CHECK(m != NULL);
    MmBuildMdlForNonPagedPool(m);
    return m;
}

/* An NB over one arena MDL of mdl_len bytes, data at [off, off + len). */
static void
nb_one(NET_BUFFER *nb, ULONG mdl_len, ULONG off, ULONG len)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = mdl_over(g_arena, mdl_len);
    nb->DataOffset = off;
    nb->DataLength = len;
    NdisAdjustNetBufferCurrentMdl(nb);
    CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), UNDIS_CHECK_OK);
}

/* A driver's two-MDL NB: a 14-byte header MDL then a 100-byte payload MDL,
 * both the driver's own (no retreat made them). */
static void
nb_two(NET_BUFFER *nb)
{
    memset(nb, 0, sizeof(*nb));
    nb->MdlChain = mdl_over(g_arena, 14);
    nb->MdlChain->Next = mdl_over(g_arena + 64, 100);
    nb->DataLength = 114;
    NdisAdjustNetBufferCurrentMdl(nb);
    CHECK_EQ_INT(undis_nb_check(nb, NULL, 0), UNDIS_CHECK_OK);
}

static void
nb_free_mdls(NET_BUFFER *nb)
{
    PMDL m = nb->MdlChain;
    while (m != NULL) {
        PMDL next = m->Next;
        IoFreeMdl(m);
        m = next;
    }
    nb->MdlChain = NULL;
}

static NDIS_HANDLE
nbl_pool(USHORT context_size, BOOLEAN alloc_nb, ULONG data_size)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.ContextSize = context_size;
    p.fAllocateNetBuffer = alloc_nb;
    p.DataSize = data_size;
    p.PoolTag = 0x54534554;
    pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK(pool != NULL);
    return pool;
}

static NDIS_HANDLE
nb_pool(ULONG data_size)
{
    NET_BUFFER_POOL_PARAMETERS p;
    NDIS_HANDLE pool;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    p.DataSize = data_size;
    p.PoolTag = 0x54534554;
    pool = NdisAllocateNetBufferPool(NULL, &p);
    CHECK(pool != NULL);
    return pool;
}

/* The driver's own NetAllocateMdl / NetFreeMdl pair, and two broken
 * allocators: one lowers *BufferSize, one returns a bigger MDL than it
 * reports. g_last is the last MDL made (a test frees the ones a report
 * left behind). */

static PMDL
drv_mdl(ULONG size)
{
    PUCHAR buf = (PUCHAR)malloc(size != 0 ? size : 1);
    PMDL m = (PMDL)malloc(MmSizeOfMdl(buf, size));
    CHECK(buf != NULL && m != NULL);
    memset(buf, 0, size);
    MmInitializeMdl(m, buf, size);
    MmBuildMdlForNonPagedPool(m);
    g_allocs++;
    g_last = m;
    return m;
}

static PMDL
drv_alloc(PULONG BufferSize)
{
    return drv_mdl(*BufferSize);
}

static VOID
drv_free(PMDL Mdl)
{
    g_frees++;
    free(MmGetMdlVirtualAddress(Mdl));
    free(Mdl);
}

/* Another driver's free routine (never pairs with drv_alloc). */
static VOID
other_free(PMDL Mdl)
{
    drv_free(Mdl);
}

static PMDL
drv_alloc_small(PULONG BufferSize)
{
    PMDL m = drv_mdl(*BufferSize - 1);
    *BufferSize -= 1;
    return m;
}

static PMDL
drv_alloc_mismatch(PULONG BufferSize)
{
    return drv_mdl(*BufferSize + 8);
}

/* ------------------------------------------------------------------ */
/* One test per rule                                                  */
/* ------------------------------------------------------------------ */

TEST(verifier_rule_advance_past_data)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 100, 20, 80);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    NdisAdvanceNetBufferDataStart(&nb, 81, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_PAST_DATA, "NdisAdvanceNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.nb, &nb);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK(strstr(g_cap.reason, "81") != NULL && strstr(g_cap.reason, "80") != NULL);
    verify_end();
    nb_free_mdls(&nb);
}

/* The NBL form checks every NB before it changes any: the second NB's
 * violation leaves the first untouched. */
TEST(verifier_rule_advance_past_data_nbl_checks_every_nb_first)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER_LIST *nbl;
    NET_BUFFER *second;
    NET_BUFFER b0, b1;
    unsigned long long out;
    nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 0, 100);
    second = NdisAllocateNetBuffer(nbp, mdl_over(g_arena, 10), 0, 10);
    CHECK(nbl != NULL && second != NULL);
    nbl->FirstNetBuffer->Next = second;
    memcpy(&b0, nbl->FirstNetBuffer, sizeof(b0));
    memcpy(&b1, second, sizeof(b1));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisAdvanceNetBufferListDataStart(nbl, 20, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_PAST_DATA, "NdisAdvanceNetBufferListDataStart");
    CHECK_PTR_EQ(g_cap.nb, second);
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl->FirstNetBuffer, &b0, sizeof(b0));
    CHECK_MEM_EQ(second, &b1, sizeof(b1));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    verify_end();
    nbl->FirstNetBuffer->Next = NULL;
    IoFreeMdl(second->MdlChain);
    NdisFreeNetBuffer(second);
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferPool(nbp);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 does not walk the chain, so a NET_BUFFER whose numbers claim
 * almost 4 GiB can be used to show the arithmetic rules. */
TEST(verifier_rule_retreat_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl_over(g_arena, 16);
    nb.CurrentMdl = nb.MdlChain;
    nb.DataOffset = 16;
    nb.CurrentMdlOffset = 16;
    nb.DataLength = 0xFFFFFFF8u;
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 0, drv_alloc);
    CHECK_STATUS(st, NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(RETREAT_WRAP, "NdisRetreatNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_allocs, 0);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_retreat_size_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 0xFFFFFFF8u, drv_alloc);
    CHECK_STATUS(st, NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(RETREAT_SIZE_WRAP, "NdisRetreatNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_allocs, 0); /* the handler was never asked */
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_advance_wrap)
{
    begin_case();
    NET_BUFFER nb, before;
    memset(&nb, 0, sizeof(nb));
    nb.MdlChain = mdl_over(g_arena, 16);
    nb.DataOffset = 0xFFFFFFF0u;
    nb.DataLength = 0x100;
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    NdisAdvanceNetBufferDataStart(&nb, 0x20, FALSE, NULL);
    EXPECT_REPORT(ADVANCE_WRAP, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_handler_size_too_small)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 8, drv_alloc_small);
    CHECK_STATUS(st, NDIS_STATUS_FAILURE);
    EXPECT_REPORT(HANDLER_SIZE_TOO_SMALL, "NdisRetreatNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, g_last);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    drv_free(g_last); /* the MDL is the handler's: undis cannot know its free */
    nb_free_mdls(&nb);
}

TEST(verifier_rule_handler_bytecount_mismatch)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_STATUS st;
    nb_one(&nb, 64, 0, 64);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    st = NdisRetreatNetBufferDataStart(&nb, 16, 8, drv_alloc_mismatch);
    CHECK_STATUS(st, NDIS_STATUS_FAILURE);
    EXPECT_REPORT(HANDLER_BYTECOUNT_MISMATCH, "NdisRetreatNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, g_last);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    drv_free(g_last);
    nb_free_mdls(&nb);
}

TEST(verifier_rule_free_mdl_not_retreat_allocated)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_two(&nb);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(2);
    /* The classic bug: FreeMdl TRUE over the driver's own header MDL. */
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    EXPECT_REPORT(FREE_MDL_NOT_RETREAT_ALLOCATED, "NdisAdvanceNetBufferDataStart");
    CHECK_PTR_EQ(g_cap.object, before.MdlChain);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U32(g_frees, 0);
    verify_end();
    nb_free_mdls(&nb);
}

/* The default allocated it; a driver's NetFreeMdl would free it. */
TEST(verifier_rule_free_mdl_wrong_handler)
{
    begin_case();
    NET_BUFFER nb, before;
    unsigned long long out;
    nb_one(&nb, 64, 0, 64);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, NULL), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    out = undis_alloc_outstanding();
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK(strstr(g_cap.reason, "the default NetAllocateMdl") != NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    CHECK_EQ_U32(g_frees, 0);
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, NULL); /* the right way */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    CHECK_EQ_INT(undis_nb_check(&nb, NULL, 0), UNDIS_CHECK_OK);
    nb_free_mdls(&nb);
}

/* A driver's handler allocated it; the default free (NULL) would get it.
 * Without the verifier this aborts with DEFAULT_FREE_FOREIGN_MDL. */
TEST(verifier_rule_free_mdl_wrong_handler_driver_mdl_to_default)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 64, 0, 64);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, drv_alloc), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, NULL);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    verify_end();
    nb_free_mdls(&nb);
}

/* Handler A's MDL freed by handler B, once the pair A/free-A is known. */
TEST(verifier_rule_free_mdl_wrong_handler_other_driver)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 64, 0, 64);
    NET_BUFFER_LIST nbl;
    memset(&nbl, 0, sizeof(nbl));
    nbl.FirstNetBuffer = &nb;
    verify_begin(2);
    /* An NBL-level retreat names both handlers: the verifier learns the pair. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(&nbl, 32, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferListDataStart(&nbl, 32, TRUE, drv_free);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(&nb, 32, 0, drv_alloc), NDIS_STATUS_SUCCESS);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, other_free);
    EXPECT_REPORT(FREE_MDL_WRONG_HANDLER, "NdisAdvanceNetBufferDataStart");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    NdisAdvanceNetBufferDataStart(&nb, 32, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 2);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nbl_retreat_one_null_handler)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    CHECK(nbl != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    memcpy(&nbb, nbl->FirstNetBuffer, sizeof(nbb));
    verify_begin(1);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 80, 0, drv_alloc, NULL),
                 NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(NBL_RETREAT_ONE_NULL_HANDLER, "NdisRetreatNetBufferListDataStart");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_MEM_EQ(nbl->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U32(g_allocs, 0);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_nb_freed_with_retreat_mdls)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER before;
    PMDL mdl;
    unsigned long long out;
    CHECK(nb != NULL);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nb, 16, 0, NULL), NDIS_STATUS_SUCCESS);
    memcpy(&before, nb, sizeof(before));
    out = undis_alloc_outstanding();
    NdisFreeNetBuffer(nb);
    EXPECT_REPORT(NB_FREED_WITH_RETREAT_MDLS, "NdisFreeNetBuffer");
    CHECK_MEM_EQ(nb, &before, sizeof(before));
    CHECK_EQ_U64(undis_alloc_outstanding(), out); /* not freed */
    /* Still live: advance with FreeMdl, then the free goes through. */
    NdisAdvanceNetBufferDataStart(nb, 16, TRUE, NULL);
    mdl = nb->MdlChain;
    NdisFreeNetBuffer(nb);
    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* The same through NdisFreeNetBufferList (the NBL's own NB). */
TEST(verifier_rule_nb_freed_with_retreat_mdls_via_nbl)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST lb;
    PMDL mdl;
    CHECK(nbl != NULL);
    verify_begin(2);
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 16, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    memcpy(&lb, nbl, sizeof(lb));
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NB_FREED_WITH_RETREAT_MDLS, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nb, nbl->FirstNetBuffer);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    NdisAdvanceNetBufferListDataStart(nbl, 16, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    mdl = nbl->FirstNetBuffer->MdlChain;
    NdisFreeNetBufferList(nbl);
    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_nbl_freed_with_context)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST lb;
    unsigned long long out;
    CHECK(nbl != NULL);
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, 0x54534554), NDIS_STATUS_SUCCESS);
    memcpy(&lb, nbl, sizeof(lb));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NBL_FREED_WITH_CONTEXT, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    NdisFreeNetBufferListContext(nbl, 16);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_nbl_freed_with_children)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *parent =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    NET_BUFFER_LIST *clone;
    NET_BUFFER_LIST lb;
    CHECK(parent != NULL);
    clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
    CHECK(clone != NULL);
    clone->ParentNetBufferList = parent; /* the driver's bookkeeping */
    parent->ChildRefCount++;
    memcpy(&lb, parent, sizeof(lb));
    verify_begin(1);
    NdisFreeNetBufferList(parent);
    EXPECT_REPORT(NBL_FREED_WITH_CHILDREN, "NdisFreeNetBufferList");
    CHECK_MEM_EQ(parent, &lb, sizeof(lb));
    NdisFreeCloneNetBufferList(clone, 0);
    parent->ChildRefCount--;
    IoFreeMdl(parent->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(parent);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* Level 2 keeps its own record of the clones and fragments made from each
 * NBL, so a parent freed before them is named even when the driver keeps
 * no ChildRefCount. The free does nothing; the report counts them. */
TEST(verifier_rule_parent_freed_with_clones)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *parent, *clone, *frag;
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    unsigned long long out;
    verify_begin(2);
    parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
    CHECK(parent != NULL);
    clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
    frag = NdisAllocateFragmentNetBufferList(parent, NULL, NULL, 0, 16, 0, 0, 0);
    CHECK(clone != NULL && frag != NULL);
    memcpy(&lb, parent, sizeof(lb));
    memcpy(&nbb, parent->FirstNetBuffer, sizeof(nbb));
    out = undis_alloc_outstanding();
    NdisFreeNetBufferList(parent);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, parent);
    CHECK_PTR_EQ(g_cap.object, parent);
    CHECK(strstr(g_cap.reason, "2 NBL(s) made from it still live (1 clone(s), 1 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(parent, &lb, sizeof(lb));
    CHECK_MEM_EQ(parent->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* Freed in the right order: no further report. */
    NdisFreeCloneNetBufferList(clone, 0);
    NdisFreeFragmentNetBufferList(frag, 0, 0);
    IoFreeMdl(parent->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(parent);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* A parent that is itself a clone or a fragment: its own free
 * (NdisFreeCloneNetBufferList, NdisFreeFragmentNetBufferList) is refused
 * while NBLs made from it live. */
TEST(verifier_rule_parent_freed_with_clones_derived_parent)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *root, *c1, *c2, *f1, *f2, *c3;
    NET_BUFFER_LIST lb;
    NET_BUFFER nbb;
    unsigned long long out;
    verify_begin(2);
    root = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 200), 0, 200);
    CHECK(root != NULL);
    c1 = NdisAllocateCloneNetBufferList(root, NULL, NULL, 0);
    CHECK(c1 != NULL);
    c2 = NdisAllocateCloneNetBufferList(c1, NULL, NULL, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    f1 = NdisAllocateFragmentNetBufferList(root, NULL, NULL, 0, 100, 14, 0, 0);
    CHECK(c2 != NULL && f1 != NULL);
    f2 = NdisAllocateFragmentNetBufferList(f1, NULL, NULL, 14, 30, 0, 0, 0);
    c3 = NdisAllocateCloneNetBufferList(f1, NULL, NULL, 0);
    CHECK(f2 != NULL && c3 != NULL);

    memcpy(&lb, c1, sizeof(lb));
    memcpy(&nbb, c1->FirstNetBuffer, sizeof(nbb));
    out = undis_alloc_outstanding();
    NdisFreeCloneNetBufferList(c1, 0);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeCloneNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, c1);
    CHECK(strstr(g_cap.reason, "1 NBL(s) made from it still live (1 clone(s), 0 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(c1, &lb, sizeof(lb));
    CHECK_MEM_EQ(c1->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);

    verify_begin(2);
    memcpy(&lb, f1, sizeof(lb));
    memcpy(&nbb, f1->FirstNetBuffer, sizeof(nbb));
    NdisFreeFragmentNetBufferList(f1, 14, 0);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeFragmentNetBufferList");
    CHECK_PTR_EQ(g_cap.nbl, f1);
    CHECK(strstr(g_cap.reason, "2 NBL(s) made from it still live (1 clone(s), 1 fragment(s))") !=
          NULL);
    CHECK_MEM_EQ(f1, &lb, sizeof(lb));
    CHECK_MEM_EQ(f1->FirstNetBuffer, &nbb, sizeof(nbb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);

    verify_begin(2);
    NdisFreeNetBufferList(root);
    EXPECT_REPORT(PARENT_FREED_WITH_CLONES, "NdisFreeNetBufferList");
    CHECK(strstr(g_cap.reason, "(1 clone(s), 1 fragment(s))") != NULL);

    verify_begin(2);
    NdisFreeCloneNetBufferList(c2, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    NdisFreeCloneNetBufferList(c1, 0);
    NdisFreeFragmentNetBufferList(f2, 0, 0);
    NdisFreeCloneNetBufferList(c3, 0);
    NdisFreeFragmentNetBufferList(f1, 14, 0);
    IoFreeMdl(root->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(root);
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* An MDL freed at level 2 is recorded as freed; when its address comes back
 * from IoAllocateMdl while the verifier is below level 2, the record must
 * go, or freeing the new MDL at level 2 reads as a double free. (The
 * allocator hands the same block back at once; the case checks that it did.) */
TEST(verifier_mdl_reused_below_level2_is_not_a_double_free)
{
    static UCHAR buf[64];
    PMDL first, again = NULL;
    PMDL held[64];
    size_t n = 0;
    begin_case();
    verify_begin(2);
    first = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK(first != NULL);
    IoFreeMdl(first);
    EXPECT_NO_REPORT();
    verify_begin(0);
    while (n < sizeof(held) / sizeof(held[0])) {
        PMDL m = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
        CHECK(m != NULL);
        if (m == first) {
            again = m;
            break;
        }
        held[n++] = m;
    }
    for (size_t i = 0; i < n; i++) {
        IoFreeMdl(held[i]);
    }
    /* glibc hands the block just freed back first; ASan's and valgrind's
     * allocators hold freed blocks back, and there the case checks less. */
#if !defined(__SANITIZE_ADDRESS__)
    if (getenv("LD_PRELOAD") == NULL || strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL) {
        CHECK(again != NULL);
    }
#endif
    if (again != NULL) {
        verify_begin(2);
        IoFreeMdl(again);
        EXPECT_NO_REPORT();
        IoFreeMdl(again); /* and a real double free is still seen */
        CHECK_EQ_INT((int)g_cap.rule, (int)UNDIS_RULE_DOUBLE_FREE);
    }
    verify_end();
}

/* Only level 2 records derived NBLs: clones made at levels 0 and 1 are not
 * held against their parent later; a record made at level 2 goes with its
 * clone even when the clone is freed at level 0, or with
 * NdisFreeNetBufferList; nothing stale stays behind. */
TEST(verifier_parent_tracking_levels)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    /* (The parents' MDLs are allocated at level 2 too, as level 2 tracks
     * IoFreeMdl's double frees.) */
    for (int level = 0; level <= 1; level++) {
        NET_BUFFER_LIST *parent, *clone;
        PMDL mdl;
        verify_begin(2);
        parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK(parent != NULL);
        verify_begin(level);
        clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL, 0);
        CHECK(clone != NULL);
        verify_begin(2);
        mdl = parent->FirstNetBuffer->MdlChain;
        NdisFreeNetBufferList(parent); /* not recorded: no report */
        EXPECT_NO_REPORT();
        NdisFreeCloneNetBufferList(clone, 0);
        IoFreeMdl(mdl);
        verify_end();
    }
    for (int way = 0; way < 2; way++) {
        NET_BUFFER_LIST *parent, *clone;
        verify_begin(2);
        parent = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK(parent != NULL);
        clone = NdisAllocateCloneNetBufferList(parent, NULL, NULL,
                                               way == 0 ? 0 : NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
        CHECK(clone != NULL);
        if (way == 0) {
            verify_begin(0);
            NdisFreeCloneNetBufferList(clone, 0);
        } else {
            /* The wrong free, but it has nothing else to free here. */
            NdisFreeNetBufferList(clone);
        }
        verify_begin(2);
        IoFreeMdl(parent->FirstNetBuffer->MdlChain);
        NdisFreeNetBufferList(parent);
        EXPECT_NO_REPORT();
        verify_end();
    }
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_nbl_freed_with_foreign_nb)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nbp, NULL, 0, 0);
    NET_BUFFER_LIST lb;
    unsigned long long out;
    CHECK(nbl != NULL && nb != NULL);
    nbl->FirstNetBuffer = nb;
    memcpy(&lb, nbl, sizeof(lb));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(NBL_FREED_WITH_FOREIGN_NB, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.nb, nb);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    nbl->FirstNetBuffer = NULL;
    NdisFreeNetBuffer(nb);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_double_free)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl, *other;
    unsigned long long out;
    verify_begin(2);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL);
    NdisFreeNetBufferList(nbl);
    out = undis_alloc_outstanding();
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBufferList");
    CHECK_PTR_EQ(g_cap.object, nbl);
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* Not put back twice: the next two allocations are different objects. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    other = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL && other != NULL && nbl != other);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferList(other);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 sees a double free too (the object's state word), and for NBs. */
TEST(verifier_rule_double_free_nb_level1)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(pool, NULL, 0, 0);
    CHECK(nb != NULL);
    verify_begin(1);
    NdisFreeNetBuffer(nb);
    NdisFreeNetBuffer(nb);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBuffer");
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_use_after_free)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *victim;
    verify_begin(2);
    victim = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(victim != NULL);
    NdisFreeNetBufferList(victim);
    CHECK_EQ_U32(victim->Flags, 0xDFDFDFDFu); /* poisoned */
    victim->Status = NDIS_STATUS_SUCCESS;     /* the bug: a write after free */
    EXPECT_NO_REPORT();
    /* The quarantine holds 256 objects: 256 more frees push the victim out. */
    for (int i = 0; i < 256; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        CHECK(nbl != NULL && nbl != victim);
        NdisFreeNetBufferList(nbl);
    }
    EXPECT_REPORT(USE_AFTER_FREE, "(quarantine)");
    CHECK_PTR_EQ(g_cap.object, victim);
    CHECK(strstr(g_cap.reason, "written after it was freed") != NULL);
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* An NB from an NB pool given to NdisFreeNetBufferList, and an NB pool
 * handle given to NdisAllocateNetBufferList. */
TEST(verifier_rule_wrong_pool)
{
    begin_case();
    NDIS_HANDLE nbp = nb_pool(0);
    NET_BUFFER *nb = NdisAllocateNetBuffer(nbp, NULL, 0, 0);
    NET_BUFFER before;
    unsigned long long out;
    CHECK(nb != NULL);
    memcpy(&before, nb, sizeof(before));
    out = undis_alloc_outstanding();
    verify_begin(1);
    NdisFreeNetBufferList((NET_BUFFER_LIST *)(void *)nb);
    EXPECT_REPORT(WRONG_POOL, "NdisFreeNetBufferList");
    CHECK_MEM_EQ(nb, &before, sizeof(before));
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    NdisFreeNetBuffer(nb); /* still live: the right free works */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_wrong_pool_alloc_from_nb_pool)
{
    begin_case();
    NDIS_HANDLE nbp = nb_pool(0);
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(nbp, 0, 0));
    EXPECT_REPORT(WRONG_POOL, "NdisAllocateNetBufferList");
    CHECK_PTR_EQ(g_cap.object, nbp);
    verify_end();
    NdisFreeNetBufferPool(nbp);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_pool_freed_with_objects)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *a = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *b = NdisAllocateNetBufferList(pool, 0, 0);
    NET_BUFFER_LIST *c;
    char pa[32], pb[32];
    unsigned long long out;
    CHECK(a != NULL && b != NULL);
    snprintf(pa, sizeof(pa), "%p", (void *)a);
    snprintf(pb, sizeof(pb), "%p", (void *)b);
    out = undis_alloc_outstanding();
    verify_begin(2);
    NdisFreeNetBufferListPool(pool);
    EXPECT_REPORT(POOL_FREED_WITH_OBJECTS, "NdisFreeNetBufferListPool");
    CHECK_PTR_EQ(g_cap.object, pool);
    CHECK(strstr(g_cap.reason, "2 object(s) still out") != NULL);
    CHECK(strstr(g_cap.reason, pa) != NULL);
    CHECK(strstr(g_cap.reason, pb) != NULL);
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* The pool was not freed: it still hands out NBLs. */
    c = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(c != NULL);
    NdisFreeNetBufferList(a);
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferList(c);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

TEST(verifier_rule_bad_pool_parameters)
{
    begin_case();
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    NET_BUFFER_POOL_PARAMETERS q;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 - 1;
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferListPool(NULL, &p));
    EXPECT_REPORT(BAD_POOL_PARAMETERS, "NdisAllocateNetBufferListPool");
    CHECK_PTR_EQ(g_cap.object, &p);
    memset(&q, 0, sizeof(q));
    q.Header.Type = 0;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    CHECK_NULL(NdisAllocateNetBufferPool(NULL, &q));
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_BAD_POOL_PARAMETERS), 2);
    verify_end();
}

TEST(verifier_rule_context_size)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, FALSE, 0);
    NET_BUFFER_LIST *nbl;
    NET_BUFFER_LIST lb;
    unsigned long long out = undis_alloc_outstanding();
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(pool, 12, 0));
    EXPECT_REPORT(CONTEXT_SIZE, "NdisAllocateNetBufferList");
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
    /* NdisAllocateNetBufferListContext: Windows' own status, now named. */
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(nbl != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 4, 0), NDIS_STATUS_INVALID_DATA);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_CONTEXT_SIZE), 2);
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    NdisFreeNetBufferList(nbl);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_context_underflow)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(16, FALSE, 0);
    NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 8, 0);
    NET_BUFFER_LIST lb;
    NET_BUFFER_LIST_CONTEXT cb;
    CHECK(nbl != NULL && nbl->Context != NULL);
    memcpy(&lb, nbl, sizeof(lb));
    memcpy(&cb, nbl->Context, sizeof(cb));
    verify_begin(1);
    NdisFreeNetBufferListContext(nbl, 16); /* 8 in use */
    EXPECT_REPORT(CONTEXT_UNDERFLOW, "NdisFreeNetBufferListContext");
    CHECK_MEM_EQ(nbl, &lb, sizeof(lb));
    CHECK_PTR_EQ(nbl->Context->Next, cb.Next);
    CHECK_EQ_U32(nbl->Context->Size, cb.Size);
    CHECK_EQ_U32(nbl->Context->Offset, cb.Offset);
    NdisFreeNetBufferListContext(nbl, 8);
    NdisFreeNetBufferList(nbl);
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

TEST(verifier_rule_get_data_beyond_length)
{
    begin_case();
    NET_BUFFER nb, before;
    UCHAR storage[128];
    nb_one(&nb, 100, 10, 60);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 61, storage, 1, 0));
    EXPECT_REPORT(GET_DATA_BEYOND_LENGTH, "NdisGetDataBuffer");
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK(NdisGetDataBuffer(&nb, 60, storage, 1, 0) != NULL); /* within: fine */
    CHECK_EQ_U64(undis_verifier_report_count(), 1);
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_irql_too_high)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_SPIN_LOCK lock;
    KIRQL old;
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    /* DISPATCH_LEVEL (a spin lock held) is allowed. */
    NdisAllocateSpinLock(&lock);
    NdisAcquireSpinLock(&lock);
    CHECK_EQ_INT(NDIS_CURRENT_IRQL(), DISPATCH_LEVEL);
    NdisAdvanceNetBufferDataStart(&nb, 10, FALSE, NULL);
    NdisReleaseSpinLock(&lock);
    NdisFreeSpinLock(&lock);
    EXPECT_NO_REPORT();
    NdisRetreatNetBufferDataStart(&nb, 10, 0, NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    /* Above it, not. */
    KeRaiseIrql(HIGH_LEVEL, &old);
    NdisAdvanceNetBufferDataStart(&nb, 10, FALSE, NULL);
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "NdisAdvanceNetBufferDataStart");
    CHECK(strstr(g_cap.reason, "IRQL 15") != NULL);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nb_structure)
{
    begin_case();
    NET_BUFFER nb, before;
    nb_one(&nb, 100, 10, 60);
    nb.CurrentMdlOffset = 0; /* should be 10 */
    CHECK(undis_nb_check(&nb, NULL, 0) != UNDIS_CHECK_OK);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(2);
    NdisAdvanceNetBufferDataStart(&nb, 4, FALSE, NULL);
    EXPECT_REPORT(NB_STRUCTURE, "NdisAdvanceNetBufferDataStart");
    CHECK(g_cap.reason[0] != '\0');
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_null_argument)
{
    begin_case();
    verify_begin(1);
    CHECK_NULL(NdisAllocateNetBufferList(NULL, 0, 0));
    EXPECT_REPORT(NULL_ARGUMENT, "NdisAllocateNetBufferList");
    NdisAdvanceNetBufferDataStart(NULL, 4, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_NULL_ARGUMENT), 2);
    verify_end();
}

TEST(verifier_rule_get_data_bad_alignment)
{
    NET_BUFFER nb, before;
    UCHAR storage[16];
    begin_case();
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    verify_begin(1);
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, storage, 3, 0)); /* AlignMultiple not 2^n */
    EXPECT_REPORT(GET_DATA_BAD_ALIGNMENT, "NdisGetDataBuffer");
    CHECK_NULL(NdisGetDataBuffer(&nb, 8, storage, 4, 4)); /* AlignOffset not below it */
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BAD_ALIGNMENT), 2);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    verify_end();
    nb_free_mdls(&nb);
}

TEST(verifier_rule_nbl_not_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(0); /* explicit calls: any level */
    snap = undis_nbl_snapshot(nbl);
    CHECK(snap != NULL);
    /* Code under test advances past the Ethernet header and hands it back. */
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 14, FALSE, NULL);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 0);
    EXPECT_REPORT(NBL_NOT_RESTORED, "undis_nbl_expect_restored");
    CHECK_PTR_EQ(g_cap.nbl, nbl);
    CHECK(strstr(g_cap.reason, "DataOffset/DataLength 34/66, recorded 20/80") != NULL);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0); /* the snapshot was freed */
}

/* Every rule id has a test above (and a name and a rationale). */
TEST(verifier_every_rule_is_named)
{
    begin_case();
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        const char *name = undis_rule_name((undis_rule)i);
        const char *why = undis_rule_rationale((undis_rule)i);
        if (name == NULL || why == NULL) {
            printf("rule %d has no entry in the name table (src/verifier/verifier.c g_rules)\n", i);
        }
        CHECK(name != NULL && why != NULL);
        CHECK(strcmp(name, "UNKNOWN") != 0);
        CHECK(why[0] != '\0');
    }
    CHECK_STR_EQ(undis_rule_name(UNDIS_RULE_COUNT), "UNKNOWN");
    CHECK_EQ_INT((int)UNDIS_RULE_COUNT, 28); /* a new rule needs a test here */
}

/* ------------------------------------------------------------------ */
/* Snapshots                                                          */
/* ------------------------------------------------------------------ */

TEST(verifier_snapshot_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(2);
    snap = undis_nbl_snapshot(nbl);
    CHECK(snap != NULL);
    /* A filter pushes a tag with its own allocator and pops it again. */
    CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 64, 0, drv_alloc, drv_free),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferListDataStart(nbl, 64, TRUE, drv_free);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 1);
    EXPECT_NO_REPORT();
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* A retreat that allocated an MDL and was undone without FreeMdl leaves
 * the chain longer: not restored. */
TEST(verifier_snapshot_extra_mdl_not_restored)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl =
        NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 100), 20, 80);
    undis_nbl_geometry *snap;
    CHECK(nbl != NULL);
    verify_begin(1);
    snap = undis_nbl_snapshot(nbl);
    CHECK_STATUS(NdisRetreatNetBufferDataStart(nbl->FirstNetBuffer, 64, 0, drv_alloc),
                 NDIS_STATUS_SUCCESS);
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 64, FALSE, NULL);
    CHECK_EQ_INT(undis_nbl_expect_restored(snap, nbl), 0);
    EXPECT_REPORT(NBL_NOT_RESTORED, "undis_nbl_expect_restored");
    NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 0, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    verify_end();
    IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

/* ------------------------------------------------------------------ */
/* Levels                                                             */
/* ------------------------------------------------------------------ */

/* Level 0: Windows exactly, including what Windows does not check. */
TEST(verifier_level0_is_windows)
{
    begin_case();
    NET_BUFFER nb;
    UCHAR storage[128];
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    PMDL payload;
    verify_begin(0);
    /* Advance past DataLength: DataLength wraps. */
    nb_one(&nb, 100, 0, 100);
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    CHECK_EQ_U32(nb.DataOffset, 101);
    CHECK_EQ_U32(nb.DataLength, 0xFFFFFFFFu);
#if UNDIS_DEBUG >= 2
    /* Debug level 2 (a build setting, not the verifier): the structure
     * checker after the call names the wrap. */
    EXPECT_REPORT(NB_STRUCTURE, "NdisAdvanceNetBufferDataStart");
    memset(&g_cap, 0, sizeof(g_cap));
    undis_verifier_reset_counts();
#endif
    nb_free_mdls(&nb);
    /* FreeMdl TRUE frees the driver's own header MDL, silently. */
    nb_two(&nb);
    payload = nb.MdlChain->Next;
    IoFreeMdl(nb.MdlChain);
    nb.MdlChain = drv_mdl(14); /* the same, allocated as drv_free expects */
    nb.MdlChain->Next = payload;
    NdisAdjustNetBufferCurrentMdl(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    CHECK_PTR_EQ(nb.MdlChain, payload);
    CHECK_EQ_U32(nb.DataOffset, 0);
    CHECK_EQ_U32(nb.DataLength, 100);
    /* NdisGetDataBuffer beyond DataLength: NULL. */
    CHECK_NULL(NdisGetDataBuffer(&nb, 101, storage, 1, 0));
    nb_free_mdls(&nb);
    /* Bad pool parameters: NULL. */
    memset(&p, 0, sizeof(p));
    CHECK_NULL(NdisAllocateNetBufferListPool(NULL, &p));
    /* NBL retreat with one NULL handler: Windows' own INVALID_PARAMETER. */
    {
        NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
        NET_BUFFER_LIST *nbl =
            NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl_over(g_arena, 64), 0, 64);
        CHECK_STATUS(NdisRetreatNetBufferListDataStart(nbl, 80, 0, NULL, drv_free),
                     NDIS_STATUS_INVALID_PARAMETER);
        IoFreeMdl(nbl->FirstNetBuffer->MdlChain);
        NdisFreeNetBufferList(nbl);
        NdisFreeNetBufferListPool(pool);
    }
    EXPECT_NO_REPORT();
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 1 adds the contract checks; no tracking (the driver's MDL is still
 * freed by FreeMdl, a freed NBL is reused at once, no poison). */
TEST(verifier_level1_contract_checks)
{
    begin_case();
    NET_BUFFER nb, before;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *a, *b;
    PMDL payload;
    UCHAR storage[128];
    verify_begin(1);
    nb_one(&nb, 100, 0, 100);
    memcpy(&before, &nb, sizeof(before));
    NdisAdvanceNetBufferDataStart(&nb, 101, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_ADVANCE_PAST_DATA), 1);
    CHECK_MEM_EQ(&nb, &before, sizeof(nb));
    CHECK_NULL(NdisGetDataBuffer(&nb, 101, storage, 1, 0));
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_GET_DATA_BEYOND_LENGTH), 1);
    nb_free_mdls(&nb);
    /* No ledger at level 1: FreeMdl over the driver's MDL goes through. */
    nb_two(&nb);
    payload = nb.MdlChain->Next;
    IoFreeMdl(nb.MdlChain);
    nb.MdlChain = drv_mdl(14);
    nb.MdlChain->Next = payload;
    NdisAdjustNetBufferCurrentMdl(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U32(g_frees, 1);
    nb_free_mdls(&nb);
    /* No quarantine: the freed NBL is the next one handed out. */
    pool = nbl_pool(0, TRUE, 0);
    a = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(a);
    b = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_PTR_EQ(a, b);
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_verifier_report_count(), 2);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 2 adds the structure checker, the retreat ledger and the
 * quarantine; reports carry no history yet. */
TEST(verifier_level2_tracking)
{
    begin_case();
    NET_BUFFER nb;
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *a, *b;
    verify_begin(2);
    nb_two(&nb);
    NdisAdvanceNetBufferDataStart(&nb, 14, TRUE, drv_free);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_FREE_MDL_NOT_RETREAT_ALLOCATED), 1);
    CHECK_STR_EQ(g_cap.history, "");
    nb.CurrentMdlOffset = 3;
    NdisAdvanceNetBufferDataStart(&nb, 1, FALSE, NULL);
    CHECK_EQ_U64(undis_verifier_rule_count(UNDIS_RULE_NB_STRUCTURE), 1);
    nb_free_mdls(&nb);
    pool = nbl_pool(0, TRUE, 0);
    a = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(a);
    CHECK_EQ_U32(a->Flags, 0xDFDFDFDFu); /* poisoned */
    b = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK(a != b); /* held in the quarantine */
    NdisFreeNetBufferList(b);
    NdisFreeNetBufferListPool(pool); /* purges the quarantine, no report */
    CHECK_EQ_U64(undis_verifier_report_count(), 2);
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* Level 3 adds the object's recent events to each report. */
TEST(verifier_level3_history)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 0);
    NET_BUFFER_LIST *nbl;
    verify_begin(3);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferList(nbl);
    EXPECT_REPORT(DOUBLE_FREE, "NdisFreeNetBufferList");
    CHECK_STR_EQ(g_cap.history, "NdisAllocateNetBufferList -> NdisFreeNetBufferList");
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* The level set from UNDIS_VERIFIER at start-up (CTest runs this case
 * once without the variable, where the level must be 0, and once with
 * UNDIS_VERIFIER=2: tests/verifier_death/CMakeLists.txt). */
TEST(verifier_level_from_environment)
{
    const char *env = getenv("UNDIS_VERIFIER");
    int expected = env != NULL && env[0] >= '0' && env[0] <= '9' ? env[0] - '0' : 0;
    expected = expected > 3 ? 3 : expected;
    CHECK_EQ_INT(undis_verifier_level(), expected);
    (void)undis_verifier_set_level(0);
}

TEST(verifier_set_level_clamps_and_returns_previous)
{
    begin_case();
    CHECK_EQ_INT(undis_verifier_set_level(7), 0);
    CHECK_EQ_INT(undis_verifier_level(), 3);
    CHECK_EQ_INT(undis_verifier_set_level(-1), 3);
    CHECK_EQ_INT(undis_verifier_level(), 0);
}

/* ------------------------------------------------------------------ */
/* The quarantine and data pools                                      */
/* ------------------------------------------------------------------ */

/* A data pool's NBL carries an MDL built once when the slab was carved.
 * After a trip through the quarantine (poisoned, then reused) it must still
 * describe the NBL's data. */
TEST(verifier_level2_data_pool_objects_survive_quarantine)
{
    begin_case();
    NDIS_HANDLE pool = nbl_pool(0, TRUE, 256);
    char why[256];
    verify_begin(2);
    for (int i = 0; i < 300; i++) {
        NET_BUFFER_LIST *nbl = NdisAllocateNetBufferList(pool, 0, 0);
        CHECK(nbl != NULL);
        if (undis_nb_check(nbl->FirstNetBuffer, why, sizeof(why)) != UNDIS_CHECK_OK) {
            printf("allocation %d: %s\n", i, why);
            CHECK(0);
        }
        CHECK_STATUS(NdisRetreatNetBufferDataStart(nbl->FirstNetBuffer, 14, 0, NULL),
                     NDIS_STATUS_SUCCESS);
        NdisAdvanceNetBufferDataStart(nbl->FirstNetBuffer, 14, FALSE, NULL);
        NdisFreeNetBufferList(nbl);
    }
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferListPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

/* NDIS never reads the MDLs of an NB from a pool without data when it
 * frees the NB, so a driver may free its MDLs first. The level 2 check for
 * retreat-allocated MDLs must not walk them. (Under ASan a walk shows as a
 * heap-use-after-free; without it, as whatever the freed memory holds.) */
TEST(verifier_level2_nb_freed_after_its_mdls)
{
    begin_case();
    NDIS_HANDLE pool = nb_pool(0);
    PMDL second = drv_mdl(32);
    PMDL first = drv_mdl(32);
    NET_BUFFER *nb;
    first->Next = second;
    nb = NdisAllocateNetBuffer(pool, first, 0, 64);
    CHECK(nb != NULL);
    verify_begin(2);
    drv_free(first->Next);
    drv_free(first); /* the driver frees its chain, then the NB */
    NdisFreeNetBuffer(nb);
    EXPECT_NO_REPORT();
    verify_end();
    NdisFreeNetBufferPool(pool);
    CHECK_EQ_U64(undis_alloc_outstanding(), g_out0);
}

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
TEST(verifier_irql_checked_on_allocating_entry_points)
{
    static UCHAR buf[64];
    NET_BUFFER_POOL_PARAMETERS q;
    KIRQL old;
    unsigned long long out;
    begin_case();
    memset(&q, 0, sizeof(q));
    q.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    q.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    q.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    out = undis_alloc_outstanding();
    verify_begin(1);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_NULL(NdisAllocateNetBufferPool(NULL, &q));
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "NdisAllocateNetBufferPool");
    verify_begin(1);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_NULL(IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL));
    KeLowerIrql(old);
    EXPECT_REPORT(IRQL_TOO_HIGH, "IoAllocateMdl");
    verify_end();
    CHECK_EQ_U64(undis_alloc_outstanding(), out);
}

/* Level 2 names a second IoFreeMdl of the same MDL (and does not free it
 * again); the address may be reused by a later IoAllocateMdl. */
TEST(verifier_rule_double_free_mdl)
{
    static UCHAR buf[64];
    PMDL mdl;
    begin_case();
    verify_begin(2);
    mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK_NOT_NULL(mdl);
    IoFreeMdl(mdl);
    EXPECT_NO_REPORT();
    IoFreeMdl(mdl);
    EXPECT_REPORT(DOUBLE_FREE, "IoFreeMdl");
    CHECK_PTR_EQ(g_cap.object, mdl);
    verify_end();
}

/* Level 2: an NBL used after its free is named at the entry point (here a
 * context allocation), from the poison the quarantine left in it. */
TEST(verifier_use_after_free_of_nbl_at_entry_point)
{
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    begin_case();
    pool = nbl_pool(0, TRUE, 0);
    verify_begin(2);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferList(nbl);
    EXPECT_NO_REPORT();
    CHECK_STATUS(NdisAllocateNetBufferListContext(nbl, 16, 0, 0), NDIS_STATUS_INVALID_PARAMETER);
    EXPECT_REPORT(USE_AFTER_FREE, "NdisAllocateNetBufferListContext");
    verify_end();
    NdisFreeNetBufferListPool(pool);
}

/* Level 3: a pool freed with an NBL still out lists it with its history. */
TEST(verifier_pool_freed_with_objects_lists_history)
{
    NDIS_HANDLE pool;
    NET_BUFFER_LIST *nbl;
    begin_case();
    pool = nbl_pool(0, TRUE, 0);
    verify_begin(3);
    nbl = NdisAllocateNetBufferList(pool, 0, 0);
    CHECK_NOT_NULL(nbl);
    NdisFreeNetBufferListPool(pool);
    EXPECT_REPORT(POOL_FREED_WITH_OBJECTS, "NdisFreeNetBufferListPool");
    CHECK(strstr(g_cap.reason, "NdisAllocateNetBufferList") != NULL);
    verify_end();
    NdisFreeNetBufferList(nbl);
    NdisFreeNetBufferListPool(pool);
}

TEST_MAIN_BEGIN
TEST_CASE(verifier_use_after_free_of_nbl_at_entry_point)
TEST_CASE(verifier_pool_freed_with_objects_lists_history)
TEST_CASE(verifier_irql_checked_on_allocating_entry_points)
TEST_CASE(verifier_rule_double_free_mdl)
TEST_CASE(verifier_rule_advance_past_data)
TEST_CASE(verifier_rule_advance_past_data_nbl_checks_every_nb_first)
TEST_CASE(verifier_rule_retreat_wrap)
TEST_CASE(verifier_rule_retreat_size_wrap)
TEST_CASE(verifier_rule_advance_wrap)
TEST_CASE(verifier_rule_handler_size_too_small)
TEST_CASE(verifier_rule_handler_bytecount_mismatch)
TEST_CASE(verifier_rule_free_mdl_not_retreat_allocated)
TEST_CASE(verifier_rule_free_mdl_wrong_handler)
TEST_CASE(verifier_rule_free_mdl_wrong_handler_driver_mdl_to_default)
TEST_CASE(verifier_rule_free_mdl_wrong_handler_other_driver)
TEST_CASE(verifier_rule_nbl_retreat_one_null_handler)
TEST_CASE(verifier_rule_nb_freed_with_retreat_mdls)
TEST_CASE(verifier_rule_nb_freed_with_retreat_mdls_via_nbl)
TEST_CASE(verifier_rule_nbl_freed_with_context)
TEST_CASE(verifier_rule_nbl_freed_with_children)
TEST_CASE(verifier_rule_parent_freed_with_clones)
TEST_CASE(verifier_rule_parent_freed_with_clones_derived_parent)
TEST_CASE(verifier_parent_tracking_levels)
TEST_CASE(verifier_mdl_reused_below_level2_is_not_a_double_free)
TEST_CASE(verifier_rule_nbl_freed_with_foreign_nb)
TEST_CASE(verifier_rule_double_free)
TEST_CASE(verifier_rule_double_free_nb_level1)
TEST_CASE(verifier_rule_use_after_free)
TEST_CASE(verifier_rule_wrong_pool)
TEST_CASE(verifier_rule_wrong_pool_alloc_from_nb_pool)
TEST_CASE(verifier_rule_pool_freed_with_objects)
TEST_CASE(verifier_rule_bad_pool_parameters)
TEST_CASE(verifier_rule_context_size)
TEST_CASE(verifier_rule_context_underflow)
TEST_CASE(verifier_rule_get_data_beyond_length)
TEST_CASE(verifier_rule_irql_too_high)
TEST_CASE(verifier_rule_nb_structure)
TEST_CASE(verifier_rule_null_argument)
TEST_CASE(verifier_rule_get_data_bad_alignment)
TEST_CASE(verifier_rule_nbl_not_restored)
TEST_CASE(verifier_every_rule_is_named)
TEST_CASE(verifier_snapshot_restored)
TEST_CASE(verifier_snapshot_extra_mdl_not_restored)
TEST_CASE(verifier_level0_is_windows)
TEST_CASE(verifier_level1_contract_checks)
TEST_CASE(verifier_level2_tracking)
TEST_CASE(verifier_level3_history)
TEST_CASE(verifier_level_from_environment)
TEST_CASE(verifier_set_level_clamps_and_returns_previous)
TEST_CASE(verifier_level2_data_pool_objects_survive_quarantine)
TEST_CASE(verifier_level2_nb_freed_after_its_mdls)
TEST_CASE(fault_env_alloc_nth)
TEST_CASE(fault_env_map_nth)
TEST_CASE(fault_env_rate_and_seed)
TEST_CASE(fault_env_rejects_bad_syntax)
TEST_CASE(fault_env_from_environment)
TEST_MAIN_END
