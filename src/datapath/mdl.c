/* SPDX-License-Identifier: MIT */
/*
 * mdl.c: MDL allocation, partial MDLs, the nonpaged-pool build and the
 * user-mode "mapping" (see <ndis/mdl.h> for the model).
 *
 * An MDL describes ByteCount bytes at StartVa + ByteOffset. In user mode the
 * PFN array holds virtual page numbers; it is filled so that code that reads
 * it (rarely, on a data path) sees plausible values.
 */
#include "base/check_after.h"
#include "base/verify.h"

#include <string.h>

/* Largest MDL whose Size still fits the CSHORT field. */
#define MDL_SIZE_MAX 0x7FFF

SIZE_T
MmSizeOfMdl(PVOID Base, SIZE_T Length)
{
    return sizeof(MDL) + sizeof(PFN_NUMBER) * (SIZE_T)ADDRESS_AND_SIZE_TO_SPAN_PAGES(Base, Length);
}

static void
mdl_fill_pfns(PMDL mdl)
{
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    ULONG_PTR page = (ULONG_PTR)mdl->StartVa >> PAGE_SHIFT;
    ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(mdl), mdl->ByteCount);
    for (ULONG i = 0; i < pages; i++) {
        pfn[i] = page + i;
    }
}

PMDL
IoAllocateMdl(
    PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp)
{
    SIZE_T size = MmSizeOfMdl(VirtualAddress, Length);
    PMDL mdl;
    if (undis__verify_on() &&
        !undis__verify_irql("IoAllocateMdl", (const void *)(uintptr_t)VirtualAddress)) {
        return NULL;
    }
    UNREFERENCED_PARAMETER(SecondaryBuffer);
    UNREFERENCED_PARAMETER(ChargeQuota);
    UNREFERENCED_PARAMETER(Irp);
    if ((Length & 0x80000000U) != 0 || size > MDL_SIZE_MAX) {
        return NULL;
    }
    mdl = (PMDL)undis__mem_alloc(size);
    if (mdl == NULL) {
        return NULL;
    }
    if (UNDIS_UNLIKELY(undis__mdl_freed_count != 0)) {
        undis__mdl_note_alloc(mdl);
    }
    memset(mdl, 0, sizeof(*mdl)); /* Windows leaves some fields as garbage; zero is a superset */
    MmInitializeMdl(mdl, VirtualAddress, Length);
    UNDIS_CHECK_AFTER_MDL("IoAllocateMdl", mdl);
    return mdl;
}

VOID
IoFreeMdl(PMDL Mdl)
{
    if (undis__verify_on() && !undis__verify_irql("IoFreeMdl", (const void *)(uintptr_t)Mdl)) {
        return;
    }
    if (undis__verify_level(2) && undis__mdl_note_free(Mdl)) {
        undis__report(UNDIS_RULE_DOUBLE_FREE, "IoFreeMdl", Mdl, NULL, NULL,
                      "MDL %p was already freed with IoFreeMdl", (void *)Mdl);
        return;
    }
    UNDIS_CHECK_AT_FREE_MDL("IoFreeMdl", Mdl);
    if ((Mdl->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED) != 0) {
        MmUnmapLockedPages(Mdl->MappedSystemVa, Mdl);
    }
    undis__mem_free(Mdl);
}

VOID
MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    if (undis__verify_on() && !undis__verify_irql("MmBuildMdlForNonPagedPool",
                                                  (const void *)(uintptr_t)MemoryDescriptorList)) {
        return;
    }
    mdl_fill_pfns(mdl);
    mdl->Process = NULL;
    mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
    mdl->MdlFlags = (CSHORT)(mdl->MdlFlags | MDL_SOURCE_IS_NONPAGED_POOL);
    UNDIS_CHECK_AFTER_MDL("MmBuildMdlForNonPagedPool", mdl);
}

VOID
IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl, PVOID VirtualAddress, ULONG Length)
{
    const CSHORT inherit =
        MDL_IO_PAGE_READ | MDL_SOURCE_IS_NONPAGED_POOL | MDL_MAPPED_TO_SYSTEM_VA | MDL_IO_SPACE;
    PCHAR src_va = (PCHAR)MmGetMdlVirtualAddress(SourceMdl);
    ULONG_PTR skip = (ULONG_PTR)((PCHAR)VirtualAddress - src_va);
    if (undis__verify_on() &&
        !undis__verify_irql("IoBuildPartialMdl", (const void *)(uintptr_t)TargetMdl)) {
        return;
    }
    if (Length == 0) {
        Length = SourceMdl->ByteCount - (ULONG)skip;
    }
    TargetMdl->StartVa = PAGE_ALIGN(VirtualAddress);
    TargetMdl->ByteOffset = BYTE_OFFSET(VirtualAddress);
    TargetMdl->ByteCount = Length;
    TargetMdl->Process = SourceMdl->Process;
    TargetMdl->MdlFlags = (CSHORT)((TargetMdl->MdlFlags & MDL_ALLOCATED_FIXED_SIZE) |
                                   (SourceMdl->MdlFlags & inherit) | MDL_PARTIAL);
    TargetMdl->MappedSystemVa = (SourceMdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA) != 0
                                    ? (PVOID)((PCHAR)SourceMdl->MappedSystemVa + skip)
                                    : NULL;
    if ((SourceMdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) != 0) {
        TargetMdl->MappedSystemVa = VirtualAddress;
    }
    mdl_fill_pfns(TargetMdl);
    UNDIS_CHECK_AFTER_MDL("IoBuildPartialMdl", TargetMdl);
}

PVOID
MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList,
                             KPROCESSOR_MODE AccessMode,
                             MEMORY_CACHING_TYPE CacheType,
                             PVOID RequestedAddress,
                             ULONG BugCheckOnFailure,
                             ULONG Priority)
{
    PMDL mdl = MemoryDescriptorList;
    UNREFERENCED_PARAMETER(AccessMode);
    UNREFERENCED_PARAMETER(CacheType);
    UNREFERENCED_PARAMETER(RequestedAddress);
    UNREFERENCED_PARAMETER(BugCheckOnFailure);
    UNREFERENCED_PARAMETER(Priority);
    if (!undis__map_allowed()) {
        return NULL;
    }
    mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
    mdl->MdlFlags = (CSHORT)(mdl->MdlFlags | MDL_MAPPED_TO_SYSTEM_VA);
    if ((mdl->MdlFlags & MDL_PARTIAL) != 0) {
        mdl->MdlFlags = (CSHORT)(mdl->MdlFlags | MDL_PARTIAL_HAS_BEEN_MAPPED);
    }
    UNDIS_CHECK_AFTER_MDL("MmMapLockedPagesSpecifyCache", mdl);
    return mdl->MappedSystemVa;
}

VOID
MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
    UNREFERENCED_PARAMETER(BaseAddress);
    MemoryDescriptorList->MdlFlags =
        (CSHORT)(MemoryDescriptorList->MdlFlags &
                 ~(MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL_HAS_BEEN_MAPPED));
    UNDIS_CHECK_AFTER_MDL("MmUnmapLockedPages", MemoryDescriptorList);
}

PMDL
NdisAllocateMdl(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, UINT Length)
{
    PMDL mdl = IoAllocateMdl(VirtualAddress, Length, FALSE, FALSE, NULL);
    UNREFERENCED_PARAMETER(NdisHandle);
    if (mdl != NULL) {
        MmBuildMdlForNonPagedPool(mdl);
        mdl->Next = NULL;
    }
    return mdl;
}

VOID
NdisFreeMdl(PMDL Mdl)
{
    IoFreeMdl(Mdl);
}
