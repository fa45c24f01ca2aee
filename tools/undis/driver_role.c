/* SPDX-License-Identifier: MIT */
/*
 * driver_role.c: a role table (<undis/fuzz.h>) that wraps another and
 * records, before each call, which of the driver's entries the host is
 * about to call (driver_so_phase), so a crash report names the handler (a
 * filter's or a protocol's, as the driver registered).
 */
#include "driver_role.h"

#include "driver_so.h"

static const undis_fuzz_role *g_inner = &undis_fuzz_role_filter;

/* The entries the host is about to call, named for the role the driver
 * registered (the host's calls act on a filter module or on a binding). */
static void
phase(undis_host *host, const char *filter, const char *protocol)
{
    driver_so_phase(undis_host_is_protocol(host) ? protocol : filter);
}

static NDIS_STATUS
w_attach(undis_host *host)
{
    phase(host, "FilterAttach / FilterRestart (attach)",
          "ProtocolBindAdapterEx / ProtocolNetPnPEvent (bind)");
    return g_inner->attach(host);
}

static void
w_detach(undis_host *host)
{
    phase(host, "FilterPause / FilterDetach (detach)", "ProtocolUnbindAdapterEx (unbind)");
    g_inner->detach(host);
}

static NDIS_STATUS
w_pause(undis_host *host, ULONG timeout_ms)
{
    phase(host, "FilterPause (pause)", "ProtocolNetPnPEvent (pause)");
    return g_inner->pause(host, timeout_ms);
}

static NDIS_STATUS
w_restart(undis_host *host)
{
    phase(host, "FilterRestart (restart)", "ProtocolNetPnPEvent (restart)");
    return g_inner->restart(host);
}

static NDIS_STATUS
w_send(undis_host *host, const undis_host_batch *batch)
{
    phase(host, "FilterSendNetBufferLists / FilterSendNetBufferListsComplete (send)",
          "(no send: a protocol originates its own)");
    return g_inner->send(host, batch);
}

static NDIS_STATUS
w_receive(undis_host *host, const undis_host_batch *batch)
{
    phase(host, "FilterReceiveNetBufferLists / FilterReturnNetBufferLists (receive)",
          "ProtocolReceiveNetBufferLists / ProtocolSendNetBufferListsComplete (receive)");
    return g_inner->receive(host, batch);
}

static NDIS_STATUS
w_oid(undis_host *host,
      NDIS_REQUEST_TYPE type,
      NDIS_OID oid,
      PVOID buffer,
      ULONG length,
      ULONG *bytes)
{
    phase(host, "FilterOidRequest / FilterOidRequestComplete (OID)",
          "(an OID of the host's, below the protocol)");
    return g_inner->oid(host, type, oid, buffer, length, bytes);
}

static void
w_link(undis_host *host, BOOLEAN connected)
{
    phase(host, "FilterStatus (link state)", "ProtocolStatusEx (link state)");
    g_inner->link(host, connected);
}

static undis_host_state
w_state(undis_host *host)
{
    return g_inner->state(host);
}

static const undis_fuzz_role g_named = {
    "named", w_attach, w_detach, w_pause, w_restart, w_send, w_receive, w_oid, w_link, w_state,
};

const undis_fuzz_role *
driver_role_named(const undis_fuzz_role *inner)
{
    g_inner = inner != NULL ? inner : &undis_fuzz_role_filter;
    return &g_named;
}
