/*
 * summary.c - the facts of the case summary: the patient's age and sex,
 * the date of injury, the utilization reviews' dates, the diagnoses in
 * every way the letters state them, and the drugs the patient takes
 * (classified with the request module's lexicon).  Each reader walks the
 * occurrences of the summary's phrases, found in one pass (reader.h).
 */
#include "summary.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "lexicon.h"
#include "reader.h"

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
	"face", "scalp", "jaw", "abdomen", "rib", "ribs", "trunk", "coccyx", "and", "or", "of",
	/* the tissues ICD-10 names: "strain of muscle, fascia and tendon of lower back" */
	"muscle", "muscles", "fascia", "tendon", "tendons", "ligament", "ligaments",
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
	"unspecified", "nos", /* ICD-9's "neuritis or radiculitis, unspecified" */
};
/* A list that starts with these is no list of diagnoses ("The diagnosis
 * was not provided", "the diagnosis is consistent with ..."). */
static const char *const not_a_list[] = {
	"not", "no", "none", "unknown", "unclear", "uncertain", "pending", "deferred", "supported",
	"consistent", "confirmed", "based", "made", "unchanged",
};
/* What may come between the noun and its list: "The current diagnoses are
 * documented as ...". */
static const char *const lead_ins[] = {
	"documented as ", "noted as ", "listed as ", "as follows: ", "as follows:", "the following: ",
	"the following:", "noted to include ", "noted to be ", "noted to have been ", "documented to be ",
	"documented to include ", "reported as ", "reported to be ", "described as ", "stated as ",
	"found to be ", "given as ",
};
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
		if (*p == '-' && p > b && j && j->nlines && imr_small_letter(j->src, p[-1]) && p + 1 < e &&
		    imr_small_letter(j->src, p[1])) {
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

/* An ICD code ("M54.5", "S39.012D", ICD-9's "724.2"): a capital (or a
 * digit), a digit, a digit or a capital, a dot, one to four more. */
static bool icd_code(const char *b, const char *e)
{
	size_t n = (size_t)(e - b);
	if (n < 3 || n > 8)
		return false;
	bool letter = isupper((unsigned char)b[0]);
	if (!letter && !isdigit((unsigned char)b[0]))
		return false;
	if (!isdigit((unsigned char)b[1]) || !isalnum((unsigned char)b[2]))
		return false;
	if (!letter && !isdigit((unsigned char)b[2]))
		return false;
	/* The dot is required: "T12", "L4-5" are the spine's levels. */
	if (n < 5 || b[3] != '.')
		return false;
	for (const char *p = b + 4; p < e; p++)
		if (!isdigit((unsigned char)*p) && !isupper((unsigned char)*p))
			return false;
	return true;
}

/* The code printed with a diagnosis, taken out of [*b, *e): "(M54.5)" or
 * "- M54.5" after it, "M54.5 - " or "M54.5 " before it; or NULL. */
static const char *take_code(const char **b, const char **e)
{
	const char *p = *b, *q = *e;
	if (q - p > 4 && q[-1] == ')') {
		const char *open = q - 1;
		while (open > p && open[-1] != '(')
			open--;
		if (open > p && icd_code(open, q - 1)) {
			*e = open - 1;
			imr_trim_span(b, e, " -,:;");
			return *b < *e ? open : NULL;
		}
	}
	const char *w = q;
	while (w > p && w[-1] != ' ')
		w--;
	if (w > p && icd_code(w, q)) {
		*e = w;
		imr_trim_span(b, e, " -,:;");
		return *b < *e ? w : NULL;
	}
	w = p;
	while (w < q && *w != ' ')
		w++;
	if (w < q && icd_code(p, w)) {
		*b = w;
		imr_trim_span(b, e, " -,:;");
		return *b < *e ? p : NULL;
	}
	return NULL;
}

/* Where an ICD-10 encounter qualifier ("initial encounter", "subsequent
 * encounter for fracture with routine healing", "sequela") starts in
 * [b, e): it names the visit, not the condition; or e. */
static const char *encounter_at(const struct scan *sc, const char *b, const char *e)
{
	const char *s = sc->j.s;
	for (size_t k = imr_hits_from(&sc->h, (size_t)(b - s)); k < sc->h.n && s + sc->h.v[k].at < e; k++) {
		enum imr_phrase id = sc->h.v[k].id;
		if (id == IMR_PH_INITIAL_ENCOUNTER || id == IMR_PH_SUBSEQUENT_ENCOUNTER || id == IMR_PH_SEQUELA)
			return s + sc->h.v[k].at;
	}
	return e;
}

/* Add [b, e) as a diagnosis, its article, its encounter qualifier and its
 * code gone (the code into codes), unless it is there already. */
static void add_diagnosis(struct imr_arena *a, const struct scan *sc, const char *b, const char *e,
                          struct imr_strings *out, struct imr_strings *codes)
{
	imr_trim_span(&b, &e, ".,;:");
	e = encounter_at(sc, b, e);
	imr_trim_span(&b, &e, ".,;:");
	const char *code_at = take_code(&b, &e);
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
	struct imr_pos at = sc->j.nlines ? pos_at(sc, b) : (struct imr_pos){0, 0};
	imr_strings_add_at(a, out, text, at);
	if (codes) {
		const char *c = NULL;
		if (code_at) {
			size_t n = 0;
			while (isalnum((unsigned char)code_at[n]) || code_at[n] == '.')
				n++;
			c = imr_arena_strndup(a, code_at, n);
		}
		imr_strings_add_at(a, codes, c, at);
	}
}

/* Names that hold an "and" of their own ("unspecified myalgia and
 * myositis"): the words on either side of it. */
static const char *const and_names[][2] = {
	{"myalgia", "myositis"}, {"sprains", "strains"}, {"sprain", "strain"}, {"strains", "sprains"},
	{"strain", "sprain"},    {"nausea", "vomiting"}, {"signs", "symptoms"},
};
/* A part that opens with these qualifies the one before it ("lumbar
 * strain; without myelopathy"). */
static const char *const qualifying_openers[] = {"with", "without", "secondary", "due"};

struct part {
	const char *b, *e;
	bool splits_at_and; /* its own "and" may join two diagnoses */
};

/* The "and" of [b, e) that joins two diagnoses ("lumbago and sciatica"),
 * or NULL: not one that joins parts of the body ("right foot and right
 * shoulder pain"), a procedure to its condition ("fracture ... and repair
 * on 10-22-16"), the words of a name with "and", or one inside "status
 * post open reduction and internal fixation". */
static const char *joining_and(const char *b, const char *e)
{
	const char *and = NULL;
	/* Any case: a text of one case has "AND" (onecase.h). */
	for (const char *p = b; e - p >= 5; p++)
		if (p[0] == ' ' && (p[1] | 0x20) == 'a' && strncasecmp(p, " and ", 5) == 0)
			and = p;
	if (!and)
		return NULL;
	for (const char *p = b; p + 11 <= and; p++)
		if (strncasecmp(p, "status post", 11) == 0)
			return NULL;
	if (only_words(b, and, body_words, COUNT(body_words)) ||
	    only_words(and + 5, e, body_words, COUNT(body_words)))
		return NULL;
	const char *w, *v = and;
	size_t wn = first_word(and + 5, e, &w);
	if (word_is(w, wn, procedure_words, COUNT(procedure_words)))
		return NULL;
	while (v > b && isalpha((unsigned char)v[-1]))
		v--;
	for (size_t i = 0; i < COUNT(and_names); i++)
		if (word_is(v, (size_t)(and - v), &and_names[i][0], 1) && word_is(w, wn, &and_names[i][1], 1))
			return NULL;
	return and;
}

/* Split [b, e) at sep outside parentheses into parts (at most max). */
static size_t split_at(const char *b, const char *e, char sep, struct part *parts, size_t max)
{
	size_t n = 0;
	int depth = 0;
	const char *start = b;
	for (const char *p = b; p <= e && n < max; p++) {
		if (p < e && *p == '(')
			depth++;
		else if (p < e && *p == ')' && depth)
			depth--;
		if (p == e || (*p == sep && depth == 0)) {
			parts[n++] = (struct part){start, p, false};
			start = p + 1;
		}
	}
	return n;
}

/* Split a list of diagnoses [b, e) into single ones: at numbered items;
 * else at semicolons when it has any (and at the commas of a part that is
 * a list of its own: "A, status post B, and C; without D"), or at commas;
 * outside parentheses; and at the "and" that joins two diagnoses in the
 * list's last part (in each part of a list at semicolons): "A, B and C".
 * "A, B, and C" ends with its item "C".  A part that names only a part of
 * the body, or qualifies ("right worse than left", "without myelopathy"),
 * belongs to the one before it; an ICD-10 encounter qualifier alone
 * ("lumbar strain, subsequent encounter") is no part. */
static void split_diagnoses(struct imr_arena *a, const struct scan *sc, const char *b, const char *e,
                            struct imr_strings *out, struct imr_strings *codes)
{
	struct part items[64] = {{NULL, NULL, false}};
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
					items[n++] = (struct part){start, p, false};
				start = p + m;
				p += m ? m - 1 : 0;
			}
		}
		for (size_t i = 0; i < n; i++) {
			const char *ib = items[i].b, *ie = items[i].e;
			imr_trim_span(&ib, &ie, ".,;:");
			add_diagnosis(a, sc, ib, ie, out, codes);
		}
		return;
	}
	bool semicolons = memchr(b, ';', (size_t)(e - b)) != NULL;
	if (semicolons) {
		struct part top[32];
		size_t nt = split_at(b, e, ';', top, COUNT(top));
		for (size_t t = 0; t < nt && n < COUNT(items); t++) {
			const char *ib = top[t].b, *ie = top[t].e;
			bool list = false;
			for (const char *p = ib; ie - p >= 6 && !list; p++)
				list = *p == ',' && strncasecmp(p, ", and ", 6) == 0; /* "AND" in capitals */
			if (list) {
				n += split_at(ib, ie, ',', items + n, COUNT(items) - n);
			} else {
				items[n++] = (struct part){ib, ie, true};
			}
		}
	} else {
		n = split_at(b, e, ',', items, COUNT(items));
	}
	/* Encounter qualifiers alone go; "and C" loses its "and". */
	size_t kept = 0;
	bool oxford = false;
	for (size_t i = 0; i < n; i++) {
		const char *ib = skip_blanks(items[i].b, items[i].e);
		const char *enc = encounter_at(sc, ib, items[i].e);
		if (enc == ib)
			continue;
		if (enc < items[i].e) { /* "contusion of face, scalp and neck, initial encounter" */
			items[i].e = enc;
			imr_trim_span(&ib, &items[i].e, ",");
		}
		oxford = i > 0 && items[i].e - ib > 4 && strncasecmp(ib, "and ", 4) == 0;
		if (oxford)
			items[i].b = ib + 4, items[i].splits_at_and = false;
		items[kept++] = items[i];
	}
	n = kept;
	if (!n)
		return;
	if (!semicolons && !oxford)
		items[n - 1].splits_at_and = true;
	/* Split at "and"; merge what belongs to the part before. */
	struct part done[COUNT(items)];
	size_t nd = 0;
	for (size_t i = 0; i < n; i++) {
		const char *w;
		size_t wn = first_word(items[i].b, items[i].e, &w);
		if (nd && (only_words(items[i].b, items[i].e, body_words, COUNT(body_words)) ||
		           only_words(items[i].b, items[i].e, qualifier_words, COUNT(qualifier_words)) ||
		           word_is(w, wn, qualifying_openers, COUNT(qualifying_openers)))) {
			done[nd - 1].e = items[i].e;
			continue;
		}
		const char *and = items[i].splits_at_and ? joining_and(items[i].b, items[i].e) : NULL;
		/* "..., unspecified and displacement of ...": the qualifier before
		 * the "and" belongs to the part before. */
		if (and && nd && only_words(items[i].b, and, qualifier_words, COUNT(qualifier_words))) {
			done[nd - 1].e = and;
			done[nd++] = (struct part){and + 5, items[i].e, false};
			continue;
		}
		done[nd++] = items[i];
		if (and && nd < COUNT(done)) {
			done[nd - 1].e = and;
			done[nd++] = (struct part){and + 5, items[i].e, false};
		}
	}
	for (size_t i = 0; i < nd; i++)
		add_diagnosis(a, sc, done[i].b, done[i].e, out, codes);
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
	[IMR_PH_DIAGNOSED_WITH] = STATES_DX, [IMR_PH_DIAGNOSED_WITH_COLON] = STATES_DX, [IMR_PH_DIAGNOSED_AS_HAVING] = STATES_DX,
	[IMR_PH_DIAGNOSED_AS] = STATES_DX, [IMR_PH_BEING_TREATED_FOR] = STATES_DX,
	[IMR_PH_UNDERGOING_TREATMENT_FOR] = STATES_DX, [IMR_PH_UNDER_TREATMENT_FOR] = STATES_DX,
	[IMR_PH_IMPRESSION] = STATES_DX, [IMR_PH_IMPRESSIONS] = STATES_DX, [IMR_PH_CLAIM_FOR] = STATES_DX,
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

/* "with a diagnosis of", "has diagnoses of", "diagnoses of": the noun's "of"
 * opens its list. */
static bool has_diagnosis_of(const char *s, const struct imr_hit *noun)
{
	if (strncasecmp(s + noun->at + noun->len, " of ", 4) == 0)
		return true;
	static const char *const before[] = {"with a ", "with the ", "with ", "has a ", "had a ", "has ", "had "};
	for (size_t i = 0; i < COUNT(before); i++) {
		size_t n = strlen(before[i]);
		if (noun->at >= n && strncasecmp(s + noun->at - n, before[i], n) == 0)
			return true;
	}
	return false;
}

/* A claim for what is no diagnosis: "a claim for an industrial injury",
 * "a claim for cumulative trauma". */
static const char *const not_a_condition[] = {
	"industrial", "injury", "injuries", "work", "workers", "cumulative", "continuous",
	"compensation", "benefits", "specific", "occupational",
};
/* Words before "associated with an industrial injury" that are no part
 * of the condition ("chronic low back pain reportedly associated"). */
static const char *const hedges[] = {"reportedly", "allegedly", "apparently", "purportedly"};

static void read_diagnoses(struct imr_arena *a, const struct scan *sc, struct imr_strings *out,
                           struct imr_strings *codes)
{
	const char *s = sc->j.s;
	size_t n = sc->j.len, done = 0; /* lists read end before done */
	for (size_t k = 0; k < sc->h.n; k++) {
		const struct imr_hit *h = &sc->h.v[k];
		if (h->at < done)
			continue;
		const char *start = NULL;
		bool claim = false, of_list = false;
		if (h->id == IMR_PH_DIAGNOSIS || h->id == IMR_PH_DIAGNOSES) {
			if (!whole_word(s, n, h))
				continue;
			const char *end = list_end(sc, s + h->at);
			start = noun_list(sc, h, end, has_diagnosis_of(s, h));
			/* "The diagnoses of A and B were noted": the list ends at its verb. */
			of_list = start && start - s >= 4 && strncasecmp(start - 4, " of ", 4) == 0;
		} else if (roles[h->id] & STATES_DX) {
			if (h->at > 0 && isalpha((unsigned char)s[h->at - 1]))
				continue;
			if (h->at >= 4 && strncasecmp(s + h->at - 4, "not ", 4) == 0)
				continue; /* "was not diagnosed with" */
			start = s + h->at + h->len;
			claim = h->id == IMR_PH_CLAIM_FOR;
			/* "diagnosed as having" over "diagnosed as": the longer first. */
			while (k + 1 < sc->h.n && sc->h.v[k + 1].at == h->at)
				k++;
		}
		if (!start)
			continue;
		const char *e = list_end(sc, start);
		while (start < e && (*start == ' ' || *start == ':')) /* "diagnosed with: 1. ..." */
			start++;
		if (of_list) {
			static const enum imr_phrase verbs[] = {IMR_PH_SPACE_WERE, IMR_PH_SPACE_WAS,
			                                        IMR_PH_SPACE_ARE, IMR_PH_SPACE_IS_SPACE};
			const char *verb = find_any(sc, verbs, COUNT(verbs), start);
			if (verb && verb < e)
				e = verb;
		}
		if (claim) {
			/* The conditions claimed end where the injury they are
			 * "associated with" begins. */
			const char *assoc = find_from(sc, IMR_PH_SPACE_ASSOCIATED_WITH, start, e);
			if (assoc) {
				e = assoc;
				const char *w = e;
				while (w > start && w[-1] != ' ')
					w--;
				if (word_is(w, (size_t)(e - w), hedges, COUNT(hedges)))
					e = w;
			}
			const char *w;
			size_t wn = first_word(start, e, &w);
			if (word_is(w, wn, (const char *const[]){"a", "an", "the"}, 3))
				wn = first_word(w + wn, e, &w);
			if (word_is(w, wn, not_a_condition, COUNT(not_a_condition)))
				continue;
		}
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
		split_diagnoses(a, sc, start, e, out, codes);
		done = (size_t)(e - s);
	}
}

void imr_extract_diagnoses(struct imr_arena *a, const char *summary, struct imr_strings *out,
                           struct imr_strings *codes)
{
	struct scan sc;
	scan_string(a, IMR_SET_SUMMARY, summary, &sc);
	read_diagnoses(a, &sc, out, codes);
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

void imr_extract_summary(struct imr_arena *a, const struct imr_source *src,
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
	read_diagnoses(a, &sc, &out->diagnoses, &out->diagnosis_codes);
	out->medication_count = read_medications(a, &sc, imr_lexicon_drugs, &out->medications);
}
