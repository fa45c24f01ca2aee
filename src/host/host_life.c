/* SPDX-License-Identifier: MIT */
/*
 * host_life.c: the filter module's life in the host: FilterAttach with the
 * parameters of undis's miniport, NdisFSetAttributes, FilterRestart and
 * NdisFRestartComplete, FilterPause and NdisFPauseComplete (with the NBLs
 * still out named), FilterDetach.
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

static void
set_state(struct undis_host *host, undis_host_state state)
{
    undis__atomic_store_release_int(&host->state, (int)state);
}

static void
fill_attach(const struct undis_host *host, NDIS_FILTER_ATTACH_PARAMETERS *p)
{
    memset(p, 0, sizeof(*p));
    p->Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS;
    p->Header.Revision = NDIS_FILTER_ATTACH_PARAMETERS_REVISION_3;
    p->Header.Size = (USHORT)sizeof(*p);
    p->IfIndex = HOST_IFINDEX + 1;
    p->NetLuid.Value = 0x0006000000000001ull + 1;
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
    p->LowerIfIndex = HOST_IFINDEX;
    p->LowerIfNetLuid = p->BaseMiniportNetLuid;
    p->LowestFilter = TRUE;
}

NDIS_STATUS
NdisFSetAttributes(NDIS_HANDLE NdisFilterHandle,
                   NDIS_HANDLE FilterModuleContext,
                   PNDIS_FILTER_ATTRIBUTES FilterAttributes)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    if (host == NULL) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (FilterAttributes == NULL ||
        FilterAttributes->Header.Type != NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES ||
        FilterAttributes->Header.Revision < NDIS_FILTER_ATTRIBUTES_REVISION_1 ||
        FilterAttributes->Header.Size < NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if (host->state != UNDIS_HOST_ATTACHING) {
        return NDIS_STATUS_FAILURE;
    }
    host->module_context = FilterModuleContext;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
restart(struct undis_host *host)
{
    NDIS_FILTER_RESTART_PARAMETERS p;
    NDIS_STATUS status;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS;
    p.Header.Revision = NDIS_FILTER_RESTART_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    p.MiniportMediaType = NdisMedium802_3;
    p.MiniportPhysicalMediaType = NdisPhysicalMedium802_3;
    p.LowerIfIndex = HOST_IFINDEX;
    p.LowerIfNetLuid.Value = 0x0006000000000001ull;
    p.Flags = HOST_RESTART_FLAGS;
    host->restart_done = 0;
    set_state(host, UNDIS_HOST_RESTARTING);
    status = host->chars.RestartHandler(host->module_context, &p);
    if (status == NDIS_STATUS_PENDING) {
        if (!undis__host_wait(&host->restart_done, HOST_WAIT_MS)) {
            fprintf(stderr,
                    "undis host: %s: FilterRestart pended and NdisFRestartComplete "
                    "did not come within %u ms\n",
                    host->friendly, HOST_WAIT_MS);
            set_state(host, UNDIS_HOST_PAUSED);
            return NDIS_STATUS_FAILURE;
        }
        status = host->restart_status;
    }
    set_state(host, status == NDIS_STATUS_SUCCESS ? UNDIS_HOST_RUNNING : UNDIS_HOST_PAUSED);
    return status;
}

VOID
NdisFRestartComplete(NDIS_HANDLE NdisFilterHandle, NDIS_STATUS Status)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    if (host == NULL) {
        return;
    }
    if (host->state != UNDIS_HOST_RESTARTING || host->restart_done) {
        fprintf(stderr, "undis host: NdisFRestartComplete with no restart pending\n");
        return;
    }
    host->restart_status = Status;
    undis__atomic_store_release_int(&host->restart_done, 1);
}

NDIS_STATUS
undis_host_attach(undis_host *host)
{
    NDIS_FILTER_ATTACH_PARAMETERS p;
    NDIS_STATUS status;
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_bind(host);
    }
    if (host == NULL || !host->registered || host->state != UNDIS_HOST_DETACHED) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    if (undis__host_frames_init(host) != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_RESOURCES;
    }
    fill_attach(host, &p);
    host->module_context = NULL;
    set_state(host, UNDIS_HOST_ATTACHING);
    status = host->chars.AttachHandler(&host->module_handle, host->driver_context, &p);
    if (status != NDIS_STATUS_SUCCESS) {
        set_state(host, UNDIS_HOST_DETACHED);
        return status;
    }
    set_state(host, UNDIS_HOST_PAUSED);
    if (host->module_context == NULL) {
        fprintf(stderr, "undis host: %s: FilterAttach succeeded without NdisFSetAttributes\n",
                host->friendly);
        host->chars.DetachHandler(host->module_context);
        set_state(host, UNDIS_HOST_DETACHED);
        return NDIS_STATUS_FAILURE;
    }
    return restart(host);
}

NDIS_STATUS
undis_host_restart(undis_host *host)
{
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_restart(host);
    }
    if (host == NULL || host->state != UNDIS_HOST_PAUSED) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    return restart(host);
}

VOID
NdisFPauseComplete(NDIS_HANDLE NdisFilterHandle)
{
    struct undis_host *host = undis__host_of(NdisFilterHandle, UNDIS_HOST_MAGIC_MODULE, __func__);
    if (host == NULL) {
        return;
    }
    if (host->state != UNDIS_HOST_PAUSING || host->pause_done) {
        fprintf(stderr, "undis host: NdisFPauseComplete with no pause pending\n");
        return;
    }
    undis__atomic_store_release_int(&host->pause_done, 1);
}

NDIS_STATUS
undis_host_pause(undis_host *host, ULONG timeout_ms)
{
    NDIS_FILTER_PAUSE_PARAMETERS p;
    NDIS_STATUS status;
    if (host != NULL && undis__host_protocol_registered(host)) {
        return undis__host_protocol_pause(host, timeout_ms);
    }
    if (host == NULL || host->state != UNDIS_HOST_RUNNING) {
        return NDIS_STATUS_INVALID_DEVICE_REQUEST;
    }
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS;
    p.Header.Revision = NDIS_FILTER_PAUSE_PARAMETERS_REVISION_1;
    p.Header.Size = (USHORT)sizeof(p);
    p.PauseReason = NDIS_PAUSE_FILTER_RESTART_STACK;
    host->pause_done = 0;
    set_state(host, UNDIS_HOST_PAUSING);
    status = host->chars.PauseHandler(host->module_context, &p);
    if (status == NDIS_STATUS_PENDING && !undis__host_wait(&host->pause_done, timeout_ms)) {
        ULONG out = undis__host_ledger_outstanding(host, NULL);
        fprintf(stderr,
                "undis host: %s: FilterPause pended and NdisFPauseComplete did not "
                "come within %lu ms (%lu NBL(s) still out)\n",
                host->friendly, (unsigned long)timeout_ms, (unsigned long)out);
        (void)undis__host_ledger_outstanding(host, "the pause did not complete in time");
        return NDIS_STATUS_FAILURE;
    }
    (void)undis__host_ledger_outstanding(host, "the pause completed");
    set_state(host, UNDIS_HOST_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

void
undis_host_detach(undis_host *host)
{
    if (host != NULL && undis__host_protocol_registered(host)) {
        undis__host_protocol_unbind(host);
        return;
    }
    if (host == NULL || host->state == UNDIS_HOST_DETACHED) {
        return;
    }
    if (host->state == UNDIS_HOST_RUNNING) {
        (void)undis_host_pause(host, HOST_WAIT_MS);
    }
    host->chars.DetachHandler(host->module_context);
    undis__host_ledger_clear(host);
    if (host->frames_free_count == host->frames_total) { /* every frame NBL back */
        undis__host_frames_fini(host); /* made again at the next attach */
    }
    host->module_context = NULL;
    set_state(host, UNDIS_HOST_DETACHED);
}
