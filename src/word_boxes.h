/* word_boxes.h - the stage before normalization: a letter's words in
 * boxes, one a row of a tab-separated table, to the text of its lines
 * (docs/grammar.md, "Word boxes in TSV").
 *
 * Two tools write the same table: pdftotext -tsv (poppler), from a PDF's
 * text, and tesseract's tsv output (and pytesseract's image_to_data),
 * from a page's image.  Its header is "level page_num ... conf text"
 * (tesseract has block_num before par_num, poppler after); each row is
 * a page (level 1), a block (2), a paragraph or a flow (3), a line (4)
 * or a word (5) with its box.  The text made has pdftotext's shape: a
 * line for each line of words, a blank line between blocks and
 * paragraphs, a form feed opening the first line of every page after the
 * first.  Tables of several pages each with its header (tesseract run
 * page by page, the outputs joined) read as one.
 *
 * Positions: the lines of this text are the input's lines for everything
 * after this stage, as a PDF's or an HTML page's are; a row that is not
 * one of the table's is refused with its line in the table. */
#ifndef IMR_WORD_BOXES_H
#define IMR_WORD_BOXES_H

#include <stdbool.h>
#include <stddef.h>

#include "imr2xml.h"

/* Whether data is such a table: after a byte order mark, its first line
 * opens "level<TAB>page_num<TAB>" and ends "<TAB>conf<TAB>text". */
bool imr_is_word_boxes(const char *data, size_t len);

/* The text of the table's words (malloc'ed, *text_len bytes, not
 * NUL-terminated).  NULL, with an error in diags, when it is refused:
 * larger than opt->max_input_bytes, a row without the table's twelve
 * columns or a level of its five, or no word at all. */
char *imr_word_boxes_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                          struct imr_diags *diags);

#endif
