/* words.c - the words of a letter, counted, and the form's (words.h). */
#include "words.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "phrase.h"
#include "vocab.h"

/* FNV-1a of a then b, case folded. */
static size_t word_hash(const char *a, size_t na, const char *b, size_t nb)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < na; i++)
		h = (h ^ (unsigned char)imr_fold_ascii(a[i])) * 16777619u;
	for (size_t i = 0; i < nb; i++)
		h = (h ^ (unsigned char)imr_fold_ascii(b[i])) * 16777619u;
	return h;
}

/* The slot of a then b (its word, or the free slot where it would go). */
struct imr_word *imr_word_slot(const struct imr_word_table *t, const char *a, size_t na, const char *b,
                               size_t nb)
{
	for (size_t i = word_hash(a, na, b, nb) & t->mask;; i = (i + 1) & t->mask) {
		struct imr_word *w = &t->w[i];
		if (!w->s)
			return w;
		if (w->n != na + nb)
			continue;
		size_t k = 0;
		while (k < na && imr_fold_ascii(w->s[k]) == imr_fold_ascii(a[k]))
			k++;
		while (k >= na && k < na + nb && imr_fold_ascii(w->s[k]) == imr_fold_ascii(b[k - na]))
			k++;
		if (k == na + nb)
			return w;
	}
}

/* The word s[0..n) in t, added if new (the table grown to stay at most
 * half full); NULL when memory runs out. */
static struct imr_word *add_word(struct imr_word_table *t, const char *s, size_t n)
{
	if ((t->used + 1) * 2 > t->mask + 1) {
		size_t slots = t->w ? (t->mask + 1) * 2 : 1024;
		struct imr_word_table g = {calloc(slots, sizeof *g.w), slots - 1, t->used};
		if (!g.w)
			return NULL;
		for (size_t i = 0; t->w && i <= t->mask; i++)
			if (t->w[i].s)
				*imr_word_slot(&g, t->w[i].s, t->w[i].n, "", 0) = t->w[i];
		free(t->w);
		*t = g;
	}
	struct imr_word *w = imr_word_slot(t, s, n, "", 0);
	if (!w->s)
		*w = (struct imr_word){.s = s, .n = (uint32_t)n}, t->used++;
	return w;
}

/* A run of letters ending at s[e] (exclusive), from its start; 0 if none
 * or a digit touches it. */
size_t imr_letters_before(const char *s, size_t e)
{
	size_t i = e;
	while (i && imr_letter(s[i - 1]))
		i--;
	return i < e && (i == 0 || !imr_alnum(s[i - 1])) ? e - i : 0;
}

size_t imr_letters_after(const char *s, size_t i, size_t n)
{
	size_t e = i;
	while (e < n && imr_letter(s[e]))
		e++;
	return e > i && (e == n || !imr_alnum(s[e])) ? e - i : 0;
}

/* Each word of s[0..n) (a run of letters no digit touches, and a
 * hyphenated pair: "Non-MTUS") into t, counted; false when memory runs
 * out. */
bool imr_add_words(struct imr_word_table *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (!imr_letter(s[i])) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < n && imr_letter(s[e]))
			e++;
		bool whole = (i == 0 || !imr_alnum(s[i - 1])) && (e == n || !imr_alnum(s[e]));
		size_t f = e + 1 < n && s[e] == '-' ? e + 1 + imr_letters_after(s, e + 1, n) : e;
		for (size_t k = 0; whole && k < 2; k++) {
			size_t to = k ? f : e;
			if ((k && f == e) || to - i >= 64)
				break;
			struct imr_word *w = add_word(t, s + i, to - i);
			if (!w)
				return false;
			w->count++;
		}
		i = e;
	}
	return true;
}

/* The form's words: vocab.h's headings and labels, phrase.h's phrases,
 * the request lexicon; made once a process. */
static const char *const form_texts[] = {
#define IMR_SECTION_TEXT(id, text, ...) text,
	IMR_SECTIONS(IMR_SECTION_TEXT)
#define IMR_HEADER_LABEL_TEXT(field, text, ...) text,
	IMR_HEADER_LABELS(IMR_HEADER_LABEL_TEXT)
#define IMR_LINE_LABEL_TEXT(id, text, ...) text,
	IMR_LINE_LABELS(IMR_LINE_LABEL_TEXT)
#define IMR_PHRASE_TEXT(id, text, ...) text,
	IMR_PHRASES(IMR_PHRASE_TEXT)
};
static struct imr_word_table form_words;
static pthread_once_t form_words_once = PTHREAD_ONCE_INIT;

static void read_form_words(void)
{
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof form_texts / sizeof *form_texts; i++)
		ok = imr_add_words(&form_words, form_texts[i], strlen(form_texts[i]));
	for (size_t i = 0; ok && i < imr_lexicon_count; i++)
		ok = imr_add_words(&form_words, imr_lexicon[i].phrase, strlen(imr_lexicon[i].phrase));
	if (!ok) { /* no form words: only the letter's are known */
		free(form_words.w);
		form_words = (struct imr_word_table){0};
	}
}

void imr_read_form_words(void)
{
	pthread_once(&form_words_once, read_form_words);
}

bool imr_form_word(const char *a, size_t na, const char *b, size_t nb)
{
	return form_words.w && imr_word_slot(&form_words, a, na, b, nb)->s;
}

/* A word of the letter or the form. */
bool imr_known_word(const struct imr_word_table *t, const char *a, size_t na, const char *b, size_t nb)
{
	return imr_word_slot(t, a, na, b, nb)->s || imr_form_word(a, na, b, nb);
}

const char *imr_case_number_in(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\f'))
		s++, n--;
	if (n != 12 || s[0] != 'C' || s[1] != 'M' || s[4] != '-')
		return NULL;
	for (size_t i = 2; i < n; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return NULL;
	return s;
}
