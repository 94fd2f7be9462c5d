/* extract.c - meaning from the parse tree (see extract.h).  Each part of
 * the document is joined into one string (text.c, which keeps the way
 * back to the input's lines), read once by the phrase matcher for all
 * the phrases of its kind (phrase.h), and the readers walk the
 * occurrences found (reader.h): the reviewer, the items, the 2013 lists,
 * the header and the records here; the case summary in summary.c.  None
 * of them can fail the conversion: what is not found is simply absent
 * from the XML. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "citation.h"
#include "classify.h"
#include "date.h"
#include "lexicon.h"
#include "phrase.h"
#include "request.h"
#include "reader.h"
#include "summary.h"
#include "text.h"

/* ---- lists ---------------------------------------------------------------- */

/* Split [s, e) at commas (and " and " when split_and) into trimmed items,
 * each with its position when j is not NULL (the region is j's). */
static void split_list(struct imr_arena *a, const char *s, const char *e, bool split_and,
                       struct imr_strings *out, const struct imr_joined *j)
{
	const char *start = s;
	for (const char *p = s;; p++) {
		/* "and" in any case: a text of one case has "AND" (onecase.h). */
		bool at_and = split_and && e - p >= 5 && p[0] == ' ' && (p[1] | 0x20) == 'a' &&
		              strncasecmp(p, " and ", 5) == 0;
		if (p == e || *p == ',' || at_and) {
			const char *b = start, *z = p;
			imr_trim_span(&b, &z, ".,;");
			if (z > b)
				add_at(a, out, b, z, j);
			if (p == e)
				break;
			start = p + (at_and ? 5 : 1);
			p = start - 1;
		}
	}
}

void imr_split_list(struct imr_arena *a, const char *s, bool split_and, struct imr_strings *out)
{
	split_list(a, s, s + strlen(s), split_and, out, NULL);
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

/* The first " and " (any case) in [p, e). */
static const char *and_in(const char *p, const char *e)
{
	for (; e - p >= 5; p++)
		if (*p == ' ' && strncasecmp(p, " and ", 5) == 0)
			return p;
	return NULL;
}

/* "Internal Medicine, Occupational Medicine", "Anesthesiology and Pain
 * Medicine": one certification each, a board's own "and" kept. */
static void split_specialties(struct imr_arena *a, const char *s, const char *e,
                              struct imr_strings *out, const struct imr_joined *j)
{
	const char *start = s;
	for (const char *c = s;; c++) {
		if (c != e && *c != ',')
			continue;
		/* One comma-separated part, [b, z) trimmed. */
		const char *b = start, *z = c;
		imr_trim_span(&b, &z, ".,;");
		if (z > b) {
			const char *from = b;
			for (const char *q = and_in(b, z); q; q = and_in(q + 1, z)) {
				/* Keep "A and B" whole when it is one board's name, here or
				 * with what follows ("Physical Medicine and Rehabilitation"). */
				const char *next = and_in(q + 1, z);
				const char *upto = next ? next : z;
				if (compound_specialty(from, (size_t)(upto - from)))
					continue;
				const char *ib = from, *ie = q;
				imr_trim_span(&ib, &ie, ".,");
				if (ie > ib)
					add_at(a, out, ib, ie, j);
				from = q + 5;
			}
			const char *ib = from, *ie = z;
			imr_trim_span(&ib, &ie, ".,");
			if (ie > ib)
				add_at(a, out, ib, ie, j);
		}
		if (c == e)
			break;
		start = c + 1;
	}
}

void imr_split_specialties(struct imr_arena *a, const char *s, struct imr_strings *out)
{
	split_specialties(a, s, s + strlen(s), out, NULL);
}

/* ---- the reviewer ----------------------------------------------------------- */

/* States from l->items[from] on that OCR split at a blank ("W yoming"):
 * their blanks where the state's are, the letters as written. */
static void mend_states(struct imr_arena *a, struct imr_strings *l, size_t from)
{
	for (size_t i = from; i < l->count; i++) {
		const char *s = l->items[i], *t = imr_state_split(s, strlen(s));
		if (!t)
			continue;
		char *m = imr_arena_strndup(a, t, strlen(t));
		for (char *c = m; *c; c++) {
			if (*c == ' ')
				continue;
			while (*s == ' ')
				s++;
			*c = *s++;
		}
		l->items[i] = m;
	}
}

/* "... is Board Certified in X, has a subspecialty in Y and is licensed
 * to practice in California and Texas." */
static void extract_reviewer_sentence(struct imr_arena *a, const struct scan *sc,
                                      struct imr_determination *out)
{
	static const enum imr_phrase stops[] = {
		IMR_PH_COMMA_HAS_SUBSPECIALTY, IMR_PH_SPACE_HAS_SUBSPECIALTY, IMR_PH_COMMA_AND_IS_LICENSED,
		IMR_PH_SPACE_AND_IS_LICENSED, IMR_PH_SPACE_AND_IS_SPACE, IMR_PH_PERIOD_SPACE,
	};
	static const enum imr_phrase sub_stops[] = {
		IMR_PH_SPACE_AND_IS_SPACE, IMR_PH_COMMA_AND_IS, IMR_PH_PERIOD_SPACE, IMR_PH_COMMA,
	};
	const char *s = sc->j.s, *end = s + sc->j.len;
	const char *p = find_from(sc, IMR_PH_BOARD_CERTIFIED_IN, s, end);
	if (p) {
		p += imr_phrase_len(IMR_PH_BOARD_CERTIFIED_IN);
		const char *e = find_any(sc, stops, sizeof stops / sizeof stops[0], p);
		const char *b = p, *z = e ? e : end;
		imr_trim_span(&b, &z, ".,");
		if (z > b)
			split_specialties(a, b, z, &out->certifications, &sc->j);
	}
	p = find_from(sc, IMR_PH_HAS_SUBSPECIALTY_IN, s, end);
	if (p) {
		p += imr_phrase_len(IMR_PH_HAS_SUBSPECIALTY_IN);
		const char *e = find_any(sc, sub_stops, sizeof sub_stops / sizeof sub_stops[0], p);
		const char *b = p, *z = e ? e : end;
		imr_trim_span(&b, &z, ".,");
		if (z > b)
			add_at(a, &out->subspecialties, b, z, &sc->j);
	}
	p = find_from(sc, IMR_PH_LICENSED_TO_PRACTICE_IN, s, end);
	if (p) {
		p += imr_phrase_len(IMR_PH_LICENSED_TO_PRACTICE_IN);
		const char *e = find_from(sc, IMR_PH_PERIOD, p, end);
		const char *b = p, *z = e ? e : end;
		imr_trim_span(&b, &z, ".,");
		size_t from = out->licenses.count;
		split_list(a, b, z, true, &out->licenses, &sc->j);
		mend_states(a, &out->licenses, from);
	}
}

static void extract_reviewer(struct imr_arena *a, const struct imr_source *src,
                             const struct imr_reviewer *r, struct imr_determination *out)
{
	out->has_reviewer = true;
	struct scan sc;
	imr_join_text(a, src, r->text, &sc.j);
	imr_joined_paragraphs(a, &sc.j, &out->reviewer_text);
	scan_joined(a, IMR_SET_REVIEWER, &sc);
	out->physician = has(&sc, IMR_PH_PHYSICIAN_REVIEWER);
	extract_reviewer_sentence(a, &sc, out);
	for (size_t i = 0; i < r->count; i++) {
		const struct imr_credential *c = r->credentials[i];
		if (!c->text)
			continue;
		struct imr_joined list;
		imr_join_text(a, src, c->text, &list);
		/* The grammar makes credentials of these two labels only. */
		if (c->label == IMR_LICENSURE) {
			size_t from = out->licenses.count;
			split_list(a, list.s, list.s + list.len, false, &out->licenses, &list);
			mend_states(a, &out->licenses, from);
		} else
			split_specialties(a, list.s, list.s + list.len, &out->certifications, &list);
	}
}

/* ---- a rationale's conclusion --------------------------------------------- */

/* The conclusion is the rationale's last sentence that concludes: read
 * backwards from the end for a statement of (non-)necessity, then the
 * sentence it stands in is read as a sentence (one pass of the matcher
 * over it) for what the statement says:
 *
 *   is it concluded?  Not in a condition ("and if necessary, other
 *                     relevant guidelines", "when medically necessary",
 *                     a sentence that opens with "If") nor a purpose ("to
 *                     establish medical necessity, ..."); and the stock
 *                     advice on weaning a drug never finds it necessary.
 *                     A statement that is not concluded is passed over
 *                     for the one before it.
 *   negated?          By a negation in its own clause ("is not supported
 *                     by the guidelines as being medically necessary",
 *                     "cannot be considered", "no medical necessity");
 *                     its clause runs back to the comma, semicolon or
 *                     conjunction with a verb of its own after it ("the
 *                     patient has not improved, and the request is
 *                     medically necessary": not negated), and to the
 *                     clause before when it has no verb ("the request is
 *                     not, in this case, medically necessary").  "Medical
 *                     necessity" is negated after it too ("the medical
 *                     necessity of this request is not established").
 *
 * Found nowhere, the conclusion is unknown (no attribute), not a guess. */

static inline bool stop(char c)
{
	return c == '.' || c == '?' || c == '!';
}

/* A mark (the byte's high bit) on each of the eight bytes at p that is a
 * stop, exactly (no sum carries out of a byte). */
static inline uint64_t stops8(const char *p)
{
	const uint64_t ones = 0x0101010101010101u, sevens = ones * 0x7F, highs = ones * 0x80;
	uint64_t x, d, q, e;
	memcpy(&x, p, sizeof x);
	d = x ^ (ones * '.'), q = x ^ (ones * '?'), e = x ^ (ones * '!');
	return (~(((d & sevens) + sevens) | d) | ~(((q & sevens) + sevens) | q) | ~(((e & sevens) + sevens) | e)) &
	       highs;
}

/* Where the sentence around s[at] starts and ends in s[0..n): at a period
 * (or ? !) a blank follows, not an abbreviation's ("Dr.", "e.g."). */
static bool sentence_end(const char *s, size_t n, size_t i)
{
	if (!stop(s[i]))
		return false;
	if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\n')
		return false;
	static const char *const abbreviations[] = {"dr", "mr", "ms", "mrs", "vs", "e.g", "i.e", "no", "al", "st"};
	size_t w = i;
	while (w > 0 && (isalpha((unsigned char)s[w - 1]) || s[w - 1] == '.'))
		w--;
	for (size_t k = 0; k < sizeof abbreviations / sizeof *abbreviations; k++)
		if (strlen(abbreviations[k]) == i - w && strncasecmp(s + w, abbreviations[k], i - w) == 0)
			return false;
	return true;
}

static bool clause_verb(enum imr_phrase id)
{
	return id == IMR_PH_VERB_IS || id == IMR_PH_VERB_ARE || id == IMR_PH_VERB_WAS ||
	       id == IMR_PH_VERB_WERE || id == IMR_PH_VERB_BE || id == IMR_PH_VERB_BEEN;
}

static bool negation(enum imr_phrase id)
{
	return id == IMR_PH_NOT || id == IMR_PH_CANNOT || id == IMR_PH_NT_SPACE || id == IMR_PH_NON ||
	       id == IMR_PH_NO || id == IMR_PH_LACK_OF;
}

static bool opens_clause(enum imr_phrase id)
{
	return id == IMR_PH_COMMA || id == IMR_PH_SEMICOLON || id == IMR_PH_CONJ_AND ||
	       id == IMR_PH_CONJ_BUT || id == IMR_PH_CONJ_SO || id == IMR_PH_THEREFORE ||
	       id == IMR_PH_THUS || id == IMR_PH_HENCE || id == IMR_PH_BECAUSE || id == IMR_PH_SINCE;
}

static bool conditional(enum imr_phrase id)
{
	return id == IMR_PH_IF || id == IMR_PH_WHEN || id == IMR_PH_WHENEVER || id == IMR_PH_UNLESS ||
	       id == IMR_PH_WHERE;
}

static bool purpose(enum imr_phrase id)
{
	return id == IMR_PH_TO_ESTABLISH || id == IMR_PH_TO_SUPPORT || id == IMR_PH_TO_DETERMINE ||
	       id == IMR_PH_TO_DEMONSTRATE || id == IMR_PH_TO_JUSTIFY || id == IMR_PH_TO_SUBSTANTIATE;
}

/* CONCLUDES_UNLESS_EARLIER: a sentence about weaning or tapering, which
 * concludes only when no sentence before it does (the stock advice after
 * "not medically necessary" does not undo it; "Oxycodone #84 (tapering
 * schedule), is medically necessary" concludes). */
/* Whether the hit k starts a limit ("no more than", "not to exceed"), not
 * a negation: a limit phrase starts where it does. */
static bool limit_at(const struct imr_hits *h, size_t k)
{
	for (size_t j = imr_hits_from(h, h->v[k].at); j < h->n && h->v[j].at == h->v[k].at; j++) {
		enum imr_phrase id = h->v[j].id;
		if (id == IMR_PH_NOT_TO_EXCEED || id == IMR_PH_NOT_MORE_THAN || id == IMR_PH_NO_MORE_THAN ||
		    id == IMR_PH_NO_LONGER_THAN)
			return true;
	}
	return false;
}

enum reading { CONCLUDES_NOT, CONCLUDES, CONCLUDES_NOTHING, CONCLUDES_UNLESS_EARLIER };

/* What the statement of necessity at s[at] (phrase which, len bytes) says,
 * read in its sentence. */
static enum reading read_statement(struct imr_arena *a, const char *s, size_t n, size_t at,
                                   enum imr_phrase which)
{
	size_t b = at, e = at;
	/* (A stop is rare: the bytes between are passed over eight at a time,
	 * not looked at one by one, a digit's or a stop's branch mispredicted
	 * every few bytes.) */
	for (;; b--) {
		while (b >= 8 && !stops8(s + b - 8))
			b -= 8;
		if (b == 0 || (stop(s[b - 1]) && sentence_end(s, n, b - 1)))
			break;
	}
	for (;; e++) {
		while (e + 8 <= n && !stops8(s + e))
			e += 8;
		if (e >= n || (stop(s[e]) && sentence_end(s, n, e)))
			break;
	}
	struct imr_hits h;
	imr_phrases_find(a, IMR_SET_CLAUSE, s + b, e - b, &h);
	size_t here = at - b, after = here + imr_phrase_len(which);
	/* The statement's clause: back from the statement to where a clause
	 * with a verb of its own opens, and over clauses without a verb. */
	size_t k = imr_hits_from(&h, here);
	bool verb = false, negated = false, condition = false, aim = false;
	int aside = 0; /* inside a parenthesis: "(not to exceed 6 visits)" */
	while (k-- > 0) {
		enum imr_phrase id = h.v[k].id;
		aside += (id == IMR_PH_CLOSE_PAREN) - (id == IMR_PH_OPEN_PAREN && aside > 0);
		if (aside || limit_at(&h, k))
			continue;
		if (opens_clause(id) && verb)
			break;
		verb |= clause_verb(id);
		negated |= negation(id);
		condition |= conditional(id);
		aim |= purpose(id);
	}
	/* A sentence that opens with a condition: "If ..., X would be necessary". */
	condition |= h.n && h.v[0].at <= 1 && conditional(h.v[0].id);
	if (which == IMR_PH_MEDICAL_NECESSITY && !negated)
		for (size_t i = imr_hits_from(&h, after); i < h.n && !negated; i++) {
			enum imr_phrase id = h.v[i].id;
			if (id == IMR_PH_SEMICOLON || id == IMR_PH_BECAUSE || id == IMR_PH_SINCE ||
			    id == IMR_PH_CONJ_BUT)
				break;
			negated = id == IMR_PH_NOT || id == IMR_PH_CANNOT || id == IMR_PH_NT_SPACE;
		}
	if (negated)
		return CONCLUDES_NOT;
	if (condition || aim)
		return CONCLUDES_NOTHING;
	for (size_t i = 0; i < h.n; i++)
		if (h.v[i].id == IMR_PH_WEAN || h.v[i].id == IMR_PH_TAPER)
			return CONCLUDES_UNLESS_EARLIER;
	return CONCLUDES;
}

static enum imr_conclusion conclusion(struct imr_arena *a, const char *s, size_t n)
{
	size_t at;
	enum imr_conclusion fallback = IMR_CONCLUSION_NONE;
	for (int which; (which = imr_phrases_last(IMR_SET_CONCLUSION, s, n, &at)) >= 0; n = at) {
		if (which == IMR_PH_NOT_NECESSARY) {
			/* "is not necessary", but not "it is not necessary to taper" */
			if (at + 16 <= n && strncasecmp(s + at + 13, " to", 3) == 0 &&
			    (at + 16 == n || !isalpha((unsigned char)s[at + 16])))
				continue;
			return IMR_NOT_NECESSARY;
		}
		if (which != IMR_PH_MEDICALLY_NECESSARY && which != IMR_PH_MEDICALLY_APPROPRIATE &&
		    which != IMR_PH_MEDICAL_NECESSITY)
			return IMR_NOT_NECESSARY; /* non-certified, not certified, medically unnecessary */
		switch (read_statement(a, s, n, at, (enum imr_phrase)which)) {
		case CONCLUDES_NOT:
			return IMR_NOT_NECESSARY;
		case CONCLUDES:
			return IMR_NECESSARY;
		case CONCLUDES_UNLESS_EARLIER:
			if (fallback == IMR_CONCLUSION_NONE)
				fallback = IMR_NECESSARY;
			break;
		case CONCLUDES_NOTHING:
			break;
		}
	}
	return fallback;
}

enum imr_conclusion imr_extract_conclusion(const char *s)
{
	struct imr_arena a;
	imr_arena_init(&a);
	enum imr_conclusion c = conclusion(&a, s, strlen(s));
	imr_arena_free(&a);
	return c;
}

/* ---- an item's title: a modified request ------------------------------------ */

/* The three parts of a modified request, as spans of the title t. */
struct request_parts {
	const char *service[2], *original[2], *authorized[2];
};

static bool read_request(const struct scan *sc, struct request_parts *out)
{
	const char *t = sc->j.s, *end = t + sc->j.len;
	const char *orig = find_from(sc, IMR_PH_WAS_THE_ORIGINAL_REQUEST, t, end);
	if (!orig)
		return false;
	const char *o[2] = {t, orig}, *au[2] = {NULL, NULL};
	imr_trim_span(&o[0], &o[1], ".,");
	const char *rest = orig + imr_phrase_len(IMR_PH_WAS_THE_ORIGINAL_REQUEST);
	const char *by = find_from(sc, IMR_PH_WAS_AUTHORIZED_BY, rest, end);
	const char *remaining = find_from(sc, IMR_PH_REMAINING_PORTION, rest, end);
	const char *ca = find_from(sc, IMR_PH_CLAIMS_ADMINISTRATOR_AUTHORIZED, rest, end);
	const char *leaving = ca ? find_from(sc, IMR_PH_LEAVING_THE_ORIGINAL, ca, end) : NULL;
	const char *decided;
	if (by && remaining) {
		au[0] = rest, au[1] = by;
		decided = remaining + imr_phrase_len(IMR_PH_REMAINING_PORTION);
	} else if (ca && leaving) {
		au[0] = ca + imr_phrase_len(IMR_PH_CLAIMS_ADMINISTRATOR_AUTHORIZED), au[1] = leaving;
		const char *again = find_from(sc, IMR_PH_THE_ORIGINAL_REQUEST_COMMA, leaving, end);
		if (!again)
			return false;
		decided = again + imr_phrase_len(IMR_PH_THE_ORIGINAL_REQUEST_COMMA);
	} else {
		return false;
	}
	imr_trim_span(&au[0], &au[1], ".,");
	const char *e = end;
	if (e - decided >= 3 && strcmp(e - 3, " is") == 0)
		e -= 3;
	const char *sv[2] = {decided, e};
	imr_trim_span(&sv[0], &sv[1], ".,:");
	/* Every part must be there, or it is not this form after all. */
	if (sv[1] == sv[0] || o[1] == o[0] || au[1] == au[0])
		return false;
	*out = (struct request_parts){{sv[0], sv[1]}, {o[0], o[1]}, {au[0], au[1]}};
	return true;
}

bool imr_extract_request(struct imr_arena *a, const char *t, const char **service,
                         const char **original, const char **authorized)
{
	struct scan sc;
	scan_string(a, IMR_SET_TITLE, t, &sc);
	struct request_parts r;
	if (!read_request(&sc, &r))
		return false;
	*service = imr_arena_strndup(a, r.service[0], (size_t)(r.service[1] - r.service[0]));
	*original = imr_arena_strndup(a, r.original[0], (size_t)(r.original[1] - r.original[0]));
	*authorized = imr_arena_strndup(a, r.authorized[0], (size_t)(r.authorized[1] - r.authorized[0]));
	return true;
}

/* ---- an item -------------------------------------------------------------- */

static void extract_guideline(struct imr_arena *a, const struct imr_source *src,
                              const struct imr_guideline *g, struct imr_guideline_facts *out,
                              struct scan *sc)
{
	if (!g)
		return;
	out->present = true;
	imr_join_text(a, src, g->text, &sc->j);
	scan_joined(a, IMR_SET_GUIDELINE, sc);
	out->text = sc->j.s;
	out->pos = imr_joined_pos(&sc->j, 0);
	out->cited = !has(sc, IMR_PH_DID_NOT_CITE);
	if (out->cited)
		imr_citations_read_hits(a, out, &sc->h, &sc->j);
}

/* Which of the items the text at s (up to end) opens ("Lidoderm 5%
 * patch: ..." opens the one titled "Lidoderm 5% patch #30"), or -1. */
static int opens_item(const char *s, const char *end, const char *const *titles, size_t n)
{
	size_t len = (size_t)(end - s);
	const char *colon = memchr(s, ':', len < 80 ? len : 80);
	if (!colon || colon == s)
		return -1;
	size_t k = (size_t)(colon - s);
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(titles[i], s, k) == 0 && (titles[i][k] == '\0' || titles[i][k] == ' '))
			return (int)i;
	return -1;
}

/* The next sentence after s in [s, end) that opens an item, or end: the
 * lines of a paragraph joined put an item's part in the middle of the
 * line before ("... which is why it was relied upon. Flurbiprofen 20%
 * cream: MTUS ..."). */
static const char *next_item_opening(const char *s, const char *end, const char *const *titles,
                                     size_t n, int *which)
{
	for (const char *p = s; (p = memchr(p, '.', (size_t)(end - p))) && end - p > 2; p++)
		if (p[1] == ' ' && isupper((unsigned char)p[2]) && (*which = opens_item(p + 2, end, titles, n)) >= 0)
			return p + 2;
	return end;
}

/* A professional review's guideline or rationale, shared by its items:
 * the lines for item `which` (those after a line opening with its name,
 * up to one opening with another's) and the lines before any of them,
 * a line cut where a sentence in it opens another item.  The whole text
 * when no line names an item. */
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
		const char *s = src->text + t->lines[i].start, *end = src->text + t->lines[i].end;
		int o = opens_item(s, end, titles, n);
		for (;;) {
			int next = -1;
			const char *cut = next_item_opening(s, end, titles, n, &next);
			if (o >= 0)
				owner = o, named = true;
			if (owner < 0 || owner == (int)which) {
				struct imr_line l = t->lines[i];
				l.para_break = l.para_break || o >= 0;
				l.start = (uint32_t)(s - src->text);
				l.end = (uint32_t)(cut - src->text);
				while (l.end > l.start && src->text[l.end - 1] == ' ')
					l.end--;
				mine = mine ? imr_text_append(a, mine, l) : imr_text_new(a, l);
			}
			if (cut == end)
				break;
			s = cut, o = next;
		}
	}
	return named ? mine : t;
}

static void extract_issue(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_document *doc, const struct imr_issue *is,
                          struct imr_issue_facts *out, const struct imr_joined *joined_title,
                          const char *const *titles, size_t index)
{
	out->line = imr_source_line(src, is->node.span.start);
	out->page = src->npages > 1 ? imr_source_page(src, is->node.span.start) : 0;
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
	/* The title without its final colon (the shared sections' owners are
	 * told by the title as joined, colon and all). */
	struct scan title = {.j = *joined_title};
	size_t n = title.j.len;
	while (n && (title.j.s[n - 1] == ':' || title.j.s[n - 1] == ' '))
		n--;
	if (n != title.j.len) {
		title.j.s = imr_arena_strndup(a, title.j.s, n);
		title.j.len = n;
	}
	scan_joined(a, IMR_SET_TITLE, &title);
	out->title = out->service = title.j.s;
	out->title_pos = out->service_pos = imr_joined_pos(&title.j, 0);
	struct request_parts rq;
	size_t service_at = 0; /* where the service starts in the title */
	if (read_request(&title, &rq)) {
		service_at = (size_t)(rq.service[0] - title.j.s);
		out->service = imr_arena_strndup(a, rq.service[0], (size_t)(rq.service[1] - rq.service[0]));
		out->original_request =
		        imr_arena_strndup(a, rq.original[0], (size_t)(rq.original[1] - rq.original[0]));
		out->authorized =
		        imr_arena_strndup(a, rq.authorized[0], (size_t)(rq.authorized[1] - rq.authorized[0]));
		out->service_pos = pos_at(&title, rq.service[0]);
		out->original_pos = pos_at(&title, rq.original[0]);
		out->authorized_pos = pos_at(&title, rq.authorized[0]);
	}
	if (*out->service) {
		imr_request_parse(a, out->service, strlen(out->service), &out->request);
		out->has_request = true;
		struct imr_joined *where = imr_arena_alloc(a, sizeof *where);
		*where = title.j;
		out->request_where = where;
		out->request_at = service_at;
	}
	struct scan claims = {0}, max = {0};
	extract_guideline(a, src, is->claims, &out->claims, &claims);
	extract_guideline(a, src, maximus, &out->maximus, &max);
	/* "The Expert Reviewer found that the guideline used by the Claims
	 * Administrator was appropriate": the reviewer relied on the same. */
	if (out->maximus.present && !out->maximus.count && out->claims.count &&
	    has(&max, IMR_PH_USED_BY_CLAIMS_ADMINISTRATOR) &&
	    (has(&max, IMR_PH_APPROPRIATE) || has(&max, IMR_PH_RELEVANT))) {
		out->maximus.citations = out->claims.citations;
		out->maximus.count = out->maximus.capacity = out->claims.count;
	}
	if (out->has_request && has(&max, IMR_PH_THERAPEUTIC))
		imr_classify_as_therapy(&out->request);
	if (rationale) {
		struct imr_joined j;
		imr_join_text(a, src, rationale, &j);
		imr_joined_paragraphs(a, &j, &out->rationale);
		out->conclusion = conclusion(a, j.s, j.len);
	}
	for (size_t p = 0; p < IMR_ITEM_PART_COUNT; p++)
		if (is->parts[p])
			imr_text_paragraphs(a, src, is->parts[p], &out->parts[p]);
}

/* ---- The 2013 notice's numbered lists -------------------------------------- */

/* "1) MAXIMUS Federal Services, Inc. has determined the request for X is
 * not medically necessary and appropriate." (also "notmedically").  The
 * service's span in *service. */
static void read_list_entry(const struct scan *sc, unsigned n, struct imr_list_decision *out,
                            const char *service[2])
{
	memset(out, 0, sizeof *out);
	service[0] = service[1] = NULL;
	out->n = n;
	const char *s = sc->j.s, *end = s + sc->j.len;
	const char *req = find_from(sc, IMR_PH_THE_REQUEST_FOR, s, end);
	const char *from = req ? req + imr_phrase_len(IMR_PH_THE_REQUEST_FOR) : s;
	const char *m = NULL;
	for (size_t k = imr_hits_from(&sc->h, (size_t)(from - s)); k < sc->h.n; k++)
		if (sc->h.v[k].id == IMR_PH_MEDICALLY_NECESSARY)
			m = s + sc->h.v[k].at;
	if (!m)
		return;
	const char *b = m;
	while (b > from && b[-1] == ' ')
		b--;
	out->decided = true;
	out->decision = b - from >= 3 && strncasecmp(b - 3, "not", 3) == 0 ? IMR_UPHELD : IMR_OVERTURNED;
	/* The last " is " before the statement: it ends at "medically" itself
	 * when the decision is "is medically necessary" (no "not" between). */
	const char *is = NULL;
	for (size_t k = imr_hits_from(&sc->h, (size_t)(from - s)); k < sc->h.n && s + sc->h.v[k].at < b; k++)
		if (sc->h.v[k].id == IMR_PH_SPACE_IS_SPACE && s + sc->h.v[k].at + sc->h.v[k].len <= m)
			is = s + sc->h.v[k].at;
	if (req && is) {
		service[0] = from, service[1] = is;
		imr_trim_span(&service[0], &service[1], ".,:");
	}
}

void imr_read_list_entry(struct imr_arena *a, const char *s, unsigned n, struct imr_list_decision *out)
{
	struct scan sc;
	scan_string(a, IMR_SET_LIST, s, &sc);
	const char *service[2];
	read_list_entry(&sc, n, out, service);
	if (service[0])
		out->service = imr_arena_strndup(a, service[0], (size_t)(service[1] - service[0]));
}

static void extract_lists(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_document *doc, struct imr_determination *out)
{
	for (unsigned l = 0; l < 2; l++)
		out->lists[l] = imr_arena_alloc(a, (doc->entry_count + 1) * sizeof *out->lists[l]);
	for (size_t i = 0; i < doc->entry_count; i++) {
		const struct imr_decision_entry *e = &doc->entries[i];
		unsigned l = e->list ? 1 : 0;
		/* From the words after the number, joined as any text is, so that
		 * every offset of the entry has its line. */
		struct imr_text t = *e->text;
		struct imr_line *lines = imr_arena_alloc(a, t.count * sizeof *lines);
		memcpy(lines, t.lines, t.count * sizeof *lines);
		lines[0].start = lines[0].rest;
		t.lines = lines;
		struct imr_joined *j = imr_arena_alloc(a, sizeof *j);
		imr_join(a, src, &t, 0, t.count, j);
		struct scan sc = {.j = *j};
		scan_joined(a, IMR_SET_LIST, &sc);
		struct imr_list_decision *d = &out->lists[l][out->list_count[l]++];
		const char *service[2];
		read_list_entry(&sc, e->text->lines[0].id, d, service);
		if (service[0]) {
			d->service = imr_arena_strndup(a, service[0], (size_t)(service[1] - service[0]));
			d->service_pos = pos_at(&sc, service[0]);
			d->where = j;
			d->service_at = (size_t)(service[0] - j->s);
		}
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

/* ---- the header ------------------------------------------------------------- */

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
 * wraps; or, with no comma at all, a line an item.  pos: each line's
 * position (NULL: none). */
static void split_treatments(struct imr_arena *a, const char *const *lines, size_t n,
                             const struct imr_pos *pos, struct imr_strings *out)
{
	bool commas = false;
	for (size_t i = 0; i < n; i++)
		commas |= strpbrk(lines[i], ",;") != NULL;
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total += strlen(lines[i]) + 1;
	/* Join the lines, a separator ';' where a line break ends an item. */
	char *all = imr_arena_alloc(a, total), *o = all;
	size_t *starts = imr_arena_alloc(a, (n + 1) * sizeof *starts);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		if (i > 0) {
			bool wrap = commas || continues(o, lines[i]);
			*o++ = wrap ? ' ' : ';';
		}
		starts[i] = (size_t)(o - all);
		memcpy(o, lines[i], len);
		o += len;
	}
	*o = '\0';
	const char *start = all;
	size_t line = 0;
	for (const char *p = all;; p++) {
		if (*p == ',' || *p == ';' || *p == '\0') {
			const char *b = start, *e = p;
			imr_trim_span(&b, &e, ".,;");
			/* "1) NORCO ...", "2. SOMA ...": the numbering goes. */
			const char *q = b;
			while (q < e && isdigit((unsigned char)*q))
				q++;
			if (q > b && q - b <= 2 && e - q >= 2 && (*q == ')' || *q == '.') && q[1] == ' ')
				b = q + 2;
			if (e > b) {
				while (line + 1 < n && starts[line + 1] <= (size_t)(b - all))
					line++;
				imr_strings_add_at(a, out, imr_arena_strndup(a, b, (size_t)(e - b)),
				                   pos && n ? pos[line] : (struct imr_pos){0, 0});
			}
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
}

void imr_split_treatments(struct imr_arena *a, const char *const *lines, size_t n,
                          struct imr_strings *out)
{
	split_treatments(a, lines, n, NULL, out);
}

static void extract_header(struct imr_arena *a, const struct imr_source *src,
                           const struct imr_header *h, struct imr_determination *out)
{
	out->has_header = true;
	for (size_t i = 0; i < h->count; i++) {
		const struct imr_header_field *f = &h->fields[i];
		if (out->header_text[f->label])
			continue; /* the first of two labels for one field ("Dated:", "Decision Date:") */
		struct imr_joined v;
		imr_join_text(a, src, f->value, &v);
		out->header_text[f->label] = v.s;
		out->header_pos[f->label] = imr_joined_pos(&v, 0);
		switch (f->label) {
		case IMR_PRIORITY:
			out->priority = strcasecmp(v.s, "Expedited") == 0  ? IMR_EXPEDITED
			                : strcasecmp(v.s, "Standard") == 0 ? IMR_STANDARD
			                                                   : IMR_PRIORITY_UNKNOWN;
			break;
		case IMR_CASE_NUMBER:
		case IMR_EMPLOYEE_NAME:
		case IMR_CLAIM_NUMBER:
		case IMR_PROVIDER_NAME:
			break;
		case IMR_TREATMENTS: {
			const char **lines = imr_arena_alloc(a, f->value->count * sizeof *lines);
			struct imr_pos *pos = imr_arena_alloc(a, f->value->count * sizeof *pos);
			for (size_t k = 0; k < f->value->count; k++) {
				struct imr_joined l;
				imr_join(a, src, f->value, k, k + 1, &l);
				lines[k] = l.s;
				pos[k] = imr_joined_pos(&l, 0);
			}
			split_treatments(a, lines, f->value->count, pos, &out->treatments);
			break;
		}
		case IMR_DATE_ASSIGNED:
		case IMR_DECISION_DATE:
		case IMR_DATE_OF_INJURY:
		case IMR_UR_DENIAL_DATE:
		case IMR_APPLICATION_RECEIVED: {
			const char *e = imr_date_parse(v.s, &out->header_date[f->label]);
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
 * "from 1/2/2013 to 3/4/2013": a range, read from dates[0] on; a single
 * date otherwise.  Where the date or range ends. */
static const char *record_dates(const char *s, const struct imr_dated *dates, size_t count,
                                struct imr_record *r)
{
	struct imr_date d = dates[0].date;
	const char *e = s + dates[0].at;
	while (*e && *e != ' ')
		e++;
	static const char *const to[] = {" through ", " thru ", " - ", " to ", "-", " \xe2\x80\x93 "};
	for (size_t i = 0; count > 1 && i < sizeof to / sizeof to[0]; i++) {
		size_t len = strlen(to[i]);
		struct imr_date d2;
		const char *p = e;
		if (p[-1] == ',')
			p--;
		if (strncasecmp(p, to[i], len) == 0 && s + dates[1].at == p + len &&
		    imr_date_parse(p + len, &d2)) {
			r->from = d, r->to = d2;
			for (e = p + len; *e && *e != ' ';)
				e++;
			return e;
		}
	}
	r->date = d;
	return e;
}

/* The length of a bullet at p ("- ", "* ", the bullet sign and a blank),
 * or 0. */
static size_t bullet(const char *p)
{
	if ((*p == '-' || *p == '*') && p[1] == ' ')
		return 2;
	return strncmp(p, "\xe2\x80\xa2 ", 4) == 0 ? 4 : 0;
}

/* Where the next record starts in s[from..n) of a line holding several
 * (a list's lines joined into one): after a date or range, at a capital
 * ("dated 09/23/2013 Medical Treatment ..."), or at the words a record
 * opens with after a word that is not lower case ("(MTUS) Official
 * Disability Guidelines", "Knee & Leg Chapter Medical Records from"), or
 * at the bullet before either ("dated 09/23/2013 - Medical Treatment").
 * n if none. */
static size_t next_record(const char *s, size_t n, size_t from, const struct imr_hits *h,
                          const struct imr_dated *dates, size_t count)
{
	size_t cut = n, first = from + bullet(s + from); /* the record's own words */
	for (size_t k = imr_hits_from(h, first + 1); k < h->n && h->v[k].at < cut; k++) {
		size_t at = h->v[k].at;
		if (h->v[k].id < IMR_PH_FIRST_RECORD || h->v[k].id > IMR_PH_LAST_RECORD || s[at - 1] != ' ')
			continue;
		size_t w = at - 1;
		while (w > first && s[w - 1] != ' ')
			w--;
		if (w > first && bullet(s + w) == at - w)
			cut = w;
		else if (!islower((unsigned char)s[w]))
			cut = at;
	}
	for (size_t i = 0; i < count && dates[i].at < cut; i++) {
		if (dates[i].at < from)
			continue;
		struct imr_record ignored = {0};
		size_t e = (size_t)(record_dates(s, dates + i, count - i, &ignored) - s);
		if (ignored.to.year)
			i++; /* the range's end */
		if (e + 1 < cut && s[e] == ' ' && isupper((unsigned char)s[e + 1 + bullet(s + e + 1)]))
			cut = e + 1;
	}
	return cut;
}

/* The dated document after a record's date or range (e, within
 * s[..end)) when words other than a list's joints stand between them
 * ("dated 10/08/2013 utilization review determination dated 09/23/2013",
 * not "dated 01/02/2013, 02/03/2013 and 03/04/2013"): where it starts, or
 * NULL. */
static const char *run_together(const char *s, const char *e, size_t end,
                                const struct imr_dated *dates, size_t count)
{
	size_t i = 1;
	while (i < count && s + dates[i].at < e)
		i++;
	if (i == count || dates[i].at >= end)
		return NULL;
	static const char *const joints[] = {"and", "or", "dated", "on", "of", "from", "through", "to", "thru"};
	for (const char *p = e, *next = s + dates[i].at; p < next;) {
		while (p < next && !isalpha((unsigned char)*p))
			p++;
		const char *w = p;
		while (p < next && isalpha((unsigned char)*p))
			p++;
		size_t k = 0, n = (size_t)(p - w);
		while (n && k < sizeof joints / sizeof joints[0] &&
		       !(strlen(joints[k]) == n && strncasecmp(joints[k], w, n) == 0))
			k++;
		if (n && k == sizeof joints / sizeof joints[0])
			return w;
	}
	return NULL;
}

static void extract_records(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                            struct imr_determination *out)
{
	out->has_records = true;
	if (!t)
		return;
	size_t cap = 0;
	for (size_t i = 0; i < t->count;) {
		size_t j = i + 1;
		while (j < t->count && !starts_record(src, &t->lines[j]))
			j++;
		struct imr_joined text;
		imr_join(a, src, t, i, j, &text);
		struct imr_hits h;
		imr_phrases_find(a, IMR_SET_DATES, text.s, text.len, &h);
		struct imr_dated *dates;
		size_t count = imr_dates_read(a, &h, &dates);
		for (size_t at = 0, next; at < text.len; at = next) {
			next = next_record(text.s, text.len, at, &h, dates, count);
			size_t end = next;
			while (end > at && text.s[end - 1] == ' ')
				end--;
			char *p = text.s + at;
			p += bullet(p);
			if (p >= text.s + end)
				continue; /* a bullet alone */
			out->records = imr_arena_grow(a, out->records, &cap, out->record_count + 1, sizeof *out->records);
			struct imr_record *r = &out->records[out->record_count++];
			memset(r, 0, sizeof *r);
			struct imr_pos pos = imr_joined_pos(&text, at);
			r->line = pos.line;
			r->page = pos.page;
			r->text = next == text.len ? p : imr_arena_strndup(a, p, end - (size_t)(p - text.s));
			size_t d = 0;
			while (d < count && dates[d].at < (size_t)(p - text.s))
				d++;
			if (d < count && dates[d].at < end)
				r->run_together = run_together(text.s, record_dates(text.s, dates + d, count - d, r),
				                               end, dates + d, count - d);
		}
		i = j;
	}
}

unsigned imr_line_page(const struct imr_determination *d, unsigned line)
{
	const struct imr_source *src = d->input;
	if (!src || src->npages < 2 || line == 0 || line > src->nlines)
		return 0;
	return imr_source_page(src, imr_source_line_start(src, line));
}

void imr_extract(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
                 struct imr_determination *out)
{
	memset(out, 0, sizeof *out);
	out->input = src;
	out->variant = doc->variant;
	out->complete = doc->unparsed_count == 0;
	out->age = -1;
	if (doc->header)
		extract_header(a, src, doc->header, out);
	for (size_t p = 0; p < IMR_PART_COUNT; p++)
		if (doc->parts[p])
			imr_text_paragraphs(a, src, doc->parts[p], &out->parts[p]);
	extract_lists(a, src, doc, out);
	if (doc->reviewer)
		extract_reviewer(a, src, doc->reviewer, out);
	if (doc->has_documents)
		extract_records(a, src, doc->documents, out);
	if (doc->summary)
		imr_extract_summary(a, src, doc->summary, out);
	out->issue_count = doc->issue_count;
	size_t listed = out->list_count[0] ? out->list_count[0] : out->list_count[1];
	out->issues = imr_arena_alloc(a, (doc->issue_count + listed + 1) * sizeof *out->issues);
	const char **titles = imr_arena_alloc(a, (doc->issue_count + 1) * sizeof *titles);
	struct imr_joined *joined = imr_arena_alloc(a, (doc->issue_count + 1) * sizeof *joined);
	for (size_t i = 0; i < doc->issue_count; i++) {
		imr_join_text(a, src, doc->issues[i]->title, &joined[i]);
		titles[i] = joined[i].s;
	}
	for (size_t i = 0; i < doc->issue_count; i++) {
		extract_issue(a, src, doc, doc->issues[i], &out->issues[i], &joined[i], titles, i);
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
			f->page = de && src->npages > 1 ? imr_source_page(src, de->text->lines[0].start) : 0;
			f->title = f->service = e->service ? e->service : "";
			f->title_pos = f->service_pos = e->service_pos;
			if (*f->service) {
				imr_request_parse(a, f->service, strlen(f->service), &f->request);
				f->has_request = true;
				f->request_where = e->where;
				f->request_at = e->service_at;
			}
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
