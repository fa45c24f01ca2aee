/*
 * test_mdl.c - the Mm and Io MDL routines and the field macros of
 * <ndis/mdl.h> (spec 1.3), one case per behaviour (the Ndis ones:
 * test_mdl_ndis.c). Buffers whose page arithmetic matters are page-aligned
 * so the expected Size, ByteOffset and PFN values are exact. Every case
 * checks that the library's allocations balance (undis_alloc_outstanding).
 */
#include "test.h"

#include <ndis.h>
#include <undis/check.h>
#include <undis/fault.h>

#include "support/mdl_pages.h"

static int g_sentinel_process;
static int g_sentinel_va;

/* ---- MmSizeOfMdl -------------------------------------------------------- */

TEST(size_of_mdl_page_aligned_base)
{
    PVOID base = (PVOID)(ULONG_PTR)0x10000;
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0), mdl_bytes(0));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 1), mdl_bytes(1));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE), mdl_bytes(1));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE + 1), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 3 * PAGE_SIZE), mdl_bytes(3));
    CHECK_EQ_SIZE(MmSizeOfMdl(NULL, 2 * PAGE_SIZE), mdl_bytes(2));
}

TEST(size_of_mdl_worst_case_base_0xfff)
{
    /* NDIS sizes its MDLs for base 0xFFF: the last byte of a page. */
    PVOID base = (PVOID)(ULONG_PTR)0xFFF;
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0), mdl_bytes(1));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 1), mdl_bytes(1));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 2), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE + 1), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE + 2), mdl_bytes(3));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 1514), mdl_bytes(2));
}

TEST(size_of_mdl_mid_page_base)
{
    PVOID base = (PVOID)(ULONG_PTR)0x20800;
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0x800), mdl_bytes(1));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0x801), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, PAGE_SIZE), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0x1800), mdl_bytes(2));
    CHECK_EQ_SIZE(MmSizeOfMdl(base, 0x1801), mdl_bytes(3));
}

/* ---- MmInitializeMdl ---------------------------------------------------- */

TEST(initialize_mdl_sets_every_field)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 3);
    PUCHAR va = buf + 0x123;

    memset(&st, 0xA5, sizeof(st));
    MmInitializeMdl(&st.mdl, va, 5000);
    CHECK_NULL(st.mdl.Next);
    /* 0x123 + 5000 bytes touch two pages. */
    CHECK_EQ_SIZE((size_t)st.mdl.Size, mdl_bytes(2));
    CHECK_EQ_INT(st.mdl.MdlFlags, 0);
    CHECK_PTR_EQ(st.mdl.StartVa, buf);
    CHECK_EQ_U32(st.mdl.ByteOffset, 0x123u);
    CHECK_EQ_U32(st.mdl.ByteCount, 5000u);
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(&st.mdl), va);

    /* A page-aligned buffer of exactly one page: one PFN, offset 0. */
    MmInitializeMdl(&st.mdl, buf + PAGE_SIZE, PAGE_SIZE);
    CHECK_EQ_SIZE((size_t)st.mdl.Size, mdl_bytes(1));
    CHECK_PTR_EQ(st.mdl.StartVa, buf + PAGE_SIZE);
    CHECK_EQ_U32(st.mdl.ByteOffset, 0u);
    CHECK_EQ_U32(st.mdl.ByteCount, (ULONG)PAGE_SIZE);

    /* Zero length: no PFN at all from a page-aligned address. */
    MmInitializeMdl(&st.mdl, buf, 0);
    CHECK_EQ_SIZE((size_t)st.mdl.Size, mdl_bytes(0));
    CHECK_EQ_U32(st.mdl.ByteCount, 0u);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(initialize_mdl_leaves_process_and_mapped_va)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 1);
    MDL other;

    memset(&st, 0, sizeof(st));
    st.mdl.Next = &other;
    st.mdl.MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL | MDL_MAPPED_TO_SYSTEM_VA;
    st.mdl.Process = (struct _EPROCESS *)(void *)&g_sentinel_process;
    st.mdl.MappedSystemVa = &g_sentinel_va;
    st.pfn[0] = PFN_GUARD;

    MmInitializeMdl(&st.mdl, buf + 16, 100);
    CHECK_NULL(st.mdl.Next);
    CHECK_EQ_INT(st.mdl.MdlFlags, 0);
    CHECK_PTR_EQ(st.mdl.Process, &g_sentinel_process);
    CHECK_PTR_EQ(st.mdl.MappedSystemVa, &g_sentinel_va);
    /* Nor the PFN array. */
    CHECK_EQ_U64(st.pfn[0], PFN_GUARD);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

/* ---- IoAllocateMdl / IoFreeMdl ------------------------------------------ */

TEST(io_allocate_mdl_initialises_fields)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 4);
    PUCHAR va = buf + 4000;
    PMDL mdl;

    mdl = IoAllocateMdl(va, 5000, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before + 1);
    CHECK_NULL(mdl->Next);
    /* 4000 + 5000 bytes from a page start: three pages. */
    CHECK_EQ_SIZE((size_t)mdl->Size, mdl_bytes(3));
    CHECK_EQ_INT(mdl->MdlFlags, 0);
    CHECK_PTR_EQ(mdl->StartVa, buf);
    CHECK_EQ_U32(mdl->ByteOffset, 4000u);
    CHECK_EQ_U32(mdl->ByteCount, 5000u);
    /* Not mapped, no PFNs built yet (user mode zeroes what Windows leaves). */
    CHECK_NULL(mdl->Process);
    CHECK_NULL(mdl->MappedSystemVa);

    /* The block is big enough for the PFN array MmBuildMdlForNonPagedPool
     * writes (ASan would flag an overflow here). */
    MmBuildMdlForNonPagedPool(mdl);
    CHECK_EQ_U64(MmGetMdlPfnArray(mdl)[2], pfn_of(buf) + 2);
    check_chain_ok(mdl);

    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(io_allocate_mdl_length_bit31_returns_null)
{
    unsigned long long before = undis_alloc_outstanding();
    unsigned long long count = undis_alloc_count();
    UCHAR buf[16];

    CHECK_NULL(IoAllocateMdl(buf, 0x80000000u, FALSE, FALSE, NULL));
    CHECK_NULL(IoAllocateMdl(buf, 0xFFFFFFFFu, FALSE, FALSE, NULL));
    CHECK_NULL(IoAllocateMdl(buf, 0x80000001u, FALSE, FALSE, NULL));
    /* Refused before allocating anything. */
    CHECK_EQ_U64(undis_alloc_count(), count);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(io_allocate_mdl_size_beyond_cshort_returns_null)
{
    /* An MDL for ~2 GiB needs far more than MAXSHORT bytes of PFNs: Size
     * cannot hold it, so the allocation must fail rather than truncate. */
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[16];
    PMDL mdl;

    CHECK_NULL(IoAllocateMdl(buf, 0x7FFFFFFFu, FALSE, FALSE, NULL));
    CHECK_EQ_U64(undis_alloc_outstanding(), before);

    /* A 1 MiB MDL still fits. */
    mdl = IoAllocateMdl(buf, 0x100000u, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(mdl);
    CHECK(mdl->Size > 0);
    CHECK_EQ_SIZE((size_t)mdl->Size, MmSizeOfMdl(buf, 0x100000u));
    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(io_allocate_mdl_failure_returns_null_and_leaks_nothing)
{
    unsigned long long before = undis_alloc_outstanding();
    unsigned long long refused = undis_alloc_failed_count();
    UCHAR buf[64];
    PMDL mdl;

    undis_fault_clear();
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL));
    CHECK_EQ_U64(undis_alloc_failed_count(), refused + 1);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);

    /* The fault was one-shot: the next allocation succeeds. */
    mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    CHECK_NOT_NULL(mdl);
    IoFreeMdl(mdl);
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(io_free_mdl_frees_one_mdl_only)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf_a[32];
    UCHAR buf_b[32];
    UCHAR expect_a[32];
    PMDL a = IoAllocateMdl(buf_a, sizeof(buf_a), FALSE, FALSE, NULL);
    PMDL b = IoAllocateMdl(buf_b, sizeof(buf_b), FALSE, FALSE, NULL);

    CHECK_NOT_NULL(a);
    CHECK_NOT_NULL(b);
    MmBuildMdlForNonPagedPool(a);
    MmBuildMdlForNonPagedPool(b);
    a->Next = b;
    memset(buf_a, 0x3C, sizeof(buf_a));
    memcpy(expect_a, buf_a, sizeof(buf_a));
    CHECK_EQ_U64(undis_alloc_outstanding(), before + 2);

    IoFreeMdl(a);
    /* Only `a` went: `b` (its Next) is still allocated and intact, and the
     * buffer `a` described is untouched. */
    CHECK_EQ_U64(undis_alloc_outstanding(), before + 1);
    CHECK_EQ_U32(b->ByteCount, (ULONG)sizeof(buf_b));
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(b), buf_b);
    check_chain_ok(b);
    CHECK_MEM_EQ(buf_a, expect_a, sizeof(buf_a));

    IoFreeMdl(b);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

/* ---- MmBuildMdlForNonPagedPool ------------------------------------------ */

TEST(build_mdl_for_nonpaged_pool_sets_flags_va_process)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 1);
    PUCHAR va = buf + 0x40;

    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, va, 200);
    st.mdl.Process = (struct _EPROCESS *)(void *)&g_sentinel_process;
    st.mdl.MappedSystemVa = &g_sentinel_va;
    /* A flag the precondition allows is kept: the build ORs its bit in. */
    st.mdl.MdlFlags = MDL_ALLOCATED_FIXED_SIZE;

    MmBuildMdlForNonPagedPool(&st.mdl);
    CHECK_EQ_INT(st.mdl.MdlFlags, MDL_ALLOCATED_FIXED_SIZE | MDL_SOURCE_IS_NONPAGED_POOL);
    CHECK_NULL(st.mdl.Process);
    CHECK_PTR_EQ(st.mdl.MappedSystemVa, va);
    /* Geometry unchanged. */
    CHECK_PTR_EQ(st.mdl.StartVa, buf);
    CHECK_EQ_U32(st.mdl.ByteOffset, 0x40u);
    CHECK_EQ_U32(st.mdl.ByteCount, 200u);
    CHECK_NULL(st.mdl.Next);
    check_chain_ok(&st.mdl);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(build_mdl_for_nonpaged_pool_fills_pfn_array)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 4);
    size_t i;

    /* 4000 + 5000 bytes from a page start: three pages; PFNs are va >> 12,
     * exactly three entries are written. */
    memset(&st, 0, sizeof(st));
    for (i = 0; i < PFNS + 1; i++) {
        st.pfn[i] = PFN_GUARD;
    }
    MmInitializeMdl(&st.mdl, buf + 4000, 5000);
    CHECK_EQ_SIZE((size_t)st.mdl.Size, mdl_bytes(3));
    MmBuildMdlForNonPagedPool(&st.mdl);
    CHECK_PTR_EQ(MmGetMdlPfnArray(&st.mdl), &st.pfn[0]);
    CHECK_EQ_U64(st.pfn[0], pfn_of(buf));
    CHECK_EQ_U64(st.pfn[1], pfn_of(buf) + 1);
    CHECK_EQ_U64(st.pfn[2], pfn_of(buf) + 2);
    CHECK_EQ_U64(st.pfn[3], PFN_GUARD);

    /* A buffer inside one page: one PFN, that page's. */
    st.pfn[0] = PFN_GUARD;
    st.pfn[1] = PFN_GUARD;
    MmInitializeMdl(&st.mdl, buf + 3 * PAGE_SIZE + 8, 100);
    MmBuildMdlForNonPagedPool(&st.mdl);
    CHECK_EQ_U64(st.pfn[0], pfn_of(buf) + 3);
    CHECK_EQ_U64(st.pfn[1], PFN_GUARD);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

/* ---- IoBuildPartialMdl -------------------------------------------------- */

TEST(build_partial_mdl_geometry)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 3);
    PUCHAR src_va = buf + 100;
    PUCHAR part_va = buf + 5000;
    PMDL src = NdisAllocateMdl(NULL, src_va, 9000);
    PMDL part = IoAllocateMdl(part_va, 2000, FALSE, FALSE, NULL);

    CHECK_NOT_NULL(src);
    CHECK_NOT_NULL(part);
    IoBuildPartialMdl(src, part, part_va, 2000);
    CHECK_PTR_EQ(part->StartVa, buf + PAGE_SIZE);
    CHECK_EQ_U32(part->ByteOffset, 5000u - PAGE_SIZE);
    CHECK_EQ_U32(part->ByteCount, 2000u);
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(part), part_va);
    CHECK_PTR_EQ(part->MappedSystemVa, part_va);
    CHECK_EQ_INT(part->MdlFlags, MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL);
    CHECK_NULL(part->Process);
    /* The PFN of the partial's first page is the source's second one. */
    CHECK_EQ_U64(MmGetMdlPfnArray(part)[0], MmGetMdlPfnArray(src)[1]);
    /* The source is not changed. */
    CHECK_EQ_U32(src->ByteCount, 9000u);
    CHECK_EQ_INT(src->MdlFlags, MDL_SOURCE_IS_NONPAGED_POOL);
    check_chain_ok(part);
    check_chain_ok(src);

    /* A range straddling a page boundary gets both PFNs. */
    IoFreeMdl(part);
    part = IoAllocateMdl(buf + 4000, 200, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(part);
    IoBuildPartialMdl(src, part, buf + 4000, 200);
    CHECK_PTR_EQ(part->StartVa, buf);
    CHECK_EQ_U32(part->ByteOffset, 4000u);
    CHECK_EQ_U64(MmGetMdlPfnArray(part)[0], MmGetMdlPfnArray(src)[0]);
    CHECK_EQ_U64(MmGetMdlPfnArray(part)[1], MmGetMdlPfnArray(src)[1]);
    check_chain_ok(part);

    IoFreeMdl(part);
    NdisFreeMdl(src);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(build_partial_mdl_length_zero_runs_to_end_of_source)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 3);
    PMDL src = NdisAllocateMdl(NULL, buf + 100, 9000);
    PMDL part = IoAllocateMdl(buf + 5000, 4100, FALSE, FALSE, NULL);

    CHECK_NOT_NULL(src);
    CHECK_NOT_NULL(part);
    IoBuildPartialMdl(src, part, buf + 5000, 0);
    /* Source ends at buf + 9100: 4100 bytes from buf + 5000. */
    CHECK_EQ_U32(part->ByteCount, 4100u);
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(part), buf + 5000);
    CHECK_PTR_EQ(part->MappedSystemVa, buf + 5000);
    check_chain_ok(part);

    /* From the source's own start: the whole source. */
    IoFreeMdl(part);
    part = IoAllocateMdl(buf + 100, 9000, FALSE, FALSE, NULL);
    CHECK_NOT_NULL(part);
    IoBuildPartialMdl(src, part, buf + 100, 0);
    CHECK_EQ_U32(part->ByteCount, 9000u);
    CHECK_EQ_U32(part->ByteOffset, 100u);
    check_chain_ok(part);

    IoFreeMdl(part);
    NdisFreeMdl(src);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(build_partial_mdl_inherits_only_the_listed_flags)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 1);
    PMDL src = NdisAllocateMdl(NULL, buf, 1000);
    PMDL part = IoAllocateMdl(buf + 10, 10, FALSE, FALSE, NULL);
    const CSHORT inherited = MDL_IO_PAGE_READ | MDL_SOURCE_IS_NONPAGED_POOL | MDL_IO_SPACE;

    CHECK_NOT_NULL(src);
    CHECK_NOT_NULL(part);
    src->MdlFlags = (CSHORT)(src->MdlFlags | MDL_IO_PAGE_READ | MDL_IO_SPACE | MDL_WRITE_OPERATION |
                             MDL_NETWORK_HEADER | MDL_PAGES_LOCKED);
    /* Whatever the target had before (other than its allocation kind) goes. */
    part->MdlFlags = MDL_NETWORK_HEADER | MDL_WRITE_OPERATION;
    IoBuildPartialMdl(src, part, buf + 10, 10);
    CHECK_EQ_INT(part->MdlFlags, inherited | MDL_PARTIAL);

    /* MDL_MAPPED_TO_SYSTEM_VA is inherited too. */
    src->MdlFlags = MDL_MAPPED_TO_SYSTEM_VA;
    IoBuildPartialMdl(src, part, buf + 10, 10);
    CHECK_EQ_INT(part->MdlFlags, MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL);
    src->MdlFlags = MDL_SOURCE_IS_NONPAGED_POOL;

    IoFreeMdl(part);
    NdisFreeMdl(src);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(build_partial_mdl_mapped_source_offsets_mapped_va)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 2);
    PMDL src = IoAllocateMdl(buf + 8, 6000, FALSE, FALSE, NULL);
    PMDL part = IoAllocateMdl(buf + 4100, 50, FALSE, FALSE, NULL);

    CHECK_NOT_NULL(src);
    CHECK_NOT_NULL(part);
    /* Mapped by MmGetSystemAddressForMdlSafe (flag 0x1), not nonpaged. */
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(src, NormalPagePriority), buf + 8);
    CHECK_EQ_INT(src->MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);

    IoBuildPartialMdl(src, part, buf + 4100, 50);
    CHECK_EQ_INT(part->MdlFlags, MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL);
    /* Source's MappedSystemVa + (Va - source VA). */
    CHECK_PTR_EQ(part->MappedSystemVa, (PUCHAR)src->MappedSystemVa + (4100 - 8));
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(part, NormalPagePriority), buf + 4100);
    check_chain_ok(part);

    IoFreeMdl(part);
    IoFreeMdl(src);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

TEST(build_partial_mdl_unmapped_source_maps_on_demand)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    PUCHAR buf = page_buf_alloc(&pb, 1);
    PMDL src = IoAllocateMdl(buf, 300, FALSE, FALSE, NULL);
    PMDL part = IoAllocateMdl(buf + 100, 20, FALSE, FALSE, NULL);

    CHECK_NOT_NULL(src);
    CHECK_NOT_NULL(part);
    IoBuildPartialMdl(src, part, buf + 100, 20);
    CHECK_EQ_INT(part->MdlFlags, MDL_PARTIAL);

    /* Mapping a partial MDL marks it MDL_PARTIAL_HAS_BEEN_MAPPED; IoFreeMdl
     * unmaps it before freeing. */
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(part, NormalPagePriority), buf + 100);
    CHECK_EQ_INT(part->MdlFlags,
                 MDL_PARTIAL | MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL_HAS_BEEN_MAPPED);
    CHECK_PTR_EQ(part->MappedSystemVa, buf + 100);
    check_chain_ok(part);
    /* The source stays unmapped. */
    CHECK_EQ_INT(src->MdlFlags, 0);

    IoFreeMdl(part);
    IoFreeMdl(src);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
    page_buf_free(&pb);
}

/* ---- MmGetSystemAddressForMdlSafe --------------------------------------- */

TEST(system_address_of_mapped_mdl_needs_no_mapping)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[64];
    struct mdl_storage st;
    PMDL nonpaged = NdisAllocateMdl(NULL, buf, sizeof(buf));

    CHECK_NOT_NULL(nonpaged);
    undis_fault_clear();
    /* The next mapping attempt would fail, but mapped MDLs never map. */
    undis_fault_map_fail_nth(1);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(nonpaged, NormalPagePriority), buf);
    CHECK_EQ_INT(nonpaged->MdlFlags, MDL_SOURCE_IS_NONPAGED_POOL);

    /* MDL_MAPPED_TO_SYSTEM_VA alone: MappedSystemVa is returned as is. */
    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, buf, sizeof(buf));
    st.mdl.MdlFlags = MDL_MAPPED_TO_SYSTEM_VA;
    st.mdl.MappedSystemVa = buf;
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(&st.mdl, HighPagePriority), buf);
    CHECK_PTR_EQ(MmGetSystemAddressForMdl(&st.mdl), buf);

    /* The injected failure is still pending: it hits the first real map. */
    st.mdl.MdlFlags = 0;
    CHECK_NULL(MmGetSystemAddressForMdlSafe(&st.mdl, NormalPagePriority));
    undis_fault_clear();

    NdisFreeMdl(nonpaged);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(system_address_of_unmapped_mdl_maps_it)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 1);

    undis_fault_clear();
    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, buf + 77, 100);
    st.mdl.MappedSystemVa = NULL;
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(&st.mdl, LowPagePriority | MdlMappingNoExecute),
                 buf + 77);
    CHECK_EQ_INT(st.mdl.MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);
    CHECK_PTR_EQ(st.mdl.MappedSystemVa, buf + 77);
    check_chain_ok(&st.mdl);
    /* Mapped now: a second call returns the same without mapping again. */
    undis_fault_map_fail_nth(1);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(&st.mdl, NormalPagePriority), buf + 77);
    undis_fault_clear();

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST(system_address_map_failure_returns_null)
{
    unsigned long long before = undis_alloc_outstanding();
    UCHAR buf[64];
    PMDL mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);

    CHECK_NOT_NULL(mdl);
    undis_fault_clear();
    undis_fault_map_fail_nth(1);
    CHECK_NULL(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority));
    /* Nothing changed: still unmapped. */
    CHECK_EQ_INT(mdl->MdlFlags, 0);
    CHECK_NULL(mdl->MappedSystemVa);
    /* One-shot: the retry maps. */
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority), buf);
    CHECK_EQ_INT(mdl->MdlFlags, MDL_MAPPED_TO_SYSTEM_VA);

    /* The Nth attempt from now, not the first. */
    mdl->MdlFlags = 0;
    undis_fault_map_fail_nth(2);
    CHECK_PTR_EQ(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority), buf);
    mdl->MdlFlags = 0;
    CHECK_NULL(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority));
    undis_fault_clear();

    IoFreeMdl(mdl);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

/* ---- field macros ------------------------------------------------------- */

TEST(mdl_field_macros)
{
    unsigned long long before = undis_alloc_outstanding();
    struct page_buf pb;
    struct mdl_storage st;
    PUCHAR buf = page_buf_alloc(&pb, 2);

    memset(&st, 0, sizeof(st));
    MmInitializeMdl(&st.mdl, buf + PAGE_SIZE + 0x321, 123);
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(&st.mdl), buf + PAGE_SIZE + 0x321);
    CHECK_EQ_U32(MmGetMdlByteCount(&st.mdl), 123u);
    CHECK_EQ_U32(MmGetMdlByteOffset(&st.mdl), 0x321u);
    CHECK_PTR_EQ(MmGetMdlBaseVa(&st.mdl), buf + PAGE_SIZE);
    CHECK_PTR_EQ(MmGetMdlPfnArray(&st.mdl), &st.pfn[0]);

    /* They read the fields, whatever wrote them. */
    st.mdl.ByteOffset = 5;
    st.mdl.ByteCount = 9;
    CHECK_PTR_EQ(MmGetMdlVirtualAddress(&st.mdl), buf + PAGE_SIZE + 5);
    CHECK_EQ_U32(MmGetMdlByteCount(&st.mdl), 9u);
    CHECK_EQ_U32(MmGetMdlByteOffset(&st.mdl), 5u);

    /* BYTE_OFFSET / PAGE_ALIGN / ADDRESS_AND_SIZE_TO_SPAN_PAGES. */
    CHECK_EQ_U32(BYTE_OFFSET(buf + 0xABC), 0xABCu);
    CHECK_PTR_EQ(PAGE_ALIGN(buf + PAGE_SIZE + 0xABC), buf + PAGE_SIZE);
    CHECK_EQ_U32(ADDRESS_AND_SIZE_TO_SPAN_PAGES(buf + 0xFFF, 2), 2u);
    CHECK_EQ_U32(ADDRESS_AND_SIZE_TO_SPAN_PAGES(buf, 0), 0u);

    page_buf_free(&pb);
    CHECK_EQ_U64(undis_alloc_outstanding(), before);
}

TEST_MAIN_BEGIN
TEST_CASE(size_of_mdl_page_aligned_base)
TEST_CASE(size_of_mdl_worst_case_base_0xfff)
TEST_CASE(size_of_mdl_mid_page_base)
TEST_CASE(initialize_mdl_sets_every_field)
TEST_CASE(initialize_mdl_leaves_process_and_mapped_va)
TEST_CASE(io_allocate_mdl_initialises_fields)
TEST_CASE(io_allocate_mdl_length_bit31_returns_null)
TEST_CASE(io_allocate_mdl_size_beyond_cshort_returns_null)
TEST_CASE(io_allocate_mdl_failure_returns_null_and_leaks_nothing)
TEST_CASE(io_free_mdl_frees_one_mdl_only)
TEST_CASE(build_mdl_for_nonpaged_pool_sets_flags_va_process)
TEST_CASE(build_mdl_for_nonpaged_pool_fills_pfn_array)
TEST_CASE(build_partial_mdl_geometry)
TEST_CASE(build_partial_mdl_length_zero_runs_to_end_of_source)
TEST_CASE(build_partial_mdl_inherits_only_the_listed_flags)
TEST_CASE(build_partial_mdl_mapped_source_offsets_mapped_va)
TEST_CASE(build_partial_mdl_unmapped_source_maps_on_demand)
TEST_CASE(system_address_of_mapped_mdl_needs_no_mapping)
TEST_CASE(system_address_of_unmapped_mdl_maps_it)
TEST_CASE(system_address_map_failure_returns_null)
TEST_CASE(mdl_field_macros)
TEST_MAIN_END
