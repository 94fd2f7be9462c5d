/*
 * export.c - one row per item (issue), read from the XML by XPath, written
 * as CSV (libcsv quotes every field) or JSON Lines (jansson).
 *
 * Everything a row says comes from the table below: a column is a name,
 * a scope (DOC: the XPath is evaluated with the document as its context;
 * ISSUE: with the <issue> element), a kind (ONE: the first node the path
 * selects, in document order, as XPath's string() takes it; MANY: every
 * node it selects, in document order) and a type, which only JSON sees
 * (TEXT a string, NUMBER a number when the value reads as one, BOOL true
 * or false).  A node's value is its XPath string-value.  An absent ONE is
 * an empty CSV field and JSON null; MANY is "a; b" in CSV and an array
 * (maybe empty) in JSON.
 *
 * Adding a column is adding a line.  Some paths name elements the
 * converter does not write yet (request, category, warning, @source):
 * their cells are empty until the XML has them.
 */
#include "export.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "diag.h"
#include "output.h"
#include "xml.h"

/* X(name, scope, kind, type, xpath); "d:" is the determination namespace.
 * The letter's columns, first in both tables. */
#define LETTER_FACTS(X)                                                                            \
	X(source, DOC, ONE, TEXT, "/d:determination/@source")                                       \
	X(case_number, DOC, ONE, TEXT, "/d:determination/d:header/d:caseNumber")                    \
	X(variant, DOC, ONE, TEXT, "/d:determination/@variant")                                     \
	X(date_assigned, DOC, ONE, TEXT, "/d:determination/d:header/d:dateAssigned")                \
	X(decision_date, DOC, ONE, TEXT, "/d:determination/d:header/d:decisionDate")                \
	X(date_of_injury, DOC, ONE, TEXT, "/d:determination/d:header/d:dateOfInjury")               \
	X(ur_denial_date, DOC, ONE, TEXT, "/d:determination/d:header/d:urDenialDate")               \
	X(application_received, DOC, ONE, TEXT, "/d:determination/d:header/d:applicationReceived")  \
	X(reviewer_role, DOC, ONE, TEXT, "/d:determination/d:reviewer/@role")                       \
	X(certifications, DOC, MANY, TEXT, "/d:determination/d:reviewer/d:certification")           \
	X(license_states, DOC, MANY, TEXT, "/d:determination/d:reviewer/d:license/@state")          \
	X(patient_age, DOC, ONE, NUMBER, "/d:determination/d:caseSummary/d:patient/@age")           \
	X(patient_sex, DOC, ONE, TEXT, "/d:determination/d:caseSummary/d:patient/@sex")             \
	X(outcome, DOC, ONE, TEXT, "/d:determination/@outcome")                                     \
	X(priority, DOC, ONE, TEXT, "/d:determination/d:header/d:priority")                         \
	X(diagnoses, DOC, MANY, TEXT, "/d:determination/d:caseSummary/d:diagnosis")
#define EXPORT_COLUMNS(X)                                                                          \
	LETTER_FACTS(X)                                                                             \
	X(item, ISSUE, ONE, NUMBER, "@n")                                                           \
	X(line, ISSUE, ONE, NUMBER, "@line")                                                        \
	X(page, ISSUE, ONE, NUMBER, "@page")                                                        \
	X(service, ISSUE, ONE, TEXT, "d:service")                                                   \
	X(request_name, ISSUE, ONE, TEXT, "d:request/d:name")                                       \
	X(generic, ISSUE, ONE, TEXT, "d:request/d:name/@generic")                                   \
	X(strength, ISSUE, MANY, NUMBER, "d:request/d:strength/@value")                             \
	X(strength_unit, ISSUE, MANY, TEXT, "d:request/d:strength/@unit")                           \
	X(form, ISSUE, ONE, TEXT, "d:request/d:form")                                               \
	X(quantity, ISSUE, ONE, NUMBER, "d:request/d:quantity/@value")                              \
	X(quantity_unit, ISSUE, ONE, TEXT, "d:request/d:quantity/@unit")                            \
	X(refills, ISSUE, ONE, NUMBER, "d:request/d:refills/@count")                                \
	X(frequency, ISSUE, ONE, TEXT, "d:request/d:frequency")                                     \
	X(frequency_times, ISSUE, ONE, NUMBER, "d:request/d:frequency/@times")                      \
	X(frequency_every, ISSUE, ONE, NUMBER, "d:request/d:frequency/@every")                      \
	X(frequency_per, ISSUE, ONE, TEXT, "d:request/d:frequency/@per")                            \
	X(sessions, ISSUE, ONE, NUMBER, "d:request/d:sessions/@count")                              \
	X(body_region, ISSUE, MANY, TEXT, "d:request/d:bodyRegion")                                 \
	X(laterality, ISSUE, MANY, TEXT, "d:request/d:bodyRegion/@laterality")                      \
	X(levels, ISSUE, MANY, TEXT, "d:request/d:level")                                           \
	X(retrospective, ISSUE, ONE, BOOL, "d:request/@retrospective")                              \
	X(date_of_service, ISSUE, ONE, TEXT, "d:request/d:dateOfService/@date")                     \
	X(category, ISSUE, ONE, TEXT, "@category")                                                  \
	X(subcategory, ISSUE, ONE, TEXT, "@subcategory")                                            \
	X(decision, ISSUE, ONE, TEXT, "@decision")                                                  \
	X(ca_bodies, ISSUE, MANY, TEXT, "d:claimsAdministratorGuideline/d:citation/@body")          \
	X(ca_documents, ISSUE, MANY, TEXT, "d:claimsAdministratorGuideline/d:citation/@document")   \
	X(reviewer_bodies, ISSUE, MANY, TEXT, "d:maximusGuideline/d:citation/@body")                \
	X(reviewer_documents, ISSUE, MANY, TEXT, "d:maximusGuideline/d:citation/@document")         \
	X(conclusion, ISSUE, ONE, TEXT, "d:rationale/@conclusion")                                  \
	X(original_request, ISSUE, ONE, TEXT, "d:originalRequest")                                  \
	X(authorized, ISSUE, ONE, TEXT, "d:authorized")                                             \
	X(warnings, ISSUE, MANY, TEXT, "/d:determination/d:warning/@code | d:warning/@code")

/* --table letters: one row per letter, every column of scope DOC.  A path
 * may also give a number (count()). */
#define LETTER_COLUMNS(X)                                                                          \
	LETTER_FACTS(X)                                                                             \
	X(sha256, DOC, ONE, TEXT, "/d:determination/@sha256")                                       \
	X(complete, DOC, ONE, BOOL, "not(/d:determination/@complete = 'false')")                    \
	X(items, DOC, ONE, NUMBER, "count(/d:determination/d:issues/d:issue)")                      \
	X(overturned, DOC, ONE, NUMBER, "count(/d:determination/d:issues/d:issue[@decision = 'overturned'])") \
	X(upheld, DOC, ONE, NUMBER, "count(/d:determination/d:issues/d:issue[@decision = 'upheld'])") \
	X(medications, DOC, MANY, TEXT, "/d:determination/d:caseSummary/d:medication")              \
	X(warnings, DOC, MANY, TEXT, "//d:warning/@code")

enum scope { DOC, ISSUE };
enum kind { ONE, MANY };
enum type { TEXT, NUMBER, BOOL };

enum column {
#define AS_ENUM(name, scope, kind, type, xpath) COL_##name,
	EXPORT_COLUMNS(AS_ENUM)
#undef AS_ENUM
	NCOLUMNS
};
enum letter_column {
#define AS_ENUM(name, scope, kind, type, xpath) LETTER_COL_##name,
	LETTER_COLUMNS(AS_ENUM)
#undef AS_ENUM
	NLETTER_COLUMNS
};
/* Both tables start with the source: the input's name when the XML has none. */
_Static_assert(COL_source == 0 && LETTER_COL_source == 0, "source is the first column");

struct column_def {
	const char *name;
	enum scope scope;
	enum kind kind;
	enum type type;
	const char *xpath;
};
#define AS_DEF(name, scope, kind, type, xpath) {#name, scope, kind, type, xpath},
static const struct column_def item_columns[NCOLUMNS] = {EXPORT_COLUMNS(AS_DEF)};
static const struct column_def letter_columns[NLETTER_COLUMNS] = {LETTER_COLUMNS(AS_DEF)};
#undef AS_DEF

/* A table: its columns, and the rows (a context node each, in document
 * order) relative to the document. */
static const struct table {
	const struct column_def *columns;
	size_t n;
	const char *rows;
} tables[] = {
	[IMR_TABLE_ITEMS] = {item_columns, NCOLUMNS, "/d:determination/d:issues/d:issue"},
	[IMR_TABLE_LETTERS] = {letter_columns, NLETTER_COLUMNS, "/d:determination"},
};
enum { MAX_COLUMNS = (int)NCOLUMNS > (int)NLETTER_COLUMNS ? (int)NCOLUMNS : (int)NLETTER_COLUMNS };

/* Set once, before any thread exports (main.c). */
static enum imr_table table_kind = IMR_TABLE_ITEMS;

void imr_export_set_table(enum imr_table t)
{
	table_kind = t;
}

bool imr_table_parse(const char *name, enum imr_table *out)
{
	if (strcmp(name, "items") == 0)
		*out = IMR_TABLE_ITEMS;
	else if (strcmp(name, "letters") == 0)
		*out = IMR_TABLE_LETTERS;
	else
		return false;
	return true;
}

const char *imr_table_name(void)
{
	return table_kind == IMR_TABLE_LETTERS ? "letters" : "items";
}

/* Multi-valued cells in CSV. */
static const char csv_separator[] = "; ";

bool imr_format_parse(const char *name, enum imr_format *out)
{
	static const char *const names[] = {"xml", "csv", "jsonl"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum imr_format)i;
			return true;
		}
	return false;
}

const char *imr_format_extension(enum imr_format f)
{
	switch (f) {
	case IMR_FORMAT_CSV:
		return "csv";
	case IMR_FORMAT_JSONL:
		return "jsonl";
	case IMR_FORMAT_XML:
		break;
	}
	return "xml";
}

/* ---- CSV: every field quoted by libcsv, records end in CRLF ------------ */

static int csv_field(struct imr_buffer *out, bool first, const char *s, size_t n)
{
	if (!first && imr_buffer_append(out, ",", 1))
		return ENOMEM;
	/* csv_write returns the size it needs, whatever room it was given. */
	size_t need = csv_write(NULL, 0, s, n);
	if (imr_buffer_reserve(out, need))
		return ENOMEM;
	out->len += csv_write(out->data + out->len, out->cap - out->len, s, n);
	out->data[out->len] = '\0';
	return 0;
}

/* ---- the values of a row ------------------------------------------------ */

struct cell {
	xmlChar **values; /* each malloc'ed by libxml2 */
	size_t n;
	bool evaluated;
};

static void cell_clear(struct cell *c)
{
	for (size_t i = 0; i < c->n; i++)
		xmlFree(c->values[i]);
	free(c->values);
	*c = (struct cell){0};
}

/* Evaluates a column's path in ctx (its context node already set). */
static int cell_eval(struct cell *c, const struct column_def *col, xmlXPathCompExprPtr expr,
                     xmlXPathContextPtr ctx)
{
	cell_clear(c);
	c->evaluated = true;
	xmlXPathObjectPtr r = xmlXPathCompiledEval(expr, ctx);
	if (!r)
		return ENOMEM;
	int e = 0;
	if (r->type != XPATH_NODESET) {
		/* A number or a boolean the path computes: one value, as XPath's
		 * string() gives it. */
		c->values = calloc(1, sizeof *c->values);
		if (!c->values || !(c->values[0] = xmlXPathCastToString(r)))
			e = ENOMEM;
		else
			c->n = 1;
		xmlXPathFreeObject(r);
		return e;
	}
	xmlNodeSetPtr set = r->nodesetval;
	size_t n = set ? (size_t)set->nodeNr : 0;
	if (col->kind == ONE && n > 1)
		n = 1;
	if (n) {
		c->values = calloc(n, sizeof *c->values);
		if (!c->values)
			e = ENOMEM;
		for (size_t i = 0; !e && i < n; i++) {
			/* The string-value, as XPath's string() gives it. */
			c->values[i] = xmlXPathCastNodeToString(set->nodeTab[i]);
			if (!c->values[i])
				e = ENOMEM;
			else
				c->n++;
		}
	}
	xmlXPathFreeObject(r);
	return e;
}

/* A number as JSON has it: digits, a point, an exponent; nothing else
 * (no hex, inf, nan, leading '+' or white space). */
static json_t *json_number_of(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	bool integer = true;
	for (const char *q = p; *q; q++) {
		if (*q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-')
			integer = false;
		else if (*q < '0' || *q > '9')
			return NULL;
	}
	char *end;
	errno = 0;
	if (integer) {
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end)
			return json_integer((json_int_t)v);
	}
	errno = 0;
	double d = strtod(s, &end);
	if (errno || *end || !isfinite(d))
		return NULL;
	return json_real(d);
}

static json_t *json_value(const struct column_def *col, const xmlChar *v)
{
	const char *s = (const char *)v;
	json_t *j = NULL;
	if (col->type == NUMBER)
		j = json_number_of(s);
	else if (col->type == BOOL && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0))
		j = json_true();
	else if (col->type == BOOL && (strcmp(s, "false") == 0 || strcmp(s, "0") == 0))
		j = json_false();
	/* Anything else (a number that is none) is kept as the string it is. */
	return j ? j : json_stringn(s, strlen(s));
}

static int row_csv(const struct table *t, struct cell *cells, const char *source,
                   struct imr_buffer *out)
{
	for (size_t i = 0; i < t->n; i++) {
		struct cell *c = &cells[i];
		if (i == COL_source && c->n == 0) {
			if (csv_field(out, i == 0, source, strlen(source)))
				return ENOMEM;
			continue;
		}
		struct imr_buffer joined = {0};
		int e = imr_buffer_append(&joined, "", 0);
		for (size_t k = 0; !e && k < c->n; k++) {
			if (k)
				e = imr_buffer_append(&joined, csv_separator, sizeof csv_separator - 1);
			if (!e)
				e = imr_buffer_append(&joined, (const char *)c->values[k],
				                      strlen((const char *)c->values[k]));
		}
		if (!e)
			e = csv_field(out, i == 0, joined.data, joined.len);
		imr_buffer_free(&joined);
		if (e)
			return e;
	}
	return imr_buffer_append(out, "\r\n", 2);
}

static int row_json(const struct table *t, struct cell *cells, const char *source,
                    struct imr_buffer *out)
{
	json_t *row = json_object();
	int e = row ? 0 : ENOMEM;
	for (size_t i = 0; !e && i < t->n; i++) {
		const struct column_def *col = &t->columns[i];
		struct cell *c = &cells[i];
		json_t *v;
		if (col->kind == MANY) {
			v = json_array();
			for (size_t k = 0; v && k < c->n; k++)
				if (json_array_append_new(v, json_value(col, c->values[k])) != 0) {
					json_decref(v);
					v = NULL;
				}
		} else if (c->n) {
			v = json_value(col, c->values[0]);
		} else if (i == COL_source) {
			/* JSON strings are UTF-8; a file's name need not be. */
			if (!(v = json_string(source)))
				e = EILSEQ;
		} else {
			v = json_null();
		}
		if (!e && (!v || json_object_set_new(row, col->name, v) != 0))
			e = ENOMEM;
	}
	/* Compact, UTF-8 as it is, and reals with the digits they were written
	 * with (15 significant digits round-trip any decimal of up to 15). */
	char *text = e ? NULL : json_dumps(row, JSON_COMPACT | JSON_REAL_PRECISION(15));
	if (!e && !text)
		e = ENOMEM;
	if (!e)
		e = imr_buffer_append(out, text, strlen(text));
	if (!e)
		e = imr_buffer_append(out, "\n", 1);
	free(text);
	json_decref(row);
	return e;
}

/* ---- a document's rows -------------------------------------------------- */

int imr_export_begin(enum imr_format f, struct imr_buffer *out)
{
	json_object_seed(0); /* now, before any thread makes an object */
	if (f != IMR_FORMAT_CSV)
		return imr_buffer_append(out, "", 0);
	const struct table *t = &tables[table_kind];
	for (size_t i = 0; i < t->n; i++)
		if (csv_field(out, i == 0, t->columns[i].name, strlen(t->columns[i].name)))
			return ENOMEM;
	return imr_buffer_append(out, "\r\n", 2);
}

/* One letter's rows (doc: a <determination> as the root). */
static int export_letter(enum imr_format f, xmlDocPtr doc, const char *source,
                         struct imr_buffer *out, size_t *rows)
{
	const struct table *t = &tables[table_kind];
	const struct column_def *columns = t->columns;
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathCompExprPtr exprs[MAX_COLUMNS] = {0};
	struct cell cells[MAX_COLUMNS];
	memset(cells, 0, sizeof cells);
	xmlXPathObjectPtr issues = NULL;
	int e = ctx ? 0 : ENOMEM;
	if (!e && xmlXPathRegisterNs(ctx, BAD_CAST "d", BAD_CAST IMR2XML_NAMESPACE) != 0)
		e = ENOMEM;
	for (size_t i = 0; !e && i < t->n; i++)
		if (!(exprs[i] = xmlXPathCtxtCompile(ctx, BAD_CAST columns[i].xpath)))
			e = ENOMEM; /* the table's paths are fixed: only memory fails */
	if (!e) {
		ctx->node = (xmlNodePtr)doc;
		issues = xmlXPathEvalExpression(BAD_CAST t->rows, ctx);
		if (!issues)
			e = ENOMEM;
	}
	xmlNodeSetPtr set = issues && issues->type == XPATH_NODESET ? issues->nodesetval : NULL;
	for (int k = 0; !e && set && k < set->nodeNr; k++) {
		for (size_t i = 0; !e && i < t->n; i++) {
			if (columns[i].scope == DOC && cells[i].evaluated)
				continue; /* the same for every issue of the document */
			ctx->node = columns[i].scope == DOC ? (xmlNodePtr)doc : set->nodeTab[k];
			e = cell_eval(&cells[i], &columns[i], exprs[i], ctx);
		}
		if (!e)
			e = f == IMR_FORMAT_CSV ? row_csv(t, cells, source, out) : row_json(t, cells, source, out);
		if (!e && rows)
			(*rows)++;
	}
	xmlXPathFreeObject(issues);
	for (size_t i = 0; i < t->n; i++) {
		cell_clear(&cells[i]);
		xmlXPathFreeCompExpr(exprs[i]);
	}
	xmlXPathFreeContext(ctx);
	return e;
}

static bool joined(xmlNodePtr root)
{
	return root && xmlStrEqual(root->name, BAD_CAST "determinations");
}

xmlNodePtr imr_xml_first_letter(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	return joined(root) ? xmlFirstElementChild(root) : root;
}

xmlNodePtr imr_xml_next_letter(xmlNodePtr letter)
{
	return letter->parent && letter->parent->type == XML_ELEMENT_NODE && joined(letter->parent)
	               ? xmlNextElementSibling(letter)
	               : NULL;
}

size_t imr_xml_letters(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!joined(root))
		return 1;
	size_t n = 0;
	for (xmlNodePtr c = imr_xml_first_letter(doc); c; c = imr_xml_next_letter(c))
		n++;
	return n;
}

/* The letters of one input, each exported as a document of its own: a
 * copy of its <determination> with the root's provenance. */
int imr_export_doc(enum imr_format f, xmlDocPtr doc, const char *source, struct imr_buffer *out,
                   size_t *rows)
{
	if (rows)
		*rows = 0;
	if (f == IMR_FORMAT_XML)
		return 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (imr_xml_letters(doc) == 1 && root && xmlStrEqual(root->name, BAD_CAST "determination"))
		return export_letter(f, doc, source, out, rows);
	static const char *const provenance[] = {"source", "sha256", "generator"};
	int e = 0;
	for (xmlNodePtr c = imr_xml_first_letter(doc); !e && c; c = imr_xml_next_letter(c)) {
		xmlDocPtr letter = xmlNewDoc(BAD_CAST "1.0");
		xmlNodePtr copy = letter ? xmlDocCopyNode(c, letter, 1) : NULL;
		if (!copy) {
			xmlFreeDoc(letter);
			return ENOMEM;
		}
		xmlDocSetRootElement(letter, copy);
		for (size_t i = 0; i < sizeof provenance / sizeof *provenance; i++) {
			xmlChar *v = xmlGetProp(root, BAD_CAST provenance[i]);
			if (v && !xmlSetProp(copy, BAD_CAST provenance[i], v))
				e = ENOMEM;
			xmlFree(v);
		}
		size_t n = 0;
		if (!e)
			e = export_letter(f, letter, source, out, &n);
		if (rows)
			*rows += n;
		xmlFreeDoc(letter);
	}
	return e;
}

int imr_export_xml(enum imr_format f, const char *xml, size_t len, const char *source,
                   struct imr_buffer *out, size_t *rows, struct imr_diags *diags)
{
	if (rows)
		*rows = 0;
	xmlDocPtr doc = imr_xml_read(xml, len, diags);
	if (!doc)
		return EINVAL;
	int e = imr_export_doc(f, doc, source, out, rows);
	xmlFreeDoc(doc);
	return e;
}

bool imr_is_xml(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '<';
}

bool imr_is_determination(xmlDocPtr doc, struct imr_diags *diags)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root &&
	    (xmlStrEqual(root->name, BAD_CAST "determination") ||
	     xmlStrEqual(root->name, BAD_CAST "determinations")) &&
	    root->ns &&
	    xmlStrEqual(root->ns->href, BAD_CAST IMR2XML_NAMESPACE))
		return true;
	imr_diag_add(diags, IMR_ERROR, root ? (unsigned)xmlGetLineNo(root) : 0, 0, NULL, 0,
	             "not imr2xml's XML: its root is <%s>%s%s, not <determination> in " IMR2XML_NAMESPACE,
	             root ? (const char *)root->name : "", root && root->ns ? " in " : "",
	             root && root->ns ? (const char *)root->ns->href : "");
	return false;
}

enum imr_status imr_export_input(enum imr_format f, const char *data, size_t len, const char *source,
                                 const struct imr_options *opt, struct imr_validator *validator,
                                 struct imr_buffer *out, bool *exported, struct imr_diags *diags)
{
	if (exported)
		*exported = false;
	enum imr_status st;
	xmlDocPtr doc = NULL;
	if (imr_is_xml(data, len)) {
		size_t errors = diags->errors;
		doc = imr_xml_read(data, len, diags);
		if (!doc && diags->errors == errors)
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "not well-formed XML");
		st = !doc || !imr_is_determination(doc, diags)                  ? IMR_REJECTED
		     : validator && !imr_validate_doc(validator, doc, diags) ? IMR_REJECTED
		                                                              : IMR_OK;
		if (st != IMR_OK) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
	} else {
		struct imr_buffer xml;
		st = imr_convert_to_buffer(data, len, opt, validator, &xml, NULL, diags);
		if (xml.data)
			doc = imr_xml_read(xml.data, xml.len, diags);
		imr_buffer_free(&xml);
	}
	if (doc) {
		int e = imr_export_doc(f, doc, source, out, NULL);
		if (e) {
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot export its items: %s",
			             e == EILSEQ ? "its name is not UTF-8" : strerror(e));
			st = IMR_USAGE;
		} else if (exported) {
			*exported = true;
		}
		xmlFreeDoc(doc);
	}
	return st;
}
