/* validate.c - the embedded schema, compiled once per process, and one
 * validation context per thread (as xmllint does it).  Errors reach a
 * structured handler per context, never a global one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include "diag.h"
#include "imr2xml.h"

/* libxml2 2.12 made the structured error callback take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *imr_xml_error;
#else
typedef xmlError *imr_xml_error;
#endif

extern const char imr_schema_data[];
extern const unsigned long imr_schema_size;

struct imr_schema {
	xmlSchemaPtr schema;
};

struct imr_validator {
	xmlSchemaValidCtxtPtr ctxt;
};

const char *imr_schema_text(size_t *len)
{
	*len = (size_t)imr_schema_size;
	return imr_schema_data;
}

/* One error of libxml2 as one diagnostic, message without its newline. */
static void to_diag(void *data, imr_xml_error err)
{
	struct imr_diags *diags = data;
	if (!diags || !err || err->level == XML_ERR_NONE)
		return;
	const char *msg = err->message ? err->message : "unknown error";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	enum imr_severity sev = err->level == XML_ERR_WARNING ? IMR_WARNING : IMR_ERROR;
	imr_diag_add(diags, sev, err->line > 0 ? (unsigned)err->line : 0, 0, NULL, 0, "%.*s",
	             (int)n, msg);
}

struct imr_schema *imr_schema_load(struct imr_diags *diags)
{
	struct imr_schema *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(imr_schema_data, (int)imr_schema_size);
	if (!pc) {
		free(s);
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pc, to_diag, diags);
	s->schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!s->schema) {
		free(s);
		return NULL;
	}
	return s;
}

void imr_schema_free(struct imr_schema *s)
{
	if (!s)
		return;
	xmlSchemaFree(s->schema);
	free(s);
}

struct imr_validator *imr_validator_new(const struct imr_schema *schema)
{
	struct imr_validator *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->ctxt = xmlSchemaNewValidCtxt(schema->schema);
	if (!v->ctxt) {
		free(v);
		return NULL;
	}
	return v;
}

void imr_validator_free(struct imr_validator *v)
{
	if (!v)
		return;
	xmlSchemaFreeValidCtxt(v->ctxt);
	free(v);
}

bool imr_validate_doc(struct imr_validator *v, xmlDocPtr doc, struct imr_diags *diags)
{
	xmlSchemaSetValidStructuredErrors(v->ctxt, to_diag, diags);
	int rc = xmlSchemaValidateDoc(v->ctxt, doc);
	xmlSchemaSetValidStructuredErrors(v->ctxt, NULL, NULL);
	if (rc < 0)
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "internal error while validating");
	return rc == 0;
}

/* The parser's errors: userData is the parser context, _private ours. */
static void parser_error(void *data, imr_xml_error err)
{
	xmlParserCtxtPtr pc = data;
	to_diag(pc ? pc->_private : NULL, err);
}

enum imr_status imr_validate_file(struct imr_validator *v, const char *path, struct imr_diags *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "cannot open: %s", strerror(errno));
		return IMR_USAGE;
	}
	fclose(f);
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return IMR_USAGE;
	pc->_private = diags;
	pc->sax->serror = parser_error;
	/* No network, no DTD loading, no entity substitution: reading a file
	 * fetches and expands nothing. */
	xmlDocPtr doc = xmlCtxtReadFile(pc, path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	enum imr_status st;
	if (!doc) {
		if (!diags->errors)
			imr_diag_add(diags, IMR_ERROR, 0, 0, NULL, 0, "not well-formed XML");
		st = IMR_REJECTED;
	} else {
		st = imr_validate_doc(v, doc, diags) ? IMR_OK : IMR_REJECTED;
		xmlFreeDoc(doc);
	}
	xmlFreeParserCtxt(pc);
	return st;
}
