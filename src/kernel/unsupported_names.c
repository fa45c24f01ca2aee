/* SPDX-License-Identifier: MIT */
/*
 * unsupported_names.c: functions issue 12 added for public drivers (branch
 * issue12-names) that cannot work in user mode without a driver host. Each
 * reports NOT_SUPPORTED_IN_USER_MODE once per process (base/report.h), clears
 * its out-parameters and fails as its documentation allows:
 * NdisSetOptionalHandlers NDIS_STATUS_NOT_SUPPORTED, the cancel-safe
 * queue's operations (which need IRP cancellation) no IRP queued
 * (STATUS_NOT_SUPPORTED for the Ex form) and none removed (NULL).
 * (NdisQueryAdapterInstanceName is the driver host's: host_protocol.c.)
 * docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisSetOptionalHandlers(NDIS_HANDLE NdisHandle, PNDIS_DRIVER_OPTIONAL_HANDLERS OptionalHandlers)
{
    UNREFERENCED_PARAMETER(NdisHandle);
    UNREFERENCED_PARAMETER(OptionalHandlers);
    undis__report_unsupported("NdisSetOptionalHandlers");
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID NTAPI
IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
    UNREFERENCED_PARAMETER(Csq);
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(Context);
    undis__report_unsupported("IoCsqInsertIrp");
}

NTSTATUS NTAPI
IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context, PVOID InsertContext)
{
    UNREFERENCED_PARAMETER(Csq);
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(InsertContext);
    undis__report_unsupported("IoCsqInsertIrpEx");
    return STATUS_NOT_SUPPORTED;
}

PIRP NTAPI
IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext)
{
    UNREFERENCED_PARAMETER(Csq);
    UNREFERENCED_PARAMETER(PeekContext);
    undis__report_unsupported("IoCsqRemoveNextIrp");
    return NULL;
}

PIRP NTAPI
IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context)
{
    UNREFERENCED_PARAMETER(Csq);
    UNREFERENCED_PARAMETER(Context);
    undis__report_unsupported("IoCsqRemoveIrp");
    return NULL;
}

NTSTATUS NTAPI
RtlVerifyVersionInfo(PRTL_OSVERSIONINFOEXW VersionInfo, ULONG TypeMask, ULONGLONG ConditionMask)
{
    UNREFERENCED_PARAMETER(VersionInfo);
    UNREFERENCED_PARAMETER(TypeMask);
    UNREFERENCED_PARAMETER(ConditionMask);
    undis__report_unsupported("RtlVerifyVersionInfo");
    return STATUS_REVISION_MISMATCH;
}

NTSTATUS NTAPI
ZwOpenKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes)
{
    UNREFERENCED_PARAMETER(DesiredAccess);
    UNREFERENCED_PARAMETER(ObjectAttributes);
    undis__report_unsupported("ZwOpenKey");
    if (KeyHandle != NULL) {
        *KeyHandle = NULL;
    }
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
ZwQueryValueKey(HANDLE KeyHandle,
                PUNICODE_STRING ValueName,
                KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                PVOID KeyValueInformation,
                ULONG Length,
                PULONG ResultLength)
{
    UNREFERENCED_PARAMETER(KeyHandle);
    UNREFERENCED_PARAMETER(ValueName);
    UNREFERENCED_PARAMETER(KeyValueInformationClass);
    UNREFERENCED_PARAMETER(KeyValueInformation);
    UNREFERENCED_PARAMETER(Length);
    undis__report_unsupported("ZwQueryValueKey");
    if (ResultLength != NULL) {
        *ResultLength = 0;
    }
    return STATUS_NOT_SUPPORTED;
}
