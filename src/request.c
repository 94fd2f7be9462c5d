/* request.c - a disputed item's title decomposed (see request.h).
 *
 * imr_request_parse scans the title (grammar/request.l), parses the
 * tokens into parts (grammar/request.y), then relates the parts:
 *
 *   - the name: the first run of name words ("Norco", "Physical
 *     therapy", "Single positional MRI"), up to a detail or a connector;
 *   - sessions: "8 sessions", "x 6 visits", "2x6", a count that opens the
 *     title with a session noun after its name ("Eight (8) physical
 *     therapy sessions"), or a frequency and a duration of the same unit
 *     of time ("2 times a week for 6 weeks": 12), never for a drug;
 *   - quantity and dose: "#90" and "QTY: 90" are quantities; an amount
 *     ("106.32gm", "1 tube", "30 tablets") is the quantity unless it is
 *     followed by a route or a frequency, or a "#" quantity is there:
 *     then it is a dose ("1-2 tabs orally every 4-6 hrs");
 *   - body regions: a side goes to every region after it in a list ("the
 *     right hip and foot"); "left and right knee" is bilateral; regions
 *     after "to evaluate ..." are the reason, not the target;
 *   - the strengths of a compound go to its ingredients, in order;
 *   - a date in a retrospective title is its date of service.
 *
 * Then classify.c gives the category. */
#include "request.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "date.h"
#include "lexicon.h"
#include "request_grammar.h"
#include "request_parse.h"

/* ---- values inside tokens (the scanner's helpers) -------------------- */

/* A token's text, NUL-terminated and lower-cased, in buf. */
static void lower_copy(const char *s, size_t n, char *buf, size_t size)
{
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
}

static const char *const units_words[] = {"zero", "one", "two",   "three", "four",
                                          "five", "six", "seven", "eight", "nine"};
static const char *const teens_words[] = {"ten",     "eleven",  "twelve",    "thirteen",
                                          "fourteen", "fifteen", "sixteen", "seventeen",
                                          "eighteen", "nineteen"};
static const char *const tens_words[] = {"",      "",      "twenty",  "thirty", "forty",
                                         "fifty", "sixty", "seventy", "eighty", "ninety"};

static bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* The value of a number in words at s ("twelve", "twenty-four"); -1. */
static double word_value(const char *s, const char **end)
{
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	*end = s + n;
	for (int i = 1; i < 10; i++)
		if (word_is(s, n, units_words[i]))
			return i;
	for (int i = 0; i < 10; i++)
		if (word_is(s, n, teens_words[i]))
			return 10 + i;
	for (int i = 2; i < 10; i++)
		if (word_is(s, n, tens_words[i])) {
			const char *u = s + n;
			if (*u == '-' || *u == ' ')
				u++;
			size_t m = 0;
			while (isalpha((unsigned char)u[m]))
				m++;
			for (int k = 1; k < 10; k++)
				if (word_is(u, m, units_words[k])) {
					*end = u + m;
					return i * 10 + k;
				}
			return i * 10;
		}
	if (word_is(s, n, "once"))
		return 1;
	if (word_is(s, n, "twice"))
		return 2;
	if (word_is(s, n, "thrice"))
		return 3;
	return -1;
}

/* A number in digits at s: "1,500", "106.32", ".5". */
static double digits_value(const char *s, const char **end)
{
	char buf[64];
	size_t n = 0;
	const char *p = s;
	while ((isdigit((unsigned char)*p) || *p == ',' || *p == '.') && n + 1 < sizeof buf) {
		if (*p != ',')
			buf[n++] = *p;
		p++;
	}
	buf[n] = '\0';
	*end = p;
	return strtod(buf, NULL);
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		s++;
	return s;
}

void imr_rq_number(const char *s, size_t n, struct imr_rq_token *t)
{
	char buf[96];
	lower_copy(s, n, buf, sizeof buf);
	const char *p = buf, *e;
	/* "Eight (8)": the digits say it. */
	const char *paren = strchr(buf, '(');
	if (paren) {
		t->lo = t->hi = digits_value(skip_blanks(paren + 1), &e);
		return;
	}
	bool digits = isdigit((unsigned char)*p) || *p == '.';
	t->lo = t->hi = digits ? digits_value(p, &e) : word_value(p, &e);
	p = skip_blanks(e);
	if (digits && *p == '-')
		p = skip_blanks(p + 1);
	else if ((p[0] == 't' && p[1] == 'o') || (p[0] == 'o' && p[1] == 'r'))
		p = skip_blanks(p + 2);
	else
		return;
	t->hi = digits ? digits_value(p, &e) : word_value(p, &e);
	if (t->hi < t->lo) { /* "5-2" is no range */
		double x = t->lo;
		t->lo = t->hi;
		t->hi = x;
	}
}

enum imr_period imr_rq_period(const char *s, size_t n)
{
	char buf[64];
	lower_copy(s, n, buf, sizeof buf);
	/* The last word: "a week", "per day", "/week", "-month", "daily". */
	char *w = buf + strlen(buf);
	while (w > buf && isalpha((unsigned char)w[-1]))
		w--;
	if (strncmp(w, "night", 5) == 0)
		return IMR_PERIOD_DAY;
	if (strncmp(w, "annual", 6) == 0)
		return IMR_PERIOD_YEAR;
	switch (*w) {
	case 'h': return IMR_PERIOD_HOUR;
	case 'd': return IMR_PERIOD_DAY;
	case 'w': return IMR_PERIOD_WEEK;
	case 'm': return IMR_PERIOD_MONTH;
	case 'y': return IMR_PERIOD_YEAR;
	default: return IMR_PERIOD_NONE;
	}
}

/* The order of the spine's regions and how many vertebrae each has. */
static int spine_region(char c, int *count)
{
	static const char letters[] = "CTLS";
	static const int counts[] = {8, 12, 6, 5}; /* C8 and L6 are rare but real */
	const char *p = strchr(letters, c);
	if (!p || !c)
		return -1;
	*count = counts[p - letters];
	return (int)(p - letters);
}

/* "L5", "T12" (n is 1..12). */
static void level_name(char out[4], char region, int n)
{
	out[0] = region;
	out[1] = n >= 10 ? '1' : (char)('0' + n);
	out[2] = n >= 10 ? (char)('0' + n % 10) : '\0';
	out[3] = '\0';
}

bool imr_rq_level(const char *s, size_t n, struct imr_rq_token *t)
{
	char buf[32];
	lower_copy(s, n, buf, sizeof buf);
	const char *p = buf;
	char a = (char)toupper((unsigned char)*p++);
	int na = (int)strtol(p, (char **)&p, 10);
	char b = a;
	int nb = na;
	p = skip_blanks(p);
	if (*p == '-' || *p == '/') {
		p = skip_blanks(p + 1);
		if (isalpha((unsigned char)*p))
			b = (char)toupper((unsigned char)*p++);
		nb = (int)strtol(p, NULL, 10);
	}
	int ca, cb;
	int ra = spine_region(a, &ca), rb = spine_region(b, &cb);
	if (ra < 0 || rb < 0 || na < 1 || na > ca || nb < 1 || nb > cb)
		return false;
	/* A range goes down the spine: L4-5, L5-S1, C7-T1. */
	if (rb < ra || (rb == ra && nb < na))
		return false;
	level_name(t->from, a, na);
	level_name(t->to, b, nb);
	return true;
}

void imr_rq_date(const char *s, size_t n, struct imr_rq_token *t)
{
	char buf[96];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	const char *e = imr_date_parse(buf, &t->d1);
	if (!e) {
		t->d1.year = 0;
		return;
	}
	const char *p = skip_blanks(e);
	if (*p == '-')
		p++;
	else if (strncmp(p, "to", 2) == 0 || strncmp(p, "TO", 2) == 0)
		p += 2;
	else if (strncasecmp(p, "through", 7) == 0)
		p += 7;
	else if (strncasecmp(p, "thru", 4) == 0)
		p += 4;
	else
		return;
	if (!imr_date_parse(skip_blanks(p), &t->d2))
		t->d2.year = 0;
}

void imr_rq_freq(const char *s, size_t n, struct imr_rq_token *t)
{
	char raw[64], buf[64];
	lower_copy(s, n, raw, sizeof raw);
	size_t k = 0;
	for (const char *p = raw; *p; p++)
		if (isalnum((unsigned char)*p) || *p == '-')
			buf[k++] = *p;
	buf[k] = '\0';
	t->id = IMR_PERIOD_DAY;
	if (strcmp(buf, "bid") == 0)
		t->lo = t->hi = 2;
	else if (strcmp(buf, "tid") == 0)
		t->lo = t->hi = 3;
	else if (strcmp(buf, "qid") == 0)
		t->lo = t->hi = 4;
	else if (strcmp(buf, "qod") == 0 || strcmp(buf, "everyotherday") == 0)
		t->every_lo = t->every_hi = 2;
	else if (buf[0] == 'q' && isdigit((unsigned char)buf[1])) {
		/* q8h, q4-6h */
		char *e;
		t->every_lo = t->every_hi = (short)strtol(buf + 1, &e, 10);
		if (*e == '-')
			t->every_hi = (short)strtol(e + 1, &e, 10);
		t->id = IMR_PERIOD_HOUR;
	} else /* qd, qday, qam, qpm, qhs, at bedtime */
		t->lo = t->hi = 1;
}

enum imr_laterality imr_rq_side(const char *s, size_t n)
{
	switch (n ? tolower((unsigned char)*s) : 0) {
	case 'l': return IMR_SIDE_LEFT;
	case 'r': return IMR_SIDE_RIGHT;
	case 'b': return IMR_SIDE_BILATERAL;
	default: return IMR_SIDE_NONE;
	}
}

enum imr_periop imr_rq_periop(const char *s, size_t n)
{
	char buf[8];
	lower_copy(s, n, buf, sizeof buf);
	if (strncmp(buf, "pre", 3) == 0)
		return IMR_PERIOP_PRE;
	if (strncmp(buf, "post", 4) == 0)
		return IMR_PERIOP_POST;
	return IMR_PERIOP_ASSOCIATED; /* "perioperative", "Associated surgical service:" */
}

/* ---- the grammar's constructors ------------------------------------------ */

void imr_rq_part_init(struct imr_rq_part *p, enum imr_rq_part_kind kind, struct imr_rq_span span)
{
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->span = span;
	p->unit = p->form = p->id = -1;
}

struct imr_rq_part imr_rq_num_phrase(enum imr_rq_part_kind kind, struct imr_rq_span span,
                                     const struct imr_rq_token *num, const struct imr_rq_token *noun)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, kind, span);
	p.lo = num->lo;
	p.hi = num->hi;
	p.value = (struct imr_rq_span){num->start, num->end};
	if (kind == IMR_RQ_P_STRENGTH || kind == IMR_RQ_P_AMOUNT) {
		p.unit = noun ? noun->id : -1;
	} else if (kind == IMR_RQ_P_FORM) { /* "30 tablets": an amount of a form */
		p.kind = IMR_RQ_P_AMOUNT;
		p.form = noun->id;
	} else if (kind == IMR_RQ_P_DURATION) {
		p.period = (enum imr_period)noun->id;
	}
	return p;
}

static int whole(double x)
{
	return x >= 0 && x < 100000 ? (int)(x + 0.5) : 0;
}

struct imr_rq_part imr_rq_frequency(struct imr_rq_span span, const struct imr_rq_token *times,
                                    const struct imr_rq_token *every, const struct imr_rq_token *per)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, IMR_RQ_P_FREQUENCY, span);
	if (times) {
		p.times_lo = whole(times->lo);
		p.times_hi = whole(times->hi);
	}
	if (every && !per) { /* a prescription abbreviation: BID, q8h */
		p.times_lo = whole(every->lo);
		p.times_hi = whole(every->hi);
		p.every_lo = every->every_lo;
		p.every_hi = every->every_hi;
		p.period = (enum imr_period)every->id;
	} else if (every) { /* every 4-6 hrs */
		p.every_lo = whole(every->lo);
		p.every_hi = whole(every->hi);
	}
	if (per) {
		p.period = (enum imr_period)per->id;
		if (!times && !every) /* daily, weekly; every day */
			p.times_lo = p.times_hi = 1;
	}
	return p;
}

/* Days a week or a month are a frequency; hours a day a duration (how
 * long each day). */
struct imr_rq_part imr_rq_per_period(struct imr_rq_span span, const struct imr_rq_token *num,
                                     const struct imr_rq_token *unit, const struct imr_rq_token *per)
{
	enum imr_period u = (enum imr_period)unit->id, p = (enum imr_period)per->id;
	if (u == IMR_PERIOD_DAY && (p == IMR_PERIOD_WEEK || p == IMR_PERIOD_MONTH))
		return imr_rq_frequency(span, num, NULL, per);
	struct imr_rq_span s = {num->start, unit->end};
	return imr_rq_num_phrase(IMR_RQ_P_DURATION, s, num, unit);
}

struct imr_rq_part imr_rq_product(struct imr_rq_span span, const struct imr_rq_token *a,
                                  const struct imr_rq_token *b, const struct imr_rq_token *noun,
                                  bool sessions)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, IMR_RQ_P_PRODUCT, span);
	p.lo = a->lo;
	p.hi = a->hi;
	p.lo2 = b->lo;
	p.hi2 = b->hi;
	p.value = (struct imr_rq_span){a->start, a->end};
	p.session_noun = sessions;
	if (noun && !sessions)
		p.period = (enum imr_period)noun->id;
	return p;
}

struct imr_rq_part imr_rq_token_part(enum imr_rq_part_kind kind, struct imr_rq_span span,
                                     const struct imr_rq_token *t)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, kind, span);
	p.id = t->id;
	p.lo = t->lo;
	p.hi = t->hi;
	p.d1 = t->d1;
	p.d2 = t->d2;
	p.has_date = t->d1.year != 0;
	memcpy(p.from, t->from, sizeof p.from);
	memcpy(p.to, t->to, sizeof p.to);
	return p;
}

void imr_rq_add(struct imr_rq_parser *p, const struct imr_rq_part *part)
{
	p->parts = imr_arena_grow(p->arena, p->parts, &p->part_capacity, p->part_count + 1,
	                          sizeof *p->parts);
	p->parts[p->part_count++] = *part;
}

void imr_rq_add_token(struct imr_rq_parser *p, int kind, struct imr_rq_span span,
                      const struct imr_rq_token *t)
{
	enum imr_rq_part_kind k;
	switch (kind) {
	case RQ_DRUG: k = IMR_RQ_P_DRUG; break;
	case RQ_SERVICE: k = IMR_RQ_P_SERVICE; break;
	case RQ_FORM: k = IMR_RQ_P_FORM; break;
	case RQ_SUNIT:
	case RQ_AUNIT: k = IMR_RQ_P_UNIT_WORD; break;
	case RQ_SESSION: k = IMR_RQ_P_SESSION_NOUN; break;
	case RQ_ROUTE: k = IMR_RQ_P_ROUTE; break;
	case RQ_PURPOSE: k = IMR_RQ_P_PURPOSE; break;
	case RQ_CONJ: k = IMR_RQ_P_CONJ; break;
	case RQ_WORD: k = IMR_RQ_P_WORD; break;
	case RQ_STOP:
	case RQ_TIMES: k = IMR_RQ_P_STOP; break;
	case RQ_ARTICLE: k = IMR_RQ_P_ARTICLE; break;
	case RQ_PUNCT: k = IMR_RQ_P_PUNCT; break;
	case RQ_DOS: k = IMR_RQ_P_DOS; break;
	case RQ_DATE: k = IMR_RQ_P_DATE; break;
	case RQ_RETRO: k = IMR_RQ_P_RETRO; break;
	case RQ_REQUEST_FOR: k = IMR_RQ_P_REQUEST_FOR; break;
	case RQ_PERIOP: k = IMR_RQ_P_PERIOP; break;
	default: k = IMR_RQ_P_FILLER; break;
	}
	struct imr_rq_part part = imr_rq_token_part(k, span, t);
	if (kind == RQ_DOS)
		part.has_date = false;
	if (kind == RQ_ROUTE)
		part.id = t->topical;
	imr_rq_add(p, &part);
}

int imr_rq_region_list(struct imr_rq_parser *p, int group, const struct imr_rq_part *item)
{
	if (group < 0)
		group = p->groups++;
	struct imr_rq_part r = *item;
	r.group = group;
	imr_rq_add(p, &r);
	return group;
}

struct imr_rq_part imr_rq_region_item(struct imr_rq_span span, const struct imr_rq_token *side,
                                      const struct imr_rq_token *region)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, IMR_RQ_P_REGION, span);
	if (side) {
		p.side = (enum imr_laterality)side->id;
		p.side_span = (struct imr_rq_span){side->start, side->end};
	}
	if (region) {
		p.id = region->id;
		p.region_span = (struct imr_rq_span){region->start, region->end};
	}
	return p;
}

struct imr_rq_part imr_rq_level_part(struct imr_rq_span span, const struct imr_rq_token *a,
                                     const struct imr_rq_token *b)
{
	struct imr_rq_part p;
	imr_rq_part_init(&p, IMR_RQ_P_LEVEL, span);
	memcpy(p.from, a->from, sizeof p.from);
	memcpy(p.to, (b ? b : a)->to, sizeof p.to);
	return p;
}

int imr_rq_lex(IMR_RQ_STYPE *val, IMR_RQ_LTYPE *loc, struct imr_rq_parser *p)
{
	if (p->pos >= p->count)
		return RQ_YYEOF;
	const struct imr_rq_token *t = &p->tokens[p->pos];
	val->tok = *t;
	loc->start = t->start;
	loc->end = t->end;
	return p->kinds[p->pos++];
}

/* ---- relating the parts ------------------------------------------------------ */

/* What the combiner knows besides the parts. */
struct combine {
	struct imr_arena *arena;
	const char *text;
	struct imr_rq_part *parts;
	size_t n;
	bool *claimed; /* session nouns counted by an opening count */
	bool drugs;    /* the title names a drug: a form word is its form */
};

static char *copy_span(struct imr_arena *a, const char *text, struct imr_rq_span s)
{
	return imr_arena_strndup(a, text + s.start, s.end - s.start);
}

/* "10 / 325" -> "10/325", "1,000" -> "1000" */
static char *copy_compact(struct imr_arena *a, const char *text, struct imr_rq_span s)
{
	char *out = imr_arena_alloc(a, s.end - s.start + 1);
	size_t k = 0;
	for (uint32_t i = s.start; i < s.end; i++)
		if (!isspace((unsigned char)text[i]) && text[i] != ',')
			out[k++] = text[i];
	out[k] = '\0';
	return out;
}

/* Numbers the title can hold: a quantity of 10^12 is a typing error. */
static bool plausible(double lo, double hi)
{
	return lo >= 0 && lo <= hi && hi < 1e12;
}

/* A plain decimal ("106.32", "90"), never an exponent. */
static size_t decimal(char *buf, size_t size, double x)
{
	int n = snprintf(buf, size, "%.4f", x);
	size_t k = n > 0 && (size_t)n < size ? (size_t)n : 0;
	while (k && buf[k - 1] == '0')
		k--;
	if (k && buf[k - 1] == '.')
		k--;
	buf[k] = '\0';
	return k;
}

static char *number_text(struct imr_arena *a, double lo, double hi)
{
	char buf[80];
	size_t k = decimal(buf, 40, lo);
	if (lo != hi) {
		buf[k++] = '-';
		decimal(buf + k, sizeof buf - k, hi);
	}
	return imr_arena_strndup(a, buf, strlen(buf));
}

/* A strength's value as written when it is digits ("10/325", "0.025",
 * "5-10"), else its number ("five mg": "5"). */
static char *strength_value(struct imr_arena *a, const char *text, const struct imr_rq_part *p)
{
	char *v = copy_compact(a, text, p->value);
	bool digits = *v != '\0', last_digit = false;
	for (const char *c = v; *c && digits; c++) {
		if (*c >= '0' && *c <= '9')
			last_digit = true;
		else if (*c == '/' || *c == '-')
			digits = last_digit, last_digit = false;
		else if (*c != '.')
			digits = false;
	}
	return digits && last_digit ? v : number_text(a, p->lo, p->hi);
}

static struct imr_rq_number number(struct imr_arena *a, double lo, double hi)
{
	return (struct imr_rq_number){lo, hi, number_text(a, lo, hi)};
}

static bool exact_count(double lo, double hi)
{
	return lo == hi && lo >= 1 && lo < 10000 && lo == (double)(int)lo;
}

static const char *unit_token(int id)
{
	return id >= 0 && (size_t)id < imr_lexicon_unit_count ? imr_lexicon_units[id].token : NULL;
}

static const char *form_token(int id)
{
	return id >= 0 && (size_t)id < imr_lexicon_form_count ? imr_lexicon_forms[id].token : NULL;
}

static const struct imr_lexicon_entry *entry_of(const struct imr_rq_part *p)
{
	return p->id >= 0 && (size_t)p->id < imr_lexicon_count ? &imr_lexicon[p->id] : NULL;
}

/* Parts that open a title without being its subject. */
static bool is_prefix(const struct imr_rq_part *p)
{
	enum imr_rq_part_kind k = p->kind;
	return k == IMR_RQ_P_RETRO || k == IMR_RQ_P_REQUEST_FOR || k == IMR_RQ_P_PERIOP ||
	       k == IMR_RQ_P_ARTICLE || k == IMR_RQ_P_PUNCT || k == IMR_RQ_P_CONJ ||
	       k == IMR_RQ_P_DOS || k == IMR_RQ_P_DATE;
}

/* A count that opens the title: "Eight (8) physical therapy sessions",
 * "Two physical therapy visits". */
static const struct imr_rq_part *opening_count(const struct combine *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_COUNT && !p->hash && !p->times)
			return exact_count(p->lo, p->hi) ? p : NULL;
		if (!is_prefix(p))
			return NULL;
	}
	return NULL;
}

/* ---- the name ---------------------------------------------------------------- */

static bool name_word(const struct combine *c, size_t i)
{
	enum imr_rq_part_kind k = c->parts[i].kind;
	if (k == IMR_RQ_P_SESSION_NOUN)
		return !c->claimed[i];
	if (k == IMR_RQ_P_FORM)
		return !c->drugs;
	return k == IMR_RQ_P_WORD || k == IMR_RQ_P_DRUG || k == IMR_RQ_P_SERVICE ||
	       k == IMR_RQ_P_ROUTE || k == IMR_RQ_P_UNIT_WORD;
}

/* A parenthesis of name words only ("(TENS)", "(Mobic)", "(LONG ACTING
 * OPIOID)"): the index of its ')' or 0. */
static size_t name_parenthesis(const struct combine *c, size_t open)
{
	for (size_t i = open + 1; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_PUNCT && p->id == ')')
			return i > open + 1 ? i : 0;
		if (!name_word(c, i) && p->kind != IMR_RQ_P_ARTICLE && p->kind != IMR_RQ_P_CONJ &&
		    !(p->kind == IMR_RQ_P_PUNCT && p->id == '-'))
			return 0;
	}
	return 0;
}

/* The run of name words from parts[i] (a name word): its last word,
 * and where the run ends. */
static size_t name_run(const struct combine *c, size_t i, size_t *end)
{
	size_t last = i;
	for (i++; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		bool next_is_word = i + 1 < c->n && name_word(c, i + 1);
		if (name_word(c, i) || p->kind == IMR_RQ_P_ARTICLE) {
			if (p->kind != IMR_RQ_P_ARTICLE)
				last = i;
			continue;
		}
		if (p->kind == IMR_RQ_P_CONJ && p->id != ',' && next_is_word)
			continue; /* "MRI/CT", "Hydrocodone/acetaminophen", "hot and cold" */
		if (p->kind == IMR_RQ_P_PUNCT && (p->id == '-' || p->id == ':' || p->id == '\'') &&
		    next_is_word)
			continue; /* "labs: CBC" */
		if (p->kind == IMR_RQ_P_PUNCT && p->id == '(') {
			size_t close = name_parenthesis(c, i);
			if (close) {
				i = last = close;
				continue;
			}
		}
		break;
	}
	*end = i;
	return last;
}

/* The name: the first run of name words that holds a drug or a service
 * ("Trial of TENS unit": "TENS unit"), else the first run. */
static void find_name(const struct combine *c, struct imr_request *r)
{
	size_t first = c->n, last = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (!name_word(c, i))
			continue;
		size_t end, l = name_run(c, i, &end);
		bool phrase = false;
		for (size_t k = i; k <= l; k++) {
			const struct imr_rq_part *p = &c->parts[k];
			/* "One month supply of Norco": the drug, not "supply". */
			bool amount = p->kind == IMR_RQ_P_SERVICE && c->drugs &&
			              (entry_of(p)->flags & IMR_LEX_AMOUNT);
			phrase |= p->kind == IMR_RQ_P_DRUG || (p->kind == IMR_RQ_P_SERVICE && !amount);
		}
		if (first == c->n || phrase) {
			first = i;
			last = l;
		}
		if (phrase)
			break;
		i = end;
	}
	if (first == c->n)
		return;
	r->has_name = true;
	r->name_span = (struct imr_rq_span){c->parts[first].span.start, c->parts[last].span.end};
	r->name = copy_span(c->arena, c->text, r->name_span);
}

/* ---- body regions and levels ---------------------------------------------------- */

static enum imr_laterality merge_sides(enum imr_laterality a, enum imr_laterality b)
{
	if (a == IMR_SIDE_NONE)
		return b;
	if (b == IMR_SIDE_NONE || a == b)
		return a;
	return IMR_SIDE_BILATERAL;
}

/* A side that no region word follows ("Knee arthroscopy, left") goes to
 * the last region before it without one, else to the request ("Left
 * carpal tunnel release"). */
static void leftover_side(struct imr_request *r, enum imr_laterality side, struct imr_rq_span span)
{
	for (size_t k = r->region_count; k-- > 0;)
		if (r->regions[k].laterality == IMR_SIDE_NONE) {
			r->regions[k].laterality = side;
			r->regions[k].side = span;
			return;
		}
	if (r->laterality == IMR_SIDE_NONE) {
		r->laterality = side;
		r->laterality_span = span;
	}
}

static void find_regions(const struct combine *c, struct imr_request *r)
{
	size_t cap = 0;
	int group = -1;
	enum imr_laterality current = IMR_SIDE_NONE, pending = IMR_SIDE_NONE;
	struct imr_rq_span pending_span = {0, 0};
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_PURPOSE)
			break; /* the reason for the request, not its target */
		if (p->kind != IMR_RQ_P_REGION)
			continue;
		if (p->group != group) {
			if (pending != IMR_SIDE_NONE)
				leftover_side(r, pending, pending_span);
			group = p->group;
			current = pending = IMR_SIDE_NONE;
		}
		if (p->id < 0) { /* a side alone: "left and right knee", "Knee arthroscopy, left" */
			if (pending == IMR_SIDE_NONE)
				pending_span = p->side_span;
			else
				pending_span.end = p->side_span.end;
			pending = merge_sides(pending, p->side);
			continue;
		}
		r->regions = imr_arena_grow(c->arena, r->regions, &cap, r->region_count + 1,
		                            sizeof *r->regions);
		struct imr_rq_region *g = &r->regions[r->region_count++];
		const struct imr_lexicon_site *site = &imr_lexicon_sites[p->id];
		*g = (struct imr_rq_region){.span = p->region_span,
		                            .text = copy_span(c->arena, c->text, p->region_span),
		                            .site = site->token,
		                            .spinal = site->spinal};
		if (p->side != IMR_SIDE_NONE) {
			g->laterality = merge_sides(pending, p->side);
			g->side = p->side_span;
			if (pending != IMR_SIDE_NONE)
				g->side.start = pending_span.start;
		} else if (pending != IMR_SIDE_NONE) {
			g->laterality = pending;
			g->side = pending_span;
		} else {
			g->laterality = current; /* inherited: no span of its own */
		}
		current = g->laterality;
		pending = IMR_SIDE_NONE;
	}
	if (pending != IMR_SIDE_NONE)
		leftover_side(r, pending, pending_span);
}

static void find_levels(const struct combine *c, struct imr_request *r)
{
	size_t cap = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind != IMR_RQ_P_LEVEL)
			continue;
		r->levels = imr_arena_grow(c->arena, r->levels, &cap, r->level_count + 1,
		                           sizeof *r->levels);
		struct imr_rq_level *l = &r->levels[r->level_count++];
		l->span = p->span;
		memcpy(l->from, p->from, sizeof l->from);
		memcpy(l->to, p->to, sizeof l->to);
	}
}

/* ---- strengths and their ingredients --------------------------------------------- */

static bool real_drug(const struct imr_rq_part *p)
{
	const struct imr_lexicon_entry *e;
	return p->kind == IMR_RQ_P_DRUG && (e = entry_of(p)) && !(e->flags & IMR_LEX_GROUP);
}

static bool joins(const struct imr_rq_part *p)
{
	return (p->kind == IMR_RQ_P_CONJ && p->id != ',' && p->id != 'a') ||
	       (p->kind == IMR_RQ_P_PUNCT && p->id == '-');
}

static void find_strengths(const struct combine *c, struct imr_request *r)
{
	size_t cap = 0, drugs = 0;
	for (size_t i = 0; i < c->n; i++)
		drugs += real_drug(&c->parts[i]);
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind != IMR_RQ_P_STRENGTH || p->hash || !plausible(p->lo, p->hi))
			continue;
		r->strengths = imr_arena_grow(c->arena, r->strengths, &cap, r->strength_count + 1,
		                              sizeof *r->strengths);
		struct imr_rq_strength *s = &r->strengths[r->strength_count++];
		*s = (struct imr_rq_strength){.span = p->span,
		                              .value = strength_value(c->arena, c->text, p),
		                              .unit = unit_token(p->unit)};
		if (drugs < 2)
			continue;
		/* The strengths right after a run of drugs ("Flurbiprofen/Lidocaine
		 * 20%/5%") pair with them in order; otherwise a strength is the
		 * nearest drug's before it ("Flurbiprofen 20%/Lidocaine 5%"). */
		size_t k = i, before = 0; /* strengths of this group before it */
		while (k > 0 && (c->parts[k - 1].kind == IMR_RQ_P_STRENGTH || joins(&c->parts[k - 1]))) {
			k--;
			before += c->parts[k].kind == IMR_RQ_P_STRENGTH;
		}
		if (k == 0 || !real_drug(&c->parts[k - 1]))
			continue;
		size_t d = k - 1, run = 1; /* the run of drugs ending at d */
		while (d >= 2 && joins(&c->parts[d - 1]) && real_drug(&c->parts[d - 2])) {
			d -= 2;
			run++;
		}
		size_t after = 0; /* strengths of the group from i on */
		for (size_t j = i; j < c->n && (c->parts[j].kind == IMR_RQ_P_STRENGTH || joins(&c->parts[j])); j++)
			after += c->parts[j].kind == IMR_RQ_P_STRENGTH;
		size_t ingredient = k - 1;
		if (run > 1 && run == before + after)
			ingredient = d + 2 * before;
		s->has_ingredient = true;
		s->ingredient = c->parts[ingredient].span;
	}
}

/* ---- quantity, dose, refills, frequency, duration, sessions -------------------------- */

static bool says_how_taken(const struct combine *c, size_t i)
{
	for (size_t j = i + 1; j < c->n && j <= i + 2; j++) {
		enum imr_rq_part_kind k = c->parts[j].kind;
		if (k == IMR_RQ_P_ROUTE || k == IMR_RQ_P_FREQUENCY)
			return true;
		if (k != IMR_RQ_P_CONJ && k != IMR_RQ_P_PUNCT)
			return false;
	}
	return false;
}

static void set_amount(struct imr_arena *a, const struct imr_rq_part *p, struct imr_rq_quantity *q)
{
	if (!plausible(p->lo, p->hi))
		return;
	q->present = true;
	q->span = p->span;
	q->value = number(a, p->lo, p->hi);
	q->unit = unit_token(p->unit);
	q->form = form_token(p->form);
}

static void find_amounts(const struct combine *c, struct imr_request *r)
{
	/* "#90", "QTY: 90" first. */
	for (size_t i = 0; i < c->n && !r->quantity.present; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->hash && (p->kind == IMR_RQ_P_COUNT || p->kind == IMR_RQ_P_AMOUNT ||
		                p->kind == IMR_RQ_P_STRENGTH))
			set_amount(c->arena, p, &r->quantity);
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind != IMR_RQ_P_AMOUNT || p->hash)
			continue;
		bool dose = says_how_taken(c, i) || (r->quantity.present && p->form >= 0);
		if (!plausible(p->lo, p->hi))
			continue;
		if (dose && !r->dose.present) {
			r->dose = (struct imr_rq_dose){.present = true, .span = p->span,
			                               .value = number(c->arena, p->lo, p->hi),
			                               .form = form_token(p->form),
			                               .unit = unit_token(p->unit)};
		} else if (!dose && !r->quantity.present) {
			set_amount(c->arena, p, &r->quantity);
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_REFILLS && !r->has_refills) {
			r->has_refills = true;
			r->refills_span = p->span;
			r->refills = whole(p->lo);
		}
	}
}

static void find_regimen(const struct combine *c, struct imr_request *r)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_FREQUENCY && !r->frequency.present) {
			struct imr_rq_frequency *f = &r->frequency;
			*f = (struct imr_rq_frequency){.present = true, .span = p->span,
			                               .times_lo = p->times_lo, .times_hi = p->times_hi,
			                               .every_lo = p->every_lo, .every_hi = p->every_hi,
			                               .period = p->period, .as_needed = p->as_needed};
			/* "every 4-6 hrs as needed", "as needed every 6 hours" */
			size_t j = i + 1;
			if (j < c->n && c->parts[j].kind == IMR_RQ_P_FREQUENCY &&
			    (c->parts[j].as_needed || p->as_needed)) {
				const struct imr_rq_part *q = &c->parts[j];
				if (!f->times_lo && !f->every_lo) {
					f->times_lo = q->times_lo, f->times_hi = q->times_hi;
					f->every_lo = q->every_lo, f->every_hi = q->every_hi;
					f->period = q->period;
				}
				f->as_needed = true;
				f->span.end = q->span.end;
			}
		} else if (p->kind == IMR_RQ_P_PRODUCT && !r->frequency.present) {
			/* "2x6": 2 (times, the period unsaid) by 6 */
			r->frequency = (struct imr_rq_frequency){.present = true, .span = p->value,
			                                         .times_lo = whole(p->lo),
			                                         .times_hi = whole(p->hi)};
		}
		if (!r->duration.present && (p->kind == IMR_RQ_P_DURATION ||
		                             (p->kind == IMR_RQ_P_PRODUCT && p->period))) {
			r->duration = (struct imr_rq_duration){.present = true, .span = p->span,
			                                       .count_lo = whole(p->kind == IMR_RQ_P_PRODUCT ? p->lo2 : p->lo),
			                                       .count_hi = whole(p->kind == IMR_RQ_P_PRODUCT ? p->hi2 : p->hi),
			                                       .period = p->period};
		}
	}
}

static void set_sessions(struct imr_request *r, struct imr_rq_span span, double n)
{
	if (r->has_sessions || !exact_count(n, n))
		return;
	r->has_sessions = true;
	r->sessions_span = span;
	r->sessions = (int)n;
}

/* Before the name: an opening count claims the session noun after it. */
static void opening_sessions(const struct combine *c, struct imr_request *r)
{
	const struct imr_rq_part *count = opening_count(c);
	if (!count)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (c->parts[i].kind == IMR_RQ_P_SESSION_NOUN) {
			c->claimed[i] = true;
			set_sessions(r, count->span, count->lo);
			return;
		}
}

/* After classification: a drug has no sessions, and "x 2" of a drug or
 * of equipment is how many. */
static void find_sessions(const struct combine *c, struct imr_request *r)
{
	bool drug = r->category == IMR_CAT_PHARMACEUTICALS;
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_SESSIONS)
			set_sessions(r, p->span, p->lo == p->hi ? p->lo : 0);
	}
	for (size_t i = 0; i < c->n && !drug; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_PRODUCT && exact_count(p->lo, p->hi) && exact_count(p->lo2, p->hi2))
			set_sessions(r, p->span, p->lo * p->lo2);
	}
	const struct imr_rq_frequency *f = &r->frequency;
	const struct imr_rq_duration *d = &r->duration;
	if (!drug && f->present && d->present && f->times_lo && f->times_lo == f->times_hi &&
	    !f->every_lo && f->period != IMR_PERIOD_NONE && f->period == d->period &&
	    d->count_lo && d->count_lo == d->count_hi) {
		struct imr_rq_span s = {f->span.start < d->span.start ? f->span.start : d->span.start,
		                        f->span.end > d->span.end ? f->span.end : d->span.end};
		set_sessions(r, s, (double)f->times_lo * d->count_lo);
	}
	const struct imr_rq_part *count = opening_count(c);
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind != IMR_RQ_P_COUNT || !p->times)
			continue;
		if (!drug && r->category != IMR_CAT_DMEPOS) /* "PT x12" */
			set_sessions(r, p->span, p->lo == p->hi ? p->lo : 0);
		else if (!r->quantity.present) /* "Norco x 90", "Hot/cold packs x2" */
			set_amount(c->arena, p, &r->quantity);
	}
	/* "Two knee braces": an opening count without a session noun. */
	if (count && !r->has_sessions && !r->quantity.present)
		set_amount(c->arena, count, &r->quantity);
}

/* ---- form, dates, the circumstances ------------------------------------------------ */

static void find_form(const struct combine *c, struct imr_request *r)
{
	if (!c->drugs)
		return;
	for (size_t i = 0; i < c->n && !r->has_form; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_FORM) {
			r->has_form = true;
			r->form_span = p->span;
			r->form = form_token(p->id);
		}
	}
	/* Else the form of an amount: "1 tablet by mouth". */
	for (size_t i = 0; i < c->n && !r->has_form; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_AMOUNT && p->form >= 0) {
			r->has_form = true;
			r->form_span = p->span;
			r->form = form_token(p->form);
		}
	}
}

static void find_circumstances(const struct combine *c, struct imr_request *r)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_RETRO && r->retro_span.end == r->retro_span.start) {
			r->retrospective = true;
			r->retro_span = p->span;
		} else if (p->kind == IMR_RQ_P_DOS) {
			if (!r->retrospective) {
				r->retrospective = true;
				r->retro_span = p->span;
			}
			if (p->has_date && !r->has_dos) {
				r->has_dos = true;
				r->dos_span = p->span;
				r->dos = p->d1;
				r->dos_end = p->d2;
			}
		} else if (p->kind == IMR_RQ_P_PERIOP && r->periop == IMR_PERIOP_NONE) {
			r->periop = (enum imr_periop)p->id;
			r->periop_span = p->span;
		}
	}
	/* A date in a retrospective title is its date of service. */
	for (size_t i = 0; i < c->n && r->retrospective && !r->has_dos; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_DATE && p->has_date) {
			r->has_dos = true;
			r->dos_span = p->span;
			r->dos = p->d1;
			r->dos_end = p->d2;
		}
	}
}

/* ---- the context of the classification ---------------------------------------------- */

static void find_mentions(const struct combine *c, struct imr_request *r, struct imr_rq_context *x)
{
	size_t cap = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		if (p->kind == IMR_RQ_P_DRUG || p->kind == IMR_RQ_P_SERVICE) {
			r->mentions = imr_arena_grow(c->arena, r->mentions, &cap, r->mention_count + 1,
			                             sizeof *r->mentions);
			r->mentions[r->mention_count++] = (struct imr_rq_mention){p->span, entry_of(p)};
		}
		if (p->kind == IMR_RQ_P_FORM && p->id >= 0) {
			x->topical |= imr_lexicon_forms[p->id].topical;
			x->injection |= strcmp(imr_lexicon_forms[p->id].token, "injection") == 0;
		}
		if (p->kind == IMR_RQ_P_ROUTE && p->id == 1)
			x->topical = true;
		if (p->kind == IMR_RQ_P_FORM && p->id >= 0) {
			static const char *const skin[] = {"cream", "gel", "ointment", "lotion", "liniment", "balm"};
			for (size_t k = 0; k < sizeof skin / sizeof *skin; k++)
				x->skin_form |= strcmp(imr_lexicon_forms[p->id].token, skin[k]) == 0;
		}
		x->strength |= p->kind == IMR_RQ_P_STRENGTH;
		x->course |= p->kind == IMR_RQ_P_SESSIONS || p->kind == IMR_RQ_P_PRODUCT ||
		             p->kind == IMR_RQ_P_FREQUENCY || (p->kind == IMR_RQ_P_COUNT && p->times);
	}
	/* A strength in percent is put on the skin ("Flurbiprofen/Lidocaine
	 * 20%/5% 180gm"), unless the title names another form. */
	bool other_form = false, percent = false;
	for (size_t i = 0; i < c->n; i++) {
		const struct imr_rq_part *p = &c->parts[i];
		other_form |= p->kind == IMR_RQ_P_FORM && p->id >= 0 && !imr_lexicon_forms[p->id].topical;
		percent |= p->kind == IMR_RQ_P_STRENGTH && p->unit >= 0 &&
		           strcmp(imr_lexicon_units[p->unit].token, "%") == 0;
	}
	if (percent && !other_form)
		x->topical = true;
	/* Two drugs in one run ("Flurbiprofen 20%/Lidocaine 5%",
	 * "Ketoprofen/Gabapentin"): a compound when topical. */
	for (size_t i = 0; i < c->n; i++) {
		if (!real_drug(&c->parts[i]))
			continue;
		size_t drugs = 1, j = i + 1;
		for (; j < c->n; j++) {
			const struct imr_rq_part *p = &c->parts[j];
			if (real_drug(p))
				drugs++;
			else if (p->kind != IMR_RQ_P_STRENGTH && !joins(p))
				break;
		}
		if (drugs > 1)
			x->compound_run = true;
		i = j - 1;
	}
	x->spinal = r->level_count > 0;
	for (size_t i = 0; i < r->region_count; i++)
		x->spinal |= r->regions[i].spinal;
	x->regions = r->region_count > 0 || r->level_count > 0;
}

/* ---- the generic name ---------------------------------------------------------------- */

static int by_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The generic name of the drugs the title names ("Norco", "Hydrocodone/
 * APAP", "norco": "acetaminophen/hydrocodone"): each drug's generic (a
 * generic's own first spelling), split into its ingredients, lower case,
 * each once, in alphabetical order (RxNorm's order), joined with "/"; so
 * one product has one name however it is written.  Classes of drugs
 * ("opioids") and modifiers ("compounded") name no ingredient. */
static void find_generic(struct imr_arena *a, struct imr_request *r)
{
	enum { MAX_INGREDIENTS = 16 };
	const char *ingredient[MAX_INGREDIENTS];
	size_t n = 0, bytes = 0;
	for (size_t i = 0; i < r->mention_count; i++) {
		const struct imr_lexicon_entry *e = r->mentions[i].entry;
		if (e->kind != IMR_LEX_DRUG || (e->flags & (IMR_LEX_GROUP | IMR_LEX_MODIFIER)))
			continue;
		const char *g = e->generic ? e->generic : e->phrase;
		for (const char *p = g; *p && n < MAX_INGREDIENTS;) {
			const char *end = strchr(p, '/');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char *one = imr_arena_strndup(a, p, len);
			for (char *q = one; *q; q++)
				*q = (char)tolower((unsigned char)*q);
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = strcmp(ingredient[k], one) == 0;
			if (!seen) {
				ingredient[n++] = one;
				bytes += len + 1;
			}
			p += len + (end != NULL);
		}
	}
	if (!n)
		return;
	qsort(ingredient, n, sizeof *ingredient, by_name);
	char *out = imr_arena_alloc(a, bytes), *o = out;
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(ingredient[k]);
		if (k)
			*o++ = '/';
		memcpy(o, ingredient[k], len);
		o += len;
	}
	*o = '\0';
	r->generic = out;
}

/* ---- the entry point ----------------------------------------------------------------- */

void imr_request_parse(struct imr_arena *a, const char *title, size_t len, struct imr_request *out)
{
	memset(out, 0, sizeof *out);
	if (!title)
		title = "", len = 0;
	if (len > IMR_REQUEST_MAX_TITLE) {
		size_t cut = IMR_REQUEST_MAX_TITLE;
		while (cut > IMR_REQUEST_MAX_TITLE / 2 && title[cut] != ' ')
			cut--;
		len = cut;
		out->truncated = true;
	}
	out->title = imr_arena_strndup(a, title, len);
	out->length = (uint32_t)len;
	out->category = IMR_CAT_OTHER;

	struct imr_rq_parser p = {.arena = a, .text = out->title, .len = (uint32_t)len};
	p.count = imr_rq_tokenize(a, title, len, &p.tokens, &p.kinds);
	imr_rq_parse(&p);
	out->syntax_errors = p.errors;

	struct combine c = {a, out->title, p.parts, p.part_count, NULL, false};
	for (size_t i = 0; i < c.n; i++)
		c.drugs |= c.parts[i].kind == IMR_RQ_P_DRUG;
	c.claimed = imr_arena_alloc(a, (c.n ? c.n : 1) * sizeof *c.claimed);
	/* The title as given may hold NULs (scanned as blanks): names are
	 * copied from it, so make it the scanned text. */
	for (size_t i = 0; i < len; i++)
		if (!out->title[i])
			((char *)out->title)[i] = ' ';

	opening_sessions(&c, out);
	find_name(&c, out);
	find_regions(&c, out);
	find_levels(&c, out);
	find_strengths(&c, out);
	find_form(&c, out);
	find_amounts(&c, out);
	find_regimen(&c, out);
	find_circumstances(&c, out);

	struct imr_rq_context x = {0};
	find_mentions(&c, out, &x);
	imr_classify(out, &x);
	find_generic(a, out);
	find_sessions(&c, out);
}
