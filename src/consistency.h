/* consistency.h - after extraction: is the letter whole and does it agree
 * with itself?  What is found becomes data (warning elements, the
 * manifest's warnings column), and a warning on stderr too; a warning
 * never makes a document fail. */
#ifndef IMR_CONSISTENCY_H
#define IMR_CONSISTENCY_H

#include "ast.h"
#include "determination.h"

/* Fill det->warnings (and det->outcome) from the facts, the AST and the
 * source; each warning is also added to diags. */
void imr_check(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
               struct imr_determination *det, struct imr_diags *diags);

#endif
