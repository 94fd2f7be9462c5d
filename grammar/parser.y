/*
 * parser.y - the grammar of an IMR Final Determination.
 *
 * Conventions: terminals in CAPITALS (one per classified line, see
 * lexer.l; each has an alias in the document's own words, so messages
 * read "expecting MAXIMUS guideline"), nonterminals in lower_snake,
 * opt_ for optional parts, _list for repetitions.  Actions are one-line
 * calls to the AST constructors of src/ast.c.  Every node lives in the
 * document's arena (PostgreSQL's memory contexts): a syntax error cannot
 * leak, which is why no %destructor is needed.
 *
 * The grammar reads like the document's table of contents.  The
 * generations of the letter share their parts:
 *
 *   imr-2013-notice    MAXIMUS FEDERAL SERVICES, INC. (letterhead)
 *                      Notice of Independent Medical Review Determination
 *                          the letter, with "1) MAXIMUS ... has determined ..."
 *                      INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE
 *                          Medical Qualifications of the Expert Reviewer:
 *                          Case Summary:
 *                          1) Regarding the request for ...:  (one per item)
 *   imr-2014           HOW THE IMR FINAL DETERMINATION WAS MADE
 *                      CLINICAL CASE SUMMARY
 *                      IMR ISSUES, DECISIONS AND RATIONALES
 *                          item title: Upheld | Overturned (or " - Upheld.")
 *                          Claims Administrator guideline: ...
 *                          MAXIMUS guideline: ...
 *                          Decision rationale: ...
 *                      or, its beginning lost (its first page or pages:
 *                      pdftotext -f 2), the items alone, from inside one
 *   imr-2014-cover     the cover page (Case Number: ... Treatment(s) in
 *                      Dispute Listed on IMR Application: ...), then as imr-2014
 *   imr-2016           the header table (Case Number: ...), then as imr-2014
 *   imr-documents-reviewed
 *                      letterhead and header, HOW THE IMR FINAL DETERMINATION
 *                      WAS MADE, DOCUMENTS REVIEWED, CLINICAL CASE SUMMARY,
 *                      IMR DECISION(S) AND RATIONALE(S) (items as imr-2014)
 *   imr-professional-review
 *                      MEDICAL PROFESSIONAL REVIEW, header, ISSUE AT DISPUTE:,
 *                      CASE SUMMARY:, DOCUMENTS REVIEWED FOR DETERMINATION:,
 *                      MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY
 *                      PROFESSIONAL REVIEWER AND WHY:, RATIONALE FOR WHY ...:,
 *                      MEDICAL REVIEWER QUALIFICATIONS:
 *
 * Each document variant is one rule of `determination`, selected by the
 * pseudo-token the variant detector puts first (parse.c); an input of
 * several letters has one before each.
 *
 * A token's alias is the words of the letters that have it; a variant
 * that opens the same part with a label of its own (vocab.h's
 * IMR_LINE_LABELS) is told about it in that label's words.
 */
%require "3.8"
%define api.pure full
%define api.prefix {imr_yy}
%define api.token.prefix {TOK_}
/* bison's "detailed" messages, each token named in the letter's own
 * words (yyreport_syntax_error, at the end). */
%define parse.error custom
%define parse.lac full
/* Consult the lookahead before every reduction: after `issue_title error`
 * the parser must not reduce on a token that cannot follow an item, or
 * recovery climbs to the section and loses the items after it. */
%define lr.default-reduction accepting
%locations
%header
%expect 0
%param {struct imr_parser *p}

%code requires {
#include "lex.h"
struct imr_parser;
/* Locations are half-open byte spans; lines and columns are computed
 * from them only when a diagnostic is printed. */
typedef struct imr_span IMR_YYLTYPE;
#define IMR_YYLTYPE_IS_DECLARED 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                           \
	do {                                                                  \
		if (N) {                                                      \
			(Cur).start = YYRHSLOC(Rhs, 1).start;                 \
			(Cur).end = YYRHSLOC(Rhs, N).end;                     \
		} else {                                                      \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;       \
		}                                                             \
	} while (0)
}

%code provides {
int imr_yylex(IMR_YYSTYPE *lval, IMR_YYLTYPE *lloc, struct imr_parser *p);
void imr_yyerror(IMR_YYLTYPE *loc, struct imr_parser *p, const char *msg);
}

%code {
#include "ast.h"
#include "parse.h"
#include <string.h>
#define A (p->arena)
#define SPAN(loc) ((struct imr_span){(loc).start, (loc).end})
}

%union {
	struct imr_line line;
	struct imr_text *text;
	struct imr_reviewer *reviewer;
	struct imr_credential *credential;
	struct imr_summary_section *summary;
	struct imr_guideline *guideline;
	struct imr_issue *issue;
}

/* The variant detector's verdict, always the first token. */
%token VARIANT_IMR_2013_NOTICE "imr-2013-notice document"
%token VARIANT_IMR_2014 "imr-2014 document"
%token VARIANT_IMR_2014_COVER "imr-2014-cover document"
%token VARIANT_IMR_2016 "imr-2016 document"
%token VARIANT_IMR_DOCUMENTS_REVIEWED "imr-documents-reviewed document"
%token VARIANT_IMR_PROFESSIONAL_REVIEW "imr-professional-review document"

%token <line> HEADER_LABEL       "header label"
%token <line> LABEL_TAIL         "wrapped header label"
%token <line> HEADER_VALUE       "header value"
%token <line> LETTERHEAD         "letterhead MAXIMUS FEDERAL SERVICES, INC."
%token <line> NOTICE_TITLE       "heading Notice of Independent Medical Review Determination"
%token <line> NOTICE_DECISION_HEADING "heading INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"
%token <line> PROFESSIONAL_REVIEW_HEADING "heading MEDICAL PROFESSIONAL REVIEW"
%token <line> HOW_MADE_HEADING   "heading HOW THE IMR FINAL DETERMINATION WAS MADE"
%token <line> CREDENTIALS_INTRO  "credentials line"
%token <line> LICENSURE          "State(s) of Licensure"
%token <line> CERTIFICATION      "Certification(s)/Specialty"
%token <line> DOCUMENTS_HEADING  "heading DOCUMENTS REVIEWED"
%token <line> CASE_SUMMARY_HEADING "heading CLINICAL CASE SUMMARY"
%token <line> ISSUES_HEADING     "heading IMR ISSUES, DECISIONS AND RATIONALES"
%token <line> DECISIONS_HEADING  "heading IMR DECISION(S) AND RATIONALE(S)"
%token <line> ISSUES_INTRO       "list of disputed items"
%token <line> TITLE_TEXT         "item title"
%token <line> ITEM_LINE          "item title with its decision"
%token <line> DECISION_LINE      "decision (Upheld/Overturned)"
%token <line> CLAIMS_GUIDELINE   "Claims Administrator guideline"
%token <line> MAXIMUS_GUIDELINE  "MAXIMUS guideline"
%token <line> RATIONALE          "Decision rationale"
%token <line> DECISION_ENTRY     "numbered decision (MAXIMUS Federal Services, Inc. has determined ...)"
%token <line> DECISION_TEXT      "numbered decision, continued"
%token <line> QUALIFICATIONS     "Medical Qualifications of the Expert Reviewer"
%token <line> NOTICE_SUMMARY     "Case Summary"
%token <line> ITEM_SECTION       "item section (Regarding the request for ...)"
%token <line> ISSUE_AT_DISPUTE_HEADING "heading ISSUE AT DISPUTE"
%token <line> PR_SUMMARY_HEADING "heading CASE SUMMARY"
%token <line> PR_DOCUMENTS_HEADING "heading DOCUMENTS REVIEWED FOR DETERMINATION"
%token <line> PR_GUIDELINES_HEADING "heading MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY"
%token <line> PR_RATIONALE_HEADING "heading RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY"
%token <line> PR_QUALIFICATIONS_HEADING "heading MEDICAL REVIEWER QUALIFICATIONS"
%token <line> TEXT               "text line"

%type <reviewer> reviewer_section opt_reviewer_section reviewer_body credential_list
%type <credential> credential
%type <summary> summary_section opt_summary_section
%type <issue> issue issue_title notice_item
%type <guideline> claims_guideline maximus_guideline
%type <text> text opt_text title_lines opt_title_lines rationale
%type <text> letter untitled_letter notice_intro decision_entry decision_text

%%

/* An input is one letter, or several joined (cat, a PDF of a batch): the
 * token filter puts each letter's variant before its first line.  A
 * letter no rule of its own recovers in ends the parse; parse.c starts
 * it again at the next letter, the rest of this one kept as unparsed (a
 * rule `determination: error` would compete with every letter's own
 * recovery where its last parts are optional). */
document
	: determination
	| document determination
	;

determination
	: VARIANT_IMR_2013_NOTICE begin_letter determination_2013_notice
	| VARIANT_IMR_2014 begin_letter determination_2014
	/* (Lines before its first heading that are none of the letter's: the
	 * error is shifted before begin_letter, where the parser meets it;
	 * after, begin_letter's reduction would wait for a lookahead it could
	 * shift, which a line of text is not, and no state would take the
	 * error.) */
	| VARIANT_IMR_2014 error begin_letter sections
	                                        { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	| VARIANT_IMR_2014_COVER begin_letter determination_2014_cover
	| VARIANT_IMR_2016 begin_letter determination_2016
	| VARIANT_IMR_DOCUMENTS_REVIEWED begin_letter determination_documents_reviewed
	| VARIANT_IMR_PROFESSIONAL_REVIEW begin_letter determination_professional_review
	;

begin_letter
	: %empty                                { imr_parser_begin_letter(p); }
	;

/* ---- Variants: one rule each --------------------------------------------- */

/* 2013: a cover letter stating the decisions, then how they were made.
 * A degraded letter (parse.c has said what it lacks) may have lost its
 * title, the letter then read from its salutation or its first numbered
 * decision, or its decision part: what it has is read (degrade, don't
 * drop). */
determination_2013_notice
	: opt_letterhead NOTICE_TITLE letter opt_notice_decision
	                                        { imr_document_set_part(p->doc, IMR_PART_LETTER, $3); }
	| opt_letterhead untitled_letter opt_notice_decision
	                                        { imr_document_set_part(p->doc, IMR_PART_LETTER, $2); }
	;

untitled_letter
	: TEXT letter                           { $$ = imr_text_concat(A, imr_text_new(A, $1), $2); }
	| decision_entry letter                 { imr_document_add_entry(A, p->doc, 0, $1); $$ = imr_text_concat(A, imr_text_copy(A, $1), $2); }
	;

/* 2014-15: the three sections, no header table.  Lines before the first
 * heading that are none of the letter's (a table OCR read as one block,
 * no label left whole: "Federal Services" / "[Case Number: | Cii7-
 * 0003890, |" / "Received:") are kept as unparsed, the sections read
 * after them (degrade, don't drop): `determination` above. */
determination_2014
	: sections
	| letter_without_beginning
	;

/* A letter without its beginning (its first page or pages lost:
 * pdftotext -f 2), opening inside an item; parse.c has said so and read
 * it as imr-2014, no header, none of its headings.  What stands before
 * the first whole item (the tail of an item whose title and decision
 * are lost: a guideline's or a rationale's end, their labels) is kept
 * as unparsed; the items after it are read as under their heading.
 *   ... Guidelines: Trigger Finger.           (a guideline's tail)
 *   MAXIMUS guideline: Decision based on ...
 *   Decision rationale: ...
 *   Jamar grip test: Upheld                   (the first whole item)
 *   Claims Administrator guideline: ... */
letter_without_beginning
	: item_fragment                         { imr_document_add_unparsed(A, p->doc, SPAN(@1)); }
	| item_fragment issue_list              { imr_document_add_unparsed(A, p->doc, SPAN(@1)); }
	| issue_list
	;

item_fragment
	: item_fragment_line
	| item_fragment item_fragment_line
	;

item_fragment_line
	: TEXT
	| CLAIMS_GUIDELINE
	| MAXIMUS_GUIDELINE
	| RATIONALE
	;

/* 2014: the cover page, then the three sections. */
determination_2014_cover
	: header sections
	;

/* 2015-17+: the header table ("Case Number: CM16-0228949" ...) first. */
determination_2016
	: header sections
	;

/* The records the reviewer had, listed after the reviewer's paragraph.
 * Each section may be missing: detection lets through only a letter
 * with all of them, or (degraded, the error reported) most of them, so
 * that --partial keeps what it has (degrade, don't drop). */
determination_documents_reviewed
	: opt_letterhead opt_reviewer_section opt_documents_section opt_summary_section
	  opt_issues_section                    { p->doc->reviewer = $2; p->doc->summary = $4; }
	;

/* One review of the whole request: the items, the case, the records, the
 * guidelines and the rationale (shared by the items), the reviewer last. */
determination_professional_review
	: opt_professional_review_heading opt_header opt_pr_issues opt_pr_summary opt_pr_documents
	  opt_pr_guidelines opt_pr_rationale opt_pr_qualifications
	;

/* The parts a degraded letter may lack (as the documents reviewed's). */
opt_professional_review_heading
	: %empty
	| PROFESSIONAL_REVIEW_HEADING
	;

opt_pr_issues
	: %empty
	| pr_issues
	;

opt_pr_summary
	: %empty
	| pr_summary
	;

opt_pr_documents
	: %empty
	| pr_documents
	;

opt_pr_guidelines
	: %empty
	| pr_guidelines
	;

opt_pr_rationale
	: %empty
	| pr_rationale
	;

opt_pr_qualifications
	: %empty
	| pr_qualifications
	;


sections
	: reviewer_section summary_section issues_section
	                                        { p->doc->reviewer = $1; p->doc->summary = $2; }
	/* A letter that lacks one of its headings (parse.c has said which):
	 * what it has is read, so that --partial keeps it (degrade, don't drop). */
	| reviewer_section issues_section       { p->doc->reviewer = $1; }
	| summary_section issues_section        { p->doc->summary = $1; }
	| reviewer_section summary_section      { p->doc->reviewer = $1; p->doc->summary = $2; }
	| issues_section
	;

/* ---- The header ------------------------------------------------------------
 * A table, a cover page or a letterhead, read as cells:
 *   Case Number:      CM16-0228949        (pdftotext -layout: label, value)
 *   Case Number: / Date Assigned: / ... then CM16-0228949 / 12/05/2016 / ...
 *                                         (pdftotext: labels, then values)
 *   UR Denial / Date:                     (a label wrapped in a narrow cell)
 * Every cell is kept in order; parse.c pairs the labels with their values
 * (header.c): the two dimensions of a table are no sequence a grammar can
 * state, and redacted values are simply missing. */

opt_letterhead
	: opt_header
	| LETTERHEAD opt_header
	;

opt_header
	: %empty
	| header
	;

header
	: header_cell_list
	| error                                 { imr_document_add_unparsed(A, p->doc, SPAN(@1)); }
	;

header_cell_list
	: header_cell
	| header_cell_list header_cell
	;

header_cell
	: HEADER_LABEL                          { imr_parser_push_cell(p, TOK_HEADER_LABEL, $1); }
	| LABEL_TAIL                            { imr_parser_push_cell(p, TOK_LABEL_TAIL, $1); }
	| HEADER_VALUE                          { imr_parser_push_cell(p, TOK_HEADER_VALUE, $1); }
	;

/* ---- HOW THE IMR FINAL DETERMINATION WAS MADE -----------------------------
 *   MAXIMUS Federal Services sent the complete case file to an expert
 *   reviewer. ... is Board Certified in X and is licensed to practice in Y.
 *   [The Expert Reviewer has the following credentials:
 *    State(s) of Licensure: California, Arizona
 *    Certification(s)/Specialty: Physical Medicine & Rehabilitation] */

opt_reviewer_section
	: %empty                                { $$ = NULL; }
	| reviewer_section                      { $$ = $1; }
	;

reviewer_section
	: HOW_MADE_HEADING reviewer_body        { $$ = $2; $$->node.span = SPAN(@$); }
	| HOW_MADE_HEADING error                { $$ = NULL; imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

reviewer_body
	: text                                  { $$ = imr_reviewer_new(A, SPAN(@$), $1); }
	| text CREDENTIALS_INTRO credential_list
	                                        { $$ = $3; $$->text = $1; $$->node.span = SPAN(@$); }
	;

credential_list
	: credential                            { $$ = imr_reviewer_new(A, SPAN(@$), NULL); imr_reviewer_add(A, $$, $1); }
	| credential_list credential            { $$ = $1; imr_reviewer_add(A, $$, $2); }
	;

credential
	: LICENSURE opt_text                    { $$ = imr_credential_new(A, $1, $2); }
	| CERTIFICATION opt_text                { $$ = imr_credential_new(A, $1, $2); }
	;

/* ---- DOCUMENTS REVIEWED ----------------------------------------------------
 *   Application of Independent Medical Review dated 10/15/2013
 *   Medical Records from Sunrise Orthopedics dated 01/07/2013 through ... */

opt_documents_section
	: %empty
	| documents_section
	;

documents_section
	: DOCUMENTS_HEADING opt_text            { p->doc->documents = $2; p->doc->has_documents = true; }
	| DOCUMENTS_HEADING error               { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

/* ---- CLINICAL CASE SUMMARY ----------------------------------------------- */

opt_summary_section
	: %empty                                { $$ = NULL; }
	| summary_section                       { $$ = $1; }
	;

summary_section
	: CASE_SUMMARY_HEADING text             { $$ = imr_summary_new(A, SPAN(@$), $2); }
	| CASE_SUMMARY_HEADING error            { $$ = NULL; imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

/* ---- IMR ISSUES, DECISIONS AND RATIONALES ---------------------------------
 *   The Final Determination was based on decisions for the disputed ...:
 *   Baclofen 10mg #90: Upheld
 *   Claims Administrator guideline: ...
 *   MAXIMUS guideline: ...
 *   Decision rationale: ... */

opt_issues_section
	: %empty
	| issues_section
	;

issues_section
	: issues_heading ISSUES_INTRO issue_list
	| issues_heading issue_list
	| issues_heading error                  { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

issues_heading
	: ISSUES_HEADING
	| DECISIONS_HEADING
	;

issue_list
	: issue                                 { imr_document_add_issue(A, p->doc, $1); }
	| issue_list issue                      { imr_document_add_issue(A, p->doc, $2); }
	;

issue
	: issue_title claims_guideline maximus_guideline rationale
	                                        { $$ = $1; $$->claims = $2; $$->maximus = $3; $$->rationale = $4; $$->node.span = SPAN(@$); }
	| issue_title error                     { $$ = $1; imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

/* "Title: Upheld", or a title wrapped over lines, the decision last. */
issue_title
	: ITEM_LINE                             { $$ = imr_issue_titled(A, SPAN(@$), NULL, $1, true); }
	| title_lines ITEM_LINE                 { $$ = imr_issue_titled(A, SPAN(@$), $1, $2, true); }
	| title_lines DECISION_LINE             { $$ = imr_issue_titled(A, SPAN(@$), $1, $2, false); }
	;

title_lines
	: TITLE_TEXT                            { $$ = imr_text_new(A, $1); }
	| title_lines TITLE_TEXT                { $$ = imr_text_append(A, $1, $2); }
	;

claims_guideline
	: CLAIMS_GUIDELINE opt_text             { $$ = imr_guideline_new(A, IMR_CLAIMS_ADMINISTRATOR, $1, $2); }
	;

maximus_guideline
	: MAXIMUS_GUIDELINE opt_text            { $$ = imr_guideline_new(A, IMR_MAXIMUS, $1, $2); }
	;

rationale
	: RATIONALE opt_text                    { $$ = imr_text_concat(A, imr_text_after_label(A, $1), $2); }
	;

/* ---- The 2013 notice's letter ----------------------------------------------
 *   Dated: 9/26/2013                       (header rows, read as cells)
 *   IMR Case Number: CM13-0004821   Date of Injury: 3/14/2011
 *   Dear ...:  MAXIMUS Federal Services, Inc. has completed ...
 *   1) MAXIMUS Federal Services, Inc. has determined the request for X is
 *   not medically necessary and appropriate. */

letter
	: %empty                                { $$ = NULL; }
	| letter TEXT                           { $$ = $1 ? imr_text_append(A, $1, $2) : imr_text_new(A, $2); }
	| letter decision_entry                 { imr_document_add_entry(A, p->doc, 0, $2); $$ = imr_text_concat(A, $1, imr_text_copy(A, $2)); }
	| letter header_cell                    { $$ = $1; }
	;

/* "1) MAXIMUS Federal Services, Inc. has determined ...", wrapped. */
decision_entry
	: DECISION_ENTRY                        { $$ = imr_text_new(A, $1); }
	| DECISION_ENTRY decision_text          { $$ = imr_text_concat(A, imr_text_new(A, $1), $2); }
	;

decision_text
	: DECISION_TEXT                         { $$ = imr_text_new(A, $1); }
	| decision_text DECISION_TEXT           { $$ = imr_text_append(A, $1, $2); }
	;

/* ---- INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE ---------------------
 *   An application for Independent Medical Review was filed on ... (and the
 *   numbered decisions again)
 *   Medical Qualifications of the Expert Reviewer: ...
 *   Case Summary: ...
 *   1) Regarding the request for Norco 10/325mg #120:
 *   Medical Treatment Guideline(s) Used by the Claims Administrator: ...
 *   Medical Treatment Guideline(s) Used by the Expert Reviewer: ...
 *   Rationale Used by the Expert Reviewer: ...
 * The item's parts are known only approximately: any of them may be
 * missing, and text before the first is its rationale. */

opt_notice_decision
	: %empty
	| notice_decision
	;

notice_decision
	: NOTICE_DECISION_HEADING notice_intro notice_part_list notice_item_list
	                                        { imr_parser_notice_reviewer(p, $2, SPAN(@$)); }
	| NOTICE_DECISION_HEADING error         { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

notice_intro
	: %empty                                { $$ = NULL; }
	| notice_intro TEXT                     { $$ = $1 ? imr_text_append(A, $1, $2) : imr_text_new(A, $2); }
	| notice_intro decision_entry           { imr_document_add_entry(A, p->doc, 1, $2); $$ = imr_text_concat(A, $1, imr_text_copy(A, $2)); }
	;

notice_part_list
	: %empty
	| notice_part_list notice_part
	;

notice_part
	: QUALIFICATIONS opt_text               { imr_parser_add_qualifications(p, imr_text_concat(A, imr_text_after_label(A, $1), $2)); }
	| NOTICE_SUMMARY opt_text               { p->doc->summary = imr_summary_new(A, SPAN(@$), imr_text_concat(A, imr_text_after_label(A, $1), $2)); }
	;

notice_item_list
	: %empty
	| notice_item_list notice_item          { imr_document_add_issue(A, p->doc, $2); }
	;

notice_item
	: ITEM_SECTION opt_title_lines opt_text notice_item_part_list
	                                        { $$ = imr_parser_notice_item(p, $1, $2, $3, SPAN(@$)); }
	| ITEM_SECTION error                    { $$ = imr_parser_notice_item(p, $1, NULL, NULL, SPAN(@1)); imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

opt_title_lines
	: %empty                                { $$ = NULL; }
	| title_lines                           { $$ = $1; }
	;

notice_item_part_list
	: %empty
	| notice_item_part_list notice_item_part
	;

notice_item_part
	: CLAIMS_GUIDELINE opt_text             { imr_parser_item_part(p, imr_guideline_new(A, IMR_CLAIMS_ADMINISTRATOR, $1, $2), NULL); }
	| MAXIMUS_GUIDELINE opt_text            { imr_parser_item_part(p, imr_guideline_new(A, IMR_MAXIMUS, $1, $2), NULL); }
	| RATIONALE opt_text                    { imr_parser_item_part(p, NULL, imr_text_concat(A, imr_text_after_label(A, $1), $2)); }
	;

/* ---- MEDICAL PROFESSIONAL REVIEW --------------------------------------------
 *   ISSUE AT DISPUTE:
 *   Lidoderm 5% patch #30: Upheld
 *   CASE SUMMARY: ...
 *   DOCUMENTS REVIEWED FOR DETERMINATION: ...
 *   MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL
 *   REVIEWER AND WHY: ...
 *   RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT
 *   MEDICALLY NECESSARY: ...
 *   MEDICAL REVIEWER QUALIFICATIONS: ... */

pr_issues
	: ISSUE_AT_DISPUTE_HEADING pr_issue_list
	| ISSUE_AT_DISPUTE_HEADING text         { imr_document_add_issue(A, p->doc, imr_issue_undecided(A, SPAN(@2), $2)); }
	| ISSUE_AT_DISPUTE_HEADING error        { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

pr_issue_list
	: issue_title                           { imr_document_add_issue(A, p->doc, $1); }
	| pr_issue_list issue_title             { imr_document_add_issue(A, p->doc, $2); }
	;

pr_summary
	: PR_SUMMARY_HEADING opt_text           { p->doc->summary = imr_summary_new(A, SPAN(@$), $2); }
	;

pr_documents
	: PR_DOCUMENTS_HEADING opt_text         { p->doc->documents = $2; p->doc->has_documents = true; }
	;

pr_guidelines
	: PR_GUIDELINES_HEADING opt_text        { p->doc->shared_guideline = imr_guideline_new(A, IMR_MAXIMUS, $1, $2); }
	;

pr_rationale
	: PR_RATIONALE_HEADING opt_text         { p->doc->shared_rationale = $2; }
	;

pr_qualifications
	: PR_QUALIFICATIONS_HEADING reviewer_body
	                                        { p->doc->reviewer = $2; }
	| PR_QUALIFICATIONS_HEADING error       { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

/* ---- Running text ---------------------------------------------------------- */

text
	: TEXT                                  { $$ = imr_text_new(A, $1); }
	| text TEXT                             { $$ = imr_text_append(A, $1, $2); }
	;

opt_text
	: %empty                                { $$ = NULL; }
	| text                                  { $$ = $1; }
	;

%%

/* The words for a token: the variant's own label for it, or its alias. */
static const char *symbol_words(const struct imr_parser *p, yysymbol_kind_t sym, int *len)
{
	for (int l = 0; l < IMR_LINE_LABEL_COUNT; l++) {
		int token = imr_line_label_token((enum imr_line_label)l);
		size_t n;
		const char *words;
		if (YYTRANSLATE(token) == sym &&
		    (words = imr_variant_label_words(p->doc->variant, token, &n)) != NULL) {
			*len = (int)n;
			return words;
		}
	}
	*len = (int)strlen(yysymbol_name(sym));
	return yysymbol_name(sym);
}

/* As bison's "detailed": the token met and, when there are at most four,
 * the tokens expected. */
static int yyreport_syntax_error(const yypcontext_t *ctx, struct imr_parser *p)
{
	enum { MAX_ARGS = 5 };
	yysymbol_kind_t args[MAX_ARGS];
	int count = 0;
	yysymbol_kind_t met = yypcontext_token(ctx);
	if (met != YYSYMBOL_YYEMPTY) {
		args[count++] = met;
		int n = yypcontext_expected_tokens(ctx, args + 1, MAX_ARGS - 1);
		if (n < 0)
			return n;
		count += n;
	}
	char msg[1024];
	int at = snprintf(msg, sizeof msg, "syntax error");
	for (int i = 0; i < count && at < (int)sizeof msg; i++) {
		int len;
		const char *words = symbol_words(p, args[i], &len);
		at += snprintf(msg + at, sizeof msg - (size_t)at, "%s%.*s",
		               i == 0 ? ", unexpected " : i == 1 ? ", expecting " : " or ", len, words);
	}
	imr_yyerror(yypcontext_location(ctx), p, msg);
	return 0;
}
