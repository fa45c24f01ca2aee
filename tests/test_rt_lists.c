/*
 * test_rt_lists.c - LIST_ENTRY and SINGLE_LIST_ENTRY helpers, the
 * corruption check (FAST_FAIL_CORRUPT_LIST_ENTRY through the report hook),
 * the spin-lock-protected list forms, interlocked operations and SLISTs.
 */
#include "test.h"

#include <ndis.h>
#include <ndis/rt.h>
#include <undis/rt.h>
#include <undis/fault.h>

struct item {
    LIST_ENTRY link;
    SLIST_ENTRY slink;
    int value;
};

static jmp_buf g_jump;
static undis_rt_event g_event;

static int
catching_hook(const undis_rt_event *ev, void *ctx)
{
    (void)ctx;
    g_event = *ev;
    longjmp(g_jump, 1);
}

TEST(insert_remove_in_order)
{
    LIST_ENTRY head;
    struct item a = { { NULL, NULL }, { NULL }, 1 };
    struct item b = { { NULL, NULL }, { NULL }, 2 };
    struct item c = { { NULL, NULL }, { NULL }, 3 };
    PLIST_ENTRY e;
    NdisInitializeListHead(&head);
    CHECK(IsListEmpty(&head));
    InsertTailList(&head, &b.link);
    InsertHeadList(&head, &a.link);
    InsertTailList(&head, &c.link);
    CHECK(!IsListEmpty(&head));
    e = RemoveHeadList(&head);
    CHECK_EQ_INT(CONTAINING_RECORD(e, struct item, link)->value, 1);
    e = RemoveTailList(&head);
    CHECK_EQ_INT(CONTAINING_RECORD(e, struct item, link)->value, 3);
    CHECK(RemoveEntryList(&b.link)); /* TRUE: now empty */
    CHECK(IsListEmpty(&head));
    CHECK_PTR_EQ(RemoveHeadList(&head), &head); /* empty: the head itself */
}

TEST(append_tail_list_splices)
{
    LIST_ENTRY h1;
    LIST_ENTRY h2;
    struct item a = { { NULL, NULL }, { NULL }, 1 };
    struct item b = { { NULL, NULL }, { NULL }, 2 };
    struct item c = { { NULL, NULL }, { NULL }, 3 };
    PLIST_ENTRY rest;
    InitializeListHead(&h1);
    InitializeListHead(&h2);
    InsertTailList(&h1, &a.link);
    InsertTailList(&h2, &b.link);
    InsertTailList(&h2, &c.link);
    rest = h2.Flink;
    RemoveEntryList(&h2); /* h2's entries now form a headless ring */
    AppendTailList(&h1, rest);
    CHECK_PTR_EQ(h1.Flink, &a.link);
    CHECK_PTR_EQ(a.link.Flink, &b.link);
    CHECK_PTR_EQ(c.link.Flink, &h1);
    CHECK_PTR_EQ(h1.Blink, &c.link);
}

TEST(double_remove_fast_fails_with_call_site)
{
    LIST_ENTRY head;
    struct item a = { { NULL, NULL }, { NULL }, 1 };
    struct item b = { { NULL, NULL }, { NULL }, 2 };
    volatile int line = 0; /* set between setjmp and longjmp */
    InitializeListHead(&head);
    InsertTailList(&head, &a.link);
    InsertTailList(&head, &b.link);
    RemoveEntryList(&a.link);
    memset(&g_event, 0, sizeof(g_event));
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        line = __LINE__ + 1;
        RemoveEntryList(&a.link); /* a's neighbours no longer point back */
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_event.kind, UNDIS_RT_FAST_FAIL);
    CHECK_EQ_U32(g_event.code, FAST_FAIL_CORRUPT_LIST_ENTRY);
    CHECK_STR_EQ(g_event.rule, "FAST_FAIL_CORRUPT_LIST_ENTRY");
    CHECK_EQ_INT(g_event.line, line);
    CHECK(strstr(g_event.file, "test_rt_lists.c") != NULL);
}

TEST(single_list_push_pop)
{
    SINGLE_LIST_ENTRY head = { NULL };
    SINGLE_LIST_ENTRY x;
    SINGLE_LIST_ENTRY y;
    PushEntryList(&head, &x);
    PushEntryList(&head, &y);
    CHECK_PTR_EQ(PopEntryList(&head), &y);
    CHECK_PTR_EQ(PopEntryList(&head), &x);
    CHECK_NULL(PopEntryList(&head));
}

TEST(interlocked_lists_with_spin_lock)
{
    LIST_ENTRY head;
    NDIS_SPIN_LOCK lock;
    struct item a = { { NULL, NULL }, { NULL }, 1 };
    struct item b = { { NULL, NULL }, { NULL }, 2 };
    ULONG counter = 5;
    InitializeListHead(&head);
    NdisAllocateSpinLock(&lock);
    CHECK_NULL(NdisInterlockedInsertTailList(&head, &a.link, &lock));
    CHECK_PTR_EQ(NdisInterlockedInsertHeadList(&head, &b.link, &lock), &a.link);
    CHECK_PTR_EQ(NdisInterlockedRemoveHeadList(&head, &lock), &b.link);
    CHECK_PTR_EQ(NdisInterlockedRemoveHeadList(&head, &lock), &a.link);
    CHECK_NULL(NdisInterlockedRemoveHeadList(&head, &lock));
    NdisInterlockedAddUlong(&counter, 7, &lock);
    CHECK_EQ_U32(counter, 12);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
    NdisFreeSpinLock(&lock);
}

TEST(interlocked_return_values)
{
    LONG v = 5;
    LONG64 w = 1;
    SHORT s = 0;
    PVOID p = NULL;
    LARGE_INTEGER stat;
    int target;
    CHECK_EQ_INT(InterlockedIncrement(&v), 6);
    CHECK_EQ_INT(InterlockedDecrement(&v), 5);
    CHECK_EQ_INT(InterlockedExchangeAdd(&v, 3), 5);
    CHECK_EQ_INT(InterlockedAdd(&v, 2), 10);
    CHECK_EQ_INT(InterlockedExchange(&v, 1), 10);
    CHECK_EQ_INT(InterlockedCompareExchange(&v, 9, 2), 1); /* no swap */
    CHECK_EQ_INT(InterlockedCompareExchange(&v, 9, 1), 1); /* swap */
    CHECK_EQ_INT(v, 9);
    CHECK_EQ_INT(InterlockedOr(&v, 6), 9);
    CHECK_EQ_INT(InterlockedAnd(&v, 3), 15);
    CHECK_EQ_INT(InterlockedXor(&v, 1), 3);
    CHECK_EQ_INT(v, 2);
    CHECK_EQ_INT(InterlockedIncrement64(&w), 2);
    CHECK_EQ_INT(InterlockedAdd64(&w, 0x100000000LL), 0x100000002LL);
    CHECK_EQ_INT(InterlockedCompareExchange64(&w, 7, 0x100000002LL), 0x100000002LL);
    CHECK_EQ_INT(InterlockedIncrement16(&s), 1);
    CHECK_EQ_INT(InterlockedCompareExchange16(&s, 4, 1), 1);
    CHECK_EQ_INT(s, 4);
    CHECK_NULL(InterlockedExchangePointer(&p, &target));
    CHECK_PTR_EQ(InterlockedCompareExchangePointer(&p, NULL, &target), &target);
    CHECK_NULL(p);
    CHECK_EQ_INT(InterlockedBitTestAndSet(&v, 4), 0);
    CHECK_EQ_INT(InterlockedBitTestAndReset(&v, 4), 1);
    CHECK_EQ_INT(NdisInterlockedIncrement(&v), 3);
    stat.QuadPart = 0xFFFFFFFFLL;
    NdisInterlockedAddLargeStatistic(&stat, 1);
    CHECK_EQ_INT(stat.QuadPart, 0x100000000LL);
    WriteRelease(&v, 42);
    CHECK_EQ_INT(ReadAcquire(&v), 42);
    WriteNoFence64(&w, -3);
    CHECK_EQ_INT(ReadNoFence64(&w), -3);
    WritePointerRelease(&p, &target);
    CHECK_PTR_EQ(ReadPointerAcquire(&p), &target);
    MemoryBarrier();
    KeMemoryBarrier();
}

TEST(slist_push_pop_flush_depth)
{
    SLIST_HEADER head;
    struct item it[3];
    PSLIST_ENTRY e;
    int i;
    InitializeSListHead(&head);
    CHECK_EQ_U32(QueryDepthSList(&head), 0);
    CHECK_NULL(InterlockedPopEntrySList(&head));
    for (i = 0; i < 3; i++) {
        it[i].value = i;
        (void)InterlockedPushEntrySList(&head, &it[i].slink);
    }
    CHECK_EQ_U32(QueryDepthSList(&head), 3);
    e = InterlockedPopEntrySList(&head);
    CHECK_EQ_INT(CONTAINING_RECORD(e, struct item, slink)->value, 2);
    e = InterlockedFlushSList(&head);
    CHECK_EQ_INT(CONTAINING_RECORD(e, struct item, slink)->value, 1);
    CHECK_EQ_INT(CONTAINING_RECORD(e->Next, struct item, slink)->value, 0);
    CHECK_NULL(e->Next->Next);
    CHECK_EQ_U32(QueryDepthSList(&head), 0);
}

TEST_MAIN_BEGIN
TEST_CASE(insert_remove_in_order)
TEST_CASE(append_tail_list_splices)
TEST_CASE(double_remove_fast_fails_with_call_site)
TEST_CASE(single_list_push_pop)
TEST_CASE(interlocked_lists_with_spin_lock)
TEST_CASE(interlocked_return_values)
TEST_CASE(slist_push_pop_flush_depth)
TEST_MAIN_END
