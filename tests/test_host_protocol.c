/*
 * test_host_protocol.c - the driver host (<undis/host.h>) in the protocol
 * role, running the example protocol driver examples/drivers/echo_protocol.c
 * through its whole life: DriverEntry and NdisRegisterProtocolDriver, the
 * bind (NdisOpenAdapterEx, an OID query of the current address, the
 * NetEventRestart that lets it send its hello frame), receives indicated to
 * it and echoed back down (at PASSIVE_LEVEL and DISPATCH_LEVEL, with and
 * without NDIS_RECEIVE_FLAGS_RESOURCES), link status, NetEventPause and
 * NetEventRestart, the unbind (NdisCloseAdapterEx) and unload; the same
 * with the host pending the open, the close and the OID request. No host
 * rule may fire.
 */
#include "test.h"

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/echo_protocol.c */
NDIS_STATUS EchoProtocolSend(const UCHAR *Frame, ULONG Length);
extern LONG64 EchoReceived, EchoReceivedBytes, EchoSent, EchoCompleted, EchoStatusIndications;
extern NDIS_STATUS EchoMacStatus;

#define FRAME_LEN 64

static struct {
    int reports;
    ULONG wire_frames;
    UCHAR last_frame[FRAME_LEN];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static void
wire(void *context, const UCHAR *frame, ULONG length)
{
    (void)context;
    __atomic_add_fetch(&g.wire_frames, 1, __ATOMIC_RELAXED);
    if (length == FRAME_LEN) {
        memcpy(g.last_frame, frame, FRAME_LEN);
    }
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
start(ULONG pending)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    EchoReceived = EchoReceivedBytes = EchoSent = EchoCompleted = EchoStatusIndications = 0;
    for (int i = 0; i < FRAME_LEN; i++) {
        g_frame[i] = (UCHAR)(0x30 + i);
    }
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    undis_host_set_wire(host, wire, NULL);
    undis_host_set_protocol_pending(host, pending);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "echo"), (int)STATUS_SUCCESS);
    CHECK(undis_host_is_protocol(host));
    CHECK(strcmp(undis_host_driver_name(host), "undis echo protocol") == 0);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_RUNNING);
    return host;
}

/* Unloads; every count balances and no rule fired. */
static void
finish(undis_host *host)
{
    undis_host_stats s;
    undis_host_protocol_stats p;
    undis_host_unload(host);
    undis_host_get_stats(host, &s);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT((int)p.unbinds, 1);
    CHECK_EQ_INT((int)p.closes, 1);
    CHECK_EQ_INT((int)s.send_nbls, (int)s.send_completed);
    CHECK_EQ_INT((int)p.sends, (int)p.send_completions);
    CHECK_EQ_INT((int)s.recv_nbls, (int)s.recv_returned);
    CHECK_EQ_INT((int)s.oids, (int)s.oids_completed);
    CHECK_EQ_INT((int)s.findings, 0);
    CHECK_EQ_INT(g.reports, 0);
    CHECK_EQ_INT((int)EchoSent, (int)EchoCompleted);
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
}

TEST(protocol_binds_opens_queries_and_says_hello)
{
    undis_host *host = start(0);
    undis_host_protocol_stats p;
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.binds, 1);
    CHECK_EQ_INT((int)p.opens, 1);
    CHECK_EQ_INT((int)p.pnp_events, 2); /* NetEventRestart, NetEventBindsComplete */
    CHECK_EQ_INT((int)p.oids, 1);
    CHECK_EQ_INT((int)p.oids_pended, 0);
    CHECK_EQ_INT((int)EchoMacStatus, (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)p.sends, 0);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.sends, 2); /* the hello and the echo */
    CHECK_EQ_INT((int)p.send_completions, 2);
    CHECK_EQ_INT((int)g.wire_frames, 2);
    CHECK_EQ_INT((int)EchoSent, 2);
    finish(host);
}

TEST(protocol_receives_are_echoed_and_returned)
{
    undis_host *host = start(0);
    undis_host_stats s;
    undis_host_protocol_stats p;
    KIRQL old;
    for (int i = 0; i < 10; i++) {
        CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0),
                     (int)NDIS_STATUS_SUCCESS);
    }
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    for (int i = 0; i < 10; i++) {
        CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0),
                     (int)NDIS_STATUS_SUCCESS);
    }
    KeLowerIrql(old);
    undis_host_get_stats(host, &s);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)EchoReceived, 20);
    CHECK_EQ_INT((int)EchoReceivedBytes, 20 * FRAME_LEN);
    CHECK_EQ_INT((int)p.receives, 20);
    CHECK_EQ_INT((int)p.returns, 20);
    CHECK_EQ_INT((int)s.up_nbls, 20);
    CHECK_EQ_INT((int)s.recv_returned, 20);
    CHECK_EQ_INT((int)g.wire_frames, 21); /* the hello and 20 echoes */
    CHECK(memcmp(g.last_frame, g_frame, FRAME_LEN) == 0);
    finish(host);
}

TEST(protocol_resources_receives_are_not_returned)
{
    undis_host *host = start(0);
    undis_host_stats s;
    undis_host_protocol_stats p;
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, UNDIS_HOST_RECEIVE_RESOURCES),
                 (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.receives, 1);
    CHECK_EQ_INT((int)p.resources, 1);
    CHECK_EQ_INT((int)p.returns, 0);
    CHECK_EQ_INT((int)s.recv_returned, 1); /* the miniport's again after the handler */
    CHECK_EQ_INT((int)EchoReceived, 1);
    finish(host);
}

TEST(protocol_pause_and_restart_are_net_pnp_events)
{
    undis_host *host = start(0);
    undis_host_protocol_stats p;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_PAUSED);
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_RUNNING);
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.pnp_events, 4); /* restart, binds complete, pause, restart */
    CHECK_EQ_INT((int)g.wire_frames, 1);
    finish(host);
}

TEST(protocol_link_status_reaches_the_protocol)
{
    undis_host *host = start(0);
    undis_host_protocol_stats p;
    undis_host_indicate_link(host, FALSE);
    undis_host_indicate_link(host, TRUE);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.status_indications, 2);
    CHECK_EQ_INT((int)EchoStatusIndications, 2);
    finish(host);
}

TEST(protocol_undis_protocol_sends_beside_it)
{
    undis_host *host = start(0);
    undis_host_stats s;
    undis_host_protocol_stats p;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)s.send_nbls, 2); /* undis's frame and the driver's */
    CHECK_EQ_INT((int)s.send_completed, 2);
    CHECK_EQ_INT((int)p.send_completions, 1);
    finish(host);
}

static BOOLEAN
wait_for_mac(void)
{
    for (int i = 0; i < 2000 && EchoMacStatus == NDIS_STATUS_PENDING; i++) {
        NdisMSleep(1000);
    }
    return EchoMacStatus == NDIS_STATUS_SUCCESS;
}

TEST(protocol_pended_open_close_and_oid_complete_from_another_thread)
{
    undis_host *host = start(UNDIS_HOST_PROTOCOL_PEND_OPEN | UNDIS_HOST_PROTOCOL_PEND_OID);
    undis_host_protocol_stats p;
    CHECK(wait_for_mac());
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.oids_pended, 1);
    CHECK_EQ_INT((int)p.opens, 1);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)EchoReceived, 1);
    finish(host);
}

TEST(protocol_rebinds_after_an_unbind)
{
    undis_host *host = start(0);
    undis_host_protocol_stats p;
    undis_host_detach(host);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.binds, 2);
    CHECK_EQ_INT((int)p.unbinds, 1);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)EchoReceived, 1);
    undis_host_unload(host);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.unbinds, 2);
    CHECK_EQ_INT((int)p.closes, 2);
    CHECK_EQ_INT(g.reports, 0);
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
}

/* ---- allocation failures ------------------------------------------------------ */

/* Fail the nth allocation of one receive (and so of the echo it causes):
 * each fails with NDIS_STATUS_RESOURCES or goes through, and nothing is
 * left out. */
TEST(protocol_data_paths_survive_allocation_failures)
{
    undis_host *host = start(0);
    unsigned long long base = undis_alloc_outstanding();
    int failed = 0;
    for (unsigned long long n = 1; n <= 8; n++) {
        NDIS_STATUS status;
        undis_fault_alloc_fail_nth(n);
        status = undis_host_receive(host, g_frame, FRAME_LEN, 0);
        undis_fault_clear();
        CHECK(status == NDIS_STATUS_SUCCESS || status == NDIS_STATUS_RESOURCES);
        failed += status != NDIS_STATUS_SUCCESS || EchoSent != EchoCompleted ||
                  g.wire_frames < (ULONG)EchoSent;
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(failed >= 1);
    CHECK(EchoReceived >= 1);
    finish(host);
}

/* Fail the nth allocation of the whole life (create, DriverEntry and the
 * registration, the bind's pool): each step fails cleanly, nothing leaks. */
TEST(protocol_life_survives_allocation_failures)
{
    unsigned long long base = undis_alloc_outstanding();
    int completed = 0;
    for (unsigned long long n = 1; n <= 12 && !completed; n++) {
        undis_host *host = NULL;
        NDIS_STATUS status;
        undis_fault_alloc_fail_nth(n);
        status = undis_host_create(&host);
        if (status == NDIS_STATUS_SUCCESS) {
            NTSTATUS loaded = undis_host_load(host, DriverEntry, "echo");
            CHECK(loaded == STATUS_SUCCESS || loaded == (NTSTATUS)NDIS_STATUS_RESOURCES);
            if (loaded == STATUS_SUCCESS) {
                status = undis_host_attach(host);
                completed = status == NDIS_STATUS_SUCCESS;
                CHECK(completed || status == NDIS_STATUS_RESOURCES);
            }
            undis_host_destroy(host);
        } else {
            CHECK_EQ_INT((int)status, (int)NDIS_STATUS_RESOURCES);
        }
        undis_fault_clear();
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(completed);
}

TEST_MAIN_BEGIN
TEST_CASE(protocol_binds_opens_queries_and_says_hello)
TEST_CASE(protocol_receives_are_echoed_and_returned)
TEST_CASE(protocol_resources_receives_are_not_returned)
TEST_CASE(protocol_pause_and_restart_are_net_pnp_events)
TEST_CASE(protocol_link_status_reaches_the_protocol)
TEST_CASE(protocol_undis_protocol_sends_beside_it)
TEST_CASE(protocol_pended_open_close_and_oid_complete_from_another_thread)
TEST_CASE(protocol_rebinds_after_an_unbind)
TEST_CASE(protocol_data_paths_survive_allocation_failures)
TEST_CASE(protocol_life_survives_allocation_failures)
TEST_MAIN_END
