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

struct imr_token {
	int kind;
	IMR_YYSTYPE value;
	IMR_YYLTYPE loc;
};

/* A title wraps over a few lines at most; the walk back stops there. */
enum { MAX_TITLE_LINES = 6 };

/* Scan the whole text into p->tokens; the vector starts with a slot for
 * the variant's pseudo-token. */
static bool scan_all(struct imr_parser *p)
{
	struct imr_lex_extra extra = {.src = p->src};
	yyscan_t scanner;
	if (imr_yylex_init_extra(&extra, &scanner) != 0)
		return false;
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
			if (line_contains(p->src, &t[k].value.line, "remaining IMR eligible") ||
			    line_contains(p->src, &t[k].value.line, "leaving the original request") ||
			    line_contains(p->src, &t[k].value.line, "authorized by the Claims"))
				partial_request = true;
		for (size_t k = first; k <= i; k++)
			if (line_contains(p->src, &t[k].value.line, "was the original request"))
				partial_request = false;
		for (size_t k = first; partial_request && k - 1 > 0 && t[k - 1].kind == TOK_TEXT &&
		                       i - k < 2 * MAX_TITLE_LINES;
		     k--) {
			if (line_contains(p->src, &t[k - 1].value.line, "was the original request")) {
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

/* Which variant the text shows, from its headings and header labels.
 * Puts the variant's pseudo-token first; false (with an error) if the
 * text is no determination we know. */
static bool detect_variant(struct imr_parser *p, enum imr_variant *variant)
{
	bool seen[IMR_SECTION_COUNT] = {0};
	size_t headings = 0, header_labels = 0;
	for (size_t i = 1; i < p->count; i++) {
		int k = p->tokens[i].kind;
		for (int s = 0; s < IMR_SECTION_COUNT; s++)
			if (k == imr_section_token((enum imr_section)s) && !seen[s]) {
				seen[s] = true;
				headings++;
			}
		if (k == TOK_HEADER_LABEL)
			header_labels++;
	}
	if (headings == 0) {
		imr_diag_add(p->diags, IMR_ERROR, 0, 0, NULL, 0,
		             "not an IMR Final Determination: none of its section headings "
		             "(\"%s\", \"%s\", \"%s\") was found",
		             imr_section_text(IMR_HOW_MADE), imr_section_text(IMR_CASE_SUMMARY),
		             imr_section_text(IMR_ISSUES));
		return false;
	}
	if (seen[IMR_HOW_MADE]) {
		for (int v = 0; v < IMR_VARIANT_COUNT; v++)
			if (imr_variant_has_header((enum imr_variant)v) == (header_labels > 0)) {
				*variant = (enum imr_variant)v;
				p->tokens[0] = (struct imr_token){.kind = imr_variant_token(*variant)};
				return true;
			}
	}
	char found[256] = "";
	for (int s = 0; s < IMR_SECTION_COUNT; s++)
		if (seen[s]) {
			size_t n = strlen(found);
			snprintf(found + n, sizeof found - n, "%s\"%s\"", n ? ", " : "",
			         imr_section_text((enum imr_section)s));
		}
	imr_diag_add(p->diags, IMR_ERROR, 0, 0, NULL, 0,
	             "unknown document variant: found heading(s) %s and %s header table, but every "
	             "known variant opens with \"%s\"",
	             found, header_labels ? "a" : "no", imr_section_text(IMR_HOW_MADE));
	return false;
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

void imr_yyerror(IMR_YYLTYPE *loc, struct imr_parser *p, const char *msg)
{
	uint32_t at = loc->start;
	if (at >= p->src->len) {
		/* At the end of input: point after the last line's text. */
		at = p->src->len ? (uint32_t)p->src->len - 1 : 0;
	}
	imr_diag_at(p->diags, p->src, IMR_ERROR, at, "%s", msg);
}

/* A group has as many labels as the table (seven); more is no table. */
void imr_parser_push_label(struct imr_parser *p, struct imr_line label)
{
	if (p->nlabels < sizeof p->labels / sizeof p->labels[0])
		p->labels[p->nlabels++] = label;
	else
		imr_diag_at(p->diags, p->src, IMR_ERROR, label.start,
		            "header table: more than %zu labels in a row", sizeof p->labels / sizeof p->labels[0]);
}

void imr_parser_push_value(struct imr_parser *p, struct imr_line value)
{
	if (p->nvalues < sizeof p->values / sizeof p->values[0])
		p->values[p->nvalues++] = value;
	else
		imr_diag_at(p->diags, p->src, IMR_ERROR, value.start,
		            "header table: more than %zu values in a row", sizeof p->values / sizeof p->values[0]);
}

void imr_parser_pair_header(struct imr_parser *p, struct imr_span group)
{
	if (p->nlabels != p->nvalues)
		imr_diag_at(p->diags, p->src, IMR_ERROR, group.start,
		            "header table: %u label(s) but %u value(s) in this group", p->nlabels,
		            p->nvalues);
	if (!p->doc->header)
		p->doc->header = imr_header_new(p->arena);
	unsigned n = p->nlabels < p->nvalues ? p->nlabels : p->nvalues;
	for (unsigned i = 0; i < n; i++)
		imr_header_add(p->arena, p->doc->header, (enum imr_header_label)p->labels[i].id,
		               (struct imr_span){p->labels[i].start, p->labels[i].end},
		               (struct imr_span){p->values[i].start, p->values[i].end});
	p->nlabels = p->nvalues = 0;
}

struct imr_document *imr_parse(const struct imr_source *src, struct imr_arena *arena,
                               struct imr_diags *diags)
{
	struct imr_parser p = {.src = src, .arena = arena, .diags = diags};
	enum imr_variant variant;
	struct imr_document *doc = NULL;
	if (!scan_all(&p)) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory while scanning");
		goto done;
	}
	if (!detect_variant(&p, &variant))
		goto done;
	mark_titles(&p);
	p.doc = imr_document_new(arena, variant);
	int rc = imr_yyparse(&p);
	if (rc == 2)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "out of memory while parsing");
	doc = p.doc;
done:
	free(p.tokens);
	return doc;
}

size_t imr_scan_only(const struct imr_source *src)
{
	struct imr_parser p = {.src = src};
	size_t n = scan_all(&p) ? p.count : 0;
	free(p.tokens);
	return n;
}

size_t imr_scan_kinds(const struct imr_source *src, bool filtered, int *kinds, size_t max)
{
	struct imr_parser p = {.src = src};
	size_t n = 0;
	if (scan_all(&p)) {
		if (filtered)
			mark_titles(&p);
		n = p.count - 1;
		for (size_t i = 0; i < n && i < max; i++)
			kinds[i] = p.tokens[i + 1].kind;
	}
	free(p.tokens);
	return n;
}
