/* SPDX-License-Identifier: MIT */
/*
 * host_protocol.h: the protocol role's state (see <undis/host.h>). When the
 * driver's DriverEntry calls NdisRegisterProtocolDriver, the driver under
 * test is the protocol at the top of the host's stack: the host binds it to
 * undis's miniport (ProtocolBindAdapterEx, NdisOpenAdapterEx), pauses and
 * restarts the binding with net PnP events, and unbinds it; its sends go
 * down to undis's miniport and the receives undis's miniport indicates go up
 * to it. The host's filter-module state (host->state) is the binding's
 * state in this role.
 *
 * Files: host_protocol.c (registration, bind, pause, restart, unbind, the
 * pended completions), host_protocol_data.c (sends, receives and returns,
 * OID requests, status, the ledger of receives the protocol holds).
 */
#ifndef UNDIS_HOST_PROTOCOL_H
#define UNDIS_HOST_PROTOCOL_H

#include "host/host_internal.h"

#define UNDIS_HOST_MAGIC_PROTOCOL 0x746f7250u /* "Prot": NdisProtocolHandle */
#define UNDIS_HOST_MAGIC_BINDING  0x646e6942u /* "Bind": NdisBindingHandle */
#define UNDIS_HOST_MAGIC_BINDCTX  0x78436442u /* "BdCx": BindContext */
#define UNDIS_HOST_MAGIC_UNBIND   0x78436255u /* "UbCx": UnbindContext */
#define PROTO_LEDGER_SIZE         1024u       /* receives held at once, a power of two */
#define PROTO_WORKERS             32u         /* pended completions under way at once */
#define PROTO_WAIT_MS             2000u
/* A pended OID request completes this much later: long enough that a
 * driver re-issuing it at once (HOST_PROTOCOL_OID_REISSUED) does so while
 * it is still pending, even on a loaded machine. */
#define PROTO_OID_DEFER_NS        20000000u

/* The adapter open as the binding sees it. */
enum proto_open { PROTO_CLOSED = 0, PROTO_OPENING, PROTO_OPEN, PROTO_CLOSING };

/* An operation the driver may pend and complete later (bind, unbind, net
 * PnP event): active while the host waits for it. */
struct proto_wait {
    volatile int active;
    volatile int claimed; /* a completion came (set once, by exchange) */
    volatile int done;    /* its status is written (release) */
    NDIS_STATUS status;
    const void *object; /* the net PnP event the completion must name */
};

struct proto_slot {
    PNET_BUFFER_LIST nbl;
    int kind; /* host_nbl_kind: HOST_NBL_RECEIVE, _RESOURCES, _GONE or _FREE */
    int from; /* the position that indicated it (the receive goes back there) */
};

struct host_protocol {
    struct undis_host *host;
    struct host_driver *driver; /* the driver that registered it */
    struct host_handle protocol_handle;
    struct host_handle bind_context;
    struct host_handle unbind_context;
    struct host_handle binding_handle;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS chars; /* the registered copy, zero past Size */
    NDIS_HANDLE driver_context;                 /* ProtocolDriverContext */
    NDIS_HANDLE binding_context;                /* ProtocolBindingContext */
    BOOLEAN registered;
    BOOLEAN binds_complete; /* NetEventBindsComplete sent */
    ULONG pending;          /* UNDIS_HOST_PROTOCOL_PEND_* */
    volatile int open;      /* enum proto_open */
    struct proto_wait bind, unbind, pnp;
    /* pended completions: one thread each (host_protocol.c) */
    undis__spinlock worker_lock;
    undis__thread *workers[PROTO_WORKERS];
    unsigned worker_count;
    /* OID requests pended below (host_protocol_data.c) */
    undis__spinlock oid_lock;
    PNDIS_OID_REQUEST oids[PROTO_WORKERS];
    /* the receives the protocol holds */
    undis__spinlock ledger_lock;
    struct proto_slot ledger[PROTO_LEDGER_SIZE];
    /* counts (undis_host_protocol_stats) */
    volatile uint64_t binds, unbinds, pnp_events, opens, closes, cancels;
    volatile uint64_t sends, send_completions, receives, returns, resources, oids_issued,
        oids_pended, status_delivered;
};

/* ---- host_protocol.c ---- */
/* The protocol of a handle the driver passed (checked by magic), or NULL
 * after a message naming function. */
struct host_protocol *undis__proto_of(NDIS_HANDLE handle, ULONG magic, const char *function);
/* Run fn(arg) on a thread of its own after a short delay (a pended
 * completion); FALSE when no thread could be had (the caller completes at
 * once). */
BOOLEAN undis__proto_defer(struct host_protocol *p, void (*fn)(void *), void *arg);
/* The same, ns nanoseconds later. */
BOOLEAN
undis__proto_defer_after(struct host_protocol *p, void (*fn)(void *), void *arg, uint64_t ns);
/* Join every deferred completion (PASSIVE_LEVEL, the life thread). */
void undis__proto_join(struct host_protocol *p);

/* ---- host_protocol_data.c ---- */
/* How many receives the protocol holds; with what (not NULL: what happened,
 * in function), one HOST_PROTOCOL_HELD_AT_PAUSE report naming each. */
ULONG undis__proto_held(struct host_protocol *p, const char *function, const char *what);
/* At unbind: give every receive the protocol still holds back to its owner
 * (each was reported at the pause or the close). */
void undis__proto_release_held(struct host_protocol *p);

#endif /* UNDIS_HOST_PROTOCOL_H */
