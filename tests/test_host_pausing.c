/* SPDX-License-Identifier: MIT */
/*
 * test_host_pausing.c: what a filter may send while it pauses. Its pause
 * pends (on another thread, undis_host_pause waits); meanwhile the filter
 * passes on a send it took before the pause (allowed: every driver races
 * its own pause so, and the pause waits for it) and originates a new one
 * (HOST_DATA_WHILE_NOT_RUNNING: a module in the Pausing state originates
 * nothing). The originated NBL comes back to the filter, failed with
 * NDIS_STATUS_PAUSED.
 */
#include "test.h"

#include <pthread.h>
#include <string.h>

#include <undis/host.h>
#include <undis/report.h>

static struct {
    NDIS_HANDLE driver, module;
    NDIS_HANDLE pool;
    PNET_BUFFER_LIST own; /* the filter's own NBL */
    PMDL own_mdl;
    UCHAR own_data[60];
    PNET_BUFFER_LIST held;     /* a send taken before the pause */
    volatile int pausing;      /* FilterPause ran */
    PNET_BUFFER_LIST own_back; /* the own NBL, completed */
    NDIS_STATUS own_status;
    int reports;
    undis_rule rule;
    char function[64];
    char message[256];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    if (g.reports++ == 0) {
        g.rule = r->rule;
        (void)snprintf(g.function, sizeof(g.function), "%s", r->function ? r->function : "");
        (void)snprintf(g.message, sizeof(g.message), "%s", r->message ? r->message : "");
    }
    return UNDIS_REPORT_CONTINUE;
}

static NDIS_STATUS
pf_attach(NDIS_HANDLE module, NDIS_HANDLE driver_context, PNDIS_FILTER_ATTACH_PARAMETERS p)
{
    NDIS_FILTER_ATTRIBUTES a;
    NET_BUFFER_LIST_POOL_PARAMETERS pp;
    (void)driver_context;
    (void)p;
    g.module = module;
    memset(&pp, 0, sizeof(pp));
    pp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pp.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pp.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pp.fAllocateNetBuffer = TRUE;
    pp.PoolTag = 0x74736554u; /* 'Test' */
    g.pool = NdisAllocateNetBufferListPool(module, &pp);
    g.own_mdl = NdisAllocateMdl(module, g.own_data, sizeof(g.own_data));
    if (g.pool == NULL || g.own_mdl == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    g.own = NdisAllocateNetBufferAndNetBufferList(g.pool, 0, 0, g.own_mdl, 0, sizeof(g.own_data));
    if (g.own == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    g.own->SourceHandle = module;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    return NdisFSetAttributes(module, &g, &a);
}

static VOID
pf_detach(NDIS_HANDLE context)
{
    (void)context;
    NdisFreeNetBufferList(g.own);
    NdisFreeMdl(g.own_mdl);
    NdisFreeNetBufferListPool(g.pool);
}

static NDIS_STATUS
pf_restart(NDIS_HANDLE context, PNDIS_FILTER_RESTART_PARAMETERS p)
{
    (void)context;
    (void)p;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
pf_pause(NDIS_HANDLE context, PNDIS_FILTER_PAUSE_PARAMETERS p)
{
    (void)context;
    (void)p;
    __atomic_store_n(&g.pausing, 1, __ATOMIC_RELEASE);
    return NDIS_STATUS_PENDING; /* the test completes it */
}

static VOID
pf_send(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG flags)
{
    (void)context;
    (void)port;
    (void)flags;
    g.held = nbls; /* kept until the test passes it on */
}

static VOID
pf_send_complete(NDIS_HANDLE context, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)context;
    while (nbls != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbls);
        NET_BUFFER_LIST_NEXT_NBL(nbls) = NULL;
        if (nbls == g.own) {
            g.own_back = nbls;
            g.own_status = NET_BUFFER_LIST_STATUS(nbls);
        } else {
            NdisFSendNetBufferListsComplete(g.module, nbls, flags);
        }
        nbls = next;
    }
}

static VOID
pf_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(g.driver);
}

static NTSTATUS
pf_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    c.MajorNdisVersion = 6;
    c.AttachHandler = pf_attach;
    c.DetachHandler = pf_detach;
    c.RestartHandler = pf_restart;
    c.PauseHandler = pf_pause;
    c.SendNetBufferListsHandler = pf_send;
    c.SendNetBufferListsCompleteHandler = pf_send_complete;
    driver->DriverUnload = pf_unload;
    return NdisFRegisterFilterDriver(driver, NULL, &c, &g.driver);
}

static void *
pauser(void *arg)
{
    return (void *)(intptr_t)undis_host_pause((undis_host *)arg, 5000);
}

TEST(host_pausing_filter_may_pass_on_what_it_took_but_not_originate)
{
    static const UCHAR frame[60] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    undis_host *host = NULL;
    undis_host_stats s;
    pthread_t t;
    void *status = NULL;
    memset(&g, 0, sizeof(g));
    undis_report_set_hook(hook, NULL);
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, pf_entry, "pausing"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_send(host, frame, sizeof(frame)), (int)NDIS_STATUS_SUCCESS);
    CHECK(g.held != NULL);
    CHECK_EQ_INT(pthread_create(&t, NULL, pauser, host), 0);
    while (!__atomic_load_n(&g.pausing, __ATOMIC_ACQUIRE)) {
        NdisMSleep(100);
    }
    NdisFSendNetBufferLists(g.module, g.held, NDIS_DEFAULT_PORT_NUMBER, 0); /* taken before */
    CHECK_EQ_INT(g.reports, 0);
    NdisFSendNetBufferLists(g.module, g.own, NDIS_DEFAULT_PORT_NUMBER, 0); /* new */
    CHECK_EQ_INT(g.reports, 1);
    CHECK_EQ_INT((int)g.rule, (int)UNDIS_RULE_HOST_DATA_WHILE_NOT_RUNNING);
    CHECK_STR_EQ(g.function, "NdisFSendNetBufferLists");
    CHECK(strstr(g.message, "pausing") != NULL);
    CHECK(g.own_back == g.own);
    CHECK_EQ_INT((int)g.own_status, (int)NDIS_STATUS_PAUSED);
    NdisFPauseComplete(g.module);
    CHECK_EQ_INT(pthread_join(t, &status), 0);
    CHECK_EQ_INT((int)(intptr_t)status, (int)NDIS_STATUS_SUCCESS);
    undis_host_get_stats(host, &s);
    CHECK_EQ_U64(s.send_nbls, 1);
    CHECK_EQ_U64(s.send_completed, 1);
    CHECK_EQ_INT(g.reports, 1);
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(host_pausing_filter_may_pass_on_what_it_took_but_not_originate)
TEST_MAIN_END
