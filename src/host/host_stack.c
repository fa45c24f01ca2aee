/* SPDX-License-Identifier: MIT */
/*
 * host_stack.c: the routes between the positions of a host's stack
 * (host_internal.h): the top edge (0), the filter modules (1..n, the first
 * loaded on top) and the bottom edge (n + 1).
 *
 * - A send from position p goes to the nearest filter below p with a send
 *   handler, or to the bottom edge.
 * - A completion by the holder h goes to the nearest filter between the
 *   NBL's owner and h that has both a send and a send-complete handler (it
 *   passed the NBL down), or to the owner itself.
 * - An indication from p goes to the nearest filter above p with a receive
 *   handler, or to the top edge; a return by h goes to the nearest filter
 *   between h and the owner with receive and return handlers, or to the
 *   owner (undis's miniport, the driver's miniport, or a filter's own NBL).
 * - OID requests go down like sends; the module that took a request
 *   completes it (once) to the position that issued it. Status goes up
 *   like receives.
 *
 * The ledger (host_ledger.c) moves with each NBL a driver module takes
 * from another position, so that each completion or return is checked
 * against the module that holds it. The top edge's entry points are the
 * four undis__host_top_* functions: undis's protocol, or a driver's
 * protocol through host->top (struct host_top_ops).
 */
#include "host/host_internal.h"

#include <stddef.h>
#include <stdio.h>

const char *
undis__host_name_at(struct undis_host *host, int pos)
{
    struct host_module *m = undis__host_module_at(host, pos);
    if (m != NULL) {
        return m->friendly;
    }
    if (pos == UNDIS_HOST_TOP) {
        return host->top != NULL ? "the protocol" : "undis's protocol";
    }
    return host->miniport_driver != NULL ? host->adapter.friendly : "undis's miniport";
}

/* ---- data calls into a module --------------------------------------------- */

/* A send or indication into module m begins: FALSE (nothing counted) when
 * m is neither running nor pausing (NDIS delivers nothing to a paused
 * module: the caller gives the NBLs back to their sender). */
static BOOLEAN
module_enter(struct host_module *m)
{
    int state;
    (void)undis__atomic_add_seq_cst_int(&m->busy, 1);
    state = undis__atomic_load_seq_cst_int(&m->state);
    if (state == UNDIS_HOST_RUNNING || state == UNDIS_HOST_PAUSING) {
        return TRUE;
    }
    (void)undis__atomic_add_seq_cst_int(&m->busy, -1);
    return FALSE;
}

/* A completion or return into m begins (always delivered: it is m's). */
static void
module_hold(struct host_module *m)
{
    (void)undis__atomic_add_seq_cst_int(&m->busy, 1);
}

static void
module_leave(struct host_module *m)
{
    (void)undis__atomic_add_seq_cst_int(&m->busy, -1);
}

void
undis__host_module_paused(struct host_module *m)
{
    undis__host_set_state(&m->state, UNDIS_HOST_PAUSED);
    while (undis__atomic_load_seq_cst_int(&m->busy) != 0) {
        undis__sleep_ns(10000u);
    }
}

struct host_counts *
undis__host_counts_at(struct undis_host *host, int pos)
{
    struct host_module *m = undis__host_module_at(host, pos);
    if (m != NULL) {
        return &m->driver->counts;
    }
    if (pos == UNDIS_HOST_TOP) {
        return host->top != NULL && host->ndrivers > 0 ? &host->drivers[0].counts : NULL;
    }
    return host->miniport_driver != NULL ? &host->miniport_driver->counts : NULL;
}

/* Counts n NBLs of a hand-off by the driver at pos (nothing for undis's edges). */
static void
count_at(struct undis_host *host, int pos, size_t field, uint64_t n)
{
    struct host_counts *c = undis__host_counts_at(host, pos);
    if (c != NULL && n != 0) {
        undis__host_count((volatile uint64_t *)(void *)((char *)c + field), n);
    }
}

/* ---- the top edge ----------------------------------------------------------- */

void
undis__host_top_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    if (host->top != NULL) {
        host->top->send_complete(host, nbls, flags);
    } else {
        undis__host_own_protocol_send_complete(host, nbls);
    }
}

void
undis__host_top_receive(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    if (host->top != NULL) {
        host->top->receive(host, from, nbls, count, flags);
    } else {
        undis__host_own_protocol_receive(host, from, nbls, flags);
    }
}

void
undis__host_top_status(struct undis_host *host, PNDIS_STATUS_INDICATION s)
{
    if (host->top != NULL) {
        host->top->status(host, s);
    } else {
        undis__host_own_protocol_status(host, s);
    }
}

void
undis__host_top_oid_complete(struct undis_host *host, PNDIS_OID_REQUEST request, NDIS_STATUS status)
{
    if (host->top != NULL) {
        host->top->oid_complete(host, request, status);
        return;
    }
    host->oid_status = status;
    undis__atomic_store_release_int(&host->oid_done, 1);
}

/* ---- sends -------------------------------------------------------------------- */

static BOOLEAN
passes_sends(const struct host_module *m)
{
    return m->chars->SendNetBufferListsHandler != NULL;
}

static BOOLEAN
gets_completions(const struct host_module *m)
{
    return passes_sends(m) && m->chars->SendNetBufferListsCompleteHandler != NULL;
}

static void
untracked(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    fprintf(stderr,
            "undis host: no memory to grow the ledger (%lu NBLs out); NBL %p goes on "
            "untracked\n",
            (unsigned long)host->ledger_live, (void *)nbl);
}

/* The position a send from position from goes to. */
static int
send_target(struct undis_host *host, int from)
{
    int bottom = undis__host_bottom(host);
    int to = from + 1;
    while (to < bottom && !passes_sends(&host->modules[to - 1])) {
        to++;
    }
    return to;
}

static void
send_to_bottom(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    if (host->miniport_driver != NULL) {
        undis__host_adapter_send(host, from, nbls, flags);
    } else {
        undis__host_miniport_send(host, from, nbls);
    }
}

/* Sends for a paused module go back to their sender, NDIS_STATUS_PAUSED. */
static void
bounce_send(struct undis_host *host, int from, PNET_BUFFER_LIST nbls)
{
    for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        NET_BUFFER_LIST_STATUS(n) = NDIS_STATUS_PAUSED;
    }
    undis__host_complete_to(host, from, nbls,
                            undis__host_dispatch_flag(NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL));
}

BOOLEAN
undis__host_send_from_top(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    int to = send_target(host, UNDIS_HOST_TOP);
    struct host_module *m;
    if (to == undis__host_bottom(host)) {
        send_to_bottom(host, UNDIS_HOST_TOP, nbls, flags);
        return TRUE;
    }
    m = &host->modules[to - 1];
    if (!module_enter(m)) {
        bounce_send(host, UNDIS_HOST_TOP, nbls);
        return TRUE;
    }
    if (!undis__host_ledger_add_chain(host, nbls, HOST_NBL_SEND, to, UNDIS_HOST_TOP)) {
        module_leave(m);
        return FALSE;
    }
    m->chars->SendNetBufferListsHandler(m->context, nbls, NDIS_DEFAULT_PORT_NUMBER, flags);
    module_leave(m);
    return TRUE;
}

void
undis__host_send_from(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    int to = send_target(host, from);
    struct host_module *m;
    uint64_t sent = 0;
    if (to == undis__host_bottom(host)) {
        for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
            sent++;
        }
        count_at(host, from, offsetof(struct host_counts, sent), sent);
        send_to_bottom(host, from, nbls, flags);
        return;
    }
    m = &host->modules[to - 1];
    if (!module_enter(m)) {
        bounce_send(host, from, nbls);
        return;
    }
    for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        BOOLEAN full = FALSE;
        sent++;
        if (from == UNDIS_HOST_TOP && host->top == NULL) { /* a new NBL of undis's protocol */
            full = !undis__host_ledger_add(host, n, HOST_NBL_SEND, to, from);
        } else {
            (void)undis__host_ledger_hand(host, n, HOST_NBL_SEND, from, to, &full);
        }
        if (full) {
            untracked(host, n);
        }
    }
    count_at(host, from, offsetof(struct host_counts, sent), sent);
    m->chars->SendNetBufferListsHandler(m->context, nbls, NDIS_DEFAULT_PORT_NUMBER, flags);
    module_leave(m);
}

/* Where a completion from holder goes for an NBL owned by origin; records
 * the new holder when it is a filter that does not own it. */
static int
complete_target(struct undis_host *host, int holder, int origin)
{
    for (int j = holder - 1; j > origin; j--) {
        if (gets_completions(&host->modules[j - 1])) {
            return j;
        }
    }
    return origin;
}

static void
deliver_complete(struct undis_host *host, int target, PNET_BUFFER_LIST chain, ULONG flags)
{
    struct host_module *m = undis__host_module_at(host, target);
    if (m == NULL) {
        undis__host_top_send_complete(host, chain, flags);
    } else if (m->chars->SendNetBufferListsCompleteHandler != NULL) {
        module_hold(m);
        m->chars->SendNetBufferListsCompleteHandler(m->context, chain, flags);
        module_leave(m);
    }
}

/* A chain built NBL by NBL, delivered whenever the target changes. */
struct host_batch {
    PNET_BUFFER_LIST head;
    PNET_BUFFER_LIST *tail;
    int target;
};

static void
batch_init(struct host_batch *b)
{
    b->head = NULL;
    b->tail = &b->head;
    b->target = -1;
}

static void
deliver_return(struct undis_host *host, int target, PNET_BUFFER_LIST chain, ULONG flags);

/* A run of NBLs owned by origin, taken out of the ledger, goes to target
 * (recorded as its holder there unless target owns them), appended to the
 * batch b (delivered first when it is for another target). */
static uint64_t
run_to(struct undis_host *host,
       struct host_batch *b,
       PNET_BUFFER_LIST run,
       int target,
       int origin,
       host_nbl_kind kind,
       ULONG flags)
{
    PNET_BUFFER_LIST last = run;
    uint64_t n = 1;
    if (target != origin && !undis__host_ledger_add_chain(host, run, kind, target, origin)) {
        untracked(host, run);
    }
    if (target != b->target && b->head != NULL) {
        if (kind == HOST_NBL_SEND) {
            deliver_complete(host, b->target, b->head, flags);
        } else {
            deliver_return(host, b->target, b->head, flags);
        }
        batch_init(b);
    }
    while (NET_BUFFER_LIST_NEXT_NBL(last) != NULL) {
        last = NET_BUFFER_LIST_NEXT_NBL(last);
        n++;
    }
    b->target = target;
    *b->tail = run;
    b->tail = &NET_BUFFER_LIST_NEXT_NBL(last);
    return n;
}

static int return_target(struct undis_host *host, int holder, int origin);

/* Complete nbls (each owned by origin[i]... looked up) held by holder. */
static void
complete_one(struct undis_host *host,
             int holder,
             PNET_BUFFER_LIST nbl,
             int origin,
             struct host_batch *b,
             ULONG flags)
{
    int target = complete_target(host, holder, origin);
    if (target != origin && !undis__host_ledger_add(host, nbl, HOST_NBL_SEND, target, origin)) {
        untracked(host, nbl);
    }
    if (target != b->target && b->head != NULL) {
        deliver_complete(host, b->target, b->head, flags);
        batch_init(b);
    }
    b->target = target;
    *b->tail = nbl;
    b->tail = &NET_BUFFER_LIST_NEXT_NBL(nbl);
}

/* An NBL that came back by the wrong call, or from a module that does not
 * hold it: reported; it goes on to its true owner or stays out. */
static void misreturned(struct undis_host *host,
                        int holder,
                        PNET_BUFFER_LIST nbl,
                        host_nbl_kind kind,
                        int h,
                        int origin,
                        const char *function,
                        BOOLEAN as_send);

/* The completions (send) and returns (receive) of holder: each NBL goes
 * to its owner or the nearest module between that passed it (body shared
 * by both directions below). */
static void give_back_from(struct undis_host *host,
                           int holder,
                           PNET_BUFFER_LIST nbls,
                           ULONG flags,
                           const char *function,
                           host_nbl_kind kind);
static void give_back_to(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags, host_nbl_kind kind);

void
undis__host_complete_from(
    struct undis_host *host, int holder, PNET_BUFFER_LIST nbls, ULONG flags, const char *function)
{
    give_back_from(host, holder, nbls, flags, function, HOST_NBL_SEND);
}

/* Sends that reached undis's miniport (or a module that bounces them)
 * from position from complete back up: to from itself when it passed
 * them (the ledger entries stay held by it), else each by the ledger. */
void
undis__host_complete_to(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    give_back_to(host, from, nbls, flags, HOST_NBL_SEND);
}

/* ---- receives ----------------------------------------------------------------- */

static BOOLEAN
passes_receives(const struct host_module *m)
{
    return m->chars->ReceiveNetBufferListsHandler != NULL;
}

static BOOLEAN
gets_returns(const struct host_module *m)
{
    return passes_receives(m) && m->chars->ReturnNetBufferListsHandler != NULL;
}

/* The owner at the bottom edge has a receive back. */
static void
bottom_returned(struct undis_host *host, PNET_BUFFER_LIST chain, ULONG flags)
{
    if (host->miniport_driver != NULL) {
        undis__host_adapter_return(host, chain, flags);
        return;
    }
    undis__host_miniport_returned_chain(host, chain);
}

static void
deliver_return(struct undis_host *host, int target, PNET_BUFFER_LIST chain, ULONG flags)
{
    struct host_module *m = undis__host_module_at(host, target);
    if (m == NULL) {
        if (target == undis__host_bottom(host)) {
            bottom_returned(host, chain, flags);
        }
    } else if (m->chars->ReturnNetBufferListsHandler != NULL) {
        module_hold(m);
        m->chars->ReturnNetBufferListsHandler(m->context, chain, flags);
        module_leave(m);
    }
}

static int
return_target(struct undis_host *host, int holder, int origin)
{
    for (int j = holder + 1; j < origin; j++) {
        if (gets_returns(&host->modules[j - 1])) {
            return j;
        }
    }
    return origin;
}

static void
return_one(struct undis_host *host,
           int holder,
           PNET_BUFFER_LIST nbl,
           int origin,
           struct host_batch *b,
           ULONG flags)
{
    int target = return_target(host, holder, origin);
    if (target != origin && !undis__host_ledger_add(host, nbl, HOST_NBL_RECEIVE, target, origin)) {
        untracked(host, nbl);
    }
    if (target != b->target && b->head != NULL) {
        deliver_return(host, b->target, b->head, flags);
        batch_init(b);
    }
    b->target = target;
    *b->tail = nbl;
    b->tail = &NET_BUFFER_LIST_NEXT_NBL(nbl);
}

void
undis__host_return_from(
    struct undis_host *host, int holder, PNET_BUFFER_LIST nbls, ULONG flags, const char *function)
{
    give_back_from(host, holder, nbls, flags, function, HOST_NBL_RECEIVE);
}

/* undis's protocol (or a module that bounces them) gives receives indicated
 * by position from back: to from when it takes returns, else by the ledger
 * (or straight to the bottom edge when from is the bottom). */
void
undis__host_return_to(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    give_back_to(host, from, nbls, flags, HOST_NBL_RECEIVE);
}

/* ---- both directions of giving back ----------------------------------------- */

static void
deliver_back(
    struct undis_host *host, int target, PNET_BUFFER_LIST chain, ULONG flags, host_nbl_kind kind)
{
    if (kind == HOST_NBL_SEND) {
        deliver_complete(host, target, chain, flags);
    } else {
        deliver_return(host, target, chain, flags);
    }
}

static void
back_one(struct undis_host *host,
         int holder,
         PNET_BUFFER_LIST nbl,
         int origin,
         struct host_batch *b,
         ULONG flags,
         host_nbl_kind kind)
{
    if (kind == HOST_NBL_SEND) {
        complete_one(host, holder, nbl, origin, b, flags);
    } else {
        return_one(host, holder, nbl, origin, b, flags);
    }
}

static void
give_back_from(struct undis_host *host,
               int holder,
               PNET_BUFFER_LIST nbls,
               ULONG flags,
               const char *function,
               host_nbl_kind kind)
{
    struct host_batch b;
    uint64_t done = 0;
    batch_init(&b);
    while (nbls != NULL) {
        PNET_BUFFER_LIST next;
        int h = -1, origin = -1;
        host_nbl_kind had;
        PNET_BUFFER_LIST run = undis__host_ledger_take_run(host, &nbls, kind, holder, &origin);
        if (run != NULL) { /* the usual case: a run, one lock */
            int target = kind == HOST_NBL_SEND ? complete_target(host, holder, origin)
                                               : return_target(host, holder, origin);
            done += run_to(host, &b, run, target, origin, kind, flags);
            continue;
        }
        next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        had = undis__host_ledger_take(host, nbls, &h, &origin);
        if (had == kind && h == holder) {
            NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
            back_one(host, holder, nbls, origin, &b, flags, kind);
            done++;
        } else {
            misreturned(host, holder, nbls, had, h, origin, function, kind == HOST_NBL_SEND);
        }
        nbls = next;
    }
    count_at(host, holder,
             kind == HOST_NBL_SEND ? offsetof(struct host_counts, completed)
                                   : offsetof(struct host_counts, returned),
             done);
    if (b.head != NULL) {
        deliver_back(host, b.target, b.head, flags, kind);
    }
}

static void
give_back_to(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags, host_nbl_kind kind)
{
    struct host_module *m = undis__host_module_at(host, from);
    struct host_batch b;
    if (m == NULL || (kind == HOST_NBL_SEND ? gets_completions(m) : gets_returns(m))) {
        deliver_back(host, from, nbls, flags, kind);
        return;
    }
    batch_init(&b);
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        int origin = -1;
        NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
        if (undis__host_ledger_take(host, nbls, NULL, &origin) == kind) {
            back_one(host, from, nbls, origin, &b, flags, kind);
        }
        nbls = next;
    }
    if (b.head != NULL) {
        deliver_back(host, b.target, b.head, flags, kind);
    }
}

static void
misreturned(struct undis_host *host,
            int holder,
            PNET_BUFFER_LIST nbl,
            host_nbl_kind kind,
            int h,
            int origin,
            const char *function,
            BOOLEAN as_send)
{
    const char *who = undis__host_name_at(host, holder);
    const char *role = holder == undis__host_bottom(host) ? "miniport"
                       : holder == UNDIS_HOST_TOP         ? "protocol"
                                                          : "filter";
    struct host_batch b;
    if (kind == HOST_NBL_FREE || h != holder) {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, function, nbl,
                           as_send ? "%s: NBL %p is not a send the %s holds (completed twice, "
                                     "or never sent to it)"
                                   : "%s: NBL %p is not a receive the %s holds (returned twice, "
                                     "or never indicated to it)",
                           who, (void *)nbl, role);
        if (kind != HOST_NBL_FREE) {
            (void)undis__host_ledger_add(host, nbl, kind, h, origin);
        }
        return;
    }
    NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
    batch_init(&b);
    if (kind == HOST_NBL_RESOURCES) {
        undis__host_report(host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES, function, nbl,
                           "%s: NBL %p came with NDIS_RECEIVE_FLAGS_RESOURCES; it is not "
                           "the %s's to %s",
                           who, (void *)nbl, role, as_send ? "complete" : "return");
        (void)undis__host_ledger_add(host, nbl, kind, h, origin);
    } else if (as_send) {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_WRONG_CALL, function, nbl,
                           "%s: NBL %p was indicated by FilterReceiveNetBufferLists and comes "
                           "back as a send completion",
                           who, (void *)nbl);
        return_one(host, holder, nbl, origin, &b, 0);
        deliver_return(host, b.target, b.head, 0);
    } else {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_WRONG_CALL, function, nbl,
                           "%s: NBL %p was sent by FilterSendNetBufferLists and comes back "
                           "returned as a receive",
                           who, (void *)nbl);
        complete_one(host, holder, nbl, origin, &b, 0);
        deliver_complete(host, b.target, b.head, 0);
    }
}

/* ---- indications ------------------------------------------------------------- */

#define HOST_RESOURCES_CHUNK 64

/* After an indication with RESOURCES returns, the NBLs are from's again:
 * entries that moved up come back to from (or to their lower owner). */
static void
resources_back(struct undis_host *host, int from, PNET_BUFFER_LIST *saved, ULONG n)
{
    for (ULONG i = 0; i < n; i++) {
        int origin = from;
        host_nbl_kind kind = undis__host_ledger_take(host, saved[i], NULL, &origin);
        if (kind != HOST_NBL_FREE && origin != from) {
            (void)undis__host_ledger_add(host, saved[i], kind, from, origin);
            continue;
        }
        if (from == undis__host_bottom(host)) {
            if (host->miniport_driver != NULL) {
                undis__host_count(&host->recv_returned, 1);
            } else {
                undis__host_miniport_returned(host, saved[i]);
            }
        }
    }
}

/* Receives for a paused module go back to their indicator at once (with
 * RESOURCES they are its own again when the call returns). */
static void
bounce_receive(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG flags)
{
    if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
        undis__host_return_to(host, from, nbls,
                              undis__host_dispatch_flag(NDIS_RETURN_FLAGS_DISPATCH_LEVEL));
    }
}

static void
indicate_to(
    struct undis_host *host, int from, int to, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    struct host_module *m = &host->modules[to - 1];
    host_nbl_kind kind =
        (flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0 ? HOST_NBL_RESOURCES : HOST_NBL_RECEIVE;
    BOOLEAN fresh = from == undis__host_bottom(host) && host->miniport_driver == NULL;
    if (!module_enter(m)) {
        bounce_receive(host, from, nbls, flags);
        return;
    }
    for (PNET_BUFFER_LIST n = nbls; n != NULL; n = NET_BUFFER_LIST_NEXT_NBL(n)) {
        BOOLEAN full = FALSE;
        if (fresh) { /* a new NBL of undis's miniport */
            full = !undis__host_ledger_add(host, n, kind, to, from);
        } else {
            (void)undis__host_ledger_hand(host, n, kind, from, to, &full);
        }
        if (full) {
            untracked(host, n);
        }
    }
    m->chars->ReceiveNetBufferListsHandler(m->context, nbls, NDIS_DEFAULT_PORT_NUMBER, count,
                                           flags);
    module_leave(m);
}

static void
indicate_resources(struct undis_host *host, int from, int to, PNET_BUFFER_LIST nbls, ULONG flags)
{
    PNET_BUFFER_LIST saved[HOST_RESOURCES_CHUNK];
    while (nbls != NULL) {
        ULONG n = 0;
        PNET_BUFFER_LIST rest;
        while (nbls != NULL && n < HOST_RESOURCES_CHUNK) {
            saved[n++] = nbls;
            nbls = NET_BUFFER_LIST_NEXT_NBL(nbls);
        }
        rest = nbls;
        NET_BUFFER_LIST_NEXT_NBL(saved[n - 1]) = NULL;
        if (to == UNDIS_HOST_TOP) {
            undis__host_top_receive(host, from, saved[0], n, flags);
        } else {
            indicate_to(host, from, to, saved[0], n, flags);
        }
        for (ULONG i = 0; i + 1 < n; i++) { /* the owner's chain, as it gave it */
            NET_BUFFER_LIST_NEXT_NBL(saved[i]) = saved[i + 1];
        }
        NET_BUFFER_LIST_NEXT_NBL(saved[n - 1]) = rest;
        resources_back(host, from, saved, n); /* may free undis's miniport's NBLs */
    }
}

/* The position an indication from position from goes to. */
static int
receive_target(struct undis_host *host, int from)
{
    int to = from - 1;
    while (to > UNDIS_HOST_TOP && !passes_receives(&host->modules[to - 1])) {
        to--;
    }
    return to;
}

BOOLEAN
undis__host_indicate_fresh(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    int from = undis__host_bottom(host);
    int to = receive_target(host, from);
    struct host_module *m;
    if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0 || to == UNDIS_HOST_TOP) {
        undis__host_indicate_from(host, from, nbls, count, flags);
        return TRUE;
    }
    m = &host->modules[to - 1];
    if (!module_enter(m)) {
        bounce_receive(host, from, nbls, flags);
        return TRUE;
    }
    if (!undis__host_ledger_add_chain(host, nbls, HOST_NBL_RECEIVE, to, from)) {
        module_leave(m);
        return FALSE;
    }
    m->chars->ReceiveNetBufferListsHandler(m->context, nbls, NDIS_DEFAULT_PORT_NUMBER, count,
                                           flags);
    module_leave(m);
    return TRUE;
}

void
undis__host_indicate_from(
    struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    int to = receive_target(host, from);
    count_at(host, from, offsetof(struct host_counts, indicated), count);
    if ((flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0) {
        indicate_resources(host, from, to, nbls, flags);
    } else if (to == UNDIS_HOST_TOP) {
        undis__host_top_receive(host, from, nbls, count, flags);
    } else {
        indicate_to(host, from, to, nbls, count, flags);
    }
}

/* ---- OID requests and status ------------------------------------------------- */

NDIS_STATUS
undis__host_oid_from(struct undis_host *host, int from, PNDIS_OID_REQUEST request)
{
    int bottom = undis__host_bottom(host);
    int to = from + 1;
    struct host_module *m;
    NDIS_STATUS status;
    BOOLEAN twice;
    while (to < bottom && host->modules[to - 1].chars->OidRequestHandler == NULL) {
        to++;
    }
    count_at(host, to, offsetof(struct host_counts, oids), 1);
    if (to == bottom) {
        return host->miniport_driver != NULL ? undis__host_adapter_oid(host, from, request)
                                             : undis__host_miniport_oid(host, request);
    }
    m = &host->modules[to - 1];
    undis__spin_lock(&m->oid.lock);
    m->oid.pending = request;
    m->oid.from = from;
    m->oid.done = 0;
    undis__spin_unlock(&m->oid.lock);
    status = m->chars->OidRequestHandler(m->context, request);
    if (status == NDIS_STATUS_PENDING) {
        return status;
    }
    undis__spin_lock(&m->oid.lock);
    twice = m->oid.done != 0;
    m->oid.pending = NULL;
    undis__spin_unlock(&m->oid.lock);
    if (twice) {
        undis__host_report(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE, "FilterOidRequest", NULL,
                           "%s: FilterOidRequest returned 0x%08lx after completing the request "
                           "with NdisFOidRequestComplete",
                           m->friendly, (unsigned long)status);
    }
    return status;
}

void
undis__host_oid_complete(struct undis_host *host,
                         int pos,
                         struct host_oid_slot *slot,
                         PNDIS_OID_REQUEST request,
                         NDIS_STATUS status,
                         const char *function)
{
    BOOLEAN pending;
    int from = UNDIS_HOST_TOP;
    struct host_module *up;
    undis__spin_lock(&slot->lock);
    pending = slot->pending == request && request != NULL && !slot->done;
    if (pending) {
        slot->done = 1;
        from = slot->from;
    }
    undis__spin_unlock(&slot->lock);
    if (!pending) {
        undis__host_report(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE, function, NULL,
                           "%s: OID request %p is not pending in the %s (completed twice, "
                           "or never given to it)",
                           undis__host_name_at(host, pos), (void *)request,
                           pos == undis__host_bottom(host) ? "miniport" : "filter");
        return;
    }
    up = undis__host_module_at(host, from);
    if (up == NULL) {
        undis__host_top_oid_complete(host, request, status);
    } else if (up->chars->OidRequestCompleteHandler != NULL) {
        up->chars->OidRequestCompleteHandler(up->context, request, status);
    }
}

void
undis__host_status_from(struct undis_host *host, int from, PNDIS_STATUS_INDICATION s)
{
    int to = from - 1;
    while (to > UNDIS_HOST_TOP && host->modules[to - 1].chars->StatusHandler == NULL) {
        to--;
    }
    if (to == UNDIS_HOST_TOP || host->modules[to - 1].state == UNDIS_HOST_DETACHED) {
        undis__host_top_status(host, s);
    } else {
        host->modules[to - 1].chars->StatusHandler(host->modules[to - 1].context, s);
    }
}
