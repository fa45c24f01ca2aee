/* SPDX-License-Identifier: MIT */
/*
 * filter_vlan_test.c: THE TEST'S SIDE for filter_vlan.c.
 *
 * Hosts the whole driver in undis's driver host (harness_host.h): DriverEntry
 * registers it, the host attaches a module, and the test's own NBLs (every
 * MDL geometry of the harness, 802.1Q information in their out-of-band slot)
 * go down the send path and up the receive path. At undis's miniport the
 * frames must carry their tag; at undis's protocol the tag must be in the
 * out-of-band slot; and each NBL must come back exactly as it went, with
 * nothing leaked. The host reports any NDIS rule the filter breaks.
 */
#include "filter_vlan.h"
#include "harness_host.h"

#include <string.h>

#define TEST_FRAMES     6
#define TEST_MAX_EXPECT 16

/* What the edges of the stack must see, per NBL. */
static struct {
    PNET_BUFFER_LIST Nbl[TEST_MAX_EXPECT];
    const UCHAR *Frame[TEST_MAX_EXPECT]; /* every NB of it, at the edge */
    ULONG Length[TEST_MAX_EXPECT];
    USHORT Vlan[TEST_MAX_EXPECT]; /* the OOB VLAN id at the edge */
    ULONG Count;
} Expect;

/* What the edges saw. */
static struct {
    ULONG SendCalls;
    KIRQL SendIrql;
    ULONG SentNbls;
    ULONG PendingAtSend; /* the filter's PendingSendCount as the miniport got them */
    ULONG ReceiveCalls;
    ULONG ReceivedNbls;
} Seen;

static PMS_FILTER TestFilter;

static UCHAR Plain[TEST_FRAMES][HARNESS_MAX_FRAME];
static UCHAR Tagged[TEST_FRAMES][HARNESS_MAX_FRAME];
static UCHAR Flat[HARNESS_MAX_FRAME];

static const ULONG FrameLength[TEST_FRAMES] = { 60, 14, 1514, 64, 100, 42 };
static const HARNESS_GEOMETRY FrameGeometry[TEST_FRAMES] = { HarnessOneMdl,    HarnessSplitHeader,
                                                             HarnessBackfill,  HarnessTinyMdls,
                                                             HarnessLongChain, HarnessOneMdl };

static void
ExpectAtEdge(PNET_BUFFER_LIST Nbl, const UCHAR *Frame, ULONG Length, USHORT Vlan)
{
    HCHECK(Expect.Count < TEST_MAX_EXPECT);
    if (Expect.Count < TEST_MAX_EXPECT) {
        Expect.Nbl[Expect.Count] = Nbl;
        Expect.Frame[Expect.Count] = Frame;
        Expect.Length[Expect.Count] = Length;
        Expect.Vlan[Expect.Count] = Vlan;
        Expect.Count++;
    }
}

static void CheckNbFrames(PNET_BUFFER_LIST Nbl, const UCHAR *Frame, ULONG Length);

/* Checks each NBL of a chain at an edge against what is expected of it. */
static ULONG
CheckEdge(PNET_BUFFER_LIST Nbls)
{
    ULONG Count = 0;
    PNET_BUFFER_LIST Nbl;

    HCHECK_NBL_CHAIN(Nbls);
    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Count++) {
        ULONG Index;
        for (Index = 0; Index < Expect.Count && Expect.Nbl[Index] != Nbl; Index++) {
        }
        HCHECK(Index < Expect.Count);
        if (Index < Expect.Count) {
            CheckNbFrames(Nbl, Expect.Frame[Index], Expect.Length[Index]);
            HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Nbl), Expect.Vlan[Index]);
        }
    }
    return Count;
}

/* undis's miniport: the frames carry their tag, the OOB slot is empty. */
static void
SendEdge(void *Context, PNET_BUFFER_LIST Nbls, ULONG SendFlags)
{
    (void)Context;
    HCHECK_EQ(NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags), KeGetCurrentIrql() == DISPATCH_LEVEL);
    Seen.SendCalls++;
    Seen.SendIrql = KeGetCurrentIrql();
    Seen.SentNbls += CheckEdge(Nbls);
    Seen.PendingAtSend = TestFilter->PendingSendCount;
}

/* undis's protocol: the frames untagged, the tag in the OOB slot. */
static void
ReceiveEdge(void *Context, PNET_BUFFER_LIST Nbls, ULONG ReceiveFlags)
{
    (void)Context;
    HCHECK_EQ(NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags),
              KeGetCurrentIrql() == DISPATCH_LEVEL);
    Seen.ReceiveCalls++;
    Seen.ReceivedNbls += CheckEdge(Nbls);
}

static undis_host *
StartFilter(void)
{
    undis_host *Host = HarnessHostStart(DriverEntry, "filter_vlan", SendEdge, ReceiveEdge);
    memset(&Seen, 0, sizeof(Seen));
    memset(&Expect, 0, sizeof(Expect));
    TestFilter = (PMS_FILTER)undis_host_module_context(Host);
    HCHECK(TestFilter != NULL);
    return Host;
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
    undis_host *Host;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Back;
    PNET_BUFFER_LIST Nbl;
    KIRQL OldIrql = PASSIVE_LEVEL;
    ULONG Index;

    HarnessScenario(AtDispatch ? "send tags frames and completion restores them (DISPATCH_LEVEL)"
                               : "send tags frames and completion restores them (PASSIVE_LEVEL)");
    Host = StartFilter();
    Chain = BuildSendChain(Pool, TRUE);
    for (Index = 0, Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        if (Index == 5) {
            ExpectAtEdge(Nbl, Plain[Index], FrameLength[Index], 0);
        } else {
            ExpectAtEdge(Nbl, Tagged[Index], FrameLength[Index] + 4, 0);
        }
    }

    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    HCHECK_EQ(undis_host_send_nbls(Host, Chain), NDIS_STATUS_SUCCESS);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }

    /* Below the filter: the same NBLs in one send, the tag inside each frame. */
    HCHECK_EQ(Seen.SendCalls, 1);
    HCHECK_EQ(Seen.SendIrql, AtDispatch ? DISPATCH_LEVEL : PASSIVE_LEVEL);
    HCHECK_EQ(Seen.SentNbls, TEST_FRAMES);
    HCHECK_EQ(Seen.PendingAtSend, TEST_FRAMES);
    HCHECK_EQ(TestFilter->Statistics.TagsInserted, TEST_FRAMES - 1);
    HCHECK_EQ(TestFilter->Statistics.FramesPassedUntagged, 1);

    /* Back to the protocol: each frame and its OOB slot as it was sent. */
    Back = HarnessHostTakeBack();
    HCHECK_EQ(HarnessCountNbls(Back), TEST_FRAMES);
    HCHECK(Back == Chain);
    for (Index = 0, Nbl = Back; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl), NDIS_STATUS_SUCCESS);
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
    HCHECK_EQ(TestFilter->PendingSendCount, 0);
    HCHECK(IsListEmpty(&TestFilter->PendingSends));

    FreeChain(Back);
    HarnessHostStop(Host);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

static void
SendFailsBadFramesAtOnce(void)
{
    undis_host *Host;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Runt;
    PNET_BUFFER_LIST Twice;
    PNET_BUFFER_LIST Good;
    PNET_BUFFER_LIST Back;

    HarnessScenario("send fails runt and already-tagged frames at once");
    Host = StartFilter();
    HarnessDbgReset();

    Runt = HarnessAppendNb(Pool, NULL, Plain[0], 10, HarnessOneMdl);
    SetVlan(Runt, 0, 7);
    Twice = HarnessAppendNb(Pool, NULL, Tagged[0], FrameLength[0] + 4, HarnessSplitHeader);
    SetVlan(Twice, 1, 8);
    Good = HarnessAppendNb(Pool, NULL, Plain[2], FrameLength[2], HarnessBackfill);
    SetVlan(Good, 2, 102);
    NET_BUFFER_LIST_NEXT_NBL(Runt) = Twice;
    NET_BUFFER_LIST_NEXT_NBL(Twice) = Good;
    ExpectAtEdge(Good, Tagged[2], FrameLength[2] + 4, 0);

    HCHECK_EQ(undis_host_send_nbls(Host, Runt), NDIS_STATUS_SUCCESS);

    HCHECK_EQ(HarnessDbgErrorCount(), 2);
    HCHECK_EQ(Seen.SentNbls, 1); /* only Good reached the miniport */
    HCHECK_EQ(TestFilter->Statistics.SendsFailed, 2);
    /* Good went down and came back first; the two failed ones after it. */
    Back = HarnessHostTakeBack();
    HCHECK_EQ(HarnessCountNbls(Back), 3);
    HCHECK(Back == Good);
    HCHECK(NET_BUFFER_LIST_NEXT_NBL(Good) == Runt);
    HCHECK(NET_BUFFER_LIST_NEXT_NBL(Runt) == Twice);
    HCHECK_EQ(NET_BUFFER_LIST_STATUS(Good), NDIS_STATUS_SUCCESS);
    CheckNbFrames(Good, Plain[2], FrameLength[2]);
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Good), 102);
    HCHECK_EQ(NET_BUFFER_LIST_STATUS(Runt), NDIS_STATUS_INVALID_PACKET);
    HCHECK_EQ(NET_BUFFER_LIST_STATUS(Twice), NDIS_STATUS_INVALID_PACKET);
    CheckNbFrames(Runt, Plain[0], 10);
    CheckNbFrames(Twice, Tagged[0], FrameLength[0] + 4);
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Twice), 8);

    FreeChain(Back);
    HarnessHostStop(Host);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

static PNET_BUFFER_LIST
BuildReceiveChain(NDIS_HANDLE Pool)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST *Tail = &Head;
    ULONG Index;

    /* Frame 5 arrives untagged; the others carry their tag in the frame.
     * Above the filter, each must be the plain frame with its VLAN in OOB. */
    for (Index = 0; Index < TEST_FRAMES; Index++) {
        PNET_BUFFER_LIST Nbl = Index == 5
                                   ? HarnessAppendNb(Pool, NULL, Plain[Index], FrameLength[Index],
                                                     FrameGeometry[Index])
                                   : HarnessAppendNb(Pool, NULL, Tagged[Index],
                                                     FrameLength[Index] + 4, FrameGeometry[Index]);
        ExpectAtEdge(Nbl, Plain[Index], FrameLength[Index], (USHORT)(Index == 5 ? 0 : 100 + Index));
        *Tail = Nbl;
        Tail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
    }
    return Head;
}

/* The miniport has its frames back exactly as it indicated them. */
static void
CheckReceivesRestored(PNET_BUFFER_LIST Chain)
{
    PNET_BUFFER_LIST Nbl;
    ULONG Index;

    HCHECK_EQ(HarnessCountNbls(Chain), TEST_FRAMES);
    for (Index = 0, Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        CheckNbFrames(Nbl, Index == 5 ? Plain[Index] : Tagged[Index],
                      FrameLength[Index] + (Index == 5 ? 0 : 4));
        HCHECK(NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo) == NULL);
    }
    HCHECK_NBL_CHAIN(Chain);
}

static void
ReceiveStripsTagsAndReturnRestoresThem(BOOLEAN CannotPend)
{
    undis_host *Host;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Back;
    KIRQL OldIrql;

    HarnessScenario(CannotPend ? "receive strips tags while the indication lasts (RESOURCES)"
                               : "receive strips tags into OOB and return restores them");
    Host = StartFilter();
    Chain = BuildReceiveChain(Pool);

    KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    HCHECK_EQ(undis_host_indicate_nbls(Host, Chain, CannotPend ? UNDIS_HOST_RECEIVE_RESOURCES : 0),
              NDIS_STATUS_SUCCESS);
    KeLowerIrql(OldIrql);

    HCHECK_EQ(Seen.ReceiveCalls, 1);
    HCHECK_EQ(Seen.ReceivedNbls, TEST_FRAMES);
    HCHECK_EQ(TestFilter->Statistics.TagsStripped, TEST_FRAMES - 1);
    HCHECK_EQ(TestFilter->PendingReceiveCount, 0);
    Back = HarnessHostTakeBack();
    HCHECK(Back == Chain);
    CheckReceivesRestored(Back);

    FreeChain(Back);
    HarnessHostStop(Host);
    NdisFreeNetBufferListPool(Pool);
    HCHECK_NO_LEAKS();
}

/* One sweep step on the send path: every NBL back once, as it was sent;
 * the one whose allocation failed with NDIS_STATUS_RESOURCES. */
static BOOLEAN
SweepSend(undis_host *Host, NDIS_HANDLE Pool, ULONG Nth)
{
    PNET_BUFFER_LIST Chain = BuildSendChain(Pool, TRUE);
    PNET_BUFFER_LIST Back;
    PNET_BUFFER_LIST Nbl;
    unsigned long long FailedBefore = undis_alloc_failed_count();
    BOOLEAN Injected;
    ULONG Failed = 0;

    undis_host_set_edges(Host, NULL, NULL, NULL); /* the edges are checked above */
    undis_fault_alloc_fail_nth(Nth);
    HCHECK_EQ(undis_host_send_nbls(Host, Chain), NDIS_STATUS_SUCCESS);
    undis_fault_clear();
    Injected = undis_alloc_failed_count() != FailedBefore ? TRUE : FALSE;

    Back = HarnessHostTakeBack();
    HCHECK_EQ(HarnessCountNbls(Back), TEST_FRAMES);
    for (Nbl = Back; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        ULONG Index;
        /* Frame i is recognised by its source address. */
        HarnessFlatten(NET_BUFFER_LIST_FIRST_NB(Nbl), Flat, sizeof(Flat));
        Index = Flat[11];
        HCHECK(Index < TEST_FRAMES);
        if (NET_BUFFER_LIST_STATUS(Nbl) == NDIS_STATUS_RESOURCES) {
            Failed++;
        } else {
            HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl), NDIS_STATUS_SUCCESS);
        }
        if (Index < TEST_FRAMES) {
            CheckNbFrames(Nbl, Plain[Index], FrameLength[Index]);
            HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(Nbl), Index == 5 ? 0 : 100 + Index);
        }
    }
    HCHECK_EQ(Failed, Injected ? 1 : 0);
    FreeChain(Back);
    return Injected;
}

/* The same on the receive path: a failed context allocation leaves the
 * frame tagged; every frame comes back as it was indicated. */
static void
SweepReceive(undis_host *Host, NDIS_HANDLE Pool, ULONG Nth)
{
    PNET_BUFFER_LIST Chain = BuildReceiveChain(Pool);
    PNET_BUFFER_LIST Back;
    KIRQL OldIrql;

    undis_fault_alloc_fail_nth(Nth);
    KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    HCHECK_EQ(undis_host_indicate_nbls(Host, Chain, 0), NDIS_STATUS_SUCCESS);
    KeLowerIrql(OldIrql);
    undis_fault_clear();
    HCHECK(TestFilter->Statistics.ReceivesNotStripped <= 1);
    HCHECK(TestFilter->Statistics.TagsStripped + TestFilter->Statistics.ReceivesNotStripped >=
           TEST_FRAMES - 1);
    Back = HarnessHostTakeBack();
    HCHECK(Back == Chain);
    CheckReceivesRestored(Back);
    FreeChain(Back);
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
        undis_host *Host = StartFilter();
        NDIS_HANDLE Pool = HarnessAllocateNblPool();

        Injected = SweepSend(Host, Pool, Nth);
        SweepReceive(Host, Pool, Nth);
        HarnessHostStop(Host);
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
