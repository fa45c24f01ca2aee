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
#include "nblaccessors.h"

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

/* ------------------------------------------------------------------ */
/* Pools (spec 6.1, 6.2)                                               */
/* ------------------------------------------------------------------ */

/**
 * NdisAllocateNetBufferListPool - create a pool of NET_BUFFER_LISTs.
 * Each NBL comes with an NET_BUFFER when fAllocateNetBuffer is TRUE, with a
 * DataSize-byte buffer and its MDL when DataSize is set, and with ContextSize
 * bytes of (unused) context.
 * @return the pool handle, or NULL when: Parameters is NULL; Header.Type is
 *         not NDIS_OBJECT_TYPE_DEFAULT; Header.Revision is not 1 or 2 or
 *         Header.Size is below that revision's NDIS_SIZEOF_...; revision 2
 *         Flags has a bit other than NET_BUFFER_LIST_POOL_FLAG_VERIFY;
 *         ContextSize is not a multiple of 8; DataSize is set without
 *         fAllocateNetBuffer; DataSize is above 1 MiB; memory runs out.
 * ownership: free with NdisFreeNetBufferListPool after every NBL is freed.
 * threads: <= DISPATCH_LEVEL; the pool may then be used from every thread.
 */
NDIS_HANDLE
NdisAllocateNetBufferListPool(_In_opt_ NDIS_HANDLE NdisHandle,
                              _In_ NET_BUFFER_LIST_POOL_PARAMETERS const *Parameters);

/** NdisFreeNetBufferListPool - destroy a pool (NULL: nothing happens).
 * pre: every NBL of the pool has been freed and no thread uses the pool. */
VOID NdisFreeNetBufferListPool(_In_ NDIS_HANDLE PoolHandle);

/**
 * NdisAllocateNetBufferPool - create a pool of NET_BUFFERs, with a
 * DataSize-byte buffer each for NdisAllocateNetBufferMdlAndData when
 * DataSize is set. NULL on the header, Flags and 1 MiB rules above.
 */
NDIS_HANDLE
NdisAllocateNetBufferPool(_In_opt_ NDIS_HANDLE NdisHandle,
                          _In_ NET_BUFFER_POOL_PARAMETERS const *Parameters);

/** NdisFreeNetBufferPool - destroy an NET_BUFFER pool (NULL: nothing). */
VOID NdisFreeNetBufferPool(_In_ NDIS_HANDLE PoolHandle);

/* ------------------------------------------------------------------ */
/* Allocation and free (spec 6.3)                                      */
/* ------------------------------------------------------------------ */

/**
 * NdisAllocateNetBufferList - take an NBL from an NBL pool.
 * post: the NBL is zeroed but for NdisPoolHandle (the pool), Flags (0x100,
 *       NDIS's "allocated" bit) and the low byte of the protocol-id slot (the
 *       pool's ProtocolId); Context is the pool's context block with
 *       Size = Offset = ContextSize of the pool, less ContextSize used, or a
 *       pushed block when the pool's does not fit; FirstNetBuffer is the
 *       pool's NB (if any), zeroed, and with pool data its MDL describes
 *       DataSize bytes that all start as backfill: DataOffset =
 *       CurrentMdlOffset = DataSize, DataLength = 0.
 * @return the NBL, or NULL when PoolHandle is NULL or not an NBL pool,
 *         ContextSize or ContextBackFill is not a multiple of 8, or memory
 *         runs out.
 * ownership: free with NdisFreeNetBufferList.
 */
_Must_inspect_result_ NET_BUFFER_LIST *NdisAllocateNetBufferList(_In_ NDIS_HANDLE PoolHandle,
                                                                 _In_ USHORT ContextSize,
                                                                 _In_ USHORT ContextBackFill);

/**
 * NdisAllocateNetBufferAndNetBufferList - an NBL with its NB describing
 * MdlChain from DataOffset for DataLength bytes (truncated to 32 bits);
 * CurrentMdl is computed from DataOffset. The pool must have
 * fAllocateNetBuffer and no DataSize (NULL otherwise). The range is not
 * checked against the chain. The MDLs stay the caller's.
 */
_Must_inspect_result_ NET_BUFFER_LIST *
NdisAllocateNetBufferAndNetBufferList(_In_ NDIS_HANDLE PoolHandle,
                                      _In_ USHORT ContextSize,
                                      _In_ USHORT ContextBackFill,
                                      _In_opt_ MDL *MdlChain,
                                      _In_ ULONG DataOffset,
                                      _In_ SIZE_T DataLength);

/**
 * NdisFreeNetBufferList - return an NBL (and the NB, MDL, data and context
 * that came with it) to its pool. A context block that allocation pushed is
 * freed. Other NBs and every MDL not embedded stay the caller's.
 */
VOID NdisFreeNetBufferList(_In_ NET_BUFFER_LIST *NetBufferList);

/**
 * NdisAllocateNetBuffer - an NB describing MdlChain from DataOffset for
 * DataLength bytes, from an NB pool without DataSize (NULL otherwise).
 */
_Must_inspect_result_ NET_BUFFER *NdisAllocateNetBuffer(_In_ NDIS_HANDLE PoolHandle,
                                                        _In_opt_ MDL *MdlChain,
                                                        _In_ ULONG DataOffset,
                                                        _In_ SIZE_T DataLength);

/**
 * NdisAllocateNetBufferMdlAndData - an NB with its MDL at (PMDL)(nb + 1) and
 * DataSize bytes of data after it, from an NB pool with DataSize (NULL
 * otherwise). The whole buffer starts as backfill (DataOffset = DataSize,
 * DataLength 0): retreat to claim it. An advance with FreeMdl TRUE never
 * frees that MDL.
 */
_Must_inspect_result_ NET_BUFFER *NdisAllocateNetBufferMdlAndData(_In_ NDIS_HANDLE PoolHandle);

/**
 * NdisFreeNetBuffer - return an NB from NdisAllocateNetBuffer or
 * NdisAllocateNetBufferMdlAndData to its pool. The NB's MDL chain is NOT
 * freed (except the embedded MDL): MDLs a retreat prepended must be advanced
 * away with FreeMdl TRUE first.
 */
VOID NdisFreeNetBuffer(_In_ NET_BUFFER *NetBuffer);

/** NdisGetPoolFromNetBufferList - the NBL's NdisPoolHandle. Any IRQL. */
NDIS_HANDLE NdisGetPoolFromNetBufferList(_In_ NET_BUFFER_LIST const *NetBufferList);

/** NdisGetPoolFromNetBuffer - the NB's NdisPoolHandle (for an NB that came
 * with an NBL: the NBL's pool). Any IRQL. */
NDIS_HANDLE NdisGetPoolFromNetBuffer(_In_ NET_BUFFER const *NetBuffer);

/** NdisGetNetBufferListProtocolId - the protocol id in the NBL's info slot,
 * or its pool's ProtocolId when that is 0. Any IRQL. */
UCHAR NdisGetNetBufferListProtocolId(_In_ NET_BUFFER_LIST const *NetBufferList);

/* Stores a protocol id in the low byte of the NBL's protocol-id slot. */
#define NdisSetNetBufferListProtocolId(_NBL, _ProtocolId) \
    (*((PUCHAR)(&NET_BUFFER_LIST_INFO((_NBL), NetBufferListProtocolId))) = (UCHAR)(_ProtocolId))

/* ------------------------------------------------------------------ */
/* Context (spec 6.6)                                                  */
/* ------------------------------------------------------------------ */

/**
 * NdisAllocateNetBufferListContext - reserve ContextSize bytes of context
 * on top of the NBL's context stack: from the top block's unused space when
 * it fits, otherwise in a new block with ContextBackFill extra bytes.
 * @return NDIS_STATUS_SUCCESS (ContextSize 0 too: nothing happens);
 *         NDIS_STATUS_INVALID_DATA when a size is not a multiple of 8;
 *         NDIS_STATUS_RESOURCES when memory runs out (or the block would
 *         exceed 65535 bytes); nothing changes on failure.
 * ownership: give back with NdisFreeNetBufferListContext before freeing the NBL.
 */
_Must_inspect_result_ NDIS_STATUS
NdisAllocateNetBufferListContext(_In_ NET_BUFFER_LIST *NetBufferList,
                                 _In_ USHORT ContextSize,
                                 _In_ USHORT ContextBackFill,
                                 _In_ ULONG PoolTag);

/**
 * NdisFreeNetBufferListContext - give ContextSize bytes back to the top of
 * the context stack; pushed blocks that become wholly unused are freed, and
 * what is given beyond a block carries on into the next one.
 */
VOID NdisFreeNetBufferListContext(_In_ NET_BUFFER_LIST *NetBufferList, _In_ USHORT ContextSize);

/* ------------------------------------------------------------------ */
/* Derived NBLs: clones, fragments, reassemblies (spec 6.7)            */
/* ------------------------------------------------------------------ */

/**
 * NdisAllocateCloneNetBufferList - a new NBL whose NBs describe the same
 * bytes as the original's, without copying them: through new partial MDLs
 * covering exactly each NB's used data (DataOffset 0), or, with
 * NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS, through the original chains and
 * offsets. NULL pools mean undis's internal pools. Copies SourceHandle and
 * the WFP, correlation-id and original-interface info slots only (use
 * NdisCopySend/ReceiveNetBufferListInfo for the rest). Context: the pool's
 * unused inline block, if any. ParentNetBufferList and ChildRefCount are not
 * touched: the caller sets them.
 * @return the clone, or NULL when memory runs out or the NBL pool has
 *         DataSize (everything allocated is freed again).
 * ownership: free with NdisFreeCloneNetBufferList and the same flags, before
 *            the original.
 */
_Must_inspect_result_ NET_BUFFER_LIST *
NdisAllocateCloneNetBufferList(_In_ NET_BUFFER_LIST *OriginalNetBufferList,
                               _In_opt_ NDIS_HANDLE NetBufferListPoolHandle,
                               _In_opt_ NDIS_HANDLE NetBufferPoolHandle,
                               _In_ ULONG AllocateCloneFlags);

/**
 * NdisFreeCloneNetBufferList - free a clone: IoFreeMdl on every MDL of each
 * NB's chain (unless NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS: MDLs a retreat
 * added must be advanced away first), then the NBs and the NBL.
 */
VOID NdisFreeCloneNetBufferList(_In_ NET_BUFFER_LIST *CloneNetBufferList,
                                _In_ ULONG FreeCloneFlags);

/**
 * NdisAllocateFragmentNetBufferList - cut each NB of the original, past
 * StartOffset bytes of its data, into NBs of at most MaximumLength bytes
 * (never across source NBs), over partial MDLs, then retreat each by
 * DataOffsetDelta with DataBackFill (default NetAllocateMdl).
 * @return the fragment NBL, or NULL when MaximumLength is 0, no source NB
 *         has data past StartOffset, or memory runs out (nothing leaks).
 * ownership: free with NdisFreeFragmentNetBufferList and the same delta.
 */
_Must_inspect_result_ NET_BUFFER_LIST *
NdisAllocateFragmentNetBufferList(_In_ NET_BUFFER_LIST *OriginalNetBufferList,
                                  _In_opt_ NDIS_HANDLE NetBufferListPool,
                                  _In_opt_ NDIS_HANDLE NetBufferPool,
                                  _In_ ULONG StartOffset,
                                  _In_ ULONG MaximumLength,
                                  _In_ ULONG DataOffsetDelta,
                                  _In_ ULONG DataBackFill,
                                  _In_ ULONG AllocateFragmentFlags);

/** NdisFreeFragmentNetBufferList - advance every NB by DataOffsetDelta with
 * FreeMdl TRUE (default free), IoFreeMdl the rest, free the NBs and NBL. */
VOID NdisFreeFragmentNetBufferList(_In_ NET_BUFFER_LIST *FragmentNetBufferList,
                                   _In_ ULONG DataOffsetDelta,
                                   _In_ ULONG FreeFragmentFlags);

/**
 * NdisAllocateReassembledNetBufferList - one NBL with one NB whose chain
 * joins the data of every source NB past StartOffset (NBs with no data
 * there are skipped), over partial MDLs, retreated by DataOffsetDelta with
 * DataBackFill. A NULL pool, or one without fAllocateNetBuffer, means the
 * internal pool; a pool with DataSize fails.
 * @return the NBL, or NULL when no NB qualifies, the total length passes
 *         32 bits, or memory runs out (nothing leaks).
 */
_Must_inspect_result_ NET_BUFFER_LIST *
NdisAllocateReassembledNetBufferList(_In_ NET_BUFFER_LIST *FragmentNetBufferListList,
                                     _In_opt_ NDIS_HANDLE NetBufferAndNetBufferListPoolHandle,
                                     _In_ ULONG StartOffset,
                                     _In_ ULONG DataOffsetDelta,
                                     _In_ ULONG DataBackFill,
                                     _In_ ULONG AllocateReassembleFlags);

/** NdisFreeReassembledNetBufferList - the inverse, with the same delta. */
VOID NdisFreeReassembledNetBufferList(_In_ NET_BUFFER_LIST *ReassembledNetBufferList,
                                      _In_ ULONG DataOffsetDelta,
                                      _In_ ULONG FreeReassembleFlags);

/**
 * NdisCopySendNetBufferListInfo - copy the send-side out-of-band info
 * (checksum, IPsec, LSO, classification, 802.1Q, cancel id, media-specific,
 * hash value, IPsec v2, filtering, virtual subnet, USO/RSC, GFT), the
 * protocol id, NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT, the WFP data
 * and the correlation id. (Windows 11 24H2's list.)
 */
VOID NdisCopySendNetBufferListInfo(_In_ NET_BUFFER_LIST *DestNetBufferList,
                                   _In_ NET_BUFFER_LIST const *SrcNetBufferList);

/**
 * NdisCopyReceiveNetBufferListInfo - copy the receive-side out-of-band info
 * (24H2's list); for a loopback source also NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET
 * and the cancel id.
 */
VOID NdisCopyReceiveNetBufferListInfo(_In_ NET_BUFFER_LIST *DestNetBufferList,
                                      _In_ NET_BUFFER_LIST const *SrcNetBufferList);

UNDIS_EXTERN_C_END

/* NdisRetreatNetBufferDataStart, NdisAdvanceNetBufferDataStart and
 * NdisGetDataBuffer: inline fast paths, same results (<ndis/nbinline.h>). */
#include "nbinline.h"

#endif /* UNDIS_NDIS_NBLAPI_H */
