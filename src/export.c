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
#include "xml.h"

/* X(name, scope, kind, type, xpath); "d:" is the determination namespace. */
#define EXPORT_COLUMNS(X)                                                                          \
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
	X(item, ISSUE, ONE, NUMBER, "@n")                                                           \
	X(line, ISSUE, ONE, NUMBER, "@line")                                                        \
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
	X(warnings, ISSUE, MANY, TEXT, "/d:determination/d:warning/@code | d:warning/@code")

enum scope { DOC, ISSUE };
enum kind { ONE, MANY };
enum type { TEXT, NUMBER, BOOL };

enum column {
#define AS_ENUM(name, scope, kind, type, xpath) COL_##name,
	EXPORT_COLUMNS(AS_ENUM)
#undef AS_ENUM
	NCOLUMNS
};

static const struct column_def {
	const char *name;
	enum scope scope;
	enum kind kind;
	enum type type;
	const char *xpath;
} columns[NCOLUMNS] = {
#define AS_DEF(name, scope, kind, type, xpath) {#name, scope, kind, type, xpath},
	EXPORT_COLUMNS(AS_DEF)
#undef AS_DEF
};

/* The issues of a document, in order. */
static const char issues_xpath[] = "/d:determination/d:issues/d:issue";

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

/* Room for n more bytes and the final NUL. */
static int reserve(struct imr_buffer *b, size_t n)
{
	if (b->data && b->cap - b->len > n)
		return 0;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2)
			return ENOMEM;
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p)
		return ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int imr_buffer_append(struct imr_buffer *b, const char *s, size_t n)
{
	if (reserve(b, n))
		return ENOMEM;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* ---- CSV: every field quoted by libcsv, records end in CRLF ------------ */

static int csv_field(struct imr_buffer *out, bool first, const char *s, size_t n)
{
	if (!first && imr_buffer_append(out, ",", 1))
		return ENOMEM;
	/* csv_write returns the size it needs, whatever room it was given. */
	size_t need = csv_write(NULL, 0, s, n);
	if (reserve(out, need))
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
	xmlNodeSetPtr set = r->type == XPATH_NODESET ? r->nodesetval : NULL;
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

static int row_csv(struct cell *cells, const char *source, struct imr_buffer *out)
{
	for (size_t i = 0; i < NCOLUMNS; i++) {
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

static int row_json(struct cell *cells, const char *source, struct imr_buffer *out)
{
	json_t *row = json_object();
	int e = row ? 0 : ENOMEM;
	for (size_t i = 0; !e && i < NCOLUMNS; i++) {
		const struct column_def *col = &columns[i];
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
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (csv_field(out, i == 0, columns[i].name, strlen(columns[i].name)))
			return ENOMEM;
	return imr_buffer_append(out, "\r\n", 2);
}

int imr_export_doc(enum imr_format f, xmlDocPtr doc, const char *source, struct imr_buffer *out,
                   size_t *rows)
{
	if (rows)
		*rows = 0;
	if (f == IMR_FORMAT_XML)
		return 0;
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathCompExprPtr exprs[NCOLUMNS] = {0};
	struct cell cells[NCOLUMNS];
	memset(cells, 0, sizeof cells);
	xmlXPathObjectPtr issues = NULL;
	int e = ctx ? 0 : ENOMEM;
	if (!e && xmlXPathRegisterNs(ctx, BAD_CAST "d", BAD_CAST IMR2XML_NAMESPACE) != 0)
		e = ENOMEM;
	for (size_t i = 0; !e && i < NCOLUMNS; i++)
		if (!(exprs[i] = xmlXPathCtxtCompile(ctx, BAD_CAST columns[i].xpath)))
			e = ENOMEM; /* the table's paths are fixed: only memory fails */
	if (!e) {
		ctx->node = (xmlNodePtr)doc;
		issues = xmlXPathEvalExpression(BAD_CAST issues_xpath, ctx);
		if (!issues)
			e = ENOMEM;
	}
	xmlNodeSetPtr set = issues && issues->type == XPATH_NODESET ? issues->nodesetval : NULL;
	for (int k = 0; !e && set && k < set->nodeNr; k++) {
		for (size_t i = 0; !e && i < NCOLUMNS; i++) {
			if (columns[i].scope == DOC && cells[i].evaluated)
				continue; /* the same for every issue of the document */
			ctx->node = columns[i].scope == DOC ? (xmlNodePtr)doc : set->nodeTab[k];
			e = cell_eval(&cells[i], &columns[i], exprs[i], ctx);
		}
		if (!e)
			e = f == IMR_FORMAT_CSV ? row_csv(cells, source, out) : row_json(cells, source, out);
		if (!e && rows)
			(*rows)++;
	}
	xmlXPathFreeObject(issues);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		cell_clear(&cells[i]);
		xmlXPathFreeCompExpr(exprs[i]);
	}
	xmlXPathFreeContext(ctx);
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
		st = !doc ? IMR_REJECTED
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
