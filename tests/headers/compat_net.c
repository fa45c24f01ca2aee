/* SPDX-License-Identifier: MIT */
/*
 * compat_net.c: the kernel networking headers drivers include (inaddr.h,
 * in6addr.h, ws2def.h, ws2ipdef.h, netioapi.h, ip2string.h, netiodef.h),
 * with the Windows values and layouts, in C11 and C++17 (gcc, clang, -m32,
 * MinGW; on Windows after <winsock2.h>, as the SDK requires).
 */
#ifdef _WIN32
#    include <winsock2.h>
#endif
#include <ws2def.h>
#include <ws2ipdef.h>
#include <inaddr.h>
#include <in6addr.h>
#include <netioapi.h>
#include <ndis.h>
#include <ip2string.h>
#include <netiodef.h>

C_ASSERT(AF_UNSPEC == 0);
C_ASSERT(AF_INET == 2);
C_ASSERT(AF_INET6 == 23);
C_ASSERT(IPPROTO_TCP == 6 && IPPROTO_UDP == 17 && IPPROTO_ICMPV6 == 58);
C_ASSERT(IF_NAMESIZE == 256);
C_ASSERT(sizeof(IN_ADDR) == 4);
C_ASSERT(sizeof(IN6_ADDR) == 16);
C_ASSERT(sizeof(SOCKADDR_IN) == 16);
C_ASSERT(sizeof(SOCKADDR_IN6) == 28);
C_ASSERT(sizeof(SOCKADDR_INET) == 28);
C_ASSERT(sizeof(SOCKADDR_STORAGE) == 128);
C_ASSERT(FIELD_OFFSET(SOCKADDR_IN6, sin6_addr) == 8);
C_ASSERT(FIELD_OFFSET(SOCKADDR_IN6, sin6_scope_id) == 24);
C_ASSERT(sizeof(NET_LUID) == 8);
C_ASSERT(FIELD_OFFSET(MIB_IF_ROW2, InterfaceIndex) == 8);
C_ASSERT(sizeof(IPV4_HEADER) == 20);
C_ASSERT(sizeof(IPV6_HEADER) == 40);
C_ASSERT(sizeof(TCP_HDR) == 20);
/* The WDK's netiodef.h declares no UDP_HDR: drivers declare their own after
 * including it (xdp-for-windows' xdptransport.h), which must compile. */
typedef struct _UDP_HDR {
    USHORT uh_sport;
    USHORT uh_dport;
    USHORT uh_ulen;
    USHORT uh_sum;
} UDP_HDR;
C_ASSERT(sizeof(UDP_HDR) == 8);
C_ASSERT(sizeof(ETHERNET_HEADER) == 14);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, SourceAddress) == 12);
C_ASSERT(FIELD_OFFSET(IPV6_HEADER, DestinationAddress) == 24);

ULONG compat_net_v4(const IPV4_HEADER *Header, PSOCKADDR_INET Address, NET_IFINDEX *IfIndex);

ULONG
compat_net_v4(const IPV4_HEADER *Header, PSOCKADDR_INET Address, NET_IFINDEX *IfIndex)
{
    CHAR Text[22]; /* INET_ADDRSTRLEN */

    if (Header->Version != IPV4_VERSION || Ip4HeaderLengthInBytes(Header) < sizeof(IPV4_HEADER)) {
        return 0;
    }
    Address->si_family = AF_INET;
    Address->Ipv4.sin_addr = Header->SourceAddress;
    Address->Ipv4.sin_port = 0;
    *IfIndex = NET_IFINDEX_UNSPECIFIED;
    RtlIpv4AddressToStringA(&Header->DestinationAddress, Text);
    return Address->Ipv4.sin_addr.s_addr ^ (ULONG)(UCHAR)Text[0];
}
