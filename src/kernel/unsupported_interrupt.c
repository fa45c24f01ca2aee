/* SPDX-License-Identifier: MIT */
/*
 * unsupported_interrupt.c: the interrupt calls of <ndis/interrupt.h>. A
 * virtual adapter has no interrupt: NdisMRegisterInterruptEx fails with
 * NDIS_STATUS_FAILURE and a NULL handle (its documented failure), and
 * NdisMQueueDpcEx queues nothing and returns 0 (no processor). Both report
 * NOT_SUPPORTED_IN_USER_MODE once per process; NdisMDeregisterInterruptEx
 * reports and does nothing (its handle could only have come from a failed
 * registration). NdisMSynchronizeWithInterruptEx is real: with no interrupt
 * service routine to exclude, running the function is the whole of its
 * contract. docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisMRegisterInterruptEx(NDIS_HANDLE MiniportAdapterHandle,
                         NDIS_HANDLE MiniportInterruptContext,
                         PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS MiniportInterruptCharacteristics,
                         PNDIS_HANDLE NdisInterruptHandle)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(MiniportInterruptCharacteristics);
    undis__report_unsupported("NdisMRegisterInterruptEx");
    *NdisInterruptHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisMDeregisterInterruptEx(NDIS_HANDLE NdisInterruptHandle)
{
    UNREFERENCED_PARAMETER(NdisInterruptHandle);
    undis__report_unsupported("NdisMDeregisterInterruptEx");
}

BOOLEAN
NdisMSynchronizeWithInterruptEx(NDIS_HANDLE NdisInterruptHandle,
                                ULONG MessageId,
                                MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER SynchronizeFunction,
                                PVOID SynchronizeContext)
{
    UNREFERENCED_PARAMETER(NdisInterruptHandle);
    UNREFERENCED_PARAMETER(MessageId);
    return SynchronizeFunction(SynchronizeContext);
}

KAFFINITY
NdisMQueueDpcEx(NDIS_HANDLE NdisInterruptHandle,
                ULONG MessageId,
                PGROUP_AFFINITY TargetProcessors,
                PVOID MiniportDpcContext)
{
    UNREFERENCED_PARAMETER(NdisInterruptHandle);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(TargetProcessors);
    UNREFERENCED_PARAMETER(MiniportDpcContext);
    undis__report_unsupported("NdisMQueueDpcEx");
    return 0;
}
