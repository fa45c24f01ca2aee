/* SPDX-License-Identifier: MIT */
/*
 * filter_vlan_test.c: THE TEST'S SIDE for filter_vlan.c.
 *
 * Plays NDIS, the protocol above and the miniport below: it defines the
 * hand-offs the filter calls (NdisFSendNetBufferLists,
 * NdisFSendNetBufferListsComplete, NdisFIndicateReceiveNetBufferLists,
 * NdisFReturnNetBufferLists), records what they are given, and checks the
 * frames, the 802.1Q out-of-band slot, the IRQL and the allocations.
 */
#include "filter_vlan.h"
#include "harness.h"

#include <string.h>

#define TEST_FRAMES 6

static UCHAR FilterHandleStorage;
#define TEST_FILTER_HANDLE ((NDIS_HANDLE)&FilterHandleStorage)

/* What the stand-ins saw. */
static struct {
    PNET_BUFFER_LIST Below; /* sent down, not completed yet */
    ULONG SendCalls;
    KIRQL SendIrql;
    PNET_BUFFER_LIST Completed; /* completed up to the protocol */
    ULONG CompleteCalls;
    PNET_BUFFER_LIST Indicated; /* indicated up, not returned yet */
    ULONG IndicateCalls;
    ULONG IndicatedCount;
    ULONG CannotPendChecks;
    PNET_BUFFER_LIST Returned; /* returned to the miniport */
    ULONG ReturnCalls;
    /* For indications that cannot pend: the frames the protocol must see. */
    UCHAR (*ExpectedAbove)[HARNESS_MAX_FRAME];
    const ULONG *ExpectedAboveLength;
    const USHORT *ExpectedVlan;
} Seen;

static UCHAR Plain[TEST_FRAMES][HARNESS_MAX_FRAME];
static UCHAR Tagged[TEST_FRAMES][HARNESS_MAX_FRAME];
static UCHAR Flat[HARNESS_MAX_FRAME];

static const ULONG FrameLength[TEST_FRAMES] = { 60, 14, 1514, 64, 100, 42 };
static const HARNESS_GEOMETRY FrameGeometry[TEST_FRAMES] = { HarnessOneMdl,    HarnessSplitHeader,
                                                             HarnessBackfill,  HarnessTinyMdls,
                                                             HarnessLongChain, HarnessOneMdl };

static void
AppendChain(PNET_BUFFER_LIST *Head, PNET_BUFFER_LIST Chain)
{
    while (*Head != NULL) {
        Head = &NET_BUFFER_LIST_NEXT_NBL(*Head);
    }
    *Head = Chain;
}

/* ---- the NDIS hand-offs the filter calls ----------------------------------- */

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
    Seen.SendIrql = KeGetCurrentIrql();
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

VOID
NdisFIndicateReceiveNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                                   PNET_BUFFER_LIST NetBufferLists,
                                   NDIS_PORT_NUMBER PortNumber,
                                   ULONG NumberOfNetBufferLists,
                                   ULONG ReceiveFlags)
{
    HCHECK(NdisFilterHandle == TEST_FILTER_HANDLE);
    HCHECK_EQ(PortNumber, NDIS_DEFAULT_PORT_NUMBER);
    HCHECK_EQ(NumberOfNetBufferLists, HarnessCountNbls(NetBufferLists));
    HCHECK_NBL_CHAIN(NetBufferLists);
    Seen.IndicateCalls++;
    Seen.IndicatedCount += NumberOfNetBufferLists;
    if (NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags)) {
        /* The protocol must look now: the NBLs go back when this returns. */
        ULONG Index = 0;
        PNET_BUFFER_LIST Nbl;
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
            ULONG Length = HarnessFlatten(NET_BUFFER_LIST_FIRST_NB(Nbl), Flat, sizeof(Flat));
            HCHECK_EQ(Length, Seen.ExpectedAboveLength[Index]);
            HCHECK_MEM(Flat, Seen.ExpectedAbove[Index], Length);
            HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Nbl), Seen.ExpectedVlan[Index]);
            Seen.CannotPendChecks++;
        }
        return;
    }
    AppendChain(&Seen.Indicated, NetBufferLists);
}

VOID
NdisFReturnNetBufferLists(NDIS_HANDLE NdisFilterHandle,
                          PNET_BUFFER_LIST NetBufferLists,
                          ULONG ReturnFlags)
{
    HCHECK(NdisFilterHandle == TEST_FILTER_HANDLE);
    HCHECK_EQ(NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags),
              KeGetCurrentIrql() == DISPATCH_LEVEL);
    HCHECK_NBL_CHAIN(NetBufferLists);
    Seen.ReturnCalls++;
    AppendChain(&Seen.Returned, NetBufferLists);
}

/* ---- helpers ----------------------------------------------------------------- */

static USHORT
TciOf(ULONG Priority, ULONG VlanId)
{
    return (USHORT)((Priority << 13) | VlanId);
}

/* Tagged = Plain with an 802.1Q tag after the addresses. */
static void
BuildFrames(void)
{
    ULONG Index;

    for (Index = 0; Index < TEST_FRAMES; Index++) {
        USHORT Tci = TciOf(Index % 8, 100 + Index);
        HarnessBuildFrame(Plain[Index], FrameLength[Index],
                          (USHORT)(Index == 5 ? NDIS_ETH_TYPE_ARP : NDIS_ETH_TYPE_IPV4),
                          0x1000 + Index);
        memcpy(Tagged[Index], Plain[Index], 12);
        Tagged[Index][12] = 0x81;
        Tagged[Index][13] = 0x00;
        Tagged[Index][14] = (UCHAR)(Tci >> 8);
        Tagged[Index][15] = (UCHAR)Tci;
        memcpy(Tagged[Index] + 16, Plain[Index] + 12, FrameLength[Index] - 12);
    }
}

static void
SetVlan(PNET_BUFFER_LIST Nbl, ULONG Priority, ULONG VlanId)
{
    NDIS_NET_BUFFER_LIST_8021Q_INFO Info;

    Info.Value = NULL;
    Info.TagHeader.UserPriority = Priority;
    Info.TagHeader.VlanId = VlanId;
    NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) = Info.Value;
}

static void
CheckNbFrames(PNET_BUFFER_LIST Nbl, const UCHAR *Frame, ULONG Length)
{
    PNET_BUFFER Nb;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        ULONG Got = HarnessFlatten(Nb, Flat, sizeof(Flat));
        HCHECK_EQ(Got, Length);
        HCHECK_MEM(Flat, Frame, Length);
    }
}

static void
ResetSeen(void)
{
    memset(&Seen, 0, sizeof(Seen));
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

/*
 * A chain of TEST_FRAMES NBLs, frame i in geometry i; NBL 1 carries two
 * more NET_BUFFERs with the same frame. With Tag: every NBL but the last
 * (ARP, untagged) has OOB VLAN 100+i, priority i%8.
 */
static PNET_BUFFER_LIST
BuildSendChain(NDIS_HANDLE Pool, BOOLEAN Tag)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    ULONG Index;

    for (Index = 0; Index < TEST_FRAMES; Index++) {
        PNET_BUFFER_LIST Nbl =
            HarnessAppendNb(Pool, NULL, Plain[Index], FrameLength[Index], FrameGeometry[Index]);
        if (Index == 1) {
            HarnessAppendNb(Pool, Nbl, Plain[Index], FrameLength[Index], HarnessTinyMdls);
            HarnessAppendNb(Pool, Nbl, Plain[Index], FrameLength[Index], HarnessBackfill);
        }
        if (Tag && Index != 5) {
            SetVlan(Nbl, Index % 8, 100 + Index);
        }
        *Tail = Nbl;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
    }
    return Head;
}

/* ---- scenarios ----------------------------------------------------------------- */

static void
SendTagsFramesAndCompletionRestoresThem(BOOLEAN AtDispatch)
{
    MS_FILTER Filter;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;
    KIRQL OldIrql = PASSIVE_LEVEL;
    ULONG Index;

    HarnessScenario(AtDispatch ? "send tags frames and completion restores them (DISPATCH_LEVEL)"
                               : "send tags frames and completion restores them (PASSIVE_LEVEL)");
    ResetSeen();
    HCHECK_EQ(FilterInitializeDataPath(&Filter, TEST_FILTER_HANDLE), NDIS_STATUS_SUCCESS);
    Chain = BuildSendChain(Pool, TRUE);

    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    FilterSendNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER,
                             AtDispatch ? NDIS_SEND_FLAGS_DISPATCH_LEVEL : 0);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }

    /* Below the filter: the same NBLs in order, the tag inside each frame. */
    HCHECK_EQ(Seen.SendCalls, 1);
    HCHECK_EQ(Seen.CompleteCalls, 0);
    HCHECK_EQ(Seen.SendIrql, AtDispatch ? DISPATCH_LEVEL : PASSIVE_LEVEL);
    HCHECK_EQ(HarnessCountNbls(Seen.Below), TEST_FRAMES);
    HCHECK(Seen.Below == Chain);
    for (Index = 0, Nbl = Seen.Below; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        if (Index == 5) {
            CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
        } else {
            CheckNbFrames(Nbl, Tagged[Index], FrameLength[Index] + 4);
            HCHECK(NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) == NULL);
        }
    }
    HCHECK_EQ(Filter.PendingSendCount, TEST_FRAMES);
    HCHECK_EQ(Filter.Statistics.TagsInserted, TEST_FRAMES - 1);
    HCHECK_EQ(Filter.Statistics.FramesPassedUntagged, 1);

    /* The miniport completes them. */
    Chain = Seen.Below;
    Seen.Below = NULL;
    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    FilterSendNetBufferListsComplete(&Filter, Chain,
                                     AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }
    HCHECK_EQ(Seen.CompleteCalls, 1);
    HCHECK(Seen.Completed == Chain);
    for (Index = 0, Nbl = Seen.Completed; Nbl != NULL;
         Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
        if (Index == 5) {
            HCHECK(NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) == NULL);
        } else {
            HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Nbl), 100 + Index);
            HCHECK_EQ(((PNDIS_NET_BUFFER_LIST_8021Q_INFO)&NET_BUFFER_LIST_INFO(
                           Nbl, Ieee8021QNetBufferListInfo))
                          ->TagHeader.UserPriority,
                      Index % 8);
        }
    }
    HCHECK_EQ(Filter.PendingSendCount, 0);
    HCHECK(IsListEmpty(&Filter.PendingSends));

    FreeChain(Seen.Completed);
    FilterUninitializeDataPath(&Filter);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

static void
SendFailsBadFramesAtOnce(void)
{
    MS_FILTER Filter;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Runt;
    PNET_BUFFER_LIST Twice;
    PNET_BUFFER_LIST Good;
    ULONG Errors;

    HarnessScenario("send fails runt and already-tagged frames at once");
    ResetSeen();
    HarnessDbgReset();
    HCHECK_EQ(FilterInitializeDataPath(&Filter, TEST_FILTER_HANDLE), NDIS_STATUS_SUCCESS);

    Runt = HarnessAppendNb(Pool, NULL, Plain[0], 10, HarnessOneMdl);
    SetVlan(Runt, 0, 7);
    Twice = HarnessAppendNb(Pool, NULL, Tagged[0], FrameLength[0] + 4, HarnessSplitHeader);
    SetVlan(Twice, 1, 8);
    Good = HarnessAppendNb(Pool, NULL, Plain[2], FrameLength[2], HarnessBackfill);
    SetVlan(Good, 2, 102);
    NET_BUFFER_LIST_NEXT_NBL(Runt) = Twice;
    NET_BUFFER_LIST_NEXT_NBL(Twice) = Good;

    FilterSendNetBufferLists(&Filter, Runt, NDIS_DEFAULT_PORT_NUMBER, 0);

    Errors = HarnessDbgErrorCount();
    HCHECK_EQ(Errors, 2);
    HCHECK(Seen.Below == Good);
    HCHECK(NET_BUFFER_LIST_NEXT_NBL(Good) == NULL);
    CheckNbFrames(Good, Tagged[2], FrameLength[2] + 4);
    HCHECK(Seen.Completed == Runt);
    HCHECK(NET_BUFFER_LIST_NEXT_NBL(Runt) == Twice);
    HCHECK_EQ(NET_BUFFER_LIST_STATUS(Runt), NDIS_STATUS_INVALID_PACKET);
    HCHECK_EQ(NET_BUFFER_LIST_STATUS(Twice), NDIS_STATUS_INVALID_PACKET);
    CheckNbFrames(Runt, Plain[0], 10);
    CheckNbFrames(Twice, Tagged[0], FrameLength[0] + 4);
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Twice), 8);
    HCHECK_EQ(Filter.Statistics.SendsFailed, 2);

    Seen.Below = NULL;
    FilterSendNetBufferListsComplete(&Filter, Good, 0);
    CheckNbFrames(Good, Plain[2], FrameLength[2]);
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Good), 102);

    FreeChain(Seen.Completed);
    FilterUninitializeDataPath(&Filter);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

static PNET_BUFFER_LIST
BuildReceiveChain(NDIS_HANDLE Pool)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    ULONG Index;

    /* Frame 5 arrives untagged; the others carry their tag in the frame. */
    for (Index = 0; Index < TEST_FRAMES; Index++) {
        PNET_BUFFER_LIST Nbl = Index == 5
                                   ? HarnessAppendNb(Pool, NULL, Plain[Index], FrameLength[Index],
                                                     FrameGeometry[Index])
                                   : HarnessAppendNb(Pool, NULL, Tagged[Index],
                                                     FrameLength[Index] + 4, FrameGeometry[Index]);
        *Tail = Nbl;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
    }
    return Head;
}

static void
ReceiveStripsTagsAndReturnRestoresThem(BOOLEAN CannotPend)
{
    MS_FILTER Filter;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;
    KIRQL OldIrql;
    ULONG Index;
    ULONG ExpectedLength[TEST_FRAMES];
    USHORT ExpectedVlan[TEST_FRAMES];
    ULONG Flags = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL;

    HarnessScenario(CannotPend ? "receive strips tags while the indication lasts (RESOURCES)"
                               : "receive strips tags into OOB and return restores them");
    ResetSeen();
    HCHECK_EQ(FilterInitializeDataPath(&Filter, TEST_FILTER_HANDLE), NDIS_STATUS_SUCCESS);
    Chain = BuildReceiveChain(Pool);
    for (Index = 0; Index < TEST_FRAMES; Index++) {
        ExpectedLength[Index] = FrameLength[Index];
        ExpectedVlan[Index] = (USHORT)(Index == 5 ? 0 : 100 + Index);
    }
    Seen.ExpectedAbove = Plain;
    Seen.ExpectedAboveLength = ExpectedLength;
    Seen.ExpectedVlan = ExpectedVlan;
    if (CannotPend) {
        Flags |= NDIS_RECEIVE_FLAGS_RESOURCES;
    }

    KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    FilterReceiveNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER, TEST_FRAMES, Flags);
    KeLowerIrql(OldIrql);

    HCHECK_EQ(Seen.IndicateCalls, 1);
    HCHECK_EQ(Seen.IndicatedCount, TEST_FRAMES);
    HCHECK_EQ(Filter.Statistics.TagsStripped, TEST_FRAMES - 1);
    if (CannotPend) {
        HCHECK_EQ(Seen.CannotPendChecks, TEST_FRAMES);
        HCHECK(Seen.Indicated == NULL);
    } else {
        /* The protocol holds them: untagged frames, the tag in the OOB slot. */
        HCHECK(Seen.Indicated == Chain);
        for (Index = 0, Nbl = Seen.Indicated; Nbl != NULL;
             Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
            NDIS_NET_BUFFER_LIST_8021Q_INFO Info;
            CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
            Info.Value = NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo);
            HCHECK_EQ(Info.TagHeader.VlanId, ExpectedVlan[Index]);
            HCHECK_EQ(Info.TagHeader.UserPriority, Index == 5 ? 0 : Index % 8);
        }
        /* ... and returns them, at PASSIVE_LEVEL. */
        Seen.Indicated = NULL;
        FilterReturnNetBufferLists(&Filter, Chain, 0);
        HCHECK_EQ(Seen.ReturnCalls, 1);
        HCHECK(Seen.Returned == Chain);
    }

    /* The miniport has its frames back exactly as it indicated them. */
    for (Index = 0, Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        if (Index == 5) {
            CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
        } else {
            CheckNbFrames(Nbl, Tagged[Index], FrameLength[Index] + 4);
        }
        HCHECK(NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) == NULL);
    }
    HCHECK_NBL_CHAIN(Chain);

    FreeChain(Chain);
    FilterUninitializeDataPath(&Filter);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

/*
 * Every allocation the filter makes on the send and the receive path fails
 * in turn: each NBL still comes back exactly once, as it was sent or
 * indicated, and nothing leaks.
 */
static void
AllocationFailureSweep(void)
{
    ULONG Nth;
    BOOLEAN Injected = TRUE;

    HarnessScenario("allocation-failure sweep over send and receive");
    undis_rt_set_lookaside_depth(0);
    for (Nth = 1; Injected && Nth < 200; Nth++) {
        MS_FILTER Filter;
        NDIS_HANDLE Pool = HarnessAllocateNblPool();
        PNET_BUFFER_LIST Chain;
        PNET_BUFFER_LIST Nbl;
        unsigned long long FailedBefore;
        ULONG Index;
        ULONG Failed = 0;

        ResetSeen();
        HCHECK_EQ(FilterInitializeDataPath(&Filter, TEST_FILTER_HANDLE), NDIS_STATUS_SUCCESS);
        Chain = BuildSendChain(Pool, TRUE);
        FailedBefore = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(Nth);
        FilterSendNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER, 0);
        undis_fault_clear();
        Injected = undis_alloc_failed_count() != FailedBefore ? TRUE : FALSE;

        HCHECK_EQ(HarnessCountNbls(Seen.Below) + HarnessCountNbls(Seen.Completed), TEST_FRAMES);
        for (Nbl = Seen.Completed; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl), NDIS_STATUS_RESOURCES);
            Failed++;
        }
        HCHECK_EQ(Failed, Injected ? 1 : 0);
        if (Seen.Below != NULL) {
            PNET_BUFFER_LIST Below = Seen.Below;
            Seen.Below = NULL;
            FilterSendNetBufferListsComplete(&Filter, Below, 0);
        }
        HCHECK_EQ(HarnessCountNbls(Seen.Completed), TEST_FRAMES);
        for (Nbl = Seen.Completed; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            /* Frame i is recognised by its source address. */
            HarnessFlatten(NET_BUFFER_LIST_FIRST_NB(Nbl), Flat, sizeof(Flat));
            Index = Flat[11];
            HCHECK(Index < TEST_FRAMES);
            if (Index < TEST_FRAMES) {
                CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
                HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Nbl), Index == 5 ? 0 : 100 + Index);
            }
        }
        FreeChain(Seen.Completed);
        Seen.Completed = NULL;

        /* Receive: a failed context allocation leaves the frame tagged. */
        Chain = BuildReceiveChain(Pool);
        undis_fault_alloc_fail_nth(Nth);
        KIRQL OldIrql;
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
        FilterReceiveNetBufferLists(&Filter, Chain, NDIS_DEFAULT_PORT_NUMBER, TEST_FRAMES,
                                    NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
        KeLowerIrql(OldIrql);
        undis_fault_clear();
        HCHECK(Seen.Indicated == Chain);
        HCHECK(Filter.Statistics.ReceivesNotStripped <= 1);
        HCHECK(Filter.Statistics.TagsStripped + Filter.Statistics.ReceivesNotStripped >=
               TEST_FRAMES - 1);
        Seen.Indicated = NULL;
        FilterReturnNetBufferLists(&Filter, Chain, 0);
        for (Index = 0, Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
            CheckNbFrames(Nbl, Index == 5 ? Plain[Index] : Tagged[Index],
                          FrameLength[Index] + (Index == 5 ? 0 : 4));
            HCHECK(NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) == NULL);
        }
        FreeChain(Chain);

        FilterUninitializeDataPath(&Filter);
        NdisFreeNetBufferListPool(Pool);
        HCHECK_NO_LEAKS();
    }
    HCHECK(!Injected); /* the sweep reached an N past the last allocation */
    undis_rt_set_lookaside_depth(EX_MAXIMUM_LOOKASIDE_DEPTH_BASE);
}

int
main(void)
{
    HarnessBegin("filter_vlan");
    BuildFrames();
    SendTagsFramesAndCompletionRestoresThem(FALSE);
    SendTagsFramesAndCompletionRestoresThem(TRUE);
    SendFailsBadFramesAtOnce();
    ReceiveStripsTagsAndReturnRestoresThem(FALSE);
    ReceiveStripsTagsAndReturnRestoresThem(TRUE);
    AllocationFailureSweep();
    return HarnessEnd();
}
