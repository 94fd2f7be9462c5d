/* arena.c - bump allocation in blocks that double up to 64 KiB. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct imr_arena_block {
	struct imr_arena_block *prev;
	max_align_t data[];
};

enum { FIRST_BLOCK = 8192, MAX_BLOCK = 65536 };

void imr_arena_init(struct imr_arena *a)
{
	a->head = NULL;
	a->next = a->end = NULL;
}

void imr_arena_free(struct imr_arena *a)
{
	struct imr_arena_block *b = a->head;
	while (b) {
		struct imr_arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	imr_arena_init(a);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("imr2xml: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *imr_arena_alloc(struct imr_arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	if ((size_t)(a->end - a->next) < size) {
		size_t last = a->head ? (size_t)(a->end - (char *)a->head->data) : 0;
		size_t want = last ? last * 2 : FIRST_BLOCK;
		if (want > MAX_BLOCK)
			want = MAX_BLOCK;
		if (want < size)
			want = size;
		struct imr_arena_block *b = xmalloc(sizeof *b + want);
		b->prev = a->head;
		a->head = b;
		a->next = (char *)b->data;
		a->end = a->next + want;
	}
	void *p = a->next;
	a->next += size;
	memset(p, 0, size);
	return p;
}

char *imr_arena_strndup(struct imr_arena *a, const char *s, size_t n)
{
	char *p = imr_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *imr_arena_grow(struct imr_arena *a, void *items, size_t *capacity, size_t need, size_t elem)
{
	if (need <= *capacity)
		return items;
	size_t cap = *capacity ? *capacity * 2 : 4;
	while (cap < need)
		cap *= 2;
	if (cap > SIZE_MAX / elem) {
		fputs("imr2xml: out of memory\n", stderr);
		abort();
	}
	void *p = imr_arena_alloc(a, cap * elem);
	if (items)
		memcpy(p, items, *capacity * elem);
	*capacity = cap;
	return p;
}
