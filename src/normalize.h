/* normalize.h - first stage: raw bytes to clean UTF-8 lines.
 *
 * The normalized text keeps the input's lines one for one, so a line in
 * it is a line of the original file (and a line whose characters moved
 * keeps a map to its original columns): UTF-16 and quoted-printable
 * (qp.h) are decoded, CRLF and lone CR become LF, form feeds, tabs and
 * no-break spaces become spaces,
 * forbidden control characters become spaces, Windows-1252 bytes are
 * decoded, a line with a non-ASCII character is folded to NFKC
 * (ligatures, the many spaces, full-width forms: libunistring) and loses
 * its invisible characters (soft hyphens, zero-width spaces), trailing
 * blanks go, page furniture lines ("Page 2 of 4", a repeated case number)
 * are emptied, in text a fixed-pitch extraction spread out ("The   expert
 * reviewer") each run of blanks becomes one, and in text with blanks
 * wherever the glyphs had a gap (pypdf: "guideline :", "bas ed") the
 * spacing is repaired and split words rejoined.  An e-mail's headers and
 * MIME boundaries, and what a regular expression left of HTML's tags (a
 * stylesheet, an <img> over its data: URI), are blanked as furniture.
 *
 * Pages: a form feed that opens a line (pdftotext's page break, and the
 * PDF stage's) starts a new page at that line; the page index maps a byte
 * offset to its 1-based page. */
#ifndef IMR_NORMALIZE_H
#define IMR_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "imr2xml.h"
#include "source.h"

/* Returns false (with an error in diags) when the input is refused:
 * empty, binary, UTF-16 that is not, or larger than opt->max_input_bytes. */
bool imr_normalize(const char *data, size_t len, const struct imr_options *opt,
                   struct imr_source *out, struct imr_diags *diags);

/* The length of the valid UTF-8 sequence (XML's characters only) at
 * p[0..n), or 0. */
size_t imr_utf8_length(const unsigned char *p, size_t n);

#endif
