/* citation.c - guideline citations: which body, which document, which
 * sections and pages.  The MTUS documents are a table, longest names
 * first, so "Chronic Pain Medical Treatment Guidelines" wins over
 * "Chronic Pain Medical Treatment". */
#include "citation.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* The parts of the MTUS cited by name (the ACOEM chapters it adopts
 * among them), longest first: X("name as the letters write it") */
#define IMR_MTUS_DOCUMENTS(X)                                                             \
	X("Chronic Pain Medical Treatment Guidelines")                                    \
	X("Independent Medical Examinations and Consultations")                           \
	X("Forearm, Wrist, and Hand Complaints")                                          \
	X("Chronic Pain Medical Treatment")                                               \
	X("Chronic Pain Treatment Guidelines")                                            \
	X("Neck and Upper Back Complaints")                                               \
	X("Initial Approaches to Treatment")                                              \
	X("Postsurgical Treatment Guidelines")                                            \
	X("Acupuncture Treatment Guidelines")                                             \
	X("Ankle and Foot Complaints")                                                    \
	X("Stress Related Conditions")                                                    \
	X("Postsurgical Treatment")                                                       \
	X("Acupuncture Treatment")                                                        \
	X("Low Back Complaints")                                                          \
	X("Shoulder Complaints")                                                          \
	X("Opioid Treatment")                                                             \
	X("Elbow Complaints")                                                             \
	X("General Approaches")                                                           \
	X("Knee Complaints")                                                              \
	X("Eye Chapter")

#define DOCUMENT_ROW(s) {s, sizeof s - 1},
static const struct {
	const char *name;
	size_t len;
} mtus_documents[] = {IMR_MTUS_DOCUMENTS(DOCUMENT_ROW)};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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

static bool word_at(const char *text, const char *p, const char *word, size_t n)
{
	if (p > text && isalnum((unsigned char)p[-1]))
		return false;
	return tolower((unsigned char)*p) == tolower((unsigned char)*word) &&
	       strncasecmp(p, word, n) == 0 && !isalnum((unsigned char)p[n]);
}

/* A document name starting at p: its table length, or 0.  Names begin
 * words, so only word starts are tried. */
static size_t mtus_document_at(const char *text, const char *p)
{
	if (!isalpha((unsigned char)*p) || (p > text && isalnum((unsigned char)p[-1])))
		return 0;
	for (size_t i = 0; i < COUNT(mtus_documents); i++)
		if (word_at(text, p, mtus_documents[i].name, mtus_documents[i].len))
			return mtus_documents[i].len;
	return 0;
}

static struct imr_citation *add_citation(struct imr_arena *a, struct imr_guideline_facts *g,
                                         enum imr_body body)
{
	g->citations = imr_arena_grow(a, g->citations, &g->capacity, g->count + 1, sizeof *g->citations);
	struct imr_citation *c = &g->citations[g->count++];
	memset(c, 0, sizeof *c);
	c->body = body;
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
static void read_sections(struct imr_arena *a, struct imr_citation *c, const char *s, const char *e)
{
	int depth = 0;
	const char *start = s;
	for (const char *p = s; p <= e; p++) {
		if (p < e && *p == '(')
			depth++;
		else if (p < e && *p == ')' && depth)
			depth--;
		if (p == e || (*p == ',' && depth == 0)) {
			char *sec = imr_trim_copy(a, start, p, ".,;");
			if (*sec)
				imr_strings_add(a, &c->sections, sec);
			start = p + 1;
		}
	}
}

/* What follows a document's name, up to the next citation:
 * " 2016, Section(s): X, Y." or " Muscle relaxants Page(s): 63-66." */
static void read_details(struct imr_arena *a, struct imr_citation *c, const char *p, const char *end)
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
	const char *pages = imr_find_ci_n(p, (size_t)(end - p), "Page(s):");
	size_t pages_len = 8;
	if (!pages) {
		/* In words (2013): ", Opioids, pages 74-96, which are part of the MTUS". */
		for (const char *w = p; w && w < end; w = imr_find_ci_n(w + 1, (size_t)(end - w - 1), "page")) {
			if (w > p && isalnum((unsigned char)w[-1]))
				continue;
			size_t n = strncasecmp(w, "pages ", 6) == 0 ? 6 : strncasecmp(w, "page ", 5) == 0 ? 5 : 0;
			if (n && w + n < end && isdigit((unsigned char)w[n])) {
				pages = w, pages_len = n;
				break;
			}
		}
	}
	const char *sections = imr_find_ci_n(p, (size_t)(end - p), "Section(s):");
	const char *topic_end = pages ? pages : end;
	if (!pages) {
		/* ", which are part of the MTUS." closes a 2013 citation's topic. */
		const char *which = imr_find_ci_n(p, (size_t)(end - p), ", which ");
		if (which)
			topic_end = which;
	}
	if (sections && sections < topic_end) {
		read_sections(a, c, sections + 11, topic_end);
		topic_end = sections;
	}
	char *topic = imr_trim_copy(a, p, topic_end, ".,;:");
	/* "Muscle relaxants (for pain) MTUS Page(s)": the trailing body name
	 * repeats the citation's own. */
	size_t n = strlen(topic);
	if (n >= 5 && strcmp(topic + n - 5, " MTUS") == 0)
		topic[n - 5] = '\0';
	if (*topic)
		c->topic = topic;
	if (pages)
		read_pages(a, c, pages + pages_len, end);
}

/* After "Decision based on MTUS ": one citation per document named. */
static void read_mtus(struct imr_arena *a, struct imr_guideline_facts *g, const char *s, const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = s; p < end; p++) {
		size_t n = mtus_document_at(s, p);
		if (!n && word_at(s, p, "ACOEM", 5)) {
			/* "ACOEM Chapter 12 Low Back Complaints" is one document. */
			const char *q = p + 5, *chapter = NULL;
			size_t chapter_len = 0;
			if (strncasecmp(q, " Chapter ", 9) == 0 && isdigit((unsigned char)q[9])) {
				chapter = q + 9;
				while (isdigit((unsigned char)chapter[chapter_len]))
					chapter_len++;
				q = chapter + chapter_len;
			}
			const char *after = q;
			if (*q == ' ')
				q++;
			size_t m = q < end ? mtus_document_at(s, q) : 0;
			if (cur)
				read_details(a, cur, details, p);
			cur = add_citation(a, g, IMR_BODY_MTUS);
			cur->document = m ? imr_arena_strndup(a, q, m) : "ACOEM";
			if (chapter)
				cur->chapter = imr_arena_strndup(a, chapter, chapter_len);
			details = m ? q + m : after;
			p = details - 1;
			continue;
		}
		if (!n)
			continue;
		if (cur)
			read_details(a, cur, details, p);
		cur = add_citation(a, g, IMR_BODY_MTUS);
		cur->document = imr_arena_strndup(a, p, n);
		details = p + n;
		p += n - 1;
	}
	if (cur)
		read_details(a, cur, details, end);
	else if (s < end)
		cur = add_citation(a, g, IMR_BODY_MTUS); /* "Decision based on MTUS." */
}

/* After "Decision based on Non-MTUS Citation ": ODG, ACOEM or other. */
static void read_non_mtus(struct imr_arena *a, struct imr_guideline_facts *g, const char *s,
                          const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = s; p < end; p++) {
		enum imr_body body;
		size_t n;
		const char *document;
		if (*p != 'O' && *p != 'o' && *p != 'A' && *p != 'a')
			continue;
		if (word_at(s, p, "Official Disability Guidelines", 30)) {
			body = IMR_BODY_ODG, n = 30, document = "Official Disability Guidelines";
			if (strncmp(p + n, " (ODG)", 6) == 0)
				n += 6;
		} else if (word_at(s, p, "ODG", 3) && !(p > s && p[-1] == '(')) {
			body = IMR_BODY_ODG, n = 3, document = "Official Disability Guidelines";
		} else if (word_at(s, p, "ACOEM", 5)) {
			body = IMR_BODY_ACOEM, n = 5, document = "ACOEM";
		} else {
			continue;
		}
		if (cur)
			read_details(a, cur, details, p);
		cur = add_citation(a, g, body);
		cur->document = document;
		details = p + n;
		p += n - 1;
	}
	if (cur) {
		read_details(a, cur, details, end);
	} else if (s < end) {
		const char *e = s;
		while (e < end && *e != '.' && *e != ',')
			e++;
		char *name = imr_trim_copy(a, s, e, ".,");
		if (*name) {
			cur = add_citation(a, g, IMR_BODY_OTHER);
			cur->document = name;
		}
	}
}

/* Where the sentence that p is in ends (a period, a blank, a capital),
 * or end. */
static const char *sentence_end(const char *p, const char *end)
{
	for (const char *q = p; q + 2 < end; q++)
		if (*q == '.' && q[1] == ' ' && isupper((unsigned char)q[2]))
			return q;
	return end;
}

/* A citation in free words, without "Decision based on" (the 2013
 * notices: "based its decision on the Chronic Pain Medical Treatment
 * Guidelines, Opioids, pages 74-96, which are part of the MTUS"; the
 * professional review's guideline section): one citation per document
 * or body named, in the order named. */
static void read_free(struct imr_arena *a, struct imr_guideline_facts *g, const char *s, const char *end)
{
	struct imr_citation *cur = NULL;
	const char *details = s;
	for (const char *p = s; p < end; p++) {
		if (!isalpha((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		enum imr_body body;
		size_t n = mtus_document_at(s, p);
		const char *document = NULL, *chapter = NULL;
		size_t chapter_len = 0;
		if (n) {
			body = IMR_BODY_MTUS;
			document = imr_arena_strndup(a, p, n);
		} else if (word_at(s, p, "Official Disability Guidelines", 30)) {
			body = IMR_BODY_ODG, n = 30, document = "Official Disability Guidelines";
			if (strncmp(p + n, " (ODG)", 6) == 0)
				n += 6;
		} else if (word_at(s, p, "ODG", 3)) {
			body = IMR_BODY_ODG, n = 3, document = "Official Disability Guidelines";
		} else if (word_at(s, p, "ACOEM", 5)) {
			/* The ACOEM chapters the MTUS adopts are the MTUS. */
			body = imr_find_ci_n(p, (size_t)(end - p), "MTUS") ? IMR_BODY_MTUS : IMR_BODY_ACOEM;
			n = 5, document = "ACOEM";
			const char *ch = imr_find_ci_n(p, (size_t)(end - p), "Chapter ");
			if (ch && ch - p < 60 && isdigit((unsigned char)ch[8])) {
				chapter = ch + 8;
				while (isdigit((unsigned char)chapter[chapter_len]))
					chapter_len++;
				/* "Chapter 12, Low Back Complaints": the chapter's name. */
				const char *q = chapter + chapter_len;
				while (q < end && (*q == ',' || *q == ' '))
					q++;
				size_t m = q < end ? mtus_document_at(s, q) : 0;
				if (m) {
					document = imr_arena_strndup(a, q, m);
					chapter_len = (size_t)(q + m - chapter);
				}
			}
		} else {
			continue;
		}
		/* A body named again ("..., and the ODG sets out criteria") is no
		 * new citation; the details stop at the end of a sentence. */
		bool again = false;
		for (size_t i = 0; i < g->count; i++)
			again |= g->citations[i].body == body && document && g->citations[i].document &&
			         strcmp(g->citations[i].document, document) == 0;
		if (cur)
			read_details(a, cur, details, sentence_end(details, p));
		if (again) {
			cur = NULL;
			p += n - 1;
			continue;
		}
		cur = add_citation(a, g, body);
		cur->document = document;
		if (chapter) {
			size_t digits = 0;
			while (isdigit((unsigned char)chapter[digits]))
				digits++;
			cur->chapter = imr_arena_strndup(a, chapter, digits);
		}
		details = p + n;
		/* "..., Chapter 12, Low Back Complaints" belongs to the ACOEM citation. */
		if (chapter)
			details = chapter + chapter_len;
		p = details - 1;
	}
	if (cur)
		read_details(a, cur, details, sentence_end(details, end));
	else if (!g->count && imr_find_ci_n(s, (size_t)(end - s), "MTUS"))
		add_citation(a, g, IMR_BODY_MTUS); /* "based on the MTUS" */
}

void imr_citations_read(struct imr_arena *a, struct imr_guideline_facts *g)
{
	static const char marker[] = "Decision based on ";
	const char *p = g->text ? imr_find_ci(g->text, marker) : NULL;
	if (!p && g->text) {
		/* No marker: the 2013 notices' and professional reviews' words. */
		static const char *const starts[] = {"based its decision on ", "based his/her decision on ",
		                                     "based his decision on ", "based her decision on ",
		                                     "based the decision on "};
		const char *from = g->text;
		for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
			const char *q = imr_find_ci(g->text, starts[i]);
			if (q) {
				from = q + strlen(starts[i]);
				break;
			}
		}
		read_free(a, g, from, from + strlen(from));
		return;
	}
	while (p) {
		p += sizeof marker - 1;
		const char *next = imr_find_ci(p, marker);
		const char *end = next ? next : p + strlen(p);
		if (imr_starts_ci(p, "Non-MTUS Citation"))
			read_non_mtus(a, g, p + 17, end);
		else if (imr_starts_ci(p, "MTUS"))
			read_mtus(a, g, p + 4, end);
		else if (imr_starts_ci(p, "Official Disability") || imr_starts_ci(p, "ODG"))
			read_non_mtus(a, g, p, end);
		p = next;
	}
}
