/* SPDX-License-Identifier: MIT */
/*
 * <ndis.h> next to the C runtime's headers and <windows.h>, in either order
 * (compile-only, MinGW-w64 x86_64 and i686; tests/headers/CMakeLists.txt):
 *
 *   default                     <ndis.h>, then <stdlib.h>, <string.h>, <windows.h>
 *   UNDIS_COEXIST_CRT_FIRST=1   <stdlib.h>, <string.h>, <windows.h>, then <ndis.h>
 *
 * Each order must compile, and the constants whose <windows.h> forms differ
 * from the WDK's must have the WDK's type and value afterwards.
 */
#if defined(UNDIS_COEXIST_CRT_FIRST)
#    include <stdlib.h>
#    include <string.h>
#    include <windows.h>
/* after the others */
#    include <ndis.h>
#else
#    include <ndis.h>
/* after <ndis.h>: the CRT declares _byteswap_* (a macro of that name in
 * <ndis.h> would break this declaration on i686) */
#    include <stdlib.h>
#    include <string.h>
#    include <windows.h>
#endif

/* MINLONG is a negative LONG (winnt.h's is the unsigned 0x80000000). */
C_ASSERT(MINLONG < 0);
C_ASSERT(MINLONG == -MAXLONG - 1);
/* ntdef.h's unsigned limits, which winnt.h lacks. */
C_ASSERT(MAXULONG == 0xffffffffU && MAXUSHORT == 0xffffU && MAXUCHAR == 0xffU);
/* NTSTATUS codes are NTSTATUS, hence negative for errors (winnt.h's are DWORD). */
C_ASSERT(STATUS_INVALID_PARAMETER < 0);
C_ASSERT(STATUS_NO_MEMORY < 0 && STATUS_ACCESS_VIOLATION < 0 && STATUS_PENDING > 0);
C_ASSERT(sizeof(STATUS_INVALID_PARAMETER) == sizeof(NTSTATUS));

unsigned long undis_coexist_swaps(void);

/* The byte swaps resolve (the CRT's on Windows) and the RTL forms too. */
unsigned long
undis_coexist_swaps(void)
{
    unsigned short s = _byteswap_ushort((unsigned short)0x1234U);
    unsigned long l = _byteswap_ulong(0x12345678UL);
    return (unsigned long)s + l + (unsigned long)RtlUlongByteSwap(1U);
}
