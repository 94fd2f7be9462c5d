/* markup.h - a letter's text with the marks of other hands: Markdown,
 * HTML rendered as text, HTML whose tags a regular expression took out.
 *
 * A PDF-to-Markdown converter (pymupdf4llm, docling, marker; pandoc and
 * html2text from a PDF's HTML) puts Markdown's marks around the letter's
 * words; a browser or a converter that renders the letter's HTML (w3m,
 * lynx, html2text, pandoc) wraps it at its own width, may leave its
 * character references ("&#160;") and draws a rule between its pages;
 * a regular expression that takes HTML's tags out leaves a stylesheet's
 * lines and a tag left open over two lines.  Such a text is told here,
 * and its marks read: imr_normalize (normalize.c) asks once the lines are
 * made, takes a line's marks out in its spacing repair's pass, where each
 * line keeps its map to the input's columns, and has what the stripped
 * tags left blanked as page furniture, each line and its place kept. */
#ifndef IMR_MARKUP_H
#define IMR_MARKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

/* Whether src is Markdown: two lines at least open with a heading's
 * "# ", a table's "|" or bold's "**" (a look at each line's first bytes). */
bool imr_markdown_marked(const struct imr_source *src);
/* One line of Markdown without its marks, from in[0..n) to out (never
 * longer), from[j] the byte of in that out[j] comes from; *in_tag says an
 * HTML tag opened on a line before is still open (false before the
 * first line).  Returns out's length. */
size_t imr_unmark_line(const char *in, size_t n, char *out, uint32_t *from, bool *in_tag);
/* One line's HTML character references ("&#160;", "&amp;") put as the
 * characters they stand for, from in[0..n) to out (never longer), from[j]
 * the byte of in that out[j] comes from.  Returns out's length. */
size_t imr_unescape_line(const char *in, size_t n, char *out, uint32_t *from);
/* Whether line s[0..n) is a rendering's rule between two pages alone:
 * forty or more of one of "━", "=", "_", "-", past blanks. */
bool imr_page_rule(const char *s, size_t n);
/* Whether src is a rendering of the letter's HTML (by the breaks it
 * wraps a word at, a rule between its pages, or character references
 * left at lines' ends); *escaped: its character references are to be put
 * as their characters (imr_unescape_line). */
bool imr_rendered_html(const struct imr_source *src, bool *escaped);
/* What a regular expression left of HTML's tags in src blanked as page
 * furniture: a stylesheet comment's lines, a run of CSS rules, a tag left
 * open to its '>' lines after, and then the HTML's file name alone on a
 * line (its title). */
void imr_blank_stripped_html(struct imr_source *src);

#endif
