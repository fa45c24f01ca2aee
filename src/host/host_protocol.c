/* SPDX-License-Identifier: MIT */
/*
 * host_protocol.c: the protocol role's life. NdisRegisterProtocolDriver
 * (made during a DriverEntry the host runs; the characteristics checked as
 * NDIS checks them) and NdisDeregisterProtocolDriver; the bind
 * (ProtocolBindAdapterEx with an NDIS_BIND_PARAMETERS describing undis's
 * miniport, NdisOpenAdapterEx with its NDIS_OPEN_PARAMETERS checked,
 * NdisCompleteBindAdapterEx), the net PnP events that pause and restart
 * the binding (NdisCompleteNetPnPEvent), the unbind (ProtocolUnbindAdapterEx,
 * NdisCloseAdapterEx, NdisCompleteUnbindAdapterEx), and the threads that
 * complete what the host pends (UNDIS_HOST_PROTOCOL_PEND_*).
 */
#include "host/host_protocol.h"

#include "kernel/rt_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROTO_IFINDEX    7u
#define PROTO_LUID       0x0006000000000001ull
#define PROTO_LINK_SPEED 1000000000ull
#define PROTO_DEFER_NS   1000000u    /* a pended completion comes 1 ms later */
#define PROTO_TAG        0x746f7250u /* 'torP' */

static UNDIS_THREAD_LOCAL struct host_driver *g_loading;
/* The protocol a net PnP event for no binding (ProtocolBindingContext NULL)
 * is under way to: NdisCompleteNetPnPEvent names no binding then. */
static struct host_protocol *volatile g_protocol_wide;

static NDIS_STRING g_adapter =
    NDIS_STRING_CONST("\\DEVICE\\{5c1b7d2e-0f4a-4c7e-9a31-0000756e6469}");
static NDIS_STRING g_section = NDIS_STRING_CONST("undis");

static void
set_state(struct undis_host *host, undis_host_state state)
{
    undis__atomic_store_release_int(&host->state, (int)state);
}

void
undis__host_protocol_loading(struct host_driver *d)
{
    g_loading = d;
}

BOOLEAN
undis__host_protocol_registered(const struct undis_host *host)
{
    return host->protocol != NULL && host->protocol->registered;
}

BOOLEAN
undis_host_is_protocol(const undis_host *host)
{
    return host != NULL && undis__host_protocol_registered(host);
}

struct host_protocol *
undis__proto_of(NDIS_HANDLE handle, ULONG magic, const char *function)
{
    const struct host_handle *h = (const struct host_handle *)handle;
    if (h == NULL || h->magic != magic || h->host->protocol == NULL) {
        fprintf(stderr, "undis host: %s was given a handle the host never gave out (%p)\n",
                function, handle);
        return NULL;
    }
    return h->host->protocol;
}

/* ---- pended completions: a thread each ------------------------------------ */

struct deferred {
    void (*fn)(void *);
    void *arg;
    uint64_t delay_ns;
};

static void
deferred_main(void *p)
{
    struct deferred d = *(struct deferred *)p;
    free(p);
    undis__sleep_ns(d.delay_ns);
    d.fn(d.arg);
}

BOOLEAN
undis__proto_defer(struct host_protocol *p, void (*fn)(void *), void *arg)
{
    return undis__proto_defer_after(p, fn, arg, PROTO_DEFER_NS);
}

BOOLEAN
undis__proto_defer_after(struct host_protocol *p, void (*fn)(void *), void *arg, uint64_t ns)
{
    struct deferred *d = (struct deferred *)malloc(sizeof(*d));
    undis__thread *t = NULL;
    BOOLEAN ok = FALSE;
    if (d == NULL) {
        return FALSE;
    }
    d->fn = fn;
    d->arg = arg;
    d->delay_ns = ns;
    undis__spin_lock(&p->worker_lock);
    if (p->worker_count < PROTO_WORKERS && undis__thread_spawn(&t, deferred_main, d)) {
        p->workers[p->worker_count++] = t;
        ok = TRUE;
    }
    undis__spin_unlock(&p->worker_lock);
    if (!ok) {
        free(d);
    }
    return ok;
}

void
undis__proto_join(struct host_protocol *p)
{
    for (;;) {
        undis__thread *t = NULL;
        undis__spin_lock(&p->worker_lock);
        if (p->worker_count > 0) {
            t = p->workers[--p->worker_count];
        }
        undis__spin_unlock(&p->worker_lock);
        if (t == NULL) {
            return;
        }
        undis__thread_join(t);
    }
}

/* ---- operations the driver may pend ----------------------------------------- */

static void
wait_begin(struct proto_wait *w, const void *object)
{
    w->status = NDIS_STATUS_SUCCESS;
    w->object = object;
    undis__atomic_store_release_int(&w->claimed, 0);
    undis__atomic_store_release_int(&w->done, 0);
    undis__atomic_store_release_int(&w->active, 1);
}

/* The driver's completion call: FALSE when nothing waits for it (or another
 * completion claimed it). The status is published by the release of done. */
static BOOLEAN
wait_complete(struct proto_wait *w, NDIS_STATUS status, const void *object)
{
    if (!undis__atomic_load_acquire_int(&w->active) || (object != NULL && object != w->object) ||
        undis__atomic_exchange_int(&w->claimed, 1) != 0) {
        return FALSE;
    }
    w->status = status;
    undis__atomic_store_release_int(&w->done, 1);
    return TRUE;
}

/* The handler returned status: the operation's status, waiting for the
 * completion when it pended (*late: it did not come in time). */
static NDIS_STATUS
wait_end(struct host_protocol *p,
         struct proto_wait *w,
         NDIS_STATUS status,
         const char *const names[2],
         ULONG timeout_ms,
         BOOLEAN *late)
{
    *late = FALSE;
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&w->done, timeout_ms)) {
            fprintf(stderr, "undis host: %s: %s pended and %s did not come within %lu ms\n",
                    undis__host_friendly(p->host), names[0], names[1], (unsigned long)timeout_ms);
            *late = TRUE;
            return NDIS_STATUS_FAILURE;
        }
        status = w->status;
    } else if (undis__atomic_load_acquire_int(&w->claimed)) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_COMPLETED_TWICE, names[1], NULL,
                           "%s: %s returned 0x%08lx and also called %s",
                           undis__host_friendly(p->host), names[0], (unsigned long)status,
                           names[1]);
    }
    undis__atomic_store_release_int(&w->active, 0);
    return status;
}

static void
completion_unexpected(struct host_protocol *p, const char *function, const char *what)
{
    undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_COMPLETED_TWICE, function, NULL,
                       "%s: %s with no %s pending (completed twice, or after the handler "
                       "returned a status of its own)",
                       undis__host_friendly(p->host), function, what);
}

VOID
NdisCompleteBindAdapterEx(NDIS_HANDLE BindAdapterContext, NDIS_STATUS Status)
{
    struct host_protocol *p =
        undis__proto_of(BindAdapterContext, UNDIS_HOST_MAGIC_BINDCTX, __func__);
    if (p != NULL && !wait_complete(&p->bind, Status, NULL)) {
        completion_unexpected(p, __func__, "bind");
    }
}

VOID
NdisCompleteUnbindAdapterEx(NDIS_HANDLE UnbindContext)
{
    struct host_protocol *p = undis__proto_of(UnbindContext, UNDIS_HOST_MAGIC_UNBIND, __func__);
    if (p != NULL && !wait_complete(&p->unbind, NDIS_STATUS_SUCCESS, NULL)) {
        completion_unexpected(p, __func__, "unbind");
    }
}

VOID
NdisCompleteNetPnPEvent(NDIS_HANDLE NdisBindingHandle,
                        PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification,
                        NDIS_STATUS Status)
{
    struct host_protocol *p = g_protocol_wide; /* an event without a binding */
    if (NdisBindingHandle != NULL || p == NULL) {
        p = undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    }
    if (p != NULL && !wait_complete(&p->pnp, Status, NetPnPEventNotification)) {
        completion_unexpected(p, __func__, "net PnP event (this one)");
    }
}

/* ---- registration ---------------------------------------------------------- */

static ULONG
chars_size(UCHAR revision)
{
    switch (revision) {
    case NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1:
        return NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
#if NDIS_SUPPORT_NDIS61
    case NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2:
        return NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
#endif
    default:
        return 0;
    }
}

static const char *
chars_problem(const NDIS_PROTOCOL_DRIVER_CHARACTERISTICS *c)
{
    ULONG need = chars_size(c->Header.Revision);
    if (c->Header.Type != NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS) {
        return "Header.Type is not NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS";
    }
    if (need == 0) {
        return "Header.Revision is not 1 or 2";
    }
    if (c->Header.Size < need) {
        return "Header.Size is below the size of its revision";
    }
    if (c->MajorNdisVersion != 6) {
        return "MajorNdisVersion is not 6";
    }
    if (c->BindAdapterHandlerEx == NULL || c->UnbindAdapterHandlerEx == NULL ||
        c->OpenAdapterCompleteHandlerEx == NULL || c->CloseAdapterCompleteHandlerEx == NULL ||
        c->NetPnPEventHandler == NULL || c->OidRequestCompleteHandler == NULL ||
        c->StatusHandlerEx == NULL || c->ReceiveNetBufferListsHandler == NULL ||
        c->SendNetBufferListsCompleteHandler == NULL) {
        return "a mandatory handler (bind, unbind, open/close complete, net PnP, OID "
               "complete, status, receive, send complete) is NULL";
    }
    return NULL;
}

static NDIS_STATUS
bind_config(struct host_protocol *p, void *config)
{
    NDIS_STATUS status = undis__config_bind(&p->protocol_handle, (undis__config *)config);
    if (status == NDIS_STATUS_SUCCESS) {
        status = undis__config_bind(&p->binding_handle, (undis__config *)config);
    }
    return status;
}

NDIS_STATUS
undis__host_protocol_config(struct undis_host *host, void *config)
{
    return host->protocol != NULL ? bind_config(host->protocol, config) : NDIS_STATUS_SUCCESS;
}

static struct host_protocol *
protocol_new(struct undis_host *host)
{
    struct host_protocol *p = host->protocol;
    if (p == NULL) {
        /* undis's memory, not the driver's (it is made during DriverEntry,
         * and the leak check at unload lists the driver's pool blocks) */
        p = (struct host_protocol *)undis__mem_alloc(sizeof(*p));
        if (p == NULL) {
            return NULL;
        }
        memset(p, 0, sizeof(*p));
        p->protocol_handle = (struct host_handle){ UNDIS_HOST_MAGIC_PROTOCOL, host, p };
        p->binding_handle = (struct host_handle){ UNDIS_HOST_MAGIC_BINDING, host, p };
        /* the settings reach the handles a protocol opens configuration with */
        if (host->config != NULL && bind_config(p, host->config) != NDIS_STATUS_SUCCESS) {
            (void)bind_config(p, NULL);
            undis__mem_free(p);
            return NULL;
        }
        host->protocol = p;
    }
    p->host = host;
    p->protocol_handle = (struct host_handle){ UNDIS_HOST_MAGIC_PROTOCOL, host, p };
    p->bind_context = (struct host_handle){ UNDIS_HOST_MAGIC_BINDCTX, host, p };
    p->unbind_context = (struct host_handle){ UNDIS_HOST_MAGIC_UNBIND, host, p };
    p->binding_handle = (struct host_handle){ UNDIS_HOST_MAGIC_BINDING, host, p };
    return p;
}

static void
copy_friendly(char *out, size_t size, const NDIS_STRING *s)
{
    size_t n = 0;
    for (; s->Buffer != NULL && n + 1 < size && n < s->Length / sizeof(WCHAR); n++) {
        WCHAR c = s->Buffer[n];
        out[n] = (char)(c < 0x80 ? c : '?');
    }
    out[n] = '\0';
}

NDIS_STATUS
NdisRegisterProtocolDriver(NDIS_HANDLE ProtocolDriverContext,
                           PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS ProtocolCharacteristics,
                           PNDIS_HANDLE NdisProtocolHandle)
{
    struct host_driver *d = g_loading;
    struct undis_host *host = d != NULL ? d->host : NULL;
    const NDIS_PROTOCOL_DRIVER_CHARACTERISTICS *c = ProtocolCharacteristics;
    struct host_protocol *p;
    const char *why;
    if (c == NULL || NdisProtocolHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    *NdisProtocolHandle = NULL;
    if (host == NULL || d->registered || host->ndrivers > 0 ||
        undis__host_protocol_registered(host)) {
        fprintf(stderr, "undis host: NdisRegisterProtocolDriver outside a DriverEntry the host "
                        "runs, a second registration, or with other drivers in the host (a "
                        "protocol stands alone in its host)\n");
        return NDIS_STATUS_FAILURE;
    }
    why = chars_problem(c);
    if (why != NULL) {
        undis__host_report(host, UNDIS_RULE_HOST_BAD_CHARACTERISTICS, __func__, c,
                           "%s (type 0x%x, revision %u, size %u, NDIS %u.%u)", why,
                           (unsigned)c->Header.Type, (unsigned)c->Header.Revision,
                           (unsigned)c->Header.Size, (unsigned)c->MajorNdisVersion,
                           (unsigned)c->MinorNdisVersion);
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    p = protocol_new(host);
    if (p == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    memset(&p->chars, 0, sizeof(p->chars));
    memcpy(&p->chars, c, c->Header.Size < sizeof(p->chars) ? c->Header.Size : sizeof(p->chars));
    copy_friendly(d->friendly, sizeof(d->friendly), &c->Name);
    p->driver = d;
    p->driver_context = ProtocolDriverContext;
    p->registered = TRUE;
    d->role = HOST_ROLE_PROTOCOL;
    d->registered = TRUE;
    host->top = &undis__host_protocol_top;
    *NdisProtocolHandle = &p->protocol_handle;
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisDeregisterProtocolDriver(NDIS_HANDLE NdisProtocolHandle)
{
    struct host_protocol *p =
        undis__proto_of(NdisProtocolHandle, UNDIS_HOST_MAGIC_PROTOCOL, __func__);
    if (p == NULL) {
        return;
    }
    undis__host_protocol_unbind(p->host);
    p->registered = FALSE;
    p->driver->registered = FALSE;
}

void
undis__host_protocol_unloaded(struct undis_host *host, const char *when)
{
    if (!undis__host_protocol_registered(host)) {
        return;
    }
    fprintf(stderr,
            "undis host: %s: %s with its protocol still registered (no "
            "NdisDeregisterProtocolDriver); the host deregisters it\n",
            host->protocol->driver->name, when);
    undis__host_protocol_unbind(host);
    host->protocol->registered = FALSE;
    host->protocol->driver->registered = FALSE;
}

void
undis__host_protocol_free(struct undis_host *host)
{
    if (host->protocol != NULL) {
        undis__proto_join(host->protocol);
        (void)bind_config(host->protocol, NULL);
        undis__mem_free(host->protocol);
        host->protocol = NULL;
    }
}

void
undis_host_set_protocol_pending(undis_host *host, ULONG flags)
{
    if (host->protocol == NULL && protocol_new(host) == NULL) {
        return;
    }
    host->protocol->pending = flags;
}

/* ---- open and close ---------------------------------------------------------- */

static BOOLEAN
same_name(const NDIS_STRING *a, const NDIS_STRING *b)
{
    return a->Buffer != NULL && a->Length == b->Length &&
           memcmp(a->Buffer, b->Buffer, a->Length) == 0;
}

static NDIS_STATUS
check_open(struct host_protocol *p, const NDIS_OPEN_PARAMETERS *o)
{
    const char *why = NULL;
    if (o == NULL) {
        why = "OpenParameters is NULL";
    } else if (o->Header.Type != NDIS_OBJECT_TYPE_OPEN_PARAMETERS) {
        why = "Header.Type is not NDIS_OBJECT_TYPE_OPEN_PARAMETERS";
    } else if (o->Header.Revision < NDIS_OPEN_PARAMETERS_REVISION_1 ||
               o->Header.Size < NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1) {
        why = "Header.Revision or Header.Size is below revision 1";
    } else if (o->AdapterName == NULL || !same_name(o->AdapterName, &g_adapter)) {
        why = "AdapterName is not the AdapterName of the bind parameters";
    } else if (o->MediumArray == NULL || o->MediumArraySize == 0 ||
               o->SelectedMediumIndex == NULL) {
        why = "MediumArray, MediumArraySize or SelectedMediumIndex is missing";
    }
    if (why != NULL) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_BAD_OPEN_PARAMETERS,
                           "NdisOpenAdapterEx", o, "%s: %s", undis__host_friendly(p->host), why);
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    for (UINT i = 0; i < o->MediumArraySize; i++) {
        if (o->MediumArray[i] == NdisMedium802_3) {
            *o->SelectedMediumIndex = i;
            return NDIS_STATUS_SUCCESS;
        }
    }
    fprintf(stderr,
            "undis host: %s: NdisOpenAdapterEx: the medium array has no NdisMedium802_3 "
            "(undis's miniport's medium): NDIS_STATUS_UNSUPPORTED_MEDIA\n",
            undis__host_friendly(p->host));
    return NDIS_STATUS_UNSUPPORTED_MEDIA;
}

static void
open_done(void *arg)
{
    struct host_protocol *p = (struct host_protocol *)arg;
    undis__atomic_store_release_int(&p->open, PROTO_OPEN);
    p->chars.OpenAdapterCompleteHandlerEx(p->binding_context, NDIS_STATUS_SUCCESS);
}

/* An open made where the host does not expect one: FALSE after a report. */
static BOOLEAN
open_allowed(struct host_protocol *p, NDIS_HANDLE bind_context)
{
    const char *why = NULL;
    if (bind_context != &p->bind_context || !undis__atomic_load_acquire_int(&p->bind.active)) {
        why = "outside ProtocolBindAdapterEx (or with another BindContext)";
    } else if (undis__atomic_load_acquire_int(&p->open) != PROTO_CLOSED) {
        why = "a second time in one bind";
    }
    if (why != NULL) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE, "NdisOpenAdapterEx", NULL,
                           "%s: NdisOpenAdapterEx called %s", undis__host_friendly(p->host), why);
        return FALSE;
    }
    return TRUE;
}

NDIS_STATUS
NdisOpenAdapterEx(NDIS_HANDLE NdisProtocolHandle,
                  NDIS_HANDLE ProtocolBindingContext,
                  PNDIS_OPEN_PARAMETERS OpenParameters,
                  NDIS_HANDLE BindContext,
                  PNDIS_HANDLE NdisBindingHandle)
{
    struct host_protocol *p =
        undis__proto_of(NdisProtocolHandle, UNDIS_HOST_MAGIC_PROTOCOL, __func__);
    NDIS_STATUS status;
    if (NdisBindingHandle != NULL) {
        *NdisBindingHandle = NULL;
    }
    if (p == NULL || NdisBindingHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (!open_allowed(p, BindContext)) {
        return NDIS_STATUS_OPEN_FAILED;
    }
    status = check_open(p, OpenParameters);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    p->binding_context = ProtocolBindingContext;
    *NdisBindingHandle = &p->binding_handle;
    undis__host_count(&p->opens, 1);
    undis__atomic_store_release_int(&p->open, PROTO_OPENING);
    if ((p->pending & UNDIS_HOST_PROTOCOL_PEND_OPEN) != 0 && undis__proto_defer(p, open_done, p)) {
        return NDIS_STATUS_PENDING;
    }
    undis__atomic_store_release_int(&p->open, PROTO_OPEN);
    return NDIS_STATUS_SUCCESS;
}

static void
close_done(void *arg)
{
    struct host_protocol *p = (struct host_protocol *)arg;
    undis__atomic_store_release_int(&p->open, PROTO_CLOSED);
    p->chars.CloseAdapterCompleteHandlerEx(p->binding_context);
}

NDIS_STATUS
NdisCloseAdapterEx(NDIS_HANDLE NdisBindingHandle)
{
    struct host_protocol *p =
        undis__proto_of(NdisBindingHandle, UNDIS_HOST_MAGIC_BINDING, __func__);
    if (p == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (undis__atomic_load_acquire_int(&p->open) != PROTO_OPEN) {
        undis__host_report(p->host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE, __func__, NULL,
                           "%s: NdisCloseAdapterEx on a binding that is not open (closed "
                           "twice, or before its open completed); ignored",
                           undis__host_friendly(p->host));
        return NDIS_STATUS_SUCCESS;
    }
    (void)undis__proto_held(p, "NdisCloseAdapterEx", "NdisCloseAdapterEx was called");
    undis__host_count(&p->closes, 1);
    undis__atomic_store_release_int(&p->open, PROTO_CLOSING);
    if ((p->pending & UNDIS_HOST_PROTOCOL_PEND_OPEN) != 0 && undis__proto_defer(p, close_done, p)) {
        return NDIS_STATUS_PENDING;
    }
    undis__atomic_store_release_int(&p->open, PROTO_CLOSED);
    return NDIS_STATUS_SUCCESS;
}

/* ---- bind, net PnP events, unbind -------------------------------------------- */

static void
fill_bind(const struct undis_host *host, NDIS_BIND_PARAMETERS *b)
{
    memset(b, 0, sizeof(*b));
    b->Header.Type = NDIS_OBJECT_TYPE_BIND_PARAMETERS;
#if NDIS_SUPPORT_NDIS630
    b->Header.Revision = NDIS_BIND_PARAMETERS_REVISION_3;
#else
    b->Header.Revision = NDIS_BIND_PARAMETERS_REVISION_1;
#endif
    b->Header.Size = (USHORT)sizeof(*b);
    b->ProtocolSection = &g_section;
    b->AdapterName = &g_adapter;
    b->BoundAdapterName = &g_adapter;
    b->MediaType = NdisMedium802_3;
    b->PhysicalMediumType = NdisPhysicalMedium802_3;
    b->MtuSize = host->mtu;
    b->LookaheadSize = host->mtu;
    b->MaxXmitLinkSpeed = b->MaxRcvLinkSpeed = PROTO_LINK_SPEED;
    b->XmitLinkSpeed = b->RcvLinkSpeed = host->link_up ? PROTO_LINK_SPEED : 0;
    b->MediaConnectState =
        host->link_up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    b->MediaDuplexState = MediaDuplexStateFull;
    b->SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                                NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST |
                                NDIS_PACKET_TYPE_PROMISCUOUS;
    b->MaxMulticastListSize = 32;
    b->MacAddressLength = (USHORT)sizeof(host->mac);
    memcpy(b->CurrentMacAddress, host->mac, sizeof(host->mac));
    b->BoundIfNetluid.Value = b->LowestIfNetluid.Value = PROTO_LUID;
    b->BoundIfIndex = b->LowestIfIndex = PROTO_IFINDEX;
    b->AccessType = NET_IF_ACCESS_BROADCAST;
    b->DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    b->ConnectionType = NET_IF_CONNECTION_DEDICATED;
    b->IfType = IF_TYPE_ETHERNET_CSMACD;
    b->IfConnectorPresent = TRUE;
}

static const char *const g_bind_names[2] = { "ProtocolBindAdapterEx", "NdisCompleteBindAdapterEx" };
static const char *const g_unbind_names[2] = { "ProtocolUnbindAdapterEx",
                                               "NdisCompleteUnbindAdapterEx" };
static const char *const g_pnp_names[2] = { "ProtocolNetPnPEvent", "NdisCompleteNetPnPEvent" };

static NDIS_STATUS pnp_event(struct host_protocol *p,
                             BOOLEAN for_binding,
                             NET_PNP_EVENT_CODE code,
                             PVOID buffer,
                             ULONG length,
                             ULONG ms);

/* The bind is over with status: the binding PAUSED and restarted (and, the
 * first time, NetEventBindsComplete to the protocol), or gone (late: its
 * completion never came; the host gives up on it). */
static NDIS_STATUS
bound(struct undis_host *host, struct host_protocol *p, NDIS_STATUS status, BOOLEAN late)
{
    int open = undis__atomic_load_acquire_int(&p->open);
    if (status == NDIS_STATUS_SUCCESS && open != PROTO_OPEN) {
        undis__host_report(host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE, g_bind_names[0], NULL,
                           "%s: the bind succeeded without an open adapter (NdisOpenAdapterEx "
                           "not called, failed or not completed); the host fails it",
                           undis__host_friendly(host));
        status = NDIS_STATUS_FAILURE;
    } else if (status != NDIS_STATUS_SUCCESS && open != PROTO_CLOSED && !late) {
        undis__host_report(host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE, g_bind_names[0], NULL,
                           "%s: the bind failed (0x%08lx) with its adapter left open",
                           undis__host_friendly(host), (unsigned long)status);
    }
    if (status != NDIS_STATUS_SUCCESS) {
        undis__atomic_store_release_int(&p->open, PROTO_CLOSED);
        set_state(host, UNDIS_HOST_DETACHED);
        return status;
    }
    set_state(host, UNDIS_HOST_PAUSED);
    status = undis__host_protocol_restart(host);
    if (!p->binds_complete) { /* NDIS tells the protocol once its first binds are done */
        p->binds_complete = TRUE;
        g_protocol_wide = p;
        (void)pnp_event(p, FALSE, NetEventBindsComplete, NULL, 0, PROTO_WAIT_MS);
        g_protocol_wide = NULL;
    }
    return status;
}

NDIS_STATUS
undis__host_protocol_bind(struct undis_host *host)
{
    struct host_protocol *p = host->protocol;
    NDIS_BIND_PARAMETERS b;
    NDIS_STATUS status;
    BOOLEAN late;
    if (host->state != UNDIS_HOST_DETACHED) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    fill_bind(host, &b);
    set_state(host, UNDIS_HOST_ATTACHING);
    wait_begin(&p->bind, NULL);
    undis__host_count(&p->binds, 1);
    status = p->chars.BindAdapterHandlerEx(p->driver_context, &p->bind_context, &b);
    status = wait_end(p, &p->bind, status, g_bind_names, PROTO_WAIT_MS, &late);
    undis__proto_join(p);
    return bound(host, p, status, late);
}

/* A net PnP event to the binding (or, for_binding FALSE, to the protocol as
 * a whole: ProtocolBindingContext NULL). NDIS_STATUS_PENDING: it did not
 * complete within ms. */
static NDIS_STATUS
pnp_event(struct host_protocol *p,
          BOOLEAN for_binding,
          NET_PNP_EVENT_CODE code,
          PVOID buffer,
          ULONG length,
          ULONG ms)
{
    NET_PNP_EVENT_NOTIFICATION n;
    NDIS_STATUS status;
    BOOLEAN late;
    memset(&n, 0, sizeof(n));
    n.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    n.Header.Revision = NET_PNP_EVENT_NOTIFICATION_REVISION_1;
    n.Header.Size = NDIS_SIZEOF_NET_PNP_EVENT_NOTIFICATION_REVISION_1;
    n.PortNumber = NDIS_DEFAULT_PORT_NUMBER;
    n.NetPnPEvent.NetEvent = code;
    n.NetPnPEvent.Buffer = buffer;
    n.NetPnPEvent.BufferLength = length;
    wait_begin(&p->pnp, &n);
    undis__host_count(&p->pnp_events, 1);
    status = p->chars.NetPnPEventHandler(for_binding ? p->binding_context : NULL, &n);
    status = wait_end(p, &p->pnp, status, g_pnp_names, ms, &late);
    return late ? NDIS_STATUS_PENDING : status;
}

NDIS_STATUS
undis__host_protocol_restart(struct undis_host *host)
{
    struct host_protocol *p = host->protocol;
    NDIS_PROTOCOL_RESTART_PARAMETERS r;
    NDIS_STATUS status;
    if (host->state != UNDIS_HOST_PAUSED) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    memset(&r, 0, sizeof(r));
    r.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS;
    r.Header.Revision = NDIS_PROTOCOL_RESTART_PARAMETERS_REVISION_1;
    r.Header.Size = NDIS_SIZEOF_PROTOCOL_RESTART_PARAMETERS_REVISION_1;
    r.BoundIfIndex = PROTO_IFINDEX;
    r.BoundIfNetluid.Value = PROTO_LUID;
    set_state(host, UNDIS_HOST_RESTARTING);
    status = pnp_event(p, TRUE, NetEventRestart, &r, (ULONG)sizeof(r), PROTO_WAIT_MS);
    status = status == NDIS_STATUS_PENDING ? NDIS_STATUS_FAILURE : status;
    set_state(host, status == NDIS_STATUS_SUCCESS ? UNDIS_HOST_RUNNING : UNDIS_HOST_PAUSED);
    return status;
}

NDIS_STATUS
undis__host_protocol_pause(struct undis_host *host, ULONG timeout_ms)
{
    struct host_protocol *p = host->protocol;
    NDIS_STATUS status;
    if (host->state != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    set_state(host, UNDIS_HOST_PAUSING);
    status = pnp_event(p, TRUE, NetEventPause, NULL, 0, timeout_ms);
    if (status == NDIS_STATUS_PENDING) {
        (void)undis__proto_held(p, "ProtocolNetPnPEvent", "NetEventPause did not complete in time");
        return NDIS_STATUS_FAILURE;
    }
    if (status != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis host: %s: NetEventPause answered 0x%08lx; a pause cannot fail\n",
                undis__host_friendly(host), (unsigned long)status);
    }
    (void)undis__proto_held(p, "ProtocolNetPnPEvent", "NetEventPause completed");
    set_state(host, UNDIS_HOST_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

void
undis__host_protocol_unbind(struct undis_host *host)
{
    struct host_protocol *p = host->protocol;
    NDIS_STATUS status;
    BOOLEAN late;
    if (p == NULL || host->state == UNDIS_HOST_DETACHED) {
        return;
    }
    if (host->state == UNDIS_HOST_RUNNING) {
        (void)undis__host_protocol_pause(host, PROTO_WAIT_MS);
    }
    wait_begin(&p->unbind, NULL);
    undis__host_count(&p->unbinds, 1);
    status = p->chars.UnbindAdapterHandlerEx(&p->unbind_context, p->binding_context);
    (void)wait_end(p, &p->unbind, status, g_unbind_names, PROTO_WAIT_MS, &late);
    undis__proto_join(p);
    if (undis__atomic_load_acquire_int(&p->open) != PROTO_CLOSED) {
        undis__host_report(host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE, g_unbind_names[0], NULL,
                           "%s: the unbind completed with the adapter still open (no "
                           "NdisCloseAdapterEx, or its completion did not come)",
                           undis__host_friendly(host));
        undis__atomic_store_release_int(&p->open, PROTO_CLOSED);
    }
    undis__proto_release_held(p);
    set_state(host, UNDIS_HOST_DETACHED);
}

/* ---- the adapter's instance name ------------------------------------------- */

static const char g_instance[] = "undis miniport";

NDIS_STATUS
NdisQueryAdapterInstanceName(PNDIS_STRING AdapterInstanceName, NDIS_HANDLE NdisBindingHandle)
{
    const struct host_handle *h = (const struct host_handle *)NdisBindingHandle;
    ULONG size = (ULONG)sizeof(g_instance) * (ULONG)sizeof(WCHAR);
    PWSTR buffer;
    if (AdapterInstanceName == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    memset(AdapterInstanceName, 0, sizeof(*AdapterInstanceName));
    if (h == NULL ||
        (h->magic != UNDIS_HOST_MAGIC_BINDING && h->magic != UNDIS_HOST_MAGIC_MODULE)) {
        fprintf(stderr, "undis host: %s was given a handle the host never gave out (%p)\n",
                __func__, NdisBindingHandle);
        return NDIS_STATUS_FAILURE;
    }
    buffer = (PWSTR)NdisAllocateMemoryWithTagPriority(NULL, size, PROTO_TAG, NormalPoolPriority);
    if (buffer == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (size_t i = 0; i < sizeof(g_instance); i++) {
        buffer[i] = (WCHAR)g_instance[i];
    }
    AdapterInstanceName->Buffer = buffer;
    AdapterInstanceName->Length = (USHORT)(size - sizeof(WCHAR));
    AdapterInstanceName->MaximumLength = (USHORT)size;
    return NDIS_STATUS_SUCCESS;
}
