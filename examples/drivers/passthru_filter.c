/* SPDX-License-Identifier: MIT */
/*
 * passthru_filter.c: a whole NDIS 6.30 lightweight filter driver, written
 * for the WDK: DriverEntry registers it; each module counts what passes,
 * keeps the bookkeeping its pause needs (a pause pends until every send and
 * receive it passed on is back; while pausing or paused it completes sends
 * with NDIS_STATUS_PAUSED and returns receives at once, as a filter in the
 * Pausing state must), passes OID requests down as clones and
 * passes status up. Driver code: it includes only <ndis.h>.
 *
 * Built with PASSTHRU_BREAKS defined, the global PassthruBreak makes the
 * driver break one of NDIS's hand-off rules on purpose (PASSTHRU_BREAK_*),
 * so that the host's tests see each rule reported; PASSTHRU_BREAK_DEFAULT
 * chooses its value at build time (for a shared object `undis run --driver`
 * hosts).
 */
#include <ndis.h>

#define PASSTHRU_TAG       'fTsP'
#define PASSTHRU_CLONE_TAG 'cTsP'
#define PASSTHRU_PROBE_LEN 60

#ifdef PASSTHRU_BREAKS
enum {
    PASSTHRU_BREAK_NONE = 0,
    PASSTHRU_BREAK_BAD_CHARACTERISTICS = 1, /* DriverEntry: Header.Size too small */
    PASSTHRU_BREAK_COMPLETE_TWICE = 2,      /* a send completed twice */
    PASSTHRU_BREAK_FORGET_SEND = 3,         /* a send kept, forgotten by the pause */
    PASSTHRU_BREAK_RETURN_RESOURCES = 4,    /* a RESOURCES receive returned */
    PASSTHRU_BREAK_SEND_WHILE_PAUSING = 5,  /* a frame originated in FilterPause */
    PASSTHRU_BREAK_SOURCE_HANDLE = 6,       /* an originated frame without SourceHandle */
    PASSTHRU_BREAK_DISPATCH_FLAG = 7,       /* DISPATCH_LEVEL flag at PASSIVE_LEVEL */
    PASSTHRU_BREAK_OID_TWICE = 8,           /* an OID request completed twice */
    PASSTHRU_BREAK_WRONG_CALL = 9,          /* a receive completed as a send */
    PASSTHRU_BREAK_HOLD_SEND = 10,          /* a send held: the pause never completes */
    PASSTHRU_BREAK_CRASH_ON_SEND = 11       /* a send dereferences a NULL pointer */
};
#    ifndef PASSTHRU_BREAK_DEFAULT
#        define PASSTHRU_BREAK_DEFAULT PASSTHRU_BREAK_NONE
#    endif
ULONG PassthruBreak = PASSTHRU_BREAK_DEFAULT; /* a test sets it; a build may choose */
#    define BREAKS(_Which) (PassthruBreak == (_Which))
#else
#    define BREAKS(_Which) FALSE
#endif

typedef struct _PASSTHRU_FILTER {
    NDIS_HANDLE FilterHandle;
    NDIS_SPIN_LOCK Lock;
    BOOLEAN Running;
    BOOLEAN PausePending;
    LONG SendsOut;    /* passed down, not yet completed */
    LONG ReceivesOut; /* indicated up, not yet returned */
    LONG64 SendNbls, SendBytes, ReceiveNbls, ReceiveBytes, Oids;
    NDIS_HANDLE NblPool;
    PNET_BUFFER_LIST Probe; /* an NBL of the filter's own */
    PMDL ProbeMdl;
    UCHAR ProbeData[PASSTHRU_PROBE_LEN];
} PASSTHRU_FILTER, *PPASSTHRU_FILTER;

/* What a clone keeps of the request it stands for. */
typedef struct _PASSTHRU_OID_CONTEXT {
    PNDIS_OID_REQUEST Original;
} PASSTHRU_OID_CONTEXT;

static NDIS_HANDLE PassthruDriverHandle;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD PassthruUnload;
static FILTER_ATTACH PassthruAttach;
static FILTER_DETACH PassthruDetach;
static FILTER_RESTART PassthruRestart;
static FILTER_PAUSE PassthruPause;
static FILTER_SEND_NET_BUFFER_LISTS PassthruSend;
static FILTER_SEND_NET_BUFFER_LISTS_COMPLETE PassthruSendComplete;
static FILTER_RECEIVE_NET_BUFFER_LISTS PassthruReceive;
static FILTER_RETURN_NET_BUFFER_LISTS PassthruReturn;
static FILTER_OID_REQUEST PassthruOidRequest;
static FILTER_OID_REQUEST_COMPLETE PassthruOidRequestComplete;
static FILTER_STATUS PassthruStatus;

static ULONG
PassthruChainCount(PNET_BUFFER_LIST Nbl, PLONG64 Bytes)
{
    ULONG Count = 0;
    for (; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        PNET_BUFFER Nb;
        Count++;
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            *Bytes += NET_BUFFER_DATA_LENGTH(Nb);
        }
    }
    return Count;
}

/* Called with the lock held after an NBL came back: a pending pause
 * completes when nothing is out. TRUE when the caller must complete it. */
static BOOLEAN
PassthruPauseReady(PPASSTHRU_FILTER Filter)
{
    if (Filter->PausePending && Filter->SendsOut == 0 && Filter->ReceivesOut == 0) {
        Filter->PausePending = FALSE;
        return TRUE;
    }
    return FALSE;
}

/* Adds Delta to a count of NBLs out (under the lock, as the pause reads
 * them); when a pause pends and nothing is out any more, completes it. */
static VOID
PassthruOut(PPASSTHRU_FILTER Filter, PLONG Counter, LONG Delta, BOOLEAN DispatchLevel)
{
    BOOLEAN Complete;
    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Filter->Lock);
    } else {
        NdisAcquireSpinLock(&Filter->Lock);
    }
    *Counter += Delta;
    Complete = PassthruPauseReady(Filter);
    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Filter->Lock);
    } else {
        NdisReleaseSpinLock(&Filter->Lock);
    }
    if (Complete) {
        NdisFPauseComplete(Filter->FilterHandle);
    }
}

/* Counts Count NBLs out when the module runs (TRUE); while it is pausing or
 * paused nothing is counted (FALSE): the caller gives them straight back,
 * as a filter in the Pausing state must. */
static BOOLEAN
PassthruAdmit(PPASSTHRU_FILTER Filter, PLONG Counter, LONG Count, BOOLEAN DispatchLevel)
{
    BOOLEAN Running;
    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Filter->Lock);
    } else {
        NdisAcquireSpinLock(&Filter->Lock);
    }
    Running = Filter->Running;
    if (Running) {
        *Counter += Count;
    }
    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Filter->Lock);
    } else {
        NdisReleaseSpinLock(&Filter->Lock);
    }
    return Running;
}

/* ---- the filter's own NBL -------------------------------------------------- */

static NDIS_STATUS
PassthruMakeProbe(PPASSTHRU_FILTER Filter)
{
    NET_BUFFER_LIST_POOL_PARAMETERS Params;
    NdisZeroMemory(&Params, sizeof(Params));
    Params.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Params.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Params.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Params.fAllocateNetBuffer = TRUE;
    Params.PoolTag = PASSTHRU_TAG;
    Filter->NblPool = NdisAllocateNetBufferListPool(Filter->FilterHandle, &Params);
    if (Filter->NblPool == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisFillMemory(Filter->ProbeData, PASSTHRU_PROBE_LEN, 0xFF);
    Filter->ProbeMdl = NdisAllocateMdl(Filter->FilterHandle, Filter->ProbeData, PASSTHRU_PROBE_LEN);
    if (Filter->ProbeMdl != NULL) {
        Filter->Probe = NdisAllocateNetBufferAndNetBufferList(
            Filter->NblPool, 0, 0, Filter->ProbeMdl, 0, PASSTHRU_PROBE_LEN);
    }
    return Filter->Probe != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

static VOID
PassthruFreeProbe(PPASSTHRU_FILTER Filter)
{
    if (Filter->Probe != NULL) {
        NdisFreeNetBufferList(Filter->Probe);
    }
    if (Filter->ProbeMdl != NULL) {
        NdisFreeMdl(Filter->ProbeMdl);
    }
    if (Filter->NblPool != NULL) {
        NdisFreeNetBufferListPool(Filter->NblPool);
    }
}

static VOID
PassthruSendProbe(PPASSTHRU_FILTER Filter, NDIS_HANDLE SourceHandle)
{
    Filter->Probe->SourceHandle = SourceHandle;
    NET_BUFFER_LIST_NEXT_NBL(Filter->Probe) = NULL;
    NdisFSendNetBufferLists(Filter->FilterHandle, Filter->Probe, NDIS_DEFAULT_PORT_NUMBER, 0);
}

/* ---- life ------------------------------------------------------------------ */

static NDIS_STATUS
PassthruAttach(NDIS_HANDLE NdisFilterHandle,
               NDIS_HANDLE FilterDriverContext,
               PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    PPASSTHRU_FILTER Filter;
    NDIS_FILTER_ATTRIBUTES Attributes;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(FilterDriverContext);
    if (AttachParameters->MiniportMediaType != NdisMedium802_3) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Filter = (PPASSTHRU_FILTER)NdisAllocateMemoryWithTagPriority(NdisFilterHandle, sizeof(*Filter),
                                                                 PASSTHRU_TAG, NormalPoolPriority);
    if (Filter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Filter, sizeof(*Filter));
    Filter->FilterHandle = NdisFilterHandle;
    NdisAllocateSpinLock(&Filter->Lock);
    Status = PassthruMakeProbe(Filter);
    if (Status == NDIS_STATUS_SUCCESS) {
        NdisZeroMemory(&Attributes, sizeof(Attributes));
        Attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
        Attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
        Attributes.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
        Status = NdisFSetAttributes(NdisFilterHandle, Filter, &Attributes);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        PassthruFreeProbe(Filter);
        NdisFreeSpinLock(&Filter->Lock);
        NdisFreeMemoryWithTagPriority(NdisFilterHandle, Filter, PASSTHRU_TAG);
    }
    return Status;
}

static VOID
PassthruDetach(NDIS_HANDLE FilterModuleContext)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PassthruFreeProbe(Filter);
    NdisFreeSpinLock(&Filter->Lock);
    NdisFreeMemoryWithTagPriority(Filter->FilterHandle, Filter, PASSTHRU_TAG);
}

static NDIS_STATUS
PassthruRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Filter->Lock);
    Filter->Running = TRUE;
    NdisReleaseSpinLock(&Filter->Lock);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
PassthruPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    UNREFERENCED_PARAMETER(PauseParameters);
    if (BREAKS(PASSTHRU_BREAK_SEND_WHILE_PAUSING)) {
        PassthruSendProbe(Filter, Filter->FilterHandle);
    }
    NdisAcquireSpinLock(&Filter->Lock);
    Filter->Running = FALSE;
    if (Filter->SendsOut != 0 || Filter->ReceivesOut != 0) {
        Filter->PausePending = TRUE;
        Status = NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Filter->Lock);
    return Status;
}

/* ---- send ------------------------------------------------------------------ */

static VOID
PassthruSend(NDIS_HANDLE FilterModuleContext,
             PNET_BUFFER_LIST NetBufferLists,
             NDIS_PORT_NUMBER PortNumber,
             ULONG SendFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    LONG64 Bytes = 0;
    ULONG Count = PassthruChainCount(NetBufferLists, &Bytes);

    InterlockedAdd64(&Filter->SendNbls, (LONG64)Count);
    InterlockedAdd64(&Filter->SendBytes, Bytes);
    if (BREAKS(PASSTHRU_BREAK_FORGET_SEND)) {
        return; /* kept, and never counted as out */
    }
#ifdef PASSTHRU_BREAKS
    if (BREAKS(PASSTHRU_BREAK_CRASH_ON_SEND)) {
        volatile LONG *Nowhere = (volatile LONG *)(ULONG_PTR)(PassthruBreak / 1000u);
        *Nowhere = 1; /* the address 0 (11 / 1000): a crash in FilterSendNetBufferLists */
    }
#endif
    if (!PassthruAdmit(Filter, &Filter->SendsOut, (LONG)Count,
                       NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags))) {
        PNET_BUFFER_LIST Nbl;
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
        }
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, NetBufferLists,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                            : 0);
        return;
    }
    if (BREAKS(PASSTHRU_BREAK_HOLD_SEND)) {
        return; /* counted as out, never sent on */
    }
    if (BREAKS(PASSTHRU_BREAK_SOURCE_HANDLE)) {
        PassthruSendProbe(Filter, NULL);
    }
    if (BREAKS(PASSTHRU_BREAK_DISPATCH_FLAG)) {
        SendFlags |= NDIS_SEND_FLAGS_DISPATCH_LEVEL;
    }
    NdisFSendNetBufferLists(Filter->FilterHandle, NetBufferLists, PortNumber, SendFlags);
}

static VOID
PassthruSendComplete(NDIS_HANDLE FilterModuleContext,
                     PNET_BUFFER_LIST NetBufferLists,
                     ULONG SendCompleteFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PNET_BUFFER_LIST Up = NULL;
    PNET_BUFFER_LIST *Tail = &Up;
    LONG Count = 0;

    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) = NULL;
        if (NetBufferLists != Filter->Probe) { /* the probe is ours: it stays */
            *Tail = NetBufferLists;
            Tail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
            Count++;
        }
        NetBufferLists = Next;
    }
    if (Up == NULL) {
        return;
    }
    NdisFSendNetBufferListsComplete(Filter->FilterHandle, Up, SendCompleteFlags);
    if (BREAKS(PASSTHRU_BREAK_COMPLETE_TWICE)) {
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, Up, SendCompleteFlags);
    }
    PassthruOut(Filter, &Filter->SendsOut, -Count,
                NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(SendCompleteFlags));
}

/* ---- receive ----------------------------------------------------------------- */

static VOID
PassthruReceive(NDIS_HANDLE FilterModuleContext,
                PNET_BUFFER_LIST NetBufferLists,
                NDIS_PORT_NUMBER PortNumber,
                ULONG NumberOfNetBufferLists,
                ULONG ReceiveFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    LONG64 Bytes = 0;
    ULONG Count = PassthruChainCount(NetBufferLists, &Bytes);
    BOOLEAN Resources = NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags);
    BOOLEAN Dispatch = NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags);

    InterlockedAdd64(&Filter->ReceiveNbls, (LONG64)Count);
    InterlockedAdd64(&Filter->ReceiveBytes, Bytes);
    /* a RESOURCES indication is counted for the call only */
    if (!PassthruAdmit(Filter, &Filter->ReceivesOut, (LONG)Count, Dispatch)) {
        if (!Resources) { /* pausing: back to the miniport at once */
            NdisFReturnNetBufferLists(Filter->FilterHandle, NetBufferLists,
                                      Dispatch ? NDIS_RETURN_FLAGS_DISPATCH_LEVEL : 0);
        }
        return;
    }
    NdisFIndicateReceiveNetBufferLists(Filter->FilterHandle, NetBufferLists, PortNumber,
                                       NumberOfNetBufferLists, ReceiveFlags);
    if (Resources) {
        PassthruOut(Filter, &Filter->ReceivesOut, -(LONG)Count, Dispatch);
    }
    if (Resources && BREAKS(PASSTHRU_BREAK_RETURN_RESOURCES)) {
        NdisFReturnNetBufferLists(Filter->FilterHandle, NetBufferLists,
                                  Dispatch ? NDIS_RETURN_FLAGS_DISPATCH_LEVEL : 0);
    }
}

static VOID
PassthruReturn(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    LONG64 Bytes = 0;
    LONG Count = (LONG)PassthruChainCount(NetBufferLists, &Bytes);

    if (BREAKS(PASSTHRU_BREAK_WRONG_CALL)) {
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, NetBufferLists,
                                        NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags)
                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                            : 0);
    } else {
        NdisFReturnNetBufferLists(Filter->FilterHandle, NetBufferLists, ReturnFlags);
    }
    PassthruOut(Filter, &Filter->ReceivesOut, -Count,
                NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags));
}

/* ---- OID requests and status -------------------------------------------------- */

static NDIS_STATUS
PassthruOidRequest(NDIS_HANDLE FilterModuleContext, PNDIS_OID_REQUEST Request)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PNDIS_OID_REQUEST Clone;
    NDIS_STATUS Status;

    Status = NdisAllocateCloneOidRequest(Filter->FilterHandle, Request, PASSTHRU_CLONE_TAG, &Clone);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    ((PASSTHRU_OID_CONTEXT *)(PVOID)Clone->SourceReserved)->Original = Request;
    Clone->RequestId = Request->RequestId;
    InterlockedIncrement64(&Filter->Oids);
    Status = NdisFOidRequest(Filter->FilterHandle, Clone);
    if (Status != NDIS_STATUS_PENDING) {
        PassthruOidRequestComplete(Filter, Clone, Status);
    }
    return NDIS_STATUS_PENDING;
}

static VOID
PassthruOidRequestComplete(NDIS_HANDLE FilterModuleContext,
                           PNDIS_OID_REQUEST Clone,
                           NDIS_STATUS Status)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PNDIS_OID_REQUEST Original = ((PASSTHRU_OID_CONTEXT *)(PVOID)Clone->SourceReserved)->Original;

    Original->DATA = Clone->DATA; /* BytesWritten, BytesRead, BytesNeeded */
    NdisFreeCloneOidRequest(Filter->FilterHandle, Clone);
    NdisFOidRequestComplete(Filter->FilterHandle, Original, Status);
    if (BREAKS(PASSTHRU_BREAK_OID_TWICE)) {
        NdisFOidRequestComplete(Filter->FilterHandle, Original, Status);
    }
}

static VOID
PassthruStatus(NDIS_HANDLE FilterModuleContext, PNDIS_STATUS_INDICATION StatusIndication)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    NdisFIndicateStatus(Filter->FilterHandle, StatusIndication);
}

/* ---- registration -------------------------------------------------------------- */

static VOID
PassthruUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(PassthruDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS Chars;
    NDIS_STRING FriendlyName = RTL_CONSTANT_STRING(L"undis pass-through filter");
    NDIS_STRING UniqueName = RTL_CONSTANT_STRING(L"{3f1e9f0c-5d2b-4a57-8c1e-7061737374687275}");
    NDIS_STRING ServiceName = RTL_CONSTANT_STRING(L"passthru");

    UNREFERENCED_PARAMETER(RegistryPath);
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    if (BREAKS(PASSTHRU_BREAK_BAD_CHARACTERISTICS)) {
        Chars.Header.Size = sizeof(NDIS_OBJECT_HEADER);
    }
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 30;
    Chars.MajorDriverVersion = 1;
    Chars.FriendlyName = FriendlyName;
    Chars.UniqueName = UniqueName;
    Chars.ServiceName = ServiceName;
    Chars.AttachHandler = PassthruAttach;
    Chars.DetachHandler = PassthruDetach;
    Chars.RestartHandler = PassthruRestart;
    Chars.PauseHandler = PassthruPause;
    Chars.SendNetBufferListsHandler = PassthruSend;
    Chars.SendNetBufferListsCompleteHandler = PassthruSendComplete;
    Chars.ReceiveNetBufferListsHandler = PassthruReceive;
    Chars.ReturnNetBufferListsHandler = PassthruReturn;
    Chars.OidRequestHandler = PassthruOidRequest;
    Chars.OidRequestCompleteHandler = PassthruOidRequestComplete;
    Chars.StatusHandler = PassthruStatus;
    DriverObject->DriverUnload = PassthruUnload;
    return NdisFRegisterFilterDriver(DriverObject, DriverObject, &Chars, &PassthruDriverHandle);
}
