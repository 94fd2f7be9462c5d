/* extract.c - meaning from the parse tree (see extract.h).  Each reader
 * works on the joined text of one part of the document and looks for
 * the phrases the letters use; none of them can fail the conversion:
 * what is not found is simply absent from the XML. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "citation.h"
#include "date.h"
#include "text.h"

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '\'';
}

/* Find a whole word (case-insensitive) from s. */
static const char *find_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = imr_find_ci(s, word); p; p = imr_find_ci(p + 1, word))
		if ((p == s || !is_word_char(p[-1])) && !is_word_char(p[n]))
			return p;
	return NULL;
}


int imr_extract_age(const char *s)
{
	/* "49-year-old", "57 year old", "now 33-year-old" */
	for (const char *p = imr_find_ci(s, "year"); p; p = imr_find_ci(p + 1, "year")) {
		if (p - s < 2 || (p[-1] != '-' && p[-1] != ' '))
			continue;
		if (!(p[4] == '-' || p[4] == ' ') || strncasecmp(p + 5, "old", 3) != 0)
			continue;
		const char *d = p - 1;
		while (d > s && isdigit((unsigned char)d[-1]))
			d--;
		if (d == p - 1 || p - 1 - d > 3)
			continue;
		int age = atoi(d);
		if (age > 0 && age < 120)
			return age;
	}
	return -1;
}

enum imr_sex imr_extract_sex(const char *s)
{
	const char *male = find_word(s, "male"), *female = find_word(s, "female");
	if (male && (!female || male < female))
		return IMR_MALE;
	if (female)
		return IMR_FEMALE;
	/* No word for it: the pronouns tell (doctors are "he" or "she" too,
	 * but the patient is the one most spoken of).  One pass over the words. */
	size_t he = 0, she = 0;
	for (const char *p = s; *p;) {
		while (*p && !isalpha((unsigned char)*p))
			p++;
		const char *w = p;
		while (isalpha((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - w);
		if (n == 2 && strncasecmp(w, "he", 2) == 0)
			he++;
		else if (n == 3 && (strncasecmp(w, "his", 3) == 0 || strncasecmp(w, "him", 3) == 0))
			he++;
		else if (n == 3 && (strncasecmp(w, "she", 3) == 0 || strncasecmp(w, "her", 3) == 0))
			she++;
		else if (n == 4 && strncasecmp(w, "hers", 4) == 0)
			she++;
		/* "He/she" in boilerplate counts for neither. */
		if (n == 2 && *p == '/' && strncasecmp(p, "/she", 4) == 0) {
			he--;
			p += 4;
		}
	}
	if (she > he)
		return IMR_FEMALE;
	if (he > she)
		return IMR_MALE;
	return IMR_SEX_UNKNOWN;
}

bool imr_extract_injury(const char *s, struct imr_date *out)
{
	static const char *const anchors[] = {"injury", "claim from", "injured"};
	const char *best = NULL;
	struct imr_date best_date = {0};
	for (size_t i = 0; i < sizeof anchors / sizeof anchors[0]; i++)
		for (const char *p = find_word(s, anchors[i]); p; p = find_word(p + 1, anchors[i])) {
			if (best && p > best)
				break;
			struct imr_date d;
			const char *at = imr_date_find(p, 48 + strlen(anchors[i]), &d);
			if (at && (!best || p < best)) {
				best = p;
				best_date = d;
			}
			if (at)
				break;
		}
	if (best)
		*out = best_date;
	return best != NULL;
}

/* The end of the sentence that starts at s. */
static const char *sentence_end(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((*p == '.' || *p == ';') && (p[1] == ' ' || p[1] == '\0') &&
		    !(p - s >= 2 && (strncmp(p - 2, "Dr", 2) == 0 || strncmp(p - 2, ".e", 2) == 0)))
			return p + 1;
	return s + strlen(s);
}

static bool mentions_review(const char *s, const char *e)
{
	static const char *const phrases[] = {
		"Utilization Review", "(UR)", " UR ", "prior determination", "previous determination",
		"previously reviewed and denied",
	};
	/* Within the sentence only (and its final space), never beyond. */
	size_t n = (size_t)(e - s) + (*e == ' ');
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (imr_find_ci_n(s, n, phrases[i]))
			return true;
	return n >= 3 && strncmp(s, "UR ", 3) == 0;
}

static void extract_ur_dates(const char *s, struct imr_determination *out)
{
	for (const char *p = s; *p;) {
		const char *e = sentence_end(p);
		if (mentions_review(p, e)) {
			struct imr_date d;
			const char *at = imr_date_find(p, (size_t)(e - p), &d);
			bool dup = false;
			for (size_t i = 0; at && i < out->ur_count; i++)
				dup |= memcmp(&out->ur_dates[i], &d, sizeof d) == 0;
			if (at && !dup && out->ur_count < sizeof out->ur_dates / sizeof out->ur_dates[0])
				out->ur_dates[out->ur_count++] = d;
		}
		p = e;
		while (*p == ' ')
			p++;
	}
}

void imr_split_list(struct imr_arena *a, const char *s, bool split_and, struct imr_strings *out)
{
	const char *start = s;
	for (const char *p = s;; p++) {
		bool at_and = split_and && strncmp(p, " and ", 5) == 0;
		if (*p == ',' || *p == '\0' || at_and) {
			char *item = imr_trim_copy(a, start, p, ".,;");
			if (*item)
				imr_strings_add(a, out, item);
			if (*p == '\0')
				break;
			start = p + (at_and ? 5 : 1);
			p = start - 1;
		}
	}
}

/* "Diagnoses include A, B, and C." */
static void extract_diagnoses(struct imr_arena *a, const char *s, struct imr_strings *out)
{
	const char *p = imr_find_ci(s, "diagnos");
	if (!p)
		return;
	const char *e = sentence_end(p);
	static const char *const intros[] = {" include ", " included ", " includes ", " are: ",
	                                     " are ", " is ", " with ", " having ", ": "};
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < sizeof intros / sizeof intros[0]; i++) {
		const char *q = imr_find_ci_n(p, (size_t)(e - p), intros[i]);
		if (q && (!best || q < best))
			best = q, best_len = strlen(intros[i]);
	}
	if (!best)
		return;
	char *list = imr_trim_copy(a, best + best_len, e, ".;");
	imr_split_list(a, list, false, out);
}

/* Board names with "and" in them: "Physical Medicine and Rehabilitation"
 * is one certification, "Internal Medicine and Pain Medicine" two. */
static const char *const compound_specialties[] = {
	"Physical Medicine and Rehabilitation", "Obstetrics and Gynecology", "Psychiatry and Neurology",
	"Allergy and Immunology", "Hospice and Palliative Medicine", "Colon and Rectal Surgery",
	"Plastic and Reconstructive Surgery", "Head and Neck Surgery",
	"Otolaryngology - Head and Neck Surgery", "Child and Adolescent Psychiatry",
	"Undersea and Hyperbaric Medicine", "Pulmonary and Critical Care Medicine",
	"Neuromuscular and Electrodiagnostic Medicine", "Pain Management and Rehabilitation",
	"Sports and Spine Medicine", "Hand and Upper Extremity Surgery", "Foot and Ankle Surgery",
	"Occupational and Environmental Medicine",
};

static bool compound_specialty(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof compound_specialties / sizeof compound_specialties[0]; i++)
		if (strlen(compound_specialties[i]) == n && strncasecmp(s, compound_specialties[i], n) == 0)
			return true;
	return false;
}

/* "Internal Medicine, Occupational Medicine", "Anesthesiology and Pain
 * Medicine": one certification each, a board's own "and" kept. */
void imr_split_specialties(struct imr_arena *a, const char *s, struct imr_strings *out)
{
	struct imr_strings parts = {0};
	imr_split_list(a, s, false, &parts);
	for (size_t i = 0; i < parts.count; i++) {
		const char *p = parts.items[i];
		const char *start = p;
		for (const char *q = imr_find_ci(p, " and "); q; q = imr_find_ci(q + 1, " and ")) {
			/* Keep "A and B" whole when it is one board's name, here or
			 * with what follows ("Physical Medicine and Rehabilitation"). */
			const char *next = imr_find_ci(q + 1, " and ");
			const char *e = next ? next : p + strlen(p);
			if (compound_specialty(start, (size_t)(e - start)))
				continue;
			char *item = imr_trim_copy(a, start, q, ".,");
			if (*item)
				imr_strings_add(a, out, item);
			start = q + 5;
		}
		char *item = imr_trim_copy(a, start, start + strlen(start), ".,");
		if (*item)
			imr_strings_add(a, out, item);
	}
}

/* "... is Board Certified in X, has a subspecialty in Y and is licensed
 * to practice in California and Texas." */
static void extract_reviewer_sentence(struct imr_arena *a, const char *s, struct imr_determination *out)
{
	static const char *const stops[] = {", has a subspecialty", " has a subspecialty",
	                                    ", and is licensed", " and is licensed", " and is ",
	                                    ". "};
	const char *p = imr_find_ci(s, "Board Certified in ");
	if (p) {
		p += 19;
		const char *e = p + strlen(p);
		for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
			const char *q = imr_find_ci(p, stops[i]);
			if (q && q < e)
				e = q;
		}
		char *c = imr_trim_copy(a, p, e, ".,");
		if (*c)
			imr_split_specialties(a, c, &out->certifications);
	}
	p = imr_find_ci(s, "has a subspecialty in ");
	if (p) {
		p += 22;
		const char *e = p + strlen(p);
		static const char *const sub_stops[] = {" and is ", ", and is", ". ", ","};
		for (size_t i = 0; i < sizeof sub_stops / sizeof sub_stops[0]; i++) {
			const char *q = imr_find_ci(p, sub_stops[i]);
			if (q && q < e)
				e = q;
		}
		char *c = imr_trim_copy(a, p, e, ".,");
		if (*c)
			imr_strings_add(a, &out->subspecialties, c);
	}
	p = imr_find_ci(s, "licensed to practice in ");
	if (p) {
		p += 24;
		const char *e = p;
		while (*e && *e != '.')
			e++;
		char *states = imr_trim_copy(a, p, e, ".,");
		imr_split_list(a, states, true, &out->licenses);
	}
}

static void extract_reviewer(struct imr_arena *a, const struct imr_source *src,
                             const struct imr_reviewer *r, struct imr_determination *out)
{
	out->has_reviewer = true;
	char *all = imr_text_paragraphs(a, src, r->text, &out->reviewer_text);
	out->physician = imr_find_ci(all, "physician reviewer") != NULL;
	extract_reviewer_sentence(a, all, out);
	for (size_t i = 0; i < r->count; i++) {
		const struct imr_credential *c = r->credentials[i];
		if (!c->text)
			continue;
		char *list = imr_text_join(a, src, c->text, 0, c->text->count);
		/* The grammar makes credentials of these two labels only. */
		if (c->label == IMR_LICENSURE)
			imr_split_list(a, list, false, &out->licenses);
		else
			imr_split_specialties(a, list, &out->certifications);
	}
}

static void extract_summary(struct imr_arena *a, const struct imr_source *src,
                            const struct imr_summary_section *s, struct imr_determination *out)
{
	out->has_summary = true;
	char *all = imr_text_paragraphs(a, src, s->text, &out->summary_text);
	out->age = imr_extract_age(all);
	out->sex = imr_extract_sex(all);
	imr_extract_injury(all, &out->injury);
	extract_ur_dates(all, out);
	extract_diagnoses(a, all, &out->diagnoses);
}

/* The conclusion is the rationale's last statement of (non-)necessity:
 * search backwards, so only the end of the text is read. */
enum imr_conclusion imr_extract_conclusion(const char *s)
{
	static const char *const phrases[] = {"medically necessary", "medically appropriate",
	                                      "medical necessity", "non-certified", "non certified",
	                                      "noncertified", "not certified"};
	size_t n = strlen(s);
	const char *last = NULL;
	size_t which = 0;
	/* Look in the last 512 bytes first, then in ever larger tails. */
	for (size_t window = 512;; window *= 4) {
		const char *from = n > window ? s + (n - window) : s;
		for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
			const char *p = imr_rfind_ci_n(from, (size_t)(s + n - from), phrases[i]);
			if (p && (!last || p > last))
				last = p, which = i;
		}
		if (last || from == s)
			break;
	}
	if (!last)
		return IMR_CONCLUSION_NONE;
	if (which >= 3)
		return IMR_NOT_NECESSARY;
	/* A negation shortly before, in the same sentence. */
	const char *b = last - s > 30 ? last - 30 : s;
	for (const char *q = last - 1; q >= b; q--)
		if (*q == '.') {
			b = q + 1;
			break;
		}
	char window[40];
	size_t wn = (size_t)(last - b);
	memcpy(window, b, wn);
	window[wn] = '\0';
	bool negative = find_word(window, "not") || find_word(window, "cannot") ||
	                imr_find_ci(window, "n't ") || imr_find_ci(window, "non-") ||
	                find_word(window, "non");
	return negative ? IMR_NOT_NECESSARY : IMR_NECESSARY;
}

bool imr_extract_request(struct imr_arena *a, const char *t, const char **service,
                         const char **original, const char **authorized)
{
	const char *orig = imr_find_ci(t, " was the original request.");
	if (!orig)
		return false;
	const char *o = imr_trim_copy(a, t, orig, ".,");
	const char *au = NULL;
	const char *rest = orig + 26;
	const char *by = imr_find_ci(rest, " was authorized by the Claims Administrator.");
	const char *remaining = imr_find_ci(rest, "remaining IMR eligible portion of the original request,");
	const char *ca = imr_find_ci(rest, "The Claims Administrator authorized ");
	const char *leaving = ca ? imr_find_ci(ca, ", leaving the original request") : NULL;
	const char *decided;
	if (by && remaining) {
		au = imr_trim_copy(a, rest, by, ".,");
		decided = remaining + 55;
	} else if (ca && leaving) {
		au = imr_trim_copy(a, ca + 36, leaving, ".,");
		const char *again = imr_find_ci(leaving, "The original request,");
		if (!again)
			return false;
		decided = again + 21;
	} else {
		return false;
	}
	size_t n = strlen(decided);
	const char *e = decided + n;
	if (n >= 3 && strcmp(e - 3, " is") == 0)
		e -= 3;
	const char *s = imr_trim_copy(a, decided, e, ".,:");
	/* Every part must be there, or it is not this form after all. */
	if (!*s || !*o || !*au)
		return false;
	*service = s;
	*original = o;
	*authorized = au;
	return true;
}

static void extract_guideline(struct imr_arena *a, const struct imr_source *src,
                              const struct imr_guideline *g, struct imr_guideline_facts *out)
{
	if (!g)
		return;
	out->present = true;
	out->text = g->text ? imr_text_join(a, src, g->text, 0, g->text->count) : "";
	out->cited = !imr_find_ci(out->text, "did not cite any medical evidence");
	if (out->cited)
		imr_citations_read(a, out);
}

/* Which of the items a line of a shared section opens ("Lidoderm 5%
 * patch: ..." opens the one titled "Lidoderm 5% patch #30"), or -1. */
static int opens_item(const struct imr_source *src, const struct imr_line *l,
                      const char *const *titles, size_t n)
{
	const char *s = src->text + l->start;
	size_t len = l->end - l->start;
	const char *colon = memchr(s, ':', len < 80 ? len : 80);
	if (!colon || colon == s)
		return -1;
	size_t k = (size_t)(colon - s);
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(titles[i], s, k) == 0 && (titles[i][k] == '\0' || titles[i][k] == ' '))
			return (int)i;
	return -1;
}

/* A professional review's guideline or rationale, shared by its items:
 * the lines for item `which` (those after a line opening with its name,
 * up to one opening with another's) and the lines before any of them.
 * The whole text when no line names an item. */
static const struct imr_text *item_share(struct imr_arena *a, const struct imr_source *src,
                                         const struct imr_text *t, const char *const *titles,
                                         size_t n, size_t which)
{
	if (!t || n < 2)
		return t;
	struct imr_text *mine = NULL;
	int owner = -1;
	bool named = false;
	for (size_t i = 0; i < t->count; i++) {
		int o = opens_item(src, &t->lines[i], titles, n);
		if (o >= 0)
			owner = o, named = true;
		if (owner < 0 || owner == (int)which) {
			struct imr_line l = t->lines[i];
			l.para_break = l.para_break || o >= 0;
			mine = mine ? imr_text_append(a, mine, l) : imr_text_new(a, l);
		}
	}
	return named ? mine : t;
}

static void extract_issue(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_document *doc, const struct imr_issue *is,
                          struct imr_issue_facts *out, const char *const *titles, size_t index)
{
	out->line = imr_source_line(src, is->node.span.start);
	out->decision = is->decision;
	out->decision_source = is->decided ? IMR_FROM_TITLE : IMR_FROM_NOWHERE;
	const struct imr_guideline *maximus = is->maximus;
	const struct imr_text *rationale = is->rationale;
	/* A professional review's guideline and rationale are for all its items. */
	struct imr_guideline shared_guideline;
	if (!maximus && !rationale && (doc->shared_guideline || doc->shared_rationale)) {
		if (doc->shared_guideline) {
			shared_guideline = *doc->shared_guideline;
			shared_guideline.text = (struct imr_text *)item_share(
			        a, src, doc->shared_guideline->text, titles, doc->issue_count, index);
			maximus = &shared_guideline;
		}
		rationale = item_share(a, src, doc->shared_rationale, titles, doc->issue_count, index);
		out->shared = true;
	}
	out->complete = is->claims && maximus && rationale;
	if (!is->decided || out->shared)
		out->complete = maximus || rationale; /* a notice's parts are optional */
	char *title = is->title ? imr_text_join(a, src, is->title, 0, is->title->count) : "";
	size_t n = strlen(title);
	while (n && (title[n - 1] == ':' || title[n - 1] == ' '))
		title[--n] = '\0';
	out->title = title;
	out->service = title;
	imr_extract_request(a, title, &out->service, &out->original_request, &out->authorized);
	if (*out->service) {
		imr_request_parse(a, out->service, strlen(out->service), &out->request);
		out->has_request = true;
	}
	extract_guideline(a, src, is->claims, &out->claims);
	extract_guideline(a, src, maximus, &out->maximus);
	/* "The Expert Reviewer found that the guideline used by the Claims
	 * Administrator was appropriate": the reviewer relied on the same. */
	if (out->maximus.present && !out->maximus.count && out->claims.count &&
	    imr_find_ci(out->maximus.text, "used by the Claims Administrator") &&
	    (imr_find_ci(out->maximus.text, "appropriate") || imr_find_ci(out->maximus.text, "relevant"))) {
		out->maximus.citations = out->claims.citations;
		out->maximus.count = out->maximus.capacity = out->claims.count;
	}
	if (rationale) {
		char *all = imr_text_paragraphs(a, src, rationale, &out->rationale);
		out->conclusion = imr_extract_conclusion(all);
	}
}

/* ---- The 2013 notice's numbered lists -------------------------------------- */

/* "1) MAXIMUS Federal Services, Inc. has determined the request for X is
 * not medically necessary and appropriate." (also "notmedically"). */
void imr_read_list_entry(struct imr_arena *a, const char *s, unsigned n, struct imr_list_decision *out)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	const char *req = imr_find_ci(s, "the request for ");
	const char *from = req ? req + 16 : s;
	size_t len = strlen(from);
	const char *m = imr_rfind_ci_n(from, len, "medically necessary");
	if (!m)
		return;
	const char *b = m;
	while (b > from && b[-1] == ' ')
		b--;
	out->decided = true;
	out->decision = b - from >= 3 && strncasecmp(b - 3, "not", 3) == 0 ? IMR_UPHELD : IMR_OVERTURNED;
	const char *is = imr_rfind_ci_n(from, (size_t)(b - from), " is ");
	if (req && is)
		out->service = imr_trim_copy(a, from, is, ".,:");
}

static void extract_lists(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_document *doc, struct imr_determination *out)
{
	for (unsigned l = 0; l < 2; l++)
		out->lists[l] = imr_arena_alloc(a, (doc->entry_count + 1) * sizeof *out->lists[l]);
	for (size_t i = 0; i < doc->entry_count; i++) {
		const struct imr_decision_entry *e = &doc->entries[i];
		unsigned l = e->list ? 1 : 0;
		/* From the words after the number. */
		struct imr_text t = *e->text;
		struct imr_line first = t.lines[0];
		first.start = first.rest;
		char *head = imr_text_join(a, src, &(struct imr_text){.lines = &first, .count = 1}, 0, 1);
		char *tail = t.count > 1 ? imr_text_join(a, src, &t, 1, t.count) : "";
		size_t hn = strlen(head), tn = strlen(tail);
		char *all = imr_arena_alloc(a, hn + tn + 2);
		memcpy(all, head, hn);
		all[hn] = ' ';
		memcpy(all + hn + 1, tail, tn + 1);
		imr_read_list_entry(a, all, e->text->lines[0].id, &out->lists[l][out->list_count[l]++]);
	}
}

/* The item numbered n in a list, or NULL. */
static const struct imr_list_decision *list_entry(const struct imr_determination *d, unsigned l,
                                                  unsigned n, size_t index)
{
	for (size_t i = 0; i < d->list_count[l]; i++)
		if (n ? d->lists[l][i].n == n : i == index)
			return &d->lists[l][i];
	return NULL;
}

/* A 2013 notice's items take their decisions from its lists; an item
 * stated nowhere else takes its rationale's conclusion. */
static void settle_decisions(struct imr_determination *d)
{
	for (size_t i = 0; i < d->issue_count; i++) {
		struct imr_issue_facts *f = &d->issues[i];
		if (f->decision_source != IMR_FROM_NOWHERE)
			continue;
		const struct imr_list_decision *e = NULL;
		for (unsigned l = 0; l < 2 && !(e && e->decided); l++)
			e = list_entry(d, l, f->number, i);
		if (e && e->decided) {
			f->decision = e->decision;
			f->decision_source = IMR_FROM_LIST;
		} else if (f->conclusion != IMR_CONCLUSION_NONE) {
			f->decision = f->conclusion == IMR_NOT_NECESSARY ? IMR_UPHELD : IMR_OVERTURNED;
			f->decision_source = IMR_FROM_RATIONALE;
		}
	}
}

/* A line break in a treatments list is a wrap, not a separator, when the
 * next line continues the previous one ("BACLOFEN 20MG" / "#100"). */
static bool continues(const char *prev_end, const char *next)
{
	static const char *const connectors[] = {" OF", " FOR", " THE", " AND", " TO", " WITH",
	                                         " X", " AT", " IN", " ON", " PER", " A"};
	unsigned char c = (unsigned char)*next;
	const char *d = next;
	while (isdigit((unsigned char)*d))
		d++;
	if (d > next && d - next <= 2 && (*d == ')' || *d == '.') && d[1] == ' ')
		return false; /* "2) SOMA ...": the next item of a numbered list */
	if (islower(c) || isdigit(c) || c == '#' || c == '(' || c == '&' || c == '-' || c == '/')
		return true;
	char last = prev_end[-1];
	if (last == '/' || last == '-' || last == '&' || last == '(')
		return true;
	for (size_t i = 0; i < sizeof connectors / sizeof connectors[0]; i++) {
		size_t n = strlen(connectors[i]);
		if (strncasecmp(prev_end - n, connectors[i], n) == 0)
			return true;
	}
	return false;
}

/* "Treatment(s) in Dispute Listed on IMR Application:" as the applicant
 * wrote it: items separated by commas (or semicolons), the lines being
 * wraps; or, with no comma at all, a line an item. */
void imr_split_treatments(struct imr_arena *a, const char *const *lines, size_t n,
                          struct imr_strings *out)
{
	bool commas = false;
	for (size_t i = 0; i < n; i++)
		commas |= strpbrk(lines[i], ",;") != NULL;
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total += strlen(lines[i]) + 1;
	/* Join the lines, a separator ';' where a line break ends an item. */
	char *all = imr_arena_alloc(a, total), *o = all;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		if (i > 0) {
			bool wrap = commas || continues(o, lines[i]);
			*o++ = wrap ? ' ' : ';';
		}
		memcpy(o, lines[i], len);
		o += len;
	}
	*o = '\0';
	const char *start = all;
	for (const char *p = all;; p++) {
		if (*p == ',' || *p == ';' || *p == '\0') {
			char *item = imr_trim_copy(a, start, p, ".,;");
			/* "1) NORCO ...", "2. SOMA ...": the numbering goes. */
			char *q = item;
			while (isdigit((unsigned char)*q))
				q++;
			if (q > item && q - item <= 2 && (*q == ')' || *q == '.') && q[1] == ' ')
				item = q + 2;
			if (*item)
				imr_strings_add(a, out, item);
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
}

static void extract_header(struct imr_arena *a, const struct imr_source *src,
                           const struct imr_header *h, struct imr_determination *out)
{
	out->has_header = true;
	for (size_t i = 0; i < h->count; i++) {
		const struct imr_header_field *f = &h->fields[i];
		if (out->header_text[f->label])
			continue; /* the first of two labels for one field ("Dated:", "Decision Date:") */
		const char *v = imr_text_join(a, src, f->value, 0, f->value->count);
		out->header_text[f->label] = v;
		switch (f->label) {
		case IMR_PRIORITY:
			out->priority = strcasecmp(v, "Expedited") == 0  ? IMR_EXPEDITED
			                : strcasecmp(v, "Standard") == 0 ? IMR_STANDARD
			                                                 : IMR_PRIORITY_UNKNOWN;
			break;
		case IMR_CASE_NUMBER:
		case IMR_EMPLOYEE_NAME:
		case IMR_CLAIM_NUMBER:
		case IMR_PROVIDER_NAME:
			break;
		case IMR_TREATMENTS: {
			const char **lines = imr_arena_alloc(a, f->value->count * sizeof *lines);
			for (size_t k = 0; k < f->value->count; k++)
				lines[k] = imr_text_join(a, src, f->value, k, k + 1);
			imr_split_treatments(a, lines, f->value->count, &out->treatments);
			break;
		}
		case IMR_DATE_ASSIGNED:
		case IMR_DECISION_DATE:
		case IMR_DATE_OF_INJURY:
		case IMR_UR_DENIAL_DATE:
		case IMR_APPLICATION_RECEIVED: {
			const char *e = imr_date_parse(v, &out->header_date[f->label]);
			if (!e || (*e && strcmp(e, ".") != 0))
				out->header_date[f->label].year = 0;
			break;
		}
		case IMR_HEADER_LABEL_COUNT:
			break;
		}
	}
}

/* ---- DOCUMENTS REVIEWED ---------------------------------------------------- */

/* A line starts a new record unless it continues the one before it
 * (starts in lower case or with a digit: "through 06/30/2013"). */
static bool starts_record(const struct imr_source *src, const struct imr_line *l)
{
	unsigned char c = (unsigned char)src->text[l->start];
	return !(islower(c) || isdigit(c)) || l->para_break;
}

/* "dated 01/07/2013 through 09/27/2013", "03/05/2013 - 08/30/2013",
 * "from 1/2/2013 to 3/4/2013": a range; a single date otherwise. */
static void record_dates(const char *s, struct imr_record *r)
{
	struct imr_date d;
	const char *at = imr_date_find(s, 0, &d);
	if (!at)
		return;
	const char *e = at;
	while (*e && *e != ' ')
		e++;
	static const char *const to[] = {" through ", " thru ", " - ", " to ", "-", " \xe2\x80\x93 "};
	for (size_t i = 0; i < sizeof to / sizeof to[0]; i++) {
		size_t n = strlen(to[i]);
		struct imr_date d2;
		const char *p = e;
		if (p[-1] == ',')
			p--;
		if (strncasecmp(p, to[i], n) == 0 && imr_date_parse(p + n, &d2)) {
			r->from = d, r->to = d2;
			return;
		}
	}
	r->date = d;
}

static void extract_records(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                            struct imr_determination *out)
{
	out->has_records = true;
	if (!t)
		return;
	out->records = imr_arena_alloc(a, t->count * sizeof *out->records);
	for (size_t i = 0; i < t->count;) {
		size_t j = i + 1;
		while (j < t->count && !starts_record(src, &t->lines[j]))
			j++;
		char *text = imr_text_join(a, src, t, i, j);
		/* Bullets: "- ", "* ", the bullet sign, "1. ". */
		char *p = text;
		if ((*p == '-' || *p == '*') && p[1] == ' ')
			p += 2;
		else if (strncmp(p, "\xe2\x80\xa2 ", 4) == 0)
			p += 4;
		struct imr_record *r = &out->records[out->record_count++];
		r->line = imr_source_line(src, t->lines[i].start);
		r->text = p;
		record_dates(p, r);
		i = j;
	}
}

void imr_extract(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
                 struct imr_determination *out)
{
	memset(out, 0, sizeof *out);
	out->variant = doc->variant;
	out->complete = doc->unparsed_count == 0;
	out->age = -1;
	if (doc->header)
		extract_header(a, src, doc->header, out);
	if (doc->letter)
		imr_text_paragraphs(a, src, doc->letter, &out->letter);
	extract_lists(a, src, doc, out);
	if (doc->reviewer)
		extract_reviewer(a, src, doc->reviewer, out);
	if (doc->has_documents)
		extract_records(a, src, doc->documents, out);
	if (doc->summary)
		extract_summary(a, src, doc->summary, out);
	out->issue_count = doc->issue_count;
	size_t listed = out->list_count[0] ? out->list_count[0] : out->list_count[1];
	out->issues = imr_arena_alloc(a, (doc->issue_count + listed + 1) * sizeof *out->issues);
	const char **titles = imr_arena_alloc(a, (doc->issue_count + 1) * sizeof *titles);
	for (size_t i = 0; i < doc->issue_count; i++) {
		const struct imr_text *t = doc->issues[i]->title;
		titles[i] = t ? imr_text_join(a, src, t, 0, t->count) : "";
	}
	for (size_t i = 0; i < doc->issue_count; i++) {
		extract_issue(a, src, doc, doc->issues[i], &out->issues[i], titles, i);
		out->issues[i].number = doc->issues[i]->number;
	}
	/* A notice without item sections: its list is its items. */
	if (doc->issue_count == 0 && doc->entry_count > 0) {
		unsigned l = out->list_count[0] ? 0 : 1;
		for (size_t i = 0; i < out->list_count[l]; i++) {
			const struct imr_list_decision *e = &out->lists[l][i];
			struct imr_issue_facts *f = &out->issues[out->issue_count++];
			const struct imr_decision_entry *de = NULL;
			for (size_t k = 0, seen = 0; k < doc->entry_count; k++)
				if ((doc->entries[k].list ? 1u : 0u) == l && seen++ == i)
					de = &doc->entries[k];
			f->line = de ? imr_source_line(src, de->text->lines[0].start) : 0;
			f->title = f->service = e->service ? e->service : "";
			f->number = e->n;
			f->decision_source = IMR_FROM_NOWHERE;
		}
	}
	settle_decisions(out);
	out->unparsed_count = doc->unparsed_count;
	out->unparsed = imr_arena_alloc(a, (doc->unparsed_count ? doc->unparsed_count : 1) *
	                                           sizeof *out->unparsed);
	for (size_t i = 0; i < doc->unparsed_count; i++) {
		struct imr_span s = doc->unparsed[i];
		out->unparsed[i].line = imr_source_line(src, s.start);
		struct imr_text t = {.node = {IMR_N_TEXT, s}};
		struct imr_line l = {.start = s.start, .end = s.end};
		t.lines = &l;
		t.count = 1;
		/* The raw region, newlines and all, folded to one string. */
		char *raw = imr_text_join(a, src, &t, 0, 1);
		for (char *c = raw; *c; c++)
			if (*c == '\n')
				*c = ' ';
		out->unparsed[i].text = raw;
	}
}
