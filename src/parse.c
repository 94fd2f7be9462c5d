#define _GNU_SOURCE /* memmem */
/* parse.c - scan, filter, detect the variant, parse (see parse.h). */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "parser.h"

/* The reentrant flex scanner (grammar/lexer.l, prefix imr_yy). */
typedef void *yyscan_t;
struct yy_buffer_state;
int imr_yylex_init_extra(struct imr_lex_extra *extra, yyscan_t *scanner);
int imr_yylex_destroy(yyscan_t scanner);
struct yy_buffer_state *imr_yy_scan_buffer(char *base, size_t size, yyscan_t scanner);
int imr_scan(IMR_YYSTYPE *lval, IMR_YYLTYPE *lloc, yyscan_t scanner);
void imr_scan_from_items(yyscan_t scanner);

struct imr_token {
	int kind;
	IMR_YYSTYPE value;
	IMR_YYLTYPE loc;
};

/* A title wraps over a few lines at most; the walk back stops there. */
enum { MAX_TITLE_LINES = 6 };

/* Scan the whole text into p->tokens; the vector starts with a slot for
 * the variant's pseudo-token.  from_items: the text opens inside a
 * letter's items (its beginning lost), not in a header. */
static bool scan_all(struct imr_parser *p, bool from_items)
{
	struct imr_lex_extra extra = {.src = p->src};
	yyscan_t scanner;
	imr_vocab_ready();
	if (imr_yylex_init_extra(&extra, &scanner) != 0)
		return false;
	if (from_items)
		imr_scan_from_items(scanner);
	/* The normalized text ends in two NULs, as yy_scan_buffer wants;
	 * flex scans it in place without a copy. */
	if (!imr_yy_scan_buffer(p->src->text, p->src->len + 2, scanner)) {
		imr_yylex_destroy(scanner);
		return false;
	}
	size_t cap = 64;
	p->tokens = malloc(cap * sizeof *p->tokens);
	p->count = 1;
	bool ok = p->tokens != NULL;
	while (ok) {
		if (p->count == cap) {
			struct imr_token *t = realloc(p->tokens, cap * 2 * sizeof *t);
			if (!t) {
				ok = false;
				break;
			}
			p->tokens = t;
			cap *= 2;
		}
		struct imr_token *t = &p->tokens[p->count];
		*t = (struct imr_token){0}; /* end of input sets no value */
		t->kind = imr_scan(&t->value, &t->loc, scanner);
		p->count++;
		if (t->kind == TOK_YYEOF) {
			t->loc.start = t->loc.end = (uint32_t)p->src->len;
			break;
		}
	}
	imr_yylex_destroy(scanner);
	return ok;
}

/* Whether a token is a heading's: the tokens whose id is their section. */
static bool is_heading(const struct imr_token *t)
{
	unsigned s = t->value.line.id;
	return s < IMR_SECTION_COUNT && t->kind == imr_section_token((enum imr_section)s);
}

/* An item's label and its place in the item (Claims Administrator
 * guideline, MAXIMUS guideline, Decision rationale), or -1. */
static int item_label(int kind)
{
	switch (kind) {
	case TOK_CLAIMS_GUIDELINE: return 0;
	case TOK_MAXIMUS_GUIDELINE: return 1;
	case TOK_RATIONALE: return 2;
	default: return -1;
	}
}

/* Whether s[0..n) holds "medically necessary" ("medically appropriate",
 * "medical necessity"), its words perhaps a line apart. */
static bool names_necessity(const char *s, size_t n)
{
	static const char *const first[] = {"medically", "medically", "medical"};
	static const char *const second[] = {"necessary", "appropriate", "necessity"};
	for (size_t k = 0; k < sizeof first / sizeof *first; k++) {
		size_t a = strlen(first[k]), b = strlen(second[k]);
		for (const char *at = s; (at = memmem(at, n - (size_t)(at - s), first[k], a)) != NULL; at++) {
			const char *w = at + a;
			while (w < s + n && (*w == ' ' || *w == '\n' || *w == '\f'))
				w++;
			if (w > at + a && (size_t)(s + n - w) >= b && memcmp(w, second[k], b) == 0)
				return true;
		}
	}
	return false;
}

/* Whether the rationale whose label is token i (its text the lines
 * after it) concludes as a rationale does: its last sentence names
 * medical necessity ("... the request is not medically necessary."). */
static bool rationale_concludes(const struct imr_parser *p, size_t i)
{
	const struct imr_token *t = p->tokens;
	size_t last = i;
	while (last + 1 < p->count && t[last + 1].kind == TOK_TEXT)
		last++;
	const char *text = p->src->text;
	size_t from = t[i].value.line.rest, end = t[last].value.line.end;
	if (end > from && text[end - 1] == '.')
		end--;
	size_t start = end;
	while (start > from && !(text[start - 1] == '.' && (text[start] == ' ' || text[start] == '\n')))
		start--;
	return end > start && names_necessity(text + start, end - start);
}

/*
 * Whether the tokens before the first heading or header label (scanned
 * from inside the items) are recognisably a determination's items: an
 * item's title with its decision followed by one of the item's labels,
 * two of an item's labels in their order ("MAXIMUS guideline:" ...
 * "Decision rationale:", the title lost with the page before), or a
 * rationale alone that concludes as one (the item's last page).  One
 * label alone and no more is what a line of prose may be.
 */
static bool items_shown(const struct imr_parser *p)
{
	const struct imr_token *t = p->tokens;
	bool titled = false; /* a title with its decision opened the item */
	int last = -1;       /* the item's last label met */
	size_t labels = 0, rationale = 0;
	for (size_t i = 1; i < p->count - 1 && !is_heading(&t[i]) && t[i].kind != TOK_HEADER_LABEL; i++) {
		if (t[i].kind == TOK_ITEM_LINE || (t[i].kind == TOK_DECISION_LINE && t[i - 1].kind == TOK_TEXT)) {
			titled = true, last = -1;
			continue;
		}
		int l = item_label(t[i].kind);
		if (l < 0)
			continue;
		if ((titled && last < 0) || (last >= 0 && l > last))
			return true;
		titled = false, last = l;
		labels++;
		if (t[i].kind == TOK_RATIONALE)
			rationale = i;
	}
	return labels == 1 && rationale && rationale_concludes(p, rationale);
}

/*
 * Scan the text as the letter it is.  A text whose first line is none of
 * a header's labels, no heading and no letterhead (its first page or
 * pages lost: pdftotext -f 2) may open inside an item, where the
 * header's scan would read the item's lines as cells: it is scanned
 * again from inside the items, and kept so when its lines before the
 * first heading are recognisably items (items_shown).  Other text pays
 * nothing: its first token says.
 */
static bool scan_letter(struct imr_parser *p)
{
	if (!scan_all(p, false))
		return false;
	if (p->count < 3 || p->tokens[1].kind != TOK_HEADER_VALUE)
		return true;
	struct imr_parser again = {.src = p->src};
	if (!scan_all(&again, true)) {
		free(again.tokens);
		return true; /* (out of memory: read as scanned) */
	}
	if (items_shown(&again)) {
		free(p->tokens);
		p->tokens = again.tokens;
		p->count = again.count;
		p->from_items = true;
	} else {
		free(again.tokens);
	}
	return true;
}

static bool line_ends_sentence(const struct imr_source *src, const struct imr_line *l)
{
	const char *s = src->text + l->start;
	size_t n = l->end - l->start;
	while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

static bool line_contains(const struct imr_source *src, const struct imr_line *l, const char *what)
{
	return memmem(src->text + l->start, l->end - l->start, what, strlen(what)) != NULL;
}

/* Whether token k's line holds what, or, a line of text re-wrapped
 * narrow (shorter than NARROW_LINE), what begins at its end and ends at
 * the next line's start, a blank of it the line break ("... #90 was the
 * original" / "request. Cyclobenzaprine ...", fmt -w 30).  (A wider
 * line is a letter's own, its title's phrases whole in every letter
 * here: not looked at again.) */
enum { NARROW_LINE = 48 };
__attribute__((always_inline)) static inline bool title_line_contains(const struct imr_parser *p, size_t k,
                                                                      const char *what)
{
	const struct imr_line *l = &p->tokens[k].value.line;
	if (line_contains(p->src, l, what))
		return true;
	if (l->end - l->start >= NARROW_LINE || k + 1 >= p->count || p->tokens[k + 1].kind != TOK_TEXT ||
	    p->tokens[k + 1].value.line.para_break)
		return false;
	const struct imr_line *n = &p->tokens[k + 1].value.line;
	const char *e = p->src->text + l->end, *b = p->src->text + n->start;
	for (const char *sp = strchr(what, ' '); sp; sp = strchr(sp + 1, ' ')) {
		size_t a = (size_t)(sp - what), r = strlen(sp + 1);
		if (a <= l->end - l->start && memcmp(e - a, what, a) == 0 && r <= n->end - n->start &&
		    memcmp(b, sp + 1, r) == 0)
			return true;
	}
	return false;
}

/*
 * The token filter.  An item's title may wrap over several lines, and
 * only its last line (the decision) tells it is a title, so the lines
 * before it arrive as text.  Walk back from each decision over the text
 * lines that belong to the title: back to the end of the previous
 * sentence (the previous rationale), a paragraph break, or a line that
 * is not text.  A modified request ("X was the original request. Y was
 * authorized ... The remaining IMR eligible portion ...") holds full
 * sentences, so it reaches back to its "was the original request".
 */
static void mark_titles(struct imr_parser *p)
{
	struct imr_token *t = p->tokens;
	for (size_t i = 1; i < p->count; i++) {
		if (t[i].kind != TOK_ITEM_LINE && t[i].kind != TOK_DECISION_LINE)
			continue;
		size_t first = i;
		if (t[i].kind == TOK_DECISION_LINE) {
			if (t[i - 1].kind != TOK_TEXT)
				continue; /* the grammar reports the lone decision */
			first = i - 1;
		}
		while (first - 1 > 0 && t[first - 1].kind == TOK_TEXT && i - first < MAX_TITLE_LINES &&
		       !t[first].value.line.para_break &&
		       !line_ends_sentence(p->src, &t[first - 1].value.line))
			first--;
		bool partial_request = false;
		for (size_t k = first; k <= i; k++)
			if (title_line_contains(p, k, "remaining IMR eligible") ||
			    title_line_contains(p, k, "leaving the original request") ||
			    title_line_contains(p, k, "authorized by the Claims"))
				partial_request = true;
		for (size_t k = first; k <= i; k++)
			if (title_line_contains(p, k, "was the original request"))
				partial_request = false;
		for (size_t k = first; partial_request && k - 1 > 0 && t[k - 1].kind == TOK_TEXT &&
		                       i - k < 2 * MAX_TITLE_LINES;
		     k--) {
			if (title_line_contains(p, k - 1, "was the original request")) {
				first = k - 1;
				while (first - 1 > 0 && t[first - 1].kind == TOK_TEXT &&
				       i - first < 2 * MAX_TITLE_LINES &&
				       !t[first].value.line.para_break &&
				       !line_ends_sentence(p->src, &t[first - 1].value.line))
					first--;
				break;
			}
		}
		for (size_t k = first; k < i; k++)
			if (t[k].kind == TOK_TEXT)
				t[k].kind = TOK_TITLE_TEXT;
	}
}

static bool line_ends_with(const struct imr_source *src, const struct imr_line *l, char c)
{
	return l->end > l->start && src->text[l->end - 1] == c;
}

/*
 * The 2013 notice's lines that run on: a numbered decision ("1) MAXIMUS
 * ... has determined the request for X is not" / "medically necessary and
 * appropriate.") continues to the end of its sentence (over up to nine
 * lines: re-wrapped at 30 columns it takes six), and an item
 * section ("2) Regarding the request for physical therapy two times a" /
 * "week for six weeks:") to the colon that ends its title.  Each entry
 * starts a paragraph, and so does the text after a list.
 */
static void mark_continuations(struct imr_parser *p)
{
	struct imr_token *t = p->tokens;
	for (size_t i = 1; i < p->count; i++) {
		if (t[i].kind == TOK_DECISION_ENTRY) {
			t[i].value.line.para_break = true;
			size_t k = i;
			while (!line_ends_sentence(p->src, &t[k].value.line) && k + 1 < p->count &&
			       t[k + 1].kind == TOK_TEXT && !t[k + 1].value.line.para_break && k - i < 8)
				t[++k].kind = TOK_DECISION_TEXT;
			if (k + 1 < p->count && t[k + 1].kind == TOK_TEXT)
				t[k + 1].value.line.para_break = true;
		} else if (t[i].kind == TOK_ITEM_SECTION && !line_ends_with(p->src, &t[i].value.line, ':')) {
			size_t k = i + 1;
			while (k < p->count && k - i <= 3 && t[k].kind == TOK_TEXT &&
			       !line_ends_with(p->src, &t[k].value.line, ':'))
				k++;
			if (k < p->count && k - i <= 3 && t[k].kind == TOK_TEXT)
				for (size_t j = i + 1; j <= k; j++)
					t[j].kind = TOK_TITLE_TEXT;
		}
	}
}

/* Which headings a text shows (each once, in the order met) and what
 * header it has. */
struct outline {
	enum imr_section seen[IMR_SECTION_COUNT];
	size_t count;
	bool has[IMR_SECTION_COUNT];
	size_t header_labels, cover_labels;
	size_t decision_entries; /* a notice's "1) MAXIMUS ... has determined" */
	size_t item_lines;       /* an item's title and its decision ("...: Upheld") */
};

/* Whether a heading opens a letter: the first of a variant's headings,
 * or one before any (a letterhead, MEDICAL PROFESSIONAL REVIEW). */
static bool opens_letter(enum imr_section s)
{
	if (imr_section_part(s) == IMR_PART_NONE)
		return true;
	for (int v = 0; v < IMR_VARIANT_COUNT; v++)
		if (imr_variant_signature((enum imr_variant)v)[0] == s)
			return true;
	return false;
}

/* The outline of the letter that starts at token from; returns where the
 * next letter starts (its header, letterhead or first heading after this
 * one's items), or the end of input's token.  in_items: the letter opens
 * inside its items (scan_letter), which have begun. */
static size_t outline_of(const struct imr_parser *p, size_t from, bool in_items, struct outline *o)
{
	memset(o, 0, sizeof *o);
	bool body_read = in_items; /* as the scanner's: a section of items begun */
	for (size_t i = from; i < p->count; i++) {
		const struct imr_token *t = &p->tokens[i];
		if (t->kind == TOK_HEADER_LABEL) {
			if (body_read)
				return i;
			o->header_labels++;
			enum imr_value_kind k = imr_header_value_kind((enum imr_header_label)t->value.line.id);
			o->cover_labels += k == IMR_VALUE_NAME || k == IMR_VALUE_CLAIM || k == IMR_VALUE_LIST;
			continue;
		}
		o->decision_entries += t->kind == TOK_DECISION_ENTRY;
		o->item_lines += t->kind == TOK_ITEM_LINE;
		/* Headings are the tokens whose id is their section. */
		unsigned s = t->value.line.id;
		if (s < IMR_SECTION_COUNT && t->kind == imr_section_token((enum imr_section)s)) {
			enum imr_context c = imr_section_context((enum imr_section)s);
			if (body_read && opens_letter((enum imr_section)s))
				return i;
			body_read |= c == IMR_CTX_ISSUES || c == IMR_CTX_NOTICE;
			if (!o->has[s]) {
				o->has[s] = true;
				o->seen[o->count++] = (enum imr_section)s;
			}
		}
	}
	return p->count - 1; /* the end of input's token */
}

/* How many of a signature's headings the outline shows in their order. */
static size_t signature_matched(const enum imr_section *sig, const struct outline *o, size_t *len)
{
	size_t matched = 0;
	for (*len = 0; sig[*len] != IMR_END; (*len)++)
		;
	for (size_t i = 0; i < o->count && matched < *len; i++)
		if (o->seen[i] == sig[matched])
			matched++;
	return matched;
}

static bool header_fits(enum imr_header_kind k, const struct outline *o)
{
	switch (k) {
	case IMR_HEADER_NONE: return o->header_labels == 0;
	case IMR_HEADER_TABLE: return o->header_labels > 0 && o->cover_labels == 0;
	case IMR_HEADER_COVER: return o->cover_labels > 0;
	case IMR_HEADER_ANY: return true;
	}
	return false;
}

static const char *header_words(enum imr_header_kind k)
{
	switch (k) {
	case IMR_HEADER_NONE: return "no header table";
	case IMR_HEADER_TABLE: return "a header table";
	case IMR_HEADER_COVER: return "a cover page (Employee Name:, Treatment(s) in Dispute ...)";
	case IMR_HEADER_ANY: return "";
	}
	return "";
}

/* Append "\"A\", \"B\"" for the sections to buf. */
static void list_sections(char *buf, size_t cap, const enum imr_section *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, cap - len, "%s\"%s\"", i ? ", " : "", imr_section_text(s[i]));
	}
}

/* The longest common subsequence of a signature and the outline: how
 * many of the variant's headings the text has in the variant's order. */
static size_t signature_common(const enum imr_section *sig, size_t len, const struct outline *o)
{
	size_t lcs[IMR_SECTION_COUNT + 1][IMR_SECTION_COUNT + 1] = {{0}};
	for (size_t i = 1; i <= len; i++)
		for (size_t j = 1; j <= o->count; j++)
			lcs[i][j] = sig[i - 1] == o->seen[j - 1] ? lcs[i - 1][j - 1] + 1
			            : lcs[i - 1][j] > lcs[i][j - 1] ? lcs[i - 1][j]
			                                            : lcs[i][j - 1];
	return lcs[len][o->count];
}

/* Explain a text that matches no variant: the headings it has, the
 * nearest variant (the most of its headings found in order, then the
 * fewest missing, then a header that fits), and what differs.  Returns
 * the nearest variant when the text is still recognisably one (most of
 * its headings in order: degrade, don't drop), else -1. */
static int unknown_variant(struct imr_parser *p, const struct outline *o, int *nearest)
{
	int best = -1;
	size_t best_matched = 0, best_len = 0;
	bool best_fits = false;
	for (int v = 0; v < IMR_VARIANT_COUNT; v++) {
		size_t len;
		const enum imr_section *sig = imr_variant_signature((enum imr_variant)v);
		signature_matched(sig, o, &len);
		size_t m = signature_common(sig, len, o);
		bool fits = header_fits(imr_variant_header((enum imr_variant)v), o);
		if (best < 0 || m > best_matched ||
		    (m == best_matched && len - m < best_len - best_matched) ||
		    (m == best_matched && len - m == best_len - best_matched && fits && !best_fits)) {
			best = v, best_matched = m, best_len = len, best_fits = fits;
		}
	}
	enum imr_variant v = (enum imr_variant)best;
	const enum imr_section *sig = imr_variant_signature(v);
	char found[512] = "", wants[512] = "", differs[640] = "";
	list_sections(found, sizeof found, o->seen, o->count);
	list_sections(wants, sizeof wants, sig, best_len);
	enum imr_section missing[IMR_SECTION_COUNT];
	size_t nmissing = 0;
	for (size_t i = 0; i < best_len; i++)
		if (!o->has[sig[i]])
			missing[nmissing++] = sig[i];
	if (nmissing) {
		strcat(differs, "this text lacks ");
		list_sections(differs, sizeof differs, missing, nmissing);
	} else if (best_matched < best_len) {
		strcat(differs, "this text has them in another order");
	}
	if (!best_fits) {
		size_t n = strlen(differs);
		snprintf(differs + n, sizeof differs - n, "%sthe variant has %s, this text %s",
		         n ? "; " : "", header_words(imr_variant_header(v)),
		         o->cover_labels ? "a cover page" : o->header_labels ? "a header table" : "none");
	}
	const char *hw = header_words(imr_variant_header(v));
	imr_diag_add(p->diags, IMR_ERROR, 0, 0, NULL, 0,
	             "unknown document variant: found heading(s) %s and %s; the nearest known "
	             "variant is %s (%s%sheadings %s): %s (imr2xml --list-variants shows them all)",
	             found, o->cover_labels ? "a cover page" : o->header_labels ? "a header table" : "no header table",
	             imr_variant_name(v), hw, *hw ? ", " : "", wants, differs);
	*nearest = best;
	return best_matched * 2 > best_len ? best : -1;
}

/* Which variant the text shows: of the variants whose headings all occur,
 * in order, and whose header fits, the one with the most headings.  Puts
 * the variant's pseudo-token first; false (with an error) if the text is
 * no determination we know.  in_items: the letter opens inside its items
 * (scan_letter); *lost: its beginning is lost (no header, its first
 * headings missing, its items read). */
static bool detect_variant(struct imr_parser *p, const struct outline *outline, bool in_items,
                           enum imr_variant *variant, bool *degraded, bool *lost)
{
	*degraded = *lost = false;
	const struct outline o = *outline;
	if (o.count == 0 && in_items) {
		/* No header and no heading, but items (scan_letter): a letter
		 * without its beginning, read as the nearest variant by its
		 * items and its lack of a header, imr-2014 (nothing in the items
		 * tells 2014 from 2016); the error stands, so that only with
		 * --partial (and in batch mode) is it written. */
		imr_diag_add(p->diags, IMR_ERROR, 0, 0, NULL, 0,
		             "the letter's beginning is missing: the text opens inside its items, with no "
		             "header and none of its headings (its first page or pages lost?); what is "
		             "left is read as the items of a letter of variant %s (imr2xml --list-variants)",
		             imr_variant_name(IMR_IMR_2014));
		*variant = IMR_IMR_2014;
		*lost = true;
		return true;
	}
	if (o.count == 0) {
		imr_diag_add(p->diags, IMR_ERROR, 0, 0, NULL, 0,
		             "not an IMR Final Determination: none of its section headings "
		             "(\"%s\", \"%s\", \"%s\", \"%s\", ...) was found",
		             imr_section_text(IMR_HOW_MADE), imr_section_text(IMR_CASE_SUMMARY),
		             imr_section_text(IMR_NOTICE_TITLE), imr_section_text(IMR_PROFESSIONAL_REVIEW));
		return false;
	}
	int best = -1;
	size_t best_len = 0;
	for (int v = 0; v < IMR_VARIANT_COUNT; v++) {
		size_t len, m = signature_matched(imr_variant_signature((enum imr_variant)v), &o, &len);
		if (m == len && header_fits(imr_variant_header((enum imr_variant)v), &o) && len > best_len)
			best = v, best_len = len;
	}
	/* A text that is no known variant but most of one is still read as
	 * that one, the error reported: with --partial what was read is
	 * written, the rest kept as unparsed. */
	if (best < 0) {
		int nearest;
		best = unknown_variant(p, &o, &nearest);
		/* The letterhead and numbered decisions are a 2013 notice's
		 * however few of its headings are left. */
		if (best < 0 && o.has[IMR_LETTERHEAD] && o.decision_entries > 0)
			best = IMR_IMR_2013_NOTICE;
		/* The pages after the first alone (the first lost, or not
		 * extracted: pdftotext -f 2): the items' heading and items under
		 * it are still the letter's decisions, read as the nearest
		 * variant's, what stands before the heading kept as unparsed. */
		if (best < 0 && o.has[IMR_ISSUES] && o.item_lines > 0) {
			best = nearest;
			*lost = o.header_labels == 0 && !o.has[IMR_LETTERHEAD];
		}
		if (best < 0)
			return false;
		*degraded = true;
	}
	*variant = (enum imr_variant)best;
	return true;
}

int imr_yylex(IMR_YYSTYPE *lval, IMR_YYLTYPE *lloc, struct imr_parser *p)
{
	if (p->pos >= p->count) {
		lloc->start = lloc->end = (uint32_t)p->src->len;
		return TOK_YYEOF;
	}
	const struct imr_token *t = &p->tokens[p->pos++];
	*lval = t->value;
	*lloc = t->loc;
	return t->kind;
}

/* The letter the text at offset at is in. */
static struct imr_document *letter_at(const struct imr_parser *p, uint32_t at)
{
	size_t k = p->nletters;
	while (k > 1 && p->letters[k - 1]->node.span.start > at)
		k--;
	return p->letters[k - 1];
}

void imr_yyerror(IMR_YYLTYPE *loc, struct imr_parser *p, const char *msg)
{
	uint32_t at = loc->start;
	if (at >= p->src->len) {
		/* At the end of input: point after the last line's text. */
		at = p->src->len ? (uint32_t)p->src->len - 1 : 0;
	}
	imr_diag_at(p->diags, p->src, IMR_ERROR, at, "%s", msg);
	letter_at(p, loc->start)->errors++;
}

void imr_parser_begin_letter(struct imr_parser *p)
{
	if (p->doc)
		imr_header_pair(p);
	p->ncells = 0;
	p->qualifications = p->item_rationale = NULL;
	p->item_claims = p->item_maximus = NULL;
	p->doc = p->letters[p->begun++];
}

/* A letter's parse ended at an error none of its rules recovers from:
 * the rest of it, up to the next letter's pseudo-token, is kept as
 * unparsed, and the parse goes on there.  false: no letter follows. */
static bool skip_to_next_letter(struct imr_parser *p)
{
	if (p->begun >= p->nletters)
		return false;
	uint32_t next = p->letters[p->begun]->node.span.start;
	size_t i = p->pos ? p->pos - 1 : 0;
	struct imr_span rest = {p->tokens[i].loc.start, p->tokens[i].loc.start};
	for (; i < p->count && p->tokens[i].loc.start < next; i++)
		if (p->tokens[i].loc.end > rest.end)
			rest.end = p->tokens[i].loc.end;
	while (i < p->count && p->tokens[i].kind != imr_variant_token(p->letters[p->begun]->variant))
		i++;
	if (rest.end > rest.start)
		imr_document_add_unparsed(p->arena, letter_at(p, rest.start), rest);
	p->pos = i;
	return i < p->count;
}

void imr_parser_push_cell(struct imr_parser *p, int kind, struct imr_line cell)
{
	p->cells = imr_arena_grow(p->arena, p->cells, &p->cells_capacity, p->ncells + 1,
	                          sizeof *p->cells);
	p->cells[p->ncells++] = (struct imr_header_cell){kind, cell};
}

/* ---- The 2013 notice ---------------------------------------------------- */

/* A labelled part starts a paragraph of its own, blank line or not. */
static struct imr_text *as_paragraph(struct imr_text *t)
{
	if (t && t->count)
		t->lines[0].para_break = true;
	return t;
}

void imr_parser_add_qualifications(struct imr_parser *p, struct imr_text *text)
{
	p->qualifications = imr_text_concat(p->arena, p->qualifications, as_paragraph(text));
}

/* The decision part's introduction and the reviewer's qualifications are
 * what the later letters call HOW THE IMR FINAL DETERMINATION WAS MADE. */
void imr_parser_notice_reviewer(struct imr_parser *p, struct imr_text *intro, struct imr_span span)
{
	struct imr_text *t = imr_text_concat(p->arena, imr_text_copy(p->arena, intro), p->qualifications);
	if (t)
		p->doc->reviewer = imr_reviewer_new(p->arena, span, t);
}

void imr_parser_item_part(struct imr_parser *p, struct imr_guideline *g, struct imr_text *rationale)
{
	if (g) {
		struct imr_guideline **slot = g->which == IMR_CLAIMS_ADMINISTRATOR ? &p->item_claims
		                                                                   : &p->item_maximus;
		if (*slot)
			(*slot)->text = imr_text_concat(p->arena, (*slot)->text, as_paragraph(g->text));
		else
			*slot = g;
	}
	if (rationale)
		p->item_rationale = imr_text_concat(p->arena, p->item_rationale, as_paragraph(rationale));
}

/* "1) Regarding the request for X:" and the parts read since: the title
 * is what follows "for" (the colon goes in extraction), the decision
 * comes from the numbered lists. */
struct imr_issue *imr_parser_notice_item(struct imr_parser *p, struct imr_line section,
                                         struct imr_text *title_lines, struct imr_text *text,
                                         struct imr_span span)
{
	struct imr_line first = section;
	first.start = section.rest;
	struct imr_text *title = first.start < first.end ? imr_text_new(p->arena, first) : NULL;
	title = imr_text_concat(p->arena, title, title_lines);
	struct imr_issue *i = imr_issue_undecided(p->arena, span, title);
	i->number = section.id;
	i->claims = p->item_claims;
	i->maximus = p->item_maximus;
	i->rationale = imr_text_concat(p->arena, text, p->item_rationale);
	p->item_claims = p->item_maximus = NULL;
	p->item_rationale = NULL;
	return i;
}

bool imr_heading_shaped(const struct imr_source *src, const struct imr_line *l)
{
	const char *s = src->text + l->start, *e = src->text + l->end;
	size_t letters = 0, blanks = 0;
	for (; s < e; s++) {
		if (*s >= 'a' && *s <= 'z')
			return false;
		letters += *s >= 'A' && *s <= 'Z';
		blanks += *s == ' ';
	}
	return letters >= 8 && blanks >= 1;
}

/* A letter read as the variant it is most of (detect_variant): a line
 * shaped like a heading the tables do not know (the one missing, garbled),
 * in a section or in the header, opens text that cannot be placed.  It and the lines after it, up to the
 * next known heading, are set aside as unparsed, so they are neither
 * lost nor read as part of the section before them. */
static size_t set_aside_unknown_sections(struct imr_parser *p, struct imr_document *doc,
                                         size_t from, size_t to, size_t out)
{
	bool aside = false;
	struct imr_span span = {0, 0};
	for (size_t i = from; i < to; i++) {
		const struct imr_token *t = &p->tokens[i];
		unsigned id = t->value.line.id;
		bool heading = id < IMR_SECTION_COUNT && t->kind == imr_section_token((enum imr_section)id);
		if (heading) {
			if (aside)
				imr_document_add_unparsed(p->arena, doc, span);
			aside = false;
		} else if ((t->kind == TOK_TEXT ||
		            /* (in the header, after a blank line and a value: not
		             * a label's value, nor a line its cell wrapped) */
		            (t->kind == TOK_HEADER_VALUE && t->value.line.para_break &&
		             t[-1].kind == TOK_HEADER_VALUE)) && /* (as scanned: out <= i) */
		           imr_heading_shaped(p->src, &t->value.line)) {
			if (aside)
				imr_document_add_unparsed(p->arena, doc, span);
			aside = true;
			span = (struct imr_span){t->value.line.start, t->value.line.end};
			continue;
		} else if (aside) {
			span.end = t->value.line.end;
			continue;
		}
		p->tokens[out++] = p->tokens[i];
	}
	if (aside)
		imr_document_add_unparsed(p->arena, doc, span);
	return out;
}

/* Where a letter starts in the token vector, and whether its variant was
 * read from most of its headings only (its unknown sections set aside). */
struct letter_start {
	size_t first;
	bool degraded;
};

/* Each letter's variant pseudo-token before its first token (the slot
 * before the first letter's is the vector's first); at[k].first is where
 * letter k starts, at[n].first the end of input's token. */
static bool insert_variant_tokens(struct imr_parser *p, const struct letter_start *at, size_t n)
{
	struct imr_token *t = malloc((p->count + n - 1) * sizeof *t);
	if (!t)
		return false;
	size_t out = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t from = p->letters[k]->node.span.start;
		t[out++] = (struct imr_token){.kind = imr_variant_token(p->letters[k]->variant),
		                              .loc = {from, from}};
		memcpy(t + out, p->tokens + at[k].first, (at[k + 1].first - at[k].first) * sizeof *t);
		out += at[k + 1].first - at[k].first;
	}
	t[out++] = p->tokens[at[n].first];
	free(p->tokens);
	p->tokens = t;
	p->count = out;
	return true;
}

/* The letters of the input: each found by its opening after the one
 * before (outline_of), its variant detected from its own headings, and a
 * document made for it.  A part that is no letter we know goes with the
 * letter before it (the first's, with the one after): its text is read,
 * as unparsed, not dropped.  false: no letter at all. */
static bool find_letters(struct imr_parser *p)
{
	struct letter_start *start = NULL;
	size_t cap = 0, n = 0, from = 1, orphan_errors = 0;
	while (from < p->count - 1) {
		struct outline o;
		bool in_items = from == 1 && p->from_items;
		size_t next = outline_of(p, from, in_items, &o);
		enum imr_variant variant;
		bool degraded, lost;
		size_t errors = p->diags->errors;
		bool known = detect_variant(p, &o, in_items, &variant, &degraded, &lost);
		errors = p->diags->errors - errors;
		if (errors && (from > 1 || next < p->count - 1))
			imr_diag_at(p->diags, p->src, IMR_NOTE, p->tokens[from].loc.start,
			            "in the part of the input that starts here, read as its letter %zu", n + 1);
		if (!known) {
			if (n)
				p->letters[n - 1]->errors += errors;
			else
				orphan_errors += errors;
			from = next;
			continue;
		}
		start = imr_arena_grow(p->arena, start, &cap, n + 2, sizeof *start);
		p->letters = imr_arena_grow(p->arena, p->letters, &p->letters_capacity, n + 1,
		                            sizeof *p->letters);
		struct imr_document *d = imr_document_new(p->arena, variant);
		d->errors = errors + orphan_errors;
		d->beginning_lost = lost;
		orphan_errors = 0;
		start[n] = (struct letter_start){n ? from : 1, degraded};
		d->node.span.start = p->tokens[start[n].first].loc.start;
		if (n)
			p->letters[n - 1]->next = d;
		p->letters[n++] = d;
		from = next;
	}
	if (!n)
		return false;
	p->nletters = n;
	start[n].first = p->count - 1;
	/* The unknown sections of a degraded letter set aside, the vector
	 * closed up after them. */
	size_t out = 1;
	for (size_t k = 0; k < n; k++) {
		size_t begin = start[k].first, end = start[k + 1].first;
		start[k].first = out;
		if (start[k].degraded) {
			out = set_aside_unknown_sections(p, p->letters[k], begin, end, out);
		} else {
			if (out != begin)
				memmove(p->tokens + out, p->tokens + begin, (end - begin) * sizeof *p->tokens);
			out += end - begin;
		}
	}
	p->tokens[out] = p->tokens[p->count - 1];
	p->count = out + 1;
	start[n].first = out;
	if (n == 1) {
		p->tokens[0] = (struct imr_token){.kind = imr_variant_token(p->letters[0]->variant)};
		return true;
	}
	for (size_t k = 0; k < n; k++)
		p->letters[k]->ordinal = (unsigned)k + 1;
	return insert_variant_tokens(p, start, n);
}

struct imr_document *imr_parse(const struct imr_source *src, struct imr_arena *arena,
                               struct imr_diags *diags)
{
	struct imr_parser p = {.src = src, .arena = arena, .diags = diags};
	struct imr_document *doc = NULL;
	if (!scan_letter(&p)) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory while scanning");
		goto done;
	}
	if (!find_letters(&p))
		goto done;
	mark_titles(&p);
	mark_continuations(&p);
	int rc;
	while ((rc = imr_yyparse(&p)) == 1 && skip_to_next_letter(&p))
		;
	if (rc == 2)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory while parsing");
	if (p.doc)
		imr_header_pair(&p);
	doc = p.letters[0];
done:
	free(p.tokens);
	return doc;
}

size_t imr_scan_only(const struct imr_source *src)
{
	struct imr_parser p = {.src = src};
	size_t n = scan_all(&p, false) ? p.count : 0;
	free(p.tokens);
	return n;
}

size_t imr_scan_kinds(const struct imr_source *src, bool filtered, int *kinds, size_t max)
{
	struct imr_parser p = {.src = src};
	size_t n = 0;
	if (filtered ? scan_letter(&p) : scan_all(&p, false)) {
		if (filtered) {
			mark_titles(&p);
			mark_continuations(&p);
		}
		n = p.count - 1;
		for (size_t i = 0; i < n && i < max; i++)
			kinds[i] = p.tokens[i + 1].kind;
	}
	free(p.tokens);
	return n;
}

/* The spans of the input the grammar reads as text (see parse.h). */
void imr_scan_text_spans(const struct imr_source *src, void (*fn)(void *arg, uint32_t start, uint32_t end),
                         void *arg)
{
	struct imr_parser p = {.src = src};
	if (!scan_letter(&p)) {
		free(p.tokens);
		return;
	}
	mark_titles(&p);
	mark_continuations(&p);
	for (size_t i = 1; i < p.count; i++) {
		const struct imr_token *t = &p.tokens[i];
		const struct imr_line *l = &t->value.line;
		switch (t->kind) {
		case TOK_TEXT:
		case TOK_TITLE_TEXT:
		case TOK_DECISION_ENTRY:
		case TOK_DECISION_TEXT:
			fn(arg, l->start, l->end);
			break;
		case TOK_ITEM_LINE: /* the title, before ": Upheld" */
			fn(arg, l->start, l->rest);
			break;
		case TOK_ITEM_SECTION: /* after "1) Regarding the request for" */
		case TOK_CREDENTIALS_INTRO:
		case TOK_LICENSURE:
		case TOK_CERTIFICATION:
		case TOK_ISSUES_INTRO:
		case TOK_CLAIMS_GUIDELINE:
		case TOK_MAXIMUS_GUIDELINE:
		case TOK_RATIONALE:
		case TOK_QUALIFICATIONS:
		case TOK_NOTICE_SUMMARY: /* the text after the label */
			if (l->rest < l->end)
				fn(arg, l->rest, l->end);
			break;
		default: /* headings, header cells, decisions: structure */
			break;
		}
	}
	free(p.tokens);
}
