/* date.h - the dates of the documents, to ISO 8601. */
#ifndef IMR_DATE_H
#define IMR_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct imr_date {
	int year, month, day; /* year 0: none */
};

/* Parse a date starting exactly at s: 02/28/2003, 10-13-16, 11-3-16,
 * August 30, 1999.  Returns the end of the date or NULL. */
const char *imr_date_parse(const char *s, struct imr_date *out);
/* The first date in [s, s+window) (window 0: to the end). */
const char *imr_date_find(const char *s, size_t window, struct imr_date *out);
/* "2003-02-28" into buf (at least 11 bytes). */
void imr_date_iso(const struct imr_date *d, char *buf);

#endif
