/*
 * test_host_miniport_rules.c - the host rules a miniport can break fire for
 * the miniport role: the example loopback miniport, built with
 * LOOPBACK_BREAKS, breaks one of NDIS's rules on purpose (LoopbackBreak),
 * the host reports it by name through the one report path, naming the
 * NdisM call or the miniport handler, and recovers.
 */
#include "test.h"

#include <undis/host.h>
#include <undis/report.h>

#include "loopback_miniport.h"

DRIVER_INITIALIZE LoopbackDriverEntry; /* loopback_miniport.c, renamed */

#define FRAME_LEN 64

static struct {
    int count[UNDIS_RULE_COUNT];
    int reports;
    char message[1200];
    char function[64];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    if ((unsigned)r->rule < UNDIS_RULE_COUNT) {
        g.count[r->rule]++;
    }
    g.reports++;
    (void)snprintf(g.message, sizeof(g.message), "%s", r->message);
    (void)snprintf(g.function, sizeof(g.function), "%s", r->function ? r->function : "");
    printf("report: %s in %s: %s\n", r->rule_name, g.function, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
load(ULONG which)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    LoopbackBreak = which;
    LoopbackHoldSends = 0;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

static undis_host *
start(ULONG which)
{
    undis_host *host = load(which);
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

/* The rule fired (at least once) and no other did. */
static void
expect_only(undis_host *host, undis_rule rule, const char *function)
{
    undis_host_destroy(host);
    LoopbackBreak = 0;
    LoopbackHoldSends = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK(g.count[rule] >= 1);
    CHECK_EQ_INT(g.reports, g.count[rule]);
    CHECK_STR_EQ(g.function, function);
}

TEST(miniport_rule_bad_characteristics)
{
    undis_host *host = load(LOOPBACK_BREAK_BAD_CHARACTERISTICS);
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"),
                 (int)NDIS_STATUS_BAD_CHARACTERISTICS);
    CHECK(strstr(g.message, "Header.Size") != NULL);
    expect_only(host, UNDIS_RULE_HOST_BAD_CHARACTERISTICS, "NdisMRegisterMiniportDriver");
}

TEST(miniport_rule_send_completed_twice)
{
    undis_host *host = start(LOOPBACK_BREAK_COMPLETE_TWICE);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "is not a send the miniport holds") != NULL);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 1);
    expect_only(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING, "NdisMSendNetBufferListsComplete");
}

TEST(miniport_rule_pause_with_sends_out)
{
    undis_host *host = start(LOOPBACK_BREAK_PAUSE_WITH_SENDS);
    LoopbackHoldSends = 1;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "1 NBL(s) still out") != NULL);
    CHECK(strstr(g.message, "held by the miniport since MiniportSendNetBufferLists") != NULL);
    expect_only(host, UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE, "MiniportPause");
}

TEST(miniport_rule_indicates_while_pausing)
{
    undis_host *host = start(LOOPBACK_BREAK_INDICATE_PAUSED);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "pausing") != NULL);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_nbls, (int)s.recv_returned);
    CHECK_EQ_INT((int)s.up_nbls, 0);
    expect_only(host, UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING, "NdisMIndicateReceiveNetBufferLists");
}

TEST(miniport_rule_no_general_attributes)
{
    undis_host *host = load(LOOPBACK_BREAK_NO_GENERAL);
    CHECK_EQ_INT((int)undis_host_load(host, LoopbackDriverEntry, "loopback"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK(strstr(g.message, "without general attributes") != NULL);
    CHECK_EQ_INT((int)LoopbackCounters.Halts, 1); /* halted after its initialize succeeded */
    expect_only(host, UNDIS_RULE_HOST_MINIPORT_BAD_ATTRIBUTES, "NdisMSetMiniportAttributes");
}

TEST(miniport_rule_receive_count)
{
    undis_host *host = start(LOOPBACK_BREAK_WRONG_COUNT);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "NumberOfNetBufferLists is 2 but the chain holds 1") != NULL);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.up_nbls, 1);
    CHECK_EQ_INT((int)s.recv_returned, 1);
    expect_only(host, UNDIS_RULE_HOST_MINIPORT_RECEIVE_COUNT, "NdisMIndicateReceiveNetBufferLists");
}

TEST(miniport_rule_dispatch_flag)
{
    undis_host *host = start(LOOPBACK_BREAK_DISPATCH_FLAG);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "say DISPATCH_LEVEL") != NULL);
    expect_only(host, UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH, "NdisMIndicateReceiveNetBufferLists");
}

TEST(miniport_rule_oid_completed_twice)
{
    undis_host *host = start(LOOPBACK_BREAK_OID_TWICE);
    UCHAR mac[6];
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "after completing the request with NdisMOidRequestComplete") != NULL);
    expect_only(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE, "MiniportOidRequest");
}

TEST_MAIN_BEGIN
TEST_CASE(miniport_rule_bad_characteristics)
TEST_CASE(miniport_rule_send_completed_twice)
TEST_CASE(miniport_rule_pause_with_sends_out)
TEST_CASE(miniport_rule_indicates_while_pausing)
TEST_CASE(miniport_rule_no_general_attributes)
TEST_CASE(miniport_rule_receive_count)
TEST_CASE(miniport_rule_dispatch_flag)
TEST_CASE(miniport_rule_oid_completed_twice)
TEST_MAIN_END
