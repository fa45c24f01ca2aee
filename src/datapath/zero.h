/* SPDX-License-Identifier: MIT */
/*
 * zero.h: zeroing of descriptor blocks (an NBL, an NB, an NBL with its
 * embedded NB) at allocation, the largest part of NdisAllocateNetBufferList.
 *
 * The bodies below are always inlined into a caller compiled for one
 * instruction set (UNDIS__ZERO_TARGET_*) with a compile-time size, so that
 * they become a straight run of n/64 (AVX-512), n/32 (AVX2) or n/16 (SSE2)
 * stores: no loop, no size test, no `rep stos` start-up. A pool picks, when
 * it is created, the reset built for the widest set the processor has, or
 * the cap (nbl_reset.h, <undis/cpu.h>). The last store may overlap the one
 * before it when n is not a multiple of the width; n must be at least one
 * width. Off x86-64 there is only the reference reset (plain memset).
 */
#ifndef UNDIS_ZERO_H
#define UNDIS_ZERO_H

#include <stddef.h>

#include "platform/platform.h"

#if UNDIS_HAVE_X86_SIMD
#    include <immintrin.h>

#    define UNDIS__ZERO_X86           1
#    define UNDIS__ZERO_TARGET_avx512 UNDIS_TARGET_AVX512
#    define UNDIS__ZERO_TARGET_avx2   UNDIS_TARGET_AVX2
#    define UNDIS__ZERO_TARGET_sse2   UNDIS_TARGET_SSE2

/*
 * The vector forms take `always`, a compile-time mask of the 32-byte chunks
 * the caller is about to write fields into anyway: those are stored
 * unconditionally. Every other chunk is loaded first and stored only when
 * it is not zero already, which is the usual case (most of an NBL is
 * NetBufferListInfo slots and reserved areas nobody wrote): loads are
 * cheaper than stores, and a clean line stays clean, unwritten. Chunks the
 * caller writes are never loaded, so no load waits for a small store to
 * the same bytes (a store-forwarding stall).
 */
UNDIS_TARGET_AVX512 UNDIS_ALWAYS_INLINE void
undis__zero_avx512(void *p, size_t n, unsigned long long always)
{
    char *q = (char *)p;
    const __m512i z = _mm512_setzero_si512();
    size_t i = 0;
#    pragma GCC unroll 32
    for (; i + 64 <= n; i += 64) {
        if (((always >> (i / 32)) & 3u) != 0) {
            _mm512_storeu_si512((void *)(q + i), z);
        } else {
            __m512i v = _mm512_loadu_si512((const void *)(q + i));
            if (_mm512_test_epi64_mask(v, v) != 0) {
                _mm512_storeu_si512((void *)(q + i), z);
            }
        }
    }
    if (i < n && n - i > 32) {
        _mm512_storeu_si512((void *)(q + n - 64), z);
    } else if (i < n) {
        _mm256_storeu_si256((__m256i *)(void *)(q + n - 32), _mm256_setzero_si256());
    }
}

/* AVX2: the same per 64-byte line (two stores, or two loads and one test). */
UNDIS_TARGET_AVX2 UNDIS_ALWAYS_INLINE void
undis__zero_avx2(void *p, size_t n, unsigned long long always)
{
    char *q = (char *)p;
    const __m256i z = _mm256_setzero_si256();
    size_t i = 0;
#    pragma GCC unroll 32
    for (; i + 64 <= n; i += 64) {
        __m256i *a = (__m256i *)(void *)(q + i);
        if (((always >> (i / 32)) & 3u) == 0) {
            __m256i v = _mm256_or_si256(_mm256_loadu_si256(a), _mm256_loadu_si256(a + 1));
            if (_mm256_testz_si256(v, v)) {
                continue;
            }
        }
        _mm256_storeu_si256(a, z);
        _mm256_storeu_si256(a + 1, z);
    }
    if (i < n && n - i > 32) {
        _mm256_storeu_si256((__m256i *)(void *)(q + i), z);
        _mm256_storeu_si256((__m256i *)(void *)(q + n - 32), z);
    } else if (i < n) {
        _mm256_storeu_si256((__m256i *)(void *)(q + n - 32), z);
    }
}

UNDIS_ALWAYS_INLINE void
undis__zero_sse2(void *p, size_t n, unsigned long long always)
{
    (void)always;
    char *q = (char *)p;
    const __m128i z = _mm_setzero_si128();
    size_t i = 0;
#    pragma GCC unroll 128
    for (; i + 16 <= n; i += 16) {
        _mm_storeu_si128((__m128i *)(void *)(q + i), z);
    }
    if (i < n) {
        _mm_storeu_si128((__m128i *)(void *)(q + n - 16), z);
    }
}

#else /* elsewhere: the reference reset alone (nbl_reset.c) */

#    define UNDIS__ZERO_X86 0

#endif

#endif /* UNDIS_ZERO_H */
