/* Rule: headers are idempotent in any include order (order B: the ndis/ pieces
 * pieces first, shadows last). */
#include <ndis/datapath.h>
#include <ndis/nblapi.h>
#include <ndis/rt.h>
#include <ntintsafe.h>
#include <ntstrsafe.h>
#include <ntdef.h>
#include <ntstatus.h>
#include <ndis.h>
#include <ntddk.h>
#include <wdm.h>
#include <ntifs.h>
#include <evntrace.h>
#include <TraceLoggingProvider.h>

int rule_order_b_unit;
