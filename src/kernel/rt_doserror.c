/* SPDX-License-Identifier: MIT */
/*
 * rt_doserror.c: RtlNtStatusToDosError(NoTeb) (<ndis/exsync.h>) for the
 * common NTSTATUS codes; any other code reports the function once
 * (NOT_SUPPORTED_IN_USER_MODE: undis does not carry Windows' whole table)
 * and gives ERROR_MR_MID_NOT_FOUND.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>
#include <winerror.h>

static const struct {
    NTSTATUS status;
    ULONG error;
} k_map[] = {
    { STATUS_SUCCESS, ERROR_SUCCESS },
    { STATUS_PENDING, ERROR_IO_PENDING },
    { STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA },
    { STATUS_UNSUCCESSFUL, ERROR_GEN_FAILURE },
    { STATUS_NOT_IMPLEMENTED, ERROR_INVALID_FUNCTION },
    { STATUS_INVALID_HANDLE, ERROR_INVALID_HANDLE },
    { STATUS_INVALID_PARAMETER, ERROR_INVALID_PARAMETER },
    { STATUS_INVALID_DEVICE_REQUEST, ERROR_INVALID_FUNCTION },
    { STATUS_NO_MEMORY, ERROR_NOT_ENOUGH_MEMORY },
    { STATUS_ACCESS_DENIED, ERROR_ACCESS_DENIED },
    { STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER },
    { STATUS_OBJECT_NAME_NOT_FOUND, ERROR_FILE_NOT_FOUND },
    { STATUS_DEVICE_NOT_READY, ERROR_NOT_READY },
    { STATUS_NOT_SUPPORTED, ERROR_NOT_SUPPORTED },
    { STATUS_INSUFFICIENT_RESOURCES, ERROR_NO_SYSTEM_RESOURCES },
};

static ULONG
to_dos_error(NTSTATUS status, const char *function)
{
    for (size_t i = 0; i < sizeof(k_map) / sizeof(k_map[0]); i++) {
        if (k_map[i].status == status) {
            return k_map[i].error;
        }
    }
    undis__report_unsupported(function);
    return ERROR_MR_MID_NOT_FOUND;
}

ULONG NTAPI
RtlNtStatusToDosError(NTSTATUS Status)
{
    return to_dos_error(Status, "RtlNtStatusToDosError");
}

ULONG NTAPI
RtlNtStatusToDosErrorNoTeb(NTSTATUS Status)
{
    return to_dos_error(Status, "RtlNtStatusToDosErrorNoTeb");
}
