/*
 * test_host_protocol_rules.c - every rule of the protocol role fires, and
 * the filter-role rules that apply to a protocol too: the example protocol
 * driver, built with ECHO_BREAKS, breaks one of NDIS's protocol rules on
 * purpose (EchoBreak), the host reports it by name through the one report
 * path, and the host recovers (the NBLs reach their owners, the life goes
 * on). The last case checks that no HOST_PROTOCOL_ rule lacks a case here.
 */
#include "test.h"

#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/echo_protocol.c */
NDIS_STATUS EchoProtocolSend(const UCHAR *Frame, ULONG Length);
extern ULONG EchoBreak;
extern NDIS_STATUS EchoMacStatus;

#define FRAME_LEN 64

static struct {
    int count[UNDIS_RULE_COUNT];
    int reports;
    char message[600];
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
    printf("report: %s in %s: %s\n", r->rule_name, r->function ? r->function : "?", r->message);
    return UNDIS_REPORT_CONTINUE;
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
load(ULONG which, ULONG pending)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    EchoBreak = which;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    undis_host_set_protocol_pending(host, pending);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "echo"), (int)STATUS_SUCCESS);
    return host;
}

static undis_host *
start(ULONG which)
{
    undis_host *host = load(which, 0);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

/* The rule fired (at least once) and no other did; the counts balance. */
static void
expect_only(undis_host *host, undis_rule rule)
{
    undis_host_stats s;
    undis_host_unload(host);
    undis_host_get_stats(host, &s);
    undis_host_destroy(host);
    EchoBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK(g.count[rule] >= 1);
    CHECK_EQ_INT(g.reports, g.count[rule]);
    CHECK_EQ_INT((int)s.send_nbls, (int)s.send_completed);
    CHECK_EQ_INT((int)s.recv_nbls, (int)s.recv_returned);
}

TEST(protocol_rule_bad_characteristics_fails_the_load)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    EchoBreak = 1;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "echo"),
                 (int)NDIS_STATUS_BAD_CHARACTERISTICS);
    CHECK(!undis_host_is_protocol(host));
    CHECK(strstr(g.message, "Header.Size") != NULL);
    undis_host_destroy(host);
    EchoBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_BAD_CHARACTERISTICS], 1);
    CHECK_EQ_INT(g.reports, 1);
}

TEST(protocol_rule_receive_returned_twice)
{
    undis_host *host = start(2);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "returned twice") != NULL);
    expect_only(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING);
}

TEST(protocol_rule_send_while_paused)
{
    undis_host *host = start(3);
    undis_host_protocol_stats p;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "paused") != NULL);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.sends, (int)p.send_completions); /* completed NDIS_STATUS_PAUSED */
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_SEND_NOT_RUNNING);
}

TEST(protocol_rule_source_handle)
{
    undis_host *host = start(4);
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "not its NdisBindingHandle") != NULL);
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_SOURCE_HANDLE);
}

TEST(protocol_rule_receive_held_at_pause)
{
    undis_host *host = start(5);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_returned, 0);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_PROTOCOL_HELD_AT_PAUSE], 1);
    CHECK(strstr(g.message, "NetEventPause completed with 1 receive(s)") != NULL);
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_HELD_AT_PAUSE);
}

TEST(protocol_rule_unbind_without_close)
{
    undis_host *host = start(6);
    undis_host_detach(host);
    CHECK(strstr(g.message, "still open") != NULL);
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE);
}

TEST(protocol_rule_bind_completed_after_a_status)
{
    undis_host *host = start(7);
    CHECK(strstr(g.message, "ProtocolBindAdapterEx returned") != NULL);
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_COMPLETED_TWICE);
}

TEST(protocol_rule_bad_open_parameters)
{
    undis_host *host = load(8, 0);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK(strstr(g.message, "Header.Type") != NULL);
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_BAD_OPEN_PARAMETERS);
}

TEST(protocol_rule_resources_receive_returned)
{
    undis_host *host = start(9);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, UNDIS_HOST_RECEIVE_RESOURCES),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_KEPT_PAST_RESOURCES], 1);
    expect_only(host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES);
}

TEST(protocol_rule_dispatch_flag_below_dispatch)
{
    undis_host *host = start(10);
    KIRQL old;
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH], 1);
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* at DISPATCH_LEVEL the flag is right */
    CHECK_EQ_INT((int)EchoProtocolSend(g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    KeLowerIrql(old);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH], 1);
    expect_only(host, UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH);
}

TEST(protocol_rule_oid_reissued_while_pending)
{
    undis_host *host = load(11, UNDIS_HOST_PROTOCOL_PEND_OID);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "issued again") != NULL);
    for (int i = 0; i < 2000 && EchoMacStatus == NDIS_STATUS_PENDING; i++) {
        NdisMSleep(1000);
    }
    CHECK_EQ_INT((int)EchoMacStatus, (int)NDIS_STATUS_SUCCESS); /* the first still completes */
    expect_only(host, UNDIS_RULE_HOST_PROTOCOL_OID_REISSUED);
}

TEST(protocol_rules_each_has_a_case)
{
    static const undis_rule fired[] = {
        UNDIS_RULE_HOST_PROTOCOL_SEND_NOT_RUNNING, UNDIS_RULE_HOST_PROTOCOL_SOURCE_HANDLE,
        UNDIS_RULE_HOST_PROTOCOL_HELD_AT_PAUSE,    UNDIS_RULE_HOST_PROTOCOL_OPEN_CLOSE,
        UNDIS_RULE_HOST_PROTOCOL_COMPLETED_TWICE,  UNDIS_RULE_HOST_PROTOCOL_BAD_OPEN_PARAMETERS,
        UNDIS_RULE_HOST_PROTOCOL_OID_REISSUED,
    };
    int protocol_rules = 0;
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        int covered = 0;
        if (strncmp(undis_rule_name((undis_rule)i), "HOST_PROTOCOL_", 14) != 0) {
            continue;
        }
        protocol_rules++;
        for (size_t j = 0; j < sizeof(fired) / sizeof(fired[0]); j++) {
            covered |= fired[j] == (undis_rule)i;
        }
        if (!covered) {
            printf("rule %s has no case in test_host_protocol_rules.c\n",
                   undis_rule_name((undis_rule)i));
        }
        CHECK(covered);
    }
    CHECK_EQ_INT(protocol_rules, (int)(sizeof(fired) / sizeof(fired[0])));
}

TEST_MAIN_BEGIN
TEST_CASE(protocol_rule_bad_characteristics_fails_the_load)
TEST_CASE(protocol_rule_receive_returned_twice)
TEST_CASE(protocol_rule_send_while_paused)
TEST_CASE(protocol_rule_source_handle)
TEST_CASE(protocol_rule_receive_held_at_pause)
TEST_CASE(protocol_rule_unbind_without_close)
TEST_CASE(protocol_rule_bind_completed_after_a_status)
TEST_CASE(protocol_rule_bad_open_parameters)
TEST_CASE(protocol_rule_resources_receive_returned)
TEST_CASE(protocol_rule_dispatch_flag_below_dispatch)
TEST_CASE(protocol_rule_oid_reissued_while_pending)
TEST_CASE(protocol_rules_each_has_a_case)
TEST_MAIN_END
