/* extract.h - from the parse tree to the determination as data:
 * dates, the reviewer's credentials, the patient, each item's service,
 * citations and conclusion. */
#ifndef IMR_EXTRACT_H
#define IMR_EXTRACT_H

#include <stdint.h>

#include "ast.h"
#include "determination.h"

void imr_extract(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
                 struct imr_determination *out);

/* The page of a line of d's input, or 0 when the input has one page. */
unsigned imr_line_page(const struct imr_determination *d, unsigned line);

/* The pieces, exposed for unit tests. */
int imr_extract_age(const char *summary);
enum imr_sex imr_extract_sex(const char *summary);
bool imr_extract_injury(const char *summary, struct imr_date *out);
enum imr_conclusion imr_extract_conclusion(const char *rationale);
/* The diagnoses a case summary states, each on its own. */
void imr_extract_diagnoses(struct imr_arena *a, const char *summary, struct imr_strings *out);

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
