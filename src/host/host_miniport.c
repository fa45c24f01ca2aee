/* SPDX-License-Identifier: MIT */
/*
 * host_miniport.c: the miniport role. A driver that registers with
 * NdisMRegisterMiniportDriver becomes the bottom of its host's stack in
 * place of undis's miniport: the host initializes its adapter
 * (MiniportInitializeEx with an NDIS_MINIPORT_INIT_PARAMETERS, which must
 * call NdisMSetMiniportAttributes with registration and general
 * attributes), restarts and pauses it (MiniportRestart / MiniportPause and
 * their pending forms), hands it the stack's sends
 * (MiniportSendNetBufferLists, back by NdisMSendNetBufferListsComplete),
 * takes its receives (NdisMIndicateReceiveNetBufferLists, each given back
 * once by MiniportReturnNetBufferLists unless it came with
 * NDIS_RECEIVE_FLAGS_RESOURCES), its OID requests (MiniportOidRequest,
 * NdisMOidRequestComplete) and status (NdisMIndicateStatusEx), cancels
 * sends (MiniportCancelSend), passes PnP events and shutdown, halts it
 * (MiniportHaltEx) and unloads the driver (MiniportDriverUnload).
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

#define HOST_MINIPORT_IFINDEX 7u
#define HOST_MINIPORT_WAIT_MS 1000u

static struct host_adapter *
adapter_of(NDIS_HANDLE handle, const char *function)
{
    const struct host_handle *h = (const struct host_handle *)handle;
    if (undis__host_of(handle, UNDIS_HOST_MAGIC_ADAPTER, function) == NULL) {
        return NULL;
    }
    return (struct host_adapter *)h->object;
}

/* ---- registration --------------------------------------------------------- */

static ULONG
miniport_size_of_revision(UCHAR revision)
{
    switch (revision) {
    case NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1:
        return NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
#ifdef NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2
    case NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2:
        return NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
#endif
#ifdef NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3
    case NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3:
        return NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3;
#endif
    default:
        return 0;
    }
}

static BOOLEAN
handlers_present(const NDIS_MINIPORT_DRIVER_CHARACTERISTICS *c)
{
    return c->InitializeHandlerEx != NULL && c->HaltHandlerEx != NULL && c->UnloadHandler != NULL &&
           c->PauseHandler != NULL && c->RestartHandler != NULL && c->OidRequestHandler != NULL &&
           c->SendNetBufferListsHandler != NULL && c->ReturnNetBufferListsHandler != NULL &&
           c->CancelSendHandler != NULL && c->DevicePnPEventNotifyHandler != NULL &&
           c->ShutdownHandlerEx != NULL && c->CancelOidRequestHandler != NULL;
}

static BOOLEAN
miniport_characteristics_ok(struct undis_host *host, const NDIS_MINIPORT_DRIVER_CHARACTERISTICS *c)
{
    const NDIS_OBJECT_HEADER *h = &c->Header;
    ULONG need = miniport_size_of_revision(h->Revision);
    const char *why = NULL;
    if (h->Type != NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS) {
        why = "Header.Type is not NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS";
    } else if (need == 0) {
        why = "Header.Revision is not 1, 2 or 3";
    } else if (h->Size < need) {
        why = "Header.Size is below the size of its revision";
    } else if (c->MajorNdisVersion != 6) {
        why = "MajorNdisVersion is not 6";
    } else if (!handlers_present(c)) {
        why = "a mandatory handler (initialize, halt, unload, pause, restart, OID request, send, "
              "return, cancel send, device PnP, shutdown, cancel OID) is NULL";
    }
    if (why != NULL) {
        undis__host_report(host, UNDIS_RULE_HOST_BAD_CHARACTERISTICS, "NdisMRegisterMiniportDriver",
                           c, "%s (type 0x%x, revision %u, size %u, NDIS %u.%u)", why,
                           (unsigned)h->Type, (unsigned)h->Revision, (unsigned)h->Size,
                           (unsigned)c->MajorNdisVersion, (unsigned)c->MinorNdisVersion);
        return FALSE;
    }
    return TRUE;
}

static void
init_adapter(struct undis_host *host, struct host_driver *d)
{
    memset(&host->adapter, 0, sizeof(host->adapter));
    host->adapter.handle.magic = UNDIS_HOST_MAGIC_ADAPTER;
    host->adapter.handle.host = host;
    host->adapter.handle.object = &host->adapter;
    host->adapter.driver = d;
    host->adapter.chars = &d->miniport_chars;
    host->adapter.friendly = d->friendly;
    host->miniport_driver = d;
}

NDIS_STATUS
NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject,
                            PUNICODE_STRING RegistryPath,
                            NDIS_HANDLE MiniportDriverContext,
                            PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics,
                            PNDIS_HANDLE NdisMiniportDriverHandle)
{
    struct host_driver *d = undis__host_driver_of(DriverObject);
    const NDIS_MINIPORT_DRIVER_CHARACTERISTICS *c = MiniportDriverCharacteristics;
    struct undis_host *host;
    UNREFERENCED_PARAMETER(RegistryPath);
    if (NdisMiniportDriverHandle != NULL) {
        *NdisMiniportDriverHandle = NULL;
    }
    if (d == NULL || c == NULL || NdisMiniportDriverHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    host = d->host;
    if (d->registered || host->miniport_driver != NULL) {
        fprintf(stderr, "undis host: %s: a host takes one miniport driver\n", d->name);
        return NDIS_STATUS_FAILURE;
    }
    if (!miniport_characteristics_ok(host, c)) {
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    memset(&d->miniport_chars, 0, sizeof(d->miniport_chars));
    memcpy(&d->miniport_chars, c,
           c->Header.Size < sizeof(d->miniport_chars) ? c->Header.Size : sizeof(d->miniport_chars));
    (void)snprintf(d->friendly, sizeof(d->friendly), "%s", d->name);
    d->driver_context = MiniportDriverContext;
    d->role = HOST_ROLE_MINIPORT;
    d->registered = TRUE;
    init_adapter(host, d);
    if (undis__host_kserv_bind(host) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis host: %s: no room to bind the host's settings to its handles\n",
                d->name);
        host->miniport_driver = NULL;
        d->registered = FALSE;
        return NDIS_STATUS_RESOURCES;
    }
    *NdisMiniportDriverHandle = &d->handle;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_share_miniport(undis_host *host, undis_host *owner)
{
    if (host == NULL || owner == NULL || host == owner || host->ndrivers != 0 ||
        host->miniport_driver != NULL || host->state != UNDIS_HOST_DETACHED ||
        owner->miniport_driver == NULL || !owner->miniport_driver->registered) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    init_adapter(host, owner->miniport_driver);
    if (undis__host_kserv_bind(host) != NDIS_STATUS_SUCCESS) {
        host->miniport_driver = NULL;
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle)
{
    const struct host_handle *h = (const struct host_handle *)NdisMiniportDriverHandle;
    struct undis_host *host =
        undis__host_of(NdisMiniportDriverHandle, UNDIS_HOST_MAGIC_DRIVER, __func__);
    if (host == NULL) {
        return;
    }
    undis_host_detach(host);
    ((struct host_driver *)h->object)->registered = FALSE;
}

void
undis__host_adapter_unload(struct host_driver *d)
{
    if (d->miniport_chars.UnloadHandler != NULL) {
        d->miniport_chars.UnloadHandler(&d->driver_object);
    } else if (d->driver_object.DriverUnload != NULL) {
        d->driver_object.DriverUnload(&d->driver_object);
    }
}

/* ---- attributes ------------------------------------------------------------ */

static void
bad_attributes(struct host_adapter *a, const void *object, const char *why)
{
    undis__host_report(a->handle.host, UNDIS_RULE_HOST_MINIPORT_BAD_ATTRIBUTES,
                       "NdisMSetMiniportAttributes", object, "%s: %s", a->friendly, why);
}

static BOOLEAN
header_ok(const NDIS_OBJECT_HEADER *h, UCHAR revision, USHORT size)
{
    return h->Revision >= revision && h->Size >= size;
}

/* The general attributes tell the stack the adapter's address, MTU, link. */
static NDIS_STATUS
take_general(struct host_adapter *a, const NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES *g)
{
    struct undis_host *host = a->handle.host;
    if (!header_ok(&g->Header, NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1,
                   NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1)) {
        bad_attributes(a, g, "general attributes: Header.Revision or Header.Size too small");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (!a->registration_set) {
        bad_attributes(a, g, "general attributes set before the registration attributes");
        return NDIS_STATUS_FAILURE;
    }
    if (g->MacAddressLength > NDIS_MAX_PHYS_ADDRESS_LENGTH || g->MtuSize == 0) {
        bad_attributes(a, g, "general attributes: MacAddressLength above 32 or MtuSize 0");
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (g->MacAddressLength == sizeof(host->mac)) {
        memcpy(host->mac, g->CurrentMacAddress, sizeof(host->mac));
    }
    host->mtu = g->MtuSize;
    host->link_up = g->MediaConnectState == MediaConnectStateConnected;
    a->general_set = TRUE;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NdisMSetMiniportAttributes(NDIS_HANDLE NdisMiniportHandle,
                           PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes)
{
    struct host_adapter *a = adapter_of(NdisMiniportHandle, __func__);
    const NDIS_OBJECT_HEADER *h;
    if (a == NULL || MiniportAttributes == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    h = &MiniportAttributes->RegistrationAttributes.Header;
    if (a->state != UNDIS_HOST_ATTACHING) {
        bad_attributes(a, MiniportAttributes, "called outside MiniportInitializeEx");
        return NDIS_STATUS_FAILURE;
    }
    switch (h->Type) {
    case NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES:
        if (!header_ok(h, NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1,
                       NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1)) {
            bad_attributes(a, h,
                           "registration attributes: Header.Revision or Header.Size "
                           "too small");
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        a->context = MiniportAttributes->RegistrationAttributes.MiniportAdapterContext;
        a->registration_set = TRUE;
        return NDIS_STATUS_SUCCESS;
    case NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES:
        return take_general(a, &MiniportAttributes->GeneralAttributes);
    default:
        if (h->Revision == 0 || h->Size < sizeof(NDIS_OBJECT_HEADER)) {
            bad_attributes(a, h,
                           "attributes with Header.Revision 0 or a Header.Size below "
                           "the header's");
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        return a->registration_set ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
    }
}

/* ---- initialize, restart, pause, halt ------------------------------------- */

static void
fill_init(NDIS_MINIPORT_INIT_PARAMETERS *p)
{
    memset(p, 0, sizeof(*p));
    p->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS;
    p->Header.Revision = NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1;
    p->Header.Size = (USHORT)sizeof(*p);
    p->IfIndex = HOST_MINIPORT_IFINDEX;
    p->NetLuid.Value = 0x0006000000000001ull;
}

NDIS_STATUS
undis__host_adapter_initialize(struct undis_host *host)
{
    struct host_adapter *a = &host->adapter;
    NDIS_MINIPORT_INIT_PARAMETERS p;
    NDIS_STATUS status;
    fill_init(&p);
    a->context = NULL;
    a->registration_set = FALSE;
    a->general_set = FALSE;
    undis__host_set_state(&a->state, UNDIS_HOST_ATTACHING);
    status = a->chars->InitializeHandlerEx(&a->handle, a->driver->driver_context, &p);
    if (status != NDIS_STATUS_SUCCESS) {
        undis__host_set_state(&a->state, UNDIS_HOST_DETACHED);
        return status;
    }
    undis__host_set_state(&a->state, UNDIS_HOST_PAUSED);
    a->initialized = TRUE;
    if (!a->registration_set || !a->general_set) {
        bad_attributes(a, NULL,
                       !a->registration_set
                           ? "MiniportInitializeEx succeeded without registration attributes"
                           : "MiniportInitializeEx succeeded without general attributes");
        undis__host_adapter_halt(host);
        return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis__host_adapter_restart(struct undis_host *host)
{
    struct host_adapter *a = &host->adapter;
    NDIS_MINIPORT_RESTART_PARAMETERS p;
    NDIS_STATUS status;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    a->restart_done = 0;
    undis__host_set_state(&a->state, UNDIS_HOST_RESTARTING);
    undis__host_count(&a->driver->counts.restarts, 1);
    status = a->chars->RestartHandler(a->context, &p);
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&a->restart_done, HOST_MINIPORT_WAIT_MS)) {
            fprintf(stderr,
                    "undis host: %s: MiniportRestart pended and NdisMRestartComplete "
                    "did not come within %u ms\n",
                    a->friendly, HOST_MINIPORT_WAIT_MS);
            undis__host_set_state(&a->state, UNDIS_HOST_PAUSED);
            return NDIS_STATUS_FAILURE;
        }
        status = a->restart_status;
    }
    undis__host_set_state(&a->state,
                          status == NDIS_STATUS_SUCCESS ? UNDIS_HOST_RUNNING : UNDIS_HOST_PAUSED);
    return status;
}

VOID
NdisMRestartComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    if (a == NULL) {
        return;
    }
    if (a->state != UNDIS_HOST_RESTARTING || a->restart_done) {
        fprintf(stderr, "undis host: NdisMRestartComplete with no restart pending\n");
        return;
    }
    a->restart_status = Status;
    undis__atomic_store_release_int(&a->restart_done, 1);
}

VOID
NdisMPauseComplete(NDIS_HANDLE MiniportAdapterHandle)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    if (a == NULL) {
        return;
    }
    if (a->state != UNDIS_HOST_PAUSING || a->pause_done) {
        fprintf(stderr, "undis host: NdisMPauseComplete with no pause pending\n");
        return;
    }
    undis__atomic_store_release_int(&a->pause_done, 1);
}

NDIS_STATUS
undis__host_adapter_pause(struct undis_host *host, ULONG timeout_ms)
{
    struct host_adapter *a = &host->adapter;
    NDIS_MINIPORT_PAUSE_PARAMETERS p;
    NDIS_STATUS status;
    volatile int *before;
    int bottom = undis__host_bottom(host);
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    p.PauseReason = NDIS_PAUSE_NDIS_INTERNAL;
    a->pause_done = 0;
    undis__host_set_state(&a->state, UNDIS_HOST_PAUSING);
    before = undis__host_pausing_swap(&a->state);
    undis__host_count(&a->driver->counts.pauses, 1);
    status = a->chars->PauseHandler(a->context, &p);
    (void)undis__host_pausing_swap(before);
    if (status == NDIS_STATUS_PENDING && !undis__host_wait(&a->pause_done, timeout_ms)) {
        fprintf(stderr,
                "undis host: %s: MiniportPause pended and NdisMPauseComplete did not come "
                "within %lu ms\n",
                a->friendly, (unsigned long)timeout_ms);
        (void)undis__host_ledger_outstanding(host, bottom, "MiniportPause",
                                             "the pause did not complete in time");
        return NDIS_STATUS_FAILURE;
    }
    (void)undis__host_ledger_outstanding(host, bottom, "MiniportPause", "the pause completed");
    undis__host_set_state(&a->state, UNDIS_HOST_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

void
undis__host_adapter_halt(struct undis_host *host)
{
    struct host_adapter *a = &host->adapter;
    if (host->miniport_driver == NULL || !a->initialized) {
        return;
    }
    a->chars->HaltHandlerEx(a->context, NdisHaltDeviceDisabled);
    a->initialized = FALSE;
    undis__host_set_state(&a->state, UNDIS_HOST_DETACHED);
}

/* ---- data path ------------------------------------------------------------- */

void
undis__host_adapter_send(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    struct host_adapter *a = &host->adapter;
    int bottom = undis__host_bottom(host);
    if (undis__atomic_load_acquire_int(&a->state) != UNDIS_HOST_RUNNING) {
        for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
            NET_BUFFER_LIST_STATUS(n) = NDIS_STATUS_PAUSED;
        }
        undis__host_complete_to(host, from, nbls,
                                undis__host_dispatch_flag(NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL));
        return;
    }
    for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        BOOLEAN full = FALSE;
        undis__host_count(&host->wire_out_nbls, 1);
        undis__host_count(&host->wire_out_bytes, undis__host_nbl_bytes(n));
        (void)undis__host_ledger_hand(host, n, HOST_NBL_SEND, from, bottom, &full);
        if (full) {
            fprintf(stderr, "undis host: no memory to grow the ledger; NBL %p goes on untracked\n",
                    (void *)n);
        }
    }
    a->chars->SendNetBufferListsHandler(a->context, nbls, NDIS_DEFAULT_PORT_NUMBER, flags);
}

VOID
NdisMSendNetBufferListsComplete(NDIS_HANDLE MiniportAdapterHandle,
                                PNET_BUFFER_LIST NetBufferList,
                                ULONG SendCompleteFlags)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    struct undis_host *host;
    if (a == NULL) {
        return;
    }
    host = a->handle.host;
    undis__host_check_dispatch(host, __func__, SendCompleteFlags,
                               NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    undis__host_complete_from(host, undis__host_bottom(host), NetBufferList, SendCompleteFlags,
                              __func__);
}

void
undis__host_adapter_return(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    struct host_adapter *a = &host->adapter;
    for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        undis__host_count(&host->recv_returned, 1);
    }
    a->chars->ReturnNetBufferListsHandler(a->context, nbls, flags);
}

/* Counts the chain; reports a NumberOfNetBufferLists that disagrees. */
static ULONG
count_receives(struct host_adapter *a, PNET_BUFFER_LIST nbls, ULONG said)
{
    struct undis_host *host = a->handle.host;
    ULONG n = 0;
    for (PNET_BUFFER_LIST nbl = nbls; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        n++;
        undis__host_count(&host->recv_nbls, 1);
        undis__host_count(&host->recv_bytes, undis__host_nbl_bytes(nbl));
    }
    if (n != said) {
        undis__host_report(host, UNDIS_RULE_HOST_MINIPORT_RECEIVE_COUNT,
                           "NdisMIndicateReceiveNetBufferLists", nbls,
                           "%s: NumberOfNetBufferLists is %lu but the chain holds %lu NBL(s)",
                           a->friendly, (unsigned long)said, (unsigned long)n);
    }
    return n;
}

VOID
NdisMIndicateReceiveNetBufferLists(NDIS_HANDLE MiniportAdapterHandle,
                                   PNET_BUFFER_LIST NetBufferLists,
                                   NDIS_PORT_NUMBER PortNumber,
                                   ULONG NumberOfNetBufferLists,
                                   ULONG ReceiveFlags)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    struct undis_host *host;
    ULONG n;
    UNREFERENCED_PARAMETER(PortNumber);
    if (a == NULL || NetBufferLists == NULL) {
        return;
    }
    host = a->handle.host;
    undis__host_check_dispatch(host, __func__, ReceiveFlags, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    n = count_receives(a, NetBufferLists, NumberOfNetBufferLists);
    if (!undis__host_running(host, &a->state, -1, a->friendly, __func__, NetBufferLists)) {
        if ((ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
            undis__host_adapter_return(host, NetBufferLists,
                                       undis__host_dispatch_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
        } else {
            undis__host_count(&host->recv_returned, n);
        }
        return;
    }
    undis__host_indicate_from(host, undis__host_bottom(host), NetBufferLists, n, ReceiveFlags);
}

/* ---- cancel ---------------------------------------------------------------- */

static void
cancel_from(struct undis_host *host, int from, PVOID cancel_id)
{
    int bottom = undis__host_bottom(host);
    for (int to = from + 1; to < bottom; to++) {
        struct host_module *m = &host->modules[to - 1];
        if (m->chars->CancelSendNetBufferListsHandler != NULL) {
            m->chars->CancelSendNetBufferListsHandler(m->context, cancel_id);
            return;
        }
    }
    if (host->miniport_driver != NULL && host->adapter.initialized) {
        host->adapter.chars->CancelSendHandler(host->adapter.context, cancel_id);
    }
}

void
undis_host_cancel_send(undis_host *host, PVOID cancel_id)
{
    if (host != NULL && host->state != UNDIS_HOST_DETACHED) {
        cancel_from(host, UNDIS_HOST_TOP, cancel_id);
    }
}

VOID
NdisFCancelSendNetBufferLists(NDIS_HANDLE NdisFilterHandle, PVOID CancelId)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m != NULL) {
        cancel_from(m->handle.host, m->pos, CancelId);
    }
}

/* ---- OID requests, status, PnP, shutdown ---------------------------------- */

NDIS_STATUS
undis__host_adapter_oid(struct undis_host *host, int from, PNDIS_OID_REQUEST request)
{
    struct host_adapter *a = &host->adapter;
    NDIS_STATUS status;
    BOOLEAN twice;
    undis__host_count(&host->miniport_oids, 1);
    undis__spin_lock(&a->oid.lock);
    a->oid.pending = request;
    a->oid.from = from;
    a->oid.done = 0;
    undis__spin_unlock(&a->oid.lock);
    status = a->chars->OidRequestHandler(a->context, request);
    if (status == NDIS_STATUS_PENDING) {
        return status;
    }
    undis__spin_lock(&a->oid.lock);
    twice = a->oid.done != 0;
    a->oid.pending = NULL;
    undis__spin_unlock(&a->oid.lock);
    if (twice) {
        undis__host_report(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE, "MiniportOidRequest", NULL,
                           "%s: MiniportOidRequest returned 0x%08lx after completing the "
                           "request with NdisMOidRequestComplete",
                           a->friendly, (unsigned long)status);
    }
    return status;
}

VOID
NdisMOidRequestComplete(NDIS_HANDLE MiniportAdapterHandle,
                        PNDIS_OID_REQUEST OidRequest,
                        NDIS_STATUS Status)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    if (a == NULL) {
        return;
    }
    undis__host_oid_complete(a->handle.host, undis__host_bottom(a->handle.host), &a->oid,
                             OidRequest, Status, __func__);
}

VOID
NdisMIndicateStatusEx(NDIS_HANDLE MiniportAdapterHandle, PNDIS_STATUS_INDICATION StatusIndication)
{
    struct host_adapter *a = adapter_of(MiniportAdapterHandle, __func__);
    struct undis_host *host;
    if (a == NULL || StatusIndication == NULL) {
        return;
    }
    host = a->handle.host;
    if (StatusIndication->StatusCode == NDIS_STATUS_LINK_STATE &&
        StatusIndication->StatusBuffer != NULL &&
        StatusIndication->StatusBufferSize >= sizeof(NDIS_LINK_STATE)) {
        const NDIS_LINK_STATE *link = (const NDIS_LINK_STATE *)StatusIndication->StatusBuffer;
        undis__atomic_store_release_int(
            &host->link_up, link->MediaConnectState == MediaConnectStateConnected ? 1 : 0);
    }
    undis__host_status_from(host, undis__host_bottom(host), StatusIndication);
}

NDIS_STATUS
undis_host_pnp_event(undis_host *host, NDIS_DEVICE_PNP_EVENT event, ULONG value)
{
    NET_DEVICE_PNP_EVENT e;
    if (host == NULL || host->miniport_driver == NULL || !host->adapter.initialized) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    memset(&e, 0, sizeof(e));
    e.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    e.Header.Revision = NET_DEVICE_PNP_EVENT_REVISION_1;
    e.Header.Size = (USHORT)sizeof(e);
    e.PortNumber = NDIS_DEFAULT_PORT_NUMBER;
    e.DevicePnPEvent = event;
    e.InformationBuffer = &value;
    e.InformationBufferLength = (ULONG)sizeof(value);
    host->adapter.chars->DevicePnPEventNotifyHandler(host->adapter.context, &e);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_shutdown(undis_host *host)
{
    if (host == NULL || host->miniport_driver == NULL || !host->adapter.initialized) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    host->adapter.chars->ShutdownHandlerEx(host->adapter.context, NdisShutdownPowerOff);
    return NDIS_STATUS_SUCCESS;
}
