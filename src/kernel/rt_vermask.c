/* SPDX-License-Identifier: MIT */
/*
 * rt_vermask.c: VerSetConditionMask, which only packs 3-bit conditions into
 * a mask for RtlVerifyVersionInfo (one field per VER_* bit, the lowest bit
 * first). On Windows builds the system provides it.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

#if !UNDIS_HAVE_WINNT

ULONGLONG NTAPI
VerSetConditionMask(ULONGLONG ConditionMask, ULONG TypeMask, UCHAR Condition)
{
    ULONGLONG condition = (ULONGLONG)(Condition & VER_CONDITION_MASK);
    for (unsigned field = 0; field < 8; field++) {
        if ((TypeMask & (1UL << field)) != 0) {
            unsigned shift = field * VER_NUM_BITS_PER_CONDITION_MASK;
            ConditionMask &= ~((ULONGLONG)VER_CONDITION_MASK << shift);
            ConditionMask |= condition << shift;
        }
    }
    return ConditionMask;
}

#endif
