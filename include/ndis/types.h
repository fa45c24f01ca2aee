/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/types.h>: Windows base types with Windows widths, the SAL and
 * IRQL annotations as no-ops, and the layout macros driver code uses.
 *
 * This is undis's own header, not the WDK's. It is built from the language's
 * own types: it never includes <stdint.h> or <stdlib.h>, because some driver
 * sources define uint64_t and friends themselves. ULONG and LONG are 32 bits
 * on every platform (LP64 included), as in Windows.
 *
 * On Windows (_WIN32) the base types come from <windows.h>, which this header
 * includes, and only what <windows.h> lacks is defined here.
 */
#ifndef UNDIS_NDIS_TYPES_H
#define UNDIS_NDIS_TYPES_H

#include <stddef.h>

#ifdef _WIN32
#    ifndef WIN32_LEAN_AND_MEAN
#        define WIN32_LEAN_AND_MEAN
#        define UNDIS_DEFINED_LEAN_AND_MEAN
#    endif
#    include <windows.h>
#    ifdef UNDIS_DEFINED_LEAN_AND_MEAN
#        undef WIN32_LEAN_AND_MEAN
#        undef UNDIS_DEFINED_LEAN_AND_MEAN
#    endif
#    define UNDIS_HAVE_WINNT 1
#else
#    define UNDIS_HAVE_WINNT 0
#endif

/* Pointer width, without <stdint.h>. */
#if defined(_WIN64) || defined(__LP64__) || defined(_LP64) || defined(__x86_64__) || \
    defined(__aarch64__) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
#    define UNDIS_PTR64 1
#else
#    define UNDIS_PTR64 0
#endif

#ifdef __cplusplus
#    define UNDIS_EXTERN_C_BEGIN extern "C" {
#    define UNDIS_EXTERN_C_END   }
#else
#    define UNDIS_EXTERN_C_BEGIN
#    define UNDIS_EXTERN_C_END
#endif

/* Inline functions defined by undis headers. */
#define UNDIS_INLINE static inline

/* ------------------------------------------------------------------ */
/* Base types (winnt.h / ntdef.h / basetsd.h on Windows)               */
/* ------------------------------------------------------------------ */
#if !UNDIS_HAVE_WINNT

#    ifndef VOID
#        define VOID void
typedef char CHAR;
typedef short SHORT;
typedef int LONG;
#    endif

typedef void *PVOID;
typedef void *LPVOID;
typedef const void *PCVOID;
typedef CHAR *PCHAR;
typedef const CHAR *PCCHAR;
typedef const CHAR *PCSTR;
typedef CHAR *PSTR;
typedef unsigned char UCHAR;
typedef UCHAR *PUCHAR;
typedef const UCHAR *PCUCHAR;
typedef unsigned char BYTE;
typedef BYTE *PBYTE;
typedef SHORT *PSHORT;
typedef unsigned short USHORT;
typedef USHORT *PUSHORT;
typedef unsigned short WORD;
typedef int INT;
typedef INT *PINT;
typedef unsigned int UINT;
typedef UINT *PUINT;
typedef LONG *PLONG;
typedef unsigned int ULONG;
typedef ULONG *PULONG;
typedef unsigned int DWORD;
typedef DWORD *PDWORD;
typedef long long LONGLONG;
typedef LONGLONG *PLONGLONG;
typedef unsigned long long ULONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
typedef long long INT64;
typedef unsigned long long UINT64;
typedef int LONG32;
typedef unsigned int ULONG32;
typedef long long LONG64;
typedef LONG64 *PLONG64;
typedef unsigned long long ULONG64;
typedef ULONG64 *PULONG64;
typedef unsigned long long DWORD64;
typedef UCHAR BOOLEAN;
typedef BOOLEAN *PBOOLEAN;
typedef int BOOL;
typedef unsigned short WCHAR;
typedef WCHAR *PWCHAR;
typedef WCHAR *PWSTR;
typedef const WCHAR *PCWSTR;

/* Pointer-sized integers: size_t and ptrdiff_t are pointer-sized on every
 * flat-memory target undis supports (checked below). */
typedef size_t ULONG_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef ptrdiff_t LONG_PTR;
typedef LONG_PTR *PLONG_PTR;
typedef size_t UINT_PTR;
typedef ptrdiff_t INT_PTR;
typedef ULONG_PTR SIZE_T;
typedef SIZE_T *PSIZE_T;
typedef LONG_PTR SSIZE_T;
typedef ULONG_PTR DWORD_PTR;
typedef ULONG_PTR KAFFINITY;

typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef SINGLE_LIST_ENTRY SLIST_ENTRY, *PSLIST_ENTRY;

/* SLIST_HEADER: 16 bytes, 16-aligned on 64-bit; 8 bytes on 32-bit. NDIS keeps
 * its free lists in it; drivers only need the size and alignment. */
#    if UNDIS_PTR64
typedef struct _SLIST_HEADER {
#        ifdef __cplusplus
    alignas(16) ULONGLONG Alignment;
#        else
    _Alignas(16) ULONGLONG Alignment;
#        endif
    ULONGLONG Region;
} SLIST_HEADER, *PSLIST_HEADER;
#    else
typedef union _SLIST_HEADER {
    ULONGLONG Alignment;
    struct {
        SLIST_ENTRY Next;
        USHORT Depth;
        USHORT CpuId;
    } s;
} SLIST_HEADER, *PSLIST_HEADER;
#    endif

#    ifndef TRUE
#        define TRUE 1
#    endif
#    ifndef FALSE
#        define FALSE 0
#    endif

#    ifndef CONST
#        define CONST const
#    endif

#    define MAXUCHAR  0xff
#    define MAXUSHORT 0xffff
#    define MAXULONG  0xffffffffU
#    define MAXLONG   0x7fffffff
#    define MINLONG   (-MAXLONG - 1)

#    if UNDIS_PTR64
#        define MEMORY_ALLOCATION_ALIGNMENT 16
#    else
#        define MEMORY_ALLOCATION_ALIGNMENT 8
#    endif

/* Layout macros. FIELD_OFFSET yields a LONG, as in the WDK. */
#    define FIELD_OFFSET(type, field)   ((LONG)offsetof(type, field))
#    define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#    define RTL_SIZEOF_THROUGH_FIELD(type, field) \
        (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#    define CONTAINING_RECORD(address, type, field) \
        ((type *)(void *)((PCHAR)(address)-offsetof(type, field)))
#    define UNREFERENCED_PARAMETER(P) ((void)(P))

#    ifdef __cplusplus
#        define DECLSPEC_ALIGN(x) alignas(x)
#    else
#        define DECLSPEC_ALIGN(x) _Alignas(x)
#    endif

#    define FORCEINLINE inline

#endif /* !UNDIS_HAVE_WINNT */

/* ------------------------------------------------------------------ */
/* Kernel-side types that <windows.h> does not define                  */
/* ------------------------------------------------------------------ */
typedef short CSHORT;
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;
typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;
typedef UCHAR KIRQL, *PKIRQL;
typedef CHAR CCHAR;
typedef LONG NTSTATUS;
typedef NTSTATUS *PNTSTATUS;
typedef CCHAR KPROCESSOR_MODE;
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef struct _IRP *PIRP;
typedef struct _EPROCESS *PEPROCESS;
typedef struct _SCATTER_GATHER_LIST *PSCATTER_GATHER_LIST;

#ifndef PAGE_SIZE
#    define PAGE_SIZE 0x1000
#endif
#ifndef PAGE_SHIFT
#    define PAGE_SHIFT 12L
#endif

#ifndef C_ASSERT
#    ifdef __cplusplus
#        define C_ASSERT(e) static_assert(e, #        e)
#    else
#        define C_ASSERT(e) _Static_assert(e, #        e)
#    endif
#endif

#ifndef NTAPI
#    define NTAPI
#endif
#ifndef EXTERN_C
#    ifdef __cplusplus
#        define EXTERN_C extern "C"
#    else
#        define EXTERN_C extern
#    endif
#endif

/* IRQL levels (x86/x64 values). */
#define PASSIVE_LEVEL  0
#define LOW_LEVEL      0
#define APC_LEVEL      1
#define DISPATCH_LEVEL 2
#define HIGH_LEVEL     15

/* ------------------------------------------------------------------ */
/* Source annotations: SAL 2 and the driver/IRQL annotations. All of   */
/* them expand to nothing; each is defined only if nobody else did.    */
/* ------------------------------------------------------------------ */
#include "sal.h"

C_ASSERT(sizeof(ULONG) == 4);
C_ASSERT(sizeof(LONG) == 4);
C_ASSERT(sizeof(USHORT) == 2);
C_ASSERT(sizeof(ULONG64) == 8);
C_ASSERT(sizeof(ULONG_PTR) == sizeof(void *));
C_ASSERT(sizeof(LONG_PTR) == sizeof(void *));

#endif /* UNDIS_NDIS_TYPES_H */
