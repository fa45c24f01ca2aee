/*
 * test.h - the undis unit-test framework (single header, C11).
 *
 * A test file:
 *
 *     #include "test.h"
 *
 *     TEST(adds_up)
 *     {
 *         CHECK_EQ_INT(1 + 1, 2);
 *     }
 *
 *     TEST_MAIN_BEGIN
 *     TEST_CASE(adds_up)
 *     TEST_MAIN_END
 *
 * TEST(name) defines `static void test_name(void)`; TEST_CASE(name) lists it
 * (one per line: CMake reads these lines to register one CTest entry each).
 * The executable accepts `--list`, `--run NAME`, or no argument (run all),
 * and ends with the line "N passed, M failed".
 *
 * A failing CHECK prints file:line and both operands, then aborts the current
 * case with longjmp; the remaining cases still run. Code after a failed CHECK
 * in the same case does not run (so cleanup there is skipped).
 */
#ifndef UNDIS_TESTS_TEST_H
#define UNDIS_TESTS_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#    define UT_PRINTF_(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#    define UT_PRINTF_(fmt_index, first_arg)
#endif

#if defined(__cplusplus)
#    define UT_NORETURN_ [[noreturn]]
#else
#    define UT_NORETURN_ _Noreturn
#endif

typedef void (*ut_test_fn_)(void);

struct ut_case_ {
    const char *name;
    ut_test_fn_ fn;
};

struct ut_state_ {
    jmp_buf jump;
    int in_case;
};

/* Defined by TEST_MAIN_BEGIN; shared with tests/support code that uses CHECKs. */
extern struct ut_state_ ut_state_;

UT_NORETURN_ static inline void ut_fail_(const char *file, int line, const char *fmt, ...)
    UT_PRINTF_(3, 4);

UT_NORETURN_ static inline void
ut_fail_(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "%s:%d: FAIL: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    if (!ut_state_.in_case) {
        abort();
    }
    longjmp(ut_state_.jump, 1);
}

static inline void
ut_check_mem_eq_(const char *file,
                 int line,
                 const char *a_text,
                 const char *b_text,
                 const void *a,
                 const void *b,
                 size_t len)
{
    const unsigned char *pa = (const unsigned char *)a;
    const unsigned char *pb = (const unsigned char *)b;
    size_t i;

    if (len == 0 || pa == pb) {
        return;
    }
    if (pa == NULL || pb == NULL) {
        ut_fail_(file, line, "CHECK_MEM_EQ(%s, %s, %llu): %s is NULL", a_text, b_text,
                 (unsigned long long)len, pa == NULL ? a_text : b_text);
    }
    for (i = 0; i < len; i++) {
        if (pa[i] != pb[i]) {
            ut_fail_(
                file, line,
                "CHECK_MEM_EQ(%s, %s, %llu): first difference at offset %llu: 0x%02x != 0x%02x",
                a_text, b_text, (unsigned long long)len, (unsigned long long)i, (unsigned)pa[i],
                (unsigned)pb[i]);
        }
    }
}

static inline void
ut_check_str_eq_(const char *file,
                 int line,
                 const char *a_text,
                 const char *b_text,
                 const char *a,
                 const char *b)
{
    if (a == b) {
        return;
    }
    if (a == NULL || b == NULL || strcmp(a, b) != 0) {
        ut_fail_(file, line, "CHECK_STR_EQ(%s, %s): %s%s%s != %s%s%s", a_text, b_text,
                 a == NULL ? "" : "\"", a == NULL ? "NULL" : a, a == NULL ? "" : "\"",
                 b == NULL ? "" : "\"", b == NULL ? "NULL" : b, b == NULL ? "" : "\"");
    }
}

/* Runs one case; returns 1 if it passed. */
static inline int
ut_run_case_(const struct ut_case_ *tc)
{
    printf("[ RUN  ] %s\n", tc->name);
    fflush(stdout);
    ut_state_.in_case = 1;
    if (setjmp(ut_state_.jump) != 0) {
        ut_state_.in_case = 0;
        printf("[ FAIL ] %s\n", tc->name);
        fflush(stdout);
        return 0;
    }
    tc->fn();
    ut_state_.in_case = 0;
    printf("[  OK  ] %s\n", tc->name);
    fflush(stdout);
    return 1;
}

static inline int
ut_usage_(const char *argv0, FILE *out, int status)
{
    fprintf(out, "usage: %s [--list | --run NAME]\n", argv0);
    return status;
}

static inline int
ut_main_(const struct ut_case_ *cases, int argc, char **argv)
{
    const char *only = NULL;
    const struct ut_case_ *tc;
    unsigned long passed = 0;
    unsigned long failed = 0;

    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (tc = cases; tc->name != NULL; tc++) {
            printf("%s\n", tc->name);
        }
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        return ut_usage_(argv[0], stdout, 0);
    }
    if (argc == 3 && strcmp(argv[1], "--run") == 0) {
        only = argv[2];
        for (tc = cases; tc->name != NULL; tc++) {
            if (strcmp(tc->name, only) == 0) {
                break;
            }
        }
        if (tc->name == NULL) {
            fprintf(stderr, "%s: unknown test case '%s' (see --list)\n", argv[0], only);
            return 2;
        }
    } else if (argc != 1) {
        return ut_usage_(argv[0], stderr, 2);
    }

    for (tc = cases; tc->name != NULL; tc++) {
        if (only != NULL && strcmp(tc->name, only) != 0) {
            continue;
        }
        if (ut_run_case_(tc)) {
            passed++;
        } else {
            failed++;
        }
    }
    printf("%lu passed, %lu failed\n", passed, failed);
    fflush(stdout);
    return failed == 0 ? 0 : 1;
}

/* ---- Declaring and listing cases --------------------------------------- */

#define TEST(name) static void test_##name(void)

/* The table is an initializer split across three macros; keep it readable. */
/* clang-format off */
#define TEST_MAIN_BEGIN                                                                            \
    struct ut_state_ ut_state_;                                                                    \
    static const struct ut_case_ ut_cases_[] = {
#define TEST_CASE(name) { #name, test_##name },
#define TEST_MAIN_END                                                                              \
        { NULL, NULL }                                                                             \
    };                                                                                             \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        return ut_main_(ut_cases_, argc, argv);                                                    \
    }
/* clang-format on */

/* ---- Assertions (each aborts the current case on failure) -------------- */

#define CHECK(expr)                                           \
    do {                                                      \
        if (!(expr)) {                                        \
            ut_fail_(__FILE__, __LINE__, "CHECK(%s)", #expr); \
        }                                                     \
    } while (0)

/* Unsigned comparisons: a and b are converted to `type` (so -Wconversion flags
 * operands of a wider or signed type), printed in decimal and hex. */
#define UT_CHECK_EQ_UNSIGNED_(macro, type, a, b)                                                   \
    do {                                                                                           \
        const type ut_a_ = (a);                                                                    \
        const type ut_b_ = (b);                                                                    \
        if (ut_a_ != ut_b_) {                                                                      \
            ut_fail_(__FILE__, __LINE__, macro "(%s, %s): %llu (0x%llx) != %llu (0x%llx)", #a, #b, \
                     (unsigned long long)ut_a_, (unsigned long long)ut_a_,                         \
                     (unsigned long long)ut_b_, (unsigned long long)ut_b_);                        \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_U32(a, b)  UT_CHECK_EQ_UNSIGNED_("CHECK_EQ_U32", uint32_t, a, b)
#define CHECK_EQ_U64(a, b)  UT_CHECK_EQ_UNSIGNED_("CHECK_EQ_U64", uint64_t, a, b)
#define CHECK_EQ_SIZE(a, b) UT_CHECK_EQ_UNSIGNED_("CHECK_EQ_SIZE", size_t, a, b)

/* Signed comparison (int, long, long long, enums). */
#define CHECK_EQ_INT(a, b)                                                                    \
    do {                                                                                      \
        const long long ut_a_ = (a);                                                          \
        const long long ut_b_ = (b);                                                          \
        if (ut_a_ != ut_b_) {                                                                 \
            ut_fail_(__FILE__, __LINE__, "CHECK_EQ_INT(%s, %s): %lld != %lld", #a, #b, ut_a_, \
                     ut_b_);                                                                  \
        }                                                                                     \
    } while (0)

/* Status codes (NDIS_STATUS / NTSTATUS style): compared as 32-bit values,
 * printed in hex. */
#define CHECK_STATUS(a, b)                                                                     \
    do {                                                                                       \
        const uint32_t ut_a_ = (uint32_t)(a);                                                  \
        const uint32_t ut_b_ = (uint32_t)(b);                                                  \
        if (ut_a_ != ut_b_) {                                                                  \
            ut_fail_(__FILE__, __LINE__, "CHECK_STATUS(%s, %s): 0x%08llx != 0x%08llx", #a, #b, \
                     (unsigned long long)ut_a_, (unsigned long long)ut_b_);                    \
        }                                                                                      \
    } while (0)

/* Pointers are printed as integers so const/volatile pointees need no cast. */
#define CHECK_PTR_EQ(a, b)                                                                        \
    do {                                                                                          \
        const void *ut_a_ = (a);                                                                  \
        const void *ut_b_ = (b);                                                                  \
        if (ut_a_ != ut_b_) {                                                                     \
            ut_fail_(__FILE__, __LINE__, "CHECK_PTR_EQ(%s, %s): 0x%llx != 0x%llx", #a, #b,        \
                     (unsigned long long)(uintptr_t)ut_a_, (unsigned long long)(uintptr_t)ut_b_); \
        }                                                                                         \
    } while (0)

#define CHECK_NULL(p)                                                              \
    do {                                                                           \
        const void *ut_p_ = (p);                                                   \
        if (ut_p_ != NULL) {                                                       \
            ut_fail_(__FILE__, __LINE__, "CHECK_NULL(%s): 0x%llx is not NULL", #p, \
                     (unsigned long long)(uintptr_t)ut_p_);                        \
        }                                                                          \
    } while (0)

#define CHECK_NOT_NULL(p)                                                    \
    do {                                                                     \
        const void *ut_p_ = (p);                                             \
        if (ut_p_ == NULL) {                                                 \
            ut_fail_(__FILE__, __LINE__, "CHECK_NOT_NULL(%s): is NULL", #p); \
        }                                                                    \
    } while (0)

/* Compares len bytes; reports the first differing offset and both bytes. */
#define CHECK_MEM_EQ(a, b, len) ut_check_mem_eq_(__FILE__, __LINE__, #a, #b, (a), (b), (len))

/* Compares NUL-terminated strings (NULL equals only NULL). */
#define CHECK_STR_EQ(a, b) ut_check_str_eq_(__FILE__, __LINE__, #a, #b, (a), (b))

#endif /* UNDIS_TESTS_TEST_H */
