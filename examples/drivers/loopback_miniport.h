/* SPDX-License-Identifier: MIT */
/*
 * loopback_miniport.h: what the example loopback miniport
 * (loopback_miniport.c) shows a test besides its NDIS interface: its
 * counters and the knobs that choose how its "hardware" behaves.
 *
 * The hardware is a ring of frames: each frame sent is copied into the
 * ring, the send completes, and the ring is drained at once as receives
 * (NdisMIndicateReceiveNetBufferLists with the adapter's own NBLs, given
 * back by MiniportReturnNetBufferLists). When few receive NBLs are left the
 * indication carries NDIS_RECEIVE_FLAGS_RESOURCES.
 */
#ifndef LOOPBACK_MINIPORT_H
#define LOOPBACK_MINIPORT_H

#include <ndis.h>

typedef struct _LOOPBACK_COUNTERS {
    LONG64 SendNbls, SendBytes;  /* NBLs that reached MiniportSendNetBufferLists */
    LONG64 SendsCompleted;       /* completed with NdisMSendNetBufferListsComplete */
    LONG64 SendsAborted;         /* of those, cancelled (NDIS_STATUS_SEND_ABORTED) */
    LONG64 Indicated;            /* receive NBLs indicated */
    LONG64 IndicatedResources;   /* of those, with NDIS_RECEIVE_FLAGS_RESOURCES */
    LONG64 Returned;             /* came back by MiniportReturnNetBufferLists */
    LONG64 Oids;                 /* MiniportOidRequest calls */
    LONG64 PnPEvents, Shutdowns; /* MiniportDevicePnPEventNotify, MiniportShutdownEx */
    LONG64 Halts, Unloads;       /* MiniportHaltEx, MiniportDriverUnload */
} LOOPBACK_COUNTERS;

extern LOOPBACK_COUNTERS LoopbackCounters;

/* Knobs (a test sets them; 0 by default). */
extern ULONG LoopbackHoldSends;      /* keep sends until cancelled or paused */
extern ULONG LoopbackPendLife;       /* restart and pause answer NDIS_STATUS_PENDING */
extern ULONG LoopbackPendOids;       /* OID requests answer NDIS_STATUS_PENDING */
extern ULONG LoopbackFailInitialize; /* MiniportInitializeEx: NDIS_STATUS_ADAPTER_NOT_FOUND */

#ifdef LOOPBACK_BREAKS
enum {
    LOOPBACK_BREAK_NONE = 0,
    LOOPBACK_BREAK_BAD_CHARACTERISTICS = 1, /* DriverEntry: Header.Size too small */
    LOOPBACK_BREAK_COMPLETE_TWICE = 2,      /* a send completed twice */
    LOOPBACK_BREAK_PAUSE_WITH_SENDS = 3,    /* the pause completes with held sends */
    LOOPBACK_BREAK_INDICATE_PAUSED = 4,     /* the ring drained after the pause */
    LOOPBACK_BREAK_NO_GENERAL = 5,          /* no general attributes at initialize */
    LOOPBACK_BREAK_WRONG_COUNT = 6,         /* NumberOfNetBufferLists one too many */
    LOOPBACK_BREAK_DISPATCH_FLAG = 7,       /* DISPATCH_LEVEL flag at PASSIVE_LEVEL */
    LOOPBACK_BREAK_OID_TWICE = 8            /* an OID completed and its status returned */
};
extern ULONG LoopbackBreak;
#endif

#endif /* LOOPBACK_MINIPORT_H */
