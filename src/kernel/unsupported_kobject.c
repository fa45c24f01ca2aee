/* SPDX-License-Identifier: MIT */
/*
 * unsupported_kobject.c: the kernel-object calls of <ndis/kobject.h> that
 * need an object manager, a scheduler or a security model undis does not
 * have (system threads, their handles and KeWaitForMultipleObjects are
 * real: rt_thread.c, rt_wait.c). The process lookups answer
 * STATUS_INVALID_PARAMETER; SeAccessCheck denies. The VOID calls report and
 * change nothing harmful:
 * SeCaptureSubjectContext zeroes the context, KeStackAttachProcess zeroes
 * the APC state (there is one address space), MmProbeAndLockPages and
 * MmUnlockPages leave the MDL as it is (user-mode buffers need no locking).
 * Each function reports NOT_SUPPORTED_IN_USER_MODE
 * once per process (base/report.h); docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

#include <string.h>

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
