/* Rule: every NET_BUFFER_* / NET_BUFFER_LIST_* field accessor and
 * NDIS_MDL_LINKAGE is an lvalue: drivers assign to them and take their
 * address. */
#include <ndis.h>

void rule_lvalues(PNET_BUFFER_LIST nbl, PNET_BUFFER nb, PMDL mdl);

void
rule_lvalues(PNET_BUFFER_LIST nbl, PNET_BUFFER nb, PMDL mdl)
{
    PNET_BUFFER *first = &NET_BUFFER_LIST_FIRST_NB(nbl);
    PNET_BUFFER_LIST *next = &NET_BUFFER_LIST_NEXT_NBL(nbl);
    PMDL *link = &NDIS_MDL_LINKAGE(mdl);
    ULONG *len = &NET_BUFFER_DATA_LENGTH(nb);
    *first = nb;
    *next = NULL;
    *link = NULL;
    *len = 0;
    NET_BUFFER_NEXT_NB(nb) = NULL;
    NET_BUFFER_FIRST_MDL(nb) = mdl;
    NET_BUFFER_CURRENT_MDL(nb) = mdl;
    NET_BUFFER_CURRENT_MDL_OFFSET(nb) = 0;
    NET_BUFFER_DATA_OFFSET(nb) = 0;
    NET_BUFFER_DATA_LENGTH(nb) = 14;
    NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    NET_BUFFER_LIST_FLAGS(nbl) |= 0x00100000U;
    NET_BUFFER_LIST_NBL_FLAGS(nbl) = 0;
    NET_BUFFER_LIST_INFO(nbl, Ieee8021QNetBufferListInfo) = NULL;
    (void)&NET_BUFFER_LIST_INFO(nbl, NetBufferListCancelId);
    (void)&NET_BUFFER_CURRENT_MDL_OFFSET(nb);
    (void)&NET_BUFFER_DATA_OFFSET(nb);
}
