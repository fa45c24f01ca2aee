/* SPDX-License-Identifier: MIT */
/*
 * host_kserv.c: the host's side of the kernel services (src/kernel): the
 * driver's settings (undis_host_set_config, bound to the handles it opens
 * configuration with) and the leak report at unload (HOST_LEAK_AT_UNLOAD:
 * what the driver allocated since load and still holds, from the kernel
 * runtime's list, kernel/rt_services.h).
 */
#include "host/host_internal.h"

#include "kernel/rt_config.h"

#include <stdio.h>

#define LEAKS_REPORTED_MAX 32 /* one report each; then one that counts the rest */

/* The handles a driver of this host may open configuration with: each
 * registered filter or miniport driver's, each filter module's and the
 * miniport adapter's (the protocol role binds its own). Handles not in use
 * are not bound (the table of bindings is shared by every host); config
 * NULL unbinds them all. */
static NDIS_STATUS
bind_all(struct undis_host *host, undis__config *config)
{
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;
    BOOLEAN all = config == NULL;
    if (all || host->miniport_driver != NULL) {
        status = undis__config_bind(&host->adapter.handle, config);
    }
    for (int i = 0; i < UNDIS_HOST_MAX_DRIVERS && status == NDIS_STATUS_SUCCESS; i++) {
        const struct host_driver *d = &host->drivers[i];
        if (all || (d->registered && d->role != HOST_ROLE_PROTOCOL)) {
            status = undis__config_bind(&host->drivers[i].handle, config);
        }
    }
    for (int i = 0; i < UNDIS_HOST_MAX_FILTERS && status == NDIS_STATUS_SUCCESS; i++) {
        if (all || i < host->nmodules) {
            status = undis__config_bind(&host->modules[i].handle, config);
        }
    }
    if (status == NDIS_STATUS_SUCCESS) {
        status = undis__host_protocol_config(host, config);
    }
    return status;
}

NDIS_STATUS
undis__host_kserv_bind(struct undis_host *host)
{
    return host->config != NULL ? bind_all(host, (undis__config *)host->config)
                                : NDIS_STATUS_SUCCESS;
}

static const char *
who(const struct undis_host *host)
{
    const struct host_driver *d = &host->drivers[0];
    return d->friendly[0] != '\0' ? d->friendly : d->name;
}

static NDIS_STATUS
take_config(struct undis_host *host, undis__config *config)
{
    NDIS_STATUS status = bind_all(host, config);
    if (status != NDIS_STATUS_SUCCESS) {
        (void)bind_all(host, NULL);
        (void)undis__host_kserv_bind(host); /* the settings before */
        undis__config_release(config);
        (void)snprintf(host->config_error, sizeof(host->config_error), "out of memory");
        return status;
    }
    undis__config_release((undis__config *)host->config);
    host->config = config;
    host->config_error[0] = '\0';
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis_host_set_config(undis_host *host, const char *path)
{
    undis__config *config = NULL;
    NDIS_STATUS status;
    if (host == NULL || path == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    status = undis__config_load(path, &config, host->config_error, sizeof(host->config_error));
    return status == NDIS_STATUS_SUCCESS ? take_config(host, config) : status;
}

NDIS_STATUS
undis_host_set_config_text(undis_host *host, const char *text)
{
    undis__config *config = NULL;
    NDIS_STATUS status;
    if (host == NULL || text == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    status = undis__config_parse(text, strlen(text), "<settings>", &config, host->config_error,
                                 sizeof(host->config_error));
    return status == NDIS_STATUS_SUCCESS ? take_config(host, config) : status;
}

const char *
undis_host_config_error(const undis_host *host)
{
    return host != NULL ? host->config_error : "";
}

ULONG
undis_host_leaks_at_unload(const undis_host *host)
{
    return host != NULL ? host->leaks_at_unload : 0;
}

/* Hosts with drivers loaded now, in the process. The kernel runtime's list
 * of what drivers hold is the process's: what was made since a host's
 * mark is that host's only while no other host runs drivers. */
static volatile uint64_t g_loaded_hosts;

void
undis__host_kserv_load(struct undis_host *host)
{
    host->leak_mark = undis__rt_leak_mark();
    host->leaks_at_unload = 0;
    (void)undis__atomic_add_u64(&g_loaded_hosts, 1);
}

struct leak_ctx {
    struct undis_host *host;
    ULONG count;
};

static void
report_leak(void *context, const undis__rt_leak *leak)
{
    struct leak_ctx *c = (struct leak_ctx *)context;
    struct undis_host *host = c->host;
    char tag[5] = { 0 };
    char where[160];
    if (++c->count > LEAKS_REPORTED_MAX) {
        return;
    }
    memcpy(tag, &leak->tag, 4);
    undis__plat_describe_address(leak->site, where + 1, sizeof(where) - 2);
    where[0] = where[1] != '\0' ? ' ' : '\0';
    if (leak->kind == UNDIS__RT_MEMORY) {
        undis__host_report(host, UNDIS_RULE_HOST_LEAK_AT_UNLOAD, "DriverUnload", NULL,
                           "%s: memory %p (%lu bytes, tag '%.4s') allocated at %p%s not freed",
                           who(host), leak->object, (unsigned long)leak->size, tag, leak->site,
                           where);
    } else {
        undis__host_report(host, UNDIS_RULE_HOST_LEAK_AT_UNLOAD, "DriverUnload", NULL,
                           "%s: %s %p (%s %p%s) still held at unload", who(host),
                           undis__rt_kind_name(leak->kind), leak->object,
                           leak->kind == UNDIS__RT_DPC || leak->kind == UNDIS__RT_KTIMER
                               ? "routine"
                               : "allocated at",
                           leak->site, where);
    }
}

void
undis__host_kserv_unload(struct undis_host *host)
{
    struct leak_ctx c;
    c.host = host;
    c.count = 0;
    if (undis__atomic_add_u64(&g_loaded_hosts, UINT64_MAX) != 0) { /* minus one */
        /* another host's drivers may own what was made since the mark */
        host->leaks_at_unload = 0;
        return;
    }
    (void)undis__rt_leaks(host->leak_mark, report_leak, &c);
    if (c.count > LEAKS_REPORTED_MAX) {
        undis__host_report(host, UNDIS_RULE_HOST_LEAK_AT_UNLOAD, "DriverUnload", NULL,
                           "%s: %lu more objects still held at unload (the first %u are listed)",
                           who(host), (unsigned long)(c.count - LEAKS_REPORTED_MAX),
                           (unsigned)LEAKS_REPORTED_MAX);
    }
    host->leaks_at_unload = c.count;
    if (c.count != 0) {
        undis__rt_leaks_reclaim(host->leak_mark);
    }
}

void
undis__host_kserv_destroy(struct undis_host *host)
{
    (void)bind_all(host, NULL);
    undis__config_release((undis__config *)host->config);
    host->config = NULL;
}
