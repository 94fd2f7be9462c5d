/* verify.c - check that the XML holds every word of the input.
 *
 * The input's words are those of the lines the grammar reads as text
 * (the scanner's own classification, parse.c), less the form's fixed
 * words (headings, labels, the header, an item's decision), which the XML
 * carries as structure.  The XML's words are its text, read
 * in the order of the letter: the parts of vocab.h's IMR_PARTS and each
 * item's IMR_ITEM_PARTS, in the order of the variant's headings, and the
 * unparsed regions at their lines.  A
 * word is a run of letters and digits, so "4-" + "lead" and "4-lead"
 * compare equal.  Each input word is looked for a bounded distance ahead
 * of the last match: a missing word is reported where it is missing. */
#include "verify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "onecase.h"
#include "parse.h"
#include "text.h"

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

/* The words of one part of an item (vocab.h's IMR_ITEM_PARTS): its
 * element's text and paragraphs.  The title comes first, after the
 * unparsed regions before its item, and is written as the service when
 * the two are one. */
static void item_part_words(struct words *w, xmlNodePtr root, xmlNodePtr issue,
                            enum imr_item_part part, bool *done, size_t k)
{
	xmlNodePtr n = child_named(issue, imr_item_part_xml(part));
	if (part == IMR_ITEM_PART_TITLE) {
		unparsed_before(w, root, line_of(issue), done, k);
		if (!n)
			n = child_named(issue, "service");
	}
	if (!n)
		return;
	text_of(w, n);
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (named(c, "p"))
			text_of(w, c);
}

/* What has been read of the XML: whole parts, and parts of every item. */
struct reading {
	xmlNodePtr root;
	bool in_signature[IMR_PART_COUNT]; /* held by a heading of the signature */
	bool begun[IMR_PART_COUNT], part[IMR_PART_COUNT];
	bool item[IMR_ITEM_PART_COUNT];
	bool *done; /* the unparsed regions read */
	size_t k;
};

static void unnamed_after(struct words *w, struct reading *r, size_t part);

/* The words of a part not read yet: a section's, or the items', item by
 * item, in the parts `item` names (IMR_ITEM_PART_ALL: every part not read
 * yet).  The parts no heading of the signature names that follow it in
 * the table come next. */
static void part_words(struct words *w, struct reading *r, enum imr_part part,
                       enum imr_item_part item)
{
	if (part == IMR_PART_NONE || r->part[part])
		return;
	xmlNodePtr sec = child_named(r->root, imr_part_xml(part));
	bool first = !r->begun[part];
	r->begun[part] = true;
	if (imr_part_kind(part) != IMR_PART_ITEMS) {
		r->part[part] = true;
		if (sec)
			section_words(w, sec);
	} else {
		bool which[IMR_ITEM_PART_COUNT];
		for (size_t p = 0; p < IMR_ITEM_PART_COUNT; p++) {
			which[p] = !r->item[p] && (item == IMR_ITEM_PART_ALL || item == p);
			r->item[p] = r->item[p] || which[p];
		}
		r->part[part] = item == IMR_ITEM_PART_ALL;
		for (xmlNodePtr is = sec ? sec->children : NULL; is; is = is->next)
			if (named(is, "issue"))
				for (size_t p = 0; p < IMR_ITEM_PART_COUNT; p++)
					if (which[p])
						item_part_words(w, r->root, is, (enum imr_item_part)p, r->done, r->k);
	}
	if (first)
		unnamed_after(w, r, part + 1);
}

/* The parts from `part` on in the table up to one the signature names. */
static void unnamed_after(struct words *w, struct reading *r, size_t part)
{
	for (; part < IMR_PART_COUNT && !r->in_signature[part]; part++)
		part_words(w, r, (enum imr_part)part, IMR_ITEM_PART_ALL);
}

/* The XML's words in the letter's order: the parts its variant's
 * signature names, in the signature's order (a professional review lists
 * its items first and its reviewer last, a guideline and a rationale for
 * all its items between), each part it does not name after the part
 * before it in the table (whose order is the XML's), what remains of the
 * items last; the unparsed regions at their lines. */
static void output_words(struct words *w, xmlNodePtr root)
{
	size_t k = 0;
	for (xmlNodePtr u = root->children; u; u = u->next)
		k += named(u, "unparsed");
	bool *done = calloc(k ? k : 1, sizeof *done);
	if (!done)
		return;
	struct reading r = {.root = root, .done = done, .k = k};
	const xmlChar *name = attr(root, "variant");
	int variant = name ? imr_variant_by_name((const char *)name) : -1;
	const enum imr_section *signature =
	        variant >= 0 ? imr_variant_signature((enum imr_variant)variant) : NULL;
	for (const enum imr_section *s = signature; s && *s != IMR_END; s++)
		if (imr_section_part(*s) != IMR_PART_NONE)
			r.in_signature[imr_section_part(*s)] = true;
	unnamed_after(w, &r, 0);
	for (const enum imr_section *s = signature; s && *s != IMR_END; s++)
		part_words(w, &r, imr_section_part(*s), imr_section_item_part(*s));
	for (size_t p = 0; p < IMR_PART_COUNT; p++)
		part_words(w, &r, (enum imr_part)p, IMR_ITEM_PART_ALL);
	unparsed_before(w, root, ~0u, done, k);
	free(done);
}

/* The words of every letter, in order: the root's, or each of a
 * <determinations>' letters. */
static void document_words(struct words *w, xmlNodePtr root)
{
	if (!named(root, "determinations")) {
		output_words(w, root);
		return;
	}
	for (xmlNodePtr l = root->children; l; l = l->next)
		if (named(l, "determination"))
			output_words(w, l);
}

static void words_free(struct words *w)
{
	free(w->start);
	free(w->len);
	free(w->offset);
}

char *imr_verify_xml_words(xmlDocPtr doc)
{
	struct words out = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root)
		document_words(&out, root);
	size_t n = 1;
	for (size_t i = 0; i < out.count; i++)
		n += out.len[i] + 1;
	char *s = malloc(n), *at = s;
	for (size_t i = 0; s && i < out.count; i++) {
		if (i)
			*at++ = ' ';
		memcpy(at, out.start[i], out.len[i]);
		at += out.len[i];
	}
	if (s)
		*at = '\0';
	words_free(&out);
	return s;
}

enum { LOOKAHEAD = 400 };

/* Whether the input word ending at off ends a line in a hyphen that
 * breaks it. */
static bool broken_at(const struct imr_source *src, uint32_t off)
{
	return src->broken && src->text[off] == '-' && src->text[off + 1] == '\n' &&
	       imr_line_broken(src, imr_source_line_index(src, off));
}

/* Whether output word k is input words i and i + 1 run together. */
static bool whole(const struct words *out, size_t k, const struct words *in, size_t i)
{
	return out->len[k] == in->len[i] + in->len[i + 1] &&
	       memcmp(out->start[k], in->start[i], in->len[i]) == 0 &&
	       memcmp(out->start[k] + in->len[i], in->start[i + 1], in->len[i + 1]) == 0;
}

bool imr_verify(const struct imr_source *src, xmlDocPtr doc, struct imr_diags *diags)
{
	struct words in = {0}, out = {0};
	struct input inp = {&in, src->text};
	/* A text of one case is scanned as the parse read it, its words
	 * compared in its own case (onecase.h). */
	if (src->one_case_text)
		imr_one_case_again((struct imr_source *)src);
	imr_scan_text_spans(src, input_span, &inp);
	if (src->one_case_text)
		imr_one_case_restore((struct imr_source *)src, NULL);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root)
		document_words(&out, root);
	size_t j = 0, missing = 0;
	for (size_t i = 0; i < in.count; i++) {
		size_t k = j;
		/* A word broken at a line's end ("Reha-" / "bilitation") is
		 * whole in the XML (text.h's imr_mark_broken_words). */
		if (i + 1 < in.count && broken_at(src, in.offset[i] + in.len[i])) {
			while (k < out.count && k - j < LOOKAHEAD && !whole(&out, k, &in, i))
				k++;
			if (k < out.count && k - j < LOOKAHEAD) {
				j = k + 1, i++;
				continue;
			}
			k = j;
		}
		while (k < out.count && k - j < LOOKAHEAD &&
		       !(out.len[k] == in.len[i] && memcmp(out.start[k], in.start[i], in.len[i]) == 0))
			k++;
		if (k < out.count && k - j < LOOKAHEAD) {
			j = k + 1;
			continue;
		}
		/* A word OCR split at a blank that the XML has whole ("W yoming"
		 * of a reviewer's states). */
		if (i + 1 < in.count && in.offset[i] + in.len[i] + 1 == in.offset[i + 1]) {
			for (k = j; k < out.count && k - j < LOOKAHEAD && !whole(&out, k, &in, i); k++)
				;
			if (k < out.count && k - j < LOOKAHEAD) {
				j = k + 1, i++;
				continue;
			}
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
