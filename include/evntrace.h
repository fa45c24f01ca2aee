/* SPDX-License-Identifier: MIT */
/*
 * undis <evntrace.h>: empty-but-valid. Drivers include it for the WPP and
 * TraceLogging machinery, which undis compiles to nothing. The trace levels
 * are defined for code that filters on them.
 */
#ifndef UNDIS_SHADOW_EVNTRACE_H
#define UNDIS_SHADOW_EVNTRACE_H

#include "ndis/types.h"

#ifndef TRACE_LEVEL_NONE
#    define TRACE_LEVEL_NONE        0
#    define TRACE_LEVEL_CRITICAL    1
#    define TRACE_LEVEL_FATAL       1
#    define TRACE_LEVEL_ERROR       2
#    define TRACE_LEVEL_WARNING     3
#    define TRACE_LEVEL_INFORMATION 4
#    define TRACE_LEVEL_VERBOSE     5
#endif

#endif /* UNDIS_SHADOW_EVNTRACE_H */
