/* SPDX-License-Identifier: MIT */
/* undis <pshpack4.h>: push structure packing 4 (pair with <poppack.h>). */
#pragma pack(push, 4)
