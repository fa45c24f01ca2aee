/*
 * test_rt_memory.c - memory copies and tagged pool (<ndis/memory.h>): overlap
 * tolerance, zeroing and fill, alignment, tag checks and the fault-injection
 * sweep over every allocating routine. Pool misuse is caught through the
 * report hook (a test hook longjmps back).
 */
#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>
#include <undis/fault.h>

#define TAG_A 0x41414141U
#define TAG_B 0x42424242U

static jmp_buf g_jump;
static undis_rt_event g_event;
static int g_events;

static int
catching_hook(const undis_rt_event *ev, void *ctx)
{
    (void)ctx;
    g_event = *ev;
    g_events++;
    longjmp(g_jump, 1);
}

TEST(copy_memory_tolerates_overlap_forward_and_backward)
{
    UCHAR buf[16];
    UCHAR i;
    for (i = 0; i < 16; i++) {
        buf[i] = i;
    }
    RtlCopyMemory(buf + 2, buf, 8); /* forward overlap */
    CHECK_EQ_U32(buf[2], 0);
    CHECK_EQ_U32(buf[9], 7);
    NdisMoveMemory(buf, buf + 2, 8); /* backward overlap */
    CHECK_EQ_U32(buf[0], 0);
    CHECK_EQ_U32(buf[7], 7);
}

TEST(zero_fill_equal_compare)
{
    UCHAR a[8];
    UCHAR b[8];
    RtlFillMemory(a, sizeof(a), 0x5A);
    NdisFillMemory(b, sizeof(b), 0x5A);
    CHECK(RtlEqualMemory(a, b, sizeof(a)));
    CHECK(NdisEqualMemory(a, b, sizeof(a)));
    b[5] = 0;
    CHECK(!NdisEqualMemory(a, b, sizeof(a)));
    CHECK_EQ_SIZE(RtlCompareMemory(a, b, sizeof(a)), 5);
    NdisZeroMemory(a, 4);
    RtlSecureZeroMemory(a + 4, 4);
    CHECK_EQ_U32(a[0], 0);
    CHECK_EQ_U32(a[7], 0);
}

TEST(pool2_zeroes_unless_uninitialized)
{
    UCHAR *p = (UCHAR *)ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, TAG_A);
    UCHAR *q = (UCHAR *)ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 100, TAG_A);
    UCHAR *z = (UCHAR *)ExAllocatePoolZero(NonPagedPoolNx, 64, TAG_A);
    UCHAR *u = (UCHAR *)ExAllocatePoolUninitialized(NonPagedPoolNx, 64, TAG_A);
    CHECK_NOT_NULL(p);
    CHECK_NOT_NULL(q);
    CHECK_EQ_U32(p[0], 0);
    CHECK_EQ_U32(p[99], 0);
    CHECK_EQ_U32(q[50], 0xA5);
    CHECK_EQ_U32(z[63], 0);
    CHECK_EQ_U32(u[0], 0xA5);
    CHECK_EQ_U64((ULONG_PTR)p % MEMORY_ALLOCATION_ALIGNMENT, 0);
    ExFreePoolWithTag(p, TAG_A);
    ExFreePoolWithTag(q, TAG_A);
    ExFreePool(z);
    ExFreePoolWithTag(u, TAG_A);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(cache_aligned_pool_is_64_aligned)
{
    int i;
    for (i = 0; i < 8; i++) {
        PVOID a = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_CACHE_ALIGNED, (SIZE_T)i * 7 + 1,
                                  TAG_A);
        PVOID b = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, (SIZE_T)i * 5 + 3, TAG_B);
        CHECK_EQ_U64((ULONG_PTR)a % 64, 0);
        CHECK_EQ_U64((ULONG_PTR)b % 64, 0);
        ExFreePool(a);
        ExFreePoolWithTag(b, TAG_B);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

/* A block of a page or more is page aligned (as Windows documents); one of
 * 64 bytes or more is 64 aligned, so a driver's struct with a cache-aligned
 * member (filter_vlan's lookaside list) is as aligned as its type. */
TEST(pool_blocks_of_a_page_and_of_a_line_are_aligned)
{
    static const SIZE_T sizes[] = { 64, 100, 640, 4095, 4096, 5000, 65536 };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        SIZE_T want = sizes[i] >= PAGE_SIZE ? PAGE_SIZE : 64;
        PVOID a =
            NdisAllocateMemoryWithTagPriority(NULL, (UINT)sizes[i], TAG_A, NormalPoolPriority);
        PVOID b = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizes[i], TAG_B);
        CHECK(a != NULL && b != NULL);
        CHECK_EQ_U64((ULONG_PTR)a % want, 0);
        CHECK_EQ_U64((ULONG_PTR)b % want, 0);
        memset(a, 1, sizes[i]);
        memset(b, 2, sizes[i]);
        NdisFreeMemoryWithTagPriority(NULL, a, TAG_A);
        ExFreePoolWithTag(b, TAG_B);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(ndis_memory_round_trip)
{
    PVOID p = NdisAllocateMemoryWithTagPriority(NULL, 32, TAG_A, NormalPoolPriority);
    PVOID q = NULL;
    CHECK_NOT_NULL(p);
    CHECK_STATUS(NdisAllocateMemoryWithTag(&q, 10, TAG_B), NDIS_STATUS_SUCCESS);
    NdisFreeMemory(p, 0, 0);
    NdisFreeMemoryWithTagPriority(NULL, q, TAG_B);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(free_with_wrong_tag_is_reported)
{
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 8, TAG_A);
    g_events = 0;
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        ExFreePoolWithTag(p, TAG_B);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_events, 1);
    CHECK_STR_EQ(g_event.rule, "BAD_POOL_CALLER");
    CHECK_EQ_U32(g_event.code, BAD_POOL_CALLER);
    CHECK_EQ_U64(g_event.params[0], 0xA);
    ExFreePoolWithTag(p, TAG_A);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(free_of_foreign_pointer_is_reported)
{
    /* A 16-aligned stack address is not a pool block (a true double free
     * would read freed memory, which ASan reports first). */
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 8, TAG_A);
    static DECLSPEC_ALIGN(16) UCHAR fake[256]; /* room for the header read before it */
    g_events = 0;
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        ExFreePool(fake + 128);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_events, 1);
    CHECK_EQ_U64(g_event.params[0], 7);
    ExFreePool(p);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(paged_pool_at_dispatch_is_reported)
{
    KIRQL old;
    g_events = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        (void)ExAllocatePoolWithTag(PagedPool, 8, TAG_A);
    }
    undis_rt_set_report_hook(NULL, NULL);
    KeLowerIrql(old);
    CHECK_EQ_INT(g_events, 1);
    CHECK_EQ_U64(g_event.params[0], 8);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

/* Every allocating routine returns NULL (or its failure status) when the
 * allocation hook refuses, and leaks nothing. */
TEST(allocation_failure_sweep)
{
    PVOID p = NULL;
    UNICODE_STRING us;
    ANSI_STRING as;
    WCHAR wbuf[8];
    RtlInitAnsiString(&as, "abc");
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_A));
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(ExAllocatePoolZero(NonPagedPoolNx, 8, TAG_A));
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(ExAllocatePoolUninitialized(NonPagedPoolNx, 8, TAG_A));
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(ExAllocatePoolWithTag(NonPagedPoolNx, 8, TAG_A));
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(NdisAllocateMemoryWithTagPriority(NULL, 8, TAG_A, NormalPoolPriority));
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(NdisAllocateMemoryWithTag(&p, 8, TAG_A), NDIS_STATUS_FAILURE);
    CHECK_NULL(p);
    undis_fault_alloc_fail_nth(1);
    CHECK_NULL(NdisAllocateRWLock(NULL));
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(RtlAnsiStringToUnicodeString(&us, &as, TRUE), STATUS_NO_MEMORY);
    undis_fault_alloc_fail_nth(1);
    CHECK_STATUS(RtlStringCchPrintfW(wbuf, 8, L"%d", 5), STATUS_INSUFFICIENT_RESOURCES);
    undis_fault_clear();
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST_MAIN_BEGIN
TEST_CASE(copy_memory_tolerates_overlap_forward_and_backward)
TEST_CASE(zero_fill_equal_compare)
TEST_CASE(pool2_zeroes_unless_uninitialized)
TEST_CASE(cache_aligned_pool_is_64_aligned)
TEST_CASE(pool_blocks_of_a_page_and_of_a_line_are_aligned)
TEST_CASE(ndis_memory_round_trip)
TEST_CASE(free_with_wrong_tag_is_reported)
TEST_CASE(free_of_foreign_pointer_is_reported)
TEST_CASE(paged_pool_at_dispatch_is_reported)
TEST_CASE(allocation_failure_sweep)
TEST_MAIN_END
