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

/* The items that cannot be written: one without a title (only its
 * decision) is dropped, its text kept as unparsed; one whose decision the
 * letter states nowhere is an error.  Each is an error in diags; false
 * when there was any (det->complete is then false). */
bool imr_check_items(struct imr_arena *a, const struct imr_source *src,
                     const struct imr_document *doc, struct imr_determination *det,
                     struct imr_diags *diags);

#endif
