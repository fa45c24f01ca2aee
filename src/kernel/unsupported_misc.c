/* SPDX-License-Identifier: MIT */
/*
 * unsupported_misc.c: the rest of the unsupported surface: the error log,
 * processor CPU usage and kernel mutexes (KMUTEX); the interface table of
 * <netioapi.h> is in unsupported_netio.c. KeReleaseMutex and
 * KeReadStateMutex return 0.
 * NdisWriteErrorLogEntry drops the entry (harmless: a log);
 * NdisGetCurrentProcessorCpuUsage reports 0 percent. KeInitializeMutex only
 * reports: a driver that then waits on the KMUTEX (NDIS_WAIT_FOR_MUTEX)
 * reaches KeWaitForSingleObject, which does not know KMUTEX.
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

VOID
KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    UNREFERENCED_PARAMETER(Mutex);
    UNREFERENCED_PARAMETER(Level);
    undis__report_unsupported("KeInitializeMutex");
}

LONG
KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    UNREFERENCED_PARAMETER(Mutex);
    UNREFERENCED_PARAMETER(Wait);
    undis__report_unsupported("KeReleaseMutex");
    return 0;
}

LONG
KeReadStateMutex(PRKMUTEX Mutex)
{
    UNREFERENCED_PARAMETER(Mutex);
    undis__report_unsupported("KeReadStateMutex");
    return 0;
}
