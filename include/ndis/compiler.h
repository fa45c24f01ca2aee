/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/compiler.h>: the one place where the public declarations
 * depend on the compiler. Every other public header spells attributes and
 * extensions through the macros here, so that a new compiler means one file
 * to change:
 *
 *   DECLSPEC_ALIGN(n), DECLSPEC_CACHEALIGN  alignment that may stand where
 *       the WDK puts it, including "typedef struct DECLSPEC_CACHEALIGN _X"
 *       (an attribute, not _Alignas/alignas, which cannot stand there);
 *   DECLSPEC_NORETURN, _NOINLINE, _NOTHROW, _SELECTANY, _IMPORT, _EXPORT,
 *       _NOVTABLE, _DEPRECATED_DDK and FORCEINLINE;
 *   UNDIS_EXTENSION             before a member that is standard C11 but an
 *       extension in C++ (an anonymous struct), so -Wpedantic stays quiet;
 *   UNDIS_CXX_EXTENSIONS_BEGIN / _END   around declarations with many such
 *       members (anonymous structs, flexible array members) in C++.
 *
 * Each name the WDK also defines (DECLSPEC_*, FORCEINLINE) is defined only
 * if nothing defined it before, so <windows.h> may come first.
 */
#ifndef UNDIS_NDIS_COMPILER_H
#define UNDIS_NDIS_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS_GNU_ATTRIBUTES 1
#else
#    define UNDIS_GNU_ATTRIBUTES 0
#endif

#ifndef DECLSPEC_ALIGN
#    if UNDIS_GNU_ATTRIBUTES
#        define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#    elif defined(_MSC_VER)
#        define DECLSPEC_ALIGN(x) __declspec(align(x))
#    else
#        error "undis: DECLSPEC_ALIGN needs __attribute__((aligned)) or __declspec(align)"
#    endif
#endif

#ifndef SYSTEM_CACHE_ALIGNMENT_SIZE
#    define SYSTEM_CACHE_ALIGNMENT_SIZE 64
#endif
#ifndef DECLSPEC_CACHEALIGN
#    define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(SYSTEM_CACHE_ALIGNMENT_SIZE)
#endif

#if UNDIS_GNU_ATTRIBUTES
#    ifndef DECLSPEC_NORETURN
#        define DECLSPEC_NORETURN __attribute__((__noreturn__))
#    endif
#    ifndef DECLSPEC_NOINLINE
#        define DECLSPEC_NOINLINE __attribute__((__noinline__))
#    endif
#    ifndef DECLSPEC_SELECTANY
#        define DECLSPEC_SELECTANY __attribute__((__weak__))
#    endif
#    ifndef DECLSPEC_DEPRECATED_DDK
#        define DECLSPEC_DEPRECATED_DDK
#    endif
/* No storage class: drivers write "static FORCEINLINE" as well as a bare
 * "FORCEINLINE" in headers; always_inline makes the bare form safe at -O0
 * (no out-of-line copy is ever needed). MinGW's own FORCEINLINE carries
 * "extern", so <ndis/types.h> replaces it by this one. */
#    define UNDIS_FORCEINLINE inline __attribute__((__always_inline__))
#    define UNDIS_EXTENSION   __extension__
#    define UNDIS_PRAGMA(x)   _Pragma(#    x)
#elif defined(_MSC_VER)
#    ifndef DECLSPEC_NORETURN
#        define DECLSPEC_NORETURN __declspec(noreturn)
#    endif
#    ifndef DECLSPEC_NOINLINE
#        define DECLSPEC_NOINLINE __declspec(noinline)
#    endif
#    ifndef DECLSPEC_SELECTANY
#        define DECLSPEC_SELECTANY __declspec(selectany)
#    endif
#    ifndef DECLSPEC_DEPRECATED_DDK
#        define DECLSPEC_DEPRECATED_DDK
#    endif
#    define UNDIS_FORCEINLINE __forceinline
#    define UNDIS_EXTENSION
#    define UNDIS_PRAGMA(x) __pragma(x)
#else
#    define UNDIS_FORCEINLINE inline
#    define UNDIS_EXTENSION
#    define UNDIS_PRAGMA(x)
#endif

#ifndef FORCEINLINE
#    define FORCEINLINE UNDIS_FORCEINLINE
#endif
#ifndef DECLSPEC_NOTHROW
#    define DECLSPEC_NOTHROW
#endif
#ifndef DECLSPEC_IMPORT
#    define DECLSPEC_IMPORT
#endif
#ifndef DECLSPEC_EXPORT
#    define DECLSPEC_EXPORT
#endif
#ifndef DECLSPEC_NOVTABLE
#    define DECLSPEC_NOVTABLE
#endif
#ifndef DECLSPEC_GUARDNOCF
#    define DECLSPEC_GUARDNOCF
#endif

/* 64-bit integers are 8-aligned inside structures on Windows x86 (and in
 * every x64 ABI), but only 4-aligned by the System V i386 ABI: there the
 * Windows 64-bit integer types carry the alignment themselves, so that
 * structures have the WDK's x86 layout with gcc -m32 too. */
#if UNDIS_GNU_ATTRIBUTES && defined(__i386__) && !defined(_WIN32)
#    define UNDIS_INT64_ALIGN __attribute__((__aligned__(8)))
#else
#    define UNDIS_INT64_ALIGN
#endif

/* Anonymous structs and flexible array members are standard C11 but only an
 * extension in C++: silence -Wpedantic for the declarations between these. */
#if defined(__cplusplus) && UNDIS_GNU_ATTRIBUTES
#    define UNDIS_CXX_EXTENSIONS_BEGIN \
        UNDIS_PRAGMA(GCC diagnostic push) UNDIS_PRAGMA(GCC diagnostic ignored "-Wpedantic")
#    define UNDIS_CXX_EXTENSIONS_END UNDIS_PRAGMA(GCC diagnostic pop)
#elif defined(__cplusplus) && defined(_MSC_VER)
#    define UNDIS_CXX_EXTENSIONS_BEGIN \
        UNDIS_PRAGMA(warning(push)) UNDIS_PRAGMA(warning(disable : 4200 4201))
#    define UNDIS_CXX_EXTENSIONS_END UNDIS_PRAGMA(warning(pop))
#else
#    define UNDIS_CXX_EXTENSIONS_BEGIN
#    define UNDIS_CXX_EXTENSIONS_END
#endif

/* compat-a (issue 12): MSVC's __pragma(x) for gcc, which lacks it (clang
 * knows it with -fms-extensions). */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__pragma)
#    define __pragma(x) _Pragma(#    x)
#endif
/* ... and MSVC's _alloca and __debugbreak, builtins of clang with
 * -fms-extensions. */
#if defined(__GNUC__) && !defined(__clang__) && !defined(_WIN32) && !defined(_alloca)
#    define _alloca __builtin_alloca
#endif
#if defined(__GNUC__) && !defined(__clang__) && !defined(_WIN32) && !defined(__debugbreak)
#    define __debugbreak() __builtin_trap()
#endif

#endif /* UNDIS_NDIS_COMPILER_H */
