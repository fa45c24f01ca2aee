/* SPDX-License-Identifier: MIT */
/*
 * miniport_rx_test.c: THE TEST'S SIDE for miniport_rx.c.
 *
 * Plays the NIC (it writes frames into the receive ring and marks
 * descriptors done), the interrupt (it calls the DPC at DISPATCH_LEVEL) and
 * NDIS with the protocols above: it defines NdisMIndicateReceiveNetBufferLists,
 * checks every NBL indicated against the frame the NIC received, holds the
 * NBLs and returns them through MiniportReturnNetBufferLists.
 */
#include "miniport_rx.h"
#include "harness.h"

#include <string.h>

#define TEST_MAX_EXPECTED 64

static UCHAR AdapterHandleStorage;
#define TEST_ADAPTER_HANDLE ((NDIS_HANDLE)&AdapterHandleStorage)

/* The frames the NIC received, in order, and what the indications showed. */
static struct {
    UCHAR Frame[TEST_MAX_EXPECTED][HARNESS_MAX_FRAME];
    ULONG Length[TEST_MAX_EXPECTED];
    USHORT VlanTci[TEST_MAX_EXPECTED]; /* 0: none */
    BOOLEAN Good[TEST_MAX_EXPECTED];   /* FALSE: the driver must drop it */
    ULONG Received;                    /* frames the NIC wrote */
    ULONG Checked;                     /* frames seen indicated (or skipped as bad) */
    ULONG HwNext;                      /* next descriptor the NIC writes */
} Wire;

static struct {
    PNET_BUFFER_LIST Held; /* indicated and kept by the protocol */
    ULONG IndicateCalls;
    ULONG Indicated;
    ULONG IndicatedWithResources;
} Above;

static UCHAR Flat[HARNESS_MAX_FRAME];

/* ---- the NIC ------------------------------------------------------------------- */

/* Writes a frame into the next descriptor the NIC owns; FALSE when the ring
 * is full (the frame is missed). */
static BOOLEAN
NicReceive(PMP_ADAPTER Adapter, const UCHAR *Frame, ULONG Length, USHORT ExtraStatus, USHORT Tci)
{
    PMP_RX_DESCRIPTOR Descriptor = &Adapter->RxDescriptors[Wire.HwNext];
    ULONG Index = Wire.Received % TEST_MAX_EXPECTED;

    if ((Descriptor->Status & MP_RXD_OWNED_BY_HW) == 0) {
        return FALSE;
    }
    memcpy(Adapter->RxSlots[Wire.HwNext].Buffer, Frame, Length);
    Descriptor->Length = (USHORT)Length;
    Descriptor->VlanTci = Tci;
    Descriptor->Status = (USHORT)(MP_RXD_DONE | ExtraStatus | (Tci != 0 ? MP_RXD_VLAN_PRESENT : 0));
    memcpy(Wire.Frame[Index], Frame, Length);
    Wire.Length[Index] = Length;
    Wire.VlanTci[Index] = Tci;
    Wire.Good[Index] = (ExtraStatus & MP_RXD_ERROR_CRC) == 0 && Length >= 14 ? TRUE : FALSE;
    Wire.Received++;
    Wire.HwNext = (Wire.HwNext + 1) % MP_RX_RING_SIZE;
    return TRUE;
}

static void
NicReceiveFrame(PMP_ADAPTER Adapter, ULONG Seed, ULONG Length, USHORT EtherType, USHORT Tci)
{
    UCHAR Frame[HARNESS_MAX_FRAME];

    HarnessBuildFrame(Frame, Length, EtherType, Seed);
    HCHECK(NicReceive(Adapter, Frame, Length, 0, Tci));
}

/* The interrupt fires: the DPC runs at DISPATCH_LEVEL. */
static BOOLEAN
Interrupt(PMP_ADAPTER Adapter, ULONG MaxNblsToIndicate)
{
    KIRQL OldIrql;
    BOOLEAN More = TRUE;

    KeRaiseIrql(DISPATCH_LEVEL, &OldIrql);
    MpHandleReceiveInterrupt(Adapter, MaxNblsToIndicate, &More);
    KeLowerIrql(OldIrql);
    return More;
}

/* ---- NDIS and the protocols above ------------------------------------------------ */

/* The first good frame not yet seen that matches the bytes indicated
 * (frames the driver dropped are passed over). */
static ULONG
MatchExpected(const UCHAR *Data, ULONG Length)
{
    while (Wire.Checked < Wire.Received) {
        ULONG Index = Wire.Checked++ % TEST_MAX_EXPECTED;
        if (Wire.Good[Index] && Wire.Length[Index] == Length &&
            memcmp(Wire.Frame[Index], Data, Length) == 0) {
            return Index;
        }
    }
    HCHECK(!"an indicated frame the NIC never received");
    return 0;
}

static void
CheckIndicatedNbl(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
    ULONG Length = HarnessFlatten(Nb, Flat, sizeof(Flat));
    ULONG Index = MatchExpected(Flat, Length);
    USHORT EtherType = HARNESS_BE16(Wire.Frame[Index] + 12);
    NDIS_NET_BUFFER_LIST_8021Q_INFO Info;

    HCHECK(Nbl->SourceHandle == TEST_ADAPTER_HANDLE);
    HCHECK(NET_BUFFER_NEXT_NB(Nb) == NULL);
    HCHECK_EQ(NET_BUFFER_DATA_LENGTH(Nb), Wire.Length[Index]);
    HCHECK_EQ(NET_BUFFER_DATA_OFFSET(Nb), 0);
    HCHECK_EQ(MmGetMdlByteCount(NET_BUFFER_FIRST_MDL(Nb)), Length);
    HCHECK(NDIS_MDL_LINKAGE(NET_BUFFER_FIRST_MDL(Nb)) == NULL);
    Info.Value = NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo);
    HCHECK_EQ(Info.TagHeader.VlanId, Wire.VlanTci[Index] & 0x0FFF);
    HCHECK_EQ(Info.TagHeader.UserPriority, Wire.VlanTci[Index] >> 13);
    HCHECK_EQ(NdisTestNblFlag(Nbl, NDIS_NBL_FLAGS_IS_IPV4), EtherType == NDIS_ETH_TYPE_IPV4);
    HCHECK_EQ(NdisTestNblFlag(Nbl, NDIS_NBL_FLAGS_IS_IPV6), EtherType == NDIS_ETH_TYPE_IPV6);
}

VOID
NdisMIndicateReceiveNetBufferLists(NDIS_HANDLE MiniportAdapterHandle,
                                   PNET_BUFFER_LIST NetBufferList,
                                   NDIS_PORT_NUMBER PortNumber,
                                   ULONG NumberOfNetBufferLists,
                                   ULONG ReceiveFlags)
{
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST *Tail;

    HCHECK(MiniportAdapterHandle == TEST_ADAPTER_HANDLE);
    HCHECK_EQ(PortNumber, NDIS_DEFAULT_PORT_NUMBER);
    HCHECK_EQ(KeGetCurrentIrql(), DISPATCH_LEVEL);
    HCHECK(NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags));
    HCHECK_EQ(NumberOfNetBufferLists, HarnessCountNbls(NetBufferList));
    HCHECK_NBL_CHAIN(NetBufferList);
    Above.IndicateCalls++;
    Above.Indicated += NumberOfNetBufferLists;
    for (Nbl = NetBufferList; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        CheckIndicatedNbl(Nbl);
    }
    if (NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags)) {
        Above.IndicatedWithResources += NumberOfNetBufferLists;
        return; /* looked at, not kept */
    }
    for (Tail = &Above.Held; *Tail != NULL; Tail = &NET_BUFFER_LIST_NEXT_NBL(*Tail)) {
    }
    *Tail = NetBufferList;
}

/* ---- helpers ----------------------------------------------------------------------- */

static void
ResetState(void)
{
    memset(&Wire, 0, sizeof(Wire));
    memset(&Above, 0, sizeof(Above));
}

/* Takes the NBLs at the given positions out of Above.Held, in that order. */
static PNET_BUFFER_LIST
TakeHeld(const ULONG *Positions, ULONG Count)
{
    PNET_BUFFER_LIST Taken[TEST_MAX_EXPECTED];
    PNET_BUFFER_LIST Chain = NULL;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST *Link;
    ULONG Held = 0;
    ULONG Index;

    for (Nbl = Above.Held; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        Taken[Held++] = Nbl;
    }
    for (Index = Count; Index-- > 0;) {
        Nbl = Taken[Positions[Index]];
        Taken[Positions[Index]] = NULL;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Chain;
        Chain = Nbl;
    }
    Link = &Above.Held;
    for (Index = 0; Index < Held; Index++) {
        if (Taken[Index] != NULL) {
            *Link = Taken[Index];
            Link = &NET_BUFFER_LIST_NEXT_NBL(Taken[Index]);
        }
    }
    *Link = NULL;
    return Chain;
}

static void
ReturnAllHeld(PMP_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Chain = Above.Held;

    Above.Held = NULL;
    if (Chain != NULL) {
        MpReturnNetBufferLists(Adapter, Chain, 0);
    }
}

static void
CheckRingIdle(PMP_ADAPTER Adapter)
{
    ULONG Index;

    HCHECK_EQ(ReadNoFence(&Adapter->RxOutstanding), 0);
    HCHECK(IsListEmpty(&Adapter->RxPendingList));
    for (Index = 0; Index < MP_RX_RING_SIZE; Index++) {
        HCHECK_EQ(Adapter->RxDescriptors[Index].Status, MP_RXD_OWNED_BY_HW);
        HCHECK_EQ(MmGetMdlByteCount(Adapter->RxSlots[Index].Mdl), MP_RX_BUFFER_SIZE);
    }
}

static void
Halt(PMP_ADAPTER Adapter)
{
    MpHaltReceive(Adapter);
    HCHECK_EQ(MpGlobals.RcbAllocations, MpGlobals.RcbFrees);
    HCHECK_NO_LEAKS();
}

/* ---- scenarios ------------------------------------------------------------------------ */

static void
ReceiveIndicatesFramesInPlaceAndReturnRestoresTheRing(void)
{
    MP_ADAPTER Adapter;
    BOOLEAN More;
    static const ULONG FirstReturn[] = { 4, 1 };
    static const ULONG SecondReturn[] = { 2, 0, 1 };
    PNET_BUFFER_LIST Chain;
    LONG AllocationsBefore = MpGlobals.RcbAllocations;

    HarnessScenario("receive indicates frames in place and return restores the ring");
    ResetState();
    HCHECK_EQ(MpInitializeReceive(&Adapter, TEST_ADAPTER_HANDLE), NDIS_STATUS_SUCCESS);
    NicReceiveFrame(&Adapter, 1, 60, NDIS_ETH_TYPE_IPV4, 0);
    NicReceiveFrame(&Adapter, 2, 1514, NDIS_ETH_TYPE_IPV6, 0);
    NicReceiveFrame(&Adapter, 3, 42, NDIS_ETH_TYPE_ARP, 0);
    NicReceiveFrame(&Adapter, 4, 64, NDIS_ETH_TYPE_IPV4, (USHORT)((5 << 13) | 42));
    NicReceiveFrame(&Adapter, 5, 14, NDIS_ETH_TYPE_IPV4, 0);

    More = Interrupt(&Adapter, 64);
    HCHECK(!More);
    HCHECK_EQ(Above.IndicateCalls, 1);
    HCHECK_EQ(Above.Indicated, 5);
    HCHECK_EQ(Above.IndicatedWithResources, 0);
    HCHECK_EQ(HarnessCountNbls(Above.Held), 5);
    HCHECK_EQ(ReadNoFence(&Adapter.RxOutstanding), 5);
    HCHECK_EQ(Adapter.RxFrames, 5);
    HCHECK_EQ(Adapter.RxBytes, 60 + 1514 + 42 + 64 + 14);
    HCHECK_EQ(Adapter.RxDescriptors[0].Status, 0);

    /* The protocol returns them out of order, in two batches. */
    Chain = TakeHeld(FirstReturn, 2);
    MpReturnNetBufferLists(&Adapter, Chain, 0);
    HCHECK_EQ(ReadNoFence(&Adapter.RxOutstanding), 3);
    HCHECK_EQ(Adapter.RxDescriptors[4].Status, MP_RXD_OWNED_BY_HW);
    HCHECK_EQ(Adapter.RxDescriptors[1].Status, MP_RXD_OWNED_BY_HW);
    HCHECK_EQ(MmGetMdlByteCount(Adapter.RxSlots[4].Mdl), MP_RX_BUFFER_SIZE);
    HCHECK_EQ(Adapter.RxDescriptors[0].Status, 0);
    Chain = TakeHeld(SecondReturn, 3);
    MpReturnNetBufferLists(&Adapter, Chain, 0);
    HCHECK(Above.Held == NULL);
    CheckRingIdle(&Adapter);
    HCHECK(MpGlobals.RcbAllocations > AllocationsBefore);
    Halt(&Adapter);
}

static void
ReceiveHonoursTheIndicationLimit(void)
{
    MP_ADAPTER Adapter;
    ULONG Index;

    HarnessScenario("receive honours MaxNblsToIndicate and wraps the ring");
    ResetState();
    HCHECK_EQ(MpInitializeReceive(&Adapter, TEST_ADAPTER_HANDLE), NDIS_STATUS_SUCCESS);
    for (Index = 0; Index < 10; Index++) {
        NicReceiveFrame(&Adapter, 100 + Index, 60 + Index * 50, NDIS_ETH_TYPE_IPV4, 0);
    }
    HCHECK(Interrupt(&Adapter, 4));
    HCHECK_EQ(Above.Indicated, 4);
    HCHECK(Interrupt(&Adapter, 4));
    HCHECK_EQ(Above.Indicated, 8);
    HCHECK(!Interrupt(&Adapter, 4));
    HCHECK_EQ(Above.Indicated, 10);
    HCHECK_EQ(Above.IndicateCalls, 3);
    ReturnAllHeld(&Adapter);

    /* Around the ring three times, returning as it goes. */
    for (Index = 0; Index < 3 * MP_RX_RING_SIZE; Index++) {
        NicReceiveFrame(&Adapter, 200 + Index, 60 + (Index * 37) % 1400,
                        (USHORT)(Index % 2 ? NDIS_ETH_TYPE_IPV6 : NDIS_ETH_TYPE_IPV4),
                        (USHORT)(Index % 3 == 0 ? Index + 1 : 0));
        if (Index % 5 == 4) {
            HCHECK(!Interrupt(&Adapter, 64));
            ReturnAllHeld(&Adapter);
        }
    }
    HCHECK(!Interrupt(&Adapter, 64));
    ReturnAllHeld(&Adapter);
    HCHECK_EQ(Above.Indicated, 10 + 3 * MP_RX_RING_SIZE);
    HCHECK_EQ(Wire.Checked, Wire.Received);
    CheckRingIdle(&Adapter);
    Halt(&Adapter);
}

static void
ReceiveDropsBadFramesAndSurvivesAFullRing(void)
{
    MP_ADAPTER Adapter;
    UCHAR Frame[HARNESS_MAX_FRAME];
    ULONG Index;

    HarnessScenario("receive drops bad frames; a full ring misses frames until returns");
    ResetState();
    HarnessDbgReset();
    HCHECK_EQ(MpInitializeReceive(&Adapter, TEST_ADAPTER_HANDLE), NDIS_STATUS_SUCCESS);
    HarnessBuildFrame(Frame, 100, NDIS_ETH_TYPE_IPV4, 7);
    HCHECK(NicReceive(&Adapter, Frame, 100, MP_RXD_ERROR_CRC, 0));
    NicReceiveFrame(&Adapter, 8, 60, NDIS_ETH_TYPE_IPV4, 0);
    HCHECK(NicReceive(&Adapter, Frame, 10, 0, 0)); /* runt */
    NicReceiveFrame(&Adapter, 9, 70, NDIS_ETH_TYPE_IPV6, 0);
    HCHECK(!Interrupt(&Adapter, 64));
    HCHECK_EQ(Above.Indicated, 2);
    HCHECK_EQ(Adapter.RxErrors, 2);
    HCHECK_EQ(HarnessDbgErrorCount(), 2);
    HCHECK_EQ(Adapter.RxDescriptors[0].Status, MP_RXD_OWNED_BY_HW);
    HCHECK_EQ(Adapter.RxDescriptors[2].Status, MP_RXD_OWNED_BY_HW);
    ReturnAllHeld(&Adapter);

    /* Fill the ring without returning: the NIC misses the next frame. */
    Adapter.LowResourcesThreshold = MP_RX_RING_SIZE + 1;
    for (Index = 0; Index < MP_RX_RING_SIZE; Index++) {
        NicReceiveFrame(&Adapter, 300 + Index, 80, NDIS_ETH_TYPE_IPV4, 0);
        HCHECK(!Interrupt(&Adapter, 64));
    }
    HCHECK(!NicReceive(&Adapter, Frame, 100, 0, 0));
    HCHECK_EQ(ReadNoFence(&Adapter.RxOutstanding), MP_RX_RING_SIZE);
    ReturnAllHeld(&Adapter);
    NicReceiveFrame(&Adapter, 400, 90, NDIS_ETH_TYPE_IPV4, 0);
    HCHECK(!Interrupt(&Adapter, 64));
    ReturnAllHeld(&Adapter);
    HCHECK_EQ(Wire.Checked, Wire.Received);
    CheckRingIdle(&Adapter);
    Halt(&Adapter);
}

static void
LowResourcesIndicationsComeBackAtOnce(void)
{
    MP_ADAPTER Adapter;

    HarnessScenario("low on receive buffers: indicated with RESOURCES, reclaimed at once");
    ResetState();
    HCHECK_EQ(MpInitializeReceive(&Adapter, TEST_ADAPTER_HANDLE), NDIS_STATUS_SUCCESS);
    Adapter.LowResourcesThreshold = 3;
    NicReceiveFrame(&Adapter, 10, 60, NDIS_ETH_TYPE_IPV4, 0);
    NicReceiveFrame(&Adapter, 11, 61, NDIS_ETH_TYPE_IPV4, 0);
    HCHECK(!Interrupt(&Adapter, 64));
    HCHECK_EQ(Above.IndicatedWithResources, 0);
    HCHECK_EQ(ReadNoFence(&Adapter.RxOutstanding), 2);
    NicReceiveFrame(&Adapter, 12, 62, NDIS_ETH_TYPE_IPV4, 0);
    NicReceiveFrame(&Adapter, 13, 63, NDIS_ETH_TYPE_IPV6, (USHORT)((7 << 13) | 4095));
    HCHECK(!Interrupt(&Adapter, 64));
    HCHECK_EQ(Above.IndicatedWithResources, 2);
    HCHECK_EQ(ReadNoFence(&Adapter.RxOutstanding), 2);
    HCHECK_EQ(Adapter.RxDescriptors[2].Status, MP_RXD_OWNED_BY_HW);
    HCHECK_EQ(Adapter.RxDescriptors[3].Status, MP_RXD_OWNED_BY_HW);
    HCHECK_EQ(MmGetMdlByteCount(Adapter.RxSlots[3].Mdl), MP_RX_BUFFER_SIZE);
    ReturnAllHeld(&Adapter);
    CheckRingIdle(&Adapter);
    Halt(&Adapter);
}

static void
AllocationFailureSweep(void)
{
    ULONG Nth;
    BOOLEAN Injected = TRUE;

    HarnessScenario("allocation-failure sweep over initialisation and receive");
    undis_rt_set_lookaside_depth(0);
    for (Nth = 1; Injected && Nth < 200; Nth++) {
        MP_ADAPTER Adapter;
        unsigned long long FailedBefore = undis_alloc_failed_count();
        NDIS_STATUS Status;
        ULONG Index;

        ResetState();
        undis_fault_alloc_fail_nth(Nth);
        Status = MpInitializeReceive(&Adapter, TEST_ADAPTER_HANDLE);
        undis_fault_clear();
        Injected = undis_alloc_failed_count() != FailedBefore ? TRUE : FALSE;
        if (Status != NDIS_STATUS_SUCCESS) {
            HCHECK(Injected);
            HCHECK_EQ(Status, NDIS_STATUS_RESOURCES);
            HCHECK_NO_LEAKS();
            continue;
        }
        for (Index = 0; Index < 6; Index++) {
            NicReceiveFrame(&Adapter, 500 + Index, 60 + Index, NDIS_ETH_TYPE_IPV4, 0);
        }
        FailedBefore = undis_alloc_failed_count();
        undis_fault_alloc_fail_nth(Nth);
        HCHECK(!Interrupt(&Adapter, 64));
        undis_fault_clear();
        if (undis_alloc_failed_count() != FailedBefore) {
            Injected = TRUE;
            HCHECK_EQ(Adapter.RxDropped, 1);
            /* The dropped frame is not indicated: skip it on the wire. */
        }
        HCHECK_EQ(Above.Indicated + (ULONG)Adapter.RxDropped, 6);
        ReturnAllHeld(&Adapter);
        CheckRingIdle(&Adapter);
        Halt(&Adapter);
    }
    HCHECK(!Injected);
    undis_rt_set_lookaside_depth(EX_MAXIMUM_LOOKASIDE_DEPTH_BASE);
}

int
main(void)
{
    HarnessBegin("miniport_rx");
    ReceiveIndicatesFramesInPlaceAndReturnRestoresTheRing();
    ReceiveHonoursTheIndicationLimit();
    ReceiveDropsBadFramesAndSurvivesAFullRing();
    LowResourcesIndicationsComeBackAtOnce();
    AllocationFailureSweep();
    return HarnessEnd();
}
