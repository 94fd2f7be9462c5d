/* text.h - turning AST text (line spans) into clean strings. */
#ifndef IMR_TEXT_H
#define IMR_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "determination.h"

/* Join lines[from..to) into one string: runs of spaces collapse, lines
 * join with a space, except after a hyphenated or slashed line end
 * ("4-" + "lead", "10/14/" + "2016") where they join directly. */
char *imr_text_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                    size_t from, size_t to);
/* Add the paragraphs of a text (split where a line has para_break) to
 * out, and return the whole text joined ("" for NULL). */
char *imr_text_paragraphs(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_text *t, struct imr_strings *out);

/* Small string helpers over NUL-terminated text. */
const char *imr_find_ci(const char *hay, const char *needle);   /* case-insensitive */
const char *imr_find_ci_n(const char *hay, size_t n, const char *needle); /* in hay[0..n) */
const char *imr_rfind_ci_n(const char *hay, size_t n, const char *needle); /* the last one */
bool imr_starts_ci(const char *s, const char *prefix);
/* Copy [s, e) trimmed of spaces and of the characters in strip at both ends. */
char *imr_trim_copy(struct imr_arena *a, const char *s, const char *e, const char *strip);

#endif
