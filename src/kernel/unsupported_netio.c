/* SPDX-License-Identifier: MIT */
/*
 * unsupported_netio.c: the interface table of <netioapi.h> (GetIfEntry2,
 * GetIfTable2, FreeMibTable, the LUID / index / GUID conversions). They
 * return STATUS_NOT_SUPPORTED with cleared out-parameters; FreeMibTable
 * frees nothing (GetIfTable2 never returns a table). Each reports
 * NOT_SUPPORTED_IN_USER_MODE once per process (base/report.h) before it
 * fails; docs/compat-functions.txt lists them. On Windows the system's
 * iphlpapi provides these calls for real (and the SDK's <netioapi.h> needs
 * <winsock2.h> first), so they are not compiled there.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

#if !UNDIS_HAVE_WINNT
#    include <ndis/netioapi.h>

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

#endif /* !UNDIS_HAVE_WINNT */
