/* Rule: REG_DWORD, REG_DWORD_LITTLE_ENDIAN and REG_DWORD_BIG_ENDIAN have
 * their Windows values, and REG_DWORD names the machine's byte order. */
#include <ndis.h>

C_ASSERT(REG_DWORD_LITTLE_ENDIAN == 4);
C_ASSERT(REG_DWORD_BIG_ENDIAN == 5);
#if REG_DWORD == REG_DWORD_LITTLE_ENDIAN
static const ULONG one = 1;
int rule_reg_dword(void);
int
rule_reg_dword(void)
{
    return *(const UCHAR *)&one; /* 1 on a little-endian machine */
}
#else
int rule_reg_dword(void);
int
rule_reg_dword(void)
{
    return 1;
}
#endif
