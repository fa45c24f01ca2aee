/*
 * fuzz_vcxproj.c - the .vcxproj reader of `undis compat` and `undis wpp`
 * (tools/undis/compat_vcxproj.c, libxml2): the input is a project file
 * (PropertyGroups, ItemDefinitionGroups, ClCompile items, Conditions with
 * ==, !=, and, or, Exists(), $(Property) expansion, Imports of itself), read
 * for "Debug|x64". Oracles: ASan and UBSan on the reader and libxml2's use;
 * it returns 0 with a project to free, or -1 with a reason and nothing to
 * free; every list it fills holds strings.
 */
#ifndef _DEFAULT_SOURCE
#    define _DEFAULT_SOURCE /* mkdtemp */
#endif
#include "compat.h"
#include "fuzz_tmpfile.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_list(const compat_strv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->v[i] == NULL || strlen(v->v[i]) > (1u << 20)) {
            abort();
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600], err[256];
    compat_project project;
    fz_write_file("driver.vcxproj", data, size, path, sizeof(path));
    err[0] = '\0';
    memset(&project, 0, sizeof(project));
    if (compat_project_read(path, "Debug|x64", &project, err, sizeof(err)) != 0) {
        if (err[0] == '\0') {
            abort(); /* a failure must say why */
        }
        return 0;
    }
    check_list(&project.sources);
    check_list(&project.defines);
    check_list(&project.includes);
    check_list(&project.wpp_funcs);
    check_list(&project.wpp_scan);
    compat_project_free(&project);
    return 0;
}
