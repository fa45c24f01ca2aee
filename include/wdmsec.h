/* SPDX-License-Identifier: MIT */
/*
 * undis <wdmsec.h>: the default security descriptors (SDDL strings) that
 * drivers pass to IoCreateDeviceSecure or NdisRegisterDeviceEx's
 * DefaultSDDLString. undis enforces no device security; the strings are
 * there so that the driver's code compiles and links unchanged.
 */
#ifndef UNDIS_SHADOW_WDMSEC_H
#define UNDIS_SHADOW_WDMSEC_H

#include "ndis/rt.h"
#include "ndis/wdmio.h"

UNDIS_EXTERN_C_BEGIN

/* "D:P(A;;GA;;;SY)(A;;GA;;;BA)": system and administrators, all access. */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL;
/* "D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)":
 * system all; administrators, everyone and restricted code read/write/execute. */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX;

/*
 * IoCreateDeviceSecure: IoCreateDevice with a default security descriptor
 * and a device class. Pre/post/failure/ownership as IoCreateDevice (the
 * driver host creates the device); DefaultSDDLString and DeviceClassGuid
 * are accepted and not enforced (undis checks no access). IRQL: PASSIVE.
 */
NTSTATUS NTAPI IoCreateDeviceSecure(_In_ PDRIVER_OBJECT DriverObject,
                                    _In_ ULONG DeviceExtensionSize,
                                    _In_opt_ PUNICODE_STRING DeviceName,
                                    _In_ DEVICE_TYPE DeviceType,
                                    _In_ ULONG DeviceCharacteristics,
                                    _In_ BOOLEAN Exclusive,
                                    _In_ PCUNICODE_STRING DefaultSDDLString,
                                    _In_opt_ LPCGUID DeviceClassGuid,
                                    _Out_ PDEVICE_OBJECT *DeviceObject);

UNDIS_EXTERN_C_END

#endif /* UNDIS_SHADOW_WDMSEC_H */
