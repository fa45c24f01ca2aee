/* Rule: multi-character pool tags ('tseT') are accepted with the flag
 * drivers need (-Wno-multichar under GCC and Clang) and have the value
 * MSVC gives them: first character in the most significant byte. */
#include <ndis.h>

#define TEST_TAG 'tseT'

C_ASSERT(TEST_TAG == 0x74736554);

int rule_multichar(void);

int
rule_multichar(void)
{
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 16, TEST_TAG);
    if (p != NULL) {
        ExFreePoolWithTag(p, TEST_TAG);
    }
    return p != NULL;
}
