/* xml.c - the determination as XML, one writer call per element or
 * attribute, in the order the schema sets (the writer is in output.c;
 * a NULL string there is an absent optional attribute or element). */
#include "xml.h"

#include <string.h>

#include "date.h"
#include "extract.h"
#include "imr2xml.h"
#include "request_xml.h"

static void attr_date(struct imr_xml_writer *w, const char *name, const struct imr_date *d)
{
	char buf[11];
	imr_date_iso(d, buf);
	imr_xml_attr(w, name, buf);
}

/* Where a fact was read: @line, and @page when the input has pages. */
static void attr_pos(struct imr_xml_writer *w, struct imr_pos p)
{
	if (p.line)
		imr_xml_attr_int(w, "line", p.line);
	if (p.page)
		imr_xml_attr_int(w, "page", p.page);
}

/* An element of text read at p (NULL text: none). */
static void element_at(struct imr_xml_writer *w, const char *name, const char *text, struct imr_pos p)
{
	if (!text)
		return;
	imr_xml_start(w, name);
	attr_pos(w, p);
	imr_xml_text(w, text);
	imr_xml_end(w);
}

static void element_date(struct imr_xml_writer *w, const char *name, const struct imr_date *d,
                         struct imr_pos p)
{
	char buf[11];
	imr_date_iso(d, buf);
	element_at(w, name, buf, p);
}

static struct imr_pos pos_of(const struct imr_strings *l, size_t i)
{
	return l->pos ? l->pos[i] : (struct imr_pos){0, 0};
}

static void strings(struct imr_xml_writer *w, const char *name, const struct imr_strings *l)
{
	for (size_t i = 0; i < l->count; i++)
		element_at(w, name, l->items[i], pos_of(l, i));
}

/* A part of paragraphs under its element; nothing when it has none. */
static void paragraphs(struct imr_xml_writer *w, const char *name, const struct imr_strings *l)
{
	if (!l->count)
		return;
	imr_xml_start(w, name);
	strings(w, "p", l);
	imr_xml_end(w);
}

static void write_header(struct imr_xml_writer *w, const struct imr_determination *d)
{
	imr_xml_start(w, "header");
	for (int l = 0; l < IMR_HEADER_LABEL_COUNT; l++) {
		const char *name = imr_header_label_xml((enum imr_header_label)l);
		const char *text = d->header_text[l];
		struct imr_pos at = d->header_pos[l];
		if (!text)
			continue;
		switch ((enum imr_header_label)l) {
		case IMR_CASE_NUMBER:
		case IMR_EMPLOYEE_NAME:
		case IMR_CLAIM_NUMBER:
		case IMR_PROVIDER_NAME:
			element_at(w, name, text, at);
			break;
		case IMR_TREATMENTS:
			if (d->treatments.count) {
				imr_xml_start(w, name);
				attr_pos(w, at);
				strings(w, "treatment", &d->treatments);
				imr_xml_end(w);
			}
			break;
		case IMR_PRIORITY:
			if (d->priority != IMR_PRIORITY_UNKNOWN)
				element_at(w, name, d->priority == IMR_EXPEDITED ? "expedited" : "standard", at);
			break;
		case IMR_DATE_ASSIGNED:
		case IMR_DECISION_DATE:
		case IMR_DATE_OF_INJURY:
		case IMR_UR_DENIAL_DATE:
		case IMR_APPLICATION_RECEIVED:
			if (d->header_date[l].year)
				element_date(w, name, &d->header_date[l], at);
			break;
		case IMR_HEADER_LABEL_COUNT:
			break;
		}
	}
	imr_xml_end(w);
}

static void write_citation(struct imr_xml_writer *w, const struct imr_citation *c)
{
	imr_xml_start(w, "citation");
	imr_xml_attr(w, "body", imr_body_name(c->body));
	imr_xml_attr(w, "document", c->document);
	imr_xml_attr(w, "chapter", c->chapter);
	if (c->year)
		imr_xml_attr_int(w, "year", c->year);
	attr_pos(w, c->pos);
	strings(w, "section", &c->sections);
	element_at(w, "topic", c->topic, c->topic_pos);
	if (c->page_count) {
		imr_xml_start(w, "pages");
		for (size_t k = 0; k < c->page_count; k++) {
			imr_xml_start(w, "range");
			imr_xml_attr_int(w, "first", c->pages[k].first);
			imr_xml_attr_int(w, "last", c->pages[k].last);
			imr_xml_end(w);
		}
		imr_xml_end(w);
	}
	imr_xml_end(w);
}

static void write_guideline(struct imr_xml_writer *w, const char *name, const struct imr_guideline_facts *g)
{
	imr_xml_start(w, name);
	imr_xml_attr(w, "cited", g->cited ? "true" : "false");
	if (g->text && *g->text)
		element_at(w, "p", g->text, g->pos);
	for (size_t i = 0; i < g->count; i++)
		write_citation(w, &g->citations[i]);
	imr_xml_end(w);
}

static void write_warnings(struct imr_xml_writer *w, const struct imr_determination *d, size_t item);

/* Each part of an item under its element (vocab.h's IMR_ITEM_PARTS), in
 * the table's order, which is the schema's: a TEXT part by
 * write_item_text, the others by their own write_item_<ID> below (the
 * table's NULL is write_item_text: no item part need be of kind TEXT). */
typedef void write_item_fn(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                           enum imr_item_part part);

static void write_item_text(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                            enum imr_item_part part)
{
	paragraphs(w, imr_item_part_xml(part), &f->parts[part]);
}

/* The service and its request, then the whole title when the service is
 * only part of it. */
static void write_item_TITLE(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                             enum imr_item_part part)
{
	element_at(w, "service", f->service, f->service_pos);
	if (f->has_request)
		imr_request_xml(w, &f->request,
		                f->request_where ? &(struct imr_request_where){f->request_where, f->request_at}
		                                 : NULL);
	if (f->title && strcmp(f->title, f->service) != 0)
		element_at(w, imr_item_part_xml(part), f->title, f->title_pos);
	element_at(w, "originalRequest", f->original_request, f->original_pos);
	element_at(w, "authorized", f->authorized, f->authorized_pos);
}

static void write_item_CLAIMS_GUIDELINE(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                                        enum imr_item_part part)
{
	if (f->claims.present)
		write_guideline(w, imr_item_part_xml(part), &f->claims);
}

static void write_item_MAXIMUS_GUIDELINE(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                                         enum imr_item_part part)
{
	if (f->maximus.present)
		write_guideline(w, imr_item_part_xml(part), &f->maximus);
}

static void write_item_RATIONALE(struct imr_xml_writer *w, const struct imr_issue_facts *f,
                                 enum imr_item_part part)
{
	if (!f->rationale.count)
		return;
	imr_xml_start(w, imr_item_part_xml(part));
	if (f->conclusion != IMR_CONCLUSION_NONE)
		imr_xml_attr(w, "conclusion",
		             f->conclusion == IMR_NECESSARY ? "medically-necessary" : "not-medically-necessary");
	strings(w, "p", &f->rationale);
	imr_xml_end(w);
}

#define WRITE_ITEM_TEXT(id) NULL
#define WRITE_ITEM_FACTS(id) write_item_##id
#define WRITE_ITEM_ROW(id, xml, words, kind) [IMR_ITEM_PART_##id] = WRITE_ITEM_##kind(id),
static write_item_fn *const write_item_part[IMR_ITEM_PART_COUNT] = {
	IMR_ITEM_PARTS(WRITE_ITEM_ROW)};

static void write_issue(struct imr_xml_writer *w, const struct imr_determination *d, size_t n)
{
	const struct imr_issue_facts *f = &d->issues[n - 1];
	imr_xml_start(w, "issue");
	imr_xml_attr_int(w, "n", (long)n);
	imr_xml_attr(w, "decision", f->decision == IMR_UPHELD ? "upheld" : "overturned");
	attr_pos(w, (struct imr_pos){f->line, f->page});
	if (!f->complete)
		imr_xml_attr(w, "complete", "false");
	if (f->has_request)
		imr_request_xml_class(w, &f->request);
	for (size_t p = 0; p < IMR_ITEM_PART_COUNT; p++)
		(write_item_part[p] ? write_item_part[p] : write_item_text)(w, f, (enum imr_item_part)p);
	write_warnings(w, d, n);
	imr_xml_end(w);
}

/* The warnings of the document (item 0) or of one item. */
static void write_warnings(struct imr_xml_writer *w, const struct imr_determination *d, size_t item)
{
	for (size_t i = 0; i < d->warning_count; i++) {
		const struct imr_warning *x = &d->warnings[i];
		if (x->item != item)
			continue;
		imr_xml_start(w, "warning");
		imr_xml_attr(w, "code", imr_warning_name(x->code));
		if (x->line)
			imr_xml_attr_int(w, "line", x->line);
		imr_xml_text(w, x->message);
		imr_xml_end(w);
	}
}

static const char *const outcomes[] = {
	[IMR_OUTCOME_NONE] = NULL, [IMR_OUTCOME_UPHELD] = "upheld",
	[IMR_OUTCOME_OVERTURNED] = "overturned", [IMR_OUTCOME_PARTIAL] = "partially-overturned",
};

/* Each part of the letter under its element (vocab.h's IMR_PARTS), in
 * the table's order, which is the schema's: a TEXT part by
 * write_text_part, the others by their own write_<ID> below. */
typedef void write_fn(struct imr_xml_writer *w, const struct imr_determination *d,
                      enum imr_part part);

static void write_text_part(struct imr_xml_writer *w, const struct imr_determination *d,
                            enum imr_part part)
{
	paragraphs(w, imr_part_xml(part), &d->parts[part]);
}

/* The reviewer, the summary and the items are always there; a partial
 * determination may have them empty (the schema's rule). */
static void write_REVIEWER(struct imr_xml_writer *w, const struct imr_determination *d,
                           enum imr_part part)
{
	imr_xml_start(w, imr_part_xml(part));
	if (d->has_reviewer) {
		imr_xml_attr(w, "role", d->physician ? "physician" : "expert");
		strings(w, "certification", &d->certifications);
		strings(w, "subspecialty", &d->subspecialties);
		for (size_t i = 0; i < d->licenses.count; i++) {
			imr_xml_start(w, "license");
			imr_xml_attr(w, "state", d->licenses.items[i]);
			attr_pos(w, pos_of(&d->licenses, i));
			imr_xml_end(w);
		}
		strings(w, "p", &d->reviewer_text);
	}
	imr_xml_end(w);
}

static void write_DOCUMENTS(struct imr_xml_writer *w, const struct imr_determination *d,
                            enum imr_part part)
{
	if (!d->has_records)
		return;
	imr_xml_start(w, imr_part_xml(part));
	for (size_t i = 0; i < d->record_count; i++) {
		const struct imr_record *rec = &d->records[i];
		imr_xml_start(w, "document");
		if (rec->date.year)
			attr_date(w, "date", &rec->date);
		if (rec->from.year) {
			attr_date(w, "from", &rec->from);
			attr_date(w, "to", &rec->to);
		}
		attr_pos(w, (struct imr_pos){rec->line, rec->page});
		imr_xml_text(w, rec->text);
		imr_xml_end(w);
	}
	imr_xml_end(w);
}

static void write_SUMMARY(struct imr_xml_writer *w, const struct imr_determination *d,
                          enum imr_part part)
{
	imr_xml_start(w, imr_part_xml(part));
	if (d->has_summary) {
		if (d->age >= 0 || d->sex != IMR_SEX_UNKNOWN) {
			imr_xml_start(w, "patient");
			if (d->age >= 0)
				imr_xml_attr_int(w, "age", d->age);
			if (d->sex != IMR_SEX_UNKNOWN)
				imr_xml_attr(w, "sex", d->sex == IMR_MALE ? "male" : "female");
			attr_pos(w, d->patient_pos);
			imr_xml_end(w);
		}
		if (d->injury.year) {
			imr_xml_start(w, "injury");
			attr_date(w, "date", &d->injury);
			attr_pos(w, d->injury_pos);
			imr_xml_end(w);
		}
		for (size_t i = 0; i < d->ur_count; i++) {
			imr_xml_start(w, "utilizationReview");
			attr_date(w, "date", &d->ur_dates[i]);
			attr_pos(w, d->ur_pos[i]);
			imr_xml_end(w);
		}
		for (size_t i = 0; i < d->diagnoses.count; i++) {
			imr_xml_start(w, "diagnosis");
			if (i < d->diagnosis_codes.count)
				imr_xml_attr(w, "code", d->diagnosis_codes.items[i]);
			attr_pos(w, pos_of(&d->diagnoses, i));
			imr_xml_text(w, d->diagnoses.items[i]);
			imr_xml_end(w);
		}
		for (size_t i = 0; i < d->medication_count; i++) {
			const struct imr_medication *m = &d->medications[i];
			imr_xml_start(w, "medication");
			imr_xml_attr(w, "class", m->drug_class);
			imr_xml_attr(w, "generic", m->generic);
			imr_xml_attr(w, "form", m->form);
			attr_pos(w, m->pos);
			imr_xml_text(w, m->text);
			imr_xml_end(w);
		}
		strings(w, "p", &d->summary_text);
	}
	imr_xml_end(w);
}

static void write_ISSUES(struct imr_xml_writer *w, const struct imr_determination *d,
                         enum imr_part part)
{
	imr_xml_start(w, imr_part_xml(part));
	for (size_t i = 0; i < d->issue_count; i++)
		write_issue(w, d, i + 1);
	imr_xml_end(w);
}

#define WRITE_TEXT(id) write_text_part
#define WRITE_FACTS(id) write_##id
#define WRITE_ITEMS(id) write_##id
#define WRITE_ROW(id, xml, words, kind) [IMR_PART_##id] = WRITE_##kind(id),
static write_fn *const write_part[IMR_PART_COUNT] = {IMR_PARTS(WRITE_ROW)};

/* Where the XML came from: the root's. */
static void attr_provenance(struct imr_xml_writer *w, const struct imr_determination *d)
{
	imr_xml_attr(w, "source", d->source);
	imr_xml_attr(w, "sha256", d->sha256);
	imr_xml_attr(w, "generator", "imr2xml " IMR2XML_VERSION);
}

/* A letter: the root (letter 0: the input holds it alone), or the
 * letter-th of <determinations>. */
static void write_determination(struct imr_xml_writer *w, const struct imr_determination *d,
                                unsigned letter)
{
	if (letter) {
		imr_xml_start(w, "determination");
		imr_xml_attr_int(w, "letter", letter);
	} else {
		imr_xml_start_ns(w, "determination", IMR2XML_NAMESPACE);
	}
	imr_xml_attr(w, "variant", imr_variant_name(d->variant));
	if (!d->complete)
		imr_xml_attr(w, "complete", "false");
	imr_xml_attr(w, "outcome", outcomes[d->outcome]);
	if (!letter)
		attr_provenance(w, d);

	if (d->has_header)
		write_header(w, d);
	for (size_t p = 0; p < IMR_PART_COUNT; p++)
		write_part[p](w, d, (enum imr_part)p);
	write_warnings(w, d, 0);

	for (size_t i = 0; i < d->unparsed_count; i++) {
		imr_xml_start(w, "unparsed");
		imr_xml_attr_int(w, "line", d->unparsed[i].line);
		unsigned page = imr_line_page(d, d->unparsed[i].line);
		if (page)
			imr_xml_attr_int(w, "page", page);
		imr_xml_text(w, d->unparsed[i].text);
		imr_xml_end(w);
	}
	imr_xml_end(w);
}

void imr_xml_write(struct imr_xml_writer *w, const struct imr_determination *d, size_t letters)
{
	if (letters == 1) {
		write_determination(w, d, 0);
		return;
	}
	imr_xml_start_ns(w, "determinations", IMR2XML_NAMESPACE);
	imr_xml_attr_int(w, "letters", (long)letters);
	attr_provenance(w, d);
	for (size_t k = 0; k < letters; k++)
		write_determination(w, &d[k], (unsigned)k + 1);
	imr_xml_end(w);
}
