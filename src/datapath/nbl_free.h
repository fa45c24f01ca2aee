/* SPDX-License-Identifier: MIT */
/*
 * nbl_free.h: the NBL-free contract as one predicate, shared by the inline
 * check of NdisFreeNetBufferList (verifier level 1, nbl.c) and the verifier
 * (verify_nbl.c), which names the rule broken when the predicate says no.
 *
 * A NET_BUFFER_LIST from a pool may be given to NdisFreeNetBufferList when
 *   - its pool handed it out and it was not freed since (the hidden header
 *     says LIVE, kind NBL): else DOUBLE_FREE or WRONG_POOL;
 *   - ChildRefCount is 0: else NBL_FREED_WITH_CHILDREN;
 *   - its context stack is its own: Context is the pool's inline block (NULL
 *     when the pool has none), or the one block the allocation pushed
 *     (Flags CTX_PUSHED) right on top of it: else NBL_FREED_WITH_CONTEXT;
 *   - its NET_BUFFERs are the ones it came with: none, or the pool's
 *     embedded NB alone: else NBL_FREED_WITH_FOREIGN_NB.
 * Verifier level 2 adds what needs its records (no clone or fragment of it
 * lives; its NB holds no MDL a retreat allocated). IRQL is checked apart.
 */
#ifndef UNDIS_NBL_FREE_H
#define UNDIS_NBL_FREE_H

#include "datapath/nbl_pool.h"

#include <string.h>

/* What undis__nbl_free_ok says. */
#define UNDIS__NBL_FREE_BROKEN  0 /* the contract is broken (the verifier names how) */
#define UNDIS__NBL_FREE_BARE    1 /* fine, and nothing to undo: back to the pool as is */
#define UNDIS__NBL_FREE_CTX_OWN 2 /* fine, once the context the allocation pushed is popped */

/* The NET_BUFFER part of the contract, given the pool's embedded NB (NULL:
 * it has none). */
static inline int
undis__nbl_free_nbs_ok(const NET_BUFFER_LIST *nbl, const NET_BUFFER *embedded)
{
    const NET_BUFFER *first = nbl->FirstNetBuffer;
    return first == embedded ? first == NULL || first->Next == NULL : first == NULL;
}

/* The context part, given the pool's inline context (NULL: it has none):
 * BARE, CTX_OWN or BROKEN. */
static inline int
undis__nbl_free_ctx(const NET_BUFFER_LIST *nbl, const NET_BUFFER_LIST_CONTEXT *inline_ctx)
{
    const NET_BUFFER_LIST_CONTEXT *ctx = nbl->Context;
    if (UNDIS_LIKELY(ctx == inline_ctx)) {
        return UNDIS__NBL_FREE_BARE;
    }
    return (nbl->Flags & UNDIS__NBL_FLAG_CTX_PUSHED) != 0 && ctx != NULL && ctx->Next == inline_ctx
               ? UNDIS__NBL_FREE_CTX_OWN
               : UNDIS__NBL_FREE_BROKEN;
}

/* Every part but the header's, given the pool's layout. */
static inline int
undis__nbl_free_shape(const NET_BUFFER_LIST *nbl,
                      const NET_BUFFER *embedded,
                      const NET_BUFFER_LIST_CONTEXT *inline_ctx)
{
    if (UNDIS_UNLIKELY(nbl->ChildRefCount != 0 || !undis__nbl_free_nbs_ok(nbl, embedded))) {
        return UNDIS__NBL_FREE_BROKEN;
    }
    return undis__nbl_free_ctx(nbl, inline_ctx);
}

/* The pool's embedded NB in nbl, or NULL. */
static inline const NET_BUFFER *
undis__nbl_embedded_nb(const struct undis__nbl_pool *pool, const NET_BUFFER_LIST *nbl)
{
    return pool->alloc_nb ? (const NET_BUFFER *)(const void *)((const char *)nbl + pool->off_nb)
                          : NULL;
}

/* The pool's inline context block in nbl, or NULL. */
static inline const NET_BUFFER_LIST_CONTEXT *
undis__nbl_inline_ctx(const struct undis__nbl_pool *pool, const NET_BUFFER_LIST *nbl)
{
    return pool->context_size != 0
               ? (const NET_BUFFER_LIST_CONTEXT *)(const void *)((const char *)nbl + pool->off_ctx)
               : NULL;
}

/*
 * undis__nbl_free_ok - the whole contract for nbl, whose hidden header is
 * obj: one of UNDIS__NBL_FREE_*. Reads the header first, and the pool only
 * when the header says the object is a live NBL. The usual pool (embedded
 * NB right after the NBL, no inline context: pool->plain) is the same
 * contract with the layout known, which the compiler turns into a few
 * compares: that is verifier level 1's whole price at a free.
 */
static inline int
undis__nbl_free_ok(const NET_BUFFER_LIST *nbl, const struct undis__obj *obj)
{
    const struct undis__nbl_pool *pool;
    uint64_t state_kind;
    memcpy(&state_kind, &obj->state, sizeof(state_kind));
    if (UNDIS_UNLIKELY(state_kind != UNDIS__OBJ_WORD(UNDIS__OBJ_LIVE, UNDIS__KIND_NBL))) {
        return UNDIS__NBL_FREE_BROKEN;
    }
    pool = (const struct undis__nbl_pool *)(void *)obj->cache;
    if (UNDIS_LIKELY(pool->plain)) {
        return undis__nbl_free_shape(nbl, (const NET_BUFFER *)(const void *)(nbl + 1), NULL);
    }
    return undis__nbl_free_shape(nbl, undis__nbl_embedded_nb(pool, nbl),
                                 undis__nbl_inline_ctx(pool, nbl));
}

#endif /* UNDIS_NBL_FREE_H */
