/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: a header the message compiler generates from
 * fixture_msgs.mc, absent from the source tree. */
#include <ndis.h>
#include "fixture_msgs.h"

ULONG fixture_generated(void);

ULONG
fixture_generated(void)
{
    return FIXTURE_MSG_STARTED;
}
