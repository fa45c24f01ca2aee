/* SPDX-License-Identifier: MIT */
/*
 * filter_vlan.h: a lightweight filter that moves IEEE 802.1Q tags between
 * the NET_BUFFER_LIST's out-of-band information and the frame, in software,
 * for a miniport below that cannot tag (WDK style; driver code).
 *
 *   send     a tag in NET_BUFFER_LIST_INFO(Ieee8021QNetBufferListInfo) is
 *            written into each frame (retreat by 4 bytes); the OOB slot is
 *            cleared and given back, with the frame, on send completion
 *   receive  a tagged frame loses its tag (advance by 4 bytes) and the tag
 *            goes into the OOB slot; the frame is put back as it came before
 *            it returns to the miniport
 *
 * Bookkeeping: a per-NBL context (NdisAllocateNetBufferListContext) points
 * to a record from a lookaside list; outstanding sends are kept on a
 * LIST_ENTRY queue under an NDIS_SPIN_LOCK.
 *
 * The driver's life (DriverEntry, NdisFRegisterFilterDriver, FilterAttach,
 * FilterRestart, FilterPause pending until every send and receive it passed
 * on is back, FilterDetach, unload) is at the end of filter_vlan.c. Built
 * with FILTER_VLAN_BREAKS, it breaks one NDIS rule on purpose: its send
 * completion says DISPATCH_LEVEL whatever the IRQL (the host reports
 * HOST_DISPATCH_FLAG_MISMATCH).
 */
#ifndef FILTER_VLAN_H
#define FILTER_VLAN_H

#include <ndis.h>

#define FILTER_POOL_TAG 'tliF' /* "Filt" in a pool dump; needs -Wno-multichar */

typedef struct _FILTER_STATISTICS {
    ULONG64 TagsInserted;
    ULONG64 TagsStripped;
    ULONG64 FramesPassedUntagged;
    ULONG64 SendsFailed;
    ULONG64 ReceivesNotStripped;
} FILTER_STATISTICS, *PFILTER_STATISTICS;

typedef struct _MS_FILTER {
    NDIS_HANDLE FilterHandle; /* NDIS's handle for this module */
    NDIS_SPIN_LOCK Lock;      /* guards PendingSends and Statistics */
    LIST_ENTRY PendingSends;  /* FILTER_SEND_RECORD.Link */
    ULONG PendingSendCount;
    ULONG PendingReceiveCount; /* indicated up, not returned yet */
    BOOLEAN PausePending;      /* FilterPause returned NDIS_STATUS_PENDING */
    NPAGED_LOOKASIDE_LIST SendRecordLookaside;
    BOOLEAN LookasideInitialized;
    ULONG NextSequence;
    FILTER_STATISTICS Statistics;
} MS_FILTER, *PMS_FILTER;

/* What FilterAttach / FilterDetach do for the data path. */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    FilterInitializeDataPath(_Out_ PMS_FILTER Filter, _In_ NDIS_HANDLE FilterHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID FilterUninitializeDataPath(_Inout_ PMS_FILTER Filter);

DRIVER_INITIALIZE DriverEntry;

FILTER_SEND_NET_BUFFER_LISTS FilterSendNetBufferLists;
FILTER_SEND_NET_BUFFER_LISTS_COMPLETE FilterSendNetBufferListsComplete;
FILTER_RECEIVE_NET_BUFFER_LISTS FilterReceiveNetBufferLists;
FILTER_RETURN_NET_BUFFER_LISTS FilterReturnNetBufferLists;

#endif /* FILTER_VLAN_H */
