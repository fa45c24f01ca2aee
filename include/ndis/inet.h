/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/inet.h>: the IP address and socket-address types as kernel
 * drivers see them (inaddr.h, in6addr.h, ws2def.h, ws2ipdef.h): IN_ADDR,
 * IN6_ADDR, ADDRESS_FAMILY and AF_*, IPPROTO, SOCKADDR, SOCKADDR_IN,
 * SOCKADDR_IN6, SOCKADDR_INET, SOCKADDR_STORAGE, SCOPE_ID and the INADDR_*
 * constants, with the Windows values and layouts (AF_INET6 is 23 here, as
 * on Windows, whatever the host's socket headers say).
 *
 * Not for Windows builds: there <inaddr.h>, <ws2def.h>, ... are the SDK's
 * (undis's shadows forward to them). Do not mix this header with the host's
 * <netinet/in.h> or <sys/socket.h> in one file: both declare struct in_addr
 * and struct sockaddr.
 */
#ifndef UNDIS_NDIS_INET_H
#define UNDIS_NDIS_INET_H

#include "compiler.h"
#include "types.h"
#include "undis_assert.h"

#if UNDIS_HAVE_WINNT
#    error "undis <ndis/inet.h>: on Windows include the SDK's <ws2def.h> / <ws2ipdef.h>"
#endif

UNDIS_EXTERN_C_BEGIN
UNDIS_CXX_EXTENSIONS_BEGIN

/* ---- inaddr.h -------------------------------------------------------------- */

typedef struct in_addr {
    union {
        struct {
            UCHAR s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            USHORT s_w1, s_w2;
        } S_un_w;
        ULONG S_addr;
    } S_un;
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

#define s_addr  S_un.S_addr
#define s_host  S_un.S_un_b.s_b2
#define s_net   S_un.S_un_b.s_b1
#define s_imp   S_un.S_un_w.s_w2
#define s_impno S_un.S_un_b.s_b4
#define s_lh    S_un.S_un_b.s_b3

/* ---- in6addr.h ------------------------------------------------------------- */

typedef struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

#define in_addr6 in6_addr
#define _S6_un   u
#define _S6_u8   Byte
#define s6_addr  _S6_un._S6_u8
#define s6_bytes u.Byte
#define s6_words u.Word

/* ---- ws2def.h -------------------------------------------------------------- */

typedef USHORT ADDRESS_FAMILY;

#define AF_UNSPEC    0
#define AF_UNIX      1
#define AF_INET      2
#define AF_IMPLINK   3
#define AF_PUP       4
#define AF_CHAOS     5
#define AF_NS        6
#define AF_IPX       AF_NS
#define AF_ISO       7
#define AF_OSI       AF_ISO
#define AF_ECMA      8
#define AF_DATAKIT   9
#define AF_CCITT     10
#define AF_SNA       11
#define AF_DECnet    12
#define AF_DLI       13
#define AF_LAT       14
#define AF_HYLINK    15
#define AF_APPLETALK 16
#define AF_NETBIOS   17
#define AF_VOICEVIEW 18
#define AF_FIREFOX   19
#define AF_UNKNOWN1  20
#define AF_BAN       21
#define AF_ATM       22
#define AF_INET6     23
#define AF_CLUSTER   24
#define AF_12844     25
#define AF_IRDA      26
#define AF_NETDES    28
#define AF_BTH       32
#define AF_LINK      33
#define AF_HYPERV    34
#define AF_MAX       35

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5

typedef struct sockaddr {
    ADDRESS_FAMILY sa_family;
    CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

#define IPPROTO_IP 0

typedef enum {
    IPPROTO_HOPOPTS = 0,
    IPPROTO_ICMP = 1,
    IPPROTO_IGMP = 2,
    IPPROTO_GGP = 3,
    IPPROTO_IPV4 = 4,
    IPPROTO_ST = 5,
    IPPROTO_TCP = 6,
    IPPROTO_CBT = 7,
    IPPROTO_EGP = 8,
    IPPROTO_IGP = 9,
    IPPROTO_PUP = 12,
    IPPROTO_UDP = 17,
    IPPROTO_IDP = 22,
    IPPROTO_RDP = 27,
    IPPROTO_IPV6 = 41,
    IPPROTO_ROUTING = 43,
    IPPROTO_FRAGMENT = 44,
    IPPROTO_ESP = 50,
    IPPROTO_AH = 51,
    IPPROTO_ICMPV6 = 58,
    IPPROTO_NONE = 59,
    IPPROTO_DSTOPTS = 60,
    IPPROTO_ND = 77,
    IPPROTO_ICLFXBM = 78,
    IPPROTO_PIM = 103,
    IPPROTO_PGM = 113,
    IPPROTO_L2TP = 115,
    IPPROTO_SCTP = 132,
    IPPROTO_RAW = 255,
    IPPROTO_MAX = 256,
    IPPROTO_RESERVED_RAW = 257,
    IPPROTO_RESERVED_IPSEC = 258,
    IPPROTO_RESERVED_IPSECOFFLOAD = 259,
    IPPROTO_RESERVED_WNV = 260,
    IPPROTO_RESERVED_MAX = 261
} IPPROTO,
    *PIPROTO;

typedef enum {
    ScopeLevelInterface = 1,
    ScopeLevelLink = 2,
    ScopeLevelSubnet = 3,
    ScopeLevelAdmin = 4,
    ScopeLevelSite = 5,
    ScopeLevelOrganization = 8,
    ScopeLevelGlobal = 14,
    ScopeLevelCount = 16
} SCOPE_LEVEL;

typedef struct {
    union {
        struct {
            ULONG Zone : 28;
            ULONG Level : 4;
        };
        ULONG Value;
    };
} SCOPE_ID, *PSCOPE_ID;

#define SCOPEID_UNSPECIFIED_INIT \
    {                            \
        0                        \
    }

typedef struct sockaddr_in {
    ADDRESS_FAMILY sin_family;
    USHORT sin_port;
    IN_ADDR sin_addr;
    CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;

#define SS_MAXSIZE   128
#define SS_ALIGNSIZE (sizeof(LONGLONG))
#define SS_PAD1SIZE  (SS_ALIGNSIZE - sizeof(USHORT))
#define SS_PAD2SIZE  (SS_MAXSIZE - (sizeof(USHORT) + SS_PAD1SIZE + SS_ALIGNSIZE))

typedef struct sockaddr_storage {
    ADDRESS_FAMILY ss_family;
    CHAR __ss_pad1[SS_PAD1SIZE];
    LONGLONG __ss_align;
    CHAR __ss_pad2[SS_PAD2SIZE];
} SOCKADDR_STORAGE_LH, *PSOCKADDR_STORAGE_LH, SOCKADDR_STORAGE, *PSOCKADDR_STORAGE;

#define INADDR_ANY       ((ULONG)0x00000000)
#define INADDR_LOOPBACK  0x7f000001
#define INADDR_BROADCAST ((ULONG)0xffffffff)
#define INADDR_NONE      0xffffffff

/* ---- ws2ipdef.h ------------------------------------------------------------- */

typedef struct sockaddr_in6 {
    ADDRESS_FAMILY sin6_family;
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    IN6_ADDR sin6_addr;
    union {
        ULONG sin6_scope_id;
        SCOPE_ID sin6_scope_struct;
    };
} SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH, SOCKADDR_IN6, *PSOCKADDR_IN6;

typedef union _SOCKADDR_INET {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

typedef struct _SOCKADDR_IN6_PAIR {
    PSOCKADDR_IN6 SourceAddress;
    PSOCKADDR_IN6 DestinationAddress;
} SOCKADDR_IN6_PAIR, *PSOCKADDR_IN6_PAIR;

#define INET_ADDRSTRLEN  22
#define INET6_ADDRSTRLEN 65

UNDIS_C_ASSERT(sizeof(IN_ADDR) == 4);
UNDIS_C_ASSERT(sizeof(IN6_ADDR) == 16);
UNDIS_C_ASSERT(sizeof(SOCKADDR) == 16);
UNDIS_C_ASSERT(sizeof(SOCKADDR_IN) == 16);
UNDIS_C_ASSERT(sizeof(SOCKADDR_IN6) == 28);
UNDIS_C_ASSERT(sizeof(SOCKADDR_INET) == 28);
UNDIS_C_ASSERT(sizeof(SOCKADDR_STORAGE) == 128);
UNDIS_C_ASSERT(sizeof(SCOPE_ID) == 4);

UNDIS_CXX_EXTENSIONS_END
UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_INET_H */
