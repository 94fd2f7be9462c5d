/* running.h - running headers and footers that are not the letter's.
 *
 * Another tool's lines around each page (a browser's print of the PDF:
 * its date and the file's name atop a page, its address and "1/4" at the
 * foot; a fax machine's line atop each page; a Bates number at the foot)
 * are found by repetition, not by their words: a line that opens (or
 * closes) every page, the same once its digits are masked, is no line of
 * the letter.  Lines are compared as "masked": blanks at either end
 * dropped, a run of blanks one blank, a run of digits one digit.  With
 * pages such a line has digits and is at every page's edge (or all but
 * the first's or the last's, when one of its digit runs counts the pages
 * up), or has none and stands atop every page, the first too, above the
 * letter's first heading or label (a stamp); without pages one of its
 * digit runs, wherever it stands, counts up by one from each place to the
 * next (a date's runs and a list's number never do: they are the
 * letter's own).  Such a line is emptied as page furniture is
 * (normalize.c), its line and its place kept, so every position is still
 * the input's.
 *
 * Run by imr_normalize once the lines are made; it reads each page's edge
 * lines (with pages) or the lines with a digit (without). */
#ifndef IMR_RUNNING_H
#define IMR_RUNNING_H

#include "normalize.h"

/* Empty src's running lines: by the pages' edges when the text has
 * pages, by counting lines when it has none.  False when memory ran out. */
bool imr_blank_running_lines(struct imr_source *src);

#endif
