/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/objectheader.h>: NDIS_OBJECT_HEADER, the 4-byte version header
 * at the start of every NDIS parameter structure.
 */
#ifndef UNDIS_NDIS_OBJECTHEADER_H
#define UNDIS_NDIS_OBJECTHEADER_H

#include "types.h"
#include "undis_assert.h"

/* Type: NDIS_OBJECT_TYPE_*; Revision: the structure's revision; Size: the
 * size of the whole containing structure (an NDIS_SIZEOF_*_REVISION_n). */
typedef struct _NDIS_OBJECT_HEADER {
    UCHAR Type;
    UCHAR Revision;
    USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

#define NDIS_OBJECT_TYPE_DEFAULT 0x80

/* Protocol ids kept in NET_BUFFER_LIST_POOL_PARAMETERS.ProtocolId. */
#define NDIS_PROTOCOL_ID_DEFAULT 0x00
#define NDIS_PROTOCOL_ID_TCP_IP  0x02
#define NDIS_PROTOCOL_ID_IPX     0x06
#define NDIS_PROTOCOL_ID_NBF     0x07
#define NDIS_PROTOCOL_ID_MAX     0x0F
#define NDIS_PROTOCOL_ID_MASK    0x0F

UNDIS_C_ASSERT(sizeof(NDIS_OBJECT_HEADER) == 4);

#endif /* UNDIS_NDIS_OBJECTHEADER_H */
