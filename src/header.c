/*
 * header.c - the header's cells paired into fields (a part of the parse
 * stage, see parse.h).
 *
 * The scanner gives the header (the imr-2016 table, the 2014 cover page,
 * a letterhead's rows) as cells in reading order: labels, pieces of
 * labels a narrow cell wrapped ("UR Denial" / "Date:"), and values.  Text
 * extractors lay a table out in two ways, and both are groups of labels
 * followed by values:
 *
 *   side by side   Case Number:    CM16-0228949     (-layout; a row of a
 *                  Priority:       Standard          letter)
 *   in blocks      Case Number: / Date Assigned: / ... then
 *                  CM16-0228949 / 12/05/2016 / ...   (pdftotext, mutool)
 *
 * A value on the line of a label (or of one of its pieces) goes with the
 * last such label before it, and the lines after a treatments list's
 * first line continue it.  Otherwise labels and values are aligned in
 * order: each label takes at most one value (the treatments list takes
 * any number), a value only where its kind fits the label's (a date for
 * a date, CM13-0004821 for the case number, Standard for the priority),
 * and a label left without a value is a redacted field, most often a
 * name.  Of the alignments that fit, the cheapest wins (a small dynamic
 * programme: a group is a few labels).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "diag.h"
#include "parse.h"
#include "parser.h"
#include "unwrap.h"
#include "words.h"

enum { MAX_GROUP = 24, MAX_LABEL_LINES = 4, INFEASIBLE = 1 << 20 };

struct label {
	enum imr_header_label field;
	struct imr_span span;
	unsigned lines[MAX_LABEL_LINES]; /* the lines the label and its pieces are on */
	unsigned nlines;
	struct imr_text *value;
};

struct value {
	struct imr_line line;
	unsigned lineno;
	enum imr_value_kind kind; /* what it looks like; LIST: nothing in particular */
	bool name_like;
	bool empty_label; /* "Requesting Physician:": a label unknown here, redacted */
	int label; /* the label it went to, or -1 */
	long day;  /* a date's yyyymmdd, to compare */
};

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* The kind of a value that has a type of its own: a case number, a date
 * (*day its yyyymmdd), a priority; LIST when s[0..n) is none of them. */
static enum imr_value_kind typed(const char *s, size_t n, long *day)
{
	struct imr_date d;
	const char *e;
	if (n == 12 && (s[0] == 'C' || s[0] == 'c') && (s[1] == 'M' || s[1] == 'm') &&
	    all_digits(s + 2, 2) && s[4] == '-' && all_digits(s + 5, 7))
		return IMR_VALUE_CASE;
	if ((e = imr_date_parse(s, &d)) && (size_t)(e - s) >= n - (n && s[n - 1] == '.')) {
		*day = d.year * 10000L + d.month * 100L + d.day;
		return IMR_VALUE_DATE;
	}
	if ((n == 8 && strncasecmp(s, "Standard", 8) == 0) ||
	    (n == 9 && strncasecmp(s, "Expedited", 9) == 0) ||
	    (n == 7 && strncasecmp(s, "Regular", 7) == 0) || (n == 6 && strncasecmp(s, "Urgent", 6) == 0))
		return IMR_VALUE_PRIORITY;
	return IMR_VALUE_LIST;
}

bool imr_header_typed_value(const char *s, size_t n)
{
	long day;
	return typed(s, n, &day) != IMR_VALUE_LIST;
}

/* A claim number as a word of a row of values: five characters or more,
 * a digit, no small letter ("1103-07729", "ADJ9812345"). */
static bool claim_like(const char *s, size_t n)
{
	bool digit = false;
	for (size_t i = 0; i < n; i++) {
		if (islower((unsigned char)s[i]))
			return false;
		digit |= isdigit((unsigned char)s[i]) != 0;
	}
	return digit && n >= 5;
}

/* A table's rule that OCR read as a glyph ("UR Denial Date: | 11/16/2016",
 * "] 11/16/2016"): tesseract makes the vertical lines of the header's
 * cells into one of these, a word of its own. */
static const char *const rule_glyphs[] = {"|", "\u00a6", "\u2502", "\u2503", "\u2551", "[", "]", "!"};

/* The length of the rule glyph s[0..len) opens with, when it is a word
 * of its own (a blank or the end after it), else 0. */
static size_t rule_glyph(const char *s, size_t len)
{
	/* (Nearly every cell opens with none of their first bytes.) */
	if (!len || !memchr("|[]!\xc2\xe2", s[0], 6))
		return 0;
	for (size_t g = 0; g < sizeof rule_glyphs / sizeof *rule_glyphs; g++) {
		size_t k = strlen(rule_glyphs[g]);
		if (k <= len && memcmp(s, rule_glyphs[g], k) == 0 && (k == len || s[k] == ' '))
			return k;
	}
	return 0;
}

size_t imr_header_rule(const char *s, size_t len)
{
	size_t k = rule_glyph(s, len), r = k;
	/* "|11/16/2016", "[|CaseNumber:" (a rule and a cell's edge read as
	 * one word): a bar is never part of a value or a label. */
	if (!k && len > 1 && (s[0] == '|' || ((s[0] == '[' || s[0] == ']') && s[1] == '|')))
		while (r < len && (s[r] == '|' || s[r] == '[' || s[r] == ']'))
			r++;
	while (r && r < len && s[r] == ' ')
		r++;
	return r;
}

size_t imr_header_rule_inside(const char *s, size_t len)
{
	for (const char *b = memchr(s, ' ', len); b; b = memchr(b + 1, ' ', len - (size_t)(b + 1 - s)))
		if (rule_glyph(b + 1, len - (size_t)(b + 1 - s)))
			return (size_t)(b - s);
	return len;
}

/* A cell of typed values run together, as a table's row of values is
 * when the lines of a paragraph are joined ("CM17-0007376 01/13/2017
 * 02/08/2017 Standard", "01/10/2017 Received:" the last piece of its
 * wrapped label, "11/25/2013 1103-07729" a claim number the row's last
 * word or before a typed value): the length of the first when another
 * typed value or a piece of a label follows it, else len. */
size_t imr_header_typed_run(const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len);
	long day;
	if (!sp)
		return len;
	size_t n = (size_t)(sp - s), rest = len - n - 1;
	const char *next = sp + 1, *e = memchr(next, ' ', rest);
	size_t m = e ? (size_t)(e - next) : rest;
	enum imr_label_piece piece;
	bool next_typed = typed(next, m, &day) != IMR_VALUE_LIST;
	if (typed(s, n, &day) == IMR_VALUE_LIST)
		return next_typed && claim_like(s, n) ? n : len;
	if (!next_typed && imr_lookup_header_label(next, rest, &piece) < 0 && !(m == rest && claim_like(next, m)))
		return len;
	return n;
}

/* The case number a cell opens with, before its end or a blank ("CM16-0228949
 * PO": OCR's reading of the cell's rule after it), or NULL. */
static const char *case_number_opening(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\f'))
		s++, n--;
	return n >= 12 && (n == 12 || s[12] == ' ') ? imr_case_number_in(s, 12) : NULL;
}

/* What a value looks like: a case number, a date, a priority, a claim
 * number (digits, no blanks), a name (a few words, no digits), else
 * anything (a treatment). */
static void classify(const struct imr_source *src, struct value *v)
{
	const char *s = src->text + v->line.start;
	size_t n = v->line.end - v->line.start;
	bool digit = false, blank = false;
	size_t words = 1;
	for (size_t i = 0; i < n; i++) {
		digit |= isdigit((unsigned char)s[i]) != 0;
		if (s[i] == ' ')
			blank = true, words++;
	}
	v->name_like = !digit && words <= 6;
	v->empty_label = v->name_like && n > 1 && s[n - 1] == ':' && isupper((unsigned char)s[0]);
	if ((v->kind = typed(s, n, &v->day)) != IMR_VALUE_LIST)
		return;
	if (digit && !blank)
		v->kind = IMR_VALUE_CLAIM;
	else if (v->name_like)
		v->kind = IMR_VALUE_NAME;
	else
		v->kind = IMR_VALUE_LIST;
}

/* The cost of label l taking value v (INFEASIBLE when it cannot). */
static int fit(const struct label *l, const struct value *v)
{
	enum imr_value_kind want = imr_header_value_kind(l->field);
	switch (want) {
	case IMR_VALUE_CASE:
	case IMR_VALUE_DATE:
	case IMR_VALUE_PRIORITY:
	case IMR_VALUE_CLAIM:
		return v->kind == want ? 0 : INFEASIBLE;
	case IMR_VALUE_NAME:
		/* Names are usually redacted: when a treatments list could take
		 * the words, it should. */
		return v->kind == IMR_VALUE_NAME ? 2 : INFEASIBLE;
	case IMR_VALUE_LIST:
		return v->kind == IMR_VALUE_LIST || v->kind == IMR_VALUE_NAME || v->kind == IMR_VALUE_CLAIM
		               ? 0
		               : INFEASIBLE;
	}
	return INFEASIBLE;
}

/* The cost of a label left blank: dates and numbers are seldom redacted. */
static int blank(const struct label *l)
{
	switch (imr_header_value_kind(l->field)) {
	case IMR_VALUE_CASE:
	case IMR_VALUE_DATE:
	case IMR_VALUE_PRIORITY:
		return 10;
	case IMR_VALUE_LIST:
		return 3;
	case IMR_VALUE_CLAIM:
		return 1;
	case IMR_VALUE_NAME:
		return 0;
	}
	return 0;
}

/* A value that ends where a cell wraps: "Coastline Hand &", "Smith,". */
static bool wraps(const struct imr_source *src, const struct value *v)
{
	const char *s = src->text + v->line.start, *e = src->text + v->line.end;
	if (e == s)
		return false;
	char c = e[-1];
	return c == '&' || c == ',' || c == '-' || c == '/' ||
	       (e - s > 4 && (strncasecmp(e - 4, " and", 4) == 0 || strncasecmp(e - 3, " of", 3) == 0));
}

static bool on_label_line(const struct label *l, unsigned line)
{
	for (unsigned i = 0; i < l->nlines; i++)
		if (l->lines[i] == line)
			return true;
	return false;
}

/* Where a date field stands in the order a determination's dates always
 * have: injury <= UR denial <= application received <= assigned <=
 * decision; -1 for the other fields. */
static int chronology(enum imr_header_label f)
{
	switch (f) {
	case IMR_DATE_OF_INJURY: return 0;
	case IMR_UR_DENIAL_DATE: return 1;
	case IMR_APPLICATION_RECEIVED: return 2;
	case IMR_DATE_ASSIGNED: return 3;
	case IMR_DECISION_DATE: return 4;
	case IMR_CASE_NUMBER:
	case IMR_PRIORITY:
	case IMR_EMPLOYEE_NAME:
	case IMR_CLAIM_NUMBER:
	case IMR_PROVIDER_NAME:
	case IMR_TREATMENTS:
	case IMR_HEADER_LABEL_COUNT:
		break;
	}
	return -1;
}

/* Whether label l taking date v keeps the order of the dates the group's
 * labels already have. */
static bool in_order(const struct label *labels, size_t n, const struct value *values, size_t m,
                     const struct label *l, const struct value *v)
{
	int r = chronology(l->field);
	for (size_t j = 0; j < m; j++) {
		if (values[j].label < 0 || values[j].kind != IMR_VALUE_DATE || (size_t)values[j].label >= n)
			continue;
		int q = chronology(labels[values[j].label].field);
		if (q >= 0 && ((q < r && values[j].day > v->day) || (q > r && values[j].day < v->day)))
			return false;
	}
	return true;
}

/* Running text where the header should be (a letter whose first heading
 * was not found, read on as a known variant): a sentence of eight words
 * or more, or a heading the tables do not know, is no value. */
static bool running_text(const struct imr_source *src, const struct value *v)
{
	if (imr_heading_shaped(src, &v->line))
		return true;
	size_t words = 1;
	for (uint32_t i = v->line.start; i < v->line.end; i++)
		words += src->text[i] == ' ';
	return words >= 8;
}

/* Say what pairing could not settle: a warning, or for running text an
 * <unparsed> region (lines in a row joined into one). */
static void note(struct imr_parser *p, struct imr_header *h, bool placed, const struct value *v,
                 enum imr_header_label field)
{
	struct imr_document *d = p->doc;
	struct imr_span *last = d->unparsed_count ? &d->unparsed[d->unparsed_count - 1] : NULL;
	/* (Once running text began, what follows it is no header either.) */
	if (!placed && (running_text(p->src, v) || (last && last->end <= v->line.start))) {
		if (last && last->end <= v->line.start &&
		    imr_source_line_index(p->src, last->end) + 2 >= v->lineno)
			last->end = v->line.end;
		else
			imr_document_add_unparsed(p->arena, d, (struct imr_span){v->line.start, v->line.end});
		return;
	}
	h->notes = imr_arena_grow(p->arena, h->notes, &h->note_capacity, h->note_count + 1, sizeof *h->notes);
	h->notes[h->note_count++] = (struct imr_header_note){
		.placed = placed, .value = {v->line.start, v->line.end}, .label = field};
}

static void take(struct imr_parser *p, struct label *l, struct value *v, int index)
{
	v->label = index;
	l->value = l->value ? imr_text_append(p->arena, l->value, v->line)
	                    : imr_text_new(p->arena, v->line);
}

/* Align values[0..m) to labels[0..n) in order (see the top). */
static bool align(struct imr_parser *p, struct label *labels, size_t n, struct value *values, size_t m)
{
	static const int inf = INFEASIBLE;
	int cost[MAX_GROUP + 1][MAX_GROUP + 1];
	unsigned char took[MAX_GROUP + 1][MAX_GROUP + 1]; /* values label i-1 took */
	for (size_t i = 0; i <= n; i++)
		for (size_t j = 0; j <= m; j++)
			cost[i][j] = inf;
	cost[0][0] = 0;
	for (size_t i = 1; i <= n; i++) {
		const struct label *l = &labels[i - 1];
		bool list = imr_header_value_kind(l->field) == IMR_VALUE_LIST;
		for (size_t j = 0; j <= m; j++) {
			/* Label i-1 takes values [j-k, j). */
			int acc = 0;
			for (size_t k = 0; k <= j && (k <= 1 || list); k++) {
				if (k > 0) {
					acc += fit(l, &values[j - k]);
					if (acc >= inf)
						break;
				}
				int prev = cost[i - 1][j - k];
				if (prev >= inf)
					continue;
				int c = prev + (k ? acc : blank(l));
				if (c < cost[i][j]) {
					cost[i][j] = c;
					took[i][j] = (unsigned char)k;
				}
			}
		}
	}
	if (cost[n][m] >= inf)
		return false;
	for (size_t i = n, j = m; i > 0; i--) {
		size_t k = took[i][j];
		for (size_t t = j - k; t < j; t++)
			take(p, &labels[i - 1], &values[t], (int)(i - 1));
		j -= k;
	}
	return true;
}

/* A value before its label (a column's values out of step with its
 * labels: "10/16/2016" / "Date of Injury:"): the nearest label after it
 * still without a value that fits; for a date, the nearest whose place in
 * the order of the dates the value keeps, said in a note when that is
 * not the nearest. */
static void before_its_label(struct imr_parser *p, struct imr_header *h, struct label *labels,
                             size_t n, struct value *values, size_t m, size_t j)
{
	struct value *v = &values[j];
	int nearest = -1;
	for (size_t i = 0; i < n; i++) {
		struct label *l = &labels[i];
		if (l->span.start < v->line.start || l->value || fit(l, v) >= INFEASIBLE)
			continue;
		if (nearest < 0)
			nearest = (int)i;
		if (v->kind != IMR_VALUE_DATE || in_order(labels, n, values, m, l, v)) {
			if ((int)i != nearest)
				note(p, h, true, v, l->field);
			take(p, l, v, (int)i);
			return;
		}
	}
	if (nearest >= 0) /* out of order wherever it goes: its place decides */
		take(p, &labels[nearest], v, nearest);
}

/* One group: side by side when a value shares a line with its label, in
 * blocks otherwise.  Returns how many of the last values are left for the
 * next group's labels (values before their labels); the last group
 * leaves none. */
static size_t pair_group(struct imr_parser *p, struct imr_header *h, struct label *labels, size_t n,
                         struct value *values, size_t m, bool last)
{
	bool side_by_side = false;
	for (size_t j = 0; j < m; j++)
		for (size_t i = n; i-- > 0;)
			if (labels[i].span.start < values[j].line.start &&
			    on_label_line(&labels[i], values[j].lineno)) {
				/* Labels run together before it ("Case Number: Date
				 * Assigned: CM17-0007376 01/13/2017", a paragraph's
				 * lines joined): a block on one line, aligned below. */
				if (i > 0 && on_label_line(&labels[i - 1], values[j].lineno))
					break;
				take(p, &labels[i], &values[j], (int)i);
				side_by_side = true;
				break;
			}
	if (side_by_side) {
		for (size_t j = 0; j < m; j++) {
			if (values[j].label >= 0)
				continue;
			/* A line of its own after a treatments list continues it, and so
			 * does one after a value its cell wrapped ("Coastline Hand &"). */
			int prev = j ? values[j - 1].label : -1;
			enum imr_value_kind pk = prev >= 0 ? imr_header_value_kind(labels[prev].field)
			                                   : IMR_VALUE_CASE;
			if (prev >= 0 && (pk == IMR_VALUE_LIST || wraps(p->src, &values[j - 1]))) {
				take(p, &labels[prev], &values[j], prev);
				continue;
			}
			/* Else the nearest label before it still without a value. */
			for (size_t i = n; i-- > 0;)
				if (labels[i].span.start < values[j].line.start && !labels[i].value &&
				    fit(&labels[i], &values[j]) < INFEASIBLE) {
					take(p, &labels[i], &values[j], (int)i);
					break;
				}
			/* Else a name that went on to the next line. */
			if (values[j].label < 0 && pk == IMR_VALUE_NAME && values[j].kind == IMR_VALUE_NAME)
				take(p, &labels[prev], &values[j], prev);
			if (values[j].label < 0)
				before_its_label(p, h, labels, n, values, m, j);
		}
		/* The values no label took: those after the last one taken go
		 * before the next group's labels; the others are said. */
		size_t tail = m;
		while (!last && tail > 0 && values[tail - 1].label < 0)
			tail--;
		for (size_t j = 0; j < tail; j++)
			if (values[j].label < 0)
				note(p, h, false, &values[j], IMR_HEADER_LABEL_COUNT);
		return m - tail;
	}
	if (align(p, labels, n, values, m))
		return 0;
	/* A case number no label of the group can take (its label lost to OCR,
	 * or redacted away): set aside, said, and taken by its form after the
	 * header is read (case_number_by_form); the rest aligned without it. */
	bool case_label = false;
	for (size_t i = 0; i < n; i++)
		case_label |= labels[i].field == IMR_CASE_NUMBER;
	struct value others[MAX_GROUP];
	size_t kept = 0;
	for (size_t j = 0; j < m; j++)
		if (case_label || values[j].kind != IMR_VALUE_CASE)
			others[kept++] = values[j];
	if (kept < m && align(p, labels, n, others, kept)) {
		for (size_t j = 0, k = 0; j < m; j++) {
			if (k < kept && others[k].line.start == values[j].line.start)
				values[j] = others[k++]; /* (with the label it took) */
			else
				note(p, h, false, &values[j], IMR_HEADER_LABEL_COUNT);
		}
		return 0;
	}
	/* Values carried from the group before (before its labels) that this
	 * one cannot take either: a column read out of step by more than a
	 * row (PyMuPDF sorting by position: "UR Denial Date:" / two dates /
	 * "Priority:" / "Standard" / "Application" / "Received:").  They go
	 * on to the next group's labels, or, in the last, to a free label
	 * after them that fits (before_its_label). */
	size_t lead = 0;
	while (lead < m && values[lead].line.start < labels[0].span.start)
		lead++;
	if (lead && lead < m && align(p, labels, n, values + lead, m - lead)) {
		if (last) {
			for (size_t j = 0; j < lead; j++)
				before_its_label(p, h, labels, n, values, m, j);
			for (size_t j = 0; j < lead; j++)
				if (values[j].label < 0)
					note(p, h, false, &values[j], IMR_HEADER_LABEL_COUNT);
			return 0;
		}
		/* (The caller carries the last values: the leading ones are put
		 * there, in their order.) */
		struct value held[MAX_GROUP];
		memcpy(held, values, lead * sizeof *values);
		memmove(values, values + lead, (m - lead) * sizeof *values);
		memcpy(values + m - lead, held, lead * sizeof *values);
		return lead;
	}
	/* More values than the labels take: the last ones go before the next
	 * group's labels, or, in the last group, nowhere (each said). */
	for (size_t c = 1; c < m; c++)
		if (align(p, labels, n, values, m - c)) {
			if (!last)
				return c;
			for (size_t j = m - c; j < m; j++)
				note(p, h, false, &values[j], IMR_HEADER_LABEL_COUNT);
			return 0;
		}
	/* Nothing fits: pair in order, as a plain table would be. */
	if (n != m)
		imr_diag_at(p->diags, p->src, IMR_ERROR, labels[0].span.start,
		            "header table: %zu label(s) but %zu value(s) in this group", n, m);
	for (size_t i = 0; i < n && i < m; i++)
		take(p, &labels[i], &values[i], (int)i);
	return 0;
}

/* Pair a group and add its fields to the header; returns the values left
 * for the next group (pair_group). */
static size_t close_group(struct imr_parser *p, struct imr_header *h, struct label *labels, size_t n,
                          struct value *values, size_t m, bool last)
{
	if (!n) {
		for (size_t j = 0; j < m; j++)
			note(p, h, false, &values[j], IMR_HEADER_LABEL_COUNT);
		return 0;
	}
	size_t carried = pair_group(p, h, labels, n, values, m, last);
	for (size_t i = 0; i < n; i++)
		if (labels[i].value)
			imr_header_add(p->arena, h, labels[i].field, labels[i].span, labels[i].value);
	return carried;
}

/* No "Case Number:" label took a value (the label lost to OCR, or never
 * there): a case number's form (CM16-0228949) is no other value's, so the
 * first value no label could take that holds one, or else one before the
 * first label (a letterhead's line), is the case number, said in a note
 * (header-value-by-type).  Only the case number itself is taken, not the
 * rest of its cell ("CM16-0228949 PO", OCR's reading of a rule). */
static void case_number_by_form(struct imr_parser *p, struct imr_header *h, struct value letterhead)
{
	for (size_t i = 0; i < h->count; i++)
		if (h->fields[i].label == IMR_CASE_NUMBER)
			return;
	const char *t = p->src->text, *cn = NULL;
	struct imr_header_note *unplaced = NULL;
	for (size_t i = 0; i < h->note_count && !cn; i++)
		if (!h->notes[i].placed &&
		    (cn = case_number_opening(t + h->notes[i].value.start, h->notes[i].value.end - h->notes[i].value.start)))
			unplaced = &h->notes[i];
	if (!cn && letterhead.line.end)
		cn = case_number_opening(t + letterhead.line.start, letterhead.line.end - letterhead.line.start);
	if (!cn)
		return;
	struct imr_line value = unplaced ? (struct imr_line){.start = unplaced->value.start, .end = unplaced->value.end}
	                                 : letterhead.line;
	struct imr_span span = {(uint32_t)(cn - t), (uint32_t)(cn - t) + 12};
	value.start = span.start, value.end = span.end;
	imr_header_add(p->arena, h, IMR_CASE_NUMBER, span, imr_text_new(p->arena, value));
	if (unplaced) {
		unplaced->placed = unplaced->by_type = true;
		unplaced->label = IMR_CASE_NUMBER;
		return;
	}
	h->notes = imr_arena_grow(p->arena, h->notes, &h->note_capacity, h->note_count + 1, sizeof *h->notes);
	h->notes[h->note_count++] = (struct imr_header_note){.placed = true, .by_type = true,
	                                                      .value = {letterhead.line.start, letterhead.line.end},
	                                                      .label = IMR_CASE_NUMBER};
}

/* The date a header field holds (its yyyymmdd), or 0. */
static long field_day(const struct imr_source *src, const struct imr_header_field *f)
{
	long day = 0;
	if (f->value && f->value->count &&
	    typed(src->text + f->value->lines[0].start, f->value->lines[0].end - f->value->lines[0].start, &day) !=
	            IMR_VALUE_DATE)
		day = 0;
	return day;
}

/* Whether field taking the date day keeps the order of the header's dates. */
static bool keeps_order(const struct imr_source *src, const struct imr_header *h,
                        enum imr_header_label field, long day)
{
	int r = chronology(field);
	for (size_t i = 0; i < h->count; i++) {
		int q = chronology(h->fields[i].label);
		long d = q >= 0 ? field_day(src, &h->fields[i]) : 0;
		if (d && ((q < r && d > day) || (q > r && d < day)))
			return false;
	}
	return true;
}

/* Dates no label took, while a date field every letter of the variant
 * has lacks both its label and a value (the label lost to OCR: "12/30/2016
 * UR Denial Date: | 11/16/2016", "Decision Date:" gone): a date goes to
 * the one such field whose place in the order of a determination's dates
 * it keeps with the dates read, said as a placing by that order
 * (header-date-order); with two such fields or none it stays unplaced. */
static void lost_label_dates(struct imr_parser *p, struct imr_header *h)
{
	unsigned lost = imr_variant_header_always(p->doc->variant) & ~p->doc->header_labels;
	for (size_t i = 0; i < h->count; i++)
		lost &= ~(1u << h->fields[i].label);
	for (size_t k = 0; k < h->note_count && lost; k++) {
		struct imr_header_note *n = &h->notes[k];
		long day = 0;
		if (n->placed ||
		    typed(p->src->text + n->value.start, n->value.end - n->value.start, &day) != IMR_VALUE_DATE)
			continue;
		int only = -1, fits = 0;
		for (int f = 0; f < IMR_HEADER_LABEL_COUNT; f++)
			if ((lost & (1u << f)) && chronology((enum imr_header_label)f) >= 0 &&
			    keeps_order(p->src, h, (enum imr_header_label)f, day))
				only = f, fits++;
		if (fits != 1)
			continue;
		struct imr_line value = {.start = n->value.start, .end = n->value.end};
		imr_header_add(p->arena, h, (enum imr_header_label)only, n->value, imr_text_new(p->arena, value));
		n->placed = true;
		n->label = (enum imr_header_label)only;
		lost &= ~(1u << only);
	}
}

void imr_header_pair(struct imr_parser *p)
{
	if (!p->ncells || !p->doc)
		return;
	struct label labels[MAX_GROUP];
	struct value values[MAX_GROUP];
	size_t n = 0, m = 0, carried = 0; /* values[0..carried): the last group's */
	bool seen_label = false;
	struct value letterhead_case = {.label = -1}; /* a case number before the first label */
	struct imr_header *h = imr_header_new(p->arena);
	for (size_t c = 0; c < p->ncells; c++) {
		const struct imr_header_cell *cell = &p->cells[c];
		const struct imr_line *l = &cell->line;
		/* A label after values closes the group. */
		if (cell->kind == TOK_HEADER_LABEL && m > carried) {
			carried = close_group(p, h, labels, n, values, m, false);
			memmove(values, values + m - carried, carried * sizeof *values);
			n = 0, m = carried;
		}
		/* (A row is a line as the scanner read it: re-wrapped lines
		 * joined again are one, unwrap.c.) */
		unsigned lineno = imr_unwrapped_line(p->src, l->start);
		bool too_many = false;
		switch (cell->kind) {
		case TOK_HEADER_LABEL:
			seen_label = true;
			p->doc->header_labels |= 1u << l->id;
			if (n == MAX_GROUP) {
				too_many = true;
				break;
			}
			labels[n++] = (struct label){.field = (enum imr_header_label)l->id,
			                             .span = {l->start, l->end},
			                             .lines = {lineno}, .nlines = 1};
			break;
		case TOK_LABEL_TAIL:
			if (n) {
				struct label *last = &labels[n - 1];
				last->span.end = l->end;
				if (last->nlines < MAX_LABEL_LINES)
					last->lines[last->nlines++] = lineno;
			}
			break;
		default:
			/* Values before the first label are the letterhead's lines
			 * (but a case number there, its label lost: below). */
			if (!seen_label) {
				if (!letterhead_case.line.end && case_number_opening(p->src->text + l->start, l->end - l->start))
					letterhead_case = (struct value){.line = *l, .lineno = lineno, .label = -1};
				break;
			}
			if (m == MAX_GROUP) {
				too_many = true;
				break;
			}
			values[m] = (struct value){.line = *l, .lineno = lineno, .label = -1};
			classify(p->src, &values[m]);
			/* A label not in the table, standing empty, holds nothing. */
			m += !values[m].empty_label;
			break;
		}
		if (too_many)
			imr_diag_at(p->diags, p->src, IMR_ERROR, l->start,
			            "header table: more than %d labels or values in a group", MAX_GROUP);
	}
	close_group(p, h, labels, n, values, m, true);
	case_number_by_form(p, h, letterhead_case);
	if (h->note_count)
		lost_label_dates(p, h);
	if (h->count || h->note_count)
		p->doc->header = h;
}
