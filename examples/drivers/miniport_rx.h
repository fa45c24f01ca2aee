/* SPDX-License-Identifier: MIT */
/*
 * miniport_rx.h: the receive path of an Ethernet miniport (WDK style;
 * driver code).
 *
 * The "hardware" writes frames into a ring of fixed receive buffers and
 * marks their descriptors done. The interrupt DPC builds one
 * NET_BUFFER_LIST per frame over the buffer itself (no copy): a receive
 * control block from a lookaside list whose allocate / free routines are
 * the driver's, the slot's MDL trimmed to the frame with
 * NdisAdjustMdlLength, and an NBL from NdisAllocateNetBufferAndNetBufferList.
 * The NBLs are chained and indicated with NdisMIndicateReceiveNetBufferLists;
 * MiniportReturnNetBufferLists restores the MDL, frees the NBL and the
 * control block, and gives the slot back to the hardware.
 */
#ifndef MINIPORT_RX_H
#define MINIPORT_RX_H

#include <ndis.h>

#define MP_POOL_TAG 'xRpM' /* "MpRx"; needs -Wno-multichar */

#define MP_RX_RING_SIZE   16
#define MP_RX_BUFFER_SIZE 1536

/* Receive descriptor, as a simple NIC lays it out. */
#define MP_RXD_OWNED_BY_HW  0x0001 /* posted: the NIC may fill it */
#define MP_RXD_DONE         0x0002 /* the NIC wrote a frame */
#define MP_RXD_ERROR_CRC    0x0100
#define MP_RXD_VLAN_PRESENT 0x0200 /* the NIC took an 802.1Q tag out */

typedef struct _MP_RX_DESCRIPTOR {
    volatile USHORT Status;
    USHORT Length;
    USHORT VlanTci;
    USHORT Reserved;
} MP_RX_DESCRIPTOR, *PMP_RX_DESCRIPTOR;

typedef struct _MP_RX_SLOT {
    PUCHAR Buffer; /* MP_RX_BUFFER_SIZE bytes in the ring */
    PMDL Mdl;      /* describes Buffer; trimmed to the frame while indicated */
} MP_RX_SLOT, *PMP_RX_SLOT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE NblPool;
    NPAGED_LOOKASIDE_LIST RcbLookaside;
    NDIS_SPIN_LOCK RxLock;    /* guards RxPendingList */
    LIST_ENTRY RxPendingList; /* MP_RCB.Link: indicated, not yet returned */
    PUCHAR RxRing;            /* MP_RX_RING_SIZE * MP_RX_BUFFER_SIZE bytes */
    MP_RX_DESCRIPTOR RxDescriptors[MP_RX_RING_SIZE];
    MP_RX_SLOT RxSlots[MP_RX_RING_SIZE];
    ULONG RxNext;                /* next descriptor the driver looks at */
    volatile LONG RxOutstanding; /* NBLs indicated and not yet returned */
    ULONG LowResourcesThreshold; /* indicate with RESOURCES at or above */
    volatile LONG64 RxFrames;
    volatile LONG64 RxBytes;
    volatile LONG RxDropped;
    volatile LONG RxErrors;
} MP_ADAPTER, *PMP_ADAPTER;

/* The driver's lookaside routines keep global counts. */
typedef struct _MP_GLOBALS {
    volatile LONG RcbAllocations;
    volatile LONG RcbFrees;
} MP_GLOBALS;
extern MP_GLOBALS MpGlobals;

/* What MiniportInitializeEx / MiniportHaltEx do for the receive path. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    MpInitializeReceive(_Out_ PMP_ADAPTER Adapter, _In_ NDIS_HANDLE AdapterHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID MpHaltReceive(_Inout_ PMP_ADAPTER Adapter);

/* The receive half of MiniportInterruptDPC: indicates at most
 * MaxNblsToIndicate frames; *MoreNblsPending says whether done descriptors
 * are left. */
_IRQL_requires_(DISPATCH_LEVEL) VOID MpHandleReceiveInterrupt(_In_ PMP_ADAPTER Adapter,
                                                              _In_ ULONG MaxNblsToIndicate,
                                                              _Out_ PBOOLEAN MoreNblsPending);

MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;

#endif /* MINIPORT_RX_H */
