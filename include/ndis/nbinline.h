/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nbinline.h>: the inline fast paths of the three hottest
 * data-path calls, NdisRetreatNetBufferDataStart,
 * NdisAdvanceNetBufferDataStart and NdisGetDataBuffer (included by
 * <ndis/nblapi.h>; not a WDK header).
 *
 * Each name is a function-like macro that calls a static inline function.
 * The inline function handles the common case itself -- a retreat or an
 * advance that stays inside one MDL, a read of contiguous mapped bytes --
 * and calls the exported function for everything else. Its result is, in
 * every case, exactly what the exported function returns: the fast path is
 * taken only when the exported function would compute the same thing
 * without allocating, freeing, mapping or reporting. So the symbols stay:
 * `(NdisGetDataBuffer)(...)` and `&NdisGetDataBuffer` reach the exported
 * function, and code that #undefs a name gets the exported one.
 *
 * The verifier: the inline paths check what level 1 checks (a NULL
 * NET_BUFFER, an advance past DataLength, 32-bit wraps, BytesNeeded beyond
 * DataLength, AlignMultiple not a power of two) and, when any of it fails,
 * leave the call to the exported function, which reports. They read one
 * word, undis__nb_inline_limit, that the library sets to 0 while the
 * verifier is at level 2 or above or any thread runs above DISPATCH_LEVEL;
 * then every call goes to the exported function, which checks the calling
 * thread's IRQL and runs the level-2 checks. Levels 0 and 1 thus run the
 * same inline code.
 *
 * Threads and IRQL: as the exported functions (<ndis/nblapi.h>).
 */
#ifndef UNDIS_NDIS_NBINLINE_H
#define UNDIS_NDIS_NBINLINE_H

#include "nbl.h"
#include "nblaccessors.h"
#include "nblapi.h"

UNDIS_EXTERN_C_BEGIN

/*
 * The inline paths run for a NET_BUFFER pointer nb only when
 * (ULONG_PTR)nb - 1 < undis__nb_inline_limit: with the limit at its usual
 * ~0 that is every non-NULL pointer, with the limit at 0 none. Library
 * state: never write it.
 */
extern ULONG_PTR undis__nb_inline_limit;

#define UNDIS__NB_INLINE_OK(nb) ((ULONG_PTR)(nb)-1u < undis__nb_inline_limit)

#if defined(__GNUC__) || defined(__clang__)
#    define UNDIS__NB_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#    define UNDIS__NB_LIKELY(x) (x)
#endif

/* Retreat inside the head MDL: the exported function recomputes
 * CurrentMdl from MdlChain, which lands on the head when the new
 * DataOffset is below its ByteCount. */
_Must_inspect_result_ UNDIS_INLINE NDIS_STATUS
undis__nb_retreat_inline(NET_BUFFER *nb,
                         ULONG delta,
                         ULONG backfill,
                         NET_BUFFER_ALLOCATE_MDL *alloc_mdl)
{
    /* DataOffset >= delta: no allocation; DataLength + delta does not wrap
     * (level 1); the new DataOffset lies in the head MDL. */
    if (UNDIS__NB_LIKELY(
            UNDIS__NB_INLINE_OK(nb) && NET_BUFFER_DATA_OFFSET(nb) >= delta &&
            NET_BUFFER_DATA_LENGTH(nb) <= 0xFFFFFFFFu - delta && NET_BUFFER_FIRST_MDL(nb) != NULL &&
            NET_BUFFER_DATA_OFFSET(nb) - delta < NET_BUFFER_FIRST_MDL(nb)->ByteCount)) {
        ULONG off = NET_BUFFER_DATA_OFFSET(nb) - delta;
        NET_BUFFER_DATA_OFFSET(nb) = off;
        NET_BUFFER_DATA_LENGTH(nb) += delta;
        NET_BUFFER_CURRENT_MDL(nb) = NET_BUFFER_FIRST_MDL(nb);
        NET_BUFFER_CURRENT_MDL_OFFSET(nb) = off;
        return NDIS_STATUS_SUCCESS;
    }
    return (NdisRetreatNetBufferDataStart)(nb, delta, backfill, alloc_mdl);
}

/* Advance that ends inside the MDL the exported function would stop at
 * first: CurrentMdl (FreeMdl FALSE) or the head, which then is not freed
 * (FreeMdl TRUE). An advance that reaches the end of that MDL moves to
 * the next one: left to the exported function. */
UNDIS_INLINE VOID
undis__nb_advance_inline(NET_BUFFER *nb,
                         ULONG delta,
                         BOOLEAN free_mdl,
                         NET_BUFFER_FREE_MDL *free_mdl_handler)
{
    /* The new position lies in the MDL the walk starts from (tested first:
     * it is what fails when MDLs are to be freed); delta <= DataLength and
     * DataOffset + delta does not wrap (level 1). */
    if (UNDIS__NB_INLINE_OK(nb)) {
        PMDL mdl = free_mdl ? NET_BUFFER_FIRST_MDL(nb) : NET_BUFFER_CURRENT_MDL(nb);
        ULONG pos =
            (free_mdl ? NET_BUFFER_DATA_OFFSET(nb) : NET_BUFFER_CURRENT_MDL_OFFSET(nb)) + delta;
        if (UNDIS__NB_LIKELY(mdl != NULL && pos < mdl->ByteCount &&
                             NET_BUFFER_DATA_LENGTH(nb) >= delta &&
                             NET_BUFFER_DATA_OFFSET(nb) <= 0xFFFFFFFFu - delta)) {
            NET_BUFFER_DATA_OFFSET(nb) += delta;
            NET_BUFFER_DATA_LENGTH(nb) -= delta;
            NET_BUFFER_CURRENT_MDL(nb) = mdl;
            NET_BUFFER_CURRENT_MDL_OFFSET(nb) = pos;
            return;
        }
    }
    (NdisAdvanceNetBufferDataStart)(nb, delta, free_mdl, free_mdl_handler);
}

/* The direct pointer: BytesNeeded is 1..DataLength, AlignMultiple a power
 * of two (level 1), the bytes lie in CurrentMdl as stored, CurrentMdl is
 * mapped (MappedSystemVa is used without a mapping call, so no mapping
 * fault can be due) and the address meets the alignment. An AlignOffset
 * >= AlignMultiple never matches the masked address, so it goes out with
 * the rest: copies, mapping, reports. */
_Must_inspect_result_ UNDIS_INLINE PVOID
undis__nb_get_data_inline(
    NET_BUFFER *nb, ULONG needed, PVOID storage, ULONG align_multiple, ULONG align_offset)
{
    if (UNDIS__NB_LIKELY(UNDIS__NB_INLINE_OK(nb) && needed - 1u < NET_BUFFER_DATA_LENGTH(nb) &&
                         align_multiple != 0 && (align_multiple & (align_multiple - 1u)) == 0)) {
        PMDL mdl = NET_BUFFER_CURRENT_MDL(nb);
        ULONG off = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
        if (UNDIS__NB_LIKELY(
                mdl != NULL &&
                (mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) != 0 &&
                (LONGLONG)mdl->ByteCount - (LONGLONG)off >= (LONGLONG)needed &&
                mdl->MappedSystemVa != NULL)) {
            PUCHAR p = (PUCHAR)mdl->MappedSystemVa + off;
            if (UNDIS__NB_LIKELY(((ULONG)(ULONG_PTR)p & (align_multiple - 1u)) == align_offset)) {
                return p;
            }
        }
    }
    return (NdisGetDataBuffer)(nb, needed, storage, align_multiple, align_offset);
}

#define NdisRetreatNetBufferDataStart(NetBuffer, DataOffsetDelta, DataBackFill, \
                                      AllocateMdlHandler)                       \
    undis__nb_retreat_inline((NetBuffer), (DataOffsetDelta), (DataBackFill), (AllocateMdlHandler))
#define NdisAdvanceNetBufferDataStart(NetBuffer, DataOffsetDelta, FreeMdl, FreeMdlHandler) \
    undis__nb_advance_inline((NetBuffer), (DataOffsetDelta), (FreeMdl), (FreeMdlHandler))
#define NdisGetDataBuffer(NetBuffer, BytesNeeded, Storage, AlignMultiple, AlignOffset) \
    undis__nb_get_data_inline((NetBuffer), (BytesNeeded), (Storage), (AlignMultiple), (AlignOffset))

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NBINLINE_H */
