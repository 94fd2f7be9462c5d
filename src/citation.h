/* citation.h - reading the guidelines a paragraph cites. */
#ifndef IMR_CITATION_H
#define IMR_CITATION_H

#include "determination.h"

/* Fill g->citations from the guideline text g->text:
 * "Decision based on MTUS <document> [year], Section(s): ... Page(s): ..."
 * "Decision based on Non-MTUS Citation Official Disability Guidelines ..." */
void imr_citations_read(struct imr_arena *a, struct imr_guideline_facts *g);

#endif
