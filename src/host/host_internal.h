/* SPDX-License-Identifier: MIT */
/*
 * host_internal.h: the driver host's state (see <undis/host.h>). One host
 * holds one DRIVER_OBJECT, one filter driver registration, one filter module
 * between undis's protocol and undis's miniport, the ledger of the NBLs the
 * host has handed to the filter, and the pending OID request.
 *
 * Files: host.c (create, load, register, unload), host_life.c (attach,
 * restart, pause, detach), host_send.c (send path), host_recv.c (receive
 * path), host_ledger.c (who holds which NBL), host_oid.c (OID requests,
 * undis's miniport's answers, status indications).
 */
#ifndef UNDIS_HOST_INTERNAL_H
#define UNDIS_HOST_INTERNAL_H

#include "platform/platform.h"
#include "base/report.h"

#include <undis/host.h>

#define UNDIS_HOST_MAGIC_DRIVER 0x76724448u /* "HDrv" */
#define UNDIS_HOST_MAGIC_MODULE 0x646f4d48u /* "HMod" */
#define UNDIS_HOST_LEDGER_SIZE  1024u       /* NBLs out at once, a power of two */

/* What an NBL the host handed to the filter is waiting for. */
typedef enum host_nbl_kind {
    HOST_NBL_FREE = 0,
    HOST_NBL_SEND,      /* FilterSendNetBufferLists: back by NdisFSendNetBufferListsComplete */
    HOST_NBL_RECEIVE,   /* FilterReceiveNetBufferLists: back by NdisFReturnNetBufferLists */
    HOST_NBL_RESOURCES, /* indicated with RESOURCES: the miniport's again after the call */
    HOST_NBL_GONE       /* a slot whose NBL came back (the probe goes on past it) */
} host_nbl_kind;

struct host_slot {
    PNET_BUFFER_LIST nbl;
    host_nbl_kind kind;
};

/* An opaque handle the driver holds: checked by its magic. */
struct host_handle {
    ULONG magic;
    struct undis_host *host;
};

struct undis_host {
    DRIVER_OBJECT driver_object;
    UNICODE_STRING registry_path;
    WCHAR registry_buffer[128];
    char name[64];
    char friendly[64];
    struct host_handle driver_handle; /* NdisFilterDriverHandle */
    struct host_handle module_handle; /* NdisFilterHandle */
    BOOLEAN loaded;
    BOOLEAN registered;
    NDIS_FILTER_DRIVER_CHARACTERISTICS chars; /* the registered copy, zero past Size */
    NDIS_HANDLE driver_context;               /* FilterDriverContext */
    NDIS_HANDLE module_context;               /* from NdisFSetAttributes */
    volatile int state;                       /* undis_host_state */
    volatile int restart_done;
    volatile int pause_done;
    NDIS_STATUS restart_status;
    NDIS_HANDLE nbl_pool;
    /* the ledger (host_ledger.c) */
    undis__spinlock ledger_lock;
    struct host_slot ledger[UNDIS_HOST_LEDGER_SIZE];
    /* the pending OID request (host_oid.c) */
    undis__spinlock oid_lock;
    PNDIS_OID_REQUEST oid_pending; /* the protocol's request inside the filter */
    volatile int oid_done;
    int oid_in_handler;
    NDIS_STATUS oid_status;
    /* undis's miniport */
    UCHAR mac[6];
    ULONG mtu;
    ULONG packet_filter;
    volatile int link_up;
    undis_host_wire_fn *wire;
    void *wire_context;
    /* counts */
    volatile uint64_t send_nbls, send_bytes, send_completed, wire_out_nbls, wire_out_bytes;
    volatile uint64_t recv_nbls, recv_bytes, recv_returned, up_nbls, up_bytes;
    volatile uint64_t oids, oids_completed, miniport_oids, status_indications, findings;
    /* kernel services (host_kserv.c): settings, leaks at unload */
    void *config; /* undis__config, bound to the driver's handles */
    char config_error[256];
    uint64_t leak_mark; /* the leak list's mark at load */
    ULONG leaks_at_unload;
};

/* ---- host.c ---- */
/* The host of a handle the driver passed, or NULL after a report. */
struct undis_host *undis__host_of(NDIS_HANDLE handle, ULONG magic, const char *function);
/* Report a host rule (a finding) about object in function; returns when the
 * hook lets the caller go on. */
void undis__host_report(struct undis_host *host,
                        undis_rule rule,
                        const char *function,
                        const void *nbl,
                        const char *fmt,
                        ...) UNDIS_PRINTF(5, 6);
void undis__host_count(volatile uint64_t *counter, uint64_t value);
/* Is DISPATCH_LEVEL set in flags while the caller runs below it? Reports. */
void undis__host_check_dispatch(struct undis_host *host,
                                const char *function,
                                ULONG flags,
                                ULONG dispatch_flag);
/* Wait until *flag is set, for at most timeout_ms; TRUE when set. */
BOOLEAN undis__host_wait(volatile int *flag, ULONG timeout_ms);

/* ---- host_ledger.c ---- */
/* Record nbl as handed to the filter for kind; FALSE when the ledger is full. */
BOOLEAN undis__host_ledger_add(struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind);
/* Take nbl out; returns the kind it had, HOST_NBL_FREE when it was not out. */
host_nbl_kind undis__host_ledger_take(struct undis_host *host, PNET_BUFFER_LIST nbl);
/* The kind nbl has now (HOST_NBL_FREE when not out). */
host_nbl_kind undis__host_ledger_kind(struct undis_host *host, PNET_BUFFER_LIST nbl);
/* How many NBLs are out; when report is not NULL (what happened: "the pause
 * completed"), one HOST_NBL_OUTSTANDING_AT_PAUSE report naming each. */
ULONG undis__host_ledger_outstanding(struct undis_host *host, const char *report);
/* At detach (the module is gone): free the host's NBLs still out, which the
 * pause has reported, and empty the ledger. One thread, nothing running. */
void undis__host_ledger_clear(struct undis_host *host);

/* ---- host_send.c / host_recv.c ---- */
PNET_BUFFER_LIST undis__host_nbl_alloc(struct undis_host *host, const UCHAR *frame, ULONG length);
void undis__host_nbl_free(PNET_BUFFER_LIST nbl);
ULONG undis__host_nbl_bytes(PNET_BUFFER_LIST nbl);
/* undis's protocol gets its sends back. */
void undis__host_protocol_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls);
/* undis's miniport takes a send chain (wire out) and completes it upward. */
void undis__host_miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
/* Data calls are allowed only while RUNNING; otherwise report. */
BOOLEAN undis__host_running(struct undis_host *host, const char *function, PNET_BUFFER_LIST nbl);

/* ---- host_kserv.c ---- */
/* At load (before DriverEntry): note what the driver holds from now on. */
void undis__host_kserv_load(struct undis_host *host);
/* At unload (after DriverUnload): report and free what it still holds. */
void undis__host_kserv_unload(struct undis_host *host);
/* At destroy: the settings go. A role hosting another handle the driver
 * opens configuration with binds it: undis__config_bind(handle, host->config)
 * (kernel/rt_config.h). */
void undis__host_kserv_destroy(struct undis_host *host);

/* ---- host_oid.c ---- */
NDIS_STATUS undis__host_miniport_oid(struct undis_host *host, PNDIS_OID_REQUEST request);

#endif /* UNDIS_HOST_INTERNAL_H */
