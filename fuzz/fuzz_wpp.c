/*
 * fuzz_wpp.c - the WPP configuration reader and .tmh writer of `undis wpp`
 * (tools/undis/wpp_gen.c, compat_wpp_generate): the input is a traced
 * source file (WPP_CONTROL_GUIDS, `begin_wpp config` blocks with FUNC and
 * USEPREFIX, #include "..." of itself), optionally led by one line of
 * -func: specs ("-func:Name(LEVEL,MSG,...)\n"). Oracles: ASan and UBSan on
 * the reader and the writer; the call returns 0 with the .tmh written, or
 * -1 with a reason.
 */
#ifndef _DEFAULT_SOURCE
#    define _DEFAULT_SOURCE /* mkdtemp */
#endif
#include "compat.h"
#include "fuzz_tmpfile.h"

#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char source[600], tmh[600], err[256], spec[256];
    compat_strv funcs;
    size_t skip = 0;
    memset(&funcs, 0, sizeof(funcs));
    if (size > 6 && memcmp(data, "-func:", 6) == 0) {
        const uint8_t *nl = (const uint8_t *)memchr(data, '\n', size);
        size_t n = nl != NULL ? (size_t)(nl - data) : size;
        snprintf(spec, sizeof(spec), "%.*s", (int)(n < 255 ? n : 255), (const char *)data);
        if (compat_strv_add(&funcs, spec, (size_t)-1) != 0) {
            abort();
        }
        skip = nl != NULL ? n + 1 : size;
    }
    fz_write_file("trace.c", data + skip, size - skip, source, sizeof(source));
    snprintf(tmh, sizeof(tmh), "%s/trace.tmh", fz_tmpdir());
    (void)unlink(tmh);
    err[0] = '\0';
    if (compat_wpp_generate(source, NULL, NULL, &funcs, fz_tmpdir(), err, sizeof(err)) == 0) {
        if (access(tmh, F_OK) != 0) {
            abort(); /* success without the .tmh */
        }
    } else if (err[0] == '\0') {
        abort(); /* a failure must say why */
    }
    compat_strv_free(&funcs);
    return 0;
}
