/* SPDX-License-Identifier: MIT */
/*
 * zero.c: which vector width the zeroing of zero.h may use, found once at
 * start-up (__builtin_cpu_supports checks XGETBV as well as CPUID, so a
 * set the OS does not save is not used).
 */
#include "datapath/zero.h"

#if UNDIS__ZERO_X86
int undis__zero_isa;

__attribute__((constructor)) static void
detect_isa(void)
{
    __builtin_cpu_init();
    undis__zero_isa = __builtin_cpu_supports("avx512f") ? 2
                      : __builtin_cpu_supports("avx2")  ? 1
                                                        : 0;
}
#else
/* ISO C forbids an empty translation unit. */
typedef int undis__zero_unused;
#endif
