/*
 * test_host_miniport.c - the driver host's miniport role and its stack:
 * the example loopback miniport (examples/drivers/loopback_miniport.c) run
 * through its whole life (DriverEntry, MiniportInitializeEx with its
 * attributes, restart, sends looped back as receives, RESOURCES
 * indications, OIDs, link status, pending restart/pause/OIDs, cancel send,
 * PnP, shutdown, pause, halt, unload); two pass-through filters
 * (examples/drivers/passthru_filter.c, two copies) stacked over undis's
 * miniport and over the loopback; a miniport whose initialize fails; and
 * allocation failures. No host rule may fire.
 */
#include "test.h"

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

#include "loopback_miniport.h"

DRIVER_INITIALIZE LoopbackDriverEntry;   /* loopback_miniport.c, renamed */
DRIVER_INITIALIZE DriverEntry;           /* passthru_filter.c */
DRIVER_INITIALIZE SecondPassthruEntry;   /* passthru_filter.c, a second copy */
DRIVER_INITIALIZE MiniportRxDriverEntry; /* miniport_rx.c + miniport_rx_driver.c */

#define FRAME_LEN 64

static struct {
    int reports;
    int link_up;
    int link_indications;
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    printf("report: %s in %s: %s\n", r->rule_name, r->function ? r->function : "?", r->message);
    return UNDIS_REPORT_CONTINUE;
}

static void
status(void *context, NDIS_STATUS code, const void *buffer, ULONG size)
{
    (void)context;
    if (code == NDIS_STATUS_LINK_STATE && size >= sizeof(NDIS_LINK_STATE)) {
        const NDIS_LINK_STATE *link = (const NDIS_LINK_STATE *)buffer;
        g.link_up = link->MediaConnectState == MediaConnectStateConnected;
        g.link_indications++;
    }
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
create(void)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    LoopbackHoldSends = 0;
    LoopbackPendLife = 0;
    LoopbackPendOids = 0;
    for (int i = 0; i < FRAME_LEN; i++) {
        g_frame[i] = (UCHAR)i;
    }
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    undis_host_set_status(host, status, NULL);
    return host;
}

static undis_host *
start_loopback(void)
{
    undis_host *host = create();
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_RUNNING);
    return host;
}

/* Everything came back once; the loopback gave back what it lent. */
static void
finish(undis_host *host)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_nbls, (int)s.send_completed);
    CHECK_EQ_INT((int)s.recv_nbls, (int)s.recv_returned);
    CHECK_EQ_INT((int)s.oids, (int)s.oids_completed);
    CHECK_EQ_INT((int)s.findings, 0);
    undis_host_destroy(host);
    CHECK_EQ_INT((int)(LoopbackCounters.Returned + LoopbackCounters.IndicatedResources),
                 (int)LoopbackCounters.Indicated);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(miniport_whole_life_loops_sends_back_as_receives)
{
    undis_host *host = start_loopback();
    undis_host_stats s;
    UCHAR mac[6] = { 0 };
    ULONG filter = NDIS_PACKET_TYPE_DIRECTED, bytes = 0;
    NDIS_STATISTICS_INFO stats;
    CHECK_EQ_INT(g.link_indications, 1); /* MiniportRestart indicated the link */
    CHECK(g.link_up);
    CHECK_STR_EQ(undis_host_driver_name(host), "loopback");
    for (int i = 0; i < 100; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0),
                 (int)NDIS_STATUS_NOT_SUPPORTED); /* the driver's miniport receives */
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.wire_out_nbls, 100);
    CHECK_EQ_INT((int)s.send_completed, 100);
    CHECK_EQ_INT((int)s.recv_nbls, 100);
    CHECK_EQ_INT((int)s.up_nbls, 100);
    CHECK_EQ_INT((int)s.up_bytes, 100 * FRAME_LEN);
    CHECK_EQ_INT((int)LoopbackCounters.Returned, 100);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 6);
    CHECK_EQ_INT(mac[3], 0x10); /* the loopback's own address */
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestSetInformation, OID_GEN_CURRENT_PACKET_FILTER,
                                     &filter, sizeof(filter), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_STATISTICS, &stats,
                                     sizeof(stats), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)stats.ifHCInUcastPkts, 100);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_VENDOR_ID, &filter,
                                     sizeof(filter), NULL),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT((int)undis_host_pnp_event(host, NdisDevicePnPEventPowerProfileChanged,
                                           NDIS_POWER_PROFILE_ACONLINE),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)LoopbackCounters.PnPEvents, 1);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.link_indications, 2);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_shutdown(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)LoopbackCounters.Shutdowns, 1);
    finish(host);
    CHECK_EQ_INT((int)LoopbackCounters.Halts, 1);
    CHECK_EQ_INT((int)LoopbackCounters.Unloads, 1);
}

TEST(miniport_data_path_at_dispatch_level)
{
    undis_host *host = start_loopback();
    undis_host_stats s;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    for (int i = 0; i < 50; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    KeLowerIrql(old);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.up_nbls, 50);
    finish(host);
}

/* Restart, pause and OIDs in their pending forms. */
TEST(miniport_pending_restart_pause_and_oids)
{
    undis_host *host = create();
    UCHAR mac[6] = { 0 };
    LoopbackPendLife = 1;
    LoopbackPendOids = 1;
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(mac[0], 0x02);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

/* Held sends: a cancel by id aborts those with the id; the pause completes
 * the rest; the frames looped back after the restart overflow the receive
 * NBLs, which the loopback then lends with NDIS_RECEIVE_FLAGS_RESOURCES. */
TEST(miniport_cancel_send_and_resources_receives)
{
    undis_host *host = start_loopback();
    undis_host_stats s;
    LoopbackHoldSends = 1;
    undis_host_set_cancel_id(host, (PVOID)(ULONG_PTR)0x11);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    undis_host_set_cancel_id(host, (PVOID)(ULONG_PTR)0x22);
    for (int i = 0; i < 40; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    undis_host_set_cancel_id(host, NULL);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 0);
    undis_host_cancel_send(host, (PVOID)(ULONG_PTR)0x11);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 3);
    CHECK_EQ_INT((int)LoopbackCounters.SendsAborted, 3);
    LoopbackHoldSends = 0;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 43);
    CHECK_EQ_INT((int)s.recv_nbls, 0); /* nothing indicated while paused */
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_nbls, 41);
    CHECK_EQ_INT((int)s.up_nbls, 41);
    CHECK_EQ_INT((int)LoopbackCounters.IndicatedResources, 32);
    CHECK_EQ_INT((int)LoopbackCounters.Returned, 9);
    finish(host);
}

/* More NBLs out at once than the ledger's first table holds (it grows). */
TEST(miniport_holds_thousands_of_sends)
{
    undis_host *host = start_loopback();
    undis_host_stats s;
    LoopbackHoldSends = 1;
    for (int i = 0; i < 5000; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 0);
    LoopbackHoldSends = 0;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 5000);
    finish(host);
}

/* miniport_rx's receive path as a whole driver: its receives come from a
 * DPC on another thread, RESOURCES when its ring runs low. */
TEST(miniport_rx_whole_driver_receives_from_its_dpc)
{
    undis_host *host = create();
    undis_host_stats s;
    UCHAR frame[FRAME_LEN];
    CHECK_EQ_INT((int)undis_host_load(host, MiniportRxDriverEntry, "miniport_rx"),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "filter"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    memcpy(frame, g_frame, FRAME_LEN);
    frame[12] = 0x08; /* IPv4 */
    frame[13] = 0x00;
    for (int i = 0; i < 200; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
        for (int w = 0; w < 2000; w++) { /* the ring holds 16: let the DPC drain it */
            undis_host_get_stats(host, &s);
            if (s.recv_returned + 8 > s.send_nbls) {
                break;
            }
            KeStallExecutionProcessor(100);
        }
    }
    for (int w = 0; w < 20000; w++) {
        undis_host_get_stats(host, &s);
        if (s.recv_returned == 200) {
            break;
        }
        KeStallExecutionProcessor(100);
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 200);
    CHECK_EQ_INT((int)s.recv_nbls, 200);
    CHECK_EQ_INT((int)s.up_nbls, 200);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

/* ---- stacks -------------------------------------------------------------------- */

TEST(stack_two_filters_over_undis_miniport)
{
    undis_host *host = create();
    undis_host_stats s;
    UCHAR mac[6] = { 0 };
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "upper"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, SecondPassthruEntry, "lower"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT(undis_host_filter_count(host), 2);
    CHECK_STR_EQ(undis_host_driver_name_at(host, 1), undis_host_driver_name(host));
    CHECK_STR_EQ(undis_host_driver_name_at(host, 2), "");
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < 20; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0),
                     (int)NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT(
            (int)undis_host_receive(host, g_frame, FRAME_LEN, UNDIS_HOST_RECEIVE_RESOURCES),
            (int)NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(mac[5], 0x01);
    undis_host_indicate_link(host, FALSE);
    CHECK_EQ_INT(g.link_indications, 1);
    CHECK(!g.link_up);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.wire_out_nbls, 20);
    CHECK_EQ_INT((int)s.up_nbls, 40);
    CHECK_EQ_INT((int)s.miniport_oids, 1);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

TEST(stack_two_filters_over_the_loopback_miniport)
{
    undis_host *host = create();
    undis_host_stats s;
    ULONG filter = NDIS_PACKET_TYPE_DIRECTED;
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "upper"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, SecondPassthruEntry, "lower"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT(undis_host_filter_count(host), 2);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.link_indications, 1); /* the loopback's, through both filters */
    for (int i = 0; i < 60; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    LoopbackPendOids = 1;
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestSetInformation, OID_GEN_CURRENT_PACKET_FILTER,
                                     &filter, sizeof(filter), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 60);
    CHECK_EQ_INT((int)s.up_nbls, 60);
    CHECK_EQ_INT((int)LoopbackCounters.Returned, 60);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

/* One miniport driver, two adapters in two hosts (two stacks). */
/* What each driver of a stack did, in load order (undis_host_get_driver_stats). */
TEST(stack_counts_each_driver)
{
    undis_host *host = create();
    undis_host_driver_stats up, mp, low;
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "upper"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, SecondPassthruEntry, "lower"), (int)STATUS_SUCCESS);
    CHECK_STR_EQ(undis_host_driver_role_at(host, 0), "filter");
    CHECK_STR_EQ(undis_host_driver_role_at(host, 1), "miniport");
    CHECK_STR_EQ(undis_host_driver_role_at(host, 2), "filter");
    CHECK_STR_EQ(undis_host_driver_role_at(host, 3), "");
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < 30; i++) {
        CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &up), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 1, &mp), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 2, &low), (int)NDIS_STATUS_SUCCESS);
    /* each filter passed 30 down and completed 30 up; the loopback completed
     * the 30 and indicated them back up, each filter passed those up and
     * returned them down */
    CHECK_EQ_INT((int)up.sent, 30);
    CHECK_EQ_INT((int)low.sent, 30);
    CHECK_EQ_INT((int)up.completed, 30);
    CHECK_EQ_INT((int)low.completed, 30);
    CHECK_EQ_INT((int)mp.sent, 0);
    CHECK_EQ_INT((int)mp.completed, 30);
    CHECK_EQ_INT((int)mp.indicated, 30);
    CHECK_EQ_INT((int)low.indicated, 30);
    CHECK_EQ_INT((int)up.returned, 30);
    CHECK_EQ_INT((int)mp.returned, 0);
    CHECK_EQ_INT((int)up.pauses, 1);
    CHECK_EQ_INT((int)up.restarts, 1);
    CHECK_EQ_INT((int)mp.pauses, 1);
    CHECK_EQ_INT((int)mp.restarts, 1);
    finish(host);
}

TEST(driver_stats_bad_input)
{
    undis_host *host = create();
    undis_host_driver_stats st;
    st.sent = 99;
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &st),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)st.sent, 0); /* zeroed */
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "upper"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, -1, &st),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 1, &st),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, NULL),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(NULL, 0, &st),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STR_EQ(undis_host_driver_role_at(NULL, 0), "");
    CHECK_STR_EQ(undis_host_driver_role_at(host, -1), "");
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &st), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)st.sent, 0);
    undis_host_unload(host); /* the drivers are forgotten */
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &st),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    finish(host);
}

TEST(miniport_driver_with_two_adapters)
{
    undis_host *a = start_loopback();
    undis_host *b = NULL;
    undis_host_stats sa, sb;
    CHECK_EQ_INT((int)undis_host_create(&b), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_share_miniport(b, b), (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_share_miniport(b, a), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_share_miniport(b, a), (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_load(b, DriverEntry, "filter"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(b), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < 10; i++) {
        CHECK_EQ_INT((int)undis_host_send(a, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_INT((int)undis_host_send(b, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(a, &sa);
    undis_host_get_stats(b, &sb);
    CHECK_EQ_INT((int)sa.up_nbls, 10);
    CHECK_EQ_INT((int)sb.up_nbls, 1);
    CHECK_EQ_INT((int)sb.recv_returned, 1);
    undis_host_destroy(b);
    CHECK_EQ_INT((int)LoopbackCounters.Halts, 1);
    finish(a);
    CHECK_EQ_INT((int)LoopbackCounters.Halts, 2);
    CHECK_EQ_INT((int)LoopbackCounters.Unloads, 1);
}

/* ---- bad input and allocation failures --------------------------------------------- */

static NTSTATUS
second_miniport_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;
    NDIS_HANDLE handle = NULL;
    memset(&c, 0, sizeof(c));
    return NdisMRegisterMiniportDriver(driver, path, NULL, &c, &handle);
}

TEST(miniport_initialize_failure_and_a_second_miniport)
{
    undis_host *host = create();
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;
    NDIS_HANDLE handle = NULL;
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    /* a second miniport in the same host is refused */
    CHECK_EQ_INT((int)undis_host_load(host, second_miniport_entry, "again"),
                 (int)NDIS_STATUS_FAILURE);
    memset(&c, 0, sizeof(c));
    CHECK_EQ_INT((int)NdisMRegisterMiniportDriver(NULL, NULL, NULL, &c, &handle),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_pnp_event(host, NdisDevicePnPEventSurpriseRemoved, 0),
                 (int)NDIS_STATUS_INVALID_DEVICE_REQUEST); /* not initialized yet */
    /* an initialize that fails: the attach fails with its status, no halt */
    LoopbackFailInitialize = 1;
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_ADAPTER_NOT_FOUND);
    LoopbackFailInitialize = 0;
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    undis_host_destroy(host);
    CHECK_EQ_INT((int)LoopbackCounters.Halts, 1);
    CHECK_EQ_INT((int)LoopbackCounters.Unloads, 1);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

/* Fail the nth allocation of the loopback's initialize: the attach fails
 * with NDIS_STATUS_RESOURCES, nothing leaks, and the host stays usable.
 * (A first attach and detach make the host's batch pool, which lives until
 * undis_host_destroy, so that the failures land in the initialize.) */
TEST(miniport_initialize_survives_allocation_failures)
{
    unsigned long long base = undis_alloc_outstanding();
    int completed = 0;
    for (unsigned long long n = 1; n <= 80 && !completed; n++) {
        undis_host *host = create();
        NDIS_STATUS status;
        CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"),
                     (int)STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
        undis_host_detach(host);
        undis_fault_alloc_fail_nth(n);
        status = undis_host_attach(host);
        undis_fault_clear();
        completed = status == NDIS_STATUS_SUCCESS;
        CHECK(completed || status == NDIS_STATUS_RESOURCES);
        CHECK_EQ_INT((int)undis_host_get_state(host),
                     (int)(completed ? UNDIS_HOST_RUNNING : UNDIS_HOST_DETACHED));
        undis_host_destroy(host);
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(completed);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(miniport_whole_life_loops_sends_back_as_receives)
TEST_CASE(miniport_data_path_at_dispatch_level)
TEST_CASE(miniport_pending_restart_pause_and_oids)
TEST_CASE(miniport_cancel_send_and_resources_receives)
TEST_CASE(miniport_holds_thousands_of_sends)
TEST_CASE(miniport_rx_whole_driver_receives_from_its_dpc)
TEST_CASE(stack_two_filters_over_undis_miniport)
TEST_CASE(stack_two_filters_over_the_loopback_miniport)
TEST_CASE(stack_counts_each_driver)
TEST_CASE(driver_stats_bad_input)
TEST_CASE(miniport_driver_with_two_adapters)
TEST_CASE(miniport_initialize_failure_and_a_second_miniport)
TEST_CASE(miniport_initialize_survives_allocation_failures)
TEST_MAIN_END
