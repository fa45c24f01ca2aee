/* Rule: C_ASSERT works at file scope and at block scope. */
#include <ndis.h>

C_ASSERT(sizeof(ULONG) == 4);

int rule_c_assert(void);

int
rule_c_assert(void)
{
    C_ASSERT(sizeof(USHORT) == 2);
    int after_assert = 1;
    C_ASSERT(FIELD_OFFSET(NET_BUFFER_LIST, Next) == 0);
    return after_assert;
}
