/* Exercises the test framework in test.h itself. */
#include "test.h"

#include <stdint.h>
#include <string.h>

static int counter;

TEST(check_passes)
{
    CHECK(1 + 1 == 2);
    CHECK(counter >= 0);
}

TEST(eq_macros_pass)
{
    const unsigned char bytes[4] = { 1, 2, 3, 4 };
    unsigned char copy[4];
    const char *text = "undis";
    const void *none = NULL;

    memcpy(copy, bytes, sizeof(copy));
    CHECK_EQ_U32(UINT32_C(0xdeadbeef), 0xdeadbeefu);
    CHECK_EQ_U64(UINT64_C(1) << 40, UINT64_C(0x10000000000));
    CHECK_EQ_INT(-5, -5);
    CHECK_EQ_SIZE(sizeof(copy), 4u);
    CHECK_PTR_EQ(text, text);
    CHECK_NULL(none);
    CHECK_NOT_NULL(text);
    CHECK_MEM_EQ(copy, bytes, sizeof(copy));
    CHECK_MEM_EQ(NULL, NULL, 0);
    CHECK_STR_EQ(text, "undis");
    CHECK_STATUS(0xC0000001u, (int32_t)-1073741823);
}

TEST(check_is_a_single_statement)
{
    /* Each CHECK must be usable as the sole body of an unbraced if/else. */
    if (counter == 0)
        CHECK(counter == 0);
    else
        CHECK_EQ_INT(counter, 0);
    counter++;
}

/* Registered WILL_FAIL by CMake (name prefix): the runner must report it as a
 * failure and exit non-zero. */
TEST(deliberately_fails)
{
    CHECK_MEM_EQ("abcd", "abXd", 4);
    counter = -1000; /* not reached: the failed check aborts the case */
}

/* Only meaningful when all cases run in one process (the run_all entry). */
TEST(failed_check_aborted_previous_case)
{
    CHECK(counter != -1000);
}

TEST_MAIN_BEGIN
TEST_CASE(check_passes)
TEST_CASE(eq_macros_pass)
TEST_CASE(check_is_a_single_statement)
TEST_CASE(deliberately_fails)
TEST_CASE(failed_check_aborted_previous_case)
TEST_MAIN_END
