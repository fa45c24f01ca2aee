/* SPDX-License-Identifier: MIT */
/*
 * unsupported_kobject.c: the kernel-object calls of <ndis/kobject.h> that
 * need an object manager, a scheduler or a security model undis does not
 * have. Handles: none exists, so ObReferenceObjectByHandle and
 * ObCloseHandle answer STATUS_INVALID_HANDLE (as ZwClose does).
 * PsCreateSystemThread and KeWaitForMultipleObjects answer
 * STATUS_NOT_SUPPORTED; the process lookups STATUS_INVALID_PARAMETER;
 * SeAccessCheck denies. The VOID calls report and change nothing harmful:
 * SeCaptureSubjectContext zeroes the context, KeStackAttachProcess zeroes
 * the APC state (there is one address space), MmProbeAndLockPages and
 * MmUnlockPages leave the MDL as it is (user-mode buffers need no locking),
 * KeSetPriorityThread keeps the priority and answers the default (8).
 * PsTerminateSystemThread can only follow a thread undis never started: it
 * reports, then bug-checks. Each function reports NOT_SUPPORTED_IN_USER_MODE
 * once per process (base/report.h); docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

#include <string.h>

static char g_object_type_tag;
static POBJECT_TYPE g_object_type = (POBJECT_TYPE)(void *)&g_object_type_tag;
POBJECT_TYPE *ExEventObjectType = &g_object_type;
POBJECT_TYPE *IoFileObjectType = &g_object_type;
POBJECT_TYPE *PsThreadType = &g_object_type;
POBJECT_TYPE *PsProcessType = &g_object_type;

NTSTATUS NTAPI
ObReferenceObjectByHandle(HANDLE Handle,
                          ACCESS_MASK DesiredAccess,
                          POBJECT_TYPE ObjectType,
                          KPROCESSOR_MODE AccessMode,
                          PVOID *Object,
                          POBJECT_HANDLE_INFORMATION HandleInformation)
{
    UNREFERENCED_PARAMETER(Handle);
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(ObjectType);
    UNREFERENCED_PARAMETER(AccessMode);
    undis__report_unsupported("ObReferenceObjectByHandle");
    *Object = NULL;
    if (HandleInformation != NULL) {
        memset(HandleInformation, 0, sizeof(*HandleInformation));
    }
    return STATUS_INVALID_HANDLE;
}

NTSTATUS NTAPI
ObCloseHandle(HANDLE Handle, KPROCESSOR_MODE PreviousMode)
{
    UNREFERENCED_PARAMETER(Handle);
    UNREFERENCED_PARAMETER(PreviousMode);
    undis__report_unsupported("ObCloseHandle");
    return STATUS_INVALID_HANDLE;
}

KPRIORITY NTAPI
KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    UNREFERENCED_PARAMETER(Thread);
    UNREFERENCED_PARAMETER(Priority);
    undis__report_unsupported("KeSetPriorityThread");
    return 8;
}

NTSTATUS NTAPI
KeWaitForMultipleObjects(ULONG Count,
                         PVOID Object[],
                         WAIT_TYPE WaitType,
                         KWAIT_REASON WaitReason,
                         KPROCESSOR_MODE WaitMode,
                         BOOLEAN Alertable,
                         PLARGE_INTEGER Timeout,
                         PKWAIT_BLOCK WaitBlockArray)
{
    UNREFERENCED_PARAMETER(Count);
    UNREFERENCED_PARAMETER(Object);
    UNREFERENCED_PARAMETER(WaitType);
    UNREFERENCED_PARAMETER(WaitReason);
    UNREFERENCED_PARAMETER(WaitMode);
    UNREFERENCED_PARAMETER(Alertable);
    UNREFERENCED_PARAMETER(Timeout);
    UNREFERENCED_PARAMETER(WaitBlockArray);
    undis__report_unsupported("KeWaitForMultipleObjects");
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
PsCreateSystemThread(PHANDLE ThreadHandle,
                     ULONG DesiredAccess,
                     POBJECT_ATTRIBUTES ObjectAttributes,
                     HANDLE ProcessHandle,
                     PCLIENT_ID ClientId,
                     PKSTART_ROUTINE StartRoutine,
                     PVOID StartContext)
{
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(ObjectAttributes);
    UNREFERENCED_PARAMETER(ProcessHandle);
    UNREFERENCED_PARAMETER(StartRoutine);
    UNREFERENCED_PARAMETER(StartContext);
    undis__report_unsupported("PsCreateSystemThread");
    *ThreadHandle = NULL;
    if (ClientId != NULL) {
        memset(ClientId, 0, sizeof(*ClientId));
    }
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    undis__report_unsupported("PsTerminateSystemThread");
    undis__rt_bugcheck(DRIVER_VERIFIER_DETECTED_VIOLATION, (ULONG_PTR)(ULONG)ExitStatus,
                       "PsTerminateSystemThread outside a system thread (undis starts none)");
}

NTSTATUS NTAPI
PsLookupProcessByProcessId(HANDLE ProcessId, PEPROCESS *Process)
{
    UNREFERENCED_PARAMETER(ProcessId);
    undis__report_unsupported("PsLookupProcessByProcessId");
    *Process = NULL;
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI
PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove)
{
    UNREFERENCED_PARAMETER(NotifyRoutine);
    UNREFERENCED_PARAMETER(Remove);
    undis__report_unsupported("PsSetCreateProcessNotifyRoutine");
    return STATUS_INVALID_PARAMETER;
}

VOID NTAPI
KeStackAttachProcess(PRKPROCESS Process, PRKAPC_STATE ApcState)
{
    UNREFERENCED_PARAMETER(Process);
    undis__report_unsupported("KeStackAttachProcess");
    memset(ApcState, 0, sizeof(*ApcState));
}

VOID NTAPI
KeUnstackDetachProcess(PRKAPC_STATE ApcState)
{
    UNREFERENCED_PARAMETER(ApcState);
    undis__report_unsupported("KeUnstackDetachProcess");
}

VOID NTAPI
MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation)
{
    UNREFERENCED_PARAMETER(MemoryDescriptorList);
    UNREFERENCED_PARAMETER(AccessMode);
    UNREFERENCED_PARAMETER(Operation);
    undis__report_unsupported("MmProbeAndLockPages");
}

VOID NTAPI
MmUnlockPages(PMDL MemoryDescriptorList)
{
    UNREFERENCED_PARAMETER(MemoryDescriptorList);
    undis__report_unsupported("MmUnlockPages");
}

VOID NTAPI
SeCaptureSubjectContext(PSECURITY_SUBJECT_CONTEXT SubjectContext)
{
    undis__report_unsupported("SeCaptureSubjectContext");
    memset(SubjectContext, 0, sizeof(*SubjectContext));
}

VOID NTAPI
SeReleaseSubjectContext(PSECURITY_SUBJECT_CONTEXT SubjectContext)
{
    UNREFERENCED_PARAMETER(SubjectContext);
    undis__report_unsupported("SeReleaseSubjectContext");
}

BOOLEAN NTAPI
SeAccessCheck(PSECURITY_DESCRIPTOR SecurityDescriptor,
              PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
              BOOLEAN SubjectContextLocked,
              ACCESS_MASK DesiredAccess,
              ACCESS_MASK PreviouslyGrantedAccess,
              PPRIVILEGE_SET *Privileges,
              PGENERIC_MAPPING GenericMapping,
              KPROCESSOR_MODE AccessMode,
              PACCESS_MASK GrantedAccess,
              PNTSTATUS AccessStatus)
{
    UNREFERENCED_PARAMETER(SecurityDescriptor);
    UNREFERENCED_PARAMETER(SubjectSecurityContext);
    UNREFERENCED_PARAMETER(SubjectContextLocked);
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(PreviouslyGrantedAccess);
    UNREFERENCED_PARAMETER(GenericMapping);
    UNREFERENCED_PARAMETER(AccessMode);
    undis__report_unsupported("SeAccessCheck");
    if (Privileges != NULL) {
        *Privileges = NULL;
    }
    *GrantedAccess = 0;
    *AccessStatus = STATUS_ACCESS_DENIED;
    return FALSE;
}
