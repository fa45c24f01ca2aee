/* SPDX-License-Identifier: MIT */
/*
 * ipv4_ttl.c: a stage of your own, loaded by `undis run --stage ./file.so`.
 *
 * ipv4-ttl[:N] lowers the TTL of every IPv4 packet (through one 802.1Q tag)
 * by N (default 1, never below 1), updating the header checksum
 * incrementally (RFC 1624), as a router's forwarding path does; completion
 * puts the old TTL and checksum back. Other frames pass unchanged. It is
 * written against <ndis.h> and the stage interface only, and exports
 * UndisStageEntry.
 *
 * Build (from the repository root, after building undis):
 *
 *   cc -std=c11 -shared -fPIC -Iinclude -Iexamples/stages \
 *      examples/stages/loadable/ipv4_ttl.c -o ipv4_ttl.so
 *
 * The NDIS routines it calls resolve to the undis that loads it, so the
 * object is not linked with libundis itself. Then:
 *
 *   ./build/dev/undis run --in data/sample.pcap --stage ./ipv4_ttl.so:5 --out ttl.pcap
 */
#include "undis_stage.h"

#include <string.h>

#define TTL_POOL_TAG 0x4C545449 /* 'ITTL' */
#define TTL_PEEK     (14 + 4 + 20)

typedef struct _TTL_STAGE {
    const UNDIS_STAGE_HOST *Host;
    ULONG Decrement;
    ULONG64 Rewritten;
    ULONG64 Passed;
} TTL_STAGE, *PTTL_STAGE;

/* Per NET_BUFFER: where the IPv4 header starts and the old TTL and checksum. */
typedef struct _TTL_NB_CONTEXT {
    ULONG IpOffset; /* 0: not rewritten */
    UCHAR OldTtl;
    UCHAR OldChecksum[2];
    UCHAR Reserved;
} TTL_NB_CONTEXT, *PTTL_NB_CONTEXT;

#define TTL_ENTRY                                                 \
    ((sizeof(TTL_NB_CONTEXT) + MEMORY_ALLOCATION_ALIGNMENT - 1) & \
     ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1))

/* Writes Length bytes at Offset into the NB's data, across MDLs. */
static BOOLEAN
TtlWrite(PNET_BUFFER Nb, ULONG Offset, const UCHAR *Bytes, ULONG Length)
{
    PMDL Mdl = NET_BUFFER_CURRENT_MDL(Nb);
    ULONG Position = NET_BUFFER_CURRENT_MDL_OFFSET(Nb) + Offset;

    while (Length != 0) {
        PUCHAR Va;
        while (Mdl != NULL && Position >= MmGetMdlByteCount(Mdl)) {
            Position -= MmGetMdlByteCount(Mdl);
            Mdl = NDIS_MDL_LINKAGE(Mdl);
        }
        if (Mdl == NULL) {
            return FALSE;
        }
        Va = (PUCHAR)MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority | MdlMappingNoExecute);
        if (Va == NULL) {
            return FALSE;
        }
        Va[Position++] = *Bytes++;
        Length--;
    }
    return TRUE;
}

/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), on 16-bit words. */
static USHORT
TtlChecksumUpdate(USHORT Checksum, USHORT OldWord, USHORT NewWord)
{
    ULONG Sum = (USHORT)~Checksum + (ULONG)(USHORT)~OldWord + NewWord;
    Sum = (Sum & 0xFFFF) + (Sum >> 16);
    Sum = (Sum & 0xFFFF) + (Sum >> 16);
    return (USHORT)~Sum;
}

static VOID
TtlRewrite(PTTL_STAGE Stage, PNET_BUFFER Nb, PTTL_NB_CONTEXT Context)
{
    UCHAR Storage[TTL_PEEK];
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);
    PUCHAR Frame;
    ULONG Ip = 14;
    UCHAR Ttl;
    USHORT Checksum;
    UCHAR Bytes[3];

    Frame = Length >= TTL_PEEK ? (PUCHAR)NdisGetDataBuffer(Nb, TTL_PEEK, Storage, 1, 0) : NULL;
    if (Frame == NULL) {
        Stage->Passed++;
        return;
    }
    if (Frame[12] == 0x81 && Frame[13] == 0x00) {
        Ip += 4;
    }
    if (Frame[Ip - 2] != 0x08 || Frame[Ip - 1] != 0x00 || (Frame[Ip] >> 4) != 4 ||
        Frame[Ip + 8] <= 1) {
        Stage->Passed++;
        return;
    }
    Context->IpOffset = Ip;
    Context->OldTtl = Frame[Ip + 8];
    Context->OldChecksum[0] = Frame[Ip + 10];
    Context->OldChecksum[1] = Frame[Ip + 11];
    Ttl = (UCHAR)(Context->OldTtl > Stage->Decrement ? Context->OldTtl - Stage->Decrement : 1);
    Checksum = (USHORT)((Frame[Ip + 10] << 8) | Frame[Ip + 11]);
    Checksum = TtlChecksumUpdate(Checksum, (USHORT)((Context->OldTtl << 8) | Frame[Ip + 9]),
                                 (USHORT)((Ttl << 8) | Frame[Ip + 9]));
    Bytes[0] = Ttl;
    Bytes[1] = Frame[Ip + 9];
    Bytes[2] = 0;
    (VOID) TtlWrite(Nb, Ip + 8, Bytes, 1);
    Bytes[0] = (UCHAR)(Checksum >> 8);
    Bytes[1] = (UCHAR)Checksum;
    (VOID) TtlWrite(Nb, Ip + 10, Bytes, 2);
    Stage->Rewritten++;
}

static NDIS_STATUS
TtlAttach(
    const UNDIS_STAGE_HOST *Host, PCSTR Args, PVOID *StageContext, PCHAR Error, ULONG ErrorLength)
{
    PNDIS_GENERIC_OBJECT Object;
    PTTL_STAGE Stage;
    ULONG Decrement = 1;

    if (Args != NULL) {
        PCSTR Cursor = Args;
        Decrement = 0;
        while (*Cursor >= '0' && *Cursor <= '9' && Decrement < 1000) {
            Decrement = Decrement * 10 + (ULONG)(*Cursor++ - '0');
        }
        if (Cursor == Args || *Cursor != '\0' || Decrement == 0 || Decrement > 254) {
            const char Message[] = "ipv4-ttl argument is N, 1 to 254";
            ULONG Index;
            for (Index = 0; Index + 1 < ErrorLength && Index < sizeof(Message); Index++) {
                Error[Index] = Message[Index];
            }
            if (ErrorLength != 0) {
                Error[Index < ErrorLength ? Index : ErrorLength - 1] = '\0';
            }
            return NDIS_STATUS_INVALID_PARAMETER;
        }
    }
    Object = NdisAllocateGenericObject(NULL, TTL_POOL_TAG, sizeof(TTL_STAGE));
    if (Object == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Stage = (PTTL_STAGE)(Object + 1);
    Stage->Host = Host;
    Stage->Decrement = Decrement;
    *StageContext = Stage;
    return NDIS_STATUS_SUCCESS;
}

static VOID
TtlDetach(PVOID StageContext)
{
    NdisFreeGenericObject((PNDIS_GENERIC_OBJECT)StageContext - 1);
}

static VOID
TtlSendNetBufferLists(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PTTL_STAGE Stage = (PTTL_STAGE)StageContext;
    PNET_BUFFER_LIST SendHead = NULL, SendTail = NULL, FailHead = NULL, FailTail = NULL;
    PNET_BUFFER_LIST Nbl = NetBufferLists;

    while (Nbl != NULL) {
        PNET_BUFFER_LIST Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        PNET_BUFFER Nb;
        ULONG Count = 0;
        PUCHAR Context;

        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            Count++;
        }
        if (Count * TTL_ENTRY > 0x8000 ||
            NdisAllocateNetBufferListContext(Nbl, (USHORT)(Count * TTL_ENTRY), 0, TTL_POOL_TAG) !=
                NDIS_STATUS_SUCCESS) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_RESOURCES;
            if (FailHead == NULL) {
                FailHead = Nbl;
            } else {
                NET_BUFFER_LIST_NEXT_NBL(FailTail) = Nbl;
            }
            FailTail = Nbl;
        } else {
            Context = NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
            memset(Context, 0, Count * TTL_ENTRY);
            Count = 0;
            for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
                TtlRewrite(Stage, Nb, (PTTL_NB_CONTEXT)(Context + TTL_ENTRY * Count++));
            }
            if (SendHead == NULL) {
                SendHead = Nbl;
            } else {
                NET_BUFFER_LIST_NEXT_NBL(SendTail) = Nbl;
            }
            SendTail = Nbl;
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

static VOID
TtlSendNetBufferListsComplete(PVOID StageContext, PNET_BUFFER_LIST NetBufferLists)
{
    PTTL_STAGE Stage = (PTTL_STAGE)StageContext;
    PNET_BUFFER_LIST Nbl;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        PUCHAR Context = NET_BUFFER_LIST_CONTEXT_DATA_START(Nbl);
        PNET_BUFFER Nb;
        ULONG Count = 0;

        for (Nb = NET_BUFFER_LIST_FIRST_NB(Nbl); Nb != NULL; Nb = NET_BUFFER_NEXT_NB(Nb)) {
            PTTL_NB_CONTEXT Entry = (PTTL_NB_CONTEXT)(Context + TTL_ENTRY * Count++);
            if (Entry->IpOffset != 0) {
                (VOID) TtlWrite(Nb, Entry->IpOffset + 8, &Entry->OldTtl, 1);
                (VOID) TtlWrite(Nb, Entry->IpOffset + 10, Entry->OldChecksum, 2);
            }
        }
        NdisFreeNetBufferListContext(Nbl, (USHORT)(Count * TTL_ENTRY));
    }
    Stage->Host->SendNetBufferListsComplete(Stage->Host->HostHandle, NetBufferLists);
}

static VOID
TtlQueryCounters(PVOID StageContext, UNDIS_STAGE_COUNTER *Counter, PVOID ReportContext)
{
    PTTL_STAGE Stage = (PTTL_STAGE)StageContext;

    Counter(ReportContext, "rewritten", Stage->Rewritten);
    Counter(ReportContext, "passed", Stage->Passed);
}

static const UNDIS_STAGE_CHARACTERISTICS TtlStage = {
    UNDIS_STAGE_INTERFACE_VERSION,
    "ipv4-ttl",
    "ipv4-ttl[:N]",
    "lower the IPv4 TTL by N (default 1) with an incremental checksum update",
    TtlAttach,
    TtlDetach,
    TtlSendNetBufferLists,
    TtlSendNetBufferListsComplete,
    TtlQueryCounters,
};

#if defined(_WIN32)
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
#endif
    const UNDIS_STAGE_CHARACTERISTICS *UndisStageEntry(VOID);

const UNDIS_STAGE_CHARACTERISTICS *
UndisStageEntry(VOID)
{
    return &TtlStage;
}
