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
	static const char *const anchors[] = {"injury", "claim from"};
	const char *best = NULL;
	struct imr_date best_date = {0};
	for (size_t i = 0; i < 2; i++)
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
			imr_strings_add(a, &out->certifications, c);
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
		switch (c->label) {
		case IMR_LICENSURE:
			imr_split_list(a, list, false, &out->licenses);
			break;
		case IMR_CERTIFICATION:
			imr_split_list(a, list, false, &out->certifications);
			break;
		case IMR_CREDENTIALS:
		case IMR_ISSUES_INTRO:
		case IMR_CLAIMS_GUIDELINE:
		case IMR_MAXIMUS_GUIDELINE:
		case IMR_RATIONALE:
		case IMR_LINE_LABEL_COUNT:
			break;
		}
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

static void extract_issue(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_issue *is, struct imr_issue_facts *out)
{
	out->line = imr_source_line(src, is->node.span.start);
	out->decision = is->decision;
	out->complete = is->claims && is->maximus && is->rationale;
	char *title = is->title ? imr_text_join(a, src, is->title, 0, is->title->count) : "";
	size_t n = strlen(title);
	while (n && (title[n - 1] == ':' || title[n - 1] == ' '))
		title[--n] = '\0';
	out->title = title;
	out->service = title;
	imr_extract_request(a, title, &out->service, &out->original_request, &out->authorized);
	extract_guideline(a, src, is->claims, &out->claims);
	extract_guideline(a, src, is->maximus, &out->maximus);
	if (is->rationale) {
		char *all = imr_text_paragraphs(a, src, is->rationale, &out->rationale);
		out->conclusion = imr_extract_conclusion(all);
	}
}

static void extract_header(struct imr_arena *a, const struct imr_source *src,
                           const struct imr_header *h, struct imr_determination *out)
{
	out->has_header = true;
	for (size_t i = 0; i < h->count; i++) {
		const struct imr_header_field *f = &h->fields[i];
		const char *v = imr_arena_strndup(a, src->text + f->value.start,
		                                   f->value.end - f->value.start);
		out->header_text[f->label] = v;
		switch (f->label) {
		case IMR_PRIORITY:
			out->priority = strcasecmp(v, "Expedited") == 0  ? IMR_EXPEDITED
			                : strcasecmp(v, "Standard") == 0 ? IMR_STANDARD
			                                                 : IMR_PRIORITY_UNKNOWN;
			break;
		case IMR_CASE_NUMBER:
			break;
		case IMR_DATE_ASSIGNED:
		case IMR_DECISION_DATE:
		case IMR_DATE_OF_INJURY:
		case IMR_UR_DENIAL_DATE:
		case IMR_APPLICATION_RECEIVED: {
			const char *e = imr_date_parse(v, &out->header_date[f->label]);
			if (!e || *e)
				out->header_date[f->label].year = 0;
			break;
		}
		case IMR_HEADER_LABEL_COUNT:
			break;
		}
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
	if (doc->reviewer)
		extract_reviewer(a, src, doc->reviewer, out);
	if (doc->summary)
		extract_summary(a, src, doc->summary, out);
	out->issue_count = doc->issue_count;
	out->issues = imr_arena_alloc(a, (doc->issue_count ? doc->issue_count : 1) * sizeof *out->issues);
	for (size_t i = 0; i < doc->issue_count; i++)
		extract_issue(a, src, doc->issues[i], &out->issues[i]);
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
