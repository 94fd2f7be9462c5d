/* request_xml.c - a request as XML (see request_xml.h).  Each part is an
 * element whose attributes are its values and whose text is the title's
 * words, written with the one-pass writer of output.c: a part's element
 * is opened, its attributes added, then its text closes it. */
#include "request_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* A part's @line and @page (where NULL: none), then the words of its span
 * of the title as the element's text (control characters, which XML
 * forbids, as blanks), and its end. */
static void words(struct imr_xml_writer *w, const char *title, struct imr_rq_span s,
                  const struct imr_request_where *where)
{
	if (where) {
		struct imr_pos p = imr_joined_pos(where->joined, where->at + s.start);
		if (p.line)
			imr_xml_attr_int(w, "line", p.line);
		if (p.page)
			imr_xml_attr_int(w, "page", p.page);
	}
	char small[256];
	size_t n = s.end - s.start;
	char *buf = n < sizeof small ? small : malloc(n + 1);
	if (buf) {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)title[s.start + i];
			buf[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
		}
		buf[n] = '\0';
		imr_xml_text(w, buf);
		if (buf != small)
			free(buf);
	}
	imr_xml_end(w);
}

static void attr_range(struct imr_xml_writer *w, const char *name, int lo, int hi)
{
	char buf[32];
	if (lo == hi)
		snprintf(buf, sizeof buf, "%d", lo);
	else
		snprintf(buf, sizeof buf, "%d-%d", lo, hi);
	imr_xml_attr(w, name, buf);
}

static void attr_date(struct imr_xml_writer *w, const char *name, const struct imr_date *d)
{
	char buf[11];
	imr_date_iso(d, buf);
	imr_xml_attr(w, name, buf);
}

void imr_request_xml_class(struct imr_xml_writer *w, const struct imr_request *r)
{
	imr_xml_attr(w, "category", imr_category_token(r->category));
	imr_xml_attr(w, "subcategory", imr_subcategory_token(r->subcategory));
}

void imr_request_xml(struct imr_xml_writer *w, const struct imr_request *r,
                     const struct imr_request_where *where)
{
	const char *t = r->title;
	imr_xml_start(w, "request");
	if (r->retrospective)
		imr_xml_attr(w, "retrospective", "true");
	imr_xml_attr(w, "laterality", imr_laterality_token(r->laterality));
	imr_xml_attr(w, "perioperative", imr_periop_token(r->periop));
	if (r->has_name) {
		imr_xml_start(w, "name");
		imr_xml_attr(w, "generic", r->generic);
		words(w, t, r->name_span, where);
	}
	for (size_t i = 0; i < r->strength_count; i++) {
		const struct imr_rq_strength *s = &r->strengths[i];
		imr_xml_start(w, "strength");
		imr_xml_attr(w, "value", s->value);
		imr_xml_attr(w, "unit", s->unit);
		if (s->has_ingredient) {
			char ing[128];
			size_t n = s->ingredient.end - s->ingredient.start;
			snprintf(ing, sizeof ing, "%.*s", (int)(n < sizeof ing ? n : sizeof ing - 1),
			         t + s->ingredient.start);
			imr_xml_attr(w, "ingredient", ing);
		}
		words(w, t, s->span, where);
	}
	if (r->has_form) {
		imr_xml_start(w, "form");
		imr_xml_attr(w, "form", r->form);
		words(w, t, r->form_span, where);
	}
	const struct imr_rq_quantity *q = &r->quantity;
	if (q->present) {
		imr_xml_start(w, "quantity");
		imr_xml_attr(w, "value", q->value.text);
		imr_xml_attr(w, "unit", q->unit);
		imr_xml_attr(w, "form", q->form);
		words(w, t, q->span, where);
	}
	if (r->dose.present) {
		imr_xml_start(w, "dose");
		imr_xml_attr(w, "value", r->dose.value.text);
		imr_xml_attr(w, "unit", r->dose.unit);
		imr_xml_attr(w, "form", r->dose.form);
		words(w, t, r->dose.span, where);
	}
	if (r->has_refills) {
		imr_xml_start(w, "refills");
		attr_range(w, "count", r->refills, r->refills);
		words(w, t, r->refills_span, where);
	}
	const struct imr_rq_frequency *f = &r->frequency;
	if (f->present) {
		imr_xml_start(w, "frequency");
		if (f->times_lo)
			attr_range(w, "times", f->times_lo, f->times_hi);
		if (f->every_lo)
			attr_range(w, "every", f->every_lo, f->every_hi);
		imr_xml_attr(w, "per", imr_period_token(f->period));
		if (f->as_needed)
			imr_xml_attr(w, "asNeeded", "true");
		words(w, t, f->span, where);
	}
	if (r->duration.present) {
		imr_xml_start(w, "duration");
		attr_range(w, "count", r->duration.count_lo, r->duration.count_hi);
		imr_xml_attr(w, "unit", imr_period_token(r->duration.period));
		words(w, t, r->duration.span, where);
	}
	if (r->has_sessions) {
		imr_xml_start(w, "sessions");
		attr_range(w, "count", r->sessions, r->sessions);
		words(w, t, r->sessions_span, where);
	}
	for (size_t i = 0; i < r->region_count; i++) {
		const struct imr_rq_region *g = &r->regions[i];
		imr_xml_start(w, "bodyRegion");
		imr_xml_attr(w, "site", g->site);
		imr_xml_attr(w, "laterality", imr_laterality_token(g->laterality));
		if (g->spinal)
			imr_xml_attr(w, "spinal", "true");
		words(w, t, g->span, where);
	}
	for (size_t i = 0; i < r->level_count; i++) {
		imr_xml_start(w, "level");
		imr_xml_attr(w, "from", r->levels[i].from);
		imr_xml_attr(w, "to", r->levels[i].to);
		words(w, t, r->levels[i].span, where);
	}
	if (r->has_dos) {
		imr_xml_start(w, "dateOfService");
		attr_date(w, "date", &r->dos);
		if (r->dos_end.year)
			attr_date(w, "end", &r->dos_end);
		words(w, t, r->dos_span, where);
	}
	imr_xml_end(w);
}

void imr_medication_xml(struct imr_xml_writer *w, const char *text, const struct imr_drug_mention *m)
{
	imr_xml_start(w, "medication");
	imr_xml_attr(w, "class", imr_subcategory_token(m->drug_class));
	imr_xml_attr(w, "generic", m->drug->generic);
	imr_xml_attr(w, "form", m->form);
	words(w, text, m->span, NULL);
}
