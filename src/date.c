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

const char *imr_date_find(const char *s, size_t window, struct imr_date *out)
{
	const char *end = window ? s + strnlen(s, window) : s + strlen(s);
	static const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                               "jul", "aug", "sep", "oct", "nov", "dec"};
	for (const char *p = s; p < end; p++) {
		bool word_start = p == s || !isalnum((unsigned char)p[-1]);
		if (!word_start)
			continue;
		if (isdigit((unsigned char)*p)) {
			if (parse_numeric(p, out))
				return p;
		} else if (isupper((unsigned char)*p)) {
			for (size_t m = 0; m < 12; m++)
				if (strncasecmp(p, months[m], 3) == 0 && imr_date_parse(p, out))
					return p;
		}
	}
	return NULL;
}

void imr_date_iso(const struct imr_date *d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u,
	         (unsigned)d->day % 100u);
}
