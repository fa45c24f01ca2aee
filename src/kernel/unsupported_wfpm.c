/* SPDX-License-Identifier: MIT */
/*
 * unsupported_wfpm.c: the Windows Filtering Platform's management calls
 * (<fwpmk.h>) while undis has no filter engine. FwpmEngineOpen0 fails with
 * STATUS_NOT_SUPPORTED and a NULL *engineHandle; every other call needs the
 * engine handle only it could have given, so it fails with
 * STATUS_INVALID_PARAMETER and clears its out-parameters (ids 0, enum
 * handles and entries NULL, counts 0). FwpmFreeMemory0 sets *p to NULL
 * (the engine never returned memory). Each reports
 * NOT_SUPPORTED_IN_USER_MODE once per process naming itself.
 */
#include <fwpmk.h>

#include "kernel/rt_internal.h"

#include "base/report.h"

static NTSTATUS
no_handle(const char *name, HANDLE engineHandle)
{
    (void)engineHandle;
    undis__report_unsupported(name);
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI
FwpmEngineOpen0(const wchar_t *serverName,
                UINT32 authnService,
                SEC_WINNT_AUTH_IDENTITY_W *authIdentity,
                const FWPM_SESSION0 *session,
                HANDLE *engineHandle)
{
    (void)serverName;
    (void)authnService;
    (void)authIdentity;
    (void)session;
    if (engineHandle != NULL) {
        *engineHandle = NULL;
    }
    undis__report_unsupported("FwpmEngineOpen0");
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS NTAPI
FwpmEngineClose0(HANDLE engineHandle)
{
    return no_handle("FwpmEngineClose0", engineHandle);
}

NTSTATUS NTAPI
FwpmTransactionBegin0(HANDLE engineHandle, UINT32 flags)
{
    (void)flags;
    return no_handle("FwpmTransactionBegin0", engineHandle);
}

NTSTATUS NTAPI
FwpmTransactionCommit0(HANDLE engineHandle)
{
    return no_handle("FwpmTransactionCommit0", engineHandle);
}

NTSTATUS NTAPI
FwpmTransactionAbort0(HANDLE engineHandle)
{
    return no_handle("FwpmTransactionAbort0", engineHandle);
}

NTSTATUS NTAPI
FwpmProviderAdd0(HANDLE engineHandle, const FWPM_PROVIDER0 *provider, PSECURITY_DESCRIPTOR sd)
{
    (void)provider;
    (void)sd;
    return no_handle("FwpmProviderAdd0", engineHandle);
}

NTSTATUS NTAPI
FwpmProviderDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    (void)key;
    return no_handle("FwpmProviderDeleteByKey0", engineHandle);
}

NTSTATUS NTAPI
FwpmSubLayerAdd0(HANDLE engineHandle, const FWPM_SUBLAYER0 *subLayer, PSECURITY_DESCRIPTOR sd)
{
    (void)subLayer;
    (void)sd;
    return no_handle("FwpmSubLayerAdd0", engineHandle);
}

NTSTATUS NTAPI
FwpmSubLayerDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    (void)key;
    return no_handle("FwpmSubLayerDeleteByKey0", engineHandle);
}

NTSTATUS NTAPI
FwpmCalloutAdd0(HANDLE engineHandle,
                const FWPM_CALLOUT0 *callout,
                PSECURITY_DESCRIPTOR sd,
                UINT32 *id)
{
    (void)callout;
    (void)sd;
    if (id != NULL) {
        *id = 0;
    }
    return no_handle("FwpmCalloutAdd0", engineHandle);
}

NTSTATUS NTAPI
FwpmCalloutDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    (void)key;
    return no_handle("FwpmCalloutDeleteByKey0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterAdd0(HANDLE engineHandle, const FWPM_FILTER0 *filter, PSECURITY_DESCRIPTOR sd, UINT64 *id)
{
    (void)filter;
    (void)sd;
    if (id != NULL) {
        *id = 0;
    }
    return no_handle("FwpmFilterAdd0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    (void)key;
    return no_handle("FwpmFilterDeleteByKey0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterDeleteById0(HANDLE engineHandle, UINT64 id)
{
    (void)id;
    return no_handle("FwpmFilterDeleteById0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterCreateEnumHandle0(HANDLE engineHandle,
                            const FWPM_FILTER_ENUM_TEMPLATE0 *enumTemplate,
                            HANDLE *enumHandle)
{
    (void)enumTemplate;
    if (enumHandle != NULL) {
        *enumHandle = NULL;
    }
    return no_handle("FwpmFilterCreateEnumHandle0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterEnum0(HANDLE engineHandle,
                HANDLE enumHandle,
                UINT32 numEntriesRequested,
                FWPM_FILTER0 ***entries,
                UINT32 *numEntriesReturned)
{
    (void)enumHandle;
    (void)numEntriesRequested;
    if (entries != NULL) {
        *entries = NULL;
    }
    if (numEntriesReturned != NULL) {
        *numEntriesReturned = 0;
    }
    return no_handle("FwpmFilterEnum0", engineHandle);
}

NTSTATUS NTAPI
FwpmFilterDestroyEnumHandle0(HANDLE engineHandle, HANDLE enumHandle)
{
    (void)enumHandle;
    return no_handle("FwpmFilterDestroyEnumHandle0", engineHandle);
}

void NTAPI
FwpmFreeMemory0(void **p)
{
    if (p != NULL) {
        *p = NULL;
    }
    undis__report_unsupported("FwpmFreeMemory0");
}
