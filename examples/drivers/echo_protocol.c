/* SPDX-License-Identifier: MIT */
/*
 * echo_protocol.c: a whole NDIS 6.30 protocol driver, written for the WDK:
 * DriverEntry registers it; it binds to every Ethernet adapter NDIS offers
 * (one binding here), opens it, learns its MAC address with an OID query,
 * counts what it receives, says hello (one broadcast frame) to the first
 * peer it hears and echoes each received frame (up to 2048 bytes) back down
 * as a send of its own, pauses only when its sends are back, and closes the
 * adapter at unbind.
 * EchoProtocolSend lets a test ask for a frame to be sent (a real driver
 * would take it from its device). Driver code: it includes only <ndis.h>.
 *
 * Built with ECHO_BREAKS defined, the global EchoBreak makes the driver
 * break one of NDIS's protocol rules on purpose (ECHO_BREAK_*), so that the
 * host's tests see each reported; ECHO_BREAK_DEFAULT chooses its value at
 * build time (for a shared object `undis run --driver` hosts).
 */
#include <ndis.h>

#define ECHO_TAG       'ohcE'
#define ECHO_HELLO_LEN 60
#define ECHO_MAX_FRAME 2048

#ifdef ECHO_BREAKS
enum {
    ECHO_BREAK_NONE = 0,
    ECHO_BREAK_BAD_CHARACTERISTICS = 1, /* DriverEntry: Header.Size too small */
    ECHO_BREAK_RETURN_TWICE = 2,        /* each receive returned twice */
    ECHO_BREAK_SEND_WHILE_PAUSED = 3,   /* EchoProtocolSend ignores the pause */
    ECHO_BREAK_SOURCE_HANDLE = 4,       /* sends without SourceHandle */
    ECHO_BREAK_KEEP_RECEIVE = 5,        /* the first receive never returned */
    ECHO_BREAK_NO_CLOSE = 6,            /* unbind without NdisCloseAdapterEx */
    ECHO_BREAK_COMPLETE_BIND = 7,       /* NdisCompleteBindAdapterEx after a sync bind */
    ECHO_BREAK_OPEN_HEADER = 8,         /* NDIS_OPEN_PARAMETERS with a wrong header */
    ECHO_BREAK_RETURN_RESOURCES = 9,    /* a RESOURCES receive returned */
    ECHO_BREAK_DISPATCH_FLAG = 10,      /* DISPATCH_LEVEL send flag at PASSIVE_LEVEL */
    ECHO_BREAK_OID_AGAIN = 11           /* the bind's OID request issued twice */
};
#    ifndef ECHO_BREAK_DEFAULT
#        define ECHO_BREAK_DEFAULT ECHO_BREAK_NONE
#    endif
ULONG EchoBreak = ECHO_BREAK_DEFAULT; /* a test sets it; a build may choose */
#    define BREAKS(_Which) (EchoBreak == (_Which))
#else
#    define BREAKS(_Which) FALSE
#endif

typedef struct _ECHO_BINDING {
    NDIS_HANDLE BindingHandle;
    NDIS_HANDLE BindContext;
    NDIS_HANDLE UnbindContext;
    NDIS_HANDLE NblPool;
    NDIS_SPIN_LOCK Lock;
    BOOLEAN Running;
    BOOLEAN HelloSent;
    PNET_PNP_EVENT_NOTIFICATION PausePending; /* completed when the last send is back */
    LONG SendsOut;
    PNET_BUFFER_LIST Kept; /* ECHO_BREAK_KEEP_RECEIVE */
    NDIS_OID_REQUEST Request;
    UCHAR Mac[6];
} ECHO_BINDING, *PECHO_BINDING;

/* What a test reads (a real driver would report them through its device). */
LONG64 EchoReceived, EchoReceivedBytes, EchoSent, EchoCompleted, EchoStatusIndications;
NDIS_STATUS EchoMacStatus = NDIS_STATUS_PENDING;

static NDIS_HANDLE EchoProtocolHandle;
static ECHO_BINDING EchoBinding;

DRIVER_INITIALIZE DriverEntry;
NDIS_STATUS EchoProtocolSend(const UCHAR *Frame, ULONG Length);
static DRIVER_UNLOAD EchoUnload;
static PROTOCOL_BIND_ADAPTER_EX EchoBind;
static PROTOCOL_UNBIND_ADAPTER_EX EchoUnbind;
static PROTOCOL_OPEN_ADAPTER_COMPLETE_EX EchoOpenComplete;
static PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX EchoCloseComplete;
static PROTOCOL_NET_PNP_EVENT EchoPnPEvent;
static PROTOCOL_OID_REQUEST_COMPLETE EchoOidComplete;
static PROTOCOL_STATUS_EX EchoStatus;
static PROTOCOL_RECEIVE_NET_BUFFER_LISTS EchoReceive;
static PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE EchoSendComplete;

/* ---- sends of its own ------------------------------------------------------- */

static VOID
EchoFreeSend(PNET_BUFFER_LIST Nbl)
{
    PMDL Mdl = NET_BUFFER_FIRST_MDL(NET_BUFFER_LIST_FIRST_NB(Nbl));
    PVOID Data = MmGetMdlVirtualAddress(Mdl);
    NdisFreeNetBufferList(Nbl);
    NdisFreeMdl(Mdl);
    NdisFreeMemory(Data, 0, 0);
}

static PNET_BUFFER_LIST
EchoAllocateSend(PECHO_BINDING Binding, const UCHAR *Frame, ULONG Length)
{
    PUCHAR Data = (PUCHAR)NdisAllocateMemoryWithTagPriority(EchoProtocolHandle, Length, ECHO_TAG,
                                                            NormalPoolPriority);
    PMDL Mdl;
    PNET_BUFFER_LIST Nbl;
    if (Data == NULL) {
        return NULL;
    }
    NdisMoveMemory(Data, Frame, Length);
    Mdl = NdisAllocateMdl(Binding->BindingHandle, Data, Length);
    if (Mdl == NULL) {
        NdisFreeMemory(Data, 0, 0);
        return NULL;
    }
    Nbl = NdisAllocateNetBufferAndNetBufferList(Binding->NblPool, 0, 0, Mdl, 0, Length);
    if (Nbl == NULL) {
        NdisFreeMdl(Mdl);
        NdisFreeMemory(Data, 0, 0);
        return NULL;
    }
    Nbl->SourceHandle = BREAKS(ECHO_BREAK_SOURCE_HANDLE) ? NULL : Binding->BindingHandle;
    return Nbl;
}

/* Send one frame (any IRQL <= DISPATCH_LEVEL); NDIS_STATUS_PAUSED when not running. */
NDIS_STATUS
EchoProtocolSend(const UCHAR *Frame, ULONG Length)
{
    PECHO_BINDING Binding = &EchoBinding;
    PNET_BUFFER_LIST Nbl;
    ULONG Flags = KeGetCurrentIrql() == DISPATCH_LEVEL ? NDIS_SEND_FLAGS_DISPATCH_LEVEL : 0;
    if (Frame == NULL || Length == 0 || Length > ECHO_MAX_FRAME || Binding->BindingHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (!Binding->Running && !BREAKS(ECHO_BREAK_SEND_WHILE_PAUSED)) {
        return NDIS_STATUS_PAUSED;
    }
    Nbl = EchoAllocateSend(Binding, Frame, Length);
    if (Nbl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    if (BREAKS(ECHO_BREAK_DISPATCH_FLAG)) {
        Flags |= NDIS_SEND_FLAGS_DISPATCH_LEVEL;
    }
    NdisInterlockedIncrement(&Binding->SendsOut);
    InterlockedIncrement64(&EchoSent);
    NdisSendNetBufferLists(Binding->BindingHandle, Nbl, NDIS_DEFAULT_PORT_NUMBER, Flags);
    return NDIS_STATUS_SUCCESS;
}

static VOID
EchoSendComplete(NDIS_HANDLE ProtocolBindingContext, PNET_BUFFER_LIST NetBufferLists, ULONG Flags)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    PNET_PNP_EVENT_NOTIFICATION Pause = NULL;
    UNREFERENCED_PARAMETER(Flags);
    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) = NULL;
        EchoFreeSend(NetBufferLists);
        InterlockedIncrement64(&EchoCompleted);
        if (NdisInterlockedDecrement(&Binding->SendsOut) == 0) {
            NdisAcquireSpinLock(&Binding->Lock);
            Pause = Binding->PausePending;
            Binding->PausePending = NULL;
            NdisReleaseSpinLock(&Binding->Lock);
        }
        NetBufferLists = Next;
    }
    if (Pause != NULL) {
        NdisCompleteNetPnPEvent(Binding->BindingHandle, Pause, NDIS_STATUS_SUCCESS);
    }
}

/* ---- receives ------------------------------------------------------------------ */

/* The first time it hears a peer, the driver says hello (a broadcast). */
static VOID
EchoHello(PECHO_BINDING Binding)
{
    static const UCHAR Broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    UCHAR Hello[ECHO_HELLO_LEN];
    NdisZeroMemory(Hello, sizeof(Hello));
    NdisMoveMemory(Hello, Broadcast, 6);
    NdisMoveMemory(Hello + 6, Binding->Mac, 6);
    Hello[12] = 0x88; /* local experimental EtherType 0x88B5 */
    Hello[13] = 0xB5;
    NdisMoveMemory(Hello + 14, "undis echo hello", 16);
    Binding->HelloSent = EchoProtocolSend(Hello, sizeof(Hello)) == NDIS_STATUS_SUCCESS;
}

static VOID
EchoOne(PECHO_BINDING Binding, PNET_BUFFER_LIST Nbl)
{
    UCHAR Copy[ECHO_MAX_FRAME];
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    PUCHAR Data;
    InterlockedIncrement64(&EchoReceived);
    InterlockedAdd64(&EchoReceivedBytes, (LONG64)Length);
    if (Length == 0 || Length > ECHO_MAX_FRAME || !Binding->Running) {
        return;
    }
    if (!Binding->HelloSent) {
        EchoHello(Binding);
    }
    Data = (PUCHAR)NdisGetDataBuffer(Nb, Length, Copy, 1, 0);
    if (Data != NULL) {
        (VOID) EchoProtocolSend(Data, Length);
    }
}

static VOID
EchoReceive(NDIS_HANDLE ProtocolBindingContext,
            PNET_BUFFER_LIST NetBufferLists,
            NDIS_PORT_NUMBER PortNumber,
            ULONG NumberOfNetBufferLists,
            ULONG ReceiveFlags)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    BOOLEAN Resources = NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags);
    ULONG ReturnFlags =
        NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags) ? NDIS_RETURN_FLAGS_DISPATCH_LEVEL : 0;
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(NumberOfNetBufferLists);
    for (PNET_BUFFER_LIST Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        EchoOne(Binding, Nbl);
    }
    if (BREAKS(ECHO_BREAK_KEEP_RECEIVE) && !Resources && Binding->Kept == NULL) {
        Binding->Kept = NetBufferLists; /* kept, never returned */
        NetBufferLists = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NET_BUFFER_LIST_NEXT_NBL(Binding->Kept) = NULL;
    }
    if (NetBufferLists == NULL || (Resources && !BREAKS(ECHO_BREAK_RETURN_RESOURCES))) {
        return; /* with RESOURCES the NBLs are the miniport's again when this returns */
    }
    if (BREAKS(ECHO_BREAK_RETURN_TWICE)) {
        PNET_BUFFER_LIST First = NetBufferLists;
        NdisReturnNetBufferLists(Binding->BindingHandle, NetBufferLists, ReturnFlags);
        NET_BUFFER_LIST_NEXT_NBL(First) = NULL;
        NdisReturnNetBufferLists(Binding->BindingHandle, First, ReturnFlags);
        return;
    }
    NdisReturnNetBufferLists(Binding->BindingHandle, NetBufferLists, ReturnFlags);
}

static VOID
EchoStatus(NDIS_HANDLE ProtocolBindingContext, PNDIS_STATUS_INDICATION StatusIndication)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    if (StatusIndication->StatusCode == NDIS_STATUS_LINK_STATE) {
        InterlockedIncrement64(&EchoStatusIndications);
    }
}

/* ---- OID: the current address -------------------------------------------------- */

static VOID
EchoOidComplete(NDIS_HANDLE ProtocolBindingContext,
                PNDIS_OID_REQUEST OidRequest,
                NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(OidRequest);
    EchoMacStatus = Status;
}

static VOID
EchoQueryMac(PECHO_BINDING Binding)
{
    PNDIS_OID_REQUEST Request = &Binding->Request;
    NDIS_STATUS Status;
    NdisZeroMemory(Request, sizeof(*Request));
    Request->Header.Type = NDIS_OBJECT_TYPE_OID_REQUEST;
    Request->Header.Revision = NDIS_OID_REQUEST_REVISION_1;
    Request->Header.Size = NDIS_SIZEOF_OID_REQUEST_REVISION_1;
    Request->RequestType = NdisRequestQueryInformation;
    Request->DATA.QUERY_INFORMATION.Oid = OID_802_3_CURRENT_ADDRESS;
    Request->DATA.QUERY_INFORMATION.InformationBuffer = Binding->Mac;
    Request->DATA.QUERY_INFORMATION.InformationBufferLength = sizeof(Binding->Mac);
    EchoMacStatus = NDIS_STATUS_PENDING;
    Status = NdisOidRequest(Binding->BindingHandle, Request);
    if (BREAKS(ECHO_BREAK_OID_AGAIN) && Status == NDIS_STATUS_PENDING) {
        (VOID) NdisOidRequest(Binding->BindingHandle, Request); /* still NDIS's */
    }
    if (Status != NDIS_STATUS_PENDING) {
        EchoMacStatus = Status;
    }
}

/* ---- bind and unbind ------------------------------------------------------------ */

static NDIS_STATUS
EchoAllocatePool(PECHO_BINDING Binding)
{
    NET_BUFFER_LIST_POOL_PARAMETERS Pool;
    NdisZeroMemory(&Pool, sizeof(Pool));
    Pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.fAllocateNetBuffer = TRUE;
    Pool.PoolTag = ECHO_TAG;
    Binding->NblPool = NdisAllocateNetBufferListPool(EchoProtocolHandle, &Pool);
    return Binding->NblPool != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

static VOID
EchoFreePool(PECHO_BINDING Binding)
{
    if (Binding->NblPool != NULL) {
        NdisFreeNetBufferListPool(Binding->NblPool);
        Binding->NblPool = NULL;
    }
}

/* The open is over: query the address, or give the pool back. */
static NDIS_STATUS
EchoOpened(PECHO_BINDING Binding, NDIS_STATUS Status)
{
    if (Status != NDIS_STATUS_SUCCESS) {
        EchoFreePool(Binding);
        Binding->BindingHandle = NULL;
        return Status;
    }
    EchoQueryMac(Binding);
    return NDIS_STATUS_SUCCESS;
}

static VOID
EchoOpenComplete(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    NdisCompleteBindAdapterEx(Binding->BindContext, EchoOpened(Binding, Status));
}

static NDIS_STATUS
EchoBind(NDIS_HANDLE ProtocolDriverContext,
         NDIS_HANDLE BindContext,
         PNDIS_BIND_PARAMETERS BindParameters)
{
    static NDIS_MEDIUM Media[] = { NdisMedium802_3 };
    PECHO_BINDING Binding = &EchoBinding;
    NDIS_OPEN_PARAMETERS Open;
    UINT Selected = 0;
    NDIS_STATUS Status;
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    NdisZeroMemory(Binding, sizeof(*Binding));
    NdisAllocateSpinLock(&Binding->Lock);
    Binding->BindContext = BindContext;
    if (EchoAllocatePool(Binding) != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(&Open, sizeof(Open));
    Open.Header.Type = BREAKS(ECHO_BREAK_OPEN_HEADER) ? NDIS_OBJECT_TYPE_DEFAULT
                                                      : NDIS_OBJECT_TYPE_OPEN_PARAMETERS;
    Open.Header.Revision = NDIS_OPEN_PARAMETERS_REVISION_1;
    Open.Header.Size = NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1;
    Open.AdapterName = BindParameters->AdapterName;
    Open.MediumArray = Media;
    Open.MediumArraySize = sizeof(Media) / sizeof(Media[0]);
    Open.SelectedMediumIndex = &Selected;
    Status =
        NdisOpenAdapterEx(EchoProtocolHandle, Binding, &Open, BindContext, &Binding->BindingHandle);
    if (Status == NDIS_STATUS_PENDING) {
        return NDIS_STATUS_PENDING; /* EchoOpenComplete completes the bind */
    }
    Status = EchoOpened(Binding, Status);
    if (BREAKS(ECHO_BREAK_COMPLETE_BIND)) {
        NdisCompleteBindAdapterEx(BindContext, Status);
    }
    return Status;
}

static VOID
EchoCloseComplete(NDIS_HANDLE ProtocolBindingContext)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    EchoFreePool(Binding);
    NdisCompleteUnbindAdapterEx(Binding->UnbindContext);
}

static NDIS_STATUS
EchoUnbind(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    NDIS_STATUS Status;
    Binding->UnbindContext = UnbindContext;
    if (BREAKS(ECHO_BREAK_NO_CLOSE)) {
        return NDIS_STATUS_SUCCESS;
    }
    Status = NdisCloseAdapterEx(Binding->BindingHandle);
    if (Status == NDIS_STATUS_PENDING) {
        return NDIS_STATUS_PENDING; /* EchoCloseComplete completes the unbind */
    }
    EchoFreePool(Binding);
    return Status;
}

/* ---- pause and restart ------------------------------------------------------------ */

static NDIS_STATUS
EchoPause(PECHO_BINDING Binding, PNET_PNP_EVENT_NOTIFICATION Event)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    NdisAcquireSpinLock(&Binding->Lock);
    Binding->Running = FALSE;
    if (Binding->SendsOut > 0) {
        Binding->PausePending = Event;
        Status = NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Binding->Lock);
    return Status;
}

/* The binding runs once NetEventRestart returns (not during it: no send here). */
static NDIS_STATUS
EchoRestart(PECHO_BINDING Binding)
{
    Binding->Running = TRUE;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
EchoPnPEvent(NDIS_HANDLE ProtocolBindingContext,
             PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    PECHO_BINDING Binding = (PECHO_BINDING)ProtocolBindingContext;
    if (Binding == NULL) {
        return NDIS_STATUS_SUCCESS; /* an event for the protocol as a whole */
    }
    switch (NetPnPEventNotification->NetPnPEvent.NetEvent) {
    case NetEventPause:
        return EchoPause(Binding, NetPnPEventNotification);
    case NetEventRestart:
        return EchoRestart(Binding);
    default:
        return NDIS_STATUS_SUCCESS;
    }
}

/* ---- registration ----------------------------------------------------------------- */

static VOID
EchoUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(EchoProtocolHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars;
    NDIS_STRING Name = NDIS_STRING_CONST("undis echo protocol");
    UNREFERENCED_PARAMETER(RegistryPath);
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    if (BREAKS(ECHO_BREAK_BAD_CHARACTERISTICS)) {
        Chars.Header.Size = 8;
    }
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 30;
    Chars.Name = Name;
    Chars.BindAdapterHandlerEx = EchoBind;
    Chars.UnbindAdapterHandlerEx = EchoUnbind;
    Chars.OpenAdapterCompleteHandlerEx = EchoOpenComplete;
    Chars.CloseAdapterCompleteHandlerEx = EchoCloseComplete;
    Chars.NetPnPEventHandler = EchoPnPEvent;
    Chars.OidRequestCompleteHandler = EchoOidComplete;
    Chars.StatusHandlerEx = EchoStatus;
    Chars.ReceiveNetBufferListsHandler = EchoReceive;
    Chars.SendNetBufferListsCompleteHandler = EchoSendComplete;
    DriverObject->DriverUnload = EchoUnload;
    return NdisRegisterProtocolDriver(NULL, &Chars, &EchoProtocolHandle);
}
