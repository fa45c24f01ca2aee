/* SPDX-License-Identifier: MIT */
/*
 * stage_util.c: helpers shared by the built-in stages (see stage_util.h).
 * Driver code: <ndis.h> names only, plus memcpy/memset.
 */
#include "stage_util.h"

#include <string.h>

_Use_decl_annotations_ NDIS_STATUS
StageRetreat(PNET_BUFFER Nb,
             ULONG Delta,
             ULONG BackFill,
             NET_BUFFER_ALLOCATE_MDL *AllocateMdl,
             PSTAGE_RETREAT_RECORD Record,
             ULONG64 *FastCount,
             ULONG64 *SlowCount)
{
    PMDL OldHead = NET_BUFFER_FIRST_MDL(Nb);
    NDIS_STATUS Status;

    Record->AllocatedMdl = NULL;
    Record->HeadHeldData =
        OldHead != NULL && MmGetMdlByteCount(OldHead) > NET_BUFFER_DATA_OFFSET(Nb);
    Record->Reserved = 0;
    Status = NdisRetreatNetBufferDataStart(Nb, Delta, BackFill, AllocateMdl);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    if (NET_BUFFER_FIRST_MDL(Nb) != OldHead) {
        Record->AllocatedMdl = NET_BUFFER_FIRST_MDL(Nb);
        (*SlowCount)++;
    } else {
        (*FastCount)++;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_ VOID
StageUndoRetreat(PNET_BUFFER Nb,
                 ULONG Delta,
                 NET_BUFFER_FREE_MDL *FreeMdl,
                 PSTAGE_RETREAT_RECORD Record)
{
    PMDL Mine = Record->AllocatedMdl;

    if (Mine == NULL) {
        NdisAdvanceNetBufferDataStart(Nb, Delta, FALSE, NULL);
    } else if (Record->HeadHeldData) {
        NdisAdvanceNetBufferDataStart(Nb, Delta, TRUE, FreeMdl);
    } else {
        NdisAdvanceNetBufferDataStart(Nb, Delta, FALSE, NULL);
        NET_BUFFER_FIRST_MDL(Nb) = NDIS_MDL_LINKAGE(Mine);
        NET_BUFFER_DATA_OFFSET(Nb) -= MmGetMdlByteCount(Mine);
        NDIS_MDL_LINKAGE(Mine) = NULL;
        NdisAdjustNetBufferCurrentMdl(Nb);
        if (FreeMdl != NULL) {
            FreeMdl(Mine);
        } else {
            /* NDIS's default free, reached through an advance over an MDL
             * that is alone and wholly unused. */
            NET_BUFFER Scratch;
            memset(&Scratch, 0, sizeof(Scratch));
            NET_BUFFER_FIRST_MDL(&Scratch) = Mine;
            NET_BUFFER_DATA_OFFSET(&Scratch) = MmGetMdlByteCount(Mine);
            NdisAdvanceNetBufferDataStart(&Scratch, 0, TRUE, NULL);
        }
    }
    Record->AllocatedMdl = NULL;
}

/* Walks Offset bytes past the data start from CurrentMdl; the MDL and the
 * offset in it of that byte, or NULL. */
static PMDL
StageLocate(PNET_BUFFER Nb, ULONG Offset, ULONG *MdlOffset)
{
    PMDL Mdl = NET_BUFFER_CURRENT_MDL(Nb);
    ULONG Position = NET_BUFFER_CURRENT_MDL_OFFSET(Nb) + Offset;

    while (Mdl != NULL && Position >= MmGetMdlByteCount(Mdl)) {
        Position -= MmGetMdlByteCount(Mdl);
        Mdl = NDIS_MDL_LINKAGE(Mdl);
    }
    *MdlOffset = Position;
    return Mdl;
}

static BOOLEAN
StageCopy(PNET_BUFFER Nb, ULONG Offset, ULONG Length, PUCHAR Out, const UCHAR *In)
{
    ULONG MdlOffset;
    PMDL Mdl;

    if (Offset > NET_BUFFER_DATA_LENGTH(Nb) || Length > NET_BUFFER_DATA_LENGTH(Nb) - Offset) {
        return FALSE;
    }
    Mdl = StageLocate(Nb, Offset, &MdlOffset);
    while (Length != 0) {
        PUCHAR Va;
        ULONG Chunk;

        if (Mdl == NULL) {
            return FALSE;
        }
        Va = (PUCHAR)MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority | MdlMappingNoExecute);
        if (Va == NULL) {
            return FALSE;
        }
        Chunk = MmGetMdlByteCount(Mdl) - MdlOffset;
        Chunk = Chunk < Length ? Chunk : Length;
        if (Out != NULL) {
            memcpy(Out, Va + MdlOffset, Chunk);
            Out += Chunk;
        } else {
            memcpy(Va + MdlOffset, In, Chunk);
            In += Chunk;
        }
        Length -= Chunk;
        MdlOffset = 0;
        Mdl = NDIS_MDL_LINKAGE(Mdl);
    }
    return TRUE;
}

_Use_decl_annotations_ BOOLEAN
StageCopyFromNetBuffer(PNET_BUFFER Nb, ULONG Offset, ULONG Length, PUCHAR Buffer)
{
    return StageCopy(Nb, Offset, Length, Buffer, NULL);
}

_Use_decl_annotations_ BOOLEAN
StageCopyToNetBuffer(PNET_BUFFER Nb, ULONG Offset, ULONG Length, const UCHAR *Buffer)
{
    return StageCopy(Nb, Offset, Length, NULL, Buffer);
}

_Use_decl_annotations_ ULONG
StageCountNetBuffers(PNET_BUFFER_LIST Nbl)
{
    ULONG Count = 0;
    PNET_BUFFER Nb;

    for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
        Count++;
    }
    return Count;
}

_Use_decl_annotations_ PVOID
StageAllocateContext(
    PNET_BUFFER_LIST Nbl, ULONG EntrySize, ULONG Count, ULONG PoolTag, USHORT *ContextSize)
{
    ULONG Entry =
        (EntrySize + MEMORY_ALLOCATION_ALIGNMENT - 1) & ~(ULONG)(MEMORY_ALLOCATION_ALIGNMENT - 1);
    ULONG64 Size = (ULONG64)Entry * Count;
    PUCHAR Area;

    *ContextSize = 0;
    if (Size == 0 || Size > 0x8000) {
        return NULL;
    }
    if (NdisAllocateNetBufferListContext(Nbl, (USHORT)Size, 0, PoolTag) != NDIS_STATUS_SUCCESS) {
        return NULL;
    }
    *ContextSize = (USHORT)Size;
    Area = NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
    memset(Area, 0, (size_t)Size);
    return Area;
}

_Use_decl_annotations_ USHORT
StageIpChecksum(const UCHAR *Header, ULONG Length)
{
    ULONG Sum = 0;
    ULONG Index;

    for (Index = 0; Index + 1 < Length; Index += 2) {
        Sum += STAGE_GET_BE16(Header + Index);
    }
    if ((Length & 1) != 0) {
        Sum += (ULONG)Header[Length - 1] << 8;
    }
    while ((Sum >> 16) != 0) {
        Sum = (Sum & 0xFFFF) + (Sum >> 16);
    }
    return (USHORT)~Sum;
}

_Use_decl_annotations_ VOID
StageSetError(PCHAR Error, ULONG ErrorLength, PCSTR Text)
{
    ULONG Index = 0;

    if (ErrorLength == 0) {
        return;
    }
    while (Text[Index] != '\0' && Index + 1 < ErrorLength) {
        Error[Index] = Text[Index];
        Index++;
    }
    Error[Index] = '\0';
}

_Use_decl_annotations_ BOOLEAN
StageParseUlong(PCSTR *Cursor, ULONG Max, ULONG *Value)
{
    PCSTR Text = *Cursor;
    ULONG64 Number = 0;
    ULONG Digits = 0;

    while (*Text >= '0' && *Text <= '9') {
        Number = Number * 10 + (ULONG)(*Text - '0');
        if (Number > Max) {
            return FALSE;
        }
        Text++;
        Digits++;
    }
    if (Digits == 0 || (*Text != '\0' && *Text != ':' && *Text != ',')) {
        return FALSE;
    }
    *Value = (ULONG)Number;
    *Cursor = Text;
    return TRUE;
}

_Use_decl_annotations_ VOID
StageAppend(PNET_BUFFER_LIST *Head, PNET_BUFFER_LIST *Tail, PNET_BUFFER_LIST Nbl)
{
    NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
    if (*Head == NULL) {
        *Head = Nbl;
    } else {
        NET_BUFFER_LIST_NEXT_NBL(*Tail) = Nbl;
    }
    *Tail = Nbl;
}

VOID
StageSendEach(const UNDIS_STAGE_HOST *Host,
              PVOID Stage,
              PNET_BUFFER_LIST NetBufferLists,
              STAGE_SEND_ONE *SendOne)
{
    PNET_BUFFER_LIST SendHead = NULL, SendTail = NULL, FailHead = NULL, FailTail = NULL;
    PNET_BUFFER_LIST Nbl = NetBufferLists;

    while (Nbl != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NDIS_STATUS Status = SendOne(Stage, Nbl);
        if (Status == NDIS_STATUS_SUCCESS) {
            StageAppend(&SendHead, &SendTail, Nbl);
        } else {
            NET_BUFFER_LIST_STATUS(Nbl) = Status;
            StageAppend(&FailHead, &FailTail, Nbl);
        }
        Nbl = Next;
    }
    if (SendHead != NULL) {
        Host->SendNetBufferLists(Host->HostHandle, SendHead);
    }
    if (FailHead != NULL) {
        Host->SendNetBufferListsComplete(Host->HostHandle, FailHead);
    }
}

VOID
StageShiftLargeSend(PNET_BUFFER_LIST Nbl, LONG Delta)
{
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO Lso;
    LONG Offset;

    Lso.Value = NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo);
    if (Lso.Value == NULL) {
        return;
    }
    /* TcpHeaderOffset has the same place in the V1 and V2 layouts. */
    Offset = (LONG)Lso.LsoV2Transmit.TcpHeaderOffset + Delta;
    if (Offset < 0 || Offset > 0x3FF) {
        return;
    }
    Lso.LsoV2Transmit.TcpHeaderOffset = (ULONG)Offset & 0x3FFu;
    NET_BUFFER_LIST_INFO(Nbl, TcpLargeSendNetBufferListInfo) = Lso.Value;
}
