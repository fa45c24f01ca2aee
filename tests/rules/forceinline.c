/* Rule: FORCEINLINE carries no storage class ("static FORCEINLINE" is how
 * drivers write it), and a bare FORCEINLINE function links at -O0. */
#include <ndis.h>

static FORCEINLINE ULONG
rule_twice(ULONG x)
{
    return x * 2U;
}

FORCEINLINE ULONG
rule_thrice(ULONG x)
{
    return x * 3U;
}

int
main(void)
{
    return rule_twice(2) + rule_thrice(1) == 7 ? 0 : 1;
}
