/* SPDX-License-Identifier: MIT */
/*
 * unsupported_poll.c: NDIS Poll Mode (<ndis/poll.h>) while the driver host
 * does not poll. Registration and affinity fail with
 * NDIS_STATUS_NOT_SUPPORTED (registration with a NULL handle), so a driver
 * falls back to its interrupt/DPC path as it does on a system without Poll
 * Mode. NdisDeregisterPoll and NdisRequestPoll report and do nothing: their
 * handle can only have come from a failed registration. Each function
 * reports NOT_SUPPORTED_IN_USER_MODE once per process before it fails;
 * docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisRegisterPoll(NDIS_HANDLE MiniportAdapterHandle,
                 void *Context,
                 NDIS_POLL_CHARACTERISTICS const *Characteristics,
                 NDIS_POLL_HANDLE *PollHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Characteristics);
    undis__report_unsupported("NdisRegisterPoll");
    *PollHandle = NULL;
    return NDIS_STATUS_NOT_SUPPORTED;
}

void
NdisDeregisterPoll(NDIS_POLL_HANDLE PollHandle)
{
    UNREFERENCED_PARAMETER(PollHandle);
    undis__report_unsupported("NdisDeregisterPoll");
}

void
NdisRequestPoll(NDIS_POLL_HANDLE PollHandle, void *Context)
{
    UNREFERENCED_PARAMETER(PollHandle);
    UNREFERENCED_PARAMETER(Context);
    undis__report_unsupported("NdisRequestPoll");
}

NDIS_STATUS
NdisSetPollAffinity(NDIS_POLL_HANDLE PollHandle, PROCESSOR_NUMBER const *PollAffinity)
{
    UNREFERENCED_PARAMETER(PollHandle);
    UNREFERENCED_PARAMETER(PollAffinity);
    undis__report_unsupported("NdisSetPollAffinity");
    return NDIS_STATUS_NOT_SUPPORTED;
}
