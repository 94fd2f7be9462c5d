/* extract.h - from the parse tree to the determination as data:
 * dates, the reviewer's credentials, the patient, each item's service,
 * citations and conclusion. */
#ifndef IMR_EXTRACT_H
#define IMR_EXTRACT_H

#include "ast.h"
#include "determination.h"

void imr_extract(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
                 struct imr_determination *out);

/* The pieces, exposed for unit tests. */
int imr_extract_age(const char *summary);
enum imr_sex imr_extract_sex(const char *summary);
bool imr_extract_injury(const char *summary, struct imr_date *out);
enum imr_conclusion imr_extract_conclusion(const char *rationale);
/* Split "A, B and C" into trimmed items. */
void imr_split_list(struct imr_arena *a, const char *s, bool split_and, struct imr_strings *out);
/* A modified request: fills the three parts, or returns false. */
bool imr_extract_request(struct imr_arena *a, const char *title, const char **service,
                         const char **original, const char **authorized);

#endif
