/*
 * ast.h - the raw parse tree: what the grammar found, where.
 *
 * Nodes are plain tagged structs that begin with a common header; they
 * hold spans into the normalized text, never interpreted values (that
 * is extract.c's job).  All nodes live in the document's arena, so the
 * one free function is imr_arena_free.
 */
#ifndef IMR_AST_H
#define IMR_AST_H

#include <stdio.h>

#include "arena.h"
#include "lex.h"

enum imr_node_kind {
	IMR_N_TEXT,
	IMR_N_HEADER,
	IMR_N_CREDENTIAL,
	IMR_N_REVIEWER,
	IMR_N_SUMMARY,
	IMR_N_GUIDELINE,
	IMR_N_ISSUE,
	IMR_N_DOCUMENT,
};

struct imr_node {
	enum imr_node_kind kind;
	struct imr_span span;
};

/* Lines of running text; a line with para_break starts a paragraph. */
struct imr_text {
	struct imr_node node;
	struct imr_line *lines;
	size_t count, capacity;
};

struct imr_header_field {
	enum imr_header_label label;
	struct imr_span label_span;
	struct imr_text *value; /* one line a cell: a treatments list has several */
};

/* What pairing could not settle by position (header.c): a value given to
 * its label by the order a determination's dates have, or a value no
 * label could take.  Each becomes a <warning>. */
struct imr_header_note {
	bool placed;            /* by the dates' order (or by_type); else placed nowhere */
	bool by_type;           /* the case number taken by its form, its label not found */
	struct imr_span value;
	enum imr_header_label label; /* when placed */
};

/* The header table, its labels paired with their values. */
struct imr_header {
	struct imr_node node;
	struct imr_header_field *fields;
	size_t count, capacity;
	struct imr_header_note *notes;
	size_t note_count, note_capacity;
};

/* "State(s) of Licensure: ..." or "Certification(s)/Specialty: ..." */
struct imr_credential {
	struct imr_node node;
	enum imr_line_label label;
	struct imr_text *text;
};

struct imr_reviewer {
	struct imr_node node;
	struct imr_text *text;
	struct imr_credential **credentials;
	size_t count, capacity;
};

struct imr_summary_section {
	struct imr_node node;
	struct imr_text *text;
};

enum imr_guideline_kind { IMR_CLAIMS_ADMINISTRATOR, IMR_MAXIMUS };

struct imr_guideline {
	struct imr_node node;
	enum imr_guideline_kind which;
	struct imr_text *text; /* may be NULL: the label alone */
};

/* One disputed item: its title and decision, two guidelines, rationale.
 * A NULL member means error recovery skipped that part.  A 2013 notice
 * numbers its items and states their decisions elsewhere, in its
 * numbered lists (decided is false until extract.c reads them). */
struct imr_issue {
	struct imr_node node;
	struct imr_text *title;
	unsigned number;
	bool decided;
	enum imr_decision decision;
	struct imr_guideline *claims;
	struct imr_guideline *maximus;
	struct imr_text *rationale;
	/* The item's parts of kind TEXT (vocab.h's IMR_ITEM_PARTS), NULL
	 * when absent. */
	struct imr_text *parts[IMR_ITEM_PART_COUNT];
};

/* "1) MAXIMUS Federal Services, Inc. has determined the request for X is
 * not medically necessary and appropriate.": its lines; the first line's
 * id is the number.  A notice prints its list twice: list 0 in the
 * letter, list 1 in the decision part. */
struct imr_decision_entry {
	unsigned list;
	struct imr_text *text;
};

struct imr_document {
	struct imr_node node;
	enum imr_variant variant;
	struct imr_header *header;
	/* The parts of kind TEXT (vocab.h's IMR_PARTS), NULL when absent:
	 * a 2013 notice's cover letter, and any new section of text. */
	struct imr_text *parts[IMR_PART_COUNT];
	struct imr_reviewer *reviewer;
	struct imr_text *documents; /* the records reviewed, a line each (wrapped) */
	bool has_documents;         /* the section is there (it may be empty) */
	struct imr_summary_section *summary;
	struct imr_issue **issues;
	size_t issue_count, issue_capacity;
	/* A professional review states one guideline and one rationale for
	 * all of its items. */
	struct imr_guideline *shared_guideline;
	struct imr_text *shared_rationale;
	struct imr_decision_entry *entries;
	size_t entry_count, entry_capacity;
	struct imr_span *unparsed; /* regions error recovery skipped */
	size_t unparsed_count, unparsed_capacity;
	/* Letters joined in one input (cat, a PDF of a batch): the next one,
	 * its ordinal from 1 (0 when the input holds this letter alone), and
	 * the errors met in it (syntax, variant): each letter is complete or
	 * not on its own.  node.span.start is where the letter begins. */
	struct imr_document *next;
	unsigned ordinal;
	size_t errors;
	/* The letter's beginning is lost (its first page or pages): no
	 * header, its first headings missing, read from its items on. */
	bool beginning_lost;
	/* The header's labels found (or their first pieces), a bit (1u <<
	 * field) each (header.c): a label the variant always has but the
	 * header lacks was lost, and its value with it unless placed by its
	 * form or by the dates' order (header-labels-missing). */
	unsigned header_labels;
};

/* Constructors called from the grammar's actions. */
struct imr_text *imr_text_new(struct imr_arena *a, struct imr_line first);
struct imr_text *imr_text_append(struct imr_arena *a, struct imr_text *t, struct imr_line line);
/* A label line: its text starts after the label (NULL if nothing follows). */
struct imr_text *imr_text_after_label(struct imr_arena *a, struct imr_line label);
struct imr_text *imr_text_concat(struct imr_arena *a, struct imr_text *t, struct imr_text *more);
struct imr_text *imr_text_copy(struct imr_arena *a, const struct imr_text *t);

struct imr_header *imr_header_new(struct imr_arena *a);
void imr_header_add(struct imr_arena *a, struct imr_header *h, enum imr_header_label label,
                    struct imr_span label_span, struct imr_text *value);

struct imr_credential *imr_credential_new(struct imr_arena *a, struct imr_line label,
                                          struct imr_text *more);
struct imr_reviewer *imr_reviewer_new(struct imr_arena *a, struct imr_span span,
                                      struct imr_text *text);
void imr_reviewer_add(struct imr_arena *a, struct imr_reviewer *r, struct imr_credential *c);
struct imr_summary_section *imr_summary_new(struct imr_arena *a, struct imr_span span,
                                            struct imr_text *text);
struct imr_guideline *imr_guideline_new(struct imr_arena *a, enum imr_guideline_kind which,
                                        struct imr_line label, struct imr_text *more);
/* An issue from its title lines and the line carrying the decision:
 * "Title: Upheld" (item_line) or "Upheld" alone. */
struct imr_issue *imr_issue_titled(struct imr_arena *a, struct imr_span span,
                                   struct imr_text *title_lines, struct imr_line decision_line,
                                   bool item_line);
/* An item listed without its decision (a professional review's
 * "ISSUE AT DISPUTE:" in plain words). */
struct imr_issue *imr_issue_undecided(struct imr_arena *a, struct imr_span span,
                                      struct imr_text *title);
struct imr_document *imr_document_new(struct imr_arena *a, enum imr_variant variant);
void imr_document_add_entry(struct imr_arena *a, struct imr_document *d, unsigned list,
                            struct imr_text *entry);
void imr_document_add_issue(struct imr_arena *a, struct imr_document *d, struct imr_issue *i);
void imr_document_add_unparsed(struct imr_arena *a, struct imr_document *d, struct imr_span s);
/* A part of kind TEXT: its text (NULL: the part is there, but empty). */
void imr_document_set_part(struct imr_document *d, enum imr_part part, struct imr_text *text);

/* An item's part of kind TEXT: its text. */
void imr_issue_set_part(struct imr_issue *i, enum imr_item_part part, struct imr_text *text);
/* The text of an item's part, any kind (NULL: absent, or the label alone). */
const struct imr_text *imr_issue_part(const struct imr_issue *i, enum imr_item_part part);

/* The AST as an indented outline, for --dump-ast and grammar tests. */
void imr_ast_dump(const struct imr_document *d, const struct imr_source *src, FILE *out);

#endif
