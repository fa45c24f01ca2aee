/* SPDX-License-Identifier: MIT */
/*
 * host.c: the host's birth and death, the driver's registration
 * (NdisFRegisterFilterDriver / NdisFDeregisterFilterDriver, with the
 * characteristics header checked as NDIS checks it), DriverEntry and
 * unload, and the helpers every host file uses (handles, reports, waits).
 */
#include "host/host_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOST_TAG 0x74736f48u /* 'tsoH' */

static const UCHAR g_default_mac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x00, 0x01 };

void
undis__host_count(volatile uint64_t *counter, uint64_t value)
{
    undis__atomic_add_u64(counter, value);
}

void
undis__host_report(struct undis_host *host,
                   undis_rule rule,
                   const char *function,
                   const void *nbl,
                   const char *fmt,
                   ...)
{
    char message[512];
    undis_report report;
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    if (host != NULL) {
        undis__host_count(&host->findings, 1);
    }
    undis__report_init(&report, rule);
    report.function = function;
    report.message = message;
    report.object = nbl;
    report.net_buffer_list = (const NET_BUFFER_LIST *)nbl;
    undis__report_dispatch(&report);
}

struct undis_host *
undis__host_of(NDIS_HANDLE handle, ULONG magic, const char *function)
{
    const struct host_handle *h = (const struct host_handle *)handle;
    if (h == NULL || h->magic != magic) {
        fprintf(stderr, "undis host: %s was given a handle the host never gave out (%p)\n",
                function, handle);
        return NULL;
    }
    return h->host;
}

struct host_module *
undis__host_module_of(NDIS_HANDLE handle, const char *function)
{
    const struct host_handle *h = (const struct host_handle *)handle;
    if (undis__host_of(handle, UNDIS_HOST_MAGIC_MODULE, function) == NULL) {
        return NULL;
    }
    return (struct host_module *)h->object;
}

void
undis__host_check_dispatch(struct undis_host *host,
                           const char *function,
                           ULONG flags,
                           ULONG dispatch_flag)
{
    KIRQL irql = KeGetCurrentIrql();
    if ((flags & dispatch_flag) != 0 && irql < DISPATCH_LEVEL) {
        undis__host_report(host, UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH, function, NULL,
                           "flags 0x%lx say DISPATCH_LEVEL but the caller runs at IRQL %u",
                           (unsigned long)flags, (unsigned)irql);
    }
}

BOOLEAN
undis__host_wait(volatile int *flag, ULONG timeout_ms)
{
    uint64_t end = undis__clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000u;
    while (undis__atomic_load_acquire_int(flag) == 0) {
        if (undis__clock_monotonic_ns() >= end) {
            return FALSE;
        }
        undis__sleep_ns(100000u);
    }
    return TRUE;
}

static NDIS_STATUS
create_pool(struct undis_host *host)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.PoolTag = HOST_TAG;
    host->nbl_pool = NdisAllocateNetBufferListPool(NULL, &p);
    return host->nbl_pool != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

NDIS_STATUS
undis_host_create(undis_host **out)
{
    struct undis_host *host;
    if (out == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    *out = NULL;
    host = (struct undis_host *)calloc(1, sizeof(*host));
    if (host == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    if (!undis__host_ledger_init(host)) {
        free(host);
        return NDIS_STATUS_RESOURCES;
    }
    if (create_pool(host) != NDIS_STATUS_SUCCESS) {
        undis__host_ledger_free(host);
        free(host);
        return NDIS_STATUS_RESOURCES;
    }
    undis__host_restart_init(host);
    memcpy(host->mac, g_default_mac, sizeof(host->mac));
    host->mtu = 1500;
    host->link_up = 1;
    *out = host;
    return NDIS_STATUS_SUCCESS;
}

void
undis_host_destroy(undis_host *host)
{
    if (host == NULL) {
        return;
    }
    undis_host_unload(host);
    undis__host_restart_fini(host);
    undis__host_frames_fini(host);
    undis__host_protocol_free(host);
    undis__host_kserv_destroy(host);
    NdisFreeNetBufferListPool(host->nbl_pool);
    undis__host_ledger_free(host);
    free(host);
}

static void
set_registry_path(struct host_driver *d, const char *name)
{
    static const char prefix[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";
    size_t n = 0;
    for (const char *p = prefix; *p != '\0'; p++) {
        d->registry_buffer[n++] = (WCHAR)(UCHAR)*p;
    }
    for (const char *p = name; *p != '\0' && n + 1 < 128; p++) {
        d->registry_buffer[n++] = (WCHAR)(UCHAR)*p;
    }
    d->registry_path.Buffer = d->registry_buffer;
    d->registry_path.Length = (USHORT)(n * sizeof(WCHAR));
    d->registry_path.MaximumLength = (USHORT)(128 * sizeof(WCHAR));
    (void)snprintf(d->name, sizeof(d->name), "%s", name);
}

static void
init_driver(struct undis_host *host, struct host_driver *d, const char *name)
{
    memset(d, 0, sizeof(*d));
    d->host = host;
    d->handle.magic = UNDIS_HOST_MAGIC_DRIVER;
    d->handle.host = host;
    d->handle.object = d;
    d->driver_object.Type = 4; /* IO_TYPE_DRIVER */
    d->driver_object.Size = (CSHORT)sizeof(DRIVER_OBJECT);
    set_registry_path(d, name);
    d->driver_object.DriverName.Buffer = d->registry_buffer;
}

struct host_driver *
undis__host_driver_of(PDRIVER_OBJECT object)
{
    struct host_driver *d;
    if (object == NULL) {
        return NULL;
    }
    d = (struct host_driver *)(void *)((char *)object -
                                       offsetof(struct host_driver, driver_object));
    return d->handle.magic == UNDIS_HOST_MAGIC_DRIVER && d->handle.object == d ? d : NULL;
}

/* Undo a registration a failed DriverEntry left behind. */
static void
drop_registration(struct host_driver *d)
{
    struct undis_host *host = d->host;
    if (!d->registered) {
        return;
    }
    fprintf(stderr,
            "undis host: %s: DriverEntry failed with its driver still registered; "
            "the host deregisters it\n",
            d->name);
    if (d->role == HOST_ROLE_FILTER) {
        host->nmodules--;
    } else if (d->role == HOST_ROLE_MINIPORT) {
        host->miniport_driver = NULL;
    }
    d->registered = FALSE;
}

static void unload_driver(struct host_driver *d);

/* What a driver leaves behind when it goes (a failed DriverEntry, or after
 * DriverUnload): a protocol still registered, devices, links. */
static void
drop_leftovers(struct host_driver *d, const char *when)
{
    if (d->role == HOST_ROLE_PROTOCOL) {
        undis__host_protocol_unloaded(d->host, when);
        d->registered = FALSE;
    }
    undis__host_devices_unload(&d->driver_object);
    undis__host_links_unload(d->host);
}

NTSTATUS
undis_host_load(undis_host *host, undis_host_driver_entry_fn *entry, const char *name)
{
    NTSTATUS status;
    struct host_driver *d;
    if (host == NULL || entry == NULL || name == NULL || host->ndrivers >= UNDIS_HOST_MAX_DRIVERS ||
        host->state != UNDIS_HOST_DETACHED) {
        return STATUS_INVALID_PARAMETER;
    }
    if (undis__host_protocol_registered(host)) {
        fprintf(stderr,
                "undis host: %s: the host's protocol stands alone in its host; load "
                "other drivers into another host\n",
                name);
        return STATUS_INVALID_PARAMETER;
    }
    d = &host->drivers[host->ndrivers];
    init_driver(host, d, name);
    if (host->ndrivers == 0) {
        undis__host_kserv_load(host); /* what the drivers hold from now on */
    }
    undis__host_protocol_loading(d);
    status = entry(&d->driver_object, &d->registry_path);
    undis__host_protocol_loading(NULL);
    if (!NT_SUCCESS(status)) {
        drop_registration(d);
        drop_leftovers(d, "DriverEntry failed");
        d->handle.magic = 0;
        return status;
    }
    if (!d->registered) {
        fprintf(stderr,
                "undis host: %s: DriverEntry returned success without "
                "NdisFRegisterFilterDriver, NdisMRegisterMiniportDriver or "
                "NdisRegisterProtocolDriver\n",
                d->name);
        if (d->driver_object.DriverUnload != NULL) {
            d->driver_object.DriverUnload(&d->driver_object);
        }
        drop_leftovers(d, "unloaded");
        d->handle.magic = 0;
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    d->loaded = TRUE;
    host->ndrivers++;
    return STATUS_SUCCESS;
}

static void
unload_driver(struct host_driver *d)
{
    if (!d->loaded) {
        return;
    }
    undis__host_files_close_all(d->host, &d->driver_object);
    if (d->role == HOST_ROLE_MINIPORT) {
        undis__host_adapter_unload(d);
    } else if (d->driver_object.DriverUnload != NULL) {
        d->driver_object.DriverUnload(&d->driver_object);
    }
    drop_leftovers(d, "unloaded");
    if (d->registered) {
        fprintf(stderr,
                "undis host: %s: unloaded without deregistering its driver; "
                "the host deregisters it\n",
                d->name);
        d->registered = FALSE;
    }
    d->loaded = FALSE;
    d->handle.magic = 0;
}

void
undis_host_unload(undis_host *host)
{
    if (host == NULL || (host->ndrivers == 0 && host->miniport_driver == NULL)) {
        return;
    }
    undis_host_detach(host);
    for (int i = host->ndrivers - 1; i >= 0; i--) {
        unload_driver(&host->drivers[i]);
    }
    if (host->ndrivers > 0) {
        undis__host_kserv_unload(host); /* what the drivers still hold */
    }
    host->ndrivers = 0;
    host->nmodules = 0;
    host->miniport_driver = NULL;
    host->top = NULL;
}

/* ---- registration ------------------------------------------------------------ */

static ULONG
size_of_revision(UCHAR revision)
{
    switch (revision) {
    case NDIS_FILTER_CHARACTERISTICS_REVISION_1:
        return NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    case NDIS_FILTER_CHARACTERISTICS_REVISION_2:
        return NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    case NDIS_FILTER_CHARACTERISTICS_REVISION_3:
        return NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_3;
    default:
        return 0;
    }
}

static BOOLEAN
characteristics_ok(struct undis_host *host, const NDIS_FILTER_DRIVER_CHARACTERISTICS *c)
{
    const NDIS_OBJECT_HEADER *h = &c->Header;
    ULONG need = size_of_revision(h->Revision);
    const char *why = NULL;
    if (h->Type != NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS) {
        why = "Header.Type is not NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS";
    } else if (need == 0) {
        why = "Header.Revision is not 1, 2 or 3";
    } else if (h->Size < need) {
        why = "Header.Size is below the size of its revision";
    } else if (c->MajorNdisVersion != 6) {
        why = "MajorNdisVersion is not 6";
    } else if (c->AttachHandler == NULL || c->DetachHandler == NULL || c->RestartHandler == NULL ||
               c->PauseHandler == NULL) {
        why = "an attach, detach, restart or pause handler is NULL";
    }
    if (why != NULL) {
        undis__host_report(host, UNDIS_RULE_HOST_BAD_CHARACTERISTICS, "NdisFRegisterFilterDriver",
                           c, "%s (type 0x%x, revision %u, size %u, NDIS %u.%u)", why,
                           (unsigned)h->Type, (unsigned)h->Revision, (unsigned)h->Size,
                           (unsigned)c->MajorNdisVersion, (unsigned)c->MinorNdisVersion);
        return FALSE;
    }
    return TRUE;
}

void
undis__host_copy_name(char *out, size_t size, const NDIS_STRING *s)
{
    size_t n = 0;
    if (s != NULL && s->Buffer != NULL) {
        for (; n + 1 < size && n < s->Length / sizeof(WCHAR); n++) {
            WCHAR c = s->Buffer[n];
            out[n] = (char)(c < 0x80 ? c : '?');
        }
    }
    out[n] = '\0';
}

static void
add_module(struct undis_host *host, struct host_driver *d)
{
    struct host_module *m = &host->modules[host->nmodules];
    memset(m, 0, sizeof(*m));
    m->handle.magic = UNDIS_HOST_MAGIC_MODULE;
    m->handle.host = host;
    m->handle.object = m;
    m->driver = d;
    m->chars = &d->chars;
    m->friendly = d->friendly;
    m->pos = ++host->nmodules;
}

NDIS_STATUS
NdisFRegisterFilterDriver(PDRIVER_OBJECT DriverObject,
                          NDIS_HANDLE FilterDriverContext,
                          PNDIS_FILTER_DRIVER_CHARACTERISTICS FilterDriverCharacteristics,
                          PNDIS_HANDLE NdisFilterDriverHandle)
{
    struct host_driver *d = undis__host_driver_of(DriverObject);
    const NDIS_FILTER_DRIVER_CHARACTERISTICS *c = FilterDriverCharacteristics;
    if (DriverObject == NULL || c == NULL || NdisFilterDriverHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (d == NULL || d->registered || d->host->nmodules >= UNDIS_HOST_MAX_FILTERS) {
        return NDIS_STATUS_FAILURE;
    }
    if (!characteristics_ok(d->host, c)) {
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    memset(&d->chars, 0, sizeof(d->chars));
    memcpy(&d->chars, c, c->Header.Size < sizeof(d->chars) ? c->Header.Size : sizeof(d->chars));
    undis__host_copy_name(d->friendly, sizeof(d->friendly), &c->FriendlyName);
    d->driver_context = FilterDriverContext;
    d->role = HOST_ROLE_FILTER;
    d->registered = TRUE;
    add_module(d->host, d);
    if (undis__host_kserv_bind(d->host) != NDIS_STATUS_SUCCESS) {
        fprintf(stderr, "undis host: %s: no room to bind the host's settings to its handles\n",
                d->name);
        d->host->nmodules--;
        d->registered = FALSE;
        return NDIS_STATUS_RESOURCES;
    }
    *NdisFilterDriverHandle = &d->handle;
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisFDeregisterFilterDriver(NDIS_HANDLE NdisFilterDriverHandle)
{
    const struct host_handle *h = (const struct host_handle *)NdisFilterDriverHandle;
    struct undis_host *host =
        undis__host_of(NdisFilterDriverHandle, UNDIS_HOST_MAGIC_DRIVER, __func__);
    if (host == NULL) {
        return;
    }
    undis_host_detach(host);
    ((struct host_driver *)h->object)->registered = FALSE;
}

const char *
undis__host_friendly(const struct undis_host *host)
{
    return host->drivers[0].friendly[0] != '\0' ? host->drivers[0].friendly
           : host->drivers[0].name[0] != '\0'   ? host->drivers[0].name
                                                : "undis host";
}

const char *
undis_host_driver_name(const undis_host *host)
{
    return host != NULL ? host->drivers[0].friendly : ""; /* kept after unload */
}

const char *
undis_host_driver_role_at(const undis_host *host, int index)
{
    static const char *const roles[] = { "", "filter", "miniport", "protocol" };
    if (host == NULL || index < 0 || index >= host->ndrivers) {
        return "";
    }
    return roles[host->drivers[index].role];
}

NDIS_STATUS
undis_host_get_driver_stats(undis_host *host, int index, undis_host_driver_stats *out)
{
    struct host_counts *c;
    if (out != NULL) {
        memset(out, 0, sizeof(*out));
    }
    if (host == NULL || out == NULL || index < 0 || index >= host->ndrivers) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    c = &host->drivers[index].counts;
    out->sent = undis__atomic_load_u64(&c->sent);
    out->completed = undis__atomic_load_u64(&c->completed);
    out->indicated = undis__atomic_load_u64(&c->indicated);
    out->returned = undis__atomic_load_u64(&c->returned);
    out->oids = undis__atomic_load_u64(&c->oids);
    out->direct_oids = undis__atomic_load_u64(&c->direct_oids);
    out->pauses = undis__atomic_load_u64(&c->pauses);
    out->restarts = undis__atomic_load_u64(&c->restarts);
    out->restart_requests = undis__atomic_load_u64(&c->restart_requests);
    return NDIS_STATUS_SUCCESS;
}

undis_host_state
undis_host_get_state(undis_host *host)
{
    return (undis_host_state)undis__atomic_load_acquire_int(&host->state);
}

void
undis_host_set_wire(undis_host *host, undis_host_wire_fn *fn, void *context)
{
    host->wire = fn;
    host->wire_context = context;
}

void
undis_host_get_stats(undis_host *host, undis_host_stats *out)
{
    struct undis_host *h = host;
    out->send_nbls = undis__atomic_load_u64(&h->send_nbls);
    out->send_bytes = undis__atomic_load_u64(&h->send_bytes);
    out->send_completed = undis__atomic_load_u64(&h->send_completed);
    out->wire_out_nbls = undis__atomic_load_u64(&h->wire_out_nbls);
    out->wire_out_bytes = undis__atomic_load_u64(&h->wire_out_bytes);
    out->recv_nbls = undis__atomic_load_u64(&h->recv_nbls);
    out->recv_bytes = undis__atomic_load_u64(&h->recv_bytes);
    out->recv_returned = undis__atomic_load_u64(&h->recv_returned);
    out->up_nbls = undis__atomic_load_u64(&h->up_nbls);
    out->up_bytes = undis__atomic_load_u64(&h->up_bytes);
    out->oids = undis__atomic_load_u64(&h->oids);
    out->oids_completed = undis__atomic_load_u64(&h->oids_completed);
    out->miniport_oids = undis__atomic_load_u64(&h->miniport_oids);
    out->status_indications = undis__atomic_load_u64(&h->status_indications);
    out->findings = undis__atomic_load_u64(&h->findings);
    out->filter_restarts = undis__atomic_load_u64(&h->filter_restarts);
    out->direct_oids = undis__atomic_load_u64(&h->direct_oids);
    out->direct_oids_completed = undis__atomic_load_u64(&h->direct_oids_completed);
}

void
undis_host_set_cancel_id(undis_host *host, PVOID cancel_id)
{
    host->cancel_id = cancel_id;
}

int
undis_host_filter_count(const undis_host *host)
{
    return host != NULL ? host->nmodules : 0;
}

const char *
undis_host_driver_name_at(const undis_host *host, int index)
{
    if (host == NULL || index < 0 || index >= host->ndrivers) {
        return "";
    }
    return host->drivers[index].friendly;
}
