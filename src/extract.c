/* extract.c - meaning from the parse tree (see extract.h).  Each part of
 * the document is joined into one string (text.c, which keeps the way
 * back to the input's lines), read once by the phrase matcher for all
 * the phrases of its kind (phrase.h), and the readers below walk the
 * occurrences found; none of them can fail the conversion: what is not
 * found is simply absent from the XML. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "citation.h"
#include "date.h"
#include "lexicon.h"
#include "phrase.h"
#include "request.h"
#include "text.h"

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '\'';
}

/* A part of the document as the readers see it: joined, and the
 * occurrences of its set's phrases in it. */
struct scan {
	struct imr_joined j;
	struct imr_hits h;
};

static void scan_joined(struct imr_arena *a, enum imr_phrase_set set, struct scan *sc)
{
	imr_phrases_find(a, set, sc->j.s, sc->j.len, &sc->h);
}

/* A string that comes from no input (the pieces' unit tests). */
static void scan_string(struct imr_arena *a, enum imr_phrase_set set, const char *s, struct scan *sc)
{
	sc->j = (struct imr_joined){.s = (char *)s, .len = strlen(s)};
	scan_joined(a, set, sc);
}

static struct imr_pos pos_at(const struct scan *sc, const char *p)
{
	return imr_joined_pos_at(&sc->j, p);
}

static bool has(const struct scan *sc, enum imr_phrase id)
{
	return imr_hits_first(&sc->h, id, 0, sc->h.len) != NULL;
}

/* The first occurrence of id at or after p (and wholly before end). */
static const char *find_from(const struct scan *sc, enum imr_phrase id, const char *p, const char *end)
{
	const struct imr_hit *h = imr_hits_first(&sc->h, id, (size_t)(p - sc->j.s), (size_t)(end - sc->j.s));
	return h ? sc->j.s + h->at : NULL;
}

/* The first occurrence, at or after p, of any of the phrases in ids. */
static const char *find_any(const struct scan *sc, const enum imr_phrase *ids, size_t n, const char *p)
{
	for (size_t k = imr_hits_from(&sc->h, (size_t)(p - sc->j.s)); k < sc->h.n; k++)
		for (size_t i = 0; i < n; i++)
			if (sc->h.v[k].id == ids[i])
				return sc->j.s + sc->h.v[k].at;
	return NULL;
}

/* Whether the occurrence h is a whole word (letters, digits and the
 * apostrophe are word characters), in s[0..n) as one region. */
static bool whole_word(const char *s, size_t n, const struct imr_hit *h)
{
	return (h->at == 0 || !is_word_char(s[h->at - 1])) &&
	       !(h->at + h->len < n && is_word_char(s[h->at + h->len]));
}

static void add_at(struct imr_arena *a, struct imr_strings *l, const char *b, const char *e,
                   const struct imr_joined *j)
{
	imr_strings_add_at(a, l, imr_arena_strndup(a, b, (size_t)(e - b)),
	                   j && j->nlines ? imr_joined_pos_at(j, b) : (struct imr_pos){0, 0});
}

/* ---- the patient ---------------------------------------------------------- */

/* "49-year-old", "57 year old", "now 33-year-old": the age, or -1; *at
 * is where its digits start. */
static int read_age(const struct scan *sc, const char **at)
{
	const char *s = sc->j.s;
	for (size_t k = 0; k < sc->h.n; k++) {
		if (sc->h.v[k].id != IMR_PH_YEAR)
			continue;
		const char *p = s + sc->h.v[k].at;
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
		if (age > 0 && age < 120) {
			*at = d;
			return age;
		}
	}
	return -1;
}

static bool pronoun_is(const char *w, size_t n, enum imr_phrase id)
{
	return n == imr_phrase_len(id) && strncasecmp(w, imr_phrase_text(id), n) == 0;
}

/* The word of the sex ("male", "female"), the first one; with neither,
 * the pronouns tell (doctors are "he" or "she" too, but the patient is
 * the one most spoken of); "He/she" in boilerplate counts for neither.
 * *at: the word, or the first pronoun of the sex found. */
static enum imr_sex read_sex(const struct scan *sc, const char **at)
{
	const char *s = sc->j.s;
	size_t n = sc->j.len;
	const struct imr_hit *male = NULL, *female = NULL;
	for (size_t k = 0; k < sc->h.n && !(male && female); k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->id == IMR_PH_MALE && !male && whole_word(s, n, h))
			male = h;
		else if (h->id == IMR_PH_FEMALE && !female && whole_word(s, n, h))
			female = h;
	}
	if (male && (!female || male->at < female->at)) {
		*at = s + male->at;
		return IMR_MALE;
	}
	if (female) {
		*at = s + female->at;
		return IMR_FEMALE;
	}
	/* Words are runs of letters.  After "xx/she" (a word of two letters)
	 * the words go on right after the "/she", letters or not. */
	size_t he = 0, she = 0, skip = 0;
	const char *first_he = NULL, *first_she = NULL;
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->at < skip)
			continue;
		switch (h->id) { /* a phrase id: no enum switch */
		case IMR_PH_HE:
		case IMR_PH_HIS:
		case IMR_PH_HIM:
			if (!he++)
				first_he = s + h->at;
			break;
		case IMR_PH_SHE:
		case IMR_PH_HER:
		case IMR_PH_HERS:
			if (!she++)
				first_she = s + h->at;
			break;
		case IMR_PH_SLASH_SHE: {
			size_t q = h->at;
			if (q < 2 || !isalpha((unsigned char)s[q - 1]) || !isalpha((unsigned char)s[q - 2]) ||
			    (q > 2 && isalpha((unsigned char)s[q - 3])))
				break;
			for (;;) {
				he--;
				size_t w = q + 4, e = w;
				while (e < n && isalpha((unsigned char)s[e]))
					e++;
				skip = e;
				if (e - w == 2 && e + 4 <= n && strncasecmp(s + e, "/she", 4) == 0) {
					if (pronoun_is(s + w, 2, IMR_PH_HE) && !he++)
						first_he = s + w;
					q = e;
					continue;
				}
				if (pronoun_is(s + w, e - w, IMR_PH_HE) || pronoun_is(s + w, e - w, IMR_PH_HIS) ||
				    pronoun_is(s + w, e - w, IMR_PH_HIM)) {
					if (!he++)
						first_he = s + w;
				} else if (pronoun_is(s + w, e - w, IMR_PH_SHE) ||
				           pronoun_is(s + w, e - w, IMR_PH_HER) ||
				           pronoun_is(s + w, e - w, IMR_PH_HERS)) {
					if (!she++)
						first_she = s + w;
				}
				break;
			}
			break;
		}
		default:
			break;
		}
	}
	if (she > he) {
		*at = first_she;
		return IMR_FEMALE;
	}
	if (he > she) {
		*at = first_he;
		return IMR_MALE;
	}
	return IMR_SEX_UNKNOWN;
}

/* The date of injury: the first date within a few words after "injury",
 * "claim from" or "injured" (whole words), the earliest such. */
static bool read_injury(const struct scan *sc, const struct imr_dated *dates, size_t ndates,
                        struct imr_date *out, const char **at)
{
	const char *s = sc->j.s;
	size_t n = sc->j.len;
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if ((h->id != IMR_PH_INJURY && h->id != IMR_PH_CLAIM_FROM && h->id != IMR_PH_INJURED) ||
		    !whole_word(s, n, h))
			continue;
		size_t window = 48 + (size_t)h->len;
		size_t end = h->at + window < n ? h->at + window : n;
		const struct imr_dated *d = imr_dates_first(dates, ndates, h->at, end);
		if (d) {
			*out = d->date;
			*at = s + d->at;
			return true;
		}
	}
	return false;
}

/* Where the sentences of s end: after a '.' or ';' that a blank or the
 * end follows ("Dr." and "i.e." go on). */
static size_t sentence_ends(struct imr_arena *a, const struct scan *sc, size_t **out)
{
	const char *s = sc->j.s;
	size_t n = sc->j.len, count = 0, cap = 0;
	size_t *ends = NULL;
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->id != IMR_PH_PERIOD && h->id != IMR_PH_SEMICOLON)
			continue;
		size_t q = h->at;
		if (!(q + 1 == n || s[q + 1] == ' '))
			continue;
		if (q >= 2 && (strncmp(s + q - 2, "Dr", 2) == 0 || strncmp(s + q - 2, ".e", 2) == 0))
			continue;
		ends = imr_arena_grow(a, ends, &cap, count + 1, sizeof *ends);
		ends[count++] = q + 1;
	}
	*out = ends;
	return count;
}

/* Each sentence that names a utilization review or a prior
 * determination gives its first date, once. */
static void read_ur_dates(struct imr_arena *a, const struct scan *sc, const struct imr_dated *dates,
                          size_t ndates, struct imr_determination *out)
{
	static const enum imr_phrase reviews[] = {
		IMR_PH_UTILIZATION_REVIEW, IMR_PH_UR_PARENTHESIZED, IMR_PH_UR_WORD,
		IMR_PH_PRIOR_DETERMINATION, IMR_PH_PREVIOUS_DETERMINATION, IMR_PH_PREVIOUSLY_DENIED,
	};
	const char *s = sc->j.s;
	size_t n = sc->j.len;
	size_t *ends;
	size_t nends = sentence_ends(a, sc, &ends), next_end = 0;
	for (size_t p = 0; p < n;) {
		while (next_end < nends && ends[next_end] <= p)
			next_end++;
		size_t e = next_end < nends ? ends[next_end] : n;
		/* Within the sentence only (and its final blank), never beyond. */
		size_t within = e + (s[e] == ' ');
		bool review = within - p >= 3 && strncmp(s + p, "UR ", 3) == 0;
		for (size_t k = imr_hits_from(&sc->h, p); !review && k < sc->h.n && sc->h.v[k].at < within; k++)
			for (size_t i = 0; i < sizeof reviews / sizeof reviews[0]; i++)
				review |= sc->h.v[k].id == reviews[i] && sc->h.v[k].at + sc->h.v[k].len <= within;
		const struct imr_dated *d = review ? imr_dates_first(dates, ndates, p, e) : NULL;
		bool dup = false;
		for (size_t i = 0; d && i < out->ur_count; i++)
			dup |= memcmp(&out->ur_dates[i], &d->date, sizeof d->date) == 0;
		if (d && !dup && out->ur_count < sizeof out->ur_dates / sizeof out->ur_dates[0]) {
			out->ur_pos[out->ur_count] = pos_at(sc, s + d->at);
			out->ur_dates[out->ur_count++] = d->date;
		}
		p = e;
		while (p < n && s[p] == ' ')
			p++;
	}
}

int imr_extract_age(const char *summary)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct scan sc;
	scan_string(&a, IMR_SET_SUMMARY, summary, &sc);
	const char *at;
	int age = read_age(&sc, &at);
	imr_arena_free(&a);
	return age;
}

enum imr_sex imr_extract_sex(const char *summary)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct scan sc;
	scan_string(&a, IMR_SET_SUMMARY, summary, &sc);
	const char *at;
	enum imr_sex sex = read_sex(&sc, &at);
	imr_arena_free(&a);
	return sex;
}

bool imr_extract_injury(const char *summary, struct imr_date *out)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct scan sc;
	scan_string(&a, IMR_SET_SUMMARY, summary, &sc);
	struct imr_dated *dates;
	size_t n = imr_dates_read(&a, &sc.h, &dates);
	const char *at;
	bool found = read_injury(&sc, dates, n, out, &at);
	imr_arena_free(&a);
	return found;
}

/* ---- lists ---------------------------------------------------------------- */

/* Split [s, e) at commas (and " and " when split_and) into trimmed items,
 * each with its position when j is not NULL (the region is j's). */
static void split_list(struct imr_arena *a, const char *s, const char *e, bool split_and,
                       struct imr_strings *out, const struct imr_joined *j)
{
	const char *start = s;
	for (const char *p = s;; p++) {
		bool at_and = split_and && e - p >= 5 && strncmp(p, " and ", 5) == 0;
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

/* ---- diagnoses and medications ---------------------------------------------- */

static bool word_is(const char *w, size_t n, const char *const *words, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
			return true;
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Words of a list item that names only a part of the body ("ankle", "the
 * left knee"): in "strain in right hip, ankle, and foot" it shares the
 * condition before it and is no diagnosis of its own. */
static const char *const body_words[] = {
	"right", "left", "bilateral", "both", "the", "upper", "lower", "hip", "hips", "ankle",
	"ankles", "foot", "feet", "knee", "knees", "shoulder", "shoulders", "wrist", "wrists", "hand",
	"hands", "elbow", "elbows", "neck", "back", "arm", "arms", "leg", "legs", "thumb", "thumbs",
	"finger", "fingers", "toe", "toes", "spine", "thigh", "thighs", "forearm", "forearms", "chest",
	"head", "groin", "heel", "heels", "buttock", "buttocks", "pelvis", "extremity", "extremities",
};
/* A procedure after "and" belongs to the diagnosis before it ("fracture
 * of the finger and repair on 10-22-16"), as "status post" does. */
static const char *const procedure_words[] = {
	"repair", "fusion", "surgery", "release", "fixation", "reconstruction", "replacement",
	"arthroscopy", "decompression", "discectomy", "laminectomy", "arthroplasty", "debridement",
	"excision", "amputation",
};
/* Words of a part that only qualifies the one before it ("bilateral carpal
 * tunnel syndrome, right worse than left"). */
static const char *const qualifier_words[] = {
	"right", "left", "worse", "greater", "than", "more", "less", "on", "the", "side",
};
/* A list that starts with these is no list of diagnoses ("The diagnosis
 * was not provided", "the diagnosis is consistent with ..."). */
static const char *const not_a_list[] = {
	"not", "no", "none", "unknown", "unclear", "uncertain", "pending", "deferred", "supported",
	"consistent", "confirmed", "based", "made", "unchanged",
};
/* What may come between the noun and its list: "The current diagnoses are
 * documented as ...". */
static const char *const lead_ins[] = {"documented as ", "noted as ", "listed as ", "as follows: ",
                                        "as follows:", "the following: ", "the following:"};
/* The end of a word broken by a line's end ("radicu-" / "lopathy"): such a
 * hyphen goes; one that joins words ("follow-up", "non-certified") stays. */
static const char *const word_ends[] = {"pathy", "itis", "osis", "algia", "ectomy", "otomy", "ostomy",
                                        "plasty", "scopy", "graphy", "logy", "iasis", "emia", "oma",
                                        "tion", "sion", "ment", "ness", "ity", "ism"};

/* Whether [b, e) holds only words of the list (and no other letter). */
static bool only_words(const char *b, const char *e, const char *const *words, size_t count)
{
	bool any = false;
	for (const char *p = b; p < e;) {
		while (p < e && !isalpha((unsigned char)*p))
			p++;
		const char *w = p;
		while (p < e && isalpha((unsigned char)*p))
			p++;
		if (p > w) {
			if (!word_is(w, (size_t)(p - w), words, count))
				return false;
			any = true;
		}
	}
	return any;
}

static const char *skip_blanks(const char *p, const char *e)
{
	while (p < e && *p == ' ')
		p++;
	return p;
}

/* The first word of [b, e). */
static size_t first_word(const char *b, const char *e, const char **w)
{
	b = skip_blanks(b, e);
	const char *p = b;
	while (p < e && isalpha((unsigned char)*p))
		p++;
	*w = b;
	return (size_t)(p - b);
}

/* "1) ", "2. ", "(3) " opening a numbered list's item at p (preceded by
 * a blank or the list's start): its length, or 0. */
static size_t number_mark(const char *start, const char *p, const char *e)
{
	if (p > start && p[-1] != ' ' && p[-1] != '(')
		return 0;
	const char *q = p;
	while (q < e && isdigit((unsigned char)*q) && q - p < 2)
		q++;
	if (q == p || q >= e || (*q != ')' && *q != '.') || q + 1 >= e || q[1] != ' ')
		return 0;
	return (size_t)(q + 2 - p);
}

/* Where a list that starts at p ends: at the first period a blank or
 * the end follows (not "Dr.", "i.e.", nor a numbered list's "2."). */
static const char *list_end(const struct scan *sc, const char *p)
{
	const char *s = sc->j.s, *end = s + sc->j.len;
	for (size_t k = imr_hits_from(&sc->h, (size_t)(p - s)); k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->id != IMR_PH_PERIOD)
			continue;
		const char *q = s + h->at;
		if (q + 1 < end && q[1] != ' ')
			continue;
		if (q - s >= 2 && (strncmp(q - 2, "Dr", 2) == 0 || strncmp(q - 2, ".e", 2) == 0))
			continue;
		/* "1." itself, or "... strain. 2. Cervical": the list goes on. */
		const char *d = q;
		while (d > p && isdigit((unsigned char)d[-1]))
			d--;
		if (d < q && q - d <= 2 && number_mark(p, d, end))
			continue;
		if (q + 2 < end && number_mark(p, q + 2, end))
			continue;
		return q;
	}
	return end;
}

/* The text of [b, e) with the hyphens of words broken at a line's end
 * taken out (j: where the lines start). */
static char *item_copy(struct imr_arena *a, const char *b, const char *e, const struct imr_joined *j)
{
	char *out = imr_arena_strndup(a, b, (size_t)(e - b)), *o = out;
	for (const char *p = b; p < e; p++) {
		if (*p == '-' && p > b && islower((unsigned char)p[-1]) && p + 1 < e &&
		    islower((unsigned char)p[1]) && j && j->nlines) {
			size_t at = (size_t)(p + 1 - j->s);
			bool line_start = false;
			for (size_t k = 1; k < j->nlines && !line_start; k++)
				line_start = j->at[k] == at;
			const char *w = p + 1;
			while (w < e && isalpha((unsigned char)*w))
				w++;
			bool broken = false;
			for (size_t i = 0; line_start && i < COUNT(word_ends) && !broken; i++) {
				size_t n = strlen(word_ends[i]);
				broken = (size_t)(w - (p + 1)) >= n && strncasecmp(w - n, word_ends[i], n) == 0;
			}
			if (broken)
				continue;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

struct span {
	const char *b, *e;
};

/* Add [b, e) as a diagnosis, its article gone, unless it is there already. */
static void add_diagnosis(struct imr_arena *a, const struct scan *sc, const char *b, const char *e,
                          struct imr_strings *out)
{
	imr_trim_span(&b, &e, ".,;:");
	static const char *const articles[] = {"a ", "an ", "the "};
	for (size_t i = 0; i < COUNT(articles); i++)
		if ((size_t)(e - b) > strlen(articles[i]) && strncasecmp(b, articles[i], strlen(articles[i])) == 0)
			b += strlen(articles[i]);
	size_t letters = 0;
	for (const char *p = b; p < e; p++)
		letters += isalpha((unsigned char)*p) != 0;
	if (letters < 2 || e - b > 240)
		return;
	char *text = item_copy(a, b, e, &sc->j);
	for (size_t i = 0; i < out->count; i++)
		if (strcasecmp(out->items[i], text) == 0)
			return;
	imr_strings_add_at(a, out, text, sc->j.nlines ? pos_at(sc, b) : (struct imr_pos){0, 0});
}

/* Split a list of diagnoses [b, e) into single ones: at numbered items,
 * else at semicolons (when it has any) or commas outside parentheses,
 * and at the "and" that ends it ("A, B and C"; "A, B, and C" ends with
 * its item "C"); a part that names only a part of the body belongs to
 * the one before it. */
static void split_diagnoses(struct imr_arena *a, const struct scan *sc, const char *b, const char *e,
                            struct imr_strings *out)
{
	struct span items[64] = {{NULL, NULL}};
	size_t n = 0;
	size_t marks = 0;
	for (const char *p = b; p < e; p++)
		marks += isdigit((unsigned char)*p) && number_mark(b, p, e) != 0;
	if (marks >= 2) {
		const char *start = NULL;
		for (const char *p = b; p <= e && n < COUNT(items); p++) {
			size_t m = p < e && isdigit((unsigned char)*p) ? number_mark(b, p, e) : 0;
			if (p == e || m) {
				if (start)
					items[n++] = (struct span){start, p};
				start = p + m;
				p += m ? m - 1 : 0;
			}
		}
		for (size_t i = 0; i < n; i++) {
			const char *ib = items[i].b, *ie = items[i].e;
			imr_trim_span(&ib, &ie, ".,;:");
			add_diagnosis(a, sc, ib, ie, out);
		}
		return;
	}
	char sep = memchr(b, ';', (size_t)(e - b)) ? ';' : ',';
	int depth = 0;
	const char *start = b;
	for (const char *p = b; p <= e && n < COUNT(items); p++) {
		if (p < e && *p == '(')
			depth++;
		else if (p < e && *p == ')' && depth)
			depth--;
		if (p == e || (*p == sep && depth == 0)) {
			items[n++] = (struct span){start, p};
			start = p + 1;
		}
	}
	if (!n)
		return;
	/* "A, B, and C": the list's own "and" opens its last item. */
	const char *last = skip_blanks(items[n - 1].b, items[n - 1].e);
	bool oxford = n > 1 && items[n - 1].e - last > 4 && strncasecmp(last, "and ", 4) == 0;
	if (oxford)
		items[n - 1].b = last + 4;
	else if (n < COUNT(items)) {
		/* "A, B and C", "A and B": the last "and" of the last item, unless
		 * it joins parts of the body or a procedure to its condition. */
		const char *ib = items[n - 1].b, *ie = items[n - 1].e, *and = NULL;
		for (const char *p = ib; ie - p >= 5; p++)
			if (strncmp(p, " and ", 5) == 0)
				and = p;
		/* Nor an "and" inside "status post open reduction and internal fixation". */
		bool status_post = false;
		for (const char *p = ib; and && p + 11 <= and && !status_post; p++)
			status_post = strncasecmp(p, "status post", 11) == 0;
		const char *w;
		size_t wn;
		if (and && !status_post && !only_words(ib, and, body_words, COUNT(body_words)) &&
		    !only_words(and + 5, ie, body_words, COUNT(body_words))) {
			wn = first_word(and + 5, ie, &w);
			if (!word_is(w, wn, procedure_words, COUNT(procedure_words))) {
				items[n - 1].e = and;
				items[n++] = (struct span){and + 5, ie};
			}
		}
	}
	/* A part of the body alone shares the condition before it, and so does
	 * a qualifier. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept && (only_words(items[i].b, items[i].e, body_words, COUNT(body_words)) ||
		             only_words(items[i].b, items[i].e, qualifier_words, COUNT(qualifier_words))))
			items[kept - 1].e = items[i].e;
		else
			items[kept++] = items[i];
	}
	for (size_t i = 0; i < kept; i++)
		add_diagnosis(a, sc, items[i].b, items[i].e, out);
}

/* What a phrase of the summary does for the lists' readers: one lookup. */
enum {
	JOINS = 1,       /* joins a noun to its list: "include", "are", ":" */
	STATES_DX = 2,   /* a list of diagnoses follows: "diagnosed with" */
	LISTS_DRUGS = 4, /* a list of treatments follows: "treatment to date" */
	TAKES_DRUGS = 8, /* drugs follow at once: "was taking", "was on" */
};
static const unsigned char roles[IMR_PHRASE_COUNT] = {
	[IMR_PH_SPACE_INCLUDE] = JOINS, [IMR_PH_SPACE_INCLUDES] = JOINS,
	[IMR_PH_SPACE_INCLUDED] = JOINS, [IMR_PH_SPACE_INCLUDING] = JOINS, [IMR_PH_SPACE_ARE] = JOINS,
	[IMR_PH_SPACE_IS_SPACE] = JOINS, [IMR_PH_SPACE_WERE] = JOINS, [IMR_PH_SPACE_WAS] = JOINS,
	[IMR_PH_SPACE_CONSIST_OF] = JOINS, [IMR_PH_SPACE_CONSISTED_OF] = JOINS,
	[IMR_PH_COLON_SPACE] = JOINS, [IMR_PH_SPACE_OF] = JOINS,
	[IMR_PH_DIAGNOSED_WITH] = STATES_DX, [IMR_PH_DIAGNOSED_AS_HAVING] = STATES_DX,
	[IMR_PH_DIAGNOSED_AS] = STATES_DX, [IMR_PH_BEING_TREATED_FOR] = STATES_DX,
	[IMR_PH_UNDERGOING_TREATMENT_FOR] = STATES_DX, [IMR_PH_UNDER_TREATMENT_FOR] = STATES_DX,
	[IMR_PH_IMPRESSION] = STATES_DX, [IMR_PH_IMPRESSIONS] = STATES_DX,
	[IMR_PH_TREATMENT_TO_DATE] = LISTS_DRUGS, [IMR_PH_TREATMENTS_TO_DATE] = LISTS_DRUGS,
	[IMR_PH_EVALUATION_TO_DATE] = LISTS_DRUGS, [IMR_PH_TREATMENT_INCLUDED] = LISTS_DRUGS,
	[IMR_PH_TREATMENT_INCLUDES] = LISTS_DRUGS, [IMR_PH_TREATMENT_HAS_INCLUDED] = LISTS_DRUGS,
	[IMR_PH_TREATMENTS_INCLUDED] = LISTS_DRUGS, [IMR_PH_TREATMENTS_INCLUDE] = LISTS_DRUGS,
	[IMR_PH_TREATMENTS_HAVE_INCLUDED] = LISTS_DRUGS,
	[IMR_PH_TAKING] = TAKES_DRUGS, [IMR_PH_TAKES] = TAKES_DRUGS, [IMR_PH_PRESCRIBED] = TAKES_DRUGS,
	[IMR_PH_WAS_ON] = TAKES_DRUGS, [IMR_PH_IS_ON] = TAKES_DRUGS, [IMR_PH_BEEN_ON] = TAKES_DRUGS,
	[IMR_PH_REMAINS_ON] = TAKES_DRUGS, [IMR_PH_REMAINED_ON] = TAKES_DRUGS,
	[IMR_PH_CONTINUES_TO_USE] = TAKES_DRUGS, [IMR_PH_CONTINUED_TO_USE] = TAKES_DRUGS,
	[IMR_PH_USE_OF] = TAKES_DRUGS,
};

/* The list a noun ("diagnoses", "medications") introduces: after the
 * first joining word of its sentence ("include", "are", ":") a few words
 * on ("The listed diagnoses per dated 05/09/2014 are: ..."), or NULL.
 * of: whether "of" joins ("medications of Ibuprofen"). */
static const char *noun_list(const struct scan *sc, const struct imr_hit *noun, const char *end,
                             bool of)
{
	const char *s = sc->j.s, *after = s + noun->at + noun->len;
	size_t words = 0;
	for (size_t k = imr_hits_from(&sc->h, noun->at + noun->len); k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		const char *at = s + h->at;
		if (at >= end)
			break;
		if (!(roles[h->id] & JOINS) || (h->id == IMR_PH_SPACE_OF && !of))
			continue;
		for (const char *p = after; p < at; p++)
			words += *p == ' ';
		if (words > 6)
			return NULL;
		return at + h->len;
	}
	return NULL;
}

/* "with a diagnosis of", "has diagnoses of": the noun's "of" opens its list. */
static bool has_diagnosis_of(const char *s, const struct imr_hit *noun)
{
	static const char *const before[] = {"with a ", "with the ", "with ", "has a ", "had a ", "has ", "had "};
	for (size_t i = 0; i < COUNT(before); i++) {
		size_t n = strlen(before[i]);
		if (noun->at >= n && strncasecmp(s + noun->at - n, before[i], n) == 0)
			return true;
	}
	return false;
}

static void read_diagnoses(struct imr_arena *a, const struct scan *sc, struct imr_strings *out)
{
	const char *s = sc->j.s;
	size_t n = sc->j.len, done = 0; /* lists read end before done */
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->at < done)
			continue;
		const char *start = NULL;
		if (h->id == IMR_PH_DIAGNOSIS || h->id == IMR_PH_DIAGNOSES) {
			if (!whole_word(s, n, h))
				continue;
			const char *end = list_end(sc, s + h->at);
			start = noun_list(sc, h, end, has_diagnosis_of(s, h));
		} else if (roles[h->id] & STATES_DX) {
			if (h->at > 0 && isalpha((unsigned char)s[h->at - 1]))
				continue;
			if (h->at >= 4 && strncasecmp(s + h->at - 4, "not ", 4) == 0)
				continue; /* "was not diagnosed with" */
			start = s + h->at + h->len;
			/* "diagnosed as having" over "diagnosed as": the longer first. */
			while (k + 1 < sc->h.n && sc->h.v[k + 1].at == h->at)
				k++;
		}
		if (!start)
			continue;
		const char *e = list_end(sc, start);
		start = skip_blanks(start, e);
		for (size_t i = 0; i < COUNT(lead_ins); i++)
			if ((size_t)(e - start) > strlen(lead_ins[i]) &&
			    strncasecmp(start, lead_ins[i], strlen(lead_ins[i])) == 0) {
				start = skip_blanks(start + strlen(lead_ins[i]), e);
				break;
			}
		const char *w;
		size_t wn = first_word(start, e, &w);
		if ((wn == 0 && !number_mark(start, start, e)) || word_is(w, wn, not_a_list, COUNT(not_a_list)))
			continue;
		split_diagnoses(a, sc, start, e, out);
		done = (size_t)(e - s);
	}
}

void imr_extract_diagnoses(struct imr_arena *a, const char *summary, struct imr_strings *out)
{
	struct scan sc;
	scan_string(a, IMR_SET_SUMMARY, summary, &sc);
	read_diagnoses(a, &sc, out);
}

/* The drugs of a clause [b, e): all of them after a list's words
 * ("Current medications include", "Treatment to date has included"); after
 * a verb ("was taking", "was on") only a list that starts at once. */
static void clause_drugs(struct imr_arena *a, const struct scan *sc, const char *b, const char *e,
                         bool at_once, imr_drug_finder *find, struct imr_medication **out,
                         size_t *count, size_t *cap, const void ***seen)
{
	struct imr_drug_name *names;
	size_t n = find(a, b, (size_t)(e - b), &names);
	const char *prev = b;
	for (size_t i = 0; i < n; i++) {
		const char *nb = b + names[i].start, *ne = b + names[i].end;
		if (at_once && nb - prev > (i ? 60 : 12))
			break; /* the list of drugs ended */
		prev = ne;
		bool dup = false;
		for (size_t k = 0; k < *count && !dup; k++)
			dup = (*seen)[k] == names[i].drug;
		if (dup || !names[i].drug_class)
			continue;
		if (*count == *cap) {
			size_t c = *cap;
			*out = imr_arena_grow(a, *out, cap, *count + 1, sizeof **out);
			*seen = imr_arena_grow(a, *seen, &c, *count + 1, sizeof **seen);
		}
		(*seen)[*count] = names[i].drug;
		(*out)[(*count)++] = (struct imr_medication){
			imr_arena_strndup(a, nb, (size_t)(ne - nb)), names[i].drug_class, names[i].generic,
			names[i].form, sc->j.nlines ? pos_at(sc, nb) : (struct imr_pos){0, 0}};
	}
}

/* Whether the word before offset at says the drug is no longer taken
 * ("stopped taking", "no longer on", "not prescribed"). */
static bool stopped(const char *s, size_t at)
{
	static const char *const words[] = {"stopped", "discontinued", "longer", "not", "never", "quit",
	                                    "ceased", "denied", "denies"};
	const char *e = s + at;
	while (e > s && e[-1] == ' ')
		e--;
	const char *b = e;
	while (b > s && isalpha((unsigned char)b[-1]))
		b--;
	return word_is(b, (size_t)(e - b), words, COUNT(words));
}

static size_t read_medications(struct imr_arena *a, const struct scan *sc, imr_drug_finder *find,
                               struct imr_medication **out)
{
	*out = NULL;
	if (!find)
		return 0;
	const char *s = sc->j.s, *covered = s;
	size_t n = sc->j.len, count = 0, cap = 0;
	const void **seen = NULL;
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		const char *start = NULL;
		bool at_once = false;
		if (h->id == IMR_PH_MEDICATION || h->id == IMR_PH_MEDICATIONS) {
			if (!whole_word(s, n, h))
				continue;
			start = noun_list(sc, h, list_end(sc, s + h->at), true);
		} else if (roles[h->id] & LISTS_DRUGS) {
			if (!whole_word(s, n, h))
				continue;
			start = s + h->at + h->len;
		} else if (roles[h->id] & TAKES_DRUGS) {
			/* "taking" as a word (" was on" brings its blank). */
			if (h->at > 0 && isalpha((unsigned char)s[h->at]) && isalpha((unsigned char)s[h->at - 1]))
				continue;
			if (stopped(s, h->at))
				continue; /* "She had stopped taking tramadol" */
			start = s + h->at + h->len, at_once = true;
		}
		/* A clause inside one whose every drug was taken is read already
		 * ("Treatment to date has included ..., and medications including
		 * X and Y"). */
		if (!start || start < covered)
			continue;
		const char *e = list_end(sc, start);
		clause_drugs(a, sc, start, e, at_once, find, out, &count, &cap, &seen);
		if (!at_once)
			covered = e;
	}
	return count;
}

size_t imr_extract_medications(struct imr_arena *a, const char *summary, imr_drug_finder *find,
                               struct imr_medication **out)
{
	struct scan sc;
	scan_string(a, IMR_SET_SUMMARY, summary, &sc);
	return read_medications(a, &sc, find, out);
}

/* The drug lexicon (src/lexicon.h, its data in grammar/lexicon/): its
 * drugs, classes of drugs ("opioids") left out. */
static size_t lexicon_drugs(struct imr_arena *a, const char *s, size_t n, struct imr_drug_name **out)
{
	struct imr_drug_mention *m;
	size_t count = imr_find_drugs(a, s, n, false, &m);
	*out = imr_arena_alloc(a, (count ? count : 1) * sizeof **out);
	for (size_t i = 0; i < count; i++)
		(*out)[i] = (struct imr_drug_name){m[i].span.start, m[i].span.end, m[i].drug,
		                                   imr_subcategory_token(m[i].drug_class), m[i].drug->generic,
		                                   m[i].form};
	return count;
}
imr_drug_finder *const imr_lexicon_drugs = lexicon_drugs;

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
		split_list(a, b, z, true, &out->licenses, &sc->j);
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
		if (c->label == IMR_LICENSURE)
			split_list(a, list.s, list.s + list.len, false, &out->licenses, &list);
		else
			split_specialties(a, list.s, list.s + list.len, &out->certifications, &list);
	}
}

static void extract_summary(struct imr_arena *a, const struct imr_source *src,
                            const struct imr_summary_section *s, struct imr_determination *out)
{
	out->has_summary = true;
	struct scan sc;
	imr_join_text(a, src, s->text, &sc.j);
	imr_joined_paragraphs(a, &sc.j, &out->summary_text);
	scan_joined(a, IMR_SET_SUMMARY, &sc);
	struct imr_dated *dates;
	size_t ndates = imr_dates_read(a, &sc.h, &dates);
	const char *age_at = NULL, *sex_at = NULL, *injury_at = NULL;
	out->age = read_age(&sc, &age_at);
	out->sex = read_sex(&sc, &sex_at);
	const char *at = out->age >= 0 ? age_at : sex_at;
	if (at)
		out->patient_pos = pos_at(&sc, at);
	if (read_injury(&sc, dates, ndates, &out->injury, &injury_at))
		out->injury_pos = pos_at(&sc, injury_at);
	read_ur_dates(a, &sc, dates, ndates, out);
	read_diagnoses(a, &sc, &out->diagnoses);
	out->medication_count = read_medications(a, &sc, imr_lexicon_drugs, &out->medications);
}

/* ---- a rationale's conclusion --------------------------------------------- */

/* The conclusion is the rationale's last statement of (non-)necessity:
 * read backwards from the end, so only the text after it is read. */
static enum imr_conclusion conclusion(struct imr_arena *a, const char *s, size_t n)
{
	size_t at;
	int which = imr_phrases_last(IMR_SET_CONCLUSION, s, n, &at);
	if (which < 0)
		return IMR_CONCLUSION_NONE;
	if (which != IMR_PH_MEDICALLY_NECESSARY && which != IMR_PH_MEDICALLY_APPROPRIATE &&
	    which != IMR_PH_MEDICAL_NECESSITY)
		return IMR_NOT_NECESSARY; /* non-certified, not certified */
	/* A negation shortly before, in the same sentence. */
	const char *last = s + at;
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
	struct imr_hits h;
	imr_phrases_find(a, IMR_SET_NEGATION, window, wn, &h);
	bool negative = false;
	for (size_t k = 0; k < h.n && !negative; k++)
		switch (h.v[k].id) {
		case IMR_PH_NOT:
		case IMR_PH_CANNOT:
		case IMR_PH_NON:
			negative = whole_word(window, wn, &h.v[k]);
			break;
		default: /* "n't ", "non-" */
			negative = true;
			break;
		}
	return negative ? IMR_NOT_NECESSARY : IMR_NECESSARY;
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
	if (rationale) {
		struct imr_joined j;
		imr_join_text(a, src, rationale, &j);
		imr_joined_paragraphs(a, &j, &out->rationale);
		out->conclusion = conclusion(a, j.s, j.len);
	}
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
	const char *is = NULL;
	for (size_t k = imr_hits_from(&sc->h, (size_t)(from - s)); k < sc->h.n && s + sc->h.v[k].at < b; k++)
		if (sc->h.v[k].id == IMR_PH_SPACE_IS_SPACE && s + sc->h.v[k].at + sc->h.v[k].len <= b)
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
		/* From the words after the number. */
		struct imr_text t = *e->text;
		struct imr_line first = t.lines[0];
		first.start = first.rest;
		struct imr_joined head, tail = {0};
		imr_join(a, src, &(struct imr_text){.lines = &first, .count = 1}, 0, 1, &head);
		if (t.count > 1)
			imr_join(a, src, &t, 1, t.count, &tail);
		else
			tail.s = "";
		char *all = imr_arena_alloc(a, head.len + tail.len + 2);
		memcpy(all, head.s, head.len);
		all[head.len] = ' ';
		memcpy(all + head.len + 1, tail.s, tail.len + 1);
		struct scan sc;
		scan_string(a, IMR_SET_LIST, all, &sc);
		struct imr_list_decision *d = &out->lists[l][out->list_count[l]++];
		const char *service[2];
		read_list_entry(&sc, e->text->lines[0].id, d, service);
		if (service[0]) {
			d->service = imr_arena_strndup(a, service[0], (size_t)(service[1] - service[0]));
			size_t at = (size_t)(service[0] - all);
			d->service_pos = at <= head.len ? imr_joined_pos(&head, at)
			                                : imr_joined_pos(&tail, at - head.len - 1);
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
 * "from 1/2/2013 to 3/4/2013": a range; a single date otherwise. */
static void record_dates(struct imr_arena *a, const char *s, size_t n, struct imr_record *r)
{
	struct imr_hits h;
	imr_phrases_find(a, IMR_SET_DATES, s, n, &h);
	struct imr_dated *dates;
	size_t count = imr_dates_read(a, &h, &dates);
	if (!count)
		return;
	struct imr_date d = dates[0].date;
	const char *e = s + dates[0].at;
	while (*e && *e != ' ')
		e++;
	static const char *const to[] = {" through ", " thru ", " - ", " to ", "-", " \xe2\x80\x93 "};
	for (size_t i = 0; i < sizeof to / sizeof to[0]; i++) {
		size_t len = strlen(to[i]);
		struct imr_date d2;
		const char *p = e;
		if (p[-1] == ',')
			p--;
		if (strncasecmp(p, to[i], len) == 0 && imr_date_parse(p + len, &d2)) {
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
		struct imr_joined text;
		imr_join(a, src, t, i, j, &text);
		/* Bullets: "- ", "* ", the bullet sign, "1. ". */
		char *p = text.s;
		if ((*p == '-' || *p == '*') && p[1] == ' ')
			p += 2;
		else if (strncmp(p, "\xe2\x80\xa2 ", 4) == 0)
			p += 4;
		struct imr_record *r = &out->records[out->record_count++];
		struct imr_pos pos = imr_joined_pos(&text, 0);
		r->line = pos.line;
		r->page = pos.page;
		r->text = p;
		record_dates(a, p, text.len - (size_t)(p - text.s), r);
		i = j;
	}
}

unsigned imr_line_page(const struct imr_determination *d, unsigned line)
{
	const struct imr_source *src = d->input;
	if (!src || src->npages < 2 || line == 0 || line > src->nlines)
		return 0;
	return imr_source_page(src, src->line_start[line - 1]);
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
			if (*f->service) { /* its parts all at the service's position */
				imr_request_parse(a, f->service, strlen(f->service), &f->request);
				f->has_request = true;
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
