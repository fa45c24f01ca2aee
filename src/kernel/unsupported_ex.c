/* SPDX-License-Identifier: MIT */
/*
 * unsupported_ex.c: the executive services of <ndis/exsync.h> that user mode
 * cannot give: callback objects, files and events opened by handle, work
 * items with the extended routine, and thread group affinity.
 *
 * ExCreateCallback and the Zw calls fail with STATUS_NOT_SUPPORTED and
 * clear their out-handles; ExRegisterCallback returns NULL (its documented
 * failure). The VOID calls report and do nothing: ExUnregisterCallback and
 * ExNotifyCallback act on objects that can never have been created,
 * IoQueueWorkItemEx on a work item IoAllocateWorkItem never returned (it
 * returns NULL), and the affinity calls leave the thread where it runs
 * (undis does not pin threads), zeroing *PreviousAffinity. Each function
 * reports NOT_SUPPORTED_IN_USER_MODE once per process (base/report.h);
 * docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NTSTATUS NTAPI
ExCreateCallback(PCALLBACK_OBJECT *CallbackObject,
                 POBJECT_ATTRIBUTES ObjectAttributes,
                 BOOLEAN Create,
                 BOOLEAN AllowMultipleCallbacks)
{
    UNREFERENCED_PARAMETER(ObjectAttributes);
    UNREFERENCED_PARAMETER(Create);
    UNREFERENCED_PARAMETER(AllowMultipleCallbacks);
    undis__report_unsupported("ExCreateCallback");
    *CallbackObject = NULL;
    return STATUS_NOT_SUPPORTED;
}

PVOID NTAPI
ExRegisterCallback(PCALLBACK_OBJECT CallbackObject,
                   PCALLBACK_FUNCTION CallbackFunction,
                   PVOID CallbackContext)
{
    UNREFERENCED_PARAMETER(CallbackObject);
    UNREFERENCED_PARAMETER(CallbackFunction);
    UNREFERENCED_PARAMETER(CallbackContext);
    undis__report_unsupported("ExRegisterCallback");
    return NULL;
}

VOID NTAPI
ExUnregisterCallback(PVOID CbRegistration)
{
    UNREFERENCED_PARAMETER(CbRegistration);
    undis__report_unsupported("ExUnregisterCallback");
}

VOID NTAPI
ExNotifyCallback(PVOID CallbackObject, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(CallbackObject);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    undis__report_unsupported("ExNotifyCallback");
}

NTSTATUS NTAPI
ZwCreateFile(PHANDLE FileHandle,
             ACCESS_MASK DesiredAccess,
             POBJECT_ATTRIBUTES ObjectAttributes,
             PIO_STATUS_BLOCK IoStatusBlock,
             PLARGE_INTEGER AllocationSize,
             ULONG FileAttributes,
             ULONG ShareAccess,
             ULONG CreateDisposition,
             ULONG CreateOptions,
             PVOID EaBuffer,
             ULONG EaLength)
{
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(ObjectAttributes);
    UNREFERENCED_PARAMETER(AllocationSize);
    UNREFERENCED_PARAMETER(FileAttributes);
    UNREFERENCED_PARAMETER(ShareAccess);
    UNREFERENCED_PARAMETER(CreateDisposition);
    UNREFERENCED_PARAMETER(CreateOptions);
    UNREFERENCED_PARAMETER(EaBuffer);
    UNREFERENCED_PARAMETER(EaLength);
    undis__report_unsupported("ZwCreateFile");
    *FileHandle = NULL;
    IoStatusBlock->Status = STATUS_NOT_SUPPORTED;
    IoStatusBlock->Information = 0;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
ZwDeviceIoControlFile(HANDLE FileHandle,
                      HANDLE Event,
                      PIO_APC_ROUTINE ApcRoutine,
                      PVOID ApcContext,
                      PIO_STATUS_BLOCK IoStatusBlock,
                      ULONG IoControlCode,
                      PVOID InputBuffer,
                      ULONG InputBufferLength,
                      PVOID OutputBuffer,
                      ULONG OutputBufferLength)
{
    UNREFERENCED_PARAMETER(FileHandle);
    UNREFERENCED_PARAMETER(Event);
    UNREFERENCED_PARAMETER(ApcRoutine);
    UNREFERENCED_PARAMETER(ApcContext);
    UNREFERENCED_PARAMETER(IoControlCode);
    UNREFERENCED_PARAMETER(InputBuffer);
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(OutputBuffer);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    undis__report_unsupported("ZwDeviceIoControlFile");
    IoStatusBlock->Status = STATUS_NOT_SUPPORTED;
    IoStatusBlock->Information = 0;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
ZwSetInformationFile(HANDLE FileHandle,
                     PIO_STATUS_BLOCK IoStatusBlock,
                     PVOID FileInformation,
                     ULONG Length,
                     FILE_INFORMATION_CLASS FileInformationClass)
{
    UNREFERENCED_PARAMETER(FileHandle);
    UNREFERENCED_PARAMETER(FileInformation);
    UNREFERENCED_PARAMETER(Length);
    UNREFERENCED_PARAMETER(FileInformationClass);
    undis__report_unsupported("ZwSetInformationFile");
    IoStatusBlock->Status = STATUS_NOT_SUPPORTED;
    IoStatusBlock->Information = 0;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
ZwCreateEvent(PHANDLE EventHandle,
              ACCESS_MASK DesiredAccess,
              POBJECT_ATTRIBUTES ObjectAttributes,
              EVENT_TYPE EventType,
              BOOLEAN InitialState)
{
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(ObjectAttributes);
    UNREFERENCED_PARAMETER(EventType);
    UNREFERENCED_PARAMETER(InitialState);
    undis__report_unsupported("ZwCreateEvent");
    *EventHandle = NULL;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
ZwWaitForSingleObject(HANDLE Handle, BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    UNREFERENCED_PARAMETER(Handle);
    UNREFERENCED_PARAMETER(Alertable);
    UNREFERENCED_PARAMETER(Timeout);
    undis__report_unsupported("ZwWaitForSingleObject");
    return STATUS_NOT_SUPPORTED;
}

VOID NTAPI
IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem,
                  PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
                  WORK_QUEUE_TYPE QueueType,
                  PVOID Context)
{
    UNREFERENCED_PARAMETER(IoWorkItem);
    UNREFERENCED_PARAMETER(WorkerRoutine);
    UNREFERENCED_PARAMETER(QueueType);
    UNREFERENCED_PARAMETER(Context);
    undis__report_unsupported("IoQueueWorkItemEx");
}

VOID NTAPI
KeSetSystemGroupAffinityThread(PGROUP_AFFINITY Affinity, PGROUP_AFFINITY PreviousAffinity)
{
    UNREFERENCED_PARAMETER(Affinity);
    undis__report_unsupported("KeSetSystemGroupAffinityThread");
    if (PreviousAffinity != NULL) {
        memset(PreviousAffinity, 0, sizeof(*PreviousAffinity));
    }
}

VOID NTAPI
KeRevertToUserGroupAffinityThread(PGROUP_AFFINITY PreviousAffinity)
{
    UNREFERENCED_PARAMETER(PreviousAffinity);
    undis__report_unsupported("KeRevertToUserGroupAffinityThread");
}
