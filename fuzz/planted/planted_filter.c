/* SPDX-License-Identifier: MIT */
/*
 * planted_filter.c: a copy of examples/drivers/passthru_filter.c with one
 * bug planted on purpose, chosen by PLANTED_BUG at build time, for measuring
 * how fast `undis fuzz` and `undis run --fail-each-site` find each
 * (docs/fuzzing.md). The copy also classifies frames by EtherType on both
 * paths and makes room for an 802.1Q tag on sends (as filter_vlan.c does),
 * so that each bug sits on a path a real filter has:
 *
 *   1  a read past DataLength: the EtherType is read at bytes 12-13 of the
 *      data even when the frame is shorter (runts);
 *   2  an NBL completed twice on a rare path: a send NBL of several
 *      NET_BUFFERs whose first frame is IPv6;
 *   3  a retreat not undone on completion: the tag room is taken back from
 *      the first NET_BUFFER of each NBL only;
 *   4  a receive kept past NDIS_RECEIVE_FLAGS_RESOURCES: ARP frames are
 *      indicated up one by one with the flags rebuilt, RESOURCES forgotten;
 *   5  a leak on an error path: when the probe NBL cannot be allocated at
 *      attach, its MDL is forgotten (found by the per-site sweep);
 *   6  a crash on an error path: the OID clone is written to when its
 *      allocation failed (found by the per-site sweep).
 *
 * Built as a shared object (fuzz/CMakeLists.txt): planted_<n>.so.
 */
#include <ndis.h>

#define PASSTHRU_TAG       'fTsP'
#define PASSTHRU_CLONE_TAG 'cTsP'
#define PASSTHRU_PROBE_LEN 60

/* Which bug this build plants (fuzz/planted/README.md); 0 plants none. */
#ifndef PLANTED_BUG
#    define PLANTED_BUG 0
#endif
#define PLANTED_SHORT_READ     1 /* receive: reads the EtherType past DataLength */
#define PLANTED_COMPLETE_TWICE 2 /* send: an IPv6 NBL of several NBs completed twice */
#define PLANTED_RETREAT_KEPT   3 /* send: the tag room undone on the first NB only */
#define PLANTED_PAST_RESOURCES 4 /* receive: ARP indicated up without RESOURCES */
#define PLANTED_LEAK_ON_ERROR  5 /* attach: the probe MDL forgotten when its NBL fails */
#define PLANTED_CRASH_ON_ERROR 6 /* OID: the clone used when its allocation failed */
#define PLANTED(_Which)        (PLANTED_BUG == (_Which))

#define PLANTED_ETH_HEADER 14
#define PLANTED_TAG_ROOM   4

typedef struct _PASSTHRU_FILTER {
    NDIS_HANDLE FilterHandle;
    NDIS_SPIN_LOCK Lock;
    BOOLEAN Running;
    BOOLEAN PausePending;
    LONG SendsOut;    /* passed down, not yet completed */
    LONG ReceivesOut; /* indicated up, not yet returned */
    LONG64 SendNbls, SendBytes, ReceiveNbls, ReceiveBytes, Oids;
    LONG64 Ipv4, Ipv6, Arp, Other; /* frames by EtherType, both ways */
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

/* ---- planted: classification and tag room ---------------------------------- */

/* The EtherType of the frame in Nb (0 when it has none). */
static USHORT
PlantedEtherType(PNET_BUFFER Nb)
{
    UCHAR Storage[PLANTED_ETH_HEADER];
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    PUCHAR Header;
    if (PLANTED(PLANTED_SHORT_READ)) {
        /* the bug: a runt is mapped as far as it goes, then read at 12-13 anyway */
        Header = (PUCHAR)NdisGetDataBuffer(
            Nb, Length < PLANTED_ETH_HEADER ? Length : PLANTED_ETH_HEADER, Storage, 1, 0);
        return Header == NULL ? 0 : (USHORT)((Header[12] << 8) | Header[13]);
    }
    if (Length < PLANTED_ETH_HEADER) {
        return 0;
    }
    Header = (PUCHAR)NdisGetDataBuffer(Nb, PLANTED_ETH_HEADER, Storage, 1, 0);
    return Header == NULL ? 0 : (USHORT)((Header[12] << 8) | Header[13]);
}

static VOID
PlantedClassify(PPASSTHRU_FILTER Filter, PNET_BUFFER_LIST Nbls)
{
    for (; Nbls != NULL; Nbls = NET_BUFFER_LIST_NEXT_NBL(Nbls)) {
        PNET_BUFFER Nb;
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbls); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            USHORT Type = PlantedEtherType(Nb);
            InterlockedIncrement64(Type == 0x0800   ? &Filter->Ipv4
                                   : Type == 0x86DD ? &Filter->Ipv6
                                   : Type == 0x0806 ? &Filter->Arp
                                                    : &Filter->Other);
        }
    }
}

static ULONG
PlantedNbCount(PNET_BUFFER_LIST Nbl)
{
    ULONG Count = 0;
    PNET_BUFFER Nb;
    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        Count++;
    }
    return Count;
}

/* Room for an 802.1Q tag in front of every NET_BUFFER of Nbl (as
 * filter_vlan.c takes before it moves the addresses); undone on failure. */
static BOOLEAN
PlantedTakeRoom(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb;
    PNET_BUFFER Undo;
    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        if (NdisRetreatNetBufferDataStart(Nb, PLANTED_TAG_ROOM, 0, NULL) != NDIS_STATUS_SUCCESS) {
            for (Undo = NET_BUFFER_LIST_FIRST_NB(Nbl); Undo != Nb;
                 Undo = NET_BUFFER_NEXT_NB(Undo)) {
                NdisAdvanceNetBufferDataStart(Undo, PLANTED_TAG_ROOM, TRUE, NULL);
            }
            return FALSE;
        }
    }
    return TRUE;
}

static VOID
PlantedGiveRoomBack(PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER First = NET_BUFFER_LIST_FIRST_NB(Nbl);
    PNET_BUFFER Nb;
    for (Nb = First; Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        NdisAdvanceNetBufferDataStart(Nb, PLANTED_TAG_ROOM, TRUE, NULL);
        if (PLANTED(PLANTED_RETREAT_KEPT) && NET_BUFFER_DATA_LENGTH(First) > 1514) {
            break; /* the bug: "an LSO NBL holds one NET_BUFFER" */
        }
    }
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
        if (Filter->Probe == NULL && PLANTED(PLANTED_LEAK_ON_ERROR)) {
            Filter->ProbeMdl = NULL; /* the bug: forgotten, never freed */
        }
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
    PNET_BUFFER_LIST Ok = NULL, Failed = NULL;
    PNET_BUFFER_LIST *OkTail = &Ok, *FailedTail = &Failed;
    LONG OkCount = 0;

    InterlockedAdd64(&Filter->SendNbls, (LONG64)Count);
    InterlockedAdd64(&Filter->SendBytes, Bytes);
    PlantedClassify(Filter, NetBufferLists);
    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) = NULL;
        if (PlantedTakeRoom(NetBufferLists)) {
            *OkTail = NetBufferLists;
            OkTail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
            OkCount++;
        } else {
            NET_BUFFER_LIST_STATUS(NetBufferLists) = NDIS_STATUS_RESOURCES;
            *FailedTail = NetBufferLists;
            FailedTail = &NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        }
        NetBufferLists = Next;
    }
    if (Failed != NULL) {
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, Failed,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                            : 0);
    }
    if (Ok != NULL) {
        PassthruOut(Filter, &Filter->SendsOut, OkCount,
                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags));
        NdisFSendNetBufferLists(Filter->FilterHandle, Ok, PortNumber, SendFlags);
    }
}

static VOID
PassthruSendComplete(NDIS_HANDLE FilterModuleContext,
                     PNET_BUFFER_LIST NetBufferLists,
                     ULONG SendCompleteFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PNET_BUFFER_LIST Up = NULL;
    PNET_BUFFER_LIST *Tail = &Up;
    PNET_BUFFER_LIST Twice = NULL;
    LONG Count = 0;

    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) = NULL;
        if (NetBufferLists != Filter->Probe) { /* the probe is ours: it stays */
            PlantedGiveRoomBack(NetBufferLists);
            if (PLANTED(PLANTED_COMPLETE_TWICE) && PlantedNbCount(NetBufferLists) > 1 &&
                PlantedEtherType(NET_BUFFER_LIST_FIRST_NB(NetBufferLists)) == 0x86DD) {
                Twice = NetBufferLists; /* the bug: kept to be completed again below */
            }
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
    if (Twice != NULL) {
        NdisFSendNetBufferListsComplete(Filter->FilterHandle, Twice, SendCompleteFlags);
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

    InterlockedAdd64(&Filter->ReceiveNbls, (LONG64)Count);
    InterlockedAdd64(&Filter->ReceiveBytes, Bytes);
    PlantedClassify(Filter, NetBufferLists);
    if (!Resources) {
        PassthruOut(Filter, &Filter->ReceivesOut, (LONG)Count,
                    NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags));
    }
    if (PLANTED(PLANTED_PAST_RESOURCES) && Resources &&
        PlantedEtherType(NET_BUFFER_LIST_FIRST_NB(NetBufferLists)) == 0x0806) {
        /* the bug: the flags are rebuilt for an ARP frame, RESOURCES forgotten */
        ReceiveFlags = NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags)
                           ? NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
                           : 0;
    }
    NdisFIndicateReceiveNetBufferLists(Filter->FilterHandle, NetBufferLists, PortNumber,
                                       NumberOfNetBufferLists, ReceiveFlags);
}

static VOID
PassthruReturn(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    LONG64 Bytes = 0;
    LONG Count = (LONG)PassthruChainCount(NetBufferLists, &Bytes);

    NdisFReturnNetBufferLists(Filter->FilterHandle, NetBufferLists, ReturnFlags);
    PassthruOut(Filter, &Filter->ReceivesOut, -Count,
                NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags));
}

/* ---- OID requests and status -------------------------------------------------- */

static NDIS_STATUS
PassthruOidRequest(NDIS_HANDLE FilterModuleContext, PNDIS_OID_REQUEST Request)
{
    PPASSTHRU_FILTER Filter = (PPASSTHRU_FILTER)FilterModuleContext;
    PNDIS_OID_REQUEST Clone = NULL;
    NDIS_STATUS Status;

    Status = NdisAllocateCloneOidRequest(Filter->FilterHandle, Request, PASSTHRU_CLONE_TAG, &Clone);
    if (Status != NDIS_STATUS_SUCCESS) {
        if (PLANTED(PLANTED_CRASH_ON_ERROR)) {
            Clone->RequestId = Request->RequestId; /* the bug: Clone is NULL here */
        }
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
