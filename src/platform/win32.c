/* SPDX-License-Identifier: MIT */
/*
 * win32.c: platform.h on Windows: slim reader/writer locks and condition
 * variables, a fiber-local-storage callback for thread exit, the
 * performance counter and the precise system time. Built only on Windows
 * (CMakeLists.txt).
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(undis__mutex) == sizeof(SRWLOCK), "undis__mutex holds an SRWLOCK");
_Static_assert(sizeof(undis__cond) == sizeof(CONDITION_VARIABLE),
               "undis__cond holds a CONDITION_VARIABLE");

void
undis__thread_yield(void)
{
    (void)SwitchToThread();
}

/* ---- thread exit: one FLS index whose callback is undis__thread_exit --------- */

static DWORD g_exit_index = FLS_OUT_OF_INDEXES;
static undis__once g_exit_once = UNDIS__ONCE_INIT;

static VOID NTAPI
fls_callback(PVOID state)
{
    /* Thread-local variables may already be torn down here (emulated TLS). */
    if (state != NULL) {
        undis__thread_exit(state, 0);
    }
}

static void
exit_index_create(void)
{
    g_exit_index = FlsAlloc(fls_callback);
}

int
undis__thread_exit_register(void *state)
{
    undis__once_run(&g_exit_once, exit_index_create);
    return g_exit_index != FLS_OUT_OF_INDEXES && FlsSetValue(g_exit_index, state) != 0;
}

/* ---- worker threads ---------------------------------------------------------- */

struct thread_start {
    void (*fn)(void *);
    void *arg;
};

static DWORD WINAPI
thread_main(LPVOID p)
{
    struct thread_start start = *(struct thread_start *)p;
    free(p);
    start.fn(start.arg);
    return 0;
}

int
undis__thread_start(void (*fn)(void *arg), void *arg)
{
    struct thread_start *start = (struct thread_start *)malloc(sizeof(*start));
    HANDLE h;
    if (start == NULL) {
        return 0;
    }
    start->fn = fn;
    start->arg = arg;
    h = CreateThread(NULL, 0, thread_main, start, 0, NULL);
    if (h == NULL) {
        free(start);
        return 0;
    }
    (void)CloseHandle(h); /* detached: the thread runs on */
    return 1;
}

void
undis__thread_end_self(void)
{
    ExitThread(0);
}

/* ---- addresses ------------------------------------------------------------------ */

void
undis__plat_describe_address(const void *addr, char *out, size_t cap)
{
    HMODULE module = NULL;
    char path[MAX_PATH];
    const char *name;
    DWORD n;
    if (cap == 0) {
        return;
    }
    out[0] = '\0';
    if (addr == NULL || !GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                                                GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                            (LPCSTR)addr, &module)) {
        return;
    }
    n = GetModuleFileNameA(module, path, (DWORD)sizeof(path));
    if (n == 0 || n >= sizeof(path)) {
        return;
    }
    name = strrchr(path, '\\') != NULL ? strrchr(path, '\\') + 1 : path;
    (void)snprintf(out, cap, "%s+0x%lx", name,
                   (unsigned long)((const char *)addr - (const char *)module));
}

/* ---- sleeping, processors, clocks ------------------------------------------- */

void
undis__sleep_ns(uint64_t ns)
{
    Sleep((DWORD)((ns + 999999u) / 1000000u));
}

unsigned
undis__online_cpus(void)
{
    DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    return n == 0 ? 1u : (unsigned)n;
}

uint64_t
undis__clock_monotonic_ns(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (uint64_t)((double)c.QuadPart * 1e9 / (double)f.QuadPart);
}

uint64_t
undis__clock_system_100ns(void)
{
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

/* ---- mutex and condition variable -------------------------------------------- */

void
undis__mutex_init(undis__mutex *m)
{
    InitializeSRWLock((PSRWLOCK)(void *)m);
}

void
undis__cond_init(undis__cond *c)
{
    InitializeConditionVariable((PCONDITION_VARIABLE)(void *)c);
}

void
undis__mutex_lock(undis__mutex *m)
{
    AcquireSRWLockExclusive((PSRWLOCK)(void *)m);
}

void
undis__mutex_unlock(undis__mutex *m)
{
    ReleaseSRWLockExclusive((PSRWLOCK)(void *)m);
}

void
undis__cond_wait(undis__cond *c, undis__mutex *m, uint64_t timeout_ns)
{
    DWORD ms = timeout_ns == UINT64_MAX ? INFINITE : (DWORD)((timeout_ns + 999999u) / 1000000u);
    (void)SleepConditionVariableSRW((PCONDITION_VARIABLE)(void *)c, (PSRWLOCK)(void *)m, ms, 0);
}

void
undis__cond_broadcast(undis__cond *c)
{
    WakeAllConditionVariable((PCONDITION_VARIABLE)(void *)c);
}

unsigned long
undis__process_id(void)
{
    return (unsigned long)GetCurrentProcessId();
}

/* ---- joinable threads of their own ------------------------------------------------------ */

struct undis__thread {
    HANDLE handle;
    void (*fn)(void *);
    void *arg;
};

static DWORD WINAPI
joinable_main(LPVOID p)
{
    struct undis__thread *t = (struct undis__thread *)p;
    t->fn(t->arg);
    return 0;
}

int
undis__thread_spawn(undis__thread **out, void (*fn)(void *), void *arg)
{
    struct undis__thread *t = (struct undis__thread *)malloc(sizeof(*t));
    *out = NULL;
    if (t == NULL) {
        return 0;
    }
    t->fn = fn;
    t->arg = arg;
    t->handle = CreateThread(NULL, 0, joinable_main, t, 0, NULL);
    if (t->handle == NULL) {
        free(t);
        return 0;
    }
    *out = t;
    return 1;
}

void
undis__thread_join(undis__thread *thread)
{
    (void)WaitForSingleObject(thread->handle, INFINITE);
    (void)CloseHandle(thread->handle);
    free(thread);
}
