/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nblaccessors.h>: the NET_BUFFER_* / NET_BUFFER_LIST_* accessor
 * macros and the NBL flag helpers.
 *
 * Every field accessor is an lvalue (drivers assign through them and take
 * their address), evaluates its argument once and has no side effect; all of
 * them work at any IRQL. The WDK offers the field macros only under
 * NDIS_INCLUDE_LEGACY_NAMES; undis offers them always.
 */
#ifndef UNDIS_NDIS_NBLACCESSORS_H
#define UNDIS_NDIS_NBLACCESSORS_H

#include "nbl.h"

/* NET_BUFFER */
#define NET_BUFFER_NEXT_NB(_NB)               ((_NB)->Next)
#define NET_BUFFER_FIRST_MDL(_NB)             ((_NB)->MdlChain)
#define NET_BUFFER_DATA_LENGTH(_NB)           ((_NB)->DataLength)
#define NET_BUFFER_DATA_OFFSET(_NB)           ((_NB)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(_NB)           ((_NB)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(_NB)    ((_NB)->CurrentMdlOffset)
#define NET_BUFFER_PROTOCOL_RESERVED(_NB)     ((_NB)->ProtocolReserved)
#define NET_BUFFER_MINIPORT_RESERVED(_NB)     ((_NB)->MiniportReserved)
#define NET_BUFFER_CHECKSUM_BIAS(_NB)         ((_NB)->ChecksumBias)
#define NET_BUFFER_DATA_PHYSICAL_ADDRESS(_NB) ((_NB)->DataPhysicalAddress)
#define NET_BUFFER_FIRST_SHARED_MEM_INFO(_NB) ((_NB)->SharedMemoryInfo)
#define NET_BUFFER_SCATTER_GATHER_LIST(_NB)   ((_NB)->ScatterGatherList)

/* NET_BUFFER_SHARED_MEMORY */
#define NET_BUFFER_SHARED_MEM_NEXT_SEGMENT(_SHI) ((_SHI)->NextSharedMemorySegment)
#define NET_BUFFER_SHARED_MEM_FLAGS(_SHI)        ((_SHI)->SharedMemoryFlags)
#define NET_BUFFER_SHARED_MEM_HANDLE(_SHI)       ((_SHI)->SharedMemoryHandle)
#define NET_BUFFER_SHARED_MEM_OFFSET(_SHI)       ((_SHI)->SharedMemoryOffset)
#define NET_BUFFER_SHARED_MEM_LENGTH(_SHI)       ((_SHI)->SharedMemoryLength)

/* NET_BUFFER_LIST */
#define NET_BUFFER_LIST_NEXT_NBL(_NBL)          ((_NBL)->Next)
#define NET_BUFFER_LIST_FIRST_NB(_NBL)          ((_NBL)->FirstNetBuffer)
#define NET_BUFFER_LIST_FLAGS(_NBL)             ((_NBL)->Flags)
#define NET_BUFFER_LIST_NBL_FLAGS(_NBL)         ((_NBL)->NblFlags)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(_NBL) ((_NBL)->ProtocolReserved)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(_NBL) ((_NBL)->MiniportReserved)
#define NET_BUFFER_LIST_CONTEXT_DATA_START(_NBL) \
    ((PUCHAR)(((_NBL)->Context) + 1) + (_NBL)->Context->Offset)
#define NET_BUFFER_LIST_CONTEXT_DATA_SIZE(_NBL) (((_NBL)->Context)->Size)
#define NET_BUFFER_LIST_INFO(_NBL, _Id)         ((_NBL)->NetBufferListInfo[(_Id)])
#define NET_BUFFER_LIST_STATUS(_NBL)            ((_NBL)->Status)

#define NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(_NBL) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId))
#define NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(_NBL, _CancelId) \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId) = (_CancelId))

#define NDIS_GET_NET_BUFFER_LIST_VLAN_ID(_NBL)                                                     \
    (((PNDIS_NET_BUFFER_LIST_8021Q_INFO)&NET_BUFFER_LIST_INFO((_NBL), Ieee8021QNetBufferListInfo)) \
         ->TagHeader.VlanId)
#define NDIS_SET_NET_BUFFER_LIST_VLAN_ID(_NBL, _VlanId)                                            \
    (((PNDIS_NET_BUFFER_LIST_8021Q_INFO)&NET_BUFFER_LIST_INFO((_NBL), Ieee8021QNetBufferListInfo)) \
         ->TagHeader.VlanId = (_VlanId))

/* NET_BUFFER_LIST.Flags helpers */
#define NBL_TEST_FLAG(_NBL, _F)  (((_NBL)->Flags & (_F)) != 0)
#define NBL_SET_FLAG(_NBL, _F)   ((_NBL)->Flags |= (_F))
#define NBL_CLEAR_FLAG(_NBL, _F) ((_NBL)->Flags &= ~(ULONG)(_F))

#define NBL_SET_PROTOCOL_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags |= ((_F)&NBL_FLAGS_PROTOCOL_RESERVED))
#define NBL_CLEAR_PROTOCOL_RSVD_FLAG(_NBL, _F) \
    ((_NBL)->Flags &= ~(ULONG)((_F)&NBL_FLAGS_PROTOCOL_RESERVED))
#define NBL_TEST_PROTOCOL_RSVD_FLAG(_NBL, _F) \
    (((_NBL)->Flags & ((_F)&NBL_FLAGS_PROTOCOL_RESERVED)) != 0)
#define NBL_SET_PROT_RSVD_FLAG   NBL_SET_PROTOCOL_RSVD_FLAG
#define NBL_CLEAR_PROT_RSVD_FLAG NBL_CLEAR_PROTOCOL_RSVD_FLAG
#define NBL_TEST_PROT_RSVD_FLAG  NBL_TEST_PROTOCOL_RSVD_FLAG
#define NBL_PROT_RSVD_FLAGS      NBL_FLAGS_PROTOCOL_RESERVED

/* NET_BUFFER_LIST.NblFlags helpers: Test is true when any bit of _F is set,
 * Tests (plural) only when all of them are. */
#define NdisTestNblFlag(_NBL, _F)  (((_NBL)->NblFlags & (_F)) != 0)
#define NdisTestNblFlags(_NBL, _F) (((_NBL)->NblFlags & (_F)) == (_F))
#define NdisSetNblFlag(_NBL, _F)   ((_NBL)->NblFlags |= (_F))
#define NdisClearNblFlag(_NBL, _F) ((_NBL)->NblFlags &= ~(ULONG)(_F))

#endif /* UNDIS_NDIS_NBLACCESSORS_H */
