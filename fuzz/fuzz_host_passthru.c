/* SPDX-License-Identifier: MIT */
/*
 * fuzz_host_passthru.c: a driver's own fuzz target, as docs/fuzzing.md tells
 * a driver project to write one: the example filter
 * (examples/drivers/passthru_filter.c, its files unchanged) linked in,
 * hosted once, and each input played as a scenario with undis_fuzz_one
 * (<undis/fuzz.h>): frames, MDL geometry, chains, receive flags, failing
 * allocations and mappings, pause/restart, OIDs, link changes, reattach.
 * Oracles: the verifier at level 2 and the host's rules (any report aborts,
 * printed), each NBL back as handed over, the module's allocations all given
 * back after its detach, ASan and UBSan. For undis itself this target
 * covers the host and the scenario decoder.
 */
#include <ndis.h>

#include <stdlib.h>

#include <undis/fuzz.h>
#include <undis/verifier.h>

DRIVER_INITIALIZE DriverEntry;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static undis_host *host;
    if (host == NULL) {
        undis_verifier_set_level(2);
        if (undis_host_create(&host) != NDIS_STATUS_SUCCESS ||
            !NT_SUCCESS(undis_host_load(host, DriverEntry, "passthru"))) {
            abort();
        }
    }
    if (undis_fuzz_one(host, data, size) != UNDIS_FUZZ_CLEAN) {
        abort();
    }
    return 0;
}
