/* onecase.c - a letter whose letters are all of one case (onecase.h). */
#include "onecase.h"

#include <string.h>
#include <strings.h>

#include "vocab.h"

/* Fewer letters than this say nothing of a pipeline. */
enum { MIN_LETTERS = 64 };

/* The vocabulary, from vocab.h's tables (no list of its own). */
#define ONECASE_HEADING(id, text, ...) text,
static const char *const headings[] = {IMR_SECTIONS(ONECASE_HEADING)};
#define ONECASE_LABEL(field, label, ...) label,
#define ONECASE_LINE_LABEL(id, label, ...) label,
static const char *const labels[] = {IMR_HEADER_LABELS(ONECASE_LABEL)
                                     IMR_LINE_LABELS(ONECASE_LINE_LABEL)};
/* A header label's pieces, as narrow cells wrap it (NULL between labels). */
#define ONECASE_PIECES(field, label, ...) __VA_ARGS__,
static const char *const pieces[] = {IMR_HEADER_LABELS(ONECASE_PIECES)};
#define COUNT(a) (sizeof(a) / sizeof *(a))

enum imr_letter_case imr_letter_case(struct imr_source *src)
{
	bool lower = false, upper = false;
	size_t letters = 0;
	for (const char *p = src->text, *e = p + src->len; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'a' && c <= 'z') {
			if (upper)
				return src->one_case = IMR_CASE_MIXED;
			lower = true;
			letters++;
		} else if (c >= 'A' && c <= 'Z') {
			if (lower)
				return src->one_case = IMR_CASE_MIXED;
			upper = true;
			letters++;
		}
	}
	if (letters < MIN_LETTERS)
		return src->one_case = IMR_CASE_MIXED;
	return src->one_case = lower ? IMR_CASE_LOWER : IMR_CASE_UPPER;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\f';
}

/* Line i's content without its blanks: [*a, *b). */
static void line_content(const struct imr_source *src, size_t i, char **a, char **b)
{
	char *s = src->text + src->line_start[i];
	char *e = i + 1 < src->nlines ? src->text + src->line_start[i + 1] : src->text + src->len;
	while (e > s && (e[-1] == '\n' || is_blank(e[-1])))
		e--;
	while (s < e && is_blank(*s))
		s++;
	*a = s, *b = e;
}

/* Spell s[0..n) as w when it is w in another case. */
static bool respell(char *s, const char *w, size_t n)
{
	if (strncasecmp(s, w, n) != 0)
		return false;
	memcpy(s, w, n);
	return true;
}

/* A heading standing as one on line i: the whole line, the end of a
 * header's row ("12/16/2016 how the imr ..."), a heading with its colon
 * opening the line, or the line and the next one it wraps to. */
static bool read_heading(const struct imr_source *src, size_t i, char *a, char *b)
{
	size_t len = (size_t)(b - a);
	bool found = false;
	for (size_t h = 0; h < COUNT(headings); h++) {
		const char *w = headings[h];
		size_t n = strlen(w);
		bool colon = w[n - 1] == ':';
		if (len == n || (colon && len > n))
			found |= respell(a, w, n);
		else if (len > n && b[-(ptrdiff_t)n - 1] == ' ')
			found |= respell(b - n, w, n);
		else if (len < n && w[len] == ' ' && strncasecmp(a, w, len) == 0) {
			size_t j = i + 1;
			char *a2 = NULL, *b2 = NULL;
			for (; j < src->nlines; j++) {
				line_content(src, j, &a2, &b2);
				if (a2 < b2)
					break;
			}
			size_t m = n - len - 1;
			if (j < src->nlines && ((size_t)(b2 - a2) == m || (colon && (size_t)(b2 - a2) > m)) &&
			    respell(a2, w + len + 1, m)) {
				memcpy(a, w, len);
				found = true;
			}
		}
	}
	return found;
}

/* The labels ending at each colon of [a, b), a word's start before them. */
static void read_labels(char *a, char *b)
{
	for (char *c = memchr(a, ':', (size_t)(b - a)); c; c = memchr(c + 1, ':', (size_t)(b - c - 1))) {
		for (size_t l = 0; l < COUNT(labels); l++) {
			size_t n = strlen(labels[l]);
			if ((size_t)(c + 1 - a) < n)
				continue;
			char *q = c + 1 - n;
			if (q == a || q[-1] == ' ')
				respell(q, labels[l], n);
		}
		if (c + 1 >= b)
			break;
	}
}

void imr_one_case_read(struct imr_source *src)
{
	if (src->one_case == IMR_CASE_UPPER)
		for (char *p = src->text, *e = p + src->len; p < e; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	/* Before the first heading: the header, whose cells may be a label's
	 * pieces ("application" / "received:"). */
	bool header = true;
	for (size_t i = 0; i < src->nlines; i++) {
		char *a, *b;
		line_content(src, i, &a, &b);
		if (a == b)
			continue;
		read_labels(a, b);
		if (header)
			for (size_t k = 0; k < COUNT(pieces); k++)
				if (pieces[k] && strlen(pieces[k]) == (size_t)(b - a))
					respell(a, pieces[k], (size_t)(b - a));
		if (read_heading(src, i, a, b))
			header = false;
	}
}

void imr_one_case_restore(struct imr_source *src, struct imr_arena *arena)
{
	if (arena && (src->one_case_text = imr_arena_alloc(arena, src->len)) != NULL)
		memcpy(src->one_case_text, src->text, src->len);
	char from = src->one_case == IMR_CASE_UPPER ? 'a' : 'A';
	char to = src->one_case == IMR_CASE_UPPER ? 'A' : 'a';
	for (char *p = src->text, *e = p + src->len; p < e; p++)
		if (*p >= from && *p <= from + 25)
			*p = (char)(*p - from + to);
}

void imr_one_case_again(struct imr_source *src)
{
	if (src->one_case_text)
		memcpy(src->text, src->one_case_text, src->len);
}
