/* text.h - turning AST text (line spans) into clean strings that still
 * know where they came from. */
#ifndef IMR_TEXT_H
#define IMR_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "determination.h"

/* Lines of a text joined into one string: runs of blanks collapse,
 * lines join with a space, except after a hyphenated or slashed line
 * end ("4-" + "lead", "10/14/" + "2016") where they join directly, the
 * hyphen dropped where it breaks a word (imr_mark_broken_words).  The
 * string keeps a map back to the input: where each line starts in it and
 * which line of the input that is, so any offset of the string has a
 * position (normalization keeps lines one for one). */
struct imr_joined {
	char *s;                     /* NUL-terminated, in the arena */
	size_t len;
	const struct imr_source *src;
	const struct imr_line *lines; /* the text's lines[from..to) */
	uint32_t *at;                /* where each line starts in s */
	uint32_t *line;              /* its 1-based normalized line (imr_joined_pos: the input's) */
	size_t nlines;
};

/* Which line-end hyphens break a word: a line ending in a letter and a
 * hyphen, the next line opening with a small letter ("Physical Medicine
 * & Reha-" / "bilitation"), as a viewer or an OCR'd printed copy
 * hyphenates.  The hyphen is the word's own, and stays, when the letter
 * writes the word with it elsewhere ("follow-up"), or, unless the letter
 * writes it whole elsewhere, when the word before it opens compounds
 * (vocab.h's IMR_COMPOUND_HEADS: "anti-" / "inflammatory", "one-" /
 * "month") or with a word the letter has on its own ("drug-" /
 * "taking"); else the word was broken to fit the line ("Reha-" /
 * "bilitation"), and joining the lines (imr_join) and --verify make it
 * whole.  (The letter's words are read once, only when some line ends
 * so, and only those as long as a word looked for are looked up.)  Sets
 * src->broken (in the arena) when some line does. */
void imr_mark_broken_words(struct imr_arena *a, struct imr_source *src);
/* Whether line (0-based) of src ends in a broken word. */
static inline bool imr_line_broken(const struct imr_source *src, size_t line)
{
	return src->broken && line < src->nlines && (src->broken[line / 64] >> (line % 64) & 1);
}

/* Whether c is a small letter of src, or a capital in a text of capitals
 * (onecase.h): the words of a text of one case are read in the
 * vocabulary's case, and marked broken so ("docu-" / "mented"), before
 * they are given back their capitals ("DOCU-" / "MENTED"). */
static inline bool imr_small_letter(const struct imr_source *src, char c)
{
	return (c >= 'a' && c <= 'z') || (src->one_case == IMR_CASE_UPPER && c >= 'A' && c <= 'Z');
}

void imr_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
              size_t from, size_t to, struct imr_joined *out);
/* The whole of t (NULL: the empty string, no lines). */
void imr_join_text(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                   struct imr_joined *out);
/* The position in the input of s[off] (clamped to the string). */
struct imr_pos imr_joined_pos(const struct imr_joined *j, size_t off);
static inline struct imr_pos imr_joined_pos_at(const struct imr_joined *j, const char *p)
{
	return imr_joined_pos(j, (size_t)(p - j->s));
}
/* Add the paragraphs of j (a new one at each of t's lines with
 * para_break), each with the position of its first word. */
void imr_joined_paragraphs(struct imr_arena *a, const struct imr_joined *j, struct imr_strings *out);

/* Join lines[from..to) (the string only). */
char *imr_text_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                    size_t from, size_t to);
/* Add the paragraphs of a text to out and return the whole text joined
 * ("" for NULL). */
char *imr_text_paragraphs(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_text *t, struct imr_strings *out);

/* Small string helpers.  (Phrases are found by phrase.h's matcher, a
 * text read once for all of them, never by a search per phrase.) */
/* Trim [*s, *e) of spaces and of the characters in strip at both ends,
 * and of a dangling "and" a list split leaves ("X, and"). */
void imr_trim_span(const char **s, const char **e, const char *strip);
/* Copy [s, e) trimmed as imr_trim_span does. */
char *imr_trim_copy(struct imr_arena *a, const char *s, const char *e, const char *strip);

#endif
