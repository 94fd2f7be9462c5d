/* extract.h - from the parse tree to the determination as data:
 * dates, the reviewer's credentials, the patient, each item's service,
 * citations and conclusion. */
#ifndef IMR_EXTRACT_H
#define IMR_EXTRACT_H

#include <stdint.h>

#include "ast.h"
#include "determination.h"
#include "summary.h"

void imr_extract(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
                 struct imr_determination *out);

/* The page of a line of d's input, or 0 when the input has one page. */
unsigned imr_line_page(const struct imr_determination *d, unsigned line);

/* The pieces, exposed for unit tests (the summary's: summary.h). */
enum imr_conclusion imr_extract_conclusion(const char *rationale);
/* Split "A, B and C" into trimmed items. */
void imr_split_list(struct imr_arena *a, const char *s, bool split_and, struct imr_strings *out);
/* "A, B and C" of board certifications, a board's own "and" kept. */
void imr_split_specialties(struct imr_arena *a, const char *s, struct imr_strings *out);
/* A cover page's treatments list, its lines as extracted. */
void imr_split_treatments(struct imr_arena *a, const char *const *lines, size_t n,
                          struct imr_strings *out);
/* An entry of a 2013 notice's numbered list, the words after its number. */
void imr_read_list_entry(struct imr_arena *a, const char *s, unsigned n,
                         struct imr_list_decision *out);
/* A modified request: fills the three parts, or returns false. */
bool imr_extract_request(struct imr_arena *a, const char *title, const char **service,
                         const char **original, const char **authorized);

#endif
