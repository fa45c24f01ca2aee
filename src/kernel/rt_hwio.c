/* SPDX-License-Identifier: MIT */
/*
 * rt_hwio.c: the device-access and PnP-side calls of <ndis/hwio.h> and
 * <ndis/pnpres.h> that work in user mode: shared memory (page-aligned pool
 * blocks, tracked so that one not freed is listed as a leak at unload,
 * whose logical address is the virtual address), NdisInitializeString and
 * NdisProcessorNumberToIndex.
 */
#include "kernel/rt_services.h"

#include <string.h>

#define SHARED_MEMORY_TAG 0x6D68734EU /* 'Nshm' */
#define STRING_TAG        0x7274734EU /* 'Nstr' */

VOID
NdisMAllocateSharedMemory(NDIS_HANDLE MiniportAdapterHandle,
                          ULONG Length,
                          BOOLEAN Cached,
                          PVOID *VirtualAddress,
                          PNDIS_PHYSICAL_ADDRESS PhysicalAddress)
{
    PVOID p = NULL;
    (void)Cached; /* always cached memory, as on x86 and x64 */
    if (MiniportAdapterHandle != NULL && Length != 0) {
        p = undis__rt_pool_alloc(Length, SHARED_MEMORY_TAG, PAGE_SIZE, UNDIS_RETURN_ADDRESS());
    }
    *VirtualAddress = p;
    PhysicalAddress->QuadPart = (LONGLONG)(ULONG_PTR)p;
}

VOID
NdisMFreeSharedMemory(NDIS_HANDLE MiniportAdapterHandle,
                      ULONG Length,
                      BOOLEAN Cached,
                      PVOID VirtualAddress,
                      NDIS_PHYSICAL_ADDRESS PhysicalAddress)
{
    (void)MiniportAdapterHandle;
    (void)Cached;
    if (undis__rt_pool_size(VirtualAddress) != Length) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 0xD,
                           "NdisMFreeSharedMemory: Length is not the length allocated");
    }
    if (PhysicalAddress.QuadPart != (LONGLONG)(ULONG_PTR)VirtualAddress) {
        undis__rt_bugcheck(BAD_POOL_CALLER, 0xD,
                           "NdisMFreeSharedMemory: PhysicalAddress is not the block's");
    }
    ExFreePoolWithTag(VirtualAddress, SHARED_MEMORY_TAG);
}

VOID
NdisInitializeString(PNDIS_STRING Destination, PUCHAR Source)
{
    size_t n = Source != NULL ? strlen((const char *)Source) : 0;
    size_t i;
    Destination->Buffer = NULL;
    Destination->Length = 0;
    Destination->MaximumLength = 0;
    if ((n + 1) * sizeof(WCHAR) > UNICODE_STRING_MAX_BYTES) {
        return;
    }
    Destination->Buffer =
        (PWSTR)ExAllocatePoolWithTag(NonPagedPoolNx, (n + 1) * sizeof(WCHAR), STRING_TAG);
    if (Destination->Buffer == NULL) {
        return;
    }
    for (i = 0; i < n; i++) {
        Destination->Buffer[i] = (WCHAR)Source[i];
    }
    Destination->Buffer[n] = 0;
    Destination->Length = (USHORT)(n * sizeof(WCHAR));
    Destination->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
}

ULONG
NdisProcessorNumberToIndex(PROCESSOR_NUMBER ProcNum)
{
    return KeGetProcessorIndexFromNumber(&ProcNum);
}
