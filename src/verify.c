/* verify.c - check that the XML holds every word of the input.
 *
 * The input's words are those of the lines the grammar reads as text
 * (the scanner's own classification, parse.c), less the form's fixed
 * words (headings, labels, the header, an item's decision), which the XML
 * carries as structure.  The XML's words are its text, read
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
#include "parse.h"

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

/* The words of a span the grammar reads as text. */
struct input {
	struct words *w;
	const char *base;
};

static void input_span(void *arg, uint32_t start, uint32_t end)
{
	struct input *in = arg;
	split(in->w, in->base + start, end - start, in->base);
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

static xmlNodePtr child_named(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The words of a section's paragraphs (and of whatever else it holds as
 * text: a reviewer's states and certifications, the records reviewed). */
static void section_words(struct words *w, xmlNodePtr sec)
{
	for (xmlNodePtr c = sec->children; c; c = c->next)
		if (named(c, "p") || named(c, "document"))
			text_of(w, c);
	for (xmlNodePtr c = sec->children; c; c = c->next)
		if (named(c, "license") && attr(c, "state"))
			split(w, (const char *)attr(c, "state"), strlen((const char *)attr(c, "state")), NULL);
	for (xmlNodePtr c = sec->children; c; c = c->next)
		if (named(c, "certification"))
			text_of(w, c);
}

/* An item's parts, as the letter has them. */
enum { TITLE = 1, GUIDELINES = 2, RATIONALE = 4 };

static void issues_words(struct words *w, xmlNodePtr root, xmlNodePtr issues, unsigned parts,
                         bool *done, size_t k)
{
	for (xmlNodePtr is = issues->children; is; is = is->next) {
		if (!named(is, "issue"))
			continue;
		if (parts & TITLE) {
			unparsed_before(w, root, line_of(is), done, k);
			xmlNodePtr title = child_named(is, "title");
			if (!title)
				title = child_named(is, "service");
			if (title)
				text_of(w, title);
		}
		for (xmlNodePtr c = is->children; c; c = c->next)
			if ((((parts & GUIDELINES) &&
			      (named(c, "claimsAdministratorGuideline") || named(c, "maximusGuideline"))) ||
			     ((parts & RATIONALE) && named(c, "rationale"))))
				for (xmlNodePtr p = c->children; p; p = p->next)
					if (named(p, "p"))
						text_of(w, p);
	}
}

/* The part a section of the XML is (vocab.h's IMR_PARTS), or -1. */
static int part_of(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE ? imr_part_by_xml((const char *)n->name) : -1;
}

static xmlNodePtr part_node(xmlNodePtr root, enum imr_part part)
{
	return child_named(root, imr_part_xml(part));
}

/* The XML's words in the letter's order: most letters have their parts
 * in the order of the XML (every part of the table holds words of the
 * letter); a professional review lists its items first and its reviewer
 * last, a guideline and a rationale section for all its items between. */
static void output_words(struct words *w, xmlNodePtr root)
{
	size_t k = 0;
	for (xmlNodePtr u = root->children; u; u = u->next)
		k += named(u, "unparsed");
	bool *done = calloc(k ? k : 1, sizeof *done);
	if (!done)
		return;
	const xmlChar *variant = attr(root, "variant");
	xmlNodePtr issues = part_node(root, IMR_PART_ISSUES);
	if (variant && strcmp((const char *)variant,
	                      imr_variant_name(IMR_IMR_PROFESSIONAL_REVIEW)) == 0) {
		static const enum imr_part order[] = {IMR_PART_SUMMARY, IMR_PART_DOCUMENTS};
		if (issues)
			issues_words(w, root, issues, TITLE, done, k);
		for (size_t i = 0; i < 2; i++)
			if (part_node(root, order[i]))
				section_words(w, part_node(root, order[i]));
		if (issues) {
			issues_words(w, root, issues, GUIDELINES, done, k);
			issues_words(w, root, issues, RATIONALE, done, k);
		}
		if (part_node(root, IMR_PART_REVIEWER))
			section_words(w, part_node(root, IMR_PART_REVIEWER));
	} else {
		for (xmlNodePtr sec = root->children; sec; sec = sec->next) {
			int part = part_of(sec);
			if (part < 0)
				continue;
			if (imr_part_kind((enum imr_part)part) == IMR_PART_ITEMS)
				issues_words(w, root, sec, TITLE | GUIDELINES | RATIONALE, done, k);
			else
				section_words(w, sec);
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
	struct input inp = {&in, src->text};
	imr_scan_text_spans(src, input_span, &inp);
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
