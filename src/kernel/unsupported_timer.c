/* SPDX-License-Identifier: MIT */
/*
 * unsupported_timer.c: timer objects, DPCs and work items while the kernel
 * runtime has no dispatcher for them. Allocation fails (NDIS_STATUS_FAILURE
 * with a NULL handle, NULL work items), queueing returns FALSE (not
 * queued) or STATUS_NOT_SUPPORTED. The VOID calls report and do nothing:
 * KeInitializeDpc/KeInitializeThreadedDpc leave the KDPC as it was (a later
 * KeInsertQueueDpc fails and reports), and the free/flush/importance/target
 * calls act on objects that can never have been queued. NdisQueueIoWorkItem
 * and IoQueueWorkItem never run the routine: their handle could only have
 * come from a failed allocation, so a driver that checked it never gets here.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisAllocateTimerObject(NDIS_HANDLE NdisHandle,
                        PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                        PNDIS_HANDLE pTimerObject)
{
    UNREFERENCED_PARAMETER(NdisHandle);
    UNREFERENCED_PARAMETER(TimerCharacteristics);
    undis__report_unsupported("NdisAllocateTimerObject");
    *pTimerObject = NULL;
    return NDIS_STATUS_FAILURE;
}

BOOLEAN
NdisSetTimerObject(NDIS_HANDLE TimerObject,
                   LARGE_INTEGER DueTime,
                   LONG MillisecondsPeriod,
                   PVOID FunctionContext)
{
    UNREFERENCED_PARAMETER(TimerObject);
    UNREFERENCED_PARAMETER(DueTime);
    UNREFERENCED_PARAMETER(MillisecondsPeriod);
    UNREFERENCED_PARAMETER(FunctionContext);
    undis__report_unsupported("NdisSetTimerObject");
    return FALSE;
}

BOOLEAN
NdisCancelTimerObject(NDIS_HANDLE TimerObject)
{
    UNREFERENCED_PARAMETER(TimerObject);
    undis__report_unsupported("NdisCancelTimerObject");
    return FALSE;
}

VOID
NdisFreeTimerObject(NDIS_HANDLE TimerObject)
{
    UNREFERENCED_PARAMETER(TimerObject);
    undis__report_unsupported("NdisFreeTimerObject");
}

NDIS_HANDLE
NdisAllocateIoWorkItem(NDIS_HANDLE NdisObjectHandle)
{
    UNREFERENCED_PARAMETER(NdisObjectHandle);
    undis__report_unsupported("NdisAllocateIoWorkItem");
    return NULL;
}

VOID
NdisQueueIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle,
                    NDIS_IO_WORKITEM_ROUTINE Routine,
                    PVOID WorkItemContext)
{
    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    UNREFERENCED_PARAMETER(Routine);
    UNREFERENCED_PARAMETER(WorkItemContext);
    undis__report_unsupported("NdisQueueIoWorkItem");
}

VOID
NdisFreeIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle)
{
    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    undis__report_unsupported("NdisFreeIoWorkItem");
}

NDIS_STATUS
NdisScheduleWorkItem(PNDIS_WORK_ITEM WorkItem)
{
    UNREFERENCED_PARAMETER(WorkItem);
    undis__report_unsupported("NdisScheduleWorkItem");
    return NDIS_STATUS_FAILURE;
}

VOID NTAPI
KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeferredRoutine);
    UNREFERENCED_PARAMETER(DeferredContext);
    undis__report_unsupported("KeInitializeDpc");
}

VOID NTAPI
KeInitializeThreadedDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeferredRoutine);
    UNREFERENCED_PARAMETER(DeferredContext);
    undis__report_unsupported("KeInitializeThreadedDpc");
}

BOOLEAN NTAPI
KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    undis__report_unsupported("KeInsertQueueDpc");
    return FALSE;
}

BOOLEAN NTAPI
KeRemoveQueueDpc(PRKDPC Dpc)
{
    UNREFERENCED_PARAMETER(Dpc);
    undis__report_unsupported("KeRemoveQueueDpc");
    return FALSE;
}

VOID NTAPI
KeFlushQueuedDpcs(VOID)
{
    undis__report_unsupported("KeFlushQueuedDpcs");
}

VOID NTAPI
KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Importance);
    undis__report_unsupported("KeSetImportanceDpc");
}

VOID NTAPI
KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Number);
    undis__report_unsupported("KeSetTargetProcessorDpc");
}

NTSTATUS NTAPI
KeSetTargetProcessorDpcEx(PKDPC Dpc, PPROCESSOR_NUMBER ProcNumber)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(ProcNumber);
    undis__report_unsupported("KeSetTargetProcessorDpcEx");
    return STATUS_NOT_SUPPORTED;
}

PIO_WORKITEM NTAPI
IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    undis__report_unsupported("IoAllocateWorkItem");
    return NULL;
}

VOID NTAPI
IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
    UNREFERENCED_PARAMETER(IoWorkItem);
    undis__report_unsupported("IoFreeWorkItem");
}

VOID NTAPI
IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
                PIO_WORKITEM_ROUTINE WorkerRoutine,
                int QueueType,
                PVOID Context)
{
    UNREFERENCED_PARAMETER(IoWorkItem);
    UNREFERENCED_PARAMETER(WorkerRoutine);
    UNREFERENCED_PARAMETER(QueueType);
    UNREFERENCED_PARAMETER(Context);
    undis__report_unsupported("IoQueueWorkItem");
}
