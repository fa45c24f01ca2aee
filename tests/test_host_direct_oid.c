/*
 * test_host_direct_oid.c - direct OID requests through the host's stack
 * (host_direct_oid.c): undis_host_direct_oid down a filter of the test's
 * own with FilterDirectOidRequest (passing the request on, or answering it
 * by NDIS_STATUS_PENDING and NdisFDirectOidRequestComplete), past a filter
 * without direct handlers (the example pass-through filter), to undis's
 * miniport or to the example loopback miniport, given a
 * MiniportDirectOidRequest here (white-box: the host's copy of its
 * characteristics) or left without one (NDIS_STATUS_NOT_SUPPORTED). A
 * second completion is HOST_OID_COMPLETED_TWICE.
 */
#include "test.h"

#include "host/host_internal.h"

#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE LoopbackDriverEntry; /* loopback_miniport.c, renamed */
DRIVER_INITIALIZE DriverEntry;         /* passthru_filter.c */

enum df_mode { DF_PASS, DF_PEND_SELF, DF_TWICE };

static struct {
    NDIS_HANDLE driver, filter;
    enum df_mode mode;
    int mp_pend;  /* the miniport's direct handler pends (completes first) */
    int mp_twice; /* ... and completes a second time */
    ULONG mp_calls;
    int reports;
    undis_rule last;
    undis_host *host;
} g;

static NDIS_STATUS
df_attach(NDIS_HANDLE filter, NDIS_HANDLE driver_context, PNDIS_FILTER_ATTACH_PARAMETERS params)
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
df_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
df_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
df_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static void
answer(PNDIS_OID_REQUEST r, ULONG value)
{
    if (r->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
        memcpy(r->DATA.QUERY_INFORMATION.InformationBuffer, &value, sizeof(value));
        r->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
    }
}

static NDIS_STATUS
df_direct(NDIS_HANDLE context, PNDIS_OID_REQUEST r)
{
    (void)context;
    switch (g.mode) {
    case DF_PEND_SELF:
        answer(r, 0x1234);
        NdisFDirectOidRequestComplete(g.filter, r, NDIS_STATUS_SUCCESS);
        return NDIS_STATUS_PENDING;
    case DF_TWICE:
        NdisFDirectOidRequestComplete(g.filter, r, NDIS_STATUS_SUCCESS);
        return NDIS_STATUS_SUCCESS; /* completed, and a status: twice */
    default:
        return NdisFDirectOidRequest(g.filter, r);
    }
}

static VOID
df_direct_complete(NDIS_HANDLE context, PNDIS_OID_REQUEST r, NDIS_STATUS status)
{
    (void)context;
    NdisFDirectOidRequestComplete(g.filter, r, status); /* up, as it came */
}

static VOID
df_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g.driver);
}

static NTSTATUS
df_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    NDIS_STRING name = RTL_CONSTANT_STRING(L"direct OID filter");
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
    c.AttachHandler = df_attach;
    c.DetachHandler = df_detach;
    c.RestartHandler = df_restart;
    c.PauseHandler = df_pause;
    c.DirectOidRequestHandler = df_direct;
    c.DirectOidRequestCompleteHandler = df_direct_complete;
    driver->DriverUnload = df_unload;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g.driver);
}

/* The loopback's MiniportDirectOidRequest, given here. */
static NDIS_STATUS
mp_direct(NDIS_HANDLE context, PNDIS_OID_REQUEST r)
{
    NDIS_HANDLE adapter = &g.host->adapter.handle;
    (void)context;
    g.mp_calls++;
    answer(r, 0xbeef);
    if (!g.mp_pend) {
        return NDIS_STATUS_SUCCESS;
    }
    NdisMDirectOidRequestComplete(adapter, r, NDIS_STATUS_SUCCESS);
    if (g.mp_twice) {
        NdisMDirectOidRequestComplete(adapter, r, NDIS_STATUS_SUCCESS);
    }
    return NDIS_STATUS_PENDING;
}

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    g.last = r->rule;
    return UNDIS_REPORT_CONTINUE;
}

/* A host with the drivers of entries (NULL-ended) loaded and attached; the
 * loopback given a direct handler when direct. */
static undis_host *
start(undis_host_driver_entry_fn *const *entries, int direct)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    g.host = host;
    for (int i = 0; entries[i] != NULL; i++) {
        CHECK_EQ_INT((int)undis_host_load(host, entries[i], i == 0 ? "first" : "next"),
                     (int)STATUS_SUCCESS);
    }
    if (direct) {
        CHECK(host->miniport_driver != NULL);
        host->miniport_driver->miniport_chars.DirectOidRequestHandler = mp_direct;
    }
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

static void
finish(undis_host *host, int reports)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.direct_oids, (int)s.direct_oids_completed);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, reports);
    undis_report_set_hook(NULL, NULL);
}

TEST(direct_oid_through_a_filter_to_undis_miniport)
{
    undis_host_driver_entry_fn *const entries[] = { df_entry, NULL };
    undis_host *host = start(entries, 0);
    UCHAR mac[6] = { 0 };
    ULONG bytes = 0;
    undis_host_driver_stats d;
    undis_host_stats s;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation,
                                            OID_802_3_CURRENT_ADDRESS, mac, sizeof(mac), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 6);
    CHECK_EQ_INT(mac[5], 0x01);
    /* an ordinary OID bypasses the filter (it has no FilterOidRequest) */
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &d), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)d.direct_oids, 1);
    CHECK_EQ_INT((int)d.oids, 0);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.direct_oids, 1);
    CHECK_EQ_INT((int)s.miniport_oids, 2);
    finish(host, 0);
}

TEST(direct_oid_pended_and_completed_by_the_filter)
{
    undis_host_driver_entry_fn *const entries[] = { df_entry, NULL };
    undis_host *host = start(entries, 0);
    ULONG value = 0;
    undis_host_stats s;
    g.mode = DF_PEND_SELF;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryStatistics, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)value, 0x1234);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.miniport_oids, 0);
    finish(host, 0);
}

/* The pass-through filter on top has no direct handlers: bypassed. */
TEST(direct_oid_bypasses_a_filter_without_direct_handlers)
{
    undis_host_driver_entry_fn *const entries[] = { DriverEntry, df_entry, NULL };
    undis_host *host = start(entries, 0);
    ULONG value = 0;
    undis_host_driver_stats top, below;
    g.mode = DF_PEND_SELF;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)value, 0x1234);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 0, &top), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 1, &below), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)top.direct_oids, 0);
    CHECK_EQ_INT((int)below.direct_oids, 1);
    finish(host, 0);
}

/* Through the filter to the loopback miniport's MiniportDirectOidRequest,
 * answered at once, then pended (NdisMDirectOidRequestComplete up to the
 * filter's FilterDirectOidRequestComplete, then up to undis's protocol). */
TEST(direct_oid_to_a_miniport_driver)
{
    undis_host_driver_entry_fn *const entries[] = { df_entry, LoopbackDriverEntry, NULL };
    undis_host *host = start(entries, 1);
    ULONG value = 0;
    undis_host_driver_stats mp;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)value, 0xbeef);
    value = 0;
    g.mp_pend = 1;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)value, 0xbeef);
    CHECK_EQ_INT((int)g.mp_calls, 2);
    CHECK_EQ_INT((int)undis_host_get_driver_stats(host, 1, &mp), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)mp.direct_oids, 2);
    finish(host, 0);
}

TEST(direct_oid_to_a_miniport_without_a_direct_handler_is_not_supported)
{
    undis_host_driver_entry_fn *const entries[] = { LoopbackDriverEntry, NULL };
    undis_host *host = start(entries, 0);
    ULONG value = 0;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    finish(host, 0);
}

TEST(direct_oid_completed_twice_by_a_filter_is_reported)
{
    undis_host_driver_entry_fn *const entries[] = { df_entry, NULL };
    undis_host *host = start(entries, 0);
    ULONG value = 0;
    NDIS_OID_REQUEST never;
    g.mode = DF_TWICE;
    (void)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED, &value,
                                sizeof(value), NULL);
    CHECK_EQ_INT(g.reports, 1);
    CHECK_EQ_INT((int)g.last, (int)UNDIS_RULE_HOST_OID_COMPLETED_TWICE);
    memset(&never, 0, sizeof(never));
    NdisFDirectOidRequestComplete(g.filter, &never, NDIS_STATUS_SUCCESS); /* never given */
    CHECK_EQ_INT(g.reports, 2);
    CHECK_EQ_INT((int)g.last, (int)UNDIS_RULE_HOST_OID_COMPLETED_TWICE);
    finish(host, 2);
}

TEST(direct_oid_completed_twice_by_a_miniport_is_reported)
{
    undis_host_driver_entry_fn *const entries[] = { LoopbackDriverEntry, NULL };
    undis_host *host = start(entries, 1);
    ULONG value = 0;
    g.mp_pend = 1;
    g.mp_twice = 1;
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.reports, 1);
    CHECK_EQ_INT((int)g.last, (int)UNDIS_RULE_HOST_OID_COMPLETED_TWICE);
    finish(host, 1);
}

TEST(direct_oid_bad_input)
{
    static ULONG junk[8];
    undis_host *host = NULL;
    ULONG value = 0;
    NDIS_OID_REQUEST r;
    memset(&r, 0, sizeof(r));
    CHECK_EQ_INT((int)undis_host_direct_oid(NULL, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_SPEED,
                                            &value, sizeof(value), NULL),
                 (int)NDIS_STATUS_INVALID_DEVICE_REQUEST); /* nothing attached */
    CHECK_EQ_INT((int)undis_host_direct_oid(host, NdisRequestMethod, OID_GEN_LINK_SPEED, &value,
                                            sizeof(value), NULL),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)NdisFDirectOidRequest(junk, &r), (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT((int)NdisFDirectOidRequest(NULL, &r), (int)NDIS_STATUS_INVALID_PARAMETER);
    NdisFDirectOidRequestComplete(junk, &r, NDIS_STATUS_SUCCESS); /* a message, nothing else */
    NdisMDirectOidRequestComplete(junk, &r, NDIS_STATUS_SUCCESS); /* a message, nothing else */
    undis_host_destroy(host);
}

TEST_MAIN_BEGIN
TEST_CASE(direct_oid_through_a_filter_to_undis_miniport)
TEST_CASE(direct_oid_pended_and_completed_by_the_filter)
TEST_CASE(direct_oid_bypasses_a_filter_without_direct_handlers)
TEST_CASE(direct_oid_to_a_miniport_driver)
TEST_CASE(direct_oid_to_a_miniport_without_a_direct_handler_is_not_supported)
TEST_CASE(direct_oid_completed_twice_by_a_filter_is_reported)
TEST_CASE(direct_oid_completed_twice_by_a_miniport_is_reported)
TEST_CASE(direct_oid_bad_input)
TEST_MAIN_END
