/*
 * test_rt_hwio.c - the calls of <ndis/hwio.h> and <ndis/pnpres.h> that work
 * in user mode (src/kernel/rt_hwio.c), and the other real names
 * issue12-compat-d added: shared memory (alignment, logical address, leak
 * listing, bad frees, injected failure), register access, NdisInitializeString,
 * NdisProcessorNumberToIndex, KeRaiseIrqlToSynchLevel, RtlStringCbPrintfExA
 * (_vsnprintf_s: test_rt_crtsafe.c). White-box for the leak list
 * (kernel/rt_services.h).
 */
#include "test.h"

#include <ndis.h>
#include <ntstrsafe.h>
#include <undis/rt.h>
#include <undis/fault.h>

#include "kernel/rt_services.h"

static NDIS_HANDLE const k_adapter = (NDIS_HANDLE)(ULONG_PTR)0x5a5a;

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

TEST(shared_memory_is_page_aligned_and_its_logical_address_is_virtual)
{
    PVOID va = NULL;
    NDIS_PHYSICAL_ADDRESS pa;
    pa.QuadPart = 0;
    NdisMAllocateSharedMemory(k_adapter, 100, TRUE, &va, &pa);
    CHECK(va != NULL);
    CHECK_EQ_U64((ULONG_PTR)va & (PAGE_SIZE - 1), 0);
    CHECK_EQ_U64((ULONG64)pa.QuadPart, (ULONG64)(ULONG_PTR)va);
    memset(va, 0x5c, 100);
    NdisMFreeSharedMemory(k_adapter, 100, TRUE, va, pa);
    NdisMAllocateSharedMemory(k_adapter, 3 * PAGE_SIZE, FALSE, &va, &pa);
    CHECK(va != NULL);
    CHECK_EQ_U64((ULONG_PTR)va & (PAGE_SIZE - 1), 0);
    memset(va, 0, 3 * PAGE_SIZE);
    NdisMFreeSharedMemory(k_adapter, 3 * PAGE_SIZE, FALSE, va, pa);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(shared_memory_bad_input_allocates_nothing)
{
    PVOID va = (PVOID)&g_events;
    NDIS_PHYSICAL_ADDRESS pa;
    pa.QuadPart = 77;
    NdisMAllocateSharedMemory(NULL, 64, TRUE, &va, &pa);
    CHECK_NULL(va);
    CHECK_EQ_U64((ULONG64)pa.QuadPart, 0);
    va = (PVOID)&g_events;
    NdisMAllocateSharedMemory(k_adapter, 0, TRUE, &va, &pa);
    CHECK_NULL(va);
    CHECK_EQ_U64((ULONG64)pa.QuadPart, 0);
}

TEST(shared_memory_allocation_failure_gives_null)
{
    PVOID va = (PVOID)&g_events;
    NDIS_PHYSICAL_ADDRESS pa;
    pa.QuadPart = 77;
    undis_fault_alloc_fail_nth(1);
    NdisMAllocateSharedMemory(k_adapter, 256, TRUE, &va, &pa);
    undis_fault_clear();
    CHECK_NULL(va);
    CHECK_EQ_U64((ULONG64)pa.QuadPart, 0);
}

static void
count_memory(void *context, const undis__rt_leak *leak)
{
    if (leak->kind == UNDIS__RT_MEMORY && leak->size == 300) {
        (*(int *)context)++;
    }
}

TEST(shared_memory_not_freed_is_listed_as_a_leak)
{
    uint64_t mark = undis__rt_leak_mark();
    int found = 0;
    PVOID va = NULL;
    NDIS_PHYSICAL_ADDRESS pa;
    NdisMAllocateSharedMemory(k_adapter, 300, TRUE, &va, &pa);
    CHECK(va != NULL);
    (void)undis__rt_leaks(mark, count_memory, &found);
    CHECK_EQ_INT(found, 1);
    NdisMFreeSharedMemory(k_adapter, 300, TRUE, va, pa);
    found = 0;
    (void)undis__rt_leaks(mark, count_memory, &found);
    CHECK_EQ_INT(found, 0);
}

TEST(shared_memory_freed_with_wrong_length_or_address_is_a_bug_check)
{
    PVOID va = NULL;
    NDIS_PHYSICAL_ADDRESS pa;
    NDIS_PHYSICAL_ADDRESS wrong;
    NdisMAllocateSharedMemory(k_adapter, 128, TRUE, &va, &pa);
    CHECK(va != NULL);
    g_events = 0;
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        NdisMFreeSharedMemory(k_adapter, 64, TRUE, va, pa);
    }
    wrong.QuadPart = pa.QuadPart + 8;
    if (setjmp(g_jump) == 0) {
        NdisMFreeSharedMemory(k_adapter, 128, TRUE, va, wrong);
    }
    undis_rt_set_report_hook(NULL, NULL);
    CHECK_EQ_INT(g_events, 2);
    CHECK_STR_EQ(g_event.rule, "BAD_POOL_CALLER");
    CHECK_EQ_U64(g_event.params[0], 0xD);
    NdisMFreeSharedMemory(k_adapter, 128, TRUE, va, pa);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(register_access_reads_and_writes_the_memory)
{
    UCHAR b = 0;
    USHORT w = 0;
    ULONG l = 0;
    ULONG reg[2] = { 0x11223344U, 0 };
    NdisReadRegisterUlong(&reg[0], &l);
    CHECK_EQ_U32(l, 0x11223344U);
    NdisWriteRegisterUlong(&reg[1], 0xCAFEF00DU);
    CHECK_EQ_U32(reg[1], 0xCAFEF00DU);
    NdisWriteRegisterUshort((PUSHORT)&reg[0], (USHORT)0xBEEF);
    NdisReadRegisterUshort((PUSHORT)&reg[0], &w);
    CHECK_EQ_U32(w, 0xBEEF);
    NdisWriteRegisterUchar((PUCHAR)&reg[1], (UCHAR)0x7E);
    NdisReadRegisterUchar((PUCHAR)&reg[1], &b);
    CHECK_EQ_U32(b, 0x7E);
}

TEST(initialize_string_widens_and_frees)
{
    NDIS_STRING s;
    UCHAR name[] = "Parameters";
    NdisInitializeString(&s, name);
    CHECK(s.Buffer != NULL);
    CHECK_EQ_U32(s.Length, 10 * sizeof(WCHAR));
    CHECK_EQ_U32(s.MaximumLength, 11 * sizeof(WCHAR));
    CHECK_EQ_U32((ULONG)s.Buffer[0], 'P');
    CHECK_EQ_U32((ULONG)s.Buffer[10], 0);
    NdisFreeString(s);
    CHECK_NULL(s.Buffer);
    NdisInitializeString(&s, NULL);
    CHECK(s.Buffer != NULL);
    CHECK_EQ_U32(s.Length, 0);
    NdisFreeString(s);
    CHECK_EQ_U64(undis_alloc_outstanding(), 0);
}

TEST(initialize_string_allocation_failure_leaves_it_empty)
{
    NDIS_STRING s;
    UCHAR name[] = "abc";
    undis_fault_alloc_fail_nth(1);
    NdisInitializeString(&s, name);
    undis_fault_clear();
    CHECK_NULL(s.Buffer);
    CHECK_EQ_U32(s.Length, 0);
    CHECK_EQ_U32(s.MaximumLength, 0);
}

TEST(processor_number_to_index)
{
    PROCESSOR_NUMBER pn;
    memset(&pn, 0, sizeof(pn));
    CHECK_EQ_U32(NdisProcessorNumberToIndex(pn), 0);
    pn.Group = 1;
    CHECK_EQ_U32(NdisProcessorNumberToIndex(pn), INVALID_PROCESSOR_INDEX);
    pn.Group = 0;
    pn.Number = 200;
    CHECK_EQ_U32(NdisProcessorNumberToIndex(pn), INVALID_PROCESSOR_INDEX);
}

TEST(raise_to_synch_level_and_back)
{
    KIRQL old = KeRaiseIrqlToSynchLevel();
    CHECK_EQ_U32(old, PASSIVE_LEVEL);
    CHECK_EQ_U32(KeGetCurrentIrql(), SYNCH_LEVEL);
    KeLowerIrql(old);
    CHECK_EQ_U32(KeGetCurrentIrql(), PASSIVE_LEVEL);
}

TEST(raise_to_synch_level_from_above_is_a_bug_check)
{
    KIRQL old;
    KeRaiseIrql(PROFILE_LEVEL, &old);
    g_events = 0;
    undis_rt_set_report_hook(catching_hook, NULL);
    if (setjmp(g_jump) == 0) {
        (void)KeRaiseIrqlToSynchLevel();
    }
    undis_rt_set_report_hook(NULL, NULL);
    KeLowerIrql(old);
    CHECK_EQ_INT(g_events, 1);
    CHECK_EQ_U32(g_event.code, IRQL_NOT_GREATER_OR_EQUAL);
}

TEST(string_cb_printf_ex_a)
{
    char buf[16];
    NTSTRSAFE_PSTR end = NULL;
    size_t left = 0;
    CHECK_STATUS(RtlStringCbPrintfExA(buf, sizeof(buf), &end, &left, 0, "%s-%d", "ab", 42),
                 STATUS_SUCCESS);
    CHECK_STR_EQ(buf, "ab-42");
    CHECK(end == buf + 5);
    CHECK_EQ_SIZE(left, 11);
    CHECK_STATUS(RtlStringCbPrintfExA(buf, 4, &end, &left, 0, "%s", "toolong"),
                 STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(buf, "too");
    CHECK_EQ_SIZE(left, 1);
    CHECK_STATUS(RtlStringCbPrintfExA(buf, 4, NULL, NULL, STRSAFE_NO_TRUNCATION, "%s", "toolong"),
                 STATUS_BUFFER_OVERFLOW);
    CHECK_STR_EQ(buf, "");
}

TEST(string_cb_printf_ex_a_bad_input)
{
    char buf[8];
    CHECK_STATUS(RtlStringCbPrintfExA(buf, 0, NULL, NULL, 0, "x"), STATUS_INVALID_PARAMETER);
    CHECK_STATUS(RtlStringCbPrintfExA(buf, sizeof(buf), NULL, NULL, 0x80000000U, "x"),
                 STATUS_INVALID_PARAMETER);
    CHECK_STATUS(RtlStringCbPrintfExA(buf, (size_t)NTSTRSAFE_MAX_CCH + 1, NULL, NULL, 0, "x"),
                 STATUS_INVALID_PARAMETER);
}

TEST_MAIN_BEGIN
TEST_CASE(shared_memory_is_page_aligned_and_its_logical_address_is_virtual)
TEST_CASE(shared_memory_bad_input_allocates_nothing)
TEST_CASE(shared_memory_allocation_failure_gives_null)
TEST_CASE(shared_memory_not_freed_is_listed_as_a_leak)
TEST_CASE(shared_memory_freed_with_wrong_length_or_address_is_a_bug_check)
TEST_CASE(register_access_reads_and_writes_the_memory)
TEST_CASE(initialize_string_widens_and_frees)
TEST_CASE(initialize_string_allocation_failure_leaves_it_empty)
TEST_CASE(processor_number_to_index)
TEST_CASE(raise_to_synch_level_and_back)
TEST_CASE(raise_to_synch_level_from_above_is_a_bug_check)
TEST_CASE(string_cb_printf_ex_a)
TEST_CASE(string_cb_printf_ex_a_bad_input)
TEST_MAIN_END
