/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/hwio.h>: what a bus-master miniport uses to reach its device
 * (issue 12, helper compat-d, for virtio-win's NetKVM): shared memory,
 * scatter/gather DMA, I/O ports, memory-mapped registers and the bus's
 * configuration space, with the WDK's names, prototypes and layouts.
 *
 * What user mode can do is real (src/kernel/rt_hwio.c):
 * NdisMAllocateSharedMemory gives page-aligned memory whose "physical"
 * address is a logical address equal to the virtual one (a block not freed
 * is listed as a leak at unload), and NdisRead/WriteRegister* are volatile
 * accesses of the memory they are given. What needs a device fails as the
 * documentation allows and names itself once through the report hook
 * (src/kernel/unsupported_hwio.c): port I/O, mapping I/O space,
 * registering ports or scatter/gather DMA, the configuration space.
 */
#ifndef UNDIS_NDIS_HWIO_H
#define UNDIS_NDIS_HWIO_H

#include "compiler.h"
#include "types.h"
#include "status.h"
#include "objectheader.h"
#include "undis_assert.h"
#include "hwres.h"
#include "nbl.h"
#include "interlocked.h"

UNDIS_EXTERN_C_BEGIN

/* ---- shared memory (common buffers) --------------------------------------- */

typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE) VOID
    MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE(_In_ NDIS_HANDLE MiniportAdapterContext,
                                          _In_ PVOID VirtualAddress,
                                          _In_ PNDIS_PHYSICAL_ADDRESS PhysicalAddress,
                                          _In_ ULONG Length,
                                          _In_ PVOID Context);
typedef MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE(*MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE_HANDLER);

/*
 * Allocates Length bytes shared between the driver and its device. Post:
 * *VirtualAddress is a page-aligned block (contents undefined, as on
 * Windows) and *PhysicalAddress its logical address (the same number: undis
 * has no IOMMU). On failure (no memory, Length 0, a NULL handle) both are
 * 0/NULL. Ownership: the driver frees it with NdisMFreeSharedMemory, giving
 * back the same Length and addresses; one still held at unload is listed as
 * a leaked "memory" block. PASSIVE_LEVEL.
 */
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMAllocateSharedMemory(_In_ NDIS_HANDLE MiniportAdapterHandle,
                              _In_ ULONG Length,
                              _In_ BOOLEAN Cached,
                              _Out_ PVOID *VirtualAddress,
                              _Out_ PNDIS_PHYSICAL_ADDRESS PhysicalAddress);

/*
 * Frees a block NdisMAllocateSharedMemory gave. A VirtualAddress that is not
 * such a block, or a Length or PhysicalAddress that differs from the
 * allocation's, is a bug check (BAD_POOL_CALLER), as a corrupt free is on
 * Windows. PASSIVE_LEVEL.
 */
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMFreeSharedMemory(_In_ NDIS_HANDLE MiniportAdapterHandle,
                          _In_ ULONG Length,
                          _In_ BOOLEAN Cached,
                          _In_ PVOID VirtualAddress,
                          _In_ NDIS_PHYSICAL_ADDRESS PhysicalAddress);

/* ---- scatter/gather DMA ---------------------------------------------------- */

typedef _IRQL_requires_(DISPATCH_LEVEL) _Function_class_(MINIPORT_PROCESS_SG_LIST) VOID
    MINIPORT_PROCESS_SG_LIST(_In_ PDEVICE_OBJECT pDO,
                             _In_ PVOID Reserved,
                             _In_ PSCATTER_GATHER_LIST pSGL,
                             _In_ PVOID Context);
typedef MINIPORT_PROCESS_SG_LIST(*MINIPORT_PROCESS_SG_LIST_HANDLER);

#define NDIS_SG_DMA_64_BIT_ADDRESS         0x00000001U
#define NDIS_SG_DMA_V3_HAL_API             0x00000002U
#define NDIS_SG_DMA_HYBRID_DMA             0x00000004U
#define NDIS_SG_DMA_DESCRIPTION_REVISION_1 1
#define NDIS_SG_LIST_WRITE_TO_DEVICE       0x000000001U

typedef struct _NDIS_SG_DMA_DESCRIPTION {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG MaximumPhysicalMapping;
    MINIPORT_PROCESS_SG_LIST_HANDLER ProcessSGListHandler;
    MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE_HANDLER SharedMemAllocateCompleteHandler;
    ULONG ScatterGatherListSize;
} NDIS_SG_DMA_DESCRIPTION, *PNDIS_SG_DMA_DESCRIPTION;
#define NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_SG_DMA_DESCRIPTION, ScatterGatherListSize)

/*
 * Scatter/gather DMA needs a bus-master device: registration fails with
 * NDIS_STATUS_NOT_SUPPORTED (what Windows answers a miniport that did not say
 * its NIC is a bus master) and *NdisMiniportDmaHandle NULL. The calls on a
 * DMA handle can therefore not have one: NdisMAllocateNetBufferSGList
 * answers NDIS_STATUS_RESOURCES without calling ProcessSGListHandler, and
 * the deregistration and free only report. Each names itself once.
 * PASSIVE_LEVEL for (de)registration, <= DISPATCH_LEVEL for the lists.
 */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisMRegisterScatterGatherDma(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                  _Inout_ PNDIS_SG_DMA_DESCRIPTION DmaDescription,
                                  _Out_ PNDIS_HANDLE NdisMiniportDmaHandle);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMDeregisterScatterGatherDma(_In_ NDIS_HANDLE NdisMiniportDmaHandle);
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisMAllocateNetBufferSGList(_In_ NDIS_HANDLE NdisMiniportDmaHandle,
                                 _In_ PNET_BUFFER NetBuffer,
                                 _In_ PVOID Context,
                                 _In_ ULONG Flags,
                                 _In_opt_ PVOID ScatterGatherListBuffer,
                                 _In_ ULONG ScatterGatherListBufferSize);
_IRQL_requires_(DISPATCH_LEVEL) VOID
    NdisMFreeNetBufferSGList(_In_ NDIS_HANDLE NdisMiniportDmaHandle,
                             _In_ PSCATTER_GATHER_LIST pSGL,
                             _In_ PNET_BUFFER NetBuffer);

/* ---- I/O ports and I/O space ----------------------------------------------- */

/*
 * A virtual adapter has no I/O ports and no device memory to map: the
 * registrations fail with NDIS_STATUS_RESOURCES and a NULL address, the
 * unregistrations only report, a port read gives all ones (what a read of
 * an absent device gives on a PC bus) and a port write is dropped. Each
 * names itself once. PASSIVE_LEVEL for the registrations; any IRQL for the
 * port accesses.
 */
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisMRegisterIoPortRange(_Out_ PVOID *PortOffset,
                             _In_ NDIS_HANDLE MiniportAdapterHandle,
                             _In_ UINT InitialPort,
                             _In_ UINT NumberOfPorts);
_IRQL_requires_(PASSIVE_LEVEL) VOID
    NdisMDeregisterIoPortRange(_In_ NDIS_HANDLE MiniportAdapterHandle,
                               _In_ UINT InitialPort,
                               _In_ UINT NumberOfPorts,
                               _In_ PVOID PortOffset);
_IRQL_requires_(PASSIVE_LEVEL) NDIS_STATUS
    NdisMMapIoSpace(_Outptr_result_bytebuffer_(Length) PVOID *VirtualAddress,
                    _In_ NDIS_HANDLE MiniportAdapterHandle,
                    _In_ NDIS_PHYSICAL_ADDRESS PhysicalAddress,
                    _In_ UINT Length);
_IRQL_requires_(PASSIVE_LEVEL) VOID NdisMUnmapIoSpace(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                                      _In_ PVOID VirtualAddress,
                                                      _In_ UINT Length);

VOID NdisRawReadPortUchar(_In_ ULONG_PTR Port, _Out_ PUCHAR Data);
VOID NdisRawReadPortUshort(_In_ ULONG_PTR Port, _Out_ PUSHORT Data);
VOID NdisRawReadPortUlong(_In_ ULONG_PTR Port, _Out_ PULONG Data);
VOID NdisRawWritePortUchar(_In_ ULONG_PTR Port, _In_ UCHAR Data);
VOID NdisRawWritePortUshort(_In_ ULONG_PTR Port, _In_ USHORT Data);
VOID NdisRawWritePortUlong(_In_ ULONG_PTR Port, _In_ ULONG Data);

/* ---- memory-mapped registers (real) ---------------------------------------- */

/*
 * One volatile access of the register (memory the driver mapped, or any
 * memory of the right alignment in user mode), as the WDK's macros over
 * READ_REGISTER_* / WRITE_REGISTER_* do; a write is followed by a full
 * memory barrier, as on Windows. Any IRQL.
 */
/* READ_REGISTER_* / WRITE_REGISTER_* as the WDK declares them, as inline
 * functions (the pointer conversion happens at the call, so a register
 * read through another type's pointer is not a type-punned dereference in
 * the caller's expression). */
UNDIS_INLINE UCHAR
READ_REGISTER_UCHAR(volatile UCHAR *Register)
{
    return *Register;
}
UNDIS_INLINE USHORT
READ_REGISTER_USHORT(volatile USHORT *Register)
{
    return *Register;
}
UNDIS_INLINE ULONG
READ_REGISTER_ULONG(volatile ULONG *Register)
{
    return *Register;
}
UNDIS_INLINE VOID
WRITE_REGISTER_UCHAR(volatile UCHAR *Register, UCHAR Value)
{
    *Register = Value;
    KeMemoryBarrier();
}
UNDIS_INLINE VOID
WRITE_REGISTER_USHORT(volatile USHORT *Register, USHORT Value)
{
    *Register = Value;
    KeMemoryBarrier();
}
UNDIS_INLINE VOID
WRITE_REGISTER_ULONG(volatile ULONG *Register, ULONG Value)
{
    *Register = Value;
    KeMemoryBarrier();
}

#define NdisReadRegisterUchar(Register, Data) \
    (*(Data) = READ_REGISTER_UCHAR((volatile UCHAR *)(Register)))
#define NdisReadRegisterUshort(Register, Data) \
    (*(Data) = READ_REGISTER_USHORT((volatile USHORT *)(Register)))
#define NdisReadRegisterUlong(Register, Data) \
    (*(Data) = READ_REGISTER_ULONG((volatile ULONG *)(Register)))
#define NdisWriteRegisterUchar(Register, Data) \
    WRITE_REGISTER_UCHAR((volatile UCHAR *)(Register), (UCHAR)(Data))
#define NdisWriteRegisterUshort(Register, Data) \
    WRITE_REGISTER_USHORT((volatile USHORT *)(Register), (USHORT)(Data))
#define NdisWriteRegisterUlong(Register, Data) \
    WRITE_REGISTER_ULONG((volatile ULONG *)(Register), (ULONG)(Data))

/* ---- configuration space ----------------------------------------------------- */

/*
 * A virtual adapter sits on no bus: NdisMGetBusData reads no byte and
 * NdisMSetBusData writes none (each returns 0, the number of bytes
 * transferred, and names itself once; Buffer is left unchanged). Any IRQL.
 */
ULONG NdisMGetBusData(_In_ NDIS_HANDLE NdisMiniportHandle,
                      _In_ ULONG WhichSpace,
                      _In_ ULONG Offset,
                      _Out_writes_bytes_(Length) PVOID Buffer,
                      _In_ ULONG Length);
ULONG NdisMSetBusData(_In_ NDIS_HANDLE NdisMiniportHandle,
                      _In_ ULONG WhichSpace,
                      _In_ ULONG Offset,
                      _In_reads_bytes_(Length) PVOID Buffer,
                      _In_ ULONG Length);

#if UNDIS_PTR64
UNDIS_C_ASSERT(NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 == 36);
UNDIS_C_ASSERT(sizeof(NDIS_SG_DMA_DESCRIPTION) == 40);
#else
UNDIS_C_ASSERT(NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 == 24);
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_HWIO_H */
