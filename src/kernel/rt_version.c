/* SPDX-License-Identifier: MIT */
/*
 * rt_version.c: NdisGetVersion and NdisGetRoutineAddress, which need no
 * host: the NDIS version undis implements, and a look-up of the NDIS
 * routines a driver may ask for by name at run time.
 */
#include "kernel/rt_internal.h"

#include <ndis.h>

/* NDIS 6.89, the highest version the headers declare: major in the high
 * word, minor in the low word, as NdisGetVersion reports it. */
#define UNDIS_NDIS_VERSION_IMPLEMENTED 0x00060059U

/*
 * Pre: none. Post: returns the NDIS version undis implements (6.89),
 * whatever NDIS_SUPPORT_NDISxxx the driver was compiled with. Any IRQL.
 */
UINT
NdisGetVersion(VOID)
{
    return UNDIS_NDIS_VERSION_IMPLEMENTED;
}

struct routine {
    const char *name;
    PVOID address;
};

/* Same name: the counted wide string equals the ASCII name. */
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
 * nothing). Post: the address of the named routine when undis defines it
 * and drivers look it up at run time (NdisGetVersion,
 * NdisGetRoutineAddress), else NULL: as on Windows, an unknown name is not
 * an error and is not reported. The comparison is exact (case-sensitive).
 * IRQL: PASSIVE_LEVEL.
 */
PVOID
NdisGetRoutineAddress(PNDIS_STRING NdisRoutineName)
{
    const struct routine table[] = {
        { "NdisGetVersion", (PVOID)(ULONG_PTR)NdisGetVersion },
        { "NdisGetRoutineAddress", (PVOID)(ULONG_PTR)NdisGetRoutineAddress },
    };
    size_t i;
    if (NdisRoutineName == NULL || NdisRoutineName->Buffer == NULL) {
        return NULL;
    }
    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (same_name(NdisRoutineName, table[i].name)) {
            return table[i].address;
        }
    }
    return NULL;
}
