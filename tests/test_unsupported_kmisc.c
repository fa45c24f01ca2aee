/* SPDX-License-Identifier: MIT */
/*
 * test_unsupported_kmisc: the kernel calls issue12-compat-c added for
 * npcap's load and open paths (unsupported_kmisc.c): RtlCheckRegistryKey
 * finds no key (undis has no registry), IoGetRequestorProcessId answers this
 * process's id, each reporting its name once; IoCreateDeviceSecure is the
 * driver host's IoCreateDevice (no report; a driver object the host never
 * gave out is refused with the device pointer cleared).
 */
#include <ndis.h>
#include <wdmsec.h>
#include <minwindef.h>
#include <undis/report.h>

#include "test.h"

#include "support/unsupported_watch.h"

TEST(kmisc_registry_key_absent_requestor_is_this_process)
{
    WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\npcap";
    ULONG first;
    watch();
    CHECK_EQ_INT((int)RtlCheckRegistryKey(RTL_REGISTRY_ABSOLUTE, path),
                 (int)STATUS_OBJECT_NAME_NOT_FOUND);
    check_reported_once("RtlCheckRegistryKey");
    CHECK_EQ_INT((int)RtlCheckRegistryKey(RTL_REGISTRY_ABSOLUTE, path),
                 (int)STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK_EQ_INT(g_seen.count, 1); /* once per process */
    watch();
    first = IoGetRequestorProcessId(NULL);
    check_reported_once("IoGetRequestorProcessId");
    CHECK(first != 0);
    CHECK_EQ_INT((int)IoGetRequestorProcessId(NULL), (int)first);
    CHECK_EQ_INT(MAKELONG(0x1234, 0x5678), 0x56781234);
    CHECK_EQ_INT((int)HIWORD(0x56781234U), 0x5678);
    undis_report_set_hook(NULL, NULL);
}

TEST(kmisc_create_device_secure_is_create_device)
{
    DRIVER_OBJECT stranger;
    PDEVICE_OBJECT device = (PDEVICE_OBJECT)(ULONG_PTR)0x5a5a;
    memset(&stranger, 0, sizeof(stranger));
    watch();
    CHECK_EQ_INT((int)IoCreateDeviceSecure(&stranger, 0, NULL, FILE_DEVICE_UNKNOWN,
                                           FILE_DEVICE_SECURE_OPEN, FALSE,
                                           &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, NULL, &device),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK(device == NULL);
    CHECK_EQ_INT((int)IoCreateDeviceSecure(&stranger, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                                           &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, NULL, NULL),
                 (int)STATUS_INVALID_PARAMETER);
    CHECK_EQ_INT(g_seen.count, 0); /* the host's: no report */
    undis_report_set_hook(NULL, NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(kmisc_registry_key_absent_requestor_is_this_process)
TEST_CASE(kmisc_create_device_secure_is_create_device)
TEST_MAIN_END
