/*
 * reader.h - what extraction's readers share (extract.c, summary.c): a
 * part of the document as they see it, joined into one string with the
 * occurrences of its set's phrases (phrase.h), and the few questions they
 * ask of it.  Private to extraction.
 */
#ifndef IMR_READER_H
#define IMR_READER_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "determination.h"
#include "phrase.h"
#include "text.h"

static inline bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '\'';
}

/* A part of the document as the readers see it: joined, and the
 * occurrences of its set's phrases in it. */
struct scan {
	struct imr_joined j;
	struct imr_hits h;
};

static inline void scan_joined(struct imr_arena *a, enum imr_phrase_set set, struct scan *sc)
{
	imr_phrases_find_in(a, set, sc->j.s, sc->j.len,
	                    sc->j.src && sc->j.src->one_case != IMR_CASE_MIXED, &sc->h);
}

/* A string that comes from no input (the pieces' unit tests). */
static inline void scan_string(struct imr_arena *a, enum imr_phrase_set set, const char *s, struct scan *sc)
{
	sc->j = (struct imr_joined){.s = (char *)s, .len = strlen(s)};
	scan_joined(a, set, sc);
}

static inline struct imr_pos pos_at(const struct scan *sc, const char *p)
{
	return imr_joined_pos_at(&sc->j, p);
}

static inline bool has(const struct scan *sc, enum imr_phrase id)
{
	return imr_hits_first(&sc->h, id, 0, sc->h.len) != NULL;
}

/* The first occurrence of id at or after p (and wholly before end). */
static inline const char *find_from(const struct scan *sc, enum imr_phrase id, const char *p, const char *end)
{
	const struct imr_hit *h = imr_hits_first(&sc->h, id, (size_t)(p - sc->j.s), (size_t)(end - sc->j.s));
	return h ? sc->j.s + h->at : NULL;
}

/* The first occurrence, at or after p, of any of the phrases in ids. */
static inline const char *find_any(const struct scan *sc, const enum imr_phrase *ids, size_t n, const char *p)
{
	for (size_t k = imr_hits_from(&sc->h, (size_t)(p - sc->j.s)); k < sc->h.n; k++)
		for (size_t i = 0; i < n; i++)
			if (sc->h.v[k].id == ids[i])
				return sc->j.s + sc->h.v[k].at;
	return NULL;
}

/* Whether the occurrence h is a whole word (letters, digits and the
 * apostrophe are word characters), in s[0..n) as one region. */
static inline bool whole_word(const char *s, size_t n, const struct imr_hit *h)
{
	return (h->at == 0 || !is_word_char(s[h->at - 1])) &&
	       !(h->at + h->len < n && is_word_char(s[h->at + h->len]));
}

static inline void add_at(struct imr_arena *a, struct imr_strings *l, const char *b, const char *e,
                   const struct imr_joined *j)
{
	imr_strings_add_at(a, l, imr_arena_strndup(a, b, (size_t)(e - b)),
	                   j && j->nlines ? imr_joined_pos_at(j, b) : (struct imr_pos){0, 0});
}

#endif
