/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a header mofcomp generates from fixture_wmi.mof,
 * absent from the source tree (NetKVM's netkvmmof.h). */
#include <ndis.h>
#include "fixture_wmimof.h"

ULONG fixture_generated_mof(void);

ULONG
fixture_generated_mof(void)
{
    return 0; /* the generated names are not used: only the header is missing */
}
