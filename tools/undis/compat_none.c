/* SPDX-License-Identifier: MIT */
/* compat_none.c: `undis compat` in a build without libclang or libxml2. */
#include "compat.h"

int
undis_tool_compat(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "undis compat: this undis was built without libclang and libxml2 (install "
                    "libclang-dev and libxml2-dev and configure again)\n");
    return 2;
}
