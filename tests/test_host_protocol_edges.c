/*
 * test_host_protocol_edges.c - the protocol role's bad input and odd lives,
 * with a small protocol driver of the test's own (not an example): a
 * DriverEntry that registers and then fails, a driver that never
 * deregisters, a registration outside any DriverEntry, a medium array
 * without 802.3, a pause that never completes, a bind whose handler pends
 * and never completes. Each gets a clear status and the host frees what it
 * owns; none of these is a rule finding.
 */
#include "test.h"

#include <undis/fault.h>
#include <undis/host.h>
#include <undis/report.h>

static struct {
    NDIS_HANDLE protocol;
    NDIS_HANDLE binding;
    NDIS_HANDLE bind_context;
    NTSTATUS entry_status;   /* what DriverEntry returns after registering */
    BOOLEAN deregister;      /* DriverUnload deregisters */
    NDIS_MEDIUM medium;      /* the one medium the open asks for */
    BOOLEAN pend_pause;      /* NetEventPause pends and never completes */
    BOOLEAN pend_bind;       /* the bind pends; completed by the test */
    NDIS_STATUS open_status; /* what NdisOpenAdapterEx returned */
    int reports;
} g;

static undis_report_action
hook(const undis_report *r, void *context)
{
    (void)context;
    g.reports++;
    printf("report: %s: %s\n", r->rule_name, r->message);
    return UNDIS_REPORT_CONTINUE;
}

static NDIS_STATUS
mini_bind(NDIS_HANDLE driver_context, NDIS_HANDLE bind_context, PNDIS_BIND_PARAMETERS b)
{
    NDIS_OPEN_PARAMETERS o;
    UINT selected = 0;
    (void)driver_context;
    memset(&o, 0, sizeof(o));
    o.Header.Type = NDIS_OBJECT_TYPE_OPEN_PARAMETERS;
    o.Header.Revision = NDIS_OPEN_PARAMETERS_REVISION_1;
    o.Header.Size = NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1;
    o.AdapterName = b->AdapterName;
    o.MediumArray = &g.medium;
    o.MediumArraySize = 1;
    o.SelectedMediumIndex = &selected;
    g.bind_context = bind_context;
    g.open_status = NdisOpenAdapterEx(g.protocol, &g, &o, bind_context, &g.binding);
    if (g.open_status == NDIS_STATUS_SUCCESS && g.pend_bind) {
        return NDIS_STATUS_PENDING;
    }
    return g.open_status;
}

static NDIS_STATUS
mini_unbind(NDIS_HANDLE unbind_context, NDIS_HANDLE binding_context)
{
    (void)unbind_context;
    (void)binding_context;
    return NdisCloseAdapterEx(g.binding);
}

static NDIS_STATUS
mini_pnp(NDIS_HANDLE binding_context, PNET_PNP_EVENT_NOTIFICATION n)
{
    (void)binding_context;
    return n->NetPnPEvent.NetEvent == NetEventPause && g.pend_pause ? NDIS_STATUS_PENDING
                                                                    : NDIS_STATUS_SUCCESS;
}

static void
mini_open_complete(NDIS_HANDLE c, NDIS_STATUS s)
{
    (void)c;
    (void)s;
}

static void
mini_close_complete(NDIS_HANDLE c)
{
    (void)c;
}

static void
mini_oid_complete(NDIS_HANDLE c, PNDIS_OID_REQUEST r, NDIS_STATUS s)
{
    (void)c;
    (void)r;
    (void)s;
}

static void
mini_status(NDIS_HANDLE c, PNDIS_STATUS_INDICATION s)
{
    (void)c;
    (void)s;
}

static void
mini_receive(NDIS_HANDLE c, PNET_BUFFER_LIST nbls, NDIS_PORT_NUMBER port, ULONG n, ULONG flags)
{
    (void)c;
    (void)port;
    (void)n;
    if (!NDIS_TEST_RECEIVE_CANNOT_PEND(flags)) {
        NdisReturnNetBufferLists(g.binding, nbls, 0);
    }
}

static void
mini_send_complete(NDIS_HANDLE c, PNET_BUFFER_LIST nbls, ULONG flags)
{
    (void)c;
    (void)nbls;
    (void)flags;
}

static void
mini_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    if (g.deregister) {
        NdisDeregisterProtocolDriver(g.protocol);
    }
}

static NDIS_STATUS
mini_register(void)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS c;
    NDIS_STRING name = NDIS_STRING_CONST("mini protocol");
    memset(&c, 0, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    c.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    c.MajorNdisVersion = 6;
    c.Name = name;
    c.BindAdapterHandlerEx = mini_bind;
    c.UnbindAdapterHandlerEx = mini_unbind;
    c.OpenAdapterCompleteHandlerEx = mini_open_complete;
    c.CloseAdapterCompleteHandlerEx = mini_close_complete;
    c.NetPnPEventHandler = mini_pnp;
    c.OidRequestCompleteHandler = mini_oid_complete;
    c.StatusHandlerEx = mini_status;
    c.ReceiveNetBufferListsHandler = mini_receive;
    c.SendNetBufferListsCompleteHandler = mini_send_complete;
    return NdisRegisterProtocolDriver(&g, &c, &g.protocol);
}

static NTSTATUS
mini_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NDIS_STATUS status;
    (void)path;
    driver->DriverUnload = mini_unload;
    status = mini_register();
    return status != NDIS_STATUS_SUCCESS ? (NTSTATUS)status : g.entry_status;
}

static undis_host *
load(void)
{
    undis_host *host = NULL;
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, mini_entry, "mini"), (int)STATUS_SUCCESS);
    CHECK(undis_host_is_protocol(host));
    return host;
}

static void
reset(void)
{
    memset(&g, 0, sizeof(g));
    g.deregister = TRUE;
    g.medium = NdisMedium802_3;
    undis_report_set_hook(hook, NULL);
}

static void
done(undis_host *host)
{
    undis_host_destroy(host);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT(g.reports, 0);
}

TEST(protocol_driver_entry_failing_after_registering_is_deregistered)
{
    undis_host *host = NULL;
    reset();
    g.entry_status = STATUS_UNSUCCESSFUL;
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, mini_entry, "mini"), (int)STATUS_UNSUCCESSFUL);
    CHECK(!undis_host_is_protocol(host));
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    done(host);
}

TEST(protocol_never_deregistered_is_deregistered_at_unload)
{
    undis_host *host;
    reset();
    g.deregister = FALSE;
    host = load();
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    undis_host_unload(host);
    CHECK(!undis_host_is_protocol(host));
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    done(host);
}

TEST(protocol_registration_outside_driver_entry_fails)
{
    reset();
    CHECK_EQ_INT((int)mini_register(), (int)NDIS_STATUS_FAILURE);
    CHECK(g.protocol == NULL);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(protocol_open_without_802_3_is_unsupported_media)
{
    undis_host *host;
    reset();
    g.medium = NdisMediumWan;
    host = load();
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_UNSUPPORTED_MEDIA);
    CHECK_EQ_INT((int)g.open_status, (int)NDIS_STATUS_UNSUPPORTED_MEDIA);
    CHECK(g.binding == NULL);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    done(host);
}

TEST(protocol_pause_that_never_completes_fails_and_unbinds)
{
    undis_host *host;
    reset();
    g.pend_pause = TRUE;
    host = load();
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_pause(host, 50), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_PAUSING);
    CHECK_EQ_INT((int)undis_host_restart(host), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    undis_host_detach(host);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    done(host);
}

TEST(protocol_pended_bind_that_never_completes_fails)
{
    undis_host *host;
    undis_host_protocol_stats p;
    reset();
    g.pend_bind = TRUE;
    host = load();
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT((int)undis_host_get_state(host), (int)UNDIS_HOST_DETACHED);
    undis_host_get_protocol_stats(host, &p);
    CHECK_EQ_INT((int)p.opens, 1);
    CHECK_EQ_INT((int)p.binds, 1);
    done(host);
}

TEST(protocol_adapter_instance_name)
{
    undis_host *host;
    NDIS_STRING name;
    reset();
    host = load();
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)NdisQueryAdapterInstanceName(&name, g.binding), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)name.Length, 14 * (int)sizeof(WCHAR));
    CHECK(name.Buffer != NULL && name.Buffer[0] == (WCHAR)'u' && name.Buffer[13] == (WCHAR)'t');
    NdisFreeMemory(name.Buffer, 0, 0);
    CHECK_EQ_INT((int)NdisQueryAdapterInstanceName(&name, NULL), (int)NDIS_STATUS_FAILURE);
    CHECK(name.Buffer == NULL);
    done(host);
}

/* The settings file's keys, read through handle (NULL: the open fails). */
static ULONG
read_mtu(NDIS_HANDLE handle, NDIS_STATUS *status)
{
    NDIS_CONFIGURATION_OBJECT object;
    NDIS_HANDLE config = NULL;
    NDIS_STRING keyword;
    PNDIS_CONFIGURATION_PARAMETER p = NULL;
    ULONG mtu = 0;
    memset(&object, 0, sizeof(object));
    object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    object.NdisHandle = handle;
    *status = NdisOpenConfigurationEx(&object, &config);
    if (*status != NDIS_STATUS_SUCCESS) {
        return 0;
    }
    RtlInitUnicodeString(&keyword, L"MTU");
    NdisReadConfiguration(status, &p, config, &keyword, NdisParameterInteger);
    if (*status == NDIS_STATUS_SUCCESS) {
        mtu = p->ParameterData.IntegerData;
    }
    NdisCloseConfiguration(config);
    return mtu;
}

/* A protocol opens its configuration with its protocol handle or its
 * binding handle: both reach the settings given to the host (they were
 * bound to neither before, and the open failed). */
TEST(protocol_reads_the_settings_through_its_handles)
{
    undis_host *host = NULL;
    NDIS_STATUS status;
    reset();
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_set_config_text(host, "MTU = 9000\n"), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, mini_entry, "mini"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)read_mtu(g.protocol, &status), 9000);
    CHECK_EQ_INT((int)status, (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_attach(host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)read_mtu(g.binding, &status), 9000);
    CHECK_EQ_INT((int)status, (int)NDIS_STATUS_SUCCESS);
    /* settings given after the load reach the protocol's handles too */
    CHECK_EQ_INT((int)undis_host_set_config_text(host, "MTU = 1280\n"), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)read_mtu(g.binding, &status), 1280);
    done(host);
}

/* The settings and the protocol's registration with each allocation failing
 * in turn: the settings are refused or the load fails with
 * NDIS_STATUS_RESOURCES, and the host gives back everything it took. */
TEST(protocol_settings_survive_allocation_failures)
{
    unsigned long long base = undis_alloc_outstanding();
    int completed = 0;
    for (unsigned long long n = 1; n <= 40 && !completed; n++) {
        undis_host *host = NULL;
        NDIS_STATUS status;
        reset();
        CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
        undis_fault_alloc_fail_nth(n);
        if (undis_host_set_config_text(host, "MTU = 9000\n") == NDIS_STATUS_SUCCESS) {
            NTSTATUS loaded = undis_host_load(host, mini_entry, "mini");
            CHECK(loaded == STATUS_SUCCESS || loaded == (NTSTATUS)NDIS_STATUS_RESOURCES);
            if (loaded == STATUS_SUCCESS) {
                undis_fault_clear();
                completed = read_mtu(g.protocol, &status) == 9000;
                CHECK(completed);
            }
        }
        undis_fault_clear();
        undis_host_destroy(host);
        undis_report_set_hook(NULL, NULL);
        CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
    }
    CHECK(completed);
}

/* The table that binds settings to handles is full (64 handles: 32 hosts
 * with settings and a protocol loaded, two handles each: its protocol
 * handle and its binding handle): a 33rd protocol's registration cannot
 * bind its handles and fails with NDIS_STATUS_RESOURCES, freeing its
 * state. */
TEST(protocol_registration_fails_when_its_settings_cannot_be_bound)
{
    undis_host *hosts[33];
    unsigned long long base = undis_alloc_outstanding();
    reset();
    g.deregister = FALSE; /* one g for 33 drivers: each host deregisters its own */
    for (int i = 0; i < 33; i++) {
        hosts[i] = NULL;
        CHECK_EQ_INT((int)undis_host_create(&hosts[i]), (int)NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_host_set_config_text(hosts[i], "MTU = 9000\n"),
                     (int)NDIS_STATUS_SUCCESS);
        if (i < 32) {
            CHECK_EQ_INT((int)undis_host_load(hosts[i], mini_entry, "mini"), (int)STATUS_SUCCESS);
        }
    }
    CHECK_EQ_INT((int)undis_host_load(hosts[32], mini_entry, "mini"),
                 (int)(NTSTATUS)NDIS_STATUS_RESOURCES);
    CHECK(!undis_host_is_protocol(hosts[32]));
    undis_host_destroy(hosts[30]); /* two slots free again */
    CHECK_EQ_INT((int)undis_host_load(hosts[32], mini_entry, "mini"), (int)STATUS_SUCCESS);
    CHECK(undis_host_is_protocol(hosts[32]));
    for (int i = 0; i < 33; i++) {
        if (i != 30) {
            undis_host_destroy(hosts[i]);
        }
    }
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
}

DRIVER_INITIALIZE DriverEntry; /* examples/drivers/passthru_filter.c */

/* A protocol stands alone in its host: one loaded after a filter fails its
 * registration (DriverEntry fails with it), and a driver loaded after a
 * protocol is refused; each host goes on with what it had. */
TEST(protocol_stands_alone_in_its_host)
{
    undis_host *filter_host = NULL;
    undis_host *protocol_host = NULL;
    unsigned long long base = undis_alloc_outstanding();
    reset();
    CHECK_EQ_INT((int)undis_host_create(&filter_host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(filter_host, DriverEntry, "passthru"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(filter_host, mini_entry, "mini"),
                 (int)(NTSTATUS)NDIS_STATUS_FAILURE);
    CHECK(!undis_host_is_protocol(filter_host));
    CHECK_EQ_INT(undis_host_filter_count(filter_host), 1);
    CHECK_EQ_INT((int)undis_host_attach(filter_host), (int)NDIS_STATUS_SUCCESS);
    undis_host_destroy(filter_host);

    CHECK_EQ_INT((int)undis_host_create(&protocol_host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(protocol_host, mini_entry, "mini"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(protocol_host, DriverEntry, "passthru"),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK(undis_host_is_protocol(protocol_host));
    CHECK_EQ_INT(undis_host_filter_count(protocol_host), 0);
    CHECK_EQ_INT((int)undis_host_attach(protocol_host), (int)NDIS_STATUS_SUCCESS);
    undis_host_destroy(protocol_host);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
}

/* The table of settings bindings full (32 protocols' hosts): a filter's
 * registration cannot bind its handles and fails with
 * NDIS_STATUS_RESOURCES, leaving nothing registered; with room again it
 * loads. */
TEST(filter_registration_fails_when_its_settings_cannot_be_bound)
{
    undis_host *hosts[33];
    unsigned long long base = undis_alloc_outstanding();
    reset();
    g.deregister = FALSE; /* one g for 32 drivers: each host deregisters its own */
    for (int i = 0; i < 33; i++) {
        hosts[i] = NULL;
        CHECK_EQ_INT((int)undis_host_create(&hosts[i]), (int)NDIS_STATUS_SUCCESS);
        CHECK_EQ_INT((int)undis_host_set_config_text(hosts[i], "MTU = 9000\n"),
                     (int)NDIS_STATUS_SUCCESS);
        if (i < 32) {
            CHECK_EQ_INT((int)undis_host_load(hosts[i], mini_entry, "mini"), (int)STATUS_SUCCESS);
        }
    }
    CHECK(!NT_SUCCESS(undis_host_load(hosts[32], DriverEntry, "passthru")));
    CHECK_EQ_INT(undis_host_filter_count(hosts[32]), 0);
    CHECK_EQ_INT((int)undis_host_attach(hosts[32]), (int)NDIS_STATUS_INVALID_DEVICE_REQUEST);
    undis_host_destroy(hosts[7]); /* two slots free again: a filter needs two */
    CHECK_EQ_INT((int)undis_host_load(hosts[32], DriverEntry, "passthru"), (int)STATUS_SUCCESS);
    CHECK_EQ_INT(undis_host_filter_count(hosts[32]), 1);
    CHECK_EQ_INT((int)undis_host_attach(hosts[32]), (int)NDIS_STATUS_SUCCESS);
    for (int i = 0; i < 33; i++) {
        if (i != 7) {
            undis_host_destroy(hosts[i]);
        }
    }
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
}

static PDEVICE_OBJECT g_device;
static NDIS_HANDLE g_device_handle;

static NTSTATUS
device_dispatch(PDEVICE_OBJECT device, PIRP irp)
{
    (void)device;
    irp->IoStatus.Status = STATUS_SUCCESS;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static VOID
device_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    NdisDeregisterDeviceEx(g_device_handle);
    NdisDeregisterProtocolDriver(g.protocol);
}

/* A protocol registers its control device with NdisRegisterDeviceEx and
 * its NdisProtocolHandle (as NDIS lets any driver type do). */
static NTSTATUS
device_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    static PDRIVER_DISPATCH table[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING name = NDIS_STRING_CONST("\\Device\\MiniProto");
    NDIS_STRING link = NDIS_STRING_CONST("\\DosDevices\\MiniProto");
    NDIS_DEVICE_OBJECT_ATTRIBUTES a;
    NDIS_STATUS status;
    (void)path;
    driver->DriverUnload = device_unload;
    status = mini_register();
    if (status != NDIS_STATUS_SUCCESS) {
        return (NTSTATUS)status;
    }
    table[IRP_MJ_CREATE] = device_dispatch;
    table[IRP_MJ_CLEANUP] = device_dispatch;
    table[IRP_MJ_CLOSE] = device_dispatch;
    memset(&a, 0, sizeof(a));
    a.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    a.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    a.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    a.DeviceName = &name;
    a.SymbolicName = &link;
    a.MajorFunctions = table;
    status = NdisRegisterDeviceEx(g.protocol, &a, &g_device, &g_device_handle);
    if (status != NDIS_STATUS_SUCCESS) {
        NdisDeregisterProtocolDriver(g.protocol);
    }
    return (NTSTATUS)status;
}

TEST(protocol_registers_a_device_with_its_protocol_handle)
{
    undis_host *host = NULL;
    undis_host_file *file = NULL;
    unsigned long long base = undis_alloc_outstanding();
    reset();
    CHECK_EQ_INT((int)undis_host_create(&host), (int)NDIS_STATUS_SUCCESS);
    CHECK_EQ_INT((int)undis_host_load(host, device_entry, "miniproto"), (int)STATUS_SUCCESS);
    CHECK(g_device != NULL);
    CHECK(g_device->DriverObject != NULL);
    CHECK_EQ_INT((int)undis_host_device_open(host, "\\\\.\\MiniProto", &file), (int)STATUS_SUCCESS);
    undis_host_device_close(file);
    undis_host_destroy(host);
    CHECK_EQ_INT(g.reports, 0);
    undis_report_set_hook(NULL, NULL);
    CHECK_EQ_INT((int)undis_alloc_outstanding(), (int)base);
}

TEST_MAIN_BEGIN
TEST_CASE(protocol_stands_alone_in_its_host)
TEST_CASE(filter_registration_fails_when_its_settings_cannot_be_bound)
TEST_CASE(protocol_registers_a_device_with_its_protocol_handle)
TEST_CASE(protocol_driver_entry_failing_after_registering_is_deregistered)
TEST_CASE(protocol_never_deregistered_is_deregistered_at_unload)
TEST_CASE(protocol_registration_outside_driver_entry_fails)
TEST_CASE(protocol_open_without_802_3_is_unsupported_media)
TEST_CASE(protocol_pause_that_never_completes_fails_and_unbinds)
TEST_CASE(protocol_pended_bind_that_never_completes_fails)
TEST_CASE(protocol_adapter_instance_name)
TEST_CASE(protocol_reads_the_settings_through_its_handles)
TEST_CASE(protocol_settings_survive_allocation_failures)
TEST_CASE(protocol_registration_fails_when_its_settings_cannot_be_bound)
TEST_MAIN_END
