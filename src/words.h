/* words.h - the words of a letter, counted, and the form's.
 *
 * Two repairs of normalize ask whether pieces of text are one word: the
 * words loose spacing split ("bas ed", normalize.c) and the words a fold
 * at a width cut ("review" / "er", folded.c).  A word is a run of ASCII
 * letters no digit touches (and a hyphenated pair: "Non-MTUS"); a table
 * holds a text's words, pointing into the text, each with the times it
 * stands and the times it is a piece of a split one, compared without
 * case.  The form's words (vocab.h's headings and labels, phrase.h's
 * phrases, the request lexicon) are a table made once a process.  And the
 * shape of the one word normalize and running.c both know by its form, a
 * case number. */
#ifndef IMR_WORDS_H
#define IMR_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A word of a table: its letters at s, n of them (s NULL: a free slot). */
struct imr_word {
	const char *s;
	uint32_t n;
	uint32_t count, pieces; /* the letter's: times it stands, times it is a piece */
};

struct imr_word_table {
	struct imr_word *w;
	size_t mask, used;
};

static inline char imr_fold_ascii(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }
static inline bool imr_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline bool imr_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool imr_letter(char c) { return imr_lower(c) || imr_upper(c); }
static inline bool imr_alnum(char c) { return imr_letter(c) || (c >= '0' && c <= '9'); }

/* The bytes of input from p to its line's end. */
static inline size_t imr_line_length(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;
	while (q < end && *q != '\n' && *q != '\r')
		q++;
	return (size_t)(q - p);
}

/* The slot of a then b, one word (its entry, or the free slot where it
 * would go). */
struct imr_word *imr_word_slot(const struct imr_word_table *t, const char *a, size_t na, const char *b,
                               size_t nb);
/* Each word of s[0..n) into t, counted; false when memory runs out. */
bool imr_add_words(struct imr_word_table *t, const char *s, size_t n);
/* The word (a run of letters no digit touches) ending at s[e], or
 * opening s[i..n): its length, 0 if none. */
size_t imr_letters_before(const char *s, size_t e);
size_t imr_letters_after(const char *s, size_t i, size_t n);
/* Make the form's words, once a process (before imr_form_word). */
void imr_read_form_words(void);
/* a then b is a word of the form. */
bool imr_form_word(const char *a, size_t na, const char *b, size_t nb);
/* a then b is a word of the letter (t) or the form. */
bool imr_known_word(const struct imr_word_table *t, const char *a, size_t na, const char *b, size_t nb);

/* A DWC case number alone on a line (CM16-0228949): where it starts, past
 * the blanks and the page break before it; NULL if the line is no such. */
const char *imr_case_number_in(const char *s, size_t n);

#endif
