/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a header ctrpp generates from the manifest
 * fixture_ev.man, absent from the source tree (xdp's xdppcwcounters.h). */
#include <ndis.h>
#include "fixture_evcounters.h"

ULONG fixture_generated_man(void);

ULONG
fixture_generated_man(void)
{
    return 0; /* the generated names are not used: only the header is missing */
}
