/* SPDX-License-Identifier: MIT */
/*
 * tunnel_send_test.c: THE TEST'S SIDE for tunnel_send.c.
 *
 * Plays the protocol above (it builds the NBLs and receives the
 * completions through NdisFSendNetBufferListsComplete) and the miniport
 * below (NdisFSendNetBufferLists: it checks each encapsulated frame byte
 * for byte against an outer header it builds itself, then completes).
 */
#include "tunnel_send.h"
#include "harness.h"

#include <string.h>

#define TEST_NBLS 6
#define TEST_VNI  0x123456

static UCHAR FilterHandleStorage;
#define TEST_FILTER_HANDLE ((NDIS_HANDLE)&FilterHandleStorage)

static struct {
    PNET_BUFFER_LIST Below;
    ULONG SendCalls;
    PNET_BUFFER_LIST Completed;
    ULONG CompleteCalls;
} Seen;

static UCHAR Frames[TEST_NBLS][HARNESS_MAX_FRAME];
static const ULONG FrameLength[TEST_NBLS] = { 60, 1514, 42, 98, 14, 300 };
static const HARNESS_GEOMETRY FrameGeometry[TEST_NBLS] = { HarnessOneMdl,      HarnessBackfill,
                                                           HarnessOneMdl,      HarnessTinyMdls,
                                                           HarnessSplitHeader, HarnessLongChain };
static UCHAR Flat[HARNESS_MAX_FRAME];

static void
AppendChain(PNET_BUFFER_LIST *Head, PNET_BUFFER_LIST Chain)
{
    while (*Head != NULL) {
        Head = &NET_BUFFER_LIST_NEXT_NBL(*Head);
    }
    *Head = Chain;
}

static PNET_BUFFER_LIST
NblAt(PNET_BUFFER_LIST Chain, ULONG Index)
{
    while (Chain != NULL && Index-- > 0) {
        Chain = NET_BUFFER_LIST_NEXT_NBL(Chain);
    }
    return Chain;
}

/* ---- the NDIS hand-offs the filter calls ------------------------------------- */

VOID
NdisFSendNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                        PNET_BUFFER_LIST NetBufferList,
                        NDIS_PORT_NUMBER PortNumber,
                        ULONG SendFlags)
{
    HCHECK(NdisFilterHandle == TEST_FILTER_HANDLE);
    HCHECK_EQ(PortNumber, NDIS_DEFAULT_PORT_NUMBER);
    HCHECK_EQ(NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags), KeGetCurrentIrql() == DISPATCH_LEVEL);
    HCHECK_NBL_CHAIN(NetBufferList);
    Seen.SendCalls++;
    AppendChain(&Seen.Below, NetBufferList);
}

VOID
NdisFSendNetBufferListsComplete(NDIS_HANDLE NdisFilterHandle,
                                PNET_BUFFER_LIST NetBufferList,
                                ULONG SendCompleteFlags)
{
    HCHECK(NdisFilterHandle == TEST_FILTER_HANDLE);
    HCHECK_EQ(NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(SendCompleteFlags),
              KeGetCurrentIrql() == DISPATCH_LEVEL);
    HCHECK_NBL_CHAIN(NetBufferList);
    Seen.CompleteCalls++;
    AppendChain(&Seen.Completed, NetBufferList);
}

/* ---- helpers ---------------------------------------------------------------------- */

static void
BuildFrames(void)
{
    ULONG Index;

    for (Index = 0; Index < TEST_NBLS; Index++) {
        HarnessBuildFrame(Frames[Index], FrameLength[Index],
                          (USHORT)(Index == 2   ? NDIS_ETH_TYPE_ARP
                                   : Index == 3 ? NDIS_ETH_TYPE_IPV6
                                                : NDIS_ETH_TYPE_IPV4),
                          0x2000 + Index);
    }
}

/* NBL i carries frame i; NBL 3 has two more NET_BUFFERs; NBL 0 has an
 * 802.1Q tag and NBL 5 a cancel id in their OOB information. */
static PNET_BUFFER_LIST
BuildSendChain(NDIS_HANDLE Pool, PNET_BUFFER_LIST *Originals)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    ULONG Index;

    for (Index = 0; Index < TEST_NBLS; Index++) {
        PNET_BUFFER_LIST Nbl =
            HarnessAppendNb(Pool, NULL, Frames[Index], FrameLength[Index], FrameGeometry[Index]);
        if (Index == 3) {
            HarnessAppendNb(Pool, Nbl, Frames[Index], FrameLength[Index], HarnessOneMdl);
            HarnessAppendNb(Pool, Nbl, Frames[Index], FrameLength[Index], HarnessLongChain);
        }
        if (Index == 0) {
            NDIS_SET_NET_BUFFER_LIST_VLAN_ID(Nbl, 77);
        }
        if (Index == 5) {
            NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(Nbl, (PVOID)(ULONG_PTR)0x5150);
        }
        Originals[Index] = Nbl;
        *Tail = Nbl;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
    }
    return Head;
}

static ULONG
NbCount(PNET_BUFFER_LIST Nbl)
{
    ULONG Count = 0;
    PNET_BUFFER Nb;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        Count++;
    }
    return Count;
}

static void
CheckOriginalUntouched(PNET_BUFFER_LIST Nbl, ULONG Index)
{
    PNET_BUFFER Nb;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        HCHECK_EQ(HarnessFlatten(Nb, Flat, sizeof(Flat)), FrameLength[Index]);
        HCHECK_MEM(Flat, Frames[Index], FrameLength[Index]);
    }
}

/* Checks one encapsulated frame; returns its IPv4 identification. */
static USHORT
CheckEncapsulated(PNET_BUFFER Nb, ULONG Index)
{
    static const UCHAR OuterEthernet[14] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02,
                                             0x00, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00 };
    ULONG Inner = FrameLength[Index];
    ULONG Length = HarnessFlatten(Nb, Flat, sizeof(Flat));
    const UCHAR *Ip = Flat + 14;
    const UCHAR *Udp = Ip + 20;
    const UCHAR *Vxlan = Udp + 8;
    ULONG Sum = 0;
    ULONG Word;

    HCHECK_EQ(Length, TUN_OUTER_HEADER_LENGTH + Inner);
    HCHECK_MEM(Flat, OuterEthernet, 14);
    HCHECK_EQ(Ip[0], 0x45);
    HCHECK_EQ(HARNESS_BE16(Ip + 2), 20 + 8 + 8 + Inner);
    HCHECK_EQ(HARNESS_BE16(Ip + 6), 0x4000);
    HCHECK_EQ(Ip[8], 64);
    HCHECK_EQ(Ip[9], 17);
    HCHECK_EQ(Ip[12], 192);
    HCHECK_EQ(Ip[13], 168);
    HCHECK_EQ(Ip[15], 1);
    HCHECK_EQ(Ip[19], 2);
    for (Word = 0; Word < 20; Word += 2) {
        Sum += HARNESS_BE16(Ip + Word);
    }
    Sum = (Sum & 0xFFFF) + (Sum >> 16);
    Sum = (Sum & 0xFFFF) + (Sum >> 16);
    HCHECK_EQ(Sum, 0xFFFF);
    HCHECK_EQ(HARNESS_BE16(Udp), 49152);
    HCHECK_EQ(HARNESS_BE16(Udp + 2), 4789);
    HCHECK_EQ(HARNESS_BE16(Udp + 4), 8 + 8 + Inner);
    HCHECK_EQ(HARNESS_BE16(Udp + 6), 0);
    HCHECK_EQ(Vxlan[0], 0x08);
    HCHECK_EQ(((ULONG)Vxlan[4] << 16) | ((ULONG)Vxlan[5] << 8) | Vxlan[6], TEST_VNI);
    HCHECK_EQ(Vxlan[7], 0);
    HCHECK_MEM(Flat + TUN_OUTER_HEADER_LENGTH, Frames[Index], Inner);
    return HARNESS_BE16(Ip + 4);
}

static void
FreeChain(PNET_BUFFER_LIST Chain)
{
    while (Chain != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Chain);
        NET_BUFFER_LIST_NEXT_NBL(Chain) = NULL;
        HarnessFreeNbl(Chain);
        Chain = Next;
    }
}

/* ---- scenarios ---------------------------------------------------------------------- */

static void
SendEncapsulatesClonesAndCompletesOriginals(BOOLEAN AtDispatch)
{
    TUN_FILTER Filter;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Originals[TEST_NBLS];
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;
    KIRQL OldIrql = PASSIVE_LEVEL;
    ULONG Index;
    USHORT LastIpId = 0;
    ULONG EncapsulatedNbs = 0;

    HarnessScenario(AtDispatch ? "send encapsulates clones, completes originals (DISPATCH_LEVEL)"
                               : "send encapsulates clones, completes originals (PASSIVE_LEVEL)");
    memset(&Seen, 0, sizeof(Seen));
    HCHECK_EQ(TunDriverInitialize(), NDIS_STATUS_SUCCESS);
    HCHECK_EQ(TunInitializeDataPath(&Filter, TEST_FILTER_HANDLE, TEST_VNI), NDIS_STATUS_SUCCESS);
    Chain = BuildSendChain(Pool, Originals);

    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    TunSendNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER,
                          AtDispatch ? NDIS_SEND_FLAGS_DISPATCH_LEVEL : 0);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }

    HCHECK_EQ(Seen.SendCalls, 1);
    HCHECK_EQ(Seen.CompleteCalls, 0);
    HCHECK_EQ(HarnessCountNbls(Seen.Below), TEST_NBLS);
    for (Index = 0, Nbl = Seen.Below; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        PNET_BUFFER Nb;

        if (Index == 2) {
            /* ARP goes as it is. */
            HCHECK(Nbl == Originals[Index]);
            CheckOriginalUntouched(Nbl, Index);
            continue;
        }
        HCHECK(Nbl != Originals[Index]);
        HCHECK(Nbl->ParentNetBufferList == Originals[Index]);
        HCHECK(Nbl->SourceHandle == TEST_FILTER_HANDLE);
        HCHECK(NdisGetPoolFromNetBufferList(Nbl) == Filter.CloneNblPool);
        HCHECK_EQ(Originals[Index]->ChildRefCount, 1);
        HCHECK_EQ(NbCount(Nbl), NbCount(Originals[Index]));
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            USHORT IpId = CheckEncapsulated(Nb, Index);
            HCHECK_EQ(IpId, (USHORT)(LastIpId + 1));
            LastIpId = IpId;
            EncapsulatedNbs++;
        }
        /* The protocol's NBL is read, never written. */
        CheckOriginalUntouched(Originals[Index], Index);
    }
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(NblAt(Seen.Below, 0)), 77);
    HCHECK(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(Originals[5]) ==
           NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(NblAt(Seen.Below, 5)));
    HCHECK_EQ(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding), EncapsulatedNbs);
    HCHECK_EQ(ReadNoFence(&Filter.OutstandingClones), TEST_NBLS - 1);
    HCHECK_EQ(Filter.Statistics.PacketsEncapsulated, EncapsulatedNbs);
    HCHECK_EQ(Filter.Statistics.PassedThrough, 1);

    /* The miniport completes: one frame failed. */
    for (Nbl = Seen.Below; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
    }
    NET_BUFFER_LIST_STATUS(NblAt(Seen.Below, 1)) = NDIS_STATUS_FAILURE;
    Chain = Seen.Below;
    Seen.Below = NULL;
    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    TunSendNetBufferListsComplete(&Filter, Chain,
                                  AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }

    HCHECK_EQ(Seen.CompleteCalls, 1);
    HCHECK_EQ(HarnessCountNbls(Seen.Completed), TEST_NBLS);
    for (Index = 0, Nbl = Seen.Completed; Nbl != NULL;
         Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        HCHECK(Nbl == Originals[Index]);
        HCHECK_EQ(Nbl->ChildRefCount, 0);
        HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl),
                  Index == 1 ? NDIS_STATUS_FAILURE : NDIS_STATUS_SUCCESS);
        CheckOriginalUntouched(Nbl, Index);
    }
    HCHECK_EQ(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding), 0);
    HCHECK_EQ(ReadNoFence(&Filter.OutstandingClones), 0);

    FreeChain(Seen.Completed);
    TunUninitializeDataPath(&Filter);
    TunDriverUnload();
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

static void
AllocationFailureSweep(void)
{
    ULONG Nth;
    BOOLEAN Injected = TRUE;

    HarnessScenario("allocation-failure sweep over the send path");
    undis_rt_set_lookaside_depth(0);
    for (Nth = 1; Injected && Nth < 400; Nth++) {
        TUN_FILTER Filter;
        NDIS_HANDLE Pool = HarnessAllocateNblPool();
        PNET_BUFFER_LIST Originals[TEST_NBLS];
        PNET_BUFFER_LIST Chain;
        PNET_BUFFER_LIST Nbl;
        unsigned long long FailedBefore;
        ULONG Index;
        ULONG Failed = 0;

        memset(&Seen, 0, sizeof(Seen));
        HCHECK_EQ(TunDriverInitialize(), NDIS_STATUS_SUCCESS);
        HCHECK_EQ(TunInitializeDataPath(&Filter, TEST_FILTER_HANDLE, TEST_VNI),
                  NDIS_STATUS_SUCCESS);
        Chain = BuildSendChain(Pool, Originals);
        FailedBefore = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(Nth);
        TunSendNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER, 0);
        undis_fault_clear();
        Injected = undis_alloc_failed_count() != FailedBefore ? TRUE : FALSE;

        for (Nbl = Seen.Completed; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl), NDIS_STATUS_RESOURCES);
            HCHECK_EQ(Nbl->ChildRefCount, 0);
            Failed++;
        }
        HCHECK_EQ(Failed, Injected ? 1 : 0);
        HCHECK_EQ(HarnessCountNbls(Seen.Below) + Failed, TEST_NBLS);
        HCHECK_EQ(ReadNoFence(&Filter.OutstandingClones), TEST_NBLS - 1 - Failed);
        if (Seen.Below != NULL) {
            Chain = Seen.Below;
            Seen.Below = NULL;
            for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
                NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
            }
            TunSendNetBufferListsComplete(&Filter, Chain, 0);
        }
        HCHECK_EQ(HarnessCountNbls(Seen.Completed), TEST_NBLS);
        for (Index = 0; Index < TEST_NBLS; Index++) {
            CheckOriginalUntouched(Originals[Index], Index);
            HCHECK_EQ(Originals[Index]->ChildRefCount, 0);
        }
        HCHECK_EQ(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding), 0);
        FreeChain(Seen.Completed);
        TunUninitializeDataPath(&Filter);
        TunDriverUnload();
        NdisFreeNetBufferListPool(Pool);
        HCHECK_NO_LEAKS();
    }
    HCHECK(!Injected);
    undis_rt_set_lookaside_depth(EX_MAXIMUM_LOOKASIDE_DEPTH_BASE);
}

int
main(void)
{
    HarnessBegin("tunnel_send");
    BuildFrames();
    SendEncapsulatesClonesAndCompletesOriginals(FALSE);
    SendEncapsulatesClonesAndCompletesOriginals(TRUE);
    AllocationFailureSweep();
    return HarnessEnd();
}
