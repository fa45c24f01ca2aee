/* SPDX-License-Identifier: MIT */
/*
 * host_fuzz.h: the scenario reader of <undis/fuzz.h>, shared by
 * host_fuzz_decode.c (bytes to steps) and host_fuzz.c (steps to calls).
 */
#ifndef UNDIS_HOST_FUZZ_H
#define UNDIS_HOST_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <undis/fuzz.h>

#define FUZZ_MAX_STEPS  64u
#define FUZZ_MAX_FRAMES 16u
#define FUZZ_MAX_MDLS   8u
#define FUZZ_HEAD_BYTES 128u /* a frame's bytes taken from the input, at most */
#define FUZZ_MAX_LENGTH 65535u

/* The input, read front to back; 0 once it runs out. */
struct fuzz_in {
    const uint8_t *p;
    size_t n;
};

uint32_t undis__fuzz_u8(struct fuzz_in *in);
uint32_t undis__fuzz_u16(struct fuzz_in *in);

enum fuzz_op {
    FUZZ_OP_RECEIVE = 0,
    FUZZ_OP_SEND,
    FUZZ_OP_PAUSE,
    FUZZ_OP_OID,
    FUZZ_OP_LINK,
    FUZZ_OP_REATTACH,
    FUZZ_OP_FAIL
};

/* The op of a step's first byte. */
enum fuzz_op undis__fuzz_op_of(uint32_t byte);

/* A decoded batch: frames, their geometry and bytes (one buffer). */
struct fuzz_batch {
    undis_host_frame frames[FUZZ_MAX_FRAMES];
    ULONG splits[FUZZ_MAX_FRAMES][FUZZ_MAX_MDLS];
    ULONG nbs_per_nbl[4];
    undis_host_batch batch;
    BOOLEAN dispatch;
    UCHAR *bytes; /* malloc'ed; freed by undis__fuzz_batch_free */
};

/* Reads a batch (receive or send) from in. FALSE when memory runs out. */
BOOLEAN undis__fuzz_batch_read(struct fuzz_in *in, struct fuzz_batch *b, BOOLEAN receive);
void undis__fuzz_batch_free(struct fuzz_batch *b);
/* One line describing the batch, for a trace. */
void undis__fuzz_batch_print(FILE *out, const struct fuzz_batch *b);

#endif /* UNDIS_HOST_FUZZ_H */
