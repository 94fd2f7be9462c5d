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
 * The grammar reads like the document's table of contents:
 *
 *   determination   [header table]                       imr-2016 only
 *                   HOW THE IMR FINAL DETERMINATION WAS MADE
 *                   CLINICAL CASE SUMMARY
 *                   IMR ISSUES, DECISIONS AND RATIONALES
 *                       item title: Upheld | Overturned
 *                       Claims Administrator guideline: ...
 *                       MAXIMUS guideline: ...
 *                       Decision rationale: ...
 *
 * Each document variant is one rule of `determination`, selected by the
 * pseudo-token the variant detector puts first (parse.c).
 */
%require "3.8"
%define api.pure full
%define api.prefix {imr_yy}
%define api.token.prefix {TOK_}
%define parse.error detailed
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
#define A (p->arena)
#define SPAN(loc) ((struct imr_span){(loc).start, (loc).end})
}

%union {
	struct imr_line line;
	struct imr_text *text;
	struct imr_header *header;
	struct imr_reviewer *reviewer;
	struct imr_credential *credential;
	struct imr_summary_section *summary;
	struct imr_guideline *guideline;
	struct imr_issue *issue;
}

/* The variant detector's verdict, always the first token. */
%token VARIANT_IMR_2014 "imr-2014 document"
%token VARIANT_IMR_2016 "imr-2016 document"

%token <line> HEADER_LABEL       "header label"
%token <line> LABEL_TAIL         "wrapped header label"
%token <line> HEADER_VALUE       "header value"
%token <line> HOW_MADE_HEADING   "heading HOW THE IMR FINAL DETERMINATION WAS MADE"
%token <line> CREDENTIALS_INTRO  "credentials line"
%token <line> LICENSURE          "State(s) of Licensure"
%token <line> CERTIFICATION      "Certification(s)/Specialty"
%token <line> CASE_SUMMARY_HEADING "heading CLINICAL CASE SUMMARY"
%token <line> ISSUES_HEADING     "heading IMR ISSUES, DECISIONS AND RATIONALES"
%token <line> ISSUES_INTRO       "list of disputed items"
%token <line> TITLE_TEXT         "item title"
%token <line> ITEM_LINE          "item title with its decision"
%token <line> DECISION_LINE      "decision (Upheld/Overturned)"
%token <line> CLAIMS_GUIDELINE   "Claims Administrator guideline"
%token <line> MAXIMUS_GUIDELINE  "MAXIMUS guideline"
%token <line> RATIONALE          "Decision rationale"
%token <line> TEXT               "text line"

%type <reviewer> reviewer_section credential_list
%type <credential> credential
%type <summary> summary_section
%type <issue> issue issue_title
%type <guideline> claims_guideline maximus_guideline
%type <text> text opt_text title_lines rationale

%%

document
	: VARIANT_IMR_2014 determination_2014
	| VARIANT_IMR_2016 determination_2016
	;

/* ---- Variants: one rule each --------------------------------------------- */

/* 2014-15: the three sections, no header table. */
determination_2014
	: sections
	;

/* 2015-17+: the header table ("Case Number: CM16-0228949" ...) first. */
determination_2016
	: header sections
	;

sections
	: reviewer_section summary_section issues_section
	                                        { p->doc->reviewer = $1; p->doc->summary = $2; }
	;

/* ---- The header table ---------------------------------------------------
 *   Case Number:      CM16-0228949        (pdftotext -layout: label, value)
 *   Case Number: / Date Assigned: / ... then CM16-0228949 / 12/05/2016 / ...
 *                                         (pdftotext: labels, then values)
 * Both are groups of labels followed by as many values, paired in order;
 * "Application" / "Received:" is one label wrapped over two lines. */

header
	: header_group_list
	| error                                 { imr_document_add_unparsed(A, p->doc, SPAN(@1)); }
	;

header_group_list
	: header_group
	| header_group_list header_group
	;

header_group
	: header_label_list header_value_list   { imr_parser_pair_header(p, @$); }
	| header_label_list header_value_list LABEL_TAIL
	                                        { imr_parser_pair_header(p, @$); }
	;

header_label_list
	: HEADER_LABEL                          { imr_parser_push_label(p, $1); }
	| header_label_list HEADER_LABEL        { imr_parser_push_label(p, $2); }
	| header_label_list LABEL_TAIL
	;

header_value_list
	: HEADER_VALUE                          { imr_parser_push_value(p, $1); }
	| header_value_list HEADER_VALUE        { imr_parser_push_value(p, $2); }
	;

/* ---- HOW THE IMR FINAL DETERMINATION WAS MADE -----------------------------
 *   MAXIMUS Federal Services sent the complete case file to an expert
 *   reviewer. ... is Board Certified in X and is licensed to practice in Y.
 *   [The Expert Reviewer has the following credentials:
 *    State(s) of Licensure: California, Arizona
 *    Certification(s)/Specialty: Physical Medicine & Rehabilitation] */

reviewer_section
	: HOW_MADE_HEADING text                 { $$ = imr_reviewer_new(A, SPAN(@$), $2); }
	| HOW_MADE_HEADING text CREDENTIALS_INTRO credential_list
	                                        { $$ = $4; $$->text = $2; $$->node.span = SPAN(@$); }
	| HOW_MADE_HEADING error                { $$ = NULL; imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
	;

credential_list
	: credential                            { $$ = imr_reviewer_new(A, SPAN(@$), NULL); imr_reviewer_add(A, $$, $1); }
	| credential_list credential            { $$ = $1; imr_reviewer_add(A, $$, $2); }
	;

credential
	: LICENSURE opt_text                    { $$ = imr_credential_new(A, $1, $2); }
	| CERTIFICATION opt_text                { $$ = imr_credential_new(A, $1, $2); }
	;

/* ---- CLINICAL CASE SUMMARY ----------------------------------------------- */

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

issues_section
	: ISSUES_HEADING ISSUES_INTRO issue_list
	| ISSUES_HEADING issue_list
	| ISSUES_HEADING error                  { imr_document_add_unparsed(A, p->doc, SPAN(@2)); }
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
