/* SPDX-License-Identifier: MIT */
/*
 * tests/support/checks.h: checks many test files make of NET_BUFFERs,
 * NET_BUFFER_LISTs and MDLs, and an MDL in test storage. Each check fails
 * the current case (reported at the caller's line for the macros).
 */
#ifndef UNDIS_TEST_SUPPORT_CHECKS_H
#define UNDIS_TEST_SUPPORT_CHECKS_H

#include <ndis.h>
#include <undis/check.h>

#include "test.h"

/* The structure checker accepts the NB. */
#define CHECK_NB_OK(nb)                                                        \
    do {                                                                       \
        char why_[256];                                                        \
        if (undis_nb_check((nb), why_, sizeof(why_)) != UNDIS_CHECK_OK) {      \
            ut_fail_(__FILE__, __LINE__, "undis_nb_check(%s): %s", #nb, why_); \
        }                                                                      \
    } while (0)

/* The structure checker accepts the NBL. */
#define CHECK_NBL_OK(nbl)                                                        \
    do {                                                                         \
        char why_[256];                                                          \
        if (undis_nbl_check((nbl), why_, sizeof(why_)) != UNDIS_CHECK_OK) {      \
            ut_fail_(__FILE__, __LINE__, "undis_nbl_check(%s): %s", #nbl, why_); \
        }                                                                        \
    } while (0)

/* {MdlChain; DataOffset; DataLength; CurrentMdl@CurrentMdlOffset}, and the
 * checker accepts the NB. */
#define CHECK_NB_STATE(nb, chain, off, len, cur, cur_off) \
    do {                                                  \
        CHECK_PTR_EQ((nb)->MdlChain, (chain));            \
        CHECK_EQ_U32((nb)->DataOffset, (off));            \
        CHECK_EQ_U32((nb)->DataLength, (len));            \
        CHECK_PTR_EQ((nb)->CurrentMdl, (cur));            \
        CHECK_EQ_U32((nb)->CurrentMdlOffset, (cur_off));  \
        CHECK_NB_OK(nb);                                  \
    } while (0)

/* An MDL in test storage with room for four PFNs (buffers up to 3 pages). */
struct tmdl {
    MDL mdl;
    PFN_NUMBER pfn[4];
};

/* Initialises t as a mapped nonpaged MDL over [buf, buf + len) (len > 0)
 * and returns it. */
PMDL tmdl_make(struct tmdl *t, PUCHAR buf, ULONG len);

/* An MDL's fields and PFNs are as they were (not its padding, which nobody
 * initialises); `was` is a copy of Size bytes taken earlier. */
void check_mdl_same(const MDL *now, const MDL *was);

#endif /* UNDIS_TEST_SUPPORT_CHECKS_H */
