/* exportcheck.c - the oracle of the export (--format csv|jsonl).
 *
 *   exportcheck csv|jsonl EXPORT SOURCE XML [SOURCE XML]...
 *
 * EXPORT is what imr2xml wrote for the documents whose XML files are
 * named, in that order; SOURCE is the name the rows of each must carry
 * when its XML has no @source.  The file is read back with libcsv (RFC
 * 4180, strict) or jansson, and every cell of every row is compared with
 * the XML's value, computed here independently of the export's code: each
 * column is an absolute XPath of its own, the issue picked by position
 * (issue[k]), its values counted and read with count() and string().  The
 * header (CSV) or the keys (JSON, in order) must be the column list below,
 * and there must be exactly one row per issue, in document order, the
 * documents in the order given.  Prints every difference; exits 1 if any.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include "testing.h"

/* The columns as docs/export.md lists them.  %d: the issue's position. */
enum type { TEXT, NUMBER, BOOL };
static const struct {
	const char *name;
	bool many;
	enum type type;
	const char *path;
} cols[] = {
	{"source", false, TEXT, "/d:determination/@source"},
	{"case_number", false, TEXT, "/d:determination/d:header/d:caseNumber"},
	{"variant", false, TEXT, "/d:determination/@variant"},
	{"date_assigned", false, TEXT, "/d:determination/d:header/d:dateAssigned"},
	{"decision_date", false, TEXT, "/d:determination/d:header/d:decisionDate"},
	{"date_of_injury", false, TEXT, "/d:determination/d:header/d:dateOfInjury"},
	{"ur_denial_date", false, TEXT, "/d:determination/d:header/d:urDenialDate"},
	{"application_received", false, TEXT, "/d:determination/d:header/d:applicationReceived"},
	{"reviewer_role", false, TEXT, "/d:determination/d:reviewer/@role"},
	{"certifications", true, TEXT, "/d:determination/d:reviewer/d:certification"},
	{"license_states", true, TEXT, "/d:determination/d:reviewer/d:license/@state"},
	{"patient_age", false, NUMBER, "/d:determination/d:caseSummary/d:patient/@age"},
	{"patient_sex", false, TEXT, "/d:determination/d:caseSummary/d:patient/@sex"},
	{"outcome", false, TEXT, "/d:determination/@outcome"},
	{"priority", false, TEXT, "/d:determination/d:header/d:priority"},
	{"diagnoses", true, TEXT, "/d:determination/d:caseSummary/d:diagnosis"},
	{"item", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/@n"},
	{"line", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/@line"},
	{"page", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/@page"},
	{"service", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:service"},
	{"request_name", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:name"},
	{"generic", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:name/@generic"},
	{"strength", true, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:strength/@value"},
	{"strength_unit", true, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:strength/@unit"},
	{"form", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:form"},
	{"quantity", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:quantity/@value"},
	{"quantity_unit", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:quantity/@unit"},
	{"refills", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:refills/@count"},
	{"frequency", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:frequency"},
	{"frequency_times", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:frequency/@times"},
	{"frequency_every", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:frequency/@every"},
	{"frequency_per", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:frequency/@per"},
	{"sessions", false, NUMBER, "/d:determination/d:issues/d:issue[%d]/d:request/d:sessions/@count"},
	{"body_region", true, TEXT,
	 "/d:determination/d:issues/d:issue[%d]/d:request/d:bodyRegion"},
	{"laterality", true, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:bodyRegion/@laterality"},
	{"levels", true, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:level"},
	{"retrospective", false, BOOL, "/d:determination/d:issues/d:issue[%d]/d:request/@retrospective"},
	{"date_of_service", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:request/d:dateOfService/@date"},
	{"category", false, TEXT, "/d:determination/d:issues/d:issue[%d]/@category"},
	{"subcategory", false, TEXT, "/d:determination/d:issues/d:issue[%d]/@subcategory"},
	{"decision", false, TEXT, "/d:determination/d:issues/d:issue[%d]/@decision"},
	{"ca_bodies", true, TEXT, "/d:determination/d:issues/d:issue[%d]/d:claimsAdministratorGuideline/d:citation/@body"},
	{"ca_documents", true, TEXT,
	 "/d:determination/d:issues/d:issue[%d]/d:claimsAdministratorGuideline/d:citation/@document"},
	{"reviewer_bodies", true, TEXT, "/d:determination/d:issues/d:issue[%d]/d:maximusGuideline/d:citation/@body"},
	{"reviewer_documents", true, TEXT,
	 "/d:determination/d:issues/d:issue[%d]/d:maximusGuideline/d:citation/@document"},
	{"conclusion", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:rationale/@conclusion"},
	{"original_request", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:originalRequest"},
	{"authorized", false, TEXT, "/d:determination/d:issues/d:issue[%d]/d:authorized"},
	{"warnings", true, TEXT,
	 "/d:determination/d:warning/@code | /d:determination/d:issues/d:issue[%d]/d:warning/@code"},
};
enum { NCOLS = sizeof cols / sizeof *cols };

static int failures;

static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("exportcheck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

/* ---- the XML side ------------------------------------------------------ */

struct doc {
	const char *source, *path;
	xmlDocPtr xml;
	xmlXPathContextPtr ctx;
	int issues;
};

static xmlXPathObjectPtr eval(struct doc *d, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, d->ctx);
	if (!r) {
		fprintf(stderr, "exportcheck: bad XPath %s\n", expr);
		exit(2);
	}
	return r;
}

static double number(struct doc *d, const char *expr)
{
	xmlXPathObjectPtr r = eval(d, expr);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	return v;
}

static char *string(struct doc *d, const char *expr)
{
	xmlXPathObjectPtr r = eval(d, expr);
	xmlChar *s = xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	char *out = strdup((const char *)s);
	xmlFree(s);
	return out;
}

/* The expected values of column c for issue k (1-based): *n of them. */
static char **expected(struct doc *d, int c, int k, int *n)
{
	char path[512], expr[600];
	snprintf(path, sizeof path, cols[c].path, k);
	snprintf(expr, sizeof expr, "count(%s)", path);
	*n = (int)number(d, expr);
	if (!cols[c].many && *n > 1)
		*n = 1;
	char **v = calloc((size_t)*n + 1, sizeof *v);
	for (int i = 0; i < *n; i++) {
		snprintf(expr, sizeof expr, "string((%s)[%d])", path, i + 1);
		v[i] = string(d, expr);
	}
	if (c == 0 && *n == 0) { /* no @source: the name of the input */
		*n = 1;
		v[0] = strdup(d->source);
	}
	return v;
}

static void free_values(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void open_doc(struct doc *d)
{
	d->xml = xmlReadFile(d->path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (!d->xml) {
		fprintf(stderr, "exportcheck: cannot read %s\n", d->path);
		exit(2);
	}
	d->ctx = xmlXPathNewContext(d->xml);
	xmlXPathRegisterNs(d->ctx, BAD_CAST "d", BAD_CAST "urn:imr2xml:determination:1");
	d->issues = (int)number(d, "count(/d:determination/d:issues/d:issue)");
}

/* ---- CSV ------------------------------------------------------------------ */

struct csv_rows {
	char ***rows; /* rows of NCOLS-or-so fields */
	int *nfields;
	int n, cap;
	char **cur;
	int ncur, capcur;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_rows *r = data;
	if (r->ncur == r->capcur) {
		r->capcur = r->capcur ? 2 * r->capcur : 64;
		r->cur = realloc(r->cur, (size_t)r->capcur * sizeof *r->cur);
	}
	char *f = malloc(len + 1);
	memcpy(f, s, len);
	f[len] = '\0';
	r->cur[r->ncur++] = f;
}

static void on_record(int c, void *data)
{
	(void)c;
	struct csv_rows *r = data;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->rows = realloc(r->rows, (size_t)r->cap * sizeof *r->rows);
		r->nfields = realloc(r->nfields, (size_t)r->cap * sizeof *r->nfields);
	}
	r->rows[r->n] = r->cur;
	r->nfields[r->n++] = r->ncur;
	r->cur = NULL;
	r->ncur = r->capcur = 0;
}

static void check_csv(const char *file, struct doc *docs, int ndocs)
{
	size_t len;
	char *text = test_read_file(file, &len);
	if (!text) {
		fprintf(stderr, "exportcheck: cannot read %s: %s\n", file, strerror(errno));
		exit(2);
	}
	struct csv_parser p;
	struct csv_rows r = {0};
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_parse(&p, text, len, on_field, on_record, &r) != len ||
	    csv_fini(&p, on_field, on_record, &r) != 0) {
		fail("%s: not RFC 4180 CSV: %s", file, csv_strerror(csv_error(&p)));
		csv_free(&p);
		return;
	}
	csv_free(&p);
	/* Records end in CRLF (RFC 4180), the last one too. */
	if (len < 2 || text[len - 2] != '\r' || text[len - 1] != '\n')
		fail("%s: the last record does not end in CRLF", file);
	free(text);
	if (r.n < 1) {
		fail("%s: no header row", file);
		return;
	}
	if (r.nfields[0] != NCOLS)
		fail("%s: the header has %d fields, want %d", file, r.nfields[0], NCOLS);
	for (int c = 0; c < NCOLS && c < r.nfields[0]; c++)
		if (strcmp(r.rows[0][c], cols[c].name) != 0)
			fail("%s: header field %d is '%s', want '%s'", file, c + 1, r.rows[0][c], cols[c].name);
	int row = 1;
	for (int i = 0; i < ndocs; i++) {
		for (int k = 1; k <= docs[i].issues; k++, row++) {
			if (row >= r.n) {
				fail("%s: %d rows, but %s has issue %d still", file, r.n - 1, docs[i].path, k);
				return;
			}
			if (r.nfields[row] != NCOLS) {
				fail("%s: row %d has %d fields, want %d", file, row, r.nfields[row], NCOLS);
				continue;
			}
			for (int c = 0; c < NCOLS; c++) {
				int n;
				char **v = expected(&docs[i], c, k, &n);
				size_t want_len = 1;
				for (int j = 0; j < n; j++)
					want_len += strlen(v[j]) + 2;
				char *want = calloc(want_len, 1);
				for (int j = 0; j < n; j++) {
					if (j)
						strcat(want, "; ");
					strcat(want, v[j]);
				}
				if (strcmp(r.rows[row][c], want) != 0)
					fail("%s: row %d (%s issue %d) column %s is '%s', the XML says '%s'", file, row,
					     docs[i].path, k, cols[c].name, r.rows[row][c], want);
				free(want);
				free_values(v, n);
			}
		}
	}
	if (row != r.n)
		fail("%s: %d rows, the XML has %d issues", file, r.n - 1, row - 1);
}

/* ---- JSON Lines -------------------------------------------------------------- */

/* The JSON value the XML's value v must be. */
static void check_json_value(const char *where, int c, json_t *j, const char *v)
{
	char *end;
	errno = 0;
	double num = strtod(v, &end);
	bool is_number = *v && !*end && !errno && isfinite(num) && strspn(v, "-0123456789.eE+") == strlen(v);
	if (cols[c].type == NUMBER && is_number) {
		if (!json_is_number(j) || json_number_value(j) != num)
			fail("%s: column %s: want the number %s", where, cols[c].name, v);
	} else if (cols[c].type == BOOL && strcmp(v, "true") == 0) {
		if (!json_is_true(j))
			fail("%s: column %s: want true", where, cols[c].name);
	} else if (cols[c].type == BOOL && strcmp(v, "false") == 0) {
		if (!json_is_false(j))
			fail("%s: column %s: want false", where, cols[c].name);
	} else if (!json_is_string(j) || strcmp(json_string_value(j), v) != 0) {
		fail("%s: column %s is %s, the XML says '%s'", where, cols[c].name,
		     json_is_string(j) ? json_string_value(j) : "not a string", v);
	}
}

static void check_jsonl(const char *file, struct doc *docs, int ndocs)
{
	FILE *f = fopen(file, "rb");
	if (!f) {
		fprintf(stderr, "exportcheck: cannot open %s\n", file);
		exit(2);
	}
	char *line = NULL;
	size_t cap = 0;
	int row = 0;
	for (int i = 0; i < ndocs; i++) {
		for (int k = 1; k <= docs[i].issues; k++) {
			ssize_t n = getline(&line, &cap, f);
			row++;
			if (n <= 0) {
				fail("%s: %d lines, but %s has issue %d still", file, row - 1, docs[i].path, k);
				goto done;
			}
			char where[600];
			snprintf(where, sizeof where, "%s: line %d (%s issue %d)", file, row, docs[i].path, k);
			if (line[n - 1] != '\n')
				fail("%s: no final newline", where);
			json_error_t err;
			json_t *obj = json_loads(line, JSON_REJECT_DUPLICATES, &err);
			if (!json_is_object(obj)) {
				fail("%s: not a JSON object: %s", where, err.text);
				json_decref(obj);
				continue;
			}
			if (json_object_size(obj) != NCOLS)
				fail("%s: %zu keys, want %d", where, json_object_size(obj), NCOLS);
			void *it = json_object_iter(obj);
			for (int c = 0; c < NCOLS; c++, it = it ? json_object_iter_next(obj, it) : NULL) {
				if (!it || strcmp(json_object_iter_key(it), cols[c].name) != 0) {
					fail("%s: key %d is not %s", where, c + 1, cols[c].name);
					break;
				}
				json_t *j = json_object_iter_value(it);
				int nv;
				char **v = expected(&docs[i], c, k, &nv);
				if (cols[c].many) {
					if (!json_is_array(j) || (int)json_array_size(j) != nv)
						fail("%s: column %s: want an array of %d", where, cols[c].name, nv);
					else
						for (int m = 0; m < nv; m++)
							check_json_value(where, c, json_array_get(j, (size_t)m), v[m]);
				} else if (nv == 0) {
					if (!json_is_null(j))
						fail("%s: column %s: absent from the XML, want null", where, cols[c].name);
				} else {
					check_json_value(where, c, j, v[0]);
				}
				free_values(v, nv);
			}
			json_decref(obj);
		}
	}
	if (getline(&line, &cap, f) > 0)
		fail("%s: more lines than the XML has issues (%d)", file, row);
done:
	free(line);
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc < 3 || (argc - 3) % 2 || (strcmp(argv[1], "csv") && strcmp(argv[1], "jsonl"))) {
		fputs("usage: exportcheck csv|jsonl EXPORT SOURCE XML [SOURCE XML]...\n", stderr);
		return 2;
	}
	int ndocs = (argc - 3) / 2;
	struct doc *docs = calloc((size_t)ndocs + 1, sizeof *docs);
	int items = 0;
	for (int i = 0; i < ndocs; i++) {
		docs[i].source = argv[3 + 2 * i];
		docs[i].path = argv[4 + 2 * i];
		open_doc(&docs[i]);
		items += docs[i].issues;
	}
	if (strcmp(argv[1], "csv") == 0)
		check_csv(argv[2], docs, ndocs);
	else
		check_jsonl(argv[2], docs, ndocs);
	for (int i = 0; i < ndocs; i++) {
		xmlXPathFreeContext(docs[i].ctx);
		xmlFreeDoc(docs[i].xml);
	}
	free(docs);
	if (failures) {
		fprintf(stderr, "exportcheck: %s: %d difference(s)\n", argv[2], failures);
		return 1;
	}
	printf("exportcheck: %s: %d documents, %d rows, every cell as the XML says\n", argv[2], ndocs,
	       items);
	return 0;
}
