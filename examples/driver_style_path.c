/* SPDX-License-Identifier: MIT */
/*
 * driver_style_path.c: data-path code written the way a Windows NDIS 6
 * filter driver writes it, running in user mode on undis.
 *
 * The first part is the "driver". It could be pasted into a WDK project:
 * it includes only <ndis.h> and walks NET_BUFFER_LISTs, NET_BUFFERs and MDLs
 * with the WDK's own macros and field names. It inserts an IEEE 802.1Q tag
 * in software (for a miniport without VLAN tagging offload) taken from each
 * NET_BUFFER_LIST's Ieee8021QNetBufferListInfo, and removes it again in the
 * send-complete path, so that the NET_BUFFER_LISTs go back to their owner
 * exactly as they came (retreat on send, advance on completion):
 *
 *   FilterSendNetBufferLists          NdisRetreatNetBufferDataStart with the
 *                                     filter's own NetAllocateMdl, then the
 *                                     tag is written in front of the type
 *   FilterSendNetBufferListsComplete  the tag is taken out and
 *                                     NdisAdvanceNetBufferDataStart gives the
 *                                     filter's MDL back to its NetFreeMdl
 *
 * The second part is a small test harness standing in for NDIS and for the
 * protocol above and the miniport below: it builds a chain of
 * NET_BUFFER_LISTs over static Ethernet frames, each NET_BUFFER with a
 * different MDL geometry (backfill in the buffer, header in its own MDL,
 * header split over three MDLs, a padding MDL before the data, an MDL chain
 * longer than the packet), runs both driver routines, and checks that the
 * frames are tagged in between and restored byte for byte afterwards.
 * NET_BUFFER_LISTs and NET_BUFFERs are plain zeroed structures here; pools
 * come later. It exits non-zero on any mismatch.
 *
 * Like a WDK project, a driver picks its NDIS version on the command line
 * (-DNDIS630 ...); with none, undis assumes the newest.
 */
#include <ndis.h>

#include <string.h>

/* ======================================================================= */
/* The driver                                                              */
/* ======================================================================= */

#define FILTER_ETH_ADDRESS_LENGTH 6
#define FILTER_ETH_TYPE_IPV4      0x0800
#define FILTER_ETH_TYPE_ARP       0x0806
#define FILTER_ETH_TYPE_IPV6      0x86DD
#define FILTER_ETH_TYPE_8021Q     0x8100
#define FILTER_VLAN_TAG_LENGTH    4

/* Backfill asked for when a retreat has to allocate, and the size of the
 * filter's fixed push buffers (its NetAllocateMdl hands out whole buffers,
 * so it raises *BufferSize to this, which NDIS allows). */
#define FILTER_PUSH_BACKFILL     16
#define FILTER_PUSH_BUFFER_SIZE  64
#define FILTER_PUSH_BUFFER_COUNT 8

typedef struct _FILTER_ETH_HEADER {
    UCHAR Destination[FILTER_ETH_ADDRESS_LENGTH];
    UCHAR Source[FILTER_ETH_ADDRESS_LENGTH];
    UCHAR Type[2];
} FILTER_ETH_HEADER, *PFILTER_ETH_HEADER;

typedef struct _FILTER_VLAN_ETH_HEADER {
    UCHAR Destination[FILTER_ETH_ADDRESS_LENGTH];
    UCHAR Source[FILTER_ETH_ADDRESS_LENGTH];
    UCHAR Tpid[2];
    UCHAR Tci[2];
    UCHAR Type[2];
} FILTER_VLAN_ETH_HEADER, *PFILTER_VLAN_ETH_HEADER;

C_ASSERT(sizeof(FILTER_ETH_HEADER) == 14);
C_ASSERT(sizeof(FILTER_VLAN_ETH_HEADER) == 18);

#define FILTER_ADDRESSES_LENGTH (2 * FILTER_ETH_ADDRESS_LENGTH)
#define FILTER_GET_BE16(_p)     ((USHORT)(((ULONG)(_p)[0] << 8) | (ULONG)(_p)[1]))

/* One fixed-size buffer behind each MDL the filter's NetAllocateMdl makes. */
typedef struct _FILTER_PUSH_BUFFER {
    BOOLEAN InUse;
    PMDL Mdl;
    UCHAR Data[FILTER_PUSH_BUFFER_SIZE];
} FILTER_PUSH_BUFFER, *PFILTER_PUSH_BUFFER;

/* Global filter state (a real filter keeps most of this per module). */
typedef struct _FILTER_GLOBALS {
    NDIS_HANDLE FilterHandle;
    FILTER_PUSH_BUFFER PushBuffers[FILTER_PUSH_BUFFER_COUNT];
    ULONG PushBufferLimit; /* how many PushBuffers may be in use */
    ULONG MdlsAllocated;
    ULONG MdlsFreed;
    ULONG ForeignMdlsFreed; /* must stay 0 */
    ULONG TagsInserted;
    ULONG TagsRemoved;
    ULONG FramesIpv4;
    ULONG FramesIpv6;
    ULONG FramesArp;
    ULONG FramesOther;
} FILTER_GLOBALS;

static FILTER_GLOBALS FilterGlobals;

NET_BUFFER_ALLOCATE_MDL FilterAllocateMdl;
NET_BUFFER_FREE_MDL FilterFreeMdl;

_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    FilterSendNetBufferLists(_In_ PNET_BUFFER_LIST NetBufferLists);
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    FilterSendNetBufferListsComplete(_In_ PNET_BUFFER_LIST NetBufferLists);

/*
 * FilterAllocateMdl - the filter's NetAllocateMdl: one of its push buffers,
 * described by an MDL from NdisAllocateMdl. Returns the whole buffer and
 * says so through *BufferSize (NDIS then puts the extra bytes in the
 * backfill). NULL when the buffers run out or the request is too big.
 */
_Use_decl_annotations_ PMDL
FilterAllocateMdl(PULONG BufferSize)
{
    ULONG InUse = 0;
    ULONG Index;
    PFILTER_PUSH_BUFFER Free = NULL;

    if (*BufferSize > FILTER_PUSH_BUFFER_SIZE) {
        return NULL;
    }
    for (Index = 0; Index < FILTER_PUSH_BUFFER_COUNT; Index++) {
        if (FilterGlobals.PushBuffers[Index].InUse) {
            InUse++;
        } else if (Free == NULL) {
            Free = &FilterGlobals.PushBuffers[Index];
        }
    }
    if (Free == NULL || InUse >= FilterGlobals.PushBufferLimit) {
        return NULL;
    }
    Free->Mdl = NdisAllocateMdl(FilterGlobals.FilterHandle, Free->Data, FILTER_PUSH_BUFFER_SIZE);
    if (Free->Mdl == NULL) {
        return NULL;
    }
    Free->InUse = TRUE;
    *BufferSize = FILTER_PUSH_BUFFER_SIZE;
    FilterGlobals.MdlsAllocated++;
    return Free->Mdl;
}

/* The push buffer an MDL describes, or NULL if the MDL is not the filter's. */
static PFILTER_PUSH_BUFFER
FilterPushBufferFromMdl(PMDL Mdl)
{
    ULONG Index;

    for (Index = 0; Index < FILTER_PUSH_BUFFER_COUNT; Index++) {
        PFILTER_PUSH_BUFFER Buffer = &FilterGlobals.PushBuffers[Index];
        if (Buffer->InUse && Buffer->Mdl == Mdl) {
            return Buffer;
        }
    }
    return NULL;
}

/* FilterFreeMdl - the filter's NetFreeMdl: gives the push buffer back. */
_Use_decl_annotations_ VOID
FilterFreeMdl(PMDL Mdl)
{
    PFILTER_PUSH_BUFFER Buffer = FilterPushBufferFromMdl(Mdl);

    if (Buffer == NULL) {
        /* NDIS handed over an MDL the filter never allocated: a bug in
         * the caller of the advance. A real driver would NT_ASSERT here. */
        FilterGlobals.ForeignMdlsFreed++;
        return;
    }
    NdisFreeMdl(Mdl);
    Buffer->Mdl = NULL;
    Buffer->InUse = FALSE;
    FilterGlobals.MdlsFreed++;
}

/*
 * Copy Length bytes starting Offset bytes into the NET_BUFFER's data out to
 * Buffer, walking the MDL chain by hand from the current MDL. Returns FALSE
 * if the data is too short or an MDL cannot be mapped.
 */
static BOOLEAN
FilterCopyFromNetBuffer(PNET_BUFFER Nb, ULONG Offset, ULONG Length, PUCHAR Buffer)
{
    PMDL Mdl = NET_BUFFER_CURRENT_MDL(Nb);
    ULONG MdlOffset = NET_BUFFER_CURRENT_MDL_OFFSET(Nb) + Offset;
    ULONG Copied = 0;

    if (Offset > Nb->DataLength || Length > Nb->DataLength - Offset) {
        return FALSE;
    }
    while (Mdl != NULL && Copied < Length) {
        PVOID Va;
        ULONG MdlLength;
        ULONG Chunk;

        NdisQueryMdl(Mdl, &Va, &MdlLength, NormalPagePriority);
        if (Va == NULL) {
            return FALSE;
        }
        if (MdlOffset >= MdlLength) {
            MdlOffset -= MdlLength;
            Mdl = Mdl->Next;
            continue;
        }
        Chunk = MdlLength - MdlOffset;
        if (Chunk > Length - Copied) {
            Chunk = Length - Copied;
        }
        memcpy(Buffer + Copied, (PUCHAR)Va + MdlOffset, Chunk);
        Copied += Chunk;
        MdlOffset = 0;
        Mdl = Mdl->Next;
    }
    return Copied == Length;
}

/* The reverse: write Length bytes from Buffer into the data at Offset. */
static BOOLEAN
FilterCopyToNetBuffer(PNET_BUFFER Nb, ULONG Offset, const UCHAR *Buffer, ULONG Length)
{
    PMDL Mdl = NET_BUFFER_CURRENT_MDL(Nb);
    ULONG MdlOffset = NET_BUFFER_CURRENT_MDL_OFFSET(Nb) + Offset;
    ULONG Copied = 0;

    if (Offset > NET_BUFFER_DATA_LENGTH(Nb) || Length > NET_BUFFER_DATA_LENGTH(Nb) - Offset) {
        return FALSE;
    }
    while (Mdl != NULL && Copied < Length) {
        PUCHAR Va;
        ULONG Chunk;

        if (MdlOffset >= Mdl->ByteCount) {
            MdlOffset -= Mdl->ByteCount;
            Mdl = Mdl->Next;
            continue;
        }
        Va = (PUCHAR)MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority | MdlMappingNoExecute);
        if (Va == NULL) {
            return FALSE;
        }
        Chunk = Mdl->ByteCount - MdlOffset;
        if (Chunk > Length - Copied) {
            Chunk = Length - Copied;
        }
        memcpy(Va + MdlOffset, Buffer + Copied, Chunk);
        Copied += Chunk;
        MdlOffset = 0;
        Mdl = Mdl->Next;
    }
    return Copied == Length;
}

/* Count the frame by EtherType (statistics only). */
static VOID
FilterClassifyFrame(PNET_BUFFER Nb)
{
    FILTER_ETH_HEADER Storage;
    PFILTER_ETH_HEADER Eth;
    USHORT Type;

    /* Contiguous in the current MDL: a pointer into the frame; split over
     * MDLs: a copy in Storage; shorter than a header: NULL. */
    Eth = (PFILTER_ETH_HEADER)NdisGetDataBuffer(Nb, sizeof(FILTER_ETH_HEADER), &Storage, 1, 0);
    if (Eth == NULL) {
        FilterGlobals.FramesOther++;
        return;
    }
    Type = FILTER_GET_BE16(Eth->Type);
    switch (Type) {
    case FILTER_ETH_TYPE_IPV4:
        FilterGlobals.FramesIpv4++;
        break;
    case FILTER_ETH_TYPE_IPV6:
        FilterGlobals.FramesIpv6++;
        break;
    case FILTER_ETH_TYPE_ARP:
        FilterGlobals.FramesArp++;
        break;
    default:
        FilterGlobals.FramesOther++;
        break;
    }
}

/*
 * Give back the 4 bytes a tag took: advance, freeing the push MDL only when
 * the retreat allocated one (the chain then starts with one of the filter's
 * MDLs). Windows' advance with FreeMdl TRUE frees every MDL that ends up
 * wholly before the data, whoever allocated it, so a padding MDL of the
 * protocol's must never meet FreeMdl TRUE.
 */
static VOID
FilterAdvanceOverTag(PNET_BUFFER Nb)
{
    BOOLEAN FreeMdl = FilterPushBufferFromMdl(NET_BUFFER_FIRST_MDL(Nb)) != NULL;

    NdisAdvanceNetBufferDataStart(Nb, FILTER_VLAN_TAG_LENGTH, FreeMdl, FilterFreeMdl);
}

/*
 * Insert an 802.1Q tag after the source address: retreat by 4, move the 12
 * address bytes to the new start, write TPID and TCI behind them. On
 * failure the NET_BUFFER is as it was.
 */
static NDIS_STATUS
FilterInsertVlanTag(PNET_BUFFER Nb, USHORT Tci)
{
    NDIS_STATUS Status;
    PUCHAR Header;
    UCHAR Addresses[FILTER_ADDRESSES_LENGTH];
    UCHAR Tag[FILTER_VLAN_TAG_LENGTH];

    if (NET_BUFFER_DATA_LENGTH(Nb) < sizeof(FILTER_ETH_HEADER)) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Status = NdisRetreatNetBufferDataStart(Nb, FILTER_VLAN_TAG_LENGTH, FILTER_PUSH_BACKFILL,
                                           FilterAllocateMdl);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Tag[0] = (UCHAR)(FILTER_ETH_TYPE_8021Q >> 8);
    Tag[1] = (UCHAR)(FILTER_ETH_TYPE_8021Q & 0xFF);
    Tag[2] = (UCHAR)(Tci >> 8);
    Tag[3] = (UCHAR)(Tci & 0xFF);

    /* The usual fast case: the first 16 bytes are contiguous in CurrentMdl. */
    Header =
        (PUCHAR)NdisGetDataBuffer(Nb, FILTER_ADDRESSES_LENGTH + FILTER_VLAN_TAG_LENGTH, NULL, 1, 0);
    if (Header != NULL) {
        memmove(Header, Header + FILTER_VLAN_TAG_LENGTH, FILTER_ADDRESSES_LENGTH);
        memcpy(Header + FILTER_ADDRESSES_LENGTH, Tag, sizeof(Tag));
    } else if (!FilterCopyFromNetBuffer(Nb, FILTER_VLAN_TAG_LENGTH, sizeof(Addresses), Addresses) ||
               !FilterCopyToNetBuffer(Nb, 0, Addresses, sizeof(Addresses)) ||
               !FilterCopyToNetBuffer(Nb, FILTER_ADDRESSES_LENGTH, Tag, sizeof(Tag))) {
        /* An MDL could not be mapped: give the 4 bytes back. */
        FilterAdvanceOverTag(Nb);
        return NDIS_STATUS_RESOURCES;
    }
    FilterGlobals.TagsInserted++;
    return NDIS_STATUS_SUCCESS;
}

/*
 * Take out the tag FilterInsertVlanTag put in: move the addresses back over
 * the tag and advance by 4. Returns the tag's TCI.
 */
static NDIS_STATUS
FilterRemoveVlanTag(PNET_BUFFER Nb, PUSHORT Tci)
{
    FILTER_VLAN_ETH_HEADER Storage;
    PFILTER_VLAN_ETH_HEADER Vlan;
    UCHAR Addresses[FILTER_ADDRESSES_LENGTH];

    Vlan = (PFILTER_VLAN_ETH_HEADER)NdisGetDataBuffer(Nb, sizeof(FILTER_VLAN_ETH_HEADER), &Storage,
                                                      1, 0);
    if (Vlan == NULL || FILTER_GET_BE16(Vlan->Tpid) != FILTER_ETH_TYPE_8021Q) {
        return NDIS_STATUS_INVALID_PACKET;
    }
    *Tci = FILTER_GET_BE16(Vlan->Tci);
    memcpy(Addresses, Vlan->Destination, FILTER_ETH_ADDRESS_LENGTH);
    memcpy(Addresses + FILTER_ETH_ADDRESS_LENGTH, Vlan->Source, FILTER_ETH_ADDRESS_LENGTH);
    if (!FilterCopyToNetBuffer(Nb, FILTER_VLAN_TAG_LENGTH, Addresses, sizeof(Addresses))) {
        return NDIS_STATUS_RESOURCES;
    }
    FilterAdvanceOverTag(Nb);
    FilterGlobals.TagsRemoved++;
    return NDIS_STATUS_SUCCESS;
}

/* The TCI the NBL's out-of-band 802.1Q information asks for (0: none). */
static USHORT
FilterTciFromNbl(PNET_BUFFER_LIST Nbl)
{
    NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q;

    Ieee8021Q.Value = NET_BUFFER_LIST_INFO(Nbl, Ieee8021QNetBufferListInfo);
    return (USHORT)((Ieee8021Q.TagHeader.UserPriority << 13) |
                    (Ieee8021Q.TagHeader.CanonicalFormatId << 12) | Ieee8021Q.TagHeader.VlanId);
}

/*
 * FilterSendNetBufferLists - tag every NET_BUFFER of every NET_BUFFER_LIST
 * that carries 802.1Q information. An NBL whose tagging fails gets
 * NDIS_STATUS_RESOURCES with all its NET_BUFFERs put back as they were;
 * the others get NDIS_STATUS_SUCCESS.
 */
_Use_decl_annotations_ VOID
FilterSendNetBufferLists(PNET_BUFFER_LIST NetBufferLists)
{
    PNET_BUFFER_LIST CurrNbl;

    for (CurrNbl = NetBufferLists; CurrNbl != NULL; CurrNbl = NET_BUFFER_LIST_NEXT_NBL(CurrNbl)) {
        USHORT Tci = FilterTciFromNbl(CurrNbl);
        NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
        PNET_BUFFER CurrNb;

        for (CurrNb = NET_BUFFER_LIST_FIRST_NB(CurrNbl); CurrNb != NULL;
             CurrNb = NET_BUFFER_NEXT_NB(CurrNb)) {
            FilterClassifyFrame(CurrNb);
            if (Tci == 0) {
                continue; /* no 802.1Q information: pass it down untouched */
            }
            Status = FilterInsertVlanTag(CurrNb, Tci);
            if (Status != NDIS_STATUS_SUCCESS) {
                break;
            }
        }
        if (Status != NDIS_STATUS_SUCCESS) {
            /* Undo the NET_BUFFERs before the one that failed. */
            PNET_BUFFER Done;
            for (Done = CurrNbl->FirstNetBuffer; Done != CurrNb; Done = Done->Next) {
                USHORT Removed;
                (void)FilterRemoveVlanTag(Done, &Removed);
            }
        }
        NET_BUFFER_LIST_STATUS(CurrNbl) = Status;
    }
}

/*
 * FilterSendNetBufferListsComplete - before the NET_BUFFER_LISTs go back to
 * the protocol, take out the tags FilterSendNetBufferLists inserted.
 */
_Use_decl_annotations_ VOID
FilterSendNetBufferListsComplete(PNET_BUFFER_LIST NetBufferLists)
{
    PNET_BUFFER_LIST CurrNbl;

    for (CurrNbl = NetBufferLists; CurrNbl != NULL; CurrNbl = NET_BUFFER_LIST_NEXT_NBL(CurrNbl)) {
        USHORT Tci = FilterTciFromNbl(CurrNbl);
        PNET_BUFFER CurrNb;

        if (Tci == 0 || NET_BUFFER_LIST_STATUS(CurrNbl) != NDIS_STATUS_SUCCESS) {
            continue;
        }
        for (CurrNb = NET_BUFFER_LIST_FIRST_NB(CurrNbl); CurrNb != NULL;
             CurrNb = NET_BUFFER_NEXT_NB(CurrNb)) {
            USHORT Removed = 0;
            if (FilterRemoveVlanTag(CurrNb, &Removed) != NDIS_STATUS_SUCCESS || Removed != Tci) {
                NET_BUFFER_LIST_STATUS(CurrNbl) = NDIS_STATUS_INVALID_PACKET;
            }
        }
    }
}

/* ======================================================================= */
/* Test harness (stands in for NDIS, the protocol above and the miniport)  */
/* ======================================================================= */

#include <stdio.h>
#include <stdlib.h>

#include <undis/check.h>
#include <undis/fault.h>

#define HARNESS_MAX_MDLS  4
#define HARNESS_NB_COUNT  6
#define HARNESS_NBL_COUNT 3

/* One NET_BUFFER over a static frame: Storage holds Backfill bytes, the
 * Length-byte frame and Slack bytes after it, cut into MDLs of the given
 * sizes. */
typedef struct {
    const char *Geometry;
    PUCHAR Storage;
    ULONG Backfill;
    ULONG Length;
    ULONG Slack;
    USHORT Type;
    ULONG MdlSizes[HARNESS_MAX_MDLS]; /* 0 ends the list */
    ULONG Nbl;                        /* which NET_BUFFER_LIST it goes in */
} HARNESS_FRAME;

static UCHAR Frame0[16 + 60];
static UCHAR Frame1[0 + 64];
static UCHAR Frame2[0 + 64];
static UCHAR Frame3[4 + 42 + 8];
static UCHAR Frame4[2 + 42];
static UCHAR Frame5[4 + 62];

static const HARNESS_FRAME HarnessFrames[HARNESS_NB_COUNT] = {
    { "one MDL, 16 bytes of backfill", Frame0, 16, 60, 0, FILTER_ETH_TYPE_IPV4, { 76 }, 0 },
    { "header alone in its MDL, no backfill",
      Frame1,
      0,
      64,
      0,
      FILTER_ETH_TYPE_IPV4,
      { 14, 50 },
      0 },
    { "header split over 3 MDLs, no backfill",
      Frame2,
      0,
      64,
      0,
      FILTER_ETH_TYPE_ARP,
      { 6, 10, 48 },
      1 },
    { "padding MDL before the data, chain longer than the packet",
      Frame3,
      4,
      42,
      8,
      FILTER_ETH_TYPE_IPV4,
      { 4, 50 },
      1 },
    { "2 bytes of backfill (too few)", Frame4, 2, 42, 0, FILTER_ETH_TYPE_IPV4, { 14, 30 }, 1 },
    { "exactly 4 bytes of backfill", Frame5, 4, 62, 0, FILTER_ETH_TYPE_IPV6, { 30, 36 }, 2 },
};

/* VLAN id and priority per NET_BUFFER_LIST. */
static const USHORT HarnessVlanId[HARNESS_NBL_COUNT] = { 100, 200, 4094 };
static const UCHAR HarnessPriority[HARNESS_NBL_COUNT] = { 3, 0, 7 };

typedef struct {
    PNET_BUFFER_LIST Nbl[HARNESS_NBL_COUNT];
    PNET_BUFFER Nb[HARNESS_NB_COUNT];
    PMDL Mdl[HARNESS_NB_COUNT][HARNESS_MAX_MDLS];
    UCHAR Pristine[HARNESS_NB_COUNT][64];
    NET_BUFFER Before[HARNESS_NB_COUNT]; /* field snapshot */
} HARNESS;

static int HarnessFailures;

static void
HarnessFail(const char *what, ULONG index)
{
    fprintf(stderr, "driver_style_path: MISMATCH: %s (NET_BUFFER %lu: %s)\n", what,
            (unsigned long)index, HarnessFrames[index].Geometry);
    HarnessFailures++;
}

/* The frame bytes as the miniport below would read them: its own walk from
 * MdlChain, skipping DataOffset bytes. FALSE if the chain is too short. */
static BOOLEAN
HarnessReadFrame(const NET_BUFFER *Nb, PUCHAR Out, ULONG OutSize)
{
    const MDL *Mdl = Nb->MdlChain;
    ULONG Skip = Nb->DataOffset;
    ULONG Done = 0;

    if (Nb->DataLength > OutSize) {
        return FALSE;
    }
    for (; Mdl != NULL && Done < Nb->DataLength; Mdl = Mdl->Next) {
        const UCHAR *Va = (const UCHAR *)MmGetMdlVirtualAddress(Mdl);
        ULONG Take;
        if (Skip >= Mdl->ByteCount) {
            Skip -= Mdl->ByteCount;
            continue;
        }
        Take = Mdl->ByteCount - Skip;
        if (Take > Nb->DataLength - Done) {
            Take = Nb->DataLength - Done;
        }
        memcpy(Out + Done, Va + Skip, Take);
        Done += Take;
        Skip = 0;
    }
    return Done == Nb->DataLength;
}

static void
HarnessCheckStructure(const HARNESS *H, ULONG Index, const char *Stage)
{
    char Why[160];
    if (undis_nb_check(H->Nb[Index], Why, sizeof(Why)) != UNDIS_CHECK_OK) {
        fprintf(stderr, "driver_style_path: %s: %s\n", Stage, Why);
        HarnessFail("NET_BUFFER structure broken", Index);
    }
}

static void
HarnessBuild(HARNESS *H)
{
    ULONG Index;

    memset(H, 0, sizeof(*H));
    for (Index = 0; Index < HARNESS_NBL_COUNT; Index++) {
        NDIS_NET_BUFFER_LIST_8021Q_INFO Ieee8021Q;

        H->Nbl[Index] = (PNET_BUFFER_LIST)calloc(1, sizeof(NET_BUFFER_LIST));
        if (H->Nbl[Index] == NULL) {
            abort();
        }
        if (Index > 0) {
            NET_BUFFER_LIST_NEXT_NBL(H->Nbl[Index - 1]) = H->Nbl[Index];
        }
        Ieee8021Q.Value = NULL;
        Ieee8021Q.TagHeader.VlanId = HarnessVlanId[Index] & 0xFFFU;
        Ieee8021Q.TagHeader.UserPriority = HarnessPriority[Index] & 7U;
        NET_BUFFER_LIST_INFO(H->Nbl[Index], Ieee8021QNetBufferListInfo) = Ieee8021Q.Value;
    }

    for (Index = 0; Index < HARNESS_NB_COUNT; Index++) {
        const HARNESS_FRAME *F = &HarnessFrames[Index];
        PUCHAR Frame = F->Storage + F->Backfill;
        PNET_BUFFER Nb;
        PNET_BUFFER *Link;
        ULONG Offset = 0;
        ULONG Byte;
        ULONG M;

        /* Backfill and slack get a filler, the frame a recognisable body. */
        memset(F->Storage, 0xEE, F->Backfill + F->Length + F->Slack);
        for (Byte = 0; Byte < F->Length; Byte++) {
            Frame[Byte] = (UCHAR)(Index * 0x20 + Byte * 7);
        }
        memcpy(Frame, "\x02\x00\x00\x00\x00", 5);
        Frame[5] = (UCHAR)(0x10 + Index);
        memcpy(Frame + 6, "\x02\x00\x00\x00\x01", 5);
        Frame[11] = (UCHAR)(0x10 + Index);
        Frame[12] = (UCHAR)(F->Type >> 8);
        Frame[13] = (UCHAR)(F->Type & 0xFF);
        memcpy(H->Pristine[Index], Frame, F->Length);

        Nb = (PNET_BUFFER)calloc(1, sizeof(NET_BUFFER));
        if (Nb == NULL) {
            abort();
        }
        H->Nb[Index] = Nb;
        for (M = 0; M < HARNESS_MAX_MDLS && F->MdlSizes[M] != 0; M++) {
            H->Mdl[Index][M] = NdisAllocateMdl(NULL, F->Storage + Offset, F->MdlSizes[M]);
            if (H->Mdl[Index][M] == NULL) {
                abort();
            }
            if (M > 0) {
                NDIS_MDL_LINKAGE(H->Mdl[Index][M - 1]) = H->Mdl[Index][M];
            }
            Offset += F->MdlSizes[M];
        }
        NET_BUFFER_FIRST_MDL(Nb) = H->Mdl[Index][0];
        NET_BUFFER_DATA_OFFSET(Nb) = F->Backfill;
        NET_BUFFER_DATA_LENGTH(Nb) = F->Length;
        NdisAdjustNetBufferCurrentMdl(Nb);

        /* Append to its NET_BUFFER_LIST. */
        Link = &NET_BUFFER_LIST_FIRST_NB(H->Nbl[F->Nbl]);
        while (*Link != NULL) {
            Link = &NET_BUFFER_NEXT_NB(*Link);
        }
        *Link = Nb;
        HarnessCheckStructure(H, Index, "built");
    }
    for (Index = 0; Index < HARNESS_NB_COUNT; Index++) {
        memcpy(&H->Before[Index], H->Nb[Index], sizeof(NET_BUFFER));
    }
}

static void
HarnessDestroy(HARNESS *H)
{
    ULONG Index;
    ULONG M;

    for (Index = 0; Index < HARNESS_NB_COUNT; Index++) {
        for (M = 0; M < HARNESS_MAX_MDLS; M++) {
            if (H->Mdl[Index][M] != NULL) {
                NdisFreeMdl(H->Mdl[Index][M]);
            }
        }
        free(H->Nb[Index]);
    }
    for (Index = 0; Index < HARNESS_NBL_COUNT; Index++) {
        free(H->Nbl[Index]);
    }
}

/* After FilterSendNetBufferLists: each NB of a successful NBL carries the
 * tag; each NB of a failed one is exactly as built. */
static void
HarnessCheckSent(HARNESS *H)
{
    ULONG Index;

    for (Index = 0; Index < HARNESS_NB_COUNT; Index++) {
        const HARNESS_FRAME *F = &HarnessFrames[Index];
        const NET_BUFFER *Nb = H->Nb[Index];
        ULONG NblIndex = F->Nbl;
        UCHAR Expected[64 + FILTER_VLAN_TAG_LENGTH];
        UCHAR Actual[64 + FILTER_VLAN_TAG_LENGTH];
        USHORT Tci = (USHORT)((HarnessPriority[NblIndex] << 13) | HarnessVlanId[NblIndex]);

        HarnessCheckStructure(H, Index, "sent");
        if (NET_BUFFER_LIST_STATUS(H->Nbl[NblIndex]) != NDIS_STATUS_SUCCESS) {
            if (memcmp(Nb, &H->Before[Index], sizeof(NET_BUFFER)) != 0) {
                HarnessFail("a failed NET_BUFFER_LIST was not rolled back", Index);
            }
            if (!HarnessReadFrame(Nb, Actual, sizeof(Actual)) ||
                memcmp(Actual, H->Pristine[Index], F->Length) != 0) {
                HarnessFail("a failed NET_BUFFER_LIST's frame changed", Index);
            }
            continue;
        }
        memcpy(Expected, H->Pristine[Index], FILTER_ADDRESSES_LENGTH);
        Expected[12] = 0x81;
        Expected[13] = 0x00;
        Expected[14] = (UCHAR)(Tci >> 8);
        Expected[15] = (UCHAR)(Tci & 0xFF);
        memcpy(Expected + 16, H->Pristine[Index] + FILTER_ADDRESSES_LENGTH,
               F->Length - FILTER_ADDRESSES_LENGTH);
        if (NET_BUFFER_DATA_LENGTH(Nb) != F->Length + FILTER_VLAN_TAG_LENGTH) {
            HarnessFail("tagged DataLength", Index);
        } else if (!HarnessReadFrame(Nb, Actual, sizeof(Actual)) ||
                   memcmp(Actual, Expected, F->Length + FILTER_VLAN_TAG_LENGTH) != 0) {
            HarnessFail("tagged frame bytes", Index);
        }
    }
}

/* After FilterSendNetBufferListsComplete: everything is back, bit for bit. */
static void
HarnessCheckRestored(HARNESS *H)
{
    ULONG Index;

    for (Index = 0; Index < HARNESS_NB_COUNT; Index++) {
        const HARNESS_FRAME *F = &HarnessFrames[Index];
        const NET_BUFFER *Nb = H->Nb[Index];
        UCHAR Actual[64];

        HarnessCheckStructure(H, Index, "completed");
        if (memcmp(Nb, &H->Before[Index], sizeof(NET_BUFFER)) != 0) {
            HarnessFail("NET_BUFFER fields not restored", Index);
        }
        if (!HarnessReadFrame(Nb, Actual, sizeof(Actual)) ||
            memcmp(Actual, H->Pristine[Index], F->Length) != 0) {
            HarnessFail("frame not restored byte for byte", Index);
        }
    }
}

/* One send + complete round. Returns how many NBLs failed to send. */
static ULONG
HarnessRound(ULONG PushBufferLimit, ULONG *MdlsUsed)
{
    HARNESS *H = (HARNESS *)calloc(1, sizeof(HARNESS));
    ULONG Failed = 0;
    ULONG Index;
    ULONG AllocatedBefore = FilterGlobals.MdlsAllocated;

    if (H == NULL) {
        abort();
    }
    FilterGlobals.PushBufferLimit = PushBufferLimit;
    HarnessBuild(H);

    FilterSendNetBufferLists(H->Nbl[0]);
    HarnessCheckSent(H);
    for (Index = 0; Index < HARNESS_NBL_COUNT; Index++) {
        if (NET_BUFFER_LIST_STATUS(H->Nbl[Index]) != NDIS_STATUS_SUCCESS) {
            Failed++;
        }
    }

    FilterSendNetBufferListsComplete(H->Nbl[0]);
    HarnessCheckRestored(H);
    for (Index = 0; Index < FILTER_PUSH_BUFFER_COUNT; Index++) {
        if (FilterGlobals.PushBuffers[Index].InUse) {
            fprintf(stderr, "driver_style_path: push buffer %lu was not given back\n",
                    (unsigned long)Index);
            HarnessFailures++;
        }
    }
    *MdlsUsed = FilterGlobals.MdlsAllocated - AllocatedBefore;

    HarnessDestroy(H);
    free(H);
    return Failed;
}

int
main(void)
{
    ULONG MdlsUsed;
    ULONG Failed;

    memset(&FilterGlobals, 0, sizeof(FilterGlobals));

    /* Round 1: enough push buffers. Every frame gets a tag. */
    Failed = HarnessRound(FILTER_PUSH_BUFFER_COUNT, &MdlsUsed);
    if (Failed != 0 || MdlsUsed != 3) {
        fprintf(stderr, "driver_style_path: round 1: %lu NBLs failed, %lu push MDLs (want 0, 3)\n",
                (unsigned long)Failed, (unsigned long)MdlsUsed);
        HarnessFailures++;
    }
    printf("round 1: %d NBLs, %d NBs tagged and untagged, %lu MDLs from FilterAllocateMdl\n",
           HARNESS_NBL_COUNT, HARNESS_NB_COUNT, (unsigned long)MdlsUsed);

    /* Round 2: two push buffers. NBL 1 takes one, NBL 2 needs two: its
     * second allocation fails and it is rolled back; NBL 3 needs none. */
    Failed = HarnessRound(2, &MdlsUsed);
    if (Failed != 1) {
        fprintf(stderr, "driver_style_path: round 2: %lu NBLs failed (want 1)\n",
                (unsigned long)Failed);
        HarnessFailures++;
    }
    printf("round 2: %lu NBL failed with NDIS_STATUS_RESOURCES and was rolled back, "
           "%lu MDLs from FilterAllocateMdl\n",
           (unsigned long)Failed, (unsigned long)MdlsUsed);

    if (FilterGlobals.MdlsAllocated != FilterGlobals.MdlsFreed) {
        fprintf(stderr, "driver_style_path: FilterAllocateMdl %lu, FilterFreeMdl %lu\n",
                (unsigned long)FilterGlobals.MdlsAllocated, (unsigned long)FilterGlobals.MdlsFreed);
        HarnessFailures++;
    }
    if (FilterGlobals.TagsInserted != FilterGlobals.TagsRemoved) {
        fprintf(stderr, "driver_style_path: %lu tags inserted, %lu removed\n",
                (unsigned long)FilterGlobals.TagsInserted,
                (unsigned long)FilterGlobals.TagsRemoved);
        HarnessFailures++;
    }
    if (FilterGlobals.ForeignMdlsFreed != 0) {
        fprintf(stderr, "driver_style_path: FilterFreeMdl got %lu MDLs it did not allocate\n",
                (unsigned long)FilterGlobals.ForeignMdlsFreed);
        HarnessFailures++;
    }
    if (undis_alloc_outstanding() != 0) {
        fprintf(stderr, "driver_style_path: %llu undis allocations not freed\n",
                undis_alloc_outstanding());
        HarnessFailures++;
    }
    printf("frames seen: %lu IPv4, %lu IPv6, %lu ARP, %lu other; %lu tags inserted, %lu removed\n",
           (unsigned long)FilterGlobals.FramesIpv4, (unsigned long)FilterGlobals.FramesIpv6,
           (unsigned long)FilterGlobals.FramesArp, (unsigned long)FilterGlobals.FramesOther,
           (unsigned long)FilterGlobals.TagsInserted, (unsigned long)FilterGlobals.TagsRemoved);
    if (HarnessFailures != 0) {
        printf("driver_style_path: FAILED (%d mismatches)\n", HarnessFailures);
        return 1;
    }
    printf("driver_style_path: all frames restored byte for byte\n");
    return 0;
}
