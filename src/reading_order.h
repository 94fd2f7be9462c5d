/* reading_order.h - text whose boxes an extractor put out of reading
 * order, put back in it.
 *
 * pdfminer's pdf2txt with -V (detect vertical writing) reads the first
 * letter of many of the letter's paragraphs (the labels that open an
 * item's parts, the items' titles, "Case Number:", the summary's first
 * paragraph) as a box of vertical text of its own: the letter stands on
 * a line alone ("  T") after the paragraph that lost it ("he injured
 * worker ..."), the paragraph's first line, shifted right, is a box apart
 * from its other lines, and each group of boxes holding such a letter is
 * ordered as vertical text is, right to left: a page's boxes come out of
 * reading order (the header table after the items, a guideline's
 * continuation before its first line, an item's title after its
 * rationale).  The text carries no positions, so the order is restored
 * from the letter's words: each initial is rejoined to the word it
 * begins (the nearest box before it that it makes a known label of, then
 * the nearest that opens with a small letter), and each page's boxes are
 * put in the letter's order by what they are (the header's cells, the
 * headings, the labels that open the reviewer's and each item's parts,
 * the titles that end in a decision), the boxes of running text joined
 * to the part whose words they continue (a citation's "2004," before
 * "Section(s): ...", a sentence of the form, a sentence cut before a small
 * letter).  Lines move only within their page, and each keeps the input
 * line it came from (normalize.h's line_origin): every position still
 * names the input's line and column. */
#ifndef IMR_READING_ORDER_H
#define IMR_READING_ORDER_H

#include "normalize.h"

/* Put src's boxes back in reading order when the text has that shape:
 * two lone capitals or more (src->lone_capitals) of which two at least
 * make known labels whole.  Returns the boxes moved or rejoined (0: the
 * text is left as it was), or -1 when memory runs out (src unchanged).
 * What could not be placed is counted in src->order_unplaced. */
long imr_restore_reading_order(struct imr_source *src);

#endif
