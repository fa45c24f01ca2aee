/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/generic.h>: the NDIS generic object, a handle a driver can
 * pass where NDIS wants "the caller" (for example as the NdisHandle of a
 * pool) when it has no miniport, filter or protocol handle of its own.
 */
#ifndef UNDIS_NDIS_GENERIC_H
#define UNDIS_NDIS_GENERIC_H

#include "types.h"
#include "objectheader.h"

UNDIS_EXTERN_C_BEGIN

typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;

typedef struct _NDIS_GENERIC_OBJECT {
    NDIS_OBJECT_HEADER Header;
    PVOID Caller;
    PVOID CallersCaller;
    PDRIVER_OBJECT DriverObject;
} NDIS_GENERIC_OBJECT, *PNDIS_GENERIC_OBJECT;

#define NDIS_GENERIC_OBJECT_REVISION_1 1

/**
 * NdisAllocateGenericObject - allocate a generic object with Size extra
 * bytes after it (zeroed).
 * @return the object (Header.Revision NDIS_GENERIC_OBJECT_REVISION_1,
 *         Header.Size sizeof(NDIS_GENERIC_OBJECT), DriverObject as given), or
 *         NULL when memory runs out. undis leaves Header.Type 0.
 * ownership: free with NdisFreeGenericObject. threads: <= DISPATCH_LEVEL.
 */
PNDIS_GENERIC_OBJECT
NdisAllocateGenericObject(_In_opt_ PDRIVER_OBJECT DriverObject, _In_ ULONG Tag, _In_ USHORT Size);

/** NdisFreeGenericObject - free an object from NdisAllocateGenericObject. */
VOID NdisFreeGenericObject(_In_ PNDIS_GENERIC_OBJECT NdisObject);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_GENERIC_H */
