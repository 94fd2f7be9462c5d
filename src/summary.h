/* summary.h - the facts of the case summary (summary.c): extract.c calls
 * imr_extract_summary; the pieces are exposed for unit tests. */
#ifndef IMR_SUMMARY_H
#define IMR_SUMMARY_H

#include <stdint.h>

#include "ast.h"
#include "determination.h"

/* The patient, the injury, the UR dates, the diagnoses, the medications
 * and the paragraphs of the CLINICAL CASE SUMMARY section s. */
void imr_extract_summary(struct imr_arena *a, const struct imr_source *src,
                         const struct imr_summary_section *s, struct imr_determination *out);

int imr_extract_age(const char *summary);
enum imr_sex imr_extract_sex(const char *summary);
bool imr_extract_injury(const char *summary, struct imr_date *out);
/* The diagnoses a case summary states, each on its own; codes (or NULL)
 * gets, item for item, the ICD code printed with each, or NULL. */
void imr_extract_diagnoses(struct imr_arena *a, const char *summary, struct imr_strings *out,
                           struct imr_strings *codes);

/* The drugs named in s[0..n): their spans, in order, and an identity and
 * a class each (the drug lexicon's entry and class token). */
struct imr_drug_name {
	uint32_t start, end;
	const void *drug;
	const char *drug_class;
	const char *generic; /* or NULL */
	const char *form;    /* the form written after it, or NULL */
};
typedef size_t imr_drug_finder(struct imr_arena *a, const char *s, size_t n,
                               struct imr_drug_name **out);
/* The drug lexicon's finder (lexicon.h). */
extern imr_drug_finder *const imr_lexicon_drugs;
/* The drugs a case summary says the patient takes, found by find. */
size_t imr_extract_medications(struct imr_arena *a, const char *summary, imr_drug_finder *find,
                               struct imr_medication **out);

#endif
