/* SPDX-License-Identifier: MIT */
/*
 * stage_util.h: helpers the built-in stages share, written as driver code
 * against <ndis.h> only.
 */
#ifndef UNDIS_EXAMPLES_STAGE_UTIL_H
#define UNDIS_EXAMPLES_STAGE_UTIL_H

#include "undis_stage.h"

#define STAGE_ETH_HEADER_LENGTH 14
#define STAGE_ETH_ADDRESSES     12
#define STAGE_VLAN_TAG_LENGTH   4
#define STAGE_ETH_TYPE_IPV4     0x0800
#define STAGE_ETH_TYPE_ARP      0x0806
#define STAGE_ETH_TYPE_8021Q    0x8100
#define STAGE_ETH_TYPE_IPV6     0x86DD

#define STAGE_GET_BE16(_p) ((USHORT)(((ULONG)(_p)[0] << 8) | (ULONG)(_p)[1]))
#define STAGE_PUT_BE16(_p, _v)                        \
    do {                                              \
        (_p)[0] = (UCHAR)(((ULONG)(_v) >> 8) & 0xFF); \
        (_p)[1] = (UCHAR)((ULONG)(_v)&0xFF);          \
    } while (0)

/*
 * What a stage remembers about one retreat so that it can undo it exactly:
 * the MDL the retreat allocated (NULL on the fast path) and whether the
 * chain's first MDL held data before the retreat.
 */
typedef struct _STAGE_RETREAT_RECORD {
    PMDL AllocatedMdl;
    ULONG HeadHeldData;
    ULONG Reserved;
} STAGE_RETREAT_RECORD, *PSTAGE_RETREAT_RECORD;

/*
 * StageRetreat - NdisRetreatNetBufferDataStart, noting in Record whether it
 * allocated. Counts fast and slow retreats in the two counters given.
 */
NDIS_STATUS StageRetreat(_In_ PNET_BUFFER Nb,
                         _In_ ULONG Delta,
                         _In_ ULONG BackFill,
                         _In_opt_ NET_BUFFER_ALLOCATE_MDL *AllocateMdl,
                         _Out_ PSTAGE_RETREAT_RECORD Record,
                         _Inout_ ULONG64 *FastCount,
                         _Inout_ ULONG64 *SlowCount);

/*
 * StageUndoRetreat - give back Delta bytes a StageRetreat took, freeing
 * only the MDL that retreat allocated, with FreeMdl (NULL: NDIS's default).
 *
 * Why not always NdisAdvanceNetBufferDataStart(FreeMdl TRUE)? Because NDIS
 * frees every leading MDL that lies wholly in the unused space, whoever
 * allocated it: after a fast-path retreat that would free MDLs of the
 * NET_BUFFER's owner (a zero-length MDL, or one wholly in the backfill), and
 * after a slow one the owner's first MDL too if it held no data. So: no
 * allocation, FreeMdl FALSE; the usual slow case, FreeMdl TRUE; the rare
 * slow case, FreeMdl FALSE and the stage unlinks its own MDL.
 */
VOID StageUndoRetreat(_In_ PNET_BUFFER Nb,
                      _In_ ULONG Delta,
                      _In_opt_ NET_BUFFER_FREE_MDL *FreeMdl,
                      _In_ PSTAGE_RETREAT_RECORD Record);

/* Copy Length bytes at Offset from the start of the data out of / into the
 * NET_BUFFER, whatever the MDL geometry. FALSE when the data is too short
 * or an MDL cannot be mapped. */
BOOLEAN StageCopyFromNetBuffer(_In_ PNET_BUFFER Nb,
                               _In_ ULONG Offset,
                               _In_ ULONG Length,
                               _Out_writes_bytes_(Length) PUCHAR Buffer);
BOOLEAN StageCopyToNetBuffer(_In_ PNET_BUFFER Nb,
                             _In_ ULONG Offset,
                             _In_ ULONG Length,
                             _In_reads_bytes_(Length) const UCHAR *Buffer);

/* Count the NET_BUFFERs of an NBL. */
ULONG StageCountNetBuffers(_In_ PNET_BUFFER_LIST Nbl);

/*
 * StageAllocateContext - NdisAllocateNetBufferListContext for Count entries
 * of EntrySize bytes (rounded up to MEMORY_ALLOCATION_ALIGNMENT); returns
 * the zeroed area or NULL (NDIS_STATUS_RESOURCES), and the size to give
 * back to NdisFreeNetBufferListContext in *ContextSize.
 */
PVOID StageAllocateContext(_In_ PNET_BUFFER_LIST Nbl,
                           _In_ ULONG EntrySize,
                           _In_ ULONG Count,
                           _In_ ULONG PoolTag,
                           _Out_ USHORT *ContextSize);

/* The one's complement sum of Length bytes, folded (for IPv4 checksums). */
USHORT StageIpChecksum(_In_reads_bytes_(Length) const UCHAR *Header, _In_ ULONG Length);

/* Write Text into Error (truncated, NUL-terminated). */
VOID StageSetError(_Out_writes_(ErrorLength) PCHAR Error, _In_ ULONG ErrorLength, _In_ PCSTR Text);

/* Parse a decimal number in [0, Max] from *Cursor up to ':' ',' or the end;
 * advances *Cursor past it. FALSE when there is none or it is too big. */
BOOLEAN StageParseUlong(_Inout_ PCSTR *Cursor, _In_ ULONG Max, _Out_ ULONG *Value);

/* Moves the TCP header offset of an NBL's large-send info (LSO V1 or V2,
 * when it has one) by Delta bytes: what a filter that inserts (Delta > 0) or
 * removes (Delta < 0) header bytes in front of the TCP header must do so the
 * miniport still finds it. Any IRQL. */
VOID StageShiftLargeSend(_In_ PNET_BUFFER_LIST Nbl, _In_ LONG Delta);

/* A stage's per-NBL send step: NDIS_STATUS_SUCCESS to pass the NBL on. */
typedef NDIS_STATUS STAGE_SEND_ONE(_In_ PVOID Stage, _In_ PNET_BUFFER_LIST Nbl);

/* The usual FilterSendNetBufferLists loop: SendOne on each NBL, then the
 * NBLs it accepted go down (Host->SendNetBufferLists) and the others are
 * completed at once with their status (Host->SendNetBufferListsComplete). */
VOID StageSendEach(_In_ const UNDIS_STAGE_HOST *Host,
                   _In_ PVOID Stage,
                   _In_ PNET_BUFFER_LIST NetBufferLists,
                   _In_ STAGE_SEND_ONE *SendOne);

/* Append NBL to a list kept as head and tail. */
VOID StageAppend(_Inout_ PNET_BUFFER_LIST *Head,
                 _Inout_ PNET_BUFFER_LIST *Tail,
                 _In_ PNET_BUFFER_LIST Nbl);

/* The built-in stages (one file each). */
extern const UNDIS_STAGE_CHARACTERISTICS VlanTagStage;
extern const UNDIS_STAGE_CHARACTERISTICS VlanUntagStage;
extern const UNDIS_STAGE_CHARACTERISTICS VxlanEncapStage;
extern const UNDIS_STAGE_CHARACTERISTICS VxlanDecapStage;
extern const UNDIS_STAGE_CHARACTERISTICS MirrorStage;
extern const UNDIS_STAGE_RECEIVE_CHARACTERISTICS CountReceiveStage; /* both directions */

#endif /* UNDIS_EXAMPLES_STAGE_UTIL_H */
