/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat`: structured exception handling, which only MSVC
 * (and clang targeting Windows) accepts. */
#include <ndis.h>

ULONG fixture_msvc(volatile ULONG *p);

ULONG
fixture_msvc(volatile ULONG *p)
{
    ULONG value = 0;
    __try {
        value = *p;
    } __except (1) {
        value = 0;
    }
    return value;
}
