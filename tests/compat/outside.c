/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a header of the project's that is not in the
 * tree given (as in a partial checkout): the driver's tree, not undis; the
 * names it would declare are follow-on errors. */
#include <ndis.h>
#include "../not_checked_out/project_defs.h"

ULONG fixture_outside(void);

ULONG
fixture_outside(void)
{
    return PROJECT_DEFS_VERSION;
}
