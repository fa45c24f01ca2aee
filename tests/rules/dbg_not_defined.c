/* Rule: no header defines DBG; it is the build's choice, as in the WDK. */
#include <ntifs.h>
#include <ntddk.h>
#include <wdm.h>
#include <ndis.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <winapifamily.h>
#include <TraceLoggingProvider.h>
#include <evntrace.h>

#ifdef DBG
#    error "a header defined DBG"
#endif

int rule_dbg_unit;
