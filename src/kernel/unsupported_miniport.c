/* SPDX-License-Identifier: MIT */
/*
 * unsupported_miniport.c: the miniport role (NdisM*) while no driver host
 * gives it real behaviour. Registration and the calls that change an
 * adapter fail with NDIS_STATUS_FAILURE (documented as the status when no
 * more specific one applies) and clear their out-parameters; the VOID
 * completions (NdisMPauseComplete, NdisMRestartComplete, NdisMResetComplete)
 * answer a request that only a host could have made, so reporting and doing
 * nothing is harmless; NdisMDeregisterMiniportDriver has nothing to undo.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

static void
clear_device(PDEVICE_OBJECT *device)
{
    if (device != NULL) {
        *device = NULL;
    }
}

static void
clear_resources(PCM_RESOURCE_LIST *resources)
{
    if (resources != NULL) {
        *resources = NULL;
    }
}

NDIS_STATUS
NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject,
                            PUNICODE_STRING RegistryPath,
                            NDIS_HANDLE MiniportDriverContext,
                            PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics,
                            PNDIS_HANDLE NdisMiniportDriverHandle)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportDriverCharacteristics);
    undis__report_unsupported("NdisMRegisterMiniportDriver");
    *NdisMiniportDriverHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle)
{
    UNREFERENCED_PARAMETER(NdisMiniportDriverHandle);
    undis__report_unsupported("NdisMDeregisterMiniportDriver");
}

NDIS_STATUS
NdisMSetMiniportAttributes(NDIS_HANDLE NdisMiniportHandle,
                           PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes)
{
    UNREFERENCED_PARAMETER(NdisMiniportHandle);
    UNREFERENCED_PARAMETER(MiniportAttributes);
    undis__report_unsupported("NdisMSetMiniportAttributes");
    return NDIS_STATUS_FAILURE;
}

VOID
NdisMResetComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status, BOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(Status);
    UNREFERENCED_PARAMETER(AddressingReset);
    undis__report_unsupported("NdisMResetComplete");
}

VOID
NdisMPauseComplete(NDIS_HANDLE MiniportAdapterHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    undis__report_unsupported("NdisMPauseComplete");
}

VOID
NdisMRestartComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(Status);
    undis__report_unsupported("NdisMRestartComplete");
}

NDIS_STATUS
NdisMRemoveMiniport(NDIS_HANDLE MiniportAdapterHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    undis__report_unsupported("NdisMRemoveMiniport");
    return NDIS_STATUS_FAILURE;
}

VOID
NdisMGetDeviceProperty(NDIS_HANDLE MiniportAdapterHandle,
                       PDEVICE_OBJECT *PhysicalDeviceObject,
                       PDEVICE_OBJECT *FunctionalDeviceObject,
                       PDEVICE_OBJECT *NextDeviceObject,
                       PCM_RESOURCE_LIST *AllocatedResources,
                       PCM_RESOURCE_LIST *AllocatedResourcesTranslated)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    undis__report_unsupported("NdisMGetDeviceProperty");
    clear_device(PhysicalDeviceObject);
    clear_device(FunctionalDeviceObject);
    clear_device(NextDeviceObject);
    clear_resources(AllocatedResources);
    clear_resources(AllocatedResourcesTranslated);
}
