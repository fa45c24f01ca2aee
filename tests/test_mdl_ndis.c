/*
 * test_mdl_ndis.c - the NDIS MDL routines and macros of <ndis/mdl.h>
 * (spec 1.3): NdisAllocateMdl / NdisFreeMdl, NdisQueryMdl and
 * NdisQueryMdlOffset, NdisAdjustMdlLength, the linkage macros,
 * NDIS_MDL_TO_SPAN_PAGES and NdisGetMdlPhysicalArraySize; one case per
 * behaviour. The Mm and Io routines: test_mdl.c. Every case checks that the
 * library's allocations balance (undis_alloc_outstanding).
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/mdl_pages.h"

static int g_sentinel_process;

/* ---- NdisAllocateMdl / NdisFreeMdl -------------------------------------- */

TEST(ndis_allocate_mdl_ready_for_use)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    PMDL mdl;

    /* NdisHandle is ignored: any value, including NULL. */
    mdl = NdisAllocateMdl((NDIS_HANDLE)&g_sentinel_process, buf + 4000, 1000);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before + 1);
    CHECK_NULL(mdl->Next);
    CHECK_EQ_INT(mdl->MdlFlags, MDL_SOURCE_IS_NONPAGED_POOL);
    CHECK_PTR_EQ(mdl->MappedSystemVa, buf + 4000);
    CHECK_NULL(mdl->Process);
    CHECK_PTR_EQ(mdl->StartVa, buf);
    CHECK_EQ_U32(mdl->ByteOffset, 4000u);
    CHECK_EQ_U32(mdl->ByteCount, 1000u);
    CHECK_EQ_SIZE((size_t)mdl->Size, mdl_bytes(2));
    CHECK_EQ_U64(MmGetMdlPfnArray(mdl)[0], pfn_of(buf));
    CHECK_EQ_U64(MmGetMdlPfnArray(mdl)[1], pfn_of(buf) + 1);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority), buf + 4000);
    check_chain_ok(mdl);
    NdisFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);

    mdl = NdisAllocateMdl(NULL, buf, 1);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U32(mdl->ByteCount, 1u);
    NdisFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(ndis_allocate_mdl_failure_returns_null)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[128];
    PMDL mdl;

    undis_fault_clear();
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(NdisAllocateMdl(NULL, buf, sizeof(buf)));
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    mdl = NdisAllocateMdl(NULL, buf, sizeof(buf));
    CHECK_NOT_NULL(mdl);
    NdisFreeMdl(mdl);
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_free_mdl_releases_the_mdl_not_the_buffer)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[40];
    UCHAR expect[40];
    PMDL mdl;
    int i;

    for (i = 0; i < 40; i++) {
        buf[i] = (UCHAR)(i * 7);
    }
    memcpy(expect, buf, sizeof(buf));
    for (i = 0; i < 3; i++) {
        mdl = NdisAllocateMdl(NULL, buf, sizeof(buf));
        CHECK_NOT_NULL(mdl);
        CHECK_EQ_U64(undis_alloc_outstanding(), before + 1);
        NdisFreeMdl(mdl);
        CHECK_EQ_U64(undis_alloc_outstanding(), before);
    }
    CHECK_MEM_EQ(buf, expect, sizeof(buf));
}

/* ---- NdisQueryMdl / NdisQueryMdlOffset ---------------------------------- */

TEST(ndis_query_mdl_null_address_sets_length_only)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[100];
    PMDL mdl = IoAllocateMdl(buf, 77, FALSE, FALSE, NULL);
    ULONG length = 0;

    CHECK_NOT_NULL(mdl);
    undis_fault_clear();
    undis_fault_map_fail_nth(1);
    NdisQueryMdl(mdl, NULL, &length, NormalPagePriority);
    CHECK_EQ_U32(length, 77u);
    /* No mapping was attempted: the MDL is still unmapped and the injected
     * failure is still pending. */
    CHECK_EQ_INT(mdl->MdlFlags, 0);
    CHECK_NULL(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority));
    undis_fault_clear();

    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_query_mdl_returns_address_and_length)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[100];
    PMDL nonpaged = NdisAllocateMdl(NULL, buf + 3, 90);
    PMDL unmapped = IoAllocateMdl(buf + 5, 20, FALSE, FALSE, NULL);
    PVOID va = NULL;
    UINT length = 0;

    CHECK_NOT_NULL(nonpaged);
    CHECK_NOT_NULL(unmapped);
    undis_fault_clear();
    NdisQueryMdl(nonpaged, &va, &length, NormalPagePriority);
    CHECK_PTR_EQ(va, buf + 3);
    CHECK_EQ_U32(length, 90u);

    /* An unmapped MDL is mapped by the query. */
    va = NULL;
    NdisQueryMdl(unmapped, &va, &length, HighPagePriority);
    CHECK_PTR_EQ(va, buf + 5);
    CHECK_EQ_U32(length, 20u);
    CHECK_EQ_INT(unmapped->MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);

    IoFreeMdl(unmapped);
    NdisFreeMdl(nonpaged);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_query_mdl_map_failure_stores_null)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[16];
    PMDL mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    PVOID va = buf;
    ULONG length = 0;

    CHECK_NOT_NULL(mdl);
    undis_fault_clear();
    undis_fault_map_fail_nth(1);
    NdisQueryMdl(mdl, &va, &length, NormalPagePriority);
    CHECK_NULL(va);
    CHECK_EQ_U32(length, (ULONG)sizeof(buf));
    undis_fault_clear();

    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_query_mdl_offset)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    PMDL mdl = NdisAllocateMdl(NULL, buf + PAGE_SIZE + 0x2C, 300);
    ULONG offset = 0;
    ULONG length = 0;

    CHECK_NOT_NULL(mdl);
    NdisQueryMdlOffset(mdl, &offset, &length);
    CHECK_EQ_U32(offset, 0x2Cu);
    CHECK_EQ_U32(length, 300u);

    NdisFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

/* ---- NdisAdjustMdlLength, linkage --------------------------------------- */

TEST(ndis_adjust_mdl_length)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[200];
    PMDL mdl = NdisAllocateMdl(NULL, buf, sizeof(buf));
    ULONG length = 0;

    CHECK_NOT_NULL(mdl);
    NdisAdjustMdlLength(mdl, 60);
    CHECK_EQ_U32(MmGetMdlByteCount(mdl), 60u);
    NdisQueryMdl(mdl, NULL, &length, NormalPagePriority);
    CHECK_EQ_U32(length, 60u);
    /* Nothing else moves. */
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(mdl), buf);
    CHECK_PTR_EQ(mdl->MappedSystemVa, buf);
    check_chain_ok(mdl);
    NdisAdjustMdlLength(mdl, 0);
    CHECK_EQ_U32(MmGetMdlByteCount(mdl), 0u);
    /* Restore the original length before freeing, as the contract asks. */
    NdisAdjustMdlLength(mdl, (ULONG)sizeof(buf));
    CHECK_EQ_U32(MmGetMdlByteCount(mdl), (ULONG)sizeof(buf));

    NdisFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_mdl_linkage_is_an_lvalue)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[30];
    PMDL a = NdisAllocateMdl(NULL, buf, 10);
    PMDL b = NdisAllocateMdl(NULL, buf + 10, 10);
    PMDL c = NdisAllocateMdl(NULL, buf + 20, 10);

    CHECK_NOT_NULL(a);
    CHECK_NOT_NULL(b);
    CHECK_NOT_NULL(c);
    NDIS_MDL_LINKAGE(a) = b;
    NDIS_MDL_LINKAGE(b) = c;
    CHECK_PTR_EQ(a->Next, b);
    CHECK_PTR_EQ(b->Next, c);
    CHECK_PTR_EQ(NDIS_MDL_LINKAGE(NDIS_MDL_LINKAGE(a)), c);
    CHECK_NULL(NDIS_MDL_LINKAGE(c));
    check_chain_ok(a);
    /* Unlink b by assignment through the macro. */
    NDIS_MDL_LINKAGE(a) = NDIS_MDL_LINKAGE(b);
    CHECK_PTR_EQ(a->Next, c);
    NDIS_MDL_LINKAGE(a) = NULL;
    NDIS_MDL_LINKAGE(b) = NULL;

    NdisFreeMdl(c);
    NdisFreeMdl(b);
    NdisFreeMdl(a);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_get_next_mdl)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[20];
    PMDL a = NdisAllocateMdl(NULL, buf, 10);
    PMDL b = NdisAllocateMdl(NULL, buf + 10, 10);
    PMDL next = a;
    ULONG total = 0;
    PMDL m;

    CHECK_NOT_NULL(a);
    CHECK_NOT_NULL(b);
    a->Next = b;
    NdisGetNextMdl(a, &next);
    CHECK_PTR_EQ(next, b);
    NdisGetNextMdl(b, &next);
    CHECK_NULL(next);
    /* The usual walk. */
    for (m = a; m != NULL; NdisGetNextMdl(m, &m)) {
        total += MmGetMdlByteCount(m);
    }
    CHECK_EQ_U32(total, 20u);

    a->Next = NULL;
    NdisFreeMdl(b);
    NdisFreeMdl(a);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

/* ---- NDIS_MDL_TO_SPAN_PAGES / NdisGetMdlPhysicalArraySize --------------- */

TEST(ndis_mdl_to_span_pages)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 3);

    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, buf, PAGE_SIZE);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 1u);
    MmInitializeMdl(&st.mdl, buf + 1, PAGE_SIZE);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 2u);
    MmInitializeMdl(&st.mdl, buf + 0xFFF, 1);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 1u);
    MmInitializeMdl(&st.mdl, buf + 0xFFF, 2);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 2u);
    MmInitializeMdl(&st.mdl, buf + 10, 2 * PAGE_SIZE);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 3u);
    /* Zero length counts one page (ADDRESS_AND_SIZE_TO_SPAN_PAGES gives 0). */
    MmInitializeMdl(&st.mdl, buf, 0);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 1u);
    MmInitializeMdl(&st.mdl, buf + 0x800, 0);
    CHECK_EQ_U32(NDIS_MDL_TO_SPAN_PAGES(&st.mdl), 1u);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(ndis_get_mdl_physical_array_size)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    ULONG pages = 0;

    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, buf + 4000, 200);
    NdisGetMdlPhysicalArraySize(&st.mdl, &pages);
    CHECK_EQ_U32(pages, 2u);
    MmInitializeMdl(&st.mdl, buf + 4000, 96);
    NdisGetMdlPhysicalArraySize(&st.mdl, &pages);
    CHECK_EQ_U32(pages, 1u);
    pages = 0;
    MmInitializeMdl(&st.mdl, buf + 4000, 0);
    NdisGetMdlPhysicalArraySize(&st.mdl, &pages);
    CHECK_EQ_U32(pages, 1u);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST_MAIN_BEGIN
TEST_CASE(ndis_allocate_mdl_ready_for_use)
TEST_CASE(ndis_allocate_mdl_failure_returns_null)
TEST_CASE(ndis_free_mdl_releases_the_mdl_not_the_buffer)
TEST_CASE(ndis_query_mdl_null_address_sets_length_only)
TEST_CASE(ndis_query_mdl_returns_address_and_length)
TEST_CASE(ndis_query_mdl_map_failure_stores_null)
TEST_CASE(ndis_query_mdl_offset)
TEST_CASE(ndis_adjust_mdl_length)
TEST_CASE(ndis_mdl_linkage_is_an_lvalue)
TEST_CASE(ndis_get_next_mdl)
TEST_CASE(ndis_mdl_to_span_pages)
TEST_CASE(ndis_get_mdl_physical_array_size)
TEST_MAIN_END
