/* date.c - dates, parsed as strptime would (the differential unit tests
 * say so) without its cost, and checked with timegm-free arithmetic (a
 * date, not an instant: no time zones involved). */
#include "date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "phrase.h"

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

/* A number as strptime's %m, %d and %Y read it (glibc): blanks first,
 * then at most n digits, stopping before a digit that would pass to;
 * from..to or NULL. */
static const char *number(const char *p, int from, int to, int n, int *val)
{
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	int v = 0;
	do
		v = v * 10 + (*p++ - '0');
	while (--n > 0 && v * 10 <= to && *p >= '0' && *p <= '9');
	if (v < from || v > to)
		return NULL;
	*val = v;
	return p;
}

/* Numeric dates: M/D/Y or M-D-Y with a 2- or 4-digit year: what
 * strptime("%m/%d/%Y") or ("%m-%d-%Y") accepts, without its cost (a
 * differential unit test holds the two together). */
static const char *parse_numeric(const char *s, struct imr_date *out)
{
	int month, day, y;
	const char *p = number(s, 1, 12, 2, &month);
	if (!p || (*p != '/' && *p != '-'))
		return NULL;
	char sep = *p;
	p = number(p + 1, 1, 31, 2, &day);
	if (!p || *p != sep)
		return NULL;
	const char *e = number(p + 1, 0, 9999, 4, &y);
	if (!e)
		return NULL;
	/* The year's digits, counted back from its end: 16 or 2016. */
	const char *d = e;
	while (d > s && isdigit((unsigned char)d[-1]))
		d--;
	size_t digits = (size_t)(e - d);
	if (isdigit((unsigned char)*e) || (digits != 2 && digits != 4))
		return NULL;
	int year = y;
	if (digits == 2)
		year = 2000 + y % 100;
	if (digits == 2 && year > 2069)
		year -= 100;
	if (!valid(year, month, day))
		return NULL;
	*out = (struct imr_date){year, month, day};
	return e;
}

/* "August 30, 1999", "Aug 30, 1999", "Aug 30 1999": what strptime's
 * "%B %d, %Y" or "%B %d %Y" accepts (glibc, C locale: the month's full
 * or abbreviated name, the longer that begins the text, any case). */
static const char *parse_month(const char *s, struct imr_date *out)
{
	static const char *const months[] = {"January", "February", "March",     "April",
	                                     "May",     "June",     "July",      "August",
	                                     "September", "October", "November", "December"};
	int month = 0;
	const char *p = NULL;
	for (int m = 0; m < 12 && !p; m++) {
		size_t n = strlen(months[m]);
		if (strncasecmp(s, months[m], n) == 0)
			p = s + n, month = m + 1;
		else if (strncasecmp(s, months[m], 3) == 0)
			p = s + 3, month = m + 1;
	}
	if (!p)
		return NULL;
	int day, year;
	p = number(p, 1, 31, 2, &day); /* the format's blank, then %d's */
	if (!p)
		return NULL;
	if (*p == ',')
		p++;
	const char *e = number(p, 0, 9999, 4, &year);
	if (!e || isdigit((unsigned char)*e) || !valid(year, month, day))
		return NULL;
	*out = (struct imr_date){year, month, day};
	return e;
}

const char *imr_date_parse(const char *s, struct imr_date *out)
{
	if (isdigit((unsigned char)*s))
		return parse_numeric(s, out);
	if (!isalpha((unsigned char)*s))
		return NULL;
	return parse_month(s, out);
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
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u, day = (unsigned)d->day % 100u;
	buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10), buf[4] = '-';
	buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10), buf[7] = '-';
	buf[8] = (char)('0' + day / 10), buf[9] = (char)('0' + day % 10), buf[10] = '\0';
}
