/* arena.h - one bump allocator per document (PostgreSQL's memory
 * contexts in miniature): every AST node and string of a parse lives
 * here, so an error anywhere frees everything with one call. */
#ifndef IMR_ARENA_H
#define IMR_ARENA_H

#include <stddef.h>

struct imr_arena_block;

struct imr_arena {
	struct imr_arena_block *head;
	char *next;
	char *end;
};

void imr_arena_init(struct imr_arena *a);
void imr_arena_free(struct imr_arena *a);
/* Zeroed, aligned memory; aborts on out-of-memory like xmalloc. */
void *imr_arena_alloc(struct imr_arena *a, size_t size);
char *imr_arena_strndup(struct imr_arena *a, const char *s, size_t n);
/* Grow an array living in the arena to hold at least need elements. */
void *imr_arena_grow(struct imr_arena *a, void *items, size_t *capacity, size_t need, size_t elem);

#endif
