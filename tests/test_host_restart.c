/*
 * test_host_restart.c - NdisFRestartFilter: a filter module of the test's
 * own asks for a pause and restart of its stack from its send handler (at
 * DISPATCH_LEVEL), from its pause handler (while the life call holds the
 * life lock) and from its detach handler; the host's worker pauses the
 * stack, calls FilterSetModuleOptions and restarts it, with traffic before
 * and after. Bad handles and detached modules fail.
 */
#include "test.h"

#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

#define FRAME_LEN 64

static struct {
    NDIS_HANDLE driver, filter;
    char log[64]; /* P pause, O FilterSetModuleOptions, R restart, D detach */
    int nlog;
    int sends, restart_on_send, restart_in_pause, restart_in_detach;
    NDIS_STATUS send_status, pause_status, detach_status;
    KIRQL send_irql;
    int reports;
} g;

static void
note(char c)
{
    if (g.nlog + 1 < (int)sizeof(g.log)) {
        g.log[g.nlog++] = c;
        g.log[g.nlog] = '\0';
    }
}

static NDIS_STATUS
rs_attach(NDIS_HANDLE filter, NDIS_HANDLE driver_context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)driver_context;
    (void)params;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    g.filter = filter;
    return NdisFSetAttributes(filter, &g, &a);
}

static VOID
rs_detach(NDIS_HANDLE context)
{
    (void)context;
    note('D');
    if (g.restart_in_detach) {
        g.detach_status = NdisFRestartFilter(g.filter);
    }
}

static NDIS_STATUS
rs_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    (void)params;
    note('R');
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
rs_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    note('P');
    if (g.restart_in_pause) {
        g.pause_status = NdisFRestartFilter(g.filter);
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
rs_options(NDIS_HANDLE context)
{
    (void)context;
    note('O');
    return NDIS_STATUS_SUCCESS;
}

static VOID
rs_send(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG flags)
{
    (void)context;
    /* passed down first: undis's miniport completes it at once, so nothing
     * is out when the worker's pause comes (a filter that asked before
     * passing it on would send while pausing) */
    NdisFSendNetBufferLists(g.filter, nbls, port, flags);
    if (++g.sends == g.restart_on_send) {
        g.send_irql = KeGetCurrentIrql();
        g.send_status = NdisFRestartFilter(g.filter);
    }
}

static VOID
rs_send_complete(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    NdisFSendNetBufferListsComplete(g.filter, nbls, flags);
}

static VOID
rs_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g.driver);
}

static NTSTATUS
rs_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    NDIS_STRING name = RTL_CONSTANT_STRING(L"restarting filter");
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    c.MajorNdisVersion = 6;
    c.MinorNdisVersion = 30;
    c.FriendlyName = name;
    c.UniqueName = name;
    c.ServiceName = name;
    c.AttachHandler = rs_attach;
    c.DetachHandler = rs_detach;
    c.RestartHandler = rs_restart;
    c.PauseHandler = rs_pause;
    c.SetFilterModuleOptionsHandler = rs_options;
    c.SendNetBufferListsHandler = rs_send;
    c.SendNetBufferListsCompleteHandler = rs_send_complete;
    driver->DriverUnload = rs_unload;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g.driver);
}

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)r;
    (void)context;
    g.reports++;
    return UNDIS_REPORT_CONTINUE;
}

static UCHAR g_frame[FRAME_LEN];

static undis_host *
start(void)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, rs_entry, "restarter"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(g.log, "R");
    g.nlog = 0;
    g.log[0] = '\0';
    return host;
}

/* n sends at DISPATCH_LEVEL; how many the host took (not refused). */
static int
send_frames(undis_host *host, int n)
{
    int took = 0;
    for (int i = 0; i < n; i++) {
        KIRQL old;
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        took += undis_host_send(host, g_frame, FRAME_LEN) == NDIS_STATUS_SUCCESS;
        KeLowerIrql(old);
    }
    return took;
}

static void
finish(undis_host *host)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_nbls, (int)s.send_completed);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(restart_filter_pauses_and_restarts_the_stack)
{
    undis_host *host = start();
    undis_host_stats s;
    undis_host_driver_stats d;
    g.restart_on_send = 5;
    CHECK_EQ_INT(send_frames(host, 5), 5); /* the fifth asks, from its send handler */
    CHECK_EQ_INT((int)g.send_status, (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)g.send_irql, DISPATCH_LEVEL);
    CHECK_EQ_INT((int)undis_host_wait_filter_restarts(host, 2000), (int)NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(g.log, "POR"); /* FilterPause, FilterSetModuleOptions, FilterRestart */
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_RUNNING);
    CHECK_EQ_INT(send_frames(host, 5), 5); /* traffic flows again */
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.filter_restarts, 1);
    CHECK_EQ_INT((int)s.wire_out_nbls, 10);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &d), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)d.restart_requests, 1);
    CHECK_EQ_INT((int)d.pauses, 1);
    CHECK_EQ_INT((int)d.restarts, 2);
    finish(host);
}

/* Asked from FilterPause while undis_host_pause holds the life lock: the
 * call returns at once; the paused stack's next restart serves it. */
TEST(restart_filter_from_pause_handler_does_not_deadlock)
{
    undis_host *host = start();
    undis_host_stats s;
    g.restart_in_pause = 1;
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)g.pause_status, (int)NDIS_STATUS_SUCCESS);
    g.restart_in_pause = 0;
    CHECK_EQ_INT((int)undis_host_wait_filter_restarts(host, 2000), (int)NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(g.log, "P"); /* left paused */
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_PAUSED);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(g.log, "POR");
    CHECK_EQ_INT(send_frames(host, 3), 3);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.filter_restarts, 0);
    finish(host);
}

/* While undis_host_detach runs, a request fails; so does one from a
 * detached module, and one with a handle the host never gave. */
TEST(restart_filter_fails_while_detaching_and_when_detached)
{
    undis_host *host = start();
    g.restart_in_detach = 1;
    g.detach_status = NDIS_STATUS_SUCCESS;
    undis_host_detach(host);
    CHECK_EQ_INT((int)g.detach_status, (int)NDIS_STATUS_FAILURE);
    CHECK_STR_EQ(g.log, "PD");
    CHECK_EQ_INT((int)NdisFRestartFilter(g.filter), (int)NDIS_STATUS_FAILURE); /* detached */
    CHECK_EQ_INT((int)undis_host_wait_filter_restarts(host, 100), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

TEST(restart_filter_bad_input)
{
    static ULONG junk[8];
    CHECK_EQ_INT((int)NdisFRestartFilter(NULL), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)NdisFRestartFilter(junk), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)undis_host_wait_filter_restarts(NULL, 0), (int)NDIS_STATUS_INVALID_PARAMETER);
}

TEST_MAIN_BEGIN
TEST_CASE(restart_filter_pauses_and_restarts_the_stack)
TEST_CASE(restart_filter_from_pause_handler_does_not_deadlock)
TEST_CASE(restart_filter_fails_while_detaching_and_when_detached)
TEST_CASE(restart_filter_bad_input)
TEST_MAIN_END
