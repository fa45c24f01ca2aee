/*
 * fuzz_tmpfile.h - the input of a target whose reader takes a path (the WPP
 * generator, the .vcxproj reader): written to a file in a folder made once
 * per process (mkdtemp under $TMPDIR), overwritten by each run. POSIX.
 */
#ifndef UNDIS_FUZZ_TMPFILE_H
#define UNDIS_FUZZ_TMPFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The folder (made on the first call; abort when it cannot be). */
static inline const char *
fz_tmpdir(void)
{
    static char dir[512];
    if (dir[0] == '\0') {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof(dir), "%s/undis-fuzz-XXXXXX", base != NULL ? base : "/tmp");
        if (mkdtemp(dir) == NULL) {
            abort();
        }
    }
    return dir;
}

/* Writes size bytes of data to <folder>/name; its path into path. */
static inline void
fz_write_file(const char *name, const uint8_t *data, size_t size, char *path, size_t cap)
{
    FILE *f;
    snprintf(path, cap, "%s/%s", fz_tmpdir(), name);
    f = fopen(path, "wb");
    if (f == NULL || (size != 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        abort();
    }
}

#endif /* UNDIS_FUZZ_TMPFILE_H */
