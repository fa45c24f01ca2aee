/*
 * test_host.c - the driver host (<undis/host.h>) running the example filter
 * driver examples/drivers/passthru_filter.c through its whole life:
 * DriverEntry and registration, attach and restart, both data paths (at
 * PASSIVE_LEVEL, at DISPATCH_LEVEL, from several threads), OID requests
 * answered by undis's miniport through the filter's clones, link status,
 * pause, restart, detach and unload; a driver with only the life handlers
 * is bypassed on every path; DriverEntry failures. No host rule may fire.
 */
#include "test.h"

#include <pthread.h>

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#define SEND_THREADS     4
#define SENDS_PER_THREAD 2000
#define FRAME_LEN        64

static struct {
    int reports;
    undis_rule last;
    ULONG wire_frames;
    ULONG64 wire_bytes;
    int keep_last; /* single-threaded cases only */
    UCHAR last_frame[FRAME_LEN];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    g.last = r->rule;
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static void
wire(void *context, const UCHAR *frame, ULONG length)
{
    (void)context;
    __atomic_add_fetch(&g.wire_frames, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&g.wire_bytes, length, __ATOMIC_RELAXED);
    if (g.keep_last && length == FRAME_LEN) {
        memcpy(g.last_frame, frame, FRAME_LEN);
    }
}

static void
make_frame(UCHAR *f, UCHAR seed)
{
    for (int i = 0; i < FRAME_LEN; i++) {
        f[i] = (UCHAR)(seed + i);
    }
}

static undis_host *
start(undis_host_driver_entry_fn *entry)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    undis_host_set_wire(host, wire, NULL);
    CHECK_EQ_INT((int)undis_host_load(host, entry, "passthru"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_RUNNING);
    return host;
}

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
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(host_registers_attaches_and_unloads)
{
    undis_host *host = start(DriverEntry);
    CHECK_STR_EQ(undis_host_driver_name(host), "undis pass-through filter");
    undis_host_unload(host);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    finish(host);
}

TEST(host_send_path_reaches_the_wire_and_completes)
{
    undis_host *host = start(DriverEntry);
    UCHAR f[FRAME_LEN];
    undis_host_stats s;
    g.keep_last = 1;
    for (int i = 0; i < 10; i++) {
        make_frame(f, (UCHAR)i);
        CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    CHECK(memcmp(g.last_frame, f, FRAME_LEN) == 0);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_nbls, 10);
    CHECK_EQ_INT((int)s.send_completed, 10);
    CHECK_EQ_INT((int)s.wire_out_nbls, 10);
    CHECK_EQ_INT((int)s.wire_out_bytes, 10 * FRAME_LEN);
    CHECK_EQ_INT((int)g.wire_frames, 10);
    finish(host);
}

TEST(host_receive_path_reaches_the_protocol_and_returns)
{
    undis_host *host = start(DriverEntry);
    UCHAR f[FRAME_LEN];
    undis_host_stats s;
    make_frame(f, 7);
    for (int i = 0; i < 10; i++) {
        ULONG flags = (i % 3 == 0) ? UNDIS_HOST_RECEIVE_RESOURCES : 0;
        CHECK_EQ_INT((int)undis_host_receive(host, f, FRAME_LEN, flags), (int)NDIS_STATUS_SUCCESS);
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.recv_nbls, 10);
    CHECK_EQ_INT((int)s.up_nbls, 10);
    CHECK_EQ_INT((int)s.up_bytes, 10 * FRAME_LEN);
    CHECK_EQ_INT((int)s.recv_returned, 10);
    finish(host);
}

TEST(host_data_paths_at_dispatch_level)
{
    undis_host *host = start(DriverEntry);
    UCHAR f[FRAME_LEN];
    KIRQL old;
    make_frame(f, 1);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_INT((int)undis_host_receive(host, f, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    }
    KeLowerIrql(old);
    CHECK_EQ_INT((int)KeGetCurrentIrql(), PASSIVE_LEVEL);
    finish(host);
}

static void *
sender(void *arg)
{
    undis_host *host = (undis_host *)arg;
    UCHAR f[FRAME_LEN];
    KIRQL old;
    make_frame(f, 3);
    for (int i = 0; i < SENDS_PER_THREAD; i++) {
        if (i % 2 == 0) {
            KeRaiseIrql(DISPATCH_LEVEL, &old);
            (void)undis_host_receive(host, f, FRAME_LEN, 0);
            KeLowerIrql(old);
        }
        (void)undis_host_send(host, f, FRAME_LEN);
    }
    return NULL;
}

TEST(host_sends_and_receives_from_several_threads)
{
    undis_host *host = start(DriverEntry);
    pthread_t t[SEND_THREADS];
    undis_host_stats s;
    for (int i = 0; i < SEND_THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, sender, host), 0);
    }
    for (int i = 0; i < SEND_THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.send_nbls, SEND_THREADS * SENDS_PER_THREAD);
    CHECK_EQ_INT((int)s.wire_out_nbls, SEND_THREADS * SENDS_PER_THREAD);
    CHECK_EQ_INT((int)s.recv_nbls, SEND_THREADS * SENDS_PER_THREAD / 2);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

TEST(host_oids_go_through_the_filter_to_the_miniport)
{
    undis_host *host = start(DriverEntry);
    UCHAR mac[6];
    ULONG filter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    ULONG got = 0;
    ULONG bytes = 0;
    NDIS_STATISTICS_INFO stats;
    NDIS_LINK_STATE link;
    undis_host_stats s;
    UCHAR f[FRAME_LEN];
    make_frame(f, 0);
    CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)bytes, 6);
    CHECK_EQ_INT(mac[0], 0x02);
    CHECK_EQ_INT(mac[5], 0x01);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestSetInformation, OID_GEN_CURRENT_PACKET_FILTER,
                                     &filter, sizeof(filter), &bytes),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation,
                                     OID_GEN_CURRENT_PACKET_FILTER, &got, sizeof(got), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)got, (int)filter);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_STATISTICS, &stats,
                                     sizeof(stats), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)stats.ifHCOutUcastPkts, 1);
    CHECK_EQ_INT((int)stats.ifHCOutOctets, FRAME_LEN);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_STATE, &link,
                                     4, &bytes),
                 (int)NDIS_STATUS_BUFFER_TOO_SHORT);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, 0x00ABCDEFu, &got,
                                     sizeof(got), NULL),
                 (int)NDIS_STATUS_INVALID_OID);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.oids, 6);
    CHECK_EQ_INT((int)s.miniport_oids, 6);
    finish(host);
}

TEST(host_link_status_goes_up_and_changes_the_link_oid)
{
    undis_host *host = start(DriverEntry);
    NDIS_LINK_STATE link;
    undis_host_stats s;
    undis_host_indicate_link(host, FALSE);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_GEN_LINK_STATE, &link,
                                     sizeof(link), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)link.MediaConnectState, (int)MediaConnectStateDisconnected);
    undis_host_indicate_link(host, TRUE);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.status_indications, 2);
    finish(host);
}

TEST(host_pause_restart_and_detach)
{
    undis_host *host = start(DriverEntry);
    UCHAR f[FRAME_LEN];
    make_frame(f, 9);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_PAUSED);
    CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_receive(host, f, FRAME_LEN, 0), (int)NDIS_STATUS_PAUSED);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    undis_host_detach(host);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

/* ---- a driver with only the life handlers: every path is bypassed -------- */

static NDIS_HANDLE g_min_driver;
static NDIS_HANDLE g_min_handle;

static NDIS_STATUS
min_attach(NDIS_HANDLE filter, NDIS_HANDLE context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)context;
    CHECK_EQ_INT(params->Header.Type, NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS);
    CHECK_EQ_INT((int)params->BaseMiniportIfIndex, (int)params->LowerIfIndex);
    CHECK_EQ_INT(params->MacAddressLength, 6);
    CHECK_EQ_INT((int)params->MediaConnectState, (int)MediaConnectStateConnected);
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    g_min_handle = filter;
    return NdisFSetAttributes(filter, &g_min_handle, &a);
}

static VOID
min_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
min_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    CHECK_EQ_INT(params->Header.Type, NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS);
    NdisFRestartComplete(g_min_handle, NDIS_STATUS_SUCCESS);
    return NDIS_STATUS_PENDING;
}

static NDIS_STATUS
min_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    NdisFPauseComplete(g_min_handle);
    return NDIS_STATUS_PENDING;
}

static NTSTATUS
min_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    c.MajorNdisVersion = 6;
    c.AttachHandler = min_attach;
    c.DetachHandler = min_detach;
    c.RestartHandler = min_restart;
    c.PauseHandler = min_pause;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g_min_driver);
}

TEST(host_bypasses_a_filter_without_data_handlers)
{
    undis_host *host = start(min_entry);
    UCHAR f[FRAME_LEN];
    UCHAR mac[6];
    undis_host_stats s;
    make_frame(f, 5);
    CHECK_EQ_INT((int)undis_host_send(host, f, FRAME_LEN), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_receive(host, f, FRAME_LEN, 0), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_receive(host, f, FRAME_LEN, UNDIS_HOST_RECEIVE_RESOURCES),
                 (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_oid(host, NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS,
                                     mac, sizeof(mac), NULL),
                 (int)NDIS_STATUS_SUCCESS);
    undis_host_indicate_link(host, TRUE);
    undis_host_get_stats(host, &s);
    CHECK_EQ_INT((int)s.wire_out_nbls, 1);
    CHECK_EQ_INT((int)s.up_nbls, 2);
    CHECK_EQ_INT((int)s.status_indications, 1);
    CHECK_EQ_INT((int)undis_host_pause(host, 1000), (int)NDIS_STATUS_SUCCESS);
    finish(host);
}

/* ---- DriverEntry failures ---------------------------------------------------- */

static NTSTATUS
failing_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)driver;
    (void)path;
    return STATUS_UNSUCCESSFUL;
}

static NTSTATUS
silent_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)driver;
    (void)path;
    return STATUS_SUCCESS;
}

TEST(host_load_fails_with_driver_entry)
{
    undis_host *host = NULL;
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, failing_entry, "failing"), (int)STATUS_UNSUCCESSFUL);
    CHECK_EQ_INT((int)undis_host_load(host, silent_entry, "silent"),
                 (int)NDIS_STATUS_BAD_CHARACTERISTICS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    CHECK_EQ_INT((int)undis_host_create(NULL), (int)NDIS_STATUS_INVALID_PARAMETER);
    undis_host_destroy(host);
    undis_host_destroy(NULL);
}

/* ---- allocation failures ------------------------------------------------------ */

/* Fail the nth allocation of one send and one receive: each fails with
 * NDIS_STATUS_RESOURCES or succeeds, and nothing is left out. */
TEST(host_data_paths_survive_allocation_failures)
{
    undis_host *host = start(DriverEntry);
    UCHAR f[FRAME_LEN];
    unsigned long long base = undis_alloc_outstanding();
    int failed = 0;
    make_frame(f, 2);
    for (unsigned long long n = 1; n <= 8; n++) {
        NDIS_STATUS s1, s2;
        undis_fault_alloc_fail_nth(n);
        s1 = undis_host_send(host, f, FRAME_LEN);
        s2 = undis_host_receive(host, f, FRAME_LEN, 0);
        undis_fault_clear();
        CHECK(s1 == NDIS_STATUS_SUCCESS || s1 == NDIS_STATUS_RESOURCES);
        CHECK(s2 == NDIS_STATUS_SUCCESS || s2 == NDIS_STATUS_RESOURCES);
        failed += (s1 != NDIS_STATUS_SUCCESS) + (s2 != NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(failed >= 2);
    finish(host);
}

/* Fail the nth allocation of the whole life (create, DriverEntry, attach):
 * each step fails cleanly and nothing leaks. */
TEST(host_life_survives_allocation_failures)
{
    unsigned long long base = undis_alloc_outstanding();
    int completed = 0;
    /* every failure point of create, load and attach, but only a sample of
     * the batch pool's UNDIS_HOST_FRAMES_POOL NBLs (the same path each) */
    for (unsigned long long n = 1; n <= 2000 && !completed;
         n += (n >= 16 && n + 97 < UNDIS_HOST_FRAMES_POOL) ? 97 : 1) {
        undis_host *host = NULL;
        NDIS_STATUS status;
        undis_fault_alloc_fail_nth(n);
        status = undis_host_create(&host);
        if (status == NDIS_STATUS_SUCCESS) {
            if (undis_host_load(host, DriverEntry, "passthru") == STATUS_SUCCESS) {
                status = undis_host_attach(host);
                completed = status == NDIS_STATUS_SUCCESS;
                CHECK(completed || status == NDIS_STATUS_RESOURCES);
            }
            undis_host_destroy(host);
        } else {
            CHECK_EQ_INT((int)status, (int)NDIS_STATUS_RESOURCES);
            CHECK(host == NULL);
        }
        undis_fault_clear();
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(completed);
}

TEST_MAIN_BEGIN
TEST_CASE(host_registers_attaches_and_unloads)
TEST_CASE(host_send_path_reaches_the_wire_and_completes)
TEST_CASE(host_receive_path_reaches_the_protocol_and_returns)
TEST_CASE(host_data_paths_at_dispatch_level)
TEST_CASE(host_sends_and_receives_from_several_threads)
TEST_CASE(host_oids_go_through_the_filter_to_the_miniport)
TEST_CASE(host_link_status_goes_up_and_changes_the_link_oid)
TEST_CASE(host_pause_restart_and_detach)
TEST_CASE(host_bypasses_a_filter_without_data_handlers)
TEST_CASE(host_load_fails_with_driver_entry)
TEST_CASE(host_data_paths_survive_allocation_failures)
TEST_CASE(host_life_survives_allocation_failures)
TEST_MAIN_END
