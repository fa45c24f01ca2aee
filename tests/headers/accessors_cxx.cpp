// SPDX-License-Identifier: MIT
// accessors.c compiled as C++17: the same cases, the same anonymous
// NET_BUFFER members.
#include "accessors.c"
