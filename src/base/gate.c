/* SPDX-License-Identifier: MIT */
/*
 * gate.c: the gate of the data path's inline fast paths (<ndis/nbinline.h>).
 * One word the inline retreat, advance and NdisGetDataBuffer compare with:
 * open (all ones) normally, shut (0) while the verifier runs at level 2 or
 * more, or while any thread runs above DISPATCH_LEVEL, so that those calls go
 * out of line where the checks are. The verifier (level) and the kernel
 * runtime (IRQL) both move it, so it sits on the floor below them and the
 * data path.
 *
 * Debug level 2 (UNDIS_DEBUG=2, base/internal.h) keeps the gate shut for
 * good, so that every call reaches an entry point that runs the structure
 * checker (base/check_after.h).
 *
 * The calling thread's IRQL is kept here too: the kernel runtime sets it
 * (KfRaiseIrql, KeLowerIrql, spin locks) and the data path's inline checks
 * read it, so neither wing reaches into the other.
 */
#include "base/verify.h"

UNDIS_THREAD_LOCAL KIRQL undis__t_irql;

#if UNDIS_DEBUG >= 2
#    define GATE_OPEN ((ULONG_PTR)0)
#else
#    define GATE_OPEN (~(ULONG_PTR)0)
#endif

ULONG_PTR undis__nb_inline_limit = GATE_OPEN;

static struct {
    undis__spinlock lock;
    int level2;         /* verifier level >= 2 */
    unsigned long high; /* threads above DISPATCH_LEVEL */
} g_gate;

/* Lock held. */
static void
gate_publish(void)
{
    ULONG_PTR limit = g_gate.level2 || g_gate.high != 0 ? 0 : GATE_OPEN;
    UNDIS_ATOMIC_STORE_RELAXED(&undis__nb_inline_limit, limit);
}

void
undis__nb_gate_level(int level)
{
    undis__spin_lock(&g_gate.lock);
    g_gate.level2 = level >= 2;
    gate_publish();
    undis__spin_unlock(&g_gate.lock);
}

void
undis__nb_gate_irql(int above)
{
    undis__spin_lock(&g_gate.lock);
    if (above) {
        g_gate.high++;
    } else if (g_gate.high != 0) {
        g_gate.high--;
    }
    gate_publish();
    undis__spin_unlock(&g_gate.lock);
}
