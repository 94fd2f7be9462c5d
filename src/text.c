#define _GNU_SOURCE /* memrchr */
/* text.c - joining lines and small string helpers. */
#include "text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static size_t span_len(const struct imr_line *l)
{
	return l->end - l->start;
}

/* Join lines[from..to); when breaks is not NULL, record in it where each
 * line with para_break starts in the result (at most cap of them). */
static char *join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                  size_t from, size_t to, size_t *breaks, size_t cap, size_t *nbreaks)
{
	size_t total = 1;
	for (size_t i = from; i < to; i++)
		total += span_len(&t->lines[i]) + 1;
	char *out = imr_arena_alloc(a, total), *o = out;
	for (size_t i = from; i < to; i++) {
		const char *s = src->text + t->lines[i].start, *e = src->text + t->lines[i].end;
		if (breaks && i > from && t->lines[i].para_break && *nbreaks < cap)
			breaks[(*nbreaks)++] = (size_t)(o - out);
		if (o > out) {
			char last = o[-1];
			char before = o - out >= 2 ? o[-2] : ' ';
			bool glue = last == '/' || (last == '-' && isalnum((unsigned char)before));
			if (!glue)
				*o++ = ' ';
		}
		for (; s < e; s++) {
			/* Page breaks and (in raw regions) newlines are blanks too. */
			char c = *s == '\f' || *s == '\n' ? ' ' : *s;
			if (c == ' ' && (o == out || o[-1] == ' '))
				continue;
			*o++ = c;
		}
		while (o > out && o[-1] == ' ')
			o--;
	}
	*o = '\0';
	return out;
}

char *imr_text_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                    size_t from, size_t to)
{
	return join(a, src, t, from, to, NULL, 0, NULL);
}

char *imr_text_paragraphs(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_text *t, struct imr_strings *out)
{
	if (!t)
		return "";
	size_t breaks[64], n = 0;
	char *all = join(a, src, t, 0, t->count, breaks, 64, &n);
	size_t start = 0, len = strlen(all);
	for (size_t i = 0; i <= n; i++) {
		size_t end = i < n ? breaks[i] : len;
		if (n == 0) {
			if (*all)
				imr_strings_add(a, out, all);
			break;
		}
		const char *b = all + start, *e = all + end;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (e > b)
			imr_strings_add(a, out, imr_arena_strndup(a, b, (size_t)(e - b)));
		start = end;
	}
	/* More paragraphs than recorded: the last one holds the rest, which
	 * loses only the breaks, never the words. */
	return all;
}

void imr_strings_add(struct imr_arena *a, struct imr_strings *l, const char *s)
{
	l->items = imr_arena_grow(a, l->items, &l->capacity, l->count + 1, sizeof *l->items);
	l->items[l->count++] = s;
}

/* ASCII case folding: the needles are fixed English phrases. */
static inline unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static inline bool same_ci(const char *p, const char *needle, size_t m)
{
	for (size_t i = 0; i < m; i++)
		if (fold((unsigned char)p[i]) != fold((unsigned char)needle[i]))
			return false;
	return true;
}

/* The needles are short phrases and the haystacks a few KB, where
 * strcasestr's two-way set-up costs more than it saves: find the first
 * letter in either case with memchr (vectorised), then compare. */
const char *imr_find_ci_n(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0)
		return hay;
	if (n < m)
		return NULL;
	unsigned char lo = fold((unsigned char)needle[0]);
	unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 0x20) : lo;
	const char *end = hay + (n - m) + 1; /* candidates start before end */
	const char *next_lo = memchr(hay, lo, (size_t)(end - hay));
	const char *next_up = up == lo ? NULL : memchr(hay, up, (size_t)(end - hay));
	while (next_lo || next_up) {
		const char *p = !next_up || (next_lo && next_lo < next_up) ? next_lo : next_up;
		if (same_ci(p + 1, needle + 1, m - 1))
			return p;
		if (p == next_lo)
			next_lo = memchr(p + 1, lo, (size_t)(end - p - 1));
		else
			next_up = memchr(p + 1, up, (size_t)(end - p - 1));
	}
	return NULL;
}

const char *imr_rfind_ci_n(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (n < m || m == 0)
		return NULL;
	unsigned char lo = fold((unsigned char)needle[0]);
	unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 0x20) : lo;
	size_t span = n - m + 1; /* candidates are hay[0..span) */
	const char *prev_lo = memrchr(hay, lo, span);
	const char *prev_up = up == lo ? NULL : memrchr(hay, up, span);
	while (prev_lo || prev_up) {
		const char *p = !prev_up || (prev_lo && prev_lo > prev_up) ? prev_lo : prev_up;
		if (same_ci(p + 1, needle + 1, m - 1))
			return p;
		if (p == prev_lo)
			prev_lo = memrchr(hay, lo, (size_t)(p - hay));
		else
			prev_up = memrchr(hay, up, (size_t)(p - hay));
	}
	return NULL;
}

const char *imr_find_ci(const char *hay, const char *needle)
{
	return imr_find_ci_n(hay, strlen(hay), needle);
}

bool imr_starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *imr_trim_copy(struct imr_arena *a, const char *s, const char *e, const char *strip)
{
	for (;;) {
		while (s < e && (*s == ' ' || strchr(strip, *s)))
			s++;
		while (e > s && (e[-1] == ' ' || strchr(strip, e[-1])))
			e--;
		/* A dangling conjunction left by a list split: "X, and" */
		if (e - s >= 4 && strncmp(e - 4, " and", 4) == 0)
			e -= 4;
		else if (e - s >= 4 && strncasecmp(s, "and ", 4) == 0)
			s += 4;
		else if (e - s == 3 && strncasecmp(s, "and", 3) == 0)
			s = e;
		else
			break;
	}
	return imr_arena_strndup(a, s, (size_t)(e - s));
}
