/* SPDX-License-Identifier: MIT */
/* Fixture of `undis compat` (compat-c): names this tree declares that clang
 * cannot see where MSVC does, so they are MSVC-only causes, not names undis
 * lacks: a member of a dependent base called without this->, a function
 * declared after the template that calls it, and a type the tree defines
 * only under _WIN32 (which MSVC predefines). */
#ifndef FIXTURE_LATE_H
#define FIXTURE_LATE_H

#include <ndis.h>

#if defined _WIN32
#    define fixture_u8 UCHAR
#endif

template <typename T> class FixtureCounter
{
  public:
    LONG FixtureBump()
    {
        return ++m_count;
    }
    LONG m_count = 0;
    T m_item{};
};

template <typename T> class FixtureQueue : public FixtureCounter<T>
{
  public:
    LONG Push()
    {
        fixture_allocate(sizeof(T));
        return FixtureBump();
    }
};

PVOID fixture_allocate(SIZE_T size);

#endif
