/* date.h - the dates of the documents, to ISO 8601. */
#ifndef IMR_DATE_H
#define IMR_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct imr_arena;
struct imr_hits;

struct imr_date {
	int year, month, day; /* year 0: none */
};

/* Parse a date starting exactly at s: 02/28/2003, 10-13-16, 11-3-16,
 * August 30, 1999.  Returns the end of the date or NULL. */
const char *imr_date_parse(const char *s, struct imr_date *out);
/* The first date in [s, s+window) (window 0: to the end). */
const char *imr_date_find(const char *s, size_t window, struct imr_date *out);

/* A date met in a text, at offset at. */
struct imr_dated {
	uint32_t at;
	struct imr_date date;
};
/* The dates of a text, from the occurrences of the phrases where one may
 * start (phrase.h: the numeric and month phrases, whose flags already say
 * a word starts there): those that parse, in order. */
size_t imr_dates_read(struct imr_arena *a, const struct imr_hits *h, struct imr_dated **out);
/* The first of d[0..n) at or after from and before to, or NULL. */
const struct imr_dated *imr_dates_first(const struct imr_dated *d, size_t n, size_t from, size_t to);
/* "2003-02-28" into buf (at least 11 bytes). */
void imr_date_iso(const struct imr_date *d, char *buf);

#endif
