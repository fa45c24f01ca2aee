/* SPDX-License-Identifier: MIT */
/* undis <poppack.h>: restore the packing saved by <pshpackN.h>. */
#pragma pack(pop)
