/* SPDX-License-Identifier: MIT */
/*
 * unsupported_kmisc.c: the kernel calls of <ndis/kmisc.h> and <wdmsec.h>
 * that npcap's filter makes while loading and opening (issue 12, helper
 * compat-c). RtlCheckRegistryKey: undis has no registry, so no key exists:
 * STATUS_OBJECT_NAME_NOT_FOUND (the documented answer for a missing key).
 * IoGetRequestorProcessId: every IRP the driver host sends comes from this
 * process, so its id is the answer; it reports once because a driver that
 * compares ids across processes gets one process. Both report
 * NOT_SUPPORTED_IN_USER_MODE once per process. IoCreateDeviceSecure is
 * IoCreateDevice (the driver host's) without enforcing the SDDL string: it
 * does not report, the device it creates behaves as IoCreateDevice's.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"
#include "platform/platform.h"

#include <ndis.h>
#include <wdmsec.h>

NTSTATUS NTAPI
RtlCheckRegistryKey(ULONG RelativeTo, PWSTR Path)
{
    UNREFERENCED_PARAMETER(RelativeTo);
    UNREFERENCED_PARAMETER(Path);
    undis__report_unsupported("RtlCheckRegistryKey");
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

ULONG NTAPI
IoGetRequestorProcessId(PIRP Irp)
{
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IoGetRequestorProcessId");
    return (ULONG)undis__process_id();
}

NTSTATUS NTAPI
IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject,
                     ULONG DeviceExtensionSize,
                     PUNICODE_STRING DeviceName,
                     DEVICE_TYPE DeviceType,
                     ULONG DeviceCharacteristics,
                     BOOLEAN Exclusive,
                     PCUNICODE_STRING DefaultSDDLString,
                     LPCGUID DeviceClassGuid,
                     PDEVICE_OBJECT *DeviceObject)
{
    UNREFERENCED_PARAMETER(DefaultSDDLString);
    UNREFERENCED_PARAMETER(DeviceClassGuid);
    return IoCreateDevice(DriverObject, DeviceExtensionSize, DeviceName, DeviceType,
                          DeviceCharacteristics, Exclusive, DeviceObject);
}
