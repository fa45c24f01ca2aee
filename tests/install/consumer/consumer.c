/* SPDX-License-Identifier: MIT */
/*
 * consumer.c: the smallest useful program against an installed undis: one
 * NET_BUFFER over a frame, a 14-byte header pushed with the default
 * NetAllocateMdl and popped again. Prints "undis_consumer: ok" on success.
 */
#include <ndis.h>
#include <undis/fault.h>
#include <undis/version.h>

#include <stdio.h>
#include <string.h>

static UCHAR Frame[60];

int
main(void)
{
    NET_BUFFER Nb;
    PMDL Mdl;
    NDIS_STATUS Status;
    PUCHAR Header;
    UCHAR Storage[14];

    if (strcmp(undis_version(), UNDIS_VERSION_STRING) != 0) {
        printf("undis_consumer: library %s, headers %s\n", undis_version(), UNDIS_VERSION_STRING);
        return 1;
    }
    memset(Frame, 0x5A, sizeof(Frame));
    Mdl = NdisAllocateMdl(NULL, Frame, sizeof(Frame));
    if (Mdl == NULL) {
        return 1;
    }
    memset(&Nb, 0, sizeof(Nb));
    NET_BUFFER_FIRST_MDL(&Nb) = Mdl;
    NET_BUFFER_DATA_LENGTH(&Nb) = sizeof(Frame);
    NdisAdjustNetBufferCurrentMdl(&Nb);

    /* No unused space: the default NetAllocateMdl supplies the header. */
    Status = NdisRetreatNetBufferDataStart(&Nb, 14, 0, NULL);
    if (Status != NDIS_STATUS_SUCCESS || NET_BUFFER_DATA_LENGTH(&Nb) != 74 ||
        NET_BUFFER_FIRST_MDL(&Nb) == Mdl) {
        printf("undis_consumer: retreat failed (0x%08x)\n", (unsigned)Status);
        return 1;
    }
    Header = (PUCHAR)NdisGetDataBuffer(&Nb, 14, NULL, 1, 0);
    if (Header == NULL) {
        return 1;
    }
    memset(Header, 0xA5, 14);
    if (NdisGetDataBuffer(&Nb, 14, Storage, 1, 0) != Header) {
        return 1;
    }
    NdisAdvanceNetBufferDataStart(&Nb, 14, TRUE, NULL);
    if (NET_BUFFER_FIRST_MDL(&Nb) != Mdl || NET_BUFFER_DATA_OFFSET(&Nb) != 0 ||
        NET_BUFFER_DATA_LENGTH(&Nb) != sizeof(Frame)) {
        printf("undis_consumer: advance did not restore the NET_BUFFER\n");
        return 1;
    }
    NdisFreeMdl(Mdl);
    if (undis_alloc_outstanding() != 0) {
        printf("undis_consumer: %llu allocations leaked\n", undis_alloc_outstanding());
        return 1;
    }
    printf("undis_consumer: ok (undis %s)\n", undis_version());
    return 0;
}
