/* Rule: the NDIS-face headers never include <stdint.h> or <stdlib.h>.
 * These typedefs clash with the C library's if any header pulls them in. */
typedef struct driver_u64 {
    unsigned int lo, hi;
} uint64_t;
typedef char uint32_t;
typedef char uint8_t;
typedef char int32_t;
#ifndef _WIN32
/* On Windows the C runtime's <stddef.h>, which the WDK's headers and
 * <windows.h> include too, defines these two (vcruntime.h, corecrt.h). */
typedef char intptr_t;
typedef char uintptr_t;
#endif

#include <ntifs.h>
#include <ndis.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>

int rule_no_stdint_unit;
