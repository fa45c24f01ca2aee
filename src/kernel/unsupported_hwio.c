/* SPDX-License-Identifier: MIT */
/*
 * unsupported_hwio.c: the calls of <ndis/hwio.h> and <ndis/pnpres.h> that
 * need a device undis's virtual adapters do not have. Each reports
 * NOT_SUPPORTED_IN_USER_MODE once per process (base/report.h), then fails
 * the way its documentation allows:
 *   - NdisMRegisterScatterGatherDma: NDIS_STATUS_NOT_SUPPORTED (Windows'
 *     answer when the NIC is not a bus master), NULL handle; the calls on a
 *     DMA handle therefore cannot have one: NdisMAllocateNetBufferSGList
 *     answers NDIS_STATUS_RESOURCES without calling the driver back, and
 *     NdisMDeregisterScatterGatherDma / NdisMFreeNetBufferSGList only report;
 *   - NdisMRegisterIoPortRange, NdisMMapIoSpace: NDIS_STATUS_RESOURCES and a
 *     NULL address; NdisMDeregisterIoPortRange, NdisMUnmapIoSpace report;
 *   - NdisRawReadPort*: all ones, the value a read of an absent device gives
 *     on a PC bus; NdisRawWritePort*: the write is dropped;
 *   - NdisMGetBusData / NdisMSetBusData: 0 bytes transferred;
 *   - IoGetDeviceProperty: STATUS_INVALID_DEVICE_REQUEST (not a PDO).
 * docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisMRegisterScatterGatherDma(NDIS_HANDLE MiniportAdapterHandle,
                              PNDIS_SG_DMA_DESCRIPTION DmaDescription,
                              PNDIS_HANDLE NdisMiniportDmaHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(DmaDescription);
    undis__report_unsupported("NdisMRegisterScatterGatherDma");
    *NdisMiniportDmaHandle = NULL;
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
NdisMDeregisterScatterGatherDma(NDIS_HANDLE NdisMiniportDmaHandle)
{
    UNREFERENCED_PARAMETER(NdisMiniportDmaHandle);
    undis__report_unsupported("NdisMDeregisterScatterGatherDma");
}

NDIS_STATUS
NdisMAllocateNetBufferSGList(NDIS_HANDLE NdisMiniportDmaHandle,
                             PNET_BUFFER NetBuffer,
                             PVOID Context,
                             ULONG Flags,
                             PVOID ScatterGatherListBuffer,
                             ULONG ScatterGatherListBufferSize)
{
    UNREFERENCED_PARAMETER(NdisMiniportDmaHandle);
    UNREFERENCED_PARAMETER(NetBuffer);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Flags);
    UNREFERENCED_PARAMETER(ScatterGatherListBuffer);
    UNREFERENCED_PARAMETER(ScatterGatherListBufferSize);
    undis__report_unsupported("NdisMAllocateNetBufferSGList");
    return NDIS_STATUS_RESOURCES;
}

VOID
NdisMFreeNetBufferSGList(NDIS_HANDLE NdisMiniportDmaHandle,
                         PSCATTER_GATHER_LIST pSGL,
                         PNET_BUFFER NetBuffer)
{
    UNREFERENCED_PARAMETER(NdisMiniportDmaHandle);
    UNREFERENCED_PARAMETER(pSGL);
    UNREFERENCED_PARAMETER(NetBuffer);
    undis__report_unsupported("NdisMFreeNetBufferSGList");
}

NDIS_STATUS
NdisMRegisterIoPortRange(PVOID *PortOffset,
                         NDIS_HANDLE MiniportAdapterHandle,
                         UINT InitialPort,
                         UINT NumberOfPorts)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(InitialPort);
    UNREFERENCED_PARAMETER(NumberOfPorts);
    undis__report_unsupported("NdisMRegisterIoPortRange");
    *PortOffset = NULL;
    return NDIS_STATUS_RESOURCES;
}

VOID
NdisMDeregisterIoPortRange(NDIS_HANDLE MiniportAdapterHandle,
                           UINT InitialPort,
                           UINT NumberOfPorts,
                           PVOID PortOffset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(InitialPort);
    UNREFERENCED_PARAMETER(NumberOfPorts);
    UNREFERENCED_PARAMETER(PortOffset);
    undis__report_unsupported("NdisMDeregisterIoPortRange");
}

NDIS_STATUS
NdisMMapIoSpace(PVOID *VirtualAddress,
                NDIS_HANDLE MiniportAdapterHandle,
                NDIS_PHYSICAL_ADDRESS PhysicalAddress,
                UINT Length)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(PhysicalAddress);
    UNREFERENCED_PARAMETER(Length);
    undis__report_unsupported("NdisMMapIoSpace");
    *VirtualAddress = NULL;
    return NDIS_STATUS_RESOURCES;
}

VOID
NdisMUnmapIoSpace(NDIS_HANDLE MiniportAdapterHandle, PVOID VirtualAddress, UINT Length)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(VirtualAddress);
    UNREFERENCED_PARAMETER(Length);
    undis__report_unsupported("NdisMUnmapIoSpace");
}

VOID
NdisRawReadPortUchar(ULONG_PTR Port, PUCHAR Data)
{
    UNREFERENCED_PARAMETER(Port);
    undis__report_unsupported("NdisRawReadPortUchar");
    *Data = 0xFF;
}

VOID
NdisRawReadPortUshort(ULONG_PTR Port, PUSHORT Data)
{
    UNREFERENCED_PARAMETER(Port);
    undis__report_unsupported("NdisRawReadPortUshort");
    *Data = 0xFFFF;
}

VOID
NdisRawReadPortUlong(ULONG_PTR Port, PULONG Data)
{
    UNREFERENCED_PARAMETER(Port);
    undis__report_unsupported("NdisRawReadPortUlong");
    *Data = 0xFFFFFFFFU;
}

VOID
NdisRawWritePortUchar(ULONG_PTR Port, UCHAR Data)
{
    UNREFERENCED_PARAMETER(Port);
    UNREFERENCED_PARAMETER(Data);
    undis__report_unsupported("NdisRawWritePortUchar");
}

VOID
NdisRawWritePortUshort(ULONG_PTR Port, USHORT Data)
{
    UNREFERENCED_PARAMETER(Port);
    UNREFERENCED_PARAMETER(Data);
    undis__report_unsupported("NdisRawWritePortUshort");
}

VOID
NdisRawWritePortUlong(ULONG_PTR Port, ULONG Data)
{
    UNREFERENCED_PARAMETER(Port);
    UNREFERENCED_PARAMETER(Data);
    undis__report_unsupported("NdisRawWritePortUlong");
}

ULONG
NdisMGetBusData(
    NDIS_HANDLE NdisMiniportHandle, ULONG WhichSpace, ULONG Offset, PVOID Buffer, ULONG Length)
{
    UNREFERENCED_PARAMETER(NdisMiniportHandle);
    UNREFERENCED_PARAMETER(WhichSpace);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Buffer);
    UNREFERENCED_PARAMETER(Length);
    undis__report_unsupported("NdisMGetBusData");
    return 0;
}

ULONG
NdisMSetBusData(
    NDIS_HANDLE NdisMiniportHandle, ULONG WhichSpace, ULONG Offset, PVOID Buffer, ULONG Length)
{
    UNREFERENCED_PARAMETER(NdisMiniportHandle);
    UNREFERENCED_PARAMETER(WhichSpace);
    UNREFERENCED_PARAMETER(Offset);
    UNREFERENCED_PARAMETER(Buffer);
    UNREFERENCED_PARAMETER(Length);
    undis__report_unsupported("NdisMSetBusData");
    return 0;
}

NTSTATUS NTAPI
IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
                    DEVICE_REGISTRY_PROPERTY DeviceProperty,
                    ULONG BufferLength,
                    PVOID PropertyBuffer,
                    PULONG ResultLength)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(DeviceProperty);
    UNREFERENCED_PARAMETER(BufferLength);
    UNREFERENCED_PARAMETER(PropertyBuffer);
    if (ResultLength == NULL) {
        return STATUS_INVALID_PARAMETER_5;
    }
    undis__report_unsupported("IoGetDeviceProperty");
    *ResultLength = 0;
    return STATUS_INVALID_DEVICE_REQUEST;
}
