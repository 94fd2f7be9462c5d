/*
 * request.h - what a disputed item IS: its title decomposed into parts
 * (name, strength, form, quantity, refills, frequency, sessions, body
 * region, spinal levels, date of service) and classified in the
 * Division's taxonomy of treatment requests.
 *
 *   grammar/request.l    the scanner: lexicon phrases (generated from
 *                        grammar/lexicon/ *.tsv), numbers, units, ...
 *   grammar/request.y    the grammar of a title's phrases
 *   src/request.c        entry point; relates the phrases (a frequency
 *                        and a duration make sessions, ...)
 *   src/classify.c       category and subcategory
 *   src/lexicon.c        lexicon lookups, drug mentions in free text
 *
 * Everything is reentrant (one scanner and one parser per call, constant
 * tables) and lives in the caller's arena.  Nothing can fail: what a
 * title does not say is absent, never guessed.  docs/request.md has the
 * vocabulary and how to extend the lexicon.
 */
#ifndef IMR_REQUEST_H
#define IMR_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"

/* The taxonomy: X(ID, "XML token", "the Division's display name").
 * docs/request.md maps each to what goes there. */
#define IMR_CATEGORIES(X)                                                                 \
	X(DIAGNOSTIC, "diagnostic-testing", "Diagnostic Testing")                         \
	X(DMEPOS, "dmepos", "DMEPOS")                                                     \
	X(EVALUATION, "evaluation-management", "Evaluation & Management")                 \
	X(HOME_HEALTH, "home-health", "Home Health")                                      \
	X(INJECTION, "injection", "Injection")                                            \
	X(PHARMACEUTICALS, "pharmaceuticals", "Pharmaceuticals")                          \
	X(PROGRAMS, "programs", "Programs")                                               \
	X(PSYCH, "psych-services", "Psych Services")                                      \
	X(REHABILITATION, "rehabilitation", "Rehabilitation")                             \
	X(SURGERY, "surgery", "Surgery")                                                  \
	X(TRANSPORTATION, "transportation", "Transportation")                             \
	X(OTHER, "other", "Other")

/* X(ID, CATEGORY, "XML token", "display name").  Pharmaceuticals are
 * subdivided by drug class: the Division's own classes first, then the
 * ones the lexicon needs besides. */
#define IMR_SUBCATEGORIES(X)                                                              \
	X(IMAGING, DIAGNOSTIC, "imaging", "Imaging/Radiology")                            \
	X(ELECTRODIAGNOSTIC, DIAGNOSTIC, "emg-ncv", "EMG/NCV/NCS")                        \
	X(LAB, DIAGNOSTIC, "lab-pathology", "Lab & Pathology")                            \
	X(OTHER_TESTING, DIAGNOSTIC, "other-testing", "Other")                            \
	X(DME, DMEPOS, "dme", "DME")                                                      \
	X(ELECTRICAL_STIMULATION, DMEPOS, "electrical-stimulation", "Electrical Stimulation") \
	X(ORTHOTICS, DMEPOS, "prosthetics-orthotics", "Prosthetics/Orthotics")            \
	X(SUPPLIES, DMEPOS, "supplies", "Supplies")                                       \
	X(FACET_INJECTION, INJECTION, "facet-injection", "Facet Injection")               \
	X(INJECTION, INJECTION, "injection", "Injection")                                 \
	X(OPIOIDS, PHARMACEUTICALS, "opioids", "Opioids")                                 \
	X(MUSCLE_RELAXANTS, PHARMACEUTICALS, "muscle-relaxants", "Muscle Relaxant")       \
	X(NSAIDS, PHARMACEUTICALS, "nsaids", "NSAID")                                     \
	X(TOPICAL_ANALGESICS, PHARMACEUTICALS, "topical-analgesics", "Topical Analgesics") \
	X(TOPICAL_COMPOUNDS, PHARMACEUTICALS, "topical-compounds", "Topical Compounds")   \
	X(PPIS, PHARMACEUTICALS, "proton-pump-inhibitors", "Proton Pump Inhibitors")      \
	X(ANTIEPILEPTICS, PHARMACEUTICALS, "anti-epilepsy-drugs", "Anti-epilepsy drugs")  \
	X(ANTIDEPRESSANTS, PHARMACEUTICALS, "antidepressants", "Antidepressant")          \
	X(BENZODIAZEPINES, PHARMACEUTICALS, "benzodiazepines", "Benzodiazepine(s)")       \
	X(SEDATIVE_HYPNOTICS, PHARMACEUTICALS, "sedative-hypnotics", "Sedative-hypnotics") \
	X(ANTIEMETICS, PHARMACEUTICALS, "anti-emetics", "Anti-emetics")                   \
	X(LAXATIVES, PHARMACEUTICALS, "laxatives", "Laxatives and stool softeners")       \
	X(GASTROINTESTINAL, PHARMACEUTICALS, "gastrointestinal-agents", "Gastrointestinal agents") \
	X(NON_OPIOID_ANALGESICS, PHARMACEUTICALS, "non-opioid-analgesics", "Non-opioid analgesics") \
	X(CORTICOSTEROIDS, PHARMACEUTICALS, "corticosteroids", "Corticosteroids")         \
	X(MIGRAINE, PHARMACEUTICALS, "migraine-agents", "Migraine and headache agents")   \
	X(STIMULANTS, PHARMACEUTICALS, "stimulants", "Stimulants")                        \
	X(ANTIPSYCHOTICS, PHARMACEUTICALS, "antipsychotics", "Antipsychotics")            \
	X(ANXIOLYTICS, PHARMACEUTICALS, "anxiolytics", "Anxiolytics")                     \
	X(ANTIHISTAMINES, PHARMACEUTICALS, "antihistamines", "Antihistamines")            \
	X(OPIOID_ANTAGONISTS, PHARMACEUTICALS, "opioid-antagonists", "Opioid antagonists") \
	X(MEDICAL_FOOD, PHARMACEUTICALS, "medical-food", "Medical food")                  \
	X(VITAMINS, PHARMACEUTICALS, "vitamins-supplements", "Vitamins and supplements")  \
	X(CARDIOVASCULAR, PHARMACEUTICALS, "cardiovascular", "Cardiovascular agents")     \
	X(ANTIDIABETICS, PHARMACEUTICALS, "antidiabetics", "Antidiabetics")               \
	X(GENITOURINARY, PHARMACEUTICALS, "genitourinary", "Genitourinary agents")        \
	X(ANTI_INFECTIVES, PHARMACEUTICALS, "anti-infectives", "Anti-infectives")         \
	X(OTHER_MEDICATIONS, PHARMACEUTICALS, "other-medications", "Other medications")   \
	X(ACUPUNCTURE, REHABILITATION, "acupuncture", "Acupuncture")                      \
	X(CHIROPRACTIC, REHABILITATION, "chiropractic", "Chiropractic")                   \
	X(PT_OT, REHABILITATION, "pt-ot", "PT/OT")                                        \
	X(OTHER_THERAPIES, REHABILITATION, "other-therapies", "Other Therapies")          \
	X(ARTHROSCOPIC, SURGERY, "arthroscopic", "Arthroscopic")                          \
	X(NON_ARTHROSCOPIC, SURGERY, "non-arthroscopic", "Non-arthroscopic")              \
	X(SPINE, SURGERY, "spine", "Spine")                                               \
	X(SURGICAL_CONSULT, SURGERY, "surgical-consult", "Surgical Consult")              \
	X(ADJUNCT_SURGICAL, SURGERY, "adjunct-surgical-services", "Adjunct Surgical Services")

enum imr_category {
#define IMR_CATEGORY_ENUM(id, token, name) IMR_CAT_##id,
	IMR_CATEGORIES(IMR_CATEGORY_ENUM) IMR_CATEGORY_COUNT
};

enum imr_subcategory {
	IMR_SUB_NONE, /* the category has no subcategories */
#define IMR_SUBCATEGORY_ENUM(id, cat, token, name) IMR_SUB_##id,
	IMR_SUBCATEGORIES(IMR_SUBCATEGORY_ENUM) IMR_SUBCATEGORY_COUNT
};

const char *imr_category_token(enum imr_category c);
const char *imr_category_name(enum imr_category c);
/* NULL for IMR_SUB_NONE. */
const char *imr_subcategory_token(enum imr_subcategory s);
const char *imr_subcategory_name(enum imr_subcategory s);
enum imr_category imr_subcategory_category(enum imr_subcategory s);

/* Closed vocabularies of the parts: X(ID, "XML token") */
#define IMR_LATERALITIES(X) X(LEFT, "left") X(RIGHT, "right") X(BILATERAL, "bilateral")
#define IMR_PERIODS(X) X(HOUR, "hour") X(DAY, "day") X(WEEK, "week") X(MONTH, "month") X(YEAR, "year")
#define IMR_PERIOPS(X) X(PRE, "pre-operative") X(POST, "post-operative") X(ASSOCIATED, "associated-surgical")

enum imr_laterality {
	IMR_SIDE_NONE,
#define IMR_SIDE_ENUM(id, token) IMR_SIDE_##id,
	IMR_LATERALITIES(IMR_SIDE_ENUM)
};
enum imr_period {
	IMR_PERIOD_NONE,
#define IMR_PERIOD_ENUM(id, token) IMR_PERIOD_##id,
	IMR_PERIODS(IMR_PERIOD_ENUM)
};
enum imr_periop {
	IMR_PERIOP_NONE,
#define IMR_PERIOP_ENUM(id, token) IMR_PERIOP_##id,
	IMR_PERIOPS(IMR_PERIOP_ENUM)
};
const char *imr_laterality_token(enum imr_laterality l); /* NULL for NONE */
const char *imr_period_token(enum imr_period p);
const char *imr_periop_token(enum imr_periop p);

/* Half-open byte offsets into the title given to imr_request_parse. */
struct imr_rq_span {
	uint32_t start, end;
};

struct imr_lexicon_entry; /* lexicon.h */

/* A number as written ("90", "106.32", "twelve", "4-6"): lo == hi
 * unless a range. */
struct imr_rq_number {
	double lo, hi;
	const char *text; /* normalized: "106.32", "12", "4-6" */
};

struct imr_rq_strength {
	struct imr_rq_span span;      /* "10/325mg" */
	const char *value;            /* "10/325", "5", "0.025" */
	const char *unit;             /* canonical unit token ("mg", "%", "mcg/hr"), NULL */
	struct imr_rq_span ingredient; /* in a compound: the drug it is the strength of */
	bool has_ingredient;
};

struct imr_rq_quantity {
	bool present;
	struct imr_rq_span span;      /* "#90", "QTY: 90", "106.32gm", "x 2 bottles" */
	struct imr_rq_number value;
	const char *unit;             /* "g", "ml", "tube", "bottle", ... or NULL */
	const char *form;             /* "#30 patches": "patch"; or NULL */
};

/* "1-2 tabs" in "1-2 tabs orally every 4-6 hrs": what one takes at a time. */
struct imr_rq_dose {
	bool present;
	struct imr_rq_span span;
	struct imr_rq_number value;
	const char *form;             /* canonical form token or NULL */
	const char *unit;             /* "mg", "ml", ... or NULL */
};

/* "2 times a week": times 2 per WEEK.  "every 4-6 hrs": every 4..6 HOUR.
 * "BID": times 2 per DAY.  "as needed" alone: only as_needed. */
struct imr_rq_frequency {
	bool present;
	struct imr_rq_span span;
	int times_lo, times_hi;       /* 0: not stated */
	int every_lo, every_hi;       /* 0: not stated */
	enum imr_period period;       /* NONE: not stated ("2x6") */
	bool as_needed;
};

struct imr_rq_duration {
	bool present;
	struct imr_rq_span span;      /* "6 weeks", "one-month" */
	int count_lo, count_hi;
	enum imr_period period;
};

struct imr_rq_region {
	struct imr_rq_span span;      /* the region's words ("shoulder", "lumbar spine") */
	const char *text;             /* as written */
	const char *site;             /* canonical site token ("lumbar-spine") */
	bool spinal;
	enum imr_laterality laterality;
	struct imr_rq_span side;      /* the laterality's words; empty when inherited */
};

struct imr_rq_level {
	struct imr_rq_span span;      /* "L4-5" */
	char from[4], to[4];          /* "L4", "L5"; a single level has from == to */
};

struct imr_rq_mention {
	struct imr_rq_span span;
	const struct imr_lexicon_entry *entry;
};

struct imr_request {
	const char *title;            /* the title, as given (arena copy) */
	uint32_t length;

	bool has_name;
	struct imr_rq_span name_span;
	const char *name;             /* as written: "Norco", "Physical therapy", "MRI" */
	/* The drugs' generic name: "acetaminophen/hydrocodone" for "Norco"
	 * (ingredients in alphabetical order), or NULL. */
	const char *generic;

	enum imr_category category;
	enum imr_subcategory subcategory;
	/* The lexicon entry the category comes from (NULL: none). */
	const struct imr_lexicon_entry *head;

	/* Every drug or service phrase of the lexicon in the title, in order. */
	struct imr_rq_mention *mentions;
	size_t mention_count;

	struct imr_rq_strength *strengths; /* one per ingredient of a compound */
	size_t strength_count;

	/* A drug's dosage form; in a title without a drug the form word is
	 * part of the name ("Platelet rich plasma injection"). */
	bool has_form;
	struct imr_rq_span form_span;
	const char *form;             /* canonical form token: "tablet", "patch", ... */

	struct imr_rq_quantity quantity;
	struct imr_rq_dose dose;

	bool has_refills;
	struct imr_rq_span refills_span;
	int refills;

	struct imr_rq_frequency frequency;
	struct imr_rq_duration duration;

	bool has_sessions;
	struct imr_rq_span sessions_span;
	int sessions;

	struct imr_rq_region *regions;
	size_t region_count;
	struct imr_rq_level *levels;
	size_t level_count;
	/* A side the title gives to no region word: "Left carpal tunnel
	 * release", "Bilateral L4-5 medial branch blocks". */
	enum imr_laterality laterality;
	struct imr_rq_span laterality_span;

	bool retrospective;           /* "Retrospective", "Retro" or a date of service */
	struct imr_rq_span retro_span;
	bool has_dos;
	struct imr_rq_span dos_span;
	struct imr_date dos, dos_end; /* dos_end.year 0 unless a range */

	enum imr_periop periop;       /* "Pre-op", "Post-op", "Associated surgical service:" */
	struct imr_rq_span periop_span;

	unsigned syntax_errors;       /* grammar recoveries (0 on every known title) */
	/* The title was longer than IMR_REQUEST_MAX_TITLE: only its start,
	 * up to a blank, was read. */
	bool truncated;
};

/* A title is a few lines; this bounds the memory a pathological one takes
 * (the parts take some hundred bytes per byte of title). */
#define IMR_REQUEST_MAX_TITLE 65536

/* Decompose and classify one item title (the <service> string). */
void imr_request_parse(struct imr_arena *a, const char *title, size_t len, struct imr_request *out);

#endif
