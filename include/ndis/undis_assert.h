/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/undis_assert.h>: UNDIS_C_ASSERT, the compile-time check the
 * undis headers use for their own layout assertions. Unlike C_ASSERT (which
 * on Windows comes from <winnt.h> as a function declaration), it is valid
 * inside and outside extern "C" blocks, in C11 and C++.
 */
#ifndef UNDIS_NDIS_UNDIS_ASSERT_H
#define UNDIS_NDIS_UNDIS_ASSERT_H

#ifdef __cplusplus
#    define UNDIS_C_ASSERT(e) static_assert(e, #    e)
#else
#    define UNDIS_C_ASSERT(e) _Static_assert(e, #    e)
#endif

#endif /* UNDIS_NDIS_UNDIS_ASSERT_H */
