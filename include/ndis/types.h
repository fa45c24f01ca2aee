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

#include "compiler.h"

/* MinGW's FORCEINLINE carries "extern"; drivers write "static FORCEINLINE". */
#if UNDIS_HAVE_WINNT && UNDIS_GNU_ATTRIBUTES
#    undef FORCEINLINE
#    define FORCEINLINE UNDIS_FORCEINLINE
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
typedef long long LONGLONG UNDIS_INT64_ALIGN;
typedef LONGLONG *PLONGLONG;
typedef unsigned long long ULONGLONG UNDIS_INT64_ALIGN;
typedef ULONGLONG *PULONGLONG;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
typedef long long INT64 UNDIS_INT64_ALIGN;
typedef unsigned long long UINT64 UNDIS_INT64_ALIGN;
typedef int LONG32;
typedef unsigned int ULONG32;
typedef long long LONG64 UNDIS_INT64_ALIGN;
typedef LONG64 *PLONG64;
typedef unsigned long long ULONG64 UNDIS_INT64_ALIGN;
typedef ULONG64 *PULONG64;
typedef unsigned long long DWORD64 UNDIS_INT64_ALIGN;
typedef UCHAR BOOLEAN;
typedef BOOLEAN *PBOOLEAN;
typedef int BOOL;
typedef BOOL *PBOOL;
typedef signed char SCHAR;
typedef SCHAR *PSCHAR;
typedef CHAR *PSZ;
typedef const CHAR *PCSZ;
typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;
typedef ULONG LOGICAL;
typedef ULONG *PLOGICAL;
typedef void *HANDLE;
typedef HANDLE *PHANDLE;
typedef DWORD64 *PDWORD64;
typedef ULONGLONG DWORDLONG;
typedef LONG HRESULT;
typedef ULONG32 *PULONG32;
typedef INT8 *PINT8;
typedef UINT8 *PUINT8;
typedef INT16 *PINT16;
typedef UINT16 *PUINT16;
typedef INT32 *PINT32;
typedef UINT32 *PUINT32;
typedef INT64 *PINT64;
typedef UINT64 *PUINT64;

/* WCHAR is the compiler's wchar_t, so that L"..." literals (RTL_CONSTANT_STRING,
 * NDIS_STRING_CONST) have type WCHAR[] and compile unchanged. It is 2 bytes on
 * Windows and 4 bytes on Linux and macOS: UNICODE_STRING lengths are counted
 * in bytes of WCHAR (Length == characters * sizeof(WCHAR)) on every platform,
 * so code that writes "* sizeof(WCHAR)" is portable and code that writes "* 2"
 * is not. See docs/porting.md. */
typedef wchar_t WCHAR;
typedef WCHAR WCH;
typedef WCHAR *PWCHAR;
typedef WCHAR *PWCH;
typedef const WCHAR *PCWCH;
typedef WCHAR *PWSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *PCWSTR;
typedef const WCHAR *LPCWSTR;
typedef CHAR *PCH;
typedef const CHAR *PCCH;
typedef PCHAR *PPCHAR;

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
typedef KAFFINITY *PKAFFINITY;

/* LowPart and HighPart are reachable directly (x.LowPart) and through u. */
typedef union _LARGE_INTEGER {
    UNDIS_EXTENSION struct {
        ULONG LowPart;
        LONG HighPart;
    };
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    UNDIS_EXTENSION struct {
        ULONG LowPart;
        ULONG HighPart;
    };
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
    DECLSPEC_ALIGN(16) ULONGLONG Alignment;
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

typedef struct _GUID {
    ULONG Data1;
    USHORT Data2;
    USHORT Data3;
    UCHAR Data4[8];
} GUID, *PGUID, *LPGUID;
typedef const GUID *LPCGUID;
#    ifdef __cplusplus
#        define REFGUID const GUID &
#    else
#        define REFGUID const GUID *
#    endif
#    ifdef INITGUID
#        define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
            EXTERN_C const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#    else
#        define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
            EXTERN_C const GUID name
#    endif

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

#    define MAXCHAR      0x7f
#    define MINCHAR      0x80
#    define MAXSHORT     0x7fff
#    define MINSHORT     0x8000
#    define MAXLONGLONG  (0x7fffffffffffffffLL)
#    define MAXULONGLONG (~(ULONGLONG)0)
#    define MAXDWORD     0xffffffffU
#    define MAXBYTE      0xff
#    define MAXWORD      0xffff
#    define MAXUINT8     ((UINT8) ~((UINT8)0))
#    define MAXINT8      ((INT8)(MAXUINT8 >> 1))
#    define MININT8      ((INT8)~MAXINT8)
#    define MAXUINT16    ((UINT16) ~((UINT16)0))
#    define MAXINT16     ((INT16)(MAXUINT16 >> 1))
#    define MININT16     ((INT16)~MAXINT16)
#    define MAXUINT32    ((UINT32) ~((UINT32)0))
#    define MAXINT32     ((INT32)(MAXUINT32 >> 1))
#    define MININT32     ((INT32)~MAXINT32)
#    define MAXUINT64    ((UINT64) ~((UINT64)0))
#    define MAXINT64     ((INT64)(MAXUINT64 >> 1))
#    define MININT64     ((INT64)~MAXINT64)
#    define MAXULONG32   ((ULONG32) ~((ULONG32)0))
#    define MAXLONG32    ((LONG32)(MAXULONG32 >> 1))
#    define MINLONG32    ((LONG32)~MAXLONG32)
#    define MAXULONG64   ((ULONG64) ~((ULONG64)0))
#    define MAXLONG64    ((LONG64)(MAXULONG64 >> 1))
#    define MINLONG64    ((LONG64)~MAXLONG64)
#    define MAXUINT      ((UINT) ~((UINT)0))
#    define MAXINT       ((INT)(MAXUINT >> 1))
#    define MININT       ((INT)~MAXINT)
#    define MAXULONG_PTR (~((ULONG_PTR)0))
#    define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#    define MINLONG_PTR  (~MAXLONG_PTR)
#    define MAXUINT_PTR  (~((UINT_PTR)0))
#    define MAXINT_PTR   ((INT_PTR)(MAXUINT_PTR >> 1))
#    define MININT_PTR   (~MAXINT_PTR)
#    define MAXSIZE_T    ((SIZE_T) ~((SIZE_T)0))
#    define MAXSSIZE_T   ((SSIZE_T)(MAXSIZE_T >> 1))
#    define MINSSIZE_T   ((SSIZE_T)~MAXSSIZE_T)

#    if UNDIS_PTR64
#        define MAX_NATURAL_ALIGNMENT sizeof(ULONGLONG)
#    else
#        define MAX_NATURAL_ALIGNMENT sizeof(ULONG)
#    endif

#    define RTL_NUMBER_OF_V1(A)              (sizeof(A) / sizeof((A)[0]))
#    define RTL_NUMBER_OF_V2(A)              RTL_NUMBER_OF_V1(A)
#    define RTL_NUMBER_OF(A)                 RTL_NUMBER_OF_V1(A)
#    define ARRAYSIZE(A)                     RTL_NUMBER_OF_V2(A)
#    define _ARRAYSIZE(A)                    RTL_NUMBER_OF_V1(A)
#    define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_SIZE(type, field)))
/* C++ cannot define a type inside offsetof: there it is alignof. */
#    ifdef __cplusplus
#        define TYPE_ALIGNMENT(t) alignof(t)
#    else
#        define TYPE_ALIGNMENT(t) \
            FIELD_OFFSET(         \
                struct {          \
                    char x;       \
                    t test;       \
                },                \
                test)
#    endif

#    define UNALIGNED
#    define UNALIGNED64
#    define RESTRICTED_POINTER
#    define ANYSIZE_ARRAY 1

#    define REG_NONE                       0
#    define REG_SZ                         1
#    define REG_EXPAND_SZ                  2
#    define REG_BINARY                     3
#    define REG_DWORD_LITTLE_ENDIAN        4
#    define REG_DWORD_BIG_ENDIAN           5
#    define REG_LINK                       6
#    define REG_MULTI_SZ                   7
#    define REG_RESOURCE_LIST              8
#    define REG_FULL_RESOURCE_DESCRIPTOR   9
#    define REG_RESOURCE_REQUIREMENTS_LIST 10
#    define REG_QWORD_LITTLE_ENDIAN        11
/* REG_DWORD names the byte order of the machine, as on Windows. Drivers test
 * "#if REG_DWORD == REG_DWORD_LITTLE_ENDIAN" to pick their byte swaps. */
#    if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
        __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#        define REG_DWORD REG_DWORD_BIG_ENDIAN
#    else
#        define REG_DWORD REG_DWORD_LITTLE_ENDIAN
#        define REG_QWORD REG_QWORD_LITTLE_ENDIAN
#    endif

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
typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;
typedef struct _FILE_OBJECT *PFILE_OBJECT;
typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _ETHREAD *PETHREAD;
typedef LONG KPRIORITY;
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;
typedef ULONG NDIS_OID, *PNDIS_OID;
#if !UNDIS_HAVE_WINNT
typedef struct _PROCESSOR_NUMBER {
    USHORT Group;
    UCHAR Number;
    UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;
#endif

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
#ifndef NTAPI_INLINE
#    define NTAPI_INLINE NTAPI
#endif
#ifndef FASTCALL
#    define FASTCALL
#endif
#ifndef NTSYSAPI
#    define NTSYSAPI
#endif
#ifndef NTKERNELAPI
#    define NTKERNELAPI
#endif
#ifndef NTHALAPI
#    define NTHALAPI
#endif
#ifndef NTSYSCALLAPI
#    define NTSYSCALLAPI
#endif
#ifndef NDISAPI
#    define NDISAPI
#endif
#ifndef EXPORT
#    define EXPORT
#endif
#ifndef NOTHING
#    define NOTHING
#endif
/* The pre-SAL parameter annotations of older drivers. */
#ifndef IN
#    define IN
#endif
#ifndef OUT
#    define OUT
#endif
#ifndef OPTIONAL
#    define OPTIONAL
#endif
#ifndef ARGUMENT_PRESENT
#    define ARGUMENT_PRESENT(ArgumentPointer) \
        ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)NULL)
#endif
#ifndef FIELD_SIZE
#    define FIELD_SIZE(type, field) RTL_FIELD_SIZE(type, field)
#endif
#ifndef RTL_CONTAINS_FIELD
#    define RTL_CONTAINS_FIELD(Struct, Size, Field) \
        ((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#endif
#ifndef UNREFERENCED_LOCAL_VARIABLE
#    define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#endif
#ifndef DBG_UNREFERENCED_PARAMETER
#    define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#endif
#ifndef DBG_UNREFERENCED_LOCAL_VARIABLE
#    define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#endif
#ifndef EXTERN_C_START
#    ifdef __cplusplus
#        define EXTERN_C_START extern "C" {
#        define EXTERN_C_END   }
#    else
#        define EXTERN_C_START
#        define EXTERN_C_END
#    endif
#endif
#ifndef DECLARE_HANDLE
#    define DECLARE_HANDLE(name) \
        struct name##__ {        \
            int unused;          \
        };                       \
        typedef struct name##__ *name
#endif

/* Alignment arithmetic (ntdef.h). */
#ifndef ALIGN_DOWN_BY
#    define ALIGN_DOWN_BY(length, alignment) ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment)-1))
#    define ALIGN_UP_BY(length, alignment) \
        (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment)-1), alignment))
#    define ALIGN_DOWN_POINTER_BY(address, alignment) \
        ((PVOID)((ULONG_PTR)(address) & ~((ULONG_PTR)(alignment)-1)))
#    define ALIGN_UP_POINTER_BY(address, alignment) \
        (ALIGN_DOWN_POINTER_BY(((ULONG_PTR)(address) + (alignment)-1), alignment))
#    define ALIGN_DOWN(length, type)          ALIGN_DOWN_BY(length, sizeof(type))
#    define ALIGN_UP(length, type)            ALIGN_UP_BY(length, sizeof(type))
#    define ALIGN_DOWN_POINTER(address, type) ALIGN_DOWN_POINTER_BY(address, sizeof(type))
#    define ALIGN_UP_POINTER(address, type)   ALIGN_UP_POINTER_BY(address, sizeof(type))
#endif

/* Flag helpers (ntifs.h). */
#ifndef FlagOn
#    define FlagOn(_F, _SF) ((_F) & (_SF))
#endif
#ifndef BooleanFlagOn
#    define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#endif
#ifndef SetFlag
#    define SetFlag(_F, _SF) ((_F) |= (_SF))
#endif
#ifndef ClearFlag
#    define ClearFlag(_F, _SF) ((_F) &= ~(_SF))
#endif

/* min and max, as <windef.h>/<ntdef.h> define them (define NOMINMAX to opt
 * out, e.g. in C++ code that uses std::min / std::max after this header). */
#ifndef NOMINMAX
#    ifndef min
#        define min(a, b) (((a) < (b)) ? (a) : (b))
#    endif
#    ifndef max
#        define max(a, b) (((a) > (b)) ? (a) : (b))
#    endif
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
#include "ptrconv.h"

C_ASSERT(sizeof(ULONG) == 4);
C_ASSERT(sizeof(LONG) == 4);
C_ASSERT(sizeof(USHORT) == 2);
C_ASSERT(sizeof(ULONG64) == 8);
C_ASSERT(sizeof(ULONG_PTR) == sizeof(void *));
C_ASSERT(sizeof(LONG_PTR) == sizeof(void *));

#endif /* UNDIS_NDIS_TYPES_H */
