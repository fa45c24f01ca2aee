/* Rule: WCHAR and L"..." constant strings compile, and lengths agree however
 * big wchar_t is (WCHAR is wchar_t; 4 bytes on Linux). */
#include <ndis.h>

static NDIS_STRING g_name = NDIS_STRING_CONST("undis0");
static const UNICODE_STRING g_const = RTL_CONSTANT_STRING(L"undis0");
DECLARE_CONST_UNICODE_STRING(g_declared, L"undis0");

int
main(void)
{
    UNICODE_STRING s;
    PCWSTR w = L"undis0";
    RtlInitUnicodeString(&s, w);
    if (sizeof(WCHAR) != sizeof(wchar_t) || s.Length != 6 * sizeof(WCHAR) ||
        g_name.Length != s.Length || g_const.Length != s.Length ||
        g_declared.MaximumLength != 7 * sizeof(WCHAR)) {
        return 1;
    }
    return RtlEqualUnicodeString(&g_name, &s, FALSE) ? 0 : 1;
}
