/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nbltimestamp.h>: NBL timestamps (NDIS 6.82 and later; issue 12,
 * helper compat-b): NET_BUFFER_LIST_TIMESTAMP and the accessors that store a
 * hardware or software timestamp in an NBL's NetBufferListInfo array and
 * read it back. The WDK defines them in its header; so does undis: the
 * 64-bit value takes the NetBufferListInfoReserved3 slot on 64-bit targets
 * and the NetBufferListInfoReserved3/Reserved4 pair (low, high half) on
 * 32-bit ones, the slots the 6.80 layout sets aside for it.
 */
#ifndef UNDIS_NDIS_NBLTIMESTAMP_H
#define UNDIS_NDIS_NBLTIMESTAMP_H

#include "compiler.h"
#include "types.h"
#include "nbl.h"

UNDIS_EXTERN_C_BEGIN

#if NDIS_SUPPORT_NDIS682

typedef struct _NET_BUFFER_LIST_TIMESTAMP {
    ULONG64 Timestamp;
} NET_BUFFER_LIST_TIMESTAMP, *PNET_BUFFER_LIST_TIMESTAMP;

/* Stores *NblTimestamp in Nbl. Pre: both valid. IRQL: any. */
UNDIS_INLINE void
NdisSetNblTimestampInfo(_Inout_ NET_BUFFER_LIST *Nbl,
                        _In_ NET_BUFFER_LIST_TIMESTAMP const *NblTimestamp)
{
#    if UNDIS_PTR64
    Nbl->NetBufferListInfo[NetBufferListInfoReserved3] = (PVOID)(ULONG_PTR)NblTimestamp->Timestamp;
#    else
    Nbl->NetBufferListInfo[NetBufferListInfoReserved3] =
        (PVOID)(ULONG_PTR)(ULONG)(NblTimestamp->Timestamp & 0xffffffffu);
    Nbl->NetBufferListInfo[NetBufferListInfoReserved4] =
        (PVOID)(ULONG_PTR)(ULONG)(NblTimestamp->Timestamp >> 32);
#    endif
}

/* Reads the timestamp stored in Nbl (0 when none was). IRQL: any. */
UNDIS_INLINE void
NdisGetNblTimestampInfo(_In_ NET_BUFFER_LIST const *Nbl,
                        _Out_ NET_BUFFER_LIST_TIMESTAMP *NblTimestamp)
{
#    if UNDIS_PTR64
    NblTimestamp->Timestamp =
        (ULONG64)(ULONG_PTR)Nbl->NetBufferListInfo[NetBufferListInfoReserved3];
#    else
    NblTimestamp->Timestamp =
        (ULONG64)(ULONG_PTR)Nbl->NetBufferListInfo[NetBufferListInfoReserved3] |
        ((ULONG64)(ULONG_PTR)Nbl->NetBufferListInfo[NetBufferListInfoReserved4] << 32);
#    endif
}

/* Copies the timestamp of Source into Destination. IRQL: any. */
UNDIS_INLINE void
NdisCopyNblTimestampInfo(_Inout_ NET_BUFFER_LIST *Destination, _In_ NET_BUFFER_LIST const *Source)
{
    NET_BUFFER_LIST_TIMESTAMP t;
    NdisGetNblTimestampInfo(Source, &t);
    NdisSetNblTimestampInfo(Destination, &t);
}

#endif /* NDIS_SUPPORT_NDIS682 */

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NBLTIMESTAMP_H */
