/* request_xml.c - a request as XML (see request_xml.h).  Each part is an
 * element whose text is the title's words and whose attributes are its
 * values; xmlNewTextChild escapes the text (xmlNewChild would not). */
#include "request_xml.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

#define X(s) ((const xmlChar *)(s))

struct out {
	xmlNsPtr ns;
	const char *text;
	bool oom;
};

/* The text of a span, control characters (which XML forbids) as blanks. */
static xmlNodePtr part(struct out *o, xmlNodePtr parent, const char *name, struct imr_rq_span s)
{
	size_t n = s.end - s.start;
	char small[256];
	char *buf = n < sizeof small ? small : xmlMalloc(n + 1);
	if (!buf) {
		o->oom = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)o->text[s.start + i];
		buf[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	buf[n] = '\0';
	xmlNodePtr e = xmlNewTextChild(parent, o->ns, X(name), X(buf));
	if (buf != small)
		xmlFree(buf);
	if (!e)
		o->oom = true;
	return e;
}

static void prop(struct out *o, xmlNodePtr e, const char *name, const char *value)
{
	if (e && value && !xmlNewProp(e, X(name), X(value)))
		o->oom = true;
}

static void prop_range(struct out *o, xmlNodePtr e, const char *name, int lo, int hi)
{
	char buf[32];
	if (lo == hi)
		snprintf(buf, sizeof buf, "%d", lo);
	else
		snprintf(buf, sizeof buf, "%d-%d", lo, hi);
	prop(o, e, name, buf);
}

static void prop_int(struct out *o, xmlNodePtr e, const char *name, int v)
{
	prop_range(o, e, name, v, v);
}

static void prop_date(struct out *o, xmlNodePtr e, const char *name, const struct imr_date *d)
{
	char buf[11];
	imr_date_iso(d, buf);
	prop(o, e, name, buf);
}

bool imr_request_xml_class(xmlNodePtr node, const struct imr_request *r)
{
	struct out o = {0};
	prop(&o, node, "category", imr_category_token(r->category));
	prop(&o, node, "subcategory", imr_subcategory_token(r->subcategory));
	return !o.oom;
}

xmlNodePtr imr_request_xml(xmlNodePtr parent, xmlNsPtr ns, const struct imr_request *r)
{
	struct out o = {ns, r->title, false};
	xmlNodePtr q = xmlNewTextChild(parent, ns, X("request"), NULL);
	if (!q)
		return NULL;
	if (r->has_name)
		part(&o, q, "name", r->name_span);
	for (size_t i = 0; i < r->strength_count; i++) {
		const struct imr_rq_strength *s = &r->strengths[i];
		xmlNodePtr e = part(&o, q, "strength", s->span);
		prop(&o, e, "value", s->value);
		prop(&o, e, "unit", s->unit);
		if (s->has_ingredient) {
			char ing[128];
			size_t n = s->ingredient.end - s->ingredient.start;
			snprintf(ing, sizeof ing, "%.*s", (int)(n < sizeof ing ? n : sizeof ing - 1),
			         r->title + s->ingredient.start);
			prop(&o, e, "ingredient", ing);
		}
	}
	if (r->has_form)
		prop(&o, part(&o, q, "form", r->form_span), "form", r->form);
	const struct imr_rq_quantity *qt = &r->quantity;
	if (qt->present) {
		xmlNodePtr e = part(&o, q, "quantity", qt->span);
		prop(&o, e, "value", qt->value.text);
		prop(&o, e, "unit", qt->unit);
		prop(&o, e, "form", qt->form);
	}
	if (r->dose.present) {
		xmlNodePtr e = part(&o, q, "dose", r->dose.span);
		prop(&o, e, "value", r->dose.value.text);
		prop(&o, e, "unit", r->dose.unit);
		prop(&o, e, "form", r->dose.form);
	}
	if (r->has_refills)
		prop_int(&o, part(&o, q, "refills", r->refills_span), "count", r->refills);
	const struct imr_rq_frequency *f = &r->frequency;
	if (f->present) {
		xmlNodePtr e = part(&o, q, "frequency", f->span);
		if (f->times_lo)
			prop_range(&o, e, "times", f->times_lo, f->times_hi);
		if (f->every_lo)
			prop_range(&o, e, "every", f->every_lo, f->every_hi);
		prop(&o, e, "per", imr_period_token(f->period));
		if (f->as_needed)
			prop(&o, e, "asNeeded", "true");
	}
	if (r->duration.present) {
		xmlNodePtr e = part(&o, q, "duration", r->duration.span);
		prop_range(&o, e, "count", r->duration.count_lo, r->duration.count_hi);
		prop(&o, e, "unit", imr_period_token(r->duration.period));
	}
	if (r->has_sessions)
		prop_int(&o, part(&o, q, "sessions", r->sessions_span), "count", r->sessions);
	for (size_t i = 0; i < r->region_count; i++) {
		const struct imr_rq_region *g = &r->regions[i];
		xmlNodePtr e = part(&o, q, "bodyRegion", g->span);
		prop(&o, e, "site", g->site);
		prop(&o, e, "laterality", imr_laterality_token(g->laterality));
		if (g->spinal)
			prop(&o, e, "spinal", "true");
	}
	for (size_t i = 0; i < r->level_count; i++) {
		xmlNodePtr e = part(&o, q, "level", r->levels[i].span);
		prop(&o, e, "from", r->levels[i].from);
		prop(&o, e, "to", r->levels[i].to);
	}
	if (r->has_dos) {
		xmlNodePtr e = part(&o, q, "dateOfService", r->dos_span);
		prop_date(&o, e, "date", &r->dos);
		if (r->dos_end.year)
			prop_date(&o, e, "end", &r->dos_end);
	}
	if (r->retrospective)
		prop(&o, q, "retrospective", "true");
	prop(&o, q, "laterality", imr_laterality_token(r->laterality));
	prop(&o, q, "perioperative", imr_periop_token(r->periop));
	return o.oom ? NULL : q;
}

xmlNodePtr imr_medication_xml(xmlNodePtr parent, xmlNsPtr ns, const char *text,
                              const struct imr_drug_mention *m)
{
	struct out o = {ns, text, false};
	xmlNodePtr e = part(&o, parent, "medication", m->span);
	prop(&o, e, "class", imr_subcategory_token(m->drug_class));
	prop(&o, e, "generic", m->drug->generic);
	prop(&o, e, "form", m->form);
	return o.oom ? NULL : e;
}
