/* ast.c - constructors for the parse tree, and its dump. */
#include "ast.h"

#include <string.h>

/* Every node struct begins with struct imr_node. */
static void *node_alloc(struct imr_arena *a, size_t size, enum imr_node_kind kind)
{
	struct imr_node *n = imr_arena_alloc(a, size);
	n->kind = kind;
	return n;
}
#define NEW(a, type, k) ((type *)node_alloc((a), sizeof(type), (k)))

struct imr_text *imr_text_new(struct imr_arena *a, struct imr_line first)
{
	struct imr_text *t = NEW(a, struct imr_text, IMR_N_TEXT);
	t->node.span = (struct imr_span){first.start, first.end};
	return imr_text_append(a, t, first);
}

struct imr_text *imr_text_append(struct imr_arena *a, struct imr_text *t, struct imr_line line)
{
	t->lines = imr_arena_grow(a, t->lines, &t->capacity, t->count + 1, sizeof *t->lines);
	t->lines[t->count++] = line;
	t->node.span.end = line.end;
	return t;
}

struct imr_text *imr_text_after_label(struct imr_arena *a, struct imr_line label)
{
	if (label.rest >= label.end)
		return NULL;
	struct imr_line l = label;
	l.start = label.rest;
	return imr_text_new(a, l);
}

struct imr_text *imr_text_concat(struct imr_arena *a, struct imr_text *t, struct imr_text *more)
{
	if (!t)
		return more;
	for (size_t i = 0; more && i < more->count; i++)
		imr_text_append(a, t, more->lines[i]);
	return t;
}

struct imr_text *imr_text_copy(struct imr_arena *a, const struct imr_text *t)
{
	if (!t || !t->count)
		return NULL;
	struct imr_text *c = imr_text_new(a, t->lines[0]);
	for (size_t i = 1; i < t->count; i++)
		imr_text_append(a, c, t->lines[i]);
	return c;
}

struct imr_header *imr_header_new(struct imr_arena *a)
{
	return NEW(a, struct imr_header, IMR_N_HEADER);
}

void imr_header_add(struct imr_arena *a, struct imr_header *h, enum imr_header_label label,
                    struct imr_span label_span, struct imr_text *value)
{
	h->fields = imr_arena_grow(a, h->fields, &h->capacity, h->count + 1, sizeof *h->fields);
	h->fields[h->count++] = (struct imr_header_field){label, label_span, value};
	if (h->count == 1 || label_span.start < h->node.span.start)
		h->node.span.start = label_span.start;
	uint32_t end = value ? value->node.span.end : label_span.end;
	if (end > h->node.span.end)
		h->node.span.end = end;
}

struct imr_credential *imr_credential_new(struct imr_arena *a, struct imr_line label,
                                          struct imr_text *more)
{
	struct imr_credential *c = NEW(a, struct imr_credential, IMR_N_CREDENTIAL);
	c->label = (enum imr_line_label)label.id;
	c->text = imr_text_concat(a, imr_text_after_label(a, label), more);
	c->node.span = (struct imr_span){label.start, more ? more->node.span.end : label.end};
	return c;
}

struct imr_reviewer *imr_reviewer_new(struct imr_arena *a, struct imr_span span,
                                      struct imr_text *text)
{
	struct imr_reviewer *r = NEW(a, struct imr_reviewer, IMR_N_REVIEWER);
	r->node.span = span;
	r->text = text;
	return r;
}

void imr_reviewer_add(struct imr_arena *a, struct imr_reviewer *r, struct imr_credential *c)
{
	r->credentials =
	        imr_arena_grow(a, r->credentials, &r->capacity, r->count + 1, sizeof *r->credentials);
	r->credentials[r->count++] = c;
}

struct imr_summary_section *imr_summary_new(struct imr_arena *a, struct imr_span span,
                                            struct imr_text *text)
{
	struct imr_summary_section *s = NEW(a, struct imr_summary_section, IMR_N_SUMMARY);
	s->node.span = span;
	s->text = text;
	return s;
}

struct imr_guideline *imr_guideline_new(struct imr_arena *a, enum imr_guideline_kind which,
                                        struct imr_line label, struct imr_text *more)
{
	struct imr_guideline *g = NEW(a, struct imr_guideline, IMR_N_GUIDELINE);
	g->which = which;
	g->text = imr_text_concat(a, imr_text_after_label(a, label), more);
	g->node.span = (struct imr_span){label.start, more ? more->node.span.end : label.end};
	return g;
}

struct imr_issue *imr_issue_titled(struct imr_arena *a, struct imr_span span,
                                   struct imr_text *title_lines, struct imr_line decision_line,
                                   bool item_line)
{
	struct imr_issue *i = NEW(a, struct imr_issue, IMR_N_ISSUE);
	i->node.span = span;
	i->decision = (enum imr_decision)decision_line.id;
	i->decided = true;
	i->title = title_lines;
	if (item_line) {
		/* The title part of "Title: Upheld" ("Title - Upheld.") ends before
		 * the colon (the dash). */
		struct imr_line t = decision_line;
		t.end = decision_line.rest;
		i->title = title_lines ? imr_text_append(a, title_lines, t) : imr_text_new(a, t);
	}
	return i;
}

struct imr_issue *imr_issue_undecided(struct imr_arena *a, struct imr_span span,
                                      struct imr_text *title)
{
	struct imr_issue *i = NEW(a, struct imr_issue, IMR_N_ISSUE);
	i->node.span = span;
	i->title = title;
	return i;
}

struct imr_document *imr_document_new(struct imr_arena *a, enum imr_variant variant)
{
	struct imr_document *d = NEW(a, struct imr_document, IMR_N_DOCUMENT);
	d->variant = variant;
	return d;
}

void imr_document_add_issue(struct imr_arena *a, struct imr_document *d, struct imr_issue *i)
{
	d->issues = imr_arena_grow(a, d->issues, &d->issue_capacity, d->issue_count + 1,
	                           sizeof *d->issues);
	d->issues[d->issue_count++] = i;
}

void imr_document_add_entry(struct imr_arena *a, struct imr_document *d, unsigned list,
                            struct imr_text *entry)
{
	d->entries = imr_arena_grow(a, d->entries, &d->entry_capacity, d->entry_count + 1,
	                            sizeof *d->entries);
	d->entries[d->entry_count++] = (struct imr_decision_entry){list, entry};
}

void imr_document_set_part(struct imr_document *d, enum imr_part part, struct imr_text *text)
{
	d->parts[part] = text;
}

void imr_issue_set_part(struct imr_issue *i, enum imr_item_part part, struct imr_text *text)
{
	i->parts[part] = text;
}

/* The text of each part of kind FACTS, from its own field; a TEXT part's
 * is in parts[]. */
typedef const struct imr_text *issue_text_fn(const struct imr_issue *i);

static const struct imr_text *issue_TITLE(const struct imr_issue *i)
{
	return i->title;
}

static const struct imr_text *issue_CLAIMS_GUIDELINE(const struct imr_issue *i)
{
	return i->claims ? i->claims->text : NULL;
}

static const struct imr_text *issue_MAXIMUS_GUIDELINE(const struct imr_issue *i)
{
	return i->maximus ? i->maximus->text : NULL;
}

static const struct imr_text *issue_RATIONALE(const struct imr_issue *i)
{
	return i->rationale;
}

#define ISSUE_TEXT_TEXT(id) NULL
#define ISSUE_TEXT_FACTS(id) issue_##id
#define ISSUE_TEXT_ROW(id, xml, words, kind) [IMR_ITEM_PART_##id] = ISSUE_TEXT_##kind(id),
static issue_text_fn *const issue_text[IMR_ITEM_PART_COUNT] = {IMR_ITEM_PARTS(ISSUE_TEXT_ROW)};

const struct imr_text *imr_issue_part(const struct imr_issue *i, enum imr_item_part part)
{
	return issue_text[part] ? issue_text[part](i) : i->parts[part];
}

void imr_document_add_unparsed(struct imr_arena *a, struct imr_document *d, struct imr_span s)
{
	d->unparsed = imr_arena_grow(a, d->unparsed, &d->unparsed_capacity, d->unparsed_count + 1,
	                             sizeof *d->unparsed);
	d->unparsed[d->unparsed_count++] = s;
}

/* ---- dump ---- */

static void dump_span(const struct imr_source *src, struct imr_span s, FILE *out)
{
	fprintf(out, "@%u:%u", imr_source_line(src, s.start), imr_source_column(src, s.start));
}

static void dump_quoted(const struct imr_source *src, uint32_t start, uint32_t end, FILE *out)
{
	fputc('"', out);
	size_t n = end - start;
	if (n > 60) {
		fwrite(src->text + start, 1, 57, out);
		fputs("...", out);
	} else {
		fwrite(src->text + start, 1, n, out);
	}
	fputc('"', out);
}

static void dump_text(const char *what, const struct imr_text *t, const struct imr_source *src,
                      int depth, FILE *out)
{
	fprintf(out, "%*s%s", depth * 2, "", what);
	if (!t) {
		fputs(" (none)\n", out);
		return;
	}
	fprintf(out, " %zu line(s) ", t->count);
	dump_span(src, t->node.span, out);
	fputc('\n', out);
	for (size_t i = 0; i < t->count; i++) {
		fprintf(out, "%*s%s", depth * 2 + 2, "", t->lines[i].para_break ? "| " : "  ");
		dump_quoted(src, t->lines[i].start, t->lines[i].end, out);
		fputc('\n', out);
	}
}

/* Each part under its XML element's name (vocab.h's IMR_PARTS), in the
 * table's order: a TEXT part by dump_text_part, the others by their own
 * dump_<ID> below. */
typedef void dump_fn(const struct imr_document *d, enum imr_part part,
                     const struct imr_source *src, FILE *out);

/* A part that is lines of text: its name, then its lines. */
static void dump_part_lines(enum imr_part part, const struct imr_text *t,
                            const struct imr_source *src, FILE *out)
{
	if (!t)
		return;
	fprintf(out, "  %s", imr_part_xml(part));
	dump_text("", t, src, 0, out);
}

/* A section with parts of its own: its name and span, its text. */
static void dump_part_head(enum imr_part part, struct imr_span span, const struct imr_text *text,
                           const struct imr_source *src, FILE *out)
{
	fprintf(out, "  %s ", imr_part_xml(part));
	dump_span(src, span, out);
	fputc('\n', out);
	dump_text("text", text, src, 2, out);
}

static void dump_text_part(const struct imr_document *d, enum imr_part part,
                           const struct imr_source *src, FILE *out)
{
	dump_part_lines(part, d->parts[part], src, out);
}

static void dump_REVIEWER(const struct imr_document *d, enum imr_part part,
                          const struct imr_source *src, FILE *out)
{
	if (!d->reviewer)
		return;
	dump_part_head(part, d->reviewer->node.span, d->reviewer->text, src, out);
	for (size_t i = 0; i < d->reviewer->count; i++)
		dump_text(d->reviewer->credentials[i]->label == IMR_LICENSURE ? "licensure"
		                                                              : "certification",
		          d->reviewer->credentials[i]->text, src, 2, out);
}

static void dump_DOCUMENTS(const struct imr_document *d, enum imr_part part,
                           const struct imr_source *src, FILE *out)
{
	dump_part_lines(part, d->documents, src, out);
}

static void dump_SUMMARY(const struct imr_document *d, enum imr_part part,
                         const struct imr_source *src, FILE *out)
{
	if (d->summary)
		dump_part_head(part, d->summary->node.span, d->summary->text, src, out);
}

/* The items, with what decides them or is shared by them: a notice's
 * numbered decisions, a professional review's guideline and rationale. */
static void dump_ISSUES(const struct imr_document *d, enum imr_part part,
                        const struct imr_source *src, FILE *out)
{
	(void)part;
	for (size_t i = 0; i < d->entry_count; i++) {
		const struct imr_decision_entry *e = &d->entries[i];
		fprintf(out, "  decision-entry list=%u n=%u", e->list, e->text->lines[0].id);
		dump_text("", e->text, src, 0, out);
	}
	if (d->shared_guideline)
		dump_text("  shared-guideline", d->shared_guideline->text, src, 0, out);
	if (d->shared_rationale)
		dump_text("  shared-rationale", d->shared_rationale, src, 0, out);
	for (size_t i = 0; i < d->issue_count; i++) {
		const struct imr_issue *is = d->issues[i];
		fprintf(out, "  issue %zu %s ", i + 1,
		        !is->decided ? "undecided" : is->decision == IMR_UPHELD ? "upheld" : "overturned");
		if (is->number)
			fprintf(out, "n=%u ", is->number);
		dump_span(src, is->node.span, out);
		fputc('\n', out);
		/* Its parts under their elements' names (vocab.h's IMR_ITEM_PARTS):
		 * one of kind FACTS always (its absence says error recovery
		 * skipped it), one of kind TEXT when the letter has it. */
		for (size_t k = 0; k < IMR_ITEM_PART_COUNT; k++) {
			const struct imr_text *t = imr_issue_part(is, (enum imr_item_part)k);
			if (t || imr_item_part_kind((enum imr_item_part)k) != IMR_PART_TEXT)
				dump_text(imr_item_part_xml((enum imr_item_part)k), t, src, 2, out);
		}
	}
}

#define DUMP_TEXT(id) dump_text_part
#define DUMP_FACTS(id) dump_##id
#define DUMP_ITEMS(id) dump_##id
#define DUMP_ROW(id, xml, words, kind) [IMR_PART_##id] = DUMP_##kind(id),
static dump_fn *const dump_part[IMR_PART_COUNT] = {IMR_PARTS(DUMP_ROW)};

void imr_ast_dump(const struct imr_document *d, const struct imr_source *src, FILE *out)
{
	fprintf(out, "document variant=%s\n", imr_variant_name(d->variant));
	if (d->header) {
		fprintf(out, "  header ");
		dump_span(src, d->header->node.span, out);
		fputc('\n', out);
		for (size_t i = 0; i < d->header->count; i++) {
			const struct imr_header_field *f = &d->header->fields[i];
			fprintf(out, "    %s =", imr_header_label_xml(f->label));
			for (size_t k = 0; k < f->value->count; k++) {
				fputc(' ', out);
				dump_quoted(src, f->value->lines[k].start, f->value->lines[k].end, out);
			}
			fputc('\n', out);
		}
	}
	for (size_t p = 0; p < IMR_PART_COUNT; p++)
		dump_part[p](d, (enum imr_part)p, src, out);
	for (size_t i = 0; i < d->unparsed_count; i++) {
		fputs("  unparsed ", out);
		dump_span(src, d->unparsed[i], out);
		fputc('\n', out);
	}
}
