/* lex.h - the scanner's interface: classified lines, with spans.
 *
 * The flex scanner (grammar/lexer.l) turns the normalized text into a
 * vector of tokens, one per non-blank line (the header table of imr-2016
 * is split into its cells).  parse.c then filters the vector and feeds it
 * to the bison parser. */
#ifndef IMR_LEX_H
#define IMR_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "normalize.h"
#include "vocab.h"

/* Half-open byte span into the normalized text: the location type of
 * the grammar.  Lines and columns are computed only when printed. */
struct imr_span {
	uint32_t start, end;
};

/* A classified line (or header cell): the semantic value of every token. */
struct imr_line {
	uint32_t start, end; /* the content, without surrounding blanks */
	uint32_t rest;       /* label lines: where the text after the label starts */
	uint16_t id;         /* heading, label or decision, by token kind */
	bool para_break;     /* a paragraph break (blank lines) precedes it */
};

/* State the scanner keeps between tokens (flex's extra data). */
struct imr_lex_extra {
	const struct imr_source *src;
	unsigned blank_run; /* blank lines since the last token */
};

/* Table lookups used by the scanner; they return -1 when not found. */
int imr_lookup_section(const char *s, size_t n);
int imr_lookup_header_label(const char *s, size_t n, bool *tail);
int imr_lookup_line_label(const char *s, size_t n, enum imr_section in);
int imr_section_token(enum imr_section s);
int imr_line_label_token(enum imr_line_label l);
int imr_variant_token(enum imr_variant v);
bool imr_variant_has_header(enum imr_variant v);

#endif
