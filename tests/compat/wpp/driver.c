/* SPDX-License-Identifier: MIT */
/* The fixture driver's entry: traced with WPP as the WDK's samples are. */
#include <ndis.h>

#include "fixture.h"
#include "trace.h"
#include "driver.tmh"

NTSTATUS
fixture_driver_entry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path)
{
    NTSTATUS status = STATUS_SUCCESS;
    WPP_INIT_TRACING(driver, registry_path);
    TraceEvents(TRACE_LEVEL_INFORMATION, DBG_INIT, "%!FUNC!: %d adapters, status %!STATUS!", 2,
                status);
    DoTraceMessage(DBG_OID, "oid 0x%08x", 0x00010202u);
    TraceExit(TRACE_LEVEL_VERBOSE, status);
    return status;
}

VOID
fixture_driver_unload(PDRIVER_OBJECT driver)
{
    TraceEvents(TRACE_LEVEL_WARNING, DBG_INIT, "unload (%!FILE!:%!LINE!) %%");
    WPP_CLEANUP(driver);
}
