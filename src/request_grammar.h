/*
 * request_grammar.h - the inside of the request module: what the
 * scanner (grammar/request.l), the grammar (grammar/request.y) and
 * src/request.c share.  Not for other modules: see request.h and
 * lexicon.h.
 *
 * The scanner turns a title into tokens (lexicon phrases, numbers,
 * units, ...); the grammar reads the tokens into phrases ("parts": a
 * strength, "2 times a week", "the right hip and foot"); request.c
 * relates the parts to each other and fills struct imr_request.
 */
#ifndef IMR_REQUEST_GRAMMAR_H
#define IMR_REQUEST_GRAMMAR_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "lexicon.h"
#include "request.h"

/* The semantic value of every token. */
struct imr_rq_token {
	uint32_t start, end;  /* the token's text */
	uint32_t match_end;   /* where the scanner's match ended: a lexicon
	                         phrase ending in a form word ("Voltaren gel")
	                         gives the form back as the next token */
	int id;               /* lexicon entry, form, unit, site, period,
	                         periop, side or punctuation character */
	double lo, hi;        /* numbers; FREQ: times */
	short every_lo, every_hi; /* FREQ: "q4-6h" */
	bool as_needed;       /* FREQ */
	bool topical;         /* ROUTE: "topically", "transdermal" */
	struct imr_date d1, d2; /* DATE (d2: the end of a range) */
	char from[4], to[4];  /* LEVEL */
};

/* Kinds of words the scanner tells apart among the ordinary ones. */
enum imr_rq_word { IMR_RQ_PLAIN, IMR_RQ_STOP, IMR_RQ_ARTICLE };

/* State the scanner keeps (flex's extra data). */
struct imr_rq_lex_extra {
	const char *base; /* the scanned buffer: spans are offsets into it */
	uint32_t len;     /* the text's length, without the sentinel */
};

/* A phrase the grammar recognised. */
enum imr_rq_part_kind {
	IMR_RQ_P_WORD,       /* an ordinary word: may be part of the name */
	IMR_RQ_P_STOP,       /* of, for, with, ...: ends the name */
	IMR_RQ_P_ARTICLE,
	IMR_RQ_P_PUNCT,      /* id: the character */
	IMR_RQ_P_CONJ,       /* and, or, &, /, comma; id: the character ('a' for "and") */
	IMR_RQ_P_DRUG,       /* id: lexicon entry */
	IMR_RQ_P_SERVICE,    /* id: lexicon entry */
	IMR_RQ_P_FORM,       /* id: form */
	IMR_RQ_P_ROUTE,
	IMR_RQ_P_UNIT_WORD,  /* a unit without a number before it */
	IMR_RQ_P_SESSION_NOUN, /* "sessions" without a number before it */
	IMR_RQ_P_STRENGTH,   /* num (value span), unit (-1: none) */
	IMR_RQ_P_AMOUNT,     /* num, unit or form: "106.32gm", "1 tube", "30 tablets" */
	IMR_RQ_P_COUNT,      /* a bare number */
	IMR_RQ_P_SESSIONS,   /* num */
	IMR_RQ_P_DURATION,   /* num, period */
	IMR_RQ_P_REFILLS,    /* num */
	IMR_RQ_P_FREQUENCY,
	IMR_RQ_P_PRODUCT,    /* "2x6": num times num2, period or sessions noun */
	IMR_RQ_P_REGION,     /* id: site (-1: a side alone), side, group */
	IMR_RQ_P_LEVEL,
	IMR_RQ_P_DOS,        /* with a date when has_date */
	IMR_RQ_P_DATE,
	IMR_RQ_P_RETRO,
	IMR_RQ_P_REQUEST_FOR,
	IMR_RQ_P_PERIOP,     /* id: enum imr_periop */
	IMR_RQ_P_PURPOSE,    /* "to evaluate": what follows is why, not what */
	IMR_RQ_P_FILLER,     /* a token that carries nothing on its own */
};

struct imr_rq_part {
	enum imr_rq_part_kind kind;
	struct imr_rq_span span;
	int id;
	bool times;           /* introduced by "x"/"times" ("x 6 visits") */
	bool hash;            /* introduced by "#" or "QTY:" (a quantity) */
	bool session_noun;    /* PRODUCT: "2x6 visits" */
	struct imr_rq_span value; /* STRENGTH: the number's span */
	double lo, hi;        /* the number */
	double lo2, hi2;      /* PRODUCT: the second number */
	int unit, form;       /* -1: none */
	enum imr_period period;
	/* FREQUENCY */
	int times_lo, times_hi, every_lo, every_hi;
	bool as_needed;
	/* REGION */
	enum imr_laterality side;
	struct imr_rq_span side_span, region_span;
	int group;
	/* LEVEL */
	char from[4], to[4];
	/* DOS, DATE */
	bool has_date;
	struct imr_date d1, d2;
};

/* The value of every grammar symbol. */
struct imr_rq_value {
	struct imr_rq_token tok;
	struct imr_rq_part part;
};

/* What the grammar's actions and yylex share. */
struct imr_rq_parser {
	struct imr_arena *arena;
	const char *text;
	uint32_t len;
	struct imr_rq_token *tokens;
	int *kinds;
	size_t count, pos;
	struct imr_rq_part *parts;
	size_t part_count, part_capacity;
	int groups;       /* region lists made so far */
	unsigned errors;
};

/* ---- the scanner (grammar/request.l, prefix imr_rq_) ---------------- */

/* A scan token by token (for long texts): imr_rq_next returns the
 * token's kind, RQ_YYEOF (0) at the end and after. */
struct imr_rq_stream;
struct imr_rq_stream *imr_rq_open(const char *text, size_t len);
int imr_rq_next(struct imr_rq_stream *s, struct imr_rq_token *t);
void imr_rq_close(struct imr_rq_stream *s);
/* Scan text[0..len) into tokens, in the arena; returns how many (the
 * last is the end of input, kind 0). */
size_t imr_rq_tokenize(struct imr_arena *a, const char *text, size_t len,
                       struct imr_rq_token **tokens, int **kinds);

/* Helpers of the scanner's actions (src/request.c). */
void imr_rq_number(const char *s, size_t n, struct imr_rq_token *t);
enum imr_period imr_rq_period(const char *s, size_t n);
bool imr_rq_level(const char *s, size_t n, struct imr_rq_token *t);
void imr_rq_date(const char *s, size_t n, struct imr_rq_token *t);
void imr_rq_freq(const char *s, size_t n, struct imr_rq_token *t);
enum imr_laterality imr_rq_side(const char *s, size_t n);
enum imr_periop imr_rq_periop(const char *s, size_t n);

/* ---- the grammar's actions (src/request.c) -------------------------- */

void imr_rq_part_init(struct imr_rq_part *p, enum imr_rq_part_kind kind, struct imr_rq_span span);
/* A phrase that starts with a number ("90", "5 mg", "2 times a week"). */
struct imr_rq_part imr_rq_num_phrase(enum imr_rq_part_kind kind, struct imr_rq_span span,
                                     const struct imr_rq_token *num, const struct imr_rq_token *noun);
struct imr_rq_part imr_rq_frequency(struct imr_rq_span span, const struct imr_rq_token *times,
                                    const struct imr_rq_token *every, const struct imr_rq_token *per);
/* "5 days a week", "4 hours a day" */
struct imr_rq_part imr_rq_per_period(struct imr_rq_span span, const struct imr_rq_token *num,
                                     const struct imr_rq_token *unit, const struct imr_rq_token *per);
struct imr_rq_part imr_rq_product(struct imr_rq_span span, const struct imr_rq_token *a,
                                  const struct imr_rq_token *b, const struct imr_rq_token *noun,
                                  bool sessions);
struct imr_rq_part imr_rq_token_part(enum imr_rq_part_kind kind, struct imr_rq_span span,
                                     const struct imr_rq_token *t);
/* A token that stands alone: its kind says what it is. */
void imr_rq_add_token(struct imr_rq_parser *p, int kind, struct imr_rq_span span,
                      const struct imr_rq_token *t);
void imr_rq_add(struct imr_rq_parser *p, const struct imr_rq_part *part);
/* Region lists: the first item opens a group, the others join it. */
int imr_rq_region_list(struct imr_rq_parser *p, int group, const struct imr_rq_part *item);
struct imr_rq_part imr_rq_region_item(struct imr_rq_span span, const struct imr_rq_token *side,
                                      const struct imr_rq_token *region);
struct imr_rq_part imr_rq_level_part(struct imr_rq_span span, const struct imr_rq_token *a,
                                     const struct imr_rq_token *b);

#endif
