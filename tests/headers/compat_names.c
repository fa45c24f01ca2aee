/* SPDX-License-Identifier: MIT */
/*
 * compat_names.c: names real driver sources use that undis lacked (issue
 * 12), each checked for its WDK value or meaning at compile time. Compiled
 * as C11 and C++17, gcc and clang, -m32 and MinGW (x86_64, i686), after
 * <ndis.h> and the kernel shadows, so a name that is missing, has the wrong
 * value or collides with <windows.h> fails the build.
 */
#include <ndis.h>
#include <wdm.h>
#include <bugcodes.h>
#include <intsafe.h>
#include <stdlib.h> /* after <ndis.h>: its names must not collide (MinGW) */

#define X64_X86(x64, x86) (sizeof(void *) == 8 ? (x64) : (x86))

/* SAL that must expand to nothing where drivers put it. */
_Analysis_mode_(_Analysis_code_type_kernel_driver_) typedef _Return_type_success_(return >= 0) LONG
    COMPAT_STATUS;
_Success_(return != 0) _Must_inspect_result_ BOOLEAN
    compat_sal(_In_reads_bytes_(Size) PVOID Buffer,
               _In_ ULONG Size,
               _Out_writes_opt_(2) PULONG Out,
               _Outptr_result_nullonfailure_ PVOID *Ptr);
_IRQL_requires_max_(DISPATCH_LEVEL) __drv_maxIRQL(DISPATCH_LEVEL) VOID compat_irql(VOID);

/* ULongToPtr and its family. */
C_ASSERT(sizeof(ULongToPtr(1U)) == sizeof(PVOID));
C_ASSERT(sizeof(PtrToUlong(NULL)) == 4);
C_ASSERT(sizeof(HandleToULong(NULL)) == 4);
C_ASSERT(sizeof(LongToHandle(-1)) == sizeof(HANDLE));

ULONG compat_ptrconv(PVOID Pointer);
ULONG
compat_ptrconv(PVOID Pointer)
{
    PVOID Back = ULongToPtr(PtrToUlong(Pointer));
    LONG Signed = PtrToLong(LongToPtr(-2));
    UCHAR Bytes[8];

    RtlFillMemoryNonTemporal(Bytes, sizeof(Bytes), 0xA5);
    return HandleToULong(ULongToHandle(PtrToUlong(Back))) + (ULONG)Signed + Bytes[7];
}

/* NTSTATUS codes. */
C_ASSERT(STATUS_INVALID_MESSAGE == (NTSTATUS)0xC0000702L);
C_ASSERT(STATUS_NDIS_INVALID_PACKET == (NTSTATUS)0xC023000FL);
C_ASSERT(STATUS_NDIS_INDICATION_REQUIRED == (NTSTATUS)0x40230001L);
C_ASSERT(STATUS_NDIS_PAUSED == (NTSTATUS)0xC023002AL);
C_ASSERT(STATUS_NDIS_LOW_POWER_STATE == (NTSTATUS)0xC023002FL);
C_ASSERT(STATUS_NDIS_REINIT_REQUIRED == (NTSTATUS)0xC0230030L);
C_ASSERT(STATUS_NDIS_NOT_SUPPORTED == (NTSTATUS)0xC02300BBL);
C_ASSERT(STATUS_NDIS_OFFLOAD_POLICY == (NTSTATUS)0xC023100FL);
C_ASSERT(STATUS_DEVICE_REMOVED == (NTSTATUS)0xC00002B6L);

/* Bug-check codes. */
C_ASSERT(CRYPTO_LIBRARY_INTERNAL_ERROR == 0x171);
C_ASSERT(NDIS_INTERNAL_ERROR == 0x4F);
C_ASSERT(BUGCODE_NDIS_DRIVER == 0x7C);
C_ASSERT(DRIVER_IRQL_NOT_LESS_OR_EQUAL == 0xD1);
C_ASSERT(NDIS_NET_BUFFER_LIST_INFO_ILLEGALLY_TRANSFERRED == 0x156);

/* intsafe.h (HRESULT) beside ntintsafe.h (NTSTATUS). */
C_ASSERT(INTSAFE_E_ARITHMETIC_OVERFLOW == (HRESULT)0x80070216L);

HRESULT compat_intsafe(ULONG A, ULONG B, ULONG *Out);
HRESULT
compat_intsafe(ULONG A, ULONG B, ULONG *Out)
{
    size_t Size; /* the SDK's SizeTMult takes a size_t * */
    HRESULT Result = ULongAdd(A, B, Out);

    if (SUCCEEDED(Result)) {
        Result = SizeTMult((size_t)A, (size_t)B, &Size);
    }
    return Result;
}
