/* SPDX-License-Identifier: MIT */
/*
 * unsupported_device.c: the I/O manager calls the driver host does not give
 * behaviour (<ndis/wdmio.h>); devices, IRPs the host sends, completion and
 * cancellation are the host's (src/host/host_device.c, host_irp.c). A driver
 * cannot build IRPs of its own: IoAllocateIrp returns NULL, IoFreeIrp
 * receives IRPs undis never created, IofCallDriver returns
 * STATUS_NOT_SUPPORTED without completing the IRP; IoIs32bitProcess returns
 * FALSE (a 64-bit or native caller). (ObfReferenceObject and
 * ObfDereferenceObject count system threads' references: rt_thread.c.)
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

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

BOOLEAN NTAPI
IoIs32bitProcess(PIRP Irp)
{
    UNREFERENCED_PARAMETER(Irp);
    undis__report_unsupported("IoIs32bitProcess");
    return FALSE;
}
