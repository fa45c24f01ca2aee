/*
 * test_host_kserv.c - the kernel services through the driver host: a small
 * filter driver of this file's reads its settings (undis_host_set_config,
 * _text) through NdisOpenConfigurationEx with its NdisFilterHandle, runs a
 * periodic timer and a work item during its life, and, when told, keeps one
 * kind of object past its unload: HOST_LEAK_AT_UNLOAD names each (a timer
 * object, a work item, a configuration handle, memory, a queued DPC, a set
 * KTIMER), and the host frees it.
 */
#include "test.h"

#include "support/kservices.h"

#include <stdio.h>

#include <undis/host.h>
#include <undis/report.h>

enum leak {
    LEAK_NONE = 0,
    LEAK_TIMER,
    LEAK_WORK_ITEM,
    LEAK_CONFIG,
    LEAK_MEMORY,
    LEAK_DPC,
    LEAK_KTIMER
};

static struct {
    enum leak leak;
    NDIS_HANDLE driver_handle;
    NDIS_HANDLE timer, work_item, config;
    PVOID memory;
    KDPC dpc;
    KTIMER ktimer;
    ULONG mtu;
    UCHAR mac[6];
    UINT mac_length;
    NDIS_STATUS read_status;
    ks_counter ticks, work;
} d;

static NDIS_TIMER_FUNCTION tick;
static VOID
tick(PVOID s1, PVOID context, PVOID s2, PVOID s3)
{
    (void)s1;
    (void)s2;
    (void)s3;
    ks_counter_bump(&d.ticks, context);
}

static NDIS_IO_WORKITEM_FUNCTION work;
static VOID
work(PVOID context, NDIS_HANDLE item)
{
    (void)item;
    ks_counter_bump(&d.work, context);
}

static VOID
noop_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    (void)dpc;
    (void)context;
    (void)a1;
    (void)a2;
}

static void
read_settings(NDIS_HANDLE filter)
{
    NDIS_CONFIGURATION_OBJECT object;
    NDIS_STRING keyword;
    PNDIS_CONFIGURATION_PARAMETER p = NULL;
    PVOID mac = NULL;
    NDIS_STATUS status;
    memset(&object, 0, sizeof(object));
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = filter;
    d.read_status = NdisOpenConfigurationEx(&object, &d.config);
    if (d.read_status != NDIS_STATUS_SUCCESS) {
        return;
    }
    RtlInitUnicodeString(&keyword, L"MTU");
    NdisReadConfiguration(&d.read_status, &p, d.config, &keyword, NdisParameterInteger);
    d.mtu = d.read_status == NDIS_STATUS_SUCCESS ? p->ParameterData.IntegerData : 1500;
    NdisReadNetworkAddress(&status, &mac, &d.mac_length, d.config);
    if (status == NDIS_STATUS_SUCCESS && d.mac_length == 6) {
        memcpy(d.mac, mac, 6);
    }
    if (d.leak != LEAK_CONFIG) {
        NdisCloseConfiguration(d.config);
    }
}

static void
start_services(NDIS_HANDLE filter)
{
    NDIS_TIMER_CHARACTERISTICS t;
    LARGE_INTEGER due;
    memset(&t, 0, sizeof(t));
    t.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    t.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    t.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    t.TimerFunction = tick;
    (void)NdisAllocateTimerObject(filter, &t, &d.timer);
    due.QuadPart = -10000; /* 1 ms, then every 2 ms */
    (void)NdisSetTimerObject(d.timer, due, 2, NULL);
    d.work_item = NdisAllocateIoWorkItem(filter);
    NdisQueueIoWorkItem(d.work_item, work, NULL);
    d.memory =
        NdisAllocateMemoryWithTagPriority(filter, 100, 0x4B535654 /* "TVSK" */, NormalPoolPriority);
    KeInitializeDpc(&d.dpc, noop_dpc, NULL);
    KeSetTargetProcessorDpc(&d.dpc, 0);
    KeInitializeTimer(&d.ktimer);
    if (d.leak == LEAK_KTIMER) {
        due.QuadPart = -36000000000LL; /* an hour */
        (void)KeSetTimer(&d.ktimer, due, &d.dpc);
    }
}

static NDIS_STATUS
attach(NDIS_HANDLE filter, NDIS_HANDLE context, PNDIS_FILTER_ATTACH_PARAMETERS params)
{
    NDIS_FILTER_ATTRIBUTES a;
    (void)context;
    (void)params;
    read_settings(filter);
    start_services(filter);
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    a.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    return NdisFSetAttributes(filter, &d, &a);
}

static VOID
detach(NDIS_HANDLE module)
{
    (void)module;
    if (d.leak != LEAK_TIMER) {
        NdisFreeTimerObject(d.timer);
    }
    if (d.leak != LEAK_WORK_ITEM) {
        NdisFreeIoWorkItem(d.work_item);
    }
    if (d.leak != LEAK_MEMORY) {
        NdisFreeMemoryWithTagPriority(NULL, d.memory, 0x4B535654);
    }
}

static NDIS_STATUS
restart(NDIS_HANDLE module, PNDIS_FILTER_RESTART_PARAMETERS params)
{
    (void)module;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
pause(NDIS_HANDLE module, PNDIS_FILTER_PAUSE_PARAMETERS params)
{
    (void)module;
    (void)params;
    return NDIS_STATUS_SUCCESS;
}

static VOID
unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisFDeregisterFilterDriver(d.driver_handle);
}

static WCHAR g_name[] = L"kserv test filter";

static NTSTATUS
entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS c;
    (void)path;
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_2;
    c.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2;
    c.MajorNdisVersion = 6;
    c.MinorNdisVersion = 30;
    RtlInitUnicodeString(&c.FriendlyName, g_name);
    RtlInitUnicodeString(&c.UniqueName, g_name);
    RtlInitUnicodeString(&c.ServiceName, g_name);
    c.AttachHandler = attach;
    c.DetachHandler = detach;
    c.RestartHandler = restart;
    c.PauseHandler = pause;
    driver->DriverUnload = unload;
    return NdisFRegisterFilterDriver(driver, driver, &c, &d.driver_handle);
}

/* ---- the tests ------------------------------------------------------------ */

static struct {
    int leaks;
    int others;
    char message[600];
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    if (r->rule == UNDIS_RULE_HOST_LEAK_AT_UNLOAD) {
        g.leaks++;
        (void)snprintf(g.message, sizeof(g.message), "%s", r->message);
    } else {
        g.others++;
    }
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static undis_host *
run(enum leak leak, const char *settings)
{
    undis_host *host = NULL;
    memset(&d, 0, sizeof(d));
    memset(&g, 0, sizeof(g));
    d.leak = leak;
    ks_counter_init(&d.ticks);
    ks_counter_init(&d.work);
    undis_report_set_hook(hook, NULL);
    CHECK_STATUS(undis_host_create(&host), NDIS_STATUS_SUCCESS);
    if (settings != NULL) {
        CHECK_STATUS(undis_host_set_config_text(host, settings), NDIS_STATUS_SUCCESS);
    }
    CHECK_STATUS(undis_host_load(host, entry, "kserv"), STATUS_SUCCESS);
    CHECK_STATUS(undis_host_attach(host), NDIS_STATUS_SUCCESS);
    CHECK(ks_counter_wait(&d.ticks, 3, 2000)); /* the periodic timer runs */
    CHECK(ks_counter_wait(&d.work, 1, 2000));  /* and the work item */
    return host;
}

static void
finish(undis_host *host, ULONG leaks)
{
    undis_host_unload(host);
    CHECK_EQ_U32(undis_host_leaks_at_unload(host), leaks);
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g.leaks, (int)leaks);
    CHECK_EQ_INT(g.others, 0);
}

TEST(settings_reach_the_driver)
{
    undis_host *host = run(LEAK_NONE, "MTU = 9000\nNetworkAddress = 02-11-22-33-44-55\n");
    CHECK_STATUS(d.read_status, NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(d.mtu, 9000);
    CHECK_EQ_U32(d.mac_length, 6);
    CHECK_MEM_EQ(d.mac, "\x02\x11\x22\x33\x44\x55", 6);
    finish(host, 0);
}

TEST(without_settings_keywords_are_missing)
{
    undis_host *host = run(LEAK_NONE, NULL);
    CHECK_STATUS(d.read_status, NDIS_STATUS_FAILURE);
    CHECK_EQ_U32(d.mtu, 1500);
    CHECK_EQ_U32(d.mac_length, 0);
    finish(host, 0);
}

TEST(settings_file_and_its_errors)
{
    undis_host *host = NULL;
    FILE *f = fopen("test_host_kserv.conf", "wb");
    CHECK(f != NULL);
    fputs("# adapter\nMTU = 4000\n", f);
    fclose(f);
    CHECK_STATUS(undis_host_create(&host), NDIS_STATUS_SUCCESS);
    CHECK_STATUS(undis_host_set_config(host, "test_host_kserv.conf"), NDIS_STATUS_SUCCESS);
    CHECK_STR_EQ(undis_host_config_error(host), "");
    CHECK_STATUS(undis_host_set_config(host, "no-such.conf"), NDIS_STATUS_FILE_NOT_FOUND);
    CHECK_STR_EQ(undis_host_config_error(host), "no-such.conf: cannot be opened");
    CHECK_STATUS(undis_host_set_config_text(host, "MTU = 1\nMTU = 2\n"), NDIS_STATUS_INVALID_DATA);
    CHECK_STR_EQ(undis_host_config_error(host),
                 "<settings>:2: keyword given twice (first on line 1)");
    memset(&d, 0, sizeof(d));
    ks_counter_init(&d.ticks);
    ks_counter_init(&d.work);
    CHECK_STATUS(undis_host_load(host, entry, "kserv"), STATUS_SUCCESS);
    CHECK_STATUS(undis_host_attach(host), NDIS_STATUS_SUCCESS);
    CHECK_EQ_U32(d.mtu, 4000);                /* the file's, kept after the failed calls */
    CHECK(ks_counter_wait(&d.work, 1, 2000)); /* detach frees the item: not while queued */
    undis_host_destroy(host);
    (void)remove("test_host_kserv.conf");
}

static void
leaks_one(enum leak leak, const char *kind)
{
    undis_host *host = run(leak, NULL);
    if (leak == LEAK_DPC) { /* the driver queues a DPC that cannot run before unload */
        ks_block_cpu0();
        CHECK(KeInsertQueueDpc(&d.dpc, NULL, NULL));
    }
    finish(host, 1);
    if (leak == LEAK_DPC) {
        ks_block_release();
    }
    CHECK(strstr(g.message, kind) != NULL);
    CHECK(strstr(g.message, "kserv test filter") != NULL);
}

TEST(host_rule_leak_timer_object)
{
    LONG seen;
    leaks_one(LEAK_TIMER, "timer object");
    KeFlushQueuedDpcs();
    seen = ks_counter_get(&d.ticks);
    NdisMSleep(20000); /* the host cancelled and freed it */
    CHECK_EQ_INT(ks_counter_get(&d.ticks), seen);
}

TEST(host_rule_leak_work_item)
{
    leaks_one(LEAK_WORK_ITEM, "work item");
}

TEST(host_rule_leak_configuration_handle)
{
    leaks_one(LEAK_CONFIG, "configuration handle");
}

TEST(host_rule_leak_memory)
{
    leaks_one(LEAK_MEMORY, "memory");
    CHECK(strstr(g.message, "100 bytes, tag 'TVSK'") != NULL);
}

TEST(host_rule_leak_queued_dpc)
{
    leaks_one(LEAK_DPC, "queued DPC");
}

TEST(host_rule_leak_set_ktimer)
{
    leaks_one(LEAK_KTIMER, "set KTIMER");
}

TEST_MAIN_BEGIN
TEST_CASE(settings_reach_the_driver)
TEST_CASE(without_settings_keywords_are_missing)
TEST_CASE(settings_file_and_its_errors)
TEST_CASE(host_rule_leak_timer_object)
TEST_CASE(host_rule_leak_work_item)
TEST_CASE(host_rule_leak_configuration_handle)
TEST_CASE(host_rule_leak_memory)
TEST_CASE(host_rule_leak_queued_dpc)
TEST_CASE(host_rule_leak_set_ktimer)
TEST_MAIN_END
