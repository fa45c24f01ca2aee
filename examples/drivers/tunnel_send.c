/* SPDX-License-Identifier: MIT */
/*
 * tunnel_send.c: the send path of a VXLAN tunnelling filter. Driver code,
 * written as for the WDK; see tunnel_send.h.
 */
#include <ndis.h>

#include "tunnel_send.h"

#define TUN_HEADER_BUFFER_SIGNATURE 'fBuT'
#define TUN_BACKFILL                16
#define TUN_IPV4_TTL                64
#define TUN_IP_PROTOCOL_UDP         17

typedef struct _TUN_HEADER_BUFFER {
    ULONG Signature;
    PMDL Mdl;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR Data[TUN_HEADER_BUFFER_SIZE];
} TUN_HEADER_BUFFER, *PTUN_HEADER_BUFFER;

C_ASSERT(TUN_BACKFILL + TUN_OUTER_HEADER_LENGTH <= TUN_HEADER_BUFFER_SIZE);

TUN_GLOBALS TunGlobals;

static FORCEINLINE VOID
TunPutUshort(_Out_writes_bytes_(2) PUCHAR Bytes, _In_ USHORT Value)
{
    *(USHORT UNALIGNED *)Bytes = RtlUshortByteSwap(Value);
}

static FORCEINLINE VOID
TunPutUlong(_Out_writes_bytes_(4) PUCHAR Bytes, _In_ ULONG Value)
{
    *(ULONG UNALIGNED *)Bytes = RtlUlongByteSwap(Value);
}

/* ---- NetAllocateMdl / NetFreeMdl ------------------------------------------------ */

_Use_decl_annotations_ PMDL
TunAllocateMdl(PULONG BufferSize)
{
    PTUN_HEADER_BUFFER Buffer;
    PMDL Mdl;

    if (*BufferSize > TUN_HEADER_BUFFER_SIZE) {
        return NULL;
    }
    Buffer =
        (PTUN_HEADER_BUFFER)NdisAllocateFromNPagedLookasideList(&TunGlobals.HeaderBufferLookaside);
    if (Buffer == NULL) {
        return NULL;
    }
    Mdl = NdisAllocateMdl(NULL, Buffer->Data, TUN_HEADER_BUFFER_SIZE);
    if (Mdl == NULL) {
        NdisFreeToNPagedLookasideList(&TunGlobals.HeaderBufferLookaside, Buffer);
        return NULL;
    }
    Buffer->Signature = TUN_HEADER_BUFFER_SIGNATURE;
    Buffer->Mdl = Mdl;
    /* The whole buffer: NDIS puts the extra bytes in the backfill. */
    *BufferSize = TUN_HEADER_BUFFER_SIZE;
    InterlockedIncrement(&TunGlobals.HeaderMdlsOutstanding);
    InterlockedIncrement(&TunGlobals.HeaderMdlsAllocated);
    return Mdl;
}

_Use_decl_annotations_ VOID
TunFreeMdl(PMDL Mdl)
{
    PTUN_HEADER_BUFFER Buffer =
        CONTAINING_RECORD(MmGetMdlVirtualAddress(Mdl), TUN_HEADER_BUFFER, Data);

    NT_ASSERT(Buffer->Signature == TUN_HEADER_BUFFER_SIGNATURE);
    NT_ASSERT(Buffer->Mdl == Mdl);
    Buffer->Signature = 0;
    Buffer->Mdl = NULL;
    NdisFreeMdl(Mdl);
    NdisFreeToNPagedLookasideList(&TunGlobals.HeaderBufferLookaside, Buffer);
    InterlockedDecrement(&TunGlobals.HeaderMdlsOutstanding);
}

/* ---- driver and module state ----------------------------------------------------- */

_Use_decl_annotations_ NDIS_STATUS
TunDriverInitialize(VOID)
{
    PAGED_CODE();

    NdisZeroMemory(&TunGlobals, sizeof(TunGlobals));
    NdisInitializeNPagedLookasideList(&TunGlobals.HeaderBufferLookaside, NULL, NULL, 0,
                                      sizeof(TUN_HEADER_BUFFER), TUN_POOL_TAG, 0);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_ VOID
TunDriverUnload(VOID)
{
    PAGED_CODE();

    NT_ASSERT(ReadNoFence(&TunGlobals.HeaderMdlsOutstanding) == 0);
    NdisDeleteNPagedLookasideList(&TunGlobals.HeaderBufferLookaside);
}

_Use_decl_annotations_ NDIS_STATUS
TunInitializeDataPath(PTUN_FILTER Filter, NDIS_HANDLE FilterHandle, ULONG Vni)
{
    static const UCHAR OuterDestination[ETH_LENGTH_OF_ADDRESS] = { 0x02, 0x00, 0x00,
                                                                   0x00, 0x00, 0x01 };
    static const UCHAR OuterSource[ETH_LENGTH_OF_ADDRESS] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
    NET_BUFFER_LIST_POOL_PARAMETERS NblParameters;
    NET_BUFFER_POOL_PARAMETERS NbParameters;

    PAGED_CODE();

    NdisZeroMemory(Filter, sizeof(*Filter));
    Filter->FilterHandle = FilterHandle;
    Filter->Vni = Vni & 0x00FFFFFF;
    Filter->OuterSourceAddress = 0xC0A80001;      /* 192.168.0.1 */
    Filter->OuterDestinationAddress = 0xC0A80002; /* 192.168.0.2 */
    Filter->UdpSourcePort = 49152;
    ETH_COPY_NETWORK_ADDRESS(Filter->OuterDestination, OuterDestination);
    ETH_COPY_NETWORK_ADDRESS(Filter->OuterSource, OuterSource);

    NdisZeroMemory(&NblParameters, sizeof(NblParameters));
    NblParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    NblParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    NblParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    NblParameters.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    NblParameters.fAllocateNetBuffer = FALSE;
    NblParameters.PoolTag = TUN_POOL_TAG;
    Filter->CloneNblPool = NdisAllocateNetBufferListPool(FilterHandle, &NblParameters);

    NdisZeroMemory(&NbParameters, sizeof(NbParameters));
    NbParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    NbParameters.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    NbParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    NbParameters.PoolTag = TUN_POOL_TAG;
    Filter->CloneNbPool = NdisAllocateNetBufferPool(FilterHandle, &NbParameters);

    if (Filter->CloneNblPool == NULL || Filter->CloneNbPool == NULL) {
        TunUninitializeDataPath(Filter);
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_ VOID
TunUninitializeDataPath(PTUN_FILTER Filter)
{
    PAGED_CODE();

    NT_ASSERT(ReadNoFence(&Filter->OutstandingClones) == 0);
    if (Filter->CloneNbPool != NULL) {
        NdisFreeNetBufferPool(Filter->CloneNbPool);
        Filter->CloneNbPool = NULL;
    }
    if (Filter->CloneNblPool != NULL) {
        NdisFreeNetBufferListPool(Filter->CloneNblPool);
        Filter->CloneNblPool = NULL;
    }
}

/* ---- send ------------------------------------------------------------------------------ */

static USHORT
TunIpv4Checksum(_In_reads_bytes_(TUN_IPV4_HEADER_LENGTH) const UCHAR *Header)
{
    ULONG Sum = 0;
    ULONG Index;

    for (Index = 0; Index < TUN_IPV4_HEADER_LENGTH; Index += 2) {
        Sum += ((ULONG)Header[Index] << 8) | Header[Index + 1];
    }
    while (Sum >> 16) {
        Sum = (Sum & 0xFFFF) + (Sum >> 16);
    }
    return (USHORT)~Sum;
}

/* Writes the outer Ethernet / IPv4 / UDP / VXLAN header for an inner frame
 * of InnerLength bytes. */
static VOID
TunWriteOuterHeader(_In_ PTUN_FILTER Filter,
                    _Out_writes_bytes_(TUN_OUTER_HEADER_LENGTH) PUCHAR Header,
                    _In_ ULONG InnerLength)
{
    PUCHAR Ip = Header + TUN_ETH_HEADER_LENGTH;
    PUCHAR Udp = Ip + TUN_IPV4_HEADER_LENGTH;
    PUCHAR Vxlan = Udp + TUN_UDP_HEADER_LENGTH;
    USHORT IpId = (USHORT)InterlockedIncrement(&Filter->NextIpId);

    ETH_COPY_NETWORK_ADDRESS(Header, Filter->OuterDestination);
    ETH_COPY_NETWORK_ADDRESS(Header + ETH_LENGTH_OF_ADDRESS, Filter->OuterSource);
    TunPutUshort(Header + 2 * ETH_LENGTH_OF_ADDRESS, NDIS_ETH_TYPE_IPV4);

    NdisZeroMemory(Ip, TUN_IPV4_HEADER_LENGTH);
    Ip[0] = 0x45;
    TunPutUshort(Ip + 2, (USHORT)(TUN_OUTER_HEADER_LENGTH - TUN_ETH_HEADER_LENGTH + InnerLength));
    TunPutUshort(Ip + 4, IpId);
    TunPutUshort(Ip + 6, 0x4000); /* don't fragment */
    Ip[8] = TUN_IPV4_TTL;
    Ip[9] = TUN_IP_PROTOCOL_UDP;
    TunPutUlong(Ip + 12, Filter->OuterSourceAddress);
    TunPutUlong(Ip + 16, Filter->OuterDestinationAddress);
    TunPutUshort(Ip + 10, TunIpv4Checksum(Ip));

    TunPutUshort(Udp, Filter->UdpSourcePort);
    TunPutUshort(Udp + 2, TUN_VXLAN_UDP_PORT);
    TunPutUshort(Udp + 4, (USHORT)(TUN_UDP_HEADER_LENGTH + TUN_VXLAN_HEADER_LENGTH + InnerLength));
    TunPutUshort(Udp + 6, 0); /* no UDP checksum over IPv4 */

    NdisZeroMemory(Vxlan, TUN_VXLAN_HEADER_LENGTH);
    Vxlan[0] = 0x08; /* VNI present */
    TunPutUlong(Vxlan + 4, Filter->Vni << 8);
}

/* FALSE for frames that go out as they are (ARP). */
static BOOLEAN
TunShouldEncapsulate(_In_ PNET_BUFFER_LIST NetBufferList)
{
    UCHAR Storage[TUN_ETH_HEADER_LENGTH];
    PUCHAR Ethernet;

    Ethernet = (PUCHAR)NdisGetDataBuffer(NET_BUFFER_LIST_FIRST_NB(NetBufferList),
                                         TUN_ETH_HEADER_LENGTH, Storage, 1, 0);
    if (Ethernet == NULL) {
        return TRUE; /* too short or unmappable: the clone path fails it */
    }
    return RtlUshortByteSwap(*(USHORT UNALIGNED *)(Ethernet + 2 * ETH_LENGTH_OF_ADDRESS)) !=
                   NDIS_ETH_TYPE_ARP
               ? TRUE
               : FALSE;
}

/* The clone that goes down in the original's place, or NULL. */
_IRQL_requires_max_(DISPATCH_LEVEL) static PNET_BUFFER_LIST
    TunEncapsulate(_In_ PTUN_FILTER Filter, _In_ PNET_BUFFER_LIST NetBufferList)
{
    PNET_BUFFER_LIST Clone;
    PNET_BUFFER NetBuffer;
    NDIS_STATUS Status;
    LONG64 Bytes = 0;
    LONG Packets = 0;

    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(NetBufferList); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        if (NET_BUFFER_DATA_LENGTH(NetBuffer) < TUN_ETH_HEADER_LENGTH) {
            return NULL;
        }
    }

    Clone =
        NdisAllocateCloneNetBufferList(NetBufferList, Filter->CloneNblPool, Filter->CloneNbPool, 0);
    if (Clone == NULL) {
        return NULL;
    }
    Status = NdisRetreatNetBufferListDataStart(Clone, TUN_OUTER_HEADER_LENGTH, TUN_BACKFILL,
                                               TunAllocateMdl, TunFreeMdl);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeCloneNetBufferList(Clone, 0);
        return NULL;
    }

    for (NetBuffer = NET_BUFFER_LIST_FIRST_NB(Clone); NetBuffer != NULL;
         NetBuffer = NET_BUFFER_NEXT_NB(NetBuffer)) {
        ULONG InnerLength = NET_BUFFER_DATA_LENGTH(NetBuffer) - TUN_OUTER_HEADER_LENGTH;
        PUCHAR Header;

        /* TunAllocateMdl's buffer holds the whole outer header. */
        Header = (PUCHAR)NdisGetDataBuffer(NetBuffer, TUN_OUTER_HEADER_LENGTH, NULL, 1, 0);
        NT_ASSERT(Header != NULL);
        if (Header == NULL) {
            NdisAdvanceNetBufferListDataStart(Clone, TUN_OUTER_HEADER_LENGTH, TRUE, TunFreeMdl);
            NdisFreeCloneNetBufferList(Clone, 0);
            return NULL;
        }
        TunWriteOuterHeader(Filter, Header, InnerLength);
        Bytes += (LONG64)InnerLength;
        Packets++;
    }

    NdisCopySendNetBufferListInfo(Clone, NetBufferList);
#ifndef TUNNEL_SEND_BREAKS
    Clone->SourceHandle = Filter->FilterHandle;
#endif
    Clone->ParentNetBufferList = NetBufferList;
    InterlockedIncrement(&NetBufferList->ChildRefCount);
    InterlockedIncrement(&Filter->OutstandingClones);
    InterlockedAdd64(&Filter->Statistics.PacketsEncapsulated, Packets);
    InterlockedAdd64(&Filter->Statistics.BytesEncapsulated, Bytes);
    return Clone;
}

_Use_decl_annotations_ VOID
TunSendNetBufferLists(NDIS_HANDLE FilterModuleContext,
                      PNET_BUFFER_LIST NetBufferLists,
                      NDIS_PORT_NUMBER PortNumber,
                      ULONG SendFlags)
{
    PTUN_FILTER Filter = (PTUN_FILTER)FilterModuleContext;
    PNET_BUFFER_LIST NetBufferList;
    PNET_BUFFER_LIST NextNetBufferList;
    PNET_BUFFER_LIST SendHead = NULL;
    PNET_BUFFER_LIST *SendTail = &SendHead;
    PNET_BUFFER_LIST FailHead = NULL;
    PNET_BUFFER_LIST *FailTail = &FailHead;

    for (NetBufferList = NetBufferLists; NetBufferList != NULL; NetBufferList = NextNetBufferList) {
        PNET_BUFFER_LIST Outgoing = NetBufferList;

        NextNetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;

        if (TunShouldEncapsulate(NetBufferList)) {
            Outgoing = TunEncapsulate(Filter, NetBufferList);
            if (Outgoing == NULL) {
                InterlockedIncrement(&Filter->Statistics.SendsFailed);
                NET_BUFFER_LIST_STATUS(NetBufferList) = NDIS_STATUS_RESOURCES;
                *FailTail = NetBufferList;
                FailTail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
                continue;
            }
        } else {
            InterlockedIncrement(&Filter->Statistics.PassedThrough);
        }
        *SendTail = Outgoing;
        SendTail = &NET_BUFFER_LIST_NEXT_NBL(Outgoing);
    }

    if (SendHead != NULL) {
        LONG Count = 0;
        for (NetBufferList = SendHead; NetBufferList != NULL;
             NetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList)) {
            Count++;
        }
        InterlockedAdd(&Filter->SendsOut, Count);
        NdisFSendNetBufferLists(Filter->FilterHandle, SendHead, PortNumber, SendFlags);
    }
    if (FailHead != NULL) {
        DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL,
                   "Tunnel: out of resources, %d sends failed so far\n",
                   (int)ReadNoFence(&Filter->Statistics.SendsFailed));
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, FailHead,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                            : 0);
    }
}

_Use_decl_annotations_ VOID
TunSendNetBufferListsComplete(NDIS_HANDLE FilterModuleContext,
                              PNET_BUFFER_LIST NetBufferLists,
                              ULONG SendCompleteFlags)
{
    PTUN_FILTER Filter = (PTUN_FILTER)FilterModuleContext;
    PNET_BUFFER_LIST NetBufferList;
    PNET_BUFFER_LIST NextNetBufferList;
    PNET_BUFFER_LIST CompleteHead = NULL;
    PNET_BUFFER_LIST *CompleteTail = &CompleteHead;
    LONG Count = 0;

    for (NetBufferList = NetBufferLists; NetBufferList != NULL; NetBufferList = NextNetBufferList) {
        PNET_BUFFER_LIST Original = NetBufferList;

        NextNetBufferList = NET_BUFFER_LIST_NEXT_NBL(NetBufferList);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferList) = NULL;

        if (NdisGetPoolFromNetBufferList(NetBufferList) == Filter->CloneNblPool) {
            Original = NetBufferList->ParentNetBufferList;
            NT_ASSERT(Original != NULL);
            NT_ASSERT(NetBufferList->SourceHandle == Filter->FilterHandle);
            NET_BUFFER_LIST_STATUS(Original) = NET_BUFFER_LIST_STATUS(NetBufferList);
            NdisAdvanceNetBufferListDataStart(NetBufferList, TUN_OUTER_HEADER_LENGTH, TRUE,
                                              TunFreeMdl);
            NdisFreeCloneNetBufferList(NetBufferList, 0);
            InterlockedDecrement(&Original->ChildRefCount);
            InterlockedDecrement(&Filter->OutstandingClones);
        }
        *CompleteTail = Original;
        CompleteTail = &NET_BUFFER_LIST_NEXT_NBL(Original);
        Count++;
    }
    NdisFSendNetBufferListsComplete(Filter->FilterHandle, CompleteHead, SendCompleteFlags);
    if (InterlockedAdd(&Filter->SendsOut, -Count) == 0 &&
        InterlockedCompareExchange(&Filter->PausePending, 0, 1) == 1) {
        NdisFPauseComplete(Filter->FilterHandle);
    }
}

/* ---- the driver's life -------------------------------------------------------- */

static NDIS_HANDLE TunDriverHandle;

static DRIVER_UNLOAD TunUnload;
static FILTER_ATTACH TunAttach;
static FILTER_DETACH TunDetach;
static FILTER_RESTART TunRestart;
static FILTER_PAUSE TunPause;

static NDIS_STATUS
TunAttach(NDIS_HANDLE NdisFilterHandle,
          NDIS_HANDLE FilterDriverContext,
          PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    PTUN_FILTER Filter;
    NDIS_FILTER_ATTRIBUTES Attributes;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(FilterDriverContext);
    if (AttachParameters->MiniportMediaType != NdisMedium802_3) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Filter = (PTUN_FILTER)NdisAllocateMemoryWithTagPriority(NdisFilterHandle, sizeof(*Filter),
                                                            TUN_POOL_TAG, NormalPoolPriority);
    if (Filter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Status = TunInitializeDataPath(Filter, NdisFilterHandle, TUN_DEFAULT_VNI);
    if (Status == NDIS_STATUS_SUCCESS) {
        NdisZeroMemory(&Attributes, sizeof(Attributes));
        Attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
        Attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
        Attributes.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
        Status = NdisFSetAttributes(NdisFilterHandle, Filter, &Attributes);
        if (Status != NDIS_STATUS_SUCCESS) {
            TunUninitializeDataPath(Filter);
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemoryWithTagPriority(NdisFilterHandle, Filter, TUN_POOL_TAG);
    }
    return Status;
}

static VOID
TunDetach(NDIS_HANDLE FilterModuleContext)
{
    PTUN_FILTER Filter = (PTUN_FILTER)FilterModuleContext;
    NDIS_HANDLE FilterHandle = Filter->FilterHandle;

    TunUninitializeDataPath(Filter);
    NdisFreeMemoryWithTagPriority(FilterHandle, Filter, TUN_POOL_TAG);
}

static NDIS_STATUS
TunRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
TunPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    PTUN_FILTER Filter = (PTUN_FILTER)FilterModuleContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    InterlockedExchange(&Filter->PausePending, 1);
    /* Nothing out: the pause completes now, unless a completion that brought
     * SendsOut to 0 took the pending pause first (and completed it). */
    if (ReadNoFence(&Filter->SendsOut) == 0 &&
        InterlockedCompareExchange(&Filter->PausePending, 0, 1) == 1) {
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_PENDING;
}

static VOID
TunUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(TunDriverHandle);
    TunDriverUnload();
}

_Use_decl_annotations_ NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS Chars;
    NDIS_STRING FriendlyName = RTL_CONSTANT_STRING(L"undis VXLAN tunnel filter");
    NDIS_STRING UniqueName = RTL_CONSTANT_STRING(L"{2b7e4f10-8c3a-4d59-b6e2-74756e6e656c}");
    NDIS_STRING ServiceName = RTL_CONSTANT_STRING(L"tunnelsend");
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);
    Status = TunDriverInitialize();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 60;
    Chars.MajorDriverVersion = 1;
    Chars.FriendlyName = FriendlyName;
    Chars.UniqueName = UniqueName;
    Chars.ServiceName = ServiceName;
    Chars.AttachHandler = TunAttach;
    Chars.DetachHandler = TunDetach;
    Chars.RestartHandler = TunRestart;
    Chars.PauseHandler = TunPause;
    Chars.SendNetBufferListsHandler = TunSendNetBufferLists;
    Chars.SendNetBufferListsCompleteHandler = TunSendNetBufferListsComplete;
    DriverObject->DriverUnload = TunUnload;
    Status = NdisFRegisterFilterDriver(DriverObject, DriverObject, &Chars, &TunDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        TunDriverUnload();
    }
    return Status;
}
