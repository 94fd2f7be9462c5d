/* unit.c - unit tests of the scanner, of each extractor and of the XML
 * writer.  Prints "FAIL" per failed check and a closing "N passed, N failed". */
#define _XOPEN_SOURCE 700 /* strptime, the oracle of the date reader */
#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "ast.h"
#include "citation.h"
#include "consistency.h"
#include "date.h"
#include "extract.h"
#include "normalize.h"
#include "onecase.h"
#include "parse.h"
#include "phrase.h"
#include "reading_order.h"
#include "parser.h"
#include "output.h"
#include "text.h"
#include "unwrap.h"
#include "verify.h"
#include "xml.h"

#include "../testing.h"

static void check_str(const char *got, const char *want, const char *what)
{
	CHECK(got && strcmp(got, want) == 0, "%s: got '%s', want '%s'", what, got ? got : "(null)", want);
}

static void check_date(const char *text, const char *iso)
{
	struct imr_date d = {0};
	char buf[11] = "";
	const char *e = imr_date_parse(text, &d);
	if (e)
		imr_date_iso(&d, buf);
	check_str(iso ? buf : (e ? buf : NULL), iso ? iso : "(null)", text);
}

static void test_dates(void)
{
	check_date("02/28/2003", "2003-02-28");
	check_date("August 30, 1999", "1999-08-30");
	check_date("10-13-16", "2016-10-13");
	check_date("11-3-16", "2016-11-03");
	check_date("1-9-17,", "2017-01-09");
	check_date("10/13/2016.", "2016-10-13");
	check_date("December 9 2016", "2016-12-09");
	struct imr_date d;
	CHECK(!imr_date_parse("02/30/2016", &d), "February 30th is no date");
	CHECK(!imr_date_parse("13/01/2016", &d), "month 13 is no date");
	CHECK(!imr_date_parse("8/10", &d), "a pain score is no date");
	CHECK(!imr_date_parse("December 9, 3026", &d), "an implausible year is refused");
	const char *s = "injured on 7/10 scale, then on 06/14/2011 again";
	const char *at = imr_date_find(s, 0, &d);
	CHECK(at && d.year == 2011 && d.month == 6 && d.day == 14, "date_find skips 7/10");
}

static void test_patient(void)
{
	CHECK(imr_extract_age("The patient is a 49-year-old male who") == 49, "hyphenated age");
	CHECK(imr_extract_age("a 57 year old female, who") == 57, "spaced age");
	CHECK(imr_extract_age("over the last year, old records") == -1, "no age");
	CHECK(imr_extract_sex("a 57 year old female, who") == IMR_FEMALE, "female stated");
	CHECK(imr_extract_sex("is a 48 year old male; female nurse") == IMR_MALE, "first word wins");
	CHECK(imr_extract_sex("She reported that her pain was worse; he examined her.") == IMR_FEMALE,
	      "pronouns");
	CHECK(imr_extract_sex("The applicant reported pain.") == IMR_SEX_UNKNOWN, "no sex");
	struct imr_date d = {0};
	CHECK(imr_extract_injury("a claim for neck pain associated with an industrial injury date of "
	                         "02/28/2003. Records from 01/01/2012",
	                         &d) &&
	              d.year == 2003 && d.month == 2,
	      "injury date");
	CHECK(imr_extract_injury("history of an occupational claim from 10/17/2016. The", &d) &&
	              d.year == 2016 && d.month == 10 && d.day == 17,
	      "claim from");
}

static void test_conclusion(void)
{
	CHECK(imr_extract_conclusion("Therefore, the request is not medically necessary.") ==
	              IMR_NOT_NECESSARY, "not necessary");
	CHECK(imr_extract_conclusion("Therefore the request is medically necessary and appropriate.") ==
	              IMR_NECESSARY, "necessary");
	CHECK(imr_extract_conclusion("the request for Flector Patch #30 is non certified.") ==
	              IMR_NOT_NECESSARY, "non certified");
	CHECK(imr_extract_conclusion("the current request is not medically appropriate.") ==
	              IMR_NOT_NECESSARY, "not appropriate");
	CHECK(imr_extract_conclusion("It was not medically necessary before; it is medically "
	                             "necessary now.") == IMR_NECESSARY, "the last statement wins");
	CHECK(imr_extract_conclusion("The guidelines are silent.") == IMR_CONCLUSION_NONE, "none");
	/* Read in their sentences. */
	static const struct {
		const char *rationale;
		enum imr_conclusion want;
		const char *what;
	} cases[] = {
		/* The stock advice on weaning after the conclusion concludes nothing. */
		{"Therefore, the request for Norco 10/325mg #60 is not medically "
		 "necessary. The treating physician should refer to the MTUS, and if "
		 "necessary, other relevant guidelines, regarding the weaning of "
		 "this medication when medically appropriate.",
		 IMR_NOT_NECESSARY, "weaning advice, conditional"},
		{"The request is not medically necessary. Please refer to the MTUS, "
		 "and if necessary, other relevant guidelines, regarding tapering "
		 "and weaning, as medically necessary.",
		 IMR_NOT_NECESSARY, "weaning advice"},
		{"Therefore, the original request, Oxycodone 10mg #84 (tapering "
		 "schedule over four weeks), is medically necessary.",
		 IMR_NECESSARY, "a tapering request found necessary"},
		/* Negation and its scope. */
		{"In this case, the medical necessity of this request is not "
		 "established.",
		 IMR_NOT_NECESSARY, "necessity not established"},
		{"Medical necessity has been established.",
		 IMR_NECESSARY, "necessity established"},
		{"The request for a TENS unit is not supported by the referenced "
		 "guidelines as being medically necessary.",
		 IMR_NOT_NECESSARY, "not supported as being medically necessary"},
		{"The request is not supported, per the ODG, as being medically "
		 "necessary.",
		 IMR_NOT_NECESSARY, "negation clauses before"},
		{"Therefore, the request is not necessary.",
		 IMR_NOT_NECESSARY, "not necessary"},
		{"The request is not, in this case, medically necessary.",
		 IMR_NOT_NECESSARY, "not, in this case,"},
		{"There is no medical necessity for a second opinion.",
		 IMR_NOT_NECESSARY, "no medical necessity"},
		{"Since the patient has not improved with conservative care, the "
		 "requested arthroscopy is medically necessary.",
		 IMR_NECESSARY, "a negation in a clause of its own"},
		{"The patient has not returned to work despite therapy and the "
		 "request is medically necessary.",
		 IMR_NECESSARY, "a negation in the clause before 'and'"},
		{"Therefore, physical therapy (not to exceed 6 visits) is medically necessary.",
		 IMR_NECESSARY, "a negation in parentheses"},
		{"A short course of no more than 7 days is medically necessary.",
		 IMR_NECESSARY, "a limit, not a negation"},
		{"It is not necessary to taper this medication, and the request is "
		 "medically necessary.",
		 IMR_NECESSARY, "not necessary to"},
		/* Necessity mentioned, nothing concluded: unknown. */
		{"To establish medical necessity, the guidelines require "
		 "documented functional improvement.",
		 IMR_CONCLUSION_NONE, "a purpose"},
		{"If the pain persists, an MRI would be medically necessary.",
		 IMR_CONCLUSION_NONE, "a condition"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(imr_extract_conclusion(cases[i].rationale) == cases[i].want, "%s", cases[i].what);
}

static void test_request(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	const char *service = NULL, *orig = NULL, *auth = NULL;
	CHECK(imr_extract_request(&a,
	                          "Drug 7.5mg #90 was the original request. Drug 7.5mg #63 was authorized "
	                          "by the Claims Administrator. The remaining IMR eligible portion of the "
	                          "original request, Drug 7.5mg #27 is",
	                          &service, &orig, &auth),
	      "modified request, first form");
	check_str(service, "Drug 7.5mg #27", "service");
	check_str(orig, "Drug 7.5mg #90", "original");
	check_str(auth, "Drug 7.5mg #63", "authorized");
	CHECK(imr_extract_request(&a,
	                          "PT x12 was the original request. The Claims Administrator authorized PT "
	                          "x6, leaving the original request IMR eligible. The original request, "
	                          "PT x12 is",
	                          &service, &orig, &auth),
	      "modified request, second form");
	check_str(service, "PT x12", "service");
	check_str(auth, "PT x6", "authorized");
	CHECK(!imr_extract_request(&a, "Baclofen 10mg #90", &service, &orig, &auth), "plain title");
	struct imr_strings l = {0};
	imr_split_list(&a, "California,North Carolina, Texas", false, &l);
	CHECK(l.count == 3 && strcmp(l.items[1], "North Carolina") == 0, "licensure list");
	struct imr_strings m = {0};
	imr_split_list(&a, "California and Texas", true, &m);
	CHECK(m.count == 2 && strcmp(m.items[1], "Texas") == 0, "inline licensure");
	imr_arena_free(&a);
}

static void test_citations(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_guideline_facts g = {.text = "Decision based on MTUS Low Back Complaints 2004, "
	                                        "Section(s): Initial Care, Physical Methods, and Chronic "
	                                        "Pain Medical Treatment 2016, Section(s): Physical "
	                                        "medicine treatment. Decision based on Non-MTUS "
	                                        "Citation Official Disability Guidelines (ODG) Pain."};
	imr_citations_read(&a, &g);
	CHECK(g.count == 3, "three citations, got %zu", g.count);
	if (g.count == 3) {
		CHECK(g.citations[0].body == IMR_BODY_MTUS && g.citations[0].year == 2004, "first MTUS");
		CHECK(g.citations[0].sections.count == 2, "two sections");
		check_str(g.citations[1].document, "Chronic Pain Medical Treatment", "second document");
		CHECK(g.citations[2].body == IMR_BODY_ODG, "ODG");
	}
	struct imr_guideline_facts h = {.text = "Decision based on MTUS ACOEM Chapter 12 Low Back "
	                                        "Complaints Page(s): 162, 300-303."};
	imr_citations_read(&a, &h);
	CHECK(h.count == 1 && h.citations[0].page_count == 2, "pages");
	if (h.count == 1 && h.citations[0].page_count == 2) {
		check_str(h.citations[0].chapter, "12", "chapter");
		CHECK(h.citations[0].pages[1].first == 300 && h.citations[0].pages[1].last == 303, "range");
	}
	struct imr_guideline_facts k = {.text = "Decision based on Non-MTUS Citation Other Medical "
	                                        "Treatment Guidelines ACOEM Hip and Groin Disorders."};
	imr_citations_read(&a, &k);
	CHECK(k.count == 1 && k.citations[0].body == IMR_BODY_ACOEM, "ACOEM outside the MTUS");
	imr_arena_free(&a);
}

static bool normalize_str(const char *text, struct imr_source *src)
{
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	bool ok = imr_normalize(text, strlen(text), &opt, src, &diags);
	imr_diags_free(&diags);
	return ok;
}

/* A text of one case (onecase.h): told from ordinary text, its vocabulary
 * respelled where it stands as one (a line, a label's colon) and not in
 * its prose, then its one case given back byte for byte. */
static void check_one_case(const char *text, enum imr_letter_case want)
{
	struct imr_source src;
	CHECK(normalize_str(text, &src), "one case: normalize");
	CHECK(imr_letter_case(&src) == want, "one case: told %d, want %d", (int)src.one_case, (int)want);
	imr_one_case_read(&src);
	CHECK(strstr(src.text, "Case Number: ") == src.text, "one case: a header label");
	CHECK(strstr(src.text, "\nHOW THE IMR FINAL DETERMINATION WAS MADE\n") != NULL, "one case: a heading");
	CHECK(strstr(src.text, "\nState(s) of Licensure: ") != NULL, "one case: a line label");
	CHECK(strstr(src.text, "\nCLINICAL CASE SUMMARY\n") != NULL, "one case: a heading again");
	CHECK(strstr(src.text, "following clinical case summary based") != NULL,
	      "one case: a heading's words in prose stay prose");
	CHECK(strstr(src.text, "\nIMR ISSUES, DECISIONS\nAND RATIONALES\n") != NULL,
	      "one case: a heading wrapped over two lines");
	imr_one_case_restore(&src, NULL);
	CHECK(src.len == strlen(text) && memcmp(src.text, text, src.len) == 0, "one case: given back");
	imr_source_free(&src);
}

static void test_one_case(void)
{
	static const char lower[] = "case number: cm16-0000001\n"
	                            "how the imr final determination was made\n"
	                            "the expert reviewer developed the following clinical case summary "
	                            "based on the file.\n"
	                            "state(s) of licensure: california\n"
	                            "clinical case summary\n"
	                            "a 40 year old man with pain in the lower back.\n"
	                            "imr issues, decisions\n"
	                            "and rationales\n";
	char upper[sizeof lower];
	for (size_t i = 0; i < sizeof lower; i++)
		upper[i] = (char)toupper((unsigned char)lower[i]);
	check_one_case(lower, IMR_CASE_LOWER);
	check_one_case(upper, IMR_CASE_UPPER);
	struct imr_source src;
	CHECK(normalize_str("Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\n"
	                    "MAXIMUS Federal Services sent the complete case file to an expert.\n",
	                    &src),
	      "mixed case: normalize");
	CHECK(imr_letter_case(&src) == IMR_CASE_MIXED, "mixed case told");
	imr_source_free(&src);
	CHECK(normalize_str("case number: cm16-0000001\n", &src), "few letters: normalize");
	CHECK(imr_letter_case(&src) == IMR_CASE_MIXED, "too few letters to tell");
	imr_source_free(&src);
}

static void check_kinds(const char *what, const char *text, bool filtered, const int *want, size_t n)
{
	struct imr_source src;
	int got[64] = {0};
	CHECK(normalize_str(text, &src), "%s: normalize", what);
	size_t count = imr_scan_kinds(&src, filtered, got, 64);
	CHECK(count == n, "%s: %zu tokens, want %zu", what, count, n);
	for (size_t i = 0; i < n && i < count; i++)
		CHECK(got[i] == want[i], "%s: token %zu is %d, want %d", what, i + 1, got[i], want[i]);
	imr_source_free(&src);
}

/* Every line label of the table is read in the context it names: after
 * a heading that opens that context, "Label: words" is the label's token
 * (vocab.c refuses at compile time a context where no label is read). */
static void test_every_label(void)
{
#define SECTION_CASE(id, text, tok, ctx, ...) {text, IMR_CTX_##ctx},
	static const struct {
		const char *text;
		enum imr_context context;
	} headings[] = {IMR_SECTIONS(SECTION_CASE)};
#define LABEL_CASE(id, text, ctx, tok) {text, IMR_CTX_##ctx, tok},
	static const struct {
		const char *text;
		enum imr_context context;
		int token;
	} labels[] = {IMR_LINE_LABELS(LABEL_CASE)};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		const char *heading = NULL;
		for (size_t h = 0; h < sizeof headings / sizeof *headings && !heading; h++)
			if (headings[h].context == labels[i].context)
				heading = headings[h].text;
		CHECK(heading != NULL, "label \"%s\": no heading opens its context", labels[i].text);
		if (!heading)
			continue;
		char text[512];
		snprintf(text, sizeof text, "%s\n%s some words\n", heading, labels[i].text);
		struct imr_source src;
		int got[8] = {0};
		CHECK(normalize_str(text, &src), "label \"%s\": normalize", labels[i].text);
		size_t n = imr_scan_kinds(&src, false, got, 8);
		CHECK(n == 3 && got[1] == labels[i].token, "label \"%s\" after \"%s\": token %d, want %d",
		      labels[i].text, heading, got[1], labels[i].token);
		imr_source_free(&src);
	}
}

/* The scanner classifies lines: a document in miniature, token by token. */
static void test_lexer(void)
{
	check_kinds("layout header, sections, labels",
	            "Case Number:          CM18-0000001\n"
	            "Priority:             Expedited       Application     01/02/2017\n"
	            "                                      Received:\n"
	            "\f   HOW THE IMR FINAL DETERMINATION WAS MADE\n"
	            "Reviewer text.\n"
	            "State(s) of Licensure: Nevada\n"
	            "CLINICAL CASE SUMMARY\n"
	            "Objective findings: none\n"
	            "MRI\n"
	            "IMR ISSUES, DECISIONS AND RATIONALES\n"
	            "Cane: Upheld\n"
	            "MAXIMUS guideline: Decision based on MTUS.\n",
	            false,
	            (const int[]){TOK_HEADER_LABEL, TOK_HEADER_VALUE, TOK_HEADER_LABEL, TOK_HEADER_VALUE,
	                          TOK_HEADER_LABEL, TOK_HEADER_VALUE, TOK_LABEL_TAIL,
	                          TOK_HOW_MADE_HEADING, TOK_TEXT, TOK_LICENSURE,
	                          TOK_CASE_SUMMARY_HEADING, TOK_TEXT, TOK_TEXT, TOK_ISSUES_HEADING,
	                          TOK_ITEM_LINE, TOK_MAXIMUS_GUIDELINE, TOK_YYEOF},
	            17);
	/* The title filter: a wrapped title after a rationale's last sentence,
	 * the decision alone; and a modified request spanning sentences. */
	static const char issues[] = "IMR ISSUES, DECISIONS AND RATIONALES\n"
	                             "Decision rationale: It is not medically necessary.\n"
	                             "Acupuncture for the neck two times a week for\n"
	                             "three weeks:\n"
	                             "Upheld\n"
	                             "Decision rationale: The request is not medically necessary.\n"
	                             "X 90 was the original request.\n"
	                             "X 60 was authorized by the Claims Administrator.\n"
	                             "The remaining IMR eligible portion of the original request, X 30 is: Upheld\n";
	struct imr_source src;
	int got[32];
	/* The scanner leaves the header state at the first heading. */
	char doc[2048];
	snprintf(doc, sizeof doc, "HOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\n%s", issues);
	CHECK(normalize_str(doc, &src), "normalize");
	size_t n = imr_scan_kinds(&src, true, got, 32);
	static const int want[] = {TOK_HOW_MADE_HEADING, TOK_TEXT, TOK_CASE_SUMMARY_HEADING, TOK_TEXT,
	                           TOK_ISSUES_HEADING, TOK_RATIONALE, TOK_TITLE_TEXT, TOK_TITLE_TEXT,
	                           TOK_DECISION_LINE, TOK_RATIONALE, TOK_TITLE_TEXT, TOK_TITLE_TEXT,
	                           TOK_ITEM_LINE, TOK_YYEOF};
	CHECK(n == sizeof want / sizeof want[0], "title filter: %zu tokens", n);
	for (size_t i = 0; i < n && i < sizeof want / sizeof want[0]; i++)
		CHECK(got[i] == want[i], "title filter: token %zu is %d, want %d", i + 1, got[i], want[i]);
	/* Before the filter the title lines are plain text. */
	n = imr_scan_kinds(&src, false, got, 32);
	CHECK(n == 14 && got[6] == TOK_TEXT && got[10] == TOK_TEXT && got[11] == TOK_TEXT,
	      "unfiltered: text lines");
	CHECK(imr_source_line(&src, src.line_start[3]) == 4, "line index");
	imr_source_free(&src);
	/* A text that opens inside an item (the letter's beginning lost) is
	 * scanned from the items' context: a guideline's tail is text, the
	 * labels and the next item's title are theirs.  Prose with one label
	 * and no more is read as from a header, as any text is. */
	check_kinds("a letter without its beginning",
	            "Guidelines, Knee Chapter.\n"
	            "MAXIMUS guideline: Decision based on ODG.\n"
	            "Decision rationale: It is not medically necessary.\n"
	            "Cane: Upheld\n"
	            "Claims Administrator guideline: Decision based on MTUS.\n",
	            true,
	            (const int[]){TOK_TEXT, TOK_MAXIMUS_GUIDELINE, TOK_RATIONALE, TOK_ITEM_LINE,
	                          TOK_CLAIMS_GUIDELINE, TOK_YYEOF},
	            6);
	check_kinds("prose with one item label", "Minutes of the meeting.\nDecision rationale: we chose it.\n",
	            true, (const int[]){TOK_HEADER_VALUE, TOK_HEADER_VALUE, TOK_YYEOF}, 3);
}

/* Words hyphenated at line ends (text.h's imr_mark_broken_words): which
 * hyphens break a word, and the lines joined with those words whole. */
static void test_broken_words(void)
{
	static const char text[] =
		"Certification(s)/Specialty: Physical Medicine & Reha-\n" /* 1: broken */
		"bilitation\n"
		"Treatments include anti-\n"                              /* 3: anti- opens compounds */
		"inflammatory medication and a one-\n"                    /* 4: one- too */
		"month supply; a follow-\n"                               /* 5: follow-up elsewhere */
		"up visit, a follow-up call, the post-\n"                 /* 6: postoperative elsewhere */
		"operative course, postoperative pain, Toxi-\n"           /* 7: broken */
		"Cology and 4-\n"                                         /* 8: a capital, a digit */
		"lead EKG, x-\n"                                          /* 9: x- opens compounds */
		"rays, day-to-\n"                                         /* 10: a compound already */
		"day care\n";
	struct imr_source src;
	struct imr_arena a;
	imr_arena_init(&a);
	CHECK(normalize_str(text, &src), "broken words: normalize");
	imr_mark_broken_words(&a, &src);
	static const bool want[] = {true, false, false, false, false, true, false, false, false, false, false};
	CHECK(src.nlines == 11, "broken words: %zu lines", src.nlines);
	for (size_t l = 0; l < src.nlines && l < 11; l++)
		CHECK(imr_line_broken(&src, l) == want[l], "broken words: line %zu %s", l + 1,
		      want[l] ? "breaks a word" : "keeps its hyphen");
	struct imr_text *t = NULL;
	for (size_t l = 0; l < src.nlines; l++) {
		uint32_t s = src.line_start[l], e = (l + 1 < src.nlines ? src.line_start[l + 1] : src.len) - 1;
		struct imr_line line = {.start = s, .end = e, .rest = e};
		t = t ? imr_text_append(&a, t, line) : imr_text_new(&a, line);
	}
	struct imr_joined j;
	imr_join_text(&a, &src, t, &j);
	check_str(j.s,
	          "Certification(s)/Specialty: Physical Medicine & Rehabilitation Treatments include "
	          "anti-inflammatory medication and a one-month supply; a follow-up visit, a follow-up "
	          "call, the postoperative course, postoperative pain, Toxi-Cology and 4-lead EKG, "
	          "x-rays, day-to-day care",
	          "broken words joined");
	/* Positions still point at the lines: "bilitation" is line 2's. */
	CHECK(imr_joined_pos(&j, (size_t)(strstr(j.s, "bilitation") - j.s)).line == 2,
	      "broken words: the rest of the word is line 2's");
	CHECK(imr_joined_pos(&j, (size_t)(strstr(j.s, "Treatments") - j.s)).line == 3,
	      "broken words: the next line's");
	/* Without a line-end hyphen nothing is looked at: no bits at all. */
	struct imr_source plain;
	CHECK(normalize_str("No hyphen at a line's end\nhere - nor here -\nat all\n", &plain), "plain");
	imr_mark_broken_words(&a, &plain);
	CHECK(plain.broken == NULL, "broken words: none in a text without them");
	imr_source_free(&plain);
	imr_source_free(&src);
	imr_arena_free(&a);
}

/* A state OCR split at a blank is the state (vocab.h's IMR_STATES). */
static void test_state_split(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"W yoming", "Wyoming"}, {"NewYork", "New York"}, {"Virgin ia", "Virginia"},
		{"WEST VIRG INIA", "West Virginia"}, {"New York", NULL}, {"California", NULL},
		{"Wyo", NULL}, {"Wyoming Valley", NULL}, {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = imr_state_split(cases[i].in, strlen(cases[i].in));
		CHECK(cases[i].want ? got && strcmp(got, cases[i].want) == 0 : got == NULL,
		      "state split '%s': got '%s', want '%s'", cases[i].in, got ? got : "(null)",
		      cases[i].want ? cases[i].want : "(null)");
	}
}

static void unwrap_case(const char *what, const char *text, size_t want, const char *joined);

/* An item's decision after a dash or with a stop after it (vocab.h's
 * imr_decision_ending): read as the colon's, a sentence that ends in the
 * word or holds it after a dash is none. */
static void test_decision_forms(void)
{
	static const struct {
		const char *in;
		int want;     /* the decision, or -1 */
		size_t sep;   /* where the colon, the dash or the word alone starts */
	} cases[] = {
		{"Norco 10/325mg #60: Upheld", IMR_UPHELD, 18},
		{"Norco 10/325mg #60: Upheld.", IMR_UPHELD, 18},
		{"Norco 10/325mg #60 - Upheld", IMR_UPHELD, 19},
		{"Norco 10/325mg #60 - overturned;  ", IMR_OVERTURNED, 19},
		{"MRI \xe2\x80\x93 Upheld", IMR_UPHELD, 4},
		{"MRI \xe2\x80\x94 OVERTURNED,", IMR_OVERTURNED, 4},
		{"MRI :Upheld", IMR_UPHELD, 4},
		{"  Upheld.", IMR_UPHELD, 2},
		{"Overturned", IMR_OVERTURNED, 0},
		{"Therefore the denial is upheld.", -1, 0},
		{"The request - upheld by UR - was denied.", -1, 0},
		{"MRI -Upheld", -1, 0},
		{"MRI- Upheld", -1, 0},
		{"MRI - reupheld", -1, 0},
		{"MRI: Upheld..", -1, 0},
		{"MRI: Upheld .", -1, 0},
		{"", -1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t sep = 0;
		const char *in = cases[i].in;
		int got = imr_decision_ending(in, strlen(in), &sep);
		CHECK(got == cases[i].want && (got < 0 || sep == cases[i].sep),
		      "decision ending '%s': %d at %zu, want %d at %zu", in, got, sep, cases[i].want, cases[i].sep);
		if (got >= 0)
			CHECK(imr_may_end_decided(in, strlen(in)), "decision ending '%s': gate", in);
	}
	CHECK(!imr_may_end_decided("is not medically necessary.", 27), "gate: a sentence");
	/* The scanner: each form a title (the title filter takes the line
	 * before a decision alone), the sentences text. */
	check_kinds("decisions after a dash or with a stop",
	            "HOW THE IMR FINAL DETERMINATION WAS MADE\nR.\nCLINICAL CASE SUMMARY\nS.\n"
	            "IMR ISSUES, DECISIONS AND RATIONALES\n"
	            "Cane - Upheld.\n"
	            "Decision rationale: The request - upheld by UR - is not medically necessary.\n"
	            "Therefore the denial is upheld.\n"
	            "Walker \xe2\x80\x94 OVERTURNED\n"
	            "Decision rationale: The first review was\n"
	            "upheld.\n"
	            "Shower chair:\n"
	            "Upheld;\n"
	            "Decision rationale: It is not medically necessary.\n"
	            "Bed rail: Overturned. Grab bar: Upheld.\n",
	            true,
	            (const int[]){TOK_HOW_MADE_HEADING, TOK_TEXT, TOK_CASE_SUMMARY_HEADING, TOK_TEXT,
	                          TOK_ISSUES_HEADING, TOK_ITEM_LINE, TOK_RATIONALE, TOK_TEXT,
	                          TOK_ITEM_LINE, TOK_RATIONALE, TOK_TEXT, TOK_TITLE_TEXT,
	                          TOK_DECISION_LINE, TOK_RATIONALE, TOK_ITEM_LINE, TOK_ITEM_LINE, TOK_YYEOF},
	            17);
	unwrap_case("a decision with a stop opening a line, text after it",
	            "MRI of the left shoulder:\nUpheld. Claims Administrator guideline: Decision based\non MTUS.\n", 2,
	            "MRI of the left shoulder: Upheld. Claims Administrator guideline: Decision based on MTUS.\n");
	unwrap_case("a title after a dash begun after the rationale's last sentence",
	            "is not medically necessary.  Lidocaine ointment 5%\n106.32gm - Upheld.\n", 1,
	            "is not medically necessary.  Lidocaine ointment 5% 106.32gm - Upheld.\n");
}

static void test_normalize(void)
{
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	static const char crlf[] = "One\r\nTwo \x93quoted\x94\rThree\tfour\r\nPage 2 of 4\r\n";
	CHECK(imr_normalize(crlf, sizeof crlf - 1, &opt, &src, &diags), "normalize cp1252");
	check_str(src.text, "One\nTwo \xe2\x80\x9cquoted\xe2\x80\x9d\nThree four\n\n", "normalized");
	CHECK(src.nlines == 4, "4 lines, got %zu", src.nlines);
	CHECK(diags.warnings == 1, "one encoding warning");
	imr_source_free(&src);
	imr_diags_free(&diags);
	imr_diags_init(&diags);
	CHECK(!imr_normalize("   \n\n", 5, &opt, &src, &diags) && diags.errors == 1, "blank input refused");
	imr_source_free(&src);
	imr_diags_free(&diags);
}

/* Normalize text (len bytes) and check its text and the original column
 * of the byte offset at, counted in the normalized text. */
static void check_normalized(const char *what, const char *in, size_t len, const char *want,
                             size_t at, unsigned want_column)
{
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	bool ok = imr_normalize(in, len, &opt, &src, &diags);
	CHECK(ok && diags.count == 0, "%s: normalized with no diagnostic", what);
	if (ok) {
		check_str(src.text, want, what);
		CHECK(imr_source_column(&src, (uint32_t)at) == want_column, "%s: column of byte %zu is %u, want %u",
		      what, at, imr_source_column(&src, (uint32_t)at), want_column);
	}
	imr_source_free(&src);
	imr_diags_free(&diags);
}

/* The input line and column of the byte where word (the first it is in
 * src's text) stands, and whether a repair moved it there. */
static void check_word_at(const struct imr_source *src, const char *word, unsigned line, unsigned column,
                          bool moved)
{
	const char *at = strstr(src->text, word);
	uint32_t off = at ? (uint32_t)(at - src->text) : 0;
	CHECK(at && imr_source_line(src, off) == line && imr_source_column(src, off) == column &&
	              imr_source_byte_moved(src, off) == moved,
	      "moved words: '%s' at %u:%u%s, want %u:%u%s", word, at ? imr_source_line(src, off) : 0,
	      at ? imr_source_column(src, off) : 0, at && imr_source_byte_moved(src, off) ? " (moved)" : "",
	      line, column, moved ? " (moved)" : "");
}

/* A rendering's words moved to another line (normalize.c, repair_lines)
 * keep their input line and column: the word after a slash put back on
 * the line before, the word before a "(s)" put on the line after. */
static void test_moved_words(void)
{
	static const char rendered[] =
		"IMR ISSUES, DECISIONS AND RATIONALES\n"
		"The Final Determination was based on decisions for the disputed items/\n"
		"services set forth below:\n"
		"He/\n"
		"she has no affiliation with the employer.\n"
		"MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section\n"
		"(s): Special Studies.\n";
	struct imr_source src;
	CHECK(normalize_str(rendered, &src), "moved words: normalize");
	check_str(src.text,
	          "IMR ISSUES, DECISIONS AND RATIONALES\n"
	          "The Final Determination was based on decisions for the disputed items/services\n"
	          "set forth below:\n"
	          "He/she\n"
	          "has no affiliation with the employer.\n"
	          "MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004,\n"
	          "Section(s): Special Studies.\n",
	          "moved words: the text");
	check_word_at(&src, "services", 3, 1, true);
	check_word_at(&src, "ices", 3, 5, true);
	check_word_at(&src, "set forth", 3, 10, false);
	check_word_at(&src, "she", 5, 1, true);
	check_word_at(&src, "has no", 5, 5, false);
	check_word_at(&src, "Section", 6, 69, true);
	check_word_at(&src, "(s):", 7, 1, false);
	check_word_at(&src, "Special", 7, 6, false);
	check_word_at(&src, "items/", 2, 65, false);
	imr_source_free(&src);
	/* Ordinary text: no map looked in. */
	CHECK(normalize_str("MAXIMUS guideline: Decision based on MTUS, Section\n(s): Special Studies.\n", &src) &&
	              !src.words_moved,
	      "moved words: ordinary text moved words");
	imr_source_free(&src);
}

/* The repairs of normalization, each with the original column of a
 * word after it. */
static void test_repairs(void)
{
	/* Invisible characters go: a soft hyphen, a zero-width space, a word
	 * joiner, a byte-order mark mid-text; "rationale" was column 14. */
	static const char shy[] = "Dec\xc2\xadision ra\xe2\x80\x8btionale: x\xe2\x81\xa0y\xef\xbb\xbf.\n";
	check_normalized("invisibles", shy, sizeof shy - 1, "Decision rationale: xy.\n", 9, 11);
	check_normalized("invisibles, a later word", shy, sizeof shy - 1, "Decision rationale: xy.\n", 20, 23);
	/* A line of invisible characters alone, and a line that starts
	 * with a ligature, nothing before it to compose with. */
	static const char alone[] = "\xe2\x80\x8b\xc2\xad\n\xef\xac\x81nal x\n";
	check_normalized("invisible alone, a ligature first", alone, sizeof alone - 1, "\nfinal x\n", 7, 6);
	/* A ligature and a thin space folded: "Certiﬁcation(s)\u2009x" */
	static const char lig[] = "Certi\xef\xac\x81" "cation(s):\xe2\x80\x89x\n";
	check_normalized("ligature", lig, sizeof lig - 1, "Certification(s): x\n", 18, 18);
	/* UTF-16LE and BE with a byte-order mark, and LE without one. */
	static const char le[] = "\xff\xfe" "A\0b\0:\0 \0\xe9\0\n\0" "C\0a\0s\0e\0\n\0";
	check_normalized("UTF-16LE", le, sizeof le - 1, "Ab: \xc3\xa9\nCase\n", 4, 5);
	static const char be[] = "\xfe\xff" "\0A\0b\0:\0 \0\xe9\0\n" "\0C\0a\0s\0e\0\n";
	check_normalized("UTF-16BE", be, sizeof be - 1, "Ab: \xc3\xa9\nCase\n", 4, 5);
	static const char nobom[] = "C\0a\0s\0e\0 \0N\0u\0m\0b\0e\0r\0:\0\n\0";
	check_normalized("UTF-16LE, no mark", nobom, sizeof nobom - 1, "Case Number:\n", 5, 6);
	/* Loose spacing (pypdf): blanks before a colon, in a case number, a
	 * date, a hyphenated word, a word split where the letter has it
	 * whole, a year split; runs of blanks one.  Not "in to", whose
	 * pieces are words of their own. */
	static const char loose[] =
		"Case Number:  CM16 -0228949\n"
		"Claims Administrator  guideline : based on\n"
		"MAXIMUS guideline : Decision bas ed on MTUS 200 4, anti -inflammatory\n"
		"a 54- year-old, seen on 10 -14-2016, went in to the clinic\n";
	check_normalized("loose spacing", loose, sizeof loose - 1,
	                 "Case Number: CM16-0228949\n"
	                 "Claims Administrator guideline: based on\n"
	                 "MAXIMUS guideline: Decision based on MTUS 2004, anti-inflammatory\n"
	                 "a 54-year-old, seen on 10-14-2016, went in to the clinic\n",
	                 /* "on" on line 3: column 37 in the input */
	                 sizeof "Case Number: CM16-0228949\nClaims Administrator guideline: based on\n"
	                 "MAXIMUS guideline: Decision based " - 1, 37);
	/* One blank before a colon is no shape: left as it is. */
	static const char once[] = "Note : the text\nas written\n";
	check_normalized("one blank before a colon", once, sizeof once - 1, once, 7, 8);
	/* Loose text re-wrapped (fmt): the blank before a colon, a hyphen or
	 * inside a word a line break.  The piece goes to the end of the line
	 * before (its columns after that line's end), the blanks opening a
	 * line go; "Decision" on line 2 was column 4. */
	static const char rewrapped[] =
		"Case Number :  CM16 -0228949 MAXIMUS guideline\n"
		" : Decision based on Non\n"
		"-MTUS Citation, was bas\n"
		"ed on it\n";
	check_normalized("loose text re-wrapped", rewrapped, sizeof rewrapped - 1,
	                 "Case Number: CM16-0228949 MAXIMUS guideline:\n"
	                 "Decision based on Non-MTUS\n"
	                 "Citation, was based\n"
	                 "on it\n",
	                 sizeof "Case Number: CM16-0228949 MAXIMUS guideline:\n" - 1, 4);
}

/* Text folded at a width (fold -w 40 without -s): each line cut at the
 * width goes on with the next, no line break between, every line still
 * its own input line; not one that had the width itself and ends a
 * sentence before a capital. */
static void test_folded(void)
{
	static const char *const rows[] = {
		"The injured worker is a 48 year old male who sustained an industrial injury",
		"on 10-15-16. He is undergoing treatment for right foot and right shoulder",
		"pain. Mechanism of injury occurred when the injured worker flipped off the",
		"bottom step of a ladder. Current work status is working with modified duty",
		"and the treatment to date has included x-rays of the right foot, physical",
		"therapy sessions, a right foot boot, medications and their evaluations too",
		"Medications have included Norco 10-325mg, Ketoprofen 50mg and Flexeril 5mg.",
		"MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment.",
		"Decision rationale: The guidelines state that an MRI is recommended when",
		"there are red flags, which the documentation submitted does not show here.",
	};
	char in[2048], want[2048];
	size_t n = 0, w = 0;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		size_t len = strlen(rows[i]);
		for (size_t at = 0; at < len; at += 40)
			n += (size_t)snprintf(in + n, sizeof in - n, "%.40s\n", rows[i] + at);
		w += (size_t)snprintf(want + w, sizeof want - w, "%s\n", rows[i]);
	}
	/* A line of the width that is a row of its own, a stop before a
	 * capital after it. */
	n += (size_t)snprintf(in + n, sizeof in - n, "%s\n%s\n", "It is not medically necessary right now.",
	                      "The request is not approved.");
	w += (size_t)snprintf(want + w, sizeof want - w, "%s\n%s\n", "It is not medically necessary right now.",
	                      "The request is not approved.");
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	bool ok = imr_normalize(in, n, &opt, &src, &diags);
	CHECK(ok && src.folded, "folded text: told");
	if (ok) {
		check_str(src.text, want, "folded text: its rows");
		CHECK(src.nlines == 22, "folded text: 22 input lines, got %zu", src.nlines);
		/* "industrial" (row 1) is on input line 2, at column 19. */
		const char *at = strstr(src.text, "industrial");
		CHECK(imr_source_line(&src, (uint32_t)(at - src.text)) == 2 &&
		      imr_source_column(&src, (uint32_t)(at - src.text)) == 19,
		      "folded text: \"industrial\" at %u:%u, want 2:19", imr_source_line(&src, (uint32_t)(at - src.text)),
		      imr_source_column(&src, (uint32_t)(at - src.text)));
		size_t len;
		const char *l = imr_source_line_text(&src, 2, &len);
		CHECK(l && len == 35 && memcmp(l, " who sustained an industrial injury", 35) == 0,
		      "folded text: line 2 is its input line, got '%.*s'", (int)len, l ? l : "");
	}
	imr_source_free(&src);
	imr_diags_free(&diags);
	/* The same text not folded: no shape. */
	imr_diags_init(&diags);
	ok = imr_normalize(want, w, &opt, &src, &diags);
	CHECK(ok && !src.folded && strcmp(src.text, want) == 0, "unfolded text: as it is");
	imr_source_free(&src);
	imr_diags_free(&diags);
}

/* A 2013 notice's title centred in an indent and re-wrapped: its lines
 * closed up into one cell, each word keeping its line and column. */
static void test_title_closed_up(void)
{
	static const char in[] = "Dated: 10/29/2013\n\n"
	                         "          Notice of Independent\n"
	                         "          Medical Review\n"
	                         "          Determination\n\nIMR Case Number: CM13-0017734\n";
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	bool ok = imr_normalize(in, sizeof in - 1, &opt, &src, &diags);
	CHECK(ok, "title: normalized");
	if (ok) {
		imr_unwrap(&src);
		const char *t = strstr(src.text, "Notice of Independent Medical Review Determination ");
		CHECK(t != NULL, "title: one cell, got '%s'", src.text);
		const char *d = strstr(src.text, "Determination");
		CHECK(d && imr_source_line(&src, (uint32_t)(d - src.text)) == 5 &&
		      imr_source_column(&src, (uint32_t)(d - src.text)) == 11,
		      "title: \"Determination\" at %u:%u, want 5:11", d ? imr_source_line(&src, (uint32_t)(d - src.text)) : 0,
		      d ? imr_source_column(&src, (uint32_t)(d - src.text)) : 0);
		CHECK(imr_unwrapped_line(&src, (uint32_t)(d - src.text)) == 3, "title: its row starts on line 3");
	}
	imr_source_free(&src);
	imr_diags_free(&diags);
}

/* --verify must notice a word the XML lacks: convert an example, then
 * check the XML against the same text with one word changed. */
static void test_verify(void)
{
	FILE *f = fopen("examples/imr-2014-physician.txt", "rb");
	CHECK(f != NULL, "open the example");
	if (!f)
		return;
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	xmlDocPtr doc = NULL;
	CHECK(imr_convert(buf, n, &opt, NULL, &doc, NULL, &diags) == IMR_OK && doc, "convert");
	struct imr_source src;
	CHECK(imr_normalize(buf, n, &opt, &src, &diags), "normalize");
	CHECK(doc && imr_verify(&src, doc, &diags) && diags.errors == 0, "verify holds on the input");
	imr_source_free(&src);
	char *p = strstr(buf, "Decision rationale:");
	p = p ? strstr(p, " the ") : NULL;
	CHECK(p != NULL, "a word to change");
	if (p && doc) {
		memcpy(p + 1, "zzz", 3);
		unsigned line = 1;
		for (char *q = buf; q < p; q++)
			line += *q == '\n';
		CHECK(imr_normalize(buf, n, &opt, &src, &diags), "normalize");
		CHECK(!imr_verify(&src, doc, &diags), "verify notices the changed word");
		bool named = false;
		for (size_t i = 0; i < diags.count; i++)
			named |= diags.items[i].line == line &&
			         strcmp(diags.items[i].message, "verify: the word 'zzz' is missing from the XML") == 0;
		CHECK(named, "the missing word is named at its line %u", line);
		imr_source_free(&src);
	}
	xmlFreeDoc(doc);
	imr_diags_free(&diags);
}

/* The facts of a whole (small) document, from normalization to extraction. */
static bool extract_str(struct imr_arena *a, const char *text, struct imr_determination *det,
                        struct imr_diags *diags)
{
	struct imr_source src;
	if (!normalize_str(text, &src))
		return false;
	struct imr_document *doc = imr_parse(&src, a, diags);
	if (doc)
		imr_extract(a, &src, doc, det);
	imr_source_free(&src);
	return doc != NULL;
}

static const char body_2014[] = "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
                                "The expert reviewer is Board Certified in Surgery.\n"
                                "CLINICAL CASE SUMMARY\n"
                                "The patient is a 40 year old male.\n"
                                "IMR ISSUES, DECISIONS AND RATIONALES\n"
                                "Cane: Upheld\n"
                                "Claims Administrator guideline: Decision based on MTUS.\n"
                                "MAXIMUS guideline: Decision based on MTUS.\n"
                                "Decision rationale: It is not medically necessary.\n";

/* The header's fields but the treatments list (checked item by item). */
static void check_header_fields(const char *what, const struct imr_determination *det,
                                const char *const want[IMR_HEADER_LABEL_COUNT])
{
	for (int f = 0; f < IMR_HEADER_LABEL_COUNT; f++) {
		if (f == IMR_TREATMENTS)
			continue;
		const char *got = det->header_text[f];
		CHECK(want[f] ? got && strcmp(got, want[f]) == 0 : !got, "%s: %s is '%s', want '%s'", what,
		      imr_header_label_xml((enum imr_header_label)f), got ? got : "(none)",
		      want[f] ? want[f] : "(none)");
	}
}

/* A cover page in one shape: the fields it must yield. */
static void check_cover(const char *what, const char *cover, const char *const want[IMR_HEADER_LABEL_COUNT],
                        const char *const *treatments, size_t ntreatments)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_diags diags;
	imr_diags_init(&diags);
	char doc[4096];
	snprintf(doc, sizeof doc, "%s%s", cover, body_2014);
	struct imr_determination det;
	bool ok = extract_str(&a, doc, &det, &diags);
	CHECK(ok && diags.errors == 0, "%s: parses (%zu errors%s%s)", what, diags.errors,
	      diags.count ? ": " : "", diags.count ? diags.items[0].message : "");
	if (ok) {
		CHECK(det.variant == IMR_IMR_2014_COVER, "%s: variant %s", what, imr_variant_name(det.variant));
		check_header_fields(what, &det, want);
		CHECK(det.treatments.count == ntreatments, "%s: %zu treatments, want %zu", what,
		      det.treatments.count, ntreatments);
		for (size_t i = 0; i < ntreatments && i < det.treatments.count; i++)
			check_str(det.treatments.items[i], treatments[i], what);
	}
	imr_diags_free(&diags);
	imr_arena_free(&a);
}

/* How many times needle is in s. */
static size_t occurrences(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Every part of the tables (vocab.h's IMR_PARTS and IMR_ITEM_PARTS) is in
 * the AST dump, under its element's name, once: a letter's parts as
 * parsed, and a text for each part of kind TEXT no variant has yet. */
static void test_parts_in_dump(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_source src;
	struct imr_document *doc = NULL;
	if (normalize_str(body_2014, &src))
		doc = imr_parse(&src, &a, &diags);
	CHECK(doc && doc->summary && doc->issue_count == 1, "the 2014 body parses, one item");
	if (!doc || !doc->summary || doc->issue_count != 1) {
		imr_diags_free(&diags);
		imr_arena_free(&a);
		return;
	}
	struct imr_text *some = doc->summary->text;
	doc->documents = some;
	doc->has_documents = true;
	for (size_t p = 0; p < IMR_PART_COUNT; p++)
		if (imr_part_kind((enum imr_part)p) == IMR_PART_TEXT)
			imr_document_set_part(doc, (enum imr_part)p, some);
	for (size_t p = 0; p < IMR_ITEM_PART_COUNT; p++)
		if (imr_item_part_kind((enum imr_item_part)p) == IMR_PART_TEXT)
			imr_issue_set_part(doc->issues[0], (enum imr_item_part)p, some);
	char *dump = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&dump, &len);
	if (out) {
		imr_ast_dump(doc, &src, out);
		fclose(out);
	}
	CHECK(dump != NULL, "the dump");
	for (size_t p = 0; dump && p < IMR_PART_COUNT; p++) {
		char line[128];
		bool items = imr_part_kind((enum imr_part)p) == IMR_PART_ITEMS;
		snprintf(line, sizeof line, "\n  %s ", items ? "issue 1" : imr_part_xml((enum imr_part)p));
		CHECK(occurrences(dump, line) == 1, "part %s: %zu line(s) '%s' in the dump, want 1",
		      imr_part_xml((enum imr_part)p), occurrences(dump, line), line + 1);
	}
	for (size_t p = 0; dump && p < IMR_ITEM_PART_COUNT; p++) {
		char line[128];
		snprintf(line, sizeof line, "\n    %s 1 line(s) @", imr_item_part_xml((enum imr_item_part)p));
		CHECK(occurrences(dump, line) == 1, "item part %s: %zu line(s) '%s' in the dump, want 1",
		      imr_item_part_xml((enum imr_item_part)p), occurrences(dump, line), line + 1);
	}
	free(dump);
	imr_source_free(&src);
	imr_diags_free(&diags);
	imr_arena_free(&a);
}

/* --verify reads the XML's words in the letter's order: the parts in the
 * XML's order, an item whole; a professional review's in its headings'
 * order, one part of every item at a time.  And every part of the tables
 * is read, once. */
static void check_verify_order(const char *variant, const char *want)
{
	char xml[2048];
	snprintf(xml, sizeof xml,
	         "<determination variant='%s'>"
	         "<reviewer><p>qualifications</p><license state='Ohio'/></reviewer>"
	         "<documentsReviewed><document>records</document></documentsReviewed>"
	         "<caseSummary><p>history</p></caseSummary>"
	         "<issues><issue n='1' line='5'><service>lidoderm</service>"
	         "<maximusGuideline cited='true'><p>guideline1</p></maximusGuideline>"
	         "<rationale><p>rationale1</p></rationale></issue>"
	         "<issue n='2' line='9'><service>norco</service><title>norco tablets</title>"
	         "<claimsAdministratorGuideline cited='false'><p>claims2</p></claimsAdministratorGuideline>"
	         "<maximusGuideline cited='true'><p>guideline2</p></maximusGuideline>"
	         "<rationale><p>rationale2</p></rationale></issue></issues>"
	         "<unparsed line='1'>furniture</unparsed>"
	         "</determination>",
	         variant);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "order.xml", NULL, XML_PARSE_NONET);
	char *got = doc ? imr_verify_xml_words(doc) : NULL;
	CHECK(got && strcmp(got, want) == 0, "%s: --verify reads '%s', want '%s'", variant,
	      got ? got : "(null)", want);
	free(got);
	xmlFreeDoc(doc);
}

static void test_parts_in_verify(void)
{
	check_verify_order("imr-2016", "qualifications Ohio records history furniture lidoderm guideline1 "
	                               "rationale1 norco tablets claims2 guideline2 rationale2");
	check_verify_order("imr-professional-review",
	                   "furniture lidoderm norco tablets history records guideline1 guideline2 "
	                   "rationale1 rationale2 qualifications Ohio claims2");
	/* Every part and every item part, a word each (w<part>p<item part>),
	 * written by the table's names: each read once. */
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "determination", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "variant", BAD_CAST "imr-2016");
	char word[32];
	for (size_t p = 0; p < IMR_PART_COUNT; p++) {
		xmlNodePtr part = xmlNewChild(root, NULL, BAD_CAST imr_part_xml((enum imr_part)p), NULL);
		if (imr_part_kind((enum imr_part)p) != IMR_PART_ITEMS) {
			snprintf(word, sizeof word, "w%zu", p);
			xmlNewTextChild(part, NULL, BAD_CAST "p", BAD_CAST word);
			continue;
		}
		xmlNodePtr issue = xmlNewChild(part, NULL, BAD_CAST "issue", NULL);
		for (size_t k = 0; k < IMR_ITEM_PART_COUNT; k++) {
			snprintf(word, sizeof word, "w%zup%zu", p, k);
			xmlNodePtr ip = xmlNewChild(issue, NULL, BAD_CAST imr_item_part_xml((enum imr_item_part)k), NULL);
			xmlNewTextChild(ip, NULL, BAD_CAST "p", BAD_CAST word);
		}
	}
	char *got = imr_verify_xml_words(doc);
	CHECK(got != NULL, "the words of every part");
	for (size_t p = 0; got && p < IMR_PART_COUNT; p++) {
		bool items = imr_part_kind((enum imr_part)p) == IMR_PART_ITEMS;
		for (size_t k = 0; k < (items ? IMR_ITEM_PART_COUNT : 1); k++) {
			if (items)
				snprintf(word, sizeof word, " w%zup%zu ", p, k);
			else
				snprintf(word, sizeof word, " w%zu ", p);
			char padded[4096];
			snprintf(padded, sizeof padded, " %s ", got);
			CHECK(occurrences(padded, word) == 1, "--verify reads %s%s%s %zu time(s), want 1",
			      imr_part_xml((enum imr_part)p), items ? "/" : "",
			      items ? imr_item_part_xml((enum imr_item_part)k) : "", occurrences(padded, word));
		}
	}
	free(got);
	xmlFreeDoc(doc);
}

/* The cover page in every shape text extractors give it. */
static void test_cover(void)
{
	const char *want[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM14-0099001", [IMR_DATE_ASSIGNED] = "05/12/2014",
		[IMR_DECISION_DATE] = "07/08/2014", [IMR_PRIORITY] = "Standard",
		[IMR_DATE_OF_INJURY] = "02/28/2003", [IMR_UR_DENIAL_DATE] = "04/25/2014",
		[IMR_APPLICATION_RECEIVED] = "05/08/2014",
	};
	static const char *const two[] = {"NORCO 10/325MG #90", "MRI OF THE LEFT KNEE"};
	check_cover("labels, then values",
	            "Case Number:\nDate Assigned:\nDate of Injury:\nDecision Date:\nUR Denial Date:\n"
	            "Priority:\nApplication Received:\nEmployee Name:\nClaim Number:\nProvider Name:\n"
	            "Treatment(s) in Dispute Listed on IMR Application:\n\n"
	            "CM14-0099001\n05/12/2014\n02/28/2003\n07/08/2014\n04/25/2014\nStandard\n05/08/2014\n"
	            "NORCO 10/325MG #90, MRI OF THE\nLEFT KNEE\n\n",
	            want, two, 2);
	check_cover("label: value, two columns",
	            "Case Number:          CM14-0099001     Date Assigned:      05/12/2014\n"
	            "Date of Injury:       02/28/2003       Decision Date:      07/08/2014\n"
	            "UR Denial Date:       04/25/2014       Priority:           Standard\n"
	            "Application Received: 05/08/2014\n"
	            "Employee Name:                         Claim Number:\n"
	            "Provider Name:\n"
	            "Treatment(s) in Dispute Listed on IMR Application: NORCO 10/325MG #90, MRI OF THE\n"
	            "                                                    LEFT KNEE\n",
	            want, two, 2);
	check_cover("label line, value line, blank lines",
	            "Case Number:\nCM14-0099001\n\nDate Assigned:\n05/12/2014\nDate of Injury:\n02/28/2003\n\n"
	            "Decision Date:\n07/08/2014\nUR Denial Date:\n04/25/2014\n\nPriority:\nStandard\n"
	            "Application Received:\n05/08/2014\n\nEmployee Name:\n\nClaim Number:\n\n"
	            "Provider Name:\n\nTreatment(s) in Dispute Listed on IMR Application:\n"
	            "NORCO 10/325MG #90\nMRI OF THE LEFT KNEE\n\n",
	            want, two, 2);
	want[IMR_PROVIDER_NAME] = "Valley Orthopedic Group";
	want[IMR_CLAIM_NUMBER] = "WC1487220";
	check_cover("narrow cells, rows in another order",
	            "Employee Name:\nProvider Name: Valley Orthopedic Group\nCase Number: CM14-0099001\n"
	            "Treatment(s) in\nDispute Listed on\nIMR Application:\nNORCO 10/325MG #90\n"
	            "MRI OF THE LEFT KNEE\nUR Denial\nDate:\n04/25/2014\nApplication\nReceived:\n05/08/2014\n"
	            "Date Assigned: 05/12/2014\nDecision\nDate:\n07/08/2014\nDate of Injury: 02/28/2003\n"
	            "Claim Number: WC1487220\nPriority: Standard\n",
	            want, two, 2);
}

/* A header table in one shape (imr-2016): the fields it must yield, and
 * the warnings (codes, in order, "" for none) its pairing must give; the
 * last warning's message too when message is not NULL. */
static void check_table_said(const char *what, const char *table, const char *const want[IMR_HEADER_LABEL_COUNT],
                             const char *warnings, enum imr_variant variant, const char *message)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_diags diags;
	imr_diags_init(&diags);
	char text[4096];
	snprintf(text, sizeof text, "%s%s", table, body_2014);
	struct imr_source src;
	CHECK(normalize_str(text, &src), "%s: normalize", what);
	struct imr_document *doc = imr_parse(&src, &a, &diags);
	CHECK(doc && diags.errors == 0, "%s: parses (%zu errors%s%s)", what, diags.errors,
	      diags.count ? ": " : "", diags.count ? diags.items[0].message : "");
	if (doc) {
		struct imr_determination det;
		imr_extract(&a, &src, doc, &det);
		imr_check(&a, &src, doc, &det, &diags);
		CHECK(det.variant == variant, "%s: variant %s", what, imr_variant_name(det.variant));
		check_header_fields(what, &det, want);
		char codes[256] = "";
		for (size_t i = 0; i < det.warning_count; i++)
			snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s", i ? " " : "",
			         imr_warning_name(det.warnings[i].code));
		CHECK(strcmp(codes, warnings) == 0, "%s: warnings '%s', want '%s'", what, codes, warnings);
		const char *said = det.warning_count ? det.warnings[det.warning_count - 1].message : "";
		CHECK(!message || strcmp(said, message) == 0, "%s: message '%s', want '%s'", what, said,
		      message ? message : "");
	}
	imr_source_free(&src);
	imr_diags_free(&diags);
	imr_arena_free(&a);
}

static void check_table(const char *what, const char *table, const char *const want[IMR_HEADER_LABEL_COUNT],
                        const char *warnings, enum imr_variant variant)
{
	check_table_said(what, table, want, warnings, variant, NULL);
}

/* The header assigned by its labels' words and its values' types:
 * adjacency first, then type, then the order of a determination's dates. */
static void test_header_assignment(void)
{
	const char *want[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_DECISION_DATE] = "01/23/2017", [IMR_PRIORITY] = "Standard",
		[IMR_DATE_OF_INJURY] = "10/13/2016", [IMR_UR_DENIAL_DATE] = "11/17/2016",
		[IMR_APPLICATION_RECEIVED] = "12/16/2016",
	};
	check_table("rows, single spaces, labels run into values (PDFBox, pdftotext -raw)",
	            "Case Number: CM16-0243517\nDate Assigned: 12/22/2016 Date of Injury: 10/13/2016\n"
	            "Decision Date: 01/23/2017 UR Denial Date: 11/17/2016\nPriority: Standard Application\n"
	            "Received:\n12/16/2016\n",
	            want, "", IMR_IMR_2016);
	check_table("rows sorted by position: a value before its label's last piece (PDFBox -sort)",
	            "Case Number: CM16-0243517\nDate Assigned: 12/22/2016 Date of Injury: 10/13/2016\n"
	            "Decision Date: 01/23/2017 UR Denial Date: 11/17/2016\n"
	            "Priority: Standard Application 12/16/2016\nReceived:\n",
	            want, "", IMR_IMR_2016);
	check_table("column by column, a value before its label",
	            "Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\nCM16-0243517\n12/22/2016\n"
	            "01/23/2017\nStandard\n\n10/13/2016\nDate of Injury:\nUR Denial Date:   11/17/2016\n"
	            "Application\nReceived:\n12/16/2016\n",
	            want, "", IMR_IMR_2016);
	check_table("two rows of a column before their labels, in blocks",
	            "Case Number:\nDate Assigned:\n\nCM16-0243517\n12/22/2016\n01/23/2017\nStandard\n"
	            "Decision Date:\nPriority:\nDate of Injury:\nUR Denial Date:\nApplication Received:\n"
	            "10/13/2016\n11/17/2016\n12/16/2016\n",
	            want, "", IMR_IMR_2016);
	/* PyMuPDF sorting by position: the application's date a row early,
	 * after the UR denial's, and "Priority:" between it and its label. */
	check_table("a column out of step by more than a row (PyMuPDF, sort=True)",
	            "Case Number:\nCM16-0243517\nDate Assigned:\n12/22/2016\nDate of Injury:\n10/13/2016\n"
	            "Decision Date:\n01/23/2017\nUR Denial Date:\n11/17/2016\n12/16/2016\nPriority:\n"
	            "Standard\nApplication\nReceived:\n",
	            want, "", IMR_IMR_2016);
	check_table("labels found anywhere on a line, three to a line",
	            "Case Number: CM16-0243517 Date Assigned: 12/22/2016 Decision Date: 01/23/2017\n"
	            "Priority: Standard Date of Injury: 10/13/2016 UR Denial Date: 11/17/2016\n"
	            "Application Received: 12/16/2016\n",
	            want, "", IMR_IMR_2016);
	/* A viewer's copy: each paragraph's lines joined, the labels run
	 * together and then their values, one cell of typed values. */
	check_table("labels run together, then their values (a paragraph's lines joined)",
	            "Case Number: Date Assigned: Decision Date: Priority: CM16-0243517 12/22/2016 "
	            "01/23/2017 Standard Date of Injury: UR Denial Date: Application Received: 10/13/2016 "
	            "11/17/2016 12/16/2016\n",
	            want, "", IMR_IMR_2016);
	check_table("labels on one line, their values on the next",
	            "Case Number: Date Assigned: Decision Date: Priority:\nCM16-0243517 12/22/2016 01/23/2017 "
	            "Standard\nDate of Injury: UR Denial Date: Application Received:\n10/13/2016 11/17/2016 "
	            "12/16/2016\n",
	            want, "", IMR_IMR_2016);
	check_table("-layout's rows joined: a value before its label's last piece, in one cell",
	            "Case Number:    CM16-0243517 Date Assigned:   12/22/2016            Date of Injury:  10/13/2016 "
	            "Decision Date:   01/23/2017            UR Denial Date:  11/17/2016 Priority:        Standard"
	            "              Application      12/16/2016 Received:\n",
	            want, "", IMR_IMR_2016);
	/* The date before "Application Received:" and "Date of Injury:" cannot
	 * be the application's (the UR denial, 11/17/2016, is later): by the
	 * order of the dates it is the injury's, and the XML says so. */
	const char *redacted[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_DECISION_DATE] = "01/23/2017", [IMR_PRIORITY] = "Standard",
		[IMR_DATE_OF_INJURY] = "10/13/2016", [IMR_UR_DENIAL_DATE] = "11/17/2016",
	};
	check_table("a date placed by the order of the dates",
	            "Case Number:     CM16-0243517\nDate Assigned:   12/22/2016\nDecision Date:   01/23/2017\n"
	            "Priority:        Standard\n10/13/2016\nApplication Received:\nDate of Injury:\n"
	            "UR Denial Date:  11/17/2016\n",
	            redacted, "header-date-order", IMR_IMR_2016);
	/* A contradiction: the only label after the date is the decision's,
	 * earlier than the assignment.  Its place decides, and the dates' order
	 * is said to be broken (and the table's three other labels missing). */
	const char *contradiction[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_DECISION_DATE] = "10/13/2016", [IMR_PRIORITY] = "Standard",
	};
	check_table("a date out of order wherever it goes",
	            "Case Number:     CM16-0243517\nDate Assigned:   12/22/2016\nPriority:        Standard\n"
	            "10/13/2016\nDecision Date:\n",
	            contradiction, "header-labels-missing dates-out-of-order", IMR_IMR_2016);
	/* A value no label can take: kept out of the fields, said (the
	 * table's four other labels too). */
	const char *unplaced[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_PRIORITY] = "Standard",
	};
	check_table("a value no label can take",
	            "Case Number:     CM16-0243517\nDate Assigned:   12/22/2016\nPriority:        Standard\n"
	            "Expedited\n",
	            unplaced, "header-value-unplaced header-labels-missing", IMR_IMR_2016);
	/* OCR that read the table as one block (tesseract --psm 6): a rule
	 * and the cell's edge as "[|" before the label, the other labels lost
	 * (only "Received:", a piece of one, left).  The case number is read;
	 * the fields of the labels lost are absent, and said. */
	const char *lost[IMR_HEADER_LABEL_COUNT] = {[IMR_CASE_NUMBER] = "CM16-0243517"};
	check_table_said("OCR lost the labels but the case number's",
	                 "Federal Services |\n[|CaseNumber: | CM16-0243517 |\nReceived:\n", lost,
	                 "header-labels-missing", IMR_IMR_2016,
	                 "header: no Date Assigned:, Decision Date:, Priority:, Date of Injury:, UR Denial "
	                 "Date:, Application Received: (every imr-2016 letter has them; lost to OCR?): "
	                 "their fields are not read");
	/* A label standing empty is redacted, not lost: no warning. */
	const char *no_priority[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_DECISION_DATE] = "01/23/2017", [IMR_DATE_OF_INJURY] = "10/13/2016",
		[IMR_UR_DENIAL_DATE] = "11/17/2016", [IMR_APPLICATION_RECEIVED] = "12/16/2016",
	};
	check_table("a label standing empty is not missing",
	            "Case Number: CM16-0243517\nDate Assigned: 12/22/2016\nDecision Date: 01/23/2017\n"
	            "Priority:\nDate of Injury: 10/13/2016\nUR Denial Date: 11/17/2016\n"
	            "Application Received: 12/16/2016\n",
	            no_priority, "", IMR_IMR_2016);
	/* The case number's and the decision date's labels lost to OCR, the
	 * case number with a rule's residue after it ("PO"): the case number
	 * by its form, the lone date by the dates' order (after the
	 * assignment: the decision's, the only date field left), each said. */
	check_table_said("OCR lost two labels: the values by their form and the dates' order",
	                 "Federal Services\nCM16-0243517 PO\nDate Assigned: 12/22/2016 Date of Injury: 10/13/2016\n"
	                 "01/23/2017 UR Denial Date: | 11/17/2016\nPriority: Standard Application 12/16/2016\n"
	                 "Received:\n",
	                 want, "header-date-order header-value-by-type", IMR_IMR_2016,
	                 "header: CM16-0243517 PO taken as the caseNumber by its form, its label not found");
	/* Two date fields lost and one lone date that fits either: it stays
	 * unplaced, and both fields are said lost. */
	const char *two_lost[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_PRIORITY] = "Standard",
		[IMR_DATE_OF_INJURY] = "10/13/2016", [IMR_UR_DENIAL_DATE] = "11/17/2016",
		[IMR_APPLICATION_RECEIVED] = "12/16/2016",
	};
	check_table_said("a lone date two lost fields could take",
	                 "Case Number: CM16-0243517 Date of Injury: 10/13/2016\n"
	                 "01/23/2017 UR Denial Date: | 11/17/2016\nPriority: Standard Application 12/16/2016\n"
	                 "Received:\n",
	                 two_lost, "header-value-unplaced header-labels-missing", IMR_IMR_2016,
	                 "header: no Date Assigned:, Decision Date: (every imr-2016 letter has them; lost to "
	                 "OCR?): their fields are not read");
	/* Labels standing empty (redacted), one unknown to the table: a cover
	 * page (it has names). */
	const char *names[IMR_HEADER_LABEL_COUNT] = {
		[IMR_CASE_NUMBER] = "CM16-0243517", [IMR_DATE_ASSIGNED] = "12/22/2016",
		[IMR_CLAIM_NUMBER] = "WC16-88120",
	};
	check_table("redacted labels stand empty",
	            "Case Number: CM16-0243517\nEmployee:\nDate Assigned: 12/22/2016\n"
	            "Requesting Physician:\nProvider:          Claim Number: WC16-88120\n",
	            names, "", IMR_IMR_2014_COVER);
}

/* The 2013 notice's numbered lists and the reviewer's certifications. */
static void test_notice_pieces(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_list_decision e;
	imr_read_list_entry(&a, "MAXIMUS Federal Services, Inc. has determined the request for Norco "
	                        "10/325mg #120 is not medically necessary and appropriate.", 1, &e);
	CHECK(e.decided && e.decision == IMR_UPHELD && e.n == 1, "not medically necessary: upheld");
	check_str(e.service, "Norco 10/325mg #120", "list entry service");
	imr_read_list_entry(&a, "MAXIMUS Federal Services, Inc. has determined the request for TENS "
	                        "unit is notmedically necessary and appropriate.", 2, &e);
	CHECK(e.decided && e.decision == IMR_UPHELD, "glued notmedically: upheld");
	check_str(e.service, "TENS unit", "glued entry service");
	imr_read_list_entry(&a, "MAXIMUS Federal Services, Inc. has determined the request for a "
	                        "lumbar MRI is medically necessary and appropriate.", 3, &e);
	CHECK(e.decided && e.decision == IMR_OVERTURNED, "medically necessary: overturned");
	check_str(e.service, "a lumbar MRI", "overturned entry service");
	imr_read_list_entry(&a, "MAXIMUS Federal Services, Inc. has determined the request for x is", 4, &e);
	CHECK(!e.decided, "no statement: undecided");

	struct imr_strings c = {0};
	imr_split_specialties(&a, "Internal Medicine, Occupational Medicine", &c);
	CHECK(c.count == 2, "two certifications by comma: %zu", c.count);
	struct imr_strings d = {0};
	imr_split_specialties(&a, "Anesthesiology and Pain Medicine", &d);
	CHECK(d.count == 2 && strcmp(d.items[1], "Pain Medicine") == 0, "two by 'and'");
	struct imr_strings f = {0};
	imr_split_specialties(&a, "Physical Medicine and Rehabilitation", &f);
	CHECK(f.count == 1, "a board's own 'and' is kept: %zu", f.count);
	struct imr_strings g = {0};
	imr_split_specialties(&a, "Internal Medicine and Physical Medicine and Rehabilitation", &g);
	CHECK(g.count == 2 && strcmp(g.items[1], "Physical Medicine and Rehabilitation") == 0,
	      "a plain and a compound: %zu", g.count);

	struct imr_strings t = {0};
	static const char *const by_line[] = {"NORCO 10/325MG", "#90", "SOMA 350MG #60", "1) MRI OF THE",
	                                      "LUMBAR SPINE"};
	imr_split_treatments(&a, by_line, 5, &t);
	CHECK(t.count == 3, "treatments by line: %zu", t.count);
	if (t.count == 3) {
		check_str(t.items[0], "NORCO 10/325MG #90", "wrapped at '#'");
		check_str(t.items[2], "MRI OF THE LUMBAR SPINE", "wrapped after 'THE', numbering gone");
	}
	imr_arena_free(&a);
}

/* A 2013 notice whose lines are joined (a viewer's copy): the header rows
 * run into the greeting and the numbered decisions, the decision part's
 * entries, labels and item sections mid-line; each read as its own line. */
static void test_joined_notice(void)
{
	check_kinds("a notice joined",
	            "Notice of Independent Medical Review Determination Dated: 10/29/2013 IMR Case "
	            "Number: CM13-0017734 Employee Name: Dear : Thank you. 1) MAXIMUS Federal "
	            "Services, Inc. has determined the request for a cane is not medically necessary "
	            "and appropriate. 2) MAXIMUS Federal Services, Inc. has determined the request "
	            "for q.i.d. Norco is medically necessary and appropriate. This is final.\n"
	            "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE A decision was made: 1) MAXIMUS "
	            "Federal Services, Inc. has determined the request for a cane is not medically "
	            "necessary and appropriate. Case Summary: The patient. 1) Regarding the request "
	            "for a cane: Rationale Used by the Expert Reviewer: Not necessary.\n",
	            false,
	            (const int[]){TOK_NOTICE_TITLE, TOK_HEADER_LABEL, TOK_HEADER_VALUE, TOK_HEADER_LABEL,
	                          TOK_HEADER_VALUE, TOK_HEADER_LABEL, TOK_TEXT, TOK_DECISION_ENTRY,
	                          TOK_DECISION_ENTRY, TOK_TEXT, TOK_NOTICE_DECISION_HEADING, TOK_TEXT,
	                          TOK_DECISION_ENTRY, TOK_NOTICE_SUMMARY, TOK_ITEM_SECTION, TOK_RATIONALE,
	                          TOK_YYEOF},
	            17);
	/* A claim number ends a row of values run together. */
	CHECK(imr_header_typed_run("11/25/2013 1103-07729", 21) == 10, "a date before a claim number");
	CHECK(imr_header_typed_run("1103-07729 11/25/2013", 21) == 10, "a claim number before a date");
	CHECK(imr_header_typed_run("11/25/2013 12 sessions", 22) == 22, "a date before a treatment");
	/* Page furniture a joined line holds goes, its columns kept. */
	struct imr_source src;
	CHECK(normalize_str("Text one. \fPage 2 of 4 Text two.\nPage 3 of 4 More.\n"
	                    "CM13-0052664 in any event\nCM13-0052664 11/19/2013\n", &src), "normalize");
	check_str(src.text, "Text one.              Text two.\n            More.\n"
	                    "             in any event\nCM13-0052664 11/19/2013\n", "furniture mid-line");
	imr_source_free(&src);
}

/* The scanner's classification of the new generations' lines. */
static void test_lexer_generations(void)
{
	check_kinds("professional review: wrapped headings, a heading with text after it",
	            "MEDICAL PROFESSIONAL REVIEW\n"
	            "ISSUE AT DISPUTE:\n"
	            "Cane: Upheld\n"
	            "CASE SUMMARY: A 40 year old.\n"
	            "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\n"
	            "\n"
	            "REVIEWER AND WHY: MTUS.\n"
	            "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT\n"
	            "MEDICALLY NECESSARY:\n"
	            "Not necessary.\n",
	            false,
	            (const int[]){TOK_PROFESSIONAL_REVIEW_HEADING, TOK_ISSUE_AT_DISPUTE_HEADING,
	                          TOK_ITEM_LINE, TOK_PR_SUMMARY_HEADING, TOK_TEXT,
	                          TOK_PR_GUIDELINES_HEADING, TOK_TEXT, TOK_PR_RATIONALE_HEADING, TOK_TEXT,
	                          TOK_YYEOF},
	            10);
	check_kinds("2013 notice: letter rows, numbered decisions, item sections",
	            "MAXIMUS FEDERAL SERVICES, INC.\n"
	            "P.O. Box 1\n"
	            "Notice of Independent Medical Review Determination\n"
	            "Dated: 9/26/2013\n"
	            "IMR Case Number: CM13-0000001     Date of Injury: 3/14/2011\n"
	            "Dear :\n"
	            "1) MAXIMUS Federal Services, Inc. has determined the request for X is not\n"
	            "medically necessary and appropriate.\n"
	            "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n"
	            "Medical Qualifications of the Expert Reviewer:\n"
	            "Case Summary: He hurt his back.\n"
	            "1) Regarding the request for X two times a\n"
	            "week:\n"
	            "Rationale Used by the Expert Reviewer: No.\n",
	            true,
	            (const int[]){TOK_LETTERHEAD, TOK_HEADER_VALUE, TOK_NOTICE_TITLE, TOK_HEADER_LABEL,
	                          TOK_HEADER_VALUE, TOK_HEADER_LABEL, TOK_HEADER_VALUE, TOK_HEADER_LABEL,
	                          TOK_HEADER_VALUE, TOK_TEXT, TOK_DECISION_ENTRY, TOK_DECISION_TEXT,
	                          TOK_NOTICE_DECISION_HEADING, TOK_QUALIFICATIONS, TOK_NOTICE_SUMMARY,
	                          TOK_ITEM_SECTION, TOK_TITLE_TEXT, TOK_RATIONALE, TOK_YYEOF},
	            19);
	check_kinds("cover cells: label and value in one cell, wrapped pieces",
	            "Case Number: CM14-0000001\n"
	            "Treatment(s) in\n"
	            "Dispute Listed on\n"
	            "IMR Application: MRI\n"
	            "HOW THE IMR FINAL DETERMINATION WAS MADE\n",
	            false,
	            (const int[]){TOK_HEADER_LABEL, TOK_HEADER_VALUE, TOK_HEADER_LABEL, TOK_LABEL_TAIL,
	                          TOK_LABEL_TAIL, TOK_HEADER_VALUE, TOK_HOW_MADE_HEADING, TOK_YYEOF},
	            8);
}

/* ---- the XML writer ---------------------------------------------------- */

/* A document as a list of writer calls: S(tart) name, A(ttribute) name
 * value, T(ext) text, E(nd).  The first S declares the namespace. */
struct op {
	char kind;
	const char *a, *b;
};

static void write_ops(struct imr_xml_writer *w, const struct op *ops)
{
	for (const struct op *o = ops; o->kind; o++) {
		switch (o->kind) {
		case 'S':
			if (o == ops)
				imr_xml_start_ns(w, o->a, IMR2XML_NAMESPACE);
			else
				imr_xml_start(w, o->a);
			break;
		case 'A':
			imr_xml_attr(w, o->a, o->b);
			break;
		case 'T':
			imr_xml_text(w, o->a);
			break;
		case 'E':
			imr_xml_end(w);
			break;
		}
	}
}

/* The writer's bytes, or NULL (status in *st). */
static char *writer_bytes(const struct op *ops, size_t hint, enum imr_status *st, struct imr_diags *d)
{
	struct imr_xml_writer w;
	struct imr_buffer out;
	if (!imr_xml_begin(&w, NULL, d, hint)) {
		imr_xml_abandon(&w);
		*st = IMR_USAGE;
		return NULL;
	}
	write_ops(&w, ops);
	*st = imr_xml_finish(&w, &out, d);
	return out.data;
}

/* The same document as a libxml2 tree, serialized as imr2xml used to
 * serialize its trees: the writer must give the same bytes. */
static char *tree_bytes(const struct op *ops)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNsPtr ns = NULL;
	xmlNodePtr cur = NULL;
	for (const struct op *o = ops; o->kind; o++) {
		const xmlChar *a = (const xmlChar *)o->a, *b = (const xmlChar *)o->b;
		switch (o->kind) {
		case 'S':
			if (!cur) {
				cur = xmlNewDocNode(doc, NULL, a, NULL);
				xmlDocSetRootElement(doc, cur);
				ns = xmlNewNs(cur, (const xmlChar *)IMR2XML_NAMESPACE, NULL);
				xmlSetNs(cur, ns);
			} else {
				cur = xmlNewChild(cur, ns, a, NULL);
			}
			break;
		case 'A':
			xmlNewProp(cur, a, b);
			break;
		case 'T':
			if (a)
				xmlAddChild(cur, xmlNewDocText(doc, a));
			break;
		case 'E':
			cur = cur->parent;
			break;
		}
	}
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT);
	xmlSaveDoc(save, doc);
	xmlSaveClose(save);
	char *s = strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	return s;
}

static void check_like_tree(const char *what, const struct op *ops, size_t hint)
{
	struct imr_diags d;
	imr_diags_init(&d);
	enum imr_status st;
	char *got = writer_bytes(ops, hint, &st, &d);
	char *want = tree_bytes(ops);
	CHECK(st == IMR_OK && got, "%s: status %d", what, (int)st);
	if (got && want && strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] == want[i])
			i++;
		CHECK(0, "%s: differs from libxml2's at byte %zu:\n  got  ...%.60s\n  want ...%.60s", what, i,
		      got + (i > 20 ? i - 20 : 0), want + (i > 20 ? i - 20 : 0));
	} else {
		CHECK(got && want, "%s: both serialized", what);
	}
	free(got);
	free(want);
	imr_diags_free(&d);
}

static void check_writes(const char *what, const struct op *ops, const char *want)
{
	struct imr_diags d;
	imr_diags_init(&d);
	enum imr_status st;
	char *got = writer_bytes(ops, 0, &st, &d);
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	CHECK(got && strncmp(got, decl, sizeof decl - 1) == 0 && strcmp(got + sizeof decl - 1, want) == 0,
	      "%s:\n  got  %s\n  want %s", what, got ? got + sizeof decl - 1 : "(null)", want);
	free(got);
	imr_diags_free(&d);
}

static void test_writer_escaping(void)
{
	static const struct op attrs[] = {
		{'S', "r", NULL}, {'A', "a", "<&>\"'\n\r\t"}, {'A', "b", "plain"}, {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("attribute escaping", attrs,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\" a=\"&lt;&amp;&gt;&quot;'&#10;&#13;&#9;\" b=\"plain\"/>\n");
	static const struct op text[] = {{'S', "r", NULL}, {'S', "p", NULL}, {'T', "a & b < c > d \" e ' f\ng\rh\ti", NULL},
	                                 {'E', NULL, NULL}, {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("text escaping", text,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\">\n  <p>a &amp; b &lt; c &gt; d \" e ' f\ng&#13;h\ti</p>\n</r>\n");
	static const struct op utf8[] = {{'S', "r", NULL}, {'A', "s", "Bogot\xc3\xa1 \xe4\xb8\xad \xf0\x9f\x98\x80"},
	                                 {'S', "p", NULL}, {'T', "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80", NULL},
	                                 {'E', NULL, NULL}, {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("UTF-8 as it is", utf8,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\" s=\"Bogot\xc3\xa1 \xe4\xb8\xad \xf0\x9f\x98\x80\">\n"
	             "  <p>caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80</p>\n</r>\n");
	check_like_tree("attribute escaping, as libxml2", attrs, 0);
	check_like_tree("text escaping, as libxml2", text, 0);
	check_like_tree("UTF-8, as libxml2", utf8, 0);
	/* Every escape at the ends, doubled, and alone. */
	static const struct op ends[] = {{'S', "r", NULL}, {'A', "a", "&"}, {'A', "b", "\"\"x<<"}, {'A', "c", ""},
	                                 {'S', "p", NULL}, {'T', "&&", NULL}, {'E', NULL, NULL},
	                                 {'S', "p", NULL}, {'T', ">x\r", NULL}, {'E', NULL, NULL},
	                                 {'E', NULL, NULL}, {0, NULL, NULL}};
	check_like_tree("escapes at the ends, as libxml2", ends, 0);
}

static void test_writer_layout(void)
{
	static const struct op empty[] = {{'S', "r", NULL}, {'S', "e", NULL}, {'E', NULL, NULL},
	                                  {'S', "e", NULL}, {'A', "n", "1"}, {'E', NULL, NULL},
	                                  {'S', "t", NULL}, {'T', "", NULL}, {'E', NULL, NULL},
	                                  {'S', "u", NULL}, {'T', NULL, NULL}, {'E', NULL, NULL},
	                                  {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("empty elements and empty text", empty,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\">\n  <e/>\n  <e n=\"1\"/>\n  <t></t>\n  <u/>\n</r>\n");
	check_like_tree("empty elements and empty text, as libxml2", empty, 0);
	static const struct op nest[] = {{'S', "r", NULL}, {'S', "a", NULL}, {'S', "b", NULL}, {'S', "c", NULL},
	                                 {'T', "x", NULL}, {'E', NULL, NULL}, {'S', "c", NULL}, {'E', NULL, NULL},
	                                 {'E', NULL, NULL}, {'E', NULL, NULL}, {'S', "a", NULL}, {'E', NULL, NULL},
	                                 {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("nesting", nest,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\">\n  <a>\n    <b>\n      <c>x</c>\n      <c/>\n"
	             "    </b>\n  </a>\n  <a/>\n</r>\n");
	check_like_tree("nesting, as libxml2", nest, 0);
	/* Text first, then elements: libxml2 lays the whole element out inline. */
	static const struct op mixed[] = {{'S', "r", NULL}, {'S', "m", NULL}, {'A', "k", "v"}, {'T', "head ", NULL},
	                                  {'S', "i", NULL}, {'S', "j", NULL}, {'E', NULL, NULL}, {'T', "in", NULL},
	                                  {'E', NULL, NULL}, {'T', " tail", NULL}, {'E', NULL, NULL},
	                                  {'S', "after", NULL}, {'E', NULL, NULL}, {'E', NULL, NULL}, {0, NULL, NULL}};
	check_writes("text then elements, inline", mixed,
	             "<r xmlns=\"" IMR2XML_NAMESPACE "\">\n  <m k=\"v\">head <i><j/>in</i> tail</m>\n  <after/>\n</r>\n");
	check_like_tree("text then elements, as libxml2", mixed, 0);
	/* Deeper than libxml2 indents (30 levels), and the stack's growth. */
	struct op deep[2 * 40 + 4];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		deep[n++] = (struct op){'S', i % 2 ? "o" : "e", NULL};
	deep[n++] = (struct op){'T', "deep", NULL};
	for (int i = 0; i < 40; i++)
		deep[n++] = (struct op){'E', NULL, NULL};
	deep[n] = (struct op){0, NULL, NULL};
	check_like_tree("40 levels deep, as libxml2", deep, 0);
	/* NULL: an absent optional attribute or element. */
	struct imr_diags d;
	imr_diags_init(&d);
	struct imr_xml_writer w;
	struct imr_buffer out;
	CHECK(imr_xml_begin(&w, NULL, &d, 0), "begin");
	imr_xml_start_ns(&w, "r", IMR2XML_NAMESPACE);
	imr_xml_attr(&w, "a", NULL);
	imr_xml_attr_int(&w, "n", -12);
	imr_xml_element(&w, "e", NULL);
	imr_xml_element(&w, "f", "");
	imr_xml_end(&w);
	CHECK(imr_xml_finish(&w, &out, &d) == IMR_OK && out.data &&
	              strcmp(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r xmlns=\"" IMR2XML_NAMESPACE
	                               "\" n=\"-12\">\n  <f></f>\n</r>\n") == 0,
	      "NULL attribute and element: %s", out.data ? out.data : "(null)");
	imr_buffer_free(&out);
	imr_diags_free(&d);
}

static void test_writer_growth(void)
{
	/* 300 KB of text full of escapes, from a buffer of nothing. */
	size_t n = 300000;
	char *big = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = "ab&c<d>e\"f\rg"[i % 13];
	big[n] = '\0';
	struct op ops[64];
	size_t k = 0;
	ops[k++] = (struct op){'S', "r", NULL};
	for (int i = 0; i < 20; i++) /* more attributes than the first allocation holds */
		ops[k++] = (struct op){'A', (const char *[]){"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9",
		                                             "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"}[i],
		                       big + n - 50 - (size_t)i};
	ops[k++] = (struct op){'S', "p", NULL};
	ops[k++] = (struct op){'T', big, NULL};
	ops[k++] = (struct op){'E', NULL, NULL};
	ops[k++] = (struct op){'E', NULL, NULL};
	ops[k] = (struct op){0, NULL, NULL};
	check_like_tree("300 KB from an empty buffer, as libxml2", ops, 0);
	check_like_tree("300 KB from a small buffer, as libxml2", ops, 100);
	free(big);
}

static void check_misuse(const char *what, const struct op *ops)
{
	struct imr_diags d;
	imr_diags_init(&d);
	enum imr_status st;
	char *got = writer_bytes(ops, 0, &st, &d);
	CHECK(st == IMR_USAGE && !got && d.errors == 1 &&
	              strcmp(d.items[0].message, "internal error: the XML writer was misused") == 0,
	      "%s: status %d", what, (int)st);
	free(got);
	imr_diags_free(&d);
}

static void test_writer_misuse(void)
{
	check_misuse("text after a laid-out child",
	             (const struct op[]){{'S', "r", NULL}, {'S', "a", NULL}, {'E', NULL, NULL}, {'T', "x", NULL},
	                                 {'E', NULL, NULL}, {0, NULL, NULL}});
	check_misuse("an attribute after content",
	             (const struct op[]){{'S', "r", NULL}, {'T', "x", NULL}, {'A', "a", "1"}, {'E', NULL, NULL},
	                                 {0, NULL, NULL}});
	check_misuse("an element left open", (const struct op[]){{'S', "r", NULL}, {'S', "a", NULL}, {'E', NULL, NULL},
	                                                         {0, NULL, NULL}});
	check_misuse("one end too many", (const struct op[]){{'S', "r", NULL}, {'E', NULL, NULL}, {'E', NULL, NULL},
	                                                     {0, NULL, NULL}});
	check_misuse("two roots", (const struct op[]){{'S', "r", NULL}, {'E', NULL, NULL}, {'S', "r", NULL},
	                                              {'E', NULL, NULL}, {0, NULL, NULL}});
	check_misuse("no root", (const struct op[]){{0, NULL, NULL}});
}

/* A small determination the schema accepts. */
static void minimal(struct imr_determination *d, struct imr_issue_facts *issue, const char **p)
{
	memset(d, 0, sizeof *d);
	d->variant = IMR_IMR_2014;
	d->complete = true;
	d->has_reviewer = d->has_summary = true;
	d->age = -1;
	d->reviewer_text = (struct imr_strings){p, 1, 1, NULL};
	d->summary_text = (struct imr_strings){p, 1, 1, NULL};
	memset(issue, 0, sizeof *issue);
	issue->line = 7;
	issue->complete = true;
	issue->service = "Baclofen 10mg #90";
	issue->title = issue->service;
	issue->rationale = (struct imr_strings){p, 1, 1, NULL};
	d->issues = issue;
	d->issue_count = 1;
}

static enum imr_status write_validated(struct imr_validator *v, const struct imr_determination *d,
                                       struct imr_buffer *out, struct imr_diags *diags)
{
	struct imr_xml_writer w;
	if (!imr_xml_begin(&w, v, diags, 0)) {
		imr_xml_abandon(&w);
		return IMR_USAGE;
	}
	imr_xml_write(&w, d, 1);
	return imr_xml_finish(&w, out, diags);
}

/* Our own output is validated as it is written: a determination that
 * breaks the schema (an issue whose service is empty) is caught with the
 * validator's message, and the same validator goes on to the next. */
static void test_writer_validates(void)
{
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_schema *schema = imr_schema_load(&diags);
	struct imr_validator *v = schema ? imr_validator_new(schema) : NULL;
	CHECK(v != NULL, "the embedded schema loads");
	if (!v) {
		imr_schema_free(schema);
		imr_diags_free(&diags);
		return;
	}
	static const char *p[] = {"Text & more <text>."};
	struct imr_determination d;
	struct imr_issue_facts issue;
	minimal(&d, &issue, p);
	for (int round = 0; round < 2; round++) {
		struct imr_buffer out;
		issue.service = "";
		issue.title = "";
		enum imr_status st = write_validated(v, &d, &out, &diags);
		CHECK(st == IMR_INVALID_OUTPUT && !out.data, "an empty service is invalid: status %d", (int)st);
		bool named = false;
		for (size_t i = 0; i < diags.count; i++)
			named |= strcmp(diags.items[i].message,
			                "Element '{" IMR2XML_NAMESPACE "}service': [facet 'minLength'] The value has a "
			                "length of '0'; this underruns the allowed minimum length of '1'.") == 0;
		CHECK(named, "the validator's message is reported (round %d)", round);
		imr_diags_free(&diags);
		imr_diags_init(&diags);

		issue.service = issue.title = "Baclofen 10mg #90";
		st = write_validated(v, &d, &out, &diags);
		CHECK(st == IMR_OK && out.data && diags.count == 0, "then a valid one passes: status %d", (int)st);
		/* The bytes are what the tree validator accepts too. */
		xmlDocPtr doc = out.data ? imr_xml_read(out.data, out.len, &diags) : NULL;
		CHECK(doc && imr_validate_doc(v, doc, &diags), "valid read back as a tree");
		xmlFreeDoc(doc);
		imr_buffer_free(&out);
	}
	/* Attribute values with '&' reach the validator as a parser hands them. */
	static const char *states[] = {"&", "Physical Medicine & Rehabilitation &#38; more &&"};
	d.licenses = (struct imr_strings){states, 2, 2, NULL};
	struct imr_citation cite = {.body = IMR_BODY_ODG, .document = "Knee & Leg", .year = 2016};
	issue.maximus = (struct imr_guideline_facts){.present = true, .cited = true, .text = "A & B.",
	                                             .citations = &cite, .count = 1};
	struct imr_buffer amp;
	CHECK(write_validated(v, &d, &amp, &diags) == IMR_OK && amp.data &&
	              strstr(amp.data, "<license state=\"Physical Medicine &amp; Rehabilitation &amp;#38; more "
	                               "&amp;&amp;\"/>") &&
	              strstr(amp.data, "document=\"Knee &amp; Leg\" year=\"2016\""),
	      "attribute values with '&' are valid and escaped");
	imr_buffer_free(&amp);
	/* Missing children are found when their parent ends. */
	{
		struct imr_xml_writer w;
		struct imr_buffer out;
		CHECK(imr_xml_begin(&w, v, &diags, 0), "begin");
		imr_xml_start_ns(&w, "determination", IMR2XML_NAMESPACE);
		imr_xml_attr(&w, "variant", "imr-2014");
		imr_xml_end(&w);
		CHECK(imr_xml_finish(&w, &out, &diags) == IMR_INVALID_OUTPUT && !out.data && diags.errors == 1 &&
		              strstr(diags.items[0].message, "Missing child element(s)"),
		      "an empty determination is invalid: %s", diags.count ? diags.items[0].message : "");
		imr_diags_free(&diags);
		imr_diags_init(&diags);
	}
	/* Misuse half-way through: reported, and the validator goes on. */
	struct imr_xml_writer w;
	struct imr_buffer out;
	CHECK(imr_xml_begin(&w, v, &diags, 0), "begin");
	imr_xml_start_ns(&w, "determination", IMR2XML_NAMESPACE);
	imr_xml_attr(&w, "variant", "imr-2014");
	imr_xml_start(&w, "reviewer");
	CHECK(imr_xml_finish(&w, &out, &diags) == IMR_USAGE && !out.data, "left open with a validator");
	imr_diags_free(&diags);
	imr_diags_init(&diags);
	CHECK(write_validated(v, &d, &out, &diags) == IMR_OK && diags.count == 0, "then a valid one passes");
	imr_buffer_free(&out);
	/* What the schema leaves optional may be missing: a rationale, the paragraphs. */
	d.issues[0].rationale.count = 0;
	d.reviewer_text.count = 0;
	CHECK(write_validated(v, &d, &out, &diags) == IMR_OK, "rationale and paragraphs are optional");
	imr_buffer_free(&out);
	imr_diags_free(&diags);
	imr_diags_init(&diags);
	struct imr_unparsed none = {0, "x"}; /* line 0: not an xs:positiveInteger */
	d.unparsed = &none;
	d.unparsed_count = 1;
	enum imr_status st = write_validated(v, &d, &out, &diags);
	CHECK(st == IMR_INVALID_OUTPUT && diags.errors == 1 &&
	              strstr(diags.items[0].message, "attribute 'line': '0' is not a valid value") != NULL,
	      "a bad attribute value: status %d: %s", (int)st, diags.count ? diags.items[0].message : "");
	imr_diags_free(&diags);
	imr_validator_free(v);
	imr_schema_free(schema);
}

/* One serializer: the tree imr_convert gives, saved as imr2xml used to
 * save its trees, is the bytes imr_convert_to_buffer writes. */
static void test_convert_entry_points(void)
{
	FILE *f = fopen("examples/imr-2016-standard.txt", "rb");
	CHECK(f != NULL, "open the example");
	if (!f)
		return;
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_buffer xml;
	xmlDocPtr doc = NULL;
	CHECK(imr_convert_to_buffer(buf, n, &opt, NULL, &xml, NULL, &diags) == IMR_OK && xml.data,
	      "to a buffer");
	CHECK(imr_convert(buf, n, &opt, NULL, &doc, NULL, &diags) == IMR_OK && doc, "to a tree");
	if (xml.data && doc) {
		xmlBufferPtr b = xmlBufferCreate();
		xmlSaveCtxtPtr save = xmlSaveToBuffer(b, "UTF-8", XML_SAVE_FORMAT);
		xmlSaveDoc(save, doc);
		xmlSaveClose(save);
		CHECK((size_t)xmlBufferLength(b) == xml.len && memcmp(xmlBufferContent(b), xml.data, xml.len) == 0 &&
		              xml.data[xml.len] == '\0',
		      "the tree saves as the bytes");
		xmlBufferFree(b);
	}
	xmlFreeDoc(doc);
	imr_buffer_free(&xml);
	imr_buffer_free(&xml); /* twice is fine */
	imr_diags_free(&diags);
}

/* The phrase matcher against the obvious search, phrase by phrase and
 * position by position, over random text made of the phrases' own
 * letters and pieces of them. */
static bool brute_match(const char *s, size_t n, size_t at, const char *ph, size_t len)
{
	if (at + len > n)
		return false;
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[at + k], p = (unsigned char)ph[k];
		if (p == '#' ? !(c >= '0' && c <= '9') : tolower(c) != tolower(p))
			return false;
	}
	return true;
}

static bool brute_flags(const char *s, size_t n, size_t at, size_t len, enum imr_phrase id)
{
	/* The flags as phrase.h states them. */
	bool alpha_before = at && isalpha((unsigned char)s[at - 1]);
	bool alnum_before = at && isalnum((unsigned char)s[at - 1]);
	unsigned flags = imr_phrase_flags(id);
	if (flags & IMR_PH_ALPHA)
		return !alpha_before && !(at + len < n && isalpha((unsigned char)s[at + len]));
	if (flags & IMR_PH_NUMBER)
		return !alnum_before;
	if (flags & IMR_PH_MONTH)
		return !alnum_before && isupper((unsigned char)s[at]);
	return true;
}

static void test_phrases(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	/* The alphabet: every byte of every phrase, in both cases, digits. */
	char alphabet[256];
	size_t na = 0;
	for (int id = 0; id < IMR_PHRASE_COUNT; id++)
		for (const char *p = imr_phrase_text((enum imr_phrase)id); *p; p++) {
			char cs[2] = {(char)tolower((unsigned char)*p), (char)toupper((unsigned char)*p)};
			for (int k = 0; k < 2; k++)
				if (cs[k] != '#' && !memchr(alphabet, cs[k], na))
					alphabet[na++] = cs[k];
		}
	alphabet[na++] = '1', alphabet[na++] = '7';
	unsigned seed = 12345;
	size_t mismatches = 0, total = 0;
	for (int round = 0; round < 300; round++) {
		char s[600];
		size_t n = 0;
		while (n < 500) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) & 0x7fff;
			if (r % 3 == 0) { /* a piece of a phrase, perhaps upper-cased */
				const char *ph = imr_phrase_text((enum imr_phrase)(r % IMR_PHRASE_COUNT));
				size_t len = strlen(ph), take = (r / 7) % 4 == 0 ? len / 2 + 1 : len;
				for (size_t k = 0; k < take && n < 590; k++) {
					char c = ph[k] == '#' ? (char)('0' + r % 10) : ph[k];
					s[n++] = (r / 11) % 2 ? (char)toupper((unsigned char)c) : c;
				}
			} else {
				s[n++] = alphabet[r % na];
			}
		}
		s[n] = '\0';
		for (int set = 0; set < IMR_PHRASE_SET_COUNT; set++) {
			struct imr_hits h;
			imr_phrases_find(&a, (enum imr_phrase_set)set, s, n, &h);
			size_t k = 0, want = 0, last_at = (size_t)-1;
			int last_id = -1;
			for (size_t at = 0; at < n; at++)
				for (int id = 0; id < IMR_PHRASE_COUNT; id++) {
					const char *ph = imr_phrase_text((enum imr_phrase)id);
					size_t len = strlen(ph);
					if (!imr_phrase_in((enum imr_phrase)id, (enum imr_phrase_set)set) ||
					    !brute_match(s, n, at, ph, len))
						continue;
					if (set == IMR_SET_CONCLUSION && (last_at == (size_t)-1 || at > last_at ||
					                                  (at == last_at && id < last_id)))
						last_at = at, last_id = id;
					if (!brute_flags(s, n, at, len, (enum imr_phrase)id))
						continue;
					want++;
					/* Among the hits at this start, this one (any order of ids). */
					bool found = false;
					for (size_t j = imr_hits_from(&h, at); j < h.n && h.v[j].at == at; j++)
						found |= h.v[j].id == id && h.v[j].len == len;
					mismatches += !found;
				}
			for (k = 1; k < h.n; k++)
				mismatches += h.v[k - 1].at > h.v[k].at ||
				              (h.v[k - 1].at == h.v[k].at && h.v[k - 1].len < h.v[k].len);
			mismatches += h.n != want;
			total += want;
			if (set == IMR_SET_CONCLUSION) {
				size_t at = 0;
				int id = imr_phrases_last(IMR_SET_CONCLUSION, s, n, &at);
				mismatches += id != last_id || (id >= 0 && at != last_at);
			}
		}
	}
	CHECK(mismatches == 0 && total > 10000, "phrase matcher: %zu mismatches in %zu occurrences",
	      mismatches, total);
	imr_arena_free(&a);
}

/* The numeric date reader against strptime, which it replaces: the
 * same answers for every string made of digits, separators and blanks
 * up to a few characters long. */
static const char *strptime_numeric(const char *s, struct imr_date *out)
{
	const char *fmts[] = {"%m/%d/%Y", "%m-%d-%Y"};
	for (size_t i = 0; i < 2; i++) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		const char *e = strptime(s, fmts[i], &tm);
		if (!e)
			continue;
		const char *y = e;
		while (y > s && isdigit((unsigned char)y[-1]))
			y--;
		size_t digits = (size_t)(e - y);
		if (isdigit((unsigned char)*e) || (digits != 2 && digits != 4))
			continue;
		int year = tm.tm_year + 1900;
		if (digits == 2)
			year = 2000 + (tm.tm_year + 1900) % 100;
		if (digits == 2 && year > 2069)
			year -= 100;
		static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int m = tm.tm_mon + 1, d = tm.tm_mday;
		bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
		if (year < 1900 || year > 2099 || m < 1 || m > 12 || d < 1 ||
		    d > days[m - 1] + (m == 2 && leap))
			return NULL;
		*out = (struct imr_date){year, m, d};
		return e;
	}
	return NULL;
}

static void test_numeric_dates(void)
{
	static const char *const seps[] = {"/", "-", "/", "-", " /", "/ ", "- ", "\t", ".", ""};
	static const char *const tails[] = {"", "", ".", ",", " ", "5", "a", "/1"};
	unsigned seed = 7;
	size_t differ = 0, parsed = 0;
	for (int round = 0; round < 100000; round++) {
		/* Three numbers of 1-5 digits (a leading 0 now and then) joined by
		 * separators, right and wrong, and something after. */
		char s[40];
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		const char *same = seps[(seed >> 16) % 4]; /* the right ones, most of the time */
		for (int part = 0; part < 3; part++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 8) & 0xffffff;
			static const unsigned lens[2][8] = {{1, 2, 1, 2, 1, 2, 3, 2}, {2, 4, 2, 4, 1, 3, 5, 4}};
			unsigned digits = lens[part == 2][r % 8];
			for (unsigned k = 0; k < digits; k++) {
				seed = seed * 1103515245u + 12345u;
				unsigned v = (seed >> 16) % (k == 0 && part < 2 ? 4 : 10);
				s[n++] = (char)('0' + v);
			}
			if (part < 2) {
				const char *sep = (r >> 12) % 4 ? same : seps[(r >> 8) % (sizeof seps / sizeof seps[0])];
				n += (size_t)sprintf(s + n, "%s", sep);
			}
		}
		seed = seed * 1103515245u + 12345u;
		n += (size_t)sprintf(s + n, "%s", tails[(seed >> 16) % (sizeof tails / sizeof tails[0])]);
		s[n] = '\0';
		struct imr_date a = {0}, b = {0};
		const char *ea = imr_date_parse(s, &a), *eb = strptime_numeric(s, &b);
		parsed += ea != NULL;
		differ += (ea ? ea - s : -1) != (eb ? eb - s : -1) || (ea && memcmp(&a, &b, sizeof a) != 0);
	}
	CHECK(differ == 0 && parsed > 5000, "numeric dates: %zu differ from strptime (%zu parsed)", differ,
	      parsed);
}

/* The month-name reader against strptime's "%B %d, %Y" and "%B %d %Y". */
static const char *strptime_month(const char *s, struct imr_date *out)
{
	const char *fmts[] = {"%B %d, %Y", "%B %d %Y"};
	for (size_t i = 0; i < 2; i++) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		const char *e = strptime(s, fmts[i], &tm);
		if (!e || isdigit((unsigned char)*e))
			continue;
		static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (y < 1900 || y > 2099 || d < 1 || d > days[m - 1] + (m == 2 && leap))
			return NULL;
		*out = (struct imr_date){y, m, d};
		return e;
	}
	return NULL;
}

static void test_month_dates(void)
{
	static const char *const names[] = {"January", "Jan", "FEBRUARY", "feb", "Mar", "March", "May",
	                                    "Mayo", "June", "Jun", "July", "Sept", "September", "Sep",
	                                    "Octo", "Nov", "december", "Dece", "Ma", "Augustus", "Au"};
	static const char *const between[] = {" ", "", "  ", ", ", " ,", "\t"};
	static const char *const commas[] = {", ", ",", " ", "", " , ", ",  ", "."};
	static const char *const days[] = {"30", "3", "31", "0", "29", "032", " 9", "1"};
	static const char *const years[] = {"1999", "2016", "16", "20166", "3026", "1899", " 2004", "2000."};
	unsigned seed = 3;
	size_t differ = 0, parsed = 0;
	for (int round = 0; round < 20000; round++) {
		unsigned r[5];
		for (int k = 0; k < 5; k++)
			seed = seed * 1103515245u + 12345u, r[k] = (seed >> 16) & 0x7fff;
		char s[64];
		snprintf(s, sizeof s, "%s%s%s%s%s", names[r[0] % (sizeof names / sizeof names[0])],
		         between[r[1] % 6], days[r[2] % 8], commas[r[3] % 7], years[r[4] % 8]);
		struct imr_date a = {0}, b = {0};
		const char *ea = imr_date_parse(s, &a), *eb = strptime_month(s, &b);
		parsed += ea != NULL;
		differ += (ea ? ea - s : -1) != (eb ? eb - s : -1) || (ea && memcmp(&a, &b, sizeof a) != 0);
	}
	CHECK(differ == 0 && parsed > 2000, "month dates: %zu differ from strptime (%zu parsed)", differ,
	      parsed);
}

/* Diagnoses in every way the summaries state them, each split into
 * single ones; what is not stated as a diagnosis is none. */
static void check_diagnoses(const char *summary, const char *const *want, size_t n)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_strings got = {0};
	imr_extract_diagnoses(&a, summary, &got, NULL);
	CHECK(got.count == n, "%s: %zu diagnoses, want %zu", summary, got.count, n);
	for (size_t i = 0; i < n && i < got.count; i++)
		check_str(got.items[i], want[i], summary);
	imr_arena_free(&a);
}
#define DX(summary, ...)                                                                  \
	do {                                                                              \
		static const char *const want_[] = {__VA_ARGS__};                         \
		check_diagnoses(summary, want_, sizeof want_ / sizeof want_[0]);          \
	} while (0)

static void test_diagnoses(void)
{
	DX("Diagnoses include lumbar strain, cervical strain, and myofascial pain.", "lumbar strain",
	   "cervical strain", "myofascial pain");
	DX("Diagnoses included lumbago and sciatica. He works.", "lumbago", "sciatica");
	DX("The diagnoses are lumbar radiculopathy, lumbar spondylosis and obesity.",
	   "lumbar radiculopathy", "lumbar spondylosis", "obesity");
	DX("Diagnoses: Lumbar strain; cervical strain; left shoulder impingement.", "Lumbar strain",
	   "cervical strain", "left shoulder impingement");
	DX("The current diagnoses are documented as pain in left shoulder; cervicalgia; and "
	   "postconcussional syndrome.",
	   "pain in left shoulder", "cervicalgia", "postconcussional syndrome");
	DX("The listed diagnoses per report dated 05/09/2014 are: Spondylosis lumbosacral, sciatica "
	   "and disorders of the sacrum.",
	   "Spondylosis lumbosacral", "sciatica", "disorders of the sacrum");
	DX("She was diagnosed with a right shoulder sprain and right hip sprain.", "right shoulder sprain",
	   "right hip sprain");
	DX("The patient was diagnosed as having carpal tunnel syndrome, right worse than left.",
	   "carpal tunnel syndrome, right worse than left");
	DX("He is being treated for chronic low back pain.", "chronic low back pain");
	DX("The injured worker is undergoing treatment for right shoulder sprain and neck strain.",
	   "right shoulder sprain", "neck strain");
	DX("MRI was reviewed. Impression: L4-5 disc protrusion with mild foraminal stenosis.",
	   "L4-5 disc protrusion with mild foraminal stenosis");
	DX("Diagnoses: 1. Lumbar disc displacement 2. Lumbar radiculopathy 3. Myofascial pain. He works.",
	   "Lumbar disc displacement", "Lumbar radiculopathy", "Myofascial pain");
	DX("Diagnoses: 1) Cervical strain, 2) Lumbar strain and 3) Insomnia.", "Cervical strain",
	   "Lumbar strain", "Insomnia");
	/* Not split: inside "status post", "sprain/strain", an item of the list's
	 * own "and", a part of the body, a procedure. */
	DX("Diagnoses include failed back syndrome, status post L4-5 fusion and instrumentation, and "
	   "lumbar radiculopathy.",
	   "failed back syndrome", "status post L4-5 fusion and instrumentation", "lumbar radiculopathy");
	DX("The diagnosis is lumbar sprain/strain.", "lumbar sprain/strain");
	DX("Current diagnoses included lumbago, spasm, and unspecified myalgia and myositis.", "lumbago",
	   "spasm", "unspecified myalgia and myositis");
	DX("The current diagnoses are documented as strain in right hip, ankle, and foot.",
	   "strain in right hip, ankle, and foot");
	DX("The injured worker is undergoing treatment for right foot and right shoulder pain.",
	   "right foot and right shoulder pain");
	DX("He was diagnosed as having open fracture of the left small finger and repair on 10-22-16.",
	   "open fracture of the left small finger and repair on 10-22-16");
	DX("The diagnoses include cervical spondylosis with radiculitis and status post shoulder "
	   "decompression in 2009.",
	   "cervical spondylosis with radiculitis", "status post shoulder decompression in 2009");
	/* Stated twice, once. */
	DX("Diagnoses include lumbar strain. In 2016 he was diagnosed with lumbar strain and anxiety.",
	   "lumbar strain", "anxiety");
	/* None. */
	check_diagnoses("The diagnosis was not documented. The diagnostic studies to date have included "
	                "an MRI. Electrodiagnostic studies were consistent with radiculopathy.",
	                NULL, 0);
	check_diagnoses("He was not diagnosed with a fracture.", NULL, 0);
	check_diagnoses("The patient has filed a claim for an industrial injury of 01/02/2013.", NULL, 0);
	/* The 2014-15 opening: the conditions claimed are the diagnoses, up to
	 * the injury they are associated with. */
	DX("The patient is a 49-year-old male who has submitted a claim for cervical radiculopathy, "
	   "status post fusion with instrumentation, and lumbar strain; without myelopathy associated "
	   "with an industrial injury date of 02/28/2003.",
	   "cervical radiculopathy", "status post fusion with instrumentation",
	   "lumbar strain; without myelopathy");
	DX("The patient is a 52-year-old female who has submitted a claim for lumbar disc displacement "
	   "without myelopathy, sciatica, and thoracic or lumbosacral neuritis associated with an "
	   "industrial injury date of 03/14/2011.",
	   "lumbar disc displacement without myelopathy", "sciatica", "thoracic or lumbosacral neuritis");
	DX("The applicant is a represented 44-year-old who has filed a claim for chronic neck pain and "
	   "carpal tunnel syndrome reportedly associated with an industrial injury of May 2, 2012.",
	   "chronic neck pain", "carpal tunnel syndrome");
	DX("The patient has filed a claim for chronic low back pain.", "chronic low back pain");
	DX("The patient is a 38-year-old male who has submitted a claim for contusion of face, scalp "
	   "and neck associated with an industrial injury date of 07/07/2013.",
	   "contusion of face, scalp and neck");
	DX("The patient has submitted a claim for low back pain with radiculopathy associated with an "
	   "industrial injury date of 09/09/2012.",
	   "low back pain with radiculopathy");
	/* ICD-10 wording: the encounter qualifier names the visit; the code
	 * goes to an attribute. */
	DX("Diagnoses include low back pain and lumbar muscle strain, subsequent encounter.",
	   "low back pain", "lumbar muscle strain");
	DX("The diagnoses include concussion with loss of consciousness of 30 minutes or less, "
	   "subsequent encounter; nausea and strain of neck muscle, initial encounter.",
	   "concussion with loss of consciousness of 30 minutes or less", "nausea",
	   "strain of neck muscle");
	DX("Diagnoses: fracture of the left wrist, sequela; lumbar strain; lumbago and myalgia.",
	   "fracture of the left wrist", "lumbar strain", "lumbago", "myalgia");
	DX("Diagnoses: unspecified myalgia and myositis; lumbago.", "unspecified myalgia and myositis",
	   "lumbago");
	DX("The injured worker was diagnosed with strain of muscle, fascia and tendon of lower back, "
	   "initial encounter, and sprain of ligaments of cervical spine, initial encounter.",
	   "strain of muscle, fascia and tendon of lower back", "sprain of ligaments of cervical spine");
	DX("The injured worker is being treated for contusion of face, scalp and neck, initial "
	   "encounter; and low back pain with radiculopathy.",
	   "contusion of face, scalp and neck", "low back pain with radiculopathy");
	/* "diagnoses of ... were", "diagnosed with:" */
	DX("The patient's diagnoses of cervical strain and lumbar strain were noted.", "cervical strain",
	   "lumbar strain");
	DX("The diagnosis of carpal tunnel syndrome was confirmed by EMG.", "carpal tunnel syndrome");
	DX("She has been diagnosed with: 1. cervicalgia 2. lumbago. She works.", "cervicalgia", "lumbago");
	DX("Diagnoses were noted to include lumbar radiculopathy and lumbar disc protrusion.",
	   "lumbar radiculopathy", "lumbar disc protrusion");
	DX("The diagnosis was noted to be lumbar strain.", "lumbar strain");
	/* ICD-9's "unspecified" qualifies the name before it. */
	DX("The patient has submitted a claim for lumbago, thoracic or lumbosacral neuritis or "
	   "radiculitis, unspecified and displacement of lumbar intervertebral disc without myelopathy "
	   "associated with an industrial injury date of 03/11/2012.",
	   "lumbago", "thoracic or lumbosacral neuritis or radiculitis, unspecified",
	   "displacement of lumbar intervertebral disc without myelopathy");
	/* In capitals (a text of one case): its joints are "AND", "OF". */
	DX("THE PATIENT HAS SUBMITTED A CLAIM FOR LUMBAR RADICULOPATHY, STATUS POST DISCECTOMY, AND "
	   "KNEE STRAIN; WITH EFFUSION ASSOCIATED WITH AN INDUSTRIAL INJURY OF 04/02/2015.",
	   "LUMBAR RADICULOPATHY", "STATUS POST DISCECTOMY", "KNEE STRAIN; WITH EFFUSION");
	DX("THE DIAGNOSES OF LUMBAGO AND SCIATICA WERE NOTED BY THE TREATING PHYSICIAN.", "LUMBAGO",
	   "SCIATICA");
}

static void test_diagnosis_codes(void)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_strings dx = {0}, codes = {0};
	imr_extract_diagnoses(&a, "Diagnoses: low back pain (M54.5); S39.012D Strain of muscle of lower "
	                          "back, subsequent encounter; lumbar radiculopathy - M54.16; "
	                          "cervicalgia; T12 compression fracture.", &dx, &codes);
	static const char *const want[][2] = {{"low back pain", "M54.5"},
	                                      {"Strain of muscle of lower back", "S39.012D"},
	                                      {"lumbar radiculopathy", "M54.16"},
	                                      {"cervicalgia", NULL},
	                                      {"T12 compression fracture", NULL}};
	CHECK(dx.count == 5 && codes.count == 5, "codes: %zu diagnoses, %zu codes, want 5", dx.count,
	      codes.count);
	for (size_t i = 0; i < 5 && i < dx.count && i < codes.count; i++) {
		check_str(dx.items[i], want[i][0], "a coded diagnosis");
		CHECK(want[i][1] ? codes.items[i] && strcmp(codes.items[i], want[i][1]) == 0 : !codes.items[i],
		      "diagnosis %zu's code: %s, want %s", i + 1, codes.items[i] ? codes.items[i] : "none",
		      want[i][1] ? want[i][1] : "none");
	}
	imr_arena_free(&a);
}

/* A drug lexicon of six drugs, for the medication reader's tests
 * (the program's own is grammar/lexicon/). */
static size_t six_drugs(struct imr_arena *a, const char *s, size_t n, struct imr_drug_name **out)
{
	static const char *const drugs[][2] = {{"Norco", "opioids"},     {"Soma", "muscle-relaxants"},
	                                       {"Lidoderm", "topical-analgesics"}, {"Ibuprofen", "nsaids"},
	                                       {"naproxen", "nsaids"},   {"tramadol", "opioids"}};
	size_t count = 0;
	*out = imr_arena_alloc(a, (n + 1) * sizeof **out);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && isalpha((unsigned char)s[i - 1]))
			continue;
		for (size_t d = 0; d < 6; d++) {
			size_t len = strlen(drugs[d][0]);
			if (i + len <= n && strncasecmp(s + i, drugs[d][0], len) == 0 &&
			    !(i + len < n && isalpha((unsigned char)s[i + len])))
				(*out)[count++] = (struct imr_drug_name){(uint32_t)i, (uint32_t)(i + len),
				                                         drugs[d][0], drugs[d][1], NULL, NULL};
		}
	}
	return count;
}

static void check_medications(const char *summary, const char *const *want, size_t n)
{
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_medication *got;
	size_t count = imr_extract_medications(&a, summary, six_drugs, &got);
	CHECK(count == n, "%s: %zu medications, want %zu", summary, count, n);
	for (size_t i = 0; i < n && i < count; i++) {
		char both[80];
		snprintf(both, sizeof both, "%s %s", got[i].text, got[i].drug_class);
		check_str(both, want[i], summary);
	}
	imr_arena_free(&a);
}
#define MEDS(summary, ...)                                                                \
	do {                                                                              \
		static const char *const want_[] = {__VA_ARGS__};                         \
		check_medications(summary, want_, sizeof want_ / sizeof want_[0]);        \
	} while (0)

static void test_medications(void)
{
	MEDS("Current medications include Norco, Soma and Lidoderm patches.", "Norco opioids",
	     "Soma muscle-relaxants", "Lidoderm topical-analgesics");
	MEDS("Medications included Ibuprofen 800 mg. Norco was requested.", "Ibuprofen nsaids");
	MEDS("His medications were Norco 10/325 mg twice daily, Soma, and naproxen.", "Norco opioids",
	     "Soma muscle-relaxants", "naproxen nsaids");
	MEDS("Medications have included: Norco 10-325mg and Ibuprofen.", "Norco opioids", "Ibuprofen nsaids");
	MEDS("He was taking Norco 10/325 mg twice daily.", "Norco opioids");
	MEDS("She was prescribed naproxen after the visit.", "naproxen nsaids");
	MEDS("The applicant was on Norco, Soma, and naproxen, it was acknowledged.", "Norco opioids",
	     "Soma muscle-relaxants", "naproxen nsaids");
	MEDS("Treatment to date has included physical therapy, a brace, and Ibuprofen.", "Ibuprofen nsaids");
	MEDS("With the use of Norco and Soma, the pain decreases. He continues to use Lidoderm.",
	     "Norco opioids", "Soma muscle-relaxants", "Lidoderm topical-analgesics");
	MEDS("She had stopped taking tramadol and was taking naproxen.", "naproxen nsaids");
	MEDS("Current medications include Norco. He was taking Norco and Soma.", "Norco opioids",
	     "Soma muscle-relaxants");
	/* None: requested, planned, denied, or no drug at once after a verb. */
	check_medications("The treatment plan included Norco. The request for Soma was denied. He was on "
	                  "total temporary disability and Ibuprofen was requested. Medications were not "
	                  "specified.",
	                  NULL, 0);
	/* Without a lexicon, no medications at all. */
	struct imr_arena a;
	imr_arena_init(&a);
	struct imr_medication *m;
	CHECK(imr_extract_medications(&a, "Current medications include Norco.", NULL, &m) == 0,
	      "no lexicon, no medications");
	imr_arena_free(&a);
}

/* A whole letter: positions, and a word broken at a line's end joined
 * back ("radicu-" / "lopathy") where one of two words stays hyphenated
 * ("follow-" / "up"). */
static void test_summary_positions(void)
{
	static const char letter[] =
	        "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
	        "The reviewer is Board Certified in Neurology and is licensed to practice in Ohio.\n"
	        "CLINICAL CASE SUMMARY\n"
	        "The patient is a 40-year-old male injured on 01/02/2015. Diagnoses include lumbar radicu-\n"
	        "lopathy and follow-\n"
	        "up care. A Utilization Review dated 03/04/2016 denied the request.\n"
	        "IMR ISSUES, DECISIONS AND RATIONALES\n"
	        "Cane: Upheld\n"
	        "Claims Administrator guideline: Decision based on MTUS.\n"
	        "MAXIMUS guideline: Decision based on MTUS.\n"
	        "Decision rationale: The cane is not medically necessary.\n";
	struct imr_options opt;
	imr_options_init(&opt);
	struct imr_diags diags;
	imr_diags_init(&diags);
	struct imr_buffer xml;
	CHECK(imr_convert_to_buffer(letter, sizeof letter - 1, &opt, NULL, &xml, NULL, &diags) == IMR_OK,
	      "the letter converts");
	static const char *const want[] = {
		"<certification line=\"2\">Neurology</certification>",
		"<license state=\"Ohio\" line=\"2\"/>",
		"<patient age=\"40\" sex=\"male\" line=\"4\"/>",
		"<injury date=\"2015-01-02\" line=\"4\"/>",
		"<utilizationReview date=\"2016-03-04\" line=\"6\"/>",
		"<diagnosis line=\"4\">lumbar radiculopathy</diagnosis>",
		"<diagnosis line=\"5\">follow-up care</diagnosis>",
		"<p line=\"4\">The patient is a 40-year-old",
		"<issue n=\"1\" decision=\"upheld\" line=\"8\"",
		"<service line=\"8\">Cane</service>",
		"<citation body=\"MTUS\" line=\"9\"/>",
		"<p line=\"11\">The cane is not medically necessary.</p>",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		CHECK(xml.data && strstr(xml.data, want[i]), "position: %s", want[i]);
	imr_buffer_free(&xml);
	imr_diags_free(&diags);
}

/* Re-wrapped lines (unwrap.c): exactly which line breaks become blanks;
 * the line index is untouched, and a second pass joins nothing. */
static void unwrap_case(const char *what, const char *text, size_t want, const char *joined)
{
	struct imr_source src;
	CHECK(normalize_str(text, &src), "%s: normalize", what);
	size_t lines = src.nlines;
	size_t n = imr_unwrap(&src);
	CHECK(n == want, "%s: %zu line break(s) joined, want %zu", what, n, want);
	CHECK(strcmp(src.text, joined) == 0, "%s: the text is '%s'", what, src.text);
	CHECK(src.nlines == lines && imr_unwrap(&src) == 0, "%s: lines kept, a second pass joins none", what);
	imr_source_free(&src);
}

/* pdfminer -V's shape (an invented letter): initials apart after their
 * paragraphs, the header at the page's end, a guideline's continuation
 * before its first line, the title after the item's parts.  The text is
 * put back in the letter's order, each line still naming its input line
 * and columns; a text whose lone capitals make no label is left alone. */
static void test_reading_order(void)
{
	static const char scrambled[] =
	        "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n"
	        "MAXIMUS Federal Services sent the complete case file to an expert reviewer.\n\n"
	        "State(s) of Licensure: Oregon\nCertification(s)/Specialty: Family Practice\n\n"
	        "he Expert Reviewer has the following credentials:\n\n  T\n\n"
	        "CLINICAL CASE SUMMARY\n\n"
	        "he injured worker is a 40 year old male who sustained an industrial injury on 01-02-\n\n  T\n\n"
	        "The expert reviewer developed the following clinical case summary based on a review of the\n"
	        "case file, including all medical records:\n\n"
	        "IMR ISSUES, DECISIONS AND RATIONALES\n\n"
	        "The Final Determination was based on decisions for the disputed items/services set forth below:\n\n"
	        "Complaints 2004, Section(s): Special Studies.\n\n"
	        "laims Administrator guideline: Decision based on MTUS Low Back\n\n  C\n\n"
	        "AXIMUS guideline: Decision based on MTUS Low Back Complaints 2004,\n\n  M\n\n"
	        "Section(s): Special Studies.\n\n"
	        "ecision rationale: The request is not medically necessary.\n\n  D\n\n"
	        "RI of the lumbar spine: Upheld\n\n  M\n\n"
	        "Date of Injury:\n01/02/2016\n\n"
	        "CM16-0000001\n01/05/2016\n\n"
	        "ase Number:\nDate Assigned:\n\n  C\n";
	static const char *const read[] = {
	        "Case Number:", "Date Assigned:", "CM16-0000001", "01/05/2016", "Date of Injury:", "01/02/2016",
	        "HOW THE IMR FINAL DETERMINATION WAS MADE",
	        "MAXIMUS Federal Services sent the complete case file to an expert reviewer.",
	        "The Expert Reviewer has the following credentials:", "State(s) of Licensure: Oregon",
	        "Certification(s)/Specialty: Family Practice", "CLINICAL CASE SUMMARY",
	        "The expert reviewer developed the following clinical case summary based on a review of the",
	        "case file, including all medical records:",
	        "The injured worker is a 40 year old male who sustained an industrial injury on 01-02-",
	        "IMR ISSUES, DECISIONS AND RATIONALES",
	        "The Final Determination was based on decisions for the disputed items/services set forth below:",
	        "MRI of the lumbar spine: Upheld", "Claims Administrator guideline: Decision based on MTUS Low Back",
	        "Complaints 2004, Section(s): Special Studies.",
	        "MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004,", "Section(s): Special Studies.",
	        "Decision rationale: The request is not medically necessary."};
	struct imr_source src;
	CHECK(normalize_str(scrambled, &src), "reading order: normalize");
	size_t nlines = src.nlines;
	CHECK(src.lone_capitals == 7, "reading order: %zu lone capitals, want 7", src.lone_capitals);
	CHECK(imr_restore_reading_order(&src) > 0, "reading order: not restored");
	CHECK(src.nlines == nlines && src.line_origin && src.line_index, "reading order: lines kept, mapped");
	size_t k = 0;
	for (size_t i = 0; i < src.nlines; i++) {
		size_t n;
		const char *s = imr_source_index_text(&src, i, &n);
		while (n && (*s == ' ' || *s == '\f'))
			s++, n--;
		if (!n)
			continue;
		CHECK(k < sizeof read / sizeof *read && strlen(read[k]) == n && memcmp(s, read[k], n) == 0,
		      "reading order: line %zu is '%.*s', want '%s'", k + 1, (int)n, s,
		      k < sizeof read / sizeof *read ? read[k] : "(none)");
		k++;
	}
	CHECK(k == sizeof read / sizeof *read, "reading order: %zu lines of text, want %zu", k, sizeof read / sizeof *read);
	for (size_t i = 0; i < src.nlines; i++)
		CHECK(src.line_index[src.line_origin[i]] == i, "reading order: line %zu's maps disagree", i + 1);
	CHECK(src.order_unplaced == 0, "reading order: %u unplaced", src.order_unplaced);
	/* "Administrator" on the claims guideline's line: input line 27,
	 * column 7 ("laims Administrator"), its initial given back. */
	const char *at = strstr(src.text, "Claims Administrator");
	CHECK(at && imr_source_line(&src, (uint32_t)(at - src.text)) == 27, "reading order: the label's line");
	CHECK(at && imr_source_column(&src, (uint32_t)(at + 7 - src.text)) == 7 &&
	              imr_source_column(&src, (uint32_t)(at - src.text)) == 1,
	      "reading order: the label's columns");
	size_t n;
	const char *l27 = imr_source_line_text(&src, 27, &n);
	CHECK(l27 && n > 6 && memcmp(l27, "Claims", 6) == 0, "reading order: input line 27's text");
	imr_source_free(&src);
	/* Two lone capitals that make no label: ordinary text, untouched. */
	static const char plain[] = "A list\n\n  A\n\nits items\n\n  B\n\nend\n";
	CHECK(normalize_str(plain, &src), "reading order, plain: normalize");
	CHECK(imr_restore_reading_order(&src) == 0 && !src.line_origin && strcmp(src.text, plain) == 0,
	      "reading order: ordinary text with lone capitals changed");
	imr_source_free(&src);
}

static void test_unwrap(void)
{
	unwrap_case("a label begun mid-line",
	            "He/she is familiar with the law.  The Expert Reviewer has the following\n"
	            "credentials: State(s) of Licensure: Texas\nCertification(s)/Specialty: Surgery\n", 2,
	            "He/she is familiar with the law.  The Expert Reviewer has the following "
	            "credentials: State(s) of Licensure: Texas Certification(s)/Specialty: Surgery\n");
	unwrap_case("a heading that fills its lines (the letter's own)",
	            "HOW THE IMR FINAL DETERMINATION\nWAS MADE\nMAXIMUS Federal Services sent the file.\n", 0,
	            "HOW THE IMR FINAL DETERMINATION\nWAS MADE\nMAXIMUS Federal Services sent the file.\n");
	unwrap_case("a heading wrapped with text after it",
	            "denied the request.  IMR ISSUES, DECISIONS\nAND RATIONALES The Final\nDetermination\n", 2,
	            "denied the request.  IMR ISSUES, DECISIONS AND RATIONALES The Final Determination\n");
	unwrap_case("a label that fills its lines: those lines only",
	            "The Expert Reviewer has the following\ncredentials:\nState(s) of Licensure: Texas\n", 1,
	            "The Expert Reviewer has the following credentials:\nState(s) of Licensure: Texas\n");
	unwrap_case("a decision opening a line, text after it",
	            "MRI of the left shoulder:\nUpheld Claims Administrator guideline: Decision based\non MTUS.\n", 2,
	            "MRI of the left shoulder: Upheld Claims Administrator guideline: Decision based on MTUS.\n");
	unwrap_case("a title begun after the rationale's last sentence",
	            "is not medically necessary.  Lidocaine ointment 5%\n106.32gm: Upheld\n", 1,
	            "is not medically necessary.  Lidocaine ointment 5% 106.32gm: Upheld\n");
	unwrap_case("a title on a line of its own (the letter's own)",
	            "is not medically\nnecessary.\nLidocaine ointment 5%\n106.32gm: Upheld\n", 0,
	            "is not medically\nnecessary.\nLidocaine ointment 5%\n106.32gm: Upheld\n");
	unwrap_case("a modified request's own sentences",
	            "necessary.\nNorco #90 was the original request. Norco #30 was authorized by the Claims\n"
	            "Administrator. The remaining IMR eligible portion of the original request, Norco #60 is: Upheld\n",
	            0,
	            "necessary.\nNorco #90 was the original request. Norco #30 was authorized by the Claims\n"
	            "Administrator. The remaining IMR eligible portion of the original request, Norco #60 is: Upheld\n");
	unwrap_case("a header label begun mid-line",
	            "Case Number: CM16-0228949 Date Assigned: 12/05/2016 Date\nof Injury: 10/14/2016\n", 1,
	            "Case Number: CM16-0228949 Date Assigned: 12/05/2016 Date of Injury: 10/14/2016\n");
	unwrap_case("no paragraph is joined across a blank line",
	            "Some text. CLINICAL CASE\n\nSUMMARY The expert\n", 0,
	            "Some text. CLINICAL CASE\n\nSUMMARY The expert\n");
	unwrap_case("nor across a page break",
	            "Some text. CLINICAL CASE\n\fSUMMARY The expert\n", 0,
	            "Some text. CLINICAL CASE\n\fSUMMARY The expert\n");
	unwrap_case("a paragraph joined up to the blank line before it",
	            "First paragraph\nends here.\n\nDone.  The Expert Reviewer has the following\ncredentials:\n", 1,
	            "First paragraph\nends here.\n\nDone.  The Expert Reviewer has the following credentials:\n");
	unwrap_case("words of a phrase in another order",
	            "the following clinical case\nsummary was written by the reviewer.\n", 0,
	            "the following clinical case\nsummary was written by the reviewer.\n");
}

int main(void)
{
	test_phrases();
	test_diagnoses();
	test_diagnosis_codes();
	test_medications();
	test_summary_positions();
	test_numeric_dates();
	test_month_dates();
	test_dates();
	test_patient();
	test_conclusion();
	test_request();
	test_citations();
	test_lexer();
	test_every_label();
	test_lexer_generations();
	test_joined_notice();
	test_cover();
	test_header_assignment();
	test_notice_pieces();
	test_normalize();
	test_one_case();
	test_repairs();
	test_moved_words();
	test_folded();
	test_title_closed_up();
	test_broken_words();
	test_state_split();
	test_decision_forms();
	test_verify();
	test_parts_in_dump();
	test_parts_in_verify();
	test_writer_escaping();
	test_writer_layout();
	test_writer_growth();
	test_writer_misuse();
	test_writer_validates();
	test_convert_entry_points();
	test_unwrap();
	test_reading_order();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
