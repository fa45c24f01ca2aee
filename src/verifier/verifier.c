/* SPDX-License-Identifier: MIT */
/*
 * verifier.c: levels, the verifier's side of the report path (its counters,
 * the picture of a NET_BUFFER, the undis_verifier_set_report_fn wrapper;
 * the path itself and the rule table are in base/), the retreat ledger
 * (level 2) and the per-object history (level 3).
 *
 * The ledger and the history are hash tables keyed by object address, under
 * one spin lock each; they exist only while the level asks for them, so the
 * data path pays nothing for them at levels 0 and 1.
 */
#include "base/verify.h"

#include "base/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <undis/check.h>
#include <undis/dump.h>

volatile int undis__verifier_level_word;

static struct {
    undis_report_fn *fn; /* the undis_verifier_set_report_fn wrapper's */
    void *ctx;
    volatile uint64_t total;
    volatile uint64_t per_rule[UNDIS_RULE_COUNT];
} g_report;

int
undis_verifier_set_level(int level)
{
    int now = level < 0 ? 0 : level > 3 ? 3 : level;
    int old;
    undis__process_init(); /* UNDIS_VERIFIER first, so that this call wins */
    old = undis__atomic_exchange_int(&undis__verifier_level_word, now);
    undis__nb_gate_level(now);
    return old;
}

int
undis_verifier_level(void)
{
    undis__process_init();
    return undis__verifier_level;
}

/* The wrapper's hook on the one report path: the old report function
 * returns nothing, and returning means "the offending call fails". */
static undis_report_action
report_fn_adapter(const undis_report *report, void *unused)
{
    undis_report_fn *fn = g_report.fn;
    (void)unused;
    if (fn == NULL) { /* cleared since the hook was read */
        return UNDIS_REPORT_ABORT;
    }
    fn(report, g_report.ctx);
    return UNDIS_REPORT_CONTINUE;
}

void
undis_verifier_set_report_fn(undis_report_fn *fn, void *ctx)
{
    /* Cleared first, so a report in between sees no half-set pair. */
    undis__report_set_domain_hook(UNDIS_DOMAIN_DATAPATH, NULL, NULL);
    g_report.fn = fn;
    g_report.ctx = ctx;
    if (fn != NULL) {
        undis__report_set_domain_hook(UNDIS_DOMAIN_DATAPATH, report_fn_adapter, NULL);
    }
}

unsigned long long
undis_verifier_report_count(void)
{
    return undis__atomic_load_u64(&g_report.total);
}

unsigned long long
undis_verifier_rule_count(undis_rule rule)
{
    return (unsigned)rule < UNDIS_RULE_COUNT ? undis__atomic_load_u64(&g_report.per_rule[rule]) : 0;
}

void
undis_verifier_reset_counts(void)
{
    /* Other threads may be counting: each counter is zeroed atomically. */
    for (size_t i = 0; i < UNDIS_RULE_COUNT; i++) {
        undis__atomic_store_u64(&g_report.per_rule[i], 0);
    }
    undis__atomic_store_u64(&g_report.total, 0);
}

/* ------------------------------------------------------------------ */
/* Address-keyed tables (ledger, history)                              */
/* ------------------------------------------------------------------ */

#define TABLE_BUCKETS 4096u
#define HISTORY_LEN   8

struct entry {
    struct entry *next;
    const void *key;
    void *value;                     /* ledger: the NetAllocateMdl */
    const void *owner;               /* ledger: the NET_BUFFER retreated */
    const char *events[HISTORY_LEN]; /* history: newest last */
    uint32_t count;
};

struct table {
    undis__spinlock lock;
    struct entry *bucket[TABLE_BUCKETS];
};

static struct table g_ledger;
static struct table g_history;
static struct table g_freed_mdls;

static size_t
bucket_of(const void *key)
{
    uintptr_t k = (uintptr_t)key;
    return (size_t)((k >> 4) ^ (k >> 16)) % TABLE_BUCKETS;
}

/* Lock held. The entry for key, created when `create`; NULL if absent or
 * when memory runs out (the verifier then tracks less, never fails a call). */
static struct entry *
table_get(struct table *t, const void *key, int create)
{
    struct entry **pp = &t->bucket[bucket_of(key)];
    struct entry *e;
    for (e = *pp; e != NULL; e = e->next) {
        if (e->key == key) {
            return e;
        }
    }
    if (!create) {
        return NULL;
    }
    e = (struct entry *)undis__mem_alloc_backing(sizeof(*e));
    if (e != NULL) {
        memset(e, 0, sizeof(*e));
        e->key = key;
        e->next = *pp;
        *pp = e;
    }
    return e;
}

static void
table_remove(struct table *t, const void *key)
{
    struct entry **pp;
    undis__spin_lock(&t->lock);
    for (pp = &t->bucket[bucket_of(key)]; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->key == key) {
            struct entry *e = *pp;
            *pp = e->next;
            undis__mem_free_backing(e);
            break;
        }
    }
    undis__spin_unlock(&t->lock);
}

void
undis__ledger_add(const MDL *mdl, NET_BUFFER_ALLOCATE_MDL *alloc, const NET_BUFFER *owner)
{
    struct entry *e;
    undis__spin_lock(&g_ledger.lock);
    e = table_get(&g_ledger, mdl, 1);
    if (e != NULL) {
        e->value = (void *)(uintptr_t)alloc;
        e->owner = owner;
        e->count = 1;
    }
    undis__spin_unlock(&g_ledger.lock);
}

int
undis__ledger_find(const MDL *mdl, NET_BUFFER_ALLOCATE_MDL **alloc)
{
    struct entry *e;
    undis__spin_lock(&g_ledger.lock);
    e = table_get(&g_ledger, mdl, 0);
    if (e != NULL && alloc != NULL) {
        *alloc = (NET_BUFFER_ALLOCATE_MDL *)(uintptr_t)e->value;
    }
    undis__spin_unlock(&g_ledger.lock);
    return e != NULL;
}

void
undis__ledger_remove(const MDL *mdl)
{
    table_remove(&g_ledger, mdl);
}

size_t
undis__ledger_count_owned(const NET_BUFFER *nb)
{
    size_t n = 0;
    /* A retreat links its MDLs at the head: walk from there and stop at the
     * first MDL that is not one, without reading it (the driver may have
     * freed its own MDLs before the NET_BUFFER). A clone sharing the
     * original's chain has the original's retreat MDLs there too, behind
     * its own: only those a retreat on nb made count. */
    for (const MDL *m = nb->MdlChain; m != NULL; m = m->Next) {
        const struct entry *e;
        int owned;
        undis__spin_lock(&g_ledger.lock);
        e = table_get(&g_ledger, m, 0);
        owned = e != NULL && e->owner == (const void *)nb;
        undis__spin_unlock(&g_ledger.lock);
        if (e == NULL) {
            break;
        }
        n += owned ? 1u : 0u;
    }
    return n;
}

/* Pairs are kept in the ledger too, keyed by the allocate handler's
 * address with its low bit set (never an MDL address). */
static const void *
pair_key(NET_BUFFER_ALLOCATE_MDL *alloc)
{
    return (const void *)((uintptr_t)alloc | 1u);
}

void
undis__ledger_learn_pair(NET_BUFFER_ALLOCATE_MDL *alloc, NET_BUFFER_FREE_MDL *free_fn)
{
    struct entry *e;
    if (alloc == NULL || free_fn == NULL) {
        return;
    }
    undis__spin_lock(&g_ledger.lock);
    e = table_get(&g_ledger, pair_key(alloc), 1);
    if (e != NULL && e->value == NULL) {
        e->value = (void *)(uintptr_t)free_fn;
    }
    undis__spin_unlock(&g_ledger.lock);
}

int
undis__ledger_pair_ok(NET_BUFFER_ALLOCATE_MDL *alloc, NET_BUFFER_FREE_MDL *free_fn)
{
    struct entry *e;
    int ok;
    if (alloc == NULL || free_fn == NULL) {
        return alloc == NULL && free_fn == NULL;
    }
    /* A driver's pair is known only once an NBL-level retreat named both
     * handlers; until then any driver free handler is accepted. */
    undis__spin_lock(&g_ledger.lock);
    e = table_get(&g_ledger, pair_key(alloc), 0);
    ok = e == NULL || e->value == (void *)(uintptr_t)free_fn;
    undis__spin_unlock(&g_ledger.lock);
    return ok;
}

volatile size_t undis__mdl_freed_count;

int
undis__mdl_note_free(const MDL *mdl)
{
    int again;
    undis__spin_lock(&g_freed_mdls.lock);
    again = table_get(&g_freed_mdls, mdl, 0) != NULL;
    if (!again && table_get(&g_freed_mdls, mdl, 1) != NULL) {
        undis__mdl_freed_count++;
    }
    undis__spin_unlock(&g_freed_mdls.lock);
    return again;
}

void
undis__mdl_note_alloc(const MDL *mdl)
{
    struct entry **pp;
    undis__spin_lock(&g_freed_mdls.lock);
    for (pp = &g_freed_mdls.bucket[bucket_of(mdl)]; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->key == mdl) {
            struct entry *e = *pp;
            *pp = e->next;
            undis__mem_free_backing(e);
            undis__mdl_freed_count--;
            break;
        }
    }
    undis__spin_unlock(&g_freed_mdls.lock);
}

void
undis__history_note(const void *object, const char *event)
{
    struct entry *e;
    undis__spin_lock(&g_history.lock);
    e = table_get(&g_history, object, 1);
    if (e != NULL) {
        if (e->count == HISTORY_LEN) {
            memmove(e->events, e->events + 1, (HISTORY_LEN - 1) * sizeof(e->events[0]));
            e->count--;
        }
        e->events[e->count++] = event;
    }
    undis__spin_unlock(&g_history.lock);
}

void
undis__history_text(const void *object, char *out, size_t len)
{
    struct entry *e;
    size_t n = 0;
    out[0] = '\0';
    if (object == NULL || undis__verifier_level < 3) {
        return;
    }
    undis__spin_lock(&g_history.lock);
    e = table_get(&g_history, object, 0);
    for (uint32_t i = 0; e != NULL && i < e->count && n < len; i++) {
        int w = snprintf(out + n, len - n, "%s%s", i ? " -> " : "", e->events[i]);
        n += w > 0 ? (size_t)w : 0;
    }
    undis__spin_unlock(&g_history.lock);
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

/* Dump hook: label the MDLs a retreat allocated. */
static int
mark_retreat_mdls(void *ctx, const NET_BUFFER *nb, const MDL *mdl, char *tag, size_t tag_len)
{
    NET_BUFFER_ALLOCATE_MDL *alloc = NULL;
    (void)ctx;
    (void)nb;
    if (!undis__ledger_find(mdl, &alloc)) {
        return 0;
    }
    snprintf(tag, tag_len, "%s", alloc == NULL ? "retreat:default" : "retreat:driver");
    return 1;
}

/* The picture of a report (the record's picture function): the NBL, else
 * the NET_BUFFER, with the MDLs a retreat allocated marked. */
static void
picture(const undis_report *r, FILE *out)
{
    undis_dump_opts opts;
    memset(&opts, 0, sizeof(opts));
    opts.indent = "    ";
    opts.mark = mark_retreat_mdls;
    if (r->net_buffer_list != NULL) {
        fprintf(out, "  the NET_BUFFER_LIST:\n");
        undis_nbl_dump_file(r->net_buffer_list, &opts, out);
    } else if (r->net_buffer != NULL) {
        fprintf(out, "  the NET_BUFFER:\n");
        undis_nb_dump_file(r->net_buffer, &opts, out);
    }
}

void
undis_verifier_default_report(const undis_report *r, void *ctx)
{
    undis_report copy = *r;
    (void)ctx;
    if (copy.picture == NULL && (copy.net_buffer != NULL || copy.net_buffer_list != NULL)) {
        copy.picture = picture;
    }
    undis_report_default(&copy);
    abort(); /* a data-path record is never a notice */
}

void
undis__report(undis_rule rule,
              const char *call,
              const void *object,
              const NET_BUFFER *nb,
              const NET_BUFFER_LIST *nbl,
              const char *fmt,
              ...)
{
    char reason[512];
    char history[512];
    undis_report r;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    undis__history_text(object, history, sizeof(history));
    undis__report_init(&r, rule);
    r.function = call;
    r.message = reason;
    r.object = object;
    r.net_buffer = nb;
    r.net_buffer_list = nbl;
    r.history = history;
    if (nb != NULL || nbl != NULL) {
        r.picture = picture;
    }
    undis__atomic_add_u64(&g_report.total, 1);
    if ((unsigned)rule < UNDIS_RULE_COUNT) {
        undis__atomic_add_u64(&g_report.per_rule[rule], 1);
    }
    undis__report_dispatch(&r);
}

int
undis__verify_irql_fail(const char *call, const void *object)
{
    KIRQL irql = KeGetCurrentIrql();
    if (irql > DISPATCH_LEVEL) {
        undis__report(UNDIS_RULE_IRQL_TOO_HIGH, call, object, NULL, NULL,
                      "called at IRQL %u, above DISPATCH_LEVEL (2)", (unsigned)irql);
        return 0;
    }
    return 1;
}

int
undis__verify_nbl_live(const char *call, const NET_BUFFER_LIST *nbl)
{
    if (nbl == NULL) {
        undis__report(UNDIS_RULE_NULL_ARGUMENT, call, NULL, NULL, NULL,
                      "the NET_BUFFER_LIST is NULL");
        return 0;
    }
    if (!undis__verify_irql(call, nbl)) {
        return 0;
    }
    if (undis__verifier_level >= 2 && (uintptr_t)nbl->Next == UNDIS__POISON_WORD &&
        (uintptr_t)nbl->FirstNetBuffer == UNDIS__POISON_WORD) {
        undis__report(UNDIS_RULE_USE_AFTER_FREE, call, nbl, NULL, NULL,
                      "NET_BUFFER_LIST %p was freed (it holds the 0xDF poison of freed objects)",
                      (const void *)nbl);
        return 0;
    }
    return 1;
}

int
undis__verify_nb_slow(const char *call, const NET_BUFFER *nb, const NET_BUFFER_LIST *nbl)
{
    char why[256];
    if (nb == NULL) {
        undis__report(UNDIS_RULE_NULL_ARGUMENT, call, NULL, NULL, nbl, "the NET_BUFFER is NULL");
        return 0;
    }
    if (!undis__verify_irql(call, nb)) {
        return 0;
    }
    /* A freed pooled NET_BUFFER is poisoned at level 2: say so rather than
     * walk its poisoned MDL chain. */
    if (undis__verifier_level >= 2 && (uintptr_t)nb->Next == UNDIS__POISON_WORD &&
        (uintptr_t)nb->MdlChain == UNDIS__POISON_WORD) {
        undis__report(UNDIS_RULE_USE_AFTER_FREE, call, nb, NULL, nbl,
                      "NET_BUFFER %p was freed (it holds the 0xDF poison of freed objects)",
                      (const void *)nb);
        return 0;
    }
    /* The structure walk is O(chain): level 2 and up, so that level 1 stays
     * cheap enough to leave on. */
    if (undis__verifier_level >= 2 && undis_nb_check(nb, why, sizeof(why)) != UNDIS_CHECK_OK) {
        undis__report(UNDIS_RULE_NB_STRUCTURE, call, nb, nb, nbl, "%s", why);
        return 0;
    }
    return 1;
}
