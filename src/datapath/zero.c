/* SPDX-License-Identifier: MIT */
/*
 * zero.c: which vector width the zeroing of zero.h may use, found once by
 * the process initialisation (the platform's test checks that the OS saves
 * the registers as well as that the processor has them).
 */
#include "base/internal.h"
#include "datapath/zero.h"

#if UNDIS__ZERO_X86
int undis__zero_isa;

void
undis__zero_isa_detect(void)
{
    unsigned f = undis__plat_cpu_features();
    undis__zero_isa = (f & UNDIS_CPU_AVX512F) != 0 ? 2 : (f & UNDIS_CPU_AVX2) != 0 ? 1 : 0;
}
#else
void
undis__zero_isa_detect(void)
{
}
#endif
