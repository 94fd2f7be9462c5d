/* running.c - running headers and footers that are not the letter's
 * (running.h). */
#include "running.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vocab.h"
#include "words.h"

/* The masked form of s[0..n) as a hash, of its first limit characters
 * (masked_equal says whether two lines are the same); *digits and *bytes
 * its digit runs and its bytes that are not blanks, so far. */
static uint64_t masked_hash(const char *s, size_t n, size_t limit, size_t *digits, size_t *bytes)
{
	uint64_t h = 14695981039346656037u;
	size_t i = 0, d = 0, b = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\f'))
		i++;
	for (size_t k = 0; i < n && k < limit; k++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\f') {
			while (i < n && (s[i] == ' ' || s[i] == '\f'))
				i++;
			if (i == n)
				break;
			c = ' ';
		} else if (c >= '0' && c <= '9') {
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++, b++;
			c = '0', d++;
		} else {
			i++, b++;
		}
		h = (h ^ c) * 1099511628211u;
	}
	*digits = d, *bytes = b;
	return h;
}

/* s[0..n) and t[0..m) the same once masked. */
static bool masked_equal(const char *s, size_t n, const char *t, size_t m)
{
	size_t i = 0, j = 0;
	for (bool first = true;; first = false) {
		bool bi = false, bj = false;
		while (i < n && (s[i] == ' ' || s[i] == '\f'))
			i++, bi = true;
		while (j < m && (t[j] == ' ' || t[j] == '\f'))
			j++, bj = true;
		if (i == n || j == m)
			return i == n && j == m;
		if (bi != bj && !first)
			return false;
		bool di = s[i] >= '0' && s[i] <= '9', dj = t[j] >= '0' && t[j] <= '9';
		if (di != dj)
			return false;
		if (di) {
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			while (j < m && t[j] >= '0' && t[j] <= '9')
				j++;
		} else if (s[i++] != t[j++]) {
			return false;
		}
	}
}

/* Line i's text (past a page break opening it). */
static const char *running_line(const struct imr_source *src, size_t i, size_t *n)
{
	const char *s = imr_source_index_text(src, i, n);
	if (*n && *s == '\f')
		s++, --*n;
	return s;
}

/* The next (step 1) or previous (step -1) line with text from line i;
 * SIZE_MAX if none. */
static size_t text_line_from(const struct imr_source *src, size_t i, int step)
{
	while (step > 0 ? i + 1 < src->nlines : i > 0) {
		i = step > 0 ? i + 1 : i - 1;
		size_t n;
		const char *s = running_line(src, i, &n);
		if (!imr_blank_text(s, n))
			return i;
	}
	return SIZE_MAX;
}

/* Empty line i, its page break and its place kept (and count it).  The
 * case number alone on the line after it is then at a page's top, where
 * normalize.c empties it after a page break (the running line had hidden
 * the break): emptied too, but after the text's first line (a letter's
 * header may open with its case number). */
static void empty_running_line(struct imr_source *src, size_t i)
{
	size_t n;
	char *s = (char *)running_line(src, i, &n);
	src->running_lines += !imr_blank_text(s, n);
	memset(s, ' ', n);
	size_t next = text_line_from(src, i, 1);
	if (next == SIZE_MAX || text_line_from(src, i, -1) == SIZE_MAX)
		return;
	s = (char *)running_line(src, next, &n);
	if (imr_case_number_in(s, n))
		memset(s, ' ', n);
}

/* The line holding a page's edge: its first line with text (edge 0) or
 * its last (edge 1), lines [from, to); SIZE_MAX if none has text. */
static size_t page_edge(const struct imr_source *src, size_t from, size_t to, int edge)
{
	for (size_t k = 0; k < to - from; k++) {
		size_t i = edge ? to - 1 - k : from + k, n;
		const char *s = running_line(src, i, &n);
		if (!imr_blank_text(s, n))
			return i;
	}
	return SIZE_MAX;
}

/* The values of the digit runs of s[0..n), up to max of them (each at
 * most nine digits' worth); their number.  *own: the runs that are the
 * letter's own numbering, never a page's counter (a bit a run): a date's
 * three (dates of service a day apart, "(DOS 02/03/2014)", count up), a
 * list's number opening the line ("1)", "2. "). */
static size_t digit_runs(const char *s, size_t n, uint32_t *v, size_t max, unsigned *own)
{
	size_t k = 0, from[8], to[8];
	*own = 0;
	for (size_t i = 0; i < n && k < max;) {
		if (s[i] < '0' || s[i] > '9') {
			i++;
			continue;
		}
		uint32_t x = 0;
		from[k] = i;
		for (size_t d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, d++)
			x = d < 9 ? x * 10 + (uint32_t)(s[i] - '0') : x;
		v[k] = x, to[k] = i;
		/* (Three runs one separator apart, the same: "02/03/2014", "2-3-14".) */
		char sep = from[k] ? s[from[k] - 1] : 0;
		if (k >= 2 && (sep == '/' || sep == '-') && from[k] == to[k - 1] + 1 &&
		    from[k - 1] == to[k - 2] + 1 && s[to[k - 2]] == sep && to[k - 1] - from[k - 1] <= 2 &&
		    to[k - 2] - from[k - 2] <= 2)
			*own |= 7u << (k - 2);
		if (k == 0 && i < n && (s[i] == ')' || (s[i] == '.' && (i + 1 == n || s[i + 1] == ' '))) &&
		    imr_blank_text(s, from[0]))
			*own |= 1;
		k++;
	}
	return k;
}

/* A counter read line after line (the same masked line at each place):
 * which of the lines' digit runs have counted up by one at every place
 * so far, a bit a run ("Page 2 of 4": the first; "1/4  https://...": the
 * first; a fax's "10:32 ... P.2/4": the page's, whatever its time does). */
struct counter {
	uint32_t value[8];
	size_t runs;
	unsigned counting; /* the runs counting up; all of them before the second place */
	bool started;
};

/* The line s[0..n) the counter's next place: whether a run still counts. */
static bool counts_on(struct counter *c, const char *s, size_t n)
{
	uint32_t v[8];
	unsigned own;
	size_t k = digit_runs(s, n, v, 8, &own);
	if (!c->started)
		c->counting = ((1u << k) - 1) & ~own, c->started = true;
	else if (k != c->runs)
		c->counting = 0;
	else
		for (size_t r = 0; r < k; r++)
			if (v[r] != c->value[r] + 1)
				c->counting &= ~(1u << r);
	memcpy(c->value, v, sizeof v), c->runs = k;
	return c->counting != 0;
}

/* The vocabulary that opens a letter, from vocab.h's tables (no list of
 * its own): a heading (the letterhead, "HOW THE IMR ...") or a header
 * label ("Case Number:", "Employee Name:"). */
#define RUNNING_HEADING(id, text, ...) text,
#define RUNNING_LABEL(field, label, ...) label,
static const char *const letter_openings[] = {IMR_SECTIONS(RUNNING_HEADING)
                                              IMR_HEADER_LABELS(RUNNING_LABEL)};

/* s[0..n) opens (past blanks) with one of the count words, any case. */
static bool opens_with_one_of(const char *s, size_t n, const char *const *words, size_t count)
{
	while (n && *s == ' ')
		s++, n--;
	for (size_t k = 0; k < count; k++) {
		size_t len = strlen(words[k]);
		if (len <= n && strncasecmp(s, words[k], len) == 0)
			return true;
	}
	return false;
}

/* s[0..n) opens (past blanks) with a heading or header label. */
static bool opens_letter(const char *s, size_t n)
{
	return opens_with_one_of(s, n, letter_openings, sizeof letter_openings / sizeof *letter_openings);
}

static bool item_line(const char *s, size_t n);

/* The line labels ("Decision rationale:"), from vocab.h's table. */
#define RUNNING_LINE_LABEL(id, label, ...) label,
static const char *const line_labels[] = {IMR_LINE_LABELS(RUNNING_LINE_LABEL)};

/* s[0..n) opens (past blanks) with a line label. */
static bool opens_label(const char *s, size_t n)
{
	return opens_with_one_of(s, n, line_labels, sizeof line_labels / sizeof *line_labels);
}

/* Whether the masked line s[0..n) is in the text only at the pages'
 * edges picked (line[p], SIZE_MAX where a page has it not): a footer is
 * nowhere else, a letter's own line (an item's guideline, repeated in
 * the next item) is. */
static bool only_at_edges(const struct imr_source *src, const char *s, size_t n, const size_t *line)
{
	for (size_t i = 0, p = 0; i < src->nlines; i++) {
		while (p < src->npages && (line[p] == SIZE_MAX || line[p] < i))
			p++;
		if (p < src->npages && line[p] == i)
			continue;
		size_t m;
		const char *t = running_line(src, i, &m);
		if (!imr_blank_text(t, m) && masked_equal(s, n, t, m))
			return false;
	}
	return true;
}

/* Line i, the first page's top, stands above the letter: the next line
 * opens it (its letterhead, its first heading or label) and i does not
 * (a letter's own letterhead repeated on each page is its first line on
 * the first).  Another tool's line printed over every page. */
static bool above_letter(const struct imr_source *src, size_t i)
{
	size_t n, m, next = text_line_from(src, i, 1);
	const char *s = running_line(src, i, &n);
	const char *t = next == SIZE_MAX ? NULL : running_line(src, next, &m);
	return t && opens_letter(t, m) && !opens_letter(s, n);
}

/* Pages known (form feeds): for each edge, the masked line most pages
 * share (a majority vote, Boyer-Moore's: one pass); a line with digits
 * (a date, a page or Bates number) is furniture when every page has it,
 * or all but the first or the last when its digits count the pages.  A
 * line without is furniture only atop every page, the first too, where
 * it stands above the letter (a stamp, "CONFIDENTIAL"): a letter's own
 * letterhead repeated on each page opens the letter on the first, and a
 * line closing every page may be the letter's ("medically necessary."
 * ending both pages of a letter of two).  Each page's edge
 * lines are hashed, nothing more, and of their first characters only.
 * The running line at one edge of the pages (edge 0 their tops, 1 their
 * feet) emptied: whether there was one.  line and hash: room for a line
 * and a hash a page. */
static bool blank_page_edge(struct imr_source *src, size_t *line, uint64_t *hash, int edge)
{
	size_t np = src->npages, votes = 0, pick = 0, digits = 0, bytes;
	for (size_t p = 0; p < np; p++) {
		size_t from = imr_source_line_index(src, src->page_start[p]);
		size_t to = p + 1 < np ? imr_source_line_index(src, src->page_start[p + 1]) : src->nlines;
		line[p] = page_edge(src, from, to, edge);
		hash[p] = 0;
		if (line[p] != SIZE_MAX) {
			size_t n, d;
			const char *s = running_line(src, line[p], &n);
			hash[p] = masked_hash(s, n, 16, &d, &bytes) | 1;
		}
		if (!votes)
			pick = p, votes = 1;
		else
			votes += hash[p] == hash[pick] ? 1 : (size_t)-1;
	}
	size_t alike = 0;
	for (size_t p = 0; p < np; p++)
		alike += hash[p] && hash[p] == hash[pick];
	if (alike < 2 || alike + 1 < np) /* (an ordinary letter: its pages' edges differ) */
		return false;
	size_t same = 0, other = SIZE_MAX, n, m;
	const char *s = running_line(src, line[pick], &n);
	masked_hash(s, n, SIZE_MAX, &digits, &bytes);
	for (size_t p = 0; p < np; p++) {
		const char *t = hash[p] == hash[pick] ? running_line(src, line[p], &m) : NULL;
		if (t && masked_equal(s, n, t, m))
			same++;
		else
			other = p, line[p] = SIZE_MAX; /* (not this page's) */
	}
	/* All but one page, the first (the letterhead's) or the last (the
	 * letter's end), when the line's digits count the pages ("Page 2",
	 * a Bates number): a letter's own line (an item's guideline) atop
	 * each page after the first does not count. */
	bool all_but_edge = np >= 3 && same + 1 == np && (other == 0 || other == np - 1);
	struct counter count = {.started = false};
	for (size_t p = 0; all_but_edge && p < np; p++) {
		if (line[p] == SIZE_MAX)
			continue;
		size_t k;
		const char *t = running_line(src, line[p], &k);
		all_but_edge = counts_on(&count, t, k);
	}
	/* Without digits at the pages' feet: three pages or more with it,
	 * every page or all but the last (the letter's end), or both pages of
	 * two when it ends in a letter; a line of the letter nowhere else, no
	 * heading, label or item's decision ("Independent Medical Review
	 * Final Determination Letter" closing each page).  A letter's own
	 * line closes two pages by chance where a sentence ends ("medically
	 * necessary."). */
	size_t end = n;
	while (end && s[end - 1] == ' ')
		end--;
	bool two = np == 2 && same == 2 && end && imr_letter(s[end - 1]) && !item_line(s, n);
	bool foot = !digits && edge == 1 && (two || (same >= 3 && (same == np || (same + 1 == np && other == np - 1)))) &&
	            !opens_letter(s, n) && !opens_label(s, n) && only_at_edges(src, s, n, line);
	if (same < 2 || bytes < 4 || (same < np && !all_but_edge && !foot) ||
	    (!digits && !foot && !(edge == 0 && same == np && above_letter(src, line[0]))))
		return false;
	for (size_t p = 0; p < np; p++)
		if (line[p] != SIZE_MAX)
			empty_running_line(src, line[p]);
	return true;
}

/* The running lines at the pages' tops and feet, each edge's read again
 * when one went (a header of two lines: a fax's "FROM" then "TO"), up to
 * three deep. */
static bool blank_page_edges(struct imr_source *src)
{
	size_t np = src->npages;
	size_t *line = malloc(np * sizeof *line);
	uint64_t *hash = malloc(np * sizeof *hash);
	if (!line || !hash) {
		free(line), free(hash);
		return false;
	}
	for (int edge = 0; edge < 2; edge++)
		for (int depth = 0; depth < 3 && blank_page_edge(src, line, hash, edge); depth++)
			;
	free(line), free(hash);
	return true;
}

/* A line with a digit (no pages): its masked hash, and the next line of
 * its hash (SIZE_MAX: none), the lines of one hash linked in line order. */
struct running_candidate {
	uint64_t hash;
	size_t line, next;
	bool first; /* the first of its hash */
};

/* The lines next to a counting line's places (step 1: after each but the
 * last; -1: before each but the first), when they are all one masked
 * line: the other edge of those pages (a browser's header after its
 * footer "1/4"), or a header's second line, emptied; and the text's
 * first (last) line, and the one beside the last (first) place, too when
 * they are the same. */
static void blank_neighbours(struct imr_source *src, const size_t *c, size_t k, int step)
{
	size_t n, m, first = step > 0 ? 0 : 1, outer = step > 0 ? k - 1 : 0;
	size_t l0 = text_line_from(src, c[first], step);
	if (l0 == SIZE_MAX)
		return;
	const char *s = running_line(src, l0, &n);
	for (size_t j = first + 1; j < first + k - 1; j++) {
		size_t l = text_line_from(src, c[j], step);
		const char *t = l == SIZE_MAX ? NULL : running_line(src, l, &m);
		if (!t || !masked_equal(s, n, t, m))
			return;
	}
	/* The first page's header (the last page's footer) too, and the
	 * line beside the outermost place (a header's second line on the
	 * last page); one such line only (two pages) when one of these is
	 * the same as well. */
	size_t edge = text_line_from(src, step > 0 ? (size_t)-1 : src->nlines, step);
	const char *e = edge == SIZE_MAX || edge == c[first] ? NULL : running_line(src, edge, &m);
	bool same_edge = e && masked_equal(s, n, e, m);
	size_t beside = text_line_from(src, c[outer], step);
	const char *o = beside == SIZE_MAX || beside == edge ? NULL : running_line(src, beside, &m);
	bool same_beside = o && masked_equal(s, n, o, m);
	if (k < 3 && !same_edge && !same_beside)
		return;
	for (size_t j = first; j < first + k - 1; j++)
		empty_running_line(src, text_line_from(src, c[j], step));
	if (same_edge)
		empty_running_line(src, edge);
	if (same_beside)
		empty_running_line(src, beside);
}

/* s[0..n) ends in an item's decision ("... (DOS 02/03/2014): Upheld",
 * "... - Upheld."): the letter's own item line, whatever its numbers do. */
static bool item_line(const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	if (n && imr_decision_stop(s[n - 1]))
		n--;
	return (n >= 6 && strncasecmp(s + n - 6, "upheld", 6) == 0) ||
	       (n >= 10 && strncasecmp(s + n - 10, "overturned", 10) == 0);
}

/* No pages known (no form feeds: pdftotext -nopgbrk, pages joined): a
 * masked line with a digit, of some length, three times or more (twice
 * when once the text's first or last line), far apart (a page's
 * length), one of whose digit runs counts up by one from each place to
 * the next wherever it stands ("Page 2 of 4 - Smith Law Group", "2/4
 * https://...", "SLG-000124"; the other runs the same or not): a page
 * number's or a Bates number's line; emptied, and the lines beside it
 * when they are one line each time.  A letter's own repeated line
 * ("Claims Administrator guideline: ...") has no digits counting. */
static bool blank_counted_lines(struct imr_source *src)
{
	struct running_candidate *c = NULL;
	size_t nc = 0, cap = 0;
	const uint32_t *start = src->line_start;
	const char *text = src->text, *end = text + src->len;
	/* Only a line with a digit is read further, found by strcspn (the
	 * text ends in NULs): a letter's prose is passed over a vector at a
	 * time, not byte by byte. */
	for (size_t i = 0; i < src->nlines; i++) {
		const char *d = text + start[i];
		d += strcspn(d, "0123456789");
		if (d >= end)
			break;
		while (i + 1 < src->nlines && text + start[i + 1] <= d)
			i++;
		size_t n, digits, bytes;
		const char *s = running_line(src, i, &n);
		/* (A line of markup, a converter's raw HTML left in Markdown, is
		 * the Markdown stage's: pandoc -t gfm's "<div id="page2-div"",
		 * "<span id="2"></span>" count the pages too.) */
		size_t lead = 0;
		while (lead < n && s[lead] == ' ')
			lead++;
		if (n > 300 || (lead < n && s[lead] == '<'))
			continue;
		uint64_t h = masked_hash(s, n, 16, &digits, &bytes);
		if (bytes < 6)
			continue;
		if (nc == cap) {
			size_t cc = cap ? cap * 2 : 64;
			struct running_candidate *p = realloc(c, cc * sizeof *p);
			if (!p) {
				free(c);
				return false;
			}
			c = p, cap = cc;
		}
		c[nc++] = (struct running_candidate){h, i, SIZE_MAX, true};
	}
	if (nc < 2) {
		free(c);
		return true;
	}
	/* The lines of each hash linked (open addressing, a slot holding
	 * its hash's last line so far): one pass, no sort. */
	size_t slots = 4;
	while (slots < 2 * nc)
		slots *= 2;
	size_t *slot = malloc(slots * sizeof *slot), *lines = malloc(nc * sizeof *lines);
	if (!slot || !lines) {
		free(c), free(slot), free(lines);
		return false;
	}
	memset(slot, 0xff, slots * sizeof *slot);
	for (size_t j = 0; j < nc; j++) {
		size_t h = (size_t)c[j].hash & (slots - 1);
		while (slot[h] != SIZE_MAX && c[slot[h]].hash != c[j].hash)
			h = (h + 1) & (slots - 1);
		if (slot[h] != SIZE_MAX)
			c[slot[h]].next = j, c[j].first = false;
		slot[h] = j;
	}
	size_t first_text = text_line_from(src, (size_t)-1, 1);
	size_t last_text = text_line_from(src, src->nlines, -1);
	for (size_t g = 0; g < nc; g++) {
		if (!c[g].first || c[g].next == SIZE_MAX)
			continue;
		size_t k = 0;
		for (size_t j = g; j != SIZE_MAX; j = c[j].next)
			lines[k++] = c[j].line;
		/* (Twice only, two pages: when one is the text's first or
		 * last line, a page's edge for certain; a page's length apart.) */
		bool apart = k > 2 || lines[0] == first_text || lines[1] == last_text;
		for (size_t j = 1; apart && j < k; j++)
			apart = lines[j] - lines[j - 1] >= 8;
		if (!apart)
			continue;
		size_t n, m;
		const char *s = running_line(src, lines[0], &n);
		struct counter count = {.started = false};
		bool counting = counts_on(&count, s, n);
		for (size_t j = 1; counting && j < k; j++) {
			const char *t = running_line(src, lines[j], &m);
			counting = counts_on(&count, t, m) && masked_equal(s, n, t, m);
		}
		if (!counting || item_line(s, n))
			continue;
		blank_neighbours(src, lines, k, 1);
		blank_neighbours(src, lines, k, -1);
		for (size_t j = 0; j < k; j++)
			empty_running_line(src, lines[j]);
	}
	free(c), free(slot), free(lines);
	return true;
}

bool imr_blank_running_lines(struct imr_source *src)
{
	return src->npages > 1 ? blank_page_edges(src) : blank_counted_lines(src);
}

