/* text.c - joining lines and small string helpers. */
#define _GNU_SOURCE /* strcasestr */
#include "text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static size_t span_len(const struct imr_line *l)
{
	return l->end - l->start;
}

char *imr_text_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                    size_t from, size_t to)
{
	size_t total = 1;
	for (size_t i = from; i < to; i++)
		total += span_len(&t->lines[i]) + 1;
	char *out = imr_arena_alloc(a, total), *o = out;
	for (size_t i = from; i < to; i++) {
		const char *s = src->text + t->lines[i].start, *e = src->text + t->lines[i].end;
		if (o > out) {
			char last = o[-1];
			char before = o - out >= 2 ? o[-2] : ' ';
			bool glue = last == '/' || (last == '-' && isalnum((unsigned char)before));
			if (!glue)
				*o++ = ' ';
		}
		for (; s < e; s++) {
			if (*s == ' ' && (o == out || o[-1] == ' '))
				continue;
			*o++ = *s;
		}
		while (o > out && o[-1] == ' ')
			o--;
	}
	*o = '\0';
	return out;
}

void imr_text_paragraphs(struct imr_arena *a, const struct imr_source *src,
                         const struct imr_text *t, struct imr_strings *out)
{
	if (!t)
		return;
	size_t start = 0;
	for (size_t i = 1; i <= t->count; i++) {
		if (i == t->count || t->lines[i].para_break) {
			char *p = imr_text_join(a, src, t, start, i);
			if (*p)
				imr_strings_add(a, out, p);
			start = i;
		}
	}
}

void imr_strings_add(struct imr_arena *a, struct imr_strings *l, const char *s)
{
	l->items = imr_arena_grow(a, l->items, &l->capacity, l->count + 1, sizeof *l->items);
	l->items[l->count++] = s;
}

const char *imr_find(const char *hay, const char *needle)
{
	return strstr(hay, needle);
}

const char *imr_find_ci(const char *hay, const char *needle)
{
	return strcasestr(hay, needle);
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
