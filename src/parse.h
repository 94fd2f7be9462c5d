/* parse.h - lex, filter and parse one document into an AST.
 *
 * The one entry point owns the scanner's whole life, like jq's
 * jq_parse: scan the normalized text into a token vector, let the token
 * filter settle what needs lookahead (which lines are an item's title),
 * detect the variant from the headings and labels seen, then run the
 * pure bison parser over the vector. */
#ifndef IMR_PARSE_H
#define IMR_PARSE_H

#include "ast.h"

struct imr_token;

/* A cell of the header as the scanner gave it: a label (or a piece of a
 * wrapped one) or a value.  header.c pairs them. */
struct imr_header_cell {
	int kind; /* TOK_HEADER_LABEL, TOK_LABEL_TAIL or TOK_HEADER_VALUE */
	struct imr_line line;
};

/* What the grammar's actions and yylex share. */
struct imr_parser {
	const struct imr_source *src;
	struct imr_arena *arena;
	struct imr_diags *diags;
	struct imr_token *tokens;
	size_t count, pos;
	bool from_items; /* scanned from inside the items: the beginning lost */
	struct imr_document *doc; /* made before parsing; the actions fill it */
	/* The letters of the input, in order, each made before parsing; the
	 * grammar begins each at its variant's pseudo-token (doc above is
	 * the one being read). */
	struct imr_document **letters;
	size_t nletters, begun, letters_capacity;
	struct imr_header_cell *cells; /* every header cell, in order */
	size_t ncells, cells_capacity;
	/* The 2013 notice: the reviewer's qualifications, and the parts of the
	 * item being read. */
	struct imr_text *qualifications;
	struct imr_guideline *item_claims, *item_maximus;
	struct imr_text *item_rationale;
};

/* Whether a line is shaped like a heading: capitals (eight letters or
 * more, no lower case), two words or more. */
bool imr_heading_shaped(const struct imr_source *src, const struct imr_line *l);

/* Returns the document (possibly with unparsed regions and missing parts
 * after error recovery) or NULL when nothing usable was recognised; an
 * input of several letters gives the first, the others chained by next.
 * Errors go to diags; the caller decides whether a document with errors
 * is rejected. */
struct imr_document *imr_parse(const struct imr_source *src, struct imr_arena *arena,
                               struct imr_diags *diags);

/* The bare scanner pass over the text, for the benchmark: returns the
 * number of tokens. */
size_t imr_scan_only(const struct imr_source *src);

/* For tests of the scanner: the kinds of the first max tokens (after
 * the title filter when filtered), without the variant slot; returns
 * how many there are in all. */
size_t imr_scan_kinds(const struct imr_source *src, bool filtered, int *kinds, size_t max);

/* For --verify: the spans of the input the grammar reads as text (lines
 * of text, a label's text after it, an item's title), in order; headings,
 * labels, the header's cells and decisions are the form's structure. */
void imr_scan_text_spans(const struct imr_source *src,
                         void (*fn)(void *arg, uint32_t start, uint32_t end), void *arg);


/* The grammar's action at a letter's variant pseudo-token: the letter
 * before it is done (its header paired), the next one is read. */
void imr_parser_begin_letter(struct imr_parser *p);
/* The header's actions: keep each cell; after the parse, header.c pairs
 * labels with values into p->doc->header. */
void imr_parser_push_cell(struct imr_parser *p, int kind, struct imr_line cell);
void imr_header_pair(struct imr_parser *p);

/* The 2013 notice's actions. */
void imr_parser_add_qualifications(struct imr_parser *p, struct imr_text *text);
void imr_parser_notice_reviewer(struct imr_parser *p, struct imr_text *intro, struct imr_span span);
void imr_parser_item_part(struct imr_parser *p, struct imr_guideline *g, struct imr_text *rationale);
struct imr_issue *imr_parser_notice_item(struct imr_parser *p, struct imr_line section,
                                         struct imr_text *title_lines, struct imr_text *text,
                                         struct imr_span span);

#endif
