/* SPDX-License-Identifier: MIT */
/*
 * host_life.c: the stack's life and each filter module's in it: the
 * miniport is initialized first (host_miniport.c), the filters attach
 * bottom-up (FilterAttach with the parameters of the adapter below,
 * NdisFSetAttributes) and restart bottom-up (FilterRestart,
 * NdisFRestartComplete); a pause goes top-down (FilterPause,
 * NdisFPauseComplete, with the NBLs each module still holds named, then
 * the miniport's pause); detach goes top-down (FilterDetach), then the
 * miniport halts.
 */
#include "host/host_internal.h"

#include <stdio.h>
#include <string.h>

#define HOST_IFINDEX       7u
#define HOST_LINK_SPEED    1000000000ull
#define HOST_WAIT_MS       1000u
#define HOST_RESTART_FLAGS 0u

static NDIS_STRING g_guid = NDIS_STRING_CONST("{5c1b7d2e-0f4a-4c7e-9a31-0000756e6469}");
static NDIS_STRING g_instance = NDIS_STRING_CONST("undis miniport");
static NDIS_STRING g_miniport = NDIS_STRING_CONST("\\DEVICE\\{undis-miniport}");

void
undis__host_set_state(volatile int *state, undis_host_state value)
{
    undis__atomic_store_seq_cst_int(state, (int)value);
}

/* The edge calls this thread is inside (a pause called from inside one
 * does not wait for itself). */
static UNDIS_THREAD_LOCAL int g_edge_depth;

BOOLEAN
undis__host_edge_enter(struct undis_host *host, volatile int *busy)
{
    (void)undis__atomic_add_seq_cst_int(busy, 1);
    if (undis__atomic_load_seq_cst_int(&host->state) == UNDIS_HOST_RUNNING) {
        g_edge_depth++;
        return TRUE;
    }
    (void)undis__atomic_add_seq_cst_int(busy, -1);
    return FALSE;
}

void
undis__host_edge_leave(volatile int *busy)
{
    g_edge_depth--;
    (void)undis__atomic_add_seq_cst_int(busy, -1);
}

/* Waits until the edge calls under way on other threads are over (they
 * run at most one chain each, at IRQL <= DISPATCH_LEVEL, and never wait). */
static void
edge_drain(volatile int *busy)
{
    while (undis__atomic_load_seq_cst_int(busy) > g_edge_depth) {
        undis__sleep_ns(10000u);
    }
}

static void
fill_attach(const struct undis_host *host,
            const struct host_module *m,
            NDIS_FILTER_ATTACH_PARAMETERS *p)
{
    ULONG below = HOST_IFINDEX + (ULONG)(host->nmodules - m->pos);
    memset(p, 0, sizeof(*p));
    p->Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS;
    p->Header.Revision = NDIS_FILTER_ATTACH_PARAMETERS_REVISION_3;
    p->Header.Size = (USHORT)sizeof(*p);
    p->IfIndex = below + 1;
    p->NetLuid.Value = 0x0006000000000001ull + (below + 1 - HOST_IFINDEX);
    p->FilterModuleGuidName = &g_guid;
    p->BaseMiniportIfIndex = HOST_IFINDEX;
    p->BaseMiniportInstanceName = &g_instance;
    p->BaseMiniportName = &g_miniport;
    p->MediaConnectState =
        host->link_up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    p->MediaDuplexState = MediaDuplexStateFull;
    p->XmitLinkSpeed = HOST_LINK_SPEED;
    p->RcvLinkSpeed = HOST_LINK_SPEED;
    p->MiniportMediaType = NdisMedium802_3;
    p->MiniportPhysicalMediaType = NdisPhysicalMedium802_3;
    p->MacAddressLength = (USHORT)sizeof(host->mac);
    memcpy(p->CurrentMacAddress, host->mac, sizeof(host->mac));
    p->BaseMiniportNetLuid.Value = 0x0006000000000001ull;
    p->LowerIfIndex = below;
    p->LowerIfNetLuid.Value = 0x0006000000000001ull + (below - HOST_IFINDEX);
    p->LowestFilter = m->pos == host->nmodules;
}

NDIS_STATUS
NdisFSetAttributes(NDIS_HANDLE NdisFilterHandle,
                   NDIS_HANDLE FilterModuleContext,
                   PNDIS_FILTER_ATTRIBUTES FilterAttributes)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (FilterAttributes == NULL ||
        FilterAttributes->Header.Type != NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES ||
        FilterAttributes->Header.Revision < NDIS_FILTER_ATTRIBUTES_REVISION_1 ||
        FilterAttributes->Header.Size < NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (m->state != UNDIS_HOST_ATTACHING) {
        return NDIS_STATUS_FAILURE;
    }
    m->context = FilterModuleContext;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
undis__host_module_restart(struct undis_host *host, struct host_module *m)
{
    NDIS_FILTER_RESTART_PARAMETERS p;
    NDIS_STATUS status;
    ULONG below = HOST_IFINDEX + (ULONG)(host->nmodules - m->pos);
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS;
    p.Header.Revision = NDIS_FILTER_RESTART_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    p.MiniportMediaType = NdisMedium802_3;
    p.MiniportPhysicalMediaType = NdisPhysicalMedium802_3;
    p.LowerIfIndex = below;
    p.LowerIfNetLuid.Value = 0x0006000000000001ull + (below - HOST_IFINDEX);
    p.Flags = HOST_RESTART_FLAGS;
    m->restart_done = 0;
    undis__host_count(&m->driver->counts.restarts, 1);
    undis__host_set_state(&m->state, UNDIS_HOST_RESTARTING);
    status = m->chars->RestartHandler(m->context, &p);
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&m->restart_done, HOST_WAIT_MS)) {
            fprintf(stderr,
                    "undis host: %s: FilterRestart pended and NdisFRestartComplete "
                    "did not come within %u ms\n",
                    m->friendly, HOST_WAIT_MS);
            undis__host_set_state(&m->state, UNDIS_HOST_PAUSED);
            return NDIS_STATUS_FAILURE;
        }
        status = m->restart_status;
    }
    undis__host_set_state(&m->state,
                          status == NDIS_STATUS_SUCCESS ? UNDIS_HOST_RUNNING : UNDIS_HOST_PAUSED);
    return status;
}

VOID
NdisFRestartComplete(NDIS_HANDLE NdisFilterHandle, NDIS_STATUS Status)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    if (m->state != UNDIS_HOST_RESTARTING || m->restart_done) {
        fprintf(stderr, "undis host: NdisFRestartComplete with no restart pending\n");
        return;
    }
    m->restart_status = Status;
    undis__atomic_store_release_int(&m->restart_done, 1);
}

static NDIS_STATUS
module_attach(struct undis_host *host, struct host_module *m)
{
    NDIS_FILTER_ATTACH_PARAMETERS p;
    NDIS_STATUS status;
    fill_attach(host, m, &p);
    m->context = NULL;
    undis__host_set_state(&m->state, UNDIS_HOST_ATTACHING);
    status = m->chars->AttachHandler(&m->handle, m->driver->driver_context, &p);
    if (status != NDIS_STATUS_SUCCESS) {
        undis__host_set_state(&m->state, UNDIS_HOST_DETACHED);
        return status;
    }
    undis__host_set_state(&m->state, UNDIS_HOST_PAUSED);
    if (m->context == NULL) {
        fprintf(stderr, "undis host: %s: FilterAttach succeeded without NdisFSetAttributes\n",
                m->friendly);
        m->chars->DetachHandler(m->context);
        undis__host_set_state(&m->state, UNDIS_HOST_DETACHED);
        return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

/* Attach bottom-up, as NDIS builds a stack; undo on a failure. */
NDIS_STATUS
undis__host_modules_attach(struct undis_host *host)
{
    for (int pos = host->nmodules; pos >= 1; pos--) {
        NDIS_STATUS status = module_attach(host, &host->modules[pos - 1]);
        if (status != NDIS_STATUS_SUCCESS) {
            for (int up = pos + 1; up <= host->nmodules; up++) {
                undis__host_module_detach(host, &host->modules[up - 1]);
            }
            return status;
        }
    }
    return NDIS_STATUS_SUCCESS;
}

/* Restart bottom-up: the miniport, then the lowest filter first. */
NDIS_STATUS
undis__host_stack_restart(struct undis_host *host)
{
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;
    undis__host_module_options(host); /* those NdisFRestartFilter asked for */
    undis__host_set_state(&host->state, UNDIS_HOST_RESTARTING);
    if (host->miniport_driver != NULL && host->adapter.state != UNDIS_HOST_RUNNING) {
        status = undis__host_adapter_restart(host);
    }
    for (int pos = host->nmodules; pos >= 1 && status == NDIS_STATUS_SUCCESS; pos--) {
        if (host->modules[pos - 1].state != UNDIS_HOST_RUNNING) {
            status = undis__host_module_restart(host, &host->modules[pos - 1]);
        }
    }
    undis__host_set_state(&host->state,
                          status == NDIS_STATUS_SUCCESS ? UNDIS_HOST_RUNNING : UNDIS_HOST_PAUSED);
    return status;
}

static NDIS_STATUS
attach_stack(struct undis_host *host)
{
    NDIS_STATUS status;
    if ((host->ndrivers == 0 && host->miniport_driver == NULL) ||
        host->state != UNDIS_HOST_DETACHED) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    if (undis__host_frames_init(host) != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_RESOURCES;
    }
    undis__host_set_state(&host->state, UNDIS_HOST_ATTACHING);
    if (host->miniport_driver != NULL) {
        status = undis__host_adapter_initialize(host);
        if (status != NDIS_STATUS_SUCCESS) {
            undis__host_set_state(&host->state, UNDIS_HOST_DETACHED);
            return status;
        }
    }
    status = undis__host_modules_attach(host);
    if (status != NDIS_STATUS_SUCCESS) {
        undis__host_adapter_halt(host);
        undis__host_set_state(&host->state, UNDIS_HOST_DETACHED);
        return status;
    }
    undis__host_set_state(&host->state, UNDIS_HOST_PAUSED);
    return undis__host_stack_restart(host);
}

/* The life calls of a stack hold the life lock: the restart worker
 * (host_restart.c, NdisFRestartFilter) pauses and restarts under it too. */
NDIS_STATUS
undis_host_attach(undis_host *host)
{
    NDIS_STATUS status;
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_bind(host);
    }
    if (host == NULL) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    undis__mutex_lock(&host->life_lock);
    status = attach_stack(host);
    undis__mutex_unlock(&host->life_lock);
    return status;
}

NDIS_STATUS
undis_host_restart(undis_host *host)
{
    NDIS_STATUS status = NDIS_STATUS_INVALID_DEVICE_REQUEST;
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_restart(host);
    }
    if (host == NULL) {
        return status;
    }
    undis__mutex_lock(&host->life_lock);
    if (host->state == UNDIS_HOST_PAUSED) {
        status = undis__host_stack_restart(host);
    }
    undis__mutex_unlock(&host->life_lock);
    return status;
}

VOID
NdisFPauseComplete(NDIS_HANDLE NdisFilterHandle)
{
    struct host_module *m = undis__host_module_of(NdisFilterHandle, __func__);
    if (m == NULL) {
        return;
    }
    if (m->state != UNDIS_HOST_PAUSING || m->pause_done) {
        fprintf(stderr, "undis host: NdisFPauseComplete with no pause pending\n");
        return;
    }
    undis__atomic_store_release_int(&m->pause_done, 1);
}

NDIS_STATUS
undis__host_module_pause(struct undis_host *host, struct host_module *m, ULONG timeout_ms)
{
    NDIS_FILTER_PAUSE_PARAMETERS p;
    volatile int *before;
    NDIS_STATUS status;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS;
    p.Header.Revision = NDIS_FILTER_PAUSE_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    p.PauseReason = NDIS_PAUSE_FILTER_RESTART_STACK;
    m->pause_done = 0;
    undis__host_count(&m->driver->counts.pauses, 1);
    undis__host_set_state(&m->state, UNDIS_HOST_PAUSING);
    before = undis__host_pausing_swap(&m->state);
    status = m->chars->PauseHandler(m->context, &p);
    (void)undis__host_pausing_swap(before);
    if (status == NDIS_STATUS_PENDING && !undis__host_wait(&m->pause_done, timeout_ms)) {
        ULONG out = undis__host_ledger_outstanding(host, m->pos, "FilterPause", NULL);
        fprintf(stderr,
                "undis host: %s: FilterPause pended and NdisFPauseComplete did not "
                "come within %lu ms (%lu NBL(s) still out)\n",
                m->friendly, (unsigned long)timeout_ms, (unsigned long)out);
        (void)undis__host_ledger_outstanding(host, m->pos, "FilterPause",
                                             "the pause did not complete in time");
        return NDIS_STATUS_FAILURE;
    }
    undis__host_module_paused(m); /* nothing reaches it now; calls under way end */
    (void)undis__host_ledger_outstanding(host, m->pos, "FilterPause", "the pause completed");
    return NDIS_STATUS_SUCCESS;
}

/* Pause top-down: the top-most filter first, the miniport last. */
NDIS_STATUS
undis_host_pause(undis_host *host, ULONG timeout_ms)
{
    NDIS_STATUS status;
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_pause(host, timeout_ms);
    }
    if (host == NULL) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    undis__mutex_lock(&host->life_lock);
    status = undis__host_stack_pause(host, timeout_ms);
    undis__mutex_unlock(&host->life_lock);
    return status;
}

NDIS_STATUS
undis__host_stack_pause(struct undis_host *host, ULONG timeout_ms)
{
    if (host->state != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    undis__host_set_state(&host->state, UNDIS_HOST_PAUSING);
    edge_drain(&host->top_busy); /* undis's protocol's sends under way */
    for (int pos = 1; pos <= host->nmodules; pos++) {
        if (host->modules[pos - 1].state == UNDIS_HOST_RUNNING &&
            undis__host_module_pause(host, &host->modules[pos - 1], timeout_ms) !=
                NDIS_STATUS_SUCCESS) {
            return NDIS_STATUS_FAILURE;
        }
    }
    if (host->miniport_driver != NULL && host->adapter.state == UNDIS_HOST_RUNNING &&
        undis__host_adapter_pause(host, timeout_ms) != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_FAILURE;
    }
    edge_drain(&host->bottom_busy); /* undis's miniport's indications under way */
    undis__host_set_state(&host->state, UNDIS_HOST_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

void
undis__host_module_detach(struct undis_host *host, struct host_module *m)
{
    (void)host;
    if (m->state == UNDIS_HOST_DETACHED) {
        return;
    }
    m->chars->DetachHandler(m->context);
    m->context = NULL;
    undis__host_set_state(&m->state, UNDIS_HOST_DETACHED);
}

/* Pause a running stack, detach the filters top-down, halt the miniport. */
void
undis_host_detach(undis_host *host)
{
    if (host != NULL && undis__host_protocol_registered(host)) {
        undis__host_protocol_unbind(host);
        return;
    }
    if (host == NULL) {
        return;
    }
    undis__mutex_lock(&host->life_lock);
    if (host->state != UNDIS_HOST_DETACHED) {
        undis__atomic_store_release_int(&host->detaching, 1); /* NdisFRestartFilter fails */
        if (host->state == UNDIS_HOST_RUNNING) {
            (void)undis__host_stack_pause(host, HOST_WAIT_MS);
        }
        for (int pos = 1; pos <= host->nmodules; pos++) {
            undis__host_module_detach(host, &host->modules[pos - 1]);
        }
        undis__host_adapter_halt(host);
        undis__host_ledger_clear(host);
        undis__host_set_state(&host->state, UNDIS_HOST_DETACHED);
        undis__atomic_store_release_int(&host->detaching, 0);
    }
    undis__mutex_unlock(&host->life_lock);
}
