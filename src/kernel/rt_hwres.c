/* SPDX-License-Identifier: MIT */
/*
 * rt_hwres.c: the working functions of <ndis/hwres.h> and
 * <ndis/hwassist.h>: the DPC watchdog query (undis has no watchdog: every
 * limit and count is 0, which means "no limit"), the bit count of
 * RtlNumberOfSetBitsUlongPtr and NdisGetSharedDataAlignment (the cache-line
 * size). None of them reports: each does what Windows does.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#include <string.h>

NTSTATUS NTAPI
KeQueryDpcWatchdogInformation(PKDPC_WATCHDOG_INFORMATION WatchdogInformation)
{
    memset(WatchdogInformation, 0, sizeof(*WatchdogInformation));
    return STATUS_SUCCESS;
}

ULONG NTAPI
RtlNumberOfSetBitsUlongPtr(ULONG_PTR Target)
{
    ULONG count = 0;
    while (Target != 0) {
        Target &= Target - 1U;
        count++;
    }
    return count;
}

ULONG
NdisGetSharedDataAlignment(VOID)
{
    return SYSTEM_CACHE_ALIGNMENT_SIZE;
}
