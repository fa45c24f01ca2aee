/* SPDX-License-Identifier: MIT */
/*
 * unsupported_miniport.c: the miniport calls the driver host
 * (src/host/host_miniport.c) does not give behaviour yet. NdisMRemoveMiniport
 * fails with NDIS_STATUS_FAILURE (documented as the status when no more
 * specific one applies), NdisMGetDeviceProperty clears its out-parameters
 * (a virtual adapter has no device objects or resources); the VOID
 * NdisMResetComplete answers a reset the host never asks for, so reporting
 * and doing nothing is harmless.
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

VOID
NdisMResetComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status, BOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(Status);
    UNREFERENCED_PARAMETER(AddressingReset);
    undis__report_unsupported("NdisMResetComplete");
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
