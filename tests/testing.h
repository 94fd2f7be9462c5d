/* testing.h - what the C test programs share: CHECK, which counts a
 * condition and reports a false one with its place, and reading a whole
 * file into memory.  Each program is one translation unit that includes
 * this once (the programs that only read files leave the counters unused). */
#ifndef IMR_TESTING_H
#define IMR_TESTING_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static int passed __attribute__((unused)), failed __attribute__((unused));

#define CHECK(cond, ...)                                                                  \
	do {                                                                              \
		if (cond) {                                                               \
			passed++;                                                         \
		} else {                                                                  \
			failed++;                                                         \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);                       \
			printf(__VA_ARGS__);                                              \
			putchar('\n');                                                    \
		}                                                                         \
	} while (0)

/* The whole of path, NUL-terminated, its length in *len; NULL when it
 * cannot be read (or memory runs out).  The caller frees it. */
static inline char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *s = malloc(cap + 1);
	while (s && (got = fread(s + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *t = realloc(s, (cap *= 2) + 1);
			if (!t)
				free(s);
			s = t;
		}
	}
	bool failed_read = ferror(f) != 0;
	fclose(f);
	if (s && failed_read) {
		free(s);
		return NULL;
	}
	if (s) {
		s[n] = '\0';
		*len = n;
	}
	return s;
}

#endif
