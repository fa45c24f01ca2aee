/* SPDX-License-Identifier: MIT */
/*
 * mirror.c: the mirror stage, a filter that sends a copy of every Nth NBL
 * (mirror[:N], default every one) on after the original, as a port mirror
 * does, without copying the data: NdisAllocateCloneNetBufferList from the
 * filter's own NBL and NB pools.
 *
 * The clone shares the original's bytes, and stages below may rewrite
 * headers in place (vlan-tag does). So the clone is kept in the original's
 * NBL context and sent on only when the original has come back (by then
 * every stage below has undone its changes); the original is completed up
 * once its clone has come back and been freed with
 * NdisFreeCloneNetBufferList. ParentNetBufferList and ChildRefCount are kept
 * as NDIS asks. If a clone cannot be had, the original goes on alone.
 * Driver code: <ndis.h> names only.
 */
#include "stage_util.h"

#include <string.h>

#define MIRROR_POOL_TAG 0x7272694D /* 'Mirr' */

typedef struct _MIRROR_STAGE {
    const UNDIS_STAGE_HOST *Host;
    NDIS_HANDLE NblPool;
    NDIS_HANDLE NbPool;
    ULONG Every;
    ULONG64 Seen;
    ULONG64 ClonesAllocated;
    ULONG64 ClonesFreed;
    ULONG64 CloneFailed;
    ULONG64 ContextFailed;
} MIRROR_STAGE, *PMIRROR_STAGE;

typedef struct _MIRROR_CONTEXT {
    PNET_BUFFER_LIST Clone;
} MIRROR_CONTEXT, *PMIRROR_CONTEXT;

#define MIRROR_CONTEXT_SIZE                                       \
    ((sizeof(MIRROR_CONTEXT) + MEMORY_ALLOCATION_ALIGNMENT - 1) & \
     ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1))

static NDIS_STATUS
MirrorAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    NET_BUFFER_LIST_POOL_PARAMETERS NblParameters;
    NET_BUFFER_POOL_PARAMETERS NbParameters;
    PNDIS_GENERIC_OBJECT Object;
    PMIRROR_STAGE Stage;
    ULONG Every = 1;
    PCSTR Cursor = Args;

    if (Cursor != NULL &&
        (!StageParseUlong(&Cursor, 1000000, &Every) || *Cursor != '\0' || Every == 0)) {
        StageSetError(Error, ErrorLength,
                      "mirror argument is N (mirror every Nth packet), 1 to 1000000");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    Object = NdisAllocateGenericObject(NULL, MIRROR_POOL_TAG, sizeof(MIRROR_STAGE));
    if (Object == NULL) {
        StageSetError(Error, ErrorLength, "out of memory");
        return NDIS_STATUS_RESOURCES;
    }
    Stage = (PMIRROR_STAGE)(Object + 1);
    Stage->Host = Host;
    Stage->Every = Every;

    memset(&NblParameters, 0, sizeof(NblParameters));
    NblParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    NblParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    NblParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    NblParameters.fAllocateNetBuffer = FALSE;
    NblParameters.PoolTag = MIRROR_POOL_TAG;
    Stage->NblPool = NdisAllocateNetBufferListPool(NULL, &NblParameters);

    memset(&NbParameters, 0, sizeof(NbParameters));
    NbParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    NbParameters.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    NbParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    NbParameters.PoolTag = MIRROR_POOL_TAG;
    Stage->NbPool = NdisAllocateNetBufferPool(NULL, &NbParameters);

    if (Stage->NblPool == NULL || Stage->NbPool == NULL) {
        NdisFreeNetBufferListPool(Stage->NblPool);
        NdisFreeNetBufferPool(Stage->NbPool);
        NdisFreeGenericObject(Object);
        StageSetError(Error, ErrorLength, "could not allocate the mirror's pools");
        return NDIS_STATUS_RESOURCES;
    }
    *StageContext = Stage;
    return NDIS_STATUS_SUCCESS;
}

static VOID
MirrorDetach(PVOID StageContext)
{
    PMIRROR_STAGE Stage = (PMIRROR_STAGE)StageContext;

    NdisFreeNetBufferListPool(Stage->NblPool);
    NdisFreeNetBufferPool(Stage->NbPool);
    NdisFreeGenericObject((PNDIS_GENERIC_OBJECT)Stage - 1);
}

/* Reserve the context and, for every Nth NBL, make the clone kept in it.
 * FALSE when the context cannot be had: the NBL is then completed with
 * NDIS_STATUS_RESOURCES. A clone that cannot be had only means no copy. */
static BOOLEAN
MirrorPrepare(PMIRROR_STAGE Stage, PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER_LIST Clone;
    PMIRROR_CONTEXT Context;

    if (NdisAllocateNetBufferListContext(Nbl, (USHORT)MIRROR_CONTEXT_SIZE, 0, MIRROR_POOL_TAG) !=
        NDIS_STATUS_SUCCESS) {
        Stage->ContextFailed++;
        return FALSE;
    }
    Context = (PMIRROR_CONTEXT)NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
    Context->Clone = NULL;
    if ((Stage->Seen++ % Stage->Every) != 0) {
        return TRUE;
    }
    Clone = NdisAllocateCloneNetBufferList(Nbl, Stage->NblPool, Stage->NbPool, 0);
    if (Clone == NULL) {
        Stage->CloneFailed++;
        return TRUE;
    }
    NdisCopySendNetBufferListInfo(Clone, Nbl);
    Clone->ParentNetBufferList = Nbl;
    Nbl->ChildRefCount++;
    Context->Clone = Clone;
    Stage->ClonesAllocated++;
    return TRUE;
}

static VOID
MirrorSendNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PMIRROR_STAGE Stage = (PMIRROR_STAGE)StageContext;
    PNET_BUFFER_LIST SendHead = NULL, SendTail = NULL, FailHead = NULL, FailTail = NULL;
    PNET_BUFFER_LIST Nbl = NetBufferLists;

    while (Nbl != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (MirrorPrepare(Stage, Nbl)) {
            StageAppend(&SendHead, &SendTail, Nbl);
        } else {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_RESOURCES;
            StageAppend(&FailHead, &FailTail, Nbl);
        }
        Nbl = Next;
    }
    if (SendHead != NULL) {
        Stage->Host->SendNetBufferLists(Stage->Host->HostHandle, SendHead);
    }
    if (FailHead != NULL) {
        Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, FailHead);
    }
}

static BOOLEAN
MirrorIsOurClone(PMIRROR_STAGE Stage, PNET_BUFFER_LIST Nbl)
{
    return NdisGetPoolFromNetBufferList(Nbl) == Stage->NblPool;
}

/* Clones come back to be freed; an original with a clone sends it on and
 * waits for it; the rest go up. */
static VOID
MirrorSendNetBufferListsComplete(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PMIRROR_STAGE Stage = (PMIRROR_STAGE)StageContext;
    PNET_BUFFER_LIST UpHead = NULL, UpTail = NULL, DownHead = NULL, DownTail = NULL;
    PNET_BUFFER_LIST Nbl = NetBufferLists;

    while (Nbl != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (MirrorIsOurClone(Stage, Nbl)) {
            PNET_BUFFER_LIST Parent = Nbl->ParentNetBufferList;
            NdisFreeCloneNetBufferList(Nbl, 0);
            Stage->ClonesFreed++;
            if (--Parent->ChildRefCount == 0) {
                StageAppend(&UpHead, &UpTail, Parent);
            }
        } else {
            PMIRROR_CONTEXT Context = (PMIRROR_CONTEXT)NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
            PNET_BUFFER_LIST Clone = Context->Clone;
            NdisFreeNetBufferListContext(Nbl, (USHORT)MIRROR_CONTEXT_SIZE);
            if (Clone == NULL) {
                StageAppend(&UpHead, &UpTail, Nbl);
            } else {
                StageAppend(&DownHead, &DownTail, Clone); /* the original waits for it */
            }
        }
        Nbl = Next;
    }
    if (DownHead != NULL) {
        Stage->Host->SendNetBufferLists(Stage->Host->HostHandle, DownHead);
    }
    if (UpHead != NULL) {
        Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, UpHead);
    }
}

static VOID
MirrorQueryCounters(PVOID StageContext, UNDIS_STAGE_COUNTER *Counter, PVOID ReportContext)
{
    PMIRROR_STAGE Stage = (PMIRROR_STAGE)StageContext;

    Counter(ReportContext, "clone-allocated", Stage->ClonesAllocated);
    Counter(ReportContext, "clone-freed", Stage->ClonesFreed);
    Counter(ReportContext, "clone-failed", Stage->CloneFailed);
    Counter(ReportContext, "context-failed", Stage->ContextFailed);
}

const UNDIS_STAGE_CHARACTERISTICS MirrorStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "mirror",
    "mirror[:N]",
    "send a clone (NdisAllocateCloneNetBufferList) of every Nth packet on after the original",
    MirrorAttach,
    MirrorDetach,
    MirrorSendNetBufferLists,
    MirrorSendNetBufferListsComplete,
    MirrorQueryCounters,
};
