/* html.h - the stage before normalization: an HTML or XHTML page's bytes
 * to the text of its lines, through libxml2's HTML parser (docs/grammar.md,
 * "HTML input").
 *
 * The text has the shape of pdftotext output, as the PDF stage's has: a
 * line for each block of the page (a paragraph, a div, a heading, a list
 * item, a table row, a line of a <pre>) and for each <br>, the inline
 * text of a block joined on its line, white space collapsed as a browser
 * does; and a form feed opening the first line of every page after the
 * first, where converters of PDFs mark their pages (pdftohtml's numbered
 * anchors and rules, PDFBox's and Apache Tika's page divs, MuPDF's
 * "pageN" divs, pdftotext -bbox's <page>s) and at every <hr>.  So
 * pdftohtml's one line per text run stays one line per run, pdftotext
 * -bbox's words make the lines their boxes share, and page furniture and
 * running lines are seen as in pdftotext's text.
 *
 * Positions: the lines of this text are the input's lines for everything
 * after this stage, as a PDF's text lines are: a diagnostic's FILE:LINE,
 * the XML's line="" and page="" and --verify's report count the lines
 * made here, not the lines of the HTML source. */
#ifndef IMR_HTML_H
#define IMR_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "imr2xml.h"

/* Whether data is an HTML or XHTML page, by its first bytes: after a
 * byte order mark, blanks and comments, "<!DOCTYPE html", "<html", or an
 * XML declaration followed by either (ASCII case ignored).  A letter's
 * text that has tags in it is not one. */
bool imr_is_html(const char *data, size_t len);

/* The text of the page (malloc'ed, *text_len bytes, UTF-8, not
 * NUL-terminated).  NULL, with an error in diags, when it is refused:
 * larger than opt->max_input_bytes, unreadable, or holding no text (a
 * frameset's text is in its frames' pages: the error names them).  Safe
 * to call from several threads at once. */
char *imr_html_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                    struct imr_diags *diags);

#endif
