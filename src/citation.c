/* citation.c - guideline citations: which body, which document, which
 * sections and pages.  The words read are phrase.h's GUIDELINE set (the
 * MTUS documents among them, a longer name before one it begins with,
 * so "Chronic Pain Medical Treatment Guidelines" wins over "Chronic Pain
 * Medical Treatment"), found in one pass over the paragraph; the readers
 * below walk their occurrences. */
#include "citation.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *imr_body_name(enum imr_body b)
{
	switch (b) {
#define IMR_BODY_CASE(id, s)                                                              \
	case IMR_BODY_##id:                                                               \
		return s;
		IMR_BODIES(IMR_BODY_CASE)
	}
	return "other";
}

/* A paragraph being read: its text, the occurrences of the phrases in
 * it, and where it came from (j, for positions; may be NULL). */
struct reading {
	struct imr_arena *a;
	struct imr_guideline_facts *g;
	const char *text;
	const struct imr_hits *h;
	const struct imr_joined *j;
};

static size_t off(const struct reading *r, const char *p)
{
	return (size_t)(p - r->text);
}

static struct imr_pos pos_of(const struct reading *r, const char *p)
{
	return r->j ? imr_joined_pos_at(r->j, p) : (struct imr_pos){0, 0};
}

/* The occurrence of phrase id that starts at p, or NULL. */
static const struct imr_hit *hit_at(const struct reading *r, enum imr_phrase id, const char *p)
{
	for (size_t k = imr_hits_from(r->h, off(r, p)); k < r->h->n && r->h->v[k].at == off(r, p); k++)
		if (r->h->v[k].id == id)
			return &r->h->v[k];
	return NULL;
}

/* Phrase id as a word at p: no letter or digit before it (unless p is
 * where the region starts) nor after it.  Its length, or 0. */
static size_t word_at(const struct reading *r, const char *region, const char *p, enum imr_phrase id)
{
	if (p > region && isalnum((unsigned char)p[-1]))
		return 0;
	const struct imr_hit *h = hit_at(r, id, p);
	return h && !isalnum((unsigned char)p[h->len]) ? h->len : 0;
}

/* The MTUS document named at p (the first of the table that is a word
 * there): its name's length, or 0. */
static size_t document_at(const struct reading *r, const char *region, const char *p)
{
	if (p > region && isalnum((unsigned char)p[-1]))
		return 0;
	size_t best = 0;
	unsigned best_id = IMR_PHRASE_COUNT;
	for (size_t k = imr_hits_from(r->h, off(r, p)); k < r->h->n && r->h->v[k].at == off(r, p); k++) {
		const struct imr_hit *h = &r->h->v[k];
		if (h->id >= IMR_PH_FIRST_DOCUMENT && h->id <= IMR_PH_LAST_DOCUMENT && h->id < best_id &&
		    !isalnum((unsigned char)p[h->len]))
			best = h->len, best_id = h->id;
	}
	return best;
}

/* The first occurrence of id starting at or after p and ending by end. */
static const char *find(const struct reading *r, enum imr_phrase id, const char *p, const char *end)
{
	const struct imr_hit *h = imr_hits_first(r->h, id, off(r, p), off(r, end));
	return h ? r->text + h->at : NULL;
}

/* The next place at or after p where some phrase starts, or NULL. */
static const char *next_start(const struct reading *r, const char *p, const char *end)
{
	size_t k = imr_hits_from(r->h, off(r, p));
	return k < r->h->n && r->text + r->h->v[k].at < end ? r->text + r->h->v[k].at : NULL;
}

static struct imr_citation *add_citation(struct reading *r, enum imr_body body, const char *at)
{
	struct imr_guideline_facts *g = r->g;
	g->citations = imr_arena_grow(r->a, g->citations, &g->capacity, g->count + 1, sizeof *g->citations);
	struct imr_citation *c = &g->citations[g->count++];
	memset(c, 0, sizeof *c);
	c->body = body;
	c->pos = pos_of(r, at);
	return c;
}

/* "Page(s): 60, 61, 22, 67-68." */
static const char *read_pages(struct imr_arena *a, struct imr_citation *c, const char *p,
                              const char *end)
{
	for (;;) {
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		if (p >= end || !isdigit((unsigned char)*p))
			return p;
		char *q;
		long first = strtol(p, &q, 10), last = first;
		if (q < end && (*q == '-' || *q == '\xe2') && isdigit((unsigned char)q[1]))
			last = strtol(q + 1, &q, 10);
		if (first > 0 && first < 100000 && last >= first && last < 100000) {
			c->pages = imr_arena_grow(a, c->pages, &c->page_capacity, c->page_count + 1,
			                          sizeof *c->pages);
			c->pages[c->page_count++] = (struct imr_page_range){(int)first, (int)last};
		}
		p = q;
	}
}

/* Split "A, B (x, y), and C" at top-level commas into sections. */
static void read_sections(struct reading *r, struct imr_citation *c, const char *s, const char *e)
{
	int depth = 0;
	const char *start = s;
	for (const char *p = s; p <= e; p++) {
		if (p < e && *p == '(')
			depth++;
		else if (p < e && *p == ')' && depth)
			depth--;
		if (p == e || (*p == ',' && depth == 0)) {
			const char *b = start, *z = p;
			imr_trim_span(&b, &z, ".,;");
			if (z > b)
				imr_strings_add_at(r->a, &c->sections, imr_arena_strndup(r->a, b, (size_t)(z - b)),
				                   pos_of(r, b));
			start = p + 1;
		}
	}
}

/* What follows a document's name, up to the next citation:
 * " 2016, Section(s): X, Y." or " Muscle relaxants Page(s): 63-66." */
static void read_details(struct reading *r, struct imr_citation *c, const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == ','))
		p++;
	if (end - p >= 4 && isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
	    (end - p == 4 || !isalnum((unsigned char)p[4]))) {
		int year = atoi(p);
		if (year >= 1900 && year <= 2099) /* "0096" is no edition year */
			c->year = year;
		p += 4;
	}
	const char *pages = find(r, IMR_PH_PAGES_LABEL, p, end);
	size_t pages_len = imr_phrase_len(IMR_PH_PAGES_LABEL);
	if (!pages) {
		/* In words (2013): ", Opioids, pages 74-96, which are part of the MTUS". */
		for (const char *w = find(r, IMR_PH_PAGE, p, end); w; w = find(r, IMR_PH_PAGE, w + 1, end)) {
			if (w > p && isalnum((unsigned char)w[-1]))
				continue;
			size_t n = strncasecmp(w, "pages ", 6) == 0 ? 6 : strncasecmp(w, "page ", 5) == 0 ? 5 : 0;
			if (n && w + n < end && isdigit((unsigned char)w[n])) {
				pages = w, pages_len = n;
				break;
			}
		}
	}
	const char *sections = find(r, IMR_PH_SECTIONS_LABEL, p, end);
	const char *topic_end = pages ? pages : end;
	if (!pages) {
		/* ", which are part of the MTUS." closes a 2013 citation's topic. */
		const char *which = find(r, IMR_PH_COMMA_WHICH, p, end);
		if (which)
			topic_end = which;
	}
	if (sections && sections < topic_end) {
		read_sections(r, c, sections + imr_phrase_len(IMR_PH_SECTIONS_LABEL), topic_end);
		topic_end = sections;
	}
	const char *b = p, *e = topic_end;
	imr_trim_span(&b, &e, ".,;:");
	/* "Muscle relaxants (for pain) MTUS Page(s)": the trailing body name
	 * repeats the citation's own. */
	if (e - b >= 5 && strncmp(e - 5, " MTUS", 5) == 0)
		e -= 5;
	if (e > b) {
		c->topic = imr_arena_strndup(r->a, b, (size_t)(e - b));
		c->topic_pos = pos_of(r, b);
	}
	if (pages)
		read_pages(r->a, c, pages + pages_len, end);
}

/* After "Decision based on MTUS ": one citation per document named. */
static void read_mtus(struct reading *r, const char *s, const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = next_start(r, s, end); p; p = next_start(r, p, end)) {
		size_t n = document_at(r, s, p);
		if (!n && word_at(r, s, p, IMR_PH_ACOEM)) {
			/* "ACOEM Chapter 12 Low Back Complaints" is one document. */
			const char *q = p + 5, *chapter = NULL;
			size_t chapter_len = 0;
			if (*q == ' ' && hit_at(r, IMR_PH_CHAPTER, q + 1) && isdigit((unsigned char)q[9])) {
				chapter = q + 9;
				while (isdigit((unsigned char)chapter[chapter_len]))
					chapter_len++;
				q = chapter + chapter_len;
			}
			const char *after = q;
			if (*q == ' ')
				q++;
			size_t m = q < end ? document_at(r, s, q) : 0;
			if (cur)
				read_details(r, cur, details, p);
			cur = add_citation(r, IMR_BODY_MTUS, m ? q : p);
			cur->document = m ? imr_arena_strndup(r->a, q, m) : "ACOEM";
			if (chapter)
				cur->chapter = imr_arena_strndup(r->a, chapter, chapter_len);
			details = m ? q + m : after;
			p = details;
			continue;
		}
		if (!n) {
			p++;
			continue;
		}
		if (cur)
			read_details(r, cur, details, p);
		cur = add_citation(r, IMR_BODY_MTUS, p);
		cur->document = imr_arena_strndup(r->a, p, n);
		details = p + n;
		p += n;
	}
	if (cur)
		read_details(r, cur, details, end);
	else if (s < end)
		add_citation(r, IMR_BODY_MTUS, s - 4); /* "Decision based on MTUS." */
}

/* Official Disability Guidelines, named in full ("... (ODG)") or by
 * initials, at p: the name's length, or 0. */
static size_t odg_at(const struct reading *r, const char *region, const char *p, bool initials_in_parens)
{
	size_t n = word_at(r, region, p, IMR_PH_ODG_NAME);
	if (n) {
		if (strncmp(p + n, " (ODG)", 6) == 0)
			n += 6;
		return n;
	}
	n = word_at(r, region, p, IMR_PH_ODG);
	if (n && !initials_in_parens && p > region && p[-1] == '(')
		return 0;
	return n;
}

/* After "Decision based on Non-MTUS Citation ": ODG, ACOEM or other. */
static void read_non_mtus(struct reading *r, const char *s, const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = next_start(r, s, end); p; p = next_start(r, p, end)) {
		enum imr_body body;
		size_t n;
		const char *document;
		if ((n = odg_at(r, s, p, false))) {
			body = IMR_BODY_ODG, document = "Official Disability Guidelines";
		} else if ((n = word_at(r, s, p, IMR_PH_ACOEM))) {
			body = IMR_BODY_ACOEM, document = "ACOEM";
		} else {
			p++;
			continue;
		}
		if (cur)
			read_details(r, cur, details, p);
		cur = add_citation(r, body, p);
		cur->document = document;
		details = p + n;
		p += n;
	}
	if (cur) {
		read_details(r, cur, details, end);
	} else if (s < end) {
		const char *e = s;
		while (e < end && *e != '.' && *e != ',')
			e++;
		const char *b = s;
		imr_trim_span(&b, &e, ".,");
		if (e > b) {
			cur = add_citation(r, IMR_BODY_OTHER, b);
			cur->document = imr_arena_strndup(r->a, b, (size_t)(e - b));
		}
	}
}

/* Where the sentence that p is in ends (a period, a blank, a capital),
 * or end. */
static const char *sentence_end(const struct reading *r, const char *p, const char *end)
{
	for (const char *q = find(r, IMR_PH_PERIOD_SPACE, p, end); q; q = find(r, IMR_PH_PERIOD_SPACE, q + 1, end))
		if (q + 2 < end && isupper((unsigned char)q[2]))
			return q;
	return end;
}

/* A citation in free words, without "Decision based on" (the 2013
 * notices: "based its decision on the Chronic Pain Medical Treatment
 * Guidelines, Opioids, pages 74-96, which are part of the MTUS"; the
 * professional review's guideline section): one citation per document
 * or body named, in the order named. */
static void read_free(struct reading *r, const char *s, const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = next_start(r, s, end); p; p = next_start(r, p, end)) {
		if (!isalpha((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		enum imr_body body;
		size_t n = document_at(r, s, p);
		const char *document = NULL, *chapter = NULL;
		size_t chapter_len = 0;
		if (n) {
			body = IMR_BODY_MTUS;
			document = imr_arena_strndup(r->a, p, n);
		} else if ((n = odg_at(r, s, p, true))) {
			body = IMR_BODY_ODG, document = "Official Disability Guidelines";
		} else if (word_at(r, s, p, IMR_PH_ACOEM)) {
			/* The ACOEM chapters the MTUS adopts are the MTUS. */
			body = find(r, IMR_PH_MTUS, p, end) ? IMR_BODY_MTUS : IMR_BODY_ACOEM;
			n = 5, document = "ACOEM";
			const char *ch = find(r, IMR_PH_CHAPTER, p, end);
			if (ch && ch - p < 60 && isdigit((unsigned char)ch[8])) {
				chapter = ch + 8;
				while (isdigit((unsigned char)chapter[chapter_len]))
					chapter_len++;
				/* "Chapter 12, Low Back Complaints": the chapter's name. */
				const char *q = chapter + chapter_len;
				while (q < end && (*q == ',' || *q == ' '))
					q++;
				size_t m = q < end ? document_at(r, s, q) : 0;
				if (m) {
					document = imr_arena_strndup(r->a, q, m);
					chapter_len = (size_t)(q + m - chapter);
				}
			}
		} else {
			p++;
			continue;
		}
		/* A body named again ("..., and the ODG sets out criteria") is no
		 * new citation; the details stop at the end of a sentence. */
		bool again = false;
		for (size_t i = 0; i < r->g->count; i++)
			again |= r->g->citations[i].body == body && document && r->g->citations[i].document &&
			         strcmp(r->g->citations[i].document, document) == 0;
		if (cur)
			read_details(r, cur, details, sentence_end(r, details, p));
		if (again) {
			cur = NULL;
			p += n;
			continue;
		}
		cur = add_citation(r, body, p);
		cur->document = document;
		if (chapter) {
			size_t digits = 0;
			while (isdigit((unsigned char)chapter[digits]))
				digits++;
			cur->chapter = imr_arena_strndup(r->a, chapter, digits);
		}
		details = p + n;
		/* "..., Chapter 12, Low Back Complaints" belongs to the ACOEM citation. */
		if (chapter)
			details = chapter + chapter_len;
		p = details;
	}
	if (cur) {
		read_details(r, cur, details, sentence_end(r, details, end));
	} else if (!r->g->count) {
		const char *mtus = find(r, IMR_PH_MTUS, s, end);
		if (mtus)
			add_citation(r, IMR_BODY_MTUS, mtus); /* "based on the MTUS" */
	}
}

void imr_citations_read_hits(struct imr_arena *a, struct imr_guideline_facts *g,
                             const struct imr_hits *h, const struct imr_joined *j)
{
	if (!g->text)
		return;
	struct reading r = {a, g, g->text, h, j};
	const char *text_end = g->text + h->len;
	const char *p = find(&r, IMR_PH_DECISION_BASED_ON, g->text, text_end);
	if (!p) {
		/* No marker: the 2013 notices' and professional reviews' words,
		 * the first of these the paragraph has. */
		static const enum imr_phrase starts[] = {
			IMR_PH_BASED_ITS_DECISION_ON, IMR_PH_BASED_HIS_HER_DECISION_ON,
			IMR_PH_BASED_HIS_DECISION_ON, IMR_PH_BASED_HER_DECISION_ON,
			IMR_PH_BASED_THE_DECISION_ON,
		};
		const char *from = g->text;
		for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
			const char *q = find(&r, starts[i], g->text, text_end);
			if (q) {
				from = q + imr_phrase_len(starts[i]);
				break;
			}
		}
		read_free(&r, from, text_end);
		return;
	}
	while (p) {
		p += imr_phrase_len(IMR_PH_DECISION_BASED_ON);
		const char *next = find(&r, IMR_PH_DECISION_BASED_ON, p, text_end);
		const char *end = next ? next : text_end;
		if (hit_at(&r, IMR_PH_NON_MTUS_CITATION, p))
			read_non_mtus(&r, p + imr_phrase_len(IMR_PH_NON_MTUS_CITATION), end);
		else if (hit_at(&r, IMR_PH_MTUS, p))
			read_mtus(&r, p + imr_phrase_len(IMR_PH_MTUS), end);
		else if (hit_at(&r, IMR_PH_OFFICIAL_DISABILITY, p) || hit_at(&r, IMR_PH_ODG, p))
			read_non_mtus(&r, p, end);
		p = next;
	}
}

void imr_citations_read(struct imr_arena *a, struct imr_guideline_facts *g)
{
	if (!g->text)
		return;
	struct imr_hits h;
	imr_phrases_find(a, IMR_SET_GUIDELINE, g->text, strlen(g->text), &h);
	imr_citations_read_hits(a, g, &h, NULL);
}
