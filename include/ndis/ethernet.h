/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/ethernet.h>: the Ethernet helpers of ndis.h (address length,
 * multicast/broadcast tests, copy and compare), the NDIS_PACKET_TYPE_* filter
 * bits and the NDIS_ETH_TYPE_* EtherType values (host byte order).
 * Macros; any IRQL; addresses need no alignment.
 */
#ifndef UNDIS_NDIS_ETHERNET_H
#define UNDIS_NDIS_ETHERNET_H

#include <string.h>

#include "types.h"

#define ETH_LENGTH_OF_ADDRESS 6

#define ETH_IS_MULTICAST(Address) ((BOOLEAN)(((const UCHAR *)(Address))[0] & ((UCHAR)0x01)))
#define ETH_IS_BROADCAST(Address)                                \
    ((BOOLEAN)((((const UCHAR *)(Address))[0] == (UCHAR)0xff) && \
               (((const UCHAR *)(Address))[1] == (UCHAR)0xff) && \
               (((const UCHAR *)(Address))[2] == (UCHAR)0xff) && \
               (((const UCHAR *)(Address))[3] == (UCHAR)0xff) && \
               (((const UCHAR *)(Address))[4] == (UCHAR)0xff) && \
               (((const UCHAR *)(Address))[5] == (UCHAR)0xff)))
#define ETH_IS_LOCALLY_ADMINISTERED(Address) \
    ((BOOLEAN)(((const UCHAR *)(Address))[0] & ((UCHAR)0x02)))

#define ETH_COPY_NETWORK_ADDRESS(_D, _S) \
    ((void)memmove((void *)(_D), (const void *)(_S), ETH_LENGTH_OF_ADDRESS))

/* *_Result = 0 when equal, nonzero otherwise. */
#define ETH_COMPARE_NETWORK_ADDRESSES_EQ(_A, _B, _Result) \
    (*(_Result) = (memcmp((const void *)(_A), (const void *)(_B), ETH_LENGTH_OF_ADDRESS) != 0))
/* *_Result < 0, 0 or > 0 as _A orders before, equal to or after _B. */
#define ETH_COMPARE_NETWORK_ADDRESSES(_A, _B, _Result) \
    (*(_Result) = memcmp((const void *)(_A), (const void *)(_B), ETH_LENGTH_OF_ADDRESS))

#define NDIS_PACKET_TYPE_DIRECTED       0x00000001
#define NDIS_PACKET_TYPE_MULTICAST      0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST  0x00000004
#define NDIS_PACKET_TYPE_BROADCAST      0x00000008
#define NDIS_PACKET_TYPE_SOURCE_ROUTING 0x00000010
#define NDIS_PACKET_TYPE_PROMISCUOUS    0x00000020
#define NDIS_PACKET_TYPE_SMT            0x00000040
#define NDIS_PACKET_TYPE_ALL_LOCAL      0x00000080
#define NDIS_PACKET_TYPE_GROUP          0x00001000
#define NDIS_PACKET_TYPE_ALL_FUNCTIONAL 0x00002000
#define NDIS_PACKET_TYPE_FUNCTIONAL     0x00004000
#define NDIS_PACKET_TYPE_MAC_FRAME      0x00008000
#define NDIS_PACKET_TYPE_NO_LOCAL       0x00010000

#define NDIS_ETH_TYPE_IPV4          0x0800
#define NDIS_ETH_TYPE_ARP           0x0806
#define NDIS_ETH_TYPE_IPV6          0x86dd
#define NDIS_ETH_TYPE_802_1X        0x888e
#define NDIS_ETH_TYPE_802_1Q        0x8100
#define NDIS_ETH_TYPE_SLOW_PROTOCOL 0x8809

#endif /* UNDIS_NDIS_ETHERNET_H */
