/* folded.h - text folded at a width, its cut lines rejoined.
 *
 * Text folded at a width without regard to words (fold -w N without -s:
 * fixed-width records, some mail systems, a terminal's copy, an editor's
 * hard wrap) cuts every longer line at exactly N bytes, inside words
 * ("... an expert review" / "er. He/she has no").  Its shape: many lines
 * (eight or more, a quarter of the text's) of the longest length, none
 * longer, a third of them or more cut between two letters or digits.
 * Re-wrapping (fmt, fold -s) gives no such run of one length (an eighth
 * at most in the examples, seeds and real letters in any shape), nor does
 * a letter's own layout.
 *
 * Told after the text is read (normalize.c): end_line counts the lines of
 * the longest length and up to three less, a comparison a line, and only
 * when they say so are the input's lines looked at.  A folded text is
 * then read again, each line of the width that imr_cut_inside_word finds
 * cut going on with the next (a row of lines, each still its own input
 * line).  Ordinary text pays the counts alone. */
#ifndef IMR_FOLDED_H
#define IMR_FOLDED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "normalize.h"
#include "words.h"

/* What a folded text's cuts are told by: its width and its words. */
struct imr_folded {
	struct imr_word_table words;
	size_t width;
	/* A quarter or more of the lines of the width are followed by
	 * another: rows of three lines and more are common (a paragraph a
	 * row, pypdf's), and a line of the width after one is no sign of
	 * the letter's own lines (imr_cut_inside_word). */
	bool long_rows;
};

/* The width the input data[0..len) is folded at, or 0, from the counts of
 * its normalized lines: their longest, how many have that length, one
 * byte less, two, three, and the lines with text.  An input line longer
 * than their longest is none of a folded text's, and ends the count. */
size_t imr_folded_width(const char *data, size_t len, size_t normalized_longest,
                        const size_t at_longest[4], size_t text_lines);
/* The words of a folded text s[0..len) at f->width (f->words, the
 * caller frees f->words.w); false when memory runs out. */
bool imr_read_folded(struct imr_folded *f, const char *s, size_t len);
/* Whether the line of the width line[0..n) was cut inside a word, the
 * next line, at next (end: the input's end), going on with it. */
bool imr_cut_inside_word(const struct imr_folded *f, const char *line, size_t n, const char *next,
                         const char *end);
/* The row of a folded text that starts at line row ended, its newline at
 * nl: a line of it whose text end_line emptied (page furniture, blanks)
 * starts at the newline, so the lines' starts stay in order. */
void imr_end_folded_row(struct imr_source *src, size_t row, uint32_t nl);
/* The lines of data[0..len) that go on with the next, a bit a line (as
 * quoted-printable's soft breaks, qp.h), when it is text folded at its
 * blanks (fold -s: folded.c); else NULL.  The caller frees it. */
uint64_t *imr_folded_at_blanks(const char *data, size_t len);
/* The longest normalized line of text folded at its blanks that is
 * looked at: a letter's own lines are longer. */
enum { IMR_BLANK_FOLD_MAX = 80 };

#endif
