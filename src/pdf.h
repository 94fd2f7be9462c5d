/* pdf.h - the stage before normalization: a PDF's bytes to the text of
 * its pages, through poppler-glib (docs/pdf.md).
 *
 * The text has the shape of `pdftotext` output, which the rest of the
 * pipeline reads: each page's lines in poppler's reading order, and a
 * form feed opening the first line of every page after the first, so
 * the normalizer sees the page boundaries (page furniture, the page
 * index of struct imr_source). */
#ifndef IMR_PDF_H
#define IMR_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "imr2xml.h"

/* Whether data is a PDF: it starts with the "%PDF-" magic. */
bool imr_is_pdf(const char *data, size_t len);

/* Whether data is a known format that is neither a PDF nor text (a JPEG
 * image, a ZIP archive...): then an error in diags names it, "not a PDF
 * (a JPEG image)" when opt->source_name ends in .pdf. */
bool imr_refuse_other_format(const char *data, size_t len, const struct imr_options *opt,
                             struct imr_diags *diags);

/* The text of a PDF (malloc'ed, *text_len bytes, not NUL-terminated),
 * and its page count in *pages.  NULL, with an error in diags, when it is
 * refused: larger than opt->max_input_bytes, truncated or damaged,
 * encrypted with a password, more than opt->max_pages pages, text over
 * opt->max_input_bytes, or no text layer at all.  Safe to call from
 * several threads at once. */
char *imr_pdf_text(const char *data, size_t len, const struct imr_options *opt, size_t *text_len,
                   size_t *pages, struct imr_diags *diags);

#endif
