/* SPDX-License-Identifier: MIT */
/*
 * tunnel_send_test.c: THE TEST'S SIDE for tunnel_send.c.
 *
 * Hosts the whole driver in undis's driver host (harness_host.h) and plays
 * the protocol above with its own NBLs (every MDL geometry of the harness):
 * at undis's miniport each encapsulated frame is checked byte for byte
 * against an outer header the test builds itself, one send is failed there,
 * and each original must come back untouched, exactly once, with its
 * status. The host reports any NDIS rule the filter breaks.
 */
#include "tunnel_send.h"
#include "harness_host.h"

#include <string.h>

#define TEST_NBLS 6
#define TEST_VNI  TUN_DEFAULT_VNI

static struct {
    ULONG SendCalls;
    ULONG SentNbls;
    ULONG EncapsulatedNbs;
    USHORT LastIpId;
    LONG HeaderMdlsAtSend;
    LONG ClonesAtSend;
    BOOLEAN FailOne; /* the miniport fails the send of NBL 1 */
} Seen;

static PTUN_FILTER TestFilter;
static PNET_BUFFER_LIST Originals[TEST_NBLS];

static UCHAR Frames[TEST_NBLS][HARNESS_MAX_FRAME];
static const ULONG FrameLength[TEST_NBLS] = { 60, 1514, 42, 98, 14, 300 };
static const HARNESS_GEOMETRY FrameGeometry[TEST_NBLS] = { HarnessOneMdl,      HarnessBackfill,
                                                           HarnessOneMdl,      HarnessTinyMdls,
                                                           HarnessSplitHeader, HarnessLongChain };
static UCHAR Flat[HARNESS_MAX_FRAME];

static PNET_BUFFER_LIST
NblAt(PNET_BUFFER_LIST Chain, ULONG Index)
{
    while (Chain != NULL && Index-- > 0) {
        Chain = NET_BUFFER_LIST_NEXT_NBL(Chain);
    }
    return Chain;
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

/* ---- undis's miniport: what reaches the wire ----------------------------------- */

static void
CheckBelow(PNET_BUFFER_LIST Nbl, ULONG Index)
{
    PNET_BUFFER Nb;

    if (Index == 2) {
        /* ARP goes as it is. */
        HCHECK(Nbl == Originals[Index]);
        CheckOriginalUntouched(Nbl, Index);
        return;
    }
    HCHECK(Nbl != Originals[Index]);
    HCHECK(Nbl->ParentNetBufferList == Originals[Index]);
    HCHECK(Nbl->SourceHandle == TestFilter->FilterHandle);
    HCHECK(NdisGetPoolFromNetBufferList(Nbl) == TestFilter->CloneNblPool);
    HCHECK_EQ(Originals[Index]->ChildRefCount, 1);
    HCHECK_EQ(NbCount(Nbl), NbCount(Originals[Index]));
    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        USHORT IpId = CheckEncapsulated(Nb, Index);
        HCHECK_EQ(IpId, (USHORT)(Seen.LastIpId + 1));
        Seen.LastIpId = IpId;
        Seen.EncapsulatedNbs++;
    }
    /* The protocol's NBL is read, never written. */
    CheckOriginalUntouched(Originals[Index], Index);
}

static void
SendEdge(void *Context, PNET_BUFFER_LIST Nbls, ULONG SendFlags)
{
    PNET_BUFFER_LIST Nbl;
    ULONG Index;

    (void)Context;
    HCHECK_EQ(NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags), KeGetCurrentIrql() == DISPATCH_LEVEL);
    HCHECK_NBL_CHAIN(Nbls);
    Seen.SendCalls++;
    for (Index = 0, Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        HCHECK(Index < TEST_NBLS);
        if (Index < TEST_NBLS) {
            CheckBelow(Nbl, Index);
        }
        Seen.SentNbls++;
    }
    HCHECK_EQ(NDIS_GET_NET_BUFFER_LIST_VLAN_ID(NblAt(Nbls, 0)), 77);
    HCHECK(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(Originals[5]) ==
           NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(NblAt(Nbls, 5)));
    Seen.HeaderMdlsAtSend = ReadNoFence(&TunGlobals.HeaderMdlsOutstanding);
    Seen.ClonesAtSend = ReadNoFence(&TestFilter->OutstandingClones);
    if (Seen.FailOne) {
        NET_BUFFER_LIST_STATUS(NblAt(Nbls, 1)) = NDIS_STATUS_FAILURE;
    }
}

static undis_host *
StartTunnel(undis_host_chain_fn *Edge)
{
    undis_host *Host = HarnessHostStart(DriverEntry, "tunnel_send", Edge, NULL);
    memset(&Seen, 0, sizeof(Seen));
    TestFilter = (PTUN_FILTER)undis_host_module_context(Host);
    HCHECK(TestFilter != NULL);
    return Host;
}

/* ---- scenarios ---------------------------------------------------------------------- */

static void
SendEncapsulatesClonesAndCompletesOriginals(BOOLEAN AtDispatch)
{
    undis_host *Host;
    NDIS_HANDLE Pool = HarnessAllocateNblPool();
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Back;
    PNET_BUFFER_LIST Nbl;
    KIRQL OldIrql = PASSIVE_LEVEL;
    ULONG Index;

    HarnessScenario(AtDispatch ? "send encapsulates clones, completes originals (DISPATCH_LEVEL)"
                               : "send encapsulates clones, completes originals (PASSIVE_LEVEL)");
    Host = StartTunnel(SendEdge);
    Seen.FailOne = TRUE;
    Chain = BuildSendChain(Pool, Originals);

    if (AtDispatch) {
        KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    }
    HCHECK_EQ(undis_host_send_nbls(Host, Chain), NDIS_STATUS_SUCCESS);
    if (AtDispatch) {
        KeLowerIrql(OldIrql);
    }

    /* At the miniport: one send of every NBL, the clones encapsulated. */
    HCHECK_EQ(Seen.SendCalls, 1);
    HCHECK_EQ(Seen.SentNbls, TEST_NBLS);
    HCHECK_EQ(Seen.HeaderMdlsAtSend, Seen.EncapsulatedNbs);
    HCHECK_EQ(Seen.ClonesAtSend, TEST_NBLS - 1);
    HCHECK_EQ(TestFilter->Statistics.PacketsEncapsulated, Seen.EncapsulatedNbs);
    HCHECK_EQ(TestFilter->Statistics.PassedThrough, 1);

    /* Back at the protocol: the originals, in order, with the miniport's status. */
    Back = HarnessHostTakeBack();
    HCHECK_EQ(HarnessCountNbls(Back), TEST_NBLS);
    for (Index = 0, Nbl = Back; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl), Index++) {
        HCHECK(Nbl == Originals[Index]);
        HCHECK_EQ(Nbl->ChildRefCount, 0);
        HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl),
                  Index == 1 ? NDIS_STATUS_FAILURE : NDIS_STATUS_SUCCESS);
        CheckOriginalUntouched(Nbl, Index);
    }
    HCHECK_EQ(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding), 0);
    HCHECK_EQ(ReadNoFence(&TestFilter->OutstandingClones), 0);

    FreeChain(Back);
    HarnessHostStop(Host);
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
        undis_host *Host = StartTunnel(NULL);
        NDIS_HANDLE Pool = HarnessAllocateNblPool();
        PNET_BUFFER_LIST Chain;
        PNET_BUFFER_LIST Back;
        PNET_BUFFER_LIST Nbl;
        unsigned long long FailedBefore;
        ULONG Index;
        ULONG Failed = 0;

        Chain = BuildSendChain(Pool, Originals);
        FailedBefore = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(Nth);
        HCHECK_EQ(undis_host_send_nbls(Host, Chain), NDIS_STATUS_SUCCESS);
        undis_fault_clear();
        Injected = undis_alloc_failed_count() != FailedBefore ? TRUE : FALSE;

        Back = HarnessHostTakeBack();
        HCHECK_EQ(HarnessCountNbls(Back), TEST_NBLS);
        for (Nbl = Back; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            if (NET_BUFFER_LIST_STATUS(Nbl) == NDIS_STATUS_RESOURCES) {
                Failed++;
            } else {
                HCHECK_EQ(NET_BUFFER_LIST_STATUS(Nbl), NDIS_STATUS_SUCCESS);
            }
            HCHECK_EQ(Nbl->ChildRefCount, 0);
        }
        HCHECK_EQ(Failed, Injected ? 1 : 0);
        for (Index = 0; Index < TEST_NBLS; Index++) {
            CheckOriginalUntouched(Originals[Index], Index);
        }
        HCHECK_EQ(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding), 0);
        HCHECK_EQ(ReadNoFence(&TestFilter->OutstandingClones), 0);
        FreeChain(Back);
        HarnessHostStop(Host);
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
