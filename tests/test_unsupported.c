/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported: one case per family of src/kernel/unsupported_*.c. Each
 * calls representative functions, checks the failure their documentation
 * allows (return value or *Status, out-parameters cleared), that the hook saw
 * exactly one NOT_SUPPORTED_IN_USER_MODE notice naming the function, and
 * that a second call reports nothing more. The real ones (NdisGetVersion,
 * NdisGetRoutineAddress) report nothing.
 */
#include <ndis.h>
#if !UNDIS_HAVE_WINNT
#    include <ndis/netioapi.h>
#endif
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

static NDIS_HANDLE const k_junk = (NDIS_HANDLE)(ULONG_PTR)0x5a5a;

TEST(miniport_registration_fails)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    NDIS_HANDLE handle = k_junk;
    PDEVICE_OBJECT pdo = (PDEVICE_OBJECT)k_junk;
    memset(&ch, 0, sizeof(ch));
    watch();
    /* registration is the driver host's (test_host_miniport); without a
     * host's DRIVER_OBJECT it is refused without a report */
    CHECK_EQ_INT((int)NdisMRegisterMiniportDriver(NULL, NULL, NULL, &ch, &handle),
                 (int)NDIS_STATUS_INVALID_PARAMETER);
    CHECK(handle == NULL);
    CHECK_EQ_INT(g_seen.count, 0);
    CHECK_EQ_INT((int)NdisMRemoveMiniport(k_junk), (int)NDIS_STATUS_FAILURE);
    check_reported_once("NdisMRemoveMiniport");
    CHECK_EQ_INT((int)NdisMRemoveMiniport(k_junk), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    NdisMGetDeviceProperty(k_junk, &pdo, NULL, NULL, NULL, NULL);
    CHECK(pdo == NULL);
    check_reported_once("NdisMGetDeviceProperty");
    undis_report_set_hook(NULL, NULL);
}

TEST(protocol_unbind_fails)
{
    watch();
    CHECK_EQ_INT((int)NdisUnbindAdapter(k_junk), (int)NDIS_STATUS_FAILURE);
    check_reported_once("NdisUnbindAdapter");
    CHECK_EQ_INT((int)NdisUnbindAdapter(k_junk), (int)NDIS_STATUS_FAILURE);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    CHECK(NdisIMGetBindingContext(k_junk) == NULL);
    check_reported_once("NdisIMGetBindingContext");
    undis_report_set_hook(NULL, NULL);
}

TEST(oid_request_not_supported)
{
    NDIS_OID_REQUEST request;
    memset(&request, 0, sizeof(request));
    watch();
    CHECK_EQ_INT((int)NdisDirectOidRequest(k_junk, &request), (int)NDIS_STATUS_NOT_SUPPORTED);
    check_reported_once("NdisDirectOidRequest");
    CHECK_EQ_INT((int)NdisDirectOidRequest(k_junk, &request), (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT(g_seen.count, 1);
    undis_report_set_hook(NULL, NULL);
}

TEST(filter_calls_the_host_lacks_fail)
{
    NDIS_OID_REQUEST request;
    memset(&request, 0, sizeof(request));
    watch();
    NdisFCancelOidRequest(k_junk, &request);
    check_reported_once("NdisFCancelOidRequest");
    undis_report_set_hook(NULL, NULL);
}

TEST(irp_allocation_fails)
{
    watch();
    CHECK(IoAllocateIrp(1, FALSE) == NULL);
    check_reported_once("IoAllocateIrp");
    CHECK(IoAllocateIrp(1, FALSE) == NULL);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    CHECK_EQ_INT((int)IoCallDriver((PDEVICE_OBJECT)k_junk, (PIRP)k_junk),
                 (int)STATUS_NOT_SUPPORTED);
    check_reported_once("IofCallDriver");
    undis_report_set_hook(NULL, NULL);
}

TEST(misc_netio_not_supported)
{
#if UNDIS_HAVE_WINNT
    /* Windows: the system's iphlpapi provides these (unsupported_netio.c). */
    printf("skipped on Windows: the netioapi calls are the system's\n");
#else
    NET_LUID luid;
    NET_IFINDEX index = 7;
    PMIB_IF_TABLE2 table = (PMIB_IF_TABLE2)k_junk;
    memset(&luid, 0, sizeof(luid));
    watch();
    CHECK_EQ_INT((int)ConvertInterfaceLuidToIndex(&luid, &index), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT((int)index, 0);
    check_reported_once("ConvertInterfaceLuidToIndex");
    CHECK_EQ_INT((int)ConvertInterfaceLuidToIndex(&luid, &index), (int)STATUS_NOT_SUPPORTED);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    CHECK_EQ_INT((int)GetIfTable2(&table), (int)STATUS_NOT_SUPPORTED);
    CHECK(table == NULL);
    check_reported_once("GetIfTable2");
    undis_report_set_hook(NULL, NULL);
#endif
}

TEST(version_is_real_and_silent)
{
    watch();
    CHECK_EQ_INT((int)NdisGetVersion(), 0x00060059);
    CHECK_EQ_INT(g_seen.count, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST(routine_address_finds_known_names_only)
{
    NDIS_STRING name;
    watch();
    RtlInitUnicodeString(&name, L"NdisGetVersion");
    CHECK(NdisGetRoutineAddress(&name) == (PVOID)(ULONG_PTR)NdisGetVersion);
    RtlInitUnicodeString(&name, L"NdisGetVersio");
    CHECK(NdisGetRoutineAddress(&name) == NULL);
    RtlInitUnicodeString(&name, L"ndisgetversion");
    CHECK(NdisGetRoutineAddress(&name) == NULL);
    RtlInitUnicodeString(&name, L"NdisNoSuchRoutine");
    CHECK(NdisGetRoutineAddress(&name) == NULL);
    CHECK(NdisGetRoutineAddress(NULL) == NULL);
    CHECK_EQ_INT(g_seen.count, 0);
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(miniport_registration_fails)
TEST_CASE(protocol_unbind_fails)
TEST_CASE(oid_request_not_supported)
TEST_CASE(filter_calls_the_host_lacks_fail)
TEST_CASE(irp_allocation_fails)
TEST_CASE(misc_netio_not_supported)
TEST_CASE(version_is_real_and_silent)
TEST_CASE(routine_address_finds_known_names_only)
TEST_MAIN_END
