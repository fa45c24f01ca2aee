/*
 * test_rt_routines.c - NdisGetRoutineAddress against docs/compat-functions.txt:
 * every function listed "real" or "host" is found (with its own address for
 * a few checked by hand), every function listed "fails" is not, nor an
 * unknown name, a name in another case, NULL or an empty name.
 */
#include "test.h"

#include <ndis.h>

#include <ctype.h>

static PVOID
look_up(const char *name)
{
    WCHAR wide[128];
    NDIS_STRING s;
    size_t i, n = strlen(name);
    CHECK(n < 128);
    for (i = 0; i <= n; i++) {
        wide[i] = (WCHAR)(unsigned char)name[i];
    }
    s.Buffer = wide;
    s.Length = (USHORT)(n * sizeof(WCHAR));
    s.MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    return NdisGetRoutineAddress(&s);
}

TEST(every_listed_function_is_found_or_not)
{
    FILE *f = fopen(UNDIS_COMPAT_LIST, "r");
    char line[512];
    int real = 0, fails = 0;
    CHECK(f != NULL);
    while (fgets(line, sizeof(line), f) != NULL) {
        char name[128], type[64], status[16];
        if (!isalpha((unsigned char)line[0]) ||
            sscanf(line, "%127s %63s %15s", name, type, status) != 3) {
            continue;
        }
#if UNDIS_HAVE_WINNT
        if (strncmp(name, "RtlIpv", 6) == 0) {
            continue; /* ntdll's on Windows */
        }
#endif
        if (strcmp(status, "real") == 0 || strcmp(status, "host") == 0) {
            if (look_up(name) == NULL) {
                printf("not found: %s (%s)\n", name, status);
            }
            CHECK(look_up(name) != NULL);
            real++;
        } else {
            if (look_up(name) != NULL) {
                printf("found but fails in user mode: %s\n", name);
            }
            CHECK(look_up(name) == NULL);
            fails++;
        }
    }
    fclose(f);
    printf("%d found, %d not offered\n", real, fails);
    CHECK(real > 60);
    CHECK(fails > 10);
}

TEST(addresses_are_the_functions)
{
    CHECK(look_up("NdisGetVersion") == (PVOID)(ULONG_PTR)NdisGetVersion);
    CHECK(look_up("NdisAllocateTimerObject") == (PVOID)(ULONG_PTR)NdisAllocateTimerObject);
    CHECK(look_up("NdisReadConfiguration") == (PVOID)(ULONG_PTR)NdisReadConfiguration);
    CHECK(look_up("KeSetTimerEx") == (PVOID)(ULONG_PTR)KeSetTimerEx);
}

TEST(unknown_names_are_null)
{
    NDIS_STRING empty;
    CHECK(look_up("NdisGetVersio") == NULL);
    CHECK(look_up("ndisgetversion") == NULL);
    CHECK(look_up("NdisNoSuchRoutine") == NULL);
    CHECK(NdisGetRoutineAddress(NULL) == NULL);
    memset(&empty, 0, sizeof(empty));
    CHECK(NdisGetRoutineAddress(&empty) == NULL);
}

TEST_MAIN_BEGIN
TEST_CASE(every_listed_function_is_found_or_not)
TEST_CASE(addresses_are_the_functions)
TEST_CASE(unknown_names_are_null)
TEST_MAIN_END
