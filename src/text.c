/* text.c - joining lines and small string helpers. */
#include "text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "normalize.h"

/* Runs of text without two blanks in a row are copied a block at a
 * time (16 bytes with SSE2, 8 otherwise), which is most of running text:
 * pdftotext -layout's wide gaps and the page breaks are the exceptions. */
#ifdef __SSE2__
#include <emmintrin.h>
enum { BLOCK = 16, TAIL_BLOCKS = 1 };
/* The blanks of the block at s, a bit each. */
static inline uint64_t blank_bits(const char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	return (uint64_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
}
static inline bool doubled(uint64_t bits)
{
	return (bits & (bits >> 1)) != 0;
}
#else
enum { BLOCK = 8, TAIL_BLOCKS = 0 };
#define LOWS UINT64_C(0x7F7F7F7F7F7F7F7F)
static inline uint64_t blank_bits(const char *s)
{
	uint64_t x;
	memcpy(&x, s, sizeof x);
	x ^= UINT64_C(0x2020202020202020);
	return ~(((x & LOWS) + LOWS) | x | LOWS); /* the high bit of each zero byte */
}
static inline bool doubled(uint64_t bits)
{
	return (bits & (bits >> 8)) != 0; /* two neighbours, in either byte order */
}
#endif

/* Copy [s, e) after o (out is the start of the result), runs of blanks
 * collapsed, also onto a blank already written.  With raw (a region of
 * several lines, or a line opening with a page break), page breaks and
 * newlines are blanks too.  Blocks may read up to limit and write
 * BLOCK - 1 bytes past what they copy (the caller leaves room). */
static char *copy_collapsed(char *o, const char *out, const char *s, const char *e, bool raw,
                            const char *limit)
{
	while (!raw && s < e && (e - s >= BLOCK || (TAIL_BLOCKS && limit - s >= BLOCK))) {
		size_t n = e - s >= BLOCK ? BLOCK : (size_t)(e - s);
		bool blank_before = o == out || o[-1] == ' ';
		uint64_t bits = blank_bits(s);
		if (n < BLOCK)
			bits &= ((uint64_t)1 << n) - 1; /* SSE2: a bit a byte */
		if (doubled(bits) || (blank_before && *s == ' ')) {
			/* Up to the end of this run of blanks, the slow way. */
			const char *stop = s + n;
			while (s < stop || (s < e && *s == ' ')) {
				char c = *s++;
				if (!(c == ' ' && (o == out || o[-1] == ' ')))
					*o++ = c;
			}
			continue;
		}
		memcpy(o, s, BLOCK);
		o += n, s += n;
	}
	for (; s < e; s++) {
		char c = *s == '\f' || *s == '\n' ? ' ' : *s;
		if (c == ' ' && (o == out || o[-1] == ' '))
			continue;
		*o++ = c;
	}
	return o;
}

/* The 1-based normalized line of each of t's lines, walking forward from
 * the previous one (a text's lines are in order, nearly always
 * consecutive). */
static uint32_t line_of(const struct imr_source *src, uint32_t offset, uint32_t prev)
{
	if (prev == 0 || src->line_start[prev - 1] > offset)
		return (uint32_t)imr_source_line_index(src, offset) + 1;
	while (prev < src->nlines && src->line_start[prev] <= offset)
		prev++;
	return prev;
}

/* A line ending in a hyphen that may break a word: the word before the
 * hyphen (head, with it) and the first word of the next line (tail). */
struct hyphen_end {
	size_t line;
	const char *head, *tail;
	size_t hn, tn;
	uint32_t *whole, *joined, *alone; /* how often the letter has each of */
};

/* The words the letter is searched for ("follow-up", "followup",
 * "follow" for each line end), any case, counted: a hash table (open
 * addressing) of strings in the arena.  The letter's words are read once,
 * and only a word as long as one of these is looked up. */
struct targets {
	const char **s;
	size_t *n;
	uint32_t *count;
	size_t mask;
	uint64_t lengths; /* bit n: a target of length n (63: 63 or longer) */
};

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c == '-';
}

static size_t word_hash(const char *s, size_t n)
{
	size_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 16777619u;
	return h;
}

/* The slot of s[0..n) in t: where it is, or the empty one it would take. */
static size_t target_slot(const struct targets *t, const char *s, size_t n)
{
	size_t i = word_hash(s, n) & t->mask;
	while (t->s[i] && !(t->n[i] == n && strncasecmp(t->s[i], s, n) == 0))
		i = (i + 1) & t->mask;
	return i;
}

static uint32_t *target_add(struct imr_arena *a, struct targets *t, const char *s, size_t n)
{
	size_t i = target_slot(t, s, n);
	if (!t->s[i]) {
		t->s[i] = imr_arena_strndup(a, s, n);
		t->n[i] = n;
		t->lengths |= UINT64_C(1) << (n < 63 ? n : 63);
	}
	return &t->count[i];
}

/* Count in t every word of the letter that is one of its targets. */
static void count_targets(const struct imr_source *src, struct targets *t)
{
	const char *text = src->text;
	for (size_t i = 0; i < src->len;) {
		while (i < src->len && !word_byte((unsigned char)text[i]))
			i++;
		size_t j = i;
		while (j < src->len && word_byte((unsigned char)text[j]))
			j++;
		size_t n = j - i;
		if (n && (t->lengths >> (n < 63 ? n : 63) & 1)) {
			size_t k = target_slot(t, text + i, n);
			if (t->s[k])
				t->count[k]++;
		}
		i = j;
	}
}

/* Whether the hyphen ending e->head breaks a word: see text.h. */
static bool breaks_word(const struct hyphen_end *e)
{
	if (*e->whole)
		return false; /* "follow-up" elsewhere */
	if (*e->joined)
		return true; /* "rehabilitation" elsewhere */
	/* A compound already ("day-to-" / "day"), one opening with a word that
	 * opens compounds, or with a word the letter has on its own ("drug-" /
	 * "taking"; the head's own occurrence is "drug-") keeps the hyphen. */
	return !memchr(e->head, '-', e->hn - 1) && !imr_compound_head(e->head, e->hn - 1) && !*e->alone;
}

void imr_mark_broken_words(struct imr_arena *a, struct imr_source *src)
{
	const char *t = src->text;
	struct hyphen_end *ends = NULL;
	size_t count = 0, capacity = 0;
	for (size_t l = 0; l + 1 < src->nlines; l++) {
		size_t start = src->line_start[l], end = src->line_start[l + 1] - 1; /* its newline */
		if (end < start + 2 || t[end - 1] != '-' || !isalpha((unsigned char)t[end - 2]) ||
		    (t[end] != '\n' && t[end] != ' ')) /* (a folded row's line: no line break) */
			continue;
		size_t n = src->line_start[l + 1], next_end = l + 2 < src->nlines ? src->line_start[l + 2] : src->len;
		while (n < next_end && (t[n] == ' ' || t[n] == '\f'))
			n++;
		if (n == next_end || !islower((unsigned char)t[n]))
			continue;
		size_t h = end - 1, e = n;
		while (h > start && word_byte((unsigned char)t[h - 1]))
			h--;
		while (e < next_end && word_byte((unsigned char)t[e]))
			e++;
		ends = imr_arena_grow(a, ends, &capacity, count + 1, sizeof *ends);
		ends[count++] = (struct hyphen_end){l, t + h, t + n, end - h, e - n, NULL, NULL, NULL};
	}
	if (!count)
		return;
	size_t cap = 16;
	while (cap < 6 * count)
		cap *= 2;
	struct targets tg = {imr_arena_alloc(a, cap * sizeof *tg.s), imr_arena_alloc(a, cap * sizeof *tg.n),
	                     imr_arena_alloc(a, cap * sizeof *tg.count), cap - 1, 0};
	for (size_t i = 0; i < count; i++) {
		struct hyphen_end *e = &ends[i];
		char *word = imr_arena_alloc(a, e->hn + e->tn + 1);
		memcpy(word, e->head, e->hn); /* the head ends in its hyphen */
		memcpy(word + e->hn, e->tail, e->tn);
		e->whole = target_add(a, &tg, word, e->hn + e->tn);
		e->alone = target_add(a, &tg, word, e->hn - 1);
		memmove(word + e->hn - 1, e->tail, e->tn);
		e->joined = target_add(a, &tg, word, e->hn - 1 + e->tn);
	}
	count_targets(src, &tg);
	for (size_t i = 0; i < count; i++) {
		if (!breaks_word(&ends[i]))
			continue;
		if (!src->broken)
			src->broken = imr_arena_alloc(a, (src->nlines + 63) / 64 * sizeof *src->broken);
		src->broken[ends[i].line / 64] |= UINT64_C(1) << (ends[i].line % 64);
	}
}

/* Whether the line before l ended in a word it broke (the hyphen o[-1]
 * is its last byte), l opening with the rest of it. */
static bool broken_between(const struct imr_source *src, const struct imr_line *prev,
                           const struct imr_line *l)
{
	if (!src->broken || src->text[prev->end] != '\n')
		return false;
	const char *f = src->text + l->start;
	while (*f == ' ' || *f == '\f')
		f++;
	return imr_small_letter(src, *f) && imr_line_broken(src, imr_source_line_index(src, prev->end - 1));
}

void imr_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
              size_t from, size_t to, struct imr_joined *out)
{
	size_t n = to - from;
	size_t total = 1;
	for (size_t i = from; i < to; i++)
		total += t->lines[i].end - t->lines[i].start + 1;
	/* One allocation: the two maps, then the string. */
	uint32_t *map = imr_arena_alloc(a, 2 * n * sizeof *map + total + BLOCK);
	char *s = (char *)(map + 2 * n), *o = s;
	*out = (struct imr_joined){
		.s = s, .src = src, .lines = n ? t->lines + from : NULL, .at = map, .line = map + n,
		.nlines = n};
	uint32_t line = 0;
	for (size_t i = from; i < to; i++) {
		const struct imr_line *l = &t->lines[i];
		if (o > s) {
			char last = o[-1];
			char before = o - s >= 2 ? o[-2] : ' ';
			bool glue = last == '/' || (last == '-' && isalnum((unsigned char)before));
			if (!glue)
				*o++ = ' ';
			else if (last == '-' && broken_between(src, &t->lines[i - 1], l))
				o--; /* "Reha-" + "bilitation" */
		}
		out->at[i - from] = (uint32_t)(o - s);
		out->line[i - from] = line = line_of(src, l->start, line);
		/* A line of the input has no newline; only its first byte can be
		 * a page break (normalize.c).  A raw region reaches its line's
		 * newline (the byte before the next line, or the text's last). */
		size_t newline = (line < src->nlines ? src->line_start[line] : src->len) - 1;
		bool raw = src->text[l->start] == '\f' || l->end > newline;
		o = copy_collapsed(o, s, src->text + l->start, src->text + l->end, raw,
		                   src->text + src->len + 2);
		while (o > s && o[-1] == ' ')
			o--;
	}
	*o = '\0';
	out->len = (size_t)(o - s);
}

void imr_join_text(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                   struct imr_joined *out)
{
	static const struct imr_text none = {.node = {IMR_N_TEXT, {0, 0}}};
	imr_join(a, src, t ? t : &none, 0, t ? t->count : 0, out);
}

/* The input line of s[off], on the text's line lo, in a text whose words
 * a repair moved to another line (normalize.h): the line lo's unless
 * the byte of the input that became it (found as imr_join copied the
 * line) was moved there. */
__attribute__((noinline)) static unsigned moved_line(const struct imr_joined *j, size_t lo, size_t off)
{
	const struct imr_line *l = &j->lines[lo];
	const char *t = j->src->text;
	char last = j->at[lo] ? j->s[j->at[lo] - 1] : ' ';
	size_t k = j->at[lo];
	for (uint32_t p = l->start; p < l->end && k <= off; p++) {
		char c = t[p] == '\f' || t[p] == '\n' ? ' ' : t[p];
		if (c == ' ' && last == ' ')
			continue; /* collapsed */
		if (k++ == off && imr_source_byte_moved(j->src, p))
			return imr_source_line(j->src, p);
		last = c;
	}
	return imr_source_input_line(j->src, j->line[lo] - 1);
}

struct imr_pos imr_joined_pos(const struct imr_joined *j, size_t off)
{
	if (!j || j->nlines == 0)
		return (struct imr_pos){0, 0};
	/* The last line starting at or before off (an empty line starts
	 * where the next one does: the next one is the one). */
	size_t n = imr_count_at_most(j->at, j->nlines, off);
	size_t lo = n ? n - 1 : 0;
	unsigned page = j->src->npages > 1 ? imr_source_page(j->src, j->lines[lo].start) : 0;
	if (j->src->words_moved)
		return (struct imr_pos){moved_line(j, lo, off), page};
	return (struct imr_pos){imr_source_input_line(j->src, j->line[lo] - 1), page};
}

void imr_joined_paragraphs(struct imr_arena *a, const struct imr_joined *j, struct imr_strings *out)
{
	size_t start = 0;
	for (size_t k = 1; k <= j->nlines; k++) {
		if (k < j->nlines && !j->lines[k].para_break)
			continue;
		size_t end = k < j->nlines ? j->at[k] : j->len;
		const char *b = j->s + start, *e = j->s + end;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (e > b) {
			/* The text's one paragraph is the text itself. */
			const char *p = start == 0 && end == j->len ? j->s
			                                            : imr_arena_strndup(a, b, (size_t)(e - b));
			imr_strings_add_at(a, out, p, imr_joined_pos_at(j, b));
		}
		start = end;
	}
}

char *imr_text_join(struct imr_arena *a, const struct imr_source *src, const struct imr_text *t,
                    size_t from, size_t to)
{
	struct imr_joined j;
	imr_join(a, src, t, from, to, &j);
	return j.s;
}

char *imr_text_paragraphs(struct imr_arena *a, const struct imr_source *src,
                          const struct imr_text *t, struct imr_strings *out)
{
	if (!t)
		return "";
	struct imr_joined j;
	imr_join(a, src, t, 0, t->count, &j);
	imr_joined_paragraphs(a, &j, out);
	return j.s;
}

void imr_strings_add(struct imr_arena *a, struct imr_strings *l, const char *s)
{
	imr_strings_add_at(a, l, s, (struct imr_pos){0, 0});
}

void imr_strings_add_at(struct imr_arena *a, struct imr_strings *l, const char *s, struct imr_pos pos)
{
	size_t cap = l->capacity;
	l->items = imr_arena_grow(a, l->items, &l->capacity, l->count + 1, sizeof *l->items);
	l->pos = imr_arena_grow(a, l->pos, &cap, l->count + 1, sizeof *l->pos);
	l->items[l->count] = s;
	l->pos[l->count++] = pos;
}

void imr_trim_span(const char **sp, const char **ep, const char *strip)
{
	const char *s = *sp, *e = *ep;
	for (;;) {
		while (s < e && (*s == ' ' || strchr(strip, *s)))
			s++;
		while (e > s && (e[-1] == ' ' || strchr(strip, e[-1])))
			e--;
		/* A dangling conjunction left by a list split: "X, and" */
		if (e - s >= 4 && strncmp(e - 4, " and", 4) == 0)
			e -= 4;
		else if (e - s >= 4 && strncasecmp(s, "and ", 4) == 0)
			s += 4;
		else if (e - s == 3 && strncasecmp(s, "and", 3) == 0)
			s = e;
		else
			break;
	}
	*sp = s, *ep = e;
}

char *imr_trim_copy(struct imr_arena *a, const char *s, const char *e, const char *strip)
{
	imr_trim_span(&s, &e, strip);
	return imr_arena_strndup(a, s, (size_t)(e - s));
}
