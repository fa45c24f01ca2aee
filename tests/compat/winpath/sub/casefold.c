/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: includes spelled as on Windows (another letter
 * case, backslashes), found through the file-system overlay: compiles. */
#include <NDIS.H>
#include "..\Winpath_Inc.H"

ULONG fixture_casefold(void);

ULONG
fixture_casefold(void)
{
    return FIXTURE_WINPATH_VALUE;
}
