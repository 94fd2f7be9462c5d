/* normalize.c - raw bytes to clean UTF-8 lines (see normalize.h). */
#define _GNU_SOURCE /* memmem */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <uninorm.h>

#include "diag.h"

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

static bool is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\f')
			return false;
	return true;
}

/* "Page 2 of 4" or "Page 2", alone on a line. */
static bool is_page_number(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\f'))
		s++, n--;
	if (n < 6 || strncasecmp(s, "page ", 5) != 0)
		return false;
	size_t i = 5, digits = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (!digits)
		return false;
	if (i == n)
		return true;
	if (n - i < 5 || strncasecmp(s + i, " of ", 4) != 0)
		return false;
	i += 4, digits = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	return digits && i == n;
}

/* A DWC case number alone on a line (CM16-0228949): where it starts, past
 * the blanks and the page break before it; NULL if the line is no such. */
static const char *case_number_in(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\f'))
		s++, n--;
	if (n != 12 || s[0] != 'C' || s[1] != 'M' || s[4] != '-')
		return NULL;
	for (size_t i = 2; i < n; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return NULL;
	return s;
}

struct line_builder {
	struct imr_source *src;
	size_t capacity, page_capacity;
	char case_number[13];    /* the first case-number line seen, or "" */
	bool page_top;           /* a page break since the last text line */
	size_t text_lines, followed_by_blank;
	uint32_t last_text_line; /* offset of the last line with text */
	bool prev_text;
	bool prev_prev_text;
	bool wide;               /* the line being read has a character NFKC folds */
	uint8_t folded[512];     /* where a line's NFKC form is made, when it fits */
};

/* Append off to a growable array of offsets. */
static bool push_offset(uint32_t **a, size_t *n, size_t *capacity, uint32_t off)
{
	if (*n == *capacity) {
		size_t cap = *capacity ? *capacity * 2 : 256;
		uint32_t *p = realloc(*a, cap * sizeof *p);
		if (!p)
			return false;
		*a = p;
		*capacity = cap;
	}
	(*a)[(*n)++] = off;
	return true;
}

static bool push_line_start(struct line_builder *b, uint32_t off)
{
	return push_offset(&b->src->line_start, &b->src->nlines, &b->capacity, off);
}

static bool push_page_start(struct line_builder *b, uint32_t off)
{
	return push_offset(&b->src->page_start, &b->src->npages, &b->page_capacity, off);
}

/* Finish the line that starts at text+start and currently ends at *o:
 * strip trailing blanks, empty page furniture, count spacing. */
static char *end_line(struct line_builder *b, char *text, uint32_t start, char *o)
{
	/* A page break on a line of its own stays, so the scanner knows the
	 * blank lines around it for page margins. */
	char *keep = text + start + (o > text + start && text[start] == '\f');
	while (o > keep && (o[-1] == ' ' || o[-1] == '\f'))
		o--;
	size_t n = (size_t)(o - (text + start));
	const char *s = text + start;
	/* Page furniture goes, but not the page break it may open. */
	char *emptied = text + start + (n && *s == '\f');
	bool page_top = b->page_top || (n && *s == '\f');
	const char *t;
	if (n && is_page_number(s, n)) {
		o = emptied;
	} else if (n && (t = case_number_in(s, n))) {
		/* The case number again, or alone at the top of a page. */
		bool seen = b->case_number[0] && memcmp(b->case_number, t, 12) == 0;
		if (!b->case_number[0])
			memcpy(b->case_number, t, 12);
		if (seen || page_top)
			o = emptied;
	}
	n = (size_t)(o - (text + start));
	if (n && *s == '\f' && is_blank_line(s, n))
		b->page_top = true;
	bool text_line = n && !is_blank_line(s, n);
	/* Spacing: a text line followed by exactly one blank line. */
	if (b->prev_prev_text && !b->prev_text && text_line)
		b->followed_by_blank++;
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
	size_t end = (size_t)(o - *textp);
	for (size_t i = start; i < end;) {
		const unsigned char *t = (const unsigned char *)*textp;
		uint32_t cp = 0;
		size_t k = i, len = 1;
		/* The next character that folds (the text is valid UTF-8 here:
		 * this stage wrote it; a length of 0 would only step a byte). */
		for (; k < end; k += len ? len : 1) {
			len = t[k] < 0x80 ? 1 : utf8_valid(t + k, t + end, &cp);
			if (t[k] >= 0x80 && len && folds(cp))
				break;
		}
		if (k == end)
			break;
		size_t from = k, to = k + len;
		if (from > start)
			for (from--; from > start && (t[from] & 0xC0) == 0x80; from--)
				;
		while (to < end && t[to] >= 0x80) {
			size_t l = utf8_valid(t + to, t + end, &cp);
			to += l ? l : 1;
		}
		size_t n = to - from, m = sizeof b->folded;
		uint8_t *r = u8_normalize(UNINORM_NFKC, t + from, n, b->folded, &m);
		if (!r)
			return NULL;
		size_t need = end + m - n + rest * 3 + 4;
		if (m > n && need > *cap) {
			char *grown = realloc(*textp, need);
			if (!grown) {
				if (r != b->folded)
					free(r);
				return NULL;
			}
			*textp = grown, *cap = need;
			b->src->text = grown;
		}
		memmove(*textp + from + m, *textp + to, end - to);
		memcpy(*textp + from, r, m);
		if (r != b->folded)
			free(r);
		end = end - n + m;
		i = from + m;
	}
	return *textp + end;
}

static bool lower(char c) { return c >= 'a' && c <= 'z'; }

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
	for (size_t i = from + 1; i + 2 < to; i++)
		if (t[i] == ' ' && t[i + 1] == ' ' && lower(t[i - 1])) {
			size_t e = i + 2;
			while (e < to && t[e] == ' ')
				e++;
			runs += e < to && lower(t[e]);
			i = e - 1;
		}
	return runs >= 8;
}

/* In spread-out text runs of blanks mean nothing: each becomes one blank,
 * in place, the line and page starts moved with the text (a line stays a
 * line), so a table reads as PDFBox's rows ("Date Assigned: 12/05/2016
 * Date of Injury: 10/14/2016") and labels and headings as written. */
static void collapse_blanks(struct imr_source *src)
{
	char *t = src->text;
	size_t o = 0, line = 0, page = 0;
	for (size_t i = 0; i <= src->len; i++) {
		for (; line < src->nlines && src->line_start[line] <= i; line++) {
			for (; page < src->npages && src->page_start[page] <= src->line_start[line]; page++)
				src->page_start[page] = (uint32_t)o;
			src->line_start[line] = (uint32_t)o;
		}
		if (i == src->len)
			break;
		if (t[i] != ' ' || o == 0 || t[o - 1] != ' ')
			t[o++] = t[i];
	}
	src->len = o;
	t[o] = t[o + 1] = '\0';
}

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
	const unsigned char *p = (const unsigned char *)data, *end = p + len;

	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		p += 3;

	/* Worst case: every byte decodes to a 3-byte sequence. */
	size_t cap = len * 3 + 4;
	char *text = malloc(cap);
	if (!text) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory reading %zu bytes", len);
		return false;
	}
	out->text = text;
	struct line_builder b = {.src = out};
	char *o = text;
	uint32_t line_start = 0;
	const char *form_feeds_end = NULL; /* end of the form feeds opening this line */
	size_t decoded = 0, replaced = 0, controls = 0, first_control = 0;
	unsigned first_control_line = 0;
	unsigned first_decoded_line = 0, first_replaced_line = 0;
	if (!push_line_start(&b, 0) || !push_page_start(&b, 0))
		goto oom;
	while (p < end) {
		/* The common case first: a run of printable ASCII. */
		while (p < end && *p >= 0x20 && *p < 0x7F)
			*o++ = (char)*p++;
		if (p == end)
			break;
		unsigned char c = *p;
		if (c == '\n' || c == '\r') {
			if (b.wide) {
				size_t ff = form_feeds_end ? (size_t)(form_feeds_end - text) : 0;
				if (!(o = fold_line(&b, &text, &cap, line_start, o, (size_t)(end - p))))
					goto oom;
				form_feeds_end = ff ? text + ff : NULL;
				b.wide = false;
			}
			o = end_line(&b, text, line_start, o);
			p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
			line_start = (uint32_t)(o - text);
			if (p < end && !push_line_start(&b, line_start))
				goto oom;
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
		b.wide |= cp >= 0x80 && folds(cp);
		o = put_utf8(o, cp);
	}
	if (b.wide && !(o = fold_line(&b, &text, &cap, line_start, o, 0)))
		goto oom;
	if (o > text + line_start || o == text)
		o = end_line(&b, text, line_start, o); /* last line had no newline */
	out->len = (size_t)(o - text);
	o[0] = o[1] = '\0';
	/* pdftotext ends every page with a form feed, the last one too: what
	 * follows the last page's is no page. */
	while (out->npages > 1 && out->page_start[out->npages - 1] > b.last_text_line)
		out->npages--;
	out->double_spaced = b.text_lines >= 4 && b.followed_by_blank * 10 >= (b.text_lines - 1) * 7;

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
	if (spread_out(out))
		collapse_blanks(out);
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
	imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory");
	return false;
}

void imr_source_free(struct imr_source *src)
{
	free(src->text);
	free(src->line_start);
	free(src->page_start);
	memset(src, 0, sizeof *src);
}

size_t imr_count_at_most(const uint32_t *a, size_t n, size_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

unsigned imr_source_line(const struct imr_source *src, uint32_t offset)
{
	size_t n = imr_count_at_most(src->line_start, src->nlines, offset);
	return n ? (unsigned)n : 1;
}

unsigned imr_source_page(const struct imr_source *src, uint32_t offset)
{
	/* The number of pages that start at or before offset. */
	size_t n = imr_count_at_most(src->page_start, src->npages, offset);
	return n ? (unsigned)n : 1;
}

unsigned imr_source_column(const struct imr_source *src, uint32_t offset)
{
	unsigned line = imr_source_line(src, offset);
	unsigned col = 1;
	for (uint32_t i = src->line_start[line - 1]; i < offset && i < src->len; i++)
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
	const char *s = src->text + src->line_start[line - 1];
	/* (A line re-wrapped text had joined to the next one, unwrap.c, ends
	 * where the next one starts, not at the paragraph's newline.) */
	const char *e = line < src->nlines ? src->text + src->line_start[line] - 1
	                                   : memchr(s, '\n', src->len - (size_t)(s - src->text));
	*len = e ? (size_t)(e - s) : strlen(s);
	return s;
}
