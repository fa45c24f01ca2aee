/*
 * model.h - a flat-buffer reference model of one NET_BUFFER (DESIGN.md
 * house rule 6).
 *
 * The model holds the whole logical chain as one byte array, the MDL
 * boundaries in it (each MDL's size, identity, buffer address and origin),
 * DataOffset, DataLength and the stored CurrentMdl position. Its operations
 * follow the Windows rules of spec sections 2.3, 4 and 6.4-6.5 written the
 * plain way (byte arrays, indexes), independently of the library's code, so
 * that comparing the two after each step checks the library.
 *
 * model_check_nb compares a real NET_BUFFER with the model: every MDL
 * (identity, ByteCount, address), every chain byte, the used-data window
 * read through CurrentMdl, the five NB fields, and undis_nb_check. A
 * difference fails the current test case with the first differing item.
 *
 * What it does not model: a pool's embedded MDL (the FreeMdl=TRUE stop of
 * spec 4.2), mapping failures, and arithmetic that wraps.
 */
#ifndef UNDIS_TESTS_SUPPORT_MODEL_H
#define UNDIS_TESTS_SUPPORT_MODEL_H

#include <stddef.h>

#include <ndis.h>

struct layout_nb;

struct model_mdl {
    const MDL *mdl;          /* the real MDL expected at this place (NULL: any) */
    const unsigned char *va; /* its buffer (NULL: not checked) */
    ULONG size;              /* ByteCount */
    int origin;              /* enum layout_mdl_origin, or any tag the test likes */
};

struct model {
    unsigned char *bytes; /* the chain's bytes, all MDLs concatenated */
    ULONG length;         /* bytes in the chain */
    size_t bytes_cap;
    struct model_mdl *mdls; /* in chain order */
    unsigned mdl_count;
    unsigned mdls_cap;
    ULONG data_offset;
    ULONG data_length;
    unsigned cur;  /* index of CurrentMdl as stored; mdl_count means NULL */
    ULONG cur_off; /* CurrentMdlOffset as stored */
};

void model_init(struct model *m);
void model_free(struct model *m);

/* Append an MDL of `size` bytes holding `bytes` at the end of the chain. */
void model_append_mdl(
    struct model *m, const MDL *mdl, const void *va, ULONG size, const void *bytes, int origin);

/* Set DataOffset/DataLength and locate CurrentMdl (NdisAdjustNetBufferCurrentMdl). */
void model_set_data(struct model *m, ULONG data_offset, ULONG data_length);

/* A model of a freshly built layout_nb, read back from the builder's MDLs
 * and the layout's pattern (layout_byte), not from the NB's fields. */
void model_from_layout(struct model *m, const struct layout_nb *ln);

/* Chain offset of the stored CurrentMdl position (CurrentMdl NULL: the
 * chain length plus CurrentMdlOffset). */
ULONGLONG model_position(const struct model *m);

/* Chain offset where MDL i starts. */
ULONG model_mdl_start(const struct model *m, unsigned i);

/* NdisAdjustNetBufferCurrentMdl: CurrentMdl from the chain head and DataOffset
 * by the skipping rule of spec 2.3. */
void model_locate(struct model *m);

/* ---- Retreat (spec 4.1) ------------------------------------------------ */

/* 1 if a retreat by delta takes the fast path (DataOffset >= delta). */
int model_retreat_is_fast(const struct model *m, ULONG delta);

/* The size the slow path asks NetAllocateMdl for: backfill + delta - DataOffset. */
ULONG model_retreat_request(const struct model *m, ULONG delta, ULONG backfill);

/* Fast path: DataOffset -= delta, DataLength += delta, CurrentMdl from the head. */
void model_retreat_fast(struct model *m, ULONG delta);

/*
 * Slow path, after NetAllocateMdl returned an MDL of size_out bytes (the
 * value it left in *BufferSize, which may exceed the request) holding
 * `bytes`: it is prepended, DataOffset = size_out - (delta - DataOffset),
 * DataLength += delta, CurrentMdl = the new MDL at DataOffset.
 */
void model_retreat_slow(struct model *m,
                        ULONG delta,
                        ULONG size_out,
                        const MDL *mdl,
                        const void *va,
                        const void *bytes,
                        int origin);

/* ---- Advance (spec 4.2) ------------------------------------------------ */

/* How many MDLs Advance(delta, FreeMdl=TRUE) would free; if all_origin is
 * non-NULL, *all_origin is set to 1 when every one of them has `origin`
 * (also when there are none) and to 0 otherwise. */
unsigned model_advance_free_count(const struct model *m, ULONG delta, int origin, int *all_origin);

/*
 * Advance by delta. FreeMdl FALSE: walk on from the stored CurrentMdl.
 * FreeMdl TRUE: drop every head MDL lying wholly in the unused space (their
 * bytes leave the chain); CurrentMdl = new head at DataOffset. The dropped
 * MDLs are stored, head first, in freed[0..freed_cap) and counted in the
 * return value.
 */
unsigned model_advance(
    struct model *m, ULONG delta, int free_mdl, struct model_mdl *freed, unsigned freed_cap);

/* ---- Reading and writing data (spec 6.4, 6.5) ------------------------- */

enum model_get {
    MODEL_GET_NULL = 0, /* NdisGetDataBuffer returns NULL */
    MODEL_GET_DIRECT,   /* ... a pointer into CurrentMdl's buffer (*direct) */
    MODEL_GET_STORAGE   /* ... Storage, holding a copy */
};

/*
 * What NdisGetDataBuffer(nb, n, storage?, align_multiple, align_offset)
 * returns: NULL when n is 0, CurrentMdl is NULL or DataLength < n; the
 * direct pointer when the n bytes lie in CurrentMdl as stored and its
 * address satisfies the alignment; otherwise Storage (copied from the
 * stored position, skipping MDLs it is at the end of) or NULL without it.
 * expected (n bytes, may be NULL) receives the bytes from the stored
 * position; *direct (may be NULL) the direct pointer when that is the answer.
 */
enum model_get model_get_data(const struct model *m,
                              ULONG n,
                              int with_storage,
                              ULONG align_multiple,
                              ULONG align_offset,
                              unsigned char *expected,
                              const unsigned char **direct);

/* Write n bytes at data offset pos (relative to DataOffset) into the model. */
void model_write_data(struct model *m, ULONG pos, const void *src, ULONG n);

/* The bytes of data offset pos..pos+n (they must lie in the chain). */
const unsigned char *model_data(const struct model *m, ULONG pos);

/*
 * NdisCopyFromNetBufferToNetBuffer(dst, dst_offset, n, src, src_offset):
 * offsets are from each NB's stored CurrentMdl position; the copy is bounded
 * only by the two chains. Applies it to dst and returns the bytes copied.
 * dst and src must be different models.
 */
ULONG
model_copy(struct model *dst, ULONG dst_offset, ULONG n, const struct model *src, ULONG src_offset);

/* ---- Comparison -------------------------------------------------------- */

/* Compare nb with the model and run undis_nb_check; fail the current case
 * (reporting file:line of the caller) on the first difference. */
void model_check_nb_at(const struct model *m, const NET_BUFFER *nb, const char *file, int line);

#define MODEL_CHECK_NB(m, nb) model_check_nb_at((m), (nb), __FILE__, __LINE__)

/* The cheap part of model_check_nb_at, for steps that cannot change any
 * byte or MDL: the five NB fields and undis_nb_check. */
void model_check_fields_at(const struct model *m, const NET_BUFFER *nb, const char *file, int line);

#define MODEL_CHECK_FIELDS(m, nb) model_check_fields_at((m), (nb), __FILE__, __LINE__)

#endif /* UNDIS_TESTS_SUPPORT_MODEL_H */
