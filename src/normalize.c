/* normalize.c - raw bytes to clean UTF-8 lines (see normalize.h). */
#include "normalize.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <uninorm.h>

#include "diag.h"
#include "folded.h"
#include "lexicon.h"
#include "mail.h"
#include "markup.h"
#include "phrase.h"
#include "qp.h"
#include "running.h"
#include "vocab.h"
#include "words.h"

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid.
 * Rejects overlong forms, surrogates and U+FFFE/U+FFFF (not XML). */
static size_t utf8_valid(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || v == 0xFFFE || v == 0xFFFF)
		return 0;
	*cp = v;
	return n;
}

size_t imr_utf8_length(const unsigned char *p, size_t n)
{
	uint32_t cp;
	return n ? utf8_valid(p, p + n, &cp) : 0;
}

static char *put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}


/* "Page 2 of 4" or "Page 2" opening s[0..n) (past blanks and a page
 * break): its length to its last digit, 0 if s opens with no such; *of
 * says whether it has its " of 4". */
static size_t page_number_at(const char *s, size_t n, bool *of)
{
	size_t i = 0, digits = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\f'))
		i++;
	if (n - i < 6 || (s[i] | 0x20) != 'p' || strncasecmp(s + i, "page ", 5) != 0)
		return 0;
	i += 5;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	*of = false;
	if (!digits)
		return 0;
	if (n - i < 5 || strncasecmp(s + i, " of ", 4) != 0)
		return i;
	size_t j = i + 4;
	digits = 0;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++, digits++;
	*of = digits > 0;
	return digits ? j : i;
}

/* Page furniture at p[0..n), the top of a page inside a line (after a
 * form feed: a page's lines joined into one, a viewer's copy): "Page 2
 * of 4" before text or the line's end, "Page 2" or the case number
 * before the line's end or a space.  Its length past the blanks before
 * it, 0 if none. */
static size_t furniture_at(const char *p, size_t n)
{
	size_t lead = 0;
	while (lead < n && p[lead] == ' ')
		lead++;
	bool of;
	size_t k = page_number_at(p, n, &of);
	if (k && (k == n || (of && p[k] == ' ')))
		return k;
	if (n - lead >= 12 && (n - lead == 12 || p[lead + 12] == ' ') && imr_case_number_in(p + lead, 12))
		return lead + 12;
	return 0;
}

/* "2 of 4" opening s[0..n) (past blanks), before the line's end or a
 * blank: its length, 0 if s opens with no such. */
static size_t page_count_at(const char *s, size_t n)
{
	size_t i = 0, d;
	while (i < n && s[i] == ' ')
		i++;
	for (int part = 0; part < 2; part++) {
		for (d = 0; i < n && d < 4 && s[i] >= '0' && s[i] <= '9'; d++)
			i++;
		if (!d || (part == 0 && (n - i < 4 || memcmp(s + i, " of ", 4) != 0)))
			return 0;
		i += part == 0 ? 4 : 0;
	}
	return i == n || s[i] == ' ' ? i : 0;
}

/* The top of a page inside a line whose furniture a re-wrapping broke
 * ("... Services, Inc. \f   Page" / "2 of 4", fmt having joined the
 * page's first line to the last line before it): p[0..n) is blanks and
 * "Page" to the line's end, the next line opens with its numbers.  The
 * length of p's part, 0 if none. */
static size_t page_word_wrapped(const char *p, size_t n, const char *end)
{
	size_t i = 0;
	while (i < n && p[i] == ' ')
		i++;
	if (n - i != 4 || strncasecmp(p + i, "page", 4) != 0)
		return 0;
	const char *next = p + n;
	next += next < end && *next == '\r';
	next += next < end && *next == '\n';
	return page_count_at(next, imr_line_length((const unsigned char *)next, (const unsigned char *)end)) ? n : 0;
}

/* The case number opening a line of text (past blanks), before a word in
 * lower case or in capitals: page furniture whose page break the joining
 * of a page's lines dropped ("CM13-0052664 in any event ...",
 * "CM13-0052664 CLINICAL CASE SUMMARY"), not a header's value before
 * another ("CM13-0052664 11/19/2013", "CM13-0052664 Expedited"). */
static bool case_number_opening(const char *t, size_t m)
{
	return m > 15 && t[12] == ' ' && imr_case_number_in(t, 12) &&
	       (imr_lower(t[13]) || (imr_upper(t[13]) && imr_upper(t[14])));
}

struct line_builder {
	struct imr_source *src;
	size_t capacity, page_capacity;
	char case_number[13];    /* the first case-number line seen, or "" */
	bool page_top;           /* a page break since the last text line */
	size_t longest;          /* the longest line */
	size_t at_longest[5];    /* how many lines have its length, one byte less, two, three; the others */
	size_t text_lines, followed_by_blank;
	size_t run_from;         /* text_lines where the run since the last blank line began */
	/* text_lines and followed_by_blank as they stood where each of the
	 * first IMR_SPACING_PAGES pages began (each set as its page is):
	 * each page's spacing is judged by its own lines (page_spacing). */
	uint32_t (*page_counts)[2];
	uint32_t last_text_line; /* offset of the last line with text */
	bool prev_text;
	bool prev_prev_text;
	bool in_data_uri;        /* inside a picture's data: URI (data_uri_line) */
	bool wide;               /* the line being read has a character NFKC folds, or an invisible one */
	size_t moved_capacity, columns_capacity;
	uint8_t folded[512];     /* where a line's NFKC form is made, when it fits */
	char *line;              /* a folded line, made anew (fold_line) */
	uint32_t *cols;          /* its bytes' original columns */
	size_t line_capacity;
	uint8_t *segment;        /* the characters NFKC folds together */
	size_t segment_capacity;
	/* "Page 2 of 4" opening a line of text, emptied once the running
	 * lines are found (running.h: "Page 2 of 4 - Smith Law Group" at each
	 * page's foot is one, found by its counter): where and how long. */
	uint32_t page_opening[16][2];
	size_t page_openings;
};

/* p (an array of *cap elements of size bytes) with room for n: p itself,
 * or p grown (its capacity doubled from first until n fits, *cap with
 * it); NULL when memory runs out, p then as it was. */
static void *grow(void *p, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n <= *cap && p)
		return p;
	size_t c = *cap ? *cap : first;
	while (c < n)
		c *= 2;
	void *q = realloc(p, c * size);
	if (q)
		*cap = c;
	return q;
}

/* Room for n bytes (and their columns) in b->line. */
static bool reserve_line(struct line_builder *b, size_t n)
{
	size_t cap = b->line_capacity;
	char *l = grow(b->line, &cap, n, 1, 256);
	if (!l)
		return false;
	b->line = l;
	uint32_t *k = grow(b->cols, &b->line_capacity, n, sizeof *k, 256);
	if (!k)
		return false;
	b->cols = k;
	return true;
}

static bool reserve_segment(struct line_builder *b, size_t n)
{
	uint8_t *s = grow(b->segment, &b->segment_capacity, n, 1, 64);
	if (s)
		b->segment = s;
	return s;
}

/* A growable array of offsets with room for one more. */
__attribute__((noinline)) static bool grow_offsets(uint32_t **a, size_t *capacity)
{
	size_t cap = *capacity ? *capacity * 2 : 256;
	uint32_t *p = realloc(*a, cap * sizeof *p);
	if (!p)
		return false;
	*a = p;
	*capacity = cap;
	return true;
}

/* Append off to a growable array of offsets (inlined in the loop over
 * the bytes: once a line). */
static inline bool push_offset(uint32_t **a, size_t *n, size_t *capacity, uint32_t off)
{
	if (*n == *capacity && !grow_offsets(a, capacity))
		return false;
	(*a)[(*n)++] = off;
	return true;
}

static inline bool push_line_start(struct line_builder *b, uint32_t off)
{
	return push_offset(&b->src->line_start, &b->src->nlines, &b->capacity, off);
}

static bool push_page_start(struct line_builder *b, uint32_t off)
{
	size_t p = b->src->npages;
	if (p < IMR_SPACING_PAGES)
		memcpy(b->page_counts[p], (uint32_t[2]){(uint32_t)b->text_lines, (uint32_t)b->followed_by_blank},
		       sizeof *b->page_counts);
	return push_offset(&b->src->page_start, &b->src->npages, &b->page_capacity, off);
}

/* A line of n bytes longer than the longest, counted (end_line counts
 * those no shorter than the longest less three: the shape of folded
 * text, folded_width). */
__attribute__((noinline)) static void count_longest(struct line_builder *b, size_t n)
{
	/* (A longer line: the counts moved down to their new places.) */
	size_t up = n - b->longest;
	for (size_t k = 4; k-- > 0;)
		b->at_longest[k] = k >= up ? b->at_longest[k - up] : 0;
	b->longest = n;
	b->at_longest[0] = 1;
}

/* Base64's letters (a data: URI's), and nothing else. */
static bool base64_run(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(imr_lower(t[i]) || imr_upper(t[i]) || (t[i] >= '0' && t[i] <= '9') || t[i] == '+' ||
		      t[i] == '/' || t[i] == '='))
			return false;
	return true;
}

/* An extractor's placeholder for a picture (the signature's), alone on
 * its line and no word of the letter: PyMuPDF's blocks' "<image:
 * DeviceRGB, width: 376, height: 92, bpc: 8>", or w3m's "[9kAAA]" for
 * an <img> with no alt text (MuPDF's HTML: the tail of its data: URI's
 * base64, after the last "/"; pandoc's "[]"). */
static bool image_placeholder(const char *t, size_t m)
{
	if (m > 8 && *t == '<' && t[m - 1] == '>')
		return memcmp(t, "<image: ", 8) == 0;
	if (m < 2 || m > 18 || *t != '[' || t[m - 1] != ']')
		return false;
	return base64_run(t + 1, m - 2);
}

/* The data: URI of a picture written out whole, over many lines
 * (html2text: "[data:image/jpeg;base64," / "/9j/4AAQSkZJRgABAQEA..." /
 * ... "...Z]"): its first line, then while *in_uri each line of base64
 * alone, the last one closed by "]". */
static bool data_uri_line(const char *t, size_t m, bool *in_uri)
{
	if (!*in_uri) {
		*in_uri = m > 12 && memcmp(t, "[data:image/", 12) == 0 && t[m - 1] != ']';
		return *in_uri || (m > 12 && memcmp(t, "[data:image/", 12) == 0);
	}
	bool closed = m && t[m - 1] == ']';
	if (!m || !base64_run(t, m - closed))
		return *in_uri = false;
	*in_uri = !closed;
	return true;
}

/* Whether text lines of which followed_by_blank are in runs of one or two
 * between single blank lines are double-spaced: most of them (70 %). */
static bool double_spaced(size_t text_lines, size_t followed_by_blank)
{
	return text_lines >= 4 && followed_by_blank * 10 >= (text_lines - 1) * 7;
}

/* A page's spacing when its own lines tell it clearly: 1 double-spaced
 * (by the whole text's measure, double_spaced), -1 single-spaced (15 %
 * of its lines or fewer in such runs), 0 neither, or too few lines to
 * say. */
enum { SPACING_PAGE_LINES = 8, SPACING_FULL_PAGE = 30 };
static int page_spacing_of(size_t lines, size_t followed)
{
	if (lines < SPACING_PAGE_LINES)
		return 0;
	return double_spaced(lines, followed) ? 1 : followed * 20 <= (lines - 1) * 3 ? -1 : 0;
}

/* The pages spaced otherwise than the whole text, in a text joined from
 * pages made apart (a page OCR'd double-spaced before pages extracted
 * single-spaced, PDFs merged): told by a full page (SPACING_FULL_PAGE
 * lines, more than a typed double-spaced page holds) clearly spaced one
 * way and another page clearly the other.  Then each page clearly spaced
 * is read as it is, the others as the whole text.  (A letter typed
 * double-spaced after a cover of single lines has no such full page: read
 * as a whole, as before.)  Pages from the last of the first
 * IMR_SPACING_PAGES on are judged as one. */
static void page_spacing(struct line_builder *b)
{
	struct imr_source *src = b->src;
	size_t n = src->npages < IMR_SPACING_PAGES ? src->npages : IMR_SPACING_PAGES;
	int8_t spacing[IMR_SPACING_PAGES];
	bool seen[2] = {false, false}, full[2] = {false, false}; /* [0] single, [1] double */
	for (size_t p = 0; p < n; p++) {
		size_t lines = (p + 1 < n ? b->page_counts[p + 1][0] : b->text_lines) - b->page_counts[p][0];
		size_t followed = (p + 1 < n ? b->page_counts[p + 1][1] : b->followed_by_blank) - b->page_counts[p][1];
		spacing[p] = (int8_t)page_spacing_of(lines, followed);
		if (spacing[p]) {
			seen[spacing[p] > 0] = true;
			full[spacing[p] > 0] |= lines >= SPACING_FULL_PAGE;
		}
	}
	if (!(full[0] && seen[1]) && !(full[1] && seen[0]))
		return;
	for (size_t p = 0; p < n; p++)
		if (spacing[p] && (spacing[p] > 0) != src->double_spaced)
			src->pages_spaced_otherwise |= UINT64_C(1) << p;
}

/* Finish the line that starts at text+start and currently ends at *o:
 * strip trailing blanks, empty page furniture, count spacing. */
static char *end_line(struct line_builder *b, char *text, uint32_t start, char *o)
{
	/* A page break on a line of its own stays, so the scanner knows the
	 * blank lines around it for page margins.  (The newline written first:
	 * an empty line's first byte is then no page break, one test.) */
	*o = '\n';
	char *keep = text + start + (text[start] == '\f');
	while (o > keep && (o[-1] == ' ' || o[-1] == '\f'))
		o--;
	size_t n = (size_t)(o - (text + start));
	const char *s = text + start;
	/* Page furniture goes, but not the page break it may open. */
	char *emptied = text + start + (n && *s == '\f');
	bool page_top = b->page_top || (n && *s == '\f');
	/* (What a line opens with, past blanks, is looked at once.) */
	size_t lead = 0, k = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\f'))
		lead++;
	const char *t = s + lead, *cn;
	size_t m = n - lead;
	bool of = false;
	if (m && (*t | 0x20) == 'p')
		k = page_number_at(t, m, &of);
	if (k && k == m) {
		o = emptied; /* "Page 2 of 4" or "Page 2" alone */
	} else if (m && (*t == '<' || *t == '[' || b->in_data_uri) &&
	           (image_placeholder(t, m) || data_uri_line(t, m, &b->in_data_uri))) {
		o = emptied;
	} else if (m && *t == 'C' && (cn = imr_case_number_in(t, m))) {
		/* The case number again, or alone at the top of a page. */
		bool seen = b->case_number[0] && memcmp(b->case_number, cn, 12) == 0;
		if (!b->case_number[0])
			memcpy(b->case_number, cn, 12);
		if (seen || page_top)
			o = emptied;
	} else if ((k && of && t[k] == ' ') || (m && *t == 'C' && case_number_opening(t, m))) {
		/* Opening a line of text ("Page 2 of 2 Naproxen ..."): blanked,
		 * so the line's text keeps its columns; a page number once the
		 * running lines are found. */
		size_t len = lead + (k ? k : 12) - (size_t)(emptied - s);
		if (k && b->page_openings < sizeof b->page_opening / sizeof *b->page_opening)
			memcpy(b->page_opening[b->page_openings++],
			       (uint32_t[2]){(uint32_t)(emptied - text), (uint32_t)len}, sizeof *b->page_opening);
		else
			memset(emptied, ' ', len);
	}
	/* A capital letter alone (pdfminer -V's paragraph initials). */
	b->src->lone_capitals += m == 1 && *t >= 'A' && *t <= 'Z';
	n = (size_t)(o - (text + start));
	/* (Counted without a branch on the length: which of the lines are
	 * near the longest was a coin's toss for the predictor.) */
	if (n > b->longest) {
		count_longest(b, n);
	} else {
		size_t d = b->longest - n;
		b->at_longest[d < 4 ? d : 4]++;
	}
	/* Blanks end no line (stripped above), but a page break alone: the
	 * line is blank when empty or that page break (not a loop over an
	 * indented line's blanks). */
	if (n == 1 && *s == '\f')
		b->page_top = true;
	bool text_line = n && s[n - 1] != '\f';
	/* Spacing: the lines of a run of one or two text lines followed by
	 * exactly one blank line (a renderer that makes each line of the PDF
	 * a paragraph wraps the longer ones again: "... was" / "authorized
	 * ..."); a paragraph of three lines or more is single-spaced text. */
	if (text_line && !b->prev_text) {
		size_t run = b->text_lines - b->run_from;
		if (b->prev_prev_text && run <= 2) {
			b->followed_by_blank += run;
			/* (A run that began on the page before: counted there.) */
			size_t p = b->src->npages - 1;
			if (p < IMR_SPACING_PAGES && b->run_from < b->page_counts[p][0])
				b->page_counts[p][1] += (uint32_t)run;
		}
		b->run_from = b->text_lines;
	}
	if (text_line) {
		b->text_lines++;
		b->page_top = false;
		b->last_text_line = start;
	}
	b->prev_prev_text = b->prev_text;
	b->prev_text = text_line;
	*o++ = '\n';
	return o;
}

/* ---- the original columns of changed lines ---------------------------- */

/* Room for n more columns in src's pool (*cap its capacity). */
static bool reserve_columns(struct imr_source *src, size_t *cap, size_t n)
{
	uint32_t *c = grow(src->columns, cap, src->ncolumns + n, sizeof *c, 1024);
	if (c)
		src->columns = c;
	return c;
}

/* A map of len columns for line (0-based), appended to src's: where to
 * write them, or NULL when memory runs out. */
static uint32_t *add_moved(struct imr_source *src, size_t *moved_cap, size_t *columns_cap,
                           uint32_t line, size_t len)
{
	if (src->nmoved == *moved_cap) {
		size_t c = *moved_cap ? *moved_cap * 2 : 32;
		struct imr_moved_line *p = realloc(src->moved, c * sizeof *p);
		if (!p)
			return NULL;
		src->moved = p, *moved_cap = c;
	}
	if (!reserve_columns(src, columns_cap, len))
		return NULL;
	src->moved[src->nmoved++] = (struct imr_moved_line){line, (uint32_t)src->ncolumns, (uint32_t)len};
	src->ncolumns += len;
	return src->columns + src->ncolumns - len;
}

/* Whether NFKC may change a character: it has a compatibility
 * decomposition (a ligature, a space, a full-width form), or it is a
 * combining mark (composed with the letter before).  Curly quotes,
 * dashes and accented letters, the non-ASCII most letters have, do not,
 * and their lines are left as they are (u8_normalize costs some 400
 * instructions a character). */
static bool folds(uint32_t cp)
{
	int tag;
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	return uc_combining_class(cp) != 0 ||
	       (uc_decomposition(cp, &tag, d) > 0 && tag != UC_DECOMP_CANONICAL);
}

/* A list's bullet as a word processor or a viewer's copy writes it
 * ("•", "●", "▪", "◦", Symbol's private "\uF0B7" in Word's text): no
 * word of the letter, read as the "-" a list has in plain text (one
 * column for one, so columns stay the input's). */
static bool list_bullet(uint32_t cp)
{
	switch (cp) {
	case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25A0: case 0x25AA:
	case 0x25CB: case 0x25CF: case 0x25E6: case 0xF0A7: case 0xF0B7:
		return true;
	default:
		return false;
	}
}

/* A hyphen as a word processor or a font's encoding writes it: U+2010
 * hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2212 minus
 * sign.  NFKC leaves them (U+2011 becomes U+2010), yet case numbers,
 * dates and hyphenated words are read with "-".  The dashes of prose (en,
 * em) are left as they are. */
static bool hyphen(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2012) || cp == 0x2212;
}

/* A character with no glyph that only steers rendering (Unicode's default
 * ignorable code points: the soft hyphen, zero-width space and joiners,
 * the word joiner, a byte-order mark within the text, bidi marks,
 * variation selectors): HTML-derived text and some PDFs carry them inside
 * words, where they break a label, a heading or a word in two. */
static bool invisible(uint32_t cp)
{
	return uc_is_property_default_ignorable_code_point(cp);
}

/*
 * Unicode compatibility forms folded (NFKC, libunistring): ligatures
 * ("ﬁ"), the many spaces (em, thin, narrow no-break), full-width and
 * other compatibility forms become the characters labels and headings
 * are written with, whatever the PDF's text carried.  Only a line with a
 * character that folds comes here (few letters have one), and only its
 * segments are folded: each such character with the one before it (which
 * a combining mark composes with) and the non-ASCII ones after it; the
 * ASCII between, NFKC's own, is left as it is (u8_normalize costs some
 * 200 instructions a byte).  The line stays one line, so every
 * position's line is the original's.  text is *textp, grown (and *cap
 * with it) when the folded line is longer and what is left of the input
 * (rest bytes, at most 3 out for each) might no longer fit.  Returns the
 * line's new end, or NULL when memory runs out.
 */
static char *fold_line(struct line_builder *b, char **textp, size_t *cap, uint32_t start, char *o,
                       size_t rest)
{
	const unsigned char *t = (const unsigned char *)*textp + start;
	size_t n = (size_t)(o - *textp) - start;
	/* The line is made anew in b->line, each byte's original column in
	 * b->cols, in one pass (a memmove a segment would be quadratic on a
	 * long line full of them), then copied back. */
	size_t w = 0, last = 0; /* bytes made; where the last character made starts */
	uint32_t col = 1;       /* the column of the next input character */
	for (size_t i = 0; i < n;) {
		if (t[i] < 0x80) { /* a run of ASCII, as it is */
			size_t e = i + 1;
			while (e < n && t[e] < 0x80)
				e++;
			if (!reserve_line(b, w + e - i))
				return NULL;
			memcpy(b->line + w, t + i, e - i);
			for (; i < e; i++)
				b->cols[w++] = col++;
			last = w - 1;
			continue;
		}
		uint32_t cp = 0;
		size_t len = utf8_valid(t + i, t + n, &cp);
		bool special = len > 0;
		if (!len)
			len = 1; /* cannot be: this stage wrote valid UTF-8 */
		if (special && invisible(cp)) {
			i += len, col++;
			continue;
		}
		if (!special || !folds(cp)) {
			if (!reserve_line(b, w + len))
				return NULL;
			memcpy(b->line + w, t + i, len);
			for (size_t k = 0; k < len; k++)
				b->cols[w + k] = col;
			last = w, w += len, i += len, col++;
			continue;
		}
		/* A segment: the character made last (a combining mark composes
		 * with it), this one and the non-ASCII after it. */
		size_t to = i + len, chars = 1;
		while (to < n && t[to] >= 0x80) {
			size_t l = utf8_valid(t + to, t + n, &cp);
			to += l ? l : 1, chars++;
		}
		bool prev = w > 0;
		size_t from = prev ? last : w, seg_len = (w - from) + (to - i);
		if (!reserve_segment(b, seg_len))
			return NULL;
		if (prev) /* (b->line may be NULL yet) */
			memcpy(b->segment, b->line + from, w - from);
		memcpy(b->segment + (w - from), t + i, to - i);
		uint32_t prev_col = prev ? b->cols[from] : col;
		size_t m = sizeof b->folded;
		uint8_t *r = u8_normalize(UNINORM_NFKC, b->segment, seg_len, b->folded, &m);
		if (!r)
			return NULL;
		/* The k-th character made takes the column of the k-th of the
		 * segment, or of its last ("ﬁ" -> "fi"); NFKC keeps the
		 * invisible ones among them, which go. */
		size_t nin = prev + chars, k = 0;
		w = from;
		bool ok = reserve_line(b, w + m);
		for (size_t j = 0, l; ok && j < m; j += l, k++) {
			l = utf8_valid(r + j, r + m, &cp);
			if (!l)
				l = 1;
			else if (invisible(cp))
				continue;
			size_t in = k < nin ? k : nin - 1;
			uint32_t c = prev && in == 0 ? prev_col : col + (uint32_t)(in - prev);
			memcpy(b->line + w, r + j, l);
			for (size_t q = 0; q < l; q++)
				b->cols[w + q] = c;
			last = w, w += l;
		}
		if (r != b->folded)
			free(r);
		if (!ok)
			return NULL;
		i = to, col += (uint32_t)chars;
	}
	size_t need = start + w + rest * 3 + 4;
	if (need > *cap) {
		char *grown = realloc(*textp, need);
		if (!grown)
			return NULL;
		*textp = grown, *cap = need, b->src->text = grown;
	}
	uint32_t *c = add_moved(b->src, &b->moved_capacity, &b->columns_capacity,
	                        (uint32_t)b->src->nlines - 1, w + 1);
	if (!c)
		return NULL;
	if (w) { /* (a line of invisible characters alone is empty) */
		memcpy(*textp + start, b->line, w);
		memcpy(c, b->cols, w * sizeof *c);
	}
	c[w] = col;
	return *textp + start + w;
}

/* Text a fixed-pitch extraction spread out ("pdftotext -layout -fixed":
 * "The   expert    reviewer   developed"): runs of blanks inside
 * sentences, several a line.  No other shape has one (none of the
 * examples, seeds or real letters, in any shape).  Such text is spread
 * out throughout: a kilobyte from a quarter of the way in tells (eight
 * runs or more), so the test costs the same whatever the letter. */
static bool spread_out(const struct imr_source *src)
{
	size_t from = src->len / 4, to = from + 1024 < src->len ? from + 1024 : src->len;
	const char *t = src->text;
	size_t runs = 0;
	for (size_t i = from + 1; i + 2 < to; i++) {
		/* Two blanks side by side are rare in a line of text: words of
		 * eight bytes (seven on from the last, so no pair falls between
		 * two) without one are passed at once. */
		for (uint64_t x, b; i + 8 <= to; i += 7) {
			memcpy(&x, t + i, sizeof x);
			x ^= 0x2020202020202020u; /* a blank is a zero byte */
			b = ~(((x & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu) | x) & 0x8080808080808080u;
			if (b & (b << 8))
				break;
		}
		if (t[i] == ' ' && t[i + 1] == ' ' && imr_lower(t[i - 1])) {
			size_t e = i + 2;
			while (e < to && t[e] == ' ')
				e++;
			runs += e < to && imr_lower(t[e]);
			i = e - 1;
		}
	}
	return runs >= 8;
}

/* A byte that ends a word: a blank before the stop after it is the
 * extractor's ("guideline :"). */
static bool word_end(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ')' || (unsigned char)c >= 0x80;
}

/*
 * ---- words split by loose spacing ------------------------------------
 *
 * Loose text splits words where the glyphs had a gap: "bas ed",
 * "d ecisions", "Disabili ty", "shoul der".  Two pieces are one word when
 * joined they are a word (of the letter itself, or of the form's
 * vocabulary: vocab.h's headings and labels, phrase.h's phrases, the
 * request lexicon) and one of them is no word on its own: it is no
 * vocabulary word, and the letter has it only where it is such a piece.
 * "in to" stays two words ("in" and "to" stand alone elsewhere).  The
 * table of words: words.h.
 */
/* A word that stands alone somewhere: not only as a piece of a split one.
 * A letter other than "a" is none ("ISSUE S": the "s" of "Section(s)"). */
static bool alone(const struct imr_word_table *t, const char *a, size_t na)
{
	if (na == 1 && imr_fold_ascii(a[0]) != 'a')
		return false;
	const struct imr_word *w = imr_word_slot(t, a, na, "", 0);
	return (w->s && w->count > w->pieces) || imr_form_word(a, na, "", 0);
}

/* The table of the words of s[0..len) (a copy of the letter's text: the
 * table points into it while the text is repaired), with the pieces each
 * word is of a split one counted; false when memory runs out. */
static bool read_words(struct imr_word_table *t, const char *s, size_t len)
{
	imr_read_form_words();
	if (!imr_add_words(t, s, len))
		return false;
	/* The pieces: two runs of letters one blank apart that are a word,
	 * or a line break apart (the text re-wrapped: joining_piece). */
	for (size_t at = 0; at < len; at++) {
		if (s[at] != ' ' && s[at] != '\n')
			continue;
		size_t na = imr_letters_before(s, at), b = at + 1;
		while (s[at] == '\n' && b < len && s[b] == ' ')
			b++; /* (a line's indent) */
		size_t nb = na ? imr_letters_after(s, b, len) : 0;
		if (nb && imr_known_word(t, s + at - na, na, s + b, nb)) {
			struct imr_word *w = imr_word_slot(t, s + at - na, na, "", 0);
			w->pieces += w->s != NULL;
			w = imr_word_slot(t, s + b, nb, "", 0);
			w->pieces += w->s != NULL;
		}
	}
	return true;
}

/* A year split in two ("200 4"): four digits from 1990 to 2029. */
static bool split_year(const char *a, size_t na, const char *b, size_t nb)
{
	char y[4];
	if (na + nb != 4 || !na || !nb)
		return false;
	for (size_t i = 0; i < 4; i++)
		if ((y[i] = i < na ? a[i] : b[i - na]) < '0' || y[i] > '9')
			return false;
	return (y[0] == '1' && y[1] == '9' && y[2] == '9') || (y[0] == '2' && y[1] == '0' && y[2] <= '2');
}

/* Whether the blank between out[0..m) and b[0..n) splits a word (loose
 * text): two pieces that are a word and not both words alone ("bas ed"),
 * a hyphenated pair the letter has unbroken ("Non- MTUS"), a hyphen
 * with a number on either side ("54- year-old", "10- 25-2016"), a year. */
static bool split_word(const struct imr_word_table *words, const char *out, size_t m, const char *b,
                       size_t n)
{
	size_t na, nb = imr_letters_after(b, 0, n);
	if (nb && (na = imr_letters_before(out, m)))
		return imr_known_word(words, out + m - na, na, b, nb) &&
		       (!alone(words, out + m - na, na) || !alone(words, b, nb));
	if (m >= 2 && out[m - 1] == '-' && n && imr_alnum(b[0])) {
		if ((out[m - 2] >= '0' && out[m - 2] <= '9') || (b[0] >= '0' && b[0] <= '9'))
			return true;
		return nb && (na = imr_letters_before(out, m - 1)) && imr_known_word(words, out + m - 1 - na, na + 1, b, nb);
	}
	size_t da = 0, db = 0;
	while (da < m && da < 4 && out[m - 1 - da] >= '0' && out[m - 1 - da] <= '9')
		da++;
	while (db < n && db < 4 && b[db] >= '0' && b[db] <= '9')
		db++;
	return (m == da || !imr_alnum(out[m - da - 1])) && (db == n || !imr_alnum(b[db])) &&
	       split_year(out + m - da, da, b, db);
}

/* Whether a blank of loose text between out[0..m) and b[0..n) is the
 * extractor's: before the stop or colon that ends a word ("weeks :
 * Upheld"), before a hyphen that joins ("CM16 -0228949", "10 -14-2016",
 * "anti -inflammatory"), or, a single blank, inside a word (split_word). */
static bool blank_joins(const struct imr_word_table *words, const char *out, size_t m, const char *b,
                        size_t n, bool single)
{
	char next = n ? b[0] : '\0', after = n > 1 ? b[1] : ' ';
	if (m && word_end(out[m - 1]) &&
	    ((next && strchr(":,;.", next) && after == ' ') || (next == '-' && imr_alnum(after))))
		return true;
	return single && split_word(words, out, m, b, n);
}

/*
 * The spacing of one line repaired, from in[0..n) to out (never longer),
 * with from[j] the byte of in that out[j] comes from: each run of blanks
 * becomes one, and in loose text (loose_spacing) the blanks opening the
 * line go when it opens a row (joined to the one before by unwrap.c, it
 * is one blank from it; a folded row's later lines go on from the one
 * before, row false) and so do those blank_joins finds the extractor's.
 * A folded row's line is judged in its row: the pre bytes before out are
 * the row's lines before it as repaired, and in[n..n+ahead) the row's
 * next bytes ("neck m usc" / "le,", "Official D" / "is ability": the
 * pieces a fold cut again).  Returns out's length.
 */
static size_t repair_spacing(const char *in, size_t n, size_t ahead, char *out, size_t pre,
                             uint32_t *from, const struct imr_word_table *words, bool row)
{
	bool loose = words;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (in[i] != ' ') {
			out[m] = in[i], from[m++] = (uint32_t)i;
			continue;
		}
		size_t e = i + 1;
		while (e < n && in[e] == ' ')
			e++;
		bool single = e == i + 1 && !(e == n && ahead && in[n] == ' ');
		bool drop = loose && ((!m && row) ||
		                      ((m || pre) && blank_joins(words, out - pre, pre + m, in + e, n + ahead - e, single)));
		if (!drop)
			out[m] = ' ', from[m++] = (uint32_t)i;
		i = e - 1;
	}
	return m;
}

/* The word opening line b[0..n) past its blanks (ASCII bytes up to a
 * blank): its end, *lead its start; 0 when the line has none, or the
 * word is the last the line holds. */
static size_t opening_word(const char *b, size_t n, size_t *lead)
{
	size_t i = 0;
	while (i < n && b[i] == ' ')
		i++;
	size_t e = i;
	while (e < n && b[e] > ' ' && (unsigned char)b[e] < 0x80)
		e++;
	if (e == i || e == n || b[e] != ' ')
		return 0;
	*lead = i;
	return e;
}

/*
 * Loose text re-wrapped (fmt, a mail client): a blank the extractor put
 * before a stop, a colon or a hyphen, or inside a word, may now be a line
 * break ("Claims Administrator guideline" / ": Decision based on ...",
 * "Non" / "-MTUS Citation", "was bas" / "ed on decisions").  The piece
 * opening line b[0..n) (past its blanks, up to the next blank) when the
 * break before it is such a blank, prev[0..m) the line before as
 * repaired: the piece's end in b (*lead its start), or 0.  Not a piece
 * that is all the line holds (the line, emptied, would end a paragraph),
 * nor one opening a page or with a byte not ASCII.
 */
static size_t joining_piece(const struct imr_word_table *words, const char *prev, size_t m,
                            const char *b, size_t n, size_t *lead)
{
	size_t at, e = opening_word(b, n, &at);
	if (!e || !blank_joins(words, prev, m, b + at, n - at, true))
		return 0;
	*lead = at;
	return e;
}

/*
 * Text a browser or a converter rendered from the letter's HTML (w3m,
 * html2text) wraps inside the PDF's lines, after a slash too ("the
 * disputed items/" / "services set forth below:"): the word opening line
 * b[0..n) (past its blanks, up to the next blank) goes on the word that
 * ends prev[0..m) in a slash after a letter.  Its end in b (*lead its
 * start), or 0.  Not a word that is all the line holds (the line,
 * emptied, would end a paragraph), nor one not opening with a letter or
 * with a byte not ASCII.
 */
static size_t slash_piece(const char *prev, size_t m, const char *b, size_t n, size_t *lead)
{
	if (m < 2 || prev[m - 1] != '/' || !imr_letter(prev[m - 2]))
		return 0;
	size_t e = opening_word(b, n, lead);
	return e && imr_letter(b[*lead]) ? e : 0;
}

/*
 * w3m wraps before a parenthesis too, inside a word's plural mark
 * ("Decision based on MTUS Low Back Complaints 2004, Section" / "(s):
 * Special Studies.", "recommendation" / "(s) outside"): when line b[0..n)
 * opens with "(s)" and prev[0..m) ends in a letter, the start of prev's
 * last word (*before: where the blanks before it start), or 0 when prev
 * has no text before that word.  The word goes before the "(s)", as the
 * letter has it ("Section(s):"): moving the "(s)" up instead would
 * empty a line that holds nothing else, and end the paragraph there.
 */
static size_t broken_word_before(const char *prev, size_t m, const char *b, size_t n, size_t *before)
{
	if (n < 3 || memcmp(b, "(s)", 3) != 0 || m < 2 || !imr_letter(prev[m - 1]))
		return 0;
	size_t w = m;
	while (w > 0 && prev[w - 1] != ' ')
		w--;
	size_t e = w;
	while (e > 0 && prev[e - 1] == ' ')
		e--;
	if (!e || (unsigned char)prev[w] >= 0x80)
		return 0;
	*before = e;
	return w;
}

/* The word opening line b[0..n) (past its blanks, to the next blank) when
 * it goes on the one ending prev[0..m), the line before cut at the
 * rendering's width there: together a word of the letter's, not two
 * words that stand alone ("sho" / "ulder", "admini" / "strator", "car" /
 * "e of at least 1 month"; not "specialties" / "that").  Its end in b
 * (*lead its start), or 0; as slash_piece, not a word that is all the
 * line holds. */
static size_t cut_piece(const struct imr_word_table *words, const char *prev, size_t m, const char *b,
                        size_t n, size_t *lead)
{
	if (!m || !imr_letter(prev[m - 1]))
		return 0;
	size_t at, e = opening_word(b, n, &at);
	if (!e || !imr_lower(b[at]) || !split_word(words, prev, m, b + at, n - at))
		return 0;
	*lead = at;
	return e;
}

/* The piece p[0..len) put at the end of the repaired line before (line
 * before, from t[start] to its newline t[*o - 1]), cols[0..len) its
 * columns on its own line, the next: the line before gets a map (its
 * columns counted, when it had none), where the piece says it stood one
 * line after (imr_column_moved).  False when out of memory. */
static bool to_line_before(char *t, size_t *o, const char *p, size_t len, const uint32_t *cols,
                           struct imr_source *maps, size_t *moved_cap, size_t *columns_cap,
                           size_t before, size_t start)
{
	size_t n = *o - 1 - start;
	uint32_t *c; /* the line before's entry past its end, then the piece's */
	if (maps->nmoved && maps->moved[maps->nmoved - 1].line == before) {
		if (!reserve_columns(maps, columns_cap, len))
			return false;
		c = maps->columns + maps->ncolumns - 1;
		maps->ncolumns += len;
		maps->moved[maps->nmoved - 1].len += (uint32_t)len;
	} else {
		if (!(c = add_moved(maps, moved_cap, columns_cap, (uint32_t)before, n + 1 + len)))
			return false;
		imr_count_columns(t + start, n, c);
		c += n;
	}
	c[len] = c[0];
	for (size_t k = 0; k < len; k++)
		c[k] = imr_column_moved(cols[k], 1);
	maps->words_moved = true;
	memcpy(t + *o - 1, p, len);
	*o += len;
	t[*o - 1] = '\n';
	return true;
}

/* The original columns of line[0..n), the line before its repair: its
 * map ml, or counted into counted. */
static const uint32_t *columns_before(const struct imr_source *src, const struct imr_moved_line *ml,
                                      const char *line, size_t n, uint32_t *counted)
{
	if (ml)
		return src->columns + ml->at;
	imr_count_columns(line, n, counted);
	return counted;
}

/*
 * Every line's spacing repaired in place (repair_spacing), the line and
 * page starts moved with the text (a line stays a line), and each line
 * that changed given a map of its original columns (composed with the
 * one it had).  A rendered page's uniform indent (indent blanks, lynx's
 * three) is taken off every line, a word it cut at its width joined
 * (cut_piece); and in a rendering (rendered, indented or not) a word
 * wrapped after a slash is put back on the line before, the rest of its
 * line then opening that line, one wrapped before its "(s)" put before
 * it, and the rule between two pages made a page break.  Returns false
 * when memory runs out.
 */
static bool repair_lines(struct imr_source *src, bool spacing, bool loose, bool markdown,
                         size_t indent, bool rendered, bool escaped)
{
	struct imr_word_table words = {0};
	/* An indented rendering (lynx) cuts a run of words its no-break
	 * spaces hold together at its width, inside a word ("right sho" /
	 * "ulder sprain"): told by the letter's words, as loose text's. */
	bool cuts = indent && !loose;
	char *copy = loose || cuts ? malloc(src->len + 1) : NULL;
	if ((loose || cuts) && (!copy || !read_words(&words, memcpy(copy, src->text, src->len), src->len))) {
		free(copy);
		free(words.w);
		return false;
	}
	char *t = src->text;
	size_t longest = 0;
	for (size_t i = 0; i < src->nlines; i++) {
		size_t e = i + 1 < src->nlines ? src->line_start[i + 1] : src->len;
		if (e - src->line_start[i] > longest)
			longest = e - src->line_start[i];
	}
	/* (A folded row's line is read with the row's next bytes after it,
	 * a word's worth: ROW_AHEAD.) */
	enum { ROW_AHEAD = 64 };
	char *line = malloc(longest + 1 + ROW_AHEAD);
	/* (from: a line's bytes, and a word of the line before put before
	 * them: broken_word_before) */
	uint32_t *from = malloc((2 * longest + 2) * sizeof *from);
	char *held = rendered ? malloc(longest + 1) : NULL;
	uint32_t *held_columns = rendered ? malloc((longest + 1) * sizeof *held_columns) : NULL;
	/* The rules made page breaks: where their lines start now. */
	uint32_t *rules = NULL;
	size_t nrules = 0, rules_cap = 0, last_text = 0;
	uint32_t *counted = malloc((longest + 1) * sizeof *counted);
	/* Markdown's marks out first: the line without them, and where each
	 * of its bytes was. */
	char *bare = markdown ? malloc(longest + 1) : NULL;
	uint32_t *bare_from = markdown ? malloc((longest + 1) * sizeof *bare_from) : NULL;
	bool in_tag = false;
	struct imr_source maps = {0}; /* the new maps */
	size_t moved_cap = 0, columns_cap = 0;
	bool ok = line && from && counted && (!markdown || (bare && bare_from)) && (!rendered || (held && held_columns));
	size_t o = 0, old = 0, page = 0;
	size_t width = 0, before_n = 0; /* the longest line's bytes (the rendering's width); the line before's */
	for (size_t i = 0; cuts && i < src->nlines; i++) {
		size_t e = i + 1 < src->nlines ? src->line_start[i + 1] - 1 : src->len;
		width = e - src->line_start[i] > width ? e - src->line_start[i] : width;
	}
	bool row = true; /* line i opens a row: the line before ended in a newline */
	size_t row_o = 0; /* where the row starts in the repaired text */
	for (size_t i = 0; ok && i < src->nlines; i++) {
		size_t s = src->line_start[i], e = i + 1 < src->nlines ? src->line_start[i + 1] : src->len;
		size_t n = e - s;
		bool newline = n && t[e - 1] == '\n';
		n -= newline;
		const struct imr_moved_line *ml = NULL;
		if (old < src->nmoved && src->moved[old].line == i)
			ml = &src->moved[old++];
		/* (A folded row's next bytes, not yet repaired: the text is
		 * repaired behind where it is read.) */
		size_t ahead = 0;
		if (!newline && e < src->len) {
			const char *nl = memchr(t + e, '\n', src->len - e < ROW_AHEAD ? src->len - e : ROW_AHEAD);
			ahead = nl ? (size_t)(nl - (t + e)) : (src->len - e < ROW_AHEAD ? src->len - e : ROW_AHEAD);
		}
		memcpy(line, t + s, n + ahead);
		size_t line_n = n;
		size_t lead, piece, cut = 0; /* cut: the bytes opening the line left out */
		if (loose && i && o >= 2 && t[o - 1] == '\n' && t[o - 2] != '\n' &&
		    (piece = joining_piece(&words, t + src->line_start[i - 1], o - 1 - src->line_start[i - 1],
		                           line, n, &lead))) {
			/* The line break was the extractor's blank: the piece goes
			 * to the end of the line before (its columns this line's),
			 * and is blanked here. */
			if (!to_line_before(t, &o, line + lead, piece - lead,
			                    columns_before(src, ml, line, n, counted) + lead, &maps, &moved_cap,
			                    &columns_cap, i - 1, src->line_start[i - 1])) {
				ok = false;
				break;
			}
			memset(line + lead, ' ', piece - lead);
		} else if (rendered && i && o >= 2 && t[o - 1] == '\n' &&
		           ((piece = slash_piece(t + src->line_start[i - 1], o - 1 - src->line_start[i - 1], line,
		                                 n, &lead)) ||
		            (cuts && before_n == width &&
		             (piece = cut_piece(&words, t + src->line_start[i - 1], o - 1 - src->line_start[i - 1],
		                                line, n, &lead))))) {
			/* As a loose piece above; the line then opens at the
			 * words after it (a joined paragraph has one blank at
			 * the break, as the scanner's phrases have). */
			if (!to_line_before(t, &o, line + lead, piece - lead,
			                    columns_before(src, ml, line, n, counted) + lead, &maps, &moved_cap,
			                    &columns_cap, i - 1, src->line_start[i - 1])) {
				ok = false;
				break;
			}
			cut = piece;
			while (cut < n && line[cut] == ' ')
				cut++;
		}
		if (indent && !cut)
			while (cut < indent && cut < n && line[cut] == ' ')
				cut++;
		size_t word = 0; /* bytes of the line before's last word put before this line's */
		size_t ls = i ? src->line_start[i - 1] : 0, w, before;
		if (rendered && !spacing && !markdown && i && o >= 2 && t[o - 1] == '\n' &&
		    (w = broken_word_before(t + ls, o - 1 - ls, line + cut, n - cut, &before)) &&
		    o - 1 - ls - w <= longest) { /* (held's room: the line before may have grown) */
			/* Taken off the line before (its blanks before it too) and
			 * put before this one's "(s)", its columns the line
			 * before's (that line's map, or counted). */
			word = o - 1 - ls - w;
			memcpy(held, t + ls + w, word);
			size_t k = o - 1 - (ls + before);
			const struct imr_moved_line *mb = maps.nmoved && maps.moved[maps.nmoved - 1].line == i - 1
			                                      ? &maps.moved[maps.nmoved - 1]
			                                      : NULL;
			memcpy(held_columns, columns_before(&maps, mb, t + ls, o - 1 - ls, counted) + w,
			       word * sizeof *held_columns);
			t[ls + before] = '\n';
			o = ls + before + 1;
			if (mb) {
				maps.moved[maps.nmoved - 1].len -= (uint32_t)k;
				maps.ncolumns -= k;
			}
		}
		for (; page < src->npages && src->page_start[page] <= s; page++)
			src->page_start[page] = (uint32_t)o;
		src->line_start[i] = (uint32_t)o;
		if (row)
			row_o = o;
		size_t m;
		const char *body = line + cut;
		if (rendered && !markdown && !spacing && imr_page_rule(body, n - cut)) {
			/* The page's rule: a page break on a line of its own, as
			 * pdftotext's last one is. */
			if (!push_offset(&rules, &nrules, &rules_cap, (uint32_t)o)) {
				ok = false;
				break;
			}
			t[o] = '\f';
			m = 1;
			from[0] = 0;
		} else if (!markdown && !spacing) {
			if (word) /* (held is made only for a rendering; escaped text may be none) */
				memcpy(t + o, held, word);
			for (size_t j = 0; j < word; j++)
				from[j] = 0;
			if (escaped) {
				m = word + imr_unescape_line(body, n - cut, t + o + word, from + word);
			} else {
				memcpy(t + o + word, body, n - cut);
				m = word + n - cut;
				for (size_t j = word; j < m; j++)
					from[j] = (uint32_t)(j - word);
			}
		} else if (!markdown) {
			m = repair_spacing(body, n - cut, ahead, t + o, o - row_o, from, loose ? &words : NULL, row);
		} else if (!spacing) {
			m = imr_unmark_line(body, n - cut, t + o, from, &in_tag);
		} else {
			size_t b = imr_unmark_line(body, n - cut, bare, bare_from, &in_tag);
			m = repair_spacing(bare, b, 0, t + o, 0, from, loose ? &words : NULL, row);
			for (size_t j = 0; j < m; j++)
				from[j] = bare_from[from[j]];
		}
		if (cut)
			for (size_t j = 0; j < m; j++)
				from[j] += (uint32_t)cut;
		row = newline;
		bool same = !word && m == n && memcmp(line, t + o, n) == 0;
		if (!same || ml) {
			/* The columns of the line as it was: its map, or counted. */
			const uint32_t *was = counted;
			size_t was_len = n + 1;
			if (ml)
				was = src->columns + ml->at, was_len = ml->len;
			else
				imr_count_columns(line, n, counted);
			uint32_t *c = add_moved(&maps, &moved_cap, &columns_cap, (uint32_t)i, m + 1);
			if (!c) {
				ok = false;
				break;
			}
			for (size_t j = 0; j <= m; j++) {
				size_t k = j < m ? from[j] : n;
				c[j] = was[k < was_len ? k : was_len - 1];
			}
			for (size_t j = 0; j < word; j++) /* (the line before's) */
				c[j] = imr_column_moved(held_columns[j], -1);
			maps.words_moved |= word != 0;
		}
		if (m && !imr_blank_text(t + o, m))
			last_text = o;
		before_n = line_n;
		o += m;
		if (newline)
			t[o++] = '\n';
	}
	/* The rules' pages among the others (a rule after the last text,
	 * the last page's, opens no page). */
	while (nrules && rules[nrules - 1] > last_text)
		nrules--;
	if (ok && nrules) {
		uint32_t *pages = malloc((src->npages + nrules) * sizeof *pages);
		if (pages) {
			size_t a = 0, r = 0, n = 0;
			while (a < src->npages || r < nrules)
				pages[n++] = r == nrules || (a < src->npages && src->page_start[a] <= rules[r])
				                 ? src->page_start[a++] : rules[r++];
			free(src->page_start);
			src->page_start = pages, src->npages = n;
		}
		ok = pages;
	}
	free(rules);
	free(line);
	free(from);
	free(held);
	free(held_columns);
	free(counted);
	free(bare);
	free(bare_from);
	free(words.w);
	free(copy);
	if (!ok) {
		free(maps.moved);
		free(maps.columns);
		return false;
	}
	src->len = o;
	t[o] = t[o + 1] = '\0';
	free(src->moved);
	free(src->columns);
	src->moved = maps.moved, src->nmoved = maps.nmoved;
	src->columns = maps.columns, src->ncolumns = maps.ncolumns;
	src->words_moved = maps.words_moved;
	return true;
}

/* The indent every text line has, at least (lynx's three blanks), or 0:
 * a letter's own text (any extractor's) has a line at its margin, most
 * often its first, where the look stops. */
static size_t uniform_indent(const struct imr_source *src)
{
	const char *t = src->text;
	size_t least = SIZE_MAX, lines = 0;
	for (size_t i = 0; i < src->nlines; i++) {
		const char *l = t + src->line_start[i];
		if (*l == '\n' || *l == '\0')
			continue;
		if (*l != ' ')
			return 0;
		size_t k = 1;
		while (l[k] == ' ')
			k++;
		least = k < least ? k : least;
		lines++;
	}
	return lines >= 4 ? least : 0;
}

/* Whether a line of src has text (not blanks and page breaks alone). */
static bool has_text(const struct imr_source *src)
{
	for (size_t i = 0; i < src->nlines; i++) {
		size_t n;
		const char *s = imr_source_index_text(src, i, &n);
		if (!imr_blank_text(s, n))
			return true;
	}
	return false;
}

/* Text a PDF library wrote with a blank wherever the glyphs had a small
 * gap (pypdf: "Claims Administrator  guideline :", "Case Number:  CM16
 * -0228949"): a blank between a word and the colon after it, twice or
 * more, and a blank before a hyphen that joins ("CM16 -0228949", "10
 * -14-2016"), once or more.  The colons alone are not enough: a label's
 * colon set apart is a bold label's gap in other extractors' text too
 * (read by the vocabulary as the label: vocab.c), and loose text's
 * repairs would join what such a letter keeps apart ("06/04/2012 -
 * 09/12/2013").  No other shape has both (none of the examples, seeds or
 * real letters in any other extractor's text).  memchr passes over the
 * text, the second only when the first found the colons. */
static bool loose_spacing(const struct imr_source *src)
{
	const char *t = src->text, *end = t + src->len;
	size_t found = 0;
	for (const char *c = t; found < 2 && (c = memchr(c, ':', (size_t)(end - c))); c++) {
		const char *b = c;
		while (b > t && b[-1] == ' ')
			b--;
		/* (re-wrapped, the blank may be a line break: "guideline" /
		 * ": Decision based on ...") */
		if (b > t + 1 && b[-1] == '\n' && c + 1 < end && (c[1] == ' ' || c[1] == '\n'))
			b--;
		else if (b == c)
			continue;
		found += b > t && word_end(b[-1]) && b[-1] != ')';
	}
	if (found < 2)
		return false;
	for (const char *h = t + 2; h + 1 < end && (h = memchr(h, '-', (size_t)(end - h))); h++)
		if (h[-1] == ' ' && imr_alnum(h[-2]) && imr_alnum(h[1]))
			return true;
	return false;
}

/*
 * UTF-16 (what Windows tools save: PowerShell's ">", Notepad's
 * "Unicode"): by its byte-order mark, or without one by its NULs, the
 * high bytes of Latin text (a NUL in at least nine in ten of the sample's
 * odd, or even, bytes and in none of the others; text in any 8-bit
 * encoding has no NUL, and binary data that had this pattern still has
 * control characters after decoding, and is refused as binary).
 * Returns "UTF-16LE", "UTF-16BE" or NULL, and the bytes to skip.
 */
static const char *utf16_encoding(const unsigned char *p, size_t len, size_t *skip)
{
	*skip = 2;
	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return "UTF-16LE";
	if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return "UTF-16BE";
	*skip = 0;
	size_t pairs = (len < 1024 ? len : 1024) / 2, nul[2] = {0, 0};
	/* Nearly every input has no NUL: one memchr says so. */
	if (len % 2 || pairs < 8 || !memchr(p, 0, pairs * 2))
		return NULL;
	for (size_t i = 0; i < pairs * 2; i++)
		nul[i % 2] += p[i] == 0;
	if (nul[1] * 10 >= pairs * 9 && nul[0] == 0)
		return "UTF-16LE";
	if (nul[0] * 10 >= pairs * 9 && nul[1] == 0)
		return "UTF-16BE";
	return NULL;
}

/* UTF-16 to UTF-8 (glibc's iconv): a malloc'ed buffer and its length, or
 * NULL with an error in diags (naming the byte of the input, which had
 * skip bytes before data). */
static char *utf16_to_utf8(const char *data, size_t len, size_t skip, const char *encoding,
                           size_t *out_len, struct imr_diags *diags)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot decode %s: %s", encoding,
		             strerror(errno));
		return NULL;
	}
	/* Two bytes become at most three, four (a surrogate pair) four. */
	size_t cap = len / 2 * 3 + 4, left = cap;
	char *buf = malloc(cap), *o = buf, *in = (char *)data;
	size_t in_left = len;
	if (!buf) {
		iconv_close(cd);
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading %zu bytes", len);
		return NULL;
	}
	if (iconv(cd, &in, &in_left, &o, &left) == (size_t)-1) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "input is %s, but byte %zu starts no UTF-16 character (%s)", encoding,
		             skip + len - in_left,
		             errno == EILSEQ ? "a lone surrogate" : "the text ends inside one");
		free(buf);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*out_len = (size_t)(o - buf);
	return buf;
}

/*
 * ---- a mark opening every line --------------------------------------
 *
 * Text quoted in an e-mail ("> " on every line, "> > " quoted twice) or
 * copied from an editor or a listing with its line numbers ("cat -n",
 * "nl": "    12\tText", "grep -n": "12:Text", an editor's gutter: " 12
 * Text", " 12 | Text") carries a mark before each line that is no word of
 * the letter.  Its first lines tell (three quoted lines; lines numbered
 * 1 and 2 with the same separator), so ordinary text costs a look at its
 * first bytes; then each line's mark is made blanks, where it stood (the
 * columns stay the input's), and a page break after it opens the line.
 * A number is a mark only when it is the next one (lines of text opening
 * with "2016." keep it).
 */
enum line_mark { MARK_NONE, MARK_QUOTE, MARK_NUMBER };

struct line_marks {
	enum line_mark kind;
	unsigned char sep; /* after a line number: '\t', ':', ' ' or '|' */
	unsigned long next; /* the number the next numbered line has */
};

/* The length of a quotation mark at p ("> ", ">> ", "> > "), or 0. */
static size_t quote_mark(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;
	while (q < end && *q == '>') {
		q++;
		if (q < end && *q == ' ')
			q++;
	}
	return (size_t)(q - p);
}

/* The length of line number n at p with its separator sep (and the
 * blank after a '|' or ':'), or 0; *number is the number read. */
static size_t number_mark(const unsigned char *p, const unsigned char *end, unsigned char sep,
                          unsigned long *number)
{
	const unsigned char *q = p;
	while (q < end && *q == ' ')
		q++;
	const unsigned char *digits = q;
	unsigned long v = 0;
	while (q < end && *q >= '0' && *q <= '9' && q - digits < 9)
		v = v * 10 + (unsigned long)(*q++ - '0');
	if (sep == '|') /* (a gutter: "  12 | Text") */
		while (q < end && *q == ' ')
			q++;
	if (q == digits || q == end || *q != sep)
		return 0;
	q++;
	if ((sep == '|' || sep == ':') && q < end && *q == ' ')
		q++;
	*number = v;
	return (size_t)(q - p);
}

/* The next line's start after p, or end. */
static const unsigned char *next_line(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* Whether the line at p has blanks only. */
static bool blank_line(const unsigned char *p, const unsigned char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p == end || *p == '\n' || *p == '\r';
}

/* What marks the text's lines, by its first lines (see above). */
static struct line_marks line_marks_of(const unsigned char *p, const unsigned char *end)
{
	struct line_marks m = {MARK_NONE, 0, 1};
	if (p == end)
		return m;
	if (*p == '>') {
		const unsigned char *l = p;
		int quoted = 0;
		while (quoted < 3 && l < end && *l == '>')
			quoted++, l = next_line(l, end);
		if (quoted == 3 || (l == end && quoted))
			m.kind = MARK_QUOTE;
		return m;
	}
	if (*p != ' ' && *p != '1')
		return m;
	static const unsigned char seps[] = {'\t', ':', '|', ' '};
	for (size_t i = 0; i < sizeof seps; i++) {
		unsigned long n;
		if (!number_mark(p, end, seps[i], &n) || n != 1)
			continue;
		/* The second numbered line (nl leaves blank lines unnumbered) is 2. */
		const unsigned char *l = next_line(p, end);
		for (int blank = 0; blank < 3 && l < end && blank_line(l, end); blank++)
			l = next_line(l, end);
		if (number_mark(l, end, seps[i], &n) && n == 2) {
			m.kind = MARK_NUMBER, m.sep = seps[i];
			return m;
		}
	}
	return m;
}

/* The length of the mark opening the line at p (0: none). */
static size_t line_mark(struct line_marks *m, const unsigned char *p, const unsigned char *end)
{
	if (m->kind == MARK_QUOTE)
		return quote_mark(p, end);
	unsigned long n;
	size_t k = number_mark(p, end, m->sep, &n);
	if (!k || n != m->next)
		return 0;
	m->next++;
	return k;
}

/* The mark opening the line at p made blanks at o (k of them: the
 * input's bytes), a page break after it first, so it opens the line
 * (*page).  Returns the bytes of input read.  (p is not passed by
 * address: the decoding loop keeps it in a register.) */
static size_t blank_mark(struct line_marks *m, const unsigned char *p, const unsigned char *end,
                         char *o, bool *page)
{
	size_t k = line_mark(m, p, end);
	*page = k && p + k < end && p[k] == '\f';
	if (*page)
		*o++ = '\f';
	memset(o, ' ', k);
	return k + *page;
}

static bool normalize_bytes(const char *data, size_t len, struct imr_source *out,
                            struct imr_diags *diags);
static bool normalize_folded(const char *data, size_t len, struct imr_source *out,
                             struct imr_diags *diags, size_t width, const uint64_t *soft);

bool imr_normalize(const char *data, size_t len, const struct imr_options *opt,
                   struct imr_source *out, struct imr_diags *diags)
{
	memset(out, 0, sizeof *out);
	if (len > opt->max_input_bytes) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "input is %zu bytes, more than the limit of %zu (see --max-size)", len,
		             opt->max_input_bytes);
		return false;
	}
	size_t skip;
	const char *encoding = utf16_encoding((const unsigned char *)data, len, &skip);
	if (!encoding && imr_qp_encoded(data, len)) {
		/* Quoted-printable: decoded first, its soft breaks rows. */
		struct imr_qp qp;
		if (!imr_qp_decode(data, len, &qp)) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory");
			return false;
		}
		bool ok = normalize_folded(qp.text, qp.len, out, diags, 0, qp.soft);
		if (ok && !imr_qp_map_columns(&qp, out)) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory");
			ok = false;
		}
		imr_qp_free(&qp);
		return ok;
	}
	if (!encoding)
		return normalize_bytes(data, len, out, diags);
	size_t n;
	char *utf8 = utf16_to_utf8(data + skip, len - skip, skip, encoding, &n, diags);
	if (!utf8)
		return false;
	bool ok = normalize_bytes(utf8, n, out, diags);
	free(utf8);
	return ok;
}

/* The length of the run of printable ASCII (0x20-0x7E) at p, nearly
 * every byte of a letter: eight bytes at a time.  A byte is outside the
 * range when subtracting 0x20 borrows, adding 1 reaches the high bit, or
 * it has the high bit; a borrow or carry can spill only into a byte after
 * one already outside, so a word with none is eight printable bytes. */
static inline size_t plain_run(const unsigned char *p, const unsigned char *end)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	const unsigned char *s = p;
	for (uint64_t x; end - p >= 8; p += 8) {
		memcpy(&x, p, sizeof x);
		uint64_t out = ((x - ones * 0x20) | x | (x + ones)) & highs;
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* The first byte in memory is the word's lowest, where no borrow
		 * or carry comes from: its lowest mark is the run's end.  (Not a
		 * loop of byte compares: its exit, once a line, was mispredicted.) */
		if (out)
			return (size_t)(p - s) + (size_t)__builtin_ctzll(out) / 8;
#else
		if (out)
			break;
#endif
	}
	while (p < end && *p >= 0x20 && *p < 0x7F)
		p++;
	return (size_t)(p - s);
}

/* The length of the line break at p, or 0: LF, CR, CRLF, and the other
 * breaks Unicode makes mandatory (UAX #14): a vertical tab (the manual
 * line break of Word's text, Shift+Enter), NEL, U+2028 line separator,
 * U+2029 paragraph separator.  Text copied from a word processor or
 * passed through a JSON or Java pipeline may end its lines with any of
 * them; each is a line of its own in the positions too. */
static inline size_t line_break_at(const unsigned char *p, const unsigned char *end)
{
	switch (*p) {
	case '\n': case '\v':
		return 1;
	case '\r':
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	case 0xC2:
		return p + 1 < end && p[1] == 0x85 ? 2 : 0;
	case 0xE2:
		return p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9) ? 3 : 0;
	default:
		return 0;
	}
}

/* The bytes to text lines (width: the text is folded at that width, and
 * each line of that length goes on with the next, no line break between:
 * the lines of one row of the text, each still its own input line; soft:
 * the lines, a bit each, that go on with the next so, quoted-printable's
 * soft breaks, qp.h).  Made twice by the compiler: for text (width 0 and
 * soft NULL, constant, so that none of a folded text's work is left in
 * its loop) and for folded or quoted-printable text. */
__attribute__((always_inline)) static inline bool normalize_at(const char *data, size_t len,
                                                               struct imr_source *out,
                                                               struct imr_diags *diags, size_t width,
                                                               const uint64_t *soft)
{
	bool rows = width || soft; /* lines may go on with the next */
	const unsigned char *p = (const unsigned char *)data, *end = p + len;

	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		p += 3;
	const unsigned char *p0 = p; /* the text's first byte */

	/* Worst case: every byte decodes to a 3-byte sequence. */
	size_t cap = len * 3 + 4;
	char *text = malloc(cap);
	if (!text) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading %zu bytes", len);
		return false;
	}
	out->text = text;
	uint32_t spacing_counts[IMR_SPACING_PAGES][2]; /* (not cleared: each set as its page begins) */
	struct line_builder b = {.src = out, .page_counts = spacing_counts};
	char *o = text;
	uint32_t line_start = 0;  /* the row's: the line's, or the first of a folded row's lines */
	uint32_t piece_start = 0; /* the input line's */
	size_t row_line = 0;      /* the row's first line */
	const unsigned char *raw = p; /* where the input line being read starts */
	uint32_t page_count[16];      /* lines that open with the "2 of 4" of a "Page" before them */
	size_t page_counts = 0;
	struct imr_folded folded = {.width = width};
	if (width && !imr_read_folded(&folded, (const char *)p, (size_t)(end - p)))
		goto oom;
	const char *form_feeds_end = NULL; /* end of the form feeds opening this line */
	size_t decoded = 0, replaced = 0, controls = 0, first_control = 0;
	unsigned first_control_line = 0;
	unsigned first_decoded_line = 0, first_replaced_line = 0;
	if (!push_line_start(&b, 0) || !push_page_start(&b, 0))
		goto oom;
	struct line_marks marks = line_marks_of(p, end);
	bool marked_page = false;
	if (marks.kind != MARK_NONE) {
		size_t k = blank_mark(&marks, p, end, o, &marked_page);
		p += k, o += k;
		if (marked_page)
			form_feeds_end = o; /* (the first page is already counted) */
	}
	while (p < end) {
		/* The common case first: a run of printable ASCII. */
		size_t run = plain_run(p, end);
		memcpy(o, p, run);
		o += run, p += run;
		if (p == end)
			break;
		unsigned char c = *p;
		size_t line_break = line_break_at(p, end);
		if (line_break) {
			const unsigned char *next = p + line_break;
			/* A folded line cut at the width goes on with the next. */
			bool cut = width && (size_t)(p - raw) == width && next < end && *next != '\n' && *next != '\r' &&
			           *next != '\f' &&
			           imr_cut_inside_word(&folded, (const char *)raw, width, (const char *)next, (const char *)end);
			/* (A soft break ending a line with nothing before it, "="
			 * alone, no encoder's: a line of its own, so that no line
			 * of a row is empty.) */
			size_t at = out->nlines - 1; /* the input line's index */
			cut |= soft && next < end && p > raw && (soft[at / 64] >> (at % 64) & 1);
			if (b.wide) {
				size_t ff = form_feeds_end ? (size_t)(form_feeds_end - text) : 0;
				if (!(o = fold_line(&b, &text, &cap, piece_start, o, (size_t)(end - p))))
					goto oom;
				form_feeds_end = ff ? text + ff : NULL;
				b.wide = false;
			}
			if (!cut) {
				o = end_line(&b, text, line_start, o);
				if (rows) {
					imr_end_folded_row(out, row_line, (uint32_t)(o - 1 - text));
					row_line = out->nlines;
				}
				line_start = (uint32_t)(o - text);
			}
			p = raw = next;
			piece_start = (uint32_t)(o - text);
			if (p < end && !push_line_start(&b, piece_start))
				goto oom;
			if (marks.kind != MARK_NONE && p < end) {
				size_t k = blank_mark(&marks, p, end, o, &marked_page);
				p += k, o += k;
				if (marked_page && !push_page_start(&b, line_start))
					goto oom;
				form_feeds_end = marked_page ? o : NULL;
			}
			continue;
		}
		if (c < 0x80) {
			bool opens_line = o == text + line_start || o == form_feeds_end;
			if (c == '\f' && opens_line) {
				/* A page break (each of a run of them: empty pages).
				 * Only the first is kept, at the start of its line, so
				 * the scanner can tell it from a paragraph break. */
				if (!push_page_start(&b, line_start))
					goto oom;
				form_feeds_end = o + 1;
				if (o != text + line_start)
					c = ' ';
			} else if (c == '\t' || c == '\f') {
				/* A page break inside a line (a page's lines joined
				 * into one): the furniture opening the page goes. */
				size_t k = 0, n = imr_line_length(p + 1, end);
				if (c == '\f' && !(k = furniture_at((const char *)p + 1, n)) &&
				    (k = page_word_wrapped((const char *)p + 1, n, (const char *)end)) &&
				    page_counts < sizeof page_count / sizeof *page_count)
					page_count[page_counts++] = out->nlines; /* the next line's index */
				memset(o, ' ', k);
				o += k, p += k;
				c = ' ';
			} else if (c < 0x20 || c == 0x7F) {
				if (!replaced++)
					first_replaced_line = (unsigned)out->nlines;
				if (!controls++) {
					first_control = (size_t)(p - (const unsigned char *)data);
					first_control_line = (unsigned)out->nlines;
				}
				c = ' ';
			}
			*o++ = (char)c;
			p++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_valid(p, end, &cp);
		if (n) {
			p += n;
		} else {
			/* Not UTF-8: read the byte as Windows-1252 / Latin-1. */
			cp = c < 0xA0 ? cp1252[c - 0x80] : c;
			if (!decoded++)
				first_decoded_line = (unsigned)out->nlines;
			if (!cp) {
				cp = ' ';
				replaced++;
			}
			p++;
		}
		if (cp == 0xA0)
			cp = ' ';
		else if (list_bullet(cp) || hyphen(cp))
			cp = '-';
		b.wide |= cp >= 0x80 && (folds(cp) || invisible(cp));
		o = put_utf8(o, cp);
	}
	if (b.wide && !(o = fold_line(&b, &text, &cap, piece_start, o, 0)))
		goto oom;
	free(b.line), free(b.cols), free(b.segment);
	b.line = NULL, b.cols = NULL, b.segment = NULL;
	free(folded.words.w);
	folded.words.w = NULL;
	if (o > text + line_start || o == text) {
		o = end_line(&b, text, line_start, o); /* last line had no newline */
		if (rows)
			imr_end_folded_row(out, row_line, (uint32_t)(o - 1 - text));
	}
	out->len = (size_t)(o - text);
	o[0] = o[1] = '\0';
	for (size_t i = 0; i < page_counts; i++) { /* the rest of a page's "Page": blanked */
		if (page_count[i] >= out->nlines)
			continue;
		char *l = text + out->line_start[page_count[i]];
		memset(l, ' ', page_count_at(l, strcspn(l, "\n")));
	}
	/* Text folded at its blanks (fold -s), told by its narrow lines
	 * first: read again, each cut line going on with the next. */
	if (!rows && b.longest <= IMR_BLANK_FOLD_MAX) {
		uint64_t *cuts = imr_folded_at_blanks((const char *)p0, len - (size_t)(p0 - (const unsigned char *)data));
		if (cuts) {
			imr_source_free(out);
			bool ok = normalize_folded(data, len, out, diags, 0, cuts);
			free(cuts);
			return ok;
		}
	}
	size_t folded_at = rows ? 0 : imr_folded_width((const char *)p0, len - (size_t)(p0 - (const unsigned char *)data),
	                                                 b.longest, b.at_longest, b.text_lines);
	if (folded_at) { /* read again, its rows joined */
		imr_source_free(out);
		return normalize_folded(data, len, out, diags, folded_at, NULL);
	}
	/* pdftotext ends every page with a form feed, the last one too: what
	 * follows the last page's is no page. */
	while (out->npages > 1 && out->page_start[out->npages - 1] > b.last_text_line)
		out->npages--;
	imr_blank_mail(out);
	imr_blank_stripped_html(out);
	if (!imr_blank_running_lines(out))
		goto oom;
	for (size_t i = 0; i < b.page_openings; i++)
		memset(text + b.page_opening[i][0], ' ', b.page_opening[i][1]);
	out->folded = rows;
	out->double_spaced = double_spaced(b.text_lines, b.followed_by_blank);
	if (out->npages > 1)
		page_spacing(&b);

	/* Binary data: NULs or other C0 controls in more than a trace. */
	if (controls > len / 100 + 2) {
		imr_diag_add(diags, IMR_ERROR, first_control_line, 0, NULL, 0,
		             "binary data, not text: %zu control bytes in %zu (first at byte %zu)",
		             controls, len, first_control);
		return false;
	}
	if (b.text_lines == 0) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             len ? "empty input: only white space" : "empty input");
		return false;
	}
	if (!has_text(out)) { /* (all blanked: imr_blank_mail, imr_blank_stripped_html) */
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0,
		             "empty input: only an e-mail's headers or what is left of HTML's tags");
		return false;
	}
	bool markdown = imr_markdown_marked(out), loose = loose_spacing(out);
	bool spacing = loose || spread_out(out);
	size_t indent = uniform_indent(out);
	bool escaped = false;
	bool rendered = imr_rendered_html(out, &escaped) || indent;
	if ((spacing || markdown || indent || rendered || escaped) &&
	    !repair_lines(out, spacing, loose, markdown, indent, rendered, escaped))
		goto oom;
	out->decoded = decoded, out->decoded_line = first_decoded_line;
	out->replaced = replaced, out->replaced_line = first_replaced_line;
	if (decoded)
		imr_diag_add(diags, IMR_WARNING, first_decoded_line, 0, NULL, 0,
		             "input is not valid UTF-8: %zu byte(s) read as Windows-1252", decoded);
	if (replaced)
		imr_diag_add(diags, IMR_WARNING, first_replaced_line, 0, NULL, 0,
		             "%zu control character(s) that XML forbids replaced by spaces", replaced);
	return true;
oom:
	free(b.line), free(b.cols), free(b.segment), free(folded.words.w);
	imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory");
	return false;
}

static bool normalize_bytes(const char *data, size_t len, struct imr_source *out,
                            struct imr_diags *diags)
{
	return normalize_at(data, len, out, diags, 0, NULL);
}

__attribute__((noinline)) static bool normalize_folded(const char *data, size_t len,
                                                       struct imr_source *out,
                                                       struct imr_diags *diags, size_t width,
                                                       const uint64_t *soft)
{
	return normalize_at(data, len, out, diags, width, soft);
}
