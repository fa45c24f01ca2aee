/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat` (compat-c): see late.h. */
#include "late.h"

fixture_u8 g_fixture_version;

PVOID
fixture_allocate(SIZE_T size)
{
    return size != 0 ? &g_fixture_version : NULL;
}

LONG
fixture_push(void)
{
    FixtureQueue<int> queue;
    return queue.Push();
}
