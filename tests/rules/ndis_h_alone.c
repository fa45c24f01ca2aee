/* Rule: <ndis.h> alone brings in the whole environment (ntdef types,
 * NTSTATUS, lists, interlocked, pool, lookaside, spin locks, events, RW
 * locks, time, intsafe, strings, strsafe, the data-path vocabulary). */
#include <ndis.h>

void rule_env(PNET_BUFFER_LIST nbl);

void
rule_env(PNET_BUFFER_LIST nbl)
{
    LIST_ENTRY head;
    LONG refs = 0;
    NPAGED_LOOKASIDE_LIST la;
    NDIS_SPIN_LOCK lock;
    NDIS_EVENT ev;
    LOCK_STATE_EX st;
    LARGE_INTEGER now;
    ULONG sum;
    CHAR text[16];
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"x");
    NTSTATUS status = RtlULongAdd(1, 2, &sum);
    ULONG sendFlags = 0;
    UCHAR mac[ETH_LENGTH_OF_ADDRESS] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    FILTER_SEND_NET_BUFFER_LISTS *send = NULL;
    InitializeListHead(&head);
    (void)InterlockedIncrement(&refs);
    NdisInitializeNPagedLookasideList(&la, NULL, NULL, 0, 32, 0x41414141U, 0);
    NdisDeleteNPagedLookasideList(&la);
    NdisAllocateSpinLock(&lock);
    NdisInitializeEvent(&ev);
    KeQuerySystemTime(&now);
    (void)RtlStringCbPrintfA(text, sizeof(text), "%wZ", &name);
    NDIS_SET_SEND_FLAG(sendFlags, NDIS_SEND_FLAGS_DISPATCH_LEVEL);
    (void)NDIS_TEST_SEND_AT_DISPATCH_LEVEL(sendFlags);
    (void)ETH_IS_BROADCAST(mac);
    (void)NT_SUCCESS(status);
    (void)send;
    (void)st;
    UNREFERENCED_PARAMETER(nbl);
    NT_ASSERT(nbl != NULL);
    PAGED_CODE();
}
