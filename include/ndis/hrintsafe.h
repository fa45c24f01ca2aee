/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/hrintsafe.h>: the HRESULT face of the integer-safe helpers
 * (intsafe.h): <Type>Add / Sub / Mult and <From>To<To>, the same checks as
 * the Rtl* functions of <ndis/intsafe.h> (ntintsafe.h), returning S_OK with
 * the exact result or INTSAFE_E_ARITHMETIC_OVERFLOW with the result set to
 * the type's error value. Pure functions; any IRQL.
 *
 * On Windows the SDK's <intsafe.h> gives these names and this header adds
 * nothing.
 */
#ifndef UNDIS_NDIS_HRINTSAFE_H
#define UNDIS_NDIS_HRINTSAFE_H

#include "types.h"
#include "intsafe.h"

#if !UNDIS_HAVE_WINNT

UNDIS_EXTERN_C_BEGIN

#    ifndef S_OK
#        define S_OK ((HRESULT)0L)
#    endif
#    ifndef INTSAFE_E_ARITHMETIC_OVERFLOW
#        define INTSAFE_E_ARITHMETIC_OVERFLOW ((HRESULT)0x80070216L)
#    endif

#    ifndef SUCCEEDED
#        define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#    endif
#    ifndef FAILED
#        define FAILED(hr) (((HRESULT)(hr)) < 0)
#    endif

#    define UNDIS_HR_FROM_NT_(Status) (NT_SUCCESS(Status) ? S_OK : INTSAFE_E_ARITHMETIC_OVERFLOW)

UNDIS_INLINE HRESULT
UShortAdd(_In_ USHORT Augend, _In_ USHORT Addend, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
UShortSub(_In_ USHORT Minuend, _In_ USHORT Subtrahend, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
UShortMult(_In_ USHORT Multiplicand, _In_ USHORT Multiplier, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
WordAdd(_In_ WORD Augend, _In_ WORD Addend, _Out_ WORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlWordAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
WordSub(_In_ WORD Minuend, _In_ WORD Subtrahend, _Out_ WORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlWordSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
WordMult(_In_ WORD Multiplicand, _In_ WORD Multiplier, _Out_ WORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlWordMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
UIntAdd(_In_ UINT Augend, _In_ UINT Addend, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
UIntSub(_In_ UINT Minuend, _In_ UINT Subtrahend, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
UIntMult(_In_ UINT Multiplicand, _In_ UINT Multiplier, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ULongAdd(_In_ ULONG Augend, _In_ ULONG Addend, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ULongSub(_In_ ULONG Minuend, _In_ ULONG Subtrahend, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ULongMult(_In_ ULONG Multiplicand, _In_ ULONG Multiplier, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
DWordAdd(_In_ DWORD Augend, _In_ DWORD Addend, _Out_ DWORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
DWordSub(_In_ DWORD Minuend, _In_ DWORD Subtrahend, _Out_ DWORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
DWordMult(_In_ DWORD Multiplicand, _In_ DWORD Multiplier, _Out_ DWORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ULongLongAdd(_In_ ULONGLONG Augend, _In_ ULONGLONG Addend, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ULongLongSub(_In_ ULONGLONG Minuend, _In_ ULONGLONG Subtrahend, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ULongLongMult(_In_ ULONGLONG Multiplicand, _In_ ULONGLONG Multiplier, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ULong64Add(_In_ ULONG64 Augend, _In_ ULONG64 Addend, _Out_ ULONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULong64Add(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ULong64Sub(_In_ ULONG64 Minuend, _In_ ULONG64 Subtrahend, _Out_ ULONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULong64Sub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ULong64Mult(_In_ ULONG64 Multiplicand, _In_ ULONG64 Multiplier, _Out_ ULONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULong64Mult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
DWord64Add(_In_ DWORD64 Augend, _In_ DWORD64 Addend, _Out_ DWORD64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWord64Add(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
DWord64Sub(_In_ DWORD64 Minuend, _In_ DWORD64 Subtrahend, _Out_ DWORD64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWord64Sub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
DWord64Mult(_In_ DWORD64 Multiplicand, _In_ DWORD64 Multiplier, _Out_ DWORD64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWord64Mult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
SizeTAdd(_In_ size_t Augend, _In_ size_t Addend, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
SizeTSub(_In_ size_t Minuend, _In_ size_t Subtrahend, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
SizeTMult(_In_ size_t Multiplicand, _In_ size_t Multiplier, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
SIZETAdd(_In_ SIZE_T Augend, _In_ SIZE_T Addend, _Out_ SIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
SIZETSub(_In_ SIZE_T Minuend, _In_ SIZE_T Subtrahend, _Out_ SIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
SIZETMult(_In_ SIZE_T Multiplicand, _In_ SIZE_T Multiplier, _Out_ SIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrAdd(_In_ ULONG_PTR Augend, _In_ ULONG_PTR Addend, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrSub(_In_ ULONG_PTR Minuend, _In_ ULONG_PTR Subtrahend, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrMult(_In_ ULONG_PTR Multiplicand, _In_ ULONG_PTR Multiplier, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
DWordPtrAdd(_In_ DWORD_PTR Augend, _In_ DWORD_PTR Addend, _Out_ DWORD_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordPtrAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
DWordPtrSub(_In_ DWORD_PTR Minuend, _In_ DWORD_PTR Subtrahend, _Out_ DWORD_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordPtrSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
DWordPtrMult(_In_ DWORD_PTR Multiplicand, _In_ DWORD_PTR Multiplier, _Out_ DWORD_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlDWordPtrMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
UCharAdd(_In_ UCHAR Augend, _In_ UCHAR Addend, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUCharAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
UCharSub(_In_ UCHAR Minuend, _In_ UCHAR Subtrahend, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUCharSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
UCharMult(_In_ UCHAR Multiplicand, _In_ UCHAR Multiplier, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUCharMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ByteAdd(_In_ BYTE Augend, _In_ BYTE Addend, _Out_ BYTE *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlByteAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ByteSub(_In_ BYTE Minuend, _In_ BYTE Subtrahend, _Out_ BYTE *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlByteSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ByteMult(_In_ BYTE Multiplicand, _In_ BYTE Multiplier, _Out_ BYTE *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlByteMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ShortAdd(_In_ SHORT Augend, _In_ SHORT Addend, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlShortAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
ShortSub(_In_ SHORT Minuend, _In_ SHORT Subtrahend, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlShortSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
ShortMult(_In_ SHORT Multiplicand, _In_ SHORT Multiplier, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlShortMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
IntAdd(_In_ INT Augend, _In_ INT Addend, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
IntSub(_In_ INT Minuend, _In_ INT Subtrahend, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
IntMult(_In_ INT Multiplicand, _In_ INT Multiplier, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
LongAdd(_In_ LONG Augend, _In_ LONG Addend, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
LongSub(_In_ LONG Minuend, _In_ LONG Subtrahend, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
LongMult(_In_ LONG Multiplicand, _In_ LONG Multiplier, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
LongLongAdd(_In_ LONGLONG Augend, _In_ LONGLONG Addend, _Out_ LONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
LongLongSub(_In_ LONGLONG Minuend, _In_ LONGLONG Subtrahend, _Out_ LONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
LongLongMult(_In_ LONGLONG Multiplicand, _In_ LONGLONG Multiplier, _Out_ LONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
Long64Add(_In_ LONG64 Augend, _In_ LONG64 Addend, _Out_ LONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLong64Add(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
Long64Sub(_In_ LONG64 Minuend, _In_ LONG64 Subtrahend, _Out_ LONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLong64Sub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
Long64Mult(_In_ LONG64 Multiplicand, _In_ LONG64 Multiplier, _Out_ LONG64 *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLong64Mult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
LongPtrAdd(_In_ LONG_PTR Augend, _In_ LONG_PTR Addend, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
LongPtrSub(_In_ LONG_PTR Minuend, _In_ LONG_PTR Subtrahend, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
LongPtrMult(_In_ LONG_PTR Multiplicand, _In_ LONG_PTR Multiplier, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
SSIZETAdd(_In_ SSIZE_T Augend, _In_ SSIZE_T Addend, _Out_ SSIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSSIZETAdd(Augend, Addend, pResult));
}

UNDIS_INLINE HRESULT
SSIZETSub(_In_ SSIZE_T Minuend, _In_ SSIZE_T Subtrahend, _Out_ SSIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSSIZETSub(Minuend, Subtrahend, pResult));
}

UNDIS_INLINE HRESULT
SSIZETMult(_In_ SSIZE_T Multiplicand, _In_ SSIZE_T Multiplier, _Out_ SSIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSSIZETMult(Multiplicand, Multiplier, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToULong(_In_ ULONGLONG Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToUInt(_In_ ULONGLONG Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToUShort(_In_ ULONGLONG Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToUChar(_In_ ULONGLONG Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToLong(_In_ ULONGLONG Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToInt(_In_ ULONGLONG Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToLongPtr(_In_ ULONGLONG Operand, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToLongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToSizeT(_In_ ULONGLONG Operand, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToSizeT(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToSIZET(_In_ ULONGLONG Operand, _Out_ SIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToSIZET(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToULongPtr(_In_ ULONGLONG Operand, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToULongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToDWord(_In_ ULONGLONG Operand, _Out_ DWORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToDWord(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongLongToLongLong(_In_ ULONGLONG Operand, _Out_ LONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongLongToLongLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToUShort(_In_ ULONG Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToUChar(_In_ ULONG Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToLong(_In_ ULONG Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToInt(_In_ ULONG Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToShort(_In_ ULONG Operand, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToChar(_In_ ULONG Operand, _Out_ CHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongToLongPtr(_In_ ULONG Operand, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongToLongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
UIntToUShort(_In_ UINT Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
UIntToUChar(_In_ UINT Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
UIntToLong(_In_ UINT Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
UIntToInt(_In_ UINT Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUIntToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
UShortToUChar(_In_ USHORT Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
UShortToChar(_In_ USHORT Operand, _Out_ CHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortToChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
UShortToShort(_In_ USHORT Operand, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlUShortToShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToULong(_In_ LONG Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToUShort(_In_ LONG Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToUChar(_In_ LONG Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToUInt(_In_ LONG Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToULongLong(_In_ LONG Operand, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToULongLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToShort(_In_ LONG Operand, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToSizeT(_In_ LONG Operand, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToSizeT(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToSIZET(_In_ LONG Operand, _Out_ SIZE_T *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToSIZET(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToULongPtr(_In_ LONG Operand, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToULongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongToChar(_In_ LONG Operand, _Out_ CHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongToChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToULong(_In_ INT Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToUShort(_In_ INT Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToUInt(_In_ INT Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToUChar(_In_ INT Operand, _Out_ UCHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToUChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToULongLong(_In_ INT Operand, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToULongLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToSizeT(_In_ INT Operand, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToSizeT(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToShort(_In_ INT Operand, _Out_ SHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
IntToChar(_In_ INT Operand, _Out_ CHAR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlIntToChar(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToLong(_In_ LONGLONG Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToULong(_In_ LONGLONG Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToULongLong(_In_ LONGLONG Operand, _Out_ ULONGLONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToULongLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToInt(_In_ LONGLONG Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToUInt(_In_ LONGLONG Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToUShort(_In_ LONGLONG Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToSizeT(_In_ LONGLONG Operand, _Out_ size_t *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToSizeT(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToLongPtr(_In_ LONGLONG Operand, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToLongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongLongToULongPtr(_In_ LONGLONG Operand, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongLongToULongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToULong(_In_ size_t Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToUInt(_In_ size_t Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToUShort(_In_ size_t Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToLong(_In_ size_t Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToInt(_In_ size_t Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
SizeTToDWord(_In_ size_t Operand, _Out_ DWORD *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSizeTToDWord(Operand, pResult));
}

UNDIS_INLINE HRESULT
SIZETToULong(_In_ SIZE_T Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
SIZETToUInt(_In_ SIZE_T Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
SIZETToUShort(_In_ SIZE_T Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
SIZETToLong(_In_ SIZE_T Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
SIZETToInt(_In_ SIZE_T Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlSIZETToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToULong(_In_ ULONG_PTR Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToUInt(_In_ ULONG_PTR Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToUShort(_In_ ULONG_PTR Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToUShort(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToLong(_In_ ULONG_PTR Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToInt(_In_ ULONG_PTR Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
ULongPtrToLongPtr(_In_ ULONG_PTR Operand, _Out_ LONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlULongPtrToLongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToULong(_In_ LONG_PTR Operand, _Out_ ULONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToULong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToUInt(_In_ LONG_PTR Operand, _Out_ UINT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToUInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToLong(_In_ LONG_PTR Operand, _Out_ LONG *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToLong(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToInt(_In_ LONG_PTR Operand, _Out_ INT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToInt(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToULongPtr(_In_ LONG_PTR Operand, _Out_ ULONG_PTR *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToULongPtr(Operand, pResult));
}

UNDIS_INLINE HRESULT
LongPtrToUShort(_In_ LONG_PTR Operand, _Out_ USHORT *pResult)
{
    return UNDIS_HR_FROM_NT_(RtlLongPtrToUShort(Operand, pResult));
}

UNDIS_EXTERN_C_END

#endif /* !UNDIS_HAVE_WINNT */

#endif /* UNDIS_NDIS_HRINTSAFE_H */
