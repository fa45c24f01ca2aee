/* SPDX-License-Identifier: MIT */
/* harness_host.c: the example drivers' tests host their driver (harness_host.h). */
#include "harness_host.h"

#include <stdio.h>

#include <undis/report.h>

static PNET_BUFFER_LIST HarnessBackHead;
static PNET_BUFFER_LIST *HarnessBackTail = &HarnessBackHead;
static ULONG HarnessHostFindings;

static void
HarnessNblBack(void *Context, PNET_BUFFER_LIST Nbl)
{
    (void)Context;
    NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
    *HarnessBackTail = Nbl;
    HarnessBackTail = &NET_BUFFER_LIST_NEXT_NBL(Nbl);
}

static undis_report_action
HarnessHostFinding(const undis_report *Report, void *Context)
{
    (void)Context;
    HarnessHostFindings++;
    printf("host rule %s: %s\n", Report->rule_name, Report->message);
    return UNDIS_REPORT_CONTINUE;
}

undis_host *
HarnessHostStart(undis_host_driver_entry_fn *Entry,
                 const char *Name,
                 undis_host_chain_fn *SendEdge,
                 undis_host_chain_fn *ReceiveEdge)
{
    undis_host *Host = NULL;

    HarnessHostFindings = 0;
    HarnessBackHead = NULL;
    HarnessBackTail = &HarnessBackHead;
    undis_report_set_hook(HarnessHostFinding, NULL);
    HCHECK_EQ(undis_host_create(&Host), NDIS_STATUS_SUCCESS);
    if (Host == NULL) {
        return NULL;
    }
    undis_host_set_nbl_back(Host, HarnessNblBack, NULL);
    undis_host_set_edges(Host, SendEdge, ReceiveEdge, NULL);
    HCHECK_EQ(undis_host_load(Host, Entry, Name), STATUS_SUCCESS);
    HCHECK_EQ(undis_host_attach(Host), NDIS_STATUS_SUCCESS);
    HCHECK_EQ(undis_host_get_state(Host), UNDIS_HOST_RUNNING);
    return Host;
}

PNET_BUFFER_LIST
HarnessHostTakeBack(VOID)
{
    PNET_BUFFER_LIST Back = HarnessBackHead;

    HarnessBackHead = NULL;
    HarnessBackTail = &HarnessBackHead;
    return Back;
}

void
HarnessHostStop(undis_host *Host)
{
    undis_host_stats Stats;

    HCHECK_EQ(undis_host_pause(Host, 1000), NDIS_STATUS_SUCCESS);
    undis_host_get_stats(Host, &Stats);
    HCHECK_EQ(Stats.send_nbls, Stats.send_completed);
    HCHECK_EQ(Stats.recv_nbls, Stats.recv_returned);
    undis_host_destroy(Host);
    HCHECK_EQ(HarnessHostFindings, 0);
    HCHECK(HarnessBackHead == NULL); /* the test took back everything that came */
    undis_report_set_hook(NULL, NULL);
}
