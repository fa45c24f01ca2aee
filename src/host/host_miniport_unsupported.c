/* SPDX-License-Identifier: MIT */
/*
 * host_miniport_unsupported.c: the miniport's data calls, declared by
 * <ndis.h>, while the host has no miniport role yet (docs/host.md, "not
 * done yet"): no miniport adapter handle of the host's exists for them to
 * act on. Each reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) naming itself and does nothing else: both are VOID, and
 * the NBLs stay the caller's (an indication that reached nobody; a
 * completion of sends nobody made).
 *
 * A file of their own, so that a test which plays NDIS above a miniport by
 * defining these itself (examples/drivers/miniport_rx_test.c) links without
 * a second definition: this member is only taken from the archive when
 * nothing else defines them.
 */
#include "host/host_internal.h"

#include "base/report.h"

VOID
NdisMIndicateReceiveNetBufferLists(NDIS_HANDLE MiniportAdapterHandle,
                                   PNET_BUFFER_LIST NetBufferLists,
                                   NDIS_PORT_NUMBER PortNumber,
                                   ULONG NumberOfNetBufferLists,
                                   ULONG ReceiveFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(NumberOfNetBufferLists);
    UNREFERENCED_PARAMETER(ReceiveFlags);
    undis__report_unsupported("NdisMIndicateReceiveNetBufferLists");
}

VOID
NdisMSendNetBufferListsComplete(NDIS_HANDLE MiniportAdapterHandle,
                                PNET_BUFFER_LIST NetBufferLists,
                                ULONG SendCompleteFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(SendCompleteFlags);
    undis__report_unsupported("NdisMSendNetBufferListsComplete");
}
