/*
 * test_host_device_rules.c - every device rule of the host (HOST_DEVICE_*
 * in <undis/report.h>) fires: the example devctl filter, built with
 * DEVCTL_BREAKS, breaks one of the I/O manager's rules on purpose
 * (DevctlBreak); the host names the device and the major function through
 * the one report path and goes on. The last case checks that no device
 * rule lacks a case here.
 */
#include "test.h"

#include <undis/host.h>
#include <undis/report.h>

#include "devctl_filter.h"

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/devctl_filter.c */
extern ULONG DevctlBreak;

static struct {
    int count[UNDIS_RULE_COUNT];
    int reports;
    char message[600];
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
    (void)snprintf(g.function, sizeof(g.function), "%s", r->function ? r->function : "?");
    printf("report: %s in %s: %s\n", r->rule_name, g.function, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static undis_host *
start(ULONG which, undis_host_file **file)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    DevctlBreak = which;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "devctl"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_open(host, DEVCTL_USER_NAME, file), (int)STATUS_SUCCESS);
    return host;
}

/* The rule fired (at least once), no other did, and the report named the
 * device. */
static void
expect_only(undis_host *host, undis_rule rule)
{
    undis_host_destroy(host);
    DevctlBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK(g.count[rule] >= 1);
    CHECK_EQ_INT(g.reports, g.count[rule]);
    CHECK(strstr(g.message, "UndisDevctl") != NULL);
}

TEST(device_rule_bad_attributes)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    DevctlBreak = 1;
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, DriverEntry, "devctl"),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK(undis_host_device_at(host, 0) == NULL);
    undis_host_destroy(host);
    DevctlBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DEVICE_BAD_ATTRIBUTES], 1);
    CHECK_EQ_INT(g.reports, 1);
    CHECK(strstr(g.message, "Header.Size") != NULL);
}

TEST(device_rule_irp_completed_twice)
{
    undis_host_file *file = NULL;
    undis_host *host = start(2, &file);
    DEVCTL_COUNTERS c;
    ULONG bytes = 0;
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_QUERY_COUNTERS, NULL, 0, &c,
                                              sizeof(c), &bytes, 1000),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, (int)sizeof(c));
    CHECK(strstr(g.message, "IRP_MJ_DEVICE_CONTROL") != NULL);
    undis_host_device_close(file);
    expect_only(host, UNDIS_RULE_HOST_DEVICE_IRP_COMPLETED_TWICE);
}

TEST(device_rule_pending_not_marked)
{
    undis_host_file *file = NULL;
    undis_host *host = start(3, &file);
    UCHAR data[8];
    ULONG bytes = 0;
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), &bytes, 20),
                 (int)STATUS_IO_TIMEOUT);
    CHECK(strstr(g.message, "without IoMarkIrpPending") != NULL);
    CHECK_STR_EQ(g.function, "IRP_MJ_READ");
    undis_host_device_close(file); /* cancelled */
    expect_only(host, UNDIS_RULE_HOST_DEVICE_PENDING_NOT_MARKED);
}

TEST(device_rule_irp_not_completed)
{
    undis_host_file *file = NULL;
    undis_host *host = start(4, &file);
    CHECK_EQ_INT((int)undis_host_device_ioctl(file, IOCTL_DEVCTL_RESET_COUNTERS, NULL, 0, NULL, 0,
                                              NULL, 1000),
                 (int)STATUS_SUCCESS);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DEVICE_IRP_NOT_COMPLETED], 1);
    /* The IRP the driver kept is still pending at close (no cancel routine). */
    undis_host_device_close(file);
    undis_host_destroy(host);
    DevctlBreak = 0;
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g.count[UNDIS_RULE_HOST_DEVICE_PENDING_AT_CLOSE], 1);
    CHECK_EQ_INT(g.reports, 2);
}

TEST(device_rule_cancel_routine_at_completion)
{
    undis_host_file *file = NULL;
    undis_host *host = start(5, &file);
    undis_host_file *writer = NULL;
    UCHAR data[8];
    ULONG bytes = 0;
    CHECK_EQ_INT((int)undis_host_device_open(host, DEVCTL_USER_NAME, &writer), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), &bytes, 10),
                 (int)STATUS_IO_TIMEOUT);
    CHECK_EQ_INT((int)undis_host_device_write(writer, "late", 4, &bytes, 1000),
                 (int)STATUS_SUCCESS);
    CHECK(strstr(g.message, "IRP_MJ_READ") != NULL);
    undis_host_device_close(writer);
    undis_host_device_close(file);
    expect_only(host, UNDIS_RULE_HOST_DEVICE_CANCEL_ROUTINE_AT_COMPLETION);
}

TEST(device_rule_pending_at_close)
{
    undis_host_file *file = NULL;
    undis_host *host = start(6, &file);
    UCHAR data[8];
    CHECK_EQ_INT((int)undis_host_device_read(file, data, sizeof(data), NULL, 10),
                 (int)STATUS_IO_TIMEOUT);
    undis_host_device_close(file);
    CHECK(strstr(g.message, "IRP_MJ_READ") != NULL);
    CHECK(strstr(g.message, "no cancel routine") != NULL);
    expect_only(host, UNDIS_RULE_HOST_DEVICE_PENDING_AT_CLOSE);
}

TEST(device_rule_registered_at_unload)
{
    undis_host_file *file = NULL;
    undis_host *host = start(7, &file);
    undis_host_device_close(file);
    undis_host_unload(host);
    CHECK(undis_host_device_at(host, 0) == NULL);
    CHECK(strstr(g.message, "NdisDeregisterDeviceEx") != NULL);
    expect_only(host, UNDIS_RULE_HOST_DEVICE_REGISTERED_AT_UNLOAD);
}

TEST(device_rules_each_has_a_case)
{
    static const undis_rule fired[] = {
        UNDIS_RULE_HOST_DEVICE_BAD_ATTRIBUTES,
        UNDIS_RULE_HOST_DEVICE_IRP_COMPLETED_TWICE,
        UNDIS_RULE_HOST_DEVICE_PENDING_NOT_MARKED,
        UNDIS_RULE_HOST_DEVICE_IRP_NOT_COMPLETED,
        UNDIS_RULE_HOST_DEVICE_CANCEL_ROUTINE_AT_COMPLETION,
        UNDIS_RULE_HOST_DEVICE_PENDING_AT_CLOSE,
        UNDIS_RULE_HOST_DEVICE_REGISTERED_AT_UNLOAD,
    };
    int device_rules = 0;
    for (int i = 1; i < (int)UNDIS_RULE_COUNT; i++) {
        int covered = 0;
        if (strncmp(undis_rule_name((undis_rule)i), "HOST_DEVICE_", 12) != 0) {
            continue;
        }
        CHECK_EQ_INT((int)undis_rule_domain((undis_rule)i), (int)UNDIS_DOMAIN_HOST);
        device_rules++;
        for (size_t j = 0; j < sizeof(fired) / sizeof(fired[0]); j++) {
            covered |= fired[j] == (undis_rule)i;
        }
        if (!covered) {
            printf("device rule %s has no case here\n", undis_rule_name((undis_rule)i));
        }
        CHECK(covered);
    }
    CHECK_EQ_INT(device_rules, (int)(sizeof(fired) / sizeof(fired[0])));
}

TEST_MAIN_BEGIN
TEST_CASE(device_rule_bad_attributes)
TEST_CASE(device_rule_irp_completed_twice)
TEST_CASE(device_rule_pending_not_marked)
TEST_CASE(device_rule_irp_not_completed)
TEST_CASE(device_rule_cancel_routine_at_completion)
TEST_CASE(device_rule_pending_at_close)
TEST_CASE(device_rule_registered_at_unload)
TEST_CASE(device_rules_each_has_a_case)
TEST_MAIN_END
