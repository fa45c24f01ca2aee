/* SPDX-License-Identifier: MIT */
/* A second traced file of the fixture driver: its own .tmh, the project's
 * -func: trace function. */
#include <ndis.h>

#include "fixture.h"
#include "trace.h"
#include "trace_user.tmh"

static const UCHAR fixture_mac[6] = { 2, 0, 0, 0, 0, 1 };

VOID
fixture_receive(ULONG length)
{
    FixtureTrace(DBG_DATA, "received %u bytes", length);
    TraceEvents(TRACE_LEVEL_ERROR, DBG_DATA, "error path, ip %!IPADDR! mac %!MACADDR!", 0x0100007fu,
                fixture_mac);
}
