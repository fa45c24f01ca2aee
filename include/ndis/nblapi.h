/* SPDX-License-Identifier: MIT */
/*
 * undis <ndis/nblapi.h>: the NET_BUFFER data-path routines.
 *
 * Each routine behaves as Windows' ndis.sys does (spec sections 4-6), not
 * only as the Microsoft documentation words it; docs/api.md lists every place
 * the two differ. Release builds check nothing Windows does not check:
 * contract violations are the verifier's job.
 *
 * Threads: every routine here may run on any number of threads at once as
 * long as no two of them touch the same NET_BUFFER / NET_BUFFER_LIST (the
 * NDIS rule: one owner per NBL at a time). IRQL: <= DISPATCH_LEVEL.
 */
#ifndef UNDIS_NDIS_NBLAPI_H
#define UNDIS_NDIS_NBLAPI_H

#include "nbl.h"

UNDIS_EXTERN_C_BEGIN

/**
 * NdisRetreatNetBufferDataStart - grow the used data space at the front by
 * DataOffsetDelta bytes (to prepend a header).
 *
 * Fast path (DataOffset >= DataOffsetDelta): DataOffset -= delta,
 * DataLength += delta, CurrentMdl/CurrentMdlOffset recomputed from MdlChain.
 * DataBackFill is ignored and nothing is allocated.
 *
 * Slow path: asks AllocateMdlHandler (or the default when NULL) for
 * DataBackFill + DataOffsetDelta - DataOffset bytes, reads back *BufferSize,
 * links the new MDL at the head of the chain, and sets
 * DataOffset = returned size - (delta - old DataOffset), which is DataBackFill
 * unless the handler enlarged the size. The old unused space becomes data.
 *
 * @return NDIS_STATUS_SUCCESS, or NDIS_STATUS_RESOURCES when the handler
 *         returned NULL; the NET_BUFFER is then unchanged, bit for bit.
 * ownership: an MDL allocated here belongs to the NET_BUFFER's owner, who
 *            gives it back with NdisAdvanceNetBufferDataStart(FreeMdl TRUE) and
 *            the matching free handler (NULL for the default).
 */
_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
NDIS_STATUS
NdisRetreatNetBufferDataStart(_In_ NET_BUFFER *NetBuffer,
                              _In_ ULONG DataOffsetDelta,
                              _In_ ULONG DataBackFill,
                              _In_opt_ NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler);

/**
 * NdisAdvanceNetBufferDataStart - give DataOffsetDelta bytes at the front of
 * the used data space back to the unused space.
 *
 * DataOffset += delta and DataLength -= delta (32-bit, unchecked, as in
 * Windows: passing more than DataLength wraps DataLength).
 * FreeMdl FALSE: CurrentMdl walks forward from where it is; no MDL is freed.
 * FreeMdl TRUE: every MDL at the head of the chain that lies wholly in the
 * unused space is unlinked and passed to FreeMdlHandler (or the default free
 * when NULL), head first, stopping at an MDL embedded right after the
 * NET_BUFFER; CurrentMdl then is the new head at offset DataOffset.
 * Note: Windows frees such MDLs whoever allocated them.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisAdvanceNetBufferDataStart(_In_ NET_BUFFER *NetBuffer,
                                  _In_ ULONG DataOffsetDelta,
                                  _In_ BOOLEAN FreeMdl,
                                  _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlHandler);

/**
 * NdisAdjustNetBufferCurrentMdl - recompute CurrentMdl/CurrentMdlOffset from
 * MdlChain and DataOffset (an offset on an MDL boundary resolves to the next
 * MDL; zero-length MDLs are skipped). Nothing else changes.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID NdisAdjustNetBufferCurrentMdl(_In_ NET_BUFFER *NetBuffer);

/**
 * NdisRetreatNetBufferListDataStart - NdisRetreatNetBufferDataStart on every
 * NET_BUFFER of the list, in order.
 * @return NDIS_STATUS_INVALID_PARAMETER, with no change, when exactly one of
 *         the two handlers is NULL; NDIS_STATUS_RESOURCES when an allocation
 *         failed: the NET_BUFFERs before the failing one are advanced back with
 *         FreeMdl TRUE and FreeMdlHandler (or the default), the failing one and
 *         those after it are untouched; NDIS_STATUS_SUCCESS otherwise.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisRetreatNetBufferListDataStart(_In_ NET_BUFFER_LIST *NetBufferList,
                                      _In_ ULONG DataOffsetDelta,
                                      _In_ ULONG DataBackFill,
                                      _In_opt_ NET_BUFFER_ALLOCATE_MDL *AllocateMdlHandler,
                                      _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlHandler);

/**
 * NdisAdvanceNetBufferListDataStart - NdisAdvanceNetBufferDataStart on every
 * NET_BUFFER of the list, with the same arguments. No validation.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) VOID
    NdisAdvanceNetBufferListDataStart(_In_ NET_BUFFER_LIST *NetBufferList,
                                      _In_ ULONG DataOffsetDelta,
                                      _In_ BOOLEAN FreeMdl,
                                      _In_opt_ NET_BUFFER_FREE_MDL *FreeMdlMdlHandler);

/**
 * NdisGetDataBuffer - BytesNeeded contiguous bytes from the start of the data.
 * @return a pointer into the buffer when the bytes lie in CurrentMdl as
 *         stored and (address & (AlignMultiple - 1)) == AlignOffset; else
 *         Storage, filled with a copy, when Storage is non-NULL; else NULL.
 *         NULL also when BytesNeeded is 0, CurrentMdl is NULL,
 *         DataLength < BytesNeeded, a mapping fails or the chain ends early.
 * Never allocates and never changes the NET_BUFFER. Storage's own alignment
 * is not checked. AlignMultiple must be a power of two (1 = no requirement).
 */
_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID
NdisGetDataBuffer(_In_ NET_BUFFER *NetBuffer,
                  _In_ ULONG BytesNeeded,
                  _Out_writes_bytes_all_opt_(BytesNeeded) PVOID Storage,
                  _In_ ULONG AlignMultiple,
                  _In_ ULONG AlignOffset);

/**
 * NdisCopyFromNetBufferToNetBuffer - copy up to BytesToCopy bytes from
 * Source (starting SourceOffset bytes after its data start) into Destination
 * (DestinationOffset bytes after its data start).
 * The copy stops when either MDL chain ends (DataLength does not bound it).
 * *BytesCopied receives the count. Neither NET_BUFFER's fields change: the
 * caller updates Destination's DataLength itself.
 * @return NDIS_STATUS_SUCCESS, or NDIS_STATUS_RESOURCES when an MDL cannot be
 *         mapped (then *BytesCopied keeps the value it had on entry).
 */
_IRQL_requires_max_(DISPATCH_LEVEL) NDIS_STATUS
    NdisCopyFromNetBufferToNetBuffer(_In_ NET_BUFFER *Destination,
                                     _In_ ULONG DestinationOffset,
                                     _In_ ULONG BytesToCopy,
                                     _In_ NET_BUFFER const *Source,
                                     _In_ ULONG SourceOffset,
                                     _Out_ ULONG *BytesCopied);

/**
 * NdisQueryNetBufferPhysicalCount - the most physical fragments the data can
 * be in: for each MDL holding data, the pages spanned from the MDL's start to
 * its last data byte (a zero-length MDL counts 1).
 * Side effect, as in Windows: CurrentMdl/CurrentMdlOffset are recomputed
 * from DataOffset first.
 */
_IRQL_requires_max_(DISPATCH_LEVEL) ULONG
    NdisQueryNetBufferPhysicalCount(_In_ NET_BUFFER *NetBuffer);

UNDIS_EXTERN_C_END

#endif /* UNDIS_NDIS_NBLAPI_H */
