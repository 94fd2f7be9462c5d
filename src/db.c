/*
 * db.c - the corpus as a SQLite database: imr2xml --db FILE.sqlite and
 * --db-merge (docs/database.md; the schema is src/schema.sql).
 *
 * Every row is read from a letter's validated XML by the table below, one
 * entry per kind of row: the SQL table it goes to, the entry it belongs to
 * (its parent), the XPath that selects its rows (relative to a row of the
 * parent; the letter's is the root element), and its fields, each a column
 * and the XPath of its value (relative to the row).  A field's value is
 * the string-value of the first node selected (LIST: of every node, joined
 * with "; "), or the string of what the expression gives; empty is NULL.
 * The same table serves letters just converted and XML read from files, so
 * a column is one line here and one in schema.sql.
 *
 * The loader (workers) makes records; the writer (one thread at a time)
 * inserts them with one prepared statement per entry, each child given the
 * rowids of its ancestors (letter_id, item_id, citation_id).
 */
#include "db.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sqlite3.h>

#include "export.h"
#include "output.h"

/* The schema, embedded at build time (src/sql_blob.S). */
extern const char imr_db_schema_data[];
enum { SCHEMA_VERSION = 2 };
/* Letters per transaction: FTS5 writes its pending terms out as a new
 * segment at each commit (and when they pass its hashsize, set to
 * FTS_HASH_SIZE at open), and merges segments as they accumulate: a
 * thousand letters a segment cost the writer 15 % fewer instructions than
 * 256 did with FTS5's 1 MB (docs/scale.md).  A crash loses at most these
 * letters (Ctrl-C none: the run commits); the pending terms of so many
 * take at most FTS_HASH_SIZE (16 MB: 64 MB did no better). */
enum { LETTERS_PER_COMMIT = 1024, FTS_HASH_SIZE = 16 << 20 };

enum field_type { TEXT, INT, REAL, BOOL, LIST };

struct field {
	const char *column;
	enum field_type type;
	const char *xpath;
};

#define F(column, type, xpath) {column, type, xpath}
#define FIELDS(a) a, sizeof a / sizeof *a, -1
/* The texts: kind, line, body; the body indexed. */
#define TEXTS(a) a, sizeof a / sizeof *a, 2

/* The first four are the letter's key and provenance (V_*, below). */
static const struct field letter_fields[] = {
	F("sha256", TEXT, "@sha256"),
	F("letter", INT, "@letter"),
	F("source", TEXT, "@source"),
	F("generator", TEXT, "@generator"),
	F("variant", TEXT, "@variant"),
	F("outcome", TEXT, "@outcome"),
	F("complete", BOOL, "not(@complete = 'false')"),
	F("items", INT, "count(d:issues/d:issue)"),
	F("warnings", INT, "count(.//d:warning)"),
	F("case_number", TEXT, "d:header/d:caseNumber"),
	F("date_assigned", TEXT, "d:header/d:dateAssigned"),
	F("decision_date", TEXT, "d:header/d:decisionDate"),
	F("priority", TEXT, "d:header/d:priority"),
	F("date_of_injury", TEXT, "d:header/d:dateOfInjury"),
	F("ur_denial_date", TEXT, "d:header/d:urDenialDate"),
	F("application_received", TEXT, "d:header/d:applicationReceived"),
	F("employee_name", TEXT, "d:header/d:employeeName"),
	F("claim_number", TEXT, "d:header/d:claimNumber"),
	F("provider_name", TEXT, "d:header/d:providerName"),
	F("reviewer_role", TEXT, "d:reviewer/@role"),
	F("patient_age", INT, "d:caseSummary/d:patient/@age"),
	F("patient_sex", TEXT, "d:caseSummary/d:patient/@sex"),
	F("injury_date", TEXT, "d:caseSummary/d:injury/@date"),
};
enum { V_SHA256, V_LETTER, V_SOURCE, V_GENERATOR };

static const struct field item_fields[] = {
	F("n", INT, "@n"),
	F("line", INT, "@line"),
	F("page", INT, "@page"),
	F("decision", TEXT, "@decision"),
	F("complete", BOOL, "not(@complete = 'false')"),
	F("conclusion", TEXT, "d:rationale/@conclusion"),
	F("category", TEXT, "@category"),
	F("subcategory", TEXT, "@subcategory"),
	F("service", TEXT, "d:service"),
	F("request_name", TEXT, "d:request/d:name"),
	F("generic", TEXT, "d:request/d:name/@generic"),
	F("strength", LIST, "d:request/d:strength/@value"),
	F("strength_unit", LIST, "d:request/d:strength/@unit"),
	F("form", TEXT, "d:request/d:form"),
	F("quantity", REAL, "d:request/d:quantity/@value"),
	F("quantity_unit", TEXT, "d:request/d:quantity/@unit"),
	F("dose", REAL, "d:request/d:dose/@value"),
	F("dose_unit", TEXT, "d:request/d:dose/@unit"),
	F("refills", INT, "d:request/d:refills/@count"),
	F("frequency", TEXT, "d:request/d:frequency"),
	F("frequency_times", REAL, "d:request/d:frequency/@times"),
	F("frequency_every", REAL, "d:request/d:frequency/@every"),
	F("frequency_per", TEXT, "d:request/d:frequency/@per"),
	F("as_needed", BOOL, "d:request/d:frequency/@asNeeded"),
	F("duration_count", REAL, "d:request/d:duration/@count"),
	F("duration_unit", TEXT, "d:request/d:duration/@unit"),
	F("sessions", INT, "d:request/d:sessions/@count"),
	F("body_region", LIST, "d:request/d:bodyRegion"),
	F("laterality", LIST, "d:request/d:bodyRegion/@laterality"),
	F("levels", LIST, "d:request/d:level"),
	F("retrospective", BOOL, "d:request/@retrospective"),
	F("perioperative", TEXT, "d:request/@perioperative"),
	F("date_of_service", TEXT, "d:request/d:dateOfService/@date"),
	F("original_request", TEXT, "d:originalRequest"),
	F("authorized", TEXT, "d:authorized"),
};

#define CITATION_FIELDS(side)                                                                      \
	F("side", TEXT, "'" side "'"), F("body", TEXT, "@body"), F("document", TEXT, "@document"),   \
	F("chapter", TEXT, "@chapter"), F("year", INT, "@year"), F("topic", TEXT, "d:topic"),        \
	F("line", INT, "@line")
static const struct field ca_citation_fields[] = {CITATION_FIELDS("claims-administrator")};
static const struct field reviewer_citation_fields[] = {CITATION_FIELDS("reviewer")};

static const struct field section_fields[] = {F("section", TEXT, ".")};
static const struct field pages_fields[] = {F("first", INT, "@first"), F("last", INT, "@last")};
static const struct field diagnosis_fields[] = {F("diagnosis", TEXT, "."), F("code", TEXT, "@code"),
                                                 F("line", INT, "@line")};
static const struct field medication_fields[] = {
	F("name", TEXT, "."), F("class", TEXT, "@class"), F("generic", TEXT, "@generic"),
	F("form", TEXT, "@form"), F("line", INT, "@line"),
};
static const struct field certification_fields[] = {F("kind", TEXT, "'certification'"),
                                                    F("value", TEXT, ".")};
static const struct field subspecialty_fields[] = {F("kind", TEXT, "'subspecialty'"),
                                                   F("value", TEXT, ".")};
static const struct field license_fields[] = {F("kind", TEXT, "'license'"), F("value", TEXT, "@state")};
static const struct field warning_fields[] = {
	F("code", TEXT, "@code"), F("line", INT, "@line"), F("message", TEXT, "."),
};
static const struct field document_fields[] = {
	F("document", TEXT, "."), F("date", TEXT, "@date"), F("date_from", TEXT, "@from"),
	F("date_to", TEXT, "@to"), F("line", INT, "@line"),
};
#define TEXT_FIELDS(kind) F("kind", TEXT, "'" kind "'"), F("line", INT, "@line"), F("body", TEXT, ".")
static const struct field summary_fields[] = {TEXT_FIELDS("summary")};
static const struct field rationale_fields[] = {TEXT_FIELDS("rationale")};
static const struct field guideline_fields[] = {TEXT_FIELDS("guideline")};
static const struct field title_fields[] = {TEXT_FIELDS("title")};
static const struct field service_fields[] = {TEXT_FIELDS("service")};

/* The entries, a parent before its children.  key: the column its
 * children give its rowid in (NULL: it has none). */
enum def_id {
	LETTER, ITEM, CA_CITATION, REVIEWER_CITATION, NDEFS_WITH_KEYS
};

static const struct def {
	const char *table;
	int parent; /* -1: the letter itself */
	const char *key;
	const char *rows;
	const struct field *fields;
	size_t nfields;
	int indexed; /* the field whose value goes into texts_fts, or -1 */
} defs[] = {
	/* A letter's rows are selected under the element imr_db_rows_of_doc
	 * gives: the root, or each letter of a <determinations>. */
	[LETTER] = {"letters", -1, "letter_id", ".", FIELDS(letter_fields)},
	[ITEM] = {"items", LETTER, "item_id", "d:issues/d:issue", FIELDS(item_fields)},
	[CA_CITATION] = {"citations", ITEM, "citation_id", "d:claimsAdministratorGuideline/d:citation",
	                 FIELDS(ca_citation_fields)},
	[REVIEWER_CITATION] = {"citations", ITEM, "citation_id", "d:maximusGuideline/d:citation",
	                       FIELDS(reviewer_citation_fields)},
	{"citation_sections", CA_CITATION, NULL, "d:section", FIELDS(section_fields)},
	{"citation_sections", REVIEWER_CITATION, NULL, "d:section", FIELDS(section_fields)},
	{"citation_pages", CA_CITATION, NULL, "d:pages/d:range", FIELDS(pages_fields)},
	{"citation_pages", REVIEWER_CITATION, NULL, "d:pages/d:range", FIELDS(pages_fields)},
	{"warnings", ITEM, NULL, "d:warning", FIELDS(warning_fields)},
	{"texts", ITEM, NULL, "d:service", TEXTS(service_fields)},
	{"texts", ITEM, NULL, "d:title", TEXTS(title_fields)},
	{"texts", ITEM, NULL, "d:claimsAdministratorGuideline/d:p | d:maximusGuideline/d:p",
	 TEXTS(guideline_fields)},
	{"texts", ITEM, NULL, "d:rationale/d:p", TEXTS(rationale_fields)},
	{"diagnoses", LETTER, NULL, "d:caseSummary/d:diagnosis", FIELDS(diagnosis_fields)},
	{"medications", LETTER, NULL, "d:caseSummary/d:medication", FIELDS(medication_fields)},
	{"credentials", LETTER, NULL, "d:reviewer/d:certification", FIELDS(certification_fields)},
	{"credentials", LETTER, NULL, "d:reviewer/d:subspecialty", FIELDS(subspecialty_fields)},
	{"credentials", LETTER, NULL, "d:reviewer/d:license", FIELDS(license_fields)},
	{"warnings", LETTER, NULL, "d:warning", FIELDS(warning_fields)},
	{"documents_reviewed", LETTER, NULL, "d:documentsReviewed/d:document", FIELDS(document_fields)},
	{"texts", LETTER, NULL, "d:caseSummary/d:p", TEXTS(summary_fields)},
};
enum { NDEFS = sizeof defs / sizeof *defs, MAX_DEPTH = 4 };

static const char list_separator[] = "; ";

/* ---- the loader ---------------------------------------------------------- */

/* Most of the table's paths are child steps in our namespace, at most one
 * attribute at the end, "." or a 'literal': the loader walks those itself.
 * An XPath evaluation costs more to set up (contexts, node sets, objects,
 * copies of strings) than such a path takes to walk, and the loader made
 * a letter's rows in more instructions than the conversion had made the
 * letter (docs/scale.md).  The rest (count(), not(), a union) go to
 * libxml2's XPath, compiled once. */
enum { MAX_STEPS = 4, MAX_NAME = 32 };

struct path {
	bool simple;     /* walked here; else the compiled expression */
	bool absolute;   /* from the document node */
	const char *literal; /* 'text': the text (in the table), or NULL */
	size_t literal_len;
	size_t nsteps;
	char steps[MAX_STEPS][MAX_NAME]; /* child elements' local names */
	char attr[MAX_NAME];             /* then this attribute, or "" */
};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether xpath is one of the simple shapes above, made into p. */
static bool path_parse(const char *xpath, struct path *p)
{
	memset(p, 0, sizeof *p);
	size_t n = strlen(xpath);
	if (n >= 2 && xpath[0] == '\'' && xpath[n - 1] == '\'' && !memchr(xpath + 1, '\'', n - 2)) {
		p->literal = xpath + 1;
		p->literal_len = n - 2;
		return p->simple = true;
	}
	if (strcmp(xpath, ".") == 0)
		return p->simple = true;
	const char *s = xpath;
	if (*s == '/')
		p->absolute = true, s++;
	for (;;) {
		bool attr = *s == '@';
		if (attr)
			s++;
		else if (strncmp(s, "d:", 2) == 0)
			s += 2;
		else
			return false;
		size_t len = 0;
		while (name_char(s[len]))
			len++;
		if (!len || len >= MAX_NAME || (s[len] && (s[len] != '/' || attr)))
			return false;
		if (attr)
			memcpy(p->attr, s, len);
		else if (p->nsteps < MAX_STEPS)
			memcpy(p->steps[p->nsteps++], s, len);
		else
			return false;
		s += len;
		if (!*s)
			return p->simple = true;
		s++;
	}
}

/* The nodes path selects under node, in document order (nested child
 * steps are), to emit; false when emit says stop. */
static bool path_walk(const struct path *p, size_t step, xmlNodePtr node,
                      bool (*emit)(xmlNodePtr, void *), void *arg)
{
	if (step == 0 && p->absolute)
		node = (xmlNodePtr)node->doc;
	if (step == p->nsteps) {
		if (!p->attr[0])
			return emit(node, arg);
		/* The node's own attributes, as XPath's attribute axis has them
		 * (xmlHasNsProp would add a DTD's defaults). */
		for (xmlAttrPtr a = node->properties; a; a = a->next)
			if (!a->ns && strcmp((const char *)a->name, p->attr) == 0)
				return emit((xmlNodePtr)a, arg);
		return true;
	}
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns &&
		    strcmp((const char *)c->name, p->steps[step]) == 0 &&
		    strcmp((const char *)c->ns->href, IMR2XML_NAMESPACE) == 0 &&
		    !path_walk(p, step + 1, c, emit, arg))
			return false;
	return true;
}

/* Per entry: its rows' path and its fields', and the nodes of its rows
 * (an entry's rows are never selected again before its children are
 * done: load_def recurses into later entries only). */
struct entry {
	struct path rows;
	xmlXPathCompExprPtr rows_expr;
	struct path *fields;
	xmlXPathCompExprPtr *field_exprs;
	xmlNodePtr *nodes;
	size_t nnodes, nodes_cap;
};

struct imr_db_loader {
	xmlXPathContextPtr ctx;
	struct entry entries[NDEFS];
};

void imr_db_loader_free(struct imr_db_loader *l)
{
	if (!l)
		return;
	for (size_t d = 0; d < NDEFS; d++) {
		struct entry *e = &l->entries[d];
		xmlXPathFreeCompExpr(e->rows_expr);
		for (size_t f = 0; e->field_exprs && f < defs[d].nfields; f++)
			xmlXPathFreeCompExpr(e->field_exprs[f]);
		free(e->field_exprs);
		free(e->fields);
		free(e->nodes);
	}
	xmlXPathFreeContext(l->ctx);
	free(l);
}

/* A path walked here, or compiled (the table's paths are fixed: only
 * memory fails). */
static bool compile(struct imr_db_loader *l, const char *xpath, struct path *p,
                    xmlXPathCompExprPtr *expr)
{
	return path_parse(xpath, p) || (*expr = xmlXPathCtxtCompile(l->ctx, BAD_CAST xpath));
}

struct imr_db_loader *imr_db_loader_new(void)
{
	struct imr_db_loader *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->ctx = xmlXPathNewContext(NULL);
	bool ok = l->ctx && xmlXPathRegisterNs(l->ctx, BAD_CAST "d", BAD_CAST IMR2XML_NAMESPACE) == 0;
	for (size_t d = 0; ok && d < NDEFS; d++) {
		struct entry *e = &l->entries[d];
		ok = compile(l, defs[d].rows, &e->rows, &e->rows_expr) &&
		     (e->fields = calloc(defs[d].nfields, sizeof *e->fields)) &&
		     (e->field_exprs = calloc(defs[d].nfields, sizeof *e->field_exprs));
		for (size_t f = 0; ok && f < defs[d].nfields; f++)
			ok = compile(l, defs[d].fields[f].xpath, &e->fields[f], &e->field_exprs[f]);
	}
	if (!ok) {
		imr_db_loader_free(l);
		return NULL;
	}
	return l;
}

void imr_db_rows_free(struct imr_db_rows *rows)
{
	free(rows->records);
	free(rows->values);
	imr_buffer_free(&rows->text);
	memset(rows, 0, sizeof *rows);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * size);
	if (!q)
		return ENOMEM;
	*p = q;
	*cap = c;
	return 0;
}

/* One value: its text appended (with its NUL), or NULL. */
static int add_value(struct imr_db_rows *rows, const xmlChar *s, size_t n, bool null)
{
	if (grow((void **)&rows->values, &rows->values_cap, rows->nvalues + 1, sizeof *rows->values))
		return ENOMEM;
	if (null) {
		rows->values[rows->nvalues++] = 0;
		return 0;
	}
	size_t at = rows->text.len;
	if (imr_buffer_append(&rows->text, (const char *)s, n) ||
	    imr_buffer_append(&rows->text, "", 1))
		return ENOMEM;
	rows->values[rows->nvalues++] = at + 1;
	return 0;
}

/* A node's string-value: its one text node's content, or a copy made
 * into *copy (an element of several nodes); NULL when memory fails. */
static const xmlChar *node_text(xmlNodePtr n, xmlChar **copy)
{
	*copy = NULL;
	xmlNodePtr t = n->children;
	if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_ELEMENT_NODE) {
		if (!t)
			return BAD_CAST "";
		if (!t->next && t->type == XML_TEXT_NODE)
			return t->content ? t->content : BAD_CAST "";
	}
	return *copy = xmlXPathCastNodeToString(n);
}

/* The string-values of a field's nodes, joined (LIST) or the first. */
struct joined {
	struct imr_buffer *text;
	bool list;
	size_t n;
	int e;
};

static bool join_node(xmlNodePtr node, void *arg)
{
	struct joined *j = arg;
	if (j->n && !j->list)
		return false;
	xmlChar *copy;
	const xmlChar *v = node_text(node, &copy);
	if (!v)
		j->e = ENOMEM;
	if (!j->e && j->n++)
		j->e = imr_buffer_append(j->text, list_separator, sizeof list_separator - 1);
	if (!j->e)
		j->e = imr_buffer_append(j->text, (const char *)v, strlen((const char *)v));
	xmlFree(copy);
	return !j->e;
}

/* The value of a field: its nodes' first string-value (or all of them
 * joined), or what the string, number or boolean its expression gives
 * casts to. */
static int eval_field(struct imr_db_rows *rows, const struct field *f, const struct path *p,
                      xmlXPathCompExprPtr expr, xmlXPathContextPtr ctx)
{
	if (p->simple && p->literal)
		return add_value(rows, BAD_CAST p->literal, p->literal_len, !p->literal_len);
	if (grow((void **)&rows->values, &rows->values_cap, rows->nvalues + 1, sizeof *rows->values))
		return ENOMEM;
	size_t start = rows->text.len;
	struct joined j = {&rows->text, f->type == LIST, 0, 0};
	xmlXPathObjectPtr r = NULL;
	if (p->simple) {
		path_walk(p, 0, ctx->node, join_node, &j);
	} else if (!(r = xmlXPathCompiledEval(expr, ctx))) {
		return ENOMEM;
	} else if (r->type == XPATH_NODESET) {
		for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++)
			if (!join_node(r->nodesetval->nodeTab[i], &j))
				break;
	} else {
		int e;
		if (r->type == XPATH_NUMBER && xmlXPathIsNaN(r->floatval)) {
			e = add_value(rows, NULL, 0, true);
		} else {
			xmlChar *v = xmlXPathCastToString(r);
			e = !v ? ENOMEM : add_value(rows, v, strlen((const char *)v), !*v);
			xmlFree(v);
		}
		xmlXPathFreeObject(r);
		return e;
	}
	xmlXPathFreeObject(r);
	/* Joined in place: the value is what was appended since start. */
	size_t len = rows->text.len - start;
	if (!j.e && imr_buffer_append(&rows->text, "", 1))
		j.e = ENOMEM;
	if (!j.e)
		rows->values[rows->nvalues++] = len ? start + 1 : 0;
	return j.e;
}

static bool collect_node(xmlNodePtr node, void *arg)
{
	struct entry *e = arg;
	if (grow((void **)&e->nodes, &e->nodes_cap, e->nnodes + 1, sizeof *e->nodes))
		return false;
	e->nodes[e->nnodes++] = node;
	return true;
}

/* The nodes of entry d's rows under node, into its nodes. */
static int select_rows(struct imr_db_loader *l, int d, xmlNodePtr node)
{
	struct entry *e = &l->entries[d];
	e->nnodes = 0;
	if (e->rows.simple)
		return path_walk(&e->rows, 0, node, collect_node, e) ? 0 : ENOMEM;
	l->ctx->node = node;
	xmlXPathObjectPtr set = xmlXPathCompiledEval(e->rows_expr, l->ctx);
	if (!set)
		return ENOMEM;
	int err = 0;
	int n = set->type == XPATH_NODESET && set->nodesetval ? set->nodesetval->nodeNr : 0;
	for (int i = 0; !err && i < n; i++)
		err = collect_node(set->nodesetval->nodeTab[i], e) ? 0 : ENOMEM;
	xmlXPathFreeObject(set);
	return err;
}

/* The rows of entry d selected under node, and their children's. */
static int load_def(struct imr_db_loader *l, int d, xmlNodePtr node, long parent,
                    struct imr_db_rows *rows)
{
	struct entry *en = &l->entries[d];
	int e = select_rows(l, d, node);
	for (size_t i = 0; !e && i < en->nnodes; i++) {
		xmlNodePtr row = en->nodes[i];
		if (grow((void **)&rows->records, &rows->records_cap, rows->nrecords + 1,
		         sizeof *rows->records))
			e = ENOMEM;
		long self = (long)rows->nrecords;
		if (!e)
			rows->records[rows->nrecords++] =
				(struct imr_db_record){.def = d, .parent = parent, .values = rows->nvalues};
		for (size_t f = 0; !e && f < defs[d].nfields; f++) {
			l->ctx->node = row;
			e = eval_field(rows, &defs[d].fields[f], &en->fields[f], en->field_exprs[f], l->ctx);
		}
		for (int c = d + 1; !e && c < (int)NDEFS; c++)
			if (defs[c].parent == d)
				e = load_def(l, c, row, self, rows);
	}
	return e;
}

/* A letter's value that its XML lacks: s, appended and pointed at. */
static int value_default(struct imr_db_rows *rows, size_t at, const char *s)
{
	if (rows->values[at] || !s)
		return 0;
	size_t off = rows->text.len;
	if (imr_buffer_append(&rows->text, s, strlen(s) + 1))
		return ENOMEM;
	rows->values[at] = off + 1;
	return 0;
}

int imr_db_rows_of_doc(struct imr_db_loader *l, xmlDocPtr doc, const char *source,
                       const char *fallback_sha256, struct imr_db_rows *rows)
{
	rows->nrecords = rows->nvalues = rows->text.len = 0;
	rows->sha256[0] = '\0';
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return EINVAL;
	/* Letters joined in one input: each <determination letter="K"> a
	 * letter of its own, its key and provenance the root's. */
	bool joined = xmlStrEqual(root->name, BAD_CAST "determinations");
	int e = 0;
	l->ctx->doc = doc;
	for (xmlNodePtr c = imr_xml_first_letter(doc); !e && c; c = imr_xml_next_letter(c))
		e = load_def(l, LETTER, c, -1, rows);
	l->ctx->doc = NULL;
	l->ctx->node = NULL;
	if (e)
		return e;
	if (rows->nrecords == 0 || rows->records[0].def != LETTER)
		return EINVAL;
	xmlChar *sha = joined ? xmlGetNoNsProp(root, BAD_CAST "sha256") : NULL;
	xmlChar *src = joined ? xmlGetNoNsProp(root, BAD_CAST "source") : NULL;
	xmlChar *generator = joined ? xmlGetNoNsProp(root, BAD_CAST "generator") : NULL;
	for (size_t r = 0; !e && r < rows->nrecords; r++) {
		if (rows->records[r].def != LETTER)
			continue;
		size_t at = rows->records[r].values;
		e = value_default(rows, at + V_SHA256, sha ? (const char *)sha : fallback_sha256);
		e = e ? e : value_default(rows, at + V_LETTER, "1");
		e = e ? e : value_default(rows, at + V_SOURCE, src ? (const char *)src : source);
		e = e ? e : value_default(rows, at + V_GENERATOR, (const char *)generator);
		size_t v = rows->values[at + V_SHA256];
		if (!e && (!v || strlen(rows->text.data + v - 1) != 64))
			e = EINVAL;
	}
	xmlFree(sha);
	xmlFree(src);
	xmlFree(generator);
	if (e)
		return e;
	memcpy(rows->sha256, rows->text.data + rows->values[rows->records[0].values + V_SHA256] - 1, 65);
	return 0;
}

static size_t rows_of_def(const struct imr_db_rows *rows, int d)
{
	size_t n = 0;
	for (size_t r = 0; r < rows->nrecords; r++)
		n += rows->records[r].def == d;
	return n;
}

size_t imr_db_rows_items(const struct imr_db_rows *rows)
{
	return rows_of_def(rows, ITEM);
}

size_t imr_db_rows_letters(const struct imr_db_rows *rows)
{
	return rows_of_def(rows, LETTER);
}

bool imr_db_xml_sha256(const char *xml, size_t len, char out[65])
{
	/* The root's start tag: after the declaration, the first "<d". */
	const char *p = xml, *end = xml + len;
	const char *root = NULL;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		if (p + 1 < end && p[1] != '?' && p[1] != '!') {
			root = p;
			break;
		}
		p++;
	}
	if (!root)
		return false;
	const char *close = memchr(root, '>', (size_t)(end - root));
	static const char attr[] = " sha256=\"";
	for (const char *q = root; close && q + sizeof attr - 1 + 64 < close; q++)
		if (memcmp(q, attr, sizeof attr - 1) == 0) {
			q += sizeof attr - 1;
			if (q[64] != '"')
				return false;
			memcpy(out, q, 64);
			out[64] = '\0';
			return true;
		}
	return false;
}

/* ---- the writer ------------------------------------------------------------ */

/* An input whose letters are in the database. */
struct known_input {
	unsigned char sha256[32]; /* first: the key by_digest compares */
	size_t letters;
};

struct imr_db {
	sqlite3 *sql;
	char *path;
	sqlite3_stmt *insert[NDEFS];
	sqlite3_stmt *has;
	sqlite3_stmt *index; /* a text into texts_fts */
	bool failed;         /* an insert failed: the open transaction is gone */
	struct known_input *known; /* the inputs there at open, by sha256 */
	size_t nknown;
	size_t pending; /* letters since the last commit */
};

static int fail(struct imr_db *db, const char *what)
{
	fprintf(stderr, "imr2xml: error: %s: %s: %s\n", db->path, what, sqlite3_errmsg(db->sql));
	return -1;
}

static int exec(struct imr_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	fprintf(stderr, "imr2xml: error: %s: %s\n", db->path, msg ? msg : sqlite3_errmsg(db->sql));
	sqlite3_free(msg);
	return -1;
}

static int user_version(struct imr_db *db, const char *schema)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA %s.user_version", schema);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

static int unhex(const char *s, unsigned char out[32])
{
	for (int i = 0; i < 32; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + k];
			v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0'
			                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
			                                               : 0);
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

static int load_known(struct imr_db *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "SELECT sha256, count(*) FROM letters GROUP BY sha256 ORDER BY sha256", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(db, "reading its letters");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (!s || strlen(s) != 64)
			continue;
		if (grow((void **)&db->known, &cap, db->nknown + 1, sizeof *db->known)) {
			sqlite3_finalize(st);
			fprintf(stderr, "imr2xml: error: %s: out of memory\n", db->path);
			return -1;
		}
		db->known[db->nknown].letters = (size_t)sqlite3_column_int64(st, 1);
		unhex(s, db->known[db->nknown++].sha256);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(db, "reading its letters");
}

static int by_digest(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

sqlite3 *imr_db_sql(struct imr_db *db)
{
	return db->sql;
}

int imr_db_schema_version(void)
{
	return SCHEMA_VERSION;
}

size_t imr_db_known_letters(const struct imr_db *db, const char *sha256)
{
	if (!db->nknown || !sha256 || strlen(sha256) != 64)
		return 0;
	unsigned char key[32];
	unhex(sha256, key);
	const struct known_input *k = bsearch(key, db->known, db->nknown, sizeof *db->known, by_digest);
	return k ? k->letters : 0;
}

bool imr_db_known(const struct imr_db *db, const char *sha256)
{
	return imr_db_known_letters(db, sha256) > 0;
}

/* INSERT INTO table(ancestors' keys, fields) VALUES(?, ...) for entry d. */
static int prepare_insert(struct imr_db *db, int d)
{
	struct imr_buffer sql = {0};
	int e = imr_buffer_append(&sql, "INSERT INTO ", 12);
	e = e ? e : imr_buffer_append(&sql, defs[d].table, strlen(defs[d].table));
	e = e ? e : imr_buffer_append(&sql, "(", 1);
	int chain[MAX_DEPTH], depth = 0;
	for (int p = defs[d].parent; p >= 0 && depth < MAX_DEPTH; p = defs[p].parent)
		chain[depth++] = p;
	size_t ncols = 0;
	for (int k = depth - 1; !e && k >= 0; k--, ncols++) {
		e = ncols ? imr_buffer_append(&sql, ", ", 2) : 0;
		e = e ? e : imr_buffer_append(&sql, defs[chain[k]].key, strlen(defs[chain[k]].key));
	}
	for (size_t f = 0; !e && f < defs[d].nfields; f++, ncols++) {
		e = ncols ? imr_buffer_append(&sql, ", ", 2) : 0;
		e = e ? e : imr_buffer_append(&sql, defs[d].fields[f].column, strlen(defs[d].fields[f].column));
	}
	e = e ? e : imr_buffer_append(&sql, ") VALUES (", 10);
	for (size_t i = 0; !e && i < ncols; i++)
		e = imr_buffer_append(&sql, i ? ", ?" : "?", i ? 3 : 1);
	e = e ? e : imr_buffer_append(&sql, ")", 1);
	int rc = e ? SQLITE_NOMEM : sqlite3_prepare_v3(db->sql, sql.data, -1, SQLITE_PREPARE_PERSISTENT,
	                                               &db->insert[d], NULL);
	imr_buffer_free(&sql);
	return rc == SQLITE_OK ? 0 : fail(db, "preparing its statements");
}

static void db_free(struct imr_db *db)
{
	for (size_t d = 0; d < NDEFS; d++)
		sqlite3_finalize(db->insert[d]);
	sqlite3_finalize(db->has);
	sqlite3_finalize(db->index);
	sqlite3_close(db->sql);
	free(db->known);
	free(db->path);
	free(db);
}

/* Version 1 keyed a letter by its input's sha256 alone (sha256 UNIQUE);
 * version 2 by (sha256, letter), the letter's ordinal in its input, so
 * that letters joined in one input are each a row.  SQLite changes a
 * constraint only by a new table (its documentation's "making other kinds
 * of table schema changes"): made, filled, the old dropped, the new
 * renamed, its indexes made again, in one transaction, with foreign keys
 * off (dropping letters would delete every row that points at it); the
 * other tables' keys name "letters", which the new one is then.  The table
 * is schema.sql's: tests/db.sh compares a migrated database with a new one. */
static const char migrate_v1[] =
	"PRAGMA foreign_keys = OFF; BEGIN;"
	"CREATE TABLE letters_v2 ("
	" id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, source TEXT, variant TEXT NOT NULL,"
	" outcome TEXT, complete INTEGER NOT NULL, items INTEGER NOT NULL, warnings INTEGER NOT NULL,"
	" case_number TEXT, date_assigned TEXT, decision_date TEXT, priority TEXT,"
	" date_of_injury TEXT, ur_denial_date TEXT, application_received TEXT, employee_name TEXT,"
	" claim_number TEXT, provider_name TEXT, reviewer_role TEXT, patient_age INTEGER,"
	" patient_sex TEXT, injury_date TEXT, generator TEXT,"
	" letter INTEGER NOT NULL DEFAULT 1, UNIQUE (sha256, letter));"
	"INSERT INTO letters_v2 SELECT *, 1 FROM letters;"
	"DROP TABLE letters;"
	"ALTER TABLE letters_v2 RENAME TO letters;"
	"CREATE INDEX letters_decision_date ON letters(decision_date);"
	"CREATE INDEX letters_case_number ON letters(case_number);"
	"PRAGMA user_version = 2;"
	"COMMIT; PRAGMA foreign_keys = ON";

/* Opened, the schema made when the database is new, WAL; no transaction. */
static struct imr_db *db_connect(const char *path)
{
	struct imr_db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		fputs("imr2xml: error: out of memory\n", stderr);
		return NULL;
	}
	/* The connection is used by one thread at a time (the writer is
	 * whichever worker retires, one at a time under the batch's lock), so
	 * SQLite's own mutexes (NOMUTEX: multi-thread mode) and its memory
	 * statistics (a global mutex around every malloc; imr2xml reads none)
	 * are work for nothing: 8.6 % of the writer's instructions
	 * (docs/performance.md).  MEMSTATUS is set before SQLite initializes,
	 * so only by the first connection; later it fails, harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &db->sql,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		fail(db, "cannot open");
		db_free(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->sql, 10000);
	int v;
	/* journal_mode=WAL also reads the file: a file that is no database
	 * is told here. */
	if (exec(db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
	         " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536") ||
	    (v = user_version(db, "main")) < 0) {
		db_free(db);
		return NULL;
	}
	if (v == 0) {
		sqlite3_stmt *st;
		bool empty = sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM sqlite_master", -1, &st,
		                                NULL) == SQLITE_OK &&
		             sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
		sqlite3_finalize(st);
		if (!empty) {
			fprintf(stderr, "imr2xml: error: %s: not an imr2xml database (it has tables of its own)\n",
			        path);
			db_free(db);
			return NULL;
		}
		if (exec(db, "BEGIN") || exec(db, imr_db_schema_data) || exec(db, "COMMIT")) {
			db_free(db);
			return NULL;
		}
	} else if (v == 1 && SCHEMA_VERSION == 2) {
		if (exec(db, migrate_v1)) {
			sqlite3_exec(db->sql, "ROLLBACK; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
			db_free(db);
			return NULL;
		}
	} else if (v != SCHEMA_VERSION) {
		fprintf(stderr,
		        "imr2xml: error: %s: a database of schema version %d; this imr2xml writes version %d\n",
		        path, v, SCHEMA_VERSION);
		db_free(db);
		return NULL;
	}
	return db;
}

/* FTS5's 'hashsize' (bytes of pending terms before it writes a segment
 * out; 1 MB by default) is kept in the database (texts_fts_config), so a
 * database made by an earlier imr2xml lacks it: written only when it is
 * not FTS_HASH_SIZE already, so that opening a database to add nothing
 * leaves its file untouched (data_version, mtime, bytes). */
static int set_fts_hash_size(struct imr_db *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "SELECT v FROM texts_fts_config WHERE k = 'hashsize'", -1, &st,
	                       NULL) != SQLITE_OK)
		return fail(db, "reading texts_fts_config");
	int rc = sqlite3_step(st);
	bool same = rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER &&
	            sqlite3_column_int64(st, 0) == FTS_HASH_SIZE;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(db, "reading texts_fts_config");
	if (same)
		return 0;
	char sql[96];
	snprintf(sql, sizeof sql, "INSERT INTO texts_fts(texts_fts, rank) VALUES ('hashsize', %d)",
	         FTS_HASH_SIZE);
	return exec(db, sql);
}

struct imr_db *imr_db_open(const char *path)
{
	struct imr_db *db = db_connect(path);
	if (!db)
		return NULL;
	for (int d = 0; d < (int)NDEFS; d++)
		if (prepare_insert(db, d)) {
			db_free(db);
			return NULL;
		}
	if (sqlite3_prepare_v3(db->sql, "SELECT 1 FROM letters WHERE sha256 = ?", -1,
	                       SQLITE_PREPARE_PERSISTENT, &db->has, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(db->sql, "INSERT INTO texts_fts(rowid, body) VALUES (?, ?)", -1,
	                       SQLITE_PREPARE_PERSISTENT, &db->index, NULL) != SQLITE_OK ||
	    load_known(db) || set_fts_hash_size(db) || exec(db, "BEGIN")) {
		if (!db->has || !db->index)
			fail(db, "preparing its statements");
		db_free(db);
		return NULL;
	}
	return db;
}

/* A value bound as its field's type says; text that is not one stays text. */
static int bind_value(sqlite3_stmt *st, int i, enum field_type type, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	char *end;
	switch (type) {
	case INT: {
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!errno && *s && !*end)
			return sqlite3_bind_int64(st, i, v);
		break;
	}
	case REAL: {
		errno = 0;
		double v = strtod(s, &end);
		if (!errno && *s && !*end)
			return sqlite3_bind_double(st, i, v);
		break;
	}
	case BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			return sqlite3_bind_int(st, i, 1);
		if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
			return sqlite3_bind_int(st, i, 0);
		break;
	case TEXT:
	case LIST:
		break;
	}
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int insert_records(struct imr_db *db, const struct imr_db_rows *rows, sqlite3_int64 *ids)
{
	for (size_t r = 0; r < rows->nrecords; r++) {
		const struct imr_db_record *rec = &rows->records[r];
		const struct def *d = &defs[rec->def];
		sqlite3_stmt *st = db->insert[rec->def];
		long chain[MAX_DEPTH];
		int depth = 0;
		for (long p = rec->parent; p >= 0 && depth < MAX_DEPTH; p = rows->records[p].parent)
			chain[depth++] = p;
		int i = 1;
		for (int k = depth - 1; k >= 0; k--)
			sqlite3_bind_int64(st, i++, ids[chain[k]]);
		for (size_t f = 0; f < d->nfields; f++) {
			size_t v = rows->values[rec->values + f];
			bind_value(st, i++, d->fields[f].type, v ? rows->text.data + v - 1 : NULL);
		}
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_DONE)
			return fail(db, d->table);
		ids[r] = sqlite3_last_insert_rowid(db->sql);
		if (d->indexed < 0)
			continue;
		size_t v = rows->values[rec->values + (size_t)d->indexed];
		sqlite3_bind_int64(db->index, 1, ids[r]);
		sqlite3_bind_text(db->index, 2, v ? rows->text.data + v - 1 : "", -1, SQLITE_STATIC);
		rc = sqlite3_step(db->index);
		sqlite3_reset(db->index);
		if (rc != SQLITE_DONE)
			return fail(db, "texts_fts");
	}
	return 0;
}

int imr_db_insert(struct imr_db *db, const struct imr_db_rows *rows, bool *added)
{
	*added = false;
	sqlite3_bind_text(db->has, 1, rows->sha256, -1, SQLITE_STATIC);
	int rc = sqlite3_step(db->has);
	sqlite3_reset(db->has);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return fail(db, "letters");
	sqlite3_int64 *ids = malloc((rows->nrecords ? rows->nrecords : 1) * sizeof *ids);
	if (!ids) {
		fprintf(stderr, "imr2xml: error: %s: out of memory\n", db->path);
		return -1;
	}
	/* A letter is all in, or not at all: when one fails, the letters since
	 * the last commit go with it (a savepoint per letter would cost as
	 * much as the rest, see schema.sql), and the writer takes no more. */
	int e = db->failed ? -1 : insert_records(db, rows, ids);
	free(ids);
	if (e) {
		if (!db->failed)
			fprintf(stderr, "imr2xml: %s: the letters since the last commit are not in it\n",
			        db->path);
		db->failed = true;
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	*added = true;
	if (++db->pending >= LETTERS_PER_COMMIT) {
		db->pending = 0;
		if (exec(db, "COMMIT") || exec(db, "BEGIN"))
			return -1;
	}
	return 0;
}

int imr_db_close(struct imr_db *db)
{
	if (!db)
		return 0;
	int e = db->failed ? -1 : exec(db, "COMMIT");
	if (!e)
		sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	db_free(db);
	return e;
}

void imr_db_abandon(struct imr_db *db)
{
	if (db)
		db_free(db);
}

/* ---- --db-merge ------------------------------------------------------------ */

/* The SQL that copies one table's rows of new letters from src, every
 * rowid shifted past those of main (an id, and the keys that point at
 * one).  Its columns are read from src's schema, so a column added to
 * schema.sql is merged with no change here, and one an older src lacks
 * takes its default. */
static int merge_table(struct imr_db *db, const char *table)
{
	sqlite3_stmt *st;
	char q[128];
	snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s', 'src') ORDER BY cid", table);
	if (sqlite3_prepare_v2(db->sql, q, -1, &st, NULL) != SQLITE_OK)
		return fail(db, table);
	struct imr_buffer cols = {0}, vals = {0};
	int e = imr_buffer_append(&cols, "", 0) || imr_buffer_append(&vals, "", 0);
	bool by_id = strcmp(table, "letters") == 0;
	while (!e && sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		const char *shift = strcmp(c, "letter_id") == 0     ? "letters"
		                    : strcmp(c, "item_id") == 0     ? "items"
		                    : strcmp(c, "citation_id") == 0 ? "citations"
		                    : strcmp(c, "id") == 0          ? table
		                                                    : NULL;
		char v[160];
		if (shift)
			snprintf(v, sizeof v, "s.%s + (SELECT shift FROM temp.shifts WHERE name = '%s')", c, shift);
		else
			snprintf(v, sizeof v, "s.%s", c);
		if (cols.len)
			e = imr_buffer_append(&cols, ", ", 2) || imr_buffer_append(&vals, ", ", 2);
		e = e || imr_buffer_append(&cols, c, strlen(c)) || imr_buffer_append(&vals, v, strlen(v));
	}
	sqlite3_finalize(st);
	char *sql = e ? NULL
	              : sqlite3_mprintf("INSERT INTO main.%s(%s) SELECT %s FROM src.%s AS s WHERE s.%s IN "
	                                "(SELECT id FROM temp.new_letters)",
	                                table, cols.data, vals.data, table, by_id ? "id" : "letter_id");
	e = sql ? exec(db, sql) : -1;
	sqlite3_free(sql);
	imr_buffer_free(&cols);
	imr_buffer_free(&vals);
	return e;
}

static int merge_one(struct imr_db *db, const char *in)
{
	char *attach = sqlite3_mprintf("ATTACH %Q AS src", in);
	int e = attach ? exec(db, attach) : -1;
	sqlite3_free(attach);
	if (e)
		return -1;
	/* A version 1 IN is read as it is (its letters' ordinal the column's
	 * default, 1): an input is not changed. */
	int v = user_version(db, "src");
	if (v != SCHEMA_VERSION && v != 1) {
		fprintf(stderr, "imr2xml: error: %s: %s\n", in,
		        v == 0 ? "not an imr2xml database"
		        : v < 0 ? "not a database"
		                : "a database of another schema version");
		exec(db, "DETACH src");
		return -1;
	}
	static const char *const prepare =
		"BEGIN;"
		"CREATE TEMP TABLE new_letters AS SELECT id FROM src.letters"
		" WHERE sha256 NOT IN (SELECT sha256 FROM main.letters);"
		"CREATE TEMP TABLE shifts AS"
		" SELECT 'letters' AS name, (SELECT coalesce(max(id), 0) FROM main.letters) AS shift"
		" UNION ALL SELECT 'items', (SELECT coalesce(max(id), 0) FROM main.items)"
		" UNION ALL SELECT 'citations', (SELECT coalesce(max(id), 0) FROM main.citations)"
		" UNION ALL SELECT 'texts', (SELECT coalesce(max(id), 0) FROM main.texts);";
	e = exec(db, prepare);
	/* Parents first: letters, items, citations; then the rest, by name. */
	sqlite3_stmt *tables = NULL;
	if (!e && sqlite3_prepare_v2(db->sql,
	                             "SELECT name FROM main.sqlite_master WHERE type = 'table'"
	                             " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_fts%'"
	                             " ORDER BY CASE name WHEN 'letters' THEN 0 WHEN 'items' THEN 1"
	                             " WHEN 'citations' THEN 2 ELSE 3 END, name",
	                             -1, &tables, NULL) != SQLITE_OK)
		e = fail(db, "listing its tables");
	while (!e && sqlite3_step(tables) == SQLITE_ROW) {
		char *name = strdup((const char *)sqlite3_column_text(tables, 0));
		e = name ? merge_table(db, name) : -1;
		free(name);
	}
	sqlite3_finalize(tables);
	/* Their texts into the index (it has no insert trigger). */
	if (!e)
		e = exec(db, "INSERT INTO main.texts_fts(rowid, body) SELECT id, body FROM main.texts"
		             " WHERE id > (SELECT shift FROM temp.shifts WHERE name = 'texts');"
		             "DROP TABLE temp.new_letters; DROP TABLE temp.shifts; COMMIT");
	else
		exec(db, "ROLLBACK");
	return exec(db, "DETACH src") || e ? -1 : 0;
}

int imr_db_merge(const char *out, char **inputs, int ninputs)
{
	/* Every input there before OUT is made. */
	for (int i = 0; i < ninputs; i++) {
		struct stat st;
		if (stat(inputs[i], &st) != 0) {
			fprintf(stderr, "imr2xml: error: %s: cannot read: %s\n", inputs[i], strerror(errno));
			return IMR_USAGE;
		}
	}
	struct imr_db *db = db_connect(out);
	if (!db || set_fts_hash_size(db)) {
		if (db)
			db_free(db);
		return IMR_USAGE;
	}
	int e = 0;
	for (int i = 0; !e && i < ninputs; i++)
		e = merge_one(db, inputs[i]);
	if (!e)
		sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	db_free(db);
	return e ? IMR_USAGE : IMR_OK;
}
