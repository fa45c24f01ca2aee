/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/rt.h>: the kernel environment around the data path, in one
 * include: ntdef types (<ndis/types.h>), NTSTATUS codes, debug and bug-check
 * reporting, IRQL and spin locks, interlocked operations and SLISTs,
 * LIST_ENTRY lists, memory and tagged pool, lookaside lists, time,
 * processors, events, NDIS reader/writer locks, integer-safe arithmetic,
 * byte swaps and bit scans, counted strings and the ntstrsafe.h set.
 * <ndis.h> includes it; so do the shadow <ntddk.h>, <wdm.h> and <ntifs.h>.
 * Only WDK names live here. undis's own controls of this runtime (the
 * report hook, the DbgPrint sink, the processor count, the lookaside depth)
 * are extras, in <undis/rt.h> and <undis/report.h>; the face never depends
 * on them.
 */
#ifndef UNDIS_NDIS_RT_H
#define UNDIS_NDIS_RT_H

#include "types.h"
#include "ntstatus.h"
#include "status.h"
#include "debug.h"
#include "irql.h"
#include "interlocked.h"
#include "lists.h"
#include "memory.h"
#include "lookaside.h"
#include "kernel.h"
#include "intsafe.h"
#include "bitops.h"
#include "rtlstring.h"
#include "strsafe.h"

#endif /* UNDIS_NDIS_RT_H */
