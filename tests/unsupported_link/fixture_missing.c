/* SPDX-License-Identifier: MIT */
/*
 * Link fixture: takes the address of a function that is declared, as the
 * headers declare their functions, but that libundis does not define.
 * unsupported.link_fails_without_definition expects linking this to fail.
 */
#include <ndis.h>

#include <stdio.h>

NDIS_STATUS UndisFixtureNeverDefined(NDIS_HANDLE Handle);

int
main(void)
{
    NDIS_STATUS (*volatile f)(NDIS_HANDLE) = UndisFixtureNeverDefined;
    printf("%p\n", (void *)(ULONG_PTR)f);
    return 0;
}
