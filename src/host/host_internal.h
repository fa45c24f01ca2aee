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
 * undis's miniport's answers, status indications), host_frames.c (the batch
 * pool: chained sends and receives of many frames in one call).
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
    volatile int resources_out; /* RESOURCES NBLs in the ledger (skips lookups when 0) */
    /* the batch pool (host_frames.c): NBLs made at the first attach, recycled */
    NDIS_HANDLE frames_pool;
    undis__spinlock frames_lock;
    PNET_BUFFER_LIST *frames_free; /* a stack of frames_free_count free NBLs */
    ULONG frames_free_count;
    ULONG frames_total;
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
    /* the caller's NBLs and the edges of the stack (host_nbls.c) */
    undis_host_nbl_back_fn *nbl_back;
    void *nbl_back_context;
    undis_host_chain_fn *edge_send;
    undis_host_chain_fn *edge_receive;
    void *edge_context;
    /* counts */
    volatile uint64_t send_nbls, send_bytes, send_completed, wire_out_nbls, wire_out_bytes;
    volatile uint64_t recv_nbls, recv_bytes, recv_returned, up_nbls, up_bytes;
    volatile uint64_t oids, oids_completed, miniport_oids, status_indications, findings;
    /* the protocol role: the driver's protocol at the top (host_protocol.c) */
    struct host_protocol *protocol;
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
/* Record every NBL of a chain as handed over for kind, under one lock; FALSE
 * (nothing recorded) when the ledger has no room for all of them. */
BOOLEAN
undis__host_ledger_add_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, host_nbl_kind kind);
/* Under one lock, take out the NBLs of *nbls that are out for kind, up to
 * the first one that is not out at all: those are returned as a chain (in
 * order); the others stay in *nbls (in order, for the caller's per-NBL
 * path). An NBL not out is never written to (it may be freed: a second
 * completion), so it and all after it stay chained as they came. */
PNET_BUFFER_LIST
undis__host_ledger_take_chain(struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind);
/* Under one lock, take out the leading NBLs of *nbls that are out for kind,
 * up to the first that is not: the taken ones are returned as a chain, the
 * rest (from that one on, unread: a driver's second completion may hand back
 * a freed NBL) stays in *nbls for the caller's per-NBL path. */
PNET_BUFFER_LIST
undis__host_ledger_take_prefix(struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind);
/* Are NBLs indicated with RESOURCES out now? (Lookups for them are skipped
 * when none is.) */
BOOLEAN undis__host_ledger_resources_out(struct undis_host *host);
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
/* Gives an NBL of the host's back: a batch NBL to the batch pool, another
 * to the NBL pool and memory it came from. */
void undis__host_nbl_free(struct undis_host *host, PNET_BUFFER_LIST nbl);
ULONG undis__host_nbl_bytes(PNET_BUFFER_LIST nbl);
/* undis's protocol gets its sends back. */
void undis__host_own_protocol_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls);
/* undis's miniport takes a send chain (wire out) and completes it upward. */
void undis__host_miniport_send(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
/* undis's protocol sends a chain of count NBLs of the host's (bytes in all)
 * down: through the filter, or bypassing it; NDIS_STATUS_RESOURCES (the
 * NBLs given back) when the ledger is full. The caller checked RUNNING. */
NDIS_STATUS
undis__host_send_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG count, ULONG64 bytes);
/* undis's miniport indicates nbls[0..count) (chained here, in order) with
 * UNDIS_HOST_RECEIVE_* flags; as undis__host_send_chain otherwise. */
NDIS_STATUS undis__host_receive_nbls(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, ULONG count, ULONG64 bytes, ULONG flags);
/* Data calls are allowed only while RUNNING; otherwise report. */
BOOLEAN undis__host_running(struct undis_host *host, const char *function, PNET_BUFFER_LIST nbl);

/* ---- host_batch.c ---- */
/* Frees nbl when it is one of a batch's (<undis/host_batch.h>), after
 * checking it against its snapshot; FALSE when it is not. */
BOOLEAN undis__host_batch_free(PNET_BUFFER_LIST nbl);

/* ---- host_frames.c ---- */
/* Makes the batch pool (at the first attach); NDIS_STATUS_RESOURCES. */
NDIS_STATUS undis__host_frames_init(struct undis_host *host);
/* Frees it (undis_host_destroy, every batch NBL back). */
void undis__host_frames_fini(struct undis_host *host);
/* Is nbl a batch NBL of this host? Then undis__host_frames_put takes it. */
static inline BOOLEAN
undis__host_frames_owns(const struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    return host->frames_pool != NULL && nbl->NdisPoolHandle == host->frames_pool;
}
/* Puts a chain of batch NBLs back; returns how many. */
ULONG undis__host_frames_put(struct undis_host *host, PNET_BUFFER_LIST nbls);

/* Is nbl one of the host's own (its NBL pool or its batch pool)? */
static inline BOOLEAN
undis__host_owns(const struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    return nbl->NdisPoolHandle == host->nbl_pool || undis__host_frames_owns(host, nbl);
}

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

/* ---- host_send.c / host_recv.c: the top edge, for the protocol role ---- */
/* Give a chain the protocol got from the filter (or, bypassed, from the
 * miniport) back down. */
void undis__host_return_down(struct undis_host *host, PNET_BUFFER_LIST nbls, BOOLEAN via_filter);

/* ---- host_protocol.c / host_protocol_data.c: the protocol role ---- */
/* DriverEntry of host is running on this thread (NULL: none): a
 * NdisRegisterProtocolDriver made now registers with host. */
void undis__host_protocol_loading(struct undis_host *host);
/* A driver whose protocol is registered (the role is protocol). */
BOOLEAN undis__host_protocol_registered(const struct undis_host *host);
/* DriverEntry failed or DriverUnload returned: deregister a protocol the
 * driver left registered (saying so on stderr). */
void undis__host_protocol_unloaded(struct undis_host *host, const char *when);
/* Free the role's state (undis_host_destroy). */
void undis__host_protocol_free(struct undis_host *host);
/* Bind the protocol's handles (its protocol handle and binding handle, what
 * it opens configuration with) to config (an undis__config; NULL: unbind).
 * NDIS_STATUS_SUCCESS without a protocol; NDIS_STATUS_RESOURCES. */
NDIS_STATUS undis__host_protocol_config(struct undis_host *host, void *config);
/* The life in the protocol role: bind (and restart), NetEventPause,
 * NetEventRestart, unbind; as undis_host_attach/_pause/_restart/_detach. */
NDIS_STATUS undis__host_protocol_bind(struct undis_host *host);
NDIS_STATUS undis__host_protocol_pause(struct undis_host *host, ULONG timeout_ms);
NDIS_STATUS undis__host_protocol_restart(struct undis_host *host);
void undis__host_protocol_unbind(struct undis_host *host);
/* A send completion reaching the top: TRUE when nbl (one NBL) is the
 * driver's protocol's and went to its ProtocolSendNetBufferListsComplete. */
BOOLEAN undis__host_protocol_take_completion(struct undis_host *host, PNET_BUFFER_LIST nbl);
/* Receives reaching the top: TRUE when the driver's protocol took them
 * (ProtocolReceiveNetBufferLists). */
BOOLEAN undis__host_protocol_receive(struct undis_host *host,
                                     PNET_BUFFER_LIST nbls,
                                     ULONG flags,
                                     BOOLEAN via_filter);
/* A status indication reaching the top goes to ProtocolStatusEx. */
void undis__host_protocol_status(struct undis_host *host, PNDIS_STATUS_INDICATION s);
/* ---- host_device.c (control devices; host_device.h has the rest) ---- */
/* Before driver's DriverUnload: close the files still open on its devices. */
void undis__host_files_close_all(struct undis_host *host, PDRIVER_OBJECT driver);
/* After driver's DriverUnload (or a failed DriverEntry): report and delete
 * the devices it left, then the symbolic links that lead nowhere
 * (HOST_DEVICE_REGISTERED_AT_UNLOAD; host counts the findings). */
void undis__host_devices_unload(PDRIVER_OBJECT driver);
void undis__host_links_unload(struct undis_host *host);

#endif /* UNDIS_HOST_INTERNAL_H */
