/* SPDX-License-Identifier: MIT */
/*
 * unsupported_device.c: device objects, IRPs and object references
 * (<ndis/wdmio.h>, NdisRegisterDeviceEx) while no I/O manager exists in user
 * mode. Creation fails (STATUS_NOT_SUPPORTED / NDIS_STATUS_FAILURE with NULL
 * out-parameters, NULL IRPs), IofCallDriver returns STATUS_NOT_SUPPORTED
 * without completing the IRP, IoCancelIrp and IoIs32bitProcess return FALSE
 * (a 64-bit or native caller), ObfDereferenceObject returns 0. The VOID calls
 * report and do nothing: IoDeleteDevice, IoFreeIrp and NdisDeregisterDeviceEx
 * receive objects undis never created; IofCompleteRequest does not run
 * completion routines (there is no IRP stack to unwind); the cancel spin lock
 * is not a lock (IoAcquireCancelSpinLock returns the current IRQL);
 * ObfReferenceObject counts nothing.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NTSTATUS NTAPI
IoCreateDevice(PDRIVER_OBJECT DriverObject,
               ULONG DeviceExtensionSize,
               PUNICODE_STRING DeviceName,
               DEVICE_TYPE DeviceType,
               ULONG DeviceCharacteristics,
               BOOLEAN Exclusive,
               PDEVICE_OBJECT *DeviceObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(DeviceExtensionSize);
    UNREFERENCED_PARAMETER(DeviceName);
    UNREFERENCED_PARAMETER(DeviceType);
    UNREFERENCED_PARAMETER(DeviceCharacteristics);
    UNREFERENCED_PARAMETER(Exclusive);
    undis__report_unsupported("IoCreateDevice");
    *DeviceObject = NULL;
    return STATUS_NOT_SUPPORTED;
}

VOID NTAPI
IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    undis__report_unsupported("IoDeleteDevice");
}

NTSTATUS NTAPI
IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName)
{
    UNREFERENCED_PARAMETER(SymbolicLinkName);
    UNREFERENCED_PARAMETER(DeviceName);
    undis__report_unsupported("IoCreateSymbolicLink");
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
    UNREFERENCED_PARAMETER(SymbolicLinkName);
    undis__report_unsupported("IoDeleteSymbolicLink");
    return STATUS_NOT_SUPPORTED;
}

VOID FASTCALL
IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(PriorityBoost);
    undis__report_unsupported("IofCompleteRequest");
}

NTSTATUS FASTCALL
IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IofCallDriver");
    return STATUS_NOT_SUPPORTED;
}

PIRP NTAPI
IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
    UNREFERENCED_PARAMETER(StackSize);
    UNREFERENCED_PARAMETER(ChargeQuota);
    undis__report_unsupported("IoAllocateIrp");
    return NULL;
}

VOID NTAPI
IoFreeIrp(PIRP Irp)
{
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IoFreeIrp");
}

VOID NTAPI
IoAcquireCancelSpinLock(PKIRQL Irql)
{
    undis__report_unsupported("IoAcquireCancelSpinLock");
    *Irql = KeGetCurrentIrql();
}

VOID NTAPI
IoReleaseCancelSpinLock(KIRQL Irql)
{
    UNREFERENCED_PARAMETER(Irql);
    undis__report_unsupported("IoReleaseCancelSpinLock");
}

BOOLEAN NTAPI
IoCancelIrp(PIRP Irp)
{
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IoCancelIrp");
    return FALSE;
}

BOOLEAN NTAPI
IoIs32bitProcess(PIRP Irp)
{
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IoIs32bitProcess");
    return FALSE;
}

VOID FASTCALL
ObfReferenceObject(PVOID Object)
{
    UNREFERENCED_PARAMETER(Object);
    undis__report_unsupported("ObfReferenceObject");
}

LONG_PTR FASTCALL
ObfDereferenceObject(PVOID Object)
{
    UNREFERENCED_PARAMETER(Object);
    undis__report_unsupported("ObfDereferenceObject");
    return 0;
}

NDIS_STATUS
NdisRegisterDeviceEx(NDIS_HANDLE NdisObjectHandle,
                     PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes,
                     PDEVICE_OBJECT *pDeviceObject,
                     PNDIS_HANDLE NdisDeviceHandle)
{
    UNREFERENCED_PARAMETER(NdisObjectHandle);
    UNREFERENCED_PARAMETER(DeviceObjectAttributes);
    undis__report_unsupported("NdisRegisterDeviceEx");
    *pDeviceObject = NULL;
    *NdisDeviceHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisDeregisterDeviceEx(NDIS_HANDLE NdisDeviceHandle)
{
    UNREFERENCED_PARAMETER(NdisDeviceHandle);
    undis__report_unsupported("NdisDeregisterDeviceEx");
}

PVOID
NdisGetDeviceReservedExtension(PDEVICE_OBJECT DeviceObject)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    undis__report_unsupported("NdisGetDeviceReservedExtension");
    return NULL;
}
