/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/netiodef.h>: the protocol headers of netiodef.h drivers parse
 * frames with: DL_EUI48 and ETHERNET_HEADER, IPV4_HEADER, IPV6_HEADER,
 * TCP_HDR (no UDP_HDR, as in the WDK), with the wire layouts (fields in network byte order,
 * bit-fields as the WDK declares them for little-endian machines) and the
 * ETHERNET_TYPE_* / IPV4_* constants.
 */
#ifndef UNDIS_NDIS_NETIODEF_H
#define UNDIS_NDIS_NETIODEF_H

#include "compiler.h"
#include "types.h"
#include "undis_assert.h"
#if UNDIS_HAVE_WINNT
#    include <in6addr.h>
#    include <inaddr.h>
#else
#    include "inet.h"
#endif

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

#pragma pack(push, 1)

/* ---- data link ------------------------------------------------------------- */

typedef union _DL_OUI {
    UCHAR Byte[3];
    UNDIS_EXTENSION struct {
        UCHAR Group : 1;
        UCHAR Local : 1;
    };
} DL_OUI, *PDL_OUI;

typedef union _DL_EI48 {
    UCHAR Byte[3];
} DL_EI48, *PDL_EI48;

typedef union _DL_EUI48 {
    UCHAR Byte[6];
    struct {
        DL_OUI Oui;
        DL_EI48 Ei48;
    };
} DL_EUI48, *PDL_EUI48;

typedef struct _ETHERNET_HEADER {
    DL_EUI48 Destination;
    DL_EUI48 Source;
    union {
        USHORT Type;
        USHORT Length;
    };
} ETHERNET_HEADER, *PETHERNET_HEADER;

#define ETHERNET_TYPE_MINIMUM 0x0600
#define ETHERNET_TYPE_IPV4    0x0800
#define ETHERNET_TYPE_ARP     0x0806
#define ETHERNET_TYPE_IPV6    0x86dd
#define ETHERNET_TYPE_802_1Q  0x8100
#define ETHERNET_TYPE_802_1AD 0x88a8

/* ---- IPv4 ------------------------------------------------------------------ */

typedef struct _IPV4_HEADER {
    union {
        UCHAR VersionAndHeaderLength;
        UNDIS_EXTENSION struct {
            UCHAR HeaderLength : 4;
            UCHAR Version : 4;
        };
    };
    union {
        UCHAR TypeOfServiceAndEcnField;
        UNDIS_EXTENSION struct {
            UCHAR EcnField : 2;
            UCHAR TypeOfService : 6;
        };
    };
    USHORT TotalLength;
    USHORT Identification;
    union {
        USHORT FlagsAndOffset;
        UNDIS_EXTENSION struct {
            USHORT DontUse1 : 5;
            USHORT MoreFragments : 1;
            USHORT DontFragment : 1;
            USHORT Reserved : 1;
            USHORT DontUse2 : 8;
        };
    };
    UCHAR TimeToLive;
    UCHAR Protocol;
    USHORT HeaderChecksum;
    IN_ADDR SourceAddress;
    IN_ADDR DestinationAddress;
} IPV4_HEADER, *PIPV4_HEADER;

#define IPV4_VERSION           4
#define IPV4_MINIMUM_MTU       576
#define IPV4_MINIMUM_ULMTU     (IPV4_MINIMUM_MTU - sizeof(IPV4_HEADER))
#define IPV4_MAX_MINIMUM_MTU   576
#define IPV4_DEFAULT_HOP_LIMIT 128

/* The header length in bytes (HeaderLength counts 32-bit words). */
UNDIS_INLINE UCHAR
Ip4HeaderLengthInBytes(_In_ const IPV4_HEADER *Header)
{
    return (UCHAR)(Header->HeaderLength << 2);
}

/* ---- IPv6 ------------------------------------------------------------------ */

typedef struct _IPV6_HEADER {
    union {
        ULONG VersionClassFlow;
        UNDIS_EXTENSION struct {
            ULONG : 4;
            ULONG Version : 4;
            ULONG : 24;
        };
    };
    USHORT PayloadLength;
    UCHAR NextHeader;
    UCHAR HopLimit;
    IN6_ADDR SourceAddress;
    IN6_ADDR DestinationAddress;
} IPV6_HEADER, *PIPV6_HEADER;

#define IPV6_VERSION           6
#define IPV6_MINIMUM_MTU       1280
#define IPV6_DEFAULT_HOP_LIMIT 128

/* ---- TCP and UDP --------------------------------------------------------------- */

typedef struct _TCP_HDR {
    USHORT th_sport;
    USHORT th_dport;
    ULONG th_seq;
    ULONG th_ack;
    UNDIS_EXTENSION struct {
        UCHAR th_x2 : 4;
        UCHAR th_len : 4;
    };
    UCHAR th_flags;
    USHORT th_win;
    USHORT th_sum;
    USHORT th_urp;
} TCP_HDR, *PTCP_HDR;

#define TH_FIN     0x01
#define TH_SYN     0x02
#define TH_RST     0x04
#define TH_PSH     0x08
#define TH_ACK     0x10
#define TH_URG     0x20
#define TH_ECE     0x40
#define TH_CWR     0x80
#define TH_ALL     (TH_FIN | TH_SYN | TH_RST | TH_PSH | TH_ACK | TH_URG | TH_ECE | TH_CWR)
#define TH_SYN_ALL (TH_FIN | TH_SYN | TH_RST | TH_ACK)

/* No UDP_HDR: the WDK's netiodef.h declares none (xdp-for-windows, built
 * against it, declares its own struct _UDP_HDR after including it). */

#pragma pack(pop)

UNDIS_C_ASSERT(sizeof(ETHERNET_HEADER) == 14);
UNDIS_C_ASSERT(sizeof(IPV4_HEADER) == 20);
UNDIS_C_ASSERT(sizeof(IPV6_HEADER) == 40);
UNDIS_C_ASSERT(sizeof(TCP_HDR) == 20);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NETIODEF_H */
