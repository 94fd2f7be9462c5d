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

/* What the grammar's actions and yylex share. */
struct imr_parser {
	const struct imr_source *src;
	struct imr_arena *arena;
	struct imr_diags *diags;
	struct imr_token *tokens;
	size_t count, pos;
	struct imr_document *doc; /* made before parsing; the actions fill it */
	/* The header group being read: labels waiting for their values. */
	struct imr_line labels[16], values[16];
	unsigned nlabels, nvalues;
};

/* Returns the document (possibly with unparsed regions and missing parts
 * after error recovery) or NULL when nothing usable was recognised.
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


/* Helpers for the header table's actions (pairing labels with values). */
void imr_parser_push_label(struct imr_parser *p, struct imr_line label);
void imr_parser_push_value(struct imr_parser *p, struct imr_line value);
void imr_parser_pair_header(struct imr_parser *p, struct imr_span group);

#endif
