/*
 * stats.c - the corpus report: imr2xml --stats [--html FILE] DIR_OR_XML...
 * or imr2xml --stats FILE.sqlite
 *
 * Counts by SQL over the corpus database (db.c, schema.sql): the one named,
 * or one made of the XML files of a batch's output (every *.xml under the
 * directories named, walked in byte order of the names, and the files
 * named), each validated against the embedded schema and loaded as --db
 * loads it.  It counts letters, items, items per letter, letters with more than one item, and
 * the items overturned overall and by year of the decision date, by
 * category, by the reviewer's certifications, by the bodies the reviewer
 * cited and by the reviewer's states of licensure; and the warnings found.
 * The report is a set of tables, printed aligned on stdout, and with
 * --html also one self-contained page (inline CSS, inline SVG bar charts
 * drawn here, no script, nothing fetched), built as a libxml2 tree so
 * that libxml2's serializer does all the escaping.  Published figures are
 * shown beside ours, with their sources (docs/report.md).
 */
#include "stats.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <sqlite3.h>

#include "db.h"
#include "diag.h"
#include "digest.h"
#include "export.h"
#include "imr2xml.h"
#include "output.h"
#include "request.h"
#include "xml.h"

/* ---- counting --------------------------------------------------------- */

/* One row of a breakdown: the letters, items and overturned items under
 * a label; for years also what the published figures need. */
struct group {
	char *label;
	size_t letters, items, overturned;
	size_t multi;       /* letters with more than one item */
	size_t categorized; /* items with a category */
	size_t pharma;      /* items whose category is pharmaceutical */
	long key;           /* the sort key of numbered rows (years, item counts) */
};

struct groups {
	struct group *v;
	size_t n, cap;
};

struct warning_count {
	char *code;
	size_t count, letters;
};

/* A warning, and the letter it is in (the report lists them). */
struct warned {
	char *letter, *code, *line;
};

struct corpus {
	const char *database; /* the database named, or NULL: XML files */
	struct warned *warned;
	size_t nwarned;
	size_t files, letters, items, overturned, multi;
	struct groups years, per_letter, categories, certifications, bodies, states;
	struct warning_count *warnings;
	size_t nwarnings, warnings_cap, warning_total;
	bool oom;
};

static struct group *group_add(struct corpus *c, struct groups *g, const char *label, long key)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		struct group *v = realloc(g->v, cap * sizeof *v);
		if (!v) {
			c->oom = true;
			return NULL;
		}
		g->v = v;
		g->cap = cap;
	}
	struct group *r = &g->v[g->n];
	memset(r, 0, sizeof *r);
	r->label = strdup(label);
	if (!r->label) {
		c->oom = true;
		return NULL;
	}
	r->key = key;
	g->n++;
	return r;
}

static void groups_free(struct groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].label);
	free(g->v);
}

/* Most items first, then by label; numbered rows by their key. */
static int by_items(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->items != y->items)
		return x->items < y->items ? 1 : -1;
	return strcmp(x->label, y->label);
}

static int by_key(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int by_warning(const void *a, const void *b)
{
	const struct warning_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->code, y->code);
}

static void sort_groups(struct groups *g, int (*cmp)(const void *, const void *))
{
	if (g->n) /* qsort wants an array, even of none */
		qsort(g->v, g->n, sizeof *g->v, cmp);
}

/* The bodies a reviewer cites (the schema's vocabulary), and "none". */
static const char *const body_labels[] = {"MTUS", "ODG", "ACOEM", "other", "none"};
enum { NBODIES = sizeof body_labels / sizeof *body_labels };

/* ---- counting: SQL over the database (docs/report.md lists these) -------- */

/* Each breakdown is one query whose rows are: label, key, letters, items,
 * overturned, letters with more than one item, items with a category,
 * pharmaceutical items (the last three for years only, 0 elsewhere).  An
 * item counts once under each distinct value of its letter (or its own)
 * that the breakdown is by; "(none)" and "none" gather the items with
 * none. */
#define SQL_OVERTURNED "sum(i.decision = 'overturned')"
static const char sql_totals[] =
	"SELECT count(*), coalesce(sum(items), 0), coalesce(sum(items > 1), 0),"
	" (SELECT count(*) FROM items WHERE decision = 'overturned') FROM letters";
static const char sql_years[] =
	"SELECT coalesce(y, 'unknown'), coalesce(CAST(y AS INTEGER), 10000), count(*), sum(items),"
	" sum(over), sum(items > 1), sum(cat), sum(pharma) FROM ("
	"  SELECT l.items, CASE WHEN l.decision_date GLOB '[0-9][0-9][0-9][0-9]*'"
	"   THEN substr(l.decision_date, 1, 4) END AS y,"
	"  (SELECT count(*) FROM items i WHERE i.letter_id = l.id AND i.decision = 'overturned') AS over,"
	"  (SELECT count(*) FROM items i WHERE i.letter_id = l.id AND i.category IS NOT NULL) AS cat,"
	"  (SELECT count(*) FROM items i WHERE i.letter_id = l.id"
	"   AND i.category = 'pharmaceuticals') AS pharma"
	"  FROM letters l) GROUP BY y";
static const char sql_per_letter[] =
	"SELECT l.items, l.items, count(*), sum(l.items),"
	" sum((SELECT count(*) FROM items i WHERE i.letter_id = l.id AND i.decision = 'overturned')),"
	" 0, 0, 0 FROM letters l GROUP BY l.items";
static const char sql_categories[] =
	"SELECT coalesce(i.category, '(none)'), 0, count(DISTINCT i.letter_id), count(*), " SQL_OVERTURNED
	", 0, 0, 0 FROM items i GROUP BY 1";
#define BY_CREDENTIAL(kind)                                                                        \
	"SELECT coalesce(c.value, '(none)'), 0, count(DISTINCT i.letter_id), count(*), " SQL_OVERTURNED    \
	", 0, 0, 0 FROM items i LEFT JOIN (SELECT DISTINCT letter_id, value FROM credentials"         \
	" WHERE kind = '" kind "') c ON c.letter_id = i.letter_id GROUP BY 1"
static const char sql_certifications[] = BY_CREDENTIAL("certification");
static const char sql_states[] = BY_CREDENTIAL("license");
static const char sql_bodies[] =
	"SELECT coalesce(b.body, 'none'), 0, count(DISTINCT i.letter_id), count(*), " SQL_OVERTURNED
	", 0, 0, 0 FROM items i LEFT JOIN (SELECT DISTINCT item_id, body FROM citations"
	" WHERE side = 'reviewer') b ON b.item_id = i.id GROUP BY 1";
static const char sql_warnings[] =
	"SELECT code, count(*), count(DISTINCT letter_id) FROM warnings GROUP BY code";
static const char sql_warned[] =
	"SELECT l.source, w.code, coalesce(w.line, '-') FROM warnings w JOIN letters l ON l.id = w.letter_id"
	" ORDER BY l.source, w.line, w.code";

static sqlite3_stmt *prepare(sqlite3 *sql, const char *q)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "imr2xml: error: the report's query failed: %s\n", sqlite3_errmsg(sql));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static size_t column_size(sqlite3_stmt *st, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	return v > 0 ? (size_t)v : 0;
}

static int count_groups(sqlite3 *sql, struct corpus *c, struct groups *g, const char *q)
{
	sqlite3_stmt *st = prepare(sql, q);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *label = (const char *)sqlite3_column_text(st, 0);
		struct group *r = group_add(c, g, label ? label : "", (long)sqlite3_column_int64(st, 1));
		if (!r)
			break;
		r->letters = column_size(st, 2);
		r->items = column_size(st, 3);
		r->overturned = column_size(st, 4);
		r->multi = column_size(st, 5);
		r->categorized = column_size(st, 6);
		r->pharma = column_size(st, 7);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int count_warnings(sqlite3 *sql, struct corpus *c)
{
	sqlite3_stmt *st = prepare(sql, sql_warnings);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (c->nwarnings == c->warnings_cap) {
			size_t cap = c->warnings_cap ? 2 * c->warnings_cap : 16;
			struct warning_count *v = realloc(c->warnings, cap * sizeof *v);
			if (!v) {
				c->oom = true;
				break;
			}
			c->warnings = v;
			c->warnings_cap = cap;
		}
		struct warning_count *w = &c->warnings[c->nwarnings];
		if (!(w->code = strdup((const char *)sqlite3_column_text(st, 0)))) {
			c->oom = true;
			break;
		}
		w->count = column_size(st, 1);
		w->letters = column_size(st, 2);
		c->warning_total += w->count;
		c->nwarnings++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static char *column_copy(struct corpus *c, sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	char *copy = strdup(v ? v : "");
	if (!copy)
		c->oom = true;
	return copy;
}

static int list_warned(sqlite3 *sql, struct corpus *c)
{
	sqlite3_stmt *st = prepare(sql, sql_warned);
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !c->oom) {
		if (c->nwarned == cap) {
			cap = cap ? 2 * cap : 16;
			struct warned *v = realloc(c->warned, cap * sizeof *v);
			if (!v) {
				c->oom = true;
				break;
			}
			c->warned = v;
		}
		struct warned *w = &c->warned[c->nwarned++];
		w->letter = column_copy(c, st, 0);
		w->code = column_copy(c, st, 1);
		w->line = column_copy(c, st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Categories by the Division's names ("DMEPOS", "Evaluation &
 * Management"), not the XML's tokens; a token not in the taxonomy as it
 * is. */
static void name_categories(struct corpus *c)
{
	static const struct {
		const char *token, *name;
	} names[] = {
#define CATEGORY_NAME(id, token, name) {token, name},
		IMR_CATEGORIES(CATEGORY_NAME)
#undef CATEGORY_NAME
	};
	for (size_t i = 0; i < c->categories.n; i++)
		for (size_t k = 0; k < sizeof names / sizeof *names; k++)
			if (strcmp(c->categories.v[i].label, names[k].token) == 0) {
				char *name = strdup(names[k].name);
				if (!name) {
					c->oom = true;
					return;
				}
				free(c->categories.v[i].label);
				c->categories.v[i].label = name;
				break;
			}
}

/* The whole corpus's counts, from the database. */
static int count_corpus(sqlite3 *sql, struct corpus *c)
{
	sqlite3_stmt *st = prepare(sql, sql_totals);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->letters = column_size(st, 0);
		c->items = column_size(st, 1);
		c->multi = column_size(st, 2);
		c->overturned = column_size(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	if (count_groups(sql, c, &c->categories, sql_categories))
		return -1;
	name_categories(c);
	return count_groups(sql, c, &c->years, sql_years) ||
	               count_groups(sql, c, &c->per_letter, sql_per_letter) ||
	               count_groups(sql, c, &c->certifications, sql_certifications) ||
	               count_groups(sql, c, &c->states, sql_states) ||
	               count_groups(sql, c, &c->bodies, sql_bodies) || count_warnings(sql, c) ||
	               list_warned(sql, c)
	           ? -1
	           : 0;
}

/* ---- reading the corpus -------------------------------------------------- */

/* XML files are loaded, as --db loads them, into a temporary database;
 * a database file is read as it is. */
struct reader {
	struct corpus *corpus;
	struct imr_validator *validator; /* NULL: --no-validate */
	struct imr_db *db;               /* the XML files' rows */
	struct imr_db_loader *loader;
	struct imr_db_rows rows;
	size_t databases;                /* database files named */
	int status;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *s = malloc(cap);
	while (s && (got = fread(s + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *p = cap < SIZE_MAX / 2 ? realloc(s, cap * 2) : NULL;
			if (!p) {
				free(s);
				s = NULL;
				errno = ENOMEM;
				break;
			}
			s = p;
			cap *= 2;
		}
	}
	if (s && ferror(f)) {
		free(s);
		s = NULL;
	}
	fclose(f);
	*len = n;
	return s;
}

static void worse(struct reader *r, int st)
{
	if (st > r->status)
		r->status = st;
}

static const char sqlite_magic[] = "SQLite format 3";

static void read_file(struct reader *r, const char *path)
{
	size_t len = 0;
	char *data = slurp(path, &len);
	if (!data) {
		fprintf(stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
		worse(r, IMR_USAGE);
		return;
	}
	struct imr_diags diags;
	imr_diags_init(&diags);
	xmlDocPtr doc = NULL;
	bool ours = false;
	if (len >= sizeof sqlite_magic && memcmp(data, sqlite_magic, sizeof sqlite_magic) == 0) {
		imr_diag_add(&diags, IMR_ERROR, 0, 0, NULL, 0,
		             "a database: --stats reads one database alone, or XML files");
		worse(r, IMR_USAGE);
	} else if (!imr_is_xml(data, len)) {
		imr_diag_add(&diags, IMR_ERROR, 0, 0, NULL, 0,
		             "%s, not imr2xml's XML: convert it first (imr2xml -d OUTDIR, or --db)",
		             len >= 5 && memcmp(data, "%PDF-", 5) == 0 ? "a PDF" : "not XML");
	} else {
		size_t errors = diags.errors;
		doc = imr_xml_read(data, len, &diags);
		if (!doc && diags.errors == errors)
			imr_diag_add(&diags, IMR_ERROR, 0, 0, NULL, 0, "not well-formed XML");
		ours = doc && imr_is_determination(doc, &diags) &&
		       (!r->validator || imr_validate_doc(r->validator, doc, &diags));
		r->corpus->files++;
	}
	/* A letter is known by its sha256; XML that does not record the
	 * letter's, by its own. */
	char sha[65];
	imr_sha256_hex(data, len, sha);
	free(data);
	if (ours) {
		bool added;
		int e = imr_db_rows_of_doc(r->loader, doc, path, sha, &r->rows);
		if (e)
			r->corpus->oom = true;
		if (e || imr_db_insert(r->db, &r->rows, &added) != 0)
			ours = false;
	}
	imr_diags_print(&diags, path, stderr);
	imr_diags_free(&diags);
	if (!ours)
		worse(r, IMR_REJECTED);
	xmlFreeDoc(doc);
}

static int not_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool xml_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Every *.xml under dir, depth first in byte order; symbolic links to
 * directories are not followed. */
static void walk(struct reader *r, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, not_dots, by_name);
	if (n < 0) {
		fprintf(stderr, "%s: error: cannot read directory: %s\n", dir, strerror(errno));
		worse(r, IMR_USAGE);
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(list[i]->d_name) + 2;
		char *path = malloc(len);
		if (path) {
			snprintf(path, len, "%s/%s", dir, list[i]->d_name);
			struct stat st;
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				walk(r, path);
			else if (xml_name(list[i]->d_name) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
				read_file(r, path);
		} else {
			r->corpus->oom = true;
		}
		free(path);
		free(list[i]);
	}
	free(list);
}

/* ---- the tables ----------------------------------------------------------- */

enum { MAX_COLS = 8 };

struct table {
	const char *id;    /* the chart's and the section's name */
	const char *title;
	const char *note;  /* how it counts, or NULL */
	int ncols;
	const char *heads[MAX_COLS];
	char **cells;      /* nrows * ncols strings */
	size_t nrows, cap;
};

static void table_row(struct corpus *c, struct table *t, ...)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		char **v = realloc(t->cells, cap * (size_t)t->ncols * sizeof *v);
		if (!v) {
			c->oom = true;
			return;
		}
		t->cells = v;
		t->cap = cap;
	}
	va_list ap;
	va_start(ap, t);
	for (int i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);
		char *d = strdup(s ? s : "-");
		if (!d)
			c->oom = true;
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = d;
	}
	va_end(ap);
	t->nrows++;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* Number formats: counts, shares, items per letter; "-" when there is
 * nothing to divide. */
typedef char num[32];
/* A figure with what it is made of. */
typedef char figure[96];

static const char *count_s(num b, size_t n)
{
	snprintf(b, sizeof(num), "%zu", n);
	return b;
}

static const char *pct_s(num b, size_t part, size_t whole)
{
	if (!whole)
		return "-";
	snprintf(b, sizeof(num), "%.1f%%", 100.0 * (double)part / (double)whole);
	return b;
}

static const char *ratio_s(num b, size_t items, size_t letters)
{
	if (!letters)
		return "-";
	snprintf(b, sizeof(num), "%.2f", (double)items / (double)letters);
	return b;
}

/* The plural's "s": "1 item", "2 items". */
#define S(n) ((n) == 1 ? "" : "s")

/* ---- the published figures ----------------------------------------------- */

enum metric { UPHELD, ITEMS_PER_LETTER, MULTI, OVERTURNED, PHARMA };

/* X(metric, first year, last year, published (text), low, high, who, source) */
#define PUBLISHED(X)                                                                               \
	X(UPHELD, 2014, 2014, "91%", 91.0, 91.0, "the CWCI",                                       \
	  "the California Workers' Compensation Institute (CWCI), IMR study of the 2014 letters")   \
	X(ITEMS_PER_LETTER, 2014, 2014, "1.9", 1.9, 1.9, "the CWCI",                               \
	  "the CWCI, IMR study of the 2014 letters (260,889 items in 137,781 letters)")             \
	X(MULTI, 2015, 2015, "39%", 39.0, 39.0, "the CWCI", "the CWCI, IMR study of the 2015 letters") \
	X(OVERTURNED, 2016, 2016, "8.4%", 8.4, 8.4, "the DWC",                                     \
	  "the DWC's annual IMR report on 2016 (91.6% upheld), DWC/CHSWC annual reports")           \
	X(OVERTURNED, 2024, 2024, "12.7%", 12.7, 12.7, "the DWC",                                  \
	  "the DWC's annual IMR report on 2024, DWC/CHSWC annual reports")                          \
	X(PHARMA, 2014, 2018, "45-48%", 45.0, 48.0, "the CWCI", "the CWCI IMR studies, 2014 to 2018")

static const struct published {
	enum metric metric;
	int from, to;
	const char *text;
	double low, high;
	const char *who, *source;
} published[] = {
#define AS_REF(m, from, to, text, low, high, who, source) {m, from, to, text, low, high, who, source},
	PUBLISHED(AS_REF)
#undef AS_REF
};
enum { NPUBLISHED = sizeof published / sizeof *published };

static const char *const metric_names[] = {
	[UPHELD] = "items upheld",
	[ITEMS_PER_LETTER] = "items per letter",
	[MULTI] = "letters with more than one item",
	[OVERTURNED] = "items overturned",
	[PHARMA] = "pharmaceutical items (share)",
};

/* The same, short enough for a chart's label. */
static const char *const metric_short[] = {
	[UPHELD] = "upheld",
	[ITEMS_PER_LETTER] = "items per letter",
	[MULTI] = "more than one item",
	[OVERTURNED] = "overturned",
	[PHARMA] = "pharmaceuticals",
};

/* No figure of ours is set beside a published one on fewer items (or
 * letters) than this: a rate of 6 items says nothing of a population. */
enum { MIN_BASE = 30 };

/* This corpus's figure for a published one, over its letters decided in
 * the published figure's years: the value, what it is made of (part of
 * base: items, letters, or items with a category), and the years of
 * ours it covers. */
struct ours {
	double value;
	size_t part, base;
	const char *unit; /* of base: "item", "letter" */
	long from, to;    /* the years of our letters among the published ones */
};

/* False when ours has nothing to compare (no letter of those years). */
static bool ours_for(const struct corpus *c, const struct published *p, struct ours *o)
{
	size_t letters = 0, items = 0, over = 0, multi = 0, categorized = 0, pharma = 0;
	memset(o, 0, sizeof *o);
	for (size_t i = 0; i < c->years.n; i++) {
		const struct group *y = &c->years.v[i];
		if (y->key < p->from || y->key > p->to || !y->letters)
			continue;
		o->from = o->from && o->from < y->key ? o->from : y->key;
		o->to = o->to > y->key ? o->to : y->key;
		letters += y->letters;
		items += y->items;
		over += y->overturned;
		multi += y->multi;
		categorized += y->categorized;
		pharma += y->pharma;
	}
	o->unit = "item";
	switch (p->metric) {
	case UPHELD:
		o->part = items - over, o->base = items;
		break;
	case ITEMS_PER_LETTER:
		o->part = items, o->base = letters, o->unit = "letter";
		break;
	case MULTI:
		o->part = multi, o->base = letters, o->unit = "letter";
		break;
	case OVERTURNED:
		o->part = over, o->base = items;
		break;
	case PHARMA:
		o->part = pharma, o->base = categorized;
		break;
	}
	if (!o->base)
		return false;
	o->value = p->metric == ITEMS_PER_LETTER ? (double)o->part / (double)o->base
	                                         : 100.0 * (double)o->part / (double)o->base;
	return true;
}

static bool enough(const struct ours *o)
{
	return o->base >= MIN_BASE;
}

/* "1 item", "2 items". */
static const char *plural(num b, size_t n, const char *unit)
{
	snprintf(b, sizeof(num), "%zu %s%s", n, unit, n == 1 ? "" : "s");
	return b;
}

/* Ours beside a published figure: "25.7% (52 of 202 items, 2016-2017)",
 * "2.10 (42 items in 20 letters, 2014)"; "too few: 6 items" under
 * MIN_BASE; "-" with none. */
static const char *ours_s(figure b, const struct corpus *c, const struct published *p)
{
	struct ours o;
	num n, years;
	if (!ours_for(c, p, &o))
		return "-";
	if (!enough(&o)) {
		snprintf(b, sizeof(figure), "too few: %s", plural(n, o.base, o.unit));
		return b;
	}
	if (o.from == o.to)
		snprintf(years, sizeof years, "%ld", o.from);
	else
		snprintf(years, sizeof years, "%ld-%ld", o.from, o.to);
	if (p->metric == ITEMS_PER_LETTER)
		snprintf(b, sizeof(figure), "%.2f (%zu items in %s, %s)", o.value, o.part,
		         plural(n, o.base, o.unit), years);
	else
		snprintf(b, sizeof(figure), "%.1f%% (%zu of %s, %s)", o.value, o.part,
		         plural(n, o.base, o.unit), years);
	return b;
}

static const char *years_s(num b, const struct published *p)
{
	if (p->from == p->to)
		snprintf(b, sizeof(num), "%d", p->from);
	else
		snprintf(b, sizeof(num), "%d-%d", p->from, p->to);
	return b;
}

/* ---- the report as tables ----------------------------------------------- */

enum { T_OVERALL, T_PER_LETTER, T_YEAR, T_CATEGORY, T_CERTIFICATION, T_BODY, T_STATE, T_WARNINGS,
       T_WARNED, T_PUBLISHED, NTABLES };

static void breakdown(struct corpus *c, struct table *t, struct groups *g, bool letters)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct group *r = &g->v[i];
		num a, b, d, e;
		if (letters)
			table_row(c, t, r->label, count_s(a, r->letters), count_s(b, r->items),
			          count_s(d, r->overturned), pct_s(e, r->overturned, r->items));
		else
			table_row(c, t, r->label, count_s(a, r->items), pct_s(b, r->items, c->items),
			          count_s(d, r->overturned), pct_s(e, r->overturned, r->items));
	}
}

static void make_tables(struct corpus *c, struct table *t)
{
	num a, b, d, e, f, g;
	t[T_OVERALL] = (struct table){"overall", "The corpus", NULL, 3, {"", "number", "share"}, NULL, 0, 0};
	table_row(c, &t[T_OVERALL], "letters", count_s(a, c->letters), "-");
	table_row(c, &t[T_OVERALL], "items", count_s(a, c->items), "-");
	table_row(c, &t[T_OVERALL], "items per letter", ratio_s(a, c->items, c->letters), "-");
	table_row(c, &t[T_OVERALL], "letters with more than one item", count_s(a, c->multi),
	          pct_s(b, c->multi, c->letters));
	table_row(c, &t[T_OVERALL], "items upheld", count_s(a, c->items - c->overturned),
	          pct_s(b, c->items - c->overturned, c->items));
	table_row(c, &t[T_OVERALL], "items overturned", count_s(a, c->overturned),
	          pct_s(b, c->overturned, c->items));

	t[T_PER_LETTER] = (struct table){"items-per-letter", "Letters by number of items", NULL, 3,
	                                 {"items", "letters", "share"}, NULL, 0, 0};
	sort_groups(&c->per_letter, by_key);
	for (size_t i = 0; i < c->per_letter.n; i++)
		table_row(c, &t[T_PER_LETTER], c->per_letter.v[i].label,
		          count_s(a, c->per_letter.v[i].letters),
		          pct_s(b, c->per_letter.v[i].letters, c->letters));

	t[T_YEAR] = (struct table){"year", "By year of the decision date", NULL, 7,
	                           {"year", "letters", "items", "items/letter", ">1 item", "overturned",
	                            "rate"}, NULL, 0, 0};
	sort_groups(&c->years, by_key);
	for (size_t i = 0; i < c->years.n; i++) {
		const struct group *y = &c->years.v[i];
		table_row(c, &t[T_YEAR], y->label, count_s(a, y->letters), count_s(b, y->items),
		          ratio_s(d, y->items, y->letters), pct_s(e, y->multi, y->letters),
		          count_s(f, y->overturned), pct_s(g, y->overturned, y->items));
	}

	t[T_CATEGORY] = (struct table){"category", "By category of the item", NULL, 5,
	                               {"category", "items", "share", "overturned", "rate"}, NULL, 0, 0};
	sort_groups(&c->categories, by_items);
	breakdown(c, &t[T_CATEGORY], &c->categories, false);

	t[T_CERTIFICATION] = (struct table){
		"certification", "By the reviewer's certification",
		"an item counts under each certification of its reviewer", 5,
		{"certification", "letters", "items", "overturned", "rate"}, NULL, 0, 0};
	sort_groups(&c->certifications, by_items);
	breakdown(c, &t[T_CERTIFICATION], &c->certifications, true);

	t[T_BODY] = (struct table){"body", "By the body the reviewer cited",
	                           "an item counts under each body its reviewer cited; none: no citation",
	                           5, {"body", "items", "share", "overturned", "rate"}, NULL, 0, 0};
	for (int i = 0; i < NBODIES; i++) {
		const struct group *r = NULL;
		for (size_t k = 0; k < c->bodies.n && !r; k++)
			if (strcmp(c->bodies.v[k].label, body_labels[i]) == 0)
				r = &c->bodies.v[k];
		size_t items = r ? r->items : 0, over = r ? r->overturned : 0;
		table_row(c, &t[T_BODY], body_labels[i], count_s(a, items), pct_s(b, items, c->items),
		          count_s(d, over), pct_s(e, over, items));
	}

	t[T_STATE] = (struct table){"state", "By the reviewer's state of licensure",
	                            "an item counts under each state its reviewer is licensed in", 5,
	                            {"state", "letters", "items", "overturned", "rate"}, NULL, 0, 0};
	sort_groups(&c->states, by_items);
	breakdown(c, &t[T_STATE], &c->states, true);

	t[T_WARNINGS] = (struct table){"warnings", "Warnings", NULL, 3, {"code", "found", "letters"}, NULL, 0, 0};
	if (c->nwarnings) /* qsort wants an array, even of none */
		qsort(c->warnings, c->nwarnings, sizeof *c->warnings, by_warning);
	for (size_t i = 0; i < c->nwarnings; i++)
		table_row(c, &t[T_WARNINGS], c->warnings[i].code, count_s(a, c->warnings[i].count),
		          count_s(b, c->warnings[i].letters));

	t[T_PUBLISHED] = (struct table){
		"published", "Beside the published figures",
		"this corpus: over its letters decided in the same years, never on fewer than 30 items (or letters)", 5,
		{"figure", "year", "published", "this corpus", "as published by"}, NULL, 0, 0};
	t[T_WARNED] = (struct table){"warned", "Letters with warnings", NULL, 3, {"letter", "code", "line"},
	                             NULL, 0, 0};
	for (size_t i = 0; i < c->nwarned; i++)
		table_row(c, &t[T_WARNED], c->warned[i].letter, c->warned[i].code, c->warned[i].line);

	figure fig;
	for (int i = 0; i < NPUBLISHED; i++)
		table_row(c, &t[T_PUBLISHED], metric_names[published[i].metric], years_s(a, &published[i]),
		          published[i].text, ours_s(fig, c, &published[i]), published[i].source);
}

/* ---- text ------------------------------------------------------------------ */

/* Display width: UTF-8 code points. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/* The first column left-aligned, the others right-aligned (the source
 * column of the published figures left-aligned too), two spaces apart. */
static void print_table(FILE *out, const struct table *t)
{
	fprintf(out, "%s\n", t->title);
	if (t->note)
		fprintf(out, "(%s)\n", t->note);
	if (!t->nrows) {
		fputs("  none found\n\n", out);
		return;
	}
	size_t w[MAX_COLS];
	for (int k = 0; k < t->ncols; k++) {
		w[k] = width(t->heads[k]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t x = width(t->cells[r * (size_t)t->ncols + (size_t)k]);
			if (x > w[k])
				w[k] = x;
		}
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (int k = 0; k < t->ncols; k++) {
			const char *s = r == 0 ? t->heads[k] : t->cells[(r - 1) * (size_t)t->ncols + (size_t)k];
			bool left = k == 0 || (strcmp(t->id, "published") == 0 && k == t->ncols - 1);
			bool last = k == t->ncols - 1;
			if (k)
				fputs("  ", out);
			if (left) {
				fputs(s, out);
				if (!last)
					pad(out, w[k] - width(s));
			} else {
				pad(out, w[k] - width(s));
				fputs(s, out);
			}
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}

/* ---- HTML ------------------------------------------------------------------ */

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define SVG_NS "http://www.w3.org/2000/svg"

/* No '<', '>' or '&' in it: the page is XHTML, and <style> is raw text in HTML. */
static const char css[] =
	":root{--ink:#1d2433;--muted:#5b6474;--line:#e3e6ec;--ours:#2f6fdb;--over:#e0593b;"
	"--pub:#9aa3b2;--bg:#f6f7f9}"
	"*{box-sizing:border-box}"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
	"color:var(--ink);background:var(--bg)}"
	"header{background:#1d2433;color:#fff;padding:28px 40px}"
	"header h1{margin:0 0 6px;font-size:26px;font-weight:650}"
	"header p{margin:0;color:#c9cfdb}"
	"main{padding:24px 40px 40px;max-width:1180px}"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:14px;"
	"margin-bottom:26px}"
	".card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 18px}"
	".card .value{font-size:32px;font-weight:700;color:var(--ours)}"
	".card .label{font-weight:600}"
	".card .ref{color:var(--muted);font-size:13px;margin-top:6px}"
	"section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;"
	"margin-bottom:18px}"
	"section h2{margin:0 0 4px;font-size:19px}"
	"section p.note{margin:0 0 12px;color:var(--muted);font-size:13px}"
	".pair{display:flex;flex-wrap:wrap;gap:26px;align-items:flex-start}"
	"table{border-collapse:collapse;font-size:13.5px}"
	"th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:right}"
	"th{color:var(--muted);font-weight:600}"
	"td:first-child,th:first-child{text-align:left}"
	"td{white-space:nowrap}"
	"td.text,th.text{text-align:left;color:var(--muted);white-space:normal}"
	"svg{font-size:12px}"
	"svg .label{fill:var(--ink)}"
	"svg .value{fill:var(--muted)}"
	"svg .bar.ours,svg .bar{fill:var(--ours)}"
	"svg .bar.published{fill:var(--pub)}"
	"svg .over{fill:var(--over)}"
	"svg .track{fill:#eef1f5}"
	"svg .axis{stroke:var(--muted);stroke-width:1}"
	"svg .tick{fill:var(--muted);font-size:11px}"
	"svg .ref{stroke:var(--ink);stroke-width:2;stroke-dasharray:3 2}"
	"svg .reftext{fill:var(--ink);font-size:11px}"
	".legend span{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px}"
	".legend{color:var(--muted);font-size:12.5px;margin-top:6px}"
	"footer{color:var(--muted);font-size:12.5px;padding:0 40px 30px;max-width:1180px}";

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

static void attr(xmlNodePtr node, const char *name, const char *value)
{
	if (node)
		xmlNewProp(node, BAD_CAST name, BAD_CAST value);
}

static void attrf(xmlNodePtr node, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void attrf(xmlNodePtr node, const char *name, const char *fmt, ...)
{
	char b[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	attr(node, name, b);
}

static xmlNodePtr el_class(xmlNodePtr parent, const char *name, const char *cls, const char *text)
{
	xmlNodePtr n = el(parent, name, text);
	attr(n, "class", cls);
	return n;
}

static void html_table(xmlNodePtr parent, const struct table *t)
{
	if (!t->nrows) {
		el_class(parent, "p", "note", "None found.");
		return;
	}
	xmlNodePtr table = el(parent, "table", NULL);
	attrf(table, "id", "table-%s", t->id);
	xmlNodePtr tr = el(el(table, "thead", NULL), "tr", NULL);
	for (int k = 0; k < t->ncols; k++) {
		xmlNodePtr th = el(tr, "th", t->heads[k]);
		if (strcmp(t->id, "published") == 0 && k == t->ncols - 1)
			attr(th, "class", "text");
	}
	xmlNodePtr body = el(table, "tbody", NULL);
	for (size_t r = 0; r < t->nrows; r++) {
		tr = el(body, "tr", NULL);
		for (int k = 0; k < t->ncols; k++) {
			const char *s = t->cells[r * (size_t)t->ncols + (size_t)k];
			if (strcmp(t->id, "published") == 0 && k == t->ncols - 1)
				el_class(tr, "td", "text", s);
			else
				el(tr, "td", s);
		}
	}
}

/* One bar of a chart: a length on the chart's scale, an overlaid part
 * (overturned items) and a reference mark, each optional. */
struct bar {
	const char *label;
	double value, part;
	const char *value_text;
	const char *cls;     /* "bar", "bar published", ... */
	double ref;          /* < 0: none */
	const char *ref_text;
};

enum { CHART_LABEL = 210, CHART_BARS = 330, CHART_ROW = 26, CHART_TEXT = 200 };

enum { CHART_AXIS = 36, CHART_TICKS = 4 };

/* Under the bars: a scale from 0 to max, CHART_TICKS steps, each marked
 * with its value (a percent sign for percents), and what it counts. */
static void axis(xmlNodePtr svg, double y, double max, const char *unit)
{
	bool percent = strcmp(unit, "percent") == 0;
	xmlNodePtr line = el_class(svg, "line", "axis", NULL);
	attrf(line, "x1", "%d", CHART_LABEL);
	attrf(line, "x2", "%d", CHART_LABEL + CHART_BARS);
	attrf(line, "y1", "%.1f", y);
	attrf(line, "y2", "%.1f", y);
	for (int k = 0; k <= CHART_TICKS; k++) {
		double x = CHART_LABEL + (double)k * CHART_BARS / CHART_TICKS;
		xmlNodePtr tick = el_class(svg, "line", "axis", NULL);
		attrf(tick, "x1", "%.1f", x);
		attrf(tick, "x2", "%.1f", x);
		attrf(tick, "y1", "%.1f", y);
		attrf(tick, "y2", "%.1f", y + 4);
		char v[32];
		snprintf(v, sizeof v, percent ? "%.3g%%" : "%.3g", max * k / CHART_TICKS);
		xmlNodePtr t = el_class(svg, "text", "tick", v);
		attrf(t, "x", "%.1f", x);
		attrf(t, "y", "%.1f", y + 15);
		attr(t, "text-anchor", "middle");
	}
	xmlNodePtr t = el_class(svg, "text", "tick", unit);
	attrf(t, "x", "%d", CHART_LABEL + CHART_BARS + 24);
	attrf(t, "y", "%.1f", y + 15);
}

/* A horizontal bar chart, drawn here: one <rect class="bar..."> a bar,
 * on a scale from 0 to max of unit ("items", "percent") drawn below. */
static void chart(xmlNodePtr parent, const char *id, const char *title, const struct bar *bars,
                  size_t n, double max, const char *unit)
{
	if (max <= 0)
		max = 1;
	/* Counts: whole numbers at every tick. */
	if (strcmp(unit, "percent") != 0)
		max = ceil(max / CHART_TICKS) * CHART_TICKS;
	xmlNodePtr svg = xmlNewChild(parent, NULL, BAD_CAST "svg", NULL);
	xmlNsPtr ns = xmlNewNs(svg, BAD_CAST SVG_NS, NULL);
	xmlSetNs(svg, ns);
	int w = CHART_LABEL + CHART_BARS + CHART_TEXT, h = (int)n * CHART_ROW + 8 + CHART_AXIS;
	attrf(svg, "width", "%d", w);
	attrf(svg, "height", "%d", h);
	attrf(svg, "viewBox", "0 0 %d %d", w, h);
	attr(svg, "class", "chart");
	attr(svg, "data-chart", id);
	attr(svg, "role", "img");
	el(svg, "title", title);
	for (size_t i = 0; i < n; i++) {
		const struct bar *b = &bars[i];
		double y = (double)i * CHART_ROW + 4;
		/* Long labels are shortened; the whole one is the bar's title. */
		char label[40];
		size_t len = strlen(b->label);
		if (width(b->label) > 30) {
			size_t cut = 0, chars = 0;
			while (cut < len && chars < 28) {
				cut++;
				while (cut < len && ((unsigned char)b->label[cut] & 0xC0) == 0x80)
					cut++;
				chars++;
			}
			snprintf(label, sizeof label, "%.*s\xE2\x80\xA6", (int)cut, b->label);
		} else {
			snprintf(label, sizeof label, "%s", b->label);
		}
		xmlNodePtr t = el_class(svg, "text", "label", label);
		attrf(t, "x", "%d", CHART_LABEL - 8);
		attrf(t, "y", "%.1f", y + 15);
		attr(t, "text-anchor", "end");
		xmlNodePtr track = el_class(svg, "rect", "track", NULL);
		attrf(track, "x", "%d", CHART_LABEL);
		attrf(track, "y", "%.1f", y + 3);
		attrf(track, "width", "%d", CHART_BARS);
		attr(track, "height", "16");
		double bw = b->value / max * CHART_BARS;
		xmlNodePtr r = el_class(svg, "rect", b->cls, NULL);
		attrf(r, "x", "%d", CHART_LABEL);
		attrf(r, "y", "%.1f", y + 3);
		attrf(r, "width", "%.1f", bw < 0 ? 0 : bw);
		attr(r, "height", "16");
		attr(r, "rx", "2");
		char tip[600];
		snprintf(tip, sizeof tip, "%s: %s", b->label, b->value_text);
		el(r, "title", tip);
		if (b->part > 0) {
			xmlNodePtr o = el_class(svg, "rect", "over", NULL);
			attrf(o, "x", "%d", CHART_LABEL);
			attrf(o, "y", "%.1f", y + 3);
			attrf(o, "width", "%.1f", b->part / max * CHART_BARS);
			attr(o, "height", "16");
			attr(o, "rx", "2");
		}
		xmlNodePtr v = el_class(svg, "text", "value", b->value_text);
		attrf(v, "x", "%d", CHART_LABEL + CHART_BARS + 6);
		attrf(v, "y", "%.1f", y + 15);
		if (b->ref >= 0) {
			double x = CHART_LABEL + b->ref / max * CHART_BARS;
			xmlNodePtr l = el_class(svg, "line", "ref", NULL);
			attrf(l, "x1", "%.1f", x);
			attrf(l, "x2", "%.1f", x);
			attrf(l, "y1", "%.1f", y);
			attrf(l, "y2", "%.1f", y + 22);
			if (b->ref_text)
				el(l, "title", b->ref_text);
		}
	}
	axis(svg, (double)n * CHART_ROW + 10, max, unit);
}

/* A chart's scale: the largest value (and reference), rounded up. */
static double scale(double max, double step)
{
	double s = step;
	while (s < max * 1.05)
		s += step;
	return s;
}

static void legend(xmlNodePtr parent, const char *const *items, size_t n)
{
	xmlNodePtr p = el_class(parent, "p", "legend", NULL);
	for (size_t i = 0; i + 1 < n; i += 2) {
		xmlNodePtr s = el(p, "span", "");
		attrf(s, "style", "background:var(--%s)", items[i]);
		xmlNodeAddContent(p, BAD_CAST items[i + 1]);
	}
}

/* The items of a breakdown: a bar per row, its overturned part in red. */
static void chart_groups(xmlNodePtr parent, const char *id, const char *title, struct groups *g)
{
	struct bar *bars = calloc(g->n + 1, sizeof *bars);
	char (*texts)[64] = calloc(g->n + 1, sizeof *texts);
	if (!bars || !texts) {
		free(bars);
		free(texts);
		return;
	}
	double max = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct group *r = &g->v[i];
		snprintf(texts[i], sizeof texts[i], "%zu item%s, %zu overturned", r->items, S(r->items),
		         r->overturned);
		bars[i] = (struct bar){r->label, (double)r->items, (double)r->overturned, texts[i], "bar", -1,
		                       NULL};
		if ((double)r->items > max)
			max = (double)r->items;
	}
	chart(parent, id, title, bars, g->n, scale(max, max > 50 ? 10 : 1), "items");
	free(bars);
	free(texts);
}

static void section_head(xmlNodePtr sec, const struct table *t)
{
	attrf(sec, "id", "%s", t->id);
	el(sec, "h2", t->title);
	if (t->note)
		el_class(sec, "p", "note", t->note);
}

static void card(xmlNodePtr parent, const char *value, const char *label, const char *ref)
{
	xmlNodePtr c = el_class(parent, "div", "card", NULL);
	el_class(c, "div", "value", value);
	el_class(c, "div", "label", label);
	if (ref)
		el_class(c, "div", "ref", ref);
}

/* The published figure beside a card: "published for 2014: 91%, as
 * published by ..." */
/* The published figure under a card of the whole corpus, and ours for
 * the same years beside it (or why there is none): never the whole
 * corpus's against another year's. */
static void card_ref(char *b, size_t size, const struct corpus *c, int i)
{
	num y;
	figure ours;
	snprintf(b, size, "%s in %s, as published by %s; this corpus's letters of %s: %s",
	         published[i].text, years_s(y, &published[i]), published[i].who, y,
	         ours_s(ours, c, &published[i]));
}

static xmlDocPtr make_html(struct corpus *c, const struct table *t)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	xmlSetNs(html, xmlNewNs(html, BAD_CAST XHTML_NS, NULL));
	attr(html, "lang", "en");
	xmlNodePtr head = el(html, "head", NULL);
	xmlNodePtr meta = el(head, "meta", NULL);
	attr(meta, "http-equiv", "Content-Type");
	attr(meta, "content", "text/html; charset=UTF-8");
	meta = el(head, "meta", NULL);
	attr(meta, "name", "viewport");
	attr(meta, "content", "width=device-width, initial-scale=1");
	char b[1024];
	num n1;
	snprintf(b, sizeof b, "IMR corpus report: %zu letter%s, %zu item%s", c->letters, S(c->letters),
	         c->items, S(c->items));
	el(head, "title", b);
	el(head, "style", css);

	xmlNodePtr body = el(html, "body", NULL);
	xmlNodePtr top = el(body, "header", NULL);
	el(top, "h1", "IMR Final Determinations: the corpus");
	char source[512];
	if (c->database)
		snprintf(source, sizeof source, "the database %s", c->database);
	else
		snprintf(source, sizeof source, "%zu XML file%s", c->files, S(c->files));
	snprintf(b, sizeof b,
	         "%zu letter%s and %zu item%s, from %s; the published figures beside ours. "
	         "Made by imr2xml %s.",
	         c->letters, S(c->letters), c->items, S(c->items), source, IMR2XML_VERSION);
	el(top, "p", b);
	xmlNodePtr main_ = el(body, "main", NULL);

	/* The key figures, each with the published one beside it. */
	xmlNodePtr cards = el_class(main_, "div", "cards", NULL);
	card(cards, count_s(n1, c->letters), "letters", NULL);
	card_ref(b, sizeof b, c, 1);
	card(cards, ratio_s(n1, c->items, c->letters), "items per letter", b);
	card_ref(b, sizeof b, c, 2);
	card(cards, pct_s(n1, c->multi, c->letters), "letters with more than one item", b);
	card_ref(b, sizeof b, c, 0);
	card(cards, pct_s(n1, c->items - c->overturned, c->items), "items upheld", b);
	figure ours16, ours24;
	snprintf(b, sizeof b, "%s in %d and %s in %d, as published by the DWC; this corpus's letters of "
	         "%d: %s, of %d: %s", published[3].text, published[3].from, published[4].text,
	         published[4].from, published[3].from, ours_s(ours16, c, &published[3]), published[4].from,
	         ours_s(ours24, c, &published[4]));
	card(cards, pct_s(n1, c->overturned, c->items), "items overturned", b);
	/* Ours only over enough items of the published years, and saying
	 * which years it covers. */
	struct ours share;
	if (ours_for(c, &published[5], &share) && enough(&share)) {
		snprintf(n1, sizeof n1, "%.1f%%", share.value);
		char years[64];
		snprintf(years, sizeof years, share.from == share.to ? "%ld" : "%ld-%ld", share.from, share.to);
		snprintf(b, sizeof b, "%zu of %zu items decided in %s; %s in 2014-18, as published by the CWCI",
		         share.part, share.base, years, published[5].text);
		card(cards, n1, "pharmaceuticals", b);
	} else {
		card(cards, "n/a", "pharmaceuticals",
		     "too few items with a category decided in 2014-18; 45-48% then, as published by the CWCI");
	}

	/* Beside the published figures: a pair of bars each, on one scale of
	 * percent (items per letter is in its own section). */
	xmlNodePtr sec = el(main_, "section", NULL);
	section_head(sec, &t[T_PUBLISHED]);
	xmlNodePtr pair = el_class(sec, "div", "pair", NULL);
	struct bar bars[2 * NPUBLISHED];
	char texts[2 * NPUBLISHED][160], labels[2 * NPUBLISHED][96];
	size_t nb = 0;
	for (int i = 0; i < NPUBLISHED; i++) {
		if (published[i].metric == ITEMS_PER_LETTER)
			continue;
		snprintf(labels[nb], sizeof labels[nb], "%s, %s", metric_short[published[i].metric],
		         years_s(n1, &published[i]));
		snprintf(texts[nb], sizeof texts[nb], "published: %s", published[i].text);
		bars[nb] = (struct bar){labels[nb], published[i].high, 0, texts[nb], "bar published", -1, NULL};
		nb++;
		struct ours o;
		if (ours_for(c, &published[i], &o) && enough(&o)) {
			snprintf(labels[nb], sizeof labels[nb], "this corpus, %s", years_s(n1, &published[i]));
			snprintf(texts[nb], sizeof texts[nb], "this corpus: %.1f%%", o.value);
			bars[nb] = (struct bar){labels[nb], o.value, 0, texts[nb], "bar ours", -1, NULL};
			nb++;
		}
	}
	chart(pair, "published", "Published figures and this corpus's, in percent", bars, nb, 100,
	      "percent");
	html_table(pair, &t[T_PUBLISHED]);
	static const char *const pub_legend[] = {"pub", "published", "ours", "this corpus"};
	legend(sec, pub_legend, 4);

	/* Letters by number of items. */
	sec = el(main_, "section", NULL);
	section_head(sec, &t[T_PER_LETTER]);
	pair = el_class(sec, "div", "pair", NULL);
	struct bar *pb = calloc(c->per_letter.n + 1, sizeof *pb);
	char (*pt)[64] = calloc(c->per_letter.n + 1, sizeof *pt);
	char (*pl)[64] = calloc(c->per_letter.n + 1, sizeof *pl);
	double max = 0;
	for (size_t i = 0; pb && pt && pl && i < c->per_letter.n; i++) {
		const struct group *r = &c->per_letter.v[i];
		snprintf(pl[i], sizeof pl[i], "%s item%s", r->label, r->key == 1 ? "" : "s");
		snprintf(pt[i], sizeof pt[i], "%zu letter%s", r->letters, S(r->letters));
		pb[i] = (struct bar){pl[i], (double)r->letters, 0, pt[i], "bar", -1, NULL};
		if ((double)r->letters > max)
			max = (double)r->letters;
	}
	if (pb && pt && pl)
		chart(pair, "items-per-letter", "Letters by number of items", pb, c->per_letter.n,
		      scale(max, 1), "letters");
	free(pb);
	free(pt);
	free(pl);
	html_table(pair, &t[T_PER_LETTER]);
	snprintf(b, sizeof b, "%s items per letter here; about %s in 2014, as published by %s.",
	         ratio_s(n1, c->items, c->letters), published[1].text, published[1].source);
	el_class(sec, "p", "note", b);

	/* The overturn rate by year, the published rates marked. */
	sec = el(main_, "section", NULL);
	section_head(sec, &t[T_YEAR]);
	pair = el_class(sec, "div", "pair", NULL);
	struct bar *yb = calloc(c->years.n + 1, sizeof *yb);
	char (*yt)[96] = calloc(c->years.n + 1, sizeof *yt);
	char (*yr)[160] = calloc(c->years.n + 1, sizeof *yr);
	max = 20;
	for (size_t i = 0; yb && yt && yr && i < c->years.n; i++) {
		const struct group *y = &c->years.v[i];
		double rate = y->items ? 100.0 * (double)y->overturned / (double)y->items : 0;
		snprintf(yt[i], sizeof yt[i], "%s of %zu item%s", pct_s(n1, y->overturned, y->items),
		         y->items, S(y->items));
		yb[i] = (struct bar){y->label, rate, 0, yt[i], "bar", -1, NULL};
		for (int k = 0; k < NPUBLISHED; k++) {
			const struct published *p = &published[k];
			if (p->from != y->key || p->to != y->key || (p->metric != OVERTURNED && p->metric != UPHELD))
				continue;
			yb[i].ref = p->metric == UPHELD ? 100 - p->high : p->high;
			snprintf(yr[i], sizeof yr[i], "published for %d: %.1f%% overturned, as published by %s",
			         p->from, yb[i].ref, p->source);
			yb[i].ref_text = yr[i];
		}
		if (rate > max)
			max = rate;
	}
	if (yb && yt && yr)
		chart(pair, "year", "Items overturned by year of the decision, in percent", yb, c->years.n,
		      scale(max, 10), "percent");
	free(yb);
	free(yt);
	free(yr);
	html_table(pair, &t[T_YEAR]);
	static const char *const year_legend[] = {"ours", "overturned, this corpus", "ink",
	                                          "published (dashed mark)"};
	legend(sec, year_legend, 4);

	/* The breakdowns. */
	static const struct {
		int table;
		const char *title;
	} parts[] = {
		{T_CATEGORY, "Items by category, overturned in red"},
		{T_CERTIFICATION, "Items by the reviewer's certification, overturned in red"},
		{T_BODY, "Items by the body the reviewer cited, overturned in red"},
		{T_STATE, "Items by the reviewer's state of licensure, overturned in red"},
	};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		const struct table *tt = &t[parts[i].table];
		sec = el(main_, "section", NULL);
		section_head(sec, tt);
		pair = el_class(sec, "div", "pair", NULL);
		struct groups *g = parts[i].table == T_CATEGORY        ? &c->categories
		                   : parts[i].table == T_CERTIFICATION ? &c->certifications
		                   : parts[i].table == T_STATE         ? &c->states
		                                                       : NULL;
		struct groups bodies = {0};
		if (!g) {
			/* The five bodies in their order, as the table has them. */
			bodies.v = calloc(NBODIES, sizeof *bodies.v);
			for (int k = 0; bodies.v && k < NBODIES; k++) {
				bodies.v[k].label = (char *)body_labels[k];
				for (size_t j = 0; j < c->bodies.n; j++)
					if (strcmp(c->bodies.v[j].label, body_labels[k]) == 0) {
						bodies.v[k].items = c->bodies.v[j].items;
						bodies.v[k].overturned = c->bodies.v[j].overturned;
					}
			}
			bodies.n = bodies.v ? NBODIES : 0;
			g = &bodies;
		}
		chart_groups(pair, tt->id, parts[i].title, g);
		free(bodies.v);
		html_table(pair, tt);
		static const char *const item_legend[] = {"ours", "items", "over", "overturned"};
		legend(sec, item_legend, 4);
		if (parts[i].table == T_CATEGORY) {
			figure fig;
			snprintf(b, sizeof b,
			         "Pharmaceuticals were %s of the items decided in 2014-2018, as published by %s; "
			         "here: %s (of the items with a category decided in those years).",
			         published[5].text, published[5].source, ours_s(fig, c, &published[5]));
			el_class(sec, "p", "note", b);
		}
	}
	/* The warnings the converter left in the XML. */
	sec = el(main_, "section", NULL);
	section_head(sec, &t[T_WARNINGS]);
	if (c->nwarnings) {
		pair = el_class(sec, "div", "pair", NULL);
		struct bar *wb = calloc(c->nwarnings, sizeof *wb);
		char (*wt)[64] = calloc(c->nwarnings, sizeof *wt);
		max = 0;
		for (size_t i = 0; wb && wt && i < c->nwarnings; i++) {
			snprintf(wt[i], sizeof wt[i], "%zu in %zu letter%s", c->warnings[i].count,
			         c->warnings[i].letters, S(c->warnings[i].letters));
			wb[i] = (struct bar){c->warnings[i].code, (double)c->warnings[i].count, 0, wt[i], "bar",
			                     -1, NULL};
			if ((double)c->warnings[i].count > max)
				max = (double)c->warnings[i].count;
		}
		if (wb && wt)
			chart(pair, "warnings", "Warnings by code", wb, c->nwarnings, scale(max, 1), "found");
		free(wb);
		free(wt);
		html_table(pair, &t[T_WARNINGS]);
		/* Which letters: the data a reader needs to look at them. */
		xmlNodePtr which = el(sec, "div", NULL);
		section_head(which, &t[T_WARNED]);
		html_table(which, &t[T_WARNED]);
	} else {
		el_class(sec, "p", "note", "No warnings in these letters' XML.");
	}

	xmlNodePtr foot = el(body, "footer", NULL);
	el(foot, "p",
	   "Counted by SQL over the database of the letters' XML (one letter per sha256, one item per issue). "
	   "An item is overturned when the reviewer found the treatment medically necessary. "
	   "Years are those of the decision date; letters without one are counted as unknown. "
	   "The published figures are the whole state's, as published by the California Workers' "
	   "Compensation Institute (CWCI) in its IMR studies and by the Division of Workers' "
	   "Compensation (DWC) in its annual IMR reports (see also the CHSWC annual reports); "
	   "this corpus is a sample, not the state's.");
	return doc;
}

/* The page: <!DOCTYPE html> and the tree as libxml2 writes XHTML (it
 * escapes every text and attribute, and closes empty elements as HTML
 * parsers read them), atomically. */
static int write_html(xmlDocPtr doc, const char *path)
{
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		return ENOMEM;
	xmlBufferCat(buf, BAD_CAST "<!DOCTYPE html>\n");
	xmlSaveCtxtPtr save =
		xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT | XML_SAVE_NO_DECL | XML_SAVE_XHTML);
	int e = !save || xmlSaveDoc(save, doc) < 0 ? ENOMEM : 0;
	if (save && xmlSaveClose(save) < 0)
		e = ENOMEM;
	if (!e)
		e = imr_write_atomically(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf), false);
	xmlBufferFree(buf);
	return e;
}

/* ---- the run ------------------------------------------------------------------ */

static void corpus_free(struct corpus *c)
{
	groups_free(&c->years);
	groups_free(&c->per_letter);
	groups_free(&c->categories);
	groups_free(&c->certifications);
	groups_free(&c->bodies);
	groups_free(&c->states);
	for (size_t i = 0; i < c->nwarnings; i++)
		free(c->warnings[i].code);
	free(c->warnings);
	for (size_t i = 0; i < c->nwarned; i++) {
		free(c->warned[i].letter);
		free(c->warned[i].code);
		free(c->warned[i].line);
	}
	free(c->warned);
}

/* A database file (by its first bytes), opened read-only; NULL when path
 * is none.  *status says why one could not be read. */
static sqlite3 *open_database(const char *path, int *status)
{
	char head[sizeof sqlite_magic];
	FILE *f = fopen(path, "rb");
	bool is_db = f && fread(head, 1, sizeof head, f) == sizeof head &&
	             memcmp(head, sqlite_magic, sizeof head) == 0;
	if (f)
		fclose(f);
	if (!is_db)
		return NULL;
	sqlite3 *sql = NULL;
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_open_v2(path, &sql, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(sql, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != imr_db_schema_version()) {
		fprintf(stderr, "%s: error: %s\n", path,
		        version < 0    ? sqlite3_errmsg(sql)
		        : version == 0 ? "not an imr2xml database"
		                       : "a database of another schema version");
		sqlite3_close(sql);
		*status = IMR_USAGE;
		return NULL;
	}
	return sql;
}

int imr_stats_run(char **paths, int npaths, const char *html, bool validate)
{
	struct corpus corpus;
	memset(&corpus, 0, sizeof corpus);
	struct reader r = {.corpus = &corpus, .status = IMR_OK};
	/* One database alone: its letters.  Otherwise XML files, loaded. */
	sqlite3 *sql = npaths == 1 ? open_database(paths[0], &r.status) : NULL;
	if (r.status != IMR_OK)
		return r.status;
	struct imr_schema *schema = NULL;
	if (!sql && validate) {
		struct imr_diags d;
		imr_diags_init(&d);
		schema = imr_schema_load(&d);
		r.validator = schema ? imr_validator_new(schema) : NULL;
		imr_diags_free(&d);
		if (!r.validator) {
			fputs("imr2xml: error: the embedded schema failed to load\n", stderr);
			imr_schema_free(schema);
			return IMR_SCHEMA_FAILED;
		}
	}
	if (!sql) {
		/* "": SQLite's private temporary database, on disk, gone at the
		 * end: a large corpus is not held in memory. */
		r.db = imr_db_open("");
		r.loader = imr_db_loader_new();
		if (!r.db || !r.loader) {
			imr_db_abandon(r.db);
			imr_db_loader_free(r.loader);
			imr_validator_free(r.validator);
			imr_schema_free(schema);
			return IMR_USAGE;
		}
		for (int i = 0; i < npaths; i++) {
			struct stat st;
			if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
				walk(&r, paths[i]);
			else
				read_file(&r, paths[i]);
		}
		if (!corpus.files) {
			fputs("imr2xml: error: no XML files among the inputs: --stats reads imr2xml's XML "
			      "(imr2xml -d OUTDIR) or its database (--db)\n", stderr);
			worse(&r, IMR_REJECTED);
		}
	}
	corpus.database = sql ? paths[0] : NULL;
	if (count_corpus(sql ? sql : imr_db_sql(r.db), &corpus) != 0)
		corpus.oom = true;
	struct table tables[NTABLES];
	memset(tables, 0, sizeof tables);
	make_tables(&corpus, tables);
	if (corpus.oom) {
		fputs("imr2xml: error: out of memory\n", stderr);
		worse(&r, IMR_USAGE);
	} else {
		if (sql)
			printf("imr2xml corpus report: the database %s, %zu letter%s\n\n", paths[0],
			       corpus.letters, S(corpus.letters));
		else
			printf("imr2xml corpus report: %zu XML file%s read, %zu letter%s\n\n", corpus.files,
			       S(corpus.files), corpus.letters, S(corpus.letters));
		for (int i = 0; i < NTABLES; i++)
			print_table(stdout, &tables[i]);
		if (fflush(stdout) != 0) {
			perror("imr2xml: writing the report");
			worse(&r, IMR_USAGE);
		}
	}
	if (html && !corpus.oom) {
		xmlDocPtr doc = make_html(&corpus, tables);
		int e = doc ? write_html(doc, html) : ENOMEM;
		if (e) {
			fprintf(stderr, "imr2xml: error: cannot write %s: %s\n", html, strerror(e));
			worse(&r, IMR_USAGE);
		}
		xmlFreeDoc(doc);
	}
	for (int i = 0; i < NTABLES; i++)
		table_free(&tables[i]);
	corpus_free(&corpus);
	imr_validator_free(r.validator);
	imr_schema_free(schema);
	imr_db_rows_free(&r.rows);
	imr_db_loader_free(r.loader);
	imr_db_abandon(r.db);
	sqlite3_close(sql);
	return r.status;
}
