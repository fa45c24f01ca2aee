/*
 * test_host_frames.c - the driver host's batches (undis_host_send_frames,
 * undis_host_receive_frames): a chain of frames through the example
 * pass-through filter (examples/drivers/passthru_filter.c) both ways, in
 * order and counted, with and without NDIS_RECEIVE_FLAGS_RESOURCES; the
 * batch pool recycled with no allocation however many frames go through;
 * bad arguments and a paused module refused; a filter that holds the pool
 * empty gets NDIS_STATUS_RESOURCES until it completes; a filter without data
 * handlers bypassed; batches from several threads at DISPATCH_LEVEL.
 */
#include "test.h"

#include <pthread.h>

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#define FRAME_LEN 64
#define BATCH     32
#define THREADS   2
#define ROUNDS    200

static struct {
    int reports;
    ULONG wire_frames;
    int in_order; /* each frame's first byte is its index in the batch */
    UCHAR next;
} g;

static UCHAR g_frames[UNDIS_HOST_FRAMES_MAX][FRAME_LEN];
static const UCHAR *g_ptrs[UNDIS_HOST_FRAMES_MAX];
static ULONG g_lens[UNDIS_HOST_FRAMES_MAX];

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
    if (length != FRAME_LEN || frame[0] != g.next || frame[1] != 0xA5) {
        g.in_order = 0;
    }
    g.next = (UCHAR)(g.next + 1);
}

static void
make_frames(void)
{
    for (ULONG i = 0; i < UNDIS_HOST_FRAMES_MAX; i++) {
        memset(g_frames[i], 0xA5, FRAME_LEN);
        g_frames[i][0] = (UCHAR)i;
        g_ptrs[i] = g_frames[i];
        g_lens[i] = FRAME_LEN;
    }
}

static undis_host *
start(undis_host_driver_entry_fn *entry)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    g.in_order = 1;
    make_frames();
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, entry, "batch"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    return host;
}

static void
finish(undis_host *host)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, s.send_completed);
    CHECK_EQ_U64(s.recv_nbls, s.recv_returned);
    CHECK_EQ_U64(s.findings, 0);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(host_frames_send_chain_reaches_the_wire_in_order)
{
    undis_host *host = start(DriverEntry);
    undis_host_stats s;
    undis_host_set_wire(host, wire, NULL);
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, BATCH), NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, BATCH);
    CHECK_EQ_U64(s.send_bytes, BATCH * FRAME_LEN);
    CHECK_EQ_U64(s.wire_out_nbls, BATCH);
    CHECK_EQ_U64(s.wire_out_bytes, BATCH * FRAME_LEN);
    CHECK_EQ_U64(s.send_completed, BATCH);
    CHECK_EQ_INT((int)g.wire_frames, BATCH);
    CHECK(g.in_order);
    finish(host);
}

TEST(host_frames_receive_chain_with_and_without_resources)
{
    undis_host *host = start(DriverEntry);
    undis_host_stats s;
    KIRQL old;
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, 0), NDIS_STATUS_SUCCESS);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_STATUS(
        undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, UNDIS_HOST_RECEIVE_RESOURCES),
        NDIS_STATUS_SUCCESS);
    KeLowerIrql(old);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.recv_nbls, 2 * BATCH);
    CHECK_EQ_U64(s.recv_bytes, 2 * BATCH * FRAME_LEN);
    CHECK_EQ_U64(s.up_nbls, 2 * BATCH);
    CHECK_EQ_U64(s.up_bytes, 2 * BATCH * FRAME_LEN);
    CHECK_EQ_U64(s.recv_returned, 2 * BATCH);
    finish(host);
}

TEST(host_frames_recycles_the_pool_without_allocating)
{
    undis_host *host = start(DriverEntry);
    unsigned long long allocs;
    undis_host_stats s;
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX),
                 NDIS_STATUS_SUCCESS);
    allocs = undis_alloc_outstanding();
    for (int r = 0; r < ROUNDS; r++) {
        CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX),
                     NDIS_STATUS_SUCCESS);
        CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX, 0),
                     NDIS_STATUS_SUCCESS);
    }
    CHECK_EQ_U64(undis_alloc_outstanding(), allocs);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, (ROUNDS + 1) * UNDIS_HOST_FRAMES_MAX);
    CHECK_EQ_U64(s.recv_nbls, ROUNDS * UNDIS_HOST_FRAMES_MAX);
    finish(host);
}

TEST(host_frames_refuses_bad_arguments_and_a_paused_module)
{
    undis_host *host = start(DriverEntry);
    const UCHAR *null_frame[1] = { NULL };
    ULONG zero[1] = { 0 };
    ULONG big[1] = { UNDIS_HOST_FRAMES_FRAME_MAX + 1 };
    CHECK_STATUS(undis_host_send_frames(NULL, g_ptrs, g_lens, 1), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, 0), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX + 1),
                 NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_send_frames(host, null_frame, g_lens, 1),
                 NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, zero, 1, 0),
                 NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, big, 1, 0), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_receive_frames(host, NULL, g_lens, 1, 0),
                 NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_pause(host, 1000), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, BATCH), NDIS_STATUS_PAUSED);
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, 0), NDIS_STATUS_PAUSED);
    CHECK_STATUS(undis_host_restart(host), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, BATCH), NDIS_STATUS_SUCCESS);
    finish(host);
}

/* ---- a filter that holds every send until told ------------------------------ */

static NDIS_HANDLE g_hold_driver;
static NDIS_HANDLE g_hold_handle;
static PNET_BUFFER_LIST g_held;

static NDIS_STATUS
hold_attach(NDIS_HANDLE filter, NDIS_HANDLE context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)context;
    (void)params;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    g_hold_handle = filter;
    return NdisFSetAttributes(filter, &g_hold_handle, &a);
}

static VOID
hold_detach(NDIS_HANDLE context)
{
    (void)context;
}

static NDIS_STATUS
hold_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
hold_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)context;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static VOID
hold_send(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG flags)
{
    (void)context;
    (void)port;
    (void)flags;
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        NET_BUFFER_LIST_NEXT_NBL(nbls) = g_held;
        g_held = nbls;
        nbls = next;
    }
}

static VOID
hold_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g_hold_driver);
}

static NTSTATUS
hold_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    c.MajorNdisVersion = 6;
    c.AttachHandler = hold_attach;
    c.DetachHandler = hold_detach;
    c.RestartHandler = hold_restart;
    c.PauseHandler = hold_pause;
    c.SendNetBufferListsHandler = hold_send;
    driver->DriverUnload = hold_unload;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g_hold_driver);
}

TEST(host_frames_pool_held_by_the_filter_gives_resources)
{
    undis_host *host = start(hold_entry);
    undis_host_stats s;
    g_held = NULL;
    for (ULONG n = 0; n < UNDIS_HOST_FRAMES_POOL; n += UNDIS_HOST_FRAMES_MAX) {
        CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX),
                     NDIS_STATUS_SUCCESS);
    }
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, 1), NDIS_STATUS_RESOURCES);
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, g_lens, 1, 0), NDIS_STATUS_RESOURCES);
    NdisFSendNetBufferListsComplete(g_hold_handle, g_held, 0); /* all back at once */
    g_held = NULL;
    CHECK_STATUS(undis_host_send_frames(host, g_ptrs, g_lens, UNDIS_HOST_FRAMES_MAX),
                 NDIS_STATUS_SUCCESS);
    NdisFSendNetBufferListsComplete(g_hold_handle, g_held, 0);
    g_held = NULL;
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, UNDIS_HOST_FRAMES_POOL + UNDIS_HOST_FRAMES_MAX);
    finish(host);
}

TEST(host_frames_bypasses_a_filter_without_data_handlers)
{
    undis_host *host = start(hold_entry);
    undis_host_stats s;
    /* hold_entry has a send handler only: receives are bypassed */
    CHECK_STATUS(undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, 0), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(
        undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, UNDIS_HOST_RECEIVE_RESOURCES),
        NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.up_nbls, 2 * BATCH);
    CHECK_EQ_U64(s.recv_returned, 2 * BATCH);
    finish(host);
}

static void *
batcher(void *arg)
{
    undis_host *host = (undis_host *)arg;
    KIRQL old;
    for (int r = 0; r < ROUNDS; r++) {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        while (undis_host_send_frames(host, g_ptrs, g_lens, BATCH) != NDIS_STATUS_SUCCESS) {
        }
        while (undis_host_receive_frames(host, g_ptrs, g_lens, BATCH, 0) != NDIS_STATUS_SUCCESS) {
        }
        KeLowerIrql(old);
    }
    return NULL;
}

TEST(host_frames_from_several_threads_at_dispatch_level)
{
    undis_host *host = start(DriverEntry);
    pthread_t t[THREADS];
    undis_host_stats s;
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_create(&t[i], NULL, batcher, host), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ_INT(pthread_join(t[i], NULL), 0);
    }
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, THREADS * ROUNDS * BATCH);
    CHECK_EQ_U64(s.wire_out_nbls, THREADS * ROUNDS * BATCH);
    CHECK_EQ_U64(s.up_nbls, THREADS * ROUNDS * BATCH);
    CHECK_STATUS(undis_host_pause(host, 1000), NDIS_STATUS_SUCCESS);
    finish(host);
}

TEST_MAIN_BEGIN
TEST_CASE(host_frames_send_chain_reaches_the_wire_in_order)
TEST_CASE(host_frames_receive_chain_with_and_without_resources)
TEST_CASE(host_frames_recycles_the_pool_without_allocating)
TEST_CASE(host_frames_refuses_bad_arguments_and_a_paused_module)
TEST_CASE(host_frames_pool_held_by_the_filter_gives_resources)
TEST_CASE(host_frames_bypasses_a_filter_without_data_handlers)
TEST_CASE(host_frames_from_several_threads_at_dispatch_level)
TEST_MAIN_END
