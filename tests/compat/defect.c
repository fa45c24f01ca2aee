/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: the driver's own defect, a prototype that
 * conflicts with its definition. */
#include <ndis.h>

ULONG fixture_defect(ULONG value);

USHORT
fixture_defect(ULONG value)
{
    return (USHORT)value;
}
