/* vocab.c - lookups in the vocabulary tables of vocab.h. */
#include "vocab.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imr2xml.h"

#include "lex.h"
#include "parser.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define SECTION_ROW(id, text, tok, ctx, part, item)                                       \
	{text, sizeof text - 1, tok, IMR_CTX_##ctx, IMR_PART_##part, IMR_ITEM_PART_##item},
static const struct {
	const char *text;
	size_t len;
	int token;
	enum imr_context context;
	enum imr_part part;
	enum imr_item_part item;
} sections[] = {IMR_SECTIONS(SECTION_ROW)};

/* A heading holds one part of every item only in the items' part. */
#define IS_ITEMS_TEXT 0
#define IS_ITEMS_FACTS 0
#define IS_ITEMS_ITEMS 1
#define ITEMS_BIT(id, xml, words, kind) | (IS_ITEMS_##kind << IMR_PART_##id)
enum { ITEMS_PARTS = 0 IMR_PARTS(ITEMS_BIT) };
#define SECTION_CHECK(id, text, tok, ctx, part, item)                                     \
	_Static_assert(IMR_ITEM_PART_##item == IMR_ITEM_PART_ALL ||                         \
	                       (ITEMS_PARTS & (1u << IMR_PART_##part)),                     \
	               "the heading \"" text "\": an item part (" #item ") is held only "  \
	               "in the part of kind ITEMS, not in " #part);
IMR_SECTIONS(SECTION_CHECK)

#define FIELD_ROW(id, xml, kind) {xml, IMR_VALUE_##kind},
static const struct {
	const char *xml;
	enum imr_value_kind kind;
} fields[] = {IMR_HEADER_FIELDS(FIELD_ROW)};

enum { MAX_PIECES = 4 };
#define HEADER_ROW(field, text, ...) {IMR_##field, text, sizeof text - 1, {__VA_ARGS__}},
static const struct {
	enum imr_header_label field;
	const char *text;
	size_t len;
	const char *pieces[MAX_PIECES + 1]; /* NULL-terminated */
} header_labels[] = {IMR_HEADER_LABELS(HEADER_ROW)};

#define LINE_ROW(id, text, ctx, tok) {text, sizeof text - 1, IMR_CTX_##ctx, tok},
static const struct {
	const char *text;
	size_t len;
	enum imr_context context;
	int token;
} line_labels[] = {IMR_LINE_LABELS(LINE_ROW)};

/* A line label is read only in the contexts lexer.l reads labels in. */
enum { LABEL_CONTEXTS = 0
#define LABEL_CONTEXT_BIT(ctx) | (1u << IMR_CTX_##ctx)
	IMR_LABEL_CONTEXTS(LABEL_CONTEXT_BIT) };
#define LINE_CHECK(id, text, ctx, tok)                                                    \
	_Static_assert(LABEL_CONTEXTS & (1u << IMR_CTX_##ctx),                             \
	               "the line label \"" text "\": the scanner reads no line labels in " \
	               "context " #ctx " (IMR_LABEL_CONTEXTS)");
IMR_LINE_LABELS(LINE_CHECK)

#define PART_ROW(id, xml, words, kind) {xml, words, IMR_PART_##kind},
static const struct {
	const char *xml, *words;
	enum imr_part_kind kind;
} parts[] = {IMR_PARTS(PART_ROW)};

const char *imr_part_xml(enum imr_part p)
{
	return parts[p].xml;
}

const char *imr_part_words(enum imr_part p)
{
	return parts[p].words;
}

enum imr_part_kind imr_part_kind(enum imr_part p)
{
	return parts[p].kind;
}

#define ITEM_PART_ROW(id, xml, words, kind) {xml, words, IMR_PART_##kind},
static const struct {
	const char *xml, *words;
	enum imr_part_kind kind;
} item_parts[] = {IMR_ITEM_PARTS(ITEM_PART_ROW)};
#define ITEM_PART_CHECK(id, xml, words, kind)                                             \
	_Static_assert(!IS_ITEMS_##kind, "the item part " #id ": an item holds no items");
IMR_ITEM_PARTS(ITEM_PART_CHECK)

const char *imr_item_part_xml(enum imr_item_part p)
{
	return item_parts[p].xml;
}

enum imr_part_kind imr_item_part_kind(enum imr_item_part p)
{
	return item_parts[p].kind;
}

enum imr_part imr_section_part(enum imr_section s)
{
	return sections[s].part;
}

enum imr_item_part imr_section_item_part(enum imr_section s)
{
	return sections[s].item;
}

#define VARIANT_ROW(id, name, tok, header, desc, ...)                                     \
	{name, desc, tok, IMR_HEADER_##header, (const enum imr_section[]){__VA_ARGS__}},
static const struct {
	const char *name, *description;
	int token;
	enum imr_header_kind header;
	const enum imr_section *signature;
} variants[] = {IMR_VARIANTS(VARIANT_ROW)};

/* A label compared by its letters, the blanks between its words aside
 * (same): its colon set apart ("Case Number :", "Decision rationale :":
 * an extractor's gap where a bold label's colon is in another run) or
 * its words run together ("CaseNumber:", "Decisionrationale:": an
 * extractor that lost the blanks, OCR).  The rare case, out of the
 * callers' way. */
__attribute__((noinline)) static bool same_but_blanks(const char *s, size_t n, const char *text, size_t len)
{
	if (text[len - 1] != ':')
		return false;
	size_t i = 0, j = 0;
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		while (j < len && text[j] == ' ')
			j++;
		if (i == n || j == len)
			return i == n && j == len;
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)text[j]))
			return false;
		i++, j++;
	}
}

/* s[0..n) says text[0..len), the letters' case aside, and a label's
 * blanks (same_but_blanks). */
static inline bool same(const char *s, size_t n, const char *text, size_t len)
{
	if (n == len && strncasecmp(s, text, n) == 0)
		return true;
	return n && s[n - 1] == ':' && (s[0] | 0x20) == (text[0] | 0x20) && n + 8 > len && n < len + 8 &&
	       same_but_blanks(s, n, text, len);
}

static inline bool may_open_heading(const char *s);

/* Each heading's words as heading_words makes them (its own colon kept),
 * made with the other indexes (make_heading_pairs): compared by words, a
 * line's are made once, the table's never again. */
static struct {
	char text[128];
	size_t len;
} section_words[COUNT(sections)];
/* What a line must have to be compared by its words at all: a length
 * near theirs, a first letter one of theirs opens with. */
static size_t words_shortest = SIZE_MAX, texts_longest;
static uint32_t words_first_letters;

/* The letters of a heading, for comparing by its words: in capitals,
 * blanks and commas out, and a stop or a colon ending it out too when
 * drop_end (a heading an extractor or another year's letter set a colon
 * after: "CLINICAL CASE SUMMARY:", a comma more or less: "IMR ISSUES,
 * DECISIONS, AND RATIONALES", its words run together by an extractor
 * that lost the blanks: "CLINICALCASESUMMARY").  Its length in out (of
 * room cap), or 0 when it does not fit. */
static size_t heading_words(const char *s, size_t n, bool drop_end, char *out, size_t cap)
{
	if (drop_end) {
		while (n && s[n - 1] == ' ')
			n--;
		if (n && (s[n - 1] == ':' || s[n - 1] == '.'))
			n--;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' || c == ' ')
			continue;
		if (m == cap)
			return 0;
		out[m++] = (char)toupper((unsigned char)c);
	}
	return m;
}

int imr_lookup_section(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(sections); i++)
		if (same(s, n, sections[i].text, sections[i].len))
			return (int)i;
	/* Not as written: by its words, when it is in capitals (a comma
	 * fewer), has a comma or ends in a stop or a colon the table's heading
	 * has not (the table's colon stays its own: "CASE SUMMARY:" is a 2013
	 * review's, not "Case Summary"). */
	unsigned first = (unsigned)(toupper((unsigned char)s[0]) - 'A');
	if (n < words_shortest || n > texts_longest + 4 || first >= 26 || !(words_first_letters >> first & 1))
		return -1;
	if (s[n - 1] != ':' && s[n - 1] != '.' && !may_open_heading(s) && !memchr(s, ',', n))
		return -1;
	char words[128];
	size_t m = heading_words(s, n, true, words, sizeof words);
	for (size_t i = 0; m && i < COUNT(sections); i++) {
		if (sections[i].text[sections[i].len - 1] == ':' && s[n - 1] != ':')
			continue;
		if (section_words[i].len == m && memcmp(words, section_words[i].text, m) == 0)
			return (int)i;
	}
	return -1;
}

/* The first two letters of the headings, as a set of pairs of capitals
 * ("No" of the notice's title as "NO"): a line's words are looked up in
 * the table only where a pair of the set starts one.  Made from the
 * table once, so the two cannot disagree. */
static uint32_t heading_pairs[26];
static pthread_once_t pairs_made = PTHREAD_ONCE_INIT;

/* The line labels of each context, by their index in the table: a line
 * is compared with its context's few, not with all of them. */
static uint8_t context_labels[IMR_CONTEXT_COUNT][COUNT(line_labels)], context_label_count[IMR_CONTEXT_COUNT];
_Static_assert(COUNT(line_labels) <= UINT8_MAX, "a line label's index fits a byte");

/* The header labels of the case number, by their index in the table
 * (imr_opens_header, asked of every label line after a letter's items:
 * a walk of the whole table cost several mispredicted branches a line). */
static uint8_t case_labels[COUNT(header_labels)], case_label_count;
_Static_assert(COUNT(header_labels) <= UINT8_MAX, "a header label's index fits a byte");

/* The tokens of the headings, as a set (a bit each): whether a line's
 * token opens a section is one look, not a walk of the table per line. */
enum { TOKEN_SET_BITS = 512 };
static uint64_t section_tokens[TOKEN_SET_BITS / 64];

static void make_heading_pairs(void)
{
	for (size_t i = 0; i < COUNT(sections); i++) {
		unsigned t = (unsigned)sections[i].token;
		if (t >= TOKEN_SET_BITS) {
			fprintf(stderr, "imr2xml: vocab: the token of \"%s\" is %u, past the set's %d\n",
			        sections[i].text, t, TOKEN_SET_BITS);
			abort();
		}
		section_tokens[t / 64] |= UINT64_C(1) << (t % 64);
	}
	for (size_t i = 0; i < COUNT(sections); i++)
		heading_pairs[sections[i].text[0] - 'A'] |= 1u << (toupper((unsigned char)sections[i].text[1]) - 'A');
	for (size_t i = 0; i < COUNT(sections); i++) {
		const char *t = sections[i].text;
		size_t len = sections[i].len;
		section_words[i].len = heading_words(t, len, t[len - 1] != ':', section_words[i].text,
		                                     sizeof section_words[i].text);
		if (!section_words[i].len) {
			fprintf(stderr, "imr2xml: vocab: the heading \"%s\" is longer than its words' room\n", t);
			abort();
		}
		words_shortest = section_words[i].len < words_shortest ? section_words[i].len : words_shortest;
		texts_longest = len > texts_longest ? len : texts_longest;
		words_first_letters |= UINT32_C(1) << (section_words[i].text[0] - 'A');
	}
	for (size_t i = 0; i < COUNT(line_labels); i++) {
		enum imr_context c = line_labels[i].context;
		context_labels[c][context_label_count[c]++] = (uint8_t)i;
	}
	for (size_t i = 0; i < COUNT(header_labels); i++)
		if (header_labels[i].field == IMR_CASE_NUMBER)
			case_labels[case_label_count++] = (uint8_t)i;
}

void imr_vocab_ready(void)
{
	pthread_once(&pairs_made, make_heading_pairs);
}

/* Whether a heading may start at s[0..2): every heading opens with two
 * capitals, but the notice's title ("Notice of ..."), and they are a
 * pair a heading opens with. */
static inline bool may_open_heading(const char *s)
{
	unsigned a = (unsigned)(s[0] - 'A'), b = (unsigned)(s[1] - 'A');
	if (a >= 26 || (b >= 26 && s[0] != 'N'))
		return false;
	return heading_pairs[a] >> (b < 26 ? b : (unsigned)('O' - 'A')) & 1;
}

int imr_section_at(const char *s, size_t len, size_t *n)
{
	int best = -1;
	if (len < 2 || !may_open_heading(s))
		return -1;
	for (size_t i = 0; i < COUNT(sections); i++) {
		size_t k = sections[i].len;
		if (k <= len && s[0] == sections[i].text[0] && memcmp(s, sections[i].text, k) == 0 &&
		    (k == len || s[k] == ' ') && (best < 0 || k > *n))
			best = (int)i, *n = k;
	}
	return best;
}

#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight bytes at a time: a mark (the byte's high bit) on each byte of x
 * that is c, and on each capital A-Z.  Exact, byte by byte: no sum
 * carries out of a byte (each adds to seven bits). */
static const uint64_t ones = 0x0101010101010101u, sevens = ones * 0x7F, highs = ones * 0x80;

static inline uint64_t bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t t = x ^ (ones * c);
	return ~(((t & sevens) + sevens) | t) & highs;
}

static inline uint64_t capitals(uint64_t x)
{
	uint64_t low = x & sevens;
	return ~x & ~(low + ones * (0x7F - 'Z')) & (low + ones * (0x80 - 'A')) & highs;
}

static inline uint64_t load8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof x);
	return x;
}

/* Where, among s[i..i + 8), two capitals (or "N") follow a blank: a mark
 * on each such byte.  Reads s[i - 1..i + 9). */
static inline uint64_t word_capitals(const char *s, size_t i)
{
	uint64_t first = load8(s + i);
	return bytes_equal(load8(s + i - 1), ' ') & capitals(first) &
	       (capitals(load8(s + i + 1)) | bytes_equal(first, 'N'));
}

/* The first of the places marked in at (s[i..i + 8)) where a heading
 * starts, or len. */
static inline size_t heading_among(const char *s, size_t len, size_t i, uint64_t at)
{
	size_t n;
	for (; at; at &= at - 1) {
		size_t k = i + (size_t)__builtin_ctzll(at) / 8;
		if (may_open_heading(s + k) && imr_section_at(s + k, len - k, &n) >= 0)
			return k;
	}
	return len;
}
#endif

size_t imr_section_inside(const char *s, size_t len)
{
	size_t n, i = 1;
	/* A line of text has a few words in capitals at most (MTUS, ODG): the
	 * table is looked at only where two capitals (or "No") start a word.
	 * Eight places at a time, the last eight overlapping those before: a
	 * branch per byte (or a memchr per blank) was mispredicted several
	 * times a line. */
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= 10) {
		size_t k;
		for (; i + 9 <= len; i += 8)
			if ((k = heading_among(s, len, i, word_capitals(s, i))) < len)
				return k;
		size_t j = len - 9; /* the places i..len - 2 not yet read */
		return i + 1 < len ? heading_among(s, len, j, word_capitals(s, j) & ~UINT64_C(0) << 8 * (i - j))
		                   : len;
	}
#endif
	for (; i + 1 < len; i++)
		if (s[i - 1] == ' ' && may_open_heading(s + i) && imr_section_at(s + i, len - i, &n) >= 0)
			return i;
	return len;
}

bool imr_section_starts_with(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(sections); i++)
		if (n < sections[i].len && strncasecmp(s, sections[i].text, n) == 0 &&
		    sections[i].text[n] == ' ')
			return true;
	return false;
}

int imr_lookup_header_label(const char *s, size_t n, enum imr_label_piece *piece)
{
	for (size_t i = 0; i < COUNT(header_labels); i++) {
		if (same(s, n, header_labels[i].text, header_labels[i].len)) {
			*piece = IMR_LABEL_WHOLE;
			return (int)header_labels[i].field;
		}
		for (size_t k = 0; header_labels[i].pieces[k]; k++)
			if (same(s, n, header_labels[i].pieces[k], strlen(header_labels[i].pieces[k]))) {
				*piece = k == 0 ? IMR_LABEL_HEAD : IMR_LABEL_TAIL;
				return (int)header_labels[i].field;
			}
	}
	return -1;
}

bool imr_opens_header(const char *s, size_t n)
{
	for (size_t j = 0; j < case_label_count; j++)
		if (same(s, n, header_labels[case_labels[j]].text, header_labels[case_labels[j]].len))
			return true;
	return false;
}

int imr_leading_header_label(const char *s, size_t len, enum imr_label_piece *piece, size_t *n)
{
	for (const char *c = memchr(s, ':', len); c; c = memchr(c + 1, ':', len - (size_t)(c + 1 - s))) {
		*n = (size_t)(c + 1 - s);
		/* After a label's colon a blank, or its value glued to it
		 * ("Case Number:CM16-0242302": the table's cells joined without
		 * a blank, as pypdf and PDF.js join them); a URL's "://" is
		 * no label's. */
		if (*n < len && s[*n] != ' ' && !isalnum((unsigned char)s[*n]))
			continue;
		int f = imr_lookup_header_label(s, *n, piece);
		if (f >= 0)
			return f;
	}
	return -1;
}

/* A label starts at s[0..len): a whole one with its colon ("Date of
 * Injury:"), or the first piece of a wrapped one ending the text
 * ("Application", "Received:" on the next line) or followed by its value
 * ("Application 11/28/2016", the value before the label's last piece). */
static bool label_here(const char *s, size_t len)
{
	enum imr_label_piece piece;
	size_t n;
	return (imr_leading_header_label(s, len, &piece, &n) >= 0 && piece == IMR_LABEL_WHOLE) ||
	       (imr_lookup_header_label(s, len, &piece) >= 0 && piece == IMR_LABEL_HEAD) ||
	       imr_leading_label_head(s, len, &n) >= 0;
}

int imr_leading_label_head(const char *s, size_t len, size_t *n)
{
	enum imr_label_piece piece;
	for (*n = 1; *n + 1 < len; (*n)++)
		if (s[*n] == ' ' && s[*n + 1] >= '0' && s[*n + 1] <= '9') {
			int f = imr_lookup_header_label(s, *n, &piece);
			return f >= 0 && piece == IMR_LABEL_HEAD ? f : -1;
		}
	return -1;
}

size_t imr_header_label_inside(const char *s, size_t len)
{
	for (size_t w = 1; w < len; w++)
		if (s[w - 1] == ' ' && s[w] != ' ' && label_here(s + w, len - w))
			return w;
	return len;
}

int imr_header_row_label(const char *s, size_t len)
{
	enum imr_label_piece piece;
	size_t n;
	int f = imr_leading_header_label(s, len, &piece, &n);
	return f >= 0 && piece != IMR_LABEL_TAIL ? f : -1;
}

size_t imr_line_label_inside(const char *s, size_t len, const char *colon, enum imr_context in)
{
	/* Every line label ends in a colon: the table is looked at only where
	 * one stands, and a label must start at a word after the first. */
	size_t best = len;
	const uint8_t *own = context_labels[in];
	for (const char *c = colon; c && (size_t)(c - s) < best;
	     c = memchr(c + 1, ':', len - (size_t)(c + 1 - s))) {
		/* (The label's words end before the colon and any blanks an
		 * extractor set before it: "guideline :".) */
		size_t end = (size_t)(c - s);
		while (end && s[end - 1] == ' ')
			end--;
		for (size_t j = 0; j < context_label_count[in]; j++) {
			size_t i = own[j], k = line_labels[i].len - 1; /* its words, without the colon */
			if (k < end && s[end - k - 1] == ' ' && memcmp(s + end - k, line_labels[i].text, k) == 0 &&
			    end - k < best)
				best = end - k;
		}
	}
	return best;
}

int imr_lookup_line_label(const char *s, size_t n, enum imr_context in)
{
	const uint8_t *own = context_labels[in];
	for (size_t j = 0; j < context_label_count[in]; j++)
		if (same(s, n, line_labels[own[j]].text, line_labels[own[j]].len))
			return (int)own[j];
	return -1;
}

int imr_lookup_any_line_label(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(line_labels); i++)
		if (same(s, n, line_labels[i].text, line_labels[i].len))
			return (int)i;
	return -1;
}

/* The variant's own words for what opens a line with token: the first
 * line label of the table with that token in a context the variant's
 * headings open ("Rationale Used by the Expert Reviewer" in a 2013
 * notice, where a 2016 letter says "Decision rationale"), without its
 * colon in *len; or NULL. */
const char *imr_variant_label_words(enum imr_variant v, int token, size_t *len)
{
	unsigned contexts = 0;
	for (const enum imr_section *s = variants[v].signature; *s != IMR_END; s++)
		contexts |= 1u << sections[*s].context;
	for (size_t i = 0; i < COUNT(line_labels); i++)
		if (line_labels[i].token == token && (contexts & (1u << line_labels[i].context))) {
			*len = line_labels[i].len - (line_labels[i].text[line_labels[i].len - 1] == ':');
			return line_labels[i].text;
		}
	return NULL;
}

int imr_section_token(enum imr_section s) { return sections[s].token; }

bool imr_token_opens_section(int token)
{
	return (unsigned)token < TOKEN_SET_BITS && (section_tokens[(unsigned)token / 64] >> ((unsigned)token % 64) & 1);
}
enum imr_context imr_section_context(enum imr_section s) { return sections[s].context; }
int imr_line_label_token(enum imr_line_label l) { return line_labels[l].token; }
int imr_variant_token(enum imr_variant v) { return variants[v].token; }
const char *imr_section_text(enum imr_section s) { return sections[s].text; }

static const char *const form_sentences[] = {
#define IMR_SENTENCE_TEXT(id, text) text,
	IMR_FORM_SENTENCES(IMR_SENTENCE_TEXT)
};
const char *imr_form_sentence(enum imr_form_sentence s) { return form_sentences[s]; }
const char *imr_header_label_xml(enum imr_header_label l) { return fields[l].xml; }

const char *imr_header_label_text(enum imr_header_label l)
{
	for (size_t i = 0; i < COUNT(header_labels); i++)
		if (header_labels[i].field == l)
			return header_labels[i].text;
	return fields[l].xml;
}

_Static_assert(IMR_HEADER_LABEL_COUNT <= 32, "a header's fields are bits of an unsigned");
unsigned imr_variant_header_always(enum imr_variant v)
{
	unsigned bits = 0;
#define ALWAYS_BIT(variant, field) bits |= v == IMR_##variant ? 1u << IMR_##field : 0u;
	IMR_HEADER_ALWAYS(ALWAYS_BIT)
#undef ALWAYS_BIT
	return bits;
}
enum imr_value_kind imr_header_value_kind(enum imr_header_label l) { return fields[l].kind; }
const char *imr_variant_name(enum imr_variant v) { return variants[v].name; }
const char *imr_variant_description(enum imr_variant v) { return variants[v].description; }
enum imr_header_kind imr_variant_header(enum imr_variant v) { return variants[v].header; }
const enum imr_section *imr_variant_signature(enum imr_variant v) { return variants[v].signature; }

int imr_variant_by_name(const char *name)
{
	for (size_t i = 0; i < COUNT(variants); i++)
		if (strcmp(name, variants[i].name) == 0)
			return (int)i;
	return -1;
}

void imr_print_variants(FILE *out)
{
	static const char *const headers[] = {
		[IMR_HEADER_NONE] = "none",
		[IMR_HEADER_TABLE] = "the header table (Case Number:, Date Assigned:, ...)",
		[IMR_HEADER_COVER] = "the cover page (Employee Name:, Treatment(s) in Dispute ...:)",
		[IMR_HEADER_ANY] = "any (a letterhead, header rows, or none)",
	};
	for (size_t v = 0; v < COUNT(variants); v++) {
		fprintf(out, "%s\n  %s\n  header: %s\n  headings, in order:\n", variants[v].name,
		        variants[v].description, headers[variants[v].header]);
		for (const enum imr_section *s = variants[v].signature; *s != IMR_END; s++)
			fprintf(out, "    %s\n", sections[*s].text);
	}
}

int imr_decision_ending(const char *s, size_t n, size_t *sep)
{
#define DECISION_WORD(id, word) {word, sizeof word - 1},
	static const struct { const char *word; size_t len; } words[] = {IMR_DECISIONS(DECISION_WORD)};
#undef DECISION_WORD
#define DASH(d) {d, sizeof d - 1},
	static const struct { const char *s; size_t len; } dashes[] = {IMR_DECISION_DASHES(DASH)};
#undef DASH
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\f'))
		n--;
	if (n && imr_decision_stop(s[n - 1]))
		n--;
	/* (Both words end in a "d": nearly every line is passed at that.) */
	if (!n || (s[n - 1] | 0x20) != 'd')
		return -1;
	for (size_t d = 0; d < COUNT(words); d++) {
		size_t k = words[d].len, i, b, j = 0;
		if (n < k)
			continue;
		/* (Any case: of ASCII only a letter ORed with 0x20 is a small
		 * letter, so this is strncasecmp's answer at a fraction of its
		 * cost.) */
		for (i = n - k; j < k && (s[i + j] | 0x20) == words[d].word[j]; j++)
			;
		if (j < k)
			continue;
		for (b = i; b && (s[b - 1] == ' ' || s[b - 1] == '\f'); b--)
			;
		*sep = b ? b - 1 : i;
		if (!b || s[b - 1] == ':')
			return (int)d;
		/* A dash between blanks ("... - Upheld"), not one joining words
		 * ("Non-upheld", "... -Upheld"). */
		for (size_t h = 0; b < i && h < COUNT(dashes); h++) {
			size_t m = dashes[h].len;
			if (b > m && memcmp(s + b - m, dashes[h].s, m) == 0 && s[b - m - 1] == ' ') {
				*sep = b - m;
				return (int)d;
			}
		}
		return -1;
	}
	return -1;
}

bool imr_compound_head(const char *s, size_t n)
{
#define HEAD(w) w,
	static const char *const heads[] = {IMR_COMPOUND_HEADS(HEAD)};
#undef HEAD
	for (size_t i = 0; i < COUNT(heads); i++)
		if (strlen(heads[i]) == n && strncasecmp(s, heads[i], n) == 0)
			return true;
	return false;
}

const char *imr_state_split(const char *s, size_t n)
{
#define STATE(w) w,
	static const char *const states[] = {IMR_STATES(STATE)};
#undef STATE
	for (size_t i = 0; i < COUNT(states); i++) {
		const char *t = states[i];
		if (strlen(t) == n && strncasecmp(s, t, n) == 0)
			return NULL; /* as the table writes it */
		size_t j = 0, k = 0;
		for (;; j++, k++) {
			while (j < n && s[j] == ' ')
				j++;
			while (t[k] == ' ')
				k++;
			if (j == n || !t[k] || tolower((unsigned char)s[j]) != tolower((unsigned char)t[k]))
				break;
		}
		if (j == n && !t[k])
			return t;
	}
	return NULL;
}
