/*
 * request.y - the grammar of a disputed item's title.
 *
 * Conventions: terminals in CAPITALS (the scanner's classes of words,
 * grammar/request.l; each has an alias in the title's own words, so a
 * message would read "expecting spinal level"), nonterminals in
 * lower_snake, _list for repetitions.  Actions are one-line calls to the
 * constructors of src/request.c; parts live in the caller's arena.
 *
 * A title is a run of phrases in free order: the name, its strength,
 * form and quantity, how often and how long, where, when:
 *
 *   Norco 10/325mg #90 with 3 refills
 *   Physical therapy 2 times a week for 6 weeks for the lumbar spine
 *   Acupuncture two times a week times three weeks
 *   Retrospective request for Terocin patch #30 (DOS: 10/12/2016)
 *   Lumbar epidural steroid injection at L4-5 and L5-S1
 *
 * so the grammar is a list of `part`s, and each part is a small phrase:
 * a number with what it counts ("90 tablets", "6 weeks", "8 sessions",
 * "3 refills", "2 times a week", "2x6"), a quantity ("#90", "QTY: 90"),
 * a frequency ("BID", "every 4-6 hrs", "twice weekly"), a list of body
 * regions with their sides ("the right hip and foot"), a spinal level or
 * range ("L3 through L5"), a date of service.  Every other token is a
 * part by itself (a word of the name, a connector, punctuation).
 * src/request.c relates the parts: a frequency and a duration make the
 * sessions, a count that opens the title counts what its session noun
 * names, the words before the first detail are the name.
 *
 * Every title parses: each phrase's every prefix is a phrase too, and
 * where a phrase may go on or stop ("2 times" then "a week"?) the
 * precedence of LOW says: go on (shift), as in the dangling else.  The
 * `error` rule is a safety net that only skips a broken phrase; the
 * tests assert it never fires on the known titles nor on random ones.
 */
%require "3.8"
%define api.pure full
%define api.prefix {imr_rq_}
%define api.token.prefix {RQ_}
%define api.value.type {struct imr_rq_value}
%define api.location.type {struct imr_rq_span}
%define parse.error detailed
%define parse.lac full
%locations
%header
%expect 0
%param {struct imr_rq_parser *p}

%code requires {
#include "request_grammar.h"
}

%code provides {
int imr_rq_lex(IMR_RQ_STYPE *val, IMR_RQ_LTYPE *loc, struct imr_rq_parser *p);
void imr_rq_error(IMR_RQ_LTYPE *loc, struct imr_rq_parser *p, const char *msg);
}

%code {
/* A phrase spans its first token to its last; an empty one sits at the
 * end of what precedes it. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                               \
	do {                                                                       \
		if (N) {                                                           \
			(Cur).start = YYRHSLOC(Rhs, 1).start;                      \
			(Cur).end = YYRHSLOC(Rhs, N).end;                          \
		} else {                                                           \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;            \
		}                                                                  \
	} while (0)
/* The parts are a left-recursive list: the stack stays shallow. */
#define YYINITDEPTH 32
#define ADD(kind, loc, t) imr_rq_add_token(p, RQ_##kind, (loc), &(t).tok)
}

%token DRUG "drug name" SERVICE "service name" FORM "dosage form"
%token SUNIT "strength unit" AUNIT "amount unit"
%token NUM "number" SLASHNUM "strength like 10/325"
%token MULT "once or twice" TIMES "times" XREFILLS "x (of refills)" PER_PERIOD "per week" PERIODIC "daily or weekly"
%token FREQ "prescription frequency" AS_NEEDED "as needed" EVERY "every" PERIOD "unit of time"
%token SESSION "sessions" REFILLS "refills" NO "no" HASH "#" QTY "QTY:"
%token REGION "body region" SIDE "left or right" CONJ "and" LEVEL "spinal level"
%token THROUGH "through"
%token DOS "date of service" DATE "date" RETRO "Retrospective" REQUEST_FOR "request for"
%token PERIOP "Post-op" PURPOSE "to evaluate" ROUTE "route"
%token WORD "word" STOP "of or for" ARTICLE "the" PUNCT "punctuation"

/* Shorter phrases reduce only when the next token cannot go on. */
%precedence LOW
%precedence NUM SUNIT AUNIT FORM SESSION PERIOD REFILLS PER_PERIOD PERIODIC TIMES
%precedence REGION SIDE CONJ THROUGH DATE LEVEL

%%

/* ---- the title -------------------------------------------------------- */

title:
	  part_list
	;

part_list:
	  %empty
	| part_list part
	| part_list error                  { yyerrok; }
	;

part:
	  num_phrase                       { imr_rq_add(p, &$1.part); }
	/* x 6 visits, x2 refills, x 2 bottles, times three weeks, x12 */
	| TIMES num_phrase                 { $2.part.times = true; $2.part.span = @$; imr_rq_add(p, &$2.part); }
	| TIMES             %prec LOW      { ADD(TIMES, @$, $1); }
	| XREFILLS num_phrase              { $2.part.times = true; $2.part.span = @$; imr_rq_add(p, &$2.part); }
	| XREFILLS          %prec LOW      { ADD(TIMES, @$, $1); }
	/* #90, # 90, #60 grams, #30 patches, QTY: 90 */
	| HASH num_phrase                  { $2.part.hash = true; $2.part.span = @$; imr_rq_add(p, &$2.part); }
	| HASH              %prec LOW      { ADD(HASH, @$, $1); }
	| QTY num_phrase                   { $2.part.hash = true; $2.part.span = @$; imr_rq_add(p, &$2.part); }
	| QTY               %prec LOW      { ADD(QTY, @$, $1); }
	| strength
	| frequency                        { imr_rq_add(p, &$1.part); }
	| refills
	| region_phrase
	| level
	| date_of_service
	| word
	;

/* ---- a number and what it counts --------------------------------------- */

num_phrase:
	  NUM               %prec LOW      { $$.part = imr_rq_num_phrase(IMR_RQ_P_COUNT, @$, &$1.tok, NULL); }
	| NUM SUNIT                        { $$.part = imr_rq_num_phrase(IMR_RQ_P_STRENGTH, @$, &$1.tok, &$2.tok); }
	| NUM AUNIT                        { $$.part = imr_rq_num_phrase(IMR_RQ_P_AMOUNT, @$, &$1.tok, &$2.tok); }
	| NUM FORM                         { $$.part = imr_rq_num_phrase(IMR_RQ_P_FORM, @$, &$1.tok, &$2.tok); }
	| NUM SESSION                      { $$.part = imr_rq_num_phrase(IMR_RQ_P_SESSIONS, @$, &$1.tok, &$2.tok); }
	| NUM PERIOD        %prec LOW      { $$.part = imr_rq_num_phrase(IMR_RQ_P_DURATION, @$, &$1.tok, &$2.tok); }
	/* 5 days a week (a frequency), 4 hours a day (a duration each day) */
	| NUM PERIOD PER_PERIOD            { $$.part = imr_rq_per_period(@$, &$1.tok, &$2.tok, &$3.tok); }
	| NUM REFILLS                      { $$.part = imr_rq_num_phrase(IMR_RQ_P_REFILLS, @$, &$1.tok, &$2.tok); }
	/* 3 per week, 2/week */
	| NUM PER_PERIOD                   { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$2.tok); }
	/* 3x (a frequency without its period) */
	| NUM TIMES         %prec LOW      { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, NULL); }
	/* 2 times a week, 2x/week, three times weekly, 2x week */
	| NUM TIMES PER_PERIOD             { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$3.tok); }
	| NUM TIMES PERIODIC               { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$3.tok); }
	| NUM TIMES PERIOD                 { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$3.tok); }
	/* 2x6, 2x6 weeks, 2x6 visits */
	| NUM TIMES NUM     %prec LOW      { $$.part = imr_rq_product(@$, &$1.tok, &$3.tok, NULL, false); }
	| NUM TIMES NUM PERIOD             { $$.part = imr_rq_product(@$, &$1.tok, &$3.tok, &$4.tok, false); }
	| NUM TIMES NUM SESSION            { $$.part = imr_rq_product(@$, &$1.tok, &$3.tok, &$4.tok, true); }
	;

/* ---- strength ------------------------------------------------------------ */

/* 10/325mg, 10/325 (a strength without its unit), 1/2 tablet */
strength:
	  SLASHNUM SUNIT                   { struct imr_rq_part s = imr_rq_num_phrase(IMR_RQ_P_STRENGTH, @$, &$1.tok, &$2.tok); imr_rq_add(p, &s); }
	| SLASHNUM FORM                    { struct imr_rq_part s = imr_rq_num_phrase(IMR_RQ_P_FORM, @$, &$1.tok, &$2.tok); imr_rq_add(p, &s); }
	| SLASHNUM          %prec LOW      { struct imr_rq_part s = imr_rq_num_phrase(IMR_RQ_P_STRENGTH, @$, &$1.tok, NULL); imr_rq_add(p, &s); }
	;

/* ---- how often ------------------------------------------------------------ */

frequency:
	  FREQ                             { $$.part = imr_rq_frequency(@$, NULL, &$1.tok, NULL); }
	| AS_NEEDED                        { $$.part = imr_rq_frequency(@$, NULL, NULL, NULL); $$.part.as_needed = true; }
	| PERIODIC                         { $$.part = imr_rq_frequency(@$, NULL, NULL, &$1.tok); }
	/* twice a week, once daily */
	| MULT              %prec LOW      { $$.part = imr_rq_token_part(IMR_RQ_P_FILLER, @$, &$1.tok); }
	| MULT PER_PERIOD                  { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$2.tok); }
	| MULT PERIODIC                    { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$2.tok); }
	| MULT PERIOD                      { $$.part = imr_rq_frequency(@$, &$1.tok, NULL, &$2.tok); }
	/* every 8 hours, every 4-6 hrs */
	| EVERY             %prec LOW      { $$.part = imr_rq_token_part(IMR_RQ_P_STOP, @$, &$1.tok); }
	| EVERY NUM         %prec LOW      { $$.part = imr_rq_token_part(IMR_RQ_P_FILLER, @$, &$1.tok); }
	| EVERY NUM PERIOD                 { $$.part = imr_rq_frequency(@$, NULL, &$2.tok, &$3.tok); }
	| EVERY PERIOD                     { $$.part = imr_rq_frequency(@$, NULL, NULL, &$2.tok); }
	;

/* ---- refills ---------------------------------------------------------------- */

/* "with 3 refills" and "x2 refills" are num_phrases; these are the rest. */
refills:
	  REFILLS           %prec LOW      { ADD(REFILLS, @$, $1); }
	| REFILLS TIMES     %prec LOW      { ADD(REFILLS, @$, $1); }
	| REFILLS TIMES NUM                { struct imr_rq_part r = imr_rq_num_phrase(IMR_RQ_P_REFILLS, @$, &$3.tok, &$1.tok); imr_rq_add(p, &r); }
	| NO                %prec LOW      { ADD(WORD, @$, $1); }
	| NO REFILLS                       { struct imr_rq_part r = imr_rq_token_part(IMR_RQ_P_REFILLS, @$, &$1.tok); imr_rq_add(p, &r); }
	;

/* ---- where --------------------------------------------------------------- */

/* the right hip and foot, the cervical and thoracic spine, left hand/finger,
 * bilateral lower extremities, L knee.  A side written once goes to every
 * region after it in the list (request.c). */
region_phrase:
	  region_list       %prec LOW
	| region_list CONJ  %prec LOW      /* a conjunction that joins nothing */
	;

region_list:
	  region_item                      { $$.part.group = imr_rq_region_list(p, -1, &$1.part); }
	| region_list CONJ region_item     { $$.part.group = imr_rq_region_list(p, $1.part.group, &$3.part); }
	;

region_item:
	  REGION                           { $$.part = imr_rq_region_item(@$, NULL, &$1.tok); }
	| SIDE REGION                      { $$.part = imr_rq_region_item(@$, &$1.tok, &$2.tok); }
	| SIDE              %prec LOW      { $$.part = imr_rq_region_item(@$, &$1.tok, NULL); }
	;

/* L4-5, L5-S1, L3 through L5 */
level:
	  LEVEL             %prec LOW      { struct imr_rq_part l = imr_rq_level_part(@$, &$1.tok, NULL); imr_rq_add(p, &l); }
	| LEVEL THROUGH     %prec LOW      { struct imr_rq_part l = imr_rq_level_part(@$, &$1.tok, NULL); imr_rq_add(p, &l); }
	| LEVEL THROUGH LEVEL              { struct imr_rq_part l = imr_rq_level_part(@$, &$1.tok, &$3.tok); imr_rq_add(p, &l); }
	| THROUGH                          { ADD(STOP, @$, $1); }
	;

/* ---- when ---------------------------------------------------------------- */

/* DOS: 10/12/2016, date of service 10/12/16 - 10/19/16 */
date_of_service:
	  DOS               %prec LOW      { ADD(DOS, @$, $1); }
	| DOS DATE                         { struct imr_rq_part d = imr_rq_token_part(IMR_RQ_P_DOS, @$, &$2.tok); imr_rq_add(p, &d); }
	| DATE                             { ADD(DATE, @$, $1); }
	| RETRO                            { ADD(RETRO, @$, $1); }
	| REQUEST_FOR                      { ADD(REQUEST_FOR, @$, $1); }
	| PERIOP                           { ADD(PERIOP, @$, $1); }
	;

/* ---- every other token: a part by itself ---------------------------------- */

word:
	  DRUG                             { ADD(DRUG, @$, $1); }
	| SERVICE                          { ADD(SERVICE, @$, $1); }
	| FORM                             { ADD(FORM, @$, $1); }
	| SUNIT                            { ADD(SUNIT, @$, $1); }
	| AUNIT                            { ADD(AUNIT, @$, $1); }
	| PER_PERIOD                       { ADD(PER_PERIOD, @$, $1); }
	| PERIOD                           { ADD(PERIOD, @$, $1); }
	| SESSION                          { ADD(SESSION, @$, $1); }
	| ROUTE                            { ADD(ROUTE, @$, $1); }
	| PURPOSE                          { ADD(PURPOSE, @$, $1); }
	| CONJ                             { ADD(CONJ, @$, $1); }
	| WORD                             { ADD(WORD, @$, $1); }
	| STOP                             { ADD(STOP, @$, $1); }
	| ARTICLE                          { ADD(ARTICLE, @$, $1); }
	| PUNCT                            { ADD(PUNCT, @$, $1); }
	;

%%

void imr_rq_error(IMR_RQ_LTYPE *loc, struct imr_rq_parser *p, const char *msg)
{
	(void)loc;
	(void)msg;
	p->errors++;
}
