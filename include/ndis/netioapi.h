/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/netioapi.h>: the part of netioapi.h network drivers use:
 * IF_NAMESIZE, MIB_IF_ROW2 and MIB_IF_TABLE2, MIB_IPINTERFACE_ROW's address
 * family, and the interface lookups (GetIfEntry2, ConvertInterfaceLuidToIndex,
 * ...), with the Windows layouts and prototypes. The lookups are provided by
 * the driver host; without it they are unsupported (docs/compat-functions.txt).
 * Not for Windows builds (the SDK's <netioapi.h> is used there).
 */
#ifndef UNDIS_NDIS_NETIOAPI_H
#define UNDIS_NDIS_NETIOAPI_H

#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "ifdef.h"
#include "ntddndis.h"
#include "inet.h" /* not for Windows builds: it says so */

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

#define IF_NAMESIZE NDIS_IF_MAX_STRING_SIZE
#ifndef ANY_SIZE
#    define ANY_SIZE 1
#endif

typedef ULONG IFTYPE;
typedef NTSTATUS NETIO_STATUS;
#define NETIOAPI_API NETIO_STATUS NTAPI

typedef struct _MIB_IF_ROW2 {
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    GUID InterfaceGuid;
    WCHAR Alias[IF_MAX_STRING_SIZE + 1];
    WCHAR Description[IF_MAX_STRING_SIZE + 1];
    ULONG PhysicalAddressLength;
    UCHAR PhysicalAddress[IF_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR PermanentPhysicalAddress[IF_MAX_PHYS_ADDRESS_LENGTH];
    ULONG Mtu;
    IFTYPE Type;
    TUNNEL_TYPE TunnelType;
    NDIS_MEDIUM MediaType;
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    UNDIS_EXTENSION struct {
        BOOLEAN HardwareInterface : 1;
        BOOLEAN FilterInterface : 1;
        BOOLEAN ConnectorPresent : 1;
        BOOLEAN NotAuthenticated : 1;
        BOOLEAN NotMediaConnected : 1;
        BOOLEAN Paused : 1;
        BOOLEAN LowPower : 1;
        BOOLEAN EndPointInterface : 1;
    } InterfaceAndOperStatusFlags;
    IF_OPER_STATUS OperStatus;
    NET_IF_ADMIN_STATUS AdminStatus;
    NET_IF_MEDIA_CONNECT_STATE MediaConnectState;
    NET_IF_NETWORK_GUID NetworkGuid;
    NET_IF_CONNECTION_TYPE ConnectionType;
    ULONG64 TransmitLinkSpeed;
    ULONG64 ReceiveLinkSpeed;
    ULONG64 InOctets;
    ULONG64 InUcastPkts;
    ULONG64 InNUcastPkts;
    ULONG64 InDiscards;
    ULONG64 InErrors;
    ULONG64 InUnknownProtos;
    ULONG64 InUcastOctets;
    ULONG64 InMulticastOctets;
    ULONG64 InBroadcastOctets;
    ULONG64 OutOctets;
    ULONG64 OutUcastPkts;
    ULONG64 OutNUcastPkts;
    ULONG64 OutDiscards;
    ULONG64 OutErrors;
    ULONG64 OutUcastOctets;
    ULONG64 OutMulticastOctets;
    ULONG64 OutBroadcastOctets;
    ULONG64 OutQLen;
} MIB_IF_ROW2, *PMIB_IF_ROW2;

typedef struct _MIB_IF_TABLE2 {
    ULONG NumEntries;
    MIB_IF_ROW2 Table[ANY_SIZE];
} MIB_IF_TABLE2, *PMIB_IF_TABLE2;

NETIO_STATUS NTAPI GetIfEntry2(_Inout_ PMIB_IF_ROW2 Row);
NETIO_STATUS NTAPI GetIfTable2(_Outptr_ PMIB_IF_TABLE2 *Table);
VOID NTAPI FreeMibTable(_In_ PVOID Memory);
NETIO_STATUS NTAPI ConvertInterfaceLuidToIndex(_In_ const NET_LUID *InterfaceLuid,
                                               _Out_ PNET_IFINDEX InterfaceIndex);
NETIO_STATUS NTAPI ConvertInterfaceIndexToLuid(_In_ NET_IFINDEX InterfaceIndex,
                                               _Out_ PNET_LUID InterfaceLuid);
NETIO_STATUS NTAPI ConvertInterfaceLuidToGuid(_In_ const NET_LUID *InterfaceLuid,
                                              _Out_ GUID *InterfaceGuid);
NETIO_STATUS NTAPI ConvertInterfaceGuidToLuid(_In_ const GUID *InterfaceGuid,
                                              _Out_ PNET_LUID InterfaceLuid);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NETIOAPI_H */
