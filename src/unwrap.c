/*
 * unwrap.c - lines re-wrapped at another width, joined again (unwrap.h).
 *
 * A paragraph (the lines between blank lines or page breaks) is joined,
 * all its line breaks made blanks, when
 *  - a line break falls inside a heading or a label of vocab.h that has
 *    other text before it on its first line, or after it on its last
 *    line (but after a heading's colon: "... BY PROFESSIONAL" / "REVIEWER
 *    AND WHY: The MTUS ..." is a letter's own layout);
 *  - an item's decision opens a line with text after it ("MRI of the left
 *    shoulder:" / "Upheld Claims Administrator guideline: ..."), or
 *    stands inside one ("Medication management" / "consultation: Upheld
 *    Claims ..."), or ends a line after a sentence's end on a line
 *    before ("... not medically necessary.  Lidocaine ointment 5%" /
 *    "106.32gm: Upheld"): the title began on a line before, after the
 *    rationale of the item before it;
 *  - a 2013 notice's numbered entry is parted from its number ("...
 *    under dispute: 1)" / "MAXIMUS Federal Services, Inc. has ...").
 * A letter's own layout does none of these: its headings and labels open
 * their lines, a decision ends its line.  The joined paragraph is the
 * shape of a viewer's copy (tests/shapes/paragraphs-joined.awk), which
 * the scanner reads by the words.  A heading that fills its lines and
 * wraps (in a narrow column) stays as it is: the scanner's heading rule
 * reads it, but for one not in capitals (the 2013 notice's title, centred
 * and re-wrapped in its indent), whose lines are closed up into one.  A line label so wrapped has those lines joined, the rest of
 * the paragraph kept.
 *
 * Cost: every line break is looked at once, by the two words around it:
 * a hash of their lengths and end letters against a bitmap of the
 * adjacent word pairs of every phrase.  Only on a hit (a pair such as "of
 * the" now and then) are the phrases with that hash (sorted, found by
 * binary search) compared with the lines.
 */
#include "unwrap.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vocab.h"

#define PHRASE_TEXT(id, text, ...) text,
static const char *const phrases[] = {IMR_LINE_LABELS(PHRASE_TEXT) IMR_SECTIONS(PHRASE_TEXT)
                                       IMR_HEADER_LABELS(PHRASE_TEXT)
                                       /* a 2013 notice's numbered entries, after "1) " (lexer.l's entry_at) */
                                       "Regarding the request for", "MAXIMUS Federal Services, Inc. has determined"};
/* phrases[i] is a line label for i < IMR_LINE_LABEL_COUNT, then a heading
 * or a header label, then from ENTRY_PHRASES on what a notice's numbered
 * entry opens with. */
enum { PHRASE_COUNT = sizeof phrases / sizeof phrases[0], ENTRY_PHRASES = PHRASE_COUNT - 2,
       MAX_PAIRS = 512, BITMAP_BITS = 4096 };

/* A phrase's adjacent words: the hash of "word word", the phrase, and the
 * offset of the blank between the two words. */
static struct pair {
	uint32_t hash;
	uint16_t phrase, at;
} pairs[MAX_PAIRS];
static size_t npairs;
static uint64_t bitmap[BITMAP_BITS / 64];
/* The byte that ends a phrase's word before a blank, then the byte that
 * opens the next word: a bit each, looked at before any word is read. */
static uint64_t ends[65536 / 64];
static pthread_once_t built = PTHREAD_ONCE_INIT;
static atomic_bool ready;

/* The hash of the word pair "a b": of their lengths and their first and
 * last letters only, cheap at every line break; a hit is compared in
 * full anyway. */
static uint32_t pair_hash(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t x = (uint32_t)(unsigned char)a[0] | (uint32_t)(unsigned char)a[alen - 1] << 8 |
	             (uint32_t)(unsigned char)b[0] << 16 | (uint32_t)(unsigned char)b[blen - 1] << 24;
	x ^= (uint32_t)alen * 0x9E3779B1u + (uint32_t)blen * 0x85EBCA77u;
	x *= 0x2545F491u;
	return x ^ (x >> 15);
}

static int by_hash(const void *x, const void *y)
{
	uint32_t a = ((const struct pair *)x)->hash, b = ((const struct pair *)y)->hash;
	return (a > b) - (a < b);
}

static void build(void)
{
	for (size_t p = 0; p < PHRASE_COUNT; p++) {
		const char *s = phrases[p], *prev = s;
		for (const char *sp = strchr(s, ' '); sp; sp = strchr(sp + 1, ' ')) {
			const char *next = sp + 1, *end = strchr(next, ' ');
			size_t nlen = end ? (size_t)(end - next) : strlen(next);
			if (npairs < MAX_PAIRS) {
				uint32_t h = pair_hash(prev, (size_t)(sp - prev), next, nlen);
				pairs[npairs++] = (struct pair){h, (uint16_t)p, (uint16_t)(sp - s)};
				bitmap[(h % BITMAP_BITS) / 64] |= UINT64_C(1) << (h % 64);
				unsigned e = (unsigned)(unsigned char)sp[-1] << 8 | (unsigned char)next[0];
				ends[e / 64] |= UINT64_C(1) << (e % 64);
			}
			prev = next;
		}
	}
	qsort(pairs, npairs, sizeof pairs[0], by_hash);
	atomic_store_explicit(&ready, true, memory_order_release);
}

/* The text's lines: line i's text is [start[i], line_end(i)). */
struct lines {
	char *text;
	const uint32_t *start;
	size_t len;
	size_t nlines;
	bool folded; /* lines of a row with no line break between (normalize.h) */
};

/* The end of line i's text: its newline (or the blank that was one), or
 * where the next line starts (a folded row's, normalize.c). */
static const char *line_end(const struct lines *l, size_t i)
{
	if (i + 1 < l->nlines) {
		const char *e = l->text + l->start[i + 1];
		return !l->folded || e[-1] == '\n' || e[-1] == ' ' ? e - 1 : e;
	}
	return l->text + l->len - (l->len && l->text[l->len - 1] == '\n');
}

/* Whether line i goes on the paragraph of the line before it: it is not
 * blank and does not open a page. */
static bool continues(const struct lines *l, size_t i)
{
	return i < l->nlines && line_end(l, i) > l->text + l->start[i] && l->text[l->start[i]] != '\f';
}

/* Line i's text past its indentation (and the page break opening it). */
static const char *line_text(const struct lines *l, size_t i)
{
	const char *s = l->text + l->start[i], *e = line_end(l, i);
	while (s < e && (*s == ' ' || *s == '\f'))
		s++;
	return s;
}

/* What a line break inside a phrase asks: nothing, the phrase's lines
 * closed up (a heading not in capitals, which the scanner's heading rule
 * does not read wrapped: imr_source_close_up) or joined (a line label),
 * or the paragraph's lines joined. */
enum join { JOIN_NONE, JOIN_HEADING, JOIN_PHRASE, JOIN_PARAGRAPH };

/* Whether phrases[p], broken at its blank at, spans the lines from k on:
 * line k ends with its words before the blank, the next lines go on with
 * the rest.  *to is the phrase's last line. */
static enum join spans(const struct lines *l, size_t p, size_t at, size_t k, size_t *to)
{
	const char *ph = phrases[p];
	const char *s = line_text(l, k), *e = line_end(l, k);
	if ((size_t)(e - s) < at || memcmp(e - at, ph, at) != 0)
		return JOIN_NONE;
	if (e - at > s && e[-(ptrdiff_t)at - 1] != ' ')
		return JOIN_NONE;
	bool before = e - at > s, after = false;
	const char *rest = ph + at + 1;
	size_t need = strlen(rest);
	bool colon = rest[need - 1] == ':';
	size_t j = k + 1;
	for (;; j++) {
		if (!continues(l, j))
			return JOIN_NONE;
		s = line_text(l, j), e = line_end(l, j);
		size_t have = (size_t)(e - s);
		if (have >= need) {
			if (memcmp(s, rest, need) != 0 || (have > need && s[need] != ' ' && !colon))
				return JOIN_NONE;
			after = have > need;
			break;
		}
		if (have == 0 || memcmp(s, rest, have) != 0 || rest[have] != ' ')
			return JOIN_NONE;
		rest += have + 1, need -= have + 1;
	}
	*to = j;
	if (p >= ENTRY_PHRASES) {
		/* A numbered entry broken inside its phrase after text ("...
		 * appropriate.  4) Regarding the request" / "for one urine drug
		 * screen: ..."): its number before it, text before that. */
		const char *n = line_end(l, k) - at - 1, *first = line_text(l, k);
		size_t d = 0;
		while (n - d - 1 > first && d < 2 && isdigit((unsigned char)n[-2 - (ptrdiff_t)d]))
			d++;
		return d && n - first > (ptrdiff_t)d + 2 && n[-1] == ')' && n[-2 - (ptrdiff_t)d] == ' ' ? JOIN_PARAGRAPH
		                                                                                    : JOIN_NONE;
	}
	bool label = p < IMR_LINE_LABEL_COUNT;
	if (before || (after && (label || !colon)))
		return JOIN_PARAGRAPH;
	if (label)
		return JOIN_PHRASE;
	/* A header label opening its line and wrapped (re-wrapped narrow:
	 * "Treatment(s) in Dispute Listed on" / "IMR Application: NORCO
	 * 10/325MG"): its lines joined, its words one label again. */
	if (p >= IMR_LINE_LABEL_COUNT + IMR_SECTION_COUNT)
		return JOIN_PHRASE;
	/* A heading that fills its lines: the scanner's heading rule reads
	 * one in capitals wrapped, not the notice's title ("Notice of
	 * Independent Medical Review" / "Determination", a centred title
	 * re-wrapped in its indent). */
	for (; *ph; ph++)
		if (*ph >= 'a' && *ph <= 'z')
			return JOIN_HEADING;
	/* One in capitals over three lines or more (a centred heading
	 * re-wrapped narrow in its indent: "HOW THE" / "IMR FINAL" /
	 * "DETERMINATION" / "WAS MADE"), which the heading rule's two lines
	 * do not reach: closed up too. */
	return j - k >= 2 ? JOIN_HEADING : JOIN_NONE;
}

/* An item's title ends the line before (in a colon), its decision opens
 * b..be, and text follows it there. */
static bool decision_wrapped(const char *b, const char *be)
{
	size_t n = (size_t)(be - b), k = n > 6 && strncasecmp(b, "upheld", 6) == 0       ? 6
	                                 : n > 10 && strncasecmp(b, "overturned", 10) == 0 ? 10 : 0;
	/* (A stop or semicolon may follow it: "Upheld. Claims ...".) */
	if (k && k + 1 < n && (b[k] == '.' || b[k] == ';'))
		k++;
	return k && k < n && b[k] == ' ';
}

/* Whether s[0..e) holds an item's decision with more text after it
 * ("consultation: Upheld Claims Administrator guideline: ..."): the end
 * of a title that began on the line before. */
static bool decision_inside(const char *s, const char *e)
{
	for (const char *c = memchr(s, ':', (size_t)(e - s)); c; c = memchr(c + 1, ':', (size_t)(e - c - 1))) {
		size_t n = (size_t)(e - c);
		if (n < 10 || c[1] != ' ' || ((c[2] | 0x20) != 'u' && (c[2] | 0x20) != 'o'))
			continue;
		if (decision_wrapped(c + 2, e))
			return true;
	}
	return false;
}

/* Whether s[0..e) ends in an item's decision after a colon or a dash
 * (": Upheld", " - Upheld."). */
static bool ends_in_decision(const char *s, const char *e)
{
	size_t n = (size_t)(e - s), sep;
	if (n <= 8 || !imr_may_end_decided(s, n))
		return false;
	return imr_decision_ending(s, n, &sep) >= 0 && !isalpha((unsigned char)s[sep]);
}

/* Where the last sentence of s[0..e) ends (after its stop: "...
 * necessary." before a capital, as lexer.l's sentence_start has it), or
 * NULL.  The sentences of a modified request's title do not count ("...
 * #90 was the original request. ... was authorized by the Claims
 * Administrator. The remaining ..."): they are the title's own (the
 * words before "Administrator." and a "request." that opens its line may
 * be on the line before). */
static const char *last_sentence_end(const char *s, const char *e)
{
	for (const char *c = e; c-- > s + 2;) {
		if (*c != '.' || !(isalpha((unsigned char)c[-1]) || c[-1] == ')') || !isalpha((unsigned char)c[-2]))
			continue;
		const char *w = c + 1;
		while (w < e && *w == ' ')
			w++;
		if (w < e && (w == c + 1 || !isupper((unsigned char)*w)))
			continue;
		size_t n = (size_t)(c - s);
		if ((n >= 16 && memcmp(c - 16, "original request", 16) == 0) || (n == 7 && memcmp(s, "request", 7) == 0) ||
		    (n >= 13 && memcmp(c - 13, "Administrator", 13) == 0))
			continue;
		return c + 1;
	}
	return NULL;
}

static bool has_lower(const char *s, const char *e)
{
	for (; s < e; s++)
		if (islower((unsigned char)*s))
			return true;
	return false;
}

/* Whether the item's title whose decision ends line k + 1 begins inside
 * a line before it, after the rationale of the item before ("... not
 * medically necessary.  Lidocaine ointment 5%" / "106.32gm: Upheld"):
 * the last sentence before the decision ends inside a line, not at its
 * end (a letter's own layout starts a title on a line of its own), and
 * not on the decision's own line (lexer.l's split_line reads that one),
 * nor before a label's or a heading's line ("... set forth below:"). */
static bool title_begins_inside(const struct lines *l, size_t k)
{
	const char *de = line_end(l, k + 1);
	if (imr_decision_stop(de[-1])) /* (the decision's own: "... - Upheld.") */
		de--;
	const char *at = last_sentence_end(line_text(l, k + 1), de);
	for (size_t i = k + 1; !at && i-- > 0 && i + 6 > k && continues(l, i + 1);) {
		const char *e = line_end(l, i), *b = line_text(l, i);
		/* A label's line or a heading's (a line without a small letter):
		 * the title starts at a line's start after it, or there. */
		if (e == b || e[-1] == ':' || !has_lower(b, e))
			return false;
		if ((at = last_sentence_end(b, e)))
			return at < e;
	}
	return false;
}

/* Whether a 2013 notice's numbered entry is parted from its number: the
 * line s..e ends in the number after text ("... under dispute: 1)"), the
 * next b..be opens with the entry's phrase ("MAXIMUS Federal Services,
 * Inc. has determined ...", "Regarding the request for ..."). */
static bool entry_wrapped(const char *s, const char *e, const char *b, const char *be)
{
	size_t n = (size_t)(e - s), m = (size_t)(be - b), d = 0;
	while (d + 1 < n && d < 2 && isdigit((unsigned char)e[-2 - (ptrdiff_t)d]))
		d++;
	if (!d || d + 2 > n || e[-2 - (ptrdiff_t)d] != ' ')
		return false;
	return (m >= 24 && strncasecmp(b, "maximus federal services", 24) == 0) ||
	       (m >= 25 && strncasecmp(b, "regarding the request for", 25) == 0);
}

/* What the line break after line k asks (line k and k + 1 are lines of
 * one paragraph, s..e line k's text, b..be the next line's); *to is the
 * last line a phrase-only join reaches. */
static enum join break_after(const struct lines *l, size_t k, const char *s, const char *e,
                             const char *b, const char *be, size_t *to)
{
	if ((e[-1] == ':' && decision_wrapped(b, be)) || decision_inside(b, be) ||
	    (ends_in_decision(b, be) && title_begins_inside(l, k)) || (e[-1] == ')' && entry_wrapped(s, e, b, be)))
		return JOIN_PARAGRAPH;
	unsigned pair = (unsigned)(unsigned char)e[-1] << 8 | (unsigned char)b[0];
	if (!(ends[pair / 64] & (UINT64_C(1) << (pair % 64))))
		return JOIN_NONE;
	const char *a = e, *w = b;
	while (a > s && a[-1] != ' ')
		a--;
	while (w < be && *w != ' ')
		w++;
	uint32_t h = pair_hash(a, (size_t)(e - a), b, (size_t)(w - b));
	if (!(bitmap[(h % BITMAP_BITS) / 64] & (UINT64_C(1) << (h % 64))))
		return JOIN_NONE;
	/* The pairs with this hash: the first by binary search (sorted). */
	size_t lo = 0, hi = npairs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pairs[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	enum join best = JOIN_NONE;
	for (size_t i = lo; i < npairs && pairs[i].hash == h && best != JOIN_PARAGRAPH; i++) {
		size_t last;
		enum join j = spans(l, pairs[i].phrase, pairs[i].at, k, &last);
		if (j > best)
			best = j, *to = last;
	}
	return best;
}

/* Make the line breaks after lines from..to-1 blanks. */
static size_t join_lines(struct lines *l, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		if (l->text[l->start[i + 1] - 1] == '\n') {
			l->text[l->start[i + 1] - 1] = ' ';
			n++;
		}
	return n;
}

size_t imr_unwrap(struct imr_source *src)
{
	if (!atomic_load_explicit(&ready, memory_order_acquire))
		pthread_once(&built, build);
	struct lines l = {.text = src->text, .start = src->line_start, .len = src->len,
	                  .nlines = src->nlines, .folded = src->folded};
	size_t joined = 0;
	/* One pass over the line breaks inside paragraphs (the line before
	 * not blank, the line after neither blank nor a page's first). */
	for (size_t k = 0; k + 1 < src->nlines; k++) {
		const char *s = src->text + src->line_start[k], *e = src->text + src->line_start[k + 1] - 1;
		/* (A line ending in a stop ends no phrase's word but the last, and
		 * a title after it opens the next line.) */
		if (e == s || *e != '\n' || e[-1] == '.' || !continues(&l, k + 1))
			continue;
		while (s < e && *s == ' ')
			s++;
		const char *b = e + 1, *be = line_end(&l, k + 1);
		while (b < be && *b == ' ')
			b++;
		size_t to = k;
		enum join j = break_after(&l, k, s, e, b, be, &to);
		if (j == JOIN_HEADING) {
			/* Closed up: the heading is one cell, no run of blanks
			 * inside it. */
			if (imr_source_close_up(src, k, to))
				joined += to - k;
			k = to - 1;
		} else if (j == JOIN_PHRASE) {
			joined += join_lines(&l, k, to);
			k = to - 1;
		} else if (j == JOIN_PARAGRAPH) {
			size_t first = k, last = k + 1;
			while (first > 0 && continues(&l, first) && line_end(&l, first - 1) > src->text + src->line_start[first - 1])
				first--;
			while (continues(&l, last + 1))
				last++;
			joined += join_lines(&l, first, last);
			k = last;
		}
	}
	return joined;
}

unsigned imr_unwrapped_line(const struct imr_source *src, uint32_t offset)
{
	unsigned k = (unsigned)imr_source_line_index(src, offset) + 1;
	/* (Back over the lines joined: a blank, or nothing, before each.) */
	while (k > 1 && src->text[src->line_start[k - 1] - 1] != '\n')
		k--;
	return k;
}
