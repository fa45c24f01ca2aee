/* SPDX-License-Identifier: MIT */
/*
 * check_after.h: debug level 2 (UNDIS_DEBUG=2, base/internal.h): the
 * structure checker of <undis/check.h> run by every mutating entry point of
 * the data path on what it leaves behind, so that a broken NET_BUFFER,
 * NET_BUFFER_LIST or MDL is caught at the first entry point after the
 * damage, named by that entry point. The NBL and NB frees check nothing: a
 * driver may free an NB's MDLs before the NB, so its chain may be gone
 * (IoFreeMdl checks the MDL it frees, alone). The calls that change only
 * contexts or info slots (NdisAllocate/FreeNetBufferListContext,
 * NdisCopySend/ReceiveNetBufferListInfo) change nothing the checker reads.
 *
 * A failure goes to the verifier's report path as NB_STRUCTURE, with `call`
 * the entry point and the checker's rule and values in the reason; the
 * default report prints it and aborts. Below level 2 the macros are nothing
 * at all.
 *
 * Each entry point checks on its success path only: a call the verifier
 * refused changed nothing and was reported already.
 *
 * Declared on this floor, implemented by the verifier wing
 * (verifier/check_after.c), as base/verify.h's checks are: the data path
 * reaches the verifier through base/ only.
 */
#ifndef UNDIS_CHECK_AFTER_H
#define UNDIS_CHECK_AFTER_H

#include "base/internal.h"

void undis__check_after_nb(const char *call, const NET_BUFFER *nb);
void undis__check_after_nbl(const char *call, const NET_BUFFER_LIST *nbl);
void undis__check_after_mdl(const char *call, const MDL *mdl, int at_free);

/* After the call's work; IoFreeMdl checks the MDL it is handed (AT_FREE). */
#if UNDIS_DEBUG >= 2
#    define UNDIS_CHECK_AFTER_NB(call, nb)     undis__check_after_nb((call), (nb))
#    define UNDIS_CHECK_AFTER_NBL(call, nbl)   undis__check_after_nbl((call), (nbl))
#    define UNDIS_CHECK_AFTER_MDL(call, mdl)   undis__check_after_mdl((call), (mdl), 0)
#    define UNDIS_CHECK_AT_FREE_MDL(call, mdl) undis__check_after_mdl((call), (mdl), 1)
#else
#    define UNDIS_CHECK_AFTER_NB(call, nb)     ((void)0)
#    define UNDIS_CHECK_AFTER_NBL(call, nbl)   ((void)0)
#    define UNDIS_CHECK_AFTER_MDL(call, mdl)   ((void)0)
#    define UNDIS_CHECK_AT_FREE_MDL(call, mdl) ((void)0)
#endif

#endif /* UNDIS_CHECK_AFTER_H */
