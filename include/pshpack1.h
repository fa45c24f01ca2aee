/* SPDX-License-Identifier: MIT */
/* undis <pshpack1.h>: push structure packing 1 (pair with <poppack.h>).
 * No include guard: it is included once per packed region. */
#pragma pack(push, 1)
