/* SPDX-License-Identifier: MIT */
/*
 * unsupported_idle.c: NdisMIdleNotificationComplete (NDIS 6.30 selective
 * suspend). A miniport calls it to end an idle notification NDIS sent to
 * its MiniportIdleNotification handler; the driver host sends none (it
 * never idles an adapter), so there is nothing to complete: the call
 * reports NOT_SUPPORTED_IN_USER_MODE once per process and does nothing.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

VOID
NdisMIdleNotificationComplete(NDIS_HANDLE MiniportAdapterHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    undis__report_unsupported("NdisMIdleNotificationComplete");
}
