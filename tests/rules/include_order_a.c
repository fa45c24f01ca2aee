/* Rule: headers are idempotent in any include order (order A: the
 * wireguard-nt order, ntifs before wdm before ndis). */
#include <ntifs.h>
#include <wdm.h>
#include <ndis.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <winapifamily.h>
#include <ndis.h>
#include <ntifs.h>

int rule_order_a_unit;
