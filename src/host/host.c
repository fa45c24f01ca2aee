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
    if (create_pool(host) != NDIS_STATUS_SUCCESS) {
        free(host);
        return NDIS_STATUS_RESOURCES;
    }
    host->driver_handle.magic = UNDIS_HOST_MAGIC_DRIVER;
    host->driver_handle.host = host;
    host->module_handle.magic = UNDIS_HOST_MAGIC_MODULE;
    host->module_handle.host = host;
    memcpy(host->mac, g_default_mac, sizeof(host->mac));
    host->mtu = 1500;
    host->link_up = 1;
    host->driver_object.Type = 4; /* IO_TYPE_DRIVER */
    host->driver_object.Size = (CSHORT)sizeof(DRIVER_OBJECT);
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
    undis__host_frames_fini(host);
    undis__host_protocol_free(host);
    undis__host_kserv_destroy(host);
    NdisFreeNetBufferListPool(host->nbl_pool);
    host->driver_handle.magic = 0;
    host->module_handle.magic = 0;
    free(host);
}

static void
set_registry_path(struct undis_host *host, const char *name)
{
    static const char prefix[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";
    size_t n = 0;
    for (const char *p = prefix; *p != '\0'; p++) {
        host->registry_buffer[n++] = (WCHAR)(UCHAR)*p;
    }
    for (const char *p = name; *p != '\0' && n + 1 < 128; p++) {
        host->registry_buffer[n++] = (WCHAR)(UCHAR)*p;
    }
    host->registry_path.Buffer = host->registry_buffer;
    host->registry_path.Length = (USHORT)(n * sizeof(WCHAR));
    host->registry_path.MaximumLength = (USHORT)(128 * sizeof(WCHAR));
    (void)snprintf(host->name, sizeof(host->name), "%s", name);
}

NTSTATUS
undis_host_load(undis_host *host, undis_host_driver_entry_fn *entry, const char *name)
{
    NTSTATUS status;
    if (host == NULL || entry == NULL || name == NULL || host->loaded) {
        return STATUS_INVALID_PARAMETER;
    }
    set_registry_path(host, name);
    host->driver_object.DriverName.Buffer = host->registry_buffer;
    undis__host_protocol_loading(host);
    undis__host_kserv_load(host);
    status = entry(&host->driver_object, &host->registry_path);
    undis__host_protocol_loading(NULL);
    if (!NT_SUCCESS(status)) {
        undis__host_protocol_unloaded(host, "DriverEntry failed");
        undis__host_devices_unload(&host->driver_object);
        undis__host_links_unload(host);
        if (host->registered) {
            fprintf(stderr,
                    "undis host: %s: DriverEntry failed (0x%08lx) with its filter "
                    "still registered; the host deregisters it\n",
                    host->name, (unsigned long)status);
            host->registered = FALSE;
        }
        return status;
    }
    host->loaded = TRUE;
    if (!host->registered && !undis__host_protocol_registered(host)) {
        fprintf(stderr,
                "undis host: %s: DriverEntry returned success without "
                "NdisFRegisterFilterDriver or NdisRegisterProtocolDriver\n",
                host->name);
        undis_host_unload(host);
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    return STATUS_SUCCESS;
}

void
undis_host_unload(undis_host *host)
{
    if (host == NULL || !host->loaded) {
        return;
    }
    undis_host_detach(host);
    undis__host_files_close_all(host, &host->driver_object);
    if (host->driver_object.DriverUnload != NULL) {
        host->driver_object.DriverUnload(&host->driver_object);
    }
    undis__host_protocol_unloaded(host, "unloaded");
    undis__host_devices_unload(&host->driver_object);
    undis__host_links_unload(host);
    if (host->registered) {
        fprintf(stderr,
                "undis host: %s: unloaded without NdisFDeregisterFilterDriver; "
                "the host deregisters it\n",
                host->name);
        host->registered = FALSE;
    }
    host->loaded = FALSE;
    undis__host_kserv_unload(host);
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

static void
copy_name(char *out, size_t size, const NDIS_STRING *s)
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

NDIS_STATUS
NdisFRegisterFilterDriver(PDRIVER_OBJECT DriverObject,
                          NDIS_HANDLE FilterDriverContext,
                          PNDIS_FILTER_DRIVER_CHARACTERISTICS FilterDriverCharacteristics,
                          PNDIS_HANDLE NdisFilterDriverHandle)
{
    struct undis_host *host;
    const NDIS_FILTER_DRIVER_CHARACTERISTICS *c = FilterDriverCharacteristics;
    if (DriverObject == NULL || c == NULL || NdisFilterDriverHandle == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    host = (struct undis_host *)(void *)((char *)DriverObject -
                                         offsetof(struct undis_host, driver_object));
    if (host->driver_handle.magic != UNDIS_HOST_MAGIC_DRIVER || host->registered) {
        return NDIS_STATUS_FAILURE;
    }
    if (!characteristics_ok(host, c)) {
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    memset(&host->chars, 0, sizeof(host->chars));
    memcpy(&host->chars, c,
           c->Header.Size < sizeof(host->chars) ? c->Header.Size : sizeof(host->chars));
    copy_name(host->friendly, sizeof(host->friendly), &c->FriendlyName);
    host->driver_context = FilterDriverContext;
    host->registered = TRUE;
    *NdisFilterDriverHandle = &host->driver_handle;
    return NDIS_STATUS_SUCCESS;
}

VOID
NdisFDeregisterFilterDriver(NDIS_HANDLE NdisFilterDriverHandle)
{
    struct undis_host *host =
        undis__host_of(NdisFilterDriverHandle, UNDIS_HOST_MAGIC_DRIVER, __func__);
    if (host == NULL) {
        return;
    }
    undis_host_detach(host);
    host->registered = FALSE;
}

const char *
undis_host_driver_name(const undis_host *host)
{
    return host != NULL ? host->friendly : "";
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
}
