/* unwrap.h - lines re-wrapped at another width, joined again for the
 * scanner.
 *
 * Text re-wrapped at another width (a mail client at 72 columns, a tool
 * that reflows paragraphs, a copy from a narrower window) breaks its lines
 * anywhere: a heading or a line label can start in the middle of one line
 * and end on the next, an item's decision open the line after its title.
 * The scanner reads a line at a time and finds a known phrase anywhere
 * inside a line (lexer.l: split_line), so such a paragraph is given to it
 * as one line: its line breaks become blanks in place.  The line index is
 * not touched, so every position still names its original line. */
#ifndef IMR_UNWRAP_H
#define IMR_UNWRAP_H

#include "normalize.h"

/* Join the paragraphs of src whose line breaks fall inside a phrase (see
 * unwrap.c); returns how many line breaks were made blanks.  Idempotent. */
size_t imr_unwrap(struct imr_source *src);

/* The 1-based normalized line the scanner's line holding offset starts on: the
 * offset's own line, or the first of the lines imr_unwrap joined with it
 * (the header's rows are the scanner's lines, header.c). */
unsigned imr_unwrapped_line(const struct imr_source *src, uint32_t offset);

#endif
