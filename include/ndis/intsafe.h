/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/intsafe.h>: the integer-safe helpers of ntintsafe.h:
 * Rtl<Type>Add / Sub / Mult for the unsigned and signed Windows integer types
 * and Rtl<From>To<To> conversions.
 *
 * Each returns STATUS_SUCCESS with the exact result, or
 * STATUS_INTEGER_OVERFLOW with the result set to the type's error value
 * (all bits set for unsigned types, -1 for signed ones), as in the WDK.
 * Pure functions; any IRQL. Built without <stdint.h>.
 */
#ifndef UNDIS_NDIS_INTSAFE_H
#define UNDIS_NDIS_INTSAFE_H

#include "types.h"
#include "ntstatus.h"

UNDIS_EXTERN_C_BEGIN

#if defined(__GNUC__) && !defined(__clang__)
#    pragma GCC diagnostic push
#    pragma GCC diagnostic ignored "-Wtype-limits"
#endif
#if defined(__clang__)
#    pragma clang diagnostic push
#    pragma clang diagnostic ignored "-Wtautological-constant-out-of-range-compare"
#    pragma clang diagnostic ignored "-Wtautological-type-limit-compare"
#    pragma clang diagnostic ignored "-Wtautological-unsigned-zero-compare"
#endif

/* Windows' own STATUS_* may be DWORD-typed; these are NTSTATUS. */
#define UNDIS_RT_INT_OK_       ((NTSTATUS)0)
#define UNDIS_RT_INT_OVERFLOW_ ((NTSTATUS)STATUS_INTEGER_OVERFLOW)

#ifndef USHORT_ERROR
#    define USHORT_ERROR    ((USHORT)0xFFFFU)
#    define ULONG_ERROR     ((ULONG)0xFFFFFFFFU)
#    define ULONGLONG_ERROR ((ULONGLONG)0xFFFFFFFFFFFFFFFFULL)
#    define SIZET_ERROR     ((SIZE_T)-1)
#    define LONG_ERROR      ((LONG)-1)
#    define INT_ERROR       ((INT)-1)
#endif

UNDIS_INLINE NTSTATUS
RtlUShortAdd(_In_ USHORT Augend, _In_ USHORT Addend, _Out_ USHORT *pResult)
{
    if ((USHORT)(Augend + Addend) >= Augend) {
        *pResult = (USHORT)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (USHORT)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUShortSub(_In_ USHORT Minuend, _In_ USHORT Subtrahend, _Out_ USHORT *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (USHORT)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (USHORT)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUShortMult(_In_ USHORT Multiplicand, _In_ USHORT Multiplier, _Out_ USHORT *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (USHORT)(0xFFFFU / Multiplier)) {
        *pResult = (USHORT)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (USHORT)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlWordAdd(_In_ WORD Augend, _In_ WORD Addend, _Out_ WORD *pResult)
{
    if ((WORD)(Augend + Addend) >= Augend) {
        *pResult = (WORD)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (WORD)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlWordSub(_In_ WORD Minuend, _In_ WORD Subtrahend, _Out_ WORD *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (WORD)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (WORD)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlWordMult(_In_ WORD Multiplicand, _In_ WORD Multiplier, _Out_ WORD *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (WORD)(0xFFFFU / Multiplier)) {
        *pResult = (WORD)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (WORD)0xFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUIntAdd(_In_ UINT Augend, _In_ UINT Addend, _Out_ UINT *pResult)
{
    if ((UINT)(Augend + Addend) >= Augend) {
        *pResult = (UINT)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UINT)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUIntSub(_In_ UINT Minuend, _In_ UINT Subtrahend, _Out_ UINT *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (UINT)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UINT)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUIntMult(_In_ UINT Multiplicand, _In_ UINT Multiplier, _Out_ UINT *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (UINT)(0xFFFFFFFFU / Multiplier)) {
        *pResult = (UINT)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UINT)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongAdd(_In_ ULONG Augend, _In_ ULONG Addend, _Out_ ULONG *pResult)
{
    if ((ULONG)(Augend + Addend) >= Augend) {
        *pResult = (ULONG)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongSub(_In_ ULONG Minuend, _In_ ULONG Subtrahend, _Out_ ULONG *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (ULONG)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongMult(_In_ ULONG Multiplicand, _In_ ULONG Multiplier, _Out_ ULONG *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (ULONG)(0xFFFFFFFFU / Multiplier)) {
        *pResult = (ULONG)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordAdd(_In_ DWORD Augend, _In_ DWORD Addend, _Out_ DWORD *pResult)
{
    if ((DWORD)(Augend + Addend) >= Augend) {
        *pResult = (DWORD)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordSub(_In_ DWORD Minuend, _In_ DWORD Subtrahend, _Out_ DWORD *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (DWORD)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordMult(_In_ DWORD Multiplicand, _In_ DWORD Multiplier, _Out_ DWORD *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (DWORD)(0xFFFFFFFFU / Multiplier)) {
        *pResult = (DWORD)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD)0xFFFFFFFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongAdd(_In_ ULONGLONG Augend, _In_ ULONGLONG Addend, _Out_ ULONGLONG *pResult)
{
    if ((ULONGLONG)(Augend + Addend) >= Augend) {
        *pResult = (ULONGLONG)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongSub(_In_ ULONGLONG Minuend, _In_ ULONGLONG Subtrahend, _Out_ ULONGLONG *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (ULONGLONG)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongMult(_In_ ULONGLONG Multiplicand, _In_ ULONGLONG Multiplier, _Out_ ULONGLONG *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (ULONGLONG)(0xFFFFFFFFFFFFFFFFULL / Multiplier)) {
        *pResult = (ULONGLONG)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULong64Add(_In_ ULONG64 Augend, _In_ ULONG64 Addend, _Out_ ULONG64 *pResult)
{
    if ((ULONG64)(Augend + Addend) >= Augend) {
        *pResult = (ULONG64)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULong64Sub(_In_ ULONG64 Minuend, _In_ ULONG64 Subtrahend, _Out_ ULONG64 *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (ULONG64)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULong64Mult(_In_ ULONG64 Multiplicand, _In_ ULONG64 Multiplier, _Out_ ULONG64 *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (ULONG64)(0xFFFFFFFFFFFFFFFFULL / Multiplier)) {
        *pResult = (ULONG64)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWord64Add(_In_ DWORD64 Augend, _In_ DWORD64 Addend, _Out_ DWORD64 *pResult)
{
    if ((DWORD64)(Augend + Addend) >= Augend) {
        *pResult = (DWORD64)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWord64Sub(_In_ DWORD64 Minuend, _In_ DWORD64 Subtrahend, _Out_ DWORD64 *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (DWORD64)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWord64Mult(_In_ DWORD64 Multiplicand, _In_ DWORD64 Multiplier, _Out_ DWORD64 *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (DWORD64)(0xFFFFFFFFFFFFFFFFULL / Multiplier)) {
        *pResult = (DWORD64)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD64)0xFFFFFFFFFFFFFFFFULL;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTAdd(_In_ size_t Augend, _In_ size_t Addend, _Out_ size_t *pResult)
{
    if ((size_t)(Augend + Addend) >= Augend) {
        *pResult = (size_t)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (size_t)((size_t)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTSub(_In_ size_t Minuend, _In_ size_t Subtrahend, _Out_ size_t *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (size_t)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (size_t)((size_t)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTMult(_In_ size_t Multiplicand, _In_ size_t Multiplier, _Out_ size_t *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (size_t)(((size_t)-1) / Multiplier)) {
        *pResult = (size_t)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (size_t)((size_t)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETAdd(_In_ SIZE_T Augend, _In_ SIZE_T Addend, _Out_ SIZE_T *pResult)
{
    if ((SIZE_T)(Augend + Addend) >= Augend) {
        *pResult = (SIZE_T)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (SIZE_T)((SIZE_T)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETSub(_In_ SIZE_T Minuend, _In_ SIZE_T Subtrahend, _Out_ SIZE_T *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (SIZE_T)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (SIZE_T)((SIZE_T)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETMult(_In_ SIZE_T Multiplicand, _In_ SIZE_T Multiplier, _Out_ SIZE_T *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (SIZE_T)(((SIZE_T)-1) / Multiplier)) {
        *pResult = (SIZE_T)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (SIZE_T)((SIZE_T)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrAdd(_In_ ULONG_PTR Augend, _In_ ULONG_PTR Addend, _Out_ ULONG_PTR *pResult)
{
    if ((ULONG_PTR)(Augend + Addend) >= Augend) {
        *pResult = (ULONG_PTR)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG_PTR)((ULONG_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrSub(_In_ ULONG_PTR Minuend, _In_ ULONG_PTR Subtrahend, _Out_ ULONG_PTR *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (ULONG_PTR)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG_PTR)((ULONG_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrMult(_In_ ULONG_PTR Multiplicand, _In_ ULONG_PTR Multiplier, _Out_ ULONG_PTR *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (ULONG_PTR)(((ULONG_PTR)-1) / Multiplier)) {
        *pResult = (ULONG_PTR)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (ULONG_PTR)((ULONG_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordPtrAdd(_In_ DWORD_PTR Augend, _In_ DWORD_PTR Addend, _Out_ DWORD_PTR *pResult)
{
    if ((DWORD_PTR)(Augend + Addend) >= Augend) {
        *pResult = (DWORD_PTR)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD_PTR)((DWORD_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordPtrSub(_In_ DWORD_PTR Minuend, _In_ DWORD_PTR Subtrahend, _Out_ DWORD_PTR *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (DWORD_PTR)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD_PTR)((DWORD_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlDWordPtrMult(_In_ DWORD_PTR Multiplicand, _In_ DWORD_PTR Multiplier, _Out_ DWORD_PTR *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (DWORD_PTR)(((DWORD_PTR)-1) / Multiplier)) {
        *pResult = (DWORD_PTR)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (DWORD_PTR)((DWORD_PTR)-1);
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUCharAdd(_In_ UCHAR Augend, _In_ UCHAR Addend, _Out_ UCHAR *pResult)
{
    if ((UCHAR)(Augend + Addend) >= Augend) {
        *pResult = (UCHAR)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UCHAR)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUCharSub(_In_ UCHAR Minuend, _In_ UCHAR Subtrahend, _Out_ UCHAR *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (UCHAR)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UCHAR)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlUCharMult(_In_ UCHAR Multiplicand, _In_ UCHAR Multiplier, _Out_ UCHAR *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (UCHAR)(0xFFU / Multiplier)) {
        *pResult = (UCHAR)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (UCHAR)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlByteAdd(_In_ BYTE Augend, _In_ BYTE Addend, _Out_ BYTE *pResult)
{
    if ((BYTE)(Augend + Addend) >= Augend) {
        *pResult = (BYTE)(Augend + Addend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (BYTE)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlByteSub(_In_ BYTE Minuend, _In_ BYTE Subtrahend, _Out_ BYTE *pResult)
{
    if (Minuend >= Subtrahend) {
        *pResult = (BYTE)(Minuend - Subtrahend);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (BYTE)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlByteMult(_In_ BYTE Multiplicand, _In_ BYTE Multiplier, _Out_ BYTE *pResult)
{
    if (Multiplier == 0 || Multiplicand <= (BYTE)(0xFFU / Multiplier)) {
        *pResult = (BYTE)(Multiplicand * Multiplier);
        return UNDIS_RT_INT_OK_;
    }
    *pResult = (BYTE)0xFFU;
    return UNDIS_RT_INT_OVERFLOW_;
}

UNDIS_INLINE NTSTATUS
RtlShortAdd(_In_ SHORT Augend, _In_ SHORT Addend, _Out_ SHORT *pResult)
{
    if ((Addend > 0 && Augend > 32767 - Addend) || (Addend < 0 && Augend < (-32767 - 1) - Addend)) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlShortSub(_In_ SHORT Minuend, _In_ SHORT Subtrahend, _Out_ SHORT *pResult)
{
    if ((Subtrahend < 0 && Minuend > 32767 + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-32767 - 1) + Subtrahend)) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlShortMult(_In_ SHORT Multiplicand, _In_ SHORT Multiplier, _Out_ SHORT *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit = negative ? (ULONGLONG)32767 + 1U : (ULONGLONG)32767;
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (SHORT)(-(LONGLONG)(r - 1U) - 1) : (SHORT)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntAdd(_In_ INT Augend, _In_ INT Addend, _Out_ INT *pResult)
{
    if ((Addend > 0 && Augend > 2147483647 - Addend) ||
        (Addend < 0 && Augend < (-2147483647 - 1) - Addend)) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntSub(_In_ INT Minuend, _In_ INT Subtrahend, _Out_ INT *pResult)
{
    if ((Subtrahend < 0 && Minuend > 2147483647 + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-2147483647 - 1) + Subtrahend)) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntMult(_In_ INT Multiplicand, _In_ INT Multiplier, _Out_ INT *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit = negative ? (ULONGLONG)2147483647 + 1U : (ULONGLONG)2147483647;
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (INT)(-(LONGLONG)(r - 1U) - 1) : (INT)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongAdd(_In_ LONG Augend, _In_ LONG Addend, _Out_ LONG *pResult)
{
    if ((Addend > 0 && Augend > 2147483647 - Addend) ||
        (Addend < 0 && Augend < (-2147483647 - 1) - Addend)) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongSub(_In_ LONG Minuend, _In_ LONG Subtrahend, _Out_ LONG *pResult)
{
    if ((Subtrahend < 0 && Minuend > 2147483647 + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-2147483647 - 1) + Subtrahend)) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongMult(_In_ LONG Multiplicand, _In_ LONG Multiplier, _Out_ LONG *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit = negative ? (ULONGLONG)2147483647 + 1U : (ULONGLONG)2147483647;
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (LONG)(-(LONGLONG)(r - 1U) - 1) : (LONG)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongAdd(_In_ LONGLONG Augend, _In_ LONGLONG Addend, _Out_ LONGLONG *pResult)
{
    if ((Addend > 0 && Augend > 9223372036854775807LL - Addend) ||
        (Addend < 0 && Augend < (-9223372036854775807LL - 1) - Addend)) {
        *pResult = (LONGLONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONGLONG)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongSub(_In_ LONGLONG Minuend, _In_ LONGLONG Subtrahend, _Out_ LONGLONG *pResult)
{
    if ((Subtrahend < 0 && Minuend > 9223372036854775807LL + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-9223372036854775807LL - 1) + Subtrahend)) {
        *pResult = (LONGLONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONGLONG)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongMult(_In_ LONGLONG Multiplicand, _In_ LONGLONG Multiplier, _Out_ LONGLONG *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit =
        negative ? (ULONGLONG)9223372036854775807LL + 1U : (ULONGLONG)9223372036854775807LL;
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (LONGLONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (LONGLONG)(-(LONGLONG)(r - 1U) - 1) : (LONGLONG)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLong64Add(_In_ LONG64 Augend, _In_ LONG64 Addend, _Out_ LONG64 *pResult)
{
    if ((Addend > 0 && Augend > 9223372036854775807LL - Addend) ||
        (Addend < 0 && Augend < (-9223372036854775807LL - 1) - Addend)) {
        *pResult = (LONG64)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG64)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLong64Sub(_In_ LONG64 Minuend, _In_ LONG64 Subtrahend, _Out_ LONG64 *pResult)
{
    if ((Subtrahend < 0 && Minuend > 9223372036854775807LL + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-9223372036854775807LL - 1) + Subtrahend)) {
        *pResult = (LONG64)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG64)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLong64Mult(_In_ LONG64 Multiplicand, _In_ LONG64 Multiplier, _Out_ LONG64 *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit =
        negative ? (ULONGLONG)9223372036854775807LL + 1U : (ULONGLONG)9223372036854775807LL;
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (LONG64)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (LONG64)(-(LONGLONG)(r - 1U) - 1) : (LONG64)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrAdd(_In_ LONG_PTR Augend, _In_ LONG_PTR Addend, _Out_ LONG_PTR *pResult)
{
    if ((Addend > 0 && Augend > ((LONG_PTR)(((ULONG_PTR)-1) >> 1)) - Addend) ||
        (Addend < 0 && Augend < (-((LONG_PTR)(((ULONG_PTR)-1) >> 1)) - 1) - Addend)) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrSub(_In_ LONG_PTR Minuend, _In_ LONG_PTR Subtrahend, _Out_ LONG_PTR *pResult)
{
    if ((Subtrahend < 0 && Minuend > ((LONG_PTR)(((ULONG_PTR)-1) >> 1)) + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-((LONG_PTR)(((ULONG_PTR)-1) >> 1)) - 1) + Subtrahend)) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrMult(_In_ LONG_PTR Multiplicand, _In_ LONG_PTR Multiplier, _Out_ LONG_PTR *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit = negative ? (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1)) + 1U
                               : (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1));
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (LONG_PTR)(-(LONGLONG)(r - 1U) - 1) : (LONG_PTR)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSSIZETAdd(_In_ SSIZE_T Augend, _In_ SSIZE_T Addend, _Out_ SSIZE_T *pResult)
{
    if ((Addend > 0 && Augend > ((SSIZE_T)(((SIZE_T)-1) >> 1)) - Addend) ||
        (Addend < 0 && Augend < (-((SSIZE_T)(((SIZE_T)-1) >> 1)) - 1) - Addend)) {
        *pResult = (SSIZE_T)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SSIZE_T)(Augend + Addend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSSIZETSub(_In_ SSIZE_T Minuend, _In_ SSIZE_T Subtrahend, _Out_ SSIZE_T *pResult)
{
    if ((Subtrahend < 0 && Minuend > ((SSIZE_T)(((SIZE_T)-1) >> 1)) + Subtrahend) ||
        (Subtrahend > 0 && Minuend < (-((SSIZE_T)(((SIZE_T)-1) >> 1)) - 1) + Subtrahend)) {
        *pResult = (SSIZE_T)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SSIZE_T)(Minuend - Subtrahend);
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSSIZETMult(_In_ SSIZE_T Multiplicand, _In_ SSIZE_T Multiplier, _Out_ SSIZE_T *pResult)
{
    ULONGLONG a =
        Multiplicand < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplicand : (ULONGLONG)Multiplicand;
    ULONGLONG b = Multiplier < 0 ? (ULONGLONG)0 - (ULONGLONG)Multiplier : (ULONGLONG)Multiplier;
    BOOLEAN negative = (BOOLEAN)((Multiplicand < 0) != (Multiplier < 0));
    ULONGLONG limit = negative ? (ULONGLONG)((SSIZE_T)(((SIZE_T)-1) >> 1)) + 1U
                               : (ULONGLONG)((SSIZE_T)(((SIZE_T)-1) >> 1));
    ULONGLONG r;
    if (b != 0 && a > limit / b) {
        *pResult = (SSIZE_T)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    r = a * b;
    *pResult = negative ? (SSIZE_T)(-(LONGLONG)(r - 1U) - 1) : (SSIZE_T)r;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToULong(_In_ ULONGLONG Operand, _Out_ ULONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToUInt(_In_ ULONGLONG Operand, _Out_ UINT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToUShort(_In_ ULONGLONG Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToUChar(_In_ ULONGLONG Operand, _Out_ UCHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFU) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToLong(_In_ ULONGLONG Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToInt(_In_ ULONGLONG Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToLongPtr(_In_ ULONGLONG Operand, _Out_ LONG_PTR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1))) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToSizeT(_In_ ULONGLONG Operand, _Out_ size_t *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((size_t)-1)) {
        *pResult = (size_t)((size_t)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (size_t)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToSIZET(_In_ ULONGLONG Operand, _Out_ SIZE_T *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((SIZE_T)-1)) {
        *pResult = (SIZE_T)((SIZE_T)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SIZE_T)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToULongPtr(_In_ ULONGLONG Operand, _Out_ ULONG_PTR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((ULONG_PTR)-1)) {
        *pResult = (ULONG_PTR)((ULONG_PTR)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToDWord(_In_ ULONGLONG Operand, _Out_ DWORD *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (DWORD)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (DWORD)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongLongToLongLong(_In_ ULONGLONG Operand, _Out_ LONGLONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)9223372036854775807LL) {
        *pResult = (LONGLONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONGLONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToUShort(_In_ ULONG Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToUChar(_In_ ULONG Operand, _Out_ UCHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFU) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToLong(_In_ ULONG Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToInt(_In_ ULONG Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToShort(_In_ ULONG Operand, _Out_ SHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)32767) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToChar(_In_ ULONG Operand, _Out_ CHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)127) {
        *pResult = (CHAR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (CHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongToLongPtr(_In_ ULONG Operand, _Out_ LONG_PTR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1))) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUIntToUShort(_In_ UINT Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUIntToUChar(_In_ UINT Operand, _Out_ UCHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFU) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUIntToLong(_In_ UINT Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUIntToInt(_In_ UINT Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUShortToUChar(_In_ USHORT Operand, _Out_ UCHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFU) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUShortToChar(_In_ USHORT Operand, _Out_ CHAR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)127) {
        *pResult = (CHAR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (CHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlUShortToShort(_In_ USHORT Operand, _Out_ SHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)32767) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToULong(_In_ LONG Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToUShort(_In_ LONG Operand, _Out_ USHORT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFU)) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToUChar(_In_ LONG Operand, _Out_ UCHAR *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFU)) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToUInt(_In_ LONG Operand, _Out_ UINT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToULongLong(_In_ LONG Operand, _Out_ ULONGLONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFFFFFFFFFULL)) {
        *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONGLONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToShort(_In_ LONG Operand, _Out_ SHORT *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-32767 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)32767)) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToSizeT(_In_ LONG Operand, _Out_ size_t *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((size_t)-1))) {
        *pResult = (size_t)((size_t)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (size_t)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToSIZET(_In_ LONG Operand, _Out_ SIZE_T *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((SIZE_T)-1))) {
        *pResult = (SIZE_T)((SIZE_T)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SIZE_T)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToULongPtr(_In_ LONG Operand, _Out_ ULONG_PTR *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((ULONG_PTR)-1))) {
        *pResult = (ULONG_PTR)((ULONG_PTR)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongToChar(_In_ LONG Operand, _Out_ CHAR *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-127 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)127)) {
        *pResult = (CHAR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (CHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToULong(_In_ INT Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToUShort(_In_ INT Operand, _Out_ USHORT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFU)) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToUInt(_In_ INT Operand, _Out_ UINT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToUChar(_In_ INT Operand, _Out_ UCHAR *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFU)) {
        *pResult = (UCHAR)0xFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UCHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToULongLong(_In_ INT Operand, _Out_ ULONGLONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFFFFFFFFFULL)) {
        *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONGLONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToSizeT(_In_ INT Operand, _Out_ size_t *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((size_t)-1))) {
        *pResult = (size_t)((size_t)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (size_t)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToShort(_In_ INT Operand, _Out_ SHORT *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-32767 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)32767)) {
        *pResult = (SHORT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (SHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlIntToChar(_In_ INT Operand, _Out_ CHAR *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-127 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)127)) {
        *pResult = (CHAR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (CHAR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToLong(_In_ LONGLONG Operand, _Out_ LONG *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-2147483647 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)2147483647)) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToULong(_In_ LONGLONG Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToULongLong(_In_ LONGLONG Operand, _Out_ ULONGLONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFFFFFFFFFULL)) {
        *pResult = (ULONGLONG)0xFFFFFFFFFFFFFFFFULL;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONGLONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToInt(_In_ LONGLONG Operand, _Out_ INT *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-2147483647 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)2147483647)) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToUInt(_In_ LONGLONG Operand, _Out_ UINT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToUShort(_In_ LONGLONG Operand, _Out_ USHORT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFU)) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToSizeT(_In_ LONGLONG Operand, _Out_ size_t *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((size_t)-1))) {
        *pResult = (size_t)((size_t)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (size_t)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToLongPtr(_In_ LONGLONG Operand, _Out_ LONG_PTR *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-((LONG_PTR)(((ULONG_PTR)-1) >> 1)) - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1)))) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongLongToULongPtr(_In_ LONGLONG Operand, _Out_ ULONG_PTR *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((ULONG_PTR)-1))) {
        *pResult = (ULONG_PTR)((ULONG_PTR)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToULong(_In_ size_t Operand, _Out_ ULONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToUInt(_In_ size_t Operand, _Out_ UINT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToUShort(_In_ size_t Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToLong(_In_ size_t Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToInt(_In_ size_t Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSizeTToDWord(_In_ size_t Operand, _Out_ DWORD *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (DWORD)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (DWORD)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETToULong(_In_ SIZE_T Operand, _Out_ ULONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETToUInt(_In_ SIZE_T Operand, _Out_ UINT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETToUShort(_In_ SIZE_T Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETToLong(_In_ SIZE_T Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlSIZETToInt(_In_ SIZE_T Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToULong(_In_ ULONG_PTR Operand, _Out_ ULONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToUInt(_In_ ULONG_PTR Operand, _Out_ UINT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToUShort(_In_ ULONG_PTR Operand, _Out_ USHORT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)0xFFFFU) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToLong(_In_ ULONG_PTR Operand, _Out_ LONG *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToInt(_In_ ULONG_PTR Operand, _Out_ INT *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)2147483647) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlULongPtrToLongPtr(_In_ ULONG_PTR Operand, _Out_ LONG_PTR *pResult)
{
    if ((ULONGLONG)Operand > (ULONGLONG)((LONG_PTR)(((ULONG_PTR)-1) >> 1))) {
        *pResult = (LONG_PTR)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToULong(_In_ LONG_PTR Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (ULONG)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToUInt(_In_ LONG_PTR Operand, _Out_ UINT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFFFFFU)) {
        *pResult = (UINT)0xFFFFFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (UINT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToLong(_In_ LONG_PTR Operand, _Out_ LONG *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-2147483647 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)2147483647)) {
        *pResult = (LONG)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (LONG)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToInt(_In_ LONG_PTR Operand, _Out_ INT *pResult)
{
    if ((Operand < 0 && (LONGLONG)Operand < (LONGLONG)(-2147483647 - 1)) ||
        (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)2147483647)) {
        *pResult = (INT)(-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (INT)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToULongPtr(_In_ LONG_PTR Operand, _Out_ ULONG_PTR *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)((ULONG_PTR)-1))) {
        *pResult = (ULONG_PTR)((ULONG_PTR)-1);
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (ULONG_PTR)Operand;
    return UNDIS_RT_INT_OK_;
}

UNDIS_INLINE NTSTATUS
RtlLongPtrToUShort(_In_ LONG_PTR Operand, _Out_ USHORT *pResult)
{
    if (Operand < 0 || (Operand > 0 && (ULONGLONG)Operand > (ULONGLONG)0xFFFFU)) {
        *pResult = (USHORT)0xFFFFU;
        return UNDIS_RT_INT_OVERFLOW_;
    }
    *pResult = (USHORT)Operand;
    return UNDIS_RT_INT_OK_;
}

#if defined(__clang__)
#    pragma clang diagnostic pop
#endif
#if defined(__GNUC__) && !defined(__clang__)
#    pragma GCC diagnostic pop
#endif

/* ---- fixed-width names (issue 12, compat-b; xdp-for-windows) -------------- */
/* ntintsafe.h names the same helpers by width too. */
#define RtlUInt16Add  RtlUShortAdd
#define RtlUInt16Sub  RtlUShortSub
#define RtlUInt16Mult RtlUShortMult
#define RtlUInt32Add  RtlUIntAdd
#define RtlUInt32Sub  RtlUIntSub
#define RtlUInt32Mult RtlUIntMult
#define RtlInt32Add   RtlIntAdd
#define RtlInt32Sub   RtlIntSub
#define RtlInt32Mult  RtlIntMult
#define RtlUInt64Add  RtlULongLongAdd
#define RtlUInt64Sub  RtlULongLongSub
#define RtlUInt64Mult RtlULongLongMult
#define RtlInt64Add   RtlLongLongAdd
#define RtlInt64Sub   RtlLongLongSub
#define RtlInt64Mult  RtlLongLongMult

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_INTSAFE_H */
