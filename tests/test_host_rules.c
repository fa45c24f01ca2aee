/*
 * test_host_rules.c - every host rule (domain UNDIS_DOMAIN_HOST of
 * <undis/report.h>) fires: the example filter driver, built with
 * PASSTHRU_BREAKS, breaks one of NDIS's hand-off rules on purpose
 * (PassthruBreak), the host reports it by name through the one report path,
 * and the host recovers (the NBLs reach their owners, the life goes on).
 * The last case checks that the table has no host rule without a case here.
 */
#include "test.h"

#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */
extern ULONG PassthruBreak;

#define FRAME_LEN 64

static struct {
    int count[UNDIS_RULE_COUNT];
    int reports;
    char message[600];
    const void *nbl;
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    if ((unsigned)r->rule < UNDIS_RULE_COUNT) {
        g.count[r->rule]++;
    }
    g.reports++;
    g.nbl = r->net_buffer_list;
    (void)snprintf(g.message, sizeof(g.message), "%s", r->message);
    printf("report: %s in %s: %s\n", r->rule_name, r->function ? r->function : "?", r->message);
    return UNDIS_REPORT_CONTINUE;
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
start(ULONG which)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    PassthruBreak = which;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "passthru"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

/* The rule fired (at least once) and no other did; the counts balance. */
static void
expect_only(undis_host *host, undis_rule rule)
{
    undis_host_destroy(host);
    PassthruBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK(g.count[rule] >= 1);
    CHECK_EQ_INT(g.reports, g.count[rule]);
}

static void
balanced(undis_host *host)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_nbls, (int)s.send_completed);
    CHECK_EQ_INT((int)s.recv_nbls, (int)s.recv_returned);
    CHECK(s.findings >= 1);
}

TEST(host_rule_bad_characteristics)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    PassthruBreak = 1;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "passthru"),
                 (int)NDIS_STATUS_BAD_CHARACTERISTICS);
    CHECK(strstr(g.message, "Header.Size") != NULL);
    expect_only(host, UNDIS_RULE_HOST_BAD_CHARACTERISTICS);
}

TEST(host_rule_nbl_completed_twice)
{
    undis_host *host = start(2);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "completed twice") != NULL);
    balanced(host);
    expect_only(host, UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING);
}

TEST(host_rule_pause_names_the_nbl_still_out)
{
    undis_host *host = start(3);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_completed, 0);
    CHECK_EQ_INT((int)undis_host_pause(host, 2000), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "1 NBL(s) still out") != NULL);
    CHECK(strstr(g.message, "held by the filter since FilterSendNetBufferLists") != NULL);
    CHECK(g.nbl != NULL);
    expect_only(host, UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE);
}

TEST(host_rule_pause_that_never_completes_names_the_nbl)
{
    undis_host *host = start(10);
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_pause(host, 50), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_PAUSING);
    CHECK(strstr(g.message, "1 NBL(s) still out") != NULL);
    CHECK(strstr(g.message, "held by the filter since FilterSendNetBufferLists") != NULL);
    expect_only(host, UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE);
}

TEST(host_rule_resources_receive_returned)
{
    undis_host *host = start(4);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, UNDIS_HOST_RECEIVE_RESOURCES),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_KEPT_PAST_RESOURCES], 1);
    balanced(host);
    expect_only(host, UNDIS_RULE_HOST_KEPT_PAST_RESOURCES);
}

TEST(host_rule_send_while_pausing)
{
    undis_host *host = start(5);
    CHECK_EQ_INT((int)undis_host_pause(host, 2000), (int)NDIS_STATUS_SUCCESS);
    CHECK(strstr(g.message, "pausing") != NULL);
    expect_only(host, UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING);
}

TEST(host_rule_source_handle)
{
    undis_host *host = start(6);
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.wire_out_nbls, 2); /* the protocol's frame and the filter's */
    balanced(host);
    expect_only(host, UNDIS_RULE_HOST_BAD_SOURCE_HANDLE);
}

TEST(host_rule_dispatch_flag_below_dispatch)
{
    undis_host *host = start(7);
    KIRQL old;
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH], 1);
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* at DISPATCH_LEVEL the flag is right */
    CHECK_EQ_INT((int)undis_host_send(host, g_frame, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    KeLowerIrql(old);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH], 1);
    balanced(host);
    expect_only(host, UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH);
}

TEST(host_rule_oid_completed_twice)
{
    undis_host *host = start(8);
    UCHAR mac[6];
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    expect_only(host, UNDIS_RULE_HOST_OID_COMPLETED_TWICE);
}

TEST(host_rule_receive_completed_as_a_send)
{
    undis_host *host = start(9);
    CHECK_EQ_INT((int)undis_host_receive(host, g_frame, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    balanced(host);
    expect_only(host, UNDIS_RULE_HOST_NBL_WRONG_CALL);
}

TEST(host_rules_each_has_a_case)
{
    static const undis_rule fired[] = {
        UNDIS_RULE_HOST_BAD_CHARACTERISTICS,
        UNDIS_RULE_HOST_NBL_NOT_OUTSTANDING,
        UNDIS_RULE_HOST_NBL_OUTSTANDING_AT_PAUSE,
        UNDIS_RULE_HOST_KEPT_PAST_RESOURCES,
        UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING,
        UNDIS_RULE_HOST_BAD_SOURCE_HANDLE,
        UNDIS_RULE_HOST_DISPATCH_FLAG_MISMATCH,
        UNDIS_RULE_HOST_OID_COMPLETED_TWICE,
        UNDIS_RULE_HOST_NBL_WRONG_CALL,
        UNDIS_RULE_HOST_LEAK_AT_UNLOAD, /* test_host_kserv.c: host_rule_leak_* */
        /* the miniport role's rules fire in test_host_miniport_rules.c */
        UNDIS_RULE_HOST_MINIPORT_BAD_ATTRIBUTES,
        UNDIS_RULE_HOST_MINIPORT_RECEIVE_COUNT,
    };
    int host_rules = 0;
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        int covered = 0;
        /* The device rules have their cases in test_host_device_rules.c, the
         * protocol role's in test_host_protocol_rules.c. */
        if (undis_rule_domain((undis_rule)i) != UNDIS_DOMAIN_HOST ||
            strncmp(undis_rule_name((undis_rule)i), "HOST_DEVICE_", 12) == 0 ||
            strncmp(undis_rule_name((undis_rule)i), "HOST_PROTOCOL_", 14) == 0) {
            continue;
        }
        host_rules++;
        for (size_t j = 0; j < sizeof(fired) / sizeof(fired[0]); j++) {
            covered |= fired[j] == (undis_rule)i;
        }
        if (!covered) {
            printf("host rule %s has no case in test_host_rules.c (or test_host_kserv.c)\n",
                   undis_rule_name((undis_rule)i));
        }
        CHECK(covered);
    }
    CHECK_EQ_INT(host_rules, (int)(sizeof(fired) / sizeof(fired[0])));
}

TEST_MAIN_BEGIN
TEST_CASE(host_rule_bad_characteristics)
TEST_CASE(host_rule_nbl_completed_twice)
TEST_CASE(host_rule_pause_names_the_nbl_still_out)
TEST_CASE(host_rule_pause_that_never_completes_names_the_nbl)
TEST_CASE(host_rule_resources_receive_returned)
TEST_CASE(host_rule_send_while_pausing)
TEST_CASE(host_rule_source_handle)
TEST_CASE(host_rule_dispatch_flag_below_dispatch)
TEST_CASE(host_rule_oid_completed_twice)
TEST_CASE(host_rule_receive_completed_as_a_send)
TEST_CASE(host_rules_each_has_a_case)
TEST_MAIN_END
