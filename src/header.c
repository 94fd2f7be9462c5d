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
	int label; /* the label it went to, or -1 */
};

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* What a value looks like: a case number, a date, a priority, a claim
 * number (digits, no blanks), a name (a few words, no digits), else
 * anything (a treatment). */
static void classify(const struct imr_source *src, struct value *v)
{
	const char *s = src->text + v->line.start;
	size_t n = v->line.end - v->line.start;
	struct imr_date d;
	const char *e;
	bool digit = false, blank = false;
	size_t words = 1;
	for (size_t i = 0; i < n; i++) {
		digit |= isdigit((unsigned char)s[i]) != 0;
		if (s[i] == ' ')
			blank = true, words++;
	}
	v->name_like = !digit && words <= 6;
	if (n == 12 && (s[0] == 'C' || s[0] == 'c') && (s[1] == 'M' || s[1] == 'm') &&
	    all_digits(s + 2, 2) && s[4] == '-' && all_digits(s + 5, 7))
		v->kind = IMR_VALUE_CASE;
	else if ((e = imr_date_parse(s, &d)) && (size_t)(e - s) >= n - (n && s[n - 1] == '.'))
		v->kind = IMR_VALUE_DATE;
	else if ((n == 8 && strncasecmp(s, "Standard", 8) == 0) ||
	         (n == 9 && strncasecmp(s, "Expedited", 9) == 0) ||
	         (n == 7 && strncasecmp(s, "Regular", 7) == 0) ||
	         (n == 6 && strncasecmp(s, "Urgent", 6) == 0))
		v->kind = IMR_VALUE_PRIORITY;
	else if (digit && !blank)
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

/* One group: side by side when a value shares a line with its label, in
 * blocks otherwise. */
static void pair_group(struct imr_parser *p, struct label *labels, size_t n, struct value *values,
                       size_t m)
{
	bool side_by_side = false;
	for (size_t j = 0; j < m; j++)
		for (size_t i = n; i-- > 0;)
			if (labels[i].span.start < values[j].line.start &&
			    on_label_line(&labels[i], values[j].lineno)) {
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
				imr_diag_at(p->diags, p->src, IMR_ERROR, values[j].line.start,
				            "header: a value with no label it could belong to");
		}
		return;
	}
	if (align(p, labels, n, values, m))
		return;
	/* Nothing fits: pair in order, as a plain table would be. */
	if (n != m)
		imr_diag_at(p->diags, p->src, IMR_ERROR, labels[0].span.start,
		            "header table: %zu label(s) but %zu value(s) in this group", n, m);
	for (size_t i = 0; i < n && i < m; i++)
		take(p, &labels[i], &values[i], (int)i);
}

/* Pair a group and add its fields to the header. */
static void close_group(struct imr_parser *p, struct imr_header *h, struct label *labels, size_t n,
                        struct value *values, size_t m)
{
	if (!n)
		return;
	pair_group(p, labels, n, values, m);
	for (size_t i = 0; i < n; i++)
		if (labels[i].value)
			imr_header_add(p->arena, h, labels[i].field, labels[i].span, labels[i].value);
}

void imr_header_pair(struct imr_parser *p)
{
	if (!p->ncells || !p->doc)
		return;
	struct label labels[MAX_GROUP];
	struct value values[MAX_GROUP];
	size_t n = 0, m = 0;
	bool seen_label = false;
	struct imr_header *h = imr_header_new(p->arena);
	for (size_t c = 0; c < p->ncells; c++) {
		const struct imr_header_cell *cell = &p->cells[c];
		const struct imr_line *l = &cell->line;
		/* A label after values closes the group. */
		if (cell->kind == TOK_HEADER_LABEL && m > 0) {
			close_group(p, h, labels, n, values, m);
			n = m = 0;
		}
		unsigned lineno = imr_source_line(p->src, l->start);
		bool too_many = false;
		switch (cell->kind) {
		case TOK_HEADER_LABEL:
			seen_label = true;
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
			/* Values before the first label are the letterhead's lines. */
			if (!seen_label)
				break;
			if (m == MAX_GROUP) {
				too_many = true;
				break;
			}
			values[m] = (struct value){.line = *l, .lineno = lineno, .label = -1};
			classify(p->src, &values[m]);
			m++;
			break;
		}
		if (too_many)
			imr_diag_at(p->diags, p->src, IMR_ERROR, l->start,
			            "header table: more than %d labels or values in a group", MAX_GROUP);
	}
	close_group(p, h, labels, n, values, m);
	if (h->count)
		p->doc->header = h;
}
