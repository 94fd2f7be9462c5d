/* xml.c - serialize the determination with libxml2's tree API.
 * xmlNewTextChild escapes its content; xmlNewChild would not. */
#include "xml.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "imr2xml.h"

#define X(s) ((const xmlChar *)(s))

struct builder {
	xmlDocPtr doc;
	xmlNsPtr ns;
	bool oom;
};

static xmlNodePtr child(struct builder *b, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewTextChild(parent, b->ns, X(name), text ? X(text) : NULL);
	if (!n)
		b->oom = true;
	return n;
}

static void prop(struct builder *b, xmlNodePtr n, const char *name, const char *value)
{
	if (n && !xmlNewProp(n, X(name), X(value)))
		b->oom = true;
}

static void prop_int(struct builder *b, xmlNodePtr n, const char *name, long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	prop(b, n, name, buf);
}

static void prop_date(struct builder *b, xmlNodePtr n, const char *name, const struct imr_date *d)
{
	char buf[11];
	imr_date_iso(d, buf);
	prop(b, n, name, buf);
}

static void strings(struct builder *b, xmlNodePtr parent, const char *name, const struct imr_strings *l)
{
	for (size_t i = 0; i < l->count; i++)
		child(b, parent, name, l->items[i]);
}

static void build_header(struct builder *b, xmlNodePtr root, const struct imr_determination *d)
{
	xmlNodePtr h = child(b, root, "header", NULL);
	for (int l = 0; l < IMR_HEADER_LABEL_COUNT; l++) {
		const char *name = imr_header_label_xml((enum imr_header_label)l);
		const char *text = d->header_text[l];
		if (!text)
			continue;
		char buf[11];
		switch ((enum imr_header_label)l) {
		case IMR_CASE_NUMBER:
		case IMR_EMPLOYEE_NAME:
		case IMR_CLAIM_NUMBER:
		case IMR_PROVIDER_NAME:
			child(b, h, name, text);
			break;
		case IMR_TREATMENTS:
			if (d->treatments.count)
				strings(b, child(b, h, name, NULL), "treatment", &d->treatments);
			break;
		case IMR_PRIORITY:
			if (d->priority != IMR_PRIORITY_UNKNOWN)
				child(b, h, name, d->priority == IMR_EXPEDITED ? "expedited" : "standard");
			break;
		case IMR_DATE_ASSIGNED:
		case IMR_DECISION_DATE:
		case IMR_DATE_OF_INJURY:
		case IMR_UR_DENIAL_DATE:
		case IMR_APPLICATION_RECEIVED:
			if (d->header_date[l].year) {
				imr_date_iso(&d->header_date[l], buf);
				child(b, h, name, buf);
			}
			break;
		case IMR_HEADER_LABEL_COUNT:
			break;
		}
	}
}

static void build_guideline(struct builder *b, xmlNodePtr issue, const char *name,
                            const struct imr_guideline_facts *g)
{
	xmlNodePtr n = child(b, issue, name, NULL);
	prop(b, n, "cited", g->cited ? "true" : "false");
	if (g->text && *g->text)
		child(b, n, "p", g->text);
	for (size_t i = 0; i < g->count; i++) {
		const struct imr_citation *c = &g->citations[i];
		xmlNodePtr cn = child(b, n, "citation", NULL);
		prop(b, cn, "body", imr_body_name(c->body));
		if (c->document)
			prop(b, cn, "document", c->document);
		if (c->chapter)
			prop(b, cn, "chapter", c->chapter);
		if (c->year)
			prop_int(b, cn, "year", c->year);
		strings(b, cn, "section", &c->sections);
		if (c->topic)
			child(b, cn, "topic", c->topic);
		if (c->page_count) {
			xmlNodePtr pages = child(b, cn, "pages", NULL);
			for (size_t k = 0; k < c->page_count; k++) {
				xmlNodePtr r = child(b, pages, "range", NULL);
				prop_int(b, r, "first", c->pages[k].first);
				prop_int(b, r, "last", c->pages[k].last);
			}
		}
	}
}

static void build_issue(struct builder *b, xmlNodePtr issues, size_t n, const struct imr_issue_facts *f)
{
	xmlNodePtr is = child(b, issues, "issue", NULL);
	prop_int(b, is, "n", (long)n);
	prop(b, is, "decision", f->decision == IMR_UPHELD ? "upheld" : "overturned");
	prop_int(b, is, "line", f->line);
	if (!f->complete)
		prop(b, is, "complete", "false");
	child(b, is, "service", f->service);
	/* The whole title, when the service is only part of it. */
	if (f->title && strcmp(f->title, f->service) != 0)
		child(b, is, "title", f->title);
	if (f->original_request)
		child(b, is, "originalRequest", f->original_request);
	if (f->authorized)
		child(b, is, "authorized", f->authorized);
	if (f->claims.present)
		build_guideline(b, is, "claimsAdministratorGuideline", &f->claims);
	if (f->maximus.present)
		build_guideline(b, is, "maximusGuideline", &f->maximus);
	if (f->rationale.count) {
		xmlNodePtr r = child(b, is, "rationale", NULL);
		if (f->conclusion != IMR_CONCLUSION_NONE)
			prop(b, r, "conclusion",
			     f->conclusion == IMR_NECESSARY ? "medically-necessary" : "not-medically-necessary");
		strings(b, r, "p", &f->rationale);
	}
}

xmlDocPtr imr_xml_build(const struct imr_determination *d)
{
	struct builder b = {.doc = xmlNewDoc(X("1.0"))};
	if (!b.doc)
		return NULL;
	xmlNodePtr root = xmlNewDocNode(b.doc, NULL, X("determination"), NULL);
	if (!root) {
		xmlFreeDoc(b.doc);
		return NULL;
	}
	xmlDocSetRootElement(b.doc, root);
	b.ns = xmlNewNs(root, X(IMR2XML_NAMESPACE), NULL);
	xmlSetNs(root, b.ns);
	prop(&b, root, "variant", imr_variant_name(d->variant));
	if (!d->complete)
		prop(&b, root, "complete", "false");

	if (d->has_header)
		build_header(&b, root, d);
	if (d->letter.count)
		strings(&b, child(&b, root, "letter", NULL), "p", &d->letter);
	/* The three sections are always there; a partial determination may
	 * have them empty (the schema's rule). */
	xmlNodePtr r = child(&b, root, "reviewer", NULL);
	if (d->has_reviewer) {
		prop(&b, r, "role", d->physician ? "physician" : "expert");
		strings(&b, r, "certification", &d->certifications);
		strings(&b, r, "subspecialty", &d->subspecialties);
		for (size_t i = 0; i < d->licenses.count; i++)
			prop(&b, child(&b, r, "license", NULL), "state", d->licenses.items[i]);
		strings(&b, r, "p", &d->reviewer_text);
	}
	if (d->has_records) {
		xmlNodePtr recs = child(&b, root, "documentsReviewed", NULL);
		for (size_t i = 0; i < d->record_count; i++) {
			const struct imr_record *rec = &d->records[i];
			xmlNodePtr n = child(&b, recs, "document", rec->text);
			if (rec->date.year)
				prop_date(&b, n, "date", &rec->date);
			if (rec->from.year) {
				prop_date(&b, n, "from", &rec->from);
				prop_date(&b, n, "to", &rec->to);
			}
		}
	}
	xmlNodePtr s = child(&b, root, "caseSummary", NULL);
	if (d->has_summary) {
		if (d->age >= 0 || d->sex != IMR_SEX_UNKNOWN) {
			xmlNodePtr p = child(&b, s, "patient", NULL);
			if (d->age >= 0)
				prop_int(&b, p, "age", d->age);
			if (d->sex != IMR_SEX_UNKNOWN)
				prop(&b, p, "sex", d->sex == IMR_MALE ? "male" : "female");
		}
		if (d->injury.year)
			prop_date(&b, child(&b, s, "injury", NULL), "date", &d->injury);
		for (size_t i = 0; i < d->ur_count; i++)
			prop_date(&b, child(&b, s, "utilizationReview", NULL), "date", &d->ur_dates[i]);
		strings(&b, s, "diagnosis", &d->diagnoses);
		strings(&b, s, "p", &d->summary_text);
	}
	xmlNodePtr issues = child(&b, root, "issues", NULL);
	for (size_t i = 0; i < d->issue_count; i++)
		build_issue(&b, issues, i + 1, &d->issues[i]);
	for (size_t i = 0; i < d->unparsed_count; i++)
		prop_int(&b, child(&b, root, "unparsed", d->unparsed[i].text), "line", d->unparsed[i].line);
	if (b.oom) {
		xmlFreeDoc(b.doc);
		return NULL;
	}
	return b.doc;
}
