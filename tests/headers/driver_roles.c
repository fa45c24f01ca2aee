/* SPDX-License-Identifier: MIT */
/*
 * driver_roles.c: the control path of the three NDIS 6 roles as driver
 * sources write it, compiled as C11 and C++17 (gcc, clang, -m32, MinGW):
 * a filter and a miniport registering their characteristics, a miniport
 * setting its attributes, a protocol's characteristics, an OID request
 * handler, configuration, timers, work items, NDIS_MUTEX and the per-NBL
 * checksum and LSO information. Only compiled: the functions it calls are
 * the driver host's. Sizes the WDK gives are checked.
 */
#include <ndis.h>

#define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

/* The revision sizes follow from the WDK's field lists (a header, four
 * version bytes, Flags, the strings, then one pointer per handler). */
C_ASSERT(NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1 == X64_X86(0xC8, 0x68));
C_ASSERT(NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2 == X64_X86(0xE0, 0x74));
C_ASSERT(NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 == X64_X86(0x88, 0x48));
C_ASSERT(NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 == X64_X86(0x98, 0x50));
C_ASSERT(NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 == X64_X86(0x78, 0x40));
C_ASSERT(NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 == X64_X86(0x80, 0x44));
C_ASSERT(FIELD_OFFSET(NDIS_OID_REQUEST, DATA) == X64_X86(0x20, 0x18));
C_ASSERT(NDIS_SIZEOF_OID_REQUEST_REVISION_1 == X64_X86(0xEC, 0x8C));
C_ASSERT(sizeof(NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO) == sizeof(PVOID));
C_ASSERT(NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 == X64_X86(0x18, 0x10));

typedef struct _ROLE_CONTEXT {
    NDIS_HANDLE FilterHandle;
    NDIS_HANDLE TimerObject;
    NDIS_MUTEX Mutex;
    ULONG PacketFilter;
} ROLE_CONTEXT, *PROLE_CONTEXT;

static NDIS_HANDLE RoleDriverHandle;
static ROLE_CONTEXT RoleGlobal;

static FILTER_ATTACH RoleAttach;
static FILTER_DETACH RoleDetach;
static FILTER_RESTART RoleRestart;
static FILTER_PAUSE RolePause;
static FILTER_OID_REQUEST RoleOidRequest;
static FILTER_SEND_NET_BUFFER_LISTS RoleSend;
static NDIS_TIMER_FUNCTION RoleTimer;
static NDIS_IO_WORKITEM_FUNCTION RoleWork;
static MINIPORT_INITIALIZE RoleMiniportInitialize;
static MINIPORT_HALT RoleMiniportHalt;
static PROTOCOL_BIND_ADAPTER_EX RoleBind;
DRIVER_INITIALIZE DriverEntry;

static NDIS_STATUS
RoleAttach(NDIS_HANDLE NdisFilterHandle,
           NDIS_HANDLE FilterDriverContext,
           PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    NDIS_FILTER_ATTRIBUTES Attributes;
    NDIS_TIMER_CHARACTERISTICS Timer;
    NDIS_CONFIGURATION_OBJECT ConfigObject;
    NDIS_HANDLE Config;
    PNDIS_CONFIGURATION_PARAMETER Value;
    NDIS_STRING Keyword = NDIS_STRING_CONST("PacketFilter");
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(FilterDriverContext);
    if (AttachParameters->MiniportMediaType != NdisMedium802_3 ||
        AttachParameters->MediaConnectState == MediaConnectStateDisconnected) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = (USHORT)sizeof(Attributes);
    Attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    RoleGlobal.FilterHandle = NdisFilterHandle;
    Status = NdisFSetAttributes(NdisFilterHandle, &RoleGlobal, &Attributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    ConfigObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    ConfigObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.Header.Size = (USHORT)NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.NdisHandle = NdisFilterHandle;
    ConfigObject.Flags = NDIS_CONFIG_FLAG_FILTER_INSTANCE_CONFIGURATION;
    if (NdisOpenConfigurationEx(&ConfigObject, &Config) == NDIS_STATUS_SUCCESS) {
        NdisReadConfiguration(&Status, &Value, Config, &Keyword, NdisParameterInteger);
        if (Status == NDIS_STATUS_SUCCESS) {
            RoleGlobal.PacketFilter = Value->ParameterData.IntegerData;
        }
        NdisCloseConfiguration(Config);
    }
    Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.Header.Size = (USHORT)NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.AllocationTag = 0x656C6F52U /* 'eloR' */;
    Timer.TimerFunction = RoleTimer;
    Timer.FunctionContext = &RoleGlobal;
    NDIS_INIT_MUTEX(&RoleGlobal.Mutex);
    return NdisAllocateTimerObject(NdisFilterHandle, &Timer, &RoleGlobal.TimerObject);
}

static VOID
RoleDetach(NDIS_HANDLE FilterModuleContext)
{
    PROLE_CONTEXT Context = (PROLE_CONTEXT)FilterModuleContext;

    NdisCancelTimerObject(Context->TimerObject);
    NdisFreeTimerObject(Context->TimerObject);
}

static NDIS_STATUS
RoleRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    PNDIS_RESTART_ATTRIBUTES Attribute;
    LARGE_INTEGER Due;

    for (Attribute = RestartParameters->RestartAttributes; Attribute != NULL;
         Attribute = Attribute->Next) {
        if (Attribute->Oid == OID_GEN_MINIPORT_RESTART_ATTRIBUTES) {
            PNDIS_RESTART_GENERAL_ATTRIBUTES General =
                (PNDIS_RESTART_GENERAL_ATTRIBUTES)(PVOID)Attribute->Data;
            General->LookaheadSize = 128;
        }
    }
    Due.QuadPart = -10000LL;
    NdisSetTimerObject(((PROLE_CONTEXT)FilterModuleContext)->TimerObject, Due, 1000, NULL);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
RolePause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(PauseParameters);
    NDIS_WAIT_FOR_MUTEX(&((PROLE_CONTEXT)FilterModuleContext)->Mutex);
    NDIS_RELEASE_MUTEX(&((PROLE_CONTEXT)FilterModuleContext)->Mutex);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
RoleOidRequest(NDIS_HANDLE FilterModuleContext, PNDIS_OID_REQUEST OidRequest)
{
    PROLE_CONTEXT Context = (PROLE_CONTEXT)FilterModuleContext;
    PNDIS_OID_REQUEST Clone;
    NDIS_STATUS Status;

    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER &&
        OidRequest->DATA.SET_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
        Context->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    }
    Status = NdisAllocateCloneOidRequest(Context->FilterHandle, OidRequest,
                                         0x656C6F52U /* 'eloR' */, &Clone);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    *(PVOID *)(&Clone->SourceReserved[0]) = OidRequest;
    Status = NdisFOidRequest(Context->FilterHandle, Clone);
    if (Status != NDIS_STATUS_PENDING) {
        NdisFreeCloneOidRequest(Context->FilterHandle, Clone);
    }
    return Status;
}

static VOID
RoleSend(NDIS_HANDLE FilterModuleContext,
         PNET_BUFFER_LIST NetBufferLists,
         NDIS_PORT_NUMBER PortNumber,
         ULONG SendFlags)
{
    PROLE_CONTEXT Context = (PROLE_CONTEXT)FilterModuleContext;
    PNET_BUFFER_LIST Nbl;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO Checksum;
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO Lso;

        Checksum.Value = NET_BUFFER_LIST_INFO(Nbl, TcpIpChecksumNetBufferListInfo);
        Lso.Value = NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo);
        if (Checksum.Transmit.IsIPv4 && Lso.LsoV2Transmit.MSS != 0) {
            Lso.LsoV2TransmitComplete.Reserved = 0;
        }
        NET_BUFFER_LIST_SET_HASH_VALUE(Nbl, Nbl->FirstNetBuffer->DataLength);
    }
    NdisFSendNetBufferLists(Context->FilterHandle, NetBufferLists, PortNumber, SendFlags);
}

static VOID
RoleTimer(PVOID SystemSpecific1,
          PVOID FunctionContext,
          PVOID SystemSpecific2,
          PVOID SystemSpecific3)
{
    PROLE_CONTEXT Context = (PROLE_CONTEXT)FunctionContext;
    NDIS_HANDLE Work;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);
    Work = NdisAllocateIoWorkItem(Context->FilterHandle);
    if (Work != NULL) {
        NdisQueueIoWorkItem(Work, RoleWork, Context);
    }
}

static VOID
RoleWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    NDIS_STATUS_INDICATION Indication;
    NDIS_LINK_STATE Link;

    NdisZeroMemory(&Link, sizeof(Link));
    Link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    Link.Header.Size = (USHORT)NDIS_SIZEOF_LINK_STATE_REVISION_1;
    Link.MediaConnectState = MediaConnectStateConnected;
    Link.MediaDuplexState = MediaDuplexStateFull;
    Link.XmitLinkSpeed = Link.RcvLinkSpeed = 10000000000ULL;
    NdisZeroMemory(&Indication, sizeof(Indication));
    Indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Indication.Header.Size = (USHORT)NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Indication.StatusCode = NDIS_STATUS_LINK_STATE;
    Indication.StatusBuffer = &Link;
    Indication.StatusBufferSize = sizeof(Link);
    NdisFIndicateStatus(((PROLE_CONTEXT)WorkItemContext)->FilterHandle, &Indication);
    NdisFreeIoWorkItem(NdisIoWorkItemHandle);
}

static NDIS_STATUS
RoleMiniportInitialize(NDIS_HANDLE NdisMiniportHandle,
                       NDIS_HANDLE MiniportDriverContext,
                       PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Registration;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES General;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    NdisZeroMemory(&Registration, sizeof(Registration));
    Registration.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Registration.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Registration.Header.Size =
        (USHORT)NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Registration.MiniportAdapterContext = &RoleGlobal;
    Registration.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM;
    Registration.InterfaceType = NdisInterfaceInternal;
    Status = NdisMSetMiniportAttributes(NdisMiniportHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Registration);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    NdisZeroMemory(&General, sizeof(General));
    General.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    General.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    General.Header.Size = (USHORT)NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    General.MediaType = NdisMedium802_3;
    General.PhysicalMediumType = NdisPhysicalMediumUnspecified;
    General.MtuSize = 1500;
    General.MediaConnectState = MediaConnectStateUnknown;
    General.MacAddressLength = 6;
    General.IfType = IF_TYPE_ETHERNET_CSMACD;
    General.AccessType = NET_IF_ACCESS_BROADCAST;
    General.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    General.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    General.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    General.MacOptions = NDIS_MAC_OPTION_NO_LOOPBACK;
    return NdisMSetMiniportAttributes(NdisMiniportHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&General);
}

static VOID
RoleMiniportHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

static NDIS_STATUS
RoleBind(NDIS_HANDLE ProtocolDriverContext,
         NDIS_HANDLE BindContext,
         PNDIS_BIND_PARAMETERS BindParameters)
{
    NDIS_OPEN_PARAMETERS Open;
    NDIS_MEDIUM Media[] = { NdisMedium802_3 };
    NET_FRAME_TYPE Frames[] = { 0x0800 };
    UINT Selected = 0;
    NDIS_HANDLE Binding;

    NdisZeroMemory(&Open, sizeof(Open));
    Open.Header.Type = NDIS_OBJECT_TYPE_OPEN_PARAMETERS;
    Open.Header.Revision = NDIS_OPEN_PARAMETERS_REVISION_1;
    Open.Header.Size = (USHORT)NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1;
    Open.AdapterName = BindParameters->AdapterName;
    Open.MediumArray = Media;
    Open.MediumArraySize = 1;
    Open.SelectedMediumIndex = &Selected;
    Open.FrameTypeArray = Frames;
    Open.FrameTypeArraySize = 1;
    return NdisOpenAdapterEx(RoleDriverHandle, ProtocolDriverContext, &Open, BindContext, &Binding);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS Filter;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Miniport;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS Protocol;
    NDIS_HANDLE MiniportDriver;
    NDIS_STATUS Status;

    NdisZeroMemory(&Filter, sizeof(Filter));
    Filter.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    Filter.Header.Size = (USHORT)NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    Filter.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    Filter.MajorNdisVersion = 6;
    Filter.MinorNdisVersion = 30;
    RtlInitUnicodeString(&Filter.FriendlyName, L"Role filter");
    Filter.AttachHandler = RoleAttach;
    Filter.DetachHandler = RoleDetach;
    Filter.RestartHandler = RoleRestart;
    Filter.PauseHandler = RolePause;
    Filter.OidRequestHandler = RoleOidRequest;
    Filter.SendNetBufferListsHandler = RoleSend;
    Status = NdisFRegisterFilterDriver(DriverObject, (NDIS_HANDLE)DriverObject, &Filter,
                                       &RoleDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return (NTSTATUS)Status;
    }

    NdisZeroMemory(&Miniport, sizeof(Miniport));
    Miniport.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Miniport.Header.Size = (USHORT)NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Miniport.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Miniport.InitializeHandlerEx = RoleMiniportInitialize;
    Miniport.HaltHandlerEx = RoleMiniportHalt;
    Status =
        NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Miniport, &MiniportDriver);

    NdisZeroMemory(&Protocol, sizeof(Protocol));
    Protocol.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    Protocol.Header.Size = (USHORT)NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Protocol.Header.Revision = NDIS_PROTOCOL_CHARACTERISTICS_REVISION_2;
    Protocol.BindAdapterHandlerEx = RoleBind;
    return (NTSTATUS)(Status == NDIS_STATUS_SUCCESS
                          ? NdisRegisterProtocolDriver(NULL, &Protocol, &RoleDriverHandle)
                          : Status);
}

typedef struct _ROLE_ADAPTER {
    ULONG Unused;
} ROLE_ADAPTER;
NDIS_DECLARE_MINIPORT_ADAPTER_CONTEXT(ROLE_ADAPTER);
NDIS_DECLARE_FILTER_MODULE_CONTEXT(ROLE_CONTEXT);

VOID RoleLog(NDIS_HANDLE Adapter);
VOID
RoleLog(NDIS_HANDLE Adapter)
{
    NdisWriteErrorLogEntry(Adapter, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, (ULONG)NdisGetVersion());
}
