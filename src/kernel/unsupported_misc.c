/* SPDX-License-Identifier: MIT */
/*
 * unsupported_misc.c: the rest of the unsupported surface: the error log,
 * processor CPU usage, kernel mutexes (KMUTEX) and the interface table of
 * <netioapi.h>. The netioapi calls return STATUS_NOT_SUPPORTED with cleared
 * out-parameters; KeReleaseMutex and KeReadStateMutex return 0.
 * NdisWriteErrorLogEntry drops the entry (harmless: a log);
 * NdisGetCurrentProcessorCpuUsage reports 0 percent; FreeMibTable frees
 * nothing (GetIfTable2 never returns a table). KeInitializeMutex only
 * reports: a driver that then waits on the KMUTEX (NDIS_WAIT_FOR_MUTEX)
 * reaches KeWaitForSingleObject, which does not know KMUTEX.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>
#include <ndis/netioapi.h>

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

NETIO_STATUS NTAPI
GetIfEntry2(PMIB_IF_ROW2 Row)
{
    UNREFERENCED_PARAMETER(Row);
    undis__report_unsupported("GetIfEntry2");
    return STATUS_NOT_SUPPORTED;
}

NETIO_STATUS NTAPI
GetIfTable2(PMIB_IF_TABLE2 *Table)
{
    undis__report_unsupported("GetIfTable2");
    *Table = NULL;
    return STATUS_NOT_SUPPORTED;
}

VOID NTAPI
FreeMibTable(PVOID Memory)
{
    UNREFERENCED_PARAMETER(Memory);
    undis__report_unsupported("FreeMibTable");
}

NETIO_STATUS NTAPI
ConvertInterfaceLuidToIndex(const NET_LUID *InterfaceLuid, PNET_IFINDEX InterfaceIndex)
{
    UNREFERENCED_PARAMETER(InterfaceLuid);
    undis__report_unsupported("ConvertInterfaceLuidToIndex");
    *InterfaceIndex = 0;
    return STATUS_NOT_SUPPORTED;
}

NETIO_STATUS NTAPI
ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex, PNET_LUID InterfaceLuid)
{
    UNREFERENCED_PARAMETER(InterfaceIndex);
    UNREFERENCED_PARAMETER(InterfaceLuid);
    undis__report_unsupported("ConvertInterfaceIndexToLuid");
    return STATUS_NOT_SUPPORTED;
}

NETIO_STATUS NTAPI
ConvertInterfaceLuidToGuid(const NET_LUID *InterfaceLuid, GUID *InterfaceGuid)
{
    UNREFERENCED_PARAMETER(InterfaceLuid);
    UNREFERENCED_PARAMETER(InterfaceGuid);
    undis__report_unsupported("ConvertInterfaceLuidToGuid");
    return STATUS_NOT_SUPPORTED;
}

NETIO_STATUS NTAPI
ConvertInterfaceGuidToLuid(const GUID *InterfaceGuid, PNET_LUID InterfaceLuid)
{
    UNREFERENCED_PARAMETER(InterfaceGuid);
    UNREFERENCED_PARAMETER(InterfaceLuid);
    undis__report_unsupported("ConvertInterfaceGuidToLuid");
    return STATUS_NOT_SUPPORTED;
}
