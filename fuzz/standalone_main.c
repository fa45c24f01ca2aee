/*
 * standalone_main.c - run a libFuzzer target on given files, without
 * libFuzzer.
 *
 * Linked with a target source instead of -fsanitize=fuzzer, it makes a
 * replay program any C compiler can build (gcc in the dev preset): each
 * argument is a file (or a folder, whose regular files are run in name
 * order) passed once to LLVMFuzzerTestOneInput. A finding aborts, as under
 * libFuzzer, so a committed regression input fails its CTest entry.
 *
 *     fuzz_nb_ops_replay fuzz/corpus/nb_ops/seed-1 crash-1234...
 *
 * Exit status: 0 when every input ran, 2 when a file cannot be read.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#    define _DEFAULT_SOURCE /* dirent, stat */
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if !defined(_WIN32)
#    include <dirent.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the whole file; NULL (with a message) when it cannot. */
static uint8_t *
read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0;
    size_t len = 0;
    if (f == NULL) {
        fprintf(stderr, "replay: %s: cannot open\n", path);
        return NULL;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            uint8_t *bigger;
            cap = cap == 0 ? 4096 : cap * 2;
            bigger = (uint8_t *)realloc(buf, cap);
            if (bigger == NULL) {
                fprintf(stderr, "replay: %s: out of memory\n", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *size = len;
    return buf;
}

static int
run_file(const char *path)
{
    size_t size = 0;
    uint8_t *data = read_file(path, &size);
    if (data == NULL) {
        return 2;
    }
    printf("replay: %s (%zu bytes)\n", path, size);
    fflush(stdout);
    (void)LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

#if !defined(_WIN32)
static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs every regular file of a folder, in name order. */
static int
run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0;
    size_t cap = 0;
    int rc = 0;
    if (d == NULL) {
        fprintf(stderr, "replay: %s: cannot open folder\n", dir);
        return 2;
    }
    while ((e = readdir(d)) != NULL) {
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        struct stat st;
        char *path = (char *)malloc(need);
        if (path == NULL) {
            rc = 2;
            break;
        }
        snprintf(path, need, "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (count == cap) {
            char **bigger;
            cap = cap == 0 ? 64 : cap * 2;
            bigger = (char **)realloc(names, cap * sizeof(*names));
            if (bigger == NULL) {
                free(path);
                rc = 2;
                break;
            }
            names = bigger;
        }
        names[count++] = path;
    }
    closedir(d);
    if (count != 0) {
        qsort(names, count, sizeof(*names), compare_names);
    }
    for (size_t i = 0; i < count; i++) {
        if (rc == 0) {
            rc = run_file(names[i]);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}
#endif

int
main(int argc, char **argv)
{
    int ran = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int rc;
#if !defined(_WIN32)
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = run_dir(argv[i]);
        } else
#endif
        {
            rc = run_file(argv[i]);
        }
        if (rc != 0) {
            return rc;
        }
        ran++;
    }
    printf("replay: %d argument(s) run, no finding\n", ran);
    return 0;
}
