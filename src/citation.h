/* citation.h - reading the guidelines a paragraph cites. */
#ifndef IMR_CITATION_H
#define IMR_CITATION_H

#include "determination.h"
#include "phrase.h"
#include "text.h"

/* Fill g->citations from the guideline text g->text:
 * "Decision based on MTUS <document> [year], Section(s): ... Page(s): ..."
 * "Decision based on Non-MTUS Citation Official Disability Guidelines ..." */
void imr_citations_read(struct imr_arena *a, struct imr_guideline_facts *g);
/* The same from the occurrences of the guideline phrases in g->text
 * (phrase.h's GUIDELINE set), with the positions of what is read when j
 * (the joined text g->text is) is not NULL. */
void imr_citations_read_hits(struct imr_arena *a, struct imr_guideline_facts *g,
                             const struct imr_hits *h, const struct imr_joined *j);

#endif
