/* consistency.c - is the letter whole, does it agree with itself (see
 * consistency.h)?  Every check reads facts extraction has already made;
 * none searches the text again, but for the letter's last line. */
#include "consistency.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "normalize.h"
#include "phrase.h"
#include "text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const names[] = {
#define IMR_WARNING_NAME(id, s) s,
	IMR_WARNINGS(IMR_WARNING_NAME)
};

const char *imr_warning_name(enum imr_warning_code c)
{
	return (size_t)c < COUNT(names) ? names[c] : "unknown";
}

const char *imr_warning_code_name(unsigned c)
{
	return c < COUNT(names) ? names[c] : NULL;
}

struct checker {
	struct imr_arena *a;
	const struct imr_source *src;
	struct imr_determination *det;
	struct imr_diags *diags;
};

/* Record a warning; say it on stderr too unless normalization already did. */
static void warn(struct checker *c, enum imr_warning_code code, unsigned line, size_t item,
                 bool tell, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	struct imr_determination *d = c->det;
	d->warnings = imr_arena_grow(c->a, d->warnings, &d->warning_capacity, d->warning_count + 1,
	                             sizeof *d->warnings);
	d->warnings[d->warning_count++] = (struct imr_warning){
		code, line, item, imr_arena_strndup(c->a, buf, strlen(buf))};
	if (tell)
		imr_diag_add(c->diags, IMR_WARNING, line, 0, NULL, 0, "%s [%s]", buf, imr_warning_name(code));
}

static bool ends_sentence(const char *s, size_t n)
{
	while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ':');
}

/* A rationale's last sentence without its period ("... left arm EMG is
 * not medically necessary") is a conclusion, not a cut: the line ends
 * in a phrase of the conclusions' set (phrase.h). */
static bool ends_in_conclusion(const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	size_t at;
	int p = imr_phrases_last(IMR_SET_CONCLUSION, s, n, &at);
	return p >= 0 && at + imr_phrase_len((enum imr_phrase)p) == n;
}

/* The letter's last line of text (page furniture is already gone), in
 * the letter's order (reading_order.c's, when it moved lines). */
static void check_letter_end(struct checker *c, const struct imr_document *doc)
{
	const struct imr_source *src = c->src;
	for (size_t i = src->nlines; i > 0; i--) {
		size_t n;
		const char *s = imr_source_index_text(src, i - 1, &n);
		while (n && (*s == ' ' || *s == '\f'))
			s++, n--;
		/* (A paragraph's first letter that pdfminer -V places apart, on a
		 * line of its own, is not where the letter ends.) */
		if (!n || (n == 1 && isupper((unsigned char)*s)))
			continue;
		/* A letter ends in a sentence, or in its last item's decision. */
		size_t sep;
		bool decision = (n >= 6 && (strncmp(s + n - 6, "Upheld", 6) == 0 ||
		                            (n >= 10 && strncmp(s + n - 10, "Overturned", 10) == 0))) ||
		                imr_decision_ending(s, n, &sep) >= 0;
		if (!ends_sentence(s, n) && !decision && !ends_in_conclusion(s, n)) {
			/* The line's last words, from a character's first byte. */
			size_t from = n > 40 ? n - 40 : 0;
			while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
				from++;
			warn(c, IMR_W_LETTER_TRUNCATED, imr_source_input_line(src, i - 1), 0, true,
			     "the letter ends mid-sentence: a truncated download or extraction (\"%.*s\")",
			     (int)(n - from), s + from);
		}
		break;
	}
	(void)doc;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The 2014-15 letters cut the summary at 2,000 characters, mid-word. */
static void check_summary_end(struct checker *c, const struct imr_document *doc)
{
	const struct imr_strings *p = &c->det->summary_text;
	if (!doc->summary || !doc->summary->text || !p->count)
		return;
	const char *last = p->items[p->count - 1];
	size_t n = strlen(last);
	if (ends_sentence(last, n))
		return;
	const struct imr_text *t = doc->summary->text;
	unsigned line = imr_source_line(c->src, t->lines[t->count - 1].start);
	size_t chars = utf8_chars(last);
	if (chars == 2000)
		warn(c, IMR_W_SUMMARY_TRUNCATED, line, 0, true,
		     "the case summary is cut off at exactly 2,000 characters, mid-word");
	else
		warn(c, IMR_W_SUMMARY_TRUNCATED, line, 0, true,
		     "the case summary ends mid-sentence (its last paragraph has %zu characters)", chars);
}

static int date_cmp(const struct imr_date *a, const struct imr_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

/* Injury, UR denial, application, assignment, decision: in that order. */
static void check_dates(struct checker *c)
{
	const struct imr_determination *d = c->det;
	struct imr_date injury = d->header_date[IMR_DATE_OF_INJURY];
	if (!injury.year)
		injury = d->injury;
	struct imr_date ur = d->header_date[IMR_UR_DENIAL_DATE];
	static const struct {
		int first, second;
		const char *what;
	} order[] = {
		{0, 1, "the injury (%s) is dated after the utilization review denial (%s)"},
		{1, 2, "the utilization review denial (%s) is dated after the application (%s)"},
		{2, 3, "the application (%s) is dated after the date assigned (%s)"},
		{1, 4, "the utilization review denial (%s) is dated after the decision (%s)"},
		{3, 4, "the decision (%s) is dated before the date assigned (%s)"},
	};
	const struct imr_date *dates[] = {&injury, &ur, &d->header_date[IMR_APPLICATION_RECEIVED],
	                                  &d->header_date[IMR_DATE_ASSIGNED],
	                                  &d->header_date[IMR_DECISION_DATE]};
	for (size_t i = 0; i < COUNT(order); i++) {
		const struct imr_date *a = dates[order[i].first], *b = dates[order[i].second];
		if (!a->year || !b->year || date_cmp(a, b) <= 0)
			continue;
		char x[11], y[11];
		imr_date_iso(a, x);
		imr_date_iso(b, y);
		/* "the decision ... before the date assigned" names them the other way. */
		if (order[i].first == 3)
			warn(c, IMR_W_DATES_OUT_OF_ORDER, 0, 0, true, order[i].what, y, x);
		else
			warn(c, IMR_W_DATES_OUT_OF_ORDER, 0, 0, true, order[i].what, x, y);
	}
}

static const char *decision_word(enum imr_decision d)
{
	return d == IMR_UPHELD ? "upheld" : "overturned";
}

static void check_items(struct checker *c)
{
	struct imr_determination *d = c->det;
	for (size_t i = 0; i < d->issue_count; i++) {
		const struct imr_issue_facts *f = &d->issues[i];
		if (f->decision_source == IMR_FROM_RATIONALE)
			warn(c, IMR_W_DECISION_FROM_RATIONALE, f->line, i + 1, true,
			     "item %zu's decision (%s) is stated nowhere but in its rationale's conclusion",
			     i + 1, decision_word(f->decision));
		else if (f->conclusion != IMR_CONCLUSION_NONE &&
		         (f->decision == IMR_UPHELD) != (f->conclusion == IMR_NOT_NECESSARY))
			warn(c, IMR_W_DECISION_CONCLUSION, f->line, i + 1, true,
			     "item %zu is %s, but its rationale concludes it is %s", i + 1,
			     decision_word(f->decision),
			     f->conclusion == IMR_NECESSARY ? "medically necessary" : "not medically necessary");
	}
}

/* A 2013 notice: its two lists, and its items, must agree. */
static void check_lists(struct checker *c)
{
	struct imr_determination *d = c->det;
	if (!d->list_count[0] && !d->list_count[1])
		return;
	for (size_t k = 0; k < d->list_count[1]; k++) {
		const struct imr_list_decision *b = &d->lists[1][k];
		for (size_t j = 0; j < d->list_count[0]; j++) {
			const struct imr_list_decision *a = &d->lists[0][j];
			if (a->n == b->n && a->decided && b->decided && a->decision != b->decision)
				warn(c, IMR_W_LIST_MISMATCH, 0, 0, true,
				     "the numbered lists disagree on item %u: %s in the letter, %s in the decision",
				     a->n, decision_word(a->decision), decision_word(b->decision));
		}
	}
	for (unsigned l = 0; l < 2; l++) {
		if (!d->list_count[l])
			continue;
		const char *where = l ? "the decision part's" : "the letter's";
		if (d->list_count[l] != d->issue_count)
			warn(c, IMR_W_LIST_MISMATCH, 0, 0, true,
			     "%s numbered list has %zu entries for %zu item(s)", where, d->list_count[l],
			     d->issue_count);
		for (size_t i = 0; i < d->issue_count; i++) {
			const struct imr_issue_facts *f = &d->issues[i];
			for (size_t j = 0; j < d->list_count[l]; j++) {
				const struct imr_list_decision *e = &d->lists[l][j];
				if (e->n == f->number && e->decided && f->decision_source == IMR_FROM_LIST &&
				    e->decision != f->decision)
					warn(c, IMR_W_LIST_MISMATCH, f->line, i + 1, true,
					     "%s numbered list has item %u %s, unlike the other list", where,
					     e->n, decision_word(e->decision));
			}
		}
	}
}

/* What the header's pairing could not settle by position. */
static void check_header(struct checker *c, const struct imr_document *doc)
{
	const struct imr_header *h = doc->header;
	for (size_t i = 0; h && i < h->note_count; i++) {
		const struct imr_header_note *n = &h->notes[i];
		const char *v = c->src->text + n->value.start;
		int len = (int)(n->value.end - n->value.start);
		unsigned line = imr_source_line(c->src, n->value.start);
		if (n->by_type)
			warn(c, IMR_W_HEADER_VALUE_BY_TYPE, line, 0, true,
			     "header: %.*s taken as the %s by its form, its label not found", len, v,
			     imr_header_label_xml(n->label));
		else if (n->placed)
			warn(c, IMR_W_HEADER_DATE_ORDER, line, 0, true,
			     "header: %.*s taken as the %s by the order of a determination's dates, "
			     "not by its place", len, v, imr_header_label_xml(n->label));
		else
			warn(c, IMR_W_HEADER_VALUE_UNPLACED, line, 0, true,
			     "header: no label could take the value %.*s", len, v);
	}
	/* Labels every letter of the variant has, lost (OCR) and their values
	 * with them: the fields are absent, not redacted. */
	unsigned lost = imr_variant_header_always(doc->variant) & ~doc->header_labels;
	for (size_t i = 0; h && i < h->count && lost; i++)
		lost &= ~(1u << h->fields[i].label);
	if (!lost)
		return;
	char missing[256];
	size_t n = 0, count = 0;
	missing[0] = '\0';
	for (int f = 0; f < IMR_HEADER_LABEL_COUNT; f++)
		if (lost & (1u << f) && n < sizeof missing) {
			n += (size_t)snprintf(missing + n, sizeof missing - n, "%s%s", count ? ", " : "",
			                      imr_header_label_text((enum imr_header_label)f));
			count++;
		}
	warn(c, IMR_W_HEADER_LABELS_MISSING, h ? imr_source_line(c->src, h->node.span.start) : 0, 0, true,
	     "header: no %s (every %s letter has %s; lost to OCR?): %s not read", missing,
	     imr_variant_name(doc->variant), count > 1 ? "them" : "it",
	     count > 1 ? "their fields are" : "its field is");
}

/* A record of the documents reviewed that reads as two run together. */
static void check_records(struct checker *c)
{
	const struct imr_determination *d = c->det;
	for (size_t i = 0; i < d->record_count; i++)
		if (d->records[i].run_together)
			warn(c, IMR_W_DOCUMENTS_RUN_TOGETHER, d->records[i].line, 0, true,
			     "documents reviewed: record %zu holds another dated document from \"%.60s\"", i + 1,
			     d->records[i].run_together);
}

void imr_check(struct imr_arena *a, const struct imr_source *src, const struct imr_document *doc,
               struct imr_determination *det, struct imr_diags *diags)
{
	struct checker c = {a, src, det, diags};
	if (src->decoded)
		warn(&c, IMR_W_NOT_UTF8, src->decoded_line, 0, false,
		     "the input is not valid UTF-8: %zu byte(s) were read as Windows-1252", src->decoded);
	if (src->replaced)
		warn(&c, IMR_W_CONTROL_CHARACTERS, src->replaced_line, 0, false,
		     "%zu control character(s) that XML forbids were replaced by spaces", src->replaced);
	if (src->order_unplaced)
		warn(&c, IMR_W_READING_ORDER, src->order_unplaced_line, 0, true,
		     "the text's boxes were out of reading order (pdfminer -V) and %u of them could not "
		     "be put back (a letter alone, running text no part continues, a title no item "
		     "takes): kept where they stood", src->order_unplaced);
	if (src->one_case != IMR_CASE_MIXED)
		warn(&c, IMR_W_ONE_CASE, 0, 0, false,
		     "the text's letters are all %s (a pipeline changed its case): its vocabulary was "
		     "read in any case, its words are as it has them",
		     src->one_case == IMR_CASE_LOWER ? "small letters" : "capitals");
	if (doc->beginning_lost)
		warn(&c, IMR_W_BEGINNING_MISSING, imr_source_line(src, doc->node.span.start), 0, false,
		     "the letter's beginning is missing (its first page or pages lost?): no header "
		     "and its first headings missing; what is left is read from here");
	check_header(&c, doc);
	check_records(&c);
	check_letter_end(&c, doc);
	check_summary_end(&c, doc);
	check_dates(&c);
	check_items(&c);
	check_lists(&c);
	size_t upheld = 0;
	for (size_t i = 0; i < det->issue_count; i++)
		upheld += det->issues[i].decision == IMR_UPHELD;
	det->outcome = !det->issue_count                  ? IMR_OUTCOME_NONE
	               : upheld == det->issue_count ? IMR_OUTCOME_UPHELD
	               : upheld == 0                ? IMR_OUTCOME_OVERTURNED
	                                            : IMR_OUTCOME_PARTIAL;
}

/* ---- items that cannot be written ------------------------------------ */

/* An item whose title is empty (": Upheld" alone) is no item: report it,
 * and keep its text as unparsed so nothing is lost. */
static bool untitled_items(struct imr_arena *a, const struct imr_source *src,
                           const struct imr_document *doc, struct imr_determination *det,
                           struct imr_diags *diags)
{
	size_t bad = 0;
	for (size_t i = 0; i < det->issue_count; i++)
		bad += !*det->issues[i].service;
	if (!bad)
		return true;
	struct imr_unparsed *u = imr_arena_alloc(a, (det->unparsed_count + bad) * sizeof *u);
	memcpy(u, det->unparsed, det->unparsed_count * sizeof *u);
	size_t kept = 0;
	for (size_t i = 0; i < det->issue_count; i++) {
		struct imr_issue_facts *f = &det->issues[i];
		if (*f->service) {
			det->issues[kept++] = *f;
			continue;
		}
		/* A 2013 notice's list makes items of its entries, past the AST's. */
		struct imr_span sp;
		if (i < doc->issue_count) {
			sp = doc->issues[i]->node.span;
		} else {
			size_t n;
			const char *s = imr_source_line_text(src, f->line ? f->line : 1, &n);
			sp.start = (uint32_t)(s - src->text);
			sp.end = sp.start + (uint32_t)n;
		}
		imr_diag_at(diags, src, IMR_ERROR, sp.start, "an item without a title (only its decision)");
		struct imr_text t = {.node = {IMR_N_TEXT, sp}};
		struct imr_line l = {.start = sp.start, .end = sp.end};
		t.lines = &l;
		t.count = 1;
		u[det->unparsed_count++] = (struct imr_unparsed){f->line, imr_text_join(a, src, &t, 0, 1)};
	}
	det->issue_count = kept;
	det->unparsed = u;
	det->complete = false;
	return false;
}

/* An item whose decision the letter states nowhere (no "Upheld", no
 * entry of a numbered list, no conclusion) cannot be written. */
static bool undecided_items(const struct imr_source *src, const struct imr_document *doc,
                            const struct imr_determination *det, struct imr_diags *diags)
{
	bool ok = true;
	for (size_t i = 0; i < det->issue_count; i++) {
		const struct imr_issue_facts *f = &det->issues[i];
		if (f->decision_source != IMR_FROM_NOWHERE)
			continue;
		uint32_t at = i < doc->issue_count ? doc->issues[i]->node.span.start
		              : imr_source_line_start(src, f->line);
		imr_diag_at(diags, src, IMR_ERROR, at,
		            "item %zu (%s) states no decision: no numbered decision names it and its "
		            "rationale concludes nothing", i + 1, f->service);
		ok = false;
	}
	return ok;
}

bool imr_check_items(struct imr_arena *a, const struct imr_source *src,
                     const struct imr_document *doc, struct imr_determination *det,
                     struct imr_diags *diags)
{
	bool titled = untitled_items(a, src, doc, det, diags);
	if (!undecided_items(src, doc, det, diags)) {
		det->complete = false;
		return false;
	}
	return titled;
}
