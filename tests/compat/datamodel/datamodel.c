/* undis compat fixture (compat-e): a driver header that repeats a Windows
 * base type with a C type of Windows' width (long is 32-bit on Windows,
 * 64-bit on an LP64 host). Windows data model (LLP64), not unclassified. */
#include <ndis.h>

typedef unsigned long ULONG;
typedef long LONG;

ULONG
fixture_datamodel(LONG x)
{
    return (ULONG)x;
}
