/* lexicon.c - the taxonomy's names, lexicon lookups, and drug mentions in
 * free text (see lexicon.h).  The tables themselves are generated
 * (build/lexicon_data.c); every lookup is a pass of the request scanner. */
#include "lexicon.h"

#include <string.h>

#include "request_grammar.h"
#include "request_parse.h"

/* ---- names of the closed vocabularies ---------------------------------- */

#define CATEGORY_ROW(id, token, name) {token, name},
static const struct {
	const char *token, *name;
} categories[] = {IMR_CATEGORIES(CATEGORY_ROW)};

#define SUBCATEGORY_ROW(id, cat, token, name) {token, name, IMR_CAT_##cat},
static const struct {
	const char *token, *name;
	enum imr_category category;
} subcategories[] = {{NULL, NULL, IMR_CAT_OTHER}, IMR_SUBCATEGORIES(SUBCATEGORY_ROW)};

const char *imr_category_token(enum imr_category c)
{
	return c < IMR_CATEGORY_COUNT ? categories[c].token : NULL;
}

const char *imr_category_name(enum imr_category c)
{
	return c < IMR_CATEGORY_COUNT ? categories[c].name : NULL;
}

const char *imr_subcategory_token(enum imr_subcategory s)
{
	return s < IMR_SUBCATEGORY_COUNT ? subcategories[s].token : NULL;
}

const char *imr_subcategory_name(enum imr_subcategory s)
{
	return s < IMR_SUBCATEGORY_COUNT ? subcategories[s].name : NULL;
}

enum imr_category imr_subcategory_category(enum imr_subcategory s)
{
	return s < IMR_SUBCATEGORY_COUNT ? subcategories[s].category : IMR_CAT_OTHER;
}

#define TOKEN_ROW(id, token) token,
static const char *const lateralities[] = {NULL, IMR_LATERALITIES(TOKEN_ROW)};
static const char *const periods[] = {NULL, IMR_PERIODS(TOKEN_ROW)};
static const char *const periops[] = {NULL, IMR_PERIOPS(TOKEN_ROW)};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *imr_laterality_token(enum imr_laterality l)
{
	return (size_t)l < COUNT(lateralities) ? lateralities[l] : NULL;
}

const char *imr_period_token(enum imr_period p)
{
	return (size_t)p < COUNT(periods) ? periods[p] : NULL;
}

const char *imr_periop_token(enum imr_periop p)
{
	return (size_t)p < COUNT(periops) ? periops[p] : NULL;
}

/* ---- lookups --------------------------------------------------------------- */

static const struct imr_lexicon_entry *entry_at(int id)
{
	return id >= 0 && (size_t)id < imr_lexicon_count ? &imr_lexicon[id] : NULL;
}

const struct imr_lexicon_entry *imr_lexicon_lookup(const char *s, size_t n)
{
	struct imr_rq_stream *st = imr_rq_open(s, n);
	struct imr_rq_token t;
	int kind = imr_rq_next(st, &t);
	imr_rq_close(st);
	if ((kind != RQ_DRUG && kind != RQ_SERVICE) || t.start != 0 || t.match_end != n)
		return NULL;
	return entry_at(t.id);
}

/* ---- drugs in free text --------------------------------------------------------- */

/* A run of drugs written as one product: "Flurbiprofen 20%/Lidocaine 5%
 * cream", "Ketoprofen/Gabapentin", "Lidoderm patches". */
enum { MAX_RUN = 16 };
struct run {
	size_t count;
	struct imr_rq_token drugs[MAX_RUN];
	bool followed[MAX_RUN]; /* a strength, number or form right after it */
};

static bool continues_run(int kind, const struct imr_rq_token *t)
{
	switch (kind) {
	case RQ_DRUG:
	case RQ_NUM:
	case RQ_SLASHNUM:
	case RQ_SUNIT:
		return true;
	case RQ_CONJ:
		return t->id == '/' || t->id == '+';
	case RQ_PUNCT:
		return t->id == '-';
	default:
		return false;
	}
}

static bool says_amount(int kind)
{
	return kind == RQ_NUM || kind == RQ_SLASHNUM || kind == RQ_SUNIT || kind == RQ_FORM ||
	       kind == RQ_HASH;
}

size_t imr_find_drugs(struct imr_arena *a, const char *text, size_t len, bool with_groups,
                      struct imr_drug_mention **out)
{
	struct imr_rq_stream *st = imr_rq_open(text, len);
	struct imr_drug_mention *m = NULL;
	size_t n = 0, cap = 0;
	struct imr_rq_token t;
	int kind = imr_rq_next(st, &t);
	bool topical_before = false;
	while (kind != RQ_YYEOF) {
		if (kind != RQ_DRUG) {
			topical_before = kind == RQ_ROUTE && t.topical;
			kind = imr_rq_next(st, &t);
			continue;
		}
		struct run r = {0};
		int prev = 0;
		while (continues_run(kind, &t)) {
			if (kind == RQ_DRUG && r.count < MAX_RUN)
				r.drugs[r.count++] = t;
			else if (prev == RQ_DRUG && r.count && says_amount(kind))
				r.followed[r.count - 1] = true;
			prev = kind;
			kind = imr_rq_next(st, &t);
		}
		const char *form = NULL;
		bool topical = topical_before;
		if (kind == RQ_FORM && t.id >= 0 && (size_t)t.id < imr_lexicon_form_count) {
			form = imr_lexicon_forms[t.id].token;
			topical |= imr_lexicon_forms[t.id].topical;
			if (prev == RQ_DRUG && r.count)
				r.followed[r.count - 1] = true;
			kind = imr_rq_next(st, &t);
		}
		if (kind == RQ_ROUTE && t.topical)
			topical = true;
		size_t real = 0;
		bool compounded = false;
		for (size_t i = 0; i < r.count; i++) {
			const struct imr_lexicon_entry *e = entry_at(r.drugs[i].id);
			real += e && !(e->flags & IMR_LEX_GROUP);
			compounded |= e && (e->flags & IMR_LEX_MODIFIER) &&
			              e->subcategory == IMR_SUB_TOPICAL_COMPOUNDS;
		}
		bool compound = compounded || (real > 1 && topical);
		for (size_t i = 0; i < r.count; i++) {
			const struct imr_lexicon_entry *e = entry_at(r.drugs[i].id);
			if (!e || ((e->flags & IMR_LEX_GROUP) && !with_groups))
				continue;
			if ((e->flags & IMR_LEX_WORD) && !r.followed[i] && !(i + 1 == r.count && form))
				continue; /* "Sonata" the car */
			m = imr_arena_grow(a, m, &cap, n + 1, sizeof *m);
			m[n++] = (struct imr_drug_mention){
				.span = {r.drugs[i].start, r.drugs[i].end},
				.drug = e,
				.drug_class = imr_drug_class(e, topical, compound && !(e->flags & IMR_LEX_GROUP)),
				.form = form,
			};
		}
		topical_before = false;
	}
	imr_rq_close(st);
	*out = m;
	return n;
}
