/* SPDX-License-Identifier: MIT */
/* undis <pshpack2.h>: push structure packing 2 (pair with <poppack.h>). */
#pragma pack(push, 2)
