/* SPDX-License-Identifier: MIT */
/*
 * undis <undis/host.h>: the driver host. It runs whole NDIS 6 drivers in user
 * mode, from DriverEntry to unload, in a stack:
 *
 *     undis's protocol   (top: sends frames down, takes receives and status)
 *     filter modules     (0 to 8 filter drivers, the first loaded on top)
 *     the miniport       (bottom: undis's miniport, whose "wire" is what the
 *                         caller feeds in, or a miniport driver loaded)
 *
 * The host honours NdisFRegisterFilterDriver / NdisMRegisterMiniportDriver
 * and their deregistrations, the NdisF* calls of a filter's life (attach,
 * restart, pause, detach, send, receive, OID requests, status) and the NdisM*
 * calls of a miniport's (initialize with NdisMSetMiniportAttributes,
 * restart, pause, send completions, receive indications, OID completions,
 * status, halt), bypasses the handlers a filter does not provide as NDIS
 * does, and checks NDIS's hand-off rules (domain UNDIS_DOMAIN_HOST in
 * <undis/report.h>; docs/host.md lists them). A finding is reported through
 * the one report path; when the hook lets the caller go on, the host
 * recovers as docs/host.md says for each rule.
 *
 * Load every driver of a stack (undis_host_load, repeated) before
 * undis_host_attach: filters stack in load order (the first loaded is the
 * top-most), over undis's miniport or over a driver's miniport. A driver
 * that registers a protocol (see "the protocol role" below) is the top of
 * its host, bound to undis's miniport, and shares its host with no other
 * driver yet. The state and the life calls are the whole stack's: attach
 * initializes the miniport and attaches the filters bottom-up, then
 * restarts them bottom-up; pause goes top-down; detach detaches the filters
 * top-down and halts the miniport.
 *
 * Threads: undis_host_create, _load, _attach, _pause, _restart, _detach,
 * _unload and _destroy run at PASSIVE_LEVEL on one thread at a time (the
 * thread that drives the life); undis_host_send, _receive, _oid and
 * _indicate_link may be called from several threads at once while the
 * module runs, at PASSIVE_LEVEL or DISPATCH_LEVEL (raise the IRQL of the
 * calling thread with KeRaiseIrql: the host sets the NDIS_*_FLAGS_
 * DISPATCH_LEVEL flags from the caller's IRQL). The stack's attach, pause,
 * restart and detach hold the host's life lock; a thread of the host's
 * serves a filter's NdisFRestartFilter under it (see
 * undis_host_wait_filter_restarts).
 */
#ifndef UNDIS_HOST_H
#define UNDIS_HOST_H

#include "../ndis.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct undis_host undis_host;

/* The driver's entry point (DRIVER_INITIALIZE). */
typedef NTSTATUS undis_host_driver_entry_fn(PDRIVER_OBJECT DriverObject,
                                            PUNICODE_STRING RegistryPath);

/* Called for each frame a send brings to undis's miniport ("wire out"):
 * frame and length are valid during the call only. Any thread. */
typedef void undis_host_wire_fn(void *context, const UCHAR *frame, ULONG length);

/* The module's state as the host sees it (NDIS's filter module states). */
typedef enum undis_host_state {
    UNDIS_HOST_DETACHED = 0,
    UNDIS_HOST_ATTACHING,
    UNDIS_HOST_PAUSED,
    UNDIS_HOST_RESTARTING,
    UNDIS_HOST_RUNNING,
    UNDIS_HOST_PAUSING
} undis_host_state;

/* Counts of one host (each a running total since undis_host_create). */
typedef struct undis_host_stats {
    ULONG64 send_nbls, send_bytes;         /* sent by undis's protocol */
    ULONG64 send_completed;                /* came back to the protocol */
    ULONG64 wire_out_nbls, wire_out_bytes; /* reached the miniport (undis's or the driver's) */
    ULONG64 recv_nbls, recv_bytes;         /* indicated by the miniport */
    ULONG64 recv_returned;                 /* came back to the miniport (or, with RESOURCES, */
                                           /* were its own again when the indication returned) */
    ULONG64 up_nbls, up_bytes;             /* reached undis's protocol */
    ULONG64 oids, oids_completed;          /* issued by the protocol / completed */
    ULONG64 miniport_oids;                 /* requests that reached the miniport */
    ULONG64 status_indications;            /* reached the protocol */
    ULONG64 findings;                      /* host rules reported */
    ULONG64 filter_restarts;               /* pauses and restarts of the stack that */
                                           /* NdisFRestartFilter asked for, completed */
    ULONG64 direct_oids, direct_oids_completed; /* undis_host_direct_oid: issued / completed */
} undis_host_stats;

/**
 * A new host with no driver: a miniport with MAC 02:00:5e:00:00:01, MTU
 * 1500, link up at 1 Gb/s.
 * Pre: out != NULL. Post: *out is a host in state DETACHED. Failure:
 * NDIS_STATUS_RESOURCES (memory), NDIS_STATUS_INVALID_PARAMETER; *out NULL.
 * Ownership: the caller frees it with undis_host_destroy. PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_create(undis_host **out);

/**
 * Frees the host. If a driver is still loaded it is detached and unloaded
 * first (undis_host_detach, undis_host_unload). host may be NULL.
 * PASSIVE_LEVEL, with no other call on this host running.
 */
void undis_host_destroy(undis_host *host);

/**
 * Calls entry(DriverObject, RegistryPath) with a DRIVER_OBJECT of the host's
 * (one per driver loaded) and the registry path "\Registry\Machine\System\
 * CurrentControlSet\Services\<name>". The driver must register with
 * NdisFRegisterFilterDriver (it becomes the filter below those loaded
 * before it), NdisMRegisterMiniportDriver (it becomes the bottom; one per
 * host) or NdisRegisterProtocolDriver (the top; alone in its host). Call it
 * again for each driver of the stack.
 * Pre: state DETACHED, fewer than 9 drivers loaded; entry and name not NULL
 * (else STATUS_INVALID_PARAMETER).
 * Post: STATUS_SUCCESS and a registered driver. Failure: the DriverEntry's
 * own status when it fails (nothing is left registered), or
 * NDIS_STATUS_BAD_CHARACTERISTICS when it returned success without
 * registering. PASSIVE_LEVEL.
 */
NTSTATUS undis_host_load(undis_host *host, undis_host_driver_entry_fn *entry, const char *name);

/**
 * Builds the stack: initializes the miniport driver's adapter
 * (MiniportInitializeEx with an NDIS_MINIPORT_INIT_PARAMETERS; it must set
 * registration and general attributes), attaches each filter module
 * bottom-up (FilterAttach with NDIS_FILTER_ATTACH_PARAMETERS describing the
 * adapter below it), then restarts the miniport and the filters bottom-up
 * (MiniportRestart, FilterRestart, waiting for NdisMRestartComplete /
 * NdisFRestartComplete when they pend).
 * Pre: at least one driver loaded, state DETACHED. Post: NDIS_STATUS_SUCCESS,
 * state RUNNING. Failure: the initialize's, an attach's or a restart's
 * status; after a failed initialize or attach the state is DETACHED (what
 * was attached is detached, an initialized miniport halted), after a failed
 * restart PAUSED. NDIS_STATUS_FAILURE when a filter did not call
 * NdisFSetAttributes or the miniport did not set its attributes.
 * PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_attach(undis_host *host);

/**
 * Pauses the stack top-down: each filter (FilterPause, waiting up to
 * timeout_ms for NdisFPauseComplete when it pends), then the miniport
 * driver (MiniportPause, NdisMPauseComplete). Every NBL a module holds or
 * owns must be back when its pause completes: those still out are reported
 * (HOST_NBL_OUTSTANDING_AT_PAUSE, one report per module naming each NBL,
 * its direction and who holds it). Pre: state RUNNING. Post:
 * NDIS_STATUS_SUCCESS, state PAUSED. Failure:
 * NDIS_STATUS_INVALID_DEVICE_REQUEST in another state; NDIS_STATUS_FAILURE
 * when a pause did not complete in time (state stays PAUSING; the report
 * names the NBLs still out). PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_pause(undis_host *host, ULONG timeout_ms);

/** Restarts a PAUSED stack bottom-up as undis_host_attach does.
 * Failure: NDIS_STATUS_INVALID_DEVICE_REQUEST when not PAUSED, else the
 * restart's status (state PAUSED). PASSIVE_LEVEL. */
NDIS_STATUS undis_host_restart(undis_host *host);

/**
 * NdisFRestartFilter, as the host serves it: a filter module (attached, not
 * detaching) asks for a pause and restart of its stack; the call returns
 * NDIS_STATUS_SUCCESS at once (any IRQL <= DISPATCH_LEVEL, from any of its
 * handlers) and the host's restart worker (a thread of the host's) pauses
 * the stack top-down, calls FilterSetModuleOptions of each module that asked
 * and restarts it bottom-up, under the lock the life calls hold (it waits
 * for one running). A stack that is paused when the worker comes is left
 * paused: its next restart calls FilterSetModuleOptions. Requests made
 * while one waits are served by the same pause and restart. The call fails
 * with NDIS_STATUS_FAILURE for a module detached or attaching, or while
 * undis_host_detach runs, and NDIS_STATUS_RESOURCES when the worker thread
 * cannot be made. undis_host_stats.filter_restarts counts the cycles done.
 *
 * undis_host_wait_filter_restarts waits up to timeout_ms until no request
 * is waiting or being served. Post: NDIS_STATUS_SUCCESS. Failure:
 * NDIS_STATUS_FAILURE (time out), NDIS_STATUS_INVALID_PARAMETER (host
 * NULL). PASSIVE_LEVEL, not from a driver's handler (the worker may be
 * waiting for that handler's caller).
 */
NDIS_STATUS undis_host_wait_filter_restarts(undis_host *host, ULONG timeout_ms);

/** Pauses (when running), detaches the filters top-down (FilterDetach) and
 * halts the miniport driver (MiniportHaltEx); state DETACHED. Nothing when
 * nothing is attached. PASSIVE_LEVEL. */
void undis_host_detach(undis_host *host);

/** Detaches, then unloads each driver, the last loaded first: a filter's
 * DriverUnload (which should call NdisFDeregisterFilterDriver), a
 * miniport's MiniportDriverUnload (NdisMDeregisterMiniportDriver); the host
 * deregisters a driver that did not, and says so on stderr. Nothing when no
 * driver is loaded. PASSIVE_LEVEL. */
void undis_host_unload(undis_host *host);

/**
 * undis's protocol sends one frame down the stack (an NBL of the host's,
 * through each filter's FilterSendNetBufferLists, bypassing a filter with
 * no send handler, to the miniport). The send completes before this returns
 * unless a driver keeps the NBL (then at its completion).
 * Pre: frame holds length >= 1 bytes. Post: NDIS_STATUS_SUCCESS (the NBL
 * went down). Failure: NDIS_STATUS_PAUSED when the module is not RUNNING,
 * NDIS_STATUS_RESOURCES (memory); nothing was sent. Ownership: frame is
 * copied. Any thread, IRQL <= DISPATCH_LEVEL.
 */
NDIS_STATUS undis_host_send(undis_host *host, const UCHAR *frame, ULONG length);

/* undis_host_receive flags */
#define UNDIS_HOST_RECEIVE_RESOURCES 0x1 /* indicate with NDIS_RECEIVE_FLAGS_RESOURCES */

/**
 * undis's miniport indicates one received frame up the stack (each filter's
 * FilterReceiveNetBufferLists, bypassing a filter with no receive handler);
 * undis's protocol returns what reaches it at once. With
 * UNDIS_HOST_RECEIVE_RESOURCES the NBL is the miniport's again when the
 * indication returns. Pre, failure, ownership and threads as
 * undis_host_send; NDIS_STATUS_NOT_SUPPORTED with a miniport driver at the
 * bottom (it receives itself).
 */
NDIS_STATUS undis_host_receive(undis_host *host, const UCHAR *frame, ULONG length, ULONG flags);

/* Batches (undis_host_send_frames, undis_host_receive_frames): at most
 * UNDIS_HOST_FRAMES_MAX frames a call, each of at most
 * UNDIS_HOST_FRAMES_FRAME_MAX bytes, from a pool of UNDIS_HOST_FRAMES_POOL NBLs
 * the host makes at the first undis_host_attach (each NBL with its NB, MDL
 * and a data buffer of the frame maximum plus 128 bytes of backfill, in one
 * block) and keeps until undis_host_destroy. */
#define UNDIS_HOST_FRAMES_MAX       256u
#define UNDIS_HOST_FRAMES_FRAME_MAX 2048u
#define UNDIS_HOST_FRAMES_POOL      512u

/**
 * undis's protocol sends count frames down the stack as one chain of count
 * NBLs (one FilterSendNetBufferLists call, or straight to the miniport when
 * the filter has no send handler), as undis_host_send does one. The NBLs
 * come from the batch pool and go back to it when they complete: nothing is
 * allocated. frames[i] holds lengths[i] bytes (copied in).
 * Pre: 1 <= count <= UNDIS_HOST_FRAMES_MAX; every frame not NULL, 1 <=
 * lengths[i] <= UNDIS_HOST_FRAMES_FRAME_MAX. Post: NDIS_STATUS_SUCCESS (the
 * chain went down). Failure (nothing sent): NDIS_STATUS_INVALID_PARAMETER
 * (the preconditions), NDIS_STATUS_PAUSED when the module is not RUNNING,
 * NDIS_STATUS_RESOURCES when fewer than count pool NBLs are free (the
 * filter holds the others) or the host's ledger is full. Ownership: frames
 * are the caller's. Any thread, IRQL <= DISPATCH_LEVEL.
 */
NDIS_STATUS
undis_host_send_frames(undis_host *host,
                       const UCHAR *const *frames,
                       const ULONG *lengths,
                       ULONG count);

/**
 * undis's miniport indicates count frames as one chain of count NBLs (one
 * FilterReceiveNetBufferLists call with NumberOfNetBufferLists count), as
 * undis_host_receive does one; flags as undis_host_receive's (with
 * UNDIS_HOST_RECEIVE_RESOURCES every NBL is the miniport's again when the
 * call returns). Pre, post, failure, ownership and threads as
 * undis_host_send_frames.
 */
NDIS_STATUS undis_host_receive_frames(
    undis_host *host, const UCHAR *const *frames, const ULONG *lengths, ULONG count, ULONG flags);

/* ---- the caller's own NBLs, and what passes the edges of the stack ---------- */

/* Called for each NBL of the caller's that is back (one NBL, its next link
 * NULL): a send of undis_host_send_nbls completed (NET_BUFFER_LIST_STATUS
 * says how), an indication of undis_host_indicate_nbls returned. The NBL is
 * the caller's again. Any thread the data path runs on. */
typedef void undis_host_nbl_back_fn(void *context, PNET_BUFFER_LIST nbl);

/* Called with each chain at an edge of the stack, during the hand-off: as it
 * reaches undis's miniport on the send path (flags: the send flags; the
 * callee may set NET_BUFFER_LIST_STATUS, which the completion carries up),
 * or as it reaches undis's protocol on the receive path (flags: the receive
 * flags). The chain must not be relinked or kept. */
typedef void undis_host_chain_fn(void *context, PNET_BUFFER_LIST nbls, ULONG flags);

/** Where the caller's NBLs come back (NULL: nowhere; set it before sending
 * any). Set it before traffic flows. */
void undis_host_set_nbl_back(undis_host *host, undis_host_nbl_back_fn *fn, void *context);

/** Observers of the chains reaching undis's miniport (send) and undis's
 * protocol (receive); either may be NULL. Set them before traffic flows. */
void undis_host_set_edges(undis_host *host,
                          undis_host_chain_fn *miniport_send,
                          undis_host_chain_fn *protocol_receive,
                          void *context);

/**
 * undis's protocol sends the caller's chain of NBLs (any geometry, any
 * out-of-band information; from the caller's own pool) down the stack in one
 * FilterSendNetBufferLists call, with SourceHandle set to undis's protocol.
 * Each comes back through the undis_host_set_nbl_back callback when its send
 * completes. Pre: nbls not NULL, every NBL with at least one NET_BUFFER, a
 * callback set. Post: NDIS_STATUS_SUCCESS. Failure: NDIS_STATUS_INVALID_
 * PARAMETER (nothing sent), NDIS_STATUS_PAUSED when the module is not
 * RUNNING (nothing sent, the NBLs untouched), NDIS_STATUS_RESOURCES when
 * the host's ledger is full (each NBL comes back through the callback with
 * status NDIS_STATUS_RESOURCES). Ownership: the host's (and the filter's)
 * until the callback. Any thread, IRQL <= DISPATCH_LEVEL.
 */
NDIS_STATUS undis_host_send_nbls(undis_host *host, PNET_BUFFER_LIST nbls);

/**
 * undis's miniport indicates the caller's chain (at most
 * UNDIS_HOST_FRAMES_MAX NBLs) in one FilterReceiveNetBufferLists call, with
 * UNDIS_HOST_RECEIVE_* flags. Each comes back through the
 * undis_host_set_nbl_back callback when it is returned (with
 * UNDIS_HOST_RECEIVE_RESOURCES: before this returns). Pre, post, failure,
 * ownership and threads as undis_host_send_nbls (INVALID_PARAMETER also for
 * a longer chain).
 */
NDIS_STATUS undis_host_indicate_nbls(undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags);

/** The FilterModuleContext the driver gave NdisFSetAttributes (NULL when
 * no module is attached): a test may look at its driver's state. Any
 * thread. */
NDIS_HANDLE undis_host_module_context(undis_host *host);

/**
 * undis's protocol issues an OID request (RequestType NdisRequestQuery-
 * Information or NdisRequestSetInformation) down the stack (each filter's
 * FilterOidRequest, bypassing a filter without one, to the miniport
 * driver's MiniportOidRequest or undis's miniport) and waits up to 1 s for
 * it to complete. undis's miniport answers
 * OID_GEN_CURRENT_PACKET_FILTER (query, set), OID_802_3_CURRENT_ADDRESS,
 * OID_802_3_PERMANENT_ADDRESS, OID_GEN_MAXIMUM_FRAME_SIZE,
 * OID_GEN_LINK_STATE and OID_GEN_STATISTICS; other OIDs fail with
 * NDIS_STATUS_INVALID_OID. Post: the request's status; *bytes (may be NULL)
 * the bytes written or read. OIDs go through while the module is paused as
 * well as running. Failure: NDIS_STATUS_INVALID_DEVICE_REQUEST when no
 * module is attached, NDIS_STATUS_FAILURE when a pending request did not
 * complete in time.
 * Ownership: buffer is the caller's, used during the call only.
 * PASSIVE_LEVEL (the request may pend).
 */
NDIS_STATUS undis_host_oid(undis_host *host,
                           NDIS_REQUEST_TYPE type,
                           NDIS_OID oid,
                           PVOID buffer,
                           ULONG length,
                           ULONG *bytes);

/**
 * undis's protocol issues a direct OID request (NDIS 6.1: the fast path
 * NdisDirectOidRequest takes), as undis_host_oid issues an ordinary one, but
 * through the direct handlers: each filter's FilterDirectOidRequest
 * (bypassing a filter without one: characteristics before revision 2 have
 * none), then the miniport driver's MiniportDirectOidRequest or undis's
 * miniport (which answers as undis_host_oid says). A module completes it
 * once, by its handler's status or, after NDIS_STATUS_PENDING, by
 * NdisFDirectOidRequestComplete / NdisMDirectOidRequestComplete (waited for
 * 1 s); a second completion is HOST_OID_COMPLETED_TWICE.
 * Pre: type NdisRequestQueryInformation, NdisRequestSetInformation or
 * NdisRequestQueryStatistics. Post: the request's status; *bytes (may be
 * NULL) the bytes written or read. Failure: NDIS_STATUS_INVALID_PARAMETER
 * (host NULL, another type), NDIS_STATUS_INVALID_DEVICE_REQUEST when no
 * module is attached or the host's driver is a protocol,
 * NDIS_STATUS_NOT_SUPPORTED when the request reaches a miniport driver that
 * registered no MiniportDirectOidRequest, NDIS_STATUS_FAILURE when a pending
 * request did not complete in time. Ownership: buffer is the caller's, used
 * during the call only. PASSIVE_LEVEL, one request at a time per host.
 */
NDIS_STATUS undis_host_direct_oid(undis_host *host,
                                  NDIS_REQUEST_TYPE type,
                                  NDIS_OID oid,
                                  PVOID buffer,
                                  ULONG length,
                                  ULONG *bytes);

/** undis's miniport indicates NDIS_STATUS_LINK_STATE (connected or not) up
 * the stack; the link state its OIDs report changes too. Nothing with a
 * miniport driver at the bottom (it indicates its own). Any thread, IRQL <=
 * DISPATCH_LEVEL. */
void undis_host_indicate_link(undis_host *host, BOOLEAN connected);

/** Where frames reaching undis's miniport go (NULL: only counted). Set it
 * before traffic flows. */
void undis_host_set_wire(undis_host *host, undis_host_wire_fn *fn, void *context);

/* Called for each status indication that reaches undis's protocol (code,
 * buffer and size valid during the call only: NDIS_STATUS_LINK_STATE brings
 * an NDIS_LINK_STATE). Any thread, IRQL <= DISPATCH_LEVEL. */
typedef void undis_host_status_fn(void *context, NDIS_STATUS code, const void *buffer, ULONG size);

/** Where status indications reaching undis's protocol go besides being
 * counted (NULL: only counted). Set it before attaching. */
void undis_host_set_status(undis_host *host, undis_host_status_fn *fn, void *context);

/** The cancel id (NDIS_SET_NET_BUFFER_LIST_CANCEL_ID) undis's protocol puts on
 * the sends that follow; NULL for none. Any thread, between sends. */
void undis_host_set_cancel_id(undis_host *host, PVOID cancel_id);

/**
 * undis's protocol cancels its sends that carry cancel_id: the cancel goes
 * down the stack like a send (FilterCancelSendNetBufferLists of each filter
 * that has one, which passes it on with NdisFCancelSendNetBufferLists) to
 * the driver's MiniportCancelSend, which completes the NBLs it still holds
 * with that id (NDIS_STATUS_SEND_ABORTED). With undis's miniport, which
 * completes every send at once, there is nothing to cancel. Any thread,
 * IRQL <= DISPATCH_LEVEL, while attached.
 */
void undis_host_cancel_send(undis_host *host, PVOID cancel_id);

/**
 * A device PnP event for the driver's miniport (MiniportDevicePnPEventNotify,
 * for example NdisDevicePnPEventSurpriseRemoved or
 * NdisDevicePnPEventPowerProfileChanged with its ULONG). Pre: a miniport
 * driver hosted and initialized. Failure: NDIS_STATUS_INVALID_DEVICE_REQUEST
 * without one. PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_pnp_event(undis_host *host, NDIS_DEVICE_PNP_EVENT event, ULONG value);

/**
 * The system shuts down: MiniportShutdownEx(NdisShutdownPowerOff) of the
 * driver's miniport (initialized). The adapter is not usable afterwards:
 * the host halts it (MiniportHaltEx) at detach as usual. Failure:
 * NDIS_STATUS_INVALID_DEVICE_REQUEST without an initialized miniport.
 * PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_shutdown(undis_host *host);

/**
 * A second adapter of a miniport driver: host's bottom becomes another
 * adapter of the miniport driver loaded in owner, as Windows runs one
 * miniport driver for several adapters (each with its own
 * MiniportInitializeEx, MiniportAdapterHandle and context; the driver may
 * connect them, as netvmini's "hub" does). undis_host_attach initializes
 * it; filters may be loaded above it first. Pre: host has no driver loaded
 * and is DETACHED; owner has a miniport driver registered. Post:
 * NDIS_STATUS_SUCCESS. Failure: NDIS_STATUS_INVALID_PARAMETER. Ownership:
 * owner must stay loaded until host is detached (destroy host first).
 * PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_share_miniport(undis_host *host, undis_host *owner);

/** How many filter modules the host stacks (the filters loaded). Any thread. */
int undis_host_filter_count(const undis_host *host);

/** The friendly name of the driver loaded index-th (0 first), "" past the
 * end. With a miniport and filters, the names come in load order. */
const char *undis_host_driver_name_at(const undis_host *host, int index);

/** The role the driver loaded index-th (0 first) registered: "filter",
 * "miniport" or "protocol"; "" past the end or for a driver that has not
 * registered. Any thread. */
const char *undis_host_driver_role_at(const undis_host *host, int index);

/* What one driver of the stack did (running totals since its load; each
 * counted at the hand-offs of host_stack.c, a chain at a time). */
typedef struct undis_host_driver_stats {
    ULONG64 sent;        /* NBLs it passed down (NdisFSendNetBufferLists; a protocol's sends) */
    ULONG64 completed;   /* sends it completed up (NdisF/NdisMSendNetBufferListsComplete) */
    ULONG64 indicated;   /* NBLs it indicated up (NdisF/NdisMIndicateReceiveNetBufferLists) */
    ULONG64 returned;    /* receives it returned down (NdisFReturnNetBufferLists, a */
                         /* protocol's NdisReturnNetBufferLists) */
    ULONG64 oids;        /* OID requests that reached it (FilterOidRequest, MiniportOidRequest) */
    ULONG64 direct_oids; /* direct OID requests that reached it (FilterDirectOidRequest, */
                         /* MiniportDirectOidRequest) */
    ULONG64 pauses;      /* FilterPause / MiniportPause calls */
    ULONG64 restarts;    /* FilterRestart / MiniportRestart calls */
    ULONG64 restart_requests; /* NdisFRestartFilter calls that started a pause and restart */
} undis_host_driver_stats;

/**
 * A snapshot of the counts of the driver loaded index-th (0 first, as
 * undis_host_driver_name_at). Pre: out not NULL. Post: NDIS_STATUS_SUCCESS
 * and *out. Failure: NDIS_STATUS_INVALID_PARAMETER (host or out NULL, index
 * past the drivers loaded; after undis_host_unload no driver is loaded:
 * take the snapshot before), *out zeroed when out is not NULL. Any thread.
 */
NDIS_STATUS
undis_host_get_driver_stats(undis_host *host, int index, undis_host_driver_stats *out);

/** The module's state. Any thread. */
undis_host_state undis_host_get_state(undis_host *host);

/** A snapshot of the counts (each read atomically). Any thread. */
void undis_host_get_stats(undis_host *host, undis_host_stats *out);

/** The friendly name the first driver loaded registered (a miniport's is
 * its load name; "" before registration; kept after unload). */
const char *undis_host_driver_name(const undis_host *host);

/* ---- the protocol role ------------------------------------------------------
 *
 * The role is told by what DriverEntry registers: a driver that calls
 * NdisRegisterProtocolDriver is the protocol at the top of the stack, bound
 * to undis's miniport. The life calls then act on its binding:
 * undis_host_attach binds (ProtocolBindAdapterEx with an NDIS_BIND_PARAMETERS
 * describing undis's miniport; the driver opens it with NdisOpenAdapterEx)
 * and restarts it (NetEventRestart): RUNNING; undis_host_pause sends
 * NetEventPause, undis_host_restart NetEventRestart; undis_host_detach
 * pauses and unbinds (ProtocolUnbindAdapterEx; the driver closes with
 * NdisCloseAdapterEx). undis_host_receive indicates to the driver's
 * ProtocolReceiveNetBufferLists; undis_host_indicate_link reaches its
 * ProtocolStatusEx. The driver sends with NdisSendNetBufferLists (to undis's
 * miniport, which completes at once) and issues OIDs with NdisOidRequest;
 * how a test makes it send is the driver's own business (its device, or a
 * function of its own). undis_host_send still sends as undis's own protocol
 * bound beside it. The stats count the driver's sends and OIDs with
 * undis's (send_nbls, send_completed, oids, oids_completed), and receives
 * that reach it as up_nbls.
 */

/* undis_host_set_protocol_pending flags */
#define UNDIS_HOST_PROTOCOL_PEND_OPEN 0x1 /* NdisOpenAdapterEx, NdisCloseAdapterEx pend */
#define UNDIS_HOST_PROTOCOL_PEND_OID  0x2 /* NdisOidRequest pends */

/** Which of the driver's calls the host answers with NDIS_STATUS_PENDING,
 * completing them a moment later from a thread of its own
 * (ProtocolOpenAdapterCompleteEx, ProtocolCloseAdapterCompleteEx,
 * ProtocolOidRequestComplete), as Windows may. 0 (the default): they
 * complete at once. Set it before the bind. PASSIVE_LEVEL. */
void undis_host_set_protocol_pending(undis_host *host, ULONG flags);

/** TRUE when the loaded driver registered a protocol. Any thread. */
BOOLEAN undis_host_is_protocol(const undis_host *host);

/* Counts of the protocol role (running totals since the registration). */
typedef struct undis_host_protocol_stats {
    ULONG64 binds, unbinds;     /* ProtocolBindAdapterEx, ProtocolUnbindAdapterEx calls */
    ULONG64 opens, closes;      /* adapters opened / closed by the driver */
    ULONG64 pnp_events;         /* ProtocolNetPnPEvent calls */
    ULONG64 sends;              /* NBLs the driver sent (NdisSendNetBufferLists) */
    ULONG64 send_completions;   /* NBLs handed to ProtocolSendNetBufferListsComplete */
    ULONG64 receives;           /* NBLs indicated to ProtocolReceiveNetBufferLists */
    ULONG64 returns;            /* NBLs it gave back with NdisReturnNetBufferLists */
    ULONG64 resources;          /* of the receives, those indicated with RESOURCES */
    ULONG64 oids, oids_pended;  /* NdisOidRequest calls; of them answered by completion */
    ULONG64 status_indications; /* reached ProtocolStatusEx */
    ULONG64 cancels;            /* NdisCancelSendNetBufferLists calls */
} undis_host_protocol_stats;

/** A snapshot of the protocol role's counts (zero without a protocol). Any
 * thread. */
void undis_host_get_protocol_stats(undis_host *host, undis_host_protocol_stats *out);
/* ---- control devices -------------------------------------------------------------
 *
 * A hosted driver's control device (NdisRegisterDeviceEx, or IoCreateDevice
 * with IoCreateSymbolicLink), used as a user-mode program uses it with
 * CreateFile, DeviceIoControl, ReadFile, WriteFile and CloseHandle. Each call
 * builds an IRP (IRP, one IO_STACK_LOCATION, the FILE_OBJECT of the open) and
 * calls the driver's dispatch routine for its major function; a routine that
 * returns STATUS_PENDING is waited for (IoCompleteRequest from any thread) up
 * to the caller's timeout. The driver sees only copies the host owns: the
 * system buffer (METHOD_BUFFERED, DO_BUFFERED_IO), an MDL of a locked, not yet
 * mapped "user" buffer (METHOD_IN_DIRECT / METHOD_OUT_DIRECT, DO_DIRECT_IO;
 * MmGetSystemAddressForMdlSafe maps it), or the raw "user" addresses
 * (METHOD_NEITHER: Type3InputBuffer and UserBuffer; neither flag). The
 * verifier's device rules (HOST_DEVICE_*, docs/host.md) are checked on each
 * IRP. A file is used by one thread at a time; different files may be used
 * from different threads. All at PASSIVE_LEVEL.
 */

typedef struct undis_host_file undis_host_file;

/**
 * Opens a device by name: "\Device\X", or a symbolic link in any of its
 * spellings ("\DosDevices\X", "\??\X", "\\.\X", "\\.\Global\X"),
 * among the devices host's driver created (host NULL: any host's). Sends
 * IRP_MJ_CREATE (waited for up to 1 s); the FILE_OBJECT (FsContext, ...)
 * stays the driver's to fill until close.
 * Post: STATUS_SUCCESS and *out. Failure: *out NULL and
 * STATUS_OBJECT_NAME_NOT_FOUND (no such device, or an exclusive device
 * already open), STATUS_INSUFFICIENT_RESOURCES, STATUS_INVALID_PARAMETER,
 * STATUS_IO_TIMEOUT (the create pended too long), or the create's own
 * status. Ownership: close the file with undis_host_device_close.
 */
NTSTATUS undis_host_device_open(undis_host *host, const char *name, undis_host_file **out);

/**
 * DeviceIoControl: IRP_MJ_DEVICE_CONTROL with code and the buffers its
 * method (METHOD_FROM_CTL_CODE) asks for. Waits up to timeout_ms for a
 * pending IRP. Post: the IRP's IoStatus.Status (or the dispatch routine's
 * return when it broke a rule and did not complete the IRP); out holds the
 * bytes the driver returned and *bytes (may be NULL) their count:
 * IoStatus.Information, at most out_length, 0 for an error status and for
 * METHOD_IN_DIRECT. Failure: STATUS_INVALID_PARAMETER (a closed file, a NULL
 * buffer with a length), STATUS_INSUFFICIENT_RESOURCES (nothing sent),
 * STATUS_IO_TIMEOUT (the IRP stays with the driver; its results are dropped
 * when it completes; close cancels it). Ownership: in and out are the
 * caller's, used during the call only.
 */
NTSTATUS undis_host_device_ioctl(undis_host_file *file,
                                 ULONG code,
                                 const void *in,
                                 ULONG in_length,
                                 void *out,
                                 ULONG out_length,
                                 ULONG *bytes,
                                 ULONG timeout_ms);

/** ReadFile: IRP_MJ_READ of length bytes (Parameters.Read.Length), buffered,
 * direct or neither as the device's Flags say. Post, failure and ownership
 * as undis_host_device_ioctl; *bytes is the count read into buffer. */
NTSTATUS undis_host_device_read(
    undis_host_file *file, void *buffer, ULONG length, ULONG *bytes, ULONG timeout_ms);

/** WriteFile: IRP_MJ_WRITE of length bytes; as undis_host_device_read. */
NTSTATUS undis_host_device_write(
    undis_host_file *file, const void *buffer, ULONG length, ULONG *bytes, ULONG timeout_ms);

/**
 * CloseHandle: cancels the file's pending IRPs (IoCancelIrp: each cancel
 * routine runs; up to 1 s for them to complete), sends IRP_MJ_CLEANUP,
 * reports the IRPs still pending (HOST_DEVICE_PENDING_AT_CLOSE, naming the
 * device and each IRP's major function), sends IRP_MJ_CLOSE and frees the
 * file (IRPs the driver still holds are freed with the device). file may be
 * NULL or closed already: nothing happens. Files still open when the driver
 * unloads are closed by undis_host_unload first.
 */
void undis_host_device_close(undis_host_file *file);

/** The name ("\\Device\\X") of the index-th named device host's driver
 * created (0 = the most recent), or NULL past the last. Valid until that
 * device is deleted. */
const char *undis_host_device_at(undis_host *host, ULONG index);

/** The FILE_OBJECT the driver sees for file (FsContext, FsContext2, ...),
 * or NULL for a closed file. Valid until undis_host_device_close. */
PFILE_OBJECT undis_host_device_file_object(undis_host_file *file);

/* ---- kernel services: the settings file, leaks at unload ------------------- */

/**
 * The driver's settings (its registry keys) from a settings file: what
 * NdisOpenConfigurationEx opens for the driver's handles (its filter module
 * handle and its driver handle) and NdisReadConfiguration reads. The format
 * (docs/host.md, "The settings file"): `Keyword = value` lines, `# comment`,
 * integers (decimal or 0x hex), "quoted strings", several quoted strings
 * (a multi-string), `hex: 01 02` (binary), bare words (strings, e.g.
 * `NetworkAddress = 02-11-22-33-44-55`), `[SubKey]` sections.
 * Pre: host and path not NULL; call it before undis_host_load (or between
 * runs). Post: NDIS_STATUS_SUCCESS; the settings replace earlier ones (handles
 * the driver has open keep the old ones until closed). Failure:
 * NDIS_STATUS_FILE_NOT_FOUND (cannot open), NDIS_STATUS_INVALID_DATA (a
 * parse error), NDIS_STATUS_RESOURCES; the earlier settings stay, and
 * undis_host_config_error says why ("path:line: what"). Without a call the
 * driver's keys are empty: every NdisReadConfiguration fails with
 * NDIS_STATUS_FAILURE, as for a keyword the registry lacks. PASSIVE_LEVEL.
 */
NDIS_STATUS undis_host_set_config(undis_host *host, const char *path);

/** As undis_host_set_config, from settings text in memory (errors name it
 * "<settings>"), e.g. "MTU = 9000\nNetworkAddress = 02-00-00-00-00-07\n". */
NDIS_STATUS undis_host_set_config_text(undis_host *host, const char *text);

/** Why the last undis_host_set_config(_text) failed ("" after a success). */
const char *undis_host_config_error(const undis_host *host);

/**
 * At undis_host_unload, after DriverUnload, the host lists every timer
 * object, work item, configuration handle and pool block (ExAllocatePool*,
 * NdisAllocateMemory*) the driver allocated since undis_host_load and still
 * holds, every KTIMER still set and KDPC still queued: one
 * HOST_LEAK_AT_UNLOAD report each, naming the kind, the object and the
 * allocation site (the caller's return address; the routine for a DPC or
 * KTIMER), then frees them (timers cancelled first). Returns how many the
 * last unload found. Any thread.
 */
ULONG undis_host_leaks_at_unload(const undis_host *host);

#ifdef __cplusplus
}
#endif

#endif /* UNDIS_HOST_H */
