/*
 * vocab.h - the document's fixed vocabulary, one line per entry
 * (X-macros in the manner of PostgreSQL's kwlist.h).
 *
 * The scanner recognises the *shape* of a heading or a label and looks
 * the text up here; anything not listed is ordinary text.  Supporting a
 * new document variant starts with a line in these tables.
 */
#ifndef IMR_VOCAB_H
#define IMR_VOCAB_H

/* Section headings: X(ID, "heading text", grammar token) */
#define IMR_SECTIONS(X)                                                                   \
	X(HOW_MADE, "HOW THE IMR FINAL DETERMINATION WAS MADE", TOK_HOW_MADE_HEADING)     \
	X(CASE_SUMMARY, "CLINICAL CASE SUMMARY", TOK_CASE_SUMMARY_HEADING)                \
	X(ISSUES, "IMR ISSUES, DECISIONS AND RATIONALES", TOK_ISSUES_HEADING)

/* Labels of the header table (imr-2016): X(ID, "label", "wrapped tail" or NULL, XML name) */
#define IMR_HEADER_LABELS(X)                                                              \
	X(CASE_NUMBER, "Case Number:", NULL, "caseNumber")                               \
	X(DATE_ASSIGNED, "Date Assigned:", NULL, "dateAssigned")                         \
	X(DECISION_DATE, "Decision Date:", NULL, "decisionDate")                         \
	X(PRIORITY, "Priority:", NULL, "priority")                                       \
	X(DATE_OF_INJURY, "Date of Injury:", NULL, "dateOfInjury")                       \
	X(UR_DENIAL_DATE, "UR Denial Date:", NULL, "urDenialDate")                       \
	X(APPLICATION_RECEIVED, "Application", "Received:", "applicationReceived")

/* Labels that open a line inside a section: X(ID, "label", section, grammar token) */
#define IMR_LINE_LABELS(X)                                                                \
	X(CREDENTIALS, "The Expert Reviewer has the following credentials:", HOW_MADE,    \
	  TOK_CREDENTIALS_INTRO)                                                          \
	X(LICENSURE, "State(s) of Licensure:", HOW_MADE, TOK_LICENSURE)                   \
	X(CERTIFICATION, "Certification(s)/Specialty:", HOW_MADE, TOK_CERTIFICATION)      \
	X(ISSUES_INTRO,                                                                   \
	  "The Final Determination was based on decisions for the disputed "              \
	  "items/services set forth below:",                                              \
	  ISSUES, TOK_ISSUES_INTRO)                                                       \
	X(CLAIMS_GUIDELINE, "Claims Administrator guideline:", ISSUES, TOK_CLAIMS_GUIDELINE) \
	X(MAXIMUS_GUIDELINE, "MAXIMUS guideline:", ISSUES, TOK_MAXIMUS_GUIDELINE)         \
	X(RATIONALE, "Decision rationale:", ISSUES, TOK_RATIONALE)

/* Document variants: X(ID, "name", start token, has header table, description).
 * Detection picks the variant whose signature the text shows; the
 * start token selects the variant's rule in the grammar. */
#define IMR_VARIANTS(X)                                                                   \
	X(IMR_2014, "imr-2014", TOK_VARIANT_IMR_2014, 0, "2014-15 letter, no header table") \
	X(IMR_2016, "imr-2016", TOK_VARIANT_IMR_2016, 1, "2015-17+ letter with header table")

#define IMR_ENUM_ID(id, ...) IMR_##id,

enum imr_section { IMR_SECTIONS(IMR_ENUM_ID) IMR_SECTION_COUNT };
enum imr_header_label { IMR_HEADER_LABELS(IMR_ENUM_ID) IMR_HEADER_LABEL_COUNT };
enum imr_line_label { IMR_LINE_LABELS(IMR_ENUM_ID) IMR_LINE_LABEL_COUNT };
enum imr_variant { IMR_VARIANTS(IMR_ENUM_ID) IMR_VARIANT_COUNT };

enum imr_decision { IMR_UPHELD, IMR_OVERTURNED };

const char *imr_section_text(enum imr_section s);
const char *imr_header_label_xml(enum imr_header_label l);
const char *imr_variant_name(enum imr_variant v);

#endif
