// SPDX-License-Identifier: MIT
// accessors.c compiled as C++17: the same cases, with NET_BUFFER's length
// as the named member NbDataLength.
#include "accessors.c"
