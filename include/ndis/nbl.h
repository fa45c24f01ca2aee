/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nbl.h>: NET_BUFFER, NET_BUFFER_LIST and their companions, with
 * the WDK's field names, unions and layout, plus the pool parameter
 * structures, the NBL flag bits and the NetAllocateMdl / NetFreeMdl callback
 * types.
 *
 * Sizes (static-asserted below):      x64   x86
 *   NET_BUFFER                        176    96
 *   NET_BUFFER_LIST (27 info slots)   368   192
 *   NET_BUFFER_LIST_CONTEXT header     16     8
 *
 * NET_BUFFER's six data fields (Next, CurrentMdl, CurrentMdlOffset,
 * DataLength/stDataLength, MdlChain, DataOffset) and NET_BUFFER_LIST's Next
 * and FirstNetBuffer are anonymous members in C and in C++, as in the
 * current WDK: nb->DataLength is the same code in both languages.
 *
 * The legacy names NET_BUFFER_DATA_LENGTH, NET_BUFFER_DATA, NET_BUFFER_HEADER,
 * NET_BUFFER_LIST_DATA, NET_BUFFER_LIST_HEADER and the views NetBufferHeader
 * and NetBufferListHeader exist only when NDIS_INCLUDE_LEGACY_NAMES is
 * defined non-zero, which <ndis.h> does before its parts (a file that
 * includes <ndis/nbl.h> alone does not get them). Inside NET_BUFFER_DATA the
 * length is the anonymous union in C and the member NbDataLength in C++.
 */
#ifndef UNDIS_NDIS_NBL_H
#define UNDIS_NDIS_NBL_H

#include "version.h"
#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#include "objectheader.h"
#include "mdl.h"
#include "status.h"
#include "nblinfo.h"

UNDIS_EXTERN_C_BEGIN

/* Anonymous structs and flexible array members are standard C11 but only an
 * extension in C++; the WDK's layout needs both. */
UNDIS_CXX_EXTENSIONS_BEGIN

#if defined(NDIS_INCLUDE_LEGACY_NAMES) && NDIS_INCLUDE_LEGACY_NAMES
#    define UNDIS_NDIS_LEGACY_NAMES 1
#else
#    define UNDIS_NDIS_LEGACY_NAMES 0
#endif

typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;
typedef struct _NET_BUFFER_SHARED_MEMORY NET_BUFFER_SHARED_MEMORY, *PNET_BUFFER_SHARED_MEMORY;
typedef PHYSICAL_ADDRESS NDIS_PHYSICAL_ADDRESS, *PNDIS_PHYSICAL_ADDRESS;

/* ------------------------------------------------------------------ */
/* NET_BUFFER                                                          */
/* ------------------------------------------------------------------ */

#if UNDIS_NDIS_LEGACY_NAMES
typedef union _NET_BUFFER_DATA_LENGTH {
    ULONG DataLength;
    SIZE_T stDataLength;
} NET_BUFFER_DATA_LENGTH, *PNET_BUFFER_DATA_LENGTH;

/* The six fields that describe where the data is, as a named structure. */
typedef struct _NET_BUFFER_DATA {
    PNET_BUFFER Next;
    PMDL CurrentMdl;
    ULONG CurrentMdlOffset;
#    ifdef __cplusplus
    NET_BUFFER_DATA_LENGTH NbDataLength;
#    else
    union {
        ULONG DataLength;
        SIZE_T stDataLength;
    };
#    endif
    PMDL MdlChain;
    ULONG DataOffset;
} NET_BUFFER_DATA, *PNET_BUFFER_DATA;

typedef union _NET_BUFFER_HEADER {
    NET_BUFFER_DATA NetBufferData;
    SLIST_HEADER Link;
} NET_BUFFER_HEADER, *PNET_BUFFER_HEADER;
#endif

struct _NET_BUFFER_SHARED_MEMORY {
    PNET_BUFFER_SHARED_MEMORY NextSharedMemorySegment;
    ULONG SharedMemoryFlags;
    NDIS_HANDLE SharedMemoryHandle;
    ULONG SharedMemoryOffset;
    ULONG SharedMemoryLength;
};

/*
 * NET_BUFFER: one packet. Its bytes are the chain bytes
 * [DataOffset, DataOffset + DataLength) of the MDL chain at MdlChain;
 * (CurrentMdl, CurrentMdlOffset) is where byte DataOffset lies.
 */
struct _NET_BUFFER {
    union {
        struct {
            PNET_BUFFER Next;
            PMDL CurrentMdl;
            ULONG CurrentMdlOffset;
            union {
                ULONG DataLength;
                SIZE_T stDataLength;
            };
            PMDL MdlChain;
            ULONG DataOffset;
        };
        SLIST_HEADER Link;
#if UNDIS_NDIS_LEGACY_NAMES
        NET_BUFFER_HEADER NetBufferHeader;
#endif
    };
    USHORT ChecksumBias;
    USHORT Reserved;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[6];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[4];
    NDIS_PHYSICAL_ADDRESS DataPhysicalAddress;
    union {
        PNET_BUFFER_SHARED_MEMORY SharedMemoryInfo;
        PSCATTER_GATHER_LIST ScatterGatherList;
    };
};

/* ------------------------------------------------------------------ */
/* NET_BUFFER_LIST_CONTEXT                                             */
/* ------------------------------------------------------------------ */

/* One block of the NBL's context stack: ContextData[Offset .. Size) is in
 * use, ContextData[0 .. Offset) is backfill. */
struct _NET_BUFFER_LIST_CONTEXT {
    PNET_BUFFER_LIST_CONTEXT Next;
    USHORT Size;
    USHORT Offset;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR ContextData[];
};

/* ------------------------------------------------------------------ */
/* NET_BUFFER_LIST                                                     */
/* ------------------------------------------------------------------ */

#if UNDIS_NDIS_LEGACY_NAMES
typedef struct _NET_BUFFER_LIST_DATA {
    PNET_BUFFER_LIST Next;
    PNET_BUFFER FirstNetBuffer;
} NET_BUFFER_LIST_DATA, *PNET_BUFFER_LIST_DATA;

typedef union _NET_BUFFER_LIST_HEADER {
    NET_BUFFER_LIST_DATA NetBufferListData;
    SLIST_HEADER Link;
} NET_BUFFER_LIST_HEADER, *PNET_BUFFER_LIST_HEADER;
#endif

/* NET_BUFFER_LIST: a list of NET_BUFFERs that share out-of-band data. */
struct _NET_BUFFER_LIST {
    union {
        struct {
            PNET_BUFFER_LIST Next;
            PNET_BUFFER FirstNetBuffer;
        };
        SLIST_HEADER Link;
#if UNDIS_NDIS_LEGACY_NAMES
        NET_BUFFER_LIST_HEADER NetBufferListHeader;
#endif
    };
    PNET_BUFFER_LIST_CONTEXT Context;
    PNET_BUFFER_LIST ParentNetBufferList;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[4];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[2];
    PVOID Scratch;
    NDIS_HANDLE SourceHandle;
    ULONG NblFlags;
    LONG ChildRefCount;
    ULONG Flags;
    union {
        NDIS_STATUS Status;
        ULONG NdisReserved2;
    };
    PVOID NetBufferListInfo[MaxNetBufferListInfo];
};

/* ------------------------------------------------------------------ */
/* 802.1Q out-of-band information (slot Ieee8021QNetBufferListInfo)    */
/* ------------------------------------------------------------------ */

typedef struct _NDIS_NET_BUFFER_LIST_8021Q_INFO {
    union {
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 Reserved : 16;
        } TagHeader;
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 WMMInfo : 4;
            UINT32 Reserved : 12;
        } WLanTagHeader;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_8021Q_INFO, *PNDIS_NET_BUFFER_LIST_8021Q_INFO;

UNDIS_CXX_EXTENSIONS_END

/* ------------------------------------------------------------------ */
/* Flag bits                                                           */
/* ------------------------------------------------------------------ */

/* NET_BUFFER_LIST.NblFlags (bits 0x01-0xFF belong to NDIS). */
#define NDIS_NBL_FLAGS_SEND_READ_ONLY                        0x00000001
#define NDIS_NBL_FLAGS_RECV_READ_ONLY                        0x00000002
#define NDIS_NBL_FLAGS_HD_SPLIT                              0x00000100
#define NDIS_NBL_FLAGS_IS_IPV4                               0x00000200
#define NDIS_NBL_FLAGS_IS_IPV6                               0x00000400
#define NDIS_NBL_FLAGS_IS_TCP                                0x00000800
#define NDIS_NBL_FLAGS_IS_UDP                                0x00001000
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_HEADER  0x00002000
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_PAYLOAD 0x00004000
#define NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET                    0x00008000
#if NDIS_SUPPORT_NDIS682
#    define NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT 0x00010000
#endif

/* NET_BUFFER_LIST.Flags: who owns which bits. */
#if NDIS_SUPPORT_NDIS630
#    define NBL_FLAGS_PROTOCOL_RESERVED 0xFFF00003U
#    define NBL_FLAGS_NDIS_RESERVED     0x00000FFCU
#else
#    define NBL_FLAGS_PROTOCOL_RESERVED 0xFFF00000U
#    define NBL_FLAGS_NDIS_RESERVED     0x00000FFFU
#endif
#define NBL_FLAGS_MINIPORT_RESERVED 0x0000F000U
#define NBL_FLAGS_SCRATCH           0x000F0000U

/* Clone flags. */
#define NDIS_CLONE_FLAGS_RESERVED          0x00000001
#define NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS 0x00000002

/* ------------------------------------------------------------------ */
/* Pool parameters                                                     */
/* ------------------------------------------------------------------ */

typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR ProtocolId;
    BOOLEAN fAllocateNetBuffer;
    USHORT ContextSize;
    ULONG PoolTag;
    ULONG DataSize;
#if NDIS_SUPPORT_NDIS687
    ULONG Flags;
#endif
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;

#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#if NDIS_SUPPORT_NDIS687
#    define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 2
#    define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, Flags)
#    define NET_BUFFER_LIST_POOL_FLAG_VERIFY 0x00000001
#endif

typedef struct _NET_BUFFER_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG PoolTag;
    ULONG DataSize;
#if NDIS_SUPPORT_NDIS687
    ULONG Flags;
#endif
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;

#define NET_BUFFER_POOL_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)
#if NDIS_SUPPORT_NDIS687
#    define NET_BUFFER_POOL_PARAMETERS_REVISION_2 2
#    define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 \
        RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, Flags)
#    define NET_BUFFER_POOL_FLAG_VERIFY 0x00000001
#endif

/* ------------------------------------------------------------------ */
/* The MDL callbacks (NetAllocateMdl / NetFreeMdl)                     */
/* ------------------------------------------------------------------ */

/*
 * NET_BUFFER_ALLOCATE_MDL: called by a retreat that needs more unused space.
 * In: *BufferSize is the size NDIS asks for. Out: one MDL whose buffer is
 * exactly *BufferSize bytes (ByteCount == *BufferSize); the callee may raise
 * *BufferSize but never lower it. Return NULL on failure. Called at the
 * caller's IRQL (<= DISPATCH_LEVEL), possibly on every processor at once.
 */
typedef _IRQL_requires_max_(DISPATCH_LEVEL) _IRQL_requires_same_
    _Function_class_(NET_BUFFER_ALLOCATE_MDL)
PMDL NET_BUFFER_ALLOCATE_MDL(_Inout_ PULONG BufferSize);
typedef NET_BUFFER_ALLOCATE_MDL *NET_BUFFER_ALLOCATE_MDL_HANDLER;

/*
 * NET_BUFFER_FREE_MDL: called by an advance with FreeMdl TRUE for each MDL it
 * drops, already unlinked. It must free the MDL and its buffer with the
 * mechanism of the matching NET_BUFFER_ALLOCATE_MDL.
 */
typedef _IRQL_requires_max_(DISPATCH_LEVEL) _IRQL_requires_same_
    _Function_class_(NET_BUFFER_FREE_MDL)
VOID NET_BUFFER_FREE_MDL(_In_ PMDL Mdl);
typedef NET_BUFFER_FREE_MDL *NET_BUFFER_FREE_MDL_HANDLER;

/* ------------------------------------------------------------------ */
/* Layout checks                                                       */
/* ------------------------------------------------------------------ */

UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Next) == 0);
UNDIS_C_ASSERT(sizeof(NDIS_NET_BUFFER_LIST_8021Q_INFO) == sizeof(PVOID));
UNDIS_C_ASSERT(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 == 16);
UNDIS_C_ASSERT(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 == 12);
#if NDIS_SUPPORT_NDIS687
UNDIS_C_ASSERT(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 == 20);
UNDIS_C_ASSERT(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 == 16);
#endif

#if UNDIS_PTR64
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, CurrentMdl) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, CurrentMdlOffset) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, MdlChain) == 32);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, DataOffset) == 40);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, ChecksumBias) == 48);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, Reserved) == 50);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, NdisPoolHandle) == 56);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, NdisReserved) == 64);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, ProtocolReserved) == 80);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, MiniportReserved) == 128);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, DataPhysicalAddress) == 160);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, SharedMemoryInfo) == 168);
UNDIS_C_ASSERT(sizeof(NET_BUFFER) == 176);
#    if UNDIS_NDIS_LEGACY_NAMES
UNDIS_C_ASSERT(sizeof(NET_BUFFER_DATA) == 0x30);
#    endif
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, FirstNetBuffer) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Context) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ParentNetBufferList) == 24);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NdisPoolHandle) == 32);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NdisReserved) == 48);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ProtocolReserved) == 64);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, MiniportReserved) == 96);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Scratch) == 112);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, SourceHandle) == 120);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NblFlags) == 128);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ChildRefCount) == 132);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Flags) == 136);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Status) == 140);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NetBufferListInfo) == 144);
UNDIS_C_ASSERT(sizeof(NET_BUFFER_LIST_CONTEXT) == 16);
#    if NDIS_SUPPORT_NDIS680
UNDIS_C_ASSERT(sizeof(NET_BUFFER_LIST) == 368);
#    endif
#else
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, CurrentMdl) == 4);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, CurrentMdlOffset) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, MdlChain) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, DataOffset) == 20);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, ChecksumBias) == 24);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, Reserved) == 26);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, NdisPoolHandle) == 28);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, NdisReserved) == 32);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, ProtocolReserved) == 40);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, MiniportReserved) == 64);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, DataPhysicalAddress) == 80);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER, SharedMemoryInfo) == 88);
UNDIS_C_ASSERT(sizeof(NET_BUFFER) == 96);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, FirstNetBuffer) == 4);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Context) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ParentNetBufferList) == 12);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NdisPoolHandle) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NdisReserved) == 24);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ProtocolReserved) == 32);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, MiniportReserved) == 48);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Scratch) == 56);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, SourceHandle) == 60);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NblFlags) == 64);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, ChildRefCount) == 68);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Flags) == 72);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Status) == 76);
UNDIS_C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, NetBufferListInfo) == 80);
UNDIS_C_ASSERT(sizeof(NET_BUFFER_LIST_CONTEXT) == 8);
#    if NDIS_SUPPORT_NDIS682
UNDIS_C_ASSERT(sizeof(NET_BUFFER_LIST) == 192);
#    endif
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NBL_H */
