/* SPDX-License-Identifier: MIT */
/*
 * host_ledger.c: who holds which NBL. Every NBL the host hands to the filter
 * (a send of undis's protocol, a receive of undis's miniport) is recorded
 * here with what it waits for, and taken out when it comes back; what is
 * still here at a pause is what the filter holds. An open-addressed table
 * keyed by the NBL's address, under a spin lock of the platform's (no IRQL
 * change, so it works at any IRQL); slots whose NBL came back are marked
 * GONE so that probes go on past them, and reused by later additions.
 * Chains are added and taken under one acquisition of the lock (the data
 * path hands NBLs over in chains), and a count of the RESOURCES NBLs out
 * lets the receive path skip its lookups when there is none.
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

static size_t
hash(PNET_BUFFER_LIST nbl)
{
    uintptr_t v = (uintptr_t)nbl;
    v ^= v >> 17;
    v *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 7) & (UNDIS_HOST_LEDGER_SIZE - 1);
}

static struct host_slot *
find(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    size_t i = hash(nbl);
    for (size_t n = 0; n < UNDIS_HOST_LEDGER_SIZE; n++) {
        struct host_slot *s = &host->ledger[(i + n) & (UNDIS_HOST_LEDGER_SIZE - 1)];
        if (s->kind == HOST_NBL_FREE) {
            return NULL;
        }
        if (s->nbl == nbl && s->kind != HOST_NBL_GONE) {
            return s;
        }
    }
    return NULL;
}

/* Under the lock: record nbl in a free (or GONE) slot; FALSE when full. */
static BOOLEAN
add_locked(struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind)
{
    size_t i = hash(nbl);
    for (size_t n = 0; n < UNDIS_HOST_LEDGER_SIZE; n++) {
        struct host_slot *s = &host->ledger[(i + n) & (UNDIS_HOST_LEDGER_SIZE - 1)];
        if (s->kind == HOST_NBL_FREE || s->kind == HOST_NBL_GONE) {
            s->nbl = nbl;
            s->kind = kind;
            if (kind == HOST_NBL_RESOURCES) {
                undis__atomic_store_release_int(&host->resources_out, host->resources_out + 1);
            }
            return TRUE;
        }
    }
    return FALSE;
}

/* Under the lock: empty a slot that holds an NBL; the kind it had. */
static host_nbl_kind
take_slot(struct undis_host *host, struct host_slot *s)
{
    host_nbl_kind kind = s->kind;
    s->kind = HOST_NBL_GONE;
    s->nbl = NULL;
    if (kind == HOST_NBL_RESOURCES) {
        undis__atomic_store_release_int(&host->resources_out, host->resources_out - 1);
    }
    return kind;
}

/* Under the lock: take nbl out; the kind it had (HOST_NBL_FREE: not out). */
static host_nbl_kind
take_locked(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    struct host_slot *s = find(host, nbl);
    return s != NULL ? take_slot(host, s) : HOST_NBL_FREE;
}

BOOLEAN
undis__host_ledger_add(struct undis_host *host, PNET_BUFFER_LIST nbl, host_nbl_kind kind)
{
    BOOLEAN added;
    undis__spin_lock(&host->ledger_lock);
    added = add_locked(host, nbl, kind);
    undis__spin_unlock(&host->ledger_lock);
    return added;
}

BOOLEAN
undis__host_ledger_add_chain(struct undis_host *host, PNET_BUFFER_LIST nbls, host_nbl_kind kind)
{
    PNET_BUFFER_LIST nbl;
    BOOLEAN added = TRUE;
    undis__spin_lock(&host->ledger_lock);
    for (nbl = nbls; nbl != NULL && added; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        added = add_locked(host, nbl, kind);
    }
    if (!added) { /* undo the ones recorded before the one that found no room */
        for (PNET_BUFFER_LIST undo = nbls; NET_BUFFER_LIST_NEXT_NBL(undo) != nbl;
             undo = NET_BUFFER_LIST_NEXT_NBL(undo)) {
            (void)take_locked(host, undo);
        }
    }
    undis__spin_unlock(&host->ledger_lock);
    return added;
}

PNET_BUFFER_LIST
undis__host_ledger_take_chain(struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind)
{
    PNET_BUFFER_LIST taken = NULL, rest = NULL;
    PNET_BUFFER_LIST *taken_tail = &taken, *rest_tail = &rest;
    PNET_BUFFER_LIST nbl = *nbls;
    undis__spin_lock(&host->ledger_lock);
    while (nbl != NULL) {
        PNET_BUFFER_LIST next;
        struct host_slot *s = find(host, nbl);
        if (s == NULL) {
            /* not out: perhaps freed already (a second completion), so it is
             * not written to; it and the NBLs after it stay as they are
             * chained, for the caller to look at one by one */
            break;
        }
        next = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        if (s->kind == kind) {
            (void)take_slot(host, s);
            *taken_tail = nbl;
            taken_tail = &NET_BUFFER_LIST_NEXT_NBL(nbl);
        } else {
            *rest_tail = nbl;
            rest_tail = &NET_BUFFER_LIST_NEXT_NBL(nbl);
        }
        nbl = next;
    }
    undis__spin_unlock(&host->ledger_lock);
    *rest_tail = nbl;
    *nbls = rest;
    return taken;
}

PNET_BUFFER_LIST
undis__host_ledger_take_prefix(struct undis_host *host, PNET_BUFFER_LIST *nbls, host_nbl_kind kind)
{
    PNET_BUFFER_LIST taken = *nbls;
    PNET_BUFFER_LIST *tail = &taken;
    undis__spin_lock(&host->ledger_lock);
    while (*tail != NULL) {
        struct host_slot *s = find(host, *tail);
        if (s == NULL || s->kind != kind) {
            break; /* not read: it may be freed (a second completion) */
        }
        (void)take_slot(host, s);
        tail = &NET_BUFFER_LIST_NEXT_NBL(*tail);
    }
    undis__spin_unlock(&host->ledger_lock);
    *nbls = *tail;
    *tail = NULL;
    return taken;
}

BOOLEAN
undis__host_ledger_resources_out(struct undis_host *host)
{
    return undis__atomic_load_acquire_int(&host->resources_out) != 0;
}

host_nbl_kind
undis__host_ledger_take(struct undis_host *host, PNET_BUFFER_LIST nbl)
{
    host_nbl_kind kind;
    undis__spin_lock(&host->ledger_lock);
    kind = take_locked(host, nbl);
    undis__spin_unlock(&host->ledger_lock);
    return kind;
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

static const char *
holder(host_nbl_kind kind)
{
    switch (kind) {
    case HOST_NBL_SEND:
        return "a send of undis's protocol, held by the filter since FilterSendNetBufferLists "
               "(not completed with NdisFSendNetBufferListsComplete)";
    case HOST_NBL_RECEIVE:
        return "a receive of undis's miniport, held by the filter since "
               "FilterReceiveNetBufferLists (not returned with NdisFReturnNetBufferLists)";
    default:
        return "an NBL indicated with NDIS_RECEIVE_FLAGS_RESOURCES";
    }
}

/* Appends "nbl 0x...: who" lines to text; returns the count. */
static ULONG
list_out(struct undis_host *host, char *text, size_t size, PNET_BUFFER_LIST *first)
{
    ULONG count = 0;
    size_t used = 0;
    for (size_t i = 0; i < UNDIS_HOST_LEDGER_SIZE; i++) {
        const struct host_slot *s = &host->ledger[i];
        if (s->kind == HOST_NBL_FREE || s->kind == HOST_NBL_GONE) {
            continue;
        }
        if (count++ == 0) {
            *first = s->nbl;
        }
        if (used + 200 < size) {
            int n =
                snprintf(text + used, size - used, "; NBL %p: %s", (void *)s->nbl, holder(s->kind));
            used += n > 0 ? (size_t)n : 0;
        }
    }
    return count;
}

ULONG
undis__host_ledger_outstanding(struct undis_host *host, const char *report)
{
    char text[1024];
    PNET_BUFFER_LIST first = NULL;
    ULONG count;
    text[0] = '\0';
    undis__spin_lock(&host->ledger_lock);
    count = list_out(host, text, sizeof(text), &first);
    undis__spin_unlock(&host->ledger_lock);
    if (report != NULL && count != 0) {
        undis__host_report(host, UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE, "FilterPause", first,
                           "%s: %s with %lu NBL(s) still out%s", host->friendly, report,
                           (unsigned long)count, text);
    }
    return count;
}

void
undis__host_ledger_clear(struct undis_host *host)
{
    for (size_t i = 0; i < UNDIS_HOST_LEDGER_SIZE; i++) {
        struct host_slot *s = &host->ledger[i];
        if (s->kind != HOST_NBL_FREE && s->kind != HOST_NBL_GONE) {
            undis__host_nbl_free(host, s->nbl);
        }
    }
    memset(host->ledger, 0, sizeof(host->ledger));
    host->resources_out = 0;
}
