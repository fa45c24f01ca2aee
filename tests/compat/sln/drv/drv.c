/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: compiles only when the project's imported sheet
 * was read (SLN_COMMON), its include folder outside the driver's folder was
 * found in the letter case on disk and the header in another letter case
 * (slnshared.h), and the compile is kernel-mode (_KERNEL_MODE, MSVC's /kernel). */
#include <ndis.h>
#include "slnshared.h"

#if !defined(SLN_COMMON) || !defined(SLN_SHARED) || !defined(_KERNEL_MODE)
#    error "the project's settings were not applied"
#endif

ULONG
fixture_sln_value(void)
{
    return (ULONG)SLN_COMMON + (ULONG)SLN_SHARED;
}
