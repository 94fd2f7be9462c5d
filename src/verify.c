/* verify.c - check that the XML holds every word of the input.
 *
 * The input's words are those of its lines from the first heading on,
 * less the form's fixed words (headings, labels, an item's decision),
 * which the XML carries as structure.  The XML's words are its text, read
 * in the order of the letter: the reviewer's paragraphs, licensure and
 * certifications, the summary's paragraphs, each item's title, guideline
 * paragraphs and rationale, and the unparsed regions at their lines.  A
 * word is a run of letters and digits, so "4-" + "lead" and "4-lead"
 * compare equal.  Each input word is looked for a bounded distance ahead
 * of the last match: a missing word is reported where it is missing. */
#include "verify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "lex.h"

struct words {
	const char **start; /* pointers into the owning text */
	unsigned *len;
	uint32_t *offset;   /* input words: offset in the normalized text */
	size_t count, cap;
};

static bool word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static bool push(struct words *w, const char *s, unsigned n, uint32_t off)
{
	if (w->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 1024;
		const char **a = realloc(w->start, cap * sizeof *a);
		if (a)
			w->start = a;
		unsigned *b = realloc(w->len, cap * sizeof *b);
		if (b)
			w->len = b;
		uint32_t *c = realloc(w->offset, cap * sizeof *c);
		if (c)
			w->offset = c;
		if (!a || !b || !c)
			return false;
		w->cap = cap;
	}
	w->start[w->count] = s;
	w->len[w->count] = n;
	w->offset[w->count] = off;
	w->count++;
	return true;
}

static void split(struct words *w, const char *s, size_t n, const char *base)
{
	for (size_t i = 0; i < n;) {
		while (i < n && !word_char((unsigned char)s[i]))
			i++;
		size_t j = i;
		while (j < n && word_char((unsigned char)s[j]))
			j++;
		if (j > i)
			push(w, s + i, (unsigned)(j - i), base ? (uint32_t)(s + i - base) : 0);
		i = j;
	}
}

static bool is_decision(const char *s, size_t n)
{
	return (n == 6 && strncasecmp(s, "upheld", 6) == 0) ||
	       (n == 10 && strncasecmp(s, "overturned", 10) == 0);
}

/* The words of one input line, less the form's fixed words. */
static void input_line(struct words *w, const char *base, const char *s, size_t n,
                       enum imr_context *context)
{
	while (n && (*s == ' ' || *s == '\f'))
		s++, n--;
	int h = imr_lookup_section(s, n);
	if (h >= 0) {
		*context = imr_section_context((enum imr_section)h);
		return;
	}
	const char *colon = memchr(s, ':', n);
	if (colon) {
		int l = imr_lookup_line_label(s, (size_t)(colon + 1 - s), *context);
		if (l >= 0) {
			size_t skip = (size_t)(colon + 1 - s);
			s += skip, n -= skip;
		}
	}
	if (*context == IMR_CTX_ISSUES) {
		/* "Title: Upheld" or "Upheld" alone: the decision is an attribute. */
		size_t e = n;
		while (e && isalpha((unsigned char)s[e - 1]))
			e--;
		if (is_decision(s + e, n - e)) {
			size_t k = e;
			while (k && s[k - 1] == ' ')
				k--;
			if (k == 0 || s[k - 1] == ':')
				n = k;
		}
	}
	split(w, s, n, base);
}

static const xmlChar *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children)
			return a->children->content;
	return NULL;
}

static void text_of(struct words *w, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			split(w, (const char *)c->content, strlen((const char *)c->content), NULL);
}

static bool named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static unsigned line_of(xmlNodePtr n)
{
	const xmlChar *l = attr(n, "line");
	return l ? (unsigned)atoi((const char *)l) : 0;
}

static void unparsed_before(struct words *w, xmlNodePtr root, unsigned line, bool *done, size_t k)
{
	size_t i = 0;
	for (xmlNodePtr u = root->children; u; u = u->next) {
		if (!named(u, "unparsed"))
			continue;
		if (i < k && !done[i] && line_of(u) < line) {
			text_of(w, u);
			done[i] = true;
		}
		i++;
	}
}

/* The XML's words in the letter's order. */
static void output_words(struct words *w, xmlNodePtr root)
{
	size_t k = 0;
	for (xmlNodePtr u = root->children; u; u = u->next)
		k += named(u, "unparsed");
	bool *done = calloc(k ? k : 1, sizeof *done);
	if (!done)
		return;
	for (xmlNodePtr sec = root->children; sec; sec = sec->next) {
		if (named(sec, "reviewer")) {
			for (xmlNodePtr c = sec->children; c; c = c->next)
				if (named(c, "p"))
					text_of(w, c);
			for (xmlNodePtr c = sec->children; c; c = c->next)
				if (named(c, "license") && attr(c, "state"))
					split(w, (const char *)attr(c, "state"), strlen((const char *)attr(c, "state")), NULL);
			for (xmlNodePtr c = sec->children; c; c = c->next)
				if (named(c, "certification"))
					text_of(w, c);
		} else if (named(sec, "caseSummary")) {
			for (xmlNodePtr c = sec->children; c; c = c->next)
				if (named(c, "p"))
					text_of(w, c);
		} else if (named(sec, "issues")) {
			for (xmlNodePtr is = sec->children; is; is = is->next) {
				if (!named(is, "issue"))
					continue;
				unparsed_before(w, root, line_of(is), done, k);
				xmlNodePtr title = NULL, service = NULL;
				for (xmlNodePtr c = is->children; c; c = c->next) {
					if (named(c, "title"))
						title = c;
					if (named(c, "service"))
						service = c;
				}
				if (title || service)
					text_of(w, title ? title : service);
				for (xmlNodePtr c = is->children; c; c = c->next)
					if (named(c, "claimsAdministratorGuideline") || named(c, "maximusGuideline") ||
					    named(c, "rationale"))
						for (xmlNodePtr p = c->children; p; p = p->next)
							if (named(p, "p"))
								text_of(w, p);
			}
		}
	}
	unparsed_before(w, root, ~0u, done, k);
	free(done);
}

static void words_free(struct words *w)
{
	free(w->start);
	free(w->len);
	free(w->offset);
}

enum { LOOKAHEAD = 400 };

bool imr_verify(const struct imr_source *src, xmlDocPtr doc, struct imr_diags *diags)
{
	struct words in = {0}, out = {0};
	enum imr_context context = IMR_CONTEXT_COUNT;
	bool started = false;
	for (size_t i = 0; i < src->nlines; i++) {
		size_t n;
		const char *s = imr_source_line_text(src, (unsigned)i + 1, &n);
		if (!started) {
			const char *t = s;
			size_t m = n;
			while (m && (*t == ' ' || *t == '\f'))
				t++, m--;
			started = imr_lookup_section(t, m) >= 0;
			if (!started)
				continue; /* the header table: checked as values, not words */
		}
		input_line(&in, src->text, s, n, &context);
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root)
		output_words(&out, root);
	size_t j = 0, missing = 0;
	for (size_t i = 0; i < in.count; i++) {
		size_t k = j;
		while (k < out.count && k - j < LOOKAHEAD &&
		       !(out.len[k] == in.len[i] && memcmp(out.start[k], in.start[i], in.len[i]) == 0))
			k++;
		if (k < out.count && k - j < LOOKAHEAD) {
			j = k + 1;
			continue;
		}
		if (!missing++)
			imr_diag_at(diags, src, IMR_ERROR, in.offset[i],
			            "verify: the word '%.*s' is missing from the XML", (int)in.len[i],
			            in.start[i]);
	}
	if (missing > 1)
		imr_diag_add(diags, IMR_NOTE, 0, 0, NULL, 0, "verify: %zu word(s) of %zu missing in all",
		             missing, in.count);
	words_free(&in);
	words_free(&out);
	return missing == 0;
}
