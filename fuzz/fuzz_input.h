/*
 * fuzz_input.h - reading a fuzzer's input as a stream of small decisions.
 *
 * A target turns libFuzzer's bytes into choices (an operation, a size, a
 * flag) by taking them from the front of the input. When the input runs out
 * every read returns 0, so any prefix of an input is itself a valid, shorter
 * scenario: libFuzzer's mutations (cut, insert, splice) keep meaning.
 *
 * Header-only, C11, no allocation. Not thread-safe (one reader per run).
 */
#ifndef UNDIS_FUZZ_INPUT_H
#define UNDIS_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct fz_input {
    const uint8_t *p; /* the next unread byte */
    size_t n;         /* bytes left */
};

static inline void
fz_input_init(struct fz_input *in, const uint8_t *data, size_t size)
{
    in->p = data;
    in->n = size;
}

/* 1 when every byte has been taken. */
static inline int
fz_done(const struct fz_input *in)
{
    return in->n == 0;
}

static inline uint32_t
fz_u8(struct fz_input *in)
{
    if (in->n == 0) {
        return 0;
    }
    in->n--;
    return *in->p++;
}

static inline uint32_t
fz_u16(struct fz_input *in)
{
    uint32_t hi = fz_u8(in);
    return (hi << 8) | fz_u8(in);
}

static inline uint32_t
fz_u32(struct fz_input *in)
{
    uint32_t hi = fz_u16(in);
    return (hi << 16) | fz_u16(in);
}

/* A value in lo..hi (inclusive; lo <= hi). */
static inline uint32_t
fz_range(struct fz_input *in, uint32_t lo, uint32_t hi)
{
    uint32_t span = hi - lo;
    uint32_t v = span < 256u ? fz_u8(in) : fz_u32(in);
    return span == UINT32_MAX ? v : lo + v % (span + 1u);
}

/*
 * A size in 0..max shaped for finding edge cases: one selector byte picks
 * 0, 1, max, max - 1, a small value (below 64) or any value up to max, so
 * the boundaries are one mutation away.
 */
static inline uint32_t
fz_size(struct fz_input *in, uint32_t max)
{
    uint32_t sel = fz_u8(in) & 7u;
    switch (sel) {
    case 0:
        return 0;
    case 1:
        return max >= 1u ? 1u : 0u;
    case 2:
        return max;
    case 3:
        return max >= 1u ? max - 1u : 0u;
    case 4:
    case 5:
        return fz_range(in, 0, max < 63u ? max : 63u);
    default:
        return fz_range(in, 0, max);
    }
}

/* Take up to want bytes; returns how many were available (stored at *out). */
static inline size_t
fz_bytes(struct fz_input *in, const uint8_t **out, size_t want)
{
    size_t got = want < in->n ? want : in->n;
    *out = in->p;
    in->p += got;
    in->n -= got;
    return got;
}

#endif /* UNDIS_FUZZ_INPUT_H */
