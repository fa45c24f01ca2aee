/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ip2string.h>: the IP address / string conversions of
 * ip2string.h (RtlIpv4AddressToString*, RtlIpv6StringToAddress*, ...) with
 * the WDK's prototypes; the undecorated names pick the A or W form by
 * UNICODE, as in the WDK. On Windows the same prototypes as the SDK's
 * <mstcpip.h>, so both may be included. They are provided by the driver host; without it
 * they are unsupported (docs/compat-functions.txt).
 */
#ifndef UNDIS_NDIS_IP2STRING_H
#define UNDIS_NDIS_IP2STRING_H

#include "types.h"
#if UNDIS_HAVE_WINNT
#    include <in6addr.h>
#    include <inaddr.h>
#else
#    include "inet.h"
#endif

UNDIS_EXTERN_C_BEGIN

/* After the SDK's <mstcpip.h> (which defines the A/W selectors), its own
 * declarations stand: MinGW-w64 spells some parameters differently. */
#if !defined(RtlIpv4AddressToString)
PSTR NTAPI RtlIpv4AddressToStringA(_In_ const struct in_addr *Addr, _Out_writes_(16) PSTR S);
PWSTR NTAPI RtlIpv4AddressToStringW(_In_ const struct in_addr *Addr, _Out_writes_(16) PWSTR S);
NTSTATUS NTAPI RtlIpv4AddressToStringExA(_In_ const struct in_addr *Address,
                                         _In_ USHORT Port,
                                         _Out_writes_to_(*AddressStringLength, *AddressStringLength)
                                             PSTR AddressString,
                                         _Inout_ PULONG AddressStringLength);
NTSTATUS NTAPI RtlIpv4AddressToStringExW(_In_ const struct in_addr *Address,
                                         _In_ USHORT Port,
                                         _Out_writes_to_(*AddressStringLength, *AddressStringLength)
                                             PWSTR AddressString,
                                         _Inout_ PULONG AddressStringLength);
PSTR NTAPI RtlIpv6AddressToStringA(_In_ const struct in6_addr *Addr, _Out_writes_(46) PSTR S);
PWSTR NTAPI RtlIpv6AddressToStringW(_In_ const struct in6_addr *Addr, _Out_writes_(46) PWSTR S);
NTSTATUS NTAPI RtlIpv6AddressToStringExA(_In_ const struct in6_addr *Address,
                                         _In_ ULONG ScopeId,
                                         _In_ USHORT Port,
                                         _Out_writes_to_(*AddressStringLength, *AddressStringLength)
                                             PSTR AddressString,
                                         _Inout_ PULONG AddressStringLength);
NTSTATUS NTAPI RtlIpv6AddressToStringExW(_In_ const struct in6_addr *Address,
                                         _In_ ULONG ScopeId,
                                         _In_ USHORT Port,
                                         _Out_writes_to_(*AddressStringLength, *AddressStringLength)
                                             PWSTR AddressString,
                                         _Inout_ PULONG AddressStringLength);
NTSTATUS NTAPI RtlIpv4StringToAddressA(_In_ PCSTR S,
                                       _In_ BOOLEAN Strict,
                                       _Out_ PCSTR *Terminator,
                                       _Out_ struct in_addr *Addr);
NTSTATUS NTAPI RtlIpv4StringToAddressW(_In_ PCWSTR S,
                                       _In_ BOOLEAN Strict,
                                       _Out_ LPCWSTR *Terminator,
                                       _Out_ struct in_addr *Addr);
NTSTATUS NTAPI RtlIpv4StringToAddressExA(_In_ PCSTR AddressString,
                                         _In_ BOOLEAN Strict,
                                         _Out_ struct in_addr *Address,
                                         _Out_ PUSHORT Port);
NTSTATUS NTAPI RtlIpv4StringToAddressExW(_In_ PCWSTR AddressString,
                                         _In_ BOOLEAN Strict,
                                         _Out_ struct in_addr *Address,
                                         _Out_ PUSHORT Port);
NTSTATUS NTAPI RtlIpv6StringToAddressA(_In_ PCSTR S,
                                       _Out_ PCSTR *Terminator,
                                       _Out_ struct in6_addr *Addr);
NTSTATUS NTAPI RtlIpv6StringToAddressW(_In_ PCWSTR S,
                                       _Out_ PCWSTR *Terminator,
                                       _Out_ struct in6_addr *Addr);
NTSTATUS NTAPI RtlIpv6StringToAddressExA(_In_ PCSTR AddressString,
                                         _Out_ struct in6_addr *Address,
                                         _Out_ PULONG ScopeId,
                                         _Out_ PUSHORT Port);
NTSTATUS NTAPI RtlIpv6StringToAddressExW(_In_ PCWSTR AddressString,
                                         _Out_ struct in6_addr *Address,
                                         _Out_ PULONG ScopeId,
                                         _Out_ PUSHORT Port);

#    if defined(UNICODE)
#        define RtlIpv4AddressToString   RtlIpv4AddressToStringW
#        define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExW
#        define RtlIpv6AddressToString   RtlIpv6AddressToStringW
#        define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExW
#        define RtlIpv4StringToAddress   RtlIpv4StringToAddressW
#        define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExW
#        define RtlIpv6StringToAddress   RtlIpv6StringToAddressW
#        define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExW
#    else
#        define RtlIpv4AddressToString   RtlIpv4AddressToStringA
#        define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExA
#        define RtlIpv6AddressToString   RtlIpv6AddressToStringA
#        define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExA
#        define RtlIpv4StringToAddress   RtlIpv4StringToAddressA
#        define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExA
#        define RtlIpv6StringToAddress   RtlIpv6StringToAddressA
#        define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExA
#    endif
#endif

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_IP2STRING_H */
