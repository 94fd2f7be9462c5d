/*
 * phrase.h - the phrases extraction reads, and the matcher that finds
 * all of them in one pass over a text.
 *
 * The phrases are a table (X-macros, one line each, like vocab.h): each
 * belongs to the sets of the texts it is looked for in.  At first use
 * every set is compiled into an Aho-Corasick automaton over byte classes
 * (letters folded to lower case, '#' standing for any digit), so a text
 * is read once, byte by byte, whatever the number of phrases, and every
 * occurrence of every phrase of the set comes out with its offset:
 * substrings, overlaps and all.  What a reader makes of an occurrence
 * (a whole word? the right words around it?) is the reader's business;
 * the matcher only drops, for the phrases flagged so, those that cannot
 * be what the flag says.
 */
#ifndef IMR_PHRASE_H
#define IMR_PHRASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* The texts searched, each for its own phrases. */
#define IMR_PHRASE_SETS(X)                                                                \
	X(SUMMARY)    /* the case summary: patient, injury, reviews, dates */            \
	X(REVIEWER)   /* how the determination was made: credentials */                  \
	X(GUIDELINE)  /* a guideline paragraph: citations */                             \
	X(TITLE)      /* an item's title: a modified request */                          \
	X(LIST)       /* an entry of a 2013 notice's numbered list */                    \
	X(CONCLUSION) /* a rationale, read backwards from its end */                     \
	X(CLAUSE)     /* the sentence of a conclusion: negation, clauses, conditions */ \
	X(DATES)      /* a record of DOCUMENTS REVIEWED: its dates, where one opens */

enum imr_phrase_set {
#define IMR_PHRASE_SET_ENUM(id) IMR_SET_##id,
	IMR_PHRASE_SETS(IMR_PHRASE_SET_ENUM) IMR_PHRASE_SET_COUNT
};
#define IMR_IN(set) (1u << IMR_SET_##set)

/* Flags: what the matcher checks of an occurrence before reporting it.
 *   ALPHA  no letter on either side (a pronoun: "he", not "the")
 *   NUMBER no letter or digit before it (the start of a numeric date)
 *   MONTH  no letter or digit before it, and a capital first letter
 *          ("Mar", the start of "March 3, 2016") */
enum { IMR_PH_ALPHA = 1, IMR_PH_NUMBER = 2, IMR_PH_MONTH = 4 };

/* X(ID, "phrase", sets, flags).  Case does not matter; '#' is any digit.
 * The MTUS documents are in citation.c's order of preference (a longer
 * name first where one begins another). */
#define IMR_PHRASES(X)                                                                    \
	/* ---- sentences and lists ---- */                                           \
	X(PERIOD, ".", IMR_IN(SUMMARY) | IMR_IN(REVIEWER), 0)                             \
	X(SEMICOLON, ";", IMR_IN(SUMMARY) | IMR_IN(CLAUSE), 0)                            \
	X(COMMA, ",", IMR_IN(REVIEWER) | IMR_IN(CLAUSE), 0)                               \
	X(PERIOD_SPACE, ". ", IMR_IN(REVIEWER) | IMR_IN(GUIDELINE), 0)                    \
	/* ---- dates: where one may start ---- */                                      \
	X(DATE_D_SLASH, "#/", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_NUMBER)             \
	X(DATE_D_DASH, "#-", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_NUMBER)              \
	X(DATE_DD_SLASH, "##/", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_NUMBER)           \
	X(DATE_DD_DASH, "##-", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_NUMBER)            \
	X(JAN, "jan", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(FEB, "feb", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(MAR, "mar", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(APR, "apr", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(MAY, "may", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(JUN, "jun", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(JUL, "jul", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(AUG, "aug", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(SEP, "sep", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(OCT, "oct", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(NOV, "nov", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	X(DEC, "dec", IMR_IN(SUMMARY) | IMR_IN(DATES), IMR_PH_MONTH)                      \
	/* ---- a record reviewed: how one opens (a list's lines joined) ---- */      \
	X(RECORD_MEDICAL_RECORDS, "Medical Records from", IMR_IN(DATES), IMR_PH_ALPHA)     \
	X(RECORD_APPLICATION, "Application of Independent Medical Review", IMR_IN(DATES), IMR_PH_ALPHA) \
	X(RECORD_UR, "Utilization Review Determination", IMR_IN(DATES), IMR_PH_ALPHA)      \
	X(RECORD_MTUS, "Medical Treatment Utilization Schedule", IMR_IN(DATES), IMR_PH_ALPHA) \
	X(RECORD_ODG, "Official Disability Guidelines", IMR_IN(DATES), IMR_PH_ALPHA)       \
	X(RECORD_RFA, "Request for Authorization", IMR_IN(DATES), IMR_PH_ALPHA)            \
	/* ---- the patient ---- */                                                     \
	X(YEAR, "year", IMR_IN(SUMMARY), 0)           /* "49-year-old" */                \
	X(MALE, "male", IMR_IN(SUMMARY), 0)                                               \
	X(FEMALE, "female", IMR_IN(SUMMARY), 0)                                           \
	X(HE, "he", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                        \
	X(HIS, "his", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                      \
	X(HIM, "him", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                      \
	X(SHE, "she", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                      \
	X(HER, "her", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                      \
	X(HERS, "hers", IMR_IN(SUMMARY), IMR_PH_ALPHA)                                    \
	X(SLASH_SHE, "/she", IMR_IN(SUMMARY), 0)      /* "he/she": neither */            \
	X(INJURY, "injury", IMR_IN(SUMMARY), 0)                                           \
	X(CLAIM_FROM, "claim from", IMR_IN(SUMMARY), 0)                                   \
	X(INJURED, "injured", IMR_IN(SUMMARY), 0)                                         \
	/* ---- a utilization review or prior determination ---- */                     \
	X(UTILIZATION_REVIEW, "utilization review", IMR_IN(SUMMARY), 0)                   \
	X(UR_PARENTHESIZED, "(ur)", IMR_IN(SUMMARY), 0)                                   \
	X(UR_WORD, " ur ", IMR_IN(SUMMARY), 0)                                            \
	X(PRIOR_DETERMINATION, "prior determination", IMR_IN(SUMMARY), 0)                 \
	X(PREVIOUS_DETERMINATION, "previous determination", IMR_IN(SUMMARY), 0)           \
	X(PREVIOUSLY_DENIED, "previously reviewed and denied", IMR_IN(SUMMARY), 0)        \
	/* ---- diagnoses: "Diagnoses include A, B", "diagnosed with A and B" ---- */     \
	X(DIAGNOSIS, "diagnosis", IMR_IN(SUMMARY), 0)                                     \
	X(DIAGNOSES, "diagnoses", IMR_IN(SUMMARY), 0)                                     \
	X(DIAGNOSED_WITH, "diagnosed with ", IMR_IN(SUMMARY), 0)                          \
	X(DIAGNOSED_WITH_COLON, "diagnosed with:", IMR_IN(SUMMARY), 0)                    \
	X(DIAGNOSED_AS_HAVING, "diagnosed as having ", IMR_IN(SUMMARY), 0)                \
	X(DIAGNOSED_AS, "diagnosed as ", IMR_IN(SUMMARY), 0)                              \
	X(BEING_TREATED_FOR, "being treated for ", IMR_IN(SUMMARY), 0)                    \
	X(UNDERGOING_TREATMENT_FOR, "undergoing treatment for ", IMR_IN(SUMMARY), 0)      \
	X(UNDER_TREATMENT_FOR, "under treatment for ", IMR_IN(SUMMARY), 0)                \
	X(IMPRESSION, "impression:", IMR_IN(SUMMARY), 0)                                  \
	X(IMPRESSIONS, "impressions:", IMR_IN(SUMMARY), 0)                                \
	/* the 2014-15 opening: "has submitted a claim for A, B, and C associated   \
	 * with an industrial injury" */                                              \
	X(CLAIM_FOR, "claim for ", IMR_IN(SUMMARY), 0)                                    \
	X(SPACE_ASSOCIATED_WITH, " associated with ", IMR_IN(SUMMARY), 0)                 \
	/* ICD-10's words for the visit, not the condition: dropped from a name */     \
	X(INITIAL_ENCOUNTER, "initial encounter", IMR_IN(SUMMARY), 0)                     \
	X(SUBSEQUENT_ENCOUNTER, "subsequent encounter", IMR_IN(SUMMARY), 0)               \
	X(SEQUELA, "sequela", IMR_IN(SUMMARY), IMR_PH_ALPHA)                              \
	/* what joins a noun ("diagnoses", "medications") to its list */              \
	X(SPACE_INCLUDE, " include ", IMR_IN(SUMMARY), 0)                                 \
	X(SPACE_INCLUDES, " includes ", IMR_IN(SUMMARY), 0)                               \
	X(SPACE_INCLUDED, " included ", IMR_IN(SUMMARY), 0)                               \
	X(SPACE_INCLUDING, " including ", IMR_IN(SUMMARY), 0)                             \
	X(SPACE_ARE, " are ", IMR_IN(SUMMARY), 0)                                         \
	X(SPACE_WERE, " were ", IMR_IN(SUMMARY), 0)                                       \
	X(SPACE_WAS, " was ", IMR_IN(SUMMARY), 0)                                         \
	X(SPACE_CONSIST_OF, " consist of ", IMR_IN(SUMMARY), 0)                           \
	X(SPACE_CONSISTED_OF, " consisted of ", IMR_IN(SUMMARY), 0)                       \
	X(COLON_SPACE, ": ", IMR_IN(SUMMARY), 0)                                          \
	X(SPACE_OF, " of ", IMR_IN(SUMMARY), 0)                                           \
	/* ---- medications: "Current medications include A, B", "was taking A" ---- */  \
	X(MEDICATION, "medication", IMR_IN(SUMMARY), 0)                                   \
	X(MEDICATIONS, "medications", IMR_IN(SUMMARY), 0)                                 \
	X(TREATMENT_TO_DATE, "treatment to date", IMR_IN(SUMMARY), 0)                     \
	X(TREATMENTS_TO_DATE, "treatments to date", IMR_IN(SUMMARY), 0)                   \
	X(EVALUATION_TO_DATE, "evaluation to date", IMR_IN(SUMMARY), 0)                   \
	X(TREATMENT_INCLUDED, "treatment included", IMR_IN(SUMMARY), 0)                   \
	X(TREATMENT_INCLUDES, "treatment includes", IMR_IN(SUMMARY), 0)                   \
	X(TREATMENT_HAS_INCLUDED, "treatment has included", IMR_IN(SUMMARY), 0)           \
	X(TREATMENTS_INCLUDED, "treatments included", IMR_IN(SUMMARY), 0)                 \
	X(TREATMENTS_INCLUDE, "treatments include", IMR_IN(SUMMARY), 0)                   \
	X(TREATMENTS_HAVE_INCLUDED, "treatments have included", IMR_IN(SUMMARY), 0)       \
	/* a drug must follow these at once */                                        \
	X(TAKING, "taking ", IMR_IN(SUMMARY), 0)                                          \
	X(TAKES, "takes ", IMR_IN(SUMMARY), 0)                                            \
	X(PRESCRIBED, "prescribed ", IMR_IN(SUMMARY), 0)                                  \
	X(WAS_ON, " was on ", IMR_IN(SUMMARY), 0)                                         \
	X(IS_ON, " is on ", IMR_IN(SUMMARY), 0)                                           \
	X(BEEN_ON, " been on ", IMR_IN(SUMMARY), 0)                                       \
	X(REMAINS_ON, " remains on ", IMR_IN(SUMMARY), 0)                                 \
	X(REMAINED_ON, " remained on ", IMR_IN(SUMMARY), 0)                               \
	X(CONTINUES_TO_USE, "continues to use ", IMR_IN(SUMMARY), 0)                      \
	X(CONTINUED_TO_USE, "continued to use ", IMR_IN(SUMMARY), 0)                      \
	X(USE_OF, "use of ", IMR_IN(SUMMARY), 0)                                          \
	/* ---- the reviewer ---- */                                                    \
	X(PHYSICIAN_REVIEWER, "physician reviewer", IMR_IN(REVIEWER), 0)                  \
	X(BOARD_CERTIFIED_IN, "board certified in ", IMR_IN(REVIEWER), 0)                 \
	X(COMMA_HAS_SUBSPECIALTY, ", has a subspecialty", IMR_IN(REVIEWER), 0)            \
	X(SPACE_HAS_SUBSPECIALTY, " has a subspecialty", IMR_IN(REVIEWER), 0)             \
	X(HAS_SUBSPECIALTY_IN, "has a subspecialty in ", IMR_IN(REVIEWER), 0)             \
	X(COMMA_AND_IS_LICENSED, ", and is licensed", IMR_IN(REVIEWER), 0)                \
	X(SPACE_AND_IS_LICENSED, " and is licensed", IMR_IN(REVIEWER), 0)                 \
	X(SPACE_AND_IS_SPACE, " and is ", IMR_IN(REVIEWER), 0)                            \
	X(COMMA_AND_IS, ", and is", IMR_IN(REVIEWER), 0)                                  \
	X(LICENSED_TO_PRACTICE_IN, "licensed to practice in ", IMR_IN(REVIEWER), 0)       \
	/* ---- a guideline paragraph ---- */                                           \
	X(DID_NOT_CITE, "did not cite any medical evidence", IMR_IN(GUIDELINE), 0)        \
	X(USED_BY_CLAIMS_ADMINISTRATOR, "used by the claims administrator", IMR_IN(GUIDELINE), 0) \
	X(APPROPRIATE, "appropriate", IMR_IN(GUIDELINE), 0)                               \
	X(RELEVANT, "relevant", IMR_IN(GUIDELINE), 0)                                     \
	X(DECISION_BASED_ON, "decision based on ", IMR_IN(GUIDELINE), 0)                  \
	X(NON_MTUS_CITATION, "non-mtus citation", IMR_IN(GUIDELINE), 0)                   \
	X(MTUS, "mtus", IMR_IN(GUIDELINE), 0)                                             \
	X(OFFICIAL_DISABILITY, "official disability", IMR_IN(GUIDELINE), 0)               \
	X(ODG_NAME, "official disability guidelines", IMR_IN(GUIDELINE), 0)               \
	X(ODG, "odg", IMR_IN(GUIDELINE), 0)                                               \
	X(ACOEM, "acoem", IMR_IN(GUIDELINE), 0)                                           \
	X(CHAPTER, "chapter ", IMR_IN(GUIDELINE), 0)                                      \
	X(PAGES_LABEL, "page(s):", IMR_IN(GUIDELINE), 0)                                  \
	X(SECTIONS_LABEL, "section(s):", IMR_IN(GUIDELINE), 0)                            \
	X(PAGE, "page", IMR_IN(GUIDELINE), 0)         /* "pages 74-96" */                \
	X(COMMA_WHICH, ", which ", IMR_IN(GUIDELINE), 0)                                  \
	X(THERAPEUTIC, "therapeutic", IMR_IN(GUIDELINE), 0) /* "Ultrasound, therapeutic" */ \
	X(BASED_ITS_DECISION_ON, "based its decision on ", IMR_IN(GUIDELINE), 0)          \
	X(BASED_HIS_HER_DECISION_ON, "based his/her decision on ", IMR_IN(GUIDELINE), 0)  \
	X(BASED_HIS_DECISION_ON, "based his decision on ", IMR_IN(GUIDELINE), 0)          \
	X(BASED_HER_DECISION_ON, "based her decision on ", IMR_IN(GUIDELINE), 0)          \
	X(BASED_THE_DECISION_ON, "based the decision on ", IMR_IN(GUIDELINE), 0)          \
	IMR_MTUS_DOCUMENTS(X)                                                             \
	/* ---- a modified request, in an item's title ---- */                          \
	X(WAS_THE_ORIGINAL_REQUEST, " was the original request.", IMR_IN(TITLE), 0)       \
	X(WAS_AUTHORIZED_BY, " was authorized by the claims administrator.", IMR_IN(TITLE), 0) \
	X(REMAINING_PORTION, "remaining imr eligible portion of the original request,",   \
	  IMR_IN(TITLE), 0)                                                               \
	X(CLAIMS_ADMINISTRATOR_AUTHORIZED, "the claims administrator authorized ", IMR_IN(TITLE), 0) \
	X(LEAVING_THE_ORIGINAL, ", leaving the original request", IMR_IN(TITLE), 0)       \
	X(THE_ORIGINAL_REQUEST_COMMA, "the original request,", IMR_IN(TITLE), 0)          \
	/* ---- a 2013 notice's numbered list ---- */                                   \
	X(THE_REQUEST_FOR, "the request for ", IMR_IN(LIST), 0)                           \
	X(SPACE_IS_SPACE, " is ", IMR_IN(LIST) | IMR_IN(SUMMARY), 0)                      \
	/* ---- a rationale's conclusion (extract.c reads its sentence) ---- */          \
	X(MEDICALLY_NECESSARY, "medically necessary", IMR_IN(CONCLUSION) | IMR_IN(LIST), 0) \
	X(MEDICALLY_APPROPRIATE, "medically appropriate", IMR_IN(CONCLUSION), 0)          \
	X(MEDICAL_NECESSITY, "medical necessity", IMR_IN(CONCLUSION), 0)                  \
	X(MEDICALLY_UNNECESSARY, "medically unnecessary", IMR_IN(CONCLUSION), 0)          \
	X(NOT_NECESSARY, "not necessary", IMR_IN(CONCLUSION), 0)                          \
	X(NON_CERTIFIED, "non-certified", IMR_IN(CONCLUSION), 0)                          \
	X(NON_SPACE_CERTIFIED, "non certified", IMR_IN(CONCLUSION), 0)                    \
	X(NONCERTIFIED, "noncertified", IMR_IN(CONCLUSION), 0)                            \
	X(NOT_CERTIFIED, "not certified", IMR_IN(CONCLUSION), 0)                          \
	/* negations */                                                               \
	X(NOT, "not", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                       \
	X(CANNOT, "cannot", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                 \
	X(NT_SPACE, "n't ", IMR_IN(CLAUSE), 0)                                            \
	X(NON, "non", IMR_IN(CLAUSE), IMR_PH_ALPHA)   /* "non-certified", not "nonsteroidal" */ \
	X(NO, "no", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                         \
	X(LACK_OF, "lack of", IMR_IN(CLAUSE), IMR_PH_ALPHA)                               \
	/* limits, not negations: "(not to exceed 6 visits)", "no more than 7 days" */   \
	X(NOT_TO_EXCEED, "not to exceed", IMR_IN(CLAUSE), IMR_PH_ALPHA)                   \
	X(NOT_MORE_THAN, "not more than", IMR_IN(CLAUSE), IMR_PH_ALPHA)                   \
	X(NO_MORE_THAN, "no more than", IMR_IN(CLAUSE), IMR_PH_ALPHA)                     \
	X(NO_LONGER_THAN, "no longer than", IMR_IN(CLAUSE), IMR_PH_ALPHA)                 \
	X(OPEN_PAREN, "(", IMR_IN(CLAUSE), 0)                                             \
	X(CLOSE_PAREN, ")", IMR_IN(CLAUSE), 0)                                            \
	/* what opens a clause of its own within a sentence */                        \
	X(CONJ_AND, "and", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                  \
	X(CONJ_BUT, "but", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                  \
	X(CONJ_SO, "so", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                    \
	X(THEREFORE, "therefore", IMR_IN(CLAUSE), IMR_PH_ALPHA)                           \
	X(THUS, "thus", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                     \
	X(HENCE, "hence", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                   \
	X(BECAUSE, "because", IMR_IN(CLAUSE), IMR_PH_ALPHA)                               \
	X(SINCE, "since", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                   \
	/* a clause's verb */                                                         \
	X(VERB_IS, "is", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                    \
	X(VERB_ARE, "are", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                  \
	X(VERB_WAS, "was", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                  \
	X(VERB_WERE, "were", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                \
	X(VERB_BE, "be", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                    \
	X(VERB_BEEN, "been", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                \
	/* a condition or a purpose: necessity mentioned, nothing concluded */        \
	X(IF, "if", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                         \
	X(WHEN, "when", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                     \
	X(WHENEVER, "whenever", IMR_IN(CLAUSE), IMR_PH_ALPHA)                             \
	X(UNLESS, "unless", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                 \
	X(WHERE, "where", IMR_IN(CLAUSE), IMR_PH_ALPHA)                                   \
	X(TO_ESTABLISH, "to establish", IMR_IN(CLAUSE), IMR_PH_ALPHA)                     \
	X(TO_SUPPORT, "to support", IMR_IN(CLAUSE), IMR_PH_ALPHA)                         \
	X(TO_DETERMINE, "to determine", IMR_IN(CLAUSE), IMR_PH_ALPHA)                     \
	X(TO_DEMONSTRATE, "to demonstrate", IMR_IN(CLAUSE), IMR_PH_ALPHA)                 \
	X(TO_JUSTIFY, "to justify", IMR_IN(CLAUSE), IMR_PH_ALPHA)                         \
	X(TO_SUBSTANTIATE, "to substantiate", IMR_IN(CLAUSE), IMR_PH_ALPHA)               \
	/* the stock advice on stopping a drug, which concludes nothing */            \
	X(WEAN, "wean", IMR_IN(CLAUSE), 0)                                                \
	X(TAPER, "taper", IMR_IN(CLAUSE), 0)

/* The parts of the MTUS cited by name (the ACOEM chapters it adopts
 * among them), a longer name before one it begins with. */
#define IMR_MTUS_DOCUMENTS(X)                                                             \
	X(DOC_CPMTG, "Chronic Pain Medical Treatment Guidelines", IMR_IN(GUIDELINE), 0)   \
	X(DOC_IMEC, "Independent Medical Examinations and Consultations", IMR_IN(GUIDELINE), 0) \
	X(DOC_FOREARM, "Forearm, Wrist, and Hand Complaints", IMR_IN(GUIDELINE), 0)       \
	X(DOC_CPMT, "Chronic Pain Medical Treatment", IMR_IN(GUIDELINE), 0)               \
	X(DOC_CPTG, "Chronic Pain Treatment Guidelines", IMR_IN(GUIDELINE), 0)            \
	X(DOC_NECK, "Neck and Upper Back Complaints", IMR_IN(GUIDELINE), 0)               \
	X(DOC_INITIAL, "Initial Approaches to Treatment", IMR_IN(GUIDELINE), 0)           \
	X(DOC_POSTSURGICAL_GUIDELINES, "Postsurgical Treatment Guidelines", IMR_IN(GUIDELINE), 0) \
	X(DOC_ACUPUNCTURE_GUIDELINES, "Acupuncture Treatment Guidelines", IMR_IN(GUIDELINE), 0) \
	X(DOC_ANKLE, "Ankle and Foot Complaints", IMR_IN(GUIDELINE), 0)                   \
	X(DOC_STRESS, "Stress Related Conditions", IMR_IN(GUIDELINE), 0)                  \
	X(DOC_POSTSURGICAL, "Postsurgical Treatment", IMR_IN(GUIDELINE), 0)               \
	X(DOC_ACUPUNCTURE, "Acupuncture Treatment", IMR_IN(GUIDELINE), 0)                 \
	X(DOC_LOW_BACK, "Low Back Complaints", IMR_IN(GUIDELINE), 0)                      \
	X(DOC_SHOULDER, "Shoulder Complaints", IMR_IN(GUIDELINE), 0)                      \
	X(DOC_OPIOID, "Opioid Treatment", IMR_IN(GUIDELINE), 0)                           \
	X(DOC_ELBOW, "Elbow Complaints", IMR_IN(GUIDELINE), 0)                            \
	X(DOC_GENERAL, "General Approaches", IMR_IN(GUIDELINE), 0)                        \
	X(DOC_KNEE, "Knee Complaints", IMR_IN(GUIDELINE), 0)                              \
	X(DOC_EYE, "Eye Chapter", IMR_IN(GUIDELINE), 0)

enum imr_phrase {
#define IMR_PHRASE_ENUM(id, text, sets, flags) IMR_PH_##id,
	IMR_PHRASES(IMR_PHRASE_ENUM) IMR_PHRASE_COUNT
};
#define IMR_PH_FIRST_DOCUMENT IMR_PH_DOC_CPMTG
#define IMR_PH_LAST_DOCUMENT IMR_PH_DOC_EYE
#define IMR_PH_FIRST_RECORD IMR_PH_RECORD_MEDICAL_RECORDS
#define IMR_PH_LAST_RECORD IMR_PH_RECORD_RFA

/* The phrase as the table writes it, and its length. */
const char *imr_phrase_text(enum imr_phrase p);
size_t imr_phrase_len(enum imr_phrase p);
bool imr_phrase_in(enum imr_phrase p, enum imr_phrase_set set);
unsigned imr_phrase_flags(enum imr_phrase p); /* IMR_PH_ALPHA, ... */

/* One occurrence: s[at .. at + len). */
struct imr_hit {
	uint32_t at;
	uint16_t len;
	uint16_t id; /* enum imr_phrase */
};

struct imr_hits {
	const char *s; /* the text searched */
	size_t len;
	struct imr_hit *v; /* by start, the longer first where two start together */
	size_t n, cap;
};

/* Every occurrence in s[0..n) of the phrases of set, into out (in the
 * arena).  One pass; linear in n plus the occurrences. */
void imr_phrases_find(struct imr_arena *a, enum imr_phrase_set set, const char *s, size_t n,
                      struct imr_hits *out);
/* The same in a text whose letters are all of one case (one_case,
 * onecase.h), where a month's name has no capital to tell it. */
void imr_phrases_find_in(struct imr_arena *a, enum imr_phrase_set set, const char *s, size_t n,
                         bool one_case, struct imr_hits *out);
/* The occurrence of a phrase of set that starts last in s[0..n), read
 * backwards from the end (so only the tail after it is read): its phrase
 * (the first of the table when two start there), and its start in *at;
 * or -1. */
int imr_phrases_last(enum imr_phrase_set set, const char *s, size_t n, size_t *at);

/* The first occurrence of phrase id starting at or after from and ending
 * by end (offsets into the text), or NULL. */
const struct imr_hit *imr_hits_first(const struct imr_hits *h, enum imr_phrase id, size_t from,
                                     size_t end);
/* The index of the first occurrence starting at or after from. */
size_t imr_hits_from(const struct imr_hits *h, size_t from);

#endif
