/* SPDX-License-Identifier: MIT */
/*
 * unsupported_config.c: configuration (<ndis/config.h>) while no driver host
 * supplies a registry. NdisOpenConfigurationEx fails with NDIS_STATUS_FAILURE
 * and a NULL handle; the VOID readers and writers fail through their *Status
 * out-parameter (NDIS_STATUS_FAILURE, as documented) and clear their other
 * out-parameters, so a driver takes its defaults. NdisCloseConfiguration
 * has no handle to close: report only.
 * Each function reports NOT_SUPPORTED_IN_USER_MODE once per process
 * (base/report.h) before it fails; docs/compat-functions.txt lists them.
 */
#include "kernel/rt_internal.h"

#include "base/report.h"

#include <ndis.h>

NDIS_STATUS
NdisOpenConfigurationEx(PNDIS_CONFIGURATION_OBJECT ConfigObject, PNDIS_HANDLE ConfigurationHandle)
{
    UNREFERENCED_PARAMETER(ConfigObject);
    undis__report_unsupported("NdisOpenConfigurationEx");
    *ConfigurationHandle = NULL;
    return NDIS_STATUS_FAILURE;
}

VOID
NdisCloseConfiguration(NDIS_HANDLE ConfigurationHandle)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    undis__report_unsupported("NdisCloseConfiguration");
}

VOID
NdisReadConfiguration(PNDIS_STATUS Status,
                      PNDIS_CONFIGURATION_PARAMETER *ParameterValue,
                      NDIS_HANDLE ConfigurationHandle,
                      PNDIS_STRING Keyword,
                      NDIS_PARAMETER_TYPE ParameterType)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    UNREFERENCED_PARAMETER(Keyword);
    UNREFERENCED_PARAMETER(ParameterType);
    undis__report_unsupported("NdisReadConfiguration");
    *Status = NDIS_STATUS_FAILURE;
    *ParameterValue = NULL;
}

VOID
NdisWriteConfiguration(PNDIS_STATUS Status,
                       NDIS_HANDLE ConfigurationHandle,
                       PNDIS_STRING Keyword,
                       PNDIS_CONFIGURATION_PARAMETER ParameterValue)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    UNREFERENCED_PARAMETER(Keyword);
    UNREFERENCED_PARAMETER(ParameterValue);
    undis__report_unsupported("NdisWriteConfiguration");
    *Status = NDIS_STATUS_FAILURE;
}

VOID
NdisReadNetworkAddress(PNDIS_STATUS Status,
                       PVOID *NetworkAddress,
                       PUINT NetworkAddressLength,
                       NDIS_HANDLE ConfigurationHandle)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    undis__report_unsupported("NdisReadNetworkAddress");
    *Status = NDIS_STATUS_FAILURE;
    *NetworkAddress = NULL;
    *NetworkAddressLength = 0;
}

VOID
NdisOpenConfigurationKeyByName(PNDIS_STATUS Status,
                               NDIS_HANDLE ConfigurationHandle,
                               PNDIS_STRING SubKeyName,
                               PNDIS_HANDLE SubKeyHandle)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    UNREFERENCED_PARAMETER(SubKeyName);
    undis__report_unsupported("NdisOpenConfigurationKeyByName");
    *Status = NDIS_STATUS_FAILURE;
    *SubKeyHandle = NULL;
}

VOID
NdisOpenConfigurationKeyByIndex(PNDIS_STATUS Status,
                                NDIS_HANDLE ConfigurationHandle,
                                ULONG Index,
                                PNDIS_STRING KeyName,
                                PNDIS_HANDLE KeyHandle)
{
    UNREFERENCED_PARAMETER(ConfigurationHandle);
    UNREFERENCED_PARAMETER(Index);
    UNREFERENCED_PARAMETER(KeyName);
    undis__report_unsupported("NdisOpenConfigurationKeyByIndex");
    *Status = NDIS_STATUS_FAILURE;
    *KeyHandle = NULL;
}
