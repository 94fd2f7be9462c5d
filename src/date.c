/* date.c - dates, parsed with strptime and checked with timegm-free
 * arithmetic (a date, not an instant: no time zones involved). */
#define _XOPEN_SOURCE 700 /* strptime */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	/* Plausible years for a workers' compensation record. */
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

/* Numeric dates: M/D/Y or M-D-Y with a 2- or 4-digit year. */
static const char *parse_numeric(const char *s, struct imr_date *out)
{
	struct tm tm;
	const char *fmts[] = {"%m/%d/%Y", "%m-%d-%Y"};
	for (size_t i = 0; i < 2; i++) {
		memset(&tm, 0, sizeof tm);
		const char *e = strptime(s, fmts[i], &tm);
		if (!e)
			continue;
		/* %Y took the year's digits: count them to tell 16 from 2016. */
		const char *y = e;
		while (y > s && isdigit((unsigned char)y[-1]))
			y--;
		size_t digits = (size_t)(e - y);
		if (isdigit((unsigned char)*e) || (digits != 2 && digits != 4))
			continue;
		int year = tm.tm_year + 1900;
		if (digits == 2)
			year = 2000 + (tm.tm_year + 1900) % 100;
		if (digits == 2 && year > 2069)
			year -= 100;
		if (!valid(year, tm.tm_mon + 1, tm.tm_mday))
			return NULL;
		*out = (struct imr_date){year, tm.tm_mon + 1, tm.tm_mday};
		return e;
	}
	return NULL;
}

const char *imr_date_parse(const char *s, struct imr_date *out)
{
	if (isdigit((unsigned char)*s))
		return parse_numeric(s, out);
	if (!isalpha((unsigned char)*s))
		return NULL;
	/* "August 30, 1999" (also "Aug 30, 1999" and without the comma). */
	struct tm tm;
	const char *fmts[] = {"%B %d, %Y", "%B %d %Y"};
	for (size_t i = 0; i < 2; i++) {
		memset(&tm, 0, sizeof tm);
		const char *e = strptime(s, fmts[i], &tm);
		if (!e || isdigit((unsigned char)*e))
			continue;
		if (!valid(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
			return NULL;
		*out = (struct imr_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
		return e;
	}
	return NULL;
}

static bool starts_date(enum imr_phrase id)
{
	return (id >= IMR_PH_DATE_D_SLASH && id <= IMR_PH_DATE_DD_DASH) ||
	       (id >= IMR_PH_JAN && id <= IMR_PH_DEC);
}

size_t imr_dates_read(struct imr_arena *a, const struct imr_hits *h, struct imr_dated **out)
{
	struct imr_dated *d = NULL;
	size_t n = 0, cap = 0;
	uint32_t last = UINT32_MAX;
	for (size_t k = 0; k < h->n; k++) {
		const struct imr_hit *hit = &h->v[k];
		if (!starts_date((enum imr_phrase)hit->id) || hit->at == last)
			continue;
		struct imr_date date;
		const char *p = h->s + hit->at;
		if (!(isdigit((unsigned char)*p) ? parse_numeric(p, &date) : imr_date_parse(p, &date)))
			continue;
		d = imr_arena_grow(a, d, &cap, n + 1, sizeof *d);
		d[n++] = (struct imr_dated){hit->at, date};
		last = hit->at;
	}
	*out = d;
	return n;
}

const struct imr_dated *imr_dates_first(const struct imr_dated *d, size_t n, size_t from, size_t to)
{
	for (size_t i = 0; i < n && d[i].at < to; i++)
		if (d[i].at >= from)
			return &d[i];
	return NULL;
}

/* A date may start at a word's start: a digit (and another) then '/' or
 * '-', or a capitalised month's name; those places are found in one pass
 * by the phrase matcher (a date beginning within the window may end
 * after it). */
const char *imr_date_find(const char *s, size_t window, struct imr_date *out)
{
	size_t n = window ? strnlen(s, window) : strlen(s);
	size_t scan = n + strnlen(s + n, 2); /* "1" at the end needs its "/" */
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_hits h;
	imr_phrases_find(&a, IMR_SET_DATES, s, scan, &h);
	struct imr_dated *d;
	size_t count = imr_dates_read(&a, &h, &d);
	const struct imr_dated *first = imr_dates_first(d, count, 0, n);
	const char *at = first ? s + first->at : NULL;
	if (first)
		*out = first->date;
	imr_arena_free(&a);
	return at;
}

void imr_date_iso(const struct imr_date *d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u,
	         (unsigned)d->day % 100u);
}
