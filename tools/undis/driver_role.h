/* SPDX-License-Identifier: MIT */
/* driver_role.h: a role that names each entry before calling it (driver_role.c). */
#ifndef UNDIS_TOOL_DRIVER_ROLE_H
#define UNDIS_TOOL_DRIVER_ROLE_H

#include <undis/fuzz.h>

/* The wrapper of inner (NULL: the filter role). One at a time per process. */
const undis_fuzz_role *driver_role_named(const undis_fuzz_role *inner);

#endif /* UNDIS_TOOL_DRIVER_ROLE_H */
