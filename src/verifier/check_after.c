/* SPDX-License-Identifier: MIT */
/*
 * check_after.c: the structure checks of debug level 2 (base/check_after.h),
 * reported through the verifier's report path. Present in every build (the
 * macros call them at level 2 only), so that a program built at one level
 * links against a library built at another.
 */
#include "base/check_after.h"
#include "base/verify.h"

#include <string.h>

#include <undis/check.h>

static const char *
when(int at_free)
{
    return at_free ? "handed to the free" : "after the call";
}

void
undis__check_after_nb(const char *call, const NET_BUFFER *nb)
{
    char why[256];
    if (nb != NULL && undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        undis__report(UNDIS_RULE_NB_STRUCTURE, call, nb, nb, NULL, "after the call: %s", why);
    }
}

void
undis__check_after_nbl(const char *call, const NET_BUFFER_LIST *nbl)
{
    char why[256];
    if (nbl != NULL && undis_nbl_check(nbl, why, sizeof(why)) != UNDIS_CHECK_OK) {
        undis__report(UNDIS_RULE_NB_STRUCTURE, call, nbl, NULL, nbl, "after the call: %s", why);
    }
}

void
undis__check_after_mdl(const char *call, const MDL *mdl, int at_free)
{
    char why[256];
    MDL one;
    if (mdl == NULL) {
        return;
    }
    /* This MDL alone: the rest of a chain may be freed already (a chain
     * freed tail first) or not built yet. */
    memcpy(&one, mdl, sizeof(one));
    one.Next = NULL;
    if (undis_mdl_chain_check(&one, why, sizeof(why)) != UNDIS_CHECK_OK) {
        undis__report(UNDIS_RULE_NB_STRUCTURE, call, mdl, NULL, NULL,
                      "%s: MDL %p (checked as a copy): %s", when(at_free), (const void *)mdl, why);
    }
}
