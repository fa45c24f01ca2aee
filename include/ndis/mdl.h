/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/mdl.h>: the memory descriptor list (MDL) and the MDL routines
 * and macros a network data path uses (wdm.h, mdlapi.h, ndis.h in the WDK).
 *
 * User-mode model: every buffer is treated as nonpaged memory that is already
 * mapped. MmBuildMdlForNonPagedPool sets MappedSystemVa and
 * MDL_SOURCE_IS_NONPAGED_POOL; MmGetSystemAddressForMdlSafe returns
 * MappedSystemVa when MDL_MAPPED_TO_SYSTEM_VA or MDL_SOURCE_IS_NONPAGED_POOL is
 * set and otherwise "maps" the MDL (which a test can make fail, see
 * <undis/fault.h>). The PFN array holds virtual page numbers (va >> 12).
 *
 * Layout (x64 / x86 offsets): Next 0/0, Size 8/4, MdlFlags 10/6, Process
 * 16/8, MappedSystemVa 24/12, StartVa 32/16, ByteCount 40/20, ByteOffset
 * 44/24; sizeof(MDL) 48/28, then the PFN array.
 */
#ifndef UNDIS_NDIS_MDL_H
#define UNDIS_NDIS_MDL_H

#include "types.h"
#include "undis_assert.h"

UNDIS_EXTERN_C_BEGIN

typedef struct _MDL {
    struct _MDL *Next;
    CSHORT Size;
    CSHORT MdlFlags;
    struct _EPROCESS *Process;
    PVOID MappedSystemVa;
    PVOID StartVa;
    ULONG ByteCount;
    ULONG ByteOffset;
} MDL, *PMDL;

typedef MDL *PMDLX;

#define MDL_MAPPED_TO_SYSTEM_VA     0x0001
#define MDL_PAGES_LOCKED            0x0002
#define MDL_SOURCE_IS_NONPAGED_POOL 0x0004
#define MDL_ALLOCATED_FIXED_SIZE    0x0008
#define MDL_PARTIAL                 0x0010
#define MDL_PARTIAL_HAS_BEEN_MAPPED 0x0020
#define MDL_IO_PAGE_READ            0x0040
#define MDL_WRITE_OPERATION         0x0080
#define MDL_LOCKED_PAGE_TABLES      0x0100
#define MDL_PARENT_MAPPED_SYSTEM_VA MDL_LOCKED_PAGE_TABLES
#define MDL_FREE_EXTRA_PTES         0x0200
#define MDL_DESCRIBES_AWE           0x0400
#define MDL_IO_SPACE                0x0800
#define MDL_NETWORK_HEADER          0x1000
#define MDL_MAPPING_CAN_FAIL        0x2000
#define MDL_PAGE_CONTENTS_INVARIANT 0x4000
#define MDL_ALLOCATED_MUST_SUCCEED  MDL_PAGE_CONTENTS_INVARIANT
#define MDL_INTERNAL                0x8000

#define MDL_MAPPING_FLAGS                                                       \
    (MDL_MAPPED_TO_SYSTEM_VA | MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | \
     MDL_PARTIAL_HAS_BEEN_MAPPED | MDL_PARENT_MAPPED_SYSTEM_VA | MDL_IO_SPACE)

/* Page arithmetic (PAGE_SIZE 4096). */
#define BYTE_OFFSET(Va)      ((ULONG)((LONG_PTR)(Va) & (PAGE_SIZE - 1)))
#define PAGE_ALIGN(Va)       ((PVOID)((ULONG_PTR)(Va) & ~((ULONG_PTR)PAGE_SIZE - 1)))
#define ROUND_TO_PAGES(Size) (((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~((ULONG_PTR)PAGE_SIZE - 1))
#define BYTES_TO_PAGES(Size) (((Size) >> PAGE_SHIFT) + (((Size) & (PAGE_SIZE - 1)) != 0))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
    ((ULONG)((((ULONG_PTR)BYTE_OFFSET(Va)) + ((ULONG_PTR)(Size)) + (PAGE_SIZE - 1)) >> PAGE_SHIFT))
#define COMPUTE_PAGES_SPANNED(Va, Size) ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size)

/* Field accessors: any IRQL. */
#define MmGetMdlPfnArray(Mdl)       ((PPFN_NUMBER)((Mdl) + 1))
#define MmGetMdlBaseVa(Mdl)         ((Mdl)->StartVa)
#define MmGetMdlByteCount(Mdl)      ((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl)     ((Mdl)->ByteOffset)
#define MmGetMdlVirtualAddress(Mdl) ((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))

typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;

typedef enum _MEMORY_CACHING_TYPE {
    MmNonCached = 0,
    MmCached = 1,
    MmWriteCombined = 2,
    MmHardwareCoherentCached = 3,
    MmNonCachedUnordered = 4,
    MmUSWCCached = 5,
    MmMaximumCacheType = 6,
    MmNotMapped = -1
} MEMORY_CACHING_TYPE;

typedef enum _MM_PAGE_PRIORITY {
    LowPagePriority = 0,
    NormalPagePriority = 16,
    HighPagePriority = 32
} MM_PAGE_PRIORITY;

#define MdlMappingNoWrite   0x80000000U
#define MdlMappingNoExecute 0x40000000U

/**
 * MmSizeOfMdl - bytes needed for an MDL describing [Base, Base+Length).
 * @return sizeof(MDL) + sizeof(PFN_NUMBER) * pages spanned. Any IRQL.
 */
SIZE_T MmSizeOfMdl(PVOID Base, SIZE_T Length);

/**
 * MmInitializeMdl - initialise caller storage as an MDL for a buffer.
 * pre: MemoryDescriptorList holds at least MmSizeOfMdl(BaseVa, Length) bytes.
 * post: Next NULL, Size set, MdlFlags 0, StartVa/ByteOffset from BaseVa,
 *       ByteCount = Length. Process and MappedSystemVa are not touched.
 * threads: any IRQL; the MDL must not be shared while it is initialised.
 */
UNDIS_INLINE VOID
MmInitializeMdl(PMDL MemoryDescriptorList, PVOID BaseVa, SIZE_T Length)
{
    MemoryDescriptorList->Next = (PMDL)NULL;
    MemoryDescriptorList->Size =
        (CSHORT)(sizeof(MDL) + sizeof(PFN_NUMBER) * ADDRESS_AND_SIZE_TO_SPAN_PAGES(BaseVa, Length));
    MemoryDescriptorList->MdlFlags = 0;
    MemoryDescriptorList->StartVa = PAGE_ALIGN(BaseVa);
    MemoryDescriptorList->ByteOffset = BYTE_OFFSET(BaseVa);
    MemoryDescriptorList->ByteCount = (ULONG)Length;
}

/**
 * IoAllocateMdl - allocate an MDL for a buffer (the buffer is not touched).
 * @return the MDL, initialised as MmInitializeMdl does, or NULL when memory
 *         runs out (or Length has bit 31 set). The PFN array is not built and
 *         MappedSystemVa is not set: call MmBuildMdlForNonPagedPool.
 * pre: ChargeQuota FALSE; SecondaryBuffer FALSE unless Irp is given.
 * ownership: free with IoFreeMdl. If Irp is non-NULL it is ignored in user mode.
 * threads: <= DISPATCH_LEVEL; safe from any thread.
 */
PMDL IoAllocateMdl(_In_opt_ PVOID VirtualAddress,
                   _In_ ULONG Length,
                   _In_ BOOLEAN SecondaryBuffer,
                   _In_ BOOLEAN ChargeQuota,
                   _Inout_opt_ PIRP Irp);

/**
 * IoFreeMdl - free one MDL from IoAllocateMdl (never its chain or buffer).
 * threads: <= DISPATCH_LEVEL.
 */
VOID IoFreeMdl(_In_ PMDL Mdl);

/**
 * IoBuildPartialMdl - make TargetMdl describe [VirtualAddress, +Length) of
 * the buffer SourceMdl describes (Length 0: up to the end of SourceMdl).
 * post: PFNs copied, MDL_PARTIAL set, MDL_IO_PAGE_READ, MDL_SOURCE_IS_NONPAGED_POOL,
 *       MDL_MAPPED_TO_SYSTEM_VA and MDL_IO_SPACE inherited, MappedSystemVa
 *       offset from SourceMdl's.
 * pre: TargetMdl is large enough (MmSizeOfMdl) and the range lies in SourceMdl.
 */
VOID IoBuildPartialMdl(_In_ PMDL SourceMdl,
                       _Inout_ PMDL TargetMdl,
                       _In_ PVOID VirtualAddress,
                       _In_ ULONG Length);

/**
 * MmBuildMdlForNonPagedPool - fill the PFN array, set Process NULL,
 * MappedSystemVa = StartVa + ByteOffset, and OR in MDL_SOURCE_IS_NONPAGED_POOL.
 * pre: ByteCount != 0 and none of PAGES_LOCKED, MAPPED_TO_SYSTEM_VA,
 *      SOURCE_IS_NONPAGED_POOL or PARTIAL set.
 * threads: <= DISPATCH_LEVEL.
 */
VOID MmBuildMdlForNonPagedPool(_Inout_ PMDL MemoryDescriptorList);

/**
 * MmMapLockedPagesSpecifyCache - "map" the MDL's pages into system space.
 * In user mode the buffer is already addressable: this sets MappedSystemVa
 * and MDL_MAPPED_TO_SYSTEM_VA and returns the address, or returns NULL when a
 * test injected a mapping failure (<undis/fault.h>).
 */
PVOID MmMapLockedPagesSpecifyCache(_Inout_ PMDL MemoryDescriptorList,
                                   _In_ KPROCESSOR_MODE AccessMode,
                                   _In_ MEMORY_CACHING_TYPE CacheType,
                                   _In_opt_ PVOID RequestedAddress,
                                   _In_ ULONG BugCheckOnFailure,
                                   _In_ ULONG Priority);

/** MmUnmapLockedPages - undo MmMapLockedPagesSpecifyCache. */
VOID MmUnmapLockedPages(_In_ PVOID BaseAddress, _Inout_ PMDL MemoryDescriptorList);

/**
 * MmGetSystemAddressForMdlSafe - system address of the MDL's buffer.
 * @return MappedSystemVa when MDL_MAPPED_TO_SYSTEM_VA or
 *         MDL_SOURCE_IS_NONPAGED_POOL is set; otherwise maps the MDL, and
 *         returns NULL if mapping fails. threads: <= DISPATCH_LEVEL.
 */
UNDIS_INLINE PVOID
MmGetSystemAddressForMdlSafe(PMDL Mdl, ULONG Priority)
{
    if ((Mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) != 0) {
        return Mdl->MappedSystemVa;
    }
    return MmMapLockedPagesSpecifyCache(Mdl, (KPROCESSOR_MODE)KernelMode, MmCached, (PVOID)NULL, 0U,
                                        Priority);
}

/** MmGetSystemAddressForMdl - the same without the failure tolerance. */
#define MmGetSystemAddressForMdl(Mdl) MmGetSystemAddressForMdlSafe((Mdl), NormalPagePriority)

/* ------------------------------------------------------------------ */
/* NDIS MDL helpers (ndis.h / mdlapi.h)                                */
/* ------------------------------------------------------------------ */

/**
 * NdisAllocateMdl - allocate an MDL for a nonpaged buffer, ready for use.
 * @return the MDL (IoAllocateMdl + MmBuildMdlForNonPagedPool, Next NULL), or
 *         NULL when memory runs out. NdisHandle is not used (as in Windows).
 * ownership: free with NdisFreeMdl; the buffer stays the caller's.
 * threads: <= DISPATCH_LEVEL.
 */
PMDL NdisAllocateMdl(_In_ NDIS_HANDLE NdisHandle,
                     _In_reads_bytes_(Length) PVOID VirtualAddress,
                     _In_ UINT Length);

/** NdisFreeMdl - free an MDL from NdisAllocateMdl (IoFreeMdl semantics). */
VOID NdisFreeMdl(_In_ PMDL Mdl);

/* NdisQueryMdl: the mapped address (or NULL) and the byte count. */
#define NdisQueryMdl(_Mdl, _VirtualAddress, _Length, _Priority)                                 \
    do {                                                                                        \
        if ((_VirtualAddress) != NULL) {                                                        \
            *((PVOID *)(_VirtualAddress)) =                                                     \
                MmGetSystemAddressForMdlSafe((_Mdl), (ULONG)(_Priority) | MdlMappingNoExecute); \
        }                                                                                       \
        *(_Length) = MmGetMdlByteCount(_Mdl);                                                   \
    } while (0)

#define NdisQueryMdlOffset(_Mdl, _Offset, _Length) \
    do {                                           \
        *(_Offset) = MmGetMdlByteOffset(_Mdl);     \
        *(_Length) = MmGetMdlByteCount(_Mdl);      \
    } while (0)

#define NDIS_MDL_LINKAGE(_Mdl)                ((_Mdl)->Next)
#define NdisGetNextMdl(_CurrentMdl, _NextMdl) ((*(_NextMdl)) = (_CurrentMdl)->Next)
#define NdisAdjustMdlLength(_Mdl, _Length)    ((_Mdl)->ByteCount = (_Length))

#define NDIS_MDL_TO_SPAN_PAGES(_Mdl) \
    (MmGetMdlByteCount(_Mdl) == 0    \
         ? 1                         \
         : ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(_Mdl), MmGetMdlByteCount(_Mdl)))
#define NdisGetMdlPhysicalArraySize(_Mdl, _ArraySize) (*(_ArraySize) = NDIS_MDL_TO_SPAN_PAGES(_Mdl))

#if UNDIS_PTR64
UNDIS_C_ASSERT(sizeof(MDL) == 48);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, Size) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, MdlFlags) == 10);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, Process) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, MappedSystemVa) == 24);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, StartVa) == 32);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, ByteCount) == 40);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, ByteOffset) == 44);
#else
UNDIS_C_ASSERT(sizeof(MDL) == 28);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, Size) == 4);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, MdlFlags) == 6);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, Process) == 8);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, MappedSystemVa) == 12);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, StartVa) == 16);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, ByteCount) == 20);
UNDIS_C_ASSERT(FIELD_OFFSET(MDL, ByteOffset) == 24);
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_MDL_H */
