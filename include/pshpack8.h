/* SPDX-License-Identifier: MIT */
/* undis <pshpack8.h>: push structure packing 8 (pair with <poppack.h>). */
#pragma pack(push, 8)
