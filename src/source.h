/* source.h - the normalized text and its map back to the input.
 *
 * struct imr_source is what normalization makes (normalize.h) and every
 * later stage reads: the text, its lines and pages, and for each byte the
 * input line, page and column it came from, whatever a stage moved
 * (normalize's repairs, reading_order.c, unwrap.c's closing up).  The
 * map's questions are answered in source.c. */
#ifndef IMR_SOURCE_H
#define IMR_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The pages whose spacing is told apart (imr_source's
 * pages_spaced_otherwise). */
enum { IMR_SPACING_PAGES = 64 };

/* A text whose letters are all of one case (onecase.h). */
enum imr_letter_case { IMR_CASE_MIXED, IMR_CASE_LOWER, IMR_CASE_UPPER };

struct imr_source {
	char *text;          /* LF-terminated lines, then two NULs (for flex) */
	size_t len;          /* bytes before the NULs */
	uint32_t *line_start; /* byte offset of each line */
	size_t nlines;
	uint32_t *page_start; /* byte offset of each page's first line */
	size_t npages;        /* at least 1; a last page without text is not one */
	bool double_spaced;  /* a blank line after (almost) every text line */
	/* The pages (bit p: page p + 1; the last bit: that page and those
	 * after it) spaced otherwise than double_spaced says, each page
	 * judged by its own lines: 0 when all are alike. */
	uint64_t pages_spaced_otherwise;
	/* The input was folded at a width (fold -w N): a line cut there goes
	 * on with the next, no line break between (a row of lines). */
	bool folded;
	/* What normalization repaired: bytes read as Windows-1252, control
	 * characters made spaces, and the first line of each. */
	size_t decoded, replaced;
	unsigned decoded_line, replaced_line;
	/* Lines whose columns moved (a character folded or removed, blanks
	 * collapsed, a split word rejoined): for each, ascending by line,
	 * the original column of each byte of the normalized line, in
	 * columns[at .. at+len) (imr_column_of: a byte a repair moved to
	 * another line says which, imr_column_lines).  A line not listed
	 * kept its characters one for one, and its columns are counted. */
	struct imr_moved_line {
		uint32_t line, at, len; /* 0-based line */
	} *moved;
	size_t nmoved;
	uint32_t *columns;
	size_t ncolumns;
	/* A repair moved a word (or a word's piece) to another line than
	 * its input line's (repair_lines): its map says from where. */
	bool words_moved;
	/* The lines whose last hyphen breaks a word ("Reha-" / "bilitation"),
	 * a bit a line (text.c's imr_mark_broken_words); NULL when none does. */
	uint64_t *broken;
	/* Lines emptied as another tool's running header or footer (running.h). */
	size_t running_lines;
	/* Lines that are one capital letter alone ("  T": pdfminer -V's
	 * paragraph initials, reading_order.c), counted as they are made. */
	size_t lone_capitals;
	/* Lines put in another order within their page (reading_order.c): the
	 * input line (0-based) of each line, and the line each input line
	 * became; both NULL when every line is where the input had it. */
	uint32_t *line_origin, *line_index;
	/* What reading_order.c could not place: boxes left where they stood,
	 * and the input line of the first. */
	unsigned order_unplaced, order_unplaced_line;
	/* The letters are of one case, read in the vocabulary's (onecase.h). */
	enum imr_letter_case one_case;
	char *one_case_text; /* as the parse read it (in the parse's arena) */
};

/* An entry of a column map: the original column in its low bits and,
 * in its top four, for a byte a repair moved to another line (a word
 * wrapped after a slash put back on the line before, a word put before
 * its "(s)" on the line after), how many input lines after its row's
 * (before: negative, -8 to 7) it stood.  (A column past 2^28 - 1, of a
 * line of 256 Mi characters, beyond any --max-input a letter needs,
 * would read as such lines.) */
enum { IMR_COLUMN_BITS = 28 };
static inline unsigned imr_column_of(uint32_t entry)
{
	return entry & ((UINT32_C(1) << IMR_COLUMN_BITS) - 1);
}
static inline int imr_column_lines(uint32_t entry)
{
	return (int)((entry >> IMR_COLUMN_BITS) ^ 8) - 8;
}
/* entry, its byte moved lines further (back: negative; moves add up). */
static inline uint32_t imr_column_moved(uint32_t entry, int lines)
{
	return entry + ((uint32_t)lines << IMR_COLUMN_BITS);
}

void imr_source_free(struct imr_source *src);
/* Frees the text and its maps (every array of the source), and leaves
 * the other fields as they are: for a stage that puts arrays of its own
 * in their place (reading_order.c). */
void imr_source_free_arrays(struct imr_source *src);

/* s[0..n) has nothing but blanks (and a page break). */
static inline bool imr_blank_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\f')
			return false;
	return true;
}

/* How many of the ascending a[0..n) are at most x: the one binary search
 * behind every offset-to-line and offset-to-page question. */
size_t imr_count_at_most(const uint32_t *a, size_t n, size_t x);
/* Each byte's column in s[0..n) (a UTF-8 character's bytes one column),
 * counted from 1, in c[0..n]: c[n] one past the last. */
void imr_count_columns(const char *s, size_t n, uint32_t *c);

/* 1-based line and column (in characters) of a byte offset in the input;
 * the column is the one in the original line, whatever normalization
 * changed, and the line the input's, wherever reading_order.c put it
 * and whichever line a repair moved the byte to. */
unsigned imr_source_line(const struct imr_source *src, uint32_t offset);
/* Whether the byte at offset stood on another input line than its
 * normalized line's (a repair moved it: imr_column_lines). */
bool imr_source_byte_moved(const struct imr_source *src, uint32_t offset);
/* The 0-based index of the normalized line holding a byte offset (its
 * place in line_start): what the stages compare and index by. */
size_t imr_source_line_index(const struct imr_source *src, uint32_t offset);
/* The 1-based input line of the normalized line at index i. */
static inline unsigned imr_source_input_line(const struct imr_source *src, size_t i)
{
	return src->line_origin ? src->line_origin[i] + 1 : (unsigned)i + 1;
}
/* Where a 1-based input line starts in the normalized text. */
uint32_t imr_source_line_start(const struct imr_source *src, unsigned line);
unsigned imr_source_column(const struct imr_source *src, uint32_t offset);
/* The column of a byte offset in the normalized line (what a caret under
 * imr_source_line_text points at). */
unsigned imr_source_text_column(const struct imr_source *src, uint32_t offset);
/* Where line i's (0-based) column map is in src->moved, or would go. */
size_t imr_source_moved_index(const struct imr_source *src, size_t i);
/* 1-based page of a byte offset. */
unsigned imr_source_page(const struct imr_source *src, uint32_t offset);
/* Lines from..to (0-based) joined into one, each line after the first
 * starting at its first word, one blank after the line before (the
 * blanks that indented them after the last one's words): a heading
 * wrapped in its indent (unwrap.c) is then one cell of a header's row.
 * Every byte keeps its line and its original column.  False when memory
 * runs out (the lines then perhaps partly moved, each still itself). */
bool imr_source_close_up(struct imr_source *src, size_t from, size_t to);
/* The text of a 1-based input line, without its newline; of the
 * normalized line at index i (the letter's order). */
const char *imr_source_line_text(const struct imr_source *src, unsigned line, size_t *len);
const char *imr_source_index_text(const struct imr_source *src, size_t i, size_t *len);
/* Line i's (0-based, the letter's order) bytes from..to made blanks (to
 * past the line's end: to its end), its length and place kept: page
 * furniture blanked (markup.c, mail.c). */
void imr_blank_line_text(struct imr_source *src, size_t i, size_t from, size_t to);

#endif
