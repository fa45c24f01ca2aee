/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_hwio: the device calls of src/kernel/unsupported_hwio.c
 * (<ndis/hwio.h>, <ndis/pnpres.h>): each fails as its documentation allows
 * and names itself once through the report hook.
 */
#include <ndis.h>
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

static NDIS_HANDLE const k_junk = (NDIS_HANDLE)(ULONG_PTR)0x5a5a;

TEST(scatter_gather_registration_not_supported)
{
    NDIS_SG_DMA_DESCRIPTION desc;
    NDIS_HANDLE dma = k_junk;
    memset(&desc, 0, sizeof(desc));
    desc.Header.Type = NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION;
    desc.Header.Revision = NDIS_SG_DMA_DESCRIPTION_REVISION_1;
    desc.Header.Size = NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1;
    watch();
    CHECK_EQ_INT((int)NdisMRegisterScatterGatherDma(k_junk, &desc, &dma),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK(dma == NULL);
    check_reported_once("NdisMRegisterScatterGatherDma");
    dma = k_junk;
    CHECK_EQ_INT((int)NdisMRegisterScatterGatherDma(k_junk, &desc, &dma),
                 (int)NDIS_STATUS_NOT_SUPPORTED);
    CHECK(dma == NULL);
    CHECK_EQ_INT(g_seen.count, 1);
    watch();
    NdisMDeregisterScatterGatherDma(k_junk);
    check_reported_once("NdisMDeregisterScatterGatherDma");
    undis_report_set_hook(NULL, NULL);
}

TEST(scatter_gather_lists_cannot_be_had)
{
    watch();
    CHECK_EQ_INT((int)NdisMAllocateNetBufferSGList(k_junk, NULL, NULL, NDIS_SG_LIST_WRITE_TO_DEVICE,
                                                   NULL, 0),
                 (int)NDIS_STATUS_RESOURCES);
    check_reported_once("NdisMAllocateNetBufferSGList");
    watch();
    NdisMFreeNetBufferSGList(k_junk, NULL, NULL);
    check_reported_once("NdisMFreeNetBufferSGList");
    undis_report_set_hook(NULL, NULL);
}

TEST(io_port_range_fails)
{
    PVOID offset = (PVOID)k_junk;
    watch();
    CHECK_EQ_INT((int)NdisMRegisterIoPortRange(&offset, k_junk, 0xC000, 32),
                 (int)NDIS_STATUS_RESOURCES);
    CHECK_NULL(offset);
    check_reported_once("NdisMRegisterIoPortRange");
    watch();
    NdisMDeregisterIoPortRange(k_junk, 0xC000, 32, NULL);
    check_reported_once("NdisMDeregisterIoPortRange");
    undis_report_set_hook(NULL, NULL);
}

TEST(io_space_mapping_fails)
{
    PVOID va = (PVOID)k_junk;
    NDIS_PHYSICAL_ADDRESS pa;
    pa.QuadPart = 0xFE000000LL;
    watch();
    CHECK_EQ_INT((int)NdisMMapIoSpace(&va, k_junk, pa, 4096), (int)NDIS_STATUS_RESOURCES);
    CHECK_NULL(va);
    check_reported_once("NdisMMapIoSpace");
    watch();
    NdisMUnmapIoSpace(k_junk, NULL, 4096);
    check_reported_once("NdisMUnmapIoSpace");
    undis_report_set_hook(NULL, NULL);
}

TEST(port_reads_give_all_ones)
{
    UCHAR b = 0;
    USHORT w = 0;
    ULONG l = 0;
    watch();
    NdisRawReadPortUchar(0xC010, &b);
    CHECK_EQ_U32(b, 0xFF);
    check_reported_once("NdisRawReadPortUchar");
    watch();
    NdisRawReadPortUshort(0xC010, &w);
    CHECK_EQ_U32(w, 0xFFFF);
    check_reported_once("NdisRawReadPortUshort");
    watch();
    NdisRawReadPortUlong(0xC010, &l);
    CHECK_EQ_U32(l, 0xFFFFFFFFU);
    check_reported_once("NdisRawReadPortUlong");
    undis_report_set_hook(NULL, NULL);
}

TEST(port_writes_are_dropped)
{
    watch();
    NdisRawWritePortUchar(0xC010, 1);
    check_reported_once("NdisRawWritePortUchar");
    watch();
    NdisRawWritePortUshort(0xC010, 1);
    check_reported_once("NdisRawWritePortUshort");
    watch();
    NdisRawWritePortUlong(0xC010, 1);
    check_reported_once("NdisRawWritePortUlong");
    undis_report_set_hook(NULL, NULL);
}

TEST(bus_data_transfers_nothing)
{
    UCHAR config[64];
    memset(config, 0xA5, sizeof(config));
    watch();
    CHECK_EQ_U32(NdisMGetBusData(k_junk, PCI_WHICHSPACE_CONFIG, 0, config, sizeof(config)), 0);
    CHECK_EQ_U32(config[0], 0xA5);
    check_reported_once("NdisMGetBusData");
    watch();
    CHECK_EQ_U32(NdisMSetBusData(k_junk, PCI_WHICHSPACE_CONFIG, 0, config, 4), 0);
    check_reported_once("NdisMSetBusData");
    undis_report_set_hook(NULL, NULL);
}

TEST(device_property_is_not_a_pdo)
{
    ULONG length = 1234;
    WCHAR buffer[4] = { 'a', 0, 0, 0 };
    watch();
    CHECK_EQ_INT(
        (int)IoGetDeviceProperty(NULL, DevicePropertyHardwareID, sizeof(buffer), buffer, &length),
        (int)STATUS_INVALID_DEVICE_REQUEST);
    CHECK_EQ_U32(length, 0);
    CHECK_EQ_U32((ULONG)buffer[0], 'a');
    check_reported_once("IoGetDeviceProperty");
    undis_report_set_hook(NULL, NULL);
}

TEST(device_property_without_result_length_is_invalid)
{
    CHECK_EQ_INT((int)IoGetDeviceProperty(NULL, DevicePropertyHardwareID, 0, NULL, NULL),
                 (int)STATUS_INVALID_PARAMETER_5);
}

TEST_MAIN_BEGIN
TEST_CASE(scatter_gather_registration_not_supported)
TEST_CASE(scatter_gather_lists_cannot_be_had)
TEST_CASE(io_port_range_fails)
TEST_CASE(io_space_mapping_fails)
TEST_CASE(port_reads_give_all_ones)
TEST_CASE(port_writes_are_dropped)
TEST_CASE(bus_data_transfers_nothing)
TEST_CASE(device_property_is_not_a_pdo)
TEST_CASE(device_property_without_result_length_is_invalid)
TEST_MAIN_END
