/*
 * vocab.h - the document's fixed vocabulary, one line per entry
 * (X-macros in the manner of PostgreSQL's kwlist.h).
 *
 * The scanner recognises the *shape* of a heading or a label and looks
 * the text up here; anything not listed is ordinary text.  Supporting a
 * new document variant starts with lines in these tables (see
 * docs/extending.md).
 */
#ifndef IMR_VOCAB_H
#define IMR_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

/* The scanner's contexts: each section heading opens one, and a label
 * is known only in its own context.  HEADER is the table or letterhead
 * before the first section (the scanner splits its lines into cells),
 * NOTICE_HEADER a 2013 notice's rows of labels and values after its
 * title, up to the letter, LETTER the notice's cover letter, NOTICE its
 * decision part, PLAIN a section of running text only. */
#define IMR_CONTEXTS(X)                                                                   \
	X(HEADER) X(NOTICE_HEADER) X(REVIEWER) X(DOCUMENTS) X(SUMMARY) X(ISSUES) X(LETTER)    \
	X(NOTICE) X(PLAIN)

/* Section headings: X(ID, "heading text", grammar token, context it opens,
 * part, item part).  A heading may wrap over two lines ("... BY
 * PROFESSIONAL" / "REVIEWER AND WHY:"); the scanner joins the lines
 * before the lookup.  A heading that ends in a colon may have text after
 * it on its line.  The part (IMR_PARTS; NONE: a header follows) and the
 * item part (IMR_ITEM_PARTS; ALL: the items whole) say where the words
 * under the heading are in the XML: --verify reads a variant's parts in
 * the order of its signature's headings.  A section that holds one part
 * of every item (a professional review's guideline) names that part. */
#define IMR_SECTIONS(X)                                                                   \
	X(LETTERHEAD, "MAXIMUS FEDERAL SERVICES, INC.", TOK_LETTERHEAD, HEADER, NONE, ALL) \
	X(NOTICE_TITLE, "Notice of Independent Medical Review Determination",             \
	  TOK_NOTICE_TITLE, NOTICE_HEADER, LETTER, ALL)                                   \
	X(NOTICE_DECISION, "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",           \
	  TOK_NOTICE_DECISION_HEADING, NOTICE, REVIEWER, ALL)                             \
	X(PROFESSIONAL_REVIEW, "MEDICAL PROFESSIONAL REVIEW", TOK_PROFESSIONAL_REVIEW_HEADING, \
	  HEADER, NONE, ALL)                                                              \
	X(HOW_MADE, "HOW THE IMR FINAL DETERMINATION WAS MADE", TOK_HOW_MADE_HEADING, REVIEWER, \
	  REVIEWER, ALL)                                                                  \
	X(DOCUMENTS_REVIEWED, "DOCUMENTS REVIEWED", TOK_DOCUMENTS_HEADING, DOCUMENTS,     \
	  DOCUMENTS, ALL)                                                                 \
	X(CASE_SUMMARY, "CLINICAL CASE SUMMARY", TOK_CASE_SUMMARY_HEADING, SUMMARY, SUMMARY, \
	  ALL)                                                                            \
	X(ISSUES, "IMR ISSUES, DECISIONS AND RATIONALES", TOK_ISSUES_HEADING, ISSUES, ISSUES, \
	  ALL)                                                                            \
	X(DECISIONS, "IMR DECISION(S) AND RATIONALE(S)", TOK_DECISIONS_HEADING, ISSUES,   \
	  ISSUES, ALL)                                                                    \
	X(ISSUE_AT_DISPUTE, "ISSUE AT DISPUTE:", TOK_ISSUE_AT_DISPUTE_HEADING, ISSUES,    \
	  ISSUES, TITLE)                                                                  \
	X(PR_CASE_SUMMARY, "CASE SUMMARY:", TOK_PR_SUMMARY_HEADING, SUMMARY, SUMMARY, ALL) \
	X(PR_DOCUMENTS, "DOCUMENTS REVIEWED FOR DETERMINATION:", TOK_PR_DOCUMENTS_HEADING,  \
	  DOCUMENTS, DOCUMENTS, ALL)                                                      \
	X(PR_GUIDELINES,                                                                  \
	  "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",   \
	  TOK_PR_GUIDELINES_HEADING, PLAIN, ISSUES, MAXIMUS_GUIDELINE)                    \
	X(PR_RATIONALE,                                                                   \
	  "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:", \
	  TOK_PR_RATIONALE_HEADING, PLAIN, ISSUES, RATIONALE)                             \
	X(PR_QUALIFICATIONS, "MEDICAL REVIEWER QUALIFICATIONS:", TOK_PR_QUALIFICATIONS_HEADING, \
	  REVIEWER, REVIEWER, ALL)

/* The fields of the header (the imr-2016 table, the 2014 cover page, the
 * rows of a letterhead): X(ID, XML name, kind of value).  The kind lets
 * the header's labels be paired with their values when redacted values
 * are missing (parse.c). */
#define IMR_HEADER_FIELDS(X)                                                              \
	X(CASE_NUMBER, "caseNumber", CASE)                                                \
	X(DATE_ASSIGNED, "dateAssigned", DATE)                                            \
	X(DECISION_DATE, "decisionDate", DATE)                                            \
	X(PRIORITY, "priority", PRIORITY)                                                 \
	X(DATE_OF_INJURY, "dateOfInjury", DATE)                                           \
	X(UR_DENIAL_DATE, "urDenialDate", DATE)                                           \
	X(APPLICATION_RECEIVED, "applicationReceived", DATE)                              \
	X(EMPLOYEE_NAME, "employeeName", NAME)                                            \
	X(CLAIM_NUMBER, "claimNumber", CLAIM)                                             \
	X(PROVIDER_NAME, "providerName", NAME)                                            \
	X(TREATMENTS, "treatmentsInDispute", LIST)

/* The labels that name them: X(field, "label", "first piece", "later pieces"..., NULL).
 * Narrow table cells wrap a label: its pieces, each a cell of its own
 * ("UR Denial" / "Date:"), are listed after it (NULL when it never wraps). */
#define IMR_HEADER_LABELS(X)                                                              \
	X(CASE_NUMBER, "Case Number:", NULL)                                              \
	X(CASE_NUMBER, "IMR Case Number:", NULL)                                          \
	X(DATE_ASSIGNED, "Date Assigned:", "Date", "Assigned:", NULL)                     \
	X(DECISION_DATE, "Decision Date:", "Decision", "Date:", NULL)                     \
	X(DECISION_DATE, "Dated:", NULL)                                                  \
	X(PRIORITY, "Priority:", NULL)                                                    \
	X(DATE_OF_INJURY, "Date of Injury:", "Date of", "Injury:", NULL)                  \
	X(UR_DENIAL_DATE, "UR Denial Date:", "UR Denial", "Date:", NULL)                  \
	X(APPLICATION_RECEIVED, "Application Received:", "Application", "Received:", NULL) \
	X(EMPLOYEE_NAME, "Employee Name:", "Employee", "Name:", NULL)                     \
	X(EMPLOYEE_NAME, "Employee:", NULL)                                               \
	X(CLAIM_NUMBER, "Claim Number:", "Claim", "Number:", NULL)                        \
	X(PROVIDER_NAME, "Provider Name:", "Provider", "Name:", NULL)                     \
	X(PROVIDER_NAME, "Provider:", NULL)                                               \
	X(TREATMENTS, "Treatment(s) in Dispute Listed on IMR Application:", "Treatment(s) in", \
	  "Dispute Listed on", "IMR Application:", NULL)

/* The header labels every letter of a variant has: X(variant, field).
 * A header that lacks one lost it (OCR read the label as noise, or a
 * table's rule into it), and with it the field's value unless its form
 * or the order of the dates placed it: the warning header-labels-missing
 * (consistency.c), and a lone date placed in a lost date field
 * (header.c).  The sixteen real imr-2016 letters all have these seven,
 * redacted or not; the other variants' letters vary (a cover page
 * without "UR Denial Date:", a review without "Date Assigned:") or are
 * known from too few letters to say. */
#define IMR_HEADER_ALWAYS(X)                                                              \
	X(IMR_2016, CASE_NUMBER)                                                          \
	X(IMR_2016, DATE_ASSIGNED)                                                        \
	X(IMR_2016, DECISION_DATE)                                                        \
	X(IMR_2016, PRIORITY)                                                             \
	X(IMR_2016, DATE_OF_INJURY)                                                       \
	X(IMR_2016, UR_DENIAL_DATE)                                                       \
	X(IMR_2016, APPLICATION_RECEIVED)

/* Labels that open a line inside a section: X(ID, "label", context, grammar token).
 * The 2013 notice names an item's parts in its own words; they share
 * the tokens (and so the grammar and the XML) of the later letters. */
#define IMR_LINE_LABELS(X)                                                                \
	X(CREDENTIALS, "The Expert Reviewer has the following credentials:", REVIEWER,    \
	  TOK_CREDENTIALS_INTRO)                                                          \
	X(LICENSURE, "State(s) of Licensure:", REVIEWER, TOK_LICENSURE)                   \
	X(CERTIFICATION, "Certification(s)/Specialty:", REVIEWER, TOK_CERTIFICATION)      \
	X(ISSUES_INTRO,                                                                   \
	  "The Final Determination was based on decisions for the disputed "              \
	  "items/services set forth below:",                                              \
	  ISSUES, TOK_ISSUES_INTRO)                                                       \
	X(CLAIMS_GUIDELINE, "Claims Administrator guideline:", ISSUES, TOK_CLAIMS_GUIDELINE) \
	X(MAXIMUS_GUIDELINE, "MAXIMUS guideline:", ISSUES, TOK_MAXIMUS_GUIDELINE)         \
	X(RATIONALE, "Decision rationale:", ISSUES, TOK_RATIONALE)                        \
	X(QUALIFICATIONS, "Medical Qualifications of the Expert Reviewer:", NOTICE,       \
	  TOK_QUALIFICATIONS)                                                             \
	X(NOTICE_SUMMARY, "Case Summary:", NOTICE, TOK_NOTICE_SUMMARY)                    \
	X(NOTICE_SUMMARY_EXPERT, "Expert Reviewer Case Summary:", NOTICE, TOK_NOTICE_SUMMARY) \
	X(NOTICE_CLAIMS_GUIDELINE, "Medical Treatment Guideline(s) Used by the Claims Administrator:", \
	  NOTICE, TOK_CLAIMS_GUIDELINE)                                                   \
	X(NOTICE_CLAIMS_GUIDELINES, "Medical Treatment Guidelines Used by the Claims Administrator:", \
	  NOTICE, TOK_CLAIMS_GUIDELINE)                                                   \
	X(NOTICE_EXPERT_GUIDELINE, "Medical Treatment Guideline(s) Used by the Expert Reviewer:", \
	  NOTICE, TOK_MAXIMUS_GUIDELINE)                                                  \
	X(NOTICE_EXPERT_GUIDELINES, "Medical Treatment Guidelines Used by the Expert Reviewer:", \
	  NOTICE, TOK_MAXIMUS_GUIDELINE)                                                  \
	X(NOTICE_RATIONALE, "Rationale Used by the Expert Reviewer:", NOTICE, TOK_RATIONALE)

/* The contexts in which the scanner reads line labels (lexer.l's label
 * rule names the same start conditions): vocab.c refuses, at compile
 * time, a line label in any other context, where it could never be read. */
#define IMR_LABEL_CONTEXTS(X) X(REVIEWER) X(DOCUMENTS) X(SUMMARY) X(ISSUES) X(NOTICE) X(PLAIN)

/* Sentences of the form that open a part or wrap inside one, each on lines
 * of its own: X(ID, "sentence").  Text whose boxes come out of reading
 * order (pdfminer -V, reading_order.c) is put back by them: the
 * summary's introduction opens the case summary, and a box that goes on
 * with the rest of one of the guidelines' sentences ("The Claims
 * Administrator did not cite any medical evidence" / "for its
 * decision.") continues the box that ends in its beginning. */
#define IMR_FORM_SENTENCES(X)                                                             \
	X(SUMMARY_INTRO, "The expert reviewer developed the following clinical case summary " \
	                 "based on a review of the case file, including all medical records:") \
	X(CLAIMS_NO_EVIDENCE, "The Claims Administrator did not cite any medical evidence for " \
	                      "its decision.")                                             \
	X(CLAIMS_OUTSIDE_MTUS, "The Claims Administrator based their decision on "          \
	                       "recommendation(s) outside of the MTUS Guidelines.")        \
	X(EXPERT_OUTSIDE_MTUS, "The Expert Reviewer based their decision on "               \
	                       "recommendation(s) outside of the MTUS Guidelines.")

/* The letter's parts, in the order of the XML (xsd/determination.xsd):
 * X(ID, "XML element", "the letter's words for it", kind).  The XML
 * writer names each part's element from here and writes the parts in this
 * order, the AST dump prints each under its element's name, and --verify
 * reads the letter's words from every part (in the order of the variant's
 * headings, IMR_SECTIONS).  kind:
 *   TEXT   paragraphs, nothing more: the grammar's action stores the
 *          part's text (imr_document_set_part), and extraction, the
 *          writer, the dump and --verify need nothing else.  A new
 *          section of the letter is one line here, one grammar rule and
 *          its element (type Paragraphs) in the XSD;
 *   FACTS  a section extract.c reads into facts of its own (the
 *          reviewer's credentials, the patient, the records), written by
 *          its own function in xml.c;
 *   ITEMS  the disputed items. */
#define IMR_PARTS(X)                                                                      \
	X(LETTER, "letter", "the letter", TEXT)                                           \
	X(REVIEWER, "reviewer", "how the determination was made", FACTS)                  \
	X(DOCUMENTS, "documentsReviewed", "the documents reviewed", FACTS)                \
	X(SUMMARY, "caseSummary", "the case summary", FACTS)                              \
	X(ISSUES, "issues", "the disputed items", ITEMS)

/* An item's parts, in the order of the XML's issue: X(ID, "XML element",
 * "the letter's words for it", kind), as IMR_PARTS for the letter's:
 * the XML writer writes each under its element in this order, the AST
 * dump prints each under its element's name, --verify reads each item's
 * words from them.  kind:
 *   TEXT   paragraphs, nothing more: the grammar's action stores the
 *          text (imr_issue_set_part), extraction makes its paragraphs.
 *          A new part of an item is one line here, one grammar rule and
 *          its element (type Paragraphs) in the XSD's Issue;
 *   FACTS  a part with facts of its own (the title's request, a
 *          guideline's citations, the rationale's conclusion): its
 *          AST field, its reading in extract.c, write_item_<ID> in
 *          xml.c and issue_<ID> (its text) in ast.c.
 * The title is written as its service, its request and, when the two
 * differ, the whole title (title). */
#define IMR_ITEM_PARTS(X)                                                                 \
	X(TITLE, "title", "the item's title", FACTS)                                      \
	X(CLAIMS_GUIDELINE, "claimsAdministratorGuideline",                               \
	  "the claims administrator's guideline", FACTS)                                  \
	X(MAXIMUS_GUIDELINE, "maximusGuideline", "the MAXIMUS guideline", FACTS)          \
	X(RATIONALE, "rationale", "the decision rationale", FACTS)

/* Document variants: X(ID, "name", start token, header, description, signature...).
 * header: NONE (no header labels), TABLE (labels, none of the cover
 * page's own), COVER (the cover page's: names, treatments), ANY.  The
 * signature is the variant's section headings in the order the letter
 * has them (IMR_END closes it): detection picks the variant whose
 * signature the text shows, the most specific one when several do, and
 * the start token selects the variant's rule in the grammar. */
#define IMR_VARIANTS(X)                                                                   \
	X(IMR_2013_NOTICE, "imr-2013-notice", TOK_VARIANT_IMR_2013_NOTICE, ANY,           \
	  "2013 Notice of Independent Medical Review Determination (CM13-): a letter "     \
	  "with the numbered decisions, then Medical Qualifications of the Expert "       \
	  "Reviewer:, Case Summary: and one \"1) Regarding the request for ...:\" an item", \
	  IMR_NOTICE_TITLE, IMR_NOTICE_DECISION, IMR_END)                                 \
	X(IMR_2014, "imr-2014", TOK_VARIANT_IMR_2014, NONE, "2014-15 letter, no header table", \
	  IMR_HOW_MADE, IMR_CASE_SUMMARY, IMR_ISSUES, IMR_END)                            \
	X(IMR_2014_COVER, "imr-2014-cover", TOK_VARIANT_IMR_2014_COVER, COVER,            \
	  "2014 letter with the cover page (names, treatments in dispute)",               \
	  IMR_HOW_MADE, IMR_CASE_SUMMARY, IMR_ISSUES, IMR_END)                            \
	X(IMR_2016, "imr-2016", TOK_VARIANT_IMR_2016, TABLE,                              \
	  "2015-17+ letter with the header table", IMR_HOW_MADE, IMR_CASE_SUMMARY,        \
	  IMR_ISSUES, IMR_END)                                                            \
	X(IMR_DOCUMENTS_REVIEWED, "imr-documents-reviewed", TOK_VARIANT_IMR_DOCUMENTS_REVIEWED, \
	  ANY, "letter with the records reviewed (MAXIMUS letterhead, UR Denial Date)",   \
	  IMR_HOW_MADE, IMR_DOCUMENTS_REVIEWED, IMR_CASE_SUMMARY, IMR_DECISIONS, IMR_END) \
	X(IMR_PROFESSIONAL_REVIEW, "imr-professional-review", TOK_VARIANT_IMR_PROFESSIONAL_REVIEW, \
	  ANY, "medical professional review, the qualifications last",                    \
	  IMR_PROFESSIONAL_REVIEW, IMR_ISSUE_AT_DISPUTE, IMR_PR_CASE_SUMMARY,             \
	  IMR_PR_DOCUMENTS, IMR_PR_GUIDELINES, IMR_PR_RATIONALE, IMR_PR_QUALIFICATIONS, IMR_END)

#define IMR_ENUM_ID(id, ...) IMR_##id,
#define IMR_ENUM_CTX(id) IMR_CTX_##id,
#define IMR_ENUM_FIELD(id, ...) IMR_##id,
#define IMR_ENUM_PART(id, ...) IMR_PART_##id,

enum imr_context { IMR_CONTEXTS(IMR_ENUM_CTX) IMR_CONTEXT_COUNT };
enum imr_section { IMR_SECTIONS(IMR_ENUM_ID) IMR_SECTION_COUNT };
/* What a header label names: one of the header's fields. */
enum imr_header_label { IMR_HEADER_FIELDS(IMR_ENUM_FIELD) IMR_HEADER_LABEL_COUNT };
enum imr_line_label { IMR_LINE_LABELS(IMR_ENUM_ID) IMR_LINE_LABEL_COUNT };
enum imr_variant { IMR_VARIANTS(IMR_ENUM_ID) IMR_VARIANT_COUNT };
#define IMR_ENUM_SENTENCE(id, ...) IMR_SENTENCE_##id,
enum imr_form_sentence { IMR_FORM_SENTENCES(IMR_ENUM_SENTENCE) IMR_FORM_SENTENCE_COUNT };
enum imr_part { IMR_PARTS(IMR_ENUM_PART) IMR_PART_COUNT };
enum imr_part_kind { IMR_PART_TEXT, IMR_PART_FACTS, IMR_PART_ITEMS };
#define IMR_ENUM_ITEM_PART(id, ...) IMR_ITEM_PART_##id,
enum imr_item_part { IMR_ITEM_PARTS(IMR_ENUM_ITEM_PART) IMR_ITEM_PART_COUNT };
/* In IMR_SECTIONS: a heading that holds no part, one that holds the items whole. */
#define IMR_PART_NONE IMR_PART_COUNT
#define IMR_ITEM_PART_ALL IMR_ITEM_PART_COUNT
#define IMR_END IMR_SECTION_COUNT

/* Words that open a compound written with a hyphen ("anti-inflammatory",
 * "one-month", "follow-up", "non-certified"): a line ending in one of them
 * and a hyphen keeps its hyphen when the letter itself does not say
 * otherwise (text.c's imr_mark_broken_words). */
#define IMR_COMPOUND_HEADS(X)                                                             \
	X("all") X("anti") X("bi") X("co") X("cross") X("day") X("double") X("eight")   \
	X("eleven") X("ex") X("first") X("five") X("follow") X("four") X("full")        \
	X("half") X("high") X("inter") X("intra") X("left") X("long") X("low") X("mid") \
	X("month") X("multi") X("nine") X("non") X("one") X("open") X("over") X("part")  \
	X("peri") X("post") X("pre") X("re") X("right") X("second") X("self") X("semi")  \
	X("seven") X("short") X("side") X("single") X("six") X("sub") X("ten") X("third") \
	X("three") X("tri") X("twelve") X("two") X("under") X("week") X("well") X("work") \
	X("x") X("year")

/* The states a reviewer is licensed in, as the letters name them: a
 * state OCR split at a blank ("W yoming") is one of these with its
 * blanks moved (extract.c). */
#define IMR_STATES(X)                                                                     \
	X("Alabama") X("Alaska") X("Arizona") X("Arkansas") X("California") X("Colorado")    \
	X("Connecticut") X("Delaware") X("District of Columbia") X("Florida") X("Georgia")  \
	X("Hawaii") X("Idaho") X("Illinois") X("Indiana") X("Iowa") X("Kansas")              \
	X("Kentucky") X("Louisiana") X("Maine") X("Maryland") X("Massachusetts")             \
	X("Michigan") X("Minnesota") X("Mississippi") X("Missouri") X("Montana")             \
	X("Nebraska") X("Nevada") X("New Hampshire") X("New Jersey") X("New Mexico")         \
	X("New York") X("North Carolina") X("North Dakota") X("Ohio") X("Oklahoma")          \
	X("Oregon") X("Pennsylvania") X("Rhode Island") X("South Carolina")                  \
	X("South Dakota") X("Tennessee") X("Texas") X("Utah") X("Vermont") X("Virginia")     \
	X("Washington") X("West Virginia") X("Wisconsin") X("Wyoming")

enum imr_value_kind { IMR_VALUE_CASE, IMR_VALUE_DATE, IMR_VALUE_PRIORITY, IMR_VALUE_NAME,
                      IMR_VALUE_CLAIM, IMR_VALUE_LIST };
enum imr_header_kind { IMR_HEADER_NONE, IMR_HEADER_TABLE, IMR_HEADER_COVER, IMR_HEADER_ANY };

/* An item's decisions, as its title's last word writes them (any case). */
#define IMR_DECISIONS(X) X(UPHELD, "upheld") X(OVERTURNED, "overturned")
#define IMR_DECISION_ENUM(id, word) IMR_##id,
enum imr_decision { IMR_DECISIONS(IMR_DECISION_ENUM) };
#undef IMR_DECISION_ENUM
/* What sets an item's decision apart from its title: the letter's colon
 * ("...: Upheld"), or in text re-typed or re-rendered by other hands (a
 * viewer's copy, an e-mail, a table exported to text) a dash between
 * blanks: a hyphen, an en dash, an em dash ("... - Upheld", "... –
 * Upheld").  A stop, semicolon or comma may follow the decision. */
#define IMR_DECISION_DASHES(X) X("-") X("\xe2\x80\x93") X("\xe2\x80\x94")
#define IMR_DECISION_STOPS ".;,"

/* The state of IMR_STATES that s[0..n) is with blanks in other places
 * ("W yoming", "NewYork"), any case, or NULL (also when s is written as
 * the table writes it). */
const char *imr_state_split(const char *s, size_t n);
/* The decision s[0..n) ends in (blanks after it aside): IMR_DECISIONS'
 * word, perhaps one of IMR_DECISION_STOPS after it, alone on the line or
 * after a colon or one of IMR_DECISION_DASHES between blanks; -1 when it
 * ends in none ("... the denial is upheld.").  *sep is where the colon or
 * the dash starts, or the word when it is alone. */
int imr_decision_ending(const char *s, size_t n, size_t *sep);
/* Whether c is one of IMR_DECISION_STOPS. */
static inline bool imr_decision_stop(char c)
{
	return c == '.' || c == ';' || c == ',';
}
/* The cheap test before imr_decision_ending, for code that looks at
 * every line: s[0..n)'s last letter (blanks and a stop after it aside) is
 * the "d" both decisions end in. */
static inline bool imr_may_end_decided(const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	if (n && imr_decision_stop(s[n - 1]))
		n--;
	return n && (s[n - 1] | 0x20) == 'd';
}
/* Whether s[0..n) (any case) is one of IMR_COMPOUND_HEADS. */
bool imr_compound_head(const char *s, size_t n);
const char *imr_section_text(enum imr_section s);
const char *imr_form_sentence(enum imr_form_sentence s);
enum imr_context imr_section_context(enum imr_section s);
const char *imr_header_label_xml(enum imr_header_label l);
/* The field's label as the letters write it ("Date Assigned:"). */
const char *imr_header_label_text(enum imr_header_label l);
/* The fields whose labels every letter of variant v has (IMR_HEADER_ALWAYS),
 * a bit (1u << field) each. */
unsigned imr_variant_header_always(enum imr_variant v);
enum imr_value_kind imr_header_value_kind(enum imr_header_label l);
const char *imr_variant_name(enum imr_variant v);
const char *imr_variant_description(enum imr_variant v);
enum imr_header_kind imr_variant_header(enum imr_variant v);
/* The variant's signature: its headings in order, ending in IMR_END. */
const enum imr_section *imr_variant_signature(enum imr_variant v);
/* By name, or -1. */
int imr_variant_by_name(const char *name);
const char *imr_part_xml(enum imr_part p);
const char *imr_part_words(enum imr_part p);
enum imr_part_kind imr_part_kind(enum imr_part p);
/* Where the words under a heading are: a part (IMR_PART_NONE: none),
 * and one item part of every item or IMR_ITEM_PART_ALL. */
enum imr_part imr_section_part(enum imr_section s);
enum imr_item_part imr_section_item_part(enum imr_section s);
const char *imr_item_part_xml(enum imr_item_part p);
enum imr_part_kind imr_item_part_kind(enum imr_item_part p);

#endif
