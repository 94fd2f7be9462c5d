/* phrase.c - the phrase matcher (see phrase.h): one Aho-Corasick
 * automaton per phrase set, built once per process from the table, run
 * over a text one byte at a time. */
#include "phrase.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *text;
	uint16_t len;
	unsigned sets, flags;
} phrases[] = {
#define IMR_PHRASE_ROW(id, t, sets, flags) {t, sizeof t - 1, sets, flags},
	IMR_PHRASES(IMR_PHRASE_ROW)
};

const char *imr_phrase_text(enum imr_phrase p)
{
	return phrases[p].text;
}

size_t imr_phrase_len(enum imr_phrase p)
{
	return phrases[p].len;
}

bool imr_phrase_in(enum imr_phrase p, enum imr_phrase_set set)
{
	return (phrases[p].sets & (1u << set)) != 0;
}

unsigned imr_phrase_flags(enum imr_phrase p)
{
	return phrases[p].flags;
}

/* Byte classes: 0 for a byte no phrase has, the letters (either case),
 * any digit, then one class for each other byte the phrases have. */
enum { OTHER = 0, DIGIT = 27, CLASSES = 40 };
static uint8_t byte_class[256];

/* Character kinds for the flags' checks (ASCII, as ctype's C locale). */
enum { K_ALPHA = 1, K_DIGIT = 2, K_UPPER = 4 };
static uint8_t kind[256];

/* A compiled set.  delta[s + c] is the state after state s reads a byte
 * of class c; states are premultiplied by CLASSES, and those from
 * accepting on have phrases ending there (out[first[s / CLASSES]...],
 * the longest first, ending with IMR_PHRASE_COUNT). */
struct automaton {
	uint16_t *delta;
	uint32_t accepting;
	uint32_t *first;
	uint16_t *out;
};
static struct automaton forward[IMR_PHRASE_SET_COUNT], backward[IMR_PHRASE_SET_COUNT];
static pthread_once_t built = PTHREAD_ONCE_INIT;
static atomic_bool ready; /* set, with release, once they are built */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fputs("imr2xml: out of memory\n", stderr);
		abort();
	}
	return p;
}

static _Noreturn void table_error(const char *what, const char *phrase)
{
	fprintf(stderr, "imr2xml: phrase table: %s: \"%s\"\n", what, phrase);
	abort();
}

static void build_classes(void)
{
	unsigned next = DIGIT + 1;
	for (unsigned c = 0; c < 256; c++) {
		if (c >= 'a' && c <= 'z')
			byte_class[c] = (uint8_t)(c - 'a' + 1), kind[c] = K_ALPHA;
		else if (c >= 'A' && c <= 'Z')
			byte_class[c] = (uint8_t)(c - 'A' + 1), kind[c] = K_ALPHA | K_UPPER;
		else if (c >= '0' && c <= '9')
			byte_class[c] = DIGIT, kind[c] = K_DIGIT;
	}
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		for (const char *p = phrases[i].text; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '#' || byte_class[c] != OTHER)
				continue;
			if (next == CLASSES)
				table_error("too many kinds of punctuation", phrases[i].text);
			byte_class[c] = (uint8_t)next++;
		}
}

static unsigned symbol(const char *text, size_t k)
{
	unsigned char c = (unsigned char)text[k];
	return c == '#' ? DIGIT : byte_class[c];
}

/* The automaton of one set, its phrases read forwards or backwards. */
static void build(enum imr_phrase_set set, bool reversed, struct automaton *a)
{
	size_t cap = 1;
	for (size_t i = 0; i < IMR_PHRASE_COUNT; i++)
		if (phrases[i].sets & (1u << set))
			cap += phrases[i].len;
	int32_t *go = xcalloc(cap * CLASSES, sizeof *go);
	int32_t *own = xcalloc(cap, sizeof *own), *fail = xcalloc(cap, sizeof *fail);
	int32_t *link = xcalloc(cap, sizeof *link); /* the next state with a phrase of its own */
	for (size_t i = 0; i < cap * CLASSES; i++)
		go[i] = -1;
	for (size_t i = 0; i < cap; i++)
		own[i] = link[i] = -1;
	size_t n = 1;
	for (size_t i = 0; i < IMR_PHRASE_COUNT; i++) {
		if (!(phrases[i].sets & (1u << set)))
			continue;
		if (reversed && phrases[i].flags)
			table_error("a flag on a phrase read backwards", phrases[i].text);
		size_t s = 0, len = phrases[i].len;
		for (size_t k = 0; k < len; k++) {
			unsigned c = symbol(phrases[i].text, reversed ? len - 1 - k : k);
			if (go[s * CLASSES + c] < 0)
				go[s * CLASSES + c] = (int32_t)n++;
			s = (size_t)go[s * CLASSES + c];
		}
		if (own[s] >= 0)
			table_error("a phrase twice in one set", phrases[i].text);
		own[s] = (int32_t)i;
	}
	/* Breadth first: failure links, then the full transition function. */
	size_t *queue = xcalloc(n, sizeof *queue), head = 0, tail = 0;
	for (unsigned c = 0; c < CLASSES; c++) {
		int32_t v = go[c];
		if (v < 0) {
			go[c] = 0;
		} else {
			fail[v] = 0;
			queue[tail++] = (size_t)v;
		}
	}
	while (head < tail) {
		size_t u = queue[head++];
		link[u] = own[fail[u]] >= 0 ? fail[u] : link[fail[u]];
		for (unsigned c = 0; c < CLASSES; c++) {
			int32_t v = go[u * CLASSES + c];
			int32_t f = go[(size_t)fail[u] * CLASSES + c];
			if (v < 0) {
				go[u * CLASSES + c] = f;
			} else {
				fail[v] = f;
				queue[tail++] = (size_t)v;
			}
		}
	}
	/* States without phrases first (the start among them), then those
	 * with: one comparison tells them apart. */
	uint32_t *number = xcalloc(n, sizeof *number), next = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t s = 0; s < n; s++)
			if ((own[s] >= 0 || link[s] >= 0) == (pass == 1))
				number[s] = next++;
	uint32_t plain = 0;
	for (size_t s = 0; s < n; s++)
		plain += own[s] < 0 && link[s] < 0;
	if (n * CLASSES > UINT16_MAX)
		table_error("too many states in a set for 16 bits", "");
	a->delta = xcalloc(n * CLASSES, sizeof *a->delta);
	for (size_t s = 0; s < n; s++)
		for (unsigned c = 0; c < CLASSES; c++)
			a->delta[number[s] * CLASSES + c] =
			        (uint16_t)(number[go[s * CLASSES + c]] * CLASSES);
	a->accepting = plain * CLASSES;
	/* The phrases each state reports, the longest (its own) first. */
	size_t total = 0;
	for (size_t s = 0; s < n; s++)
		for (int32_t t = own[s] >= 0 ? (int32_t)s : link[s]; t >= 0; t = link[t])
			total++;
	a->first = xcalloc(n, sizeof *a->first);
	a->out = xcalloc(total + n, sizeof *a->out);
	size_t k = 0;
	for (size_t s = 0; s < n; s++) {
		if (number[s] < plain)
			continue;
		a->first[number[s]] = (uint32_t)k;
		for (int32_t t = own[s] >= 0 ? (int32_t)s : link[s]; t >= 0; t = link[t])
			a->out[k++] = (uint16_t)own[t];
		a->out[k++] = IMR_PHRASE_COUNT;
	}
	free(go), free(own), free(fail), free(link), free(queue), free(number);
}

static void build_all(void)
{
	build_classes();
	for (unsigned s = 0; s < IMR_PHRASE_SET_COUNT; s++) {
		build((enum imr_phrase_set)s, false, &forward[s]);
		if (s == IMR_SET_CONCLUSION)
			build((enum imr_phrase_set)s, true, &backward[s]);
	}
	atomic_store_explicit(&ready, true, memory_order_release);
}

/* Built once per process, by whichever thread comes first. */
static inline void ensure_built(void)
{
	if (!atomic_load_explicit(&ready, memory_order_acquire))
		pthread_once(&built, build_all);
}

/* Keep the hits ordered by start, the longer first: an occurrence is
 * found at its end, so a long one comes after shorter ones inside it. */
static void add_hit(struct imr_arena *a, struct imr_hits *h, size_t at, size_t len, unsigned id)
{
	if (h->n == h->cap)
		h->v = imr_arena_grow(a, h->v, &h->cap, h->n + 1 + h->len / 32, sizeof *h->v);
	size_t k = h->n++;
	while (k > 0 && (h->v[k - 1].at > at || (h->v[k - 1].at == at && h->v[k - 1].len < len))) {
		h->v[k] = h->v[k - 1];
		k--;
	}
	h->v[k] = (struct imr_hit){(uint32_t)at, (uint16_t)len, (uint16_t)id};
}

static bool wanted(const char *s, size_t n, size_t at, size_t len, unsigned flags, bool one_case)
{
	unsigned before = at ? kind[(unsigned char)s[at - 1]] : 0;
	if (flags & IMR_PH_ALPHA)
		return !(before & K_ALPHA) && !(at + len < n && (kind[(unsigned char)s[at + len]] & K_ALPHA));
	if (flags & IMR_PH_NUMBER)
		return !before;
	if (flags & IMR_PH_MONTH)
		return !before && (one_case || (kind[(unsigned char)s[at]] & K_UPPER));
	return true;
}

static void report(struct imr_arena *a, const struct automaton *m, uint32_t state, const char *s,
                   size_t n, size_t end, bool one_case, struct imr_hits *out)
{
	for (const uint16_t *id = m->out + m->first[state / CLASSES]; *id != IMR_PHRASE_COUNT; id++) {
		size_t len = phrases[*id].len, at = end + 1 - len;
		if (!phrases[*id].flags || wanted(s, n, at, len, phrases[*id].flags, one_case))
			add_hit(a, out, at, len, *id);
	}
}

/* Run the automaton from *state over [p, e) until it reaches a state
 * that reports (the byte after the one read is returned) or the end. */
static inline const unsigned char *advance(const uint16_t *restrict delta,
                                           const uint8_t *restrict classes, uint32_t accepting,
                                           const unsigned char *p, const unsigned char *e,
                                           uint32_t *state)
{
	uint32_t st = *state;
	while (e - p >= 4) {
		st = delta[st + classes[p[0]]];
		if (st >= accepting) {
			p += 1;
			goto out;
		}
		st = delta[st + classes[p[1]]];
		if (st >= accepting) {
			p += 2;
			goto out;
		}
		st = delta[st + classes[p[2]]];
		if (st >= accepting) {
			p += 3;
			goto out;
		}
		st = delta[st + classes[p[3]]];
		p += 4;
		if (st >= accepting)
			goto out;
	}
	while (p < e) {
		st = delta[st + classes[*p++]];
		if (st >= accepting)
			break;
	}
out:
	*state = st;
	return p;
}

void imr_phrases_find(struct imr_arena *a, enum imr_phrase_set set, const char *s, size_t n,
                      struct imr_hits *out)
{
	imr_phrases_find_in(a, set, s, n, false, out);
}

void imr_phrases_find_in(struct imr_arena *a, enum imr_phrase_set set, const char *s, size_t n,
                         bool one_case, struct imr_hits *out)
{
	ensure_built();
	*out = (struct imr_hits){.s = s, .len = n};
	const struct automaton *m = &forward[set];
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	uint32_t state = 0;
	while (p < e) {
		p = advance(m->delta, byte_class, m->accepting, p, e, &state);
		if (state >= m->accepting)
			report(a, m, state, s, n, (size_t)((const char *)p - s) - 1, one_case, out);
	}
}

int imr_phrases_last(enum imr_phrase_set set, const char *s, size_t n, size_t *at)
{
	ensure_built();
	const struct automaton *m = &backward[set];
	if (!m->delta)
		return -1;
	uint32_t state = 0;
	for (size_t i = n; i-- > 0;) {
		state = m->delta[state + byte_class[(unsigned char)s[i]]];
		if (state >= m->accepting) {
			unsigned best = IMR_PHRASE_COUNT;
			for (const uint16_t *id = m->out + m->first[state / CLASSES]; *id != IMR_PHRASE_COUNT; id++)
				if (*id < best)
					best = *id;
			*at = i;
			return (int)best;
		}
	}
	return -1;
}

size_t imr_hits_from(const struct imr_hits *h, size_t from)
{
	/* Binary search without a branch on the comparison (a conditional
	 * move): its outcome is a coin toss, and mispredicted half the time
	 * it cost more than the comparisons. */
	const struct imr_hit *base = h->v;
	size_t n = h->n;
	if (!n)
		return 0;
	while (n > 1) {
		size_t half = n / 2;
		base = base[half - 1].at < from ? base + half : base;
		n -= half;
	}
	return (size_t)(base - h->v) + (base->at < from);
}

const struct imr_hit *imr_hits_first(const struct imr_hits *h, enum imr_phrase id, size_t from,
                                     size_t end)
{
	for (size_t k = imr_hits_from(h, from); k < h->n && h->v[k].at < end; k++)
		if (h->v[k].id == id && h->v[k].at + h->v[k].len <= end)
			return &h->v[k];
	return NULL;
}
