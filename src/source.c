/* source.c - the normalized text's map back to its input: which input
 * line, page and column each byte of the text came from (normalize.c
 * makes the map; the scanner, the diagnostics and the XML's positions
 * read it, unwrap.c closes a wrapped heading up in it). */
#include "source.h"

#include <stdlib.h>
#include <string.h>

void imr_count_columns(const char *s, size_t n, uint32_t *c)
{
	uint32_t col = 0;
	for (size_t i = 0; i < n; i++)
		c[i] = col += ((unsigned char)s[i] & 0xC0) != 0x80;
	c[n] = col + 1;
}

size_t imr_source_moved_index(const struct imr_source *src, size_t i)
{
	size_t lo = 0, hi = src->nmoved;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->moved[mid].line < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Line i's (0-based) map made anew, of n columns: where to write them.
 * src->moved has room for one more entry and src->columns for n more
 * (the old columns, if any, are left unused in the pool); the maps stay
 * in the order of their lines. */
static uint32_t *new_map(struct imr_source *src, size_t i, size_t n)
{
	size_t at = imr_source_moved_index(src, i);
	if (at == src->nmoved || src->moved[at].line != i) {
		memmove(src->moved + at + 1, src->moved + at, (src->nmoved - at) * sizeof *src->moved);
		src->nmoved++;
	}
	src->moved[at] = (struct imr_moved_line){(uint32_t)i, (uint32_t)src->ncolumns, (uint32_t)n};
	src->ncolumns += n;
	return src->columns + src->ncolumns - n;
}

bool imr_source_close_up(struct imr_source *src, size_t from, size_t to)
{
	char *t = src->text;
	size_t longest = 0;
	for (size_t j = from + 1; j <= to; j++) {
		size_t n;
		imr_source_line_text(src, (unsigned)j + 1, &n);
		longest = n > longest ? n : longest;
	}
	size_t w = src->line_start[from + 1] - 1, end = w; /* line from's newline */
	/* Room first, so that nothing fails half done: a map for each line
	 * after the first, their columns the bytes of those lines. */
	size_t last;
	const char *l = imr_source_line_text(src, (unsigned)to + 1, &last);
	size_t columns = (size_t)(l - t) + last - w;
	uint32_t *was = malloc((longest + 1) * sizeof *was);
	struct imr_moved_line *m = realloc(src->moved, (src->nmoved + to - from) * sizeof *m);
	if (m)
		src->moved = m;
	uint32_t *pool = realloc(src->columns, (src->ncolumns + columns) * sizeof *pool);
	if (pool)
		src->columns = pool;
	if (!was || !m || !pool) {
		free(was);
		return false;
	}
	t[w++] = ' ';
	for (size_t j = from + 1; j <= to; j++) {
		size_t n, lead = 0;
		const char *s = imr_source_line_text(src, (unsigned)j + 1, &n);
		end = (size_t)(s - t) + n; /* its newline */
		/* The columns as they were: the line's map, or counted. */
		size_t at = imr_source_moved_index(src, j);
		if (at < src->nmoved && src->moved[at].line == j)
			for (size_t k = 0; k <= n; k++)
				was[k] = src->columns[src->moved[at].at + (k < src->moved[at].len ? k : src->moved[at].len - 1)];
		else
			imr_count_columns(s, n, was);
		while (lead < n && s[lead] == ' ')
			lead++;
		size_t words = n - lead, len = j < to ? words + 1 : end - w + 1;
		uint32_t *c = new_map(src, j, len);
		memmove(t + w, s + lead, words);
		src->line_start[j] = (uint32_t)w;
		for (size_t k = 0; k < len; k++)
			c[k] = k < words ? was[lead + k] : was[n];
		w += words;
		if (j < to)
			t[w++] = ' '; /* the line break, joined */
	}
	memset(t + w, ' ', end - w); /* the indents, after the last line's words */
	free(was);
	return true;
}

void imr_source_free_arrays(struct imr_source *src)
{
	free(src->text);
	free(src->line_start);
	free(src->page_start);
	free(src->moved);
	free(src->columns);
	free(src->line_origin);
	free(src->line_index);
}

void imr_source_free(struct imr_source *src)
{
	imr_source_free_arrays(src);
	memset(src, 0, sizeof *src);
}

size_t imr_count_at_most(const uint32_t *a, size_t n, size_t x)
{
	/* Halving without a branch on the comparison (a conditional move):
	 * the lines' and pages' starts are looked up thousands of times a
	 * letter, and which half holds x is a coin's toss for the
	 * processor's predictor. */
	if (!n)
		return 0;
	const uint32_t *base = a;
	while (n > 1) {
		size_t half = n / 2;
		base = base[half - 1] <= x ? base + half : base;
		n -= half;
	}
	return (size_t)(base - a) + (*base <= x);
}

size_t imr_source_line_index(const struct imr_source *src, uint32_t offset)
{
	size_t n = imr_count_at_most(src->line_start, src->nlines, offset);
	return n ? n - 1 : 0;
}

/* The entry of line i's map for offset, or false when its columns are
 * counted. */
static bool map_entry(const struct imr_source *src, size_t i, uint32_t offset, uint32_t *entry)
{
	size_t lo = imr_source_moved_index(src, i);
	if (lo == src->nmoved || src->moved[lo].line != i)
		return false;
	uint32_t start = src->line_start[i], rel = offset > start ? offset - start : 0;
	const struct imr_moved_line *m = &src->moved[lo];
	*entry = src->columns[m->at + (rel < m->len ? rel : m->len - 1)];
	return true;
}

unsigned imr_source_line(const struct imr_source *src, uint32_t offset)
{
	size_t i = imr_source_line_index(src, offset);
	uint32_t entry;
	/* (Only a text whose words a repair moved looks in its maps.) */
	if (src->words_moved && map_entry(src, i, offset, &entry))
		return imr_source_input_line(src, i) + (unsigned)imr_column_lines(entry);
	return imr_source_input_line(src, i);
}

bool imr_source_byte_moved(const struct imr_source *src, uint32_t offset)
{
	uint32_t entry;
	return src->words_moved && map_entry(src, imr_source_line_index(src, offset), offset, &entry) &&
	       imr_column_lines(entry) != 0;
}

uint32_t imr_source_line_start(const struct imr_source *src, unsigned line)
{
	if (line == 0 || line > src->nlines)
		return 0;
	return src->line_start[src->line_index ? src->line_index[line - 1] : line - 1];
}

unsigned imr_source_page(const struct imr_source *src, uint32_t offset)
{
	/* The number of pages that start at or before offset. */
	size_t n = imr_count_at_most(src->page_start, src->npages, offset);
	return n ? (unsigned)n : 1;
}

unsigned imr_source_column(const struct imr_source *src, uint32_t offset)
{
	uint32_t entry; /* a moved line's map */
	if (map_entry(src, imr_source_line_index(src, offset), offset, &entry))
		return imr_column_of(entry);
	return imr_source_text_column(src, offset);
}

unsigned imr_source_text_column(const struct imr_source *src, uint32_t offset)
{
	unsigned col = 1;
	for (uint32_t i = src->line_start[imr_source_line_index(src, offset)]; i < offset && i < src->len; i++)
		if (((unsigned char)src->text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

const char *imr_source_line_text(const struct imr_source *src, unsigned line, size_t *len)
{
	if (line == 0 || line > src->nlines) {
		*len = 0;
		return NULL;
	}
	return imr_source_index_text(src, src->line_index ? src->line_index[line - 1] : line - 1, len);
}

const char *imr_source_index_text(const struct imr_source *src, size_t i, size_t *len)
{
	size_t line = i + 1;
	const char *s = src->text + src->line_start[line - 1];
	/* (A line re-wrapped text had joined to the next one, unwrap.c, ends
	 * where the next one starts, not at the paragraph's newline; a line
	 * of a folded row, with no line break after it, where it starts.) */
	const char *e = line < src->nlines ? src->text + src->line_start[line] : NULL;
	if (e && e > s && (e[-1] == '\n' || e[-1] == ' '))
		e--;
	else if (!e)
		e = memchr(s, '\n', src->len - (size_t)(s - src->text));
	*len = e ? (size_t)(e - s) : strlen(s);
	return s;
}

void imr_blank_line_text(struct imr_source *src, size_t i, size_t from, size_t to)
{
	size_t n;
	char *s = (char *)imr_source_index_text(src, i, &n);
	memset(s + from, ' ', (to < n ? to : n) - from);
}
