/* SPDX-License-Identifier: MIT */
/*
 * host_ledger.c: who holds which NBL. Every NBL a driver module takes from
 * another position of the stack (a send of undis's protocol or of a filter
 * above, a receive of a miniport or of a filter below) is recorded here
 * with what it waits for, which position holds it and which owns it; it
 * moves as it is passed on and is taken out when it is back with its
 * owner. What a module holds or owns at its pause is what it left out. An open-addressed table
 * keyed by the NBL's address, under a spin lock of the platform's (no IRQL
 * change, so it works at any IRQL); slots whose NBL came back are marked
 * GONE so that probes go on past them, and reused by later additions. The
 * table doubles (or is rebuilt without its GONE slots) before it is half
 * used, so that a driver may hold any number of NBLs and a probe stays
 * short.
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
hash(PNET_BUFFER_LIST nbl, size_t size)
{
    uintptr_t v = (uintptr_t)nbl;
    v ^= v >> 17;
    v *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 7) & (size - 1);
}

BOOLEAN
undis__host_ledger_init(struct undis_host *host)
{
    host->ledger = (struct host_slot *)calloc(UNDIS_HOST_LEDGER_SIZE, sizeof(struct host_slot));
    host->ledger_size = UNDIS_HOST_LEDGER_SIZE;
    host->ledger_used = 0;
    host->ledger_live = 0;
    return host->ledger != NULL;
}

void
undis__host_ledger_free(struct undis_host *host)
{
    free(host->ledger);
    host->ledger = NULL;
}

/* Lock held: a table twice as big (or as big, without the GONE slots), for
 * one more slot would pass half of it; on no memory the old table goes on. */
static void
grow(struct undis_host *host)
{
    size_t size = host->ledger_size;
    struct host_slot *table;
    if ((host->ledger_live + 1) * 4 > size) {
        size *= 2;
    }
    table = (struct host_slot *)calloc(size, sizeof(struct host_slot));
    if (table == NULL) {
        return;
    }
    for (size_t i = 0; i < host->ledger_size; i++) {
        const struct host_slot *s = &host->ledger[i];
        if (s->kind != HOST_NBL_FREE && s->kind != HOST_NBL_GONE) {
            size_t j = hash(s->nbl, size);
            while (table[j].kind != HOST_NBL_FREE) {
                j = (j + 1) & (size - 1);
            }
            table[j] = *s;
        }
    }
    free(host->ledger);
    host->ledger = table;
    host->ledger_size = size;
    host->ledger_used = host->ledger_live;
}

/* Lock held: the slot of nbl, or NULL; *reuse (may be NULL) the first slot
 * a new entry may take on its probe (NULL when the table is full). */
static struct host_slot *
probe(struct undis_host *host, PNET_BUFFER_LIST nbl, struct host_slot **reuse)
{
    size_t mask = host->ledger_size - 1;
    size_t i = hash(nbl, host->ledger_size);
    struct host_slot *first = NULL;
    struct host_slot *found = NULL;
    for (size_t n = 0; n < host->ledger_size; n++) {
        struct host_slot *s = &host->ledger[(i + n) & mask];
        if (s->kind == HOST_NBL_FREE) {
            first = first != NULL ? first : s;
            break;
        }
        if (s->kind == HOST_NBL_GONE) {
            first = first != NULL ? first : s;
        } else if (s->nbl == nbl) {
            found = s;
            break;
        }
    }
    if (reuse != NULL) {
        *reuse = first;
    }
    return found;
}

/* Lock held: the first slot a new entry for nbl may take (nbl must not be
 * in the table), or NULL when the table is full. */
static struct host_slot *
first_open(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    size_t mask = host->ledger_size - 1;
    size_t i = hash(nbl, host->ledger_size);
    for (size_t n = 0; n < host->ledger_size; n++) {
        struct host_slot *s = &host->ledger[(i + n) & mask];
        if (s->kind == HOST_NBL_FREE || s->kind == HOST_NBL_GONE) {
            return s;
        }
    }
    return NULL;
}

static struct host_slot *
find(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    return probe(host, nbl, NULL);
}

/* Lock held: a new entry in slot (from the probe that did not find nbl),
 * or after growing the table, in a slot probed again; FALSE when no slot
 * is left. */
static BOOLEAN
insert(struct undis_host *host,
       PNET_BUFFER_LIST nbl,
       struct host_slot *slot,
       host_nbl_kind kind,
       int holder,
       int origin)
{
    if ((host->ledger_used + 1) * 2 > host->ledger_size) {
        grow(host);
        slot = first_open(host, nbl);
    }
    if (slot == NULL) {
        return FALSE;
    }
    host->ledger_used += slot->kind == HOST_NBL_FREE;
    host->ledger_live++;
    slot->nbl = nbl;
    slot->kind = kind;
    slot->holder = holder;
    slot->origin = origin;
    if (kind == HOST_NBL_RESOURCES) {
        undis__atomic_store_release_int(&host->resources_out, host->resources_out + 1);
    }
    return TRUE;
}

BOOLEAN
undis__host_ledger_add(
    struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind, int holder, int origin)
{
    BOOLEAN added;
    struct host_slot *slot;
    undis__spin_lock(&host->ledger_lock);
    slot = first_open(host, nbl);
    added = insert(host, nbl, slot, kind, holder, origin);
    undis__spin_unlock(&host->ledger_lock);
    return added;
}

/* Lock held: take the entry in slot s out; the kind it had. */
static host_nbl_kind
take_slot(struct undis_host *host, struct host_slot *s)
{
    host_nbl_kind kind = s->kind;
    host->ledger_live--;
    if (kind == HOST_NBL_RESOURCES) {
        undis__atomic_store_release_int(&host->resources_out, host->resources_out - 1);
    }
    s->kind = HOST_NBL_GONE;
    s->nbl = NULL;
    return kind;
}

BOOLEAN
undis__host_ledger_add_chain(
    struct undis_host *host, PNET_BUFFER_LIST nbls, host_nbl_kind kind, int holder, int origin)
{
    PNET_BUFFER_LIST nbl;
    BOOLEAN added = TRUE;
    undis__spin_lock(&host->ledger_lock);
    for (nbl = nbls; nbl != NULL && added; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        added = insert(host, nbl, first_open(host, nbl), kind, holder, origin);
    }
    if (!added) { /* undo the ones recorded before the one that found no room */
        for (PNET_BUFFER_LIST undo = nbls; NET_BUFFER_LIST_NEXT_NBL(undo) != nbl;
             undo = NET_BUFFER_LIST_NEXT_NBL(undo)) {
            struct host_slot *s = find(host, undo);
            if (s != NULL) {
                (void)take_slot(host, s);
            }
        }
    }
    undis__spin_unlock(&host->ledger_lock);
    return added;
}

PNET_BUFFER_LIST
undis__host_ledger_take_run(
    struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind, int holder, int *origin)
{
    PNET_BUFFER_LIST head = *nbls;
    PNET_BUFFER_LIST cur = head;
    PNET_BUFFER_LIST last = NULL;
    undis__spin_lock(&host->ledger_lock);
    while (cur != NULL) {
        struct host_slot *s = find(host, cur);
        if (s == NULL || s->kind != kind || s->holder != holder ||
            (last != NULL && s->origin != *origin)) {
            break; /* not read on: it may be freed (a second completion) */
        }
        *origin = s->origin;
        (void)take_slot(host, s);
        last = cur;
        cur = NET_BUFFER_LIST_NEXT_NBL(cur);
    }
    undis__spin_unlock(&host->ledger_lock);
    if (last == NULL) {
        return NULL;
    }
    NET_BUFFER_LIST_NEXT_NBL(last) = NULL;
    *nbls = cur;
    return head;
}

BOOLEAN
undis__host_ledger_resources_out(struct undis_host *host)
{
    return undis__atomic_load_acquire_int(&host->resources_out) != 0;
}

BOOLEAN
undis__host_ledger_hand(struct undis_host *host,
                        PNET_BUFFER_LIST nbl,
                        host_nbl_kind kind,
                        int from,
                        int to,
                        BOOLEAN *full)
{
    struct host_slot *found;
    struct host_slot *slot;
    undis__spin_lock(&host->ledger_lock);
    found = probe(host, nbl, &slot);
    if (found != NULL) {
        found->holder = to;
        *full = FALSE;
    } else {
        *full = !insert(host, nbl, slot, kind, to, from);
    }
    undis__spin_unlock(&host->ledger_lock);
    return found != NULL;
}

host_nbl_kind
undis__host_ledger_take(struct undis_host *host, PNET_BUFFER_LIST nbl, int *holder, int *origin)
{
    host_nbl_kind kind = HOST_NBL_FREE;
    struct host_slot *s;
    undis__spin_lock(&host->ledger_lock);
    s = find(host, nbl);
    if (s != NULL) {
        if (holder != NULL) {
            *holder = s->holder;
        }
        if (origin != NULL) {
            *origin = s->origin;
        }
        kind = take_slot(host, s);
    }
    undis__spin_unlock(&host->ledger_lock);
    return kind;
}

int
undis__host_ledger_holder(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    int holder;
    struct host_slot *s;
    undis__spin_lock(&host->ledger_lock);
    s = find(host, nbl);
    holder = s != NULL ? s->holder : -1;
    undis__spin_unlock(&host->ledger_lock);
    return holder;
}

host_nbl_kind
undis__host_ledger_kind(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    host_nbl_kind kind;
    struct host_slot *s;
    undis__spin_lock(&host->ledger_lock);
    s = find(host, nbl);
    kind = s != NULL ? s->kind : HOST_NBL_FREE;
    undis__spin_unlock(&host->ledger_lock);
    return kind;
}

/* One line about a slot: what it is, who owns it, who holds it since when. */
static int
describe(struct undis_host *host, const struct host_slot *s, char *out, size_t size)
{
    int bottom = undis__host_bottom(host);
    const char *holder = s->holder == bottom           ? "the miniport"
                         : s->holder == UNDIS_HOST_TOP ? "the protocol"
                                                       : "the filter";
    const char *owner = undis__host_name_at(host, s->origin);
    if (s->kind == HOST_NBL_SEND) {
        return snprintf(
            out, size, "; NBL %p: a send of %s, held by %s since %s (not completed with %s; %s)",
            (void *)s->nbl, owner, holder,
            s->holder == bottom ? "MiniportSendNetBufferLists" : "FilterSendNetBufferLists",
            s->holder == bottom ? "NdisMSendNetBufferListsComplete"
                                : "NdisFSendNetBufferListsComplete",
            undis__host_name_at(host, s->holder));
    }
    if (s->kind == HOST_NBL_RECEIVE) {
        return snprintf(
            out, size, "; NBL %p: a receive of %s, held by %s since %s (not returned with %s; %s)",
            (void *)s->nbl, owner, holder,
            s->holder == UNDIS_HOST_TOP ? "ProtocolReceiveNetBufferLists"
                                        : "FilterReceiveNetBufferLists",
            s->holder == UNDIS_HOST_TOP ? "NdisReturnNetBufferLists" : "NdisFReturnNetBufferLists",
            undis__host_name_at(host, s->holder));
    }
    return snprintf(out, size,
                    "; NBL %p: an NBL of %s indicated with NDIS_RECEIVE_FLAGS_RESOURCES (%s)",
                    (void *)s->nbl, owner, undis__host_name_at(host, s->holder));
}

/* Appends one line per slot pos holds or owns to text; returns the count. */
static ULONG
list_out(struct undis_host *host, int pos, char *text, size_t size, PNET_BUFFER_LIST *first)
{
    ULONG count = 0;
    size_t used = 0;
    for (size_t i = 0; i < host->ledger_size; i++) {
        const struct host_slot *s = &host->ledger[i];
        if (s->kind == HOST_NBL_FREE || s->kind == HOST_NBL_GONE ||
            (pos >= 0 && s->holder != pos && s->origin != pos)) {
            continue;
        }
        if (count++ == 0) {
            *first = s->nbl;
        }
        if (used + 300 < size) {
            int n = describe(host, s, text + used, size - used);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    return count;
}

ULONG
undis__host_ledger_outstanding(struct undis_host *host,
                               int pos,
                               const char *function,
                               const char *report)
{
    char text[1024];
    PNET_BUFFER_LIST first = NULL;
    ULONG count;
    text[0] = '\0';
    undis__spin_lock(&host->ledger_lock);
    count = list_out(host, pos, text, sizeof(text), &first);
    undis__spin_unlock(&host->ledger_lock);
    if (report != NULL && count != 0) {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE, function, first,
                           "%s: %s with %lu NBL(s) still out%s",
                           undis__host_name_at(host, pos < 0 ? 1 : pos), report,
                           (unsigned long)count, text);
    }
    return count;
}

/* Is the NBL one of the host's own (undis's protocol's or miniport's)? */
static BOOLEAN
hosts_own(struct undis_host *host, int origin)
{
    return (origin == UNDIS_HOST_TOP && host->top == NULL) ||
           (origin == undis__host_bottom(host) && host->miniport_driver == NULL);
}

void
undis__host_ledger_clear(struct undis_host *host)
{
    for (size_t i = 0; i < host->ledger_size; i++) {
        struct host_slot *s = &host->ledger[i];
        if (s->kind != HOST_NBL_FREE && s->kind != HOST_NBL_GONE && hosts_own(host, s->origin)) {
            undis__host_nbl_free(host, s->nbl);
        }
    }
    memset(host->ledger, 0, host->ledger_size * sizeof(*host->ledger));
    host->ledger_used = 0;
    host->ledger_live = 0;
    host->resources_out = 0;
}
