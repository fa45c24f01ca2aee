/* SPDX-License-Identifier: MIT */
/*
 * unsupported_wfp.c: the Windows Filtering Platform (<fwpsk.h>, <fwpmk.h>)
 * while undis has no filter engine. Opening an engine, registering a
 * callout, creating an injection handle and allocating a WFP net buffer
 * list fail with STATUS_NOT_SUPPORTED and clear their out-parameters, so a
 * driver takes the path it takes when WFP is unavailable (npcap then runs
 * without loopback capture). Every other call needs a handle or an object
 * only those could have given: it fails with STATUS_INVALID_PARAMETER (or
 * STATUS_FWP_CALLOUT_NOT_FOUND for callout ids), clears its
 * out-parameters; FwpsFreeNetBufferList0 reports only;
 * FwpsQueryPacketInjectionState0 says FWPS_PACKET_NOT_INJECTED (nothing is
 * ever injected). Each reports NOT_SUPPORTED_IN_USER_MODE once per process
 * before it fails. This file also defines the GUIDs <fwpmk.h> declares.
 */
#define INITGUID
#include <fwpmk.h>
#include <fwpsk.h>

#include "kernel/rt_internal.h"

#include "base/report.h"

static NTSTATUS
no_engine(const char *name)
{
    undis__report_unsupported(name);
    return STATUS_NOT_SUPPORTED;
}

static NTSTATUS
no_handle(const char *name, HANDLE handle)
{
    (void)handle;
    undis__report_unsupported(name);
    return STATUS_INVALID_PARAMETER;
}

static NTSTATUS
register_fails(const char *name, UINT32 *calloutId)
{
    if (calloutId != NULL) {
        *calloutId = 0;
    }
    return no_engine(name);
}

NTSTATUS NTAPI
FwpsCalloutRegister0(void *deviceObject, const FWPS_CALLOUT0 *callout, UINT32 *calloutId)
{
    (void)deviceObject;
    (void)callout;
    return register_fails("FwpsCalloutRegister0", calloutId);
}

NTSTATUS NTAPI
FwpsCalloutRegister1(void *deviceObject, const FWPS_CALLOUT1 *callout, UINT32 *calloutId)
{
    (void)deviceObject;
    (void)callout;
    return register_fails("FwpsCalloutRegister1", calloutId);
}

NTSTATUS NTAPI
FwpsCalloutRegister2(void *deviceObject, const FWPS_CALLOUT2 *callout, UINT32 *calloutId)
{
    (void)deviceObject;
    (void)callout;
    return register_fails("FwpsCalloutRegister2", calloutId);
}

NTSTATUS NTAPI
FwpsCalloutUnregisterById0(const UINT32 calloutId)
{
    (void)calloutId;
    undis__report_unsupported("FwpsCalloutUnregisterById0");
    return STATUS_FWP_CALLOUT_NOT_FOUND;
}

NTSTATUS NTAPI
FwpsCalloutUnregisterByKey0(const GUID *calloutKey)
{
    (void)calloutKey;
    undis__report_unsupported("FwpsCalloutUnregisterByKey0");
    return STATUS_FWP_CALLOUT_NOT_FOUND;
}

NTSTATUS NTAPI
FwpsInjectionHandleCreate0(ADDRESS_FAMILY addressFamily, UINT32 flags, HANDLE *injectionHandle)
{
    (void)addressFamily;
    (void)flags;
    if (injectionHandle != NULL) {
        *injectionHandle = NULL;
    }
    return no_engine("FwpsInjectionHandleCreate0");
}

NTSTATUS NTAPI
FwpsInjectionHandleDestroy0(HANDLE injectionHandle)
{
    return no_handle("FwpsInjectionHandleDestroy0", injectionHandle);
}

FWPS_PACKET_INJECTION_STATE NTAPI
FwpsQueryPacketInjectionState0(HANDLE injectionHandle,
                               const NET_BUFFER_LIST *netBufferList,
                               HANDLE *injectionContext)
{
    (void)injectionHandle;
    (void)netBufferList;
    if (injectionContext != NULL) {
        *injectionContext = NULL;
    }
    undis__report_unsupported("FwpsQueryPacketInjectionState0");
    return FWPS_PACKET_NOT_INJECTED;
}

NTSTATUS NTAPI
FwpsAllocateNetBufferAndNetBufferList0(NDIS_HANDLE poolHandle,
                                       USHORT contextSize,
                                       USHORT contextBackFill,
                                       MDL *mdlChain,
                                       ULONG dataOffset,
                                       SIZE_T dataLength,
                                       NET_BUFFER_LIST **netBufferList)
{
    (void)poolHandle;
    (void)contextSize;
    (void)contextBackFill;
    (void)mdlChain;
    (void)dataOffset;
    (void)dataLength;
    if (netBufferList != NULL) {
        *netBufferList = NULL;
    }
    return no_engine("FwpsAllocateNetBufferAndNetBufferList0");
}

void NTAPI
FwpsFreeNetBufferList0(NET_BUFFER_LIST *netBufferList)
{
    (void)netBufferList;
    undis__report_unsupported("FwpsFreeNetBufferList0");
}

NTSTATUS NTAPI
FwpsInjectNetworkSendAsync0(HANDLE injectionHandle,
                            HANDLE injectionContext,
                            UINT32 flags,
                            COMPARTMENT_ID compartmentId,
                            NET_BUFFER_LIST *netBufferList,
                            FWPS_INJECT_COMPLETE0 *completionFn,
                            HANDLE completionContext)
{
    (void)injectionContext;
    (void)flags;
    (void)compartmentId;
    (void)netBufferList;
    (void)completionFn;
    (void)completionContext;
    return no_handle("FwpsInjectNetworkSendAsync0", injectionHandle);
}

NTSTATUS NTAPI
FwpsInjectNetworkReceiveAsync0(HANDLE injectionHandle,
                               HANDLE injectionContext,
                               UINT32 flags,
                               COMPARTMENT_ID compartmentId,
                               IF_INDEX interfaceIndex,
                               IF_INDEX subInterfaceIndex,
                               NET_BUFFER_LIST *netBufferList,
                               FWPS_INJECT_COMPLETE0 *completionFn,
                               HANDLE completionContext)
{
    (void)injectionContext;
    (void)flags;
    (void)compartmentId;
    (void)interfaceIndex;
    (void)subInterfaceIndex;
    (void)netBufferList;
    (void)completionFn;
    (void)completionContext;
    return no_handle("FwpsInjectNetworkReceiveAsync0", injectionHandle);
}
