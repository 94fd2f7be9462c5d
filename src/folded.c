#define _GNU_SOURCE /* memmem */
/* folded.c - text folded at a width: told, and its cuts found (folded.h). */
#include "folded.h"

#include <stdlib.h>
#include <string.h>

#include "words.h"

static bool folded_wide(const char *data, size_t len, size_t width, size_t at);

size_t imr_folded_width(const char *data, size_t len, size_t normalized_longest,
                        const size_t at_longest[4], size_t text_lines)
{
	/* (Many lines of the longest length: a quarter of the text, or,
	 * folded wider, two thirds as many as those up to three shorter.) */
	const size_t *c = at_longest;
	size_t at = c[0] + c[1];
	if (normalized_longest < 20 || !((at >= 8 && at * 4 >= text_lines) || (c[0] >= 8 && c[0] * 3 >= (c[1] + c[2] + c[3]) * 2)))
		return 0;
	size_t longest = 0, inside = 0;
	at = 0;
	const char *e = data + len;
	for (const char *l = data, *nl = NULL; l < e; l = nl + 1) {
		if (!(nl = memchr(l, '\n', (size_t)(e - l))))
			nl = e;
		size_t n = (size_t)(nl - l) - (nl > l && nl[-1] == '\r');
		if (n < longest || !n)
			continue;
		if (n > normalized_longest + 4) /* (a character or two decoded longer) */
			return 0;
		if (n > longest)
			longest = n, at = inside = 0;
		at++;
		inside += nl + 1 < e && imr_alnum(l[n - 1]) && imr_alnum(nl[1]);
	}
	if (longest < 20 || at < 8 || inside * 3 < at)
		return 0;
	return at * 4 >= text_lines || folded_wide(data, len, longest, at) ? longest : 0;
}

/* A word of a folded text that stands alone: somewhere in the letter not
 * as a piece at a line's end or start, or a word of the form's of three
 * letters or more (not "de" or "re", which the lexicon has). */
static bool standing(const struct imr_word_table *t, const char *a, size_t na)
{
	if (na == 1 && imr_fold_ascii(a[0]) != 'a')
		return false;
	const struct imr_word *w = imr_word_slot(t, a, na, "", 0);
	return (w->s && w->count > w->pieces) || (na >= 3 && imr_form_word(a, na, "", 0));
}

/* Whether a[0..n), six letters or more, opens a word that stands alone
 * and is another ("recommendation(s)" and "recommended"): a word's first
 * part, not a piece of one cut.  Every word of the table is looked at:
 * a few times a folded text. */
static bool stem_standing(const struct imr_word_table *t, const char *a, size_t n)
{
	enum { STEM = 6 };
	if (n < STEM)
		return false;
	for (size_t i = 0; i <= t->mask; i++) {
		const struct imr_word *w = &t->w[i];
		size_t k = 0;
		if (!w->s || w->n < STEM || w->count <= w->pieces)
			continue;
		while (k < STEM && imr_fold_ascii(w->s[k]) == imr_fold_ascii(a[k]))
			k++;
		if (k == STEM)
			return true;
	}
	return false;
}

/* Whether a[0..n), six letters or more, ends as two other words of
 * five or more that stand alone end, in their last three letters
 * ("conservative" as "positive" and "objective", "determine" as
 * "examine" and "medicine"): a word's end, though the letter has the
 * word nowhere else, not the first piece of one cut ("hydroco" /
 * "done").  Every word of the table is looked at: a few times a folded
 * text. */
static bool ending_standing(const struct imr_word_table *t, const char *a, size_t n)
{
	enum { END = 3 };
	if (n < 6)
		return false;
	size_t found = 0;
	for (size_t i = 0; i <= t->mask; i++) {
		const struct imr_word *w = &t->w[i];
		size_t k = 0;
		if (!w->s || w->n < 5 || w->count <= w->pieces)
			continue;
		while (k < END && imr_fold_ascii(w->s[w->n - 1 - k]) == imr_fold_ascii(a[n - 1 - k]))
			k++;
		if (k == END && ++found >= 2)
			return true;
	}
	return false;
}

/* The words of a folded text s[0..len) (f->width its width), the last
 * word of each line of the width and the first of the line after it
 * counted as pieces (of a word the folding cut, or two words).  False
 * when memory runs out. */
bool imr_read_folded(struct imr_folded *f, const char *s, size_t len)
{
	imr_read_form_words();
	/* (Room for the words at once: a letter has a distinct word in some
	 * twenty bytes, the table grown is rehashed.) */
	size_t slots = 1024;
	while (slots * 2 < len / 10)
		slots *= 2;
	if (!(f->words.w = calloc(slots, sizeof *f->words.w)))
		return false;
	f->words.mask = slots - 1;
	if (!imr_add_words(&f->words, s, len))
		return false;
	const char *e = s + len;
	size_t at = 0, runs = 0;
	bool after = false; /* (the line before had the width) */
	for (const char *l = s, *nl; l < e && (nl = memchr(l, '\n', (size_t)(e - l))); l = nl + 1) {
		size_t n = (size_t)(nl - l) - (nl > l && nl[-1] == '\r'), na, nb;
		at += n == f->width, runs += after && n == f->width;
		after = n == f->width;
		if (n != f->width || !(na = imr_letters_before(l, n)) ||
		    !(nb = imr_letters_after(nl + 1, 0, imr_line_length((const unsigned char *)nl + 1, (const unsigned char *)e))))
			continue;
		struct imr_word *w = imr_word_slot(&f->words, l + n - na, na, "", 0);
		w->pieces += w->s != NULL;
		w = imr_word_slot(&f->words, nl + 1, nb, "", 0);
		w->pieces += w->s != NULL;
	}
	f->long_rows = runs * 4 >= at;
	return true;
}

/*
 * Text folded at a width most of its lines fit in (fold -w 95 of letters
 * whose own lines are about that wide) has too few cut lines to be a
 * quarter of its text.  It is told by the at lines of the width, none
 * longer, being more than the lines one to three bytes shorter (three in
 * four of them at least: a letter's own lines, fmt's, have their longest
 * at most three in five as often as those) and by two cuts at least whose
 * pieces are together a word of the letter and are not two words that
 * stand alone ("revi" / "ew": no letter's own line ends so, in none of
 * the examples, seeds and real letters in any shape).  The words are
 * read only when the lines' lengths say so.
 */
static bool folded_wide(const char *data, size_t len, size_t width, size_t at)
{
	size_t near = 0;
	const char *e = data + len;
	for (const char *l = data, *nl = NULL; l < e; l = nl + 1) {
		if (!(nl = memchr(l, '\n', (size_t)(e - l))))
			nl = e;
		size_t n = (size_t)(nl - l) - (nl > l && nl[-1] == '\r');
		near += n < width && n + 3 >= width;
	}
	if (at * 4 < near * 3)
		return false;
	struct imr_folded f = {.width = width};
	size_t rejoined = 0;
	if (imr_read_folded(&f, data, len)) {
		for (const char *l = data, *nl; l < e && rejoined < 2 && (nl = memchr(l, '\n', (size_t)(e - l))); l = nl + 1) {
			size_t n = (size_t)(nl - l) - (nl > l && nl[-1] == '\r'), na, nb;
			if (n != width || !(na = imr_letters_before(l, n)) ||
			    !(nb = imr_letters_after(nl + 1, 0, imr_line_length((const unsigned char *)nl + 1, (const unsigned char *)e))))
				continue;
			const struct imr_word *w = imr_word_slot(&f.words, l + n - na, na, nl + 1, nb);
			rejoined += w->s && w->count > 0 && !(standing(&f.words, l + n - na, na) && standing(&f.words, nl + 1, nb));
		}
	}
	free(f.words.w);
	return rejoined >= 2;
}

/* Whether next[0..m) opens with blanks up to the column where the line
 * of the width line[0..n) has a word after blanks: a `-layout` table's
 * column ("Priority: Standard    Application   03/14/2017" / "      Received:"
 * under "Application", 85 columns), the next line the letter's own.  A
 * fold that cut a row in its blanks leaves the rest at any column. */
static bool own_column(const char *line, size_t n, const char *next, size_t m)
{
	size_t k = 0;
	while (k < m && next[k] == ' ')
		k++;
	return k >= 2 && k < m && k < n && line[k - 2] == ' ' && line[k - 1] == ' ' && line[k] != ' ';
}

/* Whether the line of the width line[0..n) was cut by the folding inside
 * a word, the next line, at next, going on with it: yes where the letters
 * on both sides are a word together ("review" / "er. He/she") and where
 * a blank meets the cut (but at a `-layout` column: own_column); no where a
 * small letter, a stop or a digit meets a capital (the line had the width
 * itself: "... Trigger Finger." / "MAXIMUS guideline:", "Section(s): 1.4"
 * / "Opioids for ...", "... 2 weeks: Upheld" / "Claims Administrator"),
 * a colon a number ("Compensation:" / "1) MAXIMUS ..."), a word a
 * parenthesis opening capitals ("Guidelines" / "(ODG) Low Back") or a
 * number ("... and Flexeril" / "5mg."); nor between two words that stand
 * alone ("... is not medically" / "necessary."), the second perhaps only
 * as another's first letters ("... based their decision on" /
 * "recommendation(s)", and "recommended"), nor before a line itself of the
 * width after a word that stands alone ("He/she has no" / "affiliation"
 * at 89 columns); else yes (a word the letter has nowhere else whole:
 * "hydroco" / "done"). */
bool imr_cut_inside_word(const struct imr_folded *f, const char *line, size_t n, const char *next,
                         const char *end)
{
	const struct imr_word_table *t = &f->words;
	size_t m = imr_line_length((const unsigned char *)next, (const unsigned char *)end);
	size_t na = imr_letters_before(line, n), nb = na ? imr_letters_after(next, 0, m) : 0;
	char a = line[n - 1], b = *next;
	const char *w = line + n - na;
	if (a == ' ' || b == ' ')
		return !own_column(line, n, next, m);
	if (na && nb && imr_known_word(t, w, na, next, nb))
		return true;
	/* A word's end, and a word after it: a comma or semicolon a word
	 * follows with no blank ("shoulder;" / "tenderness"), a number a
	 * word of four letters or more ("at 90" / "degrees", "8" /
	 * "sessions"; not "5" / "mg"), a possessive ("patient's" / "age"). */
	size_t nw = imr_letters_after(next, 0, m);
	if (imr_letter(b) && (a == ',' || a == ';'))
		return false;
	if (a >= '0' && a <= '9' && nw >= 4 && standing(t, next, nw))
		return false;
	if (na == 1 && (a == 's' || a == 'S') && n >= 3 && line[n - 2] == '\'' && imr_letter(line[n - 3]) && nw &&
	    standing(t, next, nw))
		return false;
	if (imr_upper(b) && (imr_lower(a) || (a >= '0' && a <= '9') || (a && strchr(".,;:!?)", a))))
		return false;
	if ((b == '(' && m > 1 && imr_upper(next[1]) && imr_alnum(a)) || ((a == ':' || a == ';') && b >= '0' && b <= '9'))
		return false;
	/* A quotation opening on the next line after a word ("ODG states" /
	 * "\"Patients should"): a quote between two letters is none. */
	if (imr_letter(a) && ((b == '"' && m > 1 && imr_letter(next[1])) ||
	                  (m > 3 && memcmp(next, "\xe2\x80\x9c", 3) == 0 && imr_letter(next[3]))))
		return false;
	if (na > 1 && b >= '0' && b <= '9' && standing(t, w, na))
		return false;
	if (!na || !nb)
		return true;
	if (!standing(t, w, na)) /* (a word the letter has once, before one it has often) */
		return !(nb >= 2 && standing(t, next, nb) && ending_standing(t, w, na));
	/* A word that stands alone before one the letter has only here, the
	 * next line itself of the width: the letter's own two lines, for a
	 * row cut twice would be twice the width, and the letter's own lines
	 * come near the width (the fold barely wider than its lines: "He/she
	 * has no" / "affiliation", "and" / "regulations," at 86 to 97
	 * columns); but not in a text whose rows often run over three lines
	 * (pypdf's paragraphs: "loss of conscious" / "ness of 30 ..."). */
	return (m != n || f->long_rows) && !(standing(t, next, nb) || stem_standing(t, next, nb));
}

void imr_end_folded_row(struct imr_source *src, size_t row, uint32_t nl)
{
	for (size_t i = row + 1; i < src->nlines; i++)
		if (src->line_start[i] > nl)
			src->line_start[i] = nl;
}

/*
 * Text folded at its blanks (fold -s -w N): a line longer than N is cut
 * after its last blank in the first N columns (bytes), the blank kept at
 * the cut line's end, or at N bytes when it has none (a URL, a long drug
 * name); no line is longer.  A cut line so ends in a blank, and the next
 * line's first word did not fit after it: its bytes and the word's make
 * N or more.  pdftotext's and fmt's lines end in no blank, fold -w's
 * rarely so (an eighth of its lines at most), and the lines of the seeds
 * and examples that do are in wider text (the caller asks only of text
 * whose lines are all 80 bytes or fewer).  The rows the cut lines make
 * are the input's own lines again, byte for byte.
 */
uint64_t *imr_folded_at_blanks(const char *data, size_t len)
{
	const char *e = data + len;
	/* (Lines broken otherwise than by a newline would be counted apart
	 * from normalize.c's: not read so.) */
	if (memchr(data, '\r', len) || memchr(data, '\v', len) || memmem(data, len, "\xc2\x85", 2) ||
	    memmem(data, len, "\xe2\x80\xa8", 3) || memmem(data, len, "\xe2\x80\xa9", 3))
		return NULL;
	size_t width = 0, lines = 0, text = 0, cuts = 0;
	for (const char *l = data, *nl; l < e; l = nl + 1, lines++) {
		if (!(nl = memchr(l, '\n', (size_t)(e - l))))
			nl = e;
		if ((size_t)(nl - l) > width)
			width = (size_t)(nl - l);
		text += nl > l;
	}
	uint64_t *soft = calloc(lines / 64 + 1, sizeof *soft);
	if (!soft || width < 20)
		return free(soft), NULL;
	size_t i = 0;
	for (const char *l = data, *nl; l < e && (nl = memchr(l, '\n', (size_t)(e - l))); l = nl + 1, i++) {
		size_t n = (size_t)(nl - l), k = 0;
		const char *next = nl + 1;
		if (!n || next >= e || *next == '\n')
			continue;
		while (next + k < e && next[k] != ' ' && next[k] != '\n')
			k++;
		if ((l[n - 1] == ' ' && n + k >= width) || (n == width && !memchr(l, ' ', n))) {
			soft[i / 64] |= UINT64_C(1) << (i % 64);
			cuts++;
		}
	}
	if (cuts < 8 || cuts * 4 < text)
		return free(soft), NULL;
	return soft;
}
