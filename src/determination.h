/*
 * determination.h - the determination as data: what extract.c reads out
 * of the AST and xml.c serializes.  Every string lives in the document's
 * arena, already cleaned (whitespace collapsed, lines joined).
 */
#ifndef IMR_DETERMINATION_H
#define IMR_DETERMINATION_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "date.h"
#include "request.h"
#include "vocab.h"

struct imr_source;
struct imr_joined;

/* Where a fact was read: its 1-based line in the original input (0:
 * nowhere in particular) and its page (0: the input has no pages). */
struct imr_pos {
	unsigned line, page;
};

/* Strings, each with where it was read (pos grows with items; NULL:
 * positions unknown). */
struct imr_strings {
	const char **items;
	size_t count, capacity;
	struct imr_pos *pos;
};
void imr_strings_add(struct imr_arena *a, struct imr_strings *l, const char *s);
void imr_strings_add_at(struct imr_arena *a, struct imr_strings *l, const char *s, struct imr_pos pos);

struct imr_page_range {
	int first, last;
};

/* Closed vocabularies of the XML: X(ID, "xml value") */
#define IMR_BODIES(X) X(MTUS, "MTUS") X(ODG, "ODG") X(ACOEM, "ACOEM") X(OTHER, "other")
enum imr_body {
#define IMR_BODY_ENUM(id, s) IMR_BODY_##id,
	IMR_BODIES(IMR_BODY_ENUM)
};
const char *imr_body_name(enum imr_body b);

struct imr_citation {
	enum imr_body body;
	struct imr_pos pos;   /* where the document (or body) is named */
	const char *document; /* NULL when not named */
	const char *chapter;
	int year;             /* 0 when not given */
	struct imr_strings sections;
	const char *topic;    /* free text naming the part cited (2014 style) */
	struct imr_pos topic_pos;
	struct imr_page_range *pages;
	size_t page_count, page_capacity;
};

struct imr_guideline_facts {
	bool present;
	bool cited;
	const char *text;
	struct imr_pos pos;
	struct imr_citation *citations;
	size_t count, capacity;
};

enum imr_conclusion { IMR_CONCLUSION_NONE, IMR_NECESSARY, IMR_NOT_NECESSARY };

/* Where an item's decision was read. */
enum imr_decision_source {
	IMR_FROM_TITLE,     /* "Title: Upheld" */
	IMR_FROM_LIST,      /* a 2013 notice's numbered list */
	IMR_FROM_RATIONALE, /* stated nowhere else: the rationale's conclusion */
	IMR_FROM_NOWHERE,   /* not stated at all */
};

struct imr_issue_facts {
	unsigned line, page; /* where the title starts */
	bool complete; /* false: error recovery skipped part of the item */
	enum imr_decision decision;
	enum imr_decision_source decision_source;
	bool shared;   /* guideline and rationale are the letter's, for all its items */
	unsigned number; /* a 2013 notice's item number, or 0 */
	const char *title;   /* the title as written (whitespace collapsed) */
	const char *service;
	const char *original_request;
	const char *authorized;
	struct imr_pos title_pos, service_pos, original_pos, authorized_pos;
	bool has_request;
	struct imr_request request; /* what the service is (request.h) */
	/* Where the request's words were read: the service starts at
	 * request_at in the joined title, whose map gives each part's line. */
	const struct imr_joined *request_where;
	size_t request_at;
	struct imr_guideline_facts claims, maximus;
	struct imr_strings rationale;
	enum imr_conclusion conclusion;
	/* The parts of kind TEXT (vocab.h's IMR_ITEM_PARTS), by paragraph. */
	struct imr_strings parts[IMR_ITEM_PART_COUNT];
};

/* What the letter says of itself that a user must know: X(ID, "code").
 * Each is a <warning code="..."> element (of the document, or of the item
 * it concerns) and a column of batch mode's manifest. */
#define IMR_WARNINGS(X)                                                                   \
	X(DECISION_CONCLUSION, "decision-conclusion-mismatch")                            \
	X(DECISION_FROM_RATIONALE, "decision-from-rationale")                             \
	X(LIST_MISMATCH, "list-mismatch")                                                 \
	X(DATES_OUT_OF_ORDER, "dates-out-of-order")                                       \
	X(SUMMARY_TRUNCATED, "summary-truncated")                                         \
	X(LETTER_TRUNCATED, "letter-truncated")                                           \
	X(NOT_UTF8, "not-utf8")                                                           \
	X(CONTROL_CHARACTERS, "control-characters")                                       \
	X(HEADER_DATE_ORDER, "header-date-order")                                         \
	X(HEADER_VALUE_UNPLACED, "header-value-unplaced")                                 \
	X(HEADER_VALUE_BY_TYPE, "header-value-by-type")                                   \
	X(HEADER_LABELS_MISSING, "header-labels-missing")                                 \
	X(DOCUMENTS_RUN_TOGETHER, "documents-run-together")                              \
	X(READING_ORDER, "reading-order-unplaced")                                        \
	X(ONE_CASE, "text-one-case")                                                      \
	X(BEGINNING_MISSING, "letter-beginning-missing")
enum imr_warning_code {
#define IMR_WARNING_ENUM(id, s) IMR_W_##id,
	IMR_WARNINGS(IMR_WARNING_ENUM) IMR_WARNING_COUNT
};
const char *imr_warning_name(enum imr_warning_code c);

struct imr_warning {
	enum imr_warning_code code;
	unsigned line;       /* 0: the whole document */
	size_t item;         /* the item's index + 1, or 0: the document's */
	const char *message;
};

/* Derived from the items' decisions. */
enum imr_outcome { IMR_OUTCOME_NONE, IMR_OUTCOME_UPHELD, IMR_OUTCOME_OVERTURNED,
                   IMR_OUTCOME_PARTIAL };

enum imr_sex { IMR_SEX_UNKNOWN, IMR_MALE, IMR_FEMALE };
enum imr_priority { IMR_PRIORITY_UNKNOWN, IMR_STANDARD, IMR_EXPEDITED };

struct imr_unparsed {
	unsigned line; /* its page: imr_determination_page */
	const char *text;
};

/* A record the reviewer had ("Medical Records from X dated A through B"). */
struct imr_record {
	unsigned line, page;
	const char *text;
	struct imr_date date, from, to; /* year 0: none */
	/* Another dated document follows its date in it, nothing telling the
	 * two apart (the list's lines joined, the second in lower case). */
	const char *run_together;
};

/* A drug the case summary says the patient takes. */
struct imr_medication {
	const char *text;       /* the drug as written */
	const char *drug_class; /* the drug lexicon's token for its class */
	const char *generic;    /* a brand's generic name, or NULL */
	const char *form;       /* the dosage form written with it ("patch"), or NULL */
	struct imr_pos pos;
};

/* An entry of a 2013 notice's numbered list. */
struct imr_list_decision {
	unsigned n;
	const char *service; /* "the request for X is ..." */
	struct imr_pos service_pos;
	const struct imr_joined *where; /* the entry's text: service starts at service_at */
	size_t service_at;
	bool decided;
	enum imr_decision decision;
};

struct imr_determination {
	enum imr_variant variant;
	bool complete;
	const struct imr_source *input; /* what it was read from (for pages) */
	/* Provenance: the input's name (NULL: unnamed), its bytes' digest,
	 * and the outcome the items add up to. */
	const char *source;
	const char *sha256;
	enum imr_outcome outcome;
	bool has_header;
	const char *header_text[IMR_HEADER_LABEL_COUNT]; /* as written */
	struct imr_date header_date[IMR_HEADER_LABEL_COUNT];
	struct imr_pos header_pos[IMR_HEADER_LABEL_COUNT];
	enum imr_priority priority;
	struct imr_strings treatments; /* "Treatment(s) in Dispute Listed on IMR Application" */

	/* The parts of kind TEXT (vocab.h's IMR_PARTS), by paragraph: a 2013
	 * notice's cover letter, any new section of text. */
	struct imr_strings parts[IMR_PART_COUNT];
	/* Its numbered lists, as printed in the letter (0) and again in the
	 * decision part (1). */
	struct imr_list_decision *lists[2];
	size_t list_count[2];

	bool has_reviewer;
	bool physician;
	struct imr_strings certifications, subspecialties, licenses, reviewer_text;

	bool has_summary;
	int age; /* -1: not stated */
	enum imr_sex sex;
	struct imr_pos patient_pos; /* the age stated, or the word for the sex */
	struct imr_date injury;
	struct imr_pos injury_pos;
	struct imr_date ur_dates[8];
	struct imr_pos ur_pos[8];
	size_t ur_count;
	struct imr_strings diagnoses, summary_text;
	struct imr_strings diagnosis_codes; /* item for item: its ICD code, or NULL */
	struct imr_medication *medications;
	size_t medication_count, medication_capacity;

	struct imr_record *records; /* DOCUMENTS REVIEWED */
	size_t record_count;
	bool has_records;

	struct imr_issue_facts *issues;
	size_t issue_count;

	struct imr_unparsed *unparsed;
	size_t unparsed_count;

	struct imr_warning *warnings;
	size_t warning_count, warning_capacity;
};

#endif
