/* SPDX-License-Identifier: MIT */
/*
 * harness_host.h: THE TEST'S SIDE, for the example drivers that are whole
 * filters (filter_vlan, tunnel_send): their tests host the driver in undis's
 * driver host (<undis/host.h>) instead of playing NDIS by hand. The host
 * calls DriverEntry, attaches and restarts a module, takes the test's own
 * NBLs down the send path and up the receive path, and gives each back when
 * it completes or returns; the test looks at what reaches the miniport and
 * the protocol through the edge callbacks. Every host rule the driver breaks
 * fails the test.
 *
 * It compiles as C11 and as C++17, like the drivers it drives.
 */
#ifndef EXAMPLE_DRIVERS_HARNESS_HOST_H
#define EXAMPLE_DRIVERS_HARNESS_HOST_H

#include <undis/host.h>

#include "harness.h"

/* Creates a host, loads Entry's driver, attaches and restarts a module;
 * SendEdge / ReceiveEdge (may be NULL) see each chain reaching undis's
 * miniport / protocol. Checks every step. */
undis_host *HarnessHostStart(undis_host_driver_entry_fn *Entry,
                             const char *Name,
                             undis_host_chain_fn *SendEdge,
                             undis_host_chain_fn *ReceiveEdge);

/* The test's NBLs that came back since the last call, in the order they
 * came, chained; NULL when none. */
PNET_BUFFER_LIST HarnessHostTakeBack(VOID);

/* Pauses, unloads and destroys the host: checks that every NBL came back,
 * the counts balance and no host rule was reported. */
void HarnessHostStop(undis_host *Host);

#endif /* EXAMPLE_DRIVERS_HARNESS_HOST_H */
