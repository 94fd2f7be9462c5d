/*
 * lexicon.h - the words of treatment requests: drugs and services with
 * their class, dosage forms, units and body regions.
 *
 * The lexicon is data: grammar/lexicon/ *.tsv, one entry a line.  The
 * build turns it into rules of the request scanner and into the tables
 * below (grammar/lexicon.awk writes build/request_lex.l and
 * build/lexicon_data.c), so a lookup is one pass of a DFA over the text,
 * whatever the size of the lexicon, and the longest phrase wins
 * ("Voltaren gel" over "Voltaren").  Matching ignores case and accepts
 * any run of blanks where an entry has a space.
 */
#ifndef IMR_LEXICON_H
#define IMR_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "request.h"

enum imr_lexicon_kind { IMR_LEX_DRUG, IMR_LEX_SERVICE };

/* Flags of an entry (the fourth column of its .tsv). */
enum {
	/* Also an ordinary English word ("Sonata"): in free text it counts
	 * as a drug only before a strength, a number or a dosage form. */
	IMR_LEX_WORD = 1 << 0,
	/* A class of drugs, not a drug ("opioids", "NSAID", "LAO"). */
	IMR_LEX_GROUP = 1 << 1,
	/* Transdermal systemic drug: a patch of it is not topical
	 * ("Fentanyl patch", "Butrans"). */
	IMR_LEX_TRANSDERMAL = 1 << 2,
	/* Says how, not what ("arthroscopic", "ultrasound-guided",
	 * "compounded"): the category comes from another phrase when
	 * there is one. */
	IMR_LEX_MODIFIER = 1 << 3,
	/* Says how much, not what ("supply"): a drug named with it is what
	 * is requested ("One month supply of Norco"). */
	IMR_LEX_AMOUNT = 1 << 4,
	/* A modality that is a therapy when given as a course of sessions
	 * or at a frequency ("Ultrasound to the lumbar spine x 6",
	 * "Electrical muscle stimulation 2x/week"): rehabilitation. */
	IMR_LEX_MODALITY = 1 << 5,
};

struct imr_lexicon_entry {
	const char *phrase;             /* the first spelling of its line */
	enum imr_lexicon_kind kind;
	enum imr_category category;
	enum imr_subcategory subcategory; /* drugs: the class */
	/* Drugs: the class when applied to the skin (diclofenac:
	 * topical-analgesics); NONE: a topical of it is compounded. */
	enum imr_subcategory topical;
	unsigned flags;
	const char *generic;            /* drugs: the generic name of a brand, or NULL */
	const char *form;               /* the form its phrase ends in ("gel"), or NULL */
	const char *file;               /* where it is defined */
	unsigned line;
};

struct imr_lexicon_form {
	const char *token;  /* canonical: "tablet" */
	bool topical;       /* applied to the skin: cream, gel, patch, ... */
};
struct imr_lexicon_unit {
	const char *token;  /* canonical: "mg", "%", "tube" */
	bool amount;        /* an amount (g, ml, tube) rather than a strength (mg, %) */
};
struct imr_lexicon_site {
	const char *token;  /* canonical: "lumbar-spine" */
	bool spinal;
};

/* The tables (generated: build/lexicon_data.c). */
extern const struct imr_lexicon_entry imr_lexicon[];
extern const size_t imr_lexicon_count;
extern const struct imr_lexicon_form imr_lexicon_forms[];
extern const size_t imr_lexicon_form_count;
extern const struct imr_lexicon_unit imr_lexicon_units[];
extern const size_t imr_lexicon_unit_count;
extern const struct imr_lexicon_site imr_lexicon_sites[];
extern const size_t imr_lexicon_site_count;

/* The entry that s[0..n) is, in full (case and blanks as the scanner
 * matches them), or NULL. */
const struct imr_lexicon_entry *imr_lexicon_lookup(const char *s, size_t n);

/* The class of a drug where it is mentioned: topical (a topical form or
 * route) and compound (with other drugs, or said to be compounded). */
enum imr_subcategory imr_drug_class(const struct imr_lexicon_entry *drug, bool topical,
                                    bool compound);

/* A drug named in free text. */
struct imr_drug_mention {
	struct imr_rq_span span;          /* the name as written */
	const struct imr_lexicon_entry *drug;
	enum imr_subcategory drug_class;  /* in context: "Ketoprofen cream" is a compound */
	const char *form;                 /* the form written right after it, or NULL */
};

/* Every drug mention in text[0..len) ("Current medications include
 * Norco, Soma and Lidoderm patches"), in order, in the arena; returns
 * the count.  Classes of drugs ("opioids") are left out unless
 * with_groups.  One pass of the scanner: linear in the text. */
size_t imr_find_drugs(struct imr_arena *a, const char *text, size_t len, bool with_groups,
                      struct imr_drug_mention **out);

#endif
