/* SPDX-License-Identifier: MIT */
/*
 * unsupported_hwassist.c: the hardware-assist calls of <ndis/hwassist.h>
 * that need a device undis does not have. NdisAllocateSharedMemory fails
 * with NDIS_STATUS_RESOURCES (the failure its documentation gives) and a
 * NULL handle; NdisFreeSharedMemory only reports, since no allocation can
 * have succeeded; NdisGetRssProcessorInformation answers
 * NDIS_STATUS_NOT_SUPPORTED with *Size 0 (there is no RSS processor set).
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisAllocateSharedMemory(NDIS_HANDLE NdisHandle,
                         PNDIS_SHARED_MEMORY_PARAMETERS SharedMemoryParameters,
                         PNDIS_HANDLE pAllocationHandle)
{
    UNREFERENCED_PARAMETER(NdisHandle);
    UNREFERENCED_PARAMETER(SharedMemoryParameters);
    undis__report_unsupported("NdisAllocateSharedMemory");
    *pAllocationHandle = NULL;
    return NDIS_STATUS_RESOURCES;
}

VOID
NdisFreeSharedMemory(NDIS_HANDLE NdisHandle, NDIS_HANDLE AllocationHandle)
{
    UNREFERENCED_PARAMETER(NdisHandle);
    UNREFERENCED_PARAMETER(AllocationHandle);
    undis__report_unsupported("NdisFreeSharedMemory");
}

NDIS_STATUS
NdisGetRssProcessorInformation(NDIS_HANDLE NdisHandle,
                               PNDIS_RSS_PROCESSOR_INFO RssProcessorInfo,
                               PSIZE_T Size)
{
    UNREFERENCED_PARAMETER(NdisHandle);
    UNREFERENCED_PARAMETER(RssProcessorInfo);
    undis__report_unsupported("NdisGetRssProcessorInformation");
    *Size = 0;
    return NDIS_STATUS_NOT_SUPPORTED;
}
