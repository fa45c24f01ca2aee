/* SPDX-License-Identifier: MIT */
/*
 * host_internal.h: the driver host's state (see <undis/host.h>). A host is
 * a stack of positions:
 *
 *   0              the top edge: undis's protocol (or a driver's protocol
 *                  binding, through struct host_top_ops)
 *   1 .. n         filter modules, in load order: the first filter loaded
 *                  is position 1, the top-most
 *   n + 1          the bottom edge: undis's miniport, or a driver's
 *                  miniport adapter (host_miniport.c)
 *
 * The ledger records every NBL a driver module holds that is not its own:
 * what it waits for, which position holds it and which position owns it
 * (originated it). undis's own edges never appear as holders, except the
 * top edge when a driver's protocol sits there.
 *
 * Files: host.c (create, load, registration, unload), host_stack.c (the
 * routes between positions, the top edge's entry points), host_life.c
 * (attach, restart, pause, detach of the stack and of filter modules),
 * host_send.c / host_recv.c (the data paths and the NdisF* data calls),
 * host_ledger.c (who holds which NBL), host_oid.c (OID requests, undis's
 * miniport's answers, status indications), host_miniport.c (the miniport
 * role: NdisM*), host_frames.c (the batch pool: chained sends and receives
 * of many frames in one call), host_nbls.c (the caller's own NBLs and the
 * edges' taps), host_protocol*.c (the protocol role, at the top through
 * struct host_top_ops), host_restart.c (NdisFRestartFilter: the restart
 * worker), host_direct_oid.c (direct OID requests), host_device.c /
 * host_irp.c / host_file.c (control devices).
 */
#ifndef UNDIS_HOST_INTERNAL_H
#define UNDIS_HOST_INTERNAL_H

#include "platform/platform.h"
#include "base/report.h"

#include <undis/host.h>

#define UNDIS_HOST_MAGIC_DRIVER  0x76724448u /* "HDrv" */
#define UNDIS_HOST_MAGIC_MODULE  0x646f4d48u /* "HMod" */
#define UNDIS_HOST_MAGIC_ADAPTER 0x70644148u /* "HAdp" */
#define UNDIS_HOST_LEDGER_SIZE   1024u       /* first size of the ledger, a power of two */
#define UNDIS_HOST_MAX_FILTERS   8
#define UNDIS_HOST_MAX_DRIVERS   (UNDIS_HOST_MAX_FILTERS + 1)
#define UNDIS_HOST_TOP           0 /* position of the top edge */

/* What an NBL a driver module holds is waiting for. */
typedef enum host_nbl_kind {
    HOST_NBL_FREE = 0,
    HOST_NBL_SEND,      /* handed down: back by a send completion */
    HOST_NBL_RECEIVE,   /* indicated up: back by a return */
    HOST_NBL_RESOURCES, /* indicated with RESOURCES: its owner's again after the call */
    HOST_NBL_GONE       /* a slot whose NBL came back (the probe goes on past it) */
} host_nbl_kind;

struct host_slot {
    PNET_BUFFER_LIST nbl;
    host_nbl_kind kind;
    int holder; /* the position that holds it */
    int origin; /* the position that owns it */
};

/* An opaque handle the driver holds: checked by its magic. */
struct host_handle {
    ULONG magic;
    struct undis_host *host;
    void *object; /* the host_driver, host_module or host_adapter */
};

typedef enum host_role {
    HOST_ROLE_NONE = 0,
    HOST_ROLE_FILTER,
    HOST_ROLE_MINIPORT,
    HOST_ROLE_PROTOCOL
} host_role;

/* What one driver did (undis_host_driver_stats), counted atomically. */
struct host_counts {
    volatile uint64_t sent, completed, indicated, returned, oids, direct_oids;
    volatile uint64_t pauses, restarts, restart_requests;
};

/* One driver loaded into the host (undis_host_load). */
struct host_driver {
    DRIVER_OBJECT driver_object;
    struct undis_host *host;
    UNICODE_STRING registry_path;
    WCHAR registry_buffer[128];
    char name[64];
    char friendly[64];
    struct host_handle handle; /* NdisFilterDriverHandle / NdisMiniportDriverHandle */
    host_role role;
    BOOLEAN loaded;
    BOOLEAN registered;
    NDIS_HANDLE driver_context;
    NDIS_FILTER_DRIVER_CHARACTERISTICS chars;            /* filter: zero past Size */
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS miniport_chars; /* miniport: zero past Size */
    struct host_counts counts;
};

/* One pending OID request a module (filter or miniport) was given. */
struct host_oid_slot {
    undis__spinlock lock;
    PNDIS_OID_REQUEST pending; /* the request inside the module */
    int from;                  /* the position that issued it */
    volatile int done;
    NDIS_STATUS status;
};

/* A filter module at position pos (1..n). */
struct host_module {
    struct host_handle handle; /* NdisFilterHandle */
    struct host_driver *driver;
    const NDIS_FILTER_DRIVER_CHARACTERISTICS *chars;
    const char *friendly;
    int pos;
    NDIS_HANDLE context; /* FilterModuleContext from NdisFSetAttributes */
    volatile int state;  /* undis_host_state */
    volatile int busy;   /* data calls into it under way (host_stack.c) */
    volatile int restart_done;
    volatile int pause_done;
    NDIS_STATUS restart_status;
    struct host_oid_slot oid;
    volatile int restart_requested; /* NdisFRestartFilter: FilterSetModuleOptions is due */
    struct host_oid_slot direct;    /* the direct OID request it was given (host_direct_oid.c) */
};

/* A driver's miniport adapter at the bottom (host_miniport.c). */
struct host_adapter {
    struct host_handle handle; /* MiniportAdapterHandle */
    struct host_driver *driver;
    const NDIS_MINIPORT_DRIVER_CHARACTERISTICS *chars;
    const char *friendly;
    NDIS_HANDLE context; /* MiniportAdapterContext from the registration attributes */
    volatile int state;  /* undis_host_state; ATTACHING while initializing */
    volatile int restart_done;
    volatile int pause_done;
    NDIS_STATUS restart_status;
    BOOLEAN initialized;
    BOOLEAN registration_set; /* NdisMSetMiniportAttributes: registration */
    BOOLEAN general_set;      /* NdisMSetMiniportAttributes: general */
    struct host_oid_slot oid;
    struct host_oid_slot direct; /* the direct OID request it was given */
};

/*
 * The top edge's entry points when a driver's protocol sits there (the
 * protocol role, host_protocol.c). NULL: undis's protocol. Each is called by
 * host_stack.c only, through one function each (undis__host_top_*).
 */
struct host_top_ops {
    void (*send_complete)(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
    /* from: the position that indicated; the protocol returns with
     * undis__host_return_from(host, UNDIS_HOST_TOP, ...) */
    void (*receive)(
        struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags);
    void (*status)(struct undis_host *host, PNDIS_STATUS_INDICATION indication);
    void (*oid_complete)(struct undis_host *host, PNDIS_OID_REQUEST request, NDIS_STATUS status);
};

struct undis_host {
    struct host_driver drivers[UNDIS_HOST_MAX_DRIVERS];
    int ndrivers;
    struct host_module modules[UNDIS_HOST_MAX_FILTERS]; /* modules[i] at position i + 1 */
    int nmodules;
    struct host_adapter adapter; /* the driver's miniport, when miniport_driver */
    struct host_driver *miniport_driver;
    const struct host_top_ops *top; /* NULL: undis's protocol */
    void *top_context;
    volatile int state; /* the stack's undis_host_state */
    /* data calls of undis's protocol (top) and miniport (bottom) under way:
     * a pause waits for them (undis__host_edge_enter) */
    volatile int top_busy, bottom_busy;
    /* the life lock (host_life.c) and the restart worker (host_restart.c) */
    undis__mutex life_lock;        /* held by attach, pause, restart, detach, the worker */
    volatile int detaching;        /* undis_host_detach runs: NdisFRestartFilter fails */
    undis__mutex restart_lock;     /* guards the four below; never held across a call out */
    undis__cond restart_cond;      /* a request came, or one was served */
    undis__thread *restart_worker; /* made at the first request */
    int restart_pending, restart_stop, restart_served;
    volatile uint64_t filter_restarts; /* pauses and restarts the worker completed */
    NDIS_HANDLE nbl_pool;
    /* the ledger (host_ledger.c) */
    undis__spinlock ledger_lock;
    struct host_slot *ledger;   /* open addressing; grows (doubles) past half used */
    size_t ledger_size;         /* a power of two */
    size_t ledger_used;         /* slots not FREE (held or GONE) */
    size_t ledger_live;         /* slots held */
    volatile int resources_out; /* RESOURCES NBLs in the ledger (skips lookups when 0) */
    /* the batch pool (host_frames.c): NBLs made at the first attach, recycled */
    NDIS_HANDLE frames_pool;
    undis__spinlock frames_lock;
    PNET_BUFFER_LIST *frames_free; /* a stack of frames_free_count free NBLs */
    ULONG frames_free_count;
    ULONG frames_total;
    /* undis's protocol's request (host_oid.c) */
    volatile int oid_done;
    NDIS_STATUS oid_status;
    PNDIS_OID_REQUEST oid_request;
    volatile int direct_done; /* undis's protocol's direct request (host_direct_oid.c) */
    NDIS_STATUS direct_status;
    undis_host_status_fn *status_fn;
    void *status_context;
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
    PVOID cancel_id; /* set on undis's protocol's sends (undis_host_set_cancel_id) */
    /* counts */
    volatile uint64_t send_nbls, send_bytes, send_completed, wire_out_nbls, wire_out_bytes;
    volatile uint64_t recv_nbls, recv_bytes, recv_returned, up_nbls, up_bytes;
    volatile uint64_t oids, oids_completed, miniport_oids, status_indications, findings;
    volatile uint64_t direct_oids, direct_oids_completed;
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
/* The module of an NdisFilterHandle, or NULL after a message. */
struct host_module *undis__host_module_of(NDIS_HANDLE handle, const char *function);
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
/* The driver of a DRIVER_OBJECT the host made, or NULL. */
struct host_driver *undis__host_driver_of(PDRIVER_OBJECT object);
/* Copy a counted string as ASCII into out. */
void undis__host_copy_name(char *out, size_t size, const NDIS_STRING *s);

/* ---- host_stack.c ---- */
/* The bottom edge's position (n + 1). */
static inline int
undis__host_bottom(const struct undis_host *host)
{
    return host->nmodules + 1;
}
/* The filter module at pos, or NULL for an edge. */
static inline struct host_module *
undis__host_module_at(struct undis_host *host, int pos)
{
    return pos >= 1 && pos <= host->nmodules ? &host->modules[pos - 1] : NULL;
}
/* A module's pause is complete: from now on the stack delivers no send or
 * indication to it (they go back to their sender), and this waits until
 * the data calls into it under way are over (so that what it holds can be
 * listed). */
void undis__host_module_paused(struct host_module *m);
/* The counts of the driver at pos, or NULL for undis's own edges. */
struct host_counts *undis__host_counts_at(struct undis_host *host, int pos);
/* The name of the driver at pos ("undis's protocol", a friendly name, ...). */
const char *undis__host_name_at(struct undis_host *host, int pos);
/* Data hand-offs from position from (a driver's NdisF/NdisM call, or an edge). */
void undis__host_send_from(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags);
/* undis's protocol's chain of new NBLs down from the top, recorded under one
 * lock; FALSE (nothing sent) when the ledger cannot record them. */
BOOLEAN undis__host_send_from_top(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
void undis__host_complete_from(
    struct undis_host *host, int holder, PNET_BUFFER_LIST nbls, ULONG flags, const char *function);
void undis__host_indicate_from(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags);
/* undis's miniport indicates a chain of count new NBLs up, recorded under
 * one lock; FALSE (nothing indicated) when the ledger cannot record them. */
BOOLEAN undis__host_indicate_fresh(struct undis_host *host,
                                   PNET_BUFFER_LIST nbls,
                                   ULONG count,
                                   ULONG flags);
void undis__host_return_from(
    struct undis_host *host, int holder, PNET_BUFFER_LIST nbls, ULONG flags, const char *function);
/* Sends that reached undis's miniport, or that a module bounces, from
 * position from complete back up; receives undis's protocol (or a bouncing
 * module) gives back go down to from. */
void undis__host_complete_to(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags);
void undis__host_return_to(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags);
NDIS_STATUS undis__host_oid_from(struct undis_host *host, int from, PNDIS_OID_REQUEST request);
/* A module (pos) completes the request it pended; reports a second one. */
void undis__host_oid_complete(struct undis_host *host,
                              int pos,
                              struct host_oid_slot *slot,
                              PNDIS_OID_REQUEST request,
                              NDIS_STATUS status,
                              const char *function);
void undis__host_status_from(struct undis_host *host, int from, PNDIS_STATUS_INDICATION s);
/* The top edge's entry points (undis's protocol, or struct host_top_ops). */
void undis__host_top_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
void undis__host_top_receive(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags);
void undis__host_top_status(struct undis_host *host, PNDIS_STATUS_INDICATION s);
void undis__host_top_oid_complete(struct undis_host *host,
                                  PNDIS_OID_REQUEST request,
                                  NDIS_STATUS status);

/* ---- host_ledger.c ---- */
/* The ledger's first table (undis_host_create); FALSE without memory. */
BOOLEAN undis__host_ledger_init(struct undis_host *host);
void undis__host_ledger_free(struct undis_host *host);
/* Record nbl, which is not in the ledger, as handed to position holder,
 * owned by origin; FALSE without memory. */
BOOLEAN undis__host_ledger_add(
    struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind, int holder, int origin);
/* nbl goes from position from to position to: an entry held by from moves
 * (TRUE); otherwise a new entry owned by from is made (FALSE; *full set when
 * the ledger is full). */
BOOLEAN undis__host_ledger_hand(struct undis_host *host,
                                PNET_BUFFER_LIST nbl,
                                host_nbl_kind kind,
                                int from,
                                int to,
                                BOOLEAN *full);
/* Take nbl out; returns the kind it had, HOST_NBL_FREE when it was not out.
 * *holder and *origin (may be NULL) get its positions. */
host_nbl_kind
undis__host_ledger_take(struct undis_host *host, PNET_BUFFER_LIST nbl, int *holder, int *origin);
/* Record every NBL of a chain (new to the ledger) as handed to holder,
 * owned by origin, under one lock; FALSE (nothing recorded) without memory. */
BOOLEAN undis__host_ledger_add_chain(
    struct undis_host *host, PNET_BUFFER_LIST nbls, host_nbl_kind kind, int holder, int origin);
/* Under one lock, take the leading NBLs of *nbls that position holder holds
 * for kind and one position owns (*origin): returned as a chain, NULL when
 * the first is not such an NBL. The rest stays in *nbls, unread (an NBL
 * not out may be freed: a second completion). */
PNET_BUFFER_LIST undis__host_ledger_take_run(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind, int holder, int *origin);
/* Are NBLs indicated with RESOURCES out now? (Lookups for them are skipped
 * when none is.) */
BOOLEAN undis__host_ledger_resources_out(struct undis_host *host);
/* The position that holds nbl now (-1 when not out). */
int undis__host_ledger_holder(struct undis_host *host, PNET_BUFFER_LIST nbl);
/* The kind nbl has now (HOST_NBL_FREE when not out). */
host_nbl_kind undis__host_ledger_kind(struct undis_host *host, PNET_BUFFER_LIST nbl);
/* How many NBLs position pos holds or owns out (pos < 0: all); when report
 * is not NULL (what happened: "the pause completed"), one
 * HOST_NBL_OUTSTANDING_AT_PAUSE report in function naming each. */
ULONG undis__host_ledger_outstanding(struct undis_host *host,
                                     int pos,
                                     const char *function,
                                     const char *report);
/* At detach (the modules are gone): free the host's NBLs still out, which
 * the pause has reported, and empty the ledger. One thread, nothing running. */
void undis__host_ledger_clear(struct undis_host *host);

/* ---- host_send.c / host_recv.c ---- */
PNET_BUFFER_LIST undis__host_nbl_alloc(struct undis_host *host, const UCHAR *frame, ULONG length);
/* Gives an NBL of the host's back: a batch NBL to the batch pool, a
 * caller's to the caller (host_nbls.c), another to the NBL pool and memory
 * it came from. */
void undis__host_nbl_free(struct undis_host *host, PNET_BUFFER_LIST nbl);
ULONG undis__host_nbl_bytes(PNET_BUFFER_LIST nbl);
/* undis's protocol gets its sends back. */
void undis__host_own_protocol_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls);
/* undis's miniport takes a send chain from position from (wire out) and
 * completes it upward. */
void undis__host_miniport_send(struct undis_host *host, int from, PNET_BUFFER_LIST nbls);
/* undis's miniport has a receive NBL back; a chain back (counted once,
 * batch NBLs put back in one go). */
void undis__host_miniport_returned(struct undis_host *host, PNET_BUFFER_LIST nbl);
void undis__host_miniport_returned_chain(struct undis_host *host, PNET_BUFFER_LIST nbls);
/* undis's protocol takes a chain indicated by position from and returns it. */
void undis__host_own_protocol_receive(struct undis_host *host,
                                      int from,
                                      PNET_BUFFER_LIST nbls,
                                      ULONG flags);
/* Data calls of the module at pos (a filter; -1: the driver's miniport)
 * are allowed while its state is RUNNING, and while it is PAUSING for what
 * it passes on that it took before (undis__host_pausing_swap); otherwise
 * report. */
BOOLEAN undis__host_running(struct undis_host *host,
                            volatile int *state,
                            int pos,
                            const char *who,
                            const char *function,
                            PNET_BUFFER_LIST nbl);
/* The module state whose pause handler this thread runs now (NULL: none);
 * returns the one before. */
volatile int *undis__host_pausing_swap(volatile int *state);
ULONG undis__host_dispatch_flag(ULONG flag);
/* undis's protocol sends a chain of count NBLs of the host's (bytes in all)
 * down the stack; NDIS_STATUS_RESOURCES (the NBLs given back) when the
 * ledger cannot record them. The caller checked RUNNING. */
NDIS_STATUS
undis__host_send_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG count, ULONG64 bytes);
/* undis's miniport indicates nbls[0..count) (chained here, in order) with
 * UNDIS_HOST_RECEIVE_* flags; as undis__host_send_chain otherwise. */
NDIS_STATUS undis__host_receive_nbls(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, ULONG count, ULONG64 bytes, ULONG flags);

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
/* A driver registered (a filter or miniport): bind the host's settings to
 * its handles now in use; NDIS_STATUS_RESOURCES when the table of
 * bindings is full. */
NDIS_STATUS undis__host_kserv_bind(struct undis_host *host);
/* At unload (after DriverUnload): report and free what it still holds. */
void undis__host_kserv_unload(struct undis_host *host);
/* At destroy: the settings go. A role hosting another handle the driver
 * opens configuration with binds it: undis__config_bind(handle, host->config)
 * (kernel/rt_config.h). */
void undis__host_kserv_destroy(struct undis_host *host);

/* ---- host_oid.c ---- */
/* An NDIS_OID_REQUEST of undis's protocol (revision 1, the default port). */
void undis__host_oid_init(
    NDIS_OID_REQUEST *r, NDIS_REQUEST_TYPE type, NDIS_OID oid, PVOID buffer, ULONG length);
/* ---- host_direct_oid.c ---- */
/* A direct OID request from position from goes down (FilterDirectOidRequest,
 * MiniportDirectOidRequest or undis's miniport). */
NDIS_STATUS
undis__host_direct_oid_from(struct undis_host *host, int from, PNDIS_OID_REQUEST request);
NDIS_STATUS undis__host_miniport_oid(struct undis_host *host, PNDIS_OID_REQUEST request);
/* undis's protocol counts a status indication that reached it. */
void undis__host_own_protocol_status(struct undis_host *host, PNDIS_STATUS_INDICATION s);

/* ---- host_life.c ---- */
void undis__host_set_state(volatile int *state, undis_host_state value);
/* A data call of undis's protocol (busy: &host->top_busy) or miniport
 * (&host->bottom_busy) begins: TRUE when the stack runs, and then the call
 * ends with undis__host_edge_leave; FALSE (nothing counted) otherwise. As
 * NDIS, a pause lets the calls under way finish first: sends before the
 * top-most module pauses, indications before the stack is PAUSED. */
BOOLEAN undis__host_edge_enter(struct undis_host *host, volatile int *busy);
void undis__host_edge_leave(volatile int *busy);
/* Attach and restart every filter module (bottom-up), pause them (top-down). */
NDIS_STATUS undis__host_modules_attach(struct undis_host *host);
NDIS_STATUS undis__host_module_restart(struct undis_host *host, struct host_module *m);
NDIS_STATUS
undis__host_module_pause(struct undis_host *host, struct host_module *m, ULONG timeout_ms);
void undis__host_module_detach(struct undis_host *host, struct host_module *m);

/* The stack's pause (top-down) and restart (bottom-up), with the life lock
 * held (undis_host_pause and undis_host_restart take it). */
NDIS_STATUS undis__host_stack_pause(struct undis_host *host, ULONG timeout_ms);
NDIS_STATUS undis__host_stack_restart(struct undis_host *host);

/* ---- host_restart.c (NdisFRestartFilter) ---- */
/* The locks (undis_host_create); stop and join the worker (destroy). */
void undis__host_restart_init(struct undis_host *host);
void undis__host_restart_fini(struct undis_host *host);
/* The stack is paused and about to restart: FilterSetModuleOptions of each
 * module that asked for the restart (the life lock held). */
void undis__host_module_options(struct undis_host *host);

/* ---- host_miniport.c ---- */
/* Initialize the driver's adapter (MiniportInitializeEx); PAUSED after. */
NDIS_STATUS undis__host_adapter_initialize(struct undis_host *host);
NDIS_STATUS undis__host_adapter_restart(struct undis_host *host);
NDIS_STATUS undis__host_adapter_pause(struct undis_host *host, ULONG timeout_ms);
void undis__host_adapter_halt(struct undis_host *host);
/* Sends reach the driver's miniport (the ledger records them). */
void
undis__host_adapter_send(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags);
/* Receives come back to the driver's miniport. */
void undis__host_adapter_return(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);
NDIS_STATUS undis__host_adapter_oid(struct undis_host *host, int from, PNDIS_OID_REQUEST request);
/* The miniport's registration checked and copied (filter done in host.c). */
void undis__host_adapter_unload(struct host_driver *driver);

/* ---- host_protocol.c / host_protocol_data.c: the protocol role ---- */
/* DriverEntry of driver d is running on this thread (NULL: none): a
 * NdisRegisterProtocolDriver made now registers d as the host's protocol. */
void undis__host_protocol_loading(struct host_driver *d);
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
/* The top edge's entry points when the driver's protocol is registered
 * (host->top). */
extern const struct host_top_ops undis__host_protocol_top;
/* The friendly name of the host's first driver (its protocol's name, a
 * filter's or miniport's FriendlyName), "undis host" without one. */
const char *undis__host_friendly(const struct undis_host *host);
/* ---- host_device.c (control devices; host_device.h has the rest) ---- */
/* Before driver's DriverUnload: close the files still open on its devices. */
void undis__host_files_close_all(struct undis_host *host, PDRIVER_OBJECT driver);
/* After driver's DriverUnload (or a failed DriverEntry): report and delete
 * the devices it left, then the symbolic links that lead nowhere
 * (HOST_DEVICE_REGISTERED_AT_UNLOAD; host counts the findings). */
void undis__host_devices_unload(PDRIVER_OBJECT driver);
void undis__host_links_unload(struct undis_host *host);

#endif /* UNDIS_HOST_INTERNAL_H */
