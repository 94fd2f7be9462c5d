/* reading_order.c - boxes out of reading order put back in it (see
 * reading_order.h).
 *
 * A box is a run of text lines between blank lines, within a page.  The
 * steps, each over the boxes in the extractor's order:
 *   1. initials: each capital alone is rejoined to the box it begins;
 *   2. kinds: what each box is, by its first line's words (a heading, the
 *      header's cells, a line label, the summary's introduction, a
 *      title ending in a decision, running text);
 *   3. regions: the part of the letter each box is in (its heading's, or
 *      the one its label names; running text the one read last);
 *   4. items: each "Claims Administrator guideline", "MAXIMUS guideline"
 *      and "Decision rationale" goes to the item being read unless it has
 *      one already; the titles go to the items by count, page by page;
 *   5. continuations: each box of running text among the items joins the
 *      part it fits best, an open one (its sentence unfinished) first;
 *   6. the text is rebuilt, page by page: the boxes in the letter's
 *      order, each part's boxes one paragraph, the lines kept as the
 *      input's (line_origin, line_index).
 * Nothing here is on the path of ordinary text: convert.c calls it only
 * when normalization counted lone capitals. */
#define _GNU_SOURCE /* memmem */
#include "reading_order.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lex.h"
#include "vocab.h"

enum box_kind {
	BOX_TEXT,          /* running text */
	BOX_INITIAL,       /* a capital alone ("  T") */
	BOX_REJOINED,      /* such a capital, rejoined: a blank line now */
	BOX_HEADING,       /* a section heading */
	BOX_HEADER,        /* cells of the header table */
	BOX_LABEL,         /* opens with a line label (vocab.h's IMR_LINE_LABELS) */
	BOX_SUMMARY_INTRO, /* the case summary's introduction */
	BOX_TITLE,         /* an item's title, or its first lines */
	BOX_TITLE_END,     /* the rest of a title, ending in its decision */
};

/* Where a box goes, in the letter's order: the header, then the parts of
 * vocab.h's IMR_PARTS (REGION_PARTS + part). */
enum { REGION_HEADER = 0, REGION_PARTS = 1 };
#define REGION(part) ((uint8_t)(REGION_PARTS + (part)))

/* A box's rank in its region: a heading first, then an introduction, the
 * reviewer's labels in their order, a paragraph's first lines, the items. */
enum { RANK_HEADING = 0, RANK_INTRO = 1, RANK_FIRST = 2, RANK_ITEMS = 2, RANK_TEXT = 3 };

struct box {
	uint32_t first, count; /* its lines [first, first + count) */
	uint32_t page;
	int32_t item;          /* the item it is part of, or -1 */
	int32_t head;          /* the first box of its part (itself when it is) */
	int32_t last;          /* (a part's first box) the part's last box so far */
	uint32_t seq;          /* its place in its part */
	uint32_t at;           /* its place among the boxes, initials rejoined left out */
	int16_t id;            /* a heading's section, a label's line label */
	char initial;          /* its paragraph's first letter, rejoined (0: none) */
	uint8_t kind;          /* enum box_kind */
	uint8_t region;        /* REGION_HEADER or REGION(part) */
	uint8_t rank;          /* its place in its region */
	int8_t part;           /* the item's part it holds (enum imr_item_part), or -1 */
	bool placed;           /* (running text among the items) joined to a part */
};

struct item {
	int32_t part[IMR_ITEM_PART_COUNT]; /* the first box of each part, or -1 */
};

/* A part's last words, for the test of what may continue it. */
enum { TAIL = 192 };

struct order {
	struct imr_source *src;
	struct box *box;
	size_t nbox, cap;
	struct item *item;
	size_t nitem;
	char (*tail)[TAIL]; /* per item and part: the part's text so far, its end */
	size_t *tail_len;
	size_t strong;      /* initials that made a known label whole */
};

/* ---- lines and words ----------------------------------------------- */

/* Line i's text without its newline and surrounding blanks (a page break
 * opening it is a blank here). */
static const char *line_at(const struct imr_source *src, size_t i, size_t *n)
{
	const char *s = src->text + src->line_start[i];
	const char *e = src->text + (i + 1 < src->nlines ? src->line_start[i + 1] - 1 : src->len);
	if (e > s && e[-1] == '\n')
		e--;
	while (s < e && (*s == ' ' || *s == '\f'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\f'))
		e--;
	*n = (size_t)(e - s);
	return s;
}

/* A box's first line as it reads with its initial: in buf (up to cap - 1
 * bytes, enough for any label or heading) when it has one. */
static const char *first_line(const struct order *o, const struct box *b, char *buf, size_t cap,
                              size_t *n)
{
	const char *s = line_at(o->src, b->first, n);
	if (!b->initial)
		return s;
	size_t k = *n < cap - 2 ? *n : cap - 2;
	buf[0] = b->initial;
	memcpy(buf + 1, s, k);
	*n = k + 1;
	return buf;
}

static const char *last_line(const struct order *o, const struct box *b, size_t *n)
{
	return line_at(o->src, b->first + b->count - 1, n);
}

/* 1 when s[0..n) is an item's decision alone, 2 when it ends in one after
 * a colon or a dash ("...: Upheld", "... - Upheld."), else 0. */
static int decision_end(const char *s, size_t n)
{
	size_t sep;
	if (!imr_may_end_decided(s, n) || imr_decision_ending(s, n, &sep) < 0)
		return 0;
	return isalpha((unsigned char)s[sep]) ? 1 : 2;
}

static bool ends_sentence(const char *s, size_t n)
{
	while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

static bool ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(s + n - k, w, k) == 0;
}

static bool starts_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(s, w, k) == 0;
}

/* A year opening s ("2004, Section(s): ..."): four digits, 19.. or 20... */
static bool year_at(const char *s, size_t n)
{
	return n >= 4 && (memcmp(s, "19", 2) == 0 || memcmp(s, "20", 2) == 0) && isdigit((unsigned char)s[2]) &&
	       isdigit((unsigned char)s[3]) && (n == 4 || !isdigit((unsigned char)s[4]));
}

/* The line label s[0..n) opens with, in any context, or -1. */
static int line_label(const char *s, size_t n)
{
	for (const char *c = memchr(s, ':', n); c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
		int l = imr_lookup_any_line_label(s, (size_t)(c + 1 - s));
		if (l >= 0)
			return l;
	}
	return -1;
}

/* A cell of the header: a label or a piece of one, with its value or
 * not, or a value with a type of its own.  *label: the cell has a label.
 * (The longest label with a date is some forty characters: a longer line,
 * as nearly every line is, is none, and costs nothing more.) */
enum { HEADER_CELL_MAX = 64 };
static bool header_cell(const char *s, size_t n, bool *label)
{
	enum imr_label_piece piece;
	size_t k;
	*label = false;
	if (n > HEADER_CELL_MAX)
		return false;
	*label = true;
	if (imr_lookup_header_label(s, n, &piece) >= 0)
		return true;
	if (imr_leading_header_label(s, n, &piece, &k) >= 0) {
		while (k < n && s[k] == ' ')
			k++;
		return k == n || imr_header_typed_value(s + k, n - k);
	}
	*label = false;
	return imr_header_typed_value(s, n);
}

/* Whether s[0..n) made whole by an initial is a word of the form: a
 * heading, a line label, a header label. */
static bool known_words(const char *s, size_t n)
{
	bool label;
	return imr_lookup_section(s, n) >= 0 || line_label(s, n) >= 0 || (header_cell(s, n, &label) && label);
}

/* ---- 1. boxes and initials ------------------------------------------- */

static bool add_box(struct order *o, uint32_t first, uint32_t count, uint32_t page, uint8_t kind)
{
	if (o->nbox == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 128;
		struct box *b = realloc(o->box, cap * sizeof *b);
		if (!b)
			return false;
		o->box = b;
		o->cap = cap;
	}
	o->box[o->nbox++] = (struct box){.first = first, .count = count, .page = page, .item = -1,
	                                 .head = -1, .last = -1, .kind = kind, .part = -1};
	return true;
}

/* The boxes of every page: runs of text lines between blank lines, a
 * capital alone a box of its own. */
static bool collect_boxes(struct order *o)
{
	const struct imr_source *src = o->src;
	uint32_t page = 0, run = 0;
	size_t run_len = 0;
	for (size_t i = 0; i <= src->nlines; i++) {
		bool new_page = false;
		while (i < src->nlines && page + 1 < src->npages && src->page_start[page + 1] <= src->line_start[i])
			page++, new_page = true;
		size_t n = 0;
		if (i < src->nlines)
			line_at(src, i, &n);
		if (run_len && (n == 0 || new_page)) {
			uint32_t p = (uint32_t)imr_count_at_most(src->page_start, src->npages, src->line_start[run]);
			p = p ? p - 1 : 0;
			size_t m;
			const char *t = line_at(src, run, &m);
			bool initial = run_len == 1 && m == 1 && isupper((unsigned char)*t);
			if (!add_box(o, run, (uint32_t)run_len, p, initial ? BOX_INITIAL : BOX_TEXT))
				return false;
			run_len = 0;
		}
		if (n) {
			if (!run_len)
				run = (uint32_t)i;
			run_len++;
		}
	}
	return true;
}

/* Whether a paragraph may have lost its first letter to an initial:
 * strongly, when the letter makes it a label of the form ("ecision
 * rationale:" and "D"); weakly, when it opens with a small letter or a
 * hyphen ("he injured worker", "-rays of the head"), or is a title
 * opening with the rest of a word in capitals ("RI of the knee: Upheld",
 * "T scan of the head: Upheld"). */
static bool takes_initial(const struct order *o, const struct box *b, char letter, bool strong)
{
	char buf[200];
	size_t n;
	const char *s = line_at(o->src, b->first, &n);
	if (strong) {
		size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
		buf[0] = letter;
		memcpy(buf + 1, s, k);
		return known_words(buf, k + 1);
	}
	if (islower((unsigned char)*s) || *s == '-')
		return true;
	size_t w = 0;
	while (w < n && (isupper((unsigned char)s[w]) || s[w] == '/'))
		w++;
	size_t ln;
	const char *l = last_line(o, b, &ln);
	return w && w <= 6 && (w == n || s[w] == ' ') && decision_end(l, ln) == 2;
}

/* Each initial to the nearest box before it on its page that it may
 * begin: the strong matches first (they settle the labels), then the
 * weak. */
static void rejoin_initials(struct order *o)
{
	for (size_t p0 = 0, p1; p0 < o->nbox; p0 = p1) {
		for (p1 = p0; p1 < o->nbox && o->box[p1].page == o->box[p0].page; p1++)
			;
		for (int strong = 1; strong >= 0; strong--)
			for (size_t k = p0; k < p1; k++) {
				struct box *in = &o->box[k];
				if (in->kind != BOX_INITIAL)
					continue;
				size_t one;
				char letter = *line_at(o->src, in->first, &one);
				for (size_t j = k; j-- > p0;) {
					struct box *b = &o->box[j];
					if (b->kind == BOX_INITIAL || b->kind == BOX_REJOINED || b->initial ||
					    !takes_initial(o, b, letter, strong))
						continue;
					b->initial = letter;
					in->kind = BOX_REJOINED;
					o->strong += (size_t)strong;
					break;
				}
			}
	}
}

/* ---- 2. and 3. kinds and regions ------------------------------------ */

/* Where a line label's box goes: its part of the letter (IMR_PART_COUNT:
 * none of its own), its rank there, and the item's part it opens. */
static enum imr_part label_place(enum imr_line_label l, uint8_t *rank, int8_t *item_part)
{
	*item_part = -1;
	*rank = RANK_TEXT;
	switch (l) {
	case IMR_CREDENTIALS:
	case IMR_QUALIFICATIONS: *rank = 2; return IMR_PART_REVIEWER;
	case IMR_LICENSURE: *rank = 3; return IMR_PART_REVIEWER;
	case IMR_CERTIFICATION: *rank = 4; return IMR_PART_REVIEWER;
	case IMR_ISSUES_INTRO: *rank = RANK_INTRO; return IMR_PART_ISSUES;
	case IMR_NOTICE_SUMMARY:
	case IMR_NOTICE_SUMMARY_EXPERT: *rank = RANK_INTRO; return IMR_PART_SUMMARY;
	case IMR_CLAIMS_GUIDELINE:
	case IMR_NOTICE_CLAIMS_GUIDELINE:
	case IMR_NOTICE_CLAIMS_GUIDELINES:
		*item_part = IMR_ITEM_PART_CLAIMS_GUIDELINE, *rank = RANK_ITEMS;
		return IMR_PART_ISSUES;
	case IMR_MAXIMUS_GUIDELINE:
	case IMR_NOTICE_EXPERT_GUIDELINE:
	case IMR_NOTICE_EXPERT_GUIDELINES:
		*item_part = IMR_ITEM_PART_MAXIMUS_GUIDELINE, *rank = RANK_ITEMS;
		return IMR_PART_ISSUES;
	case IMR_RATIONALE:
	case IMR_NOTICE_RATIONALE:
		*item_part = IMR_ITEM_PART_RATIONALE, *rank = RANK_ITEMS;
		return IMR_PART_ISSUES;
	case IMR_LINE_LABEL_COUNT: break;
	}
	return IMR_PART_COUNT;
}

/* What a box is, by its first line (and for a title its last). */
static void classify(struct order *o, struct box *b)
{
	char buf[200];
	size_t n, ln;
	const char *s = first_line(o, b, buf, sizeof buf, &n);
	const char *intro = imr_form_sentence(IMR_SENTENCE_SUMMARY_INTRO);
	int h = imr_lookup_section(s, n);
	if (h >= 0) {
		b->kind = BOX_HEADING, b->id = (int16_t)h;
		return;
	}
	bool header = true, labels = false, values = false;
	for (uint32_t i = 0; header && i < b->count; i++) {
		size_t m = n;
		const char *t = s;
		bool label;
		if (i)
			t = line_at(o->src, b->first + i, &m);
		header = header_cell(t, m, &label);
		labels |= label, values |= !label;
	}
	if (header) {
		/* A table read by columns: its labels, then its values; a box
		 * of both (a row's cells) after them. */
		b->kind = BOX_HEADER, b->rank = labels && values ? 2 : values;
		return;
	}
	int l = line_label(s, n);
	if (l >= 0) {
		b->kind = BOX_LABEL, b->id = (int16_t)l;
		return;
	}
	if (n >= 40 && strncmp(s, intro, n < strlen(intro) ? n : strlen(intro)) == 0) {
		b->kind = BOX_SUMMARY_INTRO;
		return;
	}
	const char *t = last_line(o, b, &ln);
	int d = decision_end(t, ln);
	if (d)
		b->kind = (b->count == 1 && d == 1) || (!b->initial && islower((unsigned char)*s)) ? BOX_TITLE_END
		                                                                                  : BOX_TITLE;
}

/* Each box's region and rank: a heading opens its part, a label goes to
 * the part it names, running text to the part read last (the header's
 * cells, which the extractor puts anywhere, leave it as it was). */
static void assign_regions(struct order *o)
{
	uint8_t region = REGION_HEADER;
	for (size_t i = 0; i < o->nbox; i++) {
		struct box *b = &o->box[i];
		switch ((enum box_kind)b->kind) {
		case BOX_HEADING: {
			enum imr_part part = imr_section_part((enum imr_section)b->id);
			region = part < IMR_PART_COUNT ? REGION(part) : REGION_HEADER;
			b->region = region, b->rank = RANK_HEADING;
			break;
		}
		case BOX_HEADER: b->region = REGION_HEADER; break;
		case BOX_LABEL: {
			enum imr_part part = label_place((enum imr_line_label)b->id, &b->rank, &b->part);
			if (part < IMR_PART_COUNT)
				region = REGION(part);
			b->region = region;
			break;
		}
		case BOX_SUMMARY_INTRO:
			b->region = region = REGION(IMR_PART_SUMMARY), b->rank = RANK_INTRO;
			break;
		case BOX_TITLE:
		case BOX_TITLE_END:
			b->region = region = REGION(IMR_PART_ISSUES), b->rank = RANK_TEXT;
			break;
		case BOX_TEXT:
		case BOX_INITIAL:
			b->region = region;
			/* A paragraph's first lines (an initial's) open their part;
			 * among the items they are a title's. */
			b->rank = region == REGION(IMR_PART_REVIEWER) ? RANK_INTRO
			          : b->initial                        ? RANK_FIRST
			                                              : RANK_TEXT;
			if (b->initial && region == REGION(IMR_PART_ISSUES))
				b->kind = BOX_TITLE;
			break;
		case BOX_REJOINED: break;
		}
	}
}

/* ---- 4. items ------------------------------------------------------- */

static bool is_item_part(const struct box *b)
{
	return b->kind == BOX_LABEL && b->part >= 0 && b->region == REGION(IMR_PART_ISSUES);
}

static bool is_title(const struct box *b)
{
	return b->kind == BOX_TITLE && b->region == REGION(IMR_PART_ISSUES);
}

/* Append box b's lines to a part's tail, keeping the last TAIL - 1 bytes. */
static void tail_add(struct order *o, size_t slot, const struct box *b)
{
	char *t = o->tail[slot];
	size_t *len = &o->tail_len[slot];
	char buf[200];
	for (uint32_t i = 0; i < b->count; i++) {
		size_t n;
		const char *s = i ? line_at(o->src, b->first + i, &n) : first_line(o, b, buf, sizeof buf, &n);
		if (n >= TAIL - 1) {
			s += n - (TAIL - 2), n = TAIL - 2;
		}
		size_t need = *len + (*len > 0) + n;
		if (need > TAIL - 1) {
			size_t drop = need - (TAIL - 1);
			memmove(t, t + drop, *len - drop);
			*len -= drop;
		}
		if (*len)
			t[(*len)++] = ' ';
		memcpy(t + *len, s, n);
		*len += n;
	}
}

static void join_part(struct order *o, size_t item, int part, size_t bi)
{
	struct box *b = &o->box[bi];
	size_t slot = item * IMR_ITEM_PART_COUNT + (size_t)part;
	b->item = (int32_t)item, b->part = (int8_t)part, b->rank = RANK_ITEMS;
	int32_t head = o->item[item].part[part];
	if (head < 0) {
		o->item[item].part[part] = (int32_t)bi;
		b->head = b->last = (int32_t)bi, b->seq = 0;
		o->tail_len[slot] = 0;
	} else {
		struct box *h = &o->box[head];
		b->head = head, b->seq = o->box[h->last].seq + 1;
		h->last = (int32_t)bi;
	}
	tail_add(o, slot, b);
}

/* Items are opened by their guidelines and rationale: each has one of
 * each, so a part the item being read has already opens the next. */
static bool form_items(struct order *o)
{
	size_t n = 1;
	for (size_t i = 0; i < o->nbox; i++)
		n += is_item_part(&o->box[i]);
	o->item = malloc(n * sizeof *o->item);
	o->tail = malloc(n * IMR_ITEM_PART_COUNT * sizeof *o->tail);
	o->tail_len = calloc(n * IMR_ITEM_PART_COUNT, sizeof *o->tail_len);
	if (!o->item || !o->tail || !o->tail_len)
		return false;
	for (size_t i = 0; i < o->nbox; i++) {
		struct box *b = &o->box[i];
		if (!is_item_part(b))
			continue;
		int part = b->part;
		if (!o->nitem || o->item[o->nitem - 1].part[part] >= 0) {
			for (int p = 0; p < IMR_ITEM_PART_COUNT; p++)
				o->item[o->nitem].part[p] = -1;
			o->nitem++;
		}
		join_part(o, o->nitem - 1, part, i);
	}
	return true;
}

/* Whether item it has a part of its on the page's boxes [p0, at). */
static bool met_before(const struct order *o, size_t p0, size_t at, int32_t it)
{
	for (size_t k = p0; k < at; k++)
		if (is_item_part(&o->box[k]) && o->box[k].item == it)
			return true;
	return false;
}

/*
 * The titles: the k-th title in reading order is the k-th item's, so the
 * titles of a page are those of the items that follow the earlier pages'
 * (by count).  Within a page the extractor's order of titles is not the
 * reading order: a title among the page's parts goes to the latest item
 * without one already met on the page (else to the next item opened); the
 * titles after the page's last part come, as pdfminer groups them, last
 * item first.
 */
static void place_titles(struct order *o)
{
	size_t done = 0;
	for (size_t p0 = 0, p1; p0 < o->nbox; p0 = p1) {
		size_t titles = 0, last_part = p0, pending[64], npending = 0, trailing[64], ntrailing = 0;
		bool any_part = false;
		for (p1 = p0; p1 < o->nbox && o->box[p1].page == o->box[p0].page; p1++) {
			titles += is_title(&o->box[p1]);
			if (is_item_part(&o->box[p1]))
				last_part = p1, any_part = true;
		}
		size_t lo = done, hi = done + titles < o->nitem ? done + titles : o->nitem;
		done += titles;
		for (size_t k = p0; k < p1; k++) {
			struct box *b = &o->box[k];
			if (is_item_part(b) && npending && (size_t)b->item >= lo && (size_t)b->item < hi &&
			    o->item[b->item].part[IMR_ITEM_PART_TITLE] < 0) {
				join_part(o, (size_t)b->item, IMR_ITEM_PART_TITLE, pending[0]);
				memmove(pending, pending + 1, --npending * sizeof *pending);
			}
			if (!is_title(b))
				continue;
			if (!any_part || k > last_part) {
				if (ntrailing < 64)
					trailing[ntrailing++] = k;
				continue;
			}
			int32_t best = -1;
			for (size_t it = lo; it < hi; it++)
				if (o->item[it].part[IMR_ITEM_PART_TITLE] < 0 && met_before(o, p0, k, (int32_t)it))
					best = (int32_t)it;
			if (best >= 0)
				join_part(o, (size_t)best, IMR_ITEM_PART_TITLE, k);
			else if (npending < 64)
				pending[npending++] = k;
		}
		for (size_t i = 0; i < npending; i++)
			for (size_t it = lo; it < hi; it++)
				if (o->item[it].part[IMR_ITEM_PART_TITLE] < 0) {
					join_part(o, it, IMR_ITEM_PART_TITLE, pending[i]);
					break;
				}
		for (size_t i = 0; i < ntrailing; i++)
			for (size_t it = hi; it-- > lo;)
				if (o->item[it].part[IMR_ITEM_PART_TITLE] < 0) {
					join_part(o, it, IMR_ITEM_PART_TITLE, trailing[i]);
					break;
				}
	}
}

/* ---- 5. continuations ----------------------------------------------- */

/* The citation's words (citation.c reads them): a part whose last
 * sentence has one is a citation, continued by more of it. */
static const char *const citation_words[] = {"Decision based on", "Section(s)"};

/* Whether a part's text so far, t[0..n), is open: a title without its
 * decision, any other part without the end of its sentence. */
static bool part_open(int part, const char *t, size_t n)
{
	if (part == IMR_ITEM_PART_TITLE)
		return !decision_end(t, n);
	return n && !ends_sentence(t, n);
}

/* Whether the box's lines hold a sentence's end before another (prose,
 * not a citation's list). */
static bool prose(const struct order *o, const struct box *b)
{
	char prev = 0;
	for (uint32_t i = 0; i < b->count; i++) {
		size_t n;
		const char *s = line_at(o->src, b->first + i, &n);
		if (n && prev == '.' && isupper((unsigned char)s[0]))
			return true;
		for (size_t k = 2; k + 1 < n; k++)
			if (s[k] == '.' && s[k + 1] == ' ' && islower((unsigned char)s[k - 1]) && k + 2 < n &&
			    isupper((unsigned char)s[k + 2]))
				return true;
		prev = n ? s[n - 1] : 0;
	}
	return false;
}

/* Whether t[0..n) ends in the beginning of one of the form's sentences and
 * s[0..m) goes on with the rest ("... did not cite any medical evidence"
 * / "for its decision."). */
static bool form_sentence_joint(const char *t, size_t n, const char *s, size_t m)
{
	/* (Where the tail's last word stands in a sentence: the joints to try.) */
	size_t a = n;
	while (a && t[a - 1] != ' ')
		a--;
	if (a == n)
		return false;
	for (int f = 0; f < IMR_FORM_SENTENCE_COUNT; f++) {
		const char *w = imr_form_sentence((enum imr_form_sentence)f), *e = w + strlen(w);
		for (const char *p = w; (p = memmem(p, (size_t)(e - p), t + a, n - a)); p++) {
			size_t k = (size_t)(p - w) + (n - a), len = (size_t)(e - w);
			if (k < 10 || k + 4 >= len || w[k] != ' ' || (p > w && p[-1] != ' ') || n < k ||
			    memcmp(t + n - k, w, k) != 0 || (n > k && t[n - k - 1] != ' '))
				continue;
			size_t rest = len - k - 1, c = m < rest ? m : rest;
			if (c >= 3 && memcmp(s, w + k + 1, c) == 0)
				return true;
		}
	}
	return false;
}

/* The last word of t[0..n) and the first of s[0..m) are one ("guidelines
 * for" / "for its decision": not a joint). */
static bool word_repeated(const char *t, size_t n, const char *s, size_t m)
{
	size_t a = n;
	while (a && isalnum((unsigned char)t[a - 1]))
		a--;
	size_t b = 0;
	while (b < m && isalnum((unsigned char)s[b]))
		b++;
	return n - a && n - a == b && strncasecmp(t + a, s, b) == 0;
}

/*
 * How well box c continues a part whose text so far is t[0..n): 0 not,
 * else the more the better.  A title's first lines take the lines that
 * end in its decision.  An open part (its last sentence unfinished) takes
 * the rest of a form's sentence (8); what a citation's grammar continues
 * ("Complaints" / "2004, Section(s): ...", "2004," / "Section(s): ...",
 * "Section(s):" / "Special Studies."; 6), more of a citation (6, prose
 * 2); a sentence going on in small letters (4) or in a capital (2).  A
 * part whose sentence ended may go on with another: a guideline with its
 * next citation ("Decision based on Non-MTUS Citation ..."; 4), any part
 * with a sentence in a capital, least of all (1).
 */
static unsigned fit(const struct order *o, int part, const char *t, size_t n, const struct box *c)
{
	size_t m, ln;
	const char *s = line_at(o->src, c->first, &m);
	const char *l = last_line(o, c, &ln);
	bool decided = decision_end(l, ln) != 0, open = part_open(part, t, n);
	if (part == IMR_ITEM_PART_TITLE)
		return open && decided ? 6 : 0;
	if (decided || !m || !n)
		return 0;
	/* ("Decision based on" opens a sentence: it follows a sentence's end.) */
	bool opens_citation = starts_with(s, m, citation_words[0]);
	if (!open)
		return part != IMR_ITEM_PART_RATIONALE && opens_citation ? 4 : isupper((unsigned char)*s) ? 1 : 0;
	if (opens_citation)
		return 0;
	if (form_sentence_joint(t, n, s, m))
		return 8;
	if (word_repeated(t, n, s, m))
		return 0;
	/* The last sentence of the part: is it a citation? */
	size_t from = n;
	while (from > 2 && !(t[from - 1] == ' ' && t[from - 2] == '.' &&
	                     (islower((unsigned char)t[from - 3]) || t[from - 3] == ')')))
		from--;
	bool citation = false;
	for (size_t w = 0; w < sizeof citation_words / sizeof *citation_words; w++)
		citation |= part != IMR_ITEM_PART_RATIONALE &&
		            memmem(t + from, n - from, citation_words[w], strlen(citation_words[w])) != NULL;
	bool section = starts_with(s, m, "Section(s):");
	size_t d = n;
	while (d && (isdigit((unsigned char)t[d - 1]) || t[d - 1] == '.'))
		d--;
	if (n >= 5 && t[n - 1] == ',' && year_at(t + n - 5, 4) && (n == 5 || t[n - 6] == ' '))
		return section ? 6 : isupper((unsigned char)*s) ? 2 : 0;
	if (ends_with(t, n, "Section(s):"))
		return (isupper((unsigned char)*s) || isdigit((unsigned char)*s)) && !section && !year_at(s, m) ? 6 : 0;
	if (d < n && ends_with(t, d, "Section(s): "))
		return isupper((unsigned char)*s) ? 4 : 0;
	if (year_at(s, m))
		return citation && isalpha((unsigned char)t[n - 1]) ? 6 : 0;
	if (section)
		return 0;
	if (citation)
		return prose(o, c) ? 2 : 6;
	if (islower((unsigned char)*s))
		return 4;
	return isalnum((unsigned char)t[n - 1]) || t[n - 1] == ',' ? 2 : 0;
}

/* The running text among a page's items, each to the part (of this page
 * or the one before) it fits best, the nearest first: the best joint of
 * all is made, then the next.  The fits are worked out once, and again
 * only for the part a joint changed.  false: out of memory. */
static bool place_continuations(struct order *o)
{
	size_t *conts = NULL, *slots = NULL;
	unsigned char *fits = NULL;
	bool ok = true;
	for (size_t p0 = 0, p1; ok && p0 < o->nbox; p0 = p1) {
		uint32_t page = o->box[p0].page;
		size_t nc = 0, ns = 0;
		for (p1 = p0; p1 < o->nbox && o->box[p1].page == page; p1++)
			;
		/* The items with a box on this page or the one before. */
		size_t it_lo = o->nitem, it_hi = 0;
		for (size_t k = p0; k-- > 0 && o->box[k].page + 1 >= page;)
			if (o->box[k].item >= 0)
				it_lo = (size_t)o->box[k].item < it_lo ? (size_t)o->box[k].item : it_lo,
				it_hi = (size_t)o->box[k].item + 1 > it_hi ? (size_t)o->box[k].item + 1 : it_hi;
		for (size_t k = p0; k < p1; k++)
			if (o->box[k].item >= 0)
				it_lo = (size_t)o->box[k].item < it_lo ? (size_t)o->box[k].item : it_lo,
				it_hi = (size_t)o->box[k].item + 1 > it_hi ? (size_t)o->box[k].item + 1 : it_hi;
		free(conts), free(slots), free(fits);
		conts = malloc((p1 - p0) * sizeof *conts);
		slots = malloc(((it_hi > it_lo ? it_hi - it_lo : 0) * IMR_ITEM_PART_COUNT + 1) * sizeof *slots);
		fits = NULL;
		if (!conts || !slots) {
			ok = false;
			break;
		}
		for (size_t c = p0; c < p1; c++) {
			const struct box *b = &o->box[c];
			if ((b->kind == BOX_TEXT || b->kind == BOX_TITLE_END) && b->region == REGION(IMR_PART_ISSUES))
				conts[nc++] = c;
		}
		for (size_t it = it_lo; it < it_hi; it++)
			for (int part = 0; part < IMR_ITEM_PART_COUNT; part++) {
				int32_t h = o->item[it].part[part];
				if (h >= 0 && o->box[o->box[h].last].page + 1 >= page && o->box[o->box[h].last].page <= page)
					slots[ns++] = it * IMR_ITEM_PART_COUNT + (size_t)part;
			}
		if (!nc || !ns)
			continue;
		if (!(fits = malloc(nc * ns))) {
			ok = false;
			break;
		}
		for (size_t s = 0; s < ns; s++)
			for (size_t c = 0; c < nc; c++)
				fits[c * ns + s] = (unsigned char)fit(o, (int)(slots[s] % IMR_ITEM_PART_COUNT),
				                                      o->tail[slots[s]], o->tail_len[slots[s]], &o->box[conts[c]]);
		for (;;) {
			unsigned best_fit = 0;
			size_t best_c = 0, best_s = 0, best_dist = 0;
			bool best_after = false;
			for (size_t c = 0; c < nc; c++) {
				const struct box *b = &o->box[conts[c]];
				if (b->placed)
					continue;
				for (size_t s = 0; s < ns; s++) {
					unsigned f = fits[c * ns + s];
					if (!f || f < best_fit)
						continue;
					size_t slot = slots[s];
					const struct box *last = &o->box[o->box[o->item[slot / IMR_ITEM_PART_COUNT].part[slot % IMR_ITEM_PART_COUNT]].last];
					size_t dist = (b->at > last->at ? b->at - last->at : last->at - b->at) +
					              (last->page != page ? 1000 : 0);
					/* (As near before as after: the part before.) */
					bool after = b->at > last->at;
					if (f > best_fit || dist < best_dist || (dist == best_dist && after && !best_after))
						best_fit = f, best_c = c, best_s = s, best_dist = dist, best_after = after;
				}
			}
			if (!best_fit)
				break;
			size_t slot = slots[best_s];
			o->box[conts[best_c]].placed = true;
			join_part(o, slot / IMR_ITEM_PART_COUNT, (int)(slot % IMR_ITEM_PART_COUNT), conts[best_c]);
			for (size_t c = 0; c < nc; c++)
				if (!o->box[conts[c]].placed)
					fits[c * ns + best_s] = (unsigned char)fit(o, (int)(slot % IMR_ITEM_PART_COUNT), o->tail[slot],
					                                           o->tail_len[slot], &o->box[conts[c]]);
		}
	}
	free(conts), free(slots), free(fits);
	return ok;
}

/* ---- 6. the text rebuilt -------------------------------------------- */

/* The order of a page's boxes: by region, rank, then an item's parts in
 * the letter's order (item, part, place in the part), else as they came. */
static bool box_before(const struct order *o, uint32_t i, uint32_t j)
{
	const struct box *x = &o->box[i], *y = &o->box[j];
	if (x->region != y->region)
		return x->region < y->region;
	if (x->rank != y->rank)
		return x->rank < y->rank;
	if (x->item != y->item)
		return x->item < y->item;
	if (x->part != y->part)
		return x->part < y->part;
	if (x->seq != y->seq)
		return x->seq < y->seq;
	return i < j;
}

/* Sort a[0..n) by box_before (a merge sort, tmp as long as a). */
static void sort_boxes(const struct order *o, uint32_t *a, uint32_t *tmp, size_t n)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = box_before(o, a[j], a[i]) ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof *a);
	}
}

/* Whether box b goes on the paragraph of box a, the box before it: the
 * next box of one item's part, or running text after a box whose last
 * line ends in no sentence ("... a claim from 10/14/" / "2016. The
 * mechanism ..."), outside the items. */
static bool same_paragraph(const struct order *o, const struct box *a, const struct box *b)
{
	if (b->item >= 0)
		return a->item == b->item && a->part == b->part;
	if (a->item >= 0 || a->kind != BOX_TEXT || b->kind != BOX_TEXT || b->initial || a->region != b->region)
		return false;
	size_t n;
	const char *s = last_line(o, a, &n);
	return n && !ends_sentence(s, n) && s[n - 1] != ':';
}

struct rebuilt {
	char *text;
	size_t len;
	uint32_t *line_start, *origin;
	size_t nlines;
	uint32_t *page_start;
	struct imr_moved_line *moved;
	size_t nmoved, moved_cap;
	uint32_t *columns;
	size_t ncolumns, columns_cap;
};

/* The map of line i's original columns (one past its end included), or
 * NULL when its columns are counted. */
static const uint32_t *map_of(const struct imr_source *src, size_t i, size_t *len)
{
	size_t lo = imr_source_moved_index(src, i);
	if (lo < src->nmoved && src->moved[lo].line == i) {
		*len = src->moved[lo].len;
		return src->columns + src->moved[lo].at;
	}
	return NULL;
}

/* Append input line i to the rebuilt text as line `at`: with initial
 * (not 0) before its first character, its page break (a form feed
 * opening it) a blank, or emptied (a rejoined initial's line). */
static bool put_line(const struct imr_source *src, struct rebuilt *r, size_t i, char initial, bool empty)
{
	size_t at = r->nlines++;
	r->line_start[at] = (uint32_t)r->len;
	r->origin[at] = (uint32_t)i;
	const char *s = src->text + src->line_start[i];
	size_t n = (i + 1 < src->nlines ? src->line_start[i + 1] : src->len) - src->line_start[i];
	if (n && s[n - 1] == '\n')
		n--;
	if (empty)
		n = 0;
	char *o = r->text + r->len;
	size_t lead = 0;
	while (initial && lead < n && (s[lead] == ' ' || s[lead] == '\f'))
		lead++;
	memcpy(o, s, lead);
	if (initial)
		o[lead] = initial;
	memcpy(o + lead + (initial != 0), s + lead, n - lead);
	size_t m = n + (initial != 0);
	if (m && o[0] == '\f')
		o[0] = ' ';
	o[m] = '\n';
	r->len += m + 1;
	size_t map_len = 0;
	const uint32_t *map = map_of(src, i, &map_len);
	if (!initial && !map)
		return true;
	/* The line's columns: its own, the initial at its first character's. */
	if (r->nmoved == r->moved_cap) {
		size_t cap = r->moved_cap ? r->moved_cap * 2 : 64;
		struct imr_moved_line *p = realloc(r->moved, cap * sizeof *p);
		if (!p)
			return false;
		r->moved = p, r->moved_cap = cap;
	}
	if (r->ncolumns + m + 1 > r->columns_cap) {
		size_t cap = r->columns_cap ? r->columns_cap : 1024;
		while (cap < r->ncolumns + m + 1)
			cap *= 2;
		uint32_t *p = realloc(r->columns, cap * sizeof *p);
		if (!p)
			return false;
		r->columns = p, r->columns_cap = cap;
	}
	r->moved[r->nmoved++] = (struct imr_moved_line){(uint32_t)at, (uint32_t)r->ncolumns, (uint32_t)(m + 1)};
	uint32_t col = 1; /* (counted: the column of byte k of the input line) */
	for (size_t k = 0; k <= m; k++) {
		size_t byte = initial && k > lead ? k - 1 : k;
		r->columns[r->ncolumns++] = map ? map[byte < map_len ? byte : map_len - 1] : col;
		if (byte < n && (k != lead || !initial))
			col += ((unsigned char)s[byte] & 0xC0) != 0x80;
	}
	return true;
}

/* The text rebuilt page by page: a page's boxes in order, a blank line
 * between paragraphs (and one opening each page after the first, with
 * its form feed), the page's other blank lines after them.  A page with
 * no blank line is kept as it was. */
static bool rebuild(struct order *o, struct rebuilt *r)
{
	struct imr_source *src = o->src;
	size_t rejoined = 0;
	for (size_t i = 0; i < o->nbox; i++)
		rejoined += o->box[i].initial != 0;
	r->text = malloc(src->len + rejoined + src->npages + 2);
	r->line_start = malloc(src->nlines * sizeof *r->line_start);
	r->origin = malloc(src->nlines * sizeof *r->origin);
	r->page_start = malloc(src->npages * sizeof *r->page_start);
	uint32_t *order = malloc((o->nbox + 1) * sizeof *order);
	uint32_t *tmp = malloc((o->nbox + 1) * sizeof *tmp);
	uint32_t *blanks = malloc((src->nlines + 1) * sizeof *blanks);
	bool *is_text = calloc(src->nlines + 1, sizeof *is_text);
	bool ok = r->text && r->line_start && r->origin && r->page_start && order && tmp && blanks && is_text;
	for (size_t i = 0; ok && i < o->nbox; i++)
		if (o->box[i].kind != BOX_REJOINED)
			for (uint32_t k = 0; k < o->box[i].count; k++)
				is_text[o->box[i].first + k] = true;
	size_t b0 = 0;
	for (size_t page = 0; ok && page < src->npages; page++) {
		size_t l0 = imr_count_at_most(src->line_start, src->nlines, src->page_start[page]);
		l0 = l0 ? l0 - 1 : 0;
		if (page == 0)
			l0 = 0;
		size_t l1 = page + 1 < src->npages
		                    ? imr_count_at_most(src->line_start, src->nlines, src->page_start[page + 1]) - 1
		                    : src->nlines;
		r->page_start[page] = (uint32_t)r->len;
		size_t nblank = 0, nbox = 0;
		for (size_t i = l0; i < l1; i++)
			if (!is_text[i])
				blanks[nblank++] = (uint32_t)i;
		for (; b0 < o->nbox && o->box[b0].page < page; b0++)
			;
		for (size_t k = b0; k < o->nbox && o->box[k].page == page; k++)
			if (o->box[k].kind != BOX_REJOINED)
				order[nbox++] = (uint32_t)k;
		if (!nblank) { /* kept as it was */
			for (size_t i = l0; ok && i < l1; i++)
				ok = put_line(src, r, i, 0, false);
			if (ok && page && r->text[r->page_start[page]] == ' ' &&
			    src->text[src->line_start[l0]] == '\f')
				r->text[r->page_start[page]] = '\f';
			continue;
		}
		sort_boxes(o, order, tmp, nbox);
		size_t used = 0;
		if (page) {
			ok = put_line(src, r, blanks[used++], 0, true);
			r->text[r->len - 1] = '\f';
			r->text[r->len++] = '\n';
		}
		for (size_t k = 0; ok && k < nbox; k++) {
			const struct box *b = &o->box[order[k]];
			if (k && used < nblank && !same_paragraph(o, &o->box[order[k - 1]], b))
				ok = put_line(src, r, blanks[used++], 0, true);
			for (uint32_t i = 0; ok && i < b->count; i++)
				ok = put_line(src, r, b->first + i, i ? 0 : b->initial, false);
		}
		while (ok && used < nblank)
			ok = put_line(src, r, blanks[used++], 0, true);
	}
	free(order);
	free(tmp);
	free(blanks);
	free(is_text);
	return ok;
}

static void rebuilt_free(struct rebuilt *r)
{
	free(r->text);
	free(r->line_start);
	free(r->origin);
	free(r->page_start);
	free(r->moved);
	free(r->columns);
}

/* ---- the whole ------------------------------------------------------ */

/* What could not be placed: initials no word took, running text among
 * the items no part took, titles no item took. */
static void count_unplaced(const struct order *o, struct imr_source *src)
{
	src->order_unplaced = 0;
	src->order_unplaced_line = 0;
	for (size_t i = 0; i < o->nbox; i++) {
		const struct box *b = &o->box[i];
		bool unplaced = b->kind == BOX_INITIAL ||
		                (b->region == REGION(IMR_PART_ISSUES) && b->item < 0 &&
		                 (b->kind == BOX_TEXT || b->kind == BOX_TITLE || b->kind == BOX_TITLE_END));
		if (unplaced && !src->order_unplaced++)
			src->order_unplaced_line = b->first + 1;
	}
}

/* Two initials at least must make labels of the form whole: a lone
 * capital in ordinary text (a list's letter, a signature's initial) is
 * not this shape. */
enum { MIN_STRONG = 2 };

long imr_restore_reading_order(struct imr_source *src)
{
	struct order o = {.src = src};
	struct rebuilt r = {0};
	long moved = -1;
	if (src->lone_capitals < MIN_STRONG || src->line_origin || src->nlines >= UINT32_MAX / 2)
		return 0;
	imr_vocab_ready(); /* (the scanner's lookups, used before the scanner starts) */
	if (!collect_boxes(&o))
		goto done;
	rejoin_initials(&o);
	moved = 0;
	if (o.strong < MIN_STRONG)
		goto done;
	moved = -1;
	for (size_t i = 0; i < o.nbox; i++)
		if (o.box[i].kind == BOX_TEXT)
			classify(&o, &o.box[i]);
	assign_regions(&o);
	if (!form_items(&o))
		goto done;
	place_titles(&o);
	for (size_t i = 0, at = 0; i < o.nbox; i++)
		o.box[i].at = (uint32_t)(o.box[i].kind == BOX_REJOINED ? at : at++);
	if (!place_continuations(&o))
		goto done;
	if (!rebuild(&o, &r)) {
		rebuilt_free(&r);
		goto done;
	}
	uint32_t *index = malloc(src->nlines * sizeof *index);
	if (!index) {
		rebuilt_free(&r);
		goto done;
	}
	count_unplaced(&o, src);
	moved = 0;
	for (size_t i = 0; i < src->nlines; i++) {
		index[r.origin[i]] = (uint32_t)i;
		moved += r.origin[i] != i;
	}
	for (size_t i = 0; i < o.nbox; i++)
		moved += o.box[i].initial != 0;
	imr_source_free_arrays(src); /* (the source's other fields are kept) */
	src->text = r.text, src->len = r.len;
	src->text[src->len] = src->text[src->len + 1] = '\0';
	src->line_start = r.line_start;
	src->page_start = r.page_start;
	src->moved = r.moved, src->nmoved = r.nmoved;
	src->columns = r.columns, src->ncolumns = r.ncolumns;
	src->line_origin = r.origin;
	src->line_index = index;
done:
	free(o.box);
	free(o.item);
	free(o.tail);
	free(o.tail_len);
	return moved;
}
