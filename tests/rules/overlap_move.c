/* Rule: RtlCopyMemory / NdisMoveMemory tolerate overlapping ranges (drivers
 * move headers over themselves with them). Runs under ASan in the asan
 * preset, which reports memcpy-param-overlap if the macro were memcpy. */
#include <ndis.h>

int
main(void)
{
    UCHAR b[64];
    int i;
    for (i = 0; i < 64; i++) {
        b[i] = (UCHAR)i;
    }
    NdisMoveMemory(b + 4, b, 40); /* a VLAN tag's worth of room */
    RtlCopyMemory(b, b + 4, 40);  /* and back */
    for (i = 0; i < 40; i++) {
        if (b[i] != (UCHAR)i) {
            return 1;
        }
    }
    return 0;
}
