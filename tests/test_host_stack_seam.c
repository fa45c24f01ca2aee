/*
 * test_host_stack_seam.c - the top edge's seam of the host's stack
 * (host_internal.h, struct host_top_ops), white-box: a stand-in for a
 * driver's protocol at the top, over the example pass-through filter,
 * takes the receives (the ledger records the top as their holder), gives
 * them back later with undis__host_return_from(UNDIS_HOST_TOP), and gets
 * its send completions, status and OID completions through the four entry
 * points. A second return is the protocol's finding, named in
 * NdisReturnNetBufferLists.
 */
#include "test.h"

#include "host/host_internal.h"

#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#define FRAME_LEN 64
#define HELD_MAX  8

static struct {
    PNET_BUFFER_LIST held[HELD_MAX];
    int nheld, completed, statuses, reports;
    undis_rule last;
} g;

static void
top_send_complete(struct undis_host *host, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)flags;
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        g.completed++;
        undis__host_count(&host->send_completed, 1);
        undis__host_nbl_free(host, nbls);
        nbls = next;
    }
}

static void
top_receive(struct undis_host *host, int from, PNET_BUFFER_LIST nbls, ULONG count, ULONG flags)
{
    (void)count;
    (void)flags;
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        BOOLEAN full = FALSE;
        NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
        (void)undis__host_ledger_hand(host, nbls, HOST_NBL_RECEIVE, from, UNDIS_HOST_TOP, &full);
        CHECK(!full);
        g.held[g.nheld++ % HELD_MAX] = nbls;
        nbls = next;
    }
}

static void
top_status(struct undis_host *host, PNDIS_STATUS_INDICATION s)
{
    (void)host;
    (void)s;
    g.statuses++;
}

static void
top_oid_complete(struct undis_host *host, PNDIS_OID_REQUEST r, NDIS_STATUS status)
{
    (void)r;
    host->oid_status = status;
    undis__atomic_store_release_int(&host->oid_done, 1);
}

static const struct host_top_ops g_ops = { top_send_complete, top_receive, top_status,
                                           top_oid_complete };

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    g.last = r->rule;
    printf("report: %s in %s: %s\n", r->rule_name, r->function ? r->function : "?", r->message);
    return UNDIS_REPORT_CONTINUE;
}

TEST(top_edge_seam_holds_and_returns_receives)
{
    undis_host *host = NULL;
    UCHAR frame[FRAME_LEN] = { 0 };
    UCHAR mac[6];
    undis_host_stats s;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    host->top = &g_ops;
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "passthru"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT((int)undis_host_receive(host, frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_INT(g.nheld, 3);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_returned, 0); /* the protocol holds them */
    CHECK_EQ_INT((int)undis__host_ledger_outstanding(host, UNDIS_HOST_TOP, "test", NULL), 3);
    for (int i = 0; i < 3; i++) {
        undis__host_return_from(host, UNDIS_HOST_TOP, g.held[i], 0, "NdisReturnNetBufferLists");
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_returned, 3);
    CHECK_EQ_INT(g.reports, 0);
    CHECK_EQ_INT((int)undis_host_send(host, frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.completed, 1);
    undis_host_indicate_link(host, TRUE);
    CHECK_EQ_INT(g.statuses, 1);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    /* the protocol returns an NBL twice: its finding, and nothing is touched */
    CHECK_EQ_INT((int)undis_host_receive(host, frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    undis__host_return_from(host, UNDIS_HOST_TOP, g.held[3], 0, "NdisReturnNetBufferLists");
    CHECK_EQ_INT(g.reports, 0);
    undis__host_return_from(host, UNDIS_HOST_TOP, g.held[3], 0, "NdisReturnNetBufferLists");
    CHECK_EQ_INT(g.reports, 1);
    CHECK_EQ_INT((int)g.last,
                 (int)UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING); /* "...the protocol holds" */
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 1);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(top_edge_seam_holds_and_returns_receives)
TEST_MAIN_END
