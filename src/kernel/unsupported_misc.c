/* SPDX-License-Identifier: MIT */
/*
 * unsupported_misc.c: the rest of the unsupported surface: the error log,
 * and processor CPU usage; the interface table of <netioapi.h> is in
 * unsupported_netio.c (kernel mutexes are real: rt_sync.c).
 * NdisWriteErrorLogEntry drops the entry (harmless: a log);
 * NdisGetCurrentProcessorCpuUsage reports 0 percent.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

VOID
NdisWriteErrorLogEntry(NDIS_HANDLE NdisAdapterHandle,
                       NDIS_ERROR_CODE ErrorCode,
                       ULONG NumberOfErrorValues,
                       ...)
{
    UNREFERENCED_PARAMETER(NdisAdapterHandle);
    UNREFERENCED_PARAMETER(ErrorCode);
    UNREFERENCED_PARAMETER(NumberOfErrorValues);
    undis__report_unsupported("NdisWriteErrorLogEntry");
}

VOID
NdisGetCurrentProcessorCpuUsage(PULONG pCpuUsage)
{
    undis__report_unsupported("NdisGetCurrentProcessorCpuUsage");
    *pCpuUsage = 0;
}
