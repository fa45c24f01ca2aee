/*
 * test_host_nbls.c - the caller's own NBLs through the driver host
 * (undis_host_send_nbls, undis_host_indicate_nbls) with the example
 * pass-through filter (examples/drivers/passthru_filter.c): each comes back
 * once through the callback, with the status the miniport edge gave it; the
 * edge observers see every chain; bad arguments and a paused module are
 * refused with the NBLs left alone.
 */
#include "test.h"

#include <undis/host.h>
#include <undis/report.h>

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

#define NBLS      4
#define FRAME_LEN 60

static struct {
    int reports;
    PNET_BUFFER_LIST back[2 * NBLS];
    int nback;
    int sent, received;
    ULONG received_flags;
} g;

static NDIS_HANDLE g_pool;
static UCHAR g_data[NBLS][FRAME_LEN];
static PMDL g_mdl[NBLS];
static PNET_BUFFER_LIST g_nbl[NBLS];

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static void
back(void *context, PNET_BUFFER_LIST nbl)
{
    (void)context;
    CHECK(NET_BUFFER_LIST_NEXT_NBL(nbl) == NULL);
    if (g.nback < 2 * NBLS) {
        g.back[g.nback++] = nbl;
    }
}

static void
edge_send(void *context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    (void)flags;
    for (; nbls != NULL; nbls = NET_BUFFER_LIST_NEXT_NBL(nbls)) {
        g.sent++;
        if (nbls == g_nbl[1]) {
            NET_BUFFER_LIST_STATUS(nbls) = NDIS_STATUS_FAILURE; /* the miniport fails it */
        }
    }
}

static void
edge_receive(void *context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    g.received_flags = flags;
    for (; nbls != NULL; nbls = NET_BUFFER_LIST_NEXT_NBL(nbls)) {
        g.received++;
    }
}

/* NBLs of the test's own pool, chained in order. */
static PNET_BUFFER_LIST
make_chain(void)
{
    NET_BUFFER_LIST_POOL_PARAMETERS p;
    memset(&p, 0, sizeof(p));
    p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    p.fAllocateNetBuffer = TRUE;
    p.PoolTag = 0x7473654e;
    g_pool = NdisAllocateNetBufferListPool(NULL, &p);
    CHECK_NOT_NULL(g_pool);
    for (int i = 0; i < NBLS; i++) {
        memset(g_data[i], i + 1, FRAME_LEN);
        g_mdl[i] = NdisAllocateMdl(NULL, g_data[i], FRAME_LEN);
        g_nbl[i] = NdisAllocateNetBufferAndNetBufferList(g_pool, 0, 0, g_mdl[i], 0, FRAME_LEN);
        CHECK_NOT_NULL(g_nbl[i]);
        if (i > 0) {
            NET_BUFFER_LIST_NEXT_NBL(g_nbl[i - 1]) = g_nbl[i];
        }
    }
    return g_nbl[0];
}

static void
free_chain(void)
{
    for (int i = 0; i < NBLS; i++) {
        NET_BUFFER_LIST_NEXT_NBL(g_nbl[i]) = NULL;
        NdisFreeNetBufferList(g_nbl[i]);
        NdisFreeMdl(g_mdl[i]);
    }
    NdisFreeNetBufferListPool(g_pool);
}

static undis_host *
start(void)
{
    undis_host *host = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_STATUS(undis_host_create(&host), NDIS_STATUS_SUCCESS);
    undis_host_set_edges(host, edge_send, edge_receive, NULL);
    CHECK_STATUS(undis_host_load(host, DriverEntry, "nbls"), STATUS_SUCCESS);
    CHECK_STATUS(undis_host_attach(host), NDIS_STATUS_SUCCESS);
    CHECK_NOT_NULL(undis_host_module_context(host));
    return host;
}

static void
finish(undis_host *host)
{
    undis_host_stats s;
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, s.send_completed);
    CHECK_EQ_U64(s.recv_nbls, s.recv_returned);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(host_nbls_sent_come_back_once_with_the_miniport_status)
{
    undis_host *host = start();
    PNET_BUFFER_LIST chain = make_chain();
    undis_host_set_nbl_back(host, back, NULL);
    CHECK_STATUS(undis_host_send_nbls(host, chain), NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT(g.sent, NBLS);
    CHECK_EQ_INT(g.nback, NBLS);
    for (int i = 0; i < NBLS; i++) {
        CHECK_PTR_EQ(g.back[i], g_nbl[i]);
        CHECK_STATUS(NET_BUFFER_LIST_STATUS(g_nbl[i]),
                     i == 1 ? NDIS_STATUS_FAILURE : NDIS_STATUS_SUCCESS);
    }
    finish(host);
    free_chain();
}

TEST(host_nbls_indicated_come_back_once_with_and_without_resources)
{
    undis_host *host = start();
    PNET_BUFFER_LIST chain = make_chain();
    KIRQL old;
    undis_host_set_nbl_back(host, back, NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_STATUS(undis_host_indicate_nbls(host, chain, 0), NDIS_STATUS_SUCCESS);
    KeLowerIrql(old);
    CHECK_EQ_INT(g.received, NBLS);
    CHECK_EQ_INT(g.nback, NBLS);
    CHECK((g.received_flags & NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL) != 0);
    for (int i = 0; i + 1 < NBLS; i++) {
        NET_BUFFER_LIST_NEXT_NBL(g_nbl[i]) = g_nbl[i + 1];
    }
    CHECK_STATUS(undis_host_indicate_nbls(host, chain, UNDIS_HOST_RECEIVE_RESOURCES),
                 NDIS_STATUS_SUCCESS);
    CHECK((g.received_flags & NDIS_RECEIVE_FLAGS_RESOURCES) != 0);
    CHECK_EQ_INT(g.nback, 2 * NBLS); /* back before the call returned */
    finish(host);
    free_chain();
}

TEST(host_nbls_bad_arguments_and_paused_leave_them_alone)
{
    undis_host *host = start();
    PNET_BUFFER_LIST chain = make_chain();
    CHECK_STATUS(undis_host_send_nbls(host, chain),
                 NDIS_STATUS_INVALID_PARAMETER); /* no callback */
    undis_host_set_nbl_back(host, back, NULL);
    CHECK_STATUS(undis_host_send_nbls(host, NULL), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_indicate_nbls(NULL, chain, 0), NDIS_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(undis_host_pause(host, 1000), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(undis_host_send_nbls(host, chain), NDIS_STATUS_PAUSED);
    CHECK_STATUS(undis_host_indicate_nbls(host, chain, 0), NDIS_STATUS_PAUSED);
    CHECK_EQ_INT(g.nback, 0);
    CHECK_EQ_INT(g.sent + g.received, 0);
    CHECK_PTR_EQ(NET_BUFFER_LIST_NEXT_NBL(g_nbl[0]), g_nbl[1]);
    undis_host_detach(host);
    CHECK_NULL(undis_host_module_context(host));
    finish(host);
    free_chain();
}

TEST_MAIN_BEGIN
TEST_CASE(host_nbls_sent_come_back_once_with_the_miniport_status)
TEST_CASE(host_nbls_indicated_come_back_once_with_and_without_resources)
TEST_CASE(host_nbls_bad_arguments_and_paused_leave_them_alone)
TEST_MAIN_END
