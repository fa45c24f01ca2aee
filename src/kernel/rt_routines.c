/* SPDX-License-Identifier: MIT */
/*
 * rt_routines.c: NdisGetRoutineAddress, a look-up of the routines undis
 * implements by name, in the table generated from docs/compat-functions.txt
 * (every function listed "real" or "host"; cmake/UndisRoutineTable.cmake).
 * Its own file: it references the host's functions, which only a driver
 * that asks by name should pull into a link.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

/* The counted wide string equals the ASCII name (case-sensitive). */
static BOOLEAN
same_name(const NDIS_STRING *wide, const char *name)
{
    size_t n = wide->Length / sizeof(WCHAR);
    size_t i;
    if (strlen(name) != n) {
        return FALSE;
    }
    for (i = 0; i < n; i++) {
        if (wide->Buffer[i] != (WCHAR)(unsigned char)name[i]) {
            return FALSE;
        }
    }
    return TRUE;
}

/*
 * Pre: NdisRoutineName a counted string (NULL or an empty one finds
 * nothing). Post: the address of the named routine when undis implements
 * it (docs/compat-functions.txt lists it real or host), else NULL: as on
 * Windows, an unknown name is not an error and is not reported, and a
 * function that fails in user mode is not offered (a driver probing for an
 * optional routine takes its fallback). Exact, case-sensitive comparison.
 * Any IRQL <= DISPATCH_LEVEL (Windows: PASSIVE_LEVEL).
 */
PVOID
NdisGetRoutineAddress(PNDIS_STRING NdisRoutineName)
{
    size_t i;
    if (NdisRoutineName == NULL || NdisRoutineName->Buffer == NULL) {
        return NULL;
    }
    for (i = 0; i < undis__routine_count; i++) {
        if (same_name(NdisRoutineName, undis__routines[i].name)) {
            return (PVOID)(ULONG_PTR)undis__routines[i].address;
        }
    }
    return NULL;
}
