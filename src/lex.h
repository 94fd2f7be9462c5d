/* lex.h - the scanner's interface: classified lines, with spans.
 *
 * The flex scanner (grammar/lexer.l) turns the normalized text into a
 * vector of tokens, one per non-blank line (the header table of imr-2016
 * is split into its cells).  parse.c then filters the vector and feeds it
 * to the bison parser. */
#ifndef IMR_LEX_H
#define IMR_LEX_H

#include <stdbool.h>
#include <stddef.h>
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
	unsigned blank_run;         /* blank lines since the last token */
	bool page_break;            /* a page break among them */
	enum imr_context context;   /* the section's: which labels are known */
	bool body_read;             /* a letter's items begun: its end may follow */
};

/* Which part of a header label a cell is: the whole label, the first
 * piece of a wrapped one ("UR Denial"), or a later piece ("Date:"). */
enum imr_label_piece { IMR_LABEL_WHOLE, IMR_LABEL_HEAD, IMR_LABEL_TAIL };

/* Table lookups used by the scanner; they return -1 when not found.
 * imr_vocab_ready() makes what they index the tables by, once a process:
 * the scanner's start calls it, before any of them. */
void imr_vocab_ready(void);
/* Whether a line's token is a heading's (opens a section). */
bool imr_token_opens_section(int token);
int imr_lookup_section(const char *s, size_t n);
/* The longest heading written as the table has it (its capitals) that
 * opens s[0..len), followed by the end or a blank; *n its length. */
int imr_section_at(const char *s, size_t len, size_t *n);
/* Where such a heading starts inside a line, at a word after the first
 * ("... functional status. CLINICAL CASE SUMMARY"); len when none does. */
size_t imr_section_inside(const char *s, size_t len);
/* Whether s[0..n) is the first line of a heading that wraps. */
bool imr_section_starts_with(const char *s, size_t n);
/* The header field a label (or a piece of one) names. */
int imr_lookup_header_label(const char *s, size_t n, enum imr_label_piece *piece);
/* The label a "Label: value" (or "Label:value") cell starts with
 * (s[0..len) trimmed), or -1; *n is the label's length. */
int imr_leading_header_label(const char *s, size_t len, enum imr_label_piece *piece, size_t *n);
/* The first piece of a wrapped label that opens s[0..len), its value
 * after it ("Application 11/28/2016", the label's last piece on the next
 * line), or -1; *n is the piece's length. */
int imr_leading_label_head(const char *s, size_t len, size_t *n);
/* Where a label starts inside a value cell (single-spaced extractors run
 * a row into one cell: "12/05/2016 Date of Injury: 10/14/2016"), at a
 * word after the first; len when none does. */
size_t imr_header_label_inside(const char *s, size_t len);
/* A table's rule read as a glyph (OCR: "| 11/16/2016"), header.c: the
 * length of the one opening s[0..len) with the blanks after it, or 0;
 * and where one stands inside a cell, as a word after the first (len
 * when none does). */
size_t imr_header_rule(const char *s, size_t len);
size_t imr_header_rule_inside(const char *s, size_t len);
/* The first of a cell's typed values run together ("CM17-0007376
 * 01/13/2017 Standard", header.c): its length, or len. */
size_t imr_header_typed_run(const char *s, size_t len);
/* Whether s[0..n) is a value with a type of its own: a case number, a
 * date, a priority (header.c). */
bool imr_header_typed_value(const char *s, size_t n);
/* The field whose label opens a header row ("IMR Case Number: ..."), or -1. */
int imr_header_row_label(const char *s, size_t len);
/* Whether s[0..n) is the label a header table opens with ("Case
 * Number:", whole, its colon included). */
bool imr_opens_header(const char *s, size_t n);
/* The line label s[0..n) is, known in context in (or in any), or -1. */
int imr_lookup_line_label(const char *s, size_t n, enum imr_context in);
int imr_lookup_any_line_label(const char *s, size_t n);
/* Where a line label of context in starts inside a line, at a word after
 * the first ("... Trigger Finger. MAXIMUS guideline: ..."); len when
 * none does.  colon is the first colon in s[0..len) (NULL: none), which
 * the caller has found already. */
size_t imr_line_label_inside(const char *s, size_t len, const char *colon, enum imr_context in);
int imr_section_token(enum imr_section s);
int imr_line_label_token(enum imr_line_label l);
const char *imr_variant_label_words(enum imr_variant v, int token, size_t *len);
int imr_variant_token(enum imr_variant v);

#endif
